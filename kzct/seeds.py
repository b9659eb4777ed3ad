"""Finding and reading the seed: the bundled article, ``--seed PATH`` or ``KZCT_SEED``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from kzct.errors import SeedError

SEED_NAME = "kazakhstan-terrorism.zhwiki.wikitext"
# What a directory seed takes: wikitext by its usual extensions (and plain text). Anything else
# in the directory (a README, notes, images) is skipped, and said so on stderr.
WIKITEXT_SUFFIXES = (".wikitext", ".wiki", ".mediawiki", ".txt")
# MediaWiki XML exports and dumps, told by their names alone (``kzct.exports`` reads them)
EXPORT_SUFFIXES = (".xml", ".xml.bz2", ".xml.gz")


def bundled_seed() -> Path:
    """The article that ships with kzct: inside the wheel, or ``seeds/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds" / SEED_NAME, here.parent / "seeds" / SEED_NAME):
        if candidate.is_file():
            return candidate
    raise SeedError(f"bundled seed {SEED_NAME} not found: reinstall kzct or pass --seed PATH")


class Seed(NamedTuple):
    """One article: where it came from, its name and its wikitext."""

    path: Path
    name: str
    text: str


class SeedChoice(NamedTuple):
    """The seed files to load, and the files of seed directories that were left out; whether
    none was named, so that the bundled article is loaded."""

    paths: list[Path]
    skipped: list[Path]
    bundled: bool = False


def is_wikitext(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(WIKITEXT_SUFFIXES)


def is_export(path: Path) -> bool:
    """Whether ``path`` is named as an XML export or dump is: nothing is opened to tell."""
    return path.name.lower().endswith(EXPORT_SUFFIXES)


def find_seeds(cli_paths: list[Path] | None = None, env_value: str | None = None, *,
               what: str = "seed file") -> SeedChoice:
    """The seed files to load: ``--seed`` wins over ``KZCT_SEED`` (``env_value``, several paths
    separated by ``os.pathsep``), which wins over the bundled one.

    A directory stands for its wikitext files (``WIKITEXT_SUFFIXES``); the other files are
    returned as ``skipped``. A file named twice (or by two paths) is loaded once. ``what`` the
    messages call a file (`kzct check FILE` checks a file, not a seed).
    """
    directory = what.replace("file", "directory")
    raw: list[Path] = []
    if cli_paths:
        raw = list(cli_paths)
    elif env_value:  # `KZCT_SEED=:` names no file: the bundled seed, as when it is unset
        raw = [Path(p) for p in env_value.split(os.pathsep) if p]
    if not raw:
        return SeedChoice([bundled_seed()], [], bundled=True)
    paths: list[Path] = []
    skipped: list[Path] = []
    for path in raw:
        if path.is_dir():
            try:
                files = sorted(p for p in path.iterdir()
                               if p.is_file() and not p.name.startswith("."))
            except OSError as exc:
                raise SeedError(f"cannot read {directory} {path}: "
                                f"{exc.strerror or exc}") from None
            found = [p for p in files if is_wikitext(p.name)]
            skipped.extend(p for p in files if not is_wikitext(p.name))
            if not found:
                raise SeedError(f"{directory} {path} holds no wikitext files "
                                f"({', '.join(WIKITEXT_SUFFIXES)})")
            paths.extend(found)
        else:
            paths.append(path)
    # a file named twice, by two paths or two links in one directory, is loaded once
    return SeedChoice(unique_paths(paths), skipped)


def file_key(path: str | os.PathLike[str]) -> tuple[int, int] | str:
    """What makes two paths the same file (`a.wikitext`, `./a.wikitext`, a link to it): its
    device and inode; a path that cannot be read stands for itself (its error comes later)."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return os.path.abspath(path)
    return (stat.st_dev, stat.st_ino)


def unique_paths(paths: list[Path]) -> list[Path]:
    """``paths`` without a file named a second time, by any path; the first one kept."""
    seen: set[tuple[int, int] | str] = set()
    out: list[Path] = []
    for path in paths:
        key = file_key(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def seed_paths(cli_paths: list[Path] | None = None, env_value: str | None = None) -> list[Path]:
    """The seed files to load (see ``find_seeds``)."""
    return find_seeds(cli_paths, env_value).paths


def read_seed(path: Path, *, what: str = "seed file") -> Seed:
    """Read one seed file, turning every way it can fail into a one-line ``SeedError`` (that
    calls it ``what``)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SeedError(f"{what} {path} does not exist") from None
    except IsADirectoryError:
        raise SeedError(f"{what} {path} is a directory") from None
    except PermissionError:
        raise SeedError(f"{what} {path} is not readable (permission denied)") from None
    except OSError as exc:
        raise SeedError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise SeedError(f"{what} {path} is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(
            f"{what} {path} is not UTF-8 text (bad byte at offset {exc.start})"
        ) from None
    return Seed(path=path, name=path.name, text=text)


# The bundled article as messages name it: where it lies in kzct's source, not a path inside an
# installation (site-packages).
BUNDLED_NAME = f"seeds/{SEED_NAME}"
