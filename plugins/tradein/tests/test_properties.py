"""Legal invariants of the car scrappage subsidy, checked by hypothesis over generated cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status
from zhengce.kernel import Kernel
from zhengce.kernel.reference import regions
from zhengce_tradein.plugin import plugin

KERNEL = Kernel([plugin])
POLICY = "tradein.car_scrappage_subsidy"
ALLOWED = {Decimal(0), Decimal(7000), Decimal(10000), Decimal(15000), Decimal(20000)}
ISSUED_392 = date(2024, 8, 15)


def days(start: date, end: date):
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


maybe = lambda s: st.none() | s  # noqa: E731


@st.composite
def car_cases(draw):
    old_fuel = draw(st.sampled_from(["gasoline", "diesel", "other_fuel", "nev"]))
    new_fuel = draw(st.sampled_from(["gasoline", "diesel", "nev"]))
    window = lambda: days(date(2024, 4, 20), date(2025, 1, 14)).map(date.isoformat)  # noqa: E731
    return {
        "applicant": {"type": draw(st.sampled_from(["individual_consumer", "individual_consumer", "enterprise"]))},
        "old_vehicle": {
            "vehicle_class": draw(st.sampled_from(["small_passenger", "mini_passenger", "medium_passenger"])),
            "fuel": old_fuel,
            "registration_date": draw(days(date(2005, 1, 1), date(2019, 12, 31))).isoformat(),
            "in_applicant_name_since": draw(maybe(days(date(2010, 1, 1), date(2024, 8, 31)).map(date.isoformat))),
        },
        "new_vehicle": {
            "vehicle_class": "small_passenger",
            "fuel": new_fuel,
            "in_nev_catalogue": draw(maybe(st.booleans())),
            "displacement_l": draw(st.sampled_from(["1.0", "1.5", "2.0", "2.1", "3.0"])),
            "in_applicant_name": draw(maybe(st.booleans())),
        },
        "scrappage_application": {
            "submitted_on": draw(window()),
            "invoice_province": draw(st.sampled_from([p.name for p in regions().provinces] + ["火星"])),
            "scrap_certificate_on": draw(window()),
            "scrap_certificate_by_qualified_dismantler": draw(st.booleans()),
            "deregistration_certificate_on": draw(window()),
            "sales_invoice_on": draw(window()),
            "registration_certificate_on": draw(window()),
            "subsidy_already_paid": draw(st.sampled_from([None, "7000", "10000"])),
            "subsidy_paid_on": draw(maybe(days(date(2024, 5, 1), date(2024, 12, 31)).map(date.isoformat))),
        },
    }


def subsidy(record) -> Decimal:
    return subsidy_of(record.result(POLICY))


def subsidy_of(result) -> Decimal:
    assert result.status is not Status.ERROR, result.error
    if result.status is not Status.APPLIES:
        return Decimal(0)
    return result.evaluation.amount("subsidy")


KNOWN = days(date(2024, 4, 24), date(2025, 6, 30))


@settings(max_examples=200, deadline=None)
@given(car_cases(), KNOWN)
def test_subsidy_is_one_of_the_legal_amounts(case, known_at):
    assert subsidy(KERNEL.evaluate(case, as_of=known_at)) in ALLOWED


@settings(max_examples=200, deadline=None)
@given(car_cases(), KNOWN)
def test_central_plus_local_equals_subsidy(case, known_at):
    result = KERNEL.evaluate(case, as_of=known_at).result(POLICY)
    if result.status is Status.APPLIES and result.evaluation.amount("central_share") is not None:
        ev = result.evaluation
        assert ev.amount("central_share") + ev.amount("local_share") == ev.amount("subsidy")
        assert ev.amount("central_share") >= ev.amount("local_share") >= 0


@settings(max_examples=200, deadline=None)
@given(car_cases(), days(date(2024, 4, 24), ISSUED_392 - timedelta(days=1)), days(ISSUED_392, date(2025, 6, 30)),
       days(date(2010, 1, 1), date(2024, 4, 23)))
def test_known_after_392_is_never_below_known_before(case, before, after, owned_since):
    """392号 raises every amount retroactively.  It also makes two ownership conditions explicit
    (old car in the applicant's name by 2024-07-25, new car in the applicant's name): for a case
    that meets them, as every genuine 以旧换新 by one consumer does, the answer can only rise.
    (A case that fails them is refused once 392号 is known: YAML cases pin that narrowing.)"""
    case["old_vehicle"]["in_applicant_name_since"] = owned_since.isoformat()
    case["new_vehicle"]["in_applicant_name"] = True
    as_of = date(2024, 8, 1)
    old = KERNEL.evaluate(case, as_of=as_of, known_at=before).result(POLICY)
    new = KERNEL.evaluate(case, as_of=as_of, known_at=after).result(POLICY)
    if Status.CANNOT_TELL not in (old.status, new.status):
        assert subsidy_of(new) >= subsidy_of(old)


@settings(max_examples=200, deadline=None)
@given(car_cases(), KNOWN)
def test_top_up_is_the_difference_to_what_was_paid(case, known_at):
    result = KERNEL.evaluate(case, as_of=known_at).result(POLICY)
    if result.status is Status.APPLIES:
        top_up = result.evaluation.amount("top_up_due")
        paid = case["scrappage_application"]["subsidy_already_paid"]
        if top_up is not None:
            assert paid is not None and top_up == max(Decimal(0), result.evaluation.amount("subsidy") - Decimal(paid))


@settings(max_examples=100, deadline=None)
@given(car_cases(), KNOWN)
def test_reversing_plugin_registration_order_changes_nothing(case, known_at):
    from zhengce.kernel import PluginInfo, PolicySpec, hookimpl
    from zhengce.contracts import Applicability, Text

    class Other:
        @hookimpl
        def declare_plugin(self):
            return PluginInfo(name="other", distribution="zhengce-other", version="1")

        @hookimpl
        def declare_policies(self):
            return [PolicySpec(id="other.cars", title=Text(zh="x", en="x"), facts=("old_vehicle",))]

        @hookimpl
        def applies_to(self, policy, case, context):
            return Applicability(status=Status.DOES_NOT_APPLY)

    other = Other()
    assert Kernel([plugin, other]).evaluate(case, as_of=known_at) == Kernel([other, plugin]).evaluate(case, as_of=known_at)


SETTLEMENT = "tradein.car_scrappage_funding_settlement"
MONEY = st.integers(0, 10**10).map(lambda n: Decimal(n) / 100)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([p.name for p in regions().provinces]), MONEY, MONEY, st.none() | MONEY,
       days(date(2024, 4, 24), date(2025, 6, 30)))
def test_settlement_shares_sum_and_balance_is_due_minus_received(province, allotment, paid, received, known_at):
    case = {"scrappage_funding_settlement": {"province": province, "central_allotment": str(allotment),
                                             "subsidies_paid": str(paid),
                                             "central_received": None if received is None else str(received)}}
    ev = KERNEL.evaluate(case, as_of=known_at).result(SETTLEMENT).evaluation
    cents = lambda x: x.quantize(Decimal("0.01"), ROUND_HALF_UP)  # noqa: E731 - the rounding the file declares
    assert ev.amount("central_due") + ev.amount("local_due") == cents(paid)
    assert Decimal(0) <= ev.amount("local_due") <= ev.amount("central_due")
    assert ev.amount("pre_allocation") == cents(allotment * Decimal("0.70"))
    got = received if received is not None else ev.amount("pre_allocation")
    assert ev.amount("settlement_balance") == ev.amount("central_due") - cents(got)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([p.name for p in regions().provinces]), MONEY,
       days(date(2024, 4, 24), ISSUED_392 - timedelta(days=1)), days(ISSUED_392, date(2025, 6, 30)))
def test_central_share_due_never_falls_once_392_is_known(province, paid, before, after):
    case = {"scrappage_funding_settlement": {"province": province, "subsidies_paid": str(paid)}}

    def central(known):
        return KERNEL.evaluate(case, as_of=after, known_at=known).result(SETTLEMENT).evaluation.amount("central_due")

    assert central(after) >= central(before)


# --- 商消费函〔2024〕75号 第四条: a correction counts only on or before the application deadline ------
_CORRECTION_CASE = {
    "applicant": {"type": "individual_consumer"},
    "old_vehicle": {"vehicle_class": "small_passenger", "fuel": "gasoline", "registration_date": "2010-05-18", "in_applicant_name_since": "2015-03-02"},
    "new_vehicle": {"vehicle_class": "small_passenger", "fuel": "nev", "in_nev_catalogue": True, "in_applicant_name": True},
    "scrappage_application": {"submitted_on": "2024-09-10", "invoice_province": "广东省", "scrap_certificate_on": "2024-09-01",
                              "scrap_certificate_by_qualified_dismantler": True, "deregistration_certificate_on": "2024-09-02",
                              "sales_invoice_on": "2024-09-05", "registration_certificate_on": "2024-09-06", "correction_requested": True},
}


@settings(deadline=None, max_examples=40)
@given(st.dates(min_value=date(2024, 9, 10), max_value=date(2025, 3, 31)))
def test_correction_met_exactly_up_to_the_deadline(corrected_on):
    case = {**_CORRECTION_CASE, "scrappage_application": {**_CORRECTION_CASE["scrappage_application"], "corrected_on": corrected_on.isoformat()}}
    r = KERNEL.evaluate(case, as_of=date(2025, 6, 1)).result("tradein.car_scrappage_subsidy")
    assert r.status is Status.APPLIES
    assert (r.evaluation.finding("corrected").status.value == "met") == (corrected_on <= date(2025, 1, 10))
