"""Building an article's records (``SeedIndex``), opening the ``Index`` of the chosen articles,
and the folding of names that matching uses."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kzct.model import Entity, Event, Group, Ref, Sentence

if TYPE_CHECKING:
    from kzct.store import Index

INDEX_FORMAT = 3  # bump when the stored records change shape
_CJK = re.compile(r"[\u3400-\u9fff]")


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


def _traditional_converter():  # type: ignore[no-untyped-def]
    """OpenCC's simplified → traditional converter, or None where OpenCC is not installed."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency; this keeps a broken env usable
        return None
    return opencc.OpenCC("s2t")


class Traditional:
    """Traditional Chinese forms: OpenCC's, from ``data/traditional.json`` for the curated names
    (written by ``scripts/gen_traditional.py``), and from OpenCC itself, started only when an
    article holds a Chinese name nobody curated."""

    def __init__(self, converter=None) -> None:  # type: ignore[no-untyped-def]
        with open(Path(__file__).resolve().parent / "data" / "traditional.json", encoding="utf-8") as f:
            self.table: dict[str, str] = json.load(f)
        self._converter = converter
        self._started = converter is not None

    def __call__(self, value: str) -> str:
        if value in self.table:
            return self.table[value]
        if not self._started:
            self._started = True
            self._converter = _traditional_converter()
        converted = str(self._converter.convert(value)) if self._converter is not None else value
        self.table[value] = converted
        return converted


def build_seed_index(name: str, path: str, text: str, digest: str,  # type: ignore[no-untyped-def]
                     traditional=None) -> SeedIndex:
    """Parse and extract one article. Never raises on any text.

    ``traditional``: a ``Traditional`` (or an OpenCC converter) to share between articles."""
    from kzct.extract.entities import extract_entities
    from kzct.extract.events import date_sentences, extract_events
    from kzct.extract.groups import extract_groups
    from kzct.gazetteer import load_gazetteer
    from kzct.wikitext import parse_document

    if not isinstance(traditional, Traditional):
        traditional = Traditional(traditional)
    gazetteer = load_gazetteer()
    document = parse_document(text)
    backing: dict[str, int] = {}
    for sentence in document.sentences:
        for ref_id in sentence.refs:
            backing[ref_id] = backing.get(ref_id, 0) + 1
    refs = {
        ref_id: ref._replace(cited_by=backing.get(ref_id, 0), seed=name)
        for ref_id, ref in document.refs.items()
    }
    entities = extract_entities(document.sentences, gazetteer, name, traditional)
    dates = date_sentences(document.sentences)
    events = extract_events(document.sentences, dates, entities, name)
    groups = extract_groups(document.sentences, dates, events, gazetteer, name, traditional)
    return SeedIndex(
        name=name, path=path, digest=digest, sentences=document.sentences, refs=refs,
        unresolved=document.unresolved, events=events, groups=groups, entities=entities,
        t2s=t2s_map(entities, groups, traditional),
    )


def t2s_map(entities: list[Entity], groups: list[Group], traditional: Traditional) -> dict[str, str]:
    """Character folding traditional → simplified, learnt from the names' OpenCC conversions."""
    mapping: dict[str, str] = {}
    names: set[str] = set()
    for entity in entities:
        names.update(n for n in (entity.name_zh, *entity.aliases) if n and _CJK.search(n))
    for group in groups:
        names.update(n for n in (group.name_zh, *group.aliases) if n and _CJK.search(n))
    for name in sorted(names):
        converted = traditional(name)
        if len(converted) == len(name):
            for simplified, trad in zip(name, converted):
                if simplified != trad:
                    mapping[trad] = simplified
    return mapping


def build_index(seeds: list[tuple[str, str, str, str]]) -> Index:
    """An in-memory index of ``seeds``: (name, path, text, digest) for each article."""
    from kzct.store import memory_index

    traditional = Traditional()
    return memory_index([build_seed_index(n, p, t, d, traditional) for n, p, t, d in seeds])


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
    database = None
    if use_cache:
        from kzct.cache import database_path

        database = database_path(env)
    built: list[bool] = []
    if progress is not None or database is not None:
        progress = _Watch(progress, built)
    index = open_index(seeds, database, progress)
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


# -- folding ------------------------------------------------------------------------------------

def fold(text: str, t2s: dict[str, str] | None = None) -> str:
    """Case, accents, width and script folded: ``Öskemen`` → ``oskemen``, ``阿拉木圖`` → ``阿拉木图``."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = text.casefold()
    if t2s:
        text = "".join(t2s.get(ch, ch) for ch in text)
    text = re.sub(r"[·•・\-‐‑–—_'’`.,]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
