"""Where the index cache lives, opening the chosen articles' index from it (``load_index``), the
words file of shell completion beside it, and keeping both small.

Everything is kept in kzct's own directory inside the cache directory (``kzct-cache/``, marked
as kzct's: see ``kzct.files``), and nothing outside it is ever written or removed. The index is
one SQLite database (see ``kzct.store.database``) named by the formats of the index and of the
store and by a key that covers kzct's version and the curated data: another kzct, of another
version, sharing the cache keeps its own database beside it, and neither removes the other's
while it is in use. Next to it, one small ``words-*.json`` per set of seeds holds the words
shell completion offers, so that a TAB never opens the database nor builds anything.

Nothing only grows: after a build, and otherwise once a day, the articles whose file is gone or
that were not used for ``MAX_AGE_DAYS`` are dropped, then the least recently used ones while the
database holds more than ``MAX_MEGABYTES``; words files go with their seeds, or when unused for as
long; so do the databases and place tables of other versions. ``kzct cache info`` shows what is
there, ``kzct cache clear`` removes it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from kzct import __version__
from kzct.context import Environment
from kzct.errors import CacheNotCleared
from kzct.files import MARKER, OWN_DIR, OWN_FILES, is_own, own_directory, write_json
from kzct.model import INDEX_FORMAT
from kzct.store.database import STORE_FORMAT, Index, Progress
from kzct.words import WORDS_FORMAT, read_words, seed_set, words_path

_DATA = Path(__file__).resolve().parent.parent / "data"
MAX_AGE_DAYS = 30
MAX_MEGABYTES = 1024  # a thousand articles take about 530 MB (each record as JSON text)
MAX_WORDS_FILES = 64
PAGES = "pages"  # where the articles of XML exports are written (kzct.exports.materialize)
_DAY = 86400


def cache_dir(env: Environment | None = None) -> Path:
    """``KZCT_CACHE_DIR``, else ``$XDG_CACHE_HOME/kzct``, else ``~/.cache/kzct``."""
    return (env if env is not None else Environment.read()).cache_dir_path()


def kzct_dir(env: Environment | None = None) -> Path:
    """kzct's own directory in the cache directory (``kzct.files``), made or not."""
    return cache_dir(env) / OWN_DIR


def data_key() -> str:
    """What the built records depend on besides the articles: version, formats (of the index,
    the store and the words files), curated data.

    A CRC of the data files' bytes (zlib is loaded with Python; a cryptographic hash would cost
    every command its import, and nothing here needs to resist tampering)."""
    key = zlib.crc32(f"{__version__}/{INDEX_FORMAT}/{STORE_FORMAT}/{WORDS_FORMAT}".encode())
    for path in sorted(p for p in _DATA.iterdir() if p.suffix in (".toml", ".json")):
        key = zlib.crc32(path.name.encode(), key)
        key = zlib.crc32(path.read_bytes(), key)
    return f"{key:08x}"


def database_name() -> str:
    """The database of this kzct: named by the formats of its index and its store (what another
    version of kzct can tell at a glance) and by the key of all it depends on (``data_key``)."""
    return f"index-{INDEX_FORMAT}.{STORE_FORMAT}-{data_key()}.sqlite"


def database_path(env: Environment | None = None) -> Path | None:
    """The cache database, its directory made; None when there is no usable directory. The
    databases of other versions are left where they are (``prune_others`` removes them once
    unused for ``MAX_AGE_DAYS``)."""
    directory = own_directory(cache_dir(env))
    return directory / database_name() if directory is not None else None


def places_dir(env: Environment | None = None) -> Path | None:
    """Where the place table is kept (kzct's directory, made), or None where it cannot be."""
    return own_directory(cache_dir(env))


# -- keeping it small ------------------------------------------------------------------------------

