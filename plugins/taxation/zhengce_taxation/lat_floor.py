"""土地增值税预征率下限 — 国家税务总局公告2024年第10号.

The floor of the LAT prepayment rate by region (east 1.5%, middle and northeast
1%, west 0.5%) from 2024-12-01, affordable housing excepted; before that day
the floor was 0.5 percentage point higher (derived from the reduction the
notice states).  Output: the floor, the minimum prepayment on the revenue and
whether the applied provincial rate respects the floor.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.reference import ZONE_LABELS, ZONES, regions
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, summary_explanation

POLICY_ID = "taxation.lat_prepayment_rate_floor"
RATE_PLACES = Decimal("0.0001")  # presentation precision of a rate (not a legal number)


def zone_of(case: Case, p: Params) -> tuple[str | None, Text | None, dict]:
    """The region of the project (case override, else the reference table) and its source."""
    lp = case.lat_prepayment
    scheme = p.criterion("region_scheme").value
    if lp.region:
        return lp.region, T(zh="个案指定（lat_prepayment.region）", en="given by the case (lat_prepayment.region)"), {"lat_prepayment.region": lp.region}
    table = regions()
    prov = table.province(lp.province)
    if prov is None:
        return None, None, {"lat_prepayment.province": lp.province}
    s = table.schemes[scheme]
    src = T(zh=f"参考数据：{s.label.zh}（{'；'.join(s.documents)}）", en=f"reference data: {s.label.en} ({s.note.en})")
    return table.zone(prov, scheme), src, {"lat_prepayment.province": f"{prov.name} ({prov.code})"}


def floor_on(zone: str, day, p: Params) -> tuple[Decimal, bool]:
    """The floor for ``zone`` on ``day`` and whether it is derived (before the notice's floors)."""
    v = p.on(f"floor.{zone}", day)
    if v is not None:
        return v.value, False
    return p.criterion(f"floor.{zone}").value + p.criterion("reduction").value, True


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    lp = case.lat_prepayment
    p = Params(params, ctx.known_at)
    conds = Conditions()
    rule = p.criterion("affordable_housing_excepted")
    conds.check("not_affordable_housing", T(zh="项目不属于保障性住房（保障性住房除外）", en="The project is not affordable housing (excepted)"),
                None if lp.affordable_housing is None else not lp.affordable_housing,
                facts={"lat_prepayment.affordable_housing": lp.affordable_housing}, cite=rule)
    zone, src, facts = zone_of(case, p)
    ok = None if zone is None else zone in ZONES["four_zone"]
    conds.check("region", T(zh="项目所在省份可归入东部、中部、西部或东北地区", en="The project's province falls in the eastern, central, western or northeastern region"),
                ok, facts=facts, missing=["lat_prepayment.province"] if zone is None else None, cite=p.criterion("region_scheme"),
                note=src if zone is not None else p.reading("region_scheme"))
    conds.check("prepaid_on", T(zh="预征义务发生日已知", en="The day the prepayment obligation arises is known"),
                None if lp.prepaid_on is None else True, facts={"lat_prepayment.prepaid_on": lp.prepaid_on}, cite=p.criterion("effective_from"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    lp = case.lat_prepayment
    p = Params(params, ctx.known_at)
    calc = Calculation()
    zone, src, facts = zone_of(case, p)
    calc.info("region", T(zh=f"项目所在地区：{ZONE_LABELS[zone].zh}", en=f"Region: {zone}"), value=zone, facts=facts,
              cite=p.criterion("region_scheme"), note=src)
    floor, derived = floor_on(zone, lp.prepaid_on, p)
    floor = floor.quantize(RATE_PLACES)
    if derived:
        eff = p.criterion("effective_from")
        calc.amount("floor_rate", floor, T(zh=f"预征率下限（{eff.value} 前：新下限加 0.5 个百分点）",
                                           en=f"Prepayment-rate floor (before {eff.value}: the new floor + 0.5 pp)"),
                    formula=f"{pct(p.criterion(f'floor.{zone}').value)} + {pct(p.criterion('reduction').value)}", unit="ratio",
                    facts={"lat_prepayment.prepaid_on": lp.prepaid_on}, cite=p.criterion("reduction"),
                    note=T(zh="此前下限见国税发〔2010〕53号第二条第二款（种子未载其数值），按公告“降低0.5个百分点”反推",
                           en="The earlier floor is in 国税发〔2010〕53号 art. 2 para. 2 (figures not in the seed), derived from the notice's \"lowered by 0.5 pp\""))
    else:
        calc.amount("floor_rate", floor, T(zh=f"{ZONE_LABELS[zone].zh}地区省份预征率下限", en=f"Prepayment-rate floor, {zone} provinces"),
                    formula=pct(floor), unit="ratio", facts={"lat_prepayment.prepaid_on": lp.prepaid_on}, cite=p.on(f"floor.{zone}", lp.prepaid_on))
    if lp.revenue is None:
        calc.need("lat_prepayment.revenue")
    else:
        calc.amount("minimum_prepayment", p.money(lp.revenue * floor), T(zh="按下限计算的最低预征税额", en="Minimum prepayment at the floor"),
                    formula=f"{lp.revenue} × {pct(floor)}", facts={"lat_prepayment.revenue": lp.revenue}, cite=p.criterion("reduction"))
    if lp.applied_rate is None:
        calc.finding("applied_rate_not_below_floor", FindingStatus.UNKNOWN, T(zh="适用的预征率不低于下限", en="The applied rate is not below the floor"),
                     detail=T(zh="未提供省级预征率", en="no provincial rate given"), facts={"lat_prepayment.applied_rate": None})
    else:
        ok = lp.applied_rate >= floor
        calc.finding("applied_rate_not_below_floor", FindingStatus.MET if ok else FindingStatus.NOT_MET,
                     T(zh=f"适用的预征率 {pct(lp.applied_rate)} 不低于下限 {pct(floor)}", en=f"The applied rate {pct(lp.applied_rate)} is not below the floor {pct(floor)}"),
                     facts={"lat_prepayment.applied_rate": lp.applied_rate}, cite=p.criterion("reduction"))
        if not ok and lp.revenue is not None:
            calc.amount("shortfall", p.money(lp.revenue * (floor - lp.applied_rate)), T(zh="按下限计算的预征差额", en="Shortfall against the floor"),
                        formula=f"{lp.revenue} × ({pct(floor)} − {pct(lp.applied_rate)})", cite=p.criterion("reduction"))
    return calc.result()


NAMES = {"floor_rate": ("预征率下限", "floor"), "minimum_prepayment": ("最低预征税额", "minimum prepayment"), "shortfall": ("差额", "shortfall")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, NAMES,
                               extra=T(zh="具体预征率由各省确定（种子未载），本政策只设下限", en="Each province sets the actual rate (not in the seed); the notice sets only the floor"))
