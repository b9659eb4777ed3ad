"""The ``kzct`` command (and ``python -m kzct``): the process around ``kzct.face.cli.main``."""

from __future__ import annotations


def main() -> None:
    """Run kzct as a process. Ctrl-C before the run has begun (while kzct's modules are being
    imported) or after it has ended (as Python shuts down) is answered here, as during the run:
    ``kzct: interrupted``, exit code 130, never a traceback nor an end by the signal."""
    import signal

    signal.signal(signal.SIGINT, _interrupted)
    try:
        from kzct.face.cli import main as run

        run()
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _interrupted(_signum: int, _frame: object) -> None:
    import os

    os.write(2, b"kzct: interrupted\n")
    os._exit(130)


if __name__ == "__main__":
    main()
