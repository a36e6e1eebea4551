"""The case sections of the patent-fee domain, owned by this plugin.

Fee standards that 国家知识产权局公告第五九四号 does not itself set (the annual fee of a year, the
bibliographic-change fee, the Hague individual designation fee) and the rates of the other reduction
policies it only names (财税〔2016〕78号 etc.) are inputs: the seed does not contain them.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Text
from zhengce.contracts.domains import count, day, items, money, rate
from zhengce.kernel import FactSection


class HaguePhase(str, enum.Enum):
    """The instalment of the individual designation fee of a Hague design application."""

    FIRST = "first"  # 第一期单独指定费
    SECOND = "second"  # 第二期单独指定费


@attrs.frozen(kw_only=True)
class PatentTermCompensation:
    """One patent's term-compensation request (专利权期限补偿, 五九四号 一).

    ``approved`` says the request met the compensation conditions on examination; the compensation
    period runs from ``compensation_starts_on`` to ``compensation_ends_on`` (both days included)."""

    requested: bool | None = None
    requested_on: date | None = day()
    approved: bool | None = None
    compensation_starts_on: date | None = day()
    compensation_ends_on: date | None = day()


@attrs.frozen(kw_only=True)
class FeeReduction:
    """Another patent-fee reduction the payer qualifies for, by its basis (e.g. 财税〔2016〕78号)
    and its rate as a fraction of the fee (0.85 = 85 % off)."""

    basis: str | None = None
    rate: Decimal | None = rate()


@attrs.frozen(kw_only=True)
class PatentAnnualFee:
    """One annual fee (专利年费) of one patent (五九四号 二).

    ``standard_fee`` is the year's fee before any reduction (its standard, 发改价格〔2017〕270号, is
    not in the seed); ``open_licence`` says the fee year falls within the patent's open-licence
    period (开放许可实施期间); ``other_reductions`` lists the other reductions the payer qualifies for."""

    standard_fee: Decimal | None = money()
    open_licence: bool | None = None
    other_reductions: tuple[FeeReduction, ...] = items()


@attrs.frozen(kw_only=True)
class HagueDesignFee:
    """An individual designation fee of a Hague-route design application (五九四号 三).

    ``qualifies`` and ``reduction_rate`` are what 财税〔2016〕78号, 财税〔2018〕37号 or 财税〔2019〕45号
    (not in the seed) grant the applicant; ``fee`` is the instalment due before reduction."""

    entered_via_hague: bool | None = None
    phase: HaguePhase | None = None
    fee: Decimal | None = money()
    qualifies: bool | None = None
    reduction_rate: Decimal | None = rate()
    basis: str | None = None


@attrs.frozen(kw_only=True)
class BibliographicChange:
    """A request to change bibliographic data (著录项目变更, 五九四号 四).

    ``patents`` is the number of applications or patents the request covers; ``unit_fee`` the
    bibliographic-change fee for one (its standard is not in the seed)."""

    batch_request: bool | None = None
    patents: int | None = count(minimum=1)
    name_change_only: bool | None = None  # 申请人（或专利权人）姓名或名称变更
    involves_transfer: bool | None = None  # 涉及权利转移
    unit_fee: Decimal | None = money()


@attrs.frozen(kw_only=True)
class PctNationalPhase:
    """A PCT application entering the Chinese national phase (五九四号 五)."""

    cnipa_receiving_office: bool | None = None  # 中国国家知识产权局作为受理局受理
    cnipa_international_search: bool | None = None  # 并进行国际检索
    cnipa_report: bool | None = None  # 中国国家知识产权局作出国际检索报告或专利性国际初步报告
    examination_requested: bool | None = None  # 提出实质审查请求


#: The case sections this plugin owns.
SECTIONS: tuple[FactSection, ...] = (
    FactSection(name="patent_term_compensation", type=PatentTermCompensation,
                title=Text(zh="专利权期限补偿请求", en="A patent term-compensation request")),
    FactSection(name="patent_annual_fee", type=PatentAnnualFee, title=Text(zh="专利年费", en="A patent annual fee")),
    FactSection(name="hague_design_fee", type=HagueDesignFee,
                title=Text(zh="海牙外观设计国际申请单独指定费", en="A Hague design application's individual designation fee")),
    FactSection(name="bibliographic_change", type=BibliographicChange,
                title=Text(zh="著录项目变更请求", en="A request to change bibliographic data")),
    FactSection(name="pct_national_phase", type=PctNationalPhase,
                title=Text(zh="PCT申请进入中国国家阶段", en="A PCT application entering the Chinese national phase")),
)
