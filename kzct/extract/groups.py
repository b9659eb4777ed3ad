"""Organisations: the banned terrorist organisations as the article states them, and (``--all``)
the other militant or religious organisations it discusses.

A designation is found by what the sentence says, not by one wording (everything is matched on the
simplified shadow, so either script reads the same). Every form names the list (恐怖组织, 名单…):

- a list introduced by a word for the list and a verb of containing:
  ``…恐怖组织包括：A、B和C`` / ``名单如下：`` followed by a bulleted list;
- a list closed by a verb of designating: ``A、B和C被列为恐怖组织`` (列入, 认定为, 宣布为, 定为,
  指定为);
- a list added to one: ``将A和B加入（列入）这张名单``, ``将A列为恐怖组织``;
- a list that is on one: ``A也在欧盟…的恐怖组织名单中`` (not who keeps it: ``安理会在其名单上增加``);
- a list among others: ``…名单，其中就有A，此外还有B、C``.

A listing asked for, proposed or denied (``要求将A列入``, ``A并没有被认定是``) is none. Items are
joined by 、，, 和, 及, 以及, 与 (not inside a word: 埃及, 共和国) or given as list items; an item is
the name before any bracket (``中亚圣战者联盟（Jamaat of Central Asian Mujahedins）``: the bracket
holds its Latin name or another name), past a date or preposition before it. The sentence's own
date before the list gives the listing date, else the latest one before it in its paragraph.
Curated data only adds English names and aliases; an organisation no curated entry knows is
still listed, with no English name. With ``--all``, the curated groups the article names but does
not list come with the first sentence that names each, quoted (``status`` ``discussed``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from kzct.extract.entities import alias_list, entity_id, slug
from kzct.model import Event, Group, HistoryItem, Sentence, Source
from kzct.parse.dates import ResolvedDate
from kzct.parse.gazetteer import Curated, Gazetteer
from kzct.text import HAN, has_cjk

if TYPE_CHECKING:
    from kzct.text import Scripts

_ORG = r"(?:恐怖|极端|恐怖主义|极端主义|非法|被禁|违禁)(?:主义)?(?:组织|团体|集团|势力)"
_LIST_WORD = rf"(?:{_ORG}|名单|清单|列表|黑名单)"
# …恐怖组织包括：A、B和C / 名单如下：
_INTRO = re.compile(
    rf"{_LIST_WORD}[^。；：:，,]{{0,16}}?(?:包括|包含|包括有|有|如下|(?:为|是)(?=[：:]))"
    r"[^。；：:，,]{0,4}?[：:]?\s*(?P<items>[^。；]*)")
# A、B和C被列为恐怖组织 (the items run back to the start of the clause)
_CLOSED = re.compile(
    rf"(?P<items>[^。；：:，,]+?)(?:均|都|也|已|已经|先后|正式)*被[^。；]{{0,24}}?"
    rf"(?:列为|列入|认定为|认定是|宣布为|定为|定性为|确定为|指定为|视为)[^。；]{{0,16}}?{_LIST_WORD}")
# 将A和B加入这张名单 / 将A列为恐怖组织 / 把A列入…名单 / 将“东伊运”重新列为恐怖组织
_ADDED = re.compile(
    r"(?:将|把)(?P<items>[^。；：:将把]+?)(?:正式|重新|再次|也)?(?:加入|列入|列为|增加到|添加到|认定为|"
    rf"宣布为|定为|指定为)了?[^。；]{{0,12}}?(?:这张|该|此|这份|其)?{_LIST_WORD}")
# A也在欧盟、英国…的恐怖组织名单中
_ON_LIST = re.compile(
    r"(?P<items>[^。；：:，,]+?)(?:也|均|都|已|亦|仍)*(?:在|位于|列在|列于)[^。；]{0,24}?"
    rf"{_LIST_WORD}(?:中|上|之中|之内|里)")
# …恐怖组织名单，其中就有A，此外还有B、C
_AMONG = re.compile(r"(?:其中|此外|另外)(?:就|还|也)?(?:有|包括|包含)[：:]?\s*(?P<items>[^。；，,]+)")
_HAS_LIST = re.compile(rf"{_LIST_WORD}")
# A listing asked for, proposed or denied is no listing (`要求…将伊扎布特列入…名单`,
# `该组织并没有被…认定是恐怖组织`).
_NOT_DONE = re.compile(r"要求|请求|提议|建议|呼吁|申请|希望|计划|考虑|打算|(?<![模虚草])拟|准备|试图|"
                       r"敦促|没有|并未|未被|未曾|不被|不会|拒绝|反对|否认")
# `联合国安理会在其恐怖组织名单上增加了…`: who keeps the list, not what is on it
_KEEPER = re.compile(r"\s*(?:增加|加入|列入|添加|新增|增列|公布|发布|更新|列出)")
# What may stand before an item's name in its clause: a date, a preposition (`2005年`, `于2006年把`)
_LEAD = re.compile(r"(?:[于在从自将把]|同年|当年|此后|随后|之后|后来|最终|最后|其后|[\s，,])+")
_CLAUSE_START = re.compile(r"[。；！？]")
_SPLIT = re.compile(r"以及|、|，|,|及|与|和")
# An organisation's name ends with one of these, or is known (curated), or is Latin.
_ORG_NAME = re.compile(
    r"(?:组织|运动|党|军|阵线|联盟|同盟|协会|社|会|团|团体|集团|教|派|基地|兄弟会|圣战|伊斯兰国|"
    r"塔利班|旅|营|部队|武装|网络|中心|卫队|民兵|力量|帮|联合会|委员会)$")
# Words for organisations in general, and pronouns: an item made only of them names none.
_GENERIC = re.compile(r"(?:[0-9一二三四五六七八九十百多几数个所有这那该此其它他们上述以下]|国际|恐怖|极端|分裂|"
                      r"主义|宗教|伊斯兰|武装|非法|被禁|外国|境外|组织|团体|集团|势力|分子|机构|名单)+")
_BRACKET = re.compile(r"\s*[（(](?P<inner>[^）)]*)[）)]\s*$")
_LATIN_ONLY = re.compile(r"^[A-Za-z][A-Za-z .'’\-]+$")

LISTED = "listed"
DISCUSSED = "discussed"  # a group the article names but does not list (`groups --all`)


class _ListEntry(NamedTuple):
    zh: str  # as written
    simple: str  # in simplified characters
    latin: str | None
    other: str | None  # another name in the bracket (东伊运)
    sentence: Sentence
    date: ResolvedDate | None
    start: int  # position of the name in the sentence text
    end: int
    curated: Curated | None  # the curated group of this name


def _items(shadow: str, start: int, end: int, joined: frozenset[str]) -> list[tuple[int, int]]:
    """The items of a list in ``shadow[start:end]``: split at the joiners outside brackets, but
    not at a 和, 及 or 与 that is part of a word (埃及, 共和国: ``joined``)."""
    out: list[tuple[int, int]] = []
    depth = 0
    pos = start
    i = start
    while i < end:
        ch = shadow[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SPLIT.match(shadow, i)
            if m and m.end() <= end and not (len(m.group()) == 1 and m.group() in "和及与"
                                             and _in_word(shadow, i, joined)):
                out.append((pos, i))
                pos = i = m.end()
                continue
        i += 1
    out.append((pos, end))
    return out


def _in_word(shadow: str, i: int, joined: frozenset[str]) -> bool:
    """The character at ``i`` is inside a word of ``joined`` (埃及, 共和国, 和平)."""
    return any(shadow[a:b] in joined for a in range(max(0, i - 3), i + 1)
               for b in range(i + 1, min(len(shadow), i + 4) + 1) if b - a >= 2)


def _lead_end(sentence: Sentence, start: int, end: int, own: list[ResolvedDate]) -> int:
    """Where an item's name begins, past the dates and prepositions before it."""
    while start < end:
        date = next((d for d in own if d.start <= start < d.end_pos), None)
        if date is not None:
            start = date.end_pos
            continue
        m = _LEAD.match(sentence.shadow, start, end)
        if m is None or m.end() == start:
            return start
        start = m.end()
    return start


