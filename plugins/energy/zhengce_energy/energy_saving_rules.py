"""2024—2025年节能降碳行动方案 (国发〔2024〕12号) and the buildings plan (国办函〔2024〕20号) — project-level rules.

Coal replacement in key air-pollution regions, the phase-out of coal boilers of
35 t/h or less by the end of 2025, the high-sulphur petroleum-coke ban, the 20%
non-fossil floor for new high-energy projects, the entry standards (benchmark + grade A
for steel, petrochemicals, electrolytic aluminium, cement, ceramics, flat glass; the mandatory
limit's advanced value for alumina; the industry's advanced level for new polysilicon and
battery-electrode builds), the elimination of small distillation units,
the fossil-energy budget offset, and a region's demand-response requirement.
Each rule is a finding; a rule the case gives no facts for is left out.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce_energy.facts import BuildingKind
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params
from .common import all3 as _all
from .common import tri as _tri

POLICY_ID = "energy.energy_saving_project_rules"
F = FindingStatus
PATH = "energy_saving_project"


def demand_response_band(max_load: Decimal, rate: Decimal, p: Params) -> tuple[Decimal, Decimal | None, bool]:
    """(minimum MW, maximum MW or None, high) — 5%+ above the peak-valley threshold (超过 = strictly), else 3%–5%."""
    hundred = Decimal(100)
    if rate > p("demand_response.peak_valley_threshold_pct").value:
        return max_load * p("demand_response.high_min_pct").value / hundred, None, True
    return (max_load * p("demand_response.band_min_pct").value / hundred,
            max_load * p("demand_response.band_max_pct").value / hundred, False)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    conds = Conditions()
    p = Params(params, ctx.known_at)
    anchor = "coal.replacement_required" if p.known("coal.replacement_required") else "building.heat_metering"
    conds.info("action_plan", T(zh="节能降碳行动方案及建筑领域节能降碳工作方案的项目级规则", en="Project-level rules of the energy-saving action plan and the buildings plan"),
               cite=p(anchor))
    return conds.result()


def _not_issued(calc: Calculation, p: Params, name: str, what: str) -> None:
    doc = p.params[name].values[0].document
    calc.finding(what, FindingStatus.INFO, T(zh=f"{doc.number} 尚未印发", en=f"{doc.number} not yet issued"),
                 detail=T(zh=f"截至 {p.known_at}", en=f"as known at {p.known_at}"))


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    calc = Calculation()
    prj = case.energy_saving_project
    action_plan = p.known("coal.replacement_required")
    if (prj is not None or case.power_demand_response_region is not None) and not action_plan:
        _not_issued(calc, p, "coal.replacement_required", "action_plan")
    if prj is not None and action_plan:
        _coal_replacement(prj, p, calc)
        _boilers(prj, p, calc, ctx)
        _petcoke(prj, p, calc)
        _non_fossil(prj, p, calc)
        _entry(prj, p, calc)
        _distillation(prj, p, calc)
        _fossil_budget(prj, p, calc)
        _bans(prj, p, calc)
    if case.power_demand_response_region is not None and action_plan:
        _demand_response(case.power_demand_response_region, p, calc)
    if case.building_energy_project is not None:
        _building(case.building_energy_project, p, calc)
    return calc.result()


def _building(b, p: Params, calc: Calculation) -> None:
    path = "building_energy_project"
    tce, kwh = p("building.review_energy_tce"), p("building.review_electricity_10k_kwh")
    e_use, el = b.annual_operating_energy_tce, b.annual_electricity_10k_kwh
    if e_use is not None or el is not None:
        over = [e_use is not None and e_use >= tce.value, el is not None and el >= kwh.value]
        strengthened = True if any(over) else (None if e_use is None or el is None else False)
        calc.finding("strengthened_energy_review", F.UNKNOWN if strengthened is None else (F.DUTY if strengthened else F.INFO),
                     T(zh=f"年运行能耗 {tce.value} 吨标准煤（或电耗 {kwh.value} 万千瓦时）及以上建筑项目强化节能审查",
                       en=f"Buildings of {tce.value} tce (or {kwh.value} × 10,000 kWh of electricity) a year or more get a strengthened energy review"),
                     detail=T(zh="适用强化节能审查" if strengthened else "不适用强化节能审查" if strengthened is False else "能耗或电耗未知",
                              en="Strengthened review applies" if strengthened else "No strengthened review" if strengthened is False else "Energy or electricity unknown"),
                     facts={f"{path}.annual_operating_energy_tce": e_use, f"{path}.annual_electricity_10k_kwh": el}, cite=tce)
    if b.retrofit:
        if b.kind is BuildingKind.PUBLIC and b.had_prior_energy_measures is False:
            rule = p("building.public_retrofit_min_improvement_pct")
            gain = b.efficiency_improvement_pct
            calc.finding("retrofit_performance", F.UNKNOWN if gain is None else (F.MET if gain >= rule.value else F.NOT_MET),
                         p.label("building.public_retrofit_min_improvement_pct"), detail=p.reading("building.public_retrofit_min_improvement_pct"),
                         facts={f"{path}.efficiency_improvement_pct": gain}, cite=rule)
        elif b.kind is BuildingKind.RESIDENTIAL:
            calc.finding("retrofit_performance", _tri(b.retrofit_meets_current_standard), p.label("building.residential_retrofit_standard"),
                         facts={f"{path}.retrofit_meets_current_standard": b.retrofit_meets_current_standard}, cite=p("building.residential_retrofit_standard"))
    if b.northern_heating_area and b.newly_completed:
        calc.finding("heat_metering", _tri(b.meets_heat_metering), p.label("building.heat_metering"),
                     facts={f"{path}.meets_heat_metering": b.meets_heat_metering}, cite=p("building.heat_metering"))


def _coal_replacement(prj, p: Params, calc: Calculation) -> None:
    facts = {f"{PATH}.in_key_air_pollution_region": prj.in_key_air_pollution_region, f"{PATH}.new_or_expansion": prj.new_or_expansion,
             f"{PATH}.uses_coal": prj.uses_coal}
    if all(v is None for v in facts.values()) and prj.new_coal_use_t is None:
        return
    rule = p("coal.replacement_required")
    trigger = _all(prj.in_key_air_pollution_region, prj.new_or_expansion, prj.uses_coal)
    if trigger is False:
        calc.finding("coal_replacement", F.INFO, T(zh="不属重点区域新建或改扩建用煤项目，无需煤炭替代", en="Not a new or expanded coal-using project in a key region: no replacement needed"),
                     facts=facts, cite=rule)
        return
    new, repl = prj.new_coal_use_t, prj.coal_replacement_t
    facts |= {f"{PATH}.new_coal_use_t": new, f"{PATH}.coal_replacement_t": repl}
    if trigger is None:
        calc.finding("coal_replacement", F.UNKNOWN, p.label("coal.replacement_required"), facts=facts, cite=rule)
        return
    if new is None or repl is None:
        calc.finding("coal_replacement", F.DUTY, p.label("coal.replacement_required"), facts=facts, cite=rule)
        return
    gap = max(Decimal(0), new - repl)
    calc.amount("coal_replacement_gap_t", gap, T(zh="煤炭替代缺口", en="Coal replacement still missing"), unit="t",
                formula=f"max(0, {new} − {repl})", facts=facts, cite=rule, note=p.reading("coal.replacement_required"))
    calc.finding("coal_replacement", F.MET if gap == 0 else F.NOT_MET, p.label("coal.replacement_required"), facts=facts, cite=rule)


def _boilers(prj, p: Params, calc: Calculation, ctx: EvaluationContext) -> None:
    if not prj.coal_boilers:
        return
    cap_rule, by = p("boiler.max_capacity_t_per_h"), p("boiler.phase_out_by")
    region = prj.in_key_air_pollution_region
    for i, b in enumerate(prj.coal_boilers):
        bid = b.id or str(i)
        path = f"{PATH}.coal_boilers[{i}]"
        facts = {f"{PATH}.in_key_air_pollution_region": region, f"{path}.capacity_t_steam_per_h": b.capacity_t_steam_per_h,
                 f"{path}.in_operation": b.in_operation, "as_of": ctx.as_of}
        label = T(zh=f"燃煤锅炉 {bid}：{by.value} 前基本淘汰 {cap_rule.value} 蒸吨/小时及以下燃煤锅炉",
                  en=f"Coal boiler {bid}: boilers of {cap_rule.value} t/h or less phased out by {by.value}")
        in_scope = _all(region, None if b.capacity_t_steam_per_h is None else b.capacity_t_steam_per_h <= cap_rule.value)
        if in_scope is False:
            calc.finding(f"boiler_{bid}.phase_out", F.INFO, T(zh=f"燃煤锅炉 {bid} 不在淘汰范围", en=f"Coal boiler {bid} is outside the phase-out"),
                         facts=facts, cite=cap_rule, detail=p.reading("boiler.max_capacity_t_per_h"))
        elif in_scope is None:
            calc.finding(f"boiler_{bid}.phase_out", F.UNKNOWN, label, facts=facts, cite=cap_rule)
        elif ctx.as_of <= by.value:
            calc.finding(f"boiler_{bid}.phase_out", F.NOT_YET_DUE, label, facts=facts, cite=by, detail=p.reading("boiler.phase_out_by"))
        else:
            calc.finding(f"boiler_{bid}.phase_out", _tri(b.in_operation, met_when=False), label, facts=facts, cite=by,
                         detail=p.reading("boiler.phase_out_by"))


def _petcoke(prj, p: Params, calc: Calculation) -> None:
    burns, exempt = prj.burns_high_sulphur_petcoke, prj.petrochemical_existing_captive_unit
    if burns is None and exempt is None:
        return
    facts = {f"{PATH}.burns_high_sulphur_petcoke": burns, f"{PATH}.petrochemical_existing_captive_unit": exempt}
    status = F.MET if burns is False else (F.UNKNOWN if burns is None else _tri(exempt))
    calc.finding("high_sulphur_petcoke", status, p.label("petcoke.ban"), facts=facts, cite=p("petcoke.ban"))


def _non_fossil(prj, p: Params, calc: Calculation) -> None:
    if prj.high_energy_consuming is None and prj.non_fossil_share_pct is None:
        return
    rule, start, end = p("non_fossil.min_share_pct"), p("non_fossil.period_from"), p("non_fossil.period_until")
    day = prj.approved_on
    facts = {f"{PATH}.high_energy_consuming": prj.high_energy_consuming, f"{PATH}.new_or_expansion": prj.new_or_expansion,
             f"{PATH}.lagging_region": prj.lagging_region, f"{PATH}.approved_on": day, f"{PATH}.non_fossil_share_pct": prj.non_fossil_share_pct}
    in_period = None if day is None else start.value <= day <= end.value
    trigger = _all(prj.high_energy_consuming, prj.new_or_expansion, prj.lagging_region, in_period)
    label = T(zh=f"新上高耗能项目非化石能源消费比例不低于 {rule.value}%", en=f"New high-energy project: non-fossil share at least {rule.value}%")
    if trigger is False:
        calc.finding("non_fossil_share", F.INFO, T(zh="不属“十四五”后两年进度滞后地区新上高耗能项目", en="Not a new high-energy project of 2024–2025 in a lagging region"),
                     facts=facts, cite=rule, detail=p.reading("non_fossil.min_share_pct"))
    elif trigger is None or prj.non_fossil_share_pct is None:
        calc.finding("non_fossil_share", F.UNKNOWN, label, facts=facts, cite=rule, detail=p.reading("non_fossil.min_share_pct"))
    else:
        calc.finding("non_fossil_share", F.MET if prj.non_fossil_share_pct >= rule.value else F.NOT_MET, label, facts=facts, cite=rule,
                     detail=p.reading("non_fossil.min_share_pct"))


def _entry(prj, p: Params, calc: Calculation) -> None:
    if prj.sector is None:
        return
    for name in ("entry.steel", "entry.petrochemical", "entry.aluminium", "entry.building_materials", "entry.alumina", "entry.new_build_advanced"):
        if not p.known(name):
            continue
        rule = p(name)
        if prj.sector.value not in rule.value:
            continue
        if name == "entry.new_build_advanced":  # 新建 only, the industry's advanced level
            _entry_new_build(prj, p, calc, name)
            return
        if name == "entry.alumina":  # the mandatory limit standard's advanced value, no grade A
            facts = {f"{PATH}.sector": prj.sector, f"{PATH}.new_or_expansion": prj.new_or_expansion,
                     f"{PATH}.meets_mandatory_limit_advanced": prj.meets_mandatory_limit_advanced}
            needed = (prj.new_or_expansion, prj.meets_mandatory_limit_advanced)
        else:
            facts = {f"{PATH}.sector": prj.sector, f"{PATH}.new_or_expansion": prj.new_or_expansion,
                     f"{PATH}.meets_efficiency_benchmark": prj.meets_efficiency_benchmark, f"{PATH}.environmental_grade_a": prj.environmental_grade_a}
            needed = (prj.new_or_expansion, prj.meets_efficiency_benchmark, prj.environmental_grade_a)
        if prj.new_or_expansion is False:
            calc.finding("entry_standard", F.INFO, T(zh="非新建或改扩建项目", en="Not a new or expanded project"), facts=facts, cite=rule)
            return
        calc.finding("entry_standard", _tri(_all(*needed)), p.label(name), facts=facts, cite=rule, detail=p.reading(name) if name == "entry.alumina" else None)
        return


def _entry_new_build(prj, p: Params, calc: Calculation, name: str) -> None:
    """新建多晶硅、锂电池正负极项目: the industry's advanced level; an expansion is not named (新建 only)."""
    rule = p(name)
    facts = {f"{PATH}.sector": prj.sector, f"{PATH}.new_or_expansion": prj.new_or_expansion, f"{PATH}.newly_built": prj.newly_built,
             f"{PATH}.meets_industry_advanced_level": prj.meets_industry_advanced_level}
    if prj.newly_built is False or prj.new_or_expansion is False:
        calc.finding("entry_standard", F.INFO, T(zh="非新建项目（本条仅适用于新建项目）", en="Not a newly built project (the rule names new builds only)"),
                     facts=facts, cite=rule, detail=p.reading(name))
        return
    calc.finding("entry_standard", _tri(_all(prj.newly_built, prj.meets_industry_advanced_level)), p.label(name), facts=facts, cite=rule,
                 detail=p.reading(name))


