"""The consumer plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import (__version__, care_tariff, catering, complaints, drug_licensing, facts, fines, fraud, practices, prepaid, retail,
               returns)


def _params(name: str):
    return load_parameters("zhengce_consumer", f"parameters/{name}.yaml")


FINES = PolicySpec(id=fines.POLICY_ID, title=Text(zh="消费者权益保护法实施条例规定的罚款", en="Fines under the consumer-protection regulation"),
                   facts=("consumer_violations",), parameters=_params("cpl_regulation_fines"))
PREPAID = PolicySpec(id=prepaid.POLICY_ID, title=Text(zh="预付式消费的经营者义务与退款", en="Prepaid consumption: the operator's duties and refunds"),
                     facts=("prepaid_consumption",), parameters=_params("prepaid_consumption"))
RETURNS = PolicySpec(id=returns.POLICY_ID, title=Text(zh="三包有效期限、退货退款与押金", en="Warranty period, returns, refunds and deposits"),
                     facts=("consumer_purchase",), parameters=_params("returns_repairs_and_refunds"))
FRAUD = PolicySpec(id=fraud.POLICY_ID, title=Text(zh="经营者欺诈的赔偿", en="Compensation for an operator's fraud"),
                   facts=("fraud_claim",), parameters=_params("fraud_compensation"))
PRACTICES = PolicySpec(id=practices.POLICY_ID, title=Text(zh="信息、价格、自动续费、营销与个人信息义务",
                                                           en="Information, pricing, auto-renewal, marketing and personal-data duties"),
                       facts=("consumer_practices",), parameters=_params("disclosure_pricing_and_data"))
COMPLAINTS = PolicySpec(id=complaints.POLICY_ID, title=Text(zh="消费投诉处理与调解期限", en="Deadlines for handling and mediating consumer complaints"),
                        facts=("consumer_complaint",), parameters=_params("complaint_handling_deadlines"))

CARE_TARIFF = PolicySpec(id=care_tariff.POLICY_ID, title=Text(zh="养老托育机构水电气热居民价格与新建小区配套设施同步",
                                                               en="Residential utility prices for care institutions; care facilities delivered with new communities"),
                         facts=("care_institution", "residential_project"), parameters=_params("care_institution_utility_tariff"))
CATERING = PolicySpec(id=catering.POLICY_ID, title=Text(zh="餐饮经营秩序与涉企收费、执法程序", en="Catering: business conduct, fees and enforcement procedure"),
                      facts=("catering_business",), parameters=_params("catering_merchant_rules"))
DRUG_LICENSING = PolicySpec(id=drug_licensing.POLICY_ID, title=Text(zh="药品经营许可的条件与监管", en="Drug-distribution licensing conditions and supervision"),
                            facts=("drug_licensing",), parameters=_params("drug_retail_licensing_checks"))
RETAIL = PolicySpec(id=retail.POLICY_ID, title=Text(zh="零售企业现金、预付卡、地方门槛与零售业创新提升试点",
                                                     en="Retail: cash, prepaid cards, local barriers and the retail innovation pilot"),
                    facts=("retail_business",), parameters=_params("retail_cash_prepaid_and_pilot"))

plugin = RulesPlugin(
    name="consumer",
    distribution="zhengce-consumer",
    fallback_version=__version__,
    sections=facts.SECTIONS,
    policies=[(FINES, fines), (PREPAID, prepaid), (RETURNS, returns), (FRAUD, fraud), (PRACTICES, practices),
              (COMPLAINTS, complaints), (CARE_TARIFF, care_tariff), (CATERING, catering), (DRUG_LICENSING, drug_licensing),
              (RETAIL, retail)],
)
