"""Hypothesis invariants of the finance policies (issue 4)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status
from zhengce.kernel import Kernel
from zhengce_finance import plugin as declared
from zhengce_finance.plugin import plugin
from zhengce.kernel.workdays import add_working_days, calendar
from zhengce_finance.equipment_renewal import add_years
from zhengce_finance.subsidy_deadlines import add_months

KERNEL = Kernel([plugin])
SETTINGS = settings(deadline=None, max_examples=120)
ER = "finance.equipment_renewal_loan_subsidy"
ER_PARAMS = declared.EQUIPMENT_RENEWAL.parameters
KNOWN = date(2026, 1, 1)
RATE = ER_PARAMS.at("rate", None, KNOWN).value
YEARS = ER_PARAMS.at("term_years", None, KNOWN).value
W_FROM = ER_PARAMS.at("contracts.from", None, KNOWN).value
W_UNTIL = ER_PARAMS.at("contracts.until", None, KNOWN).value
BANKS = ER_PARAMS.at("banks", None, KNOWN).value


def _result(case: dict, as_of: date = date(2026, 6, 30)):
    return KERNEL.evaluate(case, as_of=as_of).result(ER)


money = st.decimals(min_value=Decimal("10000"), max_value=Decimal("50000000"), places=0)
days = st.dates(min_value=date(2024, 3, 7), max_value=date(2024, 12, 31))


@st.composite
def loans(draw):
    signed = draw(days)
    paid = signed + timedelta(days=draw(st.integers(0, 200)))
    principal = draw(money)
    repayments = []
    left = principal
    for _ in range(draw(st.integers(0, 3))):
        amount = draw(st.decimals(min_value=Decimal(0), max_value=left, places=0))
        repayments.append({"repaid_on": (paid + timedelta(days=draw(st.integers(-30, 900)))).isoformat(), "amount": str(amount)})
        left -= amount
    loan = {
        "project_on_candidate_list": True, "pboc_relending_supported": True,
        "lending_bank": draw(st.sampled_from(BANKS)),
        "loan_contract_signed_on": signed.isoformat(), "purchase_contract_signed_on": draw(days).isoformat(),
        "paid_to_supplier_on": paid.isoformat(), "principal": str(principal), "repayments": repayments,
        "day_count_basis": draw(st.sampled_from([360, 365])),
        "annual_interest_rate": str(draw(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.08"), places=4))),
    }
    if draw(st.booleans()):
        loan["maturity_date"] = (paid + timedelta(days=draw(st.integers(30, 1500)))).isoformat()
    return loan


def _quarters(ev):
    keys = {a.name.split("_", 1)[1] for a in ev.amounts if a.name.startswith("subsidy_20")}
    return sorted(keys)


@SETTINGS
@given(loans())
def test_interest_subsidy_bounds(loan):
    result = _result({"equipment_renewal_loan": loan})
    assert result.status is Status.APPLIES
    ev = result.evaluation
    total = ev.amount("subsidy_total")
    principal = Decimal(loan["principal"])
    assert Decimal(0) <= total <= principal * RATE * YEARS
    paid = date.fromisoformat(loan["paid_to_supplier_on"])
    start, end = ev.date("accrual_start"), ev.date("accrual_end")
    assert start == paid and end <= add_years(paid, YEARS)
    basis = Decimal(loan["day_count_basis"])
    interest_rate = Decimal(loan["annual_interest_rate"])
    for q in _quarters(ev):
        sub, adv, settle = ev.amount(f"subsidy_{q}"), ev.amount(f"advance_{q}"), ev.amount(f"settlement_{q}")
        assert sub >= 0 and adv + settle == sub
        # accrues only inside the window: every quarter with a subsidy meets [start, end)
        y, n = int(q[:4]), int(q[5])
        q_start, q_end = date(y, 3 * n - 2, 1), (date(y + 1, 1, 1) if n == 4 else date(y, 3 * n + 1, 1))
        assert q_start < end and start < q_end
        # never more than the interest charged for the same quarter (on the same principal-days)
        assert ev.amount(f"net_interest_{q}") >= 0
        days_in = (min(q_end, end) - max(q_start, start)).days
        assert sub <= (principal * days_in * interest_rate / basis).quantize(Decimal("0.01")) + Decimal("0.01")


@SETTINGS
@given(loans(), st.text(alphabet="甲乙丙丁城市农商村镇银行", min_size=2, max_size=8))
def test_unlisted_bank_gives_nothing(loan, bank):
    if bank in BANKS or bank.removeprefix("中国") in BANKS:
        return
    loan["lending_bank"] = bank
    result = _result({"equipment_renewal_loan": loan})
    assert result.status is Status.DOES_NOT_APPLY and result.evaluation is None


@SETTINGS
@given(loans(), st.one_of(st.dates(max_value=W_FROM - timedelta(days=1), min_value=date(2023, 1, 1)),
                          st.dates(min_value=W_UNTIL + timedelta(days=1), max_value=date(2026, 1, 1))),
       st.sampled_from(["loan_contract_signed_on", "purchase_contract_signed_on"]))
def test_contract_outside_window_gives_nothing(loan, day, field):
    loan[field] = day.isoformat()
    result = _result({"equipment_renewal_loan": loan})
    assert result.status is Status.DOES_NOT_APPLY and result.evaluation is None


# --- 财金〔2024〕60号 -----------------------------------------------------------------

TG = "finance.tech_sme_guarantee"
TG_PARAMS = declared.TECH_GUARANTEE.parameters
THRESHOLD = TG_PARAMS.at("fee.threshold", None, KNOWN).value
CAP_ABOVE = TG_PARAMS.at("fee.cap_above", None, KNOWN).value
CAP_BELOW = TG_PARAMS.at("fee.cap_at_or_below", None, KNOWN).value
TIER_CAPS = {c: TG_PARAMS.at(f"fund_cap.{t}", None, KNOWN).value
             for t in ("tier1", "tier2", "tier3") for c in TG_PARAMS.at(f"fund_cap.{t}.categories", None, KNOWN).value}
FIRM = {"registered_in_prc": True, "independent_legal_person": True, "on_abnormal_or_dishonest_list": False,
        "products_prohibited_restricted_or_obsolete": False, "major_incident_or_violation_3y": False}
share = st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=2)


@SETTINGS
@given(categories=st.lists(st.sampled_from(sorted(TIER_CAPS)), min_size=1, max_size=4, unique=True),
       amount=st.one_of(st.decimals(min_value=Decimal(1), max_value=Decimal("60000000"), places=2), st.just(THRESHOLD)),
       fee=st.decimals(min_value=Decimal(0), max_value=Decimal("0.01"), places=4),
       bank=share, gov=share, fund=share, prov=share)
def test_guarantee_caps_and_shares(categories, amount, fee, bank, gov, fund, prov):
    case = {"enterprise": {"size": "small"}, "tech_guarantee_firm": {**FIRM, "categories": categories},
            "tech_guarantee_deal": {"guarantee_amount": str(amount), "reguarantee_fee_rate": str(fee), "bank_share": str(bank),
                                    "government_share": str(gov), "fund_share": str(fund), "provincial_reguarantee_share": str(prov),
                                    "other_fees": [], "borrower_guaranteed_balance": "1000000", "compensation_cap_rate": "0.05"}}
    result = KERNEL.evaluate(case, as_of=date(2024, 9, 1)).result(TG)
    assert result.status is Status.APPLIES
    ev = result.evaluation
    fee_cap = ev.amount("reguarantee_fee_cap")
    assert fee_cap <= CAP_ABOVE
    if amount <= THRESHOLD:
        assert fee_cap <= CAP_BELOW
    assert (ev.finding("reguarantee_fee").status.value == "met") == (fee <= fee_cap)
    cap = ev.amount("fund_share_cap")
    assert cap == max(TIER_CAPS[c] for c in categories) and cap <= max(TIER_CAPS.values())
    # the fund's share passes only within its tier cap
    assert (ev.finding("fund_share").status.value == "met") == (fund <= cap)
    # a deal with no breach has bank + government = 100%, bank ≥ 20%, government ≤ 80%, fund ≤ cap
    if ev.amount("breach_count") == 0:
        assert bank + gov == 1 and fund <= cap and fund + prov <= gov


# --- 财建〔2024〕148号 ----------------------------------------------------------------

LG = "finance.little_giant_award"
LG_PARAMS = declared.LITTLE_GIANT.parameters
MIN_PLAN = LG_PARAMS.at("plan.min_investment", None, KNOWN).value
FIRST_SHARE = LG_PARAMS.at("tranche.first_share", None, KNOWN).value
CLAW = LG_PARAMS.at("clawback.threshold", None, KNOWN).value


@SETTINGS
@given(plan=st.one_of(st.decimals(min_value=Decimal(0), max_value=Decimal("100000000"), places=0), st.just(MIN_PLAN)),
       ended=st.booleans(), realised=st.decimals(min_value=Decimal(0), max_value=Decimal("100000000"), places=0),
       met=st.booleans())
def test_little_giant_tranches(plan, ended, realised, met):
    case = {"little_giant_award": {"little_giant_valid": True, "in_key_field": True, "listings": [],
                                   "supported_under_caijian_2021_2": False, "applied_via_third_party": False,
                                   "plan_aspects": ["new_product"], "plan_targets_set": True, "plan_investment": str(plan),
                                   "period_ended": ended, "realised_investment": str(realised), "targets_met": met}}
    result = KERNEL.evaluate(case, as_of=date(2027, 6, 30)).result(LG)
    if plan <= MIN_PLAN:  # no award without a plan over 20,000,000
        assert result.status is Status.DOES_NOT_APPLY and result.evaluation is None
        return
    ev = result.evaluation
    award = ev.amount("award_basis")
    assert ev.amount("tranche_1") == (award * FIRST_SHARE).quantize(Decimal("0.01"))
    if ended:
        net = ev.amount("net_award")
        assert Decimal(0) <= net <= award
        assert ev.amount("tranche_1") + ev.amount("tranche_2") - ev.amount("clawback") == net
        if realised < CLAW:
            assert net == 0


# --- 金发〔2024〕2号 二（五）: NPL tolerance for small and micro tech firms -------------------------
NPL = "finance.tech_npl_tolerance"
NPL_MARGIN = declared.NPL_TOLERANCE.parameters.at("npl.small_micro_margin", None, KNOWN).value
RATIOS = st.decimals(min_value=Decimal("0"), max_value=Decimal("0.5"), places=4)


@SETTINGS
@given(RATIOS, RATIOS)
def test_npl_within_tolerance_exactly_when_at_most_overall_plus_margin(overall, tech):
    r = KERNEL.evaluate({"tech_lending_npl": {"firm_size": "small_micro", "overall_npl_ratio": str(overall),
                                              "tech_npl_ratio": str(tech)}}, as_of=date(2024, 6, 1)).result(NPL)
    assert r.status is Status.APPLIES
    assert r.evaluation.amount("tolerated_npl_ratio") == overall + NPL_MARGIN
    assert (r.evaluation.finding("within_tolerance").status.value == "met") == (tech <= overall + NPL_MARGIN)


# --- 财办会〔2024〕15号: the audit report checklist -------------------------------------------------
AR = "finance.little_giant_audit_report"
TRI = st.sampled_from([True, False, None])


@SETTINGS
@given(st.sampled_from(["application", "expiry_review", "info_update"]), TRI, TRI)
def test_audit_report_findings_follow_the_facts(occasion, code, original):
    r = KERNEL.evaluate({"little_giant_audit_report": {"occasion": occasion, "verification_code": code,
                                                        "uploaded_platform_original": original}}, as_of=date(2024, 6, 1)).result(AR)
    ev = r.evaluation
    word = {True: "met", False: "not_met", None: "unknown"}
    assert ev.finding("coded_report").status.value == word[code]
    assert ev.finding("platform_original").status.value == word[original]
    assert (ev.finding("ask_auditor") is not None) == (code is not True)
    assert (ev.finding("admissible").status.value == "met") == (code is True and original is True)  # 三: both, always


# --- 财金〔2024〕54号: the administrative deadlines, on the shared working-day calendar -----------------
DL = "finance.equipment_renewal_subsidy_deadlines"
DL_PARAMS = declared.SUBSIDY_DEADLINES.parameters
ADVANCE_DAYS = DL_PARAMS.at("advance.working_days", None, KNOWN).value
STEP_DAYS = st.dates(min_value=date(2024, 6, 21), max_value=date(2025, 12, 1))


@SETTINGS
@given(STEP_DAYS, st.integers(0, 30), st.integers(0, 40))
def test_advance_in_time_exactly_when_paid_by_the_nth_working_day(received, paid_after, as_of_after):
    paid = received + timedelta(days=paid_after)
    r = KERNEL.evaluate({"equipment_renewal_subsidy_procedure": {"application_received_on": received.isoformat(),
                                                                 "advance_paid_on": paid.isoformat()}},
                        as_of=received + timedelta(days=as_of_after)).result(DL)
    due = r.evaluation.date("advance_deadline")
    assert due == add_working_days(received, ADVANCE_DAYS).end
    assert calendar().working_days_between(received, due) == ADVANCE_DAYS and calendar().is_working_day(due)
    assert (r.evaluation.finding("advance_in_time").status.value == "met") == (paid <= due)


@SETTINGS
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)), st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_one_month_later_is_after_the_start_within_31_days_and_never_goes_back(a, b):
    a, b = sorted((a, b))
    assert a < add_months(a, 1) <= a + timedelta(days=31)
    assert add_months(a, 1) <= add_months(b, 1)


# --- 工信厅企业函〔2024〕221号: who may answer a need, and how many are chosen -------------------------
CH = "finance.large_firm_challenge"
CH_PARAMS = declared.LARGE_FIRM_CHALLENGE.parameters
CH_MIN = CH_PARAMS.at("selection.min", None, KNOWN).value
CH_MAX = CH_PARAMS.at("selection.max", None, KNOWN).value


@SETTINGS
@given(st.sampled_from([True, False]), st.lists(st.sampled_from(["subsidiary", "holding_company", "supplier", "other_related"]), max_size=3),
       st.integers(0, 6))
def test_a_solver_may_answer_exactly_when_an_unrelated_sme_and_a_need_takes_one_or_two(sme, ties, chosen):
    r = KERNEL.evaluate({"large_firm_challenge": {"meets_sme_standard": sme, "relations_checked": True,
                                                  "relations_to_poster": ties, "solvers_selected": chosen}},
                        as_of=date(2024, 9, 1)).result(CH)
    ev = r.evaluation
    assert (ev.finding("may_answer").status.value == "met") == (sme and not ties)
    assert (ev.finding("solvers_per_need").status.value == "met") == (CH_MIN <= chosen <= CH_MAX)


# --- 国办发〔2024〕10号 / 15号 -----------------------------------------------------------------------
PAY, PLAT, REL = "finance.payment_acceptance", "finance.credit_platform_consolidation", "finance.credit_information_release"
PLAT_PARAMS = declared.CREDIT_PLATFORMS.parameters
PLAT_MAX = {"province": PLAT_PARAMS.at("provincial.max", None, KNOWN).value, "city": PLAT_PARAMS.at("local.max", None, KNOWN).value,
            "county": PLAT_PARAMS.at("local.max", None, KNOWN).value}
BOOL = st.sampled_from([True, False])


@SETTINGS
@given(BOOL, BOOL, BOOL, BOOL)
def test_only_an_above_scale_venue_owes_each_means_of_payment(above, mobile, card, cash):
    r = KERNEL.evaluate({"payment_venue": {"venue_type": "scenic_spot", "above_scale": above, "accepts_mobile": mobile,
                                           "accepts_bank_card": card, "accepts_cash": cash}}, as_of=date(2024, 6, 1)).result(PAY)
    failed = {f.id for f in r.evaluation.findings if f.status.value == "not_met"}
    want = {f"accepts_{k}" for k, v in (("mobile", mobile), ("bank_card", card), ("cash", cash)) if not v} if above else set()
    assert failed == want


@SETTINGS
@given(st.sampled_from(["province", "city", "county"]), st.integers(0, 5))
def test_platform_count_met_exactly_up_to_the_limit(level, n):
    r = KERNEL.evaluate({"credit_platform_region": {"level": level, "platforms": n}}, as_of=date(2024, 6, 1)).result(PLAT)
    assert (r.evaluation.finding("platform_count").status.value == "met") == (n <= PLAT_MAX[level])


@SETTINGS
@given(BOOL, st.sampled_from([True, False, None]), st.sampled_from([True, False, None]))
def test_sensitive_information_needs_desensitisation_or_authorisation(sensitive, desensitised, authorised):
    r = KERNEL.evaluate({"credit_information_release": {"touches_secrets_or_privacy": sensitive, "desensitised": desensitised,
                                                        "subject_authorised": authorised}}, as_of=date(2024, 6, 1)).result(REL)
    status = r.evaluation.finding("may_provide_sensitive").status.value
    if not sensitive or desensitised or authorised:
        assert status == "met"
    elif desensitised is False and authorised is False:
        assert status == "not_met"
    else:
        assert status == "unknown"
