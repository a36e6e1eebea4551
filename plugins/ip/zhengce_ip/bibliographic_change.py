"""批量著录项目变更收费 — 国家知识产权局公告第五九四号 四.

A batch request that changes the applicant's or patentee's name, without any transfer of rights,
pays the bibliographic-change fee once, however many applications or patents it covers.  The fee
standard is not in the seed (an input); a batch request that does not qualify pays per item.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from .common import Lookup, T, explain as _explain, in_force_note

POLICY_ID = "ip.batch_bibliographic_change_fee"
S = "bibliographic_change"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.bibliographic_change
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    in_force_note(p, conds)
    rule = p.rule("batch.name_change_as_one")
    conds.check("batch_request", T("通过批量著录项目变更请求办理", "Made as a batch bibliographic-change request"),
                sec.batch_request, facts={f"{S}.batch_request": sec.batch_request}, cite=rule.citation)
    conds.check("patents_given", T("请求所涉申请或专利件数", "Applications or patents the request covers"),
                None if sec.patents is None else True, facts={f"{S}.patents": sec.patents}, cite=rule.citation)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.bibliographic_change
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    rule = p.rule("batch.name_change_as_one")
    as_one = all_of(sec.name_change_only, None if sec.involves_transfer is None else not sec.involves_transfer)
    calc.finding("charged_as_one", finding_status(as_one), rule.label, cite=rule.citation, detail=rule.reading,
                 facts={f"{S}.name_change_only": sec.name_change_only, f"{S}.involves_transfer": sec.involves_transfer})
    if as_one is None:
        calc.need(*(f"{S}.{k}" for k, v in (("name_change_only", sec.name_change_only),
                                            ("involves_transfer", sec.involves_transfer)) if v is None))
        return calc.result()
    charged = rule.value if as_one else sec.patents
    calc.amount("fees_charged", Decimal(charged), T("按件计收的著录事项变更费件数", "Bibliographic-change fees charged (items)"),
                unit="count", facts={f"{S}.patents": sec.patents}, cite=rule.citation)
    if sec.unit_fee is None:
        calc.need(f"{S}.unit_fee")
        return calc.result()
    fee = calc.amount("fee", p.money(sec.unit_fee * charged), T("应缴著录事项变更费", "Bibliographic-change fee payable"),
                      formula=f"{sec.unit_fee} × {charged}", facts={f"{S}.unit_fee": sec.unit_fee}, cite=rule.citation)
    calc.amount("saving", p.money(sec.unit_fee * sec.patents) - fee, T("较逐件计费节省", "Saving against one fee per item"),
                formula=f"{sec.unit_fee} × {sec.patents} − {fee}", cite=rule.citation)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
