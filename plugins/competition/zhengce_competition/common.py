"""Helpers shared by the competition rules: bilingual labels, working days, breach flags."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zhengce.contracts import FindingStatus, Text


def T(zh: str, en: str, *args: object) -> Text:  # noqa: N802 - reads like the Text it builds
    """A bilingual label from ``{}`` templates."""
    return Text(zh=zh.format(*args), en=en.format(*args))


def add_working_days(start: date, n: int, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted).

    Working days are Monday to Friday, less ``days_off`` (public holidays), plus
    ``extra_working`` (weekend days worked under 调休): the seed prints no holiday calendar,
    so the case gives the year's one.
    """
    off, extra = set(days_off), set(extra_working)
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if (day.weekday() < 5 and day not in off) or day in extra:
            counted += 1
    return day


def breach(flag: bool | None) -> FindingStatus:
    """A flag saying a forbidden thing is done: True is a breach (not met), False compliant (met)."""
    return FindingStatus.UNKNOWN if flag is None else (FindingStatus.NOT_MET if flag else FindingStatus.MET)


def duty(flag: bool | None) -> FindingStatus:
    """A flag saying a required thing is done: True is met."""
    return FindingStatus.UNKNOWN if flag is None else (FindingStatus.MET if flag else FindingStatus.NOT_MET)
