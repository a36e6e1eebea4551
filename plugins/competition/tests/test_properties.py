"""Legal invariants of the competition policies, checked by hypothesis over generated cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import FindingStatus, Status
from zhengce.kernel import Kernel
from zhengce.kernel.testing import contract_strategy
from zhengce_competition import facts
from zhengce_competition.plugin import COMPLAINT_HANDLING, FINES, MERGER_FILING, plugin

KERNEL = Kernel([plugin])
AS_OF = date(2025, 6, 1)


def _param(spec, name):
    return spec.parameters.at(name, None, AS_OF).value


WORLD, CHINA = _param(MERGER_FILING, "threshold.worldwide_total"), _param(MERGER_FILING, "threshold.china_total")
EACH, NEEDED = _param(MERGER_FILING, "threshold.each_china"), _param(MERGER_FILING, "threshold.parties_over_each")
#: Turnovers around the thresholds, so that every boundary is hit often.
TURNOVER = st.sampled_from([0, 1, EACH - 1, EACH, EACH + 1, CHINA // 2, CHINA, CHINA + 1, WORLD // 2, WORLD, WORLD + 1]) | \
    st.integers(0, 2 * WORLD).map(Decimal)
PARTIES = st.lists(st.tuples(TURNOVER, TURNOVER), min_size=0, max_size=4)


def _merger(parties):
    case = {"concentration_of_undertakings": {"kind": "merger", "parties": [
        {"worldwide_turnover": str(max(w, c)), "china_turnover": str(c)} for w, c in parties]}}
    return KERNEL.evaluate(case, as_of=AS_OF).result(MERGER_FILING.id).evaluation


@settings(max_examples=300, deadline=None)
@given(PARTIES)
def test_filing_required_exactly_when_a_threshold_is_exceeded(parties):
    ev = _merger(parties)
    world = sum((max(w, c) for w, c in parties), Decimal(0))
    china = sum((c for _, c in parties), Decimal(0))
    two = sum(1 for _, c in parties if c > EACH) >= NEEDED
    expected = two and (world > WORLD or china > CHINA)
    assert ev.finding("filing_required").status is (FindingStatus.MET if expected else FindingStatus.NOT_MET)
    assert ev.amount("worldwide_total") == world and ev.amount("china_total") == china


@settings(max_examples=200, deadline=None)
@given(PARTIES.filter(bool), st.data())
def test_more_turnover_never_removes_the_filing_duty(parties, data):
    i = data.draw(st.integers(0, len(parties) - 1))
    extra = data.draw(st.integers(0, WORLD).map(Decimal))
    w, c = parties[i]
    richer = parties[:i] + [(w + extra, c + extra)] + parties[i + 1:]
    if _merger(parties).finding("filing_required").status is FindingStatus.MET:
        assert _merger(richer).finding("filing_required").status is FindingStatus.MET


KINDS = st.sampled_from(list(facts.ProvisionKind))
PROVISION = st.fixed_dictionaries({"kind": KINDS.map(lambda k: k.value)}, optional={
    "legal_basis": st.booleans(), "state_council_approval": st.booleans(),
    "exception_ground": st.sampled_from([g.value for g in facts.ExceptionGround]),
    "less_restrictive_alternative": st.booleans(), "term_or_end_condition": st.booleans()})


def _review(provisions, reviewed=True):
    case = {"fair_competition_measure": {"concerns_economic_activity": True, "drafter": "department", "reviewed": reviewed,
                              "provisions": provisions}}
    return KERNEL.evaluate(case, as_of=AS_OF).result("competition.fair_competition_review").evaluation


@settings(max_examples=300, deadline=None)
@given(st.lists(PROVISION, min_size=1, max_size=5), st.booleans())
def test_may_issue_only_when_reviewed_and_nothing_prohibited(provisions, reviewed):
    ev = _review(provisions, reviewed)
    statuses = [ev.finding(f"provision_{i + 1}").status for i in range(len(provisions))]
    assert ev.amount("prohibited_provisions") == statuses.count(FindingStatus.NOT_MET) <= len(provisions)
    may = ev.finding("may_issue").status
    if not reviewed or FindingStatus.NOT_MET in statuses:
        assert may is FindingStatus.NOT_MET
    elif all(s is FindingStatus.MET for s in statuses):
        assert may is FindingStatus.MET
    else:
        assert may is FindingStatus.UNKNOWN


@settings(max_examples=200, deadline=None)
@given(st.lists(PROVISION, min_size=0, max_size=4), st.sampled_from([k for k in facts.ProvisionKind if k is not facts.ProvisionKind.NEUTRAL]))
def test_an_unexcepted_prohibited_provision_always_bars_issue(provisions, kind):
    bad = {"kind": kind.value, "legal_basis": False, "state_council_approval": False}
    assert _review(provisions + [bad]).finding("may_issue").status is FindingStatus.NOT_MET


@settings(max_examples=200, deadline=None)
@given(st.lists(PROVISION, min_size=1, max_size=5), st.randoms())
def test_provision_order_does_not_change_the_count(provisions, rnd):
    shuffled = list(provisions)
    rnd.shuffle(shuffled)
    assert _review(provisions).amount("prohibited_provisions") == _review(shuffled).amount("prohibited_provisions")


DAYS = st.dates(min_value=date(2024, 10, 13), max_value=date(2027, 12, 31))
HOLIDAYS = st.lists(st.dates(min_value=date(2024, 10, 13), max_value=date(2028, 3, 31)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(DAYS, DAYS, HOLIDAYS, HOLIDAYS)
def test_correction_deadline_is_the_seventh_working_day_and_verification_sixty_days(asked, complete, off, extra):
    case = {"fair_competition_complaint": {"received_on": "2024-10-13", "measure_level": "same_level_government_unit",
                                           "correction_requested_on": asked.isoformat(), "corrected_on": asked.isoformat(),
                                           "still_unclear_after_correction": False, "alleges_violation": True,
                                           "repeat_of_closed_complaint": False, "review_or_litigation_accepted": False,
                                           "materials_complete_on": complete.isoformat(),
                                           "working_days_off": [d.isoformat() for d in off],
                                           "extra_working_days": [d.isoformat() for d in extra]}}
    ev = KERNEL.evaluate(case, as_of=date(2028, 6, 1)).result(COMPLAINT_HANDLING.id).evaluation
    due = ev.date("correction_deadline")
    n = _param(COMPLAINT_HANDLING, "refusal.correction_working_days")
    working = lambda d: (d.weekday() < 5 and d not in off) or d in extra  # noqa: E731
    span = [asked + timedelta(days=k) for k in range(1, (due - asked).days + 1)]
    assert working(due) and sum(1 for d in span if working(d)) == n
    assert ev.date("verification_deadline") == complete + timedelta(days=_param(COMPLAINT_HANDLING, "verification.days"))


AMOUNT = st.integers(0, 10**7).map(Decimal)


@settings(max_examples=300, deadline=None)
@given(AMOUNT, AMOUNT, st.none() | st.booleans())
def test_range_ratio_is_at_most_ten_unless_excepted(low, high, exempt):
    case = {"fine_provision": {"instrument": "administrative_regulation", "minimum_amount": str(low), "maximum_amount": str(high),
                               "concerns_life_health_or_financial_security": exempt}}
    ev = KERNEL.evaluate(case, as_of=AS_OF).result(FINES.id).evaluation
    status = ev.finding("range_within_ratio_amount").status
    within = low > 0 and high <= _param(FINES, "range.max_ratio") * low
    if within:
        assert status is FindingStatus.MET
    else:
        assert status is {True: FindingStatus.INFO, False: FindingStatus.NOT_MET, None: FindingStatus.UNKNOWN}[exempt]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2024, 2, 9), max_value=date(2027, 1, 1)), st.booleans(), st.integers(0, 120))
def test_amendment_deadline_is_sixty_days_plus_at_most_thirty(issued, special, delay):
    case = {"fine_provision": {"instrument": "departmental_rule", "minimum_amount": "1", "maximum_amount": "2",
                               "state_council_decision": "adjust", "state_council_decision_on": issued.isoformat(),
                               "special_reasons_for_delay": special, "amended_on": (issued + timedelta(days=delay)).isoformat()}}
    ev = KERNEL.evaluate(case, as_of=date(2027, 6, 1)).result(FINES.id).evaluation
    assert ev.date("amendment_deadline") == issued + timedelta(days=60)
    limit = 90 if special else 60
    assert ev.finding("amended_in_time").status is (FindingStatus.MET if delay <= limit else FindingStatus.NOT_MET)


SECTIONS = {s.name: s.type for s in facts.SECTIONS}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(SECTIONS)), st.data())
def test_any_valid_section_evaluates_without_error(name, data):
    """Whatever a valid case holds, every policy answers (never a plugin error) and explains itself."""
    from zhengce.contracts import unstructure

    value = data.draw(contract_strategy(SECTIONS[name], Decimal=st.decimals(0, 10**10, places=2, allow_nan=False, allow_infinity=False),
                                        date=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))))
    record = KERNEL.evaluate({name: unstructure(value)}, as_of=AS_OF)
    for result in record.results:
        assert result.status is not Status.ERROR, result.error
        for lang in ("zh", "en"):
            assert KERNEL.explain(result, lang).summary
