"""The ip plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import (__version__, annual_fee_reduction, bibliographic_change, facts, hague_design, pct_national_phase,
               term_compensation)


def _params(name: str):
    return load_parameters("zhengce_ip", f"parameters/{name}.yaml")


POLICIES = (
    PolicySpec(id=term_compensation.POLICY_ID, title=Text(zh="专利权期限补偿请求费与补偿期年费", en="Patent term compensation: request fee and compensation-period annual fees"),
               facts=("patent_term_compensation",), parameters=_params("patent_term_compensation_fees")),
    PolicySpec(id=annual_fee_reduction.POLICY_ID, title=Text(zh="开放许可期间专利年费减免（最优惠、不重复享受）", en="Open-licence annual-fee reduction (the most favourable, never two)"),
               facts=("patent_annual_fee",), parameters=_params("patent_annual_fee_reduction")),
    PolicySpec(id=hague_design.POLICY_ID, title=Text(zh="海牙途径外观设计单独指定费减缴", en="Hague-route design: individual designation fee reductions"),
               facts=("hague_design_fee",), parameters=_params("hague_design_fee_reduction")),
    PolicySpec(id=bibliographic_change.POLICY_ID, title=Text(zh="批量著录项目变更按一件收费", en="Batch change of name: one bibliographic-change fee"),
               facts=("bibliographic_change",), parameters=_params("batch_bibliographic_change_fee")),
    PolicySpec(id=pct_national_phase.POLICY_ID, title=Text(zh="PCT申请进入中国国家阶段的免缴", en="PCT national phase in China: fee exemptions"),
               facts=("pct_national_phase",), parameters=_params("pct_national_phase_exemptions")),
)
MODULES = (term_compensation, annual_fee_reduction, hague_design, bibliographic_change, pct_national_phase)

plugin = RulesPlugin(name="ip", distribution="zhengce-ip", fallback_version=__version__,
                     sections=facts.SECTIONS, policies=list(zip(POLICIES, MODULES)))
