"""The example province's two policies: pure functions of (case, parameters, context)."""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Status, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, Lookup

NATIONAL_CAR = "tradein.car_scrappage_subsidy"


class car_top_up:  # noqa: N801 - a rule module in the shape RulesPlugin expects
    POLICY_ID = "example_province.car_top_up"

    @staticmethod
    def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
        national = ctx.result(NATIONAL_CAR)
        conds = Conditions(trace=ctx.trace)
        status = national.status if national else None
        conds.check("national_subsidy", Text(zh="申请人符合国家汽车报废更新补贴条件", en="The applicant qualifies for the national car scrappage subsidy"),
                    None if status is Status.CANNOT_TELL else status is Status.APPLIES,
                    missing=national.missing if national else (), cite=Lookup(params, None, ctx.known_at).criterion("amount"))
        return conds.result()

    @staticmethod
    def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
        p, calc = Lookup(params, None, ctx.known_at), Calculation(trace=ctx.trace)
        amount = p.criterion("amount")
        calc.amount("top_up", p.money(amount.value), Text(zh="省级加码补贴", en="Provincial top-up"), cite=amount, payer="provincial")
        return calc.result()


class lat_local_rate:  # noqa: N801
    POLICY_ID = "example_province.lat_local_rate"

    @staticmethod
    def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
        conds = Conditions(trace=ctx.trace)
        housing = case.lat_prepayment.affordable_housing
        conds.check("ordinary_housing", Text(zh="普通住宅项目", en="An ordinary housing project"),
                    None if housing is None else not housing, facts={"lat_prepayment.affordable_housing": housing},
                    cite=Lookup(params, None, ctx.known_at).criterion("rate"))
        return conds.result()

    @staticmethod
    def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
        p, calc = Lookup(params, None, ctx.known_at), Calculation(trace=ctx.trace)
        rate = p.criterion("rate")
        calc.amount("local_rate", rate.value, Text(zh="本省预征率", en="Provincial prepayment rate"), cite=rate, unit="ratio")
        return calc.result()
