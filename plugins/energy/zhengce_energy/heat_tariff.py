"""两部制热价 — 国办函〔2024〕20号 二（五）, 国发〔2024〕12号 四（二）.

A heat user's bill under the two-part tariff: the basic part (基本热价) plus the metered part
(计量热价 × the metered heat), and the basic part's share of the bill.  The prices are local (the seed
sets none): they are case inputs, and no ratio is checked because the plan fixes none.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.two_part_heat_tariff"
PATH = "heat_bill"
SHARE_QUANTUM = Decimal("0.0001")  # a share shown to 0.01 % (presentation, not a legal number)


def basic_part(bill) -> Decimal | None:
    """The basic charge: as given, else the basic price per m² × the heated area; None when neither is known."""
    if bill.basic_charge is not None:
        return bill.basic_charge
    if bill.basic_price_per_m2 is None or bill.heating_area_m2 is None:
        return None
    return bill.basic_price_per_m2 * bill.heating_area_m2


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    b = case.heat_bill
    conds = Conditions()
    rule = p("tariff.two_part")
    basic_missing = [f"{PATH}.basic_charge"] if b.basic_charge is None and b.basic_price_per_m2 is None and b.heating_area_m2 is None \
        else [f"{PATH}.{f}" for f in ("basic_price_per_m2", "heating_area_m2") if getattr(b, f) is None]
    conds.check("basic_part_given", T(zh="给出了基本热费（或基本热价及计费面积）", en="The basic charge (or the basic price and the heated area) is given"),
                None if basic_part(b) is None else True, missing=basic_missing, cite=rule)
    conds.check("metered_part_given", T(zh="给出了计量热价和计量热量", en="The metered heat price and the metered heat are given"),
                None if b.metered_price_per_gj is None or b.heat_used_gj is None else True,
                facts={f"{PATH}.metered_price_per_gj": b.metered_price_per_gj, f"{PATH}.heat_used_gj": b.heat_used_gj}, cite=rule)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    b = case.heat_bill
    rule = p("tariff.two_part")
    calc = Calculation()
    by = T(zh="（由用热户向供热单位支付）", en="(paid by the heat user to the heat supplier)")
    if b.basic_charge is not None:
        basic = calc.amount("basic_heat_charge", p.money(b.basic_charge), T(zh="基本热费", en="Basic heat charge"),
                            facts={f"{PATH}.basic_charge": b.basic_charge}, cite=rule,
                            note=T(zh="按个案给出的基本热费", en="The basic charge as the case gives it"))
    else:
        basic = calc.amount("basic_heat_charge", p.money(basic_part(b)), T(zh="基本热费", en="Basic heat charge"),
                            formula=f"{b.basic_price_per_m2} × {b.heating_area_m2}",
                            facts={f"{PATH}.basic_price_per_m2": b.basic_price_per_m2, f"{PATH}.heating_area_m2": b.heating_area_m2}, cite=rule,
                            note=T(zh="基本热价 × 计费面积（计费依据由个案给出）", en="Basic price × heated area (the basis is the case's)"))
    metered = calc.amount("metered_heat_charge", p.money(b.metered_price_per_gj * b.heat_used_gj),
                          T(zh="计量热费", en="Metered heat charge"),
                          formula=f"{b.metered_price_per_gj} × {b.heat_used_gj}",
                          facts={f"{PATH}.metered_price_per_gj": b.metered_price_per_gj, f"{PATH}.heat_used_gj": b.heat_used_gj}, cite=rule,
                          note=T(zh="计量热价（元/吉焦）× 计量热量（吉焦）", en="Metered price (CNY per GJ) × metered heat (GJ)"))
    total = calc.amount("heat_bill", basic + metered, T(zh="热费合计" + by.zh, en="Heat bill " + by.en),
                        formula=f"{basic} + {metered}", cite=rule, note=p.reading("tariff.two_part"))
    share_rule = p("tariff.basic_share")
    if total > 0:
        calc.amount("basic_share", (basic / total).quantize(SHARE_QUANTUM, rounding=ROUND_HALF_UP),
                    T(zh="基本热费占热费的比例", en="Basic charge's share of the bill"), unit="ratio",
                    formula=f"{basic} ÷ {total}", cite=share_rule, note=p.reading("tariff.basic_share"))
    calc.finding("two_part_tariff", FindingStatus.INFO, p.label("tariff.two_part"),
                 detail=T(zh="热费由基本热费和计量热费两部分构成", en="The bill is made of a basic part and a metered part"), cite=rule)
    if p.known("tariff.rollout"):
        calc.info("rollout", p.label("tariff.rollout"), cite=p("tariff.rollout"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="热价由地方价格主管部门确定，本方案未规定具体价格和基本热价比例",
        en="Heat prices are set by the local price authorities; the plan fixes neither the prices nor the basic share"))
