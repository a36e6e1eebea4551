"""资源回收企业销售报废产品的增值税计税方法选择 — 国家税务总局公告2024年第5号 九（及八）.

Applicability: may this recycler change its VAT method for scrap-product sales on this day?
Either route suffices (``change_permitted``): the one-off switch of 九 first paragraph (a
general taxpayer that elected the simplified method before the notice switches to the general
method by 2024-07-31), or the end of the 36-month lock of 九 second paragraph on the current
method.  Evaluation: the 36-month lock the new method starts (last locked day, first day a
change is allowed again), the invoice types after the change and the duty to have them adjusted (八).
"""

from __future__ import annotations

from datetime import timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Status, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, add_months, summary_explanation

POLICY_ID = "taxation.recycler_vat_method_election"
S = "recycler_vat_method_election"
GENERAL, SIMPLIFIED = "general", "simplified"
METHOD_ZH = {GENERAL: "一般计税方法", SIMPLIFIED: "简易计税方法"}


def _value(x):
    return None if x is None else x.value


def _routes(case: Case, p: Params, trace: bool) -> tuple[Conditions, Conditions]:
    e = case.recycler_vat_method_election
    current, requested = _value(e.current_method), _value(e.requested_method)
    one_off = Conditions(trace)
    scope, deadline, in_force = p.criterion("one_off.scope"), p.criterion("one_off.deadline"), p.criterion("notice_in_force")
    one_off.check("one_off_general_taxpayer", T(zh="增值税一般纳税人", en="A general VAT taxpayer"), e.general_taxpayer,
                  facts={f"{S}.general_taxpayer": e.general_taxpayer}, cite=scope)
    one_off.check("one_off_from_simplified", T(zh="现适用按规定选择的简易计税方法，改为一般计税方法", en="From an elected simplified method to the general method"),
                  None if current is None or requested is None or e.current_method_by_election is None
                  else (current == SIMPLIFIED and requested == GENERAL and e.current_method_by_election),
                  facts={f"{S}.current_method": e.current_method, f"{S}.requested_method": e.requested_method,
                         f"{S}.current_method_by_election": e.current_method_by_election}, cite=scope)
    one_off.check("one_off_elected_before_notice", T(zh=f"简易计税方法于本公告施行（{in_force.value}）前选择", en=f"The simplified method was elected before the notice applied ({in_force.value})"),
                  None if e.current_method_since is None else e.current_method_since < in_force.value,
                  facts={f"{S}.current_method_since": e.current_method_since}, cite=in_force, note=p.reading("notice_in_force"))
    one_off.check("one_off_deadline", T(zh=f"于 {in_force.value} 至 {deadline.value}（含）改选", en=f"Switching between {in_force.value} and {deadline.value} inclusive"),
                  None if e.change_on is None else in_force.value <= e.change_on <= deadline.value,
                  facts={f"{S}.change_on": e.change_on}, cite=deadline, note=p.reading("one_off.deadline"))
    lock = Conditions(trace)
    lock_name = "lock.simplified_months" if current == SIMPLIFIED else "lock.general_months"
    rule = p.criterion(lock_name)
    if current is None or e.current_method_by_election is None:
        met, note = None, None
    elif not e.current_method_by_election:
        met, note = (None if e.change_on is None else True), T(zh="现行计税方法并非选择或变更而来：九不设锁定期", en="The current method was neither elected nor changed to: 九 sets no lock")
    elif e.current_method_since is None or e.change_on is None:
        met, note = None, None
    else:
        free = add_months(e.current_method_since, rule.value)
        met = e.change_on >= free
        note = T(zh=f"{e.current_method_since} + {rule.value} 个月 = {free} 起可以变更", en=f"{e.current_method_since} + {rule.value} months = change allowed from {free}")
    needed = {f"{S}.current_method": e.current_method, f"{S}.current_method_by_election": e.current_method_by_election, f"{S}.change_on": e.change_on}
    if e.current_method_by_election is not False:
        needed[f"{S}.current_method_since"] = e.current_method_since
    lock.check("lock_36_months", T(zh=f"现行计税方法的 {rule.value} 个月锁定期已届满", en=f"The {rule.value}-month lock on the current method has ended"),
               met, facts={f"{S}.current_method": e.current_method, f"{S}.current_method_by_election": e.current_method_by_election,
                           f"{S}.current_method_since": e.current_method_since, f"{S}.change_on": e.change_on},
               missing=[k for k, v in needed.items() if v is None], cite=rule, note=note or p.reading(lock_name))
    return one_off, lock


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    e = case.recycler_vat_method_election
    p = Params(params, ctx.known_at)
    c = Conditions(ctx.trace)
    current, requested = _value(e.current_method), _value(e.requested_method)
    c.check("method_changes", T(zh="申请的计税方法与现行方法不同", en="The requested method differs from the current one"),
            None if current is None or requested is None else current != requested,
            facts={f"{S}.current_method": e.current_method, f"{S}.requested_method": e.requested_method}, cite=p.criterion("lock.simplified_months"))
    one_off, lock = _routes(case, p, ctx.trace)
    c.any_of("change_permitted", T(zh="可以变更：一次性改选（九第一款）或锁定期届满（九第二款）", en="Change allowed: the one-off switch (九 ¶1) or the lock has ended (九 ¶2)"),
             [one_off, lock], cite=p.criterion("one_off.scope"))
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    e = case.recycler_vat_method_election
    p = Params(params, ctx.known_at)
    calc = Calculation(ctx.trace)
    one_off, _ = _routes(case, p, False)
    requested = e.requested_method.value
    if one_off.status is Status.APPLIES:
        deadline = p.criterion("one_off.deadline")
        months = p.criterion("lock.simplified_months").value
        calc.finding("one_off_switch", FindingStatus.MET, T(zh=f"依九第一款一次性改为一般计税方法（不受简易计税{months}个月锁定期限制）",
                                                           en=f"The one-off switch to the general method of 九 ¶1 (outside the simplified method's {months}-month lock)"),
                     facts={f"{S}.change_on": e.change_on}, cite=deadline)
        calc.date("one_off_deadline", deadline.value, T(zh="一次性改选截止日（含当日）", en="Last day of the one-off switch (inclusive)"), cite=deadline)
    rule = p.criterion("lock.simplified_months" if requested == SIMPLIFIED else "lock.general_months")
    free = add_months(e.change_on, rule.value)
    label_zh = f"{rule.value}个月内不得变更" if requested == SIMPLIFIED else f"{rule.value}个月内不得再选择简易计税方法"
    calc.date("new_method_locked_until", free - timedelta(days=1),
              T(zh=f"改为{METHOD_ZH[requested]}后锁定期最后一日（{rule.value}个月，含当日）", en=f"Last locked day of the new {requested} method ({rule.value} months, inclusive)"),
              formula=f"{e.change_on} + {rule.value} 个月 − 1 日", facts={f"{S}.change_on": e.change_on, f"{S}.requested_method": e.requested_method}, cite=rule)
    calc.date("earliest_next_change", free, T(zh=f"最早可再次变更之日（{label_zh}）", en="First day the method may be changed again"),
              formula=f"{e.change_on} + {rule.value} 个月", cite=rule)
    types = p.criterion("invoice.types")
    allowed = [t.split(":")[1] for t in types.value if t.startswith(f"{requested}:")]
    zh_types = "、".join({"special": "增值税专用发票", "ordinary": "普通发票"}[t] for t in allowed)
    calc.finding("invoice_types_after", FindingStatus.INFO, T(zh=f"变更后可反向开具：{zh_types}", en=f"Reverse invoices allowed after the change: {', '.join(allowed)}"),
                 facts={f"{S}.requested_method": e.requested_method}, cite=types)
    calc.finding("invoice_types_adjustment", FindingStatus.DUTY, T(zh="申请对“反向开票”的票种进行调整", en="Apply to have the reverse-invoice types adjusted"),
                 cite=p.criterion("invoice.adjust_types"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, {},
                               extra=T(zh="两条路径（一次性改选、锁定期届满）满足其一即可；计税方法本身的规定见增值税有关规定（种子未载）",
                                       en="Either route (the one-off switch or the end of the lock) suffices; the VAT methods themselves are set by VAT rules outside the seed"))
