"""纳税人跨区迁移 — 税总征科发〔2024〕38号.

Applicability: a move of the registered address to another tax district (within the province or to
another one), applied for on or after 2024-09-01.
Evaluation: what happens to the move and to each thing left open — whether the move is processed at
once or after the risk response (二（三）, the lead finding), each unfinished matter (二（一）), the
invoices (二（二）), overpaid tax (二（四）), the rights carried to the new place at their values (三),
and any obstruction by a tax office (forbidden, not carried out, reported). The notice's "限时" limits
are set elsewhere: they are duties, and no date is computed.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T
from .facts import InvoiceMode, MatterChoice, MatterInitiator, MigrationScope, RefundChoice

POLICY_ID = "taxation.cross_region_migration"
S = "cross_region_migration"

SCOPE_TEXT = {MigrationScope.WITHIN_PROVINCE: T(zh="省内跨区迁移", en="a move within the province"),
              MigrationScope.CROSS_PROVINCE: T(zh="跨省迁移", en="a move to another province")}

# 三: the named rights, as (field, zh, en); money fields are carried as amounts
RIGHTS = {
    "credit_rating": ("纳税信用级别", "tax credit rating"),
    "invoice_quota": ("发票额度", "invoice quota"),
    "prepaid_tax": ("预缴税款", "prepaid tax"),
    "loss_carryforward": ("所得税亏损弥补（尚未弥补的亏损）", "income-tax losses still to be carried forward"),
    "general_taxpayer": ("增值税一般纳税人资格", "general VAT taxpayer status"),
    "uncredited_input_vat": ("未抵扣增值税进项税额", "input VAT not yet credited"),
}
MONEY_RIGHTS = ("invoice_quota", "prepaid_tax", "loss_carryforward", "uncredited_input_vat")

OBSTACLE_TEXT = {
    "assisted_blocking": T(zh="税务机关协助阻拦纳税人正常迁移（严禁）", en="The tax office helped to block a normal move (forbidden)"),
    "risk_task_to_block": T(zh="税务机关违规发起风险任务阻断迁移（严禁）", en="The tax office raised a risk task to stop the move (forbidden)"),
    "extra_conditions": T(zh="税务机关额外增设条件门槛阻碍迁移（严禁）", en="The tax office added conditions or thresholds to hinder the move (forbidden)"),
    "blocking_document": T(zh="存在违规阻碍跨区迁移的文件或要求（一律不得执行）", en="A document or demand hinders the move (not to be carried out)"),
}


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    m = case.cross_region_migration
    p = Params(params, ctx.known_at)
    c = Conditions(ctx.trace)
    start = p.criterion("in_force.from")
    c.check("in_force", T(zh=f"于 {start.value} 起（含当日）申请迁移", en=f"Applied to move on or after {start.value}"),
            None if m.applied_on is None else m.applied_on >= start.value, facts={f"{S}.applied_on": m.applied_on},
            cite=start, note=p.reading("in_force.from"))
    c.check("cross_district", T(zh="迁往其他税务管辖区（省内跨区或跨省）", en="A move to another tax district (within the province or to another province)"),
            None if m.scope is None else m.scope.value in p.criterion("scope.kinds").value, facts={f"{S}.scope": m.scope},
            cite=p.criterion("scope.kinds"))
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    m = case.cross_region_migration
    p = Params(params, ctx.known_at)
    calc = Calculation(ctx.trace)
    _route(m, p, calc)
    _guidance(m, p, calc)
    _pending(m, p, calc)
    _invoices(m, p, calc)
    _refund(m, p, calc)
    _continuity(m, p, calc)
    _obstruction(m, p, calc)
    return calc.result()


def _route(m, p: Params, calc: Calculation) -> None:
    """二（三）: at once when every open risk task is low; after the risk response when one is medium or high."""
    low, high = p.criterion("risk.low"), p.criterion("risk.medium_high")
    levels = [t.level for t in m.risk_tasks]
    for i, t in enumerate(m.risk_tasks):
        key = t.id or str(i + 1)
        path = f"{S}.risk_tasks[{i}].level"
        if t.level is None:
            calc.need(path)
        elif t.level.value in low.value:
            calc.finding(f"risk.{key}", FindingStatus.INFO, T(zh=f"风险任务 {key}（低风险）推送至迁入地税务机关继续处理",
                                                               en=f"Risk task {key} (low risk) goes to the new tax office to be dealt with there"),
                         facts={path: t.level}, cite=low)
        else:
            calc.finding(f"risk.{key}", FindingStatus.DUTY, T(zh=f"风险任务 {key}（{'中' if t.level.value == 'medium' else '高'}风险）：税务机关按规定限时完成风险应对",
                                                               en=f"Risk task {key} ({t.level.value} risk): the tax office completes the risk response within the time limit of the rules"),
                         facts={path: t.level}, cite=high, detail=p.reading("risk.medium_high"))
    facts = {f"{S}.risk_tasks[].level": ", ".join(lv.value for lv in levels if lv is not None) or None}
    if any(lv is not None and lv.value in high.value for lv in levels):
        calc.finding("migration", FindingStatus.INFO, T(zh="迁移手续在中、高风险任务的风险应对限时完成后及时办理",
                                                        en="The move is processed promptly once the medium- or high-risk tasks' response is completed"),
                     facts=facts, cite=high)
    elif any(lv is None for lv in levels):
        calc.finding("migration", FindingStatus.UNKNOWN, T(zh="风险任务等级未给出：无法判断迁移手续能否即时办理",
                                                           en="A risk task's level is not given: whether the move is processed at once cannot be told"),
                     facts=facts, cite=low)
    else:
        calc.finding("migration", FindingStatus.INFO,
                     T(zh="迁移手续即时办理" + ("，低风险任务推送至迁入地继续处理" if levels else "（无未完成风险任务）"),
                       en="The move is processed at once" + (", the low-risk tasks going to the new tax office" if levels else " (no unfinished risk task)")),
                     facts=facts, cite=low)


def _guidance(m, p: Params, calc: Calculation) -> None:
    """一: the push of the migration guide, and the staff's prompt when matters are open."""
    if m.address_change_registered:
        calc.finding("guidance", FindingStatus.DUTY, T(zh="税务机关根据共享的跨区住所变更登记信息，主动推送跨区迁移涉税事项办理指引",
                                                       en="The tax office pushes the migration guide, on the shared record of the change of address"),
                     facts={f"{S}.address_change_registered": True}, cite=p.criterion("guidance.push"))
    if m.pending_matters:
        calc.finding("staff_prompt", FindingStatus.DUTY, T(zh="未办结涉税事项同步推送税务人员限时办理提示，督促限时办结",
                                                           en="The open matters are pushed to the tax staff with a prompt to finish them within a time limit"),
                     facts={f"{S}.pending_matters": len(m.pending_matters)}, cite=p.criterion("guidance.staff_prompt"))


