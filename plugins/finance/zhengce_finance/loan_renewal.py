"""小微企业续贷 — 金规〔2024〕13号.

Applicability: the loan is a renewable product (一, or 七's temporary extension
to medium firms' working-capital loans), the borrower still needs financing and
has a temporary difficulty, and it applied before maturity (二).  Evaluation:
findings on the timing of the new contracts (二), whether the renewed loan may
stay 正常 (三), and the bank's duties (四).  Every criterion comes from
``parameters/small_micro_loan_renewal.yaml``.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce_finance.facts import RenewalBorrowerKind, RenewalLoanPurpose
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.small_micro_loan_renewal"
S = "loan_renewal"


def product_in_scope(loan, p: Params) -> tuple[bool | None, object, Text | None]:
    """(in scope?, the rule cited, a note) for the borrower kind, purpose and maturity."""
    kind, purpose = loan.borrower_kind, loan.loan_purpose
    wc, op = p("scope.working_capital_borrowers"), p("scope.operating_borrowers")
    if kind is None or purpose is None:
        return None, wc, None
    if kind.value in wc.value:
        return purpose is RenewalLoanPurpose.WORKING_CAPITAL, wc, p.reading("scope.working_capital_borrowers")
    if kind.value in op.value:
        return purpose is RenewalLoanPurpose.OPERATING, op, p.reading("scope.working_capital_borrowers")
    if kind is RenewalBorrowerKind.MEDIUM_ENTERPRISE:
        until = p("scope.medium_working_capital_until")
        if purpose is not RenewalLoanPurpose.WORKING_CAPITAL:
            return False, until, None
        if loan.original_maturity is None:
            return None, until, None
        return loan.original_maturity <= until.value, until, p.reading("scope.medium_working_capital_until")
    return False, wc, p.reading("scope.working_capital_borrowers")


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    loan = case.loan_renewal
    p = Params(params, loan.original_maturity if loan else None, ctx.known_at)
    conds = Conditions()
    if loan is None:
        conds.check("renewable_product", T(zh="可续期贷款产品", en="A renewable loan product"), None,
                    facts={f"{S}.borrower_kind": None, f"{S}.loan_purpose": None}, cite=p("scope.working_capital_borrowers"))
        return conds.result()
    ok, rule, note = product_in_scope(loan, p)
    until = p("scope.medium_working_capital_until").value
    facts = {f"{S}.borrower_kind": loan.borrower_kind, f"{S}.loan_purpose": loan.loan_purpose}
    missing = [k for k, v in facts.items() if v is None]
    if loan.borrower_kind is RenewalBorrowerKind.MEDIUM_ENTERPRISE:
        facts[f"{S}.original_maturity"] = loan.original_maturity
        if loan.original_maturity is None:
            missing.append(f"{S}.original_maturity")
    conds.check("renewable_product", T(zh=f"可续期贷款产品：小微企业流动资金贷款；小微企业主、个体工商户及农户经营性贷款；或 {until} 前（含）到期的中型企业流动资金贷款",
                                       en=f"A renewable product: a small/micro firm's working-capital loan; an owner's, individual business's or farmer's operating loan; or a medium firm's working-capital loan maturing on or before {until}"),
                ok, facts=facts, missing=missing, cite=rule, note=note)

    need = p("need.conditions")
    a, b = loan.still_needs_financing, loan.temporary_difficulty
    met = False if a is False or b is False else (None if a is None or b is None else True)
    conds.check("needs_and_difficulty", T(zh="到期后仍有融资需求，又临时存在资金困难", en="Still needs financing after maturity and has a temporary cash difficulty"),
                met, facts={f"{S}.still_needs_financing": a, f"{S}.temporary_difficulty": b}, cite=need)

    timing = p("timing.application")
    applied, maturity = loan.applied_on, loan.original_maturity
    conds.check("applied_before_maturity", T(zh="债务人在贷款到期前（含到期日）主动申请", en="The borrower applied on or before the maturity date"),
                None if applied is None or maturity is None else applied <= maturity,
                facts={f"{S}.applied_on": applied, f"{S}.original_maturity": maturity}, cite=timing, note=p.reading("timing.application"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    loan = case.loan_renewal
    p = Params(params, loan.original_maturity, ctx.known_at)
    calc = Calculation()
    maturity = loan.original_maturity
    rule = p("timing.new_contracts")

    def timing(fid: str, signed, label: Text) -> None:
        if signed is None:
            status = FindingStatus.DUTY if maturity is None or ctx.as_of <= maturity else FindingStatus.NOT_MET
            detail = T(zh=f"须于原贷款到期日 {maturity} 前（含当日）签订", en=f"Must be signed on or before the original maturity {maturity}")
        else:
            status = FindingStatus.UNKNOWN if maturity is None else (FindingStatus.MET if signed <= maturity else FindingStatus.NOT_MET)
            detail = p.reading("timing.new_contracts")
            if maturity is None:
                calc.need(f"{S}.original_maturity")
        calc.finding(fid, status, label, detail=detail, cite=rule,
                     facts={f"{S}.{fid}_signed_on".replace("_timing", ""): signed, f"{S}.original_maturity": maturity})

    timing("new_loan_contract_timing", loan.new_loan_contract_signed_on,
           T(zh="新的借款合同在原贷款到期前签订", en="New loan contract signed before the original loan matures"))
    if loan.guarantee_required is None:
        calc.need(f"{S}.guarantee_required")
        calc.finding("new_guarantee_contract_timing", FindingStatus.UNKNOWN,
                     T(zh="需要担保的，新的担保合同在原贷款到期前签订", en="If a guarantee is needed, the new guarantee contract signed before maturity"),
                     facts={f"{S}.guarantee_required": None}, cite=rule)
    elif loan.guarantee_required:
        timing("new_guarantee_contract_timing", loan.new_guarantee_contract_signed_on,
               T(zh="新的担保合同在原贷款到期前签订", en="New guarantee contract signed before the original loan matures"))

    orig = p("classification.original_class")
    conds = p("classification.conditions")
    values = {c: getattr(loan, c) for c in conds.value}
    facts = {f"{S}.original_risk_class": loan.original_risk_class, **{f"{S}.{k}": v for k, v in values.items()}}
    if loan.original_risk_class is not None and loan.original_risk_class.value not in orig.value:
        status, cite = FindingStatus.NOT_MET, orig
    elif any(v is False for v in values.values()):
        status, cite = FindingStatus.NOT_MET, conds
    elif loan.original_risk_class is None or any(v is None for v in values.values()):
        status, cite = FindingStatus.UNKNOWN, conds
        calc.need(*[k for k, v in facts.items() if v is None])
    else:
        status, cite = FindingStatus.MET, conds
    calc.finding("may_stay_normal", status, T(zh="续期贷款不因续贷单独下调风险分类，可以归为正常类", en="The renewed loan may stay classified normal (no downgrade for the renewal alone)"),
                 detail=T(zh="否则按借款人偿债能力等因素开展风险分类", en="Otherwise it is classified on the borrower's repayment capacity") if status is FindingStatus.NOT_MET else None,
                 facts=facts, cite=cite)
    calc.finding("flag_in_system", FindingStatus.DUTY, T(zh="在信贷系统中单独标识续贷贷款", en="Flag the renewed loan separately in the credit system"),
                 cite=p("duty.flag_in_system"))
    if loan.borrower_kind is RenewalBorrowerKind.MEDIUM_ENTERPRISE:
        calc.finding("medium_firm_discretion", FindingStatus.INFO,
                     T(zh="中型企业：银行业金融机构可以根据自身风险管控水平比照小微企业续贷要求提供支持（非义务）",
                       en="Medium firm: the bank may, at its discretion, renew on the small/micro terms"),
                     cite=p("scope.medium_working_capital_until"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    """The default summary plus whether the renewed loan may stay 正常."""
    exp = _explain(result, title, lang, {})
    found = result.evaluation.finding("may_stay_normal") if result.evaluation else None
    if found is None:
        return exp
    words = {"met": ("可以归为正常类", "may stay normal"), "not_met": ("不能仅据续贷归为正常类", "may not simply stay normal"),
             "unknown": ("能否归为正常类尚无法判断", "whether it may stay normal is unknown")}[found.status.value]
    extra = ("；续期贷款" + words[0]) if lang == "zh" else ("; the renewed loan " + words[1])
    return Explanation(policy_id=exp.policy_id, lang=lang, title=exp.title, summary=exp.summary + extra, lines=exp.lines)
