"""The tradein plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import __version__, car_scrappage

CAR_SCRAPPAGE = PolicySpec(
    id=car_scrappage.POLICY_ID,
    title=Text(zh="汽车报废更新补贴", en="Car scrappage-and-replacement subsidy"),
    facts=("old_vehicle", "new_vehicle", "scrappage_application"),
    parameters=load_parameters("zhengce_tradein", "parameters/car_scrappage_subsidy.yaml"),
)

plugin = RulesPlugin(
    name="tradein",
    distribution="zhengce-tradein",
    fallback_version=__version__,
    policies=[(CAR_SCRAPPAGE, car_scrappage)],
)