def _entry(sentence: Sentence, start: int, end: int, gazetteer: Gazetteer,
           date: ResolvedDate | None, scripts: Scripts) -> _ListEntry | None:
    """One list item as an organisation, or None when it does not read as one."""
    shadow, text = sentence.shadow, sentence.text
    while start < end and shadow[start] in " “”「」『』\"'":
        start += 1
    while end > start and shadow[end - 1] in " “”「」『』\"'等":
        end -= 1
    item = shadow[start:end]
    latin = other = None
    bracket = _BRACKET.search(item)
    name_end = end
    if bracket:
        inner = bracket.group("inner").strip()
        name_end = start + bracket.start()
        inner_text = text[start + bracket.start("inner"):start + bracket.end("inner")].strip()
        if _LATIN_ONLY.match(inner):
            latin = inner_text
        elif inner:
            other = inner_text
    quoted = shadow[start:name_end].strip()[:1] in "“「『\"" and shadow[start:name_end].strip()[-1:] in "”」』\""
    name = shadow[start:name_end].strip(" “”「」『』\"'")
    if "的" in name:  # `本•拉登旗下的基地组织`: the organisation is what follows the last 的
        name = name[name.rindex("的") + 1:]
    if not name or _GENERIC.fullmatch(name):
        return None  # `国际恐怖组织`, `其`: no organisation's name
    offset = shadow.index(name, start)
    if _LATIN_ONLY.match(name):
        latin, zh, simple = text[offset:offset + len(name)], "", name
        curated = _curated_for(simple, latin, gazetteer, scripts)
    else:
        zh, simple = text[offset:offset + len(name)], name
        if len(name) > 24 or name.startswith(("这", "该", "此", "其", "上述", "以下")):
            return None
        curated = _curated_for(simple, latin, gazetteer, scripts)
        if not (_ORG_NAME.search(name) or (quoted and len(name) <= 12) or curated):
            return None
    return _ListEntry(zh=zh or (latin or ""), simple=simple, latin=latin, other=other,
                      sentence=sentence, date=date, start=offset, end=offset + len(name),
                      curated=curated)


