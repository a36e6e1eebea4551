"""零售企业的现金、预付卡与地方门槛，及零售业创新提升试点 — 零售业创新提升工程实施方案 (2024-11-15).

A retailer may not refuse renminbi cash; a retail company issuing single-purpose prepaid cards
files them; a locality may not demand legal-entity branches of cross-region retailers.  A pilot
city applies directly (municipalities, separately planned cities) or through its province; the
first batch is due by 2025-01-25, the pilot lasts two years from confirmation, batches 2025–2029.
"""

from __future__ import annotations

from datetime import date

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from . import common
from .common import Params, T, flag

POLICY_ID = "consumer.retail_cash_prepaid_and_pilot"
PATH = "retail_business"


def years_later(start: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February → 28 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.info("retail", T(zh="零售企业、地方政策或者试点城市", en="A retailer, a local rule or a pilot city"), cite=p("no_cash_refusal"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.retail_business
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if s.refuses_rmb_cash is not None:
        flag(calc, p, "no_cash_refusal", "no_cash_refusal", s.refuses_rmb_cash, met_when=False,
             facts={f"{PATH}.refuses_rmb_cash": s.refuses_rmb_cash})
    if s.issues_single_purpose_prepaid_cards:
        flag(calc, p, "prepaid_card_filing", "prepaid_card_filing", s.prepaid_cards_filed, met_when=True,
             facts={f"{PATH}.issues_single_purpose_prepaid_cards": True, f"{PATH}.prepaid_cards_filed": s.prepaid_cards_filed})
    if s.local_rules_require_legal_entity_branch is not None:
        flag(calc, p, "no_branch_demand", "no_branch_demand", s.local_rules_require_legal_entity_branch, met_when=False,
             facts={f"{PATH}.local_rules_require_legal_entity_branch": s.local_rules_require_legal_entity_branch})
    if s.pilot_city_kind is not None or s.pilot_application_on is not None or s.pilot_confirmed_on is not None:
        _pilot(s, p, calc)
    return calc.result()


def _pilot(s, p: Params, calc: Calculation) -> None:
    if s.pilot_city_kind is not None:
        direct = p("pilot.direct")
        if s.pilot_city_kind.value in direct.value:
            calc.finding("application_route", FindingStatus.INFO, p.label("pilot.direct"),
                         facts={f"{PATH}.pilot_city_kind": s.pilot_city_kind}, cite=direct)
        else:
            calc.finding("application_route", FindingStatus.INFO, p.label("pilot.recommended"),
                         facts={f"{PATH}.pilot_city_kind": s.pilot_city_kind}, cite=p("pilot.recommended"))
    deadline = p("pilot.first_batch_deadline")
    if s.pilot_application_on is not None and s.pilot_first_batch is None:
        calc.need(f"{PATH}.pilot_first_batch")
    if s.pilot_application_on is not None and s.pilot_first_batch:
        calc.date("first_batch_deadline", deadline.value, p.label("pilot.first_batch_deadline"), cite=deadline)
        calc.finding("first_batch_in_time", finding_status(s.pilot_application_on <= deadline.value),
                     T(zh="首批试点申报按期报送（含截止日当日）", en="First-batch application in time (the deadline day included)"),
                     facts={f"{PATH}.pilot_application_on": s.pilot_application_on}, cite=deadline)
    if s.pilot_confirmed_on is not None:
        first, last = p("pilot.first_year"), p("pilot.last_year")
        year = s.pilot_confirmed_on.year
        calc.finding("batch_year", finding_status(first.value <= year <= last.value),
                     T(zh=f"在 {first.value}–{last.value} 年确定的试点批次", en=f"A batch chosen in {first.value}–{last.value}"),
                     facts={f"{PATH}.pilot_confirmed_on": s.pilot_confirmed_on}, cite=first)
        years = p("pilot.years")
        calc.date("pilot_end", years_later(s.pilot_confirmed_on, years.value), T(zh="试点建设周期届满日", en="Last day of the pilot period"),
                  formula=f"{s.pilot_confirmed_on} + {years.value}", facts={f"{PATH}.pilot_confirmed_on": s.pilot_confirmed_on},
                  cite=years)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="试点的推进路径与申报模板为附件（种子文件仅列网址）", en="The pilot's road map and application template are attachments (the seed gives only their addresses)"))
