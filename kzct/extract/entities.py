"""People, places and groups mentioned in body sentences.

Everything is matched on each sentence's simplified shadow (``kzct.text``) and cut from the text as
written, so a traditional article gives the same entities, written its own way.

- Curated names (``kzct/data``) and places from the gazetteers (``kzct.parse.gazetteer``), longest name
  first. A place name is not taken where it is part of something else: inside a transliterated
  person's name (`弗拉基米尔·普京` is no Vladimir), a demonym or a language (`哈萨克人`,
  `乌兹别克语`), an organisation (`北京大学`), or a longer word (`阿拉伯` holds no Arrah). A short
  city name that is also a common word (`合作`) is a place only with a place suffix (`合作市`).
  A place name followed by a geographic suffix (`安集延州`, `费尔干纳盆地`) is a place of its own
  whose kind the suffix gives.
- Places no gazetteer holds, by their make (``_by_make``): a name with a generic term (通名,
  ``kzct/data/place_terms.toml``), as a wikilink or in the characters of foreign names; a
  direction and a transliteration in a wikilink; a transliterated wikilink after a place; a name
  after a word for a settlement; and each again, wherever the article writes it.
- People nobody curated: transliterated names joined by `·•‧・･` or a hyphen, their edges found
  by the words around them (an office before the name goes into ``role``; a verb or a particle
  after it ends it); names before or after a title (`卡里莫夫总统`, `国家主席胡锦涛`); wikilinks
  whose target is such a name; Latin names that look like personal names. A later bare surname
  or given name of someone already named counts as a mention of that person, unless two people
  share it.
- Names the article itself says are one (conversion markup, ``{{NoteTA}}``, ``{{le}}``) are one
  entity.
"""

from __future__ import annotations

import bisect
import re
import string
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any, NamedTuple

from kzct.model import Entity, Link, Mention, Sentence
from kzct.parse.gazetteer import (
    NAMED_BY_WORDS,
    Curated,
    Gazetteer,
    Place,
    PlaceTable,
    bare_name,
)
from kzct.sounds import place_terms
from kzct.text import HAN, NAME_JOINERS, Scripts, fold, has_cjk, is_cjk

_HYPHENS = "-‐－"  # (the full-width one too: `阿卜杜勒－阿齊茲·穆克林`)
_JOINERS = frozenset(NAME_JOINERS + _HYPHENS)
_NUMERALS = frozenset("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万")
_COUNTED = frozenset("名个位人岁年月日次")  # what a numeral counts (`三名`, `两人`)
# A Latin personal name: capitalised words (their letters with diacritics too: `Iván Ríos`; Mc,
# Mac and O' before a capital: `Brenda L. Marquez McCool`), with the particles of Arabic and
# European names, middle initials (`Oscar A. Aracena-Montero`) and a generation after them
# (`Darryl R. Burt II`, `Enrique L. Rios Jr.`).
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower())
_LATIN_WORD = (rf"(?!(?:Jr|Sr)\b)(?:Ma?c|O['’])?[{_UPPER}][{_LOWER}]+"
               rf"(?:[-'’][{_UPPER}]?[{_LOWER}]+)?")
_LATIN_NAME = re.compile(
    rf"(?<![{_UPPER}{_LOWER}\-'’]){_LATIN_WORD}"
    r"(?:\s+(?:[A-Z]\.\s+)?(?:(?:al|an|as|ash|el|bin|ibn|bint|abu|de|del|della|di|da|van|von|der|la|le)"
    rf"[\s-]+)?{_LATIN_WORD})*(?:,?\s+(?:Jr|Sr)\.|,?\s+(?:Jr|Sr|II|III|IV)(?![A-Za-z.]))?"
    rf"(?![{_UPPER}{_LOWER}])"
)
# the vowels with a caron, which only Hanyu Pinyin writes (its third tone): no personal name
_PINYIN_TONE = re.compile("[ǎǐǒǔǚǍǏǑǓǙ]")
# Capitalised words that make a Latin phrase something other than a personal name.
_NOT_NAME_WORDS = frozenset("""
Party Movement Union Republic Front Army Organization Organisation Association Society Council
Committee Ministry Agency Bureau Service Services Police Guard Forces Force Brigade Group Network
News Times Post Daily Radio Free Europe Liberty Press Agency Television Journal Review Magazine
Herald Tribune Gazette Monitor Watch Rights Human International National Federal State States
United Nations World Global Foundation Institute University College School Center Centre Bank
Islamic Islam Muslim Muslims Mujahideen Mujahedin Mujahedins Jihad Jamaat Hizb Tahrir Taliban
Qaeda Brotherhood Liberation Turkestan Turkistan Eastern Western Northern Southern East West North
South Central Asian Asia European American Russian Chinese Kazakh Uzbek Kyrgyz Tajik Turkish
Arab Arabic Jewish Christian Catholic Orthodox Church Mosque Conference Summit Forum Treaty
Convention Declaration Program Programme Project Operation Exercise Mission Peace War Terror
Terrorism Counter Security Defense Defence Intelligence Affairs Foreign Interior Justice Office
Court Supreme Parliament Senate Congress House Assembly Government Administration Embassy
Region District City Province Square Street Airport Station Valley River Mountains Sea Lake
Kingdom Empire Emirates Federation Democratic People Peoples Socialist Soviet The And For Of In
On With By At From To January February March April May June July August September October
November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Terrorist Terrorists
Minister
President Prime General Colonel Major Secretary Chairman Director Ambassador Speaker Deputy
Wikipedia Internet Online Website Web Network Channel Communist Social Democratic Liberal
Jabhat Jabhah Harakat Harakah Ahrar Asa'ib Kata'ib Ansar Jaysh Jaish Tanzim Hay'at Jama'at
Partiya Imarat Emirate
Qurultay Qurultayi Qurultiyi Kurultay Kurultayı Partisi Partiyisi Birliki Birliği Cemiyeti
Jamiyiti Teshkilati Teşkilatı Hareketi Herikiti Cephesi Derneği Vakfı Meclisi
I I'm We We're You You're They They're It It's Not Don't Are Is Here There Our My Your Their
Massacre Attack Attacks Bombing Bombings Shooting Shootings Siege Crisis Incident Riot Riots
Uprising Revolution Rebellion Insurgency Hijacking Explosion Masjid
Fuerzas Armadas Ejército Frente Partido Movimiento Revolucionarias Revolucionario Revolucionaria
Nacional Liberación Organización Unión Comité Consejo Brigadas Armée Parti Mouvement Partei
Bewegung Mojahedin Mojahedeen Mujahedeen Sazman Nahzat Nehzat Armee Fraktion Bund Struggle
Directorate Systems Technologies Industries Corporation Company Precision Assault El Los Las Die Das
""".split())
# What follows two states' one-character names, 中 (China) and another's, when they are no
# place's name: the relations between the two (`中美关系`, `中美两国`, `中非建交`; 中美 is also
# CLDR's Central America, 中非 Central Africa)
_BILATERAL = re.compile(r"关系|两国|双方|建交|会谈|峰会|边境|边界|外交|对话|贸易|军演|联合声明|都|均|共同")
# What follows a place's name in an organisation's name (北京大学, 德国之声).
_ORGANISATION_AFTER = re.compile(
    r"(?:合作组织|合作理事会|组织|大学|学院|公司|集团|银行|协会|学会|委员会|电视台|电台|日报|时报|晚报|"
    r"之声|通讯社|新闻社|航空|基金会|研究所|研究院|研究中心|足球|队|奥运会|世博会|公约|宣言|条约|"
    r"伊斯兰运动|伊斯兰党|解放运动|解放组织|独立运动|独立党|运动|阵线|联盟|党|广播|电视|邮报|理事会)")
# A native of a city (`新疆和田人`): 人 that begins no word (人口, 人员)
_NATIVE_OF = re.compile(r"人(?!权|口|大|民|质|员|士|物|们|类|力|群|数|次|身|工|造|心|生|手|流|潮)")
# After a place, a demonym or a language: 哈萨克人, 乌兹别克族, 俄语; or a script or a school named
# after it: 罗马拼音, 德奥班德学派. (One character that
# begins a common word is none of these: 哈萨克斯坦教育部, 乌兹别克斯坦化工厂. A place before 籍 is
# where one is from or a citizen of, which names it: `沈阳籍女留学生`.)
_DEMONYM_AFTER = re.compile(r"(?:人(?!权|口|大|民币|质)|族|语|裔|文(?!化|件)|教|化|字|式|拼音|学派)")
# What makes a name before it the name of a conflict or a movement (`[[库尔德]]冲突`)
_EVENT_AFTER = re.compile(r"冲突|战争|内战|问题|危机|事件|革命|起义|暴动|骚乱|独立")
_PLACE_SUFFIX = re.compile(r"(?:市|县|区|镇|乡|村|州|省|地区|自治[州区县]|边疆区)")
_PLACE_SUFFIX_CHARS = frozenset("市县区镇乡村州省河山湖岛湾港城")
# The last character of an administrative division's term (`莎车县`, `艾力西湖镇`)
_DIVISION_ENDS = frozenset("市县区镇乡村州省旗")
# What ends the name of a place, a building or a feast, never a person's (克里姆林宫, which jieba's
# dictionary tags as a person's name); and of a thing, a text or a war (白磷弹, 古兰经), a people
# (库尔德人), a descent or a nationality (伊朗裔美籍学者: before a title, no name) or a process
# (罗马化, romanization: a place's name and -ize)
# What ends the name of an armed unit, a party or a body (`阿布·哈夫斯·马斯里旅`, `奥委会`)
_UNIT_ENDS = frozenset("旅团党会")
_NO_PERSON_END = _PLACE_SUFFIX_CHARS | frozenset("宫馆院所寺堂门塔桥楼厅营站场节") \
    | frozenset("弹炮枪经报刊案战役器舰") | frozenset("人裔籍化") | frozenset("派") | _UNIT_ENDS
# What quotes a title (《…》), and what quotes anything: each opening mark and its closing one.
_BOOK_TITLE = {"《": "》"}
_QUOTED = {"“": "”", "「": "」", "『": "』", "《": "》", "\"": "\"", "‘": "’"}
_MAX_PART = 8  # characters in one part of a transliterated name
_CONJUNCTIONS = frozenset("和与及或跟同")


class _Found:
    """An entity while its mentions are being collected."""

    def __init__(self, key: str, kind: str, *, curated: Curated | None = None,
                 place: Place | None = None, name_zh: str | None = None,
                 name_latin: str | None = None, source: str = "article") -> None:
        self.key = key
        self.kind = kind
        self.curated = curated
        self.place = place
        self.name_zh = name_zh
        self.name_latin = name_latin
        self.name_en: str | None = None
        self.name_en_source: str | None = None  # of ``name_en``, where no place gives it
        self.role: str | None = None
        self.japanese = False  # a person whose office is Japan's (`日本首相[[安倍晋三]]`)
        self.source = source
        self.place_type: str | None = None
        self.country_known = True  # a derived place's country, when the article supports it
        self.aliases: list[str] = []
        self._mentions: dict[tuple[int, int], Mention] = {}  # by span, in the order found

    @property
    def mentions(self) -> list[Mention]:
        return list(self._mentions.values())

    def add(self, mention: Mention) -> None:
        self._mentions.setdefault(mention.span, mention)

    def drop(self, span: tuple[int, int]) -> None:
        """The mention at ``span`` is none (a place inside a person's name)."""
        self._mentions.pop(span, None)


def slug(text: str) -> str:
    """``Būshehr`` → ``bushehr``, ``Ust-Kamenogorsk`` → ``ust-kamenogorsk``."""
    out = re.sub(f"[^0-9a-z{HAN}]+", "-", fold(text)).strip("-")
    return out or "x"


def entity_id(entry: Curated) -> str:
    name = entry.en or (entry.forms[0] if entry.forms else "unnamed")
    return f"{entry.entity_kind}:{slug(name)}"


class _Hit(NamedTuple):
    start: int
    end: int
    kind: str  # curated, place, block
    value: Any  # a Curated, a list of place indexes, or None


class Names:
    """Every name kzct knows before reading an article, in simplified characters, for longest
    match: curated forms and Chinese aliases, gazetteer places, and words that are no place.
    Made once per build (``kzct.build.Builder``) and shared by its articles."""

    def __init__(self, gazetteer: Gazetteer, places: PlaceTable, scripts: Scripts) -> None:
        self.places = places
        self.table: dict[str, tuple[str, Any]] = {}
        scripts.regional_many([scripts.simplified(f) for entry in gazetteer.entries
                               for f in (*entry.zh, *entry.aliases)])  # one OpenCC call each
        for entry in gazetteer.entries:
            chinese = [f for f in (*entry.zh, *entry.aliases) if has_cjk(f)]
            if entry.kind == "place" and entry.place_type == "region":
                # a region is written without its suffix too, as the table's are (印古什), where
                # that names no other place
                chinese += [b for f in chinese if (b := bare_name(scripts.simplified(f)))
                            and b not in chinese and b not in places.names]
            for form in chinese:
                simple = scripts.simplified(form)
                for name in (simple, *scripts.regional(simple)):
                    self.table.setdefault(name, ("curated", entry))
            for form in entry.latin:
                self.table.setdefault(form, ("curated", entry))
        for name in gazetteer.other_names:
            self.table.setdefault(scripts.simplified(name), ("block", None))
        for name, ids in places.names.items():
            self.table.setdefault(name, ("place", ids))
        for name in places.blockers:
            self.table.setdefault(name, ("block", None))
        self.lengths: dict[str, list[int]] = {}
        self._index(self.table)
        # the curated entries that are other names of a table's place, by its key
        self.links = {e.same_as: e for e in gazetteer.entries if e.same_as is not None}
        # a country's English name by its code
        countries = places.places.of_kind("country")
        self.countries = {p.country: p.en for p in countries if p.country and p.en}
        # a country by its ISO code and by its English name (casefolded), for flag templates
        self.country_places: dict[str, Place] = {}
        for p in countries:
            if p.country:
                self.country_places.setdefault(p.country, p)
                if p.en:
                    self.country_places.setdefault(p.en.casefold(), p)

    def _index(self, names: Iterable[str]) -> None:
        """Add ``names`` to ``lengths``: by their first two characters, the lengths of the
        names that begin with them, longest first."""
        added: dict[str, set[int]] = {}
        for name in names:
            if len(name) >= 2:
                added.setdefault(name[:2], set()).add(len(name))
        for start, lengths in added.items():
            known = self.lengths.get(start)
            if known is not None:
                lengths.update(known)
            self.lengths[start] = sorted(lengths, reverse=True)

    def with_aliases(self, same: dict[str, str]) -> Names:
        """These names and those an article says are one with a known name (each takes what
        another of them is known as)."""
        extra = {name: self.table[canonical] for name, canonical in same.items()
                 if name not in self.table and canonical in self.table}
        if not extra:
            return self
        view = object.__new__(Names)
        view.places = self.places
        view.links = self.links
        view.countries = self.countries
        view.country_places = self.country_places
        view.table = {**self.table, **extra}
        view.lengths = {key: list(values) for key, values in self.lengths.items()}
        view._index(extra)
        return view

    def _yields(self, shadow: str, i: int) -> bool:
        """Whether a name of two characters at ``i`` gives way to a place name that begins at its
        second character, where a common word ends with its first (`天空中美国`: 空中, then 美国)."""
        if i == 0 or shadow[i - 1:i + 1] not in self.places.words:
            return False
        other = self.table.get(shadow[i + 1:i + 3])
        return other is not None and other[0] == "place"

    def find(self, shadow: str, edges: Container[int] = ()) -> list[_Hit]:
        """The known names of ``shadow``, left to right, longest first, without overlaps. A
        word that is no place is not one where a wikilink begins or ends inside it (``edges``):
        `巴黎[[埃菲尔铁塔]]` holds Paris, though jieba's dictionary knows 巴黎埃菲尔铁塔."""
        found: list[_Hit] = []
        i, n = 0, len(shadow)
        table, lengths = self.table, self.lengths
        while i < n - 1:
            candidates = lengths.get(shadow[i:i + 2])
            if candidates is not None:
                for length in candidates:
                    name = shadow[i:i + length]
                    hit = table.get(name)
                    if hit is not None and length == 2 and self._yields(shadow, i):
                        continue  # `天空中美国`: 空中 is a word, and 美国 the name, not 中美
                    if hit is not None and hit[0] == "block" and edges \
                            and any(at in edges for at in range(i + 1, i + length)):
                        continue
                    if hit is not None and len(name) == length and _whole_word(shadow, i, i + length):
                        found.append(_Hit(i, i + length, hit[0], hit[1]))
                        # a short name that is a common word (合作) or obscure (于伊, a town in
                        # Belgium, in 关于伊扎布特) takes nothing from the names after it
                        i += 1 if hit[0] == "place" and name in self.places.common else length
                        break
                else:
                    i += 1
                continue
            i += 1
        return found


def _name_words(sentences: list[Sentence], places: PlaceTable,
                stops: frozenset[str]) -> frozenset[str]:
    """The common words an article writes as a whole part of a joined name: right after a joiner
    and before another joiner, a stop word (``stops``), anything but a Chinese character or the
    end of the text (`喀斯木·买买提带领`: 买买提)."""
    found: set[str] = set()
    for sentence in sentences:
        shadow = sentence.shadow
        for joiner in _JOINER.finditer(shadow):
            at = joiner.start()
            for k in (4, 3, 2):
                word, end = shadow[at + 1:at + 1 + k], at + 1 + k
                if len(word) == k and word in places.words and (
                        end == len(shadow) or not is_cjk(shadow[end])
                        or shadow[end] in NAME_JOINERS
                        or any(shadow[end:end + n] in stops for n in (1, 2, 3, 4))):
                    found.add(word)
                    break
    return frozenset(found)


_JOINER = re.compile(f"[{re.escape(NAME_JOINERS)}]")


def _whole_word(text: str, start: int, end: int) -> bool:
    """Latin names match whole words only."""
    if not (text[start].isascii() and text[start].isalpha()):
        return True
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


class _Context:
    """What the rules need while reading one article."""

    def __init__(self, gazetteer: Gazetteer, names: Names, scripts: Scripts, seed: str,
                 japanese: bool = False, joined_chars: frozenset[str] = frozenset(),
                 name_words: frozenset[str] = frozenset()) -> None:
        self.gazetteer = gazetteer
        self.names = names
        self.places = names.places
        self.scripts = scripts
        self.seed = seed
        # (the longest first, then in the order of their characters: the same order in every
        # process, whatever the set's)
        self.titles = tuple(sorted({scripts.simplified(t) for t in gazetteer.titles},
                                   key=_longest_first))
        self.stops = tuple(sorted({scripts.simplified(s) for s in gazetteer.name_stops},
                                  key=_longest_first))
        self.person_verbs = tuple(sorted({scripts.simplified(v) for v in gazetteer.person_verbs},
                                         key=_longest_first))
        # the stop words and titles by length: a test looks up the few words of each length at
        # a position, not every stop word in turn
        self._stops_by_length = _by_length(self.stops)
        self._titles_by_length = _by_length(self.titles)
        self._foreign: frozenset[str] | None = None
        self.joined_chars = joined_chars  # see ``foreign``
        # common words the article writes as a whole part of a joined name, right after its joiner
        # (`喀斯木·买买提`: 买买提, Memet, which jieba's dictionary counts a noun, is a name there,
        # and no word that ends a name before it: `买买提明·巴拉提`)
        self.name_words = name_words
        self.japanese = japanese  # the article writes Japanese (kzct.parse.romanize.hepburn)
        # a person's name in simplified characters read from Japanese forms → the person's key
        self.japanese_keys: dict[str, str] = {}
        self.found: dict[str, _Found] = {}
        # the joined names of the people read so far (simplified, one joiner): where a name
        # read again ends (``_known_end``)
        self.joined_people: set[str] = set()
        self.terms = place_terms()  # the generic terms of place names (边疆区, 河, 北)
        self.term_pattern = re.compile("|".join(map(re.escape, self.terms.longest_first())))
        # the English generic terms a Latin place name ends with (`Warsak Road`, `Lady Reading
        # Hospital`) → the kind of place, but not those that are also English surnames
        self.english_terms = {fold(en.split()[-1]): kind
                              for _zh, (kind, english, _settlement) in self.terms.terms.items()
                              for en in english if fold(en.split()[-1]) not in _SURNAME_TERMS}
        self.english_terms.update((fold(en), fold(en)) for en in self.terms.buildings)
        self.ending_pattern = re.compile("|".join(map(re.escape, self.terms.endings)))

    @property
    def foreign(self) -> frozenset[str]:
        """The characters foreign names are written with: the place table's and the Xinhua
        tables', and those of the names the article links written with a joiner
        (`[[阿不力克木·买合苏木]]`: the Uyghur names of an article about Xinjiang are written with
        characters no Xinhua table holds, 不, 力, 买, 木)."""
        if self._foreign is None:
            from kzct.sounds import transliteration_characters

            self._foreign = self.places.translit | transliteration_characters() | self.joined_chars
        return self._foreign

    def place_index(self, place: Place) -> int | None:
        return self.places.places.index_of(place.key)

    def place_by_key(self, key: str) -> Place | None:
        index = self.places.places.index_of(key)
        return self.places.places[index] if index is not None else None

    def english(self, place: Place) -> str | None:
        """A place's English name: the curated one where curated data links to it."""
        link = self.names.links.get(place.key)
        return link.en if link is not None and link.en else place.en

    def country_name(self, code: str) -> str | None:
        return self.names.countries.get(code)

    def known_name(self, name: str) -> bool:
        """Whether ``name`` is a place, a curated name or a word that is no person."""
        return name in self.names.table

    def entity(self, key: str, kind: str, **kwargs: Any) -> _Found:
        item = self.found.get(key)
        if item is None:
            item = self.found[key] = _Found(key, kind, **kwargs)
        return item

    def title_before(self, shadow: str, pos: int) -> str | None:
        """The longest title that ends at ``pos``."""
        for n, titles in self._titles_by_length:
            if n <= pos and shadow[pos - n:pos] in titles:
                return shadow[pos - n:pos]
        return None

    def stop_at(self, shadow: str, pos: int, inside: bool = False) -> bool:
        """A stop word or a title starts at ``pos``. ``inside`` a name, a one-character stop
        that foreign names are written with (都 in 阿不都, 和 in 和田) does not end it."""
        return any((word := shadow[pos:pos + n]) in stops and not (inside and self._soft(word))
                   for n, stops in self._stops_by_length) or \
            any(shadow[pos:pos + n] in titles for n, titles in self._titles_by_length)

    def _word(self, text: str) -> bool:
        """A common word that cannot be part of a foreign name: not one written only with the
        characters of foreign names (特别 is in 穆拉特别克), unless one of them is a place's
        term (市区, 城镇: a word about places, not part of a name)."""
        translit = self.places.translit
        return text in self.places.words and text not in self.name_words and not all(
            c in translit and c not in _PLACE_SUFFIX_CHARS for c in text)

    def word_before(self, shadow: str, pos: int) -> bool:
        """A common word (`人类学家`, `前任`) ends at ``pos``."""
        return any(self._word(shadow[pos - k:pos]) for k in (2, 3, 4) if pos >= k)

    def word_at(self, shadow: str, pos: int) -> bool:
        """A common word (`大学`, `蒙面`) starts at ``pos``."""
        return any(self._word(shadow[pos:pos + k]) for k in (2, 3, 4) if pos + k <= len(shadow))

    def generic_at(self, shadow: str, pos: int) -> bool:
        """A word of two characters for an area (`山区`, `城市`) that jieba's dictionary tags as a
        place's name, which no gazetteer holds, begins at ``pos``: a generic word, not a place
        (a position after a feature's term names the feature: `查德湖畔`)."""
        word = shadow[pos:pos + 2]
        return len(word) == 2 and word[1] in "区地市" and self.generic(word)

    def generic(self, word: str) -> bool:
        """``word`` is one jieba's dictionary tags as a place's name but no gazetteer holds
        (`城市`, `山区`, `郊区`): a generic word, not a place."""
        return word in self.places.proper and word not in self.places.no_place \
            and word not in self.places.names

    def word_across(self, shadow: str, pos: int) -> bool:
        """A common word or a stop word runs across ``pos`` (`曾任` across `曾|任撒切尔`)."""
        words = self.places.words
        return any(shadow[pos - j:pos - j + k] in words
                   for k in (2, 3, 4) for j in range(1, k) if pos - j >= 0) or any(
            shadow[pos - j:pos - j + n] in stops for n, stops in self._stops_by_length if n > 1
            for j in range(1, n) if pos - j >= 0)

    def has_word(self, name: str) -> bool:
        """``name`` holds a common word (`多次连任`, `世界维吾尔`): no personal name."""
        words = self.places.words
        return any(name[i:i + k] in words for k in (2, 3, 4) for i in range(len(name) - k + 1))

    def stop_before(self, shadow: str, pos: int, inside: bool = False) -> bool:
        return any(pos >= n and (word := shadow[pos - n:pos]) in stops
                   and not (inside and self._soft(word)) for n, stops in self._stops_by_length)

    def _soft(self, stop: str) -> bool:
        """A one-character stop that foreign names are also written with, but a conjunction."""
        return len(stop) == 1 and stop in self.places.translit and stop not in _CONJUNCTIONS


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def _by_length(words: Iterable[str]) -> list[tuple[int, frozenset[str]]]:
    """Words grouped by their length: (length, the words of it), the longest first."""
    lengths: dict[int, set[str]] = {}
    for word in words:
        if word:
            lengths.setdefault(len(word), set()).add(word)
    return [(n, frozenset(lengths[n])) for n in sorted(lengths, reverse=True)]


