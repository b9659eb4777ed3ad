"""The query API: plain functions from an ``Index`` and options to records."""

from __future__ import annotations

from dataclasses import dataclass

from kzct.dates import PartialDate, as_range
from kzct.index import Index, fold
from kzct.model import Event, Group, Ref


def list_groups(index: Index, *, include_all: bool = False) -> list[Group]:
    """Kazakhstan's banned organisations in list order; with ``include_all`` the others too."""
    return [g for g in index.groups if include_all or g.status == "listed"]


def list_sources(index: Index, *, dead_only: bool = False) -> list[Ref]:
    """The references, in the order a reader meets them; unresolved names are included."""
    refs = [ref for seed in index.seeds for ref in seed.refs.values()]
    if dead_only:
        refs = [ref for ref in refs if ref.dead]
    return refs


def unresolved_refs(index: Index) -> list[Ref]:
    return [ref for seed in index.seeds for ref in seed.refs.values() if not ref.defined]


@dataclass(frozen=True)
class TimelineFilter:
    years: tuple[int, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    places: tuple[frozenset[str], ...] = ()  # for each --place, the names that count
    groups: tuple[frozenset[str], ...] = ()
    grep: str | None = None


def _event_range(event: Event) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    first = PartialDate(*[int(p) for p in event.date.split("-")])  # type: ignore[arg-type]
    lo, hi = as_range(first)
    if event.end_date:
        last = PartialDate(*[int(p) for p in event.end_date.split("-")])  # type: ignore[arg-type]
        hi = as_range(last)[1]
    return lo, hi


def timeline(index: Index, flt: TimelineFilter) -> list[Event]:
    """Events in date order that pass every filter given."""
    out = []
    needle = fold(flt.grep, index.t2s) if flt.grep else None
    for event in index.events:
        lo, hi = _event_range(event)
        if flt.years and not any(lo[0] <= y <= hi[0] for y in flt.years):
            continue
        # An event is in a --from/--to window only if all of it is: `2006` is not known to be
        # on or after 2006-12-01, so it is not presented as if it were.
        if flt.start is not None and lo < as_range(flt.start)[0]:
            continue
        if flt.end is not None and hi > as_range(flt.end)[1]:
            continue
        if flt.places and not all(names & set(event.places) for names in flt.places):
            continue
        if flt.groups and not all(names & set(event.groups) for names in flt.groups):
            continue
        if needle and needle not in fold(event.text, index.t2s):
            continue
        out.append(event)
    return out
