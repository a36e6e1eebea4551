"""药品经营许可的条件与监管 — 国家药监局公告2024年第48号.

The licensing conditions of new wholesalers (own warehouse) and retailers (pharmacists, unless they
sell Class-B OTC drugs only; extra capacity for blood products and cell therapies), the scope and
mode labels, vending machines (Class-B OTC only, address on the licence), the authority's 10-day
upload of licensing matters, the bar on deregistration while a case is open, and warehouses in
another province.  Each item the facts bear on is a finding.
"""

from __future__ import annotations

from datetime import timedelta

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, all_of, finding_status

from . import common
from .common import Params, T, flag
from .complaints import kept
from .facts import DrugBusiness, DrugLicensing

POLICY_ID = "consumer.drug_retail_licensing_checks"
PATH = "drug_licensing"
RETAILERS = (DrugBusiness.RETAIL, DrugBusiness.RETAIL_CHAIN_HQ)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    s = case.drug_licensing
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.check("drug_business", T(zh="药品经营企业（批发、零售或者零售连锁总部）", en="A drug wholesaler, retailer or retail chain headquarters"),
                None if s.kind is None else True, facts={f"{PATH}.kind": s.kind}, cite=p("upload.days"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    s = case.drug_licensing
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if s.new_application and s.kind is DrugBusiness.WHOLESALE:
        own = all_of(s.own_warehouse, s.warehouse_run_by_own_staff)
        calc.finding("own_warehouse", finding_status(own), p.label("wholesale.own_warehouse"),
                     facts={f"{PATH}.own_warehouse": s.own_warehouse, f"{PATH}.warehouse_run_by_own_staff": s.warehouse_run_by_own_staff},
                     cite=p("wholesale.own_warehouse"))
    if s.kind in RETAILERS:
        _retail(s, p, calc)
    if s.sells_cold_chain:
        flag(calc, p, "scope_cold_chain", "scope.cold_chain", s.scope_marks_cold_chain, met_when=True,
             facts={f"{PATH}.sells_cold_chain": True, f"{PATH}.scope_marks_cold_chain": s.scope_marks_cold_chain})
    if s.kind is DrugBusiness.RETAIL_CHAIN_HQ:
        flag(calc, p, "mode_chain_hq", "scope.chain_hq", s.mode_marks_chain_hq, met_when=True,
             facts={f"{PATH}.mode_marks_chain_hq": s.mode_marks_chain_hq})
    if s.licence_event_on is not None:
        days = p("upload.days")
        deadline = s.licence_event_on + timedelta(days=days.value)
        calc.date("upload_deadline", deadline, T(zh="许可信息上传国家药品监管数据共享平台的期限", en="Deadline to upload the licensing matter to the national platform"),
                  formula=f"{s.licence_event_on} + {days.value}", facts={f"{PATH}.licence_event_on": s.licence_event_on}, cite=days)
        calc.finding("uploaded_in_time", kept(s.uploaded_on, deadline, ctx.as_of),
                     T(zh="按期上传许可信息", en="Licensing matter uploaded in time"),
                     facts={f"{PATH}.uploaded_on": s.uploaded_on, "as_of": ctx.as_of}, cite=days)
    if s.deregistration_requested:
        blocked = True if (s.open_case or s.penalty_unfulfilled) else (
            None if s.open_case is None or s.penalty_unfulfilled is None else False)
        calc.finding("deregistration_allowed", finding_status(None if blocked is None else not blocked),
                     T(zh="可以注销药品经营许可证（无立案未结案、无未履行完毕的处罚决定）",
                       en="The licence may be deregistered (no open case, no unfulfilled penalty)"),
                     facts={f"{PATH}.open_case": s.open_case, f"{PATH}.penalty_unfulfilled": s.penalty_unfulfilled},
                     cite=p("deregistration.blocked"))
    if s.warehouse_in_other_province and s.kind in (DrugBusiness.WHOLESALE, DrugBusiness.RETAIL_CHAIN_HQ):
        ok = all_of(s.other_province_consented, s.warehouse_meets_both_provinces)
        calc.finding("warehouse_other_province", finding_status(ok), p.label("warehouse.other_province"),
                     facts={f"{PATH}.other_province_consented": s.other_province_consented,
                            f"{PATH}.warehouse_meets_both_provinces": s.warehouse_meets_both_provinces},
                     cite=p("warehouse.chain_hq") if s.kind is DrugBusiness.RETAIL_CHAIN_HQ else p("warehouse.other_province"))
    return calc.result()


def _retail(s: DrugLicensing, p: Params, calc: Calculation) -> None:
    if s.new_application and s.kind is DrugBusiness.RETAIL:
        if s.sells_only_otc_b:
            calc.finding("pharmacist", FindingStatus.INFO, T(zh="仅销售乙类非处方药，不要求配备执业药师",
                                                             en="Class-B OTC drugs only: no pharmacist required"),
                         facts={f"{PATH}.sells_only_otc_b": True}, cite=p("retail.pharmacist"))
        elif s.sells_only_otc_b is None:
            calc.finding("pharmacist", FindingStatus.UNKNOWN, p.label("retail.pharmacist"),
                         facts={f"{PATH}.sells_only_otc_b": None}, cite=p("retail.pharmacist"))
        else:
            flag(calc, p, "pharmacist", "retail.pharmacist", s.has_pharmacist, met_when=True,
                 facts={f"{PATH}.sells_only_otc_b": False, f"{PATH}.has_pharmacist": s.has_pharmacist})
    if s.sells_blood_or_cell_products:
        flag(calc, p, "quality_and_traceability", "retail.blood_or_cell", s.quality_and_traceability, met_when=True,
             facts={f"{PATH}.quality_and_traceability": s.quality_and_traceability})
    if s.sells_cell_therapy:
        flag(calc, p, "e_prescription_link", "retail.cell_therapy_link", s.e_prescription_link, met_when=True,
             facts={f"{PATH}.e_prescription_link": s.e_prescription_link})
        flag(calc, p, "cell_therapy_pharmacist", "retail.cell_therapy_pharmacist", s.pharmacist_degree_and_training, met_when=True,
             facts={f"{PATH}.pharmacist_degree_and_training": s.pharmacist_degree_and_training})
    if s.sells_poppy_shell:
        flag(calc, p, "scope_poppy_shell", "scope.poppy_shell", s.scope_marks_poppy_shell, met_when=True,
             facts={f"{PATH}.scope_marks_poppy_shell": s.scope_marks_poppy_shell})
    if s.sells_toxic_slices:
        flag(calc, p, "scope_toxic_slices", "scope.toxic_slices", s.scope_marks_toxic_slices, met_when=True,
             facts={f"{PATH}.scope_marks_toxic_slices": s.scope_marks_toxic_slices})
    if s.vending_machine_classes:
        allowed = p("vending.allowed_classes")
        bad = sorted({c.value for c in s.vending_machine_classes if c.value not in allowed.value})
        calc.finding("vending_classes", finding_status(not bad), p.label("vending.allowed_classes"),
                     facts={f"{PATH}.vending_machine_classes": ", ".join(c.value for c in s.vending_machine_classes)}, cite=allowed)
        flag(calc, p, "vending_address", "vending.address", s.vending_address_on_licence, met_when=True,
             facts={f"{PATH}.vending_address_on_licence": s.vending_address_on_licence})


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="人员、仓储和追溯能力是否“相适应”由许可机关判断，为输入",
        en="Whether staff, storage and traceability are adequate is the licensing authority's judgement: an input"))
