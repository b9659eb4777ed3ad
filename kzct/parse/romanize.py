"""Romanization: how a Chinese name is read, for finding it by a Latin query.

- ``readings``: the Hanyu Pinyin of every character of a name (pypinyin), with the other readings
  of a character that has several (什 shi and shen), as the store keeps it for the sound matcher
  of ``kzct.sounds``: ``普京`` → ``pu jing``, ``布什`` → ``bu shi/shen``. A regnal number
  (穆拉德二世) is kept apart, after ``#``: ``mu la de#2``.
- ``hepburn``: a Japanese name in Hepburn romanization (pykakasi), surname first, long vowels
  written plain as English-language usage does (麻原彰晃 → ``Asahara Shoko``): for the names of an
  article that writes Japanese ({{lang|ja}}, {{link-ja}}, kana), where a name in kanji is read
  the Japanese way. pykakasi is imported only for such an article.
- ``romanized``: a Han Chinese personal name in Hanyu Pinyin, surname first, as ISO 7098 and
  English-language usage write it: 胡锦涛 → ``Hu Jintao``; a surname read as surnames are (单
  Shan, 曾 Zeng, 解 Xie). Only for names that are Chinese by their make (a common surname and a
  given name that is not written with transliteration characters alone): 叶利钦 is Yeltsin, not
  "Ye Liqin". The result is a romanization, shown as such (``name_en_source``); it finds the
  person and is no English name the article gave.

pypinyin is imported on first use: when an article is built, or when a Chinese query that
matches no name is compared with the Latin names by sound; never for another warm query. It is
imported without its dictionary of phrases (``PYPINYIN_NO_PHRASES``, which pypinyin reads from
the environment when it is imported; kzct sets it only if the user has not).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from kzct.text import NAME_JOINERS, is_cjk

# Surnames whose reading as a surname differs from the character's commonest reading (the
# readings of the 百家姓, as dictionaries give them): language knowledge, not a fact of any text.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "缪": "miao", "乐": "yue", "召": "shao", "覃": "qin", "秘": "bi", "种": "chong",
    "员": "yun", "句": "gou", "翟": "zhai", "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun",
    "澹台": "tantai", "繁": "po", "折": "she", "黑": "he", "宿": "su", "冼": "xian", "华": "hua",
    "任": "ren", "纪": "ji", "燕": "yan", "那": "na", "过": "guo", "阚": "kan", "谌": "chen",
}


@cache
def common_surnames() -> frozenset[str]:
    """The commonest Chinese surnames (``kzct/data/surnames.txt``, from the household registers'
    rankings)."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "surnames.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset("".join(line.strip() for line in lines if not line.startswith("#")))


