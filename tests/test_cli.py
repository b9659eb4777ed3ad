"""The command line as a whole: global options, errors and exit codes, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import SEED, fresh_cache

COMMANDS = ["groups", "sources", "timeline", "search", "people", "places", "show", "help",
            "completion", "cache", "cache info", "cache clear", "organisations", "check", "fetch",
            "diff"]


def test_version(run) -> None:
    from kzct import __version__

    result = run("--version")
    assert result.code == 0 and result.out.strip() == f"kzct {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command) -> None:
    result = run(*command.split(), "--help")
    assert result.code == 0
    assert "Example:" in result.out


@pytest.mark.parametrize(("command", "ending"), [("groups", ".name_en] | @tsv'"),
                                               ("completion", "bash-completion/completions/kzct")])
def test_help_examples_are_not_wrapped(run, command, ending) -> None:
    # at 80 columns an example is one line however long, to copy as it is
    result = run(command, "--help", env={"COLUMNS": "80"})
    lines = result.out.splitlines()
    example = lines[lines.index("  Example:") + 1]
    assert example.startswith(f"    kzct {command} ")
    assert lines[lines.index("  Example:") + 2] == ""
    assert example.endswith(ending)


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "does not exist"), (b"", "is empty"), (b"  \n\n", "is empty"),
     (b"\xff\xfe\x00bad", "not UTF-8")],
)
def test_bad_seed_is_one_line_and_exit_2(run, tmp_path, content, problem) -> None:
    path = tmp_path / "seed.wikitext"
    if content is not None:
        path.write_bytes(content)
    result = run("--seed", str(path), "groups", "--json")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and str(path) in result.err and problem in result.err
    assert "Traceback" not in result.err


def test_seed_that_is_a_directory_without_files(run, tmp_path) -> None:
    result = run("--seed", str(tmp_path), "groups")
    assert result.code == 2 and "holds no wikitext files" in result.err


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0,
                    reason="root reads files whatever their mode, so unreadable cannot be made")
def test_unreadable_seed(run, tmp_path) -> None:
    path = tmp_path / "seed.wikitext"
    path.write_text("x")
    path.chmod(0)
    result = run("--seed", str(path), "groups")
    assert result.code == 2 and "not readable" in result.err


def test_unreadable_seed_as_read_error(run, tmp_path, monkeypatch) -> None:
    """The read error path itself, whoever runs the tests."""
    from pathlib import Path

    path = tmp_path / "seed.wikitext"
    path.write_text("x")
    original = os.open

    def refuse(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(13, "Permission denied")
        return original(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = run("--seed", str(path), "groups")
    assert result.code == 2
    assert result.err == f"kzct: error: seed file {path} is not readable (permission denied)\n"


def test_kzct_seed_environment_variable(run, tmp_path) -> None:
    result = run("groups", env={"KZCT_SEED": str(tmp_path / "missing.txt")})
    assert result.code == 2 and "missing.txt" in result.err


def test_seed_option_with_the_real_file(run) -> None:
    result = run("--seed", str(SEED), "groups", "--json")
    assert result.code == 0 and len(result.json()) == 14


@pytest.mark.parametrize(
    "args",
    [["bogus"], ["groups", "--bogus"], ["timeline", "--year", "abc"], ["timeline", "--from", "2006-13"],
     ["timeline", "--to", "2006-02-30"], ["search"], ["groups", "--json", "--jsonl"]],
)
def test_usage_errors_exit_2_with_one_line(run, args) -> None:
    result = run(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("kzct: error: ") and result.err.count("\n") == 1


def test_bare_kzct_prints_help_to_stdout(run) -> None:
    result = run()
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("Usage: kzct [OPTIONS] COMMAND [ARGS]...")
    assert result.out == run("--help").out


def test_internal_error_is_one_line_unless_debugging(run, monkeypatch) -> None:
    import kzct.queries.lists

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kzct.queries.lists, "list_groups", broken)
    result = run("groups")
    assert result.code == 1
    assert result.err == "kzct: error: internal error: RuntimeError: boom (set KZCT_DEBUG=1 for details)\n"
    monkeypatch.setenv("KZCT_DEBUG", "1")
    with pytest.raises(RuntimeError):
        from kzct.face.cli import main

        main(["groups"])


def test_python_dash_m_runs(tmp_path, places_file) -> None:
    cache = fresh_cache(tmp_path / "c", places_file)
    proc = subprocess.run([sys.executable, "-m", "kzct", "groups", "--json"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120,
                          env={**__import__("os").environ, "KZCT_CACHE_DIR": str(cache)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("[")


# -- errors that help -------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "said"), [
    (["timline"], "no such command 'timline'; did you mean: timeline? (see 'kzct --help')"),
    (["cache", "claer"], "no such command 'claer'; did you mean: clear? (see 'kzct cache --help')"),
    (["2006"], "no such command '2006'; for the events of a year: 'kzct timeline --year 2006' "
               "(see 'kzct --help')"),
    (["timeline", "2006"], "Got unexpected extra argument (2006); for the events of a year: "
                           "--year 2006 (see 'kzct timeline --help')"),
    (["show", "Almaty", "Astana"], "Got unexpected extra argument (Astana) (see 'kzct show "
                                   "--help')"),
    (["timeline", "--chart", "--json"], "choose one of --chart, --json"),
    (["timeline", "--grep", ""], "Invalid value for --grep: it is empty: give the text to look "
                                 "for (see 'kzct timeline --help')"),
    (["search", ""], "Invalid value for QUERY: it is empty: give a name in Chinese, Latin letters "
                     "or English (see 'kzct search --help')"),
    (["completion"], "Missing argument SHELL. Choose from: bash, zsh, fish (see 'kzct completion "
                     "--help')"),
    # one quoting style: what is typed in single quotes, an option's name bare
    (["timeline", "--limit", "0"], "Invalid value for --limit: '0' is not a positive whole "
                                   "number (see 'kzct timeline --help')"),
    (["timeline", "--year", "abc"], "Invalid value for --year: 'abc' is not a year: use four "
                                    "digits, e.g. 2006 (see 'kzct timeline --help')"),
    (["timeline", "--from", "2007", "--to", "2006"], "Invalid value for --from: '2007' is after "
                                                      "--to '2006' (see 'kzct timeline --help')"),
    (["search", "x", "--min-score", "nan"], "Invalid value for --min-score: 'nan' is not a "
                                            "score: use a number from 0 to 100 (see 'kzct "
                                            "search --help')"),
])
def test_usage_errors_say_what_to_do(run, args, said) -> None:
    result = run(*args)
    assert (result.code, result.out, result.err) == (2, "", f"kzct: error: {said}\n")


def test_a_value_is_quoted_the_one_way_whatever_it_holds(run) -> None:
    result = run("show", "O'Brien")
    assert result.code == 3
    assert result.err.startswith("no person, place or group matches 'O'Brien'; ")


def test_scores_are_written_alike_in_every_format(run) -> None:
    assert '{"score": 100, ' in run("search", "Almaty", "--json").out
    assert [row.split(",")[0] for row in run("search", "Almaty", "--csv").out.splitlines()] == \
        ["score", "100", "95"]
    assert run("search", "Tusupbekv", "--json").json()[0]["score"] == 94.7
    assert run("search", "Tusupbekv", "--tsv").out.splitlines()[1].startswith("94.7\t")
    assert " 94.7 " in run("search", "Tusupbekv").out  # the table: not rounded to 95


def test_a_column_is_shown_only_when_it_says_something(run) -> None:
    # no place has a Latin name; a person's Latin name is shown where it is not the English one
    assert run("places", "--limit", "3").out.split("\n")[0].split() == \
        ["Chinese", "English", "Mentions", "Role"]
    people = run("people", env={"COLUMNS": "160"}).out.splitlines()
    assert people[0].split() == ["Chinese", "Latin", "English", "Mentions", "Role"]
    assert next(line for line in people if "Shamsudinov" in line).count("Shamsudinov") == 1
    assert next(line for line in people if "Seleznyov" in line).split()[:4] == \
        ["Gennady", "Seleznev", "Gennady", "Seleznyov"]


# -- Ctrl-C ----------------------------------------------------------------------------------------

def _kzct(args: list[str], env: dict[str, str], code: str = "") -> subprocess.Popen[str]:
    """kzct as its own process (and process group, as a terminal's job is), through its entry
    point, after ``code`` has run in it."""
    script = f"import atexit, os, signal, sys\n{code}\nfrom kzct.__main__ import main\nmain()\n"
    return subprocess.Popen([sys.executable, "-c", script, *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def test_ctrl_c_during_a_build(tmp_path, places_file, seed_text) -> None:
    """What a terminal does on Ctrl-C (SIGINT to every process of the job), as an article is
    being built: one line, exit code 130, and nothing half-built left in the cache."""
    import signal
    import sqlite3
    import time
    from contextlib import closing

    from conftest import own

    cache = fresh_cache(tmp_path / "cache", places_file)
    big = tmp_path / "big.wikitext"
    big.write_text(seed_text * 20, encoding="utf-8")
    env = {**os.environ, "KZCT_CACHE_DIR": str(cache)}
    proc = _kzct(["--seed", str(big), "timeline", "--json"], env)

    def building() -> bool:  # the database has its tables: the article is being built
        for database in own(cache).glob("index-*.sqlite"):
            with closing(sqlite3.connect(database)) as conn:
                return conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'seeds'"
                                    ).fetchone() == (1,)
        return False

    deadline = time.monotonic() + 30
    while not building() and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, "", "kzct: interrupted\n")
    with closing(sqlite3.connect(next(own(cache).glob("index-*.sqlite")))) as conn:
        assert conn.execute("SELECT COUNT(*) FROM seeds").fetchone() == (0,)


def test_ctrl_c_as_the_run_ends_is_said_too(tmp_path) -> None:
    """A SIGINT just after the command has run (here sent by the run itself, at its end): the
    same line and exit code, not a traceback and an end by the signal."""
    after = ("import kzct.face.cli as cli\nreal = cli._main\n"
             "cli._main = lambda env, args: (real(env, args), "
             "os.kill(os.getpid(), signal.SIGINT))[0]")
    proc = _kzct(["--version"], {**os.environ, "KZCT_CACHE_DIR": str(tmp_path)}, after)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, "kzct 0.1.0\n", "kzct: interrupted\n")


def test_ctrl_c_as_python_shuts_down_is_ignored(tmp_path) -> None:
    """The output is all written and kzct is ending: a SIGINT then changes nothing."""
    late = "atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))"
    proc = _kzct(["--version"], {**os.environ, "KZCT_CACHE_DIR": str(tmp_path)}, late)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (0, "kzct 0.1.0\n", "")


def test_the_same_article_gives_the_same_records_in_every_process(run, tmp_path,
                                                                  places_file) -> None:
    """Python orders the words of a set differently in each process (``PYTHONHASHSEED``): the
    records must not follow. The Islamic Revolutionary Guard Corps article's `副司令阿贝德准将`
    once gave the office as the role in one process and no role in another (an office before
    the name and a rank after it, tried in the order of a set). This process's hash seed is
    drawn at random; another process runs with one fixed, unlike it."""
    import os

    article = tmp_path / "a.wikitext"
    article.write_text("他就是革命卫队副司令阿贝德准将。后来国防部长伊戈尔·谢尔盖耶夫上将和总统普京会见了他。\n",
                       encoding="utf-8")
    here = run("--seed", str(article), "people", "--json")
    assert here.code == 0, here.err
    other_seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    cache = fresh_cache(tmp_path / "c", places_file)
    proc = subprocess.run([sys.executable, "-m", "kzct", "--seed", str(article), "people",
                           "--json"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KZCT_CACHE_DIR": str(cache),
                               "PYTHONHASHSEED": other_seed})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == here.json()
    assert sorted((p["name_zh"], p["role"]) for p in here.json()) == [
        ("伊戈尔·谢尔盖耶夫", "国防部长"), ("普京", "总统"), ("阿贝德", "革命卫队副司令")]
