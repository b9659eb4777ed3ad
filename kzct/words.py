"""The completion words of a set of seeds: a small JSON file beside the index, written when the
index is (``kzct.store.cache``) and read on every TAB (``kzct.face.complete``), which must not pay for
importing the index."""

from __future__ import annotations

import json
import os
import zlib
from typing import Any

WORDS_FORMAT = 2


def seed_set(paths: list[str]) -> list[str]:
    """The identity of a set of seed files: their absolute paths, in order."""
    return [os.path.abspath(p) for p in paths]


def words_path(directory: str, seeds: list[str]) -> str:
    """The words file of the seed set ``seeds`` (absolute paths). The file repeats ``seeds``,
    so the short checksum in its name only has to tell sets apart, not be unguessable."""
    key = zlib.crc32("\0".join(seeds).encode("utf-8", "surrogateescape"))
    return os.path.join(directory, f"words-{key:08x}.json")


def read_words(seeds: list[str], directory: str) -> dict[str, Any] | None:
    """The words file of ``seeds``, or None where there is none (yet) or it is unusable."""
    try:
        with open(words_path(directory, seeds), encoding="utf-8") as f:
            words = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(words, dict) or words.get("format") != WORDS_FORMAT \
            or words.get("seeds") != seeds:
        return None
    return words
