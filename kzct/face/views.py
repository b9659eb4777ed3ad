"""How each command's records look in a table (and the card of ``show``, and the chart).

The table and the JSON of a command always hold the same records in the same order. Each column
says what kind of field it holds (``kzct.face.layout``): a short field keeps its natural width, a name
is kept whole where the column can hold it, a list breaks only between its items, and the long
text column takes the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kzct.face.layout import LIST, NAME, NAMES, SHORT, TEXT, Column, Para
from kzct.face.render import write_paragraphs, write_table
from kzct.model import DATE_SOURCES, EXPLICIT, Event, Group, Ref, Revision, date_key
from kzct.queries.diff import Change, changed_fields, span_of
from kzct.queries.lists import Backing
from kzct.queries.records import Card, EntityRecord, SearchHit

if TYPE_CHECKING:
    from kzct.context import Run

HIGHLIGHT = "bold underline"


def _section(path: tuple[str, ...]) -> str:
    return " › ".join(p for p in path if p) or "lead section"


def _refs(ids: tuple[str, ...]) -> list[str]:
    return [f"[{i}]" for i in ids]


def _informative(columns: list[Column], records: list[Any]) -> list[Column]:
    """The columns that say something: one empty in every row is left out."""
    return [c for c in columns if any(c.value(r) not in (None, "", (), []) for r in records)]


class _Seeds:
    """With several articles, a table's Seed column numbers them (1, 2 …, in the order they
    were given, the same in every command) and a line under the table names each: a file name
    in every row took the text's room."""

    def __init__(self, order: list[str]) -> None:
        self.numbers = {name: str(n) for n, name in enumerate(order, start=1)}

    def add(self, columns: list[Column], seeds: Callable[[Any], Any]) -> str | None:
        """Add to ``columns`` the column of the seed ``seeds`` gives a record (a name, or a
        list of them), where there are several; the key under the table, each file name on one
        line whatever it holds (``plain`` then removes the other control characters)."""
        if len(self.numbers) < 2:
            return None

        def value(record: Any) -> list[str]:
            found = seeds(record)
            names = [found] if isinstance(found, str) else found
            return [self.numbers.get(name, name) for name in names]

        columns.append(Column("Seed", value, LIST))
        return "\n".join(f"seed {n}: {' '.join(name.splitlines())}"
                         for name, n in self.numbers.items())


def _captioned(*captions: str | None) -> str | None:
    return "\n".join(c for c in captions if c) or None


# -- groups --------------------------------------------------------------------------------------

def groups_table(run: Run, records: list[Group], seed_order: list[str], with_status: bool) -> None:
    """One row per designation. Who designated is shown where the rows say more than the
    country the article is about; the action always (with ``--all``, in the Status column,
    ``discussed`` for a group only discussed)."""
    numbered = list(enumerate(records, start=1))
    designations = [g for g in records if g.action is not None]
    columns = [
        Column("#", lambda r: r[0], SHORT),
        Column("Chinese", lambda r: r[1].name_zh, NAME),
        Column("English", lambda r: r[1].name_en, NAME),
    ]
    if any(g.authority_code != g.article_country or g.authority_code is None
           for g in designations):
        columns.append(Column("By", lambda r: _authority(r[1]), NAME))
    if designations and not with_status:
        columns.append(Column("Action", lambda r: r[1].action or "", SHORT))
    columns.append(Column("Date", lambda r: r[1].listed_on or "—", SHORT))
    if with_status:  # a designation's status is its action (the sentence of a group only
        # discussed is in its card and its JSON: a column of a few quotes took the names' room)
        columns.append(Column("Status", lambda r: r[1].action or r[1].status, SHORT))
    columns.append(Column("Refs", lambda r: _refs(r[1].refs), LIST))
    key = _Seeds(seed_order).add(columns, lambda r: r[1].source.seed)
    write_table(run, numbered, columns, caption=key)


