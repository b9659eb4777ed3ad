"""Records (immutable named tuples) and their one JSON form.

Named tuples rather than frozen dataclasses: defining a dozen dataclasses costs every command
about 15 ms at start-up, named tuples a quarter of that, with the same immutability.

Every record the tool prints carries where it comes from: the section path, the character span in
the seed (``[start, end)`` offsets into the seed's decoded text) and the ids of its references.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

Span = tuple[int, int]
# Bump when the stored records change shape, or the place table (kzct.parse.gazetteer) does:
# the cache then starts a new database.
INDEX_FORMAT = 90

# How an event's date was read (``Event.date_source``): as written, its year from a heading or
# from the paragraph, counted from the date before (`3天之后`), or a typo read as meant.
EXPLICIT = "explicit"
FROM_HEADING = "year from heading"
FROM_CONTEXT = "year from context"
RELATIVE = "relative"
CORRECTED = "corrected"
FROM_ARTICLE = "year from article"  # the year an event article states once (its title, infobox)
DAY_FROM_HEADING = "date from heading"  # a sentence with no date under a heading that is a day
MONTH_FROM_CONTEXT = "month from context"  # a day alone (`５日，`): the month of the date before
DAY_FROM_ITEM = "date from list item"  # a list item with no date under one that begins with a day
DAY_FROM_SENTENCE = "date from sentence before"  # after a sentence that is only a day (`5月14日。`)
DATE_SOURCES = (EXPLICIT, FROM_HEADING, FROM_CONTEXT, FROM_ARTICLE, RELATIVE, CORRECTED,
                DAY_FROM_HEADING, MONTH_FROM_CONTEXT, DAY_FROM_ITEM, DAY_FROM_SENTENCE)

# Where an entity's English name comes from (``Entity.name_en_source``), the surest first: the
# article itself (a Latin form in brackets after the name, {{le}}, {{link-en}}, {{tsl}}, a Latin
# link), the gazetteers (CLDR, ISO 3166, GeoNames), the curated names, and a standard
# romanization (Hanyu Pinyin of a Chinese name): a reading, not a name the article gave.
NAME_SOURCES = ("article", "cldr", "iso3166", "geonames", "curated", "romanization")


def to_json(record: Any) -> Any:
    """The JSON form of a record: a dict with every field, nulls kept, tuples as lists.

    Tuples of plain values are copied as lists in one step; only records (and tuples of records)
    are walked, which keeps large outputs fast."""
    if isinstance(record, StoredJSON):
        import json

        return json.loads(record)
    names = getattr(record, "_fields", None)
    if names is None:
        if isinstance(record, (list, tuple)):
            return [to_json(item) for item in record]
        if isinstance(record, dict):
            return {key: to_json(value) for key, value in record.items()}
        return record
    out = {}
    for name, value in zip(names, record):
        if isinstance(value, tuple):
            if hasattr(value, "_fields"):
                value = to_json(value)
            elif value and hasattr(value[0], "_fields"):
                value = [to_json(item) for item in value]
            else:
                value = list(value)
        out[name] = value
    return out


class StoredJSON(str):
    """A record's JSON text as the store holds it (``to_json``, dumped): ``--json`` writes it as
    it is, without decoding it (``kzct.face.render``)."""


def from_json(cls: type[_R], data: dict[str, Any]) -> _R:
    """The record of class ``cls`` that ``to_json`` gave ``data`` (a field ``data`` lacks takes
    its default): nested records and lists of them rebuilt, other lists as tuples."""
    convert = _DECODERS.get(cls)
    if convert is None:
        convert = _DECODERS[cls] = _decoders(cls)
    return cls(**{name: f(data[name]) if f is not None else data[name]
                  for name, f in convert if name in data})


_R = TypeVar("_R")
_DECODERS: dict[type, list[tuple[str, Callable[[Any], Any] | None]]] = {}


def _decoders(cls: type) -> list[tuple[str, Callable[[Any], Any] | None]]:
    """For each field of a record class, what turns its JSON value back (None: nothing)."""
    # a record class's annotations are its fields, in order
    return [(name, _decoder(hint)) for name, hint in typing.get_type_hints(cls).items()]


def _decoder(hint: Any) -> Callable[[Any], Any] | None:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if hasattr(hint, "_fields"):
        return lambda value: from_json(hint, value)
    if origin is tuple:
        record = next((a for a in args if hasattr(a, "_fields")), None)
        if record is not None:
            return lambda values: tuple(from_json(record, v) for v in values)
        if args and typing.get_origin(args[0]) is tuple:  # tuples of tuples: (number, text) pairs
            return lambda values: tuple(tuple(v) for v in values)
        return tuple
    if origin in (types.UnionType, typing.Union) and len(args) == 1:
        inner = _decoder(args[0])
        if inner is not None:
            return lambda value: None if value is None else inner(value)
    return None


def date_key(date: str) -> tuple[int, int, int]:
    """A record's ISO date as a sortable key: ``2006-03`` → (2006, 3, 0); a decade ``199X``
    → (1990, 0, 0)."""
    parts = date.split("-")
    year = int(parts[0].replace("X", "0"))
    rest = [int(p) for p in parts[1:]] + [0, 0]
    return year, rest[0], rest[1]


def day_span(date: str) -> tuple[int, int]:
    """The first and last day an ISO date at its precision covers, as ``YYYYMMDD`` numbers:
    ``2006-03`` → (20060301, 20060331); a decade ``199X`` → (19900101, 19991231). The one
    place a partial date becomes days (the store's columns, the timeline's --from/--to)."""
    import calendar

    year, month, day = date_key(date)
    if date.endswith("X"):
        return year * 10000 + 101, (year + 9) * 10000 + 1231
    if not month:
        return year * 10000 + 101, year * 10000 + 1231
    if not day:
        last = calendar.monthrange(year, month)[1]
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + last
    value = year * 10000 + month * 100 + day
    return value, value


class Revision(NamedTuple):
    """Which revision of which wiki page an article's text is (``kzct fetch`` and the XML
    exports record it beside the text: ``kzct.provenance``)."""

    title: str  # the page's title on the wiki
    id: int | None  # the revision id (MediaWiki's revid, or oldid)
    timestamp: str | None  # when it was saved, as the wiki writes it: 2014-04-13T12:33:35Z
    url: str | None  # the revision's permanent link (index.php?oldid=ID), where it is known


class Backed(NamedTuple):
    """A body sentence a reference backs (``sources --id``): as the article writes it."""

    text: str
    section: tuple[str, ...]
    span: Span


class Ref(NamedTuple):
    """One reference (``<ref>``): a citation, defined once, possibly reused by name."""

    id: str
    number: int | None  # the footnote number a reader of the article sees; None if never defined
    name: str | None
    url: str | None
    title: str | None
    publisher: str | None
    author: str | None
    date: str | None
    access_date: str | None
    archive_url: str | None
    archive_date: str | None
    dead: bool
    defined: bool  # False for a name used as <ref name=X/> but never defined
    uses: int  # how many <ref> tags cite it
    span: Span | None  # the defining <ref>...</ref> in the seed
    cited_by: int = 0  # how many body sentences it backs
    backs: tuple[Backed, ...] = ()  # those sentences, in article order
    seed: str = ""
    revision: Revision | None = None  # the revision of the article it is in, where known


class Defect(NamedTuple):
    """Something the article gets wrong that reading it had to work around (``kzct check`` says
    them): its kind (a ``kzct.queries.check`` code), where it is in the seed, and what it is."""

    kind: str
    span: Span
    detail: str = ""  # what was found (the stray text, the reference name, …)
    fix: str | None = None  # the text that would mend it, where one is known


class Finding(NamedTuple):
    """One thing ``kzct check`` says about an article: where (line and column of the wikitext,
    both from 1, the column in characters), what (a stable code, its kind, a severity), and the
    text at the span."""

    seed: str  # the file, as it was named
    line: int
    column: int
    code: str  # D101, R101, …: stable
    kind: str  # date-typo, ref-undefined, …: the code's name
    severity: str  # error, warning, info
    message: str
    span: Span
    text: str  # the seed's text at the span
    fix: str | None  # what would mend it ("" to delete the text), where the text shows it
    alternatives: tuple[str, ...] = ()  # other readings, for a corrected date


class Link(NamedTuple):
    """A wikilink in body text: its target page and the text the reader sees."""

    target: str
    text: str
    span: Span  # the shown text in the seed


class Sentence(NamedTuple):
    """One body sentence in clean text, with the map back to seed offsets.

    ``runs`` maps clean text to the seed: each ``(clean_start, seed_start, length)`` says that
    ``text[clean_start:clean_start+length] == seed[seed_start:seed_start+length]``.
    """

    number: int  # its place among the article's sentences, from 0
    text: str  # as the article writes it
    shadow: str  # the same text in simplified characters, position for position (kzct.text)
    section: tuple[str, ...]
    paragraph: int
    span: Span
    refs: tuple[str, ...]
    links: tuple[Link, ...]
    runs: tuple[tuple[int, int, int], ...]
    # the sentence starts a list item (`* …`) this deep: 1 for `*`, 2 for `**`; 0 where it does not
    list_item: int = 0

    def seed_span(self, start: int, end: int) -> Span:
        """The seed span of ``text[start:end]`` (from the runs that hold its first and last char)."""
        return (self.seed_offset(start), self.seed_offset(max(start, end - 1)) + (1 if end > start else 0))

    def seed_offset(self, pos: int) -> int:
        """The seed offset of ``text[pos]`` (past a run's end, that end), found by bisection:
        the runs are in text order."""
        import bisect

        i = bisect.bisect_right(self.runs, pos, key=lambda run: run[0]) - 1
        if i < 0:
            return self.span[0]
        clean_start, seed_start, length = self.runs[i]
        return seed_start + min(pos - clean_start, length)


class Section(NamedTuple):
    path: tuple[str, ...]
    level: int
    span: Span  # the heading line


class Source(NamedTuple):
    """Where a record comes from."""

    seed: str
    section: tuple[str, ...]
    span: Span


class HistoryItem(NamedTuple):
    date: str
    precision: str
    text: str
    refs: tuple[str, ...]
    span: Span


class Group(NamedTuple):
    name_zh: str | None
    name_latin: str | None
    name_en: str | None
    name_en_source: str  # "article", "corrected", "curated", or "none" (no English name)
    aliases: tuple[str, ...]
    status: str
    status_text: str
    listed_on: str | None
    listed_precision: str | None
    history: tuple[HistoryItem, ...]
    refs: tuple[str, ...]
    source: Source
    id: str = ""  # as an event's ``group_ids`` give it
    # the designation: who (as written, its ISO 3166-1 alpha-2 code or a body's code, its
    # English name), what (listed, banned, delisted) and with which word (terrorist, extremist,
    # illegal); None where the article does not say, and for a group only ``discussed``
    authority: str | None = None
    authority_code: str | None = None
    authority_en: str | None = None
    action: str | None = None
    label: str | None = None
    # the country the article is about, whose designations ``kzct groups`` lists by default
    article_country: str | None = None


class Event(NamedTuple):
    """One dated happening: a sentence and its date (or, when one sentence states one toll for
    several dates, the sentence and all of them)."""

    date: str  # ISO at its precision; a decade as 199X
    end_date: str | None  # a range's end
    dates: tuple[str, ...]  # every date the happening fell on: (date,) but for `3月28日和4月1日`
    precision: str  # decade, year, month, day
    qualifier: str | None  # since, as_of, before, about, after; early, mid, late (of a decade)
    date_source: str
    date_text: str
    text: str
    section: tuple[str, ...]
    places: tuple[str, ...]
    people: tuple[str, ...]
    groups: tuple[str, ...]
    killed: int | None
    killed_qualifier: str | None  # about, at_least, over
    injured: int | None
    injured_qualifier: str | None
    refs: tuple[str, ...]
    span: Span
    seed: str
    # the ``id`` of each place, person and group above, as ``places``, ``people``, ``search``
    # (and ``groups --json``, for the groups it lists) give it: events join to entities by these
    place_ids: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()
    group_ids: tuple[str, ...] = ()
    # where the toll is stated when a later sentence of the paragraph states it, with no date of
    # its own (`乌兹别克斯坦政府估计大约有187人在事件中丧生`): its seed span and its text; else None
    toll_span: Span | None = None
    toll_text: str | None = None


class Mention(NamedTuple):
    text: str  # the name as written
    # the sentence that holds it: its number among its article's sentences (``Sentence.number``);
    # its text is its entity's (``Entity.sentence_of``), written once however many names it holds
    sentence: int
    section: tuple[str, ...]
    span: Span
    refs: tuple[str, ...] = ()  # the references backing the sentence


class Entity(NamedTuple):
    id: str
    kind: str  # person, place, group
    name_zh: str | None
    name_latin: str | None
    name_en: str | None
    aliases: tuple[str, ...]
    role: str | None
    mentions: tuple[Mention, ...]
    seed: str
    # places only (None for people and groups): what the gazetteer says of the place
    place_type: str | None = None  # country, region, province, city, district, valley, …
    country: str | None = None  # ISO 3166-1 alpha-2
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    # how the entity was named: curated, cldr, iso3166, geonames, derived (a place and its
    # suffix: 安集延州), or article (found in the text by the name rules)
    source: str = "article"
    # where ``name_en`` comes from (NAME_SOURCES), None when there is none
    name_en_source: str | None = None
    # the sentences its mentions are in, each once: (number, text), in the order of the mentions
    sentences: tuple[tuple[int, str], ...] = ()

    def sentence_of(self, mention: Mention) -> str:
        """The text of the sentence ``mention`` (one of this entity's) is in."""
        return next(text for number, text in self.sentences if number == mention.sentence)
