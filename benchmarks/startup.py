"""Start-up time of kzct commands, as whole processes, against a bare ``python -c pass``.

Each command is run alternately with ``python -c pass`` in the same run, and the median of the
per-pair ratios is printed, so the figures hold on any machine. Also prints the in-process time to
build the bundled seed's index and to load it from the cache.

kzct is measured as pip installs it, with its modules compiled to bytecode: the benchmark compiles
them first and lets the runs read them even where ``PYTHONDONTWRITEBYTECODE`` is set (otherwise
an editable install recompiles every module on every run, which no installed copy does).

    python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {  # the most a command may cost, as a multiple of `python -c pass`
    "kzct groups --json": 7,
    "kzct groups (table, piped)": 10,
    "kzct timeline --year 2006 --json": 7,
    "kzct search Tusupbekov --json": 7,
    "kzct show 纳扎尔巴耶夫": 10,
    "bash completion: kzct timeline --year <TAB>": 7,
    "new seed, place table kept: kzct groups --json": 20,
    "first run on a machine: kzct groups --json": 50,
}


def kzct_command() -> list[str]:
    script = Path(sys.executable).parent / "kzct"
    if script.exists():
        return [str(script)]
    found = shutil.which("kzct")
    return [found] if found else [sys.executable, "-m", "kzct"]


def padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two)."""
    import unicodedata

    cells = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
    return text + " " * max(0, width - cells)


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs of runs per command")
    args = parser.parse_args()

    kzct = kzct_command()
    cache = tempfile.mkdtemp(prefix="kzct-bench-")
    env = {**os.environ, "KZCT_CACHE_DIR": cache}
    for name in ("KZCT_SEED", "KZCT_NO_CACHE", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    import compileall

    import kzct as package

    compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    subprocess.run(kzct + ["groups", "--json"], env=env, stdout=subprocess.DEVNULL, check=True)
    completion = {**env, "_KZCT_COMPLETE": "complete_bash",
                  "COMP_WORDS": "kzct\ntimeline\n--year\n", "COMP_CWORD": "3"}
    # a new seed: no index for it, but the place table (made once per machine) is there
    from kzct.files import OWN_DIR, own_directory

    tables = list((Path(cache) / OWN_DIR).glob("places-*.json"))
    cases: list[tuple[str, list[str], dict[str, str] | str | None]] = [
        ("kzct groups --json", kzct + ["groups", "--json"], env),
        ("kzct groups (table, piped)", kzct + ["groups"], env),
        ("kzct timeline --year 2006 --json", kzct + ["timeline", "--year", "2006", "--json"], env),
        ("kzct search Tusupbekov --json", kzct + ["search", "Tusupbekov", "--json"], env),
        ("kzct show 纳扎尔巴耶夫", kzct + ["show", "纳扎尔巴耶夫"], env),
        ("bash completion: kzct timeline --year <TAB>", kzct, completion),
        ("new seed, place table kept: kzct groups --json", kzct + ["groups", "--json"], "seed"),
        ("first run on a machine: kzct groups --json", kzct + ["groups", "--json"], None),
    ]
    baseline = [sys.executable, "-c", "pass"]
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; {args.runs} pairs of runs "
          "per command")
    print(f"{'command':48} {'median ms':>9} {'pass ms':>8} {'ratio':>6} {'target':>7}")
    for label, argv, case_env in cases:
        ratios, times, bases = [], [], []
        for _ in range(args.runs):
            run_env = case_env
            if not isinstance(run_env, dict):  # a cache directory nobody has written yet
                cold = tempfile.mkdtemp(prefix="kzct-cold-")
                if run_env == "seed":
                    for table in tables:
                        shutil.copy(table, own_directory(Path(cold)) or cold)
                run_env = {**env, "KZCT_CACHE_DIR": cold}
            base = timed(baseline, env)
            took = timed(argv, run_env)
            ratios.append(took / base)
            times.append(took)
            bases.append(base)
        ratio = statistics.median(ratios)
        target = TARGETS[label]
        verdict = "ok" if ratio <= target else "MISS"
        print(f"{padded(label, 48)} {statistics.median(times) * 1000:9.1f} "
              f"{statistics.median(bases) * 1000:8.1f} {ratio:6.1f} {'≤' + str(target):>5} {verdict}")
    in_process()


def in_process() -> None:
    """Build the bundled seed's index, and load it from the cache, inside one process."""
    from kzct.build import Builder, build_article
    from kzct.seeds import bundled_seed
    from kzct.store import cache as cache_module

    text = bundled_seed().read_text(encoding="utf-8")
    builder = Builder(Path(tempfile.mkdtemp(prefix="kzct-bench-places-")))
    build_article("seed", "seed", text, "x", builder)  # warm: imports, the place table
    builds = []
    for _ in range(10):
        start = time.perf_counter()
        build_article("seed", "seed", text, "x", builder)
        builds.append(time.perf_counter() - start)
    os.environ["KZCT_CACHE_DIR"] = tempfile.mkdtemp(prefix="kzct-bench-load-")
    from kzct.store.cache import load_index

    load_index(None)  # writes the cache
    loads = []
    for _ in range(20):
        start = time.perf_counter()
        load_index(None)
        loads.append(time.perf_counter() - start)
    build_ms, load_ms = statistics.median(builds) * 1000, statistics.median(loads) * 1000
    print(f"{'build the seed index in-process':48} {build_ms:9.1f} ms   target < 50 ms  "
          f"{'ok' if build_ms < 50 else 'MISS'}")
    print(f"{'load it from the cache in-process':48} {load_ms:9.1f} ms   target < 5 ms   "
          f"{'ok' if load_ms < 5 else 'MISS'}")
    del cache_module


if __name__ == "__main__":
    main()
