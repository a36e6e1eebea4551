"""Turn results into prose: the kernel's default explanation, used when a plugin's
``explain`` hook returns None, and the pieces plugins reuse for their own."""

from __future__ import annotations

import re
from collections.abc import Mapping

from zhengce.contracts import (
    Amount,
    Explanation,
    ExplanationLine,
    FindingStatus,
    Outcome,
    PolicyResult,
    Status,
    Step,
    Text,
)

from .policy import PolicySpec

MARKS = {
    Outcome.MET: "✓",
    Outcome.NOT_MET: "✗",
    Outcome.UNKNOWN: "?",
    Outcome.NOT_IN_FORCE: "∅",
    Outcome.EXPIRED: "⌛",  # every document has ended
    Outcome.OUTSIDE_JURISDICTION: "⊘",  # placed outside where the policy applies
    Outcome.DEPENDENCY: "↳",  # a policy this one reads is missing or failed
    Outcome.COMPUTED: "=",
    Outcome.INFO: "·",
}

STATUS_TEXT = {
    Status.APPLIES: {"zh": "适用", "en": "applies"},
    Status.DOES_NOT_APPLY: {"zh": "不适用", "en": "does not apply"},
    Status.CANNOT_TELL: {"zh": "无法判断（缺少事实）", "en": "cannot tell (facts missing)"},
    Status.ERROR: {"zh": "插件出错", "en": "plugin error"},
}


FINDING_WORDS = {
    FindingStatus.MET: {"zh": "满足", "en": "met"},
    FindingStatus.NOT_MET: {"zh": "不满足", "en": "not met"},
    FindingStatus.UNKNOWN: {"zh": "未知", "en": "unknown"},
    FindingStatus.NOT_YET_DUE: {"zh": "未到期", "en": "not yet due"},
    FindingStatus.DUTY: {"zh": "义务", "en": "duty"},
    FindingStatus.INFO: {"zh": "说明", "en": "note"},
}


UNIT_WORDS = {"CNY": {"zh": "元", "en": "CNY"}, "count": {"zh": "", "en": ""}, "days": {"zh": "日", "en": "days"},
              "day": {"zh": "日", "en": "days"}, "working_days": {"zh": "个工作日", "en": "working days"},
              "months": {"zh": "个月", "en": "months"}, "years": {"zh": "年", "en": "years"},
              "cities": {"zh": "个城市", "en": "cities"}, "city": {"zh": "个城市", "en": "cities"},
              "firms": {"zh": "家企业", "en": "firms"}, "enterprises": {"zh": "家企业", "en": "enterprises"},
              "t": {"zh": "吨", "en": "t"}, "tce": {"zh": "吨标准煤", "en": "tce"}, "tCO2": {"zh": "吨二氧化碳", "en": "tCO2"},
              "MW": {"zh": "兆瓦", "en": "MW"}, "kWh": {"zh": "千瓦时", "en": "kWh"}, "persons": {"zh": "人", "en": "persons"},
              "items": {"zh": "项", "en": "items"}, "times": {"zh": "次", "en": "times"}}


FORMULA_LANGS = " ‖ "


def formula_text(formula: str, lang: str) -> str:
    """A formula in the output's language: a plugin writes a worded formula as ``中文 ‖ English``."""
    if FORMULA_LANGS not in formula:
        return formula
    zh, en = formula.split(FORMULA_LANGS, 1)
    return zh if lang == "zh" else en


def unit_text(unit: str, lang: str) -> str:
    """A unit in the output's language (``元`` in Chinese, ``CNY`` in English); an unknown unit as given."""
    return UNIT_WORDS.get(unit, {}).get(lang, unit)


