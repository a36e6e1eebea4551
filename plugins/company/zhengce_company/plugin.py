"""The company plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import __version__, capital_transition, deregistration, facts, one_stop, publicity, road_freight


def _params(name: str):
    return load_parameters("zhengce_company", f"parameters/{name}.yaml")


POLICIES = (
    PolicySpec(id=capital_transition.POLICY_ID,
               title=Text(zh="公司注册资本登记管理过渡期调整", en="Registered capital: the transition to the five-year contribution rule"),
               facts=("registered_capital",), parameters=_params("registered_capital_transition")),
    PolicySpec(id=publicity.POLICY_ID,
               title=Text(zh="出资信息20个工作日内公示", en="Publishing capital changes within 20 working days"),
               facts=("capital_change",), parameters=_params("capital_information_publicity")),
    PolicySpec(id=deregistration.POLICY_ID,
               title=Text(zh="被吊销满3年未注销公司的公告注销", en="Deregistration by announcement of companies revoked three years ago"),
               facts=("revoked_company",), parameters=_params("deregistration_by_announcement")),
    PolicySpec(id=road_freight.POLICY_ID,
               title=Text(zh="开办道路货运企业“一件事”", en="Opening a road-freight business as one matter"),
               facts=("road_freight_opening",), parameters=_params("road_freight_one_stop_opening")),
    PolicySpec(id=one_stop.POLICY_ID,
               title=Text(zh="企业信息变更、注销、开办餐饮店“一件事”", en="One-stop company change, deregistration and restaurant opening"),
               facts=("one_stop_service",), parameters=_params("one_stop_change_and_deregistration")),
)
MODULES = (capital_transition, publicity, deregistration, road_freight, one_stop)

plugin = RulesPlugin(name="company", distribution="zhengce-company", fallback_version=__version__,
                     sections=facts.SECTIONS, policies=list(zip(POLICIES, MODULES)))
