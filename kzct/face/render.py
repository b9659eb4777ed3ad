"""The one place that writes records out: JSON with ``json.dump`` on stdout, CSV with ``csv``,
tables and cards with Rich (laid out by ``kzct.face.layout``), and the progress of a long build.

Rich is imported only when a table, a card or a progress bar is drawn. Seed text is always given
to Rich as ``Text`` objects, so markup in it (``[bold]``, ``[/]``, ``[link=…]``) is shown as
written, never obeyed; control characters were removed when the text was extracted, and are
removed again here.

Tables and cards are drawn into a string first and then written by ``emit``, which strips the
spaces at the ends of lines, sends a long text through the pager at a terminal, and turns every
failure to write into one of two outcomes: a reader that went away (``| head``) ends kzct
quietly, anything else (a full disk) is an error said in one line.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kzct.errors import OutputClosed, OutputError
from kzct.formats import Format
from kzct.model import StoredJSON, to_json
from kzct.text import CONTROLS

if TYPE_CHECKING:
    from rich.console import Console

    from kzct.context import Run
    from kzct.face.layout import Column, Para

# Format characters (Unicode's category Cf, as of Unicode 14): invisible, and some of them
# reorder what follows (the bidi overrides U+202E and their kin: `exe.txt` shown for `txt.exe`).
# In a table, a card, a message or the CSV `seed` column they are removed, as control characters
# are; the JSON keeps the text as it is.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f")
_CONTROL = re.compile(f"[{CONTROLS}{FORMAT_CHARACTERS}]")
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): such a text cell
# is written after a single quote, which the spreadsheet shows as text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$")
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def plain(value: object) -> str:
    """A cell's text: None as an empty cell, control and format characters removed."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value)
    return _CONTROL.sub("", str(value))


# -- writing to stdout ---------------------------------------------------------------------------

@contextmanager
def _stdout(run: Run) -> Iterator[None]:
    """Every write to stdout: a closed pipe becomes ``OutputClosed`` (ended quietly by
    ``cli.main``), any other failure an ``OutputError`` (``cannot write output: …``)."""
    run.output_started = True
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed() from None
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


def strip_trailing(text: str) -> str:
    """``text`` without spaces at the end of any line (style codes there are kept)."""
    lines = []
    for line in text.split("\n"):
        tail = _TRAILING.search(line)
        if tail:
            line = line[:tail.start()] + "".join(_SGR.findall(tail.group()))
        lines.append(line)
    return "\n".join(lines)


def emit(run: Run, text: str, *, page: bool = True) -> None:
    """Write drawn text (a table, a card) to stdout, or through the pager when it is longer
    than the terminal and stdout is one (see ``Run.pager_command``)."""
    text = strip_trailing(text)
    if text and not text.endswith("\n"):
        text += "\n"
    if page and _page(run, text):
        return
    with _stdout(run):
        sys.stdout.write(text)


def write_text(run: Run, text: str) -> None:
    """Write text exactly as it is (a diff, whose lines may end in spaces that matter)."""
    with _stdout(run):
        sys.stdout.write(text)


def _page(run: Run, text: str) -> bool:
    command = run.pager_command()
    if command is None or text.count("\n") < run.height:
        return False
    import shlex
    import shutil
    import subprocess

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    if shutil.which(program) is None:
        return False  # `PAGER=nonexistent`: the table goes to the terminal, not lost
    run.output_started = True
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE,
                                 env=run.pager_environment())
    except OSError:
        return False
    try:
        assert pager.stdin is not None
        pager.stdin.write(text.encode("utf-8", "replace"))
        pager.stdin.close()
    except BrokenPipeError:  # the pager was quit before it read everything
        pass
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less stays, as with git)
            continue


_END = object()


