"""百万民企员工职业技能提升行动 — 发改就业〔2024〕349号 八.

An indicator, not a duty (力争): in each year 2024–2027, public training bases train 1,000,000
person-times or more of private-enterprise employees.  Met, missed, or not yet due before the
year ends.
"""

from __future__ import annotations

from datetime import date

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, explain as _explain

POLICY_ID = "employment.private_enterprise_training_volume"
PARAMETERS = load_parameters("zhengce_employment", "parameters/private_enterprise_training_volume.yaml")
S = "private_enterprise_training"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.private_enterprise_training
    p = Lookup(params, None, ctx.known_at)
    years = p.criterion("years")
    conds = Conditions(trace=ctx.trace)
    conds.check("action_year", T(f"行动年度（{years.value[0]}—{years.value[-1]}年）", f"A year of the action ({years.value[0]}–{years.value[-1]})"),
                None if sec.year is None else str(sec.year) in years.value, facts={f"{S}.year": sec.year}, cite=years)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.private_enterprise_training
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    rule = p.criterion("target")
    got = sec.person_times
    if got is None:
        calc.need(f"{S}.person_times")
        status = FindingStatus.UNKNOWN
    elif got >= rule.value:
        status = FindingStatus.MET
    else:
        status = FindingStatus.NOT_MET if ctx.as_of > date(sec.year, 12, 31) else FindingStatus.NOT_YET_DUE
    calc.finding("yearly_target", status, T(f"当年培训民营企业员工 {rule.value} 人次以上", f"{rule.value} person-times or more trained in the year"),
                 detail=p.reading("target"), facts={f"{S}.person_times": got, f"{S}.year": sec.year}, cite=rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
