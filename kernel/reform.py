"""A reform: a parameter patch, read as a hypothetical document on the knowledge axis.

A reform file (``format: zhengce.reform/1``) names a hypothetical document and the values it
would give to existing parameters::

    format: zhengce.reform/1
    document:
      number: 假设〔2024〕1号
      title: 假设方案：新能源乘用车报废更新补贴提高至2.5万元
      issued: 2024-10-01
    changes:
      - policy: tradein.car_scrappage_subsidy
        parameter: amount.scrap_any_buy_nev
        value: "25000"
        from: 2024-04-24     # optional: the event days the value governs (default: all)
        until: 2025-01-10
        # article / quote: optional; default 假设方案 / "<parameter> = <value>"
      - set: tradein.car_scrappage_subsidy   # a parameter set by name, wherever it is read
        parameter: split.east
        value: "9:1"

A change names the **parameter set** it patches: ``set`` (a set's ``policy:`` name in its
YAML file, or its source ``package/parameters/file.yaml``), else the ``policy``'s own set.  With
both, the policy must read that set.  A set is patched *wherever it is read*: as a policy's
``PolicySpec.parameters``, and as a module-level value a rule module reads (another policy's set,
a shared set, another plugin's set: ``funding_settlement`` reading the subsidy's ``split.*``).

:func:`apply_reform` returns a new :class:`Kernel` whose patched sets carry one more dated value
per change, cited to the hypothetical document.  Nothing shared is mutated: a rule module that
reads a patched set at module level is *rebound* for the new kernel (a copy of the module whose
functions see the patched set; :func:`_rebind`), the original module untouched.  Since the
latest-issued known value wins, the baseline is the evaluation *known at* the day before the
reform's issue date and the reform the one known at that date (:attr:`Reform.baseline_known_at`,
:attr:`Reform.reform_known_at`): the same law, two states of knowledge, and every changed number
is cited in the trace to the hypothetical document.

Limits: only plugins built with :class:`RulesPlugin` are rebound (another plugin's module-level
sets are not patched, its ``PolicySpec.parameters`` are); a set held in a closure, a class
attribute or a cached (``lru_cache``) function, or a ``ParameterValue`` captured in a relation
(a ``CombinedCap``'s cap), is not patched.
"""

from __future__ import annotations

import copy
import sys
import types
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import yaml

from zhengce.contracts import Citation

from .parameters import Document, Parameter, ParameterSet, ParameterValue, _date, _overlap, _typed

REFORM_FORMAT = "zhengce.reform/1"
REFORM_KEY = "reform"  # the hypothetical document's key in each patched parameter set
_KEYS = {"policy", "set", "parameter", "value", "from", "until", "article", "quote"}


class ReformError(ValueError):
    """A reform file is malformed or does not fit the kernel; the message lists every problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(f"{source}: {len(problems)} problem(s):\n  - " + "\n  - ".join(problems))


@attrs.frozen(kw_only=True)
class Change:
    """One parameter the reform sets (``value`` as written; typed against the parameter on apply).

    ``set`` names the parameter set (None: the ``policy``'s own); ``policy`` may then be None.
    """

    policy: str | None
    parameter: str
    value: Any
    set: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    article: str = "假设方案"
    quote: str | None = None

    @property
    def target(self) -> str:
        return f"{self.set or self.policy} {self.parameter}"


@attrs.frozen(kw_only=True)
class Reform:
    """A hypothetical document and the changes it makes."""

    number: str
    title: str
    issued: date
    changes: tuple[Change, ...]
    source: str = "<reform>"

    @property
    def baseline_known_at(self) -> date:
        return self.issued - timedelta(days=1)

    @property
    def reform_known_at(self) -> date:
        return self.issued

    @property
    def key(self) -> str:
        """A stable identity of the reform (a worker applies it once per process)."""
        return repr((self.source, self.number, self.issued, self.changes))


def parse_reform(data: Any, source: str = "<reform>") -> Reform:
    """Validate the shape of a reform file (not yet against a kernel: see :func:`apply_reform`)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ReformError(source, ["expected a mapping at the top"])
    if data.get("format") != REFORM_FORMAT:
        problems.append(f"format: expected {REFORM_FORMAT!r}")
    doc = data.get("document")
    number = title = issued = None
    if not isinstance(doc, dict):
        problems.append("document: needs {number, title, issued}")
    else:
        number, title = doc.get("number"), doc.get("title")
        if not isinstance(number, str) or not number.strip() or not isinstance(title, str) or not title.strip():
            problems.append("document: needs a number (文号) and a title")
        issued = _date(doc.get("issued"), "document.issued", problems)
    raw_changes = data.get("changes")
    if not isinstance(raw_changes, list) or not raw_changes:
        problems.append("changes: needs at least one {policy or set, parameter, value}")
        raw_changes = []
    changes = []
    for i, rc in enumerate(raw_changes):
        where = f"changes[{i}]"
        if not isinstance(rc, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        unknown = sorted(set(rc) - _KEYS)
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)}")
        if not isinstance(rc.get("parameter"), str):
            problems.append(f"{where}.parameter: missing")
        for key in ("policy", "set"):
            if rc.get(key) is not None and not isinstance(rc[key], str):
                problems.append(f"{where}.{key}: expected a name, not {rc[key]!r}")
        if rc.get("policy") is None and rc.get("set") is None:
            problems.append(f"{where}.policy: missing (or give the parameter set: set)")
        if "value" not in rc:
            problems.append(f"{where}.value: missing")
        vf = _date(rc["from"], f"{where}.from", problems) if rc.get("from") is not None else None
        vu = _date(rc["until"], f"{where}.until", problems) if rc.get("until") is not None else None
        if vf and vu and vf > vu:
            problems.append(f"{where}: from {vf} is after until {vu}")
        changes.append(Change(policy=None if rc.get("policy") is None else str(rc["policy"]),
                              set=None if rc.get("set") is None else str(rc["set"]),
                              parameter=str(rc.get("parameter")), value=rc.get("value"),
                              valid_from=vf, valid_until=vu, article=str(rc.get("article") or "假设方案"),
                              quote=rc.get("quote")))
    if problems:
        raise ReformError(source, problems)
    return Reform(number=number.strip(), title=title.strip(), issued=issued, changes=tuple(changes), source=source)


