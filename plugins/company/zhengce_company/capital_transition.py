"""注册资本登记管理过渡 — 国令第784号 第二、三、六、七、九条.

A company registered by 2024-06-30 comes under the revised Company Law's five-year rule through a
transition: a limited company whose remaining subscribed-contribution period runs more than five
years from 2027-07-01 cuts it, in its articles, by 2027-06-30, and its shareholders pay within the
adjusted period; a joint-stock company's founders pay their shares in full by 2027-06-30.  SAMR may
let a company of national or major public interest keep its original period.  Not adjusting leads
to an order to correct, then a special mark; an obviously abnormal period or capital (第三条) and the
separate register of 第七条 are findings on facts the authority supplies.
"""

from __future__ import annotations

from datetime import date, timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from .common import Lookup, T, deadline_status, explain as _explain
from .facts import CompanyKind

POLICY_ID = "company.registered_capital_transition"
S = "registered_capital"


def add_years(start: date, years: int) -> date:
    """The same day ``years`` later (29 February falls back to 28 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def latest_due_day(start: date, years: int) -> date:
    """The last day of a period of ``years`` years that starts on (and counts) ``start``: the
    day before ``start`` taken ``years`` later (民法典 第二百零三条's corresponding day; the end of
    February when there is none)."""
    return add_years(start - timedelta(days=1), years)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.registered_capital
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    scope = p.rule("scope.registered_by")
    conds.check("company_kind", T("有限责任公司或股份有限公司", "A limited company or a joint-stock company"),
                None if sec.kind is None else True, facts={f"{S}.kind": sec.kind}, cite=p.rule("llc.adjust_by").citation)
    registered = sec.registered_on
    conds.check("registered_by_cutoff", T("于 {} 前（含当日）登记设立", "Registered on or before {}", scope.value),
                None if registered is None else registered <= scope.value,
                facts={f"{S}.registered_on": registered}, cite=scope.citation)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.registered_capital
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    exception = p.rule("exception.original_period")
    if sec.original_period_approved:
        calc.finding("original_period_kept", FindingStatus.MET, exception.label, cite=exception.citation,
                     facts={f"{S}.original_period_approved": True})
        breach: bool | None = False
    elif sec.kind is CompanyKind.LIMITED_LIABILITY:
        breach = _limited_company(sec, p, calc, ctx.as_of)
    else:
        breach = _joint_stock(sec, p, calc, ctx.as_of)
    _abnormal(sec, p, calc)
    if breach:
        _consequences(sec, p, calc, ctx.as_of)
    _separate_register(sec, p, calc, breach)
    return calc.result()


def _limited_company(sec, p: Lookup, calc: Calculation, as_of: date) -> bool | None:
    """The five-year cut, its deadline and the payment within the adjusted period; True on a breach."""
    start, years, adjust_by = p.rule("llc.period_counted_from"), p.rule("llc.max_remaining_years"), p.rule("llc.adjust_by")
    limit = calc.date("latest_due_day", latest_due_day(start.value, years.value),
                      T("调整后认缴出资期限最晚届满日（自 {} 起 {} 年的最后一日）",
                        "Latest due day of the adjusted contribution period (the last day of {1} years from {0})",
                        start.value, years.value), cite=years.citation)
    due = sec.contribution_due_on
    if due is None:
        calc.need(f"{S}.contribution_due_on")
        calc.finding("within_five_years", FindingStatus.UNKNOWN, years.label, cite=years.citation, facts={f"{S}.contribution_due_on": None})
        return None
    within = due <= limit
    calc.finding("within_five_years", FindingStatus.MET if within else FindingStatus.NOT_MET,
                 T("剩余认缴出资期限自 {} 起不超过 {} 年", "Remaining period at most {1} years from {0}", start.value, years.value),
                 facts={f"{S}.contribution_due_on": due}, cite=start.citation)
    breach: bool | None = False
    if within:
        effective = due
    else:
        calc.date("adjustment_deadline", adjust_by.value, adjust_by.label, cite=adjust_by.citation)
        adjusted, on = sec.adjusted_due_on, sec.adjusted_on
        facts = {f"{S}.adjusted_due_on": adjusted, f"{S}.adjusted_on": on}
        if adjusted is None and on is None:
            status = FindingStatus.NOT_YET_DUE if as_of <= adjust_by.value else FindingStatus.NOT_MET
        elif adjusted is None or on is None:
            calc.need(*(k for k, v in facts.items() if v is None))
            status = FindingStatus.UNKNOWN
        elif adjusted > limit:
            status = FindingStatus.NOT_MET  # adjusted, but still beyond five years
        else:
            status = deadline_status(on, adjust_by.value, as_of)
        calc.finding("adjusted_in_time", status, T("在 {} 前将期限调整至 {} 前并记载于章程", "Period cut to end by {1} in the articles by {0}",
                                                   adjust_by.value, limit), facts=facts, cite=adjust_by.citation)
        breach = None if status is FindingStatus.UNKNOWN else status is FindingStatus.NOT_MET
        effective = adjusted if status is FindingStatus.MET else None
    if effective is not None:
        pay = p.rule("llc.pay_within_adjusted_period")
        status = deadline_status(sec.paid_in_full_on, effective, as_of)
        calc.finding("paid_in_full", status, T("股东在认缴出资期限（{}）内足额缴纳", "Shareholders paid in full within the period (by {})", effective),
                     facts={f"{S}.paid_in_full_on": sec.paid_in_full_on}, cite=pay.citation)
        if status is FindingStatus.NOT_MET:
            _penalty(p, calc)
    return breach


def _joint_stock(sec, p: Lookup, calc: Calculation, as_of: date) -> bool:
    """Founders pay their shares in full by 2027-06-30; True on a breach."""
    rule = p.rule("jsc.pay_in_full_by")
    calc.date("founders_payment_deadline", rule.value, rule.label, cite=rule.citation)
    status = deadline_status(sec.paid_in_full_on, rule.value, as_of)
    calc.finding("founders_paid_in_full", status, rule.label, facts={f"{S}.paid_in_full_on": sec.paid_in_full_on}, cite=rule.citation)
    if status is FindingStatus.NOT_MET:
        _penalty(p, calc)
    return status is FindingStatus.NOT_MET


def _penalty(p: Lookup, calc: Calculation) -> None:
    rule = p.rule("penalties.reference")
    calc.finding("penalty_under_company_law", FindingStatus.INFO, rule.label, cite=rule.citation,
                 detail=T("罚款数额由公司法、《企业信息公示暂行条例》规定，不在种子文件中",
                          "The amounts are set by the Company Law and the Interim Regulation on Enterprise Information Publicity, not in the seed"))


def _abnormal(sec, p: Lookup, calc: Calculation) -> None:
    """第三条: only the registration authority's own assessment decides; the case gives it or not."""
    rule = p.rule("abnormal.may_require_adjustment")
    if sec.obviously_abnormal is None:
        calc.info("obviously_abnormal", rule.label, cite=rule.citation,
                  note=T("由登记机关结合经营范围、经营状况、出资能力等研判；案件未给出", "The authority's own assessment of scope, operations and the shareholders' means; not given"))
        return
    calc.finding("obviously_abnormal", finding_status(sec.obviously_abnormal), rule.label,
                 facts={f"{S}.obviously_abnormal": sec.obviously_abnormal}, cite=rule.citation)


