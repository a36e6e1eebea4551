"""养老托育机构的水电气热价格与新建小区配套设施 — 国发〔2024〕18号 二（三）.

Elderly-care and childcare institutions pay residential prices for water, electricity, gas and heat;
a new residential community's care facilities are planned, built, accepted and delivered with it.
The opinion sets no price: a finding per utility billed at another class, and one per milestone.
"""

from __future__ import annotations


from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from . import common
from .common import Params, T
from .facts import Tariff

POLICY_ID = "consumer.care_institution_utility_tariff"
UTILITY_NAMES = {"water": ("用水", "water"), "electricity": ("用电", "electricity"), "gas": ("用气", "gas"), "heat": ("用热", "heat")}
MILESTONES = {"planned": ("同步规划", "planned together"), "built": ("同步建设", "built together"),
              "accepted": ("同步验收", "accepted together"), "delivered": ("同步交付", "delivered together")}


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """A care institution, or a new residential community."""
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    alternatives = []
    if case.care_institution is not None:
        kind = case.care_institution.kind
        c = Conditions(trace=ctx.trace)
        c.check("care_institution", p.label("care.kinds"), None if kind is None else kind.value in p("care.kinds").value,
                facts={"care_institution.kind": kind}, cite=p("care.kinds"))
        alternatives.append(c)
    if case.residential_project is not None:
        new = case.residential_project.new_residential
        c = Conditions(trace=ctx.trace)
        c.check("new_residential", T(zh="新建住宅小区", en="A new residential community"), new,
                facts={"residential_project.new_residential": new}, cite=p("project.synchronised"))
        alternatives.append(c)
    conds.any_of("in_scope", T(zh="养老托育机构或者新建住宅小区", en="A care institution or a new residential community"),
                 alternatives, cite=p("care.residential_tariff"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    inst = case.care_institution
    if inst is not None and inst.kind is not None and inst.kind.value in p("care.kinds").value:
        rule = p("care.residential_tariff")
        for utility in rule.value:
            tariff = getattr(inst, f"{utility}_tariff")
            zh, en = UTILITY_NAMES[utility]
            calc.finding(f"{utility}_residential", finding_status(None if tariff is None else tariff is Tariff.RESIDENTIAL),
                         T(zh=f"{zh}按居民生活类价格执行", en=f"Residential price for {en}"),
                         facts={f"care_institution.{utility}_tariff": tariff}, cite=rule)
    project = case.residential_project
    if project is not None and project.new_residential:
        rule = p("project.synchronised")
        for milestone in rule.value:
            value = getattr(project, f"facilities_{milestone}_together")
            zh, en = MILESTONES[milestone]
            calc.finding(f"facilities_{milestone}", finding_status(value),
                         T(zh=f"配套养老托育服务设施{zh}", en=f"Care facilities {en}"),
                         facts={f"residential_project.facilities_{milestone}_together": value}, cite=rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="意见只规定价格类别，不规定价格水平", en="The opinion sets the price class, not the price"))
