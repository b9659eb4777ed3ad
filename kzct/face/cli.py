"""The command line: options → query → render. Errors are mapped to exit codes here, once.

The exit codes are ``kzct.errors.ExitCode`` (docs/output.md's table is written from it). One run
context (``kzct.context.Run``: the environment, read once, and the global options) is Click's
``ctx.obj``; every command receives it. Options shared by several commands are declared once,
here: the global ones (``--seed``, ``--no-cache``, ``--no-pager``, accepted before the command
and after it), the output formats (``kzct.formats``) and ``--limit``.
"""

import functools
import inspect
import math
import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from kzct import __version__
from kzct.context import Run
from kzct.errors import ExitCode, SeedError, UsageError
from kzct.face.complete import (
    complete_code,
    complete_command,
    complete_group,
    complete_name,
    complete_place,
    complete_year,
)
from kzct.formats import FLAGS, LIST_FORMATS, MAP_FORMATS, Format

if TYPE_CHECKING:
    from types import ModuleType

    from kzct.exports import ExportChoice, Pick
    from kzct.model import Entity
    from kzct.parse.dates import PartialDate
    from kzct.seeds import SeedChoice
    from kzct.store.database import Index


class Command(TyperCommand):
    """A command whose usage line names its arguments plainly (``QUERY``, not ``{QUERY}``), and
    that points a bare year (`kzct timeline 2006`) at its --year."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Click says "Got unexpected extra argument" of what no parameter took; kept here (as
        # Click's Context allows) to say it with a hint
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            rest: list[str] = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            ctx.args = []
            year = next((w for w in rest if len(w) == 4 and w.isdigit()), None)
            takes_year = any("--year" in getattr(p, "opts", ()) for p in self.params)
            hint = f"; for the events of a year: --year {year}" if year and takes_year else ""
            ctx.fail(f"Got unexpected extra argument{'s' if len(rest) > 1 else ''} "
                     f"({' '.join(rest)}){hint}")
        return rest

    # Click's Context, which typer vendors under a private name: no public name types it exactly
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces


# Each command is an app of its own, turned into a Click command only when it is run (or listed
# in the help): a run pays for its own options, not for those of every command.
COMMANDS: dict[str, typer.Typer] = {}


class Suggesting(TyperGroup):
    """A group that answers a command it does not have with the ones spelt alike (`timline`:
    timeline), or a bare year (`kzct 2006`) with timeline's --year."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        word = args[0] if args else ""
        if word and not word.startswith("-") and not ctx.resilient_parsing \
                and self.get_command(ctx, word) is None:
            import difflib

            known = self.list_commands(ctx)
            near = difflib.get_close_matches(word, known, n=3)
            if near:
                hint = f"did you mean: {', '.join(near)}?"
            elif len(word) == 4 and word.isdigit() and "timeline" in known:
                hint = f"for the events of a year: {short(f'kzct timeline --year {word}')}"
            else:
                hint = f"the commands are: {', '.join(known)}"
            ctx.fail(f"no such command {short(word)}; {hint}")
        return super().resolve_command(ctx, args)


class Group(Suggesting):
    """kzct itself: its commands are ``COMMANDS``, built when asked for (Click's lazy group),
    once each (Click asks for the command it runs more than once)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:  # ctx: Click's Context, as above
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self._built:
            sub = COMMANDS.get(cmd_name)
            self._built[cmd_name] = typer.main.get_command(sub) if sub is not None else None
        return self._built[cmd_name]


def _app(**settings: Any) -> typer.Typer:
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                       rich_markup_mode=None, **settings)


app = typer.Typer(
    name="kzct",
    help="Query the Chinese Wikipedia article on terrorism and counter-terrorism in Kazakhstan.",
    cls=Group,
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
cache_app = _app(name="cache", invoke_without_command=True, cls=Suggesting,
                 help="The index cache: what it holds, and clearing it.\n\n\b\nExample:\n"
                      "  kzct cache info")


# -- options declared once -------------------------------------------------------------------------

SEED_HELP = ("Wikitext file ('-': standard input), directory of .wikitext/.wiki/.mediawiki/.txt "
             "files, or MediaWiki XML export or dump (.xml, .xml.bz2, .xml.gz), to query "
             "instead of the bundled article (repeatable; also KZCT_SEED, paths separated by "
             f"'{os.pathsep}').")
SeedOption = Annotated[list[Path] | None, typer.Option("--seed", metavar="PATH", help=SEED_HELP)]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Build the index afresh, and keep none (the place table is kept all "
    "the same).")]
NoPagerOption = Annotated[bool, typer.Option(
    "--no-pager", help="Never send a long table through the pager (KZCT_PAGER, PAGER, less).")]


def _revision(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} is not a revision id: a positive whole number")
    return value


def _at(value: str | None) -> str | None:
    if value is None:
        return None  # (called for every command: the export reader is imported only for --at)
    from kzct.exports import at_bound

    if at_bound(value) is None:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD (or "
                                 "YYYY-MM-DDTHH:MM:SSZ)")
    return value


RevisionOption = Annotated[int | None, typer.Option(
    "--revision", metavar="ID", callback=_revision,
    help="With an XML export as --seed: read this revision of the page that has it, not the "
         "latest.")]
AtOption = Annotated[str | None, typer.Option(
    "--at", metavar="DATE", callback=_at,
    help="With an XML export as --seed: each page as it was on DATE (YYYY-MM-DD, UTC).")]


def _positive(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{short(str(value))} is not a positive whole number")
    return value


def _score(value: float) -> float:
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise typer.BadParameter(f"{short(f'{value:g}')} is not a score: use a number from 0 "
                                 f"to 100")
    return value


def _name(value: str) -> str:
    if not value.strip():
        raise typer.BadParameter("it is empty: give a name in Chinese, Latin letters or English")
    return value


def _text(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise typer.BadParameter("it is empty: give the text to look for")
    return value


LimitOption = Annotated[int | None, typer.Option(
    "--limit", metavar="N", callback=_positive, help="At most N records.")]
FieldsOption = Annotated[str | None, typer.Option(
    "--fields", metavar="FIELDS", help="Only these fields, in this order, joined by commas "
    "(--fields date,text): of --json, --jsonl, --csv and --tsv.")]
NoHeaderOption = Annotated[bool, typer.Option(
    "--no-header", help="--csv and --tsv without their header row.")]
# the formats whose fields --fields chooses, and those with a header row
_RECORD_FORMATS = (Format.JSON, Format.JSONL, Format.CSV, Format.TSV)
_HEADED = (Format.CSV, Format.TSV)
FormatOptions = {fmt: Annotated[bool, typer.Option(flag, help=help_)]
                 for fmt, (flag, help_) in FLAGS.items()}
GLOBAL_OPTIONS = (("global_seed", SeedOption, None), ("global_no_cache", NoCacheOption, False),
                  ("global_no_pager", NoPagerOption, False),
                  ("global_revision", RevisionOption, None), ("global_at", AtOption, None))


def short(text: str, room: int = 40) -> str:
    """A value as a message quotes it: in single quotes, whatever it holds (`'O'Brien'`), a long
    one shortened (`'aaaa…'`). Messages quote what is typed, or is to be typed, so; not an
    option's name (--place), nor the names in a list of choices."""
    text = " ".join(text.split())
    return "'" + (text if len(text) <= room else text[: room - 1] + "…") + "'"


