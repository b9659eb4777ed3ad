"""Chinese date expressions → partial dates with a precision and how they were obtained.

``find_dates(text)`` reads one sentence and returns what it says about dates, without context;
``resolve_dates`` then fills in what context gives (the year of a ``====2006年====`` heading, an
earlier date in the paragraph, the date a ``3天之后`` counts from). Nothing here raises on any input.

Precision is ``decade``, ``year``, ``month`` or ``day``; a date is written ISO at its precision
(``2006``, ``2006-03``, ``2006-10-12``; a decade ``199X``, as ISO 8601-2 writes it). A date may
carry a qualifier: ``since`` (自2002年, 2002年以来), ``as_of`` (截至2010年), ``before``
(2003年以前), ``about`` (约1995年), or, for a decade, ``early``, ``mid``, ``late`` (90年代初).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from kzct.model import (
    CORRECTED,
    EXPLICIT,
    FROM_ARTICLE,
    FROM_CONTEXT,
    FROM_HEADING,
    MONTH_FROM_CONTEXT,
    RELATIVE,
)
from kzct.text import HAN, is_cjk

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000, "亿": 100000000}
# A number written with digits or Chinese numerals (taken whole: no word after a number begins
# with a numeral, so it never gives one back). NUMBER_START goes before it where a match may
# begin anywhere: a number is read from its first character only, not again from each of the
# others (a run of thousands of numerals once took seconds, each start reading it to its end).
CN_NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9零〇一二两兩三四五六七八九十百千万萬亿]++)"
NUMBER_START = r"(?<![0-9零〇一二两兩三四五六七八九十百千万萬亿])"
_TOKEN = re.compile(r"[0-9]+|.")


def cn_to_int(text: str) -> int | None:
    """``47`` → 47, ``两`` → 2, ``十二`` → 12, ``一百八十七`` → 187, ``6万`` → 60000,
    ``20,000`` → 20000; None if it is not a number."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    # `一亿两千万`: what is below 亿 is counted apart, then added
    high, total, section, digit = 0, 0, 0, None
    for token in _TOKEN.findall(text):
        if token.isdigit() and token.isascii():
            if digit is not None:
                return None
            digit = int(token)
        elif token in _CN_DIGITS:
            if digit is not None and digit >= 10:
                return None
            digit = _CN_DIGITS[token]
        elif token in _CN_UNITS:
            unit = _CN_UNITS[token]
            if unit == 100000000:
                high = (high + total + section + (digit or 0)) * unit
                total, section, digit = 0, 0, None
            elif unit >= 10000:
                total = (total + section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return high + total + section + (digit or 0)


class PartialDate(NamedTuple):
    """A date known to the decade, the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None
    decade: bool = False  # `1990年代`: year is the decade's first

    @property
    def precision(self) -> str:
        if self.decade:
            return "decade"
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """ISO 8601 at its precision; a decade as ISO 8601-2 writes it (``199X``)."""
        if self.decade:
            return f"{self.year // 10:03d}X"
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @staticmethod
    def make(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
        """A valid calendar date at its precision, or None."""
        if not 1 <= year <= 9999:
            return None
        if month is None:
            return PartialDate(year) if day is None else None
        if not 1 <= month <= 12:
            return None
        if day is None:
            return PartialDate(year, month)
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return PartialDate(year, month, day)

    def shifted(self, amount: int, unit: str) -> PartialDate | None:
        """This date moved forward by ``amount`` days, months or years, at its own precision."""
        if self.decade:
            return self
        try:
            if unit == "day":
                if self.precision != "day":
                    return self
                assert self.month and self.day
                moved = dt.date(self.year, self.month, self.day) + dt.timedelta(days=amount)
                return PartialDate(moved.year, moved.month, moved.day)
            if unit == "month":
                if self.month is None:
                    return self
                index = self.year * 12 + (self.month - 1) + amount
                year, month = divmod(index, 12)
                day = self.day
                if day:
                    day = min(day, calendar.monthrange(year, month + 1)[1])
                return PartialDate.make(year, month + 1, day)
            if unit == "year":
                day = self.day
                if day and self.month == 2 and day == 29 and not calendar.isleap(self.year + amount):
                    day = 28
                return PartialDate.make(self.year + amount, self.month, day)
        except (OverflowError, ValueError):
            return None
        return None


class DateMention(NamedTuple):
    """One date expression in a sentence, as found, before context is applied.

    ``year`` is None for ``11月16日`` (the year must come from context); ``relative`` holds
    ``(amount, unit)`` for ``3天之后`` (``(0, unit)`` for ``同年``, the anchor cut to ``unit``).
    ``end`` is the end of a range (``8月24日至26日``, ``从1995年至1998年``).
    """

    start: int
    end_pos: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    end: tuple[int | None, int | None, int | None] | None = None
    source: str = EXPLICIT
    relative: tuple[int, str] | None = None
    in_name: bool = False  # `2004年塔什干系列爆炸案`: a year that names an event
    qualifier: str | None = None  # since, as_of, before, about, after; early, mid, late
    decade: bool = False
    # `联合行动1天后`: counted from a thing the clause names before it, not from the date told
    # before (whose day it would borrow)
    after_thing: bool = False
    # `上午，`, `8时许，`: a time that begins the sentence, of the day told before; a day above it
    # (a heading, a list item) says which day before the sentence before does
    time_only: bool = False
    # `事发两天后`, `事发次日`: counted from the incident an article about one event is about
    after_incident: bool = False


class ResolvedDate(NamedTuple):
    date: PartialDate
    end: PartialDate | None
    source: str
    text: str
    start: int
    end_pos: int
    qualifier: str | None = None


# -- finding -------------------------------------------------------------------------------------

QUALIFIERS = ("since", "as_of", "before", "about", "after", "early", "mid", "late")
# A time of day after a date (`5月12日晚至13日凌晨`): part of the date, not of the range.
_DAYTIME = r"(?:凌晨|清晨|早晨|早上|早间|上午|中午|午间|下午|傍晚|晚上|晚间|夜间|深夜|晚|夜|早|午后|时许|晨)?"
_TO = r"\s*(?:至|到|—|–|~|～|-|－|─)\s*"
# `2005年2与5日`: 与 typed for 月 (yu / yue in pinyin input). A range's end (`至26日`,
# `至4月`, `至1998年`) follows the first date; `10月2日及3日` names two days.
# A month or day of ten is 十, one character for two digits: it is read as written (see
# ``_numeral_dates``).
_DATE = re.compile(
    r"(?<![0-9])(?:(?=[0-9])|(?<![一二三四五六七八九十百千万萬〇零两兩])(?=十\s*[月日号]))"
    r"(?P<first>(?:(?P<y>[12][0-9]{3})\s*(?:年|(?=" + _TO + r"[12][0-9]{3}\s*年))"
    r"\s*)?(?:(?P<m>[0-9]{1,2}|十(?=\s*月))\s*(?:月(?:份)?|(?P<typo>与))\s*)?"
    r"(?:(?P<d>[0-9]{1,2}|十(?=\s*[日号]))\s*[日号])?"
    + _DAYTIME + r")(?:" + _TO + r"(?P<second>(?:(?P<ey>[12][0-9]{3})\s*年)?"
    r"(?:(?P<em>[0-9]{1,2})\s*月)?(?:(?P<ed>[0-9]{1,2})\s*[日号])?" + _DAYTIME
    + r")|\s*(?:及|或)\s*(?P<ad>[0-9]{1,2})\s*[日号])?"
)
# `1990年代`, `上世纪90年代初`, `1980年代中期`
_DECADE = re.compile(
    r"(?P<century>上世纪|上个世纪|20世纪|二十世纪|本世纪|21世纪|二十一世纪)?"
    r"(?<![0-9])(?P<y>[12][0-9]{2}0|[0-9]0)\s*年代"
    r"(?P<q>初期|初|前期|早期|中期|中叶|中(?![国华文东亚央部南北西心])|末期|末|后期|晚期)?")
_DECADE_Q = {"初期": "early", "初": "early", "前期": "early", "早期": "early", "中期": "mid",
             "中叶": "mid", "中": "mid", "末期": "late", "末": "late", "后期": "late", "晚期": "late"}
# What a date only bounds: `自2002年`, `2002年以来` (since), `截至2010年` (as of),
# `2003年之前` (before), `约1995年` / `1995年左右` (about).
_QUALIFIED_AFTER = (
    (re.compile(r"\s*(?:以来|之后以来|至今|起(?![义草诉飞])|开始(?=以来))"), "since"),
    # a bare 前 only where the phrase ends (`2003年前，`): `1991年前苏联` is the former Soviet Union
    (re.compile(r"\s*(?:之前|以前|为止前|前(?=\s*(?:[，,。；;、：:）)」”]|的|$)))"), "before"),
    (re.compile(r"\s*(?:左右|前后)"), "about"),
    (re.compile(r"\s*为止"), "as_of"),
)
_QUALIFIED_BEFORE = (
    (re.compile(r"(?:截至|截止到|截止|截至到|到)\s*$"), "as_of"),
    (re.compile(r"(?:自从|自)\s*$"), "since"),
    (re.compile(r"(?:大约|大概|约|约在|大约在|大概在)\s*$"), "about"),
)
# what makes a year the birth year of the person named after it (`1991年出生的纳吉姆`)
_BORN_IN = re.compile(r"\s*(?:出生|出世|生)的")
# what makes a date a person's birth, told as what the sentence says (`奥兹图尔克于1992年出生在…`):
# it dates its sentence, but what the paragraph goes on to tell is not counted from it
BORN = re.compile(r"\s*(?:出生|出世)")
# what makes a date the day a thing named after it was made (`1998年出版的《新疆年鉴1997》`):
# the date of what the sentence tells, but not the year of what the paragraph tells after it
MADE_IN = re.compile(r"\s*(?:出版|发行|成书|发表|拍摄|出品|播出|编写|撰写)的")
# `2004年塔什干系列爆炸案`: a year directly followed by the name of an event.
_EVENT_NAME = re.compile(f"[{HAN}]" r"{0,8}?(?:事件|爆炸案|系列爆炸|恐怖袭击|袭击|暴动|骚乱|危机)")
# ... and one that is the name itself, nothing said between (`2009年乌鲁木齐七五骚乱`, not
# `1997年在伊宁发生的此次事件`, which says when this one happened)
_OWN_EVENT_NAME = re.compile(f"(?:(?![的在于是此这该发])[{HAN}])" r"{0,8}?"
                             r"(?:事件|爆炸案|系列爆炸|恐怖袭击|袭击|暴动|骚乱|危机)")


def names_an_event(text: str, end: int) -> bool:
    """Whether the year that ends at ``end`` begins the name of an event (`2009年乌鲁木齐七五骚乱`),
    with nothing said between them."""
    return _OWN_EVENT_NAME.match(text, end) is not None
# a time zone's name (`当地时间`, `美东时间`, `澳洲东部标准时间`, `北京时间`)
_ZONE = rf"(?:当地|(?:(?![的段个这那一同此在于於从到])[{HAN}]){{1,6}}?)时间"
_RELATIVE = re.compile(
    r"(?P<yearmonth>同年|当年|该年|今年|翌年|次年|隔年|第二年)(?P<ym>[0-9]{1,2}|十)\s*月"
    r"(?:(?P<yd>[0-9]{1,2}|十)\s*[日号])?|"
    # a day of the month told before (`同月30日`)
    r"(?P<monthday>同月|当月|该月)(?P<md>[0-9]{1,2})\s*[日号]|"
    rf"(?<!月){NUMBER_START}(?P<n>{CN_NUMBER})\s*(?P<unit>天|日|个月|個月|年|周|週|星期)\s*(?:之|以)?后"
    # ... or before it (`曾于14年前引渡`; not a day of the month, `于5日前`)
    rf"|(?<!月){NUMBER_START}(?P<nb>{CN_NUMBER})\s*(?P<unitb>天|个月|個月|年|周|週|星期)\s*(?:之|以)?前"
    r"(?!的)"  # (`近一周之前的3月13日`: the date after it is told)
    r"|(?P<next>次日|翌日|第二天|隔天|隔日)|(?P<nextyear>翌年|次年|隔年|第二年)"
    r"|(?P<nextmonth>次月|翌月)"
    r"|(?P<same>同一时间|同一时刻|同一天|同日|当日|当天|当晚|当夜|是日|是夜)"
    # the time of the incident itself (`事发期间，…`): its day
    r"|(?<=事发|案发)(?P<during>期间|当时|时)"
    # a time of the clock in the place's own time (`当地时间22:00…统计`): of the day told before
    # (or in a time zone's: `美国东部时间下午2时49分12秒`, `澳洲东部标准时间9点44分`)
    rf"|{_ZONE}\s*(?P<local>(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上)?[0-9]{{1,2}}"
    r"(?:[:：][0-9]{2}|\s*[时時点點](?:[0-9]{1,2}分)?(?:[0-9]{1,2}秒)?)(?:许|許|左右)?)"
    # a time of day or of the clock that begins the sentence, before a comma (`上午，…`,
    # `8时许，…`): of the day told before
    r"|^\s*(?P<sameday>(?:凌晨|清晨|早晨|早上|上午|中午|下午|傍晚|晚上|夜间|深夜)"
    r"|(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上)?(?:大约|约)?[0-9]{1,2}\s*[时時点點](?:[0-9]{1,2}分)?(?:许|許|左右)?)"
    r"(?=\s*[，,：:])"  # (or a colon, as a list of times writes it: `早上8點51分：7人於…死亡`)
    # a time of the clock after 在 or 于 inside the sentence, before what happened then
    # (`…在9:11左右发生了第三次爆炸`): of the day told before
    r"|(?<=[在于於])(?P<clock>(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上)?[0-9]{1,2}"
    r"(?:[:：][0-9]{2}|\s*[时時点點](?:[0-9]{1,2}分)?)(?:许|許|左右)?)"
    r"(?=\s*(?:[，,]|(?:再次|又|再)?(?:发生|發生|发动|發動|开始|開始|爆炸|遭到|遭|引爆)"
    r"|声明|宣布|表示|发表))"
    r"|(?P<sameyear>同年|当年)(?![0-9])"
    r"|(?P<samemonth>同月|当月)(?![0-9])"
    # hours or minutes after (or within) the incident (`爆炸发生后半小时内`): its day
    # (`爆炸后数小时`: the incident, then the hours)
    r"|(?P<hours>(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3}|半|数|几)\s*个?(?:半|多)?(?:小时|钟头|分钟)"
    r"(?:(?:之|以)?(?:后|内))?)"
    # the year of the date told, or one before it (a speaker's `去年`; not `上个月`, whose month
    # is the speaker's, which the text seldom dates)
    r"|(?P<lastyear>前年|去年|今年)(?![0-9])"
)
_DIGIT = re.compile(r"\d")  # any script's decimal digit (full-width ５, Arabic-Indic ٥, …)


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script written in ASCII, one character for one
    (positions hold): ``２００６年３月５日`` is ``2006年3月5日``."""
    if text.isascii():
        return text
    import unicodedata

    return _DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(), 0)), text)