def _authority(group: Group) -> str:
    """Who designated: the English name of the country or body, and the body as the article
    writes it (`United States (美国财政部)`); — where the article does not say."""
    if group.action is None:
        return ""
    if group.authority is None:
        return "—"
    if group.authority_en and group.authority_en != group.authority:
        return f"{group.authority_en} ({group.authority})"
    return group.authority


# -- sources -------------------------------------------------------------------------------------

def _title(ref: Ref, wide: bool = False) -> str | None:
    """A reference's title; a bare URL's, which has none, is its URL (but in the wide table,
    which shows every URL in a column of its own)."""
    if not ref.defined:
        times = "time" if ref.uses == 1 else "times"
        return f"(undefined: cited by name {ref.uses} {times}, never defined)"
    return ref.title or (None if wide else ref.url)


def sources_table(run: Run, records: list[Ref], seed_order: list[str], wide: bool) -> None:
    """Compact by default (id, publisher, title, dead, cited by); ``wide`` adds the URL and
    the archive date."""
    columns = [
        Column("Id", lambda r: r.id, SHORT),
        Column("Publisher", lambda r: r.publisher, NAME),
        Column("Title", lambda r: _title(r, wide), TEXT),
    ]
    if wide:
        columns += [
            Column("URL", lambda r: r.url, TEXT),
            Column("Archived", lambda r: r.archive_date or ("yes" if r.archive_url else ""),
                   SHORT),
        ]
    columns += [
        Column("Dead", lambda r: "dead" if r.dead else "", SHORT),
        Column("Cited by", lambda r: r.cited_by, SHORT),
    ]
    key = _Seeds(seed_order).add(columns, lambda r: r.seed)
    revisions = dict.fromkeys((r.seed, r.revision) for r in records if r.revision is not None)
    caption = "\n".join(f"{seed}: {provenance(revision)}" for seed, revision in revisions
                         if revision is not None)
    write_table(run, records, columns, caption=_captioned(key, caption))


def _designation(group: Group) -> str:
    """A designation in words: `banned as terrorist by Kazakhstan (哈萨克斯坦最高法院), 2006-10-12`."""
    who = group.authority_en or group.authority or "(not said)"
    if group.authority and group.authority != who:
        who += f" ({group.authority})"
    label = f" as {group.label}" if group.label else ""
    when = f", {group.listed_on}" if group.listed_on else ""
    return f"{group.action}{label} by {who}{when}"


def backing_cards(run: Run, found: list[Backing], seed_order: list[str]) -> None:
    """``sources --id``: each reference, the sentences it backs, and the events and
    designations stated in them: the way from a source to what it supports. With several
    articles, each card says which it is in."""
    paras: list[Para] = []
    for position, (ref, events, designations) in enumerate(found):
        if position:
            paras.append(Para(""))
        publisher = f" — {ref.publisher}" if ref.publisher else ""
        paras.append(Para(f"[{ref.id}] {_title(ref) or '(no title)'}{publisher}", "bold"))
        for label, value in (("url", ref.url), ("archived", ref.archive_url),
                             ("dead", "yes" if ref.dead else None),
                             ("seed", ref.seed if seed_order else None)):
            if value:
                paras.append(Para(f"{label}: {value}"))
        paras += [Para(""), Para(f"Sentences ({len(ref.backs)})", "bold")]
        for sentence in ref.backs:
            paras.append(Para(sentence.text, indent=2))
            paras.append(Para(f"({_section(sentence.section)})", "dim", indent=4))
        if designations:
            paras += [Para(""), Para(f"Designations ({len(designations)})", "bold")]
        for group in designations:
            names = " ".join(dict.fromkeys(n for n in (group.name_zh, group.name_en) if n))
            paras.append(Para(f"{names}: {_designation(group)}", indent=2))
        if events:
            paras += [Para(""), Para(f"Events ({len(events)})", "bold")]
        for event in events:
            paras.append(Para(_when(event), "bold", indent=2))
            paras.append(Para(event.text, indent=4))
    write_paragraphs(run, paras)


