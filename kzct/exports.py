"""MediaWiki XML exports and dumps as seeds: a Special:Export file or a database dump, plain,
``.bz2`` or ``.gz``, with one page or hundreds of thousands, read as a stream.

The XML is read with the standard library's pull parser, 64 KB at a time, and each
revision is let go once it has been looked at: memory holds the page being read and the text of
at most two of its revisions, however large the file. Each page in the main namespace becomes
one article, named by its title (``kzct.provenance.safe_file_name``): its latest revision, or
the one ``Pick`` asks for (a revision id, the revision current at a date, the one before the
latest). Redirects, pages of other namespaces and pages with no revision to pick are skipped and
counted.

kzct reads wikitext files, so the chosen revisions are written out once, with their revision
files beside them, into a directory of their own (``materialize``): in the cache, named by the
export's path, size, modification time and the pick, so that the next command reads a small
manifest instead of the export. A file that is not a MediaWiki export, XML that is not
well-formed, a damaged archive and a document type declaration (exports have none; it could
declare entities) are each a one-line ``SeedError``.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple, cast

from kzct.errors import SeedError, unreadable
from kzct.model import Revision

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MANIFEST_FORMAT = 1
_CHUNK = 1 << 16  # what the parser is fed at a time: its events are held until read
# `#REDIRECT [[…]]`, or its Chinese magic word, at the start of the text: a redirect page, where
# an old revision is picked that the page's <redirect/> element does not speak for
_REDIRECT = re.compile(r"\s*#\s*(?:redirect|重定向)\s*(?::\s*)?\[\[", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}Z)?")


class Pick(NamedTuple):
    """Which revision of each page to read: the latest, unless ``revision`` (that revision, in
    the page that has it), ``at`` (the latest saved on or before this date, ``YYYY-MM-DD`` or a
    timestamp; a page that did not exist yet is skipped) or ``previous`` (the one before the
    latest) says otherwise. ``title``: that page only."""

    revision: int | None = None
    at: str | None = None
    previous: bool = False
    title: str | None = None

    def key(self) -> str:
        return f"{self.revision}|{self.at}|{self.previous}|{self.title}"


def at_bound(value: str) -> str | None:
    """The last timestamp a ``--at`` value covers (`2014-05-01` → `2014-05-01T23:59:59Z`);
    None where it is no date."""
    if not _ISO_DATE.fullmatch(value):
        return None
    year, month, day = (int(part) for part in value[:10].split("-"))
    import datetime

    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return value if "T" in value else f"{value}T23:59:59Z"


class PageRevision(NamedTuple):
    """One page's chosen revision: an article."""

    title: str
    text: str
    revision: Revision


class Skipped(NamedTuple):
    """The pages an export held that are no articles, by why."""

    redirects: int = 0
    namespaces: int = 0  # pages of other namespaces (talk, user, template, …)
    unpicked: int = 0  # pages with no revision to read (none yet at --at, or no text)

    def describe(self) -> str:
        parts = [(self.redirects, "redirect", "redirects"),
                 (self.namespaces, "page in another namespace", "pages in other namespaces"),
                 (self.unpicked, "page without a revision to read",
                  "pages without a revision to read")]
        return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)


# -- reading the XML -------------------------------------------------------------------------------

def _open(path: Path) -> IO[bytes]:
    """The export's bytes, decompressed as its name says."""
    import builtins

    name = path.name.lower()
    try:
        if name.endswith(".bz2"):
            import bz2

            return cast(IO[bytes], bz2.open(path, "rb"))
        if name.endswith(".gz"):
            import gzip

            return cast(IO[bytes], gzip.open(path, "rb"))
        return builtins.open(path, "rb")
    except OSError as exc:
        raise unreadable(path, exc) from None


def _local(tag: str) -> str:
    """An element's name without its namespace (`{http://www.mediawiki.org/xml/export-0.11/}page`
    → `page`): every export version reads the same."""
    return tag.rpartition("}")[2]


class _Raw(NamedTuple):
    """A revision as the XML has it."""

    id: int | None
    timestamp: str
    text: str | None  # None where the export has no text for it (deleted, or not exported)


class _Page(NamedTuple):
    title: str
    namespace: int
    redirect: bool


def _chunks(path: Path) -> Iterator[bytes]:
    """The export's bytes, a megabyte at a time; a damaged archive is a ``SeedError``."""
    with _open(path) as stream:
        while True:
            try:
                chunk = stream.read(_CHUNK)
            except (OSError, EOFError, zlib.error) as exc:
                what = "bz2" if path.name.lower().endswith(".bz2") else "gzip"
                raise SeedError(f"seed file {path} is not a readable {what} archive "
                                f"({exc})") from None
            if not chunk:
                return
            yield chunk


