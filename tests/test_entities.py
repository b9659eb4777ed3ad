"""People and places: the entity index, the curated gazetteer, `kzct people` and `kzct places`."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from conftest import built_alone

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kzct" / "data"
ARTICLES = ROOT / "tests" / "data" / "zhwiki"
WRITTEN = ROOT / "tests" / "data" / "articles"

# Every person the article names only in Latin letters (read off the seed by hand).
LATIN_ONLY_PEOPLE = [
    "Saulebek Zhamkenuly", "Rashid Tusupbekov", "Askar Amerkhanov", "Mukhtar Altynbayev",
    "Beibut Saparaly", "Kuanysh Bekzhanov", "Marat Yermukanov", "Hibratulla Doskaliyev",
    "Beksultan Sarsenov", "Rustam Chagilo", "Kenzhenbulat Beknazarov", "Vladimir Bozhko",
    "Zhakshybek Biimurzaev", "Ahmad Bekmirzaev", "Sergei Minenkov", "Rahimjan Makhatov",
    "Kairat Tulesov", "Vladimir Kazimirchuk", "Alexander Shushannikov", "Zamanbek Nurkadilov",
    "Altynbek Sarsenbayev", "Vakha Izmailov", "Marat Tazhin", "Yaqub Abahanov",
    "Abdulrahim Kerimbakiev", "Abdallah Tohtasinovich Magrupov", "Ilkham Turdbyavich Batayev",
    "Ibragim Alibekov", "Gennady Seleznev", "Murat Abdirov", "Lutfullo Shamsudinov",
    "Holly Cartner", "Rustam Muminov", "Jahongir Maqsudov", "Yoqub Toshboev", "Odiljon Rahimov",
    "Rasuljon Pirmatov", "Fayoz Tojihalilov", "Erik Roslyakov", "Larisa Dmitriyuk",
    "Oral Mukhamedzhanov", "Askar Musinov", "Sayf Bin-Zayid al Nuhayyan", "Boris Mylnikov",
    "Rachel Denber", "Vyacheslav Kasymov", "Malcolm Hoenlein", "Mortimer Zuckerman",
]


def _body(document, shadow: bool = False) -> str:
    return "\n".join(s.shadow if shadow else s.text for s in document.sentences)


@pytest.fixture(scope="module")
def bodies(document) -> str:
    """The body text of the seed and of the test articles (the real ones and those written for
    the tests), in simplified characters."""
    from kzct.parse.wikitext import parse_document
    from kzct.text import Scripts

    scripts = Scripts()
    texts = [_body(document)]
    for path in sorted([*ARTICLES.glob("*.wikitext"), *WRITTEN.glob("*.wikitext")]):
        texts.append(_body(parse_document(path.read_text(encoding="utf-8"), scripts), shadow=True))
    return "\n".join(texts)


def test_every_curated_form_occurs_in_the_seed_or_a_test_article(bodies) -> None:
    missing = []
    for name in ("gazetteer.toml", "groups.toml"):
        data = tomllib.loads((DATA / name).read_text(encoding="utf-8"))
        for kind in ("person", "place", "group"):
            for entry in data.get(kind, []):
                for form in entry.get("zh", []) + entry.get("latin", []):
                    if form not in bodies:
                        missing.append((name, form))
                for evidence in entry.get("evidence", []):
                    if not re.search(evidence, bodies):
                        missing.append((name, evidence))
    others = tomllib.loads((DATA / "organisations.toml").read_text(encoding="utf-8"))
    missing += [("organisations.toml", n) for n in others["other_names"] if n not in bodies]
    assert missing == []


def test_where_the_seeds_english_names_come_from(index) -> None:
    """Each English name with its source: the article's own Latin form first (44 people), the
    gazetteers (CLDR 35, two of them parts of Kazakhstan by their direction: Southern and Eastern
    Kazakhstan; GeoNames 16), then the curated names (44: people the article writes only in
    Chinese, and places the gazetteers lack)."""
    people_places = [e for e in index.entities if e.kind != "group"]
    assert Counter(e.name_en_source for e in people_places) == {
        "article": 44, "cldr": 35, "geonames": 16, "curated": 44}
    assert all(e.name_en for e in people_places)


def test_every_latin_only_person_is_in_people(run) -> None:
    people = run("people", "--json").json()
    latin = {p["name_latin"] for p in people}
    assert [name for name in LATIN_ONLY_PEOPLE if name not in latin] == []
    assert all(p["kind"] == "person" for p in people)


def test_organisations_and_acronyms_are_not_people(run) -> None:
    names = {p["name_latin"] for p in run("people", "--json").json()} | {
        p["name_zh"] for p in run("people", "--json").json()}
    for not_a_person in ("KNB", "JCAM", "JMCA", "FSB", "CICA", "Kaganat", "Akromiya", "Boz Kurt",
                         "Asbat an-Ansar", "Jamaat of Central Asian Mujahedins"):
        assert not_a_person not in names


def test_misspelling_is_the_same_person(index) -> None:
    tusupbekov = next(e for e in index.entities if e.name_en == "Rashid Tusupbekov")
    assert sorted({m.text for m in tusupbekov.mentions}) == ["Rashid Tusupbekov", "Tusupbeko"]
    assert len(tusupbekov.mentions) == 3


def test_chinese_and_latin_forms_of_one_person_are_one_entity(index) -> None:
    ivanov = next(e for e in index.entities if e.name_en == "Sergei Ivanov")
    assert {m.text for m in ivanov.mentions} == {"谢尔盖·伊万诺夫", "伊万诺夫"}
    amerkhanov = next(e for e in index.entities if e.name_en == "Askar Amerkhanov")
    assert {m.text for m in amerkhanov.mentions} == {"Askar Amerkhanov", "Amerkhanov"}


def test_mentions_are_anchored_in_the_seed(index, seed_text) -> None:
    for entity in index.entities:
        for mention in entity.mentions:
            start, end = mention.span
            assert seed_text[start:end] == mention.text, (entity.id, mention)


def test_place_inside_an_organisation_name_is_not_a_mention(index) -> None:
    germany = next(e for e in index.entities if e.name_en == "Germany")
    assert all("德国之声" not in germany.sentence_of(m) for m in germany.mentions)


def test_places_carry_the_gazetteers_names(index) -> None:
    almaty = next(e for e in index.entities if e.name_en == "Almaty")
    assert {"Alma-Ata", "Almaty"} & set(almaty.aliases) == {"Alma-Ata"}  # GeoNames' other names
    assert (almaty.country, almaty.geonames_id, almaty.source) == ("KZ", 1526384, "geonames")
    assert (round(almaty.latitude, 2), round(almaty.longitude, 2)) == (43.25, 76.91)


def test_an_uncurated_traditional_name_is_found_in_simplified(run) -> None:
    """No curated entry knows 羅紮·奧通巴耶娃 (Roza Otunbayeva): search finds her, as the
    article writes her, by the simplified form OpenCC gives (罗扎·奥通巴耶娃)."""
    article = str(ROOT / "tests" / "data" / "articles" / "kyrgyzstan.hant.wikitext")
    hits = run("--seed", article, "search", "罗扎·奥通巴耶娃", "--json").json()
    assert [(h["name_zh"], h["score"], h["source"]) for h in hits[:1]] == [
        ("羅紮·奧通巴耶娃", 100, "article")]


def test_people_and_places_commands(run) -> None:
    places = run("places", "--json").json()
    assert places[0]["name_en"] == "Kazakhstan" and places[0]["mentions"] > 100
    assert {"Öskemen", "Ust-Kamenogorsk"} <= set(next(p for p in places if p["name_en"] == "Oskemen")["aliases"])
    by_name = run("people", "--sort", "name", "--json").json()
    keys = [(p["name_en"] or p["name_latin"] or p["name_zh"]).casefold() for p in by_name]
    assert keys == sorted(keys)
    first = by_name[0]
    assert set(first) == {"id", "kind", "name_zh", "name_latin", "name_en", "name_en_source",
                          "aliases", "role",
                          "place_type", "country", "geonames_id", "latitude", "longitude",
                          "source", "mentions", "first_mention", "occurrences", "seed", "seeds"}
    assert first["mentions"] == len(first["occurrences"])
    assert set(first["occurrences"][0]) == {"text", "section", "sentence", "span", "refs", "seed"}
    table = run("people", env={"COLUMNS": "140"})
    assert table.code == 0 and "Nursultan Nazarbayev" in table.out


@pytest.mark.parametrize("command", ["people", "places"])
def test_bad_sort_is_a_usage_error(run, command) -> None:
    result = run(command, "--sort", "age")
    assert result.code == 2 and result.err.startswith("kzct: error:")


def test_uncurated_names_are_found_in_the_text(seed_text, builder) -> None:
    """Names nobody curated: joined by · or •, followed by a title, or in Latin letters."""
    from kzct.store.database import build_index

    extra = ("\n==新==\n2010年4月7日，会见阿坦巴耶夫总统。巴基耶娃主席和阿坦巴耶夫总统讨论了边境问题，"
             "中国国家主席胡锦涛和美国国防部长出席，瓦列里•科兹洛夫和Dmitry Kozlov也在场。\n")
    index = build_index([("x.wikitext", "x.wikitext", seed_text + extra, "x")], builder)
    found = {(e.name_zh or e.name_latin): (len(e.mentions), e.name_en_source)
             for e in index.entities if e.source == "article"}
    # a Latin name is its own English name; a Chinese one has none, but a Chinese name's pinyin
    # and organisations: a wikilink that ends as an organisation's name does, a name before its
    # acronym, in brackets or not (KNB: the acronym, wherever written, too); 美国国防部长 is an
    # office (俄联邦国家安全局FSB is the curated Federal Security Service, by the acronym)
    assert found == {"阿坦巴耶夫": (2, None), "巴基耶娃": (1, None), "瓦列里•科兹洛夫": (1, None),
                     "Dmitry Kozlov": (1, "article"), "哈萨克斯坦国家安全委员会": (22, "article"),
                     "纽约时报": (1, None), "美国中央司令部": (1, None)}
    kozlov = next(e for e in index.entities if e.name_zh == "瓦列里•科兹洛夫")
    assert kozlov.kind == "person" and kozlov.role is None


def _found(builder, text: str) -> list[tuple[str, str | None, str | None]]:
    index = built_alone(builder, text)
    return sorted((e.kind, e.name_zh, e.name_en) for e in index.entities)


def test_an_international_body_is_an_organisation_found_by_its_code(run) -> None:
    """The bodies of kzct/data/authorities.toml are organisations, with their English names and
    codes (the seed writes 上海合作组织 and 上合组织, never SCO), and are no designated group."""
    hits = run("search", "SCO", "--json").json()
    assert [(h["id"], h["name_zh"], h["name_en"], h["matched_by"]) for h in hits[:1]] == [
        ("group:shanghai-cooperation-organisation", "上海合作组织",
         "Shanghai Cooperation Organisation", "alias")]
    card = run("show", "SCO", "--json").json()
    assert (card["entity"]["mentions"], card["entity"]["aliases"]) == (12, ["SCO", "上合组织"])
    listed = {g["name_zh"] for g in run("groups", "--by", "all", "--json").json()}
    assert "上海合作组织" not in listed and "联合国" not in listed


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a word after a place is no suffix; a compound after it is no demonym
        ("喀布尔街头发生爆炸。", [("place", "喀布尔", "Kabul")]),
        ("卡拉奇河边发生爆炸。", [("place", "卡拉奇", "Karachi")]),
        ("阿拉木图市区发生爆炸。", [("place", "阿拉木图", "Almaty")]),  # 市区: its urban area
        # a word that begins with a generic term's last character reads on: 省份 (provinces) holds
        # no Eastern Province, 国际 no khanate (the Islamic Jihad Union and Tokayev articles)
        # (a country's part by its direction is a place of its own, beside the country)
        ("该组织成员在阿富汗北部和东部省份与塔利班并肩作战。",
         [("group", "塔利班", "Taliban"), ("place", "阿富汗", "Afghanistan"),
          ("place", "阿富汗北部", "Northern Afghanistan")]),
        ("其母任教于阿布莱汗国际关系与外国语大学。", []),
        # a street's name begins after a word about places (市区) and takes in 和 of 和平; one
        # made already is that name wherever written (the Urumqi attack article)
        ("市交警支队宣布从18:00开始，市区南湖路沿线由北向南、北门、南门、和平北路实行交通管制。",
         [("place", "北门", None), ("place", "南湖路", "Nanhu Road"), ("place", "南门", "South Gate"),
          ("place", "和平北路", "Heping North Road")]),
        # a station (站) is a place by its make, linked; not in 网站 (website) or 车站 alone (the
        # Moscow Metro bombings article)
        ("两名女炸弹客分别在[[卢比扬卡站|卢比扬卡站]]及[[文化公园站_(莫斯科地铁)|文化公園站]]引爆炸弹。"
         "他访问了这个网站。", [("place", "卢比扬卡站", None), ("place", "文化公園站", None)]),
        # the end of a longer foreign name is no place (塞米巴拉金斯克 holds Lakinsk, 拉金斯克), but
        # a word for a place or a wikilink is an edge (城市, 城镇)
        ("2005年，在塞米巴拉金斯克签署了条约。", [("place", "塞米巴拉金斯克", None)]),
        # a military airfield by its term (the Jabhat Fateh al-Sham article)
        ("2015年9月9日，武裝分子從政府軍手上攻佔伊德利卜省阿布杜胡爾軍用機場。",
         [("place", "伊德利卜省", "Idlib Province"), ("place", "阿布杜胡爾軍用機場", None)]),
        # nor the beginning of one (梅德韦杰夫 holds Medway, 梅德韦: the CSTO article)
        ("随后一个月，梅德韦杰夫总统下令削减天然气供应。", [("person", "梅德韦杰夫", None)]),
        # (a direction before it is an edge too: the seed's sentence)
        ("2011年7月，9名涉嫌卷入在哈萨克斯坦西北阿克托比杀害两名警察的人在与警方交火中被击毙。",
         [("place", "哈萨克斯坦", "Kazakhstan"), ("place", "阿克托比", "Aktobe")]),
        ("军事演习在[[俄罗斯|俄罗斯]]城市[[车里雅宾斯克|车里雅宾斯克]]举行。",
         [("place", "俄罗斯", "Russia"), ("place", "车里雅宾斯克", "Chelyabinsk")]),
        ("哈萨克斯坦教育部宣布。", [("place", "哈萨克斯坦", "Kazakhstan")]),
        ("俄罗斯人质危机。", [("place", "俄罗斯", "Russia")]),
        ("乌兹别克斯坦化工厂。", [("place", "乌兹别克斯坦", "Uzbekistan")]),
        # a short place after a country is no fragment of a foreign name
        ("中国新疆的局势。", [("place", "中国", "China"),
                       ("place", "新疆", "Xinjiang Uyghur Autonomous Region")]),
        # a curated name of a GeoNames place: its English name, and a suffix makes a region
        ("安集延州的首府。", [("place", "安集延州", "Andijan Region")]),
        # a term that ends a wikilink begun with the name ends it, though a word runs on (州政府:
        # the Boko Haram article); unlinked, the word wins
        ("理由是[[卡诺州|卡诺州]]政府拒绝释放。卡诺州政府表示。",
         [("place", "卡诺", "Kano"), ("place", "卡诺州", "Kano Region")]),
        # a surname curated with its full names: another given name is another person
        ("米哈伊尔·纳扎尔巴耶夫说，", [("person", "米哈伊尔·纳扎尔巴耶夫", None)]),
        ("努尔苏丹•纳扎尔巴耶夫说，", [("person", "努尔苏丹•纳扎尔巴耶夫", "Nursultan Nazarbayev")]),
        # a longer transliterated name that ends like a curated one is not that person, but
        # a person of its own (a transliteration before a verb of saying)
        ("阿泽姆巴基耶夫说，", [("person", "阿泽姆巴基耶夫", None)]),
        # a name jieba knows as a person is no word that blocks a person
        ("告诉阿卡耶夫总统。", [("person", "阿卡耶夫", None)]),
        # a name before a verb only a person does, with no joiner or office: a transliteration,
        # or a Chinese name (its pinyin its English name, as a romanization); not a proper noun
        # jieba knows (伊斯兰), a word the verb is part of (说法, 自称) or a particle (的)
        ("1991年，戈尔巴乔夫下台。", [("person", "戈尔巴乔夫", None)]),
        ("温家宝表示支持。", [("person", "温家宝", "Wen Jiabao")]),
        ("伊斯兰表示反对。", []),
        ("麻原自称是神。", []),
        ("麻原的说法。", []),
        # a link whose whole text is a name jieba knows as a person's, and the name written
        # again; not a building jieba tags as a person (克里姆林宫) nor a longer word (斯大林格勒)
        # (斯大林格勒 ends as a Russian place's name does, -grad: a place)
        ("1936年[[斯大林|斯大林]]把车臣人流放。斯大林在二战之后定下了。斯大林格勒战役。",
         [("person", "斯大林", None), ("place", "斯大林格勒", None)]),
        # a transliteration that ends as a Russian place's name does (-sk), after a particle
        ("俄軍在布伊納克斯克和卡斯皮斯克發生爆炸。",
         [("place", "卡斯皮斯克", None), ("place", "布伊納克斯克", None)]),
        ("1999年3月，[[克里姆林宫|克里姆林宫]]驻车臣代表。", [("place", "车臣", "Chechnya")]),
        # ... nor a name jieba tags a person's where it tags it a place's with a term after it
        # (克里米亚半岛: the CSTO article)
        ("以延长俄罗斯对[[克里米亚|克里米亚]]的租约。", [("place", "俄罗斯", "Russia")]),
        # a word or a stop word is the edge of a short city's name, though it is written with
        # the characters of foreign names (都, 发)
        ("约旦首都安曼发生爆炸。", [("place", "安曼", "Amman"), ("place", "约旦", "Jordan")]),
        # a flag template names a country, by its English name or its ISO 3166-1 code, at the
        # text it shows (`{{CHN}}` shows its code); `{{PDF}}` is no country, `{{flagicon}}`
        # shows no text
        ("2005年，{{flag|Russia}}和{{flagcountry|KAZ}}及{{CHN}}发生爆炸。{{PDF}}{{flagicon|UZB}}",
         [("place", None, "China"), ("place", None, "Kazakhstan"), ("place", None, "Russia")]),
        # ... by any of its English names (CLDR's and ISO's: the Hezbollah article's table), a
        # country, never a state of the US; or by the template of one that is no more (ISO
        # 3166-3; the Doku Umarov article's infobox: named as curated data names it)
        ("{{flag|Czech Republic}}、{{flag|People's Republic of China}}、{{flag|Georgia}}和{{USSR}}。"
         "{{NPOV}}",
         [("place", None, "China"), ("place", None, "Czechia"), ("place", None, "Georgia"),
          ("place", None, "Soviet Union")]),
        # a common word names a station or a park, linked (西单, 人民: the Urumqi attack article),
        # unless the whole is a common noun (加油站, 地铁站); a city before the term of a street's
        # name (公园北街) makes no place of the city and that term
        ("2014年，乘客在[[北京地铁一号线|北京地铁一号线]][[西单站|西单站]]、[[东单站|东单站]]下车，"
         "在[[加油站|加油站]]和[[地铁站|地铁站]]停留。",
         [("place", "东单站", None), ("place", "西单站", None)]),
        # ... or by an institution (科技学院: the Saint Petersburg metro article), which alone is
        # no place; a mosque is a place by its term (the Hizb ut-Tahrir article)
        ("一辆列车在[[干草广场站|干草广场站]]到[[科技学院站|科技学院站]]之间爆炸。他毕业于[[科技学院|科技学院]]。",
         [("place", "干草广场站", None), ("place", "科技学院站", None)]),
        ("起初，上述活动仅在[[耶路撒冷|耶路撒冷]][[阿克萨清真寺|阿克萨清真寺]]进行。",
         [("place", "耶路撒冷", "Jerusalem"), ("place", "阿克萨清真寺", None)]),
        # a linked name with a term holds digits and hyphens (the Volgograd and Islamic Jihad
        # Union articles); without a term, a hyphen still joins a place's parts only
        ("2013年12月29日，[[伏爾加格勒1號站|伏爾加格勒1號站]]发生爆炸。",
         [("place", "伏爾加格勒1號站", None)]),
        ("两名成员在德国[[科隆/波恩机场|科隆-波恩国际机场]]的一架飞机上。他出生于[[2號村|2號村]]。",
         [("place", "德国", "Germany"), ("place", "科隆-波恩国际机场", None)]),
        ("案件发生在[[乌鲁木齐市|乌鲁木齐市]][[沙依巴克区|沙依巴克区]][[烏魯木齊人民公園|人民公园]]西侧的"
         "公园北街。2014年乌鲁木齐公园北街早市暴力恐怖袭击案。",
         [("place", "乌鲁木齐市", "Ürümqi"), ("place", "人民公园", None),
          ("place", "公园北街", "Gongyuan North Street")]),
        # places no gazetteer holds, by their make (real sentences of the corpus articles): a
        # name that ends with a generic term, as a wikilink or written in the characters of
        # foreign names (and again, bare); a wikilink right after a place; a direction and a
        # transliteration in a wikilink
        ("俄軍於10月5日到達[[捷列克河|捷列克河]]。10月12日，俄軍渡過捷列克河，向南面的格羅茲尼推進。",
         [("place", "捷列克河", None), ("place", "格羅茲尼", "Grozny")]),
        # ... or next to one in a list, and a page told apart from its namesakes by a country is
        # a place's where it is written in the characters of foreign names (the Boko Haram
        # article); a newspaper so told apart is not
        ("12月25日，该组织在北部的[[马达拉|马达拉]]、[[乔斯|乔斯]]、[[甘达卡|甘达卡]]和[[達馬圖魯|達馬圖魯]]发动袭击。"
         "城镇[[巴加_(尼日利亚)|巴加]]遭到袭击。[[世界报_(法国)|世界报]]报道。",
         [("place", "乔斯", "Jos"), ("place", "巴加", None), ("place", "甘达卡", None),
          ("place", "達馬圖魯", None), ("place", "马达拉", None)]),
        # ... though it begins with a common surname's character (蘇: the Suruç bombing article),
        # which elsewhere may begin a transliterated person's name (叶 of 叶利钦)
        ("在土耳其[[尚勒烏爾法省|尚勒烏爾法省]][[蘇魯奇|蘇魯奇]]鎮发生爆炸。[[叶利钦|叶利钦]]说。",
         [("person", "叶利钦", None), ("place", "土耳其", "Türkiye"), ("place", "尚勒烏爾法省", None),
          ("place", "蘇魯奇", None)]),
        # ... but not a name that ends as a Slavic surname does (-yev: the Shamil Basayev article),
        # which is a person's
        ("巴萨耶夫生于车臣南部山区。在车臣共和国[[杜达耶夫|杜达耶夫]]分离主义武装中任指挥官。",
         [("person", "巴萨耶夫", None), ("person", "杜达耶夫", None), ("place", "车臣", "Chechnya"),
          ("place", "车臣南部", "Southern Chechnya")]),
        # a linked joined name written only in the characters of foreign names is one name, though
        # one of them is a particle elsewhere (于 of 比于卡尼特: the PKK article); an event named
        # after a person is not
        ("总理[[雷杰普·塔伊普·埃尔多安|雷杰普·塔伊普·埃尔多安]]和总参谋长[[亚沙尔·比于卡尼特|亚沙尔·比于卡尼特]]表示。"
         "[[李·里格比谋杀案|李·里格比谋杀案]]。",
         [("person", "亚沙尔·比于卡尼特", None), ("person", "李·里格比", None),
          ("person", "雷杰普·塔伊普·埃尔多安", None)]),
        # a joined name read before ends the name where a verb runs on (因犯: the Kashgar attack
        # article), not where the letters of a longer name do (罗夫)
        ("2008年8月4日，阿不都热合曼·阿扎提即驾车冲去。12月17日，被告人阿不都热合曼·阿扎提因犯非法制造枪支罪被判处死刑。"
         "伊万·彼得说。伊万·彼得罗夫说。",
         [("person", "伊万·彼得", None), ("person", "伊万·彼得罗夫", None),
          ("person", "阿不都热合曼·阿扎提", None)]),
        # a linked joined name ends where its link does, whatever page of namesakes it links to
        # (the PKK article)
        ("在[[特奥·凡·高_(电影导演)|特奥·凡·高]]死后，荷兰警方搜查了。",
         [("person", "特奥·凡·高", None), ("place", "荷兰", "Netherlands")]),
        # a linked Chinese name jieba knows as a person's, though it ends as a place's does (山 of
        # 岐山: the Urumqi attack article); not a building's (金字塔)
        ("[[张德江|张德江]]、[[刘云山|刘云山]]、[[王岐山|王岐山]]等出席。[[金字塔|金字塔]]。",
         [("person", "刘云山", "Liu Yunshan"), ("person", "张德江", "Zhang Dejiang"),
          ("person", "王岐山", "Wang Qishan")]),
        ("出生于[[阿拉木圖州|阿拉木图州]]卡斯克连区切莫尔甘村。",
         [("place", "切莫尔甘村", None), ("place", "卡斯克连区", None),
          ("place", "阿拉木图州", "Almaty Region")]),
        ("在[[巴基斯坦|巴基斯坦]][[北瓦济里斯坦特区|北瓦济里斯坦]]发起成立",
         [("place", "北瓦济里斯坦", None), ("place", "巴基斯坦", "Pakistan")]),
        ("对俄罗斯南部斯塔夫罗波尔边疆区的布琼诺夫斯克市发动恐怖袭击。[[布琼诺夫斯克|布琼诺夫斯克]]。",
         [("place", "俄罗斯", "Russia"), ("place", "俄罗斯南部", "Southern Russia"),
          ("place", "布琼诺夫斯克市", None), ("place", "斯塔夫罗波尔边疆区", None)]),
        # a state's official name in a wikilink, however long, ends with its term (共和国,
        # 酋长国: the corpus articles' sentences); a country's is that country; a term after a
        # common word names no place
        ("1990年4月起任[[哈萨克苏维埃社会主义共和国|哈萨克苏维埃社会主义共和国]]主席。",
         [("place", "哈萨克苏维埃社会主义共和国", None)]),
        # a Soviet republic is a state of its own, though its name begins with a place's (哈萨克
        # is Kazakhstan); a union republic of the union is none, but the union is (the President
        # of Kazakhstan article)
        ("[[苏联加盟共和国|苏联加盟共和国]][[哈萨克苏维埃社会主义共和国|哈萨克苏维埃社会主义共和国]]末任总统。",
         [("place", "哈萨克苏维埃社会主义共和国", None), ("place", "苏联", "Soviet Union")]),
        ("[[塔利班|塔利班]]建立[[阿富汗伊斯兰酋长国|阿富汗伊斯兰酋长国]]。",
         [("group", "塔利班", "Taliban"), ("place", "阿富汗伊斯兰酋长国", None)]),
        ("1999年，[[摩洛哥王国]]和[[哈萨克斯坦共和国]]。",
         [("place", "哈萨克斯坦共和国", "Kazakhstan"), ("place", "摩洛哥王国", "Morocco")]),
        ("他在动物王国和石油王国。", []),
        # a republic by its make is the place the article names without the term (the Beslan
        # article's 北奥塞梯共和国 and 北奧塞梯; the President of Kazakhstan article's book title)
        ("[[北奥塞梯共和国|北奥塞梯共和国]]的首府。[[北奧塞梯|北奧塞梯]]的人。", [("place", "北奧塞梯", None)]),
        ("哈萨克斯坦总统是国家元首。根据《哈萨克斯坦共和国宪法》的相关规定，总统具有以下权力。",
         [("place", "哈萨克斯坦", "Kazakhstan")]),
        # a city and a generic term: a place of its own, named in English with the term's first
        # English word; a province and 地区 is that province, written whole where one link
        # holds both (the Hizb ut-Tahrir article's [[苏尔汉河州]])
        ("1999年至2009年，[[喀什地区|喀什地区]]共查获。", [("place", "喀什地区", "Kashgar Region")]),
        ("俄罗斯取得对车臣地区的控制权。[[苏尔汉河州|苏尔汉河州]]。",
         [("place", "俄罗斯", "Russia"), ("place", "苏尔汉河州", "Surxondaryo"),
          ("place", "车臣", "Chechnya")]),
        # no place by its make: an organisation that begins with a place, a word after a word
        # for a settlement, a concept (a faith and a term), a name whose first character may be
        # cut off (汗 of 汗阿巴德 seldom writes foreign names)
        ("3月6日，北京市公安局网络安全保卫总队官方微博", []),
        ("要求进一步加强首都安保。", []),
        ("在中亚建立一个[[伊斯兰共和国|伊斯兰共和国]]。", [("place", "中亚", "Central Asia")]),
        ("该国将汗阿巴德军事基地租借给美国军队。", [("place", "美国", "United States")]),
        # a wikilink whose whole text is a Chinese name by its make, of three characters, is a
        # person's (its pinyin a romanization); of two, too often something else (東協, ASEAN);
        # the target of a link to a joined name is the person's other name
        ("并提醒被举报的[[李承鹏|李承鹏]]等公众人物。", [("person", "李承鹏", "Li Chengpeng")]),
        # (a given name may be a word: 永新)
        ("民进中央副主席[[朱永新|朱永新]]在2014年刊文。", [("person", "朱永新", None)]),
        ("並與[[東協|東協]]合作。", []),
        # a transliteration that begins with a common surname is a person too, with no
        # romanization; a thing is none (白磷弹)
        ("[[叶利钦|叶利钦]]宣布。使用了[[白磷弹|白磷弹]]。", [("person", "叶利钦", None)]),
        # organisations by their make: a name before its acronym in brackets (the acronym is
        # its name wherever written: search KNB finds it), a wikilink that ends as an
        # organisation's name does; not a kind of organisation (非政府组织)
        ("2005年12月，哈萨克斯坦国家安全委员会（KNB）将恐怖分子引渡。KNB指控其涉嫌。",
         [("group", "哈萨克斯坦国家安全委员会", "KNB")]),
        ("2002年，[[美国财政部|美国财政部]]宣布。[[非政府组织|非政府组织]]称。",
         [("group", "美国财政部", "United States Department of the Treasury")]),
        # organisations a reference names, with their English names (kzct/data/organisations.toml)
        ("俄罗斯联邦安全局和人权观察组织都称，新华社报道了此事。",
         [("group", "人权观察组织", "Human Rights Watch"),
          ("group", "俄罗斯联邦安全局", "Federal Security Service"),
          ("group", "新华社", "Xinhua News Agency")]),
        # a wikilink of two transliterated parts joined by a hyphen is a place's name
        ("兩國也因為[[納戈爾諾-卡拉巴赫|納戈爾諾-卡拉巴赫]]問題。", [("place", "納戈爾諾-卡拉巴赫", None)]),
        # a name with an age in brackets after it is a person's (the Aum article's sentence);
        # a count and a common word are none
        ("被执行死刑的是林泰男（60岁）、冈崎一明（57岁）、端本悟（51岁）。",
         [("person", "冈崎一明", None), ("person", "林泰男", "Lin Tainan"),
          ("person", "端本悟", None)]),
        ("一名男子（35岁）被捕。死者包括3名儿童（5岁）。", []),
        # the linked names of an enumeration counted in people are people (the Aum article's
        # sentence; an interlanguage link template is a link to its Chinese page); a linked
        # name that is none by its make is not, nor a place (北约: an organisation a reference
        # names)
        # (`{{link-jp}}` marks an article that writes Japanese: its names read in Hepburn)
        ("核心干部[[早川紀代秀|早川紀代秀]]、[[井上嘉浩|井上嘉浩]]、{{link-jp|新实智光|新実智光}}"
         "和{{link-jp|远藤诚一|遠藤誠一}}等七人執行[[绞刑|绞刑]]。",
         [("person", "井上嘉浩", "Inoue Yoshihiro"), ("person", "新实智光", "Niimi Chiko"),
          ("person", "早川紀代秀", "Hayakawa Kiyohide"), ("person", "远藤诚一", "Endo Seiichi")]),
        ("[[卡里莫夫|卡里莫夫]]、[[拉赫蒙|拉赫蒙]]、[[北约|北约]]和[[北京|北京]]出席。",
         [("group", "北约", "NATO"), ("person", "卡里莫夫", "Islam Karimov"),
          ("person", "拉赫蒙", None), ("place", "北京", "Beijing")]),
        # a wikilink written in the characters of foreign names in a locative phrase, or
        # naming a battle, is a place (the corpus articles' sentences); a person's in a phrase
        # of time is none
        # (俄國: Russia, by its curated other name)
        ("4個俄國警察巡邏邊界時於[[斯塔夫羅波爾|斯塔夫羅波爾]]附近被殺。",
         [("place", "俄國", "Russia"), ("place", "斯塔夫羅波爾", None)]),
        ("突厥斯坦伊斯兰党在[[吉斯尔舒古尔|吉斯尔舒古尔]]战役中。",
         [("group", "突厥斯坦伊斯兰党", "Turkistan Islamic Party"), ("place", "吉斯尔舒古尔", None)]),
        ("在[[普京|普京]]近期的讲话中。", []),
        # in an article that writes Japanese, a linked name after an office though it holds a
        # Chinese word (上川), read in Hepburn (the Aum article's sentence)
        ("{{lang|ja|オウム}}經時任[[法務大臣|法務大臣]][[上川陽子|上川陽子]]批准後。",
         [("person", "上川陽子", "Kamikawa Yoko")]),
        # a name after an office and a space (the SCO article's table), a link to a page told
        # apart by the year of birth, and a surname of the 百家姓 outside the commonest
        # (习, 栗): a person's, and its pinyin
        ("[[中華人民共和國主席|國家主席]] '''[[習近平|習近平]]'''", [("person", "習近平", "Xi Jinping")]),
        ("|| [[张明_(1957年)|张明]] || 2022年1月1日", [("person", "张明", "Zhang Ming")]),
        # an infobox's field that names someone and states no date is read (the Dokka Umarov
        # article's infobox); a field with a date is not
        ("{{Infobox President\n|name = 多卡\n|vicepresident2=[[沙米尔·巴萨耶夫|沙米尔·巴萨耶夫]]\n"
         "|term_start=[[莫斯科]]2007年10月31日\n}}多卡是政治家。",
         [("person", "沙米尔·巴萨耶夫", None)]),
        # linked places joined by `·` are a list, not one person's name (the Turkistan Islamic
        # Party article's infobox)
        ("{{Infobox war faction\n|area = [[中國|中國]][[新疆|新疆]]·[[巴基斯坦|巴基斯坦]]·[[阿富汗|阿富汗]]\n}}"
         "該組織成立。",
         [("place", "中國", "China"), ("place", "巴基斯坦", "Pakistan"),
          ("place", "新疆", "Xinjiang Uyghur Autonomous Region"), ("place", "阿富汗", "Afghanistan")]),
        # a list that ends "and other places" and holds a place: each of its names is one
        # (the shape of the Ghulja and ETLO articles' sentences); a list of organisations is not
        ("内容与皮山、阿克苏、库尔勒等地的传单相同。",
         [("place", "库尔勒", "Korla"), ("place", "皮山", None), ("place", "阿克苏", "Aqsu")]),
        ("该组织在[[马扎里沙里夫|马扎里沙里夫]]、[[霍斯特|霍斯特]]等地设立训练营。",
         [("place", "霍斯特", "Khōst"), ("place", "马扎里沙里夫", None)]),
        ("伊斯兰国、基地组织等地区组织。", [("group", "基地组织", "al-Qaeda")]),
        # a name with an age after it runs back to a common word, not over it and a place (the
        # Tiananmen article's shape, in traditional characters)
        ("瀋陽女子陳某某（34歲）結識他。", [("place", "瀋陽", "Shenyang")]),
        # a theatre, a bridge: places by their generic term (the Moscow hostage crisis's shape)
        ("車臣武裝分子佔領了[[杜布羅夫卡劇院|杜布羅夫卡劇院]]。",
         [("place", "杜布羅夫卡劇院", None), ("place", "車臣", "Chechnya")]),
        ("这座桥梁很长。", []),
        # a name jieba knows as a person's before a generic term (the Urumqi article's shape)
        ("維吾爾人的祖地為南疆[[塔里木盆地|塔里木盆地]]一帶。", [("place", "塔里木盆地", None)]),
        # a city before 人 after the place it lies in is where someone is from (the Turkistan
        # Islamic Party article's sentence)
        # a division or a street right after the place it lies in (the Aum and Kunming
        # articles' sentences), not a word (市中心区); a link's numerals are its name's
        ("試圖進入[[熊本縣|熊本縣]]波野村（現[[阿蘇市|阿蘇市]]）。",
         [("place", "波野村", None), ("place", "熊本縣", "Kumamoto"), ("place", "阿蘇市", "Aso")]),
        ("3月14日下午，成都锦江区上东大街某商场。",
         [("place", "上东大街", "Shangdong Street"), ("place", "成都", "Chengdu"),
          ("place", "锦江区", "Jinjiang District")]),
        ("在莫斯科市中心区发生爆炸。", [("place", "莫斯科", "Moscow")]),
        ("位於[[山梨縣|山梨縣]][[上九一色村|上九一色村]]。",
         [("place", "上九一色村", None), ("place", "山梨縣", "Yamanashi")]),
        # a curated region without its suffix (印古什共和国), as the table's are (the Second
        # Chechen War article's sentence)
        ("一支俄軍車隊在印古什近車臣邊界處遭到伏擊。",
         [("place", "印古什", "Ingushetia"), ("place", "車臣", "Chechnya")]),
        ("该组织由[[新疆|新疆]][[和田地区|和田]]人[[买买提·托乎提|买买提·托乎提]]发起成立。",
         [("person", "买买提·托乎提", None), ("place", "和田", "Gujangbagh"),
          ("place", "新疆", "Xinjiang Uyghur Autonomous Region")]),
        # a transliterated name right after an office, up to the verb: two characters are
        # enough there; an office's building or election is no one
        ("2001年，俄罗斯总统普京访问阿斯塔纳。",
         [("person", "普京", None), ("place", "俄罗斯", "Russia"), ("place", "阿斯塔纳", "Astana")]),
        ("2017年，乌兹别克斯坦总统米尔济约耶夫访问哈萨克斯坦。",
         [("person", "米尔济约耶夫", None), ("place", "乌兹别克斯坦", "Uzbekistan"),
          ("place", "哈萨克斯坦", "Kazakhstan")]),
        ("2010年，吉尔吉斯斯坦总统奥通巴耶娃上任。",
         [("person", "奥通巴耶娃", None), ("place", "吉尔吉斯斯坦", "Kyrgyzstan")]),
        ("美国总统府发表声明。总统选举于2005年举行。", [("place", "美国", "United States")]),
        # a numeral after a Chinese name ends it where it counts (三次); else it may be a given
        # name's, and no name cut short before it is taken (安倍晋三 is no 安倍晋)
        ("国家主席胡锦涛三次访问哈萨克斯坦。", [("person", "胡锦涛", "Hu Jintao"),
                                  ("place", "哈萨克斯坦", "Kazakhstan")]),
        ("2015年，首相安倍晋三访问中亚。", [("place", "中亚", "Central Asia")]),
        # the items of a list are things of one kind: a short place name that is a common word
        # (拉卡, Raqqa) next to a place, and a transliterated name no gazetteer holds in a list
        # of two places or more, are places; a list of one place and people is not
        ("恐怖分子在伊德利卜、拉卡和摩苏尔活动。",
         [("place", "伊德利卜", "Idlib"), ("place", "拉卡", "Ar Raqqah"), ("place", "摩苏尔", "Mosul")]),
        ("2011年，阿克托别、阿特劳和塔拉兹发生爆炸。",
         [("place", "塔拉兹", "Taraz"), ("place", "阿克托别", None), ("place", "阿特劳", "Atyrau")]),
        ("会见了阿克托别、阿卜杜拉和纳扎尔巴耶夫。",
         [("person", "纳扎尔巴耶夫", "Nursultan Nazarbayev")]),
        # an organisation's acronym right after its name (the seed's sentence): a curated
        # organisation's acronym (FSB) makes the name that organisation's; not a channel's
        ("俄联邦国家安全局FSB和哈萨克斯坦国家安全委员会KNB的特工逮捕了他。",
         [("group", "俄联邦国家安全局", "Federal Security Service"),
          ("group", "哈萨克斯坦国家安全委员会", "KNB")]),
        ("昆明电视台K6报道了此事。", []),
        # a common word as Taiwan writes it is no place, even linked (網際網路, the Internet: 路
        # is no road; the Kunming article's sentence, in OpenCC's s2twp)
        ("昆明“3.01”事件之後中國當局開始了新一輪打擊[[網際網路|網際網路]]謠言的行動。",
         [("place", "中國", "China"), ("place", "昆明", "Kunming")]),
        # a country that is no more, as ISO 3166-3 names it, without its form of government
        # (捷克斯洛伐克社会主义共和国): one place, not 捷克 and 斯洛伐克 (the PKK article's list)
        ("21.9%来自[[捷克斯洛伐克|捷克斯洛伐克]]，20.2%来自[[西班牙|西班牙]]。",
         [("place", "捷克斯洛伐克", "Czechoslovakia"), ("place", "西班牙", "Spain")]),
        # a sea and a strip by their generic terms (GB/T 17693's 通名: 海, 地带), linked (the
        # Hamas article's lead): found, and not named
        ("建立由[[地中海|地中海]]到[[耶路撒冷|耶路撒冷]]的国家，并在[[加沙地带|加沙地带]]等地区活动。",
         [("place", "加沙地带", None), ("place", "地中海", None), ("place", "耶路撒冷", "Jerusalem")]),
    ],
)
def test_names_read_in_their_context(builder, text, found) -> None:
    assert _found(builder, text) == found


def test_a_part_of_a_country_by_its_direction_is_a_place_of_its_own(builder) -> None:
    """The Boko Haram article's `在尼日利亚东北部` and `攻擊奈及利亞東北部` (one place in either
    script and either country name), the Hezbollah article's `从黎巴嫩南部地区撤军`: a part of the
    country beside it, named in English by the direction (derived: no coordinates); not the
    seed's `哈萨克斯坦南部边境` (a border), nor `[[俄罗斯]][[南部聯邦管區]]` (another link) in the
    Volgograd bombings articles."""
    text = ("博科圣地于2002年在尼日利亚东北部的邁杜古里创建。博科聖地攻擊奈及利亞東北部約貝州。"
            "2000年5月以色列从黎巴嫩南部地区撤军后。哈萨克斯坦南部边境副主管声称。"
            "[[伏尔加格勒]]是[[俄罗斯|俄罗斯]][[南部聯邦管區|南部聯邦管區]]的城市。")
    index = built_alone(builder, text)
    parts = sorted((e.id, e.name_en, e.role, e.latitude, [m.text for m in e.mentions])
                   for e in index.entities if e.place_type == "part")
    assert parts == [
        ("place:northeastern-nigeria", "Northeastern Nigeria", "part of Nigeria", None,
         ["尼日利亚东北部", "奈及利亞東北部"]),
        ("place:southern-lebanon", "Southern Lebanon", "part of Lebanon", None, ["黎巴嫩南部"])]
    # the countries keep their mentions
    nigeria = next(e for e in index.entities if e.id == "place:nigeria")
    assert [m.text for m in nigeria.mentions] == ["尼日利亚", "奈及利亞"]
    # English writes a direction as its adjective or its noun: both find the part
    from kzct.queries.search import search

    for query in ("Northeastern Nigeria", "Northeast Nigeria", "northeast nigeria"):
        assert [(h.entity.name_zh, h.matched_by) for h in search(index, query, limit=1)] == [
            ("尼日利亚东北部", "exact" if query.startswith("Northeastern") else "fuzzy")]
    # another direction is another part
    assert "黎巴嫩南部" not in [h.entity.name_zh for h in search(index, "Northeast Lebanon")]


def test_a_transliteration_with_its_latin_form_in_brackets_by_a_place_is_a_place(builder) -> None:
    """The Boko Haram article's towns and villages that no gazetteer holds: a name with its
    Latin form in brackets, right after the place it lies in (`乍得博马（Boma）`), after it and 的
    (`北部的庫圖古（Koutougou）`) or before a village's term (`戈内里（Goneri）村`), named by that
    form; a town's name that holds a city's (`布尼亞迪鎮` holds Bunia, `当达拉鎮` Dara) is the town.
    A name in brackets after a person's title is the person's, not a place."""
    from kzct.store.database import build_index

    text = ("5月26日，疑似博科聖地武裝分子襲擊[[約貝州|約貝州]]布尼亞迪鎮，24名政府軍被殺。"
            "突襲發生在查德湖畔附近的当达拉鎮（Dangdala）。"
            "3月23日，博科圣地武裝分子袭击了乍得博马（Boma）的士兵。"
            "至少50名尼日利亚士兵在[[博尔诺州|博尔诺州]]戈内里（Goneri）村附近的伏击中丧生。"
            "其戰鬥人員8月在[[布吉納法索|布吉納法索]]北部的庫圖古（Koutougou）製造了恐怖襲擊。"
            "乍得总统代比（Deby）表示。"
            # (the Islamic Jihad Union article: after a place and 的, two words in brackets)
            "[[北瓦济里斯坦|北瓦济里斯坦]]的米尔埃里（Mir Ali）是该组织的大本营。"
            # (the PKK article: a list of them before a count and a term)
            "报告同时也描述了土耳其政府将西韦雷克（Siverek）和西尔万（Hilvan）两市周围大片区域的治安交给部落酋长。")
    index = built_alone(builder, text)
    made = sorted((e.name_zh, e.name_latin, e.name_en_source, e.place_type)
                  for e in index.entities if e.kind == "place" and e.source == "article")
    assert made == [("北瓦济里斯坦", None, None, None), ("博马", "Boma", "article", None),
                    ("布尼亞迪鎮", None, None, "town"),
                    ("庫圖古", "Koutougou", "article", None),
                    ("当达拉鎮", "Dangdala", "article", "town"),
                    ("戈内里", "Goneri", "article", "village"), ("查德湖", None, "cldr", "lake"),
                    ("米尔埃里", "Mir Ali", "article", None),
                    ("西韦雷克", "Siverek", "article", "city")]  # (西尔万: 万 is a numeral)
    assert not {"布尼亞", "达拉", "代比"} & {e.name_zh for e in index.entities if e.kind == "place"}
    # a larger place, then a smaller one with its term, is two places (no longer foreign name)
    index = build_index([("y.wikitext", "y.wikitext", "阿拉木图州塔尔迪库尔干市发生爆炸。", "y")], builder)
    assert sorted(e.name_en for e in index.entities) == ["Almaty Region", "Taldykorgan"]


def test_a_feature_named_after_a_country_is_no_mention_of_the_country(builder) -> None:
    """The Boko Haram article's `临近[[乍得湖|乍得湖]]` and `[[查德湖|查德湖]]畔` (one lake however
    Chad is written), the Hamas article's `[[约旦河西岸|约旦河西岸]]` (a river's bank, a region):
    places by their make; English names the lake as it writes such names, the term first (Lake
    Chad), and gives the bank no name it could be sure of; not where the term begins a word or
    a name (`日本海军`, `查德湖南部`, `巴勒斯坦海法`)."""
    text = ("2015年1月，博科圣地在临近[[乍得湖|乍得湖]]的巴加镇发动袭击。突襲發生在[[查德湖|查德湖]]畔附近。"
            "法塔赫退守[[约旦河西岸|约旦河西岸]]。奈及利亞軍隊在整個查德湖南部盆地展开行动。"
            "日本海军。1909年生于[[巴勒斯坦|巴勒斯坦]][[海法|海法]]南部的村庄。")
    index = built_alone(builder, text)
    found = {e.id: (e.name_zh, e.name_en, e.place_type, [m.text for m in e.mentions])
             for e in index.entities if e.kind == "place"}
    assert found["place:lake-chad"] == ("乍得湖", "Lake Chad", "lake", ["乍得湖", "查德湖"])
    assert found["place:jordan-河西岸"] == ("约旦河西岸", None, "region", ["约旦河西岸"])
    assert found["place:chad"][3] == ["查德"]  # 查德湖南部: 湖南 is a word
    assert found["place:japan"][3] == ["日本"] and found["place:haifa"][3] == ["海法"]
    assert found["place:palestinian-territories"][3] == ["巴勒斯坦"]


def test_a_list_of_two_after_a_word_for_a_settlement_is_two_places(builder) -> None:
    """The Boko Haram article's `尼日尔的的城市博索及迪法`: after 城市, a list says where each name
    ends, so names of two characters are read too (博索 by its make; 迪法, a gazetteer's name too
    obscure to be read alone, as the gazetteer's Diffa); not words (`城市中心及郊区`); one name
    alone, of three characters or more (`小镇顿林斯克`)."""
    text = "2月6日，博科圣地针对尼日尔的的城市博索及迪法进行突袭。城市中心及郊区。小镇顿林斯克。"
    index = built_alone(builder, text)
    assert sorted((e.name_zh, e.name_en, e.country) for e in index.entities) == [
        ("博索", None, None), ("尼日尔", "Niger", "NE"), ("迪法", "Diffa", "NE"),
        ("顿林斯克", None, None)]


def test_a_people_a_faith_and_a_countrys_body_are_no_person_though_linked(builder) -> None:
    """The PKK article's `对[[库尔德人|库尔德人]]`, which jieba's dictionary tags a person's (a
    people: 人 ends it), the Hezbollah article's `[[穆斯林|穆斯林]]信徒` and the 2004 Moscow metro
    article's `[[俄罗斯杜马|俄罗斯杜马]]议员` (before a title, a proper noun that is no person's
    and a country's body); the Andijan article's `[[普京|普京]]总统` is a person still."""
    text = ("库尔德工人党坚称，自己的暴力活动是在它所认为的当地政府对[[库尔德人|库尔德人]]的打压。"
            "真主党在年轻的[[穆斯林|穆斯林]]信徒中很有影响。"
            "一位有影响力的[[俄罗斯杜马|俄罗斯杜马]]议员甚至呼吁俄罗斯实施紧急状态。"
            "安集延的抗议者向[[普京|普京]]总统呼吁帮助。")
    index = built_alone(builder, text)
    assert [e.name_zh for e in index.entities if e.kind == "person"] == ["普京"]


def test_a_linked_place_has_its_coordinates_and_two_places_two_ids(builder) -> None:
    from kzct.store.database import build_index

    index = build_index([("x.wikitext", "x.wikitext", "安集延发生骚乱。奥什州的首府是奥什市。", "x")],
                        builder)
    andijan = next(e for e in index.entities if e.name_zh == "安集延")
    assert (andijan.name_en, andijan.geonames_id, andijan.country) == ("Andijan", 1514588, "UZ")
    assert (andijan.latitude, andijan.longitude) == (40.78338, 72.35067)
    assert sorted((e.id, e.place_type) for e in index.entities if e.name_en == "Osh") == [
        ("place:osh", "subdivision"), ("place:osh-city", "city")]


def test_a_two_character_name_is_found_again_after_it_was_read(builder) -> None:
    """`普京`, read after an office, is a mention wherever the article writes it again after
    that, between clear edges (before a verb, after punctuation); not inside a longer name."""
    text = ("2001年，俄罗斯总统普京访问阿斯塔纳。\n\n2002年，普京表示反对，普京还会见了普京科夫。\n")
    index = built_alone(builder, text)
    [putin] = [e for e in index.entities if e.kind == "person" and e.name_zh == "普京"]
    assert [m.span for m in putin.mentions] == [(11, 13), (28, 30), (35, 37)]  # not 普京科夫


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # an office or a relation before a joined name is its role, not part of it (sentences of
        # the Beslan, Islamic Movement of Uzbekistan and Tokayev articles)
        ("俄罗斯国家电视台播放了被捕绑匪努尔-帕希·库拉耶夫的录像。",
         [("person", "努尔-帕希·库拉耶夫", "绑匪"), ("place", "俄罗斯", "country")]),
        ("该组织宣布尤尔达舍夫长期的副手阿布·乌斯曼·阿迪力成为新领导人。",
         [("person", "阿布·乌斯曼·阿迪力", "副手")]),
        ("其母图拉·莎巴帕耶娃是一名教师。", [("person", "图拉·莎巴帕耶娃", "其母")]),
        ("托卡耶夫的中文译名哈斯穆-卓玛尔特·托卡耶夫。", [("person", "哈斯穆-卓玛尔特·托卡耶夫", None)]),
        # 代表 is the office here, not 表皮 (skin) a word that ends before 埃
        ("欧盟中亚地区事务特别代表皮埃尔·莫瑞尔声称会谈有意义。",
         [("group", "欧盟", None), ("person", "皮埃尔·莫瑞尔", "地区事务特别代表"),
          ("place", "中亚", "region")]),
        # 万 of 伊万 is no numeral that ends a name (the President of Kazakhstan article's table)
        ("1925年，伊万·阿列克谢耶维奇·阿库洛夫和维克多·伊万诺维奇·纳尼什维利先后任职。",
         [("person", "伊万·阿列克谢耶维奇·阿库洛夫", None),
          ("person", "维克多·伊万诺维奇·纳尼什维利", None)]),
        # nouns jieba's dictionary tags as people's names, linked: a right, a script, letters
        ("哈萨克斯坦的[[立法权]]属于议会，[[哈萨克语]]转写为[[拉丁字母]]，先从[[阿拉伯文]]译为[[乌兹别克文]]。",
         [("place", "哈萨克斯坦", "country")]),
        # an office is no one who holds it; a faith's people no person after 代表 (represent)
        ("伊扎布特为单一领导人[[埃米尔|埃米尔]]的组织。", [("group", "伊扎布特", None)]),
        ("官方的宗教人士不代表穆斯林的利益。", []),
        # a transliterated name after an office ends where names end: punctuation, a date, a
        # stop; it may begin with a surname's character and hold a place's name (乌斯季, Ústí),
        # and ends with a regnal number (sentences of the Beslan article)
        ("俄罗斯总统顾问乌斯季诺夫2004年9月8日向俄罗斯总统[[普京|普京]]汇报了调查结果。",
         [("person", "乌斯季诺夫", "总统顾问"), ("person", "普京", "总统"), ("place", "俄罗斯", "country")]),
        ("[[亚美尼亚|亚美尼亚]]总统科恰良、[[法国|法国]]总统[[希拉克|希拉克]]谴责。",
         [("person", "希拉克", "总统"), ("person", "科恰良", "总统"), ("place", "亚美尼亚", "country"),
          ("place", "法国", "country")]),
        ("[[普京|普京]]中午与[[约旦|约旦]]国王[[阿卜杜拉二世|阿卜杜拉二世]]会面；",
         [("person", "阿卜杜拉二世", "国王"), ("place", "约旦", "country")]),
        # 任 (serve as) ends a name before an office; a Latin name before a word for a
        # publication, or its reporter, is the publication's (the Tokayev, IMU, Beslan articles)
        ("托卡耶夫任外长期间，在核不扩散领域发挥了积极作用。", []),
        ("Eurasia Critic杂志宣称，Novaya Gazeta的女记者Anna Politkovskaya在飞机上中毒。",
         [("person", "Anna Politkovskaya", "女记者")]),
        # a name before a title a body's staff hold is the body's; a weekday ends a name; a
        # pronoun is no name (sentences of the Urumqi attack and St Petersburg bombing articles)
        ("一位内部人员对[[财新|财新]]记者确认了内容的真实性。", []),
        ("[[俄罗斯外交部|俄罗斯外交部]]发言人卢卡舍维奇周四在新闻发布会上表示谴责。",
         [("group", "俄罗斯外交部", None), ("person", "卢卡舍维奇", "发言人")]),
        ("执法机关表示，把他唤作嫌犯为时过早。", []),
        # 乃 writes Uyghur names (布坚乃提); it ends no name (the Tiananmen attack article)
        ("判处被告人[[布坚乃提·阿卜杜喀迪尔|布坚乃提·阿卜杜喀迪尔]]死刑。",
         [("person", "布坚乃提·阿卜杜喀迪尔", "被告人")]),
        ("新疆军区[[政治委员|政治委员]]刘雷接任。", [("person", "刘雷", "新疆军区政治委员")]),
        ("谈判代表有著名小儿科医生罗沙利及普京总统车臣顾问[[阿斯哈诺夫|阿斯哈诺夫]]等人。",
         [("person", "罗沙利", "著名小儿科医生"), ("person", "阿斯哈诺夫", "顾问"),
          ("place", "车臣", "province or region in Russia")]),
    ],
)
def test_a_persons_name_ends_where_the_words_around_it_begin(builder, text, found) -> None:
    index = built_alone(builder, text)
    assert sorted((e.kind, e.name_zh or e.name_latin, e.role) for e in index.entities) == found


def test_a_street_made_once_is_that_street_wherever_written(builder) -> None:
    text = "乌鲁木齐市人民公园旁的公园北街是当地较大的生活早市。一些市民自发来到事发地公园北街悼念。"
    index = built_alone(builder, text)
    assert [(e.name_zh, [m.text for m in e.mentions]) for e in index.entities] == [
        ("公园北街", ["公园北街", "公园北街"])]


def test_latin_names_before_a_word_for_villages_are_villages(builder) -> None:
    """The Boko Haram article's `Bale Shuwa和Bale Kura村莊` and `Tsangayari和Garawa兩村`, and the
    Tiananmen attack article's `Yengi Aymaq村`: villages in Latin letters, no people; a Latin
    name before a verb is a person's still."""
    text = ("襲擊發生在該市軍營附近的Bale Shuwa和Bale Kura村莊。武裝分子在其中的Tsangayari和Garawa兩村遭到抵抗。"
            "阿克陶縣Yengi Aymaq村前村長說。Dmitry Kozlov说。")
    index = built_alone(builder, text)
    found = sorted((e.kind, e.name_latin, e.place_type) for e in index.entities if e.name_latin)
    assert found == [("person", "Dmitry Kozlov", None), ("place", "Bale Kura", "village"),
                     ("place", "Bale Shuwa", "village"), ("place", "Garawa", "village"),
                     ("place", "Tsangayari", "village"), ("place", "Yengi Aymaq", "village")]


