"""Where output goes: closed and broken streams, a full disk, the pager, the progress bar, and the
machine formats (--csv, --tsv) with --limit and --reverse."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fresh_cache

KZCT = Path(sys.executable).parent / "kzct"
needs_kzct = pytest.mark.skipif(not KZCT.exists(), reason="the kzct console script is not "
                                "installed next to this Python")


@pytest.fixture(scope="module")
def shell_env(session_cache) -> dict[str, str]:
    """A shell's environment with kzct on PATH and the seed's index built (once a session)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KZCT_")}
    env.update(KZCT_CACHE_DIR=str(session_cache),
               PATH=f"{KZCT.parent}{os.pathsep}{os.environ.get('PATH', '')}", COLUMNS="100")
    for name in ("FORCE_COLOR", "NO_COLOR", "PAGER"):
        env.pop(name, None)
    if KZCT.exists():
        subprocess.run([str(KZCT), "groups", "--json"], env=env, capture_output=True, check=True)
    return env


def sh(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                          timeout=120)


# -- closed stdout, closed pipes, full disks ---------------------------------------------------

@needs_kzct
@pytest.mark.parametrize("args", ["groups", "groups --json", "--version", "--help", "show Hizb",
                                  "timeline --chart"])
def test_closed_stdout_exits_0_quietly(shell_env, args) -> None:
    proc = sh(f"kzct {args} >&-", shell_env)
    assert (proc.returncode, proc.stderr) == (0, "")


@needs_kzct
def test_closed_stdout_still_reports_bad_input(shell_env, tmp_path) -> None:
    proc = sh(f"kzct --seed {tmp_path}/missing.wikitext groups >&-", shell_env)
    assert proc.returncode == 2
    assert proc.stderr == f"kzct: error: seed file {tmp_path}/missing.wikitext does not exist\n"


@needs_kzct
@pytest.mark.parametrize("pipeline", ["kzct show Kazakhstan | head -2",
                                      "kzct timeline --chart | head -1",
                                      "kzct sources --csv | head -1",
                                      "kzct show Hizb --json | head -c 10",
                                      "kzct --help | head -1",
                                      "kzct completion bash | head -1"])
def test_every_output_path_ends_a_closed_pipe_quietly(shell_env, pipeline) -> None:
    kzct, _, reader = pipeline.partition(" | ")
    proc = sh(f"set -o pipefail; {kzct} | {reader} >/dev/null", shell_env)
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@needs_kzct
@pytest.mark.parametrize("args", ["timeline", "timeline --json", "sources --csv", "--help",
                                  "--version", "show Hizb", "completion zsh"])
def test_a_full_disk_is_one_line_and_exit_1(shell_env, args) -> None:
    proc = sh(f"kzct {args} > /dev/full", shell_env)
    assert proc.returncode == 1
    assert proc.stderr == "kzct: error: cannot write output: No space left on device\n"


# -- --csv, --tsv, --limit, --reverse ----------------------------------------------------------

