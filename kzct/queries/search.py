"""Fuzzy name search, and the one rule by which a name resolves to an entity.

Scores mean the same thing for every query (0–100):

- 100: the query is the whole name, or an alias (`IMU`, `Alma-Ata`, `阿拉木圖`), folded (case,
  accents, width, traditional Chinese);
- 95: a whole word of a longer name (`Tusupbekov`), or the initials of a name (`IMU` for
  Islamic Movement of Uzbekistan, when no name is exactly `IMU`);
- 90 × fit: a fragment of a longer name: part of a surname, or one or more characters of a
  Chinese name (`哈` is in 哈萨克斯坦: 90);
- below: how similar the two are as wholes (typos: `Tusupbekv`).

A Latin query is also compared by sound with the Chinese names (``kzct.sounds``), in two
bands below the names' own, so that a name the article writes always ranks first:

- 90: the query is the name's Hanyu Pinyin (``Hu Jintao`` for 胡锦涛), or the romanization that
  is its English name (Hepburn for a Japanese name: ``Asahara Shoko`` for 麻原彰晃; its surname
  alone at 97% of that): ``matched_by`` ``romanization``;
- 40 + 45 × similarity (at most 85; from 78.3, a similarity of 0.85): the query sounds like the
  Chinese transliteration (``Putin`` and 普京: 85): ``matched_by`` ``transliteration``. A part of
  a joined name (普京 of 弗拉基米尔·普京) counts at 97% of its fit.

Where a name matches whole (100), no match by sound is looked for: it would rank below. A
Chinese query that matches no name at ``min_score`` is compared by sound with the Latin names.

A hit says how it matched (``matched_by``): ``exact`` (the query is the entity's name), ``alias``
(one of its other names), ``fuzzy`` (close to a name or a part of one: a typo, a word, a
fragment), ``romanization`` or ``transliteration``. A match by sound finds an entity; it never
names one.

A query that ends with a qualifier, as page titles write them, is searched without it unless it is
a name whole: in brackets always (`Beijing Road (Kunming)`), after a comma where the whole finds
nothing (`Jinjiang District, Chengdu`; `Dagestan, Respublika` is a name). Where a bracketed one's
name finds nothing and ends with a generic term, the other name in the brackets is looked for
with that term, by sound, among names that end with it (`Yarkant County (Shache)`: 莎车县). A
person's title that finds nothing, `NAME of PLACE` (`Abdullah II of Jordan`), is looked for by its
name among the people where the place is one the article names.

Short queries are held to more: one or two Latin letters match only a whole word or the start of
a name (`on` is not a fragment of `Sonia`), and a query in capitals of two to five letters is an
acronym, matched only by a name or alias it equals or the initials of a name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from kzct.model import Entity
from kzct.text import fold, is_cjk

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from kzct.store.database import Index, Named

DEFAULT_MIN_SCORE = 75.0
# Two hits closer than this are ambiguous: `kzct show` and the filters ask which one.
AMBIGUITY_MARGIN = 3.0
# Words that an acronym skips: Islamic Movement *of* Uzbekistan is IMU, Hizb *ut*-Tahrir HT.
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "al", "el", "ut", "e", "an", "de"})
_WORD_SPLIT = re.compile(r"[\s\-‐‑–—·•・_]+")


# How a hit matched (``Hit.matched_by``), the surest first.
MATCHED_BY = ("exact", "alias", "fuzzy", "romanization", "transliteration")
ROMANIZATION_SCORE = 90.0
# a match by sound scores TRANSLITERATION_BASE + TRANSLITERATION_SPAN × its similarity
TRANSLITERATION_BASE = 40.0
TRANSLITERATION_SPAN = 45.0
SOUND_FLOOR = 0.85  # the least similarity by sound that is a hit


class Hit:
    """An entity a query found: its score, the name that matched best and how, and the entity,
    read from the store when first asked for (a search over a thousand articles reads only what
    it shows)."""

    __slots__ = ("score", "matched", "found", "_index", "_needle", "_by_sound")

    def __init__(self, score: float, matched: str, found: Named, index: Index,
                 needle: str = "", by_sound: str | None = None) -> None:
        self.score = score
        self.matched = matched
        self.found = found
        self._index = index
        self._needle = needle
        self._by_sound = by_sound

    @property
    def entity(self) -> Entity:
        return self._index.entity_at(self.found.row)

    @property
    def matched_by(self) -> str:
        """exact, alias, fuzzy, romanization or transliteration (``MATCHED_BY``)."""
        if self._by_sound:
            return self._by_sound
        if self.found.folded != self._needle:
            return "fuzzy"
        entity = self.entity
        own = (entity.name_zh, entity.name_latin, entity.name_en)
        t2s = self._index.t2s_for("".join(n for n in own if n))
        return "exact" if any(n and fold(n, t2s) == self._needle for n in own) else "alias"


def query_mode(query: str) -> str:
    """``acronym`` (IMU), ``short`` (one or two Latin letters), or ``normal``."""
    stripped = query.strip()
    if 2 <= len(stripped) <= 5 and stripped.isascii() and stripped.isalpha() \
            and stripped.isupper():
        return "acronym"
    folded = fold(stripped)
    if folded and len(folded.replace(" ", "")) <= 2 and not any(map(is_cjk, folded)):
        return "short"
    return "normal"


def _initials(folded: str) -> str:
    return "".join(word[0] for word in folded.split() if word not in _MINOR_WORDS)


def _whole_words(name: str, t2s: dict[str, str]) -> set[str]:
    """The words of a name as written, folded; abbreviations (`A.`, `U.A.E.`) are not words."""
    return {fold(word, t2s) for word in _WORD_SPLIT.split(name) if word and "." not in word}


def search(index: Index, query: str, *, kind: str | None = None, limit: int | None = 10,
           min_score: float = DEFAULT_MIN_SCORE) -> list[Hit]:
    """Entities ranked by their best-matching name; ties go to the more mentioned.

    Every distinct folded name is scored once, however many articles and entities bear it:
    rapidfuzz's C scorers pick the candidates, and ``_scorer`` decides among them.
    """
    from rapidfuzz import fuzz, process

    needle = fold(query, index.t2s_for(query))
    if not needle:
        return []
    mode = query_mode(query)
    names = index.folded_names(kind)
    if mode == "acronym":
        scored = {n: 100.0 if n == needle else 95.0 for n in names
                  if n == needle or (" " in n and _initials(n) == needle)}
    elif mode == "short":
        scored = {}
        for name in names:
            if name == needle:
                scored[name] = 100.0
            elif f" {needle} " in f" {name} ":
                scored[name] = 95.0
            elif name.startswith(needle):
                scored[name] = float(fuzz.ratio(needle, name))
    else:
        candidates = {names[i] for i in _candidates(needle, names, min_score, fuzz, process)}
        score = _scorer(fuzz)
        scored = {name: score(needle, name) for name in candidates}
    by_sound: dict[str, str] = {}
    # a name the article writes, matched whole, ranks above any sound: none is looked for
    if mode != "acronym" and not any(map(is_cjk, needle)) and max(scored.values(), default=0) < 100:
        for name, (value, how) in _by_sound(index, query, kind).items():
            if value > scored.get(name, 0.0):
                scored[name], by_sound[name] = value, how
    elif all(map(is_cjk, needle.replace(" ", ""))) and len(needle) >= 2 \
            and max(scored.values(), default=0) < min_score:
        # a Chinese query that names nothing: the Latin names it may be a transliteration of
        for name, value in _latin_by_sound(names, needle).items():
            scored[name], by_sound[name] = value, "transliteration"
    scored = {name: s for name, s in scored.items() if s >= min_score}
    best: dict[tuple[str, str], Hit] = {}
    for found in index.named(sorted(scored), kind):
        folded, name = found.folded, found.name
        value = round(float(scored[folded]), 1)
        if mode == "short" and value == 95.0 and \
                needle not in _whole_words(name, index.t2s_for(name)):
            # `a` is a word of "a b vajpayee" only through the initial `A.`: not a word
            if not folded.startswith(needle):
                continue
            value = round(float(fuzz.ratio(needle, folded)), 1)
            if value < min_score:
                continue
        key = (found.seed, found.id)
        if key not in best or value > best[key].score:
            best[key] = Hit(value, name, found, index, needle, by_sound.get(folded))
    hits = [h for h in best.values() if not _heard_against_its_names(h, query, fuzz)]
    hits.sort(key=lambda h: (-h.score, -h.found.mentions, h.found.sort_name, h.found.seed))
    bare, bracketed = _without_qualifier(query)
    if bare and not (hits and hits[0].score == 100.0) and (bracketed or not hits):
        # `Beijing Road (Kunming)`, `Jinjiang District, Chengdu`: a title's qualifier, which the
        # article's own name seldom carries: the name without it (a bracketed one always, a
        # comma's where the whole finds nothing: `Dagestan, Respublika` is a name)
        unqualified = search(index, bare, kind=kind, limit=limit, min_score=min_score)
        other = _other_name(query) if bracketed and not unqualified else None
        if other:
            # `Yarkant County (Shache)`: the other name in brackets, with the generic term, found
            # by the sound of a name that ends with that term (Shache County, 莎车县), never a
            # name without it (`Urumqi Road` is no 乌鲁木齐)
            name, terms = other
            unqualified = [h for h in search(index, name, kind=kind, limit=None,
                                             min_score=min_score)
                           if h.matched_by in ("romanization", "transliteration")
                           and fold(h.matched, index.t2s_for(h.matched)).endswith(terms)]
            return unqualified[:limit] if limit else unqualified
        return unqualified
    ruler = _ruler_of(index, query) if not hits and kind in (None, "person") else None
    if ruler:
        # `Abdullah II of Jordan`: a monarch as titles name one, by the place the article names
        return search(index, ruler, kind="person", limit=limit, min_score=min_score)
    return hits[:limit] if limit else hits


# where a place's English names come from a gazetteer: they are its names, all of them
_GAZETTEERS = frozenset({"cldr", "iso3166", "geonames"})
_KNOWN_NAME_FIT = 60  # how near a query must be to a gazetteer's name of a place it sounds like


def _heard_against_its_names(hit: Hit, query: str, fuzz: ModuleType) -> bool:
    """Whether a match by sound is of a place a gazetteer names (卡拉奇, Karachi), with a query
    that is none of its Latin names (`Herat`): its names say the sound is chance. The query is
    compared without its generic terms (`Aksu Prefecture`: Aksu)."""
    if hit.matched_by != "transliteration" or hit.found.kind != "place":
        return False
    entity = hit.entity
    if entity.source not in _GAZETTEERS or not entity.name_en:
        return False
    from kzct.sounds import english_term

    words = query.split()
    term = english_term(words)
    stem = fold(" ".join(words[:len(words) - len(term[0].split())] if term else words))
    latin = [fold(n) for n in (entity.name_en, entity.name_latin, *entity.aliases)
             if n and not any(map(is_cjk, n))]
    return not any(fuzz.ratio(stem, n) >= _KNOWN_NAME_FIT
                   or fuzz.partial_ratio(stem, n) >= 90 for n in latin)


def _ruler_of(index: Index, query: str) -> str | None:
    """The name before `of` and a place the article names whole (`Abdullah II of Jordan`:
    `Abdullah II`, where Jordan is a place of the article), or None."""
    head, of, place = query.strip().rpartition(" of ")
    if not of or not head.strip() or not place.strip():
        return None
    found = search(index, place, kind="place", limit=1)
    return head if found and found[0].score == 100.0 else None


def _other_name(query: str) -> tuple[str, tuple[str, ...]] | None:
    """A title's other name in brackets with the generic term of the name before them
    (`Yarkant County (Shache)`: `Shache County`), and the Chinese terms that term translates
    (县); or None where the name before them ends with no term (the brackets then tell which of
    its namesakes: `Semey (Semipalatinsk)` is not looked for as Semipalatinsk)."""
    from kzct.sounds import english_term

    text = query.strip()
    at = max(text.rfind("("), text.rfind("（"))
    inner = text[at + 1:-1].strip()
    term = english_term(text[:at].split()) if at > 0 else None
    if term is None or not inner or not all(w.isalpha() for w in inner.split()) \
            or len(inner.split()) > 3:
        return None
    english, chinese = term
    return f"{inner} {english}", tuple(sorted(chinese))


def _without_qualifier(query: str) -> tuple[str | None, bool]:
    """A query without the one qualifier page titles write after a name, in brackets or after
    a comma (None when it has none), and whether it was bracketed."""
    text = query.strip()
    if text.endswith((")", "）")):
        at = max(text.rfind("("), text.rfind("（"))
        inner = text[at + 1:-1]
        stem = text[:at].strip() if at > 0 else ""
        plain = not any(c in inner + stem for c in "()（）,，")
        return (stem, True) if stem and plain else (None, False)
    commas = text.count(",") + text.count("，")
    if commas == 1:
        at = max(text.find(","), text.find("，"))
        stem = text[:at].strip()
        return (stem, False) if stem and not any(c in stem for c in "()（）") else (None, False)
    return None, False


def _by_sound(index: Index, query: str, kind: str | None) -> dict[str, tuple[float, str]]:
    """The Chinese names a Latin query sounds like, folded: their score and how
    (``romanization`` or ``transliteration``)."""
    from kzct.sounds import Query, match, without_article

    reads = [Query(query)]
    bare = without_article(query)
    if bare:
        reads.append(Query(bare))  # `Al Jawf Governorate`: 焦夫省, as Chinese writes it
    out: dict[str, tuple[float, str]] = {}
    for folded, reading in index.readings(kind):
        fit, plain = max(match(read, reading, SOUND_FLOOR) for read in reads)
        if plain:
            out[folded] = (round(ROMANIZATION_SCORE * fit, 1), "romanization")
        elif fit:
            out[folded] = (_sound_score(fit), "transliteration")
    return out


def _sound_score(fit: float) -> float:
    return round(TRANSLITERATION_BASE + TRANSLITERATION_SPAN * fit, 1)


def _latin_by_sound(names: list[str], needle: str) -> dict[str, float]:
    """The Latin names a Chinese query sounds like (奥图努 and Olara Otunnu), folded, with their
    score: the other way round from ``_by_sound``, the query's pinyin read when it is asked
    (pypinyin, only on this path)."""
    from kzct.parse.romanize import readings
    from kzct.sounds import Query, match

    reading = readings(needle)
    out: dict[str, float] = {}
    for name in names:
        if not name.isascii() or not any(c.isalpha() for c in name):
            continue
        fit, _plain = match(Query(name), reading, SOUND_FLOOR)
        if fit:
            out[name] = _sound_score(fit)
    return out


def _candidates(needle: str, names: list[str], min_score: float, fuzz: ModuleType,
                process: ModuleType) -> set[int]:
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


def _scorer(fuzz: ModuleType) -> Callable[[str, str], float]:
    """Whole-name similarity; whole words of a longer name at 95; or a fragment of a longer
    name (part of a surname, one or more characters of a Chinese name) at 90% of its fit.
    A name shorter than the query is never a fragment of it: `US` must not match `Tusupbekv`."""

    def score(query: str, choice: str) -> float:
        if query == choice:
            return 100.0
        best = max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))
        if len(choice) > len(query) and f" {query} " in f" {choice} ":
            best = max(best, 95.0)  # whole words of a longer name: `Nursultan`, `Tusupbekov`
        cjk = any(map(is_cjk, query))  # a query is short: no pattern to compile
        if len(query) < len(choice) and len(query) >= (1 if cjk else 3):
            best = max(best, 0.9 * fuzz.partial_ratio(query, choice))
        words, other = _compass(query.split()), _compass(choice.split())
        if len(words) >= 2 and len(other) >= 2:
            # a name of several words fits as well as its worst-fitting word: a typo changes
            # letters of a word, another given name is another person (`Dariga Nazarbayeva` is
            # no misspelling of `Sara Nazarbayeva`); a direction is one word however English
            # writes it (`West Africa`, `Western Africa`)
            best = min(best, min(max(fuzz.ratio(w, o) for o in other) for w in words))
        return float(best)

    return score


# a compass direction's adjective (`Western`, `Northeastern`), which English also writes as the noun
_COMPASS_ADJECTIVE = re.compile(r"(?:north|south)?(?:east|west)ern|(?:north|south)ern")


def _compass(words: list[str]) -> list[str]:
    """Folded words, each compass adjective as its noun (`western` as `west`)."""
    return [w[:-3] if _COMPASS_ADJECTIVE.fullmatch(w) else w for w in words]


# -- one rule for every name a user gives --------------------------------------------------------

class Resolution(NamedTuple):
    """What a name stands for: ``unique`` (``hits`` are the entity, one per article that has
    it), ``ambiguous`` (``hits`` are the candidates, one each) or ``none``."""

    match: str
    hits: list[Hit]


def _exact(hit: Hit, name: str, index: Index) -> bool:
    t2s = index.t2s_for(hit.matched + name)
    return fold(hit.matched, t2s) == fold(name, t2s)


def resolve(index: Index, name: str, kind: str | None = None) -> Resolution:
    """The entity ``name`` stands for, by the rule ``show`` and the filters share: the best hit
    of ``search``, unless another entity scores within ``AMBIGUITY_MARGIN`` of it and the name is
    not exactly one of them (the same entity in several articles counts once)."""
    hits = search(index, name, kind=kind, limit=None)
    if not hits:
        return Resolution("none", [])
    by_entity: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        by_entity.setdefault((hit.found.kind, hit.found.id), []).append(hit)
    top = hits[0].score
    close = [group for group in by_entity.values() if top - group[0].score < AMBIGUITY_MARGIN]
    if len(close) > 1:
        exact = [group for group in close if _exact(group[0], name, index)]
        if len(exact) != 1:
            return Resolution("ambiguous", [group[0] for group in close])
        close = exact
    return Resolution("unique", close[0])


def suggestions(index: Index, name: str, kind: str | None = None, count: int = 3) -> list[str]:
    """The nearest names to ``name`` (for a message: "did you mean …")."""
    hits = search(index, name, kind=kind, limit=count * 3, min_score=60.0)
    out: list[str] = []
    for hit in hits:
        shown = hit.entity.name_en or hit.entity.name_latin or hit.entity.name_zh or hit.matched
        if shown not in out:
            out.append(shown)
    return out[:count]


def filter_names(resolution: Resolution, name: str) -> frozenset[str]:
    """The names, as the articles write them, of a uniquely resolved entity (``--place
    Almaty`` stands for 阿拉木图 in every article)."""
    return frozenset({m.text for hit in resolution.hits for m in hit.entity.mentions} | {name})
