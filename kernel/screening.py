"""Screen a registry: many cases (JSON Lines) in screening mode, one summary line per case.

This is the 免申即享 use: a platform runs every enterprise (or person) of a
registry through every installed policy and keeps those that apply, with their
amounts and what is missing.  A bad line is reported on its own line and the
run goes on.  Screening mode records no trace (see ``EvaluationContext.trace``):
re-evaluate a retained case with ``zhengce evaluate`` to explain it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from zhengce.contracts import CaseValidationError, PolicyResult, Problem

from .kernel import Kernel

SCREEN_FORMAT = "zhengce.screen/1"


def _summary(result: PolicyResult) -> dict[str, Any]:
    out: dict[str, Any] = {"policy_id": result.policy_id, "version": result.version, "status": result.status.value}
    ev = result.evaluation
    if ev is not None:
        if ev.amounts:
            out["amounts"] = {a.name: str(a.value) for a in ev.amounts}
        if ev.ranges:
            out["ranges"] = {r.name: [None if r.minimum is None else str(r.minimum),
                                      None if r.maximum is None else str(r.maximum)] for r in ev.ranges}
        if ev.findings:
            out["findings"] = {f.id: f.status.value for f in ev.findings}
    if result.missing:
        out["missing"] = list(result.missing)
    if result.error:
        out["error"] = f"{result.error.exception}: {result.error.message}"
    return out


def screen_line(kernel: Kernel, number: int, line: str, as_of: date, known_at: date | None) -> dict[str, Any]:
    """One JSON line in, one summary out (never raises on bad input)."""
    try:
        try:
            data = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise CaseValidationError([Problem("", f"not valid JSON: {exc.msg}")]) from None
        case = kernel.load_case(data)
    except CaseValidationError as exc:
        return {"line": number, **exc.to_json()}
    record = kernel.evaluate(case, as_of=as_of, known_at=known_at, trace=False)
    return {"line": number, "case_id": case.case_id, "results": [_summary(r) for r in record.results]}


def screen(kernel: Kernel, lines: Iterable[str], *, as_of: date, known_at: date | None = None) -> Iterator[dict[str, Any]]:
    """Screen every non-blank line in one process."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield screen_line(kernel, number, line, as_of, known_at)


_WORKER: dict[str, Any] = {}


def _init_worker(block: list[str], as_of: date, known_at: date | None) -> None:
    _WORKER.update(kernel=Kernel(block=block), as_of=as_of, known_at=known_at)


def _work(item: tuple[int, str]) -> dict[str, Any]:
    return screen_line(_WORKER["kernel"], item[0], item[1], _WORKER["as_of"], _WORKER["known_at"])


def screen_parallel(lines: Iterable[str], *, workers: int, as_of: date, known_at: date | None = None,
                    block: Iterable[str] = ()) -> Iterator[dict[str, Any]]:
    """Screen with ``workers`` processes, each with its own Kernel of the installed plugins; output in input order."""
    import multiprocessing as mp

    items = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    with mp.get_context().Pool(workers, initializer=_init_worker, initargs=(list(block), as_of, known_at)) as pool:
        yield from pool.imap(_work, items, chunksize=256)
