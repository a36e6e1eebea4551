"""企业信息变更、注销、开办餐饮店“一件事” — 国市监注发〔2024〕57号 二.

The computable rules of 57号 are duties of the authorities towards one enterprise: after a change,
no re-submission of the form or the licence; on deregistration, the social-insurance registration is
cancelled only when nothing is owed and no dispute is pending, a completed customs declarant's filing
is cancelled without a new application, and no paper tax-clearance certificate is asked for; on
opening a restaurant, no extra food-licence materials or conditions, and no signage approval without
a legal basis.  Each finding names a breach (not met) or compliance (met).
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from .common import Lookup, T, breach, explain as _explain
from .facts import OneStopMatter

POLICY_ID = "company.one_stop_change_and_deregistration"
S = "one_stop_service"
MATTER_RULE = {OneStopMatter.CHANGE: "change.no_resubmission", OneStopMatter.DEREGISTRATION: "dereg.social_insurance",
               OneStopMatter.RESTAURANT_OPENING: "restaurant.no_extra_requirements"}


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.one_stop_service
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.check("one_stop_matter", T("企业信息变更、企业注销或开办餐饮店“一件事”", "A one-stop change, deregistration or restaurant opening"),
                None if sec.matter is None else True, facts={f"{S}.matter": sec.matter},
                cite=p.rule(MATTER_RULE.get(sec.matter, "change.no_resubmission")).citation)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.one_stop_service
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)

    def check(fid: str, param: str, status: FindingStatus, facts: dict) -> None:
        rule = p.rule(param)
        calc.finding(fid, status, rule.label, cite=rule.citation, facts={f"{S}.{k}": v for k, v in facts.items()})

    if sec.matter is OneStopMatter.CHANGE:
        check("no_resubmission", "change.no_resubmission", breach(sec.resubmission_demanded),
              {"resubmission_demanded": sec.resubmission_demanded})
    elif sec.matter is OneStopMatter.DEREGISTRATION:
        clear = all_of(*(None if v is None else not v for v in
                         (sec.wage_arrears, sec.unpaid_social_insurance, sec.pending_social_insurance_dispute)))
        check("social_insurance_deregistration", "dereg.social_insurance", finding_status(clear),
              {"wage_arrears": sec.wage_arrears, "unpaid_social_insurance": sec.unpaid_social_insurance,
               "pending_social_insurance_dispute": sec.pending_social_insurance_dispute})
        if sec.customs_declarant_filing is not False:
            check("customs_filing_cancelled_automatically", "dereg.customs",
                  finding_status(all_of(sec.customs_declarant_filing, sec.customs_formalities_completed)),
                  {"customs_declarant_filing": sec.customs_declarant_filing,
                   "customs_formalities_completed": sec.customs_formalities_completed})
        check("no_paper_tax_clearance", "dereg.no_paper_tax_clearance", breach(sec.paper_tax_clearance_demanded),
              {"paper_tax_clearance_demanded": sec.paper_tax_clearance_demanded})
    else:
        check("no_extra_food_licence_requirements", "restaurant.no_extra_requirements",
              breach(sec.extra_food_licence_requirements), {"extra_food_licence_requirements": sec.extra_food_licence_requirements})
        check("signage_approval_has_legal_basis", "restaurant.signage_legal_basis",
              breach(sec.signage_approval_without_legal_basis),
              {"signage_approval_without_legal_basis": sec.signage_approval_without_legal_basis})
    duties = [f for f in calc.findings if f.id not in ("social_insurance_deregistration", "customs_filing_cancelled_automatically")]
    breaches = sum(1 for f in duties if f.status is FindingStatus.NOT_MET)
    calc.amount("breaches", Decimal(breaches), T("有关部门违反规定的项数", "Breaches by the authorities"), unit="count",
                cite=p.rule(MATTER_RULE[sec.matter]).citation)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
