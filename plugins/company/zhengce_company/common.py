"""Helpers shared by the company rules: bilingual labels, the usual explanation."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

import attrs

from zhengce.contracts import Citation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import rules
from zhengce.kernel.rules import finding_status
from zhengce.kernel.render import explanation


@lru_cache(maxsize=4096)
def T(zh: str, en: str, *args: object) -> Text:  # noqa: N802 - reads like the Text it builds
    """A bilingual label from ``{}`` templates (interned)."""
    return Text(zh=zh.format(*args), en=en.format(*args))


def deadline_status(done_on: date | None, due: date, as_of: date) -> FindingStatus:
    """A duty with a deadline (含当日): met if done by the due day, not met if done later or still
    undone after it, not yet due while undone and the due day has not passed on ``as_of``."""
    if done_on is not None:
        return FindingStatus.MET if done_on <= due else FindingStatus.NOT_MET
    return FindingStatus.NOT_YET_DUE if as_of <= due else FindingStatus.NOT_MET


def breach(flag: bool | None) -> FindingStatus:
    """A flag saying a forbidden thing was done: True is a breach (not met), False complies (met)."""
    return finding_status(flag, met_when=False)


def explain(result: PolicyResult, title: Text, lang: str, note: Text | None = None) -> Explanation:
    return explanation(result, title, lang, note=note)


@attrs.frozen(kw_only=True)
class Rule:
    """A parameter's governing value with what a trace line needs: its label, reading and citation."""

    value: Any
    label: Text
    reading: Text | None
    citation: Citation


class Lookup(rules.Lookup):
    """The kernel's lookups, plus :meth:`rule` (value, label, reading and citation in one)."""

    def rule(self, name: str) -> Rule:
        found, param = self.value(name), self.params[name]
        return Rule(value=found.value, label=param.label, reading=param.reading, citation=found.citation)
