"""设备更新贷款财政贴息的办理时限 — 财金〔2024〕54号 三（二）至（六）、五（一）.

The deadlines of the subsidy's administration, each binding a government body (the provincial or city
finance department, the Ministry of Finance's local supervision bureau), not the borrowing firm: the
80 % advance within 5 working days, the city review within 1 month after the quarter, the province's and
the bureau's review steps within 10 working days each, the remaining 20 % within 10 working days, the
yearly settlement (end of February, end of March), the final liquidation (1 month each) and the 2024
demand report (10 July 2024).  Working days are counted on the shared, cited holiday calendar
(:mod:`zhengce.kernel.workdays`).  A step is computed when the case gives the day its period starts;
whether it was done in time when it also gives the day it was done.  Numbers and readings are in
``parameters/equipment_renewal_subsidy_deadlines.yaml``.
"""

from __future__ import annotations

import calendar as _months
from datetime import date

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions
from zhengce.kernel.workdays import add_working_days, record_deadline

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.equipment_renewal_subsidy_deadlines"
S = "equipment_renewal_subsidy_procedure"

QUARTER_ENDS = {(3, 31), (6, 30), (9, 30), (12, 31)}

# (step id, parameter, counted in, start field, done field, deadline label, finding label)
STEPS = (
    ("advance", "advance.working_days", "working_days", "application_received_on", "advance_paid_on",
     T(zh="80%贴息资金拨付期限最后一日（省级财政部门→经办银行省级分支机构）", en="Last day to pay the 80% advance (provincial finance to the bank's provincial branch)"),
     T(zh="省级财政部门按时拨付季度贴息资金需求的80%", en="Provincial finance paid 80% of the quarter's need in time")),
    ("city_review", "city_review.months", "months", "quarter_end", "city_review_reported_on",
     T(zh="地市级财政部门报送审核结果期限最后一日", en="Last day for city finance to report its review results"),
     T(zh="地市级财政部门按时向省级财政部门报送审核结果", en="City finance reported its review results to provincial finance in time")),
    ("province_review", "province_review.working_days", "working_days", "city_results_received_on", "review_request_sent_on",
     T(zh="省级财政部门报送审核申请期限最后一日", en="Last day for provincial finance to send the review request"),
     T(zh="省级财政部门按时向财政部当地监管局报送贴息资金审核申请", en="Provincial finance sent the review request to the local supervision bureau in time")),
    ("bureau_opinion", "bureau_opinion.working_days", "working_days", "review_request_received_on", "review_opinion_returned_on",
     T(zh="监管局反馈审核意见期限最后一日", en="Last day for the supervision bureau to return its opinion"),
     T(zh="财政部当地监管局按时反馈审核意见", en="The local supervision bureau returned its opinion in time")),
    ("remainder", "remainder.working_days", "working_days", "review_opinion_received_on", "remainder_paid_on",
     T(zh="剩余20%贴息资金拨付期限最后一日（省级财政部门→经办银行省级分支机构）", en="Last day to pay the remaining 20% (provincial finance to the bank's provincial branch)"),
     T(zh="省级财政部门按时拨付相关季度剩余20%贴息资金", en="Provincial finance paid the quarter's remaining 20% in time")),
    ("liquidation_report", "liquidation.report_months", "months", "policy_ended_on", "liquidation_report_submitted_on",
     T(zh="清算报告提交期限最后一日", en="Last day to submit the liquidation report"),
     T(zh="省级财政部门按时向财政部提交贴息资金清算报告", en="Provincial finance submitted the liquidation report in time")),
    ("liquidation_opinion", "liquidation.opinion_months", "months", "liquidation_report_received_on", "liquidation_opinion_issued_on",
     T(zh="清算审核意见出具期限最后一日", en="Last day for the liquidation opinion"),
     T(zh="财政部当地监管局按时出具贴息资金清算审核意见", en="The local supervision bureau issued its liquidation opinion in time")),
)

DONE_WORDS = {
    FindingStatus.MET: ("于 {} 办理，未超过期限", "done on {}, within the period"),
    FindingStatus.NOT_MET: ("于 {} 办理，超过期限", "done on {}, after the period"),
}