# A date written in Chinese numerals (`二〇〇四年三月二十九日`, `同年二月`, `九月份，`): a year of four
# numeral digits before 年, and a month before 月 with the day after it where a year (or 同年, 次年)
# comes before the month. A month without a year keeps its day in numerals, so it is read only
# where a month alone is a date (`九月份，`), not in a name (`「三月八日聯盟」`, `十月革命`).
_NUMERAL_DATE = re.compile(
    r"(?P<y>[一二][〇零一二三四五六七八九]{3})(?=\s*年)"
    r"|(?<![一二三四五六七八九十百千万萬〇零两兩])(?P<m>十[一二]?|[一二三四五六七八九])(?P<mark>\s*月\s*)"
    r"(?:(?P<d>三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
    r"(?=\s*[日号]))?"
)
_NUMERAL_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _numeral_dates(norm: str) -> str:
    """``norm`` with the numbers of its dates in Chinese numerals written in ASCII digits, one
    place for one (`二十九日` is `29 日`; a lone 十, ten, stays: see ``_DATE``)."""
    if "月" not in norm and "年" not in norm:
        return norm

    def number(numeral: str) -> str:
        if numeral == "十":
            return numeral
        value = str(cn_to_int(numeral))
        return value + " " * (len(numeral) - len(value))

    def digits(m: re.Match[str]) -> str:
        if m.group("y"):
            return m.group().translate(_NUMERAL_DIGITS)
        day = m.group("d") or ""
        before = m.start() - 1
        while before >= 0 and norm[before].isspace():  # (back over this gap only: linear)
            before -= 1
        if day and ((before >= 0 and norm[before] == "年") or _numeral_day_told(norm, m, before)):
            day = number(day)  # a day after a year's month, or where a date is told
        return number(m.group("m")) + m.group("mark") + day

    return _NUMERAL_DATE.sub(digits, norm)


