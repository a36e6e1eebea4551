"""Fact types of the finance domain.

The sections of this domain are the fields of :class:`FinanceFacts`, which
:class:`~zhengce.contracts.Case` mixes in.  Each section is optional: a case
carries facts for only the domains it concerns.  List memberships (备选项目清单,
再贷款清单, 科技型中小企业信息库, 小巨人 lists), a loan's contractual day-count
basis and similar external facts are inputs: the engine never guesses them.

Ratios and rates are ``Decimal`` fractions (``0.2`` = 20%, ``0.005`` = 0.5%).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import count, day, items, money, rate, year
from zhengce.kernel import FactSection

# --- 财金〔2024〕54号: 设备更新贷款财政贴息 ------------------------------------------


@attrs.frozen(kw_only=True)
class PrincipalRepayment:
    """A repayment of principal (the principal outstanding falls from ``repaid_on``)."""

    repaid_on: date | None = day()
    amount: Decimal | None = money()


@attrs.frozen(kw_only=True)
class EquipmentRenewalLoan:
    """A bank loan for an equipment-renewal project (财金〔2024〕54号).

    ``lending_bank`` is the bank's name as 54号 二(一) lists it (``招商银行``; a
    leading ``中国`` is tolerated: ``中国光大银行``).  ``day_count_basis`` is the
    loan contract's interest day-count (360 or 365 days a year): the subsidy is
    deducted from the interest collected, so it follows the contract's
    convention — 54号 does not state one.  ``annual_interest_rate`` is the
    contract rate (for the netting against interest collected).
    ``failed_review_quarters`` are quarters (``2024Q3``) whose subsidy the MOF
    regional office did not approve (复审不通过).  ``subsidy_received`` is the
    subsidy the borrower has received so far (for a clawback).
    """

    project_on_candidate_list: bool | None = None  # 纳入相关部门确定的备选项目清单
    pboc_relending_supported: bool | None = None  # 获得人民银行设备更新相关再贷款支持
    lending_bank: str | None = None
    loan_contract_signed_on: date | None = day()
    purchase_contract_signed_on: date | None = day()  # 设备购置或更新改造服务采购合同
    disbursed_on: date | None = day()  # 贷款资金发放至经营主体
    paid_to_supplier_on: date | None = day()  # 划付供应商账户之日
    principal: Decimal | None = money()
    repayments: tuple[PrincipalRepayment, ...] = items()
    maturity_date: date | None = day()
    day_count_basis: int | None = count(minimum=1, maximum=366)
    annual_interest_rate: Decimal | None = rate()
    funds_used_for_equipment_renewal: bool | None = None
    failed_review_quarters: tuple[str, ...] = items()
    subsidy_received: Decimal | None = money()


# --- 财金〔2024〕60号: 支持科技创新专项担保计划 ----------------------------------------


class TechSmeCategory(str, enum.Enum):
    """The target categories of 60号 二(一) (each one currently valid, 在存续期内)."""

    TECH_SME = "tech_sme"  # 科技型中小企业（全国科技型中小企业信息库）
    HIGH_TECH = "high_tech"  # 高新技术中小企业
    LITTLE_GIANT = "little_giant"  # 专精特新“小巨人”企业
    SRDI_SME = "srdi_sme"  # 专精特新中小企业
    INNOVATIVE_SME = "innovative_sme"  # 经省级中小企业主管部门公告的创新型中小企业
    NATIONAL_ST_PROJECT = "national_st_project"  # 正在承担国家科技项目
    ST_PROJECT_CONVERSION = "st_project_conversion"  # 项目验收处于成果转化应用期
    INNOVATION_POINTS = "innovation_points"  # “创新积分制”备选企业


@attrs.frozen(kw_only=True)
class TechGuaranteeFirm:
    """A firm seeking a guarantee under the sci-tech guarantee plan (60号 二(一)).

    ``categories`` are the target categories the firm holds and that are valid
    now; the lists are kept by MOST and MIIT (external).  Enterprise size is read
    from the shared ``enterprise.size`` (划型 by 工信部联企业〔2011〕300号, external).
    """

    categories: tuple[TechSmeCategory, ...] | None = None
    registered_in_prc: bool | None = None  # 境内工商注册登记
    independent_legal_person: bool | None = None
    on_abnormal_or_dishonest_list: bool | None = None  # 经营异常名录或失信主体名单
    products_prohibited_restricted_or_obsolete: bool | None = None
    major_incident_or_violation_3y: bool | None = None  # 近三年重大事故或偷漏税等违法违规


@attrs.frozen(kw_only=True)
class TechGuaranteeDeal:
    """A proposed guaranteed loan and its risk-sharing terms (60号 二(二)–(五)).

    Shares are fractions of the loan amount.  ``guarantee_amount`` is the 单笔担保金额
    of the re-guarantee business; ``borrower_guaranteed_balance`` the borrower's
    outstanding guaranteed balance (单户在保余额) including this deal.
    ``other_fees`` names every fee charged besides interest and the guarantee fee.
    ``compensation_cap_rate`` is the 代偿赔付上限 agreed between the fund and
    the provincial re-guarantor.
    """

    loan_amount: Decimal | None = money()
    guarantee_amount: Decimal | None = money()
    bank_share: Decimal | None = rate()
    government_share: Decimal | None = rate()
    fund_share: Decimal | None = rate()  # 国家融资担保基金
    provincial_reguarantee_share: Decimal | None = rate()
    reguarantee_fee_rate: Decimal | None = rate()
    other_fees: tuple[str, ...] | None = None
    borrower_guaranteed_balance: Decimal | None = money()
    compensation_cap_rate: Decimal | None = rate()


# --- 财建〔2024〕148号: 专精特新“小巨人”企业奖补 ------------------------------------


class ListingVenue(str, enum.Enum):
    """Where a firm's shares are publicly offered."""

    SSE = "sse"  # 上交所
    SZSE = "szse"  # 深交所
    BSE = "bse"  # 北交所
    OVERSEAS = "overseas"  # 境外公开发行股票
    NEEQ = "neeq"  # 新三板挂牌（not named by 148号）


