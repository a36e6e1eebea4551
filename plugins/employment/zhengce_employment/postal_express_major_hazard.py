"""邮政企业、快递企业生产安全重大事故隐患判定标准 — 国家邮政局 2024-11-18 (no 文号 printed).

A mail-processing site has a major hazard when any of eight conditions holds: in safety management
(第三条: no fire-safety responsibility system *and* the duties not carried out; unapproved skid-mounted
fuel or gas storage), in sorting (第四条: unguarded rotating parts; no emergency stop; no signs or
protection in fall, strike or machine-injury zones), or with vehicles on site (第五条: no
pedestrian/vehicle separation; no designated routes and stops; no signs or protection where people and
vehicles meet).  Each is a finding (a hazard is ``not_met``); the site must remove and report them
(第六条), the owner of a shared brand or waybill manages their safety (第七条), and the local postal
authority deals with a site that has one (第八条).
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, explain as _explain

POLICY_ID = "employment.postal_express_major_hazard"
PARAMETERS = load_parameters("zhengce_employment", "parameters/postal_express_major_hazard.yaml")
S = "postal_safety_site"

#: (finding id, parameter, field that is a safeguard when True)
SAFEGUARDS = (
    ("conveyor_guards", "sorting.guards", "conveyor_guards"),
    ("sorting_emergency_stops", "sorting.emergency_stop", "sorting_emergency_stops"),
    ("sorting_hazard_signs", "sorting.signs", "sorting_hazard_signs"),
    ("pedestrian_vehicle_separation", "vehicles.separation", "pedestrian_vehicle_separation"),
    ("vehicle_routes_and_stops", "vehicles.routes", "vehicle_routes_and_stops"),
    ("vehicle_zone_signs", "vehicles.signs", "vehicle_zone_signs"),
)


def hazard(present: bool | None) -> FindingStatus:
    """A hazard present is ``not_met``; absent ``met``; unknown ``unknown``."""
    return FindingStatus.UNKNOWN if present is None else (FindingStatus.NOT_MET if present else FindingStatus.MET)


def fire_hazard(system: bool | None, duties: bool | None) -> bool | None:
    """第三条（一）: both lacking is the hazard; either in place rules it out."""
    if system is True or duties is True:
        return False
    return None if system is None or duties is None else True


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.info("scope", p.params["scope"].label, facts={f"{S}.enterprise": case.postal_safety_site.enterprise}, cite=p.criterion("scope"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.postal_safety_site
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    statuses = []

    def record(fid: str, name: str, status: FindingStatus, facts: dict) -> None:
        statuses.append(status)
        calc.finding(fid, status, p.params[name].label, detail=p.reading(name), facts=facts, cite=p.criterion(name))

    record("fire_responsibility", "management.fire_responsibility",
           hazard(fire_hazard(sec.fire_responsibility_system, sec.fire_duties_implemented)),
           {f"{S}.fire_responsibility_system": sec.fire_responsibility_system, f"{S}.fire_duties_implemented": sec.fire_duties_implemented})
    record("fuel_or_gas_storage", "management.fuel_storage", hazard(sec.unapproved_fuel_or_gas_storage),
           {f"{S}.unapproved_fuel_or_gas_storage": sec.unapproved_fuel_or_gas_storage})
    for fid, name, field in SAFEGUARDS:
        value = getattr(sec, field)
        record(fid, name, hazard(None if value is None else not value), {f"{S}.{field}": value})
    found = sum(1 for s in statuses if s is FindingStatus.NOT_MET)
    unknown = sum(1 for s in statuses if s is FindingStatus.UNKNOWN)
    calc.amount("major_hazards", Decimal(found), T("重大事故隐患项数", "Major hazards found"), unit="count", cite=p.criterion("handling"))
    if found:
        calc.finding("major_hazard", FindingStatus.NOT_MET, T(f"判定为重大事故隐患（{found} 项）", f"Major accident hazard ({found} found)"),
                               detail=p.params["handling"].label, cite=p.criterion("handling"))
    elif unknown:
        calc.finding("major_hazard", FindingStatus.UNKNOWN, T(f"是否存在重大事故隐患尚无法判断（{unknown} 项未知）", f"Whether there is a major hazard is unknown ({unknown} items unknown)"),
                               cite=p.criterion("handling"))
    else:
        calc.finding("major_hazard", FindingStatus.MET, T("未发现重大事故隐患", "No major accident hazard"), cite=p.criterion("handling"))
    calc.finding("screen_and_remove", FindingStatus.DUTY, p.params["duty.eliminate"].label, cite=p.criterion("duty.eliminate"))
    if sec.brand_owner and sec.brand_owner != sec.enterprise:
        calc.finding("brand_owner_management", FindingStatus.DUTY, p.params["duty.brand_owner"].label,
                     facts={f"{S}.brand_owner": sec.brand_owner}, cite=p.criterion("duty.brand_owner"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, lead=("major_hazard",), names={"major_hazards": ("重大事故隐患项数", "major hazards")})
