"""高级认证企业申请免除税款担保试点 — 署稽发〔2024〕36号 二（七）.

At the pilot customs offices, a production enterprise certified AEO for 5 years or more that meets
all seven conditions may apply, case by case (一事一议), to have the duty guarantee of two-step
declaration waived.  Conditions 5–7 are computed from the year-by-year taxes paid and the
period-end ratios beside the SASAC 优秀值 of its industry (an external table: inputs).  The waiver
itself stays the customs' decision: the result says the enterprise may apply.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, add_months, localised

POLICY_ID = "trade_investment.aeo_duty_guarantee_waiver"
PARAMETERS = load_parameters("zhengce_trade_investment", "parameters/aeo_duty_guarantee_waiver.yaml")
G, E = "guarantee_waiver", "customs_enterprise"


def required_period_ends(applied_on: date, years: int) -> tuple[date, ...]:
    """The period-ends of conditions 6 and 7: the last ``years`` year-ends and, except in January,
    the end of the month before the application."""
    ends = [date(applied_on.year - k, 12, 31) for k in range(years, 0, -1)]
    if applied_on.month > 1:
        ends.append(applied_on.replace(day=1) - timedelta(days=1))
    return tuple(ends)


def tax_years_met(g, years: int, floor: Decimal) -> tuple[bool | None, list[int]]:
    """Condition 5: every one of the ``years`` calendar years before the application at or above the floor;
    also the years the case does not give."""
    wanted = [g.applied_on.year - k for k in range(years, 0, -1)]
    paid = {t.year: t.tax_paid for t in g.tax_years if t.year is not None and t.tax_paid is not None}
    gaps = [y for y in wanted if y not in paid]
    if any(paid[y] < floor for y in wanted if y in paid):
        return False, gaps
    return (None if gaps else True), gaps


def ratios_met(g, years: int, which: str) -> tuple[bool | None, list[date]]:
    """Condition 6 (``debt``: below the excellent value) or 7 (``cash``: above it) at every period-end."""
    by_end = {f.period_end: f for f in g.periods if f.period_end is not None}
    gaps, results = [], []
    for end in required_period_ends(g.applied_on, years):
        f = by_end.get(end)
        pair = (f.debt_ratio, f.debt_ratio_excellent) if f and which == "debt" else ((f.cash_liability_ratio, f.cash_liability_excellent) if f else (None, None))
        if None in pair:
            gaps.append(end)
            continue
        results.append(pair[0] < pair[1] if which == "debt" else pair[0] > pair[1])
    if not all(results):
        return False, gaps
    return (None if gaps else True), gaps


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    g, e = case.guarantee_waiver, case.customs_enterprise
    p = Lookup(params, g.applied_on, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.check("pilot_customs", params["pilot"].label, g.pilot_customs, facts={f"{G}.pilot_customs": g.pilot_customs}, cite=p.value("pilot"))
    is_aeo = e.is_aeo if e else None
    production = e.production_enterprise if e else None
    conds.check("aeo", T("企业为高级认证企业", "The enterprise is an AEO enterprise"), is_aeo, facts={f"{E}.is_aeo": is_aeo}, cite=p.value("aeo.min_years"))
    years = p.value("aeo.min_years")
    since = g.aeo_since
    from_day = None if since is None else add_months(since, 12 * years.value)
    conds.check("aeo_years", T("经认证为高级认证企业 {} 年以上（{} 起）", "Certified AEO for {} years or more (from {})", years.value, from_day or "—"),
                None if since is None or g.applied_on is None else g.applied_on >= from_day,
                facts={f"{G}.aeo_since": since, f"{G}.applied_on": g.applied_on}, cite=years, note=p.reading("aeo.min_years"))
    conds.check("production_enterprise", params["production"].label, production, facts={f"{E}.production_enterprise": production}, cite=p.value("production"))
    for cid, field, pname in (("no_late_payment", "ever_paid_tax_late", "cond.no_late_payment"),
                              ("no_downgrade", "ever_downgraded", "cond.no_downgrade"),
                              ("no_suspension", "ever_suspended", "cond.no_suspension"),
                              ("no_customs_penalty", "customs_penalty_in_5_years", "cond.no_penalty_years")):
        v = getattr(g, field)
        conds.check(cid, params[pname].label, None if v is None else not v, facts={f"{G}.{field}": v}, cite=p.value(pname))
    if g.applied_on is None:
        conds.check("tax_and_ratios", T("近 5 年纳税额及财务比率", "Taxes and ratios of the last 5 years"), None,
                    facts={f"{G}.applied_on": None}, cite=p.value("tax.years"))
        return conds.result()
    _tax(g, p, conds)
    _ratios(g, p, conds)
    return conds.result()


def _tax(g, p: Lookup, conds: Conditions) -> None:
    years, floor = p.value("tax.years"), p.value("tax.min_per_year")
    met, gaps = tax_years_met(g, years.value, floor.value)
    span = f"{g.applied_on.year - years.value}–{g.applied_on.year - 1}"
    conds.check("annual_tax", T("{} 每年进出口税收纳税额均不少于 {} 元", "Import and export taxes of at least CNY {1} in each year {0}", span, floor.value),
                met, facts={f"{G}.tax_years": ", ".join(f"{t.year}: {t.tax_paid}" for t in g.tax_years) or "—"},
                cite=floor, missing=[f"{G}.tax_years"] if met is None else None,
                note=T("缺少年度：{}", "years not given: {}", ", ".join(map(str, gaps))) if gaps else p.reading("tax.years"))


def _ratios(g, p: Lookup, conds: Conditions) -> None:
    years = p.value("tax.years").value
    ends = ", ".join(map(str, required_period_ends(g.applied_on, years)))
    for which, cid, pname in (("debt", "debt_ratio", "ratio.debt"), ("cash", "cash_liability_ratio", "ratio.cash")):
        met, gaps = ratios_met(g, years, which)
        conds.check(cid, Text(zh=f"{p.params[pname].label.zh}（{ends}）", en=f"{p.params[pname].label.en} ({ends})"), met,
                    facts={f"{G}.periods": len(g.periods)}, cite=p.value(pname), missing=[f"{G}.periods"] if met is None else None,
                    note=T("缺少期末：{}", "period-ends not given: {}", ", ".join(map(str, gaps))) if gaps else p.reading("ratio.debt"))


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    g = case.guarantee_waiver
    p = Lookup(params, g.applied_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    years = p.value("tax.years").value
    wanted = range(g.applied_on.year - years, g.applied_on.year)
    lowest = min(t.tax_paid for t in g.tax_years if t.year in wanted and t.tax_paid is not None)
    calc.amount("lowest_annual_tax", p.money(lowest), T("近 5 年最低年度进出口税收纳税额", "Lowest yearly import and export taxes of the last 5 years"),
                cite=p.value("tax.min_per_year"))
    calc.finding("may_apply_for_waiver", FindingStatus.MET, params["one_by_one"].label, cite=p.value("one_by_one"),
                 detail=T("是否免除由海关一事一议决定", "the customs decide each waiver case by case"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return localised(explanation(result, title, lang))
