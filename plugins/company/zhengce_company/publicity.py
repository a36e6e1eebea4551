"""出资信息公示 — 国令第784号 第四条 (第九条's pointer to the penalties).

A company that changes its shareholders' subscribed or paid-in amounts, the contribution method or
period, or its founders' shares publishes the change on the national enterprise credit information
publicity system within 20 working days of the day the information arose.  The deadline is counted
on the shipped working-day calendar (cited reference data, see ``workdays``).
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from .common import Lookup, T, deadline_status, explain as _explain
from .workdays import add_working_days, record_deadline

POLICY_ID = "company.capital_information_publicity"
S = "capital_change"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.capital_change
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    kinds = p.rule("publicity.kinds")
    conds.check("listed_change", kinds.label, None if sec.kind is None else sec.kind.value in kinds.value,
                facts={f"{S}.kind": sec.kind}, cite=kinds.citation, note=p.reading("publicity.kinds"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.capital_change
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    rule = p.rule("publicity.working_days")
    if sec.arose_on is None:
        calc.need(f"{S}.arose_on")
        calc.finding("published_in_time", FindingStatus.UNKNOWN, rule.label, cite=rule.citation, facts={f"{S}.arose_on": None})
    else:
        count = add_working_days(sec.arose_on, rule.value, sec.working_days_off, sec.extra_working_days)
        due = record_deadline(calc, "publicity_deadline", count, T("公示期限最后一日", "Last day to publish"), cite=rule.citation,
                              facts={f"{S}.arose_on": sec.arose_on,
                                     f"{S}.working_days_off": ", ".join(map(str, sec.working_days_off)) or None,
                                     f"{S}.extra_working_days": ", ".join(map(str, sec.extra_working_days)) or None})
        status = deadline_status(sec.published_on, due, ctx.as_of)
        calc.finding("published_in_time", status, rule.label, cite=rule.citation, detail=p.reading("publicity.working_days"),
                     facts={f"{S}.published_on": sec.published_on})
        if status is FindingStatus.NOT_MET:
            pen = p.rule("penalties.reference")
            calc.finding("penalty_under_company_law", FindingStatus.INFO, pen.label, cite=pen.citation,
                         detail=T("罚款数额由公司法、《企业信息公示暂行条例》规定，不在种子文件中",
                                  "The amounts are set by the Company Law and the Interim Regulation on Enterprise Information Publicity, not in the seed"))
    quality = p.rule("publicity.true_accurate_complete")
    if sec.true_accurate_complete is None:
        calc.finding("true_accurate_complete", FindingStatus.DUTY, quality.label, cite=quality.citation)
    else:
        calc.finding("true_accurate_complete", finding_status(sec.true_accurate_complete), quality.label, cite=quality.citation,
                     facts={f"{S}.true_accurate_complete": sec.true_accurate_complete})
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
