"""`kzct check`: the seed's defects, exactly; each kind on a small text; none on a clean article."""

from __future__ import annotations

import re
from collections import Counter

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
    (50, 151, "T103", "["),
    (66, 29, "N101", "JMCA"),
    (70, 55, "N101", "JMCA"),
    (72, 1, "R301", "在JCAM组织内，由Zhakshybek Bii"),
    (78, 16, "N101", "JMCA"),
    (82, 63, "N101", "JCAMC"),
    (86, 123, "T101", "1"),
    (90, 1, "R301", "2011年7月，9名涉嫌卷入在哈萨克斯坦西北[["),
    (94, 132, "R202", "<ref>http://www.romandie"),
    (94, 254, "R202", "<ref>http://www.20minute"),
    (112, 38, "T102", "."),
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
        (78, "N101"): "JCAM", (82, "N101"): "JCAM", (86, "T101"): "", (112, "T102"): "",
        (229, "N102"): "本·拉登",
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
    # a month or a day no calendar has: said, not silently dropped from the timeline
    ("date-impossible", f"==A==\n警方在2007年2月30日逮捕了11人。{REF}\n", (2, 4, "2007年2月30日", None)),
    ("stray-text", f"==A==\n警方逮捕了11人。1{REF}\n", (2, 10, "1", "")),
    ("stray-punctuation", f"==A==\n警方逮捕了11人。.{REF}\n", (2, 10, ".", "")),
    ("unbalanced-bracket", f"==A==\n警方在乌兹别克斯坦[罕市逮捕了11人。{REF}\n", (2, 10, "[", None)),
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


def test_a_date_with_no_year_says_where_one_was_looked_for(builder) -> None:
    (found,) = findings(f"==A==\n11月16日，警方逮捕了11人。{REF}\n", builder)
    assert found.message == ("'11月16日' has no year in reach: none earlier in its paragraph, none "
                             "in a heading above, none in the article's bold title or infobox; its "
                             "event is left out of the timeline")
    # the year of an event article's bold title is in reach
    titled = f"'''2014年昆明火车站暴力恐怖袭击事件'''是一起袭击。\n==A==\n3月1日，警方逮捕了11人。{REF}\n"
    assert findings(titled, builder) == []


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
    "a reference in a quotation's source": "==A==\n* 他说：{{Cquote|警方逮捕了11人。|author=甲|"
        f"source=《新京报》{REF}}}}}\n",
    "a reference in another template of the paragraph": "==A==\n警方逮捕了11人。"
        f"{{{{efn-la|他们被判刑。{REF}}}}}\n",
    "marks a left-out template stood between": f"==A==\n纳扎尔巴耶夫（Nazarbaev，{{{{IPA-kk|nɑ|}}}}；"
        f"1940年生）是总统。{REF}\n",
    "brackets of two widths, one closed in the next sentence": "==A==\n警方（据报道(有人说。"
        f"他们）被判刑）逮捕了11人。{REF}\n",
    "an abbreviation's full stop before Chinese punctuation": f"==A==\nAcme Inc.，警方逮捕了11人。{REF}\n",
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

# the seed's findings a default run shows: warnings and errors
SHOWN = [(line, column, code) for line, column, code, _text in SEED_FINDINGS
         if code not in ("R301", "D102", "R204")]


def test_check_exits_1_on_errors_and_lists_them(run) -> None:
    result = run("check", str(SEED))
    assert result.code == 1
    lines = result.out.splitlines()
    where = [re.match(rf"{re.escape(str(SEED))}:(\d+):(\d+): (\w+) ", line) for line in lines]
    assert [(int(m[1]), int(m[2]), m[3]) for m in where if m] == SHOWN and len(lines) == len(SHOWN)
    assert lines[3] == (f"{SEED}:43:1: D101 error: date '2005年2与5日' has a typo; read as "
                        "2005-02-05 (与 typed for 月); it could also be 2005, days 2 and 5 of a "
                        "month it does not name (与 read as 'and')")
    assert lines[4] == f"{SEED}:50:151: T103 warning: bracket '[' is never closed in its paragraph"
    assert lines[12] == (f"{SEED}:112:38: T102 warning: stray '.' after '。': one clause, two "
                         "punctuation marks")
    assert result.err == ("kzct check: 3 error(s), 14 warning(s), 15 info in 1 article; info not "
                          "shown (--severity info shows them)\n")


