"""Hook implementations of the taxation plugin: thin adapters over the rule modules."""

from __future__ import annotations

import importlib.metadata as md

from zhengce.contracts import Text
from zhengce.kernel import PluginInfo, PolicySpec, hookimpl, load_parameters

from . import __version__, lat_floor, neeq_dividend, restructuring_stamp, special_equipment

NAME = "taxation"
DISTRIBUTION = "zhengce-taxation"


def _spec(module, title: Text, facts: tuple[str, ...], filename: str) -> PolicySpec:
    return PolicySpec(id=module.POLICY_ID, title=title, facts=facts,
                      parameters=load_parameters("zhengce_taxation", f"parameters/{filename}"))


POLICIES = (
    _spec(neeq_dividend, Text(zh="新三板挂牌公司股息红利差别化个人所得税",
                              en="NEEQ dividend individual income tax (differentiated by holding period)"),
          ("neeq_dividend_account",), "neeq_dividend_iit.yaml"),
    _spec(special_equipment, Text(zh="节能节水、环境保护、安全生产专用设备数字化智能化改造企业所得税抵免",
                                  en="Special-equipment digital/intelligent upgrade corporate income tax credit"),
          ("special_equipment_credit",), "special_equipment_credit.yaml"),
    _spec(lat_floor, Text(zh="土地增值税预征率下限", en="Land value-added tax prepayment-rate floor"),
          ("lat_prepayment",), "lat_prepayment_floor.yaml"),
    _spec(restructuring_stamp, Text(zh="企业改制重组及事业单位改制印花税", en="Stamp duty on enterprise restructuring and public-institution conversion"),
          ("restructuring_stamp_duty",), "restructuring_stamp_duty.yaml"),
)
RULES = {m.POLICY_ID: m for m in (neeq_dividend, special_equipment, lat_floor, restructuring_stamp)}


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
    return POLICIES


@hookimpl
def applies_to(policy, case, context):
    return RULES[policy.id].applies_to(case, policy.parameters, context)


@hookimpl
def evaluate(policy, case, context, applicability):
    return RULES[policy.id].evaluate(case, policy.parameters, context)


@hookimpl
def explain(policy, result, lang):
    return RULES[policy.id].explain(result, policy.title, lang)
