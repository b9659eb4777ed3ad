#!/usr/bin/env python3
"""Write kzct's shell completion scripts to completions/, as `kzct completion SHELL` prints them.

    python scripts/gen_completions.py          # (re)write completions/kzct.bash, _kzct, kzct.fish
    python scripts/gen_completions.py --check  # exit 1, naming them, when any is out of date

The scripts themselves live in kzct/face/shells.py, so that an installed kzct can print them
(`kzct completion bash|zsh|fish`); this keeps the committed copies, which the README's install
lines use, the same. Only kzct's own modules are used: the completion protocol is kzct's
(see kzct/face/complete.py), not Typer's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "completions"


def scripts() -> dict[str, str]:
    """File name → content, for each shell."""
    sys.path.insert(0, str(ROOT))
    from kzct.face.shells import FILES, script

    return {name: script(shell) for shell, name in FILES.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a script is missing or out of date")
    args = parser.parse_args()
    stale = []
    for name, content in scripts().items():
        path = OUT / name
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current == content:
            continue
        stale.append(path)
        if not args.check:
            OUT.mkdir(exist_ok=True)
            path.write_text(content, encoding="utf-8")
    for path in stale:
        verb = "out of date" if args.check else "written"
        print(f"{path.relative_to(ROOT)}: {verb}", file=sys.stderr)
    if args.check and stale:
        print("run: python scripts/gen_completions.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
