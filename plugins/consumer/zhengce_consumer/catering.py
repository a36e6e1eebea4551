"""餐饮经营主体的经营秩序与营商环境 — 商服贸发〔2024〕46号 七（十五）、（十七）、（十八）.

What a catering business must keep (manual service, traditional payment, cash; no forced
consumption or forced QR-code ordering), what utilities and others may not charge it (irregular
fees, compulsory meter verification) and must do (separate meters for a qualifying business), and
the notice an authority owes it before a penalty decision.
"""

from __future__ import annotations


from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from . import common
from .common import Params, T, flag

POLICY_ID = "consumer.catering_merchant_rules"
PATH = "catering_business"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.info("catering", T(zh="餐饮经营主体", en="A catering business"), cite=p("manual_service_and_cash"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.catering_business
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    keeps = all_of(None if s.refuses_cash is None else not s.refuses_cash, s.keeps_manual_service)
    calc.finding("manual_service_and_cash", finding_status(keeps), p.label("manual_service_and_cash"),
                 facts={f"{PATH}.refuses_cash": s.refuses_cash, f"{PATH}.keeps_manual_service": s.keeps_manual_service},
                 cite=p("manual_service_and_cash"))
    forced = all_of(None if s.forces_consumption is None else not s.forces_consumption,
                    None if s.forces_qr_ordering is None else not s.forces_qr_ordering)
    calc.finding("no_forced_consumption", finding_status(forced), p.label("no_forced_consumption"),
                 facts={f"{PATH}.forces_consumption": s.forces_consumption, f"{PATH}.forces_qr_ordering": s.forces_qr_ordering},
                 cite=p("no_forced_consumption"))
    if s.charged_irregular_fees is not None:
        flag(calc, p, "no_irregular_fees", "no_irregular_fees", s.charged_irregular_fees, met_when=False,
             facts={f"{PATH}.charged_irregular_fees": s.charged_irregular_fees})
    if s.charged_meter_verification_fee is not None:
        flag(calc, p, "no_meter_verification_fee", "no_meter_verification_fee", s.charged_meter_verification_fee, met_when=False,
             facts={f"{PATH}.charged_meter_verification_fee": s.charged_meter_verification_fee})
    if s.qualifies_for_separate_metering:
        flag(calc, p, "separate_metering", "separate_metering", s.has_separate_metering, met_when=True,
             facts={f"{PATH}.qualifies_for_separate_metering": True, f"{PATH}.has_separate_metering": s.has_separate_metering})
    if s.penalty_decided_on is not None:
        _penalty_notice(s, p, calc)
    return calc.result()


def _penalty_notice(s, p: Params, calc: Calculation) -> None:
    on = s.penalty_notice_on
    before = None if on is None else on < s.penalty_decided_on
    ok = all_of(before, s.notice_states_content_facts_reasons_basis, s.notice_states_rights)
    calc.finding("penalty_notice", finding_status(ok), p.label("penalty_notice"),
                 facts={f"{PATH}.penalty_notice_on": on, f"{PATH}.penalty_decided_on": s.penalty_decided_on,
                        f"{PATH}.notice_states_content_facts_reasons_basis": s.notice_states_content_facts_reasons_basis,
                        f"{PATH}.notice_states_rights": s.notice_states_rights}, cite=p("penalty_notice"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="“符合条件”的单独计量条件不在种子文件中，为输入", en="The conditions for separate metering are not in the seed: an input"))
