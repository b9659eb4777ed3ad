"""Precision and recall of the sound matcher (kzct.sounds) on real Latin–Chinese name pairs.

usage: python benchmarks/transliteration.py [PAIRS.tsv] [--floor F] [--misses]

Each row of tests/data/name_pairs.tsv is a name as a zh-Wikipedia article writes it in Latin
letters and in Chinese. Every Latin name is matched against every Chinese name of the table, as
``kzct search`` matches a Latin query against an article's Chinese names:

- recall: the share of Latin names whose own Chinese name is matched (fit at the floor or above);
- precision: the share of all matches (Latin name, Chinese name) that are a true pair;
- first: the share of Latin names whose own Chinese name is the best match (ties count against).

By source language, because the tables fit some languages better than others; names that are
translations, not transliterations (Boz Kurt for 土耳其灰狼党), are in the table and count as
misses: the figures are of real names as they come.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzct.parse.romanize import readings  # noqa: E402
from kzct.queries.search import SOUND_FLOOR  # noqa: E402
from kzct.sounds import Query, match  # noqa: E402
from kzct.text import Scripts, fold  # noqa: E402


def load(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", nargs="?", default=str(ROOT / "tests/data/name_pairs.tsv"))
    parser.add_argument("--floor", type=float, default=SOUND_FLOOR)
    parser.add_argument("--misses", action="store_true", help="list the pairs not found first")
    args = parser.parse_args()
    rows = load(Path(args.pairs))
    scripts = Scripts()
    chinese = sorted({fold(scripts.simplified(r["zh"])) for r in rows})
    read = {zh: readings(zh) for zh in chinese}
    same: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        same[row["latin"]].add(fold(scripts.simplified(row["zh"])))
    started = time.perf_counter()
    found = first = matches = true_matches = 0
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for row in rows:
        own = fold(scripts.simplified(row["zh"]))
        query = Query(row["latin"])
        fits = {zh: match(query, read[zh], args.floor)[0] for zh in chinese}
        hits = {zh: fit for zh, fit in fits.items() if fit >= args.floor and fit > 0}
        matches += len(hits)
        true_matches += own in hits
        top = max(hits.values(), default=0.0)
        # the same Latin name may be written several ways in Chinese (埃尔多安, 艾爾段): any
        # of them first, and nothing else as close
        owned = same[row["latin"]]
        is_first = own in hits and {zh for zh, fit in hits.items() if fit == top} <= owned
        found += own in hits
        first += is_first
        stats = by_lang[row["lang"]]
        stats[0] += 1
        stats[1] += own in hits
        stats[2] += is_first
        if not is_first:
            best = max(hits, key=lambda zh: hits[zh], default="-")
            misses.append(f"{row['latin']} → {row['zh']}: own fit {fits[own]:.2f}, "
                          f"best {best} {hits.get(best, 0.0):.2f}")
    elapsed = time.perf_counter() - started
    n = len(rows)
    print(f"{n} pairs, {len(chinese)} Chinese names, floor {args.floor}")
    print(f"recall    {found / n:.3f} ({found}/{n})")
    print(f"precision {true_matches / matches if matches else 0.0:.3f} "
          f"({true_matches}/{matches} matches)")
    print(f"first     {first / n:.3f} ({first}/{n})")
    print(f"{elapsed / (n * len(chinese)) * 1e6:.1f} µs a comparison")
    print("by language (pairs, recall, first):")
    for lang, (count, hit, top) in sorted(by_lang.items(), key=lambda kv: -kv[1][0]):
        print(f"  {lang:3} {count:4}  {hit / count:.2f}  {top / count:.2f}")
    if args.misses:
        print("not first:")
        for line in misses:
            print("  " + line)


if __name__ == "__main__":
    main()
