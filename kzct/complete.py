"""Shell completion of option values, from the small words file the cache writes.

A completion request runs ``kzct`` once per TAB, so it must stay fast: it never builds the index,
never imports Rich, rapidfuzz or mwparserfromhell, and reads one JSON file with nothing but
``json``, ``os`` and ``zlib`` (which Python has loaded already). Whenever ``kzct.cache`` builds an index it also writes ``words-<key>.json`` next to the
cached seed indexes: the years that have events, the place and group names, and every entity
name, for the set of seed files it was built from. Before any index is built there is no words
file, and values complete to nothing (commands and options still complete).

The completion scripts in ``completions/`` are Typer's own, written by
``scripts/gen_completions.py``; the protocol is Typer's (``_KZCT_COMPLETE=complete_bash`` and
friends), so ``kzct --install-completion`` installs the same scripts.
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any

WORDS_FORMAT = 1
COMPLETE_VAR = "_KZCT_COMPLETE"
CACHE_ENV = "KZCT_CACHE_DIR"  # as kzct.cache.CACHE_ENV
SEED_ENV = "KZCT_SEED"  # as kzct.seeds.SEED_ENV
SEED_NAME = "kazakhstan-terrorism.zhwiki.wikitext"  # as kzct.seeds.SEED_NAME

# Characters bash would take as syntax in an unquoted word: a candidate holding one is inserted
# with backslashes (`Hizb\ ut-Tahrir`), as bash's own file name completion does.
_BASH_SPECIAL = frozenset(" \t\n'\"\\$`&|;<>()*?[]{}!#~^")


# -- where the words are ----------------------------------------------------------------------

def cache_dir() -> str:
    """The same directory as ``kzct.cache.cache_dir()``, without importing it."""
    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "kzct")


def seed_files(cli_paths: list[str] | None = None) -> list[str]:
    """The seed files a command would load, as ``kzct.seeds.seed_paths`` finds them (a test
    pins that the two agree), but never raising: a seed that is not there is simply listed."""
    if cli_paths:
        raw = [str(p) for p in cli_paths]
    elif os.environ.get(SEED_ENV):
        raw = [p for p in os.environ[SEED_ENV].split(os.pathsep) if p]
    else:
        here = os.path.dirname(os.path.realpath(__file__))
        for candidate in (os.path.join(here, "_seeds", SEED_NAME),
                          os.path.join(os.path.dirname(here), "seeds", SEED_NAME)):
            if os.path.isfile(candidate):
                return [candidate]
        return []
    paths: list[str] = []
    for path in raw:
        if os.path.isdir(path):
            try:
                names = sorted(os.listdir(path))
            except OSError:
                continue
            paths.extend(os.path.join(path, n) for n in names
                         if not n.startswith(".") and os.path.isfile(os.path.join(path, n)))
        else:
            paths.append(path)
    return paths


def seed_set(paths: list[str]) -> list[str]:
    """The identity of a set of seed files: their absolute paths, in order."""
    return [os.path.abspath(p) for p in paths]


def words_path(directory: str, seeds: list[str]) -> str:
    """The words file of the seed set ``seeds`` (absolute paths). The file repeats ``seeds``,
    so the short checksum in its name only has to tell sets apart, not be unguessable."""
    key = zlib.crc32("\0".join(seeds).encode("utf-8", "surrogateescape"))
    return os.path.join(directory, f"words-{key:08x}.json")


def read_words(seeds: list[str], directory: str | None = None) -> dict[str, Any] | None:
    """The words file of ``seeds``, or None where there is none (yet) or it is unusable."""
    path = words_path(directory if directory is not None else cache_dir(), seeds)
    try:
        with open(path, encoding="utf-8") as f:
            words = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(words, dict) or words.get("format") != WORDS_FORMAT \
            or words.get("seeds") != seeds:
        return None
    return words


# -- the callbacks (Typer's `autocompletion=`) --------------------------------------------------

def _words(ctx: Any, field: str) -> list[str]:
    cli_seeds = None
    try:
        root = ctx.find_root()
        cli_seeds = root.params.get("seed") if root is not None else None
    except AttributeError:
        pass
    words = read_words(seed_set(seed_files(list(cli_seeds) if cli_seeds else None)))
    if words is None:
        return []
    values = words.get(field)
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def _matching(values: list[str], incomplete: str) -> list[str]:
    return [v for v in values if v.startswith(incomplete)]


def complete_year(ctx: Any, incomplete: str) -> list[str]:
    """``timeline --year``: the years that have events."""
    return _matching(_words(ctx, "years"), incomplete)


def complete_place(ctx: Any, incomplete: str) -> list[str]:
    """``timeline --place``: places, by Chinese and English name."""
    return _matching(_words(ctx, "places"), incomplete)


def complete_group(ctx: Any, incomplete: str) -> list[str]:
    """``timeline --group``: groups, by Chinese and English name."""
    return _matching(_words(ctx, "groups"), incomplete)


def complete_name(ctx: Any, incomplete: str) -> list[str]:
    """``show NAME`` and ``search QUERY``: every person, place and group name."""
    return _matching(_words(ctx, "names"), incomplete)


# -- the request itself -------------------------------------------------------------------------

def is_completion_request() -> bool:
    return bool(os.environ.get(COMPLETE_VAR))


def prepare() -> None:
    """Adjust Typer's completion output for kzct; called first thing in a completion request.

    - Typer passes help texts through Rich to strip markup, which imports Rich on every TAB;
      kzct's help has no markup (``rich_markup_mode=None``), so the text is used as it is.
    - bash inserts candidates as they are written: one with a space would become two words, so
      it is escaped, unless the word being completed opened a quote (bash then closes it).
    - zsh's candidates are put inside a single-quoted string, where Typer writes a ``'`` as
      ``''``, which zsh only reads as a quote with RC_QUOTES set; ``'\\''`` works everywhere.
    """
    from typer import _completion_classes as classes

    classes._sanitize_help_text = _same  # type: ignore[assignment]
    classes.BashComplete.format_completion = _bash_format  # type: ignore[method-assign]
    original_zsh = classes.ZshComplete.format_completion

    def zsh_format(self: Any, item: Any) -> str:
        return str(original_zsh(self, item)).replace("''", "'\\''")

    classes.ZshComplete.format_completion = zsh_format  # type: ignore[method-assign]


def _same(text: str) -> str:
    return text


def _bash_format(self: Any, item: Any) -> str:
    value = str(item.value)
    if not any(ch in _BASH_SPECIAL for ch in value) or _bash_word_is_quoted():
        return value
    return "".join(f"\\{ch}" if ch in _BASH_SPECIAL else ch for ch in value)


def _bash_word_is_quoted() -> bool:
    """Whether the word being completed opened a quote it has not closed (`kzct show "Hizb`)."""
    import shlex

    line = os.environ.get("COMP_WORDS", "")
    try:
        shlex.split(line)
    except ValueError:  # an open quote: always in the last word, the one being completed
        words = line.split("\n") if "\n" in line else line.split()
        cword = int(os.environ.get("COMP_CWORD", "-1") or -1)
        return cword >= len(words) - 1
    return False
