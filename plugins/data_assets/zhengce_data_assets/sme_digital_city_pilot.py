"""2024 年中小企业数字化转型城市试点（第二批） — 财办建〔2024〕23号.

City eligibility (prefecture level or above, not in the first batch, documents
in by 2024-05-31), the province's recommendation quota (2 above 15,000
above-scale industrial SMEs at end-2023, else 1; the XPCC apart), the two-year
implementation period, and the end-of-pilot digital-level indicators.  The
notice sets no amount of money (funding follows 财建〔2023〕117号, not in the seed).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.reference import regions
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading

POLICY_ID = "data_assets.sme_digital_city_pilot"
XPCC_NAMES = ("新疆生产建设兵团", "兵团", "xpcc")

NO_AMOUNT = T(zh="财办建〔2024〕23号未规定资金数额；资金分配和使用、东中西部被改造企业数量按财建〔2023〕117号执行，该文件不在本法规汇编中",
              en="财办建〔2024〕23号 sets no amount of money; funding and the number of enterprises to transform by region follow 财建〔2023〕117号, which is not in the seed")


def add_years(day: date, years: int) -> date:
    """The same calendar date ``years`` later (29 February → 1 March in a common year)."""
    y = day.year + years
    if day.day > calendar.monthrange(y, day.month)[1]:
        return date(y, day.month + 1, 1)
    return date(y, day.month, day.day)


def pilot_end(approved: date, years: int) -> date:
    """Last day of a period of ``years`` years counted from ``approved`` inclusive."""
    return add_years(approved, years) - timedelta(days=1)


def is_xpcc(pilot) -> bool:
    return pilot.city_level is not None and pilot.city_level.value == "xpcc" or (pilot.province or "").strip() in XPCC_NAMES


def province_quota(province: str | None, count: int | None, xpcc: bool, params: ParameterSet, known_at) -> tuple[int | None, dict]:
    """The province's quota and how it was decided: (quota, info)."""
    threshold = criterion(params, "quota.threshold", known_at)
    named = criterion(params, "quota.named_provinces", known_at)
    large, other = criterion(params, "quota.large", known_at), criterion(params, "quota.other", known_at)
    if xpcc:
        return other.value, {"basis": "xpcc", "cite": criterion(params, "quota.xpcc_separate", known_at)}
    table = regions()
    prov = table.province(province)
    if prov is None:
        return None, {"basis": "unknown_province"}
    named_codes = {table.province(n).code for n in named.value}
    in_list = prov.code in named_codes
    above_by_count = None if count is None else count > threshold.value
    conflict = above_by_count is not None and above_by_count != in_list
    return (large.value if in_list else other.value), {
        "basis": "named_list", "province": prov, "in_list": in_list, "above_by_count": above_by_count,
        "conflict": conflict, "cite": large if in_list else other, "named": named, "threshold": threshold}


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    pilot = case.sme_digital_city_pilot
    conds = Conditions()
    levels = criterion(params, "city.levels", ctx.known_at)
    level = pilot.city_level if pilot else None
    conds.check("city_level", T(zh="申报城市为地级市及以上（省会城市、其他地级市、直辖市所辖区县或兵团）",
                                en="The city is at prefecture level or above (provincial capital, other prefecture city, district/county of a municipality, or the XPCC)"),
                None if level is None else level.value in levels.value,
                facts={"sme_digital_city_pilot.city_level": level}, cite=levels, note=reading(params, "city.levels"))
    first = criterion(params, "city.first_batch_excluded", ctx.known_at)
    in_first = pilot.in_first_batch if pilot else None
    conds.check("not_first_batch", T(zh="城市未纳入首批试点范围", en="The city is not in the first batch"),
                None if in_first is None else not (in_first and first.value),
                facts={"sme_digital_city_pilot.in_first_batch": in_first}, cite=first)
    deadline = criterion(params, "deadline", ctx.known_at)
    sub = pilot.submitted_on if pilot else None
    conds.check("submitted_by_deadline", T(zh=f"申报材料于 {deadline.value} 前（含当日）报送两部门",
                                            en=f"The documents reached the two ministries on or before {deadline.value}"),
                None if sub is None else sub <= deadline.value,
                facts={"sme_digital_city_pilot.submitted_on": sub}, cite=deadline, note=reading(params, "deadline"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    pilot = case.sme_digital_city_pilot
    calc = Calculation()
    k = ctx.known_at
    levels = criterion(params, "city.levels", k)
    calc.finding("city_eligible", FindingStatus.MET, T(zh="城市符合第二批试点申报条件", en="The city may apply for the second batch"),
                 facts={"sme_digital_city_pilot.city": pilot.city}, cite=levels)
    deadline = criterion(params, "deadline", k)
    calc.date("submission_deadline", deadline.value, T(zh="申报截止日（含当日）", en="Submission deadline (inclusive)"), cite=deadline)
    _quota(pilot, params, k, calc)
    end = _period(pilot, params, k, calc)
    _indicators(pilot, params, k, calc, end)
    batch = criterion(params, "batch.size", k)
    calc.info("batch_size", T(zh="第二批试点城市数量（约数）", en="Cities in the second batch (approximate)"), value=batch.value,
              cite=batch, note=reading(params, "batch.size"))
    ext = criterion(params, "external.regional_quotas", k)
    calc.info("no_amount", T(zh="资金数额与分区域改造企业数量", en="Amounts and enterprises to transform by region"), value="—",
              cite=ext, note=NO_AMOUNT)
    return calc.result()


def _quota(pilot, params: ParameterSet, k, calc: Calculation) -> None:
    xpcc = is_xpcc(pilot)
    count = pilot.province_above_scale_sme_count_2023
    quota, how = province_quota(pilot.province, count, xpcc, params, k)
    facts = {"sme_digital_city_pilot.province": pilot.province, "sme_digital_city_pilot.province_above_scale_sme_count_2023": count}
    if quota is None:
        calc.need("sme_digital_city_pilot.province")
        calc.finding("within_quota", FindingStatus.UNKNOWN, T(zh="推荐城市数不超过本省名额", en="The province's recommendations are within its quota"),
                     detail=T(zh="无法识别推荐省份", en="The recommending province is not recognised"), facts=facts)
        return
    if xpcc:
        note = reading(params, "quota.xpcc_separate")
    else:
        th = how["threshold"].value
        basis = T(zh=f"{how['province'].name}{'列' if how['in_list'] else '未列'}于文件所列12个省份（规上工业中小企业数量超过 {th} 家）",
                  en=f"{how['province'].en} is {'' if how['in_list'] else 'not '}among the 12 provinces the notice names as above {th}")
        calc.info("quota_basis", T(zh="名额依据", en="Basis of the quota"), value=how["in_list"], facts=facts, cite=how["named"],
                  note=basis)
        label = T(zh="给出的规上工业中小企业数量与文件列明的省份名单一致", en="The given SME count agrees with the notice's list")
        if count is None:  # nothing to compare: the label says so rather than claim an agreement
            calc.finding("named_list_consistency", FindingStatus.INFO,
                         T(zh="未给出规上工业中小企业数量：名额按文件列明的省份名单认定", en="No SME count given: the quota follows the notice's list of provinces"),
                         facts=facts, cite=how["named"])
        else:
            calc.finding("named_list_consistency", FindingStatus.NOT_MET if how["conflict"] else FindingStatus.MET, label,
                         detail=T(zh=f"数量 {count} {'超过' if how['above_by_count'] else '未超过'} {th}" + ("；与名单矛盾，以文件名单为准" if how["conflict"] else ""),
                                  en=f"count {count} is {'above' if how['above_by_count'] else 'not above'} {th}" + ("; contradicts the list, which governs" if how["conflict"] else "")),
                         facts=facts, cite=how["threshold"])
        note = reading(params, "quota.named_provinces")
    calc.amount("province_quota", Decimal(quota), T(zh="本省最多推荐城市数", en="Most cities the province may recommend"), unit="cities",
                facts=facts, cite=how["cite"], note=note)
    rec = pilot.province_recommended_cities
    status = FindingStatus.UNKNOWN if rec is None else (FindingStatus.MET if rec <= quota else FindingStatus.NOT_MET)
    calc.finding("within_quota", status, T(zh=f"推荐城市数不超过 {quota} 个", en=f"At most {quota} recommended cities"),
                 facts={"sme_digital_city_pilot.province_recommended_cities": rec}, cite=how["cite"])


def _period(pilot, params: ParameterSet, k, calc: Calculation) -> date | None:
    years = criterion(params, "period.years", k)
    if pilot.plan_approved_on is None:
        calc.info("implementation_period", T(zh="实施期两年，自实施方案批复之日起算（批复日未给出）",
                                             en="Two-year implementation period from plan approval (approval day not given)"), cite=years)
        return None
    calc.date("pilot_starts", pilot.plan_approved_on, T(zh="实施期起始日（批复日）", en="Implementation starts (approval day)"),
              facts={"sme_digital_city_pilot.plan_approved_on": pilot.plan_approved_on}, cite=years)
    end = pilot_end(pilot.plan_approved_on, years.value)
    calc.date("pilot_ends", end, T(zh="实施期届满日", en="Implementation period ends"),
              formula=f"{pilot.plan_approved_on} + {years.value} 年 − 1 日", facts={"sme_digital_city_pilot.plan_approved_on": pilot.plan_approved_on},
              cite=years)
    return end


def _indicators(pilot, params: ParameterSet, k, calc: Calculation, end: date | None) -> None:
    subs = pilot.sub_industries or ()
    if not subs:
        return
    share = criterion(params, "target.share", k)
    level = criterion(params, "target.level", k)
    giants = criterion(params, "target.little_giants_level", k)
    measured = pilot.results_measured_on
    early = end is not None and measured is not None and measured < end
    timing = T(zh=f"实施期至 {end} 届满，测量日 {measured}：尚未到期", en=f"The period runs to {end}; measured {measured}: not yet due") if early else None
    for i, s in enumerate(subs, start=1):
        name = s.name or f"#{i}"
        base = f"sme_digital_city_pilot.sub_industries[{i - 1}]"
        facts = {f"{base}.target_smes": s.target_smes, f"{base}.target_smes_level2_plus": s.target_smes_level2_plus}
        label = T(zh=f"细分行业“{name}”：规上工业及省级专精特新中小企业数字化水平{level.value}级及以上比例达到 {share.value * 100:.0f}% 以上",
                  en=f"Sub-industry “{name}”: at least {share.value * 100:.0f}% of above-scale and provincial 专精特新 SMEs at level {level.value}+")
        if s.target_smes is None or s.target_smes_level2_plus is None:
            status, detail = FindingStatus.UNKNOWN, None
        elif s.target_smes == 0:
            status, detail = FindingStatus.INFO, T(zh="该细分行业无此类企业", en="No such enterprise in the sub-industry")
        else:
            ok = Decimal(s.target_smes_level2_plus) >= share.value * s.target_smes
            ratio = (Decimal(s.target_smes_level2_plus) / s.target_smes).quantize(Decimal("0.0001"))
            status = FindingStatus.NOT_YET_DUE if early else (FindingStatus.MET if ok else FindingStatus.NOT_MET)
            detail = T(zh=f"{s.target_smes_level2_plus}/{s.target_smes} = {ratio}{'，' + timing.zh if timing else ''}",
                       en=f"{s.target_smes_level2_plus}/{s.target_smes} = {ratio}{'; ' + timing.en if timing else ''}")
        calc.finding(f"sub_industry_{i}_share", status, label, detail=detail, facts=facts, cite=share)
        gfacts = {f"{base}.little_giants": s.little_giants, f"{base}.little_giants_level2_plus": s.little_giants_level2_plus}
        glabel = T(zh=f"细分行业“{name}”：国家级“小巨人”企业数字化水平均达到{giants.value}级及以上",
                   en=f"Sub-industry “{name}”: every national 小巨人 at level {giants.value}+")
        if s.little_giants is None or s.little_giants_level2_plus is None:
            gstatus, gdetail = FindingStatus.UNKNOWN, None
        elif s.little_giants == 0:
            gstatus, gdetail = FindingStatus.INFO, T(zh="该细分行业无“小巨人”企业", en="No 小巨人 in the sub-industry")
        else:
            ok = s.little_giants_level2_plus >= s.little_giants
            gstatus = FindingStatus.NOT_YET_DUE if early else (FindingStatus.MET if ok else FindingStatus.NOT_MET)
            gdetail = T(zh=f"{s.little_giants_level2_plus}/{s.little_giants}", en=f"{s.little_giants_level2_plus}/{s.little_giants}")
        calc.finding(f"sub_industry_{i}_little_giants", gstatus, glabel, detail=gdetail, facts=gfacts, cite=giants)
    below = criterion(params, "target.below_scale", k)
    calc.finding("below_scale_smes", FindingStatus.INFO, T(zh="规下工业中小企业二级及以上比例应明显提升（文件未给出数值）",
                                                          en="Below-scale SMEs at level 2+ must rise markedly (the notice gives no number)"), cite=below)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
