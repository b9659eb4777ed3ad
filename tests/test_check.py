"""`kzct check`: the seed's defects, exactly; each kind on a small text; none on a clean article."""

from __future__ import annotations

import opencc
import pytest
from conftest import DATA, SEED
from hypothesis import given
from hypothesis import strategies as st

from kzct.build import build_article
from kzct.queries.check import RULES, check_article

CLEAN = DATA / "articles" / "clean.hans.wikitext"
REF = "<ref>[http://example.org/a A title] Example News</ref>"


def findings(text: str, builder, path: str = "t.wikitext"):
    built = build_article("t", path, text, "", builder=builder)
    return check_article(built, text, path, builder)


def brief(found):
    return [(f.line, f.column, f.code, f.text if f.code[0] in "DTN" else f.text[:24])
            for f in found]


# Every defect of the seed, in text order: (line, column, code, text at the span: whole for
# dates, stray text and names, else its start).
SEED_FINDINGS = [
    (6, 173, "N101", "slamic Party of Eastern Turkestan"),
    (12, 475, "N101", "Tusupbeko"),
    (18, 35, "R102", "<ref name=SHINRIKYO>[htt"),
    (39, 1, "R301", "2003年11月，哈萨克斯坦警方在奥达巴斯广场逮"),
    (43, 1, "D101", "2005年2与5日"),
    (43, 1, "R301", "2005年2与5日，哈萨克斯坦警方在肯套市一处居"),
    (45, 1, "R301", "3天之后，阿拉木图警方关闭了一处伊扎布特印制宣传"),
    (66, 29, "N101", "JMCA"),
    (70, 55, "N101", "JMCA"),
    (72, 1, "R301", "在JCAM组织内，由Zhakshybek Bii"),
    (78, 16, "N101", "JMCA"),
    (82, 63, "N101", "JCAMC"),
    (86, 123, "T101", "1"),
    (90, 1, "R301", "2011年7月，9名涉嫌卷入在哈萨克斯坦西北[["),
    (94, 132, "R202", "<ref>http://www.romandie"),
    (94, 254, "R202", "<ref>http://www.20minute"),
    (126, 1, "R301", "2006年8月24日至26日，中哈两国政府举行了"),
    (128, 1, "R301", "这次军事演习持续了3天时间。参加军演的部队包括哈"),
    (130, 1, "R301", "一些分析人士指出这场军事演习演练的是保护[[中哈"),
    (132, 1, "R301", "哈萨克斯坦战略研究所高级研究员康斯坦丁•瑟罗耶日"),
    (134, 1, "R301", "中国公安部副部长及中方参演部队指挥官[[孟宏伟|"),
    (140, 1, "R301", "与此同时，哈萨克斯坦将逮捕了恐怖分子嫌犯引渡至俄"),
    (144, 1, "R301", "哈萨克斯坦在地区反恐问题以及美国主导的[[伊拉克"),
    (156, 1, "R301", "2001年12月19日欧洲大西洋合作理事会各国防"),
    (166, 152, "R201", "<ref name=NOEXPECT>[http"),
    (178, 496, "R101", "<ref name=SHAMSUDINOV/>"),
    (201, 244, "R201", "<ref name=NUCLEAR>[http:"),
    (229, 1, "R301", "2004年俄罗斯《独立报》的记者采访了上合组织区"),
    (229, 103, "N102", "本•拉登"),
    (231, 1, "R301", "联合国难民署和人权观察组织批评纳扎尔巴耶夫政权将"),
]


@pytest.fixture(scope="module")
def seed_findings(builder, seed_text):
    return findings(seed_text, builder, str(SEED))


def test_the_seeds_defects(seed_findings) -> None:
    assert brief(seed_findings) == SEED_FINDINGS


