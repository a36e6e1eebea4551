"""预付式消费 — 国令第778号 第二十二条 (and 第二十一条 for closures and moves).

An operator paid in advance must sign a written contract with the required terms, keep quality and
price, stop collecting once a major operating risk threatens supply, and on a failure or a closure
perform or refund the unconsumed balance as the consumer asks; a closure or move is announced at
least 30 days ahead.  The result names every duty met or breached, the balance, and the notice day.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from . import common
from .common import Params, T, flag
from .facts import PrepaidDemand

POLICY_ID = "consumer.prepaid_consumption"
PATH = "prepaid_consumption"


def unconsumed_balance(prepaid: Decimal, consumed: Decimal) -> Decimal:
    """What remains of a prepayment: never negative."""
    return max(Decimal(0), prepaid - consumed)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Any operator that provides goods or services against prepayments."""
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.info("prepaid", T(zh="经营者以收取预付款方式提供商品或者服务", en="The operator provides goods or services against prepayments"),
               cite=p("written_contract"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.prepaid_consumption
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    flag(calc, p, "written_contract", "written_contract", s.written_contract, met_when=True,
         facts={f"{PATH}.written_contract": s.written_contract})
    flag(calc, p, "contract_terms", "contract_terms", s.contract_has_required_terms, met_when=True,
         facts={f"{PATH}.contract_has_required_terms": s.contract_has_required_terms})
    flag(calc, p, "no_quality_cut", "no_quality_cut", s.quality_lowered, met_when=False,
         facts={f"{PATH}.quality_lowered": s.quality_lowered})
    flag(calc, p, "no_price_rise", "no_price_rise", s.price_raised, met_when=False,
         facts={f"{PATH}.price_raised": s.price_raised})
    flag(calc, p, "provided_as_agreed", "provide_as_agreed", s.provided_as_agreed, met_when=True,
         facts={f"{PATH}.provided_as_agreed": s.provided_as_agreed})
    if s.major_operating_risk:
        flag(calc, p, "stop_collecting", "stop_collecting", s.collected_after_risk, met_when=False,
             facts={f"{PATH}.major_operating_risk": True, f"{PATH}.collected_after_risk": s.collected_after_risk})
    if s.closure_on is not None:
        _closure(s, p, calc)
    failed = s.provided_as_agreed is False
    if failed or s.closure_on is not None:
        _remedy(s, p, calc, "closure_choice" if s.closure_on is not None else "provide_as_agreed")
    return calc.result()


def _closure(s, p: Params, calc: Calculation) -> None:
    days = p("notice_days")
    latest = s.closure_on - timedelta(days=days.value)
    calc.date("notice_deadline", latest, T(zh="停业或迁移公告的最晚日期", en="Latest day for the closure or move notice"),
              formula=f"{s.closure_on} − {days.value}", facts={f"{PATH}.closure_on": s.closure_on}, cite=days)
    on = s.notice_posted_on
    status = finding_status(None if on is None else on <= latest)
    calc.finding("closure_notice", status, T(zh=f"提前{days.value}日公告有效联系方式等信息", en=f"Contact details posted at least {days.value} days ahead"),
                 facts={f"{PATH}.notice_posted_on": on, "notice_deadline": latest}, cite=days)
    flag(calc, p, "consumers_told", "tell_consumers", s.consumers_told_in_advance, met_when=True,
         facts={f"{PATH}.consumers_told_in_advance": s.consumers_told_in_advance})


def _remedy(s, p: Params, calc: Calculation, rule_name: str) -> None:
    rule = p(rule_name)
    if s.prepaid is None or s.consumed is None:
        calc.need(*[f"{PATH}.{f}" for f in ("prepaid", "consumed") if getattr(s, f) is None])
        return
    balance = p.money(unconsumed_balance(s.prepaid, s.consumed))
    calc.amount("unconsumed_balance", balance, T(zh="未消费的预付款余额", en="Unconsumed prepaid balance"),
                formula=f"max(0, {s.prepaid} − {s.consumed})",
                facts={f"{PATH}.prepaid": s.prepaid, f"{PATH}.consumed": s.consumed}, cite=rule)
    demand = s.consumer_demand
    if demand is PrepaidDemand.REFUND:
        calc.amount("refund_due", balance, T(zh="应退还的预付款", en="Prepayment to refund"),
                    facts={f"{PATH}.consumer_demand": demand}, cite=rule)
    elif demand is PrepaidDemand.PERFORM:
        calc.finding("perform", FindingStatus.DUTY, T(zh="按照消费者的要求继续履行", en="Perform as the consumer demands"),
                     facts={f"{PATH}.consumer_demand": demand}, cite=rule)
    else:
        calc.finding("consumer_choice", FindingStatus.INFO, p.label(rule_name),
                     facts={f"{PATH}.consumer_demand": None}, cite=rule)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="违反第二十二条的，依第五十条第二款处罚（见本插件的罚款政策）",
        en="A breach of Art. 22 is fined under Art. 50(2) (see consumer.cpl_regulation_fines)"))
