"""专利权期限补偿收费 — 国家知识产权局公告第五九四号 一.

A patentee asking for term compensation pays a request fee of 200 yuan per patent; once the request
is found to meet the compensation conditions, each patent pays 8,000 yuan for every full year of the
compensation period, and nothing for a part year.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from .common import Lookup, T, explain as _explain, in_force_note

POLICY_ID = "ip.patent_term_compensation_fees"
S = "patent_term_compensation"


def add_years(start: date, years: int) -> date:
    """The same day ``years`` later (29 February falls back to 28 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def full_years(start: date, end: date) -> int:
    """Whole years in the period ``start`` … ``end`` (both included): the n-th year counted from
    ``start`` ends on the day before ``start`` taken n years later (the end of February when that day
    does not exist); what remains after the last whole year is a part year."""
    eve, n = start - timedelta(days=1), 0
    while add_years(eve, n + 1) <= end:
        n += 1
    return n


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.patent_term_compensation
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    in_force_note(p, conds)
    fee = p.rule("fee.compensation_request")
    conds.check("compensation_requested", T("专利权人提出专利权期限补偿请求", "The patentee requests term compensation"),
                sec.requested, facts={f"{S}.requested": sec.requested}, cite=fee.citation)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.patent_term_compensation
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    request, annual = p.rule("fee.compensation_request"), p.rule("fee.compensation_period_annual")
    request_fee = calc.amount("request_fee", p.money(request.value), request.label, cite=request.citation)
    calc.finding("compensation_approved", finding_status(sec.approved),
                 T("期限补偿请求经审查符合期限补偿条件", "The request meets the compensation conditions on examination"),
                 facts={f"{S}.approved": sec.approved}, cite=annual.citation)
    if sec.approved is None:
        calc.need(f"{S}.approved")
        return calc.result()
    annual_fees = Decimal(0)
    if sec.approved:
        start, end = sec.compensation_starts_on, sec.compensation_ends_on
        if start is None or end is None:
            calc.need(*(f"{S}.{k}" for k, v in (("compensation_starts_on", start), ("compensation_ends_on", end)) if v is None))
            return calc.result()
        years = full_years(start, end) if end >= start else 0
        calc.amount("full_years", Decimal(years), T("补偿期内的整年数（不足一年部分不收取）", "Whole years of the compensation period (a part year is free)"),
                    unit="count", facts={f"{S}.compensation_starts_on": start, f"{S}.compensation_ends_on": end},
                    cite=annual.citation, note=annual.reading)
        annual_fees = calc.amount("compensation_annual_fees", p.money(annual.value * years), annual.label,
                                  formula=f"{annual.value} × {years}", cite=annual.citation)
    calc.amount("total_fees", request_fee + annual_fees, T("应缴费用合计", "Total fees due"),
                formula=f"{request_fee} + {annual_fees}", cite=annual.citation)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang)
