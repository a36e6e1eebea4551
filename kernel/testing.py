"""YAML test cases (in the spirit of OpenFisca's): input facts → expected outcome.

A file holds the cases of one policy, readable by a lawyer::

    policy: tradein.car_scrappage_subsidy
    defaults:                 # deep-merged under every case's `case`
      case: {applicant: {type: individual_consumer}, ...}
    cases:
      - name: nev_after_392
        why: 392号 doubles the NEV amount once known        # optional prose
        as_of: 2024-09-01
        known_at: 2024-09-01                                # optional, default as_of
        case: {scrappage_application: {submitted_on: 2024-06-25}}
        expect:
          status: applies                                   # applies | does_not_apply | cannot_tell | error
          amounts: {subsidy: "20000.00"}                    # exact Decimal equality
          missing: [scrappage_application.sales_invoice_on] # exact set, when given
          not_met: [application_window]                     # ids of failed conditions, exact set
          ranges: {fine: ["50000", "500000"]}               # [min, max]; null = unbounded
          dates: {deadline: 2025-01-10}
          findings: {plan_filed: not_met}
          expired: true                                     # the kernel found every document ended
          # null for an amount, range, date or finding asserts that it is absent

A value ``null`` in a case removes that key from the defaults.  Plugins run
their files with :func:`yaml_case_params` and :func:`check_yaml_case`, and fuzz
their sections with :func:`contract_strategy` (hypothesis).
"""

from __future__ import annotations

import contextlib
import copy
import enum
import importlib
import sys
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import yaml

from zhengce.contracts import DecisionRecord, Outcome, Status
from zhengce.contracts.domains import domain_of, each_of

from .kernel import Kernel


@attrs.frozen(kw_only=True)
class YamlCase:
    file: str
    name: str
    policy: str
    as_of: date
    known_at: date | None
    case: dict[str, Any]
    expect: dict[str, Any]


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, Mapping) and isinstance(over, Mapping):
        out = dict(base)
        for k, v in over.items():
            if v is None:
                out.pop(k, None)
            else:
                out[k] = _merge(base.get(k), v)
        return out
    return copy.deepcopy(over)