class PlanAspect(str, enum.Enum):
    """The aspects of a 推进计划: the “三新” and the “一强”."""

    NEW_MOMENTUM = "new_momentum"  # 打造新动能
    NEW_TECHNOLOGY = "new_technology"  # 攻坚新技术
    NEW_PRODUCT = "new_product"  # 开发新产品
    SUPPLY_CHAIN = "supply_chain"  # 强化产业链配套能力（一强）


@attrs.frozen(kw_only=True)
class LittleGiantAward:
    """A 小巨人 firm's application and plan under 财建〔2024〕148号.

    ``listings`` is empty when the firm's shares are not publicly offered anywhere.
    The end-of-period facts (``period_ended``, ``realised_investment``,
    ``targets_met``) come from the performance evaluation (绩效评价).
    """

    little_giant_valid: bool | None = None  # 有效期内的“小巨人”企业
    in_key_field: bool | None = None  # 重点领域
    listings: tuple[ListingVenue, ...] | None = None
    supported_under_caijian_2021_2: bool | None = None  # 财建〔2021〕2号 已获支持
    applied_via_third_party: bool | None = None
    plan_aspects: tuple[PlanAspect, ...] | None = None
    plan_targets_set: bool | None = None  # 分别提出绩效目标
    plan_investment: Decimal | None = money()  # 推进计划投资总额
    period_ended: bool | None = None
    realised_investment: Decimal | None = money()
    targets_met: bool | None = None


@attrs.frozen(kw_only=True)
class LittleGiantProvincialFunds:
    """A province's use of one batch of 小巨人 award funds (148号 四(三))."""

    supported_firms: int | None = count()
    total_funds: Decimal | None = money()
    direct_to_firms: Decimal | None = money()
    empowerment_services: Decimal | None = money()  # 培育赋能


# --- 金规〔2024〕13号: 小微企业续贷 ---------------------------------------------------


class RenewalBorrowerKind(str, enum.Enum):
    SMALL_MICRO_ENTERPRISE = "small_micro_enterprise"
    SMALL_MICRO_OWNER = "small_micro_owner"  # 小微企业主
    INDIVIDUAL_BUSINESS = "individual_business"  # 个体工商户
    FARMER = "farmer"  # 农户
    MEDIUM_ENTERPRISE = "medium_enterprise"
    LARGE_ENTERPRISE = "large_enterprise"


