"""失业保险稳岗返还 — 人社部发〔2024〕40号 二、五.

Applicability (二): an insured enterprise, or a unit to which the refund applies by analogy, that
paid unemployment insurance in full for 12 months or more; laid off nobody last year, or at a rate
not above last year's national urban surveyed-unemployment target (an input), or — with 30 insured
staff or fewer — not above 20 %; in a province whose fund reserve covers a year or more (an input);
decided in 2024.  Evaluation: the refund cap, 30 % (large) or 60 % (small, medium, micro) of last
year's contributions of the unit and its staff (the size class is an input); the refund at the
province's ratio when given; and the delivery channel of 第五条 (免申即享, or the dispatch agency's
own application; the account of a small or micro firm without a corporate account).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zhengce.contracts import Applicability, Case, EnterpriseSize, Evaluation, Explanation, FindingStatus, PolicyResult, Text

from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, explain as _explain, pct

POLICY_ID = "employment.ui_job_retention_refund"
PARAMETERS = load_parameters("zhengce_employment", "parameters/job_retention_refund.yaml")
S = "job_retention_refund"
SMALL_OR_MICRO = (EnterpriseSize.SMALL, EnterpriseSize.MICRO)


def layoff_rate(laid_off: int, staff: int) -> Decimal:
    """The layoff rate shown in the trace (four places); comparisons use the exact fraction."""
    return (Decimal(laid_off) / Decimal(staff)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def layoff_test(sec, p: Lookup) -> tuple[bool | None, object, list[str]]:
    """(met?, the rule cited, the facts missing) of the layoff condition."""
    general, small_staff, small_rate = p.value("layoff.rule"), p.value("layoff.small_unit_staff"), p.value("layoff.small_unit_rate")
    laid, staff, target = sec.laid_off_last_year, sec.insured_staff, sec.national_unemployment_target
    if laid is None:
        return None, general, [f"{S}.laid_off_last_year"]
    if laid == 0:
        return True, general, []
    if staff is None:
        return None, general, [f"{S}.insured_staff"]
    if staff <= small_staff.value and laid <= small_rate.value * staff:
        return True, small_rate, []
    if target is None:
        return None, general, [f"{S}.national_unemployment_target"]
    return laid <= target * staff, general, []


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.job_retention_refund
    p = Lookup(params, sec.decided_on, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    period = p.criterion("period")
    conds.check("in_period", T(f"返还决定之日在执行期内（{period.valid_from} 至 {period.value}，含当日）",
                               f"The refund is decided within the period ({period.valid_from} to {period.value}, inclusive)"),
                None if sec.decided_on is None else p("period") is not None,
                facts={f"{S}.decided_on": sec.decided_on}, cite=period, note=p.reading("period"))
    kinds = p.value("eligible.kinds")
    kind = sec.employer_kind
    conds.check("insured_unit", T("参保企业，或参照实施的社会团体、基金会、社会服务机构、律师事务所、会计师事务所、以单位形式参保的个体工商户",
                                  "An insured enterprise, or a social organisation, foundation, social-service agency, law firm, accounting firm or individual business insured as a unit (by analogy)"),
                None if kind is None else kind.value in kinds.value, facts={f"{S}.employer_kind": kind}, cite=kinds)
    months = p.value("eligible.full_months")
    got = sec.full_contribution_months
    conds.check("full_contributions", T(f"足额缴纳失业保险费 {months.value} 个月以上（含 {months.value} 个月）",
                                        f"Unemployment insurance paid in full for {months.value} months or more"),
                None if got is None else got >= months.value, facts={f"{S}.full_contribution_months": got}, cite=months,
                note=p.reading("eligible.full_months"))
    met, rule, missing = layoff_test(sec, p)
    small_staff, small_rate = p.value("layoff.small_unit_staff").value, p.value("layoff.small_unit_rate").value
    facts = {f"{S}.laid_off_last_year": sec.laid_off_last_year, f"{S}.insured_staff": sec.insured_staff,
             f"{S}.national_unemployment_target": sec.national_unemployment_target}
    note = None
    if sec.laid_off_last_year and sec.insured_staff:
        rate = layoff_rate(sec.laid_off_last_year, sec.insured_staff)
        note = T(f"裁员率 {sec.laid_off_last_year} ÷ {sec.insured_staff} = {pct(rate)}；全国城镇调查失业率控制目标为输入事实",
                 f"Layoff rate {sec.laid_off_last_year} / {sec.insured_staff} = {pct(rate)}; the national target is an input")
    conds.check("layoffs", T(f"上年度未裁员，或裁员率不高于全国城镇调查失业率控制目标；{small_staff} 人（含）以下的不高于 {pct(small_rate)}",
                             f"No layoffs last year, or a layoff rate not above the national urban surveyed-unemployment target; with {small_staff} insured staff or fewer, not above {pct(small_rate)}"),
                met, facts=facts, missing=missing, cite=rule, note=note)
    reserve = p.value("province.reserve_years")
    years = sec.province_reserve_years
    conds.check("province_reserve", T(f"所在省份上年度失业保险基金滚存结余备付期限在 {reserve.value} 年以上（含）",
                                      f"The province's carried-over fund balance covers {reserve.value} year of spending or more"),
                None if years is None else years >= reserve.value, facts={f"{S}.province_reserve_years": years}, cite=reserve,
                note=p.reading("province.reserve_years"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.job_retention_refund
    p = Lookup(params, sec.decided_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    size, paid = sec.size_class, sec.contributions_last_year
    cap = None
    if size is None:
        calc.need(f"{S}.size_class")
        calc.info("ratio", p.params["ratio.sme"].label, facts={f"{S}.size_class": None}, cite=p.value("ratio.sme"),
                  note=p.reading("ratio.sme"))
    else:
        rule = p.value("ratio.large" if size is EnterpriseSize.LARGE else "ratio.sme")
        cap = calc.amount("return_ratio_cap", rule.value, T("返还比例上限", "Return ratio cap"), unit="ratio",
                          facts={f"{S}.size_class": size}, cite=rule)
    if paid is None:
        calc.need(f"{S}.contributions_last_year")
    elif cap is not None:
        rule = p.value("ratio.large" if size is EnterpriseSize.LARGE else "ratio.sme")
        top = calc.amount("refund_cap", p.money(paid * cap), T("稳岗返还上限", "Refund cap"), formula=f"{paid} × {cap}",
                          facts={f"{S}.contributions_last_year": paid, f"{S}.size_class": size}, cite=rule)
        local = sec.local_return_rate
        if local is not None:
            within = local <= cap
            calc.finding("local_rate_within_cap", FindingStatus.MET if within else FindingStatus.NOT_MET,
                         T(f"本省返还比例不超过 {pct(cap)}", f"The province's return ratio is not above {pct(cap)}"),
                         facts={f"{S}.local_return_rate": local}, cite=rule)
            calc.amount("refund", min(top, p.money(paid * local)), T("按本省比例计算的稳岗返还", "Refund at the province's ratio"),
                        formula=f"min({paid} × {local}, {top})", facts={f"{S}.local_return_rate": local}, cite=rule)
    if sec.labour_dispatch_agency:
        calc.finding("delivery", FindingStatus.DUTY, T("发放方式：劳务派遣单位主动申请", "Delivery: the labour-dispatch agency applies itself"),
                     detail=p.params["delivery.dispatch_agency"].label,
                     facts={f"{S}.labour_dispatch_agency": True}, cite=p.value("delivery.dispatch_agency"))
    else:
        calc.finding("delivery", FindingStatus.INFO, T("发放方式：免申即享", "Delivery: paid without application"),
                     detail=p.params["delivery.no_application"].label,
                     facts={f"{S}.labour_dispatch_agency": sec.labour_dispatch_agency}, cite=p.value("delivery.no_application"))
    if sec.has_corporate_account is False and size in SMALL_OR_MICRO:
        calc.finding("payment_account", FindingStatus.INFO, T("返还至其缴纳社会保险费的账户", "Paid into its social-insurance payment account"),
                     detail=p.params["delivery.no_corporate_account"].label,
                     facts={f"{S}.has_corporate_account": False, f"{S}.size_class": size}, cite=p.value("delivery.no_corporate_account"))
    calc.info("uses", p.params["uses"].label, cite=p.value("uses"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, names={"refund_cap": ("稳岗返还上限", "refund cap"), "refund": ("按本省比例返还", "refund at the province's ratio")},
                    note=T("全国城镇调查失业率控制目标、企业规模和省份基金备付期限为输入事实", "The national unemployment target, the size class and the province's reserve are inputs"))
