"""How many were killed and injured, as a sentence states it (``kzct/extract/casualties.py``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzct.extract.casualties import count_casualties


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # killed and injured are read apart: a count never crosses the verb of the other kind
        ("造成12人死亡和30人受伤", (12, None), (30, None)),
        ("造成16人死亡、逾百人受伤", (16, None), (100, "over")),
        ("3死5伤", (3, None), (5, None)),
        ("受伤人数约6300人", None, (6300, "about")),
        ("死亡人数达20,000人", (20000, None), None),
        # a reference back to the killed (被杀者) adds nothing
        ("大约1500人被杀，被杀者多为平民", (1500, "about"), None),
        # killed by security forces
        ("军警当场击毙4名歹徒", (4, None), None),
        ("消灭7名恐怖分子", (7, None), None),
        ("打死了两名警官", (2, None), None),
        # counts joined by 和/以及 are one subject; deaths in separate clauses add up
        ("4名警察和安全部队成员以及1名平民在一起袭击中丧生", (5, None), None),
        ("9名涉嫌卷入袭击的枪手在阿克托比被击毙，1名特种部队军官在交火中丧生", (10, None), None),
        ("造成31人死亡、141人受伤，另有4名歹徒被击毙", (35, None), (141, None)),
        # a breakdown is not added again
        ("导致47人丧生，其中33人是安全部队成员，14人是路人和警察", (47, None), None),
        # one named person, no number
        ("Bekmirzaev在塔什干附近与警察的交火中被击毙", (1, None), None),
        ("Rahimjan Makhatov引爆了一枚炸弹，本人当场死亡，另有2人受伤", (1, None), (2, None)),
        # hedges, Chinese numerals, traditional script read through the shadow, none at all
        ("至少10人死亡", (10, "at_least"), None),
        ("十多人受伤", None, (10, "over")),
        ("6万多人丧生", (60000, "over"), None),
        ("造成两名车站保安员受伤", None, (2, None)),
        ("无人员伤亡", (0, None), (0, None)),
        ("多人受伤", None, None),
        ("最高法院核准了名单", None, None),
        # read on real articles (the second Chechen war, the Kunming attack, Aum Shinrikyo)
        ("1999年6月18日，达吉斯坦的俄罗斯边境警卫队哨站遇袭，7个军人被杀", (7, None), None),
        ("10个俄罗斯警察在达吉斯坦被反坦克地雷炸死", (10, None), None),
        ("俄罗斯方面有逾5,200人阵亡", (5200, "over"), None),
        ("联邦方面报称己方有275个人员阵亡，约900人伤", (275, None), (900, "about")),
        ("非官方的数字估计有25,000人至50,000人死亡或失踪", (25000, "at_least"), None),
        ("共造成数百名平民丧生", None, None),
        ("5名直接参与袭击者中4人被当场击毙，1人被当场击伤抓获", (4, None), (1, None)),
        ("当场击毙4名恐怖分子（3男1女）、击伤抓获1人（女）", (4, None), (1, None)),
        ("导致最少8人受伤，其中1人重伤", None, (8, "at_least")),
        ("男子自称报复政府处决13名奥姆真理教核心成员而撞向行人", None, None),
        ("9名涉嫌卷入杀害两名警察的人在与警方交火中被击毙，一名特种部队成员也在枪战中丧生", (10, None), None),
        ("在1999年入侵中共有3个月时间", None, None),
        # 死伤 is the killed and the injured together: a number of neither
        ("爆炸造成至少50人死伤", None, None),
        # 其余/其成员 are many, not one named person
        ("其余的袭击者被击毙", None, None),
        ("其成员在交火中死亡", None, None),
        # a number after the verb that counts no people
        ("该事件遇难10周年", None, None),
        ("他受伤3天后出院", None, None),
        # a death found, which the text does not say anyone caused (the seed's Nurkadilov)
        ("反对派领导人Zamanbek Nurkadilov在2005年11月17日被发现身亡", (1, "found_dead"), None),
        ("3人被发现死亡", (3, "found_dead"), None),
        # the wounded (伤员) are a noun, not what befell the count before it (the Kunming
        # article's sentence)
        ("国家卫生与计划生育委员会派遣的9名医疗专家赴昆明指导当地开展伤员救治", None, None),
        ("医生为3名伤员处理伤口", None, None),
    ],
)
def test_casualties(text, killed, injured) -> None:
    toll = count_casualties(text)
    assert ((toll.killed, toll.killed_qualifier) if toll.killed is not None else None) == killed
    assert ((toll.injured, toll.injured_qualifier) if toll.injured is not None else None) == injured


_pieces = st.sampled_from(["人", "名", "死亡", "丧生", "受伤", "被杀", "击毙", "消灭", "约", "逾", "至少",
                           "多", "余", "和", "以及", "、", "，", "。", "其中", "死", "伤", "无人员伤亡",
                           "两", "十", "百", "万", "3", "47", "20,000", "者", "人数", "为"])


@settings(deadline=None, derandomize=True)
@given(text=st.one_of(st.text(), st.lists(st.one_of(_pieces, st.text(max_size=3))).map("".join)))
def test_casualties_never_raise_and_are_counts(text) -> None:
    toll = count_casualties(text)
    for n, qualifier in ((toll.killed, toll.killed_qualifier), (toll.injured, toll.injured_qualifier)):
        assert n is None or (isinstance(n, int) and n >= 0)
        assert qualifier in (None, "about", "at_least", "over")
        assert n is not None or qualifier is None
