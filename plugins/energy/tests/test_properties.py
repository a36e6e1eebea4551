"""Hypothesis invariants of the energy plugin (issue 5)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce_energy.facts import CarbonViolationKind
from zhengce.kernel import Kernel
from zhengce_energy import carbon_penalties as cp
from zhengce_energy import plugin

KERNEL = Kernel([plugin.plugin])
SETTINGS = settings(deadline=None, max_examples=150)
money_st = st.decimals(min_value=0, max_value=Decimal("100000000"), places=2, allow_nan=False, allow_infinity=False)
qty_st = st.decimals(min_value=0, max_value=Decimal("10000000"), places=0, allow_nan=False, allow_infinity=False)
GAINS_ARTICLES = ("a22", "a23_1", "a23_2", "a25_1", "a25_2")
KINDS = {"a22": "report_falsified", "a23_1": "false_test_report", "a23_2": "false_annual_report_or_review",
         "a25_1": "market_manipulation", "a25_2": "market_disruption"}
PENALTIES = plugin.CARBON_PENALTIES.parameters
KNOWN = date(2025, 1, 1)


def p(name):
    return PENALTIES.at(name, None, KNOWN).value


def fine(article, gains):
    return cp.gains_fine(gains, p(f"{article}.multiple_min"), p(f"{article}.multiple_max"), p(f"{article}.gains_threshold"),
                         p(f"{article}.fallback_min"), p(f"{article}.fallback_max"), PENALTIES.rounding.money)


def evaluate(case, as_of=date(2025, 3, 1)):
    return KERNEL.evaluate(case, as_of=as_of).result("energy.carbon_trading_penalties")


@SETTINGS
@given(article=st.sampled_from(GAINS_ARTICLES), gains=money_st)
def test_fine_lies_inside_its_legal_range(article, gains):
    """Through the whole plugin: the fine is the fixed range below the threshold, else the multiples of the gains."""
    result = evaluate({"carbon_market_violations": {"violations": [{"kind": KINDS[article], "illegal_gains": str(gains), "offender_is_unit": True}]}})
    rng = result.evaluation.range(f"{KINDS[article]}.fine")
    lo, hi = rng.minimum, rng.maximum
    assert lo <= hi
    if gains < p(f"{article}.gains_threshold"):
        assert (lo, hi) == (p(f"{article}.fallback_min"), p(f"{article}.fallback_max"))
    else:
        assert lo <= gains * p(f"{article}.multiple_min") + Decimal("0.005") and gains * p(f"{article}.multiple_max") - Decimal("0.005") <= hi
    ind = result.evaluation.range(f"{KINDS[article]}.individual_fine")
    ind_art = cp.INDIVIDUALS[article]
    assert (ind.minimum, ind.maximum) == (p(f"{ind_art}.individual_min"), p(f"{ind_art}.individual_max"))


@SETTINGS
@given(article=st.sampled_from(GAINS_ARTICLES), a=money_st, b=money_st)
def test_multiple_of_gains_fine_is_monotone_in_the_gains(article, a, b):
    """Non-decreasing in the gains on both bounds, across the threshold too (第二十二条 jumps up there)."""
    a, b = min(a, b), max(a, b)
    lo_a, hi_a, _ = fine(article, a)
    lo_b, hi_b, _ = fine(article, b)
    assert lo_a <= lo_b and hi_a <= hi_b
    if b < p(f"{article}.gains_threshold"):
        assert (lo_a, hi_a) == (lo_b, hi_b)


@SETTINGS
@given(kind=st.sampled_from([k.value for k in CarbonViolationKind]), gains=money_st, traded=money_st, unit=st.booleans(),
       serious=st.none() | st.booleans())
def test_every_violation_gets_a_fine_inside_its_article(kind, gains, traded, unit, serious):
    violation = {"kind": kind, "illegal_gains": str(gains), "traded_value": str(traded), "offender_is_unit": unit}
    if serious is not None:
        violation["serious"] = serious
    result = evaluate({"carbon_market_violations": {"violations": [violation]}})
    assert result.status.value == "applies"
    rng = result.evaluation.range(f"{kind}.fine")
    art = next(a for a in cp.ARTICLES if kind in p(f"{a}.kinds"))
    assert rng.minimum <= rng.maximum
    if art == "a20":
        assert (rng.minimum, rng.maximum) == (0, traded)
    elif PENALTIES.parameters.get(f"{art}.fine_min"):
        assert (rng.minimum, rng.maximum) == (p(f"{art}.fine_min"), p(f"{art}.fine_max"))
    else:
        assert rng.minimum >= min(p(f"{art}.fallback_min"), gains * p(f"{art}.multiple_min") - Decimal("0.005"))
        assert rng.maximum <= max(p(f"{art}.fallback_max"), gains * p(f"{art}.multiple_max") + Decimal("0.005"))
    ind = result.evaluation.range(f"{kind}.individual_fine")
    if ind is not None:
        assert ind.minimum <= ind.maximum


@SETTINGS
@given(article=st.sampled_from(GAINS_ARTICLES), cents=st.integers(min_value=1, max_value=10_000_00))
def test_formula_switches_exactly_at_the_threshold(article, cents):
    thr = p(f"{article}.gains_threshold")
    below = thr - Decimal(cents) / 100
    assert fine(article, thr)[2] is True
    if below >= 0:
        assert fine(article, below)[2] is False
        assert fine(article, below)[:2] == (p(f"{article}.fallback_min"), p(f"{article}.fallback_max"))


@SETTINGS
@given(emissions=qty_st, surrendered=qty_st, price=st.decimals(min_value=1, max_value=500, places=2), k=st.integers(min_value=1, max_value=5))
def test_surrender_fine_zero_when_nothing_short_and_linear_in_shortfall(emissions, surrendered, price, k):
    money = PENALTIES.rounding.money
    m_lo, m_hi = p("a24.multiple_min"), p("a24.multiple_max")
    assert cp.shortfall_fine(price, Decimal(0), m_lo, m_hi, money) == (0, 0)
    short = max(Decimal(0), emissions - surrendered)
    lo1, hi1 = cp.shortfall_fine(price, short, m_lo, m_hi, money)
    lok, hik = cp.shortfall_fine(price, short * k, m_lo, m_hi, money)
    assert lok == lo1 * k and hik == hi1 * k  # price has 2 places and short is integral: exact
    case = {"carbon_allowance_surrender": {"verified_emissions_t": str(emissions), "surrendered_allowances_t": str(surrendered),
                                           "surrender_deadline": "2024-12-31", "average_price_before_deadline": str(price)}}
    result = evaluate(case)
    if short == 0:
        assert result.status.value == "does_not_apply"
    else:
        rng = result.evaluation.range("surrender_shortfall.fine")
        assert (rng.minimum, rng.maximum) == (lo1, hi1)


@SETTINGS
@given(short=qty_st, allocation=qty_st)
def test_allowance_cut_never_exceeds_next_year_allocation(short, allocation):
    lo, hi = cp.allowance_cut(p("a22.cut_share_min"), p("a22.cut_share_max"), allocation)
    assert 0 <= lo <= hi <= allocation
    case = {"carbon_allowance_surrender": {"verified_emissions_t": str(short), "surrendered_allowances_t": "0", "surrender_deadline": "2024-12-31",
                                           "refused_to_correct": True, "next_year_allocation_t": str(allocation)}}
    result = evaluate(case)
    if short > 0:
        assert result.evaluation.amount("surrender_shortfall.allowance_cut") <= allocation


@SETTINGS
@given(deadline=st.dates(min_value=date(2024, 5, 1), max_value=date(2030, 12, 31)))
def test_price_window_is_the_month_before_the_deadline(deadline):
    start, end = cp.price_window(deadline, p("a24.price_window_months"))
    assert end == deadline - timedelta(days=1)
    assert 27 <= (deadline - start).days <= 31


# --- 国能发法改〔2024〕93号 -------------------------------------------------------

from zhengce_energy.facts import AggregatedResource  # noqa: E402
from zhengce_energy import power_entity as pe  # noqa: E402

ENTITY = plugin.POWER_ENTITY.parameters
mwh_st = st.decimals(min_value=0, max_value=Decimal("100000"), places=3, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(a=st.lists(mwh_st, max_size=6), b=st.lists(mwh_st, max_size=6))
def test_aggregator_settlement_is_additive_over_resources(a, b):
    ra = tuple(AggregatedResource(id=f"a{i}", metered_energy_mwh=v) for i, v in enumerate(a))
    rb = tuple(AggregatedResource(id=f"b{i}", metered_energy_mwh=v) for i, v in enumerate(b))
    assert pe.settlement_total(ra + rb) == pe.settlement_total(ra) + pe.settlement_total(rb)
    case = {"power_market_new_entity": {"resource_type": "virtual_power_plant", "distribution_level": True, "has_regulating_capability": True,
                                        "new_technology_or_model": True,
                                        "aggregated_resources": [{"id": r.id, "metered_energy_mwh": str(r.metered_energy_mwh)} for r in ra + rb]}}
    result = KERNEL.evaluate(case, as_of=date(2025, 1, 1)).result("energy.power_market_new_entity")
    if ra + rb:
        assert result.evaluation.amount("settlement_energy_mwh") == sum(a, Decimal(0)) + sum(b, Decimal(0))


@SETTINGS
@given(local=st.none() | st.decimals(min_value=0, max_value=50, places=2), capacity=st.decimals(min_value=0, max_value=50, places=2))
def test_local_participation_threshold_is_never_above_5_mw(local, capacity):
    national = ENTITY.at("participation.capacity_mw", None, KNOWN).value
    assert pe.effective_threshold(national, local) <= national
    case = {"power_market_new_entity": {"resource_type": "energy_storage", "distribution_level": True, "has_regulating_capability": True,
                                        "new_technology_or_model": True, "meets_technical_requirements": True,
                                        "regulating_capacity_mw": str(capacity),
                                        "local_capacity_threshold_mw": None if local is None else str(local)}}
    result = KERNEL.evaluate(case, as_of=date(2025, 1, 1)).result("energy.power_market_new_entity")
    threshold = result.evaluation.amount("capacity_threshold_mw")
    assert threshold <= national
    # at least 5 MW always qualifies, whatever the region says
    if capacity >= national:
        assert result.evaluation.finding("may_provide_energy_and_ancillary_services").status.value == "met"


# --- 国能综通新能〔2024〕124号 -----------------------------------------------------

from zhengce_energy import green_certificate as gc  # noqa: E402


@SETTINGS
@given(gen=mwh_st, gec=mwh_st, ccer=mwh_st)
def test_power_is_never_counted_twice_unnoticed(gen, gec, ccer):
    twice = gc.double_counted(gen, gec, ccer)
    assert twice >= 0
    assert (twice == 0) == (gec + ccer <= gen)
    case = {"green_certificate_project": {"technology": "solar_thermal", "decided_on": "2025-06-01", "generation_mwh": str(gen),
                                          "gec_mwh": str(gec), "ccer_mwh": str(ccer)}}
    result = KERNEL.evaluate(case, as_of=date(2025, 6, 1)).result("energy.green_certificate_ccer")
    status = result.evaluation.finding("no_double_benefit").status.value
    assert status == ("met" if gec == 0 or ccer == 0 or gec + ccer <= gen else "not_met")


# --- 国发〔2024〕12号 targets ---------------------------------------------------

from zhengce_energy import energy_saving_targets as est  # noqa: E402

TARGETS = plugin.ENERGY_SAVING_TARGETS.parameters
INDICATORS = est.indicators(TARGETS)
value_st = st.decimals(min_value=-1000, max_value=100000, places=3, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(ind=st.sampled_from(INDICATORS), value=value_st, days_before=st.integers(min_value=0, max_value=600),
       tol=st.none() | st.decimals(min_value=0, max_value=50, places=2))
def test_indicator_is_not_yet_due_before_its_deadline_whatever_the_value(ind, value, days_before, tol):
    deadline = TARGETS.at(f"{ind}.deadline", None, KNOWN).value
    as_of = max(deadline - timedelta(days=days_before), date(2024, 5, 23))
    report = {"measurements": [{"indicator": ind, "value": str(value)}]}
    if tol is not None:
        report["approx_tolerance_pct"] = str(tol)
    result = KERNEL.evaluate({"energy_indicator_report": report}, as_of=as_of).result("energy.energy_saving_targets")
    assert result.evaluation.finding(ind).status.value == "not_yet_due"


@SETTINGS
@given(ind=st.sampled_from(INDICATORS), value=value_st, tol=st.decimals(min_value=0, max_value=50, places=2))
def test_a_declared_tolerance_never_turns_a_met_target_into_a_miss(ind, value, tol):
    target = TARGETS.at(f"{ind}.target", None, KNOWN).value
    comp = TARGETS.at(f"{ind}.comparator", None, KNOWN).value
    strict, _ = est.check(value, target, comp, None)
    loose, _ = est.check(value, target, comp, tol)
    assert not strict or loose


# --- 发改运行〔2024〕1345号 --------------------------------------------------------

from zhengce_energy import coal_clean_use as ccu  # noqa: E402

COAL = plugin.COAL_CLEAN_USE.parameters
bool3 = st.none() | st.booleans()


@SETTINGS
@given(grade=bool3, new=st.none() | qty_st, replaced=st.none() | qty_st, extra=qty_st, plan=bool3)
def test_approvable_needs_grade_a_and_more_replacement_never_hurts(grade, new, replaced, extra, plan):
    ok = ccu.approvable(grade, new, replaced, plan)
    if ok:
        assert grade is True and replaced >= new
    if replaced is not None and ok is True:
        assert ccu.approvable(grade, new, replaced + extra, plan) is True


@SETTINGS
@given(capacity=st.decimals(min_value=0, max_value=200, places=1), d=st.decimals(min_value=0, max_value=100, places=1),
       closer=st.decimals(min_value=0, max_value=100, places=1))
def test_chp_reach_is_monotone_in_distance_and_never_below_30_wan_kw(capacity, d, closer):
    min_cap, radius = COAL.at("chp.min_capacity_10k_kw", None, KNOWN).value, COAL.at("chp.radius_km", None, KNOWN).value
    if ccu.within_chp_reach(capacity, d, min_cap, radius):
        assert ccu.within_chp_reach(capacity, min(d, closer), min_cap, radius)
    if capacity < min_cap:
        assert ccu.within_chp_reach(capacity, d, min_cap, radius) is False


# --- 国办发〔2024〕39号 -------------------------------------------------------------

from zhengce_energy import carbon_dual_control as cdc  # noqa: E402
from zhengce_energy.common import Params  # noqa: E402

DUAL = plugin.CARBON_DUAL_CONTROL.parameters


@SETTINGS
@given(day=st.dates(min_value=date(2024, 7, 30), max_value=date(2040, 12, 31)), peak=st.booleans())
def test_regime_is_a_total_function_and_energy_intensity_never_binding_under_intensity_primary(day, peak):
    lookup = Params(DUAL, KNOWN)
    r = cdc.regime(day, peak, lookup)
    assert r is not None
    result = KERNEL.evaluate({"carbon_dual_control_status": {"assessed_on": day.isoformat(), "peak_reached": peak}}, as_of=day)
    ev = result.result("energy.carbon_dual_control_regime").evaluation
    binding = ev.finding("binding_indicator")
    if binding is not None:
        assert "energy_intensity" not in DUAL.at("binding.period15", None, KNOWN).value
    if peak:
        assert r == DUAL.at("regime.after_peak", None, KNOWN).value
        assert ev.finding("carbon_peak").status.value == "met"
    elif day <= DUAL.at("peak.by", None, KNOWN).value:
        assert ev.finding("carbon_peak").status.value == "not_yet_due"


# --- 国发〔2024〕12号 四（一）: efficiency grades ---------------------------------------

from zhengce_energy import efficiency_grades as eg  # noqa: E402

GRADES = plugin.EFFICIENCY_GRADES.parameters


@SETTINGS
@given(values=st.lists(st.decimals(min_value=0, max_value=1000, places=2), min_size=1, max_size=60),
       better=st.booleans(), a=st.decimals(min_value=0, max_value=1000, places=2), b=st.decimals(min_value=0, max_value=1000, places=2))
def test_grade_thresholds_are_ordered_and_a_better_product_never_grades_worse(values, better, a, b):
    shares = [GRADES.at(n, None, KNOWN).value for n in ("grade1.top_share_pct", "grade2.top_share_pct", "grade_last.top_share_pct")]
    levels = [eg.threshold(tuple(values), s, better) for s in shares]
    for hi, lo in zip(levels, levels[1:]):
        assert eg.reaches(hi, lo, better)  # grade 1's level reaches grade 2's, which reaches grade 3's

    def grade(x):
        return next((i for i, level in enumerate(levels) if eg.reaches(x, level, better)), len(levels))

    best, worse = (max(a, b), min(a, b)) if better else (min(a, b), max(a, b))
    assert grade(best) <= grade(worse)


# --- 国发〔2024〕12号 二（五）2、二（六）2: entry standards of aluminium, alumina and building materials ----
_TRI = st.sampled_from([True, False, None])


@settings(deadline=None, max_examples=80)
@given(st.sampled_from(["electrolytic_aluminium", "cement", "ceramics", "flat_glass", "alumina"]), _TRI, _TRI, _TRI)
def test_entry_standard_needs_every_required_level(sector, benchmark, grade_a, limit_advanced):
    case = {"energy_saving_project": {"sector": sector, "new_or_expansion": True, "meets_efficiency_benchmark": benchmark,
                                      "environmental_grade_a": grade_a, "meets_mandatory_limit_advanced": limit_advanced}}
    r = KERNEL.evaluate(case, as_of=date(2024, 9, 1)).result("energy.energy_saving_project_rules")
    needed = (limit_advanced,) if sector == "alumina" else (benchmark, grade_a)
    want = "not_met" if False in needed else ("unknown" if None in needed else "met")
    assert r.evaluation.finding("entry_standard").status.value == want


# --- 国办发〔2024〕39号 七（十三）: the count of named priority products ------------------------------
_NAMED = ["电力", "燃油", "钢铁", "电解铝", "水泥", "化肥", "氢", "石灰", "玻璃", "乙烯", "合成氨", "电石", "甲醇",
          "煤化工", "动力电池", "光伏", "新能源汽车", "电子电器"]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.sampled_from(_NAMED + ["锂电池", "纺织品", "纸"]), min_size=1, max_size=6))
def test_named_count_is_the_products_on_the_list(products):
    r = KERNEL.evaluate({"carbon_footprint_products": {"products": products}}, as_of=date(2024, 9, 1)).result("energy.footprint_priority_products")
    assert r.evaluation.amount("named_priority_products") == sum(1 for x in products if x in _NAMED)
    assert len([f for f in r.evaluation.findings if f.id.startswith("product_")]) == len(products)
