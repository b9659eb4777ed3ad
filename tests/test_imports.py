"""Import cost is a feature: what each kind of command may not load (see DESIGN.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

DRIVER = """
import json, sys
from kzct.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def modules_after(tmp_path, *args: str) -> set[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "KZCT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("KZCT_SEED", None)
    subprocess.run([sys.executable, "-c", DRIVER, "groups", "--json"], env=env, cwd=tmp_path,
                   capture_output=True, check=True)  # the cache is built first
    proc = subprocess.run([sys.executable, "-c", DRIVER, *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(proc.stderr.strip().splitlines()[-1])} | set(
        json.loads(proc.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args", [["groups", "--json"], ["timeline", "--year", "2006", "--json"], ["sources", "--json"],
             ["people", "--json"], ["groups", "--jsonl"]])
def test_json_commands_load_neither_rich_nor_the_parser(tmp_path, args) -> None:  # type: ignore[no-untyped-def]
    loaded = modules_after(tmp_path, *args)
    assert not loaded & {"rich", "mwparserfromhell", "opencc", "rapidfuzz", "kzct.views",
                         "kzct.wikitext", "kzct.extract"}


def test_search_loads_rapidfuzz_but_not_rich(tmp_path) -> None:  # type: ignore[no-untyped-def]
    loaded = modules_after(tmp_path, "search", "Tusupbekov", "--json")
    assert "rapidfuzz" in loaded and not loaded & {"rich", "mwparserfromhell", "kzct.views"}


def test_a_table_loads_rich(tmp_path) -> None:  # type: ignore[no-untyped-def]
    loaded = modules_after(tmp_path, "groups")
    assert "rich" in loaded and "mwparserfromhell" not in loaded
