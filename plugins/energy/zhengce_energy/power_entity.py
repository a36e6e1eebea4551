"""电力领域新型经营主体 — 国能发法改〔2024〕93号.

Classification (一), licence exemption (二), the 5 MW participation threshold that
regions may only lower (三), one aggregator per resource and contract period and
contract filing (四), registration (五), settlement as the sum of the aggregated
resources' metered data (七).
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce_energy.facts import AggregatedResource
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.power_market_new_entity"
SINGLE, AGGREGATION = "single_technology", "resource_aggregation"


def effective_threshold(national: Decimal, local: Decimal | None) -> Decimal:
    """The capacity requirement in force: a region may only lower the national one."""
    return national if local is None else min(national, local)


def settlement_total(resources: tuple[AggregatedResource, ...]) -> Decimal | None:
    """The aggregator's wholesale settlement quantity: the sum of the resources' metered energy."""
    values = [r.metered_energy_mwh for r in resources]
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def overlapping_aggregators(resource: AggregatedResource) -> list[tuple[str, str]] | None:
    """Pairs of different aggregators whose contracts for this resource overlap (None: dates missing)."""
    contracts = resource.contracts
    if any(c.aggregator_id is None or c.start is None or c.end is None for c in contracts):
        return None
    pairs = []
    for i, a in enumerate(contracts):
        for b in contracts[i + 1:]:
            if a.aggregator_id != b.aggregator_id and a.start <= b.end and b.start <= a.end:
                pairs.append((a.aggregator_id, b.aggregator_id))
    return pairs


def entity_class(rtype, p: Params) -> str | None:
    if rtype is None:
        return None
    if rtype.value in p("class.single_technology").value:
        return SINGLE
    if rtype.value in p("class.resource_aggregation").value or rtype.value in p("class.treated_as_microgrid").value:
        return AGGREGATION
    return None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, ctx.known_at)
    e = case.power_market_new_entity
    conds = Conditions()
    rule = p("definition.distribution_level")
    for fid, field, label in (
        ("distribution_level", "distribution_level", T(zh="属配电环节资源", en="A distribution-level resource")),
        ("regulating_capability", "has_regulating_capability", T(zh="具备电力、电量调节能力", en="Has power and energy regulating capability")),
        ("new_technology_or_model", "new_technology_or_model", T(zh="具有新技术特征、新运营模式", en="Has new technology or a new operating model")),
    ):
        value = getattr(e, field)
        conds.check(fid, label, value, facts={f"power_market_new_entity.{field}": value}, cite=rule)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    e = case.power_market_new_entity
    calc = Calculation()

    cls = entity_class(e.resource_type, p)
    cite = p("class.single_technology") if cls == SINGLE else p("class.resource_aggregation")
    if cls is None:
        calc.finding("entity_class", FindingStatus.UNKNOWN, T(zh="新型经营主体类别", en="Class of new-type entity"),
                     detail=T(zh="“主要包括”所列之外的资源，文件未定其类别", en="A resource outside the \"主要包括\" lists: the document does not classify it"),
                     facts={"power_market_new_entity.resource_type": e.resource_type}, cite=cite)
    else:
        calc.finding("entity_class", FindingStatus.INFO,
                     T(zh="单一技术类新型经营主体", en="Single-technology new-type entity") if cls == SINGLE else
                     T(zh="资源聚合类新型经营主体", en="Resource-aggregation new-type entity"),
                     facts={"power_market_new_entity.resource_type": e.resource_type}, cite=cite)

    lic = p("licence.exempt")
    other = e.licence_required_by_other_rules
    calc.finding("licence_exempt", FindingStatus.UNKNOWN if other is None else (FindingStatus.NOT_MET if other else FindingStatus.MET),
                 p.label("licence.exempt"), facts={"power_market_new_entity.licence_required_by_other_rules": other}, cite=lic)

    _participation(e, p, calc)
    if cls == AGGREGATION or e.aggregated_resources:
        _aggregation(e, p, calc)
    return calc.result()


def _participation(e, p: Params, calc: Calculation) -> None:
    national, lower = p("participation.capacity_mw"), p("participation.local_may_lower")
    local = e.local_capacity_threshold_mw
    threshold = effective_threshold(national.value, local)
    note = None
    if local is not None and local > national.value:
        note = p.reading("participation.local_may_lower")
    calc.amount("capacity_threshold_mw", threshold, T(zh="适用的调节容量要求", en="Capacity requirement in force"), unit="MW",
                formula=f"min({national.value}, {local})" if local is not None else f"{national.value}",
                facts={"power_market_new_entity.local_capacity_threshold_mw": local}, cite=lower if local is not None else national, note=note)
    cap, tech = e.regulating_capacity_mw, e.meets_technical_requirements
    if cap is None or tech is None:
        ok = False if (cap is not None and cap < threshold) or tech is False else None
    else:
        ok = cap >= threshold and tech
    calc.finding("may_provide_energy_and_ancillary_services",
                 FindingStatus.UNKNOWN if ok is None else (FindingStatus.MET if ok else FindingStatus.NOT_MET),
                 T(zh=f"调节容量 {threshold} 兆瓦及以上且满足技术指标要求，可提供电能量和辅助服务",
                   en=f"Regulating capacity of at least {threshold} MW and technical requirements met: may provide energy and ancillary services"),
                 detail=p.reading("participation.capacity_mw"),
                 facts={"power_market_new_entity.regulating_capacity_mw": cap, "power_market_new_entity.meets_technical_requirements": tech},
                 cite=national)


def _aggregation(e, p: Params, calc: Calculation) -> None:
    one, filed, reg, sett = p("aggregation.max_aggregators_per_period"), p("aggregation.contract_filed"), p("registration.both"), p("settlement.sum_of_resources")
    calc.finding("aggregator_registered", FindingStatus.DUTY if e.registered is None else (FindingStatus.MET if e.registered else FindingStatus.NOT_MET),
                 p.label("registration.both"), facts={"power_market_new_entity.registered": e.registered}, cite=reg)
    for i, r in enumerate(e.aggregated_resources):
        rid = r.id or str(i)
        path = f"power_market_new_entity.aggregated_resources[{i}]"
        pairs = overlapping_aggregators(r)
        calc.finding(f"resource_{rid}.one_aggregator_per_period",
                     FindingStatus.UNKNOWN if pairs is None else (FindingStatus.NOT_MET if pairs else FindingStatus.MET),
                     T(zh=f"资源 {rid} 同一合同周期内仅由一家聚合商代理", en=f"Resource {rid} has one aggregator per contract period"),
                     detail=T(zh="重叠：" + "；".join(f"{a}/{b}" for a, b in pairs), en="Overlap: " + "; ".join(f"{a}/{b}" for a, b in pairs)) if pairs else p.reading("aggregation.max_aggregators_per_period"),
                     facts={f"{path}.contracts": "; ".join(f"{c.aggregator_id} {c.start}–{c.end}" for c in r.contracts) or None}, cite=one)
        unfiled = [c.aggregator_id for c in r.contracts if c.filed_with_exchange is False]
        if r.contracts:
            unknown = any(c.filed_with_exchange is None for c in r.contracts)
            calc.finding(f"resource_{rid}.contract_filed",
                         FindingStatus.NOT_MET if unfiled else (FindingStatus.DUTY if unknown else FindingStatus.MET),
                         p.label("aggregation.contract_filed"), cite=filed)
        calc.finding(f"resource_{rid}.registered", FindingStatus.DUTY if r.registered is None else (FindingStatus.MET if r.registered else FindingStatus.NOT_MET),
                     p.label("registration.both"), facts={f"{path}.registered": r.registered}, cite=reg)
    if e.aggregated_resources:
        total = settlement_total(e.aggregated_resources)
        if total is None:
            calc.need(*[f"power_market_new_entity.aggregated_resources[{i}].metered_energy_mwh"
                        for i, r in enumerate(e.aggregated_resources) if r.metered_energy_mwh is None])
        else:
            calc.amount("settlement_energy_mwh", total, T(zh="批发市场结算电量（被聚合资源计量数据加总）", en="Wholesale settlement energy (sum of the resources' metered data)"),
                        unit="MWh", formula=" + ".join(str(r.metered_energy_mwh) for r in e.aggregated_resources), cite=sett)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, headline=("entity_class",))