def _pending(m, p: Params, calc: Calculation) -> None:
    """二（一）: each unfinished matter by who started it and the taxpayer's answer."""
    own, ex_officio = p.criterion("pending.taxpayer_matter"), p.criterion("pending.ex_officio_matter")
    for i, mt in enumerate(m.pending_matters):
        key = mt.id or str(i + 1)
        base = f"{S}.pending_matters[{i}]"
        facts = {f"{base}.initiated_by": mt.initiated_by, f"{base}.choice": mt.choice}
        if mt.initiated_by is None:
            calc.need(f"{base}.initiated_by")
            calc.finding(f"matter.{key}", FindingStatus.UNKNOWN, T(zh=f"未办结事项 {key}：未给出由谁发起", en=f"Open matter {key}: who started it is not given"),
                         facts=facts, cite=own)
        elif mt.initiated_by is MatterInitiator.TAX_OFFICE:
            calc.finding(f"matter.{key}", FindingStatus.DUTY, T(zh=f"未办结事项 {key}（税务机关依职权发起）：按规定限时办结",
                                                                en=f"Open matter {key} (started by the tax office): finished within the time limits of the rules"),
                         facts=facts, cite=ex_officio)
        elif mt.choice is MatterChoice.STOP:
            calc.finding(f"matter.{key}", FindingStatus.INFO, T(zh=f"未办结事项 {key}：纳税人选择不再办理，税务机关立即终结该事项",
                                                                en=f"Open matter {key}: the taxpayer stops it, and the tax office ends it at once"),
                         facts=facts, cite=own)
        elif mt.choice is MatterChoice.CONTINUE:
            calc.finding(f"matter.{key}", FindingStatus.DUTY, T(zh=f"未办结事项 {key}：纳税人选择继续办理，税务机关应限时办结",
                                                                en=f"Open matter {key}: the taxpayer goes on with it, and the tax office must finish it within a time limit"),
                         facts=facts, cite=own, detail=p.reading("pending.taxpayer_matter"))
        else:
            calc.finding(f"matter.{key}", FindingStatus.DUTY, T(zh=f"未办结事项 {key}：纳税人确认是否继续办理（系统即时推送确认）",
                                                                en=f"Open matter {key}: the taxpayer answers whether it goes on with it (asked at once)"),
                         facts=facts, cite=own)