def provenance(revision: Revision) -> str:
    """Which revision an article is, in words: `revision 123 of 恐怖主义与哈萨克斯坦,
    2014-04-13T12:33:35Z, https://…?oldid=123`."""
    parts = [f"revision {revision.id} of {revision.title}" if revision.id is not None
             else revision.title]
    parts += [p for p in (revision.timestamp, revision.url) if p]
    return ", ".join(parts)


# -- timeline ------------------------------------------------------------------------------------

def _when(event: Event) -> str:
    """The date as the table shows it: a range's end without what it shares with its start
    (`2006-08-24…26`), every date of an event that has several (`2004-03-28, 04-01`), a decade
    in words (`early 1990s`), a bound or a hedge (`since 2002`, `c. 1995`), and `*` when the
    date was inferred."""
    text = _short_date(event.date)
    if event.end_date:
        text += "…" + _after(event.date, event.end_date)
    for other in event.dates[1:]:
        text += ", " + _after(event.date, other)
    qualifier = event.qualifier
    if qualifier in _DECADE_WORDS:
        text = f"{_DECADE_WORDS[qualifier]} {text}"
    elif qualifier in _BOUND_WORDS:
        text = f"{_BOUND_WORDS[qualifier]} {text}"
    return text + ("" if event.date_source == EXPLICIT else "*")


_DECADE_WORDS = {"early": "early", "mid": "mid", "late": "late"}
_BOUND_WORDS = {"since": "since", "as_of": "as of", "before": "before", "about": "c.",
                "after": "after"}


def _short_date(date: str) -> str:
    return f"{date[:-1]}0s" if date.endswith("X") else date  # 199X → 1990s


def _after(start: str, end: str) -> str:
    """``end`` without the part it shares with ``start`` (the year, or the year and month)."""
    if end[:8] == start[:8] and len(end) == len(start) == 10:
        return end[8:]
    if end[:5] == start[:5] and len(end) > 5:
        return end[5:]
    return end


_HEDGES = {"about": "c. ", "at_least": "≥", "over": ">"}


def _casualties(event: Event) -> list[str]:
    """`47 killed`, `>100 injured` (逾百人), `c. 6300 injured` (约6300人), `≥8 injured` (至少),
    `1 found dead` (被发现身亡)."""
    parts = []
    if event.killed is not None and event.killed_qualifier == "found_dead":
        parts.append(f"{event.killed} found dead")
    elif event.killed is not None:
        parts.append(f"{_HEDGES.get(event.killed_qualifier or '', '')}{event.killed} killed")
    if event.injured is not None:
        parts.append(f"{_HEDGES.get(event.injured_qualifier or '', '')}{event.injured} injured")
    return parts


def _what(event: Event) -> str:
    """The sentence, its references after it where Wikipedia puts them (`sources --id` says
    what each is and what else it backs), and, where a later sentence of the paragraph states
    the toll, which (with its first words: in the Casualties column it took a name's room)."""
    text = "".join([event.text, *_refs(event.refs)])
    if event.toll_span is not None and event.toll_text and \
            (event.killed is not None or event.injured is not None):
        text += f" (toll stated after: “{_clip(event.toll_text, 24)}”)"
    return text


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def timeline_table(run: Run, records: list[Event], seed_order: list[str],
                   names: dict[str, tuple[str | None, str | None]] | None = None) -> None:
    """``names``: place id → (English, Chinese): a place is shown in English beside the Chinese
    the article writes (``Almaty 阿拉木图``), where an English name is known."""
    names = names or {}

    def where(event: Event) -> list[str]:
        if not event.place_ids:
            return list(event.places)
        shown = []
        for place_id in event.place_ids:
            english, chinese = names.get(place_id, (None, None))
            shown.append(" ".join(n for n in (english, chinese) if n) or place_id)
        return shown

    columns = [
        Column("Date", _when, SHORT),
        Column("What happened", _what, TEXT),
        Column("Where", where, NAMES),
        Column("Casualties", _casualties, LIST),
    ]
    key = _Seeds(seed_order).add(columns, lambda e: e.seed)
    inferred = Counter(e.date_source for e in records if e.date_source != EXPLICIT)
    caption = None
    if inferred:
        caption = "* date inferred: " + ", ".join(
            f"{source} ({inferred[source]})" for source in DATE_SOURCES if inferred[source])
    write_table(run, records, _informative(columns, records),
                caption=_captioned(caption, key))


