"""融资信用服务平台整合 — 国办发〔2024〕15号 二（二）.

In principle one provincial financing credit-service platform per province, at most one platform per
city and per county, every local platform in the national integrated network, consolidation done by the
end of December 2024.  Numbers and readings are in ``parameters/credit_platform_consolidation.yaml``.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions, finding_status

from ._common import Params, T
from ._common import explain as _explain

POLICY_ID = "finance.credit_platform_consolidation"
S = "credit_platform_region"

LEVEL_WORDS = {"province": ("省级平台", "provincial platforms"), "city": ("该市设立的平台", "platforms set up by the city"),
               "county": ("该县设立的平台", "platforms set up by the county")}


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    sec = case.credit_platform_region
    p = Params(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    conds.check("level", T(zh="平台所属行政层级已知", en="The administrative level of the platforms is known"),
                None if sec.level is None else True, facts={f"{S}.level": sec.level}, cite=p("local.max"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    sec = case.credit_platform_region
    p = Params(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    level = sec.level.value
    name = "provincial.max" if level == "province" else "local.max"
    cap = p(name)
    n = sec.platforms
    zh, en = LEVEL_WORDS[level]
    if n is None:
        calc.need(f"{S}.platforms")
        calc.finding("platform_count", FindingStatus.UNKNOWN, T(zh=f"{zh}数量未知", en=f"Number of {en} unknown"), cite=cap)
    else:
        ok = n <= cap.value
        calc.finding("platform_count", FindingStatus.MET if ok else FindingStatus.NOT_MET,
                     T(zh=f"{zh} {n} 个，" + ("不超过" if ok else "超过") + f" {cap.value} 个",
                       en=f"{n} {en}, " + ("within" if ok else "above") + f" the limit of {cap.value}"),
                     detail=p.reading(name), facts={f"{S}.platforms": n}, cite=cap)
    net = p("network.all_included")
    if sec.all_in_national_network is not None:
        calc.finding("in_national_network", finding_status(sec.all_in_national_network),
                     T(zh="地方平台均已纳入全国一体化平台网络", en="Every local platform is in the national integrated network"),
                     facts={f"{S}.all_in_national_network": sec.all_in_national_network}, cite=net)
    by = p("consolidation.by")
    done = sec.consolidation_completed_on
    if done is None:
        status = FindingStatus.NOT_YET_DUE if ctx.as_of <= by.value else FindingStatus.UNKNOWN
        if status is FindingStatus.UNKNOWN:
            calc.need(f"{S}.consolidation_completed_on")
        calc.finding("consolidated_in_time", status, T(zh=f"于 {by.value} 前完成平台整合", en=f"Consolidation completed by {by.value}"),
                     detail=p.reading("consolidation.by"), facts={f"{S}.consolidation_completed_on": None}, cite=by)
    else:
        ok = done <= by.value
        calc.finding("consolidated_in_time", FindingStatus.MET if ok else FindingStatus.NOT_MET,
                     T(zh=f"于 {by.value} 前完成平台整合" if ok else f"平台整合晚于 {by.value} 完成",
                       en=f"Consolidation completed by {by.value}" if ok else f"Consolidation completed after {by.value}"),
                     detail=p.reading("consolidation.by"), facts={f"{S}.consolidation_completed_on": done}, cite=by)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, {})
