"""充电桩安装补贴（示例）: a provincial policy reading its own section and the national ``new_vehicle``."""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, Lookup

POLICY_ID = "gd_charging.pile_top_up"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    pile, new = case.gd_charging_pile, case.new_vehicle
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    fuel = new.fuel.value if new and new.fuel else None
    conds.check("new_car_is_nev", Text(zh="新车为新能源乘用车", en="The new car is an NEV"),
                None if fuel is None else fuel == "nev", facts={"new_vehicle.fuel": fuel}, cite=p.criterion("amount"))
    day = pile.installed_on if pile else None
    start, end = p.criterion("window.from"), p.criterion("window.until")
    conds.check("installed_in_window", Text(zh=f"于 {start.value} 至 {end.value}（含）安装", en=f"Installed from {start.value} to {end.value} inclusive"),
                None if day is None else start.value <= day <= end.value, facts={"gd_charging_pile.installed_on": day}, cite=end)
    own = pile.on_own_parking_space if pile else None
    conds.check("own_parking_space", Text(zh="安装在自有车位", en="Installed on the applicant's own parking space"),
                own, facts={"gd_charging_pile.on_own_parking_space": own}, cite=start)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    amount = p.criterion("amount")
    calc.amount("pile_subsidy", p.money(amount.value), Text(zh="充电桩安装补贴", en="Charging-pile subsidy"), cite=amount)
    return calc.result()
