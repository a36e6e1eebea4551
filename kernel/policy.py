"""What a plugin declares to the kernel: itself, its policies, and the evaluation context."""

from __future__ import annotations

import functools

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

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


LEVELS = ("national", "provincial", "municipal", "county")


@attrs.frozen(kw_only=True)
class Jurisdiction:
    """Where a policy applies: its level, the GB/T 2260 codes it covers, and the facts that place a case.

    :param level: ``national``, ``provincial``, ``municipal`` or ``county``; also the default payer
        of the policy's granted amounts.
    :param regions: GB/T 2260 codes (``440000`` Guangdong, ``440300`` Shenzhen); empty for national.
    :param placed_by: fact paths whose value (a province name or code) places the case, first given wins
        (``scrappage_application.invoice_province``, ``enterprise.province``).
    """

    level: str = "national"
    regions: tuple[str, ...] = ()
    placed_by: tuple[str, ...] = ()

    def problems(self) -> list[str]:
        found = [] if self.level in LEVELS else [f"jurisdiction level {self.level!r} is not one of {', '.join(LEVELS)}"]
        if self.level != "national" and not (self.regions and self.placed_by):
            found.append("a sub-national jurisdiction names its regions and the facts that place a case")
        return found


NATIONAL = Jurisdiction()


@attrs.frozen(kw_only=True)
class TopUp:
    """This policy adds to ``of``'s granted amounts (a provincial top-up on a national subsidy):
    it stands only while ``of`` stands, and its amounts are paid at this policy's level."""

    of: str
    kind = "top_up"


@attrs.frozen(kw_only=True)
class WithinBounds:
    """This policy's amount ``amount`` must be at least (``floor``) or at most (``cap``) ``of``'s
    amount ``bound`` — a local rate within a national floor.  A breach is a cited resolution step
    and the local result does not stand."""

    of: str
    amount: str
    bound: str
    side: str = "floor"  # floor | cap
    kind = "within_bounds"


@attrs.frozen(kw_only=True)
class LocalWindow:
    """This (local) policy's application window governs ``of`` where this policy applies: when the
    local window is closed, ``of`` does not stand in the package for the case."""

    of: str
    kind = "local_window"


@attrs.frozen(kw_only=True)
class ExclusiveWith:
    """Mutually exclusive policies (不得重复享受): of those that stand, one is granted — the one the
    applicant elects (``election``: a fact path holding the chosen policy id), else the most
    favourable (就高不就低: the largest sum of granted CNY amounts; ties by policy id)."""

    policies: tuple[str, ...]
    election: str | None = None
    cite: Any = None  # a ParameterValue or Citation
    kind = "exclusive"


@attrs.frozen(kw_only=True)
class NotAgain:
    """Not granted again to a case already supported under ``programme`` (``fact`` true)."""

    programme: str
    fact: str
    cite: Any = None
    kind = "not_again"


@attrs.frozen(kw_only=True)
class CombinedCap:
    """The granted CNY amounts of ``policies`` together at most ``cap`` (a ParameterValue of the
    declaring policy, cited); the excess is taken from the last policies in id order."""

    policies: tuple[str, ...]
    cap: Any
    kind = "combined_cap"


Relation = TopUp | WithinBounds | LocalWindow | ExclusiveWith | NotAgain | CombinedCap


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
    :param reads: ids of the policies whose results this one reads (``context.result(id)``); the
        kernel evaluates them first and makes this one ``cannot_tell`` when one is missing or failed.
    :param jurisdiction: where the policy applies (default national).
    :param event_date: the fact path of the day of the event the rule judges (an application, a
        prepayment).  The law of that day decides, whenever the question is asked: the kernel then
        leaves in-force to the rule's dated parameters and judges expiry on that day.
    :param window: names of two date parameters (opens, closes) of the application window; the
        result carries the window's state, distinct from qualifying.
    :param relations: layering and stacking relations (:class:`TopUp`, :class:`WithinBounds`,
        :class:`LocalWindow`, :class:`ExclusiveWith`, :class:`NotAgain`, :class:`CombinedCap`),
        decided by the resolution stage after every policy of a case is evaluated.
    """

    id: str
    title: Text
    facts: tuple[str, ...]
    parameters: ParameterSet | None = None
    reads: tuple[str, ...] = ()
    jurisdiction: Jurisdiction = NATIONAL
    event_date: str | None = None
    window: tuple[str, str] | None = None
    relations: tuple[Relation, ...] = ()

    @functools.cached_property
    def depends_on(self) -> tuple[str, ...]:
        """The policies whose results this one needs first: those it reads and those its layering
        relations name (computed once: the kernel asks for every policy of every case)."""
        layered = tuple(r.of for r in self.relations if isinstance(r, (TopUp, WithinBounds, LocalWindow)))
        return tuple(sorted(set(self.reads) | set(layered)))

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
        found += [f"{self.id}: {p}" for p in self.jurisdiction.problems()]
        if self.id in self.depends_on:
            found.append(f"{self.id}: reads itself")
        if self.window is not None and self.parameters is None:
            found.append(f"{self.id}: a window needs the parameters that date it")
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
    results: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def result(self, policy_id: str) -> Any:
        """The result of a policy this one ``reads`` (evaluated first), or None when it has none."""
        return self.results.get(policy_id)
