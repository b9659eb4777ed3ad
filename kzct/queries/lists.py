"""The query API: plain functions from an ``Index`` and options to records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from kzct.model import Event, Group, Ref, StoredJSON, day_span
from kzct.text import fold, is_cjk

if TYPE_CHECKING:
    from kzct.parse.dates import PartialDate
    from kzct.store.database import Index


class GroupFilter(NamedTuple):
    """Which designations ``kzct groups`` lists: by whom (None: the country the article is
    about, or everyone where it is about none; ``all``; or a country or body), de-listings
    instead of listings, and with ``include_all`` the groups only discussed."""

    by: str | None = None
    delisted: bool = False
    include_all: bool = False


def list_groups(index: Index, flt: GroupFilter = GroupFilter(),
                raw: bool = False) -> Iterator[Group] | Iterator[StoredJSON]:
    """The designations in the order the article states them. ``raw``: as their stored JSON,
    for ``--json`` (nothing decoded), where no filter needs the records. An authority that
    designated nothing in the article raises ``UnknownName``."""
    from kzct.store.database import DEFAULT_GROUP, DISCUSSED_GROUP, OTHER_GROUP

    extra = (DISCUSSED_GROUP,) if flt.include_all else ()
    if flt.by is None and not flt.delisted:
        shown = (DEFAULT_GROUP, *extra)
        return index.groups_json(shown=shown) if raw else index.iter_groups(shown=shown)
    records = list(index.iter_groups(shown=(DEFAULT_GROUP, OTHER_GROUP, *extra)))
    designations = [g for g in records if g.action is not None]
    matches = _authority_matcher(index, flt.by, designations)
    chosen = [g for g in records if g.action is not None and (g.action == "delisted") == flt.delisted
              and matches(g)
              and (flt.by is not None or flt.delisted or g.article_country in (None, g.authority_code))]
    # a group only discussed where the default view shows none of its designations, but these do
    ids = {(g.source.seed, g.id) for g in chosen}
    return iter([g for g in records if (g.action is None and (g.source.seed, g.id) not in ids)
                 or g in chosen])


def _country_of(index: Index, query: str) -> str | None:
    """The ISO 3166-1 code of the country ``query`` names: a place of the article it resolves
    to (`中国`, `英國`), else pycountry's names and codes (`Turkey`, `PRC` is none)."""
    from kzct.queries.search import resolve

    found = resolve(index, query, "place")
    if found.match != "none" and found.hits and found.hits[0].entity.country \
            and found.hits[0].entity.place_type == "country":
        return str(found.hits[0].entity.country)
    if not query.isascii():
        return None
    import pycountry

    try:
        return str(pycountry.countries.lookup(query).alpha_2)
    except LookupError:
        return None


class UnknownName(ValueError):
    """A filter's name that matches nothing the article holds; ``known`` what it holds."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known


def _authority_matcher(index: Index, by: str | None,
                       designations: list[Group]) -> Callable[[Group], bool]:
    """Whether a designation is by ``by``: its code (ISO 3166-1 alpha-2, or alpha-3), its
    English name, or its name as the article writes it (either script; 哈萨克斯坦 finds
    哈萨克斯坦政府); ``all`` or None: any."""
    if by is None or by.strip().casefold() == "all":
        return lambda g: True
    query = by.strip()
    folded = fold(query, index.t2s_for(query))
    code = query.upper() if query.isascii() else None
    if code and len(code) == 3:
        from kzct.parse.gazetteer import country_code

        code = country_code(code) or code

    def named(g: Group) -> bool:
        if code and g.authority_code == code:
            return True
        if g.authority_en and fold(g.authority_en) == folded:
            return True
        written = fold(g.authority, index.t2s_for(g.authority)) if g.authority else ""
        return bool(written) and not query.isascii() and folded in written

    # the countries and bodies the query names (哈萨克斯坦 names 哈萨克斯坦政府's country, and so
    # its 最高法院 too)
    chosen = [g for g in designations if named(g)]
    if not chosen:
        code = _country_of(index, query)  # `中国`, `Turkey`: a country the article names
        chosen = [g for g in designations if code and g.authority_code == code]
    if not chosen:
        known = sorted({g.authority_en or g.authority or "" for g in designations} - {""})
        raise UnknownName(query, known)
    codes = {g.authority_code for g in chosen if g.authority_code}
    return lambda g: named(g) or g.authority_code in codes


def list_sources(index: Index, *, dead_only: bool = False,
                 raw: bool = False) -> Iterator[Ref] | Iterator[StoredJSON]:
    """The references, in the order a reader meets them; unresolved names are included.
    ``raw``: as their stored JSON."""
    if raw:
        return index.refs_json(dead_only=dead_only)
    return index.iter_refs(dead_only=dead_only)


def sources_by_id(index: Index, ids: list[str]) -> list[Ref]:
    """The references of these ids (as ``sources`` gives them; in every article that has one),
    in the order a reader meets them. An id no reference has raises ``UnknownName``."""
    refs = list(index.iter_refs())
    known = {r.id for r in refs}
    for ref_id in ids:
        if ref_id not in known:
            raise UnknownName(ref_id, sorted(known))
    wanted = set(ids)
    return [r for r in refs if r.id in wanted]


class Backing(NamedTuple):
    """What a reference backs (``sources --id``): the sentences are in ``ref.backs``; these are
    the records stated in them."""

    ref: Ref
    events: tuple[Event, ...]
    designations: tuple[Group, ...]


def backing(index: Index, refs: list[Ref]) -> list[Backing]:
    """Each reference with the events and the designations whose statements it backs."""
    groups = [g for g in index.iter_groups() if g.action is not None]
    events: dict[str, list[Event]] = {}
    out = []
    for ref in refs:
        if ref.seed not in events:
            events[ref.seed] = index.events_of(ref.seed)
        out.append(Backing(
            ref, tuple(e for e in events[ref.seed] if ref.id in e.refs),
            tuple(g for g in groups if g.source.seed == ref.seed and ref.id in g.refs)))
    return out


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
