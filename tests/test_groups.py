"""`kzct groups`: who designated which organisation, as the article states it; the seed's
Kazakhstan list by default."""

from __future__ import annotations

import pytest
from conftest import built_alone

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
              "status_text", "listed_on", "listed_precision", "history", "refs", "source", "id",
              "authority", "authority_code", "authority_en", "action", "label", "article_country"}


def test_every_banned_organisation_with_its_listing_date(run) -> None:
    result = run("groups", "--json")
    assert result.code == 0, result.err
    groups = result.json()
    assert [(g["name_zh"], g["name_en"], g["listed_on"]) for g in groups] == LISTED
    assert {g["status"] for g in groups} == {"listed"}
    # who: the government that banned the twelve, the court that added two (its country the
    # one the article wrote before it: 哈萨克斯坦最高法院)
    assert [(g["authority"], g["authority_code"], g["action"], g["label"]) for g in groups] == \
        [("哈萨克斯坦政府", "KZ", "banned", "terrorist")] * 12 + [("最高法院", "KZ", "listed", None)] * 2
    assert {g["article_country"] for g in groups} == {"KZ"}


def test_other_authorities_with_by(run) -> None:
    """The seed's other designations: Hizb ut-Tahrir banned in Uzbekistan, Tajikistan and
    Kyrgyzstan, Tablighi Jamaat in Uzbekistan (`在乌兹别克斯坦、塔吉克斯坦和吉尔吉斯斯坦遭到政府取缔`: one record each; the
    Kyrgyz ban came after 2006-07-19, a date the text gives no day of)."""
    every = run("groups", "--by", "all", "--json").json()
    assert len(every) == len(LISTED) + 4
    assert [(g["name_en"], g["authority_en"], g["action"], g["listed_on"]) for g in every[-4:]] == [
        ("Hizb ut-Tahrir", "Uzbekistan", "banned", None),
        ("Hizb ut-Tahrir", "Tajikistan", "banned", None),
        ("Hizb ut-Tahrir", "Kyrgyzstan", "banned", None),
        # `该组织在乌兹别克斯坦遭到当局禁止`: the pronoun is the group the sentence named first
        ("Tablighi Jamaat", "Uzbekistan", "banned", None)]
    # a country by its code (either ISO 3166-1 form), its English name, either script
    # (and another name of the country: a place of the article, or one ISO 3166 gives)
    for who in ("KG", "kgz", "Kyrgyzstan", "吉尔吉斯斯坦", "吉爾吉斯斯坦", "Kyrgyz Republic"):
        found = run("groups", "--by", who, "--json").json()
        assert [(g["name_zh"], g["authority_code"]) for g in found] == [("伊扎布特", "KG")], who
    assert len(run("groups", "--by", "哈萨克斯坦", "--json").json()) == len(LISTED)


@pytest.mark.parametrize("who", ["France", "联合国", "XX"])
def test_an_authority_that_designated_nothing_is_a_usage_error(run, who) -> None:
    result = run("groups", "--by", who)
    assert result.code == 2 and result.out == ""
    assert result.err == (f"kzct: error: --by '{who}' designated nothing in the article; the "
                          "article's authorities: Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan\n")


def test_delisted_lists_the_de_listings(run, builder) -> None:
    assert run("groups", "--delisted", "--json").json() == []
    text = ("2002年，美国将甲伊斯兰运动列为恐怖组织。2020年10月20日，美国政府正式将甲伊斯兰运动从恐怖组织名单上"
            "除名。")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority_code, g.action, g.status, g.listed_on) for g in index.groups] == [
        ("甲伊斯兰运动", "US", "listed", "listed", "2002"),
        ("甲伊斯兰运动", "US", "delisted", "delisted", "2020-10-20")]


def test_article_latin_names_and_the_corrected_misspelling(run) -> None:
    groups = {g["name_zh"]: g for g in run("groups", "--json").json()}
    etip = groups["东突厥斯坦伊斯兰党"]
    assert etip["name_latin"] == "slamic Party of Eastern Turkestan"  # as the article writes it
    assert etip["name_en"] == "Islamic Party of Eastern Turkestan"
    assert etip["name_en_source"] == "corrected"
    assert groups["中亚圣战者联盟"]["name_en_source"] == "article"
    wolves = groups["土耳其灰狼党"]
    assert wolves["name_latin"] == "Boz Kurt" and wolves["name_en_source"] == "curated"
    assert "JMCA" in groups["中亚圣战者联盟"]["aliases"]  # the article's typo of JCAM


