"""节能标准能效等级 — 国发〔2024〕12号 四（一）.

From the efficiency values of a product class, the thresholds of grades 1, 2 and
3 (or 5) at the level of the best 5%, 20% and 80%, and a product's grade.
"""

from __future__ import annotations

import math
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.efficiency_standard_grades"
PATH = "efficiency_standard_survey"
UNIT = ""  # the unit of the survey values


def threshold(values: tuple[Decimal, ...], share_pct: Decimal, higher_is_better: bool) -> Decimal:
    """The level of the best ``share_pct``%: nearest rank ceil(share × n) in the best-first order."""
    ordered = sorted(values, reverse=higher_is_better)
    rank = max(1, math.ceil(share_pct * len(ordered) / Decimal(100)))
    return ordered[rank - 1]


def reaches(value: Decimal, level: Decimal, higher_is_better: bool) -> bool:
    return value >= level if higher_is_better else value <= level


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    s = case.efficiency_standard_survey
    conds = Conditions()
    rule = p("grade1.top_share_pct")
    conds.check("market_values", T(zh="给出该类产品的能效数值", en="The product class's efficiency values are given"),
                None if not s.values else True, facts={f"{PATH}.values": len(s.values) or None}, cite=rule)
    conds.check("direction", T(zh="能效指标方向（数值越大越好或越小越好）", en="Direction of the indicator (higher or lower is better)"),
                None if s.higher_is_better is None else True, facts={f"{PATH}.higher_is_better": s.higher_is_better}, cite=rule)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    s = case.efficiency_standard_survey
    calc = Calculation()
    better = s.higher_is_better
    last = "5" if s.five_grades else "3"
    grades = (("1", "grade1.top_share_pct"), ("2", "grade2.top_share_pct"), (last, "grade_last.top_share_pct"))
    levels = []
    for grade, name in grades:
        rule = p(name)
        level = threshold(s.values, rule.value, better)
        levels.append((grade, level))
        calc.amount(f"grade_{grade}_threshold", level, T(zh=f"{grade}级指标（能效前 {rule.value}% 水平）", en=f"Grade {grade} threshold (level of the best {rule.value}%)"),
                    unit=UNIT, formula=(f"{len(s.values)} 个数值按{'高' if better else '低'}者在前排序，取第 ceil({rule.value}% × {len(s.values)}) 位 ‖ "
                             f"rank ceil({rule.value}% × {len(s.values)}) of {len(s.values)} values, {'highest' if better else 'lowest'} first"),
                    facts={f"{PATH}.values": len(s.values), f"{PATH}.higher_is_better": better}, cite=rule, note=p.reading("grade1.top_share_pct"))
    if s.product_value is not None:
        got = next((g for g, level in levels if reaches(s.product_value, level, better)), None)
        if s.five_grades and got == last and not reaches(s.product_value, levels[1][1], better):
            detail = T(zh=f"达到{last}级指标；3级、4级指标本方案未设定", en=f"Reaches grade {last}; grades 3 and 4 are not set by the plan")
        else:
            detail = None
        calc.finding("product_grade", FindingStatus.INFO if got else FindingStatus.NOT_MET,
                     T(zh=f"产品达到 {got} 级" if got else f"产品未达到 {last} 级指标", en=f"The product reaches grade {got}" if got else f"The product does not reach grade {last}"),
                     detail=detail, facts={f"{PATH}.product_value": s.product_value}, cite=p("grade1.top_share_pct"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, headline=("product_grade",))
