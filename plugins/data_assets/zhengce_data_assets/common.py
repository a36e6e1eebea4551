"""Helpers shared by the rule modules of the data_assets plugin."""

from __future__ import annotations

from zhengce.contracts import Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import ParameterSet, ParameterValue
from zhengce.kernel.render import explanation

T = Text

def criterion(params: ParameterSet, name: str, known_at) -> ParameterValue:
    """A criterion every known version states (looked up regardless of the event day)."""
    value = params.at(name, None, known_at)
    assert value is not None, f"{name}: no value known at {known_at}"
    return value


def reading(params: ParameterSet, name: str) -> Text | None:
    return params[name].reading


def tri(value: bool | None) -> FindingStatus:
    """A fact that is True / False / missing as a finding status."""
    if value is None:
        return FindingStatus.UNKNOWN
    return FindingStatus.MET if value else FindingStatus.NOT_MET


def explain(result: PolicyResult, title: Text, lang: str, no_amount: Text) -> Explanation:
    """The kernel's summary (status, findings not met / unknown / due, amounts, documents) closed by
    the plain statement that the seed sets no amount, above the cited trace."""
    return explanation(result, title, lang, note=no_amount)