@cache
def classical_surnames() -> frozenset[str]:
    """The surnames of the 百家姓, of one character and of two (``kzct/data/baijiaxing.txt``)."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "baijiaxing.txt"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return frozenset(lines[0]) | frozenset(lines[1].split())


@cache
def _pypinyin() -> Any:
    import os

    # A name is read character by character (every reading of each): pypinyin's dictionary of
    # phrases, which is most of its import time, is not loaded (its documented switch, read when
    # it is imported).
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    import pypinyin

    return pypinyin


@lru_cache(maxsize=1 << 16)
def readings(name: str) -> str:
    """The pinyin syllables of a Chinese name (simplified characters), a space between them and
    ``/`` between a character's readings; ``|`` where the name's parts join; a character that is
    no Han ideograph is left out. (The same names recur from article to article: a process that
    builds many reads each once.)"""
    pypinyin = _pypinyin()
    parts = []
    regnal = _REGNAL.search(name)  # 穆拉德二世: Murad II
    if regnal:
        name = name[:regnal.start()]
    for part in _parts(name):
        part = _NUMBERED.sub("", part)  # 伏尔加格勒1号站: a number is no sound (Volgograd-1)
        chars = [c for c in part if is_cjk(c)]
        if not chars:
            continue
        read = pypinyin.pinyin("".join(chars), style=pypinyin.Style.NORMAL, heteronym=True,
                               v_to_u=False, neutral_tone_with_five=False)
        # a character's two commonest readings: the rarer ones (哈 as ta or sha) are no
        # transliteration's
        parts.append(" ".join("/".join(list(dict.fromkeys(r))[:_READINGS]) for r in read))
    number = _NUMERALS.get(regnal.group(1)) if regnal else None
    return "|".join(parts) + (f"#{number}" if number else "")


_READINGS = 2
# a number and 号 inside a name (伏尔加格勒1号站, Volgograd-1), which say which, not how it sounds
_NUMBERED = re.compile(r"[0-9０-９]+号")
# A regnal number after a name (一世 to 十世): the name is read without it, and it is kept apart.
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_REGNAL = re.compile("(?<=.)([一二三四五六七八九十])世$")


def _parts(name: str) -> list[str]:
    for joiner in NAME_JOINERS + "-‐－ ":
        name = name.replace(joiner, "·")
    return [p for p in name.split("·") if p]


def romanized(name: str, surnames: frozenset[str], foreign: frozenset[str]) -> str | None:
    """A Han Chinese personal name in pinyin, surname first (``Hu Jintao``), or None when the
    name is not Chinese by its make: two to four Han characters, no joiner, a surname from
    ``surnames`` (or a double one, of ``SURNAME_READINGS`` or ``surnames``), and a given name with a character outside ``foreign`` (the
    characters transliterations are written with)."""
    if not 2 <= len(name) <= 4 or not all(map(is_cjk, name)):
        return None
    surname = name[:2] if name[:2] in SURNAME_READINGS or name[:2] in surnames else name[:1]
    given = name[len(surname):]
    if not given or (surname not in surnames and surname not in SURNAME_READINGS) \
            or all(c in foreign for c in name) or len(given) > 2:
        return None
    pypinyin = _pypinyin()
    family = SURNAME_READINGS.get(surname) or "".join(
        pypinyin.lazy_pinyin(surname, style=pypinyin.Style.NORMAL, v_to_u=True))
    first = pypinyin.lazy_pinyin(given, style=pypinyin.Style.NORMAL, v_to_u=True)  # Lü, Nü
    # a syllable that begins with a, o or e after another takes an apostrophe (Xi'an)
    given_text = first[0] + "".join(("'" + s) if s[0] in "aoe" else s for s in first[1:])
    return f"{family.capitalize()} {given_text.capitalize()}"


def pinyin_word(word: str) -> str:
    """A Chinese place word in Hanyu Pinyin, one word, capitalised (胜利 → Shengli, 大湾 → Dawan;
    an apostrophe where a syllable after another begins with a, o or e: 西安 → Xi'an), as GB/T
    16159 writes the specific part of a place's name."""
    pypinyin = _pypinyin()
    syllables = pypinyin.lazy_pinyin(word, style=pypinyin.Style.NORMAL, v_to_u=True)
    text = syllables[0] + "".join(("'" + s) if s[:1] in ("a", "o", "e") else s
                                  for s in syllables[1:]) if syllables else ""
    return text.capitalize()


# What marks an article that writes Japanese: its language templates, or kana.
_JAPANESE = re.compile(r"\{\{\s*(?:lang\s*\|\s*ja\b|lang-ja\b|link-ja\b|link-jp\b|nihongo\b|japanese\b)"
                       r"|[\u3041-\u3096\u30a1-\u30fa]", re.IGNORECASE)
# a long vowel written plain (Shōkō, shoukou: Shoko), but not two vowels (Inoue)
_LONG_VOWEL = re.compile(r"(?<=o)[ou](?![aeiou])|(?<=u)u(?![aeiou])")


def writes_japanese(text: str) -> bool:
    """Whether an article writes Japanese (a language template, or kana), so that its names in
    kanji may be Japanese names."""
    return _JAPANESE.search(text) is not None


@cache
def _kakasi() -> Any:
    import pykakasi

    make: Any = pykakasi.kakasi  # untyped in pykakasi
    return make()


def hepburn(name: str) -> str | None:
    """A Japanese name of two to six kanji in Hepburn, surname first, long vowels plain
    (松本智津夫 → ``Matsumoto Chizuo``), or None when pykakasi cannot read every character."""
    if not 2 <= len(name) <= 6 or not all(map(is_cjk, name)):
        return None
    # (the apostrophe that parts n from a vowel, ken'ichi, as English writes the name: Kenichi)
    words = [item["hepburn"].replace("'", "") for item in _kakasi().convert(name)]
    if not words or not all(words) or not all(w.isascii() and w.isalpha() for w in words):
        return None
    out = []
    for word in words:
        out.append(_LONG_VOWEL.sub("", word).capitalize())
    return " ".join(out)
