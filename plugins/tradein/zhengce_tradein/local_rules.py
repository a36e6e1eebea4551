"""地方汽车以旧换新实施细则的国家底线 — 商消费函〔2024〕75号 第十条、第十四条, 392号 四.

A locality may write its own implementing rules (75号 第十四条) but may not require scrapped cars to
go to a designated enterprise, nor set region- or technology-pointed subsidy catalogues or enterprise
lists (第十条); from 392号 it must support enterprises of every ownership and place of registration
equally.  The result is a compliance check naming every breach.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from .car_scrappage import T

POLICY_ID = "tradein.car_scrappage_local_rules"
PATH = "scrappage_local_rules"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Any locality's implementing rules are subject to the guardrails."""
    conds = Conditions(trace=ctx.trace)
    rule = Lookup(params, None, ctx.known_at).criterion("local.may_set_rules")
    conds.info("local_rules", T("省级部门可结合本地实际制定具体实施细则，但受国家规定约束",
                                "A province may write implementing rules, within the national guardrails"),
               facts={f"{PATH}.locality": case.scrappage_local_rules.locality}, cite=rule)
    return conds.result()


def _breach_flag(flag: bool | None) -> FindingStatus:
    """A flag saying the local rules do a forbidden thing: True is a breach."""
    return FindingStatus.UNKNOWN if flag is None else (FindingStatus.NOT_MET if flag else FindingStatus.MET)


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.scrappage_local_rules
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    checks = [
        ("designated_scrapping_enterprise", "ban.designated_scrapping_enterprise", _breach_flag(sec.requires_designated_scrapping_enterprise),
         "requires_designated_scrapping_enterprise", sec.requires_designated_scrapping_enterprise),
        ("regional_or_technology_catalogue", "ban.regional_or_technology_catalogue", _breach_flag(sec.sets_regional_or_technology_catalogue),
         "sets_regional_or_technology_catalogue", sec.sets_regional_or_technology_catalogue),
    ]
    equal = sec.treats_enterprises_equally
    if p.known("duty.equal_treatment"):
        checks.append(("equal_treatment", "duty.equal_treatment",
                       FindingStatus.UNKNOWN if equal is None else (FindingStatus.MET if equal else FindingStatus.NOT_MET),
                       "treats_enterprises_equally", equal))
    else:
        calc.info("equal_treatment", p.params["duty.equal_treatment"].label,
                  note=T("截至 {} 尚无此要求", "No such requirement as known at {}", ctx.known_at))
    for finding_id, param, status, field, value in checks:
        rule = p.criterion(param)
        calc.finding(finding_id, status, p.params[param].label, facts={f"{PATH}.{field}": value}, cite=rule)
    breaches = sum(1 for _id, _param, status, _field, _value in checks if status is FindingStatus.NOT_MET)
    calc.amount("breaches", Decimal(breaches), T("违反国家规定的项数", "Breaches of the national rules"), unit="count",
                formula="count(not_met)")
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang)
