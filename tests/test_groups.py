"""`kzct groups`: Kazakhstan's list of banned organisations, as the article states it."""

from __future__ import annotations

LISTED = [
    ("乌兹别克斯坦伊斯兰运动", "Islamic Movement of Uzbekistan", "2006-10-12"),
    ("伊扎布特", "Hizb ut-Tahrir", "2006-10-12"),
    ("中亚圣战者联盟", "Jamaat of Central Asian Mujahedins", "2006-10-12"),
    ("东突厥斯坦伊斯兰党", "Islamic Party of Eastern Turkestan", "2006-10-12"),
    ("库尔德工人党", "Kurdistan Workers' Party", "2006-10-12"),
    ("土耳其灰狼党", "Grey Wolves", "2006-10-12"),
    ("科威特社会变革协会", "Social Reform Society", "2006-10-12"),
    ("虔诚军", "Lashkar-e-Taiba", "2006-10-12"),
    ("安萨尔联盟", "Asbat an-Ansar", "2006-10-12"),
    ("基地组织", "al-Qaeda", "2006-10-12"),
    ("塔利班", "Taliban", "2006-10-12"),
    ("穆斯林兄弟会", "Muslim Brotherhood", "2006-10-12"),
    ("奥姆真理教", "Aum Shinrikyo", "2006-11-17"),
    ("东突厥斯坦解放运动", "Eastern Turkestan Liberation Organization", "2006-11-17"),
]

GROUP_KEYS = {"name_zh", "name_latin", "name_en", "name_en_source", "aliases", "status",
              "status_text", "listed_on", "listed_precision", "history", "refs", "source"}


def test_every_banned_organisation_with_its_listing_date(run) -> None:  # type: ignore[no-untyped-def]
    result = run("groups", "--json")
    assert result.code == 0, result.err
    groups = result.json()
    assert [(g["name_zh"], g["name_en"], g["listed_on"]) for g in groups] == LISTED
    assert {g["status"] for g in groups} == {"listed"}


def test_article_latin_names_and_the_corrected_misspelling(run) -> None:  # type: ignore[no-untyped-def]
    groups = {g["name_zh"]: g for g in run("groups", "--json").json()}
    etip = groups["东突厥斯坦伊斯兰党"]
    assert etip["name_latin"] == "slamic Party of Eastern Turkestan"  # as the article writes it
    assert etip["name_en"] == "Islamic Party of Eastern Turkestan"
    assert etip["name_en_source"] == "corrected"
    assert groups["中亚圣战者联盟"]["name_en_source"] == "article"
    wolves = groups["土耳其灰狼党"]
    assert wolves["name_latin"] == "Boz Kurt" and wolves["name_en_source"] == "curated"
    assert "JMCA" in groups["中亚圣战者联盟"]["aliases"]  # the article's typo of JCAM


def test_refs_and_source_anchor_each_group_in_the_seed(run, seed_text) -> None:  # type: ignore[no-untyped-def]
    groups = run("groups", "--json").json()
    for group in groups:
        start, end = group["source"]["span"]
        assert seed_text[start:end].startswith(group["name_zh"]) or group["name_zh"] in seed_text[start:end]
    assert groups[0]["refs"] == ["TERRORORG"]
    assert groups[-1]["refs"] == ["SHINRIKYO"]
    assert groups[0]["source"]["section"] == ["取缔恐怖组织"]


def test_history_holds_dated_statements(run) -> None:  # type: ignore[no-untyped-def]
    groups = {g["name_zh"]: g for g in run("groups", "--json").json()}
    ht = {h["date"]: h["text"] for h in groups["伊扎布特"]["history"]}
    # asked the Astana court to ban it; asked the Supreme Court to list it; banned in Kyrgyzstan
    assert "Rashid Tusupbekov要求阿斯塔纳法院" in ht["2005-03-16"]
    assert "要求最高法院将伊扎布特列为恐怖组织" in ht["2005-03-17"]
    assert "吉尔吉斯斯坦宣布禁止伊扎布特在本国活动" in ht["2006-07-19"]
    aum = [h["date"] for h in groups["奥姆真理教"]["history"]]
    assert aum[:2] == ["2006-09-15", "2006-11-17"]  # the request, then the listing


def test_all_adds_the_other_organisations_with_their_status(run) -> None:  # type: ignore[no-untyped-def]
    groups = run("groups", "--all", "--json").json()
    assert len(groups) == len(LISTED) + 5
    status = {g["name_zh"]: (g["status"], g["listed_on"]) for g in groups[len(LISTED):]}
    assert status == {
        "艾克拉米亚": ("linked_to_listed_group", None),
        "伊斯兰圣战": ("claimed_attack_abroad", None),
        "哈马斯": ("invited_to_kazakhstan", None),
        "哈萨克斯坦穆斯林联盟": ("domestic_religious_organisation", None),
        "伊斯兰传道会": ("not_designated", None),
    }
    tabligh = groups[-1]
    assert tabligh["refs"] == ["TABLIGH"]
    assert tabligh["name_en"] == "Tablighi Jamaat"


def test_json_shape(run) -> None:  # type: ignore[no-untyped-def]
    result = run("groups", "--all", "--json")
    assert result.out.endswith("]\n") and result.err == ""
    assert result.out.count("\n") == 1  # compact in a pipe: one document, one line
    for group in result.json():
        assert set(group) == GROUP_KEYS
        assert isinstance(group["aliases"], list) and isinstance(group["history"], list)
        assert set(group["source"]) == {"seed", "section", "span"}
        for item in group["history"]:
            assert set(item) == {"date", "precision", "text", "refs", "span"}


def test_table_shows_every_group_and_wraps_chinese(run) -> None:  # type: ignore[no-untyped-def]
    result = run("groups", env={"COLUMNS": "60"})
    assert result.code == 0
    for name_zh, _en, _date in LISTED:
        assert name_zh in result.out.replace("\n", "").replace(" ", "") or name_zh[:4] in result.out
    assert "2006-11-17" in result.out
    assert "\x1b[" not in result.out  # no colour when not a terminal


def test_groups_are_found_by_either_script(run) -> None:  # type: ignore[no-untyped-def]
    """Aliases are one per name, in simplified characters; search folds traditional ones."""
    groups = {g["name_zh"]: g for g in run("groups", "--json").json()}
    assert groups["乌兹别克斯坦伊斯兰运动"]["aliases"] == ["IMU", "O'zbekiston Islomiy Harakati", "乌伊运"]
    hits = run("search", "烏茲別克斯坦伊斯蘭運動", "--json").json()
    assert hits[0]["name_en"] == "Islamic Movement of Uzbekistan" and hits[0]["score"] == 100
