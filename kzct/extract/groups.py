"""Organisations: who designated which organisation, how and when, as the article states it;
and (``--all``) the other militant or religious organisations it discusses.

A designation is found by what the sentence says, not by one wording (everything is matched on the
simplified shadow, so either script reads the same). It is a record of an organisation, an
authority, an action (``listed``, ``banned``, ``delisted``), a label (``terrorist``,
``extremist``, ``illegal``: the list's own word, or none), a date, and the sentence that says it.

- a list introduced by a word for the list and a verb of containing:
  ``…恐怖组织包括：A、B和C`` / ``名单如下：`` followed by a bulleted list;
- a list closed by a verb of designating: ``A、B和C被列为恐怖组织`` (列入, 认定为, 宣布为, 定为,
  指定为; 被, 遭, 遭到);
- a list added to one: ``将A和B加入（列入）这张名单``, ``将A列为恐怖组织``;
- a list that is on one: ``A也在欧盟…的恐怖组织名单中`` (not who keeps it: ``安理会在其名单上增加``);
- a list among others: ``…名单，其中就有A，此外还有B、C``;
- a pronoun designated: ``被日本…认定其为恐怖组织``;
- one declared or deemed: ``俄罗斯宣布A为恐怖组织`` (认定, 指定, 视, 定性);
- one said to be: ``A是美国国务院认定的恐怖组织`` (who between 是 and the verb);
- a ban: ``A在乌兹别克斯坦…遭到政府取缔``, ``宣布禁止A在本国活动``;
- a de-listing: ``将A从恐怖组织名单上除名``, ``不再把A列为恐怖组织``, ``将其正式除名``,
  ``解除了对A的禁令``.

A listing asked for, proposed or denied (``要求将A列入``, ``A并没有被认定是``) is none. Items are
joined by 、，, 和, 及, 以及, 与 (not inside a word: 埃及, 共和国) or given as list items; an item is
the name before any bracket (``中亚圣战者联盟（Jamaat of Central Asian Mujahedins）``: the bracket
holds its Latin name or another name), past a date or preposition before it. A name is an
organisation's when it ends as one does (运动, 组织, 党…), is quoted, is curated, is Latin, is one
of the names the lead writes in bold (what the article is about), was designated by an earlier
statement, or is a wikilink listed with organisations (`[[伊扎布特]]`). A pronoun (其, 该组织) or a
subject left unsaid (``2014年，被阿联酋列入…名单``) is the organisation named last before it in
its paragraph, else the one the article is about.

The authority is read from the sentence: the agent after 被/遭/遭到, the owner of the list
(``在欧盟、英国…的名单中``: one record each), where a ban holds (``在乌兹别克斯坦…遭到取缔``), the
subject before the verb, an earlier clause of the sentence, else the section's heading. A country
is recognised by the gazetteers (with a body after it: 美国财政部), an international body or a
country's short name before 方 by ``kzct/data/authorities.toml``; a body named without its
country (最高法院) takes the country the article wrote before it elsewhere (哈萨克斯坦最高法院).
Where none is said, the authority is null, never assumed.

The date is the last one before the items in their clause, else the sentence's leading date, else
one after the items; a date the clause says came before or after (``在…之后``) dates something
else. A list introduced after a sentence that dated the list (``2006年10月12日，最高法院核准了…
名单…。遭到…取缔的恐怖组织包括：…``) takes that date. Curated data only adds English names and
aliases. With ``--all``, the curated groups the article names but no statement designates come
with the first sentence that names each, quoted (``status`` ``discussed``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Set as AbstractSet
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from kzct.extract.entities import Names, alias_list, entity_id, slug
from kzct.model import Event, Group, HistoryItem, Sentence, Source
from kzct.parse.dates import PartialDate, ResolvedDate
from kzct.parse.gazetteer import Curated, Gazetteer, country_code
from kzct.text import HAN, has_cjk

if TYPE_CHECKING:
    from kzct.text import Scripts

_ORG = r"(?:恐怖|极端|恐怖主义|极端主义|非法|被禁|违禁)(?:主义)?(?:组织|团体|集团|势力)"
_LIST_WORD = rf"(?:{_ORG}|名单|清单|列表|黑名单)"
# An item list is bounded, and no item runs across the word that ends it (在, 被); the adverbs
# before a verb are a few, taken whole (possessive: `已经` before `已`): every pattern runs in time
# linear in the sentence, whatever it repeats (`均均均…` once took seconds)
_ITEMS_OR_NONE = r"[^。；：:，,]{0,60}?"
# …恐怖组织包括：A、B和C / 名单如下：
_INTRO = re.compile(
    rf"(?P<verb>{_LIST_WORD})[^。；：:，,]{{0,16}}?(?:包括|包含|包括有|有|如下|(?:为|是)(?=[：:]))"
    r"[^。；：:，,]{0,4}?[：:]?\s*(?P<items>[^。；]*)")
# A、B和C被列为恐怖组织 (the items run back to the start of the clause; none: the subject is
# left unsaid, `2014年，被阿联酋列入恐怖主义组织名单`); A在美国、英国被列为恐怖组织 (where: by whom);
# who designated, up to sixty characters: a list of eight states (`该组织已被联合国、澳大利亚、加拿大、
# 新西兰、俄罗斯、英国、美国和土耳其认定为恐怖组织`)
_CLOSED = re.compile(
    r"(?P<items>[^。；：:，,在]{0,60}?)(?:已经|均|都|也|已|先后|正式|亦){0,4}+"
    r"(?:在[^。；：:，,被遭]{1,100}?)?(?:被|遭到|遭)[^。；]{0,60}?"
    rf"(?P<verb>列为|列入|认定为|认定是|宣布为|定为|定性为|确定为|指定为|视为|归为|归类为)[^。；]{{0,16}}?{_LIST_WORD}"
    r"(?!的)")  # (`被…视为恐怖组织的世界维吾尔大会`: the organisation comes after, _LISTED_BEFORE)
# 将A和B加入这张名单 / 将A列为恐怖组织 / 把A列入…名单 / 将“东伊运”重新列为恐怖组织; 添加 is
# written 新增 where Taiwan's usage is (OpenCC's s2twp makes one the other), and 增列 is its
# formal "add to a list"
_ADDED = re.compile(
    r"(?:将|把)(?P<items>[^。；：:将把]{1,60}?)(?:正式|重新|再次|也)?(?P<verb>加入|列入|列为|增加到|"
    r"添加到|添加入|新增到|新增入|新增为|增列为|增列入|增列到|认定为|宣布为|定为|指定为|视为|归为|归类为)了?"
    rf"[^。；]{{0,12}}?(?:这张|该|此|这份|其)?{_LIST_WORD}")
# A也在欧盟、英国…的恐怖组织名单中
_ON_LIST = re.compile(
    rf"(?P<items>[^。；：:，,在]{{1,60}}?)(?:也|均|都|已|亦|仍){{0,4}}+(?P<verb>在|位于|列在|列于)"
    rf"[^。；]{{0,60}}?"
    rf"{_LIST_WORD}(?:中|上|之中|之内|里)")
# …恐怖组织名单，其中就有A，此外还有B、C
_AMONG = re.compile(r"(?P<verb>其中|此外|另外)(?:就|还|也)?(?:有|包括|包含)[：:]?\s*(?P<items>[^。；，,]+)")
# 被日本…认定其为恐怖组织: the pronoun between the verb and its complement
_PRONOUN_AS = re.compile(
    rf"(?P<verb>认定|视|列|定性|宣布|指定)(?P<items>其|该组织|此组织|该团体|它)(?:为|是)[^。；]{{0,12}}?"
    rf"{_LIST_WORD}")
# A在乌兹别克斯坦…遭到政府取缔 / A被禁 / A在德国被禁
_BANNED = re.compile(
    r"(?P<items>[^。；：:，,在被遭]{0,60}?)(?:已经|也|均|都|已|先后|亦|曾){0,4}+"
    r"(?:在[^。；：:，,被遭]{1,100}?)?"
    r"(?:(?:被|遭到|遭)[^。；：:，,]{0,16}?(?P<verb>取缔|查禁|禁止)|(?P<verb2>被禁)(?!止))")
# 宣布禁止A在本国活动 / 取缔了A
_BANS = re.compile(
    r"(?<![被遭到])(?P<verb>取缔|查禁|禁止)了?(?P<items>[^。；：:，,]{1,40}?)(?:在(?:本国|该国|国内|境内|其境内)"
    r"(?:的)?)?(?:活动|运作|存在)?(?=[。；：:，,]|$)")
# 将A从恐怖组织名单上除名 / 将A自…清单中删除
_REMOVED = re.compile(
    r"(?:将|把)(?P<items>[^。；：:，,将把]{1,40}?)(?:正式)?(?:从|自)[^。；，,]{0,30}?(?:名单|清单|列表)"
    r"(?:上|中|里)?(?:正式)?(?P<verb>除名|删除|移除|剔除)")
# 将其正式除名
_STRUCK = re.compile(r"(?:将|把)(?P<items>[^。；：:，,将把从自]{1,40}?)(?:正式)?(?P<verb>除名|移除出|剔除出)")
# 乌兹别克斯坦政府认定A是宗教极端组织 / 不再认定A为恐怖组织 (a de-listing) / 俄罗斯宣布A为恐怖组织 /
# 沙特阿拉伯…均已明确表示A为恐怖主义组织 (a statement made plainly, as a declaration is)
_DEEMED = re.compile(
    rf"(?P<verb>认定|视|定性|宣布|指定|(?:明确|正式)表示)(?P<items>[^。；：:，,将把列其]{{1,40}}?)(?:为|是)[^。；，,]{{0,12}}?"
    rf"{_LIST_WORD}")
# A是美国国务院认定的恐怖组织 (who designated stands between 是 and the verb); A是在美国国务院榜上
# 有名的恐怖组织, A是美国国务院名单上的恐怖组织 (on its list)
_NAMED_BY = re.compile(
    rf"(?P<items>{_ITEMS_OR_NONE})(?:也|均|都|亦|已|曾|一直){{0,2}}+是在?(?P<by>[^。；：:，,是]{{1,24}}?)"
    rf"(?P<verb>认定|列为|列入|指定|宣布|定性为|定为|视为|归为|归类为|榜上有名|名单上|名单中)的"
    rf"[^。；：:，,]{{0,8}}?{_ORG}")
# 被中国政府视为恐怖组织的A / 被美国列为恐怖组织的A (the organisation after 的, up to the word
# that ends its name)
_LISTED_BEFORE = re.compile(
    rf"(?:被|遭)(?P<by>[^。；：:，,被的]{{1,24}}?)(?P<verb>列为|列入|认定为|视为|归为|归类为|宣布为|定为|定性为|"
    rf"指定为)[^。；：:，,的]{{0,12}}?{_LIST_WORD}的(?P<items>[^。；：:，,的在]{{1,24}}?"
    r"(?:组织|运动|党|军|阵线|联盟|同盟|协会|大会|团体|集团|兄弟会|网络|卫队|塔利班|伊斯兰国))")
# 英国解除了对A的禁令 / 解除对A的恐怖组织认定 (a de-listing)
_LIFTED = re.compile(
    r"(?P<verb>解除)了?(?:对|针对)(?P<items>[^。；：:，,对]{1,40}?)的[^。；：:，,]{0,8}?"
    r"(?:禁令|取缔|认定|列名)")
LISTED = "listed"
BANNED = "banned"
DELISTED = "delisted"
DISCUSSED = "discussed"  # a group the article names but no statement designates (`groups --all`)
# each way of saying it, and the action it states (a listing with 取缔 or 禁止 in it is a ban)
_PATTERNS = ((_INTRO, LISTED), (_CLOSED, LISTED), (_ADDED, LISTED), (_ON_LIST, LISTED),
             (_AMONG, LISTED), (_PRONOUN_AS, LISTED), (_BANNED, BANNED), (_BANS, BANNED),
             (_DEEMED, LISTED), (_NAMED_BY, LISTED), (_LISTED_BEFORE, LISTED),
             (_REMOVED, DELISTED), (_STRUCK, DELISTED),
             (_LIFTED, DELISTED))
_REMOVAL_WORD = re.compile(r"除名|删除|移除|剔除")
# (a list of those barred from entry, 被禁入境的恐怖组织名单, lists them and bans no organisation)
_BAN_WORD = re.compile(r"取缔|查禁|(?:禁止|被禁)(?!入境|止入境)")
_LIFT_WORD = re.compile(r"解除")
_GATES = {_BANNED: _BAN_WORD, _BANS: _BAN_WORD, _REMOVED: _REMOVAL_WORD, _STRUCK: _REMOVAL_WORD,
          _LIFTED: _LIFT_WORD, _AMONG: re.compile(r"其中|此外|另外")}
# patterns whose items run back to the start of their clause: a subject left unsaid is there
_SUBJECT_FIRST = frozenset({_CLOSED, _ON_LIST, _BANNED, _NAMED_BY})
_TRIGGER = re.compile(rf"{_LIST_WORD}|取缔|查禁|禁止|被禁|除名|删除|移除|剔除|解除")
_HAS_LIST = re.compile(rf"{_LIST_WORD}")
# what makes a list of organisations a designation: it is a list, or a verb says it was made
_LIST_OR_VERB = re.compile(r"名单|清单|列表|取缔|查禁|禁止|被禁|违禁|列为|列入|认定|宣布|指定|定为|定性|"
                           r"明确表示|正式表示")
# the label the list's own word gives
_LABELS = ((re.compile(r"恐怖"), "terrorist"), (re.compile(r"极端"), "extremist"),
           (re.compile(r"非法|违禁"), "illegal"))
# A listing asked for, proposed, denied or aimed at is no listing (`要求…将伊扎布特列入…名单`,
# `该组织并没有被…认定是恐怖组织`, `为了禁止伊扎布特，故加强检查…`).
_NOT_DONE = re.compile(r"要求|请求|提议|建议|呼吁|申请|希望|计划|考虑|打算|(?<![模虚草])拟|准备|试图|"
                       r"敦促|没有|并未|未被|未曾|不被|不会|拒绝|反对|否认|是否|如果|若|为了|以便|旨在")
_NEAR_ONLY = re.compile(r"没有|并未|未被|未曾|不被|不会|拒绝|反对|否认|是否|如果|若|为了|以便|旨在")
# `联合国安理会在其恐怖组织名单上增加了…`: who keeps the list, not what is on it
_KEEPER = re.compile(r"\s*(?:增加|加入|列入|添加|新增|增列|公布|发布|更新|列出)")
# What may stand before an item's name in its clause: a date, a preposition (`2005年`, `于2006年把`)
_LEAD = re.compile(r"(?:[于在从自将把]|同年|当年|此后|随后|之后|后来|最终|最后|其后|此外|另外|因此|因而|所以|"
                   r"目前|至今|如今|[\s，,])+")
# What may stand after an item's name before the verb: a preposition and what it leads
# (`东伊运自2002年9月起`)
_TAIL = re.compile(r"(?:早在|早于|已于|自|于|从|在|亦|也|已|曾)++$")
_CLAUSE_START = re.compile(r"[。；！？]")
_CLAUSE_MARK = re.compile(r"[。；！？，,：:]")
_SPLIT = re.compile(r"以及|、|，|,|及|与|和")
# An organisation's name ends with one of these, or is known (curated), or is Latin.
_ORG_NAME = re.compile(
    r"(?:组织|运动|党|军|阵线|联盟|同盟|协会|社|会|团|团体|集团|教|派|基地|兄弟会|圣战|伊斯兰国|"
    r"塔利班|旅|营|部队|武装|网络|中心|卫队|民兵|力量|帮|联合会|委员会|司令部|指挥部)$")
# Words for organisations in general, and pronouns: an item made only of them names none.
_GENERIC = re.compile(r"(?:[0-9一二三四五六七八九十百多几数个所有这那该此其它他们上述以下]|国际|恐怖|极端|分裂|"
                      r"主义|宗教|伊斯兰|武装|非法|被禁|外国|境外|组织|团体|集团|势力|分子|机构|名单)+")
# what a sentence is about, where it begins with it (`伊斯兰传道会是一个伊斯兰教传教机构，该组织…`)
_TOPIC = re.compile(r"[“「]?([^，,。；：:是为（(“”「」\s]{2,16}?)[”」]?(?:[（(][^）)]*+[）)])?(?:是|为|[，,])")
_OPENING_QUOTES = tuple("“「『\"")
_CLOSING_QUOTES = tuple("”」』\"")
_QUOTED_NAME = re.compile(r"[“「『\"]([^“”「」『』\"]{2,12})[”」』\"]")
# verbs of doing, which a clause holds and an organisation's name does not
_DOING = re.compile(r"从事|参加|参与|进行|公开")
# (those that name the kind of thing they stand for, then the others)
_KIND_PRONOUNS = ("该组织", "此组织", "该团体", "该党", "该运动")
_PRONOUNS = frozenset({"其", "之", "它", *_KIND_PRONOUNS})
_BRACKET = re.compile(r"\s*+[（(](?P<inner>[^（(）)]*+)[）)]\s*+$")
_LATIN_ONLY = re.compile(r"^[A-Za-z][A-Za-z .'’\-]+$")
# What marks an agent, a place a ban holds in, and a list's owner
_PASSIVE = re.compile(r"被|遭到|遭|由")
_WHERE = re.compile(r"在([^。；：:，,被遭]{1,100}?)(?:被|遭到|遭)")
# an exception in an enumeration (`除黎巴嫩、也门和阿联酋之外的所有阿拉伯国家`)
_EXCEPT = re.compile(r"除(?:了)?[^。；：:，,]{1,60}?(?:之外|以外|外)")
_AFTER_EXCEPT = re.compile(r"的?(?:所有|全部|其他|其余|其它|各)?")
# what may follow an authority in its item of an enumeration (`联合国等国家和组织`)
_PART_TAIL = re.compile(r"\s*(?:等[^、，,和与及]{0,6}|均|都|也|亦|皆|已|先后)*\s*(?:将|把)?\s*")
_OWNER = re.compile(r"(?:在|于|自|从|列入|加入|纳入)([^。；：:，,]{1,30}?)的[^。；：:，,]{0,16}?"
                    r"(?:名单|清单|列表)")
# A body of a state after its country's name, or alone (最高法院: its country said elsewhere)
_BODY_AFTER = re.compile(
    r"[^。；：:，,、和与及的在将把被]{0,8}?(?:政府|国务院|外交部|内政部|财政部|司法部|国防部|公安部|"
    r"安全部|[^。；：:，,、和与及的]{0,4}部|最高法院|法院|检察院|议会|国会|委员会|安全局|当局|总统)")
_BODY_ALONE = re.compile(r"(?:最高法院|宪法法院|检察院|总检察长|检察总长|国务院|外交部|内政部|财政部|司法部|"
                         r"国防部|公安部|安全部|议会|国会|政府|当局)")
_JOINED = re.compile(rf"\s*+(?:{_SPLIT.pattern})\s*+")  # the joiners of a list, and the spaces
# a clause that says the date came before or after what it states (`在…之后`)
_BACKGROUND = re.compile(r"之后|以后|之前|以前")


class Authority(NamedTuple):
    written: str  # as the article writes it (simplified)
    code: str | None  # ISO 3166-1 alpha-2, or a body's code (UN, EU)
    en: str | None


class _ListEntry(NamedTuple):
    zh: str  # as written
    simple: str  # in simplified characters
    latin: str | None
    other: str | None  # another name in the bracket (东伊运)
    sentence: Sentence
    date: ResolvedDate | None
    start: int  # position of the name in the sentence text
    end: int
    curated: Curated | None  # the curated group of this name
    action: str = LISTED
    label: str | None = None
    authority: Authority | None = None


class _Reading(NamedTuple):
    """What a designation is read with: the names known, the article's subject."""

    gazetteer: Gazetteer
    scripts: Scripts
    joined: frozenset[str]
    names: Names | None
    subject: tuple[str, ...]  # the names the lead writes in bold, simplified
    about_group: bool  # the article is about an organisation
    curated: tuple[str, ...] = ()  # the names of the curated groups, simplified


