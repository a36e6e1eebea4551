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
import hashlib
import importlib
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pluggy

from zhengce.contracts import (
    Applicability,
    Case,
    CaseValidationError,
    DecisionRecord,
    Explanation,
    MigrationNote,
    Migrator,
    Outcome,
    PluginRef,
    PolicyResult,
    Problem,
    Status,
    Step,
    Text,
    compose_case,
    dump,
    json_schema,
    parse_json,
    structure,
)
from zhengce.contracts.base import did_you_mean
from zhengce.contracts.fast import fast_case_hook
from zhengce.contracts.migrations import MIGRATION_WANTED
from zhengce.contracts.case import shared_sections as _shared_sections

from . import guard, hookspecs, manifest
from .gates import dependency_gate, place_gate, time_gate, window_of
from .policy import EvaluationContext, FactSection, PluginInfo, PolicySpec
from .construct import maker
from .gaps import Gap, Question, gaps, next_questions, with_residual
from .resolution import resolve
from .render import default_explanation

ENTRY_POINT_GROUP = "zhengce"


def kernel_version() -> str:
    """The installed version of zhengce (the manifest's record while the installation is unchanged:
    importing ``importlib.metadata`` to ask costs a command a tenth of its start-up)."""
    known, version = manifest.startup_version(ENTRY_POINT_GROUP, "zhengce")
    if not known:
        import importlib.metadata as md

        try:
            version = md.version("zhengce")
        except md.PackageNotFoundError:  # running from a source tree
            version = None
    manifest.SEEN_VERSIONS["zhengce"] = version
    return version or "0+unknown"


def plugin_set_id(plugins: Iterable[PluginRef]) -> str:
    """A short, stable identifier of a set of plugins: sha256 of their names, distributions and versions."""
    lines = sorted(f"{p.name} {p.distribution} {p.version}" for p in plugins)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def _bad_specifiers(requires: Mapping[str, str]) -> list[tuple[str, str]]:
    if not requires:  # the usual plugin requires nothing: packaging stays unimported
        return []
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    bad = []
    for dist, spec in sorted(requires.items()):
        try:
            SpecifierSet(spec)
        except InvalidSpecifier:
            bad.append((dist, f"not a version range: {spec!r}"))
    return bad


def _reads_problem(slot: _Slot, section: str, owners: Mapping[str, SectionOwner], unowned: Mapping[str, str]) -> str | None:
    """Why ``slot``'s policy may not read ``section`` (None: it may)."""
    owner = owners.get(section)
    if owner is None:
        return unowned.get(section) or f"no installed plugin owns section {section!r}"
    if owner.plugin is None or owner.plugin.name == slot.ref.name:
        return None
    dist = owner.plugin.distribution
    wanted = {_normalise(d): v for d, v in slot.requires.items()}.get(_normalise(dist))
    if wanted is None:
        return (f"section {section!r} belongs to {dist} (plugin {owner.plugin.name!r}), which plugin "
                f"{slot.ref.name!r} does not declare in PluginInfo.requires")
    from packaging.specifiers import SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        ok = Version(owner.plugin.version) in SpecifierSet(wanted, prereleases=True)
    except InvalidVersion:
        ok = False
    return None if ok else (f"section {section!r} belongs to {dist} {owner.plugin.version}, "
                            f"outside the range {wanted!r} that plugin {slot.ref.name!r} requires")


class PluginLoadError(Exception):
    """A plugin could not be loaded or declared itself wrongly (strict mode raises it)."""


class PolicyEvaluationError(Exception):
    """A plugin raised while evaluating a policy (raised only in strict mode)."""


@attrs.frozen(kw_only=True)
class LoadProblem:
    """Why a plugin, or one of its policies or sections, is not available."""

    plugin: str
    message: str


@attrs.frozen(kw_only=True)
class RegisteredPolicy:
    """A policy as the kernel routes it: its spec, its plugin and the plugin's dispatcher."""

    spec: PolicySpec
    plugin: PluginRef
    hooks: Any = attrs.field(repr=False, eq=False)  # the plugin's own HookRelay


@attrs.frozen(kw_only=True)
class SectionOwner:
    """Who owns a case section: the core (``plugin`` None) or a plugin of a distribution."""

    name: str
    type: type = attrs.field(repr=False)
    plugin: PluginRef | None = None
    title: Text | None = None


@attrs.frozen(kw_only=True)
class _Slot:
    """A registered plugin, before the kernel resolves names, sections and dependencies."""

    ref: PluginRef
    obj: Any = attrs.field(repr=False)
    hooks: Any = attrs.field(repr=False)
    policies: tuple[PolicySpec, ...]
    sections: tuple[FactSection, ...]
    requires: Mapping[str, str]

    @property
    def owns_its_name(self) -> bool:
        """A plugin name is owned by the distribution ``zhengce-<name>`` (or ``<name>``)."""
        dist = _normalise(self.ref.distribution)
        return dist in (f"zhengce-{_normalise(self.ref.name)}", _normalise(self.ref.name))


class _DirectHooks:
    """A plugin's per-case hooks (``applies_to``, ``evaluate``, ``explain``), called directly.

    pluggy keeps registration and the declaration hooks; a hook with one plain implementation (the
    usual case: every plugin has its own dispatcher) is bound at registration to that function, which
    saves one pluggy call per hook per case.  Any other hook keeps its pluggy caller."""

    def __init__(self, relay: Any) -> None:
        self.relay = relay
        for name in ("applies_to", "evaluate", "explain"):
            caller = getattr(relay, name)
            impls = caller.get_hookimpls()
            plain = len(impls) == 1 and not (impls[0].hookwrapper or getattr(impls[0], "wrapper", False))
            setattr(self, name, _direct(impls[0]) if plain else caller)
        # the evaluation fast path calls by position (no keyword dict per call)
        self.applies_to_by_position = _positional(relay.applies_to, ("policy", "case", "context"))
        self.evaluate_by_position = _positional(relay.evaluate, ("policy", "case", "context", "applicability"))