def _numeral_day_told(norm: str, m: re.Match[str], before: int) -> bool:
    """Whether a month and day in numerals with no year (`九月五日`) is a date where it stands:
    after a preposition of time or at a clause's start, and before a clause mark or what was
    done then (`九月五日，`, `於十月九日在柏林逮捕`); not a name (`「三月八日聯盟」`)."""
    after = m.end() + 1  # (past 日 or 号)
    if norm[m.end():after] not in ("日", "号"):
        return False
    lead = before < 0 or norm[before] in "于於在从自至到，,。；;：:"
    return lead and (norm[after:after + 1] in ("，", ",", "、")
                     or _DAY_VERB.match(norm, after) is not None)


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in one sentence, in order. Never raises."""
    # digits of any script, and dates in Chinese numerals, same length: positions hold
    norm = _numeral_dates(ascii_digits(text))
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _DECADE.finditer(norm):
        mention = _decade(m, text)
        if mention is not None:
            found.append(mention)
            taken.append((m.start(), m.end()))
    for m in _DATE.finditer(norm):
        if m.end() == m.start() or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group("m") is None and _BORN_IN.match(norm, m.end()):
            continue  # `1991年出生的纳吉姆`: when a person was born, which dates nothing told
        mention = _mention(m, text, norm)
        if mention is not None:
            found.append(mention)
    # a relative date counts where the sentence writes no year before it (`在第二年签署了该条约，
    # 并于1994年生效`: the next year, then 1994)
    first_year = min((d.start for d in found if d.year is not None), default=len(norm))
    if first_year:
        for m in _RELATIVE.finditer(norm, 0, first_year):
            rel = _relative(m)
            hours = m.group("hours")
            if rel is None or (hours and (not _after_incident(norm, m) or (
                    hours[-1] not in "后内"
                    and not norm[:m.start()].rstrip("约大概").endswith(("后", "後"))))
                    and not _hours_later(norm, m)):
                continue  # (hours count only from the incident: `限…48小时内` is a deadline)
            month = day = None
            if m.group("yearmonth"):  # `同年11月`: a month of the year told before
                month, day = _int(m.group("ym")), _int(m.group("yd"))
                if day is not None and m.group("yearmonth") in _SAME_YEAR:
                    continue  # `当年3月30日`: a month and day, read in their context
            elif m.group("monthday"):  # `同月30日`: a day of the month told before
                day = _int(m.group("md"))
            found.append(DateMention(start=m.start(), end_pos=m.end(), text=text[m.start():m.end()],
                                     year=None, month=month, day=day, source=RELATIVE,
                                     relative=rel, after_thing=_after_thing(norm, m),
                                     after_incident=_after_incident(norm, m),
                                     time_only=bool(m.group("sameday") or m.group("clock")
                                                    or m.group("local"))))
        relatives = [(d.start, d.end_pos) for d in found if d.relative is not None]
        found = [d for d in found if d.relative is not None
                 or not any(a < d.end_pos and d.start < b for a, b in relatives)]
    return sorted(found, key=lambda d: d.start)


# what a clause begins after (a year before a comma there is the clause's date)
_CLAUSE_OPENERS = frozenset("。；;，,：:\n（(")
_CLAUSE_MARK = re.compile(r"[，,；;。：:！？!?、]")
# what may stand between a clause's start and its relative date: a particle or a conjunction
_BEFORE_COUNT = re.compile(r"[\s在于於而但并並又则則且就才]*")


_CLAUSE_REACH = 40  # how far back a relative date's or a day's clause start is looked for


def _clause_start(norm: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins, looked for at most ``_CLAUSE_REACH`` characters
    back (further is as good as anywhere for what is asked of it, and the cost of each date
    stays bounded however long its sentence): the start of the text, after a clause mark, else
    the farthest place looked at."""
    floor = max(0, pos - _CLAUSE_REACH)
    for i in range(pos, floor, -1):
        if _CLAUSE_MARK.match(norm, i - 1):
            return i
    return floor