def _items(shadow: str, start: int, end: int, joined: frozenset[str]) -> list[tuple[int, int]]:
    """The items of a list in ``shadow[start:end]``: split at the joiners outside brackets, but
    not at a 和, 及 or 与 that is part of a word (埃及, 共和国: ``joined``)."""
    out: list[tuple[int, int]] = []
    depth = 0
    pos = start
    i = start
    while i < end:
        ch = shadow[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SPLIT.match(shadow, i)
            if m and m.end() <= end and not (len(m.group()) == 1 and m.group() in "和及与"
                                             and _in_word(shadow, i, joined)):
                out.append((pos, i))
                pos = i = m.end()
                continue
        i += 1
    out.append((pos, end))
    return out


def _in_word(shadow: str, i: int, joined: frozenset[str]) -> bool:
    """The character at ``i`` is inside a word of ``joined`` (埃及, 共和国, 和平)."""
    return any(shadow[a:b] in joined for a in range(max(0, i - 3), i + 1)
               for b in range(i + 1, min(len(shadow), i + 4) + 1) if b - a >= 2)


def _lead_end(sentence: Sentence, start: int, end: int, own: _Clauses) -> int:
    """Where an item's name begins, past the dates and prepositions before it."""
    while start < end:
        date = own.date_at(start)
        if date is not None:
            start = date.end_pos
            continue
        m = _LEAD.match(sentence.shadow, start, end)
        if m is None or m.end() == start:
            return start
        start = m.end()
    return start


def _name_end(sentence: Sentence, start: int, end: int, own: _Clauses) -> int:
    """Where an item's name ends, before a date and the preposition before it that follow it in
    the clause (`东伊运自2002年9月起被…`: 东伊运)."""
    date = own.date_within(start, end)
    if date is None:
        return end
    cut = date.start
    # a few words at most (the window keeps the search linear in the item)
    m = _TAIL.search(sentence.shadow, max(start, cut - _TAIL_WINDOW), cut)
    return m.start() if m else cut


_TAIL_WINDOW = 24


def _entry(sentence: Sentence, start: int, end: int, reading: _Reading,
           date: ResolvedDate | None, listed_with: bool = False,
           known: AbstractSet[str] = frozenset()) -> _ListEntry | None:
    """One list item as an organisation, or None when it does not read as one. ``listed_with``
    organisations in one list, a wikilink's whole text is one too (`[[伊扎布特]]`); a name of
    ``known``, one an earlier statement designated, is one wherever written."""
    shadow, text = sentence.shadow, sentence.text
    gazetteer, scripts = reading.gazetteer, reading.scripts
    written = shadow[start:end].strip(" 等")
    # a name in quotes (`英国将“东突”列入…`) is a name, however short
    quoted = written[:1] in _OPENING_QUOTES and written[-1:] in _CLOSING_QUOTES
    while start < end and shadow[start] in " “”「」『』\"'《》":
        start += 1
    while end > start and shadow[end - 1] in " “”「」『』\"'《》等":
        end -= 1
    item = shadow[start:end]
    latin = other = None
    bracket = _BRACKET.search(item)
    name_end = end
    if bracket:
        inner = bracket.group("inner").strip()
        name_end = start + bracket.start()
        inner_text = text[start + bracket.start("inner"):start + bracket.end("inner")].strip()
        if _LATIN_ONLY.match(inner):
            latin = inner_text
        elif inner:
            other = inner_text.strip("“”「」『』\"'")
    name = shadow[start:name_end].strip(" “”「」『』\"'")
    if "的" in name:  # `本•拉登旗下的基地组织`: the organisation is what follows the last 的
        name = name[name.rindex("的") + 1:]
    if not name or _GENERIC.fullmatch(name):
        return None  # `国际恐怖组织`, `其`: no organisation's name
    offset = shadow.index(name, start)
    if _LATIN_ONLY.match(name):
        latin, zh, simple = text[offset:offset + len(name)], "", name
        curated = _curated_for(simple, latin, gazetteer, scripts)
    else:
        zh, simple = text[offset:offset + len(name)], name
        if len(name) > 24 or name.startswith(("这", "该", "此", "其", "上述", "以下")) \
                or _DOING.search(name):
            return None  # (`禁止18歲以下的人公開從事宗教活動`: what people may not do, no name)
        curated = _curated_for(simple, latin, gazetteer, scripts)
        if curated is None and _a_place(name, reading):
            return None  # `德国、俄罗斯`: places, where the items ran into a list of them
        linked = listed_with and any(link.text.strip() == sentence.text[offset:offset + len(name)]
                                     for link in sentence.links)
        if not (_ORG_NAME.search(name) or (quoted and len(name) <= 12) or curated
                or name in reading.subject or linked or name in known):
            # `伊扎布特刚成立便遭…禁止`: a name known as an organisation's, and what it did
            lead = max((n for n in (*reading.subject, *known, *_curated_forms(reading))
                        if len(n) >= 2 and name.startswith(n) and len(n) < len(name)),
                       key=len, default=None)
            if lead is None:
                return None
            name, zh, simple = lead, text[offset:offset + len(lead)], lead
            curated = _curated_for(simple, None, gazetteer, scripts)
    return _ListEntry(zh=zh or (latin or ""), simple=simple, latin=latin, other=other,
                      sentence=sentence, date=date, start=offset, end=offset + len(name),
                      curated=curated)


def _a_place(name: str, reading: _Reading) -> bool:
    """Whether ``name`` is, whole, the name of a place a gazetteer holds."""
    if reading.names is None:
        return False
    return any(hit.kind == "place" and (hit.start, hit.end) == (0, len(name))
               for hit in reading.names.find(name))


def _curated_forms(reading: _Reading) -> tuple[str, ...]:
    """The names of the curated groups, in simplified characters (made once, with the
    reading)."""
    return reading.curated


def _statements(sentences: list[Sentence], dates: dict[int, list[ResolvedDate]],
                reading: _Reading,
                designating: tuple[tuple[int, int], ...] = ()) -> list[_ListEntry]:
    """Each designation once, in the order the article first states it: one per organisation,
    authority and action, with the earliest date the article gives it."""
    entries: dict[object, _Kept] = {}
    # the organisations named so far, by paragraph: sentence, end, name; and all their names
    named: dict[int, list[tuple[int, int, str]]] = {}
    known: set[str] = set()

    def add(entry: _ListEntry) -> None:
        """One record per organisation, authority (its country or body), action and date: a
        statement again (the lead's `2002年9月` and the body's `2002年9月11日`; an undated
        `美国` and `美国财政部` on 2002-08-26) is the same record, at the more precise date;
        another date is another record (a listing renewed)."""
        group: object = id(entry.curated) if entry.curated is not None else (
            "subject" if entry.simple in reading.subject else entry.simple)
        who = entry.authority.code or entry.authority.written if entry.authority else None
        entries.setdefault((group, who, entry.action), _Kept()).add(entry)

    for position, sentence in enumerate(sentences):
        shadow = sentence.shadow
        if not _TRIGGER.search(shadow):
            continue  # every designation names a list or says a ban (the cheap test first)
        found: dict[object, _ListEntry] = {}
        clauses = _Clauses(shadow, dates.get(sentence.number, []))
        # the organisations named first, then the pronouns that stand for them
        for pronouns in (False, True):
            for pattern, action in _PATTERNS:
                if not _GATES.get(pattern, _HAS_LIST).search(shadow):
                    continue  # the word every match holds (the cheap test first)
                for m in pattern.finditer(shadow):
                    for entry in _read(sentences, position, m, pattern, action, dates, reading,
                                       _Context(named.get(sentence.paragraph, []), known,
                                                clauses), pronouns):
                        key = (entry.sentence.number, entry.start, entry.end, entry.action,
                               entry.authority)
                        found.setdefault(key, entry)
            if not pronouns:
                named.setdefault(sentence.paragraph, []).extend(
                    (position, e.end, e.simple) for e in found.values())
                known.update(e.simple for e in found.values())
        for entry in sorted(found.values(), key=lambda e: e.start):
            add(entry)
    for entry in _table_rows(sentences, reading):
        add(entry)
    for entry in _field_rows(sentences, reading, designating):
        add(entry)
    return sorted((e for kept in entries.values() for e in kept.entries),
                  key=lambda e: (e.sentence.number, e.start))


class _Kept:
    """The records of one organisation, authority and action: one a date, a statement of the
    same date again (either undated, or one within the other: 2002-09 and 2002-09-11) kept once,
    at the more precise date.
    Found by the dates' prefixes (2002, 2002-09, 2002-09-11): an entry costs the records of its
    date, not all of them."""

    def __init__(self) -> None:
        self.entries: list[_ListEntry] = []
        self.undated: list[int] = []  # the records without a date, in order
        self.exact: dict[str, set[int]] = {}  # a date → the records at it
        self.within: dict[str, set[int]] = {}  # a date → the records at it or within it

    def add(self, entry: _ListEntry) -> None:
        iso = entry.date.date.iso() if entry.date is not None else None
        if iso is None:  # an undated statement is the same as any
            same = [0] if self.entries else []
        else:
            same = [*self.undated[:1], *self.within.get(iso, ()),
                    *(i for k in range(1, len(iso) + 1) for i in self.exact.get(iso[:k], ()))]
        if not same:
            self._index(len(self.entries), iso)
            self.entries.append(entry)
            return
        i = min(same)
        other = self.entries[i]
        if iso is not None and (other.date is None or len(iso) > len(other.date.date.iso())):
            self._unindex(i, other.date.date.iso() if other.date is not None else None)
            self._index(i, iso)
            self.entries[i] = entry

    def _index(self, i: int, iso: str | None) -> None:
        if iso is None:
            bisect.insort(self.undated, i)
            return
        self.exact.setdefault(iso, set()).add(i)
        for k in range(1, len(iso) + 1):
            self.within.setdefault(iso[:k], set()).add(i)

    def _unindex(self, i: int, iso: str | None) -> None:
        if iso is None:
            self.undated.remove(i)
            return
        self.exact[iso].discard(i)
        for k in range(1, len(iso) + 1):
            self.within[iso[:k]].discard(i)


# A section whose table lists designations (`===被列入恐怖组织名单===`)
_TABLE_HEADING = re.compile(rf"{_LIST_WORD}|列入|列为|认定|取缔|禁止|被禁|除名")
_CELL = " | "  # how kzct.parse.wikitext joins a table row's cells
_CELL_DATE = re.compile(r"\s*([12][0-9]{3})(?:\s*[-年/.]\s*([01]?[0-9])(?:\s*[-月/.]\s*([0-3]?[0-9])\s*日?)?"
                        r"\s*月?)?\s*年?\s*")


_ROW_ALONE = re.compile(r"[^，,。；;：:、\s]{1,24}")


def _table_rows(sentences: list[Sentence], reading: _Reading) -> list[_ListEntry]:
    """The designations a table states, in a section whose heading says what it lists
    (`===被列入恐怖组织名单===`: a row `{{flagcountry|Australia}} | 2003`): each row whose first
    cell names a country or a body (in Chinese, or in English as flag templates show it, or by
    its ISO code) is a designation of the organisation the heading names, else of the one the
    article is about, at the date a cell of the row gives."""
    out: list[_ListEntry] = []
    for sentence in sentences:
        if not sentence.section or (_CELL not in sentence.shadow
                                    and not _ROW_ALONE.fullmatch(sentence.shadow.strip())):
            continue  # (a row whose other cells are empty is its first cell alone: `{{UAE}}`)
        heading = reading.scripts.simplified(sentence.section[-1])
        if not _TABLE_HEADING.search(heading) or _NOT_DONE.search(heading):
            continue  # (`以下国家拒绝将真主党列为恐怖组织`: its rows list no one)
        names = (*reading.subject, *_curated_forms(reading))
        group = next((n for n in names if n in heading), None) or (
            reading.subject[0] if reading.about_group and reading.subject else None)
        if group is None:
            continue
        cells, at = [], 0
        for cell in sentence.shadow.split(_CELL):
            cells.append((at, at + len(cell), cell))
            at += len(cell) + len(_CELL)
        start, end, first = cells[0]
        authority = _cell_authority(first.strip(), sentences, sentence.number, reading)
        if authority is None:
            continue
        date = None
        for a, b, cell in cells[1:]:
            m = _CELL_DATE.fullmatch(cell)
            if m is not None:
                year, month, day = (int(g) if g else None for g in m.groups())
                if year is not None and (month is None or 1 <= month <= 12) \
                        and (day is None or 1 <= day <= 31):
                    date = ResolvedDate(PartialDate(year, month, day if month else None), None,
                                        "table", sentence.text[a:b], a, b)
                    break
        action = DELISTED if re.search("除名|移除", heading) else \
            BANNED if _BAN_WORD.search(heading) else LISTED
        label = next((name for word, name in _LABELS if word.search(heading)), None)
        offset = start + len(first) - len(first.lstrip())
        out.append(_ListEntry(zh=group, simple=group, latin=None, other=None, sentence=sentence,
                              date=date, start=offset, end=offset + len(first.strip()),
                              curated=_curated_for(group, None, reading.gazetteer, reading.scripts),
                              action=action, label=label, authority=authority))
    return out


def _field_rows(sentences: list[Sentence], reading: _Reading,
                designating: tuple[tuple[int, int], ...]) -> list[_ListEntry]:
    """The designations an infobox's field lists (`designated_as_terror_group_by =
    {{flagu|Saudi Arabia}}<br />{{flagu|Malaysia}}<br />[[UNSC]]`): each line that names a
    country or a body, as a table's first cell does, listed the organisation the article is
    about as terrorist, at no date (the field gives none)."""
    if not designating or not reading.about_group or not reading.subject:
        return []
    group = reading.subject[0]
    out: list[_ListEntry] = []
    for sentence in sentences:
        start, end = sentence.seed_span(0, len(sentence.text))
        if not any(a <= start and end <= b for a, b in designating):
            continue
        text = sentence.shadow.strip()
        authority = _cell_authority(text, sentences, sentence.number, reading)
        if authority is None:
            continue
        offset = sentence.shadow.find(text)
        out.append(_ListEntry(zh=group, simple=group, latin=None, other=None, sentence=sentence,
                              date=None, start=offset, end=offset + len(text),
                              curated=_curated_for(group, None, reading.gazetteer,
                                                   reading.scripts),
                              action=LISTED, label="terrorist", authority=authority))
    return out


def _cell_authority(cell: str, sentences: list[Sentence], position: int,
                    reading: _Reading) -> Authority | None:
    """The country or body a table's cell names: in Chinese, by its English name (as
    `{{flagcountry|Australia}}` shows it) or by its ISO 3166-1 code (`{{PAK}}` shows PAK)."""
    found = _authority_names(cell, sentences, position, reading, first_only=True)
    if found:
        return found[0]
    # the name before what a bracket adds (`Venezuela (胡安·瓜伊多)`: who for the country)
    cell = _BRACKET.sub("", cell)
    if reading.names is None or not cell.isascii():
        return None
    body = _authority_data().latin.get(cell.casefold())
    if body is not None:
        return Authority(cell, *body)
    table = reading.names.places
    place = reading.names.country_places.get(cell.casefold())
    if place is None and cell.casefold() in table.latin:  # any of its English names (Czech Republic)
        place = table.places[table.latin[cell.casefold()]]
    if place is None and len(cell) in (2, 3) and cell.isupper():
        code = country_code(cell)
        place = reading.names.country_places.get(code) if code else None
    if place is None or place.kind != "country" or not place.country:
        return None
    return Authority(cell, place.country, place.en)


# a verb of saying, before what another did (`…认为美国将…列为`)
_SAYING = re.compile(r"认为|表示|指出|宣称|声称|强调|批评|指责|报道")
# a bracketed aside (its brackets not nested)
_ASIDE = re.compile(r"[（(][^（()）]{0,80}[）)]")


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` (apart, in order; ``starts`` their
    starts), found by bisection."""
    i = bisect.bisect_left(starts, start) - 1
    return i >= 0 and end < spans[i][1]


class _Clauses:
    """Where the clauses of a sentence begin: after 。；！？ (its sentence clauses) and after
    any clause mark (its comma clauses too), found by bisection: a statement's clause costs
    no scan of the text before it. And the sentence's dates, those its clause says came before
    or after what it states (``background``) told apart once."""

    def __init__(self, shadow: str, dates: list[ResolvedDate] | None = None) -> None:
        self.starts = [c.end() for c in _CLAUSE_START.finditer(shadow)]
        self.marks = [c.end() for c in _CLAUSE_MARK.finditer(shadow)]
        self.length = len(shadow)
        self.dates = dates or []
        words = [m.start() for m in _BACKGROUND.finditer(shadow)]
        asides = [m.span() for m in _ASIDE.finditer(shadow)]  # (apart, in text order)
        aside_starts = [a for a, _b in asides]
        # the dates not of background, nor in brackets (`被美國（2012年9月除名）、加拿大及伊朗列為恐怖
        # 組織`: an aside on one of them), and where each begins (in text order)
        self.kept = [d for d in self.dates if not self._background(d, words)
                     and not _inside(asides, aside_starts, d.start, d.end_pos)]
        self.kept_starts = [d.start for d in self.kept]
        self.date_starts = [d.start for d in self.dates]
        # in text order, apart (as the date reader gives them): then found by bisection
        self.ordered = all(a.end_pos <= b.start for a, b in zip(self.dates, self.dates[1:]))

    def next_mark(self, pos: int) -> int:
        """Where the first clause mark at or after ``pos`` is (the end of the text if none)."""
        i = bisect.bisect_left(self.marks, pos + 1)
        return self.marks[i] - 1 if i < len(self.marks) else self.length

    def _background(self, date: ResolvedDate, words: list[int]) -> bool:
        """The date's clause says it came before or after what the sentence states (`在伊扎布特在
        2006年7月19日宣称…之后，`): a word of it between the date and its clause's end."""
        i = bisect.bisect_left(words, date.end_pos)
        return i < len(words) and words[i] + 2 <= self.next_mark(date.end_pos)

    def date_at(self, pos: int) -> ResolvedDate | None:
        """The first date that holds ``pos``."""
        if not self.ordered:
            return next((d for d in self.dates if d.start <= pos < d.end_pos), None)
        i = bisect.bisect_right(self.date_starts, pos)
        return self.dates[i - 1] if i and pos < self.dates[i - 1].end_pos else None

    def date_within(self, start: int, end: int) -> ResolvedDate | None:
        """The first date that begins inside ``(start, end)``."""
        if not self.ordered:
            return next((d for d in self.dates if start < d.start < end), None)
        i = bisect.bisect_right(self.date_starts, start)
        return self.dates[i] if i < len(self.dates) and self.dates[i].start < end else None

    def start(self, pos: int) -> int:
        """Where the sentence clause holding ``pos`` begins."""
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i - 1] if i else 0

    def mark(self, pos: int, floor: int = 0) -> int:
        """Where the comma clause holding ``pos`` begins (at ``floor`` at least)."""
        i = bisect.bisect_right(self.marks, pos)
        return max(floor, self.marks[i - 1] if i else 0)

    def before(self, pos: int, floor: int) -> list[int]:
        """The clause starts between ``floor`` and ``pos``."""
        return self.marks[bisect.bisect_left(self.marks, floor):bisect.bisect_right(self.marks, pos)]