def add_months(day: date, n: int) -> date:
    """The last day of a period of ``n`` months counted after ``day`` (not counted): the same day ``n``
    months later, or that month's last day when it has no such day or ``day`` is its month's last day."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    last = _months.monthrange(year, month)[1]
    if day.day == _months.monthrange(day.year, day.month)[1]:
        return date(year, month, last)
    return date(year, month, min(day.day, last))


def month_end(year: int, month: int) -> date:
    return date(year, month, _months.monthrange(year, month)[1])


def timeliness(done: date | None, due: date, as_of: date) -> FindingStatus:
    """A step with a last day (含当日): met if done by it, not met if done later or still not done once
    it has passed, not yet due while not done and the day has not passed."""
    if done is not None:
        return FindingStatus.MET if done <= due else FindingStatus.NOT_MET
    return FindingStatus.NOT_YET_DUE if as_of <= due else FindingStatus.NOT_MET


MONTHS = {2: "February", 3: "March"}


def _detail(done: date | None, status: FindingStatus, reading: Text | None) -> Text:
    """What the case says about the step, then the reading of its period."""
    if done is None:
        zh = "案件未给出办理日期" + ("，期限已过" if status is FindingStatus.NOT_MET else "，期限未到")
        en = "The case gives no day it was done" + (", and the period has passed" if status is FindingStatus.NOT_MET else ", and the period has not ended")
    else:
        zh, en = (w.format(done) for w in DONE_WORDS[status])
    if reading is not None:
        zh, en = f"{zh}；{reading.zh}", f"{en}. {reading.en}"
    return T(zh=zh, en=en)


def _after(label: Text, start: date, n: int) -> Text:
    return T(zh=f"{label.zh}（{start} 之后 {n} 个月）", en=f"{label.en} ({n} month{'s' if n > 1 else ''} after {start})")


def _starts(sec) -> dict[str, date | None]:
    starts = {field: getattr(sec, field) for _, _, _, field, _, _, _ in STEPS}
    starts["settlement_year"] = sec.settlement_year
    starts["demand_report_2024_submitted_on"] = sec.demand_report_2024_submitted_on
    return starts


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.equipment_renewal_subsidy_procedure
    p = Params(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    starts = _starts(sec)
    given = {k: v for k, v in starts.items() if v is not None}
    conds.check("a_step_is_given", T(zh="案件给出至少一个办理环节的起算日", en="The case gives the starting day of at least one step"),
                True if given else None, facts={f"{S}.{k}": v for k, v in (given or starts).items()},
                missing=[] if given else [f"{S}.application_received_on"], cite=p("advance.working_days"))
    if sec.quarter_end is not None:
        conds.check("quarter_end", T(zh="所给季度结束日为自然季度的最后一日", en="The quarter end given is the last day of a calendar quarter"),
                    (sec.quarter_end.month, sec.quarter_end.day) in QUARTER_ENDS,
                    facts={f"{S}.quarter_end": sec.quarter_end}, cite=p("city_review.months"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.equipment_renewal_subsidy_procedure
    p = Params(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    corrections = {f"{S}.{name}": ", ".join(map(str, days)) for name, days in
                   (("working_days_off", sec.working_days_off), ("extra_working_days", sec.extra_working_days)) if days}
    for step, name, unit, start_field, done_field, deadline_label, label in STEPS:
        start = getattr(sec, start_field)
        if start is None:
            continue
        if step == "remainder":
            if sec.review_passed is None:
                calc.need(f"{S}.review_passed")
                calc.finding("remainder_in_time", FindingStatus.UNKNOWN, label, facts={f"{S}.review_passed": None}, cite=p(name))
                continue
            if sec.review_passed is False:
                calc.finding("review_failed_recovered", FindingStatus.DUTY, params["review_failed.recovered"].label,
                             facts={f"{S}.review_passed": False}, cite=p("review_failed.recovered"))
                continue
        rule = p(name)
        facts = {f"{S}.{start_field}": start}
        if unit == "working_days":
            count = add_working_days(start, rule.value, sec.working_days_off, sec.extra_working_days)
            due = record_deadline(calc, f"{step}_deadline", count, deadline_label, cite=rule, facts={**facts, **corrections})
        else:
            due = calc.date(f"{step}_deadline", add_months(start, rule.value), _after(deadline_label, start, rule.value),
                            cite=rule, facts=facts)
        done = getattr(sec, done_field)
        status = timeliness(done, due, ctx.as_of)
        calc.finding(f"{step}_in_time", status, label, detail=_detail(done, status, p.reading(name)),
                     facts={f"{S}.{done_field}": done}, cite=rule)
    if sec.review_passed is not None:
        calc.finding("bank_feedback", FindingStatus.DUTY, params["bank_feedback"].label, cite=p("bank_feedback"))
    first_demand = p("demand_2024.by")
    if sec.settlement_year is not None and sec.settlement_year <= first_demand.value.year:
        calc.finding("annual_not_yet", FindingStatus.INFO,
                     T(zh=f"{sec.settlement_year}年无上一年度贴息资金可结算：当年需求报告按五（一）于{first_demand.value}前报送",
                       en=f"{sec.settlement_year} has no previous year to settle: that year's demand report is due by {first_demand.value} under 五（一）"),
                     facts={f"{S}.settlement_year": sec.settlement_year}, cite=first_demand)
    elif sec.settlement_year is not None:
        for step, name, done, what in (
                ("annual_report", "annual.report_month", sec.annual_report_submitted_on,
                 T(zh="年度结算申请报告和需求报告提交期限最后一日", en="Last day to submit the yearly settlement and demand reports")),
                ("annual_opinion", "annual.opinion_month", sec.annual_opinion_issued_on,
                 T(zh="监管局出具结算审核意见期限最后一日", en="Last day for the bureau's opinion on the settlement"))):
            rule = p(name)
            due = month_end(sec.settlement_year, rule.value)
            calc.date(f"{step}_deadline", due, T(zh=f"{what.zh}（{sec.settlement_year}年{rule.value}月底）",
                                                 en=f"{what.en} (end of {MONTHS[rule.value]} {sec.settlement_year})"),
                      cite=rule, facts={f"{S}.settlement_year": sec.settlement_year})
            status = timeliness(done, due, ctx.as_of)
            calc.finding(f"{step}_in_time", status, params[name].label, detail=_detail(done, status, p.reading(name)),
                         facts={f"{S}.{'annual_report_submitted_on' if step == 'annual_report' else 'annual_opinion_issued_on'}": done},
                         cite=rule)
    if sec.demand_report_2024_submitted_on is not None:
        rule = p("demand_2024.by")
        done = sec.demand_report_2024_submitted_on
        status = timeliness(done, rule.value, ctx.as_of)
        calc.finding("demand_2024_in_time", status, params["demand_2024.by"].label, detail=_detail(done, status, p.reading("demand_2024.by")),
                     facts={f"{S}.demand_report_2024_submitted_on": done}, cite=rule)
    return calc.result()


HEADLINE: dict[str, tuple[str, str]] = {}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, HEADLINE)
