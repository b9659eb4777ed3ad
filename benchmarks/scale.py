"""How kzct grows with the number of articles.

Generates N articles from the bundled seed (years shifted, Chinese place names permuted, Latin
personal names replaced by made-up ones, so that no two are copies), then for 1, 10, 100 and
1,000 of them prints: the cold build (time, and the peak memory of its largest process), the
cache size, the time to open the index from the warm cache (in-process); the warm time of the
queries whose answer has a fixed size, as a multiple of ``python -c pass`` and of the same query
on the first N (the target: at most 2×); and for the full listings, records per second and peak
memory (the target: flat as the output grows).

    python benchmarks/scale.py [--sizes 1 10 100 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import kzct_command  # noqa: E402

# Queries whose answer has a fixed size: at 1,000 articles they should cost about what they cost
# at one (at most twice).
FIXED = [
    ["search", "Tusupbekov", "--json"],
    ["show", "纳扎尔巴耶夫", "--json"],
    ["timeline", "--year", "2006", "--limit", "20", "--json"],
    ["groups", "--limit", "5", "--json"],
]
# Full listings: they grow with the articles; they should stream (memory flat as output grows).
LISTINGS = [
    ["groups", "--jsonl"],
    ["timeline", "--jsonl"],
    ["sources", "--jsonl"],
    ["people", "--jsonl"],
]
# In-process: open the index of the chosen articles from a warm cache (median of 5).
LOAD = """
import statistics, time
from kzct.store.cache import load_index
load_index(None)
times = []
for _ in range(5):
    start = time.perf_counter()
    load_index(None)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=年)")
_LATIN_NAME = re.compile(r"\b([A-Z][a-z]{3,})\b")
_SYLLABLES = ["ka", "za", "bek", "nur", "sar", "tas", "mir", "ov", "ev", "ai", "dos", "ken", "ul"]


def _renamer(rng: random.Random) -> Callable[[re.Match[str]], str]:
    """Each Latin name of an article made up anew, the same name the same way throughout."""
    names: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        word = m.group(1)
        if word not in names:
            names[word] = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
        return names[word]

    return rename


def generate(seed_text: str, count: int, out: Path) -> list[Path]:
    """``count`` varied articles from the seed, written to ``out``."""
    from kzct.parse.gazetteer import load_gazetteer

    places = [f for e in load_gazetteer().of_kind("place") for f in e.zh if len(f) >= 2]
    paths = []
    for k in range(count):
        rng = random.Random(k)
        shift = k % 15 - 7
        text = _YEAR.sub(lambda m, shift=shift: str(int(m.group(1)) + shift), seed_text)
        shuffled = places[:]
        rng.shuffle(shuffled)
        mapping = dict(zip(places, shuffled))
        pattern = re.compile("|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)))
        text = pattern.sub(lambda m, mapping=mapping: mapping[m.group(0)], text)
        body, _, tail = text.partition("==参考内容==")
        text = _LATIN_NAME.sub(_renamer(rng), body) + "==参考内容==" + tail if tail else body
        path = out / f"article-{k:04d}.wikitext"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# Runs a command and reports its wall time, exit code and peak memory. A small process of its own
# starts it: a process started straight from this one (which holds the generated articles) would
# count this one's memory as its own until it runs the command.
_MEASURE = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall time, exit code and peak RSS (KiB; the largest process of its tree) of one run."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *argv], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def lines(argv: list[str], env: dict[str, str]) -> int:
    """How many lines (records, for --jsonl) a command prints."""
    out = subprocess.run(argv, env=env, capture_output=True, check=False).stdout
    return out.count(b"\n")


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--keep", type=Path, help="keep the generated articles in this directory")
    args = parser.parse_args()

    from kzct.seeds import bundled_seed

    work = args.keep or Path(tempfile.mkdtemp(prefix="kzct-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    seed_text = bundled_seed().read_text(encoding="utf-8")
    kzct = kzct_command()
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("KZCT_")}
    baseline = min(run([sys.executable, "-c", "pass"], base_env)[0] for _ in range(5))
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; python -c pass: "
          f"{baseline * 1000:.1f} ms (best of 5); each query the best of 3 runs")
    first: dict[str, float] = {}
    for size in args.sizes:
        articles = work / f"n{size}"
        if articles.exists():
            shutil.rmtree(articles)
        articles.mkdir()
        generate(seed_text, size, articles)
        cache = work / f"cache{size}"
        shutil.rmtree(cache, ignore_errors=True)
        env = {**base_env, "KZCT_CACHE_DIR": str(cache), "KZCT_SEED": str(articles)}
        build, code, build_rss = run(kzct + ["groups", "--json"], env)
        if code != 0:
            print(f"{size:>5} build failed with exit code {code}")
            continue
        load = subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True)
        load_ms = float(load.stdout.strip() or "nan") * 1000
        print(f"\nN = {size}: cold build {build:.1f} s, peak {build_rss / 1024:.0f} MiB; cache "
              f"{du(cache) / 1e6:.1f} MB; index opened in-process in {load_ms:.1f} ms")
        print("  fixed-size answers (best of 3; × python -c pass; × the same query at N = "
              f"{args.sizes[0]})")
        for query in FIXED:
            took, code, rss = min((run(kzct + query, env) for _ in range(3)), key=lambda r: r[0])
            label = " ".join(query[:-1])
            first.setdefault(label, took)
            verdict = "" if size == args.sizes[0] else (
                f"{took / first[label]:5.2f}× {'ok' if took <= 2 * first[label] else 'MISS (≤2×)'}")
            print(f"    {label:42} {took * 1000:7.0f} ms {took / baseline:5.1f}× {verdict}"
                  if code == 0 else f"    {label:42} failed ({code})")
        print("  full listings (best of 3): records, records per second, peak memory")
        for query in LISTINGS:
            took, code, rss = min((run(kzct + query, env) for _ in range(3)), key=lambda r: r[0])
            count = lines(kzct + query, env)
            print(f"    {' '.join(query):42} {took * 1000:7.0f} ms {count:8d} records "
                  f"{count / took:9.0f}/s {rss / 1024:6.0f} MiB" if code == 0
                  else f"    {' '.join(query):42} failed ({code})")


if __name__ == "__main__":
    main()
