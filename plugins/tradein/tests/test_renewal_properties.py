"""Legal invariants of the renewal and trade-in programme's policies (国发〔2024〕7号, 商消费发〔2024〕58号,
商流通发〔2024〕18号), checked by hypothesis."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status
from zhengce.kernel import Kernel
from zhengce_tradein.plugin import plugin
from zhengce_tradein.renewal_targets import MEASURES, targets
from zhengce_tradein.plugin import RENEWAL_TARGETS

KERNEL = Kernel([plugin])
TARGETS = targets(RENEWAL_TARGETS.parameters)
LEVEL = st.integers(0, 10**8).map(lambda n: Decimal(n) / 100)
AFTER_2027 = st.dates(min_value=date(2028, 1, 1), max_value=date(2030, 12, 31))


def _finding(case, tid, as_of):
    r = KERNEL.evaluate(case, as_of=as_of).result("tradein.renewal_targets")
    assert r.status is Status.APPLIES, r
    return r.evaluation.finding(tid).status.value


def _report(measure, year, value, baseline, tol=None):
    m = {"indicator": measure, "year": year, "value": str(value)}
    if MEASURES[measure][0] == "growth":
        m["baseline"] = str(baseline)
    return {"renewal_indicator_report": {"approx_tolerance_pct": None if tol is None else str(tol), "measurements": [m]}}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TARGETS), LEVEL, LEVEL, st.integers(1, 10**6).map(lambda n: Decimal(n) / 100), AFTER_2027)
def test_a_target_met_stays_met_when_the_value_rises(target, value, more, baseline, as_of):
    tid, measure, year = target
    low = _finding(_report(measure, year, value, baseline), tid, as_of)
    high = _finding(_report(measure, year, value + more, baseline), tid, as_of)
    assert low in ("met", "not_met") and high in ("met", "not_met")
    assert not (low == "met" and high == "not_met")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([t for t in TARGETS if MEASURES[t[1]][0] == "growth"]), st.integers(1, 10**6), AFTER_2027)
def test_growth_exactly_at_the_strict_target_is_met_and_a_cent_less_is_not(target, baseline, as_of):
    """Every growth target is "at least" (以上, 增长X%, 增加一倍; 约 without tolerance is strict)."""
    tid, measure, year = target
    pct = RENEWAL_TARGETS.parameters[f"{tid}.target"].values[0].value
    level = Decimal(baseline) * (1 + pct / 100)
    assert _finding(_report(measure, year, level, baseline), tid, as_of) == "met"
    assert _finding(_report(measure, year, level - Decimal("0.01"), baseline), tid, as_of) == "not_met"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(TARGETS), LEVEL, LEVEL)
def test_never_judged_on_or_before_its_deadline(target, value, baseline):
    tid, measure, year = target
    assert _finding(_report(measure, year, value, baseline), tid, date(year, 12, 31)) == "not_yet_due"
    assert _finding(_report(measure, year, value, baseline), tid, date(year + 1, 1, 1)) in ("met", "not_met")


MONEY = st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)
FLAG = st.none() | st.booleans()
DAY = st.dates(min_value=date(2024, 3, 27), max_value=date(2026, 12, 31))


@settings(max_examples=150, deadline=None)
@given(FLAG, FLAG, MONEY, st.none() | MONEY, DAY)
def test_local_measures_breaches_and_recovery(designated, catalogue, paid, recovered, as_of):
    case = {"tradein_local_measures": {"requires_designated_recycler": designated,
                                       "sets_regional_or_technology_catalogue": catalogue,
                                       "fraud_subsidies_paid": str(paid),
                                       "fraud_subsidies_recovered": None if recovered is None else str(recovered)}}
    ev = KERNEL.evaluate(case, as_of=as_of).result("tradein.tradein_local_measures").evaluation
    assert ev.amount("breaches") == (designated is True) + (catalogue is True)
    cents = lambda x: x.quantize(Decimal("0.01"), ROUND_HALF_UP)  # noqa: E731 - the rounding the file declares
    assert ev.amount("recovery_due") == cents(paid)  # 追回已发放的补贴资金: all of it, never more
    outstanding = ev.amount("recovery_outstanding")
    assert outstanding == max(Decimal(0), cents(paid) - cents(recovered or Decimal(0)))
    assert Decimal(0) <= outstanding <= ev.amount("recovery_due")
    assert ev.finding("fraud_recovery").status.value == ("duty" if outstanding > 0 else "met")


@settings(max_examples=60, deadline=None)
@given(FLAG, FLAG, st.dates(min_value=date(2024, 1, 23), max_value=date(2026, 12, 31)))
def test_recycler_breaches_are_the_duties_known_undone(sells, ledger, as_of):
    case = {"appliance_recycler": {"sells_only_to_compliant_dismantlers": sells, "keeps_intake_and_sales_ledger": ledger}}
    ev = KERNEL.evaluate(case, as_of=as_of).result("tradein.appliance_recycler_duties").evaluation
    assert ev.amount("breaches") == (sells is False) + (ledger is False)
    assert {f.status.value for f in ev.findings} <= {"duty", "met", "not_met"}


@settings(max_examples=60, deadline=None)
@given(FLAG, FLAG, st.dates(min_value=date(2024, 3, 7), max_value=date(2026, 12, 31)))
def test_simplified_approval_exactly_without_new_land_and_mainly_renewal(adds_land, mainly, as_of):
    case = {"equipment_renewal_project": {"field": "industry", "kind": "technical_renovation", "adds_land": adds_land,
                                          "mainly_equipment_renewal": mainly}}
    ev = KERNEL.evaluate(case, as_of=as_of).result("tradein.equipment_renewal_scope").evaluation
    status = ev.finding("simplified_preapproval").status.value
    if adds_land is False and mainly is True:
        assert status == "met"
    elif adds_land is True or mainly is False:
        assert status == "not_met"
    else:
        assert status == "unknown"
