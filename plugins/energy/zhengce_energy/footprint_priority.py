"""产品碳足迹核算规则的重点产品 — 国办发〔2024〕39号 七（十三）.

Whether each product of the case is among the eighteen for which carbon-footprint accounting standards are
made first.  The list is open ("等"): a product not named is reported as not named, never as excluded.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.footprint_priority_products"
PATH = "carbon_footprint_products"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    products = case.carbon_footprint_products.products
    conds = Conditions()
    conds.check("products_given", T(zh="给出了至少一种产品", en="At least one product is given"),
                True if products else None, missing=[f"{PATH}.products"], cite=p("priority_products"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    rule = p("priority_products")
    calc = Calculation()
    for i, product in enumerate(case.carbon_footprint_products.products):
        named = product in rule.value
        calc.finding(f"product_{i + 1}", FindingStatus.INFO,
                     T(zh=f"“{product}”：{'属' if named else '不属'}文件点名优先制定碳足迹核算标准的重点产品",
                       en=f"“{product}”: {'one' if named else 'not one'} of the named priority products for carbon-footprint accounting standards"),
                     facts={f"{PATH}.products[{i}]": product}, cite=rule, detail=p.reading("priority_products"))
    calc.amount("named_priority_products", Decimal(sum(1 for x in case.carbon_footprint_products.products if x in rule.value)),
                T(zh="属点名重点产品的数量", en="Products among the named priorities"), unit="count",
                formula="点名产品个数 ‖ number of named products", cite=rule)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang)
