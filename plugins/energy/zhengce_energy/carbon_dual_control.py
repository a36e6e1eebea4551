"""碳排放双控制度 — 国办发〔2024〕39号 (加快构建碳排放双控制度体系工作方案).

For a day and whether emissions have peaked: which dual-control regime governs,
which indicator is binding, how carbon budgets are set, and the peak target as an
indicator check (not yet due until the end of 2030).
"""

from __future__ import annotations

from datetime import date

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.carbon_dual_control_regime"
PATH = "carbon_dual_control_status"
PRE_15 = "transition_to_carbon_dual_control"


def regime(day: date, peak_reached: bool | None, p: Params) -> str | None:
    """The regime in force on ``day`` (None: cannot tell — after 2030 without knowing whether the peak came)."""
    if peak_reached:
        return p("regime.after_peak").value
    if day < p("period15.from").value:
        return PRE_15
    if day <= p("period15.until").value:
        return p("regime.period15").value
    return None if peak_reached is None else p("regime.period15").value


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    conds = Conditions()
    conds.info("dual_control_plan", T(zh="碳排放双控制度体系工作方案", en="Carbon dual-control work plan"),
               cite=Params(params, ctx.known_at)("regime.period15"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    s = case.carbon_dual_control_status
    day = s.assessed_on or ctx.as_of
    calc = Calculation()
    facts = {f"{PATH}.assessed_on": day, f"{PATH}.peak_reached": s.peak_reached}
    r = regime(day, s.peak_reached, p)
    start15, until15 = p("period15.from"), p("period15.until")
    labels = {
        p("regime.period15").value: (p.label("regime.period15"), p("regime.period15")),
        p("regime.after_peak").value: (p.label("regime.after_peak"), p("regime.after_peak")),
        PRE_15: (T(zh="“十五五”前：为在全国范围实施碳排放双控奠定基础", en="Before the 15th FYP: groundwork for nationwide carbon dual control"), start15),
    }
    if r is None:
        calc.need(f"{PATH}.peak_reached")
        calc.finding("regime", FindingStatus.UNKNOWN, T(zh="碳达峰与否决定双控制度", en="Whether emissions have peaked decides the regime"),
                     facts=facts, cite=p("regime.after_peak"))
    else:
        label, cite = labels[r]
        calc.finding("regime", FindingStatus.INFO, label, detail=p.reading("period15.from"), facts=facts, cite=cite)
    if start15.value <= day <= until15.value:
        binding = p("binding.period15")
        calc.finding("binding_indicator", FindingStatus.INFO, p.label("binding.period15"), facts=facts, cite=binding)
    trial = p("budget.trial_by")
    if day <= trial.value:
        calc.finding("carbon_budget", FindingStatus.DUTY, p.label("budget.trial_by"), detail=p.reading("budget.trial_by"), facts=facts, cite=trial)
    elif day <= until15.value:
        calc.finding("carbon_budget", FindingStatus.INFO, p.label("budget.period15"), facts=facts, cite=p("budget.period15"))
    else:
        calc.finding("carbon_budget", FindingStatus.INFO, p.label("budget.period16"), facts=facts, cite=p("budget.period16"))
    peak = p("peak.by")
    if s.peak_reached:
        status = FindingStatus.MET
    elif day <= peak.value:
        status = FindingStatus.NOT_YET_DUE
    else:
        status = FindingStatus.UNKNOWN if s.peak_reached is None else FindingStatus.NOT_MET
    calc.finding("carbon_peak", status, p.label("peak.by"), detail=p.reading("peak.by"), facts=facts, cite=peak)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, headline=("regime",))