def _list_entries(sentences: list[Sentence], dates: dict[int, list[ResolvedDate]],
                  gazetteer: Gazetteer, scripts: Scripts,
                  joined: frozenset[str]) -> list[_ListEntry]:
    """Each listed organisation once (in the order the article first lists it), with the
    earliest listing date the article gives it."""
    entries: dict[object, _ListEntry] = {}

    def add(entry: _ListEntry | None) -> None:
        if entry is None:
            return
        key: object = id(entry.curated) if entry.curated is not None else entry.simple
        kept = entries.get(key)
        if kept is None:
            entries[key] = entry
        elif entry.date is not None and (kept.date is None or
                                         entry.date.date.sort_key() < kept.date.date.sort_key()):
            entries[key] = entry

    for position, sentence in enumerate(sentences):
        shadow = sentence.shadow
        if not _HAS_LIST.search(shadow):
            continue  # every listing names the list (and the patterns are slow on long text)
        for pattern in (_INTRO, _CLOSED, _ADDED, _ON_LIST, _AMONG):
            for m in pattern.finditer(shadow):
                if pattern is _AMONG and not _HAS_LIST.search(shadow, 0, m.start()):
                    continue
                if pattern is _ON_LIST and _KEEPER.match(shadow, m.end()):
                    continue
                clause = max((c.end() for c in _CLAUSE_START.finditer(shadow, 0, m.start())),
                             default=0)
                start, end = m.span("items")
                # asked for or denied: said outside the items (`要求将A列为…`, `A并没有被认定是…`)
                if _NOT_DONE.search(shadow, clause, start) or _NOT_DONE.search(shadow, end, m.end()):
                    continue
                date = _listing_date(sentence, sentences, dates, before=start)
                if date is None and pattern is not _ON_LIST:
                    # `A也在…名单中` states what is so, not when it became so
                    date = _listing_date(sentence, sentences, dates)
                if pattern is _INTRO and not shadow[start:end].strip():
                    # `…名单如下：` and a bulleted list after it
                    for item in _following_items(sentences, position):
                        end = _item_end(item.shadow)
                        # `* 2002年9月11日，联合国…`: a date before the name dates the listing;
                        # one after it (`丙组织：成立于2000年`) says something else
                        own = [d for d in dates.get(item.number, []) if d.start < end]
                        add(_entry(item, 0, end, gazetteer, own[-1] if own else date, scripts))
                    continue
                own_dates = dates.get(sentence.number, [])
                for a, b in _items(shadow, start, end, joined):
                    a = _lead_end(sentence, a, b, own_dates)
                    add(_entry(sentence, a, b, gazetteer, date, scripts))
    return list(entries.values())


