"""设备更新贷款财政贴息 — 财金〔2024〕54号.

Pure rule functions: (case, parameters, context) → Applicability / Evaluation.
Every number comes from ``parameters/equipment_renewal_loan_subsidy.yaml``.

The schedule: one percentage point a year on the principal outstanding each
day, from the day the loan money reached the supplier (inclusive) for at most
two years (the second anniversary excluded), ending earlier at maturity
(excluded: interest is 算头不算尾) or full repayment; the day count is the loan
contract's (a case input); grouped by calendar quarter; each quarter capped by
the interest charged for it (the subsidy is deducted from interest collected)
and the running total by principal × 1% × 2; each quarter split into the 80%
advance and the 20% settlement.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, bilingual, in_window, pct
from ._common import explain as _explain

POLICY_ID = "finance.equipment_renewal_loan_subsidy"
SECTION = "equipment_renewal_loan"


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 Feb → 1 Mar in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    """First day and the day after the last day of a calendar quarter."""
    start = date(year, 3 * (q - 1) + 1, 1)
    end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return start, end


def bank_listed(name: str | None, listed: tuple[str, ...]) -> bool | None:
    if name is None:
        return None
    n = "".join(name.split())
    return n in listed or (n.startswith("中国") and n[2:] in listed)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """54号 一(一)–(三), 二(一): candidate list, relending, bank, contract window, money paid to the supplier."""
    loan = case.equipment_renewal_loan
    p = Params(params, loan.loan_contract_signed_on if loan else None, ctx.known_at)
    conds = Conditions()
    f = lambda name: getattr(loan, name) if loan else None  # noqa: E731

    for cid, pname, field, label in (
        ("candidate_list", "eligibility.candidate_list", "project_on_candidate_list",
         T(zh="项目纳入相关部门确定的备选项目清单", en="The project is on the candidate list")),
        ("pboc_relending", "eligibility.pboc_relending", "pboc_relending_supported",
         T(zh="贷款获得中国人民银行设备更新相关再贷款支持", en="The loan is backed by PBOC equipment-renewal relending")),
    ):
        rule, v = p(pname), f(field)
        conds.check(cid, label, None if v is None else v is rule.value, facts={f"{SECTION}.{field}": v}, cite=rule)

    banks = p("banks")
    bank = f("lending_bank")
    conds.check("lending_bank_listed", T(zh=f"经办银行属名单所列{len(banks.value)}家全国性银行", en=f"The lending bank is one of the {len(banks.value)} listed national banks"),
                bank_listed(bank, banks.value), facts={f"{SECTION}.lending_bank": bank}, cite=banks, note=p.reading("banks"))

    start, end = p("contracts.from"), p("contracts.until")
    for cid, field, zh, en in (
        ("loan_contract_in_window", "loan_contract_signed_on", "贷款合同", "loan contract"),
        ("purchase_contract_in_window", "purchase_contract_signed_on", "设备购置或更新改造服务采购合同", "purchase contract"),
    ):
        day = f(field)
        conds.check(cid, T(zh=f"{zh}于 {start.value} 至 {end.value}（含首尾）期间签订",
                           en=f"The {en} was signed between {start.value} and {end.value} inclusive"),
                    in_window(day, start.value, end.value), facts={f"{SECTION}.{field}": day}, cite=end,
                    note=p.reading("contracts.until"))

    paid = f("paid_to_supplier_on")
    covers = p("window.covers_supplier_payment")
    met: bool | None = None if paid is None else paid <= ctx.as_of
    if met and covers.value:
        met = in_window(paid, start.value, end.value)
    conds.check("paid_to_supplier", T(zh=f"贷款资金已发放至经营主体并划付供应商账户（截至 {ctx.as_of}）",
                                      en=f"The loan money has been disbursed and paid to the supplier (as of {ctx.as_of})"),
                met, facts={f"{SECTION}.paid_to_supplier_on": paid, f"{SECTION}.disbursed_on": f("disbursed_on")},
                missing=[f"{SECTION}.paid_to_supplier_on"] if paid is None else [], cite=covers,
                note=p.reading("window.covers_supplier_payment"))
    return conds.result()


def _outstanding(loan, day: date) -> Decimal:
    repaid = sum((r.amount for r in loan.repayments if r.repaid_on is not None and r.amount is not None and r.repaid_on <= day), Decimal(0))
    return max(Decimal(0), loan.principal - repaid)


def principal_days(loan, start: date, end: date) -> Decimal:
    """Σ over days start ≤ d < end of the principal outstanding on d (piecewise constant)."""
    if end <= start:
        return Decimal(0)
    cuts = sorted({start, end} | {r.repaid_on for r in loan.repayments if r.repaid_on is not None and start < r.repaid_on < end})
    return sum((_outstanding(loan, a) * (b - a).days for a, b in zip(cuts, cuts[1:])), Decimal(0))


def accrual_end(loan, start: date, years: int) -> date:
    """The day after the last accrual day: the 2nd anniversary, maturity, or full repayment."""
    end = add_years(start, years)
    if loan.maturity_date is not None:
        end = min(end, max(start, loan.maturity_date))
    for r in sorted((r for r in loan.repayments if r.repaid_on is not None), key=lambda r: r.repaid_on):
        if r.repaid_on >= start and _outstanding(loan, r.repaid_on) == 0:
            end = min(end, r.repaid_on)
            break
    return end


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    loan = case.equipment_renewal_loan
    start = loan.paid_to_supplier_on
    p = Params(params, start, ctx.known_at)
    calc = Calculation()
    money = params.rounding.money
    s = SECTION

    misuse_rule = p("clawback.misuse")
    used = loan.funds_used_for_equipment_renewal
    if used is False:
        calc.finding("funds_used_for_equipment_renewal", FindingStatus.NOT_MET,
                     T(zh="贷款资金未用于设备更新和技术改造", en="The loan money was not used for equipment renewal"),
                     detail=T(zh="取消享受贴息资格，追回中央财政贴息资金", en="Eligibility cancelled; the central subsidy is recovered"),
                     facts={f"{s}.funds_used_for_equipment_renewal": used}, cite=misuse_rule)
        calc.amount("subsidy_total", Decimal("0.00"), T(zh="应享贴息（资格已取消）", en="Subsidy due (eligibility cancelled)"),
                    formula="0", cite=misuse_rule)
        if loan.subsidy_received is None:
            calc.need(f"{s}.subsidy_received")
        else:
            calc.amount("clawback", money(loan.subsidy_received), T(zh="追回中央财政贴息资金", en="Central subsidy recovered"),
                        formula=f"{s}.subsidy_received = {loan.subsidy_received}",
                        facts={f"{s}.subsidy_received": loan.subsidy_received}, cite=misuse_rule)
        return calc.result()
    calc.finding("funds_used_for_equipment_renewal", FindingStatus.MET if used else FindingStatus.DUTY,
                 T(zh="贷款资金须专项用于设备更新和技术改造", en="The loan money must be used for equipment renewal and upgrading"),
                 detail=None if used else T(zh="未用于设备更新的，一经发现即追回贴息", en="If found otherwise, the subsidy is recovered"),
                 facts={f"{s}.funds_used_for_equipment_renewal": used}, cite=misuse_rule)

    missing = [f"{s}.{n}" for n in ("principal", "day_count_basis") if getattr(loan, n) is None]
    if loan.day_count_basis is not None and loan.day_count_basis not in (360, 365):
        missing.append(f"{s}.day_count_basis")
    if missing:
        calc.need(*missing)
        calc.info("schedule", T(zh="缺少本金或贷款合同计息天数基准（360或365），无法编制贴息计划；54号未规定天数基准，按贷款合同约定",
                                en="Without the principal or the loan contract's day-count basis (360 or 365) there is no schedule; 54号 sets no basis, the loan contract governs"))
        return calc.result()

    rate, years = p("rate"), p("term_years")
    basis = Decimal(loan.day_count_basis)
    end = accrual_end(loan, start, years.value)
    calc.date("accrual_start", start, T(zh="贴息起始日（资金划付供应商账户之日，含当日）", en="Subsidy starts (day paid to the supplier, inclusive)"),
              facts={f"{s}.paid_to_supplier_on": start}, cite=years)
    calc.date("accrual_end", end, T(zh=f"贴息截止日（不含当日）：起始日满{years.value}年、到期日或本金还清日中最早者",
                                   en=f"Subsidy ends (exclusive): the earliest of {years.value} years after the start, maturity, full repayment"),
              formula=bilingual(f"min({start} + {years.value}年, 到期日 {loan.maturity_date}, 本金还清日)",
                                f"min({start} + {years.value} years, maturity {loan.maturity_date}, full repayment)"), inclusive=False,
              facts={f"{s}.maturity_date": loan.maturity_date}, cite=years)
    calc.info("principal_basis", T(zh="贴息本金：每日未偿还本金；计息天数基准按贷款合同", en="Principal: outstanding each day; day count per the loan contract"),
              value=f"{loan.principal} / {loan.day_count_basis}", cite=rate, note=p.reading("rate"),
              facts={f"{s}.principal": loan.principal, f"{s}.day_count_basis": loan.day_count_basis,
                     f"{s}.repayments": len(loan.repayments)})
    cap_total = money(loan.principal * rate.value * years.value)
    calc.info("cap_total", T(zh=f"累计贴息上限：本金×{rate.value}×{years.value}年", en=f"Cumulative cap: principal × {rate.value} × {years.value} years"),
              value=cap_total, cite=years, note=p.reading("term_years"))

    adv_rule, settle_rule, netting = p("advance.share"), p("settlement.share"), p("netting")
    failed = {q.strip().upper() for q in loan.failed_review_quarters}
    total = Decimal(0)
    recovered = Decimal(0)
    cumulative = Decimal(0)
    if end > start:
        y, q = quarter_of(start)
        while True:
            qs, qe = quarter_bounds(y, q)
            if qs >= end:
                break
            a, b = max(qs, start), min(qe, end)
            label = f"{y}Q{q}"
            key = label.lower()
            pd = principal_days(loan, a, b)
            gross = money(pd * rate.value / basis)
            zh_f, en_f = (f"Σ 每日未偿本金 [{a}, {b}) = {pd}; {pd} × {rate.value} / {basis}",
                          f"Σ outstanding principal per day [{a}, {b}) = {pd}; {pd} × {rate.value} / {basis}")
            sub = gross
            if loan.annual_interest_rate is not None:
                interest = money(pd * loan.annual_interest_rate / basis)
                if interest < sub:
                    sub, zh_f, en_f = interest, zh_f + f" → 不超过同期利息 {interest}", en_f + f" → at most the interest {interest}"
            if cumulative + sub > cap_total:
                sub = max(Decimal(0), cap_total - cumulative)
                zh_f, en_f = zh_f + f" → 累计上限 {cap_total} − {cumulative}", en_f + f" → capped at {cap_total} − {cumulative}"
            formula = bilingual(zh_f, en_f)
            cumulative += sub
            calc.amount(f"subsidy_{key}", sub, T(zh=f"{label} 季度贴息（财政承担，经办银行收息时从企业利息中扣除）", en=f"{label} subsidy (borne by public finance, deducted from the firm's interest by the bank)"), formula=formula, cite=rate)
            advance = money(sub * adv_rule.value)
            calc.amount(f"advance_{key}", advance, T(zh=f"{label} 省级财政部门预拨{pct(adv_rule.value)}至经办银行省级分支机构", en=f"{label} {pct(adv_rule.value)} advance, provincial finance to the lending bank's provincial branch"),
                        formula=f"{sub} × {adv_rule.value}", cite=adv_rule)
            if label in failed:
                calc.amount(f"settlement_{key}", Decimal("0.00"), T(zh=f"{label} 复审不通过，省级财政部门不向经办银行拨付剩余{pct(settle_rule.value)}", en=f"{label} failed review: provincial finance pays the bank no {pct(settle_rule.value)} settlement"),
                            formula="0", cite=p("review_failed.recovered"))
                calc.amount(f"recovered_{key}", advance, T(zh=f"{label} 省级财政部门追缴或扣回已预拨贴息", en=f"{label} advance recovered by provincial finance"),
                            formula=f"{advance}", cite=p("review_failed.recovered"))
                recovered += advance
            else:
                calc.amount(f"settlement_{key}", sub - advance, T(zh=f"{label} 复审通过后省级财政部门向经办银行拨付剩余{pct(settle_rule.value)}", en=f"{label} {pct(settle_rule.value)} settlement after review, provincial finance to the lending bank"),
                            formula=f"{sub} − {advance}", cite=settle_rule)
                total += sub
            if loan.annual_interest_rate is not None:
                interest = money(pd * loan.annual_interest_rate / basis)
                net = interest - (Decimal(0) if label in failed else sub)
                calc.amount(f"net_interest_{key}", net, T(zh=f"{label} 企业向经办银行实付利息（已扣除贴息）", en=f"{label} interest the firm pays the bank, net of the subsidy"),
                            formula=f"{pd} × {loan.annual_interest_rate} / {basis} − {sub}", cite=netting, note=p.reading("netting"))
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    calc.amount("subsidy_total", total, T(zh="贴息合计（复审通过的季度）", en="Total subsidy (quarters passing review)"),
                formula=bilingual(f"Σ 各季度 = {total}（累计上限 {cap_total}）", f"Σ quarters = {total} (cap {cap_total})"), cite=rate)
    if failed:
        calc.amount("recovered_total", recovered, T(zh="复审不通过追缴或扣回合计", en="Recovered after failed reviews"),
                    formula=f"{recovered}", cite=p("review_failed.recovered"))
    return calc.result()


HEADLINE = {"subsidy_total": ("贴息合计", "total subsidy"), "clawback": ("追回贴息", "clawback"),
            "recovered_total": ("追缴扣回", "recovered")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, HEADLINE)


