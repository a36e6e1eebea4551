"""The work of one partition, wherever it runs: decode its rows, validate, evaluate, filter, write its part.

:func:`screen_partition` is what every engine calls, in the driver (one worker), in a
local process or on a Dask worker.  The kernel is built once per process from the
installed plugins (:func:`worker_kernel`) and its plugin set travels back with every
partition, so the driver can refuse results decided by a different set of plugins.
A bad row never aborts its partition: whatever fails for a row (unreadable, invalid,
even an unexpected exception) becomes that row's ``invalid`` record.
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import attrs

from zhengce.contracts import CaseValidationError, Problem

from .layout import Layout
from .readers import ParquetSlice, Partition, decode, decode_batch
from .results import Keep, Stats, invalid_row, result_row, unrouted_row
from .writers import PART_COMPRESSION, arrow_table, jsonl_bytes, part_path, rows_of_table, write_part, write_table

_KERNELS: dict[tuple[str, ...], tuple[Any, Layout]] = {}


def worker_kernel(block: tuple[str, ...] = ()) -> tuple[Any, Layout]:
    """This process's kernel of the installed plugins (built on first use) and its column layout."""
    found = _KERNELS.get(block)
    if found is None:
        from ..kernel import Kernel, freeze_loaded_objects

        kernel = Kernel(block=block)
        found = _KERNELS[block] = (kernel, Layout.of(kernel.loaded_case_type))
        freeze_loaded_objects()  # a worker lives for a whole registry
    return found


def warm_worker(block: tuple[str, ...] = ()) -> None:
    """Do now, once, what a process's first Parquet partition would: the kernel, the Arrow modules and
    the columnar screener (some 0.25 s).  Local workers forked after this start warm; without pyarrow
    there is nothing more to warm."""
    kernel, layout = worker_kernel(block)
    try:
        import pyarrow.compute  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return
    from .columnar import screener_of

    screener_of(kernel, layout)


def seed_kernel(kernel: Any, block: tuple[str, ...] = ()) -> None:
    """Use ``kernel`` (already built by the caller, with ``block``) as this process's kernel."""
    _KERNELS.setdefault(block, (kernel, Layout.of(kernel.loaded_case_type)))


def worker_plugin_set(block: tuple[str, ...] = ()) -> str:
    """The plugin set (names, distributions, versions, hashed) of this process's kernel."""
    return worker_kernel(tuple(block))[0].plugin_set


@attrs.frozen(kw_only=True)
class ScreenTask:
    """What every partition of a run is screened with (small, picklable)."""

    as_of: _dt.date
    known_at: _dt.date | None = None
    block: tuple[str, ...] = ()
    keep: Keep = Keep()
    out_format: str = "jsonl"
    parts_dir: str | None = None  # write part files here; None: return the rows as JSON Lines bytes
    compression: str = PART_COMPRESSION  # of Parquet part files (a results directory's: those of the results)
    columnar: bool = True  # Parquet batches through the columnar path (``--per-case``: off)


@attrs.frozen(kw_only=True)
class Outcome:
    """What a partition gives back: its counts, its plugin set, and its rows unless written to a part file."""

    index: int
    stats: Stats = attrs.field(eq=False)
    plugin_set: str
    worker: str
    seconds: float
    data: bytes | None = attrs.field(default=None, repr=False)
    rows: int = 0
    nbytes: int = 0


def screen_partition(task: ScreenTask, partition: Partition) -> Outcome:
    start = time.perf_counter()
    kernel, layout = worker_kernel(task.block)
    stats = Stats()
    stats.rows = partition.rows
    table = None
    if isinstance(partition.payload, ParquetSlice):  # read here, by the worker
        try:
            partition = attrs.evolve(partition, payload=partition.payload.read())
        except Exception as exc:  # noqa: BLE001 - a partition that cannot be read: each of its rows says so
            return _unreadable(task, partition, stats, exc, kernel, start)
    if task.columnar and partition.format == "parquet":
        kept, table = _screen_columnar(kernel, layout, task, partition, stats)
    else:
        kept = _screen_rows(kernel, task, decode(partition, layout), stats)
    data_out = None
    if table is not None:
        stats.written = table.num_rows
        if task.parts_dir is not None:
            write_table(table, part_path(Path(task.parts_dir), partition.index, task.out_format), task.out_format,
                        task.compression)
        else:
            data_out = jsonl_bytes(rows_of_table(table))
    else:
        stats.written = len(kept)
        if task.parts_dir is not None:
            write_part(kept, part_path(Path(task.parts_dir), partition.index, task.out_format), task.out_format, task.compression)
        else:
            data_out = jsonl_bytes(kept)
    return Outcome(index=partition.index, stats=stats, plugin_set=kernel.plugin_set, worker=f"{os.uname().nodename}:{os.getpid()}",
                   seconds=time.perf_counter() - start, data=data_out, rows=partition.rows, nbytes=partition.nbytes)


