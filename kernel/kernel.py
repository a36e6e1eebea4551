"""The Kernel: loads plugins, routes cases to policies, stamps and isolates results.

Routing.  pluggy calls every registered implementation of a hook, so a hook
call costs more with every installed plugin even when all but one return
None.  The kernel therefore keeps, for each plugin, a private PluginManager
holding that plugin alone (its *dispatcher*), and an index from case section
to the policies that read it.  Evaluating a case costs one dict lookup per
section it carries plus the calls of the policies it reaches: installing
plugins that cannot apply costs nothing per case.

Order.  Policies are evaluated and reported in policy-id order; a policy id
claimed twice is withdrawn from both claimants.  Registration order never
changes a result.
"""

from __future__ import annotations

import datetime as _dt
import importlib.metadata as md
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pluggy

from zhengce.contracts import (
    Applicability,
    Case,
    DecisionRecord,
    Evaluation,
    Explanation,
    Outcome,
    PluginRef,
    PolicyError,
    PolicyResult,
    Status,
    Step,
    Text,
    load_case,
)

from . import hookspecs
from .policy import EvaluationContext, PluginInfo, PolicySpec
from .render import default_explanation

ENTRY_POINT_GROUP = "zhengce"


def kernel_version() -> str:
    try:
        return md.version("zhengce")
    except md.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


class PluginLoadError(Exception):
    """A plugin could not be loaded or declared itself wrongly (strict mode raises it)."""


class PolicyEvaluationError(Exception):
    """A plugin raised while evaluating a policy (raised only in strict mode)."""


@attrs.frozen(kw_only=True)
class LoadProblem:
    """Why a plugin, or one of its policies, is not available."""

    plugin: str
    message: str


@attrs.frozen(kw_only=True)
class RegisteredPolicy:
    """A policy as the kernel routes it: its spec, its plugin and the plugin's dispatcher."""

    spec: PolicySpec
    plugin: PluginRef
    hooks: Any = attrs.field(repr=False, eq=False)  # the plugin's own HookRelay


@attrs.frozen(kw_only=True)
class _Slot:
    ref: PluginRef
    obj: Any = attrs.field(repr=False)
    hooks: Any = attrs.field(repr=False)
    policies: tuple[PolicySpec, ...]