def test_refs_and_source_anchor_each_group_in_the_seed(run, seed_text) -> None:
    groups = run("groups", "--json").json()
    for group in groups:
        start, end = group["source"]["span"]
        assert seed_text[start:end] == group["name_zh"]
    # `--all`: a group the article names but does not list is anchored to its name in the first
    # sentence that names it
    anchored = {g["name_zh"]: seed_text[slice(*g["source"]["span"])]
                for g in run("groups", "--all", "--json").json() if g["status"] != "listed"}
    assert anchored == {"艾克拉米亚": "艾克拉米亚", "伊斯兰圣战": "伊斯兰圣战", "哈马斯": "哈马斯",
                        "哈萨克斯坦穆斯林联盟": "哈萨克斯坦穆斯林联盟", "伊斯兰传道会": "伊斯兰传道会"}
    assert groups[0]["refs"] == ["TERRORORG"]
    assert groups[-1]["refs"] == ["SHINRIKYO"]
    assert groups[0]["source"]["section"] == ["取缔恐怖组织"]
    # the evidence is the article's own sentence
    assert groups[-1]["status_text"].startswith("最高法院在2006年11月17日将奥姆真理教和东突厥斯坦解放运动加入了这张名单")


def test_history_holds_dated_statements(run) -> None:
    groups = {g["name_zh"]: g for g in run("groups", "--json").json()}
    ht = {h["date"]: h["text"] for h in groups["伊扎布特"]["history"]}
    # asked the Astana court to ban it; asked the Supreme Court to list it; banned in Kyrgyzstan
    assert "Rashid Tusupbekov要求阿斯塔纳法院" in ht["2005-03-16"]
    assert "要求最高法院将伊扎布特列为恐怖组织" in ht["2005-03-17"]
    assert "吉尔吉斯斯坦宣布禁止伊扎布特在本国活动" in ht["2006-07-19"]
    aum = [h["date"] for h in groups["奥姆真理教"]["history"]]
    assert aum[:2] == ["2006-09-15", "2006-11-17"]  # the request, then the listing


def test_all_adds_the_other_organisations_with_their_status(run) -> None:
    """The curated groups the article names but does not list, each with the first sentence
    that names it, quoted: the article's own words, never a paraphrase kept in curated data."""
    groups = run("groups", "--all", "--json").json()
    assert len(groups) == len(LISTED) + 5
    assert {g["action"] for g in groups[len(LISTED):]} == {None}
    status = {g["name_zh"]: (g["status"], g["listed_on"], g["status_text"][:12])
              for g in groups[len(LISTED):]}
    assert status == {
        "艾克拉米亚": ("discussed", None, "吉尔吉斯斯坦和乌兹别克斯"),
        "伊斯兰圣战": ("discussed", None, "与基地组织有关的“乌兹别"),
        "哈马斯": ("discussed", None, "“哈萨克斯坦穆斯林联盟”"),
        "哈萨克斯坦穆斯林联盟": ("discussed", None, "“哈萨克斯坦穆斯林联盟”"),
        "伊斯兰传道会": ("discussed", None, "伊斯兰传道会是一个伊斯兰"),
    }
    tabligh = groups[-1]
    assert tabligh["refs"] == ["TABLIGH"]
    assert tabligh["name_en"] == "Tablighi Jamaat"


def test_a_curated_group_states_no_fact_on_other_text(builder) -> None:
    """Hamas named in another sentence: the record quotes that sentence, and says nothing the
    seed says of Hamas (its leaders' visit to Kazakhstan in 2006); a curated name inside another
    group's longer name is no mention of it."""
    text = "普京邀请哈马斯领导人访问莫斯科。东突厥斯坦伊斯兰党发表声明。"
    index = built_alone(builder, text)
    found = [(g.name_zh, g.status, g.status_text) for g in index.groups]
    assert found == [("东突厥斯坦伊斯兰党", "discussed", "东突厥斯坦伊斯兰党发表声明。"),
                     ("哈马斯", "discussed", "普京邀请哈马斯领导人访问莫斯科。")]


def test_json_shape(run) -> None:
    result = run("groups", "--all", "--json")
    assert result.out.endswith("]\n") and result.err == ""
    assert result.out.count("\n") == 1  # compact in a pipe: one document, one line
    for group in result.json():
        assert set(group) == GROUP_KEYS
        assert isinstance(group["aliases"], list) and isinstance(group["history"], list)
        assert set(group["source"]) == {"seed", "section", "span"}
        for item in group["history"]:
            assert set(item) == {"date", "precision", "text", "refs", "span"}


def test_table_shows_every_group_and_wraps_chinese(run) -> None:
    result = run("groups", env={"COLUMNS": "60"})
    assert result.code == 0
    for name_zh, _en, _date in LISTED:
        assert name_zh in result.out.replace("\n", "").replace(" ", "") or name_zh[:4] in result.out
    assert "2006-11-17" in result.out
    assert "\x1b[" not in result.out  # no colour when not a terminal