def command(target: typer.Typer | None, *formats: Format, name: str | None = None,
            global_options: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command of ``target`` (None: of kzct itself, in ``COMMANDS``). Its docstring
    is its help (the first sentence its
    summary). It takes the output flags of ``formats`` (one of them at most: the function gets
    the chosen ``fmt``, ``Format.TABLE`` when none) and the global options, and gets ``run``,
    the run context (and ``ctx``, Click's context, if it asks for it)."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        # Annotations are objects here (no `from __future__ import annotations` in this module,
        # so that neither this nor Typer has to evaluate strings at every start).
        signature = inspect.signature(func)
        own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
               for p in signature.parameters.values() if p.name not in ("run", "fmt", "ctx")]
        extra = [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY,
                                   annotation=typer.Context)]
        for fmt in formats:
            extra.append(inspect.Parameter(f"as_{fmt.value}", inspect.Parameter.KEYWORD_ONLY,
                                           default=False, annotation=FormatOptions[fmt]))
        tabular = Format.CSV in formats  # a list of records: its fields can be chosen
        if tabular:
            extra += [inspect.Parameter("out_fields", inspect.Parameter.KEYWORD_ONLY,
                                        default=None, annotation=FieldsOption),
                      inspect.Parameter("out_no_header", inspect.Parameter.KEYWORD_ONLY,
                                        default=False, annotation=NoHeaderOption)]
        if global_options:
            for option, annotation, default in GLOBAL_OPTIONS:
                extra.append(inspect.Parameter(option, inspect.Parameter.KEYWORD_ONLY,
                                               default=default, annotation=annotation))

        @functools.wraps(func)
        def wrapper(**kwargs: Any) -> Any:
            ctx: typer.Context = kwargs.pop("ctx")
            run: Run = ctx.obj
            if global_options:
                run.add_options(*(kwargs.pop(option) for option, _a, _d in GLOBAL_OPTIONS))
            chosen = [fmt for fmt in formats if kwargs.pop(f"as_{fmt.value}")]
            if len(chosen) > 1:
                raise UsageError("choose one of " + ", ".join(FLAGS[f][0] for f in chosen))
            if tabular:
                _record_options(run, chosen[0] if chosen else Format.TABLE,
                                kwargs.pop("out_fields"), kwargs.pop("out_no_header"))
            given = {"run": run, "fmt": chosen[0] if chosen else Format.TABLE, "ctx": ctx}
            return func(**{k: v for k, v in given.items() if k in signature.parameters},
                        **kwargs)

        del wrapper.__wrapped__  # Typer reads the signature below, not the function's own
        parameters = own + extra
        # what inspect.signature reads (PEP 362), set as a function attribute
        vars(wrapper)["__signature__"] = signature.replace(parameters=parameters)
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        doc = inspect.getdoc(func) or ""
        summary = doc.split("\n\n", 1)[0].replace("\n", " ")
        command_name = name or func.__name__.rstrip("_")
        owner = target
        if owner is None:
            owner = COMMANDS[command_name] = _app()
        owner.command(command_name, cls=Command, help=doc, short_help=summary)(wrapper)
        return func

    return register


def _record_options(run: Run, fmt: Format, fields: str | None, no_header: bool) -> None:
    """--fields and --no-header, kept in the run for the writer of the records."""
    if fields is not None:
        if fmt not in _RECORD_FORMATS:
            raise UsageError("--fields chooses the fields of --json, --jsonl, --csv or --tsv: "
                             "give one of them")
        names = tuple(dict.fromkeys(f.strip() for f in fields.split(",") if f.strip()))
        if not names:
            raise UsageError("--fields needs field names, joined by commas (--fields date,text)")
        run.fields = names
    if no_header:
        if fmt not in _HEADED:
            raise UsageError("--no-header is for --csv and --tsv")
        run.header = False


# -- the run ---------------------------------------------------------------------------------------

def _write(run: Run, text: str) -> None:
    from kzct.face.render import emit

    emit(run, text, page=False)


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        _write(ctx.obj, f"kzct {__version__}\n")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _global(
    ctx: typer.Context,
    seed: SeedOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    revision: RevisionOption = None,
    at: AtOption = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print kzct's version and exit.")] = False,
) -> None:
    """kzct answers questions about terrorism and counter-terrorism in Kazakhstan from one
    Chinese Wikipedia article: which organisations are banned and since when, what happened when
    and where, who is who, and where each fact comes from.
    """
    ctx.obj.add_options(seed, no_cache, no_pager, revision, at)
    if ctx.invoked_subcommand is None:  # bare `kzct`: its help, as git and gh do
        _write(ctx.obj, ctx.get_help() + "\n")
        raise typer.Exit(ExitCode.OK)


def _seed_choice(run: Run, files: list[Path] | None = None) -> "SeedChoice":
    """The chosen seed files (``files`` instead of the seeds, when given); a note on stderr for
    the files a seed directory skipped."""
    from kzct.face.render import note
    from kzct.seeds import WIKITEXT_SUFFIXES, find_seeds

    choice = find_seeds(files, what="file") if files else find_seeds(run.seeds or None,
                                                                      run.env.seed)
    if choice.skipped:
        names = ", ".join(str(p) for p in choice.skipped[:5])
        more = f" and {len(choice.skipped) - 5} more" if len(choice.skipped) > 5 else ""
        what = "file that is" if len(choice.skipped) == 1 else "files that are"
        note(f"kzct: note: skipped {len(choice.skipped)} {what} not wikitext "
             f"({', '.join(WIKITEXT_SUFFIXES)}): {names}{more}")
    return _with_exports(run, choice)


def _with_exports(run: Run, choice: "SeedChoice") -> "SeedChoice":
    """The seeds with each XML export replaced by its articles (at the revision --revision or
    --at picks), and a note on stderr of the pages each skipped."""
    from kzct.seeds import is_export

    if not any(is_export(p) for p in choice.paths):
        if run.revision is not None or run.at is not None:
            option = "--revision" if run.revision is not None else "--at"
            raise UsageError(f"{option} picks a revision of an XML export, and no --seed is "
                             "one (.xml, .xml.bz2, .xml.gz)")
        return choice
    from kzct.exports import Pick
    from kzct.face.render import note

    pick = Pick(revision=run.revision, at=run.at)
    paths: list[Path] = []
    exported: dict[Path, Path] = {}
    notes: list[str] = []
    found = False
    for path in choice.paths:
        if not is_export(path):
            paths.append(path)
            continue
        articles = _export_articles(run, path, pick)
        found = found or articles.found_revision
        skipped = articles.skipped.describe()
        if not articles.paths:
            raise SeedError(f"seed file {path} holds no article"
                            + (f" (skipped {skipped})" if skipped else ""))
        if skipped:
            notes.append(f"kzct: note: {path}: {len(articles.paths)} "
                         f"{'article' if len(articles.paths) == 1 else 'articles'}; "
                         f"skipped {skipped}")
        paths.extend(articles.paths)
        exported.update(dict.fromkeys(articles.paths, path))
    if run.revision is not None and not found:
        raise SeedError(f"no XML export given holds revision {run.revision}")
    for line in notes:
        note(line)
    return choice._replace(paths=paths, exported=exported)


