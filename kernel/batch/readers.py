"""Readers: a registry file (JSON Lines, CSV, Parquet) as a stream of bounded partitions.

A reader never holds more than one partition of raw rows: JSON Lines and CSV are
read line by line, Parquet batch by batch (``pyarrow.parquet.ParquetFile.iter_batches``).
The driver reads; workers decode (:func:`decode`) and evaluate.  A partition carries
raw rows only (bytes of a line, a CSV record, an Arrow record batch), so nothing in a
row can fail while reading: every failure becomes that row's problem, in the worker.

Rows are numbered from 1 in input order: the line of a JSON Lines file (blank lines
are skipped but counted), the record of a CSV file (after the header), the row of a
Parquet file.  Partitioning is deterministic (same file, same size → same partitions),
which is what lets an interrupted run resume.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from zhengce.contracts import CaseValidationError, Problem

from .layout import Layout

FORMATS = ("jsonl", "csv", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def format_of(path: str, given: str | None = None) -> str:
    """The input format: ``given``, else from the file's suffix (``-`` is JSON Lines)."""
    if given:
        return given
    if path == "-":
        return "jsonl"
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise CaseValidationError([Problem("", f"cannot tell the format of {path} from its suffix: give --format {'|'.join(FORMATS)}")])
    return fmt


def registry_sections(path: str, given: str | None = None) -> list[str] | None:
    """The sections a tabular registry's columns name (``case_id`` and ``section.field`` columns, or a
    whole section's column), read from its header alone: what the kernel must load to screen it.  None
    when that cannot be known before reading the rows (JSON Lines, stdin) or the header cannot be read
    (the run itself then says why)."""
    try:
        fmt = format_of(path, given)
        if path == "-" or fmt == "jsonl":
            return None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            names = pq.read_schema(path).names
        else:
            import csv

            with open(path, encoding="utf-8-sig", newline="") as f:
                names = next(csv.reader(f), [])
    except Exception:  # noqa: BLE001 - unreadable here: the run reports it
        return None
    return sorted({name.split(".", 1)[0] for name in names if name})


@attrs.frozen(kw_only=True)
class Partition:
    """Consecutive raw rows of the input: ``rows`` records from ``first_row``, as read (not decoded)."""

    index: int
    format: str
    first_row: int
    rows: int
    payload: Any = attrs.field(repr=False)  # jsonl: [(row, bytes)]; csv: (header, [(row, [cells])]); parquet: a RecordBatch
    nbytes: int = 0


@attrs.frozen(kw_only=True)
class ParquetSlice:
    """Rows ``[start, start + rows)`` of a Parquet file, read where the partition is screened: a worker
    process (or a Dask worker on a shared filesystem) reads its own rows, so the driver ships a path
    and two numbers instead of the batch."""

    path: str
    start: int
    rows: int

    def read(self) -> Any:
        """The rows as one Arrow record batch (only the row groups that hold them are read)."""
        import pyarrow as pa

        pf = _pyarrow_parquet().ParquetFile(self.path)
        meta, groups, offset, at = pf.metadata, [], 0, 0
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            if at + n > self.start and at < self.start + self.rows:
                if not groups:
                    offset = self.start - at
                groups.append(g)
            at += n
        table = pf.read_row_groups(groups).slice(offset, self.rows) if groups else pf.schema_arrow.empty_table()
        batches = table.combine_chunks().to_batches()
        return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=table.schema)


class Reader:
    """A registry opened for reading: ``partitions(size)`` streams it; ``total_rows`` when the format knows it."""

    format: str = ""
    total_rows: int | None = None
    total_bytes: int | None = None

    def partitions(self, size: int, *, lazy: bool = False) -> Iterator[Partition]:
        """The input in partitions of ``size`` rows.  ``lazy``: where the format allows (Parquet), each
        partition names its rows (:class:`ParquetSlice`) and the worker reads them."""
        raise NotImplementedError

    def close(self) -> None:  # noqa: B027 - optional
        pass


