"""Fact types of the taxation domain.

The sections of this domain are the fields of :class:`TaxationFacts`, which
:class:`~zhengce.contracts.Case` mixes in.  Each section is optional: a case
carries facts for only the domains it concerns.  Catalogue memberships, rates
set in documents outside the seed and similar external facts are inputs: the
engine never guesses them.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import count, day, items, money, quantity, rate, year
from zhengce.kernel import FactSection

# --- 财政部 税务总局公告2024年第8号: 新三板 dividend IIT ----------------------------


class NeeqCompanyKind(str, enum.Enum):
    """Kind of company whose shares the account holds (公告2024年第8号 一、七)."""

    LISTED = "listed"  # 挂牌公司
    TWO_NETWORK = "two_network"  # 原 STAQ、NET 系统挂牌公司（两网公司）
    DELISTED = "delisted"  # 全国中小企业股份转让系统挂牌的退市公司


class NeeqInvestorKind(str, enum.Enum):
    """Who holds the account (公告2024年第8号 一、四)."""

    INDIVIDUAL = "individual"  # 个人
    SECURITIES_INVESTMENT_FUND = "securities_investment_fund"  # 证券投资基金
    OTHER = "other"


@attrs.frozen(kw_only=True)
class NeeqShareMovement:
    """Shares of one company acquired or transferred in one securities account on one day.

    ``day`` is the day the shares are acquired (取得之日) or, for a transfer, the
    transfer delivery day (转让交割之日).  Movements of the same day are netted
    (每日日终结算后的净增（减）股票数) before the FIFO matching.
    """

    day: date | None = day()
    shares: int | None = count()


@attrs.frozen(kw_only=True)
class NeeqDividend:
    """One dividend distribution (派发股息红利) of the company."""

    record_date: date | None = day()  # 股权登记日
    per_share: Decimal | None = money()  # 每股股息红利 (CNY, before tax)


@attrs.frozen(kw_only=True)
class NeeqDividendAccount:
    """One securities account's shares of one 新三板 company and the company's dividends."""

    account_id: str | None = None
    investor: NeeqInvestorKind | None = None
    company_kind: NeeqCompanyKind | None = None
    delisted_restricted_shares: bool | None = None  # 退市公司的限售股 (财税〔2012〕85号 第四条 instead)
    acquisitions: tuple[NeeqShareMovement, ...] | None = None
    transfers: tuple[NeeqShareMovement, ...] | None = None
    dividends: tuple[NeeqDividend, ...] | None = None
    # 二: transfer delivery days on which the cash account held no or too little money for the tax
    funds_short_on: tuple[date, ...] = items(each=day())
    # the working-day calendar for "次月5个工作日内" (not in the seed): public holidays falling on
    # weekdays, and weekend days worked instead (调休); otherwise Monday–Friday
    days_off: tuple[date, ...] = items(each=day())
    extra_working_days: tuple[date, ...] = items(each=day())


# --- 财政部 税务总局公告2024年第9号: special-equipment upgrade credit ---------------


@attrs.frozen(kw_only=True)
class SpecialEquipmentUpgrade:
    """One digital/intelligent upgrade (数字化、智能化改造) of one piece of special equipment.

    Amounts in CNY.  ``investment`` is the whole capitalised upgrade spending;
    the exclusions of 公告第四条、第八条 are given separately and deducted.
    ``on_catalogue``: the equipment is on 财税〔2018〕84号 or 财税〔2017〕71号 (external lists);
    ``meets_catalogue_after_upgrade``: it still meets the catalogue's conditions.
    """

    equipment_id: str | None = None
    original_tax_basis: Decimal | None = money()  # 购置时原计税基础
    incurred_on: date | None = day()  # 改造投入发生日
    completed_on: date | None = day()  # 改造完成日
    investment: Decimal | None = money()
    refunded_vat: Decimal | None = money()  # 按有关规定退还的增值税税款
    transport_installation_commissioning: Decimal | None = money()  # 运输、安装和调试等费用
    fiscal_grant_funded: Decimal | None = money()  # 利用财政拨款资金进行的投入
    purchased_by_enterprise: bool | None = None  # 企业购置 (or finance lease with title transfer)
    finance_lease_title_transfers: bool | None = None  # 融资租赁且约定期满所有权转移 (None: not leased)
    on_catalogue: bool | None = None
    meets_catalogue_after_upgrade: bool | None = None
    used_by_enterprise: bool | None = None  # 自身实际使用
    separately_accounted: bool | None = None  # 单独核算、分别归集
    plan_or_tech_contract: bool | None = None  # 改造方案 or 登记的技术开发/服务合同
    transferred_or_leased_on: date | None = day()  # 转让、出租（停止使用）之日
    lease_ended_without_title_on: date | None = day()  # 融资租赁期届满而所有权未转移至承租方之日 (公告七第二句)


@attrs.frozen(kw_only=True)
class CitTaxYear:
    """One tax year of the enterprise: its corporate income tax payable (应纳税额, 公告第五条)."""

    year: int | None = year()
    tax_payable: Decimal | None = money()


@attrs.frozen(kw_only=True)
class SpecialEquipmentCredit:
    """The upgrades of an enterprise and its tax years, for the credit and its carry-forward."""

    upgrades: tuple[SpecialEquipmentUpgrade, ...] | None = None
    tax_years: tuple[CitTaxYear, ...] | None = None


# --- 国家税务总局公告2024年第10号: LAT prepayment floor ------------------------------


@attrs.frozen(kw_only=True)
class LatPrepayment:
    """A land-value-added-tax (土地增值税) prepayment of a real-estate project.

    ``prepaid_on``: the day the prepayment obligation arises (the reading: the
    floor in force on that day governs).  ``region`` (east/middle/west/northeast)
    overrides the engine's reference table for ``province``.  ``applied_rate``:
    the provincial prepayment rate applied (a ratio, 0.015 for 1.5%).
    """

    project_id: str | None = None
    province: str | None = None
    region: str | None = None
    affordable_housing: bool | None = None  # 保障性住房
    prepaid_on: date | None = day()
    revenue: Decimal | None = money()  # 预收款 / 计征依据 (CNY)
    applied_rate: Decimal | None = rate()


# --- 财政部 税务总局公告2024年第14号: stamp duty on restructuring --------------------


class RestructuringKind(str, enum.Enum):
    """The operation (公告2024年第14号 三、四)."""

    ENTERPRISE_CONVERSION = "enterprise_conversion"  # 企业改制
    MERGER = "merger"  # 合并
    DIVISION = "division"  # 分立
    OTHER_RESTRUCTURING = "other_restructuring"  # 其他资产或股权出资和划转、债务重组等
    BANKRUPTCY_LIQUIDATION = "bankruptcy_liquidation"  # 破产清算
    PUBLIC_INSTITUTION_CONVERSION = "public_institution_conversion"  # 事业单位改制
    ADMINISTRATIVE_ADJUSTMENT = "administrative_adjustment"  # 县级以上人民政府行政性调整
    INTRA_GROUP_TRANSFER = "intra_group_transfer"  # 同一投资主体内部划转
    DEBT_TO_EQUITY = "debt_to_equity"  # 债权转股权


class ConversionForm(str, enum.Enum):
    """The forms of 企业改制 (四（一）)."""

    NON_COMPANY_TO_COMPANY = "non_company_to_company"  # 非公司制企业改制为有限责任公司或者股份有限公司
    LLC_TO_JOINT_STOCK = "llc_to_joint_stock"  # 有限责任公司变更为股份有限公司
    JOINT_STOCK_TO_LLC = "joint_stock_to_llc"  # 股份有限公司变更为有限责任公司
    OTHER = "other"


class IntraGroupRelation(str, enum.Enum):
    """The relations of 同一投资主体内部 (四（五）)."""

    PARENT_AND_WHOLLY_OWNED_SUBSIDIARY = "parent_and_wholly_owned_subsidiary"
    WHOLLY_OWNED_SISTER_SUBSIDIARIES = "wholly_owned_sister_subsidiaries"
    PERSON_AND_OWN_ENTITY = "person_and_own_entity"  # 自然人与其个人独资企业、一人有限公司、个体工商户
    OTHER = "other"


class TransferAsset(str, enum.Enum):
    """What an administrative adjustment or intra-group transfer moves (三)."""

    LAND_USE_RIGHT = "land_use_right"
    BUILDING = "building"  # 房屋等建筑物和构筑物所有权
    EQUITY = "equity"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class RestructuringStampDuty:
    """A restructuring and the stamp-duty items it produces (amounts in CNY).

    Account books (营业账簿): ``capital_already_taxed`` is the part of the new
    enterprise's 实收资本（股本）+资本公积 on which stamp duty was already paid;
    ``capital_not_yet_taxed`` the part not yet taxed; ``capital_added_later`` later
    additions; ``capital_from_revaluation`` increases by valuation;
    ``capital_from_other_accounts`` other accounts turned into capital;
    ``capital_from_debt_to_equity`` the increase from 债权转股权.
    ``stamp_duty_rate`` (optional) is the rate of the 印花税法 (not in the seed).
    """

    kind: RestructuringKind | None = None
    executed_on: date | None = day()  # 书立 / 记载 date
    conversion_form: ConversionForm | None = None
    original_investors_survive: bool | None = None  # 投资主体存续
    original_investors_share_after: Decimal | None = rate()  # ratio 0..1 in the converted entity
    successor_inherits_rights: bool | None = None  # 承继原企业权利、义务
    investors_unchanged: bool | None = None  # 分立：出资人不发生变动
    parent_absorbs_wholly_owned_subsidiary: bool | None = None
    state_council_approved: bool | None = None  # 经国务院批准实施的重组项目 (债转股)
    by_county_or_higher_government: bool | None = None  # 县级以上人民政府或者其所属国资部门
    intra_group_relation: IntraGroupRelation | None = None
    transfer_asset: TransferAsset | None = None
    established_in_china: bool | None = None  # 依照我国法律法规设立并在中国境内注册
    property_transfer_deed_amount: Decimal | None = money()  # 产权转移书据
    capital_already_taxed: Decimal | None = money()
    capital_not_yet_taxed: Decimal | None = money()
    capital_added_later: Decimal | None = money()
    capital_from_revaluation: Decimal | None = money()
    capital_from_other_accounts: Decimal | None = money()
    capital_from_debt_to_equity: Decimal | None = money()
    continued_contract_amount: Decimal | None = money()  # 改制前书立尚未履行完毕的合同
    continued_contract_basis_unchanged: bool | None = None
    continued_contract_already_taxed: bool | None = None
    stamp_duty_rate_books: Decimal | None = rate()
    stamp_duty_rate_deeds: Decimal | None = rate()


# --- 工业和信息化部 财政部 税务总局公告2024年第10号: vehicle & vessel tax catalogue ----


@attrs.frozen(kw_only=True)
class VehicleVesselTaxRelief:
    """A vehicle model listed for 车船税 relief (节能、新能源汽车) and one vehicle of that model.

    ``catalogue_batch``: the batch of 《享受车船税减免优惠的节约能源 使用新能源汽车车型目录》
    listing the model; ``meets_2024_requirements``: the model meets the notice's
    attachments 1–4 (external, an input); ``new_catalogue_published_on``: the day the
    new catalogue (batch 65 on) was published (external, an input).
    """

    model: str | None = None
    application_completed_on: date | None = day()  # 企业完成申请之日
    catalogue_batch: int | None = count(minimum=1)
    meets_2024_requirements: bool | None = None
    new_catalogue_published_on: date | None = day()
    vehicle_acquired_on: date | None = day()  # 取得之日
    transferred: bool | None = None  # 是否转让 (irrelevant to grandfathering, recorded)


# --- 国家税务总局公告2024年第5号: reverse invoicing by resource recyclers -----------------


class RecyclerKind(str, enum.Enum):
    """The three kinds of resource-recycling enterprise (公告第5号 二)."""

    HAZARDOUS_WASTE = "hazardous_waste"  # 危险废物收集 — 危险废物经营许可证
    END_OF_LIFE_VEHICLE = "end_of_life_vehicle"  # 报废机动车回收 — 回收拆解企业资质认定证书
    OTHER_RECYCLING = "other_recycling"  # 其他再生资源回收 — 商务部门备案
    NONE = "none"


class VatMethod(str, enum.Enum):
    SIMPLIFIED = "simplified"  # 简易计税方法
    GENERAL = "general"  # 一般计税方法


class InvoiceType(str, enum.Enum):
    SPECIAL = "special"  # 增值税专用发票
    ORDINARY = "ordinary"  # 普通发票


@attrs.frozen(kw_only=True)
class ReverseInvoice:
    """One reverse invoice (反向开票) a recycler issues to a natural-person seller of scrap products.

    Amounts are ex-VAT CNY.  ``seller_12m_sales_before``: the seller's reverse-invoiced sales in the
    12 consecutive natural months ending with this invoice's month, before this invoice (all recyclers);
    ``seller_month_sales``: the seller's reverse-invoiced sales in this month including this invoice
    (all recyclers); ``recycler_month_amount``: this recycler's reverse-invoiced amount to the seller this
    month including this invoice.  ``vat_rate_override``: a later-adjusted small-scale levy rate.
    """

    invoice_on: date | None = day()
    amount: Decimal | None = money()
    invoice_type: InvoiceType | None = None
    recycler_kind: RecyclerKind | None = None
    recycler_licensed: bool | None = None  # holds the licence / certificate / 备案 of its kind
    recycler_actually_recycles: bool | None = None
    recycler_application_filed: bool | None = None
    recycler_suspended: bool | None = None
    recycler_false_materials_found: bool | None = None  # 十八: 提交虚假资料骗取资格或回收业务虚假（经税务机关查实）
    recycler_vat_method: VatMethod | None = None
    seller_natural_person: bool | None = None
    seller_consented: bool | None = None
    seller_12m_sales_before: Decimal | None = money()
    seller_month_sales: Decimal | None = money()
    recycler_month_amount: Decimal | None = money()
    vat_rate_override: Decimal | None = rate()
    # 十五–十七: consequences for the recycler (findings only when given)
    comprehensive_utilisation_project: bool | None = None  # 从事《资源综合利用产品和劳务增值税优惠目录（2022年版）》所列项目
    invoice_compliant: bool | None = None  # 符合税收法律、行政法规、规章和规范性文件相关规定 (十六)
    evidence_kept: tuple[ReverseInvoiceEvidence, ...] | None = None
    purchase_ledger_fields: tuple[PurchaseLedgerField, ...] | None = None  # in a 收购台账 or the existing books


class ReverseInvoiceEvidence(str, enum.Enum):
    """Materials proving a purchase is genuine (公告第5号 十七)."""

    PURCHASE_CONTRACT = "purchase_contract"  # 收购合同或协议
    TRANSPORT_DOCUMENT = "transport_document"  # 运输发票或凭证
    WEIGHBRIDGE_TICKET = "weighbridge_ticket"  # 货物过磅单
    PAYMENT_RECORD = "payment_record"  # 转账支付记录


class PurchaseLedgerField(str, enum.Enum):
    """What the purchase ledger (收购台账) records for each purchase (公告第5号 十七)."""

    TIME = "time"
    PLACE = "place"
    SELLER = "seller"
    SELLER_CONTACT = "seller_contact"
    PRODUCT_NAME = "product_name"
    QUANTITY = "quantity"
    PRICE = "price"


@attrs.frozen(kw_only=True)
class RecyclerVatMethodElection:
    """A resource recycler's change of VAT method for its sales of scrap products (公告第5号 九).

    ``current_method_since``: the day the current method was elected (simplified) or changed to
    (general); ``current_method_by_election``: False when the current method was never elected or
    changed to (a general taxpayer on the general method by default); ``change_on``: the day from
    which the requested method would apply.
    """

    general_taxpayer: bool | None = None
    current_method: VatMethod | None = None
    current_method_since: date | None = day()
    current_method_by_election: bool | None = None
    requested_method: VatMethod | None = None
    change_on: date | None = day()


class RedLetterReason(str, enum.Enum):
    SALES_RETURN = "sales_return"  # 销售退回
    INVOICING_ERROR = "invoicing_error"  # 开票有误
    SALES_ALLOWANCE = "sales_allowance"  # 销售折让
    OTHER = "other"


class RedLetterForm(str, enum.Enum):
    INFORMATION_SHEET = "information_sheet"  # 《开具红字增值税专用发票信息表》
    CONFIRMATION_FORM = "confirmation_form"  # 《红字发票信息确认单》
    OTHER = "other"


class RedLetterFiler(str, enum.Enum):
    RECYCLER = "recycler"  # 资源回收企业
    SELLER = "seller"  # 出售者
    OTHER = "other"


@attrs.frozen(kw_only=True)
class ReverseInvoiceRedLetter:
    """A red-letter invoice against a reverse invoice (公告第5号 十).

    ``blue_invoice_numbers``: the blue invoices the form names (one-to-one: exactly one).
    """

    blue_is_reverse_invoice: bool | None = None
    reason: RedLetterReason | None = None
    filed_by: RedLetterFiler | None = None
    form: RedLetterForm | None = None
    blue_invoice_numbers: tuple[str, ...] | None = None


# --- 国家税务总局公告2024年第11号: fully digital e-invoices --------------------------------


class EinvoiceBusiness(str, enum.Enum):
    """Specific-business tag of a blue invoice (公告第11号 八（一）)."""

    AGRICULTURAL_PURCHASE = "agricultural_purchase"  # 农产品收购发票
    SCRAP_PURCHASE = "scrap_purchase"  # 报废产品收购发票
    PV_PURCHASE = "pv_purchase"  # 光伏收购发票
    OTHER = "other"


@attrs.frozen(kw_only=True)
class DigitalEinvoice:
    """A fully digital e-invoice (数电发票), the issuer's month, and a red-letter request if any.

    ``monthly_quota``: the 发票总额度 the tax office granted (an input); ``month_total_ex_vat``: the
    issuer's invoiced total of the natural month including this invoice.  Red-letter facts:
    ``red_letter_requested`` and the blue invoice's state.
    """

    number: str | None = None
    issued_on: date | None = day()
    month_total_ex_vat: Decimal | None = money()
    monthly_quota: Decimal | None = money()
    red_letter_requested: bool | None = None
    business: EinvoiceBusiness | None = None
    use_confirmed: bool | None = None  # 用途确认
    booked: bool | None = None  # 入账确认
    export_refund_selected: bool | None = None  # 用于出口退税勾选和确认
    recipient_deducted: bool | None = None  # 受票方已用于申报抵扣
    vat_amount: Decimal | None = money()  # 蓝字发票（或《确认单》）所列税额
    confirmation_hours_elapsed: Decimal | None = quantity()  # 《确认单》发起后经过的小时数（未确认）


# --- super-deduction / super-credit enterprise lists (工信部联通装函〔2024〕60号、233号, 工信厅联财函〔2024〕248号) ---


class HnteStatus2024(str, enum.Enum):
    """High-and-new-tech-enterprise (高新技术企业) status in 2024 (工信厅联财函〔2024〕248号 四)."""

    VALID_ALL_YEAR = "valid_all_year"  # 2024年全年有效
    EXPIRED_RENEWED = "expired_renewed"  # 2024年内到期并在2024年内取得新资格
    EXPIRED_NOT_RENEWED = "expired_not_renewed"  # 2024年内到期且未取得新资格
    NEWLY_CERTIFIED = "newly_certified"  # 2024年新认定
    NONE = "none"


class AdvancedManufacturerChange(str, enum.Enum):
    """A change of an applicant after certification (工信厅联财函〔2024〕248号 七)."""

    RENAME = "rename"  # 更名
    RELOCATION = "relocation"  # 整体迁移
    MAJOR_CHANGE = "major_change"  # 与认定条件有关重大变化
    NONE = "none"


@attrs.frozen(kw_only=True)
class AdvancedManufacturerBranch:
    """A non-legal-person branch (分支机构) of an applicant (248号 五), 2023 figures ex-VAT CNY."""

    branch_id: str | None = None
    manufacturing: bool | None = None  # 分支机构所属行业为制造业
    general_taxpayer: bool | None = None
    sales_2023_total: Decimal | None = money()
    manufacturing_sales_2023: Decimal | None = money()
    processing_fees_2023: Decimal | None = money()


@attrs.frozen(kw_only=True)
class AdvancedManufacturerList2024:
    """An application for the 2024 list of advanced manufacturers (VAT 加计抵减), amounts ex-VAT CNY.

    ``manufacturing_sales_2023`` counts own manufacturing only (outsourced production excluded);
    ``processing_fees_2023`` is what the firm earned as a contractor processing for others.
    ``credit_rate`` (公告2023年第43号, outside the seed) and ``creditable_input_vat`` are optional.
    """

    hnte_status: HnteStatus2024 | None = None
    general_taxpayer: bool | None = None
    sales_2023_total: Decimal | None = money()
    manufacturing_sales_2023: Decimal | None = money()
    processing_fees_2023: Decimal | None = money()
    on_2023_list: bool | None = None
    applied_on: date | None = day()
    creditable_input_vat: Decimal | None = money()
    credit_rate: Decimal | None = rate()
    # 五: branches, filed by the head office (the applicant)
    head_office_manufacturing: bool | None = None  # 总公司所属行业为制造业 (read when branches are given)
    vat_consolidated_filing: bool | None = None  # 增值税汇总纳税企业
    branches: tuple[AdvancedManufacturerBranch, ...] | None = None
    # 七: changes
    change_kind: AdvancedManufacturerChange | None = None
    change_info_updated_on: date | None = day()  # 在高新技术企业认定管理工作网完成相关信息变更之日
    applied_in_new_location: bool | None = None  # 整体迁移后在迁入地重新申报
    # 八: supervision
    conditions_failed_on: date | None = day()  # 不再符合享受政策条件之日 (e.g. HNTE status revoked)
    false_information_found: bool | None = None  # 以虚假信息获得减免税资格


@attrs.frozen(kw_only=True)
class MachineToolRdList2023:
    """An application for the 2023 list of machine-tool (工业母机) firms for the R&D super-deduction."""

    makes_advanced_products: bool | None = None  # 先进工业母机产品 (公告2023年第44号 附件, external)
    rd_staff_monthly_avg: Decimal | None = quantity()
    staff_monthly_avg: Decimal | None = quantity()
    rd_expense_2023: Decimal | None = money()
    sales_revenue_2023: Decimal | None = money()  # 主营业务收入 + 其他业务收入
    product_revenue_2023: Decimal | None = money()
    total_income_2023: Decimal | None = money()
    applied_on: date | None = day()
    disqualified_on: date | None = day()  # 六: 经复核确不符合条件、取消享受政策资格之日


@attrs.frozen(kw_only=True)
class MachineToolVatList2024:
    """A machine-tool firm and the 2024 VAT super-credit list (criteria in 财税〔2023〕25号, external)."""

    applied_on: date | None = day()
    on_2023_list: bool | None = None
    on_2024_list: bool | None = None
    change_registered_on: date | None = day()  # 更名、分立、合并、重组、主营业务重大变化的变更登记
    change_reported_on: date | None = day()


#: The case sections this plugin owns (declared to the kernel through ``declare_sections``).


# --- 税总征科发〔2024〕38号: cross-region migration (跨区迁移) ---------------------------


class MigrationScope(str, enum.Enum):
    """Where the taxpayer moves its registered address (二（二）)."""

    WITHIN_PROVINCE = "within_province"  # 省内迁移
    CROSS_PROVINCE = "cross_province"  # 跨省迁移


class InvoiceMode(str, enum.Enum):
    """How the taxpayer issues invoices (二（二）)."""

    FULLY_DIGITAL = "fully_digital"  # 全面数字化的电子发票
    TAX_CONTROL_DEVICE = "tax_control_device"  # 税控设备


class MatterInitiator(str, enum.Enum):
    """Who started an unfinished tax matter (二（一）)."""

    TAXPAYER = "taxpayer"  # 依纳税人申请办理的事项
    TAX_OFFICE = "tax_office"  # 税务机关依职权发起的事项


class MatterChoice(str, enum.Enum):
    """The taxpayer's answer to the push asking whether to go on with its matter (二（一）)."""

    CONTINUE = "continue"  # 继续办理
    STOP = "stop"  # 不再办理


