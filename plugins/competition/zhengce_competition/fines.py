"""罚款设定与实施 — 国发〔2024〕5号 (2024-02-09), the computable constraints.

Setting a fine (a provision of a 行政法规 or 规章): a 规章 adds no fine where the law above sets a
penalty without one, and stays within the law's amount (二、（四）); the amount is stated; a range's
highest amount is in general at most ten times its lowest, save for life, health and safety or
financial security (二、（六）); after a State Council decision cancelling or adjusting the fine,
the 60-day (+ at most 30) amendment deadlines (二、（八）).

Imposing a fine (a decision): no fine past the limitation period, never a fine without an order to
correct, no arbitrary top-of-range fine (三、（九）); the mitigating circumstances of 行政处罚法 applied
(三、（十）); camera evidence only from reviewed, signposted, announced and verified cameras (三、（十二）);
a refund once a decision is revoked (四、（十五）).  The limitation period and the circumstances of
行政处罚法 are not in the seed: they are inputs.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup, finding_status

from .common import T, breach, duty
from .facts import FineDecision, FineProvision, Instrument, StateCouncilDecision

POLICY_ID = "competition.fine_provision_validator"
PROV, DEC = "fine_provision", "fine_decision"
RULES = (Instrument.DEPARTMENTAL_RULE, Instrument.LOCAL_GOVERNMENT_RULE)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """A fine set by a 行政法规 or 规章, or a decision imposing a fine."""
    conds = Conditions(trace=ctx.trace)
    p = Lookup(params, None, ctx.known_at)
    if case.fine_provision is not None:
        inst = case.fine_provision.instrument
        conds.check("instrument", T("罚款由行政法规或者规章设定", "The fine is set by an administrative regulation or a rule"),
                    None if inst is None else inst.value in p.criterion("scope.instruments").value,
                    facts={f"{PROV}.instrument": inst}, cite=p.criterion("scope.instruments"))
    if case.fine_decision is not None:
        conds.info("decision", T("行政机关实施罚款", "An administrative organ imposes a fine"),
                   facts={f"{DEC}.decided_on": case.fine_decision.decided_on}, cite=p.criterion("scope.instruments"))
    return conds.result()


def _ratio_check(name: str, low: Decimal | None, high: Decimal | None, sec: FineProvision, p: Lookup,
                 calc: Calculation, unit_zh: str, unit_en: str) -> None:
    """二、（六）: the highest of a range at most ten times the lowest (inclusive), save the exceptions."""
    rule = p.value("range.max_ratio")
    facts = {f"{PROV}.minimum_{name}": low, f"{PROV}.maximum_{name}": high}
    if low is None or high is None:
        calc.need(*[k for k, v in facts.items() if v is None])
        return
    if low > 0:
        calc.amount(f"range_ratio_{name}", p.money(high / low),
                    Text(zh=f"罚款幅度的最高{unit_zh}与最低{unit_zh}之比", en=f"Fine range: highest {unit_en} over lowest {unit_en}"),
                    formula=f"{high} / {low}", facts=facts, cite=rule, unit="×")
    within = low > 0 and high <= rule.value * low
    exempt = sec.concerns_life_health_or_financial_security
    if within:
        status = FindingStatus.MET
    elif exempt:
        status = FindingStatus.INFO
    else:
        status = FindingStatus.UNKNOWN if exempt is None else FindingStatus.NOT_MET
    calc.finding(f"range_within_ratio_{name}", status,
                 T("罚款幅度的最高{}不超过最低{}的 {} 倍（涉及生命健康安全、金融安全等的除外）".format(unit_zh, unit_zh, rule.value),
                   "Highest {} at most {} times the lowest (save life, health and safety or financial security)".format(unit_en, rule.value)),
                 detail=p.reading("range.max_ratio"),
                 facts=facts | {f"{PROV}.concerns_life_health_or_financial_security": exempt}, cite=rule)


def _provision(sec: FineProvision, p: Lookup, calc: Calculation) -> None:
    calc.finding("amount_specified", duty(sec.sets_amount), p.params["amount.specified"].label,
                 facts={f"{PROV}.sets_amount": sec.sets_amount}, cite=p.value("amount.specified"))
    if sec.minimum_amount is not None or sec.maximum_amount is not None or sec.minimum_multiple is None:
        _ratio_check("amount", sec.minimum_amount, sec.maximum_amount, sec, p, calc, "数额", "amount")
    if sec.minimum_multiple is not None or sec.maximum_multiple is not None:
        _ratio_check("multiple", sec.minimum_multiple, sec.maximum_multiple, sec, p, calc, "倍数", "multiple")
    if sec.instrument in RULES:
        calc.finding("no_fine_added_by_rule", breach(sec.parent_sets_penalty_without_fine), p.params["rule.no_new_fine"].label,
                     facts={f"{PROV}.parent_sets_penalty_without_fine": sec.parent_sets_penalty_without_fine}, cite=p.value("rule.no_new_fine"))
        top, cap = sec.maximum_amount, sec.parent_fine_maximum
        within = None if top is None or cap is None else top <= cap
        if within is None:
            calc.need(*[f"{PROV}.{f}" for f, v in (("maximum_amount", top), ("parent_fine_maximum", cap)) if v is None])
        calc.finding("within_parent_maximum", finding_status(within), p.params["rule.within_parent_maximum"].label,
                     detail=p.reading("rule.within_parent_maximum"),
                     facts={f"{PROV}.maximum_amount": top, f"{PROV}.parent_fine_maximum": cap}, cite=p.value("rule.within_parent_maximum"))
    if sec.state_council_decision is not None and sec.instrument is not Instrument.LOCAL_GOVERNMENT_RULE:
        _revision(sec, p, calc)


def _revision(sec: FineProvision, p: Lookup, calc: Calculation) -> None:
    """二、（八）: suspension on cancellation; 60 days (+ at most 30) to amend or repeal."""
    issued = sec.state_council_decision_on
    if issued is None:
        calc.need(f"{PROV}.state_council_decision_on")
        return
    if sec.state_council_decision is StateCouncilDecision.CANCEL:
        calc.date("suspended_from", issued, T("有关罚款规定暂停适用之日（决定印发之日）", "The fine provision suspended from (the decision's issue day)"),
                  facts={f"{PROV}.state_council_decision_on": issued}, cite=p.value("revision.cancel_suspends"))
    days, extra = p.value("revision.days"), p.value("revision.extension_days")
    if sec.instrument is Instrument.ADMINISTRATIVE_REGULATION:
        calc.date("amendment_plan_deadline", issued + timedelta(days=days.value),
                  T("向国务院报送行政法规修改方案的期限", "Deadline to submit the regulation's amendment plan"),
                  formula=f"{issued} + {days.value}", facts={f"{PROV}.state_council_decision_on": issued}, cite=days)
        return
    start = sec.amended_regulation_published_on or issued
    start_path = f"{PROV}.amended_regulation_published_on" if sec.amended_regulation_published_on else f"{PROV}.state_council_decision_on"
    due = calc.date("amendment_deadline", start + timedelta(days=days.value),
                    T("完成部门规章修改或者废止的期限", "Deadline to amend or repeal the departmental rule"),
                    formula=f"{start} + {days.value}", facts={start_path: start}, cite=days)
    latest = due + timedelta(days=extra.value)
    if sec.special_reasons_for_delay:
        calc.date("amendment_latest_with_extension", latest, T("因特殊原因延长后的最晚期限", "Latest deadline with the extension for special reasons"),
                  formula=f"{due} + {extra.value}", facts={f"{PROV}.special_reasons_for_delay": True}, cite=extra)
    limit = latest if sec.special_reasons_for_delay else due
    done = sec.amended_on
    status = FindingStatus.UNKNOWN if done is None else (FindingStatus.MET if done <= limit else FindingStatus.NOT_MET)
    calc.finding("amended_in_time", status, T("在期限内完成部门规章修改或者废止", "Departmental rule amended or repealed in time"),
                 detail=p.reading("revision.days"), facts={f"{PROV}.amended_on": done, f"{PROV}.special_reasons_for_delay": sec.special_reasons_for_delay},
                 cite=extra if sec.special_reasons_for_delay else days)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _decision(sec: FineDecision, p: Lookup, calc: Calculation) -> None:
    calc.finding("within_limitation_period", breach(sec.limitation_expired), p.params["decision.no_fine_after_limitation"].label,
                 detail=T("追责期限由行政处罚法规定，不在本文件中，本案作为输入", "The limitation period is set by the Administrative Penalty Law, not in the seed: an input"),
                 facts={f"{DEC}.limitation_expired": sec.limitation_expired}, cite=p.value("decision.no_fine_after_limitation"))
    calc.finding("order_to_correct", duty(sec.order_to_correct), p.params["decision.order_to_correct"].label,
                 facts={f"{DEC}.order_to_correct": sec.order_to_correct}, cite=p.value("decision.order_to_correct"))
    amount, low, high = sec.amount, sec.provision_minimum, sec.provision_maximum
    if amount is not None and high is not None and amount >= high:
        calc.finding("top_of_range", FindingStatus.INFO, p.params["decision.no_arbitrary_maximum"].label,
                     detail=T("罚款为所依据规定的最高额（顶格），须有法律规定和违法事实支持", "The fine is the top of the provision's range: it needs the law and the facts to support it"),
                     facts={f"{DEC}.amount": amount, f"{DEC}.provision_maximum": high}, cite=p.value("decision.no_arbitrary_maximum"))
    if sec.article_32_or_33_circumstance:
        calc.finding("circumstance_applied", duty(sec.circumstance_applied), p.params["decision.apply_articles_32_33"].label,
                     detail=T("是否符合该两条情形由行政处罚法判断，本案作为输入", "Whether those circumstances exist is for the Administrative Penalty Law: an input"),
                     facts={f"{DEC}.article_32_or_33_circumstance": True, f"{DEC}.circumstance_applied": sec.circumstance_applied},
                     cite=p.value("decision.apply_articles_32_33"))
    if sec.party_birth_date is not None and sec.violation_on is not None:
        rule = p.value("mitigation.age")
        age = _age(sec.party_birth_date, sec.violation_on)
        calc.finding("aged_75_or_more", finding_status(age >= rule.value),
                     T("当事人违法时已满 {} 周岁", "The party was aged {} or more at the violation", rule.value),
                     detail=T("行政法规、规章可以据此明确从轻、减轻情形；是否从轻取决于所依据的规定", "A regulation or rule may make this a ground for a lighter fine; whether it does depends on the provision applied"),
                     facts={f"{DEC}.party_birth_date": sec.party_birth_date, f"{DEC}.violation_on": sec.violation_on}, cite=rule)
    if sec.camera_evidence:
        review = p.value("camera.review_and_signs")
        for fid, value, label in (
            ("camera_reviewed", sec.camera_reviewed, T("监控设备经过法制和技术审核", "The camera passed legal and technical review")),
            ("camera_signposted", sec.camera_signposted, T("设置地点有明显可见的标识", "The camera's site is clearly signposted")),
            ("camera_announced", sec.camera_announced, T("监控设备投入使用前向社会公布", "The camera was announced before use")),
        ):
            calc.finding(fid, duty(value), label, facts={f"{DEC}.{fid}": value}, cite=review)
        calc.finding("camera_calibrated", duty(sec.camera_calibrated), p.params["camera.calibrated"].label,
                     facts={f"{DEC}.camera_calibrated": sec.camera_calibrated}, cite=p.value("camera.calibrated"))
        calc.date("camera_cleanup_by", p.value("camera.cleanup_by").value, p.params["camera.cleanup_by"].label,
                  cite=p.value("camera.cleanup_by"))
    if sec.revoked:
        calc.finding("refunded", FindingStatus.MET if sec.refunded else FindingStatus.DUTY, p.params["decision.refund"].label,
                     facts={f"{DEC}.revoked": True, f"{DEC}.refunded": sec.refunded}, cite=p.value("decision.refund"))


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Lookup(params, ctx.as_of, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if case.fine_provision is not None:
        _provision(case.fine_provision, p, calc)
    if case.fine_decision is not None:
        _decision(case.fine_decision, p, calc)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return explanation(result, title, lang)
