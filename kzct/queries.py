"""The query API: plain functions from an ``Index`` and options to records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from kzct.model import Event, Group, Ref
from kzct.text import fold, is_cjk

if TYPE_CHECKING:
    from kzct.dates import PartialDate
    from kzct.store import Index


def list_groups(index: Index, *, include_all: bool = False) -> Iterator[Group]:
    """Kazakhstan's banned organisations in list order; with ``include_all`` the others too."""
    return (g for g in index.iter_groups() if include_all or g.status == "listed")


def list_sources(index: Index, *, dead_only: bool = False) -> Iterator[Ref]:
    """The references, in the order a reader meets them; unresolved names are included."""
    return (ref for ref in index.iter_refs() if ref.dead or not dead_only)


class TimelineFilter(NamedTuple):
    years: tuple[int, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    places: tuple[frozenset[str], ...] = ()  # for each --place, the names that count
    groups: tuple[frozenset[str], ...] = ()
    grep: str | None = None
    reverse: bool = False  # latest first


def _day(key: tuple[int, int, int]) -> int:
    return key[0] * 10000 + key[1] * 100 + key[2]


def timeline(index: Index, flt: TimelineFilter) -> Iterator[Event]:
    """Events in date order that pass every filter given.

    An event is in a --from/--to window only if all of it is: `2006` is not known to be on or
    after 2006-12-01, so it is not presented as if it were. A --year keeps events that touch it.
    Several values of one filter are alternatives (any year, any place, any group given);
    different filters must all hold.
    """
    from kzct.store import event_bounds

    start = end = None
    if flt.start or flt.end:
        from kzct.dates import as_range

        start = _day(as_range(flt.start)[0]) if flt.start else None
        end = _day(as_range(flt.end)[1]) if flt.end else None
    lo, hi = start, end
    if flt.years:  # the database narrows by the widest window; the exact test follows
        lo = max(lo or 0, min(flt.years) * 10000 + 101)
        hi = min(hi or 99991231, max(flt.years) * 10000 + 1231)
    scripts = None
    if flt.grep and any(map(is_cjk, flt.grep)):
        # Chinese in either script matches either (難民 finds 难民): OpenCC, for this query only
        from kzct.text import Scripts

        scripts = Scripts()

    def folded(text: str) -> str:
        return fold(scripts.simplified(text) if scripts is not None else text, index.t2s)

    needle = folded(flt.grep) if flt.grep else None
    for event in index.events_within(lo, hi, reverse=flt.reverse):
        first, last, _sort = event_bounds(event)
        if flt.years and not any(first // 10000 <= y <= last // 10000 for y in flt.years):
            continue
        if (start is not None and first < start) or (end is not None and last > end):
            continue
        if flt.places and not any(names & set(event.places) for names in flt.places):
            continue
        if flt.groups and not any(names & set(event.groups) for names in flt.groups):
            continue
        if needle and needle not in folded(event.text):
            continue
        yield event
