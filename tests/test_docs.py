"""The README is the manual: its commands work, its outputs are real, its field lists complete."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_RUN = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/kzct groups"
INSTALL_TEST = "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[:2] == [INSTALL_RUN, INSTALL_TEST]
    assert README.index(INSTALL_RUN) < README.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    assert INSTALL_TEST in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed; README examples use it")
def test_readme_examples_are_real_output() -> None:
    # in the session's cache, where the place table is made already
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_examples.py"), "--check",
                           "--cache", os.environ["KZCT_CACHE_DIR"]],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr + proc.stdout


@pytest.mark.parametrize("command", ["groups", "sources", "timeline", "search", "people", "places", "show",
                                     "check", "fetch", "diff"])
def test_every_command_is_documented(command) -> None:
    assert f"### `kzct {command}" in README or f"`kzct {command}`" in README


@pytest.mark.parametrize(
    "args", [["groups", "--all"], ["sources"], ["timeline"], ["search", "Almaty"], ["people"]])
def test_every_json_key_is_documented(run, args) -> None:
    records = run(*args, "--json").json()
    keys = set().union(*(r.keys() for r in records))
    for record in records:
        for value in record.values():
            if isinstance(value, dict):
                keys |= set(value)
            if isinstance(value, list) and value and isinstance(value[0], dict):
                keys |= set(value[0])
    assert [k for k in sorted(keys) if f"`{k}`" not in README] == []


def test_exit_codes_and_environment_are_documented() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in README
    for variable in ("KZCT_SEED", "KZCT_CACHE_DIR", "KZCT_NO_CACHE", "KZCT_DEBUG", "NO_COLOR",
                     "FORCE_COLOR", "COLUMNS"):
        assert f"`{variable}" in README
