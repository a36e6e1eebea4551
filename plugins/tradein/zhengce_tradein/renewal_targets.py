"""The renewal and trade-in programme's targets as indicator checks — 国发〔2024〕7号 一 (2027),
商消费发〔2024〕58号 一 (2025, 2027) and 商流通发〔2024〕18号 一 (2025).

Given a year's measured level (and, for a growth target, the 2023 level), each target is ``met``,
``not_met`` (missed) or ``not_yet_due`` (on or before 31 December of its year, whatever the value).
A growth target is checked without division: the year's level against the level required,
``baseline × (1 + target/100)``.  An "约" target uses the tolerance the case declares (a percentage of
the target); without one it is applied strictly, and the finding says so.  The targets are national.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

def T(zh: str, en: str) -> Text:  # noqa: N802 - reads like the Text it builds
    return Text(zh=zh, en=en)


POLICY_ID = "tradein.renewal_targets"
PATH = "renewal_indicator_report"

#: The measures the targets name: whether a target on it is a growth over 2023 or a rate in percent,
#: and what to measure (zh, en).
MEASURES: dict[str, tuple[str, str, str]] = {
    "equipment_investment": ("growth", "工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模",
                             "equipment investment in industry, agriculture, construction, transport, education, culture and tourism, and health"),
    "digital_rd_tool_penetration": ("rate", "规模以上工业企业数字化研发设计工具普及率（%）",
                                    "penetration of digital R&D design tools in industrial firms above designated size (%)"),
    "key_process_nc_rate": ("rate", "规模以上工业企业关键工序数控化率（%）",
                            "share of key processes under numerical control in industrial firms above designated size (%)"),
    "scrapped_car_recovery": ("growth", "报废汽车回收量", "end-of-life vehicles recovered"),
    "used_car_transactions": ("growth", "二手车交易量", "used-car transactions"),
    "appliance_recovery": ("growth", "废旧家电回收量", "used household appliances recovered"),
    "appliance_furniture_recovery": ("growth", "全国废旧家电家具回收量", "used household appliances and furniture recovered nationwide"),
}


def targets(params: ParameterSet) -> tuple[tuple[str, str, int], ...]:
    """(target id, measure, year) of every target, in the parameter file's order."""
    out = []
    for name in params.parameters:
        if name.endswith(".target"):
            tid = name[: -len(".target")]
            measure, year, _doc = tid.rsplit("_", 2)
            out.append((tid, measure, int(year)))
    return tuple(out)


def required(target: Decimal, comparator: str, tolerance_pct: Decimal | None, kind: str,
             baseline: Decimal | None) -> Decimal:
    """The level the year's value is compared with: the target (a rate) or the 2023 level grown by it,
    an "约" target lowered by the declared tolerance."""
    if comparator == "about_at_least":
        target = target * (1 - (tolerance_pct or Decimal(0)) / 100)
    return target if kind == "rate" else baseline * (1 + target / 100)


def met(value: Decimal, bound: Decimal, comparator: str) -> bool:
    if comparator in ("at_least", "about_at_least"):
        return value >= bound
    if comparator == "more_than":
        return value > bound
    raise ValueError(f"unknown comparator {comparator!r}")


def status(value: Decimal | None, baseline: Decimal | None, target: Decimal, comparator: str, kind: str,
           tolerance_pct: Decimal | None, deadline: date, as_of: date) -> tuple[FindingStatus, Decimal | None]:
    """not_yet_due on or before the deadline whatever the value; then met / not_met / unknown,
    with the level applied (None when it cannot be computed)."""
    if as_of <= deadline:
        return FindingStatus.NOT_YET_DUE, None
    if value is None or (kind == "growth" and baseline is None):
        return FindingStatus.UNKNOWN, None
    bound = required(target, comparator, tolerance_pct, kind, baseline)
    return (FindingStatus.MET if met(value, bound, comparator) else FindingStatus.NOT_MET), bound


