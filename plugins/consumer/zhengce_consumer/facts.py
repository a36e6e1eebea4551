"""The case sections of the consumer-protection domain, owned by this plugin.

Every section describes one situation a rule judges: an operator's violations (for the fines),
a prepaid-consumption relationship, a purchase (returns, repairs, refunds, deposits), a fraud
claim, an operator's practices (disclosure, auto-renewal, marketing, personal data), a complaint
handled by an authority, a care institution or residential project (国发〔2024〕18号), a catering
business (商服贸发〔2024〕46号), a drug-distribution licence file (国家药监局公告2024年第48号) and
a retail enterprise (零售业创新提升工程实施方案).  A flag is ``None`` when the case does not say;
a number the seed leaves to another law (a return window, a compensation multiple) is a fact.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Text
from zhengce.contracts.domains import count, day, items, money, quantity
from zhengce.kernel import FactSection

# --- 国令第778号 第五十条、第五十一条: fines -------------------------------------------


class Mitigation(str, enum.Enum):
    """The grounds of 第五十一条 (从轻、减轻或者不予处罚 under 行政处罚法)."""

    HARM_ELIMINATED_OR_REDUCED = "harm_eliminated_or_reduced"  # 主动消除或者减轻违法行为危害后果
    MINOR_CORRECTED_NO_HARM = "minor_corrected_no_harm"  # 违法行为轻微并及时改正且没有造成危害后果
    FIRST_OFFENCE_MINOR_HARM_CORRECTED = "first_offence_minor_harm_corrected"  # 初次违法且危害后果轻微并及时改正
    NONE = "none"


@attrs.frozen(kw_only=True)
class ConsumerViolation:
    """One breach of 国令第778号 by an operator.

    ``article`` is the article breached (e.g. 10 for 第十条); ``illegal_gains`` the 违法所得
    (0: none); ``other_law_sets_penalty`` whether another law or regulation sets the authority and
    the penalty (第五十条第一款 then defers to it); ``committed_on`` the day of the act.
    """

    article: int | None = count(minimum=1, maximum=53)
    illegal_gains: Decimal | None = money()
    other_law_sets_penalty: bool | None = None
    serious: bool | None = None  # 情节严重
    mitigation: Mitigation | None = None
    committed_on: date | None = day()


@attrs.frozen(kw_only=True)
class ConsumerViolations:
    """The operator's breaches of 国令第778号 found in one case."""

    violations: tuple[ConsumerViolation, ...] = items()


# --- 第二十一条、第二十二条: prepaid consumption -----------------------------------------


class PrepaidDemand(str, enum.Enum):
    """What the consumer asks for when the operator fails or closes (第二十二条)."""

    PERFORM = "perform"  # 履行约定 / 继续履行
    REFUND = "refund"  # 退还预付款（余额）


@attrs.frozen(kw_only=True)
class PrepaidConsumption:
    """An operator's prepaid-consumption relationship with a consumer (预付式消费).

    ``prepaid`` is what the consumer paid in advance, ``consumed`` the value of the goods or
    services already received at the agreed prices.  ``closure_on`` is the day the operator stops
    business or moves (停业或者迁移服务场所), ``notice_posted_on`` the day it posted its contact
    details prominently (第二十一条).
    """

    written_contract: bool | None = None
    contract_has_required_terms: bool | None = None  # 具体内容、价款或者费用、预付款退还方式、违约责任
    prepaid: Decimal | None = money()
    consumed: Decimal | None = money()
    provided_as_agreed: bool | None = None
    quality_lowered: bool | None = None
    price_raised: bool | None = None
    major_operating_risk: bool | None = None  # 重大经营风险，有可能影响正常提供
    collected_after_risk: bool | None = None
    closure_on: date | None = day()
    notice_posted_on: date | None = day()
    consumers_told_in_advance: bool | None = None
    consumer_demand: PrepaidDemand | None = None


# --- 第十八条–第二十条: returns, repairs, refunds, deposits --------------------------------