class _Context(NamedTuple):
    named: list[tuple[int, int, str]]  # the organisations its paragraph named before
    known: set[str]  # every organisation's name designated before
    clauses: _Clauses


def _read(sentences: list[Sentence], position: int, m: re.Match[str], pattern: re.Pattern[str],
          action: str, dates: dict[int, list[ResolvedDate]], reading: _Reading,
          context: _Context, pronouns: bool) -> list[_ListEntry]:
    """The designations one match states: its organisations, each by each authority; with
    ``pronouns``, those of its pronouns and unsaid subjects only."""
    sentence = sentences[position]
    shadow = sentence.shadow
    if pattern is _AMONG and not _HAS_LIST.search(shadow, max(0, m.start() - 5 * _LOOK_BACK),
                                                  m.start()):
        return []
    if pattern is _ON_LIST and _KEEPER.match(shadow, m.end()):
        return []
    clause = context.clauses.start(m.start())
    near = max(clause, m.start() - _LOOK_BACK)  # how far back a word may bear on the statement
    if pattern is _INTRO and not _LIST_OR_VERB.search(shadow, near, m.start("items")):
        return []  # `极端组织中影响最大的有三个：`: organisations described, not designated
    start, end = m.span("items")
    verb = m.start("verb") if m.group("verb") else m.start("verb2")
    # asked for or denied: said outside the items (`要求将A列为…`, `A并没有被认定是…`)
    # (a denial, a purpose or a condition bears on its own comma clause: `为了达成其目标不惜…使用
    # 武力，因此该党…被列为恐怖组织` lists it, as `策划反对以色列的示威…，被以色列…视为…` does)
    comma = context.clauses.mark(start, floor=near)
    if any(w.start() >= comma or not _NEAR_ONLY.fullmatch(w.group())
           for w in _NOT_DONE.finditer(shadow, max(near, start - _LOOK_BACK), start)) \
            or _NOT_DONE.search(shadow, end, m.end()):
        return []
    if action == LISTED and "不再" in shadow[max(near, verb - _LOOK_BACK):verb]:
        action = DELISTED  # `不再把A列为恐怖组织`
    elif action == LISTED and _BAN_WORD.search(shadow, near, m.end()):
        action = BANNED  # `遭到…取缔的恐怖组织包括`
    # (the complement's word first: `…极端组织“伊斯兰国”…将其定为非法组织` is illegal)
    label = next((name for word, name in _LABELS if word.search(shadow, verb, m.end())),
                 None) or next((name for word, name in _LABELS
                                if word.search(shadow, near, m.end())), None)
    # `A也在…名单中` states what is so, not when it became so
    date = _listing_date(sentence, sentences, dates, start, context.clauses,
                         after=pattern is not _ON_LIST,
                         follows=pattern in (_INTRO, _AMONG))
    items: list[tuple[Sentence, int, int, ResolvedDate | None]] = []
    if pattern is _INTRO and not shadow[start:end].strip():
        # `…名单如下：` and a bulleted list after it
        for item in _following_items(sentences, position):
            item_end = _item_end(item.shadow)
            # `* 2002年9月11日，联合国…`: a date before the name dates the listing; one after
            # it (`丙组织：成立于2000年`) says something else
            own = [d for d in dates.get(item.number, []) if d.start < item_end]
            items.append((item, 0, item_end, own[-1] if own else date))
    else:
        for a, b in _items(shadow, start, end, reading.joined):
            a = _lead_end(sentence, a, b, context.clauses)
            items.append((sentence, a, _name_end(sentence, a, b, context.clauses), date))
    authorities: list[Authority | None] = list(_authorities(sentences, position, m, clause,
                                                            reading, context.clauses))
    if not authorities and m.group("verb") in ("视", "视为") and shadow[verb - 1:verb] == "被":
        return []  # `被视为恐怖主義組織`, regarded so by nobody named: a description
    known, named = context.known, context.named
    entries: list[_ListEntry | None] = []
    for item, a, b, item_date in items:
        word = item.shadow[a:b].strip(" “”「」『』\"'")
        if word in _PRONOUNS or (not word and pattern in _SUBJECT_FIRST and len(items) == 1):
            entries.append(_referent(sentences, position, a, b, named, reading, item_date)
                           if pronouns else None)
        else:
            entries.append(None if pronouns else _entry(item, a, b, reading, item_date,
                                                        known=known))
    if not pronouns and len(items) >= 2 and any(entries):
        # the items of one list are things of one kind: a linked name among organisations is
        # one (`[[乌兹别克斯坦伊斯兰运动]]、[[伊扎布特]]、中亚圣战者联盟`)
        entries = [entry or _entry(item, a, b, reading, item_date, listed_with=True, known=known)
                   for entry, (item, a, b, item_date) in zip(entries, items)]
    return [entry._replace(action=action, label=label, authority=authority)
            for entry in entries if entry is not None for authority in authorities or [None]]


