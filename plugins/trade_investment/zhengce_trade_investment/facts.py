"""The case sections of the trade and investment domain, owned by this plugin.

Amounts the law states in US dollars (商务部等令2024年第3号 第六条) are facts in US dollars
(fields ending ``_usd``): the engine compares them with the US-dollar thresholds and never
converts a currency.  Catalogue memberships, the negative list, the SASAC 优秀值 and every
other external list are inputs: the engine never guesses them.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Text
from zhengce.contracts.domains import count, day, items, money, quantity, rate
from zhengce.kernel import FactSection


# --- 商务部等令2024年第3号: foreign strategic investment in listed companies ----------------


class InvestorKind(str, enum.Enum):
    """Who invests (第三条; 第三十五条 for those treated by analogy)."""

    FOREIGN_ENTERPRISE = "foreign_enterprise"  # 外国企业
    FOREIGN_ORGANISATION = "foreign_organisation"  # 外国其他组织
    FOREIGN_NATURAL_PERSON = "foreign_natural_person"  # 外国自然人
    HK_MACAO_TAIWAN = "hk_macao_taiwan"  # 香港、澳门、台湾地区投资者（参照）
    CHINESE_CITIZEN_ABROAD = "chinese_citizen_abroad"  # 定居在国外的中国公民（参照）
    DOMESTIC = "domestic"  # 境内投资者


class Target(str, enum.Enum):
    """The company invested in (第三条第二款; 第三十四条)."""

    A_SHARE_LISTED = "a_share_listed"  # A 股上市公司
    NEEQ_QUOTED = "neeq_quoted"  # 全国中小企业股份转让系统挂牌公司（参照）
    OTHER = "other"


class Method(str, enum.Enum):
    """How the A shares are acquired (第二条)."""

    PRIVATE_PLACEMENT = "private_placement"  # 上市公司定向发行新股
    AGREEMENT_TRANSFER = "agreement_transfer"  # 协议转让
    TENDER_OFFER = "tender_offer"  # 要约收购
    OTHER_LAWFUL = "other_lawful"  # 国家法律法规规定的其他方式


class ExcludedRoute(str, enum.Enum):
    """The investments 第三十三条 takes out of the measures (``none``: not one of them)."""

    NONE = "none"
    QFII_RQFII = "qfii_rqfii"  # 合格境外机构投资者、人民币合格境外机构投资者
    STOCK_CONNECT = "stock_connect"  # 境内外股票市场互联互通机制
    FIE_LISTING = "fie_listing"  # 所投资的外商投资股份有限公司在 A 股上市
    NATURAL_PERSON_MARKET_OR_INCENTIVE = "natural_person_market_or_incentive"  # 外国自然人二级市场买卖或股权激励


class NegativeList(str, enum.Enum):
    """Where the target's field stands on the 外商投资准入负面清单 (an external list: an input)."""

    NOT_LISTED = "not_listed"
    RESTRICTED = "restricted"  # 限制投资领域
    PROHIBITED = "prohibited"  # 禁止投资领域


class Payment(str, enum.Enum):
    """What the investor pays with (第七条)."""

    CASH = "cash"
    OVERSEAS_COMPANY_SHARES = "overseas_company_shares"  # 其持有的境外公司股权
    OWN_NEW_SHARES = "own_new_shares"  # 其增发的股份


@attrs.frozen(kw_only=True)
class StrategicInvestment:
    """A foreign investor's strategic investment in an A-share company (令2024年第3号 第二条–第七条、第十四条、第十五条).

    ``assets_usd`` is the investor's 实有资产总额 and ``managed_assets_usd`` the 管理的实有资产总额,
    both in US dollars.  ``ever_penalised``/``latest_penalty_on`` describe criminal penalties and
    major regulatory penalties at home or abroad (False: none ever).  ``parent_*`` describe the
    wholly-owning investor (全资投资者) of 第六条第二款 and ``joint_liability_undertaking`` its
    undertaking or agreement to share liability.  ``stake_ratio`` is the share of the issued shares
    acquired by an agreement transfer or sought by a tender offer.  ``overseas_company_*`` and the
    other share-payment flags are 第七条's conditions.  ``investment_on`` is the day judged (e.g. the
    contract's signing).
    """

    investor_kind: InvestorKind | None = None
    target: Target | None = None
    method: Method | None = None
    excluded_route: ExcludedRoute | None = None
    medium_to_long_term: bool | None = None  # 中长期持有
    investment_on: date | None = day()
    sound_and_well_governed: bool | None = None  # 第六条（一）
    assets_usd: Decimal | None = money()
    managed_assets_usd: Decimal | None = money()
    becomes_controlling_shareholder: bool | None = None
    founded_on: date | None = day()
    ever_penalised: bool | None = None
    latest_penalty_on: date | None = day()
    parent_route: bool | None = None  # 以全资投资者的条件进行战略投资
    parent_sound_and_well_governed: bool | None = None
    parent_assets_usd: Decimal | None = money()
    parent_managed_assets_usd: Decimal | None = money()
    parent_no_penalty_in_3_years: bool | None = None
    joint_liability_undertaking: bool | None = None
    negative_list: NegativeList | None = None
    meets_restricted_measures: bool | None = None  # 股权要求、高级管理人员要求等
    payment: Payment | None = None
    overseas_company_lawful_with_sound_company_law: bool | None = None
    overseas_company_no_major_penalty_3_years: bool | None = None  # 境外公司及其管理层
    overseas_company_listed: bool | None = None
    shares_lawfully_held_transferable_or_issued: bool | None = None
    complies_securities_and_company_rules: bool | None = None
    outbound_investment_procedures_done: bool | None = None
    stake_ratio: Decimal | None = rate()


