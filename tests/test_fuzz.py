"""A seeded mutation fuzzer over real articles (issue 21): each mutant is a real article with a
few hostile edits (markup cut open or nested deep, entities of no character, line ends of every
kind, enumerations, numerals, citations with dates of any form, text cut, doubled, swapped). Every
command's records must come out, as JSON that encodes as UTF-8, and `check`'s findings with
them; a mutant past kzct's limits may only be refused in one line (``LimitError``). Never a crash.

By default a few mutants, the same on every run; ``pytest --exhaustive`` runs 300 (a few
minutes). A failure names the mutant's seed: ``mutant(seed)`` gives its text back.
"""

from __future__ import annotations

import json
import random
from functools import cache, lru_cache
from pathlib import Path

import pytest
from conftest import DATA, SEED

ARTICLES = [SEED, *sorted((DATA / "zhwiki").glob("*.wikitext"))]
QUICK = 3  # mutants in a plain run
EXHAUSTIVE = 300

# What an edit may insert: markup opened and not closed, closed and not opened, nested deep;
# what a seed may hold that no article should.
FRAGMENTS = [
    "{{", "}}", "[[", "]]", "{{x|", "[[a|", "<ref>", "</ref>", "<ref name=\"x", "<ref name=x/>",
    "-{", "}-", "-{zh-hans:甲;zh-hant:乙}-", "'''", "''", "<!--", "-->", "<nowiki ", "<nowiki>",
    "{|\n", "\n|}", "\n|-\n", "[http://example.org x", "<b>", "</b>", "<br>", "&#xD800;",
    "&#55296;", "&#x1F600;", "&amp;", "&#", "\r", "\r\n", "\n", "\n\n", "\x00", "\x1b[31m",
    "\u202e", "\ufeff", "==", "===x===\n", "* ", "# ", ":", ";", "|", "“", "”", "（", "）", "《",
    "。", "，", "、", "2006年", "5月1日", "2005年2与5日", "3天之后，", "十", "七八九十", "1,234人",
    "死亡", "受伤", "被禁", "均已经", "其", "恐怖组织包括：", "被列为恐怖组织", "恐怖组织名单",
    "在阿", "阿拉木图", "纳扎尔巴耶夫", "Tusupbekov", "伊扎布特", "联合国", "市", "参考来源",
    "<ref>{{cite web|url=http://e.org|title=T|access-date=2014-03-05|archive-url=http://a.org"
    "|archive-date=2 Mar 2014}}</ref>",
]
REPEATED = ["-{", "{{x|", "[[a|", "<nowiki ", "<!--", "<b>", "阿拉木图、", "2006年、", "在阿", "均",
            "七八九十", "&#xD800;", "“", "（", "其被列为恐怖组织。", "\r"]


@cache
def _article(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def mutant(seed: int) -> str:
    """The mutant of this seed: an article, and one to six edits."""
    rng = random.Random(seed)
    text = _article(rng.choice(ARTICLES))
    for _ in range(rng.randint(1, 6)):
        text = _edit(text, rng)
    return text


def _edit(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    size = rng.randint(1, 400)
    kind = rng.randrange(9)
    if kind <= 2:  # a fragment
        return text[:at] + rng.choice(FRAGMENTS) + text[at:]
    if kind == 3:  # a fragment repeated, as an attacker would
        return text[:at] + rng.choice(REPEATED) * rng.randint(20, 600) + text[at:]
    if kind == 4:  # a cut
        return text[:at] + text[at + size:]
    if kind == 5:  # a passage doubled
        return text[:at + size] + text[at:at + size] + text[at + size:]
    if kind == 6:  # two passages swapped
        other = rng.randrange(len(text) + 1)
        a, b = sorted((at, other))
        return text[:a] + text[b:b + size] + text[a + size:b] + text[a:a + size] + text[b + size:]
    if kind == 7:  # characters of any kind, raw surrogates among them
        noise = "".join(chr(rng.choice([rng.randrange(0x20, 0x3000), rng.randrange(0xD800, 0xE000),
                                        rng.randrange(0, 0x20), rng.randrange(0x4E00, 0x9FFF)]))
                        for _ in range(rng.randint(1, 12)))
        return text[:at] + noise + text[at:]
    return text[:at]  # the end cut off


@lru_cache(maxsize=1)
def _builder():
    import os

    from kzct.build import Builder

    return Builder(Path(os.environ["KZCT_CACHE_DIR"]))  # the session's cache, its place table


def every_output(text: str) -> int:
    """Build ``text`` as an article and make every command's records, as JSON encoded as UTF-8,
    and check's findings; the number of records. A limit reached is no crash."""
    from kzct.build import build_article
    from kzct.errors import LimitError
    from kzct.model import to_json
    from kzct.queries.check import check_article
    from kzct.queries.lists import GroupFilter, TimelineFilter, list_groups, list_sources, timeline
    from kzct.queries.records import card, entity_records, hit_records
    from kzct.queries.search import search
    from kzct.store.database import memory_index

    try:
        built = build_article("fuzz.wikitext", "fuzz.wikitext", text, "x", _builder())
    except LimitError as exc:
        assert "\n" not in str(exc)
        return 0
    index = memory_index([built])
    hits = search(index, "阿拉木图")
    outputs = [list(list_groups(index, GroupFilter(include_all=True))), list(list_sources(index)),
               list(timeline(index, TimelineFilter())), hit_records(index, hits),
               *(list(entity_records(index, kind, "name")) for kind in ("person", "place", "group")),
               card(index, hits[0].entity) if hits else None,
               check_article(built, text, "fuzz.wikitext", _builder())]
    for records in outputs:
        json.dumps(to_json(records), ensure_ascii=False).encode("utf-8")
    for finding in outputs[-1]:
        assert built.text[finding.span[0]:finding.span[1]] == finding.text
    return sum(len(r) for r in outputs if isinstance(r, list))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "seed" in metafunc.fixturenames:
        count = EXHAUSTIVE if metafunc.config.getoption("--exhaustive") else QUICK
        metafunc.parametrize("seed", range(count))


def test_mutant(seed: int) -> None:
    text = mutant(seed)
    try:
        every_output(text)
    except Exception as exc:  # pragma: no cover - the message names the mutant
        raise AssertionError(f"mutant({seed}) raised {exc!r}") from exc


def test_mutants_are_hostile() -> None:
    """The mutator makes what it says: edits of each kind, the same on every run."""
    texts = [mutant(seed) for seed in range(40)]
    assert texts == [mutant(seed) for seed in range(40)]
    assert len({_article(p) for p in ARTICLES}) == len(ARTICLES) == 8
    assert all(text not in {_article(p) for p in ARTICLES} for text in texts)
    joined = "".join(texts)
    assert "&#xD800;" in joined and "\r" in joined and any(0xD800 <= ord(c) < 0xE000 for c in joined)