@pytest.mark.parametrize("command", ["groups", "sources", "timeline", "people", "places"])
def test_csv_is_the_json_records_flat(run, command) -> None:
    records = run(command, "--json").json()
    result = run(command, "--csv")
    assert (result.code, result.err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert len(rows) == len(records)
    for record, row in zip(records, rows):
        for key, value in record.items():
            if key in ("history", "occurrences", "backs"):
                assert key not in row  # lists of records: --json only
            elif isinstance(value, list):
                assert row[key] == ";".join(str(v) for v in value)
            elif isinstance(value, dict):
                assert {k for k in row if k.startswith(key + "_")} == {f"{key}_{k}" for k in value}
            elif isinstance(value, bool):
                assert row[key] == ("true" if value else "false")
            else:
                assert row[key] == ("" if value is None else str(value))


def test_csv_and_tsv_exact(run) -> None:
    result = run("timeline", "--year", "2004", "--limit", "1", "--csv")
    header, first = result.out.splitlines()
    assert header == ("date,end_date,dates,precision,qualifier,date_source,date_text,text,section,"
                      "places,people,groups,killed,killed_qualifier,injured,injured_qualifier,"
                      "refs,span,seed,place_ids,person_ids,group_ids,toll_span,toll_text")
    event = run("timeline", "--year", "2004", "--limit", "1", "--json").json()[0]
    start, end = event["span"]
    assert first == ("2004,,2004,year,,explicit,2004年,多年以来哈萨克斯坦警方一直在该国南部逮捕"
                     "伊扎布特成员，但直到2004年才在该国北部逮捕了第一名伊扎布特成员。,取缔恐怖组织;"
                     f"伊扎布特,哈萨克斯坦,,伊扎布特,,,,,,{start};{end},"
                     "kazakhstan-terrorism.zhwiki.wikitext,place:kazakhstan,,group:hizb-ut-tahrir,,")
    lines = run("people", "--limit", "2", "--tsv").out.splitlines()
    assert lines[0].split("\t") == ["id", "kind", "name_zh", "name_latin", "name_en",
                                    "name_en_source", "aliases",
                                    "role", "place_type", "country", "geonames_id", "latitude",
                                    "longitude", "source", "mentions", "first_mention", "seed", "seeds"]
    assert lines[1].split("\t")[:7] == [
        "person:nursultan-nazarbayev", "person", "纳扎尔巴耶夫", "", "Nursultan Nazarbayev", "curated",
        "Nazarbaev;Nazarbayev;Nursultan Abishevich Nazarbayev;Nursultan Nazarbaev;Назарбаев;"
        "Нурсултан Назарбаев;Нұрсұлтан Назарбаев;努尔苏丹·纳扎尔巴耶夫;努尔苏丹·阿比舍维奇·纳扎尔巴耶夫"]
    assert len(lines) == 3 and all(line.count("\t") == 17 for line in lines)
    groups = run("groups", "--csv").out.splitlines()
    assert groups[0] == ("name_zh,name_latin,name_en,name_en_source,aliases,status,status_text,"
                         "listed_on,listed_precision,refs,source_seed,source_section,source_span,id,"
                         "authority,authority_code,authority_en,action,label,article_country")


def test_formats_exclude_each_other(run) -> None:
    result = run("groups", "--csv", "--json")
    assert (result.code, result.out) == (2, "")
    assert result.err == "kzct: error: choose one of --json, --csv\n"


def test_empty_csv_prints_nothing(run) -> None:
    result = run("timeline", "--year", "1980", "--csv")
    assert (result.code, result.out, result.err) == (0, "", "")


@pytest.mark.parametrize("command", ["timeline", "people", "places", "sources"])
def test_limit(run, command) -> None:
    every = run(command, "--json").json()
    assert run(command, "--limit", "3", "--json").json() == every[:3]
    assert run(command, "--limit", "100000", "--json").json() == every
    bad = run(command, "--limit", "0")
    assert bad.code == 2 and "is not a positive whole number" in bad.err


def test_reverse(run) -> None:
    events = run("timeline", "--json").json()
    assert run("timeline", "--reverse", "--json").json() == events[::-1]
    latest = run("timeline", "--reverse", "--limit", "2", "--json").json()
    assert latest == events[::-1][:2]


# -- the pager ---------------------------------------------------------------------------------

def _on_a_terminal(args: list[str], env: dict[str, str], lines: int = 24) -> tuple[int, str]:
    """Run kzct with stdout on a pseudo-terminal; its exit code and what the terminal showed."""
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([str(KZCT), *args], stdout=slave, stderr=slave, stdin=subprocess.DEVNULL,
                            env={**env, "LINES": str(lines), "TERM": "dumb"})
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return proc.wait(timeout=60), shown.decode("utf-8", "replace")


@needs_kzct
def test_a_long_table_at_a_terminal_goes_through_the_pager(shell_env, tmp_path) -> None:
    paged = tmp_path / "paged"
    env = {**shell_env, "KZCT_PAGER": f"cat > {paged}; echo PAGED"}
    code, shown = _on_a_terminal(["timeline", "--year", "2006"], env)
    assert code == 0 and "PAGED" in shown
    text = paged.read_text(encoding="utf-8")
    assert text.startswith("Date ") and "2006-12-22" in text and text.count("\n") > 24
    # --no-pager, a short table, and PAGER when KZCT_PAGER is not set
    code, shown = _on_a_terminal(["timeline", "--year", "2006", "--no-pager"], env)
    assert code == 0 and "PAGED" not in shown and "2006-12-22" in shown
    code, shown = _on_a_terminal(["groups"], env, lines=100)
    assert code == 0 and "PAGED" not in shown
    other = {**shell_env, "PAGER": "cat >/dev/null; echo VIA-PAGER"}
    code, shown = _on_a_terminal(["timeline", "--year", "2006"], other)
    assert code == 0 and "VIA-PAGER" in shown
    code, shown = _on_a_terminal(["timeline", "--json"], env)  # JSON is never paged
    assert code == 0 and "PAGED" not in shown


@needs_kzct
def test_never_a_pager_in_a_pipe(shell_env, tmp_path) -> None:
    env = {**shell_env, "KZCT_PAGER": f"touch {tmp_path / 'paged'}; cat", "LINES": "5"}
    proc = sh("kzct timeline --year 2006 | cat", env)
    assert proc.returncode == 0 and proc.stdout.startswith("Date ")
    assert not (tmp_path / "paged").exists()


def test_pager_choice() -> None:
    from kzct.context import Environment, Run

    def chosen(env: dict[str, str], tty: bool = True, no_pager: bool = False) -> str | None:
        run = Run(Environment.read(env))
        run.stdout_tty = tty
        run.add_options(no_pager=no_pager)
        return run.pager_command()

    assert chosen({}) == "less"
    assert chosen({"PAGER": "more"}) == "more"
    assert chosen({"PAGER": "more", "KZCT_PAGER": "most"}) == "most"
    assert chosen({"KZCT_PAGER": ""}) is None and chosen({"PAGER": "cat"}) is None
    assert chosen({}, tty=False) is None and chosen({}, no_pager=True) is None
    run = Run(Environment.read({}))
    assert run.pager_environment()["LESS"] == "FRX"
    assert Run(Environment.read({"LESS": "-R"})).pager_environment()["LESS"] == "-R"


# -- the progress of a long build --------------------------------------------------------------

def test_progress_bar_of_a_build() -> None:
    from rich.console import Console

    from kzct.context import Environment, Run
    from kzct.face.render import BuildProgress

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, color_system=None)
    progress = BuildProgress(Run(Environment.read({})), delay=0, console=console)
    progress.start(3, 3000)
    progress.advance(1000)
    progress.advance(1000)
    progress.finish()
    assert "building the index" in out.getvalue() and "2/3" in out.getvalue()


