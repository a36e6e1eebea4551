"""Input fuzzing: mutate one field of a case at a time and judge the outcome against the documented rules.

Used by the fuzz tests (``tests/fuzz``) and ``benchmarks/fuzz_figures.py``.  A mutation puts a nasty
value (:data:`MUTATIONS`) at one path of an example case — a field it has, or any field its objects
declare.  :func:`expected_valid` says, from the field's declared type and domain alone (the rules of
``docs/output.md``), whether the value must be accepted; :func:`classify` runs the case and names the
outcome:

``accepted``           valid and evaluated, no result ``error``
``clean_error``        invalid and refused with the documented error (every problem by path, encodable, capped)
``crash``              anything else: another exception, an ``error`` result, an unserialisable record
``hang``               slower than ``hang_after`` seconds
``silent_wrong``       invalid, yet accepted
``wrong_rejection``    valid, yet refused
"""

from __future__ import annotations

import contextlib
import copy
import enum
import io
import json
import re
import time
import types
import typing
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from zhengce.contracts import CaseValidationError, dumps, limits
from zhengce.contracts.domains import Domain, domain_of, each_of

#: Outcomes that are documented (the others are failures of the engine).
DOCUMENTED = frozenset({"accepted", "clean_error"})
FAILURES = ("crash", "hang", "silent_wrong", "wrong_rejection")

SKIP = object()  # a mutation with no such form (a float cannot be written as JSON text)


@attrs.frozen
class Mutation:
    """A value to put at a path: as a Python value (the API) and as JSON text (files, the CLI)."""

    label: str
    value: Any = attrs.field(repr=False)
    json_text: str | None = attrs.field(repr=False)


def _deep(n: int) -> Any:
    value: Any = 1
    for _ in range(n):
        value = [value]
    return value


MUTATIONS: tuple[Mutation, ...] = (
    Mutation("null", None, "null"),
    Mutation("negative_text", "-10000", '"-10000"'),
    Mutation("negative", -1, "-1"),
    Mutation("zero", 0, "0"),
    Mutation("one_point_five", SKIP, "1.5"),  # a JSON fraction: read as Decimal, exact
    Mutation("exponent_text", "1e400", '"1e400"'),
    Mutation("huge_exponent", Decimal("1E+400"), "1e400"),
    Mutation("tiny_exponent", Decimal("1E-400"), "1e-400"),
    Mutation("int_of_5001_digits", 10**5000, "1" + "0" * 5000),
    Mutation("twenty_nines", "9" * 20, '"' + "9" * 20 + '"'),
    Mutation("float", 0.1, None),
    Mutation("nan", Decimal("NaN"), "NaN"),
    Mutation("comma_number", "1,000", '"1,000"'),
    Mutation("basic_date", "20240625", '"20240625"'),
    Mutation("week_date", "2024-W26-2", '"2024-W26-2"'),
    Mutation("year_1", "0001-01-01", '"0001-01-01"'),
    Mutation("year_9999", "9999-12-31", '"9999-12-31"'),
    Mutation("february_30", "2024-02-30", '"2024-02-30"'),
    Mutation("good_date", "2024-06-25", '"2024-06-25"'),
    Mutation("earliest_day", "1900-01-01", '"1900-01-01"'),
    Mutation("latest_day", "2100-12-31", '"2100-12-31"'),
    Mutation("largest_number", "999999999999999.99", '"999999999999999.99"'),
    Mutation("largest_integer", 10**15 - 1, str(10**15 - 1)),
    Mutation("finest_fraction", "0." + "0" * 11 + "1", "0." + "0" * 11 + "1"),
    Mutation("too_fine_fraction", "0." + "0" * 12 + "1", "0." + "0" * 12 + "1"),
    Mutation("lone_surrogate", "\ud800", '"\\ud800"'),
    Mutation("long_text", "x" * (limits.MAX_STRING + 1), '"' + "x" * (limits.MAX_STRING + 1) + '"'),
    Mutation("empty_text", "", '""'),
    Mutation("letters", "abc", '"abc"'),
    Mutation("object", {"a": 1}, '{"a": 1}'),
    Mutation("list", [1, 2], "[1, 2]"),
    Mutation("empty_list", [], "[]"),
    Mutation("true", True, "true"),
    Mutation("deep", _deep(200), "[" * 200 + "1" + "]" * 200),
)