def test_severity_sets_what_is_shown_apart_from_fail_on(run) -> None:
    everything = run("check", str(SEED), "--severity", "info", "--fail-on", "never")
    assert (everything.code, len(everything.out.splitlines())) == (0, len(SEED_FINDINGS))
    assert everything.err == "kzct check: 3 error(s), 14 warning(s), 15 info in 1 article\n"
    errors = run("check", str(SEED), "--severity", "error", "--json")
    assert [r["code"] for r in errors.json()] == ["R102", "D101", "R101"]
    assert errors.err.endswith("; warning and info not shown (--severity info shows them)\n")
    # an info finding fails the run when asked to, shown or not
    info_only = run("check", str(SEED), "--ignore", "D101,R101,R102,N101,N102,T101,T102,T103,"
                    "R201,R202", "--fail-on", "info")
    assert (info_only.code, info_only.out) == (1, "")
    bad = run("check", "--severity", "note")
    assert bad.code == 2 and "'note' is not one of 'error', 'warning', 'info'" in bad.err


def test_fail_on_and_ignore(run) -> None:
    assert run("check", str(SEED), "--fail-on", "never").code == 0
    ignored = run("check", str(SEED), "--ignore", "D101", "--ignore", "ref-undefined",
                  "--ignore", "R102", "--json", "--severity", "info")
    assert ignored.code == 0  # warnings and info only
    assert {r["code"] for r in ignored.json()} == {"N101", "N102", "R201", "R202", "R301", "T101",
                                                      "T102", "T103"}
    assert run("check", str(SEED), "--ignore", "D101", "--ignore", "R101", "--ignore", "R102",
               "--fail-on", "warning").code == 1
    assert run("check", str(CLEAN), "--fail-on", "info").code == 0
    unknown = run("check", "--ignore", "X999")
    assert unknown.code == 2
    assert unknown.err.startswith("kzct: error: --ignore: no check is called 'X999'; the codes "
                                  "are D101, D102, D103, T101, T102, T103, N101")


def test_check_json(run) -> None:
    result = run("--seed", str(SEED), "check", "--json")
    records = result.json()
    assert [(r["line"], r["column"], r["code"]) for r in records] == SHOWN
    undefined = next(r for r in records if r["code"] == "R101")
    assert undefined == {
        "seed": str(SEED), "line": 178, "column": 496, "code": "R101", "kind": "ref-undefined",
        "severity": "error", "message": "reference 'SHAMSUDINOV' is cited but never defined",
        "span": [21196, 21219], "text": "<ref name=SHAMSUDINOV/>", "fix": None,
        "alternatives": [],
    }


def test_the_bundled_article_is_named_as_in_the_source(run) -> None:
    result = run("check", "--ignore", "N101,N102,R101,R102,R201,R202,T101,T102,T103")
    assert result.out == ("seeds/kazakhstan-terrorism.zhwiki.wikitext:43:1: D101 error: date "
                          "'2005年2与5日' has a typo; read as 2005-02-05 (与 typed for 月); it "
                          "could also be 2005, days 2 and 5 of a month it does not name (与 read "
                          "as 'and')\n")
    missing = run("check", "/nonexistent/article.wikitext")
    assert (missing.code, missing.err) == (2, "kzct: error: file /nonexistent/article.wikitext "
                                              "does not exist\n")


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


def test_the_corpus_articles(builder) -> None:
    """The real articles of tests/data/zhwiki: a quotation's reference backs its paragraph, an
    event article's year (in its bold title) is in reach, and each new kind of finding is a
    defect there (the one bracket: `設在塔什干的「上海合作組織地區反恐機構正式啟動。`)."""
    counts: Counter[str] = Counter()
    shown = []
    for path in sorted((DATA / "zhwiki").glob("*.wikitext")):
        for f in findings(path.read_text(encoding="utf-8"), builder, path.name):
            counts[f.code] += 1
            if f.code[0] in "DT" or (f.code == "R301" and path.name.startswith("kunming")):
                shown.append((path.name.split(".")[0], f.line, f.column, f.code, f.text[:8]))
    assert shown == [
        ("aum-shinrikyo", 71, 46, "D102", "7月26日上午"),
        ("kunming-railway-station-attack-2014", 88, 1, "R301", "2015年3月2"),
        ("shanghai-cooperation-organisation", 305, 144, "T103", "「"),
    ]
    assert counts == {"R204": 68, "R301": 49, "R201": 2, "R202": 1, "R105": 1, "D102": 1,
                      "T103": 1}


# -- other forms of the report ------------------------------------------------------------------

def test_github_workflow_commands(run) -> None:
    result = run("check", str(SEED), "--format", "github")
    lines = result.out.splitlines()
    assert (result.code, len(lines)) == (1, len(SHOWN))
    assert lines[:3] == [
        f"::warning file={SEED},line=6,col=173,title=N101::'slamic Party of Eastern Turkestan' "
        "is written for 'Islamic Party of Eastern Turkestan' (Islamic Party of Eastern "
        "Turkestan, group; the known spelling)",
        f"::warning file={SEED},line=12,col=475,title=N101::'Tusupbeko' is written for "
        "'Tusupbekov' (Rashid Tusupbekov, person; written so 2 times)",
        f"::error file={SEED},line=18,col=35,title=R102::reference 'SHINRIKYO' is defined again "
        "with other content (first at line 8)",
    ]


