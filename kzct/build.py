"""Building an article's records (``BuiltArticle``): the build layer, between extraction and the
store (``kzct.store.database`` writes what it gives; ``kzct.store.cache.load_index`` opens the chosen articles)."""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kzct.errors import LimitError
from kzct.model import Backed, Defect, Entity, Event, Group, Mention, Ref, Revision, Sentence
from kzct.text import Scripts, fold, has_cjk

if TYPE_CHECKING:
    from kzct.extract.entities import Names
    from kzct.parse.gazetteer import Gazetteer, PlaceTable
    from kzct.parse.wikitext import Document


# What kzct reads, at most (docs/reliability.md): past a limit, building the article is a one-line
# error (exit code 2), not a machine out of memory.
# The largest article, in characters (about 96 MB of Chinese wikitext; a build takes some 40
# bytes of memory a character).
LARGEST_ARTICLE = 32 * 1024 * 1024
# The most names one sentence may hold (people, places, organisations, designations and dated
# events): each is printed with its sentence, so a sentence is printed at most this many times.
# A real sentence names a few dozen at most (the fullest of the corpus holds 29).
MOST_NAMES_IN_A_SENTENCE = 1000
# The most dated statements the designations of an article may list in all: each lists every
# dated statement that names its organisation, so an organisation designated in n statements
# lists n² (the corpus lists 285 at most).
MOST_HISTORY = 100_000


class BuiltArticle(NamedTuple):
    """Everything extracted from one article."""

    name: str
    path: str
    digest: str
    sentences: list[Sentence]
    refs: dict[str, Ref]
    unresolved: list[str]
    events: list[Event]
    groups: list[Group]
    entities: list[Entity]
    # traditional → simplified, for every character of this article's Chinese names
    t2s: dict[str, str]
    warnings: tuple[str, ...] = ()  # what the reader of the seed should know (removed characters)
    # for ``kzct check`` (not stored): what reading the article had to mend, and the names the
    # article itself says are one (conversion markup, {{NoteTA}})
    defects: tuple[Defect, ...] = ()
    aliases: tuple[tuple[str, ...], ...] = ()
    # the pinyin of every folded Chinese name of its entities (``kzct.parse.romanize.readings``),
    # for the sound matcher of a Latin query (``kzct.sounds``)
    readings: dict[str, str] = {}
    # for ``kzct check`` (not stored): the paragraphs a reference in a template cites
    cited_paragraphs: frozenset[int] = frozenset()
    # the text as read (``kzct.text.clean_text``): what every span points into
    text: str = ""


class Builder:
    """What building articles needs, made once and shared by the articles a process builds:
    OpenCC's converters, the curated data and the place table (read from ``cache_dir`` when it
    was written there before)."""

    def __init__(self, cache_dir: Path | None = None, gazetteer: Gazetteer | None = None) -> None:
        """``gazetteer``: curated data other than the package's (a test builds without it)."""
        self.scripts = Scripts()
        self.cache_dir = cache_dir
        self._gazetteer: Gazetteer | None = gazetteer
        self._places: PlaceTable | None = None
        self._names: Names | None = None
        # what the store keeps of the articles built last with this builder, by what they were
        # built from (``kzct.store.database``): a process that builds the same article again (a
        # notebook, a test suite) takes it from here; a few at most
        self.kept: OrderedDict[Hashable, Any] = OrderedDict()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from kzct.parse.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        return self._gazetteer

    @property
    def places(self) -> PlaceTable:
        if self._places is None:
            from kzct.parse.gazetteer import load_places

            self._places = load_places(self.cache_dir, self.scripts)
        return self._places

    @property
    def names(self) -> Names:
        """Every name known before reading an article, ready for longest match."""
        if self._names is None:
            from kzct.extract.entities import Names

            self._names = Names(self.gazetteer, self.places, self.scripts)
        return self._names


