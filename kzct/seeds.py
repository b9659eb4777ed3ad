"""Finding and reading the seed: the bundled article, ``--seed PATH`` or ``KZCT_SEED``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from kzct.errors import SeedError

SEED_NAME = "kazakhstan-terrorism.zhwiki.wikitext"
SEED_ENV = "KZCT_SEED"


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


def seed_paths(cli_paths: list[Path] | None = None) -> list[Path]:
    """The seed files to load: ``--seed`` wins over ``KZCT_SEED``, which wins over the bundled one.

    ``KZCT_SEED`` may hold several paths separated by ``os.pathsep``; a directory stands for the
    wikitext files in it.
    """
    raw: list[Path]
    if cli_paths:
        raw = list(cli_paths)
    elif os.environ.get(SEED_ENV):
        raw = [Path(p) for p in os.environ[SEED_ENV].split(os.pathsep) if p]
    else:
        return [bundled_seed()]
    paths: list[Path] = []
    for path in raw:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not found:
                raise SeedError(f"seed directory {path} holds no files")
            paths.extend(found)
        else:
            paths.append(path)
    return paths


def read_seed(path: Path) -> Seed:
    """Read one seed file, turning every way it can fail into a one-line ``SeedError``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SeedError(f"seed file {path} does not exist") from None
    except IsADirectoryError:
        raise SeedError(f"seed file {path} is a directory") from None
    except PermissionError:
        raise SeedError(f"seed file {path} is not readable (permission denied)") from None
    except OSError as exc:
        raise SeedError(f"seed file {path} cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise SeedError(f"seed file {path} is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(
            f"seed file {path} is not UTF-8 text (bad byte at offset {exc.start})"
        ) from None
    return Seed(path=path, name=path.name, text=text)
