"""The query API: plain functions from an ``Index`` and options to records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from kzct.model import Event, Group, Ref, StoredJSON, day_span
from kzct.text import fold, is_cjk

if TYPE_CHECKING:
    from kzct.parse.dates import PartialDate
    from kzct.store.database import Index


def list_groups(index: Index, *, include_all: bool = False,
                raw: bool = False) -> Iterator[Group] | Iterator[StoredJSON]:
    """Kazakhstan's banned organisations in list order; with ``include_all`` the others too.
    ``raw``: as their stored JSON, for ``--json`` (nothing decoded)."""
    if raw:
        return index.groups_json(listed_only=not include_all)
    return index.iter_groups(listed_only=not include_all)


def list_sources(index: Index, *, dead_only: bool = False,
                 raw: bool = False) -> Iterator[Ref] | Iterator[StoredJSON]:
    """The references, in the order a reader meets them; unresolved names are included.
    ``raw``: as their stored JSON."""
    if raw:
        return index.refs_json(dead_only=dead_only)
    return index.iter_refs(dead_only=dead_only)


class TimelineFilter(NamedTuple):
    years: tuple[int, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    places: tuple[frozenset[str], ...] = ()  # for each --place, the names that count
    groups: tuple[frozenset[str], ...] = ()
    grep: str | None = None
    reverse: bool = False  # latest first


def timeline(index: Index, flt: TimelineFilter,
             raw: bool = False) -> Iterator[Event] | Iterator[StoredJSON]:
    """Events in date order that pass every filter given.

    An event is in a --from/--to window only if all of it is: `2006` is not known to be on or
    after 2006-12-01, so it is not presented as if it were. A --year keeps events that touch it.
    Several values of one filter are alternatives (any year, any place, any group given);
    different filters must all hold. The years and the window are the database's to test;
    places, groups and text need the records. ``raw``: as their stored JSON, where no filter
    needs the records (else decoded all the same).
    """
    start = day_span(flt.start.iso())[0] if flt.start else None
    end = day_span(flt.end.iso())[1] if flt.end else None
    if raw and not (flt.places or flt.groups or flt.grep):
        return index.events_json(start, end, years=flt.years, reverse=flt.reverse)
    return _filtered(index, flt, index.events_within(start, end, years=flt.years,
                                                     reverse=flt.reverse))


def _filtered(index: Index, flt: TimelineFilter, events: Iterator[Event]) -> Iterator[Event]:
    scripts = None
    if flt.grep and any(map(is_cjk, flt.grep)):
        # Chinese in either script matches either (難民 finds 难民): OpenCC, for this query only
        from kzct.text import Scripts

        scripts = Scripts()

    def folded(text: str) -> str:
        # Chinese in the query: both sides simplified by OpenCC; else no Chinese to fold
        return fold(scripts.simplified(text) if scripts is not None else text)

    needle = folded(flt.grep) if flt.grep else None
    for event in events:
        if flt.places and not any(names & set(event.places) for names in flt.places):
            continue
        if flt.groups and not any(names & set(event.groups) for names in flt.groups):
            continue
        if needle and needle not in folded(event.text):
            continue
        yield event
