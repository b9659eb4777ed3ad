"""Organisations: Kazakhstan's list of banned terrorist organisations as the article states it,
and (``--all``) the other militant or religious organisations it discusses.

The list comes from the article's own sentences: ``…恐怖组织包括：A、B（Latin）、…和C。`` gives the
listed groups and the paragraph's date gives their listing date; ``…在DATE将A和B加入了这张名单``
adds groups on that date. Curated data only adds English names and aliases, and, for unlisted
groups, a status whose evidence sentence must be found in the seed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from kzct.dates import ResolvedDate
from kzct.gazetteer import Curated, Gazetteer
from kzct.model import Event, Group, HistoryItem, Sentence, Source

_LIST = re.compile(r"(?:恐怖组织|名单|列表)(?:包括|有|如下)[：:]\s*(?P<items>[^。；]+)")
_ADD = re.compile(
    r"将(?P<items>[^。；，]+?)(?:加入|列入|增加到|添加到)了?(?:这张|该|此|这份)?(?:名单|列表|清单)")
_ITEM = re.compile(r"^\s*(?P<zh>[^（(]+?)\s*(?:[（(](?P<latin>[^）)]+)[）)])?\s*$")

LISTED = "listed"
_CJK = re.compile(r"[\u3400-\u9fff]")


class _ListEntry(NamedTuple):
    zh: str
    latin: str | None
    sentence: Sentence
    date: ResolvedDate | None
    start: int  # position of the item in the sentence text
    end: int


def _split_items(items: str, offset: int) -> list[tuple[str, int, int]]:
    """``A、B（x）、C和D`` → its items with their positions; the last ``和`` joins the last two."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    parts = items.split("、")
    for i, part in enumerate(parts):
        pieces = [part]
        if i == len(parts) - 1 and "和" in part:
            head, _, tail = part.rpartition("和")
            if head.strip() and tail.strip():
                pieces = [head, tail]
        inner = pos
        for piece in pieces:
            out.append((piece, offset + inner, offset + inner + len(piece)))
            inner += len(piece) + 1
        pos += len(part) + 1
    return out


def _list_entries(sentences: list[Sentence], dates: dict[int, list[ResolvedDate]]) -> list[_ListEntry]:
    entries: list[_ListEntry] = []
    seen: set[str] = set()
    for sentence in sentences:
        for pattern in (_LIST, _ADD):
            m = pattern.search(sentence.text)
            if not m:
                continue
            date = _listing_date(sentence, sentences, dates)
            for piece, start, end in _split_items(m.group("items"), m.start("items")):
                item = _ITEM.match(piece)
                if not item:
                    continue
                zh = item.group("zh").strip(" “”\"")
                if not zh or zh in seen or zh.startswith(("这", "该", "此")):
                    continue
                seen.add(zh)
                latin = item.group("latin")
                entries.append(_ListEntry(zh=zh, latin=latin.strip() if latin else None,
                                          sentence=sentence, date=date, start=start, end=end))
    return entries


def _listing_date(
    sentence: Sentence, sentences: list[Sentence], dates: dict[int, list[ResolvedDate]]
) -> ResolvedDate | None:
    """The date of the sentence itself or, failing that, the latest earlier one in its paragraph
    (`2006年10月12日，最高法院核准了…名单…。遭到…取缔的恐怖组织包括：…`)."""
    if dates.get(sentence.index):
        return dates[sentence.index][-1]
    for earlier in reversed(sentences[: sentence.index]):
        if earlier.paragraph != sentence.paragraph:
            break
        if dates.get(earlier.index):
            return dates[earlier.index][-1]
    return None


def _curated_for(zh: str, latin: str | None, gazetteer: Gazetteer) -> Curated | None:
    for entry in gazetteer.of_kind("group"):
        if zh in entry.zh or (latin and latin in entry.latin):
            return entry
    return None


def _history(forms: tuple[str, ...], events: list[Event], seed: str) -> tuple[HistoryItem, ...]:
    items = []
    for event in events:
        if event.seed == seed and any(form in event.groups for form in forms):
            items.append(HistoryItem(date=event.date, precision=event.precision, text=event.text,
                                     refs=event.refs, span=event.span))
    return tuple(items)