def test_groups_are_found_by_either_script(run) -> None:
    """Aliases are one per name, in simplified characters; search folds traditional ones."""
    groups = {g["name_zh"]: g for g in run("groups", "--json").json()}
    assert groups["乌兹别克斯坦伊斯兰运动"]["aliases"] == ["IMU", "O'zbekiston Islomiy Harakati", "乌伊运"]
    hits = run("search", "烏茲別克斯坦伊斯蘭運動", "--json").json()
    assert hits[0]["name_en"] == "Islamic Movement of Uzbekistan" and hits[0]["score"] == 100


# -- a designation list in other words, in either script -------------------------------------

PHRASINGS = {
    "introduced": "2010年5月1日，某国政府宣布的恐怖组织名单包括：甲伊斯兰运动、乙解放阵线和丙圣战组织。\n",
    "closed by a verb": "2011年3月，甲伊斯兰运动、乙解放阵线和丙圣战组织被某国最高法院列为恐怖组织。\n",
    "added": "2012年4月，某国政府将甲伊斯兰运动、乙解放阵线及丙圣战组织列入恐怖组织名单。\n",
    "declared": "2012年4月，某国政府把甲伊斯兰运动与乙解放阵线以及丙圣战组织认定为恐怖组织。\n",
    "bulleted": "2013年6月，某国公布的恐怖组织名单如下：\n* 甲伊斯兰运动\n* 乙解放阵线（Front B）\n"
                "* 丙圣战组织：成立于2000年\n",
    "commas": "2014年，被列入名单的恐怖组织有甲伊斯兰运动，乙解放阵线，以及丙圣战组织。\n",
    "among": "2015年2月，某国公布首批恐怖组织名单，其中就有甲伊斯兰运动，此外还有乙解放阵线、丙圣战组织。\n",
}
LISTED_ON = {"introduced": "2010-05-01", "closed by a verb": "2011-03", "added": "2012-04",
             "declared": "2012-04", "bulleted": "2013-06", "commas": "2014", "among": "2015-02"}


@pytest.mark.parametrize("script", [None, "s2t"])
@pytest.mark.parametrize("phrasing", sorted(PHRASINGS))
def test_designation_lists_in_other_words(builder, phrasing, script) -> None:
    import opencc

    from kzct.store.database import build_index
    from kzct.text import Scripts

    text = PHRASINGS[phrasing]
    if script:
        text = opencc.OpenCC(script).convert(text)
    index = build_index([("article.wikitext", "article.wikitext", text, "x")], builder)
    groups = [g for g in index.groups if g.status == "listed"]
    names = [Scripts().simplified(g.name_zh) for g in groups]
    assert names == ["甲伊斯兰运动", "乙解放阵线", "丙圣战组织"]
    assert {g.listed_on for g in groups} == {LISTED_ON[phrasing]}
    # no curated entry knows them: still listed, with no English name but the article's own
    assert [g.name_en for g in groups] == [None, "Front B" if phrasing == "bulleted" else None, None]
    if script:
        assert groups[0].name_zh == "甲伊斯蘭運動"  # as the article writes it


@pytest.mark.parametrize(
    "text",
    ["2005年3月17日，检察总长要求法院将甲伊斯兰运动列入恐怖组织名单。",
     "该组织并没有被哈萨克斯坦政府认定是恐怖组织。",
     "哈萨克斯坦政府为恐怖组织提供庇护，尤其是本•拉登旗下的基地组织。",
     "2016年7月15日，英国公布的名单包括70个被英国政府禁止的国际恐怖组织。",
     # who keeps the list is not on it
     "2005年，联合国安理会在其恐怖组织名单上增加了两个组织。",
     # a ban aimed at is none done
     "1954年底，某国政府为了禁止甲伊斯兰运动，故加强检查清真寺。"],
)
def test_what_is_no_designation(builder, text) -> None:
    from kzct.store.database import build_index

    index = build_index([("article.wikitext", "article.wikitext", text, "x")], builder)
    assert [g.name_zh for g in index.groups if g.status == "listed"] == []


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # 及 and 和 inside a word join nothing (埃及; 共和国 below is no organisation's name)
        ("2006年，某国将埃及伊斯兰圣战组织和乙解放阵线列为恐怖组织。", ["埃及伊斯兰圣战组织", "乙解放阵线"]),
        # what follows the list does not undo it; 模拟 is no 拟 (proposed)
        ("2006年，被禁止的恐怖组织包括：甲伊斯兰运动、乙解放阵线和丙圣战组织，其中一些组织并未在该国活动。",
         ["甲伊斯兰运动", "乙解放阵线", "丙圣战组织"]),
        ("2006年，在模拟演习后将甲伊斯兰运动列为恐怖组织。", ["甲伊斯兰运动"]),
        # a date or a preposition before the name is no part of it
        ("2005年乌兹别克斯坦伊斯兰运动被列为恐怖组织。", ["乌兹别克斯坦伊斯兰运动"]),
        ("2005年，政府于2006年把甲伊斯兰运动列为恐怖组织。", ["甲伊斯兰运动"]),
    ],
)
def test_list_items_read_to_their_names(builder, text, listed) -> None:
    from kzct.store.database import build_index

    index = build_index([("article.wikitext", "article.wikitext", text, "x")], builder)
    assert [g.name_zh for g in index.groups if g.status == "listed"] == listed


