"""Legal invariants of the patent-fee policies, checked by hypothesis over generated cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status
from zhengce.kernel import Kernel
from zhengce_ip.plugin import plugin
from zhengce_ip.term_compensation import full_years

KERNEL = Kernel([plugin])
AS_OF = date(2024, 9, 1)
MONEY = st.integers(0, 10**8).map(lambda n: Decimal(n) / 100)
RATE = st.integers(0, 100).map(lambda n: Decimal(n) / 100)


def cents(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), ROUND_HALF_UP)


def days(start: date, end: date):
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


def evaluation(case, policy):
    r = KERNEL.evaluate(case, as_of=AS_OF).result(policy)
    assert r.status is Status.APPLIES, (r.status, r.missing, r.error)
    return r.evaluation


@settings(max_examples=300, deadline=None)
@given(days(date(2030, 1, 1), date(2060, 12, 31)), st.integers(0, 6000))
def test_annual_fees_are_8000_per_whole_year_and_part_years_are_free(start, length):
    end = start + timedelta(days=length)
    case = {"patent_term_compensation": {"requested": True, "approved": True, "compensation_starts_on": start.isoformat(),
                                         "compensation_ends_on": end.isoformat()}}
    ev = evaluation(case, "ip.patent_term_compensation_fees")
    years = full_years(start, end)
    assert ev.amount("full_years") == years
    assert 365 * years <= length + 1 < 366 * (years + 1) + 1  # whole years fit in the period, one more does not
    assert ev.amount("compensation_annual_fees") == 8000 * years
    assert ev.amount("total_fees") == 200 + 8000 * years
    # one more day never lowers the fee
    assert full_years(start, end + timedelta(days=1)) >= years


@settings(max_examples=300, deadline=None)
@given(MONEY, st.lists(RATE, max_size=4))
def test_the_reduction_is_the_single_best_rate_never_a_sum(fee, others):
    case = {"patent_annual_fee": {"standard_fee": str(fee), "open_licence": True,
                                  "other_reductions": [{"basis": f"#{i}", "rate": str(r)} for i, r in enumerate(others)]}}
    ev = evaluation(case, "ip.patent_annual_fee_reduction")
    best = max([Decimal("0.15"), *others])
    assert ev.amount("reduction_rate") == best
    assert ev.amount("reduction") == cents(fee * best)
    assert ev.amount("fee_payable") == fee - cents(fee * best)
    assert Decimal(0) <= ev.amount("fee_payable") <= fee
    # never better than the best single policy: adding the rates is refused
    assert ev.amount("reduction") <= cents(fee * max(best, Decimal("0.15")))


@settings(max_examples=200, deadline=None)
@given(MONEY, st.lists(RATE, min_size=1, max_size=3), RATE)
def test_another_reduction_never_raises_the_fee(fee, others, extra):
    def payable(rates):
        case = {"patent_annual_fee": {"standard_fee": str(fee), "open_licence": True,
                                      "other_reductions": [{"basis": "x", "rate": str(r)} for r in rates]}}
        return evaluation(case, "ip.patent_annual_fee_reduction").amount("fee_payable")

    assert payable(others + [extra]) <= payable(others)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 500), MONEY, st.booleans(), st.booleans())
def test_a_qualifying_batch_pays_one_fee_otherwise_one_per_item(patents, unit, name_only, transfer):
    case = {"bibliographic_change": {"batch_request": True, "patents": patents, "name_change_only": name_only,
                                     "involves_transfer": transfer, "unit_fee": str(unit)}}
    ev = evaluation(case, "ip.batch_bibliographic_change_fee")
    charged = 1 if name_only and not transfer else patents
    assert ev.amount("fees_charged") == charged
    assert ev.amount("fee") == cents(unit * charged)
    assert ev.amount("fee") + ev.amount("saving") == cents(unit * patents)


@settings(max_examples=200, deadline=None)
@given(MONEY, RATE, st.booleans())
def test_hague_payable_is_the_fee_less_the_input_rate(fee, rate, qualifies):
    case = {"hague_design_fee": {"entered_via_hague": True, "phase": "second", "fee": str(fee), "qualifies": qualifies,
                                 "reduction_rate": str(rate)}}
    ev = evaluation(case, "ip.hague_design_fee_reduction")
    applied = rate if qualifies else Decimal(0)
    assert ev.amount("fee_payable") == fee - cents(fee * applied)
