"""Text: folding for matching, the simplified shadow of Chinese text, and character classes.

An article may be written in simplified or traditional characters, or both. Every rule, pattern
and curated name in kzct is written once, in simplified characters, and is matched against a
*shadow* of the text: the same text converted to simplified characters by OpenCC, character for
character, so that a position in the shadow is the same position in the text as written. What
kzct prints is always cut from the text as written (traditional stays traditional).

OpenCC is started only when a shadow is made (when an article is built), never on a warm query.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# The character classes the other modules build their patterns from, kept here once.
# Han ideographs (the unified block, extension A and the compatibility block). Compiled by `re`
# when first used, not on import: a class this wide costs milliseconds to compile, and a warm
# query seldom needs it.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = f"[{HAN}]"
_CJK_RUN = _CJK + "+"
# Control characters, C0 and C1, but tab and line feed: never text, never printed.
CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# What is dropped from a seed before it is parsed: C0 controls but tab and line feed (the parser
# needs the line ends; C1 controls go later, with the text they sit in). A carriage return is
# dropped too, unreported: after ``clean_text`` every one ends a line with the line feed after it.
SEED_CONTROLS = "\x00-\x08\x0b-\x1f\x7f"
# Characters that join the parts of a transliterated name: 努尔苏丹·纳扎尔巴耶夫.
NAME_JOINERS = "·•‧・･"

# OpenCC's configurations that turn Hong Kong and Taiwan variants, then traditional characters,
# into simplified ones. Chained, they give back the simplified original of s2t, s2tw, s2twp's
# characters and s2hk (s2twp's regional words, 資訊 for 信息, are words, not characters: names
# are matched through the gazetteer's names in both scripts instead).
_TO_SIMPLIFIED = ("hk2s", "tw2s")
# OpenCC's configurations that also change words by region (Taiwan's 哈薩克 for 哈萨克斯坦).
_REGIONAL = ("s2twp", "s2hk")


# What ``clean_text`` mends: a lone surrogate (half of a UTF-16 pair: no character, and nothing
# can write it as UTF-8), and a carriage return that ends a line alone (MediaWiki reads it, as it
# reads CRLF, as a line feed).
_UNSAFE = re.compile("[\ud800-\udfff]|\r(?!\n)")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` as kzct reads it, position for position: valid Unicode (a lone surrogate becomes
    U+FFFD), and every line ended by a line feed, as MediaWiki ends them (a lone CR becomes LF;
    the CR of CRLF stays, and the parser skips it). Also the offsets of the surrogates replaced.

    Offsets are kept, so that a record's span in the text is its span in the seed as decoded."""
    if _UNSAFE.search(text) is None:
        return text, ()
    surrogates: list[int] = []

    def mend(m: re.Match[str]) -> str:
        if m.group() == "\r":
            return "\n"
        surrogates.append(m.start())
        return REPLACEMENT

    return _UNSAFE.sub(mend, text), tuple(surrogates)


def is_surrogate(code: int) -> bool:
    """A code point that is half of a UTF-16 pair, no character (``&#xD800;`` names one)."""
    return 0xD800 <= code <= 0xDFFF


_MEMO_LENGTH = 24  # names and short phrases are remembered once converted


def is_cjk(ch: str) -> bool:
    """``ch`` (one character) is a Han ideograph."""
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_cjk(text: str) -> bool:
    """``text`` has a Han ideograph in it."""
    return re.search(_CJK, text) is not None


@functools.cache
def opencc_converter(config: str) -> Any:
    """OpenCC's converter of ``config`` (``s2twp``), started once a process: starting one reads
    its dictionaries (s2twp's take some 150 ms), and converting changes nothing in it."""
    import opencc

    return opencc.OpenCC(config)


