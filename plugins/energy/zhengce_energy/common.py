"""Helpers shared by the energy rules: parameter lookups, working days, provinces, explanations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zhengce.contracts import Explanation, PolicyResult, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.reference import regions
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Lookup, all_of, finding_status

T = Text


class Params(Lookup):
    """The kernel's Lookup; ``p(name)`` is :meth:`Lookup.value` (the event day's value, else the latest known)."""

    def __init__(self, params: ParameterSet, known_at: date, on: date | None = None) -> None:
        super().__init__(params, on, known_at)

    def __call__(self, name: str) -> ParameterValue:  # type: ignore[override]
        return self.value(name)

    def has(self, name: str) -> bool:
        return name in self.params.parameters

    def label(self, name: str) -> Text:
        return self.params[name].label


tri = finding_status  # the names the rule modules use
all3 = all_of


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


def explain(result: PolicyResult, title: Text, lang: str, *, note: Text | None = None,
            headline: tuple[str, ...] = ()) -> Explanation:
    """The kernel's summary of the outputs, led by the ``headline`` findings' labels (e.g. the regime
    in force), closed by ``note``, above the cited trace."""
    return explanation(result, title, lang, note=note, lead=headline)