def extract_entities(
    sentences: list[Sentence],
    gazetteer: Gazetteer,
    known: Names,
    seed: str,
    scripts: Scripts,
    aliases: Iterable[tuple[str, ...]] = (),
    japanese: bool = False,
    flags: Iterable[tuple[int, int, str]] = (),
    biography: Iterable[str] = (),
) -> list[Entity]:
    """Every person, place and group the body mentions, with all its mentions. ``japanese``:
    the article writes Japanese, and its names in kanji are romanized the Japanese way;
    ``flags``: the countries flag templates name (seed span, ISO 3166-1 alpha-2);
    ``biography``: the names the lead of a person's article writes in bold (陈全国), the
    person's wherever written."""
    places = known.places
    same: dict[str, str] = {}
    groups_of_names: list[tuple[str, ...]] = []
    for names in aliases:
        simple = tuple(dict.fromkeys(scripts.simplified(n) for n in names if n))
        if len(simple) > 1:
            groups_of_names.append(simple)
            for name in simple[1:]:
                same.setdefault(name, simple[0])
    article_names = known.with_aliases(same)
    joined_chars = frozenset(
        c for s in sentences for link in s.links if _JOINED_NAME.fullmatch(link.text)
        for c in scripts.simplified(link.text) if is_cjk(c))
    stops = frozenset(scripts.simplified(s) for s in gazetteer.name_stops)
    ctx = _Context(gazetteer, article_names, scripts, seed, japanese, joined_chars,
                   _name_words(sentences, known.places, stops))
    links = [_Links(s) for s in sentences]  # (found once: `find` and `_known` both ask)
    hits = [article_names.find(s.shadow, frozenset(link.edges))
            for s, link in zip(sentences, links)]
    countries = _country_mentions(hits, places)
    covered: list[_Cover] = []
    for sentence, sentence_hits, sentence_links in zip(sentences, hits, links):
        covered.append(_known(ctx, sentence, sentence_hits, countries, sentence_links))
    _flagged(ctx, sentences, covered, flags)
    _by_make(ctx, sentences, covered)
    _organisations(ctx, sentences, covered)
    people: list[tuple[int, int, int, str, str | None]] = []  # sentence, start, end, key, role
    subject = _biography_names(biography, scripts)
    for position, sentence in enumerate(sentences):
        if subject:
            _subject_named(ctx, sentence, covered[position], people, position, subject)
        _links(ctx, sentence, covered[position], people, position)
        _joined(ctx, sentence, covered[position], people, position)
        _titled(ctx, sentence, covered[position], people, position)
        _before_verb(ctx, sentence, covered[position], people, position)
        _aged(ctx, sentence, covered[position], people, position)
    _latin(ctx, sentences, covered)
    _short_names(ctx, sentences, covered, people)
    _enumerated(ctx, sentences, covered, people)
    _chinese_beside_people(ctx, sentences, covered, people)
    _merge_same(ctx, groups_of_names)
    _merge_tails(ctx)
    _merge_republics(ctx)
    # every name written, with its regional forms in one OpenCC call (alias_list asks for them)
    scripts.regional_many(scripts.simplified_many(
        [m.text for item in ctx.found.values() for m in item.mentions]))
    entities = [with_sentences(_freeze(item, ctx), sentences)
                for item in ctx.found.values() if item.mentions]
    # (a Chinese name in simplified characters: the same order in either script)
    entities.sort(key=lambda e: (e.kind, -len(e.mentions), e.name_en or e.name_latin
                                 or scripts.simplified(e.name_zh or "")))
    return _unique_ids(entities)


def _biography_names(names: Iterable[str], scripts: Scripts) -> list[str]:
    """The bold names of a person's article that are names by their make (two to twelve
    characters of names and joiners), in simplified characters, the longest first."""
    simple = {scripts.simplified(n) for n in names}
    return sorted((n for n in simple if 2 <= len(n) <= 12
                   and all(_is_name_char(c) or c in _JOINERS for c in n)
                   and _is_name_char(n[0]) and _is_name_char(n[-1])), key=_longest_first)


def _subject_named(ctx: _Context, sentence: Sentence, cover: _Cover,
                   people: list[tuple[int, int, int, str, str | None]], position: int,
                   names: list[str]) -> None:
    """The person a biography is about, wherever its body writes one of the lead's bold names
    (`陈全国在西藏主政期间`: jieba's word 全国 does not end it): that person, one entity."""
    shadow = sentence.shadow
    for name in names:
        at = shadow.find(name)
        while at >= 0:
            end = at + len(name)
            if not cover.hard_taken(at, end):
                _add_person(ctx, sentence, at, end, _role_before(ctx, shadow, at, cover), cover,
                            people, position, key_name=names[0])
            at = shadow.find(name, end)


def with_sentences(entity: Entity, sentences: list[Sentence]) -> Entity:
    """The entity with the text of each sentence its mentions are in, once: a sentence that
    names a place ten thousand times is kept once, not ten thousand times."""
    numbers = dict.fromkeys(m.sentence for m in entity.mentions)
    return entity._replace(sentences=tuple((n, sentences[n].text) for n in numbers))


def _unique_ids(entities: list[Entity]) -> list[Entity]:
    """Two places of one English name (the city of Osh and its province) get two ids: the
    second takes its kind (`place:osh-subdivision`), then a number."""
    seen: set[str] = set()
    out = []
    for entity in entities:
        new_id, n = entity.id, 1
        while new_id in seen:
            n += 1
            new_id = f"{entity.id}-{entity.place_type or entity.kind}" if n == 2 \
                else f"{entity.id}-{n}"
        seen.add(new_id)
        out.append(entity if new_id == entity.id else entity._replace(id=new_id))
    return out


def _mention(sentence: Sentence, start: int, end: int) -> Mention:
    return Mention(text=sentence.text[start:end], sentence=sentence.number,
                   section=sentence.section, span=sentence.seed_span(start, end),
                   refs=sentence.refs)


def _enclosed(text: str, marks: dict[str, str]) -> list[tuple[int, int]]:
    """The spans of ``text`` between an opening mark and the first closing one after it, marks
    included, from the left and apart (as a regex `“[^”]*”` finds them), in time linear in the
    text: an opening mark nothing closes costs no scan to the end of the text."""
    closing: dict[str, list[int]] = {}
    for close in set(marks.values()):
        closing[close] = [m.start() for m in re.finditer(re.escape(close), text)]
    opening = re.compile("[" + re.escape("".join(marks)) + "]")
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = opening.search(text, pos)
        if m is None:
            return out
        ends = closing[marks[m.group()]]
        i = bisect.bisect_right(ends, m.start())
        if i < len(ends):
            out.append((m.start(), ends[i] + 1))
            pos = ends[i] + 1
        else:
            pos = m.end()


def _taken(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in covered)


class _Cover:
    """What one sentence's names already cover: curated people and groups and found people
    (``hard``), and places (which a transliterated name may hold: 拉希德·古特比金诺维奇 holds
    Bikin, a town in Russia; the person wins)."""

    def __init__(self) -> None:
        # the places (start, end, strong, entity key), and the positions they cover: a test
        # costs the length of what it asks about, not the number of names the sentence holds
        self._places: dict[tuple[int, int, bool, str], None] = {}
        self._place_at: dict[int, list[tuple[int, int, bool, str]]] = {}
        self._place_ends: dict[int, list[bool]] = {}  # end → strong, of each place ending there
        self.place_spans: set[tuple[int, int]] = set()
        self._hard_at: set[int] = set()
        self._blocked_at: set[int] = set()  # words that are no place (阿拉伯, 北京市公安局)
        self.persons: set[tuple[int, int]] = set()  # where people are named

    def add_place(self, place: tuple[int, int, bool, str]) -> None:
        start, end, strong, _key = place
        if place in self._places:
            return
        self._places[place] = None
        for i in range(start, end):
            self._place_at.setdefault(i, []).append(place)
        self._place_ends.setdefault(end, []).append(strong)
        self.place_spans.add((start, end))

    def drop_places(self, start: int, end: int) -> list[tuple[int, int, bool, str]]:
        """Drop the places that overlap ``[start, end)``; they are returned."""
        dropped = list(dict.fromkeys(p for i in range(start, end) for p in self._place_at.get(i, ())))
        for place in dropped:
            p_start, p_end, strong, _key = place
            del self._places[place]
            for i in range(p_start, p_end):
                self._place_at[i].remove(place)
                if not self._place_at[i]:
                    del self._place_at[i]
            self._place_ends[p_end].remove(strong)
            if not self._place_ends[p_end]:
                del self._place_ends[p_end]
            if not any(p[:2] == (p_start, p_end) for p in self._places_at(p_start)):
                self.place_spans.discard((p_start, p_end))
        return dropped

    def _places_at(self, pos: int) -> list[tuple[int, int, bool, str]]:
        return self._place_at.get(pos, [])

    def taken(self, start: int, end: int) -> bool:
        return any(i in self._hard_at or i in self._place_at for i in range(start, end))

    def hard_taken(self, start: int, end: int) -> bool:
        return any(i in self._hard_at for i in range(start, end))

    def block(self, start: int, end: int) -> None:
        self._blocked_at.update(range(start, end))

    def blocked(self, start: int, end: int) -> bool:
        return any(i in self._blocked_at for i in range(start, end))

    def place_ends_at(self, pos: int) -> bool:
        return pos in self._place_ends

    def longest_ending_at(self, pos: int) -> tuple[int, int, bool, str] | None:
        ending = [p for p in self._place_at.get(pos - 1, ()) if p[1] == pos]
        return max(ending, key=lambda p: p[1] - p[0]) if ending else None

    def made_ending_at(self, pos: int) -> str | None:
        """The key of the longest place that ends at ``pos``, if one does."""
        place = self.longest_ending_at(pos)
        return place[3] if place else None

    def start_of_place_ending_at(self, pos: int) -> int | None:
        """Where the longest place that ends at ``pos`` starts, if one does."""
        place = self.longest_ending_at(pos)
        return place[0] if place else None

    def place_starts_at(self, pos: int) -> bool:
        return any(place[0] == pos for place in self._place_at.get(pos, ()))

    def strong_place_ends_at(self, pos: int) -> bool:
        """A country or a longer place name ends at ``pos`` (`俄罗斯总统…`): the left edge of a
        name that follows it."""
        return any(self._place_ends.get(pos, ()))

    def add(self, start: int, end: int) -> None:
        self._hard_at.update(range(start, end))


# -- known names: curated, places ------------------------------------------------------------------

def _country_mentions(hits: list[list[_Hit]], places: PlaceTable) -> Counter[str]:
    """How often the article names each country (unambiguously): the context in which a city
    name shared by several places is read (海南 is Hainan in an article about China, not Kainan)."""
    counts: Counter[str] = Counter()
    for sentence_hits in hits:
        for hit in sentence_hits:
            if hit.kind == "place":
                place = places.places[hit.value[0]]
                if place.kind == "country" and place.country:
                    counts[place.country] += 1
            elif hit.kind == "curated" and hit.value.kind == "place" and hit.value.country:
                counts[hit.value.country] += 1
    return counts


def _choose(ids: list[int], places: PlaceTable, countries: Counter[str]) -> Place:
    """The place a name most likely means: a country or region first, then one in a country the
    article names most, then a city before a province of the same name, then the largest."""
    kinds = {"country": 0, "continent": 0, "region": 0, "city": 1, "subdivision": 2}

    def rank(i: int) -> tuple[int, int, int, int]:
        place = places.places[i]
        broad = 0 if place.kind in ("country", "continent", "region") else 1
        return (broad, -countries.get(place.country or "", 0), kinds.get(place.kind, 3),
                -place.population)

    return places.places[min(ids, key=rank)]


def _known(ctx: _Context, sentence: Sentence, hits: list[_Hit],
           countries: Counter[str], links: _Links) -> _Cover:
    """Record the curated and gazetteer names of one sentence (whose wikilinks are ``links``);
    returns what they cover."""
    shadow = sentence.shadow
    cover = _Cover()
    titles = _enclosed(shadow, _BOOK_TITLE)
    # where the places the gazetteer names and no common word is (伊德利卜) begin and end: an
    # item of a list next to one is a place too (伊德利卜、拉卡和摩苏尔: 拉卡 is Raqqa)
    solid = [(h.start, h.end) for h in hits
             if h.kind == "place" and shadow[h.start:h.end] not in ctx.places.common]
    solid_starts, solid_ends = {a for a, _b in solid}, {b for _a, b in solid}
    for hit in hits:
        start, end = hit.start, hit.end
        if hit.kind == "block":
            cover.block(start, end)  # 阿拉伯, 北京市公安局: no place is found in it by its make
            continue
        if cover.taken(start, end):
            continue
        curated_link = hit.kind == "curated" and hit.value.same_as is not None
        if curated_link:
            # `努尔苏丹`: another name of a GeoNames place (Astana): read as that place
            linked = ctx.place_by_key(hit.value.same_as)
            if linked is not None:
                hit = _Hit(start, end, "place", [ctx.place_index(linked)])
        if hit.kind == "curated":
            entry: Curated = hit.value
            if entry.kind == "organisation" and links.across(start, end):
                continue  # `[[自由欧洲]]电台`: the article links part of it, as another thing
            if entry.kind == "place":
                if _is_place_here(ctx, shadow, start, end, titles, strong=True, cover=cover):
                    key = entity_id(entry)
                    ctx.entity(key, "place", curated=entry, source="curated").add(
                        _mention(sentence, start, end))
                    cover.add_place((start, end, True, key))
                continue
            if entry.kind == "person" and start and shadow[start - 1] in _JOINERS:
                # `乔治·沃克·布什`: the curated surname ends a fuller written name; where the
                # curated data knows the full names, another given name is another person
                # (`米哈伊尔·卡里莫夫` is not Islam Karimov): left to the rules that find people
                full = _name_around(ctx, shadow, start - 1, cover)
                if full is not None and full[1] >= end:
                    # known by the first given name (`努尔苏丹·阿比舍吾勒·纳扎尔巴耶夫` too), which
                    # is where the name begins (not at words glued before it: `中文译名努尔苏丹`)
                    known = {_one_joiner(ctx.scripts.simplified(f)).split("·")[0]
                             for f in entry.zh if any(j in f for j in _JOINERS)}
                    written = _one_joiner(shadow[full[0]:end])
                    at = min((written.find(k) for k in known if k in written), default=-1)
                    if known and at < 0:
                        continue
                    start = full[0] + max(at, 0)
            elif entry.kind == "person" and is_cjk(shadow[start]) \
                    and _runs_into(ctx, shadow, start, cover):
                continue  # `阿泽姆巴基耶夫`: a longer transliterated name that ends the same way
            key = entity_id(entry)
            item = ctx.entity(key, entry.entity_kind, curated=entry, source="curated")
            if entry.kind == "person" and item.role is None:
                # the office the article writes before the name (`哈萨克斯坦总统纳扎尔巴耶夫`)
                # (before a Latin name, a space between: `检察总长 Rashid Tusupbekov`)
                edge = start - 1 if start and shadow[start - 1] == " " else start
                role = _role_before(ctx, shadow, edge, cover)
                item.role = sentence.text[edge - len(role):edge] if role else None
            item.add(_mention(sentence, start, end))
            cover.add(start, end)
            if entry.kind == "person":
                cover.persons.add((start, end))
            continue
        name = shadow[start:end]
        broad = any(ctx.places.places[i].kind in ("country", "region", "continent")
                    for i in hit.value)
        if not broad and name[-1] in _TERM_ENDS and _word_runs_on(ctx, shadow, end):
            # `东部省份` (provinces) holds no Eastern Province; `北京市民` is Beijing's people
            name = name[:-1]
            if len(name) < 2 or name not in ctx.places.names or cover.blocked(start, end - 1):
                continue
            end -= 1
            hit = _Hit(start, end, "place", ctx.places.names[name])
        city = all(ctx.places.places[i].kind == "city" for i in hit.value)
        if not broad and (start, end) not in links.spans \
                and _inside_settlement_name(ctx, shadow, start, end, cover):
            continue  # `布尼亞迪鎮` holds Bunia (布尼亞): the town is a place by its make
        if not _is_place_here(ctx, shadow, start, end, titles, strong=broad, cover=cover,
                              native=city, listed=links.listed(start, end),
                              linked=(start, end) in links.spans,
                              between_links=end in links.starts):
            continue
        if not broad and (_ends_foreign_name(ctx, shadow, start, cover)
                          or (_begins_foreign_name(ctx, shadow, end)
                              and (start, end) not in links.spans and end not in links.starts)) \
                and not links.within(start, end):
            continue  # `塞米巴拉金斯克` holds Lakinsk (拉金斯克), `梅德韦杰夫` Medway (梅德韦)
        feature = _feature_after(ctx, shadow, start, end, links) if broad else None
        if feature is not None:
            # `[[乍得湖]]` is Lake Chad, a place by its make (one row however the country is
            # written: 查德湖), and no mention of Chad
            stop, kind = feature
            country = _choose(hit.value, ctx.places, countries)
            named = ctx.english(country)
            feature_en = _feature_english(ctx, named, shadow[end:stop])
            key = f"place:{slug(feature_en)}" if feature_en else \
                f"place:{slug(named or name)}-{slug(shadow[end:stop])}"
            item = ctx.entity(key, "place", name_zh=sentence.text[start:stop], source="article")
            item.place_type = kind
            item.name_en = feature_en
            item.name_en_source = country.source if feature_en else None
            item.add(_mention(sentence, start, stop))
            cover.add_place((start, stop, True, key))
            continue
        if name in ctx.places.common and not curated_link and not _PLACE_SUFFIX.match(shadow, end) \
                and not (_linked(sentence, start, end) and name not in ctx.places.words) \
                and not _listed_with(shadow, start, end, solid_starts, solid_ends):
            # 合作 (Hezuo) only as 合作市; a name too short to trust alone, as a wikilink's
            # whole text ([[奥什]]), unless it is a word ([[民主]]); a curated name is trusted
            continue
        ids = hit.value
        if name.endswith("市") and name[:-1] in ctx.places.names:
            ids = ctx.places.names[name[:-1]]  # `伦敦市` is London, not the City of London
        place = _choose(ids, ctx.places, countries)
        if _part_before(ctx, sentence, cover, links, place, start, end):
            continue
        derived = _derived(ctx, shadow, place, end, links.ends if start in links.starts else ())
        if derived is not None and name in ctx.places.common and not curated_link \
                and place.country and not countries.get(place.country):
            # a short name trusted for a generic term after it, of a place in a country the
            # article never names: another place of that name (瓦纳地区 is no Varna Province)
            continue
        strong = place.kind in ("country", "region", "continent") or len(name) >= 3
        if derived is not None:
            suffix, kind, english = derived
            end += len(suffix)
            written = shadow[start:end]
            key = f"place:{slug(written)}"
            item = ctx.entity(key, "place", place=place, source="derived")
            item.place_type = kind
            base = ctx.english(place)
            # Kashgar Region, and what else English calls such a place (Kashgar Prefecture)
            item.name_en = f"{base} {english[0]}" if base else None
            if base and not item.aliases:
                item.aliases.extend(f"{base} {other}" for other in english[1:])
            # the country of 拉什特谷地 is not that of Rasht (Iran) unless the article names it
            item.country_known = bool(place.country and countries.get(place.country))
        else:
            key = f"place:{place.key}"
            item = ctx.entity(key, "place", place=place, source=place.source)
            end += _own_term(ctx, shadow, place, end, links.ends if start in links.starts else ())
        item.add(_mention(sentence, start, end))
        cover.add_place((start, end, strong, key))
        if derived is None:
            _part_of(ctx, sentence, cover, links, place, start, end)
    return cover


