"""The data_assets plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import (
    facts,
    __version__,
    data_asset_pilot,
    data_industry_classification,
    data_industry_growth,
    enterprise_data_resources,
    sme_digital_city_pilot,
    sme_digital_empowerment_support,
    sme_digital_empowerment_targets,
    sme_digital_level_assessment,
)

NAME = "data_assets"
DISTRIBUTION = "zhengce-data-assets"
PACKAGE = "zhengce_data_assets"

DATA_ASSET_PILOT = PolicySpec(
    id=data_asset_pilot.POLICY_ID,
    title=Text(zh="数据资产全过程管理试点", en="Data-asset full-lifecycle management pilot"),
    facts=("data_asset_pilot_unit",),
    parameters=load_parameters(PACKAGE, "parameters/data_asset_pilot.yaml"),
)

DATA_INDUSTRY_GROWTH = PolicySpec(
    id=data_industry_growth.POLICY_ID,
    title=Text(zh="数据产业规模增长目标（年均复合增长率超过15%）", en="Data-industry growth target (CAGR above 15%)"),
    facts=("data_industry_growth",),
    parameters=load_parameters(PACKAGE, "parameters/data_industry_growth.yaml"),
)

SME_DIGITAL_CITY_PILOT = PolicySpec(
    id=sme_digital_city_pilot.POLICY_ID,
    title=Text(zh="中小企业数字化转型城市试点（2024年第二批）", en="SME digital transformation city pilot (2024, second batch)"),
    facts=("sme_digital_city_pilot",),
    parameters=load_parameters(PACKAGE, "parameters/sme_digital_city_pilot.yaml"),
)

ENTERPRISE_DATA_RESOURCES = PolicySpec(
    id=enterprise_data_resources.POLICY_ID,
    title=Text(zh="企业数据资源开发利用：数据权益、公共数据、权益转移与治理措施", en="Enterprise data resources: rights, public data, transfer and governance measures"),
    facts=("enterprise_data_resource",),
    parameters=load_parameters(PACKAGE, "parameters/enterprise_data_resources.yaml"),
)

DATA_INDUSTRY_CLASSIFICATION = PolicySpec(
    id=data_industry_classification.POLICY_ID,
    title=Text(zh="数据产业环节与数据企业类型", en="Data-industry segments and data-enterprise types"),
    facts=("data_enterprise_profile",),
    parameters=load_parameters(PACKAGE, "parameters/data_industry_classification.yaml"),
)

SME_DIGITAL_EMPOWERMENT_SUPPORT = PolicySpec(
    id=sme_digital_empowerment_support.POLICY_ID,
    title=Text(zh="中小企业数字化赋能专项行动：按数字化水平分档支持（优先支持、“小巨人”分档）",
               en="SME digital empowerment plan: support by digital level (priority support, 小巨人 tracks)"),
    facts=(sme_digital_empowerment_support.SECTION,),
    parameters=load_parameters(PACKAGE, "parameters/sme_digital_empowerment_support.yaml"),
)

SME_DIGITAL_EMPOWERMENT_TARGETS = PolicySpec(
    id=sme_digital_empowerment_targets.POLICY_ID,
    title=Text(zh="中小企业数字化赋能专项行动：2027 年全国指标", en="SME digital empowerment plan: 2027 national indicators"),
    facts=(sme_digital_empowerment_targets.SECTION,),
    parameters=load_parameters(PACKAGE, "parameters/sme_digital_empowerment_targets.yaml"),
)

SME_DIGITAL_LEVEL_ASSESSMENT = PolicySpec(
    id=sme_digital_level_assessment.POLICY_ID,
    title=Text(zh="中小企业数字化水平评测（2024 年版指标）", en="SME digital-level assessment (2024 indicators)"),
    facts=(sme_digital_level_assessment.SECTION,),
    parameters=load_parameters(PACKAGE, "parameters/sme_digital_level_assessment.yaml"),
)

MODULES = (
    (DATA_ASSET_PILOT, data_asset_pilot),
    (ENTERPRISE_DATA_RESOURCES, enterprise_data_resources),
    (DATA_INDUSTRY_CLASSIFICATION, data_industry_classification),
    (DATA_INDUSTRY_GROWTH, data_industry_growth),
    (SME_DIGITAL_CITY_PILOT, sme_digital_city_pilot),
    (SME_DIGITAL_EMPOWERMENT_SUPPORT, sme_digital_empowerment_support),
    (SME_DIGITAL_EMPOWERMENT_TARGETS, sme_digital_empowerment_targets),
    (SME_DIGITAL_LEVEL_ASSESSMENT, sme_digital_level_assessment),
)
POLICIES = tuple(spec for spec, _ in MODULES)

plugin = RulesPlugin(name=NAME, distribution=DISTRIBUTION, fallback_version=__version__, sections=facts.SECTIONS, policies=MODULES)