@attrs.frozen(kw_only=True)
class ConsumerPurchase:
    """A purchase of goods or services and what followed it.

    Warranty: ``agreed_period_days`` is the agreed period for return, replacement and repair
    (有效期限), ``statutory_minimum_days`` the minimum national rules require (not in the seed:
    an input); the period runs from ``delivered_on`` (交付或者服务完结), or ``installed_on`` for
    goods the operator installs, restarts at ``replaced_on`` and stops during ``repair_days``.
    Refund: ``invoice_price`` is the price on the invoice or voucher, ``actual_paid`` what the
    consumer paid when the operator proves it differs.  No-reason returns of remote sales:
    ``return_window_days`` is the window of 消费者权益保护法第二十五条 (an input).
    """

    delivered_on: date | None = day()
    needs_installation: bool | None = None
    installed_on: date | None = day()
    agreed_period_days: int | None = count(minimum=1, maximum=36500)  # at most a century
    statutory_minimum_days: int | None = count(maximum=36500)
    replaced_on: date | None = day()
    repair_days: int | None = count(maximum=36500)
    return_due: bool | None = None  # a return is owed under national rules or the agreement
    invoice_price: Decimal | None = money()
    actual_paid: Decimal | None = money()
    operator_proves_actual_paid: bool | None = None
    remote_sale: bool | None = None  # 网络、电视、电话、邮购
    excluded_from_no_reason_return: bool | None = None  # the goods are marked as not returnable without reason
    exclusion_marked_prominently: bool | None = None
    exclusion_confirmed_by_consumer: bool | None = None
    exclusion_preselected: bool | None = None  # 不适用无理由退货 as a default option
    received_on: date | None = day()
    return_requested_on: date | None = day()
    return_window_days: int | None = count(minimum=1, maximum=3650)
    goods_intact: bool | None = None
    opened_only_to_inspect: bool | None = None  # 查验、合理调试，不影响原有品质、功能和外观
    deposit: Decimal | None = money()
    deposit_terms_agreed: bool | None = None  # 退还押金的方式、程序和时限
    deposit_conditions_unreasonable: bool | None = None
    deposit_refund_conditions_met: bool | None = None


# --- 第四十九条: compensation for fraud ----------------------------------------------------


@attrs.frozen(kw_only=True)
class FraudClaim:
    """A consumer's claim for increased compensation for fraud (第四十九条, 消保法第五十五条第一款).

    ``law_multiple`` and ``law_minimum`` are the multiple of the price and the floor that
    消费者权益保护法第五十五条第一款 sets: the seed does not contain them, so they are inputs.
    """

    price_paid: Decimal | None = money()
    fraud_found: bool | None = None
    flaw_only_in_labels_not_misleading: bool | None = None  # 标签标识、说明书、宣传材料的瑕疵，不影响质量且不误导
    claimant_schemed: bool | None = None  # 夹带、掉包、造假、篡改生产日期、捏造事实骗取赔偿或者敲诈勒索
    law_multiple: Decimal | None = quantity()
    law_minimum: Decimal | None = money()


# --- 第七条、第九–十一条、第二十三–二十四条: practices ----------------------------------------


@attrs.frozen(kw_only=True)
class ConsumerPractices:
    """An operator's practices towards consumers, each a flag (None: the case does not say).

    Auto-renewal (第十条第二款): ``service_starts_on`` and ``renewal_on`` are the day the
    consumer accepts the service and the automatic renewal day; the ``reminded_*`` days are when
    the operator prominently reminded the consumer (None: no reminder known).
    """

    free_item_has_flaw: bool | None = None
    free_item_flaw_disclosed: bool | None = None  # 在提供商品或者服务前如实告知
    fabricated_reviews_or_data: bool | None = None
    covert_different_prices: bool | None = None  # 同一商品在同等交易条件下设置不同价格
    prices_clearly_marked: bool | None = None
    auto_renewal: bool | None = None
    service_starts_on: date | None = day()
    reminded_before_start_on: date | None = day()
    renewal_on: date | None = day()
    reminded_before_renewal_on: date | None = day()
    bundled_offer: bool | None = None
    bundling_prominently_noted: bool | None = None
    forced_purchase: bool | None = None
    excessive_data_collection: bool | None = None
    blanket_or_default_consent: bool | None = None
    processes_sensitive_data: bool | None = None  # 生物识别、宗教信仰、特定身份、医疗健康、金融账户、行踪轨迹
    processes_data_of_under_14s: bool | None = None
    sends_marketing: bool | None = None
    marketing_consent: bool | None = None
    opt_out_offered: bool | None = None
    marketing_after_opt_out: bool | None = None