def shared_builder(cache_dir: Path | None) -> Builder:
    """The builder this process keeps for the articles it builds: a worker of a pool builds
    many articles with one, and so does a process that runs kzct more than once (a test suite, a
    notebook), without making its converters, place table and names again. The place table is
    the same in every cache directory (its key is that of the libraries it is made from): one
    builder serves them all, and reads (or writes) the table in the first directory it is asked
    for before it needs it."""
    from kzct.parse.gazetteer import table_key

    builder = _kept(table_key())
    if builder._places is None:
        builder.cache_dir = cache_dir
    return builder


@functools.lru_cache(maxsize=1)
def _kept(table: str) -> Builder:
    """The builder of the place table whose key is ``table`` (the last one asked for)."""
    return Builder()


# An infobox of a person's article (`infobox officeholder`, `Infobox military person`)
_PERSON_INFOBOX = re.compile(r"person|officeholder|politician|president|prime minister|criminal"
                             r"|terrorist|militant|royalty|monarch|人物|军人|軍人", re.IGNORECASE)


def _people_named(names: tuple[str, ...], entities: list[Entity]) -> tuple[str, ...]:
    """Those of ``names`` (the lead's bold ones) that name a person the article mentions."""
    people = {m.text for e in entities if e.kind == "person" for m in e.mentions}
    return tuple(name for name in names if name in people)


def build_article(name: str, path: str, text: str, digest: str,
                     builder: Builder | None = None,
                     revision: Revision | None = None) -> BuiltArticle:
    """Parse and extract one article. Never raises on any text. ``revision``: which revision of
    which page the text is (``kzct.provenance``), given to its references."""
    from kzct.extract.entities import extract_entities
    from kzct.extract.events import date_sentences, extract_events
    from kzct.extract.groups import extract_groups
    from kzct.parse.romanize import writes_japanese
    from kzct.parse.wikitext import parse_document

    if len(text) > LARGEST_ARTICLE:
        raise LimitError(f"{path}: the article is {len(text):,} characters long; kzct reads "
                         f"articles of at most {LARGEST_ARTICLE:,}")
    builder = builder or Builder()
    scripts = builder.scripts
    document = parse_document(text, scripts)
    text = document.text  # valid Unicode, offset for offset the seed's
    backing: dict[str, list[Backed]] = {}
    for sentence in document.sentences:
        for ref_id in sentence.refs:
            backing.setdefault(ref_id, []).append(
                Backed(sentence.text, sentence.section, sentence.span))
    refs = {
        ref_id: ref._replace(cited_by=len(backing.get(ref_id, ())),
                             backs=tuple(backing.get(ref_id, ())), seed=name, revision=revision)
        for ref_id, ref in document.refs.items()
    }
    # (in its body: a Japanese book among the sources makes no name of the article Japanese)
    japanese = any(writes_japanese(text[start:end]) for start, end in
                   (sentence.span for sentence in document.sentences))
    entities = extract_entities(document.sentences, builder.gazetteer, builder.names, name,
                                scripts, document.aliases, japanese, document.flags,
                                document.subject if _PERSON_INFOBOX.search(document.infobox)
                                else ())
    defects = list(document.defects)
    dates = date_sentences(document.sentences, defects, document.year, document.day,
                           _people_named(document.subject, entities))
    events = extract_events(document.sentences, dates, entities, name, document.year)
    groups = extract_groups(document.sentences, dates, events, builder.gazetteer, name, scripts,
                            builder.places.joined, builder.names, document.subject,
                            document.infobox, document.designating)
    entities, events = designated_entities(entities, groups, events, document.sentences, text,
                                           name)
    _within_limits(document.sentences, entities, events, groups, text, path)
    warnings = _warnings(document, path)
    return BuiltArticle(
        name=name, path=path, digest=digest, sentences=document.sentences, refs=refs,
        unresolved=document.unresolved, events=events, groups=groups, entities=entities,
        t2s=t2s_map(entities, groups, scripts),
        readings=name_readings(entities, scripts, japanese),
        warnings=warnings,
        defects=tuple(sorted(defects, key=lambda d: d.span)), aliases=tuple(document.aliases),
        cited_paragraphs=document.cited_paragraphs,
        text=text,
    )


