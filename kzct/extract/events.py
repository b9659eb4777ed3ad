"""Dated happenings: one event per sentence and date, with the date a careful reader gives it."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from kzct.extract.casualties import Casualties, count_casualties
from kzct.model import (
    CORRECTED,
    DAY_FROM_HEADING,
    DAY_FROM_ITEM,
    DAY_FROM_SENTENCE,
    FROM_HEADING,
    MONTH_FROM_CONTEXT,
    RELATIVE,
    Defect,
    Entity,
    Event,
    Sentence,
    date_key,
)
from kzct.parse.dates import (
    BORN,
    MADE_IN,
    DateMention,
    PartialDate,
    ResolvedDate,
    find_dates,
    heading_day,
    heading_year,
    names_an_event,
    resolve_dates,
)


def date_sentences(sentences: list[Sentence], defects: list[Defect] | None = None,
                   article_year: int | None = None,
                   article_day: tuple[int, int, int] | None = None,
                   subject: tuple[str, ...] = (),
                   ) -> dict[int, list[ResolvedDate]]:
    """The resolved dates of every dated sentence, by sentence index.

    Context flows forward only: a sentence's year may come from an earlier date in its paragraph
    (``year from context``: the year of the latest sentence that begins with a date; a date
    inside a sentence only where none came before, as it may be background:
    `…被认定为1997年…的发动者。10月16日，…` follows 2001), else from a heading above it that
    begins with a year (``year from heading``), else from an earlier paragraph of its section
    (``year from context``); never from another part of the article. A relative date (``3天之后``,
    ``次日``, ``同年``) counts from the latest plain date before it in the section (not a decade,
    nor one with a qualifier such as ``自2002年``).

    ``article_year``: the year an event article states once (its bold title, its infobox's date:
    ``kzct.parse.wikitext.article_year``), for a month and day with no other year in reach
    (``year from article``). The day of the incident such an article is about (``article_day``,
    else its first date of that year to the day) is what `事发两天后` and `事发次日` count from,
    in any section.

    ``subject``: the lead's bold names that name a person, whose life a range of dates in the
    brackets after the name is (``_life``).

    ``defects``, when given, gets the dates the article gets wrong: one read through a typo, a
    month and day with no year in reach.
    """
    out: dict[int, list[ResolvedDate]] = {}
    paragraph_year: dict[int, int] = {}
    section_year: int | None = None
    anchor: PartialDate | None = None
    anchor_end: PartialDate | None = None
    section: tuple[str, ...] | None = None
    incident = PartialDate(*article_day) if article_day and article_year else None
    day: ResolvedDate | None = None  # the day the section's heading is, if it is one
    # the list items of the paragraph that begin with a day (`* 9月2日`), by depth: the items
    # under one (`** 上午10:15，…`) are of that day; and a day that is a sentence of its own
    # (`5月14日。`), at the paragraph's depth: the sentences after it are of that day
    item_days: list[tuple[int, ResolvedDate]] = []
    item_paragraph, depth = -1, 0
    for sentence in sentences:
        if sentence.paragraph != item_paragraph:
            item_paragraph, depth, item_days = sentence.paragraph, 0, []
        if sentence.list_item:
            depth = sentence.list_item
            while item_days and item_days[-1][0] >= depth:
                item_days.pop()
        item_day = item_days[-1][1] if item_days else None
        heading = None
        for title in reversed(sentence.section):
            heading = heading_year(title)
            if heading is not None:
                break
        if sentence.section != section:
            section, anchor, anchor_end, section_year = sentence.section, None, None, None
            day = _heading_day(sentence.section, heading or article_year)
            if day is not None:
                anchor = day.date  # `次日`, `５日` under `=== 9月3日 ===` count from it
        mentions = find_dates(sentence.shadow)
        if (item_day is not None or day is not None) and all(m.time_only for m in mentions):
            mentions = []  # `上午9时，` under `=== 9月1日 ===`: the heading's day
        if not mentions:
            if item_day is not None:  # `** 上午10:15，…` under `* 9月2日`
                out[sentence.number] = [item_day]
            elif day is not None:  # under `=== 9月3日 ===`, `上午9时，武装分子占领学校` is of that day
                out[sentence.number] = [day]
            continue
        unplaced: list[DateMention] = []
        impossible: list[DateMention] = []
        # the paragraph's year, else the heading's, else the section's
        context_year = paragraph_year.get(sentence.paragraph)
        if context_year is None and heading is None:
            context_year = section_year
            if _about_the_incident(mentions, incident, section_year):
                context_year = None  # the year of the incident, not of an earlier paragraph's
        resolved = resolve_dates(
            mentions,
            context_year=context_year,
            heading=heading,
            anchor=anchor,
            anchor_end=anchor_end,
            unplaced=unplaced,
            article_year=article_year,
            impossible=impossible,
            incident=incident,
        )
        if defects is not None:
            defects.extend(_date_defects(sentence, resolved, unplaced, impossible))
        if not resolved:
            continue
        if not sentence.section and subject:
            resolved = _life(sentence.text, subject, resolved)
        resolved = _leading(sentence.shadow, resolved)
        out[sentence.number] = resolved
        first = resolved[0]
        alone = not sentence.shadow[first.end_pos:].strip(_AFTER_DATE_ALONE)  # `5月14日。`
        if (sentence.list_item or alone) and first.start == 0 and first.date.day \
                and first.end is None and first.source != RELATIVE and first.qualifier is None:
            source = DAY_FROM_ITEM if sentence.list_item else DAY_FROM_SENTENCE
            item_days.append((depth, ResolvedDate(first.date, None, source, first.text, 0, 0)))
        if incident is None and article_year is not None:
            incident = next((d.date for d in resolved if d.date.year == article_year
                             and d.date.day and d.source != RELATIVE), None)
        # (not a date that names another event the sentence speaks of: `当天，…声明称，他们对伦敦
        # 21日的爆炸事件负责，同时还对7月7日的伦敦爆炸案负责`; the next 当天 is the statement's)
        # (nor one of what someone says after the sentence's own date: `2015年7月29日，阿富汗政府
        # 声称，…奥马尔…于2013年4月在…逝世`; the next 次日 is the 30th)
        said = _SAID.search(sentence.shadow, resolved[0].end_pos)
        told_of = [d for d in resolved[1:] if not _OF_AN_EVENT.match(sentence.shadow, d.end_pos)
                   and (said is None or d.start < said.start())]
        last = told_of[-1] if told_of else resolved[0]
        if BORN.match(sentence.shadow, last.end_pos):
            continue  # a birth (`于1992年出生在…`): what follows is not counted from it
        if _PLANNED.search(sentence.shadow, max(0, last.start - 4), last.start):
            # a plan's date gives its year to what follows (`次年10月`), no month or day:
            # the date before it does, where it is of that year
            if not last.date.decade and (anchor is None or anchor.year != last.date.year):
                anchor, anchor_end = PartialDate(last.date.year), None
        elif not last.date.decade and last.qualifier is None:
            anchor, anchor_end = last.date, last.end
        # the year the paragraph goes on in: its last date's, not that of the end of a stretch
        # (`从2014年5月23日起至2015年6月`: the 5月24日 after it is 2014's)
        told = next((d for d in reversed([resolved[0], *told_of])
                     if d.start == 0 or sentence.shadow[d.start - 1] not in "至到止"), last)
        # (under a heading that is a year, a bare year inside a sentence is background:
        # `这是该组织2009年来发动的最血腥袭击之一` under `=== 2013年 ===` leaves 2013 in reach)
        # (nor the year a book came out: `1998年出版的《新疆年鉴1997》对此次事件的记述称：`, then
        # the yearbook's account of 1997)
        # (nor a year that names another event, `其中5人涉及2009年乌鲁木齐七五骚乱`)
        named = {m.start for m in mentions
                 if m.in_name and names_an_event(sentence.shadow, m.end_pos)}
        if told.source not in _DERIVED_YEAR and not told.date.decade and told.start not in named \
                and not MADE_IN.match(sentence.shadow, told.end_pos) and (
                _when_it_happened(sentence.shadow, resolved[0])
                or (sentence.paragraph not in paragraph_year
                    and (heading is None or told.date.month is not None))):
            paragraph_year[sentence.paragraph] = section_year = told.date.year
    return out


# a verb of saying: what follows it is what someone said (its dates, of what they speak of)
_SAID = re.compile(r"声称|宣称|表示|宣布|指出|透露|证实|确认|报道|称|说")
# what makes a date inside a sentence the one of an event it names (`7月7日的伦敦爆炸案`)
_OF_AN_EVENT = re.compile(r"的[^，,。；;、的]{0,8}?(?:事件|爆炸案|爆炸|袭击|枪击|惨案|屠杀|骚乱|暴动)")
# what says a date is one planned, yet to come when the text was written (`将于12月1日前接管`):
# what happens next in the text is not counted from it (`古特雷斯12日…` is of the month before)
_PLANNED = re.compile(r"(?:将|将于|将在|将会在|即将在|定于|预定|预计于|预计在|计划于|计划在)\s*$")


# the sources of a date a sentence takes from a day above it, whose text is that day's
_DAY_ABOVE = frozenset({DAY_FROM_HEADING, DAY_FROM_ITEM, DAY_FROM_SENTENCE})
# what may follow a date that is a sentence of its own (`5月14日。`): it dates the sentences after it
# in its paragraph, as a heading would
_AFTER_DATE_ALONE = " 。．.：:，,；;"


# dates whose year is the heading's or the one before them, which no later date takes as its
# paragraph's
_DERIVED_YEAR = frozenset({FROM_HEADING, DAY_FROM_HEADING, MONTH_FROM_CONTEXT, DAY_FROM_ITEM,
                           DAY_FROM_SENTENCE})
# How near the day of the incident an event article is about a month and day must be to take
# the incident's year rather than an earlier paragraph's: a week before, three months after
_INCIDENT_BEFORE = dt.timedelta(days=7)
_INCIDENT_AFTER = dt.timedelta(days=92)


def _about_the_incident(mentions: list[DateMention], incident: PartialDate | None,
                        section_year: int | None) -> bool:
    """Whether the year-less month and day a sentence begins with (`到9月3日下午`), in a paragraph
    with no year of its own, is a day of the incident an event article is about rather than of
    the year an earlier paragraph of its section told: in the Beslan article of 2004, a paragraph
    of background ends with `2003年8月1日`, and the next paragraph's `9月2日下午` is 2004's."""
    if incident is None or incident.day is None or section_year in (None, incident.year):
        return False
    first = mentions[0]
    if first.year is not None or first.month is None or first.day is None:
        return False
    try:
        day = dt.date(incident.year, first.month, first.day)
    except ValueError:
        return False
    start = dt.date(incident.year, incident.month or 1, incident.day)
    return start - _INCIDENT_BEFORE <= day <= start + _INCIDENT_AFTER


def _heading_day(section: tuple[str, ...], year: int | None) -> ResolvedDate | None:
    """The day the nearest heading of ``section`` is (`=== 9月3日 ===`), in the year it writes,
    else ``year`` (a heading's above it, else the article's); None where it is no day."""
    if not section:
        return None
    found = heading_day(section[-1])
    if found is None:
        return None
    written, month, number = found
    in_year = written or year
    date = PartialDate.make(in_year, month, number) if in_year is not None else None
    if date is None:
        return None
    # (at no place in a sentence: its text is the heading's)
    return ResolvedDate(date, None, DAY_FROM_HEADING, section[-1].strip(), 0, 0)


def _when_it_happened(shadow: str, first: ResolvedDate) -> bool:
    """Whether a sentence's first date says when what it tells happened: it begins the sentence
    (`3月3日，`, `在2006年，`) or follows 于 or 在 (`烏馬羅夫於2010年8月1日辭去職務`), not a year
    that qualifies a noun (`被认定为1997年伊宁市…的发动者`)."""
    before = shadow[first.start - 1] if first.start else ""
    return first.start <= 1 or before in "于於在"


_CLAUSE_END = re.compile(r"[，,；;：:]")


def _life(text: str, subject: tuple[str, ...],
          resolved: list[ResolvedDate]) -> list[ResolvedDate]:
    """A range of dates in the brackets after the lead's bold name of a person (``subject``:
    `巴萨耶夫（俄语：…，1965年1月14日—2006年7月10日）`, a ``{{bd}}``) is a life's first and last day:
    two dates, not a span of time something went on (a war's is)."""
    opened = -1
    for name in subject:
        at = text.find(name)
        if at >= 0 and text[at + len(name):at + len(name) + 1] in ("（", "("):
            opened = at + len(name)
            break
    if opened < 0:
        return resolved
    closed = min((i for i in (text.find("）", opened), text.find(")", opened)) if i >= 0),
                 default=len(text))
    out: list[ResolvedDate] = []
    for date in resolved:
        if date.end is not None and opened < date.start and date.end_pos <= closed:
            out += [date._replace(end=None), date._replace(date=date.end, end=None)]
        else:
            out.append(date)
    return out


def _leading(shadow: str, resolved: list[ResolvedDate]) -> list[ResolvedDate]:
    """A sentence that begins with a date of its own (its first clause, `3月3日，` or `在3月3日，`)
    is about that date: a date of another year in a later clause is background, which neither
    dates the sentence nor anchors the next one (`3月3日，人民网…对2013年5月22日发生在伦敦的…`:
    3 March; the next `次日` is the 4th), unless it begins a clause of its own (``_begins_clause``)."""
    first = resolved[0]
    clause = _CLAUSE_END.search(shadow)
    if clause is None or first.start > 1 or first.end_pos > clause.start() or first.date.decade:
        return resolved  # (`这一数字在2003年为…，2004年为…`: no date begins it)
    kept = [d for d in resolved if d is first or d.start < clause.start()
            or d.date.year == first.date.year or d.date.decade or _begins_clause(shadow, d.start)]
    return kept


# what may join a clause that begins with 在 or 于 and its date to the one before (`，并于`)
_CONJUNCTIONS = frozenset("并並又且而再亦也")


def _begins_clause(shadow: str, start: int) -> bool:
    """Whether a date at ``start`` begins a clause of its own (`…发表《主权宣言》，1991年12月16日，
    宣布独立`): it tells what happened then, as a sentence's leading date does."""
    at = start
    while at > 0 and shadow[at - 1] in "在于於":
        at -= 1
    if at > 0 and shadow[at - 1] in _CONJUNCTIONS and at < start:
        at -= 1  # `…，並在2012年以民主選舉的方式獲得埃及政權`: and then, in 2012
    if max(shadow.rfind("（", 0, at), shadow.rfind("(", 0, at)) > \
            max(shadow.rfind("）", 0, at), shadow.rfind(")", 0, at)):
        return False  # in brackets: background (`努斯拉阵线（…，2016年7月改名为征服阵线）`)
    return at > 0 and shadow[at - 1] in "，,；;"


def _date_defects(sentence: Sentence, resolved: list[ResolvedDate],
                  unplaced: list[DateMention], impossible: list[DateMention]) -> list[Defect]:
    out = [Defect("date-impossible", sentence.seed_span(m.start, m.end_pos), m.text)
           for m in impossible]
    for date in resolved:
        if date.source == CORRECTED:
            out.append(Defect("date-typo", sentence.seed_span(date.start, date.end_pos),
                              date.date.iso(), fix=_as_written(date)))
    for mention in unplaced:
        if _YEARLY.search(sentence.shadow, max(0, mention.start - 8), mention.start):
            continue  # `每年3月1日`: a day of every year, which has no year to give
        out.append(Defect("date-no-year", sentence.seed_span(mention.start, mention.end_pos),
                          mention.text))
    return out


_YEARLY = re.compile(r"(?:每年|每逢|逢年)(?:的)?\s*$")


def _as_written(date: ResolvedDate) -> str:
    """A corrected date as it should have been written: `2005年2月5日` for `2005年2与5日` (the
    one typo ``kzct.parse.dates`` reads through, in either script)."""
    return re.sub("[与與]", "月", date.text, count=1)


def extract_events(
    sentences: list[Sentence],
    dates: dict[int, list[ResolvedDate]],
    entities: list[Entity],
    seed: str,
    article_year: int | None = None,
) -> list[Event]:
    """One event per dated sentence and date, in chronological order; a sentence that states
    one toll for several dates is one event with all of them, so that its toll is counted once.

    ``article_year``: the year of an article about one event (``kzct.parse.wikitext.
    article_year``); its first event of that year (the lead's, where the lead dates it) is the
    event the article is about, which a toll of "this attack" (``此次袭击造成31人死亡``,
    ``_THIS_EVENT``) in a sentence with no date of its own belongs to, wherever it is."""
    starts = [s.span[0] for s in sentences]
    names_in: dict[int, list[tuple[int, str, str, str]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            at = bisect.bisect_right(starts, mention.span[0]) - 1
            if at >= 0:
                names_in.setdefault(at, []).append((mention.span[0], entity.kind, mention.text,
                                                    entity.id))
    events: list[Event] = []
    last: dict[int, tuple[int, set[str]]] = {}  # paragraph → its latest event, and its ids
    subject: int | None = None  # the event the article is about (``article_year``)
    for position, sentence in enumerate(sentences):
        resolved = dates.get(sentence.number)
        kinds: dict[str, list[str]] = {"place": [], "person": [], "group": []}
        ids: dict[str, list[str]] = {"place": [], "person": [], "group": []}
        # each entity once, as the sentence first writes it: ``places[i]`` is ``place_ids[i]``
        # (哈萨克斯坦 and 哈薩克斯坦 in one sentence are one place)
        for _start, kind, text, entity_id in sorted(names_in.get(position, [])):
            if entity_id not in ids[kind]:
                ids[kind].append(entity_id)
                kinds[kind].append(text)
        if not resolved:
            if not _paragraph_toll(sentence, kinds, ids, events, last.get(sentence.paragraph)) \
                    and subject is not None and _THIS_EVENT.search(sentence.shadow):
                _take_toll(sentence, kinds, events, subject)
            continue
        toll = count_casualties(sentence.shadow, _in_shadow(sentence, kinds["person"]))
        stated = toll.killed is not None or toll.injured is not None
        groups = [[d] for d in resolved]
        if stated and len(resolved) > 1:
            # one toll over several dates is one event; a date that is background (`自1999年
            # 以来`, `1990年代`) is an event of its own, without the toll
            plain = [d for d in resolved if d.qualifier is None and not d.date.decade]
            rest = [[d] for d in resolved if d not in plain]
            groups = [plain, *rest] if plain else [resolved]
        for number, group in enumerate(groups):
            date = group[0]
            told = toll if number == 0 else _NO_TOLL
            events.append(
                Event(
                    date=date.date.iso(),
                    end_date=date.end.iso() if date.end else None,
                    dates=tuple(d.date.iso() for d in group),
                    precision=date.date.precision,
                    qualifier=date.qualifier,
                    date_source=date.source,
                    date_text=(date.text if date.source in _DAY_ABOVE else
                               sentence.text[group[0].start:group[-1].end_pos].rstrip("，,")),
                    text=sentence.text,
                    section=sentence.section,
                    places=tuple(kinds["place"]),
                    people=tuple(kinds["person"]),
                    groups=tuple(kinds["group"]),
                    killed=told.killed,
                    killed_qualifier=told.killed_qualifier,
                    injured=told.injured,
                    injured_qualifier=told.injured_qualifier,
                    refs=sentence.refs,
                    span=sentence.span,
                    seed=seed,
                    place_ids=tuple(ids["place"]),
                    person_ids=tuple(ids["person"]),
                    group_ids=tuple(ids["group"]),
                )
            )
            if number == 0:
                last[sentence.paragraph] = (len(events) - 1,
                                            {*ids["place"], *ids["group"]})
            if subject is None and article_year is not None and date.date.year == article_year:
                subject = len(events) - 1  # the lead comes first
    events.sort(key=event_sort_key)
    return events


def _paragraph_toll(sentence: Sentence, kinds: dict[str, list[str]], ids: dict[str, list[str]],
                    events: list[Event], latest: tuple[int, set[str]] | None) -> bool:
    """A toll in a sentence with no date of its own belongs to the latest event of its
    paragraph, where the two sentences name a place or a group in common (`…2005年5月12日至13日
    发生在安集延的暴动…。乌兹别克斯坦政府估计大约有187人在事件中丧生`). Whether it was taken."""
    if latest is None or not {*ids["place"], *ids["group"]} & latest[1]:
        return False
    return _take_toll(sentence, kinds, events, latest[0])


# "This attack", "the incident", "this explosion" (此次袭击, 该事件, 这起爆炸), or the attack as
# the subject the sentence begins with (`爆炸造成1人死亡`): a sentence that speaks of the event its
# article is about.
_EVENT_NOUN = r"(?:恐怖)?(?:袭击|事件|爆炸|惨案|血案|案件|暴乱|骚乱|屠杀|劫持|恐袭|攻击)"
_THIS_EVENT = re.compile(rf"(?:此|这|本|该)[次起场]?{_EVENT_NOUN}|^{_EVENT_NOUN}(?:共|总共|一共)?"
                         r"(?:造成|导致|致使|致)")


def _take_toll(sentence: Sentence, kinds: dict[str, list[str]], events: list[Event],
               at: int) -> bool:
    """The toll ``sentence`` states, given to ``events[at]`` where that one states none, with
    where it is stated (``toll_span``, ``toll_text``). Whether it was taken."""
    event = events[at]
    if event.killed is not None or event.injured is not None:
        return False
    toll = count_casualties(sentence.shadow, _in_shadow(sentence, kinds["person"]))
    if toll.killed is None and toll.injured is None:
        return False
    events[at] = event._replace(killed=toll.killed, killed_qualifier=toll.killed_qualifier,
                                injured=toll.injured, injured_qualifier=toll.injured_qualifier,
                                toll_span=sentence.span, toll_text=sentence.text)
    return True


_NO_TOLL = Casualties(None, None, None, None)


def _in_shadow(sentence: Sentence, names: list[str]) -> tuple[str, ...]:
    """Names as written, as they read in the sentence's shadow (same positions)."""
    out = []
    for name in names:
        at = sentence.text.find(name)
        if at >= 0:
            out.append(sentence.shadow[at:at + len(name)])
    return tuple(out)


def event_sort_key(event: Event) -> tuple[int, int, int, str, int]:
    """Chronological; a coarser date sorts before the finer ones of the same period."""
    year, month, day = date_key(event.date)
    return (year, month, day, event.seed, event.span[0])
