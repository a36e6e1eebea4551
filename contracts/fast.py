"""The fast path of validation: straight-line structuring of input that is valid, and nothing else.

:func:`fast_hook` builds, once per class, a Python function that turns JSON-like data into the
contract's attrs objects with the same primitive conversions as the converter (the same functions of
:mod:`zhengce.contracts.base`), and the domains checked by the classes' own attrs validators.  It has
no error reporting at all: any doubt (an unknown key, a wrong type, a value out of its domain, an
input in the field names of an older version) raises, and the caller runs the converter, which lists
every problem by path.  So good input is fast and bad input still gets the full error; a test checks
that both paths build equal objects from the same input, and that the fast one never accepts what
the converter refuses.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from . import limits
from .base import _structure_date, _structure_decimal, _structure_int, _structure_str, converter
from .migrations import migrations_of, trigger_of

__all__ = ["Doubt", "fast_hook", "fast_case_hook"]


class Doubt(Exception):
    """The fast path is not sure: the converter decides (and explains)."""


_HOOKS: dict[Any, Callable[[Any], Any]] = {}
_MISSING = object()


def fast_hook(tp: Any) -> Callable[[Any], Any]:
    """A function structuring data into ``tp`` when it is valid, raising otherwise (built once)."""
    found = _HOOKS.get(tp)
    if found is None:
        _HOOKS[tp] = lambda v: _HOOKS[tp](v)  # placeholder while building (recursive classes)
        found = _HOOKS[tp] = _build(tp)
    return found


def fast_case_hook(case_type: type) -> Callable[[Any], Any]:
    """The fast path for a composed case class: every key a section (or ``case_id``), each structured
    with its section's fast hook, sections generated on first use like the converter's."""
    hints = typing.get_type_hints(case_type)
    optional = {f.name: hints[f.name] for f in attrs.fields(case_type)}
    hooks: dict[str, Callable[[Any], Any]] = {}

    def structure_case(data: Any) -> Any:
        if data.__class__ is not dict:
            raise Doubt
        kwargs = {}
        for key, value in data.items():
            hook = hooks.get(key)
            if hook is None:
                if key not in optional:
                    raise Doubt
                hook = hooks[key] = fast_hook(optional[key])
            kwargs[key] = hook(value)
        return case_type(**kwargs)

    return structure_case


def _bool(value: Any) -> bool:
    if value.__class__ is not bool:
        raise Doubt
    return value


def _str(value: Any) -> str:
    if value.__class__ is str and value.isascii() and len(value) <= limits.MAX_STRING:
        return value
    return _structure_str(value, str)


def _enum(cls: type[enum.Enum]) -> Callable[[Any], Any]:
    members = dict(cls._value2member_map_)

    def structure_enum(value: Any) -> Any:
        return members[value]  # KeyError, TypeError: the converter explains

    return structure_enum


def _optional(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def structure_optional(value: Any) -> Any:
        return None if value is None else inner(value)

    return structure_optional


def _tuple(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def structure_tuple(value: Any) -> tuple:
        if value.__class__ is not list and value.__class__ is not tuple:
            raise Doubt
        return tuple([inner(item) for item in value])

    return structure_tuple


def _fallback(tp: Any) -> Callable[[Any], Any]:
    hook = converter.get_structure_hook(tp)
    return lambda value: hook(value, tp)


_PRIMITIVE: dict[Any, Callable[[Any], Any]] = {
    str: _str,
    bool: _bool,
    int: lambda v: _structure_int(v, int),
    Decimal: lambda v: _structure_decimal(v, Decimal),
    date: lambda v: _structure_date(v, date),
}


def _build(tp: Any) -> Callable[[Any], Any]:
    if tp in _PRIMITIVE:
        return _PRIMITIVE[tp]
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional(fast_hook(next(a for a in args if a is not type(None))))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(fast_hook(args[0]))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    if attrs.has(tp):
        return _object(tp)
    return _fallback(tp)


def _object(cls: type) -> Callable[[Any], Any]:
    """Straight-line code for one attrs class: known keys only, each field converted, then the class
    itself (its validators check the domains); a migration trigger hands over to the converter."""
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    env: dict[str, Any] = {"cls": cls, "Doubt": Doubt, "_M": _MISSING,
                           "NAMES": frozenset(f.name for f in fields)}
    lines = ["def structure(d):",
             "    if d.__class__ is not dict or not d.keys() <= NAMES:",
             "        raise Doubt"]
    if migrations_of(cls):
        env["triggered"] = trigger_of(cls)
        lines += ["    if triggered(d):", "        raise Doubt"]
    lines.append("    kw = {}")
    for i, field in enumerate(fields):
        tp = hints[field.name]
        args = typing.get_args(tp)
        optional_str = typing.get_origin(tp) in (typing.Union, types.UnionType) and set(args) == {str, type(None)}
        lines.append(f"    x = d.get({field.name!r}, _M)")
        lines.append("    if x is not _M:")
        if optional_str:  # the most common field: inline
            env["_str"] = _str
            env["MAXS"] = limits.MAX_STRING
            lines.append("        if x is not None and (x.__class__ is not str or not x.isascii() or len(x) > MAXS):")
            lines.append("            x = _str(x)")
        else:
            env[f"h{i}"] = fast_hook(tp)
            lines.append(f"        x = h{i}(x)")
        lines.append(f"        kw[{field.name!r}] = x")
    lines.append("    return cls(**kw)")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<zhengce fast structure {cls.__name__}>", "exec"), env, namespace)
    return namespace["structure"]