def test_the_seeds_fixes_and_readings(seed_findings) -> None:
    fixes = {(f.line, f.code): f.fix for f in seed_findings if f.fix is not None}
    assert fixes == {
        (6, "N101"): "Islamic Party of Eastern Turkestan", (12, "N101"): "Tusupbekov",
        (43, "D101"): "2005年2月5日", (66, "N101"): "JCAM", (70, "N101"): "JCAM",
        (78, "N101"): "JCAM", (82, "N101"): "JCAM", (86, "T101"): "", (229, "N102"): "本·拉登",
    }
    typo = next(f for f in seed_findings if f.code == "D101")
    assert typo.severity == "error"
    assert typo.message.startswith("date '2005年2与5日' has a typo; read as 2005-02-05")
    assert typo.alternatives == ("2005, days 2 and 5 of a month it does not name (与 read as "
                                 "'and')",)


def test_spans_slice_to_the_text(seed_findings, seed_text) -> None:
    lines = seed_text.split("\n")
    for f in seed_findings:
        assert seed_text[f.span[0]:f.span[1]] == f.text
        assert lines[f.line - 1][f.column - 1:].startswith(f.text.split("\n")[0])


def test_the_same_article_in_traditional_characters(seed_findings, seed_text,
                                                     builder) -> None:
    traditional = opencc.OpenCC("s2t").convert(seed_text)
    assert len(traditional) == len(seed_text)
    converted = findings(traditional, builder)
    assert [(f.line, f.column, f.code, f.span) for f in converted] == \
        [(f.line, f.column, f.code, f.span) for f in seed_findings]


def test_a_clean_article_has_no_findings(builder) -> None:
    assert findings(CLEAN.read_text(encoding="utf-8"), builder) == []


# One text per kind, and what is found in it: nothing else.
KINDS = [
    ("date-typo", f"==A==\n2005年2与5日，警方查获一批书籍。{REF}\n", (2, 1, "2005年2与5日", "2005年2月5日")),
    ("date-no-year", f"==A==\n11月16日，警方逮捕了11人。{REF}\n", (2, 1, "11月16日", None)),
    ("stray-text", f"==A==\n警方逮捕了11人。1{REF}\n", (2, 10, "1", "")),
    ("name-variant", "==A==\n2005年3月16日，检察总长 Rashid Tusupbekov要求禁止伊扎布特。"
                     f"Tusupbeko的秘书说，这很重要。{REF}\n", (2, 43, "Tusupbeko", "Tusupbekov")),
    ("name-variant-zh", f"==A==\n本·拉登在2001年发表讲话。本•拉登没有出现。{REF}\n",
     (2, 16, "本•拉登", "本·拉登")),
    ("ref-undefined", "==A==\n警方逮捕了11人。<ref name=GONE/>\n", (2, 10, "<ref name=GONE/>", None)),
    ("ref-redefined", "==A==\n警方逮捕了11人。<ref name=X>[http://e.org/a A] B</ref>"
                      "他们被判刑。<ref name=X>[http://e.org/b A] B</ref>\n",
     (2, 54, "<ref name=X>[http://e.org/b A] B</ref>", None)),
    ("ref-empty", f"==A==\n警方逮捕了11人。{REF}<ref></ref>\n", (2, 64, "<ref></ref>", None)),
    ("ref-unclosed", f"==A==\n警方逮捕了11人。{REF}他们被判刑。<ref>[http://e.org/b B] C\n\n==B==\n"
                     f"警方逮捕了3人。{REF}\n", (2, 70, "<ref", None)),
    ("cite-broken", "==A==\n警方逮捕了11人。<ref>{{cite web|url=http://e.org/a|title=A}]</ref>\n",
     (2, 10, "<ref>{{cite web|url=http://e.org/a|title=A}]</ref>", None)),
    ("dead-link", "==A==\n警方逮捕了11人。<ref>[http://e.org/a A] B {{dead link|date=2017年12月}}</ref>\n",
     (2, 10, "<ref>[http://e.org/a A] B {{dead link|date=2017年12月}}</ref>", None)),
    ("cite-no-title", "==A==\n警方逮捕了11人。<ref>http://e.org/a</ref>\n",
     (2, 10, "<ref>http://e.org/a</ref>", None)),
    ("cite-no-url", "==A==\n警方逮捕了11人。<ref>{{cite web|title=A}}</ref>\n",
     (2, 10, "<ref>{{cite web|title=A}}</ref>", None)),
    ("archive-before-access", "==A==\n警方逮捕了11人。<ref>{{cite web|url=http://e.org/a|title=A"
                              "|access-date=2019-05-20|archive-url=http://a.org/a"
                              "|archive-date=2019-04-12}}</ref>\n", (2, 10, None, None)),
    ("unreferenced-paragraph", f"==A==\n警方逮捕了11人。他们被判刑。\n\n警方逮捕了3人。{REF}\n",
     (2, 1, "警方逮捕了11人。他们被判刑。", None)),
    ("surrogate", f"==A==\n警方在阿拉木图&#xD800;逮捕了11人。{REF}\n", (2, 8, "&#xD800;", None)),
    ("conversion-unclosed", f"==A==\n警方在-{{阿拉木图逮捕了11人。{REF}\n", (2, 4, "-{", None)),
    ("conversion-deep", "==A==\n警方在" + "-{" * 11 + "阿拉木图" + "}-" * 11 + f"逮捕了11人。{REF}\n",
     (2, 24, "-{", None)),
    ("markup-unclosed", "==A==\n警方逮捕了11人。" + "{{x|" * 9 + f"{REF}\n", (2, 10, "{{", None)),
    ("comment-unclosed", f"==A==\n警方逮捕了11人。{REF}\n\n<!--他们被判刑。\n", (4, 1, "<!--", None)),
    ("heading-skip", f"==A==\n警方逮捕了11人。{REF}\n====B====\n他们被判刑。{REF}\n",
     (3, 1, "====B====", None)),
    ("empty-section", f"==A==\n==B==\n警方逮捕了11人。{REF}\n", (1, 1, "==A==", None)),
]


