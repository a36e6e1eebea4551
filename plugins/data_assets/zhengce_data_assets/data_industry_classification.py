"""数据产业环节与数据企业类型 — 发改数据〔2024〕1836号 序言、三.

Classifies what an enterprise does into the six named industry segments (an
open list: an unnamed activity is "unknown", never "out") and the six
data-enterprise types by the activities 三（一）–（六） describe.  The opinion
gives no qualification criterion and no amount for any type.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading

POLICY_ID = "data_assets.data_industry_classification"

NO_AMOUNT = T(zh="发改数据〔2024〕1836号未给出任何数据企业的认定条件或资金数额；中央预算内投资“对符合条件的数据产业项目予以支持”，条件与金额均未规定",
              en="发改数据〔2024〕1836号 gives no qualification criterion or amount for any data enterprise; central budget investment supports qualifying projects, with no criterion or amount stated")


SEGMENT_ZH = {  # the segment names as 发改数据〔2024〕1836号 writes them, for Chinese output
    "collection_aggregation": "数据采集汇聚", "compute_storage": "计算存储", "circulation_trading": "流通交易",
    "development_use": "开发利用", "security_governance": "安全治理", "infrastructure": "数据基础设施建设",
}


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    prof = case.data_enterprise_profile
    conds = Conditions()
    acts = prof.activities if prof else None
    segs = prof.segments if prof else None
    given = bool(acts) or bool(segs)
    conds.check("profile_given", T(zh="给出企业的数据活动或所属环节", en="The enterprise's data activities or segments are given"),
                True if given else None, facts={"data_enterprise_profile.activities": acts, "data_enterprise_profile.segments": segs},
                missing=["data_enterprise_profile.activities"], cite=criterion(params, "types", ctx.known_at))
    return conds.result()


def classify(activities, params: ParameterSet, known_at) -> list[str]:
    """The data-enterprise types whose named activities the enterprise carries on (parameter order)."""
    names = {a.value for a in activities or ()}
    return [t for t in criterion(params, "types", known_at).value if names & set(criterion(params, f"type.{t}", known_at).value)]


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    prof = case.data_enterprise_profile
    k = ctx.known_at
    calc = Calculation()
    segs = criterion(params, "segments", k)
    if prof.segments:
        named = [s for s in prof.segments if s.value in segs.value]
        if named:
            status, detail = FindingStatus.MET, T(zh="属于文件点名的数据产业环节：" + "、".join(SEGMENT_ZH.get(s.value, s.value) for s in named),
                                                  en="In a named data-industry segment: " + ", ".join(s.value for s in named))
        else:
            status, detail = FindingStatus.UNKNOWN, reading(params, "segments")
        calc.finding("in_data_industry", status, T(zh="属于数据产业", en="Part of the data industry"), detail=detail,
                     facts={"data_enterprise_profile.segments": ", ".join(s.value for s in prof.segments)}, cite=segs)
    if prof.activities:
        found = classify(prof.activities, params, k)
        facts = {"data_enterprise_profile.activities": ", ".join(a.value for a in prof.activities)}
        for t in criterion(params, "types", k).value:
            rule = criterion(params, f"type.{t}", k)
            calc.finding(f"type_{t}", FindingStatus.MET if t in found else FindingStatus.NOT_MET, params[f"type.{t}"].label,
                         facts=facts, cite=rule)
        if not found:
            calc.info("no_type", T(zh="所述活动不属于文件描述的六类数据企业中任何一类", en="None of the activities matches the six types as described"),
                      facts=facts, cite=criterion(params, "types", k))
    cdo = criterion(params, "support.chief_data_officer", k)
    calc.finding("chief_data_officer_encouraged", FindingStatus.INFO, params["support.chief_data_officer"].label, cite=cdo)
    calc.info("no_amount", T(zh="资金支持", en="Funding"), value="—", cite=criterion(params, "support.no_amount", k), note=NO_AMOUNT)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
