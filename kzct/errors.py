"""Exit codes, and the domain errors raised deep in the pipeline and caught once in ``kzct.face.cli``."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every code kzct exits with (``MEANINGS`` says what each means; the table in
    docs/output.md is written from it and tested against it)."""

    OK = 0
    ERROR = 1
    CHANGED = 1  # `kzct diff` found changes, as diff(1) says so (a second name of ERROR)
    USAGE = 2
    NO_MATCH = 3
    AMBIGUOUS = 4
    UNREACHABLE = 5
    SERVER = 6
    INTERRUPTED = 130


MEANINGS = {
    ExitCode.OK: "success, including a query that matched nothing (`[]` with `--json`, a "
                 "one-line note on stderr for a table), and output cut short by its reader "
                 "(`kzct timeline \\| head -1`)",
    ExitCode.ERROR: "`kzct diff`: the facts changed between OLD and NEW. "
                    "`kzct check`: a finding at or above `--fail-on` (error unless given). "
                    "Any command: output could not be written (`kzct: error: cannot write "
                    "output: No space left on device`), or an internal error (a bug): one line "
                    "on stderr; "
                    "`KZCT_DEBUG=1` shows the traceback. Also a cache database found damaged "
                    "after output had begun: it is removed, and the command can simply be run "
                    "again (damage found before any output is repaired silently); or a cache "
                    "another kzct holds locked too long (`the index cache cannot be read now`: run "
                    "the command again). `kzct cache clear`: some of kzct's files could not be "
                    "removed (`cannot remove 3 of kzct's files in …: Read-only file system`)",
    ExitCode.USAGE: "bad usage or bad input: an unknown command or option, an impossible value "
                    "(`--year abc`, `--from 2006-13`, `--min-score nan`), an empty query, a "
                    "filter name that matches nothing or several things (`--place Atlantis`), "
                    "a missing, unreadable, empty or non-UTF-8 seed, a seed that is a device "
                    "(`/dev/zero`) or larger than 64 MiB, a named pipe nothing writes to, an "
                    "article past kzct's limits (docs/reliability.md), an XML export that "
                    "cannot be read, a title the wiki calls invalid (`kzct fetch '<>'`). One "
                    "line on stderr says what is wrong",
    ExitCode.NO_MATCH: "`kzct show NAME`: nothing matches NAME (`\"match\": \"none\"` with "
                       "`--json`). `kzct fetch`: the wiki has no such page or revision",
    ExitCode.AMBIGUOUS: "`kzct show NAME`: several entities match NAME equally well; they are "
                        "listed (`\"match\": \"ambiguous\"` with `--json`)",
    ExitCode.UNREACHABLE: "`kzct fetch`: the wiki cannot be reached (connection refused, no such "
                          "host, timed out); nothing was written",
    ExitCode.SERVER: "`kzct fetch`: the wiki kept failing (429 or 5xx after every retry) or "
                     "answered what is not its API's JSON; nothing was written",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C, SIGINT): `kzct: interrupted` on stderr",
}


class KzctError(Exception):
    """An error the user can fix; printed as one line, exit code ``exit_code``."""

    exit_code: int = ExitCode.USAGE


class SeedError(KzctError):
    """The seed file is missing, unreadable, empty or not UTF-8; a device, too large, or a named
    pipe nothing writes to."""


class LimitError(KzctError):
    """An article past one of kzct's limits (``kzct.build``: the largest article, the most names
    in one sentence): said in one line, exit code 2, before memory runs out."""


class UsageError(KzctError):
    """An option value that cannot mean anything (``--year abc``, ``--place Atlantis``)."""


class NotFound(KzctError):
    """What was asked for is not there (``kzct fetch``: no such page or revision)."""

    exit_code = ExitCode.NO_MATCH


class Unreachable(KzctError):
    """The wiki's API cannot be reached (connection refused, no such host, timed out)."""

    exit_code = ExitCode.UNREACHABLE


class ServerError(KzctError):
    """The wiki's API kept failing, or answered what kzct cannot read."""

    exit_code = ExitCode.SERVER


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


class CacheNotCleared(KzctError):
    """``kzct cache clear`` could not remove kzct's files (a read-only cache): said as such,
    exit code 1."""

    exit_code = ExitCode.ERROR


class CacheCorrupt(Exception):
    """The cache database failed while being read: ``cli._run`` deletes it and runs again."""


def unreadable(path: object, exc: BaseException, what: str = "seed file") -> SeedError:
    """The one line that says why the file ``path`` could not be opened (``exc``)."""
    if isinstance(exc, FileNotFoundError):
        return SeedError(f"{what} {path} does not exist")
    if isinstance(exc, IsADirectoryError):
        return SeedError(f"{what} {path} is a directory")
    if isinstance(exc, PermissionError):
        return SeedError(f"{what} {path} is not readable (permission denied)")
    return SeedError(f"{what} {path} cannot be read: {getattr(exc, 'strerror', None) or exc}")
