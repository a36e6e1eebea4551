"""Helpers shared by the finance rule modules: parameter lookups, windows, explanations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Explanation, PolicyResult, Text
from zhengce.kernel import ParameterValue
from zhengce.kernel.render import FORMULA_LANGS, explanation
from zhengce.kernel.rules import Lookup

T = Text


class Params(Lookup):
    """The kernel's Lookup; ``p(name)`` is :meth:`Lookup.value` (the event day's value, else the latest known)."""

    def __call__(self, name: str) -> ParameterValue:  # type: ignore[override]
        return self.value(name)


def bilingual(zh: str, en: str) -> str:
    """A worded formula in both languages (the renderer shows the half of the output's language)."""
    return f"{zh}{FORMULA_LANGS}{en}"


def in_window(day: date | None, start: date, end: date) -> bool | None:
    return None if day is None else start <= day <= end


def pct(x: Decimal) -> str:
    """A fraction as a percentage for labels: 0.005 → 0.5%."""
    return f"{(x * 100).normalize():f}%"


def yuan(x: Decimal) -> str:
    return f"{x:,}"


def explain(result: PolicyResult, title: Text, lang: str, headline: dict[str, tuple[str, str]],
            lead: tuple[str, ...] = ()) -> Explanation:
    """Status, the headline amounts, the breaches and the missing facts above the cited trace."""
    return explanation(result, title, lang, names=headline, lead=lead)