def _within_limits(sentences: list[Sentence], entities: list[Entity], events: list[Event],
                   groups: list[Group], text: str, path: str) -> None:
    """Raise ``LimitError`` where one sentence holds more than ``MOST_NAMES_IN_A_SENTENCE``
    names and dates, or the designations list more than ``MOST_HISTORY`` statements."""
    import bisect
    from collections import Counter

    count: Counter[int] = Counter(m.sentence for e in entities for m in e.mentions)
    starts = [s.span[0] for s in sentences]
    for start in [e.span[0] for e in events] + [g.source.span[0] for g in groups]:
        count[max(0, bisect.bisect_right(starts, start) - 1)] += 1
    history = sum(len(g.history) for g in groups)
    if history > MOST_HISTORY:
        raise LimitError(f"{path}: its designations list {history:,} dated statements; kzct "
                         f"reads at most {MOST_HISTORY:,}")
    if not count:
        return
    number, most = count.most_common(1)[0]
    if most > MOST_NAMES_IN_A_SENTENCE:
        line = text.count("\n", 0, sentences[number].span[0]) + 1
        raise LimitError(f"{path}:{line}: one sentence holds {most:,} names and dates; kzct reads "
                         f"at most {MOST_NAMES_IN_A_SENTENCE:,} in a sentence")


def _warnings(document: Document, path: str) -> tuple[str, ...]:
    """What the reader of the seed should know of its characters: control characters removed,
    lone surrogates (raw, or named by `&#xD800;`) read as U+FFFD."""
    out = []
    if document.controls:
        out.append(f"{path}: {len(document.controls)} control character(s) removed from the text "
                   f"(the first at offset {document.controls[0]})")
    surrogates = [d.span[0] for d in document.defects if d.kind == "surrogate"]
    if surrogates:
        out.append(f"{path}: {len(surrogates)} lone surrogate(s) (no character) read as U+FFFD "
                   f"(the first at offset {surrogates[0]})")
    return tuple(out)


def designated_entities(entities: list[Entity], groups: list[Group], events: list[Event],
                        sentences: list[Sentence], text: str,
                        seed: str) -> tuple[list[Entity], list[Event]]:
    """The entities, and an organisation for each designated group no rule found as one
    (`世界维吾尔青年代表大会`): the designated groups are organisations too, found by ``search``
    and ``show`` under their designations' ``id``, with a mention where each is designated; and
    the events, each naming the ones its sentence designates."""
    import bisect

    known = {e.id for e in entities}
    first: dict[str, Group] = {}
    mentions: dict[str, dict[Mention, None]] = {}
    texts: dict[str, dict[int, str]] = {}
    for group in groups:
        if group.action is None or group.id in known:
            continue
        start, end = group.source.span
        number = _sentence_at(sentences, start)
        mention = Mention(text=text[start:end], sentence=number,
                          section=group.source.section, span=group.source.span, refs=group.refs)
        first.setdefault(group.id, group)
        mentions.setdefault(group.id, {})[mention] = None
        texts.setdefault(group.id, {}).setdefault(number, group.status_text)
    if not first:
        return entities, events
    extra = [Entity(id=g.id, kind="group", name_zh=g.name_zh, name_latin=g.name_latin,
                    name_en=g.name_en, aliases=g.aliases, role=None,
                    mentions=tuple(mentions[g.id]), seed=seed,
                    name_en_source=g.name_en_source if g.name_en else None,
                    sentences=tuple(texts[g.id].items())) for g in first.values()]
    # each event names the groups designated in its sentence: found by bisection
    placed = sorted((m.span[0], (i, j), e.id, m.text) for i, e in enumerate(extra)
                    for j, m in enumerate(e.mentions))
    starts = [p[0] for p in placed]
    out = []
    for event in events:
        named = sorted(p[1:] for p in placed[bisect.bisect_left(starts, event.span[0]):
                                             bisect.bisect_left(starts, event.span[1])])
        new: dict[str, str] = {}  # each group once, as the sentence first writes it
        for _order, i, t in named:
            if i not in event.group_ids:
                new.setdefault(i, t)
        if new:
            event = event._replace(groups=(*event.groups, *new.values()),
                                   group_ids=(*event.group_ids, *new))
        out.append(event)
    return entities + extra, out


