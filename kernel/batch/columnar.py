"""The columnar path of screening: a Parquet batch validated, routed and decided column by column.

For a record batch of the flat layout, :func:`screen_columns`

1. **validates** each column against its field (type, domain, limits), exactly as loading a case would:
   a row with any cell in doubt (an unknown column, a JSON column, a value out of its domain, a section
   with migrations) is left to the per-case path, which lists its problems by path;
2. **routes** the valid rows by the sections they carry (one routing per pattern of sections, as
   ``Kernel.routes``), keeping the rows whose policies are all national and independent;
3. applies each policy's **time gate** over the rows, then its columnar rule (hook ``screen_columns``,
   ``kernel/vector.py``) within the policy's time budget; a verdict that is malformed, raises, overruns
   or disagrees with the per-case rule on a sample of rows is discarded for the batch;
4. returns the result rows of every row it decided (an Arrow table of the result schema), their counts,
   and the rows left to the per-case path.

Everything it decides is what the per-case path would have written, row for row; the tests compare
both paths over generated batches, bad rows included.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import numpy as np

from zhengce.contracts import limits
from zhengce.contracts.base import _structure_decimal
from zhengce.contracts.domains import Domain, domain_of
from zhengce.contracts.migrations import RenamedValue, migrations_of

from .. import guard
from ..policy import EvaluationContext
from ..vector import APPLIES, CANNOT_TELL, DOES_NOT_APPLY, STATUS_NAMES, ColumnVerdict, Columns, day_number
from .layout import Layout, _unwrap
from .results import Keep, Stats

#: rows per batch re-evaluated per case to check a columnar verdict (evenly spaced over the decided rows)
AUDIT_ROWS = 2
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


# --- 1. validation -------------------------------------------------------------------------------


@attrs.frozen
class _Field:
    tp: Any
    domain: Domain | None
    old_values: tuple[Any, ...] = ()  # values an older version wrote (``RenamedValue``): migrated per case


def fields_of(case_type: type) -> dict[str, _Field]:
    """Every scalar column of the layout: its Python type, domain and migrated values.

    A field renamed or dropped by a migration has no column under its old name, so such a column is
    unknown here and its rows go per case, where the migration applies."""
    out: dict[str, _Field] = {}

    def walk(cls: type, prefix: str) -> None:
        hints = typing.get_type_hints(cls)
        renamed = {}
        for change in migrations_of(cls):
            if isinstance(change, RenamedValue):
                renamed.setdefault(change.field, []).append(change.old)
        for field in attrs.fields(cls):
            tp = _unwrap(hints[field.name])
            path = f"{prefix}.{field.name}" if prefix else field.name
            if attrs.has(tp):
                walk(tp, path)
            else:
                out[path] = _Field(tp=tp, domain=domain_of(field), old_values=tuple(renamed.get(field.name, ())))

    walk(case_type, "")
    return out


def _unique_ok(column: Any, ok: Callable[[Any], bool]) -> np.ndarray:
    """``ok`` of each row's value, computed once per distinct value (null rows are ok)."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column)
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()
    table = np.array([ok(v) for v in encoded.dictionary.to_pylist()] + [True], bool)
    return table[pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy(zero_copy_only=False)]


def _decimal_ok(domain: Domain | None) -> Callable[[Any], bool]:
    def ok(text: Any) -> bool:
        if text == "":
            return True
        try:
            value = _structure_decimal(text, Decimal)
        except (ValueError, TypeError):
            return False
        return domain is None or domain.problem(value) is None

    return ok


