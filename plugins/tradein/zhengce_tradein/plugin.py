"""The tradein plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import __version__, facts, car_scrappage, funding_settlement, local_rules

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

plugin = RulesPlugin(
    name="tradein",
    distribution="zhengce-tradein",
    fallback_version=__version__, sections=facts.SECTIONS,
    policies=[(CAR_SCRAPPAGE, car_scrappage), (FUNDING_SETTLEMENT, funding_settlement), (LOCAL_RULES, local_rules)],
)