def test_facts_do_not_depend_on_curated_data(places_file, builder) -> None:
    """Ablation: without any curated entry (names, aliases, English names), the dates, tolls
    and designations of the seed and of the corpus articles that state designations are the
    same: curated data names things, it never states a fact."""
    from pathlib import Path

    from kzct.build import Builder
    from kzct.parse.gazetteer import load_gazetteer
    from kzct.store.database import build_index

    full = load_gazetteer()
    bare = full._replace(entries=(), corrections={}, other_names=frozenset())
    root = Path(__file__).resolve().parent
    articles = [root.parent / "seeds" / "kazakhstan-terrorism.zhwiki.wikitext",
                root / "data" / "zhwiki" / "turkistan-islamic-party.hans.wikitext",
                root / "data" / "zhwiki" / "aum-shinrikyo.hant.wikitext"]

    def facts(builder: Builder) -> list:
        out = []
        for path in articles:
            index = build_index([(path.name, str(path), path.read_text(encoding="utf-8"),
                                  path.name)], builder)
            out.append(([(e.date, e.killed, e.injured) for e in index.events],
                        [(builder.scripts.simplified(g.name_zh or ""), g.authority_code, g.action,
                          g.listed_on) for g in index.groups if g.action is not None]))
        return out

    # (the session's builder has the curated data)
    assert builder.gazetteer == full
    with_curated, without = facts(builder), facts(Builder(places_file.parent, bare))
    assert without == with_curated
    assert sum(len(groups) for _events, groups in without) >= 14 + 3 + 15


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a ban where it holds, one record per country of the enumeration, not those excepted
        # (the group of states after the exception has no code: see the test below)
        ("甲组织在德国、俄罗斯、埃及以及除黎巴嫩和也门之外的所有阿拉伯国家都被禁止。",
         [("甲组织", "DE", "banned", None, None), ("甲组织", "RU", "banned", None, None),
          ("甲组织", "EG", "banned", None, None), ("甲组织", None, "banned", None, None)]),
        # the members of an agent said in general, after 包括; a purpose in an earlier clause
        # bears on its own clause (the Kurdistan Workers' Party article's lead)
        ("'''库尔德斯坦工人党'''是一个政党。该党是一个民族分离主义组织，为了达成其政治目标不惜对军事目标"
         "甚至平民使用与威胁使用武力，因此该党在国际上被许多国家和组织列为恐怖组织，包括美国、北约和欧盟。",
         [("库尔德斯坦工人党", "US", "listed", "terrorist", None),
          ("库尔德斯坦工人党", "NATO", "listed", "terrorist", None),
          ("库尔德斯坦工人党", "EU", "listed", "terrorist", None)]),
        # a ban by a government, its date the sentence's
        ("2017年7月，印度尼西亚政府以违反规定为由取缔了甲组织。",
         [("甲组织", "ID", "banned", None, "2017-07")]),
        # deemed extremist by two governments (an enumeration: each); the label the list's word
        ("2003年，乌兹别克斯坦和吉尔吉斯斯坦政府认定甲组织是宗教极端组织。",
         [("甲组织", "UZ", "listed", "extremist", "2003"), ("甲组织", "KG", "listed", "extremist", "2003")]),
        # no longer deemed: a de-listing
        ("2020年，美国不再认定甲组织为恐怖组织。", [("甲组织", "US", "delisted", "terrorist", "2020")]),
        # a pronoun: the organisation the sentence named first (its subject)
        ("乙协会是一个传教机构，该组织在乌兹别克斯坦遭到当局禁止。", [("乙协会", "UZ", "banned", None, None)]),
        # a date its clause says came before is no date of the ban
        ("在甲组织于2006年7月19日宣称发动圣战之后，吉尔吉斯斯坦宣布禁止甲组织在本国活动。",
         [("甲组织", "KG", "banned", None, None)]),
        # who said nothing: null, never assumed
        ("甲组织被多国列入恐怖组织名单。", [("甲组织", None, "listed", "terrorist", None)]),
        # organisations described, not designated
        ("在中亚的极端组织中影响最大的有三个：甲运动、乙运动和丙组织。", []),
        # a short name in quotes is a name (the shape of the ETLO article's sentence)
        ("2016年，英国将“东突”列入恐怖组织名单。", [("东突", "GB", "listed", "terrorist", "2016")]),
        # a passive with no agent shares the one before it in its sentence
        ("“甲运动”被联合国安理会认定与乙组织有联系，并被列入国际恐怖组织和个人黑名单。",
         [("甲运动", "UN", "listed", "terrorist", None)]),
        # a government the sentence does not name: the nearest country's government written
        # before (the shape of the Andijan article's sentence)
        ("2005年，乌兹别克斯坦政府表示关注。警方指控他们是“甲运动”成员，该组织被政府认定为恐怖组织。",
         [("甲运动", "UZ", "listed", "terrorist", None)]),
        # a list of those barred from entry lists them and bans nothing (the Turkistan Islamic
        # Party article's sentence)
        ("2004年4月29日，美国国务院将甲组织添加入“被禁入境的恐怖组织名单”。",
         [("甲组织", "US", "listed", "terrorist", "2004-04-29")]),
        # the same in Taiwan's words (新增 for 添加, as OpenCC's s2twp writes it), and its formal
        # 增列
        ("2004年4月29日，美國國務院將甲組織新增入“被禁入境的恐怖組織名單”。",
         [("甲組織", "US", "listed", "terrorist", "2004-04-29")]),
        ("2002年，美國將甲組織增列為恐怖組織。", [("甲組織", "US", "listed", "terrorist", "2002")]),
        # declared one (宣布…为, 指定…为)
        ("2003年2月，俄罗斯最高法院宣布甲运动为恐怖组织。", [("甲运动", "RU", "listed", "terrorist", "2003-02")]),
        ("2019年，日本政府指定甲组织为恐怖组织。", [("甲组织", "JP", "listed", "terrorist", "2019")]),
        # who designated between 是 and the verb, with no date
        ("甲组织是美国国务院认定的外国恐怖组织。", [("甲组织", "US", "listed", "terrorist", None)]),
        # ... or on whose list it is (the Andijan article's sentence)
        ("甲运动是在美国国务院榜上有名的境外恐怖组织。", [("甲运动", "US", "listed", "terrorist", None)]),
        ("甲组织是英国名单上的恐怖组织。", [("甲组织", "GB", "listed", "terrorist", None)]),
        # the owner of the list it was put on
        ("2004年，甲组织被列入欧盟的恐怖组织名单。", [("甲组织", "EU", "listed", "terrorist", "2004")]),
        # where it was listed: by each country of the enumeration
        ("甲组织在美国、英国和加拿大被列为恐怖组织。", [("甲组织", "US", "listed", "terrorist", None),
                                      ("甲组织", "GB", "listed", "terrorist", None),
                                      ("甲组织", "CA", "listed", "terrorist", None)]),
        # a ban lifted: a de-listing
        ("2012年，英国解除了对甲组织的禁令。", [("甲组织", "GB", "delisted", None, "2012")]),
        # who designated, a list of eight (the Jabhat Fateh al-Sham article's lead, references
        # between the names)
        ("'''努斯拉陣線'''是一個組織。該組織已被[[聯合國|聯合國]]<ref>x</ref>、澳大利亞<ref>y</ref>、"
         "加拿大、新西蘭<ref>z</ref>、俄羅斯、英國、美國和土耳其認定為[[恐怖組織|恐怖組織]]。",
         [("努斯拉陣線", code, "listed", "terrorist", None)
          for code in ("UN", "AU", "CA", "NZ", "RU", "GB", "US", "TR")]),
    ],
)
def test_designations_in_other_words(builder, text, found) -> None:
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority_code, g.action, g.label, g.listed_on) for g in index.groups
            if g.action is not None] == found


