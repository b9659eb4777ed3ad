"""The one place that writes records out: JSON with ``json.dump`` on stdout, tables with Rich.

Rich is imported only when a table is drawn. Seed text is always given to Rich as ``Text``
objects, so markup in it (``[bold]``, ``[/]``, ``[link=…]``) is shown as written, never obeyed;
control characters were removed when the text was extracted, and are removed again here.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from kzct.errors import OUTPUT, OutputClosed
from kzct.model import to_json

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: object) -> str:
    """A cell's text: None as an empty cell, control characters removed."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value)
    return _CONTROL.sub("", str(value))


# -- JSON ---------------------------------------------------------------------------------------

@contextmanager
def _stdout_guard() -> Iterator[None]:
    """A closed pipe on stdout becomes ``OutputClosed``, which ``cli.main`` ends quietly."""
    OUTPUT.started = True
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed() from None


def write_json(data: Any) -> None:
    """One JSON document on stdout, UTF-8 with non-ASCII kept, and a trailing newline.

    A list or an iterator of records is written as an array one record at a time, so that a
    query over a thousand articles never holds its whole output. Indented for a person at a
    terminal; compact in a pipe, where Python's C encoder writes it (indenting falls back to the
    pure-Python encoder, ten times slower on large outputs)."""
    pretty = sys.stdout.isatty()
    indent = 2 if pretty else None
    if not isinstance(data, (list, Iterator)) or hasattr(data, "_fields"):
        text = json.dumps(to_json(data), ensure_ascii=False, indent=indent)
        with _stdout_guard():
            sys.stdout.write(text + "\n")
        return
    records = iter(data)
    first = next(records, _END)  # read before anything is printed: see cli._run
    with _stdout_guard():
        out = sys.stdout
        if first is _END:
            out.write("[]\n")
            return
        out.write("[")
        for position, record in enumerate(itertools.chain([first], records)):
            text = json.dumps(to_json(record), ensure_ascii=False, indent=indent)
            if pretty:
                text = "\n" + "\n".join("  " + line for line in text.splitlines())
            out.write(text if position == 0 else ("," if pretty else ", ") + text)
        out.write("\n]\n" if pretty else "]\n")


def write_jsonl(records: Iterable[Any]) -> None:
    """One JSON record per line."""
    iterator = iter(records)
    first = next(iterator, _END)
    if first is _END:
        return
    with _stdout_guard():
        out = sys.stdout
        for record in itertools.chain([first], iterator):
            out.write(json.dumps(to_json(record), ensure_ascii=False))
            out.write("\n")


_END = object()


# -- consoles ------------------------------------------------------------------------------------

def make_console(*, stderr: bool = False, width: int | None = None):  # type: ignore[no-untyped-def]
    """A console for data (stdout) or messages (stderr).

    Colour and styles only on a terminal; never under ``NO_COLOR`` or ``TERM=dumb``;
    ``FORCE_COLOR`` forces them. ``COLUMNS`` sets the width.
    """
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    env = os.environ
    force = bool(env.get("FORCE_COLOR")) and not env.get("NO_COLOR")
    is_tty = stream.isatty()
    colour = force or (is_tty and not env.get("NO_COLOR") and env.get("TERM") != "dumb")
    if width is None and env.get("COLUMNS", "").isdigit():
        width = max(20, int(env["COLUMNS"]))
    if width is None and not is_tty:
        width = 100
    return Console(
        file=stream,
        width=width,
        no_color=not colour,
        color_system="auto" if colour else None,
        force_terminal=True if force else (False if not colour else None),
        force_interactive=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
    )


class Column(NamedTuple):
    header: str
    value: Callable[[Any], object]
    ratio: int | None = None
    min_width: int | None = None
    no_wrap: bool = False
    style: str | None = None


def write_table(records: Sequence[Any], columns: Sequence[Column], *, title: str | None = None,
                caption: str | None = None) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = make_console()
    table = Table(box=box.SIMPLE_HEAD, title=title, caption=caption, expand=True, show_edge=False,
                  show_lines=False, title_justify="left", caption_justify="left")
    for column in columns:
        table.add_column(column.header, ratio=column.ratio, min_width=column.min_width,
                         no_wrap=column.no_wrap, overflow="fold", style=column.style)
    for record in records:
        table.add_row(*(Text(plain(column.value(record))) for column in columns))
    with _stdout_guard():
        console.print(table)


def write_lines(lines: Iterable[tuple[str, str | None, int]]) -> None:
    """Plain text lines on stdout (cards, charts): ``(text, style, indent)``; wrapped lines keep
    their indent."""
    from rich.padding import Padding
    from rich.text import Text

    console = make_console()
    with _stdout_guard():
        for text, style, indent in lines:
            console.print(Padding(Text(plain(text), style=style or ""), (0, 0, 0, indent), expand=False))


def note(message: str) -> None:
    """A one-line message on stderr (not data)."""
    sys.stderr.write(_CONTROL.sub("", message) + "\n")
    sys.stderr.flush()
