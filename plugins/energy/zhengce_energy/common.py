"""Helpers shared by the energy rules: parameter lookups, working days, provinces, explanations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zhengce.contracts import Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.reference import regions
from zhengce.kernel.render import explanation

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


def explain(result: PolicyResult, title: Text, lang: str, *, note: Text | None = None,
            headline: tuple[str, ...] = ()) -> Explanation:
    """The kernel's summary of the outputs, led by the ``headline`` findings' labels (e.g. the regime
    in force), closed by ``note``, above the cited trace."""
    return explanation(result, title, lang, note=note, lead=headline)