def _referent(sentences: list[Sentence], position: int, start: int, end: int,
              named: list[tuple[int, int, str]], reading: _Reading,
              date: ResolvedDate | None) -> _ListEntry | None:
    """The organisation a pronoun (其, 该组织) or a subject left unsaid stands for: the one named
    last before it in its paragraph (by a designation read already, or by a name the article is
    about; else by a curated or quoted organisation's name, or one a sentence begins with), else
    the one the article is about;
    anchored where the pronoun is."""
    sentence = sentences[position]
    best: tuple[int, int, str] | None = None
    # a pronoun after one that names the kind (该组织) stands for what that one does: `北京政府认为
    # 该组织支持…[[突厥斯坦伊斯兰党]]，…因而将其视为…恐怖组织` (其 is 该组织, not the party between)
    look = min((at for at in (sentence.shadow.find(p, 0, start) for p in _KIND_PRONOUNS)
                if at >= 0), default=start)
    # `同年4月，塔利班指责…“伊斯兰国”…，并…将其定为非法组织`: who does it (the name the sentence
    # begins with, after its date) is not what 将其 does it to
    opening = _OPENING.match(sentence.shadow)
    agents = {0, opening.end()} if opening is not None and sentence.shadow.endswith(
        ("将", "把"), 0, start) else set()
    # (a referent stands near: looked for in the last _SENTENCES_BACK sentences and the last
    # _TEXT_BACK characters of each, so that a paragraph of thousands of pronouns stays linear)
    for at, stop, known in reversed(named):
        if at < position - _SENTENCES_BACK:
            break
        if sentences[at].paragraph == sentence.paragraph and (at, stop) <= (position, look):
            best = max(best, (at, stop, known)) if best else (at, stop, known)
    # the organisations designated and the names the article is about first; a curated or a
    # quoted organisation's name only where the paragraph names none of them
    for tier in ("subject", "others"):
        for earlier in range(position, max(-1, position - _SENTENCES_BACK), -1):
            other = sentences[earlier]
            if other.paragraph != sentence.paragraph:
                break
            limit = look if earlier == position else len(other.shadow)
            floor = max(0, limit - _TEXT_BACK)
            if tier == "subject":
                names: tuple[str, ...] = reading.subject
            else:
                topic = _TOPIC.match(other.shadow, 0, _TEXT_BACK)
                names = _curated_forms(reading) + tuple(
                    q.group(1) for q in _QUOTED_NAME.finditer(other.shadow, floor, limit)
                    if _ORG_NAME.search(q.group(1))
                    or _curated_for(q.group(1), None, reading.gazetteer, reading.scripts)) + (
                    (topic.group(1),) if topic and _ORG_NAME.search(topic.group(1)) else ())
            acting = False  # the sentence's agent is a name of this tier
            for known in names:
                at = other.shadow.rfind(known, floor, limit)
                if at >= 0 and earlier == position and at in agents:
                    acting = True
                    at = other.shadow.rfind(known, floor, at)  # (the agent is not its object)
                if at >= 0 and (best is None or (earlier, at + len(known)) > best[:2]):
                    best = (earlier, at + len(known), known)
            if best is not None and best[0] >= earlier:
                break
            if acting and best is None:
                break  # (nor is the same name in a sentence before: the others of this one first)
        if best is not None:
            break
    name: str | None = best[2] if best else (
        reading.subject[0] if reading.about_group and reading.subject else None)
    if name is None:
        return None
    curated = _curated_for(name, None, reading.gazetteer, reading.scripts)
    at = start if end > start else start
    return _ListEntry(zh=name, simple=name, latin=name if _LATIN_ONLY.match(name) else None,
                      other=None, sentence=sentence, date=date, start=at, end=max(end, at),
                      curated=curated)


