"""The case sections of the competition domain, owned by this plugin.

Four sections, one per document: a concentration of undertakings (国令第773号), a draft policy
measure under fair-competition review (国令第783号), a complaint about a measure (市场监管总局公告
2024年第45号), and a fine provision or a fine decision (国发〔2024〕5号).  A number the seed does not
give (a turnover computed under the special-sector rules, a holiday calendar, a limitation period
of 行政处罚法) is a fact here, never a guess.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Text
from zhengce.contracts.domains import day, items, money, quantity
from zhengce.kernel import FactSection

# --- 国令第773号: concentrations of undertakings ---------------------------------------------


class ConcentrationKind(str, enum.Enum):
    """第二条: the three kinds of concentration, and none (e.g. a stake that confers no control)."""

    MERGER = "merger"  # 经营者合并
    CONTROL_BY_EQUITY_OR_ASSETS = "control_by_equity_or_assets"  # 取得股权或者资产取得控制权
    CONTROL_OR_DECISIVE_INFLUENCE_BY_CONTRACT = "control_or_decisive_influence_by_contract"  # 合同等方式
    NONE = "none"  # no control acquired: not a concentration


class SpecialSector(str, enum.Enum):
    """第三条: sectors whose turnover is computed under separate rules the seed does not contain."""

    BANK = "bank"  # 银行
    INSURANCE = "insurance"  # 保险
    SECURITIES = "securities"  # 证券
    FUTURES = "futures"  # 期货
    NONE = "none"


@attrs.frozen(kw_only=True)
class ConcentrationParty:
    """An undertaking taking part in the concentration (参与集中的经营者).

    Turnovers are of the previous financial year (上一会计年度), in CNY.  For a bank, insurer,
    securities or futures firm the turnover is the figure computed under the authority's special
    rules (not in the seed): an input.
    """

    name: str | None = None
    worldwide_turnover: Decimal | None = money()
    china_turnover: Decimal | None = money()
    special_sector: SpecialSector | None = None


@attrs.frozen(kw_only=True)
class Concentration:
    """A transaction that may be a concentration of undertakings (经营者集中).

    ``anti_competitive_evidence``: evidence shows the concentration has or may have the effect of
    eliminating or restricting competition (第四条) — a finding of the authority, an input.
    ``filed_on`` / ``implemented_on``: the day it was filed with the State Council's anti-monopoly
    authority, and the day it was (or is to be) implemented; None when not (yet) done.
    """

    kind: ConcentrationKind | None = None
    parties: tuple[ConcentrationParty, ...] = items()
    anti_competitive_evidence: bool | None = None
    filed_on: date | None = day()
    implemented_on: date | None = day()


# --- 国令第783号: fair-competition review of a draft measure ---------------------------------


class DrafterKind(str, enum.Enum):
    """第十三条、第十四条: who issues the measure, which decides who reviews it."""

    DEPARTMENT = "department"  # 拟由部门出台
    JOINT_DEPARTMENTS = "joint_departments"  # 拟由多个部门联合出台
    GOVERNMENT = "government"  # 拟由县级以上人民政府出台或者提请本级人大及其常委会审议


class ProvisionKind(str, enum.Enum):
    """What a provision of the draft does, by the items of 第八条 to 第十一条 (or ``neutral``)."""

    # 第八条 market entry and exit
    APPROVAL_OUTSIDE_NEGATIVE_LIST = "approval_outside_negative_list"  # （一）负面清单以外违法设置审批程序
    FRANCHISE = "franchise"  # （二）违法设置或者授予特许经营权
    DESIGNATED_SUPPLIER = "designated_supplier"  # （三）限定经营、购买或者使用特定经营者提供的商品
    DISCRIMINATORY_ENTRY_EXIT = "discriminatory_entry_exit"  # （四）不合理或者歧视性的准入、退出条件
    OTHER_ENTRY_EXIT = "other_entry_exit"  # （五）
    # 第九条 free movement of goods and factors
    BLOCK_OUTSIDE_GOODS = "block_outside_goods"  # （一）限制外地或者进口商品、要素进入，阻碍迁出、输出
    RESTRICT_OUTSIDE_INVESTMENT = "restrict_outside_investment"  # （二）排斥、限制、强制外地经营者投资或设分支机构
    EXCLUDE_FROM_PROCUREMENT = "exclude_from_procurement"  # （三）排斥、限制外地经营者参加政府采购、招标投标
    DISCRIMINATORY_CHARGES = "discriminatory_charges"  # （四）歧视性收费项目、收费标准、价格或者补贴
    DISCRIMINATORY_REQUIREMENTS = "discriminatory_requirements"  # （五）资质标准、监管执法等歧视性要求
    OTHER_FREE_MOVEMENT = "other_free_movement"  # （六）
    # 第十条 production and operating costs (allowed with a legal basis or State Council approval)
    TAX_PREFERENCE = "tax_preference"  # （一）给予特定经营者税收优惠
    SELECTIVE_SUBSIDY = "selective_subsidy"  # （二）选择性、差异化的财政奖励或者补贴
    FEE_OR_FACTOR_PREFERENCE = "fee_or_factor_preference"  # （三）要素获取、收费、基金、社保费等优惠
    OTHER_COST = "other_cost"  # （四）
    # 第十一条 production and operating conduct
    COMPEL_MONOPOLY = "compel_monopoly"  # （一）强制实施垄断行为或者提供便利条件
    PRICE_BEYOND_AUTHORITY = "price_beyond_authority"  # （二）超越权限定价，为特定经营者提供优惠价格
    INTERFERE_MARKET_PRICE = "interfere_market_price"  # （三）违法干预市场调节价
    OTHER_CONDUCT = "other_conduct"  # （四）
    NEUTRAL = "neutral"  # none of the prohibited kinds


class ExceptionGround(str, enum.Enum):
    """第十二条: the grounds on which a measure restricting competition may still be issued."""

    NATIONAL_SECURITY = "national_security"  # （一）维护国家安全和发展利益
    SCIENCE_AND_TECHNOLOGY = "science_and_technology"  # （二）促进科学技术进步、增强自主创新能力
    PUBLIC_INTEREST = "public_interest"  # （三）节约能源、保护环境、救灾救助等社会公共利益
    OTHER_LAW = "other_law"  # （四）法律、行政法规规定的其他情形


@attrs.frozen(kw_only=True)
class MeasureProvision:
    """One provision of a draft measure, classified by what it does.

    ``legal_basis`` / ``state_council_approval`` matter for 第十条 kinds only.  The exception of
    第十二条 is claimed by naming ``exception_ground``; ``less_restrictive_alternative`` says
    whether an alternative with less effect on competition exists (True defeats the exception).
    """

    text: str | None = None
    kind: ProvisionKind | None = None
    legal_basis: bool | None = None  # 有法律、行政法规依据
    state_council_approval: bool | None = None  # 经国务院批准
    exception_ground: ExceptionGround | None = None
    less_restrictive_alternative: bool | None = None
    term_or_end_condition: bool | None = None  # 能够确定合理的实施期限或者终止条件


@attrs.frozen(kw_only=True)
class DraftMeasure:
    """A draft policy measure (政策措施) affecting undertakings' economic activity, with its review."""

    title: str | None = None
    drafter: DrafterKind | None = None
    concerns_economic_activity: bool | None = None  # 涉及经营者经济活动 (第二条)
    provisions: tuple[MeasureProvision, ...] = items()
    reviewed: bool | None = None  # 在起草阶段开展了公平竞争审查
    preliminary_review_sent: bool | None = None  # 起草单位初审并送市场监督管理部门审查 (第十四条)
    stakeholders_consulted: bool | None = None  # 听取利害关系人意见 (第十六条)
    affects_public_interest: bool | None = None
    public_consulted: bool | None = None
    conclusion_made: bool | None = None  # 作出审查结论 (第十七条)
    exception_explained: bool | None = None  # 适用第十二条的，在审查结论中详细说明


