"""开放许可期间专利年费减免 — 国家知识产权局公告第五九四号 二.

While a patent is under an open licence its annual fees are reduced by 15 %.  A payer who also
qualifies for another patent-fee reduction chooses the most favourable one and never enjoys two
(可以选择适用最优惠的政策，但不得重复享受): the rule takes the single highest rate, never a sum.
The other reductions' rates come from documents the seed only names, so they are inputs.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from zhengce.kernel.render import explanation

from .common import Lookup, T, in_force_note

POLICY_ID = "ip.patent_annual_fee_reduction"
S = "patent_annual_fee"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.patent_annual_fee
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    in_force_note(p, conds)
    rule = p.rule("reduction.open_licence")
    conds.check("open_licence", T("年费所属年度处于专利开放许可实施期间", "The fee year falls within the open-licence period"),
                sec.open_licence, facts={f"{S}.open_licence": sec.open_licence}, cite=rule.citation)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.patent_annual_fee
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    own, choice = p.rule("reduction.open_licence"), p.rule("reduction.most_favourable")
    candidates: list[tuple[str, Decimal]] = [("open_licence", own.value)]
    calc.info("candidate_open_licence", own.label, value=own.value, cite=own.citation)
    for i, other in enumerate(sec.other_reductions):
        path = f"{S}.other_reductions[{i}]"
        if other.rate is None:
            calc.need(f"{path}.rate")
            continue
        candidates.append((other.basis or f"#{i + 1}", other.rate))
        calc.info(f"candidate_{i + 1}", T("其他减免政策：{}", "Another reduction: {}", other.basis or f"#{i + 1}"),
                  value=other.rate, facts={f"{path}.basis": other.basis, f"{path}.rate": other.rate}, cite=choice.citation,
                  note=T("比例为输入事实，其依据文件不在种子文件中", "The rate is an input: its document is not in the seed"))
    basis, best = max(candidates, key=lambda c: c[1])  # the first of equal rates: the open licence
    rates = ", ".join(str(r) for _, r in candidates)
    calc.amount("reduction_rate", best, T("适用的减免比例（{} 中最高的一项）", "Reduction rate applied (the highest of {})", rates),
                unit="ratio", cite=choice.citation, note=choice.reading)
    chosen = T("选择适用：开放许可年费减免", "Chosen: the open-licence reduction") if basis == "open_licence" else \
        T("选择适用：{}", "Chosen: {}", basis)
    calc.finding("chosen_reduction", FindingStatus.INFO, chosen, cite=choice.citation)
    if len(candidates) > 1:
        calc.finding("no_double_reduction", FindingStatus.MET,
                     T("不得重复享受：其他减免比例不与所选比例相加", "No double benefit: the other rates are not added to the chosen one"),
                     cite=choice.citation)
    if sec.standard_fee is None:
        calc.need(f"{S}.standard_fee")
        return calc.result()
    reduction = calc.amount("reduction", p.money(sec.standard_fee * best), T("减免金额", "Reduction"),
                            formula=f"{sec.standard_fee} × {best}", facts={f"{S}.standard_fee": sec.standard_fee},
                            cite=choice.citation)
    calc.amount("fee_payable", p.money(sec.standard_fee - reduction), T("应缴年费", "Annual fee payable"),
                formula=f"{sec.standard_fee} − {reduction}", cite=choice.citation)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, lead=("chosen_reduction",))
