"""Helpers shared by the rule modules of the data_assets plugin."""

from __future__ import annotations

from zhengce.contracts import Explanation, PolicyResult, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Lookup, finding_status

T = Text

def criterion(params: ParameterSet, name: str, known_at) -> ParameterValue:
    """A criterion every known version states (looked up regardless of the event day)."""
    return Lookup(params, None, known_at).criterion(name)


def reading(params: ParameterSet, name: str) -> Text | None:
    return params[name].reading


tri = finding_status  # the name the rule modules use


def explain(result: PolicyResult, title: Text, lang: str, no_amount: Text) -> Explanation:
    """The kernel's summary (status, findings not met / unknown / due, amounts, documents) closed by
    the plain statement that the seed sets no amount, above the cited trace."""
    return explanation(result, title, lang, note=no_amount)
