# kzct's completion for fish: printed by `kzct completion fish`; do not edit.
# Install: kzct completion fish > ~/.config/fish/completions/kzct.fish

function __kzct_complete
    set -lx _KZCT_COMPLETE_ARGS (string join \n -- (commandline -cop) (commandline -ct) | string collect -N)
    set -l reply (_KZCT_COMPLETE=complete_fish kzct 2>/dev/null)
    if test "$reply[1]" = files
        __fish_complete_path (commandline -ct)
    else if set -q reply[2]
        printf '%s\n' $reply[2..-1]
    end
end

complete --command kzct --no-files --arguments '(__kzct_complete)'
