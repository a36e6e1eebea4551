"""外商投资企业人员签证与信息报送 — 国办发〔2024〕9号 三（十六）、四（十八）.

Managers and technical staff of a foreign-invested enterprise, with their accompanying spouses and
minor children, may get visas valid for entry for up to 2 years; an authority may not ask an FIE to
report again information it can obtain by data sharing between departments.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup, finding_status

from ._common import T, localised
from .facts import VisaRole

POLICY_ID = "trade_investment.fdi_facilitation"
PARAMETERS = load_parameters("zhengce_trade_investment", "parameters/fdi_facilitation.yaml")
F = "fdi_facilitation"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """The measures concern a foreign-invested enterprise's people or its reporting: a case gives one."""
    f = case.fdi_facilitation
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    given = f.visa_role is not None or f.information_request is not None
    conds.check("measure_concerned", T("个案涉及签证申请或信息报送要求", "The case concerns a visa application or an information request"),
                True if given else None, facts={f"{F}.visa_role": f.visa_role, f"{F}.information_request": f.information_request},
                cite=p.value("visa.roles") if f.visa_role is not None or not given else p.value("info.no_repeat"),
                missing=None if given else [f"{F}.visa_role", f"{F}.information_request"])
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    f = case.fdi_facilitation
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if f.visa_role is not None:
        _visa(f, p, calc)
    if f.information_request is True:
        rule = p.value("info.no_repeat")
        obtainable = f.information_obtainable_by_sharing
        calc.finding("no_repeat_report", finding_status(obtainable, met_when=False), params["info.no_repeat"].label,
                     facts={f"{F}.information_obtainable_by_sharing": obtainable}, cite=rule,
                     detail=T("可通过部门信息共享获得的，要求重复报送即违反本条", "asking again for what data sharing provides breaches the measure")
                     if obtainable else None)
    return calc.result()


def _visa(f, p: Lookup, calc: Calculation) -> None:
    roles, years = p.value("visa.roles"), p.value("visa.max_validity_years")
    role = f.visa_role
    eligible = f.child_is_minor if role is VisaRole.ACCOMPANYING_CHILD else role.value in roles.value
    calc.finding("longer_entry_validity", finding_status(eligible),
                 T("外商投资企业管理人员、技术人员及其随行配偶和未成年子女", "An FIE manager or technical staff member, or an accompanying spouse or minor child"),
                 facts={f"{F}.visa_role": role, f"{F}.child_is_minor": f.child_is_minor}, cite=roles)
    if eligible is None:
        calc.need(f"{F}.child_is_minor")
    if not eligible:
        return
    months = 12 * years.value
    calc.amount("max_entry_validity_months", Decimal(months), T("签证入境有效期最长（月）", "Longest entry validity (months)"), unit="count",
                formula=f"12 × {years.value}", cite=years, note=p.reading("visa.max_validity_years"))
    if f.requested_validity_months is not None:
        calc.finding("requested_validity_within_ceiling", finding_status(f.requested_validity_months <= months),
                     T("申请的入境有效期不超过 {} 个月", "The entry validity sought is at most {} months", months),
                     facts={f"{F}.requested_validity_months": f.requested_validity_months}, cite=years)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return localised(explanation(result, title, lang, names={"max_entry_validity_months": ("签证入境有效期最长（月）", "longest entry validity (months)")}))