def _export_articles(run: Run, path: Path, pick: "Pick") -> "ExportChoice":
    """The articles of one export as wikitext files: kept in the cache, where they are read
    on the next run without reading the export again; without a cache, for this run only."""
    from kzct.exports import materialize
    from kzct.files import own_directory
    from kzct.store.cache import PAGES

    if run.use_cache:
        own = own_directory(run.env.cache_dir_path())
        try:
            if own is not None:
                return materialize(path, pick, own / PAGES)
        except OSError:
            pass  # no writable cache: as without one
    try:
        return materialize(path, pick, run.scratch())
    except OSError as exc:
        raise SeedError(f"cannot write the articles of {path} to a temporary directory: "
                        f"{exc.strerror or exc}") from None


def _index(run: Run) -> "Index":
    """The index of the chosen seeds, with a progress bar on stderr for a long build at a
    terminal."""
    from kzct.face.render import BuildProgress, note
    from kzct.store.cache import load_index

    choice = _seed_choice(run)
    progress = BuildProgress(run) if run.stderr_tty else None
    index = load_index(choice.paths, use_cache=run.use_cache, env=run.env, progress=progress)
    for warning in index.warnings:  # said when an article is built (not again from the cache)
        note(f"kzct: warning: {warning}")
    return index


def _views() -> "ModuleType":
    """Table layouts, imported only when a table is drawn."""
    from kzct.face import views

    return views


def _seed_column(index: "Index") -> list[str]:
    """The articles, in the order they were given, where there are several (a table then has
    a Seed column that numbers them in that order), else none."""
    return [seed.name for seed in index.seeds] if len(index.seeds) > 1 else []


def _limited(records: Iterable[Any], limit: int | None) -> Iterable[Any]:
    if limit is None:
        return records
    import itertools

    return itertools.islice(records, limit)


# the formats that print records as the store holds them (their JSON, not decoded)
_AS_STORED = (Format.JSON, Format.JSONL)


def _output(run: Run, fmt: Format, records: Iterable[Any], table: Callable[[list[Any]], None],
            empty: str) -> None:
    from kzct.face.render import write_records

    write_records(run, fmt, records, table, empty)


# -- groups --------------------------------------------------------------------------------------

@command(None, *LIST_FORMATS)
def groups(
    run: Run, fmt: Format,
    by: Annotated[str | None, typer.Option(
        "--by", metavar="WHO", help="Only designations by this country or body (its name in "
        "Chinese or English, or its ISO code: KZ, KAZ; UN, EU), or 'all'. Default: the country "
        "the article is about, or all where it is about none.")] = None,
    delisted: Annotated[bool, typer.Option(
        "--delisted", help="The de-listings instead of the listings.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Also list the other militant or religious "
                                        "organisations the article discusses, with their "
                                        "status.")] = False,
    limit: LimitOption = None,
) -> None:
    """Who designated which organisation as terrorist, and when.

    One row per designation the article states: the organisation, who (a country or a body),
    how (listed, banned, delisted) and when. By default the designations by the country the
    article is about (the seed: Kazakhstan), or all where it is about none.

    \b
    Example:
      kzct groups --by all --json | jq -r '.[] | [.listed_on, .authority_en, .name_en] | @tsv'
    """
    from kzct.queries.lists import GroupFilter, UnknownName, list_groups

    if by is not None and not by.strip():
        raise UsageError("--by needs a name, a code or 'all'")
    index = _index(run)
    flt = GroupFilter(by=by, delisted=delisted, include_all=all_)
    try:
        found = list_groups(index, flt, raw=fmt in _AS_STORED)
    except UnknownName as exc:
        known = ", ".join(exc.known) if exc.known else "none"
        raise UsageError(f"--by {short(exc.name)} designated nothing in the article; "
                         f"the article's authorities: {known}") from None
    records = _limited(found, limit)
    empty = "no de-listings found in this article" if delisted else \
        "no designations found in this article" + ("" if by else "; try --by all")
    _output(run, fmt, records,
            lambda r: _views().groups_table(run, r, _seed_column(index), all_), empty)


# -- sources -------------------------------------------------------------------------------------

@command(None, *LIST_FORMATS)
def sources(
    run: Run, fmt: Format,
    dead: Annotated[bool, typer.Option("--dead", help="Only references whose original URL is "
                                       "marked dead.")] = False,
    wide: Annotated[bool, typer.Option("--wide", help="Also show each URL and its archive "
                                       "date in the table.")] = False,
    ids: Annotated[list[str] | None, typer.Option(
        "--id", metavar="REF", help="Only this reference (its id, as the Id column gives it; "
        "repeatable), shown with the sentences it backs and the events and designations stated "
        "in them.")] = None,
    limit: LimitOption = None,
) -> None:
    """The article's references: publisher, title, dead or not, and how much they back.

    The table is compact (id, publisher, title, dead, cited by); --wide adds URLs and archive
    dates, and --json has every field (the sentences each backs in "backs"). A name cited but
    never defined is a row of its own. --id REF shows what one reference backs.

    \b
    Example:
      kzct sources --dead --json | jq -r '.[].url'
    """
    from kzct.queries.lists import UnknownName, backing, list_sources, sources_by_id

    index = _index(run)
    if not ids:
        records = _limited(list_sources(index, dead_only=dead, raw=fmt in _AS_STORED), limit)
        _output(run, fmt, records,
                lambda r: _views().sources_table(run, r, _seed_column(index), wide),
                "no references match")
        return
    if any(not ref_id.strip() for ref_id in ids):
        raise UsageError("--id needs a reference's id, as the Id column of kzct sources gives it")
    try:  # (MediaWiki trims a reference's name: so does --id)
        chosen = sources_by_id(index, [ref_id.strip() for ref_id in ids])
    except UnknownName as exc:
        import difflib

        # a name differs from another in case only where the article says so: say it first
        near = [k for k in exc.known if k.casefold() == exc.name.casefold()]
        near += [k for k in difflib.get_close_matches(exc.name, exc.known, n=3) if k not in near]
        hint = f"did you mean: {', '.join(near)}?" if near else "see kzct sources"
        raise UsageError(f"--id {short(exc.name)} names no reference of the article; "
                         f"{hint}") from None
    shown = _limited([r for r in chosen if r.dead or not dead], limit)
    _output(run, fmt, shown,
            lambda r: _views().backing_cards(run, backing(index, r), _seed_column(index)),
            "no references match")


# -- timeline ------------------------------------------------------------------------------------

def _partial(value: str | None, option: str) -> "PartialDate | None":
    if value is None:
        return None
    from kzct.parse.dates import parse_partial

    date = parse_partial(value)
    if date is None:
        raise typer.BadParameter(
            f"{short(value)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", param_hint=option)
    return date


def _years(values: list[str]) -> tuple[int, ...]:
    """--year values: four digits each."""
    for value in values:
        if not (value.isdigit() and len(value) == 4):
            raise typer.BadParameter(f"{short(value)} is not a year: use four digits, e.g. "
                                     f"2006", param_hint="--year")
    return tuple(int(value) for value in values)


