"""`kzct timeline`: every dated happening in the article, dated as a careful reader would."""

from __future__ import annotations

import pytest
from conftest import built_alone

EVENT_KEYS = {"date", "end_date", "dates", "precision", "qualifier", "date_source", "date_text",
              "text", "section", "places", "people", "groups", "killed", "killed_qualifier",
              "injured", "injured_qualifier", "refs", "span", "seed", "place_ids",
              "person_ids", "group_ids", "toll_span", "toll_text"}


@pytest.fixture(scope="module")
def events(index):
    from kzct.model import to_json

    return [to_json(e) for e in index.events]


def find(events, date, start):
    found = [e for e in events if e["date"] == date and e["text"].startswith(start)]
    assert len(found) == 1, (date, start, [(e["date"], e["text"][:20]) for e in events if e["date"] == date])
    return found[0]


@pytest.mark.parametrize(
    ("date", "start", "source", "precision"),
    [
        ("2006-10-12", "2006年10月12日，哈萨克斯坦最高法院核准了", "explicit", "day"),
        ("2006-03", "起初最高法院在2006年3月制定这张列表时", "explicit", "month"),
        ("1999-11", "1999年11月，KNB在厄斯克门逮捕了22人", "explicit", "month"),
        ("2002", "美国政府在2002年向哈萨克斯坦政府提供了5200万美元", "explicit", "year"),
        ("2006-11-16", "11月16日，KNB在斯捷普诺戈尔斯克查获", "year from heading", "day"),
        ("2006-02-27", "2月27日，KNB在斯捷普诺戈尔斯克再次破获", "year from heading", "day"),
        ("2004-03-30", "而在当年3月30日，Bekmirzaev", "year from heading", "day"),
        ("2011-05-17", "5月17日，Rahimjan Makhatov", "year from heading", "day"),
        ("2005-07-04", "联合国难民署已经给予Shamsudinov难民身份", "year from context", "day"),
        ("2002-06-04", "6月4日，与会各方发表了", "year from context", "day"),
        ("2003-02-12", "美国总统布什在2月12日致信纳扎尔巴耶夫总统", "year from context", "day"),
        ("2005-01-26", "1月26日，杰尼索夫说", "year from context", "day"),
        ("2004-02-07", "2004年俄罗斯《独立报》的记者采访了", "year from context", "day"),
        ("2005-02-08", "3天之后，阿拉木图警方关闭了", "relative", "day"),
        ("2004-02-09", "两天之后，哈萨克斯坦外交部发表声明", "relative", "day"),
        ("2005-02-05", "2005年2与5日，哈萨克斯坦警方在肯套市", "corrected", "day"),
        ("2005-03-03", "但三年之后，随着美国在阿富汗打击塔利班", "explicit", "day"),
    ],
)
def test_event_dates_and_sources(events, date, start, source, precision) -> None:
    event = find(events, date, start)
    assert (event["date_source"], event["precision"]) == (source, precision)


def test_range(events) -> None:
    event = find(events, "2006-08-24", "2006年8月24日至26日")
    assert event["end_date"] == "2006-08-26" and event["date_text"] == "2006年8月24日至26日"
    workshop = find(events, "2002-09-30", "哈萨克斯坦政府参加了2002年9月30日至10月1日")
    assert workshop["end_date"] == "2002-10-01"
    andijan = find(events, "2005-05-12", "纳扎尔巴耶夫在一次对乌兹别克斯坦的国事访问中")
    assert andijan["end_date"] == "2005-05-13"


def test_one_toll_over_two_dates_is_one_event_with_both_dates(events) -> None:
    """`2004年3月28日和4月1日…导致47人丧生`: 47 dead over both days, so the sentence is one
    event with both dates, and adding up `killed` counts them once."""
    both = [e for e in events if e["text"].startswith("2004年3月28日和4月1日")]
    assert len(both) == 1
    event = both[0]
    assert (event["date"], event["dates"], event["killed"]) == ("2004-03-28", ["2004-03-28", "2004-04-01"], 47)
    assert event["date_text"] == "2004年3月28日和4月1日"
    assert event["places"] == ["乌兹别克斯坦", "塔什干"]
    assert event["refs"] == ["IMUJAMAOT"]
    # and the 187 killed at Andijan, stated after the sentence that dates the unrest
    assert sum(e["killed"] or 0 for e in events) == 66 + 187


def test_a_toll_stated_later_in_the_paragraph_belongs_to_its_event(events) -> None:
    """`…2005年5月12日至13日发生在安集延的暴动…。乌兹别克斯坦政府估计大约有187人在事件中丧生，
    其中94人是恐怖分子…，还有76名恐怖分子被打伤，人权组织对政府的估计持有异议并指责…杀害了700名平民`:
    the unrest's toll, said where; the disputed 700 is another estimate, not more dead."""
    event = find(events, "2005-05-12", "纳扎尔巴耶夫在一次对乌兹别克斯坦的国事访问中")
    assert (event["killed"], event["killed_qualifier"], event["injured"]) == (187, "about", 76)
    assert event["toll_text"].startswith("乌兹别克斯坦政府估计大约有187人在事件中丧生")
    assert event["toll_span"] != event["span"]


def test_two_dates_without_a_toll_are_two_events(events) -> None:
    first = find(events, "2002-09-30", "哈萨克斯坦政府参加了2002年9月30日至10月1日")
    second = find(events, "2002-10-02", "哈萨克斯坦政府参加了2002年9月30日至10月1日")
    assert first["span"] == second["span"] and first["dates"] == ["2002-09-30"]
    assert (second["end_date"], second["date_source"]) == ("2002-10-03", "year from context")