def write_json(run: Run, data: Any) -> None:
    """One JSON document on stdout, UTF-8 with non-ASCII kept, and a trailing newline.

    A list or an iterator of records is written as an array one record at a time, so that a
    query over a thousand articles never holds its whole output. Indented for a person at a
    terminal; compact in a pipe, where Python's C encoder writes it (indenting falls back to the
    pure-Python encoder, ten times slower on large outputs)."""
    indent = 2 if run.stdout_tty else None
    if not isinstance(data, (list, Iterator)) or hasattr(data, "_fields"):
        text = json.dumps(to_json(data), ensure_ascii=False, indent=indent)
        with _stdout(run):
            sys.stdout.write(text + "\n")
        return
    records = iter(data)
    first = next(records, _END)  # read before anything is printed: see cli._run
    with _stdout(run):
        out = sys.stdout
        if first is _END:
            out.write("[]\n")
            return
        out.write("[")
        for position, record in enumerate(itertools.chain([first], records)):
            if isinstance(record, StoredJSON) and not indent:
                text = record  # as stored: the same text json.dumps writes here
            else:
                text = json.dumps(to_json(record), ensure_ascii=False, indent=indent)
            if indent:
                text = "\n" + "\n".join("  " + line for line in text.splitlines())
            out.write(text if position == 0 else ("," if indent else ", ") + text)
        out.write("\n]\n" if indent else "]\n")


def write_jsonl(run: Run, records: Iterable[Any]) -> None:
    """One JSON record per line."""
    iterator = iter(records)
    first = next(iterator, _END)
    if first is _END:
        return
    with _stdout(run):
        out = sys.stdout
        for record in itertools.chain([first], iterator):
            out.write(record if isinstance(record, StoredJSON)
                      else json.dumps(to_json(record), ensure_ascii=False))
            out.write("\n")


_RECORD_LISTS: dict[type, frozenset[str]] = {}


def _record_lists(cls: type) -> frozenset[str]:
    """The fields of a record class that hold records (a group's history, an entity's
    occurrences), from its annotations: known even when the list is empty."""
    if cls not in _RECORD_LISTS:
        import typing

        names = set()
        try:
            hints = typing.get_type_hints(cls)
        except Exception:  # noqa: BLE001 - not a record class: nothing to leave out
            hints = {}
        for name, hint in hints.items():
            if typing.get_origin(hint) in (tuple, list) and any(
                    hasattr(arg, "_fields") for arg in typing.get_args(hint)):
                names.add(name)
        _RECORD_LISTS[cls] = frozenset(names)
    return _RECORD_LISTS[cls]


def flat_row(record: Any) -> dict[str, str]:
    """A record as one row of flat columns: nested records become ``parent_field`` columns,
    lists of values one cell joined with ``;``, null an empty cell; lists of records (a group's
    history, an entity's occurrences) are left out (``--json`` has them).

    Safe to open in a spreadsheet: a text cell that would be read as a formula (``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return first) begins with a single quote (numbers are
    written as they are); the file name of the ``seed`` columns loses its control and format
    characters."""
    row: dict[str, str] = {}
    skip = _record_lists(type(record))

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if value is True or value is False:
            return "true" if value else "false"
        return str(value)

    def walk(data: dict[str, Any], prefix: str) -> None:
        for key, value in data.items():
            name = prefix + key
            if not prefix and key in skip:
                continue
            if isinstance(value, dict):
                walk(value, name + "_")
            elif isinstance(value, list):
                if any(isinstance(v, (dict, list)) for v in value):
                    continue
                row[name] = defused(";".join(cell(v) for v in value))
            elif isinstance(value, str):
                row[name] = defused(plain(value) if key == "seed" else value)
            else:
                row[name] = cell(value)

    walk(to_json(record), "")
    return row


def defused(text: str) -> str:
    """A CSV cell a spreadsheet shows as the text it is: one that would start a formula gets a
    single quote first (OWASP's advice); ``--json`` has the text unchanged."""
    return "'" + text if text.startswith(_FORMULA) else text


def write_delimited(run: Run, records: Iterable[Any], delimiter: str) -> None:
    """CSV (``,``) or TSV (tab): a header row, then one row per record (see ``flat_row``)."""
    import csv

    iterator = iter(records)
    first = next(iterator, _END)
    if first is _END:
        return
    with _stdout(run):
        writer = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
        header: list[str] | None = None
        for record in itertools.chain([first], iterator):
            row = flat_row(record)
            if header is None:
                header = list(row)
                if run.header:
                    writer.writerow(header)
            writer.writerow([row.get(key, "") for key in header])


