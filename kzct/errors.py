"""Exit codes, and the domain errors raised deep in the pipeline and caught once in ``kzct.face.cli``."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every code kzct exits with (``MEANINGS`` says what each means; the README's table is
    written from it and tested against it)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    NO_MATCH = 3
    AMBIGUOUS = 4
    INTERRUPTED = 130


MEANINGS = {
    ExitCode.OK: "success, including a query that matched nothing (`[]` with `--json`, a "
                 "one-line note on stderr for a table), and output cut short by its reader "
                 "(`kzct timeline \\| head -1`)",
    ExitCode.ERROR: "`kzct check`: a finding at or above `--fail-on` (error unless given). "
                    "Any command: output could not be written (`kzct: error: cannot write output: No space "
                    "left on device`), or an internal error (a bug): one line on stderr; "
                    "`KZCT_DEBUG=1` shows the traceback. Also a cache database found damaged "
                    "after output had begun: it is removed, and the command can simply be run "
                    "again (damage found before any output is repaired silently); or a cache "
                    "another kzct holds locked too long (`the index cache cannot be read now`: run "
                    "the command again)",
    ExitCode.USAGE: "bad usage or bad input: an unknown command or option, an impossible value "
                    "(`--year abc`, `--from 2006-13`, `--min-score nan`), an empty query, a "
                    "filter name that matches nothing or several things (`--place Atlantis`), "
                    "a missing, unreadable, empty or non-UTF-8 seed, an article past kzct's "
                    "limits (docs/reliability.md). One line on stderr says what is wrong",
    ExitCode.NO_MATCH: "`kzct show NAME`: nothing matches NAME (`\"match\": \"none\"` with "
                       "`--json`)",
    ExitCode.AMBIGUOUS: "`kzct show NAME`: several entities match NAME equally well; they are "
                        "listed (`\"match\": \"ambiguous\"` with `--json`)",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
}


class KzctError(Exception):
    """An error the user can fix; printed as one line, exit code ``exit_code``."""

    exit_code: int = ExitCode.USAGE


class SeedError(KzctError):
    """The seed file is missing, unreadable, empty or not UTF-8."""


class LimitError(KzctError):
    """An article past one of kzct's limits (``kzct.build``: the largest article, the most names
    in one sentence): said in one line, exit code 2, before memory runs out."""


class UsageError(KzctError):
    """An option value that cannot mean anything (``--year abc``, ``--place Atlantis``)."""


class OutputError(KzctError):
    """Writing the output failed (a full disk): said as such, exit code 1, no traceback."""

    exit_code = ExitCode.ERROR

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write output: {reason}")


class OutputClosed(Exception):
    """The reader of stdout went away (`kzct timeline | head -1`): stop quietly.

    Not an ``OSError``, so that nothing between the writer and ``cli._run`` turns it into an
    error message or an exit code of its own.
    """


class CacheUnavailable(KzctError):
    """The cache database cannot be read now (another kzct holds it locked past SQLite's wait):
    said as such, exit code 1; the cache is left as it is."""

    exit_code = ExitCode.ERROR


class CacheCorrupt(Exception):
    """The cache database failed while being read: ``cli._run`` deletes it and runs again."""
