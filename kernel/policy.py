"""What a plugin declares to the kernel: itself, its policies, and the evaluation context."""

from __future__ import annotations

import re
from datetime import date

import attrs

from zhengce.contracts import SECTIONS, Text

from .parameters import ParameterSet

POLICY_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A plugin's identity as it declares it (entry-point data wins when installed)."""

    name: str
    distribution: str
    version: str


@attrs.frozen(kw_only=True)
class PolicySpec:
    """One policy a plugin declares.

    :param id: ``<plugin>.<snake_case_name>``; stable once released.
    :param title: short title in Chinese and English.
    :param facts: the case sections (top-level fields of ``Case``) the policy
        reads.  The kernel routes a case to the policy only when the case
        carries at least one of them; a case carrying none never costs the
        policy a call.
    :param parameters: the policy's dated, cited parameters.  The kernel uses
        them to say which documents a result relied on and from which day the
        policy is in force.
    """

    id: str
    title: Text
    facts: tuple[str, ...]
    parameters: ParameterSet | None = None

    def problems(self, plugin: str) -> list[str]:
        """What is wrong with this declaration (empty when it is fine)."""
        found = []
        if not POLICY_ID.match(self.id):
            found.append(f"policy id {self.id!r} is not '<plugin>.<snake_case_name>'")
        elif self.id.split(".")[0] != plugin:
            found.append(f"policy id {self.id!r} does not start with the plugin name {plugin!r}")
        if not self.facts:
            found.append(f"{self.id}: declares no facts, so no case could reach it")
        for f in self.facts:
            if f not in SECTIONS:
                found.append(f"{self.id}: unknown case section {f!r} (known: {', '.join(SECTIONS)})")
        if self.parameters is not None and self.parameters.policy != self.id:
            found.append(f"{self.id}: parameters belong to {self.parameters.policy!r}")
        return found


@attrs.frozen(kw_only=True)
class EvaluationContext:
    """The two dates of an evaluation.

    :param as_of: the day the legal position is assessed: a policy none of
        whose known documents is in force yet on that day does not apply.
    :param known_at: only documents issued on or before this day exist for the
        evaluation.  A retroactive amendment changes the answer only once it is
        known.
    :param trace: record every step (the default).  ``False`` is screening
        mode (免申即享 over a whole registry): statuses, amounts and missing
        facts only; evaluate the retained cases again with a trace to explain them.
    """

    as_of: date
    known_at: date
    trace: bool = True
