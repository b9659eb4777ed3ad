"""The records of the entity commands (people, places, search, show) and how they are made.

Kept apart from ``kzct.model`` so that commands that never print them never pay for defining them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from kzct.model import Entity, Event, Mention, Ref, Span

if TYPE_CHECKING:
    from kzct.search import Hit
    from kzct.store import Index


class Occurrence(NamedTuple):
    text: str
    section: tuple[str, ...]
    sentence: str
    span: Span
    refs: tuple[str, ...]


class EntityRecord(NamedTuple):
    id: str
    kind: str
    name_zh: str | None
    name_latin: str | None
    name_en: str | None
    aliases: tuple[str, ...]
    role: str | None
    mentions: int
    first_mention: str | None
    occurrences: tuple[Occurrence, ...]
    seed: str


# A search hit is its score and the name that matched, then the entity's own fields, flat.
SearchHit = NamedTuple(  # type: ignore[misc]
    "SearchHit", [("score", float), ("matched", str), *EntityRecord.__annotations__.items()])


def _occurrences(mentions: tuple[Mention, ...]) -> tuple[Occurrence, ...]:
    return tuple(Occurrence(text=m.text, section=m.section, sentence=m.sentence, span=m.span,
                            refs=m.refs) for m in mentions)


def _context(mention: Mention | None, room: int = 24) -> str | None:
    if mention is None:
        return None
    sentence = mention.sentence
    at = sentence.find(mention.text)
    if at < 0:
        return sentence[: room * 2]
    start, end = max(0, at - room), min(len(sentence), at + len(mention.text) + room)
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def entity_record(entity: Entity) -> EntityRecord:
    return EntityRecord(
        id=entity.id, kind=entity.kind, name_zh=entity.name_zh, name_latin=entity.name_latin,
        name_en=entity.name_en, aliases=entity.aliases, role=entity.role,
        mentions=len(entity.mentions),
        first_mention=_context(entity.mentions[0] if entity.mentions else None),
        occurrences=_occurrences(entity.mentions), seed=entity.seed,
    )


def entity_records(index: Index, kind: str, sort: str) -> Iterator[EntityRecord]:
    """The people (or places) of the chosen articles, by ``mentions`` or by ``name``."""
    return (entity_record(e) for e in index.entities_of(kind, order=sort))


def hit_records(hits: list[Hit]) -> list[SearchHit]:
    return [SearchHit(hit.score, hit.matched, *entity_record(hit.entity)) for hit in hits]


class Card(NamedTuple):
    entity: EntityRecord
    events: tuple[Event, ...]
    refs: tuple[Ref, ...]


def card(index: Index, entity: Entity) -> Card:
    """An entity with the events it appears in and the references behind them."""
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
    return Card(entity=entity_record(entity), events=tuple(events),
                refs=tuple(index.refs_by_id(entity.seed, ids)))




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
