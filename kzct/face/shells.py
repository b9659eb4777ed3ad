"""The completion scripts of bash, zsh and fish: what ``kzct completion SHELL`` prints, and what
``scripts/gen_completions.py`` commits to ``completions/`` (a test keeps the two the same).

Each script hands the words of the command line to ``kzct`` (see ``kzct.face.complete`` for the
protocol) and offers what it answers; only when it answers ``files`` (for ``--seed``) does the
shell complete file names.
"""

from __future__ import annotations

NOTE = "# kzct's completion for {shell}: printed by `kzct completion {shell}`; do not edit.\n"
INSTALL = {
    "bash": "# Install: kzct completion bash > ~/.local/share/bash-completion/completions/kzct\n"
            "# (or source it from ~/.bashrc).\n",
    "zsh": "# Install: kzct completion zsh > ~/.zfunc/_kzct, with fpath=(~/.zfunc $fpath) before\n"
           "# compinit in ~/.zshrc (or source it after compinit).\n",
    "fish": "# Install: kzct completion fish > ~/.config/fish/completions/kzct.fish\n",
}

BASH = r"""_kzct_completion() {
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
"""

ZSH = r"""_kzct_completion() {
  local -a reply values descriptions
  local line
  reply=("${(@f)$(_KZCT_COMPLETE=complete_zsh _KZCT_COMPLETE_ARGS="${(pj:\n:)words[1,CURRENT]}" \
    ${words[1]} 2>/dev/null)}")
  if [[ $reply[1] == files ]]; then
    _files
    return
  fi
  for line in "${(@)reply[2,-1]}"; do
    [[ -z $line ]] && continue
    values+=("${line%%$'\t'*}")
    if [[ $line == *$'\t'* ]]; then
      descriptions+=("${line%%$'\t'*}  -- ${line#*$'\t'}")
    else
      descriptions+=("$line")
    fi
  done
  (( $#values )) && compadd -U -l -d descriptions -- "${values[@]}"
}

compdef _kzct_completion kzct

# Autoloaded from $fpath as _kzct, this file is the completion function: complete now too.
if [[ "${funcstack[1]}" == "_kzct" ]]; then
  _kzct_completion "$@"
fi
"""

FISH = r"""function __kzct_complete
    set -lx _KZCT_COMPLETE_ARGS (string join \n -- (commandline -cop) (commandline -ct) | string collect -N)
    set -l reply (_KZCT_COMPLETE=complete_fish kzct 2>/dev/null)
    if test "$reply[1]" = files
        __fish_complete_path (commandline -ct)
    else if set -q reply[2]
        printf '%s\n' $reply[2..-1]
    end
end

complete --command kzct --no-files --arguments '(__kzct_complete)'
"""

FILES = {"bash": "kzct.bash", "zsh": "_kzct", "fish": "kzct.fish"}


def script(shell: str) -> str:
    """The completion script of ``shell`` (bash, zsh or fish)."""
    header = NOTE.format(shell=shell) + INSTALL[shell]
    body = {"bash": BASH, "zsh": ZSH, "fish": FISH}[shell]
    if shell == "zsh":  # zsh reads its tag from the first line only
        return "#compdef kzct\n" + header + "\n" + body
    return header + "\n" + body
