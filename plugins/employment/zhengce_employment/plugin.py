"""The employment plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin

from . import (
    __version__,
    domestic_service_training,
    facts,
    job_retention_refund,
    pension_disability_allowance,
    postal_express_major_hazard,
    private_enterprise_training_volume,
    skill_upgrade_subsidy,
    ui_contribution_rate,
)

UI_CONTRIBUTION_RATE = PolicySpec(
    id=ui_contribution_rate.POLICY_ID,
    title=Text(zh="阶段性降低失业保险费率", en="Reduced unemployment-insurance rate"),
    facts=("ui_contribution",),
    parameters=ui_contribution_rate.PARAMETERS,
)

JOB_RETENTION_REFUND = PolicySpec(
    id=job_retention_refund.POLICY_ID,
    title=Text(zh="失业保险稳岗返还", en="Unemployment-insurance job-retention refund"),
    facts=("job_retention_refund",),
    parameters=job_retention_refund.PARAMETERS,
)

SKILL_UPGRADE_SUBSIDY = PolicySpec(
    id=skill_upgrade_subsidy.POLICY_ID,
    title=Text(zh="失业保险技能提升补贴", en="Unemployment-insurance skill-upgrade subsidy"),
    facts=("skill_upgrade_claim",),
    parameters=skill_upgrade_subsidy.PARAMETERS,
)

PENSION_DISABILITY_ALLOWANCE = PolicySpec(
    id=pension_disability_allowance.POLICY_ID,
    title=Text(zh="企业职工基本养老保险病残津贴", en="Disability allowance of the enterprise employees' basic pension"),
    facts=("disability_allowance",),
    parameters=pension_disability_allowance.PARAMETERS,
)

DOMESTIC_SERVICE_TRAINING = PolicySpec(
    id=domestic_service_training.POLICY_ID,
    title=Text(zh="家政从业人员培训与家政培训行动目标", en="Domestic-service worker training and programme targets"),
    facts=("domestic_worker_training", "domestic_training_programmes"),
    parameters=domestic_service_training.PARAMETERS,
)

PRIVATE_ENTERPRISE_TRAINING_VOLUME = PolicySpec(
    id=private_enterprise_training_volume.POLICY_ID,
    title=Text(zh="百万民企员工职业技能提升行动年度目标", en="Yearly aim of the private-enterprise skills action"),
    facts=("private_enterprise_training",),
    parameters=private_enterprise_training_volume.PARAMETERS,
)

POSTAL_EXPRESS_MAJOR_HAZARD = PolicySpec(
    id=postal_express_major_hazard.POLICY_ID,
    title=Text(zh="邮政快递生产安全重大事故隐患判定", en="Major accident hazards at postal and express sites"),
    facts=("postal_safety_site",),
    parameters=postal_express_major_hazard.PARAMETERS,
)

plugin = RulesPlugin(
    name="employment",
    distribution="zhengce-employment",
    fallback_version=__version__,
    sections=facts.SECTIONS,
    policies=[
        (UI_CONTRIBUTION_RATE, ui_contribution_rate),
        (JOB_RETENTION_REFUND, job_retention_refund),
        (SKILL_UPGRADE_SUBSIDY, skill_upgrade_subsidy),
        (PENSION_DISABILITY_ALLOWANCE, pension_disability_allowance),
        (DOMESTIC_SERVICE_TRAINING, domestic_service_training),
        (PRIVATE_ENTERPRISE_TRAINING_VOLUME, private_enterprise_training_volume),
        (POSTAL_EXPRESS_MAJOR_HAZARD, postal_express_major_hazard),
    ],
)
