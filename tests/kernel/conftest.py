"""Fake plugins for kernel tests: built explicitly, never from what is installed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhengce.contracts import Amount, Applicability, Evaluation, Explanation, Status, Text
from zhengce.kernel import PluginInfo, PolicySpec, hookimpl


class FakePlugin:
    """A plugin with configurable policies; records every hook call it receives."""

    def __init__(self, name, policies=(("flat", ("enterprise",)),), *, amount="1", raises=None, status=Status.APPLIES):
        self.name = name
        self.policies = policies
        self.amount = Decimal(amount)
        self.raises = raises
        self.status = status
        self.calls: list[str] = []

    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name=self.name, distribution=f"zhengce-{self.name}", version="9.9.9")

    @hookimpl
    def declare_policies(self):
        return [PolicySpec(id=f"{self.name}.{pid}", title=Text(zh=pid, en=pid), facts=facts) for pid, facts in self.policies]

    @hookimpl
    def applies_to(self, policy, case, context):
        self.calls.append(policy.id)
        if self.raises:
            raise self.raises
        return Applicability(status=self.status)

    @hookimpl
    def evaluate(self, policy, case, context, applicability):
        return Evaluation(amounts=(Amount(name="amount", value=self.amount),))


@pytest.fixture
def fake():
    return FakePlugin


class ExplainingPlugin(FakePlugin):
    """A fake plugin that writes its own explanation."""

    @hookimpl
    def explain(self, policy, result, lang):
        return Explanation(policy_id=result.policy_id, lang=lang, title=policy.title.in_lang(lang),
                           summary=f"{lang}:{result.evaluation.amount('amount')}")


@pytest.fixture
def explaining():
    return ExplainingPlugin
