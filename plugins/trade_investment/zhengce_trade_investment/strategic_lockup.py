"""战略投资的限售期、报告与处罚 — 商务部等六部门令2024年第3号 第十条、第十八条、第十九条、第二十九条.

Shares obtained by a strategic investment may not be transferred for 12 months (第十条); after an
investment made in breach of 第六条/第七条 by a false statement, not until the conditions are met
and for 12 months after; a longer lock-up set by the Securities Law, the CSRC or the exchange
prevails.  Before the lock-up ends only death, termination or judicial deduction allow a transfer
(第十八条).  A cumulative change of the holding above 5 %, or a change of foreign control, must be
reported (第十九条).  A breach by false statement may be warned; a serious one fined 100,000 yuan or
less (第二十九条).
"""

from __future__ import annotations

from datetime import date

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, any_of, day_after, localised, pct, period_last_day

POLICY_ID = "trade_investment.strategic_investment_lockup_and_reporting"
PARAMETERS = load_parameters("zhengce_trade_investment", "parameters/strategic_investment_lockup.yaml")
H = "strategic_holding"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Shares obtained by a strategic investment on or after the day the measures took effect."""
    h = case.strategic_holding
    p = Lookup(params, h.acquired_on, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    start = p.value("scope.acquired_from")
    conds.check("acquired_under_these_measures", T("股份于 {} 本办法施行之日或之后取得", "The shares were obtained on or after {}, when the measures took effect", start.value),
                None if h.acquired_on is None else h.acquired_on >= start.value, facts={f"{H}.acquired_on": h.acquired_on},
                cite=start, note=p.reading("scope.acquired_from"))
    return conds.result()


def lockup_last_day(h, p: Lookup) -> tuple[date | None, list[tuple[str, date, object]]]:
    """The last day the shares are locked (None: locked until a breach is cured), and the candidate
    last days (name, day, citation) whose latest governs."""
    candidates = [("ordinary", period_last_day(h.acquired_on, p.value("lockup.months").value), p.value("lockup.months"))]
    if h.obtained_in_breach is True:
        if h.conditions_met_on is None:
            return None, candidates
        candidates.append(("breach", period_last_day(h.conditions_met_on, p.value("lockup.breach_months").value), p.value("lockup.breach_months")))
    if h.longer_lockup_last_day is not None:
        candidates.append(("longer", h.longer_lockup_last_day, p.value("lockup.longer_prevails")))
    return max(day for _name, day, _cite in candidates), candidates


CANDIDATE_LABELS = {
    "ordinary": ("取得之日起 12 个月的最后一日", "the last day of 12 months from the acquisition"),
    "breach": ("满足相应条件之日起 12 个月的最后一日", "the last day of 12 months from meeting the conditions"),
    "longer": ("证券法或证券监管规则规定的更长限售期的最后一日", "the last day of a longer lock-up under securities rules"),
}


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    h = case.strategic_holding
    p = Lookup(params, h.acquired_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    _lockup(h, p, calc)
    _report(h, p, calc)
    _sanction(h, p, calc)
    return calc.result()


def _lockup(h, p: Lookup, calc: Calculation) -> None:
    if h.obtained_in_breach is None:
        calc.need(f"{H}.obtained_in_breach")
    last, candidates = lockup_last_day(h, p)
    for name, day, cite in candidates:
        zh, en = CANDIDATE_LABELS[name]
        calc.info(f"lockup.{name}", Text(zh=zh, en=en), value=day,
                  facts={f"{H}.acquired_on": h.acquired_on} if name == "ordinary" else
                  ({f"{H}.conditions_met_on": h.conditions_met_on} if name == "breach" else {f"{H}.longer_lockup_last_day": h.longer_lockup_last_day}),
                  cite=cite, note=p.reading("lockup.months") if name != "longer" else None)
    if last is None:
        calc.finding("locked_until_conditions_met", FindingStatus.DUTY,
                     T("违规实施的，满足相应条件前所涉股份不得转让", "After a breach, the shares may not be transferred until the conditions are met"),
                     facts={f"{H}.obtained_in_breach": True, f"{H}.conditions_met_on": None}, cite=p.value("lockup.breach_months"))
        free_from = None
    else:
        governing = max(candidates, key=lambda c: c[1])
        calc.date("lockup_last_day", last, T("限售期最后一日", "Last day of the lock-up"), cite=governing[2])
        free_from = calc.date("transferable_from", day_after(last), T("可以转让之日", "Transferable from"),
                              formula=f"{last} + 1", cite=p.value("transfer.after_lockup"))
    if h.transfer_on is not None:
        _transfer(h, p, calc, free_from)


def _transfer(h, p: Lookup, calc: Calculation, free_from: date | None) -> None:
    facts = {f"{H}.transfer_on": h.transfer_on, f"{H}.transfer_reason": h.transfer_reason}
    label = T("拟于 {} 转让股份", "A transfer on {}", h.transfer_on)
    if free_from is not None and h.transfer_on >= free_from:
        calc.finding("transfer_allowed", FindingStatus.MET, label, facts=facts, cite=p.value("transfer.after_lockup"),
                     detail=T("限售期已满", "the lock-up has ended"))
        return
    early = p.value("transfer.early_reasons")
    reason = h.transfer_reason
    status = FindingStatus.UNKNOWN if reason is None else (FindingStatus.MET if reason.value in early.value else FindingStatus.NOT_MET)
    calc.finding("transfer_allowed", status, label, facts=facts, cite=early, detail=T(
        "限售期内：仅因死亡、法人终止或司法扣划等原因可以转让", "within the lock-up: only death, termination or judicial deduction allow a transfer"))
    if reason is None:
        calc.need(f"{H}.transfer_reason")


def _report(h, p: Lookup, calc: Calculation) -> None:
    change, control = h.stake_change_since_report, h.control_changed
    if change is None and control is None:
        return
    over = p.value("report.stake_change_over")
    triggered = any_of(None if change is None else abs(change) > over.value, control)
    status = {True: FindingStatus.DUTY, False: FindingStatus.INFO, None: FindingStatus.UNKNOWN}[triggered]
    label = (T("持股比例累计变化超过 {} 或控股地位变化：应当报送投资信息", "Holding changed by more than {} or control changed: report the investment information", pct(over.value))
             if triggered is not False else
             T("持股比例累计变化未超过 {} 且控股地位未变：无须报送", "Holding changed by no more than {} and control unchanged: no report", pct(over.value)))
    calc.finding("report_investment_information", status, label,
                 facts={f"{H}.stake_change_since_report": change, f"{H}.control_changed": control}, cite=over, detail=p.reading("report.stake_change_over"))
    if triggered is None:
        calc.need(*([f"{H}.stake_change_since_report"] if change is None else []), *([f"{H}.control_changed"] if control is None else []))


def _sanction(h, p: Lookup, calc: Calculation) -> None:
    if h.obtained_in_breach is not True:
        return
    calc.finding("warning_or_criticism", FindingStatus.INFO, p.params["sanction.warning"].label,
                 facts={f"{H}.obtained_in_breach": True}, cite=p.value("sanction.warning"))
    if h.serious is None:
        calc.need(f"{H}.serious")
    elif h.serious:
        cap = p.value("sanction.fine_max")
        calc.range("fine", None, p.money(cap.value), T("罚款", "Fine"), cite=cap, facts={f"{H}.serious": True},
                   basis=p.reading("sanction.fine_max"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return localised(explanation(result, title, lang))
