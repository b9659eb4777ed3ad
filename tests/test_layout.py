"""Tables and cards as a reader sees them: line breaking, column widths, the record-per-block
layout, and snapshots of whole tables at 40, 80 and 200 columns (tests/snapshots/, read by a
person when they change: `pytest tests/test_layout.py --update-snapshots`, then `git diff`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, SEED

from kzct.face.layout import (
    LIST,
    NAME,
    NAMES,
    SHORT,
    TEXT,
    block_lines,
    cell_width,
    widths,
    wrap,
    wrap_items,
)

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


# -- breaking lines ------------------------------------------------------------------------------

def test_cell_width_counts_wide_characters_twice() -> None:
    assert cell_width("Almaty") == 6
    assert cell_width("阿拉木图") == 8
    assert cell_width("Öskemen") == 7 and cell_width("O\u0308skemen") == 7


@pytest.mark.parametrize(("text", "width", "lines"), [
    # Latin names wrap at spaces and after hyphens, never inside a word that fits
    ("Rashid Tusupbekov", 12, ["Rashid", "Tusupbekov"]),
    ("Lashkar-e-Taiba", 12, ["Lashkar-e-", "Taiba"]),
    ("Eastern Turkestan Liberation Organization", 20,
     ["Eastern Turkestan", "Liberation", "Organization"]),
    # Chinese breaks between characters, but not before closing punctuation
    ("哈萨克斯坦有直接活动，在", 20, ["哈萨克斯坦有直接活", "动，在"]),
    # a number stays with its unit
    ("国防部长在2004年2月", 12, ["国防部长", "在2004年2月"]),
    # a Latin name inside Chinese text moves whole to the next line
    ("哈萨克斯坦国防部长Mukhtar Altynbayev进行会晤", 24,
     ["哈萨克斯坦国防部长", "Mukhtar Altynbayev进行会", "晤"]),
    # a word wider than the line is cut where it must be
    ("Tusupbekov", 4, ["Tusu", "pbek", "ov"]),
    ("", 10, [""]),
])
def test_wrap(text, width, lines) -> None:
    assert wrap(text, width) == lines
    assert all(cell_width(line) <= width for line in lines)


def test_no_empty_line_inside_a_text() -> None:
    """The 2004-02 event of `timeline --year 2004` printed an empty line at 80 columns: Rich
    folded `国防部长Mukhtar` at the column's edge, leaving the space before `Altynbayev` alone
    on a line. The sentence itself has no line break."""
    text = ("尽管没有报道显示基地组织在哈萨克斯坦有直接活动，在2004年2月美国国防部长拉姆斯菲尔德和"
            "哈萨克斯坦国防部长Mukhtar Altynbayev进行会晤之后的一场新闻发布会上还是有记者提出了相关"
            "问题。")
    for width in range(8, 120):
        assert all(line.strip() for line in wrap(text, width)), width


def test_names_kept_whole() -> None:
    assert wrap("哈萨克斯坦", 10, keep_cjk=True) == ["哈萨克斯坦"]
    assert wrap("乌兹别克斯坦伊斯兰运动", 22, keep_cjk=True) == ["乌兹别克斯坦伊斯兰运动"]
    assert wrap("Rashid Tusupbekov", 10, keep_cjk=True) == ["Rashid", "Tusupbekov"]


def test_lists_break_only_between_items() -> None:
    assert wrap_items(["Назарбаев", "Нурсултан Назарбаев", "Нұрсұлтан Назарбаев"], 31) == [
        "Назарбаев, Нурсултан Назарбаев,", "Нұрсұлтан Назарбаев"]
    assert wrap_items(["哈萨克斯坦", "中国", "斯捷普诺戈尔斯克"], 17) == [
        "哈萨克斯坦, 中国,", "斯捷普诺戈尔斯克"]
    assert wrap_items([], 10) == [""]


# -- column widths -------------------------------------------------------------------------------

KINDS = [SHORT, NAME, NAME, TEXT]
HEADERS = ["Date", "Chinese", "English", "What"]
ROWS = [["2006-10-12", "乌兹别克斯坦伊斯兰运动", "Islamic Movement of Uzbekistan",
         "在2006年10月12日，哈萨克斯坦最高法院核准了经过修正的遭到取缔的恐怖组织名单。"],
        ["2006", "伊扎布特", "Hizb ut-Tahrir", "短句。"]]


def test_a_table_is_as_wide_as_its_content() -> None:
    layout = widths(KINDS, HEADERS, ROWS, 200)
    assert layout is not None and layout.widths == [10, 22, 30, 76]


def test_short_fields_keep_their_width_and_text_takes_the_rest() -> None:
    layout = widths(KINDS, HEADERS, ROWS, 110)  # names whole, 42 cells of text
    assert layout is not None
    assert layout.widths == [10, 22, 30, 42] and sum(layout.widths) + 6 == 110
    layout = widths(KINDS, HEADERS, ROWS, 100)  # too little text: the English name wraps
    assert layout is not None
    assert layout.widths == [10, 22, 15, 47] and sum(layout.widths) + 6 == 100


def test_names_give_way_before_they_are_split() -> None:
    layout = widths(KINDS, HEADERS, ROWS, 80)
    assert layout is not None
    # the Chinese name whole, the English one as wide as its longest word (Uzbekistan)
    assert layout.widths == [10, 22, 10, 32]


def test_below_what_a_table_can_hold_there_is_no_table() -> None:
    assert widths(KINDS, HEADERS, ROWS, 40) is None
    blocks = block_lines(HEADERS, KINDS, ROWS, 40)
    assert blocks[1] == [("Date", "2006"), ("Chinese", "伊扎布特"), ("English", "Hizb ut-Tahrir"),
                         ("What", "短句。")]
    unplaced = block_lines(HEADERS, KINDS, [["2006", "伊扎布特", "", "短句。"]], 40)
    assert unplaced == [[("Date", "2006"), ("Chinese", "伊扎布特"), ("What", "短句。")]]
    narrow = block_lines(HEADERS, KINDS, ROWS, 20)  # labels above their values
    assert narrow[1][:2] == [("Date", ""), ("", "2006")]


def test_lists_in_a_table() -> None:
    kinds, headers = [SHORT, LIST], ["#", "Where"]
    rows = [["1", ("哈萨克斯坦", "中国", "斯捷普诺戈尔斯克")]]
    layout = widths(kinds, headers, rows, 20)
    assert layout is not None and layout.widths == [1, 17]
    # a list's items stay whole (a list of names' items break between words, never inside a
    # Chinese name)
    rows = [["1", ("Kazakhstan 哈萨克斯坦", "Parliament House 印度议会大厦")]]
    assert widths(kinds, headers, rows, 20) is None
    layout = widths([SHORT, NAMES], headers, rows, 20)
    assert layout is not None and layout.widths == [1, 17]
    assert wrap_items(rows[0][1], 17) == ["Kazakhstan", "哈萨克斯坦,", "Parliament House",
                                          "印度议会大厦"]


# -- whole tables, as printed --------------------------------------------------------------------

TABLES = {
    "groups": ["groups"],
    "groups-all": ["groups", "--all"],
    "timeline-2004": ["timeline", "--year", "2004"],
    "search-tusupbekov": ["search", "Tusupbekov"],
    "sources-dead": ["sources", "--dead"],
    "sources-dead-wide": ["sources", "--dead", "--wide"],
    "people": ["people", "--limit", "6"],
    "show-tusupbekov": ["show", "Tusupbekov"],
    "chart": ["timeline", "--chart", "--from", "2000", "--to", "2006"],
}


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("name", sorted(TABLES))
def test_snapshot(run, update_snapshots, name, width) -> None:
    result = run(*TABLES[name], env={"COLUMNS": str(width)})
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert all(line == line.rstrip() for line in lines)  # no trailing whitespace, ever
    assert all(cell_width(line) <= width for line in lines)
    path = SNAPSHOTS / f"{name}-{width}.txt"
    if update_snapshots:
        path.parent.mkdir(exist_ok=True)
        path.write_text(result.out, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run pytest tests/test_layout.py --update-snapshots"
    assert result.out == path.read_text(encoding="utf-8"), f"{path} differs"


def test_no_column_is_ever_dropped(run) -> None:
    for width in (20, 30, 40, 60):
        out = run("groups", env={"COLUMNS": str(width)}).out
        for header in ("#", "Chinese", "English", "Date", "Refs"):
            assert header in out
        words = out.split()
        assert "Turkestan" in words and "Organization" in words


def test_show_prints_each_sentence_once(run) -> None:
    card = run("show", "Hizb", "--json").json()["entity"]
    sentences = {o["sentence"] for o in card["occurrences"]}
    assert card["mentions"] == 32 and len(sentences) == 28
    out = run("show", "Hizb", env={"COLUMNS": "200"}).out
    assert "Sentences (28)" in out and "Mentions" not in out
    assert "((" not in out and "(lead section)" in run("show", "Kazakhstan").out
    assert all(not line.strip() == "" or line == "" for line in out.splitlines())


def test_mentions_are_highlighted(run) -> None:
    out = run("show", "Tusupbekov", env={"COLUMNS": "200", "FORCE_COLOR": "1"}).out
    assert "\x1b[1;4mRashid Tusupbekov\x1b[0m" in out and "\x1b[1;4mTusupbeko\x1b[0m" in out


def test_show_heading_and_also_line(run) -> None:
    out = run("show", "Tusupbekov", env={"COLUMNS": "80"}).out.splitlines()
    assert out[0] == "Rashid Tusupbekov"  # not "Rashid Tusupbekov / Rashid Tusupbekov"
    assert out[1:4] == ["kind: person",
                        "role: 检察总长",  # the office the article writes before his name
                        "also: Tusupbeko, Tusupbekov, Рашид Тусупбеков, Тусупбеков"]
    narrow = run("show", "Nazarbayev", env={"COLUMNS": "60"}).out.splitlines()
    also = narrow[3:narrow.index("")]  # after the kind and the role (总统)
    assert also == ["also: Nazarbaev, Nazarbayev,",
                    "      Nursultan Abishevich Nazarbayev, Nursultan Nazarbaev,",
                    "      Назарбаев, Нурсултан Назарбаев, Нұрсұлтан Назарбаев,",
                    "      努尔苏丹·纳扎尔巴耶夫,",
                    "      努尔苏丹·阿比舍维奇·纳扎尔巴耶夫"]


def test_groups_all_gives_its_width_to_the_names(run) -> None:
    # Status is a word; the sentence of a group only discussed is in its card
    lines = run("groups", "--all", env={"COLUMNS": "100"}).out.splitlines()
    rows = [line.split() for line in lines[2:] if line[:2].strip()]
    assert [row[[t.startswith("[") for t in row].index(True) - 1] for row in rows] == \
        ["banned"] * 12 + ["listed"] * 2 + ["discussed"] * 5
    starts = [i for i, line in enumerate(lines) if line[:2].strip()] + [len(lines)]
    heights = [b - a for a, b in zip(starts[1:], starts[2:])]
    assert max(heights) == 2 and heights.count(2) == 5  # names of 27+ letters on two lines
    assert "伊斯兰传道会是一个伊斯兰教传教机构" in run("show", "伊斯兰传道会").out


def test_sources_compact_by_default(run) -> None:
    out = run("sources", env={"COLUMNS": "80"}).out
    assert out.splitlines()[0].split() == ["Id", "Publisher", "Title", "Dead", "Cited", "by"]
    # URLs only where a bare URL is all a reference gives: [22] and [23]
    assert out.count("http://") == 2 and len(out.splitlines()) == 154
    wide = run("sources", "--wide", env={"COLUMNS": "200"}).out
    assert "URL" in wide.splitlines()[0] and "http://www.rferl.org/" in wide


def test_timeline_rows_end_with_their_references(run) -> None:
    lines = run("timeline", "--year", "2006", env={"COLUMNS": "200"}).out.splitlines()
    row = next(line for line in lines if line.startswith("2006-10-12"))
    assert "并且检察总长对外发布了这份名单。[TERRORORG]" in row
    row = next(line for line in lines if line.startswith("2006-12-22"))
    assert "这一网络在多个城镇都有活动。[BEKNAZAROV]" in row


def test_several_seeds_are_numbered_under_the_table(run) -> None:
    seeds = ["--seed", str(SEED), "--seed", str(DATA / "zhwiki" / "second-chechen-war.hant.wikitext")]
    lines = run(*seeds, "timeline", "--year", "1999", "--limit", "3",
                env={"COLUMNS": "100"}).out.splitlines()
    assert lines[-2:] == ["seed 1: kazakhstan-terrorism.zhwiki.wikitext",
                          "seed 2: second-chechen-war.hant.wikitext"]
    rows = [line for line in lines[2:-2] if not line.startswith(" ")]  # a row's first line
    assert lines[0].split()[-1] == "Seed" and [row.split()[-1] for row in rows] == ["1", "2", "2"]
    # the text keeps its room: the first sentence on one line but for its reference
    assert lines[2].split()[1] == "伊扎布特最早在上世纪90年代在哈萨克斯坦南部出现。"


def test_the_whole_timeline_is_a_table_at_100_columns(run) -> None:
    # a toll another sentence states is said in the text's cell: in Casualties, its quote was
    # wider than the column could be, and every row became a block
    lines = run("timeline", env={"COLUMNS": "100"}).out.splitlines()
    assert lines[0].split() == ["Date", "What", "happened", "Where", "Casualties"]
    [row] = [i for i, line in enumerate(lines) if line.endswith("  c. 187 killed,")]
    assert lines[row + 1].endswith("  76 injured")
    end = next(i for i in range(row + 1, len(lines)) if not lines[i].startswith(" "))
    assert "(toll stated after:" in " ".join(" ".join(line.split()) for line in lines[row:end])


def test_seeds_are_numbered_in_the_order_given_by_every_command(run, tmp_path) -> None:
    chechen = DATA / "zhwiki" / "second-chechen-war.hant.wikitext"
    odd = tmp_path / "two\nlines\u202e.wikitext"  # a file name holds what it likes
    odd.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    seeds = ["--seed", str(chechen), "--seed", str(odd)]
    key = ["seed 1: second-chechen-war.hant.wikitext", "seed 2: two lines.wikitext"]
    for args in (["timeline", "--year", "1999", "--limit", "3"],
                 ["timeline", "--year", "1999", "--limit", "3", "--reverse"],
                 ["people", "--limit", "3"], ["search", "阿拉木图"], ["sources", "--limit", "2"]):
        lines = run(*seeds, *args, env={"COLUMNS": "120"}).out.splitlines()
        assert lines[-2:] == key, args
