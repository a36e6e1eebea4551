"""The case sections of the employment domain (失业保险、养老保险病残津贴、家政培训、邮政快递安全), owned by this plugin.

Every number the seed does not give is a fact here, and the explanation says so: the national
urban surveyed-unemployment target, the enterprise size class, the province's fund reserve, the
minimum contribution years, the statutory retirement day and the amount of a local pension formula.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import EnterpriseSize, Text

from zhengce.contracts.domains import count, day, items, money, quantity, rate
from zhengce.kernel import FactSection


# --- 人社部发〔2024〕40号 一：阶段性降低失业保险费率 --------------------------------------


@attrs.frozen(kw_only=True)
class UnemploymentInsuranceContribution:
    """One month's unemployment-insurance contribution of an employer and its staff.

    ``period`` is any day of the contribution month.  ``wage_base`` is the month's contribution
    base (缴费基数) of the employer and its staff together; ``rate_charged`` the total rate
    actually charged (a fraction: 0.01 = 1 %).  The split between employer and staff is local.
    """

    period: date | None = day()
    wage_base: Decimal | None = money()
    rate_charged: Decimal | None = rate()


# --- 人社部发〔2024〕40号 二、五：失业保险稳岗返还 ------------------------------------------


class InsuredEmployerKind(str, enum.Enum):
    """The kind of insured unit: enterprises, and the units that 参照实施 (40号 第二条)."""

    ENTERPRISE = "enterprise"  # 企业
    SOCIAL_ORGANISATION = "social_organisation"  # 社会团体
    FOUNDATION = "foundation"  # 基金会
    SOCIAL_SERVICE_AGENCY = "social_service_agency"  # 社会服务机构
    LAW_FIRM = "law_firm"  # 律师事务所
    ACCOUNTING_FIRM = "accounting_firm"  # 会计师事务所
    INDIVIDUAL_BUSINESS_AS_UNIT = "individual_business_as_unit"  # 以单位形式参保的个体工商户
    OTHER = "other"  # 机关、事业单位等，不在范围内


@attrs.frozen(kw_only=True)
class JobRetentionRefund:
    """An insured unit's 失业保险稳岗返还 for the previous year's contributions.

    ``full_contribution_months``: months of unemployment insurance paid in full (足额缴纳).
    ``laid_off_last_year`` / ``insured_staff``: people laid off last year and the unit's insured
    staff (参保职工总数), the base of the layoff rate.  ``national_unemployment_target``: last
    year's national urban surveyed-unemployment control target — not in the seed, an input.
    ``size_class``: 大型 or 中小微 under the national classification — an input.
    ``contributions_last_year``: unemployment insurance actually paid last year by the unit and
    its staff.  ``province_reserve_years``: how many years of spending the province's fund
    balance carried over at the end of last year covers (备付期限) — an input.
    ``decided_on``: the day the return is decided (the event the period is judged on).
    ``local_return_rate``: the ratio the province applies, if known.
    ``labour_dispatch_agency`` / ``has_corporate_account``: for the delivery channel (第五条).
    """

    employer_kind: InsuredEmployerKind | None = None
    size_class: EnterpriseSize | None = None
    full_contribution_months: int | None = count()
    laid_off_last_year: int | None = count()
    insured_staff: int | None = count(minimum=1)
    national_unemployment_target: Decimal | None = rate()
    contributions_last_year: Decimal | None = money()
    province_reserve_years: Decimal | None = quantity()
    decided_on: date | None = day()
    local_return_rate: Decimal | None = rate()
    labour_dispatch_agency: bool | None = None
    has_corporate_account: bool | None = None


# --- 人社部发〔2024〕40号 三：技能提升补贴 --------------------------------------------------


class SkillClaimant(str, enum.Enum):
    """Who claims the skill-upgrade subsidy."""

    ENTERPRISE_EMPLOYEE = "enterprise_employee"  # 企业在职职工
    UI_BENEFIT_RECIPIENT = "ui_benefit_recipient"  # 领取失业保险金人员
    OTHER = "other"


class CertificateKind(str, enum.Enum):
    """The certificate obtained."""

    VOCATIONAL_QUALIFICATION = "vocational_qualification"  # 技能人员职业资格证书
    SKILL_LEVEL = "skill_level"  # 职业技能等级证书
    OTHER = "other"


class SubsidyKind(str, enum.Enum):
    """A subsidy already received for a certificate."""

    SKILL_UPGRADE = "skill_upgrade"  # 技能提升补贴
    VOCATIONAL_TRAINING = "vocational_training"  # 职业培训补贴


@attrs.frozen(kw_only=True)
class PriorSubsidy:
    """A subsidy the claimant already received: its kind, occupation (工种), level (5 = 初级 … 1) and day."""

    kind: SubsidyKind | None = None
    occupation: str | None = None
    level: int | None = count(minimum=1, maximum=5)
    received_on: date | None = day()


@attrs.frozen(kw_only=True)
class SkillUpgradeClaim:
    """A claim for the 技能提升补贴 for one certificate.

    ``insured_months``: months the claimant has been insured against unemployment.
    ``certificate_level``: 5 (初级), 4 (中级), 3 (高级); 2 and 1 (技师、高级技师) are outside
    the national standard.  ``prior_subsidies``: every skill-upgrade or vocational-training
    subsidy already received.  ``province_reserve_years``: the province's fund reserve (an input).
    """

    claimant: SkillClaimant | None = None
    insured_months: int | None = count()
    certificate_kind: CertificateKind | None = None
    occupation: str | None = None
    certificate_level: int | None = count(minimum=1, maximum=5)
    certificate_obtained_on: date | None = day()
    applied_on: date | None = day()
    prior_subsidies: tuple[PriorSubsidy, ...] = items()
    province_reserve_years: Decimal | None = quantity()


# --- 人社部发〔2024〕72号 病残津贴 -----------------------------------------------------------


class IncapacityCause(str, enum.Enum):
    """What caused the loss of working capacity."""

    ILLNESS = "illness"  # 因病
    NON_WORK_INJURY = "non_work_injury"  # 非因工致残
    WORK_INJURY = "work_injury"  # 因工（工伤保险，不在本办法）


@attrs.frozen(kw_only=True)
class DisabilityAllowanceApplication:
    """An application for the 病残津贴 of the enterprise employees' basic pension scheme.

    ``statutory_retirement_on``: the day the applicant reaches the statutory retirement age, and
    ``minimum_contribution_years``: the minimum years for a basic pension — neither in the seed,
    inputs.  ``contribution_years`` counts deemed years (视同缴费年限).  ``monthly_amount``: what the
    local pension formula of the regime gives (not in the seed, an input).  The review and
    resumption days say when payment stops or is suspended.
    """

    insured_in_enterprise_scheme: bool | None = None
    cause: IncapacityCause | None = None
    fully_incapacitated: bool | None = None  # 经鉴定为完全丧失劳动能力
    appraisal_on: date | None = day()
    appraisal_body_prefecture_or_above: bool | None = None
    applied_on: date | None = day()
    applied_at_benefit_place: bool | None = None
    statutory_retirement_on: date | None = day()
    contribution_years: Decimal | None = quantity()
    minimum_contribution_years: Decimal | None = quantity()
    monthly_amount: Decimal | None = money()
    already_receiving_old_benefit: bool | None = None  # 本办法实施前已领取病退、退职待遇
    previous_refusal_on: date | None = day()  # 上次鉴定为不符合完全丧失劳动能力之日
    publicity_working_days: int | None = count()
    resumed_contributions_on: date | None = day()
    review_not_met_on: date | None = day()  # 复查鉴定不符合完全丧失劳动能力的结论之日
    review_notice_on: date | None = day()  # 告知应复查鉴定之日
    review_missed_without_reason: bool | None = None
    meets_flexible_early_retirement: bool | None = None


# --- 发改社会〔2024〕1521号 家政服务业产教融合 ------------------------------------------------


@attrs.frozen(kw_only=True)
class DomesticWorkerTraining:
    """A domestic-service worker's training record at a 家政企业 (意见 （五）).

    ``minimum_pre_job_hours``: the minimum set for the service category — not in the seed, an input.
    """

    service_category: str | None = None
    started_work_on: date | None = day()
    pre_job_training_passed_on: date | None = day()
    pre_job_training_hours: Decimal | None = quantity()
    minimum_pre_job_hours: Decimal | None = quantity()
    last_refresher_on: date | None = day()


@attrs.frozen(kw_only=True)
class DomesticTrainingProgrammes:
    """One year's results of the national domestic-service training programmes (意见 （一）（七）)."""

    year: int | None = count(minimum=2024, maximum=2100)
    jinguo_persons_trained: int | None = count()  # “巾帼家政” 人
    union_person_times: int | None = count()  # 工会家政培训行动 人次
    guokai_worker_times: int | None = count()  # “国开家政” 家政从业人员 人次
    guokai_trainer_times: int | None = count()  # 家政培训师资 人次
    guokai_manager_times: int | None = count()  # 家政职业经理人 人次
    provinces_without_specialty_group: int | None = count()
    national_specialty_groups: int | None = count()


