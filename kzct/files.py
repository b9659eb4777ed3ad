"""Writing a cache file whole or not at all: to a temporary file beside it, then renamed over it,
so that a reader never sees half a file and two writers never mix theirs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json(path: Path, data: Any) -> None:
    """``data`` as compact UTF-8 JSON at ``path`` (its directory created). Raises ``OSError``
    where the directory cannot be written; the caller decides what that costs."""
    import tempfile  # only when a file is written: a warm query writes none

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{path.stem}-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            # dumps, not dump: the one call runs in C, the streaming one in Python
            f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text(path: Path, text: str) -> None:
    """Replace the file at ``path`` with ``text`` (UTF-8, line endings as given), whole or not
    at all, keeping its permissions: a reader, or an editor that has it open, never sees half of
    it. Raises ``OSError`` as ``write_json`` does."""
    import stat
    import tempfile

    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
