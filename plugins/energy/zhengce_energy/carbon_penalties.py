"""碳排放权交易管理暂行条例 (国令第775号) 第二十条–第二十六条 — every fine as a range.

Three kinds of fine:

* fixed ranges (第二十一条 5万–50万, 第二十六条 2万–20万);
* a multiple of illegal gains with a fixed fallback range when there are none
  or they are below a threshold (第二十二条, 第二十三条, 第二十五条);
* 第二十四条: 5–10 × (average price in the month before the deadline × shortfall).

plus fines on directly responsible individuals, allowance cuts for the next
year, bans and the orders that may follow a refusal to correct.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import MINYEAR, date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce_energy.facts import CarbonMarketRole, CarbonViolation, CarbonViolationKind
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .carbon_duties import shortfall
from .common import T, Params

POLICY_ID = "energy.carbon_trading_penalties"
ARTICLES = ("a20", "a21", "a22", "a23_1", "a23_2", "a25_1", "a25_2", "a26")
INDIVIDUALS = {"a22": "a22", "a23_1": "a23_3", "a23_2": "a23_3", "a25_1": "a25_1", "a25_2": "a25_2"}
UNIT = "tCO2e"


def article_of(kind: str, p: Params) -> str | None:
    for a in ARTICLES:
        if kind in p(f"{a}.kinds").value:
            return a
    return None


def gains_fine(gains: Decimal, multiple_min: Decimal, multiple_max: Decimal, threshold: Decimal,
               fallback_min: Decimal, fallback_max: Decimal, money) -> tuple[Decimal, Decimal, bool]:
    """(minimum, maximum, by_multiple): the multiple of gains from ``threshold`` up (不足 = strictly below)."""
    if gains >= threshold:
        return money(gains * multiple_min), money(gains * multiple_max), True
    return fallback_min, fallback_max, False


def shortfall_fine(price: Decimal, short: Decimal, multiple_min: Decimal, multiple_max: Decimal, money) -> tuple[Decimal, Decimal]:
    """第二十四条: [m_min × P × Q, m_max × P × Q]."""
    value = price * short
    return money(value * multiple_min), money(value * multiple_max)


def allowance_cut(share_min: Decimal, share_max: Decimal, allocation: Decimal) -> tuple[Decimal, Decimal]:
    """第二十二条: [share_min × allocation, share_max × allocation] (share_max ≤ 1, so never above the allocation)."""
    q = Decimal("0.01")  # allowances to the hundredth of a tonne, rounded half up like money
    return ((allocation * share_min).quantize(q, rounding=ROUND_HALF_UP),
            (allocation * min(share_max, Decimal(1))).quantize(q, rounding=ROUND_HALF_UP))


def price_window(deadline: date, months: int) -> tuple[date, date]:
    """The ``months`` before the deadline: from the same day ``months`` earlier to the day before the deadline."""
    y, m = divmod(deadline.year * 12 + deadline.month - 1 - months, 12)
    if y < MINYEAR:
        raise ValueError(f"{months} months before {deadline} is before year {MINYEAR}")
    start = date(y, m + 1, min(deadline.day, monthrange(y, m + 1)[1]))  # 31 March → 28/29 February
    return start, deadline - timedelta(days=1)


def _surrender_overdue(case: Case, ctx: EvaluationContext) -> tuple[bool | None, Decimal | None]:
    s = case.carbon_allowance_surrender
    if s is None:
        return False, None
    if s.verified_emissions_t is None or s.surrendered_allowances_t is None:
        return None, None
    _, short = shortfall(s.verified_emissions_t, s.non_fossil_adjustment_t, s.surrendered_allowances_t, s.verified_reductions_t)
    if short == 0:
        return False, short
    if s.surrender_deadline is None:
        return None, short
    return ctx.as_of > s.surrender_deadline, short


def derived_violations(case: Case, p: Params) -> list[tuple[CarbonViolation, str]]:
    """Violations established by the party's own facts (a duty of 国令第775号 plainly not done).

    Only explicit facts count (``False``, fewer years than required, trading while barred);
    an unknown fact establishes nothing.
    """
    party = case.carbon_market_party
    if party is None or party.role is None:
        return []
    found: list[tuple[CarbonViolation, str]] = []
    if party.role is CarbonMarketRole.KEY_EMITTER:
        for field, kind in (("quality_control_plan_executed", CarbonViolationKind.NO_QUALITY_CONTROL_PLAN),
                            ("annual_report_submitted", CarbonViolationKind.REPORT_NOT_SUBMITTED),
                            ("annual_report_disclosed", CarbonViolationKind.REPORT_NOT_DISCLOSED)):
            if getattr(party, field) is False:
                found.append((CarbonViolation(kind=kind), f"carbon_market_party.{field}"))
        years = party.record_retention_years
        if years is not None and years < p("records.min_years").value:
            found.append((CarbonViolation(kind=CarbonViolationKind.RECORDS_NOT_KEPT), "carbon_market_party.record_retention_years"))
    elif party.role.value in p("a20.barred_roles").value and party.trades_national_market:
        found.append((CarbonViolation(kind=CarbonViolationKind.STAFF_TRADING), "carbon_market_party.trades_national_market"))
    return found


def all_violations(case: Case, p: Params) -> list[tuple[CarbonViolation, str, bool]]:
    """(violation, fact path, derived?) — the listed ones, then those the party's facts establish (not listed again)."""
    listed = case.carbon_market_violations.violations if case.carbon_market_violations else ()
    out = [(v, f"carbon_market_violations.violations[{i}]", False) for i, v in enumerate(listed)]
    kinds = {v.kind for v in listed}
    out += [(v, path, True) for v, path in derived_violations(case, p) if v.kind not in kinds]
    return out


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """A violation is listed or established by the party's facts, or allowances are still short after the deadline."""
    p = Params(params, ctx.known_at)
    conds = Conditions()
    violations = all_violations(case, p)
    overdue, short = _surrender_overdue(case, ctx)
    if violations:
        conds.info("violations", T(zh="违法行为（受处罚信息纳入信用记录并公布）", en="Violations (penalties are entered in the credit records and published)"),
                   value=len(violations), facts={f"{path}{'' if derived else '.kind'}": v.kind for v, path, derived in violations},
                   cite=p("credit.record"))
        if overdue:
            conds.info("surrender_overdue", T(zh="清缴时限后仍未足额清缴", en="Allowances still short after the deadline"),
                       value=short, cite=p("a24.multiple_min"))
        return conds.result()
    s = case.carbon_allowance_surrender
    if s is None:
        conds.check("violation_found", T(zh="案情列明或事实确认的违法行为", en="A violation listed or established by the facts"), False,
                    cite=p("credit.record"), note=T(zh="未知的事实不构成违法", en="Unknown facts establish no violation"))
        return conds.result()
    missing = None
    if overdue is None:
        missing = [f"carbon_allowance_surrender.{f}" for f in ("verified_emissions_t", "surrendered_allowances_t", "surrender_deadline")
                   if getattr(s, f) is None]
    conds.check("surrender_overdue", T(zh="清缴时限届满（时限当日不计为逾期）后仍有未清缴的碳排放配额",
                                       en="Allowances are still short after the surrender deadline (the deadline day itself is not late)"),
                overdue, missing=missing, cite=p("a24.multiple_min"),
                facts={"as_of": ctx.as_of, "carbon_allowance_surrender.surrender_deadline": s.surrender_deadline,
                       "surrender_shortfall_t": short})
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    calc = Calculation()
    money = params.rounding.money
    seen: dict[str, int] = {}
    for v, path, derived in all_violations(case, p):
        if v.kind is None:
            calc.need(f"{path}.kind")
            continue
        seen[v.kind.value] = seen.get(v.kind.value, 0) + 1
        name = v.kind.value if seen[v.kind.value] == 1 else f"{v.kind.value}_{seen[v.kind.value]}"
        art = article_of(v.kind.value, p)
        if art is None:  # the parameters list an article for every kind (a test checks it)
            raise LookupError(f"{v.kind.value}: no article of the parameters lists it")
        if derived:
            calc.info(f"{name}.established_by", T(zh="由当事人事实确认的违法行为", en="Violation established by the party's facts"),
                      value=v.kind, facts={path: True if v.kind is CarbonViolationKind.STAFF_TRADING else
                                           getattr(case.carbon_market_party, path.split(".")[-1])},
                      cite=p(f"{art}.kinds"))
        _violation(name, art, v, "carbon_market_violations.violations[]" if derived else path, p, calc, money)
    overdue, short = _surrender_overdue(case, ctx)
    if overdue:
        _surrender_fine(case, short, p, calc, money)
    return calc.result()


