"""外国投资者对上市公司战略投资：范围与投资者条件 — 商务部等六部门令2024年第3号 第二条–第七条、第十四条、第十五条、第三十三条–第三十五条.

A strategic investment is in scope when a foreign investor (or one treated by analogy) acquires
and holds A shares of a listed company (or a NEEQ-quoted one, by analogy) over the medium to long
term by one of 第二条's methods, outside 第三十三条's exclusions.  The investor then has to meet
第五条 (the negative list, an input), 第六条 (soundness, US-dollar asset floors, a clean record for
3 years; or the wholly-owning investor's conditions with its joint-liability undertaking), 第七条
when it pays in shares, and the 5 % floor of 第十四条/第十五条.  Asset figures are US dollars
and are compared in US dollars: the engine never converts a currency.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import USD, T, add_months, any_of, localised, pct
from .facts import ExcludedRoute, InvestorKind, Method, NegativeList, Payment

POLICY_ID = "trade_investment.strategic_investor_eligibility"
PARAMETERS = load_parameters("zhengce_trade_investment", "parameters/strategic_investor_eligibility.yaml")
S = "strategic_investment"
PERSONS = (InvestorKind.FOREIGN_NATURAL_PERSON, InvestorKind.CHINESE_CITIZEN_ABROAD)
SHARE_PAYMENTS = (Payment.OVERSEAS_COMPANY_SHARES, Payment.OWN_NEW_SHARES)


def at_least(value: Decimal | None, floor: Decimal) -> bool | None:
    return None if value is None else value >= floor


def thresholds(p: Lookup, controlling: bool | None) -> tuple[Decimal, Decimal, str]:
    """The US-dollar floors (own assets, managed assets) and the parameter suffix that set them.
    When it is unknown whether the investor becomes the controlling shareholder, the higher floors
    are shown (a case meeting them qualifies either way)."""
    if controlling is False:
        return p.value("assets.minimum_usd").value, p.value("managed_assets.minimum_usd").value, "minimum_usd"
    return p.value("assets.controlling_minimum_usd").value, p.value("managed_assets.controlling_minimum_usd").value, "controlling_minimum_usd"


def assets_met(assets: Decimal | None, managed: Decimal | None, controlling: bool | None, p: Lookup) -> bool | None:
    """第六条（二）: own assets or managed assets at or above the floor for the investor's position."""
    low = any_of(at_least(assets, p.value("assets.minimum_usd").value), at_least(managed, p.value("managed_assets.minimum_usd").value))
    high = any_of(at_least(assets, p.value("assets.controlling_minimum_usd").value),
                  at_least(managed, p.value("managed_assets.controlling_minimum_usd").value))
    if controlling is True:
        return high
    if controlling is False:
        return low
    return True if high is True else (False if low is False else None)


def _assets_check(conds: Conditions, cid: str, who: Text, prefix: str, assets, managed, controlling, p: Lookup) -> None:
    own_floor, managed_floor, _ = thresholds(p, controlling)
    label = Text(zh=f"{who.zh}实有资产总额不低于 {own_floor} 美元或者管理的实有资产总额不低于 {managed_floor} 美元",
                 en=f"{who.en} has own assets of at least USD {own_floor} or managed assets of at least USD {managed_floor}")
    cite = p.value("assets.controlling_minimum_usd" if controlling is not False else "assets.minimum_usd")
    met = assets_met(assets, managed, controlling, p)
    facts = {f"{S}.{prefix}assets_usd": assets, f"{S}.{prefix}managed_assets_usd": managed,
             f"{S}.becomes_controlling_shareholder": controlling}
    conds.check(cid, label, met, facts=facts, cite=cite, note=p.reading("assets.minimum_usd"))


def record_window_start(investment_on: date, founded_on: date | None, years: int, entity: bool) -> date:
    """The first day of 第六条（三）'s period: the corresponding day ``years`` back, or the founding
    day of a younger enterprise or organisation."""
    start = add_months(investment_on, -12 * years)
    if entity and founded_on is not None and founded_on > start:
        return founded_on
    return start