def _consequences(sec, p: Lookup, calc: Calculation, as_of: date) -> None:
    """第六条: an order to correct, then a special mark once the correction deadline has passed."""
    order, mark = p.rule("failure.order_to_correct"), p.rule("failure.special_mark")
    calc.finding("order_to_correct", FindingStatus.DUTY, order.label, cite=order.citation,
                 facts={f"{S}.ordered_to_correct_on": sec.ordered_to_correct_on})
    due, corrected = sec.correction_due_on, sec.corrected_on
    if sec.ordered_to_correct_on is None or due is None:
        calc.info("special_mark", mark.label, cite=mark.citation, note=T("尚无责令改正及其期限", "No order to correct with a deadline yet"))
        return
    if corrected is not None:
        status = FindingStatus.NOT_MET if corrected <= due else FindingStatus.MET
    else:
        status = FindingStatus.NOT_YET_DUE if as_of <= due else FindingStatus.MET
    calc.finding("special_mark", status, mark.label, cite=mark.citation, detail=mark.reading,
                 facts={f"{S}.correction_due_on": due, f"{S}.corrected_on": corrected})


def _separate_register(sec, p: Lookup, calc: Calculation, breach: bool | None) -> None:
    """第七条: a revoked, closed, cancelled or unreachable company that cannot adjust."""
    if not (sec.revoked_closed_or_cancelled or sec.unreachable_abnormal_listed):
        return
    rule = p.rule("separate_register")
    met = all_of(sec.cannot_adjust, None if breach is None else bool(breach))
    calc.finding("separate_register", finding_status(met), rule.label, cite=rule.citation,
                 facts={f"{S}.revoked_closed_or_cancelled": sec.revoked_closed_or_cancelled,
                        f"{S}.unreachable_abnormal_listed": sec.unreachable_abnormal_listed,
                        f"{S}.cannot_adjust": sec.cannot_adjust})


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