def test_a_latin_name_made_of_the_words_of_organisations_is_no_person(builder) -> None:
    """Arabic and Kurdish names of organisations in Latin letters, made of their words for a
    front, a movement, a party or an emirate (the Jabhat Fateh al-Sham, PKK and Caucasus Emirate
    articles): no people; a Latin personal name beside them is one."""
    text = ("征服沙姆陣線（Jabhat Fateh al-Sham）與沙姆自由人伊斯蘭運動（Ahrar ash-Sham）合作。"
            "正義聯盟（Asa'ib Ahl al-Haq）發表聲明。高加索酋長國（罗马化：Imarat Kavkaz）是一個組織。"
            "库尔德斯坦工人党（Partiya Karkerên Kurdistan）。Abu Mohammad al-Ansari表示。")
    index = built_alone(builder, text)
    assert [e.name_latin for e in index.entities if e.kind == "person"] == ["Abu Mohammad al-Ansari"]


def test_a_direction_before_a_country_in_one_link_is_a_place_of_its_own(builder) -> None:
    """The Houthi article's `返回原[[南也门|南也门]]的首都[[亚丁|亚丁]]`: South Yemen, named in English
    with the direction's noun, and no mention of Yemen; a direction outside the link is no part
    of the name (`向南[[也门|也门]]`)."""
    text = ("他从首都萨那逃离，返回原[[南也门|南也门]]的首都[[亚丁|亚丁]]。"
            "2015年，沙特联军向南[[也门|也门]]推进。")
    index = built_alone(builder, text)
    places = {e.name_zh: (e.id, e.name_en, e.place_type, [m.text for m in e.mentions])
              for e in index.entities if e.kind == "place"}
    assert places["南也门"] == ("place:south-yemen", "South Yemen", "part", ["南也门"])
    assert places["也门"] == ("place:yemen", "Yemen", "country", ["也门"])