# --- the oracle: what the documented rules say of a value for a field ------------------------------

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUM = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _number_ok(value: Any, integer: bool, domain: Domain | None) -> bool:
    if isinstance(value, (bool, float)):
        return False
    if isinstance(value, str):
        if integer or len(value) > 200 or not _NUM.fullmatch(value):
            return False
        value = Decimal(value)
    if isinstance(value, Decimal):
        if integer or not value.is_finite():
            return False
    elif not isinstance(value, int):
        return False
    if value != 0 and abs(value) >= 10**limits.MAX_INTEGER_DIGITS:
        return False
    if isinstance(value, Decimal) and value != 0 and value.normalize().as_tuple().exponent < -limits.MAX_FRACTION_DIGITS:
        return False
    return domain is None or domain.problem(value) is None


def json_value(mutation: Mutation) -> Any:
    """What the JSON text of ``mutation`` reads as (:data:`SKIP` when it is not valid JSON)."""
    try:
        return json.loads(mutation.json_text, parse_float=Decimal,
                          parse_int=lambda t: int(t) if len(t) < 1000 else Decimal(t),
                          parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    except (ValueError, RecursionError):
        return SKIP


def expected_valid(tp: Any, domain: Domain | None, value: Any, each: Domain | None = None) -> bool:
    """Whether the documented rules accept ``value`` (JSON-like) for a field of type ``tp``."""
    if value is SKIP:  # not JSON at all
        return False
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return True
        return any(expected_valid(a, domain, value, each) for a in args)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return isinstance(value, list) and _depth(value) <= limits.MAX_DEPTH and all(
            expected_valid(item, each, v) for v in value)
    if value is None:
        return False
    if attrs.has(tp):
        if not isinstance(value, dict) or _depth(value) > limits.MAX_DEPTH:
            return False
        fields = {f.name: f for f in attrs.fields(tp)}
        hints = typing.get_type_hints(tp)
        return all(k in fields and expected_valid(hints[k], domain_of(fields[k]), v, each_of(fields[k]))
                   for k, v in value.items())
    if tp is date:
        if not isinstance(value, str) or not _ISO.fullmatch(value):
            return False
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return False
        return domain is None or domain.problem(day) is None
    if tp is Decimal:
        if isinstance(value, Decimal) and not value.is_finite():
            return False
        return _number_ok(value, False, domain)
    if tp is int:
        return isinstance(value, int) and _number_ok(value, True, domain)
    if tp is bool:
        return isinstance(value, bool)
    if tp is str:
        return isinstance(value, str) and limits.string_problem(value) is None
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return isinstance(value, str) and value in {m.value for m in tp}
    raise TypeError(f"no rule for {tp!r}")


# --- paths of a case ---------------------------------------------------------------------------------


@attrs.frozen
class Target:
    """A path of a case and the field it names: its type and domains."""

    path: tuple[str | int, ...]
    type: Any
    domain: Domain | None = None
    each: Domain | None = None

    @property
    def dotted(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


def targets(case_type: type, data: dict[str, Any]) -> Iterator[Target]:
    """Every field an example case has, and every field its objects declare, with type and domains."""
    yield from _targets(case_type, data, ())


def _targets(cls: type, data: Any, prefix: tuple[str | int, ...]) -> Iterator[Target]:
    hints = typing.get_type_hints(cls)
    for f in attrs.fields(cls):
        tp = hints[f.name]
        path = (*prefix, f.name)
        target = Target(path=path, type=tp, domain=domain_of(f), each=each_of(f))
        present = isinstance(data, dict) and f.name in data
        if not present and not prefix:
            continue  # a section the example does not have: not this case's field
        yield target
        if not present:
            continue
        value = data[f.name]
        inner = _inner_class(tp)
        if inner is not None and isinstance(value, dict):
            yield from _targets(inner, value, path)
        item = _item_type(tp)
        if item is not None and isinstance(value, list):
            for i, x in enumerate(value):
                yield Target(path=(*path, i), type=item, domain=target.each)
                if attrs.has(item) and isinstance(x, dict):
                    yield from _targets(item, x, (*path, i))


def _inner_class(tp: Any) -> type | None:
    args = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else (tp,)
    return next((a for a in args if attrs.has(a)), None)


def _item_type(tp: Any) -> Any:
    args = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else (tp,)
    tup = next((a for a in args if typing.get_origin(a) is tuple), None)
    return typing.get_args(tup)[0] if tup is not None else None


def mutate(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``data`` with ``value`` at ``path``."""
    out = copy.deepcopy(data)
    node: Any = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return out


_RAW = "\u0000raw\u0000"


def as_json_text(data: dict[str, Any], path: tuple[str | int, ...], mutation: Mutation) -> str:
    """The mutated case as JSON text, the mutation written as its own JSON text."""
    text = json.dumps(mutate(data, path, _RAW), ensure_ascii=False)
    return text.replace(json.dumps(_RAW), mutation.json_text or "null", 1)


# --- running and judging -----------------------------------------------------------------------------


def _clean_error(exc: CaseValidationError) -> bool:
    text = json.dumps(exc.to_json(), ensure_ascii=False)
    text.encode("utf-8")
    str(exc).encode("utf-8")
    return bool(exc.problems) and len(text) < 200_000


def judge(valid: bool, outcome: str) -> str:
    if outcome == "accepted" and not valid:
        return "silent_wrong"
    if outcome == "clean_error" and valid:
        return "wrong_rejection"
    return outcome


def run_api(kernel: Any, case: Any, *, as_of: date, hang_after: float = 5.0) -> tuple[str, str]:
    """Evaluate through the Python API; the raw outcome and a detail."""
    start = time.monotonic()
    try:
        record = kernel.evaluate(case, as_of=as_of)
        errors = [r.error for r in record.results if r.error]
        dumps(record).encode("utf-8")
        for r in record.results:
            kernel.explain(r, "zh")
        outcome, detail = ("crash", f"error result: {errors[0]}") if errors else ("accepted", "")
    except CaseValidationError as exc:
        try:
            ok = _clean_error(exc)
        except Exception as inner:  # noqa: BLE001 - an unencodable message is a crash
            ok, exc = False, inner  # type: ignore[assignment]
        outcome, detail = ("clean_error", exc.problems[0].message) if ok else ("crash", f"bad error: {exc!r}"[:300])
    except Exception as exc:  # noqa: BLE001 - anything else is what we look for
        outcome, detail = "crash", f"{type(exc).__name__}: {exc}"[:300]
    if time.monotonic() - start > hang_after:
        return "hang", f"took {time.monotonic() - start:.1f} s"
    return outcome, detail


def run_cli(text: str | bytes, workdir: Path, *, as_of: date, hang_after: float = 10.0,
            extra: tuple[str, ...] = ()) -> tuple[str, str]:
    """Evaluate a case file through ``zhengce evaluate --format json`` in-process; the raw outcome."""
    from . import cli

    path = workdir / "case.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["evaluate", str(path), "--format", "json", "--as-of", as_of.isoformat(), *extra])
    except BaseException as exc:  # noqa: BLE001 - SystemExit from argparse included
        return "crash", f"{type(exc).__name__}: {exc}"[:300]
    if time.monotonic() - start > hang_after:
        return "hang", f"took {time.monotonic() - start:.1f} s"
    try:
        data = json.loads(out.getvalue())
        out.getvalue().encode("utf-8")
    except (ValueError, UnicodeError) as exc:
        return "crash", f"exit {code}, unreadable output: {exc}"[:300]
    if code == 0 and "results" in data and not any(r["status"] == "error" for r in data["results"]):
        return "accepted", ""
    if code == 2 and data.get("error") == "invalid_input" and data.get("problems"):
        return "clean_error", data["problems"][0]["message"]
    return "crash", f"exit {code}: {out.getvalue()[:200]}"


def examples(root: Path) -> list[tuple[str, dict[str, Any]]]:
    """The example cases of ``root/examples/cases``, by file name."""
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((root / "examples" / "cases").glob("*.json"))]
