"""Legal invariants of the employment policies, checked by hypothesis over generated cases."""

from __future__ import annotations

import enum
import math
import typing
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from zhengce.contracts import CaseValidationError, Status
from zhengce.kernel import Kernel
from zhengce_employment.facts import SECTIONS
from zhengce_employment.plugin import plugin

KERNEL = Kernel([plugin])
CENTS = Decimal("0.01")
MONEY = st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)


def days(start: date, end: date):
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


def result(case: dict, policy: str, as_of: date = date(2026, 12, 1)):
    found = KERNEL.evaluate(case, as_of=as_of).result(policy)
    assert found.status is not Status.ERROR, found.error
    return found


# --- 稳岗返还 ----------------------------------------------------------------------------

REFUND = "employment.ui_job_retention_refund"


@st.composite
def refund_cases(draw):
    staff = draw(st.integers(1, 500))
    return {"job_retention_refund": {
        "employer_kind": draw(st.sampled_from(["enterprise", "law_firm", "foundation", "other"])),
        "size_class": draw(st.sampled_from(["large", "medium", "small", "micro"])),
        "full_contribution_months": draw(st.integers(0, 60)),
        "laid_off_last_year": draw(st.integers(0, staff)),
        "insured_staff": staff,
        "national_unemployment_target": str(draw(st.sampled_from([Decimal("0.05"), Decimal("0.055"), Decimal("0.06")]))),
        "contributions_last_year": str(draw(MONEY)),
        "province_reserve_years": str(draw(st.sampled_from([Decimal("0.5"), Decimal("1"), Decimal("2.3")]))),
        "decided_on": draw(days(date(2023, 12, 1), date(2025, 2, 1))).isoformat(),
        "local_return_rate": draw(st.none() | st.sampled_from(["0.2", "0.3", "0.5", "0.6", "0.8"])),
    }}


@settings(max_examples=200, deadline=None)
@given(refund_cases())
def test_refund_cap_is_the_size_ratio_of_last_years_contributions(case):
    res = result(case, REFUND)
    if res.status is Status.APPLIES:
        sec = case["job_retention_refund"]
        ratio = Decimal("0.30") if sec["size_class"] == "large" else Decimal("0.60")
        cap = res.evaluation.amount("refund_cap")
        assert cap == (Decimal(sec["contributions_last_year"]) * ratio).quantize(CENTS, ROUND_HALF_UP)
        refund = res.evaluation.amount("refund")
        assert refund is None or Decimal(0) <= refund <= cap


@settings(max_examples=200, deadline=None)
@given(refund_cases())
def test_fewer_layoffs_never_lose_the_refund(case):
    """Eligibility is monotone in layoffs: one fewer person laid off keeps an eligible unit eligible."""
    sec = case["job_retention_refund"]
    assume(sec["laid_off_last_year"] > 0)
    if result(case, REFUND).status is Status.APPLIES:
        sec["laid_off_last_year"] -= 1
        assert result(case, REFUND).status is Status.APPLIES


@settings(max_examples=200, deadline=None)
@given(refund_cases())
def test_eligibility_needs_twelve_months_in_2024_and_a_year_of_reserve(case):
    sec = case["job_retention_refund"]
    if result(case, REFUND).status is Status.APPLIES:
        assert sec["full_contribution_months"] >= 12
        assert Decimal(sec["province_reserve_years"]) >= 1
        assert date(2024, 1, 1) <= date.fromisoformat(sec["decided_on"]) <= date(2024, 12, 31)
        assert sec["employer_kind"] != "other"


# --- 技能提升补贴 --------------------------------------------------------------------------

SKILL = "employment.skill_upgrade_subsidy"
CAPS = {5: Decimal(1000), 4: Decimal(1500), 3: Decimal(2000)}


