"""中小企业数字化赋能专项行动（2025—2027 年）: support routing — 工信部联企业〔2024〕239号 二（二）3–5.

Which retrofit support the plan routes an SME to, by its digital level and status:

* item 4: priority for integrated software-hardware retrofits to provincial 专精特新 SMEs
  or above-scale industrial SMEs at digital level 2 or below; level 3 and above are
  encouraged to benchmark against industry leaders;
* item 3: national 小巨人 are filed one by one (建档立卡, 一企一策) and routed to key-system
  integration (level 2 or below) or high-value integrated innovation (level 3 or above);
* item 5: inclusive cloud/data/intelligence services for small and micro enterprises.

The levels are defined by the attachment of 工信厅企业〔2024〕56号 (URL only): an input.
The plan sets no amount of money.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading

POLICY_ID = "data_assets.sme_digital_empowerment_support"
SECTION = "sme_digital_empowerment_enterprise"

NO_AMOUNT = T(zh="工信部联企业〔2024〕239号未规定任何资金数额：中央财政资金“发挥引导作用”、地方贴息和“上云券”“算力券”均只作鼓励，未给出比例或金额；数字化水平按工信厅企业〔2024〕56号附件《中小企业数字化水平评测指标（2024 年版）》评定，该附件不在本法规汇编中，等级为个案输入",
              en="工信部联企业〔2024〕239号 sets no amount of money: central funds only \"guide\", local interest subsidies and cloud/compute vouchers are encouraged with no rate or amount; digital levels are assessed under the 2024 indicators attached to 工信厅企业〔2024〕56号, which are not in the seed, so the level is a case input")


def any_true(*values: bool | None) -> bool | None:
    """Three-valued OR: True if any is True, False if all are False, else None."""
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def level_of(value: int | None) -> int | None:
    """A digital level is an ordinal 1, 2, 3, …; anything else is treated as not given."""
    return value if value is not None and value >= 1 else None


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    e = getattr(case, SECTION)
    conds = Conditions()
    start, end = criterion(params, "plan.start", ctx.known_at), criterion(params, "plan.end", ctx.known_at)
    conds.check("is_sme", T(zh="申请主体为中小企业", en="The applicant is an SME"), e.is_sme,
                facts={f"{SECTION}.is_sme": e.is_sme}, cite=start)
    day = e.support_sought_on
    conds.check("within_plan_period", T(zh=f"申请支持之日在专项行动期 {start.value} 至 {end.value} 内（含首尾）",
                                        en=f"Support is sought within the plan period {start.value} to {end.value} (both inclusive)"),
                None if day is None else start.value <= day <= end.value,
                facts={f"{SECTION}.support_sought_on": day}, cite=end, note=reading(params, "plan.end"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    e = getattr(case, SECTION)
    k = ctx.known_at
    calc = Calculation()
    level = level_of(e.digital_level)
    defs = criterion(params, "external.level_definitions", k)
    lfacts = {f"{SECTION}.digital_level": e.digital_level}
    if level is None:
        calc.need(f"{SECTION}.digital_level")
        calc.info("digital_level", T(zh="数字化水平等级（未给出或无效）", en="Digital level (not given or not valid)"),
                  facts=lfacts, cite=defs, note=T(zh="等级按工信厅企业〔2024〕56号评测指标评定（附件不在本汇编中）",
                                                   en="Levels are assessed under 工信厅企业〔2024〕56号's indicators (attachment not in the seed)"))
    else:
        calc.info("digital_level", T(zh="数字化水平等级", en="Digital level"), value=level, facts=lfacts, cite=defs)
    _priority(e, level, params, k, calc)
    _little_giant(e, level, params, k, calc)
    if e.small_or_micro:
        svc = criterion(params, "small_micro.services", k)
        calc.finding("small_micro_services", FindingStatus.INFO,
                     T(zh="小微企业：可获普惠性“上云用数赋智”服务（文件未定金额）", en="Small or micro enterprise: inclusive cloud, data and intelligence services (no amount set)"),
                     facts={f"{SECTION}.small_or_micro": e.small_or_micro}, cite=svc)
    calc.info("no_amount", T(zh="资金支持数额", en="Amount of support"), value="—",
              cite=criterion(params, "funding.interest_subsidy", k), note=NO_AMOUNT)
    return calc.result()


def _priority(e, level: int | None, params: ParameterSet, k, calc: Calculation) -> None:
    max_level = criterion(params, "priority.max_level", k)
    groups = criterion(params, "priority.groups", k)
    in_group = any_true(e.provincial_srdi_sme, e.above_scale_industrial_sme)
    low = None if level is None else level <= max_level.value
    facts = {f"{SECTION}.provincial_srdi_sme": e.provincial_srdi_sme,
             f"{SECTION}.above_scale_industrial_sme": e.above_scale_industrial_sme, f"{SECTION}.digital_level": e.digital_level}
    label = T(zh=f"优先支持实施软硬件一体化改造（省级专精特新中小企业或规上工业中小企业，数字化水平{max_level.value}级及以下）",
              en=f"Priority for an integrated software-hardware retrofit (provincial 专精特新 or above-scale industrial SME at level {max_level.value} or below)")
    if in_group is False or low is False:
        status = FindingStatus.NOT_MET
        detail = T(zh="不属于省级专精特新中小企业或规上工业中小企业" if in_group is False else f"数字化水平 {level} 级高于 {max_level.value} 级",
                   en="Neither a provincial 专精特新 SME nor an above-scale industrial SME" if in_group is False else f"level {level} is above {max_level.value}")
    elif in_group and low:
        status, detail = FindingStatus.MET, T(zh=f"{level} ≤ {max_level.value}", en=f"{level} ≤ {max_level.value}")
    else:
        status, detail = FindingStatus.UNKNOWN, None
    calc.finding("priority_support", status, label, detail=detail, facts=facts, cite=max_level)
    calc.info("priority_groups", T(zh="优先支持的企业类别", en="Groups given priority"), value="、".join(groups.value),
              cite=groups, note=reading(params, "priority.groups"))
    higher = criterion(params, "higher_retrofit.min_level", k)
    if in_group is not False and level is not None and level >= higher.value:
        calc.finding("higher_level_retrofit_encouraged", FindingStatus.INFO,
                     T(zh=f"数字化水平{higher.value}级及以上：鼓励对标同行业标杆企业开展更高水平改造（非优先支持）",
                       en=f"Level {higher.value} or above: encouraged to benchmark against industry leaders and retrofit further (no priority)"),
                     facts=facts, cite=higher)


def _little_giant(e, level: int | None, params: ParameterSet, k, calc: Calculation) -> None:
    if e.little_giant is False:
        return
    low = criterion(params, "little_giant.integration_max_level", k)
    high = criterion(params, "little_giant.innovation_min_level", k)
    facts = {f"{SECTION}.little_giant": e.little_giant, f"{SECTION}.digital_level": e.digital_level}
    if e.little_giant is True:
        calc.finding("little_giant_filing", FindingStatus.DUTY,
                     T(zh="主管部门对“小巨人”企业建档立卡、一企一策推动数字化水平提升", en="The authorities file the 小巨人 and give it its own plan"),
                     facts=facts, cite=criterion(params, "little_giant.filing", k))

    bench = criterion(params, "little_giant.benchmark_level", k)
    labels = {
        "little_giant_integration_track": (low, T(zh=f"“小巨人”数字化水平{low.value}级及以下：加强关键业务系统部署应用与跨系统集成改造",
                                                   en=f"小巨人 at level {low.value} or below: key business systems and cross-system integration")),
        "little_giant_innovation_track": (high, T(zh=f"“小巨人”数字化水平{high.value}级及以上：开展高价值集成应用创新、系统化集成改造（培育{bench.value}级标杆）",
                                                  en=f"小巨人 at level {high.value} or above: high-value integrated innovation (cultivating level-{bench.value} benchmarks)")),
    }
    if e.little_giant is None or level is None:
        calc.finding("little_giant_track", FindingStatus.UNKNOWN, T(zh="“小巨人”改造分档", en="小巨人 retrofit track"),
                     detail=T(zh="是否“小巨人”或数字化水平未知", en="Whether a 小巨人, or the level, is unknown"), facts=facts, cite=low)
        return
    # the two tracks partition the levels: "二级及以下" and "三级及以上"
    if level <= low.value:
        fid = "little_giant_integration_track"
    elif level >= high.value:
        fid = "little_giant_innovation_track"
    else:  # only if a later value left a gap between the two tracks
        calc.finding("little_giant_track", FindingStatus.UNKNOWN, T(zh="“小巨人”改造分档", en="小巨人 retrofit track"),
                     detail=T(zh=f"数字化水平 {level} 级不属于文件所列任何一档", en=f"level {level} is in neither track"), facts=facts, cite=low)
        return
    cite, label = labels[fid]
    calc.finding(fid, FindingStatus.INFO, label, detail=T(zh=f"数字化水平 {level} 级", en=f"level {level}"), facts=facts, cite=cite)


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