def _following_items(sentences: list[Sentence], position: int) -> list[Sentence]:
    out = []
    for sentence in sentences[position + 1:]:
        if not sentence.list_item or sentence.paragraph != sentences[position].paragraph:
            break
        out.append(sentence)
    return out


def _item_end(shadow: str) -> int:
    """A list item's name ends at the first clause mark (`基地组织：…`, `东伊运，2002年…`)."""
    m = re.search(r"[：:，,。；;—－]", shadow)
    return m.start() if m else len(shadow)


def _listing_date(
    sentence: Sentence, sentences: list[Sentence], dates: dict[int, list[ResolvedDate]],
    before: int | None = None,
) -> ResolvedDate | None:
    """The date of the sentence itself (its first date before the list: in `2016年7月15日，英国
    内政部公布…根据2000年《反恐怖主义法案》…，其中有…` 2000 dates the act) or, failing that, the
    latest earlier one in its paragraph (`2006年10月12日，最高法院核准了…名单…。遭到…取缔的恐怖组织
    包括：…`)."""
    own = [d for d in dates.get(sentence.number, []) if before is None or d.start < before]
    if own:
        return own[0]
    if before is not None:
        return None
    for earlier in reversed(sentences[: sentence.number]):
        if earlier.paragraph != sentence.paragraph:
            break
        if dates.get(earlier.number):
            return dates[earlier.number][-1]
    return None


def _curated_for(simple: str, latin: str | None, gazetteer: Gazetteer,
                 scripts: Scripts) -> Curated | None:
    """The curated group named ``simple`` (or ``latin``), as the mainland, Taiwan or Hong Kong
    write it."""
    for entry in gazetteer.of_kind("group"):
        names = [*entry.zh, *entry.aliases]
        names += [v for n in entry.zh for v in scripts.regional(n)]
        if simple in names or (latin and latin in entry.latin):
            return entry
    return None


def _history(forms: set[str], events: list[Event], seed: str,
             scripts: Scripts) -> tuple[HistoryItem, ...]:
    """The dated statements that name the group (in any of its forms, as any region writes it)."""
    forms = forms | {v for f in forms for v in scripts.regional(f)}
    items = []
    for event in events:
        if event.seed == seed and any(scripts.simplified(g) in forms for g in event.groups):
            items.append(HistoryItem(date=event.date, precision=event.precision, text=event.text,
                                     refs=event.refs, span=event.span))
    return tuple(items)


