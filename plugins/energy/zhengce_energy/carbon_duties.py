"""碳排放权交易管理暂行条例 (国令第775号) — the duties of market parties.

Who may not trade (第七条), key emitters' quality plan, reporting, disclosure and
record keeping (第十一条), the authority's 7-working-day feedback deadline
(第十二条), service bodies' conflict rule (第十三条), allowance surrender
(第十四条, 第三十条（三）, 第三十一条) and the local-market ban (第二十九条).
Each duty is a finding: met / not_met when the case says what was done,
``duty`` when it does not (the obligation stands), ``not_yet_due`` before a deadline.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce_energy.facts import CarbonMarketRole
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, Params

POLICY_ID = "energy.carbon_trading_duties"
UNIT = "tCO2e"
EMITTER = CarbonMarketRole.KEY_EMITTER
SERVICE_BODY = CarbonMarketRole.TECH_SERVICE_BODY


def _status(ok: bool | None) -> FindingStatus:
    return FindingStatus.DUTY if ok is None else (FindingStatus.MET if ok else FindingStatus.NOT_MET)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Any party of the national carbon market (a role, or a key emitter's surrender)."""
    conds = Conditions()
    party, surrender = case.carbon_market_party, case.carbon_allowance_surrender
    role = party.role if party else None
    if party is None and surrender is None:
        conds.info("inspection", T(zh="生态环境主管部门等的现场检查", en="An on-site inspection by the authorities"),
                   cite=Params(params, ctx.known_at)("inspection.min_inspectors"))
        return conds.result()
    if role is None and surrender is not None:
        role = EMITTER
        conds.info("market_party", T(zh="清缴配额者为重点排放单位", en="A party surrendering allowances is a key emitter"),
                   value=role, cite=Params(params, ctx.known_at)("surrender.in_full"))
    else:
        conds.check("market_party", T(zh="当事人在全国碳排放权交易市场中的身份", en="The party's role in the national carbon market"),
                    None if role is None else True, facts={"carbon_market_party.role": role},
                    cite=Params(params, ctx.known_at)("trading.participants"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Params(params, ctx.known_at)
    calc = Calculation()
    party, surrender = case.carbon_market_party, case.carbon_allowance_surrender
    if case.carbon_market_inspection is not None:
        _inspection(case.carbon_market_inspection, p, calc)
    if party is None and surrender is None:
        return calc.result()
    role = party.role if party and party.role else EMITTER

    barred = p("trading.barred_roles")
    if role.value in barred.value:
        trades = party.trades_national_market if party else None
        calc.finding("may_not_trade", _status(None if trades is None else not trades),
                     T(zh="监管部门、登记机构、交易机构、技术服务机构工作人员不得参与碳排放权交易",
                       en="Staff of the authorities, registry, exchange and service bodies may not trade"),
                     detail=T(zh="违反者依第二十条处理", en="A breach is punished under Art. 20"),
                     facts={"carbon_market_party.role": role, "carbon_market_party.trades_national_market": trades}, cite=barred)
    else:
        participants = p("trading.participants")  # 第七条第一款 grants the right; 第二款 only bars staff
        if role.value in participants.value:
            calc.finding("may_trade", FindingStatus.INFO, T(zh="可以参与全国碳排放权交易", en="May trade in the national carbon market"),
                         facts={"carbon_market_party.role": role}, cite=participants)

    if role is EMITTER:
        _emitter_duties(case, p, calc, ctx)
    if role is SERVICE_BODY:
        _service_body_duties(case, p, calc)
    if surrender is not None:
        _surrender(case, p, calc, ctx)
    return calc.result()


def _emitter_duties(case: Case, p: Params, calc: Calculation, ctx: EvaluationContext) -> None:
    party = case.carbon_market_party
    get = (lambda f: getattr(party, f)) if party else (lambda f: None)
    for fid, field, param, fine in (
        ("quality_control_plan", "quality_control_plan_executed", "emitter.quality_control_plan", "第二十一条（一）"),
        ("annual_report_submitted", "annual_report_submitted", "emitter.report_submission", "第二十一条（二）"),
        ("annual_report_disclosed", "annual_report_disclosed", "emitter.disclosure", "第二十一条（三）"),
    ):
        value = get(field)
        calc.finding(fid, _status(value), p.label(param),
                     detail=T(zh=f"违反者依{fine}处罚", en=f"A breach is fined under {fine}"),
                     facts={f"carbon_market_party.{field}": value}, cite=p(param))

    rule = p("emitter.record_retention_min_years")
    years = get("record_retention_years")
    calc.finding("record_retention", _status(None if years is None else years >= rule.value),
                 T(zh=f"原始记录和管理台账至少保存 {rule.value} 年", en=f"Original records and ledgers kept at least {rule.value} years"),
                 detail=p.reading("emitter.record_retention_min_years"),
                 facts={"carbon_market_party.record_retention_years": years}, cite=rule)

    ban = p("emitter.local_market_ban")
    local = get("trades_local_market_same_gas_and_sector")
    calc.finding("no_local_market_same_gas_sector", _status(None if local is None else not local), p.label("emitter.local_market_ban"),
                 facts={"carbon_market_party.trades_local_market_same_gas_and_sector": local}, cite=ban)

    completed = get("verification_completed_on")
    if completed is not None:
        rule = p("verification.feedback_working_days")
        due = common.add_working_days(completed, rule.value, party.working_days_off, party.extra_working_days)
        calc.date("verification_feedback_due", due, T(zh="核查结果反馈期限（省级生态环境主管部门）", en="Deadline for the verification feedback (provincial authority)"),
                  formula=f"{completed} + {rule.value} 个工作日 ‖ {completed} + {rule.value} working days", facts={
                      "carbon_market_party.verification_completed_on": completed,
                      "carbon_market_party.working_days_off": ", ".join(map(str, party.working_days_off)) or None,
                      "carbon_market_party.extra_working_days": ", ".join(map(str, party.extra_working_days)) or None},
                  cite=rule)
        fed = party.verification_feedback_on
        if fed is not None:
            status = FindingStatus.MET if fed <= due else FindingStatus.NOT_MET
        else:
            status = FindingStatus.NOT_YET_DUE if ctx.as_of <= due else FindingStatus.NOT_MET
        calc.finding("verification_feedback_on_time", status,
                     T(zh=f"核查完成之日起 {rule.value} 个工作日内反馈核查结果", en=f"Verification result fed back within {rule.value} working days"),
                     detail=p.reading("verification.feedback_working_days"),
                     facts={"carbon_market_party.verification_feedback_on": fed, "as_of": ctx.as_of}, cite=rule)


def _inspection(insp, p: Params, calc: Calculation) -> None:
    rule, cred = p("inspection.min_inspectors"), p("inspection.credentials")
    n = insp.inspectors
    calc.finding("inspection_inspectors", _status(None if n is None else n >= rule.value),
                 T(zh=f"现场检查人员不少于 {rule.value} 人", en=f"At least {rule.value} inspectors on site"),
                 detail=p.reading("inspection.min_inspectors"), facts={"carbon_market_inspection.inspectors": n}, cite=rule)
    calc.finding("inspection_credentials", _status(insp.credentials_shown), p.label("inspection.credentials"),
                 facts={"carbon_market_inspection.credentials_shown": insp.credentials_shown}, cite=cred)


def _service_body_duties(case: Case, p: Params, calc: Calculation) -> None:
    party = case.carbon_market_party
    rule = p("service_body.no_compile_and_review_same_province")
    compiles, reviews = party.report_compilation_provinces, party.technical_review_provinces
    facts = {"carbon_market_party.report_compilation_provinces": None if compiles is None else "、".join(compiles),
             "carbon_market_party.technical_review_provinces": None if reviews is None else "、".join(reviews)}
    if compiles is None or reviews is None:
        calc.finding("no_compile_and_review_same_province", FindingStatus.DUTY, p.label("service_body.no_compile_and_review_same_province"),
                     facts=facts, cite=rule)
        return
    c_codes, c_bad = common.province_codes(compiles)
    r_codes, r_bad = common.province_codes(reviews)
    both = sorted(c_codes & r_codes)
    if both:
        status, detail = FindingStatus.NOT_MET, T(zh="同时从事两项业务的省份：" + "、".join(map(common.province_name, both)),
                                                  en="Both businesses in: " + ", ".join(map(common.province_name, both)))
    elif c_bad or r_bad:
        status, detail = FindingStatus.UNKNOWN, T(zh="无法识别的省份：" + "、".join(c_bad + r_bad), en="Unrecognised provinces: " + ", ".join(c_bad + r_bad))
    else:
        status, detail = FindingStatus.MET, None
    calc.finding("no_compile_and_review_same_province", status, p.label("service_body.no_compile_and_review_same_province"),
                 detail=detail, facts=facts, cite=rule)


def shortfall(verified: Decimal, adjustment: Decimal | None, surrendered: Decimal, reductions: Decimal | None) -> tuple[Decimal, Decimal]:
    """(required, shortfall) in tCO2e: required = verified − adjustment; shortfall = max(0, required − delivered)."""
    required = verified - (adjustment or Decimal(0))
    delivered = surrendered + (reductions or Decimal(0))
    return required, max(Decimal(0), required - delivered)


def _surrender(case: Case, p: Params, calc: Calculation, ctx: EvaluationContext) -> None:
    s = case.carbon_allowance_surrender
    definition, in_full = p("surrender.definition"), p("surrender.in_full")
    if s.verified_emissions_t is None or s.surrendered_allowances_t is None:
        calc.need(*[f"carbon_allowance_surrender.{f}" for f in ("verified_emissions_t", "surrendered_allowances_t")
                    if getattr(s, f) is None])
        calc.finding("surrender_in_full", FindingStatus.DUTY, p.label("surrender.in_full"), cite=in_full,
                     facts={"carbon_allowance_surrender.verified_emissions_t": s.verified_emissions_t,
                            "carbon_allowance_surrender.surrendered_allowances_t": s.surrendered_allowances_t})
        return
    adj = s.non_fossil_adjustment_t
    if adj is not None:
        calc.info("non_fossil_adjustment", p.label("surrender.non_fossil_adjustment"), value=adj,
                  facts={"carbon_allowance_surrender.non_fossil_adjustment_t": adj}, cite=p("surrender.non_fossil_adjustment"),
                  note=T(zh="调整量按国家有关规定确定（本条例未规定公式），由个案给出", en="The adjustment follows other State rules (no formula in the regulation); given by the case"))
    required, short = shortfall(s.verified_emissions_t, adj, s.surrendered_allowances_t, s.verified_reductions_t)
    calc.amount("required_surrender_t", required, T(zh="应清缴配额", en="Allowances to surrender"), unit=UNIT,
                formula=f"{s.verified_emissions_t} − {adj or 0}",
                facts={"carbon_allowance_surrender.verified_emissions_t": s.verified_emissions_t,
                       "carbon_allowance_surrender.non_fossil_adjustment_t": adj}, cite=definition,
                note=T(zh="应清缴配额 = 经核查的上一年度实际排放量 − 消费非化石能源电力的调整量（第三十一条；" + ("个案给出" if adj is not None else "个案未给出，按 0 计") + "）",
                       en="Allowances to surrender = verified prior-year emissions − the non-fossil electricity adjustment (art. 31; "
                          + ("given by the case" if adj is not None else "not given, taken as 0") + ")"))
    if s.verified_reductions_t:
        calc.info("verified_reductions", p.label("surrender.reductions_usable"), value=s.verified_reductions_t,
                  facts={"carbon_allowance_surrender.verified_reductions_t": s.verified_reductions_t}, cite=p("surrender.reductions_usable"),
                  note=T(zh="可抵销比例上限按国家有关规定，本条例未规定，未核验", en="The offset cap is set by other State rules, not in the regulation; not checked"))
    calc.amount("surrender_shortfall_t", short, T(zh="未清缴配额", en="Allowances not surrendered"), unit=UNIT,
                formula=f"max(0, {required} − ({s.surrendered_allowances_t} + {s.verified_reductions_t or 0}))",
                facts={"carbon_allowance_surrender.surrendered_allowances_t": s.surrendered_allowances_t,
                       "carbon_allowance_surrender.verified_reductions_t": s.verified_reductions_t}, cite=in_full)
    deadline = s.surrender_deadline
    if deadline is not None:
        calc.date("surrender_deadline", deadline, T(zh="清缴时限", en="Surrender deadline"),
                  facts={"carbon_allowance_surrender.surrender_deadline": deadline}, cite=in_full)
    if short == 0:
        status = FindingStatus.MET
    elif deadline is None:
        calc.need("carbon_allowance_surrender.surrender_deadline")
        status = FindingStatus.UNKNOWN
    else:
        status = FindingStatus.NOT_YET_DUE if ctx.as_of <= deadline else FindingStatus.NOT_MET
    calc.finding("surrender_in_full", status, p.label("surrender.in_full"),
                 detail=T(zh="时限当日仍可清缴（含当日）；逾期未足额清缴依第二十四条处罚", en="The deadline day is included; a shortfall after it is fined under Art. 24"),
                 facts={"as_of": ctx.as_of, "carbon_allowance_surrender.surrender_deadline": deadline}, cite=in_full)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, note=T(
        zh="配额清缴时限、减排量抵销上限及非化石能源电力调整由国务院生态环境主管部门等另行规定，本条例未列明",
        en="The surrender deadline, the offset cap and the non-fossil power adjustment are set by other State rules, not in the regulation"))