def _after_thing(norm: str, m: re.Match[str]) -> bool:
    """Whether a counted relative date (`1天后`) follows a thing its clause names (`联合行动1天后`)
    rather than beginning its clause (`3天之后，`), where it counts from the date told before."""
    if not m.group("n"):
        return False
    clause = _clause_start(norm, m.start())
    return _BEFORE_COUNT.fullmatch(norm, clause, m.start()) is None


# The incident itself, as the thing a count follows (`事发两天后`, `案发次日`, `袭击发生后3天`)
_INCIDENT = re.compile(
    # (where it happened, before 的, or who did what then, before 在: `奥斯陆市中心的爆炸事件发生后约
    # 一个半小时`, `他在爆炸后一小时左右`; what went off:
    # `炸弹爆炸发生2小时后`, `枪击事件发生的一个半小时后`)
    r"(?:[^，,。；;]{0,10}(?:的|在|于))?"
    r"(?:事发|案发|(?:炸弹|汽车炸弹)?(?:爆炸|袭击|枪击)(?:事件|案)?(?:发生)?|事件(?:发生)?)"
    r"的?(?:之?后)?(?:约|大约|大概)?")


# a few hours: what a day's events are told to follow one another by
_FEW_HOURS = 6


def _hours_later(norm: str, m: re.Match[str]) -> bool:
    """Whether a count of hours is a few hours after what was told before, of its day (`而枪手在
    约1小时后折返开枪`, `数小时后在案发地点附近…驳火`): a few (数, 几, 半, at most ``_FEW_HOURS``),
    after 后, and no plan (`48小时后将…`)."""
    hours = m.group("hours")
    if not hours.endswith("后") or norm.startswith(("将", "再"), m.end()):
        return False
    count = re.match(r"[0-9]+|[一二两三四五六七八九十]+|[半数几]", hours)
    if count is None:
        return False
    if count.group() in ("半", "数", "几"):
        return True
    value = int(count.group()) if count.group().isdigit() else cn_to_int(count.group())
    return value is not None and value <= _FEW_HOURS