def column_ok(column: Any, field: _Field | None) -> np.ndarray:
    """Rows whose cell would load without a problem (absent cells are fine); False where in doubt."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(column)
    absent = pc.is_null(column)
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        absent = pc.or_(absent, pc.equal(column, ""))
    absent = pc.fill_null(absent, True).to_numpy(zero_copy_only=False)
    if field is None:
        return absent
    ok = _cell_ok(column, field, absent)
    if field.old_values:
        try:
            old = pa.array(list(field.old_values), column.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            return absent
        ok &= ~pc.fill_null(pc.is_in(column, value_set=old), False).to_numpy(zero_copy_only=False)
    return ok


def _cell_ok(column: Any, field: _Field, absent: np.ndarray) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(column)
    tp, t = field.tp, column.type
    if tp is str and (pa.types.is_string(t) or pa.types.is_large_string(t)):
        column.validate(full=True)  # invalid UTF-8 raises: the whole batch goes per case
        short = pc.less_equal(pc.utf8_length(column), limits.MAX_STRING)
        return absent | pc.fill_null(short, False).to_numpy(zero_copy_only=False)
    if isinstance(tp, type) and issubclass(tp, enum.Enum) and (pa.types.is_string(t) or pa.types.is_large_string(t)):
        values = [m.value for m in tp]
        if not all(isinstance(v, str) for v in values):
            return absent
        member = pc.fill_null(pc.is_in(column, value_set=pa.array(values, t)), False).to_numpy(zero_copy_only=False)
        return absent | member
    if tp is bool and pa.types.is_boolean(t):
        return np.ones(n, bool)
    if tp is _dt.date and pa.types.is_date32(t):
        days = pc.fill_null(column.cast("int32"), 0).to_numpy(zero_copy_only=False).astype(np.int64)
        ok = np.ones(n, bool)
        if field.domain is not None and field.domain.minimum is not None:
            ok &= days >= day_number(field.domain.minimum)
        if field.domain is not None and field.domain.maximum is not None:
            ok &= days <= day_number(field.domain.maximum)
        return absent | ok
    if tp is int and pa.types.is_integer(t):
        values = pc.fill_null(column.cast("int64"), 0).to_numpy(zero_copy_only=False)
        bound = 10**limits.MAX_INTEGER_DIGITS
        ok = (values > -bound) & (values < bound)
        if field.domain is not None and field.domain.minimum is not None:
            ok &= values >= int(field.domain.minimum)
        if field.domain is not None and field.domain.maximum is not None:
            ok &= values <= int(field.domain.maximum)
        return absent | ok
    if tp is Decimal and (pa.types.is_string(t) or pa.types.is_large_string(t)):
        return absent | _unique_ok(column, _decimal_ok(field.domain))
    return absent  # any other pairing of type and column: the per-case path reads it


# --- 3. the verdict, checked --------------------------------------------------------------------


class BadVerdict(Exception):
    """A columnar rule's answer the kernel cannot use (its rows go per case)."""


def _check_verdict(verdict: Any, n: int, scale: int) -> ColumnVerdict:
    if not isinstance(verdict, ColumnVerdict):
        raise BadVerdict(f"screen_columns returned {type(verdict).__name__}, not a ColumnVerdict")

    def vector(name: str, value: Any, kinds: str) -> np.ndarray:
        if not isinstance(value, np.ndarray) or value.shape != (n,) or value.dtype.kind not in kinds:
            raise BadVerdict(f"{name}: not a vector of {n} ({kinds}) values")
        return value

    status = vector("status", verdict.status, "iu")
    if not np.isin(status, (DOES_NOT_APPLY, APPLIES, CANNOT_TELL)).all():
        raise BadVerdict("status: a code that is not does_not_apply (0), applies (1) or cannot_tell (2)")
    vector("decided", verdict.decided, "b")
    names = set()
    for amount in verdict.amounts:
        if not _NAME.fullmatch(str(amount.name)) or amount.name in names:
            raise BadVerdict(f"amount {amount.name!r}: not a name, or given twice")
        names.add(amount.name)
        vector(f"amount {amount.name}", amount.units, "iu")
        if amount.present is not None:
            vector(f"amount {amount.name} present", amount.present, "b")
        if amount.scale != scale:
            raise BadVerdict(f"amount {amount.name}: scale {amount.scale}, the policy's quantum has {scale}")
    for path, rows in verdict.missing:
        if not isinstance(path, str):
            raise BadVerdict("missing: a fact path that is not text")
        vector(f"missing {path}", rows, "b")
    return verdict


def _scale_of(spec: Any) -> int | None:
    quantum = spec.parameters.rounding.quantum if spec.parameters is not None else guard.DEFAULT_QUANTUM
    scale = -quantum.as_tuple().exponent
    return scale if 0 <= scale <= 6 and quantum == Decimal(1).scaleb(-scale) else None


