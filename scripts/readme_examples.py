"""Rewrite the outputs of the ```console examples in README.md and docs/*.md from real runs of
kzct, and the table of exit codes (docs/output.md) from ``kzct.errors``.

Each example block starts with ``$ COMMAND``; the lines after it are COMMAND's output, run by bash
with ``COLUMNS=100`` and the bundled seed, from the project's root. ``--check`` only compares,
and exits 1 when an output is stale (the test suite runs it). ``--cache DIR``: kzct's cache directory for the runs (by
default a new temporary one, which the first run fills).

    python scripts/readme_examples.py [--check] [--cache DIR]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]*)\n(?P<output>.*?)```", re.S)
EXIT_CODES = re.compile(r"(<!-- exit codes -->\n).*?(<!-- /exit codes -->)", re.S)


def environment(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KZCT_") and k not in ("FORCE_COLOR", "NO_COLOR", "TERM")}
    bindir = str(Path(sys.executable).parent)
    env.update(COLUMNS="100", KZCT_CACHE_DIR=cache, NO_COLOR="1",
               PATH=f"{bindir}{os.pathsep}{env.get('PATH', '')}")
    return env


def run_example(command: str, env: dict[str, str]) -> str:
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"example failed ({proc.returncode}): {command}\n{proc.stderr}")
    return proc.stdout  # exactly as printed: trailing spaces would show as a difference


def run_all(texts: list[str], env: dict[str, str]) -> dict[str, str]:
    """The output of every example of ``texts``, each command run once, on every core (the
    examples are independent: kzct's cache takes concurrent runs)."""
    from concurrent.futures import ThreadPoolExecutor

    commands = list(dict.fromkeys(m.group("command") for text in texts
                                  for m in BLOCK.finditer(text)))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(commands, pool.map(lambda c: run_example(c, env), commands)))


def render(text: str, outputs: dict[str, str]) -> str:
    def replace(m: re.Match[str]) -> str:
        command = m.group("command")
        return f"```console\n$ {command}\n{outputs[command]}```"

    return EXIT_CODES.sub(lambda m: m.group(1) + exit_codes() + m.group(2), BLOCK.sub(replace, text))


def exit_codes() -> str:
    """The table of exit codes, from the enum kzct exits with."""
    sys.path.insert(0, str(ROOT))
    from kzct.errors import MEANINGS, ExitCode

    rows = "".join(f"| {int(code)} | {MEANINGS[code]} |\n" for code in ExitCode)
    return "| code | meaning |\n|---|---|\n" + rows


def main(argv: list[str]) -> int:
    check = "--check" in argv
    given = argv[argv.index("--cache") + 1] if "--cache" in argv[:-1] else None
    stale = []
    with tempfile.TemporaryDirectory(prefix="kzct-readme-") as temporary:
        env = environment(given or temporary)
        texts = {page: page.read_text(encoding="utf-8") for page in PAGES}
        outputs = run_all(list(texts.values()), env)
        for page, text in texts.items():
            new = render(text, outputs)
            if new == text:
                continue
            stale.append(page.relative_to(ROOT))
            if not check:
                page.write_text(new, encoding="utf-8")
    if check and stale:
        print(f"examples are stale in {', '.join(map(str, stale))}: "
              "run python scripts/readme_examples.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
