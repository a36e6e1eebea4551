"""Hook implementations of the tradein plugin: thin adapters over the rule modules."""

from __future__ import annotations

import importlib.metadata as md

from zhengce.contracts import Text
from zhengce.kernel import PluginInfo, PolicySpec, hookimpl, load_parameters

from . import __version__, car_scrappage

NAME = "tradein"
DISTRIBUTION = "zhengce-tradein"

CAR_SCRAPPAGE = PolicySpec(
    id=car_scrappage.POLICY_ID,
    title=Text(zh="汽车报废更新补贴", en="Car scrappage-and-replacement subsidy"),
    facts=("old_vehicle", "new_vehicle", "scrappage_application"),
    parameters=load_parameters("zhengce_tradein", "parameters/car_scrappage_subsidy.yaml"),
)

RULES = {car_scrappage.POLICY_ID: car_scrappage}


def _version() -> str:
    try:
        return md.version(DISTRIBUTION)
    except md.PackageNotFoundError:
        return __version__


@hookimpl
def declare_plugin():
    return PluginInfo(name=NAME, distribution=DISTRIBUTION, version=_version())


@hookimpl
def declare_policies():
    return (CAR_SCRAPPAGE,)


@hookimpl
def applies_to(policy, case, context):
    return RULES[policy.id].applies_to(case, policy.parameters, context)


@hookimpl
def evaluate(policy, case, context, applicability):
    return RULES[policy.id].evaluate(case, policy.parameters, context)


@hookimpl
def explain(policy, result, lang):
    return RULES[policy.id].explain(result, policy.title, lang)