# --- the whole batch -----------------------------------------------------------------------------


@attrs.define
class ColumnarResult:
    """What the columnar path decided for a batch: its result rows (an Arrow table of the result
    schema, ``--keep`` applied), the batch offsets left to the per-case path, and why a policy's
    verdict was not used."""

    table: Any
    per_case: np.ndarray
    decided: int = 0
    discarded: dict[str, str] = attrs.field(factory=dict)


@attrs.define
class _PolicyRows:
    """One policy over the rows of a batch that reach it (offsets ``idx``): full-length vectors."""

    reg: Any
    idx: np.ndarray
    status: np.ndarray
    decided: np.ndarray
    amounts: list[tuple[str, np.ndarray, int, np.ndarray]]  # name, units, scale, present
    missing: list[tuple[str, np.ndarray]]


_SCREENERS: dict[int, Screener] = {}


def screener_of(kernel: Any, layout: Layout) -> Screener:
    """This process's screener for ``kernel`` (built once: the field plan and routes are per kernel)."""
    found = _SCREENERS.get(id(kernel))
    if found is None or found.kernel is not kernel:
        found = _SCREENERS[id(kernel)] = Screener(kernel, layout)
    return found


class Screener:
    """The columnar path for one kernel: its fields, its routing per pattern of sections."""

    def __init__(self, kernel: Any, layout: Layout) -> None:
        self.kernel, self.layout = kernel, layout
        self.fields = fields_of(kernel.loaded_case_type)
        self.sections = layout.sections
        self._routes: dict[tuple[str, ...], Any] = {}

    def routes(self, present: tuple[str, ...]) -> tuple[Any, ...] | None:
        """The policies rows carrying these sections reach; None when the columnar path cannot take
        them (a regional or dependent policy, a quantum that is not a power of ten: per case)."""
        found = self._routes.get(present, False)
        if found is False:
            regs = tuple(self.kernel.routes(present))
            ok = all(r.spec.jurisdiction.level == "national" and not r.spec.depends_on and _scale_of(r.spec) is not None
                     for r in regs)
            found = self._routes[present] = regs if ok else None
        return found

    def screen(self, batch: Any, first_row: int, as_of: _dt.date, known_at: _dt.date | None, keep: Keep,
               stats: Stats, audit: Callable[[int], list[dict[str, Any]]] | None = None) -> ColumnarResult:
        """Decide what the columnar path can of ``batch`` (rows numbered from ``first_row``)."""
        n = batch.num_rows
        ctx = EvaluationContext(as_of=as_of, known_at=known_at or as_of, trace=False)
        valid, carried = self._validate(batch)
        order = [s for s in self.sections if carried[s].any()]
        matrix = np.vstack([carried[s] for s in order]).T if order else np.zeros((n, 1), bool)
        patterns, pattern = _distinct_rows(matrix)  # the sets of sections rows carry
        per_case = ~valid
        unrouted = np.zeros(n, bool)
        reaching: dict[str, tuple[Any, np.ndarray]] = {}
        for code in np.unique(pattern[valid]):
            at = valid & (pattern == code)
            regs = self.routes(tuple(s for s, given in zip(order, patterns[code]) if given))
            if regs is None:
                per_case |= at
            elif not regs:
                unrouted |= at
            for reg in regs or ():
                prev = reaching.get(reg.spec.id)
                reaching[reg.spec.id] = (reg, at if prev is None else prev[1] | at)
        cols = Columns(batch)
        decided: list[_PolicyRows] = []
        discarded: dict[str, str] = {}
        for pid in sorted(reaching):
            reg, at = reaching[pid]
            try:
                rows = self._decide(reg, batch, cols, np.flatnonzero(at), ctx)
                why = None if audit is None else _audit(rows, batch, first_row, audit)
            except (Exception, guard.PolicyTimeout) as exc:  # noqa: BLE001 - a broken or slow rule: its rows go per case
                why = f"{type(exc).__name__}: {exc}"
            if why is not None:
                discarded[pid] = why[:300]
                per_case |= at
                continue
            decided.append(rows)
            per_case[rows.idx[~rows.decided]] = True
        pieces = []
        case_ids = _case_ids(batch)
        for rows in decided:
            take = ~per_case[rows.idx]
            if take.any():
                pieces.append(_policy_table(rows, take, case_ids, first_row, keep, stats))
        if unrouted.any():
            stats.no_policy += int(unrouted.sum())
            if keep.everything or keep.accepts({"status": "no_policy", "policy_id": None, "amounts": None}):
                pieces.append(_unrouted_table(np.flatnonzero(unrouted), case_ids, first_row))
        done = valid & ~per_case
        stats.cases += int(done.sum())
        return ColumnarResult(table=_concat(pieces), per_case=np.flatnonzero(per_case), decided=int(done.sum()),
                              discarded=discarded)

    def _validate(self, batch: Any) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Rows every cell of which loads without a problem; and, per section, the rows carrying it."""
        n = batch.num_rows
        valid = np.ones(n, bool)
        carried = {s: np.zeros(n, bool) for s in self.sections}
        for name, column in zip(batch.schema.names, batch.columns):
            if column.null_count == n:
                continue  # an all-null column says nothing (as for the per-case reader)
            field = self.fields.get(name)
            valid &= column_ok(column, field)
            section = name.split(".", 1)[0]
            if field is not None and section in carried:
                carried[section] |= _given(column)
        return valid, carried

    def _decide(self, reg: Any, batch: Any, cols: Columns, idx: np.ndarray, ctx: EvaluationContext) -> _PolicyRows:
        import pyarrow as pa

        spec, m = reg.spec, len(idx)
        scale = _scale_of(spec)
        rows = _PolicyRows(reg=reg, idx=idx, status=np.full(m, DOES_NOT_APPLY, np.int8), decided=np.ones(m, bool),
                           amounts=[], missing=[])
        go = ~_time_gate(spec, cols, idx, ctx)
        if not go.any():
            return rows
        sub = batch if go.all() and m == batch.num_rows else batch.take(pa.array(idx[go]))
        verdict = guard._call_with_budget(
            lambda: reg.hooks.relay.screen_columns(policy=spec, columns=Columns(sub), context=ctx), self.kernel.policy_timeout)
        if verdict is None:
            rows.decided[go] = False
            return rows
        v = _check_verdict(verdict, sub.num_rows, scale)
        rows.status[go] = v.status
        rows.decided[go] = v.decided
        applies, cannot = v.status == APPLIES, v.status == CANNOT_TELL
        for a in v.amounts:
            units, present = np.zeros(m, np.int64), np.zeros(m, bool)
            units[go] = a.units
            present[go] = applies if a.present is None else (a.present & applies)
            rows.amounts.append((a.name, units, a.scale, present))
        for path, where in v.missing:
            full = np.zeros(m, bool)
            full[go] = where & cannot
            rows.missing.append((path, full))
        return rows


def _given(column: Any) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    given = pc.is_valid(column)
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        given = pc.and_(given, pc.not_equal(column, ""))
    return pc.fill_null(given, False).to_numpy(zero_copy_only=False)


def _time_gate(spec: Any, cols: Columns, idx: np.ndarray, ctx: EvaluationContext) -> np.ndarray:
    """Rows (of ``idx``) the policy's time gate stops (``kernel.gates.time_gate``, over columns)."""
    m = len(idx)
    params = spec.parameters
    if params is None:
        return np.zeros(m, bool)
    _docs, start = params.as_known_at(ctx.known_at)
    if start is None or (not spec.event_date and ctx.as_of < start):
        return np.ones(m, bool)
    ends = params.ends_as_known_at(ctx.known_at)
    if ends is None:
        return np.zeros(m, bool)
    day = np.full(m, day_number(ctx.as_of), np.int64)
    if spec.event_date:
        known = cols.known(spec.event_date)[idx]
        day = np.where(known, cols.day(spec.event_date)[idx], day)
    return day > day_number(ends[0])