def _violation(name: str, art: str, v: CarbonViolation, path: str, p: Params, calc: Calculation, money) -> None:
    kinds = p(f"{art}.kinds")
    calc.info(f"{name}.article", p.label(f"{art}.kinds"), value=kinds.citation.article, facts={f"{path}.kind": v.kind}, cite=kinds)
    gains = v.illegal_gains
    if art in ("a20", "a22", "a23_1", "a23_2", "a25_1", "a25_2") and gains:
        calc.amount(f"{name}.confiscation", money(gains), T(zh="没收违法所得", en="Illegal gains confiscated"),
                    facts={f"{path}.illegal_gains": gains}, cite=p(f"{art}.multiple_min") if p.has(f"{art}.multiple_min") else kinds)
    label = T(zh=f"罚款（{kinds.citation.article}）", en=f"Fine ({kinds.citation.article})")
    if art == "a20":
        rule = p("a20.fine_max_multiple_of_traded_value")
        if v.traded_value is None:
            calc.need(f"{path}.traded_value")
        else:
            calc.range(f"{name}.fine", Decimal(0), money(v.traded_value * rule.value), label,
                       basis=T(zh="可以并处所交易产品价款等值以下的罚款", en="An optional fine of up to the value traded"),
                       formula=f"[0, {v.traded_value} × {rule.value}]", facts={f"{path}.traded_value": v.traded_value}, cite=rule,
                       discretionary=True)
        calc.finding(f"{name}.dispose_holdings", FindingStatus.DUTY, T(zh="责令依法处理持有的碳排放配额等交易产品；属于国家工作人员的，还应当依法给予处分",
                                                                      en="Ordered to dispose of the allowances held; state employees are also disciplined"), cite=kinds)
    elif p.has(f"{art}.fine_min"):
        lo, hi = p(f"{art}.fine_min"), p(f"{art}.fine_max")
        calc.range(f"{name}.fine", money(lo.value), money(hi.value), label, basis=T(zh="法定定额幅度", en="A fixed statutory range"),
                   formula=f"[{lo.value}, {hi.value}]", cite=lo)
    else:
        m_lo, m_hi, thr = p(f"{art}.multiple_min"), p(f"{art}.multiple_max"), p(f"{art}.gains_threshold")
        f_lo, f_hi = p(f"{art}.fallback_min"), p(f"{art}.fallback_max")
        if gains is None:
            calc.need(f"{path}.illegal_gains")
        else:
            lo, hi, by_multiple = gains_fine(gains, m_lo.value, m_hi.value, thr.value, money(f_lo.value), money(f_hi.value), money)
            if by_multiple:
                calc.range(f"{name}.fine", lo, hi, label,
                           basis=T(zh=f"违法所得 {m_lo.value}–{m_hi.value} 倍（违法所得不低于 {thr.value} 元）",
                                   en=f"{m_lo.value}–{m_hi.value} × illegal gains (gains of at least {thr.value})"),
                           formula=f"[{gains} × {m_lo.value}, {gains} × {m_hi.value}]", facts={f"{path}.illegal_gains": gains}, cite=m_lo)
            else:
                calc.range(f"{name}.fine", lo, hi, label,
                           basis=T(zh=f"没有违法所得或者违法所得不足 {thr.value} 元：定额幅度", en=f"No illegal gains or less than {thr.value}: fixed range"),
                           formula=f"{gains} < {thr.value} → [{f_lo.value}, {f_hi.value}]", facts={f"{path}.illegal_gains": gains}, cite=thr)
    _individuals(name, art, v, path, p, calc, money)
    _refusal_and_serious(name, art, v, path, p, calc)


