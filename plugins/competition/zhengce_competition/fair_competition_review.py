"""公平竞争审查 — 公平竞争审查条例 (国令第783号), in force 2024-08-01.

A lint of a draft measure: each provision, given by its kind, is checked against the prohibited
kinds of 第八条 (market entry and exit), 第九条 (free movement of goods and factors), 第十条
(production and operating costs: allowed with a basis in law or administrative regulation, or State
Council approval) and 第十一条 (production and operating conduct), and against the exception of
第十二条 (a listed ground, no less restrictive alternative, a reasonable term or end condition).
The procedure's duties (who reviews, consultation, conclusion, explaining the exception) are
findings; 第十八条 decides whether the measure may be issued.  The 条例 sets no day-count deadline.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup, finding_status

from .common import T, duty
from .facts import DrafterKind, MeasureProvision, ProvisionKind

POLICY_ID = "competition.fair_competition_review"
PATH = "fair_competition_measure"

#: The article each prohibited kind falls under: parameter name and label.
BANS = ("ban.entry_exit", "ban.free_movement", "ban.operating_costs", "ban.operating_conduct")


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """第二条: a measure affecting undertakings' economic activity must be reviewed."""
    sec = case.fair_competition_measure
    conds = Conditions(trace=ctx.trace)
    rule = Lookup(params, None, ctx.known_at).criterion("scope.drafting")
    conds.check("concerns_economic_activity", T("政策措施涉及经营者经济活动", "The measure affects undertakings' economic activity"),
                sec.concerns_economic_activity, facts={f"{PATH}.concerns_economic_activity": sec.concerns_economic_activity},
                cite=rule)
    return conds.result()


def _ban_of(kind: ProvisionKind, p: Lookup) -> str | None:
    for name in BANS:
        if kind.value in p.value(name).value:
            return name
    return None


def _excepted(prov: MeasureProvision, p: Lookup) -> bool | None:
    """第十二条: a listed ground, and no less restrictive alternative, and a reasonable term."""
    if prov.exception_ground is None:
        return False
    grounds = p.value("exception.grounds").value
    if prov.exception_ground.value not in grounds or prov.less_restrictive_alternative is True or prov.term_or_end_condition is False:
        return False
    if prov.less_restrictive_alternative is None or prov.term_or_end_condition is None:
        return None
    return True


def _provision(i: int, prov: MeasureProvision, p: Lookup, calc: Calculation) -> tuple[bool | None, bool]:
    """Check one provision; return (permitted, relies on the exception)."""
    where = f"{PATH}.provisions[{i}]"
    facts = {f"{where}.kind": prov.kind}
    if prov.text:
        facts[f"{where}.text"] = prov.text
    if prov.kind is None:
        calc.need(f"{where}.kind")
        calc.finding(f"provision_{i + 1}", FindingStatus.UNKNOWN, T("第 {} 条款：类别未知", "Provision {}: kind unknown", i + 1), facts=facts,
                     cite=p.value("scope.drafting"))
        return None, False
    ban = _ban_of(prov.kind, p)
    if ban is None:
        calc.finding(f"provision_{i + 1}", FindingStatus.MET, T("第 {} 条款：不含禁止性内容", "Provision {}: no prohibited content", i + 1),
                     facts=facts, cite=p.value("scope.drafting"))
        return True, False
    rule = p.value(ban)
    if ban == "ban.operating_costs":
        facts |= {f"{where}.legal_basis": prov.legal_basis, f"{where}.state_council_approval": prov.state_council_approval}
        basis = True if (prov.legal_basis or prov.state_council_approval) else (
            None if None in (prov.legal_basis, prov.state_council_approval) else False)
        if basis:
            calc.finding(f"provision_{i + 1}", FindingStatus.MET,
                         T("第 {} 条款：影响生产经营成本，但有法律、行政法规依据或者经国务院批准",
                           "Provision {}: affects operating costs, with a basis in law or regulation or State Council approval", i + 1),
                         facts=facts, cite=rule)
            return True, False
    else:
        basis = False
    excepted = _excepted(prov, p)
    if prov.exception_ground is not None:
        facts |= {f"{where}.exception_ground": prov.exception_ground,
                  f"{where}.less_restrictive_alternative": prov.less_restrictive_alternative,
                  f"{where}.term_or_end_condition": prov.term_or_end_condition}
    if excepted:
        calc.finding(f"provision_{i + 1}", FindingStatus.MET,
                     T("第 {} 条款：属禁止性内容，但符合第十二条例外情形", "Provision {}: a prohibited kind, but the exception applies", i + 1),
                     detail=p.params[ban].label, facts=facts, cite=p.value("exception.grounds"))
        return True, True
    # an exception claimed, or a legal basis, still open: the provision is undecided
    status = FindingStatus.UNKNOWN if excepted is None or basis is None else FindingStatus.NOT_MET
    if status is FindingStatus.UNKNOWN:
        calc.need(*[k for k, v in facts.items() if v is None])
    calc.finding(f"provision_{i + 1}", status,
                 T("第 {} 条款：不含禁止性内容或者符合例外", "Provision {}: free of prohibited content, or excepted", i + 1),
                 detail=p.params[ban].label, facts=facts, cite=rule)
    return (None if status is FindingStatus.UNKNOWN else False), prov.exception_ground is not None