def _after_incident(norm: str, m: re.Match[str]) -> bool:
    """Whether a relative date follows the incident itself and nothing else in its clause, or
    right after 事发 or 案发, which name nothing else (`保安局在事发翌日早上`)."""
    if norm.endswith(("事发", "案发"), 0, m.start()):
        return True
    clause = _clause_start(norm, m.start())
    lead = _BEFORE_COUNT.match(norm, clause)  # always matches: it may match nothing
    start = lead.end() if lead else clause
    return _INCIDENT.fullmatch(norm, start, m.start()) is not None


# the words of a relative year that name the year told before (a speaker's 今年 is the year
# they speak in, which is the date told before them)
_SAME_YEAR = ("同年", "当年", "该年", "今年")


def _relative(m: re.Match[str]) -> tuple[int, str] | None:
    if m.group("yearmonth"):
        return (0 if m.group("yearmonth") in _SAME_YEAR else 1, "year-only")
    if m.group("monthday"):
        return (0, "month-only")
    if m.group("next"):
        return (1, "day")
    if m.group("nextyear"):
        return (1, "year-only")
    if m.group("nextmonth"):
        return (1, "month-only")
    if m.group("same") or m.group("sameday") or m.group("clock") or m.group("local") \
            or m.group("during"):
        return (0, "day")
    if m.group("sameyear"):
        return (0, "year-only")
    if m.group("samemonth"):
        return (0, "month-only")
    if m.group("hours"):
        return (0, "day")
    if m.group("lastyear"):
        return ({"前年": -2, "去年": -1}.get(m.group("lastyear"), 0), "year-only")
    before = m.group("nb") is not None
    n = cn_to_int(m.group("nb") if before else m.group("n"))
    if n is None:
        return None
    unit = {"天": "day", "日": "day", "周": "week", "週": "week", "星期": "week",
            "年": "year"}.get(m.group("unitb") if before else m.group("unit"), "month")
    n = -n if before else n
    # (a count of years is of a year: `14年前` tells no day)
    return (n * 7, "day") if unit == "week" else (n, "year-only" if unit == "year" else unit)


def _decade(m: re.Match[str], text: str) -> DateMention | None:
    digits = m.group("y")
    century = m.group("century") or ""
    if len(digits) == 4:
        year = int(digits)
    elif century in ("本世纪", "21世纪", "二十一世纪"):
        year = 2000 + int(digits)
    else:
        year = 1900 + int(digits)  # `90年代`, `上世纪90年代`
    if not 1000 <= year <= 2100:
        return None
    return DateMention(start=m.start(), end_pos=m.end(), text=text[m.start():m.end()], year=year,
                       month=None, day=None, qualifier=_DECADE_Q.get(m.group("q") or ""),
                       decade=True)


def _int(value: str | None) -> int | None:
    if value == "十":
        return 10
    return int(value) if value else None


def _qualifier(norm: str, start: int, end: int) -> str | None:
    """What the words around a date say it is (since, as of, before, about)."""
    after = norm[end:end + 6]
    for pattern, qualifier in _QUALIFIED_AFTER:
        if pattern.match(after):
            return qualifier
    before = norm[max(0, start - 6):start]
    for pattern, qualifier in _QUALIFIED_BEFORE:
        m = pattern.search(before)
        if m:
            if qualifier == "as_of" and m.group().strip() == "到" \
                    and "为止" not in norm[end:end + 4]:
                continue  # `到2006年` alone is no bound (`截至到2010年` is)
            return qualifier
    return None


# what may end a day of the month written alone (`５日，`, `３日晚`): a clause mark
_DAY_ENDS = frozenset("，,、")
# what a day alone inside its clause may be followed by, news-style, to be the day something was
# said or done (`弗里金斯基５日宣布`, `据俄塔社５日报道`, `朴奉珠23日向…致电`): a verb of reporting,
# meeting or travelling, or a preposition
# or of arresting or confessing (`意大利警方在26日亦逮捕了`, `阿布里尼随后在10日承认`), after an
# adverb
_DAY_VERB = re.compile(r"(?:亦|也|又|则|便|即|已|还|再|均|都)?"
                       r"(?:宣布|宣称|报道|报导|表示|声称|称|说|指出|透露|证实|发表|发布|公布|召开|举行|"
                       r"会见|会晤|抵达|飞抵|前往|访问|出席|援引|引述|致电|签署|通过|下令|批准|"
                       r"逮捕|拘捕|抓获|承认|释放|起诉|报告|据|"
                       r"在|向|与|同|对)")
# what stands before a count of days, not a day of the month (`第5日`, `每5日`, `约5日`, `为期5日`,
# `持续5日`)
_BEFORE_DAYS = frozenset("第每约近逾满达共了至到为的个余多或和及与期时续历连计长")


# what follows a count of days, not a day of the month (`3日内`, `5日后`, `两日间`)
_AFTER_DAYS = frozenset("内後后前间間起来來止余餘多左至到以之里裡")
# what may begin a clause before its day alone (`截至13日深夜，`, `在３日晚，`)
# a time of the clock right after a day (`美東时间15日15时10分`): the day is a date
_CLOCK_AFTER = re.compile(r"\s*[0-9]{1,2}\s*(?:[时時点點]|[:：][0-9]{2})")
_DAY_LEAD = re.compile(rf"(?:截至|截止到|截止|到|自|从|在|于|於)?(?:{_ZONE})?")


