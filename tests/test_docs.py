"""The README is the short guide and docs/ the reference: their commands work, their outputs are
real, their links lead somewhere, their field lists are complete."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md")}
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
                                     "check", "fetch", "diff", "organisations", "help", "completion",
                                     "cache"])
def test_every_command_is_documented(command) -> None:
    headings = re.findall(r"^## (.*)$", DOCS["commands.md"], re.M)
    assert any(re.search(rf"`kzct {command}[` ]", heading) for heading in headings)


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
    assert [k for k in sorted(keys) if f"`{k}`" not in DOCS["output.md"]] == []


def test_exit_codes_and_environment_are_documented() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in DOCS["output.md"]
    for variable in ("KZCT_SEED", "KZCT_CACHE_DIR", "KZCT_NO_CACHE", "KZCT_DEBUG", "KZCT_CONTACT", "NO_COLOR",
                     "FORCE_COLOR", "COLUMNS"):
        assert f"`{variable}" in DOCS["output.md"]


def test_the_readme_is_a_short_guide() -> None:
    assert len(README.splitlines()) <= 250
    headings = re.findall(r"^## (.*)$", README, re.M)
    assert headings[:2] == ["Quick start", "Other articles, and what changed"]
    assert "What you can rely on" in headings and "Documentation" in headings
    quick = README[README.index("## Quick start"):README.index("\n## ", README.index("## Quick start"))]
    assert len(re.findall(r"^\$ kzct ", quick, re.M)) == 5


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    heading = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return heading.replace(" ", "-")


def _pages() -> dict[Path, str]:
    return {ROOT / "README.md": README, **{ROOT / "docs" / name: text for name, text in DOCS.items()}}


def test_links_between_the_pages_lead_somewhere() -> None:
    checked = 0
    for page, text in _pages().items():
        for target in re.findall(r"\]\(([^)\s]+)\)", re.sub(r"```.*?```", "", text, flags=re.S)):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.is_file(), f"{page.name}: {target}"
            if anchor:
                headings = re.findall(r"^#+ (.*)$", linked.read_text(encoding="utf-8"), re.M)
                assert anchor in {_slug(h) for h in headings}, f"{page.name}: {target}"
            checked += 1
    assert checked >= 30  # the pattern found the links


def test_the_score_table_gives_real_scores(run) -> None:
    table = DOCS["commands.md"][DOCS["commands.md"].index("| score | the query is |"):]
    for score in ("100", "95"):
        row = re.search(rf"^\| {score} \| (.*) \|$", table, re.M)
        assert row is not None
        queries = re.findall(r"`([^`]+)`", row.group(1))
        assert len(queries) >= 3
        for query in queries:
            assert run("search", query, "--json").json()[0]["score"] == int(score), query
    # the romanization's example is in the SCO article (the seed has none)
    assert re.search(r"^\| 90 \| the Hanyu Pinyin of a Chinese name, in either order "
                     r"\(`Xi Jinping` for 習近平 in the SCO article\) \|$", table, re.M)
    sco = str(ROOT / "tests" / "data" / "zhwiki" / "shanghai-cooperation-organisation.mixed.wikitext")
    for query in ("Xi Jinping", "Jinping Xi"):
        [first, *_] = run("--seed", sco, "search", query, "--json").json()
        assert (first["name_zh"], first["score"], first["matched_by"]) == ("習近平", 90, "romanization")