@pytest.mark.parametrize(
    ("start", "date", "end", "precision", "qualifier", "source"),
    [
        ("伊扎布特最早在上世纪90年代在哈萨克斯坦南部出现", "199X", None, "decade", None, "explicit"),
        ("当局发现JCAM自2002年已经招募了", "2002", None, "year", "since", "explicit"),
        ("在阿斯塔纳，哈萨克斯坦国家安全委员会副主席提出倡议", "2003", None, "year", "before", "explicit"),
        # one day after a joint operation the article never dates: after it, in the year of
        # the sentence before (2006-04-18), with no day borrowed from that sentence
        ("负责反恐事务的国家安全委员会成员Sergei Minenkov", "2006", None, "year", "after", "relative"),
        # at the same time as the exercise just told (2006-08-24 to 26)
        ("同一时间，集安组织在里海地区也进行了军事演习", "2006-08-24", "2006-08-26", "day", None, "relative"),
    ],
)
def test_decade_since_before_and_anchored_dates(events, start, date, end, precision, qualifier, source) -> None:
    event = find(events, date, start)
    assert (event["end_date"], event["precision"], event["qualifier"], event["date_source"]) == (
        end, precision, qualifier, source)


@pytest.mark.parametrize(
    ("date", "start", "killed", "injured"),
    [
        ("2011-07", "2011年7月，9名涉嫌卷入", 10, None),  # 9 gunmen + 1 special forces officer
        ("2011-11", "2011年11月，在哈萨克斯坦南部城市塔拉兹", 5, None),  # 4 police + 1 civilian
        ("2011-05-17", "5月17日，Rahimjan Makhatov", 1, 2),  # himself; two others injured
        ("2004-03-30", "而在当年3月30日，Bekmirzaev", 1, None),
        ("2006-10-12", "2006年10月12日，哈萨克斯坦最高法院", None, None),
    ],
)
def test_casualties(events, date, start, killed, injured) -> None:
    event = find(events, date, start)
    assert (event["killed"], event["injured"]) == (killed, injured)


def test_no_citation_metadata_dates(events) -> None:
    dates = {e["date"] for e in events}
    # webarchive / Wayback / archivedate / accessdate / dead link / lead section dates
    for metadata in ("2007-02-21", "2007-09-29", "2009-11-28", "2011-07-18", "2012-09-21",
                     "2014-04-13", "2014-03-10", "2017-11-10", "2017-12", "2018-02", "2003-12-27",
                     "2004-11-15"):
        assert metadata not in dates
    assert not [e for e in events if e["date"].startswith(("2014", "2017", "2018", "2009", "2012"))]


def test_not_events(events) -> None:
    texts = [e["text"] for e in events]
    assert not any(t.startswith("911事件以来") for t in texts)  # 911 names an event
    assert not any("同时拘捕" in t for t in texts)  # 同时 is "also", not a date


def test_chronological_with_coarser_first(events) -> None:
    from kzct.model import date_key

    keys = [date_key(e["date"]) for e in events]
    assert keys == sorted(keys)
    assert events[0]["date"] == "199X"  # a decade sorts before its years
    y2006 = [e["date"] for e in events if e["date"].startswith("2006")]
    assert y2006[0] == "2006" and y2006.index("2006-02") < y2006.index("2006-02-13")


def test_same_sentence_same_date_is_one_event(events) -> None:
    pairs = [(e["span"][0], e["date"], e["end_date"]) for e in events]
    assert len(pairs) == len(set(pairs))


def test_event_spans_point_at_their_sentence(events, seed_text) -> None:
    for event in events:
        start, end = event["span"]
        assert seed_text[start] == event["text"][0] and seed_text[end - 1] == event["text"][-1]
        assert event["date_text"].rstrip("，") in seed_text[start:end]


def test_people_places_and_groups_as_written(events) -> None:
    event = find(events, "2005-03-16", "2005年3月16日")
    assert event["people"] == ["Rashid Tusupbekov"]
    assert event["places"] == ["哈萨克斯坦", "阿斯塔纳"]
    assert event["groups"] == ["伊扎布特"]
    # an organisation named by its acronym (哈萨克斯坦国家安全委员会（KNB）) is a group of the event
    assert find(events, "2004-11-11", "KNB第一副主席Vladimir Bozhko")["groups"] == ["KNB", "JMCA"]


# -- the command ---------------------------------------------------------------------------------

def test_year_filter_json(run) -> None:
    result = run("timeline", "--year", "2006", "--json")
    assert result.code == 0 and result.err == ""
    events = result.json()
    assert len(events) == 25
    assert all(set(e) == EVENT_KEYS for e in events)
    assert all(e["date"].startswith("2006") for e in events)


def test_repeated_year_and_range_filters(run) -> None:
    both = run("timeline", "--year", "1999", "--year", "2011", "--json").json()
    # the 1990s touch 1999
    assert [e["date"] for e in both] == ["199X", "1999-11", "2011-05-17", "2011-07", "2011-11"]
    window = run("timeline", "--from", "2006-11", "--to", "2006-11-20", "--json").json()
    assert [e["date"] for e in window] == ["2006-11-16", "2006-11-17", "2006-11-17"]
    # an event counts only if all of it lies in the window: `2006` may be before December
    later = [e["date"] for e in run("timeline", "--from", "2006-12-01", "--json").json()]
    assert "2006" not in later and later[0] == "2006-12-22"
    assert "2006" in [e["date"] for e in run("timeline", "--from", "2006", "--to", "2006", "--json").json()]


def test_place_filter_by_english_name(run) -> None:
    events = run("timeline", "--place", "Almaty", "--json").json()
    assert events and all("阿拉木图" in e["places"] for e in events)
    assert "2005-02-08" in [e["date"] for e in events]
    chinese = run("timeline", "--place", "阿拉木图", "--json").json()
    assert chinese == events


def test_group_and_grep_filters(run) -> None:
    ht = run("timeline", "--group", "Hizb ut-Tahrir", "--json").json()
    assert ht and all("伊扎布特" in e["groups"] for e in ht)
    jcam = run("timeline", "--group", "JCAM", "--json").json()
    assert {"2004-11-11", "2006"} <= {e["date"] for e in jcam}
    grep = run("timeline", "--grep", "炸弹", "--json").json()
    assert grep and all("炸弹" in e["text"] for e in grep)


