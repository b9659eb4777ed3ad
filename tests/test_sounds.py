"""Names reachable in English: the sound matcher (kzct.sounds) against the Xinhua tables and
real name pairs, a Chinese name's romanization, search by sound on real articles, and events
joined to entities by id."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from conftest import DATA
from test_corpus import kzct

from kzct.parse.romanize import readings, romanized
from kzct.sounds import (
    PART,
    Query,
    english_sounds,
    latin_sounds,
    match,
    similarity,
    transliteration_characters,
)

CORPUS = DATA / "zhwiki"


def _tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader([line for line in f if not line.startswith("#")],
                                   delimiter="\t"))


@pytest.mark.parametrize(("latin", "chinese", "fit"), [
    ("Putin", "普京", 1.0),  # Russian: 京 for тин
    ("Yeltsin", "叶利钦", 1.0),
    ("Mirziyoyev", "米尔济约耶夫", 1.0),  # Uzbek, by the Russian table
    ("Zelensky", "泽连斯基", 1.0),
    ("Erdogan", "埃尔多安", 0.857),  # Turkish ğ is silent: one letter more than the Chinese has
    ("Putin", "叶利钦", 0.0),
    ("Putin", "北京", 0.92),  # b for p: close, and ranked below 普京 (85 against 81.4)
])
def test_the_famous_names_by_sound(latin: str, chinese: str, fit: float) -> None:
    assert round(match(Query(latin), readings(chinese), 0.85)[0], 3) == fit


def test_sound_alphabet() -> None:
    assert [latin_sounds(n) for n in ("Yeltsin", "Shavkat", "Khattab", "Tusupbekov", "Cecil")] \
        == ["ielcin", "xavkat", "hatab", "tusupbekov", "sesil"]


def test_a_regnal_number_is_read_apart() -> None:
    assert readings("穆拉德二世") == "mu la de#2"
    assert match(Query("II. Murad"), readings("穆拉德二世"), 0.85) == (1.0, False)
    assert match(Query("II. Murad"), readings("穆拉德一世"), 0.85) == (0.0, False)


def test_the_arabic_article_is_left_out() -> None:
    assert Query("Hassan al-Banna").words == ["hasan", "bana"]
    assert round(match(Query("Hassan al-Banna"), readings("哈桑·班纳"), 0.85)[0], 3) == 0.944


def test_a_full_name_against_a_surname_of_two_parts() -> None:
    """The Islamic Revolutionary Guard Corps article writes Ahmadinejad's surname alone, in two
    parts (`[[艾哈迈迪-内贾德]]`): `Mahmoud Ahmadinejad` fits it by its last word, as a part."""
    alone = match(Query("Ahmadinejad"), readings("艾哈迈迪-内贾德"), 0.85)[0]
    assert alone == 1.0
    full = match(Query("Mahmoud Ahmadinejad"), readings("艾哈迈迪-内贾德"), 0.85)[0]
    assert full == pytest.approx(alone * 0.97)


def test_a_first_name_and_a_surname_against_a_name_with_a_patronymic() -> None:
    """`Ramzan Kadyrov`, as English writes him, against the Ramzan Kadyrov article's
    拉姆赞·艾哈迈多维奇·卡德罗夫 (his patronymic between): the whole fit, above a namesake's surname
    (维斯塔·卡德罗夫, a part's)."""
    full = match(Query("Ramzan Kadyrov"), readings("拉姆赞·艾哈迈多维奇·卡德罗夫"), 0.85)[0]
    other = match(Query("Ramzan Kadyrov"), readings("维斯塔·卡德罗夫"), 0.85)[0]
    assert (round(full, 3), round(other, 3)) == (0.969, 0.915)


def test_a_middle_initial_and_a_named_airport() -> None:
    """The 2016 Istanbul airport attack article's `[[约翰·F·肯尼迪国际机场]]`: a middle initial has
    no sound (`John F. Kennedy` fits as `John Kennedy` does), and the name inside the airport's
    keeps its parts, so the surname fits its own (`Kennedy Airport`)."""
    from kzct.sounds import place_marks

    airport = readings("约翰·F·肯尼迪国际机场") + place_marks("约翰·F·肯尼迪国际机场")
    fits = [round(match(Query(q), airport, 0.85)[0], 3) for q in (
        "John F. Kennedy International Airport", "Kennedy Airport", "Kennedy Hospital")]
    assert fits == [0.889, 0.889, 0.0]
    assert match(Query("John F. Kennedy"), readings("约翰·肯尼迪"), 0.85) == \
        match(Query("John Kennedy"), readings("约翰·肯尼迪"), 0.85)


def test_a_query_in_plain_pinyin_is_a_romanization() -> None:
    assert match(Query("Hu Jintao"), readings("胡锦涛"), 0.85) == (1.0, True)
    assert match(Query("Wūlǔmùqí"), readings("乌鲁木齐"), 0.85) == (1.0, True)  # tone marks


def _place(name: str) -> str:
    from kzct.sounds import place_marks

    return readings(name) + place_marks(name)


@pytest.mark.parametrize(("latin", "chinese", "found"), [
    # a place's generic term is translated and its name transliterated (GB/T 17693): the query's
    # own generic words stand for the term, the rest is compared by sound
    ("Stavropol Krai", "斯塔夫罗波尔边疆区", (1.0, False)),
    ("Babur Square", "巴布尔广场", (1.0, False)),
    ("North Ossetia", "北奥塞梯", (0.917, False)),
    ("Tianshan District", "天山区", (1.0, True)),  # 天山 is Tianshan in pinyin
    # without its generic words, the name at PART of its fit; with others, not at all
    ("Stavropol", "斯塔夫罗波尔边疆区", (0.97, False)),
    ("Stavropol Lake", "斯塔夫罗波尔边疆区", (0.0, False)),
    ("South Ossetia", "北奥塞梯", (0.0, False)),
    # a direction before the term is translated too (the Urumqi article's streets, written
    # 专名 in pinyin and 通名 in English)
    ("Heping North Road", "和平北路", (1.0, True)),
    ("Gongyuan North Street", "公园北街", (1.0, True)),
    ("Heping South Road", "和平北路", (0.0, False)),
    # a generic term the name does not end with is no sound of it (Road is not 宁 of 辽宁)
    ("Renmin Road", "人民路", (1.0, True)),
    ("Renmin Road", "辽宁", (0.0, False)),
    # English writes a term before `of` and the name, Chinese the name and the term (the
    # Caucasus Emirate article's 伊奇克里亚车臣共和国)
    ("Chechen Republic of Ichkeria", "伊奇克里亚车臣共和国", (1.0, False)),
    ("Gulf of Aden", "亚丁湾", (1.0, False)),
    ("Republic of Ichkeria", "伊奇克里亚车臣共和国", (0.0, False)),
    # a Soviet republic by its abbreviation or its full name (the Mirziyoyev article's Uzbek
    # SSR); not another's, nor the country of today
    ("Kazakh SSR", "哈萨克苏维埃社会主义共和国", (1.0, False)),
    ("Kazakh Soviet Socialist Republic", "哈萨克苏维埃社会主义共和国", (1.0, False)),
    ("Uzbek SSR", "哈萨克苏维埃社会主义共和国", (0.0, False)),
    ("Kazakh SSR", "哈萨克斯坦", (0.0, False)),
    # English writes some terms before the name (the Boko Haram article's 查德湖: Lake Chad);
    # the country of the name alone is found at PART, as a query without the term would be
    ("Lake Chad", "查德湖", (1.0, False)),
    ("Mount Elbrus", "厄尔布鲁士山", (1.0, False)),
    ("Lake Chad", "查德", (0.97, False)),
    ("Lake Chad", "查德山", (0.0, False)),  # another term: none
    # a road's name with a direction before its term is a road's (the Urumqi article's Dawan
    # North Road found North Korea)
    ("Dawan North Road", "大湾北路", (1.0, True)),
    ("Dawan North Road", "朝鲜", (0.0, False)),
])
def test_a_places_generic_term_is_translated(latin: str, chinese: str, found) -> None:
    fit, plain = match(Query(latin), _place(chinese), 0.85)
    assert (round(fit, 3), plain) == found


def test_the_sound_table_covers_the_xinhua_tables() -> None:
    """Each cell of the published tables (tests/data/xinhua_tables.tsv) is a Latin syllable and
    the character it is written with: kzct/data/sounds.toml must let the one be read as the
    other. Counted exactly, by language."""
    fits: Counter[str] = Counter()
    cells: Counter[str] = Counter()
    for row in _tsv(DATA / "xinhua_tables.tsv"):
        syllables = tuple(readings(row["hanzi"]).replace("|", " ").split())
        cells[row["lang"]] += 1
        fits[row["lang"]] += similarity(latin_sounds(row["latin"]), syllables) == 1.0
    assert dict(cells) == {"ru": 482, "en": 463, "de": 411, "ar": 199, "tr": 336}
    assert dict(fits) == {"ru": 444, "en": 341, "de": 258, "ar": 186, "tr": 247}


def test_real_pairs_found_first() -> None:
    """tests/data/name_pairs.tsv: 154 Latin–Chinese pairs as zh-Wikipedia articles write them.
    Each Latin name against every Chinese name of the table, as a search does it: the names it
    finds first, by source language (benchmarks/transliteration.py prints precision and recall).
    English and Japanese names are written by sound or by reading, not by spelling, and
    translated names (祖国之光, Nur Otan) are no transliterations: they are in the table, and
    not found."""
    rows = _tsv(DATA / "name_pairs.tsv")
    names = {r["zh"]: readings(r["zh"]) for r in rows}
    same: dict[str, set[str]] = {}
    for r in rows:
        same.setdefault(r["latin"], set()).add(r["zh"])
    first: Counter[str] = Counter()
    for r in rows:
        query = Query(r["latin"])
        fits = {zh: match(query, reading, 0.85)[0] for zh, reading in names.items()}
        top = max(fits.values())
        if top and {zh for zh, fit in fits.items() if fit == top} <= same[r["latin"]] \
                and fits[r["zh"]] == top:
            first[r["lang"]] += 1
    assert len(rows) == 179
    assert dict(first) == {"kk": 32, "ru": 16, "tr": 43, "ug": 9, "zh": 6, "tg": 4, "uz": 5,
                           "ky": 2, "ar": 1, "ce": 1, "de": 1, "en": 7, "el": 1, "ur": 6,
                           "so": 2, "pa": 2, "id": 1}


@pytest.mark.parametrize(("word", "said"), [
    ("Murdoch", "medok"),  # M ER D AA K: the o of British English, no r after a vowel
    ("Bildt", "bilt"), ("Gardiner", "gadne"), ("Hockey", "hoki"), ("Key", "ki"),
    ("Tusupbekov", None), ("a", None),
])
def test_how_english_says_a_word(word, said) -> None:
    """The CMU Pronouncing Dictionary's first pronunciation, in the sound alphabet, found by
    bisection of its sorted file; a word it does not hold has none."""
    assert english_sounds(word) == said


@pytest.mark.parametrize(("latin", "chinese"), [
    # the 2011 Norway attacks article, the 2014 Sydney siege article and the Kunming article
    ("Carl Bildt", "卡尔·比尔特"), ("Trond Berntsen", "特朗德·贝恩特森"), ("John Key", "约翰·基"),
    ("Rupert Murdoch", "默多克"), ("Nile Gardiner", "奈尔·加德纳"),
])
def test_an_english_name_matches_as_it_is_said(latin, chinese) -> None:
    """English names are written in Chinese by how they are said (Xinhua's English table is by
    sound): as spelled, these fall below the floor; as the dictionary says them, they count at
    PART (the spelling comes first), above it."""
    assert match(Query(latin, said=False), readings(chinese), 0.85)[0] == 0.0
    fit, plain = match(Query(latin), readings(chinese), 0.85)
    assert 0.85 <= fit <= PART and not plain


@pytest.mark.parametrize(("name", "latin"), [
    ("胡锦涛", "Hu Jintao"), ("单雄信", "Shan Xiongxin"), ("曾国藩", "Zeng Guofan"),
    ("郭承真", "Guo Chengzhen"), ("叶利钦", None), ("普京", None), ("纳扎尔巴耶夫", None),
])
def test_a_chinese_name_is_romanized_only_when_it_is_chinese(builder, name, latin) -> None:
    places = builder.places
    foreign = places.translit | transliteration_characters()
    assert romanized(name, places.surnames, foreign) == latin


def _search(*args: str) -> list[dict]:
    return kzct("--seed", str(CORPUS / "second-chechen-war.hant.wikitext"), "--seed",
                str(CORPUS / "kunming-railway-station-attack-2014.hans.wikitext"), "search", *args,
                "--json")


def test_search_by_sound_on_real_articles(module_env) -> None:
    first = {q: _search(q)[0] for q in ("Putin", "Vladimir Putin", "Maskhadov", "Basayev")}
    assert {q: (h["id"], h["matched_by"], h["score"]) for q, h in first.items()} == {
        "Putin": ("person:弗拉基米尔-普京", "transliteration", 85.0),
        # the whole name: the target of [[弗拉基米尔·普京|普京]]
        "Vladimir Putin": ("person:弗拉基米尔-普京", "transliteration", 85.0),
        "Maskhadov": ("person:阿斯兰-马斯哈多夫", "transliteration", 85.0),
        "Basayev": ("person:沙米尔-巴萨耶夫", "transliteration", 85.0),
    }
    # a match by sound finds; it never names
    assert first["Putin"]["name_en"] is None and first["Putin"]["name_en_source"] is None
    guo = _search("Guo Chengzhen")[0]
    assert (guo["name_zh"], guo["matched_by"], guo["score"], guo["name_en_source"]) == \
        ("郭承真", "romanization", 90.0, "romanization")


def test_another_given_name_is_no_typo(module_env) -> None:
    """`Dariga Nazarbayeva` is no misspelling of `Sara Nazarbayeva` (the Latin name the article
    gives his wife) however much of the surname they share: their daughter 達莉佳·納扎爾巴耶娃, found
    by sound, comes first."""
    article = str(CORPUS / "nursultan-nazarbayev.hans.wikitext")
    hits = kzct("--seed", article, "search", "Dariga Nazarbayeva", "--json")
    assert [(h["name_zh"], h["matched_by"], h["score"]) for h in hits[:2]] == [
        ("達莉佳·納扎爾巴耶娃", "transliteration", 85.0),
        ("萨拉·阿尔贝索芙娜·纳扎尔巴耶娃", "transliteration", 83.7)]
    typo = kzct("search", "Rashid Tusupbekv", "--json")[0]  # a typo in one word is one
    assert (typo["name_en"], typo["matched_by"], typo["score"]) == \
        ("Rashid Tusupbekov", "fuzzy", 94.7)


def test_places_by_their_make_are_found_by_sound(module_env) -> None:
    """Places no gazetteer holds (a river, a gorge, a direction and a name; a town and a street
    in China) are found by their English names, by sound or pinyin, with their generic terms."""
    first = {q: _search(q)[0] for q in ("Terek River", "Pankisi Gorge", "North Ossetia",
                                        "Shadian Town", "Chunxi Road")}
    assert {q: (h["id"], h["matched_by"], h["score"]) for q, h in first.items()} == {
        "Terek River": ("place:捷列克河", "transliteration", 85.0),
        "Pankisi Gorge": ("place:潘基斯峡谷", "transliteration", 85.0),
        "North Ossetia": ("place:北奥塞梯", "transliteration", 81.2),
        "Shadian Town": ("place:沙甸", "romanization", 90.0),
        "Chunxi Road": ("place:chunxi-road", "romanization", 90.0),
    }
    assert first["Pankisi Gorge"]["name_en"] is None  # found, not named
    assert first["Pankisi Gorge"]["place_type"] == "valley"
    # a page title's qualifier in brackets is no part of the name
    assert _search("Beijing Road (Kunming)")[0]["id"] == "place:beijing-road"


def test_one_person_one_row_across_articles(module_env) -> None:
    """A surname read apart is the one person of the article whose joined name ends with it
    (俄罗斯总统普京 and 弗拉基米尔·普京); a search over several articles gives each entity once,
    with every article that names it; a Chinese name whose English name is its pinyin (北京,
    Beijing) is no transliteration, and no query is compared with it by sound."""
    seeds = [str(CORPUS / f"{n}.wikitext") for n in (
        "second-chechen-war.hant", "shanghai-cooperation-organisation.mixed",
        "nursultan-nazarbayev.hans")]
    nursultan = ["--seed", seeds[2]]
    ids = {p["id"]: p["mentions"] for p in kzct(*nursultan, "people", "--json")}
    assert "person:普京" not in ids and ids["person:弗拉基米尔-普京"] == 2
    args = [a for seed in seeds for a in ("--seed", seed)]
    hits = kzct(*args, "search", "Putin", "--json")
    assert [(h["id"], len(h["seeds"]), h["matched_by"]) for h in hits] == [
        ("person:弗拉基米尔-普京", 3, "transliteration")]


def test_a_chinese_query_finds_a_latin_name_by_sound(module_env) -> None:
    """The seed writes Rashid Tusupbekov only in Latin letters: his name in Chinese finds him,
    and the Chinese of no name finds nothing."""
    hit = kzct("search", "图苏普别科夫", "--json")[0]
    assert (hit["name_en"], hit["matched"], hit["matched_by"], hit["score"]) == \
        ("Rashid Tusupbekov", "Tusupbekov", "transliteration", 85.0)
    assert kzct("search", "奥通努", "--json") == []


def test_names_the_article_writes_rank_above_sound(module_env) -> None:
    hits = kzct("search", "Nazarbayev", "--json")
    assert (hits[0]["name_zh"], hits[0]["matched_by"], hits[0]["score"]) == \
        ("纳扎尔巴耶夫", "alias", 100.0)
    assert kzct("search", "Almaty", "--json")[0]["matched_by"] == "exact"


def test_events_join_entities_by_id(module_env) -> None:
    events = kzct("timeline", "--json")
    ids = {p["id"] for p in kzct("places", "--json")} | {p["id"] for p in kzct("people", "--json")}
    groups = {g["id"] for g in kzct("groups", "--all", "--json")}
    organisations = {o["id"] for o in kzct("organisations", "--json")}
    used = {i for e in events for i in (*e["place_ids"], *e["person_ids"])}
    assert used <= ids and len(used) == 81
    # a designated group's id is its `groups` record's and its `organisations` record's
    assert {i for e in events for i in e["group_ids"]} <= organisations
    assert groups - organisations == set()
    almaty = [e for e in events if "place:almaty" in e["place_ids"]]
    assert len(almaty) == 8 and all("阿拉木图" in e["places"] for e in almaty)


@pytest.mark.parametrize(("article", "expected"), [
    # the article's own Latin form: in brackets after the name, {{le}}, {{link-en}}, {{tsl}}
    ("nursultan-nazarbayev.hans", {"艾达尔·阿卡耶夫": ("Aidar Akayev", "article"),
                                   "伊琳娜·彼得罗什娃": ("Irina Petrushova", "article"),
                                   "玛莎·布瑞尔·奥卡特": ("Martha Brill Olcott", "article")}),
    ("kunming-railway-station-attack-2014.hans", {"奈尔·加德纳": ("Nile Gardiner", "article"),
                                                  "郭承真": ("Guo Chengzhen", "romanization"),
                                                  "金灿荣": ("Jin Canrong", "romanization")}),
    ("shanghai-cooperation-organisation.mixed", {
        "达斯坦·朱马别科夫": ("Dastan Jumabekov", "article"),
        "张德广": ("Zhang Deguang", "romanization")}),
    # transliterated names the article gives no Latin form of: no English name
    # (the infobox names them first, in full and in simplified characters)
    ("second-chechen-war.hant", {"弗拉基米尔·普京": (None, None), "沙米尔·巴萨耶夫": (None, None)}),
])
def test_english_names_and_their_sources_on_real_articles(module_env, article, expected) -> None:
    people = {p["name_zh"]: (p["name_en"], p["name_en_source"])
              for p in kzct("--seed", str(CORPUS / f"{article}.wikitext"), "people", "--json")}
    assert {name: people[name] for name in expected} == expected


@pytest.mark.parametrize(("name", "latin"), [
    ("麻原彰晃", "Asahara Shoko"), ("井上嘉浩", "Inoue Yoshihiro"), ("上祐史浩", "Joyu Fumihiro"),
    ("松本智津夫", "Matsumoto Chizuo"),
    # the apostrophe that parts n from a vowel (ken'ichi) as English writes the name
    ("広瀬健一", "Hirose Kenichi"),
])
def test_a_japanese_name_in_hepburn(name: str, latin: str) -> None:
    from kzct.parse.romanize import hepburn

    assert hepburn(name) == latin


def test_a_traditional_name_is_read_in_its_japanese_characters() -> None:
    """pykakasi reads 橫 as a word of its own; OpenCC's t2jp writes the Japanese 横."""
    from kzct.parse.romanize import hepburn
    from kzct.text import Scripts

    assert hepburn("橫山真人") == "Yoko Yama Masato"
    assert Scripts().japanese("橫山真人") == "横山真人"
    assert hepburn(Scripts().japanese("橫山真人")) == "Yokoyama Masato"


def test_japanese_names_in_an_article_that_writes_japanese(module_env) -> None:
    """The Aum Shinrikyo article ({{lang|ja}}): names in kanji read the Japanese way, and found
    by their Hepburn in either order, or by the surname alone."""
    aum = str(CORPUS / "aum-shinrikyo.hant.wikitext")
    people = {p["name_zh"]: (p["name_en"], p["name_en_source"], p["mentions"])
              for p in kzct("--seed", aum, "people", "--json")}
    assert people["麻原彰晃"] == ("Asahara Shoko", "romanization", 10)  # the infobox's founder too
    assert people["坂本堤"] == ("Sakamoto Tsutsumi", "romanization", 4)
    # 豊田亨 (the Japanese form of 豐) and 丰田亨 are one person: one row, by the form written most
    assert (people["丰田亨"], "豊田亨" in people) == (("Toyoda Toru", "romanization", 3), False)
    found = {q: kzct("--seed", aum, "search", q, "--json")[0] for q in
             ("Shoko Asahara", "Asahara Shoko", "Asahara", "Naoko Kikuchi")}
    assert {q: (h["name_zh"], h["matched_by"], h["score"]) for q, h in found.items()} == {
        "Shoko Asahara": ("麻原彰晃", "romanization", 90.0),
        "Asahara Shoko": ("麻原彰晃", "romanization", 90.0),
        "Asahara": ("麻原彰晃", "romanization", 87.3),
        "Naoko Kikuchi": ("菊地直子", "romanization", 90.0),
    }
    # a place by its make, its name without the term in Hepburn where pykakasi knows it as a
    # word (not a transliteration read a character at a time); a subdivision with its ISO type
    places = {p["name_zh"]: (p["name_en"], p["name_en_source"])
              for p in kzct("--seed", aum, "places", "--json")}
    assert places["澀谷區"] == ("Shibuya", "romanization")
    # a person read by the age after the name (林泰男（60岁）): a Chinese name by its make keeps
    # its pinyin as English name, and is found by its Hepburn too; 冈崎一明, written in simplified
    # characters, is read in traditional ones
    assert people["林泰男"][:2] == ("Lin Tainan", "romanization")
    assert people["冈崎一明"][:2] == ("Okazaki Kazuaki", "romanization")
    assert kzct("--seed", aum, "search", "Yasuo Hayashi", "--json")[0]["name_zh"] == "林泰男"
    assert places["喜馬拉雅山"] == (None, None)
    found = {q: kzct("--seed", aum, "search", q, "--json")[0] for q in
             ("Shibuya", "Kumamoto Prefecture")}
    assert {q: (h["name_zh"], h["matched_by"], h["score"]) for q, h in found.items()} == {
        "Shibuya": ("澀谷區", "romanization", 90.0),  # a romanization ranks as one
        "Kumamoto Prefecture": ("熊本縣", "alias", 100.0),
    }


def test_flag_templates_name_countries_on_a_real_article(module_env) -> None:
    """The SCO article's tables of members and partners write `{{flag|Qatar}}`: the country, at
    the text the template shows."""
    path = CORPUS / "shanghai-cooperation-organisation.mixed.wikitext"
    text = path.read_text(encoding="utf-8")
    places = {p["name_en"]: p for p in kzct("--seed", str(path), "places", "--json")}
    flagged = [o for o in places["Qatar"]["occurrences"] if o["text"] == "Qatar"]
    assert len(flagged) == 1 and text[slice(*flagged[0]["span"])] == "Qatar"
    assert text[flagged[0]["span"][0] - 7:flagged[0]["span"][0]] == "{{flag|"


def test_a_titles_other_name_in_brackets_is_looked_for_with_its_term(builder) -> None:
    """`Yarkant County (Shache)` (the Urumqi attack article's county, an English page title):
    the name before the brackets finds nothing, the other name in them with the generic term
    (`Shache County`) finds 莎车县 by its pinyin; brackets after a name with no term, or a name
    that lacks the term (`Renmin Road (Urumqi)` is no 乌鲁木齐), find nothing."""
    from kzct.queries.search import search
    from kzct.store.database import build_index

    text = "2014年，[[喀什地区|喀什地区]][[莎车县|莎车县]]发生袭击，[[乌鲁木齐|乌鲁木齐]]也加强了戒备。"
    index = build_index([("x.wikitext", "x.wikitext", text, "x")], builder)
    found = {q: [(h.entity.name_zh, h.score, h.matched_by) for h in search(index, q)]
             for q in ("Yarkant County (Shache)", "Renmin Road (Urumqi)", "Semey (Urumqi)")}
    assert found == {"Yarkant County (Shache)": [("莎车县", 90.0, "romanization")],
                     "Renmin Road (Urumqi)": [], "Semey (Urumqi)": []}


def test_a_monarch_of_a_place_the_article_names_is_found_by_the_name(builder) -> None:
    """`Abdullah II of Jordan`, as English page titles name a monarch (the Beslan article's
    约旦国王阿卜杜拉二世): the name before `of`, where the article names that place; not of a place
    it does not name, nor with another regnal number."""
    from kzct.queries.search import search
    from kzct.store.database import build_index

    text = "2004年9月3日，普京会见了[[约旦|约旦]]国王[[阿卜杜拉二世|阿卜杜拉二世]]。"
    index = build_index([("x.wikitext", "x.wikitext", text, "x")], builder)
    found = {q: [(h.entity.name_zh, h.matched_by) for h in search(index, q)]
             for q in ("Abdullah II of Jordan", "Abdullah II of Morocco", "Abdullah III of Jordan")}
    assert found == {"Abdullah II of Jordan": [("阿卜杜拉二世", "transliteration")],
                     "Abdullah II of Morocco": [], "Abdullah III of Jordan": []}


def test_a_governorate_is_a_province_and_an_arabic_article_may_be_left_out(builder) -> None:
    """The Jabhat Fateh al-Sham article's `[[伊德利卜省|伊德利卜省]]` and the Houthi article's
    `萨达省和焦夫省`: English calls an Arab country's 省 a governorate (Idlib Governorate), and
    Chinese leaves out the Arabic article (Al Jawf: 焦夫); a name that sounds otherwise is no
    match."""
    from kzct.queries.search import search
    from kzct.store.database import build_index

    text = ("2014年4月，ISIS在[[伊德利卜省|伊德利卜省]]殺死努斯拉陣線的頭目。"
            "2011年11月，胡塞武装已控制也门北部的萨达省和焦夫省。")
    index = build_index([("x.wikitext", "x.wikitext", text, "x")], builder)
    found = {q: [h.entity.name_zh for h in search(index, q, kind="place", limit=1)]
             for q in ("Idlib Governorate", "Al Jawf Governorate", "Al-Jawf", "Saada Governorate",
                       "Latakia Governorate")}
    assert found == {"Idlib Governorate": ["伊德利卜省"], "Al Jawf Governorate": ["焦夫省"],
                     "Al-Jawf": ["焦夫省"], "Saada Governorate": ["萨达省"],
                     "Latakia Governorate": []}


def test_a_numbered_station_is_read_without_its_number(builder) -> None:
    """The Volgograd bombings article's `[[伏爾加格勒1號站|伏爾加格勒1號站]]`: 1号 says which
    station, not how the name sounds, so the reading is that of 伏尔加格勒 and the term; and the
    IMU article's `瓦济里斯坦地区` is also written 瓦济里斯坦, one place."""
    from kzct.parse.romanize import readings
    from kzct.store.database import build_index

    assert readings("伏尔加格勒1号站") == readings("伏尔加格勒站")
    text = ("塔利班武装份子逃往位于巴基斯坦西北的瓦济里斯坦地区。"
            "从此之后据报導乌伊运在瓦济里斯坦开设了训练营。")
    index = build_index([("x.wikitext", "x.wikitext", text, "x")], builder)
    made = [(e.name_zh, [m.text for m in e.mentions]) for e in index.entities
            if e.kind == "place" and e.source == "article"]
    assert made == [("瓦济里斯坦地区", ["瓦济里斯坦地区", "瓦济里斯坦"])]


def test_a_sound_is_no_match_against_a_gazetteers_own_names(builder) -> None:
    """The Peshawar school attack article names 卡拉奇 (Karachi, GeoNames) and 库纳尔省 (Kunar,
    ISO 3166-2: `Kunaṟ`): `Herat` sounds like 卡拉奇 to the Xinhua tables, but Karachi's own
    Latin names say it is not; `Kunar Province` is near its name, and is found by its sound."""
    from kzct.queries.search import search
    from kzct.store.database import build_index

    text = "在卡拉奇的单独行动中，特警小队逮捕了五名成员。空袭发生在[[库纳尔省|库纳尔省]]。"
    index = build_index([("x.wikitext", "x.wikitext", text, "x")], builder)
    found = {q: [(h.entity.name_zh, h.matched_by) for h in search(index, q, kind="place")]
             for q in ("Herat", "Kunar Province")}
    assert found == {"Herat": [], "Kunar Province": [("库纳尔省", "transliteration")]}