def _individuals(name: str, art: str, v: CarbonViolation, path: str, p: Params, calc: Calculation, money) -> None:
    ind = INDIVIDUALS.get(art)
    if ind is None:
        return
    if art.startswith("a25"):
        only_unit = p("a25.individuals_only_when_unit")
        if v.offender_is_unit is None:
            calc.need(f"{path}.offender_is_unit")
            return
        if not v.offender_is_unit:
            calc.info(f"{name}.individual_fine", p.label("a25.individuals_only_when_unit"), value="—",
                      facts={f"{path}.offender_is_unit": False}, cite=only_unit)
            return
        calc.finding(f"{name}.individual_warning", FindingStatus.INFO, T(zh="对直接负责的主管人员和其他直接责任人员给予警告",
                                                                        en="A warning to the directly responsible individuals"), cite=only_unit)
    lo, hi = p(f"{ind}.individual_min"), p(f"{ind}.individual_max")
    calc.range(f"{name}.individual_fine", money(lo.value), money(hi.value),
               T(zh="直接负责的主管人员和其他直接责任人员罚款（每人）", en="Fine on each directly responsible individual"),
               basis=T(zh="法定定额幅度", en="A fixed statutory range"), formula=f"[{lo.value}, {hi.value}]", cite=lo,
               per="person")
    if ind == "a23_3":
        years, lifetime = p("a23_3.ban_years"), p("a23_3.lifetime_ban_if_serious")
        life = bool(v.serious) and lifetime.value
        if v.serious is None:
            label = T(zh=f"直接责任人员 {years.value} 年内禁止从事温室气体排放相关检验检测、报告编制和技术审核业务；情节严重的，终身禁止",
                      en=f"Individuals banned for {years.value} years from testing, compiling and reviewing; for life if serious")
        elif life:
            label = T(zh="直接责任人员终身禁止从事温室气体排放相关检验检测、报告编制和技术审核业务",
                      en="Individuals banned for life from testing, compiling and reviewing")
        else:
            label = T(zh=f"直接责任人员 {years.value} 年内禁止从事温室气体排放相关检验检测、报告编制和技术审核业务",
                      en=f"Individuals banned for {years.value} years from testing, compiling and reviewing")
        calc.finding(f"{name}.individual_ban", FindingStatus.INFO, label, facts={f"{path}.serious": v.serious},
                     cite=lifetime if life else years)


