"""Input kzct was not built for: malformed wikitext, markup and escapes in seed text, pipes."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import DATA, own
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

CORPUS = DATA / "mwparserfromhell-tokenizer"


def corpus_inputs() -> list[tuple[str, str]]:
    """Every ``input:`` of the mwparserfromhell tokenizer tests, with its file and case name."""
    cases = []
    for path in sorted(CORPUS.glob("*.mwtest")):
        for block in path.read_text(encoding="utf-8").split("\n---\n"):
            name = value = None
            for line in block.splitlines():
                if line.startswith("name:"):
                    name = line.split(":", 1)[1].strip()
                elif line.startswith("input:"):
                    value = _decode(line.split(":", 1)[1].strip())
            if value is not None:
                cases.append((f"{path.stem}/{name}", value))
    return cases


def _decode(raw: str) -> str:
    """An ``input:`` value, read as mwparserfromhell's own test loader reads it (quotes stripped,
    backslash escapes decoded): not every one is a valid Python literal."""
    try:
        value = ast.literal_eval(raw)
        if isinstance(value, str):
            return value
    except (SyntaxError, ValueError):
        pass
    if raw[:1] == raw[-1:] == '"':
        raw = raw[1:-1]
    return raw.encode("raw_unicode_escape").decode("unicode_escape")


CASES = corpus_inputs()


def test_corpus_is_complete() -> None:
    assert len(CASES) == 573
    assert (CORPUS / "LICENSE").is_file()


@lru_cache(maxsize=1)
def _builder():
    from kzct.build import Builder

    return Builder(own(Path(os.environ["KZCT_CACHE_DIR"])))  # the session's place table


def every_command_json(text: str) -> None:
    """Index ``text`` and serialise what every command would print; it must be valid JSON."""
    from kzct.build import build_article
    from kzct.model import to_json
    from kzct.queries.lists import GroupFilter, TimelineFilter, list_groups, list_sources, timeline
    from kzct.queries.records import card, entity_records, hit_records
    from kzct.queries.search import search
    from kzct.store.database import memory_index

    seed = build_article("fuzz.wikitext", "fuzz.wikitext", text, "x", _builder())
    index = memory_index([seed])
    hits = search(index, "Tusupbekov")
    outputs = [
        list(list_groups(index, GroupFilter(include_all=True))), list(list_sources(index)),
        list(timeline(index, TimelineFilter())),
        hit_records(index, hits), list(entity_records(index, "person", "name")),
        card(index, hits[0].entity) if hits else None,
    ]
    for records in outputs:
        json.loads(json.dumps(to_json(records), ensure_ascii=False))


def _splice(seed_text: str, fragment: str, at: int) -> str:
    return seed_text[:at] + fragment + seed_text[at:]


@pytest.fixture(scope="module")
def splice_points(seed_text):
    # inside the lead, inside the list of banned groups, inside a ref, and at the very end
    return [400, seed_text.index("[[伊扎布特|伊扎布特]]、") + 3, seed_text.index("<ref name=TERRORORG>") + 10,
            len(seed_text)]


ALONE_STRIDE = 3


def test_every_corpus_input_alone(alone_start) -> None:
    for name, fragment in CASES[alone_start::ALONE_STRIDE]:
        try:
            every_command_json(fragment)
        except Exception as exc:  # pragma: no cover - the assertion message names the case
            raise AssertionError(f"corpus case {name!r} raised {exc!r}") from exc


SPLICE_STRIDE = 96


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """By default every third case alone (191 of 573), and every 96th spliced into the seed
    (6, each a rebuild of the whole seed's index), the same ones on every run; with
    `pytest --exhaustive`, all of them, both ways."""
    exhaustive = metafunc.config.getoption("--exhaustive")
    for name, stride in (("alone_start", ALONE_STRIDE), ("splice_start", SPLICE_STRIDE)):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, range(stride) if exhaustive else [0])


def test_corpus_inputs_spliced_into_the_seed(seed_text, splice_points, splice_start) -> None:
    for i in range(splice_start, len(CASES), SPLICE_STRIDE):
        name, fragment = CASES[i]
        try:
            # each case in turn at each point (the lead, the list, a reference, the end)
            point = splice_points[(i // SPLICE_STRIDE) % len(splice_points)]
            every_command_json(_splice(seed_text, fragment, point))
        except Exception as exc:  # pragma: no cover - the assertion message names the case
            raise AssertionError(f"corpus case {name!r} raised {exc!r}") from exc


@pytest.mark.parametrize("case", range(0, 573, 164))
def test_corpus_through_the_command_line(run, tmp_path, seed_text, case) -> None:
    name, fragment = CASES[case]
    path = tmp_path / "seed.wikitext"
    path.write_text(_splice(seed_text, fragment, 4000), encoding="utf-8")
    for args in (["groups", "--all"], ["sources"], ["timeline"], ["people"], ["places"],
                 ["search", "Almaty"], ["show", "Almaty"]):
        result = run("--seed", str(path), *args, "--json")
        assert result.code == 0, (name, args, result.err)
        json.loads(result.out)


_markup = st.sampled_from(["[[", "]]", "{{", "}}", "|", "<ref>", "</ref>", "<ref name=x/>", "<ref",
                           "==", "===", "\n", "\n\n", "'''", "''", "[http://x.y z]", "&amp;", "&#",
                           "<!--", "-->", "{{{", "}}}", "<nowiki>", "<", ">", "\x00", "\x1b[31m",
                           "2006年", "3月", "16日", "3天之后，", "纳扎尔巴耶夫", "Tusupbekov", "。", "“", "”",
                           "恐怖组织包括：", "、", "和", "将", "加入了这张名单", "=" * 300])
_wikitext = st.lists(st.one_of(_markup, st.text(max_size=8)), max_size=40).map("".join)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), _wikitext))
def test_index_builder_never_raises(text) -> None:
    every_command_json(text)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(fragment=_wikitext, where=st.floats(0, 1))
def test_seed_with_arbitrary_fragment_never_raises(seed_text, fragment, where) -> None:
    every_command_json(_splice(seed_text, fragment, int(where * len(seed_text))))


@settings(deadline=None)
@given(text=st.one_of(st.text(), _wikitext))
@example(text="[[ A]]")  # MediaWiki trims a link's shown text: the run starts after the space
@example(text="x [[A| Almaty ]] y。")
def test_sentence_spans_round_trip(text) -> None:
    from kzct.parse.wikitext import parse_document

    for sentence in parse_document(text).sentences:
        for clean_start, seed_start, length in sentence.runs:
            piece = sentence.text[clean_start:clean_start + length]
            # the same characters, but any whitespace reads as one plain space
            assert _spaces(text[seed_start:seed_start + length]) == piece


# -- seed text is data ---------------------------------------------------------------------------

HOSTILE = ("==攻击==\n2006年5月1日，[bold red]x[/]在[link=http://example.com]阿拉木图[/link]发生爆炸"
           "\x1b[31m红色\x1b[0m\x07，[/]导致3人丧生。\n")


@pytest.fixture
def hostile_seed(tmp_path, seed_text) -> Path:
    path = tmp_path / "hostile.wikitext"
    path.write_text(seed_text + "\n" + HOSTILE, encoding="utf-8")
    return path


def test_markup_in_seed_is_inert_in_json(run, hostile_seed) -> None:
    events = run("--seed", str(hostile_seed), "timeline", "--from", "2006-05-01", "--to",
                 "2006-05-01", "--json").json()
    assert len(events) == 1
    text = events[0]["text"]
    assert "[bold red]x[/]" in text and "[link=http://example.com]" in text
    assert not any(ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0 for ch in text)  # control chars removed
    assert "[31m红色[0m" in text and events[0]["killed"] == 3


@pytest.mark.parametrize("force", [False, True])
def test_markup_in_seed_is_inert_in_tables(run, hostile_seed, force) -> None:
    env = {"COLUMNS": "200"} | ({"FORCE_COLOR": "1"} if force else {})
    result = run("--seed", str(hostile_seed), "timeline", "--from", "2006-05", "--to", "2006-05",
                 env=env)
    assert result.code == 0
    assert "[bold red]x[/]" in result.out and "[link=http://example.com]阿拉木图[/link]" in result.out
    assert "\x1b]8;" not in result.out  # no hyperlink
    assert "\x07" not in result.out and "\x1b[31m" not in result.out  # the seed's own escapes
    assert ("\x1b[" in result.out) == force  # styles only when forced (stdout is not a terminal)


@pytest.mark.parametrize(("env", "colour"), [({}, False), ({"FORCE_COLOR": "1"}, True),
                                             ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
                                             ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)])
def test_colour_decision(run, env, colour) -> None:
    result = run("groups", env=env)
    assert ("\x1b[" in result.out) == colour


def _display_width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_columns_sets_the_width(run) -> None:
    for width in (60, 140):
        lines = run("timeline", "--year", "2006", env={"COLUMNS": str(width)}).out.splitlines()
        widths = [_display_width(line) for line in lines]  # a Chinese character takes two
        assert max(widths) <= width
        assert any(w >= width - 2 for w in widths)


def test_jsonl_is_one_record_per_line(run) -> None:
    result = run("timeline", "--year", "2006", "--jsonl")
    lines = result.out.splitlines()
    assert len(lines) == 25 and all(json.loads(line)["date"].startswith("2006") for line in lines)
    assert run("sources", "--jsonl").err == ""


# -- pipes ---------------------------------------------------------------------------------------

KZCT = Path(sys.executable).parent / "kzct"


@pytest.mark.skipif(not KZCT.exists(), reason="the kzct console script is not installed here")
@pytest.mark.parametrize("pipeline", ["kzct timeline --json | head -c 100", "kzct timeline | head -1",
                                      "kzct sources --jsonl | head -1", "kzct people --json | head -c 1"])
def test_closed_pipe_ends_quietly(tmp_path, session_cache, pipeline) -> None:
    env = {**os.environ, "KZCT_CACHE_DIR": str(session_cache),
           "PATH": f"{KZCT.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("KZCT_SEED", None)
    kzct, _, reader = pipeline.partition(" | ")
    script = f"set -o pipefail; {kzct} 2>{tmp_path / 'err'} | {reader} >/dev/null"
    proc = subprocess.run(["bash", "-c", script], env=env, timeout=120)
    assert proc.returncode == 0
    assert (tmp_path / "err").read_text() == ""


def _spaces(text: str) -> str:
    return "".join(" " if ch.isspace() else ch for ch in text)


def test_a_nul_byte_loses_nothing_and_is_reported(run, tmp_path) -> None:
    """mwparserfromhell's tokenizer stops at NUL: the character is dropped before parsing, the
    offsets kept, and stderr names the file and where."""
    text = "2006年5月1日，甲地发生爆炸。\x00\n\n2006年5月2日，乙地发生爆炸，3人死亡。\n"
    path = tmp_path / "nul.wikitext"
    path.write_text(text, encoding="utf-8")
    result = run("--seed", str(path), "timeline", "--json")
    events = result.json()
    assert [(e["date"], e["killed"]) for e in events] == [("2006-05-01", None), ("2006-05-02", 3)]
    start, end = events[1]["span"]
    assert text[start:end] == events[1]["text"]
    assert result.err == (f"kzct: warning: {path}: 1 control character(s) removed from the text "
                          f"(the first at offset {text.index(chr(0))})\n")
