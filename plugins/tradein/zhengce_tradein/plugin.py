"""The tradein plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import (__version__, appliance_recycler_duties, car_scrappage, equipment_renewal_scope, facts, funding_settlement,
               local_rules, renewal_targets, tradein_local_measures)

CAR_SCRAPPAGE = PolicySpec(
    id=car_scrappage.POLICY_ID,
    title=Text(zh="汽车报废更新补贴", en="Car scrappage-and-replacement subsidy"),
    facts=("old_vehicle", "new_vehicle", "scrappage_application"),
    parameters=car_scrappage.PARAMETERS,
    event_date="scrappage_application.submitted_on",  # the law of the day the application was submitted
    window=("application.from", "application.until"),
)

FUNDING_SETTLEMENT = PolicySpec(
    id=funding_settlement.POLICY_ID,
    title=Text(zh="汽车报废更新补贴资金央地预拨与清算", en="Car scrappage subsidy: central pre-allocation and central/local settlement"),
    facts=("scrappage_funding_settlement",),
    parameters=load_parameters("zhengce_tradein", "parameters/car_scrappage_funding_settlement.yaml"),
)

LOCAL_RULES = PolicySpec(
    id=local_rules.POLICY_ID,
    title=Text(zh="地方汽车以旧换新实施细则的国家底线", en="National guardrails on local car trade-in rules"),
    facts=("scrappage_local_rules",),
    parameters=load_parameters("zhengce_tradein", "parameters/car_scrappage_local_rules.yaml"),
)

RENEWAL_TARGETS = PolicySpec(
    id=renewal_targets.POLICY_ID,
    title=Text(zh="设备更新和消费品以旧换新目标指标核查", en="Targets of the equipment-renewal and trade-in programme"),
    facts=("renewal_indicator_report",),
    parameters=load_parameters("zhengce_tradein", "parameters/renewal_targets.yaml"),
)

EQUIPMENT_RENEWAL_SCOPE = PolicySpec(
    id=equipment_renewal_scope.POLICY_ID,
    title=Text(zh="设备更新、循环利用项目的范围规则", en="Scope rules for equipment-renewal and recycling projects"),
    facts=("equipment_renewal_project",),
    parameters=load_parameters("zhengce_tradein", "parameters/equipment_renewal_scope.yaml"),
)

TRADEIN_LOCAL_MEASURES = PolicySpec(
    id=tradein_local_measures.POLICY_ID,
    title=Text(zh="地方消费品以旧换新举措的国家底线", en="National rules on local consumer-goods trade-in measures"),
    facts=("tradein_local_measures",),
    parameters=load_parameters("zhengce_tradein", "parameters/tradein_local_measures.yaml"),
)

APPLIANCE_RECYCLER_DUTIES = PolicySpec(
    id=appliance_recycler_duties.POLICY_ID,
    title=Text(zh="废旧家电回收企业的义务", en="Duties of a used-appliance recycler"),
    facts=("appliance_recycler",),
    parameters=load_parameters("zhengce_tradein", "parameters/appliance_recycler_duties.yaml"),
)

plugin = RulesPlugin(
    name="tradein",
    distribution="zhengce-tradein",
    fallback_version=__version__, sections=facts.SECTIONS,
    policies=[(CAR_SCRAPPAGE, car_scrappage), (FUNDING_SETTLEMENT, funding_settlement), (LOCAL_RULES, local_rules),
              (RENEWAL_TARGETS, renewal_targets), (EQUIPMENT_RENEWAL_SCOPE, equipment_renewal_scope),
              (TRADEIN_LOCAL_MEASURES, tradein_local_measures), (APPLIANCE_RECYCLER_DUTIES, appliance_recycler_duties)],
)