def _jsonable(value: Any) -> Any:
    """YAML parses dates; a case is JSON-like, so dates go back to ISO strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):  # YAML read `0.05` as a float: take its text back, exactly
        return Decimal(repr(value))
    return value


def load_yaml_cases(path: str | Path) -> list[YamlCase]:
    path = Path(path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    defaults = (raw.get("defaults") or {}).get("case") or {}
    out = []
    for entry in raw["cases"]:
        as_of = entry["as_of"]
        out.append(YamlCase(
            file=path.name,
            name=entry["name"],
            policy=entry.get("policy", raw.get("policy")),
            as_of=as_of if isinstance(as_of, date) else date.fromisoformat(as_of),
            known_at=entry.get("known_at"),
            case=_jsonable(_merge(defaults, entry.get("case") or {})),
            expect=entry["expect"],
        ))
    return out


def yaml_case_params(directory: str | Path) -> list[Any]:
    """pytest params (id ``file::name``) for every case of every ``*.yaml`` in ``directory``."""
    import pytest

    return [pytest.param(c, id=f"{c.file}::{c.name}") for f in sorted(Path(directory).glob("*.yaml")) for c in load_yaml_cases(f)]


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def check_yaml_case(kernel: Kernel, yc: YamlCase) -> tuple[DecisionRecord, list[str]]:
    """Evaluate one YAML case; return the record and every mismatch with the expectation."""
    record = kernel.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at)
    result = record.result(yc.policy)
    exp = yc.expect
    if result is None:
        return record, [f"{yc.policy}: no result (the case did not reach the policy)"]
    problems: list[str] = []
    if result.status is Status.ERROR:
        problems.append(f"plugin error: {result.error}")
    if "status" in exp and result.status.value != exp["status"]:
        problems.append(f"status: expected {exp['status']}, got {result.status.value}")
    ev = result.evaluation
    for name, want in (exp.get("amounts") or {}).items():
        got = ev.amount(name) if ev else None
        if want is None:
            if got is not None:
                problems.append(f"amount {name}: expected none, got {got}")
        elif got is None or got != _dec(want):
            problems.append(f"amount {name}: expected {want}, got {got}")
    for name, want in (exp.get("ranges") or {}).items():
        rng = ev.range(name) if ev else None
        if want is None:
            if rng is not None:
                problems.append(f"range {name}: expected none, got [{rng.minimum}, {rng.maximum}]")
            continue
        lo, hi = want
        if rng is None or rng.minimum != _dec(lo) or rng.maximum != _dec(hi):
            problems.append(f"range {name}: expected [{lo}, {hi}], got {rng and [rng.minimum, rng.maximum]}")
    for name, want in (exp.get("dates") or {}).items():
        got = ev.date(name) if ev else None
        if want is None:
            if got is not None:
                problems.append(f"date {name}: expected none, got {got}")
            continue
        want = want if isinstance(want, date) else date.fromisoformat(str(want))
        if got != want:
            problems.append(f"date {name}: expected {want}, got {got}")
    for fid, want in (exp.get("findings") or {}).items():
        got = ev.finding(fid) if ev else None
        if want is None:
            if got is not None:
                problems.append(f"finding {fid}: expected none, got {got.status.value}")
            continue
        if got is None or got.status.value != want:
            problems.append(f"finding {fid}: expected {want}, got {got and got.status.value}")
    if "missing" in exp and set(result.missing) != set(exp["missing"] or ()):
        problems.append(f"missing: expected {sorted(exp['missing'] or ())}, got {sorted(result.missing)}")
    if "expired" in exp:
        expired = any(s.outcome is Outcome.EXPIRED for s in (result.applicability.steps if result.applicability else ()))
        if expired != bool(exp["expired"]):
            problems.append(f"expired: expected {exp['expired']}, got {expired}")
    if "not_met" in exp:
        failed = {s.id for s in (result.applicability.steps if result.applicability else ()) if s.outcome is Outcome.NOT_MET}
        if failed != set(exp["not_met"] or ()):
            problems.append(f"not_met: expected {sorted(exp['not_met'] or ())}, got {sorted(failed)}")
    return record, problems


def contract_strategy(tp: Any, **leaves: Any) -> Any:
    """A hypothesis strategy for any contract type, derived from its attrs fields, so that new
    sections are covered without new code.  ``leaves`` overrides the strategy of a leaf type
    by name — ``str``, ``int``, ``Decimal``, ``date`` — e.g. ``str=st.sampled_from(["广东省", "44"])``.
    A field that declares a domain (:mod:`zhengce.contracts.domains`) draws only values inside it,
    since its class refuses the others."""
    from hypothesis import strategies as st

    base = {
        "bool": st.booleans(),
        "int": st.integers(-10**6, 10**9),
        "str": st.text(max_size=12),
        "Decimal": st.decimals(min_value=-10**9, max_value=10**10, places=2, allow_nan=False, allow_infinity=False),
        "date": st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
        **leaves,
    }
    built: dict[Any, Any] = {}

    def bounded(name: str, dom: Any) -> Any:
        """The leaf strategy of ``name`` restricted to the field's domain."""
        lo, hi = dom.minimum, dom.maximum
        if name in leaves:
            return leaves[name].filter(lambda v: dom.problem(v) is None)
        if name == "Decimal":
            return st.decimals(min_value=-10**9 if lo is None else lo, max_value=10**10 if hi is None else hi,
                               places=2, allow_nan=False, allow_infinity=False)
        if name == "int":
            return st.integers(-10**6 if lo is None else lo, 10**9 if hi is None else hi)
        if name == "date":
            return st.dates(min_value=max(lo or date(2000, 1, 1), date(2000, 1, 1)),
                            max_value=min(hi or date(2030, 12, 31), date(2030, 12, 31)))
        return base[name].filter(lambda v: dom.problem(v) is None)

    def derive(t: Any, dom: Any = None, each: Any = None) -> Any:
        origin = typing.get_origin(t)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(t)
            inner = st.one_of(*[derive(a, dom, each) for a in args if a is not type(None)])
            return st.none() | inner if type(None) in args else inner
        if origin is tuple:  # each item in the domain ``items(each=...)`` declares
            return st.lists(derive(typing.get_args(t)[0], each), max_size=3).map(tuple)
        if origin is dict:
            k, v = typing.get_args(t)
            return st.dictionaries(derive(k), derive(v), max_size=3)
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return st.sampled_from(list(t))
        if attrs.has(t):
            if t not in built:
                hints = typing.get_type_hints(t)
                built[t] = st.builds(t, **{f.name: st.deferred(lambda h=hints[f.name], d=domain_of(f), e=each_of(f): derive(h, d, e))
                                           for f in attrs.fields(t) if f.init})
            return built[t]
        name = getattr(t, "__name__", None)
        if name in base and t in (bool, int, str, Decimal, date):
            return base[name] if dom is None else bounded(name, dom)
        raise TypeError(f"no strategy for {t!r}")

    return derive(tp)


def _require(ok: Any, message: str) -> None:
    """A check of the kit: an AssertionError pytest reports, raised even under ``python -O``."""
    if not ok:
        raise AssertionError(message)


def _cited_parameter_sets(plugin: Any) -> list[Any]:
    """The plugin's parameter sets, after checking that every value names document, article and quote."""
    sets = [spec.parameters for spec in plugin.declare_policies() if spec.parameters is not None]
    for ps in sets:
        for param, value in ps.values():
            c = value.citation
            _require(c.document and c.article and c.quote, f"{ps.source}: {param.name} is not cited")
    return sets


def check_plugin_citations(plugin: Any) -> None:
    """Assert that every parameter value of ``plugin``'s policies is cited and that every quote
    and 文号 occurs in the seed.  The seed part is skipped, saying why, when the seed is absent."""
    import pytest

    from .citations import check_quotes, seed_path

    sets = _cited_parameter_sets(plugin)
    _require(sets, "the plugin declares no parameters")
    path = seed_path()
    if path is None:
        pytest.skip("the legal source ../shared/seed/000_4009ee4a0165607f.txt is absent "
                    "(set ZHENGCE_SEED to check quotes; CI has it)")
    problems = check_quotes(path.read_text(encoding="utf-8"), sets)
    _require(not problems, "\n".join(problems))


