"""The case sections of the company-registration domain, owned by this plugin.

Dates are calendar days; a fact the case does not give is None (the rule then reports it missing or
says the answer is not yet known).  Every field declares its domain.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Text
from zhengce.contracts.domains import day, items, quantity
from zhengce.kernel import FactSection


class CompanyKind(str, enum.Enum):
    """The two company forms of the Company Law."""

    LIMITED_LIABILITY = "limited_liability"  # 有限责任公司
    JOINT_STOCK = "joint_stock"  # 股份有限公司


class CapitalChangeKind(str, enum.Enum):
    """What a company changed (784号 第四条 lists the first four, then 等)."""

    CONTRIBUTION_AMOUNT = "contribution_amount"  # 股东认缴和实缴的出资额
    CONTRIBUTION_METHOD = "contribution_method"  # 出资方式
    CONTRIBUTION_PERIOD = "contribution_period"  # 出资期限
    FOUNDER_SHARES = "founder_shares"  # 发起人认购的股份数
    OTHER = "other"  # anything else: outside the listed kinds


class OneStopMatter(str, enum.Enum):
    """The three "一件事" of 国市监注发〔2024〕57号."""

    CHANGE = "change"  # 企业信息变更
    DEREGISTRATION = "deregistration"  # 企业注销
    RESTAURANT_OPENING = "restaurant_opening"  # 开办餐饮店


@attrs.frozen(kw_only=True)
class RegisteredCapital:
    """A company's subscribed capital and its contribution period (784号 第二、三、六、七条).

    ``contribution_due_on`` is the last day of the remaining subscribed-contribution period as the
    articles stood before any adjustment (剩余认缴出资期限届满日).  ``adjusted_due_on`` is that day
    after the adjustment recorded in the articles on ``adjusted_on`` (None: not adjusted).
    ``paid_in_full_on`` is the day shareholders (or a joint-stock company's founders) had paid all
    they subscribed.  ``original_period_approved`` is SAMR's consent to keep the original period
    (第二条第二款).  ``obviously_abnormal`` is the registration authority's own assessment under
    第三条 (its factors are not quantified: an input).  ``correction_due_on`` is the deadline of the
    authority's order to correct (第六条; set by the authority, not in the seed).
    """

    kind: CompanyKind | None = None
    registered_on: date | None = day()
    contribution_due_on: date | None = day()
    adjusted_due_on: date | None = day()
    adjusted_on: date | None = day()
    paid_in_full_on: date | None = day()
    original_period_approved: bool | None = None
    obviously_abnormal: bool | None = None
    ordered_to_correct_on: date | None = day()
    correction_due_on: date | None = day()
    corrected_on: date | None = day()
    revoked_closed_or_cancelled: bool | None = None  # 被吊销营业执照、责令关闭或者被撤销
    unreachable_abnormal_listed: bool | None = None  # 通过住所、经营场所无法联系被列入经营异常名录
    cannot_adjust: bool | None = None  # 出资期限、注册资本不符合本规定且无法调整


@attrs.frozen(kw_only=True)
class CapitalChange:
    """A change of capital information to publish on the national enterprise credit information
    publicity system (784号 第四条).  ``arose_on`` is the day the information arose
    (相关信息产生之日); ``published_on`` the day it was published (None: not yet).
    ``working_days_off`` and ``extra_working_days`` correct the shipped holiday calendar
    (or fill in a year it does not cover)."""

    kind: CapitalChangeKind | None = None
    arose_on: date | None = day()
    published_on: date | None = day()
    true_accurate_complete: bool | None = None
    working_days_off: tuple[date, ...] = items(each=day())
    extra_working_days: tuple[date, ...] = items(each=day())


@attrs.frozen(kw_only=True)
class RevokedCompany:
    """A company whose licence was revoked, or which was ordered closed or cancelled (784号 第八条).

    ``revoked_on`` is that day; ``deregistration_applied`` whether it applied to deregister since;
    ``announcement_started_on`` the first day of the authority's announcement (None: none yet);
    ``objection_raised`` whether anyone objected during the announcement."""

    revoked_on: date | None = day()
    deregistration_applied: bool | None = None
    announcement_started_on: date | None = day()
    objection_raised: bool | None = None


@attrs.frozen(kw_only=True)
class RoadFreightOpening:
    """An application to open a road-freight business as one matter (交运发〔2024〕42号 三).

    ``heaviest_vehicle_total_mass_kg`` is the largest total mass (总质量) among the vehicles to be
    used; ``applied_on`` the day all materials were submitted; ``decided_on`` the day the
    《道路运输经营许可证》 was issued (None: not yet)."""

    dangerous_goods: bool | None = None  # 危险货物道路运输经营
    heaviest_vehicle_total_mass_kg: Decimal | None = quantity()
    registered_first: bool | None = None  # 已依法向市场监管部门办理登记注册
    applied_on: date | None = day()
    decided_on: date | None = day()
    working_days_off: tuple[date, ...] = items(each=day())
    extra_working_days: tuple[date, ...] = items(each=day())


@attrs.frozen(kw_only=True)
class OneStopService:
    """How authorities handled one "一件事" matter (国市监注发〔2024〕57号 二).

    For a change: whether a later department demanded the application form or the licence again.
    For a deregistration: the enterprise's social-insurance position, its customs filing, and
    whether a paper tax-clearance certificate was demanded.  For a restaurant opening: whether the
    food-licence authority added materials or conditions, and whether outdoor signage was made
    subject to approval without a legal basis."""

    matter: OneStopMatter | None = None
    resubmission_demanded: bool | None = None  # 变更后后续部门要求重复提交申请表、营业执照等材料
    wage_arrears: bool | None = None  # 欠薪
    unpaid_social_insurance: bool | None = None  # 未结清的社会保险费及医疗、伤残补助、抚恤费用，滞纳金，罚款
    pending_social_insurance_dispute: bool | None = None  # 正在处理中的社会保险争议
    customs_declarant_filing: bool | None = None  # 存在海关报关单位备案
    customs_formalities_completed: bool | None = None  # 已办结海关手续
    paper_tax_clearance_demanded: bool | None = None  # 要求提交纸质清税证明
    extra_food_licence_requirements: bool | None = None  # 擅自增加食品经营许可申请材料、增设审查条件
    signage_approval_without_legal_basis: bool | None = None  # 无法律法规依据将户外招牌设施设置纳入行政审批


#: The case sections this plugin owns.
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="registered_capital", type=RegisteredCapital,
                title=Text(zh="公司注册资本与认缴出资期限", en="A company's registered capital and contribution period")),
    FactSection(name="capital_change", type=CapitalChange,
                title=Text(zh="需公示的出资信息变更", en="A change of capital information to publish")),
    FactSection(name="revoked_company", type=RevokedCompany,
                title=Text(zh="被吊销、责令关闭或撤销的公司", en="A company revoked, ordered closed or cancelled")),
    FactSection(name="road_freight_opening", type=RoadFreightOpening,
                title=Text(zh="开办道路货运企业“一件事”申请", en="An application to open a road-freight business")),
    FactSection(name="one_stop_service", type=OneStopService,
                title=Text(zh="企业信息变更、注销、开办餐饮店“一件事”办理", en="A one-stop change, deregistration or restaurant opening")),
)