@st.composite
def skill_cases(draw):
    applied = draw(days(date(2024, 1, 1), date(2024, 12, 31)))
    prior = draw(st.lists(st.fixed_dictionaries({
        "kind": st.sampled_from(["skill_upgrade", "vocational_training"]),
        "occupation": st.sampled_from(["electrician", "welder", "cook"]),
        "level": st.integers(3, 5),
        "received_on": days(date(2022, 1, 1), applied).map(date.isoformat),
    }), max_size=5))
    return {"skill_upgrade_claim": {
        "claimant": draw(st.sampled_from(["enterprise_employee", "ui_benefit_recipient"])),
        "insured_months": draw(st.integers(0, 40)),
        "certificate_kind": "skill_level",
        "occupation": draw(st.sampled_from(["electrician", "welder", "cook"])),
        "certificate_level": draw(st.integers(1, 5)),
        "applied_on": applied.isoformat(),
        "prior_subsidies": prior,
        "province_reserve_years": "1.2",
    }}


@settings(max_examples=300, deadline=None)
@given(skill_cases())
def test_skill_subsidy_respects_caps_and_limits(case):
    res = result(case, SKILL)
    claim = case["skill_upgrade_claim"]
    if res.status is not Status.APPLIES:
        return
    level, year = claim["certificate_level"], claim["applied_on"][:4]
    assert res.evaluation.amount("subsidy_cap") == CAPS[level]
    ups = [p for p in claim["prior_subsidies"] if p["kind"] == "skill_upgrade"]
    assert sum(1 for p in ups if p["received_on"][:4] == year) < 3
    assert res.evaluation.amount("claims_left_this_year") >= 0
    same = [p for p in claim["prior_subsidies"] if p["occupation"] == claim["occupation"]]
    assert not any(p["level"] == level for p in same), "once per occupation and level, never with the training subsidy"
    assert not any(p["level"] < level for p in same if p["kind"] == "skill_upgrade"), "no lower level after a higher one"


@settings(max_examples=100, deadline=None)
@given(skill_cases())
def test_a_higher_certificate_never_has_a_lower_cap(case):
    claim = case["skill_upgrade_claim"]
    claim["prior_subsidies"] = []
    caps = []
    for level in (5, 4, 3):
        claim["certificate_level"] = level
        res = result(case, SKILL)
        caps.append(res.evaluation.amount("subsidy_cap") if res.status is Status.APPLIES else None)
    if None not in caps:
        assert caps == sorted(caps)


# --- 失业保险费率 --------------------------------------------------------------------------

RATE = "employment.ui_contribution_rate"


@settings(max_examples=150, deadline=None)
@given(days(date(2024, 5, 1), date(2026, 6, 30)), MONEY)
def test_rate_applies_exactly_in_2025_and_the_contribution_is_one_percent(period, base):
    res = result({"ui_contribution": {"period": period.isoformat(), "wage_base": str(base)}}, RATE)
    assert (res.status is Status.APPLIES) == (period.year == 2025)
    if res.status is Status.APPLIES:
        assert res.evaluation.amount("contribution") == (base * Decimal("0.01")).quantize(CENTS, ROUND_HALF_UP)


# --- 病残津贴 -----------------------------------------------------------------------------

ALLOWANCE = "employment.pension_disability_allowance"


@st.composite
def allowance_cases(draw):
    applied = draw(days(date(2025, 1, 1), date(2030, 12, 31)))
    return {"disability_allowance": {
        "insured_in_enterprise_scheme": True, "cause": "illness", "fully_incapacitated": True,
        "appraisal_body_prefecture_or_above": True, "already_receiving_old_benefit": False,
        "appraisal_on": (applied - timedelta(days=draw(st.integers(0, 300)))).isoformat(),
        "applied_on": applied.isoformat(),
        "statutory_retirement_on": (applied + timedelta(days=draw(st.integers(1, 20 * 366)))).isoformat(),
        "contribution_years": str(draw(st.integers(0, 400).map(lambda n: Decimal(n) / 10))),
        "minimum_contribution_years": draw(st.sampled_from(["15", "16", "20"])),
    }}


@settings(max_examples=300, deadline=None)
@given(allowance_cases())
def test_limited_months_follow_the_contribution_years(case):
    res = result(case, ALLOWANCE)
    assert res.status is Status.APPLIES
    sec = case["disability_allowance"]
    years, minimum = Decimal(sec["contribution_years"]), Decimal(sec["minimum_contribution_years"])
    months = res.evaluation.amount("months")
    if years >= minimum:
        assert months is None and res.evaluation.date("retirement_on") == date.fromisoformat(sec["statutory_retirement_on"])
        return
    assert months is not None and months >= 12 and (months - 12) % 3 == 0
    if years < 5:
        assert months == 12
    else:
        beyond = math.ceil(years - 5)  # a part-year counts as a year
        assert months == 12 + 3 * beyond


