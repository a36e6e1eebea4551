"""The finance plugin: its policies, declared as data over their rule modules (entry point: ``plugin``)."""

from __future__ import annotations

from zhengce.contracts import Text
from datetime import date

from zhengce.kernel import NotAgain, PolicySpec, RulesPlugin, load_parameters

from . import __version__, facts, audit_report, credit_platforms, credit_release, large_firm_challenge, payment_acceptance, equipment_renewal, little_giant, loan_renewal, npl_tolerance, reits_transition, subsidy_deadlines, tech_guarantee

EQUIPMENT_RENEWAL = PolicySpec(
    id=equipment_renewal.POLICY_ID,
    title=Text(zh="设备更新贷款财政贴息", en="Equipment-renewal loan interest subsidy"),
    facts=("equipment_renewal_loan",),
    parameters=load_parameters("zhengce_finance", "parameters/equipment_renewal_loan_subsidy.yaml"),
)

TECH_GUARANTEE = PolicySpec(
    id=tech_guarantee.POLICY_ID,
    title=Text(zh="支持科技创新专项担保计划", en="Sci-tech SME guarantee plan"),
    facts=("tech_guarantee_firm", "tech_guarantee_deal"),
    parameters=load_parameters("zhengce_finance", "parameters/tech_sme_guarantee.yaml"),
)

LITTLE_GIANT_PARAMETERS = load_parameters("zhengce_finance", "parameters/little_giant_award.yaml")
LITTLE_GIANT = PolicySpec(
    id=little_giant.POLICY_ID,
    title=Text(zh="专精特新“小巨人”企业奖补", en="Awards to 'little giant' specialised SMEs"),
    facts=("little_giant_award", "little_giant_provincial_funds"),
    parameters=LITTLE_GIANT_PARAMETERS,
    relations=(NotAgain(programme="财建〔2021〕2号", fact="little_giant_award.supported_under_caijian_2021_2",
                        cite=LITTLE_GIANT_PARAMETERS.at("entry.not_supported_before", None, date.max)),),
)

LOAN_RENEWAL = PolicySpec(
    id=loan_renewal.POLICY_ID,
    title=Text(zh="小微企业续贷", en="Loan renewal for small and micro firms"),
    facts=("loan_renewal",),
    parameters=load_parameters("zhengce_finance", "parameters/small_micro_loan_renewal.yaml"),
)

REITS_TRANSITION = PolicySpec(
    id=reits_transition.POLICY_ID,
    title=Text(zh="基础设施REITs申报要求过渡规则", en="Infrastructure REITs: which application requirements apply"),
    facts=("infrastructure_reits_project",),
    parameters=load_parameters("zhengce_finance", "parameters/reits_transition.yaml"),
)

NPL_TOLERANCE = PolicySpec(
    id=npl_tolerance.POLICY_ID,
    title=Text(zh="科技型企业不良贷款容忍度", en="NPL tolerance for loans to technology firms"),
    facts=("tech_lending_npl",),
    parameters=load_parameters("zhengce_finance", "parameters/tech_npl_tolerance.yaml"),
)

AUDIT_REPORT = PolicySpec(
    id=audit_report.POLICY_ID,
    title=Text(zh="“小巨人”企业审计报告查验", en="Audit-report verification for little-giant firms"),
    facts=("little_giant_audit_report",),
    parameters=load_parameters("zhengce_finance", "parameters/little_giant_audit_report.yaml"),
)

SUBSIDY_DEADLINES = PolicySpec(
    id=subsidy_deadlines.POLICY_ID,
    title=Text(zh="设备更新贷款财政贴息的办理时限", en="Equipment-renewal loan interest subsidy: administrative deadlines"),
    facts=("equipment_renewal_subsidy_procedure",),
    parameters=load_parameters("zhengce_finance", "parameters/equipment_renewal_subsidy_deadlines.yaml"),
)

LARGE_FIRM_CHALLENGE = PolicySpec(
    id=large_firm_challenge.POLICY_ID,
    title=Text(zh="大企业“发榜”中小企业“揭榜”", en="Large firms post technology needs, SMEs answer them"),
    facts=("large_firm_challenge",),
    parameters=load_parameters("zhengce_finance", "parameters/large_firm_challenge.yaml"),
)

PAYMENT_ACCEPTANCE = PolicySpec(
    id=payment_acceptance.POLICY_ID,
    title=Text(zh="保障消费者支付选择权", en="Consumers' choice of means of payment"),
    facts=("payment_venue", "bank_branch_cash"),
    parameters=load_parameters("zhengce_finance", "parameters/payment_acceptance.yaml"),
)

CREDIT_PLATFORMS = PolicySpec(
    id=credit_platforms.POLICY_ID,
    title=Text(zh="地方融资信用服务平台整合", en="Consolidation of local financing credit-service platforms"),
    facts=("credit_platform_region",),
    parameters=load_parameters("zhengce_finance", "parameters/credit_platform_consolidation.yaml"),
)

CREDIT_RELEASE = PolicySpec(
    id=credit_release.POLICY_ID,
    title=Text(zh="融资信用服务平台对外提供信用信息", en="Release of credit information by financing credit-service platforms"),
    facts=("credit_information_release",),
    parameters=load_parameters("zhengce_finance", "parameters/credit_information_release.yaml"),
)

POLICIES: tuple[tuple[PolicySpec, object], ...] = (
    (EQUIPMENT_RENEWAL, equipment_renewal),
    (TECH_GUARANTEE, tech_guarantee),
    (LITTLE_GIANT, little_giant),
    (LOAN_RENEWAL, loan_renewal),
    (REITS_TRANSITION, reits_transition),
    (NPL_TOLERANCE, npl_tolerance),
    (AUDIT_REPORT, audit_report),
    (SUBSIDY_DEADLINES, subsidy_deadlines),
    (LARGE_FIRM_CHALLENGE, large_firm_challenge),
    (PAYMENT_ACCEPTANCE, payment_acceptance),
    (CREDIT_PLATFORMS, credit_platforms),
    (CREDIT_RELEASE, credit_release),
)

plugin = RulesPlugin(name="finance", distribution="zhengce-finance", fallback_version=__version__, sections=facts.SECTIONS, policies=POLICIES)
