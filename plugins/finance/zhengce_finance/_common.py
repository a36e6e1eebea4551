"""Helpers shared by the finance rule modules: parameter lookups, windows, explanations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Explanation, PolicyResult, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.render import explanation

T = Text


class Params:
    """Parameter lookups for one evaluation: on an event day, as known at ``known_at``."""

    def __init__(self, params: ParameterSet, on: date | None, known_at: date) -> None:
        self.params, self.on, self.known_at = params, on, known_at

    def __call__(self, name: str) -> ParameterValue:
        """The value governing the event day (or the latest known one when the day is unknown)."""
        value = self.params.at(name, self.on, self.known_at) or self.params.at(name, None, self.known_at)
        assert value is not None, f"{name}: no value known at {self.known_at}"
        return value

    def reading(self, name: str) -> Text | None:
        return self.params[name].reading


def in_window(day: date | None, start: date, end: date) -> bool | None:
    return None if day is None else start <= day <= end


def pct(x: Decimal) -> str:
    """A fraction as a percentage for labels: 0.005 → 0.5%."""
    return f"{(x * 100).normalize():f}%"


def yuan(x: Decimal) -> str:
    return f"{x:,}"


def explain(result: PolicyResult, title: Text, lang: str, headline: dict[str, tuple[str, str]]) -> Explanation:
    """Status, the headline amounts, the breaches and the missing facts above the cited trace."""
    return explanation(result, title, lang, names=headline)