def load_reform(path: str | Path) -> Reform:
    """Read and validate a reform file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ReformError(str(path), [f"not YAML: {exc}"]) from None
    return parse_reform(data, str(path))


# --- which parameter sets a policy reads ---------------------------------------------


def _rules_plugin(obj: Any) -> Any:
    from .plugin_base import RulesPlugin

    return obj if isinstance(obj, RulesPlugin) else None


def _modules(kernel: Any) -> list[types.ModuleType]:
    """The rule modules of the kernel's RulesPlugins and every loaded module of their top-level packages."""
    rules = [m for s in kernel._slots if _rules_plugin(s.obj) for m in s.obj.rules.values() if isinstance(m, types.ModuleType)]
    packages = {m.__name__.split(".")[0] for m in rules}
    found = {id(m): m for m in rules}
    for name, m in list(sys.modules.items()):
        if isinstance(m, types.ModuleType) and name.split(".")[0] in packages:
            found.setdefault(id(m), m)
    return list(found.values())


def _references(value: Any) -> Iterator[Any]:
    """What a module-level value holds that a rule could read: itself, a function's defaults."""
    yield value
    if isinstance(value, types.FunctionType):
        yield from value.__defaults__ or ()
        yield from (value.__kwdefaults__ or {}).values()


def _reachable_sets(module: types.ModuleType, owner: dict[int, types.ModuleType]) -> list[ParameterSet]:
    """Every ParameterSet a rule module reaches through module globals: its own, those of the
    modules it imports and of the modules whose functions it calls (within the plugin packages)."""
    found: dict[int, ParameterSet] = {}
    seen: set[int] = set()
    todo = [module]
    while todo:
        m = todo.pop()
        if id(m) in seen:
            continue
        seen.add(id(m))
        for value in list(vars(m).values()):
            for v in _references(value):
                if isinstance(v, ParameterSet):
                    found.setdefault(id(v), v)
                elif isinstance(v, types.ModuleType) and id(vars(v)) in owner:
                    todo.append(v)
                elif isinstance(v, types.FunctionType) and id(v.__globals__) in owner:
                    todo.append(owner[id(v.__globals__)])
    return list(found.values())


def parameter_sets(kernel: Any) -> dict[str, list[ParameterSet]]:
    """Policy id → the parameter sets its rules read: its own (``PolicySpec.parameters``) first,
    then those its rule module reaches at module level (see :func:`_reachable_sets`)."""
    owner = {id(vars(m)): m for m in _modules(kernel)}
    out: dict[str, list[ParameterSet]] = {}
    for slot in kernel._slots:
        rules = _rules_plugin(slot.obj)
        for spec in slot.policies:
            sets = [spec.parameters] if spec.parameters is not None else []
            module = rules.rules.get(spec.id) if rules else None
            if isinstance(module, types.ModuleType):
                sets += [s for s in _reachable_sets(module, owner) if all(s is not t for t in sets)]
            out[spec.id] = sets
    return out


def _names(params: ParameterSet) -> tuple[str, str]:
    return params.policy, params.source


# --- patching ---------------------------------------------------------------------


