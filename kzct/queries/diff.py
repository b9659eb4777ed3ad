"""What changed in the facts between two revisions of an article (``kzct diff OLD NEW``).

Each side is an index of one article; the records compared are those the commands print: the
designations and the groups only discussed (``groups --by all --all``, de-listings included),
the events (``timeline``), the people and places (``people``, ``places``) and the references
(``sources``). A record is compared by its facts only (``_FACTS``): never by where it stands
(spans, sections, sentence numbers), how often it is mentioned or cited, or the ids references
happen to have, so that an edit of the markup alone (a template added, conversion markup, a
link's form, a heading renamed) changes nothing.

Records are paired in three passes: the same facts (no change); the same identity (a group's
designation by one authority, an entity's id, a reference's URL), or for events the same
sentence or date with the most similar text, which is a change; what is left is added or
removed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from kzct.model import Event, Group, Ref

if TYPE_CHECKING:
    from kzct.queries.records import EntityRecord
    from kzct.store.database import Index

class Change(NamedTuple):
    """One difference: its kind, added/removed/changed, and the record in OLD and in NEW
    (null on the side that lacks it), as the command of its kind prints it."""

    kind: str  # group, event, person, place, source
    change: str  # added, removed, changed
    old: Any
    new: Any


# -- what a record's facts are -------------------------------------------------------------

# The fields compared, by kind: what the record states, not where or how often.
FACTS = {
    "group": ("id", "name_zh", "name_latin", "name_en", "status", "listed_on",
              "listed_precision", "authority", "authority_code", "action", "label"),
    "event": ("date", "end_date", "dates", "precision", "qualifier", "text", "place_ids",
              "person_ids", "group_ids", "killed", "killed_qualifier", "injured",
              "injured_qualifier"),
    "person": ("id", "kind", "name_zh", "name_latin", "name_en", "role"),
    "place": ("id", "kind", "name_zh", "name_latin", "name_en", "role", "place_type", "country",
              "geonames_id"),
    "source": ("url", "title", "publisher", "author", "date", "access_date", "archive_url",
               "archive_date", "dead", "defined"),
}


def _facts(kind: str) -> Callable[[Any], Hashable]:
    fields = FACTS[kind]
    return lambda record: tuple(getattr(record, name) for name in fields)


def _group_key(g: Group) -> Hashable:
    """A designation is of one group, by one authority, one action; a group only discussed,
    its id."""
    return (g.id, g.authority_code or g.authority, g.action)


def _ref_key(r: Ref) -> Hashable:
    """A reference is what it points to: its URL, else its title, else its name."""
    return r.url or r.title or (r.name if r.name is not None else r.id)


# -- pairing ---------------------------------------------------------------------------------

def _pair(kind: str, old: list[Any], new: list[Any], facts: Callable[[Any], Hashable],
          key: Callable[[Any], Hashable] | None = None,
          similar: Callable[[Any, Any], float] | None = None) -> list[Change]:
    """The changes between two lists of records of one kind (each in its article's order)."""
    left: dict[Hashable, list[int]] = {}
    for i, record in enumerate(old):
        left.setdefault(facts(record), []).append(i)
    unmatched_new: list[int] = []
    for j, record in enumerate(new):
        same = left.get(facts(record))
        if same:
            same.pop(0)
        else:
            unmatched_new.append(j)
    unmatched_old = sorted(i for ids in left.values() for i in ids)
    pairs: list[tuple[int, int]] = []
    if key is not None:
        by_key: dict[Hashable, list[int]] = {}
        for i in unmatched_old:
            by_key.setdefault(key(old[i]), []).append(i)
        rest = []
        for j in unmatched_new:
            candidates = by_key.get(key(new[j]))
            if candidates:
                pairs.append((candidates.pop(0), j))
            else:
                rest.append(j)
        unmatched_new = rest
        taken = {i for i, _j in pairs}
        unmatched_old = [i for i in unmatched_old if i not in taken]
    if similar is not None and unmatched_old and unmatched_new:
        scored = sorted(((similar(old[i], new[j]), i, j) for i in unmatched_old
                         for j in unmatched_new), key=lambda t: (-t[0], t[1], t[2]))
        used_old: set[int] = set()
        used_new: set[int] = set()
        for score, i, j in scored:
            if score <= 0:
                break
            if i not in used_old and j not in used_new:
                pairs.append((i, j))
                used_old.add(i)
                used_new.add(j)
        unmatched_old = [i for i in unmatched_old if i not in used_old]
        unmatched_new = [j for j in unmatched_new if j not in used_new]
    changes = [Change(kind, "changed", old[i], new[j]) for i, j in pairs]
    changes += [Change(kind, "removed", old[i], None) for i in unmatched_old]
    changes += [Change(kind, "added", None, new[j]) for j in unmatched_new]
    return changes


def _similar_events(a: Event, b: Event) -> float:
    """How alike two events are, for an event that changed: the same sentence read with
    another date or toll (most of its text alike), or one date whose sentence was reworded
    (a name, a toll); 0 for neither."""
    from rapidfuzz.fuzz import ratio

    score = ratio(a.text, b.text) / 100
    same_date = (a.date, a.end_date, a.dates) == (b.date, b.end_date, b.dates)
    return score if score >= (0.6 if same_date else 0.8) else 0.0


# -- where a record stands, for the order of the changes ------------------------------------

def span_of(record: Any) -> tuple[int, int] | None:
    """A record's span in its article: a group's statement, an event's sentence, an entity's
    first mention, a reference's definition."""
    if record is None:
        return None
    if isinstance(record, Group):
        return record.source.span
    if isinstance(record, (Event, Ref)):
        return record.span
    occurrences = getattr(record, "occurrences", ())
    return occurrences[0].span if occurrences else None


def _position(change: Change) -> tuple[int, int]:
    span = span_of(change.new) or span_of(change.old)
    return (span[0], span[1]) if span else (-1, -1)


def diff(old: Index, new: Index) -> Iterator[Change]:
    """Every change in the facts from ``old`` to ``new``: by kind (groups, events, people,
    places, sources), each kind in the order of the article (NEW's, for a record NEW has)."""
    from kzct.queries.records import entity_records

    def groups(index: Index) -> list[Group]:
        return list(index.iter_groups())

    def entities(index: Index, kind: str) -> list[EntityRecord]:
        return list(entity_records(index, kind, "name"))

    def no_key(record: EntityRecord) -> Hashable:
        return record.id

    kinds = [
        _pair("group", groups(old), groups(new), _facts("group"), _group_key),
        _pair("event", list(old.events_within()), list(new.events_within()), _facts("event"),
              similar=_similar_events),
        _pair("person", entities(old, "person"), entities(new, "person"), _facts("person"),
              no_key),
        _pair("place", entities(old, "place"), entities(new, "place"), _facts("place"), no_key),
        _pair("source", list(old.iter_refs()), list(new.iter_refs()), _facts("source"),
              _ref_key),
    ]
    for changes in kinds:
        yield from sorted(changes, key=_position)


def changed_fields(change: Change) -> list[tuple[str, Any, Any]]:
    """The facts that differ in a change (``(field, old, new)``): what the table says."""
    if change.change != "changed":
        return []
    return [(name, getattr(change.old, name), getattr(change.new, name))
            for name in FACTS[change.kind]
            if getattr(change.old, name) != getattr(change.new, name)]