def _invoices(m, p: Params, calc: Calculation) -> None:
    """二（二）: the e-invoice quota moves by itself; a tax-control device is changed or deregistered online."""
    if InvoiceMode.FULLY_DIGITAL in m.invoice_modes:
        calc.finding("invoice_quota_moves", FindingStatus.INFO, T(zh="数电发票额度由信息系统自动转至迁入地", en="The fully digital e-invoice quota moves to the new place automatically"),
                     facts={f"{S}.invoice_modes": "fully_digital"}, cite=p.criterion("invoices.fully_digital"))
    if InvoiceMode.TAX_CONTROL_DEVICE in m.invoice_modes:
        facts = {f"{S}.invoice_modes": "tax_control_device", f"{S}.scope": m.scope}
        if m.scope is MigrationScope.WITHIN_PROVINCE:
            calc.finding("device_online_change", FindingStatus.INFO,
                         T(zh="省内迁移：可线上变更税控设备信息，无需在迁出地税务机关缴销税控设备",
                           en="Within the province: the tax-control device's details may be changed online; no surrender at the old tax office"),
                         facts=facts, cite=p.criterion("invoices.device_within_province"))
        else:
            calc.finding("device_remote_deregistration", FindingStatus.INFO,
                         T(zh="跨省迁移：可线上远程注销税控设备，直接向迁入地税务机关领用税控设备，或使用数电发票",
                           en="To another province: the device may be deregistered online, then a device obtained from the new tax office, or fully digital e-invoices used"),
                         facts=facts, cite=p.criterion("invoices.device_cross_province"))


def _refund(m, p: Params, calc: Calculation) -> None:
    """二（四）: overpaid tax — refunded before the move within a time limit, or after it with the office's help."""
    if not m.overpaid_tax:
        return
    rule = p.criterion("refund.choice")
    calc.amount("overpaid_tax", p.money(m.overpaid_tax), T(zh="多缴税款（由税务机关退还纳税人，信息系统自动提醒办理退税）", en="Overpaid tax (refunded by the tax authority to the taxpayer; the system reminds the taxpayer to claim it)"),
                facts={f"{S}.overpaid_tax": m.overpaid_tax}, cite=rule)
    facts = {f"{S}.refund_choice": m.refund_choice}
    if m.refund_choice is RefundChoice.BEFORE_MIGRATION:
        calc.finding("refund", FindingStatus.DUTY, T(zh="纳税人选择迁移前退税：税务机关应限时办理", en="Refund before the move: the tax office must handle it within a time limit"),
                     facts=facts, cite=rule)
    elif m.refund_choice is RefundChoice.AFTER_MIGRATION:
        calc.finding("refund", FindingStatus.DUTY, T(zh="纳税人选择暂不退税：税务机关辅导其在迁移后办理退税", en="No refund for now: the tax office helps the taxpayer claim it after the move"),
                     facts=facts, cite=rule)
    else:
        calc.finding("refund", FindingStatus.DUTY, T(zh="纳税人选择迁移前退税或暂不退税", en="The taxpayer chooses a refund before the move or later"),
                     facts=facts, cite=rule)