def timeline_chart(run: Run, records: list[Event]) -> None:
    """A bar a year, from the first year to the last; an event dated only by its decade
    (`上世纪90年代`) is counted in a bar of that decade (`1990s`), before its years."""
    per_year = Counter(date_key(e.date)[0] for e in records if e.precision != "decade")
    per_decade = Counter(date_key(e.date)[0] for e in records if e.precision == "decade")
    rows: list[tuple[tuple[int, int], str, int]] = [((decade, 0), f"{decade}s", count)
                                                     for decade, count in per_decade.items()]
    if per_year:
        rows += [((year, 1), str(year), per_year.get(year, 0))
                 for year in range(min(per_year), max(per_year) + 1)]
    rows.sort()
    most = max(count for _key, _label, count in rows)
    label_width = max(len(label) for _key, label, _count in rows)
    bar_room = max(10, run.width - 12 - label_width)
    lines = [Para("Events per year", "bold")]
    for _key, label, count in rows:
        bar = "█" * max(1 if count else 0, round(count / most * bar_room))
        lines.append(Para(f"{label:<{label_width}}  {bar} {count}"))
    write_paragraphs(run, lines)


# -- entities ------------------------------------------------------------------------------------

def _latin(record: Any) -> str | None:  # an EntityRecord or a SearchHit
    """The Latin name where it says more than the English one (`Lutfullo Shamsudinov` twice
    says it once)."""
    return record.name_latin if record.name_latin != record.name_en else None


def entity_table(run: Run, records: list[EntityRecord], seed_order: list[str]) -> None:
    columns = [
        Column("Chinese", lambda r: r.name_zh, NAME),
        Column("Latin", _latin, NAME),
        Column("English", lambda r: r.name_en, NAME),
        Column("Mentions", lambda r: r.mentions, SHORT),
        Column("Role", lambda r: r.role, TEXT),
    ]
    # every article that names it: one row whatever their number
    key = _Seeds(seed_order).add(columns, lambda r: r.seeds)
    write_table(run, records, _informative(columns, records), caption=key)


def search_table(run: Run, records: list[SearchHit], seed_order: list[str]) -> None:
    columns = [
        Column("Kind", lambda r: r.kind, SHORT),
        Column("Chinese", lambda r: r.name_zh, NAME),
        Column("Latin", _latin, NAME),
        Column("English", lambda r: r.name_en, NAME),
        Column("Score", lambda r: r.score, SHORT),
        Column("Mentions", lambda r: r.mentions, SHORT),
        Column("First mention", lambda r: r.first_mention, TEXT),
    ]
    key = _Seeds(seed_order).add(columns, lambda r: r.seeds)  # as in entity_table
    write_table(run, records, _informative(columns, records), caption=key)


# -- show ----------------------------------------------------------------------------------------

def _marks(sentence: str, names: set[str]) -> tuple[tuple[int, int, str], ...]:
    """Where the entity's names stand in ``sentence``: the spans to highlight."""
    spans: list[tuple[int, int, str]] = []
    for name in sorted(names, key=len, reverse=True):
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(s < end and start < e for s, e, _ in spans):
                spans.append((start, end, HIGHLIGHT))
            start = sentence.find(name, end)
    return tuple(sorted(spans))


