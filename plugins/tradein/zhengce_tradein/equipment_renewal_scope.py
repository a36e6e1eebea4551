"""设备更新、循环利用项目的范围规则 — 国发〔2024〕7号 一、二（一）、四（十）、六（十六）（十九）.

For one project: whether its field is one of the seven the equipment-renewal target counts, whether
its kind may be brought within central budget investment support (the conditions themselves are not
in the seed), simplified preliminary approval for a technical renovation that adds no land and is
mainly equipment renewal, the duty to phase out equipment short of the mandatory standards, and the
rule that remanufactured products may not be below the original new product.  No amount: the seed
gives none.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup, all_of, finding_status

from .facts import RenewalProjectKind

POLICY_ID = "tradein.equipment_renewal_scope"
PATH = "equipment_renewal_project"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Applies to a project in one of the seven fields the programme names."""
    sec = case.equipment_renewal_project
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    fields = p.criterion("scope.fields")
    conds.check("programme_field", Text(zh="项目属工业、农业、建筑、交通、教育、文旅、医疗领域",
                                        en="The project is in industry, agriculture, construction, transport, education, culture and tourism, or health"),
                None if sec.field is None else sec.field.value in fields.value,
                facts={f"{PATH}.field": sec.field}, cite=fields, note=p.reading("scope.fields"))
    return conds.result()


def _counts_as(sec) -> str | None:
    """The kind the central-budget clause counts the project as (None: unknown)."""
    if sec.kind is RenewalProjectKind.TECHNICAL_RENOVATION:
        if sec.mainly_equipment_renewal is None:
            return None
        return RenewalProjectKind.EQUIPMENT_RENEWAL.value if sec.mainly_equipment_renewal else sec.kind.value
    return None if sec.kind is None else sec.kind.value


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.equipment_renewal_project
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)

    kinds = p.criterion("central_budget.project_kinds")
    counted = _counts_as(sec)
    calc.finding("central_budget_scope", finding_status(None if counted is None else counted in kinds.value),
                 Text(zh="属可纳入中央预算内投资等资金支持范围的项目类型（设备更新、循环利用）",
                      en="Of a kind that may be brought within central budget investment support (equipment renewal, recycling)"),
                 facts={f"{PATH}.kind": sec.kind, **({f"{PATH}.mainly_equipment_renewal": sec.mainly_equipment_renewal}
                                                     if sec.kind is RenewalProjectKind.TECHNICAL_RENOVATION else {})},
                 cite=kinds, detail=p.reading("central_budget.project_kinds"))
    if counted is None:
        calc.need(f"{PATH}.kind" if sec.kind is None else f"{PATH}.mainly_equipment_renewal")

    if sec.kind is RenewalProjectKind.TECHNICAL_RENOVATION:
        rule = p.criterion("approval.simplified")
        ok = all_of(None if sec.adds_land is None else not sec.adds_land, sec.mainly_equipment_renewal)
        calc.finding("simplified_preapproval", finding_status(ok), rule_label(p, "approval.simplified"),
                     facts={f"{PATH}.adds_land": sec.adds_land, f"{PATH}.mainly_equipment_renewal": sec.mainly_equipment_renewal},
                     cite=rule)
        if ok is None:
            for field in ("adds_land", "mainly_equipment_renewal"):
                if getattr(sec, field) is None:
                    calc.need(f"{PATH}.{field}")

    rule = p.criterion("standards.phase_out")
    meets = sec.meets_mandatory_standards
    status = FindingStatus.UNKNOWN if meets is None else (FindingStatus.MET if meets else FindingStatus.DUTY)
    calc.finding("phase_out_substandard", status,
                 Text(zh="能耗、排放、安全等强制性标准和设备淘汰目录：不达标设备依法依规淘汰",
                      en="Mandatory energy, emission and safety standards and the phase-out catalogue: equipment short of them is phased out"),
                 facts={f"{PATH}.meets_mandatory_standards": meets}, cite=rule)

    if sec.kind is RenewalProjectKind.REMANUFACTURING:
        rule = p.criterion("remanufacturing.not_below_original")
        below = sec.remanufactured_below_original
        calc.finding("remanufactured_quality", finding_status(below, met_when=False), rule_label(p, "remanufacturing.not_below_original"),
                     facts={f"{PATH}.remanufactured_below_original": below}, cite=rule)
    return calc.result()


def rule_label(p: Lookup, name: str) -> Text:
    return p.params[name].label


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, note=Text(
        zh="种子文件未给出设备更新的补助金额或纳入中央预算内投资的具体条件",
        en="The seed gives no amount for equipment renewal and not the conditions for central budget investment support"))