def test_github_commands_escape_what_the_runner_reads() -> None:
    from kzct.model import Finding
    from kzct.queries.check import github_commands

    finding = Finding("a,b:c.wikitext", 3, 7, "R301", "unreferenced-paragraph", "info",
                      "50% of it\nnew line", (0, 1), "x", None)
    assert github_commands([finding]) == (
        "::notice file=a%2Cb%3Ac.wikitext,line=3,col=7,title=R301::50%25 of it%0Anew line\n")


def test_sarif(run) -> None:
    """SARIF 2.1.0 with what its schema requires of each object used: a log's version and runs,
    a run's tool, a tool's driver, a component's name, a rule's id, a result's message (with
    text), a fix's artifactChanges, a change's artifactLocation and replacements, a
    replacement's deletedRegion; levels, and lines and columns from 1, as it allows them."""
    from kzct import __version__

    log = run("check", str(SEED), "--format", "sarif").json()
    assert (log["version"], log["$schema"]) == (
        "2.1.0", "https://json.schemastore.org/sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("kzct", __version__)
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES.values()]
    for rule, (kind, ours) in zip(driver["rules"], RULES.items()):
        assert rule == {"id": ours.code, "name": kind, "shortDescription": {"text": ours.summary},
                        "defaultConfiguration": {"level": {"info": "note"}.get(ours.severity,
                                                                               ours.severity)}}
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    results = sarif_run["results"]
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["ruleId"])
            for r in results] == SHOWN
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] <= region["endLine"] and region["startColumn"] >= 1
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"] and change["replacements"]
                assert all("deletedRegion" in r for r in change["replacements"])
    typo = next(r for r in results if r["ruleId"] == "D101")
    where = {"startLine": 43, "startColumn": 1, "endLine": 43, "endColumn": 10,
             "snippet": {"text": "2005年2与5日"}}
    assert typo == {
        "ruleId": "D101", "ruleIndex": 0, "level": "error",
        "message": {"text": typo["message"]["text"]},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": SEED.as_uri()},
                                            "region": where}}],
        "fixes": [{"description": {"text": "write '2005年2月5日'"}, "artifactChanges": [{
            "artifactLocation": {"uri": SEED.as_uri()},
            "replacements": [{"deletedRegion": where, "insertedContent": {"text": "2005年2月5日"}}],
        }]}],
    }


def test_sarif_names_a_relative_file_by_a_relative_uri() -> None:
    from kzct.model import Finding
    from kzct.queries.check import sarif_log

    finding = Finding("文章/a b.wikitext", 2, 3, "T103", "unbalanced-bracket", "warning", "m",
                      (9, 10), "[\n", None)
    (result,) = sarif_log([finding], "0")["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "%E6%96%87%E7%AB%A0/a%20b.wikitext"},
        "region": {"startLine": 2, "startColumn": 3, "endLine": 3, "endColumn": 1,
                   "snippet": {"text": "[\n"}}}


def test_formats_conflict(run) -> None:
    for args, said in [(["--format", "sarif", "--json"], "--format sarif, --json"),
                       (["--fix", "--diff"], "--fix, --diff"), (["--diff", "--csv"], "--csv, --diff"),
                       (["--format", "github", "--diff"], "--format github, --diff"),
                       (["--fix", "--format", "sarif", "--jsonl"], "--format sarif, --jsonl")]:
        result = run("check", str(CLEAN), *args)
        assert (result.code, result.out, result.err) == (
            2, "", f"kzct: error: choose one of {said}\n")


# -- fixes ----------------------------------------------------------------------------------------

# a stray digit, a full stop typed twice and a mistyped date; no newline at the end
FIXABLE = ("==A==\n2005年2与5日，警方逮捕了11人。1<ref>[http://e.org/a A] B</ref>\n\n"
           "他们被判刑。.<ref>[http://e.org/b B] C</ref>")