def test_empty_result(run) -> None:
    json_result = run("timeline", "--year", "1980", "--json")
    assert (json_result.code, json_result.out) == (0, "[]\n")
    table = run("timeline", "--year", "1980")
    assert table.code == 0 and table.out == "" and table.err == "no events match\n"


@pytest.mark.parametrize("args", [["--year", "abc"], ["--year", "06"], ["--from", "2006-13"],
                                  ["--to", "yesterday"], ["--from", "2007", "--to", "2006"]])
def test_impossible_values_are_usage_errors(run, args) -> None:
    result = run("timeline", *args)
    assert result.code == 2 and result.err.startswith("kzct: error:") and result.out == ""


def test_table_marks_inferred_dates(run) -> None:
    result = run("timeline", "--year", "2006", env={"COLUMNS": "160"})
    assert result.code == 0
    assert "2006-11-16*" in result.out and "2006-10-12*" not in result.out
    assert "* date inferred: year from heading (2)" in result.out
    assert "斯捷普诺戈尔斯克" in result.out
    assert "2006-08-24…26 " in result.out  # a range shows its end without the shared part
    assert "2002-09-30…10-01 " in run("timeline", "--year", "2002", env={"COLUMNS": "160"}).out


def test_chart(run) -> None:
    result = run("timeline", "--chart", env={"COLUMNS": "80"})
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Events per year"
    assert any(line.startswith("2006   █") and line.endswith(" 25") for line in lines)
    assert any(line.startswith("2008") and line.endswith(" 0") for line in lines)
    # the one event dated by its decade (上世纪90年代) is a bar of its own, labelled so
    assert [line.split()[0] for line in lines[1:4]] == ["1990s", "1999", "2000"]
    assert lines[1].endswith(" 1") and not any(line.startswith("1991") for line in lines)


def test_grep_reads_either_script(run) -> None:
    """難民 (no name holds its characters) finds what 难民 finds."""
    simplified = run("timeline", "--grep", "难民", "--json").json()
    assert [e["date"] for e in simplified] == ["2005-07-04", "2006-08"]
    assert run("timeline", "--grep", "難民", "--json").json() == simplified


def test_from_a_month_to_its_year(run) -> None:
    """`--to 2006` runs to the end of 2006: `--from 2006-05` is before it."""
    result = run("timeline", "--from", "2006-05", "--to", "2006", "--json")
    assert result.code == 0
    assert all("2006-05" <= e["date"] <= "2006-12-31" for e in result.json())
    assert len(result.json()) == 14
    assert run("timeline", "--from", "2007", "--to", "2006").code == 2


def test_an_event_article_states_its_year_once(module_env) -> None:
    """The Kunming article's bold title gives 2014 to its year-less dates; a sentence that begins
    with its own date is about that date, and a date of another year later in it is background
    (`3月3日，人民网…对2013年5月22日发生在…`): the next sentence's `次日` is 4 March 2014."""
    from test_corpus import ARTICLES, kzct

    from kzct.parse.wikitext import article_year

    kunming = ARTICLES / "kunming-railway-station-attack-2014.hans.wikitext"
    assert article_year(kunming.read_text(encoding="utf-8")) == 2014
    assert article_year((ARTICLES / "nursultan-nazarbayev.hans.wikitext").read_text(
        encoding="utf-8")) is None  # a life, not an event: no year of its own
    events = kzct("--seed", str(kunming), "timeline", "--json")
    by_start = {e["text"][:6]: (e["date"], e["date_source"]) for e in events}
    assert by_start["3月2日，昆"] == ("2014-03-02", "year from article")
    assert by_start["3月3日，人"] == ("2014-03-03", "year from article")
    assert by_start["次日，《人民"] == ("2014-03-04", "relative")
    assert not [e for e in events if e["date"].startswith("2013")]


def _built(builder, text: str):
    """The index of an article of ``text`` alone."""
    return built_alone(builder, text)


def _dates_by_start(builder, text: str, width: int) -> dict[str, tuple[str, str]]:
    """Each event of an article of ``text`` alone, by its sentence's first ``width``
    characters: its date and how it was found."""
    return {e.text[:width]: (e.date, e.date_source) for e in _built(builder, text).events}


def test_a_year_in_reach_is_a_leading_date_of_the_paragraph_or_the_section(builder) -> None:
    """A year-less date takes the year of the paragraph's latest sentence that begins with a
    date, not a year inside a sentence (background: the Ghulja article's shape); a paragraph
    with none takes its section's, before the year the article states once (the Tiananmen
    article's shape: 2014's trial after the 2013 attack)."""
    text = ("'''2013年某事件'''是一起袭击。\n\n==后续==\n"
            "2001年10月15日，甲被判死刑。甲被认定为1997年乙事件的发动者。10月16日，报纸刊登了这则消息。\n\n"
            "2014年5月30日，检察院提起公诉。6月13日，法院公开审理。\n\n"
            "6月16日，法院一审宣判。\n\n"
            "2006年至2007年，乙是总统。乙於2010年8月1日辭去職務。然而他在8月4日發表聲明。\n")
    dates = _dates_by_start(builder, text, 7)
    assert dates["10月16日，"] == ("2001-10-16", "year from context")
    assert dates["6月16日，法"] == ("2014-06-16", "year from context")
    # a date after 于 says when the sentence happened, though a name comes before it (the
    # Dokka Umarov article's shape)
    assert dates["然而他在8月4"] == ("2010-08-04", "year from context")


