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
          # null for an amount, range, date or finding asserts that it is absent

A value ``null`` in a case removes that key from the defaults.  Plugins run
their files with :func:`yaml_case_params` and :func:`check_yaml_case`, and fuzz
their sections with :func:`contract_strategy` (hypothesis).
"""

from __future__ import annotations

import copy
import enum
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import yaml

from zhengce.contracts import DecisionRecord, Domain, Outcome, Status, domain_of
from zhengce.contracts.domains import each_of

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
    if "not_met" in exp:
        failed = {s.id for s in (result.applicability.steps if result.applicability else ()) if s.outcome is Outcome.NOT_MET}
        if failed != set(exp["not_met"] or ()):
            problems.append(f"not_met: expected {sorted(exp['not_met'] or ())}, got {sorted(failed)}")
    return record, problems


def contract_strategy(tp: Any, **leaves: Any) -> Any:
    """A hypothesis strategy for any contract type, derived from its attrs fields, so that new
    sections are covered without new code.  ``leaves`` overrides the strategy of a leaf type
    by name — ``str``, ``int``, ``Decimal``, ``date`` — e.g. ``str=st.sampled_from(["广东省", "44"])``."""
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

    def derive(t: Any) -> Any:
        origin = typing.get_origin(t)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(t)
            inner = st.one_of(*[derive(a) for a in args if a is not type(None)])
            return st.none() | inner if type(None) in args else inner
        if origin is tuple:
            return st.lists(derive(typing.get_args(t)[0]), max_size=3).map(tuple)
        if origin is dict:
            k, v = typing.get_args(t)
            return st.dictionaries(derive(k), derive(v), max_size=3)
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return st.sampled_from(list(t))
        if attrs.has(t):
            if t not in built:
                hints = typing.get_type_hints(t)
                built[t] = st.builds(t, **{f.name: st.deferred(lambda h=hints[f.name], f=f: field(f, h))
                                           for f in attrs.fields(t) if f.init})
            return built[t]
        name = getattr(t, "__name__", None)
        if name in base and t in (bool, int, str, Decimal, date):
            return base[name]
        raise TypeError(f"no strategy for {t!r}")

    def in_domain(domain: Domain, tp: Any) -> Any:
        """Values of the field's own domain (a leaf override is kept where it falls inside it)."""
        lo, hi = domain.minimum, domain.maximum
        if domain.kind == "day":
            return derive(tp).filter(lambda v: domain.problem(v) is None)
        if domain.kind in ("count", "year"):
            return st.integers(lo, hi if hi is not None else max(lo or 0, 0) + 10**4)
        places = 4 if domain.kind == "rate" else 2
        upper = hi if hi is not None else Decimal(10**8)
        return st.decimals(min_value=lo if lo is not None else -upper, max_value=upper, places=places,
                           allow_nan=False, allow_infinity=False)

    def field(f: attrs.Attribute, tp: Any) -> Any:
        domain, each = domain_of(f), each_of(f)
        if domain is not None:
            return st.none() | in_domain(domain, tp)
        if each is not None:
            return st.lists(in_domain(each, typing.get_args(tp)[0]), max_size=3).map(tuple)
        return derive(tp)

    return derive(tp)


def check_plugin_citations(plugin: Any) -> None:
    """Assert that every parameter value of ``plugin``'s policies is cited and that every quote
    and 文号 occurs in the seed.  The seed part is skipped, saying why, when the seed is absent."""
    import pytest

    from .citations import check_quotes, seed_path

    sets = [spec.parameters for spec in plugin.declare_policies() if spec.parameters is not None]
    assert sets, "the plugin declares no parameters"
    for ps in sets:
        for param, value in ps.values():
            c = value.citation
            assert c.document and c.article and c.quote, f"{ps.source}: {param.name} is not cited"
    path = seed_path()
    if path is None:
        pytest.skip("the legal source ../shared/seed/000_4009ee4a0165607f.txt is absent "
                    "(set ZHENGCE_SEED to check quotes; CI has it)")
    problems = check_quotes(path.read_text(encoding="utf-8"), sets)
    assert not problems, "\n".join(problems)
