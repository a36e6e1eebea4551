"""2024年度享受增值税加计抵减政策的工业母机企业清单 — 工信部联通装函〔2024〕233号.

Criteria and rate are in 财税〔2023〕25号 (outside the seed): list membership is an
input.  This policy gives the dates the notice sets: the application deadline,
the benefit start (2024-01-01, with catch-up accrual), the stop on 2024-10-31
for firms only on the 2023 list, and the 45-day change report (late: the benefit
stops from the change registration day).
"""

from __future__ import annotations

from datetime import timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, summary_explanation

POLICY_ID = "taxation.machine_tool_vat_superdeduction_list_2024"
S = "machine_tool_vat_list_2024"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    m = case.machine_tool_vat_list_2024
    p = Params(params, ctx.known_at)
    c = Conditions()
    listed = True if (m.on_2024_list or m.on_2023_list) else (None if m.on_2024_list is None or m.on_2023_list is None else False)
    c.check("listed", T(zh="企业列入2023年或2024年工业母机企业清单", en="The firm is on the 2023 or the 2024 machine-tool list"),
            listed, facts={f"{S}.on_2023_list": m.on_2023_list, f"{S}.on_2024_list": m.on_2024_list},
            missing=[k for k, v in ((f"{S}.on_2023_list", m.on_2023_list), (f"{S}.on_2024_list", m.on_2024_list)) if v is None] if listed is None else None,
            cite=p.criterion("benefit_from"))
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    m = case.machine_tool_vat_list_2024
    p = Params(params, ctx.known_at)
    calc = Calculation()
    by = p.criterion("apply_by")
    if m.applied_on is not None:
        calc.finding("applied_by", FindingStatus.MET if m.applied_on <= by.value else FindingStatus.NOT_MET,
                     T(zh=f"于 {by.value} 前（含当日）提交申请", en=f"Applied on or before {by.value}"), facts={f"{S}.applied_on": m.applied_on}, cite=by)
    until = None
    if m.on_2024_list:
        rule = p.criterion("benefit_from")
        calc.date("benefit_from", rule.value, T(zh="享受政策起始日", en="Benefit from"), cite=rule)
        calc.finding("catch_up", FindingStatus.INFO, T(zh="清单印发后可在当期一并计提前期未计提的加计抵减额", en="Earlier unaccrued credit may be accrued in the period the list is issued"),
                     cite=p.criterion("catch_up"))
    elif m.on_2023_list and m.on_2024_list is False:
        rule = p.criterion("stop_2023_only")
        until = rule.value
        calc.finding("stopped", FindingStatus.INFO, T(zh="已列入2023年清单但未列入2024年清单：停止享受", en="On the 2023 list only: the benefit stops"), cite=rule,
                     detail=p.reading("stop_2023_only"))
    else:
        calc.need(f"{S}.on_2024_list")
    if m.change_registered_on is not None:
        days = p.criterion("change_report_days")
        due = m.change_registered_on + timedelta(days=days.value)
        calc.date("change_report_due", due, T(zh="变更情况报告截止日（含当日）", en="Change report due (inclusive)"),
                  formula=f"{m.change_registered_on} + {days.value} 日", facts={f"{S}.change_registered_on": m.change_registered_on}, cite=days)
        if m.change_reported_on is None:
            calc.finding("change_reported", FindingStatus.DUTY, T(zh=f"应于 {due} 前（含）报告变更情况", en=f"Report the change by {due}"), cite=days)
        elif m.change_reported_on <= due:
            calc.finding("change_reported", FindingStatus.MET, T(zh="已按期报告变更情况", en="Change reported on time"), facts={f"{S}.change_reported_on": m.change_reported_on}, cite=days)
        else:
            late = p.criterion("change_late_stop")
            calc.finding("change_reported", FindingStatus.NOT_MET, T(zh="逾期报告：自变更登记之日起停止享受", en="Reported late: the benefit stops from the registration day"),
                         facts={f"{S}.change_reported_on": m.change_reported_on}, cite=late)
            last = m.change_registered_on - timedelta(days=1)
            until = last if until is None else min(until, last)
    if until is not None:
        calc.date("benefit_until", until, T(zh="最后享受日（含当日）", en="Last day of the benefit (inclusive)"), cite=p.criterion("stop_2023_only"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, {}, extra=T(zh="清单条件与加计抵减比例见财税〔2023〕25号（种子未载），列入与否为个案输入",
                                                                en="List criteria and rate are in 财税〔2023〕25号 (not in the seed); membership is a case input"))