def test_a_group_of_states_is_an_authority_without_a_code(builder) -> None:
    """阿拉伯国家, 西方国家, 中亚各国政府: a word for a group of states or a region before 国家
    or 各国 names who designated, with no ISO code; a denial in an earlier clause (反对以色列的
    示威) denies nothing of the statement (the Hamas article's lead)."""
    text = ("'''哈马斯'''是巴勒斯坦一个组织。哈马斯在以色列占领区经常组织和策划反对以色列的示威和武装袭击，"
            "并制造自杀性爆炸事件，被以色列和[[西方国家|西方国家]]视为[[恐怖组织|恐怖组织]]。"
            "该组织的快速发展引起中亚各国政府警觉，随后被中亚各国政府取缔。")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority, g.authority_code, g.action) for g in index.groups
            if g.action] == [("哈马斯", "以色列", "IL", "listed"), ("哈马斯", "西方国家", None, "listed"),
                             ("哈马斯", "中亚各国政府", None, "banned")]


def test_a_table_of_those_who_refuse_lists_no_one(builder) -> None:
    """The Hezbollah article's two tables: the rows under `以下國家或实体将真主党列为恐怖组织` are
    designations, by a country under any of its English names (Czech Republic: CLDR says
    Czechia) or an international body (Arab League); what a bracket adds to a row's first cell
    is no part of its name; the rows under `以下國家拒絕将真主党列为恐怖组织` designate nothing."""
    text = ("'''真主党'''是黎巴嫩的一个政党。\n\n==现状==\n=== 以下國家或实体将真主党列为恐怖组织 ===\n"
            '{|class="wikitable"\n|-\n|{{flag|Arab League}}\n|真主党的整个组织\n|-\n'
            "|{{flag|Czech Republic}}\n|真主党的整个组织\n|-\n"
            "|{{flag|Venezuela}} ([[胡安·瓜伊多|胡安·瓜伊多]])\n|真主党的整个组织\n|}\n\n"
            "=== 以下國家拒絕将真主党列为恐怖组织 ===\n"
            '{|class="wikitable"\n|-\n|{{flag|Algeria}}\n|拒绝承认其为恐怖组织\n|-\n'
            "|{{flag|Russia}}\n|将其视为合法的抵抗组织\n|}\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority_code, g.authority_en) for g in index.groups if g.action] == [
        ("真主党", "LAS", "Arab League"), ("真主党", "CZ", "Czechia"), ("真主党", "VE", "Venezuela")]


