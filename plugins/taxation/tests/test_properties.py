"""Hypothesis invariants of the taxation plugin's policies."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status
from zhengce.kernel import Kernel
from zhengce_taxation import neeq_dividend, plugin

KERNEL = Kernel([plugin])
SETTINGS = settings(deadline=None, max_examples=120)
CENT = Decimal("0.01")


def _amounts_are_cents(result):
    for a in result.evaluation.amounts if result.evaluation else ():
        if a.unit == "CNY":
            assert isinstance(a.value, Decimal), a
            assert a.value == a.value.quantize(CENT), a


# --- neeq_dividend_iit -------------------------------------------------------------

def _dividend_case(acquired: date, record: date, delivered: date, shares: int, per_share: Decimal) -> dict:
    return {"neeq_dividend_account": {
        "investor": "individual", "company_kind": "listed",
        "acquisitions": [{"day": acquired.isoformat(), "shares": shares}],
        "transfers": [{"day": delivered.isoformat(), "shares": shares}],
        "dividends": [{"record_date": record.isoformat(), "per_share": str(per_share)}],
    }}


@SETTINGS
@given(acquired=st.dates(date(2024, 1, 1), date(2027, 6, 30)), to_record=st.integers(0, 400),
       d1=st.integers(1, 900), extra=st.integers(0, 500), shares=st.integers(1, 10**6),
       per_share=st.decimals("0.0001", "5", places=4))
def test_dividend_tax_non_increasing_in_holding_period(acquired, to_record, d1, extra, shares, per_share):
    record = max(acquired + timedelta(days=to_record), date(2024, 7, 1))
    if record > date(2027, 12, 31) or record < acquired:
        return
    t1 = record + timedelta(days=d1)
    t2 = t1 + timedelta(days=extra)
    taxes = []
    for t in (t1, t2):
        rec = KERNEL.evaluate(_dividend_case(acquired, record, t, shares, per_share), as_of=date(2030, 1, 1))
        res = rec.result(neeq_dividend.POLICY_ID)
        assert res.status is Status.APPLIES, res
        _amounts_are_cents(res)
        taxes.append(res.evaluation.amount("tax_total"))
    assert taxes[0] >= taxes[1]
    gross = shares * per_share
    assert taxes[0] <= (gross * Decimal("0.2")).quantize(CENT) + CENT


movements = st.lists(st.tuples(st.integers(0, 60), st.integers(-500, 800).filter(lambda n: n != 0)), max_size=25)


@SETTINGS
@given(moves=movements)
def test_fifo_lots_partition_the_shares_exactly(moves):
    start = date(2024, 7, 1)
    acq, trs, held = [], [], 0
    for offset, n in sorted(moves):
        day = start + timedelta(days=offset)
        if n > 0:
            acq.append((day, n)); held += n
        elif held + n >= 0:
            trs.append((day, -n)); held += n
    try:
        lots, portions = neeq_dividend.fifo_match(acq, trs)
    except neeq_dividend.Oversold:
        # same-day netting can only make a legal sequence more legal; ordering within a day may differ
        return
    by_lot = defaultdict(int)
    for p in portions:
        by_lot[p.acquired_on] += p.shares
        assert p.shares > 0
        assert p.delivered_on is None or p.delivered_on >= p.acquired_on
    assert dict(by_lot) == {lot.acquired_on: lot.shares for lot in lots}
    sold = defaultdict(int)
    for p in portions:
        if p.delivered_on is not None:
            sold[p.delivered_on] += p.shares
    expected = {d: -n for d, n in neeq_dividend.net_by_day(acq, trs) if n < 0}
    assert dict(sold) == expected
    # first in, first out: a later lot is never delivered before an earlier lot is exhausted
    delivered = sorted((p for p in portions if p.delivered_on), key=lambda p: (p.delivered_on, p.acquired_on))
    for a, b in zip(delivered, delivered[1:]):
        assert a.acquired_on <= b.acquired_on