def test_a_toll_of_this_attack_is_the_toll_of_the_event_the_article_is_about(builder) -> None:
    """In an article about one event (a year in its bold title), an undated sentence that
    states the toll of "this attack" gives it to the lead's event of that year, wherever it
    is; the toll says where it was stated. In an article about no one event, it is nobody's."""
    body = ("2013年5月1日，乙地发生爆炸。\n\n==伤亡==\n此次袭击共造成31人死亡，141人受伤。\n\n"
            "==另一事件==\n2013年6月2日，丙地发生枪击。\n")
    event_article = "'''2013年甲地袭击事件'''是2013年4月1日发生在甲地的一起袭击。\n" + body
    index = _built(builder, event_article)
    tolls = {e.date: (e.killed, e.injured, e.toll_text) for e in index.events}
    assert tolls == {"2013-04-01": (31, 141, "此次袭击共造成31人死亡，141人受伤。"),
                     "2013-05-01": (None, None, None), "2013-06-02": (None, None, None)}

    other = "'''甲地'''是一个地方。\n" + body
    index = _built(builder, other)
    assert {(e.killed, e.toll_text) for e in index.events} == {(None, None)}


def test_an_attack_as_the_subject_of_a_toll_is_the_one_the_article_is_about(builder) -> None:
    """An article whose infobox dates its event and whose lead does not: the event is its first
    of that year, and `爆炸造成…` (the attack, as the sentence's subject) gives it its toll."""
    text = ("{{Infobox civilian attack\n|date = 2016年8月30日\n}}\n'''某地爆炸案'''是一起爆炸袭击。\n\n"
            "==经过==\n８月３０日上午，一辆汽车冲入使馆大门后爆炸。\n\n9月1日，当局逮捕嫌疑人。\n\n"
            "==伤亡==\n爆炸造成1人死亡，3人受伤。\n")
    index = _built(builder, text)
    assert [(e.date, e.date_source, e.killed, e.injured) for e in index.events] == [
        ("2016-08-30", "year from article", 1, 3), ("2016-09-01", "year from context", None, None)]


def test_a_count_from_the_incident_counts_from_its_day_in_any_section(builder) -> None:
    """`事发次日`, `事发两天后`: counted from the day an article about one event says it happened
    (its infobox's date), in a section with no date of its own; a count after another thing
    (`联合行动1天后`) stays what the text supports."""
    text = ("{{Infobox civilian attack\n|date = 2016年8月30日\n}}\n'''某地爆炸案'''是一起爆炸袭击。\n\n"
            "==后续==\n事发次日，当局逮捕嫌疑人。\n\n事发两天后，总统发表讲话。\n\n"
            "事发一周后，法院开庭。联合行动1天后，警方发表声明。\n")
    index = _built(builder, text)
    assert [(e.date, e.qualifier, e.text[:4]) for e in index.events] == [
        ("2016", "after", "联合行动"), ("2016-08-31", None, "事发次日"), ("2016-09-01", None, "事发两天"),
        ("2016-09-06", None, "事发一周")]


def test_a_heading_that_is_a_day_dates_what_it_tells_and_a_day_alone_takes_its_month(
        builder) -> None:
    """An event article's headings `=== 9月1日 ===`: a sentence under one with no date of its own
    is of that day (`date from heading`); `３日晚，` (full-width, a day alone at the start of its
    clause) is of the month before it (`month from context`); a day alone elsewhere
    (`拘留15日`) or with no month in reach is none."""
    text = ("'''2004年别斯兰人质危机'''是2004年9月1日在别斯兰发生的人质事件。\n\n== 经过 ==\n"
            "=== 9月1日 ===\n上午9时，武装分子占领学校。\n=== 9月3日 ===\n下午1时，学校内发生爆炸。\n"
            "３日晚，俄军控制学校，两人被拘留15日。\n")
    index = _built(builder, text)
    assert [(e.date, e.date_source, e.date_text) for e in index.events] == [
        ("2004-09-01", "explicit", "2004年9月1日"), ("2004-09-01", "date from heading", "9月1日"),
        ("2004-09-03", "date from heading", "9月3日"), ("2004-09-03", "month from context", "３日晚")]
    none = "'''甲'''是一个地方。\n\n== 历史 ==\n５日，某人发表讲话。\n"
    assert _built(builder, none).events == []


def test_a_list_item_that_is_a_day_dates_the_items_under_it(builder) -> None:
    """The Beslan article's timeline is a list: `* 9月2日`, then `** 上午10:15，…` under it. An
    item with no date of its own, one level below an item that begins with a day, is of that day
    (`date from list item`); an item at the same level is not. The year is the incident's (the
    infobox's date), not that of `2003年8月1日` in the paragraph of background before the list."""
    text = ("{{Infobox civilian attack\n|date = 2004年9月1日－9月3日\n}}\n"
            "'''别斯兰人质危机'''是指2004年9月1日在别斯兰发生的人质事件。\n\n== 经过 ==\n"
            "2003年8月1日，莫兹多克的一间医院曾遭受汽车炸弹袭击。\n\n"
            "* 9月1日俄罗斯学校新学期开学。\n** 10:50，俄罗斯媒体报道，武装分子腰缠自杀腰带；\n"
            "* 9月2日\n** 上午10:15，克里姆林宫宣布普京取消出访；\n"
            "* 正午，传来枪声和爆炸声；\n")
    index = _built(builder, text)
    assert [(e.date, e.date_source, e.date_text, e.text[:5]) for e in index.events] == [
        ("2003-08-01", "explicit", "2003年8月1日", "2003年"),
        ("2004-09-01", "explicit", "2004年9月1日", "别斯兰人质"),
        ("2004-09-01", "year from article", "9月1日", "9月1日俄"),
        ("2004-09-01", "date from list item", "9月1日", "10:50"),
        ("2004-09-02", "year from context", "9月2日", "9月2日"),
        ("2004-09-02", "date from list item", "9月2日", "上午10:")]


