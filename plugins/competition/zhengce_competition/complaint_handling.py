"""公平竞争审查举报处理 — 市场监管总局公告2024年第45号, in force 2024-10-13.

The handling of a complaint about a measure, step by step: remit (第五条、第六条), routing (第十条),
the grounds for not handling it (第十一条, with its seven-working-day correction period), the
sixty-day verification deadline (第十六条), what the verification found (第十三条 procedure,
第十四条 standards), and what may follow (第十八–二十三条).  Deadlines are dated outputs; the
start day is not counted ("自…之日起" and "七个工作日内" run from the next day).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup, all_of, finding_status

from .common import T, add_working_days, breach
from .facts import ComplainedMeasureType, MeasureLevel, ProceduralViolation

POLICY_ID = "competition.fair_competition_complaint_handling"
PATH = "fair_competition_complaint"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """第二条: anyone may complain; every complaint received is handled under these rules."""
    sec = case.fair_competition_complaint
    conds = Conditions(trace=ctx.trace)
    conds.check("received", T("市场监督管理部门收到举报", "A market-regulation department received the complaint"),
                None if sec.received_on is None else sec.received_on <= ctx.as_of,
                facts={f"{PATH}.received_on": sec.received_on}, cite=Lookup(params, None, ctx.known_at).criterion("scope.complaints"))
    return conds.result()


def _remit(sec, p: Lookup, calc: Calculation) -> bool:
    """第五条、第六条、第十条: whether this department handles the complaint itself."""
    level = sec.measure_level
    facts = {f"{PATH}.measure_level": level}
    if level is None:
        calc.need(f"{PATH}.measure_level")
    in_remit = None if level is None else level.value in p.value("jurisdiction.levels").value
    calc.finding("jurisdiction", finding_status(in_remit), T("属于本部门处理权限（本级政府相关单位或者下一级政府的政策措施）",
                                                             "Within this department's remit (its own government's units, or the next lower government)"),
                 facts=facts, cite=p.value("jurisdiction.levels"))
    if in_remit is False:
        calc.finding("redirect", FindingStatus.DUTY, p.params["jurisdiction.redirect"].label, facts=facts, cite=p.value("jurisdiction.redirect"))
        return False
    kind = sec.measure_type
    if kind is ComplainedMeasureType.LAW_OR_REGULATION:
        calc.finding("transfer", FindingStatus.DUTY, p.params["route.law_or_regulation"].label,
                     facts={f"{PATH}.measure_type": kind}, cite=p.value("route.law_or_regulation"))
        return False
    if kind is ComplainedMeasureType.NOT_YET_ISSUED:
        calc.finding("forward_to_drafter", FindingStatus.INFO, p.params["route.not_yet_issued"].label,
                     facts={f"{PATH}.measure_type": kind}, cite=p.value("route.not_yet_issued"))
    return True


def _correction(sec, p: Lookup, calc: Calculation, as_of: date) -> FindingStatus:
    """第十一条第（四）项: a request to complete the materials, answered within seven working days."""
    asked = sec.correction_requested_on
    if asked is None:
        return FindingStatus.MET
    rule = p.value("refusal.correction_working_days")
    due = add_working_days(asked, rule.value, sec.working_days_off, sec.extra_working_days)
    calc.date("correction_deadline", due, T("补正期限（要求补正后第 {} 个工作日）", "Correction deadline (the {}th working day after the request)", rule.value),
              formula=f"{asked} + {rule.value}", cite=rule,
              facts={f"{PATH}.correction_requested_on": asked,
                     f"{PATH}.working_days_off": ", ".join(map(str, sec.working_days_off)) or None,
                     f"{PATH}.extra_working_days": ", ".join(map(str, sec.extra_working_days)) or None})
    done = sec.corrected_on
    if done is not None:
        status = FindingStatus.MET if done <= due and sec.still_unclear_after_correction is not True else FindingStatus.NOT_MET
        if status is FindingStatus.MET and sec.still_unclear_after_correction is None:
            status = FindingStatus.UNKNOWN
    else:
        status = FindingStatus.NOT_YET_DUE if as_of <= due else FindingStatus.NOT_MET
    calc.finding("corrected_in_time", status, T("在 {} 个工作日内补正且补正后能够判断举报指向", "Completed within {} working days, and clear once completed", rule.value),
                 detail=p.reading("refusal.correction_working_days"), cite=rule,
                 facts={f"{PATH}.corrected_on": done, f"{PATH}.still_unclear_after_correction": sec.still_unclear_after_correction})
    return status


def _grounds(sec, p: Lookup, calc: Calculation, as_of: date) -> bool | None:
    """第十一条: whether the complaint is handled (no ground for not handling it holds)."""
    checks = [
        ("within_scope", "refusal.out_of_scope", finding_status(sec.alleges_violation), "alleges_violation", sec.alleges_violation),
        ("not_repeat", "refusal.repeat", breach(sec.repeat_of_closed_complaint), "repeat_of_closed_complaint", sec.repeat_of_closed_complaint),
        ("no_review_or_litigation", "refusal.review_or_litigation", breach(sec.review_or_litigation_accepted),
         "review_or_litigation_accepted", sec.review_or_litigation_accepted),
    ]
    statuses = []
    for fid, param, status, field, value in checks:
        calc.finding(fid, status, p.params[param].label, facts={f"{PATH}.{field}": value}, cite=p.value(param))
        statuses.append(status)
    statuses.append(_correction(sec, p, calc, as_of))
    handled = False if FindingStatus.NOT_MET in statuses else (True if all(s is FindingStatus.MET for s in statuses) else None)
    calc.finding("handled", finding_status(handled), T("举报予以处理（不存在不予处理的情形）", "The complaint is handled (no ground for not handling it)"),
                 cite=p.value("refusal.out_of_scope"))
    return handled


def _verification(sec, p: Lookup, calc: Calculation, as_of: date) -> None:
    """第十六条: sixty days from complete materials, extendable with approval."""
    start = sec.materials_complete_on
    rule = p.value("verification.days")
    if start is None:
        calc.need(f"{PATH}.materials_complete_on")
        return
    due = calc.date("verification_deadline", start + timedelta(days=rule.value), T("核查结束期限（{} 日）", "Verification deadline ({} days)", rule.value),
                    formula=f"{start} + {rule.value}", facts={f"{PATH}.materials_complete_on": start}, cite=rule)
    ended, ext = sec.verification_ended_on, sec.extension_approved
    if ended is not None and ended <= due:
        status = FindingStatus.MET
    elif ended is None and as_of <= due:
        status = FindingStatus.NOT_YET_DUE
    elif ext:
        status = FindingStatus.MET if ended is not None else FindingStatus.NOT_YET_DUE
    else:
        status = FindingStatus.NOT_MET if ext is False else FindingStatus.UNKNOWN
    calc.finding("verification_on_time", status, T("在期限内结束核查（或者经批准延长）", "Verification closed in time (or extended with approval)"),
                 detail=p.reading("verification.days"), cite=rule,
                 facts={f"{PATH}.verification_ended_on": ended, f"{PATH}.extension_approved": ext})


def _outcome(sec, p: Lookup, calc: Calculation) -> None:
    """第十三条、第十四条, then 第十八–二十条: what the verification found and what may follow."""
    procedural, standard = sec.procedural_violations, sec.standard_violations
    calc.amount("procedural_violations", Decimal(len(procedural)), p.params["violation.procedural"].label, unit="count",
                facts={f"{PATH}.procedural_violations": ", ".join(v.value for v in procedural) or None}, cite=p.value("violation.procedural"))
    calc.amount("standard_violations", Decimal(len(standard)), p.params["violation.standard"].label, unit="count",
                facts={f"{PATH}.standard_violations": ", ".join(v.value for v in standard) or None}, cite=p.value("violation.standard"))
    ended = sec.verification_ended_on is not None
    for fid, found, param, label in (
        ("procedure_followed", procedural, "violation.procedural", T("依法规范履行了公平竞争审查程序", "The review procedure was performed and regular")),
        ("standards_met", standard, "violation.standard", T("政策措施符合公平竞争审查标准", "The measure meets the review standards")),
    ):
        status = FindingStatus.NOT_MET if found else (FindingStatus.MET if ended else FindingStatus.NOT_YET_DUE)
        calc.finding(fid, status, label, cite=p.value(param))
    if procedural or standard:
        needs = []
        if procedural:
            needs.append(T("开展公平竞争审查或者补正程序", "carry out the review or correct the procedure"))
        if standard:
            needs.append(T("按照相关程序修订或者废止", "amend or repeal the measure by due procedure"))
        calc.finding("reminder_letter", FindingStatus.INFO, p.params["remedy.reminder_letter"].label, cite=p.value("remedy.reminder_letter"),
                     detail=Text(zh="整改要求：" + "；".join(n.zh for n in needs), en="Rectification: " + "; ".join(n.en for n in needs)))
    if sec.rectification_overdue:
        calc.finding("interview", FindingStatus.INFO, p.params["remedy.interview"].label,
                     facts={f"{PATH}.rectification_overdue": True}, cite=p.value("remedy.interview"))
    if sec.serious_adverse_impact and ProceduralViolation.NOT_REVIEWED in procedural:
        calc.finding("sanction_proposal", FindingStatus.INFO, p.params["remedy.sanction_proposal"].label,
                     facts={f"{PATH}.serious_adverse_impact": True}, cite=p.value("remedy.sanction_proposal"))


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.fair_competition_complaint
    p = Lookup(params, ctx.as_of, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if _remit(sec, p, calc):
        handled = _grounds(sec, p, calc, ctx.as_of)
        if handled is not False:
            _verification(sec, p, calc, ctx.as_of)
            _outcome(sec, p, calc)
    if sec.abuse_of_administrative_power:
        calc.finding("antimonopoly_transfer", FindingStatus.DUTY, p.params["remedy.antimonopoly_transfer"].label,
                     facts={f"{PATH}.abuse_of_administrative_power": True}, cite=p.value("remedy.antimonopoly_transfer"))
    feedback = all_of(sec.real_name, sec.written_feedback_request)
    calc.finding("feedback_possible", finding_status(feedback), p.params["feedback.real_name"].label,
                 facts={f"{PATH}.real_name": sec.real_name, f"{PATH}.written_feedback_request": sec.written_feedback_request},
                 cite=p.value("feedback.real_name"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, names={"procedural_violations": ("程序违规项数", "procedural breaches"),
                                                  "standard_violations": ("违反审查标准项数", "breaches of the standards")})
