"""Helpers shared by the taxation rule modules: parameter lookups, calendar arithmetic, summaries."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Explanation, PolicyResult, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Lookup

T = Text  # brevity for the many bilingual labels


class Params(Lookup):
    """Parameter lookups for one evaluation, as known at ``known_at`` (the kernel's Lookup, event day per call)."""

    def __init__(self, params: ParameterSet, known_at: date) -> None:
        super().__init__(params, None, known_at)

    def on(self, name: str, day: date | None) -> ParameterValue | None:
        """The value governing an event on ``day`` (None: no law for that day)."""
        return self(name, on=day)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (自然月); the month's last day where that day does not exist."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def is_working_day(day: date, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> bool:
    """Monday to Friday, less the given days off, plus the given weekend days worked (调休)."""
    if day in extra_working:
        return True
    return day.weekday() < 5 and day not in days_off


def nth_working_day_after(start: date, n: int, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted).

    The holiday calendar is not in the seed: the case gives its public holidays and 调休 days."""
    off, extra = frozenset(days_off), frozenset(extra_working)
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += is_working_day(day, off, extra)
    return day


def pct(x: Decimal) -> str:
    """A ratio as a percentage string (0.015 → 1.5%)."""
    return f"{(x * 100).normalize():f}%"


def summary_explanation(result: PolicyResult, title: Text, lang: str, names: dict[str, tuple[str, str]],
                        extra: Text | None = None) -> Explanation:
    """Status and the named amounts (and the documents relied on) above the cited trace."""
    return explanation(result, title, lang, names=names, note=extra)