def extract_groups(
    sentences: list[Sentence],
    dates: dict[int, list[ResolvedDate]],
    events: list[Event],
    gazetteer: Gazetteer,
    seed: str,
    scripts: Scripts,
    joined: frozenset[str] = frozenset(),
) -> list[Group]:
    """The listed groups in the order of the lists, then the other groups the article discusses.
    ``joined``: the words that hold 和, 及 or 与 (the place table's), where a list is not split."""
    groups: list[Group] = []
    listed_curated: set[int] = set()
    for entry in _list_entries(sentences, dates, gazetteer, scripts, joined):
        curated = entry.curated
        if curated is not None:
            listed_curated.add(id(curated))
        name_en, en_source = _english(entry.latin, curated, gazetteer)
        written = [entry.zh] + [n for n in (entry.latin, entry.other) if n]
        forms = {scripts.simplified(n) for n in written}
        if curated is not None:
            forms |= {scripts.simplified(f) for f in curated.forms}
        names = written + (list(curated.forms) + list(curated.aliases) if curated else [])
        date = entry.date
        listed_on = date.date.iso() if date else None
        zh = entry.zh if has_cjk(entry.zh) else None
        groups.append(
            Group(
                name_zh=zh,
                name_latin=entry.latin,
                name_en=name_en,
                name_en_source=en_source,
                aliases=alias_list(names, (zh, entry.latin, name_en), scripts),
                status=LISTED,
                status_text="on the list of banned terrorist organisations",
                listed_on=listed_on,
                listed_precision=date.date.precision if date else None,
                history=_history(forms, events, seed, scripts),
                refs=entry.sentence.refs,
                source=Source(seed=seed, section=entry.sentence.section,
                              span=entry.sentence.seed_span(entry.start, entry.end)),
                id=_group_id(curated, name_en or entry.latin or entry.zh),
            )
        )
    groups.extend(_unlisted(sentences, events, gazetteer, seed, scripts, listed_curated))
    return groups


def _named(curated: Curated, sentences: list[Sentence], scripts: Scripts,
           others: list[str]) -> tuple[Sentence, int, int] | None:
    """The first sentence that names a curated group by one of its own names, whole: not inside
    another group's longer name (突厥斯坦伊斯兰党 in 东突厥斯坦伊斯兰党, ``others``), nor the start
    of a longer organisation's name (伊斯兰圣战 in 伊斯兰圣战者联盟); and where."""
    forms = sorted({v for f in curated.zh for v in (scripts.simplified(f),
                                                     *scripts.regional(scripts.simplified(f)))},
                   key=len, reverse=True)
    for sentence in sentences:
        shadow = sentence.shadow
        for form in forms:
            longer = [(g, g.find(form)) for g in others if len(g) > len(form) and form in g]
            at = shadow.find(form)
            while at >= 0:
                end = at + len(form)
                inside = any(at >= k and shadow.startswith(g, at - k) for g, k in longer)
                if not inside and not _LONGER_NAME.match(shadow, end):
                    return sentence, at, end
                at = shadow.find(form, end)
    return None


# What makes a name the start of a longer organisation's name
_LONGER_NAME = re.compile(f"[{HAN}]{{0,4}}?(?:组织|联盟|运动|阵线|党|协会|委员会)")


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
    scripts: Scripts,
    listed: set[int],
) -> list[Group]:
    """The curated groups the article names but does not list (``groups --all``): each with the
    first sentence that names it, quoted as the article writes it (``status_text``): what the
    article says of it, in its own words, never a paraphrase."""
    out: list[Group] = []
    curated_groups = gazetteer.of_kind("group")
    others = [scripts.simplified(f) for g in curated_groups for f in g.zh]
    for curated in curated_groups:
        if id(curated) in listed:
            continue
        found = _named(curated, sentences, scripts, others)
        if found is None:
            continue  # the article does not name it: no record
        sentence, start, end = found
        zh = sentence.text[start:end]
        latin = next((f for f in curated.latin if f in sentence.text), None)
        names = list(curated.forms) + list(curated.aliases)
        name_en, en_source = (curated.en, "curated") if curated.en else (None, "none")
        out.append(
            Group(
                name_zh=zh,
                name_latin=latin,
                name_en=name_en,
                name_en_source=en_source,
                aliases=alias_list(names, (zh, latin, name_en), scripts),
                status=DISCUSSED,
                status_text=sentence.text,
                listed_on=None,
                listed_precision=None,
                history=_history({scripts.simplified(f) for f in curated.forms}, events, seed,
                                 scripts),
                refs=sentence.refs,
                source=Source(seed=seed, section=sentence.section,
                              span=sentence.seed_span(start, end)),
                id=_group_id(curated, name_en or latin or zh or ""),
            )
        )
    return out


def _group_id(curated: Curated | None, name: str) -> str:
    """The group's id: its entity's (``people``/``places``' ids are made the same way), so that
    an event's ``group_ids`` find it."""
    return entity_id(curated) if curated is not None else f"group:{slug(name)}"
