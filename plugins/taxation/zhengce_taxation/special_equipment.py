"""专用设备数字化、智能化改造企业所得税抵免 — 财政部 税务总局公告2024年第9号.

Per upgrade: qualifying spending = investment − refunded VAT − transport,
installation and commissioning − spending funded by fiscal grants (第四条、第八条),
capped cumulatively per piece of equipment at 50% of its original tax basis;
credit = 10% of it, earned in the tax year the spending is incurred (第一条).
Over the given tax years, credits are used oldest first against the year's tax
payable; what is unused after five carry-forward years expires.  A piece of
equipment transferred or leased within five tax years after completion stops
the credit and the credit used so far is repaid (第六条).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Status, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, summary_explanation

POLICY_ID = "taxation.special_equipment_digital_retrofit_cit_credit"


def upgrade_conditions(u, i: int, p: Params) -> Conditions:
    """Every condition one upgrade must meet (三-valued, cited)."""
    c = Conditions()
    path = f"special_equipment_credit.upgrades[{i}]"
    start, end = p.criterion("window.from"), p.criterion("window.until")
    c.check(f"u{i}.window", T(zh=f"改造投入于 {start.value} 至 {end.value}（含）期间发生", en=f"Spending incurred between {start.value} and {end.value} inclusive"),
            None if u.incurred_on is None else start.value <= u.incurred_on <= end.value, facts={f"{path}.incurred_on": u.incurred_on}, cite=start)
    c.check(f"u{i}.catalogue", T(zh="专用设备列入财税〔2018〕84号或财税〔2017〕71号目录（外部目录，作为输入）",
                                 en="The equipment is on the 财税〔2018〕84号 / 财税〔2017〕71号 catalogue (external; an input)"),
            u.on_catalogue, facts={f"{path}.on_catalogue": u.on_catalogue}, cite=p.criterion("catalogue"))
    c.check(f"u{i}.catalogue_after_upgrade", T(zh="改造后仍符合目录规定条件", en="Still meets the catalogue's conditions after the upgrade"),
            u.meets_catalogue_after_upgrade, facts={f"{path}.meets_catalogue_after_upgrade": u.meets_catalogue_after_upgrade},
            cite=p.criterion("catalogue_after_upgrade"))
    if u.purchased_by_enterprise:
        owned, cite = True, p.criterion("catalogue")
    elif u.finance_lease_title_transfers is not None:
        owned, cite = u.finance_lease_title_transfers, p.criterion("finance_lease")
    else:
        owned, cite = None, p.criterion("finance_lease")
    c.check(f"u{i}.owned", T(zh="企业购置，或融资租入且约定租赁期满所有权转移", en="Bought by the enterprise, or finance-leased with title passing at the end"),
            owned, facts={f"{path}.purchased_by_enterprise": u.purchased_by_enterprise, f"{path}.finance_lease_title_transfers": u.finance_lease_title_transfers},
            missing=[f"{path}.purchased_by_enterprise"] if owned is None else None, cite=cite)
    c.check(f"u{i}.self_use", T(zh="企业自身实际使用改造后的专用设备", en="The enterprise itself uses the upgraded equipment"),
            u.used_by_enterprise, facts={f"{path}.used_by_enterprise": u.used_by_enterprise}, cite=p.criterion("self_use"))
    c.check(f"u{i}.separate_accounts", T(zh="改造投入单独核算、按设备分别归集", en="Spending accounted separately per piece of equipment"),
            u.separately_accounted, facts={f"{path}.separately_accounted": u.separately_accounted}, cite=p.criterion("separate_accounts"))
    c.check(f"u{i}.plan_or_contract", T(zh="事先制定改造方案或取得登记的技术开发/服务合同", en="Upgrade plan beforehand or a registered technology contract"),
            u.plan_or_tech_contract, facts={f"{path}.plan_or_tech_contract": u.plan_or_tech_contract}, cite=p.criterion("plan_or_contract"))
    known = u.investment is not None and u.original_tax_basis is not None and u.equipment_id is not None
    c.check(f"u{i}.amounts", T(zh="改造投入、原计税基础和设备编号已知", en="Spending, original tax basis and equipment id are known"),
            True if known else None, facts={f"{path}.investment": u.investment, f"{path}.original_tax_basis": u.original_tax_basis,
                                            f"{path}.equipment_id": u.equipment_id}, cite=p.criterion("cap_ratio"))
    return c


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Applies when at least one upgrade qualifies; cannot tell when none does and one is undecided."""
    sec = case.special_equipment_credit
    p = Params(params, ctx.known_at)
    top = Conditions(trace=ctx.trace)
    top.check("upgrades", T(zh="至少申报一项专用设备改造", en="At least one upgrade is declared"),
              bool(sec.upgrades) if sec.upgrades is not None else None, missing=["special_equipment_credit.upgrades"],
              cite=p.criterion("credit_rate"))
    years = sec.tax_years
    ok_years = None if not years or any(y.year is None or y.tax_payable is None for y in years) else True
    top.check("tax_years", T(zh="各纳税年度的企业所得税应纳税额已知（第五条口径）", en="Each tax year's corporate income tax payable is known (art. 5 definition)"),
              ok_years, missing=["special_equipment_credit.tax_years"], cite=p.criterion("tax_payable"))
    if sec.upgrades:
        top.any_of("any_upgrade_qualifies", T(zh="至少一项改造符合条件", en="At least one upgrade qualifies"),
                   [upgrade_conditions(u, i, p) for i, u in enumerate(sec.upgrades)], cite=p.criterion("credit_rate"))
    return top.result()


