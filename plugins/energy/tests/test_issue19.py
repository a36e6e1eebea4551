"""Invariants of the policies added for issue 19: the two-part heat tariff, green-materials procurement,
the feedstock and non-fossil exclusions of energy accounting, and the footprint priority list."""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.kernel import Kernel
from zhengce_energy import plugin

KERNEL = Kernel([plugin.plugin])
SETTINGS = settings(deadline=None, max_examples=100)
DAY = date(2024, 12, 1)
price = st.decimals(min_value=0, max_value=Decimal("500"), places=2, allow_nan=False, allow_infinity=False)
qty = st.decimals(min_value=0, max_value=Decimal("100000"), places=1, allow_nan=False, allow_infinity=False)
tce = st.decimals(min_value=0, max_value=Decimal("10000000"), places=0, allow_nan=False, allow_infinity=False)
FEN = Decimal("0.01")


def result(case, policy, as_of=DAY, known_at=None):
    return KERNEL.evaluate(case, as_of=as_of, known_at=known_at).result(policy)


# --- 两部制热价 (国办函〔2024〕20号 二（五）) -------------------------------------------------------


@SETTINGS
@given(basic=price, area=qty, metered=price, heat=qty, more=qty)
def test_heat_bill_is_basic_plus_metered_and_grows_with_the_heat(basic, area, metered, heat, more):
    """Bill = basic (price × area, to the fen) + metered (price × heat, to the fen); more heat never lowers it;
    the basic share lies in [0, 1]."""
    def bill(h):
        case = {"heat_bill": {"basic_price_per_m2": str(basic), "heating_area_m2": str(area),
                              "metered_price_per_gj": str(metered), "heat_used_gj": str(h)}}
        return result(case, "energy.two_part_heat_tariff").evaluation

    ev = bill(heat)
    b = (basic * area).quantize(FEN, rounding=ROUND_HALF_UP)
    m = (metered * heat).quantize(FEN, rounding=ROUND_HALF_UP)
    assert ev.amount("basic_heat_charge") == b and ev.amount("metered_heat_charge") == m
    assert ev.amount("heat_bill") == b + m
    share = ev.amount("basic_share")
    assert (share is None) == (b + m == 0)
    assert share is None or Decimal(0) <= share <= Decimal(1)
    assert bill(heat + more).amount("heat_bill") >= ev.amount("heat_bill")


# --- 政府采购工程采购绿色建材 (国办函〔2024〕20号 二（七）) ------------------------------------------

_TRI = st.sampled_from([True, False, None])


@SETTINGS
@given(st.lists(st.tuples(_TRI, _TRI), min_size=1, max_size=6))
def test_works_meets_the_duty_only_when_every_covered_material_meets_the_standard(materials):
    case = {"green_materials_procurement": {"government_procurement_works": True, "in_policy_scope": True,
                                            "materials": [{"name": f"m{i}", "covered_by_standard": c, "meets_standard": m}
                                                          for i, (c, m) in enumerate(materials)]}}
    ev = result(case, "energy.green_materials_procurement").evaluation
    failing = sum(1 for c, m in materials if c is True and m is False)
    undecided = any(c is not False and m is not True and not (c is True and m is False) for c, m in materials)
    assert ev.amount("materials_not_meeting_standard") == failing
    want = "not_met" if failing else ("unknown" if undecided else "met")
    assert ev.finding("green_materials").status.value == want
    for i, (c, _) in enumerate(materials):
        if c is False:
            assert ev.finding(f"material_{i + 1}").status.value == "info"


# --- 原料用能和非化石能源不纳入能耗总量和强度控制 (国发〔2024〕12号 三（一）) -------------------------


