"""2024年度享受增值税加计抵减政策的先进制造业企业名单 — 工信厅联财函〔2024〕248号.

A checklist: every criterion to enter the 2024 list (HNTE status in 2024, general
taxpayer, 2023 manufacturing sales > 50% with outsourcing excluded and processing
fees counted, an application on days 1–10 of an open month), each unmet one named
(as a ``not_met`` condition); branches (五: aggregated under consolidated VAT filing, else
judged one by one) and changes (七: apply only after the HNTE record is updated; a relocated
firm applies again where it moved to).  Evaluation: the benefit period, the suspension of
2023-list firms and, when the case gives the rate of 公告2023年第43号, the credit.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, summary_explanation

POLICY_ID = "taxation.advanced_manufacturer_vat_superdeduction_list_2024"
S = "advanced_manufacturer_list_2024"
SHARE_PLACES = Decimal("0.0001")


def _share(total: Decimal | None, manu: Decimal | None, fees: Decimal | None, bound: Decimal) -> tuple[bool | None, Text | None]:
    """Manufacturing share strictly above ``bound`` (二（一）（二）), with the arithmetic as a note."""
    if total is None or manu is None or not total:
        return None, None
    share = (manu + (fees or Decimal(0))) / total
    shown = pct(share.quantize(SHARE_PLACES))
    return share > bound, T(zh=f"({manu} + 加工费 {fees or 0}) / {total} = {shown}", en=f"({manu} + processing fees {fees or 0}) / {total} = {shown}")


def _sum(values) -> Decimal | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values, Decimal(0))


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    a = case.advanced_manufacturer_list_2024
    p = Params(params, ctx.known_at)
    c = Conditions()
    hnte = p.criterion("hnte")
    c.check("hnte_2024", T(zh="2024年内具备高新技术企业资格", en="High-and-new-tech enterprise status in 2024"),
            None if a.hnte_status is None else a.hnte_status.value in hnte.value, facts={f"{S}.hnte_status": a.hnte_status}, cite=hnte)
    rule = p.criterion("general_taxpayer")
    c.check("general_taxpayer", T(zh="增值税一般纳税人", en="A general VAT taxpayer"), a.general_taxpayer,
            facts={f"{S}.general_taxpayer": a.general_taxpayer}, cite=rule)
    share_rule = p.criterion("manufacturing_share")
    branches = a.branches or ()
    consolidated = False
    if branches:
        rule = p.criterion("branch.filing")
        c.check("head_office_manufacturing", T(zh="总公司所属行业为制造业（分支机构申请的前提）", en="The head office is in manufacturing (required for branch applications)"),
                a.head_office_manufacturing, facts={f"{S}.head_office_manufacturing": a.head_office_manufacturing}, cite=rule)
        consolidated = a.vat_consolidated_filing
    share_facts = {f"{S}.sales_2023_total": a.sales_2023_total, f"{S}.manufacturing_sales_2023": a.manufacturing_sales_2023,
                   f"{S}.processing_fees_2023": a.processing_fees_2023}
    if branches and consolidated is None:
        c.check("manufacturing_share", T(zh="制造业销售额占比：是否增值税汇总纳税未知，无法确定计算口径（五）",
                                         en="Manufacturing share: consolidated VAT filing unknown, so the basis of the share is unknown (五)"),
                None, facts={f"{S}.vat_consolidated_filing": None}, cite=p.criterion("branch.consolidated"))
    elif consolidated:
        total = _sum([a.sales_2023_total] + [b.sales_2023_total for b in branches])
        manu = _sum([a.manufacturing_sales_2023] + [b.manufacturing_sales_2023 for b in branches])
        fees = sum((x for x in [a.processing_fees_2023] + [b.processing_fees_2023 for b in branches] if x is not None), Decimal(0))
        met, note = _share(total, manu, fees, share_rule.value)
        gaps = [path for path, v in share_facts.items() if v is None and not path.endswith("processing_fees_2023")]
        gaps += [f"{S}.branches[{i}].{f}" for i, b in enumerate(branches) for f in ("sales_2023_total", "manufacturing_sales_2023")
                 if getattr(b, f) is None]
        c.check("manufacturing_share", T(zh=f"总公司汇总（含分支机构）2023年制造业销售额占比超过 {pct(share_rule.value)}",
                                         en=f"2023 manufacturing share of head office and branches together above {pct(share_rule.value)}"),
                met, facts=share_facts, cite=p.criterion("branch.consolidated"), missing=gaps if met is None else None,
                note=note or p.reading("branch.consolidated"))
    else:
        met, note = _share(a.sales_2023_total, a.manufacturing_sales_2023, a.processing_fees_2023, share_rule.value)
        c.check("manufacturing_share", T(zh=f"2023年制造业销售额占全部销售额比重超过 {pct(share_rule.value)}（委托加工不计入，受托加工费计入）",
                                         en=f"2023 manufacturing sales above {pct(share_rule.value)} of all sales (outsourced excluded, processing fees counted)"),
                met, facts=share_facts, cite=share_rule, note=note or p.reading("manufacturing_share"))
    kinds = p.criterion("change.kinds")
    if a.change_kind is not None and a.change_kind.value in kinds.value:
        rule = p.criterion("change.apply_after_update")
        ok = None if a.change_info_updated_on is None or a.applied_on is None else a.applied_on >= a.change_info_updated_on
        c.check("change_recorded_before_application", T(zh="在高新技术企业认定管理工作网完成信息变更后再申请", en="Applied after the change was recorded on the HNTE website"),
                ok, facts={f"{S}.change_kind": a.change_kind, f"{S}.change_info_updated_on": a.change_info_updated_on, f"{S}.applied_on": a.applied_on},
                cite=rule, note=p.reading("change.apply_after_update"))
        if a.change_kind.value == "relocation":
            rule = p.criterion("change.relocation")
            c.check("relocation_reapplied", T(zh="整体迁移后在迁入地重新申报", en="After relocation, applied again where the firm moved to"),
                    a.applied_in_new_location, facts={f"{S}.applied_in_new_location": a.applied_in_new_location}, cite=rule)
    start = p.criterion("apply.existing_from" if a.on_2023_list else "apply.new_from")
    last_day, until = p.criterion("apply.last_day_of_month_window"), p.criterion("apply.until")
    d = a.applied_on
    ok = None if d is None or a.on_2023_list is None else (start.value <= d <= until.value and d.day <= last_day.value)
    c.check("application_window", T(zh=f"于 {start.value} 起每月1日至{last_day.value}日、{until.value} 前（含）提交申请",
                                     en=f"Applied on days 1–{last_day.value} of a month from {start.value} to {until.value} inclusive"),
            ok, facts={f"{S}.applied_on": d, f"{S}.on_2023_list": a.on_2023_list}, cite=start)
    return c.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    a = case.advanced_manufacturer_list_2024
    p = Params(params, ctx.known_at)
    calc = Calculation()
    start = p.criterion("benefit.from")
    calc.date("benefit_from", start.value, T(zh="享受政策起始日", en="Benefit from"), cite=start)
    until = p.criterion("benefit.until_expired" if a.hnte_status.value == "expired_not_renewed" else "benefit.until_long")
    calc.date("benefit_until", until.value, T(zh="享受政策截止日（含当日）", en="Benefit until (inclusive)"), facts={f"{S}.hnte_status": a.hnte_status}, cite=until)
    if a.on_2023_list:
        rule = p.criterion("suspended_from")
        calc.date("suspended_from", rule.value, T(zh="2023年度名单企业暂停享受之日（待列入2024年度名单）", en="2023-list firms suspended from (until on the 2024 list)"), cite=rule)
    branches = a.branches or ()
    if branches:
        calc.finding("branch_filing", FindingStatus.DUTY, T(zh="分支机构的相关信息由总公司一并填报", en="The head office files its branches' information together with its own"),
                     cite=p.criterion("branch.filing"))
        if a.vat_consolidated_filing:
            rule = p.criterion("branch.consolidated")
            for i, b in enumerate(branches):
                calc.finding(f"branch:{b.branch_id or i + 1}", FindingStatus.INFO,
                             T(zh="增值税汇总纳税：分支机构不单独享受政策，其销售额计入总公司汇总计算", en="Consolidated VAT filing: the branch does not benefit separately; its sales count in the head office's aggregate"),
                             cite=rule)
        else:
            rule, share_rule = p.criterion("branch.separate"), p.criterion("manufacturing_share")
            for i, b in enumerate(branches):
                met, note = _share(b.sales_2023_total, b.manufacturing_sales_2023, b.processing_fees_2023, share_rule.value)
                checks = [b.manufacturing, b.general_taxpayer, met]
                status = (FindingStatus.NOT_MET if False in checks else FindingStatus.UNKNOWN if None in checks else FindingStatus.MET)
                calc.finding(f"branch:{b.branch_id or i + 1}", status,
                             T(zh=f"分别计算：分支机构属制造业、为一般纳税人且制造业销售额占比超过 {pct(share_rule.value)}",
                               en=f"Judged separately: the branch is in manufacturing, a general taxpayer and above {pct(share_rule.value)} manufacturing sales"),
                             detail=note or p.reading("branch.separate"),
                             facts={f"{S}.branches[{i}].manufacturing": b.manufacturing, f"{S}.branches[{i}].general_taxpayer": b.general_taxpayer,
                                    f"{S}.branches[{i}].sales_2023_total": b.sales_2023_total,
                                    f"{S}.branches[{i}].manufacturing_sales_2023": b.manufacturing_sales_2023}, cite=rule)
                if status is FindingStatus.UNKNOWN:
                    calc.need(*[f"{S}.branches[{i}].{f}" for f in ("manufacturing", "general_taxpayer", "sales_2023_total", "manufacturing_sales_2023")
                                if getattr(b, f) is None])
    kinds = p.criterion("change.kinds")
    if a.change_kind is not None and a.change_kind.value in kinds.value:
        calc.finding("change_review", FindingStatus.DUTY,
                     T(zh="向所在地高新技术企业认定管理机构报告并办理手续，向地方工信主管部门说明情况、提供证明材料；是否继续符合条件由四部门确定",
                       en="Report to the HNTE certification body, explain to the local MIIT authority with evidence; the authorities decide whether the firm still qualifies"),
                     facts={f"{S}.change_kind": a.change_kind}, cite=p.criterion("change.review"))
    if a.conditions_failed_on is not None:  # 八: from the month the conditions failed
        rule = p.criterion("supervision.stop_from_month")
        calc.date("benefit_stops_from", a.conditions_failed_on.replace(day=1), T(zh="不再享受政策之日（不符合政策条件之月1日起）", en="Benefit stops from (the first day of the month the conditions failed)"),
                  formula=f"{a.conditions_failed_on} → {a.conditions_failed_on:%Y-%m}-01", facts={f"{S}.conditions_failed_on": a.conditions_failed_on},
                  cite=rule)
        calc.finding("benefit_stops", FindingStatus.DUTY, T(zh="自不符合政策条件之月起不再享受加计抵减", en="No super credit from the month the conditions failed"),
                     facts={f"{S}.conditions_failed_on": a.conditions_failed_on}, cite=rule, detail=p.reading("supervision.stop_from_month"))
    if a.false_information_found:
        calc.finding("false_information", FindingStatus.DUTY,
                     T(zh="以虚假信息获得减免税资格：税务部门追缴已享受的减免税款，并按税收征收管理法处理",
                       en="Benefit obtained with false information: the tax authority recovers the relief enjoyed and acts under the Tax Collection Law"),
                     facts={f"{S}.false_information_found": True}, cite=p.criterion("supervision.false_information"))
    if a.creditable_input_vat is not None and a.credit_rate is not None:
        calc.amount("super_credit", p.money(a.creditable_input_vat * a.credit_rate), T(zh="加计抵减额（比例见财政部 税务总局公告2023年第43号，个案输入）",
                                                                                       en="Super credit (rate from 公告2023年第43号, a case input)"),
                    formula=f"{a.creditable_input_vat} × {pct(a.credit_rate)}", facts={f"{S}.credit_rate": a.credit_rate}, cite=start)
    else:
        calc.finding("super_credit_rate", FindingStatus.INFO, T(zh="加计抵减比例由财政部 税务总局公告2023年第43号规定（种子未载），未提供则不计算",
                                                                en="The credit rate is set by 公告2023年第43号 (not in the seed); not computed without it"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, {"super_credit": ("加计抵减额", "super credit")},
                               extra=T(zh="未满足的条件均在下列步骤中以 ✗ 标出", en="Every unmet criterion is marked ✗ below"))