def test_a_linked_place_before_an_organisations_word_is_the_place(builder) -> None:
    """The Hizb ut-Tahrir article's `转往[[安曼|安曼]]大学伊斯兰系任教`: the article links the city
    (Amman), so it is named, though 大学 follows; unlinked, `北京大学` names no Beijing, and a
    linked demonym (`[[哈萨克斯坦]]人`) stays no mention of the country."""
    text = ("1951年，纳卜哈尼转往[[安曼|安曼]]大学伊斯兰系任教。他曾在北京大学讲学。"
            "许多[[哈萨克斯坦|哈萨克斯坦]]人参加了集会。")
    index = built_alone(builder, text)
    places = {e.name_en: [m.text for m in e.mentions] for e in index.entities
              if e.kind == "place"}
    assert places == {"Amman": ["安曼"]}


def test_an_infoboxs_dated_field_gives_its_flags_as_countries(builder) -> None:
    """The Houthi article's infobox: `allies` states a year (`直到2011年`), so it is read for no
    name but its flag templates (`{{PRK}}`, `{{flag|Russia}}`), each a country with no date;
    `designated_as_terror_group_by = {{flagu|Malaysia}}` likewise. The Tajik civil war's
    `combatant1` writes the IOC's codes (`{{BAN}}` Bangladesh, `{{URU}}` Uruguay) and Wikipedia's
    `{{SWI}}`; `{{BRN}}` is Brunei by its ISO code, though Bahrain's Olympic code is BRN."""
    text = ("{{Infobox militant organization\n| name = 胡塞运动\n"
            "| allies = '''國家盟友'''\n* {{PRK}}（據稱）\n"
            "*{{flagicon|Libya|1977}} [[阿拉伯利比亞民眾國|阿拉伯利比亞民眾國]] (直到2011年）（據稱)\n"
            "*{{flag|Russia}}\n"
            "| combatant1 = {{TJK}}<hr>{{BAN}}<br>{{URU}}<br>{{SWI}}<br>{{BRN}} 1992年\n"
            "| designated_as_terror_group_by = {{flagu|Malaysia}}\n}}\n"
            "'''胡塞运动'''是也门的一个武装组织。\n")
    index = built_alone(builder, text)
    places = {e.name_en: [m.text for m in e.mentions] for e in index.entities
              if e.kind == "place"}
    assert places == {"North Korea": ["PRK"], "Russia": ["Russia"], "Tajikistan": ["TJK"],
                      "Bangladesh": ["BAN"], "Uruguay": ["URU"], "Switzerland": ["SWI"],
                      "Brunei": ["BRN"], "Malaysia": ["Malaysia"], "Yemen": ["也门"]}
    assert [e.text for e in index.events] == []  # a flag is a name, never a dated event


