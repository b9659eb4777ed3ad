"""Domain errors: raised deep in the pipeline, caught once in ``cli.py``."""

from __future__ import annotations


class KzctError(Exception):
    """An error the user can fix; printed as one line, exit code ``exit_code``."""

    exit_code = 2


class SeedError(KzctError):
    """The seed file is missing, unreadable, empty or not UTF-8."""


class UsageError(KzctError):
    """An option value that cannot mean anything (``--year abc``)."""


class OutputClosed(Exception):
    """The reader of stdout went away (`kzct timeline | head -1`): stop quietly.

    Not an ``OSError``, so that nothing between the writer and ``cli.main`` turns it into an
    error message or an exit code of its own.
    """


class CacheCorrupt(Exception):
    """The cache database failed while being read: ``cli.main`` deletes it and runs again."""


class _Output:
    """Whether this run has written to stdout: a damaged cache met before any output is rebuilt
    and the command run again; after it, the command cannot be re-run without printing twice."""

    started = False


OUTPUT = _Output()