def _positional(caller: Any, params: tuple[str, ...]) -> Any:
    """A function taking the hook's arguments by position in ``params`` order: the plain implementation
    itself when it names them all in that order, else a generated adapter."""
    impls = caller.get_hookimpls()
    plain = len(impls) == 1 and not (impls[0].hookwrapper or getattr(impls[0], "wrapper", False))
    if plain and tuple(impls[0].argnames) == params:
        return impls[0].function
    args = ", ".join(params)
    if plain:
        env = {"function": impls[0].function}
        body = f"function({', '.join(impls[0].argnames)})"
    else:
        env = {"function": caller}
        body = f"function({', '.join(f'{a}={a}' for a in params)})"
    exec(f"def call({args}):\n    return {body}\n", env)
    return env["call"]


def _direct(impl: Any) -> Any:
    function, argnames = impl.function, impl.argnames

    def call(**kwargs: Any) -> Any:  # pluggy passes the arguments an implementation names, by name
        return function(*[kwargs[a] for a in argnames])

    return call


_record = maker(DecisionRecord)  # by position (eleven fields, once per case)
_DECISION_FORMAT = attrs.fields(DecisionRecord).format.default
_context = maker(EvaluationContext)  # as_of, known_at, trace, results
_EMPTY = ()  # the empty tuple (one object in CPython): what a bare applicability's steps and missing are
_result = maker(PolicyResult)  # PolicyResult by position: policy_id, plugin, distribution, version, status,
# applicability, evaluation, documents, error, window (the attrs keyword __init__ costs twice as much)


class _Plan:
    """What evaluating a registered policy needs on every case, decided once: its stamp, which gates
    apply (dependencies, in force, place, window), its rounding quantum and its hooks by position."""

    __slots__ = ("reg", "spec", "id", "plugin", "distribution", "version", "params", "depends", "placed",
                 "window", "gated", "quantum", "applies", "evaluate", "known", "bare")

    def __init__(self, reg: RegisteredPolicy) -> None:
        spec, ref = reg.spec, reg.plugin
        self.reg, self.spec, self.id = reg, spec, spec.id
        self.plugin, self.distribution, self.version = ref.name, ref.distribution, ref.version
        self.params = spec.parameters
        self.depends = bool(spec.depends_on)
        self.placed = spec.jurisdiction.level != "national"
        self.window = spec.window is not None
        self.gated = self.params is not None or self.depends or self.placed  # a window needs parameters
        self.quantum = spec.parameters.rounding.quantum if spec.parameters is not None else guard.DEFAULT_QUANTUM
        hooks = reg.hooks
        self.applies = getattr(hooks, "applies_to_by_position", None) or _by_keyword(hooks.applies_to, ("policy", "case", "context"))
        self.evaluate = getattr(hooks, "evaluate_by_position", None) or _by_keyword(
            hooks.evaluate, ("policy", "case", "context", "applicability"))
        self.known: dict[_dt.date, tuple[tuple[Any, ...], _dt.date | None, Any]] = {}
        self.bare: dict[Status, PolicyResult] = {}  # the result of a bare applicability, by status

    def knowing(self, known_at: _dt.date) -> tuple[tuple[Any, ...], _dt.date | None, Any]:
        """The documents known at ``known_at``, the first in-force day and the end (memoised per day)."""
        params = self.params
        if params is None:
            found: tuple[tuple[Any, ...], _dt.date | None, Any] = ((), None, None)
        else:
            documents, start = params.as_known_at(known_at)
            found = (documents, start, params.ends_as_known_at(known_at))
        if len(self.known) > 1000:
            self.known.clear()
        self.known[known_at] = found
        return found


@attrs.frozen(kw_only=True)
class _Route:
    """The policies a kind of case reaches, as the kernel evaluates them: their plans in evaluation
    order (dependencies first), their ids in that order, their specs by id, and whether that order is
    the id order (results are reported in id order)."""

    plans: tuple[_Plan, ...]
    order: tuple[str, ...]
    specs: Mapping[str, PolicySpec]
    in_id_order: bool


def _by_keyword(caller: Any, params: tuple[str, ...]) -> Any:
    """A hook caller taking its arguments by position (for hooks that are not :class:`_DirectHooks`)."""
    return lambda *args: caller(**dict(zip(params, args)))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


#: An entry point's value, as ``importlib.metadata`` reads it (``module:attr.attr [extras]``).
_ENTRY_POINT = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


def _load_entry_point(value: str) -> Any:
    """The object an entry point names, loaded as ``EntryPoint.load`` does (without importing
    ``importlib.metadata``, which a partial load never needs)."""
    match = _ENTRY_POINT.match(value)
    if match is None:
        raise ValueError(f"not an entry point: {value!r}")
    obj = importlib.import_module(match.group("module"))
    for attr in filter(None, (match.group("attr") or "").split(".")):
        obj = getattr(obj, attr)
    return obj


