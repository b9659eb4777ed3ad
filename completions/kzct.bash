# kzct's completion for bash: printed by `kzct completion bash`; do not edit.
# Install: kzct completion bash > ~/.local/share/bash-completion/completions/kzct
# (or source it from ~/.bashrc).

_kzct_completion() {
    local IFS=$'\n'
    local -a reply
    mapfile -t reply < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \
        _KZCT_COMPLETE=complete_bash "$1" 2>/dev/null)
    if [[ ${reply[0]} == files ]]; then
        COMPREPLY=()
        compopt -o default 2>/dev/null
    else
        COMPREPLY=("${reply[@]:1}")
    fi
    return 0
}

complete -F _kzct_completion kzct
