"""阶段性降低失业保险费率 — 人社部发〔2024〕40号 一.

The total unemployment-insurance rate stays reduced to 1 % for the year the notice continues it
(read as 2025-01-01 … 2025-12-31).  Given the month's contribution base, the contribution at that
rate; given the rate actually charged, whether it is above the reduced rate and by how much.
The split of the 1 % between employer and staff is local and not computed.
"""

from __future__ import annotations


from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, explain as _explain, pct

POLICY_ID = "employment.ui_contribution_rate"
PARAMETERS = load_parameters("zhengce_employment", "parameters/ui_contribution_rate.yaml")
S = "ui_contribution"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.ui_contribution
    p = Lookup(params, sec.period, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    rule = p.criterion("rate.total")
    covered = None if sec.period is None else p("rate.total") is not None
    conds.check("in_period", T(f"缴费所属月份在本通知延续的执行期内（{rule.valid_from} 至 {rule.valid_until}）",
                               f"The contribution month lies in the year this notice continues the rate ({rule.valid_from} to {rule.valid_until})"),
                covered, facts={f"{S}.period": sec.period}, cite=rule, note=p.reading("rate.total"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.ui_contribution
    p = Lookup(params, sec.period, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    rule = p("rate.total")
    rate = calc.amount("rate", rule.value, T("失业保险总费率", "Total unemployment-insurance rate"), unit="ratio", cite=rule)
    if sec.wage_base is not None:
        calc.amount("contribution", p.money(sec.wage_base * rate), T("按降低后费率计算的当月失业保险费", "The month's contribution at the reduced rate"),
                    formula=f"{sec.wage_base} × {rate}", facts={f"{S}.wage_base": sec.wage_base}, cite=rule)
    if sec.rate_charged is not None:
        above = sec.rate_charged > rate
        calc.finding("rate_not_above_reduced", FindingStatus.NOT_MET if above else FindingStatus.MET,
                     T(f"实际征收费率不高于 {pct(rate)}", f"The rate charged is not above {pct(rate)}"),
                     facts={f"{S}.rate_charged": sec.rate_charged}, cite=rule)
        if above and sec.wage_base is not None:
            calc.amount("overcharge", p.money(sec.wage_base * (sec.rate_charged - rate)),
                        T("超过降低后费率多征的金额", "Amount charged above the reduced rate"),
                        formula=f"{sec.wage_base} × ({sec.rate_charged} − {rate})",
                        facts={f"{S}.wage_base": sec.wage_base, f"{S}.rate_charged": sec.rate_charged}, cite=rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, note=T("单位与职工之间的分担比例由各地确定，本引擎不作计算",
                                                "The split between employer and staff is set locally and not computed"))