def test_a_short_linked_name_where_its_neighbours_say_it_is_a_place(builder) -> None:
    """The Boko Haram article's `尼日利亚[[果扎|果扎]]现在其伊斯兰国的管辖下` and the Houthi
    article's `[[薩達|薩達]]和[[薩那|薩那]]`: a linked name of two characters written in the
    characters of foreign names is a place right after a place or in a list with one; not a
    person's (`美国[[布什]]政府`), nor alone (`[[卡努]]`)."""
    text = ("其头目阿布巴卡尔·谢考宣称，尼日利亚[[果扎|果扎]]现在其伊斯兰国的管辖下。"
            "总部设在[[薩達|薩達]]和[[薩那|薩那]]。美国[[布什|布什]]政府表示。[[卡努|卡努]]。")
    index = built_alone(builder, text)
    places = sorted((e.name_zh, e.source) for e in index.entities if e.kind == "place")
    assert places == [("尼日利亚", "cldr"), ("果扎", "article"), ("美国", "cldr"),
                      ("薩達", "article"), ("薩那", "geonames")]


def test_an_interlanguage_link_names_a_place_it_makes(builder) -> None:
    """The Hezbollah article's `边境城镇{{en-link|艾维威姆|Avivim}}附近` (zh-Wikipedia's other
    name of `{{link-en}}`): a place after a word for a settlement, named in English as the
    article names it."""
    text = "當日下午4点，真主党向以色列北部边境城镇{{en-link|艾维威姆|Avivim}}附近的军营发射了导弹。"
    index = built_alone(builder, text)
    made = [(e.name_zh, e.name_en, e.name_en_source) for e in index.entities
            if e.kind == "place" and e.source == "article"]
    assert made == [("艾维威姆", "Avivim", "article")]