class RenewalLoanPurpose(str, enum.Enum):
    WORKING_CAPITAL = "working_capital"  # 流动资金贷款
    OPERATING = "operating"  # 经营性贷款
    FIXED_ASSET = "fixed_asset"
    CONSUMER = "consumer"
    OTHER = "other"


class LoanRiskClass(str, enum.Enum):
    """金融资产风险分类 (five classes)."""

    NORMAL = "normal"  # 正常类
    SPECIAL_MENTION = "special_mention"  # 关注类
    SUBSTANDARD = "substandard"  # 次级类
    DOUBTFUL = "doubtful"  # 可疑类
    LOSS = "loss"  # 损失类


@attrs.frozen(kw_only=True)
class LoanRenewal:
    """A loan renewal (续贷) under 金规〔2024〕13号.

    The five borrower conditions of 三 are the bank's assessments (booleans).
    """

    borrower_kind: RenewalBorrowerKind | None = None
    loan_purpose: RenewalLoanPurpose | None = None
    original_maturity: date | None = day()
    still_needs_financing: bool | None = None  # 到期后仍有融资需求
    temporary_difficulty: bool | None = None  # 临时存在资金困难
    applied_on: date | None = day()  # 债务人主动申请之日
    new_loan_contract_signed_on: date | None = day()
    guarantee_required: bool | None = None
    new_guarantee_contract_signed_on: date | None = day()
    original_risk_class: LoanRiskClass | None = None
    lawful_operation: bool | None = None  # 依法合规经营
    normal_operation_going_concern: bool | None = None
    good_credit_no_misconduct: bool | None = None  # 无挪用、欠息、逃废债
    meets_lending_standards: bool | None = None
    meets_bank_conditions: bool | None = None


# --- 发改投资〔2024〕1014号: 基础设施 REITs 常态化发行（过渡规则） ------------------------


@attrs.frozen(kw_only=True)
class InfrastructureReitsProject:
    """An infrastructure REITs project's standing with the NDRC (发改投资〔2024〕1014号).

    ``formally_accepted`` says whether the NDRC formally accepted (正式受理) the
    application; ``formally_accepted_on`` and ``recommended_to_csrc_on`` date
    the acceptance and the recommendation to the CSRC.
    """

    formally_accepted: bool | None = None
    formally_accepted_on: date | None = day()
    recommended_to_csrc_on: date | None = day()


#: The case sections this plugin owns (declared to the kernel through ``declare_sections``).
# --- 金发〔2024〕2号: 科技型企业不良贷款容忍度 ------------------------------------------

from zhengce.contracts.domains import rate as _rate  # noqa: E402 - kept next to the one class that uses it


class TechFirmSize(str, enum.Enum):
    """The size of the technology firms a bank's loan book is measured for (金发〔2024〕2号 二（五）)."""

    SMALL_MICRO = "small_micro"  # 小微型科技企业
    MEDIUM = "medium"
    LARGE = "large"


@attrs.frozen(kw_only=True)
class TechLendingNpl:
    """A bank's non-performing-loan ratios: over all its loans, and over its loans to technology
    firms of one size class (fractions: 0.015 is 1.5%)."""

    firm_size: TechFirmSize | None = None
    overall_npl_ratio: Decimal | None = _rate()  # 各项贷款不良率
    tech_npl_ratio: Decimal | None = _rate()  # 该类科技型企业贷款不良率


# --- 财办会〔2024〕15号: “小巨人”企业审计报告查验 --------------------------------------


class AuditReportOccasion(str, enum.Enum):
    """Why a firm submits an audit report to the 优质中小企业梯度培育平台 (15号 三)."""

    APPLICATION = "application"  # 参评专精特新“小巨人”企业
    EXPIRY_REVIEW = "expiry_review"  # 到期复核
    INFO_UPDATE = "info_update"  # 更新信息
    OTHER_SME_EVALUATION = "other_sme_evaluation"  # 创新型中小企业、专精特新中小企业等其他评价认定（15号 四：鼓励参照）


@attrs.frozen(kw_only=True)
class LittleGiantAuditReport:
    """An audit report a (candidate) 小巨人 firm submits: whether the accounting firm filed it on the
    注册会计师行业统一监管平台 with a verification code, and whether the upload is the coded electronic
    original downloaded from that platform."""

    occasion: AuditReportOccasion | None = None
    verification_code: bool | None = None  # 在统一监管平台报备并赋予验证码
    uploaded_platform_original: bool | None = None  # 上传的是从统一监管平台下载的已赋码审计报告电子版原件


