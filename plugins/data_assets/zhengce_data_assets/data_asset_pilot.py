"""数据资产全过程管理试点 — 财资〔2024〕167号.

Who is a pilot unit (three unit types, selected by the Ministry of Finance), the
pilot window (2025 start to 2026 end), the readiness checklist of the five key
steps, and the working-mechanism duty.  The notice sets no amount of money.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading, tri

POLICY_ID = "data_assets.data_asset_pilot"

NO_AMOUNT = T(zh="财资〔2024〕167号未规定任何资金数额或补助标准；试点方案附件及财资〔2023〕141号不在本法规汇编中",
              en="财资〔2024〕167号 sets no amount of money or subsidy; the attached pilot plan (《数据资产全过程管理试点方案》) and 财资〔2023〕141号 are not in the seed")


def in_window(day, start, end) -> bool | None:
    return None if day is None else start <= day <= end


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    unit = case.data_asset_pilot_unit
    conds = Conditions()
    kinds = criterion(params, "unit.types", ctx.known_at)
    unit_type = unit.unit_type if unit else None
    conds.check("unit_type", T(zh="单位属中央部门、中央企业或地方财政部门", en="The unit is a central department, a central enterprise or a local finance department"),
                None if unit_type is None else unit_type.value in kinds.value,
                facts={"data_asset_pilot_unit.unit_type": unit_type}, cite=kinds, note=reading(params, "unit.types"))
    sel = criterion(params, "unit.selected_by_mof", ctx.known_at)
    selected = unit.selected_by_mof if unit else None
    conds.check("selected_by_mof", T(zh="单位经财政部选取为试点单位", en="The Ministry of Finance selected the unit"),
                None if selected is None else selected is sel.value,
                facts={"data_asset_pilot_unit.selected_by_mof": selected}, cite=sel, note=reading(params, "unit.selected_by_mof"))
    start, end = criterion(params, "window.from", ctx.known_at), criterion(params, "window.until", ctx.known_at)
    day = unit.assessed_on if unit else None
    conds.check("pilot_window", T(zh=f"评估日在试点期间 {start.value} 至 {end.value}（含首尾两日）内",
                                  en=f"The assessment day is within the pilot, {start.value} to {end.value} inclusive"),
                in_window(day, start.value, end.value), facts={"data_asset_pilot_unit.assessed_on": day}, cite=start,
                note=T(zh=f"{reading(params, 'window.from').zh}；{reading(params, 'window.until').zh}",
                       en=f"{reading(params, 'window.from').en}; {reading(params, 'window.until').en}"))
    return conds.result()


def checklist_gaps(case: Case, params: ParameterSet, known_at) -> list[str]:
    """The ids of the key steps whose fact is False or missing (in the parameter's order)."""
    steps = case.data_asset_pilot_unit.lifecycle_steps if case.data_asset_pilot_unit else None
    ids = criterion(params, "lifecycle.steps", known_at).value
    return [s for s in ids if (getattr(steps, s) if steps else None) is not True]


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    unit = case.data_asset_pilot_unit
    calc = Calculation()
    start, end = criterion(params, "window.from", ctx.known_at), criterion(params, "window.until", ctx.known_at)
    calc.finding("in_pilot", FindingStatus.MET, T(zh="试点单位（试点期间内）", en="A pilot unit, within the pilot period"),
                 facts={"data_asset_pilot_unit.assessed_on": unit.assessed_on}, cite=start)
    calc.date("pilot_ends", end.value, T(zh="试点结束日", en="Pilot ends"), cite=end)

    steps_rule = criterion(params, "lifecycle.steps", ctx.known_at)
    steps = unit.lifecycle_steps
    gaps = []
    for sid in steps_rule.value:
        step = criterion(params, f"step.{sid}", ctx.known_at)
        label = params[f"step.{sid}"].label
        value = getattr(steps, sid) if steps else None
        status = tri(value)
        if status is not FindingStatus.MET:
            gaps.append(label)
        detail = None if value else T(zh=f"缺少：{step.value}" + ("（未说明）" if value is None else ""),
                                       en=f"Missing: {label.en}" + (" (not stated)" if value is None else ""))
        calc.finding(f"step_{sid}", status, T(zh=f"重点环节：{label.zh}", en=f"Key step: {label.en}"), detail=detail,
                     facts={f"data_asset_pilot_unit.lifecycle_steps.{sid}": value}, cite=step)
    calc.info("readiness_gaps", T(zh="尚未具备的重点环节：" + ("、".join(g.zh for g in gaps) or "无"),
                                  en="Key steps not yet covered: " + (", ".join(g.en for g in gaps) or "none")), cite=steps_rule)

    mech = criterion(params, "mechanism.required", ctx.known_at)
    facts = {"data_asset_pilot_unit.working_mechanism_established": unit.working_mechanism_established,
             "data_asset_pilot_unit.responsible_person": unit.responsible_person,
             "data_asset_pilot_unit.contact_person": unit.contact_person}
    parts = (unit.working_mechanism_established, bool(unit.responsible_person) if unit.responsible_person is not None else None,
             bool(unit.contact_person) if unit.contact_person is not None else None)
    if any(p is False for p in parts):
        status = FindingStatus.NOT_MET
    elif any(p is None for p in parts):
        status = FindingStatus.UNKNOWN
    else:
        status = FindingStatus.MET
    names = (("试点工作机制", "the working mechanism"), ("试点工作负责人", "the responsible person"), ("联系人", "the contact"))
    lacking = [n for p, n in zip(parts, names) if p is not True]
    detail = T(zh="缺少：" + "、".join(n[0] for n in lacking), en="Missing: " + ", ".join(n[1] for n in lacking)) if lacking else None
    calc.finding("working_mechanism", status, T(zh="建立试点工作机制，明确负责人、联系人", en="Working mechanism with a responsible person and a contact"),
                 detail=detail, facts=facts, cite=mech)
    fb = criterion(params, "feedback.duty", ctx.known_at)
    calc.finding("feedback_duty", FindingStatus.DUTY, T(zh="试点中遇到问题困难及时反馈", en="Report problems met during the pilot promptly"), cite=fb)
    calc.info("no_amount", T(zh="资金数额", en="Amount of money"), value="—", note=NO_AMOUNT, cite=steps_rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