@SETTINGS
@given(total=tce, feed=tce, nonf=tce, out=st.decimals(min_value=1, max_value=Decimal("10000000"), places=0))
def test_counted_energy_is_the_total_less_both_exclusions(total, feed, nonf, out):
    case = {"energy_consumption_account": {"total_energy_consumption_tce": str(total), "feedstock_energy_tce": str(feed),
                                           "non_fossil_energy_tce": str(nonf), "output_10k_yuan": str(out)}}
    ev = result(case, "energy.energy_accounting_exclusions").evaluation
    assert ev.amount("excluded_energy_tce") == feed + nonf
    counted = ev.amount("energy_counted_tce")
    if feed + nonf > total:
        assert counted is None and ev.finding("exclusions_within_total").status.value == "unknown"
        return
    assert counted + feed + nonf == total and Decimal(0) <= counted <= total
    assert ev.amount("intensity_counted") <= ev.amount("intensity_total")


@SETTINGS
@given(total=tce, feed=tce, nonf=tce, extra=tce)
def test_more_exclusion_never_counts_more_energy(total, feed, nonf, extra):
    def counted(f):
        case = {"energy_consumption_account": {"total_energy_consumption_tce": str(total + feed + nonf + extra),
                                               "feedstock_energy_tce": str(f), "non_fossil_energy_tce": str(nonf)}}
        return result(case, "energy.energy_accounting_exclusions").evaluation.amount("energy_counted_tce")

    assert counted(feed + extra) <= counted(feed)


def test_the_exclusion_cites_9hao_until_12hao_is_issued():
    case = {"energy_consumption_account": {"total_energy_consumption_tce": "100", "feedstock_energy_tce": "10", "non_fossil_energy_tce": "20"}}
    before = result(case, "energy.energy_accounting_exclusions", as_of=date(2024, 4, 1), known_at=date(2024, 4, 1))
    after = result(case, "energy.energy_accounting_exclusions", as_of=date(2024, 6, 1), known_at=date(2024, 6, 1))
    step = next(s for s in before.evaluation.steps if s.id == "energy_counted_tce")
    assert step.citation.article == "二（九）" and "国办发〔2024〕9号" in step.citation.document
    step = next(s for s in after.evaluation.steps if s.id == "energy_counted_tce")
    assert step.citation.article == "三（一）" and "国发〔2024〕12号" in step.citation.document
    assert before.evaluation.amount("energy_counted_tce") == after.evaluation.amount("energy_counted_tce") == Decimal(70)


# --- 国办发〔2024〕39号 七（十三）: the eighteen products are the seed's, verbatim -------------------------


def test_footprint_priority_list_is_the_quote_itself():
    value = plugin.FOOTPRINT_PRIORITY.parameters.at("priority_products", None, DAY)
    named = re.search(r"聚焦(.*?)等重点产品", value.citation.quote).group(1).split("、")
    assert list(value.value) == named and len(named) == 18


# --- 国发〔2024〕12号 二（五）2: new polysilicon and battery-electrode projects -------------------------


@settings(deadline=None, max_examples=60)
@given(st.sampled_from(["polysilicon", "lithium_battery_electrode"]), _TRI, _TRI, _TRI, _TRI, _TRI)
def test_new_build_entry_needs_a_new_build_at_the_advanced_level(sector, new_or_expansion, newly_built, advanced, benchmark, grade_a):
    """Only 新建 and the industry's advanced level decide; the benchmark and grade A never do."""
    case = {"energy_saving_project": {"sector": sector, "new_or_expansion": new_or_expansion, "newly_built": newly_built,
                                      "meets_industry_advanced_level": advanced, "meets_efficiency_benchmark": benchmark,
                                      "environmental_grade_a": grade_a}}
    ev = result(case, "energy.energy_saving_project_rules", as_of=date(2024, 9, 1)).evaluation
    if newly_built is False or new_or_expansion is False:
        want = "info"
    else:
        want = "not_met" if False in (newly_built, advanced) else ("unknown" if None in (newly_built, advanced) else "met")
    assert ev.finding("entry_standard").status.value == want
