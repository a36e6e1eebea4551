"""The case sections of the trade-in domain (设备更新和消费品以旧换新), owned by this plugin.

Version 2.0.0 renamed the fields a user would not guess; the old names still load
(declared migrations, noted in the decision record's ``input_notes``).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Renamed, RenamedValue, Text, migrations
from zhengce.contracts import day, items, money, quantity, year
from zhengce.kernel import FactSection


class VehicleClass(str, enum.Enum):
    """Class of a vehicle as registered with the traffic police (公安交管部门)."""

    SMALL_PASSENGER = "small_passenger"  # 小型载客汽车
    MINI_PASSENGER = "mini_passenger"  # 微型载客汽车
    MEDIUM_PASSENGER = "medium_passenger"  # 中型载客汽车
    LARGE_PASSENGER = "large_passenger"  # 大型载客汽车
    TRUCK = "truck"  # 载货汽车
    OTHER = "other"


class Fuel(str, enum.Enum):
    """Fuel type as registered."""

    GASOLINE = "gasoline"  # 汽油
    DIESEL = "diesel"  # 柴油
    OTHER_FUEL = "other_fuel"  # 其他燃料类型 (e.g. natural gas)
    NEV = "nev"  # 新能源 (BEV, PHEV, FCEV)


@migrations(
    Renamed("registered_to_applicant_on", "in_applicant_name_since", since="tradein 2.0.0"),
    Renamed("registered_to_applicant", "in_applicant_name", since="tradein 2.0.0"),
    RenamedValue("fuel", "new_energy", "nev", since="tradein 2.0.0"),
)
@attrs.frozen(kw_only=True)
class Vehicle:
    """A motor vehicle, old (scrapped) or new (bought).

    ``in_applicant_name_since`` is the date from which the vehicle has been
    registered in the applicant's name; ``in_applicant_name`` says whether
    it is so registered now (during review of the application).
    ``in_nev_catalogue`` is membership of MIIT's 《减免车辆购置税的新能源汽车车型目录》,
    an external list: the engine never guesses it.
    """

    vin: str | None = None
    vehicle_class: VehicleClass | None = None
    fuel: Fuel | None = None
    registration_date: date | None = day()
    displacement_l: Decimal | None = quantity()
    in_nev_catalogue: bool | None = None
    in_applicant_name_since: date | None = day()
    in_applicant_name: bool | None = None


@migrations(
    Renamed("paid_amount", "subsidy_already_paid", since="tradein 2.0.0"),
    Renamed("paid_on", "subsidy_paid_on", since="tradein 2.0.0"),
)
@attrs.frozen(kw_only=True)
class ScrappageApplication:
    """An application for the car scrappage subsidy (汽车报废更新补贴).

    ``invoice_province`` is where the 《机动车销售统一发票》 was issued, which is
    the place that accepts the application (补贴受理地) and whose region sets
    the central/local funding split.  ``region`` overrides the region the
    engine's reference table gives that province (``east``/``middle``/``west``).
    ``subsidy_already_paid``/``subsidy_paid_on`` describe a subsidy already paid on this
    application (for the 补齐差额 top-up).
    """

    submitted_on: date | None = day()
    invoice_province: str | None = None
    region: str | None = None
    scrap_certificate_on: date | None = day()  # 《报废机动车回收证明》
    scrap_certificate_by_qualified_dismantler: bool | None = None
    deregistration_certificate_on: date | None = day()  # 《机动车注销证明》
    sales_invoice_on: date | None = day()  # 《机动车销售统一发票》
    registration_certificate_on: date | None = day()  # 《机动车登记证书》
    subsidy_already_paid: Decimal | None = money()
    subsidy_paid_on: date | None = day()
    correction_requested: bool | None = None  # 受理地告知补正信息要求 (75号 第四条)
    corrected_on: date | None = day()  # 通过原渠道补正之日
    fraud_found: bool | None = None  # 经查实以不正当手段骗取补贴 (75号 第十一条、第十三条)


@attrs.frozen(kw_only=True)
class ScrappageFundingSettlement:
    """One province's central/local funding of the car scrappage subsidy (75号 第六–八条, 392号 二、三).

    ``central_allotment`` is the central subsidy funding the Ministry of Finance set for the province
    from its end-2023 stock of China-III-or-older cars — not in the seed, an input.  ``subsidies_paid``
    is the total paid to consumers in the province, at the amounts in force.  ``central_received`` is
    what the province has received from the centre so far (default: the pre-allocation).
    ``report_submitted_on`` is the day the province reported its payouts (None: not reported).
    """

    province: str | None = None
    region: str | None = None
    central_allotment: Decimal | None = money()
    subsidies_paid: Decimal | None = money()
    central_received: Decimal | None = money()
    report_submitted_on: date | None = day()


@attrs.frozen(kw_only=True)
class ScrappageLocalRules:
    """A locality's implementing rules for the car trade-in subsidy, checked against the national guardrails.

    Each flag says whether the local rules do the thing the national documents forbid or require.
    """

    locality: str | None = None
    requires_designated_scrapping_enterprise: bool | None = None  # 要求将报废汽车交售给指定企业
    sets_regional_or_technology_catalogue: bool | None = None  # 地域性、技术产品指向性的补贴目录或企业名单
    treats_enterprises_equally: bool | None = None  # 一视同仁支持不同所有制、不同注册地企业


# --- 国发〔2024〕7号, 商消费发〔2024〕58号, 商流通发〔2024〕18号 --------------------------------------

@attrs.frozen(kw_only=True)
class RenewalMeasurement:
    """One measured indicator of the renewal and trade-in programme for one year.

    ``indicator`` is a measure the targets name (see ``zhengce_tradein.renewal_targets.MEASURES``).
    For a growth target ``value`` is the year's level and ``baseline`` the 2023 level, in any one
    unit (vehicles, tonnes, yuan); for a rate target ``value`` is the rate in percent.
    """

    indicator: str | None = None
    year: int | None = year()
    value: Decimal | None = quantity()
    baseline: Decimal | None = quantity()


@attrs.frozen(kw_only=True)
class RenewalIndicatorReport:
    """Measured values to check against the programme's targets (the targets are national).

    ``approx_tolerance_pct`` is the tolerance the user declares for an "约" target, as a percentage
    of the target (5 = within 5%); without it the target is applied strictly.
    """

    scope: str | None = None
    approx_tolerance_pct: Decimal | None = quantity(maximum=100)
    measurements: tuple[RenewalMeasurement, ...] = items()


class RenewalField(str, enum.Enum):
    """The fields whose equipment investment 国发〔2024〕7号 一 counts (工业、农业、建筑、交通、教育、文旅、医疗)."""

    INDUSTRY = "industry"  # 工业
    AGRICULTURE = "agriculture"  # 农业
    CONSTRUCTION = "construction"  # 建筑 (and municipal infrastructure, 二（二）)
    TRANSPORT = "transport"  # 交通
    EDUCATION = "education"  # 教育
    CULTURE_TOURISM = "culture_tourism"  # 文旅
    HEALTH = "health"  # 医疗
    OTHER = "other"


class RenewalProjectKind(str, enum.Enum):
    """What the project does."""

    EQUIPMENT_RENEWAL = "equipment_renewal"  # 设备更新
    TECHNICAL_RENOVATION = "technical_renovation"  # 技术改造
    RECYCLING = "recycling"  # 循环利用
    REMANUFACTURING = "remanufacturing"  # 再制造
    OTHER = "other"


@attrs.frozen(kw_only=True)
class EquipmentRenewalProject:
    """A project under 国发〔2024〕7号's equipment-renewal and recycling actions.

    ``adds_land``: the project needs new land (新增用地); ``mainly_equipment_renewal``: it is mainly
    equipment renewal (以设备更新为主).  ``meets_mandatory_standards``: the equipment meets the mandatory
    energy, emission and safety standards and is not in the phase-out catalogue.
    ``remanufactured_below_original``: a remanufactured product's quality, safety or environmental
    performance is below the original new product's.
    """

    name: str | None = None
    field: RenewalField | None = None
    kind: RenewalProjectKind | None = None
    adds_land: bool | None = None
    mainly_equipment_renewal: bool | None = None
    meets_mandatory_standards: bool | None = None
    remanufactured_below_original: bool | None = None


@attrs.frozen(kw_only=True)
class TradeinLocalMeasures:
    """A locality's consumer-goods trade-in measures (汽车、家电), checked against 商消费发〔2024〕58号 五（二十二）.

    ``requires_designated_recycler``: it requires used cars or appliances to be sold to designated
    enterprises; ``sets_regional_or_technology_catalogue``: it sets a subsidy catalogue or enterprise
    list pointing to a region or a technology.  ``fraud_subsidies_paid`` is the subsidy already paid
    on claims found to be obtained by fraud (弄虚作假骗补); ``fraud_subsidies_recovered`` what has been
    recovered of it.
    """

    locality: str | None = None
    requires_designated_recycler: bool | None = None
    sets_regional_or_technology_catalogue: bool | None = None
    fraud_subsidies_paid: Decimal | None = money()
    fraud_subsidies_recovered: Decimal | None = money()


@attrs.frozen(kw_only=True)
class ApplianceRecycler:
    """A used-appliance recycling enterprise (家电回收企业), under 58号 三（九） and 商流通发〔2024〕18号 五（十）.

    ``sells_only_to_compliant_dismantlers``: it sells used appliances only to lawful, compliant
    dismantling enterprises; ``keeps_intake_and_sales_ledger``: it registers goods in and out and keeps
    a ledger (进出货环节信息登记与台账管理).
    """

    name: str | None = None
    sells_only_to_compliant_dismantlers: bool | None = None
    keeps_intake_and_sales_ledger: bool | None = None


#: The case sections this plugin owns (declared to the kernel through ``declare_sections``).
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="old_vehicle", type=Vehicle, title=Text(zh="报废的旧车", en="The old car scrapped")),
    FactSection(name="new_vehicle", type=Vehicle, title=Text(zh="购买的新车", en="The new car bought")),
    FactSection(name="scrappage_application", type=ScrappageApplication,
                title=Text(zh="汽车报废更新补贴申请", en="The car scrappage subsidy application")),
    FactSection(name="scrappage_funding_settlement", type=ScrappageFundingSettlement,
                title=Text(zh="一省的补贴资金央地预拨与清算", en="A province's central/local subsidy funding")),
    FactSection(name="scrappage_local_rules", type=ScrappageLocalRules,
                title=Text(zh="地方实施细则", en="A locality's implementing rules")),
    FactSection(name="renewal_indicator_report", type=RenewalIndicatorReport,
                title=Text(zh="设备更新和消费品以旧换新目标指标的测量值", en="Measured indicators of the renewal and trade-in programme")),
    FactSection(name="equipment_renewal_project", type=EquipmentRenewalProject,
                title=Text(zh="设备更新、循环利用项目", en="An equipment-renewal or recycling project")),
    FactSection(name="tradein_local_measures", type=TradeinLocalMeasures,
                title=Text(zh="地方消费品以旧换新举措", en="A locality's consumer-goods trade-in measures")),
    FactSection(name="appliance_recycler", type=ApplianceRecycler,
                title=Text(zh="废旧家电回收企业", en="A used-appliance recycling enterprise")),
)