def test_a_table_row_with_no_date(builder) -> None:
    """A row whose other cells are empty is its first cell alone; Wikipedia's country templates
    that are no ISO code (`{{UAE}}`, `{{PRC}}`) name their country."""
    text = ("'''甲运动'''是一个组织。\n==现状==\n===被列入恐怖组织名单===\n"
            '{| class="wikitable"\n!国家!!年份\n|-\n|{{PAK}}\n|2013\n|-\n|{{UAE}}\n|\n|-\n'
            "|{{PRC}}\n|\n|}\n")
    index = built_alone(builder, text)
    assert [(g.authority_code, g.listed_on) for g in index.groups if g.action] == [
        ("PK", "2013"), ("AE", None), ("CN", None)]


def test_a_table_of_designations(builder) -> None:
    """A table in a section whose heading says what it lists: each row's country (in Chinese,
    by the English name a flag template shows, or by the ISO code `{{PAK}}` shows) designated
    the organisation the article is about, at the row's date; the header row is none."""
    text = ("{{Infobox organization\n|name=甲运动\n}}\n'''甲运动'''是一个组织。\n\n"
            "==被列入恐怖组织名单==\n{| class=\"wikitable\"\n|-\n|国家\n|列入时间\n|-\n"
            "|{{flagcountry|Australia}}\n|2003\n|-\n|{{PAK}}\n|2013\n|-\n|[[欧盟|欧盟]]\n|2002年5月\n|}\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority, g.authority_code, g.action, g.label, g.listed_on)
            for g in index.groups] == [
        ("甲运动", "Australia", "AU", "listed", "terrorist", "2003"),
        ("甲运动", "PAK", "PK", "listed", "terrorist", "2013"),
        ("甲运动", "欧盟", "EU", "listed", "terrorist", "2002-05")]
    assert {g.article_country for g in index.groups} == {None}  # about an organisation


def test_designated_groups_are_organisations(builder) -> None:
    """A designated group no rule found as an organisation is one: an entity under its
    designation's id (search and show find it), named by the event of its sentence."""
    text = "2003年12月15日，中国公安部公布首批恐怖组织名单，其中就有甲伊斯兰运动，此外还有乙青年代表大会。"
    index = built_alone(builder, text)
    designated = {g.id: g.name_zh for g in index.groups if g.action is not None}
    assert set(designated.values()) == {"甲伊斯兰运动", "乙青年代表大会"}
    organisations = {e.id: e.name_zh for e in index.entities if e.kind == "group"}
    assert designated.items() <= organisations.items()
    [event] = index.events
    assert set(designated) <= set(event.group_ids)


def test_an_organisations_card_shows_its_designations(run) -> None:
    """`show` of a designated group lists its designations, as `groups --by all` gives them."""
    shown = run("show", "Hizb ut-Tahrir", "--json").json()
    assert [(g["authority_code"], g["action"], g["listed_on"]) for g in shown["designations"]] \
        == [("KZ", "banned", "2006-10-12"), ("UZ", "banned", None), ("TJ", "banned", None),
            ("KG", "banned", None)]
    table = run("show", "Hizb ut-Tahrir").out
    assert "banned as terrorist by Kazakhstan (哈萨克斯坦政府), 2006-10-12" in table
    person = run("show", "Tusupbekov", "--json").json()
    assert person["designations"] == []