def _procedure(sec, p: Lookup, calc: Calculation, any_exception: bool) -> None:
    """第十三条、第十四条、第十六条、第十七条: who reviews, consultation, conclusion."""
    drafter = sec.drafter
    facts = {f"{PATH}.drafter": drafter}
    if drafter is None:
        calc.need(f"{PATH}.drafter")
        calc.finding("reviewer", FindingStatus.UNKNOWN, T("审查主体：取决于出台主体", "Reviewer: depends on who issues the measure"),
                     facts=facts, cite=p.value("reviewer.department"))
    elif drafter is DrafterKind.GOVERNMENT:
        calc.finding("reviewer", FindingStatus.INFO, T("审查主体：本级市场监督管理部门会同起草单位", "Reviewer: the same-level market-regulation department with the drafter"),
                     facts=facts, cite=p.value("reviewer.government"))
        calc.finding("preliminary_review_sent", duty(sec.preliminary_review_sent),
                     T("起草单位开展初审并将草案和初审意见送市场监督管理部门审查", "The drafter's preliminary review and the draft sent to market regulation"),
                     facts={f"{PATH}.preliminary_review_sent": sec.preliminary_review_sent}, cite=p.value("reviewer.government"))
    else:
        who = T("审查主体：起草单位", "Reviewer: the drafter") if drafter is DrafterKind.DEPARTMENT else \
            T("审查主体：牵头起草单位", "Reviewer: the lead drafter")
        calc.finding("reviewer", FindingStatus.INFO, who, facts=facts, cite=p.value("reviewer.department"))
    calc.finding("stakeholders_consulted", duty(sec.stakeholders_consulted), p.params["duty.consult_stakeholders"].label,
                 facts={f"{PATH}.stakeholders_consulted": sec.stakeholders_consulted}, cite=p.value("duty.consult_stakeholders"))
    if sec.affects_public_interest is not False:
        status = duty(sec.public_consulted) if sec.affects_public_interest else FindingStatus.UNKNOWN
        calc.finding("public_consulted", status, p.params["duty.consult_public"].label,
                     facts={f"{PATH}.affects_public_interest": sec.affects_public_interest, f"{PATH}.public_consulted": sec.public_consulted},
                     cite=p.value("duty.consult_public"))
    calc.finding("conclusion_made", duty(sec.conclusion_made), p.params["duty.conclusion"].label,
                 facts={f"{PATH}.conclusion_made": sec.conclusion_made}, cite=p.value("duty.conclusion"))
    if any_exception:
        calc.finding("exception_explained", duty(sec.exception_explained), p.params["duty.explain_exception"].label,
                     facts={f"{PATH}.exception_explained": sec.exception_explained}, cite=p.value("duty.explain_exception"))


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.fair_competition_measure
    p = Lookup(params, ctx.as_of, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if not sec.provisions:
        calc.need(f"{PATH}.provisions")
    checked = [_provision(i, prov, p, calc) for i, prov in enumerate(sec.provisions)]
    prohibited = sum(1 for ok, _ in checked if ok is False)
    calc.amount("prohibited_provisions", Decimal(prohibited), T("含禁止性内容且不符合例外的条款数", "Provisions with prohibited content and no exception"),
                unit="count", cite=p.value("issue.bar"))
    _procedure(sec, p, calc, any(exc for _, exc in checked))
    content = False if prohibited else (None if any(ok is None for ok, _ in checked) or not checked else True)
    reviewed = sec.reviewed
    may_issue = False if reviewed is False or content is False else (None if reviewed is None or content is None else True)
    if may_issue is None and reviewed is None:
        calc.need(f"{PATH}.reviewed")
    calc.finding("reviewed", duty(reviewed), T("在起草阶段开展了公平竞争审查", "Reviewed for fair competition at the drafting stage"),
                 facts={f"{PATH}.reviewed": reviewed}, cite=p.value("issue.bar"))
    calc.finding("may_issue", finding_status(may_issue), T("可以出台（已经审查，且无未获例外的禁止性内容）",
                                                           "May be issued (reviewed, and no prohibited content without exception)"),
                 facts={f"{PATH}.reviewed": reviewed, "prohibited_provisions": prohibited}, cite=p.value("issue.bar"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, names={"prohibited_provisions": ("禁止性条款数", "prohibited provisions")})
