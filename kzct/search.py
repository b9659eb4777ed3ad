"""Fuzzy name search: folding (case, accents, width, traditional Chinese) and rapidfuzz ranking."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from kzct.index import fold
from kzct.model import Entity

if TYPE_CHECKING:
    from kzct.store import Index

DEFAULT_MIN_SCORE = 75.0
_CJK = re.compile(r"[\u3400-\u9fff]")
# Two hits closer than this are ambiguous for `kzct show`.
AMBIGUITY_MARGIN = 3.0


class Hit(NamedTuple):
    entity: Entity
    score: float
    matched: str  # the name or alias that matched best


def search(index: Index, query: str, *, kind: str | None = None, limit: int | None = 10,
           min_score: float = DEFAULT_MIN_SCORE) -> list[Hit]:
    """Entities ranked by their best-matching name; ties go to the more mentioned.

    Every distinct folded name is scored once, however many articles and entities bear it:
    rapidfuzz's C scorers pick the candidates, and ``_scorer`` decides among them.
    """
    from rapidfuzz import fuzz, process

    needle = fold(query, index.t2s)
    if not needle:
        return []
    names = index.folded_names(kind)
    candidates = {names[i] for i in _candidates(needle, names, min_score, fuzz, process)}
    score = _scorer(fuzz)
    scored = {name: score(needle, name) for name in candidates}
    scored = {name: s for name, s in scored.items() if s >= min_score}
    best: dict[tuple[str, str], Hit] = {}
    for folded, name, entity in index.named(sorted(scored), kind):
        key = (entity.seed, entity.id)
        value = round(float(scored[folded]), 1)
        if key not in best or value > best[key].score:
            best[key] = Hit(entity=entity, score=value, matched=name)
    hits = sorted(best.values(), key=lambda h: (-h.score, -len(h.entity.mentions),
                                                 h.entity.name_en or h.entity.name_zh or "",
                                                 h.entity.seed))
    return hits[:limit] if limit else hits


def _candidates(needle: str, names: list[str], min_score: float, fuzz, process) -> set[int]:  # type: ignore[no-untyped-def]
    """Positions of the names that ``_scorer`` could score at ``min_score`` or more."""
    found: set[int] = set()
    for scorer, cutoff in ((fuzz.ratio, min_score), (fuzz.token_sort_ratio, min_score),
                           (fuzz.partial_ratio, min_score / 0.9)):
        if cutoff > 100:
            continue
        for _name, _score, position in process.extract(needle, names, scorer=scorer,
                                                        score_cutoff=cutoff, limit=None):
            found.add(position)
    if min_score <= 95:  # whole words of a longer name
        padded = f" {needle} "
        found.update(i for i, name in enumerate(names) if padded in f" {name} ")
    return found


def _scorer(fuzz):  # type: ignore[no-untyped-def]
    """Whole-name similarity; whole words of a longer name at 95; or a fragment of a longer
    name (part of a surname, two or three characters of a Chinese name) at 90% of its fit.
    A name shorter than the query is never a fragment of it: `US` must not match `Tusupbekv`."""

    def score(query: str, choice: str) -> float:
        if query == choice:
            return 100.0
        best = max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))
        if len(choice) > len(query) and f" {query} " in f" {choice} ":
            best = max(best, 95.0)  # whole words of a longer name: `Nursultan`, `Tusupbekov`
        cjk = bool(_CJK.search(query))
        if len(query) < len(choice) and len(query) >= (2 if cjk else 3):
            best = max(best, 0.9 * fuzz.partial_ratio(query, choice))
        return float(best)

    return score


def resolve_names(index: Index, name: str, kind: str) -> frozenset[str]:
    """The names, as the article writes them, of the best entity of ``kind`` for ``name``.

    Used by ``timeline --place``/``--group``: `Almaty` stands for 阿拉木图. A name that matches
    nothing stands for itself.
    """
    hits = search(index, name, kind=kind, limit=None)
    if not hits:
        return frozenset({name})
    # the best entity in every article, so that a name means the same thing in each of them
    top = [h for h in hits if h.score == hits[0].score and h.entity.id == hits[0].entity.id]
    return frozenset({m.text for h in top for m in h.entity.mentions} | {name})