def _part_before(ctx: _Context, sentence: Sentence, cover: _Cover, links: _Links, place: Place,
                 start: int, end: int) -> bool:
    """A country or a province with a direction before it in one wikilink (`[[南也门]]`): a
    place of its own, not the country (``place_type`` `part`, named in English with the
    direction's noun, as GB/T 17693 translates it: South Yemen); whether it is one."""
    shadow = sentence.shadow
    if place.kind not in ("country", "subdivision") or not start \
            or shadow[start - 1] not in ctx.terms.directions \
            or (start - 1, end) not in links.spans:
        return False
    direction = shadow[start - 1]
    key = f"place:{place.key}:{direction}"  # one row whichever way the country is written
    item = ctx.entity(key, "place", place=place, source="derived")
    item.place_type = "part"
    base = ctx.english(place)
    item.name_en = f"{ctx.terms.directions[direction][0]} {base}" if base else None
    item.add(_mention(sentence, start - 1, end))
    cover.add_place((start - 1, end, True, key))
    return True


# A part of a country or a province by its direction (`黎巴嫩南部`), and the adjective English
# names it with (Southern Lebanon)
_PART = re.compile(r"(?:东北|西北|东南|西南|[东南西北中])部")
_PART_EN = {"东": "Eastern", "西": "Western", "南": "Southern", "北": "Northern", "中": "Central",
            "东北": "Northeastern", "西北": "Northwestern", "东南": "Southeastern",
            "西南": "Southwestern"}
_BORDERS = ("边境", "边界", "国境")


def _part_of(ctx: _Context, sentence: Sentence, cover: _Cover, links: _Links, place: Place,
             start: int, end: int) -> None:
    """A part of a country or a province told by a direction right after its name
    (`黎巴嫩南部`, `尼日利亚东北部`, `車臣南部`): a place of its own beside the country (``source``
    `derived`, ``place_type`` `part`, named in English with the direction's adjective: Southern
    Lebanon), unless the direction begins a word (`南部队`) or another wikilink
    (`[[俄罗斯]][[南部联邦管区]]`), or tells which of its borders (`哈萨克斯坦南部边境`)."""
    if place.kind not in ("country", "subdivision"):
        return
    shadow = sentence.shadow
    m = _PART.match(shadow, end)
    if m is None or end in links.starts or ctx.word_across(shadow, m.end()) \
            or shadow.startswith(_BORDERS, m.end()):
        return
    key = f"place:{place.key}:{m.group()}"  # one row whichever way the country is written
    item = ctx.entity(key, "place", place=place, source="derived")
    item.place_type = "part"
    base = ctx.english(place)
    item.name_en = f"{_PART_EN[m.group()[:-1]]} {base}" if base else None
    item.add(_mention(sentence, start, m.end()))
    cover.add_place((start, m.end(), True, key))


# what follows a place's name to say where about it (`广场上`, `区内`, `河边`): a common word
# that it begins with the place's last character is no sign the name runs on
_LOCATIVE = frozenset("上下内外边中里旁前后间东南西北部")
# the last characters of generic terms (省, 汗国, 市): a common word that begins with one is
# read on (省份, 国际, 市民); a transliterated name's last character may begin one by chance
# (索格特地区: 特地)
_TERM_ENDS = _PLACE_SUFFIX_CHARS | frozenset("国")


def _word_runs_on(ctx: _Context, shadow: str, end: int) -> bool:
    """Whether a common word begins with the last character of a name ending at ``end`` and runs
    past it (`东部省份`, `阿布莱汗国际`, `北京市民`), other than one that says where (`广场上`)."""
    if end >= len(shadow) or shadow[end] in _LOCATIVE:
        return False
    words = ctx.places.words
    return any(shadow[end - 1:end - 1 + k] in words for k in (2, 3) if end - 1 + k <= len(shadow))


def _ends_foreign_name(ctx: _Context, shadow: str, start: int, cover: _Cover) -> bool:
    """Whether a name at ``start`` is the end of a longer foreign name: two characters that write
    foreign names stand right before it, and no place, place's term (`城市车里雅宾斯克`,
    `吉尔吉斯斯坦共和国比什凯克`), direction (`哈萨克斯坦西北阿克托比`), word, stop word or office ends
    there."""
    translit, words = ctx.places.translit, ctx.places.words
    return start >= 2 and all(is_cjk(c) and c in translit for c in shadow[start - 2:start]) \
        and shadow[start - 1] not in _TERM_ENDS and shadow[start - 1] not in _LOCATIVE \
        and not cover.place_ends_at(start) \
        and not any(shadow[start - k:start] in words for k in (2, 3, 4) if start >= k) \
        and not ctx.stop_before(shadow, start) and not ctx.title_before(shadow, start)


def _inside_settlement_name(ctx: _Context, shadow: str, start: int, end: int,
                            cover: _Cover) -> bool:
    """Whether a city's name at ``[start, end)`` is part of a longer name written in the
    characters of foreign names that ends with a settlement's or a division's term (`布尼亞迪鎮`
    holds Bunia, `当达拉鎮` Dara, `亞肯特區` Kent): that place is another, which no gazetteer
    holds."""
    if _known_at(ctx, shadow, end):
        return False  # the larger place, then a smaller one (`伊犁伊宁市`)
    right = _to_term(ctx, shadow, end)
    term = ctx.term_pattern.match(shadow, right)
    if term is None or not (ctx.terms.terms[term.group()][2]
                            or ctx.terms.terms[term.group()][0] in _DIVISIONS) \
            or (len(term.group()) == 1 and (ctx.word_at(shadow, right)
                                            or ctx.word_across(shadow, right))):
        return False  # no settlement's term after it (`市场` is a word)
    left = _foreign_start(ctx, shadow, start, cover)
    if left == start and right - end >= _SMALLER_PLACE and end - start >= 3:
        return False  # a city, then a name of its own (`卡拉奇曼霍佩尔区`: Karachi's Manghopir)
    name = shadow[left:right]
    return (left, right) != (start, end) and not ctx.has_word(name) \
        and name not in ctx.places.words and not ctx.known_name(name)


# characters of a name between a city's name and a term that make it a place of its own in the
# city rather than a longer name that holds the city's (`布尼亞迪鎮`: one, 迪)
_SMALLER_PLACE = 3


def _known_at(ctx: _Context, shadow: str, pos: int) -> bool:
    """Whether a known name (a place, a curated name, a word that is no place) of two to six
    characters begins at ``pos``."""
    return any(ctx.known_name(shadow[pos:pos + k]) for k in range(2, 7))


def _to_term(ctx: _Context, shadow: str, pos: int) -> int:
    """Where the characters of foreign names from ``pos`` end, at most ``_MAX_PLACE`` of them:
    at another character or where a generic term begins."""
    end = pos
    while end < len(shadow) and end - pos < _MAX_PLACE and shadow[end] in ctx.foreign \
            and _is_name_char(shadow[end]) and not ctx.term_pattern.match(shadow, end):
        end += 1
    return end


def _begins_foreign_name(ctx: _Context, shadow: str, end: int) -> bool:
    """Whether a name that ends at ``end`` is the beginning of a longer foreign name: two
    characters that write foreign names follow it, and no word, stop word, term, place or word
    that says where begins there (`梅德韦杰夫总统` holds Medway, 梅德韦), nor a smaller place's
    name that ends with its term (`耶路撒冷阿克萨清真寺`: the larger place first)."""
    translit = ctx.places.translit
    if not (end + 2 <= len(shadow)
            and all(is_cjk(c) and c in translit for c in shadow[end:end + 2])
            and shadow[end] not in _LOCATIVE and shadow[end] not in _TERM_ENDS
            and not ctx.word_at(shadow, end) and not ctx.stop_at(shadow, end)
            and ctx.term_pattern.match(shadow, end) is None
            and not _known_at(ctx, shadow, end)):
        return False
    right = _to_term(ctx, shadow, end)
    # (nor one with its Latin form in brackets: `乍得博马（Boma）`; a joiner makes it a person's
    # name: `巴哈瓦尔汗·瓦济尔（Bahawal Khan Wazir）` holds no Bhalwal)
    return ctx.term_pattern.match(shadow, right) is None \
        and (_LATIN_IN_BRACKETS.match(shadow, right) is None
             or any(c in _JOINERS for c in shadow[end:right]))


_LIST_JOINERS = frozenset("、和与及")
# a name written with a joiner between parts of two to six Han characters, no numeral
# (`阿不力克木·买合苏木`; `二·五` names a day)
_JOINED_NAME = re.compile(f"(?![一二三四五六七八九十〇零])[{HAN}]{{2,6}}"
                          f"(?:[{re.escape(NAME_JOINERS)}](?![一二三四五六七八九十〇零])[{HAN}]{{2,6}})+")


