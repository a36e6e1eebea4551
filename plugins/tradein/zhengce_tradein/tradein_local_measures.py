"""地方消费品以旧换新举措的国家底线 — 商消费发〔2024〕58号 五（十八）（二十二）.

A locality's measures for the trade-in of cars and household appliances may not require used cars or
appliances to be sold to designated enterprises, nor set region- or technology-pointed subsidy
catalogues or enterprise lists (each a breach), and the locality must recover every subsidy paid on a
claim obtained by fraud (the amount to recover and what is still outstanding).  The seed sets no
appliance subsidy amount (三（八） only encourages local subsidies), so none is computed.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup, finding_status

POLICY_ID = "tradein.tradein_local_measures"
PATH = "tradein_local_measures"

BANS = (
    ("designated_recycler", "ban.designated_recycler", "requires_designated_recycler"),
    ("regional_or_technology_catalogue", "ban.regional_or_technology_catalogue", "sets_regional_or_technology_catalogue"),
)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Every locality's trade-in measures are subject to the plan."""
    conds = Conditions(trace=ctx.trace)
    rule = Lookup(params, None, ctx.known_at).criterion("local.measures")
    conds.info("local_measures", Text(zh="各地按照本行动方案制定工作落实举措，受国家规定约束",
                                      en="Each locality makes its own measures, within the national rules"),
               facts={f"{PATH}.locality": case.tradein_local_measures.locality}, cite=rule)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.tradein_local_measures
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    breaches = 0
    for finding_id, param, field in BANS:
        flag = getattr(sec, field)
        status = finding_status(flag, met_when=False)  # doing the forbidden thing is a breach
        breaches += status is FindingStatus.NOT_MET
        calc.finding(finding_id, status, p.params[param].label, facts={f"{PATH}.{field}": flag}, cite=p.criterion(param))
    calc.amount("breaches", Decimal(breaches), Text(zh="违反国家规定的项数", en="Breaches of the national rules"), unit="count",
                formula="count(not_met)")
    if sec.fraud_subsidies_paid is not None:
        _recovery(calc, p, sec)
    return calc.result()


def _recovery(calc: Calculation, p: Lookup, sec) -> None:
    """追回已发放的补贴资金: the whole subsidy paid on fraudulent claims, less what is already recovered."""
    rule = p.criterion("fraud.recover_paid")
    paid = p.money(sec.fraud_subsidies_paid)
    calc.amount("recovery_due", paid, Text(zh="应追回的骗补补贴（由骗补者退回）", en="Subsidy to recover (returned by those who obtained it by fraud)"),
                cite=rule, note=p.reading("fraud.recover_paid"),
                facts={f"{PATH}.fraud_subsidies_paid": sec.fraud_subsidies_paid})
    recovered = p.money(sec.fraud_subsidies_recovered or Decimal(0))
    outstanding = calc.amount("recovery_outstanding", max(Decimal(0), paid - recovered),
                              Text(zh="尚待追回", en="Still to recover"), formula=f"max(0, {paid} − {recovered})", cite=rule,
                              facts={f"{PATH}.fraud_subsidies_recovered": sec.fraud_subsidies_recovered})
    calc.finding("fraud_recovery", FindingStatus.DUTY if outstanding > 0 else FindingStatus.MET, p.params["fraud.recover_paid"].label,
                 cite=rule)


NAMES = {"breaches": ("违反项数", "breaches"), "recovery_due": ("应追回", "to recover"),
         "recovery_outstanding": ("尚待追回", "still to recover")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, names=NAMES, note=Text(
        zh="种子文件未规定家电以旧换新补贴金额（三（八）仅鼓励有条件的地方给予补贴）",
        en="The seed sets no amount for the household-appliance trade-in subsidy (三（八） only encourages localities to give one)"))