# what a sentence's first clause may be before its subject: a date or a word of time (`同年4月，`)
_OPENING = re.compile(r"[^，,。；;]{1,12}[，,]\s*")
_SENTENCES_BACK = 50  # sentences before a pronoun where its referent may stand (24 in the corpus)
_TEXT_BACK = 1000  # characters of each (its sentences are at most 209 long)


def _authorities(sentences: list[Sentence], position: int, m: re.Match[str], clause: int,
                 reading: _Reading, clauses: _Clauses) -> list[Authority]:
    """Who the match says designated: the agent after 被/遭 (the nearest before the verb), the
    list's owner, where a ban holds, the subject before the items or the verb, an earlier clause
    of the sentence, the section's heading; [] where the article does not say."""
    sentence = sentences[position]
    shadow = sentence.shadow
    start, end = m.span("items")
    verb = m.start("verb") if m.group("verb") else m.start("verb2")
    # the clause between commas that holds the statement (`…，美國亦…便将其认定为…，`), at most
    # _LOOK_BACK before it (the cost of a statement stays bounded, however long its sentence)
    clause = clauses.mark(min(start, verb), floor=max(clause, min(start, verb) - _LOOK_BACK))
    places: list[tuple[int, int]] = []
    if "by" in m.re.groupindex:  # `A是美国国务院认定的…`: between 是 and the verb
        places.append(m.span("by"))
    passive = [p for p in _PASSIVE.finditer(shadow, clause, verb) if not start <= p.start() < end]
    if passive:
        agent = (passive[-1].end(), verb)
        if len(passive) > 1 and not shadow[agent[0]:agent[1]].strip():
            # `被联合国安理会认定…，并被列入…名单`: a passive with no agent shares the one before
            agent = (passive[-2].end(), passive[-1].start())
        places.append(agent)
    # the list's owner, up to the end of the clause (`被列入欧盟的恐怖组织名单`: the match ends
    # at 恐怖组织)
    owner = _OWNER.search(shadow, end if end < verb else clause, clauses.next_mark(m.end()))
    if owner is not None:
        places.append(owner.span(1))
    where = _WHERE.search(shadow, clause, verb + 1)
    if where is not None and not start <= where.start() < end:
        places.append(where.span(1))
    first = min(start, verb, passive[-1].start() if passive else verb)
    # (who says what another did is not who did it: `瑞士調查員…認為美國將…列為恐怖組織`)
    said = [w.end() for w in _SAYING.finditer(shadow, clause, first)]
    places.append((said[-1] if said else clause, first))
    for anaphora in (False, True):  # a body named without its country, the last resort
        for a, b in places:
            found = _authority_names(shadow[a:b], sentences, position, reading, anaphora=anaphora)
            if found:
                return found
    # the members of an agent said in general, in the clause after the statement
    # (`被许多国家和组织列为恐怖组织，包括美国、北约和欧盟`)
    members = _MEMBERS.match(shadow, clauses.next_mark(m.end()) + 1)
    if passive and members is not None:
        found = _authority_names(shadow[members.end():clauses.next_mark(members.end())],
                                 sentences, position, reading, anaphora=False)
        if found:
            return found
    if passive and _UNNAMED_STATES.fullmatch(shadow[agent[0]:agent[1]].strip()):
        return []  # `被数个国家视为…`: states the article does not name, none assumed
    # an earlier clause of the sentence, the nearest first (`美國亦…便将其认定为…，…將其正式除名`)
    # (a few clauses back: a subject stands near; and the cost stays linear in the sentence)
    floor = max(0, clause - _LOOK_BACK)
    marks = [c for c in clauses.before(clause - 1, floor) if c < clause]
    bounds = [floor, *marks, clause]
    for a, b in list(reversed(list(zip(bounds, bounds[1:]))))[:_CLAUSES_BACK]:
        found = _authority_names(shadow[a:b], sentences, position, reading, first_only=True)
        if found:
            return found
    for heading in reversed(sentence.section):
        found = _authority_names(reading.scripts.simplified(heading), sentences, position,
                                 reading, first_only=True)
        if found:
            return found
    return []