# --- 财金〔2024〕54号 三、五（一）: the administrative deadlines of the interest subsidy ------------------


@attrs.frozen(kw_only=True)
class EquipmentRenewalSubsidyProcedure:
    """The steps of one quarter's interest-subsidy claim between the lending bank, the city and provincial
    finance departments and the Ministry of Finance's local supervision bureau (财金〔2024〕54号 三), plus
    the yearly settlement, the final liquidation and the 2024 demand report.  Every date is the day a step
    was received or done; a step without its date is not computed.  ``working_days_off`` and
    ``extra_working_days`` correct the shipped holiday calendar (``zhengce.kernel.workdays``)."""

    quarter_end: date | None = day()  # the last day of the quarter claimed (03-31, 06-30, 09-30, 12-31)
    application_received_on: date | None = day()  # 省级财政部门收到经办银行省级分支机构的贴息资金申请
    advance_paid_on: date | None = day()  # 80% 拨付至经办银行省级分支机构
    city_review_reported_on: date | None = day()  # 地市级财政部门报送审核结果和有关资料
    city_results_received_on: date | None = day()  # 省级财政部门收到地市级审核结果
    review_request_sent_on: date | None = day()  # 省级财政部门向监管局报送审核申请
    review_request_received_on: date | None = day()  # 监管局收到审核申请
    review_opinion_returned_on: date | None = day()  # 监管局反馈审核意见
    review_opinion_received_on: date | None = day()  # 省级财政部门收到审核意见
    review_passed: bool | None = None  # 复审通过
    remainder_paid_on: date | None = day()  # 剩余20%拨付
    settlement_year: int | None = year()  # the year whose 2月底前 / 3月底前 steps are checked
    annual_report_submitted_on: date | None = day()  # 上一年度结算申请报告和本年度需求报告提交财政部
    annual_opinion_issued_on: date | None = day()  # 监管局出具结算审核意见
    policy_ended_on: date | None = day()  # 政策到期之日
    liquidation_report_submitted_on: date | None = day()  # 省级财政部门提交清算报告
    liquidation_report_received_on: date | None = day()  # 监管局收到清算报告
    liquidation_opinion_issued_on: date | None = day()  # 监管局出具清算审核意见
    demand_report_2024_submitted_on: date | None = day()  # 2024年度需求申请报告及测算表报财政部
    working_days_off: tuple[date, ...] = items(each=day())
    extra_working_days: tuple[date, ...] = items(each=day())


# --- 工信厅企业函〔2024〕221号: 大企业“发榜”中小企业“揭榜” ----------------------------------------------


class SolverRelation(str, enum.Enum):
    """How a would-be solver is related to the posting large firm (221号 二（三）)."""

    SUBSIDIARY = "subsidiary"  # 子公司
    HOLDING_COMPANY = "holding_company"  # 控股公司
    SUPPLIER = "supplier"  # 供应商
    OTHER_RELATED = "other_related"  # 其他关联企业（“等”）


class SolverStanding(str, enum.Enum):
    """The solver's quality tier, for the preferences of 221号 二（四）、三（二）."""

    NATIONAL_LITTLE_GIANT = "national_little_giant"  # 国家级专精特新“小巨人”企业
    PROVINCIAL_SRDI = "provincial_srdi"  # 省级专精特新中小企业
    INNOVATIVE_SME = "innovative_sme"  # 创新型中小企业
    NONE = "none"


@attrs.frozen(kw_only=True)
class LargeFirmChallenge:
    """One technology need a large firm posts (发榜) and, optionally, one SME that answers it (揭榜).

    ``relations_to_poster`` lists every tie between the SME and the posting firm (empty when the case says
    there is none: give ``relations_checked: true``).  Whether the SME meets the size thresholds of
    工信部联企业〔2011〕300号 is an input (``meets_sme_standard``)."""

    need_form_posted_on: date | None = day()  # 《大企业技术创新需求表》经EMS寄至工业和信息化部之日
    need_form_sealed: bool | None = None  # 加盖企业公章
    solvers_selected: int | None = count()  # 该项需求选定的“揭榜”企业家数
    meets_sme_standard: bool | None = None  # 符合《中小企业划型标准规定》
    relations_checked: bool | None = None  # 已核查与“发榜”大企业的关联关系
    relations_to_poster: tuple[SolverRelation, ...] = items()
    application_sealed: bool | None = None  # 《中小企业“揭榜”申请书》加盖企业公章并报送省级主管部门
    on_solver_list: bool | None = None  # 入选“揭榜”名单
    standing: SolverStanding | None = None