# Terms of art a plugin may leave in the other language; the renderer puts them into the output's
# language outside verbatim quotes (「」“”《》) and fact brackets, so every plugin benefits.
TERMS = {
    "en": (("专精特新“小巨人”", "SRDI \"little giant\""), ("专精特新", "SRDI (specialised, refined, distinctive and innovative)"),
           ("“小巨人”", "\"little giant\""), ("小巨人", "little giant"), ("亿元", "× 100 million CNY"),
           ("万千瓦", "× 10 MW"), ("万元", "× 10,000 CNY"), ("个工作日", "working days"), ("个月", "months"),
           (" 日", " days"), (" 年", " years"), ("middle zone", "central region"), ("middle", "central")),
    "zh": ((" CNY", " 元"), ("CNY ", "元 "), ("MWh", "兆瓦时"), ("MW", "兆瓦"), ("kWh", "千瓦时"), ("tce", "吨标准煤"),
           ("northeast", "东北"), ("east", "东部"), ("middle", "中部"), ("west", "西部"),
           ("working days", "个工作日"), ("cities", "个城市"), ("true", "是"), ("false", "否"),
           ("years", "年"), ("year", "年"), ("months", "个月"), ("month", "个月"), ("days", "日"), ("day", "日")),
}
_KEEP = re.compile(r"(「[^」]*」|“[^”]*”|《[^》]*》|\[(?:[^\[\]]|\[[^\[\]]*\])*\])")
_WORD_TERMS = {"northeast", "east", "middle", "west", "tce", "MW", "MWh", "kWh", "true", "false",
               "years", "year", "months", "month", "days", "day"}


def localise(text: str, lang: str) -> str:
    """``text`` with the other language's terms of art replaced, quotes and fact brackets left verbatim."""
    pieces = _KEEP.split(text)
    for i in range(0, len(pieces), 2):  # even pieces lie outside quotes and brackets
        piece = pieces[i]
        for old, new in TERMS.get(lang, ()):
            if old in _WORD_TERMS:
                piece = re.sub(rf"(?<![A-Za-z_.]){old}(?![A-Za-z_.])", new, piece)
            elif old in piece:
                piece = piece.replace(old, new)
        pieces[i] = piece
    return "".join(pieces)


def value_text(amount: Amount, lang: str) -> str:
    """An amount's value with its unit, for a table cell: ``20,000.00 元``, ``4.5%``, ``3 个城市``."""
    if amount.unit == "ratio":
        return f"{(amount.value * 100).normalize():f}%"
    return f"{amount.value:,} {unit_text(amount.unit, lang)}".rstrip()


def money_text(amount: Amount, lang: str, name: str) -> str:
    """``补贴 20000.00 元`` / ``subsidy CNY 20000.00``; a ``ratio`` as a percentage; other units follow the value."""
    if amount.unit == "CNY":
        return f"{name} {amount.value} 元" if lang == "zh" else f"{name} CNY {amount.value}"
    if amount.unit == "ratio":
        return f"{name} {(amount.value * 100).normalize():f}%"
    if amount.unit == "count":
        return f"{name} {amount.value}"
    return f"{name} {amount.value} {unit_text(amount.unit, lang)}".rstrip()


PER_WORDS = {"person": "人", "violation": "次", "day": "日", "unit": "单位"}


def range_text(low: object, high: object) -> str:
    """``50000–500000``; an open side as ``≥ 500`` or ``≤ 10``."""
    if high is None:
        return "unbounded" if low is None else f"≥ {low}"
    return f"≤ {high}" if low is None else f"{low}–{high}"


REASON_HEADS = {  # how the summary names each group of findings, after the outcome
    FindingStatus.DUTY: {"zh": "应履行", "en": "Duties"},
    FindingStatus.NOT_MET: {"zh": "不满足", "en": "Not met"},
    FindingStatus.NOT_YET_DUE: {"zh": "尚未到期", "en": "Not yet due"},
    FindingStatus.UNKNOWN: {"zh": "尚不确定", "en": "Unknown"},
    FindingStatus.INFO: {"zh": "说明", "en": "Notes"},
}