def test_a_day_written_after_who_and_before_a_verb_of_reporting_is_a_date(builder) -> None:
    """News style: `弗里金斯基５日宣布`, `另据俄塔社５日报道` (the Beslan article) are of the 5th of
    the month before; `拘留15日`, `第5日` are counts, no dates."""
    from kzct.parse.dates import find_dates

    assert [m.day for m in find_dates("俄罗斯副总检察长弗里金斯基５日宣布，32名恐怖分子参加了劫持。")] == [5]
    assert [m.day for m in find_dates("另据俄塔社５日报道，北奥塞梯护法机关有关人士说")] == [5]
    assert [m.day for m in find_dates("普京3日晚会见了家属。")] == [3]
    assert find_dates("两人被拘留15日，随后获释。") == []
    assert find_dates("围困第5日宣布结束。") == []
    # a bound before a day that begins its clause: `截至13日深夜，` (the Andijan article) is the
    # 13th, as of its end; `至5日，` ends a stretch told before
    assert [(m.day, m.qualifier) for m in find_dates("截至13日深夜，政府大楼已经被清空。")] == [
        (13, "as_of")]
    assert find_dates("至5日，共有30人被捕。") == []


def test_a_day_that_is_a_sentence_of_its_own_dates_the_sentences_after_it(builder) -> None:
    """The Andijan article: `5月14日。数千名…冲击了…` - the sentences after a day written alone, in
    its paragraph, are of that day (`date from sentence before`); a day between who and a time of
    day is a date (`卡里莫夫13日凌晨飞抵安集延`)."""
    text = ("'''2005年安集延事件'''是2005年5月13日发生的事件。\n\n== 经过 ==\n"
            "卡里莫夫13日凌晨飞抵安集延。\n\n5月14日。数千名试图逃离该国的人冲击了边境。他们被击退。\n\n"
            "另一段没有日期。\n")
    index = _built(builder, text)
    assert [(e.date, e.date_source, e.date_text, e.text[:5]) for e in index.events] == [
        ("2005-05-13", "explicit", "2005年5月13日", "2005年"),
        ("2005-05-13", "month from context", "13日凌晨", "卡里莫夫1"),
        ("2005-05-14", "year from article", "5月14日", "5月14日"),
        ("2005-05-14", "date from sentence before", "5月14日", "数千名试图"),
        ("2005-05-14", "date from sentence before", "5月14日", "他们被击退")]


def test_a_later_date_that_begins_a_clause_of_its_own_is_an_event_too(builder) -> None:
    """The President of Kazakhstan article: `1990年10月25日，哈萨克发表《主权宣言》，1991年12月16日，
    宣布独立` tells two things, each on its date; `3月3日，人民网…对2013年5月22日发生在伦敦的…` tells
    one (the other date is background)."""
    text = ("1990年10月25日，哈萨克发表《主权宣言》，1991年12月16日，宣布独立。"
            "3月3日，人民网发表评论，对2013年5月22日发生在伦敦的袭击作出比较。")
    index = _built(builder, text)
    assert [(e.date, e.text[:5]) for e in index.events] == [
        ("1990-10-25", "1990年"), ("1991-03-03", "3月3日，"), ("1991-12-16", "1990年")]
    # in brackets, a date is background still (the Turkistan Islamic Party article)
    nusra = ("2011年叙利亚内战爆发后，该党与努斯拉阵线（基地组织的叙利亚分支，2016年7月改名为征服阵线）"
             "紧密合作。")
    assert [e.date for e in _built(builder, nusra).events] == ["2011"]


def test_a_stretchs_end_gives_no_year_and_a_day_alone_may_look_back_a_week(builder) -> None:
    """The Urumqi attack article: `从2014年5月23日起至2015年6月，…` then `5月24日，…` in the same
    paragraph is 2014's (the end of a stretch is no year the paragraph goes on in); `5月23日，警方
    查明…` then `…22日晚在巴州抓获` is the 22nd of that month (a day alone may be up to a week
    before the date before it); `朴奉珠23日向…致电` is a date (news style: who, day, preposition)."""
    text = ("'''2014年乌鲁木齐公园北街早市暴力恐怖袭击案'''发生于2014年5月22日。\n\n== 经过 ==\n"
            "5月23日，警方查明袭击者身份。一名团伙成员22日晚在巴州抓获。\n\n== 后续 ==\n"
            "当局决定从2014年5月23日起至2015年6月，启动专项行动。\n"
            "5月24日，民众向公安机关举报。朴奉珠23日向中国国务院总理致电。\n")
    index = _built(builder, text)
    assert [(e.date, e.date_source, e.text[:5]) for e in index.events][2:] == [
        ("2014-05-22", "month from context", "一名团伙成"), ("2014-05-23", "year from article", "5月23日"),
        ("2014-05-23", "explicit", "当局决定从"), ("2014-05-23", "month from context", "朴奉珠23"),
        ("2014-05-24", "year from context", "5月24日"), ("2015-06", "explicit", "当局决定从")]


def test_that_year_under_a_year_heading_and_a_plan_counts_nothing_after_it(builder) -> None:
    """`在当年春季` first in a section headed `2000年` is of 2000 (the Islamic Movement of
    Uzbekistan article); a date a plan is for (`将于12月1日前`) gives what follows its year, not
    its month (the Hamas article: `古特雷斯12日…` is 12 October; the CSTO article: `计划于6月14日`,
    then `次年10月`)."""
    text = ("== 历史 ==\n=== 2000年 ===\n据估计该组织此时拥有大约2000名成员。在当年春季，他们派遣了600名成员。\n\n"
            "=== 2017年 ===\n2017年，法塔赫与哈马斯10月12日在开罗签署协议。法塔赫将于12月1日前接管加沙地带。"
            "联合国秘书长古特雷斯12日与阿巴斯通电话。\n\n"
            "== 部队 ==\n各国签署了组建部队的协议，计划于2009年6月14日最后确定。白俄罗斯于次年10月签署了该协定。\n")
    dates = _dates_by_start(builder, text, 5)
    assert dates["在当年春季"] == ("2000", "relative")
    assert dates["联合国秘书"] == ("2017-10-12", "month from context")
    assert dates["白俄罗斯于"] == ("2010-10", "relative")