def test_a_quick_build_shows_no_progress() -> None:
    from rich.console import Console

    from kzct.context import Environment, Run
    from kzct.face.render import BuildProgress

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, color_system=None)
    progress = BuildProgress(Run(Environment.read({})), delay=3600, console=console)
    progress.start(1, 10)
    progress.advance(10)
    progress.finish()  # before the delay: nothing was ever drawn
    assert out.getvalue() == ""


def test_progress_only_at_a_terminal(run, monkeypatch, tmp_path, places_file) -> None:
    """A cold build with stderr not a terminal (here, captured) makes no progress bar at all."""
    import kzct.face.render

    made = []

    class Recorded(kzct.face.render.BuildProgress):
        def __init__(self, *args, **kwargs) -> None:
            made.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(kzct.face.render, "BuildProgress", Recorded)
    monkeypatch.setenv("KZCT_CACHE_DIR", str(fresh_cache(tmp_path / "cold", places_file)))
    result = run("groups", "--json")
    assert (result.code, result.err, made) == (0, "", [])


def test_csv_and_tsv_stay_off_rich(tmp_path, session_cache) -> None:
    """CSV and TSV are written without Rich too."""
    driver = ("import json, sys\nfrom kzct.face.cli import main\ntry:\n    main(sys.argv[1:])\n"
              "except SystemExit:\n    pass\nsys.stderr.write(json.dumps(sorted(sys.modules)))\n")
    env = {**os.environ, "KZCT_CACHE_DIR": str(session_cache)}
    for args in (["groups", "--csv"], ["timeline", "--tsv"]):
        proc = subprocess.run([sys.executable, "-c", driver, *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, check=True)
        modules = set(json.loads(proc.stderr.strip().splitlines()[-1]))
        assert not {m for m in modules if m.split(".")[0] in ("rich", "rapidfuzz")}


# -- choosing the fields ------------------------------------------------------------------------

def test_fields_choose_the_columns_of_json_and_csv(run) -> None:
    csv_rows = run("timeline", "--year", "2005", "--fields", "date,killed,text", "--csv").out
    assert csv_rows.splitlines()[:2] == [
        "date,killed,text", "2005-01-26,,在2005年1月26日至28日，来自联合国安理会反恐委员会的官员在"
        "阿拉木图召开会议。"]
    records = run("groups", "--fields", "name_en, listed_on", "--json").json()
    assert records[0] == {"name_en": "Islamic Movement of Uzbekistan", "listed_on": "2006-10-12"}
    assert {tuple(r) for r in records} == {("name_en", "listed_on")}
    jsonl = run("people", "--fields", "name_en", "--jsonl", "--limit", "1").out
    assert jsonl == '{"name_en": "Nursultan Nazarbayev"}\n'


def test_no_header(run) -> None:
    rows = run("groups", "--tsv", "--no-header", "--fields", "name_en,listed_on").out
    assert rows.splitlines()[0] == "Islamic Movement of Uzbekistan\t2006-10-12"


@pytest.mark.parametrize(("args", "said"), [
    (["timeline", "--fields", "dat", "--csv"], "--fields: no field 'dat'; the fields are date, "
                                               "end_date, dates"),
    (["timeline", "--fields", "date"], "--fields chooses the fields of --json, --jsonl, --csv "
                                       "or --tsv: give one of them"),
    (["places", "--fields", "id", "--geojson"], "--fields chooses the fields of --json"),
    (["groups", "--fields", ",", "--json"], "--fields needs field names"),
    (["groups", "--no-header", "--json"], "--no-header is for --csv and --tsv"),
    # a list of records has no flat form: an error, not a column of empty cells
    (["sources", "--id", "JCAM", "--fields", "id,backs", "--csv"],
     "--fields: 'backs' holds records, which only --json and --jsonl write"),
    (["groups", "--fields", "history", "--tsv"],
     "--fields: 'history' holds records, which only --json and --jsonl write"),
])
def test_fields_and_no_header_errors(run, args, said) -> None:
    result = run(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"kzct: error: {said}")


# -- safe to open: formulas, bidi controls, escapes in file names --------------------------------

HOSTILE = """'''测试'''是一篇文章。

==@SUM(1+1)*cmd==
+1，2006年5月4日，\u202e阿拉木图\u202c发生了爆炸。<ref>{{cite web|url=http://example.com/a|title==HYPERLINK("http://evil.example","点击")|publisher=+SUM(1,2)|author=-2+3|date=2006-05-04}}</ref>

== -1+2 ==
-3，2007年6月1日，阿斯塔纳发生了袭击。<ref>{{cite web|url=http://example.com/b|title=@import|date=2007}}</ref>

==参考资料==
{{reflist}}
"""
# ESC, an OSC that would set the terminal's title, BEL, and a right-to-left override
HOSTILE_NAME = "evil\x1b]0;pwned\x07\u202etxt.exe.wikitext"


@pytest.fixture(scope="module")
def hostile_seed(tmp_path_factory) -> Path:
    """Built once, in the session's cache, for the tests that read it."""
    path = tmp_path_factory.mktemp("hostile") / HOSTILE_NAME
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["--csv", "--tsv"])
def test_a_cell_a_spreadsheet_would_run_is_escaped(run, hostile_seed, fmt) -> None:
    """OWASP's advice: a text cell that starts a formula begins with a single quote."""
    delimiter = "," if fmt == "--csv" else "\t"

    def rows(*args: str) -> list[dict[str, str]]:
        result = run("--seed", str(hostile_seed), *args, fmt)
        assert (result.code, result.err) == (0, "")
        return list(csv.DictReader(io.StringIO(result.out), delimiter=delimiter))

    sources = rows("sources")
    assert [(r["title"], r["publisher"], r["author"]) for r in sources] == [
        ("'=HYPERLINK(\"http://evil.example\",\"点击\")", "'+SUM(1,2)", "'-2+3"),
        ("'@import", "", "")]
    assert [r["span"][:1].isdigit() for r in sources] == [True, True]  # numbers as they are
    events = rows("timeline")
    assert [(r["text"][:3], r["section"]) for r in events] == [
        ("'+1", "'@SUM(1+1)*cmd"), ("'-3", "'-1+2")]
    # --json keeps the text as it is
    assert run("--seed", str(hostile_seed), "sources", "--json").json()[1]["title"] == "@import"


