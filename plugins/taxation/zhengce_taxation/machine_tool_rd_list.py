"""2023年度享受研发费用加计扣除政策的工业母机企业清单 — 工信部联通装函〔2024〕60号.

A checklist of the four conditions of 一 (advanced products — an input, R&D staff
≥ 15%, R&D expense ≥ 5% of sales, advanced-product revenue ≥ 60% of sales and
total income ≥ CNY 30 million) and the application deadline, each unmet one named.
Evaluation: the review timeline (三、四) as dated outputs — the local initial review due
by 15 April, the list queryable after 10 May — with, on the assessment day, whether the
result is already available, and the provisional deduction of 五.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, summary_explanation

POLICY_ID = "taxation.machine_tool_rd_superdeduction_list_2023"
S = "machine_tool_rd_list_2023"
PLACES = Decimal("0.0001")


def _ratio(c: Conditions, id: str, label: Text, num, den, num_path: str, den_path: str, rule, reading) -> None:
    if num is None or den is None or not den:
        c.check(id, label, None, facts={num_path: num, den_path: den}, cite=rule)
        return
    ratio = num / den
    c.check(id, label, ratio >= rule.value, facts={num_path: num, den_path: den}, cite=rule,
            note=T(zh=f"{num} / {den} = {pct(ratio.quantize(PLACES))}", en=f"{num} / {den} = {pct(ratio.quantize(PLACES))}") if reading is None else reading)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    m = case.machine_tool_rd_list_2023
    p = Params(params, ctx.known_at)
    c = Conditions()
    rule = p.criterion("products")
    c.check("advanced_products", T(zh="生产销售先进工业母机产品（标准见公告2023年第44号附件，个案输入）", en="Makes advanced machine-tool products (standard in 公告2023年第44号, an input)"),
            m.makes_advanced_products, facts={f"{S}.makes_advanced_products": m.makes_advanced_products}, cite=rule)
    r = p.criterion("rd_staff_ratio")
    _ratio(c, "rd_staff_ratio", T(zh=f"研发人员月平均人数占比不低于 {pct(r.value)}", en=f"R&D staff at least {pct(r.value)}"),
           m.rd_staff_monthly_avg, m.staff_monthly_avg, f"{S}.rd_staff_monthly_avg", f"{S}.staff_monthly_avg", r, None)
    r = p.criterion("rd_expense_ratio")
    _ratio(c, "rd_expense_ratio", T(zh=f"研发费用占销售（营业）收入不低于 {pct(r.value)}", en=f"R&D expense at least {pct(r.value)} of sales"),
           m.rd_expense_2023, m.sales_revenue_2023, f"{S}.rd_expense_2023", f"{S}.sales_revenue_2023", r, None)
    r = p.criterion("product_revenue_ratio")
    _ratio(c, "product_revenue_ratio", T(zh=f"先进工业母机产品收入占比不低于 {pct(r.value)}", en=f"Advanced-product revenue at least {pct(r.value)} of sales"),
           m.product_revenue_2023, m.sales_revenue_2023, f"{S}.product_revenue_2023", f"{S}.sales_revenue_2023", r, None)
    r = p.criterion("min_total_income")
    c.check("total_income", T(zh=f"企业收入总额不低于 {r.value} 元（含）", en=f"Total income at least CNY {r.value} (inclusive)"),
            None if m.total_income_2023 is None else m.total_income_2023 >= r.value, facts={f"{S}.total_income_2023": m.total_income_2023}, cite=r)
    r = p.criterion("apply_by")
    c.check("applied_by", T(zh=f"于 {r.value} 前（含当日）提交申请", en=f"Applied on or before {r.value}"),
            None if m.applied_on is None else m.applied_on <= r.value, facts={f"{S}.applied_on": m.applied_on}, cite=r, note=p.reading("apply_by"))
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    calc = Calculation()
    review = p.criterion("review.initial_by")
    calc.date("initial_review_due", review.value, T(zh="地方工信主管部门报送初核通过名单截止日（含当日）",
                                                     en="Local MIIT authorities report the initially reviewed list by (inclusive)"),
              formula=f"三：4月15日前 → {review.value} ‖ 三 (“4月15日前”) → {review.value}", cite=review)
    query = p.criterion("review.query_after")
    queryable = query.value + timedelta(days=1)
    calc.date("list_queryable_from", queryable, T(zh="可从信息填报系统查询是否列入清单之日", en="Listing result may be checked from"),
              formula=f"四：{query.value} 后 → {query.value} + 1 日 ‖ 四 (“5月10日后”): {query.value} + 1 day", cite=query)
    due = ctx.as_of >= queryable
    calc.finding("listing_result", FindingStatus.INFO if due else FindingStatus.NOT_YET_DUE,
                 T(zh=f"评估日 {ctx.as_of}：" + ("可查询是否列入清单（最终清单由四部门联审确认）" if due else f"清单结果 {queryable} 起方可查询"),
                   en=f"On {ctx.as_of}: " + ("the listing result may be checked (the final list is confirmed by the four departments)" if due
                                             else f"the listing result can be checked from {queryable}")),
                 cite=query, detail=p.reading("review.query_after"))
    if case.machine_tool_rd_list_2023.disqualified_on is not None:
        _disqualified(case.machine_tool_rd_list_2023.disqualified_on, p, calc)
    calc.finding("provisional", FindingStatus.DUTY, T(zh="列入清单后，下一年度预缴时可先行享受；如未列入2024年度清单，汇算清缴时补缴税款，不加收滞纳金",
                                                      en="Once listed, the deduction may be taken at next year's prepayment; if not on the 2024 list, repay at settlement without late fee"),
                 cite=p.criterion("provisional"))
    return calc.result()


def reapply_from(disqualified_on: date, years: int) -> date:
    """The first day a disqualified firm may apply again: the same calendar day ``years`` later
    (1 March when the day is 29 February and the target year is not a leap year)."""
    try:
        return disqualified_on.replace(year=disqualified_on.year + years)
    except ValueError:
        return date(disqualified_on.year + years, 3, 1)


def _disqualified(day: date, p: Params, calc: Calculation) -> None:
    """六: found not to qualify (false information) — the benefit is cancelled, no new application for three years."""
    bar = p.criterion("revocation.bar_years")
    calc.finding("disqualified", FindingStatus.NOT_MET, T(zh="经复核确不符合条件：取消享受政策资格", en="Found on review not to qualify: the benefit is cancelled"),
                 facts={f"{S}.disqualified_on": day}, cite=bar)
    calc.date("reapply_from", reapply_from(day, bar.value), T(zh=f"{bar.value}年之内不得申请列入清单：可再次申请之日", en=f"No application for the list within {bar.value} years: may apply again from"),
              formula=f"{day} + {bar.value} 年 ‖ {day} + {bar.value} years", facts={f"{S}.disqualified_on": day}, cite=bar)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, {}, extra=T(zh="加计扣除比例见公告2023年第44号（种子未载）；未满足的条件以 ✗ 标出",
                                                                en="The deduction rate is in 公告2023年第44号 (not in the seed); unmet criteria are marked ✗"))