def _outputs(ev, lang: str, names: Mapping[str, tuple[str, str]] | None) -> list[str]:
    """Amounts, ranges and dates, each as ``name value``."""
    zh = lang == "zh"
    parts: list[str] = []
    for a in ev.amounts:
        if names is None:
            parts.append(money_text(a, lang, a.label.in_lang(lang) if a.label else a.name))
        elif a.name in names:
            parts.append(money_text(a, lang, names[a.name][0 if zh else 1]))
    for r in ev.ranges:
        qualifiers = ([f"每{PER_WORDS.get(r.per, r.per)}" if zh else f"per {r.per}"] if r.per else []) + \
                     (["可以并处" if zh else "discretionary"] if r.discretionary else [])
        tail = f"（{'，'.join(qualifiers)}）" if zh and qualifiers else (f" ({', '.join(qualifiers)})" if qualifiers else "")
        unit = unit_text(r.unit, lang)
        parts.append(f"{r.label.in_lang(lang) if r.label else r.name} {range_text(r.minimum, r.maximum)} {unit}".rstrip() + tail)
    for d in ev.dates:
        parts.append(f"{d.label.in_lang(lang) if d.label else d.name} {d.value}")
    return parts


def failed_conditions(result: PolicyResult, lang: str) -> list[str]:
    """The labels of the conditions that failed (or whose law is not in force), first to last."""
    if result.applicability is None:
        return []
    return [s.label.in_lang(lang) for s in result.applicability.steps if s.outcome in (Outcome.NOT_MET, Outcome.NOT_IN_FORCE)]


def summary_text(result: PolicyResult, lang: str, *, names: Mapping[str, tuple[str, str]] | None = None,
                 note: Text | None = None, lead: tuple[str, ...] = ()) -> str:
    """The outcome in one sentence, then the decisive reasons.

    ``适用：<what the case gets or must do, with dates>（依据 <documents>）。应履行：…。不满足：…``;
    a ``does_not_apply`` names the condition(s) that failed; a ``cannot_tell`` the facts missing.

    :param names: show only these amounts, under these (zh, en) names; default every amount by its label.
    :param note: a closing statement (e.g. "the seed sets no amount for this measure").
    :param lead: ids of findings whose label opens the sentence (e.g. the classification decided).
    """
    zh = lang == "zh"
    sep, colon, stop, join = ("，", "：", "。", "；") if zh else (", ", ": ", ". ", "; ")
    summary = status_text(result.status, lang)
    ev = result.evaluation
    sentences: list[str] = []
    if result.status is Status.APPLIES and ev is not None:
        leading = [f.label.in_lang(lang) for f in ev.findings if f.id in lead]
        outputs = _outputs(ev, lang, names)
        parts = [p for p in (sep.join(leading), sep.join(outputs)) if p]
        if parts:
            summary += colon + join.join(parts)
        for status, head in REASON_HEADS.items():
            items = [f.label.in_lang(lang) for f in ev.findings if f.status is status and f.id not in lead]
            if items:
                sentences.append(head[lang] + colon + join.join(items))
        met = sum(1 for f in ev.findings if f.status is FindingStatus.MET)
        if met:
            sentences.append(f"{met} 项满足" if zh else f"{met} met")
    elif result.status is Status.DOES_NOT_APPLY:
        failed = failed_conditions(result, lang)
        if failed:
            summary += colon + ("不满足：" if zh else "not met: ") + join.join(failed)
    if result.documents and result.status is Status.APPLIES:
        docs = ("、" if zh else ", ").join(d.document for d in result.documents)
        summary += f"（依据 {docs}）" if zh else f" (under {docs})"
    if sentences:
        summary += stop + stop.join(sentences)
    if result.missing:
        summary += ("；缺少：" if zh else "; missing: ") + ", ".join(result.missing)
    if note is not None:
        summary += stop + note.in_lang(lang)
    return localise(summary, lang)


def explanation(result: PolicyResult, title: Text, lang: str, *, names: Mapping[str, tuple[str, str]] | None = None,
                note: Text | None = None, lead: tuple[str, ...] = ()) -> Explanation:
    """The usual explanation: :func:`summary_text` above one cited line per step."""
    return Explanation(policy_id=result.policy_id, lang=lang, title=localise(title.in_lang(lang), lang),
                       summary=summary_text(result, lang, names=names, note=note, lead=lead), lines=trace_lines(result, lang))