# a group of states: a word for it before 国家 or 各国 (`所有阿拉伯国家`, `中亚各国政府`)
_STATES = re.compile(r"(?:各国|国家|诸国)(?:政府)?")
# an agent of several states the sentence does not name (`数个国家`, `许多国家和组织`)
_UNNAMED_STATES = re.compile(
    r"(?:数|多|许多|很多|不少|一些|若干|部分|几|多数|大多数|众多)个?(?:西方|阿拉伯|其他)?"
    r"(?:国家|国|政府)(?:和|及|与)?(?:国际)?(?:组织|机构)?")
_MEMBERS = re.compile(r"\s*(?:其中)?(?:包括|包含|例如|比如|如)[：:]?\s*")
_LOOK_BACK = 200  # characters before the statement's clause where its authority may stand
_CLAUSES_BACK = 4


def _authority_names(text: str, sentences: list[Sentence], position: int, reading: _Reading,
                     first_only: bool = False, anaphora: bool = True) -> list[Authority]:
    """The authorities ``text`` names: countries (and the bodies after them: 美国财政部),
    international bodies, a country's short name before 方; joined in an enumeration
    (`日本、加拿大、俄罗斯、联合国等国家和组织`: each), else the first. A body named without its
    country (最高法院) takes the country written before it in an earlier sentence."""
    found: list[tuple[int, int, Authority]] = []
    taken: set[int] = set()
    data = _authority_data()
    for name, (code, en) in data.bodies.items():
        at = text.find(name)
        while at >= 0:
            if not taken.intersection(range(at, at + len(name))):
                found.append((at, at + len(name), Authority(name, code, en)))
                taken.update(range(at, at + len(name)))
            at = text.find(name, at + len(name))
    for at, ch in enumerate(text[:-1]):
        if text[at + 1] == "方" and ch in data.sides and at not in taken:
            code = data.sides[ch]
            found.append((at, at + 2, Authority(text[at:at + 2], code, _country_en(code, reading))))
            taken.update((at, at + 1))
    if reading.names is not None:
        places = reading.names.places.places
        for hit in _place_hits(reading.names, text):
            if taken.intersection(range(hit.start, hit.end)):
                continue
            country = next((places[i] for i in hit.value if places[i].kind == "country"), None)
            if country is None or not country.country:
                continue
            body = _BODY_AFTER.match(text, hit.end)
            stop = body.end() if body else hit.end
            found.append((hit.start, stop, Authority(text[hit.start:stop], country.country,
                                                     country.en)))
            taken.update(range(hit.start, stop))
    for states in _STATES.finditer(text):  # a group of states (阿拉伯国家, 中亚各国政府)
        begin = next((states.start() - k for k in (3, 2) if states.start() >= k
                      and _a_bloc(text[states.start() - k:states.start()], data, reading)), None)
        if begin is not None and not taken.intersection(range(begin, states.end())):
            found.append((begin, states.end(), Authority(text[begin:states.end()], None, None)))
            taken.update(range(begin, states.end()))
    if not found and anaphora:
        for body_match in _BODY_ALONE.finditer(text):
            country = _country_before(body_match.group(), sentences, position, reading)
            if country is not None:
                found.append((body_match.start(), body_match.end(),
                              Authority(body_match.group(), *country)))
                break
    found.sort(key=lambda f: f[0])
    if not found:
        return []
    if first_only:  # the first, and those it is listed with (`哥倫比亞当局、美國、歐盟认为…`)
        listed = [found[0]]
        for item in found[1:]:
            if not _JOINED.fullmatch(text, listed[-1][1], item[0]):
                break
            listed.append(item)
        return list(dict.fromkeys(authority for _a, _b, authority in listed))
    # an enumeration (`俄罗斯、中亚多个国家、德国及所有阿拉伯国家`): the first authority of each of
    # its items that names one
    joints = [j for j in _JOINED.finditer(text)  # not the 及 of 埃及
              if not any(a < j.end() and j.start() < b for a, b, _x in found)]
    bounds = [m.end() for m in joints]
    excepted = [m.span() for m in _EXCEPT.finditer(text)]
    out: list[Authority] = []
    parts: set[int] = set()
    for at, stop, authority in found:
        if any(a <= at < b for a, b in excepted):
            continue  # 除黎巴嫩…之外: not these
        part = bisect.bisect_right(bounds, at)
        part_end = joints[part].start() if part < len(joints) else len(text)
        # an item begins with its authority, or with an exception before it (`以及除黎巴嫩、也门
        # 和阿联酋之外的所有阿拉伯国家`: the item is 所有阿拉伯国家)
        begins = (bounds[part - 1] if part else 0) == at or any(
            b <= at and _AFTER_EXCEPT.fullmatch(text, b, at) for _a, b in excepted)
        if part in parts or (out and not begins) \
                or (out and not _PART_TAIL.fullmatch(text, stop, part_end)):
            continue  # one per item; an item that is only the authority (`印尼国家意识形态…`)
        parts.add(part)
        out.append(authority)
    return list(dict.fromkeys(out))