def _refusal_and_serious(name: str, art: str, v: CarbonViolation, path: str, p: Params, calc: Calculation) -> None:
    if art == "a21" and v.refused_to_correct:
        calc.finding(f"{name}.suspension_possible", FindingStatus.INFO, p.label("a21.suspension_on_refusal"),
                     facts={f"{path}.refused_to_correct": True}, cite=p("a21.suspension_on_refusal"))
    if art == "a22" and v.refused_to_correct:
        s_lo, s_hi = p("a22.cut_share_min"), p("a22.cut_share_max")
        alloc = v.next_year_allocation_t
        if alloc is None:
            calc.need(f"{path}.next_year_allocation_t")
        else:
            lo, hi = allowance_cut(s_lo.value, s_hi.value, alloc)
            calc.range(f"{name}.allowance_cut", lo, hi, T(zh="核减下一年度碳排放配额", en="Cut of next year's allowances"), unit=UNIT,
                       basis=T(zh=f"拒不改正：下一年度配额的 {s_lo.value}–{s_hi.value} 倍", en=f"Refusal to correct: {s_lo.value}–{s_hi.value} × next year's allocation"),
                       formula=f"[{alloc} × {s_lo.value}, {alloc} × {s_hi.value}]", facts={f"{path}.next_year_allocation_t": alloc,
                                                                                          f"{path}.refused_to_correct": True}, cite=s_lo)
        calc.finding(f"{name}.suspension_possible", FindingStatus.INFO, p.label("a21.suspension_on_refusal"),
                     facts={f"{path}.refused_to_correct": True}, cite=s_lo)
    if art in ("a23_1", "a23_2") and v.serious:
        rule = p(f"{art}.serious_sanction")
        calc.finding(f"{name}.serious_sanction", FindingStatus.INFO, p.label(f"{art}.serious_sanction"),
                     facts={f"{path}.serious": True}, cite=rule)