# --- result rows -----------------------------------------------------------------------------------


def _units_text(units: int, scale: int) -> str:
    """Exact decimal text of ``units × 10**-scale``, as ``str(Decimal)`` writes it at that exponent."""
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(int(units)), 10**scale)
    return f"{sign}{whole}.{frac:0{scale}d}" if scale else f"{sign}{whole}"


def row_of(rows: _PolicyRows, j: int, case_id: str | None, first_row: int) -> dict[str, Any]:
    """The result row of the ``j``-th row reaching the policy (as ``results.result_row`` writes it)."""
    amounts = {name: _units_text(units[j], scale) for name, units, scale, present in rows.amounts if present[j]}
    missing: list[str] = []
    for path, where in rows.missing:
        if where[j] and path not in missing:
            missing.append(path)
    ref = rows.reg.plugin
    return {"row": first_row + int(rows.idx[j]), "case_id": case_id, "policy_id": rows.reg.spec.id, "version": ref.version,
            "status": STATUS_NAMES[rows.status[j]], "amounts": amounts or None, "ranges": None,
            "missing": missing or None, "error": None, "problems": None}


def _audit(rows: _PolicyRows, batch: Any, first_row: int, audit: Callable[[int], list[dict[str, Any]]]) -> str | None:
    """Re-evaluate up to :data:`AUDIT_ROWS` decided rows per case; why the verdict disagrees, or None."""
    sure = np.flatnonzero(rows.decided)
    if not len(sure):
        return None
    case_ids = _case_ids(batch)
    for j in sure[np.linspace(0, len(sure) - 1, min(AUDIT_ROWS, len(sure))).astype(int)]:
        offset = int(rows.idx[j])
        mine = row_of(rows, j, case_ids[offset].as_py(), first_row)
        theirs = next((r for r in audit(offset) if r["policy_id"] == mine["policy_id"]), None)
        if theirs != mine:
            return f"row {mine['row']}: the columnar rule says {_brief(mine)}, the per-case rule {_brief(theirs)}"
    return None


