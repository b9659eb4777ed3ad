"""Where the index cache lives, and the words file of shell completion beside it.

The cache is one SQLite database (see ``kzct.store``) named by a key that covers kzct's version,
the index format and the curated data, so that a change to any of them starts a fresh database
(older ones are removed). Next to it, one small ``words-*.json`` per set of seeds holds the words
shell completion offers, so that a TAB never opens the database nor builds anything.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from kzct import __version__
from kzct.complete import WORDS_FORMAT, read_words, seed_set, words_path
from kzct.index import INDEX_FORMAT
from kzct.store import Index

CACHE_ENV = "KZCT_CACHE_DIR"
_DATA = Path(__file__).resolve().parent / "data"


def cache_dir() -> Path:
    """``KZCT_CACHE_DIR``, else ``$XDG_CACHE_HOME/kzct``, else ``~/.cache/kzct``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzct"


def data_key() -> str:
    """What the built records depend on besides the articles: version, format, curated data.

    A CRC of the data files' bytes (zlib is loaded with Python; a cryptographic hash would cost
    every command its import, and nothing here needs to resist tampering)."""
    key = zlib.crc32(f"{__version__}/{INDEX_FORMAT}".encode())
    for path in sorted(p for p in _DATA.iterdir() if p.suffix in (".toml", ".json")):
        key = zlib.crc32(path.name.encode(), key)
        key = zlib.crc32(path.read_bytes(), key)
    return f"{key:08x}"


def database_path() -> Path | None:
    """The cache database, its directory created; None when there is no usable directory."""
    directory = cache_dir()
    target = directory / f"index-{data_key()}.sqlite"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not target.exists():
        for old in directory.glob("index-*.sqlite"):  # built with other data: never used again
            try:
                old.unlink()
            except OSError:
                pass
    return target


def places_dir() -> Path | None:
    """Where the place table is kept (the cache directory, created), or None where it cannot be."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return directory


# -- the words of shell completion ---------------------------------------------------------------

def completion_words(index: Index) -> dict[str, list[str]]:
    """What ``kzct.complete`` offers: the years that have events (a span counts for each of its
    years, as ``timeline --year`` does); the Chinese and English names of places and of groups,
    for ``timeline --place``/``--group``; and every name and alias ``show`` and ``search`` know."""
    years: set[int] = set()
    for event in index.events:
        if not event.date[:4].isdigit():
            continue
        first = int(event.date[:4])
        last = int(event.end_date[:4]) if (event.end_date or "")[:4].isdigit() else first
        years.update(range(first, max(first, last) + 1))
    places: list[str] = []
    groups: list[str] = []
    names: list[str] = []
    for entity in index.entities:
        these = [entity.name_zh, entity.name_en, entity.name_latin]
        names.extend((*these, *entity.aliases))
        if entity.kind == "place":
            places.extend(these[:2])
        elif entity.kind == "group":
            groups.extend(these[:2])
    for group in index.groups:
        groups.extend((group.name_zh, group.name_en))
        names.extend((group.name_zh, group.name_en, group.name_latin, *group.aliases))

    def clean(values: list[str | None]) -> list[str]:
        return sorted({v.strip() for v in values if v and v.strip() and "\n" not in v})

    return {"years": [str(y) for y in sorted(years)], "places": clean(places),
            "groups": clean(groups), "names": clean(names)}


def write_words(directory: Path, index: Index) -> None:
    """Write the words file of this seed set, unless it is there and of these very seeds."""
    paths = seed_set([seed.path for seed in index.seeds])
    stamp = {"data_key": data_key(), "digests": [seed.digest for seed in index.seeds]}
    current = read_words(paths, str(directory))
    if current is not None and all(current.get(k) == v for k, v in stamp.items()):
        return
    words = {"format": WORDS_FORMAT, "seeds": paths, **stamp, **completion_words(index)}
    target = Path(words_path(str(directory), paths))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(words, f, ensure_ascii=False)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return  # as for the index: completion of values only waits for a writable cache
