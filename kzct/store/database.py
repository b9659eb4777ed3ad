"""The index store: built articles in one SQLite database, and the ``Index`` that queries it.

One database in the cache directory (``index-<key>.sqlite``, the key covering kzct's version, the
index format and the curated data) holds every article indexed so far, each under its path. A
query reads only the rows it needs, so a thousand articles cost a query neither a thousand file
reads nor their memory. An article is rebuilt only when its file changed (size and modification
time first, then its SHA-256); many are built in parallel.

A cache that cannot be trusted is never used: a database that SQLite finds damaged (not a
database, corrupt) is deleted and rebuilt. One that cannot be written now (read-only, full, or
locked by another kzct past SQLite's wait) is left as it is, and the build goes to an in-memory
database, which only costs speed; one that cannot be read now is said so. ``--no-cache`` always
uses the in-memory one.

The cache does not only grow: each article remembers when it was last used (to the day), and
``prune`` drops the articles whose file is gone or that have not been used for a while, then the
least recently used ones while the database is over its size bound (``kzct.store.cache`` decides when).
"""

from __future__ import annotations

import collections
import functools
import itertools
import json
import os
import re
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar, cast

from kzct.errors import CacheCorrupt, CacheUnavailable, KzctError
from kzct.model import (
    Entity,
    Event,
    Group,
    Mention,
    Ref,
    Revision,
    StoredJSON,
    date_key,
    day_span,
    from_json,
    to_json,
)

if TYPE_CHECKING:
    from kzct.build import Builder, BuiltArticle

SCHEMA = """
CREATE TABLE IF NOT EXISTS seeds (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, name TEXT NOT NULL, digest TEXT NOT NULL,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0, UNIQUE (path, name));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS groups (seed INTEGER NOT NULL, ord INTEGER NOT NULL,
    listed INTEGER NOT NULL, data BLOB NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY (seed, ord));
CREATE TABLE IF NOT EXISTS refs (seed INTEGER NOT NULL, ord INTEGER NOT NULL, ref_id TEXT NOT NULL,
    dead INTEGER NOT NULL, data BLOB NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY (seed, ord));
CREATE TABLE IF NOT EXISTS events (seed INTEGER NOT NULL, ord INTEGER NOT NULL,
    lo INTEGER NOT NULL, hi INTEGER NOT NULL, sort INTEGER NOT NULL, seed_name TEXT NOT NULL,
    start INTEGER NOT NULL, data BLOB NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY (seed, ord));
CREATE INDEX IF NOT EXISTS events_by_time ON events (hi, lo);
CREATE TABLE IF NOT EXISTS entities (id INTEGER PRIMARY KEY, seed INTEGER NOT NULL,
    ord INTEGER NOT NULL, kind TEXT NOT NULL, mentions INTEGER NOT NULL, name TEXT NOT NULL,
    name_key TEXT NOT NULL, entity_id TEXT NOT NULL, name_en TEXT, name_zh TEXT,
    data BLOB NOT NULL, crc INTEGER NOT NULL);
-- what each article's rows are read with (``Sheet``): the preset dictionary of their data
-- (``pack``), kept as it is, since a listing across articles reads one at nearly every row, and
-- its sentences, in blocks: their text, which the rows quote by number (``cutter``), where each
-- begins, its section and references, which an entity's mentions take (``compact_entity``)
CREATE TABLE IF NOT EXISTS dictionaries (seed INTEGER PRIMARY KEY, data BLOB NOT NULL,
    sentences BLOB NOT NULL);
-- (a listing orders each entity's rows by their totals over the articles, which no index holds)
CREATE INDEX IF NOT EXISTS entities_by_seed ON entities (seed, kind);
CREATE INDEX IF NOT EXISTS entities_by_id ON entities (kind, entity_id);
-- every name an entity bears in some article, once (folded; as first written), whatever the
-- number of articles that give it (an entity's id is the same in each: place:kazakhstan)
CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, folded TEXT NOT NULL,
    kind TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL,
    UNIQUE (folded, kind, entity_id));
-- which articles give each name (``written``: how the article writes it, where that is not as
-- ``names`` has it), by name and by article
CREATE TABLE IF NOT EXISTS article_names (name INTEGER NOT NULL, seed INTEGER NOT NULL,
    written TEXT, PRIMARY KEY (name, seed)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_names_by_seed ON article_names (seed);
-- every folded name, once, with the number of articles that have it: what a search matches
-- against, without reading a thousand articles' names
CREATE TABLE IF NOT EXISTS spellings (folded TEXT NOT NULL, kind TEXT NOT NULL,
    articles INTEGER NOT NULL, PRIMARY KEY (folded, kind)) WITHOUT ROWID;
-- traditional → simplified, for every character of the names (a fact of the scripts, not of an
-- article: shared by all)
CREATE TABLE IF NOT EXISTS chars (trad TEXT PRIMARY KEY, simple TEXT NOT NULL) WITHOUT ROWID;
-- the pinyin of every folded Chinese name (kzct.parse.romanize.readings): how a Latin query is
-- compared with a transliteration by sound (kzct.sounds); a fact of the characters, shared
CREATE TABLE IF NOT EXISTS readings (folded TEXT PRIMARY KEY, reading TEXT NOT NULL)
    WITHOUT ROWID;
-- what `kzct check` found in an article, by its text's SHA-256 and the check's format (JSON):
-- an unchanged article is not checked again, wherever its file is
CREATE TABLE IF NOT EXISTS checks (digest TEXT NOT NULL, format INTEGER NOT NULL,
    used INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (digest, format)) WITHOUT ROWID;
"""


def _dumped(record: Any) -> tuple[str, Any]:
    """A record as stored (``cutter`` cuts it, ``pack`` deflates it): its JSON text, exactly as
    ``--json`` prints it (so that it can be written out as it is), and the data it is of. JSON,
    not pickles: loading a pickle from a writable cache directory would run whatever it holds."""
    value = to_json(record)
    return json.dumps(value, ensure_ascii=False), value


def checksum(text: str) -> int:
    """The CRC-32 of a record's JSON text, stored beside it: a row read back whose text does not
    match it was damaged (or edited) since kzct wrote it from a record, and is not written out."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


# -- records as stored: deflated, each quoting its article's sentences by number -----------------
#
# A sentence is quoted by every record drawn from it (each entity it names, the reference that
# backs it, its event, a designation's history). Each article's sentences are stored once,
# deflated together; a record's row holds its JSON text with each sentence it quotes cut out, and
# where (``cutter``): reading the row puts them back (``unpack``). A section's path, the names and
# the article's name are repeated too, and a record's fields are named in every row: each row is
# deflated on its own (a query still reads only the rows it needs) with a preset dictionary
# (zlib's `zdict`) that holds them, as JSON writes them. A row then costs little more than what
# is its own.

_REACH = 32 * 1024 - 262  # how far back deflate reaches (zlib's MAX_DIST): a dictionary's useful end
_RAW = -15  # raw deflate: the checksum column checks the text, zlib's header and Adler-32 would not


@functools.cache
def _field_names() -> bytes:
    """Every stored record's fields, as JSON writes them, each null (`"name": null, `): a
    record's fields come in this order, and those it lacks are null. The end of every
    article's dictionary, the same in each: not stored (``Sheet``)."""
    from kzct.model import Backed, HistoryItem

    classes = (Backed, HistoryItem, Mention, Revision, Ref, Group, Event, Entity)
    return "".join(json.dumps(dict.fromkeys(cls._fields)) for cls in classes).encode()


def dictionary(repeated: Iterable[Any]) -> bytes:
    """An article's preset dictionary, as stored: the values its records repeat (section
    paths, names, its name), each once as JSON writes it, the most repeated last (where deflate
    reaches them most cheaply); only as much as deflate can reach with the field names after it
    (``whole_dictionary``)."""
    counts: collections.Counter[str] = collections.Counter()
    for value, count in collections.Counter(repeated).items():  # each value written once
        counts[json.dumps(value, ensure_ascii=False)] += count
    body = "".join(sorted(counts, key=lambda text: (counts[text], text)))
    room = _REACH - len(_field_names())
    return body.encode("utf-8", "surrogatepass")[-room:]


