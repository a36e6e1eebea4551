"""科技型企业不良贷款容忍度 — 金发〔2024〕2号 二（五）.

For a bank's loans to small and micro technology firms, the NPL ratio it may tolerate is its overall
NPL ratio plus at most 3 percentage points; the case's ratio is checked against that ceiling.  For
medium and large technology firms the notice only encourages a higher tolerance, with no figure.
Every number comes from ``parameters/tech_npl_tolerance.yaml``.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct
from ._common import explain as _explain

POLICY_ID = "finance.tech_npl_tolerance"
S = "tech_lending_npl"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    n = case.tech_lending_npl
    p = Params(params, None, ctx.known_at)
    conds = Conditions()
    conds.check("firm_size", T(zh="科技型企业贷款的企业规模已知", en="The size class of the technology firms is known"),
                None if n.firm_size is None else True, facts={f"{S}.firm_size": n.firm_size}, cite=p("npl.small_micro_margin"))
    return conds.result()


def tolerance(overall, margin):
    """The NPL ratio tolerated for small and micro tech firms: the overall ratio plus the margin, at most 1."""
    return min(overall + margin, type(overall)(1))


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    n = case.tech_lending_npl
    p = Params(params, None, ctx.known_at)
    calc = Calculation()
    if n.firm_size.value != "small_micro":
        calc.finding("larger_firms", FindingStatus.INFO,
                     T(zh="大、中型科技型企业：鼓励适当提高不良贷款容忍度，文件未定数值", en="Medium and large tech firms: a higher tolerance is encouraged; the notice sets no figure"),
                     facts={f"{S}.firm_size": n.firm_size}, cite=p("npl.larger_firms"))
        return calc.result()
    margin = p("npl.small_micro_margin")
    if n.overall_npl_ratio is None:
        calc.need(f"{S}.overall_npl_ratio")
        return calc.result()
    ceiling = calc.amount("tolerated_npl_ratio", tolerance(n.overall_npl_ratio, margin.value),
                          T(zh="小微型科技企业可容忍的不良贷款率上限", en="Highest NPL ratio tolerated for small and micro tech firms"),
                          unit="ratio", formula=f"{n.overall_npl_ratio} + {margin.value}",
                          facts={f"{S}.overall_npl_ratio": n.overall_npl_ratio}, cite=margin, note=p.reading("npl.small_micro_margin"))
    r = n.tech_npl_ratio
    if r is None:
        calc.need(f"{S}.tech_npl_ratio")
        calc.finding("within_tolerance", FindingStatus.UNKNOWN, T(zh="小微型科技企业贷款不良率未知", en="The small and micro tech-firm NPL ratio is unknown"), cite=margin)
        return calc.result()
    calc.finding("within_tolerance", FindingStatus.MET if r <= ceiling else FindingStatus.NOT_MET,
                 T(zh=f"小微型科技企业贷款不良率 {pct(r)} 不超过容忍上限 {pct(ceiling)}" if r <= ceiling else
                   f"小微型科技企业贷款不良率 {pct(r)} 超过容忍上限 {pct(ceiling)}",
                   en=f"Small and micro tech-firm NPL ratio {pct(r)} within the tolerance of {pct(ceiling)}" if r <= ceiling else
                   f"Small and micro tech-firm NPL ratio {pct(r)} above the tolerance of {pct(ceiling)}"),
                 facts={f"{S}.tech_npl_ratio": r}, cite=margin,
                 detail=T(zh="“可”：容忍度是对银行的许可，不是义务", en="\"可\": the tolerance is a permission to the bank, not a duty"))
    return calc.result()


HEADLINE = {"tolerated_npl_ratio": ("可容忍不良率上限", "tolerated NPL ratio")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, HEADLINE)
