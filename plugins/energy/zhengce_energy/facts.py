"""Fact types of the energy domain.

The sections of this domain are the fields of :class:`EnergyFacts`, which
:class:`~zhengce.contracts.Case` mixes in.  Each section is optional: a case
carries facts for only the domains it concerns.

Quantities of greenhouse gas are in tonnes of CO2 equivalent (tCO2e); one
carbon emission allowance (碳排放配额) is one tCO2e (国令第775号 第三十条).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import count, day, items, money, quantity
from zhengce.kernel import FactSection

# --- 碳排放权交易管理暂行条例 (国令第775号) ------------------------------------


class CarbonMarketRole(str, enum.Enum):
    """Who a party is in the national carbon emission trading market."""

    KEY_EMITTER = "key_emitter"  # 重点排放单位
    TECH_SERVICE_BODY = "tech_service_body"  # 技术服务机构
    ECO_ENV_AUTHORITY_STAFF = "eco_env_authority_staff"  # 生态环境主管部门工作人员
    OTHER_SUPERVISOR_STAFF = "other_supervisor_staff"  # 其他负有监督管理职责的部门工作人员
    NATIONAL_REGISTRY_STAFF = "national_registry_staff"  # 全国碳排放权注册登记机构工作人员
    NATIONAL_EXCHANGE_STAFF = "national_exchange_staff"  # 全国碳排放权交易机构工作人员
    TECH_SERVICE_BODY_STAFF = "tech_service_body_staff"  # 技术服务机构工作人员
    OTHER_PARTICIPANT = "other_participant"  # 符合国家有关规定的其他主体


@attrs.frozen(kw_only=True)
class CarbonMarketParty:
    """A party to the national carbon market and what it did (for its duties).

    ``working_days_off`` / ``extra_working_days`` adjust the Monday–Friday
    working week for the 7-working-day feedback deadline: public holidays and
    调休 days are set yearly by the State Council and are not in the seed.
    """

    role: CarbonMarketRole | None = None
    trades_national_market: bool | None = None
    quality_control_plan_executed: bool | None = None  # 数据质量控制方案 制定并严格执行
    annual_report_submitted: bool | None = None  # 排放统计核算数据、年度排放报告 报送
    annual_report_disclosed: bool | None = None  # 排放量、排放设施、统计核算方法 向社会公开
    record_retention_years: Decimal | None = quantity()  # 原始记录和管理台账 保存年限
    trades_local_market_same_gas_and_sector: bool | None = None
    verification_completed_on: date | None = day()  # 核查完成之日
    verification_feedback_on: date | None = day()  # 反馈核查结果之日
    working_days_off: tuple[date, ...] = items(each=day())
    extra_working_days: tuple[date, ...] = items(each=day())
    report_compilation_provinces: tuple[str, ...] | None = None  # 从事年度排放报告编制业务的省份
    technical_review_provinces: tuple[str, ...] | None = None  # 从事技术审核业务的省份


@attrs.frozen(kw_only=True)
class CarbonMarketInspection:
    """An on-site inspection under 国令第775号 第十七条."""

    inspectors: int | None = count()
    credentials_shown: bool | None = None


@attrs.frozen(kw_only=True)
class CarbonAllowanceSurrender:
    """One compliance period's allowance surrender (清缴) by a key emitter.

    ``average_price_before_deadline`` is the national market's average
    transaction price (CNY per allowance) in the month before the surrender
    deadline: published by the national exchange, not in the seed.
    ``non_fossil_adjustment_t`` is the 第三十一条 adjustment for non-fossil
    electricity (its formula is set by other State rules): subtracted from the
    verified emissions when given.
    """

    verified_emissions_t: Decimal | None = quantity()
    non_fossil_adjustment_t: Decimal | None = quantity()
    surrendered_allowances_t: Decimal | None = quantity()
    verified_reductions_t: Decimal | None = quantity()  # 经核证的温室气体减排量 (CCER) used
    surrender_deadline: date | None = day()
    average_price_before_deadline: Decimal | None = money()
    next_year_allocation_t: Decimal | None = quantity()
    refused_to_correct: bool | None = None  # 拒不改正


class CarbonViolationKind(str, enum.Enum):
    """The conduct 国令第775号 第二十条–第二十六条 punish."""

    STAFF_TRADING = "staff_trading"  # 第二十条
    NO_QUALITY_CONTROL_PLAN = "no_quality_control_plan"  # 第二十一条（一）
    REPORT_NOT_SUBMITTED = "report_not_submitted"  # 第二十一条（二）
    REPORT_NOT_DISCLOSED = "report_not_disclosed"  # 第二十一条（三）
    RECORDS_NOT_KEPT = "records_not_kept"  # 第二十一条（四）
    EMISSIONS_NOT_ACCOUNTED = "emissions_not_accounted"  # 第二十二条（一）
    REPORT_FALSIFIED = "report_falsified"  # 第二十二条（二）
    SAMPLES_NOT_TESTED = "samples_not_tested"  # 第二十二条（三）
    FALSE_TEST_REPORT = "false_test_report"  # 第二十三条第一款
    FALSE_ANNUAL_REPORT_OR_REVIEW = "false_annual_report_or_review"  # 第二十三条第二款
    MARKET_MANIPULATION = "market_manipulation"  # 第二十五条第一款
    MARKET_DISRUPTION = "market_disruption"  # 第二十五条第二款
    OBSTRUCTING_INSPECTION = "obstructing_inspection"  # 第二十六条


@attrs.frozen(kw_only=True)
class CarbonViolation:
    """One violation.  ``illegal_gains`` 0 means there were none (没有违法所得); None means unknown."""

    kind: CarbonViolationKind | None = None
    illegal_gains: Decimal | None = money()
    traded_value: Decimal | None = money()  # 第二十条: 所交易碳排放配额等产品的价款
    offender_is_unit: bool | None = None  # 第二十五条: 单位因前述违法行为受到处罚
    refused_to_correct: bool | None = None  # 拒不改正
    serious: bool | None = None  # 情节严重
    next_year_allocation_t: Decimal | None = quantity()  # 第二十二条: 下一年度碳排放配额


@attrs.frozen(kw_only=True)
class CarbonMarketViolations:
    """The violations of 国令第775号 to price (the surrender shortfall comes from ``carbon_allowance_surrender``)."""

    violations: tuple[CarbonViolation, ...] = items()


# --- 国能发法改〔2024〕93号 电力领域新型经营主体 -------------------------------------


class PowerEntityResourceType(str, enum.Enum):
    """The kind of distribution-level resource (新型经营主体的范围)."""

    DISTRIBUTED_PV = "distributed_pv"  # 分布式光伏
    DISPERSED_WIND = "dispersed_wind"  # 分散式风电
    ENERGY_STORAGE = "energy_storage"  # 储能
    ADJUSTABLE_LOAD = "adjustable_load"  # 可调节负荷
    VIRTUAL_POWER_PLANT = "virtual_power_plant"  # 虚拟电厂（负荷聚合商）
    SMART_MICROGRID = "smart_microgrid"  # 智能微电网
    INTEGRATED_SOURCE_GRID_LOAD_STORAGE = "integrated_source_grid_load_storage"  # 源网荷储一体化项目
    OTHER = "other"


@attrs.frozen(kw_only=True)
class AgencyContract:
    """An agency-service contract (代理服务合同) between an aggregated resource and an aggregator."""

    aggregator_id: str | None = None
    start: date | None = day()
    end: date | None = day()
    filed_with_exchange: bool | None = None  # 在电力交易机构备案


@attrs.frozen(kw_only=True)
class AggregatedResource:
    """A resource aggregated by a virtual power plant or microgrid, with its metered energy."""

    id: str | None = None
    metered_energy_mwh: Decimal | None = quantity()
    registered: bool | None = None  # 履行注册手续
    contracts: tuple[AgencyContract, ...] = items()


@attrs.frozen(kw_only=True)
class PowerMarketNewEntity:
    """A new-type power market entity (电力领域新型经营主体).

    ``local_capacity_threshold_mw`` is a lower regulating-capacity requirement a
    region has set (各地可进一步降低); ``None`` when the region set none.
    """

    resource_type: PowerEntityResourceType | None = None
    distribution_level: bool | None = None  # 配电环节
    has_regulating_capability: bool | None = None  # 具备电力、电量调节能力
    new_technology_or_model: bool | None = None  # 新技术特征、新运营模式
    licence_required_by_other_rules: bool | None = None  # 另有规定
    regulating_capacity_mw: Decimal | None = quantity()
    meets_technical_requirements: bool | None = None
    local_capacity_threshold_mw: Decimal | None = quantity()
    registered: bool | None = None
    aggregated_resources: tuple[AggregatedResource, ...] = items()


# --- 国能综通新能〔2024〕124号 绿证与自愿减排市场衔接 ---------------------------------


class RenewableTechnology(str, enum.Enum):
    """Technology of a renewable power project, as 124号 sorts them."""

    DEEP_SEA_OFFSHORE_WIND = "deep_sea_offshore_wind"  # 适用《并网海上风力发电》方法学
    SOLAR_THERMAL = "solar_thermal"  # 适用《并网光热发电》方法学
    SOLAR_PV = "solar_pv"  # 光伏
    OTHER_WIND = "other_wind"  # 其他风电
    OTHER = "other"


@attrs.frozen(kw_only=True)
class GreenCertificateProject:
    """A renewable project's green certificates (绿证) and CCER for one period of generation.

    ``gec_mwh``: power for which green certificates are traded or chosen;
    ``ccer_mwh``: power for which CCER is applied for.
    """

    technology: RenewableTechnology | None = None
    decided_on: date | None = day()  # the day the project chooses or applies
    generation_mwh: Decimal | None = quantity()
    gec_mwh: Decimal | None = quantity()
    ccer_mwh: Decimal | None = quantity()
    ccer_project_registered: bool | None = None  # 完成自愿减排项目审定和登记
    reductions_verified: bool | None = None  # 完成减排量核查和登记
    untraded_certificates: Decimal | None = quantity()  # 计入期内未交易绿证


# --- 国发〔2024〕12号 2024—2025年节能降碳行动方案 ----------------------------------


class EnergySavingSector(str, enum.Enum):
    """Sector of a new or expanded project, as the action plan's entry standards name them."""

    STEEL_SMELTING = "steel_smelting"  # 钢铁冶炼
    PETROCHEMICAL_CHEMICAL = "petrochemical_chemical"  # 石化化工
    ELECTROLYTIC_ALUMINIUM = "electrolytic_aluminium"  # 电解铝
    ALUMINA = "alumina"  # 氧化铝
    CEMENT = "cement"  # 水泥
    CERAMICS = "ceramics"  # 陶瓷
    FLAT_GLASS = "flat_glass"  # 平板玻璃
    POLYSILICON = "polysilicon"  # 多晶硅 (新建 only)
    LITHIUM_BATTERY_ELECTRODE = "lithium_battery_electrode"  # 锂电池正负极 (新建 only)
    OTHER = "other"