# --- 国办发〔2024〕10号: 支付服务 --------------------------------------------------------------------


class VenueType(str, enum.Enum):
    """The kinds of venue 国办发〔2024〕10号 二（四） names as key venues, and any other."""

    BUSINESS_DISTRICT = "business_district"  # 大型商圈
    SCENIC_SPOT = "scenic_spot"  # 旅游景区
    RESORT = "resort"  # 旅游度假区
    MUSEUM = "museum"  # 文博场馆
    ENTERTAINMENT_VENUE = "entertainment_venue"  # 文娱场所
    HOTEL = "hotel"  # 酒店
    TRANSPORT_HUB = "transport_hub"  # 交通枢纽站点
    HOSPITAL = "hospital"  # 医院
    OTHER = "other"


@attrs.frozen(kw_only=True)
class PaymentVenue:
    """A venue and the means of payment it can accept.  ``above_scale`` (规模以上) is an input: the seed
    sets no threshold.  ``on_local_key_list`` says the local list of key venues (二（一）) names it."""

    venue_type: VenueType | None = None
    on_local_key_list: bool | None = None
    above_scale: bool | None = None
    accepts_mobile: bool | None = None
    accepts_bank_card: bool | None = None
    accepts_cash: bool | None = None


@attrs.frozen(kw_only=True)
class BankBranchCash:
    """A bank branch's cash services: whether it stopped them, or lowered their quality, at will (随意)."""

    stopped_cash_at_will: bool | None = None
    lowered_cash_service_at_will: bool | None = None


# --- 国办发〔2024〕15号: 融资信用服务平台 ---------------------------------------------------------------


class PlatformLevel(str, enum.Enum):
    PROVINCE = "province"  # 省级
    CITY = "city"  # 市
    COUNTY = "county"  # 县


@attrs.frozen(kw_only=True)
class CreditPlatformRegion:
    """The financing credit-service platforms of one administrative unit (a province's provincial-level
    platforms, or one city's or county's), after consolidation."""

    level: PlatformLevel | None = None
    platforms: int | None = count()
    all_in_national_network: bool | None = None
    consolidation_completed_on: date | None = day()


@attrs.frozen(kw_only=True)
class CreditInformationRelease:
    """One release of credit information by a financing credit-service platform or a department."""

    to_financial_institution: bool | None = None
    public_credit_information: bool | None = None  # 公共信用信息
    via_national_network: bool | None = None  # 经全国一体化平台网络
    own_domain_department_service: bool | None = None  # 部门提供本领域信用信息服务
    touches_secrets_or_privacy: bool | None = None  # 涉及商业秘密或个人隐私
    desensitised: bool | None = None
    subject_authorised: bool | None = None  # 信息主体明确授权


SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="equipment_renewal_loan", type=EquipmentRenewalLoan),
    FactSection(name="tech_guarantee_firm", type=TechGuaranteeFirm),
    FactSection(name="tech_guarantee_deal", type=TechGuaranteeDeal),
    FactSection(name="little_giant_award", type=LittleGiantAward),
    FactSection(name="little_giant_provincial_funds", type=LittleGiantProvincialFunds),
    FactSection(name="loan_renewal", type=LoanRenewal),
    FactSection(name="infrastructure_reits_project", type=InfrastructureReitsProject),
    FactSection(name="tech_lending_npl", type=TechLendingNpl),
    FactSection(name="little_giant_audit_report", type=LittleGiantAuditReport),
    FactSection(name="equipment_renewal_subsidy_procedure", type=EquipmentRenewalSubsidyProcedure),
    FactSection(name="large_firm_challenge", type=LargeFirmChallenge),
    FactSection(name="payment_venue", type=PaymentVenue),
    FactSection(name="bank_branch_cash", type=BankBranchCash),
    FactSection(name="credit_platform_region", type=CreditPlatformRegion),
    FactSection(name="credit_information_release", type=CreditInformationRelease),
)