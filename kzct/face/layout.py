"""Line breaking and column widths for tables and cards, in terminal cells (no Rich here).

Text is broken where a reader expects it: at spaces, after the hyphens of a Latin name
(`Lashkar-e-` / `Taiba`), between Chinese characters, but never before closing punctuation
(`，` `。` `）`) nor after opening punctuation, and never inside a number and its unit (`2004年`).
A word wider than the whole line is cut where it must be.

A table gives short fields (dates, counts) their natural width, keeps names whole (a Chinese
name is never split, a Latin one wraps at its spaces and hyphens, a list between its items, an
item too wide between its words), lets the long text column take the rest, and is never wider than its content. Below the width
where that is possible, ``widths`` returns None and the caller prints one block per record.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

Measure = Callable[[str], int]

# a list's items are kept whole (`injured: 2 → 3`); a list of names' items break, where they
# must, as a name does (`Parliament House` / `印度议会大厦`)
SHORT, NAME, LIST, NAMES, TEXT = "short", "name", "list", "names", "text"
GAP = 2  # cells between two columns
TEXT_MIN = 20  # the narrowest a text column gets before names give way
TEXT_TIGHT = 12  # the narrowest it gets at all: below, one block per record
TEXT_COMFORT = 40  # names keep their natural width while the text column has this much
LIST_COMFORT = 24  # a list column is not widened past this while text wants the room
TEXT_WEIGHT = 3  # a text column grows three cells for each cell a name column grows

_CLOSING = set("，。、；：？！）」』”’》〉】〕…・·,.;:!?)]}%")
_OPENING = set("（「『“‘《〈【〔([{")


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: two for wide (CJK) characters, none for combining marks
    and control characters."""
    width = 0
    for ch in text:
        code = ord(ch)
        if code < 32 or 0x7F <= code < 0xA0 or unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _can_break(before: str, after: str, keep_cjk: bool, earlier: str = "") -> bool:
    """Whether a line may end between ``before`` and ``after`` (neither is a space);
    ``earlier`` is the character before ``before``."""
    if after in _CLOSING or before in _OPENING:
        return False
    if before == "-":  # Lashkar-e-|Taiba, Ust-|Kamenogorsk
        return after.isalpha() and not _wide(after)
    if before == "/":  # RadioFreeEurope/|RadioLiberty, http://host/|path, not http:/|/host
        return after.isalnum() and earlier.isalnum()
    if keep_cjk:
        return False
    wide_before, wide_after = _wide(before), _wide(after)
    if not (wide_before or wide_after):
        return False
    if (before.isascii() and before.isdigit()) or (after.isascii() and after.isdigit()):
        return False  # 2004年, 第2次: a number stays with its unit
    return True


class _Unit(NamedTuple):
    start: int  # offset of the unit in the text
    end: int
    space: int  # offset where the whitespace before it starts (== start when none)


def _units(text: str, keep_cjk: bool) -> list[_Unit]:
    """The unbreakable pieces of ``text``, each with the whitespace before it."""
    units: list[_Unit] = []
    i, n = 0, len(text)
    while i < n:
        space = i
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            break
        start = i
        i += 1
        while i < n and not text[i].isspace() and not _can_break(
                text[i - 1], text[i], keep_cjk, text[i - 2] if i >= 2 else ""):
            i += 1
        units.append(_Unit(start, i, space))
    return units


def _fold(text: str, start: int, end: int, width: int, first: int,
          measure: Measure) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``width`` cells (the first ``first``)."""
    pieces = []
    room, piece_start, used = first, start, 0
    for i in range(start, end):
        w = measure(text[i])
        if used + w > room and i > piece_start:
            pieces.append((piece_start, i))
            piece_start, used, room = i, 0, width
        used += w
    pieces.append((piece_start, end))
    return pieces


def wrap_spans(text: str, width: int, *, keep_cjk: bool = False,
               measure: Measure = cell_width) -> list[tuple[int, int]]:
    """Lines of ``text`` at most ``width`` cells wide, as ``(start, end)`` offsets into it;
    newlines in ``text`` are kept, whitespace where a line breaks is dropped."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        lines.extend((offset + a, offset + b) for a, b in _wrap_paragraph(
            paragraph, width, keep_cjk, measure))
        offset += len(paragraph) + 1
    return lines