def _distillation(prj, p: Params, calc: Calculation) -> None:
    cap = prj.distillation_unit_capacity_t_per_year
    if cap is None:
        return
    rule = p("distillation.max_capacity_t_per_year")
    calc.finding("distillation_unit", F.NOT_MET if cap <= rule.value else F.MET,
                 T(zh=f"全面淘汰 {rule.value} 吨/年及以下常减压装置", en=f"Distillation units of {rule.value} t/yr or less are eliminated"),
                 detail=T(zh="该装置在淘汰范围内" if cap <= rule.value else "该装置不在淘汰范围内",
                          en="This unit is to be eliminated" if cap <= rule.value else "This unit is outside the elimination"),
                 facts={f"{PATH}.distillation_unit_capacity_t_per_year": cap}, cite=rule)


def _fossil_budget(prj, p: Params, calc: Calculation) -> None:
    use, budget = prj.fossil_energy_use_tce, prj.fossil_energy_budget_tce
    if use is None or budget is None:
        if use is not None or budget is not None:
            calc.need(f"{PATH}.fossil_energy_use_tce" if use is None else f"{PATH}.fossil_energy_budget_tce")
        return
    rule = p("fossil_budget.offset")
    excess = max(Decimal(0), use - budget)
    facts = {f"{PATH}.fossil_energy_use_tce": use, f"{PATH}.fossil_energy_budget_tce": budget}
    calc.amount("fossil_budget_excess_tce", excess, T(zh="超出化石能源消费预算部分", en="Fossil energy use above budget"), unit="tce",
                formula=f"max(0, {use} − {budget})", facts=facts, cite=rule,
                note=T(zh="折算为绿电绿证数量的系数本方案未规定", en="The plan sets no factor converting it into green power or certificates"))
    calc.finding("fossil_budget_offset", F.MET if excess == 0 else F.DUTY, p.label("fossil_budget.offset"), facts=facts, cite=rule)