def _unreadable(task: ScreenTask, partition: Partition, stats: Stats, exc: Exception, kernel: Any, start: float) -> Outcome:
    problem = Problem("", f"cannot read the row: {type(exc).__name__}: {exc}")
    rows = [invalid_row(partition.first_row + i, None, [problem]) for i in range(partition.rows)]
    stats.invalid += len(rows)
    kept = [r for r in rows if task.keep.everything or task.keep.accepts(r)]
    stats.written = len(kept)
    data_out = None
    if task.parts_dir is not None:
        write_part(kept, part_path(Path(task.parts_dir), partition.index, task.out_format), task.out_format, task.compression)
    else:
        data_out = jsonl_bytes(kept)
    return Outcome(index=partition.index, stats=stats, plugin_set=kernel.plugin_set, worker=f"{os.uname().nodename}:{os.getpid()}",
                   seconds=time.perf_counter() - start, data=data_out, rows=partition.rows, nbytes=partition.nbytes)


def _screen_rows(kernel: Any, task: ScreenTask, decoded: Iterable[tuple[int, Any, list[Problem]]], stats: Stats) -> list[dict[str, Any]]:
    """The per-case path: every decoded row loaded, evaluated, counted and filtered."""
    kept: list[dict[str, Any]] = []
    keep = None if task.keep.everything else task.keep
    as_of, known_at = task.as_of, task.known_at
    for row, data, problems in decoded:
        for out in screen_row(kernel, row, data, problems, as_of, known_at, stats):
            stats.count(out)
            if keep is None or keep.accepts(out):
                kept.append(out)
    return kept


def _screen_columnar(kernel: Any, layout: Layout, task: ScreenTask, partition: Partition, stats: Stats) -> tuple[list, Any]:
    """A Parquet batch through the columnar path (``columnar.py``), the rows it leaves per case.

    Returns the result table (input order); should the columnar path itself fail, the batch goes per
    case and the rows come back as a list instead."""
    import pyarrow as pa

    from .columnar import screener_of

    batch, first = partition.payload, partition.first_row

    def audit(offset: int) -> list[dict[str, Any]]:
        one = batch.slice(offset, 1)
        return [r for row, data, problems in decode_batch(one, layout, [first + offset])
                for r in screen_row(kernel, row, data, problems, task.as_of, task.known_at, Stats())]

    mine = Stats()
    try:
        result = screener_of(kernel, layout).screen(batch, first, task.as_of, task.known_at, task.keep, mine, audit)
    except Exception:  # noqa: BLE001 - the columnar path is an optimisation: the per-case path decides
        return _screen_rows(kernel, task, decode(partition, layout), stats), None
    stats.add(mine)
    stats.columnar_rows += result.decided
    for pid, why in result.discarded.items():
        stats.columnar_discarded.setdefault(pid, why)
    rest = result.per_case
    kept = _screen_rows(kernel, task, decode_batch(batch.take(pa.array(rest, pa.int64())), layout, (first + rest).tolist()),
                        stats) if len(rest) else []
    table = pa.concat_tables([result.table, arrow_table(kept)]) if kept else result.table
    if kept:
        table = table.sort_by([("row", "ascending"), ("policy_id", "ascending")])
    return kept, table


def screen_row(kernel: Any, row: int, data: Any, problems: list[Problem], as_of: _dt.date,
               known_at: _dt.date | None, stats: Stats) -> list[dict[str, Any]]:
    """The result rows of one decoded row (its own ``invalid`` row when it cannot be screened)."""
    case_id = data.get("case_id") if isinstance(data, dict) else None
    try:
        if data is None:
            raise CaseValidationError(problems)
        try:
            case = kernel.load_case(data)
        except CaseValidationError as exc:
            raise CaseValidationError([*problems, *exc.problems]) from None
        if problems:
            raise CaseValidationError(problems)
        record = kernel.evaluate(case, as_of=as_of, known_at=known_at, trace=False)
    except CaseValidationError as exc:
        stats.invalid += 1
        return [invalid_row(row, case_id, exc.problems)]
    except Exception as exc:  # noqa: BLE001 - a bad row never aborts a partition
        stats.invalid += 1
        return [invalid_row(row, case_id, [Problem("", f"{type(exc).__name__}: {exc}")])]
    stats.cases += 1
    if not record.results:
        stats.no_policy += 1
        return [unrouted_row(row, case.case_id)]
    return [result_row(row, case.case_id, r) for r in record.results]
