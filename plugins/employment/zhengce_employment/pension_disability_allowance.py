"""病残津贴 — 人社部发〔2024〕72号《企业职工基本养老保险病残津贴暂行办法》.

Applicability (第二条、第十条、第十四条): an insured member of the enterprise employees' basic pension
scheme who, before the statutory retirement day (an input), is appraised fully incapacitated by
illness or a non-work injury by a prefecture-level or higher body, and applies from 2025-01-01
within the conclusion's one-year validity; not one already receiving a sickness-retirement or
resignation benefit; a new appraisal no sooner than a year after a refusal.

Evaluation (第三–五条、第八条、第十一条、第十二条): the regime — the retirees' basic-pension formula
(minimum years met, 5 years or less to retirement; retirement then without recomputation), the
basic-component formula recomputed 5 years before retirement (minimum met, more than 5 years), or
the basic-component formula for a limited number of months (minimum not met: 12, plus 3 per year
beyond 5, a part-year counting as a year) — the payment start (the month after the application),
the stop and suspension dates, the publicity and place findings.  The minimum contribution years
and the monthly amount of the local formula are inputs.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.rules import Calculation, Conditions, Lookup, finding_status

from ._common import T, add_months, add_years, day_before, explain as _explain, first_of_next_month
from .facts import IncapacityCause

POLICY_ID = "employment.pension_disability_allowance"
PARAMETERS = load_parameters("zhengce_employment", "parameters/pension_disability_allowance.yaml")
S = "disability_allowance"


def appraisal_valid_until(sec, p: Lookup):
    return add_years(sec.appraisal_on, p.value("appraisal.valid_years").value)


def earliest_new_appraisal(previous, p: Lookup):
    """The first day a new appraisal may be concluded after a refusal (the day after the year ends)."""
    return add_years(previous, p.value("appraisal.retry_years").value) + timedelta(days=1)


def limited_months(years: Decimal, p: Lookup) -> tuple[int, str]:
    """Months paid when the minimum is not met, and the formula shown."""
    base, from_years, extra = (p.value(n).value for n in ("duration.base_months", "duration.base_years", "duration.extra_months"))
    if years < from_years:
        return base, f"{years} < {from_years} → {base}"
    beyond = int((years - from_years).to_integral_value(rounding=ROUND_CEILING))
    return base + extra * beyond, f"{base} + {extra} × ⌈{years} − {from_years}⌉ = {base} + {extra} × {beyond}"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.disability_allowance
    p = Lookup(params, sec.applied_on, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    eff = p.value("effective")
    conds.check("applied_from_effective", T(f"申请之日在本办法实施之日（{eff.value}）以后（含当日）", f"Applied on or after the Measures take effect ({eff.value})"),
                None if sec.applied_on is None else sec.applied_on >= eff.value, facts={f"{S}.applied_on": sec.applied_on},
                cite=eff, note=p.reading("effective"))
    old = sec.already_receiving_old_benefit
    conds.check("no_old_benefit", T("未在本办法实施前领取病退、退职待遇", "Not already receiving a sickness-retirement or resignation benefit from before the Measures"),
                None if old is None else not old, facts={f"{S}.already_receiving_old_benefit": old}, cite=p.value("transition"))
    elig = p.value("eligibility")
    conds.check("insured", T("企业职工基本养老保险参保人员", "Insured in the enterprise employees' basic pension scheme"),
                sec.insured_in_enterprise_scheme, facts={f"{S}.insured_in_enterprise_scheme": sec.insured_in_enterprise_scheme}, cite=elig)
    cause = sec.cause
    conds.check("cause", T("因病或者非因工致残", "Caused by illness or a non-work injury"),
                None if cause is None else cause in (IncapacityCause.ILLNESS, IncapacityCause.NON_WORK_INJURY),
                facts={f"{S}.cause": cause}, cite=elig)
    body = p.value("appraisal.body")
    full, level = sec.fully_incapacitated, sec.appraisal_body_prefecture_or_above
    met = False if full is False or level is False else (None if full is None or level is None else True)
    conds.check("appraised", T("地级以上劳动能力鉴定机构鉴定为完全丧失劳动能力", "Appraised fully incapacitated by a prefecture-level or higher body"),
                met, facts={f"{S}.fully_incapacitated": full, f"{S}.appraisal_body_prefecture_or_above": level}, cite=body)
    valid = p.value("appraisal.valid_years")
    if sec.appraisal_on is None or sec.applied_on is None:
        met = None
    else:
        met = sec.appraisal_on <= sec.applied_on <= appraisal_valid_until(sec, p)
    conds.check("appraisal_valid", T("申请时鉴定结论在一年有效期内", "The conclusion is within its one-year validity when applying"),
                met, facts={f"{S}.appraisal_on": sec.appraisal_on, f"{S}.applied_on": sec.applied_on}, cite=valid,
                note=p.reading("appraisal.valid_years"))
    retire = sec.statutory_retirement_on
    conds.check("before_retirement", T("申请时尚未达到法定退休年龄（法定退休日为输入事实）", "Applied before the statutory retirement age (the day is an input)"),
                None if retire is None or sec.applied_on is None else sec.applied_on < retire,
                facts={f"{S}.applied_on": sec.applied_on, f"{S}.statutory_retirement_on": retire}, cite=elig, note=p.reading("eligibility"))
    if sec.previous_refusal_on is not None:
        retry = p.value("appraisal.retry_years")
        earliest = earliest_new_appraisal(sec.previous_refusal_on, p)
        conds.check("retry_wait", T(f"上次鉴定不符合的，本次鉴定不早于 {earliest}", f"After a refusal, the new appraisal is not before {earliest}"),
                    None if sec.appraisal_on is None else sec.appraisal_on >= earliest,
                    facts={f"{S}.previous_refusal_on": sec.previous_refusal_on, f"{S}.appraisal_on": sec.appraisal_on},
                    cite=retry, note=p.reading("appraisal.retry_years"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.disability_allowance
    p = Lookup(params, sec.applied_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    start = calc.date("payment_start", first_of_next_month(sec.applied_on), T("病残津贴起发日（申请次月）", "Payments start (the month after the application)"),
                      facts={f"{S}.applied_on": sec.applied_on}, cite=p.value("payment.start"))
    calc.date("appraisal_valid_until", appraisal_valid_until(sec, p), T("鉴定结论有效期届满日", "The appraisal conclusion is valid until"),
              facts={f"{S}.appraisal_on": sec.appraisal_on}, cite=p.value("appraisal.valid_years"))
    years, minimum, retire = sec.contribution_years, sec.minimum_contribution_years, sec.statutory_retirement_on
    months, regime = None, "regime.short"
    if years is None or minimum is None:
        calc.need(*[f"{S}.{n}" for n, v in (("contribution_years", years), ("minimum_contribution_years", minimum)) if v is None])
        calc.finding("regime", FindingStatus.UNKNOWN, T("计发办法：缺少缴费年限", "Regime: contribution years missing"),
                     facts={f"{S}.contribution_years": years, f"{S}.minimum_contribution_years": minimum}, cite=p.value("regime.short"))
    elif years < minimum:
        rule = p.value("regime.short")
        calc.finding("regime", FindingStatus.INFO, T("计发办法：基础养老金计发办法，限期支付", "Regime: basic-component formula, for a limited number of months"),
                     detail=p.params["regime.short"].label,
                     facts={f"{S}.contribution_years": years, f"{S}.minimum_contribution_years": minimum}, cite=rule)
        months, formula = limited_months(years, p)
        calc.amount("months", Decimal(months), T("支付月数", "Months paid"), formula=formula, unit="count",
                    facts={f"{S}.contribution_years": years}, cite=p.value("duration.extra_months" if years >= p.value("duration.base_years").value else "duration.base_months"))
        calc.date("payment_end", day_before(add_months(start, months)), T("限期支付的最后一日", "Last day of the limited payments"),
                  formula=f"{start} + {months} months − 1 day", cite=p.value("duration.base_months"))
    elif retire is None:
        calc.need(f"{S}.statutory_retirement_on")
        calc.finding("regime", FindingStatus.UNKNOWN, T("计发办法：缺少法定退休日", "Regime: statutory retirement day missing"),
                     facts={f"{S}.statutory_retirement_on": None}, cite=p.value("regime.near_years"))
    else:
        near_years = p.value("regime.near_years")
        threshold = add_years(retire, -near_years.value)
        facts = {f"{S}.applied_on": sec.applied_on, f"{S}.statutory_retirement_on": retire, f"{S}.contribution_years": years,
                 f"{S}.minimum_contribution_years": minimum}
        regime = "regime.near" if sec.applied_on >= threshold else "regime.far"
        if regime == "regime.near":
            calc.finding("regime", FindingStatus.INFO, T("计发办法：退休人员基本养老金计发办法", "Regime: the retirees' basic-pension formula"),
                         detail=p.params["regime.near"].label, facts=facts, cite=p.value("regime.near"))
        else:
            calc.finding("regime", FindingStatus.INFO, T("计发办法：基础养老金计发办法，距法定退休5年时重新核算", "Regime: basic-component formula, recomputed 5 years before retirement"),
                         detail=p.params["regime.far"].label, facts=facts, cite=p.value("regime.far"))
            calc.date("recompute_on", threshold, T("重新核算之日（距法定退休年龄5年）", "Recomputed on (5 years before retirement)"),
                      formula=f"{retire} − {near_years.value} years", cite=p.value("regime.recompute"))
        calc.date("retirement_on", retire, T("办理退休手续之日（基本养老金不再重新计算）", "Retires on (the pension is not recomputed)"),
                  facts={f"{S}.statutory_retirement_on": retire}, cite=p.value("regime.retirement"))
        if sec.meets_flexible_early_retirement:
            calc.finding("flexible_early_retirement", FindingStatus.INFO, T("可申请弹性提前退休", "May apply for flexible early retirement"),
                         facts={f"{S}.meets_flexible_early_retirement": True}, cite=p.value("regime.flexible_early"))
    if sec.monthly_amount is not None:
        calc.amount("monthly_allowance", p.money(sec.monthly_amount), T("病残津贴月标准（按当地计发办法，输入事实）", "Monthly allowance (by the local formula, an input)"),
                    facts={f"{S}.monthly_amount": sec.monthly_amount}, cite=p.value(regime))
        if months is not None:
            calc.amount("total_allowance", p.money(sec.monthly_amount * months), T("限期支付总额", "Total of the limited payments"),
                        formula=f"{sec.monthly_amount} × {months}", cite=p.value("duration.base_months"))
    calc.finding("no_contributions", FindingStatus.INFO, p.params["contributions.none"].label, cite=p.value("contributions.none"))
    if sec.resumed_contributions_on is not None:
        calc.date("stop_on_resumed_contributions", first_of_next_month(sec.resumed_contributions_on),
                  T("恢复缴费后停发之日（恢复缴费次月）", "Stopped from (the month after contributions resume)"),
                  facts={f"{S}.resumed_contributions_on": sec.resumed_contributions_on}, cite=p.value("contributions.resumed"))
    if sec.review_not_met_on is not None:
        calc.date("stop_after_review", first_of_next_month(sec.review_not_met_on), T("复查鉴定不符合后停发之日（结论次月）", "Stopped after the review from (the month after its conclusion)"),
                  facts={f"{S}.review_not_met_on": sec.review_not_met_on}, cite=p.value("review.stop"))
    if sec.review_notice_on is not None and sec.review_missed_without_reason:
        days = p.value("review.suspend_days")
        calc.date("suspended_from", sec.review_notice_on + timedelta(days=days.value + 1), T("无正当理由未复查的暂停发放之日", "Suspended from (review missed without good reason)"),
                  formula=f"{sec.review_notice_on} + {days.value} + 1 days", facts={f"{S}.review_notice_on": sec.review_notice_on,
                  f"{S}.review_missed_without_reason": True}, cite=days)
        calc.info("restore", p.params["review.restore"].label, cite=p.value("review.restore"))
    pub = p.value("publicity.working_days")
    wd = sec.publicity_working_days
    calc.finding("publicity", FindingStatus.DUTY if wd is None else finding_status(wd >= pub.value),
                 T(f"正式审核决定前公示不少于 {pub.value} 个工作日", f"Publicity of at least {pub.value} working days before the formal decision"),
                 facts={f"{S}.publicity_working_days": wd}, cite=pub)
    place = sec.applied_at_benefit_place
    calc.finding("benefit_place", FindingStatus.DUTY if place is None else finding_status(place), p.params["place"].label,
                 facts={f"{S}.applied_at_benefit_place": place}, cite=p.value("place"))
    calc.info("survivors", p.params["survivors"].label, cite=p.value("survivors"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, lead=("regime",),
                    note=T("法定退休日、最低缴费年限和当地计发办法的金额为输入事实", "The statutory retirement day, the minimum contribution years and the local formula's amount are inputs"))
