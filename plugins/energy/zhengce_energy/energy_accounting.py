"""原料用能和非化石能源不纳入能源消耗总量和强度控制 — 国发〔2024〕12号 三（一）, 国办发〔2024〕9号 二（九）.

The energy a region, unit or project has counted against the total and intensity control: its total
consumption less feedstock use (原料用能) and non-fossil consumption, and, given the output, the
intensity before and after the exclusions.  The excluded quantities are inputs, as the statistics
measure them; exclusions above the total are inconsistent and nothing is computed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.energy_accounting_exclusions"
PATH = "energy_consumption_account"
INTENSITY_QUANTUM = Decimal("0.0001")  # intensity shown to 0.0001 tce per 10,000 yuan (presentation)


def counted_energy(total: Decimal, feedstock: Decimal, non_fossil: Decimal) -> Decimal | None:
    """Total − feedstock − non-fossil; None when the exclusions exceed the total (inconsistent inputs)."""
    counted = total - feedstock - non_fossil
    return counted if counted >= 0 else None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    a = case.energy_consumption_account
    conds = Conditions()
    conds.check("total_given", T(zh="给出了能源消费总量", en="The total energy consumption is given"),
                None if a.total_energy_consumption_tce is None else True,
                facts={f"{PATH}.total_energy_consumption_tce": a.total_energy_consumption_tce}, cite=p("excluded_from_control"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    a = case.energy_consumption_account
    rule = p("excluded_from_control")
    calc = Calculation()
    total, feed, nonf = a.total_energy_consumption_tce, a.feedstock_energy_tce, a.non_fossil_energy_tce
    facts = {f"{PATH}.total_energy_consumption_tce": total, f"{PATH}.feedstock_energy_tce": feed, f"{PATH}.non_fossil_energy_tce": nonf}
    if p.known("statistics.categories"):
        calc.info("categories", p.label("statistics.categories"), cite=p("statistics.categories"))
    if a.foreign_invested:
        calc.finding("foreign_invested_project", FindingStatus.INFO,
                     T(zh="外资项目同样适用：原料用能和非化石能源不纳入能源消耗总量和强度控制",
                       en="A foreign-invested project is treated alike: its feedstock and non-fossil energy are left out too"),
                     facts={f"{PATH}.foreign_invested": True}, cite=p("foreign_invested.equal_treatment"))
    if feed is None or nonf is None:
        calc.need(*[k for k, v in facts.items() if v is None])
        return calc.result()
    excluded = calc.amount("excluded_energy_tce", feed + nonf, T(zh="不纳入调控的能耗（原料用能 + 非化石能源）", en="Energy left out of the control (feedstock + non-fossil)"),
                           unit="tce", formula=f"{feed} + {nonf}", facts=facts, cite=rule)
    counted = counted_energy(total, feed, nonf)
    if counted is None:
        calc.finding("exclusions_within_total", FindingStatus.UNKNOWN,
                     T(zh="扣除量不超过能源消费总量", en="The quantities left out do not exceed the total consumption"),
                     detail=T(zh=f"扣除量 {excluded} 超过总量 {total}：输入不一致，未计算", en=f"{excluded} left out exceeds the total {total}: inconsistent inputs, nothing computed"),
                     facts=facts, cite=rule)
        return calc.result()
    calc.amount("energy_counted_tce", counted, T(zh="计入能源消耗总量和强度控制的能耗", en="Energy counted against the total and intensity control"),
                unit="tce", formula=f"{total} − {feed} − {nonf}", facts=facts, cite=rule, note=p.reading("excluded_from_control"))
    out = a.output_10k_yuan
    if out is not None and out > 0:
        of = {f"{PATH}.output_10k_yuan": out}
        calc.amount("intensity_total", (total / out).quantize(INTENSITY_QUANTUM, rounding=ROUND_HALF_UP),
                    T(zh="扣除前能耗强度（吨标准煤/万元）", en="Energy intensity before the exclusions (tce per 10,000 yuan)"), unit="",
                    formula=f"{total} ÷ {out}", facts=facts | of, cite=rule)
        calc.amount("intensity_counted", (counted / out).quantize(INTENSITY_QUANTUM, rounding=ROUND_HALF_UP),
                    T(zh="计入强度控制的能耗强度（吨标准煤/万元）", en="Energy intensity counted against the control (tce per 10,000 yuan)"), unit="",
                    formula=f"{counted} ÷ {out}", facts=facts | of, cite=rule)
    elif out is not None:
        calc.info("intensity", T(zh="产出为零，不计算能耗强度", en="Output is zero: no intensity computed"), facts={f"{PATH}.output_10k_yuan": out}, cite=rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="原料用能和非化石能源消费量按统计口径由个案给出；各地区的调控目标不在本文件中",
        en="Feedstock use and non-fossil consumption are given by the case as the statistics measure them; regional targets are not in the plan"))
