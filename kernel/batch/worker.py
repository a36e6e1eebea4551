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
from typing import Any

import attrs

from zhengce.contracts import CaseValidationError, Problem

from .layout import Layout
from .readers import Partition, decode
from .results import Keep, Stats, invalid_row, result_row, unrouted_row
from .writers import jsonl_bytes, part_path, write_part

_KERNELS: dict[tuple[str, ...], tuple[Any, Layout]] = {}


def worker_kernel(block: tuple[str, ...] = ()) -> tuple[Any, Layout]:
    """This process's kernel of the installed plugins (built on first use) and its column layout."""
    found = _KERNELS.get(block)
    if found is None:
        from ..kernel import Kernel, freeze_loaded_objects

        kernel = Kernel(block=block)
        found = _KERNELS[block] = (kernel, Layout.of(kernel.case_type))
        freeze_loaded_objects()  # a worker lives for a whole registry
    return found


def seed_kernel(kernel: Any, block: tuple[str, ...] = ()) -> None:
    """Use ``kernel`` (already built by the caller, with ``block``) as this process's kernel."""
    _KERNELS.setdefault(block, (kernel, Layout.of(kernel.case_type)))


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
    kept: list[dict[str, Any]] = []
    keep = None if task.keep.everything else task.keep
    as_of, known_at = task.as_of, task.known_at
    for row, data, problems in decode(partition, layout):
        for out in screen_row(kernel, row, data, problems, as_of, known_at, stats):
            stats.count(out)
            if keep is None or keep.accepts(out):
                kept.append(out)
    stats.written = len(kept)
    data_out = None
    if task.parts_dir is not None:
        write_part(kept, part_path(Path(task.parts_dir), partition.index, task.out_format), task.out_format)
    else:
        data_out = jsonl_bytes(kept)
    return Outcome(index=partition.index, stats=stats, plugin_set=kernel.plugin_set, worker=f"{os.uname().nodename}:{os.getpid()}",
                   seconds=time.perf_counter() - start, data=data_out, rows=partition.rows, nbytes=partition.nbytes)


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