def _wrap_paragraph(text: str, width: int, keep_cjk: bool,
                    measure: Measure) -> list[tuple[int, int]]:
    units = _units(text, keep_cjk)
    if not units:
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0
    for unit in units:
        unit_width = measure(text[unit.start:unit.end])
        space_width = measure(text[unit.space:unit.start]) if line_start is not None else 0
        if line_start is not None and used + space_width + unit_width <= width:
            line_end, used = unit.end, used + space_width + unit_width
            continue
        if line_start is not None:
            lines.append((line_start, line_end))
        if unit_width <= width:
            line_start, line_end, used = unit.start, unit.end, unit_width
            continue
        pieces = _fold(text, unit.start, unit.end, width, width, measure)
        lines.extend(pieces[:-1])
        line_start, line_end = pieces[-1]
        used = measure(text[line_start:line_end])
    if line_start is not None:
        lines.append((line_start, line_end))
    return lines


def wrap(text: str, width: int, *, keep_cjk: bool = False,
         measure: Measure = cell_width) -> list[str]:
    """``text`` in lines of at most ``width`` cells (see ``wrap_spans``)."""
    return [text[a:b] for a, b in wrap_spans(text, width, keep_cjk=keep_cjk, measure=measure)]


def wrap_items(items: Sequence[str], width: int, *, separator: str = ", ",
               measure: Measure = cell_width) -> list[str]:
    """A list on lines of at most ``width`` cells, broken between items; an item wider than
    the line alone is broken as a name is, between its words (`Parliament House` /
    `印度议会大厦`)."""
    glue = separator.rstrip()
    space = separator[len(glue):]
    lines: list[str] = []
    line = ""
    for position, item in enumerate(items):
        piece = item + (glue if position < len(items) - 1 else "")
        candidate = line + space + piece if line else piece
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        if measure(piece) <= width:
            line = piece
            continue
        folded = wrap(piece, width, keep_cjk=True, measure=measure)  # as a name is broken
        lines.extend(folded[:-1])
        line = folded[-1]
    lines.append(line)
    return lines


# -- tables --------------------------------------------------------------------------------------

Cell = str | tuple[str, ...]


class Column(NamedTuple):
    """A column of a table: its header, how a record gives its value, and its kind."""

    header: str
    value: Callable[[Any], object]
    kind: str = NAME
    style: str | None = None


class Para(NamedTuple):
    """A paragraph of a card: its text, styled spans ``(start, end, style)`` inside it, a style
    for the whole, and the indent of its lines. ``items`` set: a list, broken only between
    its items."""

    text: str
    style: str | None = None
    indent: int = 0
    spans: tuple[tuple[int, int, str], ...] = ()
    items: tuple[str, ...] = ()


def cell_lines(value: Cell, kind: str, width: int, *, measure: Measure = cell_width) -> list[str]:
    """A cell's lines in a column ``width`` cells wide."""
    if kind in (LIST, NAMES) and isinstance(value, tuple):
        return wrap_items(value, width, measure=measure)
    text = value if isinstance(value, str) else ", ".join(value)
    return wrap(text, width, keep_cjk=kind in (NAME, LIST, NAMES), measure=measure)


class _Need(NamedTuple):
    natural: int  # the longest line, as written
    floor: int  # the narrowest it can be: names whole, text at TEXT_MIN
    tight: int  # text at TEXT_TIGHT


def _need(kind: str, header: str, cells: Sequence[Cell], measure: Measure) -> _Need:
    head = max((measure(word) for word in header.split()), default=0)
    natural = measure(header)
    longest = 1
    for value in cells:
        items = value if isinstance(value, tuple) else (value,)
        text = ", ".join(items)
        for line in text.split("\n"):
            natural = max(natural, measure(line))
        if kind == LIST:
            longest = max(longest, max((measure(item) + 1 for item in items), default=0))
        elif kind == NAMES:  # an item wider than the column breaks between its words
            longest = max(longest, max((measure(item[u.start:u.end]) + 1 for item in items
                                        for u in _units(item, True)), default=0))
        elif kind == NAME:
            longest = max(longest, max(
                (measure(text[u.start:u.end]) for u in _units(text, True)), default=0))
    if kind == SHORT:
        return _Need(natural, natural, natural)
    if kind == TEXT:
        return _Need(natural, min(natural, max(TEXT_MIN, head)),
                     min(natural, max(TEXT_TIGHT, head)))
    floor = min(natural, max(longest, head))
    return _Need(natural, floor, floor)