def _window(from_: str | None, to: str | None) -> "tuple[PartialDate | None, PartialDate | None]":
    """--from and --to as dates; the first may not be after the second."""
    start, end = _partial(from_, "--from"), _partial(to, "--to")
    if start and end:
        from kzct.model import day_span

        # `--from 2006-05 --to 2006` is May to December: compare the days each covers
        if day_span(start.iso())[0] > day_span(end.iso())[1]:
            raise typer.BadParameter(f"{short(from_ or '')} is after --to {short(to or '')}",
                                     param_hint="--from")
    return start, end


def _filter(index: "Index", values: list[str] | None, option: str,
            kind: str) -> tuple[frozenset[str], ...]:
    """The names each value of a --place/--group filter stands for, by the rule ``show`` uses;
    a value that matches nothing, or several things equally well, is a usage error."""
    from kzct.queries.search import filter_names, resolve, suggestions

    out = []
    for value in values or []:
        if not value.strip():
            raise UsageError(f"{option} needs a name")
        found = resolve(index, value, kind)
        if found.match == "none":
            near = suggestions(index, value, kind)
            listing = "kzct places" if kind == "place" else "kzct groups --all"
            hint = f"did you mean: {', '.join(near)}?" if near else f"see {short(listing)}"
            raise UsageError(f"{option} {short(value)} matches no {kind} in the article; {hint}")
        if found.match == "ambiguous":
            names = ", ".join(_display(h.entity) for h in found.hits[:6])
            raise UsageError(f"{option} {short(value)} matches several {kind}s equally well: "
                             f"{names}; give one of them")
        out.append(filter_names(found, value))
    return tuple(out)


def _display(entity: "Entity") -> str:
    parts = [n for n in (entity.name_en or entity.name_latin, entity.name_zh) if n]
    return " / ".join(dict.fromkeys(parts))