@attrs.frozen(kw_only=True)
class CoalBoiler:
    """A coal-fired boiler or other coal-burning facility and its capacity (蒸吨/小时)."""

    id: str | None = None
    capacity_t_steam_per_h: Decimal | None = quantity()
    in_operation: bool | None = None


@attrs.frozen(kw_only=True)
class EnergySavingProject:
    """A project or site judged against the action plan's project-level rules.

    ``in_key_air_pollution_region`` (大气污染防治重点区域) and ``lagging_region``
    (“十四五”前三年节能降碳指标进度滞后地区) are designations made outside the seed.
    Shares are percentages (20 = 20%).
    """

    in_key_air_pollution_region: bool | None = None
    lagging_region: bool | None = None
    new_or_expansion: bool | None = None
    approved_on: date | None = day()
    uses_coal: bool | None = None
    new_coal_use_t: Decimal | None = quantity()
    coal_replacement_t: Decimal | None = quantity()  # 等量或减量替代 secured elsewhere
    coal_boilers: tuple[CoalBoiler, ...] = items()
    burns_high_sulphur_petcoke: bool | None = None
    petrochemical_existing_captive_unit: bool | None = None
    high_energy_consuming: bool | None = None
    non_fossil_share_pct: Decimal | None = quantity(maximum=100)
    sector: EnergySavingSector | None = None
    meets_efficiency_benchmark: bool | None = None  # 能效标杆水平
    environmental_grade_a: bool | None = None  # 环保绩效 A级
    meets_mandatory_limit_advanced: bool | None = None  # 强制性能耗限额标准先进值 (alumina)
    newly_built: bool | None = None  # 新建, not 改扩建 (polysilicon and battery-electrode entry names 新建 only)
    meets_industry_advanced_level: bool | None = None  # 行业先进水平 (polysilicon, battery electrodes)
    distillation_unit_capacity_t_per_year: Decimal | None = quantity()  # 常减压装置
    fossil_energy_use_tce: Decimal | None = quantity()
    fossil_energy_budget_tce: Decimal | None = quantity()
    adds_steel_capacity: bool | None = None  # 新增钢铁产能
    new_mercury_pvc_capacity: bool | None = None  # 新建用汞的聚氯乙烯、氯乙烯产能
    electricity_discount_for_high_energy_industry: bool | None = None  # 对高耗能行业实施电价优惠


