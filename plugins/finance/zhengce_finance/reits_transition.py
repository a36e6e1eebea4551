"""基础设施 REITs 常态化发行的过渡规则 — 发改投资〔2024〕1014号.

Which requirements a project follows: one the NDRC had formally accepted, or
had recommended to the CSRC, before the notice took effect keeps the original
申报要求 (and may opt into the new rules on the use of recovered funds); any
other follows 1014号's.  The 申报要求 themselves are an attachment the seed does
not reproduce, so nothing more is computed.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.reits_transition"
S = "infrastructure_reits_project"


def _standing(project, start) -> bool | None:
    """True: accepted or recommended before ``start``; False: not; None: unknown."""
    days = [d for d in (project.formally_accepted_on, project.recommended_to_csrc_on) if d is not None]
    if any(d < start for d in days):
        return True
    if project.formally_accepted is False and project.recommended_to_csrc_on is None:
        return False
    if project.formally_accepted is True and project.formally_accepted_on is None:
        return None
    if days:
        return False
    return None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    project = case.infrastructure_reits_project
    p = Params(params, None, ctx.known_at)
    conds = Conditions()
    start = p("effective_from")
    known = None if project is None else _standing(project, start.value)
    facts = {f"{S}.formally_accepted": project.formally_accepted if project else None,
             f"{S}.formally_accepted_on": project.formally_accepted_on if project else None,
             f"{S}.recommended_to_csrc_on": project.recommended_to_csrc_on if project else None}
    conds.check("standing_known", T(zh=f"可确定项目在 {start.value} 前是否已被正式受理或推荐至中国证监会",
                                    en=f"Whether the project was formally accepted or recommended to the CSRC before {start.value} is known"),
                None if known is None else True, facts=facts,
                missing=[f"{S}.formally_accepted_on"] if known is None else [], cite=start, note=p.reading("effective_from"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    project = case.infrastructure_reits_project
    p = Params(params, None, ctx.known_at)
    calc = Calculation()
    start = p("effective_from")
    old = _standing(project, start.value)
    facts = {f"{S}.formally_accepted_on": project.formally_accepted_on, f"{S}.recommended_to_csrc_on": project.recommended_to_csrc_on}
    calc.finding("original_requirements", FindingStatus.MET if old else FindingStatus.NOT_MET,
                 T(zh="继续按照原申报要求执行", en="Keeps the original application requirements"),
                 detail=None if old else T(zh="按1014号及其《申报要求》执行（附件未收录于本文本）",
                                           en="Follows 1014号 and its 申报要求 (an attachment not reproduced in the seed)"),
                 facts=facts, cite=p("transition.original_requirements") if old else p("new.supersedes"))
    if old:
        calc.finding("recovered_funds_option", FindingStatus.INFO,
                     T(zh="回收资金使用方面可申请按照1014号要求调整使用方案", en="May apply to use recovered funds under 1014号's rules"),
                     cite=p("transition.recovered_funds_option"))
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    exp = _explain(result, title, lang, {})
    found = result.evaluation.finding("original_requirements") if result.evaluation else None
    if found is None:
        return exp
    zh = lang == "zh"
    extra = ("；适用原申报要求" if found.status is FindingStatus.MET else "；适用1014号新申报要求") if zh else \
        ("; the original requirements apply" if found.status is FindingStatus.MET else "; 1014号's new requirements apply")
    return Explanation(policy_id=exp.policy_id, lang=lang, title=exp.title, summary=exp.summary + extra, lines=exp.lines)