def test_a_short_form_of_a_page_named_by_its_make_is_that_place(builder) -> None:
    """The Urumqi attack article's `新疆[[巴音郭楞蒙古自治州|巴州]]` and the Doku Umarov article's
    `[[車臣-印古什蘇維埃社會主義自治共和國|車臣-印古什]]`: the link's page is a place by its
    generic term, so its short form is that place, with the page's name as another name; not a
    common noun (`[[公安检查站_(中国大陆)|检查站]]`, `[[南京长江大桥|大桥]]`)."""
    text = ("努尔艾合买提·阿布力皮孜22日晚在新疆[[巴音郭楞蒙古自治州|巴州]]抓获。"
            "他生于{{USSR}}[[車臣-印古什蘇維埃社會主義自治共和國|車臣-印古什]]。"
            "各省市进入北京的高速公路陆续設置了[[公安检查站_(中国大陆)|检查站]]。"
            "游客参观了[[南京长江大桥|大桥]]。")
    index = built_alone(builder, text)
    made = sorted((e.name_zh, e.place_type, e.aliases) for e in index.entities
                  if e.kind == "place" and e.source == "article")
    assert made == [("巴州", "prefecture", ("巴音郭楞蒙古自治州",)),
                    ("車臣-印古什", "soviet republic", ("车臣-印古什苏维埃社会主义自治共和国",))]


def test_a_linked_name_where_one_goes_in_a_place_is_a_place(builder) -> None:
    """The Suruç bombing article's `前往[[敘利亞|敘利亞]]的[[科巴尼|科巴尼]]協助重建`: after a verb
    of going and a place and 的, a linked name written in the characters of foreign names is the
    smaller place; not after `来自` (a person from there: `来自伊朗的[[哈梅内伊]]`)."""
    text = ("他們在文化中心集合，正準備越過邊境，前往[[敘利亞|敘利亞]]的[[科巴尼|科巴尼]]協助重建。"
            "来自伊朗的[[哈梅内伊|哈梅内伊]]发表讲话。")
    index = built_alone(builder, text)
    made = [e.name_zh for e in index.entities if e.kind == "place" and e.source == "article"]
    assert made == ["科巴尼"]


def test_landmarks_by_their_generic_terms(builder) -> None:
    """The Saint Petersburg bombing article's `[[埃菲尔铁塔|埃菲尔铁塔]]和[[勃兰登堡门|勃兰登堡门]]`
    and the Suruç article's `「阿瑪拉文化中心」（Amara Culture Centre）`: a tower, a gate (a city's
    name and the term: Brandenburg Gate, no mention of Brandenburg) and a cultural centre."""
    text = ("而一些欧洲地标建筑如[[埃菲尔铁塔|埃菲尔铁塔]]和[[勃兰登堡门|勃兰登堡门]]也熄灯致哀。"
            "當地時間大約上午12時左右，「阿瑪拉文化中心」（Amara Culture Centre）的花园发生爆炸。")
    index = built_alone(builder, text)
    places = sorted((e.name_zh, e.name_en, e.place_type) for e in index.entities
                    if e.kind == "place")
    assert places == [("勃兰登堡门", "Brandenburg Gate", "gate"), ("埃菲尔铁塔", None, "tower"),
                      ("欧洲", "Europe", "continent"),
                      ("阿瑪拉文化中心", "Amara Culture Centre", "building")]


def test_a_date_and_a_word_are_no_parts_of_names(builder) -> None:
    """The Tehrik-i-Taliban Pakistan article's `2002年贝图拉·马哈苏德不得不亡命巴基斯坦` (年 is the
    date's, though the Xinhua tables write names with it) and `朝着天空中美国无人飞机开枪示警`
    (空中 is a word: the name is 美国, not 中美, Central America)."""
    text = ("但是2001年阿富汗塔利班当局被美国政府推翻，2002年贝图拉·马哈苏德不得不亡命巴基斯坦西北部。"
            "武装分子聚集在米兰沙阿，并且朝着天空中美国无人飞机开枪示警。")
    index = built_alone(builder, text)
    people = [e.name_zh for e in index.entities if e.kind == "person"]
    places = {e.name_en: [m.text for m in e.mentions] for e in index.entities
              if e.kind == "place"}
    assert people == ["贝图拉·马哈苏德"]
    assert places["United States"] == ["美国", "美国"] and "Central America" not in places


