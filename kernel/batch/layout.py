"""The flat column layout of a tabular registry (CSV, Parquet): one column per fact, ``section.field``.

A case is a tree (sections holding fields, some holding nested objects or lists);
a table is flat.  The layout maps one onto the other, derived from the kernel's
composed case class, so every installed plugin's section has its columns:

* ``case_id``: the case id.
* ``section.field`` for a scalar fact (``old_vehicle.registration_date``), and
  ``section.field.sub`` for a field of a nested object.
* A repeated fact (``items()``: a tuple) is one column holding a JSON list
  (``carbon_market_party.working_days_off`` = ``["2024-10-01", "2024-10-02"]``).
* A whole section may instead be one column named after it, holding a JSON object
  (``old_vehicle`` = ``{"fuel": "nev", ...}``); columns of its fields are merged in.

An empty cell (null, or ``""``) is an absent fact.  A column the layout does not know
is still carried to its path, so the kernel reports it as it reports an unknown JSON
field (``old_vehicle.colour: unknown field``): a row is validated with the same
problems by path as the same case written as JSON.  CSV cells are text: a cell of a
true/false fact reads ``true``/``false`` (or ``1``/``0``), of a whole-number fact its
digits; dates ``YYYY-MM-DD``; amounts as decimal text (never binary floats).
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from zhengce.contracts import Problem

#: kinds of column: how a cell is read before the kernel validates it
TEXT, BOOL, INT, DECIMAL, DATE, JSON, SECTION = "text", "bool", "int", "decimal", "date", "json", "section"

_INT = re.compile(r"[+-]?\d+")
_TRUE, _FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})


def _unwrap(tp: Any) -> Any:
    """``X | None`` → X."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _kind(tp: Any) -> str:
    tp = _unwrap(tp)
    if tp is bool:
        return BOOL
    if tp is int:
        return INT
    if tp is Decimal:
        return DECIMAL
    if tp is _dt.date:
        return DATE
    if tp is str or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return TEXT
    return JSON  # tuples, mappings, anything structured


def _walk(cls: type, prefix: str) -> Iterator[tuple[str, str]]:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        tp = _unwrap(hints[field.name])
        name = f"{prefix}.{field.name}"
        if attrs.has(tp):
            yield from _walk(tp, name)
        else:
            yield name, _kind(tp)


@attrs.frozen
class Layout:
    """Column name → kind, for one case class (see the module docstring)."""

    kinds: Mapping[str, str]
    sections: tuple[str, ...]
    _readers: dict = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, case_type: type) -> Layout:
        hints = typing.get_type_hints(case_type)
        kinds: dict[str, str] = {"case_id": TEXT}
        sections = []
        for field in attrs.fields(case_type):
            if field.name == "case_id":
                continue
            sections.append(field.name)
            kinds[field.name] = SECTION
            kinds.update(_walk(_unwrap(hints[field.name]), field.name))
        return cls(kinds=kinds, sections=tuple(sections))

    def columns(self, section: str | None = None) -> list[str]:
        """The fact columns (no whole-section JSON columns), of one section or all."""
        return [c for c, k in self.kinds.items() if k != SECTION and (section is None or c.split(".", 1)[0] == section)]

    def unflatten(self, row: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
        """One flat row → JSON-like case data, and the problems found reading its cells."""
        return self.reader(tuple(row))(tuple(row.values()))

    def reader(self, columns: tuple[str, ...]) -> Callable[[Sequence[Any]], tuple[dict[str, Any], list[Problem]]]:
        """A function reading rows of these ``columns`` (values in that order), each to ``(data, problems)``.

        The plan (each column's reader and path) is made once per column set, not per row.
        """
        found = self._readers.get(columns)
        if found is None:
            found = self._readers[columns] = _row_reader(columns, self.kinds)
        return found


def _row_reader(columns: tuple[str, ...], kinds: Mapping[str, str]):
    plan = []
    for column in columns:
        *parents, leaf = column.split(".")
        kind = kinds.get(column)
        plan.append((column, _READ.get(kind) if kind not in (None, TEXT, DECIMAL) else None, tuple(parents), leaf))

    def read(values: Sequence[Any]) -> tuple[dict[str, Any], list[Problem]]:
        data: dict[str, Any] = {}
        problems: list[Problem] = []
        for (column, reader, parents, leaf), value in zip(plan, values):
            if value is None or value == "":
                continue
            if reader is not None:
                try:
                    value = reader(value)
                except ValueError as exc:
                    problems.append(Problem(column, str(exc)))
                    continue
            node = data
            for i, part in enumerate(parents):
                child = node.get(part)
                if child is None:
                    child = node[part] = {}
                elif child.__class__ is not dict:
                    problems.append(Problem(".".join(parents[: i + 1]), f"column {column!r} needs an object here"))
                    node = None
                    break
                node = child
            if node is None:
                continue
            old = node.get(leaf)
            if old.__class__ is dict and isinstance(value, dict):  # a section's JSON column and its field columns
                node[leaf] = {**value, **old}
            else:
                node[leaf] = value
        return data, problems

    return read


def flatten(case: Mapping[str, Any], layout: Layout | None = None) -> dict[str, Any]:
    """JSON-like case data → one flat row: nested objects become dotted columns, lists JSON text.

    With a ``layout``, a field the layout reads as JSON (an object-valued fact it does not
    spread into columns) is written as JSON text too.
    """
    out: dict[str, Any] = {}

    def put(prefix: str, value: Any) -> None:
        if isinstance(value, dict) and not (layout and layout.kinds.get(prefix) == JSON):
            for key, sub in value.items():
                put(f"{prefix}.{key}" if prefix else key, sub)
        elif isinstance(value, (list, tuple, dict)):
            out[prefix] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            out[prefix] = value

    put("", dict(case))
    return out


def _bool(value: Any) -> Any:
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    return value  # the kernel says "not true/false: ..."


def _int(value: Any) -> Any:
    if isinstance(value, str) and _INT.fullmatch(value.strip()):
        return int(value)
    return value


def _date(value: Any) -> Any:
    if isinstance(value, _dt.datetime):  # a timestamp column: a day only at midnight
        if value.time() != _dt.time(0):
            raise ValueError(f"not a date (a time of day is given): {value.isoformat()!r}")
        return value.date()
    return value


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})") from None
    return value  # already a list/object (a JSON or nested Parquet column)


def _section(value: Any) -> Any:
    value = _json(value)
    if not isinstance(value, dict):
        raise ValueError(f"a whole-section column holds a JSON object, not {type(value).__name__}")
    return value


_READ = {BOOL: _bool, INT: _int, DECIMAL: lambda v: v, DATE: _date, JSON: _json, SECTION: _section}
