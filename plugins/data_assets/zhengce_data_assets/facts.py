"""Fact types of the data assets domain (数据资产、企业数据、数据产业、中小企业数字化).

The sections of this domain are the fields of :class:`DataAssetsFacts`, which
:class:`~zhengce.contracts.Case` mixes in.  Each section is optional: a case
carries facts for only the domains it concerns.

Every list membership, selection and statistic the seed does not contain (the
Ministry of Finance's choice of pilot units, National Bureau of Statistics
counts, digital levels assessed under 工信厅企业〔2024〕56号's indicators) is an
input here: the engine never guesses it.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import count, day, quantity, rate, year
from zhengce.kernel import FactSection

# --- 财资〔2024〕167号 数据资产全过程管理试点 ------------------------------------


class DataAssetPilotUnitType(str, enum.Enum):
    """Kind of unit that may be a data-asset pilot unit (试点单位)."""

    CENTRAL_DEPARTMENT = "central_department"  # 中央部门
    CENTRAL_ENTERPRISE = "central_enterprise"  # 中央企业
    LOCAL_FINANCE_DEPARTMENT = "local_finance_department"  # 地方财政部门
    OTHER = "other"  # any other unit (a local SOE, a private enterprise, ...)


@attrs.frozen(kw_only=True)
class DataAssetLifecycleSteps:
    """Whether the unit has covered each key step (重点环节) of the pilot.

    True: covered; False: not covered; None: not stated.  Field names are the
    step ids of the parameter ``lifecycle.steps``.
    """

    ledger: bool | None = None  # 数据资产台账编制
    registration: bool | None = None  # 登记
    authorised_operation: bool | None = None  # 授权运营
    revenue_distribution: bool | None = None  # 收益分配
    trading_circulation: bool | None = None  # 交易流通


@attrs.frozen(kw_only=True)
class DataAssetPilotUnit:
    """A unit assessed under the data-asset full-lifecycle management pilot.

    ``selected_by_mof``: the Ministry of Finance selected the unit (the list is
    not in the seed).  ``assessed_on``: the day the pilot status is judged.
    """

    unit_type: DataAssetPilotUnitType | None = None
    selected_by_mof: bool | None = None
    assessed_on: date | None = day()
    lifecycle_steps: DataAssetLifecycleSteps | None = None
    working_mechanism_established: bool | None = None  # 数据资产管理试点工作机制
    responsible_person: str | None = None  # 试点工作负责人
    contact_person: str | None = None  # 联系人


# --- 国数资源〔2024〕125号 企业数据资源开发利用 ----------------------------------


class EnterpriseDataOrigin(str, enum.Enum):
    """How an enterprise came by a data resource."""

    FORMED_IN_OPERATIONS = "formed_in_operations"  # 在生产经营过程中形成
    LAWFULLY_OBTAINED = "lawfully_obtained"  # 合法获取
    LAWFULLY_HELD = "lawfully_held"  # 合法持有
    OTHER = "other"  # e.g. obtained unlawfully


class EnterpriseCorporateEvent(str, enum.Enum):
    """A corporate event of the data-holding enterprise."""

    NONE = "none"
    MERGER = "merger"  # 合并
    SPLIT = "split"  # 分立
    DISSOLUTION = "dissolution"  # 解散
    BANKRUPTCY = "bankruptcy"  # 被宣告破产
    OTHER = "other"  # e.g. a change of name or of shareholders


@attrs.frozen(kw_only=True)
class EnterpriseDataResource:
    """A data resource held by an enterprise, and the enterprise's data measures.

    ``from_public_system_work``: the data was formed or obtained while the
    enterprise built or operated a government or public-utility system.
    """

    origin: EnterpriseDataOrigin | None = None
    from_public_system_work: bool | None = None
    corporate_event: EnterpriseCorporateEvent | None = None
    chief_data_officer: bool | None = None  # 首席数据官制度
    classification_grading: bool | None = None  # 数据分类分级 measures
    recognised_on_balance_sheet: bool | None = None  # 数据资源入表


# --- 发改数据〔2024〕1836号 数据产业 ---------------------------------------------


class DataIndustrySegment(str, enum.Enum):
    """A segment of the data industry (数据产业包括…等)."""

    COLLECTION_AGGREGATION = "collection_aggregation"  # 数据采集汇聚
    COMPUTE_STORAGE = "compute_storage"  # 计算存储
    CIRCULATION_TRADING = "circulation_trading"  # 流通交易
    DEVELOPMENT_USE = "development_use"  # 开发利用
    SECURITY_GOVERNANCE = "security_governance"  # 安全治理
    INFRASTRUCTURE = "infrastructure"  # 数据基础设施建设
    OTHER = "other"  # an activity the list does not name


class DataEnterpriseActivity(str, enum.Enum):
    """Activities 发改数据〔2024〕1836号 三 names for each of the six data-enterprise types."""

    DEVELOP_LAWFULLY_OBTAINED_DATA = "develop_lawfully_obtained_data"  # 对其合法获取的数据进行开发利用
    TECH_INNOVATION = "tech_innovation"  # 面向采集汇聚、计算存储、流通交易、开发利用的技术创新
    BUSINESS_CONSULTING = "business_consulting"  # 业务咨询
    TRADE_MATCHMAKING = "trade_matchmaking"  # 交易撮合
    COMPLIANCE_SERVICE = "compliance_service"  # 合规服务
    FINANCIAL_SERVICE = "financial_service"  # 金融服务
    INDUSTRY_APPLICATION = "industry_application"  # 面向“智改数转”等创新应用模式
    SECURITY_PRODUCTS = "security_products"  # 智能化数据安全产品
    TRUSTED_CIRCULATION_TECH = "trusted_circulation_tech"  # 数据可信流通技术
    INTEGRATED_COMPUTING = "integrated_computing"  # 一体化算力
    PUBLIC_CLOUD = "public_cloud"  # 公有云
    LOW_CODE_PLATFORM = "low_code_platform"  # 低代码平台
    TRUSTED_DATA_SPACE = "trusted_data_space"  # 可信数据空间
    OTHER = "other"


@attrs.frozen(kw_only=True)
class DataEnterpriseProfile:
    """What a (would-be) data enterprise does."""

    activities: tuple[DataEnterpriseActivity, ...] | None = None
    segments: tuple[DataIndustrySegment, ...] | None = None


@attrs.frozen(kw_only=True)
class DataIndustryGrowth:
    """Data-industry size in a base year and in a later year (any consistent unit).

    ``base_year`` may be omitted: the parameters give a documented default.
    """

    base_year: int | None = year()
    base_size: Decimal | None = quantity()
    year: int | None = year()
    size: Decimal | None = quantity()
    unit: str | None = None  # e.g. "亿元"


# --- 财办建〔2024〕23号 中小企业数字化转型城市试点 -------------------------------


class SmeDigitalCityLevel(str, enum.Enum):
    """Administrative level of a city applying for the pilot."""

    PROVINCIAL_CAPITAL = "provincial_capital"  # 省（区）的省会城市
    PREFECTURE_CITY = "prefecture_city"  # 其他地级市
    MUNICIPALITY_DISTRICT_COUNTY = "municipality_district_county"  # 直辖市所辖区县
    XPCC = "xpcc"  # 新疆生产建设兵团
    COUNTY_LEVEL = "county_level"  # 县级市、县 (below prefecture level)
    OTHER = "other"


@attrs.frozen(kw_only=True)
class SmeDigitalSubIndustryResult:
    """End-of-pilot digital levels in one sub-industry (细分行业) of a pilot city.

    ``target_smes``: above-scale industrial SMEs and provincial 专精特新 SMEs of
    the sub-industry, each enterprise counted once; ``target_smes_level2_plus``:
    those of them at digital level 2 or above.  ``little_giants``: national
    专精特新“小巨人” enterprises of the sub-industry; ``little_giants_level2_plus``:
    those at level 2 or above.  Levels are assessed under 工信厅企业〔2024〕56号.
    """

    name: str | None = None
    target_smes: int | None = count()
    target_smes_level2_plus: int | None = count()
    little_giants: int | None = count()
    little_giants_level2_plus: int | None = count()


@attrs.frozen(kw_only=True)
class SmeDigitalCityPilot:
    """A city's application for (and, once approved, results in) the second batch.

    ``province`` is the recommending province (name or GB/T 2260 code), or
    ``新疆生产建设兵团``.  ``province_above_scale_sme_count_2023`` is the NBS count
    at end-2023 (optional: the notice itself names the provinces above the line).
    ``province_recommended_cities`` is how many cities the province recommends.
    """

    city: str | None = None
    city_level: SmeDigitalCityLevel | None = None
    in_first_batch: bool | None = None
    province: str | None = None
    province_above_scale_sme_count_2023: int | None = count()
    province_recommended_cities: int | None = count()
    submitted_on: date | None = day()
    plan_approved_on: date | None = day()
    results_measured_on: date | None = day()
    sub_industries: tuple[SmeDigitalSubIndustryResult, ...] | None = None


# --- 工信部联企业〔2024〕239号 中小企业数字化赋能专项行动（2025—2027 年） -------


@attrs.frozen(kw_only=True)
class SmeDigitalEmpowermentEnterprise:
    """An SME seeking support under the 2025–2027 SME digital empowerment action plan.

    ``digital_level``: the enterprise's digital level (1, 2, 3, 4, …) as assessed
    under 工信厅企业〔2024〕56号's indicators (the level definitions are a URL-only
    attachment, so the level is an input).  ``provincial_srdi_sme``: recognised as
    a provincial 专精特新中小企业; ``little_giant``: a national 专精特新“小巨人”企业;
    ``above_scale_industrial_sme``: a 规上工业中小企业; ``small_or_micro``: a 小微企业.
    ``support_sought_on``: the day support is sought (judged against the plan's
    2025–2027 period).
    """

    is_sme: bool | None = None  # 中小企业
    support_sought_on: date | None = day()
    digital_level: int | None = count(minimum=1)
    provincial_srdi_sme: bool | None = None
    little_giant: bool | None = None
    above_scale_industrial_sme: bool | None = None
    small_or_micro: bool | None = None


@attrs.frozen(kw_only=True)
class SmeDigitalEmpowermentProgress:
    """National figures for the action plan's 2027 indicators in one statistical year.

    Rates are fractions (``0.75`` = 75%).  ``pilot_provincial_srdi_smes``: provincial
    专精特新 SMEs in the pilot; ``pilot_provincial_srdi_smes_level2_plus``: those of
    them at digital level 2 or above.  ``smes_transformed`` /
    ``srdi_smes_transformed``: SMEs (and, of them, 专精特新 SMEs) brought into
    digital transformation through the city pilots.
    """

    year: int | None = year()
    pilot_provincial_srdi_smes: int | None = count()
    pilot_provincial_srdi_smes_level2_plus: int | None = count()
    nc_rate_key_processes: Decimal | None = rate()  # 全国规上工业中小企业关键工序数控化率
    cloud_adoption_rate: Decimal | None = rate()  # 中小企业上云率
    pilot_cities_supported: int | None = count()
    smes_transformed: int | None = count()
    srdi_smes_transformed: int | None = count()


# --- 工信厅企业〔2024〕56号 中小企业数字化水平评测指标（2024 年版） -------------


class SmeDigitalAssessmentMethod(str, enum.Enum):
    """How a digital-level assessment was made."""

    SELF_REPORTED = "self_reported"  # 企业自愿自主填报（线上评测）
    ON_SITE = "on_site"  # 现场评定
    OTHER = "other"


class SmeDigitalIndicatorVersion(str, enum.Enum):
    """Version of the SME digital-level indicators used."""

    V2024 = "v2024"  # 《中小企业数字化水平评测指标（2024 年版）》
    V2022 = "v2022"  # 2022 年版
    OTHER = "other"


class SmeDigitalAssessmentUse(str, enum.Enum):
    """What the assessment result is used for."""

    SRDI_RECOGNITION = "srdi_recognition"  # 专精特新中小企业认定 “数字化水平” 指标
    PILOT_CITY_ENTERPRISE = "pilot_city_enterprise"  # 试点城市试点企业数字化水平评定
    SELF_DIAGNOSIS = "self_diagnosis"  # the enterprise's own orientation
    RESEARCH = "research"  # 调查研究
    OTHER = "other"


@attrs.frozen(kw_only=True)
class SmeDigitalLevelAssessment:
    """One assessment of an SME's digital level.

    ``pilot_city_pilot_enterprise``: the enterprise is a pilot enterprise of an SME
    digital-transformation pilot city.  ``truthfulness_commitment``: the enterprise
    made the 真实性承诺 with a self-reported assessment.  ``digital_level``: the
    result (an input; the level definitions are the attachment, not in the seed).
    """

    is_sme: bool | None = None
    assessed_on: date | None = day()
    method: SmeDigitalAssessmentMethod | None = None
    indicator_version: SmeDigitalIndicatorVersion | None = None
    use: SmeDigitalAssessmentUse | None = None
    pilot_city_pilot_enterprise: bool | None = None
    truthfulness_commitment: bool | None = None
    digital_level: int | None = count(minimum=1)


#: The case sections this plugin owns (declared to the kernel through ``declare_sections``).
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="data_asset_pilot_unit", type=DataAssetPilotUnit),
    FactSection(name="enterprise_data_resource", type=EnterpriseDataResource),
    FactSection(name="data_enterprise_profile", type=DataEnterpriseProfile),
    FactSection(name="data_industry_growth", type=DataIndustryGrowth),
    FactSection(name="sme_digital_city_pilot", type=SmeDigitalCityPilot),
    FactSection(name="sme_digital_empowerment_enterprise", type=SmeDigitalEmpowermentEnterprise),
    FactSection(name="sme_digital_empowerment_progress", type=SmeDigitalEmpowermentProgress),
    FactSection(name="sme_digital_level_assessment", type=SmeDigitalLevelAssessment),
)