class BuildingKind(str, enum.Enum):
    """A building as the buildings plan distinguishes them."""

    RESIDENTIAL = "residential"  # 居住建筑
    PUBLIC = "public"  # 公共建筑


@attrs.frozen(kw_only=True)
class BuildingEnergyProject:
    """A building project judged under 国办函〔2024〕20号 (加快推动建筑领域节能降碳工作方案).

    Electricity is in 万千瓦时 (10 MWh), as the plan states it.
    """

    kind: BuildingKind | None = None
    annual_operating_energy_tce: Decimal | None = quantity()
    annual_electricity_10k_kwh: Decimal | None = quantity()
    retrofit: bool | None = None
    had_prior_energy_measures: bool | None = None  # 已采取节能措施
    efficiency_improvement_pct: Decimal | None = quantity(minimum=None, maximum=100)  # 改造后整体能效提升
    retrofit_meets_current_standard: bool | None = None
    northern_heating_area: bool | None = None
    newly_completed: bool | None = None
    meets_heat_metering: bool | None = None


@attrs.frozen(kw_only=True)
class EfficiencyStandardSurvey:
    """The efficiency values of a product class on the market, to set standard grades (国发〔2024〕12号 四（一）).

    ``higher_is_better``: True for an efficiency (COP, %), False for a consumption
    (kWh per unit).  ``five_grades``: a 5-grade scheme (else 3 grades).
    ``product_value``: a product to grade against the thresholds.
    """

    values: tuple[Decimal, ...] = items(each=quantity())
    higher_is_better: bool | None = None
    five_grades: bool | None = None
    product_value: Decimal | None = quantity()


