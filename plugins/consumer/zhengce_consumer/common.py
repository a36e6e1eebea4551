"""Helpers shared by the consumer rules: parameter lookups, flag findings, working days, explanations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from zhengce.contracts import Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Lookup, finding_status

T = Text


class Params(Lookup):
    """The kernel's Lookup; ``p(name)`` is :meth:`Lookup.value` (the event day's value, else the latest known)."""

    def __init__(self, params: ParameterSet, known_at: date, on: date | None = None) -> None:
        super().__init__(params, on, known_at)

    def __call__(self, name: str) -> ParameterValue:  # type: ignore[override]
        return self.value(name)

    def label(self, name: str) -> Text:
        return self.params[name].label


def flag(calc: Calculation, p: Params, id: str, param: str, value: bool | None, *, met_when: bool,
         facts: Mapping[str, Any], detail: Text | None = None) -> FindingStatus:
    """One duty checked against one fact: met when the fact is ``met_when``, unknown when absent.
    The finding's label is the parameter's, its citation the parameter's value."""
    status = finding_status(value, met_when)
    calc.finding(id, status, p.label(param), facts=facts, cite=p(param), detail=detail)
    return status


def breaches(calc: Calculation) -> int:
    """How many findings recorded so far are breaches (not met)."""
    return sum(1 for f in calc.findings if f.status is FindingStatus.NOT_MET)


def add_working_days(start: date, n: int, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted): Monday–Friday,
    minus ``days_off`` (public holidays), plus ``extra_working`` (weekend days worked under 调休)."""
    off, extra = set(days_off), set(extra_working)
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if (day.weekday() < 5 and day not in off) or day in extra:
            counted += 1
    return day


def explain(result: PolicyResult, title: Text, lang: str, *, note: Text | None = None) -> Explanation:
    """The kernel's summary of the outputs, closed by ``note``, above the cited trace."""
    return explanation(result, title, lang, note=note)