def _listed_with(shadow: str, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    """Whether ``shadow[start:end]`` is an item of a list next to one of the places that end at
    ``ends`` or begin at ``starts`` (`、`, 和, 与, 及 between): the items of a list are things
    of one kind."""
    return (start > 0 and shadow[start - 1] in _LIST_JOINERS and start - 1 in ends) or \
        (end < len(shadow) and shadow[end] in _LIST_JOINERS and end + 1 in starts)


def _flagged(ctx: _Context, sentences: list[Sentence], covered: list[_Cover],
             flags: Iterable[tuple[int, int, str]]) -> None:
    """The country a flag template names (`{{flag|Russia}}`, `{{CHN}}`, `{{USSR}}`), at the
    text it shows: the gazetteer's country of that ISO code, key or English name (any of its
    English names: `{{flag|Czech Republic}}`)."""
    flags = list(flags)
    if not flags:
        return
    by_code = ctx.names.country_places
    starts = [s.span[0] for s in sentences]
    for seed_start, seed_end, country in flags:
        if country.startswith("iso:"):
            place = ctx.place_by_key(country)
        elif len(country) == 2 and country.isupper():
            place = by_code.get(country)
        else:
            place = by_code.get(country.casefold())
            if place is None and country.casefold() in ctx.places.latin:
                place = ctx.places.places[ctx.places.latin[country.casefold()]]
        if place is not None and place.kind != "country":
            place = None  # `{{flag|Georgia}}`: a country, never the US state
        at = bisect.bisect_right(starts, seed_start) - 1
        if place is None or at < 0:
            continue
        sentence = sentences[at]
        runs = sentence.runs
        i = bisect.bisect_right(runs, seed_start, key=lambda run: run[1]) - 1
        if i < 0:
            continue
        clean_start, run_start, length = runs[i]
        if seed_end > run_start + length:
            continue
        start = clean_start + seed_start - run_start
        end = start + seed_end - seed_start
        if covered[at].taken(start, end):
            continue
        key = f"place:{place.key}"
        ctx.entity(key, "place", place=place, source=place.source).add(
            _mention(sentence, start, end))
        covered[at].add_place((start, end, True, key))


def _linked(sentence: Sentence, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the whole shown text of a wikilink."""
    return any(link.text == sentence.text[start:end] and _find_link(sentence, link) == start
               for link in sentence.links)


# The kinds of place a generic term names that are land or water, not a state: a country's name
# before one names that feature (乍得湖 is Lake Chad, 尼日尔河 the Niger River)
_FEATURES = frozenset({"river", "lake", "mountain", "sea", "gulf", "strait", "peninsula",
                       "plateau", "plain", "basin", "desert", "island", "islands", "valley"})


_BANK = re.compile(r"[东南西北]岸")


def _feature_after(ctx: _Context, shadow: str, start: int, end: int,
                   links: _Links) -> tuple[int, str] | None:
    """Where a feature's term after a country's name at ``[start, end)`` ends, and its kind
    (`乍得湖`: lake), unless the term begins a word (`日本海军`, `湖南`) or makes a demonym; a
    wikilink's whole text is sure (`[[查德湖]]畔`)."""
    term = ctx.term_pattern.match(shadow, end)
    if term is None or ctx.terms.terms[term.group()][0] not in _FEATURES or end in links.starts:
        return None  # (`[[巴勒斯坦]][[海法]]`: 海 begins another wikilink)
    stop, kind = term.end(), ctx.terms.terms[term.group()][0]
    if kind == "river" and _BANK.match(shadow, stop) and (start, stop + 2) in links.spans:
        return stop + 2, "region"  # `[[约旦河西岸]]`: the West Bank
    if (start, stop) not in links.spans and (
            (len(term.group()) == 1 and (ctx.word_at(shadow, end) or ctx.generic_at(shadow, end)
                                         or ctx.word_across(shadow, end)))
            or _known_at(ctx, shadow, end)
            or _word_runs_on(ctx, shadow, stop) or _names_other_thing(ctx, shadow, stop)):
        return None  # (`巴勒斯坦海法`: 海 begins Haifa)
    if kind == "river" and _BANK.match(shadow, stop):
        return stop + 2, "region"  # a river's bank, a region of its own
    return stop, kind


def _feature_english(ctx: _Context, country: str | None, term: str) -> str | None:
    """The English name of a feature named after a country, where English writes the term
    before the name as the country is (`[[乍得湖]]`: Lake Chad; the `[english]` table of
    ``place_terms``); None where English orders it otherwise or makes an adjective of the
    country (Syrian Desert, Sea of Japan), which kzct does not guess."""
    found = ctx.terms.terms.get(term)
    if country is None or found is None:
        return None
    first = found[1][0]
    return f"{first} {country}" if first.casefold() in ctx.terms.leading else None


def _names_other_thing(ctx: _Context, shadow: str, end: int) -> bool:
    """What follows a place name at ``end`` makes it a demonym, a language, a religion or part of
    an organisation's name."""
    if end and shadow[end - 1] in _DIVISION_ENDS and _NATIVE_OF.match(shadow, end):
        return False  # `阿合奇县人`: where someone is from, by the division's own term
    m = _DEMONYM_AFTER.match(shadow, end) or _ORGANISATION_AFTER.match(shadow, end)
    if m is None and shadow[end:end + 1] in _CLOSING_QUOTES:
        # a quoted name before an organisation's word (`‘自由亚洲’电台`, Radio Free Asia)
        return _ORGANISATION_AFTER.match(shadow, end + 1) is not None
    return m is not None and not (len(m.group()) == 1 and m.group() != "人"
                                  and ctx.word_at(shadow, end))


def _is_country(ctx: _Context, name: str) -> bool:
    """Whether ``name`` names a country (美国, 俄罗斯)."""
    ids = ctx.places.names.get(name)
    return ids is not None and bool(ids) and ctx.places.places[ids[0]].kind == "country"


def _is_place_here(ctx: _Context, shadow: str, start: int, end: int,
                   titles: list[tuple[int, int]] | None = None, strong: bool = False,
                   cover: _Cover | None = None, native: bool = False,
                   listed: bool = False, linked: bool = False,
                   between_links: bool = False) -> bool:
    """Whether a place name at ``[start, end)`` is read as a place there: not inside a
    transliterated name (`弗拉基米尔·普京`, `斯塔夫罗波尔` holds no Bor), a demonym, a language or a
    religion (`哈萨克人`, `俄语`, `印度教`), an organisation (`北京大学`, unless the name is a
    wikilink's whole text, ``linked``: `[[安曼]]大学` links the city), a title (`《纽约客》`), or
    a word that runs across its edge (`新安全观` holds no Xin'an). A city (``native``) before 人
    after the place it lies in is where someone is from, as a biography writes it (`新疆和田人`).
    A joiner beside a wikilink of a list of them (``listed``: `[[巴基斯坦]]·[[阿富汗]]`) joins no
    name. A name of two characters is a fragment of none where a wikilink begins right after it
    (``between_links``: `[[罗马]][[特雷維噴泉]]`, `巴黎[[埃菲尔铁塔]]`)."""
    before = shadow[start - 1] if start else ""
    after = shadow[end] if end < len(shadow) else ""
    if (before in _JOINERS or after in _JOINERS) and not listed:
        return False
    native = native and cover is not None and cover.place_ends_at(start) \
        and _NATIVE_OF.match(shadow, end) is not None
    if not native and _names_other_thing(ctx, shadow, end) \
            and not (linked and _DEMONYM_AFTER.match(shadow, end) is None):
        return False
    if titles and _taken(titles, start, end):
        return False
    if end - start == 2 and shadow[start] == "中" and _BILATERAL.match(shadow, end):
        return False
    if end - start == 2 and not strong and not between_links:
        translit = ctx.places.translit
        place_before = cover is not None and cover.place_ends_at(start)
        # a fragment of a longer foreign name (not `中国新疆`); but a word or a stop word that
        # ends right before it or begins right after it is its edge (`首都安曼`, `海法被`)
        if (before and before in translit and is_cjk(before) and not place_before
                and not ctx.word_before(shadow, start) and not ctx.stop_before(shadow, start)) or \
                (after and after in translit and after not in _PLACE_SUFFIX_CHARS
                 and not ctx.word_at(shadow, end) and not ctx.stop_at(shadow, end)
                 and not _PLACE_SUFFIX.match(shadow, end)
                 # (a country's name after it is its edge: `位於安曼美國大使館`)
                 and not any(_is_country(ctx, shadow[end:end + k]) for k in (2, 3, 4))):
            return False
    if end - start == 2 and not strong and not between_links \
            and (ctx.word_across(shadow, start) or ctx.word_across(shadow, end)):
        return False
    return True


# the kinds of generic term that name a first-level division, which a subdivision's name may
# end with
_FIRST_LEVEL = ("region", "province")


_CHINESE_SETTLEMENT = re.compile(r"[镇乡村]")


def _own_term(ctx: _Context, shadow: str, place: Place, end: int,
              link_ends: Container[int] = ()) -> int:
    """How long the division's term after a subdivision's name is, where a wikilink begun with
    the name ends with it (``link_ends``: `[[苏尔汉河州]]` is Surxondaryo, its mention the whole
    name), or 0: in running text the term is a word of its own (`车臣地区`, the Chechen region).
    A town or a village of China is named with its term (GB/T 2260: 荒地镇, 罕艾日克乡), which
    GeoNames leaves out (荒地, Huangdi)."""
    if place.kind == "city" and place.country == "CN":
        term = _CHINESE_SETTLEMENT.match(shadow, end)
        return len(term.group()) if term and not ctx.word_at(shadow, end) else 0
    if place.kind != "subdivision":
        return 0
    term = ctx.term_pattern.match(shadow, end)
    if term is None or ctx.terms.terms[term.group()][0] not in _FIRST_LEVEL \
            or term.end() not in link_ends:
        return 0
    return len(term.group())


def _derived(ctx: _Context, shadow: str, place: Place, end: int,
             link_ends: Container[int] = ()) -> tuple[str, str, tuple[str, ...]] | None:
    """A generic term after a city or province (`费尔干纳盆地`, `奥什州`: ``kzct.sounds.
    place_terms``, not one that names the same place: 车臣地区 is Chechnya), unless it begins a
    word (`街头`) or makes a demonym (`…州人`); a term that ends a wikilink begun with the name
    (``link_ends``) ends the name whatever follows (`[[卡诺州]]政府`: 州政府 is a word)."""
    if place.kind not in ("city", "subdivision"):
        return None
    for suffix in ctx.terms.longest_first():
        kind, english, settlement = ctx.terms.terms[suffix]
        if settlement or not shadow.startswith(suffix, end):
            continue
        if kind in _FIRST_LEVEL and place.kind == "subdivision":
            return None  # 车臣地区 is Chechnya (``_own_term``)
        if suffix == "地区" and place.country != "CN":
            return None  # a division only in China (GB/T 2260: 喀什地区); else the area (拉合尔地区)
        rest = end + len(suffix)
        if _names_other_thing(ctx, shadow, rest):
            return None
        street = ctx.term_pattern.match(shadow, rest + (shadow[rest:rest + 1] in "东南西北"))
        if street is not None and ctx.terms.terms[street.group()][0] == "street":
            return None  # `乌鲁木齐公园北街`: the term is of a street's name (公园北街)
        if len(suffix) == 1 and rest not in link_ends \
                and (ctx.word_at(shadow, end) or ctx.word_across(shadow, end)):
            return None  # `喀布尔街头`, `卡拉奇河边`, `阿拉木图市区`: a word, not a suffix
        if kind in _ONE_OF_MANY and rest not in link_ends:
            return None  # `被送往莫斯科醫院`: a hospital in Moscow (`[[北京饭店]]` is one)
        return suffix, kind, english
    return None


# The kinds of place a city has many of, which running text names by the city (`莫斯科醫院`, a
# hospital in Moscow): a city's name and the term are one place's only as a wikilink's text
_ONE_OF_MANY = frozenset({"hospital", "hotel", "cafe"})


# -- places by their make --------------------------------------------------------------------------

# Words for a kind of settlement before its name (`小镇顿林斯克`, `首都安曼`).
_SETTLEMENT_BEFORE = ("小镇", "城镇", "小城", "城市", "村庄", "小村", "山村", "村落", "首都",
                      "首府", "港口", "港市", "市郊", "近郊", "郊区")
# A locative phrase: a preposition of place before a name, and a noun of position after it
# (`在[[印古什]]近车臣边界处`, `于[[斯塔夫罗波尔]]附近`); or a battle named after the place
# where it was fought (`[[吉斯尔舒古尔]]战役`)
_AT_PLACE = re.compile(r"(?:在|于|到|往|至|从|自|向|经)$")
_NEAR_PLACE = re.compile(r"附近|境内|境外|一带|周边|周围|近郊|郊外|市郊|近[^代期年来日况]|以[东南西北]|[东南西北]部")
# a verb of going to a place or of being in one, before a place and 的 and the smaller place
_GOING_TO = re.compile(r"(?:前往|抵达|到达|进入|攻占|攻入|位于|逃往|撤往|飞往|驶往|返回)$")
_BATTLE_AT = re.compile(r"战役|会战|之战|围城战|攻势")
# what is done where, after 在 and a name (`在[[泰勒阿费尔]]发布简短声明`, `在[[X]]发生爆炸`)
_DONE_THERE = re.compile(r"发布|发动|发生|举行|召开|建立|设立|驻扎|作战|遇袭|被捕|被杀|被击毙|爆发")
_MAX_PLACE = 12  # characters of a place's name read without a wikilink
# ... and of a wikilink's whole text that ends with a generic term (a state's official name:
# [[哈萨克苏维埃社会主义共和国]])
_MAX_LINKED_PLACE = 20


def _by_make(ctx: _Context, sentences: list[Sentence], covered: list[_Cover]) -> None:
    """Places no gazetteer holds, known by how the article writes them: a name that ends with a
    generic term (`斯塔夫罗波尔边疆区`, `孙扎河`; ``kzct.sounds.place_terms``) or begins with a
    direction (`北奥塞梯`), as a wikilink's whole text or, with a term, written in the
    characters of foreign names (`布琼诺夫斯克市`); a wikilink written in those characters right
    after a place (`[[斯塔夫罗波尔边疆区]][[布琼诺夫斯克]]`: Chinese writes the larger place
    first), or a name after a word for a settlement (`小镇顿林斯克`); then each such name (and
    a settlement's name without its term) wherever else the article writes it."""
    names: dict[str, tuple[str, str | None]] = {}  # name → entity key, kind
    for position, sentence in enumerate(sentences):
        shadow, cover = sentence.shadow, covered[position]
        for link, start, end in _link_spans(sentence):
            kind = _linked_place(ctx, shadow, start, end, cover)
            if kind is None and _page_of_a_place(ctx, link.target, shadow, start, end, cover):
                kind = ""
            page = None
            if kind is None:
                page, kind = _page_named_by_make(ctx, link.target, shadow, start, end, cover)
            if kind is not None:
                key = _add_made(ctx, sentence, cover, start, end, kind, names)
                if page is not None and page not in ctx.found[key].aliases:
                    ctx.found[key].aliases.append(page)  # `巴州`, also 巴音郭楞蒙古自治州
        for m in ctx.term_pattern.finditer(shadow):
            _by_pinyin(ctx, sentence, cover, m.start(), m.end(), names)
            _termed(ctx, sentence, cover, m.start(), m.end(), names)
            _under_place(ctx, sentence, cover, m.start(), m.end(), names)
        for m in ctx.ending_pattern.finditer(shadow):
            _ended(ctx, sentence, cover, m.end(), names)
        link_starts: dict[int, int] | None = None  # a wikilink's end → its start, found once
        for m in _PLACES_AND_OTHERS.finditer(shadow):
            if link_starts is None:
                link_starts = {b: a for _link, a, b in _link_spans(sentence)}
            _listed_places(ctx, sentence, cover, m.start(), link_starts, names)
        for m in _STREET.finditer(shadow):
            _street(ctx, sentence, cover, m.start("name"), m.end("name"), names)
        if "、" in shadow:
            _transliterated_in_lists(ctx, sentence, cover, names)
        if "（" in shadow or "(" in shadow:
            _bracketed_places(ctx, sentence, cover, names)
        for noun in _SETTLEMENT_BEFORE:
            at = shadow.find(noun)
            while at >= 0:
                _after_settlement_noun(ctx, sentence, cover, at + len(noun), names)
                at = shadow.find(noun, at + len(noun))
    if names:
        _named_again(ctx, sentences, covered, names)


# A street of a Chinese city (`途经前进街时`, `在胜利路南端`, `市区南湖路沿线`, `、解放南路沿线、`): a
# name of two to four characters, a direction and a street's term, after a word of going or
# being somewhere or a city's (or a list's mark), and before a word of where on it. The name is
# most often a word (胜利, 人民, 解放): where the street stands tells it from a way (`回家路上`).
_STREET = re.compile(
    r"(?:(?<=[在于於经沿从到至往、区市县镇])|(?<=途经|经过|沿着|位于|前往))"
    f"(?P<name>(?![区市县镇])[{HAN}]{{2,4}}?[东西南北中]?(?:大街|大道|路|街))"
    r"(?=的|街口|路口|[东西南北]端|沿线|一带|附近|两侧|口|、|，|,|和|与|时|交界|交叉)")
# what the name of a street does not hold or end with: a particle, a pronoun, a measure word,
# a place's word, or a word a way ends with (道路, 公路, 绝路, 十字路口, 之路)
_NOT_IN_STREET = re.compile("[的之了着过这那该此条一其区市县镇]|[道公铁马网思绝出退去来小半字水陆海]"
                            "[东西南北中]?(?:大街|大道|路|街)$")


def _street(ctx: _Context, sentence: Sentence, cover: _Cover, start: int, end: int,
            names: dict[str, tuple[str, str | None]]) -> None:
    """A street of a Chinese city (``_STREET``), where nothing else is read there and no stop or
    word runs across its edges or into it (a stop may begin it: 和平北路). A gazetteer's place of
    the same name elsewhere (胜利路, a subdistrict of Chongqing) is not this street."""
    shadow = sentence.shadow
    name = shadow[start:end]
    known = ctx.names.table.get(name)
    if _NOT_IN_STREET.search(name) or cover.taken(start, end) \
            or (known is not None and known[0] != "place") \
            or any(ctx.stop_at(shadow, k) for k in range(start + 1, end - 1)) \
            or ctx.word_across(shadow, start) or name in ctx.places.words:
        return
    _add_made(ctx, sentence, cover, start, end, "street", names)


def _after_settlement_noun(ctx: _Context, sentence: Sentence, cover: _Cover, start: int,
                           names: dict[str, tuple[str, str | None]]) -> None:
    """A name written in the characters of foreign names after a word for a settlement
    (`小镇顿林斯克`), of three characters or more; or the names of two characters or more of a
    list of two there (`城市博索及迪法`: a list says where each name ends)."""
    shadow = sentence.shadow
    end = _foreign_run(ctx, shadow, start, cover)
    spans = [(start, end)]
    if end < len(shadow) and shadow[end] in _LIST_JOINERS:
        spans.append((end + 1, _foreign_run(ctx, shadow, end + 1, cover)))
        if any(b - a < 2 for a, b in spans):
            spans = [(start, end)]
    for a, b in spans:
        name = shadow[a:b]
        known = ctx.names.table.get(name)
        if len(spans) == 2 and known is not None and known[0] == "place":
            # a gazetteer's name too obscure to be read alone, here a settlement's (迪法, Diffa)
            place = ctx.places.places[known[1][0]]
            key = f"place:{place.key}"
            ctx.entity(key, "place", place=place, source=place.source).add(
                _mention(sentence, a, b))
            cover.add_place((a, b, True, key))
        elif (b - a >= 3 or len(spans) == 2) and known is None \
                and not ctx.has_word(name) and name not in ctx.places.proper \
                and name not in ctx.places.words:
            _add_made(ctx, sentence, cover, a, b, None, names)


# A Latin name in brackets (`（Koutougou）`, `（Beytüşşebap）`), the form a transliteration
# stands for: a capital, then letters of the Latin alphabets, of one to three words
_LATIN_IN_BRACKETS = re.compile(
    r"[（(]([A-Z\u00c0-\u00de][a-z\u00df-\u00ff\u0100-\u024f'’\-]+"
    r"(?: [A-Z\u00c0-\u00de][a-z\u00df-\u00ff\u0100-\u024f'’\-]+){0,2})[）)]")
_CLOSING_QUOTES = frozenset("」』”’\"'")
# a count before a division's term that closes a list (`西韦雷克（Siverek）和西尔万（Hilvan）两市`)
_COUNT = re.compile(r"[两二三四五六七八九十几数]个?")


def _bracketed_places(ctx: _Context, sentence: Sentence, cover: _Cover,
                      names: dict[str, tuple[str, str | None]]) -> None:
    """Names written in the characters of foreign names, each with its Latin form in brackets
    after it, alone or in a list (`西韦雷克（Siverek）和西尔万（Hilvan）`), are places where the
    place they lie in stands right before the first (`乍得博马（Boma）`), or before it and 的
    (`布吉納法索北部的庫圖古（Koutougou）`), or a division's term follows the last, after a count
    or not (`[[博尔诺州]]戈内里（Goneri）村`, `…两市`); the Latin form is the name in the article's
    own letters. A place read already that ends at the brackets (or at a closing quotation mark
    before them) takes that form too (`当达拉鎮（Dangdala）`)."""
    shadow, text = sentence.shadow, sentence.text
    lists: list[list[re.Match[str]]] = []
    for m in _LATIN_IN_BRACKETS.finditer(text):
        last = lists[-1][-1] if lists else None
        between = shadow[last.end() + 1:m.start()] if last is not None else ""
        if last is not None and text[last.end():last.end() + 1] in _LIST_JOINERS \
                and 2 <= len(between) <= _LISTED_NAME and all(c in ctx.foreign for c in between):
            lists[-1].append(m)
        else:
            lists.append([m])
    for items in lists:
        after = items[-1].end()
        count = _COUNT.match(shadow, after)
        term = ctx.term_pattern.match(shadow, count.end() if count else after)
        kind = ctx.terms.terms[term.group()][0] if term is not None else None
        if kind not in _DIVISIONS and kind != "city":
            kind = None
        for position, m in enumerate(items):
            if not _bracketed_place(ctx, sentence, cover, m, names, kind) and position == 0 \
                    and kind is None:
                break  # the first is none: nor are the others, with nothing after them


def _bracketed_place(ctx: _Context, sentence: Sentence, cover: _Cover, m: re.Match[str],
                     names: dict[str, tuple[str, str | None]], kind: str | None) -> bool:
    """One name of ``_bracketed_places`` (``kind``: the division's term after its list, if
    any): whether it is a place."""
    shadow, end = sentence.shadow, m.start()
    latin_start, latin_end = m.span(1)
    if cover.hard_taken(latin_start, latin_end):
        return False
    # (a closing quotation mark may stand between: `「阿瑪拉文化中心」（Amara Culture Centre）`)
    made = cover.made_ending_at(end) or (
        cover.made_ending_at(end - 1) if end and shadow[end - 1] in _CLOSING_QUOTES else None)
    if made is not None:
        item = ctx.found.get(made)
        if item is not None and item.source == "article" and item.name_latin is None:
            item.name_latin = m.group(1)
            cover.add(latin_start, latin_end)
        return item is not None and item.kind == "place"
    start = _foreign_start(ctx, shadow, end, cover)
    name = shadow[start:end]
    # (a word inside it is chance: the Latin form says it is a name, 戈内里 holds 内里; so is a
    # gazetteer's name too obscure to be read alone: 博马 is a Boma of Congo's, not Chad's)
    known = ctx.names.table.get(name)
    if not 2 <= len(name) <= _LISTED_NAME or cover.taken(start, end) \
            or not all(c in ctx.foreign and _is_name_char(c) for c in name) \
            or name in ctx.places.words or (known is not None and known[0] != "place") \
            or name.endswith(_SURNAME_ENDINGS) or ctx.title_before(shadow, start) is not None:
        return False
    inside = cover.place_ends_at(start) or (
        start >= 2 and shadow[start - 1] in "的和与及、" and cover.place_ends_at(start - 1))
    if kind is None and not inside:
        return False
    _add_made(ctx, sentence, cover, start, end, kind, names)
    item = ctx.found[cover.made_ending_at(end) or ""]
    if item.name_latin is None:
        item.name_latin = m.group(1)
    cover.add(latin_start, latin_end)
    return True


# what a linked name may hold besides Chinese characters where a term ends it (巴黎夏尔·戴高乐机场,
# 约翰·F·肯尼迪国际机场)
_IN_LINKED_NAME = frozenset("0123456789-–." + NAME_JOINERS + string.ascii_uppercase)
# How the Xinhua tables write the endings of Slavic surnames (-yev, -sky, -vich): a linked name
# that ends so is a person's; so or as a woman's (-va) no place's by its place after another
_SLAVIC_SURNAME = ("耶夫", "斯基", "维奇")
_SURNAME_ENDINGS = (*_SLAVIC_SURNAME, "娃")


def _page_of_a_place(ctx: _Context, target: str, shadow: str, start: int, end: int,
                     cover: _Cover) -> bool:
    """Whether a wikilink's whole text at ``[start, end)`` links to a page that Wikipedia tells
    apart from its namesakes by the place it lies in (`[[巴加_(尼日利亚)|巴加]]`), written in the
    characters of foreign names: a place (a newspaper or a party so told apart is written in
    words: `[[世界报_(法国)|世界报]]`)."""
    title = ctx.scripts.simplified(target).replace("_", " ").strip()
    m = _DISAMBIGUATION.search(title)
    if m is None or _bare_title(title) != shadow[start:end] or end - start < 2 \
            or not all(c in ctx.foreign for c in shadow[start:end]) or cover.taken(start, end):
        return False
    return m.group().strip(" ()（）") in ctx.places.names


def _page_named_by_make(ctx: _Context, target: str, shadow: str, start: int, end: int,
                        cover: _Cover) -> tuple[str | None, str | None]:
    """A wikilink whose shown text is a short form of a page named by its make as a place
    (`[[巴音郭楞蒙古自治州|巴州]]`, `[[联邦直辖部落地区|部落地区]]`: the page's name ends with a
    generic term): the page's name, and the kind its term says; or (None, None)."""
    title = _bare_title(ctx.scripts.simplified(target).replace("_", " ").strip())
    text = shadow[start:end]
    if title == text or len(text) < 2 or not all(is_cjk(c) or c == "-" for c in text) \
            or cover.taken(start, end) or text in ctx.places.persons or text in ctx.terms.terms \
            or text in ctx.places.words or ctx.title_before(shadow, start) \
            or not set(text) & set(title) or "的" in text:
        # (`[[南京长江大桥|大桥]]`: the bridge, no name; `[[申根区|宽松的边境管制]]`: words about
        # it, no form of its name, which a short form shares characters with)
        return None, None
    _direction, _stem, term = ctx.terms.split(title)
    if not term or not all(is_cjk(c) or c in _IN_LINKED_NAME for c in title):
        return None, None
    _direction, stem, own_term = ctx.terms.split(text)
    if own_term and stem in ctx.places.words:
        return None, None  # `[[公安检查站_(中国大陆)|检查站]]`: a common noun, the checkpoint
    kind = _linked_place(ctx, title, 0, len(title), _Cover())
    return (title, kind) if kind else (None, None)


def _linked_place(ctx: _Context, shadow: str, start: int, end: int, cover: _Cover) -> str | None:
    """The kind of place a wikilink's whole text at ``[start, end)`` names by its make ("" for a
    place of no known kind), or None."""
    text = shadow[start:end]
    parts = text.split("-")
    if len(parts) == 2 and all(2 <= len(p) <= _MAX_PART for p in parts) \
            and all(_is_name_char(c) and c in ctx.foreign for p in parts for c in p) \
            and not cover.taken(start, end) and not ctx.title_before(shadow, start) \
            and not any(shadow.startswith(v, end) for v in ctx.person_verbs):
        # [[纳戈尔诺-卡拉巴赫]]: a hyphen joins a place's parts (a person's, after an office or
        # before a verb only a person does: `[[艾哈迈迪-内贾德]]当选总统`)
        return ""
    # (a link's edges are sure: a numeral is part of its name, 上九一色村, and digits and hyphens
    # are where a term ends it, 伏尔加格勒1号站, 科隆-波恩国际机场)
    direction, stem, term = ctx.terms.split(text)
    # (a name of two characters only where what stands around it says it is a place, below)
    if not 2 <= len(text) <= _MAX_LINKED_PLACE or cover.hard_taken(start, end) \
            or not all(is_cjk(c) or (term and c in _IN_LINKED_NAME) for c in text) \
            or not is_cjk(text[0]) or text in ctx.places.words or "的" in text:
        return None  # (`[[…清真寺|歐洲最大的清真寺]]`: words about a place, no name of it)
    if len(text) > _MAX_PLACE and not term:
        return None
    spans = cover.place_spans
    if (start, end) in spans or ((start, end - len(term)) in spans
                                 and ctx.terms.terms[term][0] != "soviet republic"):
        return None  # a place read already, with its term or without (车臣地区 is Chechnya)
    # (a name jieba knows as a person's is one before a generic term: [[塔里木盆地]]; a common
    # word or an institution is one before a street's or a station's, unless the whole is a
    # common noun: [[西单站]], [[科技学院站]], not [[加油站]])
    by_words = bool(term) and ctx.terms.terms[term][0] in NAMED_BY_WORDS \
        and text not in ctx.places.generic
    if (stem in ctx.places.words and not by_words) \
            or text in ctx.places.persons \
            or (stem in ctx.places.persons and not term) \
            or stem in ctx.places.no_place or (_ORGANISATION_AFTER.search(text) and not by_words) \
            or _names_other_thing(ctx, shadow, end) or (term == "省" and ctx.japanese):
        return None  # in Japanese, 省 is a ministry (法務省)
    if term:
        return ctx.terms.terms[term][0]
    if cover.taken(start, end) or ctx.has_word(stem) or stem in ctx.places.proper:
        return None
    # written in the characters of foreign names (a link's edges are sure: one other is let be)
    foreign = sum(c not in ctx.foreign for c in stem) <= (1 if len(stem) >= 3 else 0)
    if len(text) == 2 and (term or direction or stem in ctx.places.names):
        return None  # (a gazetteer's short name is read as the gazetteer's, or not at all)
    if direction and foreign:
        return ""  # 北奥塞梯
    if foreign and _next_to_place(shadow, start, end, cover) \
            and not text.endswith(_SURNAME_ENDINGS):
        return ""  # [[斯塔夫罗波尔边疆区]][[布琼诺夫斯克]]; not 车臣共和国[[杜达耶夫]]
    if foreign and ((_AT_PLACE.search(shadow, max(0, start - 1), start)
                     and (_NEAR_PLACE.match(shadow, end)
                          or (len(text) >= 3 and shadow[start - 1:start] in ("在", "于")
                              and _DONE_THERE.match(shadow, end)
                              and not text.endswith(_SURNAME_ENDINGS))))
                    or _BATTLE_AT.match(shadow, end)):
        # 在[[印古什]]近车臣边界处; [[吉斯尔舒古尔]]战役; `“伊斯兰国”在[[泰勒阿费尔]]发布简短声明`
        return ""
    if foreign and start > 1 and shadow[start - 1] == "的":
        larger = cover.start_of_place_ending_at(start - 1)
        if larger is not None and _GOING_TO.search(shadow, max(0, larger - 2), larger):
            return ""  # 前往[[敘利亞]]的[[科巴尼]]: where one goes, in a place (not 来自伊朗的…)
    return None


# the terms of a Chinese place's own name (GB/T 2260) after which a name may be found by its
# pinyin
_PINYIN_TERMS = frozenset({"县", "市", "镇", "乡"})
_PINYIN_READINGS = 32  # the most ways of reading a name's characters that are tried


def _by_pinyin(ctx: _Context, sentence: Sentence, cover: _Cover, term_start: int, term_end: int,
               names: dict[str, tuple[str, str | None]]) -> None:
    """A Chinese place that GeoNames names only in Hanyu Pinyin (Shache, with no Chinese name),
    written with its term (`莎车县`): a name of two to four characters before 县, 市, 镇 or 乡,
    no common word, whose pinyin (any reading of its characters) is such a city's name. The
    name without its term is that place wherever else the article writes it (`莎车`)."""
    shadow = sentence.shadow
    if not ctx.places.pinyin or shadow[term_start:term_end] not in _PINYIN_TERMS \
            or cover.taken(term_start, term_end):
        return
    for length in (4, 3, 2):
        start = term_start - length
        stem = shadow[max(0, start):term_start]
        if start < 0 or not all(map(is_cjk, stem)) or any(c in _PINYIN_TERMS for c in stem) \
                or cover.taken(start, term_start) \
                or stem in ctx.places.words or ctx.places.names.get(stem) \
                or any(ctx.stop_at(stem, i) for i in range(len(stem))) \
                or ctx.word_across(shadow, term_start) or not _clear_edge(ctx, shadow, start, cover):
            continue  # (`于城市`: a city, 城市; `心和市`, `達普奇鎮`: no name's edges)
        index = _pinyin_place(ctx, stem)
        if index is None:
            continue
        place = ctx.places.places[index]
        key = f"place:{place.key}"
        ctx.entity(key, "place", place=place, source=place.source).add(
            _mention(sentence, start, term_end))
        cover.add_place((start, term_end, True, key))
        names.setdefault(stem, (key, place.kind))
        return


def _pinyin_place(ctx: _Context, stem: str) -> int | None:
    """The city of China whose pinyin name is a reading of ``stem``, if one is."""
    from itertools import islice, product

    from kzct.parse.romanize import readings

    syllables = [s.split("/") for s in readings(stem).split("|")[0].split()]
    if len(syllables) != len(stem):
        return None
    for combination in islice(product(*syllables), _PINYIN_READINGS):
        found = ctx.places.pinyin.get("".join(combination).replace("v", "u"))
        if found is not None:
            return found
    return None


def _joined_name_goes_on(ctx: _Context, shadow: str, at: int) -> bool:
    """Whether the first part of a joined name goes on at ``at``: characters of a name, then a
    joiner (`…山爾·達吾提`)."""
    end = at
    while end < len(shadow) and end - at < 4 and _part_char(ctx, shadow[end]):
        end += 1
    return end < len(shadow) and shadow[end] in NAME_JOINERS


def _termed(ctx: _Context, sentence: Sentence, cover: _Cover, term_start: int, term_end: int,
            names: dict[str, tuple[str, str | None]]) -> None:
    """A generic term at ``[term_start, term_end)`` after a name written in the characters of
    foreign names (`布琼诺夫斯克市`, `巴布尔广场`): the name and the term are a place."""
    shadow = sentence.shadow
    term = shadow[term_start:term_end]
    if term_start < 2 or not all(c in ctx.foreign for c in shadow[term_start - 2:term_start]):
        return  # no name of two such characters before it (the cheap test first)
    if len(term) == 1 and _joined_name_goes_on(ctx, shadow, term_end):
        return  # `紀委書記凱薩山爾·達吾提`: the term's character is of a joined name
    if (len(term) == 1 and (ctx.word_at(shadow, term_start) or ctx.generic_at(shadow, term_start)
                            or ctx.word_across(shadow, term_start))) \
            or _names_other_thing(ctx, shadow, term_end) or cover.taken(term_start, term_end) \
            or _word_runs_on(ctx, shadow, term_end):
        return  # `市场`, `镇压`, `州长`; `…州人`; `阿布莱汗国际关系…大学` (国际)
    start = _foreign_start(ctx, shadow, term_start, cover)
    # a name made already that ends here is the name (`事发地公园北街` after `公园北街`)
    start = next((at for at in range(start, term_start - 1) if shadow[at:term_end] in names), start)
    # (a stem of nothing but the term's own characters names nothing: `镇镇镇`)
    stem = shadow[start:term_start]
    if ctx.terms.terms[term][0] in _ONE_OF_MANY and (
            stem in ctx.places.names or cover.place_ends_at(term_start)):
        return  # (`布琼诺夫斯克医院`: a hospital in a town; `聖瑪莉醫院` is one by its name)
    if len(stem) < 2 or stem in ctx.places.words or stem in ctx.places.no_place \
            or ctx.generic(stem) or set(stem) <= set(term) \
            or _DIRECTION_WORD.fullmatch(stem) or cover.blocked(start, term_end) \
            or (term == "省" and ctx.japanese) \
            or not (_clear_edge(ctx, shadow, start, cover) or shadow[start:term_end] in names):
        return
    _add_made(ctx, sentence, cover, start, term_end, ctx.terms.terms[term][0], names)


# What ends a list of places: "and other places" (`皮山、阿克苏、库尔勒等地`)
_PLACES_AND_OTHERS = re.compile(r"等(?:地区|地|城市|城镇|省份|省区|县市|国家)")
_LIST_CLAUSE = re.compile(r"[，,。；;：:（）()\s]")
_MAX_LISTED = 12  # names of a list read so
_LISTED_NAME = 8  # characters of a name in it


def _listed_places(ctx: _Context, sentence: Sentence, cover: _Cover, end: int,
                   link_starts: dict[int, int], names: dict[str, tuple[str, str | None]]) -> None:
    """The names of a list that ends with "and other places" (`等地`) and holds a place read
    already are places too (`与皮山、阿克苏、库尔勒等地`: 皮山 with Aksu and Korla)."""
    shadow = sentence.shadow
    start = end
    while start > 0 and end - start < _MAX_LISTED * (_LISTED_NAME + 1) \
            and not _LIST_CLAUSE.match(shadow, start - 1):
        start -= 1
    spans: list[tuple[int, int]] = []
    at = end
    while at > start and len(spans) < _MAX_LISTED:
        sep = shadow.rfind("、", start, at)
        first = sep < 0
        a = start if first else sep + 1
        if first:  # the first name: a wikilink, else the shortest after a clear edge (与皮山)
            linked = link_starts.get(at)
            a = linked if linked is not None and linked >= a else next(
                (i for i in range(at - 2, max(a, at - _LISTED_NAME) - 1, -1)
                 if _clear_edge(ctx, shadow, i, cover)), at)
        spans.append((a, at))
        if first:
            break
        at = sep
    if len(spans) < 2 or not any(cover.place_ends_at(b) for _a, b in spans):
        return
    for a, b in spans:
        if 2 <= b - a <= _LISTED_NAME and all(map(_is_name_char, shadow[a:b])) \
                and not cover.taken(a, b) and not ctx.has_word(shadow[a:b]) \
                and shadow[a:b] not in ctx.places.words:
            _add_made(ctx, sentence, cover, a, b, None, names)


def _transliterated_in_lists(ctx: _Context, sentence: Sentence, cover: _Cover,
                             names: dict[str, tuple[str, str | None]]) -> None:
    """In a list of two places or more (`阿克托别、阿特劳和塔拉兹`), an item no gazetteer holds
    that is written only with the characters of foreign names, whole between the list's marks
    (、, 和, 与, 及) or after a clear edge, is a place too: the items of a list are things of one
    kind."""
    shadow = sentence.shadow
    starts: dict[int, int] = {}  # where a place read already begins → where it ends
    ends: dict[int, int] = {}  # where one ends → where it begins
    for a, b in cover.place_spans:
        starts[a], ends[b] = max(b, starts.get(a, b)), min(a, ends.get(b, a))
    lists: list[list[tuple[int, int, bool]]] = []  # items: start, end, a place read already
    for k, ch in enumerate(shadow):
        if ch != "、":
            continue
        items = lists[-1] if lists and lists[-1][-1][1] == k else None
        if items is None:  # the first item: back to a clear edge
            if k in ends:
                items = [(ends[k], k, True)]
            else:
                a = k
                while a > 0 and k - a < _LISTED_NAME and shadow[a - 1] in ctx.foreign \
                        and not _clear_edge(ctx, shadow, a, cover):
                    a -= 1
                if not _clear_edge(ctx, shadow, a, cover):
                    continue
                items = [(a, k, False)]
            lists.append(items)
        b = k + 1  # the next item: a place read already, else up to the next mark
        if b in starts:
            items.append((b, starts[b], True))
            continue
        while b < len(shadow) and b - k <= _LISTED_NAME and shadow[b] in ctx.foreign \
                and shadow[b] not in _LIST_JOINERS:
            b += 1
        if b < len(shadow) and shadow[b] in _LIST_JOINERS:
            items.append((k + 1, b, False))
    for items in lists:
        # the item after 和 (与, 及) that closes the list, where it is a place read already
        last = items[-1][1]
        if last < len(shadow) and shadow[last] in "和与及" and last + 1 in starts:
            items = [*items, (last + 1, last + 1, True)]
        if sum(known for _a, _b, known in items) < 2:
            continue
        for a, b, known in items:
            name = shadow[a:b]
            if known or not 2 <= b - a <= _LISTED_NAME or cover.taken(a, b) \
                    or not all(c in ctx.foreign for c in name) or ctx.known_name(name) \
                    or ctx.has_word(name) or name in ctx.places.words:
                continue
            _add_made(ctx, sentence, cover, a, b, None, names)


# The terms of a division of a place (县, 区, 镇, 村, 街道) or of a street in it (路, 大街): a
# name before one, right after the place it lies in, is a place (熊本縣波野村, 锦江区上东大街)
_DIVISIONS = frozenset({"county", "district", "town", "village", "subdistrict", "street"})


def _under_place(ctx: _Context, sentence: Sentence, cover: _Cover, term_start: int,
                 term_end: int, names: dict[str, tuple[str, str | None]]) -> None:
    """A name of two or three characters and a division's term at ``[term_start, term_end)``,
    right after a place read already: a place, as Chinese writes the larger place first. The
    name is no word (a town's name seldom is: 市中心区 is none)."""
    shadow = sentence.shadow
    term = shadow[term_start:term_end]
    kind = ctx.terms.terms[term][0]
    if kind not in _DIVISIONS or cover.taken(term_start, term_end) \
            or (term_end - term_start == 1 and (ctx.word_at(shadow, term_start)
                                                or ctx.word_across(shadow, term_start))) \
            or _names_other_thing(ctx, shadow, term_end):
        return
    for size in (2, 3):
        start = term_start - size
        stem = shadow[max(start, 0):term_start]
        if start > 0 and cover.place_ends_at(start) and all(map(_is_name_char, stem)) \
                and not set(stem) <= set(term) \
                and not cover.taken(start, term_start) and not ctx.has_word(stem) \
                and stem not in ctx.places.words and not _DIRECTION_WORD.fullmatch(stem):
            _add_made(ctx, sentence, cover, start, term_end, kind, names)
            return


def _foreign_start(ctx: _Context, shadow: str, end: int, cover: _Cover) -> int:
    """Where a name written in the characters of foreign names that ends at ``end`` begins:
    after another character, a stop word, a common word, a name read already or a date's unit
    (`2013年巴楚县`: 年 is the year's)."""
    start = end
    while start > 0 and end - start < _MAX_PLACE:
        ch = shadow[start - 1]
        if ch not in ctx.foreign or not _is_name_char(ch) or cover.taken(start - 1, start) \
                or (ch in _DATE_UNITS and start > 1 and shadow[start - 2].isdigit()) \
                or (start < end and ((ctx.stop_before(shadow, start)
                                      # (`和平北路`: 和 of 和平 is no conjunction)
                                      and shadow[start - 1:start + 1] not in ctx.places.joined)
                                     or ctx.word_before(shadow, start))):
            break
        start -= 1
    return start


def _ended(ctx: _Context, sentence: Sentence, cover: _Cover, end: int,
           names: dict[str, tuple[str, str | None]]) -> None:
    """A name written in the characters of foreign names that ends at ``end`` with the ending
    of a place's name there (`布伊纳克斯克`, Buynaksk: Russian -sk): a place."""
    shadow = sentence.shadow
    if cover.taken(end - 1, end) or (end < len(shadow) and shadow[end] in ctx.foreign
                                     and _is_name_char(shadow[end])
                                     and not (ctx.stop_at(shadow, end) or ctx.word_at(shadow, end)
                                              or ctx.term_pattern.match(shadow, end))):
        return  # the name goes on (…斯克耶夫 is a person's)
    ending = next(e for e in ctx.terms.endings if shadow.endswith(e, 0, end))
    start = _foreign_start(ctx, shadow, end, cover)
    name = shadow[start:end]
    if len(name) < len(ending) + 2 or not _clear_edge(ctx, shadow, start, cover) \
            or cover.blocked(start, end) or ctx.has_word(name) or name in ctx.places.proper \
            or _names_other_thing(ctx, shadow, end):
        return
    if _PLACE_SUFFIX.match(shadow, end):
        return  # 布琼诺夫斯克市: the name and its term, read as such
    _add_made(ctx, sentence, cover, start, end, ctx.terms.endings[ending], names)


_DIRECTION_WORD = re.compile(r"[东南西北中][东南西北部方]*")
# What may stand right before a name: particles, prepositions and conjunctions (在瓦纳地区)
_BEFORE_NAME = frozenset("在的于到往向从至经和与及或对将把被由为是即了")


def _clear_edge(ctx: _Context, shadow: str, start: int, cover: _Cover) -> bool:
    """Whether a name can begin at ``start``: at the start, after punctuation or another
    script, a particle, a word, a stop word or a name read already; not after a character that
    may be the first of the same name (印 of 印古什, which foreign names are seldom written with)."""
    if start == 0 or not is_cjk(shadow[start - 1]) or shadow[start - 1] in _BEFORE_NAME:
        return True
    return cover.place_ends_at(start) or cover.hard_taken(start - 1, start) \
        or ctx.word_before(shadow, start) or ctx.stop_before(shadow, start) \
        or ctx.title_before(shadow, start) is not None


def _foreign_run(ctx: _Context, shadow: str, start: int, cover: _Cover) -> int:
    """Where a name written in the characters of foreign names that begins at ``start`` ends:
    at another character, a stop word, a common word or a name already read."""
    end = start
    while end < len(shadow) and end - start < _MAX_PLACE and shadow[end] in ctx.foreign \
            and _is_name_char(shadow[end]) and not cover.taken(end, end + 1) \
            and not (end > start and (ctx.stop_at(shadow, end) or ctx.word_at(shadow, end))):
        end += 1
    return end


def _add_made(ctx: _Context, sentence: Sentence, cover: _Cover, start: int, end: int,
              kind: str | None, names: dict[str, tuple[str, str | None]]) -> str:
    """Record a place found by its make, and the names it will be found by again; its key."""
    shadow = sentence.shadow
    name = shadow[start:end]
    direction, stem, term = ctx.terms.split(name)
    settlement = bool(term) and ctx.terms.terms[term][2] and not direction
    # 布琼诺夫斯克市 is 布琼诺夫斯克: one place
    key = f"place:{slug(stem if settlement else name)}"
    item = ctx.entity(key, "place", name_zh=sentence.text[start:end], source="article")
    item.place_type = item.place_type or kind or None
    _drop_places(ctx, sentence, cover, start, end)  # 伊奇克里亚车臣共和国 is no mention of 车臣
    item.add(_mention(sentence, start, end))
    cover.add_place((start, end, True, key))
    names.setdefault(name, (key, kind))
    if settlement or (term == "地区" and not direction and stem not in ctx.names.table):
        # (瓦济里斯坦地区, the Waziristan area, is also written 瓦济里斯坦)
        names.setdefault(stem, (key, kind))
    return key


def _named_again(ctx: _Context, sentences: list[Sentence], covered: list[_Cover],
                 names: dict[str, tuple[str, str | None]]) -> None:
    """Every other place the article writes a name found by its make, as a whole name: not
    inside a longer name written in the characters of foreign names."""
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for position, sentence in enumerate(sentences):
        shadow, cover = sentence.shadow, covered[position]
        for m in pattern.finditer(shadow):
            start, end = m.span()
            if cover.taken(start, end) or cover.blocked(start, end) \
                    or _runs_into(ctx, shadow, start, cover) \
                    or (end < len(shadow) and shadow[end] in ctx.foreign
                        and _is_name_char(shadow[end]) and shadow[end] not in _PLACE_SUFFIX_CHARS
                        and not (ctx.stop_at(shadow, end) or ctx.word_at(shadow, end))) \
                    or not _is_place_here(ctx, shadow, start, end, cover=cover):
                continue
            key, _kind = names[m.group()]
            ctx.found[key].add(_mention(sentence, start, end))
            cover.add_place((start, end, True, key))


# -- organisations by their make ---------------------------------------------------------------------

# What ends an organisation's name: a body, an agency, a party, a court, a medium
_ORGANISATION_END = re.compile(
    r"(?:委员会|理事会|组织|安全局|情报局|公安局|警察局|司令部|部|局|署|厅|党|法院|检察院|银行|"
    r"通讯社|新闻社|电视台|广播公司|日报|时报|联盟|基金会|协会|研究所|研究院|运动|阵线)$")
# A name and an acronym in brackets after it (`哈萨克斯坦国家安全委员会（KNB）`, also `（简称…，KNB）`),
# or right after it, of capital letters only (`俄联邦国家安全局FSB`; not a channel, `昆明电视台K6`)
_ACRONYM_AFTER = re.compile(r"[（(](?:简称[^，,）)]{0,10}[，,]\s*)?([A-Z][A-Z0-9&]{1,7})[）)]"
                            rf"|(?<=[{HAN}])([A-Z]{{2,8}})(?![A-Za-z0-9&])")
_MAX_ORGANISATION = 24  # characters of an organisation's name


def _organisations(ctx: _Context, sentences: list[Sentence], covered: list[_Cover]) -> None:
    """Organisations the article names that no curated entry knows, as groups: a name that
    ends as an organisation's does (`委员会`, `部`, `党`, `法院`, `日报`) as a wikilink's whole
    text (`[[美国财政部]]`), or before its acronym, in brackets or not (`哈萨克斯坦国家安全委员会
    （KNB）`, `俄联邦国家安全局FSB`: the acronym then names it wherever the article writes it);
    and each name again."""
    names: dict[str, str] = {}  # name (or acronym) → entity key
    for position, sentence in enumerate(sentences):
        shadow, cover = sentence.shadow, covered[position]
        for _link, start, end in _link_spans(sentence):
            if _organisation_name(ctx, shadow[start:end]) and not cover.hard_taken(start, end):
                _add_organisation(ctx, sentence, cover, start, end, None, names)
        for m in _ACRONYM_AFTER.finditer(shadow):
            end = m.start()
            start = end
            while start > 0 and end - start < _MAX_ORGANISATION and _is_name_char(
                    shadow[start - 1]) and shadow[start - 1] not in _BEFORE_NAME \
                    and not cover.hard_taken(start - 1, start):
                start -= 1
            if _organisation_name(ctx, shadow[start:end]):
                _add_organisation(ctx, sentence, cover, start, end,
                                  m.span(1) if m.group(1) else m.span(2), names)
    if names:
        _organisations_again(ctx, sentences, covered, names)


def _organisation_name(ctx: _Context, name: str) -> bool:
    """A name that ends as an organisation's does, with a name of its own before that ending
    (not a common word: 恐怖组织, 非政府组织 name no organisation)."""
    if not 3 <= len(name) <= _MAX_ORGANISATION or not all(map(_is_name_char, name)):
        return False
    ending = _ORGANISATION_END.search(name)
    if ending is None or name in ctx.places.words:
        return False
    term = ctx.terms.split(name)[2]
    if term and len(term) > len(ending.group()):
        return False  # a place's longer term: 咖啡厅 and 市政厅 are buildings, not a 厅 (a bureau)
    stem = name[:ending.start()]
    return len(stem) >= 2 and stem not in ctx.places.words and not _DIRECTION_WORD.fullmatch(stem) \
        and stem[0] not in "非反各该某其此这那本"  # 非政府组织, 该组织: a kind, not a name


def _add_organisation(ctx: _Context, sentence: Sentence, cover: _Cover, start: int, end: int,
                      acronym: tuple[int, int] | None, names: dict[str, str]) -> None:
    shadow = sentence.shadow
    name = shadow[start:end]
    known = _known_by_acronym(ctx, sentence.text[slice(*acronym)]) if acronym else None
    if names.get(name) is None and known is not None:
        # the article writes a curated organisation's acronym after this name (俄联邦国家安全局
        # FSB): that organisation, by another of its names
        key = entity_id(known)
        item = ctx.entity(key, "group", curated=known, source="curated")
    else:
        key = names.get(name) or \
            f"group:{slug(sentence.text[slice(*acronym)] if acronym else name)}"
        item = ctx.entity(key, "group", name_zh=sentence.text[start:end], source="article")
    _drop_places(ctx, sentence, cover, start, end)  # 美国财政部 is no mention of the United States
    item.add(_mention(sentence, start, end))
    cover.add(start, end)
    names.setdefault(name, key)
    if acronym is not None:
        written = sentence.text[slice(*acronym)]
        item.name_latin = item.name_latin or written
        item.add(_mention(sentence, *acronym))
        cover.add(*acronym)
        names.setdefault(written, key)


def _known_by_acronym(ctx: _Context, acronym: str) -> Curated | None:
    """The one curated organisation whose Latin names or aliases hold ``acronym``, if one does."""
    found = [e for e in ctx.gazetteer.of_kind("organisation")
             if acronym in e.latin or acronym in e.aliases]
    return found[0] if len(found) == 1 else None


def _organisations_again(ctx: _Context, sentences: list[Sentence], covered: list[_Cover],
                         names: dict[str, str]) -> None:
    """Every other place the article writes an organisation's name or acronym, whole."""
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for position, sentence in enumerate(sentences):
        shadow, cover = sentence.shadow, covered[position]
        for m in pattern.finditer(shadow):
            start, end = m.span()
            if cover.hard_taken(start, end) or not _whole_word(shadow, start, end) \
                    or _organisation_goes_on(shadow, start, end):
                continue
            key = names[m.group()]
            _drop_places(ctx, sentence, cover, start, end)
            ctx.found[key].add(_mention(sentence, start, end))
            cover.add(start, end)


def _organisation_goes_on(shadow: str, start: int, end: int) -> bool:
    """A Chinese name that is only the start of a longer organisation's (`…部长`, `…党员`)."""
    return is_cjk(shadow[start]) and end < len(shadow) and is_cjk(shadow[end]) \
        and shadow[end] in "长员人"


# -- people ---------------------------------------------------------------------------------------

def _is_name_char(ch: str) -> bool:
    return bool(ch) and is_cjk(ch) and ch not in _NUMERALS


def _word_after_title(ctx: _Context, shadow: str, pos: int) -> bool:
    """A common word ends at ``pos`` right after a title, a title's 员 or 人, or punctuation
    (`中校路易`): a name begins with it."""
    return any(ctx._word(shadow[pos - k:pos]) and (
        pos == k or not _is_name_char(shadow[pos - k - 1]) or shadow[pos - k - 1] in "员人"
        or ctx.title_before(shadow, pos - k)) for k in (2, 3, 4) if pos >= k)


def _part_char(ctx: _Context, ch: str) -> bool:
    """A character of a part of a joined name: a name character, or a numeral that foreign
    names are written with (万 of 伊万·阿列克谢耶维奇, 维克多·伊万诺维奇)."""
    return _is_name_char(ch) or (ch in ctx.foreign and is_cjk(ch))


def _joined(ctx: _Context, sentence: Sentence, cover: _Cover,
            people: list[tuple[int, int, int, str, str | None]], position: int) -> None:
    """Transliterated names joined by `·` (and its look-alikes) or a hyphen."""
    shadow = sentence.shadow
    links: _Links | None = None
    i = 0
    n = len(shadow)
    while i < n:
        if shadow[i] not in _JOINERS or cover.hard_taken(i, i + 1):
            i += 1
            continue
        span = _name_around(ctx, shadow, i, cover)
        if span is None:
            i += 1
            continue
        start, end, role = span
        if ctx.known_name(shadow[start:end].replace(shadow[i], "")):
            i = end  # `努尔-苏丹`: a known name written with a hyphen
            continue
        links = links or _Links(sentence)
        if links.between(start, end):
            i = end  # `[[巴基斯坦]]·[[阿富汗]]`: a list of linked names, not one name
            continue
        held = links.holding(i)
        if held is not None and held in cover.place_spans and held != (start, end):
            i = held[1]  # `[[巴黎夏尔·戴高乐机场]]`: a place by its term holds the name
            continue
        linked = _linked_name(ctx, shadow, links, i, cover)
        if linked is not None and linked[0] <= start and end <= linked[1]:
            # `[[亚沙尔·比于卡尼特]]`: the wikilink's edges are the name's (于 is no stop in it)
            role = role if linked[0] == start else None
            start, end = linked
        end = _known_end(ctx, shadow, start, _longer_known(ctx, shadow, start, end))
        if shadow[end - 1] in _UNIT_ENDS or _ORGANISATION_END.search(shadow, start, end):
            i = end  # `阿布·哈夫斯·马斯里旅`: a brigade named after a person, no person
            continue
        _add_person(ctx, sentence, start, end, role, cover, people, position)
        i = end


def _long_stop_inside(ctx: _Context, name: str) -> int:
    """Where the first stop word of two characters or more stands inside ``name`` after a joined
    name (`亞歷山大·涅夫斯基勳章`: an order named after a person, no person's name), or 0."""
    first = next((i for i, c in enumerate(name) if c in NAME_JOINERS), len(name))
    return next((k for k in range(first + 2, len(name) - 1)
                 if ctx.stop_at(name, k) and not ctx.stop_at(name[:k + 1], k)), 0)


def _linked_name(ctx: _Context, shadow: str, links: _Links, joiner: int,
                 cover: _Cover) -> tuple[int, int] | None:
    """The span of the wikilink whose whole text holds the joiner at ``joiner``, where that text
    is one name: parts of a name and joiners only, none a place or a name read already."""
    held = links.holding(joiner)
    if held is None:
        return None
    a, b = held
    if all(c in _JOINERS or _part_char(ctx, c) for c in shadow[a:b]) \
            and not cover.hard_taken(a, b) and shadow[b - 1] not in _JOINERS \
            and shadow[b - 1] not in _NO_PERSON_END \
            and _ORGANISATION_END.search(shadow, a, b) is None \
            and not _long_stop_inside(ctx, shadow[a:b]):
        return a, b  # (not `[[李·里格比谋杀案]]`, a case)
    return None


def _longer_known(ctx: _Context, shadow: str, start: int, end: int) -> int:
    """Where a joined name at ``[start, end)`` ends, where a person's longer joined name read
    before is written there (`亚沙尔·比于卡尼特` after `[[亚沙尔·比于卡尼特]]`: 于 of it is no stop
    there); else ``end``."""
    for stop in range(min(len(shadow), end + _MAX_PART), end, -1):
        if _canonical(ctx.scripts.simplified(shadow[start:stop])) in ctx.joined_people:
            return stop
    return end


_RUN_ON = 3  # the most characters a verb or particle glued to a name read before may have


def _known_end(ctx: _Context, shadow: str, start: int, end: int) -> int:
    """Where a joined name at ``[start, end)`` ends: at the end of a person's joined name read
    before, where it is that name and up to ``_RUN_ON`` characters more (`阿不都热合曼·阿扎提因犯`,
    after `阿不都热合曼·阿扎提即驾车`: the same person, then 因犯); else at ``end``."""
    name = _canonical(ctx.scripts.simplified(shadow[start:end]))
    for extra in range(1, min(_RUN_ON, len(name) - 1) + 1):
        cut = end - extra
        # (what runs on is no letter of a longer name: 罗夫 of 伊万·彼得罗夫 after 伊万·彼得)
        if name[:-extra] in ctx.joined_people and (
                not all(c in ctx.foreign for c in shadow[cut:end]) or ctx.word_at(shadow, cut)
                or ctx.stop_at(shadow, cut)):
            return cut
    return end


class _Links:
    """Where a sentence's wikilinks stand, found once (a sentence may hold thousands)."""

    def __init__(self, sentence: Sentence) -> None:
        self.shadow = sentence.shadow
        self.spans = {(a, b) for _link, a, b in _link_spans(sentence)}
        self.starts = {a for a, _b in self.spans}
        self.ends = {b for _a, b in self.spans}
        self.edges = sorted(self.starts | self.ends)
        self._by_start: list[tuple[int, int]] | None = None

    def across(self, start: int, end: int) -> bool:
        """Whether a wikilink begins or ends strictly inside ``[start, end)``."""
        i = bisect.bisect_right(self.edges, start)
        return i < len(self.edges) and self.edges[i] < end

    def listed(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is a wikilink's whole text with a joiner between it and
        another wikilink (`[[巴基斯坦]]·[[阿富汗]]`)."""
        shadow = self.shadow
        return (start, end) in self.spans and (
            (start > 0 and shadow[start - 1] in _JOINERS and start - 1 in self.ends)
            or (end < len(shadow) and shadow[end] in _JOINERS and end + 1 in self.starts))

    def within(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a wikilink's text that begins before it (the
        link names the whole: `[[车里雅宾斯克]]`)."""
        if self._by_start is None:
            self._by_start = sorted(self.spans)
        i = bisect.bisect_left(self._by_start, (start, -1)) - 1  # the last link begun before
        return i >= 0 and self._by_start[i][1] >= end

    def holding(self, pos: int) -> tuple[int, int] | None:
        """The wikilink whose text holds ``pos`` strictly inside, found by bisection."""
        if self._by_start is None:
            self._by_start = sorted(self.spans)
        i = bisect.bisect_left(self._by_start, (pos, pos)) - 1
        if i >= 0 and self._by_start[i][0] < pos < self._by_start[i][1] - 1:
            return self._by_start[i]
        return None

    def between(self, start: int, end: int) -> bool:
        """Whether a joiner inside ``[start, end)`` stands between two wikilinks, one ending
        right before it and another beginning right after it."""
        return any(at in self.ends and at + 1 in self.starts for at in range(start, end)
                   if self.shadow[at] in _JOINERS)


def _one_joiner(name: str) -> str:
    """``name`` with every joiner written ``·`` (`努尔苏丹•纳扎尔巴耶夫` is `努尔苏丹·纳扎尔巴耶夫`)."""
    return "".join("·" if ch in _JOINERS else ch for ch in name)


def _runs_into(ctx: _Context, shadow: str, start: int, cover: _Cover) -> bool:
    """A transliterated name runs on into ``start``: the character before it writes foreign
    names, and no title, stop word or place ends there."""
    if start == 0 or shadow[start - 1] not in ctx.places.translit:
        return False
    return not (ctx.title_before(shadow, start) or ctx.stop_before(shadow, start)
                or cover.place_ends_at(start))


# what ends a date after its digits (`2002年`, `5月`, `3日`, `4号`): never the start of a name
_DATE_UNITS = frozenset("年月日号")


def _name_around(ctx: _Context, shadow: str, joiner: int,
                 cover: _Cover) -> tuple[int, int, str | None] | None:
    """The edges of the name that holds the joiner at ``joiner``, and the office before it.

    Parts are read outwards from the joiner, across further joiners: to the left back to a
    title, a stop word, a common word, a known name or punctuation (`国防部长伊戈尔·谢尔盖耶夫`);
    to the right up to a stop word, a common word or punctuation (`…·卡赞采夫称`)."""
    hyphen = shadow[joiner] in _HYPHENS
    start = joiner
    while True:
        before = None if hyphen else _initial_before(ctx, shadow, start)
        if before is not None:
            start = before  # `乔治·W·布什`: an initial, and the part before it
            continue
        part_end = start
        while start > 0 and part_end - start < _MAX_PART:
            ch = shadow[start - 1]
            if not _part_char(ctx, ch) or cover.hard_taken(start - 1, start) \
                    or (ch in _DATE_UNITS and start > 1 and shadow[start - 2].isdigit()) \
                    or ch in "裔籍员人":
                break  # (`2002年贝图拉·马哈苏德`: 年 is the date's; `索马里裔人侯赛因·奥斯曼`;
                # a title ends with 员 or 人: `调查员迪克·马蒂`, `创始人艾哈迈德·雷扎伊`)
            if start < part_end and (ctx.title_before(shadow, start)
                                     or ctx.stop_before(shadow, start, inside=True)
                                     # (`代表皮埃尔`: 代表 is the office, not 表皮 a word)
                                     # (nor a word after a title that leaves one character of
                                     # a part: `中校路易斯·李·霍金斯`, where jieba knows 路易;
                                     # but `证明本·拉登`: 本 is bin)
                                     or (ctx.word_before(shadow, start)
                                         and not ctx.title_before(shadow, start - 1)
                                         and (part_end - start > 1
                                              or not _word_after_title(ctx, shadow, start)))
                                     or (cover.strong_place_ends_at(start)
                                         and not _city_opening_a_name(ctx, shadow, start,
                                                                      cover))):
                break
            start -= 1
        # a title or stop ending inside what was taken: the name starts after it
        for cut in range(start, part_end):
            if ctx.title_before(shadow, cut) or (
                    cut > start and ctx.stop_before(shadow, cut, inside=True)):
                start = cut
        if part_end - start < 1:
            if part_end == joiner:
                return None
            start = part_end + 1  # `·卡德罗夫`: the joiner before it joins nothing
            break
        if start > 1 and shadow[start - 1] in _JOINERS and _part_char(ctx, shadow[start - 2]) \
                and not hyphen:
            start -= 1  # another part before this one: 乔治·沃克·布什
            continue
        break
    end = joiner
    while end < len(shadow) and shadow[end] in _JOINERS:
        part_start = end + 1
        initial = _INITIAL.match(shadow, part_start)
        if initial is not None and not hyphen and initial.end() < len(shadow) \
                and _part_char(ctx, shadow[initial.end()]) \
                and not cover.hard_taken(initial.end(), initial.end() + 1):
            end = initial.end() - 1  # `约翰·F·肯尼迪`: an initial, then the next part
            continue
        part_end = part_start
        while part_end < len(shadow) and part_end - part_start < _MAX_PART:
            ch = shadow[part_end]
            if not _part_char(ctx, ch) or cover.hard_taken(part_end, part_end + 1):
                break
            if part_end > part_start and ctx.stop_at(shadow, part_end, inside=True):
                break
            if part_end - part_start >= 2 and ctx.word_at(shadow, part_end):
                break  # `乔治·华盛顿大学`
            part_end += 1
        if part_end - part_start > 2 and ctx.stop_at(shadow, part_end - 1) \
                and (part_end == len(shadow) or ctx.stop_at(shadow, part_end)):
            part_end -= 1  # `卡德羅夫因疑似`: a stop names are written with, before another stop
        if part_end == part_start:
            break
        end = part_end
    if end == joiner:
        return None
    # A hyphen joins short parts of a person's name only after an office (`总统让-克洛德`):
    # alone, it more often joins a place's (`纳戈尔诺-卡拉巴赫`, `努尔-苏丹`) or two names
    # (`纳恩-卢格减少威胁合作计划`).
    if hyphen and not (2 <= joiner - start <= 4 and 2 <= end - joiner - 1 <= 4
                       and ctx.title_before(shadow, start)):
        return None
    return start, end, _role_before(ctx, shadow, start, cover)


# a Latin initial between two parts of a joined name, with its joiner after it (`乔治·W·布什`)
_INITIAL = re.compile(f"[A-Z]\\.?[{re.escape(NAME_JOINERS)}]")


def _initial_before(ctx: _Context, shadow: str, joiner: int) -> int | None:
    """Where the joiner before a Latin initial that ends right before ``joiner`` stands, where a
    part of a name comes before that joiner (`乔治·W·布什`, `约翰·F.·肯尼迪`), else None."""
    at = joiner - 2 if joiner >= 1 and shadow[joiner - 1] == "." else joiner - 1
    if at < 2 or not ("A" <= shadow[at] <= "Z") or shadow[at - 1] not in _JOINERS \
            or not _part_char(ctx, shadow[at - 2]):
        return None
    return at - 1


def _city_opening_a_name(ctx: _Context, shadow: str, end: int, cover: _Cover) -> bool:
    """Whether the place that ends at ``end``, right before a part of a joined name, is a city
    that begins its clause: the first part of the name, which holds it (`*扎卡里亚·伊斯梅尔…`
    holds Zachary, a town in Louisiana), not a place the name follows (a country does not
    begin a name so: `俄罗斯伊戈尔·…` is no name of one)."""
    place = cover.longest_ending_at(end)
    if place is None or not place[3].startswith("place:"):
        return False
    found = ctx.place_by_key(place[3][len("place:"):])
    return found is not None and found.kind == "city" \
        and (place[0] == 0 or shadow[place[0] - 1] in _CLAUSE_OPENERS)


# what a clause begins after
_CLAUSE_OPENERS = frozenset("，,。；;：:、（(“「『*# ")


def _role_before(ctx: _Context, shadow: str, start: int, cover: _Cover) -> str | None:
    """The office written right before a name (`车臣总统`, `国防部长`), or None."""
    title = ctx.title_before(shadow, start)
    if not title:
        return None
    role_start = start - len(title)
    while role_start > 0 and _is_name_char(shadow[role_start - 1]) \
            and not cover.taken(role_start - 1, role_start) \
            and not ctx.stop_before(shadow, role_start) and start - role_start < 12:
        role_start -= 1
    return shadow[role_start:start]


def _add_person(ctx: _Context, sentence: Sentence, start: int, end: int, role: str | None,
                cover: _Cover, people: list[tuple[int, int, int, str, str | None]],
                position: int, key_name: str | None = None) -> _Found:
    shadow = sentence.shadow
    _drop_places(ctx, sentence, cover, start, end)
    name = key_name or shadow[start:end]
    key = f"person:{slug(_canonical(name))}"
    if ctx.japanese and key_name is None:
        # a Japanese name written with the Japanese forms of its characters is the same name
        # (豊田亨 and 丰田亨): the person of the form written first
        key = ctx.japanese_keys.setdefault(ctx.scripts.from_japanese(name), key)
    item = ctx.entity(key, "person", name_zh=sentence.text[start:end])
    if len(sentence.text[start:end]) > len(item.name_zh or ""):
        item.name_zh = sentence.text[start:end]
    if role and item.role is None:
        item.role = sentence.text[start - len(role):start] if role == shadow[start - len(role):start] \
            else role
        item.japanese = shadow.endswith("日本", 0, start - len(role))
    item.add(_mention(sentence, start, end))
    cover.add(start, end)
    cover.persons.add((start, end))
    people.append((position, start, end, key, role))
    joined = _canonical(ctx.scripts.simplified(shadow[start:end]))
    if "·" in joined:
        ctx.joined_people.add(joined)
    latin = _latin_after(sentence.text, end)
    if latin is not None:
        l_start, l_end = latin
        if item.name_latin is None:
            item.name_latin = sentence.text[l_start:l_end]
        cover.add(l_start, l_end)
    return item


def _drop_places(ctx: _Context, sentence: Sentence, cover: _Cover, start: int, end: int) -> None:
    """Place names inside a person's name are no places (拉赫蒙·纳比耶夫 holds no Raahe)."""
    for p_start, p_end, _strong, key in cover.drop_places(start, end):
        item = ctx.found.get(key)
        if item is not None:
            item.drop(sentence.seed_span(p_start, p_end))


def _canonical(name: str) -> str:
    """One spelling of a joined name whatever the joiner: 坦雅•卡斯特罗 = 坦雅·卡斯特罗."""
    return re.sub(f"[{re.escape(NAME_JOINERS)}]", "·", name)


def _latin_after(text: str, end: int) -> tuple[int, int] | None:
    """`阿卜杜勒·哈克（Abdul Haq al-Turkistani）`: the Latin form given right after a name."""
    m = re.match(r"\s*[（(]\s*", text[end:end + 3])
    if not m:
        return None
    start = end + m.end()
    name = _LATIN_NAME.match(text, start)
    if name is None or " " not in name.group():
        return None
    after = text[name.end():name.end() + 1]
    if after not in ("）", ")", "，", ",", "；", ";"):
        return None
    return name.start(), name.end()


# Titles a body's staff hold: a name right before one is the body's (`[[财新]]记者`, `外交部发言人`),
# not a person's, as Chinese writes a person's name after the title (`记者路易斯`)
_STAFF = frozenset({"记者", "编辑", "主编", "总编辑", "发言人"})


def _titled(ctx: _Context, sentence: Sentence, covered: _Cover,
            people: list[tuple[int, int, int, str, str | None]], position: int) -> None:
    """A short name right after an office and before a verb or a stop (`国家主席胡锦涛会见`), or
    right before a title (`告诉卡里莫夫总统`)."""
    shadow = sentence.shadow
    for title in ctx.titles:
        pos = shadow.find(title)
        while pos >= 0:
            after = pos + len(title)
            _name_after_title(ctx, sentence, after, title, covered, people, position)
            if title not in _STAFF:
                _name_before_title(ctx, sentence, pos, covered, people, position)
            pos = shadow.find(title, after)


# A person's age in brackets after the name (`林泰男（60岁）`)
_AGE_AFTER = re.compile(r"[（(]\s*[0-9０-９]{1,3}\s*[岁歲]\s*[）)]")


def _aged(ctx: _Context, sentence: Sentence, covered: _Cover,
          people: list[tuple[int, int, int, str, str | None]], position: int) -> None:
    """A name with an age in brackets after it is a person's (`林泰男（60岁）、冈崎一明（57岁）`):
    the name back to punctuation, a particle, a stop word, an office, a person read already, a
    common word (`沈阳女子陈某某`) or a number that counts (`3名儿童（5岁）`; 一 of 一明 is a given
    name's)."""
    shadow = sentence.shadow
    for m in _AGE_AFTER.finditer(shadow):
        end = m.start()
        start = end
        while start > 0 and end - start < 3 * _MAX_PART:
            ch = shadow[start - 1]
            counted = ch in _NUMERALS and (ch.isdigit() or shadow[start] in "名个位人岁")
            if not (_is_name_char(ch) or ch in _JOINERS or (is_cjk(ch) and not counted)) \
                    or ch in _BEFORE_NAME or covered.hard_taken(start - 1, start) \
                    or (start < end and (ctx.stop_before(shadow, start)
                                         or ctx.title_before(shadow, start)
                                         or ctx.word_before(shadow, start))):
                break
            start -= 1
        name = shadow[start:end]
        if len(name) < 2 or name[0] in _JOINERS or ctx.known_name(name) \
                or (len(name) <= 3 and ctx.has_word(name)) or name in ctx.places.words \
                or _NOT_IN_NAMES.search(name.replace("·", "")):
            continue  # `名儿童（5岁）`: no name
        _add_person(ctx, sentence, start, end, _role_before(ctx, shadow, start, covered),
                    covered, people, position)


def _before_verb(ctx: _Context, sentence: Sentence, covered: _Cover,
                 people: list[tuple[int, int, int, str, str | None]], position: int) -> None:
    """A name right before a verb only a person does (`戈尔巴乔夫上台`, `温家宝表示`), with no
    joiner or office to show it: a transliteration of three to seven characters written only
    with the characters foreign names are written with, or a Chinese name of three (a surname
    and a given name, ``kzct.parse.romanize``), standing alone between clear edges."""
    shadow = sentence.shadow
    for verb in ctx.person_verbs:
        at = shadow.find(verb)
        while at >= 0:
            if at > 0:  # a verb that begins the sentence has no name before it
                _name_before_verb(ctx, sentence, at, verb, covered, people, position)
            at = shadow.find(verb, at + len(verb))


def _name_before_verb(ctx: _Context, sentence: Sentence, end: int, verb: str,
                      covered: _Cover, people: list[tuple[int, int, int, str, str | None]],
                      position: int) -> None:
    shadow = sentence.shadow
    if ctx.word_across(shadow, end) or any(
            ctx._word(shadow[end:end + k]) for k in (2, 3, 4) if k > len(verb)):
        return  # `自称`, `说法`: the verb is part of another word
    start = end
    while start > 0 and end - start < 7 and _is_name_char(shadow[start - 1]) \
            and not covered.taken(start - 1, start):
        if start < end and (ctx.title_before(shadow, start) or ctx.stop_before(shadow, start)
                            or ctx.word_before(shadow, start)):
            break
        start -= 1
    if start < end and (ctx.title_before(shadow, start + 1) or start == end):
        return
    name = shadow[start:end]
    if len(name) < 2 or covered.taken(start, end) or ctx.known_name(name) or ctx.has_word(name) \
            or any(ctx.stop_at(shadow, k) for k in range(start + 1, end)):
        return  # `麻原的`: a particle is no part of a name
    before = shadow[start - 1] if start else ""
    if _is_name_char(before) and not (ctx.stop_before(shadow, start)
                                      or ctx.title_before(shadow, start)
                                      or ctx.word_before(shadow, start)):
        return  # no clear left edge: the run goes on
    if name in ctx.places.proper or name[-1] in _NO_PERSON_END:
        return  # `伊斯兰表示`: a word jieba knows as no person's name; `克里姆林宫称`
    # three characters at least: two may as well be a word jieba does not know (宣言)
    if len(name) < 3:
        return
    foreign = all(c in ctx.foreign for c in name)
    if foreign and _NOT_IN_NAMES.search(name):
        return  # `伊斯兰国宣称`: a state's name, in the characters of foreign names
    # a Chinese name by its make; in an article that writes Japanese, a name in kanji read the
    # Japanese way, of five characters at most (`麻原彰晃说`)
    if not foreign and ((ctx.japanese and len(name) > 5) or _romanized(ctx, name) is None):
        return
    _add_person(ctx, sentence, start, end, _role_before(ctx, shadow, start, covered), covered,
                people, position)


# Characters that transliterated and Chinese personal names do not use: a rank, an office or a
# function word (`常务副主席` is a rank, `该团伙` a reference).
_NOT_IN_NAMES = re.compile(
    r"[副务长部委会员主总的了是在其这那该此国家省州市县区党政府院局处室团伙军队教名且联年月日者代前原族人"
    r"他她它我你们]")


def _name_after_title(ctx: _Context, sentence: Sentence, start: int, title: str,
                      covered: _Cover,
                      people: list[tuple[int, int, int, str, str | None]], position: int) -> None:
    """`国家主席胡锦涛会见…`: a Chinese name (a common surname, two or three characters) after an
    office, ended by a verb, a particle or punctuation; else a transliterated one
    (`俄罗斯总统普京访问…`, `总统顾问乌斯季诺夫2004年`: ``_foreign_after_title``)."""
    shadow = sentence.shadow
    if shadow[start:start + 1] not in ctx.places.surnames:
        _foreign_after_title(ctx, sentence, start, title, covered, people, position)
        return
    for length in (3, 2):
        end = start + length
        if end > len(shadow) or covered.taken(start, end):
            continue
        name = shadow[start:end]
        if not all(_is_name_char(c) for c in name) or _NOT_IN_NAMES.search(name) \
                or any(ctx.stop_at(shadow, start + k) for k in range(length)) \
                or ctx.has_word(name) or ctx.known_name(name) or ctx.word_at(shadow, end - 1):
            continue
        after = shadow[end:end + 1]
        # a numeral ends a name where it counts (`三名`); else it may be a given name's
        # (安倍晋三, 冈崎一明): no name is cut short before it
        counted = after.isdigit() or shadow[end + 1:end + 2] in _COUNTED
        if _name_goes_on(ctx, shadow, end):
            break  # `副总指挥阿不都黑力力`: no 阿不, but a transliterated name
        if ctx.title_before(shadow, end) or ctx.stop_at(shadow, end) or \
                (after and not _is_name_char(after) and (after not in _NUMERALS or counted)):
            role = _role_before(ctx, shadow, start, covered) or title  # 外交部长, not 部长
            _add_person(ctx, sentence, start, end, role, covered, people, position)
            return
    # no Chinese name: a transliterated one that begins with a surname's character (`顾问乌斯季诺夫`)
    _foreign_after_title(ctx, sentence, start, title, covered, people, position)


def _name_goes_on(ctx: _Context, shadow: str, end: int) -> bool:
    """A one-character stop that foreign names are written with at ``end`` (都, 不) with more
    of a foreign name after it, no stop: the name's, not its end (`副总指挥阿不都黑力力等人`)."""
    return ctx.stop_at(shadow, end) and not ctx.stop_at(shadow, end, inside=True) \
        and len(shadow) >= end + 3 and all(c in ctx.foreign for c in shadow[end + 1:end + 3]) \
        and not ctx.stop_at(shadow, end + 1)


# a regnal number after a name (`阿卜杜拉二世`, `路易十四`)
_REGNAL = re.compile(r"[一二三四五六七八九十]{1,3}世")


def _foreign_after_title(ctx: _Context, sentence: Sentence, start: int, title: str,
                         covered: _Cover, people: list[tuple[int, int, int, str, str | None]],
                         position: int) -> None:
    """`俄罗斯总统普京访问…`, `总统米尔济约耶夫表示`: a name written only with the characters foreign
    names are written with, right after an office and up to the first word that ends a name (a
    verb or a particle: ``names.toml``'s stops); two characters are enough there (普京)."""
    shadow = sentence.shadow
    if ctx.stop_at(shadow, start):
        return  # `主席和阿坦巴耶夫总统`: the name is after the conjunction
    end = start
    while end < len(shadow) and end - start < _MAX_PART and shadow[end] in ctx.foreign:
        if end > start + 1 and ctx.stop_at(shadow, end) and not _name_goes_on(ctx, shadow, end):
            break
        end += 1
    regnal = _REGNAL.match(shadow, end) if end - start >= 2 else None
    if regnal:
        end = regnal.end()  # `国王阿卜杜拉二世`
    after = shadow[end:end + 1]
    # ended by a stop word, or by what writes no name: punctuation, a digit, the text's end
    # (`总统科恰良、`, `顾问乌斯季诺夫2004年`)
    ended = ctx.stop_at(shadow, end) or not after or not is_cjk(after)
    if end - start < 2 or not ended or covered.hard_taken(start, end) \
            or (start, end) in covered.place_spans:
        return
    name = shadow[start:end]
    if ctx.known_name(name) or ctx.has_word(name) or name in ctx.places.words \
            or name in ctx.places.no_place or ctx.title_before(name, len(name)) == name \
            or _NOT_IN_NAMES.search(name) or any(ctx.stop_at(shadow, k, inside=True)
                                                 for k in range(start + 1, end)):
        return
    role = _role_before(ctx, shadow, start, covered) or title
    _add_person(ctx, sentence, start, end, role, covered, people, position)


def _name_before_title(ctx: _Context, sentence: Sentence, end: int,
                       covered: _Cover,
                       people: list[tuple[int, int, int, str, str | None]], position: int) -> None:
    shadow = sentence.shadow
    for length in (5, 4, 3):
        start = end - length
        if start < 0 or covered.taken(start, end):
            continue
        name = shadow[start:end]
        if not all(_is_name_char(c) for c in name) or _NOT_IN_NAMES.search(name) \
                or ctx.has_word(name) or ctx.known_name(name) or ctx.word_across(shadow, start) \
                or name in ctx.places.no_place or name[-1] in _NO_PERSON_END:
            continue  # (`伊朗裔美籍学者`: a nationality before the title)
        before = shadow[start - 1] if start else ""
        # a clear left edge: the start, punctuation, or a word that cannot end a name
        if before and _is_name_char(before) and not ctx.stop_before(shadow, start):
            continue
        if any(ctx.stop_at(shadow, start + k) for k in range(length)):
            continue
        if any(ctx.title_before(shadow, start + k) for k in range(1, length + 1)) \
                or _begins_with_a_state(ctx, name):
            continue  # (`当选车臣新总统`: Chechnya's new president)
        # (an office before the name too is its role: `副司令阿贝德准将`)
        _add_person(ctx, sentence, start, end, _role_before(ctx, shadow, start, covered),
                    covered, people, position)
        return


def _links(ctx: _Context, sentence: Sentence, covered: _Cover,
           people: list[tuple[int, int, int, str, str | None]], position: int) -> None:
    """A wikilink whose target is a joined personal name: its shown text names that person."""
    shadow = sentence.shadow
    for link, start, end in _link_spans(sentence):
        target = ctx.scripts.simplified(link.target)
        if covered.hard_taken(start, end) or len(target) > 24:
            continue
        if any(j in target for j in NAME_JOINERS):
            if (start, end) in covered.place_spans and ctx.terms.split(shadow[start:end])[2]:
                continue  # `[[巴黎夏尔·戴高乐机场]]`, a place by its term
            # (the page of one of several namesakes: `特奥·凡·高_(电影导演)`)
            target = _bare_title(target)
            if any(not (_is_name_char(c) or c in _JOINERS) for c in target) \
                    or target[-1] in _UNIT_ENDS or _ORGANISATION_END.search(target):
                continue  # `伊宁二·五事件`, a date; `阿布·哈夫斯·马斯里旅`, a brigade
            stop = _long_stop_inside(ctx, target)
            if stop:  # `[[亞歷山大·涅夫斯基勳章]]`: an order named after the person before 勳章
                if shadow.startswith(target[:stop], start) \
                        and not covered.hard_taken(start, start + stop):
                    _add_person(ctx, sentence, start, start + stop, None, covered, people,
                                position, key_name=target[:stop])
                continue
            joiner = next(i for i, c in enumerate(target) if c in NAME_JOINERS)
            whole = _name_around(ctx, target, joiner, _Cover())
            # (a target written only in the characters of foreign names is one name whole, though
            # one of them is a particle elsewhere: 于 of `亚沙尔·比于卡尼特`)
            if (whole is None or whole[:2] != (0, len(target))) \
                    and not all(c in ctx.foreign or c in _JOINERS for c in target):
                continue  # `李·里格比谋杀案`: an event named after a person
            end = _part_shown(ctx, shadow, start, end, target)
            item = _add_person(ctx, sentence, start, end,
                               _role_before(ctx, shadow, start, covered), covered, people,
                               position, key_name=target)
            if target != shadow[start:end]:
                item.aliases.append(link.target)  # [[热比娅·卡德尔|热比娅]]: the full name
            continue
        # `[[中华人民共和国主席]][[习近平|习近平]]`, `[[卡里莫夫]]总统`: a linked name next to
        # an office
        name = shadow[start:end]
        parts = name.split("-")
        if len(parts) == 2 and target == name \
                and all(2 <= len(p) <= _MAX_PART and all(c in ctx.foreign for c in p)
                        for p in parts) \
                and any(shadow.startswith(v, end) for v in ctx.person_verbs):
            # `[[艾哈迈迪-内贾德]]当选总统`: a hyphen joins a person's name, before a verb only
            # a person does (a place's, `[[纳戈尔诺-卡拉巴赫]]`, elsewhere)
            _add_person(ctx, sentence, start, end, None, covered, people, position,
                        key_name=target)
            continue
        if ctx.title_before(name, len(name)) == name:
            continue  # `[[埃米尔]]`: an office, not who holds it
        gap = start  # `國家主席 '''[[習近平]]'''`: a space between the office and the name
        while gap > 0 and shadow[gap - 1] in " \u3000":
            gap -= 1
        title = ctx.title_before(shadow, gap)
        if not title and _placed(ctx, shadow, start, end, covered):
            continue  # `[[尚勒烏爾法省]][[蘇魯奇]]鎮`: a place, which Chinese names after the larger
        if _names_other_thing(ctx, shadow, end) or _EVENT_AFTER.match(shadow, end):
            continue  # `[[库尔德]]冲突`: a people's conflict, no person
        if _bare_title(target) == name and not ctx.known_name(name) \
                and (name[-1] not in _NO_PERSON_END  # (王岐山: a Chinese name jieba knows)
                     or (name[-1] in _PLACE_SUFFIX_CHARS and name in ctx.places.persons
                         and _chinese_name(ctx, name))) \
                and ((name in ctx.places.persons and not _made_of_words(ctx, name))
                     or _chinese_name(ctx, name)
                     or (_PERSON_PAGE.search(target) and 2 <= len(name) <= 4
                         and all(map(_is_name_char, name)))):
            # `[[斯大林|斯大林]]把…`: a link to the page of a name jieba knows as a person's
            _add_person(ctx, sentence, start, end, title and _role_before(ctx, shadow, start,
                                                                         covered),
                        covered, people, position)
            continue
        regnal = _REGNAL.search(name, 2)
        core = name[:regnal.start()] if regnal and regnal.end() == len(name) else name  # 阿卜杜拉二世
        if not 2 <= len(core) <= 5 \
                or not all(_is_name_char(c) or (title and c in _NUMERALS) for c in core) \
                or ctx.known_name(name) or _NOT_IN_NAMES.search(core) \
                or (ctx.has_word(core) and not (ctx.japanese and title)) \
                or name in ctx.places.no_place or _of_a_country(ctx, name):
            # (a numeral may be a given name's after an office: `首相[[安倍晋三]]`; a Japanese
            # name holds Chinese words: 上川 of 上川阳子, after an office; a proper
            # noun jieba knows as no person's is none before a title, `[[穆斯林]]信徒`, nor a
            # country's body, `[[俄罗斯杜马]]议员`)
            continue
        # (or a transliteration that ends as a Slavic surname does: `车臣共和国[[杜达耶夫]]`)
        slavic = len(core) >= 4 and core.endswith(_SLAVIC_SURNAME) \
            and all(c in ctx.foreign for c in core) and not covered.taken(start, end)
        if title or slavic or any(shadow.startswith(t, end) for t in ctx.titles
                                  if t not in _STAFF):
            _add_person(ctx, sentence, start, end, title, covered, people, position,
                        key_name=target if target == name else None)


def _part_shown(ctx: _Context, shadow: str, start: int, end: int, target: str) -> int:
    """Where the name ends in a link's shown text that is a part of the linked person's name and
    a word after it (`[[鲁霍拉·穆萨维·何梅尼|何梅尼时代]]`: 何梅尼, then 时代, the era)."""
    shown = shadow[start:end]
    for part in sorted((p for p in re.split(f"[{re.escape(NAME_JOINERS)}]", target) if p),
                       key=len, reverse=True):
        if len(part) >= 2 and shown.startswith(part) and len(shown) > len(part) \
                and ctx.stop_at(shadow, start + len(part)):
            return start + len(part)
    return end


def _begins_with_a_state(ctx: _Context, name: str) -> bool:
    """Whether ``name`` is the name of a country or a first-level division and one character
    more (`车臣新`, before 总统: the new president of Chechnya; not 梅德韦杰夫, which holds Medway,
    a division of England, and two characters more)."""
    hits = ctx.names.find(name)
    if not hits or hits[0].start != 0 or not 2 <= hits[0].end == len(name) - 1:
        return False
    hit = hits[0]
    if hit.kind == "curated":  # (车臣, Chechnya: a division ISO 3166-2 gives a code)
        return hit.value.kind == "place" and bool(hit.value.iso)
    return hit.kind == "place" and any(
        ctx.places.places[i].kind in ("country", "subdivision", "region") for i in hit.value)


def _of_a_country(ctx: _Context, name: str) -> bool:
    """Whether ``name`` begins with a country's name and goes on (`俄罗斯杜马`): a country's
    body or thing, no person's name."""
    hits = ctx.names.find(name)
    return bool(hits) and hits[0].start == 0 and hits[0].end < len(name) \
        and hits[0].kind == "place" \
        and any(ctx.places.places[i].kind == "country" for i in hits[0].value)


def _placed(ctx: _Context, shadow: str, start: int, end: int, cover: _Cover) -> bool:
    """Whether a linked name at ``[start, end)`` written only in the characters of foreign names
    is a place's by where it stands: right after a place read already (the larger place first)
    or before the term of a settlement (`镇`, `市`)."""
    if not all(c in ctx.foreign for c in shadow[start:end]) \
            or shadow.endswith(_SURNAME_ENDINGS, start, end):
        return False  # (车臣共和国[[杜达耶夫]]: a surname's ending says who)
    term = ctx.term_pattern.match(shadow, end)
    return _next_to_place(shadow, start, end, cover) or (
        term is not None and ctx.terms.terms[term.group()][2] and not ctx.word_at(shadow, end))


def _next_to_place(shadow: str, start: int, end: int, cover: _Cover) -> bool:
    """Whether ``[start, end)`` stands right after a place read already (Chinese names the
    larger place first: `[[斯塔夫罗波尔边疆区]][[布琼诺夫斯克]]`) or next to one in a list
    (`[[马达拉]]、[[乔斯]]、[[甘达卡]]`: the items of a list are of one kind)."""
    return cover.place_ends_at(start) or (
        start > 1 and shadow[start - 1] in _LIST_JOINERS and cover.place_ends_at(start - 1)) or (
        end < len(shadow) and shadow[end] in _LIST_JOINERS and cover.place_starts_at(end + 1))


def _made_of_words(ctx: _Context, name: str) -> bool:
    """Whether a word jieba's dictionary tags a person's name is made of common words, and so is
    more likely a noun it mistagged (立法权 is 立法 and 权, 拉丁字母 ends in 字母, 阿拉伯文 is a
    proper noun and 文, its script): not where it begins with a common surname (周一良), nor ends
    in a numeral (查理一世)."""
    from kzct.parse.romanize import common_surnames

    if name[0] in common_surnames() or name[-1] in _NUMERALS or name[-1] in "世帝":
        return False
    words, places = ctx.places.words, ctx.places
    return name[:-1] in words or name[-2:] in words or (
        (name[:-1] in places.names or name[:-1] in places.proper or name[:-1] in places.blockers)
        and name[-1] in "文语人族教")


def _bare_title(target: str) -> str:
    """A page title without its disambiguation (`张明 (1957年)` is 张明)."""
    return _DISAMBIGUATION.sub("", target.replace("_", " ")).strip()


_DISAMBIGUATION = re.compile(r"\s*[(（][^()（）]*[)）]$")
# A page title that Wikipedia's naming conventions give a person: told apart from namesakes by
# the year of birth or by what the person does (`张明 (1957年)`, `王军 (政治人物)`)
_PERSON_PAGE = re.compile(r"[ _]*[(（](?:[0-9]{3,4}年|[^()（）]{0,8}(?:人物|政治家|外交官|军人|将领|官员|"
                          r"演员|歌手|作家|学者|记者|运动员))[)）]$")


def _chinese_name(ctx: _Context, name: str) -> bool:
    """A wikilink's whole text that is a personal name by its make: three characters (two are
    too often something else: 东协), the first one of the commonest Chinese surnames
    (``kzct/data/surnames.txt``: not 大 of 大黑天), and no word or proper noun jieba's dictionary
    knows (`[[李克强]]`, `[[李承鹏]]`; not `[[高铁]]`, `[[王府井]]`; a given name may be a word:
    朱永新). A transliteration that begins
    with such a character (`[[叶利钦]]`) is a person's name too; whether it has a romanization is
    for ``kzct.parse.romanize.romanized`` to say."""
    from kzct.parse.romanize import common_surnames

    return len(name) == 3 and all(map(_is_name_char, name)) and name[0] in common_surnames() \
        and name not in ctx.places.surname_words and name not in ctx.places.proper \
        and name not in ctx.places.words and name[:2] not in ctx.places.words


def _link_spans(sentence: Sentence) -> Iterator[tuple[Link, int, int]]:
    """Each wikilink of the sentence whose shown text is found in it, with where."""
    find = _link_finder(sentence)
    for link in sentence.links:
        start = find(link)
        if start is not None:
            yield link, start, start + len(link.text)


def _find_link(sentence: Sentence, link: Link) -> int | None:
    """Where a link's shown text is in the sentence (from its seed span)."""
    return _link_finder(sentence)(link)


def _link_finder(sentence: Sentence) -> Callable[[Link], int | None]:
    """Where each link's shown text is in the sentence: the run of the sentence that holds its
    seed span's start, found by bisection where the runs follow the seed (a sentence of
    thousands of links costs each one no scan of them all)."""
    runs = sentence.runs
    ordered = all(a[1] + a[2] <= b[1] for a, b in zip(runs, runs[1:]))
    seeds = [run[1] for run in runs]

    def find(link: Link) -> int | None:
        if ordered:
            i = bisect.bisect_right(seeds, link.span[0]) - 1
            holding = runs[i:i + 1] if i >= 0 else ()
        else:
            holding = runs
        for clean_start, seed_start, length in holding:
            if seed_start <= link.span[0] < seed_start + length:
                at = clean_start + link.span[0] - seed_start
                if sentence.text.startswith(link.text, at):
                    return at
        at = sentence.text.find(link.text)
        return at if at >= 0 else None

    return find


# What makes the Latin name before it a publication's, a broadcaster's or another body's: a word
# for one (`Eurasia Critic杂志`), or its reporter (`Novaya Gazeta的女记者`)
_MEDIUM_AFTER = re.compile(r"\s*(?:杂志|周刊|月刊|日报|报|通讯社|新闻社|电台|电视台|广播公司|网站|公司|集团|"
                           r"大学|学院|基金会|组织|的(?:女|男)?(?:记者|编辑|主编|专栏作家|撰稿人))")


# What says the Latin names before it are villages or towns: their term, after the others of a
# list (`Bale Shuwa和Bale Kura村庄`, `Tsangayari和Garawa两村`, `Gombi镇`)
_SETTLEMENT_AFTER_LATIN = re.compile(
    r"\s*(?:[和与及、]\s*[A-Z][A-Za-z'’\-]*(?: [A-Za-z'’\-]+)*\s*){0,8}"
    r"(?:[两二三四五几数]个?)?(?:村庄|村落|村|小镇|镇)(?![长民委])")


# English generic terms of places that are also surnames (Michael Bay, Ricki Lake, John Tower)
# or end the names of other things (Islamic State, Manchester City):
# no sign that a Latin name is a place's
_SURNAME_TERMS = frozenset({"bay", "lake", "park", "mount", "port", "gate", "tower", "river",
                            "sea", "hill", "city", "town", "island", "square", "bridge", "plain",
                            "strait", "state", "village", "harbour", "area"})


def _latin(ctx: _Context, sentences: list[Sentence], covered: list[_Cover]) -> None:
    """Latin personal names: two or more capitalised words that are no place, organisation,
    publication (one a word for it follows: ``_MEDIUM_AFTER``) or quotation; a single word only
    when the article also gives a fuller name that ends (or begins) with it."""
    found: list[tuple[int, int, int, str]] = []
    for position, sentence in enumerate(sentences):
        text = sentence.text
        quoted = _enclosed(text, _QUOTED)
        for m in _LATIN_NAME.finditer(text):
            start, end = m.span()
            name = m.group()
            if covered[position].taken(start, end) or _taken(quoted, start, end):
                continue
            if name.isupper() or _PINYIN_TONE.search(name):
                continue  # (`罗马化：Shànghǎi Hézuò Zǔzhī`: Hanyu Pinyin's third tone)
            words = re.split(r"[\s-]+", name)
            if any(w in _NOT_NAME_WORDS for w in words):
                continue
            if name.casefold() in ctx.places.latin or name.casefold() in ctx.places.latin_known:
                continue
            kind = ctx.english_terms.get(fold(words[-1])) if len(words) >= 2 else None
            if kind is None and len(words) >= 2 and fold(words[0]) in ctx.terms.leading:
                kind = fold(words[0])  # `Camp Simba`, `Lake Chad`: the term written first
            if kind is not None:
                # `Warsak Road`, `Combined Military Hospital`: a place by its English term
                item = ctx.entity(f"place:{slug(name)}", "place", name_latin=name)
                item.place_type = item.place_type or kind
                item.add(_mention(sentence, start, end))
                covered[position].add(start, end)
                continue
            if _MEDIUM_AFTER.match(sentence.shadow, end):
                continue  # `Eurasia Critic杂志`, `Novaya Gazeta的女记者`: a publication
            if _bracketed_after_thing(ctx, sentence.shadow, start, end):
                continue  # `牧人叢站（Shepherd's Bush）`: the Latin form of a station's name
            settled = _SETTLEMENT_AFTER_LATIN.match(sentence.shadow, end)
            if settled is not None:
                # `Bale Shuwa和Bale Kura村庄`, `Tsangayari和Garawa两村`: villages, no people
                item = ctx.entity(f"place:{slug(name)}", "place", name_latin=name)
                item.place_type = item.place_type or "village"
                item.add(_mention(sentence, start, end))
                covered[position].add(start, end)
                continue
            found.append((position, start, end, name))
    full = sorted({n for _, _, _, n in found if " " in n}, key=_longest_first)
    for position, start, end, name in found:
        owner = name
        if " " not in name:
            owner = next((f for f in full if f.split()[-1] == name or f.split()[0] == name), "")
            if not owner or len(name) < 3:
                continue
        key = f"person:{slug(owner)}"
        item = ctx.entity(key, "person", name_latin=owner)
        sentence = sentences[position]
        if item.role is None:  # `检察总长 Rashid Tusupbekov`: the office before, a space between
            edge = start - 1 if start and sentence.shadow[start - 1] == " " else start
            role = _role_before(ctx, sentence.shadow, edge, covered[position])
            item.role = sentence.text[edge - len(role):edge] if role else None
        item.add(_mention(sentences[position], start, end))
        covered[position].add(start, end)


# What ends the Chinese name of an event (`…开枪（Attentato di Macerata）`)
_EVENT_ENDS = re.compile(r"(?:事件|案|袭击|枪击|爆炸|屠杀|惨案|开枪|战役|战争)$")


def _bracketed_after_thing(ctx: _Context, shadow: str, start: int, end: int) -> bool:
    """Whether the Latin name at ``[start, end)`` is all a bracket holds right after a Chinese
    name that ends with a place's generic term or an event's word, or after a common word: that
    name's Latin form, or the word's (`紅色通報（Red Notice）`)."""
    if not (start and shadow[start - 1] in "（(" and shadow[end:end + 1] in "）)"):
        return False
    before = shadow[max(0, start - 13):start - 1].rstrip("]'}")
    return _EVENT_ENDS.search(before) is not None or ctx.word_before(before, len(before)) or \
        any(before.endswith(term) for term in ctx.terms.longest_first())


def _short_names(ctx: _Context, sentences: list[Sentence], covered: list[_Cover],
                 people: list[tuple[int, int, int, str, str | None]]) -> None:
    """A bare surname or given name of someone already named, after that first mention; and a
    name of one part written again: of three characters or more anywhere (斯大林), of two after
    its first mention (总统普京…, then 普京表示)."""
    owners: dict[str, set[str]] = {}
    first: dict[str, tuple[int, int]] = {}
    whole: set[str] = set()  # names of one part: the person's wherever written, before too
    for position, start, end, key, _role in people:
        first.setdefault(key, (position, start))
        name = _canonical(sentences[position].shadow[start:end])
        parts = [p for p in name.split("·") if len(p) >= 2]
        if len(parts) == 1 and "·" not in name and len(name) >= 3:
            owners.setdefault(name, set()).add(key)  # `斯大林`, named again unlinked
            whole.add(name)
            continue
        if len(parts) == 1 and "·" not in name:
            owners.setdefault(name, set()).add(key)  # `普京`: named again after the first
            continue
        if len(parts) < 2:
            continue
        for part in (parts[0], parts[-1]):
            owners.setdefault(part, set()).add(key)
    unique = {part: next(iter(keys)) for part, keys in owners.items() if len(keys) == 1}
    if not unique:
        return
    pattern = re.compile("|".join(re.escape(p) for p in sorted(unique, key=len, reverse=True)))
    for position, sentence in enumerate(sentences):
        shadow = sentence.shadow
        for m in pattern.finditer(shadow):
            start, end = m.span()
            key = unique[m.group()]
            if ((position, start) < first[key] and m.group() not in whole) \
                    or covered[position].hard_taken(start, end):
                continue
            before = shadow[start - 1] if start else ""
            if before in _JOINERS or shadow[end:end + 1] in _JOINERS:
                continue
            if _is_name_char(before) and not (ctx.title_before(shadow, start)
                                              or ctx.stop_before(shadow, start)):
                continue
            if end < len(shadow) and _is_name_char(shadow[end]) and not ctx.stop_at(shadow, end):
                continue
            _drop_places(ctx, sentence, covered[position], start, end)
            ctx.found[key].add(_mention(sentence, start, end))
            covered[position].add(start, end)
            covered[position].persons.add((start, end))


# What joins the items of an enumeration
_ENUMERATION_GAP = re.compile(r"\s*+(?:、|，|,|以及|和|与|及|跟|同)\s*+")
# What counts the people an enumeration names (`A、B和C等七人`, `A与B两名`)
_PEOPLE_COUNTED = re.compile(r"\s*+等?\s*+(?:[0-9０-９]++|[一二两三四五六七八九十百]++)\s*+(?:人|名|位)")


def _enumerated(ctx: _Context, sentences: list[Sentence], covered: list[_Cover],
                people: list[tuple[int, int, int, str, str | None]]) -> None:
    """The linked names of an enumeration of people are people too: one that holds a person
    (`[[麻原彰晃]]、[[早川纪代秀]]`: the items of one enumeration are things of one kind), comes
    after an office or is counted in people (`A、B和C等七人`). Each a link to the page of the
    name it shows (a numeral may be part of it: 远藤诚一), with a romanization or written as a transliteration, that no place or
    organisation kzct knows holds, and that ends with nothing that ends a place's or a
    building's name."""
    for position, sentence in enumerate(sentences):
        if len(sentence.links) < 2:
            continue
        shadow = sentence.shadow
        persons = covered[position].persons
        links = {(start, end): link for link, start, end in _link_spans(sentence)}
        chain: list[tuple[int, int]] = []
        for item in [*sorted(set(persons) | set(links)), None]:
            if item is None or (chain and (item[0] < chain[-1][1] or not (
                    _ENUMERATION_GAP.fullmatch(shadow, chain[-1][1], item[0])))):
                if len(chain) >= 2 and (any(i in persons for i in chain)
                                        or ctx.title_before(shadow, chain[0][0])
                                        or _PEOPLE_COUNTED.match(shadow, chain[-1][1])):
                    _people_of(ctx, sentence, chain, set(persons), links, covered[position],
                               people, position)
                chain = []
            if item is not None:
                chain.append(item)


def _chinese_beside_people(ctx: _Context, sentences: list[Sentence], covered: list[_Cover],
                           people: list[tuple[int, int, int, str, str | None]]) -> None:
    """A Chinese name by its make right after a person in an enumeration (`[[杨春风]]、饶剑锋在
    巴基斯坦被杀`: the items of one enumeration are of one kind), before a stop word or a mark:
    three characters, a surname and a given name with no stop word in it, the whole no word and
    no name kzct knows (a given name may be a word: 剑锋)."""
    for position, sentence in enumerate(sentences):
        cover = covered[position]
        if not cover.persons:
            continue
        shadow = sentence.shadow
        for _start, end in sorted(cover.persons):
            if end >= len(shadow) or shadow[end] not in "、和与及":
                continue
            foreign = _foreign_beside(ctx, shadow, end + 1, cover)
            if foreign:
                _add_person(ctx, sentence, end + 1, foreign, None, cover, people, position)
                continue
            at, stop = end + 1, end + 4
            name = shadow[at:stop]
            if len(name) != 3 or not all(map(is_cjk, name)) \
                    or cover.taken(at, stop) or ctx.known_name(name) \
                    or name in ctx.places.words or name in ctx.places.names \
                    or any(ctx.stop_at(shadow, k) for k in range(at + 1, stop)) \
                    or not (stop == len(shadow) or not is_cjk(shadow[stop])
                            or ctx.stop_at(shadow, stop)) \
                    or any(shadow.startswith(t, stop) for t in ctx.titles) \
                    or _romanized(ctx, name, naming=True) is None:
                continue  # (`、国务院总理`: an office after it; `、曾作为`: a stop word inside)
            _add_person(ctx, sentence, at, stop, None, cover, people, position)


def _foreign_beside(ctx: _Context, shadow: str, at: int, cover: _Cover) -> int:
    """Where a transliterated name with no joiner that begins at ``at``, after a person and a
    mark of an enumeration, ends (`…邱纳克、阿不都吉力力和…`): three characters or more, all of
    foreign names, up to a mark or a stop word; else 0."""
    end = at
    while end < len(shadow) and end - at < _MAX_PART and shadow[end] in ctx.foreign \
            and (end == at or not ctx.stop_at(shadow, end) or _name_goes_on(ctx, shadow, end)):
        end += 1
    if end - at < 3 or not (end == len(shadow) or not is_cjk(shadow[end])
                            or ctx.stop_at(shadow, end)):
        return 0
    name = shadow[at:end]
    if cover.taken(at, end) or ctx.known_name(name) or name in ctx.places.words \
            or name in ctx.places.names or ctx.has_word(name) or _NOT_IN_NAMES.search(name):
        return 0
    return end


def _people_of(ctx: _Context, sentence: Sentence, chain: list[tuple[int, int]],
               persons: set[tuple[int, int]], links: dict[tuple[int, int], Link],
               cover: _Cover, people: list[tuple[int, int, int, str, str | None]],
               position: int) -> None:
    shadow = sentence.shadow
    for start, end in chain:
        link = links.get((start, end))
        if link is None or (start, end) in persons or cover.hard_taken(start, end):
            continue
        name = shadow[start:end]
        if _bare_title(ctx.scripts.simplified(link.target)) != name or not 2 <= len(name) <= 24 \
                or not all(is_cjk(c) or c in _JOINERS for c in name) \
                or ctx.known_name(name) or name in ctx.places.proper \
                or name[-1] in _NO_PERSON_END or _ORGANISATION_END.search(name) \
                or _DEMONYM_AFTER.fullmatch(name[-1]) or "的" in name:
            continue
        if not (any(j in name for j in _JOINERS) or all(c in ctx.foreign for c in name)
                or _romanized(ctx, name) is not None
                or (name in ctx.places.persons and not _made_of_words(ctx, name))):
            continue  # `[[北约]]`: no name by its make
        _add_person(ctx, sentence, start, end, None, cover, people, position)


def _merge_same(ctx: _Context, groups_of_names: list[tuple[str, ...]]) -> None:
    """People the article says are one (`-{zh-hans:普京;zh-hant:普丁}-`) become one entity; so
    do places it names by their make, which get the other names too
    (`{{link-en|艾维威姆|Avivim}}`: Avivim)."""
    by_name: dict[str, str] = {}
    for key, item in ctx.found.items():
        made_place = item.kind == "place" and item.place is None and item.curated is None
        if (item.kind == "person" or made_place) and item.name_zh:
            by_name.setdefault(ctx.scripts.simplified(_canonical(item.name_zh)), key)
    for names in groups_of_names:
        keys = [by_name[n] for n in names if n in by_name]
        keys = list(dict.fromkeys(k for k in keys if k in ctx.found))
        if keys:  # {{le|羅紮·奧通巴耶娃|Roza Otunbayeva}}: the other names are the person's
            ctx.found[keys[0]].aliases.extend(n for n in names if n not in by_name)
        for other in keys[1:]:
            target, source = ctx.found[keys[0]], ctx.found.pop(other)
            for mention in source.mentions:
                target.add(mention)
            target.aliases.extend(n for n in (source.name_zh, source.name_latin) if n)


def _merge_republics(ctx: _Context) -> None:
    """A republic the article names by its make (`北奥塞梯共和国`, `哈萨克斯坦共和国`) is the place
    it also names without the term (北奥塞梯, 哈萨克斯坦: a republic's short name), where it does;
    a Soviet republic is a state of its own (``soviet republic``) and keeps its own row."""
    places = {ctx.scripts.simplified(m.text): key for key, item in ctx.found.items()
              if item.kind == "place" for m in item.mentions}
    for key, item in list(ctx.found.items()):
        if item.kind != "place" or item.source != "article" or not item.name_zh:
            continue
        name = ctx.scripts.simplified(item.name_zh)
        _direction, _stem, term = ctx.terms.split(name)
        short = places.get(name[:len(name) - len(term)]) if term else None
        if short is None or short == key or short not in ctx.found \
                or ctx.terms.terms[term][0] != "republic":
            continue
        target, source = ctx.found[short], ctx.found.pop(key)
        for mention in source.mentions:
            target.add(mention)
        target.aliases.append(name)
        target.place_type = target.place_type or source.place_type


def _merge_tails(ctx: _Context) -> None:
    """A person named only by a surname (`俄罗斯总统普京`, read before the full name or apart from
    it) is the one person of the article whose joined name ends with it (弗拉基米尔·普京, or the
    page a wikilink to them names: `[[唐纳德·特朗普|川普]]`), if there is exactly one."""
    people = [(key, item) for key, item in ctx.found.items()
              if item.kind == "person" and item.name_zh and item.curated is None]
    tails: dict[str, list[str]] = {}
    for key, item in people:
        # (its joined name as written, or as the page its wikilink names: `[[唐纳德·特朗普|川普]]`)
        for full in (item.name_zh or "", *(a for a in item.aliases if has_cjk(a))):
            parts = _canonical(ctx.scripts.simplified(full)).split("·")
            if len(parts) > 1 and len(parts[-1]) >= 2 and key not in tails.get(parts[-1], ()):
                tails.setdefault(parts[-1], []).append(key)
    for key, item in people:
        name = ctx.scripts.simplified(item.name_zh or "")
        owners = tails.get(name, [])
        if "·" in _canonical(name) or len(owners) != 1 or owners[0] == key \
                or key not in ctx.found:
            continue
        target = ctx.found[owners[0]]
        source = ctx.found.pop(key)
        for mention in source.mentions:
            target.add(mention)
        target.aliases.extend(n for n in (source.name_latin, *source.aliases) if n)
        target.role = target.role or source.role


# -- records ----------------------------------------------------------------------------------

def _freeze(item: _Found, ctx: _Context) -> Entity:
    scripts = ctx.scripts
    written = Counter(m.text for m in item.mentions)
    # its Chinese names by how often the article writes each, in whichever script (东京 and
    # 東京 are one name, so that the name chosen is the same in either script), each as the
    # article most writes it; ties in the order the article first writes them
    by_name: dict[str, Counter[str]] = {}
    for w, n in written.items():
        if has_cjk(w):
            by_name.setdefault(scripts.simplified(w), Counter())[w] += n
    chinese = [forms.most_common(1)[0][0]
               for forms in sorted(by_name.values(), key=lambda forms: -forms.total())]
    latin_written = [w for w, _ in written.most_common() if not has_cjk(w)]
    entry, place = item.curated, item.place
    role = item.role
    place_type = country = None
    geonames_id = lat = lon = None
    if entry is not None:
        # the first curated form the article writes (the full name before a bare surname),
        # as the article writes it
        by_simple: dict[str, str] = {}
        for w in chinese:
            by_simple.setdefault(scripts.simplified(w), w)
        name_zh = next((by_simple[scripts.simplified(f)] for f in entry.zh
                        if scripts.simplified(f) in by_simple), None) \
            or (chinese[0] if chinese else (entry.zh[0] if entry.zh else None))
        name_latin = next((f for f in entry.latin if f in written), None) \
            or (entry.latin[0] if entry.latin else None)
        name_en = entry.en
        # the article's own, where it writes the name so (Rashid Tusupbekov), else curated
        name_en_source = None if not entry.en else "article" if entry.en in written \
            else "curated"
        names = [*entry.zh, *entry.latin, *entry.aliases]
        # the role is the article's (the office before the name), never curated: a curated
        # role would state a fact the article may not
        place_type, country = entry.place_type, entry.country
        if entry.kind == "place":
            role = _place_role(place_type, country, ctx)
    elif place is not None:
        link = ctx.names.links.get(place.key)  # curated: a better English name, more aliases
        name_zh = chinese[0] if chinese else None
        name_latin = latin_written[0] if latin_written else None
        name_en = item.name_en or ctx.english(place)
        link_en = link is not None and link.en and not item.name_en
        name_en_source = None if not name_en else "curated" if link_en else place.source
        names = [] if item.source == "derived" else list(_table_aliases(ctx, place))
        if link is not None and item.source != "derived":
            names += link.aliases
        place_type = item.place_type or place.kind
        country = place.country if item.country_known else None
        if item.source != "derived":
            geonames_id, lat, lon = place.geonames_id, place.lat, place.lon
        role = _place_role(place_type, country, ctx)
        if place_type == "part":
            whole = ctx.english(place) or place.key
            role = f"part of {whole}"
    else:
        name_zh = item.name_zh if item.name_zh else (chinese[0] if chinese else None)
        # the article's own Latin form: after the name in brackets, or in {{le}}, {{link-en}},
        # {{tsl}} (the names the article says are one)
        name_latin = item.name_latin or next(
            (a for a in item.aliases if not has_cjk(a) and _LATIN_NAME.fullmatch(a)), None)
        name_en, name_en_source = name_latin, "article" if name_latin else None
        if name_en is None and item.name_en:  # `Lake Chad`: the country's name and the term
            name_en, name_en_source = item.name_en, item.name_en_source
        place_type = item.place_type  # a place by its make: the kind its generic term says
        if name_en is None and item.kind == "place" and name_zh and ctx.japanese:
            # in an article that writes Japanese, a place's name without its generic term, in
            # Hepburn, where pykakasi's dictionary reads it as one word (澀谷區: Shibuya; a
            # romanization): not a transliteration it reads a character at a time (喜馬拉雅)
            name_en = _hepburn(ctx, _stem_as_written(ctx, name_zh))
            name_en = name_en if name_en and " " not in name_en else None
            name_en_source = "romanization" if name_en else None
        if name_en is None and place_type == "street" and name_zh:
            name_en = _street_english(ctx, ctx.scripts.simplified(name_zh))
            name_en_source = "romanization" if name_en else None
        if name_en is None and item.kind == "person" and name_zh:
            # (Japanese too where the office before it is Japan's: `日本首相[[安倍晋三]]`)
            name_en = _romanized(ctx, name_zh, naming=True, japanese=ctx.japanese or item.japanese)
            name_en_source = "romanization" if name_en else None
        names = []
    names += [w for w, _ in written.most_common()] + item.aliases
    aliases = alias_list(names, (name_zh, name_latin, name_en), scripts)
    return Entity(
        id=item.key if item.kind != "place" else _place_id(
            item, name_en, ctx.scripts.simplified(name_zh) if name_zh else None),
        kind=item.kind, name_zh=name_zh, name_latin=name_latin, name_en=name_en,
        aliases=tuple(aliases), role=role, mentions=tuple(item.mentions), seed=ctx.seed,
        place_type=place_type, country=country, geonames_id=geonames_id, latitude=lat,
        longitude=lon, source=item.source, name_en_source=name_en_source,
    )


def _street_english(ctx: _Context, name: str) -> str | None:
    """A Chinese city's street in pinyin and the English of its term (胜利路 → Shengli Road,
    解放南路 → Jiefang South Road); None for a transliterated name (瓦尔沙路), whose pinyin is no
    English name."""
    from kzct.parse.romanize import pinyin_word
    from kzct.sounds import transliteration_characters

    _direction, stem, term = ctx.terms.split(name)
    middle = ""
    if len(stem) >= 3 and stem[-1] in ctx.terms.directions:
        middle, stem = ctx.terms.directions[stem[-1]][0] + " ", stem[:-1]
    if not term or all(c in transliteration_characters() for c in stem):
        return None  # (瓦尔沙 is a transliteration, by the Xinhua tables' characters)
    return f"{pinyin_word(stem)} {middle}{ctx.terms.terms[term][1][0]}"


def _stem_as_written(ctx: _Context, name: str) -> str:
    """A place's name without its direction and generic term, in the characters it is written
    with (pykakasi reads 澀谷 and not 涩谷)."""
    simple = ctx.scripts.simplified(name)
    direction, stem, _term = ctx.terms.split(simple)
    if len(simple) != len(name):
        return stem
    return name[len(direction):len(direction) + len(stem)]


def _romanized(ctx: _Context, name: str, naming: bool = False,
               japanese: bool | None = None) -> str | None:
    """A Chinese personal name in Hanyu Pinyin (胡锦涛 → Hu Jintao), when it is Chinese by its
    make; in an article that writes Japanese (or where ``japanese`` says the name is), a name in
    kanji in Hepburn (麻原彰晃 → Asahara Shoko) (``kzct.parse.romanize``). A name is found by
    the commonest surnames; ``naming`` one read as a person's already, any surname of the 百家姓
    makes it Chinese (习近平: Xi Jinping), except in an article that writes Japanese, whose
    surnames of three kanji are often in it (豊田亨)."""
    from kzct.parse.romanize import classical_surnames, romanized

    japanese = ctx.japanese if japanese is None else japanese
    surnames = ctx.places.surnames | classical_surnames() if naming and not japanese \
        else ctx.places.surnames
    chinese = romanized(ctx.scripts.simplified(name), surnames, ctx.foreign)
    if japanese and not any(j in name for j in _JOINERS) \
            and (chinese is None or len(name) > 3):
        # in an article that writes Japanese, a name that is not Chinese by its make, or of
        # four characters or more (麻原彰晃, 菊地直子), is read the Japanese way; 温家宝 is not
        return _hepburn(ctx, name)
    return chinese


def _hepburn(ctx: _Context, name: str) -> str | None:
    """A Japanese name in Hepburn, read as written, in the Japanese forms of its characters
    (OpenCC's t2jp: 橫山真人 is 横山真人, Yokoyama Masato) or, where pykakasi cannot read a
    simplified character (冈崎一明), in traditional characters (岡崎一明: Okazaki Kazuaki)."""
    from kzct.parse.romanize import hepburn

    traditional = ctx.scripts.traditional(ctx.scripts.simplified(name))
    return hepburn(ctx.scripts.japanese(name)) or hepburn(name) \
        or hepburn(ctx.scripts.japanese(traditional)) or hepburn(traditional)


def alias_list(names: Iterable[str], primary: Iterable[str | None],
               scripts: Scripts) -> tuple[str, ...]:
    """The other names of an entity: one per name whatever its script, in simplified characters
    and in an order that does not depend on the script of the article (search finds either
    script through kzct.text.fold)."""
    taken = {scripts.simplified(p) for p in primary if p}
    taken |= {v for p in list(taken) for v in scripts.regional(p)}
    out = set()
    for name in names:
        simple = scripts.simplified(name) if name else ""
        # a name the primary one is only another region's way of writing is no other name
        if simple and simple not in taken and not any(v in taken for v in scripts.regional(simple)):
            out.add(simple)
    return tuple(sorted(out))


def _table_aliases(ctx: _Context, place: Place) -> list[str]:
    index = ctx.place_index(place)
    return ctx.places.other_names(index) if index is not None else []


def _place_id(item: _Found, name_en: str | None, name_zh: str | None) -> str:
    """``name_zh``: in simplified characters, so that an id is the same in either script."""
    if item.curated is not None or (item.place is None and not name_en):
        return item.key  # a place by its make: its name in simplified characters, in any script
    return f"place:{slug(name_en or name_zh or item.key)}"


def _place_role(kind: str | None, country: str | None, ctx: _Context) -> str | None:
    if not kind:
        return None
    kind_text = {"subdivision": "province or region", "other": "place"}.get(kind, kind)
    if kind in ("country", "continent") or not country:
        return kind_text
    name = ctx.country_name(country)
    return f"{kind_text} in {name}" if name else kind_text
