"""``RulesPlugin``: the hook implementations of the usual plugin, written once.

Most plugins are a set of policies, each a *rule module* exposing::

    POLICY_ID = "<plugin>.<name>"
    def applies_to(case, parameters, context) -> Applicability
    def evaluate(case, parameters, context) -> Evaluation | None
    def explain(result, title, lang) -> Explanation | None      # optional
    def screen_columns(columns, parameters, context) -> ColumnVerdict | None   # optional (kernel/vector.py)

``RulesPlugin`` turns such modules into a plugin object whose hook
implementations dispatch by policy id, so a plugin's ``plugin.py`` declares
data only::

    plugin = RulesPlugin(name="tradein", distribution="zhengce-tradein", fallback_version=__version__,
                         sections=facts.SECTIONS, policies=[(CAR_SCRAPPAGE, car_scrappage)])

A provincial plugin that reads a national plugin's sections names its distribution
and version range in ``requires`` (and in its ``pyproject.toml``).

and its entry point names that object (``tradein = "zhengce_tradein.plugin:plugin"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import ModuleType

from . import manifest
from .hookspecs import hookimpl
from .policy import FactSection, PluginInfo, PolicySpec


def distribution_version(distribution: str, fallback: str) -> str:
    """The installed version of ``distribution``, or ``fallback`` when running from a source tree.

    While a kernel loads plugins from a valid manifest, the version it recorded answers (the same
    distributions are installed); otherwise ``importlib.metadata`` does."""
    known, version = manifest.known_version(distribution)
    if not known:
        import importlib.metadata as md

        try:
            version = md.version(distribution)
        except md.PackageNotFoundError:
            version = None
    manifest.SEEN_VERSIONS[distribution] = version
    return fallback if version is None else version


class RulesPlugin:
    """A plugin made of rule modules, one per declared policy."""

    def __init__(self, *, name: str, distribution: str, fallback_version: str,
                 policies: Iterable[tuple[PolicySpec, ModuleType]],
                 sections: Iterable[FactSection] = (), requires: Mapping[str, str] | None = None) -> None:
        policies = list(policies)
        for spec, rule in policies:
            if getattr(rule, "POLICY_ID", spec.id) != spec.id:
                raise ValueError(f"{rule.__name__}.POLICY_ID is {rule.POLICY_ID!r}, declared as {spec.id!r}")
        self.info = PluginInfo(name=name, distribution=distribution,
                               version=distribution_version(distribution, fallback_version), requires=requires or {})
        self.sections = tuple(sections)
        self.specs = tuple(spec for spec, _ in policies)
        self.rules = {spec.id: rule for spec, rule in policies}

    def __repr__(self) -> str:
        return f"RulesPlugin({self.info.name!r}, policies={[s.id for s in self.specs]})"

    @hookimpl
    def declare_plugin(self) -> PluginInfo:
        return self.info

    @hookimpl
    def declare_sections(self) -> tuple[FactSection, ...]:
        return self.sections

    @hookimpl
    def declare_policies(self) -> tuple[PolicySpec, ...]:
        return self.specs

    @hookimpl
    def applies_to(self, policy, case, context):
        return self.rules[policy.id].applies_to(case, policy.parameters, context)

    @hookimpl
    def evaluate(self, policy, case, context, applicability):
        return self.rules[policy.id].evaluate(case, policy.parameters, context)

    @hookimpl
    def screen_columns(self, policy, columns, context):
        screen = getattr(self.rules[policy.id], "screen_columns", None)
        return screen(columns, policy.parameters, context) if screen else None

    @hookimpl
    def explain(self, policy, result, lang):
        explain = getattr(self.rules[policy.id], "explain", None)
        return explain(result, policy.title, lang) if explain else None