def whole_dictionary(stored: bytes) -> bytes:
    """The preset dictionary an article's rows are deflated against: as stored, then the field
    names."""
    return stored + _field_names()


def packer(zdict: bytes) -> Callable[[str], bytes]:
    """What stores a record's JSON text: deflated against its article's dictionary (a copy of
    one compressor that has read it, rather than a compressor that reads it for each row)."""
    primed = zlib.compressobj(6, zlib.DEFLATED, _RAW, zdict=zdict)

    def pack(text: str) -> bytes:
        each = primed.copy()
        return each.compress(text.encode("utf-8", "surrogatepass")) + each.flush()

    return pack


def _inflate(data: Any, zdict: bytes = b"") -> str:
    """Deflated UTF-8 text; data that does not inflate to whole UTF-8 is damage."""
    try:
        unpacker = zlib.decompressobj(_RAW, zdict=zdict) if zdict else zlib.decompressobj(_RAW)
        raw = unpacker.decompress(data) + unpacker.flush()
        if not unpacker.eof:
            raise ValueError("cut short")
        return raw.decode("utf-8", "surrogatepass")
    except (zlib.error, TypeError, ValueError) as exc:
        raise CacheCorrupt(f"damaged record: {exc}") from None


class Line(NamedTuple):
    """Of one sentence, what an entity's mention in it takes from it (``compact_entity``)."""

    start: int  # where it begins, as a mention's span counts
    section: list[str]
    refs: list[str]
    text: str


# An article's sentences are deflated in blocks of this many: a row that quotes one inflates its
# block, not every sentence of the article (larger blocks deflate better, and cost a search more).
_BLOCK = 32


def pack_sentences(lines: list[Line], zdict: bytes) -> bytes:
    """An article's sentences (``Line``), deflated against its dictionary, in parts: the length
    of each part (``456,1234,987;``), then the parts. The first is, as JSON, the article's
    sections and its sets of references; then a part for each ``_BLOCK`` sentences: where each
    begins, its section and its references (by their places in the first part), then the text
    of each as JSON writes it, each after a NUL (a JSON text holds none: JSON escapes it)."""
    pack = packer(zdict)
    sections = {section: i for i, section in enumerate(dict.fromkeys(
        tuple(line.section) for line in lines))}
    refsets = {refs: i for i, refs in enumerate(dict.fromkeys(tuple(line.refs) for line in lines))}
    parts = [pack(json.dumps([list(sections), list(refsets)], ensure_ascii=False))]
    for at in range(0, len(lines), _BLOCK):
        block = lines[at:at + _BLOCK]
        where = ",".join(f"{line.start},{sections[tuple(line.section)]},"
                         f"{refsets[tuple(line.refs)]}" for line in block)
        parts.append(pack(where + "".join("\x00" + json.dumps(line.text, ensure_ascii=False)
                                          for line in block)))
    return ",".join(str(len(part)) for part in parts).encode() + b";" + b"".join(parts)


class _Block:
    """One block of an article's sentences, inflated (``pack_sentences``): the text of each as
    JSON writes it, and where each begins, its section and its references (read when an
    entity's mention first asks)."""

    __slots__ = ("quoted", "_where", "_numbers", "size")

    def __init__(self, where: str, quoted: list[str]) -> None:
        self.quoted = quoted
        self._where = where
        self._numbers: list[int] | None = None
        self.size = 2 * (len(where) + sum(map(len, quoted))) + 120 * len(quoted)  # about

    def where(self, at: int) -> list[int]:
        """Where its sentence ``at`` begins, its section and its references."""
        if self._numbers is None:
            self._numbers = list(map(int, self._where.split(",")))
        return self._numbers[3 * at:3 * at + 3]


class Blocks:
    """The blocks of sentences an index has read, kept up to ``kept`` bytes, the first read
    dropped first: a listing in article order needs one article's at a time, one across
    articles (the timeline by date, people by mentions) each of them again and again."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self.found: dict[int, _Block] = {}  # by ``key``
        self._size = 0

    @staticmethod
    def key(article: int, number: int) -> int:
        """A block's key, by its article's and its own number."""
        return article << 32 | number

    def add(self, key: int, block: _Block) -> None:
        self.found[key] = block
        self._size += block.size
        while self._size > self.kept and len(self.found) > 1:
            self._size -= self.found.pop(next(iter(self.found))).size


class Sheet:
    """What an article's rows are read with: their preset dictionary, and its sentences
    (``pack_sentences``), each block inflated when a row first quotes one of its sentences
    (kept in ``blocks``, under ``key``). ``size``: about how many bytes it holds."""

    __slots__ = ("zdict", "_packed", "_ends", "_tables", "_blocks", "_key", "size")

    def __init__(self, stored: bytes, packed: bytes, blocks: Blocks | None = None,
                 key: int = 0) -> None:
        """``stored``: its dictionary as stored. Raises ``CacheCorrupt`` where ``packed`` does
        not say where its parts are."""
        self.zdict = whole_dictionary(stored)
        self._packed = packed
        head = packed.find(b";")
        try:
            # where each part ends in ``packed``
            self._ends = list(itertools.accumulate(
                map(int, packed[:head].split(b",")), initial=head + 1))
        except ValueError:
            raise CacheCorrupt("damaged sentences") from None
        if head < 0 or self._ends[-1] != len(packed):
            raise CacheCorrupt("damaged sentences")
        self._tables: list[list[list[str]]] | None = None
        self._blocks = blocks or Blocks(1 << 20)
        self._key = Blocks.key(key, 0)
        # its bytes, and about what its tables hold once read (``line``)
        self.size = len(self.zdict) + len(packed) + 16 * (self._ends[1] - self._ends[0])

    def _part(self, number: int) -> str:
        if not 0 <= number < len(self._ends) - 1:
            raise IndexError(f"no part {number}")
        return _inflate(self._packed[self._ends[number]:self._ends[number + 1]], self.zdict)

    def _block(self, block: int) -> _Block:
        key = self._key | block
        found = self._blocks.found.get(key)
        if found is None:
            where, *quoted = self._part(block + 1).split("\x00")
            found = _Block(where, quoted)
            self._blocks.add(key, found)
        return found

    def quoted(self, number: int) -> str:
        """Sentence ``number``'s text as JSON writes it."""
        block, at = divmod(number, _BLOCK)
        return (self._blocks.found.get(self._key | block) or self._block(block)).quoted[at]

    def line(self, number: int) -> Line:
        """Sentence ``number``'s start, section, references and text."""
        if self._tables is None:
            self._tables = json.loads(self._part(0))
        block, at = divmod(number, _BLOCK)
        found = self._block(block)
        start, section, refs = found.where(at)
        sections, refsets = self._tables
        quoted = found.quoted[at]
        # (JSON text with no escape in it is the text between its quotes)
        text = quoted[1:-1] if "\\" not in quoted else json.loads(quoted)
        return Line(start, sections[section], refsets[refs], text)


# An entity's fields that are columns of its row (as the entities table names them): its data
# leaves them out (``compact_entity``).
ENTITY_COLUMNS = {"id": "entity_id", "kind": "kind", "name_zh": "name_zh", "name_en": "name_en"}
_COLUMNS = ", ".join(ENTITY_COLUMNS.values())


# How far from where its span says a mention's text is looked for in its sentence (``compact_entity``).
_NEAR = 4096


