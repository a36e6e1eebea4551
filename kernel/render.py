"""Turn results into prose: the kernel's default explanation, used when a plugin's
``explain`` hook returns None, and the pieces plugins reuse for their own."""

from __future__ import annotations

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
    Outcome.EXPIRED: "∅",
    Outcome.OUTSIDE_JURISDICTION: "✗",
    Outcome.DEPENDENCY: "?",
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


def money_text(amount: Amount, lang: str, name: str) -> str:
    """``补贴 20000.00 元`` / ``subsidy CNY 20000.00``; a ``ratio`` as a percentage; other units follow the value."""
    if amount.unit == "CNY":
        return f"{name} {amount.value} 元" if lang == "zh" else f"{name} CNY {amount.value}"
    if amount.unit == "ratio":
        return f"{name} {(amount.value * 100).normalize():f}%"
    if amount.unit == "count":
        return f"{name} {amount.value}"
    return f"{name} {amount.value} {amount.unit}".rstrip()


PER_WORDS = {"person": "人", "violation": "次", "day": "日", "unit": "单位"}


def range_text(low: object, high: object) -> str:
    """``50000–500000``; an open side as ``≥ 500`` or ``≤ 10``."""
    if high is None:
        return "unbounded" if low is None else f"≥ {low}"
    return f"≤ {high}" if low is None else f"{low}–{high}"


def summary_text(result: PolicyResult, lang: str, *, names: Mapping[str, tuple[str, str]] | None = None,
                 note: Text | None = None, lead: tuple[str, ...] = ()) -> str:
    """One sentence over a result: status, outputs, documents relied on, what is missing.

    :param names: show only these amounts, under these (zh, en) names; default every amount by its label.
    :param note: a closing statement (e.g. "the seed sets no amount for this measure").
    :param lead: ids of findings whose label opens the sentence (e.g. the classification decided).
    """
    zh = lang == "zh"
    sep, colon = ("，", "：") if zh else (", ", ": ")
    summary = status_text(result.status, lang)
    ev = result.evaluation
    parts: list[str] = []
    if result.status is Status.APPLIES and ev is not None:
        for a in ev.amounts:
            if names is None:
                parts.append(money_text(a, lang, a.label.in_lang(lang) if a.label else a.name))
            elif a.name in names:
                parts.append(money_text(a, lang, names[a.name][0 if zh else 1]))
        for r in ev.ranges:
            qualifiers = ([f"每{PER_WORDS.get(r.per, r.per)}" if zh else f"per {r.per}"] if r.per else []) + \
                         (["可以并处" if zh else "discretionary"] if r.discretionary else [])
            tail = f"（{'，'.join(qualifiers)}）" if zh and qualifiers else (f" ({', '.join(qualifiers)})" if qualifiers else "")
            parts.append(f"{r.label.in_lang(lang) if r.label else r.name} {range_text(r.minimum, r.maximum)} {r.unit}{tail}")
        for d in ev.dates:
            parts.append(f"{d.label.in_lang(lang) if d.label else d.name} {d.value}")
        parts[:0] = [f.label.in_lang(lang) for f in ev.findings if f.id in lead]
        met = sum(1 for f in ev.findings if f.status is FindingStatus.MET)
        if met:
            parts.append(f"{met} 项满足" if zh else f"{met} met")
        for f in ev.findings:
            if f.status is not FindingStatus.MET and f.id not in lead:
                parts.append(f"{f.label.in_lang(lang)}{colon}{FINDING_WORDS[f.status][lang]}")
    if parts:
        summary += colon + sep.join(parts)
    if result.documents and result.status is Status.APPLIES:
        docs = ("、" if zh else ", ").join(d.document for d in result.documents)
        summary += f"（依据 {docs}）" if zh else f" (under {docs})"
    if result.missing:
        summary += ("；缺少：" if zh else "; missing: ") + ", ".join(result.missing)
    if note is not None:
        summary += ("。" if zh else ". ") + note.in_lang(lang)
    return summary


def explanation(result: PolicyResult, title: Text, lang: str, *, names: Mapping[str, tuple[str, str]] | None = None,
                note: Text | None = None, lead: tuple[str, ...] = ()) -> Explanation:
    """The usual explanation: :func:`summary_text` above one cited line per step."""
    return Explanation(policy_id=result.policy_id, lang=lang, title=title.in_lang(lang),
                       summary=summary_text(result, lang, names=names, note=note, lead=lead), lines=trace_lines(result, lang))


def step_line(step: Step, lang: str) -> ExplanationLine:
    """One trace step as a sentence: mark, label, facts used, formula and value, reading."""
    parts = [f"{MARKS[step.outcome]} {step.label.in_lang(lang)}"]
    if step.facts:
        parts.append("[" + "; ".join(f"{f.path} = {f.value}" for f in step.facts) + "]")
    if step.formula:
        parts.append(f"{step.formula} = {step.value}" if step.value is not None else step.formula)
    elif step.value is not None:
        parts.append(f"= {step.value}")
    if step.note:
        parts.append(("（" if lang == "zh" else "(") + step.note.in_lang(lang) + ("）" if lang == "zh" else ")"))
    return ExplanationLine(text=" ".join(parts), citation=step.citation)


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