def _continuity(m, p: Params, calc: Calculation) -> None:
    """三: the named rights continue at the new place at their values at the old one."""
    rule = p.criterion("continuity.rights")
    carried = []
    for name in rule.value:
        value = getattr(m, name)
        if value is None:
            continue
        zh, en = RIGHTS[name]
        carried.append(T(zh=zh, en=en))
        path = f"{S}.{name}"
        if name in MONEY_RIGHTS:
            calc.amount(f"carried.{name}", p.money(value), T(zh=f"迁入地延续的{zh}", en=f"Continuing at the new place: {en}"),
                        formula=f"迁出地 {value} → 迁入地 {value} ‖ old place {value} → new place {value}", facts={path: value}, cite=rule)
        elif name == "general_taxpayer":
            calc.info(f"carried.{name}", T(zh=f"{zh}：{'延续' if value else '迁移前非一般纳税人，无资格可延续'}",
                                           en=f"{en[0].upper()}{en[1:]}: {'continues' if value else 'not held before the move, so nothing to continue'}"),
                      facts={path: value}, cite=rule)
        else:
            calc.info(f"carried.{name}", T(zh=f"{zh}在迁入地延续：{value}", en=f"{en[0].upper()}{en[1:]} continues at the new place: {value}"),
                      facts={path: value}, cite=rule)
    calc.finding("rights_continue", FindingStatus.DUTY,
                 T(zh="迁入地税务机关提供“一站式”迁入服务，保障" + ("、".join(t.zh for t in carried) or "纳税信用级别、发票额度等") + "等权益和资质延续",
                   en="The new tax office gives a one-stop service and keeps in force the " + (", ".join(t.en for t in carried) or "credit rating, invoice quota") + " and similar rights and qualifications"),
                 cite=rule, detail=p.reading("continuity.rights"))
    left_open = any(mt.initiated_by is MatterInitiator.TAX_OFFICE or mt.choice is not MatterChoice.STOP for mt in m.pending_matters)
    if left_open or m.refund_choice is RefundChoice.AFTER_MIGRATION:
        calc.finding("help_after_move", FindingStatus.DUTY, T(zh="迁入地税务机关及时辅导纳税人办理迁移前未办结的涉税事项",
                                                              en="The new tax office promptly helps the taxpayer finish the matters left open before the move"),
                     cite=p.criterion("continuity.unfinished"))


def _obstruction(m, p: Params, calc: Calculation) -> None:
    """三 (closing paragraphs): obstruction is forbidden; a blocking document is not carried out and is reported."""
    if not m.obstacles:
        return
    prohibited, not_executed = p.criterion("obstruction.prohibited"), p.criterion("obstruction.not_executed")
    for ob in dict.fromkeys(m.obstacles):
        calc.finding(f"obstruction.{ob.value}", FindingStatus.NOT_MET, OBSTACLE_TEXT[ob.value], facts={f"{S}.obstacles": ob},
                     cite=prohibited if ob.value in prohibited.value else not_executed)
    calc.finding("obstruction_reported", FindingStatus.DUTY,
                 T(zh="违规阻碍跨区迁移的文件和要求一律不得执行，并及时向上级税务机关报告",
                   en="A document or demand hindering the move is not carried out, and is reported to the higher tax office at once"),
                 cite=not_executed)
    calc.finding("obstruction_accountability", FindingStatus.INFO,
                 T(zh="违规设置障碍的税务机关及相关责任人员依规依纪严肃处理", en="The tax office and officials who put obstacles in the way are dealt with severely"),
                 cite=p.criterion("obstruction.accountability"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang, lead=("migration",), names={"overpaid_tax": ("多缴税款", "overpaid tax")},
                       note=T(zh="本通知所称“限时”的具体时限不在本通知中：仅列为义务，不计算日期",
                              en="The time limits (“限时”) the notice refers to are set elsewhere: listed as duties, no date computed"))
