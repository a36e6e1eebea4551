"""反向开票的红字发票 — 国家税务总局公告2024年第5号 十.

Applicability: is this red-letter request against a reverse invoice made as 十 requires — by the
recycler (not the seller), on the red-letter information sheet or confirmation form, naming one
blue invoice (一一对应)?  The reason (销售退回、开票有误、销售折让等) is an open list: noted.
Evaluation: the recycler's duties.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, summary_explanation

POLICY_ID = "taxation.reverse_invoice_red_letter"
S = "reverse_invoice_red_letter"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    r = case.reverse_invoice_red_letter
    p = Params(params, ctx.known_at)
    c = Conditions(ctx.trace)
    filer = p.criterion("filer")
    c.check("blue_is_reverse_invoice", T(zh="原蓝字发票为“反向开票”开具的发票", en="The blue invoice is a reverse invoice"), r.blue_is_reverse_invoice,
            facts={f"{S}.blue_is_reverse_invoice": r.blue_is_reverse_invoice}, cite=filer)
    c.check("filed_by_recycler", T(zh="由资源回收企业填开（而非出售者）", en="Filed by the recycler (not the seller)"),
            None if r.filed_by is None else r.filed_by.value in filer.value, facts={f"{S}.filed_by": r.filed_by}, cite=filer)
    forms = p.criterion("forms")
    c.check("red_letter_form", T(zh="使用《开具红字增值税专用发票信息表》或《红字发票信息确认单》", en="On the red-letter information sheet or confirmation form"),
            None if r.form is None else r.form.value in forms.value, facts={f"{S}.form": r.form}, cite=forms, note=p.reading("forms"))
    rule = p.criterion("one_to_one")
    numbers = None if r.blue_invoice_numbers is None else [n for n in r.blue_invoice_numbers if n and n.strip()]
    c.check("one_to_one", T(zh="填写对应的蓝字发票信息，且仅对应一张蓝字发票", en="Names its blue invoice, and only one"),
            None if r.blue_invoice_numbers is None else len(numbers) == 1 and len(r.blue_invoice_numbers) == 1,
            facts={f"{S}.blue_invoice_numbers": None if r.blue_invoice_numbers is None else ", ".join(r.blue_invoice_numbers)},
            cite=rule, note=p.reading("one_to_one"))
    reasons = p.criterion("reasons")
    c.info("reason", T(zh="红字原因（销售退回、开票有误、销售折让等）", en="Reason (sales return, invoicing error, sales allowance and the like)"),
           facts={f"{S}.reason": r.reason}, cite=reasons, note=p.reading("reasons"))
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    r = case.reverse_invoice_red_letter
    p = Params(params, ctx.known_at)
    calc = Calculation(ctx.trace)
    calc.finding("recycler_fills_form", FindingStatus.DUTY, T(zh="资源回收企业填开红字信息表或确认单，填写对应的蓝字发票信息", en="The recycler fills the red-letter form with the blue invoice's details"),
                 cite=p.criterion("one_to_one"))
    reasons = p.criterion("reasons")
    if r.reason is None:
        calc.finding("reason_listed", FindingStatus.UNKNOWN, T(zh="红字原因未给出", en="The reason is not given"), cite=reasons)
    else:
        listed = r.reason.value in reasons.value
        calc.finding("reason_listed", FindingStatus.MET if listed else FindingStatus.INFO,
                     T(zh="属于列明的情形" if listed else "未列明的情形（“等”：不据此否定）", en="A listed reason" if listed else "An unlisted reason (\"等\": not refused on that ground)"),
                     facts={f"{S}.reason": r.reason}, cite=reasons, detail=p.reading("reasons"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, {},
                               extra=T(zh="红字发票开具的一般流程见国家税务总局公告2024年第11号等（本政策仅编码第5号公告十）",
                                       en="The general red-letter procedure is in 公告2024年第11号 and other rules; this policy encodes 公告第5号 十 only"))
