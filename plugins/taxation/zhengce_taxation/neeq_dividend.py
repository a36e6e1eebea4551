"""新三板挂牌公司股息红利差别化个人所得税 — 财政部 税务总局公告2024年第8号.

One securities account's shares of one company: movements are netted per day
(第三条), matched first-in first-out into portions (lot, shares, delivery day),
and each dividend on each lot held at the record date is taxed by the holding
period of the portion that carries it: 100% / 50% / 0% of the dividend taxable
at 20% (第一条).  Tax on lots held ≤ 1 year at the record date is collected at
transfer (第二条); shares still held and not yet past one year are pending.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import attrs

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, add_months, month_end, nth_working_day_after, pct, summary_explanation

POLICY_ID = "taxation.neeq_dividend_differential_iit"


@attrs.frozen
class Lot:
    acquired_on: date
    shares: int


@attrs.frozen
class Portion:
    """Shares of one lot delivered on one transfer day (``delivered_on`` None: still held)."""

    acquired_on: date
    shares: int
    delivered_on: date | None


class Oversold(ValueError):
    """A transfer delivers more shares than the account holds (on ``day``, ``shares`` net)."""

    def __init__(self, day: date, shares: int) -> None:
        super().__init__(f"{day}: transfer of {shares} shares exceeds the holding")
        self.day, self.shares = day, shares


def net_by_day(acquisitions: list[tuple[date, int]], transfers: list[tuple[date, int]]) -> list[tuple[date, int]]:
    """The daily net increase (+) or decrease (−) of the account, by day (第三条)."""
    net: dict[date, int] = defaultdict(int)
    for day, n in acquisitions:
        net[day] += n
    for day, n in transfers:
        net[day] -= n
    return sorted((d, n) for d, n in net.items() if n != 0)


def fifo_match(acquisitions: list[tuple[date, int]], transfers: list[tuple[date, int]]) -> tuple[list[Lot], list[Portion]]:
    """Lots (one per day of net increase) and their portions, first-in first-out (第三条).

    The portions partition every lot exactly: delivered portions plus the part
    still held add up to the lot.  Raises :class:`Oversold` if a day's net
    decrease exceeds the shares held.
    """
    lots: list[Lot] = []
    queue: list[list] = []  # [acquired_on, remaining]
    portions: list[Portion] = []
    for day, n in net_by_day(acquisitions, transfers):
        if n > 0:
            lots.append(Lot(day, n))
            queue.append([day, n])
            continue
        need = -n
        while need:
            if not queue:
                raise Oversold(day, -n)
            head = queue[0]
            take = min(need, head[1])
            portions.append(Portion(head[0], take, day))
            head[1] -= take
            need -= take
            if head[1] == 0:
                queue.pop(0)
    portions.extend(Portion(acq, rem, None) for acq, rem in queue if rem)
    return lots, portions


def band(acquired_on: date, delivered_on: date, p: Params) -> tuple[str, Decimal]:
    """The holding band of shares acquired and delivered on these days, and its taxable share."""
    short = p.criterion("holding.short_months").value
    years = p.criterion("holding.exempt_after_years").value
    if delivered_on <= add_months(acquired_on, short):
        return "short", p.criterion("share.short").value
    if delivered_on <= add_months(acquired_on, 12 * years):
        return "medium", p.criterion("share.medium").value
    return "long", p.criterion("share.long").value


BAND_TEXT = {
    "short": T(zh="1个月以内（含1个月）", en="up to 1 month"),
    "medium": T(zh="1个月以上至1年（含1年）", en="over 1 month up to 1 year"),
    "long": T(zh="超过1年", en="over 1 year"),
}
BAND_PARAM = {"short": "share.short", "medium": "share.medium", "long": "share.long"}


def _movements(items) -> tuple[list[tuple[date, int]] | None, bool]:
    """(day, shares) pairs, or None when any is incomplete; flag for a non-positive count."""
    out, bad = [], False
    for m in items or ():
        if m.day is None or m.shares is None:
            return None, bad
        if m.shares <= 0:
            bad = True
        out.append((m.day, m.shares))
    return out, bad


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    acc = case.neeq_dividend_account
    p = Params(params, ctx.known_at)
    conds = Conditions()
    rule = p.criterion("investors")
    inv = acc.investor if acc else None
    conds.check("investor", T(zh="持有人为个人或证券投资基金", en="The holder is an individual or a securities investment fund"),
                None if inv is None else inv.value in rule.value, facts={"neeq_dividend_account.investor": inv}, cite=rule)
    rule = p.criterion("company_kinds")
    kind = acc.company_kind if acc else None
    conds.check("company_kind", T(zh="挂牌公司、两网公司或全国股转系统挂牌的退市公司", en="A NEEQ-listed, two-network or NEEQ-traded delisted company"),
                None if kind is None else kind.value in rule.value, facts={"neeq_dividend_account.company_kind": kind}, cite=rule)
    if kind is not None and kind.value == "delisted":
        rule = p.criterion("delisted_restricted_excluded")
        restricted = acc.delisted_restricted_shares
        conds.check("not_delisted_restricted", T(zh="非退市公司限售股（限售股按财税〔2012〕85号第四条执行）",
                                                 en="Not restricted shares of a delisted company (those follow 财税〔2012〕85号 art. 4)"),
                    None if restricted is None else not restricted, facts={"neeq_dividend_account.delisted_restricted_shares": restricted}, cite=rule)

    start, end = p.criterion("window.from"), p.criterion("window.until")
    dividends = acc.dividends if acc else None
    days = [d.record_date for d in dividends or ()]
    if not dividends or any(d is None for d in days):
        met = None
    else:
        met = any(start.value <= d <= end.value for d in days)
    conds.check("record_date_window", T(zh=f"至少一次派息的股权登记日在 {start.value} 至 {end.value}（含）之间",
                                        en=f"At least one record date falls between {start.value} and {end.value} inclusive"),
                met, facts={"neeq_dividend_account.dividends[].record_date": ", ".join(map(str, days)) or None},
                missing=["neeq_dividend_account.dividends"] if met is None else None, cite=end)

    acq, bad_a = _movements(acc.acquisitions if acc else None)
    trs, bad_t = _movements(acc.transfers if acc else None)
    if acc is None or acc.acquisitions is None or acq is None:
        conds.check("movements", T(zh="证券账户的取得记录完整", en="The account's acquisitions are complete"), None,
                    missing=["neeq_dividend_account.acquisitions"])
    else:
        fifo = p.criterion("fifo")
        ok: bool | None = not (bad_a or bad_t)
        note = None
        if trs is None:
            ok, note = None, None
        elif ok:
            try:
                fifo_match(acq, trs)
            except Oversold as exc:
                ok, note = False, T(zh=f"转让股数超过持有股数：{exc.day} 转让 {exc.shares} 股", en=f"A transfer exceeds the holding: {exc}")
        conds.check("movements", T(zh="取得与转让记录一致（按先进先出原则可以匹配）", en="Acquisitions and transfers are consistent (FIFO-matchable)"),
                    ok, facts={"neeq_dividend_account.acquisitions": len(acq), "neeq_dividend_account.transfers": None if trs is None else len(trs)},
                    missing=["neeq_dividend_account.transfers"] if trs is None else None, cite=fifo, note=note)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    acc = case.neeq_dividend_account
    p = Params(params, ctx.known_at)
    calc = Calculation()
    acq, _ = _movements(acc.acquisitions)
    trs, _ = _movements(acc.transfers)
    lots, portions = fifo_match(acq, trs)
    calc.info("fifo", T(zh="按每日净增减额形成持股批次，并按先进先出原则匹配转让：" + "；".join(
                            f"{x.acquired_on}×{x.shares}→{x.delivered_on or '仍持有'}" for x in portions),
                        en="Lots from daily net movements, transfers matched first-in first-out: " + "; ".join(
                            f"{x.acquired_on}×{x.shares}→{x.delivered_on or 'still held'}" for x in portions)),
              cite=p.criterion("daily_net"))
    start, end = p.criterion("window.from"), p.criterion("window.until")
    rate = p.criterion("rate")
    years = p.criterion("holding.exempt_after_years").value
    totals = defaultdict(Decimal)
    lot_tax: dict[date, Decimal] = defaultdict(Decimal)
    collected: dict[date, Decimal] = defaultdict(Decimal)  # tax deducted at transfer, by delivery day
    pending = False
    for i, div in enumerate(sorted(acc.dividends, key=lambda d: d.record_date)):
        r = div.record_date
        if not (start.value <= r <= end.value):
            calc.info(f"dividend[{r}]", T(zh=f"股权登记日 {r} 不在本公告执行期内，不予计算", en=f"Record date {r} is outside the notice's period; not computed"),
                      cite=end)
            continue
        if div.per_share is None:
            calc.need(f"neeq_dividend_account.dividends[{i}].per_share")
            continue
        for por in portions:
            if por.acquired_on > r or (por.delivered_on is not None and por.delivered_on <= r):
                continue  # not held at the end of the record date
            key = f"{r}.{por.acquired_on}.{por.delivered_on or 'held'}"
            gross = div.per_share * por.shares
            totals["dividend"] += gross
            facts = {"record_date": r, "acquired_on": por.acquired_on, "shares": por.shares,
                     "per_share": div.per_share, "delivered_on": por.delivered_on}
            held_year_at_record = r >= add_months(por.acquired_on, 12 * years)
            if por.delivered_on is None:
                if held_year_at_record or ctx.as_of >= add_months(por.acquired_on, 12 * years):
                    b, share = "long", p.criterion("share.long").value
                else:
                    pending = True
                    totals["pending"] += gross
                    calc.finding(f"pending.{key}", FindingStatus.NOT_YET_DUE,
                                 T(zh=f"{por.acquired_on} 取得的 {por.shares} 股尚未转让且未满1年：暂不扣缴，待转让时按持股期限计税",
                                   en=f"{por.shares} shares acquired {por.acquired_on}, not transferred and held ≤ 1 year: no withholding now, taxed at transfer by holding period"),
                                 facts=facts, cite=p.criterion("withholding.deferred"))
                    continue
            else:
                b, share = band(por.acquired_on, por.delivered_on, p)
            share_rule = p.criterion(BAND_PARAM[b])
            tax = p.money(gross * share * rate.value)
            totals["taxable"] += gross * share
            totals["tax"] += tax
            if b == "long":
                totals["exempt"] += gross
            lot_tax[por.acquired_on] += tax
            if por.delivered_on is not None and not held_year_at_record and tax:
                collected[por.delivered_on] += tax
            when = (T(zh="股权登记日已持股超过1年，免征", en="held over 1 year at the record date: exempt") if held_year_at_record
                    else T(zh=f"于 {por.delivered_on} 转让时扣收", en=f"collected at transfer on {por.delivered_on}") if por.delivered_on
                    else T(zh="评估日已持股超过1年，免征", en="held over 1 year at the assessment day: exempt"))
            calc.info(f"tax.{key}", T(zh=f"股息 {r}：{por.acquired_on} 取得 {por.shares} 股，持股期限{BAND_TEXT[b].zh}，计入 {pct(share)}",
                                      en=f"Dividend {r}: {por.shares} shares acquired {por.acquired_on}, held {BAND_TEXT[b].en}, {pct(share)} taxable"),
                      value=tax, facts=facts, cite=share_rule, note=when)
            calc.info(f"formula.{key}", T(zh="应纳税额", en="Tax"), value=f"{por.shares} × {div.per_share} × {pct(share)} × {pct(rate.value)} = {tax}",
                      cite=rate)
    for acquired_on, tax in sorted(lot_tax.items()):
        calc.amount(f"lot_tax.{acquired_on}", p.money(tax), T(zh=f"{acquired_on} 取得批次的应纳税额", en=f"Tax on the lot acquired {acquired_on}"),
                    formula="Σ 各次派息该批次的应纳税额 ‖ Σ over dividends of the lot's tax", cite=rate)
    money = p.money
    calc.amount("dividend_total", money(totals["dividend"]), T(zh="股息红利合计", en="Dividends (gross)"),
                formula="Σ 股数 × 每股股息 ‖ Σ shares × dividend per share", cite=start)
    calc.amount("taxable_income", money(totals["taxable"]), T(zh="应纳税所得额", en="Taxable income"),
                formula="Σ 股息 × 计入比例 ‖ Σ dividend × share counted", cite=p.criterion("share.medium"))
    calc.amount("exempt_dividend", money(totals["exempt"]), T(zh="免税股息", en="Exempt dividends"),
                formula="Σ 持股超过1年部分的股息 ‖ Σ dividends on shares held over 1 year", cite=p.criterion("share.long"))
    calc.amount("tax_total", money(totals["tax"]), T(zh="应纳个人所得税合计（已确定部分）", en="Individual income tax (determined part)"),
                formula="Σ round(股数 × 每股股息 × 计入比例 × 20%, 0.01) ‖ Σ round(shares × dividend per share × share counted × 20%, 0.01)", cite=rate)
    calc.amount("pending_dividend", money(totals["pending"]), T(zh="待转让时确定税额的股息", en="Dividends whose tax is set at a later transfer"),
                formula="Σ 未转让且未满1年部分的股息 ‖ Σ dividends on shares untransferred and held under 1 year", cite=p.criterion("withholding.deferred"))
    if pending:
        calc.info("pending_note", T(zh="未转让且持股未满1年的部分：税额在转让时按持股期限计算，由证券公司等托管机构扣收",
                                    en="Shares not yet transferred and held ≤ 1 year: the tax is computed at transfer by the holding period and collected by the custodian"),
                  cite=p.criterion("withholding.deferred"))
    _collection(acc, collected, pending, p, calc)
    return calc.result()


def _collection(acc, collected: dict[date, Decimal], pending: bool, p: Params, calc: Calculation) -> None:
    """二: who collects the tax deferred to the transfer, who pays it on, and by when."""
    at_transfer, remit, filing, top_up = (p.criterion(n) for n in
                                          ("withholding.at_transfer", "remittance.working_days", "filing.month_received", "funds.top_up"))
    if collected or pending:
        calc.finding("keep_funds", FindingStatus.DUTY, T(zh="个人应在资金账户留足资金，由证券公司等股票托管机构于转让时划扣税款",
                                                         en="The individual keeps enough money in the cash account; the custodian deducts the tax at the transfer"),
                     cite=top_up)
    for day, tax in sorted(collected.items()):
        calc.amount(f"withheld.{day}", p.money(tax), T(zh=f"{day} 转让交割时由托管机构从资金账户扣收并划付证券登记结算公司的税款",
                                                       en=f"Tax the custodian deducts from the cash account at the transfer delivered {day} and pays to the securities depository"),
                    formula=f"Σ {day} 交割部分的应纳税额 ‖ Σ tax on the portions delivered {day}",
                    facts={"neeq_dividend_account.transfers[].day": day}, cite=at_transfer, note=p.reading("withholding.at_transfer"))
        if day in acc.funds_short_on:
            calc.finding(f"funds_short.{day}", FindingStatus.DUTY,
                         T(zh=f"{day} 资金账户暂无资金或资金不足：托管机构应及时通知个人补足资金，并划扣税款",
                           en=f"On {day} the cash account held no or too little money: the custodian must promptly tell the individual to top it up, then deduct the tax"),
                         facts={"neeq_dividend_account.funds_short_on": day}, cite=top_up)
    for day in sorted(set(acc.funds_short_on) - set(collected)):
        calc.info(f"funds_short.{day}", T(zh=f"{day} 无须扣收税款（当日交割部分无应纳税额）", en=f"No tax to deduct on {day} (nothing taxable delivered that day)"),
                  facts={"neeq_dividend_account.funds_short_on": day}, cite=at_transfer)
    months = sorted({d.replace(day=1) for d in collected})
    for first in months:
        last = month_end(first)
        nxt = last + timedelta(days=1)
        off = sorted(d for d in acc.days_off if nxt <= d <= month_end(nxt))
        worked = sorted(d for d in acc.extra_working_days if nxt <= d <= month_end(nxt))
        due = nth_working_day_after(last, remit.value, acc.days_off, acc.extra_working_days)
        ym, nym = f"{first:%Y-%m}", f"{nxt:%Y-%m}"
        calc.date(f"depository_pays_by.{ym}", due,
                  T(zh=f"证券登记结算公司将 {ym} 扣收的税款划付挂牌公司的截止日（次月第 {remit.value} 个工作日，含当日）",
                    en=f"The securities depository pays the tax deducted in {ym} to the company by (the {remit.value}th working day of the next month, inclusive)"),
                  formula=f"{last} 之后第 {remit.value} 个工作日 ‖ the {remit.value}th working day after {last}",
                  facts={"neeq_dividend_account.days_off": ", ".join(map(str, off)) or None,
                         "neeq_dividend_account.extra_working_days": ", ".join(map(str, worked)) or None}, cite=remit)
        calc.finding(f"company_files.{ym}", FindingStatus.DUTY,
                     T(zh=f"挂牌公司在收到税款当月（按期划付时为 {nym}）的法定申报期内向主管税务机关申报缴纳 {ym} 扣收的税款，并办理全员全额扣缴申报",
                       en=f"The company files and pays the tax deducted in {ym} to its tax office within the statutory filing period of the month it receives it ({nym} when paid on time), with a full withholding return for every person"),
                     detail=p.reading("filing.month_received"), cite=filing)
    if months:
        calc.info("working_days", T(zh="工作日的计算（案件给出的放假日、调休上班日）", en="How working days are counted (the days off and worked weekend days the case gives)"),
                  facts={"neeq_dividend_account.days_off": len(acc.days_off), "neeq_dividend_account.extra_working_days": len(acc.extra_working_days)},
                  cite=remit, note=p.reading("remittance.working_days"))


NAMES = {"tax_total": ("应纳税额", "tax"), "dividend_total": ("股息红利", "dividends"),
         "exempt_dividend": ("免税股息", "exempt dividends"), "pending_dividend": ("待定股息", "pending dividends")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, NAMES)