@command(None, *MAP_FORMATS)
def timeline(
    run: Run, fmt: Format,
    year: Annotated[list[str] | None, typer.Option(
        "--year", "-y", metavar="YEAR", help="Only events in this year (repeatable: any of "
        "them).", autocompletion=complete_year)] = None,
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", help="Only events on or after DATE (YYYY[-MM[-DD]]).")] = None,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="DATE", help="Only events on or before DATE (YYYY[-MM[-DD]]).")] = None,
    place: Annotated[list[str] | None, typer.Option(
        "--place", metavar="NAME", help="Only events at this place (Chinese or English; "
        "repeatable: any of them).", autocompletion=complete_place)] = None,
    group: Annotated[list[str] | None, typer.Option(
        "--group", metavar="NAME", help="Only events naming this group (repeatable: any of "
        "them).", autocompletion=complete_group)] = None,
    grep: Annotated[str | None, typer.Option(
        "--grep", metavar="TEXT", callback=_text,
        help="Only events whose sentence contains TEXT.")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Latest first.")] = False,
    limit: LimitOption = None,
    chart: Annotated[bool, typer.Option(
        "--chart", help="Draw the number of events per year as a bar chart.")] = False,
) -> None:
    """Every dated happening in the article, in date order.

    Dates marked * were inferred (from a year heading, an earlier date, a relative
    expression, or a corrected typo); --json gives date_source for each. Different filters
    must all hold; the values of one repeated filter are alternatives. A --place or --group
    name is resolved as show resolves it: one that matches nothing, or several things, is an
    error that says so.

    \b
    Example:
      kzct timeline --year 2006 --json | jq length
    """
    from kzct.queries.lists import TimelineFilter
    from kzct.queries.lists import timeline as run_timeline

    if chart and fmt is not Format.TABLE:
        raise UsageError(f"choose one of --chart, {FLAGS[fmt][0]}")
    years = _years(year or [])
    start, end = _window(from_, to)
    index = _index(run)
    flt = TimelineFilter(
        years=years, start=start, end=end,
        places=_filter(index, place, "--place", "place"),
        groups=_filter(index, group, "--group", "group"),
        grep=grep, reverse=reverse,
    )
    records = _limited(run_timeline(index, flt, raw=fmt in _AS_STORED), limit)
    if fmt is Format.GEOJSON:
        from kzct.queries.records import event_features

        records = event_features(index, records)
    if chart and fmt is Format.TABLE:
        events = list(records)
        if not events:
            from kzct.face.render import note

            note("no events match")
            return
        _views().timeline_chart(run, events)
        return
    _output(run, fmt, records,
            lambda r: _views().timeline_table(
                run, r, _seed_column(index),
                index.english_names(i for e in r for i in e.place_ids)), "no events match")


# -- people, places, search, show ------------------------------------------------------------------

class Kind(str, Enum):
    person = "person"
    place = "place"
    group = "group"


class SortBy(str, Enum):
    mentions = "mentions"
    name = "name"


SortOption = Annotated[SortBy, typer.Option("--sort", help="Order by mention count or name.")]


@command(None, *LIST_FORMATS)
def search(
    run: Run, fmt: Format,
    query: Annotated[str, typer.Argument(
        metavar="QUERY", callback=_name, autocompletion=complete_name,
        help="A name in Chinese, Latin letters or English; typos and partial names are "
             "fine.")],
    kind: Annotated[Kind | None, typer.Option("--kind", help="Only this kind of entity.")] = None,
    limit: LimitOption = 10,
    min_score: Annotated[float, typer.Option(
        "--min-score", metavar="SCORE", callback=_score,
        help="Drop results scoring below SCORE (0-100).")] = 75.0,  # search.DEFAULT_MIN_SCORE
) -> None:
    """Fuzzy search of people, places and groups across Chinese and Latin spellings.

    Scores: 100 the whole name or an alias; 95 a whole word of a longer name, or an acronym's
    initials; 90 x fit a fragment of a longer name (one Chinese character is a fragment of the
    names that hold it); lower, how alike the two are (typos). One or two Latin letters match
    only whole words and the start of names.

    \b
    Example:
      kzct search Tusupbekv --json | jq -r '.[0].name_en'
    """
    from kzct.queries.records import hit_records
    from kzct.queries.search import search as run_search

    index = _index(run)
    hits = run_search(index, query, kind=kind.value if kind else None, limit=None,
                      min_score=min_score)
    _output(run, fmt, hit_records(index, hits, limit),
            lambda r: _views().search_table(run, r, _seed_column(index)),
            f"no match for {short(query)} scoring {min_score:g} or more")


def _entities(run: Run, fmt: Format, kind: str, sort: SortBy, limit: int | None) -> None:
    from kzct.queries.records import entity_records, place_features

    index = _index(run)
    records = _limited(entity_records(index, kind, sort.value), limit)
    if fmt is Format.GEOJSON:
        records = place_features(records)
    _output(run, fmt, records, lambda r: _views().entity_table(run, r, _seed_column(index)),
            f"no {kind} found")


@command(None, *LIST_FORMATS)
def people(run: Run, fmt: Format, sort: SortOption = SortBy.mentions,
           limit: LimitOption = None) -> None:
    """The people the article names, with how often it mentions them.

    \b
    Example:
      kzct people --json | jq -r '.[] | select(.name_zh == null) | .name_latin'
    """
    _entities(run, fmt, "person", sort, limit)


@command(None, *LIST_FORMATS)
def organisations(run: Run, fmt: Format, sort: SortOption = SortBy.mentions,
                  limit: LimitOption = None) -> None:
    """The organisations the article names (agencies, parties, courts, media, and the groups it
    lists), with mention counts.

    \b
    Example:
      kzct organisations --json | jq -r '.[] | [.name_zh, .name_latin] | @tsv'
    """
    _entities(run, fmt, "group", sort, limit)


@command(None, *MAP_FORMATS)
def places(run: Run, fmt: Format, sort: SortOption = SortBy.mentions,
           limit: LimitOption = None) -> None:
    """The places the article names (countries, regions, cities, squares), with mention counts.

    Each place carries its English name, country, GeoNames id and coordinates where the
    gazetteers have them; --geojson prints them for a map (geojson.io, QGIS).

    \b
    Example:
      kzct places --geojson > places.geojson
    """
    _entities(run, fmt, "place", sort, limit)


@command(None, Format.JSON)
def show(
    run: Run, fmt: Format,
    name: Annotated[str, typer.Argument(
        metavar="NAME", callback=_name, autocompletion=complete_name,
        help="A person, place or group, as for search.")],
) -> None:
    """One person, place or group: names, role, every sentence naming it, its events and sources.

    NAME is resolved as search ranks it; when several entities match equally well they are
    listed instead (exit code 4), and when none does, exit code 3. --json prints one object
    whatever happens: "match" is "unique", "ambiguous" or "none".

    \b
    Example:
      kzct show Nazarbayev
    """
    from kzct.face.render import note, write_json
    from kzct.queries.records import Shown, card, hit_records
    from kzct.queries.search import resolve, suggestions

    index = _index(run)
    found = resolve(index, name)
    if found.match == "none":
        near = suggestions(index, name)
        hint = f"did you mean: {', '.join(near)}?" if near else f"try: kzct search {short(name)}"
        note(f"no person, place or group matches {short(name)}; {hint}")
        if fmt is Format.JSON:
            write_json(run, Shown("none", name, None, (), (), (), tuple(near)))
        raise typer.Exit(ExitCode.NO_MATCH)
    if found.match == "ambiguous":
        candidates = hit_records(index, found.hits)
        note(f"{short(name)} matches {len(candidates)} entries equally well; be more specific:")
        if fmt is Format.JSON:
            write_json(run, Shown("ambiguous", name, None, (), (), tuple(candidates), ()))
        else:
            _views().search_table(run, candidates, _seed_column(index))
        raise typer.Exit(ExitCode.AMBIGUOUS)
    record = card(index, found.hits[0].entity)
    if fmt is Format.JSON:
        write_json(run, Shown("unique", name, record.entity, record.events, record.refs, (), (),
                              record.designations))
    else:
        _views().card(run, record)


# -- check ---------------------------------------------------------------------------------------

class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Report(str, Enum):
    text = "text"
    github = "github"
    sarif = "sarif"


@command(None, *LIST_FORMATS)
def check(
    run: Run, fmt: Format,
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="FILE...", show_default=False,
        help="Wikitext files or directories to check, instead of the --seed articles.")] = None,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="Exit 1 when a finding is this severe or more (shown or "
                          "not).")] = FailOn.error,
    severity: Annotated[Severity, typer.Option(
        "--severity", help="Show the findings this severe or more; info shows them "
                           "all.")] = Severity.warning,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODE", autocompletion=complete_code,
        help="Leave out a kind of finding, by code (R301) or name (unreferenced-paragraph); "
             "repeatable, or several joined by commas.")] = None,
    report: Annotated[Report, typer.Option(
        "--format", help="text: one line a finding; github: GitHub Actions workflow commands "
                         "(annotations); sarif: SARIF 2.1.0, for code scanning.")] = Report.text,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Make the fixes the findings propose (as --json gives them) in the files "
                      "checked, then report what is left.")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Print those fixes as a unified diff instead; write nothing.")] = False,
) -> None:
    """What the article itself gets wrong: mistyped dates, names spelt two ways, references.

    One finding per line, as linters print them: FILE:LINE:COL: CODE severity: message (the
    line and column of the wikitext, the column counted in characters). Findings at severity
    info are shown with --severity info. Exit code 0 when no finding is at or above --fail-on
    (error unless given), 1 otherwise; a count goes to stderr. --json gives each finding's
    code, kind, severity, span, the text there, and the fix where the text shows one; --fix
    makes those fixes, --diff shows them. An unchanged article's findings come from the cache.

    Codes: D dates (D101 typo, D102 no year, D103 no such day), T text (T101 stray text, T102 stray
    punctuation, T103 unbalanced bracket, T104 lone surrogate), N names written two ways
    (N101 Latin, N102 Chinese), R references (R101 undefined, R102 defined twice, R103 empty,
    R104 unclosed, R105 broken template, R201 dead link, R202 no title, R203 no URL, R204
    archived before accessed, R301 paragraph without one), S structure (S101 unclosed -{,
    S102 heading level skipped, S103 empty section, S104 -{ nested too deep, S105 markup left
    open, S106 comment left open).

    \b
    Example:
      kzct check article.wikitext --fail-on warning --format github
    """
    from kzct.face.render import note
    from kzct.queries.check import at_least, check_files, chosen, fails, rule_kinds
    from kzct.store.cache import database_path, places_dir
    from kzct.store.database import Checks

    # one form of the report; --diff is one of its own, --fix goes with any
    forms = [flag for flag in (f"--format {report.value}" if report is not Report.text else "",
                               FLAGS[fmt][0] if fmt is not Format.TABLE else "",
                               "--diff" if diff else "") if flag]
    if len(forms) > 1 or (fix and diff):
        raise UsageError("choose one of " + ", ".join(["--fix"] * (fix and diff) + forms))
    ignored = rule_kinds(code for value in ignore or [] for code in value.split(","))
    choice = _seed_choice(run, files)
    paths = choice.paths
    names = {}
    if choice.bundled:
        from kzct.seeds import BUNDLED_NAME

        if fix:
            raise UsageError(f"--fix changes only the files you name, and none was named (the "
                             f"bundled article {BUNDLED_NAME} is kzct's own): kzct check FILE "
                             f"--fix")
        names = {path: BUNDLED_NAME for path in paths}
    if choice.exported and fix:
        export = next(iter(choice.exported.values()))
        raise UsageError(f"--fix changes wikitext files, and {export} is an XML export: fix the "
                         "page on the wiki, or a wikitext file of it (kzct fetch writes one)")
    # a page of an export is named by the export and its title, not by kzct's copy of it
    names.update({page: f"{export}#{page.stem}" for page, export in choice.exported.items()})
    checks = Checks(database_path(run.env) if run.use_cache else None)
    try:
        checked = list(check_files(paths, places_dir(run.env), checks, names=names))
        if fix or diff:
            checked = _fixes(run, checked, ignored, severity.value, write=fix, checks=checks,
                             exported=bool(choice.exported))
    finally:
        checks.close()
    every = [f for item in checked for f in chosen(item.findings, ignored)]
    shown = chosen(every, severity=severity.value)
    if diff:
        pass  # stdout holds the diff
    elif report is Report.github:
        from kzct.queries.check import github_commands

        _write(run, github_commands(shown))
    elif report is Report.sarif:
        from kzct.face.render import write_json
        from kzct.queries.check import sarif_log

        write_json(run, sarif_log(shown, __version__))
    elif fmt is Format.TABLE:
        from kzct.face.render import plain  # seed text quoted in a message: control characters out

        # one finding a line, whatever a file name holds (a line break too)
        _write(run, "".join(plain(" ".join(f"{f.seed}:{f.line}:{f.column}: {f.code} "
                                           f"{f.severity}: {f.message}".splitlines())) + "\n"
                            for f in shown))
    else:
        _output(run, fmt, shown, lambda r: None, "")
    counts = {level: sum(f.severity == level for f in every) for level in Severity}
    articles = "article" if len(paths) == 1 else "articles"
    if every:
        hidden = [level.value for level in Severity
                  if counts[level] and not at_least(level.value, severity.value)]
        said = f"; {' and '.join(hidden)} not shown (--severity {hidden[-1]} shows them)" \
            if hidden else ""
        note(f"kzct check: {counts[Severity.error]} error(s), {counts[Severity.warning]} "
             f"warning(s), {counts[Severity.info]} info in {len(paths)} {articles}{said}")
    else:
        note(f"kzct check: nothing found in {len(paths)} {articles}")
    if fails(every, fail_on.value):
        raise typer.Exit(ExitCode.ERROR)


