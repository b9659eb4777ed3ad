"""Help, usage and options: what a user of git and gh expects."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SEED, fresh_cache, own

COMMANDS = ["groups", "sources", "timeline", "search", "people", "organisations", "places", "show",
            "check", "fetch", "diff", "help", "completion", "cache", "cache info", "cache clear"]


@pytest.mark.parametrize("command", COMMANDS)
def test_no_braces_or_ranges_in_help(run, command) -> None:
    result = run(*command.split(), "--help")
    assert result.code == 0
    assert not re.search(r"\{[A-Z]+\}|<int range>|<float range>|\[x>=|<=x<=", result.out)


def test_usage_lines(run) -> None:
    assert run("search", "--help").out.startswith("Usage: kzct search [OPTIONS] QUERY\n")
    assert run("show", "--help").out.startswith("Usage: kzct show [OPTIONS] NAME\n")
    assert run("help", "--help").out.startswith("Usage: kzct help [OPTIONS] [COMMAND]\n")
    assert "--limit N " in run("search", "--help").out
    assert "--min-score SCORE " in run("search", "--help").out


@pytest.mark.parametrize("width", ["80", "200"])
def test_command_summaries_are_whole(run, width) -> None:
    out = run("--help", env={"COLUMNS": width}).out
    commands = out[out.index("Commands:"):]
    assert "..." not in commands
    assert "Who designated which organisation as terrorist, and when." in \
        " ".join(commands.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_help_command(run, command) -> None:
    words = command.split()
    via_help = run("help", *words)
    assert (via_help.code, via_help.err) == (0, "")
    assert via_help.out == run(*words, "--help").out


def test_help_of_an_unknown_command(run) -> None:
    result = run("help", "bogus")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("kzct: error: no such command 'bogus'; the commands are: groups")


def test_help_without_a_command_is_kzct_help(run) -> None:
    assert run("help").out == run("--help").out  # bare `kzct` too: tests/test_cli.py


@pytest.mark.parametrize(("args", "command"), [
    (["groups", "--json=1"], "kzct groups"), (["timeline", "--year"], "kzct timeline"),
    (["--no-cache", "timeline", "--year"], "kzct timeline"),
    (["--seed", str(SEED), "search", "--limit", "x"], "kzct search"),
    (["groups", "--bogus"], "kzct groups"), (["cache", "info", "--bogus"], "kzct cache info"),
    (["--bogus"], "kzct"), (["bogus"], "kzct")])
def test_usage_errors_point_to_the_command_help(run, args, command) -> None:
    result = run(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f" (see '{command} --help')\n") and result.err.count("\n") == 1


def test_global_options_after_the_command(run, tmp_path) -> None:
    before = run("--no-cache", "groups", "--json")
    after = run("groups", "--no-cache", "--json")
    assert before.code == after.code == 0 and before.out == after.out
    other = tmp_path / "other.wikitext"
    other.write_text("== 2019年 ==\n2019年5月1日，[[阿拉木图]]发生爆炸。\n", encoding="utf-8")
    events = run("timeline", "--seed", str(other), "--json").json()
    assert [(e["date"], e["seed"]) for e in events] == [("2019-05-01", "other.wikitext")]
    assert run("--seed", str(other), "timeline", "--json").json() == events
    both = run("--seed", str(SEED), "timeline", "--seed", str(other), "--year", "2019", "--json")
    assert [e["seed"] for e in both.json()] == ["other.wikitext"]
    assert "--seed PATH" in run("groups", "--help").out and "--no-cache" in run("groups",
                                                                                  "--help").out


def test_no_cache_after_the_command_writes_no_index(run, tmp_path, monkeypatch, places_file) -> None:
    cache = fresh_cache(tmp_path / "cache", places_file)
    monkeypatch.setenv("KZCT_CACHE_DIR", str(cache))
    assert run("groups", "--no-cache", "--json").code == 0
    # no database, no words
    assert sorted(p.name for p in own(cache).iterdir()) == ["CACHEDIR.TAG", places_file.name]


def test_exit_codes_table_is_the_enum() -> None:
    from kzct.errors import MEANINGS, ExitCode

    reference = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    section = reference[reference.index("## Exit codes"):]
    section = section[:section.index("\n## ", 1)]
    rows = re.findall(r"^\| (\d+) \| (.*) \|$", section, re.M)
    assert [int(code) for code, _ in rows] == [int(code) for code in ExitCode]
    assert [text for _, text in rows] == [MEANINGS[code] for code in ExitCode]


def test_readme_says_how_to_put_kzct_on_the_path() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    second = readme.index("```sh\n", readme.index("```sh\n") + 5)
    after = readme[readme.index("```", second + 5) + 3:].lstrip("\n").splitlines()
    assert "PATH" in after[0] and "source .venv/bin/activate" in after[0]
    assert "pipx install ." in after[0] and after[1] == ""  # one line