def test_a_chinese_name_after_a_person_in_an_enumeration_and_a_religious_title(builder) -> None:
    """The Tehrik-i-Taliban Pakistan article's `中国的兩名登山客[[杨春风|杨春风]]、饶剑锋在巴基斯坦`
    (a Chinese name by its make after a person in an enumeration is a person, though 饶 is no
    common surname and 剑锋 a word) and `*[[毛拉韦|毛拉韦]]纳齐尔（Maulvi Nazir）` (毛拉韦, Maulvi, a
    title, not a name); not an office's body (`[[习近平]]、国务院总理`) nor a verb (`、曾作为`)."""
    text = ("2013年，中国的兩名登山客[[杨春风|杨春风]]、饶剑锋在巴基斯坦被杀害。\n\n"
            "*[[毛拉韦|毛拉韦]]纳齐尔（Maulvi Nazir），2013年1月2日丧生。\n\n"
            "国家主席[[习近平|习近平]]、国务院总理[[李克强|李克强]]致电慰问。\n\n"
            "[[朱马·纳曼干尼|纳曼干尼]]、曾作为副手的[[塔希尔·尤尔达舍夫|尤尔达舍夫]]。\n")
    index = built_alone(builder, text)
    people = sorted((e.name_zh, e.name_en, e.role) for e in index.entities
                    if e.kind == "person")
    assert people == [("习近平", "Xi Jinping", "国家主席"), ("尤尔达舍夫", None, None),
                      ("李克强", "Li Keqiang", "国务院总理"), ("杨春风", "Yang Chunfeng", None),
                      ("纳曼干尼", None, None), ("纳齐尔", "Maulvi Nazir", "毛拉韦"),
                      ("饶剑锋", "Rao Jianfeng", None)]


def test_uyghur_names_written_with_characters_of_the_articles_own_joined_names(builder) -> None:
    """The 1997 Ghulja incident article: `[[阿不力克木·买合苏木]]` makes 不, 力, 买, 木 characters of
    foreign names in it, so `副总指挥阿不都黑力力等人` is 阿不都黑力力 (都 is a stop, but one such
    names are written with, and more of the name follows it), not 阿不; `成员买吐尔逊•邱纳克、
    阿不都吉力力和…` lists a second person after the first; `案犯阿卜杜勒·迈吉德` is a convict's
    name, with no 犯 on it."""
    text = ("当时知名宗教人士[[阿不力克木·买合苏木|阿不力克木·买合苏木]]派弟子在伊宁市传教。"
            "原副总指挥阿不都黑力力等人秘密会晤。\n\n"
            "乌鲁木齐公安局抓获组织成员买吐尔逊•邱纳克、阿不都吉力力和在六道湾张贴传单的吐尔洪•艾再丁等人。\n\n"
            "2001年10月15日，案犯阿卜杜勒·迈吉德、阿卜杜勒·艾哈迈德被判死刑。\n")
    index = built_alone(builder, text)
    people = sorted((e.name_zh, e.role) for e in index.entities if e.kind == "person")
    assert people == [("买吐尔逊•邱纳克", None), ("吐尔洪•艾再丁", None),
                      ("阿不力克木·买合苏木", None), ("阿不都吉力力", None),
                      ("阿不都黑力力", "原副总指挥"), ("阿卜杜勒·艾哈迈德", None),
                      ("阿卜杜勒·迈吉德", "案犯")]


def test_the_streets_of_a_chinese_city(builder) -> None:
    """The 1997 Ghulja incident article's `途经前进街时`, `在伊犁街的街口`, `在胜利路南端` (胜利路 is
    also a subdistrict of Chongqing in GeoNames: not this street), and the Urumqi Gongyuan North
    Street article's `南门、解放南路沿线、大湾北路沿线、人民路、和平北路沿线`: streets, named in
    English by their pinyin and their term's English (a romanization); not a way (`回家路上`,
    `通往广场的道路`, `面临绝路时`, `毒品十字路口`)."""
    text = ("一位士兵途经前进街时遭石头砸死。一位秘书在伊犁街的街口被捅死。三轮车夫在胜利路南端遭人打死。\n\n"
            "交通管制：北门、南门、解放南路沿线、大湾北路沿线、人民路、和平北路沿线。\n\n"
            "他在回家路上遇袭。官员封锁了通往广场的道路，但他在面临绝路时命令保镖开枪。土耳其处在毒品十字路口。\n")
    index = built_alone(builder, text)
    streets = sorted((e.name_zh, e.name_en, e.name_en_source) for e in index.entities
                     if e.kind == "place" and e.place_type == "street")
    assert streets == [
        ("人民路", "Renmin Road", "romanization"), ("伊犁街", "Yili Street", "romanization"),
        ("前进街", "Qianjin Street", "romanization"), ("和平北路", "Heping North Road", "romanization"),
        ("大湾北路", "Dawan North Road", "romanization"), ("胜利路", "Shengli Road", "romanization"),
        ("解放南路", "Jiefang South Road", "romanization")]


def test_landmarks_and_cities_beside_them_in_links(builder) -> None:
    """The 2016 Brussels bombings article: museums and buildings by their terms
    (`[[国家美术馆_(伦敦)|国家美术馆]]`, `[[世界貿易中心一號大樓]]`), an airport whose name holds a
    joined name (`[[巴黎夏尔·戴高乐机场]]`: no person), a city of two characters right before a
    linked landmark (`[[罗马]][[特雷維噴泉]]`, `[[杜拜]][[哈里发塔]]`), and no place where a link
    shows words about its page (`[[申根区|宽松的边境管制]]`)."""
    text = ("世界各地的主要建筑物包括[[杜拜|杜拜]][[哈里发塔|哈里发塔]]、[[伦敦|伦敦]][[国家美术馆_(伦敦)|国家美术馆]]、"
            "[[罗马|罗马]][[特雷維噴泉|特雷維噴泉]]、[[纽约|纽约]][[世界貿易中心一號大樓|世界貿易中心一號大樓]]。\n\n"
            "法国[[巴黎夏尔·戴高乐机场|巴黎夏尔·戴高乐机场]]加强了安保。"
            "英国独立党表示欧盟境内[[申根区|宽松的边境管制]]不利于国家的安全。\n")
    index = built_alone(builder, text)
    assert not [e.name_zh for e in index.entities if e.kind == "person"]
    places = sorted((e.name_zh, e.place_type) for e in index.entities if e.kind == "place")
    assert places == [
        ("世界貿易中心一號大樓", "building"), ("伦敦", "city"), ("哈里发塔", None),
        ("国家美术馆", "museum"), ("巴黎夏尔·戴高乐机场", "airport"), ("杜拜", "city"),
        ("法国", "country"), ("纽约", "city"), ("罗马", "city")]


def test_people_of_links_beside_words_that_are_not_names(builder) -> None:
    """The Islamic Revolutionary Guard Corps article: `[[艾哈迈迪-内贾德]]当选总统` (a hyphen joins a
    person's name before a verb only a person does), `[[鲁霍拉·穆萨维·何梅尼|何梅尼时代]]` (何梅尼,
    then the era), `[[库尔德]]冲突` (a people's conflict), `副司令阿贝德准将` (a rank after the name,
    an office before it)."""
    text = ("特别是曾在革命卫队任职的[[艾哈迈迪-内贾德|艾哈迈迪-内贾德]]当选总统以后，革命卫队大举进入商界。"
            "革衛隊經歷了两次转变，即分别发生在两伊战争期间和[[鲁霍拉·穆萨维·何梅尼|何梅尼时代]]的政治。\n\n"
            "[[库尔德|库尔德]]冲突\n\n他就是革命卫队副司令阿贝德准将。\n")
    index = built_alone(builder, text)
    people = sorted((e.name_zh, e.role, [m.text for m in e.mentions]) for e in index.entities
                    if e.kind == "person")
    assert people == [("何梅尼", None, ["何梅尼"]),
                      ("艾哈迈迪-内贾德", None, ["艾哈迈迪-内贾德"]),
                      ("阿贝德", "革命卫队副司令", ["阿贝德"])]


def test_people_by_offices_and_orders_named_after_them(builder) -> None:
    """The 2016 Dhaka attack article's `日本首相[[安倍晋三]]表示` (a numeral ends a Japanese given
    name) and `21件为伊斯兰国宣称系其所为` (a state's name before a verb of saying, no person);
    the Emomali Rahmon article's `{{link-en|亞歷山大·涅夫斯基勳章|…}}` (an order named after a
    person: the person, not the order) and `幼女扎里娜（Zarrina）` (a youngest daughter)."""
    text = ("日本首相[[安倍晋三|安倍晋三]]表示：“这些人为孟加拉国的发展努力工作。”"
            "自2015年9月起，已有超过30起攻击，而其中21件为伊斯兰国宣称系其所为。\n\n"
            "* {{link-en|亞歷山大·涅夫斯基勳章|Order of Alexander Nevsky }}（2017）\n"
            "* 幼女扎里娜（Zarrina）曾在英國留學。\n")
    index = built_alone(builder, text)
    people = sorted((e.name_zh, e.role) for e in index.entities if e.kind == "person")
    assert people == [("亞歷山大·涅夫斯基", None), ("安倍晋三", "首相"), ("扎里娜", "幼女")]


def test_a_name_that_begins_with_a_towns_name_and_a_county(builder) -> None:
    """The Al-Shabaab article's list item `*扎卡里亚·伊斯梅尔·艾哈迈德·哈尔西（Zakariya Ismail Ahmed
    Hersi）` (its first part holds Zachary, a town in Louisiana, which begins the item: the
    person's, whole), `肯尼亚东北部[[瓦吉尔郡]]` (a county) and `上士张楠` (a sergeant)."""
    text = ("*扎卡里亚·伊斯梅尔·艾哈迈德·哈尔西（Zakariya Ismail Ahmed Hersi）\n\n"
            "2019年6月15日，肯尼亚东北部[[瓦吉尔郡|瓦吉尔郡]]13名警察遭袭击。"
            "使馆警卫人员、武警山东总队临沂支队上士张楠，不幸在袭击中颈动脉破裂。\n")
    index = built_alone(builder, text)
    people = sorted((e.name_zh, e.role) for e in index.entities if e.kind == "person")
    assert people == [("张楠", "支队上士"), ("扎卡里亚·伊斯梅尔·艾哈迈德·哈尔西", None)]
    places = sorted((e.name_zh, e.place_type) for e in index.entities if e.kind == "place")
    assert ("瓦吉尔郡", "county") in places and not any(p[0] == "扎卡里" for p in places)


def test_where_a_name_ends_before_a_suspicion_an_office_and_a_foundation(builder) -> None:
    """The Ramzan Kadyrov article: `拉姆贊·卡德羅夫因疑似COVID-19被送往…` (因 ends the name before
    another stop), `当选车臣新总统` (Chechnya's new president: no 车臣新), `艾哈迈德·卡德罗夫基金`
    (the person's foundation) and `[[苏菲派]]` in the infobox's religion (a school, no person)."""
    text = ("{{Infobox officeholder\n| religion = [[伊斯兰教|伊斯兰教]][[逊尼派|逊尼派]][[苏菲派|苏菲派]]\n}}\n"
            "2020年5月21日，車臣領導人拉姆贊·卡德羅夫因疑似COVID-19被送往莫斯科醫院。"
            "次日经车臣议会投票，当选车臣新总统。"
            "2020年12月，美國對由卡德罗夫创建的艾哈迈德·卡德罗夫基金实施制裁。\n")
    index = built_alone(builder, text)
    people = sorted(m.text for e in index.entities if e.kind == "person" for m in e.mentions)
    assert people == ["拉姆贊·卡德羅夫", "艾哈迈德·卡德罗夫"]


def test_a_large_foreign_city_jieba_tags_a_common_noun(builder) -> None:
    """The Ramzan Kadyrov article's `俄羅斯在[[基輔|基輔]]外的行動`: jieba's dictionary tags 基辅 a
    common noun, a slip for a city of three million outside China (a Chinese city's name made of
    words, 开封, to unseal, is still read only with its term)."""
    text = ("卡德羅夫據報有參與俄羅斯在[[基輔|基輔]]外的行動。他曾访问平壤。信封已经开封。"
            "卡德罗夫宣佈會將一處廢墟拆卸並於原址興建一座[[艾哈邁德-卡德羅夫清真寺_(格羅茲尼)|歐洲最大的清真寺]]。\n")
    index = built_alone(builder, text)
    # (and a link that shows words about a place, `歐洲最大的清真寺`, names none: Europe is read)
    assert sorted(e.name_en for e in index.entities if e.kind == "place") == [
        "Europe", "Kyiv", "Pyongyang", "Russia"]


def test_two_states_and_a_city_named_as_its_namesakes(builder) -> None:
    """中美 is CLDR's Central America, and China and the United States in `中美关系`; GeoNames
    names Washington, D.C. only 华盛顿特区, and 华盛顿 only for towns called Washington in
    England and the United States, so the capital takes its namesakes' shorter name."""
    text = "2019年，中美关系紧张，中美两国代表在[[华盛顿]]会谈，[[中美洲]]国家也派人参加。\n"
    index = built_alone(builder, text)
    assert sorted((e.name_zh, e.name_en, e.country, e.geonames_id) for e in index.entities
                  if e.kind == "place") == [("中美洲", "Central America", None, None),
                                             ("华盛顿", "Washington", "US", 4140963)]


def test_a_city_before_a_linked_landmark_and_the_terms_of_buildings(builder) -> None:
    """The 2016 Istanbul airport attack article's `如柏林[[勃兰登堡门]]、巴黎[[埃菲尔铁塔]]、
    [[阿姆斯特丹王宫]]、伦敦[[温布利球场]]`: a wikilink's edge cuts 巴黎埃菲尔铁塔, a word of jieba's
    dictionary, so Paris is read; a palace and a stadium are places of their own. A hospital after
    a city in running text is one in the city (`被送往莫斯科醫院`), a linked one a place."""
    text = ("许多建筑被照亮，如柏林[[勃兰登堡门|勃兰登堡门]]、巴黎[[埃菲尔铁塔|埃菲尔铁塔]]、"
            "[[阿姆斯特丹王宫|阿姆斯特丹王宫]]、伦敦[[温布利球场|温布利球场]]。"
            "他被送往莫斯科醫院，后来住进[[泰姬陵酒店]]。\n")
    index = built_alone(builder, text)
    assert sorted((e.name_zh, e.name_en, e.place_type) for e in index.entities
                  if e.kind == "place") == [
        ("伦敦", "London", "city"), ("勃兰登堡门", "Brandenburg Gate", "gate"),
        ("埃菲尔铁塔", None, "tower"), ("巴黎", "Paris", "city"), ("柏林", "Berlin", "city"),
        ("泰姬陵酒店", None, "hotel"), ("温布利球场", "Wembley Stadium", "stadium"),
        ("莫斯科", "Moscow", "city"),
        ("阿姆斯特丹王宫", "Amsterdam Royal Palace", "palace")]