def card_paragraphs(record: Card) -> list[Para]:
    e = record.entity
    heading: list[str] = []
    for name in (e.name_zh, e.name_latin, e.name_en):
        if name and name.casefold() not in {h.casefold() for h in heading}:
            heading.append(name)
    paras = [Para(" / ".join(heading), "bold"), Para(f"kind: {e.kind}")]
    if record.revision is not None:
        paras.append(Para(f"from: {provenance(record.revision)}"))
    if e.role:
        paras.append(Para(f"role: {e.role}"))
    shown = {h.casefold() for h in heading}
    aliases = [a for a in e.aliases if a.strip() and a.casefold() not in shown]
    if aliases:
        paras.append(Para("also: ", items=tuple(aliases)))
    # One entry per sentence, however often the sentence names the entity.
    sentences: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for occurrence in e.occurrences:
        sentences.setdefault((occurrence.sentence, occurrence.section), set()).add(occurrence.text)
    paras += [Para(""), Para(f"Sentences ({len(sentences)})", "bold")]
    for (sentence, section), names in sentences.items():
        paras.append(Para(sentence, indent=2, spans=_marks(sentence, names)))
        paras.append(Para(f"({_section(section)})", "dim", indent=4))
    if record.designations:
        paras += [Para(""), Para(f"Designations ({len(record.designations)})", "bold")]
    for group in record.designations:
        paras.append(Para(_designation(group), "bold", indent=2))
        paras.append(Para(group.status_text, indent=4))
    paras += [Para(""), Para(f"Events ({len(record.events)})", "bold")]
    for event in record.events:
        paras.append(Para(_when(event), "bold", indent=2))
        paras.append(Para(event.text, indent=4))
    paras += [Para(""), Para(f"References ({len(record.refs)})", "bold")]
    for ref in record.refs:
        title = ref.title or ref.url or "(never defined)"
        publisher = f" — {ref.publisher}" if ref.publisher else ""
        dead = " (dead link)" if ref.dead else ""
        paras.append(Para(f"[{ref.id}] {title}{publisher}{dead}", indent=2))
    return paras


def card(run: Run, record: Card) -> None:
    write_paragraphs(run, card_paragraphs(record))


# -- diff ----------------------------------------------------------------------------------------

def _label(kind: str, record: Any) -> str:
    """What a changed record is, in a few words: a group and its designation, an event's date
    and sentence, an entity's names, a reference's id and title."""
    if kind == "group":
        names = " ".join(dict.fromkeys(n for n in (record.name_zh, record.name_en) if n))
        if record.action is None:
            return f"{names} (discussed)"
        who = record.authority_en or record.authority
        by = f" by {who}" if who else ""
        return f"{names} ({record.action}{by}, {record.listed_on or 'undated'})"
    if kind == "event":
        return f"{_when(record)} {record.text}"
    if kind in ("person", "place"):
        return " / ".join(dict.fromkeys(n for n in (record.name_zh, record.name_latin,
                                                    record.name_en) if n))
    return f"[{record.id}] {record.title or record.url or '(never defined)'}"


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _details(change: Change) -> list[str]:
    """The facts that changed (`date: 2006-10-31 → 2006-11-01`); a sentence reworded is said
    by its old text, the What column showing the new."""
    fields = [(name, old, new) for name, old, new in changed_fields(change)
              if not (name == "dates" and old == (change.old.date,) and
                      new == (change.new.date,))]
    shown = [f"{name}: {_value(old)} → {_value(new)}" for name, old, new in fields
             if name != "text"]
    if any(name == "text" for name, _o, _n in fields) and not shown:
        shown.append(f"was: {change.old.text}")
    return shown


def _span(record: Any) -> str:
    span = span_of(record)
    return f"{span[0]}–{span[1]}" if span else "—"


def diff_table(run: Run, changes: list[Change]) -> None:
    """One row per change: its kind, added/removed/changed, the record (NEW's, else OLD's),
    the facts that changed, and its span in OLD and in NEW."""
    columns = [
        Column("Kind", lambda c: c.kind, SHORT),
        Column("Change", lambda c: c.change, SHORT),
        Column("What", lambda c: _label(c.kind, c.new if c.new is not None else c.old), TEXT),
        Column("Changed", _details, LIST),
        Column("Old span", lambda c: _span(c.old), SHORT),
        Column("New span", lambda c: _span(c.new), SHORT),
    ]
    write_table(run, changes, columns)
