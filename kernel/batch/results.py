"""What screening produces: one result row per case and policy, the ``--keep`` filters, and the counts.

A result row (``zhengce.screen/2``; see ``docs/screening.md``)::

    row        the input row (line of a JSON Lines file, record of a CSV, row of a Parquet file)
    case_id    the case's id (None when absent or the row is unreadable)
    policy_id  the policy (None for an invalid row, or a case no installed policy reads)
    version    the version of the plugin distribution that decided
    status     applies | does_not_apply | cannot_tell | error | invalid | no_policy
    amounts    {name: decimal text}    ranges  {name: [min, max]}    missing  [fact paths]
    error      a policy's error (``Exception: message``), or why the row is invalid
    problems   an invalid row's problems by path [{path, message}]

Counts (:class:`Stats`) are kept per policy (by status; amount totals by name, which is
where each funding source is: ``central_share``, ``local_share``) before ``--keep``
filters rows, so the summary describes the whole registry and the output what a
platform acts on.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from zhengce.contracts import PolicyResult, Problem

SCREEN_FORMAT = "zhengce.screen/2"
SUMMARY_FORMAT = "zhengce.screen-summary/1"
COLUMNS = ("row", "case_id", "policy_id", "version", "status", "amounts", "ranges", "missing", "error", "problems")
INVALID, NO_POLICY = "invalid", "no_policy"
STATUSES = ("applies", "does_not_apply", "cannot_tell", "error", INVALID, NO_POLICY)


def result_row(row: int, case_id: str | None, result: PolicyResult) -> dict[str, Any]:
    ev = result.evaluation
    amounts = {a.name: str(a.value) for a in ev.amounts} if ev is not None and ev.amounts else None
    ranges = ({r.name: [None if r.minimum is None else str(r.minimum), None if r.maximum is None else str(r.maximum)]
               for r in ev.ranges} if ev is not None and ev.ranges else None)
    missing = list(result.missing) or None
    error = f"{result.error.exception}: {result.error.message}" if result.error else None
    return {"row": row, "case_id": case_id, "policy_id": result.policy_id, "version": result.version,
            "status": result.status.value, "amounts": amounts, "ranges": ranges, "missing": missing,
            "error": error, "problems": None}


def invalid_row(row: int, case_id: Any, problems: Iterable[Problem]) -> dict[str, Any]:
    problems = list(problems)
    return {"row": row, "case_id": case_id if isinstance(case_id, str) else None, "policy_id": None, "version": None,
            "status": INVALID, "amounts": None, "ranges": None, "missing": None,
            "error": "invalid input: " + "; ".join(str(p) for p in problems),
            "problems": [{"path": p.path, "message": p.message} for p in problems]}


def unrouted_row(row: int, case_id: str | None) -> dict[str, Any]:
    return {"row": row, "case_id": case_id, "policy_id": None, "version": None, "status": NO_POLICY, "amounts": None,
            "ranges": None, "missing": None, "error": None, "problems": None}


# --- --keep ----------------------------------------------------------------------

_AMOUNT = re.compile(r"(?P<name>[A-Za-z_][\w.]*)\s*>=\s*(?P<value>\S+)")


class KeepError(ValueError):
    """A ``--keep`` expression that does not parse."""


@attrs.frozen
class Keep:
    """Which result rows to write: every clause must hold (a clause's alternatives are comma-separated).

    ``status=applies,cannot_tell``; ``policy=tradein.*,finance.little_giant_award`` (globs);
    ``amount>=10000`` (some amount of the row) or ``subsidy>=10000`` (that named amount).
    """

    statuses: frozenset[str] | None = None
    policies: tuple[str, ...] | None = None
    minimums: tuple[tuple[str, Decimal], ...] = ()

    @classmethod
    def parse(cls, expressions: Iterable[str]) -> Keep:
        statuses: set[str] | None = None
        policies: list[str] | None = None
        minimums: list[tuple[str, Decimal]] = []
        for expr in expressions:
            expr = expr.strip()
            key, sep, rest = expr.partition("=")
            if key in ("status", "policy") and sep and not rest.startswith("="):
                values = [v.strip() for v in rest.split(",") if v.strip()]
                if not values:
                    raise KeepError(f"--keep {expr!r}: no value after '='")
                if key == "status":
                    unknown = sorted(set(values) - set(STATUSES))
                    if unknown:
                        raise KeepError(f"--keep {expr!r}: unknown status {', '.join(unknown)} (one of {', '.join(STATUSES)})")
                    statuses = set(values) if statuses is None else statuses & set(values)
                else:
                    policies = values if policies is None else [p for p in policies if p in values]
                continue
            m = _AMOUNT.fullmatch(expr)
            if m is None:
                raise KeepError(f"--keep {expr!r}: expected status=..., policy=..., amount>=N or NAME>=N")
            try:
                minimum = Decimal(m["value"])
            except InvalidOperation:
                raise KeepError(f"--keep {expr!r}: {m['value']!r} is not a number") from None
            minimums.append((m["name"], minimum))
        return cls(statuses=None if statuses is None else frozenset(statuses),
                   policies=None if policies is None else tuple(policies), minimums=tuple(minimums))

    @property
    def everything(self) -> bool:
        return self.statuses is None and self.policies is None and not self.minimums

    def accepts(self, row: Mapping[str, Any]) -> bool:
        if self.statuses is not None and row["status"] not in self.statuses:
            return False
        if self.policies is not None:
            pid = row["policy_id"]
            if pid is None or not any(fnmatch.fnmatchcase(pid, p) for p in self.policies):
                return False
        amounts = row["amounts"] or {}
        for name, minimum in self.minimums:
            values = amounts.values() if name == "amount" else ([amounts[name]] if name in amounts else [])
            if not any(Decimal(v) >= minimum for v in values):
                return False
        return True

    def describe(self) -> list[str]:
        out = []
        if self.statuses is not None:
            out.append("status=" + ",".join(sorted(self.statuses)))
        if self.policies is not None:
            out.append("policy=" + ",".join(self.policies))
        out += [f"{n}>={v}" for n, v in self.minimums]
        return out


# --- counts ------------------------------------------------------------------------


class Stats:
    """Counts of a partition or of a whole run; JSON-able (:meth:`to_json`) and additive (:meth:`add`)."""

    def __init__(self) -> None:
        self.rows = 0  # input rows (lines or records), blank lines included
        self.cases = 0  # valid cases
        self.invalid = 0
        self.no_policy = 0
        self.written = 0  # result rows kept
        self.policies: dict[str, dict[str, Any]] = {}
        self.columnar_rows = 0  # rows decided by the columnar path (Parquet; the rest per case)
        self.columnar_discarded: dict[str, str] = {}  # policy id → why a batch's columnar verdict was not used

    def count(self, row: Mapping[str, Any]) -> None:
        pid = row["policy_id"]
        if pid is None:
            return
        entry = self.policies.get(pid)
        if entry is None:
            entry = self.policies[pid] = {"versions": set(), "counts": {}, "amounts": {}}
        entry["versions"].add(row["version"])
        counts = entry["counts"]
        counts[row["status"]] = counts.get(row["status"], 0) + 1
        if row["amounts"]:
            totals = entry["amounts"]
            for name, value in row["amounts"].items():
                total = totals.get(name)
                if total is None:
                    totals[name] = [Decimal(value), 1]
                else:
                    total[0] += Decimal(value)
                    total[1] += 1

    def add(self, other: Stats) -> None:
        self.rows += other.rows
        self.cases += other.cases
        self.invalid += other.invalid
        self.no_policy += other.no_policy
        self.written += other.written
        self.columnar_rows += other.columnar_rows
        for pid, why in other.columnar_discarded.items():
            self.columnar_discarded.setdefault(pid, why)
        for pid, theirs in other.policies.items():
            mine = self.policies.setdefault(pid, {"versions": set(), "counts": {}, "amounts": {}})
            mine["versions"] |= theirs["versions"]
            for status, n in theirs["counts"].items():
                mine["counts"][status] = mine["counts"].get(status, 0) + n
            for name, (total, n) in theirs["amounts"].items():
                slot = mine["amounts"].setdefault(name, [Decimal(0), 0])
                slot[0] += total
                slot[1] += n

    def to_json(self) -> dict[str, Any]:
        out = self._counts_json()
        if self.columnar_rows or self.columnar_discarded:  # only when the columnar path ran
            out["columnar"] = {"rows": self.columnar_rows, "per_case": self.cases + self.invalid - self.columnar_rows,
                               "discarded": dict(sorted(self.columnar_discarded.items()))}
        return out

    def _counts_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "cases": self.cases, "invalid": self.invalid, "no_policy": self.no_policy,
            "written": self.written,
            "policies": {pid: {"versions": sorted(e["versions"]),
                               "counts": {s: e["counts"][s] for s in STATUSES if s in e["counts"]},
                               "amounts": {name: {"total": str(t), "cases": n} for name, (t, n) in sorted(e["amounts"].items())}}
                         for pid, e in sorted(self.policies.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Stats:
        out = cls()
        for key in ("rows", "cases", "invalid", "no_policy", "written"):
            setattr(out, key, data[key])
        columnar = data.get("columnar") or {}
        out.columnar_rows = columnar.get("rows", 0)
        out.columnar_discarded = dict(columnar.get("discarded", {}))
        out.policies = {pid: {"versions": set(e["versions"]), "counts": dict(e["counts"]),
                              "amounts": {n: [Decimal(a["total"]), a["cases"]] for n, a in e["amounts"].items()}}
                        for pid, e in data["policies"].items()}
        return out
