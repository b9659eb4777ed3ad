"""kzct's own directory in the cache directory, and writing a cache file there whole or not at all.

Every file kzct keeps (the index databases, the completion words, the place table) is in one
subdirectory of the cache directory, ``kzct-cache/``, marked as kzct's by a ``CACHEDIR.TAG``
(the Cache Directory Tagging Specification, which backup tools obey): the cache directory may be
one the user keeps other files in (``KZCT_CACHE_DIR=~/data``), and kzct never touches those. A
``kzct-cache`` directory without kzct's marker is not kzct's: it is left alone, and kzct runs
without a cache.

A file is written whole: to a temporary file beside it, then renamed over it, so that a reader
never sees half a file and two writers never mix theirs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

OWN_DIR = "kzct-cache"
MARKER = "CACHEDIR.TAG"
_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
MARKER_TEXT = (f"{_SIGNATURE}\n"
               "# This file is a cache directory tag created by kzct.\n"
               "# Everything in this directory is kzct's cache: `kzct cache clear` removes it.\n"
               "# For information about cache directory tags, see https://bford.info/cachedir/\n")
# kzct's files in its directory, by name: only these are ever removed
OWN_FILES = ("index-*.sqlite", "index-*.sqlite-journal", "index-*.sqlite-wal",
             "index-*.sqlite-shm", "words-*.json", "places-*.json", ".tmp-*")


def is_own(directory: Path) -> bool:
    """Whether ``directory`` is kzct's: a directory (not a link to one) holding kzct's marker."""
    try:
        if directory.is_symlink() or not directory.is_dir():
            return False
        with open(directory / MARKER, encoding="utf-8", errors="replace") as f:
            head = f.read(len(MARKER_TEXT) + 1)
    except OSError:
        return False
    return head.startswith(_SIGNATURE) and "created by kzct" in head


def own_directory(cache_dir: Path) -> Path | None:
    """kzct's directory in ``cache_dir``, made (with its marker) where there is none yet; None
    where it cannot be made, or where a directory of that name is not kzct's."""
    import time

    directory = cache_dir / OWN_DIR
    if is_own(directory):
        return directory
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        directory.mkdir()
    except FileExistsError:
        # another kzct may have made it a moment ago: its marker follows at once
        for _ in range(10):
            time.sleep(0.005)
            if is_own(directory):
                return directory
        return None
    except OSError:
        return None
    try:
        write_text(directory / MARKER, MARKER_TEXT)
    except OSError:
        return None
    return directory


def write_json(path: Path, data: Any) -> None:
    """``data`` as compact UTF-8 JSON at ``path`` (its directory created). Raises ``OSError``
    where the directory cannot be written; the caller decides what that costs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # dumps, not dump: the one call runs in C, the streaming one in Python
    write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def new_file_mode() -> int:
    """The permissions a new file gets from ``open`` (0666 less the umask): a temporary file is
    made 0600, and one renamed into place keeps them unless told otherwise."""
    umask = os.umask(0o022)  # reading the umask means setting it: set it back at once
    os.umask(umask)
    return 0o666 & ~umask


def write_text(path: Path, text: str) -> None:
    """Write ``text`` at ``path`` (UTF-8, line endings as given), whole or not at all, keeping
    the permissions of the file it replaces: a reader, or an editor that has it open, never sees
    half of it. Raises ``OSError`` as ``write_json`` does."""
    import stat
    import tempfile  # only when a file is written: a warm query writes none

    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = new_file_mode()  # a new file: the permissions any program would give it
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
