"""中小企业数字化赋能专项行动（2025—2027 年）: the 2027 national indicators — 工信部联企业〔2024〕239号.

Indicator checks, each with the comparator the text uses:

* pilot provincial 专精特新 SMEs "达到二级及以上" — every one at level 2 or above;
* NC rate of key processes "达到 75%" — ≥ 75%;
* SME cloud adoption "超过 40%" — > 40% (exactly 40% misses);
* "推动 4 万家以上中小企业…其中 1 万家专精特新中小企业" — ≥ 40,000 and ≥ 10,000.

Figures for a year before 2027 are ``not_yet_due`` (with whether they already reach the
bound).  "100 个左右城市" and "一批" benchmarks are shown, never judged.  No amount of money.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading

POLICY_ID = "data_assets.sme_digital_empowerment_targets"
SECTION = "sme_digital_empowerment_progress"

NO_AMOUNT = T(zh="工信部联企业〔2024〕239号只设目标，未规定任何资金数额（中央财政资金“发挥引导作用”，无金额）",
              en="工信部联企业〔2024〕239号 sets no amount of money: targets only (central funds \"guide\", no amount)")


def _pct(x: Decimal) -> str:
    return f"{(x * 100).normalize():f}%"


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = getattr(case, SECTION)
    conds = Conditions()
    first = criterion(params, "plan.first_year", ctx.known_at)
    target = criterion(params, "target.year", ctx.known_at)
    conds.check("year_in_plan", T(zh=f"统计年度在专项行动期 {first.value}—{target.value} 年内", en=f"The statistical year is within the plan, {first.value}–{target.value}"),
                None if p.year is None else first.value <= p.year <= target.value,
                facts={f"{SECTION}.year": p.year}, cite=first, note=reading(params, "target.year"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = getattr(case, SECTION)
    k = ctx.known_at
    calc = Calculation()
    target_year = criterion(params, "target.year", k).value
    early = p.year < target_year

    def judge(ok: bool) -> FindingStatus:
        return FindingStatus.NOT_YET_DUE if early else (FindingStatus.MET if ok else FindingStatus.NOT_MET)

    def pending(zh: str, en: str, ok: bool) -> Text:
        if not early:
            return T(zh=zh, en=en)
        return T(zh=f"{zh}；{target_year} 年目标尚未到期（目前{'已' if ok else '未'}达到）",
                 en=f"{en}; the {target_year} target is not yet due (currently {'reached' if ok else 'not reached'})")

    # 试点省级专精特新中小企业数字化水平达到二级及以上
    lvl = criterion(params, "target.pilot_srdi_level", k)
    total, up = p.pilot_provincial_srdi_smes, p.pilot_provincial_srdi_smes_level2_plus
    facts = {f"{SECTION}.pilot_provincial_srdi_smes": total, f"{SECTION}.pilot_provincial_srdi_smes_level2_plus": up}
    label = T(zh=f"试点省级专精特新中小企业数字化水平均达到{lvl.value}级及以上", en=f"Every pilot provincial 专精特新 SME at digital level {lvl.value} or above")
    if total is None or up is None or total < 0 or up < 0 or up > total:
        status, detail = FindingStatus.UNKNOWN, (None if total is None or up is None else T(zh="数字不一致", en="inconsistent counts"))
    elif total == 0:
        status, detail = FindingStatus.INFO, T(zh="无试点省级专精特新中小企业", en="No pilot provincial 专精特新 SME")
    else:
        ok = up >= total
        status, detail = judge(ok), pending(f"{up}/{total}", f"{up}/{total}", ok)
    calc.finding("pilot_srdi_level2", status, label, detail=detail, facts=facts, cite=lvl)

    # 关键工序数控化率达到 75%（≥）
    nc = criterion(params, "target.nc_rate", k)
    _rate(calc, "nc_rate", p.nc_rate_key_processes, nc, strict=False, judge=judge, pending=pending,
          label=T(zh=f"全国规上工业中小企业关键工序数控化率达到 {_pct(nc.value)}", en=f"NC rate of key processes reaches {_pct(nc.value)}"),
          path=f"{SECTION}.nc_rate_key_processes", note=reading(params, "target.nc_rate"))
    # 上云率超过 40%（>）
    cloud = criterion(params, "target.cloud_rate", k)
    _rate(calc, "cloud_rate", p.cloud_adoption_rate, cloud, strict=True, judge=judge, pending=pending,
          label=T(zh=f"中小企业上云率超过 {_pct(cloud.value)}", en=f"SME cloud adoption above {_pct(cloud.value)}"),
          path=f"{SECTION}.cloud_adoption_rate", note=reading(params, "target.cloud_rate"))

    # 4 万家以上中小企业，其中 1 万家专精特新中小企业
    for fid, value, pname, zh, en in (
        ("smes_transformed", p.smes_transformed, "target.smes_transformed", "推动开展数字化转型的中小企业", "SMEs brought into digital transformation"),
        ("srdi_smes_transformed", p.srdi_smes_transformed, "target.srdi_smes_transformed", "其中专精特新中小企业", "of them 专精特新 SMEs"),
    ):
        bound = criterion(params, pname, k)
        flabel = T(zh=f"{zh}不少于 {bound.value} 家", en=f"{en}: at least {bound.value}")
        path = f"{SECTION}.{fid}"
        if value is None or value < 0:
            calc.finding(fid, FindingStatus.UNKNOWN, flabel, facts={path: value}, cite=bound)
            continue
        ok = value >= bound.value
        calc.finding(fid, judge(ok), flabel, detail=pending(f"{value} {'≥' if ok else '<'} {bound.value}", f"{value} {'≥' if ok else '<'} {bound.value}", ok),
                     facts={path: value}, cite=bound)
        calc.info(f"{fid}_reading", T(zh="读法", en="Reading"), cite=bound, note=reading(params, pname))

    cities = criterion(params, "target.pilot_cities", k)
    calc.finding("pilot_cities", FindingStatus.INFO, T(zh=f"分批支持约 {cities.value} 个城市（约数，不作判断）", en=f"About {cities.value} cities supported (approximate, not judged)"),
                 detail=None if p.pilot_cities_supported is None else T(zh=f"已支持 {p.pilot_cities_supported} 个", en=f"{p.pilot_cities_supported} supported"),
                 facts={f"{SECTION}.pilot_cities_supported": p.pilot_cities_supported}, cite=cities)
    calc.finding("srdi_all_retrofitted", FindingStatus.INFO, T(zh="专精特新中小企业数字化改造应改尽改（定性目标，无数值）", en="Every 专精特新 SME that should be retrofitted is (qualitative, no figure)"),
                 cite=criterion(params, "target.srdi_all_retrofitted", k))
    bench = criterion(params, "target.benchmarks", k)
    calc.finding("benchmarks", FindingStatus.INFO, T(zh=f"形成一批数字化水平达到{'、'.join(bench.value)}级的转型标杆（无数量）", en=f"A batch of level {'/'.join(bench.value)} benchmarks (no number)"),
                 cite=bench)
    calc.info("no_amount", T(zh="资金数额", en="Amount of money"), value="—", cite=criterion(params, "funding.central", k), note=NO_AMOUNT)
    return calc.result()


def _rate(calc: Calculation, fid: str, value: Decimal | None, bound, *, strict: bool, judge, pending, label: Text, path: str, note: Text | None) -> None:
    if value is None or value < 0 or value > 1:
        detail = None if value is None else T(zh="比例须在 0 与 1 之间", en="a rate must lie between 0 and 1")
        calc.finding(fid, FindingStatus.UNKNOWN, label, detail=detail, facts={path: value}, cite=bound)
        return
    ok = value > bound.value if strict else value >= bound.value
    sign = (">" if ok else "≤") if strict else ("≥" if ok else "<")
    text = f"{_pct(value)} {sign} {_pct(bound.value)}"
    calc.finding(fid, judge(ok), label, detail=pending(text, text, ok), facts={path: value}, cite=bound)
    if note is not None:
        calc.info(f"{fid}_reading", T(zh="读法", en="Reading"), cite=bound, note=note)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