@attrs.frozen(kw_only=True)
class PowerDemandResponseRegion:
    """A region's demand-response capability against its maximum load (二（二）2)."""

    max_load_mw: Decimal | None = quantity()
    peak_valley_rate_pct: Decimal | None = quantity(maximum=100)  # 年度最大用电负荷峰谷差率, percent
    demand_response_mw: Decimal | None = quantity()
    good_resource_conditions: bool | None = None  # 资源条件较好地区
    new_energy_utilisation_target_pct: Decimal | None = quantity(maximum=100)  # 新能源利用率目标


@attrs.frozen(kw_only=True)
class IndicatorMeasurement:
    """A measured value of one target indicator, in the indicator's unit (see the policy's parameters)."""

    indicator: str | None = None  # e.g. "non_fossil_share_2025"
    value: Decimal | None = quantity(minimum=None)  # an indicator may be signed (a change)


@attrs.frozen(kw_only=True)
class EnergyIndicatorReport:
    """Measured values to check against the action plan's targets.

    ``approx_tolerance_pct`` is the tolerance the user declares for "左右" targets,
    as a percentage of the target value (5 = within 5% of the target); without
    it a "左右" target is applied strictly.  ``scope`` names what was measured
    (the targets are national).
    """

    scope: str | None = None
    approx_tolerance_pct: Decimal | None = quantity(maximum=100)
    measurements: tuple[IndicatorMeasurement, ...] = items()