def _a_bloc(word: str, data: _AuthorityData, reading: _Reading) -> bool:
    """``word`` before 国家 or 各国 makes a group of states: a word for one (西方, 阿拉伯), or a
    continent or a region (中亚, 欧洲)."""
    if word in data.blocs:
        return True
    if reading.names is None:
        return False
    places = reading.names.places.places
    hits = reading.names.find(word)
    return len(hits) == 1 and hits[0].kind == "place" and hits[0].end - hits[0].start == len(word) \
        and places[hits[0].value[0]].kind in ("continent", "region")


def _place_hits(names: Names, text: str) -> list[Any]:
    """The places ``text`` names, also the one an organisation's name known as such begins
    with (中华人民共和国 of 中华人民共和国公安部)."""
    out = []
    for hit in names.find(text):
        if hit.kind == "place":
            out.append(hit)
        elif hit.kind == "curated" and hit.value.kind == "organisation":
            inner = names.find(text[hit.start:hit.end - 1])
            out.extend(h._replace(start=h.start + hit.start, end=h.end + hit.start)
                       for h in inner[:1] if h.kind == "place" and h.start == 0)
    return out


def _country_before(body: str, sentences: list[Sentence], position: int,
                    reading: _Reading) -> tuple[str, str | None] | None:
    """The country an earlier sentence writes right before ``body`` (哈萨克斯坦最高法院), nearest
    first."""
    if reading.names is None:
        return None
    places = reading.names.places.places
    for earlier in range(position, -1, -1):
        shadow = sentences[earlier].shadow
        at = shadow.find(body)
        while at > 0:
            for hit in reading.names.find(shadow[max(0, at - 12):at]):
                if hit.end != min(at, 12) or hit.kind != "place":
                    continue
                country = next((places[i] for i in hit.value if places[i].kind == "country"),
                               None)
                if country is not None and country.country:
                    return country.country, country.en
            at = shadow.find(body, at + len(body))
    return None


def _country_en(code: str, reading: _Reading) -> str | None:
    if reading.names is None:
        return None
    english: str | None = reading.names.countries.get(code)
    return english


class _AuthorityData(NamedTuple):
    bodies: dict[str, tuple[str, str]]  # name → code, English name (longest names first)
    sides: dict[str, str]  # a country's short name → ISO 3166-1 alpha-2
    latin: dict[str, tuple[str, str]]  # a body's English name or code (casefolded) → the same
    blocs: frozenset[str]  # the words that make a group of states before 国家 (西方, 阿拉伯)


@cache
def _authority_data() -> _AuthorityData:
    """``kzct/data/authorities.toml``."""
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "authorities.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    bodies = {name: (str(body["code"]), str(body["en"])) for body in data["body"]
              for name in body["zh"]}
    ordered = dict(sorted(bodies.items(), key=lambda item: -len(item[0])))
    latin = {name.casefold(): (str(body["code"]), str(body["en"])) for body in data["body"]
             for name in (body["code"], body["en"], *body.get("en_aliases", []))}
    return _AuthorityData(ordered, {k: str(v) for k, v in data["sides"].items()}, latin,
                          frozenset(data["blocs"]))


def _following_items(sentences: list[Sentence], position: int) -> list[Sentence]:
    out = []
    for sentence in sentences[position + 1:]:
        if not sentence.list_item or sentence.paragraph != sentences[position].paragraph:
            break
        out.append(sentence)
    return out


def _item_end(shadow: str) -> int:
    """A list item's name ends at the first clause mark (`基地组织：…`, `东伊运，2002年…`)."""
    m = re.search(r"[：:，,。；;—－]", shadow)
    return m.start() if m else len(shadow)


def _listing_date(
    sentence: Sentence, sentences: list[Sentence], dates: dict[int, list[ResolvedDate]],
    before: int, clauses: _Clauses, after: bool = True, follows: bool = False,
) -> ResolvedDate | None:
    """The last date before the items (at ``before``) in their clause, else the sentence's
    leading date (`2016年7月15日，英国内政部公布…根据2000年《反恐怖主义法案》…，其中有…`: 2000
    dates the act), else (``after``) the first after them in their clause (`被英国政府禁止的时间
    是2016年7月`); or, ``follows`` a sentence that dated the list (`2006年10月12日，最高法院核准了…
    名单…。遭到…取缔的恐怖组织包括：…`), the latest date of that one. A date its clause says came
    before or after (`在…之后`) is no date of this, nor is one of an earlier clause."""
    own, starts = clauses.kept, clauses.kept_starts
    clause = clauses.mark(before, floor=max(0, before - _LOOK_BACK))
    if clauses.ordered:  # by bisection: many dates cost a statement no scan of them all
        i = bisect.bisect_left(starts, before)
        if i and starts[i - 1] >= clause:
            return own[i - 1]
        near: list[ResolvedDate] = []
        later = own[i:i + 1] if i < len(own) and own[i].start < clauses.next_mark(before) else []
    else:
        near = [d for d in own if clause <= d.start < before]
        later = [d for d in own if before <= d.start < clauses.next_mark(before)]
    if near:
        return near[-1]
    leading = [d for d in (own[:2] if clauses.ordered else own)
               if d.start <= 1 and d.end_pos < before]
    if leading:
        return leading[0]
    if after and later:
        return later[0]
    if not follows or dates.get(sentence.number):
        return None
    for earlier in reversed(sentences[: sentence.number]):
        if earlier.paragraph != sentence.paragraph:
            break
        if dates.get(earlier.number) and _HAS_LIST.search(earlier.shadow):
            return dates[earlier.number][-1]
    return None


def _curated_for(simple: str, latin: str | None, gazetteer: Gazetteer,
                 scripts: Scripts) -> Curated | None:
    """The curated group named ``simple`` (or ``latin``), as the mainland, Taiwan or Hong Kong
    write it."""
    for entry in gazetteer.of_kind("group"):
        names = [*entry.zh, *entry.aliases]
        names += [v for n in entry.zh for v in scripts.regional(n)]
        if simple in names or (latin and latin in entry.latin):
            return entry
    return None


class _Histories:
    """The dated statements that name each group, found through one index of the events by the
    groups they name: a group's history costs the statements that name it, not all of them, and
    the designations of one group share one."""

    def __init__(self, events: list[Event], seed: str, scripts: Scripts) -> None:
        self.events = events
        self.scripts = scripts
        self.naming: dict[str, list[int]] = {}  # a group's name (simplified) → events, in order
        for i, event in enumerate(events):
            if event.seed == seed:
                for name in dict.fromkeys(scripts.simplified(g) for g in event.groups):
                    self.naming.setdefault(name, []).append(i)
        self.made: dict[frozenset[str], tuple[HistoryItem, ...]] = {}

    def of(self, forms: set[str]) -> tuple[HistoryItem, ...]:
        """The history of the group of these names (in any of its forms, as any region writes
        it)."""
        key = frozenset(forms)
        if key not in self.made:
            forms = forms | {v for f in forms for v in self.scripts.regional(f)}
            found = sorted({i for f in forms for i in self.naming.get(f, ())})
            self.made[key] = tuple(
                HistoryItem(date=e.date, precision=e.precision, text=e.text, refs=e.refs,
                            span=e.span) for e in (self.events[i] for i in found))
        return self.made[key]