@contextlib.contextmanager
def installed_distribution(directory: str | Path, *, distribution: str, version: str,
                           entry_points: Mapping[str, str], import_path: str | Path | None = None,
                           group: str = "zhengce") -> Iterator[Path]:
    """Make plugins discoverable through entry points as if ``distribution`` were installed.

    Writes ``<distribution>-<version>.dist-info`` (``METADATA`` and ``entry_points.txt``)
    into ``directory`` and puts ``directory`` (and ``import_path``, where the plugin's
    package lives) on ``sys.path`` while the context is open: the documented equivalent
    of ``pip install`` for a test, so ``Kernel()`` loads the plugin exactly as it would
    an installed third-party one.  Modules imported from ``import_path`` are forgotten
    on exit.
    """
    directory = Path(directory)
    info = directory / f"{distribution.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n", encoding="utf-8")
    lines = [f"[{group}]", *(f"{name} = {target}" for name, target in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    added = [str(directory)] + ([str(import_path)] if import_path else [])
    before = set(sys.modules)
    sys.path[:0] = added
    importlib.invalidate_caches()
    try:
        yield info
    finally:
        for p in added:
            sys.path.remove(p)
        if import_path:
            root = str(Path(import_path).resolve())
            for name in set(sys.modules) - before:
                file = getattr(sys.modules[name], "__file__", None) or ""
                if file and str(Path(file).resolve()).startswith(root):
                    del sys.modules[name]
        importlib.invalidate_caches()


def check_conformance(plugin: Any, *, legal_sources: Iterable[str | Path], national: Iterable[Any] = (),
                      cases: str | Path | None = None) -> Kernel:
    """The conformance kit a third-party plugin runs in its own tests.

    Asserts that ``plugin``'s declarations load next to ``national`` (the plugins it builds on) with
    no problem; that every relation and dependency it declares names an installed policy; that every
    parameter value is cited and every quote and 文号 occurs in **the legal sources it declares**
    (its own documents, not the national compilation); and that its YAML cases (``cases``) pass.
    Returns the kernel, for further checks.
    """
    from .citations import check_quotes

    kernel = Kernel([*national, plugin])
    _require(not kernel.problems, "\n".join(f"{p.plugin}: {p.message}" for p in kernel.problems))
    specs = [spec for spec in plugin.declare_policies()]
    installed = {r.spec.id for r in kernel.policies}
    for spec in specs:
        named = set(spec.depends_on) | {q for rel in spec.relations for q in getattr(rel, "policies", ())}
        _require(named <= installed, f"{spec.id}: relations name policies not installed: {sorted(named - installed)}")
    sets = _cited_parameter_sets(plugin)
    text = "\n".join(Path(p).read_text(encoding="utf-8") for p in legal_sources)
    problems = check_quotes(text, sets)
    _require(not problems, "\n".join(problems))
    if cases is not None:
        for yc in (c for f in sorted(Path(cases).glob("*.yaml")) for c in load_yaml_cases(f)):
            _, found = check_yaml_case(kernel, yc)
            _require(not found, f"{yc.file}::{yc.name}: " + "; ".join(found))
    return kernel


@attrs.frozen
class BothWays:
    """One Arrow batch screened through the columnar path and per case only (:func:`screen_both_ways`).

    ``*_rows``: the result rows written (JSON Lines, one ``bytes`` per row); ``*_counts``: the
    partition's counts without the ``columnar`` object, which ``columnar`` holds (None when the
    columnar path decided nothing)."""

    columnar_rows: list[bytes]
    per_case_rows: list[bytes]
    columnar_counts: dict[str, Any]
    per_case_counts: dict[str, Any]
    columnar: dict[str, Any] | None

    @property
    def agree(self) -> bool:
        return self.columnar_rows == self.per_case_rows and self.columnar_counts == self.per_case_counts


def screen_both_ways(batch: Any, *, as_of: date, known_at: date | None = None, keep: Iterable[str] = (),
                     block: tuple[str, ...] = ()) -> BothWays:
    """Screen an Arrow record batch (the flat layout) with the installed plugins both ways: how a plugin
    tests its columnar twin (``screen_columns``) against its per-case rule, row for row."""
    from .batch.readers import Partition
    from .batch.results import Keep
    from .batch.worker import ScreenTask, screen_partition

    out = []
    for columnar in (True, False):
        task = ScreenTask(as_of=as_of, known_at=known_at, keep=Keep.parse(list(keep)), block=block, columnar=columnar)
        outcome = screen_partition(task, Partition(index=0, format="parquet", first_row=1, rows=batch.num_rows, payload=batch))
        counts = outcome.stats.to_json()
        out.append(((outcome.data or b"").split(b"\n"), counts, counts.pop("columnar", None)))
    (a, ca, columnar), (b, cb, _) = out
    return BothWays(columnar_rows=a, per_case_rows=b, columnar_counts=ca, per_case_counts=cb, columnar=columnar)