def _bans(prj, p: Params, calc: Calculation) -> None:
    """Prohibitions stated as plain yes/no facts: steel capacity in lagging regions, mercury PVC, price discounts."""
    if prj.adds_steel_capacity is not None:
        rule = p("steel.no_new_capacity_lagging")
        facts = {f"{PATH}.adds_steel_capacity": prj.adds_steel_capacity, f"{PATH}.lagging_region": prj.lagging_region,
                 f"{PATH}.approved_on": prj.approved_on}
        start, end = p("non_fossil.period_from"), p("non_fossil.period_until")
        in_period = None if prj.approved_on is None else start.value <= prj.approved_on <= end.value
        trigger = _all(prj.adds_steel_capacity, prj.lagging_region, in_period)
        calc.finding("steel_capacity_lagging_region", F.INFO if trigger is False else (F.UNKNOWN if trigger is None else F.NOT_MET),
                     p.label("steel.no_new_capacity_lagging"), facts=facts, cite=rule,
                     detail=T(zh="“原则上”：例外由主管部门决定", en="\"原则上\": exceptions are for the authorities"))
    for fid, field, name in (("mercury_pvc_capacity", "new_mercury_pvc_capacity", "petrochemical.no_mercury_pvc"),
                             ("high_energy_price_discount", "electricity_discount_for_high_energy_industry", "price.no_discount_high_energy")):
        value = getattr(prj, field)
        if value is not None:
            calc.finding(fid, _tri(value, met_when=False), p.label(name), facts={f"{PATH}.{field}": value}, cite=p(name))


