"""Building an article's records (``SeedIndex``) and opening the ``Index`` of the chosen articles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kzct.model import Entity, Event, Group, Ref, Sentence
from kzct.text import fold, has_cjk  # noqa: F401 - the folding of names, for the modules that import it here

if TYPE_CHECKING:
    from kzct.store import Index

INDEX_FORMAT = 10  # bump when the stored records change shape, or the place table (kzct.gazetteer)


class SeedIndex(NamedTuple):
    """Everything extracted from one article."""

    name: str
    path: str
    digest: str
    sentences: list[Sentence]
    refs: dict[str, Ref]
    unresolved: list[str]
    events: list[Event]
    groups: list[Group]
    entities: list[Entity]
    # traditional → simplified, for every character of this article's Chinese names
    t2s: dict[str, str]
    warnings: tuple[str, ...] = ()  # what the reader of the seed should know (removed characters)


class Builder:
    """What building articles needs, made once and shared by the articles a process builds:
    OpenCC's converters, the curated data and the place table (read from ``cache_dir`` when it
    was written there before)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        from kzct.text import Scripts

        self.scripts = Scripts()
        self.cache_dir = cache_dir
        self._gazetteer: Any = None
        self._places: Any = None
        self._names: Any = None

    @property
    def gazetteer(self):  # type: ignore[no-untyped-def]
        if self._gazetteer is None:
            from kzct.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        return self._gazetteer

    @property
    def places(self):  # type: ignore[no-untyped-def]
        if self._places is None:
            from kzct.gazetteer import load_places

            self._places = load_places(self.cache_dir, self.scripts)
        return self._places

    @property
    def names(self):  # type: ignore[no-untyped-def]
        """Every name known before reading an article, ready for longest match."""
        if self._names is None:
            from kzct.extract.entities import Names

            self._names = Names(self.gazetteer, self.places, self.scripts)
        return self._names


def build_seed_index(name: str, path: str, text: str, digest: str,
                     builder: Builder | None = None) -> SeedIndex:
    """Parse and extract one article. Never raises on any text."""
    from kzct.extract.entities import extract_entities
    from kzct.extract.events import date_sentences, extract_events
    from kzct.extract.groups import extract_groups
    from kzct.wikitext import parse_document

    builder = builder or Builder()
    scripts = builder.scripts
    document = parse_document(text, scripts)
    backing: dict[str, int] = {}
    for sentence in document.sentences:
        for ref_id in sentence.refs:
            backing[ref_id] = backing.get(ref_id, 0) + 1
    refs = {
        ref_id: ref._replace(cited_by=backing.get(ref_id, 0), seed=name)
        for ref_id, ref in document.refs.items()
    }
    entities = extract_entities(document.sentences, builder.gazetteer, builder.names, name,
                                scripts, document.aliases)
    dates = date_sentences(document.sentences)
    events = extract_events(document.sentences, dates, entities, name)
    groups = extract_groups(document.sentences, dates, events, builder.gazetteer, name, scripts,
                            builder.places.joined)
    warnings = ()
    if document.controls:
        first = document.controls[0]
        warnings = (f"{path}: {len(document.controls)} control character(s) removed from the text "
                    f"(the first at offset {first})",)
    return SeedIndex(
        name=name, path=path, digest=digest, sentences=document.sentences, refs=refs,
        unresolved=document.unresolved, events=events, groups=groups, entities=entities,
        t2s=t2s_map(entities, groups, scripts), warnings=warnings,
    )


def t2s_map(entities: list[Entity], groups: list[Group], scripts: Any) -> dict[str, str]:
    """Character folding traditional → simplified for every character of the names, so that a
    query in either script finds them without OpenCC on a warm query."""
    mapping: dict[str, str] = {}
    names: set[str] = set()
    for entity in entities:
        names.update(n for n in (entity.name_zh, *entity.aliases) if n and has_cjk(n))
    for group in groups:
        names.update(n for n in (group.name_zh, *group.aliases) if n and has_cjk(n))
    for name in sorted(names):
        simplified = scripts.simplified(name)
        for pair in ((scripts.traditional(simplified), simplified), (name, simplified)):
            for trad, simple in zip(*pair):
                if trad != simple:
                    mapping[trad] = simple
    return mapping


def build_index(seeds: list[tuple[str, str, str, str]], builder: Builder | None = None) -> Index:
    """An in-memory index of ``seeds``: (name, path, text, digest) for each article."""
    from kzct.store import memory_index

    builder = builder or Builder()
    return memory_index([build_seed_index(n, p, t, d, builder) for n, p, t, d in seeds])


def load_index(paths: list[Path] | None = None, *, use_cache: bool = True,  # type: ignore[no-untyped-def]
               env=None, progress=None) -> Index:
    """The index of the seeds the user chose (``--seed``, ``KZCT_SEED``, else the bundled one),
    from the cache database where it is up to date.

    ``env``: a ``kzct.context.Environment`` (read from the process when None); ``progress``: a
    ``kzct.store.Progress`` told about a build as it goes."""
    from kzct.context import Environment
    from kzct.seeds import seed_paths
    from kzct.store import SeedFile, open_index

    env = env if env is not None else Environment.read()
    files = [Path(p) for p in seed_paths(paths, env.seed)]
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        # Two seeds with one file name: tell them apart by their place in the list.
        names = [f"{i + 1}:{n}" for i, n in enumerate(names)]
    seeds = [SeedFile(name=n, path=os.path.abspath(f)) for n, f in zip(names, files)]
    from kzct.cache import database_path, places_dir

    database = database_path(env) if use_cache else None
    built: list[bool] = []
    if progress is not None or database is not None:
        progress = _Watch(progress, built)
    # The place table is derived from the installed gazetteer libraries and named by their
    # versions, so it is never stale: it is kept even when the index is not (--no-cache).
    index = open_index(seeds, database, places_dir(env), progress)
    if database is not None:
        from kzct.cache import maintain, write_words

        write_words(database.parent, index, built=bool(built))
        maintain(index, database.parent, built=bool(built))
    return index


class _Watch:
    """Passes a build's progress on, and notes that there was a build."""

    def __init__(self, inner, built: list[bool]) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.built = inner, built

    def start(self, articles: int, size: int) -> None:
        self.built.append(True)
        if self.inner is not None:
            self.inner.start(articles, size)

    def advance(self, size: int) -> None:
        if self.inner is not None:
            self.inner.advance(size)

    def finish(self) -> None:
        if self.inner is not None:
            self.inner.finish()
