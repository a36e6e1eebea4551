"""Helpers shared by the energy rules: parameter lookups, working days, provinces, explanations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zhengce.contracts import Explanation, FindingStatus, PolicyResult, Status, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.reference import regions
from zhengce.kernel.render import range_text, status_text, trace_lines

T = Text


class Params:
    """Parameter lookups for one evaluation, as known at ``known_at``."""

    def __init__(self, params: ParameterSet, known_at: date, on: date | None = None) -> None:
        self.params, self.known_at, self.on = params, known_at, on

    def __call__(self, name: str) -> ParameterValue:
        value = self.params.at(name, self.on, self.known_at)
        if value is None:  # criteria of a document in force: look it up regardless of the event day
            value = self.params.at(name, None, self.known_at)
        assert value is not None, f"{name}: no value known at {self.known_at}"
        return value

    def known(self, name: str) -> bool:
        """Whether a value of ``name`` exists as known at ``known_at`` (its document issued)."""
        return self.params.at(name, None, self.known_at) is not None

    def has(self, name: str) -> bool:
        return name in self.params.parameters

    def reading(self, name: str) -> Text | None:
        return self.params[name].reading

    def label(self, name: str) -> Text:
        return self.params[name].label


def tri(value: bool | None, met_when: bool = True) -> FindingStatus:
    """A finding status from a three-valued fact: unknown, met (value is ``met_when``) or not met."""
    return FindingStatus.UNKNOWN if value is None else (FindingStatus.MET if value is met_when else FindingStatus.NOT_MET)


def all3(*values: bool | None) -> bool | None:
    """Three-valued conjunction: False if any is False, else None if any is unknown, else True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def add_working_days(start: date, n: int, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted).

    Working days are Monday–Friday, minus ``days_off`` (public holidays), plus
    ``extra_working`` (weekend days worked under 调休).
    """
    off, extra = set(days_off), set(extra_working)
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        working = (day.weekday() < 5 and day not in off) or day in extra
        if working:
            counted += 1
    return day


def province_codes(names: Iterable[str]) -> tuple[set[str], list[str]]:
    """Province codes of the given names (by the kernel's table) and the names it cannot place."""
    table = regions()
    codes, unknown = set(), []
    for n in names:
        p = table.province(n)
        if p is None:
            unknown.append(n)
        else:
            codes.add(p.code)
    return codes, unknown


def province_name(code: str) -> str:
    p = regions().province(code)
    return p.name if p else code


STATUS_WORDS = {
    FindingStatus.MET: ("符合", "met"),
    FindingStatus.NOT_MET: ("不符合", "not met"),
    FindingStatus.UNKNOWN: ("未知", "unknown"),
    FindingStatus.NOT_YET_DUE: ("未到期", "not yet due"),
    FindingStatus.DUTY: ("义务", "duty"),
    FindingStatus.INFO: ("说明", "info"),
}


def explain(result: PolicyResult, title: Text, lang: str, *, note: Text | None = None,
            headline: tuple[str, ...] = ()) -> Explanation:
    """A summary of the outputs (ranges, amounts, dates, findings — breaches by name) above the cited trace.

    ``headline``: ids of findings whose label leads the summary (e.g. the regime in force).
    """
    zh = lang == "zh"
    summary = status_text(result.status, lang)
    ev = result.evaluation
    if result.status is Status.APPLIES and ev is not None:
        parts = []
        for r in ev.ranges:
            label = r.label.in_lang(lang) if r.label else r.name
            parts.append(f"{label} {range_text(r.minimum, r.maximum)} {r.unit}")
        for a in ev.amounts:
            label = a.label.in_lang(lang) if a.label else a.name
            parts.append(f"{label} {a.value} {a.unit}")
        for d in ev.dates:
            label = d.label.in_lang(lang) if d.label else d.name
            parts.append(f"{label} {d.value}")
        counts: dict[FindingStatus, int] = {}
        for f in ev.findings:
            counts[f.status] = counts.get(f.status, 0) + 1
        if counts:
            parts.append(("、" if zh else ", ").join(
                f"{STATUS_WORDS[s][0 if zh else 1]} {n}" for s, n in counts.items()))
        missed = [f.label.in_lang(lang) for f in ev.findings if f.status is FindingStatus.NOT_MET]
        if missed:
            parts.append(("不符合：" if zh else "not met: ") + ("；".join(missed) if zh else "; ".join(missed)))
        for f in ev.findings:
            if f.id in headline:
                parts.insert(0, f.label.in_lang(lang))
        if parts:
            summary += ("：" if zh else ": ") + ("；".join(parts) if zh else "; ".join(parts))
        docs = ("、" if zh else ", ").join(d.document for d in result.documents)
        if docs:
            summary += f"（依据 {docs}）" if zh else f" (under {docs})"
        if ev.missing:
            summary += ("；尚缺：" if zh else "; still missing: ") + ", ".join(ev.missing)
    elif result.missing:
        summary += ("：" if zh else ": ") + ", ".join(result.missing)
    if note is not None:
        summary += ("。" if zh else ". ") + note.in_lang(lang)
    return Explanation(policy_id=result.policy_id, lang=lang, title=title.in_lang(lang), summary=summary,
                       lines=trace_lines(result, lang))