# --- 发改就业〔2024〕349号 百万民企员工职业技能提升行动 --------------------------------------


@attrs.frozen(kw_only=True)
class PrivateEnterpriseTraining:
    """One year's training of private-enterprise employees at public training bases (nationwide)."""

    year: int | None = count(minimum=2000, maximum=2100)
    person_times: int | None = count()


# --- 国家邮政局 2024-11-18 邮政企业、快递企业生产安全重大事故隐患判定标准 -----------------------


@attrs.frozen(kw_only=True)
class PostalSafetySite:
    """A postal or express enterprise's mail-processing site, checked against the major-hazard standard.

    Each flag says whether the site has the safeguard (``False`` is a hazard), except
    ``unapproved_fuel_or_gas_storage`` (``True`` is a hazard).  ``brand_owner``: the enterprise whose
    trademark, trade name or waybill the site uses, if not its own.
    """

    enterprise: str | None = None
    brand_owner: str | None = None
    fire_responsibility_system: bool | None = None  # 建立健全消防安全工作责任制
    fire_duties_implemented: bool | None = None  # 落实各层级各岗位人员消防安全职责
    unapproved_fuel_or_gas_storage: bool | None = None  # 未经审批的撬装式加油装置等储油储气设施
    conveyor_guards: bool | None = None  # 外露旋转部位设置防护装置
    sorting_emergency_stops: bool | None = None  # 操作侧设置急停装置
    sorting_hazard_signs: bool | None = None  # 坠落、打击、机械伤害区域警示标志和防护设备
    pedestrian_vehicle_separation: bool | None = None  # 划分人行道与机动车道
    vehicle_routes_and_stops: bool | None = None  # 指定行驶路线、停靠位置
    vehicle_zone_signs: bool | None = None  # 人车交汇、装卸、接驳区域警示标志和防护设备


