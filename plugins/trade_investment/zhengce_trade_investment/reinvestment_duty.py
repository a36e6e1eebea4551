"""外商投资企业境内再投资项目进口自用设备免征关税 — 国办发〔2024〕9号 二（七）.

A project a foreign-invested enterprise invests in by reinvesting in China that meets the
鼓励外商投资产业目录 and the further conditions (an external catalogue and rules: inputs) may import
the equipment it uses itself free of import duty.  The duty exempted is each own-use item's customs
value times its duty rate (both inputs); items for resale or in the non-exempt catalogue stay
dutiable.  Import VAT is not exempted (the measure names 关税 only).
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, localised

POLICY_ID = "trade_investment.fie_reinvestment_import_duty_exemption"
PARAMETERS = load_parameters("zhengce_trade_investment", "parameters/fie_reinvestment_import_duty_exemption.yaml")
R = "reinvestment"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    r = case.reinvestment
    rule = Lookup(params, None, ctx.known_at).value("exemption")
    conds = Conditions(trace=ctx.trace)
    for cid, field, label in (
        ("fie", "investor_is_fie", T("投资者为外商投资企业", "The investor is a foreign-invested enterprise")),
        ("domestic_reinvestment", "by_domestic_reinvestment", T("项目由其在中国境内再投资的企业投资", "The project is invested in by an enterprise it reinvested in, in China")),
        ("encouraged_catalogue", "meets_encouraged_catalogue", T("项目符合鼓励外商投资产业目录", "The project meets the encouraged-industries catalogue")),
        ("other_conditions", "other_conditions_met", T("项目符合进口设备免税的其他规定条件", "The project meets the other conditions of the duty-free import rules")),
    ):
        v = getattr(r, field)
        conds.check(cid, label, v, facts={f"{R}.{field}": v}, cite=rule, note=_catalogue_note(params, cid))
    return conds.result()


def _catalogue_note(params: ParameterSet, cid: str) -> Text | None:
    """The reading on external catalogues and conditions, beside the conditions that rely on them."""
    return params["exemption"].reading if cid in ("encouraged_catalogue", "other_conditions") else None


def item_exempt(item) -> bool | None:
    """An item is exempt when it is for the project's own use and not in the non-exempt catalogue."""
    if item.for_own_use is False or item.in_non_exempt_catalogue is True:
        return False
    if item.for_own_use is None or item.in_non_exempt_catalogue is None:
        return None
    return True


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    r = case.reinvestment
    p = Lookup(params, None, ctx.known_at)
    rule = p.value("exemption")
    calc = Calculation(trace=ctx.trace)
    total, shown = Decimal(0), []
    for i, item in enumerate(r.equipment):
        path = f"{R}.equipment[{i}]"
        exempt = item_exempt(item)
        name = item.description or str(i + 1)
        facts = {f"{path}.for_own_use": item.for_own_use, f"{path}.in_non_exempt_catalogue": item.in_non_exempt_catalogue,
                 f"{path}.customs_value": item.customs_value, f"{path}.duty_rate": item.duty_rate}
        if exempt is None or (exempt and (item.customs_value is None or item.duty_rate is None)):
            calc.need(*[k for k, v in facts.items() if v is None])
            calc.info(f"equipment.{i}", T("设备“{}”：缺少事实，无法计算", "Equipment '{}': facts missing, not computed", name), facts=facts, cite=rule)
            continue
        if not exempt:
            calc.info(f"equipment.{i}", T("设备“{}”：非自用或属不予免税目录，照章征税", "Equipment '{}': not for own use or in the non-exempt catalogue, dutiable", name),
                      facts=facts, cite=rule)
            continue
        duty = p.money(item.customs_value * item.duty_rate)
        total += duty
        shown.append(str(duty))
        calc.info(f"equipment.{i}", T("设备“{}”：免征关税", "Equipment '{}': import duty exempted", name), value=duty, facts=facts, cite=rule,
                  note=Text(zh=f"{item.customs_value} × {item.duty_rate}", en=f"{item.customs_value} × {item.duty_rate}"))
    calc.amount("duty_exempted", total, T("免征的进口关税", "Import duty exempted"), cite=rule,
                formula=" + ".join(shown) or "0", note=params["exemption"].reading)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return localised(explanation(result, title, lang, names={"duty_exempted": ("免征的进口关税", "import duty exempted")}))
