"""How often a reader who types an entity's English name finds it first, on real articles.

usage: python benchmarks/english_names.py [ARTICLES_DIR] [--misses]

For every article of the directory (tests/data/zhwiki by default) that has an
``*.expected.toml`` (the people and places a careful reader found, with their English names),
each person's and place's English name is searched (``kzct search``, in process, over that
article alone), and the search counts as found when its first hit bears one of the forms the
reader listed (its names, other names or the text of a mention: simplified, one joiner). Entries
the reader marked doubtful do not count. Prints the share found first per article and kind.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzct.build import Builder  # noqa: E402
from kzct.queries.search import search  # noqa: E402
from kzct.store.database import Index, build_index  # noqa: E402
from kzct.text import Scripts  # noqa: E402


def normalise(name: str, scripts: Scripts) -> str:
    """A name as the reader and kzct may both write it: simplified, one joiner, no trailing 市."""
    name = scripts.simplified(re.sub("[•‧・･]", "·", name.replace("-{}-", ""))).strip()
    return name[:-1] if name.endswith("市") and len(name) > 2 else name


def found_first(index: Index, entry: dict, kind: str, scripts: Scripts) -> tuple[bool, str]:
    """Whether the English name of a reader's entry finds it first; what was found first."""
    hits = search(index, entry["en"], kind=kind, limit=1)
    if not hits:
        return False, "(nothing)"
    entity = hits[0].entity
    written = {normalise(n, scripts) for n in (entity.name_zh, entity.name_latin,
                                               *entity.aliases) if n}
    written |= {normalise(m.text, scripts) for m in entity.mentions}
    forms = {normalise(f, scripts) for f in entry["forms"]}
    return bool(forms & written), entity.name_zh or entity.name_latin or entity.id


def measure(directory: Path, builder: Builder) -> dict[str, dict[str, list[tuple[str, bool, str]]]]:
    """For each article and kind: each reader's English name, whether it was found first, and
    what was."""
    scripts = builder.scripts
    out: dict[str, dict[str, list[tuple[str, bool, str]]]] = {}
    for expected in sorted(directory.glob("*.expected.toml")):
        name = expected.name.removesuffix(".expected.toml")
        text = (directory / f"{name}.wikitext").read_text(encoding="utf-8")
        index = build_index([(name, name, text, name)], builder)
        reading = tomllib.loads(expected.read_text(encoding="utf-8"))
        out[name] = {}
        for kind in ("person", "place"):
            rows = []
            for entry in reading.get(kind, []):
                if entry.get("doubtful") or not entry.get("en"):
                    continue
                ok, first = found_first(index, entry, kind, scripts)
                rows.append((entry["en"], ok, first))
            out[name][kind] = rows
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="?", default=str(ROOT / "tests/data/zhwiki"))
    parser.add_argument("--misses", action="store_true", help="list the names not found first")
    args = parser.parse_args()
    started = time.perf_counter()
    results = measure(Path(args.directory), Builder())
    totals = {"person": [0, 0], "place": [0, 0]}
    print(f"{'article':<45} {'people first':>14} {'places first':>14}")
    for name, kinds in results.items():
        cells = []
        for kind in ("person", "place"):
            rows = kinds[kind]
            ok = sum(1 for _en, hit, _first in rows if hit)
            totals[kind][0] += ok
            totals[kind][1] += len(rows)
            cells.append(f"{ok}/{len(rows)}" if rows else "-")
        print(f"{name:<45} {cells[0]:>14} {cells[1]:>14}")
    cells = [f"{ok}/{n} ({ok / n:.0%})" if n else "-" for ok, n in totals.values()]
    print(f"{'all':<45} {cells[0]:>14} {cells[1]:>14}")
    if args.misses:
        for name, kinds in results.items():
            for kind, rows in kinds.items():
                for en, hit, first in rows:
                    if not hit:
                        print(f"  {name} {kind} {en!r}: first {first}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
