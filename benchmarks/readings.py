"""What kzct finds in real articles, held against what a careful reader found in them.

usage: python benchmarks/readings.py [ARTICLES_DIR] [--misses]

For every article of the directory (tests/data/zhwiki by default) that has an
``*.expected.toml`` (a reader's people, places, designations and dated events, written by reading
the article: see tests/data/zhwiki/README.md), kzct is run on that article alone and the script
prints, per article and in all:

- people and places: how many of the reader's (undoubted) entries kzct lists ("found"), and how
  many of kzct's entries are in the reader's lists, doubtful ones included ("real");
- designations: how many of the reader's (organisation, authority) pairs kzct lists, the
  authority compared as written or by its ISO 3166 code, and how many of kzct's are the reader's;
- event dates: of the reader's dated events, how many kzct dates as the reader does (the event
  whose sentence holds the reader's quote).

A directory of articles nobody tuned kzct to measures how it does on articles it has not seen.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzct.text import Scripts  # noqa: E402

_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")


def kzct(*args: str) -> Any:
    """kzct run in this process: its JSON output."""
    from kzct.face.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(list(args))
        except SystemExit as exc:
            if exc.code not in (0, None):
                return []
    return json.loads(out.getvalue())


class Reading:
    """One article's records against its reader's."""

    def __init__(self, path: Path, scripts: Scripts) -> None:
        self.scripts = scripts
        self.truth = tomllib.loads(path.read_text(encoding="utf-8"))
        article = str(path.with_name(path.name.removesuffix(".expected.toml") + ".wikitext"))
        self.records = {command[0]: kzct("--seed", article, *command, "--json")
                        for command in (("people",), ("places",), ("groups", "--by", "all"),
                                        ("timeline",))}
        self.misses: list[str] = []

    def norm(self, name: str) -> str:
        """A name as the reader and kzct may both write it: simplified, one joiner, no
        conversion or link markup, no trailing 市."""
        name = _LINK.sub(r"\1", name).replace("'''", "")
        name = re.sub(r"-\{(?:[^{}|]*\|)?([^{}]*)\}-", r"\1", name)
        name = self.scripts.simplified(re.sub("[•‧・･]", "·", name)).strip()
        return name[:-1] if name.endswith("市") and len(name) > 2 else name

    def written(self, record: dict[str, Any]) -> set[str]:
        names = {record.get("name_zh"), record.get("name_latin"), *record.get("aliases", ())}
        names |= {o["text"] for o in record.get("occurrences", ())}
        return {self.norm(n) for n in names if n}

    def entities(self, kind: str) -> tuple[int, int, int, int]:
        """(found, of the reader's, real, of kzct's) for people or places."""
        found = self.records["people" if kind == "person" else "places"]
        entries = self.truth.get(kind, [])
        forms = [{self.norm(f) for f in entry["forms"]} for entry in entries]
        written = [self.written(rec) for rec in found]
        sure = [(entry, f) for entry, f in zip(entries, forms) if not entry.get("doubtful")]
        hits = 0
        for entry, f in sure:
            if any(f & w for w in written):
                hits += 1
            else:
                self.misses.append(f"{kind} not found: {entry['forms'][0]}")
        real = 0
        for rec, w in zip(found, written):
            if any(f & w for f in forms):
                real += 1
            else:
                self.misses.append(f"{kind} not the reader's: {rec['name_zh'] or rec['name_latin']}")
        return hits, len(sure), real, len(found)

    def _code(self, authority: str) -> str | None:
        from kzct.parse.gazetteer import country_code

        for name in (authority, authority.removesuffix("政府")):
            for place in self.records["places"]:
                if place["country"] and name in self.written(place) \
                        and place["place_type"] == "country":
                    return str(place["country"])
        return country_code(authority) if authority.isascii() and authority else None

    def _same(self, entry: dict[str, Any], record: dict[str, Any]) -> bool:
        group = self.norm(entry["group"])
        names = self.written(record)
        if not any(group == n or (len(n) >= 2 and (group in n or n in group)) for n in names):
            return False
        by, authority = self.norm(entry.get("by", "")), self.norm(record.get("authority") or "")
        if not by or not authority:
            return not by and not authority
        code = self._code(by)
        english = self.norm(record.get("authority_en") or "").casefold()
        return by in authority or authority in by or by.casefold() == english or (
            code is not None and code == record.get("authority_code"))

    def designations(self) -> tuple[int, int, int, int]:
        entries, found = self.truth.get("designation", []), self.records["groups"]
        hits = [any(self._same(e, r) for r in found) for e in entries]
        right = [any(self._same(e, r) for e in entries) for r in found]
        self.misses += [f"designation not found: {e['group']} by {e.get('by') or '?'}"
                        for e, hit in zip(entries, hits) if not hit]
        self.misses += [f"designation not the reader's: {r['name_zh'] or r['name_latin']} by "
                        f"{r.get('authority') or '?'}" for r, ok in zip(found, right) if not ok]
        return sum(hits), len(hits), sum(right), len(right)

    def dates(self) -> tuple[int, int]:
        # (white space aside: kzct writes a sentence's spaces as it reads them, `， 一群` as `，一群`)
        events = [(re.sub(r"\s+", "", self.norm(e["text"])), e["date"] or "")
                  for e in self.records["timeline"]]
        right = total = 0
        for entry in self.truth.get("event", []):
            if not entry.get("date"):
                continue
            total += 1
            quote = re.sub(r"\s+", "", _markup_cut(self.norm(entry["quote"])))
            dates = [date for text, date in events if quote in text]
            if any(d.startswith(entry["date"]) or entry["date"].startswith(d) for d in dates if d):
                right += 1
            else:
                self.misses.append(f"event {entry['date']} dated {dates[:2] or 'nothing'}: "
                                   f"{entry['quote'][:24]}")
        return right, total


def _markup_cut(quote: str) -> str:
    """A reader's quote up to the first template markup in it, which kzct's text shows otherwise
    (`2017年7月11日，伊拉克{{link-en|`, `{{bd|1971年|7月28日`: its first parameter), or up to a
    wikilink the quote leaves open (`2013年6月28日晚，[[中共新疆…`: its shown text is not in the
    quote), where what is left is four characters or more; never with the list marks of a
    line's start (`*2013年6月30日`), which kzct's text leaves out."""
    quote = quote.lstrip("*#:; ")
    cut = re.split(r"\||\{\{|\}\}|<|\[\[", re.sub(r"^\{\{[^|{}]*\|", "", quote))[0]
    return cut if len(cut) >= 4 else quote


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(ROOT / "tests/data/zhwiki"))
    parser.add_argument("--misses", action="store_true", help="list what does not match")
    args = parser.parse_args()
    os.environ["KZCT_CACHE_DIR"] = tempfile.mkdtemp(prefix="kzct-readings-")
    started = time.perf_counter()
    scripts = Scripts()
    columns = ("people found", "people real", "places found", "places real", "designations",
               "right", "dates")
    totals = [[0, 0] for _ in columns]
    print(f"{'article':<40}" + "".join(f"{c:>14}" for c in columns))
    readings = []
    for path in sorted(Path(args.directory).glob("*.expected.toml")):
        reading = Reading(path, scripts)
        person, place, designation = (reading.entities("person"), reading.entities("place"),
                                      reading.designations())
        cells = [person[:2], person[2:], place[:2], place[2:], designation[:2], designation[2:],
                 reading.dates()]
        for total, (hit, of) in zip(totals, cells):
            total[0] += hit
            total[1] += of
        name = path.name.removesuffix(".expected.toml")
        print(f"{name:<40}" + "".join(f"{f'{a}/{b}':>14}" for a, b in cells))
        readings.append((name, reading))
    print(f"{'all':<40}" + "".join(f"{f'{a / b:.2f}' if b else '-':>14}" for a, b in totals))
    if args.misses:
        for name, reading in readings:
            for miss in reading.misses:
                print(f"  {name}: {miss}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