# --- 市场监管总局公告2024年第45号: complaints ------------------------------------------------


class MeasureLevel(str, enum.Enum):
    """第五条: whose measure the complaint is about, seen from the department that received it."""

    SAME_LEVEL_GOVERNMENT_UNIT = "same_level_government_unit"  # 本级人民政府相关单位
    NEXT_LOWER_GOVERNMENT = "next_lower_government"  # 下一级人民政府
    OTHER = "other"  # outside its remit


class ComplainedMeasureType(str, enum.Enum):
    """第十条: what kind of text the complaint is about."""

    POLICY_MEASURE = "policy_measure"  # 已出台的政策措施
    LAW_OR_REGULATION = "law_or_regulation"  # 法律、行政法规、地方性法规
    NOT_YET_ISSUED = "not_yet_issued"  # 尚未出台的政策措施


class ProceduralViolation(str, enum.Enum):
    """第十三条: the seven kinds of unperformed or irregular review procedure."""

    NOT_REVIEWED = "not_reviewed"  # （一）
    NO_EVIDENCE_OF_REVIEW = "no_evidence_of_review"  # （二）
    EXCEPTION_NOT_EXPLAINED = "exception_not_explained"  # （三）
    NOT_SENT_TO_SAMR = "not_sent_to_samr"  # （四）
    NO_CONSULTATION = "no_consultation"  # （五）
    NO_CLEAR_CONCLUSION = "no_clear_conclusion"  # （六）
    OTHER_PROCEDURAL = "other_procedural"  # （七）


