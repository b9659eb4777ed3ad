"""`kzct search` and `kzct show`: names as users type them."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Rashid Tusupbekov", "Rashid Tusupbekov"),  # Latin, exact
        ("Tusupbekv", "Rashid Tusupbekov"),  # typo
        ("Tusupbeko", "Rashid Tusupbekov"),  # the article's own misspelling
        ("Tusupbekov", "Rashid Tusupbekov"),  # surname alone
        ("Amerkhanov", "Askar Amerkhanov"),
        ("Altynbaev", "Mukhtar Altynbayev"),  # alternative transliteration, typo-close
        ("tUSUPBEKOV", "Rashid Tusupbekov"),  # case
        ("ＴＵＳＵＰＢＥＫＯＶ", "Rashid Tusupbekov"),  # full-width
        ("  rashid   tusupbekov ", "Rashid Tusupbekov"),  # extra spaces
        ("纳扎尔巴耶夫", "Nursultan Nazarbayev"),  # Chinese, exact
        ("扎尔巴", "Nursultan Nazarbayev"),  # a distinctive part of a Chinese name
        ("納扎爾巴耶夫", "Nursultan Nazarbayev"),  # traditional
        ("阿拉木圖", "Almaty"),
        ("Almaty", "Almaty"),  # English names of places the article writes only in Chinese
        ("Shymkent", "Shymkent"),
        ("Chimkent", "Shymkent"),
        ("Nazarbayev", "Nursultan Nazarbayev"),
        ("Alma-Ata", "Almaty"),  # old and Russian forms
        ("Ust-Kamenogorsk", "Oskemen"),
        ("Semipalatinsk", "Semey"),
        ("Öskemen", "Oskemen"),  # accents
        ("oskemen", "Oskemen"),
        ("Hizb ut-Tahrir", "Hizb ut-Tahrir"),  # groups are searchable
        ("伊扎布特", "Hizb ut-Tahrir"),
        ("Karimov", "Islam Karimov"),
    ],
)
def test_top_hit(run, query, expected) -> None:
    result = run("search", query, "--json")
    assert result.code == 0
    hits = result.json()
    assert hits and hits[0]["name_en"] == expected, [(h["name_en"], h["score"]) for h in hits[:3]]


def test_scores_are_sorted_and_fields_complete(run) -> None:
    hits = run("search", "阿拉木图", "--json").json()
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert hits[0]["score"] == 100 and hits[0]["kind"] == "place"
    assert set(hits[0]) == {"score", "matched", "matched_by", "id", "kind", "name_zh",
                            "name_latin", "name_en", "name_en_source", "aliases", "role", "place_type", "country", "geonames_id", "latitude",
                            "longitude", "source", "mentions", "first_mention", "occurrences",
                            "seed", "seeds"}
    assert hits[0]["mentions"] == 9 == len(hits[0]["occurrences"])


def test_kind_limit_and_min_score(run) -> None:
    hits = run("search", "Almaty", "--kind", "place", "--limit", "1", "--json").json()
    assert len(hits) == 1
    assert run("search", "Almaty", "--kind", "person", "--json").json() == []
    loose = run("search", "Sarsen", "--min-score", "50", "--json").json()
    strict = run("search", "Sarsen", "--min-score", "95", "--json").json()
    assert len(loose) > len(strict)
    bad = run("search", "Almaty", "--kind", "city")
    assert bad.code == 2


def test_no_match(run) -> None:
    json_result = run("search", "xyzzy", "--json")
    assert (json_result.code, json_result.out) == (0, "[]\n")
    table = run("search", "xyzzy")
    assert table.code == 0 and table.out == "" and "no match for 'xyzzy'" in table.err


def test_search_table(run) -> None:
    result = run("search", "Tusupbekov", env={"COLUMNS": "140"})
    assert result.code == 0
    assert "Rashid Tusupbekov" in result.out and "Kind" in result.out


def test_show_card(run) -> None:
    result = run("show", "Nazarbayev", "--json")
    assert result.code == 0
    card = result.json()
    assert card["entity"]["name_zh"] == "纳扎尔巴耶夫" and card["entity"]["mentions"] == 16
    dates = [e["date"] for e in card["events"]]
    assert "2002-02-12" in dates and "2006-04-18" in dates
    assert {"INDIA", "ANDIJAN"} <= {r["id"] for r in card["refs"]}
    table = run("show", "纳扎尔巴耶夫", env={"COLUMNS": "120"})
    assert table.out.startswith("纳扎尔巴耶夫 / Nursultan Nazarbayev")
    assert "Events (" in table.out and "[INDIA]" in table.out


SHOWN_KEYS = {"match", "query", "entity", "events", "refs", "candidates", "suggestions",
              "designations"}


def test_show_json_is_one_object_when_unique(run) -> None:
    shown = run("show", "Tusupbekov", "--json").json()
    assert set(shown) == SHOWN_KEYS
    assert (shown["match"], shown["query"]) == ("unique", "Tusupbekov")
    assert shown["entity"]["name_latin"] == "Rashid Tusupbekov"
    assert (shown["candidates"], shown["suggestions"]) == ([], [])


def test_show_ambiguous_lists_the_candidates(run) -> None:
    result = run("show", "Vladimir", "--json")
    assert result.code == 4
    shown = result.json()
    assert set(shown) == SHOWN_KEYS
    assert (shown["match"], shown["entity"], shown["events"], shown["refs"]) == (
        "ambiguous", None, [], [])
    assert {h["name_latin"] for h in shown["candidates"]} == {"Vladimir Bozhko",
                                                              "Vladimir Kazimirchuk"}
    assert result.err == "'Vladimir' matches 2 entries equally well; be more specific:\n"
    table = run("show", "Vladimir")
    assert table.code == 4 and "Vladimir Bozhko" in table.out and "Kazimirchuk" in table.out


def test_show_nothing(run) -> None:
    result = run("show", "qqqq", "--json")
    assert result.code == 3
    assert result.json() == {"match": "none", "query": "qqqq", "entity": None, "events": [],
                             "refs": [], "candidates": [], "suggestions": [],
                             "designations": []}
    assert result.err == "no person, place or group matches 'qqqq'; try: kzct search 'qqqq'\n"
    table = run("show", "qqqq")
    assert (table.code, table.out) == (3, "")
    near = run("show", "Tusupbeqqqqq", "--json")
    assert near.code == 3 and near.json()["suggestions"] == ["Rashid Tusupbekov"]
    assert near.err.endswith("; did you mean: Rashid Tusupbekov?\n")


def test_a_compatibility_ideograph_in_the_query(run) -> None:
    # 俄羅斯 with U+F90F, the compatibility form of 羅: read as the character it stands for
    hits = run("search", "俄\uf90f斯", "--json").json()
    assert (hits[0]["name_en"], hits[0]["score"]) == ("Russia", 100.0)