class RiskLevel(str, enum.Enum):
    """The level of an unfinished risk task (二（三）)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RefundChoice(str, enum.Enum):
    """When the taxpayer has its overpaid tax refunded (二（四）)."""

    BEFORE_MIGRATION = "before_migration"  # 迁移前办理退税
    AFTER_MIGRATION = "after_migration"  # 暂不退税，迁移后办理


class MigrationObstacle(str, enum.Enum):
    """What a tax office did to hinder the move (三, second paragraph: 严禁…)."""

    ASSISTED_BLOCKING = "assisted_blocking"  # 协助阻拦纳税人正常迁移
    RISK_TASK_TO_BLOCK = "risk_task_to_block"  # 违规发起风险任务阻断纳税人迁移
    EXTRA_CONDITIONS = "extra_conditions"  # 额外增设条件门槛阻碍纳税人迁移
    BLOCKING_DOCUMENT = "blocking_document"  # 违规阻碍纳税人跨区迁移的文件和要求


@attrs.frozen(kw_only=True)
class PendingTaxMatter:
    """One tax matter not finished when the taxpayer applies to move (未办结涉税事项)."""

    id: str | None = None
    initiated_by: MatterInitiator | None = None
    choice: MatterChoice | None = None  # only for a matter the taxpayer applied for


@attrs.frozen(kw_only=True)
class MigrationRiskTask:
    """One unfinished risk task (未完成风险任务)."""

    id: str | None = None
    level: RiskLevel | None = None


@attrs.frozen(kw_only=True)
class CrossRegionMigration:
    """A taxpayer's move of its registered address to another tax district (跨区迁移).

    ``applied_on`` is the day it applies to the tax office to move; the rights of 三 are the
    values at the old place, which continue at the new one.
    """

    applied_on: date | None = day()
    scope: MigrationScope | None = None
    address_change_registered: bool | None = None  # 市场监管部门的跨区住所变更登记信息已共享
    invoice_modes: tuple[InvoiceMode, ...] = items()
    pending_matters: tuple[PendingTaxMatter, ...] = items()
    risk_tasks: tuple[MigrationRiskTask, ...] = items()
    overpaid_tax: Decimal | None = money()  # 多缴税款
    refund_choice: RefundChoice | None = None
    credit_rating: str | None = None  # 纳税信用级别 (A, B, M, C, D)
    invoice_quota: Decimal | None = money()  # 发票额度
    prepaid_tax: Decimal | None = money()  # 预缴税款
    loss_carryforward: Decimal | None = money()  # 所得税亏损弥补：尚未弥补的亏损
    general_taxpayer: bool | None = None  # 增值税一般纳税人资格
    uncredited_input_vat: Decimal | None = money()  # 未抵扣增值税进项税额
    obstacles: tuple[MigrationObstacle, ...] = items()


SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="neeq_dividend_account", type=NeeqDividendAccount),
    FactSection(name="special_equipment_credit", type=SpecialEquipmentCredit),
    FactSection(name="lat_prepayment", type=LatPrepayment),
    FactSection(name="restructuring_stamp_duty", type=RestructuringStampDuty),
    FactSection(name="vehicle_vessel_tax_relief", type=VehicleVesselTaxRelief),
    FactSection(name="reverse_invoicing", type=ReverseInvoice),
    FactSection(name="recycler_vat_method_election", type=RecyclerVatMethodElection),
    FactSection(name="reverse_invoice_red_letter", type=ReverseInvoiceRedLetter),
    FactSection(name="digital_einvoice", type=DigitalEinvoice),
    FactSection(name="advanced_manufacturer_list_2024", type=AdvancedManufacturerList2024),
    FactSection(name="machine_tool_rd_list_2023", type=MachineToolRdList2023),
    FactSection(name="machine_tool_vat_list_2024", type=MachineToolVatList2024),
    FactSection(name="cross_region_migration", type=CrossRegionMigration),
)