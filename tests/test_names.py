"""Names a user gives: one rule for show and the filters, errors instead of silent empty
results, and search scores that mean something for short queries."""

from __future__ import annotations

import pytest

# -- filters: a name that resolves to nothing, or to several things, is an error -------------

@pytest.mark.parametrize(("args", "message"), [
    (["--place", "Atlantis"],
     "kzct: error: --place 'Atlantis' matches no place in the article; did you mean: Almaty, "
     "Semey, Taraz?\n"),
    (["--group", "x"],
     "kzct: error: --group 'x' matches no group in the article; see 'kzct groups --all'\n"),
    (["--place", "Alm"],
     "kzct: error: --place 'Alm' matches several places equally well: Almaty / 阿拉木图, "
     "Almaty Region / 阿拉木图州; give one of them\n"),
    (["--place", "Almaty", "--place", " "], "kzct: error: --place needs a name\n"),
])
def test_a_filter_that_resolves_to_nothing_is_a_usage_error(run, args, message) -> None:
    for fmt in ([], ["--json"]):
        result = run("timeline", *args, *fmt)
        assert (result.code, result.out, result.err) == (2, "", message)


def test_long_names_are_shortened_in_messages(run) -> None:
    result = run("timeline", "--place", "q" * 300)
    assert result.code == 2
    assert result.err.startswith("kzct: error: --place 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq…' "
                                 "matches no place")
    search = run("search", "q" * 300)
    assert search.err == f"no match for '{'q' * 39}…' scoring 75 or more\n"


def test_filters_and_show_resolve_names_by_one_rule(run) -> None:
    for name in ("Alm", "Vladimir"):
        shown = run("show", name, "--json")
        assert shown.code == 4 and shown.json()["match"] == "ambiguous"
    assert run("timeline", "--place", "Alm").code == 2
    # a unique name means the same entity to both
    shown = run("show", "Almaty", "--json").json()
    assert shown["match"] == "unique" and shown["entity"]["name_zh"] == "阿拉木图"
    events = run("timeline", "--place", "Almaty", "--json").json()
    assert [e["date"] for e in events] == ["2000", "2002-01", "2003-02-13", "2005-01-26",
                                           "2005-02-08", "2005-03", "2005-05-12", "2005-07-05"]
    assert all("阿拉木图" in e["places"] for e in events)


def test_values_of_one_filter_are_alternatives(run) -> None:
    almaty = run("timeline", "--place", "Almaty", "--json").json()
    astana = run("timeline", "--place", "Astana", "--json").json()
    both = run("timeline", "--place", "Almaty", "--place", "Astana", "--json").json()
    spans = {tuple(e["span"]) + (e["date"],) for e in almaty + astana}
    assert {tuple(e["span"]) + (e["date"],) for e in both} == spans
    assert len(both) == len(spans) < len(almaty) + len(astana)  # one event naming both: once
    # different filters must all hold
    narrowed = run("timeline", "--place", "Almaty", "--year", "2005", "--json").json()
    assert [e["date"] for e in narrowed] == ["2005-01-26", "2005-02-08", "2005-03", "2005-05-12",
                                             "2005-07-05"]


def test_the_rule_is_in_the_help(run) -> None:
    text = " ".join(run("timeline", "--help").out.split())
    assert "Different filters must all hold; the values of one repeated filter are alternatives" \
        in text
    for option in ("--year YEAR", "--place NAME", "--group NAME"):
        line = text[text.index(option):]
        assert "(repeatable: any of them)" in line[:160]


# -- search: what the scores mean --------------------------------------------------------------

def _hits(run, query: str, *args: str) -> list[tuple[str, float]]:
    return [(h["name_en"] or h["name_latin"] or h["name_zh"], h["score"])
            for h in run("search", query, *args, "--json").json()]


def test_one_or_two_letters_match_only_whole_words_and_name_starts(run) -> None:
    assert _hits(run, "a") == []  # not U.A.E. (an abbreviation), not A. B. Vajpayee (an initial)
    assert _hits(run, "on") == []  # not a fragment of Sonia
    # a word beginning with al: ut-Tahrir's Arabic name (Hizb al-Tahrir), al-Qaeda, Al Nahyan…
    assert _hits(run, "al") == [("Hizb ut-Tahrir", 95), ("al-Qaeda", 95), ("Asbat an-Ansar", 95),
                                ("Muslim Brotherhood", 95), ("Hamas", 95),
                                ("Saif bin Zayed Al Nahyan", 95), ("Social Reform Society", 95)]
    loose = run("search", "a", "--min-score", "10", "--limit", "1000", "--json").json()
    assert loose[0]["matched"] == "Asia" and loose[0]["score"] == 40  # 1 letter of 5
    assert all(h["matched"].lower().startswith("a") for h in loose)


def test_an_acronym_finds_the_entity_whose_alias_it_is(run) -> None:
    assert _hits(run, "IMU") == [("Islamic Movement of Uzbekistan", 100.0)]
    assert _hits(run, "HT") == [("Hizb ut-Tahrir", 100.0)]
    assert _hits(run, "imu", "--min-score", "0")[0][0] == "Islamic Movement of Uzbekistan"


def test_an_acronym_matches_initials_when_no_alias_is_it(run) -> None:
    assert ("Islamic Jihad Union", 95.0) in _hits(run, "IJU")


def test_one_chinese_character_finds_the_names_holding_it_by_mentions(run) -> None:
    hits = run("search", "哈", "--json").json()
    assert [h["name_zh"] for h in hits] == ["哈萨克斯坦", "哈萨克斯坦国家安全委员会", "哈萨克斯坦南部",
                                            "哈萨克斯坦东部", "哈马斯", "南哈萨克斯坦州",
                                            "哈萨克斯坦穆斯林联盟"]
    assert all("哈" in h["matched"] and h["score"] == 90 for h in hits)
    mentions = [h["mentions"] for h in hits]
    assert mentions == sorted(mentions, reverse=True)


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_an_empty_query_is_a_usage_error(run, query) -> None:
    for command in ("search", "show"):
        result = run(command, query)
        assert (result.code, result.out) == (2, "")
        assert "it is empty: give a name" in result.err and result.err.count("\n") == 1


def test_min_score_must_be_a_number_from_0_to_100(run) -> None:
    for value in ("nan", "inf", "-inf", "NaN", "101", "-1"):
        result = run("search", "Hizb", "--min-score", value)
        assert (result.code, result.out) == (2, "")
        assert "is not a score: use a number from 0 to 100" in result.err
    assert run("search", "Hizb", "--min-score", "0").code == 0
