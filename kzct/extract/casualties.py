"""Numbers killed and injured, as one sentence states them (read on its simplified shadow).

The sentence is read clause by clause (split at ，；。). Killed and injured are read apart, each
with a qualifier where the text hedges it (约 → ``about``, 至少 → ``at_least``, 逾/超过/多 →
``over``):

- ``N死M伤``; ``死亡人数为N``, ``受伤人数约N人``;
- a count that is the subject of a death or injury verb: ``12人死亡``, ``逾百人受伤``,
  ``4名警察和安全部队成员以及1名平民在一起袭击中丧生`` (5: counts joined by 和/以及/、), the
  passive ``大约1500人被杀``; the count runs back only to the previous verb of either kind, so
  ``造成12人死亡和30人受伤`` is 12 killed and 30 injured;
- the object of a verb of killing or wounding: ``打死了两名警官``, ``击毙4名``, ``消灭7名``;
- a named person who died, with no number (``Bekmirzaev…被击毙``): 1;
- ``无人员伤亡``: 0 and 0.

A death that was found (``…被发现身亡``) counts, with the qualifier ``found_dead``: the text does not
say that anyone killed.

Counts in different clauses that each state deaths add up (``9名枪手…被击毙，1名特种部队军官在
交火中丧生`` is 10); a breakdown (``其中33人是…``) and a reference back (``被杀者…``) add nothing,
and a number of one kind is never added to the other. A clause that gives another source's
figure against one already read (``…估计大约有187人…丧生，…人权组织对政府的估计持有异议并指责…杀害了
700名平民``) adds nothing: two estimates of one toll are not two tolls.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kzct.parse.dates import CN_NUMBER, NUMBER_START, cn_to_int

_BY = r"(?:当场|当即|先后|相继|全部|均|都|已|被)?"  # 被当场击毙
_DEATH = (r"(?:丧生|死亡|身亡|遇难|罹难|殒命|毙命|阵亡|牺牲|殉职|丧命|遇害|惨死|被害|死于|"
          r"被[^，。；、]{0,8}?(?:击毙|打死|杀死|杀害|杀|炸死|射杀|枪杀|刺死|砍死))")
_INJURY = rf"(?:受伤|负伤|伤势|被{_BY}(?:打伤|炸伤|刺伤|砍伤|击伤|枪伤)|(?<![击打炸刺砍杀枪死])伤)"
_QUALIFIER_WORDS = (r"约有|大约有|约|大约|大概|近|将近|接近|至少有|至少|最少|起码|不少于|逾|超过|多于|"
                   r"达|多达|高达")
_QUALIFIER = rf"(?P<q>{_QUALIFIER_WORDS})?"
# a count of people (not `3个月`, `数百名`: a vague number is no count); without a qualifier, it
# begins where a run of spaces does, not again inside it
_COUNT = re.compile(
    rf"(?:(?P<q>{_QUALIFIER_WORDS})\s*+|(?<!\s)\s*+)(?<![数几上]){NUMBER_START}"
    rf"(?P<n>{CN_NUMBER}|另一|另外{CN_NUMBER})\s*(?P<more>多|余)?\s*"
    r"(?:人|名|位|个(?!月|小时|星期|国|城|组织|地|省|州|村|镇|火车站|车站|站))")
# `25,000人至50,000人死亡`: at least the lower bound
_RANGE = re.compile(rf"{NUMBER_START}(?P<n>{CN_NUMBER})\s*(?:人|名)?\s*(?:至|到|-|－|—)\s*{CN_NUMBER}\s*(?:人|名)")
_DEATH_RE = re.compile(_DEATH)
# (伤员, 伤口, 伤病: the wounded, a wound, the sick and wounded are nouns, not what befell a
# count before them: `9名医疗专家赴昆明指导…伤员救治`)
_ANY_VERB = re.compile(_DEATH + "|" + _INJURY + r"(?!害|心|感|亡|残|员|口|病|痕)")
_KILL_OBJECT = re.compile(
    r"(?<!被)(?<!被当场)(?:打死|击毙|杀死|炸死|杀害|射杀|击杀|消灭|枪杀)了?\s*" + _QUALIFIER
    + rf"\s*(?P<n>{CN_NUMBER}|另一)\s*(?P<more>多|余)?\s*(?:人|名|位|个)")
_INJURE_OBJECT = re.compile(
    r"(?<!被)(?<!被当场)(?:打伤|炸伤|刺伤|砍伤|击伤|杀伤)(?:并?抓获|并?逮捕)?了?\s*" + _QUALIFIER
    + rf"\s*(?P<n>{CN_NUMBER})\s*(?P<more>多|余)?\s*(?:人|名|位)")
_PAIR = re.compile(rf"{NUMBER_START}(?P<k>{CN_NUMBER})\s*死\s*(?P<i>{CN_NUMBER})\s*伤")
_TALLY = re.compile(
    r"(?P<kind>死亡|遇难|罹难|丧生|受伤|伤者|死者)(?:人数|者)?(?:为|达到|是|共|总计|共计|有)*"
    + _QUALIFIER + rf"\s*(?P<n>{CN_NUMBER})\s*(?P<more>多|余)?\s*(?:人|名)?"
    # not an anniversary or a time (`遇难10周年`, `受伤3天后`)
    r"(?![0-9０-９零〇一二两三四五六七八九十百千万]|\s*(?:周年|天|日|年|月|个月|次|小时|分钟|岁|号|%|％))")
_NONE = re.compile(r"无(?:人员|人)?(?P<what>伤亡|死亡|受伤)")
_JOINERS = ("和", "以及", "、", "及", "与")
_OBJECT_OF = re.compile(r"(?:杀害|打死|击毙|杀死|炸死|袭击|攻击|逮捕|绑架|劫持|拘捕|抓获|打伤|炸伤)了?$")
_VAGUE = re.compile(r"多人|数人|若干|数十|数百|数千|几十|几百|上百|上千|大批|一些|部分|不少|许多|众多|大量")
# a subject that names one person: a Latin name, a transliterated name, 本人/他/她
_ONE_PERSON = re.compile(r"[A-Z][a-z]+|[·•]|^(?:本人|他|她|其(?![余他它中成部手同])|该男子|该女子|此人)")
_CLAUSE = re.compile(r"[，；;。！？]|,(?![0-9]{3})")
_QUALIFIERS = {"约有": "about", "大约有": "about", "至少有": "at_least", "约": "about", "大约": "about", "大概": "about", "近": "about", "将近": "about",
               "接近": "about", "至少": "at_least", "最少": "at_least", "起码": "at_least",
               "不少于": "at_least",
               "逾": "over", "超过": "over", "多于": "over", "多达": "over", "高达": "over"}


# what says a clause's figure is another source's, disputing one given before
_DISPUTED = re.compile(r"异议|质疑|指责|指控|声称|宣称|另据|另一说|一说|另有说法|否认|反驳")
# the qualifier of a count of deaths that were found (`被发现身亡`), not said to be killings
FOUND_DEAD = "found_dead"
_FOUND = re.compile(r"(?:被|遭)?发现(?:已经|已)?$")


class Count(NamedTuple):
    n: int
    qualifier: str | None  # about, at_least, over; found_dead (of deaths)


class Casualties(NamedTuple):
    killed: int | None
    killed_qualifier: str | None
    injured: int | None
    injured_qualifier: str | None


def _number(token: str) -> int | None:
    token = token.removeprefix("另外").removeprefix("另")
    return cn_to_int(token) if token else None


def _count(m: re.Match[str]) -> Count | None:
    n = _number(m.group("n"))
    if n is None:
        return None
    qualifier = _QUALIFIERS.get(m.group("q") or "")
    if m.groupdict().get("more"):
        qualifier = qualifier or "over"  # `十多人`, `百余人`
    return Count(n, qualifier)


def _subject(clause: str, verb_start: int, previous_verb_end: int) -> Count | None:
    """The count nearest before a verb (back to the previous casualty verb), with the counts
    joined to it (`4名警察和安全部队成员以及1名平民…丧生` is 5; `5名袭击者中4人被击毙` is 4)."""
    # not a count that is the object of another verb (`杀害两名警察的人…被击毙`)
    counts = [m for m in _COUNT.finditer(clause, previous_verb_end, verb_start)
              if not _OBJECT_OF.search(clause, max(0, m.start() - 4), m.start())]
    if not counts:
        return None
    total = _count(counts[-1])
    if total is None:
        return None
    n, qualifier = total
    for previous, current in zip(reversed(counts[:-1]), reversed(counts[1:])):
        between = clause[previous.end():current.start()]
        if not between.endswith(_JOINERS):
            break
        more = _count(previous)
        if more is None:
            break
        n += more.n
        qualifier = qualifier or more.qualifier
    return Count(n, qualifier)


def _clause(clause: str, people: tuple[str, ...] = ()) -> tuple[Count | None, Count | None]:
    """Killed and injured as one clause states them."""
    killed: Count | None = None
    injured: Count | None = None
    if clause.startswith("其中") or clause.startswith("包括"):
        return None, None  # a breakdown of a number already given
    m = _NONE.search(clause)
    if m:
        zero = Count(0, None)
        return zero, (zero if m.group("what") != "死亡" else None)
    m = _PAIR.search(clause)
    if m:
        k, i = cn_to_int(m.group("k")), cn_to_int(m.group("i"))
        return (Count(k, None) if k is not None else None), (Count(i, None) if i is not None else None)
    for m in _TALLY.finditer(clause):
        count = _count(m)
        if count is None:
            continue
        if m.group("kind") in ("受伤", "伤者"):
            injured = injured or count
        else:
            killed = killed or count
    if killed or injured:
        return killed, injured
    previous_end = 0
    for verb in _ANY_VERB.finditer(clause):
        is_death = bool(_DEATH_RE.fullmatch(verb.group()))
        if clause[verb.end():verb.end() + 1] == "者":
            previous_end = verb.end()
            continue  # `被杀者`: the killed, a noun that refers back
        count = _subject(clause, verb.start(), previous_end)
        if count is not None:
            ranged = _RANGE.search(clause, previous_end, verb.start())
            low = cn_to_int(ranged.group("n")) if ranged else None
            if low is not None:
                count = Count(low, "at_least")  # `25,000人至50,000人`: at least the lower bound
        if count is None and is_death and previous_end == 0:
            subject = clause[:verb.start()]
            named = _ONE_PERSON.search(subject.strip()) or any(p in subject for p in people)
            if named and not _VAGUE.search(subject) and not killed:
                count = Count(1, None)  # `Bekmirzaev…被击毙`, `本人当场死亡`: one named person
        previous_end = verb.end()
        if count is None:
            continue
        if is_death and _FOUND.search(clause, max(0, verb.start() - 4), verb.start()):
            # `被发现身亡`: a death found, which the text does not say anyone caused
            count = Count(count.n, FOUND_DEAD)
        if is_death:
            killed = killed or count
        else:
            injured = injured or count
    if killed is None:
        m = _KILL_OBJECT.search(clause)
        if m:
            killed = _count(m)
    if injured is None:
        m = _INJURE_OBJECT.search(clause)
        if m:
            injured = _count(m)
    return killed, injured


def _add(total: Count | None, more: Count | None) -> Count | None:
    if more is None:
        return total
    if total is None:
        return more
    return Count(total.n + more.n, total.qualifier or more.qualifier)


def count_casualties(text: str, people: tuple[str, ...] = ()) -> Casualties:
    """Killed and injured (and how hedged) as the sentence states them; None where it states no
    number. ``people``: the names of people in the sentence (a subject that is one of them is
    one person: `纳扎尔佐达…被击毙`)."""
    killed: Count | None = None
    injured: Count | None = None
    try:
        for clause in _CLAUSE.split(text):
            k, i = _clause(clause, people)
            if _DISPUTED.search(clause):
                # another source's figure (`人权组织对政府的估计持有异议并指责…杀害了700名平民`):
                # a competing estimate of what was counted already, never added to it
                k = None if killed is not None else k
                i = None if injured is not None else i
            killed, injured = _add(killed, k), _add(injured, i)
    except (ValueError, OverflowError):
        return Casualties(None, None, None, None)
    return Casualties(killed.n if killed else None, killed.qualifier if killed else None,
                      injured.n if injured else None, injured.qualifier if injured else None)
