"""2024年度享受增值税加计抵减政策的先进制造业企业名单 — 工信厅联财函〔2024〕248号.

A checklist: every criterion to enter the 2024 list (HNTE status in 2024, general
taxpayer, 2023 manufacturing sales > 50% with outsourcing excluded and processing
fees counted, an application on days 1–10 of an open month), each unmet one named
(as a ``not_met`` condition).  Evaluation: the benefit period, the suspension of
2023-list firms and, when the case gives the rate of 公告2023年第43号, the credit.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, summary_explanation

POLICY_ID = "taxation.advanced_manufacturer_vat_superdeduction_list_2024"
S = "advanced_manufacturer_list_2024"
SHARE_PLACES = Decimal("0.0001")


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    a = case.advanced_manufacturer_list_2024
    p = Params(params, ctx.known_at)
    c = Conditions()
    hnte = p.criterion("hnte")
    c.check("hnte_2024", T(zh="2024年内具备高新技术企业资格", en="High-and-new-tech enterprise status in 2024"),
            None if a.hnte_status is None else a.hnte_status.value in hnte.value, facts={f"{S}.hnte_status": a.hnte_status}, cite=hnte)
    rule = p.criterion("general_taxpayer")
    c.check("general_taxpayer", T(zh="增值税一般纳税人", en="A general VAT taxpayer"), a.general_taxpayer,
            facts={f"{S}.general_taxpayer": a.general_taxpayer}, cite=rule)
    share_rule = p.criterion("manufacturing_share")
    if a.sales_2023_total is None or a.manufacturing_sales_2023 is None or not a.sales_2023_total:
        met, note = None, None
    else:
        manu = a.manufacturing_sales_2023 + (a.processing_fees_2023 or Decimal(0))
        share = manu / a.sales_2023_total
        met = share > share_rule.value
        note = T(zh=f"({a.manufacturing_sales_2023} + 加工费 {a.processing_fees_2023 or 0}) / {a.sales_2023_total} = {pct(share.quantize(SHARE_PLACES))}",
                 en=f"({a.manufacturing_sales_2023} + processing fees {a.processing_fees_2023 or 0}) / {a.sales_2023_total} = {pct(share.quantize(SHARE_PLACES))}")
    c.check("manufacturing_share", T(zh=f"2023年制造业销售额占全部销售额比重超过 {pct(share_rule.value)}（委托加工不计入，受托加工费计入）",
                                     en=f"2023 manufacturing sales above {pct(share_rule.value)} of all sales (outsourced excluded, processing fees counted)"),
            met, facts={f"{S}.sales_2023_total": a.sales_2023_total, f"{S}.manufacturing_sales_2023": a.manufacturing_sales_2023,
                        f"{S}.processing_fees_2023": a.processing_fees_2023}, cite=share_rule, note=note or p.reading("manufacturing_share"))
    start = p.criterion("apply.existing_from" if a.on_2023_list else "apply.new_from")
    last_day, until = p.criterion("apply.last_day_of_month_window"), p.criterion("apply.until")
    d = a.applied_on
    ok = None if d is None or a.on_2023_list is None else (start.value <= d <= until.value and d.day <= last_day.value)
    c.check("application_window", T(zh=f"于 {start.value} 起每月1日至{last_day.value}日、{until.value} 前（含）提交申请",
                                     en=f"Applied on days 1–{last_day.value} of a month from {start.value} to {until.value} inclusive"),
            ok, facts={f"{S}.applied_on": d, f"{S}.on_2023_list": a.on_2023_list}, cite=start)
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    a = case.advanced_manufacturer_list_2024
    p = Params(params, ctx.known_at)
    calc = Calculation()
    start = p.criterion("benefit.from")
    calc.date("benefit_from", start.value, T(zh="享受政策起始日", en="Benefit from"), cite=start)
    until = p.criterion("benefit.until_expired" if a.hnte_status.value == "expired_not_renewed" else "benefit.until_long")
    calc.date("benefit_until", until.value, T(zh="享受政策截止日（含当日）", en="Benefit until (inclusive)"), facts={f"{S}.hnte_status": a.hnte_status}, cite=until)
    if a.on_2023_list:
        rule = p.criterion("suspended_from")
        calc.date("suspended_from", rule.value, T(zh="2023年度名单企业暂停享受之日（待列入2024年度名单）", en="2023-list firms suspended from (until on the 2024 list)"), cite=rule)
    if a.creditable_input_vat is not None and a.credit_rate is not None:
        calc.amount("super_credit", p.money(a.creditable_input_vat * a.credit_rate), T(zh="加计抵减额（比例见财政部 税务总局公告2023年第43号，个案输入）",
                                                                                       en="Super credit (rate from 公告2023年第43号, a case input)"),
                    formula=f"{a.creditable_input_vat} × {pct(a.credit_rate)}", facts={f"{S}.credit_rate": a.credit_rate}, cite=start)
    else:
        calc.finding("super_credit_rate", FindingStatus.INFO, T(zh="加计抵减比例由财政部 税务总局公告2023年第43号规定（种子未载），未提供则不计算",
                                                                en="The credit rate is set by 公告2023年第43号 (not in the seed); not computed without it"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, {"super_credit": ("加计抵减额", "super credit")},
                               extra=T(zh="未满足的条件均在下列步骤中以 ✗ 标出", en="Every unmet criterion is marked ✗ below"))