def _document(reform: Reform, params: ParameterSet) -> Document:
    """The hypothetical document as one set of parameters knows it: in force from its issue date,
    ending when the set's own documents end (a reform of an amount does not extend the policy)."""
    ends = [d for d in params.documents.values() if d.expires is not None]
    last = max(ends, key=lambda d: d.expires) if ends and len(ends) == len(params.documents) else None
    return Document(key=REFORM_KEY, number=reform.number, title=reform.title, issued=reform.issued,
                    in_force=reform.issued, expires=last.expires if last else None,
                    expires_quote=last.expires_quote if last else None)


def patch_parameters(params: ParameterSet, reform: Reform, changes: list[tuple[int, Change]],
                     problems: list[str]) -> ParameterSet:
    """A new parameter set with one more value per change, cited to the hypothetical document."""
    doc = _document(reform, params)
    later = [d for d in params.documents.values() if d.issued >= reform.issued]
    if later:
        problems.append(f"{params.policy}: the reform must be issued after every document of the set; "
                        f"{', '.join(d.number for d in later)} issued {max(d.issued for d in later)}")
    patched: dict[str, Parameter] = dict(params.parameters)
    for i, ch in changes:
        where = f"changes[{i}] ({ch.target})"
        param = patched.get(ch.parameter)
        if param is None:
            known = ", ".join(sorted(params.parameters))
            problems.append(f"{where}: unknown parameter {ch.parameter!r} in set {params.policy} (known: {known})")
            continue
        before = len(problems)
        if param.type == "text" and not isinstance(ch.value, str):
            problems.append(f"{where}: value: bad text value {ch.value!r}: expected a string")
            continue
        value = _typed(param.type, ch.value, f"{where}: value", problems)
        if len(problems) > before:
            continue
        quote = ch.quote or f"{ch.parameter} = {ch.value}"
        cite = Citation(document=doc.number, article=ch.article, quote=quote, issued=doc.issued)
        new = ParameterValue(value=value, valid_from=ch.valid_from, valid_until=ch.valid_until, document=doc, citation=cite)
        if any(v.document.key == REFORM_KEY and _overlap(v, new) for v in param.values):
            problems.append(f"{where}: two changes of the same parameter overlap")
            continue
        patched[ch.parameter] = attrs.evolve(param, values=(*param.values, new), _memo={})
    return attrs.evolve(params, documents={**params.documents, REFORM_KEY: doc}, parameters=patched, _by_knowledge={})


def _targets(kernel: Any, reform: Reform, problems: list[str]) -> dict[int, tuple[ParameterSet, list[tuple[int, Change]]]]:
    """Each parameter set object the reform patches, with its changes (every problem recorded).

    A set is found by name (its ``policy:`` or its source); every object loaded from the same
    source is the same legal set and is patched alike."""
    reads = parameter_sets(kernel)
    own = {s.id: s.parameters for slot in kernel._slots for s in slot.policies}
    every: dict[int, ParameterSet] = {id(s): s for sets in reads.values() for s in sets}
    by_name: dict[str, list[ParameterSet]] = {}
    by_source: dict[str, list[ParameterSet]] = {}
    for s in every.values():
        by_source.setdefault(s.source, []).append(s)
        for name in set(_names(s)):
            by_name.setdefault(name, []).append(s)
    targets: dict[int, tuple[ParameterSet, list[tuple[int, Change]]]] = {}
    for i, ch in enumerate(reform.changes):
        if ch.policy is not None and ch.policy not in reads:
            problems.append(f"changes[{i}]: unknown policy {ch.policy!r}")
            continue
        if ch.set is None:
            found = [own[ch.policy]] if own[ch.policy] is not None else []
            if not found:
                problems.append(f"changes[{i}]: policy {ch.policy!r} has no parameters of its own "
                                f"(name the set it reads: set: {', '.join(s.policy for s in reads[ch.policy]) or '-'})")
                continue
        elif ch.policy is not None:
            found = [s for s in reads[ch.policy] if ch.set in _names(s)]
            if not found:
                problems.append(f"changes[{i}]: policy {ch.policy!r} does not read parameter set {ch.set!r} "
                                f"(it reads: {', '.join(s.policy for s in reads[ch.policy]) or 'none'})")
                continue
        else:
            found = by_name.get(ch.set, [])
            if not found:
                problems.append(f"changes[{i}]: unknown parameter set {ch.set!r} "
                                f"(known: {', '.join(sorted({s.policy for s in every.values()}))})")
                continue
        for s in {id(t): t for f in found for t in by_source.get(f.source, [f])}.values():
            targets.setdefault(id(s), (s, []))[1].append((i, ch))
    return targets


