"""The on-disk cache of built seed indexes.

One file per article, keyed by the article's content hash, the index format, kzct's version and
the curated data, so that changing one article rebuilds only that one. Files are written
atomically; a corrupt, truncated or stale file is rebuilt silently, and a cache directory that
cannot be written only costs speed.

Next to them, one small ``words-*.json`` per set of seeds holds the words shell completion offers
(see ``kzct.complete``), so that a TAB never has to load or build an index.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

from kzct import __version__
from kzct.complete import WORDS_FORMAT, read_words, seed_set, words_path
from kzct.index import INDEX_FORMAT, Index, SeedIndex

CACHE_ENV = "KZCT_CACHE_DIR"
NO_CACHE_ENV = "KZCT_NO_CACHE"
_DATA = Path(__file__).resolve().parent / "data"


def cache_dir() -> Path:
    """``KZCT_CACHE_DIR``, else ``$XDG_CACHE_HOME/kzct``, else ``~/.cache/kzct``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzct"


def _data_key() -> str:
    digest = hashlib.sha256(f"{__version__}/{INDEX_FORMAT}".encode())
    for path in sorted(_DATA.glob("*.toml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_file(directory: Path, name: str, digest: str, key: str) -> Path:
    name_key = hashlib.sha256(name.encode()).hexdigest()[:8]
    return directory / f"seed-{digest[:24]}-{name_key}-{key}.pickle"


def _read(path: Path, digest: str) -> SeedIndex | None:
    try:
        with open(path, "rb") as f:
            value = pickle.load(f)
    except Exception:  # noqa: BLE001 - any unreadable cache file is simply rebuilt
        return None
    if isinstance(value, SeedIndex) and value.digest == digest:
        return value
    return None


def _write(path: Path, value: SeedIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return  # read-only or full cache directory: the index still works, only slower


def cached_index(seeds: list[tuple[str, str, str, str]]) -> Index:
    """The index of ``seeds`` (name, path, text, digest), from the cache where it is fresh."""
    from kzct.index import _traditional_converter, build_seed_index

    directory = cache_dir()
    key = _data_key()
    built: list[SeedIndex] = []
    converter = None
    for name, path, text, digest in seeds:
        file = _cache_file(directory, name, digest, key)
        seed_index = _read(file, digest)
        if seed_index is None:
            if converter is None:
                converter = _traditional_converter()
            seed_index = build_seed_index(name, path, text, digest, converter)
            _write(file, seed_index)
        seed_index.path = path
        built.append(seed_index)
    index = Index(seeds=built)
    _write_words(directory, key, seeds, index)
    return index


# -- the words of shell completion ---------------------------------------------------------------

def completion_words(index: Index) -> dict[str, list[str]]:
    """What ``kzct.complete`` offers: the years that have events (a span counts for each of its
    years, as ``timeline --year`` does); the Chinese and English names of places and of groups,
    for ``timeline --place``/``--group``; and every name and alias ``show`` and ``search`` know."""
    years: set[int] = set()
    for event in (e for seed in index.seeds for e in seed.events):
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


def _write_words(directory: Path, key: str, seeds: list[tuple[str, str, str, str]],
                 index: Index) -> None:
    """Write the words file of this seed set, unless it is there and of these very seeds."""
    paths = seed_set([path for _, path, _, _ in seeds])
    stamp = {"data_key": key, "digests": [digest for *_, digest in seeds]}
    current = read_words(paths, str(directory))
    if current is not None and all(current.get(k) == v for k, v in stamp.items()):
        return
    words = {"format": WORDS_FORMAT, "seeds": paths, **stamp, **completion_words(index)}
    target = Path(words_path(str(directory), paths))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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
        return  # as for the seed indexes: completion of values only waits for a writable cache
