"""The command line: options → query → render. Errors are mapped to exit codes here, once.

Exit codes: 0 success (an empty result included, and output cut short by its reader), 2 bad
usage or bad input, 1 an internal error (a bug: ``KZCT_DEBUG=1`` shows its traceback), 130
interrupted. See the README.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from kzct import __version__
from kzct.complete import complete_group, complete_name, complete_place, complete_year

app = typer.Typer(
    name="kzct",
    help="Query the Chinese Wikipedia article on terrorism and counter-terrorism in Kazakhstan.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """Global options, read once by the callback."""

    seeds: list[Path] | None = None
    use_cache: bool = True


STATE = State()

JSON_HELP = "Print the records as one JSON array (UTF-8) instead of a table."
JSONL_HELP = "Print one JSON record per line."


def _version(value: bool) -> None:
    if value:
        print(f"kzct {__version__}")
        raise typer.Exit(0)


@app.callback()
def _global(
    seed: list[Path] | None = typer.Option(
        None, "--seed", metavar="PATH",
        help="Wikitext file or directory of files to query instead of the bundled article "
             "(repeatable; also KZCT_SEED, paths separated by ':').",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Build the index afresh; do not "
                                  "read or write the cache."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print kzct's version and exit."),
) -> None:
    """kzct answers questions about terrorism and counter-terrorism in Kazakhstan from one
    Chinese Wikipedia article: which organisations are banned and since when, what happened when
    and where, who is who, and where each fact comes from.
    """
    STATE.seeds = list(seed) if seed else None
    STATE.use_cache = not no_cache and not os.environ.get("KZCT_NO_CACHE")


def _index():  # type: ignore[no-untyped-def]
    from kzct.index import load_index

    return load_index(STATE.seeds, use_cache=STATE.use_cache)


def _output(records: Iterable[Any], as_json: bool, as_jsonl: bool, table: Any, empty: str) -> None:
    """The one output decision: JSON, JSON lines (both streamed), or a table (a note on stderr
    when there is nothing to show)."""
    from kzct import render

    if as_json and as_jsonl:
        raise typer.BadParameter("choose one of --json and --jsonl", param_hint="--json/--jsonl")
    if as_json:
        render.write_json(iter(records))
    elif as_jsonl:
        render.write_jsonl(records)
    else:
        rows = list(records)
        if rows:
            table(rows)
        else:
            render.note(empty)


def _views():  # type: ignore[no-untyped-def]
    """Table layouts, imported only when a table is drawn."""
    from kzct import views

    return views


def _seed_column(index: Any) -> bool:
    return len(index.seeds) > 1


# -- groups --------------------------------------------------------------------------------------

@app.command()
def groups(
    all_: bool = typer.Option(False, "--all", help="Also list the other militant or religious "
                              "organisations the article discusses, with their status."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_jsonl: bool = typer.Option(False, "--jsonl", help=JSONL_HELP),
) -> None:
    """The organisations Kazakhstan has banned as terrorist, in the order of its list.

    Example: kzct groups --json | jq -r '.[] | [.listed_on, .name_en] | @tsv'
    """
    from kzct.queries import list_groups

    index = _index()
    records = list_groups(index, include_all=all_)
    _output(records, as_json, as_jsonl, lambda r: _views().groups_table(r, _seed_column(index), all_),
            "no groups found in this article")


# -- sources -------------------------------------------------------------------------------------

@app.command()
def sources(
    dead: bool = typer.Option(False, "--dead", help="Only references whose original URL is "
                              "marked dead."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_jsonl: bool = typer.Option(False, "--jsonl", help=JSONL_HELP),
) -> None:
    """The article's references: publisher, title, URL, archive, dead or not, and use.

    Example: kzct sources --dead --json | jq -r '.[].url'
    """
    from kzct import render
    from kzct.queries import list_sources, unresolved_refs

    index = _index()
    records = list_sources(index, dead_only=dead)
    # In JSON the record itself says so (`"defined": false`); stderr stays quiet for pipelines.
    for ref in [] if (as_json or as_jsonl) else unresolved_refs(index):
        render.note(f"kzct: warning: reference name {ref.id!r} is used {ref.uses} time(s) in "
                    f"{ref.seed} but never defined")
    _output(records, as_json, as_jsonl, lambda r: _views().sources_table(r, _seed_column(index)),
            "no references match")


# -- timeline ------------------------------------------------------------------------------------

def _partial(value: str | None, option: str):  # type: ignore[no-untyped-def]
    if value is None:
        return None
    from kzct.dates import parse_partial

    date = parse_partial(value)
    if date is None:
        raise typer.BadParameter(
            f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", param_hint=option)
    return date


@app.command()
def timeline(
    year: list[str] | None = typer.Option(
        None, "--year", "-y", metavar="YEAR", help="Only events in this year (repeatable).",
        autocompletion=complete_year),
    from_: str | None = typer.Option(None, "--from", metavar="DATE",
                                        help="Only events on or after DATE (YYYY[-MM[-DD]])."),
    to: str | None = typer.Option(None, "--to", metavar="DATE",
                                     help="Only events on or before DATE (YYYY[-MM[-DD]])."),
    place: list[str] | None = typer.Option(
        None, "--place", metavar="NAME", help="Only events at this place (Chinese or English, "
        "fuzzy; repeatable, all must match).", autocompletion=complete_place),
    group: list[str] | None = typer.Option(
        None, "--group", metavar="NAME", help="Only events naming this group (fuzzy; "
        "repeatable).", autocompletion=complete_group),
    grep: str | None = typer.Option(None, "--grep", metavar="TEXT",
                                       help="Only events whose sentence contains TEXT."),
    chart: bool = typer.Option(False, "--chart", help="Draw the number of events per year as "
                               "a bar chart."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_jsonl: bool = typer.Option(False, "--jsonl", help=JSONL_HELP),
) -> None:
    """Every dated happening in the article, in date order.

    Dates marked * were inferred (from a year heading, an earlier date, a relative
    expression, or a corrected typo); --json gives date_source for each.

    Example: kzct timeline --year 2006 --json | jq length
    """
    from kzct.queries import TimelineFilter
    from kzct.queries import timeline as run_timeline
    from kzct.search import resolve_names

    years: list[int] = []
    for value in year or []:
        if not (value.isdigit() and len(value) == 4):
            raise typer.BadParameter(f"{value!r} is not a year: use four digits, e.g. 2006",
                                     param_hint="--year")
        years.append(int(value))
    start, end = _partial(from_, "--from"), _partial(to, "--to")
    if start and end and start.sort_key() > end.sort_key():
        raise typer.BadParameter(f"--from {from_} is after --to {to}", param_hint="--from")
    index = _index()
    flt = TimelineFilter(
        years=tuple(years), start=start, end=end,
        places=tuple(resolve_names(index, p, "place") for p in place or []),
        groups=tuple(resolve_names(index, g, "group") for g in group or []),
        grep=grep,
    )
    records = run_timeline(index, flt)
    if chart and not (as_json or as_jsonl):
        records = list(records)
        if not records:
            from kzct.render import note

            note("no events match")
            return
        _views().timeline_chart(records)
        return
    _output(records, as_json, as_jsonl, lambda r: _views().timeline_table(r, _seed_column(index)),
            "no events match")


# -- people, places, search, show ------------------------------------------------------------------

class Kind(str, Enum):
    person = "person"
    place = "place"
    group = "group"


class SortBy(str, Enum):
    mentions = "mentions"
    name = "name"


@app.command()
def search(
    query: str = typer.Argument(..., metavar="QUERY", help="A name in Chinese, Latin letters or "
                                "English; typos and partial names are fine.",
                                autocompletion=complete_name),
    kind: Kind | None = typer.Option(None, "--kind", help="Only this kind of entity."),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many results."),
    min_score: float = typer.Option(75.0, "--min-score", min=0, max=100,
                                    help="Drop results scoring below this (0-100)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_jsonl: bool = typer.Option(False, "--jsonl", help=JSONL_HELP),
) -> None:
    """Fuzzy search of people, places and groups across Chinese and Latin spellings.

    Example: kzct search Tusupbekv --json | jq -r '.[0].name_en'
    """
    from kzct.records import hit_records
    from kzct.search import search as run_search

    index = _index()
    hits = run_search(index, query, kind=kind.value if kind else None, limit=limit,
                      min_score=min_score)
    records = hit_records(hits)
    _output(records, as_json, as_jsonl, lambda r: _views().search_table(r, _seed_column(index)),
            f"no match for {query!r} above score {min_score:g}")


def _entities(kind: str, sort: SortBy, as_json: bool, as_jsonl: bool) -> None:
    from kzct.records import entity_records

    index = _index()
    records = entity_records(index, kind, sort.value)
    _output(records, as_json, as_jsonl, lambda r: _views().entity_table(r, _seed_column(index)),
            f"no {kind} found")


@app.command()
def people(
    sort: SortBy = typer.Option(SortBy.mentions, "--sort", help="Order by mention count or name."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_jsonl: bool = typer.Option(False, "--jsonl", help=JSONL_HELP),
) -> None:
    """The people the article names, with how often it mentions them.

    Example: kzct people --json | jq -r '.[] | select(.name_zh == null) | .name_latin'
    """
    _entities("person", sort, as_json, as_jsonl)


@app.command()
def places(
    sort: SortBy = typer.Option(SortBy.mentions, "--sort", help="Order by mention count or name."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_jsonl: bool = typer.Option(False, "--jsonl", help=JSONL_HELP),
) -> None:
    """The places the article names (countries, regions, cities, squares), with mention counts.

    Example: kzct places --sort name
    """
    _entities("place", sort, as_json, as_jsonl)


@app.command()
def show(
    name: str = typer.Argument(..., metavar="NAME", help="A person, place or group, as for "
                               "search.", autocompletion=complete_name),
    as_json: bool = typer.Option(False, "--json", help="Print the card as one JSON object."),
) -> None:
    """One person, place or group: names, role, every mention, its events and their sources.

    Example: kzct show Nazarbayev
    """
    from kzct import render
    from kzct.records import card, hit_records
    from kzct.search import AMBIGUITY_MARGIN
    from kzct.search import search as run_search

    index = _index()
    hits = run_search(index, name, limit=5)
    if not hits:
        render.note(f"no person, place or group matches {name!r}; try: kzct search {name}")
        if as_json:
            render.write_json(None)
        return
    close = [h for h in hits if hits[0].score - h.score < AMBIGUITY_MARGIN]
    if len(close) > 1 and not any(_exact(h, name) for h in close[:1]):
        render.note(f"{name!r} matches {len(close)} entries equally well; be more specific:")
        if as_json:
            render.write_json(hit_records(close))
        else:
            _views().search_table(hit_records(close), _seed_column(index))
        return
    record = card(index, hits[0].entity)
    if as_json:
        render.write_json(record)
    else:
        render.write_lines(_views().card_lines(record))


def _exact(hit: Any, name: str) -> bool:
    from kzct.index import fold

    return fold(hit.matched) == fold(name)


# -- entry point -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    """Run kzct; every failure becomes one line on stderr and a documented exit code."""
    if os.environ.get("_KZCT_COMPLETE"):  # a shell's TAB: answered by Typer, kept light
        from kzct.complete import prepare

        prepare()
    # typer 0.27 and 0.28 vendor click; its exceptions live there (the version range is pinned).
    from typer import Abort, Exit
    from typer._click.exceptions import ClickException, UsageError

    from kzct.errors import CacheCorrupt, KzctError, OutputClosed

    code = 0
    try:
        code = _run(argv)
    except Exit as exc:
        code = exc.exit_code
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `kzct`: the help, as a usage error
            sys.stderr.write(exc.format_message().rstrip() + "\n")
            sys.exit(2)
        hint = f" (see 'kzct {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else \
            " (see 'kzct --help')"
        _error(f"{exc.format_message()}{hint}")
        code = 2
    except ClickException as exc:
        _error(exc.format_message())
        code = exc.exit_code
    except KzctError as exc:
        _error(str(exc))
        code = exc.exit_code
    except CacheCorrupt:  # found damaged after output had begun: it cannot be re-run silently
        _discard_cache()
        _error("the index cache was damaged and has been removed: run the command again")
        code = 1
    except (OutputClosed, BrokenPipeError):
        _quiet_pipe()
        code = 0
    except (Abort, KeyboardInterrupt):
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a bug, not a traceback
        if os.environ.get("KZCT_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set KZCT_DEBUG=1 for details)")
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_pipe()
    sys.exit(code)


def _run(argv: list[str] | None) -> int:
    """Run the command; if the cache database turns out damaged while being read before anything
    was printed, throw it away and run once more (records stream, so this is checked)."""
    from kzct.errors import OUTPUT, CacheCorrupt

    command = typer.main.get_command(app)
    for attempt in range(2):
        OUTPUT.started = False
        try:
            result = command.main(args=argv, prog_name="kzct", standalone_mode=False)
            return result if isinstance(result, int) else 0
        except CacheCorrupt:
            if attempt or OUTPUT.started:
                raise
            _discard_cache()
    return 0


def _discard_cache() -> None:
    from kzct.cache import database_path
    from kzct.store import discard

    database = database_path()
    if database is not None:
        discard(database)


def _error(message: str) -> None:
    from kzct.render import note

    note(f"kzct: error: {message}")


def _quiet_pipe() -> None:
    """The reader closed the pipe (`kzct timeline | head -1`): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
