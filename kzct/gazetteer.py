"""Curated facts the text lacks: kinds, English names, alternative spellings (``kzct/data/``).

Curated data never adds a mention or a fact: it only names what the seed already mentions.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data"


class Curated(NamedTuple):
    """One curated person, place or group."""

    kind: str  # person, place, group
    zh: tuple[str, ...]
    latin: tuple[str, ...]
    en: str | None
    aliases: tuple[str, ...]
    role: str | None = None
    place_type: str | None = None
    status: str | None = None
    status_text: str | None = None
    evidence: str | None = None
    article_latin_is_english: bool = True

    @property
    def forms(self) -> tuple[str, ...]:
        """The forms the article writes: what a mention can be."""
        return self.zh + self.latin


class Gazetteer(NamedTuple):
    entries: tuple[Curated, ...]
    corrections: dict[str, str]
    not_people: frozenset[str]
    other_names: frozenset[str] = frozenset()

    def of_kind(self, kind: str) -> list[Curated]:
        return [e for e in self.entries if e.kind == kind]


def _entry(kind: str, raw: dict[str, object]) -> Curated:
    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key) or []
        assert isinstance(value, list)
        return tuple(str(v) for v in value)

    def text(key: str) -> str | None:
        value = raw.get(key)
        return str(value) if value is not None else None

    return Curated(
        kind=kind, zh=strings("zh"), latin=strings("latin"), en=text("en"),
        aliases=strings("aliases"), role=text("role"), place_type=text("type"),
        status=text("status"), status_text=text("status_text"), evidence=text("evidence"),
        article_latin_is_english=bool(raw.get("article_latin_is_english", True)),
    )


@lru_cache(maxsize=1)
def load_gazetteer(data: Path = DATA) -> Gazetteer:
    with open(data / "gazetteer.toml", "rb") as f:
        places = tomllib.load(f)
    with open(data / "groups.toml", "rb") as f:
        groups = tomllib.load(f)
    with open(data / "not_people.toml", "rb") as f:
        not_people = tomllib.load(f)
    entries = [_entry("person", e) for e in places.get("person", [])]
    entries += [_entry("place", e) for e in places.get("place", [])]
    entries += [_entry("group", e) for e in groups.get("group", [])]
    return Gazetteer(
        entries=tuple(entries),
        corrections=dict(groups.get("corrections", {})),
        not_people=frozenset(not_people.get("names", [])),
        other_names=frozenset(not_people.get("other_names", [])),
    )
