"""Helpers shared by the taxation rule modules: parameter lookups, calendar arithmetic, summaries."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from zhengce.contracts import Explanation, PolicyResult, Status, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.render import status_text, trace_lines

T = Text  # brevity for the many bilingual labels


class Params:
    """Parameter lookups for one evaluation: on an event day, as known at ``known_at``."""

    def __init__(self, params: ParameterSet, known_at: date) -> None:
        self.params, self.known_at = params, known_at

    def on(self, name: str, day: date | None) -> ParameterValue | None:
        """The value governing an event on ``day`` (None: no law for that day)."""
        return self.params.at(name, day, self.known_at)

    def criterion(self, name: str) -> ParameterValue:
        """A criterion every known version states (looked up regardless of the event day)."""
        value = self.params.at(name, None, self.known_at)
        assert value is not None, f"{name}: no value known at {self.known_at}"
        return value

    def reading(self, name: str) -> Text | None:
        return self.params[name].reading

    def money(self, x: Decimal) -> Decimal:
        return self.params.rounding.money(x)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (自然月); the month's last day where that day does not exist."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def pct(x: Decimal) -> str:
    """A ratio as a percentage string (0.015 → 1.5%)."""
    return f"{(x * 100).normalize():f}%"


def summary_explanation(result: PolicyResult, title: Text, lang: str, names: dict[str, tuple[str, str]],
                        extra: Text | None = None) -> Explanation:
    """Status and the named amounts (and the documents relied on) above the cited trace."""
    zh = lang == "zh"
    summary = status_text(result.status, lang)
    ev = result.evaluation
    if result.status is Status.APPLIES and ev is not None:
        parts = []
        for a in ev.amounts:
            if a.name not in names:
                continue
            zh_name, en_name = names[a.name]
            unit = a.unit
            if unit == "CNY":
                parts.append(f"{zh_name} {a.value} 元" if zh else f"{en_name} CNY {a.value}")
            else:
                parts.append(f"{zh_name} {a.value}" if zh else f"{en_name} {a.value}")
        if parts:
            summary += ("：" if zh else ": ") + ("，".join(parts) if zh else ", ".join(parts))
        docs = ("、" if zh else ", ").join(d.document for d in result.documents)
        if docs:
            summary += f"（依据 {docs}）" if zh else f" (under {docs})"
    elif result.missing:
        summary += ("：" if zh else ": ") + ", ".join(result.missing)
    if extra is not None:
        summary += ("。" if zh else ". ") + extra.in_lang(lang)
    return Explanation(policy_id=result.policy_id, lang=lang, title=title.in_lang(lang), summary=summary,
                       lines=trace_lines(result, lang))