@attrs.define
class Credit:
    upgrade: int
    equipment: str
    year: int
    amount: Decimal
    remaining: Decimal
    used: dict = attrs.Factory(dict)  # year -> amount
    stop_year: int | None = None  # first year it may no longer be used (recapture)
    cause: str = "transfer"  # why it stops: "transfer" (第六条) or "lease" (第七条第二句)


def earned_credits(case: Case, p: Params, calc: Calculation) -> list[Credit]:
    """The credit each qualifying upgrade earns, with the arithmetic shown."""
    sec = case.special_equipment_credit
    cap_ratio, rate = p.criterion("cap_ratio"), p.criterion("credit_rate")
    cap_used: dict[str, Decimal] = defaultdict(Decimal)
    credits = []
    order = sorted(range(len(sec.upgrades)), key=lambda i: (sec.upgrades[i].incurred_on or date.min, i))
    for i in order:
        u = sec.upgrades[i]
        status = upgrade_conditions(u, i, p).result().status
        if status is not Status.APPLIES:
            calc.finding(f"u{i}.qualifies", FindingStatus.NOT_MET if status is Status.DOES_NOT_APPLY else FindingStatus.UNKNOWN, T(zh=f"改造 {i}（{u.equipment_id}）不符合或无法判断条件，不计抵免",
                                                       en=f"Upgrade {i} ({u.equipment_id}) does not qualify or cannot be decided; no credit"))
            continue
        excl = [(u.refunded_vat, "refunded_vat"), (u.transport_installation_commissioning, "transport_installation_commissioning"),
                (u.fiscal_grant_funded, "fiscal_grant_funded")]
        net = u.investment - sum((x or Decimal(0)) for x, _ in excl)
        net = max(net, Decimal(0))
        calc.info(f"u{i}.net_investment", T(zh=f"改造 {i}：可享受优惠的改造投入", en=f"Upgrade {i}: qualifying spending"),
                  value=f"{u.investment} − {u.refunded_vat or 0} − {u.transport_installation_commissioning or 0} − {u.fiscal_grant_funded or 0} = {net}",
                  facts={"investment": u.investment, "refunded_vat": u.refunded_vat,
                         "transport_installation_commissioning": u.transport_installation_commissioning,
                         "fiscal_grant_funded": u.fiscal_grant_funded}, cite=p.criterion("exclusions"))
        cap = u.original_tax_basis * cap_ratio.value
        room = max(cap - cap_used[u.equipment_id], Decimal(0))
        eligible = min(net, room)
        cap_used[u.equipment_id] += eligible
        calc.info(f"u{i}.capped", T(zh=f"改造 {i}：不超过原计税基础 {pct(cap_ratio.value)} 的部分（同一设备累计）",
                                    en=f"Upgrade {i}: the part up to {pct(cap_ratio.value)} of the original tax basis (cumulative per equipment)"),
                  value=f"min({net}, {u.original_tax_basis} × {cap_ratio.value} − {cap - room}) = {eligible}",
                  cite=cap_ratio, note=p.reading("cap_ratio"))
        amount = p.money(eligible * rate.value)
        credit = Credit(i, u.equipment_id, u.incurred_on.year, amount, amount)
        if u.transferred_or_leased_on is not None and u.completed_on is not None:
            last = u.completed_on.year + p.criterion("recapture_years").value - 1
            if u.transferred_or_leased_on.year <= last:
                credit.stop_year = u.transferred_or_leased_on.year
        if u.lease_ended_without_title_on is not None and not u.purchased_by_enterprise:
            # 公告七第二句: the lease ended and title did not pass — stop and repay (no five-year window)
            y = u.lease_ended_without_title_on.year
            credit.stop_year = y if credit.stop_year is None else min(credit.stop_year, y)
            credit.cause = "lease"
        calc.amount(f"credit_earned.u{i}", amount, T(zh=f"改造 {i}（{u.equipment_id}）{u.incurred_on.year} 年度可抵免税额",
                                                    en=f"Credit earned by upgrade {i} ({u.equipment_id}) in {u.incurred_on.year}"),
                    formula=f"{eligible} × {pct(rate.value)}", cite=rate)
        credits.append(credit)
    return credits


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.special_equipment_credit
    p = Params(params, ctx.known_at)
    calc = Calculation()
    credits = earned_credits(case, p, calc)
    carry = p.criterion("carry_forward_years")
    years = sorted(sec.tax_years, key=lambda y: y.year)
    total_used = total_expired = Decimal(0)
    prev = None
    for ty in years:
        y = ty.year
        if prev is not None and y != prev + 1:
            calc.need("special_equipment_credit.tax_years")
            calc.info(f"gap.{y}", T(zh=f"纳税年度不连续（{prev} 之后为 {y}），结转计算到此为止", en=f"Tax years not consecutive ({prev} then {y}); the carry-forward stops here"))
            break
        prev = y
        # recapture: a credit whose equipment stopped being used this year stops now
        for c in credits:
            if c.stop_year == y and c.remaining > 0:
                why = (T(zh="融资租赁期满所有权未转移", en="lease ended without title passing") if c.cause == "lease"
                       else T(zh="转让或出租", en="transferred or leased"))
                calc.info(f"lapsed.u{c.upgrade}.{y}", T(zh=f"改造 {c.upgrade} 的设备于 {y} 年{why.zh}：未抵免余额 {c.remaining} 元不再抵免",
                                                        en=f"Upgrade {c.upgrade}'s equipment {why.en} in {y}: unused CNY {c.remaining} lapses"),
                          cite=p.criterion("finance_lease_title_not_passed" if c.cause == "lease" else "recapture_years"))
                c.remaining = Decimal(0)
        room = max(ty.tax_payable, Decimal(0))
        used_year = Decimal(0)
        for c in sorted(credits, key=lambda c: (c.year, c.upgrade)):
            if c.year > y or c.remaining <= 0 or y > c.year + carry.value:
                continue
            take = min(room, c.remaining)
            if take > 0:
                c.remaining -= take
                c.used[y] = c.used.get(y, Decimal(0)) + take
                room -= take
                used_year += take
        total_used += used_year
        calc.amount(f"used.{y}", p.money(used_year), T(zh=f"{y} 年度抵免的应纳税额", en=f"Credit used in {y}"),
                    formula=f"min({ty.tax_payable}, 可用抵免余额) ‖ min({ty.tax_payable}, available credit)", facts={f"tax_payable.{y}": ty.tax_payable},
                    cite=p.criterion("credit_rate"))
        expired = Decimal(0)
        for c in credits:
            if c.year + carry.value == y and c.remaining > 0:
                expired += c.remaining
                c.remaining = Decimal(0)
        if expired:
            total_expired += expired
            calc.amount(f"expired.{y}", p.money(expired), T(zh=f"{y} 年末结转期满失效的抵免额", en=f"Credit expiring at the end of {y}"),
                        formula="发生年度 + 5 年末未抵免余额 ‖ unused balance at the end of the earning year + 5", cite=carry, note=p.reading("carry_forward_years"))
        carried = sum((c.remaining for c in credits if c.year <= y), Decimal(0))
        calc.amount(f"carried.{y}", p.money(carried), T(zh=f"{y} 年末结转以后年度的抵免额", en=f"Credit carried forward out of {y}"),
                    formula="Σ 未抵免余额 ‖ Σ unused balances", cite=carry)
    recapture = Decimal(0)
    for c in credits:
        if c.stop_year is not None:
            repaid = sum((v for yy, v in c.used.items() if yy <= c.stop_year), Decimal(0))
            recapture += repaid
            if c.cause == "lease":
                calc.finding(f"recapture.u{c.upgrade}", FindingStatus.DUTY,
                             T(zh=f"改造 {c.upgrade}（{c.equipment}）融资租赁期届满后所有权未转移至承租方：停止享受并补缴已抵免税款 {repaid} 元",
                               en=f"Upgrade {c.upgrade} ({c.equipment}): the finance lease ended without title passing to the lessee: stop and repay CNY {repaid}"),
                             cite=p.criterion("finance_lease_title_not_passed"), detail=p.reading("finance_lease_title_not_passed"))
                continue
            calc.finding(f"recapture.u{c.upgrade}", FindingStatus.DUTY,
                         T(zh=f"改造 {c.upgrade}（{c.equipment}）完成后五个纳税年度内转让或出租：停止享受并补缴已抵免税款 {repaid} 元",
                           en=f"Upgrade {c.upgrade} ({c.equipment}) transferred or leased within five tax years of completion: stop and repay CNY {repaid}"),
                         cite=p.criterion("recapture_years"))
    earned = sum((c.amount for c in credits), Decimal(0))
    calc.amount("credit_earned_total", p.money(earned), T(zh="可抵免税额合计", en="Credit earned"), formula="Σ 各项改造可抵免税额 ‖ Σ credit earned by each upgrade", cite=p.criterion("credit_rate"))
    calc.amount("credit_used_total", p.money(total_used), T(zh="已抵免税额合计", en="Credit used"), formula="Σ 各年度抵免额 ‖ Σ credit used each year", cite=p.criterion("credit_rate"))
    calc.amount("credit_expired_total", p.money(total_expired), T(zh="结转期满失效合计", en="Credit expired"), formula="Σ 失效额 ‖ Σ credit expired", cite=carry)
    calc.amount("credit_remaining", p.money(sum((c.remaining for c in credits), Decimal(0))), T(zh="尚可结转的抵免额", en="Credit still carried forward"),
                formula="Σ 未抵免余额 ‖ Σ unused balances", cite=carry)
    calc.amount("recapture", p.money(recapture), T(zh="应补缴已抵免的企业所得税", en="Credit to repay (recapture)"),
                formula="Σ 转让/出租或租赁期满未转移所有权设备已抵免额 ‖ Σ credit used on equipment transferred, leased out, or whose lease ended without title", cite=p.criterion("recapture_years"))
    return calc.result()


NAMES = {"credit_earned_total": ("可抵免", "credit earned"), "credit_used_total": ("已抵免", "used"),
         "credit_expired_total": ("失效", "expired"), "credit_remaining": ("结转", "carried forward"), "recapture": ("补缴", "recapture")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, NAMES,
                               extra=T(zh="专用设备是否列入目录按财税〔2018〕84号、财税〔2017〕71号（种子以外的目录）由个案输入",
                                       en="Catalogue membership (财税〔2018〕84号, 财税〔2017〕71号, outside the seed) is a case input"))
