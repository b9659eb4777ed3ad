"""Fuzzy name search: folding (case, accents, width, traditional Chinese) and rapidfuzz ranking."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzct.index import Index, fold
from kzct.model import Entity

DEFAULT_MIN_SCORE = 75.0
_CJK = re.compile(r"[\u3400-\u9fff]")
# Two hits closer than this are ambiguous for `kzct show`.
AMBIGUITY_MARGIN = 3.0


@dataclass(frozen=True)
class Hit:
    entity: Entity
    score: float
    matched: str  # the name or alias that matched best


def entity_names(entity: Entity) -> list[str]:
    names = [entity.name_zh, entity.name_latin, entity.name_en, *entity.aliases]
    return [n for n in names if n]


def search(index: Index, query: str, *, kind: str | None = None, limit: int | None = 10,
           min_score: float = DEFAULT_MIN_SCORE) -> list[Hit]:
    """Entities ranked by their best-matching name; ties go to the more mentioned."""
    from rapidfuzz import fuzz, process

    needle = fold(query, index.t2s)
    if not needle:
        return []
    choices: list[str] = []
    owners: list[tuple[Entity, str]] = []
    for entity in index.entities:
        if kind and entity.kind != kind:
            continue
        for name in entity_names(entity):
            choices.append(fold(name, index.t2s))
            owners.append((entity, name))
    best: dict[str, Hit] = {}
    for _choice, score, position in process.extract(
        needle, choices, scorer=_scorer(fuzz), processor=None, limit=None, score_cutoff=min_score
    ):
        entity, name = owners[position]
        key = f"{entity.seed}/{entity.id}"
        if key not in best or score > best[key].score:
            best[key] = Hit(entity=entity, score=round(float(score), 1), matched=name)
    hits = sorted(best.values(), key=lambda h: (-h.score, -len(h.entity.mentions),
                                                 h.entity.name_en or h.entity.name_zh or ""))
    return hits[:limit] if limit else hits


def _scorer(fuzz):  # type: ignore[no-untyped-def]
    """Whole-name similarity; whole words of a longer name at 95; or a fragment of a longer
    name (part of a surname, two or three characters of a Chinese name) at 90% of its fit. A name shorter than the query is never a fragment of
    it: `US` must not match `Tusupbekv`."""

    def score(query: str, choice: str, *, score_cutoff: float | None = None,
              processor: object = None) -> float:
        if query == choice:
            return 100.0
        best = max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))
        if len(choice) > len(query) and f" {query} " in f" {choice} ":
            best = max(best, 95.0)  # whole words of a longer name: `Nursultan`, `Tusupbekov`
        cjk = bool(_CJK.search(query))
        if len(query) < len(choice) and len(query) >= (2 if cjk else 3):
            best = max(best, 0.9 * fuzz.partial_ratio(query, choice))
        return float(best) if best >= (score_cutoff or 0) else 0.0

    return score


def resolve_names(index: Index, name: str, kind: str) -> frozenset[str]:
    """The names, as the article writes them, of the best entity of ``kind`` for ``name``.

    Used by ``timeline --place``/``--group``: `Almaty` stands for 阿拉木图. A name that matches
    nothing stands for itself.
    """
    hits = search(index, name, kind=kind, limit=1)
    if not hits:
        return frozenset({name})
    return frozenset({m.text for m in hits[0].entity.mentions} | {name})
