"""全面数字化电子发票 — 国家税务总局公告2024年第11号.

The computable rules: the 20-digit number and its fields (四), the monthly
invoice quota (六), and the red-letter path of a blue invoice (八): direct by the
issuer, or through a 《确认单》 void after 72 hours, export-refund roll-back first,
and the recipient's input-VAT transfer-out.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, summary_explanation

POLICY_ID = "taxation.digital_einvoice"
S = "digital_einvoice"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    e = case.digital_einvoice
    p = Params(params, ctx.known_at)
    c = Conditions()
    eff = p.criterion("effective_from")
    c.check("in_force", T(zh=f"开票日不早于 {eff.value}", en=f"Issued on or after {eff.value}"),
            None if e.issued_on is None else e.issued_on >= eff.value, facts={f"{S}.issued_on": e.issued_on}, cite=eff)
    return c.result()


def parse_number(number: str, layout: tuple[str, ...]) -> dict[str, str]:
    """The fields of a number by the cited layout ("name:first-last", 1-based inclusive)."""
    out = {}
    for item in layout:
        name, span = item.split(":")
        first, last = (int(x) for x in span.split("-"))
        out[name] = number[first - 1:last]
    return out


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    e = case.digital_einvoice
    p = Params(params, ctx.known_at)
    calc = Calculation()
    # --- number (四)
    length, layout = p.criterion("number.length"), p.criterion("number.layout")
    if e.number is None:
        calc.need(f"{S}.number")
    else:
        ok = e.number.isdigit() and len(e.number) == length.value
        calc.finding("number_format", FindingStatus.MET if ok else FindingStatus.NOT_MET,
                     T(zh=f"发票号码为 {length.value} 位数字", en=f"The number has {length.value} digits"), facts={f"{S}.number": e.number}, cite=length)
        if ok:
            fields = parse_number(e.number, layout.value)
            calc.info("number_fields", T(zh="号码各段（依次为年度 / 省级税务局区域代码 / 开具渠道 / 顺序编码；代码表不在种子中）",
                                         en="Number fields (in order: year / provincial bureau code / channel / sequence; code tables are not in the seed)"),
                      value=" / ".join(fields.values()), cite=layout)
            year_ok = fields["year"] == f"{e.issued_on.year % 100:02d}"
            calc.finding("number_year", FindingStatus.MET if year_ok else FindingStatus.NOT_MET,
                         T(zh="第1-2位为开票日公历年度的后两位", en="Digits 1–2 are the last two digits of the issue year"),
                         facts={f"{S}.number": e.number, f"{S}.issued_on": e.issued_on}, cite=layout)
    # --- monthly quota (六)
    quota = p.criterion("quota")
    if e.month_total_ex_vat is None or e.monthly_quota is None:
        calc.finding("within_quota", FindingStatus.UNKNOWN, T(zh="当月开票总金额不超过发票总额度", en="The month's invoiced total is within the quota"),
                     facts={f"{S}.month_total_ex_vat": e.month_total_ex_vat, f"{S}.monthly_quota": e.monthly_quota}, cite=quota)
    else:
        ok = e.month_total_ex_vat <= e.monthly_quota
        calc.finding("within_quota", FindingStatus.MET if ok else FindingStatus.NOT_MET,
                     T(zh=f"当月开票总金额 {e.month_total_ex_vat} 不超过发票总额度 {e.monthly_quota}", en=f"The month's total {e.month_total_ex_vat} is within the quota {e.monthly_quota}"),
                     facts={f"{S}.month_total_ex_vat": e.month_total_ex_vat, f"{S}.monthly_quota": e.monthly_quota}, cite=quota, detail=p.reading("quota"))
        calc.amount("quota_remaining", max(e.monthly_quota - e.month_total_ex_vat, Decimal(0)).quantize(Decimal("0.01")),
                    T(zh="当月剩余发票额度", en="Quota remaining this month"), formula=f"max(0, {e.monthly_quota} − {e.month_total_ex_vat})", cite=quota)
    # --- red letter (八)
    if e.red_letter_requested:
        _red_letter(e, p, calc)
    return calc.result()


def _red_letter(e, p: Params, calc: Calculation) -> None:
    direct_business = p.criterion("red.direct_business")
    if e.business is not None and e.business.value in direct_business.value:
        calc.finding("red_route", FindingStatus.INFO, T(zh="特定业务收购发票：开票方直接开具红字发票", en="Purchase invoice of a listed business: the issuer red-letters directly"),
                     facts={f"{S}.business": e.business}, cite=direct_business)
        return
    if e.use_confirmed is None or e.booked is None:
        calc.need(f"{S}.use_confirmed", f"{S}.booked")
        calc.finding("red_route", FindingStatus.UNKNOWN, T(zh="红冲路径：蓝字发票确认状态未知", en="Red-letter path: the blue invoice's confirmation state is unknown"),
                     cite=p.criterion("red.direct_when_unconfirmed"))
        return
    if not e.use_confirmed and not e.booked:
        calc.finding("red_route", FindingStatus.INFO, T(zh="未用途确认及入账确认：开票方直接开具红字发票", en="Neither use-confirmed nor booked: the issuer red-letters directly"),
                     cite=p.criterion("red.direct_when_unconfirmed"))
        return
    if e.export_refund_selected:
        calc.finding("red_route", FindingStatus.DUTY, T(zh="已用于出口退税：先回退进货凭证信息并确认通过，再由开票方直接开具红字发票",
                                                        en="Used for an export refund: roll back the purchase-voucher data first, then the issuer red-letters directly"),
                     cite=p.criterion("red.export_refund"))
        return
    conf = p.criterion("red.confirmation")
    calc.finding("red_route", FindingStatus.INFO, T(zh="已确认：任一方发起《确认单》，经对方确认后由开票方开具红字发票",
                                                    en="Confirmed: either side starts the confirmation form; after the other confirms, the issuer red-letters"), cite=conf)
    hours = p.criterion("red.confirmation_hours")
    if e.confirmation_hours_elapsed is not None:
        void = e.confirmation_hours_elapsed > hours.value
        calc.finding("confirmation_void", FindingStatus.NOT_MET if void else FindingStatus.MET,
                     T(zh=f"《确认单》在 {hours.value} 小时内仍有效", en=f"The confirmation form is still open within {hours.value} hours"),
                     facts={f"{S}.confirmation_hours_elapsed": e.confirmation_hours_elapsed}, cite=hours, detail=p.reading("red.confirmation_hours"))
    if e.recipient_deducted:
        rule = p.criterion("red.transfer_out")
        if e.vat_amount is None:
            calc.need(f"{S}.vat_amount")
        else:
            calc.amount("input_vat_transfer_out", p.money(e.vat_amount), T(zh="受票方暂从当期进项税额中转出的税额", en="Input VAT the recipient transfers out now"),
                        formula="《确认单》所列增值税税额 ‖ the VAT listed on the confirmation form (《确认单》)", facts={f"{S}.vat_amount": e.vat_amount}, cite=rule)
        calc.finding("transfer_out", FindingStatus.DUTY, T(zh="受票方暂依《确认单》所列税额转出进项税额，取得红字发票后与《确认单》一并作为记账凭证",
                                                           en="The recipient transfers out the input VAT on the form; the red invoice and form are the accounting voucher"), cite=rule)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, {"quota_remaining": ("剩余额度", "quota remaining"), "input_vat_transfer_out": ("进项转出", "input VAT transferred out")},
                               extra=T(zh="省级税务局区域代码、开具渠道代码及发票总额度不在种子中，作为输入或仅予显示",
                                       en="Bureau and channel code tables and the quota itself are not in the seed: shown or taken as inputs"))
