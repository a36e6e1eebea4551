"""消费者权益保护法实施条例 (国令第778号) 第五十条、第五十一条 — the fine for each breach, as a range.

* 第五十条第一款 (Arts 10–14, 16, 17, 19–21): unless another law sets the penalty, a warning,
  confiscation and a fine of 1–5 × the illegal gains, or up to 30 万元 without gains;
* 第五十条第二款 (Art. 22, prepayments): 1–10 × the gains, or up to 50 万元 without gains;
* 第五十条第三款 (every other article): 消费者权益保护法第五十六条, whose ranges the seed lacks;
* 情节严重: suspension or revocation; 第五十一条: the grounds for a lighter penalty, whose effect
  行政处罚法 decides.

Every sanction is discretionary (可以根据情节单处或者并处), so each range is marked so.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import Params, T
from .facts import ConsumerViolation, Mitigation

POLICY_ID = "consumer.cpl_regulation_fines"
PATH = "consumer_violations.violations"


def paragraph(article: int, p: Params) -> str:
    """Which paragraph of 第五十条 governs a breach of ``article``: ``a50_1``, ``a50_2`` or ``a50_3``."""
    if str(article) in p("a50_1.articles").value:
        return "a50_1"
    if str(article) in p("a50_2.articles").value:
        return "a50_2"
    return "a50_3"


def fine_range(gains: Decimal, multiple_min: Decimal, multiple_max: Decimal, no_gains_max: Decimal,
               money) -> tuple[Decimal, Decimal, bool]:
    """(minimum, maximum, by_multiple): a multiple of positive gains, else [0, the fixed cap]."""
    if gains > 0:
        return money(gains * multiple_min), money(gains * multiple_max), True
    return Decimal(0), money(no_gains_max), False


def _violations(case: Case) -> tuple[ConsumerViolation, ...]:
    sec = case.consumer_violations
    return sec.violations if sec is not None else ()


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """A breach of the regulation is listed."""
    p = Params(params, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    listed = _violations(case)
    conds.check("violation_listed", T(zh="案情列明经营者违反本条例的行为", en="A breach of the regulation by an operator is listed"),
                bool(listed), facts={PATH: len(listed)}, cite=p("a50.discretionary"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    seen: dict[int, int] = {}
    for i, v in enumerate(_violations(case)):
        path = f"{PATH}[{i}]"
        if v.article is None:
            calc.need(f"{path}.article")
            continue
        seen[v.article] = seen.get(v.article, 0) + 1
        name = f"a{v.article}" if seen[v.article] == 1 else f"a{v.article}_{seen[v.article]}"
        start = p("in_force")
        if v.committed_on is not None and v.committed_on < start.value:
            calc.finding(f"{name}.not_in_force", FindingStatus.INFO,
                         T(zh=f"行为发生于本条例施行日 {start.value} 之前，不依本条例处罚",
                           en=f"The act precedes the regulation's in-force day {start.value}; not punished under it"),
                         facts={f"{path}.committed_on": v.committed_on}, cite=start)
            continue
        _breach(name, path, v, p, calc)
    return calc.result()


def _breach(name: str, path: str, v: ConsumerViolation, p: Params, calc: Calculation) -> None:
    para = paragraph(v.article, p)
    facts = {f"{path}.article": v.article}
    if para == "a50_3":
        calc.finding(f"{name}.cpl_article_56", FindingStatus.INFO, p.label("a50_3.other_articles"), facts=facts,
                     cite=p("a50_3.other_articles"))
        _mitigation(name, path, v, p, calc)
        return
    if para == "a50_1":
        defer = p("a50_1.defers_to_other_law")
        if v.other_law_sets_penalty is None:
            calc.need(f"{path}.other_law_sets_penalty")
            calc.finding(f"{name}.other_law", FindingStatus.UNKNOWN, p.label("a50_1.defers_to_other_law"),
                         facts={**facts, f"{path}.other_law_sets_penalty": None}, cite=defer)
            return
        if v.other_law_sets_penalty:
            calc.finding(f"{name}.other_law", FindingStatus.INFO, p.label("a50_1.defers_to_other_law"),
                         facts={**facts, f"{path}.other_law_sets_penalty": True}, cite=defer)
            return
    order = p("a50.discretionary")
    calc.finding(f"{name}.correct", FindingStatus.DUTY, T(zh="责令改正", en="Ordered to correct"), facts=facts, cite=order)
    gains = v.illegal_gains
    m_lo, m_hi, cap = p(f"{para}.multiple_min"), p(f"{para}.multiple_max"), p(f"{para}.no_gains_max")
    label = T(zh=f"罚款（{m_lo.citation.article}）", en=f"Fine (Art. 50({para[-1]}))")
    if gains is None:
        calc.need(f"{path}.illegal_gains")
    else:
        money = p.money
        lo, hi, by_multiple = fine_range(gains, m_lo.value, m_hi.value, cap.value, money)
        if by_multiple:
            calc.amount(f"{name}.confiscation", money(gains), T(zh="可以没收的违法所得", en="Illegal gains that may be confiscated"),
                        facts={f"{path}.illegal_gains": gains}, cite=order)
            calc.range(f"{name}.fine", lo, hi, label,
                       basis=T(zh=f"违法所得 {m_lo.value}–{m_hi.value} 倍", en=f"{m_lo.value}–{m_hi.value} × illegal gains"),
                       formula=f"[{gains} × {m_lo.value}, {gains} × {m_hi.value}]", facts={f"{path}.illegal_gains": gains},
                       cite=m_lo, discretionary=True)
        else:
            calc.range(f"{name}.fine", lo, hi, label,
                       basis=T(zh=f"没有违法所得：{cap.value} 元以下", en=f"No illegal gains: up to CNY {cap.value}"),
                       formula=f"[0, {cap.value}]", facts={f"{path}.illegal_gains": gains}, cite=cap, discretionary=True)
    serious = p("a50.serious")
    if v.serious:
        calc.finding(f"{name}.serious", FindingStatus.INFO, p.label("a50.serious"),
                     facts={f"{path}.serious": True}, cite=serious)
    _mitigation(name, path, v, p, calc)


def _mitigation(name: str, path: str, v: ConsumerViolation, p: Params, calc: Calculation) -> None:
    if v.mitigation is not None and v.mitigation is not Mitigation.NONE and v.mitigation.value in p("a51.mitigation").value:
        calc.finding(f"{name}.mitigation", FindingStatus.INFO, p.label("a51.mitigation"),
                     facts={f"{path}.mitigation": v.mitigation}, cite=p("a51.mitigation"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="罚款为法定幅度，具体数额由执法机关在幅度内裁量",
        en="Fines are statutory ranges; the authority sets the amount within them"))
