"""Energy-saving targets as indicator checks — 国发〔2024〕12号 (2024—2025年节能降碳行动方案),
国办函〔2024〕20号 (buildings) and 工信部联节〔2024〕26号 (manufacturing, 2030).

Given measured values, each target is ``met``, ``not_met`` or ``not_yet_due`` (on or
before its deadline, whatever the value), with its wording, deadline and reading.
"左右" targets use the tolerance the case declares (a percentage of the target);
without one they are applied strictly, and the finding says so.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.energy_saving_targets"
PATH = "energy_indicator_report"


def indicators(params: ParameterSet) -> tuple[str, ...]:
    return tuple(n[: -len(".target")] for n in params.parameters if n.endswith(".target"))


def check(value: Decimal, target: Decimal, comparator: str, tolerance_pct: Decimal | None) -> tuple[bool, Decimal]:
    """(met, bound actually applied) for one comparison."""
    tol = (tolerance_pct or Decimal(0)) / Decimal(100)
    if comparator == "at_least":
        return value >= target, target
    if comparator == "more_than":
        return value > target, target
    if comparator == "at_most":
        return value <= target, target
    if comparator == "about_at_least":
        bound = target * (1 - tol)
        return value >= bound, bound
    if comparator == "about_at_most":
        bound = target * (1 + tol)
        return value <= bound, bound
    raise ValueError(f"unknown comparator {comparator!r}")


def status(value: Decimal | None, target: Decimal, comparator: str, tolerance_pct: Decimal | None,
           deadline: date, as_of: date) -> tuple[FindingStatus, Decimal]:
    """not_yet_due on or before the deadline whatever the value; then met / not_met / unknown."""
    if as_of <= deadline:
        return FindingStatus.NOT_YET_DUE, target
    if value is None:
        return FindingStatus.UNKNOWN, target
    met, bound = check(value, target, comparator, tolerance_pct)
    return (FindingStatus.MET if met else FindingStatus.NOT_MET), bound


def _anchor(params: ParameterSet, known_at: date):
    """A known target's citation, to cite the plan's target paragraph on steps about the report as a whole."""
    for ind in indicators(params):
        value = params.at(f"{ind}.target", None, known_at)
        if value is not None:
            return value
    return None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    conds = Conditions()
    known = set(indicators(params))
    r = case.energy_indicator_report
    unknown = [m.indicator for m in r.measurements if m.indicator not in known]
    conds.check("indicators_known", T(zh="所报指标均为本方案的目标指标", en="Every reported indicator is a target of the plan"),
                not unknown, facts={f"{PATH}.measurements": ", ".join(str(m.indicator) for m in r.measurements) or None},
                missing=(), cite=_anchor(params, ctx.known_at), note=T(zh="未知指标：" + "、".join(map(str, unknown)), en="Unknown indicators: " + ", ".join(map(str, unknown))) if unknown
                else T(zh=f"本引擎可核查的目标指标共 {len(known)} 项（见参数文件 energy_saving_targets.yaml）",
                       en=f"{len(known)} target indicators can be checked (see the parameter file energy_saving_targets.yaml)"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    calc = Calculation()
    r = case.energy_indicator_report
    tol = r.approx_tolerance_pct
    reported = {m.indicator: m.value for m in r.measurements}
    if r.scope is not None:
        calc.info("scope", T(zh="测量范围（本方案目标为全国目标）", en="What was measured (the plan's targets are national)"),
                  facts={f"{PATH}.scope": r.scope}, cite=_anchor(params, ctx.known_at))
    for i, ind in enumerate(indicators(params)):
        if ind not in reported:
            continue
        value = reported[ind]
        if params.at(f"{ind}.target", None, ctx.known_at) is None:
            doc = params[f"{ind}.target"].values[0].document
            calc.finding(ind, FindingStatus.INFO, p.label(f"{ind}.target"),
                         detail=T(zh=f"截至 {ctx.known_at} {doc.number} 尚未印发", en=f"{doc.number} not yet issued as known at {ctx.known_at}"),
                         facts={f"{PATH}.measurements[{ind}]": value})
            continue
        target, comp, deadline, unit = p(f"{ind}.target"), p(f"{ind}.comparator"), p(f"{ind}.deadline"), p(f"{ind}.unit")
        st, bound = status(value, target.value, comp.value, tol, deadline.value, ctx.as_of)
        about = comp.value.startswith("about")
        detail = p.reading(f"{ind}.target")
        if about and st in (FindingStatus.MET, FindingStatus.NOT_MET):
            detail = T(zh=f"“左右”容差 {tol if tol is not None else 0}%（{'个案声明' if tol is not None else '未声明，严格判断'}），适用界限 {bound}{unit.value}",
                       en=f"\"左右\" tolerance {tol if tol is not None else 0}% ({'declared by the case' if tol is not None else 'none declared: strict'}), bound applied {bound} {unit.value}")
        elif st is FindingStatus.NOT_YET_DUE:
            detail = T(zh=f"期限 {deadline.value}（含）前未到期", en=f"Not yet due until after {deadline.value}")
        calc.finding(ind, st, p.label(f"{ind}.target"), detail=detail,
                     facts={f"{PATH}.measurements[{ind}]": value, f"{PATH}.approx_tolerance_pct": tol, "as_of": ctx.as_of}, cite=target)
        if value is None:
            calc.need(f"{PATH}.measurements[{ind}].value")
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="本方案目标为全国目标；地区或行业的测量值仅作对照",
        en="The plan's targets are national; a region's or sector's values are compared for reference"))
