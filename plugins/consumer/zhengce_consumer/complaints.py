"""投诉处理与调解的期限 — 国令第778号 第四十六条.

An authority handles a complaint and tells the consumer within 7 working days of receipt; once it
has accepted the complaint and both sides agree to mediate, it finishes within 60 days of
acceptance, appraisal and testing time not counted.  The result gives both deadlines and whether
they were kept (not yet due while the day has not passed).
"""

from __future__ import annotations

from datetime import date, timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from . import common
from .common import Params, T, add_working_days

POLICY_ID = "consumer.complaint_handling_deadlines"
PATH = "consumer_complaint"


def kept(done_on: date | None, deadline: date, as_of: date) -> FindingStatus:
    """Met if done by the deadline, not met if done later or not done once it has passed, else not yet due."""
    if done_on is not None:
        return FindingStatus.MET if done_on <= deadline else FindingStatus.NOT_MET
    return FindingStatus.NOT_MET if as_of > deadline else FindingStatus.NOT_YET_DUE


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    s = case.consumer_complaint
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.check("received", T(zh="行政部门收到消费投诉", en="An authority received a consumer complaint"),
                None if s.received_on is None else True, facts={f"{PATH}.received_on": s.received_on},
                cite=p("handling.working_days"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.consumer_complaint
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    complete = all_of(s.real_identity, s.named_respondent, s.specific_request_and_facts)
    calc.finding("complaint_complete", finding_status(complete), p.label("complaint.contents"),
                 facts={f"{PATH}.real_identity": s.real_identity, f"{PATH}.named_respondent": s.named_respondent,
                        f"{PATH}.specific_request_and_facts": s.specific_request_and_facts}, cite=p("complaint.contents"))
    days = p("handling.working_days")
    deadline = add_working_days(s.received_on, days.value, s.holidays, s.extra_working_days)
    calc.date("handling_deadline", deadline, T(zh=f"处理并告知消费者的期限（收到之日起{days.value}个工作日）",
                                                en=f"Deadline to handle and tell the consumer ({days.value} working days from receipt)"),
              formula=f"{s.received_on} + {days.value}", facts={f"{PATH}.received_on": s.received_on,
                                                               f"{PATH}.holidays": len(s.holidays)}, cite=days)
    calc.finding("handled_in_time", kept(s.handled_on, deadline, ctx.as_of),
                 T(zh="按期处理并告知消费者", en="Handled and the consumer told in time"),
                 facts={f"{PATH}.handled_on": s.handled_on, "as_of": ctx.as_of}, cite=days)
    if s.accepted is False:
        calc.finding("refusal_reasons", FindingStatus.DUTY, p.label("handling.refusal_reasons"),
                     facts={f"{PATH}.accepted": False}, cite=p("handling.refusal_reasons"))
    if s.accepted and s.mediation_agreed:
        _mediation(s, p, calc, ctx)
    return calc.result()


def _mediation(s, p: Params, calc: Calculation, ctx: EvaluationContext) -> None:
    if s.accepted_on is None:
        calc.need(f"{PATH}.accepted_on")
        return
    days = p("mediation.days")
    extra = s.appraisal_days or 0
    deadline = s.accepted_on + timedelta(days=days.value + extra)
    calc.date("mediation_deadline", deadline, T(zh=f"调解完毕的期限（受理之日起{days.value}日，另加鉴定、检测时间）",
                                                 en=f"Deadline to finish mediation ({days.value} days from acceptance, plus appraisal time)"),
              formula=f"{s.accepted_on} + {days.value} + {extra}",
              facts={f"{PATH}.accepted_on": s.accepted_on, f"{PATH}.appraisal_days": extra},
              cite=p("mediation.appraisal_excluded") if extra else days)
    calc.finding("mediated_in_time", kept(s.mediation_ended_on, deadline, ctx.as_of),
                 T(zh="按期调解完毕或者终止调解", en="Mediation finished or terminated in time"),
                 facts={f"{PATH}.mediation_ended_on": s.mediation_ended_on, "as_of": ctx.as_of}, cite=p("mediation.terminate"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="工作日按周一至周五计算，并按案件给出的法定节假日和调休工作日调整",
        en="Working days are Monday to Friday, adjusted by the holidays and make-up working days the case gives"))