class StandardViolation(str, enum.Enum):
    """第十四条: the five kinds of breach of the review standards."""

    PROHIBITED_CONTENT = "prohibited_content"  # （一）
    EXCEPTION_GROUND_NOT_MET = "exception_ground_not_met"  # （二）
    LESS_RESTRICTIVE_ALTERNATIVE_EXISTED = "less_restrictive_alternative_existed"  # （三）
    NO_TERM_OR_NOT_STOPPED = "no_term_or_not_stopped"  # （四）
    OTHER_STANDARD = "other_standard"  # （五）


@attrs.frozen(kw_only=True)
class FairCompetitionComplaint:
    """A complaint (举报) about a measure, as handled by a market-regulation department.

    ``working_days_off`` / ``extra_working_days`` adjust the Monday–Friday week for the
    seven-working-day correction period: the seed prints no holiday calendar.
    ``procedural_violations`` / ``standard_violations`` are what the verification found.
    """

    received_on: date | None = day()
    measure_level: MeasureLevel | None = None
    measure_type: ComplainedMeasureType | None = None
    alleges_violation: bool | None = None  # 属于第二条规定情形
    repeat_of_closed_complaint: bool | None = None  # 已核查处理结束，以同一事实或者理由重复举报
    review_or_litigation_accepted: bool | None = None  # 已申请行政复议或提起行政诉讼且已受理或处理
    correction_requested_on: date | None = day()
    corrected_on: date | None = day()
    still_unclear_after_correction: bool | None = None
    materials_complete_on: date | None = day()
    extension_approved: bool | None = None  # 经负责人批准延长核查
    verification_ended_on: date | None = day()
    procedural_violations: tuple[ProceduralViolation, ...] = items()
    standard_violations: tuple[StandardViolation, ...] = items()
    rectification_overdue: bool | None = None  # 经督促逾期仍未提供材料或者整改
    serious_adverse_impact: bool | None = None  # 造成严重不良影响
    abuse_of_administrative_power: bool | None = None  # 涉嫌滥用行政权力排除、限制竞争
    real_name: bool | None = None
    written_feedback_request: bool | None = None
    working_days_off: tuple[date, ...] = items(each=day())
    extra_working_days: tuple[date, ...] = items(each=day())


# --- 国发〔2024〕5号: setting and imposing fines ----------------------------------------------


class Instrument(str, enum.Enum):
    """The kind of text that sets the fine (the opinion covers 行政法规 and 规章)."""

    ADMINISTRATIVE_REGULATION = "administrative_regulation"  # 行政法规
    DEPARTMENTAL_RULE = "departmental_rule"  # 部门规章
    LOCAL_GOVERNMENT_RULE = "local_government_rule"  # 地方政府规章


