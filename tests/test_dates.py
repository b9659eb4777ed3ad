"""``kzct/parse/dates.py``: Chinese date expressions, and how context completes them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzct.parse.dates import (
    CORRECTED,
    EXPLICIT,
    FROM_ARTICLE,
    FROM_CONTEXT,
    FROM_HEADING,
    MONTH_FROM_CONTEXT,
    QUALIFIERS,
    RELATIVE,
    PartialDate,
    cn_to_int,
    find_dates,
    heading_year,
    parse_partial,
    resolve_dates,
)


def resolved(text: str, *, context: int | None = None, heading: int | None = None,
             anchor: PartialDate | None = None) -> list[tuple[str, str | None, str]]:
    out = resolve_dates(find_dates(text), context_year=context, heading=heading, anchor=anchor)
    return [(d.date.iso(), d.end.iso() if d.end else None, d.source) for d in out]


def qualified(text: str, **context) -> list[tuple[str, str | None, str, str | None]]:
    """Each date of ``text`` with its precision and qualifier."""
    out = resolve_dates(find_dates(text), context_year=context.get("context"),
                        heading=context.get("heading"), anchor=context.get("anchor"))
    return [(d.date.iso(), d.end.iso() if d.end else None, d.date.precision, d.qualifier)
            for d in out]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2006年10月12日，哈萨克斯坦最高法院核准了", [("2006-10-12", None, EXPLICIT)]),
        ("起初最高法院在2006年3月制定这张列表时", [("2006-03", None, EXPLICIT)]),
        ("2000年，两架家与哈萨克斯坦共和人民党有关的报纸被政府关停。", [("2000", None, EXPLICIT)]),
        ("2006年8月24日至26日，中哈两国政府举行了", [("2006-08-24", "2006-08-26", EXPLICIT)]),
        ("2002年9月30日至10月1日在比什凯克和10月2日及3日在阿斯塔纳",
         [("2002-09-30", "2002-10-01", EXPLICIT), ("2002-10-02", "2002-10-03", FROM_CONTEXT)]),
        ("2004年3月28日和4月1日，乌兹别克斯坦首都塔什干发生了两起自杀式爆炸袭击事件",
         [("2004-03-28", None, EXPLICIT), ("2004-04-01", None, FROM_CONTEXT)]),
        ("2005年2与5日，哈萨克斯坦警方在肯套市", [("2005-02-05", None, CORRECTED)]),
        ("２００６年３月", [("2006-03", None, EXPLICIT)]),
        # a bare year that only gives its year to the finer date after it
        ("2004年俄罗斯《独立报》的记者采访了Kasymov，并在2月7日发表了采访。",
         [("2004-02-07", None, FROM_CONTEXT)]),
    ],
)
def test_explicit_dates(text, expected) -> None:
    assert resolved(text) == expected


@pytest.mark.parametrize(
    "text",
    ["被判处8年至25年的监禁", "判处其2年监禁", "逮捕了20岁的学生", "每年哈萨克斯坦通过这条管道",
     "在911事件发生之后", "代号“天山-1号（2006）”", "独联体成立15周年", "1373号决议",
     "12400份传单", "为期4天的访问", "持续了3天时间", "数周之后", "2006年13月", "2006年2月30日",
     "共有1995人参加", "警方同时拘捕了4名"],
)
def test_not_dates(text) -> None:
    assert resolved(text, context=2006, heading=2006, anchor=PartialDate(2006, 1, 1)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decades: precision decade, the part of it as a qualifier
        ("伊扎布特最早在上世纪90年代在哈萨克斯坦南部出现", [("199X", None, "decade", None)]),
        ("1980年代中期，苏联", [("198X", None, "decade", "mid")]),
        ("1950年代初", [("195X", None, "decade", "early")]),
        ("90年代末", [("199X", None, "decade", "late")]),
        ("2010年代", [("201X", None, "decade", None)]),
        # ranges
        ("从1995年至1998年", [("1995", "1998", "year", None)]),
        ("1995至1998年", [("1995", "1998", "year", None)]),
        ("2004年3月至4月", [("2004-03", "2004-04", "month", None)]),
        ("2005年5月12日晚至13日凌晨", [("2005-05-12", "2005-05-13", "day", None)]),
        # (晚间 is a time of day whole, as 晚上 is: the Boko Haram article writes `12月11日晚間，`)
        ("2020年12月11日晚间至12日凌晨", [("2020-12-11", "2020-12-12", "day", None)]),
        ("2001年6月14日-15日", [("2001-06-14", "2001-06-15", "day", None)]),
        ("2019年4月25日－26日", [("2019-04-25", "2019-04-26", "day", None)]),
        ("2006年12月31日至1月2日", [("2006-12-31", "2007-01-02", "day", None)]),  # into the next year
        # bounds and hedges: events with a qualifier
        ("当局发现JCAM自2002年已经招募了50名", [("2002", None, "year", "since")]),
        ("2002年以来，该组织", [("2002", None, "year", "since")]),
        ("1988年至今", [("1988", None, "year", "since")]),
        ("截至2010年，共有", [("2010", None, "year", "as_of")]),
        ("在2003年之前在所有成员国禁止", [("2003", None, "year", "before")]),
        ("2003年以前", [("2003", None, "year", "before")]),
        ("大约在1995年", [("1995", None, "year", "about")]),
        ("截至到2010年", [("2010", None, "year", "as_of")]),
        ("到2010年", [("2010", None, "year", None)]),
        # 前 and 中 that begin a word are no qualifier: the former Soviet Union, China
        ("1991年前苏联解体", [("1991", None, "year", None)]),
        ("2019年前总统访问", [("2019", None, "year", None)]),
        ("2003年前，该组织", [("2003", None, "year", "before")]),
        ("1990年代中国经济", [("199X", None, "decade", None)]),
        ("1990年代中，经济", [("199X", None, "decade", "mid")]),
        # in parentheses
        ("上海合作组织（2001年6月15日成立）", [("2001-06-15", None, "day", None)]),
        # a date that starts something is no bound
        ("在2006年10月19日开始在两国边境线上修建", [("2006-10-19", None, "day", None)]),
    ],
)
def test_decades_ranges_and_qualifiers(text, expected) -> None:
    assert qualified(text) == expected


def test_month_day_takes_year_from_context_then_heading() -> None:
    assert resolved("11月16日，KNB在斯捷普诺戈尔斯克", heading=2006) == [("2006-11-16", None, FROM_HEADING)]
    assert resolved("7月4日将其拘捕", context=2005, heading=2011) == [("2005-07-04", None, FROM_CONTEXT)]
    assert resolved("11月16日", ) == []  # no year anywhere: no date rather than a guess
    # the year an event article states once, last: after the paragraph's and the heading's
    out = resolve_dates(find_dates("3月2日凌晨"), context_year=None, heading=None, anchor=None,
                        article_year=2014)
    assert [(d.date.iso(), d.source) for d in out] == [("2014-03-02", FROM_ARTICLE)]
    out = resolve_dates(find_dates("3月2日凌晨"), context_year=None, heading=2013, anchor=None,
                        article_year=2014)
    assert [(d.date.iso(), d.source) for d in out] == [("2013-03-02", FROM_HEADING)]


@pytest.mark.parametrize("text", ["２００６年３月５日", "٢٠٠٦年٣月٥日", "२००६年३月५日"])
def test_digits_of_any_script(text) -> None:
    """Full-width, Arabic-Indic and Devanagari digits are read as ASCII ones."""
    assert resolved(text) == [("2006-03-05", None, EXPLICIT)]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("3天之后，阿拉木图警方关闭了", PartialDate(2005, 2, 5), "2005-02-08"),
        ("两天之后，哈萨克斯坦外交部发表声明", PartialDate(2004, 2, 7), "2004-02-09"),
        ("次日，警方宣布", PartialDate(2004, 12, 31), "2005-01-01"),
        ("一个月后，法院判决", PartialDate(2006, 1, 31), "2006-02-28"),
        ("十天后，", PartialDate(2006, 3, 25), "2006-04-04"),
        # counted from the date before where it begins its clause (after a particle too)
        ("警方称，在3天之后，法院判决", PartialDate(2005, 2, 5), "2005-02-08"),
        ("翌年，", PartialDate(2006, 4, 18), "2007"),
        ("同年，", PartialDate(2006, 4, 18), "2006"),
        ("当月，", PartialDate(2006, 4, 18), "2006-04"),
        ("同一时间，集安组织", PartialDate(2006, 8, 24), "2006-08-24"),
    ],
)
def test_relative_dates(text, anchor, expected) -> None:
    assert resolved(text, anchor=anchor) == [(expected, None, RELATIVE)]


def test_a_count_after_a_thing_borrows_no_day() -> None:
    """`联合行动1天后`: one day after a joint operation the article never dates, not after the
    sentence before: the year told before, and after."""
    out = resolve_dates(find_dates("在KNB与内务部的一次联合行动1天后发表声明"), context_year=None,
                        heading=None, anchor=PartialDate(2006, 4, 18))
    assert [(d.date.iso(), d.source, d.qualifier) for d in out] == [("2006", RELATIVE, "after")]


def test_a_day_of_a_month_is_no_count_of_days() -> None:
    """`5月3日后` is after the 3rd of May, not three days after the date before."""
    assert resolved("5月3日后，他离开", context=2006, anchor=PartialDate(2006, 4, 1)) == [
        ("2006-05-03", None, FROM_CONTEXT)]


def test_relative_date_without_anchor_is_dropped() -> None:
    assert resolved("3天之后，阿拉木图警方关闭了") == []
    assert resolved("同一时间，") == []


def test_same_time_keeps_the_range_told_before() -> None:
    out = resolve_dates(find_dates("同一时间，集安组织在里海地区也进行了军事演习"), context_year=None,
                        heading=None, anchor=PartialDate(2006, 8, 24),
                        anchor_end=PartialDate(2006, 8, 26))
    assert [(d.date.iso(), d.end.iso() if d.end else None) for d in out] == [("2006-08-24", "2006-08-26")]
    after = resolve_dates(find_dates("3天之后，"), context_year=None, heading=None,
                          anchor=PartialDate(2006, 8, 24), anchor_end=PartialDate(2006, 8, 26))
    assert [d.date.iso() for d in after] == ["2006-08-29"]  # counted from the range's end


def test_year_naming_an_event_only_when_alone() -> None:
    assert resolved("2004年塔什干系列爆炸案发生之后，乌兹别克斯坦指责伊扎布特") == [("2004", None, EXPLICIT)]
    text = "在2006年3月，与2004年塔什干恐怖袭击有关的嫌犯被捕"
    assert resolved(text) == [("2006-03", None, EXPLICIT)]


@pytest.mark.parametrize(("text", "value"), [("47", 47), ("两", 2), ("十二", 12), ("一百八十七", 187),
                                             ("二十", 20), ("三万", 30000), ("6万", 60000),
                                             ("20,000", 20000), ("百", 100), ("x", None), ("", None),
                                             ("一亿两千万", 120000000), ("十二亿三千四百万五千", 1234005000)])
def test_chinese_numerals(text, value) -> None:
    assert cn_to_int(text) == value


def test_heading_year() -> None:
    assert heading_year("2006年") == 2006
    assert heading_year("1999年8月—2000年2月：进攻格罗兹尼") == 1999
    assert heading_year("取缔恐怖组织") is None
    assert heading_year("第二次车臣战争（1999年）") is None  # a year inside a title dates nothing


@pytest.mark.parametrize(("value", "iso"), [("2006", "2006"), ("2006-03", "2006-03"),
                                            ("2006-10-12", "2006-10-12"), ("2006-13", None),
                                            ("2006-02-30", None), ("abc", None), ("06", None)])
def test_parse_partial(value, iso) -> None:
    date = parse_partial(value)
    assert (date.iso() if date else None) == iso


# -- properties ----------------------------------------------------------------------------------

_pieces = st.sampled_from(["年", "月", "日", "号", "至", "和", "及", "与", "天", "之后", "后", "，", "。",
                           "两", "十", "三", "次日", "2006", "12", "31", "0", "9999", "1900", "２", " ",
                           "年代", "上世纪", "初", "中期", "末", "自", "以来", "截至", "之前", "约",
                           "左右", "从", "-", "－", "晚", "凌晨", "同年", "翌年", "同一时间", "当月",
                           "90", "1980"])
_text = st.one_of(st.text(), st.lists(st.one_of(_pieces, st.text(max_size=3))).map("".join))


def _valid(date: PartialDate) -> None:
    assert 1 <= date.year <= 9999
    if date.month is not None:
        assert 1 <= date.month <= 12
    if date.day is not None:
        assert date.month is not None
        dt.date(date.year, date.month, date.day)  # raises if not a calendar date
    assert date.iso().count("-") == {"decade": 0, "year": 0, "month": 1, "day": 2}[date.precision]
    if date.decade:
        assert date.iso().endswith("X") and date.year % 10 == 0


@settings(deadline=None)
@given(text=_text, context=st.none() | st.integers(1, 9999), heading=st.none() | st.integers(1, 9999),
       anchor=st.none() | st.dates().map(lambda d: PartialDate(d.year, d.month, d.day)))
def test_dates_never_raise_and_are_valid_calendar_dates(text, context, heading, anchor) -> None:
    mentions = find_dates(text)
    for mention in mentions:
        assert 0 <= mention.start <= mention.end_pos <= len(text)
        assert text[mention.start:mention.end_pos] == mention.text
    for date in resolve_dates(mentions, context_year=context, heading=heading, anchor=anchor):
        _valid(date.date)
        if date.end is not None:
            _valid(date.end)
            assert date.end.sort_key() > date.date.sort_key()
        assert date.qualifier in (None, *QUALIFIERS)


def test_hours_count_only_from_the_incident() -> None:
    """`爆炸發生後半小時內` (the Urumqi South station article) counts from the incident: the same
    day; `限车臣内战双方48小时内放下武器` and `用一个空降团在两小时内拿下格罗兹尼` (the First Chechen
    War article) are a deadline and a boast, no dates."""
    from kzct.parse.dates import find_dates

    found = find_dates("爆炸发生后半小时内，新疆党委书记张春贤主持召开紧急会议")
    assert [(d.text, d.relative, d.after_incident) for d in found] == [
        ("半小时内", (0, "day"), True)]
    assert [d.text for d in find_dates("11月29日，叶利钦限车臣内战双方48小时内放下武器")] == ["11月29日"]
    assert find_dates("他可以用一个空降团在两小时内拿下格罗兹尼") == []
    # the incident, then the hours (the Tiananmen and Brussels articles)
    for text, said in (("事件发生后五个小时，警方找到了肇事车辆车牌登记者", "五个小时"),
                       ("爆炸后数小时，警方根据出租车司机提供的线索搜查了", "数小时")):
        assert [(d.text, d.relative, d.after_incident) for d in find_dates(text)] == [
            (said, (0, "day"), True)]
    assert find_dates("袭击持续数小时，") == []


def test_a_birth_year_dates_nothing() -> None:
    """`…为1991年出生的纳吉姆·拉奇拉烏伊` (the Brussels bombings article): when a person was born,
    which neither dates the sentence nor gives its year to the days after it."""
    from kzct.parse.dates import find_dates

    assert find_dates("当地媒体报道机场监控录像中显示的一名嫌疑人身份为1991年出生的纳吉姆") == []
    assert [d.year for d in find_dates("巴萨耶夫1965年生于车臣")] == [1965]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("原先初步認為是地方強盜作案，但博科聖地隨後於15日承认犯案", 15),  # Boko Haram
        ("意大利警方在26日亦逮捕了一名可能与布鲁塞尔和巴黎两次袭击有关的阿尔及利亚人", 26),  # Brussels
    ],
)
def test_a_day_alone_before_an_arrest_or_a_confession(text, day) -> None:
    from kzct.parse.dates import find_dates

    assert [d.day for d in find_dates(text)] == [day]
    assert find_dates("判处拘留15日并释放") == []


def test_a_time_of_the_clock_inside_a_sentence() -> None:
    """`…馬爾貝克站在9:11左右发生了第三次爆炸` (the Brussels article): of the day told before; a
    score (`以3:2击败`) is none."""
    from kzct.parse.dates import find_dates

    found = find_dates("位于布鲁塞尔欧盟总部附近的馬爾貝克站在9:11左右发生了第三次爆炸")
    assert [(d.text, d.relative, d.time_only) for d in found] == [("9:11左右", (0, "day"), True)]
    assert find_dates("在比赛中以3:2击败对手") == []


def test_a_year_before_1900_as_a_clauses_date() -> None:
    """The Muslim Brotherhood article's `1882年，英國出兵埃及。`: a year before 1900 is a date where
    it begins its clause before a comma; not a span of years (`伊斯兰教已有1400年历史`), nor a bare
    number before 年 elsewhere."""
    from kzct.parse.dates import find_dates

    assert [(d.text, d.year) for d in find_dates("1882年，英國出兵埃及")] == [("1882年", 1882)]
    assert find_dates("伊斯兰教已有1400年历史") == []
    assert find_dates("该城建于1500年左右的遗址上") == []


def test_a_month_alone_with_its_measure_word() -> None:
    """`9月份，他们涉嫌策划…` (a month with 份, beginning its clause) is a month of the year in
    reach, as `9月，` is; `于3月份的会议` (no clause mark after it) is none."""
    from kzct.parse.dates import find_dates

    assert [(d.text, d.month) for d in find_dates("9月份，他们涉嫌策划在卡拉奇发动袭击")] == [
        ("9月份", 9)]
    assert find_dates("于3月份的会议上") == []


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("二〇〇四年三月二十九日，塔什干发生爆炸", None, [("2004-03-29", None, EXPLICIT)]),
        ("2005年十月五日，警方在奥什逮捕了他", None, [("2005-10-05", None, EXPLICIT)]),
        ("1999年十二月三十一日", None, [("1999-12-31", None, EXPLICIT)]),
        # the corpus's own: Islamic Movement of Uzbekistan, Moscow metro 2010
        ("在当年三月，在瓦纳地区的冲突中", PartialDate(2007, 1, 1), [("2007-03", None, RELATIVE)]),
        ("杜克·烏馬羅夫曾於同年二月揚言", PartialDate(2010, 3, 29), [("2010-02", None, RELATIVE)]),
    ],
)
def test_dates_in_chinese_numerals(text, anchor, expected) -> None:
    assert resolved(text, anchor=anchor) == expected


@pytest.mark.parametrize("text", ["「三月八日聯盟」", "十月革命以后", "在十一月战争计划中", "五月廣場母親",
                                  "拘留十日"])
def test_a_month_in_numerals_in_a_name_is_no_date(text) -> None:
    """A month in numerals with no year before it is read only where a month alone is a date
    (`九月份，`): in a name it is none."""
    assert resolved(text, context=2006, heading=2006, anchor=PartialDate(2006, 1, 1)) == []
    assert [(d.text, d.month) for d in find_dates("九月份，他们涉嫌策划")] == [("九月份", 9)]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # the Abu Bakr al-Baghdadi article: a day of the month told before
        ("同月30日美國中央司令部宣布時說", PartialDate(2019, 10, 27),
         [("2019-10-30", None, MONTH_FROM_CONTEXT)]),
        # the Muslim Brotherhood article: the year after the one told before
        ("然而隔年，這個政權卻在大規模示威後被政變推翻", PartialDate(2012), [("2013", None, RELATIVE)]),
        # the 2015 Bangkok bombing article: a speaker's 今年 is the year of the date told before
        ("为了报复泰国在今年7月将维吾尔人遣返", PartialDate(2015, 8, 17), [("2015-07", None, RELATIVE)]),
        # …, the time of day there, and a month after 在 before what was done in it
        ("当地时间22:00负责协调救援工作的国家紧急医学院统计", PartialDate(2015, 8, 17),
         [("2015-08-17", None, RELATIVE)]),
        ("其後泰國警方在9月在泰國與柬埔寨邊境附近逮捕", PartialDate(2015, 8, 17),
         [("2015-09", None, FROM_CONTEXT)]),
    ],
)
def test_dates_counted_from_the_one_told_before(text, anchor, expected) -> None:
    assert resolved(text, anchor=anchor, context=anchor.year) == expected
    assert find_dates("他于3月份的选举中落败") == []  # (a month after 于, before no verb)


def test_the_time_of_the_incident_and_the_day_after_it() -> None:
    """The 2015 Bangkok and 2016 Istanbul attack articles: `事发期间，…` is the incident's time, and
    `保安局在事發翌日早上…` the day after it, however the clause begins; `而6月初的爆炸案` a month
    after a conjunction; `于1992年出生在…` a birth, which dates its sentence (what follows is
    not counted from it: see test_timeline)."""
    during = find_dates("事发期间，原定于对土耳其进行正式访问的总理的飞机降落")
    assert [(d.text, d.relative, d.after_incident) for d in during] == [("期间", (0, "day"), True)]
    after = find_dates("香港保安局在事发翌日早上将对泰国旅游的警示级别提升为红色")
    assert [(d.text, d.relative, d.after_incident) for d in after] == [("翌日", (1, "day"), True)]
    assert [(d.month, d.qualifier) for d in find_dates("而6月初的爆炸案则系某组织所为")] == [
        (6, "early")]
    assert [d.year for d in find_dates("奥兹图尔克于1992年出生在土耳其南部")] == [1992]


@pytest.mark.parametrize(
    "text",
    ["在炸彈爆炸發生2小時後，布雷維克抵達", "事发后约20分钟，警方封锁了爆炸附近的区域",
     "奥斯陆市中心的爆炸事件发生后约一个半小时，一名枪手", "挪威警方在枪击事件发生的一个半小时后才抵达"],
)
def test_hours_after_the_incident_however_the_clause_says_it(text) -> None:
    """The 2011 Norway attacks article: hours and minutes after the bombing or the shooting,
    with what went off, where, who, and 约 written around them, count from the incident."""
    from kzct.text import Scripts

    found = find_dates(Scripts().simplified(text))
    assert [(d.relative, d.after_incident) for d in found] == [((0, "day"), True)]
    assert find_dates("他在会议后2小时离开") == []


@pytest.mark.parametrize(("text", "found"), [
    # the Red Army Faction article: a month and day in numerals, no year, where a date is told
    ("九月五日，他们绑架了施莱尔", [("九月五日", 9, 5)]),
    ("警方於十月九日在柏林逮捕到五名犯人", [("十月九日", 10, 9)]),
    # a name, not a date
    ("「三月八日聯盟」成立", []),
    ("三月八日聯盟发表声明", []),
    # the San Bernardino article's `下午大約3時，` (in simplified characters, as read)
    ("下午大约3时，警方终于截停该车", [("下午大约3时", None, None)]),
])
def test_numeral_days_and_a_time_about_an_hour(text, found) -> None:
    assert [(m.text, m.month, m.day) for m in find_dates(text)] == found


@pytest.mark.parametrize(("text", "found"), [
    # the 2011 Norway attacks article and the 2015 San Bernardino article: a few hours after what
    # was told before, of its day
    ("而枪手在约1小时后折返开枪", ["1小时后"]),
    ("数小时后在案发地点附近两名枪手与警方驳火", ["数小时后"]),
    # a deadline, a plan, or many hours: no day
    ("限他们48小时内离开", []), ("2小时后将举行", []), ("10小时后他死亡", []),
])
def test_a_few_hours_later(text, found) -> None:
    assert [m.text for m in find_dates(text)] == found