def step_line(step: Step, lang: str) -> ExplanationLine:
    """One trace step as a sentence: mark, label, facts used, formula and value, reading."""
    finding = _finding_status(step)
    mark = DUTY_MARK if finding is FindingStatus.DUTY else MARKS[step.outcome]
    parts = [f"{mark} {step.label.in_lang(lang)}"]
    if step.facts:
        parts.append("[" + "; ".join(f"{f.path} = {f.value}" for f in step.facts) + "]")
    if finding is not None:  # a finding says what it is in words: a duty is a duty, not a failed condition
        parts.append(("（" if lang == "zh" else "(") + FINDING_LINE_WORDS[finding][lang] + ("）" if lang == "zh" else ")"))
    elif step.formula:
        formula = formula_text(step.formula, lang)
        parts.append(f"{formula} = {step.value}" if step.value is not None else formula)
    elif step.value is not None:
        parts.append(f"= {step.value}")
    if step.note:
        parts.append(("（" if lang == "zh" else "(") + step.note.in_lang(lang) + ("）" if lang == "zh" else ")"))
    if step.citation is None and (step.facts or step.formula):  # not law: say where it comes from
        parts.append(FACT_MARK[lang])
    return ExplanationLine(text=localise(" ".join(parts), lang), citation=step.citation)


DUTY_MARK = "→"

# An uncited line that restates or tallies the case's facts says so; an uncited line that states
# law is a defect (tests/fidelity/test_citations.py looks for one in every example).
FACT_MARK = {"zh": "（案件事实，非法律规定）", "en": "(a fact of the case, not a rule of law)"}

FINDING_LINE_WORDS = {
    FindingStatus.MET: {"zh": "满足", "en": "met"},
    FindingStatus.NOT_MET: {"zh": "不满足", "en": "not met"},
    FindingStatus.UNKNOWN: {"zh": "未知：缺少事实", "en": "unknown: facts missing"},
    FindingStatus.NOT_YET_DUE: {"zh": "尚未到期", "en": "not yet due"},
    FindingStatus.DUTY: {"zh": "应履行的义务", "en": "a duty to fulfil"},
    FindingStatus.INFO: {"zh": "说明", "en": "note"},
}

_FINDING_OUTCOMES = {FindingStatus.MET: Outcome.MET, FindingStatus.NOT_MET: Outcome.NOT_MET, FindingStatus.UNKNOWN: Outcome.UNKNOWN}


def _finding_status(step: Step) -> FindingStatus | None:
    """The finding a step records (its value is the finding's status), or None for a condition or a computation."""
    if step.formula is not None or step.value is None:
        return None
    try:
        status = FindingStatus(step.value)
    except ValueError:
        return None
    return status if _FINDING_OUTCOMES.get(status, Outcome.INFO) is step.outcome else None


def status_text(status: Status, lang: str) -> str:
    return STATUS_TEXT[status][lang]


def trace_lines(result: PolicyResult, lang: str) -> tuple[ExplanationLine, ...]:
    """Every step of a result (conditions, then arithmetic), plus missing facts and errors."""
    lines: list[ExplanationLine] = []
    if result.applicability:
        lines.extend(step_line(s, lang) for s in result.applicability.steps)
    if result.evaluation:
        lines.extend(step_line(s, lang) for s in result.evaluation.steps)
    if result.missing:
        head = "缺少的事实：" if lang == "zh" else "Missing facts: "
        lines.append(ExplanationLine(text=head + ", ".join(result.missing)))
    if result.error:
        e = result.error
        lines.append(ExplanationLine(text=f"{e.plugin} / {e.policy_id} / {e.hook}: {e.exception}: {e.message}"))
    return tuple(lines)


def default_explanation(spec: PolicySpec | None, result: PolicyResult, lang: str) -> Explanation:
    """The kernel's explanation of any result: the summary sentence, then one line per step."""
    title = spec.title if spec else Text(zh=result.policy_id, en=result.policy_id)
    return explanation(result, title, lang)