class StateCouncilDecision(str, enum.Enum):
    """第（八）项: a State Council decision on the fine the provision sets."""

    CANCEL = "cancel"  # 取消罚款事项
    ADJUST = "adjust"  # 调整罚款事项


@attrs.frozen(kw_only=True)
class FineProvision:
    """A provision of a 行政法规 or 规章 that sets (or would set) a fine.

    A range is given in money (``minimum_amount``..``maximum_amount``) or as multiples
    (倍数罚: ``minimum_multiple``..``maximum_multiple``).  ``parent_*`` describe the law or
    regulation above a 规章.
    """

    instrument: Instrument | None = None
    sets_amount: bool | None = None  # 明确罚款数额 (or a multiple)
    minimum_amount: Decimal | None = money()
    maximum_amount: Decimal | None = money()
    minimum_multiple: Decimal | None = quantity()
    maximum_multiple: Decimal | None = quantity()
    concerns_life_health_or_financial_security: bool | None = None  # 涉及公民生命健康安全、金融安全等
    parent_sets_penalty_without_fine: bool | None = None  # 法律、法规已规定处罚但未设定罚款
    parent_fine_maximum: Decimal | None = money()  # 法律、法规对相似违法行为规定的罚款数额（上限）
    state_council_decision: StateCouncilDecision | None = None
    state_council_decision_on: date | None = day()  # 决定印发之日
    amended_regulation_published_on: date | None = day()  # 修改后的行政法规公布之日
    special_reasons_for_delay: bool | None = None  # 因特殊原因无法在期限内完成
    amended_on: date | None = day()  # 部门规章修改或者废止之日


@attrs.frozen(kw_only=True)
class FineDecision:
    """A decision imposing a fine, checked against the opinion's limits on imposing fines.

    ``limitation_expired`` (the period of 行政处罚法, not in the seed) and the mitigating or exempting
    circumstances of 行政处罚法 第三十二条、第三十三条 are inputs.
    """

    decided_on: date | None = day()
    amount: Decimal | None = money()
    provision_minimum: Decimal | None = money()
    provision_maximum: Decimal | None = money()
    limitation_expired: bool | None = None  # 已超过法定追责期限
    order_to_correct: bool | None = None  # 责令改正或者限期改正
    article_32_or_33_circumstance: bool | None = None  # 符合行政处罚法第三十二条、第三十三条等情形
    circumstance_applied: bool | None = None  # 依行政处罚法作出相应处理
    party_birth_date: date | None = day()
    violation_on: date | None = day()
    camera_evidence: bool | None = None  # 利用电子技术监控设备收集、固定违法事实
    camera_reviewed: bool | None = None  # 经过法制和技术审核
    camera_signposted: bool | None = None  # 设置地点有明显可见的标识
    camera_announced: bool | None = None  # 投入使用前向社会公布
    camera_calibrated: bool | None = None  # 依法检定且未逾期、合格
    revoked: bool | None = None  # 罚款决定被变更、撤销、确认违法或者无效
    refunded: bool | None = None


#: The case sections this plugin owns (declared to the kernel through ``declare_sections``).
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="concentration_of_undertakings", type=Concentration,
                title=Text(zh="经营者集中", en="A concentration of undertakings")),
    FactSection(name="fair_competition_measure", type=DraftMeasure,
                title=Text(zh="拟出台的政策措施（公平竞争审查）", en="A draft policy measure under fair-competition review")),
    FactSection(name="fair_competition_complaint", type=FairCompetitionComplaint,
                title=Text(zh="公平竞争审查举报", en="A fair-competition review complaint")),
    FactSection(name="fine_provision", type=FineProvision,
                title=Text(zh="设定罚款的行政法规或者规章条款", en="A provision of a regulation or rule setting a fine")),
    FactSection(name="fine_decision", type=FineDecision,
                title=Text(zh="罚款决定", en="A decision imposing a fine")),
)
