"""Helpers shared by the rule modules of the data_assets plugin."""

from __future__ import annotations

from zhengce.contracts import Explanation, FindingStatus, PolicyResult, Status, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.render import status_text, trace_lines

T = Text

FINDING_TEXT = {
    FindingStatus.MET: ("满足", "met"),
    FindingStatus.NOT_MET: ("未满足", "not met"),
    FindingStatus.UNKNOWN: ("未知", "unknown"),
    FindingStatus.NOT_YET_DUE: ("尚未到期", "not yet due"),
    FindingStatus.DUTY: ("义务", "duty"),
    FindingStatus.INFO: ("说明", "info"),
}


def criterion(params: ParameterSet, name: str, known_at) -> ParameterValue:
    """A criterion every known version states (looked up regardless of the event day)."""
    value = params.at(name, None, known_at)
    assert value is not None, f"{name}: no value known at {known_at}"
    return value


def reading(params: ParameterSet, name: str) -> Text | None:
    return params[name].reading


def tri(value: bool | None) -> FindingStatus:
    """A fact that is True / False / missing as a finding status."""
    if value is None:
        return FindingStatus.UNKNOWN
    return FindingStatus.MET if value else FindingStatus.NOT_MET


def explain(result: PolicyResult, title: Text, lang: str, no_amount: Text) -> Explanation:
    """Status, the findings that are not met / unknown / due, the plain no-amount statement, then the trace."""
    zh = lang == "zh"
    summary = status_text(result.status, lang)
    ev = result.evaluation
    if result.status is Status.APPLIES and ev is not None:
        parts = []
        met = [f for f in ev.findings if f.status is FindingStatus.MET]
        if met:
            parts.append(f"{len(met)} 项满足" if zh else f"{len(met)} item(s) met")
        for f in ev.findings:
            if f.status is FindingStatus.MET:
                continue
            word = FINDING_TEXT[f.status][0 if zh else 1]
            parts.append(f"{f.label.in_lang(lang)}：{word}" if zh else f"{f.label.in_lang(lang)}: {word}")
        for a in ev.amounts:
            label = a.label.in_lang(lang) if a.label else a.name
            parts.append(f"{label} {a.value} {a.unit}")
        if parts:
            summary += ("：" if zh else ": ") + ("；".join(parts) if zh else "; ".join(parts))
        docs = ("、" if zh else ", ").join(d.document for d in result.documents)
        summary += f"（依据 {docs}）" if zh else f" (under {docs})"
    elif result.missing:
        summary += ("：" if zh else ": ") + ", ".join(result.missing)
    summary += ("。" if zh else ". ") + no_amount.in_lang(lang)
    return Explanation(policy_id=result.policy_id, lang=lang, title=title.in_lang(lang), summary=summary,
                       lines=trace_lines(result, lang))