def test_controls_and_bidi_overrides_are_never_shown(run, hostile_seed) -> None:
    """In the CSV `seed` column and in tables: no escape sequence of a file name, no character
    that reorders the text after it; the JSON has them, escaped as JSON escapes them."""
    from conftest import SEED

    seeds = ("--seed", str(hostile_seed), "--seed", str(SEED))  # two: a table shows the seed
    clean = "evil]0;pwnedtxt.exe.wikitext"
    rows = list(csv.DictReader(io.StringIO(run(*seeds, "sources", "--csv").out)))
    assert {r["seed"] for r in rows} == {clean, SEED.name}
    table = run(*seeds, "timeline", "--year", "2006", env={"COLUMNS": "200"})
    assert table.code == 0 and clean in table.out and "阿拉木图发生了爆炸" in table.out
    assert not any(c in table.out for c in "\x1b\x07\u202e\u202c")
    events = run(*seeds, "timeline", "--year", "2006", "--json").json()
    assert [e["text"] for e in events if e["seed"] == HOSTILE_NAME] == [
        "+1，2006年5月4日，\u202e阿拉木图\u202c发生了爆炸。"]
    info = run("cache", "info").out  # the cached articles' paths
    assert f"{hostile_seed.parent}/{clean}, last used " in info
    assert not any(c in info for c in "\x1b\x07\u202e\u202c")


def test_every_format_character_is_known() -> None:
    """The format characters removed are all of Unicode's category Cf (as Python knows it)."""
    import re
    import unicodedata

    from kzct.face.render import FORMAT_CHARACTERS

    pattern = re.compile(f"[{FORMAT_CHARACTERS}]")
    planes = [*range(0x20000), *range(0xE0000, 0xE1000)]
    assert [hex(c) for c in planes
            if unicodedata.category(chr(c)) == "Cf" and not pattern.match(chr(c))] == []