def _sentence_at(sentences: list[Sentence], offset: int) -> int:
    """The number of the sentence whose span holds ``offset`` (the last that begins at or
    before it)."""
    import bisect

    i = bisect.bisect_right(sentences, offset, key=lambda s: s.span[0]) - 1
    return sentences[max(i, 0)].number if sentences else 0


def t2s_map(entities: list[Entity], groups: list[Group], scripts: Scripts) -> dict[str, str]:
    """Character folding traditional → simplified for every character of the names, so that a
    query in either script finds them without OpenCC on a warm query."""
    mapping: dict[str, str] = {}
    names: set[str] = set()
    for entity in entities:
        names.update(n for n in (entity.name_zh, *entity.aliases) if n and has_cjk(n))
    for group in groups:
        names.update(n for n in (group.name_zh, group.authority, *group.aliases)
                     if n and has_cjk(n))
    for name in sorted(names):
        simplified = scripts.simplified(name)
        for pair in ((scripts.traditional(simplified), simplified), (name, simplified)):
            for trad, simple in zip(*pair):
                if trad != simple:
                    mapping[trad] = simple
    return mapping


def name_readings(entities: list[Entity], scripts: Scripts,
                  japanese: bool = False) -> dict[str, str]:
    """The pinyin of each Chinese name of the people, places and groups, by its folded form (as
    a search folds it; not of a name whose English name is its pinyin, which is Chinese and no
    transliteration: 北京 is found as Beijing, never by how `Putin` sounds); after ``@``, a
    place name's generic terms (``kzct.sounds.place_marks``); after ``~``, the romanization
    that is the entity's English name
    (``hu jin tao~Hu Jintao``, ``ma yuan zhang huang~Asahara Shoko``), which a search finds it
    by, as a romanization. In an article that writes Japanese (``japanese``), a person's name
    in Hepburn is also such a romanization where it is not the English name (林泰男, whose
    English name is the pinyin Lin Tainan, is found as Hayashi Yasuo too)."""
    from kzct.parse.romanize import hepburn, readings
    from kzct.sounds import place_marks

    out: dict[str, str] = {}
    for entity in entities:
        roman = entity.name_en if entity.name_en_source == "romanization" else None
        if japanese and entity.kind == "person" and entity.name_zh and has_cjk(entity.name_zh):
            read = hepburn(entity.name_zh) or hepburn(scripts.traditional(
                scripts.simplified(entity.name_zh)))
            if read and read != roman:
                roman = f"{roman}~{read}" if roman else read
        for name in (entity.name_zh, *entity.aliases):
            if name and has_cjk(name):
                simple = scripts.simplified(name)
                folded = fold(simple)
                if folded not in out and not (roman is None and entity.name_en
                                              and _is_pinyin(entity.name_en, readings(folded))):
                    # a place's generic terms (北奥塞梯: North), after `@`
                    marks = place_marks(folded) if entity.kind == "place" else ""
                    out[folded] = readings(folded) + marks + (f"~{roman}" if roman else "")
    return out


def _is_pinyin(english: str, reading: str) -> bool:
    """Whether an English name is the plain pinyin of a name of this reading (Beijing, 北京)."""
    from kzct.sounds import latin_sounds, pinyin_sounds

    syllables = tuple(reading.split("#")[0].replace("|", " ").split())
    return bool(syllables) and latin_sounds(english) == pinyin_sounds(syllables)