# --- 第四十六条: complaints -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ConsumerComplaint:
    """A consumer's complaint to a market-regulation or other authority.

    ``holidays`` and ``extra_working_days`` are the public holidays and 调休 working weekend
    days of the year (the holiday calendar is not in the seed); ``appraisal_days`` the days of
    appraisal or testing during mediation, which are not counted in the 60 days.
    """

    real_identity: bool | None = None
    named_respondent: bool | None = None
    specific_request_and_facts: bool | None = None
    received_on: date | None = day()
    handled_on: date | None = day()  # 予以处理并告知消费者
    accepted: bool | None = None
    accepted_on: date | None = day()
    mediation_agreed: bool | None = None
    appraisal_days: int | None = count(maximum=3650)
    mediation_ended_on: date | None = day()
    holidays: tuple[date, ...] = items(each=day())
    extra_working_days: tuple[date, ...] = items(each=day())


# --- 国发〔2024〕18号: care institutions and new residential projects ---------------------


class CareKind(str, enum.Enum):
    """What kind of institution (养老托育机构)."""

    ELDERLY_CARE = "elderly_care"  # 养老机构
    CHILDCARE = "childcare"  # 托育机构
    OTHER = "other"


class Tariff(str, enum.Enum):
    """The price class a utility bills at."""

    RESIDENTIAL = "residential"  # 居民生活类价格
    COMMERCIAL = "commercial"  # 非居民 / 工商业
    OTHER = "other"


@attrs.frozen(kw_only=True)
class CareInstitution:
    """An institution and the price classes its water, electricity, gas and heat are billed at."""

    kind: CareKind | None = None
    water_tariff: Tariff | None = None
    electricity_tariff: Tariff | None = None
    gas_tariff: Tariff | None = None
    heat_tariff: Tariff | None = None


@attrs.frozen(kw_only=True)
class ResidentialProject:
    """A new residential community and its elderly-care and childcare facilities (配套养老托育服务设施)."""

    new_residential: bool | None = None
    facilities_planned_together: bool | None = None
    facilities_built_together: bool | None = None
    facilities_accepted_together: bool | None = None
    facilities_delivered_together: bool | None = None


# --- 商服贸发〔2024〕46号: catering ------------------------------------------------------


@attrs.frozen(kw_only=True)
class CateringBusiness:
    """A catering business (餐饮经营主体), what it does, and what utilities and authorities do to it."""

    refuses_cash: bool | None = None
    keeps_manual_service: bool | None = None
    forces_qr_ordering: bool | None = None
    forces_consumption: bool | None = None
    charged_meter_verification_fee: bool | None = None
    charged_irregular_fees: bool | None = None  # 以安装设备、开展认证认定、购买指定保险等名义
    qualifies_for_separate_metering: bool | None = None  # 符合条件 (the conditions are not in the seed)
    has_separate_metering: bool | None = None
    penalty_decided_on: date | None = day()
    penalty_notice_on: date | None = day()
    notice_states_content_facts_reasons_basis: bool | None = None
    notice_states_rights: bool | None = None  # 陈述、申辩、要求听证等权利


# --- 国家药监局公告2024年第48号: drug distribution ----------------------------------------


class DrugBusiness(str, enum.Enum):
    """The kind of drug-distribution enterprise."""

    WHOLESALE = "wholesale"  # 药品批发企业
    RETAIL = "retail"  # 药品零售企业
    RETAIL_CHAIN_HQ = "retail_chain_hq"  # 药品零售连锁总部


class DrugClass(str, enum.Enum):
    """A drug's dispensing class."""

    OTC_B = "otc_b"  # 乙类非处方药
    OTC_A = "otc_a"  # 甲类非处方药
    RX = "rx"  # 处方药