# --- 发改运行〔2024〕1345号 煤炭清洁高效利用 ----------------------------------------


class CoalFacilityType(str, enum.Enum):
    """A coal-burning facility near a large CHP plant (1345号 （十）)."""

    COAL_BOILER = "coal_boiler"  # 燃煤锅炉
    SMALL_COAL_CHP_UNIT = "small_coal_chp_unit"  # 落后燃煤小热电机组（含自备电厂）
    OTHER = "other"


@attrs.frozen(kw_only=True)
class CoalCleanUseProject:
    """A coal-using project, facility, mine or contract judged under 1345号.

    ``reaches_benchmark`` / ``reaches_baseline``: whether the project reaches the
    标杆水平 / 基准水平 of its field, published separately (not in the seed).
    ``nearby_chp_capacity_10k_kw`` is the nearest CHP plant's capacity in 万千瓦.
    """

    in_key_air_pollution_region: bool | None = None
    new_or_expansion: bool | None = None
    environmental_grade_a: bool | None = None
    new_coal_use_t: Decimal | None = quantity()
    coal_replacement_t: Decimal | None = quantity()
    replacement_plan_complete: bool | None = None
    facility_type: CoalFacilityType | None = None
    nearby_chp_capacity_10k_kw: Decimal | None = quantity()
    distance_to_chp_km: Decimal | None = quantity()
    closed_or_integrated: bool | None = None
    reaches_benchmark: bool | None = None
    reaches_baseline: bool | None = None
    new_coal_mine: bool | None = None
    washing_facilities_built: bool | None = None
    thermal_coal_mid_long_term_contract: bool | None = None
    contract_has_quality_clause: bool | None = None


# --- 国市监认证发〔2024〕85号 产品碳足迹标识认证试点 -------------------------------------


@attrs.frozen(kw_only=True)
class CarbonFootprintPilotApplication:
    """A province's application to the product carbon-footprint label pilot.

    ``products`` are product names as the notice lists them (锂电池, 光伏产品, …);
    ``chain_coverage_pct`` is the share of the whole industrial chain covered within
    the region or province (percent).
    """

    province: str | None = None
    products: tuple[str, ...] | None = None
    chain_coverage_pct: Decimal | None = quantity(maximum=100)
    supporting_enterprises: int | None = count()
    submitted_on: date | None = day()


# --- 国办发〔2024〕39号 加快构建碳排放双控制度体系工作方案 ---------------------------------


@attrs.frozen(kw_only=True)
class CarbonDualControlStatus:
    """Where the country (or a region) stands for the carbon dual-control regime.

    ``assessed_on`` is the day asked about (default: the assessment day);
    ``peak_reached`` whether carbon emissions have peaked (碳达峰) by then.
    """

    assessed_on: date | None = day()
    peak_reached: bool | None = None


# --- 国办发〔2024〕39号 七（十三）: 产品碳足迹核算规则的重点产品 ----------------------------

from zhengce.contracts.domains import items as _items  # noqa: E402 - kept next to the one class that uses it


@attrs.frozen(kw_only=True)
class CarbonFootprintProducts:
    """Products whose carbon-footprint accounting a case asks about, by the names 39号 uses (电解铝, 光伏, …)."""

    products: tuple[str, ...] = _items()


# --- 国办函〔2024〕20号 二（五）/ 国发〔2024〕12号 四（二）: 两部制热价 --------------------------------