class Scripts:
    """OpenCC's conversions for one build, and what they gave (the converters are started on
    first use, once a process: ``opencc_converter``).

    ``simplified(text)`` has exactly the length of ``text``: where a phrase conversion would change
    the length, that run of ideographs is converted character by character instead."""

    def __init__(self) -> None:
        self._to_simplified: list[Any] | None = None
        self._to_traditional: Any = None
        self._to_japanese: Any = None
        self._regional: list[Any] | None = None
        self._regional_memo: dict[str, list[str]] = {}
        self._traditional_memo: dict[str, str] = {}
        self._simplified_memo: dict[str, str] = {}

    def _simplifiers(self) -> list[Any]:
        if self._to_simplified is None:
            self._to_simplified = [opencc_converter(config) for config in _TO_SIMPLIFIED]
        return self._to_simplified

    def _convert(self, text: str) -> str:
        for converter in self._simplifiers():
            text = str(converter.convert(text))
        return text

    def simplified(self, text: str) -> str:
        """``text`` in simplified characters, position for position."""
        if not has_cjk(text):
            return text
        short = len(text) <= _MEMO_LENGTH  # a name, asked for again by each rule
        if short and text in self._simplified_memo:
            return self._simplified_memo[text]
        converted = self._convert(text)
        if len(converted) == len(text):
            if short:
                self._simplified_memo[text] = converted
            return converted
        out = []
        pos = 0
        for m in re.finditer(_CJK_RUN, text):
            out.append(text[pos:m.start()])
            run = m.group()
            converted = self._convert(run)
            if len(converted) != len(run):
                converted = "".join(self._char(ch) for ch in run)
            out.append(converted)
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    def simplified_many(self, texts: list[str]) -> list[str]:
        """``simplified`` of each text (of one line each), converted in one call."""
        if not texts:
            return []
        converted = self._convert("\n".join(texts)).split("\n")
        if len(converted) != len(texts):
            return [self.simplified(t) for t in texts]
        return [c if len(c) == len(t) else self.simplified(t) for c, t in zip(converted, texts)]

    def regional_many(self, names: list[str]) -> list[list[str]]:
        """``regional`` of each name, converted in one call per configuration (and remembered,
        so that ``regional`` of these names costs nothing after)."""
        todo = list(dict.fromkeys(n for n in names if n not in self._regional_memo
                                  and "\n" not in n and has_cjk(n)))
        if todo:
            if self._regional is None:
                self._regional = [opencc_converter(config) for config in _REGIONAL]
            found: list[list[str]] = [[] for _ in todo]
            for converter in self._regional:
                variants = str(converter.convert("\n".join(todo))).split("\n")
                if len(variants) != len(todo):
                    return [self.regional(n) for n in names]
                for i, variant in enumerate(self.simplified_many(variants)):
                    if variant != todo[i] and variant not in found[i]:
                        found[i].append(variant)
            self._regional_memo.update(zip(todo, found))
        return [self.regional(n) for n in names]

    def _char(self, ch: str) -> str:
        converted = self._convert(ch)
        return converted if len(converted) == 1 else ch

    def regional(self, name: str) -> list[str]:
        """The other ways a (simplified) name is written where regional words differ, brought
        back to simplified characters: s2twp writes 乌兹别克斯坦伊斯兰运动 as 烏茲別克伊斯蘭運動,
        so 乌兹别克伊斯兰运动 is the same name. For names only, not for running text."""
        if not has_cjk(name):
            return []
        memo = self._regional_memo.get(name)
        if memo is not None:
            return memo
        if self._regional is None:
            self._regional = [opencc_converter(config) for config in _REGIONAL]
        out = []
        for converter in self._regional:
            variant = self.simplified(str(converter.convert(name)))
            if variant != name and variant not in out:
                out.append(variant)
        self._regional_memo[name] = out
        return out

    def japanese(self, text: str) -> str:
        """OpenCC's Japanese (shinjitai) form of a name in traditional characters (橫山 → 横山),
        for a romanizer that reads Japanese."""
        if not has_cjk(text):
            return text
        if self._to_japanese is None:
            self._to_japanese = opencc_converter("t2jp")
        return str(self._to_japanese.convert(text))

    def from_japanese(self, name: str) -> str:
        """A name written with Japanese forms of its characters (shinjitai: 豊, 広, 沢) in
        simplified characters (OpenCC's jp2t, then ``simplified``: 豊田亨 → 丰田亨). For names
        of an article that writes Japanese only: jp2t reads some Chinese characters as Japanese
        forms of others (芸 → 藝)."""
        if not has_cjk(name):
            return name
        return self.simplified(str(opencc_converter("jp2t").convert(name)))

    def traditional(self, text: str) -> str:
        """OpenCC's traditional form of a (simplified) name: an alias for search."""
        memo = self._traditional_memo.get(text)
        if memo is not None:
            return memo
        if not has_cjk(text):
            return text
        if self._to_traditional is None:
            self._to_traditional = opencc_converter("s2t")
        converted = str(self._to_traditional.convert(text))
        self._traditional_memo[text] = converted
        return converted


def fold(text: str, t2s: dict[str, str] | None = None) -> str:
    """Case, accents and width folded, and name joiners read as spaces: ``Öskemen`` →
    ``oskemen``; with ``t2s`` (an article's traditional → simplified characters) the script too:
    ``阿拉木圖`` → ``阿拉木图``."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = text.casefold()
    if t2s:
        text = "".join(t2s.get(ch, ch) for ch in text)
    text = re.sub("[" + re.escape(NAME_JOINERS) + r"\-‐‑–—_'’`.,]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
