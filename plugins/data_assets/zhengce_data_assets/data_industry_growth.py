"""数据产业规模年均复合增长率目标 — 发改数据〔2024〕1836号 一、总体要求.

"到 2029 年，数据产业规模年均复合增长率超过 15%": an indicator check.  The
decision compares end size > base size × (1 + 15%)^years exactly in decimal, so
it is monotone in the end size and false at exactly 15%; the CAGR itself is
shown rounded to four places.  The base year is not stated: an input with a
documented default (the year of issue, 2024).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading

POLICY_ID = "data_assets.data_industry_growth"

NO_AMOUNT = T(zh="发改数据〔2024〕1836号只设增长目标，未规定任何资金数额；中央预算内投资“对符合条件的数据产业项目予以支持”，但未给出标准或金额",
              en="发改数据〔2024〕1836号 sets a growth target only and no amount of money; central budget investment supports qualifying data-industry projects, with no criterion or amount stated")


def base_year(case: Case, params: ParameterSet, known_at) -> tuple[int, bool]:
    """The base year and whether it is the documented default."""
    g = case.data_industry_growth
    if g is not None and g.base_year is not None:
        return g.base_year, False
    return criterion(params, "base_year.default", known_at).value, True


def _precision(base: Decimal, years: int) -> int:
    """Enough digits for base × 1.15^years to be exact (1.15^n has at most 2n+1 significant digits)."""
    return max(50, 3 * abs(years) + len(base.as_tuple().digits) + 10)


def required_size(base: Decimal, rate: Decimal, years: int) -> Decimal:
    """base × (1 + rate)^years, exact (integer power of a short decimal)."""
    with localcontext() as c:
        c.prec = _precision(base, years)
        exact = (base * (1 + rate) ** years).normalize()
        return exact.quantize(Decimal(1)) if exact.as_tuple().exponent > 0 else exact


def exceeds(size: Decimal, base: Decimal, rate: Decimal, years: int) -> bool:
    """Compound annual growth strictly above ``rate`` over ``years`` years."""
    return size > required_size(base, rate, years)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    g = case.data_industry_growth
    conds = Conditions()
    by, default = base_year(case, params, ctx.known_at)
    target_year = criterion(params, "target.year", ctx.known_at)
    year = g.year if g else None
    base = g.base_size if g else None
    size = g.size if g else None
    conds.info("base_year", T(zh="基期年份", en="Base year"), value=by,
               facts={"data_industry_growth.base_year": g.base_year if g else None},
               cite=criterion(params, "base_year.default", ctx.known_at),
               note=reading(params, "base_year.default") if default else T(zh="个案给定", en="given by the case"))
    conds.check("year_in_horizon", T(zh=f"观测年份晚于基期且不晚于 {target_year.value} 年", en=f"The observed year is after the base year and no later than {target_year.value}"),
                None if year is None else by < year <= target_year.value, facts={"data_industry_growth.year": year}, cite=target_year)
    conds.check("sizes_given", T(zh="基期规模为正数且给出观测规模", en="A positive base size and an observed size are given"),
                None if base is None or size is None else base > 0 and size >= 0,
                facts={"data_industry_growth.base_size": base, "data_industry_growth.size": size}, cite=target_year)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    g = case.data_industry_growth
    calc = Calculation()
    by, _ = base_year(case, params, ctx.known_at)
    rate = criterion(params, "target.cagr", ctx.known_at)
    target_year = criterion(params, "target.year", ctx.known_at).value
    unit = g.unit or "size"
    years = g.year - by
    facts = {"data_industry_growth.base_size": g.base_size, "data_industry_growth.size": g.size, "data_industry_growth.year": g.year}
    with localcontext() as c:
        c.prec = 50
        cagr = (g.size / g.base_size) ** (Decimal(1) / years) - 1 if g.size > 0 else Decimal(-1)
    shown = cagr.quantize(params.rounding.quantum, rounding=ROUND_HALF_UP)
    calc.amount("cagr", shown, T(zh="年均复合增长率", en="Compound annual growth rate"), unit="ratio",
                formula=f"({g.size} / {g.base_size})^(1/{years}) − 1", facts=facts, cite=rate)
    needed = required_size(g.base_size, rate.value, years)
    calc.amount("required_size", needed, T(zh=f"{g.year} 年须超过的规模", en=f"Size to exceed in {g.year}"), unit=unit,
                formula=f"{g.base_size} × (1 + {rate.value})^{years}", facts=facts, cite=rate, note=reading(params, "target.cagr"))
    needed_target = required_size(g.base_size, rate.value, target_year - by)
    if g.year != target_year:
        calc.amount("required_size_target_year", needed_target, T(zh=f"{target_year} 年须超过的规模", en=f"Size to exceed in {target_year}"),
                    unit=unit, formula=f"{g.base_size} × (1 + {rate.value})^{target_year - by}", facts=facts, cite=rate)
    above = exceeds(g.size, g.base_size, rate.value, years)
    label = T(zh=f"到 {target_year} 年数据产业规模年均复合增长率超过 {rate.value * 100:.0f}%",
              en=f"Data-industry CAGR above {rate.value * 100:.0f}% by {target_year}")
    if g.year < target_year:
        status = FindingStatus.NOT_YET_DUE
        detail = T(zh=f"目标年份未到；截至 {g.year} 年增速{'高于' if above else '未高于'} 15% 的年均水平",
                   en=f"Not yet due; to {g.year} growth is {'above' if above else 'not above'} the 15% annual pace")
    else:
        status = FindingStatus.MET if above else FindingStatus.NOT_MET
        detail = T(zh=f"{g.size} {'>' if above else '≤'} {needed}", en=f"{g.size} {'>' if above else '≤'} {needed}")
    calc.finding("cagr_target", status, label, detail=detail, facts=facts, cite=rate)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
