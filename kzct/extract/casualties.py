"""Numbers killed and injured, as one sentence states them.

The sentence is read clause by clause (split at ，；。). In a clause that ends in a death verb
(丧生, 死亡, 被击毙 …) the count is its subject: the first ``N人``/``N名`` of the clause, plus any
joined to it by 和/以及/、 (`4名警察和安全部队成员以及1名平民在一起袭击中丧生` → 5). A count that is
the object of a verb (`杀害两名警察的人…被击毙`) is not the subject. Kill verbs with an object
(`打死了两名警官`) count their object. A breakdown (`其中33人是…`) is not added again.
"""

from __future__ import annotations

import re

from kzct.dates import CN_NUMBER, cn_to_int

_DEATH = r"(?:丧生|死亡|身亡|遇难|被击毙|被打死|被杀|罹难)"
_INJURY = r"(?:受伤|被打伤|负伤|伤)"
_COUNT = re.compile(rf"(?P<n>{CN_NUMBER}|另一|另外{CN_NUMBER})\s*(?:人|名|位)")
_KILL_OBJECT = re.compile(rf"(?:打死|击毙|杀死|炸死)了?\s*(?P<n>{CN_NUMBER}|另一)\s*(?:人|名|位)")
_INJURE_OBJECT = re.compile(rf"(?:打伤|炸伤)了?\s*(?P<n>{CN_NUMBER})\s*(?:人|名|位)")
_JOINERS = ("和", "以及", "、", "及", "与")
_VAGUE = re.compile(r"多人|数人|若干|数十|数百|大批")
_CLAUSE = re.compile(r"[，,；;。！？]")


def _number(token: str) -> int | None:
    token = token.removeprefix("另外").removeprefix("另")
    return cn_to_int(token) if token else None


def _subject_count(clause: str, verb_at: int) -> int | None:
    counts = list(_COUNT.finditer(clause[:verb_at]))
    if not counts:
        return None
    total = _number(counts[0].group("n"))
    if total is None:
        return None
    for previous, current in zip(counts, counts[1:]):
        between = clause[previous.end():current.start()]
        if not between.endswith(_JOINERS):
            break
        value = _number(current.group("n"))
        if value is None:
            break
        total += value
    return total


def _clause_count(clause: str, verb: str) -> int | None:
    m = re.search(verb, clause)
    if not m:
        return None
    if clause.startswith("其中"):
        return None
    count = _subject_count(clause, m.start())
    if count is not None:
        return count
    if _VAGUE.search(clause[: m.start()]):
        return None
    # `Bekmirzaev在塔什干附近与警察的交火中被击毙`, `本人当场死亡`: one named person.
    return 1


def count_casualties(text: str) -> tuple[int | None, int | None]:
    """``(killed, injured)`` as the sentence states them; None where it states no number."""
    killed: int | None = None
    injured: int | None = None
    for clause in _CLAUSE.split(text):
        k = _clause_count(clause, _DEATH)
        if k is None:
            m = _KILL_OBJECT.search(clause)
            if m:
                k = _number(m.group("n"))
        if k is not None:
            killed = (killed or 0) + k
        i = None
        if re.search(_INJURY + r"$|" + _INJURY + r"[^害]", clause) and not re.search("伤亡|伤害|悲伤", clause):
            i = _clause_count(clause, _INJURY)
        if i is None:
            m = _INJURE_OBJECT.search(clause)
            if m:
                i = _number(m.group("n"))
        if i is not None:
            injured = (injured or 0) + i
    return killed, injured
