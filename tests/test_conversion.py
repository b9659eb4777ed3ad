"""The Chinese Wikipedia's conversion markup and the wikitext forms of its articles, read as
MediaWiki renders them (``kzct/parse/conversion.py``, ``kzct/parse/wikitext.py``)."""

from __future__ import annotations

import pytest

from kzct.parse.conversion import prepare, rule_names
from kzct.parse.wikitext import is_non_body, parse_document


def texts(wikitext: str) -> list[str]:
    return [s.text for s in parse_document(wikitext).sentences]


@pytest.mark.parametrize(
    ("wikitext", "shown", "variants"),
    [
        ("在-{R|塔什干}-发生", "在塔什干发生", ()),
        ("在-{塔什干}-发生", "在塔什干发生", ()),
        ("努尔-{}-苏丹", "努尔苏丹", ()),
        ("会见-{zh-hans:普京;zh-hant:普丁}-。", "会见普京。", (("普京", "普丁"),)),
        # the simplified variant whatever the order, the others kept as names of the same thing
        ("用-{zh-tw:油氣彈;zh-cn:云爆弹;zh-hk:燃料空氣炸彈;}-攻击", "用云爆弹攻击",
         (("云爆弹", "油氣彈", "燃料空氣炸彈"),)),
        ("-{zh-tw:甲;zh-hk:乙}-", "甲", (("甲", "乙"),)),  # no simplified one: the first
        ("前-{H|zh-hans:普京;zh-hant:普丁}-后", "前后", (("普京", "普丁"),)),  # a rule, shown nowhere
        ("前-{A|zh-hans:普京;zh-hant:普丁}-后", "前普京后", (("普京", "普丁"),)),
        ("前-{T|zh-hans:标题;zh-hant:標題}-后", "前后", ()),
        ("前-{-|zh-hans:普京;zh-hant:普丁}-后", "前后", ()),
        ("-{ zh-hans : 甲 ; zh-hant : 乙 }-", "甲", (("甲", "乙"),)),
        ("-{zh-hans:[[弗拉基米尔·普京|普京]];zh-hant:[[弗拉基米爾·普丁|普丁]]}-",
         "[[弗拉基米尔·普京|普京]]", (("普京", "普丁"),)),
        ("外-{A-{R|内}-B}-外", "外A内B外", ()),  # nested
        # broken markup: best effort, no words lost
        ("在-{塔什干发生爆炸", "在塔什干发生爆炸", ()),
        ("在塔什干}-发生", "在塔什干}-发生", ()),
        ("1990-{{year}}", "1990-{{year}}", ()),  # a dash before a template
        ("-{a;b}-", "a;b", ()),  # no rule list: as written
        ("甲-{A-{{foo}}B}-乙", "甲A-{{foo}}B乙", ()),  # a template inside, after a dash
        ("-{a " * 3000, "a " * 3000, ()),  # thousands unclosed: each word kept (in linear time)
        ("-{a " * 3 + "}-b", "a a a b", ()),  # the innermost closed, the others dropped
    ],
)
def test_conversion_markup(wikitext, shown, variants) -> None:
    prepared = prepare(wikitext)
    assert prepared.text == shown
    assert prepared.variants == variants
    for start, seed_start, length in prepared.pieces:  # every piece is the seed's own text
        assert prepared.text[start:start + length] == wikitext[seed_start:seed_start + length]


def test_control_characters_are_dropped_and_offsets_kept() -> None:
    text = "2006年5月1日，甲地发生爆炸。\x00\n\n2006年5月2日，乙\x07地发生爆炸。"
    document = parse_document(text)
    assert [s.text for s in document.sentences] == ["2006年5月1日，甲地发生爆炸。", "2006年5月2日，乙地发生爆炸。"]
    assert document.controls == (text.index("\x00"), text.index("\x07"))
    second = document.sentences[1]
    start, end = second.span
    assert text[start:end] == "2006年5月2日，乙\x07地发生爆炸。"
    assert second.seed_span(11, 12) == (text.rindex("地发"), text.rindex("地发") + 1)


