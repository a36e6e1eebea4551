"""煤炭清洁高效利用 — 发改运行〔2024〕1345号.

Approval of new coal-using projects in key air-pollution regions (grade A, coal
replacement, complete plan), closure of coal boilers and small CHP units within
30 km of CHP plants of 30万千瓦 or more by the end of 2025, benchmark and baseline
efficiency levels, washing plants for new mines, quality clauses in thermal-coal
contracts.  A rule the case gives no facts for is left out.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params
from .common import all3 as _all
from .common import tri as _tri

POLICY_ID = "energy.coal_clean_use"
F = FindingStatus
PATH = "coal_clean_use_project"


def approvable(grade_a: bool | None, new_coal: Decimal | None, replaced: Decimal | None, plan_complete: bool | None) -> bool | None:
    """Grade A, replacement ≥ new coal use, and a complete plan (three-valued)."""
    enough = None if new_coal is None or replaced is None else replaced >= new_coal
    return _all(grade_a, enough, plan_complete)


def within_chp_reach(capacity: Decimal | None, distance: Decimal | None, min_capacity: Decimal, radius: Decimal) -> bool | None:
    return _all(None if capacity is None else capacity >= min_capacity, None if distance is None else distance <= radius)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    conds = Conditions()
    conds.info("coal_opinion", T(zh="《关于加强煤炭清洁高效利用的意见》", en="Opinions on clean and efficient coal use"),
               cite=Params(params, ctx.known_at)("project.grade_a_and_replacement"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    c = case.coal_clean_use_project
    calc = Calculation()
    _approval(c, p, calc)
    _chp(c, p, calc, ctx)
    _efficiency(c, p, calc)
    if c.new_coal_mine is not None:
        calc.finding("mine_washing", F.INFO if not c.new_coal_mine else _tri(c.washing_facilities_built), p.label("mine.washing"),
                     facts={f"{PATH}.new_coal_mine": c.new_coal_mine, f"{PATH}.washing_facilities_built": c.washing_facilities_built},
                     cite=p("mine.washing"))
    if c.thermal_coal_mid_long_term_contract is not None:
        calc.finding("contract_quality_clause", F.INFO if not c.thermal_coal_mid_long_term_contract else _tri(c.contract_has_quality_clause),
                     p.label("contract.quality_clause"),
                     facts={f"{PATH}.thermal_coal_mid_long_term_contract": c.thermal_coal_mid_long_term_contract,
                            f"{PATH}.contract_has_quality_clause": c.contract_has_quality_clause}, cite=p("contract.quality_clause"))
    return calc.result()


def _approval(c, p: Params, calc: Calculation) -> None:
    if c.new_or_expansion is None and c.in_key_air_pollution_region is None:
        return
    rule = p("project.grade_a_and_replacement")
    facts = {f"{PATH}.in_key_air_pollution_region": c.in_key_air_pollution_region, f"{PATH}.new_or_expansion": c.new_or_expansion,
             f"{PATH}.environmental_grade_a": c.environmental_grade_a, f"{PATH}.new_coal_use_t": c.new_coal_use_t,
             f"{PATH}.coal_replacement_t": c.coal_replacement_t, f"{PATH}.replacement_plan_complete": c.replacement_plan_complete}
    trigger = _all(c.in_key_air_pollution_region, c.new_or_expansion)
    if trigger is False:
        calc.finding("project_approvable", F.INFO, T(zh="不属重点区域新改扩建用煤项目", en="Not a new or expanded coal-using project in a key region"),
                     facts=facts, cite=rule)
        return
    if c.new_coal_use_t is not None and c.coal_replacement_t is not None:
        calc.amount("coal_replacement_gap_t", max(Decimal(0), c.new_coal_use_t - c.coal_replacement_t), T(zh="煤炭替代缺口", en="Coal replacement still missing"),
                    unit="t", formula=f"max(0, {c.new_coal_use_t} − {c.coal_replacement_t})", cite=rule, note=p.reading("project.grade_a_and_replacement"))
    ok = approvable(c.environmental_grade_a, c.new_coal_use_t, c.coal_replacement_t, c.replacement_plan_complete)
    calc.finding("project_approvable", F.UNKNOWN if trigger is None else _tri(ok), p.label("project.grade_a_and_replacement"), facts=facts, cite=rule)


def _chp(c, p: Params, calc: Calculation, ctx) -> None:
    if c.facility_type is None:
        return
    types, cap, radius, by = p("chp.facility_types"), p("chp.min_capacity_10k_kw"), p("chp.radius_km"), p("chp.close_by")
    facts = {f"{PATH}.facility_type": c.facility_type, f"{PATH}.nearby_chp_capacity_10k_kw": c.nearby_chp_capacity_10k_kw,
             f"{PATH}.distance_to_chp_km": c.distance_to_chp_km, f"{PATH}.closed_or_integrated": c.closed_or_integrated, "as_of": ctx.as_of}
    label = T(zh=f"{cap.value}万千瓦及以上热电联产电厂供热半径 {radius.value} 公里内的燃煤锅炉和落后小热电机组于 {by.value} 前关停或整合",
              en=f"Coal boilers and small CHP units within {radius.value} km of a CHP plant of {cap.value} × 10 MW or more close or integrate by {by.value}")
    in_scope = _all(c.facility_type.value in types.value,
                    within_chp_reach(c.nearby_chp_capacity_10k_kw, c.distance_to_chp_km, cap.value, radius.value))
    if in_scope is False:
        calc.finding("chp_radius_closure", F.INFO, T(zh="不在关停整合范围", en="Outside the closure"), facts=facts, cite=cap,
                     detail=p.reading("chp.radius_km"))
        return
    if in_scope is None:
        calc.finding("chp_radius_closure", F.UNKNOWN, label, facts=facts, cite=cap)
        return
    calc.date("chp_closure_deadline", by.value, T(zh="关停或整合期限", en="Closure or integration deadline"), cite=by)
    if ctx.as_of <= by.value:
        calc.finding("chp_radius_closure", F.MET if c.closed_or_integrated else F.NOT_YET_DUE, label, facts=facts, cite=by,
                     detail=p.reading("chp.close_by"))
    else:
        calc.finding("chp_radius_closure", _tri(c.closed_or_integrated), label, facts=facts, cite=by, detail=p.reading("chp.close_by"))


def _efficiency(c, p: Params, calc: Calculation) -> None:
    if c.reaches_benchmark is None and c.reaches_baseline is None:
        return
    rule = p("efficiency.levels")
    facts = {f"{PATH}.new_or_expansion": c.new_or_expansion, f"{PATH}.reaches_benchmark": c.reaches_benchmark,
             f"{PATH}.reaches_baseline": c.reaches_baseline}
    if c.new_or_expansion:
        calc.finding("efficiency_level", _tri(c.reaches_benchmark), T(zh="新建用煤项目原则上达到标杆水平", en="A new coal-using project reaches the benchmark (in principle)"),
                     facts=facts, cite=rule)
    elif c.new_or_expansion is False:
        status = F.UNKNOWN if c.reaches_baseline is None else (F.MET if c.reaches_baseline else F.DUTY)
        calc.finding("efficiency_level", status, T(zh="存量项目达到基准水平，否则实施改造升级", en="An existing project reaches the baseline, or is upgraded"),
                     detail=None if status is not F.DUTY else T(zh="达不到基准水平：应实施改造升级", en="Below the baseline: to be upgraded"),
                     facts=facts, cite=rule)
    else:
        calc.finding("efficiency_level", F.UNKNOWN, p.label("efficiency.levels"), facts=facts, cite=rule)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="标杆水平、基准水平及大气污染防治重点区域由其他文件确定，由个案给出",
        en="Benchmark and baseline levels and the key air-pollution regions are set by other documents and given by the case"))
