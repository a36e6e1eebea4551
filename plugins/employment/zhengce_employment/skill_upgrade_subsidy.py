"""技能提升补贴 — 人社部发〔2024〕40号 三.

Applicability: an enterprise employee insured against unemployment for a year or more, or a
recipient of unemployment benefit, who obtained a vocational-qualification or skill-level
certificate at level 5, 4 or 3, claims in 2024, in a province whose fund reserve covers a year or
more (an input), within the limits of the notice: at most three subsidies a year, one per
occupation and level, none for a certificate for which a vocational-training subsidy was received
(不得重复享受), none for a lower level after a higher one in the same occupation.  Evaluation: the
cap of the level (1,000 / 1,500 / 2,000 元; the amount paid is local) and the claims left that year.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from ._common import T, explain as _explain
from .facts import CertificateKind, PriorSubsidy, SkillClaimant, SubsidyKind

POLICY_ID = "employment.skill_upgrade_subsidy"
PARAMETERS = load_parameters("zhengce_employment", "parameters/skill_upgrade_subsidy.yaml")
S = "skill_upgrade_claim"
CAPS = {5: "cap.level5", 4: "cap.level4", 3: "cap.level3"}
LEVEL_NAMES = {5: ("初级（五级）", "basic (level 5)"), 4: ("中级（四级）", "intermediate (level 4)"), 3: ("高级（三级）", "advanced (level 3)")}
CERTIFICATES = (CertificateKind.VOCATIONAL_QUALIFICATION, CertificateKind.SKILL_LEVEL)


def any_prior(priors: tuple[PriorSubsidy, ...], kind: SubsidyKind, test: Callable[[PriorSubsidy], bool | None]) -> tuple[bool | None, list[str]]:
    """Whether a prior subsidy of ``kind`` meets ``test`` (three-valued), and the facts that would decide it."""
    unknown: list[str] = []
    for i, prior in enumerate(priors):
        if prior.kind is not None and prior.kind is not kind:
            continue
        found = None if prior.kind is None else test(prior)
        if found:
            return True, []
        if found is None:
            unknown += [f"{S}.prior_subsidies[{i}].{f}" for f in ("kind", "occupation", "level") if getattr(prior, f) is None]
    return (None, unknown) if unknown else (False, [])


def same_occupation(claim, prior: PriorSubsidy) -> bool | None:
    return None if claim.occupation is None or prior.occupation is None else prior.occupation == claim.occupation


def claims_this_year(claim) -> tuple[int, int]:
    """(skill-upgrade subsidies received in the claim's calendar year, those of unknown day)."""
    year = claim.applied_on.year
    ups = [s for s in claim.prior_subsidies if s.kind is SubsidyKind.SKILL_UPGRADE]
    return sum(1 for s in ups if s.received_on is not None and s.received_on.year == year), sum(1 for s in ups if s.received_on is None)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    c = case.skill_upgrade_claim
    p = Lookup(params, c.applied_on, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    period = p.criterion("period")
    conds.check("in_period", T(f"申请之日在执行期内（{period.valid_from} 至 {period.value}，含当日）",
                               f"The claim is made within the period ({period.valid_from} to {period.value}, inclusive)"),
                None if c.applied_on is None else p("period") is not None, facts={f"{S}.applied_on": c.applied_on},
                cite=period, note=p.reading("period"))

    months = p.value("eligible.insured_months")
    if c.claimant is SkillClaimant.ENTERPRISE_EMPLOYEE:
        met = None if c.insured_months is None else c.insured_months >= months.value
        facts = {f"{S}.claimant": c.claimant, f"{S}.insured_months": c.insured_months}
    else:
        met = None if c.claimant is None else c.claimant is SkillClaimant.UI_BENEFIT_RECIPIENT
        facts = {f"{S}.claimant": c.claimant}
    conds.check("claimant", T(f"参加失业保险 {months.value} 个月以上（含）的企业在职职工，或领取失业保险金人员",
                              f"An enterprise employee insured for {months.value} months or more, or a recipient of unemployment benefit"),
                met, facts=facts, cite=months, note=p.reading("eligible.insured_months"))

    cap_rule = p.value("cap.level5")
    kind, level = c.certificate_kind, c.certificate_level
    met = False if kind is CertificateKind.OTHER or (level is not None and level not in CAPS) else (
        None if kind is None or level is None else True)
    conds.check("certificate", T("取得技能人员职业资格证书或职业技能等级证书，等级为初级（五级）、中级（四级）或高级（三级）",
                                 "A vocational-qualification or skill-level certificate at level 5, 4 or 3"),
                met, facts={f"{S}.certificate_kind": kind, f"{S}.certificate_level": level}, cite=cap_rule,
                note=p.reading("cap.level3"))

    per_year = p.value("limit.per_year")
    if c.applied_on is None:
        met, missing = None, [f"{S}.applied_on"]
    else:
        counted, undated = claims_this_year(c)
        met = False if counted >= per_year.value else (None if counted + undated >= per_year.value else True)
        missing = [f"{S}.prior_subsidies[{i}].received_on" for i, s in enumerate(c.prior_subsidies)
                   if s.kind is SubsidyKind.SKILL_UPGRADE and s.received_on is None]
    conds.check("per_year_limit", T(f"本年度已享受的技能提升补贴少于 {per_year.value} 次", f"Fewer than {per_year.value} skill-upgrade subsidies received this year"),
                met, facts={f"{S}.applied_on": c.applied_on, f"{S}.prior_subsidies": len(c.prior_subsidies)}, missing=missing,
                cite=per_year, note=p.reading("limit.per_year"))

    def same_post(prior: PriorSubsidy) -> bool | None:
        occ = same_occupation(c, prior)
        if occ is False:
            return False
        lvl = None if level is None or prior.level is None else prior.level == level
        return False if lvl is False else (None if occ is None or lvl is None else True)

    def higher_before(prior: PriorSubsidy) -> bool | None:
        occ = same_occupation(c, prior)
        if occ is False:
            return False
        lvl = None if level is None or prior.level is None else prior.level < level
        return False if lvl is False else (None if occ is None or lvl is None else True)

    limits = (
        ("once_per_occupation_level", "limit.once_per_occupation_level", SubsidyKind.SKILL_UPGRADE, same_post),
        ("not_with_training_subsidy", "limit.not_with_training_subsidy", SubsidyKind.VOCATIONAL_TRAINING, same_post),
        ("no_lower_after_higher", "limit.no_lower_after_higher", SubsidyKind.SKILL_UPGRADE, higher_before),
    )
    for step_id, name, kind_, test in limits:
        hit, gaps = any_prior(c.prior_subsidies, kind_, test)
        if hit is None:
            gaps = [g for g, v in ((f"{S}.occupation", c.occupation), (f"{S}.certificate_level", level)) if v is None] + gaps
        conds.check(step_id, p.params[name].label, None if hit is None else not hit,
                    facts={f"{S}.occupation": c.occupation, f"{S}.certificate_level": level}, missing=gaps,
                    cite=p.value(name), note=p.reading(name))

    reserve = p.value("province.reserve_years")
    years = c.province_reserve_years
    conds.check("province_reserve", T(f"所在省份上年度失业保险基金滚存结余备付期限在 {reserve.value} 年以上（含）",
                                      f"The province's carried-over fund balance covers {reserve.value} year of spending or more"),
                None if years is None else years >= reserve.value, facts={f"{S}.province_reserve_years": years}, cite=reserve,
                note=p.reading("province.reserve_years"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    c = case.skill_upgrade_claim
    p = Lookup(params, c.applied_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    rule = p.value(CAPS[c.certificate_level])
    zh, en = LEVEL_NAMES[c.certificate_level]
    calc.amount("subsidy_cap", p.money(rule.value), T(f"{zh}证书技能提升补贴上限", f"Subsidy cap, {en} certificate"),
                facts={f"{S}.certificate_level": c.certificate_level}, cite=rule)
    per_year = p.value("limit.per_year")
    counted, _ = claims_this_year(c)
    calc.amount("claims_left_this_year", Decimal(per_year.value - counted - 1), T("本次之后本年度还可享受的次数", "Subsidies left this year after this one"),
                formula=f"{per_year.value} − {counted} − 1", unit="count", cite=per_year)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, names={"subsidy_cap": ("补贴上限", "subsidy cap"), "claims_left_this_year": ("本年度剩余次数", "claims left this year")},
                    note=T("实际补贴标准由各地在上限内确定", "The amount actually paid is set locally within the cap"))
