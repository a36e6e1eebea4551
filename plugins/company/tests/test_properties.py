"""Legal invariants of the company policies, checked by hypothesis over generated cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import FindingStatus, Status
from zhengce.kernel import Kernel
from zhengce_company.plugin import plugin
from zhengce_company.workdays import add_working_days, calendar

KERNEL = Kernel([plugin])
LIMIT = date(2032, 6, 30)  # the last day of five years from 2027-07-01
ADJUST_BY = date(2027, 6, 30)


def days(start: date, end: date):
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


def result(case, policy, as_of):
    r = KERNEL.evaluate(case, as_of=as_of).result(policy)
    assert r.status is not Status.ERROR, r.error
    return r


@settings(max_examples=300, deadline=None)
@given(days(date(2023, 12, 1), date(2026, 12, 31)), st.integers(1, 40))
def test_the_deadline_is_the_nth_working_day_after_the_start(start, n):
    count = add_working_days(start, n)
    cal = calendar()
    assert count.end > start
    assert cal.is_working_day(count.end)
    worked = sum(cal.is_working_day(start + timedelta(days=k)) for k in range(1, (count.end - start).days + 1))
    assert worked == n


@settings(max_examples=200, deadline=None)
@given(days(date(2024, 1, 1), date(2026, 12, 31)), days(date(2024, 1, 1), date(2026, 12, 31)), st.integers(1, 30))
def test_a_later_start_never_gives_an_earlier_deadline(a, b, n):
    a, b = sorted((a, b))
    assert add_working_days(a, n).end <= add_working_days(b, n).end
    assert add_working_days(a, n).end < add_working_days(a, n + 1).end


@settings(max_examples=200, deadline=None)
@given(days(date(2024, 7, 1), date(2026, 12, 31)), st.integers(-5, 60), days(date(2024, 7, 2), date(2027, 6, 30)))
def test_published_in_time_iff_published_by_the_deadline(arose, offset, as_of):
    published = arose + timedelta(days=max(offset, 0))
    case = {"capital_change": {"kind": "contribution_amount", "arose_on": arose.isoformat(), "published_on": published.isoformat()}}
    ev = result(case, "company.capital_information_publicity", as_of).evaluation
    due = ev.date("publicity_deadline")
    assert due == add_working_days(arose, 20).end
    assert (ev.finding("published_in_time").status is FindingStatus.MET) == (published <= due)


@settings(max_examples=300, deadline=None)
@given(days(date(2000, 1, 1), date(2026, 12, 31)), days(date(2025, 1, 1), date(2070, 12, 31)),
       days(date(2024, 7, 1), date(2035, 12, 31)))
def test_only_companies_registered_by_the_cutoff_and_due_after_2032_06_30_must_adjust(registered, due, as_of):
    case = {"registered_capital": {"kind": "limited_liability", "registered_on": registered.isoformat(),
                                   "contribution_due_on": due.isoformat()}}
    r = result(case, "company.registered_capital_transition", as_of)
    if registered > date(2024, 6, 30):
        assert r.status is Status.DOES_NOT_APPLY
        return
    ev = r.evaluation
    needs = ev.finding("within_five_years").status is FindingStatus.NOT_MET
    assert needs == (due > LIMIT)
    assert (ev.date("adjustment_deadline") is not None) == needs
    if needs:  # never adjusted: a breach exactly once the deadline has passed
        status = ev.finding("adjusted_in_time").status
        assert status is (FindingStatus.NOT_MET if as_of > ADJUST_BY else FindingStatus.NOT_YET_DUE)
        assert (ev.finding("order_to_correct") is not None) == (as_of > ADJUST_BY)


@settings(max_examples=200, deadline=None)
@given(days(date(2032, 7, 1), date(2060, 1, 1)), days(date(2027, 1, 1), date(2040, 1, 1)),
       days(date(2024, 7, 1), date(2028, 12, 31)))
def test_adjusted_in_time_needs_both_the_day_and_the_new_period(original, new_due, adjusted_on):
    case = {"registered_capital": {"kind": "limited_liability", "registered_on": "2019-01-01",
                                   "contribution_due_on": original.isoformat(), "adjusted_due_on": new_due.isoformat(),
                                   "adjusted_on": adjusted_on.isoformat()}}
    ev = result(case, "company.registered_capital_transition", date(2029, 1, 1)).evaluation
    met = ev.finding("adjusted_in_time").status is FindingStatus.MET
    assert met == (adjusted_on <= ADJUST_BY and new_due <= LIMIT)


@settings(max_examples=200, deadline=None)
@given(st.booleans(), st.decimals(min_value=0, max_value=100000, places=1, allow_nan=False, allow_infinity=False))
def test_road_freight_scope(dangerous, mass):
    case = {"road_freight_opening": {"dangerous_goods": dangerous, "heaviest_vehicle_total_mass_kg": str(mass),
                                     "applied_on": "2025-03-07"}}
    r = result(case, "company.road_freight_one_stop_opening", date(2025, 6, 1))
    assert (r.status is Status.APPLIES) == (not dangerous and mass > Decimal(4500))
    if r.status is Status.APPLIES:
        assert r.evaluation.date("decision_deadline") == add_working_days(date(2025, 3, 7), 5).end


@settings(max_examples=200, deadline=None)
@given(days(date(2015, 1, 1), date(2026, 12, 31)), days(date(2024, 7, 1), date(2030, 12, 31)), st.integers(0, 2000))
def test_announcement_never_before_three_full_years_and_never_shorter_than_60_days(revoked, as_of, start_after):
    start = revoked + timedelta(days=start_after)
    case = {"revoked_company": {"revoked_on": revoked.isoformat(), "deregistration_applied": False,
                                "announcement_started_on": start.isoformat(), "objection_raised": False}}
    ev = result(case, "company.deregistration_by_announcement", as_of).evaluation
    first = ev.date("announcement_possible_from")
    assert first > revoked and (first - revoked).days in (1096, 1097, 1095 + 2)  # three years and a day
    assert (ev.finding("announcement_possible").status is FindingStatus.MET) == (as_of >= first)
    assert ev.date("announcement_ends_no_earlier_than") == start + timedelta(days=60)
    assert (ev.finding("may_deregister").status is FindingStatus.MET) == (as_of > start + timedelta(days=60))


FLAGS = st.none() | st.booleans()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["change", "deregistration", "restaurant_opening"]), FLAGS, FLAGS, FLAGS, FLAGS, FLAGS)
def test_breaches_count_the_authorities_not_met_duties(matter, resubmission, paper, extra, signage, arrears):
    case = {"one_stop_service": {"matter": matter, "resubmission_demanded": resubmission, "paper_tax_clearance_demanded": paper,
                                 "extra_food_licence_requirements": extra, "signage_approval_without_legal_basis": signage,
                                 "wage_arrears": arrears}}
    ev = result(case, "company.one_stop_change_and_deregistration", date(2024, 9, 1)).evaluation
    expected = {"change": [resubmission], "deregistration": [paper], "restaurant_opening": [extra, signage]}[matter]
    assert ev.amount("breaches") == sum(1 for flag in expected if flag is True)