class Layout(NamedTuple):
    widths: list[int]


def widths(kinds: Sequence[str], headers: Sequence[str], rows: Sequence[Sequence[Cell]],
           total: int, *, measure: Measure = cell_width) -> Layout | None:
    """Column widths for a table at most ``total`` cells wide, or None when it cannot be laid
    out there without splitting a name or squeezing the text below ``TEXT_TIGHT`` (then print
    one block per record)."""
    needs = [_need(kind, header, [row[i] for row in rows], measure)
             for i, (kind, header) in enumerate(zip(kinds, headers))]
    budget = total - GAP * (len(kinds) - 1)
    naturals = [n.natural for n in needs]
    if sum(naturals) <= budget:
        return Layout(naturals)
    preferred = [min(n.natural, max(n.floor, LIST_COMFORT)) if k in (LIST, NAMES) else n.natural
                 for k, n in zip(kinds, needs)]
    texts = [i for i, k in enumerate(kinds) if k == TEXT]
    if len(texts) == 1:  # names as they are; the text column takes the rest, if it is enough
        (i,) = texts
        rest = budget - sum(w for j, w in enumerate(preferred) if j != i)
        if rest >= min(needs[i].natural, TEXT_COMFORT):
            preferred[i] = min(rest, needs[i].natural)
            return Layout(_grow(kinds, needs, preferred, budget))
    stages = [[n.floor for n in needs]]
    if len(texts) <= 1:  # one narrow text column still reads; two do not
        stages.append([n.tight for n in needs])
    for floors in stages:
        if sum(floors) <= budget:
            return Layout(_fill(kinds, needs, floors, budget))
    return None


def _grow(kinds: Sequence[str], needs: Sequence[_Need], sizes: list[int], budget: int) -> list[int]:
    """Give what ``sizes`` leave of ``budget`` to the text columns, then the others, each up to
    its natural width."""
    spare = budget - sum(sizes)
    for wanted in (TEXT, NAME, LIST, NAMES):
        for i, kind in enumerate(kinds):
            if kind == wanted and spare > 0:
                grow = min(spare, needs[i].natural - sizes[i])
                sizes[i] += grow
                spare -= grow
    return sizes


def _fill(kinds: Sequence[str], needs: Sequence[_Need], floors: list[int], budget: int) -> list[int]:
    """Share ``budget`` out: every column gets ``clamp(level × weight, floor, natural)``, for the
    highest level that fits; what is left goes to the text columns, then the others."""

    def at(level: int) -> list[int]:
        return [min(n.natural, max(f, level * (TEXT_WEIGHT if k == TEXT else 1)))
                for k, n, f in zip(kinds, needs, floors)]

    low, high = 0, max(n.natural for n in needs)
    while low < high:
        mid = (low + high + 1) // 2
        if sum(at(mid)) <= budget:
            low = mid
        else:
            high = mid - 1
    return _grow(kinds, needs, at(low), budget)


def table_lines(kinds: Sequence[str], rows: Sequence[Sequence[Cell]], layout: Layout, *,
                measure: Measure = cell_width) -> list[list[list[str]]]:
    """Each row's cells as lines, wrapped to ``layout``."""
    return [[cell_lines(value, kind, width, measure=measure)
             for value, kind, width in zip(row, kinds, layout.widths)] for row in rows]


def block_lines(headers: Sequence[str], kinds: Sequence[str], rows: Sequence[Sequence[Cell]],
                total: int, *, measure: Measure = cell_width) -> list[list[tuple[str, str]]]:
    """One block per record, a field a line (``(label, text)`` pairs; an empty label continues
    the field above), for tables too wide for the terminal. Labels stand beside their values
    when there is room for both, else above them. An empty field is left out."""
    label_width = max(measure(h) for h in headers)
    beside = total - label_width - GAP >= TEXT_MIN
    value_width = total - label_width - GAP if beside else max(1, total - GAP)
    blocks = []
    for row in rows:
        block: list[tuple[str, str]] = []
        for header, kind, value in zip(headers, kinds, row):
            if value in ("", ()):
                continue
            lines = cell_lines(value, kind, value_width, measure=measure)
            if beside:
                block.append((header, lines[0]))
                block.extend(("", line) for line in lines[1:])
            else:
                block.append((header, ""))
                block.extend(("", line) for line in lines if line)
        blocks.append(block)
    return blocks
