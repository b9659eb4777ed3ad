"""The run context: the environment, read once, and the state of one run of kzct.

Every environment variable kzct obeys is read here, in ``Environment.read``, and nowhere else
(the words of a completion request, ``COMP_WORDS`` and the like, too: ``kzct.face.complete``
answers from these fields); the ``Run`` built from it is passed down (Click's
``ctx.obj``) to the commands, the index loader and the renderer. Nothing here imports more than
the standard library.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, NamedTuple

SEED_ENV = "KZCT_SEED"
CACHE_ENV = "KZCT_CACHE_DIR"
API_ENV = "KZCT_API"


class Environment(NamedTuple):
    """The environment variables kzct reads (see the table in docs/output.md), as found at start."""

    seed: str | None = None  # KZCT_SEED: paths separated by os.pathsep
    cache_dir: str | None = None  # KZCT_CACHE_DIR
    api: str | None = None  # KZCT_API: the api.php kzct fetch asks
    contact: str | None = None  # KZCT_CONTACT: how a wiki reaches whoever runs kzct fetch
    xdg_cache_home: str | None = None  # XDG_CACHE_HOME
    home: str | None = None  # HOME, for ~/.cache
    no_cache: bool = False  # KZCT_NO_CACHE
    debug: bool = False  # KZCT_DEBUG
    no_color: bool = False  # NO_COLOR
    force_color: bool = False  # FORCE_COLOR
    dumb: bool = False  # TERM=dumb
    columns: int | None = None  # COLUMNS
    lines: int | None = None  # LINES
    pager: str | None = None  # KZCT_PAGER, else PAGER
    less: str | None = None  # LESS, passed on to the pager (FRX when unset)
    completion: str | None = None  # _KZCT_COMPLETE: a shell's TAB (see kzct.face.complete)
    # the command line of that TAB: bash's COMP_WORDS and COMP_CWORD, or _KZCT_COMPLETE_ARGS
    comp_words: str = ""
    comp_cword: str = ""
    completion_args: str = ""

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Environment:
        env = os.environ if environ is None else environ

        def number(name: str) -> int | None:
            value = env.get(name, "").strip()
            return int(value) if value.isdigit() and int(value) > 0 else None

        pager = env.get("KZCT_PAGER")
        if pager is None:
            pager = env.get("PAGER")
        return cls(
            seed=env.get(SEED_ENV) or None,
            cache_dir=env.get(CACHE_ENV) or None,
            api=env.get(API_ENV) or None,
            contact=env.get("KZCT_CONTACT") or None,
            xdg_cache_home=env.get("XDG_CACHE_HOME") or None,
            home=env.get("HOME") or None,
            no_cache=bool(env.get("KZCT_NO_CACHE")),
            debug=bool(env.get("KZCT_DEBUG")),
            no_color=bool(env.get("NO_COLOR")),
            force_color=bool(env.get("FORCE_COLOR")),
            dumb=env.get("TERM") == "dumb",
            columns=number("COLUMNS"),
            lines=number("LINES"),
            pager=pager,
            less=env.get("LESS"),
            completion=env.get("_KZCT_COMPLETE") or None,
            comp_words=env.get("COMP_WORDS", ""),
            comp_cword=env.get("COMP_CWORD", ""),
            completion_args=env.get("_KZCT_COMPLETE_ARGS", ""),
        )

    def cache_dir_path(self) -> Path:
        """``KZCT_CACHE_DIR``, else ``$XDG_CACHE_HOME/kzct``, else ``~/.cache/kzct``."""
        if self.cache_dir:
            return Path(self.cache_dir)
        base = self.xdg_cache_home or os.path.join(self.home or os.path.expanduser("~"), ".cache")
        return Path(base) / "kzct"


def _isatty(stream: IO[str] | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (OSError, ValueError):
        return False


class Run:
    """One run of kzct: its environment, its global options, and whether output has begun.

    ``output_started`` matters to a damaged cache met while records stream: before any output
    the command is simply run again; after it, it cannot be without printing twice.
    """

    def __init__(self, env: Environment | None = None) -> None:
        self.env = env if env is not None else Environment.read()
        self.seeds: list[Path] = []  # --seed, wherever it was given
        self.no_cache = self.env.no_cache
        self.no_pager = False
        # --revision and --at: which revision of each page an XML export given as a seed gives
        self.revision: int | None = None
        self.at: str | None = None
        self.output_started = False
        self._scratch: str | None = None  # a directory of this run only (see ``scratch``)
        self.fields: tuple[str, ...] | None = None  # --fields: the record fields written
        self.header = True  # --no-header: none for CSV and TSV
        self.stdout_tty = _isatty(sys.stdout)
        self.stderr_tty = _isatty(sys.stderr)

    @property
    def use_cache(self) -> bool:
        return not self.no_cache

    def add_options(self, seeds: list[Path] | None = None, no_cache: bool = False,
                    no_pager: bool = False, revision: int | None = None,
                    at: str | None = None) -> None:
        """The global options, given before the command or after it (both count; of
        ``revision`` and ``at``, the one given last)."""
        for seed in seeds or []:
            self.seeds.append(seed)
        self.no_cache = self.no_cache or no_cache
        self.no_pager = self.no_pager or no_pager
        self.revision = revision if revision is not None else self.revision
        self.at = at if at is not None else self.at

    def scratch(self) -> Path:
        """A directory for files this run writes and no later run reads (the articles of an
        export under ``--no-cache``), removed by ``close``."""
        if self._scratch is None:
            import tempfile

            self._scratch = tempfile.mkdtemp(prefix="kzct-")
        return Path(self._scratch)

    def close(self) -> None:
        """Remove what this run kept only for itself."""
        if self._scratch is not None:
            import shutil

            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    # -- the terminal ---------------------------------------------------------------------
    @property
    def colour(self) -> bool:
        """Colour and styles: on a terminal, never under NO_COLOR or TERM=dumb; FORCE_COLOR
        forces them (NO_COLOR wins)."""
        if self.env.no_color:
            return False
        if self.env.force_color:
            return True
        return self.stdout_tty and not self.env.dumb

    @property
    def width(self) -> int:
        """The width tables are laid out for: COLUMNS, else the terminal's, else 100."""
        if self.env.columns:
            return self.env.columns
        if self.stdout_tty:
            try:
                return os.get_terminal_size(sys.stdout.fileno()).columns or 100
            except (OSError, ValueError):
                pass
        return 100

    @property
    def height(self) -> int:
        """The terminal's height (LINES first), for the pager's decision."""
        if self.env.lines:
            return self.env.lines
        try:
            return os.get_terminal_size(sys.stdout.fileno()).lines or 24
        except (OSError, ValueError):
            return 24

    def pager_command(self) -> str | None:
        """The pager for a long table: only when stdout is a terminal, not with --no-pager;
        KZCT_PAGER, else PAGER, else ``less``; an empty value or ``cat`` means none."""
        if self.no_pager or not self.stdout_tty:
            return None
        command = self.env.pager if self.env.pager is not None else "less"
        return None if command.strip() in ("", "cat") else command

    def pager_environment(self) -> dict[str, str]:
        """The pager's environment: ours, with LESS=FRX when unset (quit if one screen, keep
        colours, leave the screen as it was), as git does."""
        return {**os.environ, "LESS": self.env.less if self.env.less is not None else "FRX"}
