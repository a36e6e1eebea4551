"""PCT申请进入中国国家阶段的免缴 — 国家知识产权局公告第五九四号 五.

Revising the note to 发改价格〔2017〕270号 附件2: a PCT application that CNIPA received as receiving
office and searched pays no application fee or surcharge on entering the Chinese national phase; one
for which CNIPA wrote the international search report or the international preliminary report on
patentability pays no substantive-examination fee when it asks for examination.  Other national-phase
fees follow the domestic standards (not in the seed).
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from .common import Lookup, explain as _explain, in_force_note

POLICY_ID = "ip.pct_national_phase_exemptions"
S = "pct_national_phase"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    conds = Conditions(trace=ctx.trace)
    in_force_note(Lookup(params, None, ctx.known_at), conds)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.pct_national_phase
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    fees, exam = p.rule("exempt.application_fees"), p.rule("exempt.examination_fee")
    calc.finding("application_fees_exempt", finding_status(all_of(sec.cnipa_receiving_office, sec.cnipa_international_search)),
                 fees.label, cite=fees.citation,
                 facts={f"{S}.cnipa_receiving_office": sec.cnipa_receiving_office,
                        f"{S}.cnipa_international_search": sec.cnipa_international_search})
    calc.finding("examination_fee_exempt", finding_status(all_of(sec.cnipa_report, sec.examination_requested)),
                 exam.label, cite=exam.citation,
                 facts={f"{S}.cnipa_report": sec.cnipa_report, f"{S}.examination_requested": sec.examination_requested})
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
