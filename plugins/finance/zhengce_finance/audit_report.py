"""“小巨人”企业审计报告查验 — 财办会〔2024〕15号.

A (candidate) little-giant firm that applies, faces its expiry review or updates its information uploads
an audit report carrying a verification code of the 注册会计师行业统一监管平台, as the coded electronic
original downloaded from that platform (三); it must ask its accounting firm to file the report there and
obtain the code (二).  A code endorses neither the report nor its figures (二).  Quotes and readings are in
``parameters/little_giant_audit_report.yaml``.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.contracts import FindingStatus
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.little_giant_audit_report"
S = "little_giant_audit_report"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    r = case.little_giant_audit_report
    p = Params(params, None, ctx.known_at)
    occasions = p("occasions")
    conds = Conditions()
    other = r.occasion is not None and r.occasion.value == "other_sme_evaluation"
    conds.check("occasion", T(zh="参评“小巨人”、到期复核或者更新信息", en="Applying as a little giant, facing the expiry review, or updating information"),
                None if r.occasion is None else r.occasion.value in occasions.value, facts={f"{S}.occasion": r.occasion}, cite=occasions,
                note=params["other_evaluations_encouraged"].label if other else None)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    r = case.little_giant_audit_report
    p = Params(params, None, ctx.known_at)
    calc = Calculation()
    for fid, field, rule, label in (
        ("coded_report", "verification_code", "occasions",
         T(zh="审计报告已在统一监管平台报备并附有验证码", en="The audit report is filed on the unified platform and carries a verification code")),
        ("platform_original", "uploaded_platform_original", "platform_original",
         T(zh="上传的是从统一监管平台下载的已赋码审计报告电子版原件", en="The upload is the coded electronic original downloaded from the platform")),
    ):
        value = getattr(r, field)
        if value is None:
            calc.need(f"{S}.{field}")
        calc.finding(fid, finding_status(value), label, facts={f"{S}.{field}": value}, cite=p(rule))
    both = (r.verification_code, r.uploaded_platform_original)
    admissible = False if False in both else (None if None in both else True)
    calc.finding("admissible", finding_status(admissible),
                 T(zh="上传的审计报告符合查验要求：附验证码且为平台下载的电子版原件", en="The uploaded report passes the check: coded, and the platform's electronic original")
                 if admissible is not False else
                 T(zh="上传的审计报告不符合查验要求", en="The uploaded report does not pass the check"),
                 cite=p("platform_original"))
    if r.verification_code is not True:
        calc.finding("ask_auditor", FindingStatus.DUTY, params["ask_auditor"].label, cite=p("ask_auditor"))
        calc.finding("auditor_supplies_coded_report", FindingStatus.INFO, params["auditor_supplies_coded_report"].label,
                     cite=p("auditor_supplies_coded_report"))
    else:
        calc.finding("firm_may_verify", FindingStatus.INFO, params["firm_may_verify"].label, cite=p("firm_may_verify"))
    calc.finding("code_not_endorsement", FindingStatus.INFO, params["code_not_endorsement"].label, cite=p("code_not_endorsement"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, {}, lead=("admissible",))
