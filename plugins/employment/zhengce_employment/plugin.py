"""The employment plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin

from . import __version__, facts, job_retention_refund, skill_upgrade_subsidy, ui_contribution_rate

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

plugin = RulesPlugin(
    name="employment",
    distribution="zhengce-employment",
    fallback_version=__version__,
    sections=facts.SECTIONS,
    policies=[
        (UI_CONTRIBUTION_RATE, ui_contribution_rate),
        (JOB_RETENTION_REFUND, job_retention_refund),
        (SKILL_UPGRADE_SUBSIDY, skill_upgrade_subsidy),
    ],
)