class JsonLinesReader(Reader):
    format = "jsonl"

    def __init__(self, path: str) -> None:
        self._stream = sys.stdin.buffer if path == "-" else _open(path, "rb")
        self.total_bytes = None if path == "-" else os.fstat(self._stream.fileno()).st_size

    def partitions(self, size: int, *, lazy: bool = False) -> Iterator[Partition]:
        index, first, rows, nbytes = 0, 1, [], 0
        line_no = 0
        for line_no, line in enumerate(self._stream, start=1):
            nbytes += len(line)
            if line.strip():
                rows.append((line_no, line))
            if line_no - first + 1 >= size:
                yield Partition(index=index, format=self.format, first_row=first, rows=line_no - first + 1, payload=rows, nbytes=nbytes)
                index, first, rows, nbytes = index + 1, line_no + 1, [], 0
        if line_no >= first:
            yield Partition(index=index, format=self.format, first_row=first, rows=line_no - first + 1, payload=rows, nbytes=nbytes)

    def close(self) -> None:
        if self._stream is not sys.stdin.buffer:
            self._stream.close()


class CsvReader(Reader):
    """CSV with a header row of column names (the flat layout); cells are text."""

    format = "csv"

    def __init__(self, path: str) -> None:
        raw = sys.stdin.buffer if path == "-" else _open(path, "rb")
        self._raw = raw
        self.total_bytes = None if path == "-" else os.fstat(raw.fileno()).st_size
        # undecodable bytes survive as surrogates and become that row's problem (see decode)
        self._text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        self._reader = csv.reader(self._text)
        self.header = next(self._reader, [])

    def partitions(self, size: int, *, lazy: bool = False) -> Iterator[Partition]:
        index, rows, row_no, first, seen = 0, [], 0, 1, 0
        for row_no, cells in enumerate(self._reader, start=1):
            rows.append((row_no, cells))
            if len(rows) >= size:
                at = _tell(self._raw)
                yield Partition(index=index, format=self.format, first_row=first, rows=len(rows),
                                payload=(self.header, rows), nbytes=max(at - seen, 0))
                index, first, rows, seen = index + 1, row_no + 1, [], at
        if rows:
            yield Partition(index=index, format=self.format, first_row=first, rows=len(rows),
                            payload=(self.header, rows), nbytes=max((self.total_bytes or 0) - seen, 0))

    def close(self) -> None:
        if self._raw is not sys.stdin.buffer:
            self._text.close()


class ParquetReader(Reader):
    """Parquet in the flat layout, read one record batch at a time (needs pyarrow: ``zhengce[parquet]``)."""

    format = "parquet"

    def __init__(self, path: str) -> None:
        pq = _pyarrow_parquet()
        _open(path, "rb").close()  # a missing file is reported like a missing case file
        try:
            self._file = pq.ParquetFile(path)
        except Exception as exc:  # noqa: BLE001 - any pyarrow failure to open is an input problem
            raise CaseValidationError([Problem("", f"cannot read {path} as Parquet: {exc}")]) from None
        self.total_rows = self._file.metadata.num_rows
        self.total_bytes = os.path.getsize(path)
        self.path = os.path.abspath(path)

    def partitions(self, size: int, *, lazy: bool = False) -> Iterator[Partition]:
        first = 1
        per_row = (self.total_bytes or 0) / max(self.total_rows or 1, 1)
        if lazy:
            total = self.total_rows or 0
            for index, start in enumerate(range(0, total, size)):
                rows = min(size, total - start)
                yield Partition(index=index, format=self.format, first_row=start + 1, rows=rows,
                                payload=ParquetSlice(path=self.path, start=start, rows=rows), nbytes=int(per_row * rows))
            return
        index, pending, count = 0, [], 0
        for batch in self._file.iter_batches(batch_size=size):  # re-cut to exactly ``size`` rows, as the lazy path
            pending.append(batch)
            count += batch.num_rows
            while count >= size:
                head, pending = _cut(pending, size)
                count -= size
                yield Partition(index=index, format=self.format, first_row=first, rows=size, payload=head,
                                nbytes=int(per_row * size))
                index, first = index + 1, first + size
        if count:
            head, _ = _cut(pending, count)
            yield Partition(index=index, format=self.format, first_row=first, rows=count, payload=head, nbytes=int(per_row * count))

    def close(self) -> None:
        self._file.close()


def _cut(batches: list[Any], n: int) -> tuple[Any, list[Any]]:
    """The first ``n`` rows of ``batches`` as one record batch, and the batches left."""
    import pyarrow as pa

    if len(batches) == 1 and batches[0].num_rows == n:
        return batches[0], []
    table = pa.Table.from_batches(batches)
    head = table.slice(0, n).combine_chunks().to_batches()
    rest = table.slice(n).to_batches()
    return (head[0] if head else batches[0].slice(0, 0)), [b for b in rest if b.num_rows]


