"""Shell completion: the answer to a TAB, from kzct's commands and the small words file the
cache writes.

The scripts that ``kzct completion bash|zsh|fish`` prints (``kzct.face.shells``, committed in
``completions/``) run ``kzct`` with ``_KZCT_COMPLETE=complete_SHELL`` and the words of the
command line in the environment (bash: ``COMP_WORDS``/``COMP_CWORD``; zsh and fish:
``_KZCT_COMPLETE_ARGS``, one word a line, the last the one being completed). ``answer`` prints a
first line, ``words`` or ``files``, then one candidate a line (``value<TAB>help`` for zsh and
fish). ``files`` asks the shell for its own file name completion; it is answered only for
``--seed``, so that ``--from <TAB>`` or a TAB after ``show NAME`` offer nothing rather than the
files of the current directory.

A TAB runs ``kzct`` once, so it must stay fast: it never builds the index, never imports Rich,
rapidfuzz or mwparserfromhell, and reads one JSON file with nothing but ``json`` and ``os``.
Whenever ``kzct.store.cache`` builds an index it also writes ``words-<key>.json`` next to the cache
database: the years that have events, the place and group names, and the names of every entity,
for the set of seed files it was built from. Before any index is built there is no words file,
and values complete to nothing (commands and options still complete).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kzct.context import Environment
from kzct.files import OWN_DIR
from kzct.words import read_words, seed_set

TYPED = "kzct.typed"  # the word being completed, in ctx.meta

# Characters bash would take as syntax in an unquoted word: a candidate holding one is inserted
# with backslashes (`Hizb\ ut-Tahrir`), as bash's own file name completion does.
_BASH_SPECIAL = frozenset(" \t\n'\"\\$`&|;<>()*?[]{}!#~^")


# -- where the words are ----------------------------------------------------------------------

def cache_dir(env: Environment | None = None) -> str:
    """Where the words files are: the same directory as ``kzct.store.cache.kzct_dir()``,
    without importing it."""
    return str((env if env is not None else Environment.read()).cache_dir_path() / OWN_DIR)


def seed_files(cli_paths: list[str] | None = None, env_value: str | None = None) -> list[str]:
    """The seed files a command would load (``kzct.seeds.find_seeds``); none where it would
    stop with an error (a TAB never raises)."""
    from pathlib import Path

    from kzct.errors import SeedError
    from kzct.seeds import find_seeds

    try:
        choice = find_seeds([Path(p) for p in cli_paths] if cli_paths else None, env_value)
    except SeedError:
        return []
    return [str(p) for p in choice.paths]


# -- the value callbacks (Typer's `autocompletion=`) -------------------------------------------

def _words(ctx: Any, field: str) -> list[Any]:
    cli_seeds = None
    try:
        cli_seeds = ctx.find_root().params.get("seed")
    except AttributeError:
        pass
    env = Environment.read()
    files = seed_files([str(s) for s in cli_seeds] if cli_seeds else None, env.seed)
    words = read_words(seed_set(files), cache_dir(env))
    values = words.get(field) if words is not None else None
    return values if isinstance(values, list) else []


def _typed(ctx: Any, incomplete: str) -> str:
    try:
        return str(ctx.meta.get(TYPED, incomplete))
    except AttributeError:
        return incomplete


def _matching(values: list[Any], incomplete: str) -> list[str]:
    return [v for v in values if isinstance(v, str) and v.startswith(incomplete)]


def complete_year(ctx: Any, incomplete: str) -> list[str]:
    """``timeline --year``: the years that have events."""
    return _matching(_words(ctx, "years"), _typed(ctx, incomplete))


def complete_place(ctx: Any, incomplete: str) -> list[str]:
    """``timeline --place``: places, by Chinese and English name."""
    return _matching(_words(ctx, "places"), _typed(ctx, incomplete))


def complete_group(ctx: Any, incomplete: str) -> list[str]:
    """``timeline --group``: groups, by Chinese and English name."""
    return _matching(_words(ctx, "groups"), _typed(ctx, incomplete))


def complete_name(ctx: Any, incomplete: str) -> list[str]:
    """``show NAME`` and ``search QUERY``: names of people, places and groups.

    A name whose start or any word's start is typed counts (`Nazar` is a word of Nursultan
    Nazarbayev). When the names typed so far belong to one entity, its full name is the one
    candidate; else each entity offers the names it has that begin as typed (or its full name)."""
    incomplete = _typed(ctx, incomplete)
    typed = incomplete.casefold()
    offers: list[tuple[str, list[str]]] = []  # (full name, the names to offer)
    for names in _words(ctx, "entities"):
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            continue
        starting = [n for n in names if n.casefold().startswith(typed)]
        in_word = any(word.casefold().startswith(typed)
                      for n in names for word in n.replace("-", " ").split())
        if starting:
            offers.append((names[0], [names[0]] if names[0] in starting else starting))
        elif in_word:
            offers.append((names[0], [names[0]]))
    if len(offers) == 1:
        return [offers[0][0]]
    found = sorted({name for _full, offer in offers for name in offer})
    prefixed = [name for name in found if name.startswith(incomplete)]
    return prefixed or found


def complete_code(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """``check --ignore``: the codes of the checks, each with what it finds; after a comma
    (`R301,D1`), the codes that may follow the ones given."""
    from kzct.queries.check import RULES  # its rules only: building is imported when checking

    head, comma, last = _typed(ctx, incomplete).rpartition(",")
    given = set(head.upper().split(",")) if comma else set()
    return [(head + comma + rule.code, rule.summary) for rule in RULES.values()
            if rule.code.startswith(last.upper()) and rule.code not in given]


def complete_command(ctx: Any, incomplete: str) -> list[str]:
    """``kzct help COMMAND``: the commands."""
    incomplete = _typed(ctx, incomplete)
    root = ctx.find_root()
    return [name for name, _help in _subcommands(root.command, root) if name.startswith(incomplete)]


def _subcommands(command: Any, ctx: Any) -> list[tuple[str, str]]:
    """``(name, summary)`` of the commands of a group (none for a command)."""
    if not hasattr(command, "list_commands"):
        return []
    out = []
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not getattr(sub, "hidden", False):
            out.append((name, _one_line(getattr(sub, "short_help", None) or sub.help)))
    return out


# -- the request itself -------------------------------------------------------------------------

def _request(env: Environment) -> tuple[str, list[str], str]:
    """``(shell, complete words after kzct, the word being completed)`` from the environment."""
    shell = (env.completion or "").removeprefix("complete_")
    if shell == "bash":
        line = env.comp_words
        words = line.split("\n") if "\n" in line else line.split(" ")
        try:
            cword = int(env.comp_cword or len(words) - 1)
        except ValueError:
            cword = len(words) - 1
        current = words[cword] if 0 <= cword < len(words) else ""
        return shell, words[1:cword], current
    line = env.completion_args
    if shell == "fish":  # fish's `string join` ends what it prints with a newline
        line = line.removesuffix("\n")
    words = line.split("\n")
    return shell, words[1:-1], words[-1] if len(words) > 1 else ""


def unquote(word: str) -> tuple[str, str]:
    """The text of a word as typed (``"Islamic M`` → ``Islamic M``, ``Hizb\\ u`` → ``Hizb u``)
    and the quote it opened, if any."""
    if word[:1] in ("'", '"'):
        quote = word[0]
        body = word[1:]
        if body.endswith(quote):
            body = body[:-1]
        return body, quote
    out, escaped = [], False
    for ch in word:
        if escaped or ch != "\\":
            out.append(ch)
            escaped = False
        else:
            escaped = True
    return "".join(out), ""


def _find_option(command: Any, name: str) -> Any:
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "option" and (
                name in param.opts or name in param.secondary_opts):
            return param
    return None


def candidates(group: Any, words: list[str], incomplete: str,
               new_context: Callable[..., Any]) -> tuple[str, list[tuple[str, str]]]:
    """What to offer for ``incomplete`` after ``words`` (all after ``kzct``): ``("files", [])``
    or ``("words", [(value, help), …])``."""
    root = new_context(group, info_name="kzct")
    seeds: list[str] = []
    root.params["seed"] = seeds
    command, ctx = group, root
    pending = None  # an option waiting for its value
    positional = 0
    only_arguments = False
    for word in words:
        text, _quote = unquote(word)
        if pending is not None and word == "=":  # bash splits `--seed=x` into three words
            continue
        if pending is not None:
            if "--seed" in pending.opts:
                seeds.append(text)
            pending = None
            continue
        if not only_arguments and word == "--":
            only_arguments = True
            continue
        if not only_arguments and word.startswith("-") and word != "-":
            name, equals, value = word.partition("=")
            option = _find_option(command, name)
            if option is not None and not option.is_flag and not option.count:
                if equals:
                    if "--seed" in option.opts:
                        seeds.append(unquote(value)[0])
                else:
                    pending = option
            continue
        sub = command.get_command(ctx, word) if hasattr(command, "get_command") and \
            positional == 0 else None
        if sub is not None:
            command = sub
            ctx = new_context(command, info_name=word, parent=ctx)
            continue
        positional += 1
    typed, _quote = unquote(incomplete)
    if pending is not None:
        return _values(pending, ctx, "" if typed == "=" else typed)
    name, equals, value = typed.partition("=")
    if equals and name.startswith("-") and not only_arguments:  # `--seed=se` as one word
        option = _find_option(command, name)
        if option is not None and not option.is_flag:
            return _values(option, ctx, value)
    if typed.startswith("-") and not only_arguments:
        offers = []
        for param in getattr(command, "params", []):
            if getattr(param, "param_type_name", "") != "option" or getattr(param, "hidden", False):
                continue
            for opt in (*param.opts, *param.secondary_opts):
                if opt.startswith(typed):
                    offers.append((opt, _one_line(param.help)))
        if "--help".startswith(typed):
            offers.append(("--help", "Show this message and exit."))
        return "words", offers
    if hasattr(command, "list_commands"):
        return "words", [(name, summary) for name, summary in _subcommands(command, ctx)
                         if name.startswith(typed)]
    arguments = [p for p in getattr(command, "params", [])
                 if getattr(p, "param_type_name", "") == "argument"]
    if positional < len(arguments):
        return _values(arguments[positional], ctx, typed)
    return "words", []  # a complete command line: nothing more to offer, not even files


def _values(param: Any, ctx: Any, typed: str) -> tuple[str, list[tuple[str, str]]]:
    """The values ``param`` offers for ``typed``: its choices, or what its ``autocompletion=``
    function returns. Typer keeps only the candidates that start with what the function is
    given, which would drop `Nursultan Nazarbayev` for `Nazar`: so the function is given "" and
    finds what was typed in ``ctx.meta`` (Click's place for such data), and filters itself."""
    if getattr(param.type, "name", "") in ("path", "file", "directory"):
        return "files", []
    ctx.meta[TYPED] = typed
    items = param.shell_complete(ctx, "")
    if getattr(param.type, "choices", None) is not None:
        items = [item for item in items if str(item.value).startswith(typed)]
    return "words", [(str(item.value), _one_line(getattr(item, "help", None))) for item in items]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def answer(group: Any, new_context: Callable[..., Any], env: Environment,
           write: Callable[[str], Any] | None = None) -> None:
    """Answer the completion request described by the environment (see the module's doc)."""
    import sys

    shell, words, current = _request(env)
    kind, offers = candidates(group, words, current, new_context)
    lines = [kind]
    if shell == "bash":
        quoted = bool(unquote(current)[1])
        lines += [value if quoted else _bash_escape(value) for value, _help in offers]
    else:
        lines += [f"{value}\t{help_}" if help_ else value for value, help_ in offers]
    (write or sys.stdout.write)("\n".join(lines) + "\n")


def _bash_escape(value: str) -> str:
    return "".join(f"\\{ch}" if ch in _BASH_SPECIAL else ch for ch in value)