@pytest.mark.parametrize(("kind", "text", "expected"), KINDS, ids=[k[0] for k in KINDS])
def test_each_kind(builder, kind, text, expected) -> None:
    found = findings(text, builder)
    line, column, written, fix = expected
    assert [(f.kind, f.code, f.line, f.column) for f in found] == \
        [(kind, RULES[kind].code, line, column)]
    if written is not None:
        assert found[0].text == written
    assert found[0].fix == fix


def test_every_kind_is_tested() -> None:
    assert sorted(k[0] for k in KINDS) == sorted(RULES)


# What is no defect, though it looks like one (each once reported by mistake).
NOT_DEFECTS = {
    "{{R}}, a reference cited by a template": "==A==\n2005年，警方逮捕了6人。{{R|x}}<ref name=x>"
        "[http://e.org/a A] B</ref>\n",
    "references defined in <references>": "==A==\n警方逮捕了3人。<ref name=a/>\n\n==参考==\n"
        "<references>\n<ref name=a>[http://e.org/a A] B</ref>\n</references>\n",
    "one name in two groups": "==A==\n警方逮捕了2人。<ref name=g group=注>[http://e.org/c A] C"
        "</ref>他们被判刑。<ref name=g>[http://e.org/d D] E</ref>\n",
    "-{ in a comment, <nowiki> and <math>": f"==A==\n警方逮捕了6人。<!-- -{{ -->他们被判刑。"
        f"<nowiki>-{{</nowiki><math>x-{{y</math>{REF}\n",
    "a title in {{lang}}, and script-title": "==A==\n警方逮捕了6人。<ref>[http://e.org/a {{lang|ja|"
        "死刑執行}}] B</ref>他们被判刑。<ref>{{cite web|url=http://e.org/b|script-title=ru:Приговор"
        "}}</ref>\n",
    "a tweet cited without a URL": "==A==\n警方逮捕了6人。<ref>{{cite tweet|user=a|number=1|"
        "title=A}}</ref>\n",
    "a section of pictures": f"==A==\n警方逮捕了6人。{REF}\n\n==B==\n<gallery>\nFile:a.jpg|阿拉木图"
        f"\n</gallery>\n\n==C==\n[[File:b.jpg|thumb|阿斯塔纳]]\n",
    "a day of every year": f"==A==\n每年3月1日，警方举行纪念活动。{REF}\n",
    "a reference named like an unnamed one": f"==A==\n警方逮捕了11人。{REF}他们被判刑。"
        f"<ref name=\"#1\">[http://e.org/b B] C</ref>\n",
}


