"""信用信息的对外提供 — 国办发〔2024〕15号 二（一）、五（十一）.

Public credit information reaches financial institutions through the national integrated platform
network, its only outlet (a department's own-domain service excepted); information touching trade secrets
or personal privacy may be provided only desensitised or with the data subject's explicit authorisation.
Readings are in ``parameters/credit_information_release.yaml``.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.credit_information_release"
S = "credit_information_release"


def outlet_ok(sec) -> bool | None:
    """Public credit information to a financial institution: through the network, or a department's own domain."""
    if sec.to_financial_institution is False or sec.public_credit_information is False:
        return True
    if sec.via_national_network or sec.own_domain_department_service:
        return True
    if sec.via_national_network is False and sec.own_domain_department_service is False:
        return False
    return None


def sensitive_ok(sec) -> bool | None:
    """Secret or private information: only desensitised or with the subject's explicit authorisation."""
    if sec.touches_secrets_or_privacy is False:
        return True
    if sec.touches_secrets_or_privacy is None:
        return None
    if sec.desensitised or sec.subject_authorised:
        return True
    if sec.desensitised is False and sec.subject_authorised is False:
        return False
    return None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.credit_information_release
    p = Params(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    given = any(getattr(sec, f) is not None for f in ("to_financial_institution", "touches_secrets_or_privacy"))
    conds.check("release_described", T(zh="案件说明了信息的接收方或是否涉及商业秘密、个人隐私",
                                       en="The case says who receives the information or whether it touches trade secrets or privacy"),
                True if given else None, missing=[] if given else [f"{S}.touches_secrets_or_privacy"], cite=p("sensitive.conditions"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.credit_information_release
    p = Params(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if sec.to_financial_institution is not None:
        ok = outlet_ok(sec)
        if ok is None:
            calc.need(f"{S}.via_national_network", f"{S}.own_domain_department_service")
        exempt = bool(sec.own_domain_department_service) and not sec.via_national_network
        calc.finding("single_outlet", finding_status(ok),
                     T(zh="部门提供本领域信用信息服务，不受“唯一出口”限制", en="A department's own-domain service: outside the only-outlet rule") if exempt else
                     T(zh="公共信用信息经全国一体化平台网络这一“唯一出口”提供给金融机构", en="Public credit information reaches financial institutions through the national network, the only outlet"),
                     facts={f"{S}.to_financial_institution": sec.to_financial_institution, f"{S}.via_national_network": sec.via_national_network,
                            f"{S}.own_domain_department_service": sec.own_domain_department_service},
                     cite=p("own_domain_exempt") if exempt else p("single_outlet"))
    if sec.touches_secrets_or_privacy is not None:
        ok = sensitive_ok(sec)
        if ok is None:
            calc.need(f"{S}.desensitised", f"{S}.subject_authorised")
        calc.finding("may_provide_sensitive", finding_status(ok),
                     T(zh="不涉及商业秘密或个人隐私", en="Touches no trade secret or personal privacy") if sec.touches_secrets_or_privacy is False else
                     T(zh="涉及商业秘密或个人隐私的信息经脱敏处理或信息主体明确授权后提供",
                       en="Secret or private information provided only desensitised or with the subject's explicit authorisation"),
                     detail=p.reading("sensitive.conditions"),
                     facts={f"{S}.touches_secrets_or_privacy": sec.touches_secrets_or_privacy, f"{S}.desensitised": sec.desensitised,
                            f"{S}.subject_authorised": sec.subject_authorised}, cite=p("sensitive.conditions"))
    calc.finding("no_unlawful_dissemination", FindingStatus.DUTY, p.params["no_unlawful_dissemination"].label, cite=p("no_unlawful_dissemination"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, {})
