"""Chinese date expressions → partial dates with a precision and how they were obtained.

``find_dates(text)`` reads one sentence and returns what it says about dates, without context;
``resolve_dates`` then fills in what context gives (the year of a ``====2006年====`` heading, an
earlier date in the paragraph, the date a ``3天之后`` counts from). Nothing here raises on any input.

Precision is ``day``, ``month`` or ``year``; a date is written ISO at its precision
(``2006``, ``2006-03``, ``2006-10-12``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

EXPLICIT = "explicit"
FROM_HEADING = "year from heading"
FROM_CONTEXT = "year from context"
RELATIVE = "relative"
CORRECTED = "corrected"
DATE_SOURCES = (EXPLICIT, FROM_HEADING, FROM_CONTEXT, RELATIVE, CORRECTED)
PRECISIONS = ("year", "month", "day")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000}
CN_NUMBER = r"[0-9零〇一二两兩三四五六七八九十百千万萬]+"


def cn_to_int(text: str) -> int | None:
    """``47`` → 47, ``两`` → 2, ``十二`` → 12, ``一百八十七`` → 187; None if it is not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


class PartialDate(NamedTuple):
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
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
    ``(amount, unit)`` for ``3天之后``. ``end`` is the end of a range (``8月24日至26日``).
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


class ResolvedDate(NamedTuple):
    date: PartialDate
    end: PartialDate | None
    source: str
    text: str
    start: int
    end_pos: int


# -- finding -------------------------------------------------------------------------------------