def _declaration(slot: _Slot) -> tuple:
    """What a registered plugin declared, as the manifest keeps it (and a partial load re-checks)."""
    return ((slot.ref.name, slot.ref.distribution, slot.ref.version), tuple(sec.name for sec in slot.sections),
            tuple((spec.id, spec.facts, spec.depends_on) for spec in slot.policies), tuple(sorted(slot.requires.items())))


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
    :param policy_timeout: seconds one policy may run (``None``: no budget); default
        ``ZHENGCE_POLICY_TIMEOUT`` or 10 s (see :mod:`zhengce.kernel.guard`).
    :param sections: the top-level keys of the case(s) this kernel is built for (installed plugins
        only): import just the plugins those sections need, as the declaration manifest of the last
        full load says (:mod:`zhengce.kernel.manifest`; without a valid one, everything).  Records,
        explanations, problems and errors are those of ``Kernel()``: the kernel imports the rest
        the moment anything needs it (a case with other sections, ``policies``, ``sections``,
        ``case_type``, an input that is not valid as it stands...).  How ``zhengce evaluate`` starts fast.

    Every registration re-resolves the whole plugin set (names, sections,
    dependencies) from scratch, so the outcome never depends on the order in
    which plugins were registered.
    """

    def __init__(
        self,
        plugins: Iterable[Any] = (),
        *,
        entry_points: bool | None = None,
        block: Iterable[str] = (),
        strict: bool = False,
        policy_timeout: float | None | str = "default",
        sections: Iterable[str] | None = None,
    ) -> None:
        self.strict = strict
        self.policy_timeout = guard.default_timeout() if policy_timeout == "default" else policy_timeout
        self._slots: list[_Slot] = []
        self._failures: list[LoadProblem] = []  # import or declaration failures, plugin by plugin
        self._blocked: set[str] = set(block)
        self._deferred = False
        self._plans: dict[str, _Plan] = {}  # by policy id, and the routes by sections carried: for the
        self._routes: dict[Any, _Route] = {}  # plugin set whose policies are self._routes_of
        self._routes_of: Any = None
        self._view: dict[str, Any] | None = None  # the manifest view a partial load follows (None: loaded fully)
        self._resolve()
        plugins = list(plugins)
        for plugin in plugins:
            self.register(plugin)
        if entry_points or (entry_points is None and not plugins):
            if sections is not None and not plugins:
                self._load_for(set(sections))
            else:
                self.load_entry_points()

    # --- registration -------------------------------------------------------

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> None:
        """Load every installed plugin of ``group``; a plugin that fails to import is reported, not fatal.

        A kernel loading nothing else saves what it learned (the declaration manifest)."""
        self._complete()
        fresh = not self._slots and not self._failures
        paths = manifest.path_state() if fresh and manifest.cache_root() is not None else None  # before importing
        before = dict(sys.modules)
        import importlib.metadata as md

        eps = [(ep.name, ep.value, ep.dist.name if ep.dist else None, ep.dist.version if ep.dist else None)
               for ep in md.entry_points(group=group)]
        self._deferred = True  # resolve once, after all of them (the outcome is the same: order never matters)
        try:
            loaded = self._load_each(sorted(eps, key=lambda e: (e[0], e[2] or "")))
        finally:
            self._deferred = False
            self._resolve()
        if paths is not None:
            self._save_manifest(group, paths, loaded, {n: m for n, m in sys.modules.items() if n not in before})

    def _load_each(self, eps: Iterable[tuple[str, str, str | None, str | None]]) -> list[tuple[tuple, tuple | None]]:
        """Import and register each entry point (name, value, distribution, version) not blocked; return
        each with what it declared (None: it failed or was refused)."""
        loaded = []
        for entry in eps:
            name, value, dist, version = entry
            if name in self._blocked:
                continue
            count = len(self._slots)
            try:
                obj = _load_entry_point(value)
            except Exception as exc:  # noqa: BLE001 - any import failure is the plugin's
                self._fail(name, f"cannot import {value}: {type(exc).__name__}: {exc}")
                loaded.append((entry, None))
                continue
            self.register(obj, name=name, distribution=dist, version=version)
            loaded.append((entry, _declaration(self._slots[-1]) if len(self._slots) > count else None))
        return loaded

    # --- the declaration manifest (kernel/manifest.py) -------------------------

    def _save_manifest(self, group: str, paths: tuple, loaded: list[tuple[tuple, tuple | None]],
                       imported: dict[str, Any]) -> None:
        """Save what this full load learned, as the view of its blocked set (other views kept while
        the installation is the same)."""
        roots = [str(Path(__file__).parent), str(Path(sys.modules["zhengce.contracts"].__file__).parent)]
        for (_, value, _, _), _ in loaded:  # each plugin's package folder (a lone module: its file alone)
            module = sys.modules.get(_ENTRY_POINT.match(value).group("module") if _ENTRY_POINT.match(value) else "")
            package = module if module is not None and hasattr(module, "__path__") else \
                sys.modules.get(getattr(module, "__package__", None) or "")
            if package is not None and getattr(package, "__file__", None):
                roots.append(str(Path(package.__file__).parent))
            elif module is not None and getattr(module, "__file__", None):
                imported = {**imported, module.__name__: module}
        folders, files = manifest.sources(imported, tuple(roots))
        view = {
            "eps": tuple(e for e, _ in loaded), "declared": tuple(d for _, d in loaded),
            "plugins": tuple((r.name, r.distribution, r.version) for r in self._plugin_refs), "plugin_set": self._plugin_set,
            "problems": tuple((p.plugin, p.message) for p in self._problems),
            "unavailable": {pid: (t.zh, t.en) for pid, t in self._unavailable.items()},
            "owners": {n: (o.plugin.name if o.plugin else None) for n, o in self._sections.items()},
            "unowned": dict(self._unowned),
            "policies": {pid: reg.plugin.name for pid, reg in self._policies.items()},
            "index": {s: tuple(r.spec.id for r in regs) for s, regs in self._index.items()},
            "depends": {pid: reg.spec.depends_on for pid, reg in self._policies.items()},
            "reads": {pid: reg.spec.facts for pid, reg in self._policies.items()},
        }
        tree, key, versions = manifest.tree_state(folders, files), tuple(sorted(self._blocked)), dict(manifest.SEEN_VERSIONS)
        old = manifest.saved(group)
        same = old is not None and (old.get("paths"), old.get("roots"), old.get("files"), old.get("tree")) == (paths, folders, files, tree)
        if same and old["views"].get(key) == view and old.get("versions") == versions:
            return  # saved already (a test suite builds many kernels)
        views = {**(old["views"] if same else {}), key: view}
        manifest.write(group, {"paths": paths, "roots": folders, "files": files, "tree": tree, "versions": versions, "views": views})

    def _load_for(self, sections: set[str]) -> None:
        """Import only what a case carrying ``sections`` needs, when a valid manifest says what that is;
        otherwise (or when a plugin declares something else than it says) load everything."""
        data = manifest.read(ENTRY_POINT_GROUP)
        view = data["views"].get(tuple(sorted(self._blocked))) if data else None
        found = manifest.plan(view, sections) if view is not None and not (self.strict and view["problems"]) else None
        if found is None:
            self.load_entry_points()
            return
        chosen, needed = found
        strict, self.strict = self.strict, False  # a partial load never raises: a surprise loads everything
        self._deferred = True
        manifest.TRUSTED.append(data)
        try:
            loaded = self._load_each([view["eps"][i] for i in chosen])
            same = [d for _, d in loaded] == [view["declared"][i] for i in chosen]
        finally:
            manifest.TRUSTED.pop()
            self._deferred = False
            self.strict = strict
        self._view = view if same else None
        self._resolve()
        if self._view is None or not (needed <= self._policies.keys() and sections - {"case_id"} <= self._sections.keys()):
            self._complete(force=True)

    def _complete(self, force: bool = False) -> None:
        """Turn a partial load into the full one (from scratch, as ``Kernel()`` would load)."""
        if self._view is None and not force:
            return
        self._view = None
        self._slots, self._failures = [], []
        self.load_entry_points()

    def _narrow_to_view(self, view: dict[str, Any]) -> None:
        """What a partial load resolved, narrowed to (and completed by) the full load's outcome: the
        policies and sections it agrees on; the plugin set, problems and refusals of the full load."""
        allowed, owners = view["policies"], view["owners"]
        self._policies = {pid: reg for pid, reg in self._policies.items() if allowed.get(pid) == reg.plugin.name}
        self._sections = {n: o for n, o in self._sections.items()
                          if n in owners and owners[n] == (o.plugin.name if o.plugin else None)}
        self._unowned = dict(view["unowned"])
        self._plugin_refs = tuple(PluginRef(name=n, distribution=d, version=v) for n, d, v in view["plugins"])
        self._plugin_set = view["plugin_set"]
        self._problems = tuple(LoadProblem(plugin=p, message=m) for p, m in view["problems"])
        self._unavailable = {pid: Text(zh=zh, en=en) for pid, (zh, en) in view["unavailable"].items()}
        self._order = _dependency_order({pid: reg.spec.depends_on for pid, reg in self._policies.items()})
        index: dict[str, list[RegisteredPolicy]] = {}
        for reg in self._policies.values():
            for section in reg.spec.facts:
                index.setdefault(section, []).append(reg)
        self._index = {s: tuple(v) for s, v in index.items()}

    def register(
        self,
        plugin: Any,
        *,
        name: str | None = None,
        distribution: str | None = None,
        version: str | None = None,
    ) -> PluginRef | None:
        """Register one plugin; return its reference, or None when blocked, broken or refused (while
        entry points load, its reference: the set is resolved once they all are)."""
        self._complete()
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
            if name in self._blocked:
                return None
            specs = tuple(dispatcher.hook.declare_policies() or ())
            sections = tuple(dispatcher.hook.declare_sections() or ())
            problems = [
                p
                for s in specs
                for p in (s.problems(name) if isinstance(s, PolicySpec) else [f"not a PolicySpec: {s!r}"])
            ]
            ids = [s.id for s in specs]
            problems += [f"policy id {i!r} declared twice" for i in sorted(set(ids)) if ids.count(i) > 1]
            problems += [p for sec in sections
                         for p in (sec.problems() if isinstance(sec, FactSection) else [f"not a FactSection: {sec!r}"])]
            names = [sec.name for sec in sections]
            problems += [f"section {n!r} declared twice" for n in sorted(set(names)) if names.count(n) > 1]
            problems += [f"requires {d!r}: {e}" for d, e in _bad_specifiers(info.requires if info else {})]
            if problems:
                raise PluginLoadError("; ".join(problems))
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others
            self._fail(name or label, f"{type(exc).__name__}: {exc}")
            return None
        self._slots.append(_Slot(ref=ref, obj=plugin, hooks=_DirectHooks(dispatcher.hook), policies=specs,
                                 sections=sections, requires=info.requires if info else {}))
        if self._deferred:
            return ref
        self._resolve()
        return ref if any(s.ref == ref for s in self._active) else None

    def unregister(self, name: str) -> None:
        """Remove every plugin registered under ``name``, and their policies and sections."""
        self._complete()
        self._slots = [s for s in self._slots if s.ref.name != name]
        self._failures = [p for p in self._failures if p.plugin != name]
        self._resolve()

    def _fail(self, plugin: str, message: str) -> None:
        if self.strict:
            raise PluginLoadError(f"plugin {plugin!r}: {message}")
        self._failures.append(LoadProblem(plugin=plugin, message=message))
        if not self._deferred:
            self._resolve()

    def _resolve(self) -> None:
        """Decide, from every registered plugin at once, what is active.

        1. Plugin names: a name claimed twice goes to the distribution that owns it
           (``zhengce-<name>``); when none or both do, every claimant is refused.
        2. Sections: a name claimed by two active plugins is refused for both.
        3. Policies: each section a policy reads must be shared or owned by an active
           plugin, and by its own plugin or a distribution that plugin requires, in range.
        Nothing here depends on the order plugins were registered in.
        """
        problems: list[LoadProblem] = []
        by_name: dict[str, list[_Slot]] = {}
        for slot in self._slots:
            by_name.setdefault(slot.ref.name, []).append(slot)
        active: list[_Slot] = []
        refused: dict[str, str] = {}  # plugin name -> why (for messages about its sections)
        for name, claimants in sorted(by_name.items()):
            if len(claimants) == 1:
                active.append(claimants[0])
                continue
            owners = [c for c in claimants if c.owns_its_name]
            dists = ", ".join(sorted(f"{c.ref.distribution} {c.ref.version}" for c in claimants))
            if len(owners) == 1:
                active.append(owners[0])
                for c in claimants:
                    if c is not owners[0]:
                        problems.append(LoadProblem(plugin=name, message=(
                            f"plugin name {name!r} is owned by distribution {owners[0].ref.distribution}; "
                            f"the claim of {c.ref.distribution} {c.ref.version} is refused")))
            else:
                refused[name] = f"plugin name {name!r} is claimed by {dists}"
                problems.append(LoadProblem(plugin=name, message=(
                    f"plugin name {name!r} is claimed by {dists} and none owns it alone: all refused")))
        active.sort(key=lambda s: s.ref.name)

        claims: dict[str, list[_Slot]] = {}
        for slot in active:
            for sec in slot.sections:
                claims.setdefault(sec.name, []).append(slot)
        owners: dict[str, SectionOwner] = {
            name: SectionOwner(name=name, type=tp, title=None) for name, tp in _shared_sections().items()}
        unowned: dict[str, str] = {}  # section -> why no plugin owns it
        for name, claimants in sorted(claims.items()):
            plugins = ", ".join(s.ref.name for s in claimants)
            if name in owners:
                unowned_why = f"section {name!r} is owned by the core; claimed by {plugins}: refused"
                problems += [LoadProblem(plugin=s.ref.name, message=unowned_why) for s in claimants]
            elif len(claimants) > 1:
                unowned[name] = f"section {name!r} is claimed by plugins {plugins}: refused for all"
                problems += [LoadProblem(plugin=s.ref.name, message=unowned[name]) for s in claimants]
            else:
                sec = next(x for x in claimants[0].sections if x.name == name)
                owners[name] = SectionOwner(name=name, type=sec.type, plugin=claimants[0].ref, title=sec.title)
        for name, why in refused.items():
            for c in by_name[name]:
                for sec in c.sections:
                    unowned.setdefault(sec.name, f"section {sec.name!r} belongs to plugin {name!r}, refused: {why}")

        policies: dict[str, RegisteredPolicy] = {}
        for slot in active:
            for spec in slot.policies:
                why = [w for section in spec.facts if (w := _reads_problem(slot, section, owners, unowned))]
                if why:
                    problems.append(LoadProblem(plugin=slot.ref.name, message=f"policy {spec.id} refused: " + "; ".join(why)))
                else:
                    policies[spec.id] = RegisteredPolicy(spec=spec, plugin=slot.ref, hooks=slot.hooks)

        cyclic = _cycles({pid: reg.spec.depends_on for pid, reg in policies.items()})
        for pid in sorted(cyclic):
            reg = policies.pop(pid)
            problems.append(LoadProblem(plugin=reg.plugin.name, message=f"policy {pid} refused: its dependencies form a cycle "
                                        f"({' → '.join(cyclic[pid])})"))
        declared = {spec.id: Text(zh="注册时被拒绝", en="refused at load") for slot in self._slots for spec in slot.policies}
        declared.update({name: Text(zh=f"插件 {name} 已被屏蔽", en=f"plugin {name!r} is blocked") for name in self._blocked})
        self._unavailable = {pid: why for pid, why in declared.items() if pid not in policies}
        self._order = _dependency_order({pid: reg.spec.depends_on for pid, reg in policies.items()})
        self._active = tuple(active)
        self._policies = {pid: policies[pid] for pid in sorted(policies)}
        self._plugin_refs = tuple(s.ref for s in active)
        self._plugin_set = plugin_set_id(self._plugin_refs)
        self._sections = {name: owners[name] for name in sorted(owners)}
        self._unowned = unowned
        self._problems = tuple(sorted(self._failures, key=lambda p: (p.plugin, p.message))) + tuple(
            sorted(problems, key=lambda p: (p.plugin, p.message)))
        self._loader = None  # the case class, its migrator and fast path: built on first use (codegen is slow)
        index: dict[str, list[RegisteredPolicy]] = {}
        for reg in self._policies.values():
            for section in reg.spec.facts:
                index.setdefault(section, []).append(reg)
        self._index = {s: tuple(v) for s, v in index.items()}
        if self._view is not None:  # a partial load: what the full one resolved decides
            self._narrow_to_view(self._view)
        elif self.strict and problems:
            raise PluginLoadError("; ".join(f"plugin {p.plugin!r}: {p.message}" for p in problems))

    # --- introspection -------------------------------------------------------

    @property
    def plugins(self) -> tuple[PluginRef, ...]:
        """Loaded plugins, by name (kept sorted at registration: every decision record lists them)."""
        return self._plugin_refs

    @property
    def plugin_set(self) -> str:
        """An identifier of the loaded plugins (names, distributions, versions, hashed)."""
        return self._plugin_set

    @property
    def problems(self) -> tuple[LoadProblem, ...]:
        """Plugins, policies or sections that failed to load, and why."""
        return self._problems

    @property
    def policies(self) -> tuple[RegisteredPolicy, ...]:
        """Routable policies, by id."""
        self._complete()
        return tuple(self._policies.values())

    @property
    def sections(self) -> Mapping[str, SectionOwner]:
        """Every section a case may carry, by name, with its owner."""
        self._complete()
        return MappingProxyType(self._sections)

    @property
    def case_type(self) -> type[Case]:
        """The case class composed from the shared sections and the loaded plugins' sections."""
        self._complete()
        return self._case_loader()[0]

    @property
    def loaded_case_type(self) -> type[Case]:
        """The case class of the sections loaded so far, without completing a partial load
        (``Kernel(sections=...)``): :attr:`case_type` for a full kernel.  What a case carrying only
        those sections is validated with: the batch path reads a table, whose header names its
        sections, with it."""
        return self._case_loader()[0]

    def _case_loader(self) -> tuple[type[Case], Migrator, Any]:
        """The composed case class, its migrator and its fast path, built once per plugin set."""
        if self._loader is None:
            case_type = compose_case({n: o.type for n, o in self._sections.items() if o.plugin is not None})
            self._loader = (case_type, Migrator(case_type), fast_case_hook(case_type))
        return self._loader

    def policy(self, policy_id: str) -> RegisteredPolicy:
        if self._view is not None and policy_id not in self._policies and policy_id in self._view["policies"]:
            self._complete()
        return self._policies[policy_id]

    def route(self, case: Case) -> list[RegisteredPolicy]:
        """The policies a case reaches: those reading a section it carries, in id order."""
        if self._view is not None and any(v is not None and n not in self._sections for n, v in vars(case).items()):
            self._complete()
        return self._route(name for name, value in vars(case).items() if value is not None)

    def routes(self, sections: Iterable[str]) -> list[RegisteredPolicy]:
        """The policies a case carrying these sections reaches, in id order (what :meth:`route` gives
        for such a case; the columnar screening path routes whole patterns of sections at once)."""
        sections = tuple(sections)
        if self._view is not None and any(s not in self._sections for s in sections):
            self._complete()
        return self._route(sections)

    def _route(self, sections: Iterable[str]) -> list[RegisteredPolicy]:
        index = self._index
        regs = [reg for name in sections if name in index for reg in index[name]]
        if len(regs) <= 1:
            return regs
        return sorted({reg.spec.id: reg for reg in regs}.values(), key=lambda reg: reg.spec.id)

    # --- case loading --------------------------------------------------------

    def load(self, data: Any) -> tuple[Case, tuple[MigrationNote, ...]]:
        """Validate JSON-like ``data`` into this kernel's case class; also return the migrations applied.

        Raises one :class:`~zhengce.contracts.CaseValidationError` listing every problem
        by path; an unknown top-level section says whose it would be (a blocked or refused
        plugin) or lists the sections installed, with a "did you mean" for a near miss.
        """
        if not isinstance(data, dict):
            raise CaseValidationError([Problem("", f"expected an object, got {type(data).__name__}")])
        if self._view is not None and any(n not in self._sections and n != "case_id" for n in data):
            self._complete()  # a section this partial load did not import
        case_type, migrate, fast = self._loader or self._case_loader()
        try:  # valid input, the usual case: straight-line code (contracts/fast.py)
            return fast(data), ()
        except Exception:  # noqa: BLE001 - any doubt: the converter decides and lists the problems
            if self._view is not None:  # the converter's answer is the full load's (every section listed)
                self._complete()
                case_type, migrate, fast = self._case_loader()
        token = MIGRATION_WANTED.set(False)
        try:
            try:  # the converter: every problem by path, or the wish to migrate older field names
                case = structure(data, case_type)
            except CaseValidationError as exc:
                if not MIGRATION_WANTED.get():
                    raise CaseValidationError([self._explain_unknown(p, data) for p in exc.problems]) from None
            if not MIGRATION_WANTED.get():
                return case, ()
        finally:
            MIGRATION_WANTED.reset(token)
        data, notes = migrate(data)  # an input in older names: migrate with paths, structure again
        try:
            return structure(data, case_type), notes
        except CaseValidationError as exc:
            raise CaseValidationError([self._explain_unknown(p, data) for p in exc.problems]) from None

    def load_case(self, data: Any) -> Case:
        """Validate JSON-like ``data`` into this kernel's case class (see :meth:`load`)."""
        return self.load(data)[0]

    def loads_case(self, text: str | bytes) -> Case:
        """Parse JSON text (fractions become ``Decimal``) and validate it (see :meth:`load`)."""
        return self.load(parse_json(text))[0]

    def _explain_unknown(self, problem: Problem, data: dict[str, Any]) -> Problem:
        name = problem.path
        if "." in name or "[" in name or name not in data or name in self._sections or name == "case_id":
            return problem
        why = self._unowned.get(name)
        if why:
            return Problem(name, f"unknown section: {why}")
        blocked = sorted(self._blocked)
        known = ["case_id", *self._sections]
        hint = did_you_mean(name, known)
        listed = ", ".join(known) if len(known) <= 12 else f"{len(known)} (`zhengce plugins` lists them)"
        text = f"unknown section{hint}; sections installed: {listed}"
        if blocked:
            text += f" (blocked plugins, whose sections are not loaded: {', '.join(blocked)})"
        return Problem(name, text)

    def case_schema(self) -> dict[str, Any]:
        """The JSON Schema of a case for this kernel: every section, each naming its owner."""
        schema = json_schema(self.case_type)
        schema["title"] = "Case"
        schema["$id"] = f"https://zhengce.invalid/schema/case/{self._plugin_set}.json"
        schema["x-zhengce-plugin-set"] = {"id": self._plugin_set, "plugins": [dump(r) for r in self._plugin_refs]}
        for name, owner in self._sections.items():
            prop = schema["properties"][name]
            prop["x-zhengce-owner"] = dump(owner.plugin) if owner.plugin else {"core": KERNEL_VERSION}
            if owner.title:
                prop["description"] = f"{owner.title.zh} / {owner.title.en}"
        return schema

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
        notes: tuple[MigrationNote, ...] = ()
        if isinstance(case, Case):
            names = tuple(name for name, value in vars(case).items() if value is not None)
        else:
            data = case
            case, notes = self.load(data)
            names = tuple(name for name, value in data.items() if value is not None)  # the keys given
        route = self._routed(names, policies)
        as_of = as_of or _dt.date.today()
        results: dict[str, PolicyResult] = {}
        ctx = _context(as_of, known_at or as_of, trace, results)
        with guard.Session(self.policy_timeout):  # one timer for the whole case, not one per policy
            inline, evaluate_planned = guard.inline_budget(self.policy_timeout), self._evaluate_planned
            for plan in route.plans:
                results[plan.id] = evaluate_planned(plan, case, ctx, inline)
        ordered = tuple(results.values()) if route.in_id_order else tuple(results[pid] for pid in sorted(results))
        return _record(  # format, case_id, as_of, known_at, kernel_version, plugins, plugin_set, input_hash,
            _DECISION_FORMAT, case.case_id, ctx.as_of, ctx.known_at, KERNEL_VERSION,  # results, input_notes, resolution
            self._plugin_refs, self._plugin_set,
            guard.input_hash(case) if trace else None,  # screening keeps no audit trail (17 % of its time)
            ordered, notes, resolve(ordered, route.specs, case, route.order))

    def _routed(self, names: tuple[str, ...], policies: Sequence[str] | None) -> _Route:
        """The route of a case carrying the sections ``names`` (restricted to ``policies``): built once
        per plugin set and set of names, since cases of one kind carry the same sections."""
        if self._routes_of is not self._policies:
            self._plans, self._routes, self._routes_of = {}, {}, self._policies
        key: Any = names if policies is None else (names, tuple(policies))
        found = self._routes.get(key)
        if found is None:
            if len(self._routes) >= 4096:
                self._routes.clear()
            found = self._routes[key] = self._new_route(names, policies)
        return found

    def _new_route(self, names: tuple[str, ...], policies: Sequence[str] | None) -> _Route:
        routed: Sequence[RegisteredPolicy] = self._route(names)
        if policies is not None:
            wanted = set(policies)
            routed = [r for r in routed if r.spec.id in wanted]
        in_id_order = True
        if any(r.spec.depends_on for r in routed):
            routed = self._with_dependencies(list(routed))
            in_id_order = False
        plans = []
        for reg in routed:
            plan = self._plans.get(reg.spec.id)
            if plan is None or plan.reg is not reg:
                plan = self._plans[reg.spec.id] = _Plan(reg)
            plans.append(plan)
        return _Route(plans=tuple(plans), order=tuple(p.id for p in plans), specs={p.id: p.spec for p in plans},
                      in_id_order=in_id_order)

    def _with_dependencies(self, routed: list[RegisteredPolicy]) -> list[RegisteredPolicy]:
        """The routed policies and every installed policy they depend on, in dependency order."""
        wanted = {r.spec.id for r in routed}
        stack = list(wanted)
        while stack:
            for dep in self._policies[stack.pop()].spec.depends_on:
                if dep in self._policies and dep not in wanted:
                    wanted.add(dep)
                    stack.append(dep)
        return [self._policies[pid] for pid in self._order if pid in wanted]

    def _evaluate_one(self, reg: RegisteredPolicy, case: Case, ctx: EvaluationContext) -> PolicyResult:
        """One policy's result for ``case`` (the gates, then its plugin's hooks under the guard)."""
        return self._evaluate_planned(_Plan(reg), case, ctx, guard.inline_budget(self.policy_timeout))

    def _evaluate_planned(self, plan: _Plan, case: Case, ctx: EvaluationContext, inline: bool) -> PolicyResult:
        """The gates a policy needs (decided once, in its plan), then its hooks, isolated."""
        spec = plan.spec
        documents: tuple[Any, ...] = ()
        window = None
        if plan.gated:  # a policy with parameters, dependencies or a jurisdiction below national
            known = plan.known.get(ctx.known_at)
            if known is None:
                known = plan.knowing(ctx.known_at)
            documents = known[0]
            stop = None
            if plan.depends:
                stop = dependency_gate(spec, ctx.results, self._unavailable)
            if stop is None and plan.params is not None:
                stop = time_gate(spec, case, ctx, known[1], known[2])
            if stop is None and plan.placed:
                stop = place_gate(spec, case)
            if stop is not None:
                return _result(plan.id, plan.plugin, plan.distribution, plan.version, stop.status, stop, None, documents, None, None)
            if plan.window:
                window = window_of(spec, case, ctx)
        try:  # the plugin's hooks, within the time budget, their results checked (guard.py)
            if inline:
                app, evaluation = guard.run_hooks(plan.applies, plan.evaluate, spec, case, ctx, self.policy_timeout, plan.quantum)
            else:
                app, evaluation = guard.run_policy(plan.reg.hooks, spec, case, ctx, self.policy_timeout)
        except guard.PolicyFault as fault:  # isolate the plugin
            if self.strict:
                raise PolicyEvaluationError(f"plugin {plan.plugin!r}, policy {plan.id!r}, {fault}") from fault.__cause__
            return _result(plan.id, plan.plugin, plan.distribution, plan.version, Status.ERROR, None, None, documents,
                           fault.error(plan.plugin, plan.id), window)
        if evaluation is None and window is None and app.steps is _EMPTY and app.missing is _EMPTY:
            # a bare answer (a status alone: screening, or a policy declining at once) is the same result
            # on every case: built once per status and knowledge day, as facts and grants are interned
            found = plan.bare.get(app.status)
            if found is not None and found.documents is documents:
                return found
            found = plan.bare[app.status] = _result(plan.id, plan.plugin, plan.distribution, plan.version, app.status,
                                                    app, None, documents, None, None)
            return found
        return _result(plan.id, plan.plugin, plan.distribution, plan.version, app.status, app, evaluation, documents, None, window)

    # --- explanation ---------------------------------------------------------

    def explain(self, result: PolicyResult, lang: str = "zh") -> Explanation:
        """Explain one result in ``lang``: the plugin's own explanation, else the kernel's default."""
        if lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
        if self._view is not None and result.policy_id not in self._policies and result.policy_id in self._view["policies"]:
            self._complete()  # a policy this partial load did not import
        reg = self._policies.get(result.policy_id)
        if reg is not None and result.status is not Status.ERROR:
            try:
                text = guard.run_explain(reg.hooks, reg.spec, result, lang, self.policy_timeout)
                if text is not None:
                    return self._residual(text, result)
            except guard.PolicyFault as fault:
                if self.strict:
                    raise PolicyEvaluationError(f"plugin {reg.plugin.name!r}, policy {reg.spec.id!r}, {fault}") from fault.__cause__
        return self._residual(guard.fallback_explanation(default_explanation, reg.spec if reg else None, result, lang), result)

    def _residual(self, text: Explanation, result: PolicyResult) -> Explanation:
        """The explanation with the residual conditions of a ``cannot_tell`` result; a result whose
        recorded comparisons are malformed (a host may post any result) keeps the explanation without them."""
        try:
            return with_residual(text, result)
        except Exception:  # noqa: BLE001 - the explanation itself stands
            if self.strict:
                raise
            return text

    # --- what would it take --------------------------------------------------

    def gaps(self, case: Case | Mapping[str, Any], *, as_of: _dt.date | None = None,
             known_at: _dt.date | None = None, policies: Sequence[str] | None = None) -> tuple[Gap, ...]:
        """The failed, actionable comparisons of the results that do not apply, each with what meeting
        it unlocks across the package (re-evaluated; see :mod:`zhengce.kernel.gaps`)."""
        self._complete()
        return gaps(self, case, as_of=as_of, known_at=known_at, policies=policies)

    def next_questions(self, case: Case | Mapping[str, Any], *, as_of: _dt.date | None = None,
                       known_at: _dt.date | None = None, depth: int = 3) -> tuple[Question, ...]:
        """The missing facts worth asking, best first (see :func:`zhengce.kernel.gaps.next_questions`)."""
        self._complete()
        return next_questions(self, case, as_of=as_of, known_at=known_at, depth=depth)