def open_reader(path: str, fmt: str | None = None) -> Reader:
    """Open ``path`` (``-``: stdin) as a registry of the given or guessed format."""
    fmt = format_of(path, fmt)
    if fmt == "parquet" and path == "-":
        raise CaseValidationError([Problem("", "Parquet cannot be read from stdin: give a file")])
    return {"jsonl": JsonLinesReader, "csv": CsvReader, "parquet": ParquetReader}[fmt](path)


def _open(path: str, mode: str):
    try:
        return open(path, mode)  # noqa: SIM115 - the reader owns it
    except FileNotFoundError:
        raise CaseValidationError([Problem("", f"no such file: {path}")]) from None
    except IsADirectoryError:
        raise CaseValidationError([Problem("", f"a directory, not a file: {path}")]) from None


def _tell(raw: Any) -> int:
    try:
        return raw.tell()
    except (OSError, ValueError):
        return 0


def _pyarrow_parquet():
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CaseValidationError([Problem("", "Parquet needs pyarrow: pip install 'zhengce[parquet]'")]) from None
    return pq


# --- decoding (in the worker) --------------------------------------------------


def decode(partition: Partition, layout: Layout) -> Iterator[tuple[int, Any, list[Problem]]]:
    """Each row of a partition as ``(row, data, problems)``: JSON-like case data (None when
    unreadable) and the problems found reading it.  Never raises for a bad row."""
    if partition.format == "jsonl":
        for row, line in partition.payload:
            try:
                yield row, json.loads(line, parse_float=Decimal), []
            except UnicodeDecodeError as exc:
                yield row, None, [Problem("", f"not valid UTF-8: {exc.reason} at byte {exc.start}")]
            except json.JSONDecodeError as exc:
                yield row, None, [Problem("", f"not valid JSON: {exc.msg}")]
            except Exception as exc:  # noqa: BLE001 - e.g. a number too deep to parse
                yield row, None, [Problem("", f"cannot read the line: {type(exc).__name__}: {exc}")]
    elif partition.format == "csv":
        header, rows = partition.payload
        width = len(header)
        read = layout.reader(tuple(header))
        for row, cells in rows:
            if len(cells) != width:
                yield row, None, [Problem("", f"the record has {len(cells)} fields, the header {width}")]
                continue
            try:
                "".join(cells).encode("utf-8")
            except UnicodeEncodeError:
                yield row, None, [Problem("", "not valid UTF-8")]
                continue
            yield (row, *_read(read, cells))
    else:
        batch = partition.payload.read() if isinstance(partition.payload, ParquetSlice) else partition.payload
        yield from decode_batch(batch, layout, range(partition.first_row, partition.first_row + batch.num_rows))


def decode_batch(batch: Any, layout: Layout, rows: Sequence[int]) -> Iterator[tuple[int, Any, list[Problem]]]:
    """Each row of an Arrow record batch as ``(row, data, problems)``, numbered by ``rows``."""
    full = batch.num_rows
    used = [i for i, column in enumerate(batch.columns) if column.null_count < full]  # an all-null column says nothing
    read = layout.reader(tuple(batch.schema.names[i] for i in used))
    try:
        records = zip(*(batch.column(i).to_pylist() for i in used), strict=True) if used else iter([()] * full)
    except Exception:  # noqa: BLE001 - a value pyarrow cannot give to Python: decode row by row
        records = _records_one_by_one(batch, used)
    for row, record in zip(rows, records):
        if isinstance(record, Problem):
            yield row, None, [record]
        else:
            yield (row, *_read(read, record))


def _read(read: Any, values: Any) -> tuple[Any, list[Problem]]:
    try:
        return read(values)
    except Exception as exc:  # noqa: BLE001 - a bad row never aborts its partition
        return None, [Problem("", f"cannot read the row: {type(exc).__name__}: {exc}")]


def _records_one_by_one(batch: Any, used: list[int]) -> list[Any]:
    out: list[Any] = []
    for i in range(batch.num_rows):
        try:
            out.append(tuple(batch.slice(i, 1).select(used).to_pylist()[0].values()))
        except Exception as exc:  # noqa: BLE001
            out.append(Problem("", f"cannot read the row: {type(exc).__name__}: {exc}"))
    return out
