"""依公告注销 — 国令第784号 第八条.

Three full years after its licence was revoked (or it was ordered closed or cancelled) without an
application to deregister, the registration authority may announce the company's deregistration for
at least 60 days; an objection ends the procedure, and with none the authority may deregister it
with a special mark.  Every step is a power (可以), so the findings say when it may be used.
"""

from __future__ import annotations

from datetime import timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from .capital_transition import add_years
from .common import Lookup, T, explain as _explain

POLICY_ID = "company.deregistration_by_announcement"
S = "revoked_company"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.revoked_company
    p = Lookup(params, None, ctx.known_at)
    rule = p.rule("announce.after_years")
    conds = Conditions(trace=ctx.trace)
    conds.check("revoked", T("被吊销营业执照、责令关闭或者被撤销", "Licence revoked, ordered closed or cancelled"),
                None if sec.revoked_on is None else True, facts={f"{S}.revoked_on": sec.revoked_on}, cite=rule.citation)
    conds.check("no_deregistration_application", T("未向登记机关申请注销登记", "No application to deregister"),
                None if sec.deregistration_applied is None else not sec.deregistration_applied,
                facts={f"{S}.deregistration_applied": sec.deregistration_applied}, cite=rule.citation)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.revoked_company
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    years, days = p.rule("announce.after_years"), p.rule("announce.min_days")
    may_from = calc.date("announcement_possible_from", add_years(sec.revoked_on, years.value) + timedelta(days=1),
                         T("可以公告的首日（{} 起满 {} 年的次日）", "First day the authority may announce (the day after {1} full years from {0})",
                           sec.revoked_on, years.value), cite=years.citation,
                         facts={f"{S}.revoked_on": sec.revoked_on})
    calc.finding("announcement_possible", FindingStatus.MET if ctx.as_of >= may_from else FindingStatus.NOT_YET_DUE,
                 years.label, cite=years.citation, detail=p.reading("announce.after_years"))
    start = sec.announcement_started_on
    if start is None:
        return calc.result()
    calc.finding("announcement_not_early", FindingStatus.MET if start >= may_from else FindingStatus.NOT_MET,
                 T("公告不早于 {}", "Announcement not before {}", may_from), cite=years.citation, facts={f"{S}.announcement_started_on": start})
    ends = calc.date("announcement_ends_no_earlier_than", start + timedelta(days=days.value),
                     T("最短公告期的最后一日（{} 之后第 {} 日）", "Last day of the shortest announcement (the {1}th day after {0})",
                       start, days.value), cite=days.citation, facts={f"{S}.announcement_started_on": start})
    objection, may = p.rule("objection.terminates"), p.rule("may_deregister")
    if sec.objection_raised:
        calc.finding("procedure_terminated", FindingStatus.MET, objection.label, cite=objection.citation, facts={f"{S}.objection_raised": True})
        return calc.result()
    if sec.objection_raised is None and ctx.as_of <= ends:
        status = FindingStatus.NOT_YET_DUE
    elif sec.objection_raised is None:
        calc.need(f"{S}.objection_raised")
        status = FindingStatus.UNKNOWN
    else:
        status = FindingStatus.MET if ctx.as_of > ends else FindingStatus.NOT_YET_DUE
    calc.finding("may_deregister", status, may.label, cite=may.citation, detail=p.reading("announce.min_days"),
                 facts={f"{S}.objection_raised": sec.objection_raised})
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
