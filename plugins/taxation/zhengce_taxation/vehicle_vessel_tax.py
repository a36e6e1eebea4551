"""车船税优惠的节能、新能源汽车技术要求及目录过渡 — 工业和信息化部 财政部 税务总局公告2024年第10号.

Which technical requirements a model's application follows (by the day the
application was completed), whether the model is in the new catalogue (batch
65 on, or moved automatically from batches 4–64 when it meets the new
requirements), and whether a vehicle keeps the relief (acquired before the new
catalogue was published, transferred or not).  The relief itself (减免 levels)
is in 财税〔2018〕74号, outside the seed: no amount is computed.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, summary_explanation

POLICY_ID = "taxation.vehicle_vessel_tax_catalogue_transition"
S = "vehicle_vessel_tax_relief"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    v = case.vehicle_vessel_tax_relief
    p = Params(params, ctx.known_at)
    conds = Conditions()
    first = p.criterion("old_catalogue.first_batch")
    conds.check("catalogue_batch", T(zh=f"车型列入第{first.value}批及以后的《目录》", en=f"The model is listed in catalogue batch {first.value} or later"),
                None if v.catalogue_batch is None else v.catalogue_batch >= first.value,
                facts={f"{S}.catalogue_batch": v.catalogue_batch}, cite=first)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    v = case.vehicle_vessel_tax_relief
    p = Params(params, ctx.known_at)
    calc = Calculation()
    eff = p.criterion("effective_from")
    # 1. which technical requirements the model's application follows
    day = v.application_completed_on
    if day is None:
        calc.need(f"{S}.application_completed_on")
        calc.finding("requirements", FindingStatus.UNKNOWN, T(zh="适用的技术要求：申请完成日未知", en="Applicable technical requirements: application day unknown"),
                     facts={f"{S}.application_completed_on": None}, cite=eff)
    elif day < eff.value:
        rule = p.criterion("regime.before")
        calc.finding("requirements", FindingStatus.INFO, T(zh=f"{eff.value} 前完成申请：技术要求按 {rule.value}", en=f"Completed before {eff.value}: requirements of {rule.value}"),
                     facts={f"{S}.application_completed_on": day}, cite=rule, detail=p.reading("effective_from"))
    else:
        rule = p.criterion("regime.after")
        calc.finding("requirements", FindingStatus.INFO, T(zh=f"{eff.value} 起完成申请：技术要求按 {rule.value}，符合条件的列入新《目录》",
                                                           en=f"Completed on or after {eff.value}: requirements of this notice (its attachments 1–4); qualifying models enter the new catalogue"),
                     facts={f"{S}.application_completed_on": day}, cite=rule, detail=p.reading("effective_from"))
    # 2. new-catalogue membership
    new_first = p.criterion("new_catalogue.first_batch")
    old_last = p.criterion("old_catalogue.last_batch")
    batch = v.catalogue_batch
    if batch >= new_first.value:
        in_new = True
        calc.finding("new_catalogue", FindingStatus.MET, T(zh=f"车型列入新《目录》（第{batch}批，新《目录》自第{new_first.value}批开始）",
                                                           en=f"The model is in the new catalogue (batch {batch}; it starts at {new_first.value})"),
                     facts={f"{S}.catalogue_batch": batch}, cite=new_first)
    else:
        rule = p.criterion("old_catalogue.auto_transfer")
        in_new = v.meets_2024_requirements
        status = {True: FindingStatus.MET, False: FindingStatus.NOT_MET, None: FindingStatus.UNKNOWN}[in_new]
        detail = None
        if in_new is False:
            rule = p.criterion("old_catalogue.rectify_by")
            detail = T(zh=f"不符合本公告技术要求：应于 {rule.value} 前完成整改，整改符合要求的可申请列入新《目录》",
                       en=f"Does not meet the new requirements: rectify before {rule.value}, then apply for the new catalogue")
        elif in_new is None:
            calc.need(f"{S}.meets_2024_requirements")
        calc.finding("new_catalogue", status, T(zh=f"原《目录》第{batch}批车型符合本公告技术要求，自动转入新《目录》",
                                                en=f"Batch {batch} (old catalogue, ≤ {old_last.value}) model meets the new requirements and moves to the new catalogue"),
                     facts={f"{S}.catalogue_batch": batch, f"{S}.meets_2024_requirements": v.meets_2024_requirements}, cite=rule, detail=detail)
    # 3. the vehicle's relief
    grand = p.criterion("grandfathering")
    label = T(zh="该车辆可继续享受车船税减免优惠（减免标准见财税〔2018〕74号）", en="The vehicle keeps the vehicle and vessel tax relief (levels in 财税〔2018〕74号)")
    facts = {f"{S}.vehicle_acquired_on": v.vehicle_acquired_on, f"{S}.new_catalogue_published_on": v.new_catalogue_published_on,
             f"{S}.transferred": v.transferred}
    if in_new:
        calc.finding("relief", FindingStatus.MET, label, facts={f"{S}.catalogue_batch": batch}, cite=new_first,
                     detail=T(zh="车型在新《目录》内", en="the model is in the new catalogue"))
    elif v.vehicle_acquired_on is None or v.new_catalogue_published_on is None:
        if v.vehicle_acquired_on is None:
            calc.need(f"{S}.vehicle_acquired_on")
        if v.new_catalogue_published_on is None:
            calc.need(f"{S}.new_catalogue_published_on")
        calc.finding("relief", FindingStatus.UNKNOWN, label, facts=facts, cite=grand)
    else:
        ok = v.vehicle_acquired_on < v.new_catalogue_published_on
        calc.finding("relief", FindingStatus.MET if ok else FindingStatus.NOT_MET, label, facts=facts, cite=grand,
                     detail=T(zh=("新《目录》公告前已取得，不论是否转让均继续享受" if ok else "新《目录》公告当日或之后取得，且车型未转入新《目录》"),
                              en=("acquired before the new catalogue was published: relief continues, transferred or not" if ok
                                  else "acquired on or after the new catalogue's publication and the model is not in it")))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    ev = result.evaluation
    extra = None
    if ev is not None and ev.finding("relief") is not None:
        st = ev.finding("relief").status.value
        extra = T(zh=f"车船税减免：{ {'met': '继续享受', 'not_met': '不再享受', 'unknown': '无法判断'}.get(st, st)}；减免标准见财税〔2018〕74号（种子未载）",
                  en=f"Relief: { {'met': 'continues', 'not_met': 'lost', 'unknown': 'cannot tell'}.get(st, st)}; the relief levels are in 财税〔2018〕74号 (not in the seed)")
    return summary_explanation(result, title, lang, {}, extra=extra)
