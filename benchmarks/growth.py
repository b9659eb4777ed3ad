"""How the build of one article grows with the size of hostile input (issue 21).

For each pathological shape (the issue's, and those an audit of every pattern over article text
found), builds an article of it at 1×, 2×, 4× and 8× its base size, in process (parse, extract,
and the rows the store would write), and prints the times and their ratios to 1×. Linear time
gives 2, 4, 8; the target is at most about linear: a ratio at 8× of at most 12 (start-up costs
and timer noise make small sizes look slower, never faster). A shape past kzct's limits
(``kzct.build``) stops with its one-line error, which is timed like a build.

    python benchmarks/growth.py [--only WORD] [--scale K] [--repeat R]

``--scale`` multiplies every base size (2 for a slower, surer run); ``--repeat`` takes the best
of R runs of each size.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzct.build import Builder, build_article  # noqa: E402
from kzct.errors import LimitError  # noqa: E402
from kzct.store.database import article_rows  # noqa: E402

SEED = ROOT / "seeds" / "kazakhstan-terrorism.zhwiki.wikitext"
LINEAR_AT_8 = 12.0  # the most a ratio at 8× may be and still read as linear

DATES = "2006年5月1日，阿拉木图发生爆炸。"
QUADRATIC_OUTPUT = " (n² output)"


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


# (name, the text of size n, the base n)
SHAPES: list[tuple[str, Callable[[int], str], int]] = [
    # the shapes
    ("enumeration 2006年 阿拉木图、", lambda n: "2006年" + "阿拉木图、" * n + "发生爆炸。", 120),
    ("恐怖组织名单 在阿", lambda n: "恐怖组织名单" + "在阿" * n, 1500),
    ("unclosed <nowiki ", lambda n: "<nowiki " * n, 500),
    ("unclosed <!--", lambda n: "x<!--" * n, 1000),
    ("-{ nested", lambda n: "2006年，" + "-{" * n + "阿拉木图" + "}-" * n + "发生爆炸。", 2000),
    ("unclosed {{ around dates", lambda n: "{{" + DATES * n, 300),
    ("unclosed [[ around dates", lambda n: "[[" + DATES * n, 300),
    ("unclosed <ref> around dates", lambda n: "<ref>" + DATES * n, 300),
    ("unclosed -{ around dates", lambda n: "-{" + DATES * n, 300),
    ("unclosed ''' around dates", lambda n: "'''" + DATES * n, 300),
    ("lone CR line ends (the seed)", lambda n: _seed().replace("\n", "\r") * n, 1),
    ("&#xD800;", lambda n: "阿拉木图&#xD800;。" * n, 1000),
    # what the audit of the parser found (mwparserfromhell's tokenizer)
    ("unclosed {{x|", lambda n: "{{x|" * n, 300),
    ("unclosed {{lang|", lambda n: "阿拉木图。{{lang|" * n, 300),
    ("unclosed {{{x|", lambda n: "{{{x|" * n, 300),
    ("unclosed [[a|", lambda n: "[[a|" * n, 300),
    ("unclosed [http://x ", lambda n: "[http://x " * n, 300),
    ("unclosed <b>", lambda n: "<b>x" * n, 300),
    ("unclosed <ref>x", lambda n: "2006年5月1日，<ref>x" * n, 300),
    ("unclosed <ref name=\"x", lambda n: "<ref name=\"x" * n, 300),
    ("unclosed {|", lambda n: "{|\n" * n, 300),
    ("unclosed <b>, blank lines", lambda n: "<b>x\n\n" * n, 300),
    # what the audit of the extractors' patterns found
    ("恐怖组织包括： 均", lambda n: "恐怖组织包括：" + "均" * n, 300),
    ("恐怖组织包括： 已经", lambda n: "恐怖组织包括：" + "已经" * n, 300),
    ("宣布禁止 也", lambda n: "宣布禁止" + "也" * n, 300),
    ("被禁", lambda n: "阿拉木图" + "被禁" * n, 300),
    ("恐怖组织名单 正式", lambda n: "恐怖组织名单" + "正式" * n, 300),
    ("dates in one sentence", lambda n: "阿拉木图" + "2006年、" * n, 300),
    ("place suffixes 市", lambda n: "阿拉木图" + "市" * n, 1000),
    ("place suffixes 镇", lambda n: "恐怖组织名单" + "镇" * n, 1000),
    ("numerals 七八九十", lambda n: "死亡" + "七八九十" * n, 500),
    ("numerals 千万", lambda n: "恐怖组织包括：" + "千万" * n, 500),
    ("numerals before no unit", lambda n: "阿拉木图" + "七八九十" * n + "后", 500),
    ("a heading of apparatus words", lambda n: "==" + "参考来源" * n + "x==\n正文。\n", 30),
    ("place suffixes 镇 after a place", lambda n: "阿拉木图" + "镇" * n, 1000),
    ("声称", lambda n: "2006年5月1日，" + "声称" * n, 500),
    ("punctuation before a bracket", lambda n: "阿拉木图" + "，" * n + "x", 3000),
    ("unclosed quotes “", lambda n: "阿拉木图" + "“" * n, 2000),
    ("brackets (", lambda n: "恐怖组织包括：" + "（" * n, 2000),
    ("spaces", lambda n: "阿拉木图" + " " * n + "x", 3000),
    ("links in one sentence", lambda n: "[[阿拉木图]]、" * n, 300),
    # the patterns of 2026-12-07: Latin names before a word for villages, joined names read
    # again, linked transliterations in a list, months alone
    ("Latin names and 和, no village", lambda n: "在" + "和Abc  " * n + "x。", 500),
    ("joined names read again", lambda n: "阿不都·阿扎提说。" + "阿不都·阿扎提因犯，" * n, 300),
    ("linked transliterations in a list", lambda n: "[[乔斯]]" + "、[[马达拉]]" * n + "。", 300),
    ("months alone", lambda n: "== 2010年 ==\n" + "1月，袭击。" * n, 300),
    # one reference backing every sentence: its row quotes each (kzct.store.database.cutter)
    ("one reference cited by every sentence", lambda n: '<ref name="a">x</ref>' + "".join(
        f"第{i}句。<ref name=\"a\" />" for i in range(n)), 500),
    # each designation lists the dated statements of its group: its output is n² (up to
    # kzct.build.MOST_HISTORY), and so is its time; said, not counted in the worst ratio
    ("designations, one a sentence" + QUADRATIC_OUTPUT, lambda n: "".join(
        f"{1900 + i % 120}年{1 + i % 12}月{1 + i % 28}日，伊扎布特被哈萨克斯坦列为恐怖组织。"
        for i in range(n)), 30),
    ("pronouns, one paragraph", lambda n: "其被列为恐怖组织。" * n, 150),
    # a country's parts by direction; Latin forms in brackets after foreign names; a city inside
    # a town's longer name, all in one sentence
    ("parts of countries, one sentence", lambda n: "在黎巴嫩南部、尼日利亚东北部" * n + "。", 25),
    ("bracketed Latin names, one sentence",
     lambda n: "乍得博马（Boma）、北部的庫圖古（Koutougou）" * n + "。", 25),
    ("a list of bracketed names, one sentence",
     lambda n: "将" + "西韦雷克（Siverek）和" * n + "西韦雷克（Siverek）两市。", 25),
    ("settlement words and lists, one sentence", lambda n: "城市博索及迪法，" * n + "。", 25),
    ("towns holding cities, one sentence", lambda n: "的布尼亞迪鎮、当达拉鎮" * n + "。", 25),
    ("Chinese names after people, one sentence",
     lambda n: "[[杨春风]]、饶剑锋在" * n + "。", 25),
    ("an infobox field of flags and a date",
     lambda n: "{{Infobox militant organization\n| allies = " + "* {{PRK}}（2011年）\n" * n
     + "| designated_as_terror_group_by = " + "{{flagu|Malaysia}}<br />" * n + "\n}}\n", 25),
    ("links after a place and 的, one sentence", lambda n: "前往[[敘利亞]]的[[科巴尼]]，" * n, 25),
    ("linked joined names, one sentence",
     lambda n: "[[亚沙尔·比于卡尼特]]将军和" * n + "亚沙尔·比于卡尼特将军。", 25),
    ("headings", lambda n: "".join(f"=={i}==\n阿拉木图发生爆炸。\n" for i in range(n)), 300),
    ("the seed, repeated", lambda n: _seed() * n, 1),
]


def _time(text: str, builder: Builder, repeat: int) -> tuple[float, str]:
    best = float("inf")
    note = ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            article_rows(build_article("growth.wikitext", "growth.wikitext", text, "", builder))
        except LimitError as exc:
            note = f"limit: {str(exc).split(': ', 1)[-1][:40]}"
        best = min(best, time.perf_counter() - start)
    return best, note


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="only the shapes whose name holds this")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs a size")
    args = parser.parse_args()
    builder = Builder()
    _time(DATES, builder, 1)  # the converters and the place table, once
    worst = 0.0
    print(f"{'shape':34} {'1×':>8} {'2×':>8} {'4×':>8} {'8×':>8}   ratios")
    for name, make, base in SHAPES:
        if args.only and args.only not in name:
            continue
        n = max(1, round(base * args.scale))
        times, notes = [], set()
        for k in (1, 2, 4, 8):
            seconds, note = _time(make(n * k), builder, args.repeat)
            times.append(seconds)
            if note:
                notes.add(note)
        ratios = [t / times[0] for t in times[1:]]
        quadratic = name.endswith(QUADRATIC_OUTPUT)
        if not quadratic:
            worst = max(worst, ratios[-1])
        flag = "" if ratios[-1] <= LINEAR_AT_8 else \
            "  (its output is n²: not counted)" if quadratic else "  SUPER-LINEAR"
        print(f"{name.removesuffix(QUADRATIC_OUTPUT)[:34]:34} " + " ".join(f"{t:7.3f}s" for t in times) + "   "
              + " ".join(f"{r:5.1f}" for r in ratios) + flag
              + (f"  ({'; '.join(sorted(notes))})" if notes else ""), flush=True)
    print(f"worst ratio at 8×: {worst:.1f} (linear: 8; the target: at most {LINEAR_AT_8:.0f})")
    return 0 if worst <= LINEAR_AT_8 else 1


if __name__ == "__main__":
    sys.exit(main())