def maintain(index: Index, directory: Path, *, built: bool, now: int | None = None,
             max_age: int = MAX_AGE_DAYS * _DAY, max_bytes: int = MAX_MEGABYTES * 2**20) -> None:
    """Prune the database and the words files: after a build, else at most once a day."""
    from kzct.store.database import last_pruned, prune

    now = int(time.time()) if now is None else now
    try:
        if not built and last_pruned(index.conn) > now - _DAY:
            return
        prune(index.conn, [s.id for s in index.seeds], now=now, max_age=max_age,
              max_bytes=max_bytes)
    except (sqlite3.Error, OSError):  # a cache that cannot be pruned is still a cache
        return
    prune_words(directory, keep=seed_set([s.path for s in index.seeds]), now=now,
                max_age=max_age)
    prune_others(directory, keep=directory / database_name(), now=now, max_age=max_age)


def prune_others(directory: Path, *, keep: Path, now: int, max_age: int) -> list[Path]:
    """Remove the databases (other versions' or other data's) and the place tables not used for
    ``max_age`` seconds (by their files' times: a database in use is written at least once a
    day, a place table in use is touched once a day), never ``keep``, the one in use; and the
    temporary files of writers that never finished."""
    removed: list[Path] = []
    for database in directory.glob("index-*.sqlite"):
        if database == keep:
            continue
        files = [database, *(Path(f"{database}{end}") for end in ("-journal", "-wal", "-shm"))]
        times = []
        for path in files:
            try:
                times.append(path.stat().st_mtime)
            except OSError:
                pass
        if times and max(times) < now - max_age:
            for path in files:
                if path.exists():
                    _unlink(path, removed)
    for table in directory.glob("places-*.json"):
        try:
            if table.stat().st_mtime < now - max_age:
                _unlink(table, removed)
        except OSError:
            pass
    for tmp in directory.glob(".tmp-*"):  # left by a writer that was killed a day ago or more
        try:
            if tmp.stat().st_mtime < now - _DAY:
                _unlink(tmp, removed)
        except OSError:
            pass
    return removed


def prune_words(directory: Path, *, keep: list[str], now: int, max_age: int,
                max_files: int = MAX_WORDS_FILES) -> list[Path]:
    """Remove the words files whose seeds are gone or that were not used for ``max_age``
    seconds, and the oldest beyond ``max_files``; never the one of ``keep``."""
    kept = Path(words_path(str(directory), keep))
    removed: list[Path] = []
    survivors: list[tuple[float, Path]] = []
    for path in directory.glob("words-*.json"):
        if path == kept:
            continue
        try:
            mtime = path.stat().st_mtime
            with open(path, encoding="utf-8") as f:
                seeds = json.load(f).get("seeds") or []
        except (OSError, ValueError, AttributeError):
            seeds, mtime = [], 0.0
        if mtime < now - max_age or not seeds or not all(os.path.exists(s) for s in seeds):
            _unlink(path, removed)
        else:
            survivors.append((mtime, path))
    for _mtime, path in sorted(survivors, reverse=True)[max_files - 1:]:
        _unlink(path, removed)
    return removed


def _unlink(path: Path, removed: list[Path]) -> None:
    try:
        path.unlink()
        removed.append(path)
    except OSError:
        pass


class CacheFile(NamedTuple):
    path: Path
    size: int


def cache_files(directory: Path) -> list[CacheFile]:
    """kzct's files in its directory (databases, their journals, words files, place tables, and
    the articles of XML exports below ``pages/``: ``kzct.exports.materialize``); none where the
    directory is not kzct's."""
    out: list[CacheFile] = []
    if not is_own(directory):
        return out
    for pattern in (*OWN_FILES, f"{PAGES}/**/*"):
        for path in sorted(directory.glob(pattern)):
            try:
                if path.is_file() and not path.is_symlink():
                    out.append(CacheFile(path, path.stat().st_size))
            except OSError:
                pass
    return out