@pytest.mark.parametrize("text", NOT_DEFECTS.values(), ids=list(NOT_DEFECTS))
def test_what_is_no_defect(builder, text) -> None:
    assert findings(text, builder) == []


def test_names_the_article_makes_one_are_no_variants(builder) -> None:
    # its {{NoteTA}} makes 比什凯克 and 比斯凱克 one name: both spellings are the article's own
    text = (DATA / "articles" / "kyrgyzstan.hant.wikitext").read_text(encoding="utf-8")
    assert [f.code for f in findings(text, builder)] == []


@given(st.text(alphabet="==\n<>/refname{}|-[]:年月日与1234 ·•JCAMTusupbekov纳扎尔巴耶夫。，",
               max_size=120))
def test_any_text_gives_findings_that_point_into_it(builder, text) -> None:
    lines = text.split("\n")
    for f in findings(text, builder):
        assert text[f.span[0]:f.span[1]] == f.text
        assert 1 <= f.line <= len(lines) and 1 <= f.column <= len(lines[f.line - 1]) + 1


# -- the command --------------------------------------------------------------------------------

def test_check_exits_1_on_errors_and_lists_them(run) -> None:
    result = run("check", str(SEED))
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == len(SEED_FINDINGS)
    assert lines[4] == (f"{SEED}:43:1: D101 error: date '2005年2与5日' has a typo; read as "
                        "2005-02-05 (与 typed for 月); it could also be 2005, days 2 and 5 of a "
                        "month it does not name (与 read as 'and')")
    assert result.err == "kzct check: 3 error(s), 12 warning(s), 15 info in 1 article\n"


def test_fail_on_and_ignore(run) -> None:
    assert run("check", str(SEED), "--fail-on", "never").code == 0
    ignored = run("check", str(SEED), "--ignore", "D101", "--ignore", "ref-undefined",
                  "--ignore", "R102", "--json")
    assert ignored.code == 0  # warnings and info only
    assert {r["code"] for r in ignored.json()} == {"N101", "N102", "R201", "R202", "R301", "T101"}
    assert run("check", str(SEED), "--ignore", "D101", "--ignore", "R101", "--ignore", "R102",
               "--fail-on", "warning").code == 1
    assert run("check", str(CLEAN), "--fail-on", "info").code == 0
    unknown = run("check", "--ignore", "X999")
    assert unknown.code == 2
    assert unknown.err.startswith("kzct: error: --ignore: no check is called 'X999'; the codes "
                                  "are D101, D102, T101")


def test_check_json(run) -> None:
    result = run("--seed", str(SEED), "check", "--json")
    records = result.json()
    assert [(r["line"], r["column"], r["code"]) for r in records] == \
        [(line, column, code) for line, column, code, _text in SEED_FINDINGS]
    undefined = next(r for r in records if r["code"] == "R101")
    assert undefined == {
        "seed": str(SEED), "line": 178, "column": 496, "code": "R101", "kind": "ref-undefined",
        "severity": "error", "message": "reference 'SHAMSUDINOV' is cited but never defined",
        "span": [21196, 21219], "text": "<ref name=SHAMSUDINOV/>", "fix": None,
        "alternatives": [],
    }


def test_clean_article_says_so(run) -> None:
    result = run("check", str(CLEAN))
    assert (result.code, result.out, result.err) == (0, "", "kzct check: nothing found in 1 "
                                                            "article\n")


def test_control_characters_in_a_finding_are_inert(run, tmp_path) -> None:
    # a file name holding an escape sequence, and one in the text a message quotes
    article = tmp_path / "esc\x1b[31m.wikitext"
    article.write_text("==A==\n2005年2与5日\x1b[2J，警方逮捕了11人。<ref>[http://e.org/a A] B</ref>\n",
                       encoding="utf-8")
    result = run("check", str(article), "--fail-on", "never")
    shown = str(article).replace("\x1b", "")
    assert result.out.startswith(f"{shown}:2:1: D101 error: date '2005年2与5日' has a typo")
    assert "\x1b" not in result.out