def extract_groups(
    sentences: list[Sentence],
    dates: dict[int, list[ResolvedDate]],
    events: list[Event],
    gazetteer: Gazetteer,
    seed: str,
    scripts: Scripts,
    joined: frozenset[str] = frozenset(),
    names: Names | None = None,
    subject: tuple[str, ...] = (),
    infobox: str = "",
    designating: tuple[tuple[int, int], ...] = (),
) -> list[Group]:
    """The designations in the order the article states them, then the other groups it
    discusses. ``joined``: the words that hold 和, 及 or 与 (the place table's), where a list is
    not split; ``names``: the names kzct knows (countries are authorities); ``subject`` and
    ``infobox``: the names the lead writes in bold and its infobox's name (what the article is
    about); ``designating``: the seed spans of the infobox's fields that list who designated it."""
    simple = tuple(dict.fromkeys(scripts.simplified(n) for n in subject if has_cjk(n)))
    about_group = bool(simple) and (bool(_GROUP_INFOBOX.search(infobox))
                                    or bool(_ORG_NAME.search(simple[0])))
    # the subject's name the body writes most (奥姆真理教, not the lead's 阿摩真理教)
    counts = {n: sum(s.shadow.count(n) for s in sentences) for n in simple}
    canonical = max(simple, key=lambda n: counts[n]) if simple else None
    simple = tuple(sorted(simple, key=lambda n: n != canonical))  # the canonical name first
    reading = _Reading(gazetteer, scripts, joined, names, simple, about_group,
                       tuple(scripts.simplified(f) for entry in gazetteer.of_kind("group")
                             for f in entry.zh))
    country = None if about_group else _article_country(sentences, simple, reading)
    subject_curated = next((c for n in simple
                            if (c := _curated_for(n, None, gazetteer, scripts)) is not None), None)
    groups: list[Group] = []
    histories = _Histories(events, seed, scripts)
    listed_curated: set[int] = set()
    for entry in _statements(sentences, dates, reading, designating):
        curated = entry.curated
        zh_name, latin = entry.zh, entry.latin
        forms_extra: tuple[str, ...] = ()
        if entry.simple in simple:
            # one organisation by all the names the lead gives it: its record is named by the
            # one the body writes most, and anchored where the statement names it
            curated = subject_curated or curated
            zh_name = next((n for n in subject if scripts.simplified(n) == canonical),
                           canonical or entry.zh)
            latin = latin if curated is None else None
            forms_extra = simple
        if curated is not None and entry.action != DELISTED and country in (
                None, entry.authority.code if entry.authority else None):
            listed_curated.add(id(curated))  # shown by default: not also `discussed`
        name_en, en_source = _english(latin, curated, gazetteer)
        written = [zh_name] + [n for n in (latin, entry.other) if n] + list(forms_extra)
        forms = {scripts.simplified(n) for n in written}
        if curated is not None:
            forms |= {scripts.simplified(f) for f in curated.forms}
        all_names = written + (list(curated.forms) + list(curated.aliases) if curated else [])
        date = entry.date
        zh = zh_name if has_cjk(zh_name) else None
        authority = entry.authority
        groups.append(
            Group(
                name_zh=zh,
                name_latin=latin,
                name_en=name_en,
                name_en_source=en_source,
                aliases=alias_list(all_names, (zh, latin, name_en), scripts),
                status=DELISTED if entry.action == DELISTED else LISTED,
                status_text=entry.sentence.text,
                listed_on=date.date.iso() if date else None,
                listed_precision=date.date.precision if date else None,
                history=histories.of(forms),
                refs=entry.sentence.refs,
                source=Source(seed=seed, section=entry.sentence.section,
                              span=entry.sentence.seed_span(entry.start, entry.end)),
                id=_group_id(curated, name_en or latin or scripts.simplified(zh_name)),
                authority=authority.written if authority else None,
                authority_code=authority.code if authority else None,
                authority_en=authority.en if authority else None,
                action=entry.action,
                label=entry.label,
                article_country=country,
            )
        )
    groups.extend(g._replace(article_country=country) for g in
                  _unlisted(sentences, histories, gazetteer, seed, scripts, listed_curated))
    return groups


# An infobox of an organisation (`infobox organization`, `infobox war faction`)
_GROUP_INFOBOX = re.compile(r"organi[sz]ation|faction|militant|terror|group|party|组织|組織|政党|政黨")


def _article_country(sentences: list[Sentence], subject: tuple[str, ...],
                     reading: _Reading) -> str | None:
    """The country the article is about: the first its bold title names (`哈萨克斯坦的恐怖主义`),
    or, with no bold title, the first its first sentence names; else None."""
    if reading.names is None:
        return None
    texts = subject[:1] if subject else [s.shadow for s in sentences[:1] if not s.section]
    places = reading.names.places.places
    for text in texts:
        for hit in reading.names.find(text):
            if hit.kind != "place":
                continue
            country = next((places[i] for i in hit.value if places[i].kind == "country"), None)
            if country is not None and country.country:
                return str(country.country)
    return None


def _named(curated: Curated, sentences: list[Sentence], scripts: Scripts,
           others: list[str]) -> tuple[Sentence, int, int] | None:
    """The first sentence that names a curated group by one of its own names, whole: not inside
    another group's longer name (突厥斯坦伊斯兰党 in 东突厥斯坦伊斯兰党, ``others``), nor the start
    of a longer organisation's name (伊斯兰圣战 in 伊斯兰圣战者联盟); and where."""
    forms = sorted({v for f in curated.zh for v in (scripts.simplified(f),
                                                     *scripts.regional(scripts.simplified(f)))},
                   key=lambda form: (-len(form), form))
    # the longer names each form is part of, and where in them (once, not once a sentence)
    longers = {form: [(g, g.find(form)) for g in others if len(g) > len(form) and form in g]
               for form in forms}
    for sentence in sentences:
        shadow = sentence.shadow
        for form in forms:
            longer = longers[form]
            at = shadow.find(form)
            while at >= 0:
                end = at + len(form)
                inside = any(at >= k and shadow.startswith(g, at - k) for g, k in longer)
                if not inside and not _LONGER_NAME.match(shadow, end):
                    return sentence, at, end
                at = shadow.find(form, end)
    return None


# What makes a name the start of a longer organisation's name
_LONGER_NAME = re.compile(f"[{HAN}]{{0,4}}?(?:组织|联盟|运动|阵线|党|协会|委员会)")


def _english(latin: str | None, curated: Curated | None, gazetteer: Gazetteer) -> tuple[str | None, str]:
    """The article's own Latin name where it is English (corrected where misspelt), else curated."""
    if latin and (curated is None or curated.article_latin_is_english):
        if latin in gazetteer.corrections:
            return gazetteer.corrections[latin], "corrected"
        return latin, "article"
    if curated is not None and curated.en:
        return curated.en, "curated"
    return None, "none"


def _unlisted(
    sentences: list[Sentence],
    histories: _Histories,
    gazetteer: Gazetteer,
    seed: str,
    scripts: Scripts,
    listed: set[int],
) -> list[Group]:
    """The curated groups the article names but does not list (``groups --all``): each with the
    first sentence that names it, quoted as the article writes it (``status_text``): what the
    article says of it, in its own words, never a paraphrase."""
    out: list[Group] = []
    curated_groups = gazetteer.of_kind("group")
    others = [scripts.simplified(f) for g in curated_groups for f in g.zh]
    for curated in curated_groups:
        if id(curated) in listed:
            continue
        found = _named(curated, sentences, scripts, others)
        if found is None:
            continue  # the article does not name it: no record
        sentence, start, end = found
        zh = sentence.text[start:end]
        latin = next((f for f in curated.latin if f in sentence.text), None)
        names = list(curated.forms) + list(curated.aliases)
        name_en, en_source = (curated.en, "curated") if curated.en else (None, "none")
        out.append(
            Group(
                name_zh=zh,
                name_latin=latin,
                name_en=name_en,
                name_en_source=en_source,
                aliases=alias_list(names, (zh, latin, name_en), scripts),
                status=DISCUSSED,
                status_text=sentence.text,
                listed_on=None,
                listed_precision=None,
                history=histories.of({scripts.simplified(f) for f in curated.forms}),
                refs=sentence.refs,
                source=Source(seed=seed, section=sentence.section,
                              span=sentence.seed_span(start, end)),
                id=_group_id(curated, name_en or latin or zh or ""),
            )
        )
    return out


def _group_id(curated: Curated | None, name: str) -> str:
    """The group's id: its entity's (``people``/``places``' ids are made the same way, from a
    Chinese name in simplified characters, the same in either script), so that an event's
    ``group_ids`` find it."""
    return entity_id(curated) if curated is not None else f"group:{slug(name)}"