class Kernel:
    """The zhengce engine.

    :param plugins: plugin objects (modules or instances with ``@hookimpl``
        functions) to register explicitly — how tests and embedding hosts
        choose exactly what runs.
    :param entry_points: load installed plugins of the ``zhengce`` entry-point
        group.  Default: only when no ``plugins`` are given, so that
        ``Kernel()`` runs what is installed and ``Kernel([p])`` runs exactly ``p``.
    :param block: plugin names never to load.
    :param strict: raise instead of reporting a failing plugin or policy.
    """

    def __init__(
        self,
        plugins: Iterable[Any] = (),
        *,
        entry_points: bool | None = None,
        block: Iterable[str] = (),
        strict: bool = False,
    ) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.strict = strict
        self._slots: dict[str, _Slot] = {}
        self._problems: list[LoadProblem] = []
        self._index: dict[str, tuple[RegisteredPolicy, ...]] = {}
        self._policies: dict[str, RegisteredPolicy] = {}
        self._plugin_refs: tuple[PluginRef, ...] = ()
        for name in block:
            self.pm.set_blocked(name)
        plugins = list(plugins)
        for plugin in plugins:
            self.register(plugin)
        if entry_points or (entry_points is None and not plugins):
            self.load_entry_points()

    # --- registration -------------------------------------------------------

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> None:
        """Load every installed plugin of ``group``; a plugin that fails to import is reported, not fatal."""
        # Sorted by (name, distribution): which of two same-named plugins loads never
        # depends on installation order; the second is reported as a load problem.
        eps = md.entry_points(group=group)
        for ep in sorted(eps, key=lambda e: (e.name, e.dist.name if e.dist else "")):
            if self.pm.is_blocked(ep.name):
                continue
            try:
                obj = ep.load()
            except Exception as exc:  # noqa: BLE001 - any import failure is the plugin's
                self._fail(ep.name, f"cannot import {ep.value}: {type(exc).__name__}: {exc}")
                continue
            dist = ep.dist
            self.register(
                obj,
                name=ep.name,
                distribution=dist.name if dist else None,
                version=dist.version if dist else None,
            )

    def register(
        self,
        plugin: Any,
        *,
        name: str | None = None,
        distribution: str | None = None,
        version: str | None = None,
    ) -> PluginRef | None:
        """Register one plugin; return its reference, or None when blocked or broken."""
        dispatcher = pluggy.PluginManager(hookspecs.PROJECT)
        dispatcher.add_hookspecs(hookspecs)
        label = name or getattr(plugin, "__name__", type(plugin).__name__)
        try:
            dispatcher.register(plugin, name=label)
            info = dispatcher.hook.declare_plugin()
            if info is not None and not isinstance(info, PluginInfo):
                raise TypeError(f"declare_plugin returned {type(info).__name__}, not PluginInfo")
            name = name or (info.name if info else label)
            ref = PluginRef(
                name=name,
                distribution=distribution or (info.distribution if info else name),
                version=version or (info.version if info else "0+unknown"),
            )
            if self.pm.is_blocked(name):
                return None
            if name in self._slots:
                raise PluginLoadError(f"a plugin named {name!r} is already registered")
            specs = tuple(dispatcher.hook.declare_policies() or ())
            problems = [
                p
                for s in specs
                for p in (s.problems(name) if isinstance(s, PolicySpec) else [f"not a PolicySpec: {s!r}"])
            ]
            ids = [s.id for s in specs]
            problems += [f"policy id {i!r} declared twice" for i in sorted(set(ids)) if ids.count(i) > 1]
            if problems:
                raise PluginLoadError("; ".join(problems))
            self.pm.register(plugin, name=name)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others
            self._fail(name or label, f"{type(exc).__name__}: {exc}")
            return None
        self._slots[name] = _Slot(ref=ref, obj=plugin, hooks=dispatcher.hook, policies=specs)
        self._rebuild_index()
        return ref

    def unregister(self, name: str) -> None:
        """Remove a plugin and its policies."""
        slot = self._slots.pop(name)
        self.pm.unregister(slot.obj)
        self._rebuild_index()

    def _fail(self, plugin: str, message: str) -> None:
        if self.strict:
            raise PluginLoadError(f"plugin {plugin!r}: {message}")
        self._problems.append(LoadProblem(plugin=plugin, message=message))

    def _rebuild_index(self) -> None:
        """Policies by id and the section → policies index, both in policy-id order.

        Policy ids start with their plugin's name and plugin names are unique,
        so no two plugins can claim one id; nothing here depends on the order
        plugins were registered in.
        """
        policies = {
            spec.id: RegisteredPolicy(spec=spec, plugin=slot.ref, hooks=slot.hooks)
            for slot in self._slots.values()
            for spec in slot.policies
        }
        self._policies = {pid: policies[pid] for pid in sorted(policies)}
        self._plugin_refs = tuple(sorted((s.ref for s in self._slots.values()), key=lambda r: r.name))
        index: dict[str, list[RegisteredPolicy]] = {}
        for reg in self._policies.values():
            for section in reg.spec.facts:
                index.setdefault(section, []).append(reg)
        self._index = {s: tuple(v) for s, v in index.items()}

    # --- introspection -------------------------------------------------------

    @property
    def plugins(self) -> tuple[PluginRef, ...]:
        """Loaded plugins, by name (kept sorted at registration: every decision record lists them)."""
        return self._plugin_refs

    @property
    def problems(self) -> tuple[LoadProblem, ...]:
        """Plugins (or policies) that failed to load, and why."""
        return tuple(self._problems)

    @property
    def policies(self) -> tuple[RegisteredPolicy, ...]:
        """Routable policies, by id."""
        return tuple(self._policies.values())

    def policy(self, policy_id: str) -> RegisteredPolicy:
        return self._policies[policy_id]

    def route(self, case: Case) -> list[RegisteredPolicy]:
        """The policies a case reaches: those reading a section it carries, in id order."""
        index = self._index
        regs = [reg for name, value in vars(case).items() if value is not None and name in index for reg in index[name]]
        if len(regs) <= 1:
            return regs
        return sorted({reg.spec.id: reg for reg in regs}.values(), key=lambda reg: reg.spec.id)

    # --- evaluation ----------------------------------------------------------

    def evaluate(
        self,
        case: Case | Mapping[str, Any],
        *,
        as_of: _dt.date | None = None,
        known_at: _dt.date | None = None,
        policies: Sequence[str] | None = None,
        trace: bool = True,
    ) -> DecisionRecord:
        """Evaluate every policy the case reaches, as of ``as_of``, as known at ``known_at``.

        :param case: a :class:`Case` or JSON-like data (validated: a bad input
            raises one :class:`~zhengce.contracts.CaseValidationError`).
        :param as_of: assessment day; default today.
        :param known_at: knowledge day; default ``as_of``.
        :param policies: restrict to these policy ids (still routed by facts).
        :param trace: ``False`` for screening mode: no steps recorded (see
            :class:`EvaluationContext`).
        """
        if not isinstance(case, Case):
            case = load_case(case)
        as_of = as_of or _dt.date.today()
        ctx = EvaluationContext(as_of=as_of, known_at=known_at or as_of, trace=trace)
        routed = self.route(case)
        if policies is not None:
            wanted = set(policies)
            routed = [r for r in routed if r.spec.id in wanted]
        return DecisionRecord(
            case_id=case.case_id,
            as_of=ctx.as_of,
            known_at=ctx.known_at,
            kernel_version=KERNEL_VERSION,
            plugins=self.plugins,
            results=tuple(self._evaluate_one(reg, case, ctx) for reg in routed),
        )

    def _evaluate_one(self, reg: RegisteredPolicy, case: Case, ctx: EvaluationContext) -> PolicyResult:
        spec, ref = reg.spec, reg.plugin
        params = spec.parameters
        documents, start = params.as_known_at(ctx.known_at) if params else ((), None)
        stamp = dict(policy_id=spec.id, plugin=ref.name, distribution=ref.distribution, version=ref.version, documents=documents)
        if params is not None:
            if start is None or ctx.as_of < start:
                return PolicyResult(status=Status.DOES_NOT_APPLY, applicability=_not_in_force(start, ctx), **stamp)
        hook = "applies_to"
        try:
            app = reg.hooks.applies_to(policy=spec, case=case, context=ctx)
            if not isinstance(app, Applicability):
                raise TypeError(f"applies_to returned {type(app).__name__}, not Applicability")
            evaluation = None
            if app.status is Status.APPLIES:
                hook = "evaluate"
                evaluation = reg.hooks.evaluate(policy=spec, case=case, context=ctx, applicability=app)
                if evaluation is not None and not isinstance(evaluation, Evaluation):
                    raise TypeError(f"evaluate returned {type(evaluation).__name__}, not Evaluation")
            return PolicyResult(status=app.status, applicability=app, evaluation=evaluation, **stamp)
        except Exception as exc:  # noqa: BLE001 - isolate the plugin
            if self.strict:
                raise PolicyEvaluationError(f"plugin {ref.name!r}, policy {spec.id!r}, hook {hook}: {type(exc).__name__}: {exc}") from exc
            err = PolicyError(plugin=ref.name, policy_id=spec.id, hook=hook, exception=type(exc).__name__, message=str(exc))
            return PolicyResult(status=Status.ERROR, error=err, **stamp)

    # --- explanation ---------------------------------------------------------

    def explain(self, result: PolicyResult, lang: str = "zh") -> Explanation:
        """Explain one result in ``lang``: the plugin's own explanation, else the kernel's default."""
        if lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
        reg = self._policies.get(result.policy_id)
        if reg is not None and result.status is not Status.ERROR:
            try:
                text = reg.hooks.explain(policy=reg.spec, result=result, lang=lang)
                if isinstance(text, Explanation):
                    return text
            except Exception as exc:  # noqa: BLE001
                if self.strict:
                    raise PolicyEvaluationError(f"plugin {reg.plugin.name!r}, policy {reg.spec.id!r}, hook explain: {exc}") from exc
        return default_explanation(reg.spec if reg else None, result, lang)


def _not_in_force(start: _dt.date | None, ctx: EvaluationContext) -> Applicability:
    if start is None:
        label = Text(zh=f"截至 {ctx.known_at}，本政策的文件尚未印发", en=f"As known at {ctx.known_at}, no document of this policy had been issued")
    else:
        label = Text(zh=f"本政策自 {start} 起施行，评估日 {ctx.as_of} 尚未施行", en=f"The policy is in force from {start}; not yet on the assessment day {ctx.as_of}")
    return Applicability(status=Status.DOES_NOT_APPLY, steps=(Step(id="in_force", label=label, outcome=Outcome.NOT_IN_FORCE),))


KERNEL_VERSION = kernel_version()
