"""Where an article's text came from: the revision of the wiki page it is, kept beside it.

``kzct fetch`` and an XML export given to ``--seed`` write each article as ``<title>.wikitext``,
and beside it a small hidden JSON file, ``.<title>.wikitext.revision.json``, that holds its
``Revision`` (page title, revision id, timestamp, permanent link). The text stays byte for byte
as the wiki served it; the build reads the revision from the file beside it and puts it in the
records that show provenance (each reference's ``revision``). A hidden file, so that a directory
of fetched articles given to ``--seed`` does not report it as a file it skipped.

File names are made from titles here (``safe_file_name``), so that no title can name a file
outside the directory it is written to.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path

from kzct.model import Revision

SIDECAR_SUFFIX = ".revision.json"
ARTICLE_SUFFIX = ".wikitext"
# The longest file name most file systems take (bytes), less what the sidecar adds to the name.
_NAME_BYTES = 255 - len(ARTICLE_SUFFIX) - len(SIDECAR_SUFFIX) - 1
# Characters never written into a file name: the separators, `%` (the escape itself), and what
# Windows and macOS refuse or read specially (`:` names a stream, `*?"<>|` are wildcards).
_ESCAPED = frozenset('%/\\:*?"<>|')


def sidecar_path(path: Path) -> Path:
    """The revision file of the article at ``path``: ``.NAME.revision.json`` beside it."""
    return path.with_name(f".{path.name}{SIDECAR_SUFFIX}")


def read_revision(path: Path) -> Revision | None:
    """The revision recorded beside the article at ``path``; None where there is none, or it
    is not a revision file kzct wrote (a provenance that cannot be read is no provenance)."""
    try:
        data = json.loads(sidecar_path(path).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        return None
    revid, stamp, url = data.get("id"), data.get("timestamp"), data.get("url")
    return Revision(title=data["title"],
                    id=revid if isinstance(revid, int) and not isinstance(revid, bool) else None,
                    timestamp=stamp if isinstance(stamp, str) else None,
                    url=url if isinstance(url, str) else None)


def seed_digest(text: str, path: Path) -> str:
    """What identifies an article's build: its text and, where there is one, its revision file
    (a page saved again with the same text is another revision, with other provenance)."""
    digest = hashlib.sha256(text.encode("utf-8"))
    try:
        digest.update(b"\0" + sidecar_path(path).read_bytes())
    except OSError:
        pass
    return digest.hexdigest()


def safe_file_name(title: str) -> str:
    """A file name for the page ``title``, ending in ``.wikitext``: the title as it is, but for
    the characters of ``_ESCAPED``, control characters, a leading dot and trailing dots or
    spaces, written as ``%XX`` (so that two titles never share a name); a title too long for a
    file name is cut, with a checksum of the whole. Never a path: `a/b`, `..` and `C:x` stay in
    the directory they are written to."""
    out = []
    for position, ch in enumerate(title):
        escape = ch in _ESCAPED or ord(ch) < 0x20 or ord(ch) == 0x7F or (
            position == 0 and ch == ".")
        out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")) if escape else ch)
    name = "".join(out)
    trail = len(name) - len(name.rstrip(". "))
    if trail:
        name = name[:-trail] + "".join(f"%{ord(ch):02X}" for ch in name[-trail:])
    if not name:
        name = "%00"  # no title is empty; a file name must not be
    if len(name.encode("utf-8")) > _NAME_BYTES:
        checksum = f"~{zlib.crc32(title.encode('utf-8')):08x}"
        cut = name.encode("utf-8")[:_NAME_BYTES - len(checksum)].decode("utf-8", "ignore")
        name = cut.rstrip(". ") + checksum
    return name + ARTICLE_SUFFIX


def write_article(directory: Path, text: str, revision: Revision,
                  name: str | None = None) -> Path:
    """Write ``text`` whole as ``directory/<safe title>.wikitext`` (or ``name``) and its
    revision beside it: each to a temporary file first, then renamed, so that no reader ever
    sees half of either. Raises ``OSError`` where the directory cannot be written."""
    import tempfile

    from kzct.files import new_file_mode
    from kzct.model import to_json

    target = directory / (name or safe_file_name(revision.title))
    if target.parent.resolve() != directory.resolve():  # safe_file_name makes this impossible
        raise OSError(f"{target.name!r} is not a file name")
    pieces = [(sidecar_path(target), json.dumps(to_json(revision), ensure_ascii=False).encode()),
              (target, text.encode("utf-8"))]
    temporary: list[str] = []
    mode = new_file_mode()  # the user's files: as any program would make them, not 0600
    try:
        for _path, data in pieces:
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-kzct-")
            temporary.append(tmp)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, mode)
        for (path, _data), tmp in zip(pieces, temporary):
            os.replace(tmp, path)
    finally:
        for tmp in temporary:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target
