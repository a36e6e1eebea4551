"""Screen cases held in memory, in this process: the embedding host's view of :mod:`zhengce.kernel.batch`.

This is the 免申即享 use without files: a host passes cases (JSON-like dicts, or JSON
text lines) and gets the ``zhengce.screen/2`` result rows ``zhengce screen`` writes,
one per case and policy, in order.  A host holding a table (an Arrow table in the flat
layout: ``pyarrow.Table.from_pandas``, a Parquet file read whole) calls :func:`screen_table`,
which takes the columnar path as ``zhengce screen`` does for Parquet and returns the rows as
an Arrow table.  A bad case is its own ``invalid`` row; nothing
raises.  For files, partitions, worker processes, Dask and resume, use ``zhengce screen``
or :func:`zhengce.kernel.batch.run_screen`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from zhengce.contracts import CaseValidationError, PolicyResult, Problem

from .batch.results import SCREEN_FORMAT, Keep, Stats
from .batch.worker import screen_row
from .kernel import Kernel

__all__ = ["LINE_FORMAT", "SCREEN_FORMAT", "result_summary", "screen", "screen_line", "screen_table"]

#: One summary line per case (the HTTP service's screening stream): ``result_summary`` per result.
LINE_FORMAT = "zhengce.screen/1"


def screen_line(kernel: Kernel, number: int, line: str, as_of: date, known_at: date | None) -> dict[str, Any]:
    """One JSON line in, one ``zhengce.screen/1`` summary out (never raises on bad input)."""
    try:
        try:
            data = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise CaseValidationError([Problem("", f"not valid JSON: {exc.msg}")]) from None
        case = kernel.load_case(data)
    except CaseValidationError as exc:
        return {"line": number, **exc.to_json()}
    record = kernel.evaluate(case, as_of=as_of, known_at=known_at, trace=False)
    return {"line": number, "case_id": case.case_id, "results": [result_summary(r) for r in record.results]}


def result_summary(result: PolicyResult) -> dict[str, Any]:
    """One result as a compact JSON object (status, amounts, ranges, findings, missing, error): the
    per-case summary line of the HTTP service's screening stream."""
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


def screen(kernel: Kernel, cases: Iterable[Mapping[str, Any] | str | bytes], *, as_of: date, known_at: date | None = None,
           keep: Keep | None = None, stats: Stats | None = None) -> Iterator[dict[str, Any]]:
    """Result rows for each case (numbered from 1), those ``keep`` accepts; counts go to ``stats`` if given."""
    stats = stats if stats is not None else Stats()
    for row, case in enumerate(cases, start=1):
        data, problems = case, []
        if isinstance(case, (str, bytes)):
            try:
                data = json.loads(case, parse_float=Decimal)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                data, problems = None, [Problem("", f"not valid JSON: {getattr(exc, 'msg', exc)}")]
        stats.rows += 1
        for out in screen_row(kernel, row, data, problems, as_of, known_at, stats):
            stats.count(out)
            if keep is None or keep.accepts(out):
                stats.written += 1
                yield out


def screen_table(kernel: Kernel, table: Any, *, as_of: date, known_at: date | None = None, keep: Keep | None = None,
                 stats: Stats | None = None, columnar: bool = True, batch_rows: int = 50_000) -> Any:
    """The result rows of an Arrow table of cases in the flat layout (``section.field`` columns), as an
    Arrow table of the ``zhengce.screen/2`` schema, rows numbered from 1; counts go to ``stats`` if given.

    Rows are decided column by column where their policies have columnar rules, the rest per case
    (``columnar=False``: every row per case); the rows are the same either way.
    """
    import pyarrow as pa

    from .batch.layout import Layout
    from .batch.readers import Partition
    from .batch.worker import ScreenTask, _screen_columnar, _screen_rows
    from .batch.readers import decode
    from .batch.writers import arrow_schema, arrow_table

    stats = stats if stats is not None else Stats()
    layout = Layout.of(kernel.case_type)
    task = ScreenTask(as_of=as_of, known_at=known_at, keep=keep or Keep(), columnar=columnar)
    pieces, first = [], 1
    for index, batch in enumerate(table.to_batches(max_chunksize=batch_rows)):
        partition = Partition(index=index, format="parquet", first_row=first, rows=batch.num_rows, payload=batch)
        part = Stats()
        part.rows = batch.num_rows
        rows, result = (_screen_columnar(kernel, layout, task, partition, part) if columnar
                        else (_screen_rows(kernel, task, decode(partition, layout), part), None))
        result = result if result is not None else arrow_table(rows)
        part.written = result.num_rows
        stats.add(part)
        pieces.append(result)
        first += batch.num_rows
    return pa.concat_tables(pieces) if pieces else arrow_schema().empty_table()