def test_note_ta_rules_are_aliases() -> None:
    document = parse_document("{{NoteTA|G1=地名|1=zh-hans:普京;zh-hant:普丁;|2=zh-cn:和田; zh-tw:和闐}}\n普京访问和田。")
    assert ("普京", "普丁") in document.aliases and ("和田", "和闐") in document.aliases
    assert [s.text for s in document.sentences] == ["普京访问和田。"]
    assert rule_names("zh-hans:普京;zh-hant:普丁;") == ("普京", "普丁")


@pytest.mark.parametrize(
    ("wikitext", "expected", "alias"),
    [
        ("{{le|阿卜杜拉·曼苏尔|Abdullah Mansour}}被击毙。", "阿卜杜拉·曼苏尔被击毙。",
         ("阿卜杜拉·曼苏尔", "Abdullah Mansour")),
        ("{{link-en|玛莎·布瑞尔·奥卡特|Martha Brill Olcott}}说", "玛莎·布瑞尔·奥卡特说",
         ("玛莎·布瑞尔·奥卡特", "Martha Brill Olcott")),
        ("{{le|2004年峰会|Tashkent summit|4}}届", "4届", ("4", "Tashkent summit")),  # a label wins
        ("{{tsl|en|Aidar Akayev|艾达尔·阿卡耶夫}}是", "艾达尔·阿卡耶夫是", ("艾达尔·阿卡耶夫", "Aidar Akayev")),
        ("他说{{lang|ug|Abdurëhim Qurban}}。", "他说Abdurëhim Qurban。", None),
        ("{{nowrap|阿拉木图}}", "阿拉木图", None),
        ("{{bd|1940年|7月6日||catIdx=N}}生", "1940年7月6日生", None),
    ],
)
def test_templates_that_carry_names_in_text(wikitext, expected, alias) -> None:
    document = parse_document(wikitext)
    assert [s.text for s in document.sentences] == [expected]
    if alias is not None:
        assert alias in document.aliases


def test_dropped_templates_leave_no_empty_punctuation() -> None:
    assert texts("努尔苏丹·纳扎尔巴耶夫（{{lang-kk|Нұрсұлтан}}，{{IPA-kk|x}}，1940年生）是政治人物。") == [
        "努尔苏丹·纳扎尔巴耶夫（Нұрсұлтан，1940年生）是政治人物。"]
    assert texts("纳扎尔巴耶夫（{{IPA-kk|x}}，{{IPA-ru|y}}）是政治人物。") == ["纳扎尔巴耶夫是政治人物。"]


@pytest.mark.parametrize(
    "heading",
    ["参考资料", "參考資料", "参考文献", "參考文獻", "注释", "註釋", "外部链接", "外部連結", "外部鏈接",
     "相关条目", "相關條目", "参见", "參見", "延伸阅读", "延伸閱讀", "来源", "來源", "參考來源",
     "注释与参考资料", "註釋與參考文獻", "References", "External links", "See also", "參閲"],
)
def test_non_body_headings_in_both_scripts(heading) -> None:
    from kzct.text import Scripts

    assert is_non_body(Scripts().simplified(heading))
    text = f"==历史==\n2006年5月1日，甲地发生爆炸。\n=={heading}==\n* 2007年5月1日，乙地发生爆炸。\n* [http://x.org 2008年的报告]\n"
    assert texts(text) == ["2006年5月1日，甲地发生爆炸。"]


@pytest.mark.parametrize("heading", ["历史", "歷史", "恐怖袭击", "参与者", "來源國"])
def test_body_headings(heading) -> None:
    assert texts(f"=={heading}==\n甲地发生爆炸。\n") == ["甲地发生爆炸。"]


def test_references_defined_in_templates_and_lists_resolve() -> None:
    text = ("{{Infobox war faction|name=东伊运|founded=1993年<ref name=FOUND>{{cite web|url=http://a.b|title=Founded}}</ref>}}\n"
            "该组织成立于1993年。<ref name=FOUND/>2002年，联合国将其列入名单。<ref name=UN/>"
            "2003年，中国将其列入名单。<ref name=LATE/>\n"
            "== 参考资料 ==\n{{reflist|refs=<ref name=UN>{{cite news|title=UN list|work=UN}}</ref>}}\n"
            "<ref name=LATE>{{cite web|title=Defined after its use}}</ref>\n")
    document = parse_document(text)
    refs = document.refs
    assert refs["FOUND"].defined and refs["FOUND"].title == "Founded" and refs["FOUND"].uses == 2
    assert refs["UN"].defined and refs["UN"].title == "UN list" and refs["UN"].uses == 1
    assert refs["LATE"].defined and document.unresolved == []
    assert [s.refs for s in document.sentences] == [("FOUND",), ("UN",), ("LATE",)]