#: The case sections this plugin owns (declared to the kernel through ``declare_sections``).
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="ui_contribution", type=UnemploymentInsuranceContribution,
                title=Text(zh="失业保险缴费（一个月）", en="A month's unemployment-insurance contribution")),
    FactSection(name="job_retention_refund", type=JobRetentionRefund,
                title=Text(zh="失业保险稳岗返还", en="The unemployment-insurance job-retention refund")),
    FactSection(name="skill_upgrade_claim", type=SkillUpgradeClaim,
                title=Text(zh="技能提升补贴申请", en="A skill-upgrade subsidy claim")),
    FactSection(name="disability_allowance", type=DisabilityAllowanceApplication,
                title=Text(zh="病残津贴申请", en="A disability-allowance application (basic pension)")),
    FactSection(name="domestic_worker_training", type=DomesticWorkerTraining,
                title=Text(zh="家政从业人员培训记录", en="A domestic-service worker's training record")),
    FactSection(name="domestic_training_programmes", type=DomesticTrainingProgrammes,
                title=Text(zh="家政培训行动年度成果", en="A year's results of the domestic-service training programmes")),
    FactSection(name="private_enterprise_training", type=PrivateEnterpriseTraining,
                title=Text(zh="民营企业员工职业技能培训年度规模", en="A year's training of private-enterprise employees")),
    FactSection(name="postal_safety_site", type=PostalSafetySite,
                title=Text(zh="邮件快件处理场所", en="A postal or express processing site")),
)