def write_geojson(run: Run, features: Iterable[Any]) -> None:
    """One GeoJSON FeatureCollection (RFC 7946), its features written one at a time."""
    iterator = iter(features)
    first = next(iterator, _END)  # read before anything is printed: see cli._run
    with _stdout(run):
        out = sys.stdout
        out.write('{"type": "FeatureCollection", "features": [')
        chained = iterator if first is _END else itertools.chain([first], iterator)
        for position, feature in enumerate(chained):
            out.write(("" if position == 0 else ",") + "\n"
                      + json.dumps(feature, ensure_ascii=False))
        out.write("\n]}\n")


def _only(records: Iterable[Any], fields: tuple[str, ...],
          flat: bool = False) -> Iterator[dict[str, Any]]:
    """Each record with only ``fields`` (``--fields``), in their order; a name no record has,
    or (``flat``: CSV, TSV) a list of records, which only JSON holds, is a usage error, said
    before anything is written (the first record is read first)."""
    from kzct.errors import UsageError

    for position, record in enumerate(records):
        data = to_json(record)
        if position == 0:
            unknown = ", ".join(f"'{f}'" for f in fields if f not in data)
            if unknown:
                raise UsageError(f"--fields: no field {unknown}; the fields are "
                                 f"{', '.join(data)}")
            nested = [f for f in fields if f in _record_lists(type(record)) or (
                isinstance(data[f], list) and data[f] and isinstance(data[f][0], dict))]
            if flat and nested:
                raise UsageError(f"--fields: {', '.join(map(repr, nested))} holds records, "
                                 "which only --json and --jsonl write")
        yield {field: data[field] for field in fields}


WRITERS: dict[Format, Callable[[Run, Iterable[Any]], None]] = {
    Format.JSON: lambda run, records: write_json(run, iter(records)),
    Format.JSONL: write_jsonl,
    Format.CSV: lambda run, records: write_delimited(run, records, ","),
    Format.TSV: lambda run, records: write_delimited(run, records, "\t"),
    Format.GEOJSON: write_geojson,  # given features (kzct.queries.records.place_features, …)
}


def write_records(run: Run, fmt: Format, records: Iterable[Any],
                  table: Callable[[list[Any]], None], empty: str) -> None:
    """The one output decision: a machine format (streamed), or a table (a one-line note on
    stderr when there is nothing to show)."""
    if fmt is not Format.TABLE:
        flat = fmt in (Format.CSV, Format.TSV)
        WRITERS[fmt](run, records if run.fields is None else _only(records, run.fields, flat))
        return
    rows = list(records)
    if rows:
        table(rows)
    else:
        note(empty)


# -- tables and cards ----------------------------------------------------------------------------

def _console(run: Run, width: int) -> Console:
    """A console that draws into a string: ``width`` cells, styles when ``run`` has colour."""
    import io

    from rich.console import Console

    colour = run.colour
    return Console(
        file=io.StringIO(), width=max(1, width), no_color=not colour,
        color_system="auto" if colour else None, force_terminal=colour,
        force_interactive=False, highlight=False, markup=False, emoji=False, soft_wrap=True,
        legacy_windows=False,
    )


def _drawn(console: Any) -> str:
    return str(console.file.getvalue())


def _measure() -> Callable[[str], int]:
    from rich.cells import cell_len

    return cell_len


def _cell(value: object, kind: str) -> str | tuple[str, ...]:
    if kind in ("list", "names"):
        if value is None:
            return ()
        items = value if isinstance(value, (list, tuple)) else (value,)
        return tuple(plain(item) for item in items if plain(item))
    return plain(value)