class TransferReason(str, enum.Enum):
    """Why shares obtained by a strategic investment are to be transferred (第十八条)."""

    ORDINARY = "ordinary"
    DEATH_OR_TERMINATION = "death_or_termination"  # 外国投资者死亡或者法人终止
    JUDICIAL_DEDUCTION = "judicial_deduction"  # 司法扣划


@attrs.frozen(kw_only=True)
class StrategicHolding:
    """Shares held after a strategic investment: lock-up, reporting and sanction (第十条、第十八条、第十九条、第二十九条).

    ``acquired_on`` is the day the shares were obtained.  ``obtained_in_breach`` says the investor did
    not meet 第六条/第七条 and invested by a false statement or other breach; ``conditions_met_on`` is
    the day it came to meet them (None: not yet).  ``longer_lockup_last_day`` is the last day of a
    longer lock-up the Securities Law, the CSRC or the exchange sets (an input).
    ``stake_change_since_report`` is the cumulative change of the holding ratio (a signed fraction)
    since the last investment-information report; ``control_changed`` a change of foreign control or
    relative control.  ``serious`` marks a serious case of breach.
    """

    acquired_on: date | None = day()
    obtained_in_breach: bool | None = None
    conditions_met_on: date | None = day()
    longer_lockup_last_day: date | None = day()
    transfer_on: date | None = day()
    transfer_reason: TransferReason | None = None
    stake_change_since_report: Decimal | None = rate(minimum=-1, maximum=1)
    control_changed: bool | None = None
    serious: bool | None = None


# --- 署稽发〔2024〕36号: facilitation measures for AEO (高级认证) enterprises -------------------


@attrs.frozen(kw_only=True)
class CustomsEnterprise:
    """An enterprise's customs credit standing and the trades that trigger a facilitation measure (36号 一至三).

    ``regular_sampling_ratio`` is the sampling ratio applied to enterprises under the ordinary
    measures (常规管理措施), an input the customs publish.  ``last_packaging_test_on`` is the last
    performance test of dangerous-goods packaging it produces.  ``violation_on``/``disclosed_on``
    describe a tax-related breach disclosed of its own accord (主动披露).
    ``domestic_party_on_declaration`` says it is the domestic consignor or consignee (境内收发货人)
    on a declaration whose declarant and user or producer are not dishonest enterprises
    (``other_parties_not_dishonest``).
    """

    is_aeo: bool | None = None  # 高级认证企业
    production_enterprise: bool | None = None  # 生产型
    exports_food_or_cosmetics: bool | None = None
    regular_sampling_ratio: Decimal | None = rate()
    produces_dangerous_goods_packaging: bool | None = None
    last_packaging_test_on: date | None = day()
    violation_on: date | None = day()
    disclosed_on: date | None = day()
    no_inspection_findings_last_year: bool | None = None
    domestic_party_on_declaration: bool | None = None
    other_parties_not_dishonest: bool | None = None


@attrs.frozen(kw_only=True)
class TaxYear:
    """Import and export taxes paid in one calendar year (进出口税收纳税额), in yuan."""

    year: int | None = count(minimum=1900, maximum=2100)
    tax_paid: Decimal | None = money()


