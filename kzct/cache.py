"""The on-disk cache of built seed indexes.

One file per article, keyed by the article's content hash, the index format, kzct's version and
the curated data, so that changing one article rebuilds only that one. Files are written
atomically; a corrupt, truncated or stale file is rebuilt silently, and a cache directory that
cannot be written only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from kzct import __version__
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
    return Index(seeds=built)
