"""海牙途径外观设计单独指定费减缴 — 国家知识产权局公告第五九四号 三.

The first and second individual designation fees of a design application that entered China through
the Hague Agreement may be reduced under 财税〔2016〕78号, 财税〔2018〕37号 and 财税〔2019〕45号.  The
seed names those documents only: whether the applicant qualifies and at what rate are inputs.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from .common import Lookup, T, explain as _explain, in_force_note

POLICY_ID = "ip.hague_design_fee_reduction"
S = "hague_design_fee"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.hague_design_fee
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    in_force_note(p, conds)
    rule = p.rule("reduction.hague_designation_fees")
    conds.check("entered_via_hague", T("通过海牙协定进入我国的外观设计国际申请", "A design application that entered China through the Hague Agreement"),
                sec.entered_via_hague, facts={f"{S}.entered_via_hague": sec.entered_via_hague}, cite=rule.citation)
    conds.check("designation_fee_instalment", T("第一期或第二期单独指定费", "The first or second individual designation fee"),
                None if sec.phase is None else True, facts={f"{S}.phase": sec.phase}, cite=rule.citation)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.hague_design_fee
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    rule = p.rule("reduction.hague_designation_fees")
    calc.finding("qualifies_under_named_rules", finding_status(sec.qualifies),
                 Text(zh=f"符合{'、'.join(rule.value)}的减缴条件", en=f"Qualifies for a reduction under {', '.join(rule.value)}"),
                 facts={f"{S}.qualifies": sec.qualifies, f"{S}.basis": sec.basis}, cite=rule.citation, detail=rule.reading)
    if sec.qualifies is None:
        calc.need(f"{S}.qualifies")
        return calc.result()
    rate = sec.reduction_rate if sec.qualifies else Decimal(0)
    if rate is None:
        calc.need(f"{S}.reduction_rate")
        return calc.result()
    calc.amount("reduction_rate", rate, T("减缴比例（输入事实）", "Reduction rate (an input)"), unit="ratio",
                facts={f"{S}.reduction_rate": sec.reduction_rate}, cite=rule.citation)
    if sec.fee is None:
        calc.need(f"{S}.fee")
        return calc.result()
    reduction = calc.amount("reduction", p.money(sec.fee * rate), T("减缴金额", "Reduction"),
                            formula=f"{sec.fee} × {rate}", facts={f"{S}.fee": sec.fee}, cite=rule.citation)
    calc.amount("fee_payable", p.money(sec.fee - reduction), T("应缴单独指定费", "Individual designation fee payable"),
                formula=f"{sec.fee} − {reduction}", cite=rule.citation)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