def _surrender_fine(case: Case, short: Decimal, p: Params, calc: Calculation, money) -> None:
    s = case.carbon_allowance_surrender
    m_lo, m_hi, window = p("a24.multiple_min"), p("a24.multiple_max"), p("a24.price_window_months")
    start, end = price_window(s.surrender_deadline, window.value)
    calc.date("surrender_shortfall.price_window_start", start, T(zh="平均成交价格计算期间起", en="Price window starts"),
              formula=f"{s.surrender_deadline} − {window.value} 个月/month", cite=window)
    calc.date("surrender_shortfall.price_window_end", end, T(zh="平均成交价格计算期间止", en="Price window ends"),
              formula=f"{s.surrender_deadline} − 1 日/day", cite=window)
    calc.amount("surrender_shortfall.quantity_t", short, T(zh="未清缴的碳排放配额", en="Allowances not surrendered"), unit=UNIT,
                facts={"carbon_allowance_surrender.verified_emissions_t": s.verified_emissions_t,
                       "carbon_allowance_surrender.surrendered_allowances_t": s.surrendered_allowances_t,
                       "carbon_allowance_surrender.verified_reductions_t": s.verified_reductions_t}, cite=p("surrender.definition"))
    price = s.average_price_before_deadline
    if price is None:
        calc.need("carbon_allowance_surrender.average_price_before_deadline")
        calc.info("surrender_shortfall.fine", T(zh="罚款需清缴时限前1个月全国碳市场平均成交价格（由全国碳排放权交易机构公布，本条例未列明）",
                                                 en="The fine needs the national market's average price in the month before the deadline (published by the national exchange; not in the regulation)"),
                  cite=m_lo)
    else:
        lo, hi = shortfall_fine(price, short, m_lo.value, m_hi.value, money)
        calc.range("surrender_shortfall.fine", lo, hi, T(zh="罚款（第二十四条）", en="Fine (Art. 24)"),
                   basis=T(zh=f"清缴时限前1个月平均成交价格 × 未清缴配额 × {m_lo.value}–{m_hi.value} 倍（价格期间 {start} 至 {end}）",
                           en=f"average price in the month before the deadline × shortfall × {m_lo.value}–{m_hi.value} (price window {start} to {end})"),
                   formula=f"[{price} × {short} × {m_lo.value}, {price} × {short} × {m_hi.value}]",
                   facts={"carbon_allowance_surrender.average_price_before_deadline": price}, cite=m_lo)
    if s.refused_to_correct:
        rule = p("a24.cut_equals_shortfall")
        alloc = s.next_year_allocation_t
        cut = short if alloc is None else min(short, alloc)
        if alloc is None:
            calc.need("carbon_allowance_surrender.next_year_allocation_t")
        calc.amount("surrender_shortfall.allowance_cut", cut, T(zh="等量核减下一年度碳排放配额", en="Equal cut of next year's allowances"), unit=UNIT,
                    formula=f"min({short}, {alloc if alloc is not None else '—'})",
                    facts={"carbon_allowance_surrender.refused_to_correct": True, "carbon_allowance_surrender.next_year_allocation_t": alloc},
                    cite=rule, note=p.reading("a24.cut_equals_shortfall"))
        calc.finding("surrender_shortfall.suspension_possible", FindingStatus.INFO, T(zh="拒不改正的，可以责令停产整治", en="Production may be suspended for rectification"),
                     cite=rule)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="罚款为法定幅度，具体数额由执法机关在幅度内裁量",
        en="Fines are statutory ranges; the authority sets the amount within them"))
