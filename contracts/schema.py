"""JSON Schema (draft 2020-12) of the contracts, generated from the attrs classes.

Host applications validate a case with it before calling zhengce; the schema
and :func:`~zhengce.contracts.load_case` accept exactly the same documents
(a test checks the example cases against both).
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _type_schema(args[0], defs) if len(args) == 1 else {"anyOf": [_type_schema(a, defs) for a in args]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return {"type": "array", "items": _type_schema(item, defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(typing.get_args(tp)[1], defs)}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is str:
        return {"type": "string"}
    if tp is date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if tp is Decimal:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": DECIMAL_PATTERN}]}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _bounded(schema: dict[str, Any], domain: Any) -> dict[str, Any]:
    """The field's schema with its domain: ``minimum``/``maximum`` on numbers (a decimal string is
    bounded by the loader only), ``formatMinimum``/``formatMaximum`` on days, the domain in words."""
    lo, hi = domain.minimum, domain.maximum

    def bound(node: dict[str, Any]) -> None:
        if node.get("type") in ("number", "integer"):
            for key, value in (("minimum", lo), ("maximum", hi)):
                if value is not None:
                    node[key] = int(value) if value == int(value) else float(value)
        elif node.get("format") == "date":
            node["formatMinimum"], node["formatMaximum"] = lo.isoformat(), hi.isoformat()
        for child in node.get("anyOf", ()):
            bound(child)

    bound(schema)
    schema["description"] = domain.describe()
    return schema


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props = {}
    required = []
    for f in attrs.fields(cls):
        props[f.name] = _type_schema(hints[f.name], defs)
        domain = f.metadata.get("zhengce")
        if domain is not None:
            props[f.name] = _bounded(props[f.name], domain)
        if f.default is attrs.NOTHING:
            required.append(f.name)
    schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if cls.__doc__:
        schema["description"] = " ".join(cls.__doc__.split())
    if required:
        schema["required"] = required
    return schema


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of an attrs contract class, with nested classes under ``$defs``."""
    defs: dict[str, Any] = {}
    root = _class_schema(cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://zhengce.invalid/schema/{cls.__name__}.json",
        "title": cls.__name__,
        **root,
        "$defs": defs,
    }
