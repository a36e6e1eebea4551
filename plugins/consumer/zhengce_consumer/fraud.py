"""欺诈的赔偿 — 国令第778号 第四十九条.

For an operator's fraud the consumer may claim the increased compensation of 消费者权益保护法
第五十五条第一款, except for a harmless flaw of labels or promotional material; a claimant who
schemed (夹带、掉包、造假、篡改生产日期、捏造事实) or extorts gets nothing under that article.  The
law's multiple and floor are not in the seed: they are inputs, and the explanation says so.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import Params, T

POLICY_ID = "consumer.fraud_compensation"
PATH = "fraud_claim"


def compensation(price: Decimal, multiple: Decimal, minimum: Decimal | None) -> Decimal:
    """price × multiple, raised to the floor when one is given."""
    value = price * multiple
    return value if minimum is None else max(value, minimum)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    s = case.fraud_claim
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.check("fraud", T(zh="经营者提供商品或者服务有欺诈行为", en="The operator committed fraud"), s.fraud_found,
                facts={f"{PATH}.fraud_found": s.fraud_found}, cite=p("fraud.compensation"))
    flaw = s.flaw_only_in_labels_not_misleading
    conds.check("not_harmless_label_flaw", p.label("fraud.label_flaw_exception"), None if flaw is None else not flaw,
                facts={f"{PATH}.flaw_only_in_labels_not_misleading": flaw}, cite=p("fraud.label_flaw_exception"))
    schemed = s.claimant_schemed
    conds.check("claimant_did_not_scheme", p.label("fraud.scheme_exclusion"), None if schemed is None else not schemed,
                facts={f"{PATH}.claimant_schemed": schemed}, cite=p("fraud.scheme_exclusion"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.fraud_claim
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    rule = p("fraud.compensation")
    if s.price_paid is None or s.law_multiple is None:
        calc.need(*[f"{PATH}.{f}" for f in ("price_paid", "law_multiple") if getattr(s, f) is None])
        calc.info("compensation", T(zh="赔偿倍数由消费者权益保护法第五十五条第一款规定（不在种子文件中，为输入）",
                                    en="The multiple is set by Art. 55(1) of the Consumer Rights Protection Law (not in the seed: an input)"),
                  cite=rule)
        return calc.result()
    floor = f", {s.law_minimum}" if s.law_minimum is not None else ""
    calc.amount("compensation", p.money(compensation(s.price_paid, s.law_multiple, s.law_minimum)),
                T(zh="增加赔偿的金额（倍数与最低额为输入，依消费者权益保护法）", en="Increased compensation (multiple and floor are inputs, per the law)"),
                formula=f"max({s.price_paid} × {s.law_multiple}{floor})" if floor else f"{s.price_paid} × {s.law_multiple}",
                facts={f"{PATH}.price_paid": s.price_paid, f"{PATH}.law_multiple": s.law_multiple, f"{PATH}.law_minimum": s.law_minimum},
                cite=rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="赔偿倍数与最低赔偿额规定在消费者权益保护法第五十五条第一款，不在种子文件中，由案件输入",
        en="The multiple and the floor are in Art. 55(1) of the Consumer Rights Protection Law, not in the seed: the case supplies them"))
