"""高级认证企业便利措施 — 署稽发〔2024〕36号 一、二（（八）至（十））.

The computable measures an AEO enterprise gets: the sampling ratio of its food and cosmetics
exports capped at 20 % of the ordinary enterprises' ratio (the ordinary ratio is an input), a
1-year performance-test cycle for the dangerous-goods packaging it makes, a 1-year (was 6-month)
window to disclose a tax-related breach of its own accord, a further reduced inspection ratio after
a year without findings, and the highest-rated party's measures on a declaration whose domestic
consignor or consignee it is.  A measure is reported only when the case gives the facts that
trigger it.  The guarantee-waiver pilot （七） is its own policy.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup, all_of, finding_status

from ._common import T, add_months, localised, pct, period_last_day

POLICY_ID = "trade_investment.aeo_customs_facilitation"
PARAMETERS = load_parameters("zhengce_trade_investment", "parameters/aeo_customs_facilitation.yaml")
E = "customs_enterprise"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    e = case.customs_enterprise
    conds = Conditions(trace=ctx.trace)
    conds.check("aeo", T("企业为高级认证企业（AEO）", "The enterprise is an AEO enterprise (Authorized Economic Operator)"), e.is_aeo,
                facts={f"{E}.is_aeo": e.is_aeo}, cite=Lookup(params, None, ctx.known_at).value("aeo.required"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    e = case.customs_enterprise
    p = Lookup(params, e.disclosed_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    _sampling(e, p, calc)
    _packaging(e, p, calc)
    _disclosure(e, p, calc)
    if e.no_inspection_findings_last_year is not None:
        calc.finding("further_reduced_inspection", finding_status(e.no_inspection_findings_last_year), params["inspection.further_reduced"].label,
                     facts={f"{E}.no_inspection_findings_last_year": e.no_inspection_findings_last_year}, cite=p.value("inspection.further_reduced"))
    if e.domestic_party_on_declaration is not None or e.other_parties_not_dishonest is not None:
        met = all_of(e.domestic_party_on_declaration, e.other_parties_not_dishonest)
        calc.finding("declaration_highest_level", finding_status(met), params["declaration.highest_level"].label,
                     facts={f"{E}.domestic_party_on_declaration": e.domestic_party_on_declaration,
                            f"{E}.other_parties_not_dishonest": e.other_parties_not_dishonest}, cite=p.value("declaration.highest_level"))
    return calc.result()


def _sampling(e, p: Lookup, calc: Calculation) -> None:
    if e.exports_food_or_cosmetics is None:
        return
    cap = p.value("sampling.cap_share")
    calc.finding("food_cosmetics_sampling", finding_status(e.exports_food_or_cosmetics),
                 T("出口食品、化妆品抽批比例降至常规管理措施企业的 {} 以下", "Food and cosmetics exports sampled at no more than {} of the ordinary ratio", pct(cap.value)),
                 facts={f"{E}.exports_food_or_cosmetics": e.exports_food_or_cosmetics}, cite=cap)
    if not e.exports_food_or_cosmetics:
        return
    if e.regular_sampling_ratio is None:
        calc.need(f"{E}.regular_sampling_ratio")
        return
    calc.amount("sampling_ratio_cap", p.money(e.regular_sampling_ratio * cap.value), T("抽批比例上限", "Sampling-ratio cap"), unit="ratio",
                formula=f"{e.regular_sampling_ratio} × {cap.value}", facts={f"{E}.regular_sampling_ratio": e.regular_sampling_ratio},
                cite=cap, note=p.reading("sampling.cap_share"))


def _packaging(e, p: Lookup, calc: Calculation) -> None:
    if e.produces_dangerous_goods_packaging is None:
        return
    cycle = p.value("packaging.test_cycle_years")
    calc.finding("packaging_test_cycle", finding_status(e.produces_dangerous_goods_packaging),
                 T("自产出口危险货物包装性能检验周期为 {} 年", "A {}-year performance-test cycle for its dangerous-goods packaging", cycle.value),
                 facts={f"{E}.produces_dangerous_goods_packaging": e.produces_dangerous_goods_packaging}, cite=cycle)
    if e.produces_dangerous_goods_packaging and e.last_packaging_test_on is not None:
        calc.date("next_packaging_test_due", add_months(e.last_packaging_test_on, 12 * cycle.value), T("下次性能检验到期日", "Next performance test due"),
                  facts={f"{E}.last_packaging_test_on": e.last_packaging_test_on}, cite=cycle)


def _disclosure(e, p: Lookup, calc: Calculation) -> None:
    if e.violation_on is None:
        if e.disclosed_on is not None:
            calc.need(f"{E}.violation_on")
        return
    window = p.value("disclosure.window_years")
    before = p.value("disclosure.previous_window_months")
    facts = {f"{E}.violation_on": e.violation_on}
    calc.info("previous_disclosure_deadline", T("原 {} 个月时限的最后一日", "Last day of the former {}-month window", before.value),
              value=period_last_day(e.violation_on, before.value), facts=facts, cite=before)
    deadline = calc.date("disclosure_deadline", period_last_day(e.violation_on, 12 * window.value), T("主动披露时限的最后一日", "Last day to disclose of its own accord"),
                         facts=facts, cite=window)
    if e.disclosed_on is not None:
        ok = e.violation_on <= e.disclosed_on <= deadline
        calc.finding("disclosure_in_time", finding_status(ok), T("于 {} 前（含当日）主动披露", "Disclosed on or before {}", deadline),
                     facts={f"{E}.disclosed_on": e.disclosed_on}, cite=window, detail=p.reading("disclosure.window_years"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return localised(explanation(result, title, lang))
