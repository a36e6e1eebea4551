"""Legal invariants of the trade_investment policies, checked by hypothesis over generated cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status, dump
from zhengce.kernel import Kernel
from zhengce.kernel.testing import contract_strategy
from zhengce_trade_investment import facts
from zhengce_trade_investment._common import add_months
from zhengce_trade_investment.plugin import plugin

KERNEL = Kernel([plugin])
ELIGIBILITY = "trade_investment.strategic_investor_eligibility"
LOCKUP = "trade_investment.strategic_investment_lockup_and_reporting"
AEO = "trade_investment.aeo_customs_facilitation"
WAIVER = "trade_investment.aeo_duty_guarantee_waiver"
REINVEST = "trade_investment.fie_reinvestment_import_duty_exemption"
AS_OF = date(2026, 6, 1)

USD = st.integers(0, 10**9).map(lambda n: Decimal(n))
maybe = lambda s: st.none() | s  # noqa: E731


def days(start: date, end: date):
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


def investment(assets, managed, controlling, parent_assets=None, parent_route=None):
    return {"strategic_investment": {
        "investor_kind": "foreign_enterprise", "target": "a_share_listed", "method": "private_placement",
        "excluded_route": "none", "medium_to_long_term": True, "investment_on": "2025-03-10",
        "sound_and_well_governed": True, "assets_usd": str(assets), "managed_assets_usd": str(managed),
        "becomes_controlling_shareholder": controlling, "founded_on": "2010-01-01", "ever_penalised": False,
        "negative_list": "not_listed", "payment": "cash", "parent_route": parent_route,
        "parent_sound_and_well_governed": True, "parent_no_penalty_in_3_years": True, "joint_liability_undertaking": True,
        "parent_assets_usd": None if parent_assets is None else str(parent_assets), "parent_managed_assets_usd": "0"}}


def status(case, policy, as_of=AS_OF):
    result = KERNEL.evaluate(case, as_of=as_of).result(policy)
    assert result.status is not Status.ERROR, result.error
    return result


@settings(max_examples=150, deadline=None)
@given(USD, USD, st.sampled_from([True, False, None]))
def test_eligible_only_above_the_us_dollar_floors(assets, managed, controlling):
    """Applies iff own assets or managed assets reach the floor of the investor's position (USD, unconverted)."""
    result = status(investment(assets, managed, controlling), ELIGIBILITY)
    low = assets >= 50_000_000 or managed >= 300_000_000
    high = assets >= 100_000_000 or managed >= 500_000_000
    want = {True: high, False: low, None: high or (None if low else False)}[controlling]
    got = {Status.APPLIES: True, Status.DOES_NOT_APPLY: False, Status.CANNOT_TELL: None}[result.status]
    assert got == want
    if result.status is Status.APPLIES:
        assert {a.unit for a in result.evaluation.amounts} == {"USD"}


@settings(max_examples=100, deadline=None)
@given(USD, USD, st.integers(0, 10**8), st.booleans())
def test_more_assets_never_hurt(assets, managed, extra, controlling):
    before = status(investment(assets, managed, controlling), ELIGIBILITY).status
    after = status(investment(assets + extra, managed, controlling), ELIGIBILITY).status
    if before is Status.APPLIES:
        assert after is Status.APPLIES


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 49_999_999), USD, st.booleans())
def test_parent_route_is_the_parents_floor(assets, parent_assets, controlling):
    """Below its own floor, the investor qualifies through its wholly-owning investor exactly when the parent reaches it."""
    result = status(investment(assets, 0, controlling, parent_assets=parent_assets, parent_route=True), ELIGIBILITY)
    floor = 100_000_000 if controlling else 50_000_000
    assert (result.status is Status.APPLIES) == (parent_assets >= floor)


@settings(max_examples=150, deadline=None)
@given(days(date(2024, 12, 2), date(2030, 12, 31)), st.booleans(), maybe(st.integers(0, 900)),
       maybe(days(date(2024, 12, 2), date(2034, 12, 31))), days(date(2024, 12, 2), date(2034, 12, 31)))
def test_lockup_is_at_least_twelve_months_and_transfers_follow_it(acquired, breach, cured_after, longer, transfer_on):
    cured = None if cured_after is None else acquired + timedelta(days=cured_after)
    case = {"strategic_holding": {"acquired_on": acquired.isoformat(), "obtained_in_breach": breach,
                                  "conditions_met_on": None if cured is None else cured.isoformat(),
                                  "longer_lockup_last_day": None if longer is None else longer.isoformat(),
                                  "transfer_on": transfer_on.isoformat(), "transfer_reason": "ordinary", "serious": False}}
    ev = status(case, LOCKUP, as_of=acquired).evaluation
    last, free = ev.date("lockup_last_day"), ev.date("transferable_from")
    if breach and cured is None:
        assert last is None and free is None
        assert ev.finding("transfer_allowed").status.value == "not_met"
        return
    assert free == last + timedelta(days=1)
    assert last >= add_months(acquired, 12)
    if breach:
        assert last >= add_months(cured, 12)
    if longer is not None:
        assert last >= longer
    assert (ev.finding("transfer_allowed").status.value == "met") == (transfer_on >= free)


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=-1, max_value=1, places=4), st.booleans())
def test_report_due_exactly_above_five_percent_or_on_a_change_of_control(change, control):
    case = {"strategic_holding": {"acquired_on": "2025-01-31", "obtained_in_breach": False,
                                  "stake_change_since_report": str(change), "control_changed": control}}
    finding = status(case, LOCKUP).evaluation.finding("report_investment_information")
    assert (finding.status.value == "duty") == (abs(change) > Decimal("0.05") or control)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=0, max_value=1, places=4), days(date(2024, 4, 6), date(2030, 12, 31)))
