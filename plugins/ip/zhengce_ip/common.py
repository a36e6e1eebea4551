"""Helpers shared by the ip rules: bilingual labels, rule lookups, the usual explanation."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import attrs

from zhengce.contracts import Citation, Explanation, PolicyResult, Text
from zhengce.kernel import rules
from zhengce.kernel.render import explanation


@lru_cache(maxsize=4096)
def T(zh: str, en: str, *args: object) -> Text:  # noqa: N802 - reads like the Text it builds
    """A bilingual label from ``{}`` templates (interned)."""
    return Text(zh=zh.format(*args), en=en.format(*args))


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


def in_force_note(p: Lookup, conds) -> None:
    """The announcement applies from the dates of the two notices it rests on, which the seed does
    not print: say so on every result (the plugin is in force from the announcement's own date)."""
    rule = p.rule("effective.from_notices")
    conds.info("effective_from_notices", rule.label, cite=rule.citation, note=rule.reading)