# -- fetch, diff ---------------------------------------------------------------------------------

def _revision_ids(values: list[int] | None) -> list[int] | None:
    for value in values or []:
        _revision(value)
    return values


@command(None, Format.JSON, global_options=False)
def fetch(
    run: Run, fmt: Format,
    titles: Annotated[list[str] | None, typer.Argument(
        metavar="TITLE...", show_default=False,
        help="Page titles, as the wiki writes them (either script; a redirect is "
             "followed).")] = None,
    revision: Annotated[list[int] | None, typer.Option(
        "--revision", metavar="ID", callback=_revision_ids,
        help="Also fetch this revision (repeatable): an older text of a page.")] = None,
    api: Annotated[str | None, typer.Option(
        "--api", metavar="URL", help="The wiki's api.php (also KZCT_API; default: the "
        "Chinese Wikipedia's).")] = None,
    out: Annotated[Path, typer.Option(
        "--out", metavar="DIR", help="Write the files into DIR (created if need be).")] = Path("."),
) -> None:
    """Fetch articles from Wikipedia into wikitext files that --seed reads.

    Each page's current revision (or --revision ID) through the MediaWiki Action API, written
    byte for byte as DIR/TITLE.wikitext, with its revision (id, timestamp, permanent link)
    beside it in a hidden .TITLE.wikitext.revision.json, which sources and show print. Prints
    the files written, one a line (--json: what was fetched). Every article is fetched before
    any is written: a missing page (exit code 3), an invalid title (2), a wiki that cannot be
    reached (5) or keeps failing (6) writes nothing. 429 and 5xx answers are retried 3 times,
    after the wait Retry-After asks for.

    \b
    Example:
      kzct fetch 恐怖主义与哈萨克斯坦 --out articles && kzct --seed articles groups
    """
    from kzct.face.render import note
    from kzct.fetch import DEFAULT_API, Client
    from kzct.fetch import fetch as fetch_articles

    if not titles and not revision:
        raise UsageError("give a page title (or --revision ID): kzct fetch 恐怖主义与哈萨克斯坦")
    endpoint = api or run.env.api or DEFAULT_API
    if not endpoint.lower().startswith(("http://", "https://")):
        raise UsageError(f"--api {short(endpoint)} is not an http(s) URL of a wiki's api.php")
    client = Client(endpoint, contact=run.env.contact, note=note)
    fetched = fetch_articles(client, list(titles or []), list(revision or []), out)
    if fmt is Format.JSON:
        from kzct.face.render import write_json

        write_json(run, fetched)
    else:
        _write(run, "".join(f"{item.path}\n" for item in fetched))


@command(None, Format.JSON, global_options=False)
def diff(
    run: Run, fmt: Format,
    old: Annotated[Path, typer.Argument(
        metavar="OLD", show_default=False,
        help="The older revision: a wikitext file, an XML export (its page's latest "
             "revision), or EXPORT@ID / EXPORT@YYYY-MM-DD for one of its revisions.")],
    new: Annotated[Path | None, typer.Argument(
        metavar="NEW", show_default=False,
        help="The newer revision, as OLD. Left out, with an export as OLD: the last two "
             "revisions of its page.")] = None,
    page: Annotated[str | None, typer.Option(
        "--page", metavar="TITLE", help="The page of an export that holds several.")] = None,
) -> None:
    """What changed in the facts between two revisions of an article.

    Groups and designations, events, people, places and sources: each added, removed or
    changed (a date, a toll, a name, a listing), with its span in OLD and in NEW. An edit of the
    markup alone (a template, conversion markup, a link's form, a heading) is no change.
    --json prints a list of {"kind", "change", "old", "new"}, old and new the records as
    groups, timeline, people, places and sources print them. Exit code 0: no change; 1:
    changes, as diff(1).

    \b
    Example:
      kzct diff old.wikitext new.wikitext --json | jq -r '.[].kind'
    """
    from kzct.queries.diff import diff as run_diff
    from kzct.store.cache import load_index

    if new is None:  # an export's page: the revision before its latest, and the latest
        old_path = _diff_side(run, old, page, previous=True)
        new_path = _diff_side(run, old, page or _title(old_path))
    else:  # an export of several pages on one side: the page the other side is
        try:
            first: Path | None = _diff_side(run, old, page)
        except _SeveralPages:
            first = None
        try:
            new_path = _diff_side(run, new, page)
        except _SeveralPages:
            if first is None:
                raise
            new_path = _diff_side(run, new, _title(first))
        old_path = first or _diff_side(run, old, _title(new_path))
    indexes = [load_index([path], use_cache=run.use_cache, env=run.env)
               for path in (old_path, new_path)]
    from kzct.face.render import note

    for warning in (w for index in indexes for w in index.warnings):
        note(f"kzct: warning: {warning}")
    changes = list(run_diff(*indexes))
    if fmt is Format.JSON:
        from kzct.face.render import write_json

        write_json(run, changes)
    elif changes:
        _views().diff_table(run, changes)
    else:
        note(f"no change in the facts from {old} to {new if new is not None else 'its latest'}")
    if changes:
        raise typer.Exit(ExitCode.CHANGED)


class _SeveralPages(UsageError):
    """A side of a diff is an export of several pages, and no page was named."""


def _title(path: Path) -> str | None:
    """The page title recorded beside an article (``kzct.provenance``)."""
    from kzct.provenance import read_revision

    revision = read_revision(path)
    return revision.title if revision is not None else None