def apply_reform(kernel: Any, reform: Reform) -> Any:
    """A new Kernel with the reform's changes applied; ``kernel`` is left as it was.

    Raises one :class:`ReformError` listing every unknown policy, parameter set or parameter, set a
    policy does not read, value of the wrong type, or reform issued too early to supersede the law it
    patches.
    """
    problems: list[str] = []
    targets = _targets(kernel, reform, problems)
    swap: dict[int, tuple[Any, Any]] = {}
    reported: set[str] = set()
    for sid, (params, changes) in targets.items():
        # the same set loaded twice is two objects: patch both, report its problems once
        mine: list[str] = []
        swap[sid] = (params, patch_parameters(params, reform, changes, mine))
        problems += [p for p in mine if p not in reported]
        reported |= set(mine)
    same_day = sorted({d.number for slot in kernel._slots for s in slot.policies if s.parameters
                       for d in s.parameters.documents.values() if d.issued == reform.issued})
    if same_day:
        problems.append(f"document.issued: {reform.issued} is the issue date of {', '.join(same_day)}; "
                        "baseline and reform would differ by more than the reform")
    if problems:
        raise ReformError(reform.source, problems)
    _rebind(_modules(kernel), swap)
    new = copy.copy(kernel)
    new._slots = [_patched_slot(s, swap) for s in kernel._slots]
    new._failures = list(kernel._failures)
    new._blocked = set(kernel._blocked)
    loader = kernel._loader
    new._resolve()
    new._loader = loader  # same sections, same case class
    return new


def _patched_slot(slot: Any, swap: dict[int, tuple[Any, Any]]) -> Any:
    def new(x: Any) -> Any:
        return swap[id(x)][1] if id(x) in swap and swap[id(x)][0] is x else x

    policies = tuple(attrs.evolve(p, parameters=new(p.parameters)) if new(p.parameters) is not p.parameters else p
                     for p in slot.policies)
    rules = _rules_plugin(slot.obj)
    if rules is None or all(new(m) is m for m in rules.rules.values()):
        return attrs.evolve(slot, policies=policies)
    import pluggy

    from . import hookspecs

    plugin = copy.copy(rules)
    plugin.rules = {pid: new(m) for pid, m in rules.rules.items()}
    plugin.specs = policies
    dispatcher = pluggy.PluginManager(hookspecs.PROJECT)
    dispatcher.add_hookspecs(hookspecs)
    dispatcher.register(plugin, name=slot.ref.name)
    # the kernel binds a plugin's per-case hooks at registration (a wrapper around the relay): do the same
    hooks = type(slot.hooks)(dispatcher.hook) if hasattr(slot.hooks, "relay") else dispatcher.hook
    return attrs.evolve(slot, obj=plugin, hooks=hooks, policies=policies)


def _rebind(modules: Iterable[types.ModuleType], swap: dict[int, tuple[Any, Any]]) -> None:
    """Copies of the modules that reach a swapped object at module level, with their functions
    rebuilt over the copy's globals, and every reference among them (modules, functions, default
    arguments) pointed at the copies; recorded in ``swap`` (id → (original, copy)).  The originals
    are untouched: a module that does not reach a patched set is shared as it is."""
    modules = list(modules)
    owner = {id(vars(m)): m for m in modules}

    def dirty_value(v: Any) -> bool:
        return any(id(r) in swap or (isinstance(r, types.FunctionType) and id(r.__globals__) in owner
                                     and id(owner[id(r.__globals__)]) in swap)
                   for r in _references(v))

    changed = True
    while changed:  # a module is copied when it holds a swapped object or a copied module's function
        changed = False
        for m in modules:
            if id(m) not in swap and any(dirty_value(v) for v in list(vars(m).values())):
                copy_ = types.ModuleType(m.__name__, m.__doc__)
                swap[id(m)] = (m, copy_)
                changed = True
    copies = [(m, swap[id(m)][1]) for m in modules if id(m) in swap]
    for m, c in copies:
        space = c.__dict__
        space.update(vars(m))
        for name, f in list(vars(m).items()):
            if isinstance(f, types.FunctionType) and f.__globals__ is vars(m):
                g = types.FunctionType(f.__code__, space, f.__name__, f.__defaults__, f.__closure__)
                g.__kwdefaults__ = copy.copy(f.__kwdefaults__)
                g.__qualname__, g.__doc__, g.__module__ = f.__qualname__, f.__doc__, f.__module__
                g.__annotations__ = f.__annotations__
                g.__dict__.update(f.__dict__)
                swap[id(f)] = (f, g)

    def new(x: Any) -> Any:
        return swap[id(x)][1] if id(x) in swap and swap[id(x)][0] is x else x

    for _m, c in copies:
        space = c.__dict__
        for name, v in list(space.items()):
            space[name] = new(v)
            if isinstance(space[name], types.FunctionType) and space[name].__globals__ is space:
                g = space[name]
                if g.__defaults__:
                    g.__defaults__ = tuple(new(d) for d in g.__defaults__)
                if g.__kwdefaults__:
                    g.__kwdefaults__ = {k: new(d) for k, d in g.__kwdefaults__.items()}