def _day_only(m: re.Match[str], text: str, norm: str, day: int) -> DateMention | None:
    """A day of the month alone (`５日，普京发表讲话`, `３日晚，`), where it begins its clause and
    ends in a clause mark or a time of day, or where it stands after a name and before a time of
    day or a verb of reporting (`卡里莫夫13日凌晨飞抵`, `弗里金斯基５日宣布`): the month and year
    of the dates before it (see ``resolve_dates``). Elsewhere (`拘留15日`) it is no date."""
    start, stop = m.start(), m.end()
    if m.group("second") is not None or m.group("ad"):
        return None
    clause = _clause_start(norm, start)
    before = norm[start - 1] if start else ""
    daytime = bool(norm[m.end("d") + 1:stop].strip())  # `13日凌晨`
    reported = (is_cjk(before) and before not in _BEFORE_DAYS
                and (daytime or _DAY_VERB.match(norm, m.end("d") + 1) is not None)) \
        or (norm.endswith("时间", 0, start) and _CLOCK_AFTER.match(norm, stop) is not None)
    lead = norm[clause:start].strip()
    # (the day that begins the sentence, news-style, before what was counted or done then:
    # `20日死亡人数升至56人`; not a count, `3日内`)
    opening = not norm[:start].strip() and is_cjk(norm[stop:stop + 1]) \
        and norm[stop] not in _AFTER_DAYS and not norm[m.end("d") + 1:stop].strip()
    reported = reported or opening
    if not reported and ((lead and not _DAY_LEAD.fullmatch(lead))
                         or not (norm[stop:stop + 1] in _DAY_ENDS
                                 or norm[m.end("d") + 1:stop].strip()
                                 or _CLOCK_AFTER.match(norm, stop))):
        return None
    return DateMention(start=start, end_pos=stop, text=text[start:stop], year=None, month=None,
                       day=day, qualifier=_qualifier(norm, start, stop) if lead else None)


# what may follow a month told alone that begins its clause (`1月，该组织…`, `8月初，`)
_MONTH_ENDS = re.compile(r"\s*(?:[，,]|(?:初|中旬|上旬|下旬|底|末)[，,]?)")


def _month_only(m: re.Match[str], text: str, norm: str, month: int) -> DateMention | None:
    """A month told alone, beginning its clause and followed by a clause mark or a part of the
    month (`1月，该组织…`, `9月份，`, `在8月初，`): of the year in reach (a heading's, the paragraph's; see
    ``resolve_dates``). Elsewhere (`3个月`, `于3月份的`) it is no date."""
    start, stop = m.start(), m.end()
    if not 1 <= month <= 12 or norm[stop - 1:stop] not in ("月", "份"):
        return None  # (`9月份，`: 份 is the month's)
    # (after a conjunction that opens the clause: `而6月初的爆炸案`)
    lead = norm[_clause_start(norm, start):start].strip().lstrip("而但并且又")
    part = _MONTH_ENDS.match(norm, stop)
    if lead not in ("", "在", "于", "於") or part is None:
        # inside its clause, right after 在 or 于 and before what was done then (`警方在9月逮捕`)
        if norm[start - 1:start] not in ("在", "于", "於") or not _DAY_VERB.match(norm, stop):
            return None
    qualifier = _PART_OF_MONTH.get(part.group().strip(" ，,")) if part else None
    return DateMention(start=start, end_pos=stop, text=text[start:stop], year=None, month=month,
                       day=None, qualifier=qualifier)


_PART_OF_MONTH = {"初": "early", "上旬": "early", "中旬": "mid", "下旬": "late", "底": "late",
                  "末": "late"}


def _mention(m: re.Match[str], text: str, norm: str) -> DateMention | None:
    year, month, day = _int(m.group("y")), _int(m.group("m")), _int(m.group("d"))
    if year is None and month is None and day is not None:
        return _day_only(m, text, norm, day)
    if year is None and month is not None and day is None and m.group("second") is None \
            and not m.group("typo"):
        return _month_only(m, text, norm, month)
    if year is None and not (month and day):
        return None  # `3月` alone elsewhere: not a date this module can place
    if m.group("typo") and not (year and day):
        return None
    if month is None and day is not None:
        return None  # `2006年5日`
    start, stop = m.start(), m.end()
    ey, em, ed = _int(m.group("ey")), _int(m.group("em")), _int(m.group("ed"))
    end: tuple[int | None, int | None, int | None] | None = None
    if m.group("second") is not None:
        # the end is as precise as the start: `8月24日至26日`, `3月至4月`, `1995年至1998年`
        fits = (ed is not None if day is not None
                else (em is not None and ed is None) if month is not None
                else (ey is not None and em is None and ed is None))
        if fits:
            end = (ey, em, ed)
        else:
            stop = m.end("first")
    elif m.group("ad"):
        if day is None:
            return None
        end = (None, None, _int(m.group("ad")))  # `10月2日及3日`: the 2nd and the 3rd
    while stop > start and norm[stop - 1] in " ":
        stop -= 1
    if end is None and year is not None and month is None and not norm[start:stop].rstrip().endswith("年"):
        return None  # `1995` with no 年 and no range: a number
    source = CORRECTED if m.group("typo") else EXPLICIT
    qualifier = _qualifier(norm, start, stop)
    if end is not None and qualifier != "about":
        qualifier = None  # `从1995年至1998年`, `自2001年至2005年`: a range, not a bound
    elif qualifier is None and end is None and norm[max(0, start - 1):start] in ("从", "自"):
        qualifier = "since"  # `从2002年开始`, `从2002年` with nothing after it
    in_name = False
    if month is None and day is None and end is None:
        if year is not None and not 1900 <= year <= 2100 and not (
                1000 <= year < 1900 and (start == 0 or norm[start - 1] in _CLAUSE_OPENERS)
                and norm[stop:stop + 1] in ("，", ",")):
            return None  # (an earlier year only as a clause's date: `1882年，英國出兵埃及`, not
            # a span of years: `已有1400年历史`)
        in_name = qualifier is None and bool(_EVENT_NAME.match(norm, stop))
    return DateMention(start=start, end_pos=stop, text=text[start:stop], year=year,
                       month=month, day=day, end=end, source=source, in_name=in_name,
                       qualifier=qualifier)