def test_an_infobox_field_of_those_who_designated(builder) -> None:
    """The Houthi article's `designated_as_terror_group_by = {{flagu|Saudi Arabia}}<ref>…</ref>
    <br />… [[UNSC|UNSC]]` (Infobox militant organization): each line a designation of the
    article's subject, as terrorist, at no date; a body by its English acronym (UNSC). Its body's
    `…和[[以色列]]均已明確表示胡塞运动为恐怖主义組織` is a declaration; `该组织被数个国家视为恐怖主义
    组织` names no state, and none is assumed (not 也门, earlier in the sentence). Saudi Arabia,
    in both, is one record, at the body's sentence."""
    text = ("{{Infobox militant organization\n| name = 胡塞运动\n"
            "| designated_as_terror_group_by = {{flagu|Saudi Arabia}}"
            "<ref>{{cite news|title=Saudi Arabia designates|date=7 March 2014}}</ref><br />"
            "{{flagu|Malaysia}}<br />[[File:Flag_of_the_United_Nations.svg|23px]] [[UNSC|UNSC]]\n}}\n"
            "'''胡塞运动'''是也门的一个伊斯兰教什叶派宰德派反政府武装组织，该组织被数个国家视为恐怖主义组织。\n\n"
            "[[沙特阿拉伯|沙特阿拉伯]]、[[巴林|巴林]]和[[以色列|以色列]]均已明確表示胡塞运动为"
            "[[恐怖主义|恐怖主义]]組織。\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority, g.authority_code, g.action, g.label, g.listed_on)
            for g in index.groups if g.action] == [
        ("胡塞运动", "Malaysia", "MY", "listed", "terrorist", None),
        ("胡塞运动", "UNSC", "UN", "listed", "terrorist", None),
        ("胡塞运动", None, None, "listed", "terrorist", None),
        ("胡塞运动", "沙特阿拉伯", "SA", "listed", "terrorist", None),
        ("胡塞运动", "巴林", "BH", "listed", "terrorist", None),
        ("胡塞运动", "以色列", "IL", "listed", "terrorist", None)]


def test_a_list_of_states_that_designated_it_by_a_pronoun(builder) -> None:
    """The Muslim Brotherhood article's `[[巴林]]、[[利比亚]]、…、和[[阿拉伯聯合大公國]]皆將之認定為
    [[恐怖組織]]` (之: the organisation the article is about): one record per state, the last
    one too (after 皆 and 將)."""
    text = ("{{Infobox organization\n|name=穆斯林兄弟會\n}}\n'''穆斯林兄弟會'''是一個政治組織。\n\n"
            "[[巴林|巴林]]、[[利比亚|利比亚]]、[[俄羅斯|俄羅斯]]、[[敘利亞|敘利亞]]、[[沙烏地阿拉伯|沙烏地阿拉伯]]、"
            "和[[阿拉伯聯合大公國|阿拉伯聯合大公國]]皆將之認定為[[恐怖組織|恐怖組織]]。\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority_code, g.action) for g in index.groups if g.action] == [
        ("穆斯林兄弟會", code, "listed") for code in ("BH", "LY", "RU", "SY", "SA", "AE")]


def test_a_military_command_designated_by_a_states_council(builder) -> None:
    """The Islamic Revolutionary Guard Corps article: `{{en-link|伊朗最高国家安全委员会|…}}迅速作出
    回应，宣布将[[美国中央司令部]]列为“恐怖组织”`: a command (司令部) is an organisation a state may
    designate, and the council that did is the authority."""
    text = ("== 争议 ==\n2019年4月8日，美國政府把伊朗伊斯兰革命卫队列為恐怖組織。\n\n"
            "作为对美国行为的回应，{{en-link|伊朗最高国家安全委员会|Supreme National Security Council}}"
            "迅速作出回应，宣布将[[美国中央司令部|美国中央司令部]]列为“恐怖组织”。\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority, g.action) for g in index.groups if g.action] == [
        ("伊朗伊斯兰革命卫队", "美国政府", "listed"),
        ("美国中央司令部", "伊朗最高国家安全委员会", "listed")]


def test_a_ban_on_what_people_do_names_no_organisation(builder) -> None:
    """The Emomali Rahmon article's `自2013年起，塔吉克斯坦禁止18歲以下的人公開從事宗教活動`: what
    people may not do, no organisation banned."""
    text = "拉赫蒙政府也不断强化政府对宗教活动的管制，自2013年起，塔吉克斯坦禁止18歲以下的人公開從事宗教活動。\n"
    index = built_alone(builder, text)
    assert [g.name_zh for g in index.groups if g.action] == []


def test_an_organisation_after_the_clause_that_designated_it(builder) -> None:
    """The 2008 Kashgar attack article's `事件发生后，被中国政府视为恐怖组织的世界维吾尔大会…称`: the
    organisation is the noun the clause qualifies, after 的 (not the attack the article is
    about, nor a subject left unsaid before 被)."""
    text = ("'''2008年喀什袭击事件'''是一起袭击。\n\n== 反应 ==\n"
            "事件发生后，被中国政府视为恐怖组织的世界维吾尔大会在接受BBC采访时称“无法控制”。\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority, g.action) for g in index.groups if g.action] == [
        ("世界维吾尔大会", "中国政府", "listed")]


