"""The trade_investment plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin

from . import (__version__, aeo_facilitation, aeo_guarantee_waiver, facts, fdi_facilitation, reinvestment_duty,
               strategic_eligibility, strategic_lockup)

STRATEGIC_ELIGIBILITY = PolicySpec(
    id=strategic_eligibility.POLICY_ID,
    title=Text(zh="外国投资者对上市公司战略投资的范围与投资者条件", en="Foreign strategic investment in a listed company: scope and the investor's conditions"),
    facts=("strategic_investment",),
    parameters=strategic_eligibility.PARAMETERS,
)

STRATEGIC_LOCKUP = PolicySpec(
    id=strategic_lockup.POLICY_ID,
    title=Text(zh="战略投资股份的限售期、投资信息报送与处罚", en="Strategic investment shares: lock-up, investment reports and sanctions"),
    facts=("strategic_holding",),
    parameters=strategic_lockup.PARAMETERS,
)

AEO_FACILITATION = PolicySpec(
    id=aeo_facilitation.POLICY_ID,
    title=Text(zh="高级认证企业海关便利措施", en="Customs facilitation for AEO enterprises (Authorized Economic Operators)"),
    facts=("customs_enterprise",),
    parameters=aeo_facilitation.PARAMETERS,
)

AEO_GUARANTEE_WAIVER = PolicySpec(
    id=aeo_guarantee_waiver.POLICY_ID,
    title=Text(zh="高级认证企业申请免除税款担保试点", en="AEO pilot: waiving the duty guarantee of two-step declaration"),
    facts=("guarantee_waiver",),
    parameters=aeo_guarantee_waiver.PARAMETERS,
)

REINVESTMENT_DUTY = PolicySpec(
    id=reinvestment_duty.POLICY_ID,
    title=Text(zh="外商投资企业境内再投资项目进口自用设备免征关税", en="Import-duty exemption on own-use equipment for an FIE's domestic reinvestment project"),
    facts=("reinvestment",),
    parameters=reinvestment_duty.PARAMETERS,
)

FDI_FACILITATION = PolicySpec(
    id=fdi_facilitation.POLICY_ID,
    title=Text(zh="外商投资企业人员签证与信息报送便利", en="Visas for FIE staff and no repeat information reports"),
    facts=("fdi_facilitation",),
    parameters=fdi_facilitation.PARAMETERS,
)

POLICIES = (STRATEGIC_ELIGIBILITY, STRATEGIC_LOCKUP, AEO_FACILITATION, AEO_GUARANTEE_WAIVER, REINVESTMENT_DUTY, FDI_FACILITATION)

plugin = RulesPlugin(
    name="trade_investment",
    distribution="zhengce-trade-investment",
    fallback_version=__version__,
    sections=facts.SECTIONS,
    policies=[(STRATEGIC_ELIGIBILITY, strategic_eligibility), (STRATEGIC_LOCKUP, strategic_lockup),
              (AEO_FACILITATION, aeo_facilitation), (AEO_GUARANTEE_WAIVER, aeo_guarantee_waiver),
              (REINVESTMENT_DUTY, reinvestment_duty), (FDI_FACILITATION, fdi_facilitation)],
)