@attrs.frozen(kw_only=True)
class DrugLicensing:
    """A drug-distribution enterprise's licence file (药品经营许可证) and what it sells.

    ``licence_event_on`` is the day a licensing matter (核发、重新审查发证、变更、吊销、撤销、注销)
    was completed and ``uploaded_on`` the day the authority uploaded it to the national platform.
    """

    kind: DrugBusiness | None = None
    new_application: bool | None = None
    own_warehouse: bool | None = None  # 自营仓库，符合现代物流要求
    warehouse_run_by_own_staff: bool | None = None
    sells_only_otc_b: bool | None = None
    has_pharmacist: bool | None = None  # 执业药师或者其他依法经过资格认定的药学技术人员
    sells_blood_or_cell_products: bool | None = None
    quality_and_traceability: bool | None = None
    sells_cell_therapy: bool | None = None
    e_prescription_link: bool | None = None
    pharmacist_degree_and_training: bool | None = None  # 相关专业本科以上学历，经持有人培训考核
    sells_poppy_shell: bool | None = None
    scope_marks_poppy_shell: bool | None = None
    sells_toxic_slices: bool | None = None
    scope_marks_toxic_slices: bool | None = None
    sells_cold_chain: bool | None = None
    scope_marks_cold_chain: bool | None = None
    mode_marks_chain_hq: bool | None = None  # 零售（连锁总部）
    vending_machine_classes: tuple[DrugClass, ...] = items()
    vending_address_on_licence: bool | None = None
    licence_event_on: date | None = day()
    uploaded_on: date | None = day()
    deregistration_requested: bool | None = None
    open_case: bool | None = None  # 立案未结案
    penalty_unfulfilled: bool | None = None  # 行政处罚决定未履行完毕
    warehouse_in_other_province: bool | None = None
    other_province_consented: bool | None = None
    warehouse_meets_both_provinces: bool | None = None


# --- 零售业创新提升工程实施方案: retail -----------------------------------------------------


class PilotCity(str, enum.Enum):
    """How a city enters the retail innovation pilot."""

    MUNICIPALITY = "municipality"  # 直辖市
    SEPARATELY_PLANNED = "separately_planned"  # 计划单列市
    OTHER = "other"  # recommended by the province


@attrs.frozen(kw_only=True)
class RetailBusiness:
    """A retail enterprise, the local rules it meets, and a city's pilot application."""

    refuses_rmb_cash: bool | None = None
    issues_single_purpose_prepaid_cards: bool | None = None  # 单用途商业预付卡
    prepaid_cards_filed: bool | None = None  # 备案
    local_rules_require_legal_entity_branch: bool | None = None
    pilot_city_kind: PilotCity | None = None
    pilot_first_batch: bool | None = None  # the application is for the first batch
    pilot_application_on: date | None = day()
    pilot_confirmed_on: date | None = day()


#: The case sections this plugin owns.
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="consumer_violations", type=ConsumerViolations,
                title=Text(zh="经营者违反消费者权益保护法实施条例的行为", en="An operator's breaches of the consumer-protection regulation")),
    FactSection(name="prepaid_consumption", type=PrepaidConsumption,
                title=Text(zh="预付式消费", en="Prepaid consumption")),
    FactSection(name="consumer_purchase", type=ConsumerPurchase,
                title=Text(zh="购买商品或者接受服务：三包、退货、押金", en="A purchase: warranty, returns, deposits")),
    FactSection(name="fraud_claim", type=FraudClaim,
                title=Text(zh="欺诈赔偿请求", en="A claim for compensation for fraud")),
    FactSection(name="consumer_practices", type=ConsumerPractices,
                title=Text(zh="经营者的经营行为：信息、价格、自动续费、营销、个人信息", en="An operator's practices: information, prices, auto-renewal, marketing, data")),
    FactSection(name="consumer_complaint", type=ConsumerComplaint,
                title=Text(zh="向行政部门的消费投诉", en="A consumer complaint to an authority")),
    FactSection(name="care_institution", type=CareInstitution,
                title=Text(zh="养老托育机构及其水电气热价格", en="A care institution and its utility tariffs")),
    FactSection(name="residential_project", type=ResidentialProject,
                title=Text(zh="新建住宅小区及其配套养老托育服务设施", en="A new residential community and its care facilities")),
    FactSection(name="catering_business", type=CateringBusiness,
                title=Text(zh="餐饮经营主体", en="A catering business")),
    FactSection(name="drug_licensing", type=DrugLicensing,
                title=Text(zh="药品经营企业许可", en="A drug-distribution enterprise's licence")),
    FactSection(name="retail_business", type=RetailBusiness,
                title=Text(zh="零售企业及零售业创新提升试点", en="A retail enterprise and the retail innovation pilot")),
)