def compact_entity(data: dict[str, Any], line: Callable[[int], Line]) -> dict[str, Any]:
    """An entity's JSON data as stored: without the fields that are columns of its row
    (``ENTITY_COLUMNS``); each mention that takes its section and references from its
    sentence, and whose text is in the sentence, as ``[sentence, start, end]`` (its text where
    its span is in the sentence: the text as read is the seed's where no markup came before it)
    or ``[sentence, start, end, at]`` (its text where ``at`` is in the sentence); the sentences
    its mentions are in left out where they are those of its mentions (``entity_from_row`` puts
    all back)."""
    sentences = [[number, line(number).text] for number in
                 dict.fromkeys(m["sentence"] for m in data["mentions"])]
    mentions: list[Any] = []
    for mention in data["mentions"]:
        its = line(mention["sentence"])
        start, end = mention["span"]
        text = mention["text"]
        if mention["section"] == its.section and mention["refs"] == its.refs \
                and len(text) == end - start:
            at = start - its.start
            if its.text[at:at + len(text)] == text:
                mention = [mention["sentence"], start, end]
            # (the same text anywhere in the sentence will do; looked for only near where the
            # span is, since markup before it is no longer in the text: time stays linear)
            elif (at := its.text.find(text, max(0, at - _NEAR), at + len(text) + _NEAR)) >= 0:
                mention = [mention["sentence"], start, end, at]
        mentions.append(mention)
    compact = {key: value for key, value in data.items() if key not in ENTITY_COLUMNS}
    compact["mentions"] = mentions
    if [list(pair) for pair in data["sentences"]] == sentences:
        del compact["sentences"]
    return compact


def entity_from_row(data: dict[str, Any], line: Callable[[int], Line],
                    columns: Iterable[Any]) -> Entity:
    """The entity of a row: its data as ``compact_entity`` stored it, whole again (``line``: its
    article's sentences, ``Sheet.line``; ``columns``: its row's, in the order of
    ``ENTITY_COLUMNS``), made directly (a listing reads thousands)."""
    read: dict[int, tuple[Line, tuple[str, ...], tuple[str, ...]]] = {}
    mentions = []
    for mention in data["mentions"]:
        if isinstance(mention, list):
            number, start, end, *where = mention
            found = read.get(number)
            if found is None:
                its = line(number)
                found = read[number] = (its, tuple(its.section), tuple(its.refs))
            its, section, refs = found
            at = where[0] if where else start - its.start
            mentions.append(Mention(its.text[at:at + end - start], number, section,
                                    (start, end), refs))
        else:
            mentions.append(from_json(Mention, mention))
    if "sentences" in data:
        sentences = tuple((number, text) for number, text in data["sentences"])
    else:
        sentences = tuple((number, (read[number][0] if number in read else line(number)).text)
                          for number in dict.fromkeys(m.sentence for m in mentions))
    fields = {**data, **dict(zip(ENTITY_COLUMNS, columns)), "aliases": tuple(data["aliases"]),
              "mentions": tuple(mentions), "sentences": sentences}
    return Entity(**{name: fields[name] for name in Entity._fields})


def cutter(sentences: Iterable[str]) -> Callable[[str, Any], str]:
    """What cuts a record's JSON text (``text``, dumped from ``data``, its ``to_json``) for its
    row: each string that is one of the article's ``sentences`` is cut out, and the row's text
    begins with where and which (``gap,number,`` each, before the JSON's ``{``). A cut that
    would not put back the very text is not made."""
    numbers: dict[str, int] = {}
    for number, sentence in enumerate(sentences):
        numbers.setdefault(sentence, number)
    quoted = [json.dumps(s, ensure_ascii=False) for s in sentences]

    def quotes(value: Any, found: list[int]) -> None:
        """The sentences ``value`` holds as strings, in the order JSON writes them, added to
        ``found``."""
        if isinstance(value, str):
            if value in numbers:
                found.append(numbers[value])
        elif isinstance(value, dict):
            for item in value.values():
                quotes(item, found)
        elif isinstance(value, (list, tuple)):
            for item in value:
                quotes(item, found)

    def cut(text: str, data: Any) -> str:
        found: list[int] = []
        quotes(data, found)
        if not found:
            return text
        # each sentence where its JSON text is next (a string's JSON text is found whole: a
        # quote inside a string is escaped), the text read once from start to end
        header, parts, at = [], [], 0
        for number in found:
            start = text.find(quoted[number], at)
            if start < 0:
                return text
            header.append(f"{start - at},{number},")
            parts.append(text[at:start])
            at = start + len(quoted[number])
        parts.append(text[at:])
        row = "".join(header) + "".join(parts)
        return row if _spliced(row, quoted.__getitem__) == text else text

    return cut


def _spliced(row: str, quoted: Callable[[int], str]) -> str:
    """A row's text with the sentences it quotes put back (``cutter``; ``quoted``: a sentence's
    text as JSON writes it, by its number)."""
    start = row.find("{")
    if start <= 0:
        return row
    numbers = row[:start - 1].split(",")
    if len(numbers) == 2:  # one sentence (an event's)
        at = start + int(numbers[0])
        return row[start:at] + quoted(int(numbers[1])) + row[at:]
    parts, at = [], start
    values = map(int, numbers)
    for gap, number in zip(values, values):
        parts += [row[at:at + gap], quoted(number)]
        at += gap
    parts.append(row[at:])
    return "".join(parts)


def unpack(data: Any, sheet: Sheet) -> str:
    """A stored record's JSON text; data that does not inflate to whole UTF-8, or quotes a
    sentence its article lacks, is damage."""
    row = _inflate(data, sheet.zdict)
    if row.startswith("{"):
        return row
    try:
        return _spliced(row, sheet.quoted)
    except (ValueError, IndexError, TypeError) as exc:
        raise CacheCorrupt(f"damaged record: {exc}") from None


class SeedInfo(NamedTuple):
    id: int
    name: str
    path: str
    digest: str


def event_bounds(event: Event) -> tuple[int, int, int]:
    """``(lo, hi, sort)``: the first and last day the event may fall on (over all its dates),
    and its sort key (a coarser date sorts before the finer ones of the same period)."""
    lo = min(day_span(d)[0] for d in (event.date, *event.dates))
    hi = max(day_span(d)[1] for d in (event.end_date or event.date, *event.dates))
    year, month, day = date_key(event.date)
    return lo, hi, year * 10000 + month * 100 + day


class ArticleRows(NamedTuple):
    """One built article as the store writes it, made where it was built: a worker process
    sends these back, not the article's sentences and records."""

    digest: str
    t2s: list[tuple[str, str]]  # traditional → simplified, for the characters of its names
    readings: list[tuple[str, str]]  # folded Chinese name → its pinyin
    warnings: tuple[str, ...]
    dictionary: bytes  # its records' preset dictionary (``dictionary``)
    sentences: bytes  # its sentences, which its records quote by number (``pack_sentences``)
    # each record's data is its JSON text packed (``pack``) and the text's checksum
    groups: list[tuple[int, bytes, int]]  # shown (``group_shown``), data
    refs: list[tuple[str, bool, bytes, int]]  # id, dead, data
    events: list[tuple[int, int, int, str, int, bytes, int]]  # lo, hi, sort, seed name, start, data
    # kind, mentions, name, name key, id, English and Chinese name, data, and its names:
    # (folded, as written)
    entities: list[tuple[str, int, str, str, str, str | None, str | None, bytes, int,
                         list[tuple[str, str]]]]


