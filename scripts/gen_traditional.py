"""Write kzct/data/traditional.json: OpenCC's traditional form of every curated Chinese name.

Building an index then needs no OpenCC start-up (a tenth of a second) for the names it knows;
OpenCC is still asked, at build time, for Chinese names found only in an article's text. A test
fails when this file and OpenCC disagree or when a curated name is missing from it.

    python scripts/gen_traditional.py [--check]
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kzct" / "data"
TARGET = DATA / "traditional.json"
CJK = re.compile(r"[\u3400-\u9fff]")


def curated_names() -> list[str]:
    names: set[str] = set()
    for file in ("gazetteer.toml", "groups.toml"):
        data = tomllib.loads((DATA / file).read_text(encoding="utf-8"))
        for kind in ("person", "place", "group"):
            for entry in data.get(kind, []):
                names.update(n for n in entry.get("zh", []) + entry.get("aliases", []) if CJK.search(n))
    return sorted(names)


def table() -> str:
    import opencc

    convert = opencc.OpenCC("s2t").convert
    mapping = {name: convert(name) for name in curated_names()}
    return json.dumps(mapping, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = table()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run python scripts/gen_traditional.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