def test_a_relative_date_before_the_sentences_first_year_counts(builder) -> None:
    """The CSTO article: `…在第二年签署了该条约，并于1994年生效。五年后，…` after 1992 tells 1993 and
    1994, then 1999; one after the sentence's year (`2005年当选总统，次年辞职`) dates nothing of its
    own."""
    text = ("1992年5月15日，独联体国家首脑签署了集体安全条约。"
            "另外三个国家在第二年签署了该条约，并于1994年生效。五年后，六国续签条约。")
    index = _built(builder, text)
    assert [(e.date, e.date_source, e.text[:6]) for e in index.events] == [
        ("1992-05-15", "explicit", "1992年5"), ("1993", "relative", "另外三个国家"),
        ("1994", "explicit", "另外三个国家"), ("1999", "relative", "五年后，六国")]
    assert [e.date for e in _built(builder, "2005年，他当选总统，次年辞职。").events] == ["2005"]


def test_a_january_told_after_a_december_is_of_the_next_year(builder) -> None:
    """The First Chechen War article: the assault of `12月31日` goes on, and `1月3日` is 1995's; a
    January after a date of March stays in the year told."""
    text = ("1994年12月31日，俄军发动总攻。131旅坚持到了1月3日被彻底击溃。\n\n"
            "1996年3月6日，武装分子攻入城市。1月9日，人质被释放。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:5]) for e in index.events] == [
        ("1994-12-31", "1994年"), ("1995-01-03", "131旅坚"), ("1996-01-09", "1月9日，"),
        ("1996-03-06", "1996年")]


def test_a_bare_year_inside_a_sentence_leaves_the_headings_year_in_reach(builder) -> None:
    """The Boko Haram article: under `=== 2013年 ===`, `这是该组织2009年来发动的最血腥袭击之一` is
    background, and the next item's `7月6日` is 2013's; a full date inside a sentence still gives
    its year (the PKK article's `据土耳其报道2008年2月21日…` then `2月29日`)."""
    text = ("== 袭击 ==\n=== 2013年 ===\n* 5月7日，该组织袭击巴马镇的军营。这是该组织2009年来发动的最血腥袭击之一。\n"
            "* 7月6日，约贝州的一所学校遇袭。\n\n"
            "=== 2007年 ===\n据土耳其报道2008年2月21日晚，土军开始越境。2月29日土军撤出伊拉克。\n")
    dates = _dates_by_start(builder, text, 5)
    assert (dates["7月6日，"][0], dates["2月29日"][0]) == ("2013-07-06", "2008-02-29")


def test_a_month_told_alone_at_the_start_of_its_clause_is_of_the_year_in_reach(builder) -> None:
    """The Boko Haram article's list items under year headings: `* 1月，该组织…` is January 2010,
    `在8月初，` early August; `3个月后`, `于3月份的会议` and a month inside a clause are no dates, and
    a month with no year in reach is no date and no defect."""
    from kzct.parse.dates import find_dates

    text = ("== 袭击 ==\n=== 2010年 ===\n* 1月，该组织在博尔诺州发动袭击，打死4人。\n"
            "* 在8月初，该组织袭击了监狱。\n")
    index = _built(builder, text)
    assert [(e.date, e.precision, e.qualifier, e.text[:4]) for e in index.events] == [
        ("2010-01", "month", None, "1月，该"), ("2010-08", "month", "early", "在8月初")]
    assert find_dates("3个月后，他获释。")[0].month is None
    assert find_dates("他出席了于3月份的会议。") == []
    assert find_dates("其战斗人员8月在北部发动袭击。") == []
    assert list(_built(builder, "3月，会议召开。").events) == []


def test_a_sentence_that_begins_with_that_night_or_a_time_is_of_the_day_told_before(builder) -> None:
    """`当晚，` (the First Chechen War article), `上午，` (the Urumqi attack article), `8时许，`
    (the Kashgar attack article) begin a sentence of the day told before; with no date before
    them, they date nothing. Inside a sentence, a time of day is none of this."""
    text = ("1995年1月17日，俄军攻占总统府。当晚，弹尽粮绝的车臣守军开始分散突围。\n\n"
            "2014年5月27日，新疆举行大会。上午，伊犁哈萨克自治州召开公开宣判大会。\n\n"
            "2008年8月4日，喀什发生袭击。8时许，当武警官兵出操跑出边防支队大门时遭到袭击。\n\n"
            "==另==\n当晚，守军突围。\n\n下午，甲召开会议。\n")
    dates = _dates_by_start(builder, text, 4)
    assert dates["当晚，弹"] == ("1995-01-17", "relative")
    assert dates["上午，伊"] == ("2014-05-27", "relative")
    assert dates["8时许，"] == ("2008-08-04", "relative")
    assert "当晚，守" not in dates and "下午，甲" not in dates


def test_hours_after_the_incident_and_a_speakers_last_year(builder) -> None:
    """The Urumqi South station article's `爆炸發生後半小時內，新疆黨委書記…召開緊急會議`, then
    `21點30分，…召開第二次會議` and `翌日…`: hours after the incident are its day, and the times
    and days after count from it; in a section that dates nothing, a speaker's `去年` is the year
    before the incident's (`…说，“去年他们曾将公安局…作为袭击目标”`), and a `次日` with nothing
    told before it stays undated."""
    text = ("{{Infobox civilian attack\n|date = 2014年4月30日\n}}\n'''乌鲁木齐火车南站爆炸案'''是一起袭击。\n\n"
            "==反应==\n*爆炸發生後半小時內，新疆黨委書記張春賢主持召開緊急會議。21點30分，張春賢主持召開"
            "第二次會議。翌日張春賢主持召開新疆黨委常委會議。\n\n"
            "==评论==\n研究所前所长潘志平说，“去年他们曾将公安局、派出所和警员作为袭击目标。”\n\n"
            "==其他==\n次日，当局发表声明。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:6]) for e in index.events] == [
        ("2013", "研究所前所长"), ("2014-04-30", "爆炸發生後半"), ("2014-04-30", "21點30分"),
        ("2014-05-01", "翌日張春賢主")]