def test_sampling_cap_is_a_fifth_and_the_disclosure_window_a_year(ratio, violation_on):
    case = {"customs_enterprise": {"is_aeo": True, "exports_food_or_cosmetics": True, "regular_sampling_ratio": str(ratio),
                                   "violation_on": violation_on.isoformat()}}
    ev = status(case, AEO).evaluation
    assert ev.amount("sampling_ratio_cap") == (ratio * Decimal("0.20")).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    assert ev.amount("sampling_ratio_cap") <= ratio
    deadline = ev.date("disclosure_deadline")
    assert 365 <= (deadline - violation_on).days <= 366


def waiver_case(taxes):
    years = [{"year": 2020 + i, "tax_paid": str(t)} for i, t in enumerate(taxes)]
    ends = [f"{y}-12-31" for y in range(2020, 2025)] + ["2025-02-28"]
    periods = [{"period_end": e, "debt_ratio": "0.4", "debt_ratio_excellent": "0.5", "cash_liability_ratio": "0.3",
                "cash_liability_excellent": "0.2"} for e in ends]
    return {"customs_enterprise": {"is_aeo": True, "production_enterprise": True},
            "guarantee_waiver": {"applied_on": "2025-03-15", "pilot_customs": True, "aeo_since": "2018-01-01",
                                 "ever_paid_tax_late": False, "ever_downgraded": False, "ever_suspended": False,
                                 "customs_penalty_in_5_years": False, "tax_years": years, "periods": periods}}


TAX = st.integers(9_000_000, 11_000_000).map(Decimal)


@settings(max_examples=150, deadline=None)
@given(st.lists(TAX, min_size=5, max_size=5), st.integers(0, 4), st.integers(0, 10**6))
def test_waiver_needs_every_year_at_ten_million_and_more_tax_never_hurts(taxes, which, extra):
    result = status(waiver_case(taxes), WAIVER, as_of=date(2025, 4, 1))
    assert (result.status is Status.APPLIES) == all(t >= 10_000_000 for t in taxes)
    if result.status is Status.APPLIES:
        assert result.evaluation.amount("lowest_annual_tax") == min(taxes)
    raised = list(taxes)
    raised[which] += extra
    if result.status is Status.APPLIES:
        assert status(waiver_case(raised), WAIVER, as_of=date(2025, 4, 1)).status is Status.APPLIES


ITEM = st.fixed_dictionaries({
    "customs_value": st.integers(0, 10**8).map(lambda n: str(Decimal(n) / 100)),
    "duty_rate": st.integers(0, 100).map(lambda n: str(Decimal(n) / 1000)),
    "for_own_use": st.booleans(),
    "in_non_exempt_catalogue": st.booleans(),
})


@settings(max_examples=150, deadline=None)
@given(st.lists(ITEM, max_size=5))
def test_duty_exempted_is_the_sum_over_own_use_items(items):
    case = {"reinvestment": {"investor_is_fie": True, "by_domestic_reinvestment": True, "meets_encouraged_catalogue": True,
                             "other_conditions_met": True, "equipment": items}}
    ev = status(case, REINVEST).evaluation
    cents = lambda x: x.quantize(Decimal("0.01"), ROUND_HALF_UP)  # noqa: E731 - the rounding the file declares
    want = sum((cents(Decimal(i["customs_value"]) * Decimal(i["duty_rate"])) for i in items
                if i["for_own_use"] and not i["in_non_exempt_catalogue"]), Decimal(0))
    assert ev.amount("duty_exempted") == want
    assert want <= sum((cents(Decimal(i["customs_value"]) * Decimal(i["duty_rate"])) for i in items), Decimal(0))


SECTION_TYPES = {s.name: s.type for s in facts.SECTIONS}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SECTION_TYPES)), st.data(), days(date(2024, 1, 1), date(2030, 12, 31)))
def test_no_case_makes_a_policy_fail(name, data, as_of):
    """Whatever facts a section gives or omits (within its fields' domains), every policy answers."""
    section = data.draw(contract_strategy(SECTION_TYPES[name], Decimal=st.decimals(min_value=0, max_value=1, places=4),
                                          int=st.integers(1990, 2030), date=st.dates(date(2015, 1, 1), date(2030, 12, 31))))
    record = KERNEL.evaluate({name: dump(section)}, as_of=as_of)
    for result in record.results:
        assert result.status is not Status.ERROR, (result.policy_id, result.error)
