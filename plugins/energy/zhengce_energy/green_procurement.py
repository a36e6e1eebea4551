"""政府采购工程采购绿色建材 — 国办函〔2024〕20号 二（七）.

A government-procured works within the scope of the policy 政府采购支持绿色建材促进建筑品质提升 must buy
green building materials that meet the government-procurement demand standard.  Which works are in the
scope, which materials the standard covers and whether a material meets it are decided outside the seed:
case inputs.  Each material is a finding; the works as a whole is met only when every covered material is.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.green_materials_procurement"
PATH = "green_materials_procurement"
F = FindingStatus


def material_status(covered: bool | None, meets: bool | None) -> FindingStatus:
    """A material's finding: outside the standard (info), meets it (met), fails it (not met), else unknown."""
    if covered is False:
        return F.INFO
    if meets is True:
        return F.MET
    if meets is False and covered is True:
        return F.NOT_MET
    return F.UNKNOWN


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    g = case.green_materials_procurement
    scope = p("procurement.scope")
    conds = Conditions()
    conds.check("government_procurement_works", T(zh="属政府采购工程", en="A government-procured works"), g.government_procurement_works,
                facts={f"{PATH}.government_procurement_works": g.government_procurement_works}, cite=scope)
    conds.check("in_policy_scope", T(zh="纳入政府采购支持绿色建材促进建筑品质提升政策实施范围",
                                     en="Within the scope of the policy supporting green building materials through government procurement"),
                g.in_policy_scope, facts={f"{PATH}.in_policy_scope": g.in_policy_scope}, cite=scope,
                note=T(zh="实施范围由其他文件确定，由个案给出", en="The scope is set by other documents and given by the case"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    g = case.green_materials_procurement
    rule = p("procurement.green_materials_required")
    calc = Calculation()
    if not g.materials:
        calc.finding("green_materials", F.DUTY, p.label("procurement.green_materials_required"), detail=p.reading("procurement.green_materials_required"),
                     cite=rule)
        return calc.result()
    statuses = []
    for i, m in enumerate(g.materials):
        name = m.name or str(i + 1)
        status = material_status(m.covered_by_standard, m.meets_standard)
        statuses.append(status)
        label = {F.INFO: T(zh=f"建材“{name}”：不属需求标准涵盖的种类，不作判断", en=f"Material “{name}”: not of a kind the demand standard covers, not judged"),
                 F.MET: T(zh=f"建材“{name}”：符合绿色建筑和绿色建材政府采购需求标准", en=f"Material “{name}”: meets the demand standard"),
                 F.NOT_MET: T(zh=f"建材“{name}”：不符合绿色建筑和绿色建材政府采购需求标准", en=f"Material “{name}”: does not meet the demand standard"),
                 F.UNKNOWN: T(zh=f"建材“{name}”：是否属标准涵盖种类或是否符合标准未知", en=f"Material “{name}”: coverage by the standard or conformity unknown")}[status]
        calc.finding(f"material_{i + 1}", status, label, cite=rule,
                     facts={f"{PATH}.materials[{i}].covered_by_standard": m.covered_by_standard, f"{PATH}.materials[{i}].meets_standard": m.meets_standard})
    failing = sum(1 for s in statuses if s is F.NOT_MET)
    calc.amount("materials_not_meeting_standard", Decimal(failing), T(zh="不符合需求标准的建材种数", en="Materials not meeting the demand standard"),
                unit="count", formula="不符合标准的建材计数 ‖ count of materials failing the standard", cite=rule)
    overall = F.NOT_MET if failing else (F.UNKNOWN if F.UNKNOWN in statuses else F.MET)
    calc.finding("green_materials", overall, p.label("procurement.green_materials_required"), detail=p.reading("procurement.green_materials_required"), cite=rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="绿色建筑和绿色建材政府采购需求标准不在本文件中，建材是否符合由个案给出",
        en="The demand standard is not part of the plan; whether a material meets it is given by the case"))
