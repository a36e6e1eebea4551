"""经营者的信息、价格、自动续费、营销与个人信息义务 — 国令第778号 第七条、第九–十一条、第二十三–二十四条.

Each duty the case's facts bear on becomes a finding (met, breached, unknown); auto-renewal adds
the latest day for the renewal reminder.  A breach of 第十条、第十一条 is fined under 第五十条第一款,
of 第七条、第九条、第二十三条、第二十四条 under 消费者权益保护法第五十六条 (第五十条第三款).
"""

from __future__ import annotations

from datetime import timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from . import common
from .common import Params, T, flag
from .facts import ConsumerPractices

POLICY_ID = "consumer.disclosure_pricing_and_data"
PATH = "consumer_practices"

#: (finding id, parameter, field, the value that meets the duty) — duties read from one flag.
PLAIN = (
    ("no_fabrication", "a9.no_fabrication", "fabricated_reviews_or_data", False),
    ("no_covert_price", "a9.no_covert_price", "covert_different_prices", False),
    ("price_marking", "a10.price_marking", "prices_clearly_marked", True),
    ("no_forcing", "a11.no_forcing", "forced_purchase", False),
    ("no_excess_data", "a23.no_excess", "excessive_data_collection", False),
    ("no_blanket_consent", "a23.no_blanket_consent", "blanket_or_default_consent", False),
)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.info("operator", T(zh="经营者向消费者提供商品或者服务", en="An operator supplies consumers"), cite=p("a10.price_marking"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.consumer_practices
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if s.free_item_has_flaw:
        flag(calc, p, "free_item_flaw_disclosed", "a7.free_item_flaw", s.free_item_flaw_disclosed, met_when=True,
             facts={f"{PATH}.free_item_has_flaw": True, f"{PATH}.free_item_flaw_disclosed": s.free_item_flaw_disclosed})
    for fid, param, field, met_when in PLAIN:
        value = getattr(s, field)
        if value is not None:
            flag(calc, p, fid, param, value, met_when=met_when, facts={f"{PATH}.{field}": value})
    if s.auto_renewal:
        _auto_renewal(s, p, calc)
    if s.bundled_offer:
        flag(calc, p, "bundling_noted", "a11.bundling", s.bundling_prominently_noted, met_when=True,
             facts={f"{PATH}.bundled_offer": True, f"{PATH}.bundling_prominently_noted": s.bundling_prominently_noted})
    if s.processes_sensitive_data or s.processes_data_of_under_14s:
        calc.finding("sensitive_data_rules", FindingStatus.DUTY, p.label("a23.sensitive"),
                     facts={f"{PATH}.processes_sensitive_data": s.processes_sensitive_data,
                            f"{PATH}.processes_data_of_under_14s": s.processes_data_of_under_14s}, cite=p("a23.sensitive"))
    if s.sends_marketing:
        flag(calc, p, "marketing_consent", "a24.consent", s.marketing_consent, met_when=True,
             facts={f"{PATH}.sends_marketing": True, f"{PATH}.marketing_consent": s.marketing_consent})
        flag(calc, p, "opt_out_offered", "a24.opt_out", s.opt_out_offered, met_when=True,
             facts={f"{PATH}.opt_out_offered": s.opt_out_offered})
        if s.marketing_after_opt_out is not None:
            flag(calc, p, "stop_after_opt_out", "a24.stop", s.marketing_after_opt_out, met_when=False,
                 facts={f"{PATH}.marketing_after_opt_out": s.marketing_after_opt_out})
    return calc.result()


def _auto_renewal(s: ConsumerPractices, p: Params, calc: Calculation) -> None:
    rule = p("a10.auto_renewal")
    if s.service_starts_on is None:
        calc.need(f"{PATH}.service_starts_on")
    else:
        on = s.reminded_before_start_on
        calc.finding("reminder_before_start", finding_status(None if on is None else on <= s.service_starts_on),
                     T(zh="接受服务前以显著方式提醒自动续费", en="Prominent auto-renewal reminder before the service starts"),
                     facts={f"{PATH}.service_starts_on": s.service_starts_on, f"{PATH}.reminded_before_start_on": on}, cite=rule)
    if s.renewal_on is None:
        calc.need(f"{PATH}.renewal_on")
        return
    latest = s.renewal_on - timedelta(days=1)
    calc.date("renewal_reminder_by", latest, T(zh="续费提醒的最晚日期（续费日前一日）", en="Latest day of the renewal reminder (the day before renewal)"),
              formula=f"{s.renewal_on} − 1", facts={f"{PATH}.renewal_on": s.renewal_on}, cite=rule)
    on = s.reminded_before_renewal_on
    calc.finding("reminder_before_renewal", finding_status(None if on is None else on <= latest),
                 T(zh="自动续费日期前以显著方式提醒", en="Prominent reminder before the renewal day"),
                 facts={f"{PATH}.reminded_before_renewal_on": on, "renewal_reminder_by": latest}, cite=rule)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="违反第十条、第十一条的依第五十条第一款处罚；违反第七条、第九条、第二十三条、第二十四条的依消费者权益保护法第五十六条处罚",
        en="Breaches of Arts 10 and 11 are fined under Art. 50(1); of Arts 7, 9, 23 and 24 under Art. 56 of the Consumer Rights Protection Law"))