@attrs.frozen(kw_only=True)
class FinancialPeriod:
    """One period-end's ratios beside the SASAC 《企业绩效评价标准值》 优秀值 of the industry (inputs).

    ``period_end`` is a year-end (12-31) or the end of the month before the application.
    ``debt_ratio`` is 资产负债率 (may exceed 1); ``cash_liability_ratio`` is 现金流动负债比率 (may be negative).
    """

    period_end: date | None = day()
    debt_ratio: Decimal | None = quantity()
    debt_ratio_excellent: Decimal | None = quantity()
    cash_liability_ratio: Decimal | None = quantity(minimum=None)
    cash_liability_excellent: Decimal | None = quantity(minimum=None)


@attrs.frozen(kw_only=True)
class GuaranteeWaiverApplication:
    """An application to waive the duty guarantee under 两步申报 (36号 （七）).

    ``aeo_since`` is the day the enterprise was certified AEO; the flags are the conditions 1–4 as
    the customs records show them; ``tax_years`` and ``periods`` carry conditions 5–7.
    """

    applied_on: date | None = day()
    pilot_customs: bool | None = None  # 选择部分海关试点
    aeo_since: date | None = day()
    ever_paid_tax_late: bool | None = None
    ever_downgraded: bool | None = None
    ever_suspended: bool | None = None
    customs_penalty_in_5_years: bool | None = None
    tax_years: tuple[TaxYear, ...] = items()
    periods: tuple[FinancialPeriod, ...] = items()


# --- 国办发〔2024〕9号: measures to attract foreign investment -----------------------------


@attrs.frozen(kw_only=True)
class ImportedEquipment:
    """One piece of equipment imported for the project: customs value in yuan and the duty rate (inputs)."""

    description: str | None = None
    customs_value: Decimal | None = money()
    duty_rate: Decimal | None = rate()
    for_own_use: bool | None = None
    in_non_exempt_catalogue: bool | None = None  # 不予免税的进口商品目录 (external)


@attrs.frozen(kw_only=True)
class Reinvestment:
    """A project a foreign-invested enterprise invests in by reinvesting in China (9号 （七）).

    ``meets_encouraged_catalogue`` is the project's match with the 鼓励外商投资产业目录 (an external
    catalogue); ``other_conditions_met`` the further conditions the import-duty rules set (按规定).
    """

    investor_is_fie: bool | None = None  # 外商投资企业
    by_domestic_reinvestment: bool | None = None  # 在中国境内再投资
    meets_encouraged_catalogue: bool | None = None
    other_conditions_met: bool | None = None
    equipment: tuple[ImportedEquipment, ...] = items()


class VisaRole(str, enum.Enum):
    """The visa applicant's tie to a foreign-invested enterprise (9号 （十八）)."""

    MANAGER = "manager"  # 管理人员
    TECHNICAL_STAFF = "technical_staff"  # 技术人员
    ACCOMPANYING_SPOUSE = "accompanying_spouse"  # 随行配偶
    ACCOMPANYING_CHILD = "accompanying_child"  # 随行子女
    OTHER = "other"


@attrs.frozen(kw_only=True)
class FdiFacilitation:
    """A request to an FIE and a visa application its people make (9号 （十六）、（十八）).

    ``child_is_minor`` says an accompanying child is a minor (the age is set by other law: an input).
    ``requested_validity_months`` is the entry validity sought.  ``information_obtainable_by_sharing``
    says the information an authority asks an FIE to report again can be obtained by data sharing.
    """

    visa_role: VisaRole | None = None
    child_is_minor: bool | None = None
    requested_validity_months: int | None = count()
    information_request: bool | None = None
    information_obtainable_by_sharing: bool | None = None


#: The case sections this plugin owns.
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="strategic_investment", type=StrategicInvestment,
                title=Text(zh="外国投资者对上市公司战略投资", en="A foreign investor's strategic investment in a listed company")),
    FactSection(name="strategic_holding", type=StrategicHolding,
                title=Text(zh="战略投资取得的股份", en="Shares held after a strategic investment")),
    FactSection(name="customs_enterprise", type=CustomsEnterprise,
                title=Text(zh="企业的海关信用与进出口业务", en="An enterprise's customs credit and trade")),
    FactSection(name="guarantee_waiver", type=GuaranteeWaiverApplication,
                title=Text(zh="免除税款担保申请", en="An application to waive the duty guarantee")),
    FactSection(name="reinvestment", type=Reinvestment,
                title=Text(zh="外商投资企业境内再投资项目", en="An FIE's domestic reinvestment project")),
    FactSection(name="fdi_facilitation", type=FdiFacilitation,
                title=Text(zh="外商投资企业的签证与信息报送", en="Visas and information requests of an FIE")),
)