def article_rows(built: BuiltArticle) -> ArticleRows:
    """The rows of one built article."""
    from kzct.text import fold

    repeated: list[Any] = [part for entity in built.entities for mention in entity.mentions
                           for part in (mention.section, mention.text)]
    for ref in built.refs.values():
        repeated += [backed.section for backed in ref.backs]
    for event in built.events:  # its names and their ids, one by one
        repeated += [event.section, *event.places, *event.people, *event.groups,
                     *event.place_ids, *event.person_ids, *event.group_ids]
    repeated += [built.name] * (len(built.entities) + len(built.refs) + len(built.events)
                                + len(built.groups))  # every record's ``seed``
    stored = dictionary(repeated)
    zdict = whole_dictionary(stored)
    pack = packer(zdict)
    cut = cutter([sentence.text for sentence in built.sentences])
    lines = [Line(s.span[0], list(s.section), list(s.refs), s.text) for s in built.sentences]

    def data(record: Any) -> tuple[bytes, int]:
        text, value = _dumped(record)
        # an entity is always decoded to be shown, never written out as stored: its row is its
        # compact data, and the checksum that text's
        if isinstance(record, Entity):
            compact = compact_entity(value, lines.__getitem__)
            columns = [value[name] for name in ENTITY_COLUMNS]
            stored = json.dumps(compact, ensure_ascii=False)
            # read back as a listing reads it, it is the very entity, or it is kept whole
            if entity_from_row(json.loads(stored), lines.__getitem__, columns) == record:
                text = stored
                if "sentences" not in compact:  # it quotes none
                    return pack(text), checksum(text)
                value = compact
        return pack(cut(text, value)), checksum(text)

    events = []
    for event in built.events:
        lo, hi, sort = event_bounds(event)
        events.append((lo, hi, sort, event.seed, event.span[0], *data(event)))
    entities = []
    for entity in built.entities:
        # what entities are sorted by: a Chinese name in simplified characters (the same order
        # in either script)
        name = entity.name_en or entity.name_latin \
            or "".join(built.t2s.get(ch, ch) for ch in entity.name_zh or "")
        names: dict[str, str] = {}  # one row per spelling, the first name bearing it
        # a romanization finds its entity through the readings, as a romanization
        english = entity.name_en if entity.name_en_source != "romanization" else None
        for each in (entity.name_zh, entity.name_latin, english, *entity.aliases):
            folded = fold(each, built.t2s) if each else ""
            if folded:
                names.setdefault(folded, each or "")
        entities.append((entity.kind, len(entity.mentions), name, name.casefold(), entity.id,
                         entity.name_en, entity.name_zh, *data(entity), list(names.items())))
    return ArticleRows(
        digest=built.digest, t2s=sorted(built.t2s.items()),
        readings=sorted(built.readings.items()),
        warnings=built.warnings, dictionary=stored,
        sentences=pack_sentences(lines, zdict),
        groups=[(group_shown(g), *data(g)) for g in built.groups],
        refs=[(r.id, r.dead, *data(r)) for r in built.refs.values()],
        events=events, entities=entities,
    )


# Which group records a listing shows (the groups table's ``listed`` column): by default the
# designations by the country the article is about (all, where it is about none); then the
# others; then the groups only discussed (``groups --all``).
DEFAULT_GROUP, OTHER_GROUP, DISCUSSED_GROUP = 1, 2, 3
ALL_GROUPS = (DEFAULT_GROUP, OTHER_GROUP, DISCUSSED_GROUP)


def _shown(shown: tuple[int, ...]) -> str:
    return f"listed IN ({', '.join(str(int(v)) for v in shown)})"


def group_shown(group: Group) -> int:
    if group.status == "discussed":
        return DISCUSSED_GROUP
    if group.action != "delisted" and group.article_country in (None, group.authority_code):
        return DEFAULT_GROUP
    return OTHER_GROUP


