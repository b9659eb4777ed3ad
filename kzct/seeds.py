"""Finding and reading the seed: the bundled article, ``--seed PATH`` or ``KZCT_SEED``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from kzct.errors import SeedError, unreadable

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
    # the page files an XML export's articles were written to → that export
    exported: dict[Path, Path] = {}


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
        raw = [seed_path(p) for p in cli_paths]
    elif env_value:  # `KZCT_SEED=:` names no file: the bundled seed, as when it is unset
        raw = [seed_path(p) for p in env_value.split(os.pathsep) if p]
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


# The largest article kzct reads: a bound, so that a runaway input (a file that keeps growing,
# `--seed <(cat /dev/zero)`) ends in one line, not in the memory running out. MediaWiki itself
# refuses pages over 2 MB by default ($wgMaxArticleSize); a 50 MB article builds in two minutes.
MAX_SEED_BYTES = 64 * 2**20
# How long a named pipe (mkfifo) may stay silent before kzct says that nothing writes to it.
FIFO_WAIT = 5.0
STDIN = "-"  # `--seed -`: the article on standard input


def seed_path(value: str | os.PathLike[str]) -> Path:
    """The path a ``--seed`` value names: ``-`` is standard input (``/dev/stdin``)."""
    return Path("/dev/stdin") if os.fspath(value) == STDIN else Path(value)


def is_regular(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a regular file (a link to one counts), which can be read again at
    will; anything else (a pipe, ``/dev/stdin``, ``<(cat seed)``) is read once."""
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_seed(path: Path, *, wait: float = FIFO_WAIT, limit: int = MAX_SEED_BYTES,
              what: str = "seed file") -> Seed:
    """Read one seed file, turning every way it can fail into a one-line ``SeedError`` (that
    calls it ``what``).

    A regular file is read; so is a pipe (``-``, ``/dev/stdin``, ``<(cat seed)``), to its end,
    and a named pipe once something writes to it (``wait`` seconds at most for the first byte).
    A device (``/dev/zero``, a terminal), a socket or a file larger than ``limit`` bytes is
    refused at once.
    """
    data = _read_bytes(path, wait, limit, what)
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


def _read_bytes(path: Path, wait: float, limit: int, what: str) -> bytes:
    import stat

    try:
        # not blocking: opening a named pipe waits for a writer, which may never come
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        raise unreadable(path, exc, what) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SeedError(f"{what} {path} is a directory")
        if stat.S_ISREG(mode):
            if os.fstat(fd).st_size > limit:
                raise _too_large(path, limit, what)
        elif stat.S_ISFIFO(mode):
            _wait_for_writer(fd, path, wait, what)
        elif _is_devnull(mode, fd):
            return b""  # `--seed - < /dev/null`: empty, said as such
        elif os.isatty(fd):
            raise SeedError(f"{what} {path} is a terminal: give the article on a pipe "
                            f"(kzct --seed - groups < article.wikitext) or as a file")
        else:
            kind = ("a character device" if stat.S_ISCHR(mode) else
                    "a block device" if stat.S_ISBLK(mode) else
                    "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
            raise SeedError(f"{what} {path} is {kind}, not a file: give a wikitext file, "
                            f"a directory of them, or - for standard input")
        os.set_blocking(fd, True)
        # a file in one read (one copy of its bytes in memory), a pipe a megabyte at a time
        step = limit + 1 if stat.S_ISREG(mode) else 1 << 20
        chunks = []
        size = 0
        while True:  # never more than the limit (and a byte), whatever the file claims
            chunk = os.read(fd, min(step, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _too_large(path, limit, what)
        return b"".join(chunks)
    except OSError as exc:
        raise SeedError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _is_devnull(mode: int, fd: int) -> bool:
    import stat

    try:
        null, this = os.stat(os.devnull), os.fstat(fd)
    except OSError:
        return False
    return stat.S_ISCHR(mode) and (this.st_rdev, this.st_ino) == (null.st_rdev, null.st_ino)


def _too_large(path: Path, limit: int, what: str) -> SeedError:
    return SeedError(f"{what} {path} is larger than {limit // 2**20} MiB, the most kzct "
                     f"reads as one article")


def _wait_for_writer(fd: int, path: Path, wait: float, what: str) -> None:
    """Wait until a pipe has something to read, or its writer has closed it: a pipe from a
    process (`<(cat seed)`, ``/dev/stdin``) at once, however slow its writer is; a named pipe
    for ``wait`` seconds at most, since nothing may ever write to it."""
    import select

    if _anonymous_pipe(fd):
        return  # its writer exists (or existed): the blocking read ends at its end
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if not poller.poll(max(0, int(wait * 1000))):
        raise SeedError(f"{what} {path} is a named pipe that nothing wrote to in "
                        f"{wait:g} s: start its writer first, or give a file")


def _anonymous_pipe(fd: int) -> bool:
    """Whether ``fd`` is a pipe between processes rather than a named pipe (Linux says so
    in /proc; elsewhere every pipe is taken as a named one)."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:")
    except OSError:
        return False