def info(env: Environment) -> dict[str, Any]:
    """What the cache holds, for ``kzct cache info``: without building or changing anything."""
    from kzct.store.database import database_bytes, stored_seeds

    directory = kzct_dir(env)
    files = cache_files(directory)
    database = directory / database_name()
    articles: list[dict[str, Any]] = []
    data_bytes = None
    if is_own(directory) and database.is_file():
        try:
            # as a URI (`#` or `%` in the directory's name escaped), read only
            conn = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
            try:
                articles = [{"name": s.name, "path": s.path, "exists": s.exists,
                             "last_used": time.strftime("%Y-%m-%d", time.gmtime(s.used))
                             if s.used else None} for s in stored_seeds(conn)]
                data_bytes = database_bytes(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            articles = []
    words = [f for f in files if f.path.name.startswith("words-")]
    return {
        "directory": str(directory),
        "database": str(database) if database.is_file() else None,
        "bytes": sum(f.size for f in files),
        "data_bytes": data_bytes,
        "articles": articles,
        "words_files": len(words),
        "max_age_days": MAX_AGE_DAYS,
        "max_megabytes": MAX_MEGABYTES,
    }


def clear(env: Environment) -> list[CacheFile]:
    """Remove kzct's directory from the cache directory: kzct's files in it, then, where nothing
    else is left, its marker and the directory itself. Nothing outside it is touched, and a
    directory of that name that is not kzct's is not touched at all. Returns the files removed;
    raises ``CacheNotCleared`` where some of kzct's files could not be removed (a read-only
    cache)."""
    directory = kzct_dir(env)
    removed = []
    failed: list[OSError] = []
    for file in cache_files(directory):
        try:
            file.path.unlink()
            removed.append(file)
        except FileNotFoundError:
            pass  # gone already (another kzct pruned it)
        except OSError as exc:
            failed.append(exc)
    if failed:
        reason = failed[0].strerror or str(failed[0])
        raise CacheNotCleared(f"cannot remove {len(failed)} of kzct's files in {directory}: "
                              f"{reason}")
    pages = directory / PAGES
    if is_own(directory) and pages.is_dir() and not pages.is_symlink():
        import shutil

        shutil.rmtree(pages, ignore_errors=True)  # the folders the articles of exports left
    if is_own(directory):
        try:
            if [p.name for p in directory.iterdir()] == [MARKER]:
                (directory / MARKER).unlink()
                directory.rmdir()
        except OSError:
            pass  # something else was put there: the marker stays with it
    return removed


# -- the words of shell completion ---------------------------------------------------------------

def completion_words(index: Index) -> dict[str, Any]:
    """What ``kzct.face.complete`` offers: the years that have events (a span counts for each of its
    years, as ``timeline --year`` does); the Chinese and English names of places and of groups,
    for ``timeline --place``/``--group``; and for ``show`` and ``search``, every entity's names,
    its main name first, so that any of them completes to the full name too."""
    years: set[int] = set()
    # streamed, record by record: over a thousand articles the records would not fit at once
    for event in index.events_within():
        if not event.date[:4].isdigit():
            continue
        first = int(event.date[:4])
        end = (event.end_date or "")[:4]
        last = int(end) if end.isdigit() else first
        years.update(range(first, max(first, last) + 1))
    places: list[str | None] = []
    groups: list[str | None] = []
    entities: dict[tuple[str, ...], None] = {}

    def usable(value: str | None) -> bool:
        return bool(value and value.strip() and "\n" not in value)

    def add(*names: str | None) -> None:
        clean = tuple(dict.fromkeys(n.strip() for n in names if n is not None and usable(n)))
        if clean:
            entities[clean] = None

    for entity in index.entities_of():
        these = [entity.name_zh, entity.name_en, entity.name_latin]
        add(entity.name_en or entity.name_latin or entity.name_zh, entity.name_zh,
            entity.name_latin, entity.name_en, *entity.aliases)
        if entity.kind == "place":
            places.extend(these[:2])
        elif entity.kind == "group":
            groups.extend(these[:2])
    for group in index.iter_groups():
        groups.extend((group.name_zh, group.name_en))
        add(group.name_en or group.name_zh, group.name_zh, group.name_latin, *group.aliases)

    def clean(values: list[str | None]) -> list[str]:
        return sorted({v.strip() for v in values if v is not None and usable(v)})

    return {"years": [str(y) for y in sorted(years)], "places": clean(places),
            "groups": clean(groups), "entities": [list(e) for e in entities]}


def write_words(directory: Path, index: Index, *, built: bool = True) -> None:
    """Write the words file of this seed set, unless it is there and of these very seeds (then
    only mark it used today, for pruning). Without a build (``built``), a words file that is
    there is taken as current, unread: over a thousand articles it is megabytes of JSON."""
    paths = seed_set([seed.path for seed in index.seeds])
    target = Path(words_path(str(directory), paths))
    if not built:
        try:
            if target.stat().st_mtime < time.time() - _DAY:
                os.utime(target)
            return
        except OSError:
            pass  # not there: written below
    stamp = {"data_key": data_key(), "digests": [seed.digest for seed in index.seeds]}
    current = read_words(paths, str(directory))
    if current is not None and all(current.get(k) == v for k, v in stamp.items()):
        return
    words = {"format": WORDS_FORMAT, "seeds": paths, **stamp, **completion_words(index)}
    try:
        write_json(target, words)
    except OSError:
        return  # as for the index: completion of values only waits for a writable cache


def load_index(paths: list[Path] | None = None, *, use_cache: bool = True,
               env: Environment | None = None, progress: Progress | None = None) -> Index:
    """The index of the seeds the user chose, from the cache database where it is up to date.
    ``paths``: the seed files, as ``kzct.seeds.find_seeds`` found them (the command has); None:
    found here, from ``KZCT_SEED``, else the bundled seed.

    ``env``: a ``kzct.context.Environment`` (read from the process when None); ``progress``: a
    ``kzct.store.database.Progress`` told about a build as it goes."""
    from kzct.seeds import is_regular, read_seed, seed_paths
    from kzct.store.database import SeedFile, open_index

    env = env if env is not None else Environment.read()
    files = list(paths) if paths is not None else seed_paths(None, env.seed)
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        # Two seeds with one file name: tell them apart by their place in the list.
        names = [f"{i + 1}:{n}" for i, n in enumerate(names)]
    # a pipe (`--seed -`, `<(cat seed)`) is read here, once: its text goes where it is built
    seeds = [SeedFile(name=n, path=os.path.abspath(f),
                      text=None if is_regular(f) or not os.path.exists(f) else read_seed(f).text)
             for n, f in zip(names, files)]
    database = database_path(env) if use_cache else None
    built: list[bool] = []
    if progress is not None or database is not None:
        progress = _Watch(progress, built)
    # The place table is derived from the installed gazetteer libraries and named by their
    # versions, so it is never stale: it is kept even when the index is not (--no-cache).
    index = open_index(seeds, database, places_dir(env), progress)
    directory = cache_dir(env)
    if use_cache and database is None and directory.exists() and not directory.is_dir():
        # a cache directory that is a file: no cache, each run builds (said, not silent)
        index.warnings.append(f"the cache directory {directory} is not a directory: kzct "
                              "builds the index in memory on every run")
    if database is not None:
        write_words(database.parent, index, built=bool(built))
        maintain(index, database.parent, built=bool(built))
    return index


class _Watch:
    """Passes a build's progress on, and notes that there was a build."""

    def __init__(self, inner: Progress | None, built: list[bool]) -> None:
        self.inner, self.built = inner, built

    def start(self, articles: int, size: int) -> None:
        self.built.append(True)
        if self.inner is not None:
            self.inner.start(articles, size)

    def advance(self, size: int) -> None:
        if self.inner is not None:
            self.inner.advance(size)

    def finish(self) -> None:
        if self.inner is not None:
            self.inner.finish()
