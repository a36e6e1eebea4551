"""Columnar rules: a policy decided over a whole batch of registry rows at once.

A rule module may add, beside ``applies_to`` and ``evaluate``, its vectorised twin::

    def screen_columns(columns: Columns, parameters: ParameterSet, context: EvaluationContext) -> ColumnVerdict

which the kernel calls (hook ``screen_columns``) when it screens a tabular registry.  ``columns`` holds
only rows the kernel has already validated (each would load as a case without a problem) and that
reach the policy past its time gate; the rule answers, row by row, what its per-case rule would have
answered: the status, the amounts (exact integers in units of the policy's money quantum) and, for
``cannot_tell``, the missing facts in the order the per-case rule lists them.  A row the rule is not
sure of is left undecided (``decided`` False): the kernel evaluates it per case.  So a columnar rule
need only cover the common rows, and it is checked: a property test against the per-case rule (see
``kernel.testing.screen_both_ways``) and, at run time, a sample of rows per batch re-evaluated per
case (a disagreement discards the batch's verdict).

Everything here is numpy over Arrow columns; no Decimal leaves the exact integer domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import numpy as np

__all__ = ["APPLIES", "CANNOT_TELL", "DOES_NOT_APPLY", "ColumnAmount", "ColumnVerdict", "Columns", "EPOCH",
           "NO_DAY", "day_number", "scaled", "tri", "tri_and"]

EPOCH = date(1970, 1, 1)
#: status codes of a verdict (the order of :data:`STATUS_NAMES`)
DOES_NOT_APPLY, APPLIES, CANNOT_TELL = 0, 1, 2
STATUS_NAMES = ("does_not_apply", "applies", "cannot_tell")
#: three-valued condition codes: False, True, unknown
NO, YES, UNKNOWN = 0, 1, 2
#: the day number :meth:`Columns.by_day` lookups return for "no such day" (no law that day)
NO_DAY = int(np.iinfo(np.int64).min)


def day_number(day: date) -> int:
    """Days since 1970-01-01 (Arrow's ``date32``)."""
    return (day - EPOCH).days


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


def scaled(value: Decimal | int, scale: int) -> int:
    """``value`` in units of ``10**-scale`` (exact: raises if it has more fraction digits)."""
    units = Decimal(value).scaleb(scale)
    if units != units.to_integral_value():
        raise ValueError(f"{value} has more than {scale} fraction digits")
    return int(units)


def tri(ok: np.ndarray, known: np.ndarray) -> np.ndarray:
    """A three-valued condition: YES/NO where ``known``, UNKNOWN elsewhere."""
    return np.where(known, ok.astype(np.int8), np.int8(UNKNOWN)).astype(np.int8)


def tri_and(conditions: Iterable[np.ndarray]) -> np.ndarray:
    """Status codes of a conjunction of three-valued conditions: does not apply if any is NO, else
    cannot tell if any is UNKNOWN, else applies (the per-case ``Conditions.status``)."""
    stack = np.vstack(list(conditions))
    any_no = (stack == NO).any(axis=0)
    any_unknown = (stack == UNKNOWN).any(axis=0)
    return np.where(any_no, np.int8(DOES_NOT_APPLY), np.where(any_unknown, np.int8(CANNOT_TELL), np.int8(APPLIES))).astype(np.int8)


class Columns:
    """A batch of validated rows in the flat layout (``section.field`` columns), as numpy arrays.

    A column the batch does not have reads as absent in every row; an empty string is absent, as it
    is for the per-row reader.
    """

    def __init__(self, batch: Any) -> None:
        self.batch = batch
        self.n = batch.num_rows
        self._names = {name: i for i, name in enumerate(batch.schema.names)}
        self._cache: dict[tuple[str, Any], Any] = {}

    def __len__(self) -> int:
        return self.n

    def _column(self, path: str) -> Any:
        i = self._names.get(path)
        return None if i is None else self.batch.column(i)

    def _memo(self, key: tuple[str, Any], make: Callable[[], Any]) -> Any:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = make()
        return found

    def known(self, path: str) -> np.ndarray:
        """Rows that give the fact."""
        def make() -> np.ndarray:
            import pyarrow as pa
            import pyarrow.compute as pc

            col = self._column(path)
            if col is None:
                return np.zeros(self.n, bool)
            valid = pc.is_valid(col)
            if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
                valid = pc.and_(valid, pc.not_equal(col, ""))
            return pc.fill_null(valid, False).to_numpy(zero_copy_only=False)

        return self._memo(("known", path), make)

    def day(self, path: str) -> np.ndarray:
        """A date column as day numbers (:func:`day_number`); 0 where absent (see :meth:`known`)."""
        def make() -> np.ndarray:
            import pyarrow.compute as pc

            col = self._column(path)
            if col is None:
                return np.zeros(self.n, np.int64)
            return pc.fill_null(col.cast("int32"), 0).to_numpy(zero_copy_only=False).astype(np.int64)

        return self._memo(("day", path), make)

    def integer(self, path: str) -> np.ndarray:
        """A whole-number column as int64; 0 where absent (see :meth:`known`)."""
        def make() -> np.ndarray:
            import pyarrow.compute as pc

            col = self._column(path)
            if col is None:
                return np.zeros(self.n, np.int64)
            return pc.fill_null(col.cast("int64"), 0).to_numpy(zero_copy_only=False)

        return self._memo(("integer", path), make)

    def flag(self, path: str) -> np.ndarray:
        """A true/false column: True where true (False where false or absent)."""
        def make() -> np.ndarray:
            import pyarrow.compute as pc

            col = self._column(path)
            if col is None:
                return np.zeros(self.n, bool)
            return pc.fill_null(col, False).to_numpy(zero_copy_only=False).astype(bool)

        return self._memo(("flag", path), make)

    def isin(self, path: str, values: Iterable[str]) -> np.ndarray:
        """Rows whose text (an enum's value) is one of ``values``."""
        values = tuple(sorted(str(v) for v in values))

        def make() -> np.ndarray:
            import pyarrow as pa
            import pyarrow.compute as pc

            col = self._column(path)
            if col is None:
                return np.zeros(self.n, bool)
            return pc.fill_null(pc.is_in(col, value_set=pa.array(values, col.type)), False).to_numpy(zero_copy_only=False)

        return self._memo(("isin", (path, values)), make)

    def equals(self, path: str, value: str) -> np.ndarray:
        return self.isin(path, (value,))

    def codes(self, path: str, mapping: Callable[[str], Any], dtype: Any = object, absent: Any = None) -> np.ndarray:
        """``mapping`` of each row's text, computed once per distinct text (``absent`` where absent)."""
        import pyarrow.compute as pc

        col = self._column(path)
        if col is None:
            table = np.empty(1, dtype=dtype)
            table[0] = absent
            return table[np.zeros(self.n, np.intp)]
        encoded = pc.dictionary_encode(col)
        if hasattr(encoded, "combine_chunks"):
            encoded = encoded.combine_chunks()
        entries = [absent if v is None or v == "" else mapping(v) for v in encoded.dictionary.to_pylist()]
        table = np.empty(len(entries) + 1, dtype=dtype)
        for i, entry in enumerate(entries):
            table[i] = entry
        table[len(entries)] = absent  # a null row
        idx = pc.fill_null(encoded.indices, len(entries)).to_numpy(zero_copy_only=False)
        return table[idx]

    def decimal(self, path: str, scale: int) -> tuple[np.ndarray, np.ndarray]:
        """A decimal column (decimal text) in units of ``10**-scale``, and where that is exact.

        Absent rows are 0 and not exact; so is a value with more fraction digits than ``scale``.
        """
        def make() -> tuple[np.ndarray, np.ndarray]:
            def units(text: str) -> int | None:
                try:
                    units = scaled(Decimal(text), scale)
                except (ValueError, ArithmeticError):
                    return None
                return units if abs(units) < 2**62 else None  # beyond int64: not exact here

            found = self.codes(path, units)
            exact = np.not_equal(found, None).astype(bool)
            values = np.where(exact, found, 0).astype(np.int64)
            return values, exact

        return self._memo(("decimal", (path, scale)), make)

    def per_day(self, path: str, lookup: Callable[[date | None], Any]) -> tuple[list[Any], np.ndarray]:
        """``lookup`` of each distinct day of a date column (None for rows without it), and each row's
        index into that list: how a rule reads its dated parameters on every row's event day, once
        per distinct day (``values[index]`` per row, after ``np.array(values)``)."""
        def make() -> tuple[list[date | None], np.ndarray]:
            keys = np.where(self.known(path), self.day(path), NO_DAY)
            distinct, inverse = np.unique(keys, return_inverse=True)
            return [None if d == NO_DAY else day_of(d) for d in distinct], inverse

        days, inverse = self._memo(("per_day", path), make)
        return [lookup(d) for d in days], inverse


@attrs.frozen(kw_only=True)
class ColumnAmount:
    """One named amount over a batch: exact integers in units of ``10**-scale`` (the policy's quantum),
    given where ``present`` (None: in every row that applies)."""

    name: str
    units: np.ndarray = attrs.field(eq=False, repr=False)
    scale: int = 2
    present: np.ndarray | None = attrs.field(default=None, eq=False, repr=False)
    payer: str | None = None


@attrs.frozen(kw_only=True)
class ColumnVerdict:
    """What a columnar rule answers for each row of its batch.

    ``status``: :data:`APPLIES`, :data:`DOES_NOT_APPLY` or :data:`CANNOT_TELL` (int8); ``decided``:
    the rows the rule is sure of (the rest are evaluated per case); ``amounts``: in the order the
    per-case evaluation lists them (only rows that apply carry amounts); ``missing``: ``(fact path,
    rows)`` pairs in the order the per-case rule reports them, for the rows that cannot tell.
    """

    status: np.ndarray = attrs.field(eq=False, repr=False)
    decided: np.ndarray = attrs.field(eq=False, repr=False)
    amounts: Sequence[ColumnAmount] = ()
    missing: Sequence[tuple[str, np.ndarray]] = attrs.field(default=(), eq=False, repr=False)
