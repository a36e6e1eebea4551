"""汽车报废更新补贴资金的央地预拨与清算 — 商消费函〔2024〕75号 第六–八条, 392号 二、三.

For one province: the 70% pre-allocation of its central funding, the central and local shares of the
subsidies it paid (at the sharing ratio in force as known, 392号's once known), the settlement balance
(多退少补) once the period has ended, and the duty to report the payouts by 2025-02-10.  The ratios are
read from the subsidy's own parameter file, never written twice.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.reference import ZONE_LABELS
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from .car_scrappage import PARAMETERS as SUBSIDY_PARAMETERS
from .car_scrappage import T, resolve_zone

POLICY_ID = "tradein.car_scrappage_funding_settlement"
PATH = "scrappage_funding_settlement"


def _zone(case: Case, known_at) -> tuple[str | None, dict, Text, object]:
    sec = case.scrappage_funding_settlement
    scheme = Lookup(SUBSIDY_PARAMETERS, None, known_at)("split.scheme", any_day=True)
    zone, facts, source = resolve_zone(sec.province, sec.region, scheme.value,
                                       province_path=f"{PATH}.province", region_path=f"{PATH}.region")
    return zone, facts, source, scheme


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Applies to a province that can be placed in a zone with a sharing ratio."""
    conds = Conditions(trace=ctx.trace)
    zone, facts, source, scheme = _zone(case, ctx.known_at)
    known = None if zone is None else f"split.{zone}" in SUBSIDY_PARAMETERS.parameters
    conds.check("province_zone", T("省份属东部、中部或西部（央地分担按地区确定）",
                                   "The province is in the eastern, central or western region (sharing is set by region)"),
                known, facts=facts, cite=scheme, note=source, missing=[f"{PATH}.province"] if zone is None else None)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.scrappage_funding_settlement
    p = Lookup(params, None, ctx.known_at)
    split = Lookup(SUBSIDY_PARAMETERS, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    zone, facts, source, scheme = _zone(case, ctx.known_at)
    ratio_rule = split(f"split.{zone}", any_day=True)
    ratio = ratio_rule.value
    calc.info("ratio", T("{0}省份央地分担比例（中央:地方）", "Central:local ratio of {1} provinces", ZONE_LABELS[zone].zh, zone),
              value=str(ratio), facts=facts, cite=ratio_rule, note=source)

    share = p.criterion("pre_allocation.share")
    pre = None
    if sec.central_allotment is None:
        calc.need(f"{PATH}.central_allotment")
    else:
        pre = calc.amount("pre_allocation", p.money(sec.central_allotment * share.value),
                          T("财政部预拨补助资金", "Central funds pre-allocated"),
                          formula=f"{sec.central_allotment} × {share.value}", cite=share, note=p.reading("pre_allocation.share"),
                          facts={f"{PATH}.central_allotment": sec.central_allotment})

    if sec.subsidies_paid is None:
        calc.need(f"{PATH}.subsidies_paid")
    else:
        paid = p.money(sec.subsidies_paid)
        central = p.money(paid * ratio.first / (ratio.first + ratio.second))
        calc.amount("central_due", central, T("中央应承担", "Central share due"),
                    formula=f"{paid} × {ratio.first}/({ratio.first}+{ratio.second})", cite=ratio_rule,
                    facts={f"{PATH}.subsidies_paid": sec.subsidies_paid})
        calc.amount("local_due", paid - central, T("地方应承担", "Local share due"), formula=f"{paid} − {central}", cite=ratio_rule)
        received = sec.central_received if sec.central_received is not None else pre
        if received is not None:
            _settlement(calc, p, ctx, central, p.money(received), sec.central_received is None)

    _report(calc, p, ctx, sec)
    return calc.result()


def _settlement(calc: Calculation, p: Lookup, ctx: EvaluationContext, central: Decimal, received: Decimal,
                assumed: bool) -> None:
    principle, end = p.criterion("settlement.principle"), p.criterion("period.end")
    calc.amount("settlement_balance", central - received,
                T("清算差额（正数中央补拨，负数地方退回）", "Settlement balance (positive: the centre makes up; negative: the province refunds)"),
                formula=f"{central} − {received}", cite=principle,
                note=T("已收中央资金按预拨额计", "central funds received taken as the pre-allocation") if assumed else None)
    status = FindingStatus.NOT_YET_DUE if ctx.as_of <= end.value else FindingStatus.INFO
    calc.finding("settlement", status, T("实施期（至 {}）结束后中央与地方清算", "Central and local funds are settled after the period ending {}", end.value),
                 cite=principle)


def _report(calc: Calculation, p: Lookup, ctx: EvaluationContext, sec) -> None:
    deadline, recipients = p.criterion("report.deadline"), p.criterion("report.recipients")
    calc.date("report_deadline", deadline.value, T("报送补贴资金发放情况截止日（含当日）", "Report on subsidies paid due by (inclusive)"),
              cite=deadline)
    label = Text(zh="省级部门将补贴资金发放情况报送" + "、".join(recipients.value),
                 en="The provincial departments report the subsidies paid to "
                    + ", ".join(RECIPIENTS_EN.get(r, f"“{r}”") for r in recipients.value))
    submitted = sec.report_submitted_on
    if submitted is not None:
        status = FindingStatus.MET if submitted <= deadline.value else FindingStatus.NOT_MET
    else:
        status = FindingStatus.NOT_YET_DUE if ctx.as_of <= deadline.value else FindingStatus.NOT_MET
    calc.finding("report", status, label, facts={f"{PATH}.report_submitted_on": submitted}, cite=recipients,
                 detail=p.reading("report.deadline"))


#: The English names of the departments a report goes to (the parameter lists them as the documents print them).
RECIPIENTS_EN = {"商务部": "the Ministry of Commerce", "国家发展改革委": "the National Development and Reform Commission",
                 "财政部": "the Ministry of Finance"}

NAMES = {"pre_allocation": ("预拨", "pre-allocated"), "central_due": ("中央应承担", "central share due"),
         "local_due": ("地方应承担", "local share due"), "settlement_balance": ("清算差额", "settlement balance")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, names=NAMES)
