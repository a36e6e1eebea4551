"""One screening run: read partitions, screen them on an engine, write parts, merge, summarise.

Resume.  With ``--out``, each finished partition leaves ``<out>.parts/part-NNNNNN.<ext>``
(its rows) and ``part-NNNNNN.json`` (its counts, written by the driver after the part
file is whole), beside a ``manifest.json`` naming the input (path, size, modification
time), the partition size, the days, the plugin set, the filters and the output format.
``--resume`` checks the manifest still holds and screens only the partitions without a
counts file; the rest are read past, not re-screened.  A run that completes merges the
parts into ``--out`` in input order and removes the directory.

A results directory (``--out DIR/``, see ``writers.py``) is its own parts directory: the part files
stay as the results and the bookkeeping (manifest and counts) lives in ``DIR/_zhengce/`` until the
run completes.  The directory must be new, empty, or hold only what an earlier run wrote there.

Interruption.  The first SIGINT or SIGTERM stops submitting partitions; those running
finish and are recorded, then the summary is written (``"complete": false``) and the
run exits 130 (SIGINT) or 143 (SIGTERM).  A second signal stops at once.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from zhengce.contracts import CaseValidationError, Problem

from .engines import Engine, EngineError
from .progress import Progress
from .readers import Partition, open_reader
from .results import SCREEN_FORMAT, SUMMARY_FORMAT, Keep, Stats
from .worker import Outcome, ScreenTask, worker_kernel
from .writers import (PART_COMPRESSION, RESULT_COMPRESSION, PartMerger, is_directory, is_part_file, out_format_of,
                      part_path, write_part)

MANIFEST = "manifest.json"
#: a results directory's bookkeeping folder (a leading ``_``: Parquet dataset readers skip it)
BOOKKEEPING = "_zhengce"
#: rows per partition by input format: a Parquet batch decided in columns amortises its per-batch
#: work over more rows (1,000,000 car rows: 6.6 s at 5,000 per batch, 5.5 s at 50,000)
PARTITION_ROWS = {"jsonl": 5000, "csv": 5000, "parquet": 50_000}
#: a registry whose size is known (Parquet) is cut into at least this many partitions, of at least
#: MIN_PARTITION_ROWS rows, so that a small one still spreads over the workers (20,000 enterprises
#: were one partition: 2 workers screened them no faster than one); independent of ``--workers``,
#: so that a run resumes with any number of workers
MIN_PARTITIONS = 8
MIN_PARTITION_ROWS = 5000


def default_partition_size(fmt: str, total_rows: int | None) -> int:
    """Rows per partition when ``--partition-size`` is not given: by input format, smaller for a small
    registry of known size (at least :data:`MIN_PARTITIONS` partitions)."""
    size = PARTITION_ROWS.get(fmt, 5000)
    if total_rows:
        size = min(size, max(MIN_PARTITION_ROWS, -(-total_rows // MIN_PARTITIONS)))
    return size


@attrs.frozen(kw_only=True)
class ScreenJob:
    """Everything a run needs to know (the CLI's options)."""

    input: str
    in_format: str | None = None
    out: str | None = None  # None: JSON Lines on stdout
    out_format: str | None = None
    summary: str | None = None  # default: <out>.summary.json
    as_of: _dt.date
    known_at: _dt.date | None = None
    block: tuple[str, ...] = ()
    keep: Keep = Keep()
    partition_size: int | None = None  # None: PARTITION_ROWS of the input format
    resume: bool = False
    progress: bool | None = None  # None: when stderr is a terminal
    columnar: bool = True  # Parquet through the columnar path where policies have columnar rules (same rows)

    @property
    def into_directory(self) -> bool:
        """``--out`` is a results directory: its part files are the results (no merge)."""
        return is_directory(self.out)

    @property
    def parts_dir(self) -> Path | None:
        """Where the workers write part files: the results directory, else ``<out>.parts``."""
        if self.out is None:
            return None
        return Path(self.out) if self.into_directory else Path(f"{self.out}.parts")

    @property
    def book_dir(self) -> Path | None:
        """Where the run's manifest and per-partition counts are kept until it completes."""
        parts = self.parts_dir
        return parts / BOOKKEEPING if parts is not None and self.into_directory else parts

    @property
    def summary_path(self) -> str | None:
        return self.summary or (None if self.out is None else f"{self.out.rstrip('/' + os.sep)}.summary.json")


class Interrupted:
    """Catches SIGINT/SIGTERM during a run: the first stops the engine gracefully, the second at once."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.signal = engine, None
        self._old: dict[int, Any] = {}

    def __enter__(self) -> Interrupted:
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self._old[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread: no handlers (an embedding host decides)
                pass
        return self

    def _handle(self, signum: int, _frame: Any) -> None:
        if self.signal is not None:
            raise KeyboardInterrupt
        self.signal = signal.Signals(signum)
        self.engine.stop()

    def __exit__(self, *exc: Any) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)


def _manifest(job: ScreenJob, plugin_set: str, out_format: str, size: int) -> dict[str, Any]:
    src = Path(job.input).resolve()
    st = src.stat()
    return {"format": SCREEN_FORMAT, "input": str(src), "input_size": st.st_size, "input_mtime_ns": st.st_mtime_ns,
            "input_format": job.in_format, "partition_size": size, "as_of": job.as_of.isoformat(),
            "known_at": None if job.known_at is None else job.known_at.isoformat(), "plugin_set": plugin_set,
            "block": sorted(job.block), "keep": job.keep.describe(), "out_format": out_format}


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _prepare_parts(job: ScreenJob, manifest: dict[str, Any] | None) -> dict[int, Stats]:
    """Create (or, resuming, check) the parts directory; return the counts of partitions already done.
    ``manifest`` None: the input cannot be resumed (stdin)."""
    parts, book = job.parts_dir, job.book_dir
    if parts is None or book is None:
        raise ValueError("a screening job writing parts needs its parts directory")
    done: dict[int, Stats] = {}
    if job.resume and manifest is not None and (book / MANIFEST).exists():
        old = json.loads((book / MANIFEST).read_text(encoding="utf-8"))
        changed = sorted(k for k in manifest if old.get(k) != manifest[k])
        if changed:
            raise CaseValidationError([Problem("", f"cannot resume into {parts}: changed since the interrupted run: "
                                                   f"{', '.join(changed)} (run without --resume to start again)")])
        for stats_file in book.glob("part-*.json"):
            index = int(stats_file.stem.split("-")[1])
            if part_path(parts, index, manifest["out_format"]).exists():
                done[index] = Stats.from_json(json.loads(stats_file.read_text(encoding="utf-8")))
        for tmp in parts.glob("*.tmp*"):
            tmp.unlink()
        return done
    _clear(job)
    book.mkdir(parents=True)
    if manifest is not None:
        _write_json(book / MANIFEST, manifest)
    return done


def _clear(job: ScreenJob) -> None:
    """Remove what an earlier run left in the parts directory; a results directory holding anything
    else is refused, never emptied."""
    parts = job.parts_dir
    if parts is None or not parts.exists():
        return
    if not job.into_directory:
        shutil.rmtree(parts)
        return
    ours = [p for p in parts.iterdir() if p.name == BOOKKEEPING or is_part_file(p.name, unfinished=True)]
    others = sorted(p.name for p in parts.iterdir() if p not in ours)
    if others:
        listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise CaseValidationError([Problem("--out", f"the results directory {parts} holds files zhengce did not write "
                                                    f"({listed}): give a new or empty directory")])
    for p in ours:
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()



def run_screen(job: ScreenJob, engine: Engine, stdout: IO[bytes] | None = None) -> tuple[int, dict[str, Any]]:
    """Run ``job`` on ``engine``; return the exit code (0, 130 on SIGINT, 143 on SIGTERM) and the summary.

    Raises :class:`CaseValidationError` for input the run cannot start on (a missing file,
    a manifest that no longer matches) and :class:`EngineError` for workers whose plugins differ.
    """
    started = time.perf_counter()
    kernel, _layout = worker_kernel(job.block)
    plugin_set = kernel.plugin_set
    out_format = out_format_of(job.out, job.out_format)
    if job.out is None and job.resume:
        raise CaseValidationError([Problem("", "--resume needs --out (a run to stdout leaves nothing to resume)")])
    if job.out is None and out_format != "jsonl":
        raise CaseValidationError([Problem("", "only JSON Lines can be written to stdout: give --out FILE.parquet")])
    reader = open_reader(job.input, job.in_format)
    size = job.partition_size or default_partition_size(reader.format, reader.total_rows)
    total = Stats()
    done: dict[int, Stats] = {}
    if job.parts_dir is not None:
        if job.input == "-" and job.resume:
            raise CaseValidationError([Problem("", "a run reading stdin cannot resume")])
        done = _prepare_parts(job, None if job.input == "-" else _manifest(job, plugin_set, out_format, size))
    workers = engine.check(plugin_set, job.block)
    task = ScreenTask(as_of=job.as_of, known_at=job.known_at, block=tuple(job.block), keep=job.keep, out_format=out_format,
                      columnar=job.columnar, parts_dir=None if job.parts_dir is None else str(job.parts_dir),
                      compression=RESULT_COMPRESSION if job.into_directory else PART_COMPRESSION)
    progress = Progress(job.progress, reader.total_rows, reader.total_bytes, f"screen {Path(job.input).name}")
    partitions_seen = 0
    waiting: dict[int, Outcome] = {}  # stdout: outcomes ahead of the next one to print
    next_out = 0
    sink = stdout if stdout is not None else sys.stdout.buffer
    merger = PartMerger(job.parts_dir, job.out, out_format) if job.out is not None and not job.into_directory else None

    def todo() -> Iterator[Partition]:
        nonlocal partitions_seen
        for partition in reader.partitions(size, lazy=engine.remote):
            partitions_seen += 1
            if partition.index in done:
                if merger is not None:
                    merger.ready(partition.index)
                total.add(done[partition.index])
                progress.advance(partition.rows, partition.nbytes, already_done=True)
                continue
            yield partition

    with Interrupted(engine) as interrupted:
        try:
            for outcome in engine.map(task, todo()):
                if outcome.plugin_set != plugin_set:
                    raise EngineError(f"worker {outcome.worker} screened with plugin set {outcome.plugin_set}, "
                                      f"the driver has {plugin_set}")
                total.add(outcome.stats)
                if job.parts_dir is not None:
                    _write_json(job.book_dir / f"part-{outcome.index:06d}.json", outcome.stats.to_json())
                    done[outcome.index] = outcome.stats
                    if merger is not None:
                        merger.ready(outcome.index)  # merged while the other partitions are screened
                else:
                    waiting[outcome.index] = outcome
                    while next_out in waiting:
                        sink.write(waiting.pop(next_out).data or b"")
                        next_out += 1
                    sink.flush()
                progress.advance(outcome.rows, outcome.nbytes)
        except BaseException:
            if merger is not None:
                merger.abort()
            raise
        finally:
            progress.close()
            reader.close()
        stopped = interrupted.signal
    complete = stopped is None
    if merger is not None and complete:
        merger.finish(partitions_seen)
        shutil.rmtree(job.parts_dir)
    elif merger is not None:
        merger.abort()
    elif complete and job.into_directory:
        if partitions_seen == 0:  # an empty input: one empty part, so the directory reads as a table
            write_part([], part_path(job.parts_dir, 0, out_format), out_format, RESULT_COMPRESSION)
        shutil.rmtree(job.book_dir)
    summary = {
        "format": SUMMARY_FORMAT, "complete": complete, "interrupted_by": None if complete else stopped.name,
        "input": job.input, "output": job.out, "output_format": out_format,
        "as_of": job.as_of.isoformat(), "known_at": (job.known_at or job.as_of).isoformat(),
        "plugin_set": plugin_set, "engine": engine.describe() | {"worker_plugin_sets": len(workers)},
        "keep": job.keep.describe(), "partitions": {"done": len(done) if job.parts_dir else next_out, "seen": partitions_seen},
        "seconds": round(time.perf_counter() - started, 3), **total.to_json(),
    }
    if not complete and job.parts_dir is not None:
        summary["resume"] = f"zhengce screen {job.input} --out {job.out} --resume"
    if job.summary_path:
        _write_json(Path(job.summary_path), summary)
    return (0 if complete else 128 + stopped.value), summary