def freeze_loaded_objects() -> None:
    """Take everything alive now (modules, plugins, parameters, generated code) out of the garbage
    collector's walks (``gc.freeze``), so that a full collection visits only what cases create.

    Process-wide, so the host decides: the batch workers and the HTTP service call it once their kernel
    is built (it halves the p99 of one enterprise case against every policy)."""
    import gc

    gc.collect()
    gc.freeze()


def _cycles(graph: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Every policy on a dependency cycle, with one cycle through it (as a path)."""
    found: dict[str, tuple[str, ...]] = {}
    for start in sorted(graph):
        stack = [(start, iter(graph[start]))]
        seen = {start}
        while stack:
            node, children = stack[-1]
            nxt = next((c for c in children if c in graph), None)
            if nxt is None:
                stack.pop()
                continue
            if nxt == start:
                cycle = (start, *[n for n, _ in stack[1:]], start)
                for n in cycle:
                    found.setdefault(n, cycle)
                break
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, iter(graph[nxt])))
    return found


def _dependency_order(graph: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Policy ids with every dependency before its dependants; ties (and independents) by id."""
    import heapq

    pending = {pid: {d for d in deps if d in graph} for pid, deps in graph.items()}
    dependants: dict[str, list[str]] = {}
    for pid, deps in pending.items():
        for d in deps:
            dependants.setdefault(d, []).append(pid)
    ready = [pid for pid, deps in pending.items() if not deps]
    heapq.heapify(ready)
    order = []
    while ready:
        pid = heapq.heappop(ready)
        order.append(pid)
        for nxt in dependants.get(pid, ()):
            pending[nxt].discard(pid)
            if not pending[nxt]:
                heapq.heappush(ready, nxt)
    return tuple(order)


KERNEL_VERSION = kernel_version()