def clean_record(s, p: Lookup, entity: bool) -> tuple[bool | None, date | None]:
    """第六条（三）: no criminal or major regulatory penalty within the period; also its first day."""
    if s.ever_penalised is False:
        return True, None
    if s.investment_on is None:
        return None, None
    start = record_window_start(s.investment_on, s.founded_on, p.value("record.years").value, entity)
    if s.ever_penalised is None or s.latest_penalty_on is None:
        return None, start
    return s.latest_penalty_on < start, start


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    s = case.strategic_investment
    p = Lookup(params, s.investment_on, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    _scope(s, p, conds)
    _investor(s, p, conds)
    _share_payment(s, p, conds)
    _stake(s, p, conds)
    return conds.result()


def _member(conds: Conditions, cid: str, label: Text, value, main, analogy, field: str) -> None:
    """A value that must be in ``main`` or, by analogy, in ``analogy`` (noted when it is)."""
    met = None if value is None else (value.value in main.value or (analogy is not None and value.value in analogy.value))
    by_analogy = value is not None and analogy is not None and value.value in analogy.value
    conds.check(cid, label, met, facts={f"{S}.{field}": value}, cite=analogy if by_analogy else main,
                note=T("参照本办法办理", "treated by analogy") if by_analogy else None)


def _scope(s, p: Lookup, conds: Conditions) -> None:
    _member(conds, "foreign_investor", T("投资者为外国的自然人、企业或者其他组织（或参照办理的投资者）",
                                         "The investor is a foreign natural person, enterprise or organisation (or one treated by analogy)"),
            s.investor_kind, p.value("scope.investors"), p.value("scope.investors_by_analogy"), "investor_kind")
    _member(conds, "listed_company", T("被投资企业为 A 股上市公司（或参照办理的挂牌公司）", "The company is A-share listed (or NEEQ-quoted, by analogy)"),
            s.target, p.value("scope.targets"), p.value("scope.targets_by_analogy"), "target")
    _member(conds, "method", T("以定向发行新股、协议转让、要约收购或法律法规规定的其他方式取得", "Acquired by a private placement, an agreement transfer, a tender offer or another lawful way"),
            s.method, p.value("scope.methods"), None, "method")
    conds.check("medium_to_long_term", T("取得并中长期持有 A 股股份", "The A shares are acquired and held over the medium to long term"),
                s.medium_to_long_term, facts={f"{S}.medium_to_long_term": s.medium_to_long_term}, cite=p.value("scope.methods"))
    route = s.excluded_route
    conds.check("not_excluded", T("不属于合格境外机构投资者、互联互通、外商投资股份有限公司上市或外国自然人二级市场买卖等情形",
                                  "Not a QFII/RQFII, Stock Connect, FIE-listing or natural-person market or incentive investment"),
                None if route is None else route is ExcludedRoute.NONE, facts={f"{S}.excluded_route": route},
                cite=p.value("scope.excluded_routes"))
    listed = s.negative_list
    if listed is NegativeList.RESTRICTED:
        ok = s.meets_restricted_measures
        conds.check("negative_list", T("限制投资领域：符合股权要求、高级管理人员要求等限制性准入特别管理措施",
                                       "Restricted field: the equity, senior-management and other special entry measures are met"),
                    ok, facts={f"{S}.negative_list": listed, f"{S}.meets_restricted_measures": ok}, cite=p.value("negative_list.restricted"))
    else:
        conds.check("negative_list", T("被投资企业不涉及负面清单禁止投资领域", "The company is not in a field the negative list prohibits"),
                    None if listed is None else listed is NegativeList.NOT_LISTED, facts={f"{S}.negative_list": listed},
                    cite=p.value("negative_list.prohibited"))


def _investor(s, p: Lookup, conds: Conditions) -> None:
    entity = s.investor_kind not in PERSONS
    conds.check("sound", T("依法设立经营、财务稳健、资信良好、治理健全（自然人：具备风险识别和承担能力）",
                           "Lawfully established, financially sound, of good credit and well governed (a natural person: able to judge and bear risk)"),
                s.sound_and_well_governed, facts={f"{S}.sound_and_well_governed": s.sound_and_well_governed}, cite=p.value("investor.sound"))
    own = Conditions(trace=conds.trace)
    _assets_check(own, "own_assets", T("外国投资者", "The investor"), "", s.assets_usd, s.managed_assets_usd,
                  s.becomes_controlling_shareholder, p)
    alternatives = [own]
    if s.parent_route is True:
        parent = Conditions(trace=conds.trace)
        route = p.value("parent.route")
        parent.check("parent_route_open", T("以全资投资者的条件投资的为外国企业或者其他组织", "The investor using its parent's conditions is an enterprise or organisation"),
                     None if s.investor_kind is None else entity, facts={f"{S}.investor_kind": s.investor_kind}, cite=route,
                     note=p.reading("parent.route"))
        _assets_check(parent, "parent_assets", T("全资投资者", "The wholly-owning investor"), "parent_", s.parent_assets_usd,
                      s.parent_managed_assets_usd, s.becomes_controlling_shareholder, p)
        parent.check("parent_sound", T("全资投资者符合第六条第一款（一）项", "The wholly-owning investor is lawfully established, sound and well governed"),
                     s.parent_sound_and_well_governed, facts={f"{S}.parent_sound_and_well_governed": s.parent_sound_and_well_governed}, cite=route)
        parent.check("parent_record", T("全资投资者近 3 年内未受到刑事处罚或者监管机构重大处罚", "The wholly-owning investor had no criminal or major regulatory penalty in 3 years"),
                     s.parent_no_penalty_in_3_years, facts={f"{S}.parent_no_penalty_in_3_years": s.parent_no_penalty_in_3_years}, cite=route)
        parent.check("joint_liability", T("全资投资者承诺或约定对投资行为共同承担责任", "The wholly-owning investor undertakes or agrees to share liability"),
                     s.joint_liability_undertaking, facts={f"{S}.joint_liability_undertaking": s.joint_liability_undertaking},
                     cite=p.value("parent.joint_liability"))
        alternatives.append(parent)
    conds.any_of("assets", T("资产条件由外国投资者自身或其全资投资者满足", "The asset condition is met by the investor or its wholly-owning investor"),
                 alternatives, cite=p.value("parent.route") if s.parent_route is True else p.value("assets.minimum_usd"))

    met, start = clean_record(s, p, entity)
    years = p.value("record.years")
    facts = {f"{S}.ever_penalised": s.ever_penalised, f"{S}.latest_penalty_on": s.latest_penalty_on,
             f"{S}.investment_on": s.investment_on, f"{S}.founded_on": s.founded_on}
    missing = None
    if met is None:
        missing = [f"{S}.investment_on"] if s.investment_on is None else []
        missing += [f"{S}.ever_penalised"] if s.ever_penalised is None else ([f"{S}.latest_penalty_on"] if s.latest_penalty_on is None else [])
    young = entity and start is not None and s.founded_on is not None and start == s.founded_on
    label = (T("自 {} 起未受到境内外刑事处罚或者监管机构重大处罚", "No criminal or major regulatory penalty at home or abroad since {}", start)
             if start else T("近 {} 年内未受到境内外刑事处罚或者监管机构重大处罚", "No criminal or major regulatory penalty at home or abroad in the last {} years", years.value))
    conds.check("clean_record", label, met, facts=facts, missing=missing,
                cite=p.value("record.from_founding") if young else years, note=p.reading("record.from_founding" if young else "record.years"))


def _share_payment(s, p: Lookup, conds: Conditions) -> None:
    pay = s.payment
    if pay is None:
        conds.check("payment", T("支付手段（现金、境外公司股权或增发股份）", "The means of payment (cash, overseas company shares or new shares)"),
                    None, facts={f"{S}.payment": None}, cite=p.value("shares.lawful"))
        return
    if pay not in SHARE_PAYMENTS:
        return
    flags = [
        ("overseas_company", "overseas_company_lawful_with_sound_company_law", "shares.overseas_company",
         T("境外公司依法设立，注册地具有完善的公司法律制度", "The overseas company is lawfully established where company law is sound")),
        ("overseas_company_record", "overseas_company_no_major_penalty_3_years", "shares.overseas_company",
         T("境外公司及其管理层最近 3 年未受到境内外监管机构重大处罚", "Neither the overseas company nor its management had a major regulatory penalty in 3 years")),
        ("shares_lawful", "shares_lawfully_held_transferable_or_issued", "shares.lawful",
         T("合法持有境外公司股权并依法可转让，或者合法增发股份", "The overseas shares are lawfully held and transferable, or the new shares lawfully issued")),
        ("securities_rules", "complies_securities_and_company_rules", "shares.securities_rules",
         T("符合证券法、公司法及有关规定", "Complies with the Securities Law, the Company Law and the related rules")),
        ("outbound_procedures", "outbound_investment_procedures_done", "shares.outbound_procedures",
         T("符合对外投资管理规定并完成相关手续", "Complies with the outbound-investment rules, procedures completed")),
    ]
    if s.method is Method.AGREEMENT_TRANSFER:
        flags.append(("overseas_company_listed", "overseas_company_listed", "shares.listed_for_agreement_transfer",
                      T("协议转让方式的，境外公司为上市公司", "By agreement transfer, the overseas company is listed")))
    for cid, field, pname, label in flags:
        v = getattr(s, field)
        conds.check(cid, label, v, facts={f"{S}.payment": pay, f"{S}.{field}": v}, cite=p.value(pname),
                    missing=[f"{S}.{field}"] if v is None else None)


def _stake(s, p: Lookup, conds: Conditions) -> None:
    name = {Method.AGREEMENT_TRANSFER: "stake.agreement_transfer_minimum", Method.TENDER_OFFER: "stake.tender_offer_minimum"}.get(s.method)
    if name is None:
        return
    floor = p.value(name)
    label = (T("协议转让取得的股份比例不低于已发行股份的 {}", "The agreement transfer gives at least {} of the issued shares", pct(floor.value))
             if s.method is Method.AGREEMENT_TRANSFER else
             T("要约收购预定收购的股份比例不低于已发行股份的 {}", "The tender offer seeks at least {} of the issued shares", pct(floor.value)))
    conds.check("minimum_stake", label, at_least(s.stake_ratio, floor.value),
                facts={f"{S}.method": s.method, f"{S}.stake_ratio": s.stake_ratio}, cite=floor, note=p.reading("stake.agreement_transfer_minimum"))


REPORT = {Method.PRIVATE_PLACEMENT: "duty.report.private_placement", Method.AGREEMENT_TRANSFER: "duty.report.agreement_transfer",
          Method.TENDER_OFFER: "duty.report.tender_offer"}


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    """The US-dollar floors that applied, and the duties the investment then carries."""
    s = case.strategic_investment
    p = Lookup(params, s.investment_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    own, managed, suffix = thresholds(p, s.becomes_controlling_shareholder)
    facts = {f"{S}.becomes_controlling_shareholder": s.becomes_controlling_shareholder}
    calc.amount("own_assets_floor", own, T("适用的实有资产总额下限", "Own-assets floor applied"), unit=USD, facts=facts,
                cite=p.value(f"assets.{suffix}"))
    calc.amount("managed_assets_floor", managed, T("适用的管理的实有资产总额下限", "Managed-assets floor applied"), unit=USD, facts=facts,
                cite=p.value(f"managed_assets.{suffix}"))
    calc.finding("engage_advisers", FindingStatus.DUTY, params["duty.advisers"].label,
                 cite=p.value("duty.advisers"))
    report = REPORT.get(s.method)
    if report is not None:
        calc.finding("report_investment_information", FindingStatus.DUTY, params[report].label,
                     facts={f"{S}.method": s.method}, cite=p.value(report))
    return calc.result()


NAMES = {"own_assets_floor": ("实有资产总额下限", "own-assets floor"), "managed_assets_floor": ("管理的实有资产总额下限", "managed-assets floor")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return localised(explanation(result, title, lang, names=NAMES,
                                 note=T("美元数额按美元比较，未折算人民币", "US-dollar amounts are compared in US dollars, never converted")))