# `2005年2与5日`: 与 typed for 月 (yu / yue in pinyin input), the only such typo in the seed.
_DATE = re.compile(
    r"(?<![0-9])(?=[0-9])(?:(?P<y>[12][0-9]{3})\s*年\s*)?"
    r"(?:(?P<m>[0-9]{1,2})\s*(?:月|(?P<typo>与))\s*)?"
    r"(?:(?P<d>[0-9]{1,2})\s*[日号])?"
    r"(?:\s*(?:至|到|—|–|~|～)\s*(?:(?P<ey>[12][0-9]{3})\s*年)?(?:(?P<em>[0-9]{1,2})\s*月)?"
    r"(?P<ed>[0-9]{1,2})\s*[日号]"
    r"|\s*及\s*(?P<ad>[0-9]{1,2})\s*[日号])?"
)
# A year only bounds something (`在2003年之前`, `自2002年`): not when anything happened.
_BOUND_AFTER = re.compile(r"\s*(?:之前|以前|前|以来|之后以来|起)")
_BOUND_BEFORE = re.compile(r"(?:自|自从|从|截至|截止)\s*$")
# `2004年塔什干系列爆炸案`: a year directly followed by the name of an event.
_EVENT_NAME = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:事件|爆炸案|系列爆炸|恐怖袭击|袭击|暴动|骚乱|危机)")
_RELATIVE = re.compile(
    rf"(?P<n>{CN_NUMBER})\s*(?P<unit>天|日|个月|個月|年|周|週|星期)\s*(?:之|以)?后(?=[，,]|$)"
    r"|(?P<next>次日|翌日|第二天)"
)
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in one sentence, in order. Never raises."""
    norm = text.translate(_DIGITS)  # full-width digits, same length: positions hold
    found: list[DateMention] = []
    for m in _DATE.finditer(norm):
        if m.end() == m.start():
            continue
        mention = _mention(m, text)
        if mention is not None:
            found.append(mention)
    if not any(d.year is not None for d in found):
        for m in _RELATIVE.finditer(norm):
            if not _clause_start(norm, m.start()):
                # `在KNB与内务部的一次联合行动1天后发表声明`: counts from an undated operation.
                continue
            if m.group("next"):
                rel = (1, "day")
            else:
                n = cn_to_int(m.group("n"))
                if n is None:
                    continue
                unit = {"天": "day", "日": "day", "周": "week", "週": "week", "星期": "week",
                        "年": "year"}.get(m.group("unit"), "month")
                rel = (n * 7, "day") if unit == "week" else (n, unit)
            found.append(DateMention(start=m.start(), end_pos=m.end(), text=text[m.start():m.end()],
                                     year=None, month=None, day=None, source=RELATIVE,
                                     relative=rel))
    return sorted(found, key=lambda d: d.start)


def _clause_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    if before.endswith(("在", "但", "而")):
        before = before[:-1].rstrip()
    return before == "" or before.endswith(("，", ",", "。", "；", "：", "但", "而"))


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _mention(m: re.Match[str], text: str) -> DateMention | None:
    year, month, day = _int(m.group("y")), _int(m.group("m")), _int(m.group("d"))
    if year is None and not (month and day):
        return None  # `3月` or `5日` alone: not a date this module can place
    if m.group("typo") and not (year and day):
        return None
    if month is None and day is not None:
        return None  # `2006年5日`
    if (m.group("ed") or m.group("ad")) and day is None:
        return None
    source = CORRECTED if m.group("typo") else EXPLICIT
    end: tuple[int | None, int | None, int | None] | None = None
    if m.group("ed"):
        end = (_int(m.group("ey")), _int(m.group("em")), _int(m.group("ed")))
    elif m.group("ad"):
        end = (None, None, _int(m.group("ad")))  # `10月2日及3日`: the 2nd and the 3rd
    span_text = text[m.start():m.end()]
    in_name = False
    if month is None and day is None:
        after = text[m.end():]
        if _BOUND_AFTER.match(after) or _BOUND_BEFORE.search(text[: m.start()]):
            return None
        in_name = bool(_EVENT_NAME.match(after))
        if year is not None and not 1900 <= year <= 2100:
            return None
    return DateMention(start=m.start(), end_pos=m.end(), text=span_text, year=year, month=month,
                       day=day, end=end, source=source, in_name=in_name)


# -- resolving -----------------------------------------------------------------------------------

def heading_year(title: str) -> int | None:
    """The year a section heading gives to the dates under it (`2006年`, `2006`)."""
    m = re.fullmatch(r"\s*([12][0-9]{3})\s*年?\s*", title.translate(_DIGITS))
    return int(m.group(1)) if m else None


def resolve_dates(
    mentions: list[DateMention],
    *,
    context_year: int | None,
    heading: int | None,
    anchor: PartialDate | None,
) -> list[ResolvedDate]:
    """Give each mention its full date.

    ``context_year``: the year of the latest explicit date earlier in the paragraph;
    ``heading``: the year of the nearest year heading above; ``anchor``: the date a relative
    expression counts from (the latest dated sentence before it in the section).
    """
    out: list[ResolvedDate] = []
    sentence_year: int | None = None
    for mention in mentions:
        if mention.relative is not None:
            if anchor is None:
                continue
            amount, unit = mention.relative
            moved = anchor.shifted(amount, unit)
            if moved is not None:
                out.append(ResolvedDate(moved, None, RELATIVE, mention.text, mention.start,
                                        mention.end_pos))
            continue
        source = mention.source
        year = mention.year
        if year is None:
            if sentence_year is not None:
                year, source = sentence_year, (FROM_CONTEXT if source == EXPLICIT else source)
            elif context_year is not None:
                year, source = context_year, (FROM_CONTEXT if source == EXPLICIT else source)
            elif heading is not None:
                year, source = heading, (FROM_HEADING if source == EXPLICIT else source)
            else:
                continue
        else:
            sentence_year = year
        date = PartialDate.make(year, mention.month, mention.day)
        if date is None:
            continue
        end = None
        if mention.end is not None:
            ey, em, ed = mention.end
            end = PartialDate.make(ey or year, em or mention.month, ed)
            if end is not None and end.sort_key() <= date.sort_key():
                end = None
        out.append(ResolvedDate(date, end, source, mention.text, mention.start, mention.end_pos))
    return _drop_subsumed(out, mentions)


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
    kept: list[ResolvedDate] = []
    for i, d in enumerate(dates):
        if d.date.precision == "year" and any(
            later.date.year == d.date.year and later.date.precision != "year"
            and later.source == FROM_CONTEXT
            for later in dates[i + 1:]
        ):
            continue
        if any(k.date == d.date and k.end == d.end for k in kept):
            continue
        kept.append(d)
    return kept


def parse_partial(value: str) -> PartialDate | None:
    """An ISO partial date given by a user (`2006`, `2006-03`, `2006-10-12`); None if impossible."""
    m = re.fullmatch(r"\s*([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?\s*", value)
    if not m:
        return None
    return PartialDate.make(int(m.group(1)), _int(m.group(2)), _int(m.group(3)))


def as_range(date: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a partial date covers, as sortable tuples."""
    if date.precision == "day":
        key = date.sort_key()
        return key, key
    if date.precision == "month":
        assert date.month
        return (date.year, date.month, 1), (date.year, date.month,
                                            calendar.monthrange(date.year, date.month)[1])
    return (date.year, 1, 1), (date.year, 12, 31)


def with_precision(date: PartialDate, precision: str) -> PartialDate:
    """``date`` cut to a coarser precision."""
    if precision == "year":
        return date._replace(month=None, day=None)
    if precision == "month":
        return date._replace(day=None)
    return date
