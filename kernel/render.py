"""Turn results into prose: the kernel's default explanation, used when a plugin's
``explain`` hook returns None, and the pieces plugins reuse for their own."""

from __future__ import annotations

from zhengce.contracts import Explanation, ExplanationLine, Outcome, PolicyResult, Status, Step

from .policy import PolicySpec

MARKS = {
    Outcome.MET: "✓",
    Outcome.NOT_MET: "✗",
    Outcome.UNKNOWN: "?",
    Outcome.NOT_IN_FORCE: "∅",
    Outcome.COMPUTED: "=",
    Outcome.INFO: "·",
}

STATUS_TEXT = {
    Status.APPLIES: {"zh": "适用", "en": "applies"},
    Status.DOES_NOT_APPLY: {"zh": "不适用", "en": "does not apply"},
    Status.CANNOT_TELL: {"zh": "无法判断（缺少事实）", "en": "cannot tell (facts missing)"},
    Status.ERROR: {"zh": "插件出错", "en": "plugin error"},
}


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
    """The kernel's explanation of any result: status, amounts, then one line per step."""
    title = spec.title.in_lang(lang) if spec else result.policy_id
    summary = status_text(result.status, lang)
    if result.evaluation and result.evaluation.amounts:
        amounts = "; ".join(
            f"{a.label.in_lang(lang) if a.label else a.name} {a.value} {a.unit}" for a in result.evaluation.amounts
        )
        summary += ("：" if lang == "zh" else ": ") + amounts
    return Explanation(policy_id=result.policy_id, lang=lang, title=title, summary=summary, lines=trace_lines(result, lang))
