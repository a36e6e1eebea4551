"""资源回收企业向自然人报废产品出售者“反向开票” — 国家税务总局公告2024年第5号.

Applicability: may this recycler reverse-invoice this seller now (二、三、四、八、十一、十二)?
Evaluation: the seller's VAT (exempt up to CNY 100,000 a month, else 1% on this recycler's
amount, filed by the recycler as agent), the 0.5% business-income IIT prepayment, the annual
settlement deadline and the recycler's duties; where the case gives the facts, the
consequences for the recycler of 十五 (the invoice counts for the comprehensive-utilisation VAT
refund), 十六 (CIT deduction voucher) and 十七 (evidence kept, purchase ledger).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, summary_explanation

POLICY_ID = "taxation.reverse_invoicing"
S = "reverse_invoicing"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    r = case.reverse_invoicing
    p = Params(params, ctx.known_at)
    c = Conditions()
    start = p.criterion("start")
    c.check("start", T(zh=f"开票日不早于 {start.value}", en=f"Invoiced on or after {start.value}"),
            None if r.invoice_on is None else r.invoice_on >= start.value, facts={f"{S}.invoice_on": r.invoice_on}, cite=start)
    rule = p.criterion("seller.natural_person")
    c.check("seller_natural_person", T(zh="出售者为自然人", en="The seller is a natural person"), r.seller_natural_person,
            facts={f"{S}.seller_natural_person": r.seller_natural_person}, cite=rule)
    kinds = p.criterion("recycler.kinds")
    c.check("recycler_kind", T(zh="资源回收企业属于危险废物收集、报废机动车回收或其他再生资源回收之一", en="The recycler is a hazardous-waste, end-of-life-vehicle or other recycler"),
            None if r.recycler_kind is None else r.recycler_kind.value in kinds.value, facts={f"{S}.recycler_kind": r.recycler_kind}, cite=kinds)
    c.check("recycler_licensed", T(zh="取得相应许可证、资质认定证书或完成再生资源回收经营者备案", en="Holds the licence, certificate or registration of its kind"),
            r.recycler_licensed, facts={f"{S}.recycler_licensed": r.recycler_licensed}, cite=kinds)
    c.check("actually_recycles", T(zh="实际从事资源回收业务", en="Actually carries on recycling"), r.recycler_actually_recycles,
            facts={f"{S}.recycler_actually_recycles": r.recycler_actually_recycles}, cite=kinds)
    rule = p.criterion("recycler.application")
    c.check("application_filed", T(zh="已向主管税务机关提交反向开票申请", en="Applied to the tax office for reverse invoicing"), r.recycler_application_filed,
            facts={f"{S}.recycler_application_filed": r.recycler_application_filed}, cite=rule)
    rule = p.criterion("recycler.suspension")
    c.check("not_suspended", T(zh="反向开票资格未因欠缴代办税费被暂停", en="Not suspended for overdue agent taxes"),
            None if r.recycler_suspended is None else not r.recycler_suspended, facts={f"{S}.recycler_suspended": r.recycler_suspended}, cite=rule)
    if r.recycler_false_materials_found is True:  # 十八: only a finding of the tax office cancels; silence presumes nothing
        rule = p.criterion("recycler.revocation")
        c.check("not_revoked", T(zh="“反向开票”资格未因虚假资料或虚假回收业务被取消", en="Qualification not cancelled for false materials or fictitious recycling"),
                False, facts={f"{S}.recycler_false_materials_found": True}, cite=rule, note=p.reading("recycler.revocation"))
    rule = p.criterion("consent")
    c.check("seller_consent", T(zh="出售者同意反向开票和代办税费", en="The seller consents to reverse invoicing and agent filing"), r.seller_consented,
            facts={f"{S}.seller_consented": r.seller_consented}, cite=rule)
    cap = p.criterion("seller.cap")
    total = None if r.seller_12m_sales_before is None or r.amount is None else r.seller_12m_sales_before + r.amount
    c.check("seller_cap", T(zh=f"连续12个月反向开票累计销售额（含本次）不超过 {cap.value} 元", en=f"12-month reverse-invoiced sales incl. this invoice at most CNY {cap.value}"),
            None if total is None else total <= cap.value,
            facts={f"{S}.seller_12m_sales_before": r.seller_12m_sales_before, f"{S}.amount": r.amount}, cite=cap, note=p.reading("seller.cap"))
    types = p.criterion("invoice.types")
    combo = None if r.recycler_vat_method is None or r.invoice_type is None else f"{r.recycler_vat_method.value}:{r.invoice_type.value}"
    c.check("invoice_type", T(zh="发票种类与计税方法相符（简易计税不得开具专用发票）", en="The invoice type fits the VAT method (no special invoice under the simplified method)"),
            None if combo is None else combo in types.value,
            facts={f"{S}.recycler_vat_method": r.recycler_vat_method, f"{S}.invoice_type": r.invoice_type}, cite=types)
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    r = case.reverse_invoicing
    p = Params(params, ctx.known_at)
    calc = Calculation()
    label = p.criterion("invoice.label")
    calc.finding("invoice_label", FindingStatus.DUTY, T(zh=f"通过电子发票服务平台在线开具，标注“{label.value}”", en=f"Issue online, marked “{label.value}”"), cite=label)
    threshold, rate_rule = p.criterion("vat.exempt_threshold"), p.criterion("vat.rate")
    rate = r.vat_rate_override if r.vat_rate_override is not None else rate_rule.value
    if r.seller_month_sales is None:
        calc.need(f"{S}.seller_month_sales")
        calc.finding("vat_exempt", FindingStatus.UNKNOWN, T(zh="出售者当月反向开票销售额未知", en="The seller's monthly reverse-invoiced sales are unknown"), cite=threshold)
    elif r.seller_month_sales <= threshold.value:
        calc.finding("vat_exempt", FindingStatus.MET, T(zh=f"当月销售额 {r.seller_month_sales} 不超过 {threshold.value} 元：免征增值税", en=f"Monthly sales {r.seller_month_sales} ≤ {threshold.value}: VAT exempt"),
                     facts={f"{S}.seller_month_sales": r.seller_month_sales}, cite=threshold, detail=p.reading("vat.exempt_threshold"))
        calc.amount("vat_due", p.money(Decimal(0)), T(zh="本企业代办的增值税", en="VAT this recycler files as agent"), formula="免征 ‖ exempt", cite=threshold)
    else:
        base = r.recycler_month_amount if r.recycler_month_amount is not None else r.amount
        calc.finding("vat_agent_filing", FindingStatus.DUTY, T(zh=f"出售者当月销售额 {r.seller_month_sales} 元超过 {threshold.value} 元：本企业按其反向开票金额代办增值税及附加", en=f"The seller's monthly sales of CNY {r.seller_month_sales} exceed CNY {threshold.value}: this recycler files VAT and surcharges as agent on its own invoiced amount"),
                     facts={f"{S}.seller_month_sales": r.seller_month_sales}, cite=p.criterion("vat.agent_filing"))
        calc.amount("vat_due", p.money(base * rate), T(zh="本企业代办的增值税（附加税费按地方规定，种子未载）", en="VAT this recycler files as agent (surcharges per local rules, not in the seed)"),
                    formula=f"{base} × {pct(rate)}", facts={f"{S}.recycler_month_amount": r.recycler_month_amount, f"{S}.vat_rate_override": r.vat_rate_override},
                    cite=rate_rule, note=p.reading("vat.rate"))
    iit = p.criterion("iit.prepay_rate")
    calc.amount("iit_prepayment", p.money(r.amount * iit.value), T(zh="预缴经营所得个人所得税", en="Business-income IIT prepaid"),
                formula=f"{r.amount} × {pct(iit.value)}", facts={f"{S}.amount": r.amount}, cite=iit)
    settle = p.criterion("iit.settlement")
    month, day = (int(x) for x in settle.value.split("-"))
    calc.date("iit_settlement_due", date(r.invoice_on.year + 1, month, day), T(zh="经营所得汇算清缴截止日（含当日）", en="Annual business-income settlement due (inclusive)"),
              formula="开票次年3月31日 ‖ 31 March of the year after the invoice", cite=settle)
    calc.finding("agent_report", FindingStatus.DUTY, T(zh="次月申报期内报送《代办税费报告表》《代办税费明细报告表》并缴纳代办税费",
                                                      en="File the agent tax reports and pay in the next month's filing period"), cite=p.criterion("agent.report"))
    _recycler_consequences(r, p, calc)
    return calc.result()


def _recycler_consequences(r, p: Params, calc: Calculation) -> None:
    """十五–十七, as findings where the case gives the facts (absent otherwise)."""
    if r.comprehensive_utilisation_project is not None:
        rule = p.criterion("vat_refund.invoice")
        calc.finding("vat_refund_invoice", FindingStatus.MET if r.comprehensive_utilisation_project else FindingStatus.INFO,
                     T(zh="资源综合利用项目：本发票属于公告2021年第40号第三条第二项第1点所述“从销售方取得增值税发票”" if r.comprehensive_utilisation_project
                       else "未从事《资源综合利用产品和劳务增值税优惠目录（2022年版）》所列项目：十五不适用",
                       en="Comprehensive-utilisation project: this invoice counts as a VAT invoice obtained from the seller (公告2021年第40号 三（二）1)" if r.comprehensive_utilisation_project
                       else "Not a listed comprehensive-utilisation project: 十五 does not apply"),
                     facts={f"{S}.comprehensive_utilisation_project": r.comprehensive_utilisation_project}, cite=rule)
    if r.invoice_compliant is not None:
        rule = p.criterion("cit.deduction_voucher")
        calc.finding("cit_deduction_voucher", FindingStatus.MET if r.invoice_compliant else FindingStatus.NOT_MET,
                     T(zh="可作为企业所得税税前扣除凭证" if r.invoice_compliant else "不符合规定：不得作为税前扣除凭证，依税收征收管理法、发票管理办法处理",
                       en="Valid voucher for CIT deduction" if r.invoice_compliant else "Not compliant: no CIT deduction on it; handled under the Tax Collection Administration Law (《中华人民共和国税收征收管理法》) and the Invoice Administration Measures (《中华人民共和国发票管理办法》)"),
                     facts={f"{S}.invoice_compliant": r.invoice_compliant}, cite=rule)
    if r.evidence_kept is not None:
        rule = p.criterion("records.evidence")
        kept = {e.value for e in r.evidence_kept}
        lacking = [x for x in rule.value if x not in kept]
        calc.finding("authenticity_evidence", FindingStatus.NOT_MET if lacking else FindingStatus.MET,
                     T(zh="证明业务真实性的材料" + (f"缺少：{'、'.join(EVIDENCE_TEXT[x][0] for x in lacking)}" if lacking else "齐备"),
                       en="Evidence of genuine purchases " + (f"lacking: {', '.join(EVIDENCE_TEXT[x][1] for x in lacking)}" if lacking else "complete")),
                     facts={f"{S}.evidence_kept": ", ".join(sorted(kept))}, cite=rule, detail=p.reading("records.evidence"))
    if r.purchase_ledger_fields is not None:
        rule = p.criterion("records.ledger_fields")
        kept = {e.value for e in r.purchase_ledger_fields}
        lacking = [x for x in rule.value if x not in kept]
        calc.finding("purchase_ledger", FindingStatus.NOT_MET if lacking else FindingStatus.MET,
                     T(zh="收购台账（或现有账册、系统）" + (f"未记录：{'、'.join(LEDGER_TEXT[x][0] for x in lacking)}" if lacking else "记录齐备"),
                       en="Purchase ledger (or existing books) " + (f"missing: {', '.join(LEDGER_TEXT[x][1] for x in lacking)}" if lacking else "complete")),
                     facts={f"{S}.purchase_ledger_fields": ", ".join(sorted(kept))}, cite=rule, detail=p.reading("records.ledger_fields"))


# 十七's items in the notice's words and in English, for the lists of what is lacking
EVIDENCE_TEXT = {"purchase_contract": ("收购合同或协议", "purchase contract or agreement"),
                 "transport_document": ("运输发票或凭证", "transport invoice or document"),
                 "weighbridge_ticket": ("货物过磅单", "weighbridge ticket"), "payment_record": ("转账支付记录", "bank transfer record")}
LEDGER_TEXT = {"time": ("收购时间", "time"), "place": ("收购地点", "place"), "seller": ("出售者", "seller"),
               "seller_contact": ("出售者联系方式", "seller's contact details"), "product_name": ("报废产品名称", "product name"),
               "quantity": ("数量", "quantity"), "price": ("价格", "price")}

NAMES = {"vat_due": ("代办增值税", "VAT (agent)"), "iit_prepayment": ("预缴个税", "IIT prepaid")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, NAMES,
                               extra=T(zh="附加税费的税率不在种子中，未计算", en="Surcharge rates are not in the seed and are not computed"))