def test_its_after_the_organisation_a_sentence_begins_with(builder) -> None:
    """The World Uyghur Congress article's `北京政府认为该组织支持…[[突厥斯坦伊斯兰党]]，…因而将其視為
    進行國家分裂活动的恐怖組織`: 其 is 该组织, the congress the article is about, not the party
    named between them (who designated is the section's heading)."""
    text = ("'''世界維吾爾代表大會'''是一个组织。\n\n== 争议 ==\n=== 中华人民共和国政府 ===\n"
            "[[中华人民共和国政府|北京政府]]认为该组织支持伊斯兰化的激进组织[[突厥斯坦伊斯兰党|突厥斯坦伊斯兰党]]，"
            "因而将其視為進行[[国家分裂|國家分裂]]活动的恐怖組織。\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority, g.action) for g in index.groups if g.action] == [
        ("世界維吾爾代表大會", "中华人民共和国政府", "listed")]


def test_who_does_it_is_not_what_it_is_done_to(builder) -> None:
    """The Taliban article's `同年4月，塔利班指责极端组织“伊斯兰国”…，并以奥马尔的名义将其定为非法
    组织`: the Taliban, whom the sentence begins with after its date, declares; 其 is the Islamic
    State named after it, not the Taliban the article is about; and what it is declared is the
    complement's word (非法), not the one that describes it (极端组织)."""
    text = ("'''塔利班'''是一个组织。\n\n== 历史 ==\n2015年1月，塔利班发表声明。"
            "同年4月，塔利班指责极端组织“伊斯兰国”的一系列行为违反了伊斯兰教法，"
            "并以奥马尔的名义将其定为非法组织。\n")
    index = built_alone(builder, text)
    assert [(g.name_zh, g.action, g.label, g.listed_on) for g in index.groups if g.action] == [
        ("伊斯兰国", "listed", "illegal", "2015-04")]


def test_states_listed_together_in_an_earlier_clause_and_a_regard_by_nobody(builder) -> None:
    """The FARC article: `哥倫比亞当局、美國、歐盟认为…，而将其认定为恐怖組織` is one statement by
    each of the three listed together in the clause before; `…被视为恐怖主義組織`, by nobody
    named, describes and designates nothing."""
    text = ("'''哥倫比亞革命武裝力量'''是一个组织。\n\n== 历史 ==\n"
            "冷戰後，哥革武開始插足可卡因及綁架政客等勾當，以致形象急劇变差，被视为恐怖主義組織。"
            "哥倫比亞当局、美國、歐盟认为他們的行為危及平民，而将其认定为恐怖組織。\n")
    index = built_alone(builder, text)
    assert [(g.authority, g.action) for g in index.groups if g.action] == [
        ("哥伦比亚当局", "listed"), ("美国", "listed"), ("欧盟", "listed")]


def test_a_date_in_an_aside_and_who_says_what_another_did(builder) -> None:
    """The People's Mujahedin article: `被美國（2012年9月除名）、加拿大及伊朗列為恐怖組織` (the
    bracket's date is an aside on one of them, no date of the listing); `瑞士調查員迪克·馬蒂認為美國將
    伊朗人民聖戰組織列為恐怖組織` (the US listed it; the Swiss investigator says so)."""
    text = ("'''伊朗人民聖戰者組織'''是一个组织。\n\n"
            "伊朗人民聖戰者組織被美國（2012年9月除名）、加拿大及伊朗列為恐怖組織。\n\n"
            "在歐洲委員會任職的瑞士調查員迪克·馬蒂認為美國將伊朗人民聖戰組織列為恐怖組織是對人權的侵犯。\n")
    index = built_alone(builder, text)
    assert [(g.authority, g.action, g.listed_on) for g in index.groups if g.action] == [
        ("美国", "listed", None), ("加拿大", "listed", None), ("伊朗", "listed", None),
        ("美国", "listed", None)]


def test_classed_as_a_terrorist_group(builder) -> None:
    """The Shining Path article: `光辉道路被秘鲁政府、美国、欧盟、加拿大归为恐怖主义集团` (归为, classed
    as; 集团, a group): one listing by each of the four."""
    text = "'''光辉道路'''是秘鲁的一个组织。光辉道路被秘鲁政府、美国、欧盟、加拿大归为恐怖主义集团。\n"
    index = built_alone(builder, text)
    assert [(g.name_zh, g.authority, g.action, g.label) for g in index.groups if g.action] == [
        ("光辉道路", "秘鲁政府", "listed", "terrorist"), ("光辉道路", "美国", "listed", "terrorist"),
        ("光辉道路", "欧盟", "listed", "terrorist"), ("光辉道路", "加拿大", "listed", "terrorist")]