@settings(max_examples=200, deadline=None)
@given(allowance_cases(), st.integers(1, 30))
def test_more_contribution_years_never_shorten_the_limited_payments(case, tenths):
    sec = case["disability_allowance"]
    sec["minimum_contribution_years"] = "100"  # always short: the limited regime
    before = result(case, ALLOWANCE).evaluation.amount("months")
    sec["contribution_years"] = str(Decimal(sec["contribution_years"]) + Decimal(tenths) / 10)
    assert result(case, ALLOWANCE).evaluation.amount("months") >= before


@settings(max_examples=200, deadline=None)
@given(allowance_cases())
def test_payment_starts_on_the_first_of_the_next_month_and_the_regime_follows_five_years(case):
    res = result(case, ALLOWANCE)
    sec = case["disability_allowance"]
    applied, retire = date.fromisoformat(sec["applied_on"]), date.fromisoformat(sec["statutory_retirement_on"])
    start = res.evaluation.date("payment_start")
    assert start.day == 1 and applied < start <= applied + timedelta(days=31)
    if Decimal(sec["contribution_years"]) >= Decimal(sec["minimum_contribution_years"]):
        recompute = res.evaluation.date("recompute_on")
        try:
            five_before = retire.replace(year=retire.year - 5)
        except ValueError:
            five_before = retire.replace(year=retire.year - 5, day=28)
        assert (recompute is None) == (applied >= five_before)


# --- 邮政快递重大事故隐患 --------------------------------------------------------------------

POSTAL = "employment.postal_express_major_hazard"
FLAGS = ["fire_responsibility_system", "fire_duties_implemented", "unapproved_fuel_or_gas_storage", "conveyor_guards",
         "sorting_emergency_stops", "sorting_hazard_signs", "pedestrian_vehicle_separation", "vehicle_routes_and_stops",
         "vehicle_zone_signs"]


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({f: st.none() | st.booleans() for f in FLAGS}))
def test_major_hazard_verdict_is_any_of_the_eight(site):
    ev = result({"postal_safety_site": site}, POSTAL).evaluation
    items = [f for f in ev.findings if f.id not in ("major_hazard", "screen_and_remove", "brand_owner_management")]
    assert len(items) == 8
    found = sum(1 for f in items if f.status.value == "not_met")
    assert ev.amount("major_hazards") == found
    verdict = ev.finding("major_hazard").status.value
    assert verdict == ("not_met" if found else ("unknown" if any(f.status.value == "unknown" for f in items) else "met"))


# --- every section, random facts: never a plugin error ------------------------------------------

LEAVES = {
    bool: st.booleans(),
    int: st.integers(0, 2100),
    str: st.sampled_from(["electrician", "welder", "x"]),
    Decimal: st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False).map(str),
    date: st.dates(min_value=date(2023, 1, 1), max_value=date(2040, 12, 31)).map(date.isoformat),
}


def json_strategy(tp):
    """Random JSON for a fact class (the kernel validates it; out-of-domain draws are discarded)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, __import__("types").UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return st.none() | st.one_of(*[json_strategy(a) for a in inner])
    if origin is tuple:
        return st.lists(json_strategy(typing.get_args(tp)[0]), max_size=4)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from([m.value for m in tp])
    if attrs.has(tp):
        hints = typing.get_type_hints(tp)
        return st.fixed_dictionaries({}, optional={f.name: json_strategy(hints[f.name]) for f in attrs.fields(tp)})
    return LEAVES[tp]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SECTIONS).flatmap(lambda s: st.tuples(st.just(s.name), json_strategy(s.type))),
       st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_random_sections_never_error(drawn, as_of):
    name, value = drawn
    try:
        case = KERNEL.load_case({name: value})
    except CaseValidationError:
        assume(False)
    for res in KERNEL.evaluate(case, as_of=as_of).results:
        assert res.status is not Status.ERROR, (name, value, res.error)