# -- resolving -----------------------------------------------------------------------------------

_HEADING_DAY = re.compile(r"\s*(?:([12][0-9]{3})\s*年\s*)?([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]"
                          r"(?=\s*$|\s*[：:，,（(—–\-]|\s)")


def heading_day(title: str) -> tuple[int | None, int, int] | None:
    """A section heading that is a day (`9月3日`, `2004年9月3日`, `9月3日：解救人质`): its year
    (None where it writes none), month and day; the sentences under it tell of that day."""
    m = _HEADING_DAY.match(ascii_digits(title))
    if m is None:
        return None
    return (int(m.group(1)) if m.group(1) else None), int(m.group(2)), int(m.group(3))


def heading_year(title: str) -> int | None:
    """The year a section heading gives to the dates under it: a heading that is a year or
    begins with one (`2006年`, `2006`, `1999年8月—2000年2月：进攻格罗兹尼`)."""
    m = re.match(r"\s*([12][0-9]{3})(?:\s*年|\s*$|\s*[-－—–至])", ascii_digits(title))
    return int(m.group(1)) if m else None


def resolve_dates(
    mentions: list[DateMention],
    *,
    context_year: int | None,
    heading: int | None,
    anchor: PartialDate | None,
    anchor_end: PartialDate | None = None,
    unplaced: list[DateMention] | None = None,
    article_year: int | None = None,
    impossible: list[DateMention] | None = None,
    incident: PartialDate | None = None,
) -> list[ResolvedDate]:
    """Give each mention its full date.

    ``context_year``: the year of the latest explicit date earlier in the paragraph;
    ``heading``: the year of the nearest year heading above; ``anchor`` (and ``anchor_end``, when
    it is a range): the date a relative expression counts from (the latest dated sentence before
    it in the section); `3天之后` counts from a range's end; ``article_year``: the year an event
    article states once (``kzct.extract.events.article_year``), for a date with no other year in
    reach. A month and day with no year in reach is left out, and added to ``unplaced`` when it
    is given; so is a date no calendar has (`13月5日`, `2月30日`), added to ``impossible``.
    ``incident``: the day an article about one event says it happened, which `事发两天后` counts
    from, wherever it is.
    """
    out: list[ResolvedDate] = []
    sentence_year: int | None = None
    for mention in mentions:
        if mention.month is None and mention.day is not None and mention.year is None:
            # a day alone: of the month of the date before it in the section, else of the
            # incident the article is about, where it comes at most a week before it (none is
            # no defect: the article wrote no month and day)
            resolved = None
            # (the sentence's own date before it first: `4月8日，…逮捕了…，阿布里尼随后在10日承认`)
            told = next((d.date for d in reversed(out) if d.date.day is not None and d.end is None),
                        None)
            month_of = told or (anchor if anchor is not None else incident)
            if month_of is not None and month_of.month is not None and not month_of.decade \
                    and mention.day >= (month_of.day or 1) - _DAYS_BACK:
                date = PartialDate.make(month_of.year, month_of.month, mention.day)
                if date is not None:
                    resolved = ResolvedDate(date, None, MONTH_FROM_CONTEXT, mention.text,
                                            mention.start, mention.end_pos, mention.qualifier)
        elif mention.relative is not None and mention.after_incident and incident is not None:
            resolved = _from_incident(mention, incident)
        elif mention.relative is not None:
            if anchor is None and heading is not None and mention.relative[1] == "year-only":
                # `当年春季` first in a section headed `2000年`: of the heading's year
                resolved = _counted(mention, PartialDate(heading), None)
            elif anchor is None and incident is not None and mention.relative[0] <= 0 \
                    and (mention.relative[1] in ("year-only", "month-only") or mention.time_only) \
                    and not mention.after_thing:
                # nothing told before it in its section of an article about one event: the year
                # or the month of the incident, or a year before it (a speaker's `去年`); not a
                # day (`当天`, of what the text does not date)
                resolved = _counted(mention, incident, None)
            else:
                resolved = _counted(mention, anchor, anchor_end)
        elif mention.decade:
            assert mention.year is not None
            resolved = ResolvedDate(PartialDate(mention.year, decade=True), None, EXPLICIT,
                                    mention.text, mention.start, mention.end_pos,
                                    mention.qualifier)
        else:
            if mention.year is not None:
                sentence_year = mention.year
            found = _year_of(mention, sentence_year, context_year, heading, article_year)
            if found is None:
                if unplaced is not None and mention.day is not None:
                    unplaced.append(mention)  # (a month alone with no year is no defect)
                continue
            if found[1] == FROM_CONTEXT and _next_year(mention, anchor, found[0]):
                # `12月31日…` then `1月3日`: the story went on into the next year
                found = (found[0] + 1, found[1])
            resolved = _dated(mention, *found)
            if resolved is None and impossible is not None:
                impossible.append(mention)
        if resolved is not None:
            out.append(resolved)
    return _drop_subsumed(out, mentions)


# How many days before the date before it a day alone may be and still be of its month
# (`5月23日，警方查明…团伙成员…22日晚在巴州抓获`: the 22nd); further back, it may be the month
# before's, which the text does not say
_DAYS_BACK = 7


def _from_incident(mention: DateMention, incident: PartialDate) -> ResolvedDate | None:
    """`事发两天后`: counted from the day of the incident."""
    assert mention.relative is not None
    amount, unit = mention.relative
    if unit not in ("day", "month", "year"):
        return None
    moved = _relative_to(incident, (amount, unit))
    if moved is None:
        return None
    return ResolvedDate(moved, None, RELATIVE, mention.text, mention.start, mention.end_pos)


