"""废旧家电回收企业的义务 — 商流通发〔2024〕18号 五（十）, 商消费发〔2024〕58号 三（九）.

A used-appliance recycler sells used appliances to lawful, compliant dismantling enterprises and
registers goods in and out in a ledger.  Each is a duty while the case does not say; met when it says
the recycler does it; a breach when it says it does not.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

POLICY_ID = "tradein.appliance_recycler_duties"
PATH = "appliance_recycler"

DUTIES = (
    ("compliant_dismantlers", "duty.sell_to_compliant_dismantlers", "sells_only_to_compliant_dismantlers"),
    ("intake_and_sales_ledger", "duty.intake_and_sales_ledger", "keeps_intake_and_sales_ledger"),
)


def duty_status(done: bool | None) -> FindingStatus:
    """A duty the case does not report on stays a duty; done is met; not done is a breach."""
    return FindingStatus.DUTY if done is None else (FindingStatus.MET if done else FindingStatus.NOT_MET)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Applies to any used-appliance recycling enterprise."""
    conds = Conditions(trace=ctx.trace)
    rule = Lookup(params, None, ctx.known_at).criterion("duty.sell_to_compliant_dismantlers")
    conds.info("recycler", Text(zh="废旧家电回收企业", en="A used-appliance recycling enterprise"),
               facts={f"{PATH}.name": case.appliance_recycler.name}, cite=rule)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.appliance_recycler
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    breaches = 0
    for finding_id, param, field in DUTIES:
        status = duty_status(getattr(sec, field))
        breaches += status is FindingStatus.NOT_MET
        calc.finding(finding_id, status, p.params[param].label, facts={f"{PATH}.{field}": getattr(sec, field)},
                     cite=p.criterion(param), detail=p.reading(param))
    calc.amount("breaches", Decimal(breaches), Text(zh="未履行的义务项数", en="Duties breached"), unit="count",
                formula="count(not_met)")
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, names={"breaches": ("未履行项数", "duties breached")})