def test_a_note_template_is_a_reference() -> None:
    document = parse_document("1995年3月20日，发生了沙林毒气事件。{{#tag:ref|共13人死亡|group=\"注\"}}\n")
    # a note of a group, numbered in it as a reader sees it
    assert document.sentences[0].refs == ("注 1",) and document.refs["注 1"].defined


def test_one_line_break_joins_the_lines_of_a_paragraph() -> None:
    assert texts("哈萨克斯坦总统纳扎尔\n巴耶夫说，\nthe man\nsaid it.\n\n下一段。") == [
        "哈萨克斯坦总统纳扎尔巴耶夫说，the man said it.", "下一段。"]
    # a list item, a table row or a heading on the next line is a structure of its own
    assert texts("列表如下：\n* 甲\n* 乙\n== 标题 ==\n丙") == ["列表如下：", "甲", "乙", "丙"]


def test_table_rows_are_units_and_br_ends_a_line() -> None:
    text = ("{| class=wikitable\n! 届 !! 日期 !! 地点\n|-\n| 1 || 2001年6月14日-15日 || [[上海]]\n"
            "|-\n| 2 || 2002年6月7日 || 圣彼得堡\n|}\n1992年5月：甲<br>1992年9月：乙\n")
    assert texts(text) == ["届 | 日期 | 地点", "1 | 2001年6月14日-15日 | 上海", "2 | 2002年6月7日 | 圣彼得堡",
                           "1992年5月：甲", "1992年9月：乙"]


def test_image_captions_and_stray_link_brackets_are_no_text() -> None:
    assert texts("[[File:x.jpg|缩略图|2010年的照片<ref>r</ref>]]甲地发生爆炸。") == ["甲地发生爆炸。"]
    assert texts("[[File:x.jpg|缩略图]]与总统会面握手]]。") == ["与总统会面握手。"]


def test_links_read_as_shown() -> None:
    """A link right after a sentence's end keeps its link; a leading colon shows the link in the
    text; markup in a link's text is walked, each character at its own offset."""
    document = parse_document("甲。[[乙组织]]成立。丙在[[:en:Almaty|阿拉木图]]出生。[[阿拉木图|'''阿拉'''木图]]很大。")
    assert [(s.text, [(link.target, link.text) for link in s.links]) for s in document.sentences] == [
        ("甲。", []),
        ("乙组织成立。", [("乙组织", "乙组织")]),
        ("丙在阿拉木图出生。", [("en:Almaty", "阿拉木图")]),
        ("阿拉木图很大。", [("阿拉木图", "阿拉木图")]),
    ]
    # a link, then a reference that ends nothing: the link does not move to the next words
    stray = parse_document("甲组织成立。 [[2006]]<ref>x</ref>乙组织成立于此地。")
    assert [s.links for s in stray.sentences] == [(), ()]


def test_reference_ids_do_not_collide() -> None:
    """An unnamed reference is known by its number, unless a named one is called that."""
    document = parse_document('甲。<ref>{{cite web|title=A}}</ref>乙。<ref name="1">{{cite web|title=B}}</ref>'
                              "丙。{{efn|name=|注}}")
    assert {ref_id: ref.title for ref_id, ref in document.refs.items()} == {"#1": "A", "1": "B", "3": None}
    assert [s.refs for s in document.sentences] == [("#1",), ("1",), ("3",)]


def test_a_second_citation_keeps_the_access_date() -> None:
    document = parse_document("甲。<ref>{{cite web|title=A|access-date=2010-01-02}} {{cite web|title=B}}</ref>")
    assert document.refs["1"].access_date == "2010-01-02"


def test_an_external_link_title_points_at_itself() -> None:
    text = "[http://news.kz/news news]"
    (sentence,) = parse_document(text).sentences
    assert [text[seed:seed + length] for _clean, seed, length in sentence.runs] == ["news"]
