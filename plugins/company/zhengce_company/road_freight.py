"""开办道路货运企业“一件事” — 交运发〔2024〕42号 三.

An enterprise that has registered with market regulation applies once for the road-freight
operating licence and the vehicles' 《道路运输证》; the authority decides within 5 working days.
Dangerous-goods transport and ordinary freight with vehicles of 4,500 kg total mass or less are
outside the one-stop matter.  The provinces' 2024 milestones (plans by end-June, MOT's online zone by
end-September, progress reports end-June and end-November) bind authorities, not applicants, and
are not evaluated here.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from .common import Lookup, T, deadline_status, explain as _explain
from .workdays import add_working_days, record_deadline

POLICY_ID = "company.road_freight_one_stop_opening"
S = "road_freight_opening"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.road_freight_opening
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    dangerous, mass = p.rule("scope.dangerous_goods_excluded"), p.rule("scope.excluded_max_mass_kg")
    conds.check("not_dangerous_goods", dangerous.label, None if sec.dangerous_goods is None else not sec.dangerous_goods,
                facts={f"{S}.dangerous_goods": sec.dangerous_goods}, cite=dangerous.citation)
    heaviest = sec.heaviest_vehicle_total_mass_kg
    conds.check("above_light_vehicle_mass", T("最重车辆总质量超过 {} 千克", "Heaviest vehicle above {} kg total mass", mass.value),
                None if heaviest is None else heaviest > mass.value, facts={f"{S}.heaviest_vehicle_total_mass_kg": heaviest},
                cite=mass.citation, note=p.reading("scope.excluded_max_mass_kg"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.road_freight_opening
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    scope = p.rule("scope.one_stop")
    calc.finding("one_stop", FindingStatus.MET, scope.label, cite=scope.citation)
    order = p.rule("order.registration_first")
    calc.finding("registered_first", finding_status(sec.registered_first), order.label, cite=order.citation,
                 facts={f"{S}.registered_first": sec.registered_first})
    rule = p.rule("decision.working_days")
    if sec.applied_on is None:
        calc.need(f"{S}.applied_on")
        calc.finding("decided_in_time", FindingStatus.UNKNOWN, rule.label, cite=rule.citation, facts={f"{S}.applied_on": None})
        return calc.result()
    count = add_working_days(sec.applied_on, rule.value, sec.working_days_off, sec.extra_working_days)
    due = record_deadline(calc, "decision_deadline", count, T("办结期限最后一日", "Last day to decide"), cite=rule.citation,
                          facts={f"{S}.applied_on": sec.applied_on,
                                 f"{S}.working_days_off": ", ".join(map(str, sec.working_days_off)) or None,
                                 f"{S}.extra_working_days": ", ".join(map(str, sec.extra_working_days)) or None})
    calc.finding("decided_in_time", deadline_status(sec.decided_on, due, ctx.as_of), rule.label, cite=rule.citation,
                 detail=p.reading("decision.working_days"), facts={f"{S}.decided_on": sec.decided_on})
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