def _brief(row: Mapping[str, Any] | None) -> str:
    if row is None:
        return "nothing"
    return f"{row['status']} {row['amounts'] or ''} {row['missing'] or ''}".strip()


def _case_ids(batch: Any) -> Any:
    """The case id of each row as Arrow text (null where absent or empty; a row whose case id is not
    text is never decided here)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    i = batch.schema.get_field_index("case_id")
    column = batch.column(i) if i >= 0 else None
    if column is None or not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return pa.nulls(batch.num_rows, pa.string())
    column = column.cast(pa.string())
    return pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)


def _amounts_column(rows: _PolicyRows, take: np.ndarray, kept: np.ndarray) -> Any:
    """The ``amounts`` JSON text of the kept rows (null without any amount), as the per-case writer
    writes it.  Rows share few distinct combinations of amounts (a subsidy of 20,000.00 split the same
    way), so each combination is written once, in Python, and taken per row."""
    import json

    import pyarrow as pa

    n = int(kept.sum())
    if not rows.amounts or not n:
        return pa.nulls(n, pa.string())
    parts = []
    for name, units, scale, present in rows.amounts:
        here = present[take][kept]
        parts.append((name, scale, np.where(here, units[take][kept], 0), here))
    codes, first = _row_codes(np.stack([c for _, _, values, here in parts for c in (here.astype(np.int64), values)], axis=1))
    texts = []
    for j in first:
        shown = {name: _units_text(values[j], scale) for name, scale, values, here in parts if here[j]}
        texts.append(json.dumps(shown, ensure_ascii=False, separators=(",", ":")) if shown else None)
    return pa.array(texts, pa.string()).take(pa.array(codes, pa.int64()))


def _row_codes(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's code for its distinct value (dense, in order of first appearance) and, per code,
    the first row that has it: Arrow's hash of each row's bytes (``dictionary_encode`` over a
    fixed-size binary view), not a sort (``np.unique(axis=0)``: 20 ms for 50,000 rows, this 0.5 ms)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = np.ascontiguousarray(matrix.reshape(len(matrix), -1))
    n = len(rows)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    keys = pa.FixedSizeBinaryArray.from_buffers(pa.binary(rows.itemsize * rows.shape[1]), n, [None, pa.py_buffer(rows)])
    codes = pc.dictionary_encode(keys).indices.to_numpy().astype(np.int64)
    first = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)  # where a new code appears
    return codes, first


def _distinct_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a boolean matrix and each row's index into them."""
    codes, first = _row_codes(matrix)
    return matrix[first], codes


