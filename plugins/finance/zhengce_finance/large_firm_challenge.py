"""大企业“发榜”中小企业“揭榜” — 工信厅企业函〔2024〕221号.

The computable rules of the 2024 round: the large firm's sealed need form reaches the ministry by EMS by
12 July 2024 (二（一））; a solver is a willing SME under the classification rules, not a subsidiary,
holding company, supplier or other related party of the posting firm (二（二）（三））, and sends a sealed
application; each need gets 1 to 2 solvers (二（三））.  The preferences for solvers on the list (二（四）、
三（二）) are not quantified: notes only.  Numbers and readings are in ``parameters/large_firm_challenge.yaml``.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.large_firm_challenge"
S = "large_firm_challenge"

NEED_FIELDS = ("need_form_posted_on", "need_form_sealed", "solvers_selected")
SOLVER_FIELDS = ("meets_sme_standard", "relations_checked", "application_sealed", "on_solver_list", "standing")

RELATION_WORDS = {
    "subsidiary": ("子公司", "subsidiary"),
    "holding_company": ("控股公司", "holding company"),
    "supplier": ("供应商", "supplier"),
    "other_related": ("其他关联企业", "other related party"),
}


def _given(sec, fields) -> bool:
    return any(getattr(sec, f) is not None for f in fields) or (fields is SOLVER_FIELDS and bool(sec.relations_to_poster))


def not_related(sec) -> bool | None:
    """True: no tie to the posting firm; False: any tie (the list is open, "等"); None: not checked."""
    if sec.relations_to_poster:
        return False
    return True if sec.relations_checked else None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.large_firm_challenge
    p = Params(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    given = _given(sec, NEED_FIELDS) or _given(sec, SOLVER_FIELDS)
    conds.check("need_or_solver", T(zh="案件给出“发榜”需求或“揭榜”企业的事实", en="The case gives facts of a posted need or of a solver"),
                True if given else None, missing=[] if given else [f"{S}.meets_sme_standard", f"{S}.need_form_posted_on"],
                cite=p("solver.sme_standard"))
    return conds.result()


def _need(calc: Calculation, sec, p: Params, ctx: EvaluationContext) -> None:
    by = p("need_form.by")
    posted = sec.need_form_posted_on
    if posted is None:
        calc.finding("need_form_in_time", FindingStatus.NOT_YET_DUE if ctx.as_of <= by.value else FindingStatus.UNKNOWN,
                     T(zh=f"需求表于 {by.value} 前寄出", en=f"Need form posted by {by.value}"),
                     detail=p.reading("need_form.by"), facts={f"{S}.need_form_posted_on": None}, cite=by)
        if ctx.as_of > by.value:
            calc.need(f"{S}.need_form_posted_on")
    else:
        ok = posted <= by.value
        calc.finding("need_form_in_time", FindingStatus.MET if ok else FindingStatus.NOT_MET,
                     T(zh=f"需求表于 {by.value} 前寄出" if ok else f"需求表晚于 {by.value} 寄出",
                       en=f"Need form posted by {by.value}" if ok else f"Need form posted after {by.value}"),
                     detail=p.reading("need_form.by"), facts={f"{S}.need_form_posted_on": posted}, cite=by)
    if sec.need_form_sealed is not None or posted is not None:
        sealed = p("need_form.sealed")
        if sec.need_form_sealed is None:
            calc.need(f"{S}.need_form_sealed")
        calc.finding("need_form_sealed", finding_status(sec.need_form_sealed), T(zh="需求表加盖企业公章", en="The need form bears the company seal"),
                     facts={f"{S}.need_form_sealed": sec.need_form_sealed}, cite=sealed)
    n = sec.solvers_selected
    if n is not None:
        lo, hi = p("selection.min"), p("selection.max")
        ok = lo.value <= n <= hi.value
        calc.finding("solvers_per_need", FindingStatus.MET if ok else FindingStatus.NOT_MET,
                     T(zh=f"该项需求选定 {n} 家“揭榜”企业，" + ("在1—2家之内" if ok else "不在1—2家之内"),
                       en=f"{n} solver{'s' if n != 1 else ''} chosen for the need, " + (f"within {lo.value} to {hi.value}" if ok else f"outside {lo.value} to {hi.value}")),
                     detail=p.reading("selection.max"), facts={f"{S}.solvers_selected": n}, cite=hi if n > hi.value else lo)


def _solver(calc: Calculation, sec, p: Params) -> None:
    sme = p("solver.sme_standard")
    if sec.meets_sme_standard is None:
        calc.need(f"{S}.meets_sme_standard")
    calc.finding("sme_standard", finding_status(sec.meets_sme_standard),
                 T(zh="“揭榜”企业符合《中小企业划型标准规定》", en="The solver is an SME under the SME classification rules"),
                 detail=p.reading("solver.sme_standard"), facts={f"{S}.meets_sme_standard": sec.meets_sme_standard}, cite=sme)
    rel = p("solver.not_related")
    free = not_related(sec)
    ties = [r.value for r in sec.relations_to_poster]
    if free is None:
        calc.need(f"{S}.relations_checked")
    calc.finding("not_related_to_poster", finding_status(free),
                 T(zh="“揭榜”企业不是“发榜”大企业的关联企业" if free is not False else
                   "“揭榜”企业是“发榜”大企业的" + "、".join(RELATION_WORDS[t][0] for t in ties),
                   en="The solver is not a related party of the posting firm" if free is not False else
                   "The solver is the posting firm's " + ", ".join(RELATION_WORDS[t][1] for t in ties)),
                 detail=p.reading("solver.not_related"),
                 facts={f"{S}.relations_to_poster": ", ".join(ties) or None} if ties else {f"{S}.relations_checked": sec.relations_checked},
                 cite=rel)
    if sec.application_sealed is not None:
        calc.finding("application_sealed", finding_status(sec.application_sealed), params_label(p, "application.sealed"),
                     facts={f"{S}.application_sealed": sec.application_sealed}, cite=p("application.sealed"))
    eligible = None if None in (sec.meets_sme_standard, free) else (sec.meets_sme_standard and free)
    why = T(zh="与“发榜”大企业有关联", en="it is related to the posting firm") if free is False else \
        T(zh="不符合中小企业划型标准", en="it is not an SME under the classification rules")
    calc.finding("may_answer", finding_status(eligible),
                 T(zh=f"不符合“揭榜”条件：{why.zh}", en=f"Not eligible to answer the need: {why.en}") if eligible is False else
                 T(zh="能否“揭榜”取决于缺少的事实", en="Whether it may answer the need depends on the missing facts") if eligible is None else
                 T(zh="可以“揭榜”：符合划型标准的中小企业，且与“发榜”大企业无关联", en="May answer the need: an SME with no tie to the posting firm"),
                 cite=rel if free is False else sme)
    if eligible is False:
        return
    standing = sec.standing.value if sec.standing is not None else None
    if sec.on_solver_list and standing == "national_little_giant":
        calc.finding("priority_central_support", FindingStatus.INFO, params_label(p, "preference.national"), cite=p("preference.national"),
                     facts={f"{S}.on_solver_list": True, f"{S}.standing": standing})
    elif sec.on_solver_list and standing in ("provincial_srdi", "innovative_sme"):
        calc.finding("priority_provincial_support", FindingStatus.INFO, params_label(p, "preference.provincial"), cite=p("preference.provincial"),
                     facts={f"{S}.on_solver_list": True, f"{S}.standing": standing})
    if standing in ("national_little_giant", "provincial_srdi", "innovative_sme"):
        calc.finding("service_discount", FindingStatus.INFO, params_label(p, "services.discount"), cite=p("services.discount"),
                     facts={f"{S}.standing": standing})


def params_label(p: Params, name: str) -> Text:
    return p.params[name].label


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.large_firm_challenge
    p = Params(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if _given(sec, NEED_FIELDS):
        _need(calc, sec, p, ctx)
    if _given(sec, SOLVER_FIELDS):
        _solver(calc, sec, p)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, {}, lead=("may_answer",))
