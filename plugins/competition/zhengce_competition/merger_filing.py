"""经营者集中申报标准 — 国令第773号 (2024-01-22 revision).

A transaction of one of the three kinds of 第二条 is a concentration.  It must be filed before it
is implemented when it meets either threshold of 第三条: (a) the parties' worldwide turnover of
the previous financial year together exceeds CNY 12 billion, or (b) their China turnover together
exceeds CNY 4 billion — and, in both, at least two parties each exceed CNY 800 million in China.
"超过" is strict throughout.  Below the thresholds the authority may still require filing when
evidence shows an anti-competitive effect (第四条).  Turnover of banks, insurers, securities and
futures firms is computed under rules the seed does not contain: the case gives it.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from .common import T
from .facts import ConcentrationKind, SpecialSector

POLICY_ID = "competition.merger_filing_thresholds"
PATH = "concentration_of_undertakings"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """第二条: a merger, or control (or decisive influence) acquired by shares, assets or contract."""
    sec = case.concentration_of_undertakings
    conds = Conditions(trace=ctx.trace)
    rule = Lookup(params, None, ctx.known_at).criterion("concentration.kinds")
    kind = sec.kind
    conds.check("is_concentration", T("属于经营者集中（合并，或者取得控制权、能够施加决定性影响）",
                                      "The transaction is a concentration (a merger, or control or decisive influence acquired)"),
                None if kind is None else kind is not ConcentrationKind.NONE and kind.value in rule.value,
                facts={f"{PATH}.kind": kind}, cite=rule)
    return conds.result()


def _total(values: list[Decimal | None], threshold: Decimal) -> tuple[Decimal, bool | None]:
    """The sum of the known values and whether it exceeds ``threshold``: unknown while some value is
    missing and the known ones do not already exceed it (turnovers are never negative)."""
    known = sum((v for v in values if v is not None), Decimal(0))
    if known > threshold:
        return known, True
    return known, None if any(v is None for v in values) else False


def _at_least(values: list[Decimal | None], each: Decimal, needed: int) -> tuple[int, bool | None]:
    """How many known values exceed ``each`` and whether at least ``needed`` do (unknown while the
    missing ones could still make up the number)."""
    over = sum(1 for v in values if v is not None and v > each)
    unknown = sum(1 for v in values if v is None)
    if over >= needed:
        return over, True
    return over, None if over + unknown >= needed else False


def _status(met: bool | None) -> FindingStatus:
    return FindingStatus.UNKNOWN if met is None else (FindingStatus.MET if met else FindingStatus.NOT_MET)


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.concentration_of_undertakings
    p = Lookup(params, ctx.as_of, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    world, china = p.value("threshold.worldwide_total"), p.value("threshold.china_total")
    each, needed = p.value("threshold.each_china"), p.value("threshold.parties_over_each")
    parties = sec.parties
    if not parties:
        calc.need(f"{PATH}.parties")
    for i, party in enumerate(parties):
        if party.worldwide_turnover is None or party.china_turnover is None:
            calc.need(*[f"{PATH}.parties[{i}].{f}" for f in ("worldwide_turnover", "china_turnover")
                        if getattr(party, f) is None])
        if party.special_sector not in (None, SpecialSector.NONE):
            calc.info(f"special_sector_{i}", T("特殊行业经营者的营业额按国务院反垄断执法机构另行制定的办法计算，本案所给数额为输入",
                                               "A special-sector party's turnover follows the authority's separate rules (not in the seed): the figure given is an input"),
                      facts={f"{PATH}.parties[{i}].special_sector": party.special_sector,
                             f"{PATH}.parties[{i}].china_turnover": party.china_turnover},
                      cite=p.value("special_sector.turnover"))
    worldwide = [q.worldwide_turnover for q in parties]
    domestic = [q.china_turnover for q in parties]
    w_sum, w_met = _total(worldwide, world.value)
    c_sum, c_met = _total(domestic, china.value)
    over, two_met = _at_least(domestic, each.value, needed.value)
    facts_w = {f"{PATH}.parties[{i}].worldwide_turnover": v for i, v in enumerate(worldwide)}
    facts_c = {f"{PATH}.parties[{i}].china_turnover": v for i, v in enumerate(domestic)}
    shown = params.rounding.money  # the totals as shown; the thresholds compare the exact sums
    calc.amount("worldwide_total", shown(w_sum), T("参与集中的经营者上一会计年度全球营业额合计（已知部分）",
                                            "Parties' worldwide turnover of the previous financial year, together (as known)"),
                formula=" + ".join(str(v) for v in worldwide if v is not None) or "0", facts=facts_w, cite=world)
    calc.amount("china_total", shown(c_sum), T("参与集中的经营者上一会计年度中国境内营业额合计（已知部分）",
                                        "Parties' turnover in China of the previous financial year, together (as known)"),
                formula=" + ".join(str(v) for v in domestic if v is not None) or "0", facts=facts_c, cite=china)
    calc.amount("parties_over_each", Decimal(over), T("中国境内营业额超过 {} 元的经营者个数", "Parties each over CNY {} in China", each.value),
                facts=facts_c, cite=needed, unit="count")
    test_a, test_b = _and(w_met, two_met), _and(c_met, two_met)
    calc.finding("threshold_worldwide", _status(test_a),
                 T("第一项标准：全球营业额合计超过 {} 元，且至少 {} 个经营者中国境内营业额均超过 {} 元",
                   "Test (a): worldwide total over CNY {}, and at least {} parties each over CNY {} in China",
                   world.value, needed.value, each.value),
                 detail=p.reading("threshold.worldwide_total"), facts={"worldwide_total": w_sum, "parties_over_each": over}, cite=world)
    calc.finding("threshold_china", _status(test_b),
                 T("第二项标准：中国境内营业额合计超过 {} 元，且至少 {} 个经营者中国境内营业额均超过 {} 元",
                   "Test (b): China total over CNY {}, and at least {} parties each over CNY {} in China",
                   china.value, needed.value, each.value),
                 detail=p.reading("threshold.each_china"), facts={"china_total": c_sum, "parties_over_each": over}, cite=china)
    required = True if (test_a or test_b) else (None if None in (test_a, test_b) else False)
    duty = p.value("duty.file_before_implementing")
    calc.finding("filing_required", _status(required),
                 T("应当事先向国务院反垄断执法机构申报（达到申报标准之一）", "Filing in advance required (a threshold is met)"),
                 cite=duty)
    if required:
        _standstill(sec, calc, duty, p, ctx)
    elif required is False:
        _call_in(sec, calc, p)
    return calc.result()


def _standstill(sec, calc: Calculation, duty, p: Lookup, ctx: EvaluationContext) -> None:
    """未申报的不得实施集中: filed before implementation (a breach once implemented unfiled)."""
    filed, done = sec.filed_on, sec.implemented_on
    facts = {f"{PATH}.filed_on": filed, f"{PATH}.implemented_on": done}
    if done is None or done > ctx.as_of:
        status = FindingStatus.MET if filed is not None and (done is None or filed < done) else FindingStatus.DUTY
    else:
        status = FindingStatus.MET if filed is not None and filed < done else FindingStatus.NOT_MET
    calc.finding("no_implementation_before_filing", status,
                 T("未申报的不得实施集中（申报须早于实施）", "Not implemented before filing (the filing must precede implementation)"),
                 detail=p.reading("duty.file_before_implementing"), facts=facts, cite=duty)
    if status is FindingStatus.NOT_MET:
        calc.finding("investigation", FindingStatus.DUTY,
                     T("未依照规定申报的，国务院反垄断执法机构应当依法进行调查", "Not filed as required: the authority shall investigate"),
                     facts=facts, cite=p.value("investigation.unfiled"))


def _call_in(sec, calc: Calculation, p: Lookup) -> None:
    """第四条: below the thresholds, the authority may require filing on evidence of effects."""
    evidence = sec.anti_competitive_evidence
    calc.finding("call_in_possible", _status(evidence),
                 T("未达申报标准，但有证据证明具有或者可能具有排除、限制竞争效果的，执法机构可以要求申报",
                   "Below the thresholds: the authority may require filing on evidence of an actual or likely anti-competitive effect"),
                 detail=T("是否有此证据由执法机构认定，本案作为输入", "Whether such evidence exists is the authority's finding, an input here"),
                 facts={f"{PATH}.anti_competitive_evidence": evidence}, cite=p.value("call_in.below_thresholds"))


NOTE = Text(zh="银行、保险、证券、期货等特殊行业的营业额计算办法不在本文件中，其营业额作为输入",
            en="The turnover rules for banks, insurers, securities and futures firms are not in the seed: their turnover is an input")


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    required = result.evaluation.finding("filing_required") if result.evaluation else None
    lead = ("filing_required",) if required is not None and required.status is FindingStatus.MET else ()
    return explanation(result, title, lang, lead=lead, names={"worldwide_total": ("全球营业额合计", "worldwide total"),
                                                  "china_total": ("中国境内营业额合计", "China total")},
                       note=NOTE)