def _utilisation(r, p: Params, calc: Calculation) -> None:
    path = "power_demand_response_region"
    target = r.new_energy_utilisation_target_pct
    if target is None:
        return
    rule = p("utilisation.min_pct")
    facts = {f"{path}.good_resource_conditions": r.good_resource_conditions, f"{path}.new_energy_utilisation_target_pct": target}
    if target >= rule.value:
        status = F.MET
    else:
        status = F.NOT_MET if r.good_resource_conditions is not None else F.UNKNOWN
    label = T(zh=f"新能源利用率目标不低于 {rule.value}%（资源条件较好地区可降低至此）",
              en=f"New-energy utilisation target at least {rule.value}% (the floor for regions with good resources)")
    calc.finding("new_energy_utilisation", status, label, detail=p.reading("utilisation.min_pct"), facts=facts, cite=rule)


def _demand_response(r, p: Params, calc: Calculation) -> None:
    path = "power_demand_response_region"
    _utilisation(r, p, calc)
    if r.max_load_mw is None and r.peak_valley_rate_pct is None and r.new_energy_utilisation_target_pct is not None:
        return
    if r.max_load_mw is None or r.peak_valley_rate_pct is None:
        calc.need(*[f"{path}.{f}" for f in ("max_load_mw", "peak_valley_rate_pct") if getattr(r, f) is None])
        return
    lo, hi, high = demand_response_band(r.max_load_mw, r.peak_valley_rate_pct, p)
    thr = p("demand_response.peak_valley_threshold_pct")
    cite = p("demand_response.high_min_pct") if high else p("demand_response.band_min_pct")
    pct = p("demand_response.high_min_pct").value if high else f"{p('demand_response.band_min_pct').value}–{p('demand_response.band_max_pct').value}"
    facts = {f"{path}.max_load_mw": r.max_load_mw, f"{path}.peak_valley_rate_pct": r.peak_valley_rate_pct}
    calc.range("demand_response_required_mw", lo, hi, T(zh="需求响应能力要求", en="Demand-response capability required"), unit="MW",
               basis=T(zh=f"峰谷差率{'超过' if high else '不超过'} {thr.value}%：最大用电负荷的 {pct}%",
                       en=f"peak-valley rate {'above' if high else 'not above'} {thr.value}%: {pct}% of maximum load"),
               formula=f"{r.max_load_mw} × {pct}%", facts=facts, cite=cite)
    dr = r.demand_response_mw
    calc.finding("demand_response", F.UNKNOWN if dr is None else (F.MET if dr >= lo else F.NOT_MET),
                 T(zh="需求响应能力达到要求", en="Demand-response capability reaches the requirement"),
                 detail=p.reading("demand_response.peak_valley_threshold_pct"),
                 facts=facts | {f"{path}.demand_response_mw": dr}, cite=cite)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="大气污染防治重点区域、进度滞后地区、能效标杆水平等认定依其他文件，由个案给出",
        en="Key air-pollution regions, lagging regions and efficiency benchmarks are designated by other documents and given by the case"))
