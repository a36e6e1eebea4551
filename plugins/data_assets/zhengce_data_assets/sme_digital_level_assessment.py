"""中小企业数字化水平评测指标（2024 年版） — 工信厅企业〔2024〕56号.

How an SME's digital level is assessed, from 4 September 2024:

* use one — a voluntary self-reported assessment yields a result once the enterprise makes
  the truthfulness commitment; that result is the basis for the "数字化水平" indicator of the
  专精特新 SME recognition standard (工信部企业〔2022〕63号 附件2, not in the seed);
* use two — the assessment system is free for SMEs;
* use three — a pilot city's pilot enterprises are rated on site with the 2024 indicators.

The indicators (the level definitions) are a URL-only attachment: the level is an input.
The notice sets no amount of money; the system is free.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading

POLICY_ID = "data_assets.sme_digital_level_assessment"
SECTION = "sme_digital_level_assessment"
PILOT_USE = "pilot_city_enterprise"
SRDI_USE = "srdi_recognition"

NO_AMOUNT = T(zh="工信厅企业〔2024〕56号未规定任何资金数额，评测系统免费使用；评测指标及等级定义为附件（仅有网址，不在本法规汇编中），等级为个案输入",
              en="工信厅企业〔2024〕56号 sets no amount of money and the assessment system is free; the indicators and level definitions are a URL-only attachment not in the seed, so the level is a case input")


def _v(x) -> str | None:
    return None if x is None else x.value


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    a = getattr(case, SECTION)
    conds = Conditions()
    start = criterion(params, "indicators_2024.from", ctx.known_at)
    conds.check("is_sme", T(zh="被评测主体为中小企业", en="The assessed enterprise is an SME"), a.is_sme,
                facts={f"{SECTION}.is_sme": a.is_sme}, cite=criterion(params, "external.attachment", ctx.known_at))
    day = a.assessed_on
    conds.check("assessed_from_2024_version", T(zh=f"评测日不早于 {start.value}（2024 年版印发之日，含当日）",
                                                en=f"Assessed on or after {start.value} (the day the 2024 version was issued)"),
                None if day is None else day >= start.value, facts={f"{SECTION}.assessed_on": day}, cite=start,
                note=reading(params, "indicators_2024.from"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    a = getattr(case, SECTION)
    k = ctx.known_at
    calc = Calculation()
    start = criterion(params, "indicators_2024.from", k)
    calc.date("indicators_2024_from", start.value, T(zh="《评测指标（2024 年版）》印发之日", en="2024 indicators issued"), cite=start)
    method, version, use = _v(a.method), _v(a.indicator_version), _v(a.use)
    want_version = criterion(params, "required.version", k)
    self_method = criterion(params, "self_report.method", k)
    mfacts = {f"{SECTION}.method": a.method, f"{SECTION}.indicator_version": a.indicator_version,
              f"{SECTION}.truthfulness_commitment": a.truthfulness_commitment}

    # 使用方式一：自主填报 + 真实性承诺 → 评测结果
    result_obtained: bool | None = None
    if method == self_method.value:
        needs = criterion(params, "self_report.requires_commitment", k)
        c = a.truthfulness_commitment
        result_obtained = None if c is None else (c or not needs.value)
        calc.finding("self_report_result", common.tri(result_obtained),
                     T(zh="自主填报并进行真实性承诺，获得评测结果", en="Self-reported with the truthfulness commitment: a result is obtained"),
                     detail=None if c is not False else T(zh="未作真实性承诺，无评测结果", en="No truthfulness commitment, so no result"),
                     facts=mfacts, cite=needs)
    if use == SRDI_USE:
        _srdi_basis(a, method, version, result_obtained, params, k, calc, mfacts)

    # 使用方式三：试点城市试点企业 → 按 2024 年版现场评定
    pilot = True if (a.pilot_city_pilot_enterprise or use == PILOT_USE) else (False if a.pilot_city_pilot_enterprise is False else None)
    if pilot is not False:
        on_site = criterion(params, "pilot.method", k)
        pfacts = {f"{SECTION}.pilot_city_pilot_enterprise": a.pilot_city_pilot_enterprise, f"{SECTION}.use": a.use, **mfacts}
        label = T(zh="试点城市试点企业：按《评测指标（2024 年版）》现场评定数字化水平", en="Pilot enterprise of a pilot city: rated on site with the 2024 indicators")
        if pilot is None:
            status, detail = FindingStatus.UNKNOWN, T(zh="未说明是否试点城市试点企业", en="Whether it is a pilot enterprise is not stated")
        else:
            parts = [None if method is None else method == on_site.value, None if version is None else version == want_version.value]
            if False in parts:
                status = FindingStatus.NOT_MET
                detail = T(zh="未按 2024 年版现场评定，不能作为试点企业的等级评定", en="Not rated on site with the 2024 version: not a valid pilot-enterprise rating")
            elif None in parts:
                status, detail = FindingStatus.UNKNOWN, None
            else:
                status, detail = FindingStatus.MET, None
        calc.finding("pilot_on_site_assessment", status, label, detail=detail, facts=pfacts, cite=on_site)

    free = criterion(params, "system.free", k)
    calc.finding("system_free", FindingStatus.INFO, T(zh="评测系统（数字化转型板块）免费使用", en="The assessment system is free of charge"),
                 cite=free)
    attach = criterion(params, "external.attachment", k)
    lvl = a.digital_level
    calc.info("digital_level", T(zh="评测所得数字化水平等级（个案输入）", en="Digital level assessed (case input)"),
              value=lvl if lvl is not None and lvl >= 1 else None, facts={f"{SECTION}.digital_level": lvl}, cite=attach, note=NO_AMOUNT)
    return calc.result()


def _srdi_basis(a, method, version, result_obtained, params, k, calc: Calculation, mfacts) -> None:
    basis = criterion(params, "srdi.basis", k)
    want_version = criterion(params, "required.version", k)
    label = T(zh="评测结果可作为专精特新中小企业认定“数字化水平”指标的评价依据", en="The result can serve the 专精特新 recognition's \"digital level\" indicator")
    self_method = criterion(params, "self_report.method", k).value
    if method is not None and method != self_method:
        status = FindingStatus.INFO
        detail = T(zh="文件所称评测结果为自主填报所得；对其他方式的结果未作规定", en="The notice speaks of the self-reported result; it is silent on other methods")
    elif version is not None and version != want_version.value:
        status, detail = FindingStatus.NOT_MET, T(zh="未采用 2024 年版指标", en="Not assessed with the 2024 indicators")
    elif result_obtained is False:
        status, detail = FindingStatus.NOT_MET, T(zh="未作真实性承诺，无评测结果", en="No truthfulness commitment, so no result")
    elif method is None or version is None or result_obtained is None:
        status, detail = FindingStatus.UNKNOWN, None
    else:
        status = FindingStatus.MET
        detail = T(zh="认定标准（工信部企业〔2022〕63号附件2）不在本汇编中，等级要求不在此判断",
                   en="The recognition standard (工信部企业〔2022〕63号 annex 2) is not in the seed; its level requirement is not judged here")
    calc.finding("srdi_recognition_basis", status, label, detail=detail, facts={f"{SECTION}.use": a.use, **mfacts}, cite=basis)
    calc.info("srdi_basis_reading", T(zh="读法", en="Reading"), cite=basis, note=reading(params, "srdi.basis"))


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
