"""How each command's records look in a table (and the card of ``show``).

The table and the JSON of a command always hold the same records in the same order.
"""

from __future__ import annotations

from collections import Counter

from kzct.dates import DATE_SOURCES, EXPLICIT
from kzct.model import Event, Group, Ref, date_key
from kzct.records import Card, EntityRecord, SearchHit
from kzct.render import Column, write_lines, write_table


def _section(path: tuple[str, ...]) -> str:
    return " › ".join(p for p in path if p) or "(lead)"


def _refs(ids: tuple[str, ...]) -> str:
    return " ".join(f"[{i}]" for i in ids)


# -- groups --------------------------------------------------------------------------------------

def groups_table(records: list[Group], with_seed: bool, with_status: bool) -> None:
    columns = [
        Column("#", lambda g: records.index(g) + 1, no_wrap=True),
        Column("Chinese", lambda g: g.name_zh, ratio=2, min_width=8),
        Column("English", lambda g: g.name_en, ratio=3, min_width=12),
        Column("Listed", lambda g: g.listed_on or "—", no_wrap=True),
    ]
    if with_status:
        columns.append(Column("Status", lambda g: g.status_text, ratio=4, min_width=12))
    columns.append(Column("Refs", lambda g: _refs(g.refs), no_wrap=True))
    if with_seed:
        columns.append(Column("Seed", lambda g: g.source.seed, ratio=1))
    write_table(records, columns)


# -- sources -------------------------------------------------------------------------------------

def sources_table(records: list[Ref], with_seed: bool) -> None:
    columns = [
        Column("Id", lambda r: r.id, no_wrap=True),
        Column("Publisher", lambda r: r.publisher or ("(never defined)" if not r.defined else ""),
               ratio=2, min_width=8),
        Column("Title", lambda r: r.title, ratio=4, min_width=12),
        Column("URL", lambda r: r.url, ratio=4, min_width=12),
        Column("Archived", lambda r: r.archive_date or ("yes" if r.archive_url else ""),
               no_wrap=True),
        Column("Dead", lambda r: "dead" if r.dead else "", no_wrap=True),
        Column("Cited by", lambda r: r.cited_by, no_wrap=True),
    ]
    if with_seed:
        columns.append(Column("Seed", lambda r: r.seed, ratio=1))
    write_table(records, columns)


# -- timeline ------------------------------------------------------------------------------------

def _when(event: Event) -> str:
    """The date as the table shows it: a range's end without what it shares with its start
    (`2006-08-24…26`), and `*` when the date was inferred."""
    text = event.date
    if event.end_date:
        end = event.end_date
        if end[:8] == text[:8] and len(end) == len(text) == 10:
            end = end[8:]
        elif end[:5] == text[:5]:
            end = end[5:]
        text += f"…{end}"
    return text + ("" if event.date_source == EXPLICIT else "*")


def _casualties(event: Event) -> str:
    parts = []
    if event.killed is not None:
        parts.append(f"{event.killed} killed")
    if event.injured is not None:
        parts.append(f"{event.injured} injured")
    return ", ".join(parts)


def timeline_table(records: list[Event], with_seed: bool) -> None:
    columns = [
        Column("Date", _when, no_wrap=True),
        Column("What happened", lambda e: e.text, ratio=6, min_width=20),
        Column("Where", lambda e: e.places, ratio=2, min_width=8),
        Column("Casualties", _casualties, no_wrap=True),
    ]
    if with_seed:
        columns.append(Column("Seed", lambda e: e.seed, ratio=1))
    inferred = Counter(e.date_source for e in records if e.date_source != EXPLICIT)
    caption = None
    if inferred:
        caption = "* date inferred: " + ", ".join(
            f"{source} ({inferred[source]})" for source in DATE_SOURCES if inferred[source])
    write_table(records, columns, caption=caption)


def timeline_chart(records: list[Event]) -> None:
    from kzct.render import make_console

    per_year = Counter(date_key(e.date)[0] for e in records)  # a decade at its first year
    years = list(range(min(per_year), max(per_year) + 1))
    width = make_console().width
    most = max(per_year.values())
    bar_room = max(10, width - 16)
    lines: list[tuple[str, str | None, int]] = [("Events per year", "bold", 0)]
    for year in years:
        count = per_year.get(year, 0)
        bar = "█" * max(1 if count else 0, round(count / most * bar_room))
        lines.append((f"{year}  {bar} {count}", None, 0))
    write_lines(lines)


# -- entities ------------------------------------------------------------------------------------

def entity_table(records: list[EntityRecord], with_seed: bool) -> None:
    columns = [
        Column("Chinese", lambda r: r.name_zh, ratio=2, min_width=6),
        Column("Latin", lambda r: r.name_latin, ratio=2, min_width=8),
        Column("English", lambda r: r.name_en, ratio=2, min_width=8),
        Column("Mentions", lambda r: r.mentions, no_wrap=True),
        Column("Role", lambda r: r.role, ratio=4, min_width=10),
    ]
    if with_seed:
        columns.append(Column("Seed", lambda r: r.seed, ratio=1))
    write_table(records, columns)


def search_table(records: list[SearchHit], with_seed: bool) -> None:
    columns = [
        Column("Kind", lambda r: r.kind, no_wrap=True),
        Column("Chinese", lambda r: r.name_zh, ratio=2, min_width=6),
        Column("Latin", lambda r: r.name_latin, ratio=2, min_width=8),
        Column("English", lambda r: r.name_en, ratio=2, min_width=8),
        Column("Score", lambda r: f"{r.score:.0f}", no_wrap=True),
        Column("Mentions", lambda r: r.mentions, no_wrap=True),
        Column("First mention", lambda r: r.first_mention, ratio=5, min_width=12),
    ]
    if with_seed:
        columns.append(Column("Seed", lambda r: r.seed, ratio=1))
    write_table(records, columns)


# -- show ----------------------------------------------------------------------------------------

def card_lines(record: Card) -> list[tuple[str, str | None, int]]:
    e = record.entity
    names = " / ".join(n for n in (e.name_zh, e.name_latin, e.name_en) if n)
    lines: list[tuple[str, str | None, int]] = [(names, "bold", 0), (f"kind: {e.kind}", None, 0)]
    if e.role:
        lines.append((f"role: {e.role}", None, 0))
    if e.aliases:
        lines.append(("also: " + ", ".join(e.aliases), None, 0))
    lines.append((f"\nMentions ({e.mentions})", "bold", 0))
    for occurrence in e.occurrences:
        lines.append((occurrence.sentence, None, 2))
        lines.append((f"({_section(occurrence.section)})", "dim", 4))
    lines.append((f"\nEvents ({len(record.events)})", "bold", 0))
    for event in record.events:
        lines.append((_when(event), "bold", 2))
        lines.append((event.text, None, 4))
    lines.append((f"\nReferences ({len(record.refs)})", "bold", 0))
    for ref in record.refs:
        title = ref.title or ref.url or "(never defined)"
        publisher = f" — {ref.publisher}" if ref.publisher else ""
        dead = " (dead link)" if ref.dead else ""
        lines.append((f"[{ref.id}] {title}{publisher}{dead}", None, 2))
    return lines
