"""Replay a decision record: evaluate its case again, as of the record's days, and compare.

A record reproduces when the case is the one it was made from (same ``input_hash``) and every
result is identical, field by field, in JSON.  A different plugin set or kernel version is reported
but is not in itself a failure: what counts is whether the same decisions come out.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from zhengce.contracts import DECISION_FORMAT, CaseValidationError, Problem, dump

from .kernel import KERNEL_VERSION, Kernel

REPLAY_FORMAT = "zhengce.replay/1"


def _record_fields(record: Any) -> tuple[date, date, list[dict[str, Any]]]:
    """The days and results of a record read from JSON; a malformed record is invalid input."""
    problems = []
    if not isinstance(record, dict):
        raise CaseValidationError([Problem("", f"a decision record is a JSON object, not {type(record).__name__}")])
    if record.get("format") != DECISION_FORMAT:
        problems.append(Problem("format", f"not a decision record of format {DECISION_FORMAT!r}"))
    days = []
    for key in ("as_of", "known_at"):
        try:
            days.append(date.fromisoformat(record[key]))
        except (KeyError, TypeError, ValueError):
            problems.append(Problem(key, "expected a day 'YYYY-MM-DD'"))
    results = record.get("results")
    if not isinstance(results, list) or not all(isinstance(r, dict) and isinstance(r.get("policy_id"), str) for r in results):
        problems.append(Problem("results", "expected a list of results, each with a policy_id"))
    if problems:
        raise CaseValidationError(problems)
    return days[0], days[1], results


def replay(kernel: Kernel, record: Mapping[str, Any], case: Any) -> dict[str, Any]:
    """Compare ``record`` (JSON data) with a fresh evaluation of ``case``; the report as JSON data.

    A malformed record or case raises :class:`~zhengce.contracts.CaseValidationError`."""
    as_of, known_at, old_results = _record_fields(record)
    fresh = kernel.evaluate(case, as_of=as_of, known_at=known_at)
    new_results = dump(fresh)["results"]
    old = {r["policy_id"]: r for r in old_results}
    new = {r["policy_id"]: r for r in new_results}
    same = sorted(p for p in old.keys() & new.keys() if old[p] == new[p])
    different = sorted(p for p in old.keys() & new.keys() if old[p] != new[p])
    input_match = record.get("input_hash") == fresh.input_hash
    reproduces = input_match and not different and old.keys() == new.keys()
    return {
        "format": REPLAY_FORMAT,
        "reproduces": reproduces,
        "case_id": fresh.case_id,
        "as_of": as_of.isoformat(),
        "known_at": known_at.isoformat(),
        "input_hash": {"record": record.get("input_hash"), "case": fresh.input_hash, "match": input_match},
        "plugin_set": {"record": record.get("plugin_set"), "now": fresh.plugin_set,
                       "match": record.get("plugin_set") == fresh.plugin_set},
        "kernel_version": {"record": record.get("kernel_version"), "now": KERNEL_VERSION},
        "results": {"same": same, "different": different,
                    "only_in_record": sorted(old.keys() - new.keys()), "only_now": sorted(new.keys() - old.keys())},
    }


def replay_command(kernel: Kernel, args: argparse.Namespace, read: Callable[[str], Any],
                   print_json: Callable[[Any], None]) -> int:
    """``zhengce replay RECORD.json CASE.json``: 0 when the record reproduces, 4 when not."""
    record = read(args.record)
    report = replay(kernel, record, read(args.case))
    if args.format == "json":
        print_json(report)
    else:
        res = report["results"]
        verdict = "reproduces" if report["reproduces"] else "does NOT reproduce"
        lines = [f"record of case {report['case_id'] or '—'} as of {report['as_of']}: {verdict}",
                 f"  input hash: {'same' if report['input_hash']['match'] else 'DIFFERENT'} ({report['input_hash']['case']})",
                 f"  plugin set: {'same' if report['plugin_set']['match'] else 'different'} "
                 f"(record {report['plugin_set']['record']}, now {report['plugin_set']['now']})",
                 f"  results: {len(res['same'])} same"]
        for key, label in (("different", "different"), ("only_in_record", "only in the record"), ("only_now", "only now")):
            lines += [f"  {label}: {pid}" for pid in res[key]]
        print("\n".join(lines))
    return 0 if report["reproduces"] else 4


__all__ = ["REPLAY_FORMAT", "replay", "replay_command"]
