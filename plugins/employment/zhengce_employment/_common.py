"""Helpers shared by the employment rule modules: texts, calendar arithmetic, explanations."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal

from zhengce.contracts import Explanation, PolicyResult, Text
from zhengce.kernel.render import explanation

def T(zh: str, en: str) -> Text:
    """A sentence in Chinese and English."""
    return Text(zh=zh, en=en)


def pct(x: Decimal) -> str:
    """A fraction as a percentage for labels: 0.2 → 20%."""
    return f"{(x * 100).normalize():f}%"


def add_years(d: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February falls back to 28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's last day."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def first_of_next_month(d: date) -> date:
    """The first day of the month after ``d``'s (次月)."""
    return add_months(d.replace(day=1), 1)


def day_before(d: date) -> date:
    return d - timedelta(days=1)


def explain(result: PolicyResult, title: Text, lang: str, *, names: Mapping[str, tuple[str, str]] | None = None,
            note: Text | None = None, lead: tuple[str, ...] = ()) -> Explanation:
    """The kernel's usual explanation (summary over one cited line per step)."""
    return explanation(result, title, lang, names=names, note=note, lead=lead)
