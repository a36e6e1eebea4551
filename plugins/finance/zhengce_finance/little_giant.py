"""专精特新“小巨人”企业奖补 — 财建〔2024〕148号.

A case may carry a firm (``little_giant_award``: entry conditions, the per-firm
basis, the two tranches, the end-of-period clawback or withholding) and/or a
province's use of one batch (``little_giant_provincial_funds``: the allocation
and the ≥ 95% direct / ≤ 5% services split).  Every number comes from
``parameters/little_giant_award.yaml``.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, yuan
from ._common import explain as _explain

POLICY_ID = "finance.little_giant_award"
FIRM, PROV = "little_giant_award", "little_giant_provincial_funds"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, None, ctx.known_at)
    conds = Conditions()
    a = case.little_giant_award
    if a is None:  # a province-level case only
        funds = case.little_giant_provincial_funds
        n = funds.supported_firms if funds else None
        conds.check("supported_firms", T(zh="省份获批支持的“小巨人”企业数量", en="Number of 小巨人 firms approved in the province"),
                    None if n is None else n > 0, facts={f"{PROV}.supported_firms": n}, cite=p("award.per_firm"))
        return conds.result()

    def flag(cid: str, field: str, pname: str, label: Text, want: bool) -> None:
        v = getattr(a, field)
        conds.check(cid, label, None if v is None else v is want, facts={f"{FIRM}.{field}": v}, cite=p(pname))

    flag("valid_little_giant", "little_giant_valid", "entry.valid_little_giant",
         T(zh="有效期内的“小巨人”企业", en="A currently valid 小巨人 firm"), True)
    listings = a.listings
    excluded = p("entry.excluded_listings")
    hit = None if listings is None else [v.value for v in listings if v.value in excluded.value]
    conds.check("not_publicly_listed", T(zh="未在上交所、深交所、北交所及境外公开发行股票", en="Shares not publicly offered on the SSE, SZSE, BSE or abroad"),
                None if hit is None else not hit,
                facts={f"{FIRM}.listings": None if listings is None else ",".join(v.value for v in listings) or "none"},
                cite=excluded, note=p.reading("entry.excluded_listings"))
    flag("not_supported_under_2021_2", "supported_under_caijian_2021_2", "entry.not_supported_before",
         T(zh="未在财建〔2021〕2号中获得支持", en="Not supported under 财建〔2021〕2号"), False)
    flag("key_field", "in_key_field", "entry.key_field", T(zh="属重点领域", en="In a key field"), True)
    flag("no_third_party", "applied_via_third_party", "entry.no_third_party",
         T(zh="自主申报，未借助第三方机构", en="Applied itself, not through a third party"), False)
    aspects = a.plan_aspects
    rule = p("plan.aspects")
    conds.check("plan_aspects", T(zh="推进计划覆盖“三新”“一强”至少一个方面", en="The plan covers at least one of the “三新” (new drivers of growth, new technologies, new products) and “一强” (stronger supply-chain support) aspects"),
                None if aspects is None else bool(aspects) and all(x.value in rule.value for x in aspects),
                facts={f"{FIRM}.plan_aspects": None if aspects is None else ",".join(x.value for x in aspects) or "none"}, cite=rule)
    flag("plan_targets", "plan_targets_set", "plan.targets", T(zh="分别提出绩效目标", en="A performance target for each aspect"), True)
    inv = a.plan_investment
    rule = p("plan.min_investment")
    conds.compare("plan_investment", T(zh=f"推进计划投资总额超过 {yuan(rule.value)} 元（不含）", en=f"Plan investment above CNY {yuan(rule.value)} (exclusive)"),
                  f"{FIRM}.plan_investment", inv, ">", rule, parameter="plan.min_investment",
                  reading=p.reading("plan.min_investment"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, None, ctx.known_at)
    calc = Calculation()
    money = params.rounding.money
    if case.little_giant_award is not None:
        _firm(case.little_giant_award, p, calc, money)
    if case.little_giant_provincial_funds is not None:
        _province(case.little_giant_provincial_funds, p, calc, money)
    return calc.result()


def _firm_side(p: Params, calc: Calculation) -> None:
    """What the firm itself receives: the seed sets no per-firm amount — the province decides it."""
    plan, direct = p("provincial.allocation_plan"), p("provincial.direct_min")
    calc.finding("firm_amount_set_by_province", FindingStatus.INFO,
                 T(zh="企业实得金额由省级资金分配方案确定（避免简单分配），文件未规定每家企业的金额",
                   en="The firm's own amount is set by the province's allocation plan (no simple division); the document sets no per-firm amount"),
                 cite=plan, detail=p.reading("provincial.allocation_plan"))
    calc.finding("firm_share_of_provincial_total", FindingStatus.INFO,
                 T(zh=f"省级财政部门将奖补资金总额的{pct(direct.value)}以上直接拨付到“小巨人”企业",
                   en=f"Provincial finance pays at least {pct(direct.value)} of the provincial total directly to the little-giant firms"),
                 cite=direct)


def _firm(a, p: Params, calc: Calculation, money) -> None:
    _firm_side(p, calc)
    basis_rule, years = p("award.per_firm"), p("award.support_years")
    basis = calc.amount("award_basis", money(basis_rule.value), T(zh=f"中央对省级财政测算的奖补数额（按本企业计，连续{years.value}年合计）", en=f"Central award to the province computed for this firm (over {years.value} years)"),
                        formula=yuan(basis_rule.value), cite=basis_rule, note=p.reading("award.per_firm"))
    share = p("tranche.first_share")
    first = calc.amount("tranche_1", money(basis * share.value), T(zh="中央财政期初切块下达省级财政部门（按本企业测算）", en="First tranche, central to provincial finance (start of period, for this firm)"),
                        formula=f"{basis} × {share.value}", cite=share)
    remaining = basis - first
    clawback = p("clawback.threshold")
    if a.period_ended is not True:
        calc.amount("tranche_2_pending", remaining, T(zh="中央财政期末根据绩效评价下达省级财政部门的剩余资金（待评价）", en="Remaining central funds to the province at the end of the period, subject to evaluation"),
                    formula=f"{basis} − {first}", cite=share)
        for fid, label in (("investment_realised", T(zh=f"期末推进计划投资总额达到 {yuan(clawback.value)} 元", en=f"Realised plan investment reaches CNY {yuan(clawback.value)}")),
                           ("targets_met", T(zh="完成目标任务", en="Targets met"))):
            calc.finding(fid, FindingStatus.NOT_YET_DUE, label, facts={f"{FIRM}.period_ended": a.period_ended}, cite=clawback)
        return
    realised = a.realised_investment
    if realised is None:
        calc.need(f"{FIRM}.realised_investment")
        calc.finding("investment_realised", FindingStatus.UNKNOWN, T(zh="期末推进计划投资总额", en="Realised plan investment"),
                     facts={f"{FIRM}.realised_investment": None}, cite=clawback)
        return
    reached = realised >= clawback.value
    calc.finding("investment_realised", FindingStatus.MET if reached else FindingStatus.NOT_MET,
                 T(zh=f"期末推进计划投资总额达到 {yuan(clawback.value)} 元", en=f"Realised plan investment reaches CNY {yuan(clawback.value)}"),
                 facts={f"{FIRM}.realised_investment": realised}, cite=clawback, detail=p.reading("clawback.threshold"))
    if not reached:
        calc.amount("tranche_2", Decimal("0.00"), T(zh="中央财政不再向省级财政下达剩余资金", en="No second central tranche to the province"), formula="0", cite=clawback)
        calc.amount("clawback", first, T(zh="中央收回已下达省级财政的资金（按本企业测算）", en="Central funds recovered from the province (for this firm)"), formula=f"{realised} < {clawback.value} → {first}",
                    facts={f"{FIRM}.realised_investment": realised}, cite=clawback)
        calc.amount("net_award", Decimal("0.00"), T(zh="按本企业测算的中央对省奖补净额", en="Net central award to the province for this firm"), formula=f"{first} − {first}", cite=clawback)
        return
    met = a.targets_met
    if met is None:
        calc.need(f"{FIRM}.targets_met")
        calc.finding("targets_met", FindingStatus.UNKNOWN, T(zh="完成目标任务", en="Targets met"), facts={f"{FIRM}.targets_met": None}, cite=clawback)
        return
    calc.finding("targets_met", FindingStatus.MET if met else FindingStatus.NOT_MET, T(zh="完成目标任务", en="Targets met"),
                 facts={f"{FIRM}.targets_met": met}, cite=clawback)
    second = remaining if met else Decimal("0.00")
    calc.amount("tranche_2", second, T(zh="中央财政期末下达省级财政部门的剩余资金" if met else "未完成目标任务，中央不再向省级财政安排剩余资金",
                                       en="Second tranche, central to provincial finance (end of period)" if met else "Targets missed: no second central tranche to the province"),
                formula=f"{basis} − {first}" if met else "0", cite=share if met else clawback)
    calc.amount("clawback", Decimal("0.00"), T(zh="中央收回已下达省级财政的资金", en="Central funds recovered from the province"), formula="0", cite=clawback)
    calc.amount("net_award", first + second, T(zh="按本企业测算的中央对省奖补净额", en="Net central award to the province for this firm"), formula=f"{first} + {second}", cite=share)


def _province(f, p: Params, calc: Calculation, money) -> None:
    per_firm = p("award.per_firm")
    if f.supported_firms is not None:
        calc.amount("provincial_allocation", money(per_firm.value * f.supported_firms), T(zh="中央财政按奖补标准测算、切块下达省级财政部门的奖补数额", en="Central award to provincial finance at the per-firm basis"),
                    formula=f"{per_firm.value} × {f.supported_firms}", facts={f"{PROV}.supported_firms": f.supported_firms}, cite=per_firm)
    total = f.total_funds if f.total_funds is not None else (per_firm.value * f.supported_firms if f.supported_firms is not None else None)
    if total is None:
        calc.need(f"{PROV}.total_funds")
        return
    total = money(total)
    direct, services = p("provincial.direct_min"), p("provincial.services_max")
    calc.amount("direct_min", money(total * direct.value), T(zh="省级财政部门直接拨付“小巨人”企业的最低额", en="Minimum provincial finance pays directly to the firms"),
                formula=f"{total} × {direct.value}", cite=direct, note=p.reading("provincial.direct_min"))
    calc.amount("services_max", money(total * services.value), T(zh="省级用于培育赋能服务的最高额", en="Maximum the province spends on empowerment services"),
                formula=f"{total} × {services.value}", cite=services)
    d, s = f.direct_to_firms, f.empowerment_services
    for fid, value, ok, label, rule in (
        ("direct_share", d, None if d is None else d >= total * direct.value,
         T(zh=f"直接拨付企业不低于总额的{pct(direct.value)}", en=f"At least {pct(direct.value)} paid directly to firms"), direct),
        ("services_share", s, None if s is None else s <= total * services.value,
         T(zh=f"培育赋能不超过总额的{pct(services.value)}", en=f"At most {pct(services.value)} for empowerment services"), services),
        ("within_total", None if d is None or s is None else d + s, None if d is None or s is None else d + s <= total,
         T(zh="两项合计不超过奖补资金总额", en="The two uses together within the total"), direct),
    ):
        status = FindingStatus.UNKNOWN if ok is None else (FindingStatus.MET if ok else FindingStatus.NOT_MET)
        if ok is None:
            calc.need(*[k for k, v in ((f"{PROV}.direct_to_firms", d), (f"{PROV}.empowerment_services", s)) if v is None])
        calc.finding(fid, status, label, facts={f"{PROV}.total_funds": total, fid: value}, cite=rule)


HEADLINE = {"award_basis": ("中央对省测算（按本企业）", "central award to the province computed for this firm"),
            "tranche_1": ("中央期初下达省级", "first central tranche to the province"),
            "tranche_2": ("中央期末下达省级", "second central tranche to the province"),
            "tranche_2_pending": ("中央期末待评价", "second central tranche pending"),
            "clawback": ("中央从省级收回", "recovered by the centre from the province"),
            "net_award": ("中央对省净额（按本企业）", "net central award to the province for this firm"),
            "provincial_allocation": ("中央对省奖补", "central award to the province")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, HEADLINE, lead=("firm_amount_set_by_province",))
