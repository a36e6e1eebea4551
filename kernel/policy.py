"""What a plugin declares to the kernel: itself, its policies, and the evaluation context."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

import attrs

from zhengce.contracts import Text

from .parameters import ParameterSet

POLICY_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


SECTION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _frozen_mapping(value: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(value or {}))


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A plugin's identity as it declares it (entry-point data wins when installed).

    :param requires: the distributions whose fact sections the plugin's policies
        read, each with a version range (PEP 440, e.g. ``{"zhengce-tradein": ">=2,<3"}``);
        the same ranges belong in the plugin's ``pyproject.toml``.  The kernel refuses
        a policy that reads a section of a distribution not required here, or of a
        version outside the range.
    """

    name: str
    distribution: str
    version: str
    requires: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)


@attrs.frozen(kw_only=True)
class FactSection:
    """A top-level section of a case that a plugin contributes: its name and its fact class.

    :param name: the key in a case (``old_vehicle``); snake_case, owned by one plugin.
    :param type: an attrs frozen, ``kw_only`` class whose fields all have defaults
        (a fact the case does not give is ``None``, a repeated fact ``()``); money
        ``Decimal``, dates ``date``, repeated facts ``tuple``; bounds declared with
        :mod:`zhengce.contracts.domains`; older names with
        :func:`zhengce.contracts.migrations`.
    :param title: what the section describes, in Chinese and English (for the schema).
    """

    name: str
    type: type
    title: Text | None = None

    def problems(self) -> list[str]:
        """What is wrong with this declaration (empty when it is fine)."""
        found = []
        if not SECTION_NAME.match(self.name):
            found.append(f"section name {self.name!r} is not snake_case")
        if not attrs.has(self.type):
            return found + [f"section {self.name!r}: {self.type!r} is not an attrs class"]
        params = self.type.__attrs_attrs__
        if getattr(self.type.__setattr__, "__name__", "") != "_frozen_setattrs":
            found.append(f"section {self.name!r}: {self.type.__name__} is not frozen")
        no_default = [f.name for f in params if f.default is attrs.NOTHING]
        if no_default:
            found.append(f"section {self.name!r}: fields without a default: {', '.join(no_default)}")
        if any(f.init and not f.kw_only for f in params):
            found.append(f"section {self.name!r}: {self.type.__name__} is not kw_only")
        return found


@attrs.frozen(kw_only=True)
class PolicySpec:
    """One policy a plugin declares.

    :param id: ``<plugin>.<snake_case_name>``; stable once released.
    :param title: short title in Chinese and English.
    :param facts: the case sections the policy reads (its own plugin's, the
        shared ones, or another plugin's that the plugin ``requires``).  The kernel routes a case to the policy only when the case
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