def test_names_are_japanese_where_the_body_or_an_office_says_so(builder) -> None:
    """The World Uyghur Congress article lists a Japanese book among its sources
    (`『中国を追われたウイグル人…』`): its body writes no Japanese, so 迪里夏提 (Dilxat) gets no
    Hepburn reading (`Teki Sato Natsu Tei`). The Dhaka attack article's `日本首相[[安倍晋三]]`: an office of
    Japan's makes the name Japanese (Abe Shinzo), and 习近平 stays Xi Jinping. A slogan in English
    (`We're Here and We're Not Afraid`) and an organisation's name in Uyghur (`Dunya Uyghur
    Qurultiyi`, the congress) are no people."""
    text = ("'''世界維吾爾代表大會'''（拉丁维文：{{lang|ug-Latn|Dunya Uyghur Qurultiyi}}）是一个组织。"
            "世維大會發言人迪里夏提表示反对。"
            "日本首相[[安倍晋三]]表示强烈谴责，中国国家主席[[习近平]]也表示谴责。"
            "人们打出标语（{{lang|en|We're Here and We're Not Afraid}}）。\n\n"
            "== 来源 ==\n* 水谷尚子：『中国を追われたウイグル人』，文藝春秋，2007年。\n")
    index = built_alone(builder, text)
    assert sorted((e.name_zh, e.name_latin, e.name_en) for e in index.entities
                  if e.kind == "person") == [
        ("习近平", None, "Xi Jinping"), ("安倍晋三", None, "Abe Shinzo"), ("迪里夏提", None, None)]


def test_a_latin_initial_inside_a_joined_name(builder) -> None:
    """The 2016 Istanbul airport attack article's `[[约翰·F·肯尼迪国际机场]]` is an airport, not a
    person's name; `[[乔治·W·布什]]` the whole of the curated name, not 布什 with 乔治·W before it."""
    text = ("美国总统[[乔治·W·布什]]发表讲话。各大国际机场都加强安保，如"
            "[[约翰·F·肯尼迪国际机场|约翰·F·肯尼迪国际机场]]。[[约翰·F·肯尼迪]]遇刺。\n")
    index = built_alone(builder, text)
    assert sorted((e.kind, e.name_zh) for e in index.entities) == [
        ("person", "乔治·W·布什"), ("person", "约翰·F·肯尼迪"),
        ("place", "约翰·F·肯尼迪国际机场"), ("place", "美国")]


def test_people_an_infobox_field_names_by_its_key(builder) -> None:
    """The World Uyghur Congress article's `leader_name2 = 艾尔肯·艾克热木<br />帕尔哈提·穆罕穆德`:
    a field whose key names people is read though nothing in it is linked; one that states a date
    (`spouse = …（1996年结婚）`) and one whose key names no people (`ideology`) are not."""
    text = ("{{Infobox organization\n|name = 世界维吾尔代表大会\n|leader_title2 = 副主席\n"
            "|leader_name2 = 艾尔肯·艾克热木<br />帕尔哈提·穆罕穆德\n"
            "|spouse = 梅德尼·穆萨耶夫娜（1996年结婚）\n|ideology = 阿卜杜拉·卡迪尔主义\n}}\n"
            "'''世界维吾尔代表大会'''是一个组织。\n")
    index = built_alone(builder, text)
    assert sorted(e.name_zh for e in index.entities if e.kind == "person") == [
        "帕尔哈提·穆罕穆德", "艾尔肯·艾克热木"]


def test_words_of_comparison_exception_and_origin_end_a_name(builder) -> None:
    """The 2013 Shanshan attack article's `像吾拉音·艾力`, `除艾合买提尼亚孜·斯迪克外` and `…斯迪克自2012
    年起`, and the 2014 Sydney siege article's `劫持者曼·哈龙·莫尼斯遭拒`: the words around a name
    are not of it (and 劫持者, a hostage-taker, is the role before it)."""
    text = ("像吾拉音·艾力这样的人。除艾合买提尼亚孜·斯迪克外，其余人被捕。"
            "艾合买提尼牙孜·斯迪克自2012年起组织。劫持者曼·哈龙·莫尼斯遭拒。\n")
    index = built_alone(builder, text)
    assert sorted((e.name_zh, e.role) for e in index.entities if e.kind == "person") == [
        ("吾拉音·艾力", None), ("曼·哈龙·莫尼斯", "劫持者"), ("艾合买提尼亚孜·斯迪克", None),
        ("艾合买提尼牙孜·斯迪克", None)]


def test_a_chinese_place_geonames_names_in_pinyin_alone(builder) -> None:
    """The 2014 Yarkand attack article's `莎车县` and `普恰克其乡`: GeoNames names these only in
    Hanyu Pinyin (Shache, Puqiakeqi), which the name's reading with its term finds; the name
    without its term is the same place after (`莎车出事`). `于城市` is a city (城市), no Yucheng."""
    text = ("7月28日，莎车县艾里西湖镇发生暴力恐怖袭击，暴徒又前往普恰克其乡。"
            "网民从电台听到莎车出事的消息。他在于城市中心。\n")
    index = built_alone(builder, text)
    assert sorted((e.name_zh, e.name_en, e.geonames_id, tuple(m.text for m in e.mentions))
                  for e in index.entities if e.kind == "place") == [
        ("普恰克其乡", "Puqiakeqi", 12450867, ("普恰克其乡",)),
        ("艾里西湖镇", "Elixku", 1281278, ("艾里西湖镇",)),
        ("莎车县", "Shache", 1280037, ("莎车县", "莎车"))]


def test_memorials_towers_and_cafes_and_the_people_they_name(builder) -> None:
    """The 2013 Boston bombing and 2014 Sydney siege articles: `[[尚恩·柯利爾紀念碑]]` is a
    memorial, and 尚恩·柯利爾 a campus policeman (校警); `[[瑞士莲|瑞士莲巧克力咖啡厅]]` a café,
    not a bureau (厅); `[[帝国大厦]]` a building; the Yarkand article's `李永军夫妇被害` a couple,
    so 李永军 a person."""
    text = ("麻省理工學院設置了[[尚恩·柯利爾紀念碑|尚恩·柯利爾紀念碑]]，紀念殉職的校警尚恩·柯利爾。"
            "事件发生在[[瑞士莲|瑞士莲巧克力咖啡厅]]。警方在[[帝国大厦|帝国大厦]]加强警戒。"
            "他途经李永军夫妇被害的十字路口。\n")
    index = built_alone(builder, text)
    assert sorted((e.kind, e.name_zh, e.place_type or e.role) for e in index.entities) == [
        ("person", "尚恩·柯利爾", "校警"), ("person", "李永军", None),
        ("place", "尚恩·柯利爾紀念碑", "monument"), ("place", "帝国大厦", "building"),
        ("place", "瑞士莲巧克力咖啡厅", "cafe")]


def test_a_native_place_a_quoted_name_and_a_years_unit(builder) -> None:
    """The 2013 Boston bombing article's `[[沈阳]]籍女留学生` names Shenyang (where she was from);
    the 2014 Yarkand article's `‘自由亞洲’電台` is Radio Free Asia, no mention of Asia; the 2013
    Shanshan article's `2013年巴楚县` holds no place 年巴楚县 (年 is the year's)."""
    text = ("来自[[中国|中国]][[沈阳|沈阳]]籍女留学生遇难。他说从‘自由亞洲’電台聽到消息。"
            "2013年巴楚县发生袭击。\n")
    index = built_alone(builder, text)
    assert sorted(e.name_en for e in index.entities if e.kind == "place") == ["China", "Shenyang"]


def test_a_division_before_native_of_is_where_someone_is_from(builder) -> None:
    """The 2013 Shanshan article's dead policeman, `[[阿合奇县]]人`, and the 2014 Urumqi article's
    `阿布力孜·达吾提（皮山县人）`: a place written with its division's term before 人 is where
    someone is from (a demonym is a people's name: 哈萨克人); `该市人流` is a crowd."""
    text = ("遇袭身亡的特警是[[阿合奇县|阿合奇县]]人。阿布力孜·达吾提（皮山县人）纠集同伙。"
            "哈萨克人聚集在该市人流密集处。\n")
    index = built_alone(builder, text)
    assert sorted(e.name_zh for e in index.entities if e.kind == "place") == ["皮山县", "阿合奇县"]


def test_an_official_before_what_the_party_did_to_him(builder) -> None:
    """The 2014 Yarkand attack article's list of officials punished: `莎車縣委書記何利民撤銷黨內
    職務`, `縣委常委、公安局局長胡彪…免職` (the punishment ends the name), `紀委書記凱薩山爾·達吾提`."""
    text = ("# 莎車縣委書記何利民撤銷黨內職務、行政降級；\n# 縣委常委、公安局局長胡彪免職；\n"
            "# 縣委常委、紀委書記凱薩山爾·達吾提黨內嚴重警告；\n")
    index = built_alone(builder, text)
    # (and 凱薩山 is no mountain: 山 is of the joined name)
    assert sorted((e.kind, e.name_zh) for e in index.entities if e.source == "article") == [
        ("person", "何利民"), ("person", "凱薩山爾·達吾提"), ("person", "胡彪")]


def test_a_flag_template_named_as_its_country_and_a_country_after_a_city(builder) -> None:
    """The 2013 Boston bombing article's reactions, `* {{英国}}：[[伦敦马拉松]]的组织单位…`:
    zh-Wikipedia's flag template named as the country shows it (a template not so named, a
    navbox, shows nothing); and `位於安曼美國大使館`: a country's name after a city is its edge."""
    text = ("== 反应 ==\n* {{英国}}：组织单位随后重新检阅了安保。\n* {{东突}}\n"
            "約旦的安全官員表示加強了對位於安曼美國大使館的警衛。\n")
    index = built_alone(builder, text)
    assert sorted(e.name_en for e in index.entities if e.kind == "place") == [
        "Amman", "Jordan", "United Kingdom", "United States"]


def test_a_word_the_article_writes_as_a_name_part_is_one(builder) -> None:
    """The 2013 Bachu attack article writes `喀斯木·买买提带领众人` and `买买提明·巴拉提`: 买买提
    (Memet), a noun in jieba's dictionary, is a part of a name there, so the second name is read
    whole."""
    text = "喀斯木·买买提带领众人。受害者买买提明·巴拉提遇害。\n"
    index = built_alone(builder, text)
    assert sorted(e.name_zh for e in index.entities if e.kind == "person") == [
        "买买提明·巴拉提", "喀斯木·买买提"]


def test_a_linked_name_where_something_was_done(builder) -> None:
    """The Abu Bakr al-Baghdadi article's `“伊斯兰国”在[[泰勒阿费尔|泰勒阿费尔]]发布简短声明`: a
    linked transliteration after 在 and before what was done there is a place (Tal Afar, found
    by its sound); not a person's name that ends as a Slavic surname does."""
    text = ("2017年7月11日，伊拉克苏马里亚电视台称，“伊斯兰国”在[[泰勒阿费尔|泰勒阿费尔]]发布简短声明。"
            "车臣武装在[[杜达耶夫|杜达耶夫]]发动的战争中失败。\n")
    index = built_alone(builder, text)
    assert [e.name_zh for e in index.entities if e.kind == "place"
            and e.source == "article"] == ["泰勒阿费尔"]


def test_a_latin_name_that_begins_with_a_places_term(builder) -> None:
    """The Al-Shabaab article's `辛巴营地（Camp Simba）`: English writes the term first, as in
    `Lake Chad`; a place, not a person."""
    text = "2020年1月5日，青年黨袭击了美军和肯尼亚军队在肯尼亚-索马里边境的辛巴营地（Camp Simba）。\n"
    index = built_alone(builder, text)
    assert not [e for e in index.entities if e.kind == "person"]
    assert [(e.name_latin, e.place_type) for e in index.entities
            if e.kind == "place" and e.source == "article"] == [("Camp Simba", "camp")]


def test_latin_names_of_buildings_and_a_district_of_a_city(builder) -> None:
    """The Peshawar school attack article's `送往Combined Military Hospital及Lady Reading Hospital`
    and `[[白沙瓦]]Warsak Road`: places by their English terms, no people (but `Michael Bay`,
    whose surname is a term too, is one); `卡拉奇曼霍佩尔区`: Karachi, then its district (a name of
    three characters or more between a city and a term is no longer name holding the city's)."""
    text = ("最少114人據報受傷並被分別送往Combined Military Hospital及Lady Reading Hospital治理。"
            "学校位于[[白沙瓦|白沙瓦]]Warsak Road。导演Michael Bay表示震惊。"
            "12月20日，巴基斯坦特警小队袭击了卡拉奇曼霍佩尔区一间安全屋。")
    index = built_alone(builder, text)
    places = sorted((e.name_zh or e.name_latin, e.place_type) for e in index.entities
                    if e.kind == "place")
    people = [e.name_latin for e in index.entities if e.kind == "person"]
    assert places == [("Combined Military Hospital", "hospital"),
                      ("Lady Reading Hospital", "hospital"), ("Warsak Road", "street"),
                      ("卡拉奇", "city"), ("巴基斯坦", "country"), ("曼霍佩尔区", "district"),
                      ("白沙瓦", "city")]
    assert people == ["Michael Bay"]


