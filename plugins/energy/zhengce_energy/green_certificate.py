"""绿证与自愿减排市场衔接 — 国能综通新能〔2024〕124号.

During the two-year transition, deep-sea offshore wind and solar thermal projects
may choose green certificates (绿证) or CCER; solar PV and other wind may not newly
enter the voluntary market; the same power may never earn both.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.green_certificate_ccer"


def transition_end(start: date, years: int) -> date:
    """The last day of a period of ``years`` years from ``start`` (inclusive)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def double_counted(generation: Decimal, gec: Decimal, ccer: Decimal) -> Decimal:
    """Power counted for both a green certificate and CCER: max(0, GEC + CCER − generation)."""
    return max(Decimal(0), gec + ccer - generation)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    g = case.green_certificate_project
    conds = Conditions()
    start, years = p("transition.start"), p("transition.years")
    end = transition_end(start.value, years.value)
    day = g.decided_on or ctx.as_of
    conds.check("within_transition", T(zh=f"选择或申请发生在过渡期内（{start.value} 至 {end}，含）", en=f"The choice or application falls in the transition ({start.value} to {end}, inclusive)"),
                start.value <= day <= end, facts={"green_certificate_project.decided_on": g.decided_on, "as_of": ctx.as_of},
                cite=years, note=p.reading("transition.years"))
    tech = g.technology
    conds.check("renewable_power_project", T(zh="可再生能源发电项目的技术类型", en="Technology of the renewable power project"),
                None if tech is None else True, facts={"green_certificate_project.technology": tech}, cite=p("choice.technologies"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    g = case.green_certificate_project
    calc = Calculation()
    choice, excluded = p("choice.technologies"), p("ccer.not_newly_admitted")
    tech = g.technology.value
    if tech in choice.value:
        calc.finding("may_choose_gec_or_ccer", FindingStatus.MET, p.label("choice.technologies"),
                     facts={"green_certificate_project.technology": tech}, cite=choice)
    elif tech in excluded.value:
        calc.finding("may_choose_gec_or_ccer", FindingStatus.NOT_MET, p.label("ccer.not_newly_admitted"),
                     detail=T(zh="仅可核发交易绿证", en="Green certificates only"), facts={"green_certificate_project.technology": tech}, cite=excluded)
        if g.ccer_mwh and not g.ccer_project_registered:
            calc.finding("ccer_not_newly_admitted", FindingStatus.NOT_MET, p.label("ccer.not_newly_admitted"),
                         facts={"green_certificate_project.ccer_mwh": g.ccer_mwh, "green_certificate_project.ccer_project_registered": g.ccer_project_registered},
                         cite=excluded, detail=p.reading("transition.years"))
    else:
        calc.finding("may_choose_gec_or_ccer", FindingStatus.INFO, T(zh="本通知未就该类项目作出衔接安排", en="The notice makes no arrangement for this kind of project"),
                     facts={"green_certificate_project.technology": tech}, cite=choice)

    rule = p("no_double_benefit")
    gen, gec, ccer = g.generation_mwh, g.gec_mwh, g.ccer_mwh
    facts = {"green_certificate_project.generation_mwh": gen, "green_certificate_project.gec_mwh": gec, "green_certificate_project.ccer_mwh": ccer}
    if gec is not None and ccer is not None and (gec == 0 or ccer == 0):
        calc.amount("double_counted_mwh", Decimal(0), T(zh="重复计入绿证和CCER的电量", en="Power counted for both green certificates and CCER"),
                    unit="MWh", formula=f"min({gec}, {ccer}) = 0", facts=facts, cite=rule)
        calc.finding("no_double_benefit", FindingStatus.MET, p.label("no_double_benefit"), facts=facts, cite=rule)
    elif None in (gen, gec, ccer):
        calc.need(*[k for k, v in facts.items() if v is None])
        calc.finding("no_double_benefit", FindingStatus.DUTY, p.label("no_double_benefit"), facts=facts, cite=rule)
    else:
        twice = double_counted(gen, gec, ccer)
        calc.amount("double_counted_mwh", twice, T(zh="重复计入绿证和CCER的电量", en="Power counted for both green certificates and CCER"),
                    unit="MWh", formula=f"max(0, {gec} + {ccer} − {gen})", facts=facts, cite=rule, note=p.reading("no_double_benefit"))
        calc.finding("no_double_benefit", FindingStatus.MET if twice == 0 else FindingStatus.NOT_MET, p.label("no_double_benefit"), facts=facts, cite=rule)

    if g.ccer_project_registered:
        calc.finding("freeze_untraded_certificates", FindingStatus.DUTY, p.label("ccer.freeze_untraded"),
                     detail=T(zh=f"未交易绿证 {g.untraded_certificates if g.untraded_certificates is not None else '—'} 张", en=f"{g.untraded_certificates if g.untraded_certificates is not None else '—'} untraded certificates"),
                     facts={"green_certificate_project.ccer_project_registered": True, "green_certificate_project.untraded_certificates": g.untraded_certificates},
                     cite=p("ccer.freeze_untraded"))
    if g.reductions_verified:
        calc.finding("cancel_matching_certificates", FindingStatus.DUTY, p.label("ccer.cancel_untraded"),
                     facts={"green_certificate_project.reductions_verified": True}, cite=p("ccer.cancel_untraded"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang)