def _diff_side(run: Run, given: Path, page: str | None, previous: bool = False) -> Path:
    """The wikitext file of one side of a diff: ``given`` itself, or the article an export
    (``EXPORT``, ``EXPORT@ID``, ``EXPORT@DATE``) holds at that revision."""
    from kzct.exports import Pick, at_bound
    from kzct.provenance import read_revision
    from kzct.seeds import is_export

    path, spec = given, None
    if not given.exists() and "@" in given.name:
        head, _at, spec = str(given).rpartition("@")
        path = Path(head)
    if not path.exists():
        raise SeedError(f"seed file {path} does not exist")
    if not is_export(path):
        if spec is not None:
            raise UsageError(f"{given}: @{spec} picks a revision of an XML export (.xml, "
                             f".xml.bz2, .xml.gz), and {path} is none")
        if previous:
            raise UsageError(f"give NEW too: {given} is not an XML export (.xml, .xml.bz2, "
                             ".xml.gz), whose page's last two revisions OLD alone would name")
        if page is not None:
            raise UsageError(f"--page picks a page of an XML export; {given} is none")
        return path
    if spec is not None and previous:
        raise UsageError(f"{given}: give NEW too, or the export alone for its last two "
                         "revisions")
    pick = Pick(title=page, previous=previous)
    if spec is not None:
        if spec.isdigit():
            pick = pick._replace(revision=int(spec))
        elif at_bound(spec) is not None:
            pick = pick._replace(at=spec)
        else:
            raise UsageError(f"{given}: after @ give a revision id or a date (YYYY-MM-DD)")
    articles = _export_articles(run, path, pick)
    found = articles.paths
    if pick.revision is not None:
        found = [p for p in found if (r := read_revision(p)) is not None and
                 r.id == pick.revision]
        if not found:
            raise SeedError(f"{path} holds no revision {pick.revision}")
    if not found:
        which = "the revision before the latest" if previous else "a revision to read"
        of = f" of page {page!r}" if page is not None else ""
        raise SeedError(f"{path} holds no article with {which}{of}")
    if len(found) > 1:
        titles = ", ".join(repr(_title(p)) for p in found[:3]) + ("…" if len(found) > 3 else "")
        raise _SeveralPages(f"{path} holds {len(found)} pages ({titles}): name one with "
                            "--page TITLE")
    return found[0]


def _fixes(run: Run, checked: list[Any], ignored: set[str], severity: str, *, write: bool,
           checks: Any, exported: bool = False) -> list[Any]:
    """Make the fixes of the findings shown (``write``: in the files, which are then checked
    again; else print them as a unified diff); the files as checked now. ``exported``: some
    are pages of an XML export, which --fix does not change."""
    from kzct.face.render import note
    from kzct.queries.check import check_files, chosen, fix_text, unified_diff

    made = [(item, fix_text(item.text, chosen(item.findings, ignored, severity)))
            for item in checked]
    made = [(item, fixed) for item, fixed in made if fixed.applied]
    count = sum(len(fixed.applied) for _item, fixed in made)
    some = "file" if len(made) == 1 else "files"
    if not write:
        from kzct.face.render import write_text

        write_text(run, "".join(unified_diff(item.text, fixed.text, item.shown)
                                for item, fixed in made))
        how = "--fix makes them in wikitext files, not in an XML export's pages" if exported \
            else "--fix makes them"
        note(f"kzct check: {count} fix(es) in {len(made)} {some} ({how})")
        return checked
    from kzct import files
    from kzct.errors import OutputError
    from kzct.store.cache import places_dir

    for item, fixed in made:
        try:
            files.write_text(item.path, fixed.text)
        except OSError as exc:
            raise OutputError(f"{item.shown}: {exc.strerror or exc}") from None
    note(f"kzct check: fixed {count} finding(s) in {len(made)} {some}")
    again = {item.path: item for item in check_files([item.path for item, _ in made],
                                                     places_dir(run.env), checks)}
    return [again.get(item.path, item) for item in checked]


# -- help, completion, cache -----------------------------------------------------------------------