def _anchor(params: ParameterSet, known_at: date):
    """A known target's citation, for the steps about the report as a whole."""
    for tid, _measure, _year in targets(params):
        value = params.at(f"{tid}.target", None, known_at)
        if value is not None:
            return value
    return None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Applies to a report whose every measurement is a measure and year some target names."""
    conds = Conditions(trace=ctx.trace)
    known = {(m, y) for _tid, m, y in targets(params)}
    ms = case.renewal_indicator_report.measurements
    unknown = [f"{m.indicator}/{m.year}" for m in ms if (m.indicator, m.year) not in known]
    listed = ", ".join(f"{m.indicator}/{m.year}" for m in ms) or None
    note = (T(zh="没有目标的指标或年份：" + "、".join(unknown), en="Measures or years no target names: " + ", ".join(unknown))
            if unknown else T(zh=f"可核查的目标共 {len(targets(params))} 项", en=f"{len(targets(params))} targets can be checked"))
    conds.check("measures_known", T(zh="所报指标及年份均为本方案目标所指", en="Every measure and year reported is one a target names"),
                not unknown, facts={f"{PATH}.measurements": listed}, missing=(), cite=_anchor(params, ctx.known_at), note=note)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    r = case.renewal_indicator_report
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    tol = r.approx_tolerance_pct
    base_year = p.value("baseline.year")
    if r.scope is not None:
        calc.info("scope", T(zh="测量范围（本方案目标为全国目标）", en="What was measured (the targets are national)"),
                  facts={f"{PATH}.scope": r.scope}, cite=_anchor(params, ctx.known_at))
    index = {(m.indicator, m.year): (i, m) for i, m in enumerate(r.measurements)}
    for tid, measure, year in targets(params):
        if (measure, year) not in index:
            continue
        i, m = index[(measure, year)]
        at = f"{PATH}.measurements[{i}]"
        kind = MEASURES[measure][0]
        facts = {f"{at}.value": m.value}
        if kind == "growth":
            facts[f"{at}.baseline"] = m.baseline
        label = params[f"{tid}.target"].label
        if params.at(f"{tid}.target", None, ctx.known_at) is None:
            doc = params[f"{tid}.target"].values[0].document
            calc.finding(tid, FindingStatus.INFO, label, facts=facts,
                         detail=T(zh=f"截至 {ctx.known_at} {doc.number} 尚未印发", en=f"{doc.number} not yet issued as known at {ctx.known_at}"))
            continue
        target, comp, deadline = p.value(f"{tid}.target"), p.value(f"{tid}.comparator"), p.value(f"{tid}.deadline")
        about = comp.value == "about_at_least"
        if about:
            facts[f"{PATH}.approx_tolerance_pct"] = tol
        st, bound = status(m.value, m.baseline, target.value, comp.value, kind, tol, deadline.value, ctx.as_of)
        calc.finding(tid, st, label, detail=_detail(st, m, bound, target.value, comp.value, kind, tol, deadline.value,
                                                    base_year.value, p.reading(f"{tid}.target")),
                     facts={**facts, "as_of": ctx.as_of}, cite=target)
        if st is FindingStatus.UNKNOWN:
            if m.value is None:
                calc.need(f"{at}.value")
            if kind == "growth" and m.baseline is None:
                calc.need(f"{at}.baseline")
    return calc.result()


def _detail(st: FindingStatus, m, bound: Decimal | None, target: Decimal, comparator: str, kind: str,
            tol: Decimal | None, deadline: date, base_year: int, reading: Text | None) -> Text | None:
    """What was compared with what, in words."""
    if st is FindingStatus.NOT_YET_DUE:
        return T(zh=f"期限 {deadline}（含）前未到期", en=f"Not yet due until after {deadline}")
    if bound is None:
        return reading
    op = ">" if comparator == "more_than" else "≥"
    shown = f"{bound.normalize():f}"
    if kind == "growth":
        grown = target if comparator != "about_at_least" else target * (1 - (tol or Decimal(0)) / 100)
        how_zh = f"{base_year}年水平 {m.baseline} × (1 + {grown.normalize():f}%) = {shown}"
        how_en = f"the {base_year} level {m.baseline} × (1 + {grown.normalize():f}%) = {shown}"
    else:
        how_zh = how_en = f"{shown}%"
    zh = f"{m.year}年数值 {m.value}，须 {op} {how_zh}"
    en = f"{m.year} value {m.value}, required {op} {how_en}"
    if comparator == "about_at_least":
        zh += f"；“约”容差 {tol if tol is not None else 0}%（{'个案声明' if tol is not None else '未声明，严格判断'}）"
        en += f"; \"约\" tolerance {tol if tol is not None else 0}% ({'declared by the case' if tol is not None else 'none declared: strict'})"
    return T(zh=zh, en=en)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, note=T(
        zh="本方案目标为全国目标；地区或行业的测量值仅作对照；“力争”目标未实现不构成违法",
        en="The targets are national; a region's or sector's values are compared for reference; missing a \"力争\" target is no breach of law"))
