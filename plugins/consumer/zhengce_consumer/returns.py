"""三包、退货与押金 — 国令第778号 第十八条–第二十条.

* the period for return, replacement and repair: from delivery (or installation), restarted by a
  replacement, extended by the time in repair, never below the national minimum (an input);
* the refund: the invoice price in one payment, or what was actually paid when the operator proves
  it differs;
* no-reason returns of remote sales: the exclusion binds only if marked, confirmed and not a
  default; intact goods (or opened only to inspect) within the window of 消保法第二十五条 (an input);
* deposits: terms agreed in advance, no unreasonable conditions, refunded once its conditions are met.
"""

from __future__ import annotations

from datetime import date, timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from . import common
from .common import Params, T, flag
from .facts import ConsumerPurchase

POLICY_ID = "consumer.returns_repairs_and_refunds"
PATH = "consumer_purchase"


def warranty_start(s: ConsumerPurchase) -> tuple[date | None, str]:
    """The day the period runs from, and the fact it comes from (replacement > installation > delivery)."""
    if s.replaced_on is not None:
        return s.replaced_on, "replaced_on"
    if s.needs_installation:
        return s.installed_on, "installed_on"
    return s.delivered_on, "delivered_on"


def period_end(start: date, days: int, repair_days: int = 0) -> date:
    """The last day of a period of ``days`` from ``start`` (not counted), extended by the repair days."""
    return start + timedelta(days=days + repair_days)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Any purchase of goods or services from an operator."""
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.info("purchase", T(zh="消费者向经营者购买商品或者接受服务", en="A consumer buys goods or services from an operator"),
               cite=p("warranty.start"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.consumer_purchase
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if s.agreed_period_days is not None:
        _warranty(s, p, calc)
    if s.return_due:
        _refund(s, p, calc)
    if s.remote_sale:
        _no_reason_return(s, p, calc)
    if s.deposit is not None:
        _deposit(s, p, calc)
    return calc.result()


def _warranty(s: ConsumerPurchase, p: Params, calc: Calculation) -> None:
    if s.statutory_minimum_days is not None:
        calc.finding("period_not_below_minimum", finding_status(s.agreed_period_days >= s.statutory_minimum_days),
                     p.label("warranty.minimum"), facts={f"{PATH}.agreed_period_days": s.agreed_period_days,
                                                          f"{PATH}.statutory_minimum_days": s.statutory_minimum_days},
                     cite=p("warranty.minimum"))
    if s.needs_installation is None and s.replaced_on is None:
        calc.need(f"{PATH}.needs_installation")
        return
    start, field = warranty_start(s)
    if start is None:
        calc.need(f"{PATH}.{field}")
        return
    cite = p("warranty.restart") if field == "replaced_on" else p("warranty.start")
    calc.date("warranty_start", start, T(zh="有效期限起算日（当日不计入）", en="The period runs from (the day itself not counted)"),
              facts={f"{PATH}.{field}": start}, cite=cite)
    repair = s.repair_days or 0
    end = period_end(start, s.agreed_period_days, repair)
    calc.date("warranty_end", end, T(zh="退货、更换、修理有效期限届满日（含当日）", en="Last day of the return, replacement and repair period (included)"),
              formula=f"{start} + {s.agreed_period_days} + {repair}",
              facts={f"{PATH}.agreed_period_days": s.agreed_period_days, f"{PATH}.repair_days": repair},
              cite=p("warranty.repair_excluded") if repair else cite)


def _refund(s: ConsumerPurchase, p: Params, calc: Calculation) -> None:
    if s.operator_proves_actual_paid and s.actual_paid is not None:
        calc.amount("refund", p.money(s.actual_paid), T(zh="应一次性退清的款项（实际支付的价格）", en="Refund in one payment (the price actually paid)"),
                    facts={f"{PATH}.actual_paid": s.actual_paid, f"{PATH}.operator_proves_actual_paid": True},
                    cite=p("refund.actual_paid"))
    elif s.invoice_price is None:
        calc.need(f"{PATH}.invoice_price")
    else:
        calc.amount("refund", p.money(s.invoice_price), T(zh="应一次性退清的款项（购货凭证上的价格）", en="Refund in one payment (the price on the invoice)"),
                    facts={f"{PATH}.invoice_price": s.invoice_price, f"{PATH}.operator_proves_actual_paid": s.operator_proves_actual_paid},
                    cite=p("refund.invoice_price"))


def _no_reason_return(s: ConsumerPurchase, p: Params, calc: Calculation) -> None:
    binding: bool | None = False
    if s.excluded_from_no_reason_return:
        flag(calc, p, "exclusion_marked", "remote.exclusion_marked", s.exclusion_marked_prominently, met_when=True,
             facts={f"{PATH}.exclusion_marked_prominently": s.exclusion_marked_prominently})
        flag(calc, p, "no_default_exclusion", "remote.no_default_exclusion", s.exclusion_preselected, met_when=False,
             facts={f"{PATH}.exclusion_preselected": s.exclusion_preselected})
        confirmed = s.exclusion_confirmed_by_consumer
        binding = all_of(confirmed, None if s.exclusion_preselected is None else not s.exclusion_preselected)
        calc.finding("exclusion_binds", finding_status(binding),
                     T(zh="不适用无理由退货的约定有效（经消费者确认，且非默认选项）",
                       en="The exclusion binds (confirmed by the consumer, not a default option)"),
                     facts={f"{PATH}.exclusion_confirmed_by_consumer": confirmed, f"{PATH}.exclusion_preselected": s.exclusion_preselected},
                     cite=p("remote.confirmation"))
    elif s.excluded_from_no_reason_return is None:
        binding = None
    window = p("remote.window_by_law")
    within: bool | None = None
    if s.received_on is None or s.return_window_days is None or s.return_requested_on is None:
        calc.need(*[f"{PATH}.{f}" for f in ("received_on", "return_window_days", "return_requested_on") if getattr(s, f) is None])
    else:
        last = period_end(s.received_on, s.return_window_days)
        calc.date("return_window_end", last, T(zh="无理由退货期限届满日（期限依消费者权益保护法，为输入）",
                                               en="Last day of the no-reason return window (the window is the law's, an input)"),
                  formula=f"{s.received_on} + {s.return_window_days}",
                  facts={f"{PATH}.received_on": s.received_on, f"{PATH}.return_window_days": s.return_window_days}, cite=window)
        within = s.return_requested_on <= last
    condition = True if s.goods_intact or s.opened_only_to_inspect else (
        None if s.goods_intact is None and s.opened_only_to_inspect is None else False)
    owed = all_of(None if binding is None else not binding, within, condition)
    calc.finding("no_reason_return_owed", finding_status(owed),
                 T(zh="经营者应当予以无理由退货", en="The operator must take the goods back without reason"),
                 facts={f"{PATH}.return_requested_on": s.return_requested_on, f"{PATH}.goods_intact": s.goods_intact,
                        f"{PATH}.opened_only_to_inspect": s.opened_only_to_inspect},
                 cite=p("remote.goods_condition"))


def _deposit(s: ConsumerPurchase, p: Params, calc: Calculation) -> None:
    flag(calc, p, "deposit_terms", "deposit.terms", s.deposit_terms_agreed, met_when=True,
         facts={f"{PATH}.deposit_terms_agreed": s.deposit_terms_agreed})
    flag(calc, p, "deposit_conditions_reasonable", "deposit.no_unreasonable_conditions", s.deposit_conditions_unreasonable,
         met_when=False, facts={f"{PATH}.deposit_conditions_unreasonable": s.deposit_conditions_unreasonable})
    if s.deposit_refund_conditions_met:
        calc.amount("deposit_refund", p.money(s.deposit), T(zh="应及时退还的押金", en="Deposit to refund promptly"),
                    facts={f"{PATH}.deposit": s.deposit, f"{PATH}.deposit_refund_conditions_met": True}, cite=p("deposit.refund"))
    elif s.deposit_refund_conditions_met is None:
        calc.finding("deposit_refund", FindingStatus.UNKNOWN, p.label("deposit.refund"),
                     facts={f"{PATH}.deposit_refund_conditions_met": None}, cite=p("deposit.refund"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="国家规定的最低有效期限与无理由退货期限不在种子文件中，为输入",
        en="The national minimum period and the no-reason return window are not in the seed: they are inputs"))
