"""保障消费者支付选择权 — 国办发〔2024〕10号 二（二）（四）.

An above-scale key venue (大型商圈、旅游景区…医院等) must be equipped to accept mobile payment, bank cards and
cash; below scale the notice only encourages the same.  A bank branch may not stop cash services or lower
their quality at will.  "规模以上" has no threshold in the seed: it is a case input.  Numbers and readings
are in ``parameters/payment_acceptance.yaml``.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.payment_acceptance"
V, B = "payment_venue", "bank_branch_cash"

MEANS = {
    "mobile": ("accepts_mobile", T(zh="配备受理移动支付的软硬件设施", en="Equipped to accept mobile payment")),
    "bank_card": ("accepts_bank_card", T(zh="配备受理银行卡的软硬件设施", en="Equipped to accept bank cards")),
    "cash": ("accepts_cash", T(zh="配备收取现金的必需设施", en="Equipped to accept cash")),
}


def key_venue(venue, named: list[str]) -> bool | None:
    """A named kind is a key venue; another is one when the local key-venue list names it."""
    if venue.venue_type is None:
        return None
    if venue.venue_type.value in named:
        return True
    return venue.on_local_key_list


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Params(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    venue, branch = case.payment_venue, case.bank_branch_cash
    if venue is None:
        given = branch is not None and (branch.stopped_cash_at_will is not None or branch.lowered_cash_service_at_will is not None)
        conds.check("bank_branch", T(zh="案件给出银行网点现金服务的事实", en="The case gives facts of a bank branch's cash services"),
                    True if given else None, missing=[] if given else [f"{B}.stopped_cash_at_will"], cite=p("bank_branch.no_arbitrary_stop"))
        return conds.result()
    named = p("venues.key")
    conds.check("key_venue", T(zh="属于重点场所", en="A key venue"), key_venue(venue, named.value),
                facts={f"{V}.venue_type": venue.venue_type, **({} if venue.venue_type is not None and venue.venue_type.value in named.value
                                                               else {f"{V}.on_local_key_list": venue.on_local_key_list})},
                missing=[f"{V}.venue_type"] if venue.venue_type is None else [f"{V}.on_local_key_list"],
                cite=named, note=p.reading("venues.key"))
    return conds.result()


def _venue(calc: Calculation, venue, p: Params) -> None:
    must = p("above_scale.must_accept")
    if venue.above_scale is None:
        calc.need(f"{V}.above_scale")
        calc.finding("above_scale", FindingStatus.UNKNOWN,
                     T(zh="是否“规模以上”未知：种子文件未定义规模标准", en="Whether the venue is above scale is unknown: the seed sets no threshold"),
                     facts={f"{V}.above_scale": None}, cite=must)
        return
    if not venue.above_scale:
        missing = [k for k in must.value if getattr(venue, MEANS[k][0]) is not True]
        calc.finding("below_scale_encouraged", FindingStatus.INFO, p.params["below_scale.encouraged"].label,
                     detail=T(zh="规模以下场所为鼓励事项，不是义务", en="Below scale this is encouraged, not a duty") if missing else None,
                     facts={f"{V}.above_scale": False}, cite=p("below_scale.encouraged"))
        return
    for key in must.value:
        field, label = MEANS[key]
        value = getattr(venue, field)
        if value is None:
            calc.need(f"{V}.{field}")
        calc.finding(f"accepts_{key}", finding_status(value), label, facts={f"{V}.{field}": value}, cite=must)
    if venue.accepts_cash is False:
        calc.finding("cash_fallback", FindingStatus.INFO, p.params["cash.guaranteed"].label, cite=p("cash.guaranteed"))


def _branch(calc: Calculation, branch, p: Params) -> None:
    rule = p("bank_branch.no_arbitrary_stop")
    for fid, field, label in (
        ("cash_not_stopped", "stopped_cash_at_will", T(zh="银行网点保持现金业务（不得随意停办）", en="The bank branch keeps its cash services (no stopping them at will)")),
        ("cash_service_kept", "lowered_cash_service_at_will", T(zh="银行网点保持现金服务质量（不得随意降低）", en="The bank branch keeps the quality of its cash service (no lowering it at will)")),
    ):
        value = getattr(branch, field)
        if value is None:
            continue
        calc.finding(fid, finding_status(value, met_when=False), label, detail=p.reading("bank_branch.no_arbitrary_stop"),
                     facts={f"{B}.{field}": value}, cite=rule)


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if case.payment_venue is not None:
        _venue(calc, case.payment_venue, p)
    if case.bank_branch_cash is not None:
        _branch(calc, case.bank_branch_cash, p)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, {})
