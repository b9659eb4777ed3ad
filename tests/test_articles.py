"""Two articles written for these tests (``tests/data/articles``), read record for record."""

from __future__ import annotations

import pytest
from conftest import DATA

ARTICLES = DATA / "articles"


@pytest.fixture
def kzct(run):
    def _json(article: str, *args: str):
        result = run("--seed", str(ARTICLES / article), *args, "--json")
        assert result.code == 0, result.err
        return result.json()
    return _json


def test_kyrgyzstan_traditional(kzct) -> None:
    article = "kyrgyzstan.hant.wikitext"
    groups = kzct(article, "groups")
    assert [(g["name_zh"], g["name_en"], g["listed_on"], g["refs"]) for g in groups] == [
        ("烏茲別克斯坦伊斯蘭運動", "Islamic Movement of Uzbekistan", "2003-11-05", ["LIST"]),
        ("伊斯蘭解放黨", "Hizb ut-Tahrir", "2003-11-05", ["LIST"]),  # 伊扎布特's other name
        ("東突厥斯坦解放組織", None, "2003-11-05", ["LIST"]),  # known to no curated entry
        ("庫爾德人民大會", None, "2003-11-05", ["LIST"]),
    ]  # and not the Taliban: `該決定並未涉及塔利班`
    events = kzct(article, "timeline")
    assert [(e["date"], e["end_date"], e["date_source"], e["killed"], e["killed_qualifier"],
             e["injured"], e["injured_qualifier"], e["places"]) for e in events] == [
        ("1999-08", None, "explicit", None, None, None, None, ["塔吉克斯坦", "巴特肯州", "日本"]),
        ("2003-11-05", None, "explicit", None, None, None, None, ["吉爾吉斯斯坦"]),
        ("2010-06-10", "2010-06-14", "year from heading", 470, "about", 2000, "over", ["奧什"]),
        ("2010-06-15", None, "relative", None, None, None, None, ["比斯凱克"]),  # 次日
        ("2010-11", None, "relative", None, None, None, None, ["比什凱克"]),  # 同年11月
        ("2016-08-30", None, "explicit", 3, None, 5, None, ["中國", "比斯凱克"]),
    ]
    assert events[3]["text"] == "次日，比斯凱克當局宣布在全國實施宵禁。"  # -{R|…}- read, not shown
    assert events[4]["people"] == ["羅紮·奧通巴耶娃"]
    people = kzct(article, "people")
    assert [(p["name_zh"], p["role"], p["mentions"]) for p in people] == [
        ("羅紮·奧通巴耶娃", "總統", 1)]  # not 阿斯卡爾·阿卡耶夫 of the external links
    # {{le|中文|English}}: the article's own Latin form is her English name
    assert (people[0]["name_en"], people[0]["name_en_source"]) == ("Roza Otunbayeva", "article")
    places = {p["name_en"]: p for p in kzct(article, "places")}
    # 比斯凱克 and 比什凱克 are one city: the NoteTA rule, and GeoNames' names in both scripts
    assert places["Bishkek"]["mentions"] == 3 and places["Bishkek"]["country"] == "KG"
    assert places["Osh"]["mentions"] == 1  # a two-character town, taken as a wikilink's text
    assert set(places) == {"Bishkek", "Kyrgyzstan", "Batken", "Central Asia", "China", "Japan",
                           "Osh", "Syria", "Tajikistan"}
    sources = kzct(article, "sources")
    assert [(s["id"], s["defined"], s["uses"], s["publisher"]) for s in sources] == [
        ("LIST", True, 2, "AKIpress"),  # defined inside the infobox, used in the body
        ("2", True, 1, "Human Rights Watch"),
        ("EMB", True, 1, "Reuters"),
    ]


def test_tajikistan_simplified(kzct) -> None:
    article = "tajikistan.hans.wikitext"
    groups = kzct(article, "groups")
    assert [(g["name_zh"], g["name_latin"], g["name_en"], g["listed_on"]) for g in groups] == [
        ("基地组织", None, "al-Qaeda", "2006-03-30"),
        ("伊斯兰解放党", "Hizb ut-Tahrir", "Hizb ut-Tahrir", "2006-03-30"),
        ("真主追随者组织", None, None, "2006-03-30"),
        ("塔利班", None, "Taliban", "2006-03-30"),
    ]
    events = kzct(article, "timeline")
    assert [(e["date"], e["precision"], e["qualifier"], e["date_source"], e["killed"],
             e["injured"]) for e in events] == [
        ("199X", "decade", "early", "explicit", None, None),
        ("1997", "year", "since", "explicit", None, None),
        ("2006-03-30", "day", None, "explicit", None, None),
        ("2010-09-19", "day", None, "explicit", 25, None),
        ("2015-09-04", "day", None, "explicit", 3, 5),  # 3死5伤
        ("2015-09-06", "day", None, "relative", 1, None),  # 两天后 … 纳扎尔佐达 … 被击毙
        ("2016", "year", "as_of", "explicit", None, None),  # not the 1500 who left: no toll
    ]
    assert not [e for e in events if "内战（1992年" in e["text"]]  # a see-also item
    assert events[0]["text"] == "上世纪90年代初，塔吉克斯坦爆发内战。"
    people = {p["name_zh"]: p for p in kzct(article, "people")}
    rebel = people["阿卜杜哈利姆·纳扎尔佐达"]
    assert rebel["role"] == "前国防部副部长" and rebel["mentions"] == 2  # and 纳扎尔佐达 later
    assert (rebel["name_en"], rebel["name_en_source"]) == ("Abduhalim Nazarzoda", "article")
    assert people["埃莫马利·拉赫蒙"]["role"] == "总统"
    places = {p["name_zh"]: p for p in kzct(article, "places")}
    assert set(places) == {"塔吉克斯坦", "杜尚别", "拉什特谷地", "罗姆特峡谷", "中东"}
    # a region no gazetteer holds, curated with its English name
    assert (places["中东"]["name_en"], places["中东"]["name_en_source"]) == (
        "Middle East", "curated")
    # a wikilink that ends with a generic term (`[[罗姆特峡谷]]`): a place by its make, which
    # no gazetteer holds: its kind, and no English name
    gorge = places["罗姆特峡谷"]
    assert (gorge["name_en"], gorge["place_type"], gorge["source"]) == (None, "valley", "article")
    valley = places["拉什特谷地"]  # Rasht (a city in Iran) and a suffix: a valley of its own
    assert (valley["name_en"], valley["place_type"], valley["source"]) == (
        "Rasht Valley", "valley", "derived")
    assert valley["country"] is None and valley["latitude"] is None  # neither is known
