"""产品碳足迹标识认证试点 — 国市监认证发〔2024〕85号.

A province's application: at most 2 products, filed by 2024-09-30, in a region
covering at least 85% of the industrial chain with at least 70 supporting
enterprises; products checked against the (open) priority list.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.carbon_footprint_label_pilot"
PATH = "carbon_footprint_pilot_application"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    a = case.carbon_footprint_pilot_application
    conds = Conditions()
    deadline = p("application.deadline")
    conds.check("submitted_in_time", T(zh=f"申报材料于 {deadline.value} 前（含当日）报送", en=f"Application filed on or before {deadline.value}"),
                None if a.submitted_on is None else a.submitted_on <= deadline.value,
                facts={f"{PATH}.submitted_on": a.submitted_on}, cite=deadline, note=p.reading("application.deadline"))
    max_n = p("application.max_products")
    n = None if a.products is None else len(a.products)
    conds.check("at_most_two_products", T(zh=f"申报试点产品不超过 {max_n.value} 个", en=f"At most {max_n.value} pilot products"),
                None if n is None else n <= max_n.value, facts={f"{PATH}.products": None if a.products is None else "、".join(a.products)},
                cite=max_n)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    a = case.carbon_footprint_pilot_application
    calc = Calculation()
    cov, firms = p("region.min_chain_coverage_pct"), p("region.min_supporting_enterprises")
    calc.finding("chain_coverage", common.tri(None if a.chain_coverage_pct is None else a.chain_coverage_pct >= cov.value),
                 T(zh=f"区域内或省内覆盖全产业链的 {cov.value}% 以上", en=f"At least {cov.value}% of the industrial chain covered in the region or province"),
                 detail=p.reading("region.min_chain_coverage_pct"), facts={f"{PATH}.chain_coverage_pct": a.chain_coverage_pct}, cite=cov)
    calc.finding("supporting_enterprises", common.tri(None if a.supporting_enterprises is None else a.supporting_enterprises >= firms.value),
                 T(zh=f"配套企业合计 {firms.value} 家以上", en=f"At least {firms.value} supporting enterprises"),
                 detail=p.reading("region.min_supporting_enterprises"), facts={f"{PATH}.supporting_enterprises": a.supporting_enterprises}, cite=firms)
    priority = p("products.priority")
    for i, product in enumerate(a.products or ()):
        listed = product in priority.value
        calc.finding(f"product_{i + 1}_priority", FindingStatus.INFO,
                     T(zh=f"“{product}”：{'属' if listed else '不属'}优先聚焦的试点产品", en=f"“{product}”: {'a' if listed else 'not a'} priority pilot product"),
                     detail=p.reading("products.priority"), facts={f"{PATH}.products[{i}]": product}, cite=priority)
    years = p("pilot.years")
    calc.info("pilot_period", T(zh=f"试点期限 {years.value} 年", en=f"The pilot runs {years.value} years"), value=years.value, cite=years)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="试点条件中的产业规模、质量认证基础等定性条件不在本引擎判断范围内",
        en="The qualitative conditions (industry standing, certification basis) are outside the engine"))
