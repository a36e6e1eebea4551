"""The example provincial plugin: one section of its own, one policy, a declared dependency on tradein."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import __version__, facts, pile_top_up

PILE_TOP_UP = PolicySpec(
    id=pile_top_up.POLICY_ID,
    title=Text(zh="家用充电桩安装补贴（示例）", en="Home charging-pile subsidy (example)"),
    facts=("gd_charging_pile", "new_vehicle"),
    parameters=load_parameters("zhengce_gd_charging", "parameters/pile_top_up.yaml"),
)

plugin = RulesPlugin(name="gd_charging", distribution="zhengce-gd-charging", fallback_version=__version__,
                     sections=facts.SECTIONS, requires={"zhengce-tradein": ">=2,<3"},
                     policies=[(PILE_TOP_UP, pile_top_up)])