@attrs.frozen(kw_only=True)
class HeatBill:
    """A heat user's bill for one heating period under a two-part tariff (基本热价 + 计量热价).

    The prices are the local ones (the seed sets none).  The basic part is either given as
    ``basic_charge`` or computed from ``basic_price_per_m2`` × ``heating_area_m2``; the metered
    part is ``metered_price_per_gj`` × ``heat_used_gj`` (GJ metered).  Money in yuan.
    """

    basic_charge: Decimal | None = money()
    basic_price_per_m2: Decimal | None = money()
    heating_area_m2: Decimal | None = quantity()
    metered_price_per_gj: Decimal | None = money()
    heat_used_gj: Decimal | None = quantity()


# --- 国办函〔2024〕20号 二（七）: 政府采购工程采购绿色建材 -----------------------------------------


@attrs.frozen(kw_only=True)
class ProcuredMaterial:
    """One building material a government-procured works buys.

    ``covered_by_standard``: the material is of a kind the 绿色建筑和绿色建材政府采购需求标准 covers;
    ``meets_standard``: it meets that standard.  The standard is not in the seed: both are inputs.
    """

    name: str | None = None
    covered_by_standard: bool | None = None
    meets_standard: bool | None = None


@attrs.frozen(kw_only=True)
class GreenMaterialsProcurement:
    """A government-procured works (政府采购工程) and the building materials it buys.

    ``in_policy_scope``: the works is within the scope of the policy 政府采购支持绿色建材促进建筑品质提升
    (designated outside the seed).
    """

    government_procurement_works: bool | None = None
    in_policy_scope: bool | None = None
    materials: tuple[ProcuredMaterial, ...] = items()


# --- 国发〔2024〕12号 三（一）, 国办发〔2024〕9号 二（九）: 原料用能和非化石能源不纳入能耗总量和强度控制 ----


@attrs.frozen(kw_only=True)
class EnergyConsumptionAccount:
    """A region's, unit's or project's energy consumption for one period, in tonnes of standard coal (tce).

    ``feedstock_energy_tce`` (原料用能) is energy used as raw material, not as fuel;
    ``non_fossil_energy_tce`` is non-fossil energy consumed (counted once, even where used as raw
    material).  ``output_10k_yuan`` is the GDP or value added the intensity is measured against, in
    万元 (10,000 yuan).  ``foreign_invested`` marks a foreign-invested project (国办发〔2024〕9号).
    """

    total_energy_consumption_tce: Decimal | None = quantity()
    feedstock_energy_tce: Decimal | None = quantity()
    non_fossil_energy_tce: Decimal | None = quantity()
    output_10k_yuan: Decimal | None = quantity()
    foreign_invested: bool | None = None


#: The case sections this plugin owns (declared to the kernel through ``declare_sections``).
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="carbon_market_party", type=CarbonMarketParty),
    FactSection(name="carbon_allowance_surrender", type=CarbonAllowanceSurrender),
    FactSection(name="carbon_market_violations", type=CarbonMarketViolations),
    FactSection(name="power_market_new_entity", type=PowerMarketNewEntity),
    FactSection(name="green_certificate_project", type=GreenCertificateProject),
    FactSection(name="energy_saving_project", type=EnergySavingProject),
    FactSection(name="power_demand_response_region", type=PowerDemandResponseRegion),
    FactSection(name="energy_indicator_report", type=EnergyIndicatorReport),
    FactSection(name="coal_clean_use_project", type=CoalCleanUseProject),
    FactSection(name="carbon_footprint_pilot_application", type=CarbonFootprintPilotApplication),
    FactSection(name="building_energy_project", type=BuildingEnergyProject),
    FactSection(name="carbon_dual_control_status", type=CarbonDualControlStatus),
    FactSection(name="efficiency_standard_survey", type=EfficiencyStandardSurvey),
    FactSection(name="carbon_market_inspection", type=CarbonMarketInspection),
    FactSection(name="carbon_footprint_products", type=CarbonFootprintProducts),
    FactSection(name="heat_bill", type=HeatBill),
    FactSection(name="green_materials_procurement", type=GreenMaterialsProcurement),
    FactSection(name="energy_consumption_account", type=EnergyConsumptionAccount),
)