def _counted(mention: DateMention, anchor: PartialDate | None,
             anchor_end: PartialDate | None) -> ResolvedDate | None:
    """A relative date (`3天之后`, `同年11月`, `同一时间`), counted from the date before it."""
    assert mention.relative is not None
    amount, unit = mention.relative
    if mention.after_thing:
        # counted from a thing with no date of its own: after it, in the year told before (a
        # day borrowed from the sentence before would be a guess)
        if anchor is None or anchor.decade:
            return None
        return ResolvedDate(PartialDate(anchor.year), None, RELATIVE, mention.text,
                            mention.start, mention.end_pos, "after")
    if (amount, unit) == (0, "day") and anchor is not None:
        # `同一时间`: the very date (or range) told just before
        return ResolvedDate(anchor, anchor_end, RELATIVE, mention.text, mention.start,
                            mention.end_pos)
    if unit == "year-only" and mention.month is not None:
        moved = PartialDate.make(anchor.year + amount, mention.month, mention.day) \
            if anchor is not None and not anchor.decade else None
    elif unit == "month-only" and mention.day is not None:
        moved = PartialDate.make(anchor.year, anchor.month, mention.day) \
            if anchor is not None and not anchor.decade and anchor.month is not None else None
    else:
        moved = _relative_to(anchor_end or anchor if unit in ("day", "month", "year")
                             else anchor, mention.relative)
    if moved is None:
        return None
    return ResolvedDate(moved, None, RELATIVE, mention.text, mention.start, mention.end_pos)


def _year_of(mention: DateMention, sentence_year: int | None, context_year: int | None,
             heading: int | None, article_year: int | None = None) -> tuple[int, str] | None:
    """A date's year and how it was found: as written, from an earlier date in the sentence or
    the paragraph, from a heading, or from the article's own year; None when none is in
    reach."""
    source = mention.source
    if mention.year is not None:
        return mention.year, source
    if sentence_year is not None:
        return sentence_year, (FROM_CONTEXT if source == EXPLICIT else source)
    if context_year is not None:
        return context_year, (FROM_CONTEXT if source == EXPLICIT else source)
    if heading is not None:
        return heading, (FROM_HEADING if source == EXPLICIT else source)
    if article_year is not None:
        return article_year, (FROM_ARTICLE if source == EXPLICIT else source)
    return None


def _next_year(mention: DateMention, anchor: PartialDate | None, year: int) -> bool:
    """Whether a month told without a year, in January or February, follows a date before it
    in November or December of the year it would take (a story told on past New Year)."""
    return anchor is not None and not anchor.decade and anchor.year == year \
        and anchor.month is not None and anchor.month >= 11 \
        and mention.year is None and mention.month is not None and mention.month <= 2


def _dated(mention: DateMention, year: int, source: str) -> ResolvedDate | None:
    """A month-day (or year) date, and its range's end, in ``year``."""
    date = PartialDate.make(year, mention.month, mention.day)
    if date is None:
        return None
    end = None
    if mention.end is not None:
        ey, em, ed = mention.end
        end = PartialDate.make(ey or year, em or mention.month, ed)
        if end is not None and end.sort_key() <= date.sort_key() and ey is None:
            # `2006年12月31日至1月2日`: the end is in the next year
            end = PartialDate.make(year + 1, em or mention.month, ed)
        if end is not None and end.sort_key() <= date.sort_key():
            end = None
    return ResolvedDate(date, end, source, mention.text, mention.start, mention.end_pos,
                        mention.qualifier)


def _relative_to(anchor: PartialDate | None, relative: tuple[int, str]) -> PartialDate | None:
    """``(amount, unit)`` after ``anchor``: days, months or years at the anchor's precision;
    ``year-only`` and ``month-only`` (同年, 翌年, 当月) at that precision."""
    if anchor is None or anchor.decade:
        return None
    amount, unit = relative
    if unit == "year-only":
        return PartialDate.make(anchor.year + amount)
    if unit == "month-only":
        if anchor.month is None:
            return None
        return PartialDate(anchor.year, anchor.month).shifted(amount, "month")
    if amount == 0:
        return anchor
    return anchor.shifted(amount, unit)


def _drop_subsumed(dates: list[ResolvedDate], mentions: list[DateMention]) -> list[ResolvedDate]:
    """Keep one date per happening.

    - A year that names an event (`2004年塔什干系列爆炸案`) dates the sentence only when the
      sentence has no other date.
    - `2004年…记者采访了…，并在2月7日发表了采访`: the bare year only gave its year to the finer
      date after it, so the finer date stands for the happening.
    - The same date twice is one.
    """
    in_name = {m.start for m in mentions if m.in_name}
    if any(d.start not in in_name for d in dates):
        dates = [d for d in dates if d.start not in in_name]
    # the years a finer date after each one took from the context (read from the end: each
    # date is looked at once, however many a sentence holds)
    given: list[bool] = []
    years: set[int] = set()
    for d in reversed(dates):
        given.append(d.date.precision == "year" and d.date.year in years)
        if d.date.precision != "year" and d.source == FROM_CONTEXT:
            years.add(d.date.year)
    given.reverse()
    kept: list[ResolvedDate] = []
    seen: set[tuple[PartialDate, PartialDate | None]] = set()
    for d, gave in zip(dates, given):
        if gave or (d.date, d.end) in seen:
            continue
        seen.add((d.date, d.end))
        kept.append(d)
    return kept


def parse_partial(value: str) -> PartialDate | None:
    """An ISO partial date given by a user (`2006`, `2006-03`, `2006-10-12`); None if impossible."""
    m = re.fullmatch(r"\s*([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?\s*", value)
    if not m:
        return None
    return PartialDate.make(int(m.group(1)), _int(m.group(2)), _int(m.group(3)))