def test_a_process_is_no_person(builder) -> None:
    """The Muslim Brotherhood article's `（{{lang-ar|…}}，[[罗马化|罗马化]]：{{transl|ar|…}}）`:
    罗马化 (romanization) is a place's name and -ize, no person."""
    text = ("'''穆斯林兄弟會'''（{{lang-ar|الإخوان المسلمين}}，[[罗马化|罗马化]]："
            "{{transl|ar|DIN|al-ʾIḫwān al-Muslimūn}}）是一個政治組織。")
    index = built_alone(builder, text)
    assert [e.name_zh for e in index.entities if e.kind == "person"] == []


def test_a_valley_by_its_one_character_term(builder) -> None:
    """The Peshawar school attack article's `巴陆军部队…立刻在开伯尔和提拉谷同时发动地面进攻`:
    谷, a valley, after a name written in the characters of foreign names, with the Latin form
    the article gives it elsewhere; not a word that ends with 谷 (`低谷`)."""
    text = ("12月18日晚，巴陆军部队尾随逃跑的恐怖分子，立刻在开伯尔和提拉谷同时发动地面进攻。"
            "提拉谷（Tirah Valley）位于边境附近。双方关系跌入低谷。")
    index = built_alone(builder, text)
    made = [(e.name_zh, e.name_latin, e.place_type) for e in index.entities
            if e.kind == "place" and e.source == "article"]
    assert made == [("提拉谷", "Tirah Valley", "valley")]


def test_a_nationality_before_a_title_is_no_person(builder) -> None:
    """The Peshawar school attack article's `伊朗裔美籍学者瓦利·纳斯尔表示`: 伊朗裔美籍 (of Iranian
    descent, American) stands before the title, and is no name; the scholar is."""
    text = "伊朗裔美籍学者瓦利·纳斯尔表示，“塔利班意图削弱军方的力量。”"
    index = built_alone(builder, text)
    assert [(e.name_zh, e.role) for e in index.entities if e.kind == "person"] == [
        ("瓦利·纳斯尔", "伊朗裔美籍学者")]


def test_a_prison_by_its_term(builder) -> None:
    """`[[阿布格莱布监狱]]` (Abu Ghraib prison): a place by its term, 监狱; `秘密监狱` (a secret
    prison) is no name."""
    text = "他曾被关押在[[阿布格莱布监狱|阿布格莱布监狱]]。美国在阿富汗设有秘密监狱。"
    index = built_alone(builder, text)
    assert [(e.name_zh, e.place_type) for e in index.entities
            if e.kind == "place" and e.source == "article"] == [("阿布格莱布监狱", "prison")]


def test_a_sentence_after_a_name_in_a_judgment_ends_it(builder) -> None:
    """The Urumqi attack article's judgment `…麦麦提·吾布力艾山等2人死刑缓期二年执行；木海买提·
    依比热合木无期徒刑，剥夺政治权利终身`: the sentence a court passes ends the name before it."""
    text = "法院判处麦麦提·吾布力艾山死刑缓期二年执行；木海买提·依比热合木无期徒刑，剥夺政治权利终身。"
    index = built_alone(builder, text)
    assert sorted(e.name_zh for e in index.entities if e.kind == "person") == [
        "木海买提·依比热合木", "麦麦提·吾布力艾山"]


def test_a_linked_joined_name_is_whole_and_found_again_whole(builder) -> None:
    """The PKK article's `总参谋长[[亚沙尔·比于卡尼特|亚沙尔·比于卡尼特]]将军`, then `土耳其总参谋长
    亚沙尔·比于卡尼特将军宣称`: the wikilink's edges are the name's (于 is a stop word, but not inside
    a linked name), and the name is found whole where it is written again."""
    text = ("总理[[雷杰普·塔伊普·埃尔多安|雷杰普·塔伊普·埃尔多安]]和总参谋长[[亚沙尔·比于卡尼特|亚沙尔·比于卡尼特]]"
            "将军不承认这一行动。土耳其总参谋长亚沙尔·比于卡尼特将军宣称，虽然如此。")
    index = built_alone(builder, text)
    people = sorted((e.name_zh, e.role, len(e.mentions)) for e in index.entities
                    if e.kind == "person")
    assert people == [("亚沙尔·比于卡尼特", "总参谋长", 2), ("雷杰普·塔伊普·埃尔多安", "总理", 1)]


def test_latin_forms_of_stations_events_and_mosques_and_a_brigade_are_no_people(builder) -> None:
    """The 2005 London bombings article's `牧人叢站（Shepherd's Bush）` (a station's Latin form),
    `2人於Tavistock Place的一輛巴士` (a place by its English word), `[[阿布·哈夫斯·马斯里旅]]` (a
    brigade named after a man), `国际奥委会表示` (the IOC) and `27岁索马里裔人侯赛因·奥斯曼` (his
    descent before the name); the 2019 Christchurch article's `1997年華利姆大屠殺（Raurimu
    Massacre）` and `''Masjid Al Noor''` (the mosque's Arabic name)."""
    text = ("发生爆炸的地铁站是牧人叢站（Shepherd's Bush）。2人於Tavistock Place的一輛巴士爆炸中死亡。"
            "欧洲分支[[阿布·哈夫斯·马斯里旅|阿布·哈夫斯·马斯里旅]]发表声明称。国际奥委会表示无关。"
            "在罗马被捕的27岁索马里裔人侯赛因·奥斯曼。這是1997年華利姆大屠殺（Raurimu Massacre）後首宗。"
            "[[努爾清真寺|努爾清真寺]]（''Masjid Al Noor''）位於市中心。\n")
    index = built_alone(builder, text)
    assert sorted(e.name_zh or e.name_latin for e in index.entities if e.kind == "person") == [
        "侯赛因·奥斯曼"]
    assert "Tavistock Place" in {e.name_latin for e in index.entities if e.kind == "place"}


def test_a_full_width_hyphen_joins_a_name_and_a_common_words_latin_gloss_is_no_person(
        builder) -> None:
    """The al-Qaeda article's `[[阿卜杜勒－阿齊茲·穆克林]]` (a full-width hyphen in an Arabic
    name, Abd al-Aziz al-Muqrin) is one name; the Rebiya Kadeer article's `紅色通報（Red Notice）`
    is the common word's English, no person's name."""
    text = ("基地沙特頭目[[阿卜杜勒－阿齊茲·穆克林|阿卜杜勒－阿齊茲·穆克林]]被擊斃。"
            "多里坤只是列名在會員國通知的紅色通報（Red Notice）。\n")
    index = built_alone(builder, text)
    assert [e.name_zh or e.name_latin for e in index.entities if e.kind == "person"] == [
        "阿卜杜勒－阿齊茲·穆克林"]


def test_generic_words_a_script_a_school_and_two_states_are_no_places(builder) -> None:
    """The Taliban article: `巴基斯坦山区` (mountain areas: jieba's dictionary tags 山区 and 城市 as
    places' names, and no gazetteer holds them), `城市地區`, `羅馬拼音轉寫` (romanization),
    `德奧班德學派` (a school of thought), `中美都派代表` (China and the US, not Central America);
    and `驻多哈政治办事处`: Doha, a capital, however few live there."""
    text = ("他们在阿富汗与巴基斯坦山区进行游击活动。塔利班繼續向城市地區製造爆炸案。羅馬拼音轉寫如下。"
            "以激進的德奧班德學派觀點詮釋。中美都派代表参加。塔利班驻多哈政治办事处主任来访。\n")
    index = built_alone(builder, text)
    assert sorted(e.name_en for e in index.entities if e.kind == "place") == [
        "Afghanistan", "Doha", "Pakistan"]


def test_latin_names_with_initials_and_generations_and_a_pub(builder) -> None:
    """The 2016 Orlando shooting article's list of the dead (`* Oscar A. Aracena-Montero, 26`,
    `* Enrique L. Rios Jr., 25`, `* Stanley Almodovar III, 23`, `* Brenda L. Marquez McCool, 49`):
    each a person, whole; the 2002 Bali bombings article's `夜總會Paddy's Pub`: a place."""
    text = ("== 遇难者 ==\n* Oscar A. Aracena-Montero, 26\n* Enrique L. Rios Jr., 25\n"
            "* Stanley Almodovar III, 23\n* Brenda L. Marquez McCool, 49\n\n"
            "2002年10月12日晚上，夜總會Paddy's Pub內的一名自殺式炸彈襲擊者引爆了一枚炸彈。\n")
    index = built_alone(builder, text)
    assert sorted((e.kind, e.name_latin) for e in index.entities) == [
        ("person", "Brenda L. Marquez McCool"), ("person", "Enrique L. Rios Jr."),
        ("person", "Oscar A. Aracena-Montero"), ("person", "Stanley Almodovar III"),
        ("place", "Paddy's Pub")]


def test_latin_letters_with_diacritics_titles_ending_in_a_person_and_pinyin(builder) -> None:
    """The FARC article's `Iván Ríos` and `Marcos Calarcá` (whole, with their accents) and its
    Spanish name `Fuerzas Armadas Revolucionarias de Colombia` (an organisation's words); the
    People's Mujahedin article's `審計員路易斯·李·霍金斯` (a title ending in 员; jieba's word 路易
    leaves no one-character part), `創始人艾哈邁德·雷扎伊` and `阿亞圖拉霍梅拉` (a title); the SCO
    article's `罗马化：Shànghǎi Hézuò Zǔzhī`, Hanyu Pinyin, no person."""
    text = ("指揮官Iván Ríos和Marcos Calarcá被殺。"
            "哥倫比亞革命武裝力量（Fuerzas Armadas Revolucionarias de Colombia）成立。"
            "審計員路易斯·李·霍金斯在寓所前被殺。創始人艾哈邁德·雷扎伊的著作出版。"
            "阿亞圖拉霍梅拉下令開槍。\n* 罗马化：Shànghǎi Hézuò Zǔzhī（Shànghé Zǔzhī）\n")
    index = built_alone(builder, text)
    assert sorted((e.name_zh or e.name_latin, e.role) for e in index.entities
                  if e.kind == "person") == [
        ("Iván Ríos", "指揮官"), ("Marcos Calarcá", None), ("艾哈邁德·雷扎伊", "創始人"),
        ("路易斯·李·霍金斯", None), ("霍梅拉", "阿亞圖拉")]


def test_a_hospital_by_its_own_name_and_one_in_a_city(builder) -> None:
    """The 2005 London bombings article's `聖瑪莉醫院接收38人` (St Mary's: a hospital by its own
    name, not a city's) is a place; `被送往莫斯科醫院` is a hospital in Moscow, and Moscow the place."""
    text = "聖瑪莉醫院接收38人，其中17人重傷。伤者被送往莫斯科醫院。\n"
    index = built_alone(builder, text)
    assert sorted(e.name_zh for e in index.entities if e.kind == "place") == [
        "聖瑪莉醫院", "莫斯科"]


def test_a_common_word_begins_a_name_only_after_a_title(builder) -> None:
    """The People's Mujahedin article's `中校路易斯·李·霍金斯` (jieba knows 路易, Louis, as a word:
    after a title it begins the name); the al-Qaeda article's `证据证明本·拉登` (本 is bin: the word
    证明 before it is no part of the name)."""
    text = "[[美國陸軍|美國陸軍]]中校路易斯·李·霍金斯被殺。FBI官員表示无足夠证据证明本·拉登策划。\n"
    index = built_alone(builder, text)
    assert sorted(e.name_zh for e in index.entities if e.kind == "person") == [
        "本·拉登", "路易斯·李·霍金斯"]


def test_the_person_a_biography_is_about_by_the_leads_bold_name(builder) -> None:
    """The Chen Quanguo article (an `Infobox officeholder`): `'''陈全国'''`, then `任命陈全国为…书记`
    and `陈全国在西藏主政期间` (jieba's word 全国 ends no name there): one person. In an article
    with no person's infobox, a bold name is not taken so."""
    lead = "'''陈全国'''，男，[[河南省|河南省]]人，中华人民共和国政治人物。\n\n"
    body = "2011年，中共中央任命陈全国为西藏自治区党委书记。陈全国在西藏主政期间多次下乡。\n"
    index = built_alone(builder, "{{Infobox officeholder\n| 姓名 = 陈全国\n}}\n" + lead + body)
    person = [e for e in index.entities if e.kind == "person"]
    assert [(e.name_zh, e.name_en, len(e.mentions)) for e in person] == [
        ("陈全国", "Chen Quanguo", 3)]
    index = built_alone(builder, "{{Infobox event\n| 名称 = 陈全国\n}}\n" + lead + body)
    assert [e.name_zh for e in index.entities if e.kind == "person"] == []


def test_latin_names_of_things_are_no_people(builder) -> None:
    """The Red Army Faction article's `Rote Armee Fraktion` and `Armed Struggle`, the Shining Path
    article's `El Marxismo-Leninismo`, the Alpha Group article's `Crye Precision` and `Warrior
    Assault Systems` (an organisation's, a concept's, a book's and makers' words); `Andreas
    Baader` is a person."""
    text = ("红军派（Rote Armee Fraktion）是一个组织。其理论为Armed Struggle。"
            "他著有El Marxismo-Leninismo。装备来自Crye Precision和Warrior Assault Systems。"
            "领导人Andreas Baader被捕。\n")
    index = built_alone(builder, text)
    assert [e.name_latin for e in index.entities if e.kind == "person"] == ["Andreas Baader"]


def test_a_surname_is_the_person_a_wikilink_names_by_its_page(builder) -> None:
    """The 2019 Christchurch article: `美国总统特朗普` and `[[唐纳德·特朗普|川普]]` (the page's name
    ends with 特朗普): one person."""
    text = "他是美国总统特朗普的支持者。美国总统[[唐纳德·特朗普|川普]]发推慰问。\n"
    index = built_alone(builder, text)
    assert [sorted(m.text for m in e.mentions) for e in index.entities if e.kind == "person"] == [
        ["川普", "特朗普"]]
