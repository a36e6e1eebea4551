"""Helpers shared by the rule modules: bilingual labels, periods counted by the calendar, percentages."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

import attrs

from zhengce.contracts import Explanation, Text

USD = "USD"  # amounts the law states in US dollars stay in US dollars: never converted


@lru_cache(maxsize=2048)
def T(zh: str, en: str, *args: object) -> Text:  # noqa: N802 - reads like the Text it builds
    """A bilingual label from ``{}`` templates (interned: the same labels recur in every evaluation)."""
    return Text(zh=zh.format(*args), en=en.format(*args))


def any_of(*values: bool | None) -> bool | None:
    """Three-valued disjunction: True if any is True, else None if any is unknown, else False."""
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later (or earlier); the month's last day where it does not exist."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_last_day(start: date, months: int) -> date:
    """The last day of a period of ``months`` counted from the event on ``start``: the day of the event
    is not counted and the period ends on the corresponding day of the last month (the month's last
    day where there is none) — the reading recorded in the parameter files."""
    return add_months(start, months)


def day_after(day: date) -> date:
    return day + timedelta(days=1)


def pct(x: Decimal) -> str:
    """A fraction as a percentage (0.05 → 5%)."""
    return f"{(x * 100).normalize():f}%"


CURRENCY_ZH = ((" USD", " 美元"), (" CNY", " 元"), ("CNY ", ""), ("USD ", "美元 "))


def localised(expl: Explanation) -> Explanation:
    """A Chinese explanation names currencies in Chinese (美元, 元), not by their ISO codes."""
    if expl.lang != "zh":
        return expl

    def zh(text: str) -> str:
        for code, word in CURRENCY_ZH:
            text = text.replace(code, word)
        return text

    return attrs.evolve(expl, summary=zh(expl.summary), lines=tuple(attrs.evolve(line, text=zh(line.text)) for line in expl.lines))
