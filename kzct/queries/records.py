"""The records of the entity commands (people, places, search, show) and how they are made.

Kept apart from ``kzct.model`` so that commands that never print them never pay for defining them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from kzct.model import Entity, Event, Group, Ref, Revision, Span, to_json

if TYPE_CHECKING:
    from kzct.queries.search import Hit
    from kzct.store.database import Index


class Occurrence(NamedTuple):
    text: str
    section: tuple[str, ...]
    sentence: str
    span: Span
    refs: tuple[str, ...]
    seed: str  # the article the span is in


class EntityRecord(NamedTuple):
    id: str
    kind: str
    name_zh: str | None
    name_latin: str | None
    name_en: str | None
    name_en_source: str | None  # article, cldr, iso3166, geonames, curated, romanization
    aliases: tuple[str, ...]
    role: str | None
    # places (null for people): what the gazetteer says; coordinates only where it has them
    place_type: str | None
    country: str | None
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    source: str  # curated, cldr, iso3166, geonames, derived, article
    mentions: int
    first_mention: str | None
    occurrences: tuple[Occurrence, ...]
    seed: str  # the first article that names it
    seeds: tuple[str, ...]  # every chosen article that names it: one row whatever their number


# A search hit is its score, the name that matched and how (kzct.queries.search.MATCHED_BY),
# then the entity's own fields, flat. Built from EntityRecord's fields, which mypy cannot follow:
# it sees a class of no fields.
SearchHit = NamedTuple(
    "SearchHit", [("score", float), ("matched", str), ("matched_by", str),
                  *EntityRecord.__annotations__.items()])  # type: ignore[misc]


def _occurrences(entity: Entity) -> tuple[Occurrence, ...]:
    texts = dict(entity.sentences)
    return tuple(Occurrence(text=m.text, section=m.section, sentence=texts[m.sentence],
                            span=m.span, refs=m.refs, seed=entity.seed) for m in entity.mentions)


_CLAUSE_MARKS = "，,；;：:。！？!?"


def _context(entity: Entity) -> str | None:
    """The clause of the sentence that holds the first mention (`…哈萨克斯坦总统纳扎尔巴耶夫说…`):
    cut at punctuation, not at a number of characters, so that it is the same clause whatever
    the script or the region's words."""
    if not entity.mentions:
        return None
    mention = entity.mentions[0]
    sentence = entity.sentence_of(mention)
    at = sentence.find(mention.text)
    if at < 0:
        return sentence
    start = max(sentence.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
    ends = [i for i in (sentence.find(mark, at + len(mention.text)) for mark in _CLAUSE_MARKS)
            if i >= 0]
    end = min(ends) + 1 if ends else len(sentence)
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def entity_record(entity: Entity, others: list[Entity] | None = None) -> EntityRecord:
    """An entity's record; with ``others``, the same entity in other articles, one record of
    them all (mentions added up, occurrences of each, the names of the first)."""
    others = others or []
    occurrences = _occurrences(entity)
    for other in others:
        occurrences += _occurrences(other)
    return EntityRecord(
        id=entity.id, kind=entity.kind, name_zh=entity.name_zh, name_latin=entity.name_latin,
        name_en=entity.name_en, name_en_source=entity.name_en_source, aliases=entity.aliases, role=entity.role,
        place_type=entity.place_type, country=entity.country, geonames_id=entity.geonames_id,
        latitude=entity.latitude, longitude=entity.longitude, source=entity.source,
        mentions=len(occurrences),
        first_mention=_context(entity),
        occurrences=occurrences, seed=entity.seed,
        seeds=(entity.seed, *dict.fromkeys(o.seed for o in others if o.seed != entity.seed)),
    )


def entity_records(index: Index, kind: str, sort: str) -> Iterator[EntityRecord]:
    """The people (or places) of the chosen articles, by ``mentions`` or by ``name``: one record
    an entity, however many articles name it (別斯蘭 in one and 别斯兰 in another are one)."""
    return (entity_record(group[0], group[1:]) for group in index.entity_groups(kind, sort))


def hit_records(index: Index, hits: list[Hit], limit: int | None = None) -> list[SearchHit]:
    """One record an entity, however many articles name it (its best hit's score and match,
    every article's occurrences, its articles in the order chosen, as ``entity_records`` gives
    them), in the order of the hits; at most ``limit``."""
    groups: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        key = (hit.found.kind, hit.found.id)
        if key in groups or limit is None or len(groups) < limit:
            groups.setdefault(key, []).append(hit)
    order = {seed.name: i for i, seed in enumerate(index.seeds)}
    out = []
    for group in groups.values():
        best = group[0]
        entities = sorted((h.entity for h in group), key=lambda e: order.get(e.seed, len(order)))
        out.append(SearchHit._make((score_written(best.score), best.matched, best.matched_by,
                                    *entity_record(entities[0], entities[1:]))))
    return out


def score_written(score: float) -> float:
    """A score as every output writes it, the table, CSV and JSON alike: to one decimal, a whole
    one without it (`100`, `94.7`)."""
    value = round(score, 1)
    return int(value) if value.is_integer() else value


class Card(NamedTuple):
    entity: EntityRecord
    events: tuple[Event, ...]
    refs: tuple[Ref, ...]
    designations: tuple[Group, ...] = ()
    revision: Revision | None = None  # of the article, where kzct knows it (kzct.provenance)


def card(index: Index, entity: Entity) -> Card:
    """An entity with the events it appears in, the references behind them, and, for an
    organisation, its designations (as ``groups --by all`` and ``--delisted`` give them)."""
    written = {m.text for m in entity.mentions}
    starts = sorted(m.span[0] for m in entity.mentions)
    field = {"person": "people", "place": "places", "group": "groups"}[entity.kind]
    events = []
    for event in index.events_of(entity.seed):
        inside = any(event.span[0] <= s < event.span[1] for s in starts)
        if inside and written & set(getattr(event, field)):
            events.append(event)
    ids: list[str] = []
    for refs in [m.refs for m in entity.mentions] + [e.refs for e in events]:
        ids.extend(r for r in refs if r not in ids)
    designations = tuple(g for g in index.iter_groups() if entity.kind == "group"
                         and g.id == entity.id and g.action and g.source.seed == entity.seed)
    backing = tuple(index.refs_by_id(entity.seed, ids))
    revision = next((r.revision for r in backing if r.revision is not None), None)
    return Card(entity=entity_record(entity), events=tuple(events), refs=backing,
                designations=designations, revision=revision or index.revision_of(entity.seed))




class Shown(NamedTuple):
    """What ``kzct show NAME --json`` prints, whatever NAME matched: always this one object.

    ``match`` is ``unique`` (``entity``, ``events`` and ``refs`` are its card), ``ambiguous``
    (``candidates`` are the close search hits) or ``none`` (``suggestions``: the nearest names).
    """

    match: str
    query: str
    entity: EntityRecord | None
    events: tuple[Event, ...]
    refs: tuple[Ref, ...]
    candidates: tuple[SearchHit, ...]
    suggestions: tuple[str, ...]
    designations: tuple[Group, ...] = ()


# -- GeoJSON (RFC 7946) -------------------------------------------------------------------------

def _geometry(points: list[tuple[float, float]]) -> dict[str, Any] | None:
    """A Point, a MultiPoint for several, or null (RFC 7946 3.2: an unlocated feature)."""
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": list(points[0])}
    return {"type": "MultiPoint", "coordinates": [list(p) for p in points]}


def place_features(records: Iterable[EntityRecord]) -> Iterator[dict[str, Any]]:
    """Each place as a Feature at its coordinates (``[longitude, latitude]``), its fields as
    properties (its occurrences left to --json). A place the gazetteers give no coordinates
    (a country, a region, a curated place) has a null geometry: it is listed, never placed."""
    for record in records:
        point = [] if record.latitude is None or record.longitude is None else \
            [(record.longitude, record.latitude)]
        properties = {k: v for k, v in to_json(record).items() if k != "occurrences"}
        yield {"type": "Feature", "id": record.id, "geometry": _geometry(point),
               "properties": properties}


def event_features(index: Index, events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    """Each event at the places it names that have coordinates (a MultiPoint for several),
    with its date, text and references as properties; events at no located place are left out
    (``kzct timeline --json`` has them all)."""
    located: dict[str, dict[str, tuple[float, float, str | None]]] = {}
    for event in events:
        if event.seed not in located:
            located[event.seed] = _located_places(index, event.seed)
        where = located[event.seed]
        points = list(dict.fromkeys((where[p][0], where[p][1]) for p in event.places if p in where))
        if not points:
            continue
        properties = to_json(event)
        properties["place_names"] = list(dict.fromkeys(
            where[p][2] or p for p in event.places if p in where))
        yield {"type": "Feature", "geometry": _geometry(points), "properties": properties}


def _located_places(index: Index, seed: str) -> dict[str, tuple[float, float, str | None]]:
    """Every written form of the article's places that have coordinates → (lon, lat, name)."""
    out: dict[str, tuple[float, float, str | None]] = {}
    for entity in index.entities_of("place"):
        if entity.seed != seed or entity.latitude is None or entity.longitude is None:
            continue
        for mention in entity.mentions:
            out.setdefault(mention.text, (entity.longitude, entity.latitude, entity.name_en))
    return out