def test_diff_shows_the_fixes_and_writes_nothing(run, tmp_path) -> None:
    article = tmp_path / "a.wikitext"
    article.write_text(FIXABLE, encoding="utf-8")
    result = run("check", str(article), "--diff")
    assert result.out == (
        f"--- {article}\n+++ {article}\n@@ -1,4 +1,4 @@\n ==A==\n"
        "-2005年2与5日，警方逮捕了11人。1<ref>[http://e.org/a A] B</ref>\n"
        "+2005年2月5日，警方逮捕了11人。<ref>[http://e.org/a A] B</ref>\n \n"
        "-他们被判刑。.<ref>[http://e.org/b B] C</ref>\n\\ No newline at end of file\n"
        "+他们被判刑。<ref>[http://e.org/b B] C</ref>\n\\ No newline at end of file\n")
    assert result.err == ("kzct check: 3 fix(es) in 1 file (--fix makes them)\n"
                          "kzct check: 1 error(s), 2 warning(s), 0 info in 1 article\n")
    assert result.code == 1 and article.read_text(encoding="utf-8") == FIXABLE


def test_fix_writes_the_fixes_to_the_files_checked(run, tmp_path) -> None:
    article = tmp_path / "a.wikitext"
    article.write_text(FIXABLE, encoding="utf-8")
    article.chmod(0o640)
    other = tmp_path / "b.wikitext"
    other.write_text(FIXABLE, encoding="utf-8")
    # only the fixes of the findings chosen: here not the stray full stop
    result = run("check", str(article), "--fix", "--ignore", "T102")
    assert (result.code, result.out) == (0, "")
    assert result.err == ("kzct check: fixed 2 finding(s) in 1 file\n"
                          "kzct check: nothing found in 1 article\n")
    assert article.read_text(encoding="utf-8") == FIXABLE.replace("2与5", "2月5").replace(
        "。1<", "。<")
    assert oct(article.stat().st_mode & 0o777) == "0o640"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.wikitext", "b.wikitext"]
    assert other.read_text(encoding="utf-8") == FIXABLE  # not checked: not written
    bundled = run("check", "--fix")
    assert (bundled.code, bundled.out) == (2, "")
    assert bundled.err.startswith("kzct: error: --fix changes only the files you name")


# -- the cache ------------------------------------------------------------------------------------

def test_an_unchanged_article_is_checked_from_the_cache(run, tmp_path, monkeypatch,
                                                         places_file) -> None:
    from conftest import fresh_cache

    import kzct.build

    monkeypatch.setenv("KZCT_CACHE_DIR", str(fresh_cache(tmp_path / "cache", places_file)))
    article = tmp_path / "a.wikitext"
    article.write_text(FIXABLE, encoding="utf-8")
    first = run("check", str(article), "--severity", "info")
    built = []
    build = kzct.build.build_article
    monkeypatch.setattr(kzct.build, "build_article",
                        lambda *args, **kw: built.append(args[1]) or build(*args, **kw))
    assert run("check", str(article), "--severity", "info") == first and built == []
    copy = tmp_path / "copy.wikitext"  # the same text elsewhere: the same findings, its name
    copy.write_text(FIXABLE, encoding="utf-8")
    assert run("check", str(copy), "--severity", "info").out == \
        first.out.replace(str(article), str(copy))
    assert built == []
    article.write_text(FIXABLE.replace("11人", "12人"), encoding="utf-8")
    assert run("check", str(article)).code == 1 and built == [str(article)]


def test_stored_checks_are_kept_while_used(tmp_path) -> None:
    """The cache keeps a check's findings for as long as an article's records: 30 days unused."""
    import sqlite3

    from kzct.store.database import Checks, prune

    database = tmp_path / "index.sqlite"
    checks = Checks(database)
    checks.put("abc", 1, "[]")
    assert (checks.get("abc", 1), checks.get("abc", 2), checks.get("other", 1)) == ("[]", None, None)
    checks.close()
    conn = sqlite3.connect(database, isolation_level=None)
    used = conn.execute("SELECT used FROM checks").fetchone()[0]
    prune(conn, [], now=used + 10 * 86400, max_age=30 * 86400, max_bytes=2**30)
    assert conn.execute("SELECT count(*) FROM checks").fetchone()[0] == 1
    prune(conn, [], now=used + 31 * 86400, max_age=30 * 86400, max_bytes=2**30)
    assert conn.execute("SELECT count(*) FROM checks").fetchone()[0] == 0
    conn.close()
    database.write_bytes(b"not a database")  # a cache that cannot be read: checked afresh
    assert Checks(database).get("abc", 1) is None


def test_one_finding_a_line_whatever_the_file_name(run, tmp_path) -> None:
    article = tmp_path / "a\nb.wikitext"
    article.write_text(f"==A==\n11月16日，警方逮捕了11人。{REF}\n", encoding="utf-8")
    result = run("check", str(article), "--severity", "info")
    assert result.out == (f"{tmp_path}/a b.wikitext:2:1: D102 info: '11月16日' has no year in reach: "
                          "none earlier in its paragraph, none in a heading above, none in the "
                          "article's bold title or infobox; its event is left out of the "
                          "timeline\n")