def _insert(conn: sqlite3.Connection, seed_id: int, rows: ArticleRows) -> None:
    """Write one built article's rows under ``seed_id``."""
    conn.execute("INSERT INTO dictionaries VALUES (?, ?, ?)",
                 (seed_id, rows.dictionary, rows.sentences))
    conn.executemany("INSERT INTO groups VALUES (?, ?, ?, ?, ?)",
                     [(seed_id, i, *row) for i, row in enumerate(rows.groups)])
    conn.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)",
                     [(seed_id, i, *row) for i, row in enumerate(rows.refs)])
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(seed_id, i, *row) for i, row in enumerate(rows.events)])
    names = []  # folded, kind, entity id, as written
    for i, (kind, mentions, name, key, entity_id, *rest, spellings) in enumerate(rows.entities):
        conn.execute(
            "INSERT INTO entities (seed, ord, kind, mentions, name, name_key, entity_id, "
            "name_en, name_zh, data, crc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seed_id, i, kind, mentions, name, key, entity_id, *rest))
        names += [(folded, kind, entity_id, written) for folded, written in spellings]
    conn.executemany("INSERT OR IGNORE INTO names (folded, kind, entity_id, name) "
                     "VALUES (?, ?, ?, ?)", names)
    given = []
    for folded, kind, entity_id, written in names:
        name_id, first = conn.execute("SELECT id, name FROM names WHERE folded = ? AND kind = ? "
                                      "AND entity_id = ?", (folded, kind, entity_id)).fetchone()
        given.append((name_id, seed_id, written if written != first else None))
    conn.executemany("INSERT OR IGNORE INTO article_names VALUES (?, ?, ?)", given)
    conn.executemany("INSERT INTO spellings VALUES (?, ?, 1) ON CONFLICT (folded, kind) DO "
                     "UPDATE SET articles = articles + 1",
                     sorted({(folded, kind) for folded, kind, _id, _written in names}))
    conn.executemany("INSERT OR IGNORE INTO chars VALUES (?, ?)", rows.t2s)
    # a name's pinyin is the same in every article; its romanization (after ~) is the one its
    # entity has there: each article's is kept, whatever order the articles come in
    conn.executemany(
        "INSERT INTO readings VALUES (?, ?) ON CONFLICT (folded) DO UPDATE SET reading = "
        "readings.reading || substr(excluded.reading, instr(excluded.reading, '~')) "
        "WHERE instr(excluded.reading, '~') > 0 AND instr(readings.reading, "
        "substr(excluded.reading, instr(excluded.reading, '~'))) = 0", rows.readings)


def _delete(conn: sqlite3.Connection, seed_id: int) -> None:
    conn.execute("UPDATE spellings SET articles = articles - 1 WHERE (folded, kind) IN "
                 "(SELECT DISTINCT folded, kind FROM names JOIN article_names ON "
                 "article_names.name = names.id WHERE article_names.seed = ?)", (seed_id,))
    conn.execute("DELETE FROM spellings WHERE articles <= 0")
    given = [row[0] for row in conn.execute("SELECT name FROM article_names WHERE seed = ?",
                                            (seed_id,))]
    for table in ("groups", "refs", "events", "entities", "article_names", "dictionaries"):
        conn.execute(f"DELETE FROM {table} WHERE seed = ?", (seed_id,))  # noqa: S608 - fixed names
    conn.executemany("DELETE FROM names WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_names "
                     "WHERE article_names.name = names.id)", [(n,) for n in given])


_R = TypeVar("_R")
# How much of the articles' sheets (``Sheet``: a dictionary of at most 32 KiB, and the sentences,
# deflated) an ``Index`` keeps, and of the blocks of sentences it has read, in bytes: a listing in
# article order needs one article's at a time, one across articles (the timeline by date, people
# by mentions) each of them again and again. A thousand articles of the seed's size fit.
_SHEETS_KEPT = 48 * 1024 * 1024
_BLOCKS_KEPT = 64 * 1024 * 1024
# An article's place among the chosen, for ORDER BY (the `chosen` table of ``Index``).
_POSITION = "(SELECT pos FROM chosen WHERE chosen.seed = {table}.seed)"


def _in_order(table: str, flag: str | None) -> str:
    """The records of ``table`` (groups, refs) in article order, those with ``flag`` only."""
    return (f"SELECT seed, data, crc FROM {table} WHERE {{seeds}}" + (f" AND {flag}" if flag else "")  # noqa: S608
            + f" ORDER BY {_POSITION.format(table=table)}, ord")


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the database is damaged (not a database, or corrupt): only then is it
    thrown away, not when it is busy, locked, read-only or full."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


# What SQLite says of a database whose tables are not what kzct made (a table or a column
# gone), and what Python's sqlite3 says of a column of text that is not UTF-8 (where kzct wrote
# bytes, or text it encoded): damage, not a cache that is busy now.
_NOT_AS_MADE = ("no such table", "no such column", "could not decode to utf-8")


def _read_error(exc: sqlite3.DatabaseError) -> Exception:
    """What a failed read means: a damaged cache, or one that cannot be read now."""
    if _damaged(exc) or str(exc).lower().startswith(_NOT_AS_MADE):
        return CacheCorrupt(str(exc))
    return CacheUnavailable(f"the index cache cannot be read now ({exc}); run the command again")


def _checked(text: Any, crc: Any) -> StoredJSON:
    """A stored record's text, if it is what kzct wrote (its checksum matches); else the cache
    is damaged."""
    if not isinstance(text, str) or not isinstance(crc, int) or checksum(text) != crc:
        raise CacheCorrupt(f"damaged record: {str(text)[:20]!r}")
    return StoredJSON(text)


def _load(cls: type[_R], text: str, sheet: Sheet, columns: tuple[Any, ...] = ()) -> _R:
    """A stored record decoded (``sheet``: its article's; ``columns``: an entity's row's,
    ``ENTITY_COLUMNS``); one that cannot be is a damaged cache."""
    try:
        data = _load_json(text)
        if cls is Entity:
            return cast(_R, entity_from_row(data, sheet.line, columns))
        return from_json(cls, data)
    except (TypeError, KeyError, AttributeError, ValueError, IndexError) as exc:
        raise CacheCorrupt(f"undecodable record: {exc!r}") from None


def _load_json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise CacheCorrupt(f"undecodable record: {exc!r}") from None
    if not isinstance(data, dict):
        raise CacheCorrupt(f"undecodable record: {text[:20]!r}")
    return data


class Index:
    """The articles a command asked for, as stored; every query method returns records."""

    def __init__(self, conn: sqlite3.Connection, seeds: list[SeedInfo]) -> None:
        self.conn = conn
        self.seeds = seeds
        self.warnings: list[str] = []  # what building the articles had to say (control characters)
        self._entities: dict[int, Entity] = {}  # records read, by row
        self._sheets: dict[int, Sheet] = {}  # ``_sheet``
        self._sheets_size = 0
        self._blocks = Blocks(_BLOCKS_KEPT)
        # the chosen articles and their places in the order given: records come in that order,
        # whatever order the cache stored them in
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (seed INTEGER PRIMARY KEY, "
                     "pos INTEGER NOT NULL)")
        conn.execute("DELETE FROM chosen")
        conn.executemany("INSERT INTO chosen VALUES (?, ?)", [(s.id, i) for i, s in enumerate(seeds)])

    @property
    def _all(self) -> bool:
        """Whether the chosen articles are all the database holds (asked each time: another
        kzct may have added some since), so that no query needs to leave any out."""
        stored: int = self.conn.execute("SELECT COUNT(*) FROM seeds").fetchone()[0]
        return len(self.seeds) == stored

    # -- reading ----------------------------------------------------------------------------
    def _rows(self, sql: str, params: Iterable[Any] = (), column: str | None = "seed") -> list[Any]:
        """Rows of ``sql`` whose ``{seeds}`` placeholder restricts them to the chosen articles
        (by ``column``; None: a query of no article's rows, with no placeholder)."""
        where = "1" if self._all or column is None else f"{column} IN (SELECT seed FROM chosen)"
        try:
            return self.conn.execute(sql.format(seeds=where), tuple(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _read_error(exc) from None

    def _records(self, cls: type[_R], sql: str, params: Iterable[Any] = ()) -> list[_R]:
        return list(self._stream(cls, sql, params))

    def _stream(self, cls: type[_R], sql: str, params: Iterable[Any] = ()) -> Iterator[_R]:
        """The records of ``sql`` (its last column), read and decoded a batch at a time, so that
        a query over a thousand articles never holds them all."""
        for columns, seed, text in self._checked_rows(sql, params):
            yield _load(cls, text, self._sheet(seed), columns)

    def _texts(self, sql: str, params: Iterable[Any] = ()) -> Iterator[StoredJSON]:
        """The stored JSON of ``sql``'s records (``_checked_rows``)."""
        return (text for _columns, _seed, text in self._checked_rows(sql, params))

    def _checked_rows(self, sql: str, params: Iterable[Any] = ()
                      ) -> Iterator[tuple[tuple[Any, ...], int, StoredJSON]]:
        """The other columns, article and stored JSON of ``sql``'s records (its last three
        columns: the article, the packed text and its checksum), a batch at a time. Written out undecoded,
        each is checked to be the very text kzct wrote from a record (``checksum``), which a
        damaged or edited row is not (a page SQLite cannot read is a ``DatabaseError`` of its
        own)."""
        where = "1" if self._all else "seed IN (SELECT seed FROM chosen)"
        try:
            cursor = self.conn.execute(sql.format(seeds=where), tuple(params))
            while rows := cursor.fetchmany(256):
                for *columns, seed, data, crc in rows:
                    yield tuple(columns), seed, _checked(unpack(data, self._sheet(seed)), crc)
        except sqlite3.DatabaseError as exc:
            raise _read_error(exc) from None

    def _sheet(self, seed: int) -> Sheet:
        """What an article's rows are read with (``Sheet``); kept up to ``_SHEETS_KEPT`` bytes,
        the first read dropped first."""
        sheet = self._sheets.get(seed)
        if sheet is None:
            found = self._rows("SELECT data, sentences FROM dictionaries WHERE seed = ?",
                               (seed,), column=None)
            if not found or not all(isinstance(part, bytes) for part in found[0]):
                raise CacheCorrupt(f"no dictionary for article {seed}")
            stored, sentences = found[0]
            sheet = self._sheets[seed] = Sheet(stored, sentences, self._blocks, seed)
            self._sheets_size += sheet.size
            while self._sheets_size > _SHEETS_KEPT and len(self._sheets) > 1:
                self._sheets_size -= self._sheets.pop(next(iter(self._sheets))).size
        return sheet

    def t2s_for(self, text: str) -> dict[str, str]:
        """Traditional → simplified for the characters of ``text`` that the names hold (as
        ``fold`` reads it: compatibility forms first made the characters they stand for)."""
        import unicodedata

        chars = sorted({ch for ch in unicodedata.normalize("NFKC", text) if ord(ch) > 0x2e7f})
        if not chars:
            return {}
        marks = ",".join("?" * len(chars))
        return dict(self._rows(f"SELECT trad, simple FROM chars WHERE trad IN ({marks})",  # noqa: S608
                               chars, column=None))

    @property
    def groups(self) -> list[Group]:
        return list(self.iter_groups())

    def iter_groups(self, *, shown: tuple[int, ...] = ALL_GROUPS) -> Iterator[Group]:
        """The group records whose ``group_shown`` is one of ``shown``, in article order."""
        return self._stream(Group, _in_order("groups", _shown(shown)))

    def groups_json(self, *, shown: tuple[int, ...] = ALL_GROUPS) -> Iterator[StoredJSON]:
        """The groups as ``--json`` prints them, not decoded."""
        return self._texts(_in_order("groups", _shown(shown)))

    def iter_refs(self, *, dead_only: bool = False) -> Iterator[Ref]:
        return self._stream(Ref, _in_order("refs", "dead" if dead_only else None))

    def refs_json(self, *, dead_only: bool = False) -> Iterator[StoredJSON]:
        """The references as ``--json`` prints them, not decoded."""
        return self._texts(_in_order("refs", "dead" if dead_only else None))

    def refs_by_id(self, seed: str, ids: Iterable[str]) -> list[Ref]:
        wanted = list(ids)
        seed_id = next(s.id for s in self.seeds if s.name == seed)
        found = {r.id: r for r in self._records(
            Ref, "SELECT seed, data, crc FROM refs WHERE seed = ? AND {seeds}", (seed_id,))}
        return [found[i] for i in wanted if i in found]

    def revision_of(self, seed: str) -> Revision | None:
        """The revision an article is (``kzct.provenance``), as its references carry it; None
        where kzct does not know it, or the article has no reference to carry it."""
        seed_id = next(s.id for s in self.seeds if s.name == seed)
        rows = self._records(Ref, "SELECT seed, data, crc FROM refs WHERE seed = ? AND {seeds} "
                             "ORDER BY ord LIMIT 1", (seed_id,))
        return rows[0].revision if rows else None

    def events_within(self, start: int | None = None, end: int | None = None, *,
                      years: tuple[int, ...] = (), reverse: bool = False) -> Iterator[Event]:
        """Events wholly between days ``start`` and ``end`` (``YYYYMMDD``) that touch one of
        ``years`` (any, when none is given), in date order (latest first with ``reverse``)."""
        return self._stream(Event, *self._events_sql(start, end, years, reverse))

    def events_json(self, start: int | None = None, end: int | None = None, *,
                    years: tuple[int, ...] = (), reverse: bool = False) -> Iterator[StoredJSON]:
        """``events_within`` as ``--json`` prints them, not decoded."""
        return self._texts(*self._events_sql(start, end, years, reverse))

    @staticmethod
    def _events_sql(start: int | None, end: int | None, years: tuple[int, ...],
                    reverse: bool) -> tuple[str, list[int]]:
        # `lo >= start AND hi <= end`: all of the event in the window (the index on (hi, lo)
        # narrows it); a year touched: some day of the event in it
        where = ["{seeds}", "lo >= ?", "hi <= ?"]
        params = [start or 0, end or 99991231]
        if years:
            where.append("(" + " OR ".join(["(hi >= ? AND lo <= ?)"] * len(years)) + ")")
            for year in years:
                params += [year * 10000 + 101, year * 10000 + 1231]
        order = "sort DESC, seed_name DESC, start DESC" if reverse else "sort, seed_name, start"
        return (f"SELECT seed, data, crc FROM events WHERE {' AND '.join(where)} "  # noqa: S608
                f"ORDER BY {order}"), params

    @property
    def events(self) -> list[Event]:
        return list(self.events_within())

    def events_of(self, seed: str) -> list[Event]:
        """The events of one article, in date order."""
        seed_id = next(s.id for s in self.seeds if s.name == seed)
        return self._records(Event, "SELECT seed, data, crc FROM events WHERE seed = ? AND {seeds} "
                             "ORDER BY sort, seed_name, start", (seed_id,))

    def entities_of(self, kind: str | None = None) -> Iterator[Entity]:
        """Entities of ``kind`` (all kinds if None), in the order of their articles."""
        position = _POSITION.format(table="entities")
        where = "{seeds}" + (" AND kind = ?" if kind else "")
        return self._stream(Entity, f"SELECT {_COLUMNS}, seed, data, crc FROM entities "  # noqa: S608
                            f"WHERE {where} ORDER BY {position}, ord", (kind,) if kind else ())

    def entity_groups(self, kind: str, order: str = "mentions") -> Iterator[list[Entity]]:
        """Each entity of ``kind`` once, whatever the articles that name it: its records in the
        chosen articles (one each, in their order), by ``mentions`` over all of them (most
        first, then name) or by ``name``. Read a batch at a time."""
        position = _POSITION.format(table="e")
        totals = ("SELECT kind AS k, entity_id AS i, SUM(mentions) AS total, MIN(name) AS nm, "
                  "MIN(name_key) AS nk FROM entities WHERE {seeds} AND kind = ? "
                  "GROUP BY kind, entity_id")
        by = {"mentions": "t.total DESC, t.nm", "name": "t.nk"}[order]
        columns = ", ".join(f"e.{column}" for column in ENTITY_COLUMNS.values())
        sql = (f"SELECT {columns}, e.seed, e.data, e.crc FROM entities AS e JOIN ({totals}) AS t "  # noqa: S608
               "ON e.kind = t.k AND "
               f"e.entity_id = t.i WHERE {{seeds}} ORDER BY {by}, t.i, {position}, e.ord")
        group: list[Entity] = []
        for entity in self._stream(Entity, sql, (kind,)):
            if group and (entity.kind, entity.id) != (group[0].kind, group[0].id):
                yield group
                group = []
            group.append(entity)
        if group:
            yield group

    @property
    def entities(self) -> list[Entity]:
        return list(self.entities_of())

    def folded_names(self, kind: str | None = None) -> list[str]:
        """Every distinct folded name (for fuzzy matching)."""
        if self._all:  # every article: the names kept once each
            sql = "SELECT DISTINCT folded FROM spellings"
            rows = self._rows(sql + (" WHERE kind = ?" if kind else ""), (kind,) if kind else (),
                              column=None)
        else:
            sql = ("SELECT DISTINCT folded FROM names JOIN article_names ON article_names.name = "
                   "names.id WHERE {seeds}")
            rows = self._rows(sql + (" AND kind = ?" if kind else ""), (kind,) if kind else (),
                              column="article_names.seed")
        return [row[0] for row in rows]

    def readings(self, kind: str | None = None) -> list[tuple[str, str]]:
        """Every distinct folded Chinese name with its pinyin (for the sound matcher)."""
        if self._all:
            sql = ("SELECT DISTINCT spellings.folded, readings.reading FROM spellings JOIN "
                   "readings ON readings.folded = spellings.folded")
            return [tuple(r) for r in self._rows(
                sql + (" WHERE kind = ?" if kind else ""), (kind,) if kind else (), column=None)]
        sql = ("SELECT DISTINCT names.folded, readings.reading FROM names JOIN article_names ON "
               "article_names.name = names.id JOIN readings ON readings.folded = names.folded "
               "WHERE {seeds}")
        return [tuple(r) for r in self._rows(sql + (" AND kind = ?" if kind else ""),
                                             (kind,) if kind else (),
                                             column="article_names.seed")]

    def english_names(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """Entity id → (English name, Chinese name), for the ids given (a table shows both)."""
        wanted = sorted(set(ids))
        out: dict[str, tuple[str | None, str | None]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            sql = ("SELECT entity_id, name_en, name_zh FROM entities WHERE entity_id IN "  # noqa: S608
                   f"({marks}) AND {{seeds}}")
            for entity_id, english, chinese in self._rows(sql, chunk):
                out.setdefault(entity_id, (english, chinese))
        return out

    def named(self, folded: list[str], kind: str | None = None) -> list[Named]:
        """The entities that bear one of the ``folded`` names, by their columns: their records
        are read only when asked for (``entity_at``)."""
        out: list[Named] = []
        for start in range(0, len(folded), 500):
            chunk = folded[start:start + 500]
            marks = ",".join("?" * len(chunk))
            sql = ("SELECT names.folded, COALESCE(article_names.written, names.name), "  # noqa: S608
                   "entities.id, entities.kind, entities.entity_id, seeds.name, "
                   "entities.mentions, COALESCE(entities.name_en, entities.name_zh, '') "
                   "FROM names JOIN article_names ON article_names.name = names.id "
                   "JOIN entities ON entities.seed = article_names.seed AND entities.kind = "
                   "names.kind AND entities.entity_id = names.entity_id JOIN seeds ON "
                   f"seeds.id = entities.seed WHERE names.folded IN ({marks}) AND "
                   "{seeds}" + (" AND names.kind = ?" if kind else ""))
            rows = self._rows(sql, [*chunk, kind] if kind else chunk,
                              column="article_names.seed")
            out.extend(Named(*row) for row in rows)
        return out

    def entity_at(self, row: int) -> Entity:
        """One entity's record, by its row."""
        if row not in self._entities:
            found = self._rows(f"SELECT {_COLUMNS}, seed, data, crc FROM entities "  # noqa: S608
                               "WHERE id = ?", (row,), column=None)
            if not found:
                raise CacheCorrupt(f"no entity in row {row}")
            *columns, seed, data, crc = found[0]
            sheet = self._sheet(seed)
            self._entities[row] = _load(Entity, _checked(unpack(data, sheet), crc), sheet,
                                        tuple(columns))
        return self._entities[row]


class Named(NamedTuple):
    """An entity that bears a name, as the store's columns say (its record not read)."""

    folded: str
    name: str  # as written
    row: int
    kind: str
    id: str
    seed: str
    mentions: int
    sort_name: str  # its English name, else its Chinese one


# -- building and opening --------------------------------------------------------------------------

STORE_FORMAT = 14  # bump when the schema changes: kzct.store.cache then starts a new database
_DAY = 86400


# Every table and index the schema makes: a database lacking one of them is damaged.
_SCHEMA_NAMES = frozenset(re.findall(r"CREATE (?:TABLE|INDEX) IF NOT EXISTS (\w+)", SCHEMA))


# How long a connection waits for another kzct's lock on the database (SQLite's busy timeout)
# before the run builds its index in memory instead.
LOCK_WAIT = 5.0


def _connect(path: str) -> sqlite3.Connection:
    """The database at ``path``, its schema made where it is new. One that is not new but lacks
    a table or an index of the schema, or holds tables of another, is damaged
    (``CacheCorrupt``)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=LOCK_WAIT)
    conn.execute("PRAGMA synchronous = NORMAL")
    names = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE "
        "'sqlite_%'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if (version == STORE_FORMAT and not _SCHEMA_NAMES <= names) or \
            (version != STORE_FORMAT and names):
        conn.close()
        missing = sorted(_SCHEMA_NAMES - names)
        raise CacheCorrupt(f"the cache lacks {', '.join(missing)}" if missing else
                           f"the cache is of store format {version}, not {STORE_FORMAT}")
    if version != STORE_FORMAT:
        # Pages freed by pruning go back to the file system (set before any table exists).
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        # A new database has nothing to prune: it says so now, not in a write of its own later.
        conn.executescript(SCHEMA + f"INSERT OR IGNORE INTO meta VALUES ('pruned', {_today()});"
                           f"PRAGMA user_version = {STORE_FORMAT};")
    return conn


def _today() -> int:
    """Today, as the start of its day in seconds since the epoch (UTC)."""
    return int(time.time()) // _DAY * _DAY


def _build_in_worker(job: SeedFile, cache_dir: Path | None) -> ArticleRows:
    from kzct.build import shared_builder

    return _build_one(job, shared_builder(cache_dir))


# The built articles a builder keeps (``kzct.build.Builder.kept``): the last few
KEPT_ARTICLES = 2


def _build_one(file: SeedFile, builder: Builder) -> ArticleRows:
    """One article's rows, read from its file here (where it is built: a worker process is sent
    its path, not its text)."""
    from kzct.build import build_article
    from kzct.provenance import read_revision, seed_digest
    from kzct.seeds import read_seed

    path = Path(file.path)
    text = file.text if file.text is not None else read_seed(path).text
    digest, revision = seed_digest(text, path), read_revision(path)
    key = (file.name, file.path, digest, revision)
    rows: ArticleRows | None = builder.kept.get(key)
    if rows is None:
        rows = article_rows(build_article(file.name, file.path, text, digest, builder=builder,
                                          revision=revision))
        builder.kept[key] = rows
        while len(builder.kept) > KEPT_ARTICLES:
            builder.kept.popitem(last=False)
    else:
        builder.kept.move_to_end(key)
    return rows


def _build_all(jobs: list[SeedFile], cache_dir: Path | None) -> Iterator[ArticleRows]:
    """Build the articles, on every core when there are several."""
    from kzct.build import shared_builder

    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1 or len(jobs) < 4:
        builder = shared_builder(cache_dir)
        yield from (_build_one(job, builder) for job in jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_worker_start)
    try:
        # The first article alone, in the first worker: it makes the place table (once, where it
        # is not yet kept) that the other workers then read. This process never loads it, so the
        # workers it forks do not start with its memory.
        yield pool.submit(_build_in_worker, jobs[0], cache_dir).result()
        # The rest in order, a few ahead of the one being stored, so that built articles never
        # pile up here when the workers outrun the writing.
        rest = iter(jobs[1:])
        pending = collections.deque(pool.submit(_build_in_worker, job, cache_dir)
                                    for job in itertools.islice(rest, workers * 4))
        while pending:
            done = pending.popleft().result()
            following = next(rest, None)
            if following is not None:
                pending.append(pool.submit(_build_in_worker, following, cache_dir))
            yield done
    except BaseException:  # cut short (Ctrl-C, a failed write): the workers' builds are lost
        for child in multiprocessing.active_children():
            child.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start() -> None:
    """A worker process ends at once on Ctrl-C (which a terminal sends to every process of
    kzct): the process that started it says so and cleans up; the worker has nothing to save."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


class SeedFile(NamedTuple):
    name: str
    path: str
    # the article's text, where it was read already: a pipe (`--seed -`, `<(cat seed)`) can be
    # read only once; None for a file, read where it is built
    text: str | None = None


class Progress(Protocol):
    """What a build reports as it goes (``kzct.face.render.BuildProgress`` draws it)."""

    def start(self, articles: int, size: int) -> None: ...
    def advance(self, size: int) -> None: ...
    def finish(self) -> None: ...


def _sync(conn: sqlite3.Connection, files: list[SeedFile], cache_dir: Path | None = None,
          warnings: list[str] | None = None,
          progress: Progress | None = None) -> list[SeedInfo]:
    """Bring the database up to date with ``files``; their rows, in order."""
    from kzct.seeds import read_seed

    known = {(row[1], row[2]): row for row in conn.execute(
        "SELECT id, path, name, digest, size, mtime_ns, used FROM seeds")}
    infos: dict[int, SeedInfo] = {}
    jobs: list[SeedFile] = []
    slots: list[tuple[int, SeedFile]] = []
    for position, file in enumerate(files):
        row = known.get((file.path, file.name))
        if file.text is not None:  # read already (a pipe): only its text says what it is
            from kzct.provenance import seed_digest  # (hashlib: only when a text is read)

            digest = seed_digest(file.text, Path(file.path))
            if row and row[3] == digest:
                infos[position] = SeedInfo(row[0], file.name, file.path, digest)
            else:
                jobs.append(file)
                slots.append((position, file))
            continue
        try:
            stat = os.stat(file.path)
        except OSError:
            read_seed(Path(file.path))  # raises the one-line SeedError that says why
            raise
        if row and row[4] == stat.st_size and row[5] == stat.st_mtime_ns:
            infos[position] = SeedInfo(row[0], file.name, file.path, row[3])
            continue
        seed = read_seed(Path(file.path))
        from kzct.provenance import seed_digest

        digest = seed_digest(seed.text, Path(file.path))  # its text, and its revision file
        if row and row[3] == digest:
            conn.execute("UPDATE seeds SET size = ?, mtime_ns = ? WHERE id = ?",
                         (stat.st_size, stat.st_mtime_ns, row[0]))
            infos[position] = SeedInfo(row[0], file.name, file.path, digest)
            continue
        jobs.append(file)
        slots.append((position, file))
    if jobs:
        _build_and_store(conn, jobs, slots, known, infos, cache_dir, warnings, progress)
    chosen = [infos[i] for i in range(len(files))]
    _mark_used(conn, chosen, {row[0]: row[6] for row in known.values()})
    return chosen


def _build_and_store(conn: sqlite3.Connection, jobs: list[SeedFile],
                     slots: list[tuple[int, SeedFile]], known: dict[tuple[str, str], Any],
                     infos: dict[int, SeedInfo], cache_dir: Path | None,
                     warnings: list[str] | None, progress: Progress | None) -> None:
    """Build the articles of ``jobs`` and store each as it comes (replacing its old rows),
    committing in batches: a build cut short keeps what it finished."""
    # size and time as the file says (a pipe: the size of its text, no time): what tells an
    # unchanged file next time without reading it
    stats = {file.path: _size_and_time(file) for _, file in slots}
    if progress is not None:
        progress.start(len(jobs), sum(stats[file.path][0] for _, file in slots))
    try:
        conn.execute("BEGIN")
        for count, ((position, file), built) in enumerate(
                zip(slots, _build_all(jobs, cache_dir)), start=1):
            if warnings is not None:
                warnings.extend(built.warnings)
            size, mtime_ns = stats[file.path]
            row = known.get((file.path, file.name))
            if row:
                _delete(conn, row[0])
                conn.execute("DELETE FROM seeds WHERE id = ?", (row[0],))
            infos[position] = _store(conn, built, file.path, file.name, size, mtime_ns)
            if progress is not None:
                progress.advance(size)
            if count % 50 == 0:  # keep what is built, in batches
                conn.execute("COMMIT")
                conn.execute("BEGIN")
        conn.execute("COMMIT")
        _compact(conn, len(jobs))
    except BaseException:
        if conn.in_transaction:  # a failed build leaves the batches committed before it
            conn.execute("ROLLBACK")
        raise
    finally:
        if progress is not None:
            progress.finish()


# The fewest articles a build writes for the database to be rewritten after it (``_compact``).
_COMPACT_AFTER = 16


def _compact(conn: sqlite3.Connection, built: int) -> None:
    """After a build of ``_COMPACT_AFTER`` articles or more that are at least half of the
    database, rewrite it whole (VACUUM): rows stored an article at a time leave the indexes'
    pages about two-thirds full (1,000 generated articles: 172 MB, 154 MB rewritten). The
    rewrite costs some 2 s at 1,000 articles, about 1% of their build. An in-memory database,
    one that another kzct is reading, or a disk with no room for the copy: left as it is."""
    stored = conn.execute("SELECT COUNT(*) FROM seeds").fetchone()[0]
    in_memory = not conn.execute("PRAGMA database_list").fetchone()[2]
    if built < _COMPACT_AFTER or built * 2 < stored or in_memory:
        return
    try:
        conn.execute("VACUUM")
    except sqlite3.OperationalError:
        pass


def _size_and_time(file: SeedFile) -> tuple[int, int]:
    if file.text is not None:
        return len(file.text.encode("utf-8")), 0
    stat = os.stat(file.path)
    return stat.st_size, stat.st_mtime_ns


def _mark_used(conn: sqlite3.Connection, chosen: list[SeedInfo], last_used: dict[int, int]) -> None:
    """Remember that these articles were used today: a write only once a day per article
    (``last_used`` says when each was; a rebuilt one was stored as used today)."""
    today = _today()
    stale = [info.id for info in chosen if last_used.get(info.id, today) < today]
    if stale:
        try:
            conn.executemany("UPDATE seeds SET used = ? WHERE id = ?",
                             [(today, i) for i in stale])
        except sqlite3.OperationalError:  # a read-only cache: it is still worth reading
            pass


def open_index(files: list[SeedFile], database: Path | None, places_dir: Path | None = None,
               progress: Progress | None = None) -> Index:
    """The index of ``files``, from the database at ``database`` (None: in memory only).
    ``places_dir`` is where the place table of a build is kept (``kzct.parse.gazetteer``);
    ``progress`` is told about a build as it goes."""
    warnings: list[str] = []
    if database is not None:
        for attempt in range(2):
            try:
                conn = _connect(str(database))
                index = Index(conn, _sync(conn, files, places_dir, warnings, progress))
                index.warnings = warnings
                return index
            except KzctError:
                raise
            except CacheCorrupt:  # a table gone, a row damaged: start afresh
                if attempt == 1:
                    break
                discard(database)
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc) or attempt == 1:  # read-only, full, locked: not now
                    break
                discard(database)  # not a database, or a corrupt one: start afresh
            except OSError:
                break
    conn = _connect(":memory:")
    index = Index(conn, _sync(conn, files, places_dir, warnings, progress))
    index.warnings = warnings
    return index


class Checks:
    """The stored results of ``kzct check`` (``kzct.queries.check``), in the cache database.
    A cache that cannot be opened, read or written now only costs the check its speed: it is
    then left alone for the rest of the run."""

    def __init__(self, database: Path | None) -> None:
        self.conn: sqlite3.Connection | None = None
        if database is not None:
            try:
                self.conn = _connect(str(database))
            except (sqlite3.Error, OSError):
                self.conn = None

    def get(self, digest: str, fmt: int) -> str | None:
        """The findings stored for the text of this SHA-256 by a check of format ``fmt``."""
        if self.conn is None:
            return None
        try:
            row = self.conn.execute("SELECT data, used FROM checks WHERE digest = ? AND "
                                    "format = ?", (digest, fmt)).fetchone()
        except sqlite3.Error:
            self.close()
            return None
        if row is not None and row[1] < _today():  # used today: a write once a day
            try:
                self.conn.execute("UPDATE checks SET used = ? WHERE digest = ? AND format = ?",
                                  (_today(), digest, fmt))
            except sqlite3.Error:  # a read-only cache is still worth reading
                pass
        return str(row[0]) if row is not None else None

    def put(self, digest: str, fmt: int, data: str) -> None:
        if self.conn is None:
            return
        try:
            self.conn.execute("INSERT OR REPLACE INTO checks VALUES (?, ?, ?, ?)",
                              (digest, fmt, _today(), data))
        except sqlite3.Error:
            self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def discard(database: Path) -> None:
    """Remove a cache database that cannot be trusted (and its journal)."""
    for path in (database, Path(f"{database}-journal"), Path(f"{database}-wal")):
        try:
            path.unlink()
        except OSError:
            pass


def _store(conn: sqlite3.Connection, rows: ArticleRows, path: str, name: str, size: int,
           mtime_ns: int) -> SeedInfo:
    """Write one built article and its records."""
    cursor = conn.execute(
        "INSERT INTO seeds (path, name, digest, size, mtime_ns, used) "
        "VALUES (?, ?, ?, ?, ?, ?)", (path, name, rows.digest, size, mtime_ns, _today()))
    seed_id = int(cursor.lastrowid or 0)
    _insert(conn, seed_id, rows)
    return SeedInfo(seed_id, name, path, rows.digest)


def memory_index(built: list[BuiltArticle]) -> Index:
    """An in-memory ``Index`` of articles already built."""
    conn = _connect(":memory:")
    return Index(conn, [_store(conn, article_rows(item), item.path, item.name, 0, 0)
                        for item in built])


# -- keeping the cache small ---------------------------------------------------------------------

class StoredSeed(NamedTuple):
    """One article in the cache, as ``kzct cache info`` shows it."""

    name: str
    path: str
    used: int  # the day it was last used (seconds since the epoch, midnight UTC)
    exists: bool


def stored_seeds(conn: sqlite3.Connection) -> list[StoredSeed]:
    rows = conn.execute("SELECT name, path, used FROM seeds ORDER BY used DESC, path, name")
    return [StoredSeed(name, path, used, os.path.exists(path)) for name, path, used in rows]


def database_bytes(conn: sqlite3.Connection) -> int:
    """The bytes the stored data take (free pages not counted)."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * conn.execute("PRAGMA page_size").fetchone()[0])


def last_pruned(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'pruned'").fetchone()
    return int(row[0]) if row else 0


def prune(conn: sqlite3.Connection, keep: Iterable[int], *, now: int, max_age: int,
          max_bytes: int) -> list[str]:
    """Drop the articles whose file is gone or that were last used more than ``max_age``
    seconds ago, then the least recently used while the data take more than ``max_bytes``;
    never those in ``keep`` (the ones this command uses). Returns the paths dropped."""
    keep = set(keep)
    conn.execute("DELETE FROM checks WHERE used < ?", (now - max_age,))  # checks: by age alone
    rows = conn.execute("SELECT id, path, used FROM seeds ORDER BY used, id").fetchall()
    doomed = [(i, path) for i, path, used in rows
              if i not in keep and (used < now - max_age or not os.path.exists(path))]
    if not doomed and database_bytes(conn) <= max_bytes:  # nothing to do: write nothing,
        if last_pruned(conn) <= now - _DAY:  # but the day's check
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (now,))
        return []
    dropped: list[str] = []
    conn.execute("BEGIN")
    try:
        for seed_id, path in doomed:
            _delete(conn, seed_id)
            conn.execute("DELETE FROM seeds WHERE id = ?", (seed_id,))
            dropped.append(path)
        gone = {i for i, _ in doomed}
        for seed_id, path, _used in rows:  # oldest first
            if database_bytes(conn) <= max_bytes:
                break
            if seed_id in keep or seed_id in gone:
                continue
            _delete(conn, seed_id)
            conn.execute("DELETE FROM seeds WHERE id = ?", (seed_id,))
            dropped.append(path)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (now,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if dropped:  # give the freed pages back to the file system (run to completion)
        conn.executescript("PRAGMA incremental_vacuum;")
    return dropped


def build_index(seeds: list[tuple[str, str, str, str]], builder: Builder | None = None) -> Index:
    """An in-memory index of ``seeds``: (name, path, text, digest) for each article."""
    from kzct.build import Builder, build_article

    builder = builder or Builder()
    return memory_index([build_article(n, p, t, d, builder) for n, p, t, d in seeds])