def _aliases(primary: set[str | None], names: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        if name and name not in primary and name not in out:
            out.append(name)
    return tuple(out)


def extract_groups(
    sentences: list[Sentence],
    dates: dict[int, list[ResolvedDate]],
    events: list[Event],
    gazetteer: Gazetteer,
    seed: str,
    traditional: Callable[[str], str],
) -> list[Group]:
    """The listed groups in the order of the list, then the other groups the article discusses."""
    groups: list[Group] = []
    listed_curated: set[int] = set()
    for entry in _list_entries(sentences, dates):
        curated = _curated_for(entry.zh, entry.latin, gazetteer)
        if curated is not None:
            listed_curated.add(id(curated))
        name_en, en_source = _english(entry.latin, curated, gazetteer)
        forms = (entry.zh,) + ((entry.latin,) if entry.latin else ())
        if curated is not None:
            forms += curated.forms
        names = list(forms) + (list(curated.aliases) if curated else [])
        names += [traditional(n) for n in names if _CJK.search(n)]
        date = entry.date
        listed_on = date.date.iso() if date else None
        groups.append(
            Group(
                name_zh=entry.zh,
                name_latin=entry.latin,
                name_en=name_en,
                name_en_source=en_source,
                aliases=_aliases({entry.zh, entry.latin, name_en}, names),
                status=LISTED,
                status_text="on Kazakhstan's list of banned terrorist organisations"
                + (f" since {listed_on}" if listed_on else ""),
                listed_on=listed_on,
                listed_precision=date.date.precision if date else None,
                history=_history(forms, events, seed),
                refs=entry.sentence.refs,
                source=Source(seed=seed, section=entry.sentence.section,
                              span=entry.sentence.seed_span(entry.start, entry.end)),
            )
        )
    groups.extend(_unlisted(sentences, events, gazetteer, seed, traditional, listed_curated))
    return groups


def _english(latin: str | None, curated: Curated | None, gazetteer: Gazetteer) -> tuple[str | None, str]:
    """The article's own Latin name where it is English (corrected where misspelt), else curated."""
    if latin and (curated is None or curated.article_latin_is_english):
        if latin in gazetteer.corrections:
            return gazetteer.corrections[latin], "corrected"
        return latin, "article"
    if curated is not None and curated.en:
        return curated.en, "curated"
    return None, "none"


def _unlisted(
    sentences: list[Sentence],
    events: list[Event],
    gazetteer: Gazetteer,
    seed: str,
    traditional: Callable[[str], str],
    listed: set[int],
) -> list[Group]:
    out: list[Group] = []
    for curated in gazetteer.of_kind("group"):
        if id(curated) in listed or not curated.status or not curated.evidence:
            continue
        sentence = next((s for s in sentences if curated.evidence in s.text), None)
        if sentence is None:
            continue  # the seed does not state it: no record
        zh = next((f for f in curated.zh if f in sentence.text), curated.zh[0] if curated.zh else "")
        latin = next((f for f in curated.latin if f in sentence.text), None)
        start = sentence.text.find(zh) if zh else sentence.text.find(curated.evidence)
        end = start + len(zh) if zh else start + len(curated.evidence)
        names = list(curated.forms) + list(curated.aliases)
        names += [traditional(n) for n in names if _CJK.search(n)]
        name_en, en_source = (curated.en, "curated") if curated.en else (None, "none")
        out.append(
            Group(
                name_zh=zh,
                name_latin=latin,
                name_en=name_en,
                name_en_source=en_source,
                aliases=_aliases({zh, latin, name_en}, names),
                status=curated.status,
                status_text=curated.status_text or curated.status,
                listed_on=None,
                listed_precision=None,
                history=_history(curated.forms, events, seed),
                refs=sentence.refs,
                source=Source(seed=seed, section=sentence.section,
                              span=sentence.seed_span(start, end)),
            )
        )
    return out