def _policy_table(rows: _PolicyRows, take: np.ndarray, case_ids: Any, first_row: int, keep: Keep,
                  stats: Stats) -> Any:
    """The result rows of one policy's decided rows (``take``), counted in ``stats``, ``keep`` applied."""
    import pyarrow as pa
    import pyarrow.compute as pc

    spec, ref = rows.reg.spec, rows.reg.plugin
    status = rows.status[take]
    entry = stats.policies.setdefault(spec.id, {"versions": set(), "counts": {}, "amounts": {}})
    entry["versions"].add(ref.version)
    for code, count in zip(*np.unique(status, return_counts=True)):
        name = STATUS_NAMES[code]
        entry["counts"][name] = entry["counts"].get(name, 0) + int(count)
    for name, units, scale, present in rows.amounts:
        where = present[take]
        if where.any():
            slot = entry["amounts"].setdefault(name, [Decimal(0), 0])
            slot[0] += Decimal(int(units[take][where].sum(dtype=object))).scaleb(-scale)
            slot[1] += int(where.sum())
    kept = _kept(rows, take, status, keep)
    idx = rows.idx[take][kept]
    n = len(idx)
    amounts = _amounts_column(rows, take, kept)
    missing = [None] * n
    cannot = np.flatnonzero(status[kept] == CANNOT_TELL)
    if len(cannot) and rows.missing:
        positions = np.flatnonzero(take)[kept]
        for k in cannot:
            j = positions[k]
            found: list[str] = []
            for path, where in rows.missing:
                if where[j] and path not in found:
                    found.append(path)
            missing[k] = found or None
    names = pa.DictionaryArray.from_arrays(pa.array(status[kept].astype(np.int8)), pa.array(STATUS_NAMES)).cast(pa.string())
    return _table(first_row + idx, case_ids.take(pa.array(idx, pa.int64())), spec.id, ref.version, names, amounts, missing)


def _kept(rows: _PolicyRows, take: np.ndarray, status: np.ndarray, keep: Keep) -> np.ndarray:
    """Which of the decided rows ``--keep`` writes (the per-row ``Keep.accepts``, over vectors)."""
    import fnmatch
    import math

    ok = np.ones(len(status), bool)
    if keep.statuses is not None:
        ok &= np.isin(np.asarray(STATUS_NAMES, object)[status], sorted(keep.statuses))
    if keep.policies is not None and not any(fnmatch.fnmatchcase(rows.reg.spec.id, p) for p in keep.policies):
        ok[:] = False
    for name, minimum in keep.minimums:
        some = np.zeros(len(status), bool)
        for amount, units, scale, present in rows.amounts:
            if name in ("amount", amount):
                threshold = math.ceil(minimum.scaleb(scale))
                some |= present[take] & (units[take] >= threshold)
        ok &= some
    return ok


def _unrouted_table(idx: np.ndarray, case_ids: Any, first_row: int) -> Any:
    import pyarrow as pa

    n = len(idx)
    return _table(first_row + idx, case_ids.take(pa.array(idx, pa.int64())), None, None, ["no_policy"] * n,
                  pa.nulls(n, pa.string()), [None] * n)


def _table(row: np.ndarray, case_id: Any, policy_id: str | None, version: str | None, status: list, amounts: Any,
           missing: list) -> Any:
    import pyarrow as pa

    from .writers import arrow_schema

    n = len(row)
    schema = arrow_schema()
    return pa.table({
        "row": pa.array(row, pa.int64()), "case_id": case_id,
        "policy_id": pa.array([policy_id] * n, pa.string()), "version": pa.array([version] * n, pa.string()),
        "status": pa.array(status, pa.string()), "amounts": amounts, "ranges": pa.nulls(n, pa.string()),
        "missing": pa.array(missing, schema.field("missing").type), "error": pa.nulls(n, pa.string()),
        "problems": pa.nulls(n, schema.field("problems").type),
    }, schema=schema)


def _concat(pieces: list[Any]) -> Any:
    import pyarrow as pa

    from .writers import arrow_schema

    return pa.concat_tables(pieces) if pieces else arrow_schema().empty_table()
