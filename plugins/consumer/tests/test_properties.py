"""Legal invariants of the consumer policies, checked by hypothesis over generated cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status, dump
from zhengce.kernel import Kernel
from zhengce.kernel.testing import contract_strategy
from zhengce_consumer.facts import SECTIONS
from zhengce_consumer.plugin import plugin

KERNEL = Kernel([plugin])
AS_OF = date(2025, 6, 1)
MONEY = st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)
CENTS = Decimal("0.01")


def days(start: date, end: date):
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


def result(case, policy, as_of=AS_OF):
    r = KERNEL.evaluate(case, as_of=as_of).result(policy)
    assert r.status is not Status.ERROR, r.error
    return r


# --- fines -------------------------------------------------------------------------------

FINES = "consumer.cpl_regulation_fines"
LISTED_1 = [10, 11, 12, 13, 14, 16, 17, 19, 20, 21]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 53), MONEY)
def test_fine_is_the_paragraphs_multiple_or_its_cap(article, gains):
    case = {"consumer_violations": {"violations": [{"article": article, "illegal_gains": str(gains), "other_law_sets_penalty": False}]}}
    rng = result(case, FINES).evaluation.range(f"a{article}.fine")
    if article in LISTED_1:
        top, cap = Decimal(5), Decimal(300000)
    elif article == 22:
        top, cap = Decimal(10), Decimal(500000)
    else:
        assert rng is None  # 第五十条第三款: the law's ranges, not in the seed
        return
    assert rng.discretionary and rng.minimum <= rng.maximum
    if gains > 0:
        assert rng.minimum == gains.quantize(CENTS) and rng.maximum == (gains * top).quantize(CENTS)
    else:
        assert (rng.minimum, rng.maximum) == (0, cap)


@settings(max_examples=150, deadline=None)
@given(MONEY.filter(lambda g: g > 0), MONEY.filter(lambda g: g > 0), st.sampled_from(LISTED_1))
def test_fine_grows_with_gains_and_prepayment_breaches_cost_more(g1, g2, article):
    low, high = sorted((g1, g2))

    def cap(a, g):
        case = {"consumer_violations": {"violations": [{"article": a, "illegal_gains": str(g), "other_law_sets_penalty": False}]}}
        return result(case, FINES).evaluation.range(f"a{a}.fine").maximum

    assert cap(article, low) <= cap(article, high)
    assert cap(22, low) >= cap(article, low)


# --- prepaid -------------------------------------------------------------------------------

PREPAID = "consumer.prepaid_consumption"


@settings(max_examples=200, deadline=None)
@given(MONEY, MONEY, days(date(2024, 8, 1), date(2026, 12, 31)), st.integers(0, 60))
def test_refund_is_the_unconsumed_balance_and_notice_is_30_days(prepaid, consumed, closure, ahead):
    posted = closure - timedelta(days=ahead)
    case = {"prepaid_consumption": {"prepaid": str(prepaid), "consumed": str(consumed), "closure_on": closure.isoformat(),
                                    "notice_posted_on": posted.isoformat(), "consumer_demand": "refund"}}
    ev = result(case, PREPAID).evaluation
    refund = ev.amount("refund_due")
    assert refund == max(Decimal(0), prepaid - consumed).quantize(CENTS)
    assert Decimal(0) <= refund <= prepaid
    assert (ev.finding("closure_notice").status.value == "met") == (ahead >= 30)


# --- returns ---------------------------------------------------------------------------------

RETURNS = "consumer.returns_repairs_and_refunds"


@settings(max_examples=200, deadline=None)
@given(days(date(2024, 7, 1), date(2026, 12, 31)), st.integers(1, 1000), st.integers(0, 200), st.booleans(), st.booleans())
def test_warranty_end_is_start_plus_period_plus_repairs(start, period, repair, replaced, installed):
    purchase = {"delivered_on": start.isoformat(), "agreed_period_days": period, "repair_days": repair, "needs_installation": installed}
    if installed:
        purchase["installed_on"] = (start + timedelta(days=3)).isoformat()
    if replaced:
        purchase["replaced_on"] = (start + timedelta(days=30)).isoformat()
    ev = result({"consumer_purchase": purchase}, RETURNS).evaluation
    begin, end = ev.date("warranty_start"), ev.date("warranty_end")
    assert (end - begin).days == period + repair
    assert begin >= start  # a replacement or an installation only moves the start later


@settings(max_examples=150, deadline=None)
@given(MONEY, MONEY, st.none() | st.booleans())
def test_refund_is_the_invoice_unless_the_actual_price_is_proved(invoice, actual, proved):
    case = {"consumer_purchase": {"return_due": True, "invoice_price": str(invoice), "actual_paid": str(actual),
                                  "operator_proves_actual_paid": proved}}
    refund = result(case, RETURNS).evaluation.amount("refund")
    assert refund == (actual if proved else invoice).quantize(CENTS)


# --- fraud -----------------------------------------------------------------------------------

FRAUD = "consumer.fraud_compensation"


@settings(max_examples=200, deadline=None)
@given(MONEY, st.integers(0, 10), st.none() | MONEY)
def test_compensation_is_at_least_the_multiple_and_the_floor(price, multiple, floor):
    case = {"fraud_claim": {"price_paid": str(price), "fraud_found": True, "flaw_only_in_labels_not_misleading": False,
                            "claimant_schemed": False, "law_multiple": str(multiple),
                            "law_minimum": None if floor is None else str(floor)}}
    value = result(case, FRAUD).evaluation.amount("compensation")
    assert value >= (price * multiple).quantize(CENTS)
    if floor is not None:
        assert value >= floor
        assert value == max(price * multiple, floor).quantize(CENTS)


# --- complaints --------------------------------------------------------------------------------

COMPLAINTS = "consumer.complaint_handling_deadlines"


@settings(max_examples=200, deadline=None)
@given(days(date(2024, 7, 1), date(2026, 12, 31)), st.lists(days(date(2024, 7, 1), date(2027, 3, 31)), max_size=8),
       st.integers(0, 90))
def test_handling_deadline_is_the_seventh_working_day_and_mediation_60_plus_appraisal(received, holidays, appraisal):
    case = {"consumer_complaint": {"received_on": received.isoformat(), "holidays": [h.isoformat() for h in holidays],
                                   "accepted": True, "accepted_on": received.isoformat(), "mediation_agreed": True,
                                   "appraisal_days": appraisal}}
    ev = result(case, COMPLAINTS).evaluation
    deadline = ev.date("handling_deadline")
    off = set(holidays)
    working = [received + timedelta(days=n) for n in range(1, (deadline - received).days + 1)]
    working = [d for d in working if d.weekday() < 5 and d not in off]
    assert len(working) == 7 and working[-1] == deadline
    assert (ev.date("mediation_deadline") - received).days == 60 + appraisal


# --- drug licensing -------------------------------------------------------------------------------

DRUGS = "consumer.drug_retail_licensing_checks"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["otc_b", "otc_a", "rx"]), min_size=1, max_size=4))
def test_vending_machine_never_holds_class_a_or_prescription_drugs(classes):
    case = {"drug_licensing": {"kind": "retail", "vending_machine_classes": classes}}
    status = result(case, DRUGS).evaluation.finding("vending_classes").status.value
    assert (status == "met") == all(c == "otc_b" for c in classes)


@settings(max_examples=100, deadline=None)
@given(st.none() | st.booleans(), st.none() | st.booleans())
def test_no_deregistration_with_an_open_case_or_unfulfilled_penalty(open_case, unfulfilled):
    case = {"drug_licensing": {"kind": "wholesale", "deregistration_requested": True, "open_case": open_case,
                               "penalty_unfulfilled": unfulfilled}}
    status = result(case, DRUGS).evaluation.finding("deregistration_allowed").status.value
    if open_case or unfulfilled:
        assert status == "not_met"
    elif open_case is False and unfulfilled is False:
        assert status == "met"
    else:
        assert status == "unknown"


# --- every section, at random ------------------------------------------------------------------------

HINTS = {s.name: s.type for s in SECTIONS}


def strategy_for(tp):
    return contract_strategy(
        tp,
        int=st.integers(1, 53),
        str=st.sampled_from(["某市", "x"]),
        Decimal=st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False),
        date=st.dates(min_value=date(2023, 1, 1), max_value=date(2031, 12, 31)),
    )


@settings(deadline=None, max_examples=300)
@given(section=st.sampled_from(sorted(HINTS)), data=st.data(),
       as_of=st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31)))
def test_random_sections_never_error(section, data, as_of):
    value = data.draw(strategy_for(HINTS[section]))
    record = KERNEL.evaluate({section: dump(value)}, as_of=as_of)
    for r in record.results:
        assert r.status is not Status.ERROR, (section, r.error)