def write_table(run: Run, records: Sequence[Any], columns: Sequence[Column], *,
                caption: str | None = None) -> None:
    """A table as wide as its content and at most as wide as the terminal, or one block per
    record when the terminal is narrower than the table can be."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from kzct.face import layout

    measure = _measure()
    headers = [c.header for c in columns]
    kinds = [c.kind for c in columns]
    rows = [[_cell(c.value(record), c.kind) for c in columns] for record in records]
    width = run.width
    fit = layout.widths(kinds, headers, rows, width, measure=measure)
    console = _console(run, width)
    if fit is not None:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                      padding=(0, 0, 0, 1), expand=False, show_lines=False)
        for column, size in zip(columns, fit.widths):
            header = "\n".join(layout.wrap(column.header, size, measure=measure))
            table.add_column(Text(header), width=size, no_wrap=True, overflow="crop",
                             style=column.style)
        for cells in layout.table_lines(kinds, rows, fit, measure=measure):
            table.add_row(*(Text("\n".join(lines)) for lines in cells))
        console.print(table)
    else:
        for position, block in enumerate(layout.block_lines(headers, kinds, rows, width,
                                                            measure=measure)):
            if position:
                console.print()
            label_width = max(measure(h) for h in headers)
            for label, value in block:
                line = Text()
                if label and value:
                    line.append(label, style="bold")
                    line.append(" " * (label_width - measure(label) + layout.GAP))
                elif label:
                    line.append(label, style="bold")
                else:
                    gap = label_width + layout.GAP if width - label_width - layout.GAP >= \
                        layout.TEXT_MIN else layout.GAP
                    line.append(" " * gap)
                line.append(value)
                console.print(line)
    for caption_line in caption.split("\n") if caption else ():  # it may hold a file name
        for wrapped in layout.wrap(plain(caption_line), width, measure=measure):
            console.print(Text(wrapped, style="dim"))
    emit(run, _drawn(console))


def write_paragraphs(run: Run, paragraphs: Iterable[Para], *, page: bool = True) -> None:
    """Cards and charts: each paragraph wrapped to the terminal by ``kzct.face.layout``."""
    from rich.text import Text

    from kzct.face import layout

    measure = _measure()
    width = run.width
    console = _console(run, width)
    for para in paragraphs:
        text = plain(para.text)
        if para.items:
            head = text
            lines = layout.wrap_items([plain(i) for i in para.items],
                                      max(1, width - para.indent - measure(head)),
                                      measure=measure)
            console.print(Text(" " * para.indent + head + lines[0], style=para.style or ""))
            for rest in lines[1:]:
                console.print(Text(" " * (para.indent + measure(head)) + rest,
                                   style=para.style or ""))
            continue
        if not text:
            console.print()
            continue
        for start, end in layout.wrap_spans(text, max(1, width - para.indent), measure=measure):
            line = Text(" " * para.indent)
            piece = Text(text[start:end], style=para.style or "")
            for s, e, style in para.spans:
                if e > start and s < end:
                    piece.stylize(style, max(0, s - start), min(end, e) - start)
            line.append_text(piece)
            console.print(line)
    emit(run, _drawn(console), page=page)


def note(message: str) -> None:
    """A one-line message on stderr (not data)."""
    try:
        sys.stderr.write(_CONTROL.sub("", message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # no stderr to write to: nothing more can be said


# -- the progress of a long build ------------------------------------------------------------

class BuildProgress:
    """A progress bar on stderr for a build of the index, shown only once the build has run
    for ``delay`` seconds (a quick build prints nothing), and removed when it is done."""

    def __init__(self, run: Run, delay: float = 1.0, console: Any = None) -> None:
        self.run = run
        self.delay = delay
        self.console = console
        self.articles = 0
        self.size = 0
        self.built = 0
        self._bar: Any = None
        self._task: Any = None
        self._timer: Any = None
        self._lock: Any = None
        self._finished = False  # the build ended: a timer that fires late shows nothing

    def start(self, articles: int, size: int) -> None:
        import threading

        self.articles, self.size = articles, size
        self._lock = threading.Lock()
        if self.delay <= 0:
            self._show()
            return
        self._timer = threading.Timer(self.delay, self._show)
        self._timer.daemon = True
        self._timer.start()

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        console = self.console or Console(file=sys.stderr, highlight=False, markup=False,
                                          emoji=False, legacy_windows=False)
        several = self.articles > 1
        columns = [SpinnerColumn(), TextColumn("building the index"), BarColumn()]
        columns += [MofNCompleteColumn()] if several else []
        columns += [TimeElapsedColumn()]
        with self._lock:
            if self._finished:
                return
            bar = Progress(*columns, console=console, transient=True)
            self._task = bar.add_task("build", total=self.articles if several else None,
                                      completed=self.built)
            bar.start()
            self._bar = bar

    def advance(self, size: int) -> None:
        self.built += 1
        if self._lock is None:
            return
        with self._lock:
            if self._bar is not None:
                self._bar.update(self._task, completed=self.built)

    def finish(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._lock is None:
            return
        with self._lock:
            self._finished = True
            if self._bar is not None:
                self._bar.stop()
                self._bar = None