def test_a_time_of_day_first_in_a_section_of_an_attack_article(builder) -> None:
    """The Peshawar school attack article's section `==袭击==` begins `上午10时许，六名…武装分子…`:
    with nothing dated before it in its section, the time is of the day of the attack (the
    infobox's date)."""
    text = ("{{Infobox civilian attack\n|date = 2014年12月16日\n}}\n'''白沙瓦学校袭击事件'''是一起袭击。\n\n"
            "==袭击==\n上午10时许，六名武装分子进入学校。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:6]) for e in index.events] == [("2014-12-16", "上午10时许")]


def test_a_year_that_names_another_event_is_no_paragraphs_year(builder) -> None:
    """The 2013 Shanshan attack article: `26日晨，` is a day and its morning; `当月初，` first in its
    section is early in the incident's month; `其中5人涉及2009年乌鲁木齐七五骚乱` names the 2009
    riots, whose year the next item's `6月23日` does not take."""
    text = ("'''2013年鄯善县“6·26”暴力恐怖袭击事件'''是一起袭击。\n\n== 经过 ==\n"
            "6月25日，公安机关抓获该团伙成员1人。艾某因害怕罪行败露，26日晨，伙同15名暴徒袭击派出所。\n\n"
            "== 相关事件 ==\n*当月初，[[阿克苏地区|阿克苏地区]]发生爆炸。有12名疑犯死亡，"
            "其中5人涉及[[乌鲁木齐七·五骚乱|2009年乌鲁木齐七五骚乱]]。\n"
            "*[[墨玉县|墨玉县]]6月23日发生一起袭击。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:5]) for e in index.events] == [
        ("2009", "有12名疑"), ("2013", "2013年"), ("2013-06", "当月初，阿"),
        ("2013-06-23", "墨玉县6月"), ("2013-06-25", "6月25日"), ("2013-06-26", "艾某因害怕")]


def test_times_in_a_zone_and_a_birth_the_paragraph_goes_on_from(builder) -> None:
    """The 2013 Boston Marathon bombing article's `在美国东部时间下午2时49分12秒引爆` and `在美東时间
    15日15时10分…发表讲话`, and the March 2016 Istanbul bombing article's `奥兹图尔克于1992年出生在…。
    警方在20日早晨搜查了奥兹图尔克家`: a birth dates its sentence, and the day after it is of the
    month told before it, not of 1992; `曾于14年前引渡` is a year, fourteen before."""
    text = ("'''2016年3月伊斯坦布尔爆炸案'''是一起袭击。\n\n== 经过 ==\n"
            "3月19日，第一個炸彈在美国东部时间下午2时49分12秒引爆。奥巴马在美東时间20日15时10分发表讲话。\n\n"
            "奥兹图尔克于1992年出生在土耳其南部。警方在20日早晨搜查了奥兹图尔克家。"
            "伊朗表示曾于14年前引渡劫持者。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:6]) for e in index.events] == [
        ("1992", "奥兹图尔克于"), ("2002", "伊朗表示曾于"), ("2016-03", "2016年3"),
        ("2016-03-19", "3月19日，"), ("2016-03-20", "奥巴马在美東"), ("2016-03-20", "警方在20日")]


def test_the_day_the_leads_first_sentence_says_it_happened(builder) -> None:
    """The 2011 Hotan attack article's bold title gives no year (`'''和田“7·18”严重暴力恐怖事件'''
    是2011年7月18日在…发生的`) and it has no infobox: the day its lead's first sentence says it
    happened is the incident's, whose year the sections' month and day take."""
    text = ("'''和田“7·18”严重暴力恐怖事件'''是2011年7月18日在[[和田市|和田市]]发生的一起严重暴力袭击事件。\n\n"
            "==事件过程==\n7月20日晚，和田警方带记者来到遇袭的派出所。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:5]) for e in index.events] == [
        ("2011-07-18", "和田“7·"), ("2011-07-20", "7月20日")]


def test_the_day_of_an_infobox_date_template(builder) -> None:
    """The 2016 Istanbul airport attack article's infobox writes `|date = {{start date|2016|06|28|
    df=yes}}` and its lead no bold title: the attack's year and day, which the sections' dates
    without a year (`6月29日，土耳其当局扣留…`, `当地时间晚上10点左右，…`) take."""
    text = ("{{Infobox civilian attack\n| date        = {{start date|2016|06|28|df=yes}}\n}}\n"
            "2016年6月28日土耳其伊斯坦布尔阿塔图尔克国际机场发生爆炸和枪击袭击。\n\n"
            "== 过程 ==\n当地时间晚上10点左右，两名袭击者接近一个安检点。\n\n"
            "== 影响 ==\n土耳其宣布6月29日为全国哀悼日。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:6]) for e in index.events] == [
        ("2016-06-28", "2016年6"), ("2016-06-28", "当地时间晚上"), ("2016-06-29", "土耳其宣布6")]


def test_a_persons_life_in_the_brackets_after_the_bold_name_is_two_dates(builder) -> None:
    """The Shamil Basayev article's lead `'''沙米尔·萨尔玛诺维奇·巴萨耶夫'''（俄语：…，{{bd|1965年|1月14日|
    2006年|7月10日|catIdx=B}}）`: born on one day, dead on another, not a stretch of time in which
    every year is his (a war's range in the same place is one: the Second Chechen War's); the
    bracket's semicolon (`；` between two names) ends no sentence."""
    text = ("'''沙米尔·萨尔玛诺维奇·巴萨耶夫'''（[[俄语|俄语]]：{{lang|ru|Шамиль Салманович Басаев}}；"
            "{{bd|1965年|1月14日|2006年|7月10日|catIdx=B}}）：[[车臣人|车臣]]陆军将领。"
            "巴萨耶夫1965年生于车臣南部山区。\n")
    index = _built(builder, text)
    assert [(e.date, e.end_date, e.text[:6]) for e in index.events] == [
        ("1965", None, "巴萨耶夫19"), ("1965-01-14", None, "沙米尔·萨尔"),
        ("2006-07-10", None, "沙米尔·萨尔")]
    war = _built(builder, "'''第二次車臣戰爭'''（1999年8月26日－2009年4月16日）。\n")
    assert [(e.date, e.end_date) for e in war.events] == [("1999-08-26", "2009-04-16")]


def test_a_quoted_yearbook_and_the_year_it_came_out(builder) -> None:
    """The 1997 Ghulja incident article: `1998年出版的《新疆年鉴1997》对此次事件的记述称：`, then
    the yearbook's account in zh-Wikipedia's `{{引用|…}}` (its Quote): the account is read, and
    its `4月24日` is 1997's, the paragraph's, not the year the book came out."""
    text = ("== 审判 ==\n1997年4月24日，伊宁市召开公判大会。\n\n"
            "1998年出版的《新疆年鉴1997》的记述称：\n{{引用|4月24日，伊犁地区中级人民法院召开公判大会。}}\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:6]) for e in index.events] == [
        ("1997-04-24", "1997年4"), ("1997-04-24", "4月24日，"), ("1998", "1998年出")]


def test_a_day_alone_after_a_date_in_its_own_sentence(builder) -> None:
    """The 2016 Brussels bombings article's `4月8日，比利时警方…逮捕了…穆罕默德·阿布里尼，阿布里尼随后
    在10日承认…`: the 10th of the month the sentence told, April, though the sentence before it
    told 29 March."""
    text = ("{{Infobox civilian attack\n|date = 2016年3月22日\n}}\n"
            "'''2016年布鲁塞尔连环爆炸案'''是一起袭击。\n\n"
            "== 嫌疑人 ==\n但警方在3月29日因证据不足而将其释放。"
            "4月8日，比利时警方在布鲁塞尔附近逮捕了穆罕默德·阿布里尼，阿布里尼随后在10日承认自己就是第三名嫌疑人。\n")
    index = _built(builder, text)
    assert sorted(e.date for e in index.events if e.text.startswith("4月8日")) == [
        "2016-04-08", "2016-04-10"]


def test_times_in_a_list_a_day_that_opens_an_item_and_a_date_that_names_another_event(
        builder) -> None:
    """The 2005 London bombings article: a list of times `** 早上8點51分：7人於…列車爆炸中死亡。`
    (a colon after the time) is of the day told before; `* 20日死亡人数升至56人。` opens with its
    day; and in `当天，…声明称，他们对伦敦21日的爆炸事件负责，同时还对7月7日的伦敦爆炸案负责。` the
    dates name other events, so the next `当天` is the statement's day, not 7 July."""
    text = ("'''倫敦七七爆炸案'''是2005年7月7日发生在伦敦的连环爆炸。\n\n"
            "== 经过 ==\n* 根據BBC報導：\n** 早上8點51分：7人於列車爆炸中死亡。\n"
            "* 根据伦敦警方8日公布的最新数字，死亡人数已超过50人。\n* 20日死亡人数升至56人。\n\n"
            "7月22日，英国便衣警察向一名疑人开枪。当天，欧洲分支发表声明称，他们对伦敦21日的爆炸事件"
            "负责，同时还对7月7日的伦敦爆炸案负责。当天，伦敦警方公布嫌疑人图像。\n")
    index = _built(builder, text)
    dates = {(e.date, e.text[:5]) for e in index.events}
    assert {("2005-07-07", "早上8點5"), ("2005-07-20", "20日死亡"),
            ("2005-07-22", "当天，伦敦")} <= dates
    assert ("2005-07-07", "当天，伦敦") not in dates


def test_the_bold_title_is_the_leads_not_an_infobox_fields(builder) -> None:
    """The 2010 south Kyrgyzstan riots article's infobox writes `| place='''{{flag|Kyrgyzstan}}'''`
    before the lead's `'''2010年吉尔吉斯斯坦南部骚乱'''`: the year the article states is the
    title's, and `6月10日` is 2010's."""
    text = ("{{Infobox military conflict\n|conflict=2010年吉尔吉斯斯坦南部种族骚乱\n"
            "| place='''{{flag|Kyrgyzstan}}'''：[[奥什|奥什]]\n}}\n"
            "'''2010年吉尔吉斯斯坦南部骚乱'''是一场冲突。\n\n== 经过 ==\n"
            "吉尔吉斯斯坦南部的暴力活动在6月10日爆发。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:6]) for e in index.events] == [
        ("2010", "2010年吉"), ("2010-06-10", "吉尔吉斯斯坦")]


def test_what_someone_says_happened_earlier_is_not_what_the_next_day_counts_from(builder) -> None:
    """The Mullah Omar article: `2015年7月29日，阿富汗政府声称，…奥马尔…于2013年4月在…医院逝世…。…
    次日，塔利班宣称…` (the day after the 29th: the death is what the government said), and in
    the next paragraph `并在8月1日第一次发表公开演讲` is 2015's."""
    text = ("'''穆罕默德·奥马尔'''是塔利班领袖。\n\n== 死讯 ==\n"
            "2015年7月29日，阿富汗政府声称，奥马尔因肺结核，于2013年4月在巴基斯坦的卡拉奇一家医院逝世。"
            "次日，塔利班宣称从奥马尔亲属那里得知奥马尔病逝的消息。\n\n"
            "曼苏尔成为塔利班领袖，并在8月1日第一次发表公开演讲。\n")
    index = _built(builder, text)
    assert [(e.date, e.text[:5]) for e in index.events] == [
        ("2013-04", "2015年"), ("2015-07-29", "2015年"), ("2015-07-30", "次日，塔利"),
        ("2015-08-01", "曼苏尔成为")]