def _events(path: Path) -> Iterator[tuple[_Page, _Raw | None]]:
    """Each revision of each page, as ``(page, revision)``, then ``(page, None)`` at the end of
    the page; and the site's base URL first, as a page of namespace -1 (a document's order)."""
    from xml.etree.ElementTree import ParseError, XMLPullParser

    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    depth = 0
    root_seen = False
    page: Element | None = None
    page_info: _Page | None = None
    root: Element | None = None
    read = 0
    tail = b""  # the end of the chunk before: a declaration may straddle two
    try:
        for chunk in _chunks(path):
            read += len(chunk)
            if not root_seen and (b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk):
                raise SeedError(f"seed file {path} declares a document type: MediaWiki exports "
                                "have none, and kzct does not read one")
            parser.feed(chunk)
            tail = chunk[-16:]
            for found in parser.read_events():
                event, elem = cast("tuple[str, Element]", found)  # start and end: elements
                name = _local(elem.tag)
                if event == "start":
                    depth += 1
                    if depth == 1:
                        root_seen, root = True, elem
                        if name != "mediawiki":
                            raise SeedError(f"seed file {path} is not a MediaWiki export (its "
                                            f"root element is <{name}>, not <mediawiki>)")
                    elif depth == 2 and name == "page":
                        page, page_info = elem, None
                    continue
                depth -= 1
                if depth == 2 and page is not None and name == "revision":
                    if page_info is None:
                        page_info = _page_info(page)
                    yield page_info, _revision(elem)
                    page.remove(elem)  # its text is let go: a page's history never piles up
                elif depth == 2 and name == "base" and root is not None:
                    yield _Page("", -1, False), _Raw(None, "", (elem.text or "").strip())
                elif depth == 1:
                    if page is not None and name == "page":
                        yield page_info or _page_info(page), None
                        page, page_info = None, None
                    if root is not None:
                        root.clear()  # the page (or siteinfo) is done with
        parser.close()
    except ParseError as exc:
        if not read:
            raise SeedError(f"seed file {path} is empty") from None
        line, column = getattr(exc, "position", (0, 0))
        raise SeedError(f"seed file {path} is not well-formed XML (line {line}, column "
                        f"{column + 1}): {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    return str(exc).split(":", 1)[0]


def _page_info(page: Element) -> _Page:
    title, namespace, redirect = "", 0, False
    for child in page:
        name = _local(child.tag)
        if name == "title":
            title = child.text or ""
        elif name == "ns":
            try:
                namespace = int((child.text or "0").strip())
            except ValueError:
                namespace = 0
        elif name == "redirect":
            redirect = True
    return _Page(title, namespace, redirect)


def _revision(elem: Element) -> _Raw:
    revid, stamp, text = None, "", None
    for child in elem:
        name = _local(child.tag)
        if name == "id":
            try:
                revid = int((child.text or "").strip())
            except ValueError:
                revid = None
        elif name == "timestamp":
            stamp = (child.text or "").strip()
        elif name == "text" and "deleted" not in child.attrib:
            text = child.text or ""
    return _Raw(revid, stamp, text)


def permalink(base: str, revid: int | None) -> str | None:
    """A revision's permanent link, from the site's base URL (`https://zh.wikipedia.org/wiki/…`
    → `https://zh.wikipedia.org/w/index.php?oldid=ID`: the layout of Wikimedia's wikis; None for
    a site laid out otherwise)."""
    match = re.match(r"(https?://[^/]+)/wiki/", base)
    if match is None or revid is None:
        return None
    return f"{match.group(1)}/w/index.php?oldid={revid}"


def pages(path: Path, pick: Pick = Pick()) -> Iterator[PageRevision | Skipped | bool]:
    """The export's articles, one at a time, each at the revision ``pick`` asks for; last the
    pages skipped (``Skipped``) and whether ``pick.revision`` was found (a bool)."""
    bound = at_bound(pick.at) if pick.at else None
    counts = {"redirects": 0, "namespaces": 0, "unpicked": 0}
    base = ""
    found_revision = False
    # per page: the revision asked for by id, and the two latest that qualify
    exact: _Raw | None = None
    latest: list[_Raw] = []
    for page, raw in _events(path):
        if page.namespace == -1 and raw is not None:
            base = raw.text or ""
            continue
        if raw is not None:
            if page.namespace != 0 or (pick.title is not None and page.title != pick.title):
                continue
            if pick.revision is not None and raw.id == pick.revision:
                exact, found_revision = raw, True
            if raw.text is not None and (bound is None or raw.timestamp <= bound):
                # latest by timestamp; of two at one time, the later in the file
                if not latest or raw.timestamp >= latest[-1].timestamp:
                    latest = [*latest[-1:], raw]
                elif len(latest) == 1 or raw.timestamp >= latest[0].timestamp:
                    latest = [raw, latest[-1]]
            continue
        # the end of a page
        chosen: _Raw | None
        if exact is not None:
            chosen = exact
        elif pick.previous:
            chosen = latest[0] if len(latest) == 2 else None
        else:
            chosen = latest[-1] if latest else None
        if page.namespace != 0:
            counts["namespaces"] += 1
        elif pick.title is not None and page.title != pick.title:
            pass  # not the page asked for: not counted
        elif chosen is None or chosen.text is None:
            counts["unpicked"] += 1
        elif _REDIRECT.match(chosen.text) or (page.redirect and latest and chosen is latest[-1]):
            counts["redirects"] += 1
        else:
            yield PageRevision(page.title, chosen.text, Revision(
                title=page.title, id=chosen.id, timestamp=chosen.timestamp or None,
                url=permalink(base, chosen.id)))
        exact, latest = None, []
    yield Skipped(**counts)
    yield found_revision


# -- written out as wikitext files -----------------------------------------------------------------

class ExportChoice(NamedTuple):
    """The articles of an export, as wikitext files, and what was skipped."""

    paths: list[Path]
    skipped: Skipped
    found_revision: bool  # whether Pick.revision was in it


def _crc(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"


def materialize(path: Path, pick: Pick, directory: Path) -> ExportChoice:
    """The articles of the export at ``path`` as wikitext files below ``directory``.

    The export's directory there is named by its path and its state (size, modification time):
    ``export-<path>-<state>/``. Each revision written is a directory of its own in it, named by
    its id, holding ``<title>.wikitext`` and its revision file: the same revision picked twice
    (the latest, and the newer side of a diff) is one file, whose index the cache keeps. What a
    pick chose is its manifest, ``pick-<checksum>.json``, read instead of the export the next
    time. The directories of the export's earlier states are removed. Raises ``SeedError`` for
    an export that cannot be read, and ``OSError`` where ``directory`` cannot be written."""
    import shutil

    where = os.path.abspath(path)
    try:
        stat = os.stat(path)
        state = f"{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        state = "?"  # reading it says why
    home = directory / f"export-{_crc(where)}-{_crc(f'{MANIFEST_FORMAT}|{state}')}"
    manifest = home / f"pick-{_crc(pick.key())}.json"
    known = _read_manifest(manifest, home)
    if known is not None:
        return known
    home.mkdir(parents=True, exist_ok=True)
    for old in directory.glob(f"export-{_crc(where)}-*"):
        if old != home and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    names: list[str] = []
    skipped = Skipped()
    found = False
    for item in pages(path, pick):
        if isinstance(item, Skipped):
            skipped = item
        elif isinstance(item, bool):
            found = item
        else:
            names.append(_write_revision(home, item))
    from kzct.files import write_json

    write_json(manifest, {"format": MANIFEST_FORMAT, "export": where, "articles": names,
                          "skipped": skipped._asdict(), "found_revision": found})
    return ExportChoice([home / n for n in names], skipped, found)


def _write_revision(home: Path, item: PageRevision) -> str:
    """Write one article into its revision's directory, unless it is there (a revision id names
    one text); its path below ``home``."""
    import shutil
    import tempfile

    from kzct.provenance import safe_file_name, write_article

    revid = item.revision.id
    folder = str(revid) if revid is not None else f"page-{_crc(item.title)}"
    name = safe_file_name(item.title)
    final = home / folder
    if not (final / name).is_file():
        work = Path(tempfile.mkdtemp(dir=home, prefix=".tmp-"))
        try:
            write_article(work, item.text, item.revision, name)
            try:
                os.replace(work, final)
            except OSError:  # written meanwhile by another kzct (or a stale folder): use it
                if not (final / name).is_file():
                    raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return f"{folder}/{name}"


def _read_manifest(manifest: Path, home: Path) -> ExportChoice | None:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            return None
        names = [str(n) for n in data["articles"]]
        skipped = Skipped(**{k: int(v) for k, v in data["skipped"].items()})
        if not all((home / n).is_file() for n in names):
            return None
        return ExportChoice([home / n for n in names], skipped, bool(data["found_revision"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