@command(None, name="help", global_options=False)
def help_(
    run: Run,
    ctx: typer.Context,
    words: Annotated[list[str] | None, typer.Argument(
        metavar="COMMAND", autocompletion=complete_command,
        help="A command (and subcommand: cache info).")] = None,
) -> None:
    """Print the help of kzct, or of COMMAND.

    \b
    Example:
      kzct help timeline
    """
    context = ctx.find_root()
    for word in words or []:
        group = context.command
        sub = group.get_command(context, word) if isinstance(group, TyperGroup) else None
        if sub is None:
            known = ", ".join(group.list_commands(context)) if isinstance(group, TyperGroup) \
                else "none"
            raise UsageError(f"no such command {short(word)}; the commands are: {known}")
        context = typer.Context(sub, info_name=word, parent=context, obj=run)
    _write(run, context.get_help() + "\n")


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@command(None, global_options=False)
def completion(
    run: Run,
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print the completion script of SHELL, to install as the example shows.

    Commands, options, years, and the names of people, places and groups complete (names once
    any kzct command has built the index).

    \b
    Example:
      kzct completion bash > ~/.local/share/bash-completion/completions/kzct
    """
    from kzct.face.shells import script

    _write(run, script(shell.value))


COMMANDS["cache"] = cache_app


@cache_app.callback()
def _cache(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        _write(ctx.obj, ctx.get_help() + "\n")
        raise typer.Exit(ExitCode.OK)


@command(cache_app, Format.JSON, name="info", global_options=False)
def cache_info(run: Run, fmt: Format) -> None:
    """What the index cache holds: where it is, its size, the articles in it.

    Articles whose file is gone, or unused for 30 days, are dropped after a build (or once a
    day), then the least recently used while the database is over 1 GB.

    \b
    Example:
      kzct cache info --json | jq .bytes
    """
    from kzct.store.cache import info

    data = info(run.env)
    if fmt is Format.JSON:
        from kzct.face.render import write_json

        write_json(run, data)
        return
    from kzct.face.render import plain  # a file name holds what it likes: not shown raw

    used = data["data_bytes"]
    lines = [f"directory: {plain(data['directory'])}",
             f"size: {data['bytes'] / 1e6:.1f} MB in kzct's files"
             + (f" ({used / 1e6:.1f} MB of index data)" if used is not None else ""),
             f"articles: {len(data['articles'])}"]
    for article in data["articles"]:
        gone = "" if article["exists"] else " (file gone)"
        lines.append(f"  {plain(article['path'])}, last used {article['last_used'] or 'never'}"
                     f"{gone}")
    lines.append(f"completion word files: {data['words_files']}")
    lines.append(f"kept: articles used in the last {data['max_age_days']} days whose file "
                 f"exists, at most {data['max_megabytes']} MB")
    _write(run, "\n".join(lines) + "\n")


@command(cache_app, name="clear", global_options=False)
def cache_clear(run: Run) -> None:
    """Remove kzct's own directory from the cache directory (the next command rebuilds the
    index). Only kzct's files are removed: those in its directory, kzct-cache/, marked as kzct's;
    nothing else in the cache directory is touched.

    \b
    Example:
      kzct cache clear
    """
    from kzct.store.cache import clear, kzct_dir

    removed = clear(run.env)
    size = sum(f.size for f in removed)
    files = "file" if len(removed) == 1 else "files"
    _write(run, f"removed {len(removed)} {files} ({size / 1e6:.1f} MB) from "
                f"{kzct_dir(run.env)}\n")


# -- entry point -----------------------------------------------------------------------------------

class _GuardedStdout:
    """sys.stdout for the length of a run: whatever writes to it (kzct, Click's help, print),
    a reader that went away becomes ``OutputClosed`` and a failed write ``OutputError``."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from kzct.errors import OutputClosed, OutputError

        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            raise OutputClosed() from None
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None

    def flush(self) -> None:
        from kzct.errors import OutputClosed, OutputError

        try:
            self._stream.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _open_standard_streams() -> None:
    """A closed stdin, stdout or stderr (`kzct groups >&-`) becomes /dev/null: there is nothing
    to write to, so the run ends quietly with its own exit code; and no file opened later (the
    cache database) can take its descriptor and receive the output."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:
                    os.dup2(opened, fd)
                    os.close(opened)
            except OSError:
                pass
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def main(argv: list[str] | None = None) -> None:
    """Run kzct; every failure becomes one line on stderr and a documented exit code."""
    from kzct.context import Environment

    _open_standard_streams()
    env = Environment.read()
    if env.completion:  # a shell's TAB
        from kzct.face.complete import answer

        answer(typer.main.get_command(app), typer.Context, env)
        sys.exit(ExitCode.OK)
    args = list(sys.argv[1:] if argv is None else argv)
    stdout = sys.stdout
    interrupts = _Interrupts()
    previous = interrupts.install()
    try:
        try:
            sys.stdout = _GuardedStdout(stdout)
            code = _main(env, args)
        finally:
            interrupts.running = False  # from here on, Ctrl-C is ignored: the run is over
            sys.stdout = stdout
    except KeyboardInterrupt:  # Ctrl-C as the run began or ended, outside _main's own care
        code = _interrupted()
    finally:
        interrupts.restore(previous)
    sys.exit(int(code))


class _Interrupts:
    """SIGINT (Ctrl-C) for the length of a run: the first one raises ``KeyboardInterrupt``,
    which ``_main`` turns into ``kzct: interrupted`` and exit code 130 after the clean-up it
    causes (a build's transaction rolled back, its workers stopped); any later one is ignored,
    so that neither that clean-up, nor the message, nor Python's shutdown is cut short (which
    would end kzct by the signal, with a traceback)."""

    def __init__(self) -> None:
        self.running = True

    def __call__(self, _signum: int, _frame: Any) -> None:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if self.running:
            self.running = False
            raise KeyboardInterrupt

    def install(self) -> Any:
        """Handle SIGINT; what handled it before (None where signals cannot be set here: a
        thread other than the main one)."""
        import signal

        try:
            return signal.signal(signal.SIGINT, self)
        except ValueError:
            return None

    @staticmethod
    def restore(previous: Any) -> None:
        import signal

        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _interrupted() -> int:
    from kzct.face.render import note

    note("kzct: interrupted")
    return ExitCode.INTERRUPTED


def _main(env: Any, args: list[str]) -> int:
    from kzct.errors import CacheCorrupt, KzctError, OutputClosed

    code: int = ExitCode.OK
    try:
        code = _run(env, args)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # Click's own errors (public base: typer.TyperException)
        message = _one_style(exc.format_message())
        code = int(getattr(exc, "exit_code", ExitCode.ERROR))
        if code == ExitCode.USAGE:
            message += f" (see '{_command_path(args, getattr(exc, 'ctx', None))} --help')"
        _error(message)
    except KzctError as exc:
        _error(str(exc))
        code = exc.exit_code
        if code == ExitCode.ERROR:  # the output could not be written: throw away the rest
            _discard_stdout()
    except CacheCorrupt:  # found damaged after output had begun: it cannot be re-run silently
        _discard_cache(env)
        _error("the index cache was damaged and has been removed: run the command again")
        code = ExitCode.ERROR
    except OutputClosed:
        _discard_stdout()
        code = ExitCode.OK
    except (typer.Abort, KeyboardInterrupt):
        code = _interrupted()
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a bug, not a traceback
        if env.debug:
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set KZCT_DEBUG=1 for details)")
        code = ExitCode.ERROR
    try:
        sys.stdout.flush()
    except (OutputClosed, BrokenPipeError):
        _discard_stdout()
    except (OSError, KzctError) as exc:
        _error(str(exc) if isinstance(exc, KzctError) else f"cannot write output: {exc.strerror}")
        _discard_stdout()
        code = ExitCode.ERROR
    return code


def _run(env: Any, args: list[str]) -> int:
    """Run the command; if the cache database turns out damaged while being read before anything
    was printed, throw it away and run once more (records stream, so this is checked)."""
    from kzct.errors import CacheCorrupt

    group = typer.main.get_command(app)
    for attempt in range(2):
        run = Run(env)
        try:
            result = group.main(args=args, prog_name="kzct", standalone_mode=False, obj=run)
            if result == ExitCode.INTERRUPTED:  # Typer's answer to Ctrl-C (no command's own)
                return _interrupted()
            return result if isinstance(result, int) else ExitCode.OK
        except CacheCorrupt:
            if attempt or run.output_started:
                raise
            _discard_cache(env)
        finally:
            run.close()
    return ExitCode.OK


def _one_style(message: str) -> str:
    """A message of Click's as kzct writes its own: on one line (`Choose from: bash, zsh,
    fish`), an option's or an argument's name unquoted (`Invalid value for --limit`)."""
    import re

    message = re.sub(r"\s*\n\s*", " ", message.strip())
    message = re.sub(r"'(--?[A-Za-z][\w-]*)'", r"\1", message)
    return re.sub(r"\b(argument|for) '([A-Z][A-Z_.]*)'", r"\1 \2", message)


def _command_path(args: list[str], ctx: Any) -> str:
    """`kzct timeline` for a usage error in `kzct timeline --year`: the command whose help
    explains it (the error itself does not always know)."""
    if ctx is not None and getattr(ctx, "command_path", None):
        return str(ctx.command_path)
    command = typer.main.get_command(app)
    context = typer.Context(command, info_name="kzct")
    path = ["kzct"]
    takes_value = {"--seed", "--revision", "--at"}
    skip = False
    for word in args:
        if skip:
            skip = False
            continue
        if word in takes_value:
            skip = True
            continue
        if word.startswith("-"):
            continue
        sub = command.get_command(context, word) if isinstance(command, TyperGroup) else None
        if sub is not None:
            path.append(word)
            command = sub
            context = typer.Context(sub, info_name=word, parent=context)
            continue
        break
    return " ".join(path)


def _discard_cache(env: Any) -> None:
    from kzct.store.cache import database_path
    from kzct.store.database import discard

    database = database_path(env)
    if database is not None:
        discard(database)


def _error(message: str) -> None:
    from kzct.face.render import note

    note(f"kzct: error: {message}")


def _discard_stdout() -> None:
    """Nothing more can be written to stdout (a closed pipe, a full disk): point it at
    /dev/null, so that what is still buffered goes nowhere instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
