"""Checking what a plugin returns against its contract type, all the way down, quickly.

:func:`check` raises :class:`InvalidResult` unless a value is an instance of the contract's attrs class
with every field of its declared type: a finite ``Decimal``, a real ``date``, an enum member, text that
encodes as UTF-8, tuples of such.  It runs on every result of every policy, so the checker of each
class is generated once as straight-line Python (one ``type(x) is T`` test per field, the path of a
field built only when it is wrong), as attrs and cattrs generate their own methods.

Objects that live long and recur in every result (labels, citations, facts, comparisons: module
constants, parameter citations and the interned values of :mod:`zhengce.kernel.rules`) are checked once
and then recognised by identity; the cache holds them (so an id is never reused while cached) and is
emptied when it grows past :data:`SEEN_MAX`.  This trusts that a frozen contract object is not mutated
behind attrs' back once checked, which no plugin using the public API can do.
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

from zhengce.contracts import Citation, Comparison, DocumentRef, Fact, Finding, Step, Text, limits

__all__ = ["InvalidResult", "check", "checker"]

#: Contract classes recognised by identity once checked (see the module docstring).
RECURRING = (Text, Citation, Fact, Comparison, DocumentRef)
#: Contract classes recognised by identity once checked only when their interner registered the object
#: (:func:`interned`): most steps are built for one case, the interned ones recur on every case.
INTERNED = (Step, Finding)
#: Objects remembered at most; past it the cache starts again empty.
SEEN_MAX = 50_000

_SEEN: dict[int, Any] = {}
_INTERNED: dict[int, Any] = {}
_CHECKERS: dict[Any, Callable[[Any, str], None]] = {}


class InvalidResult(Exception):
    """What a hook returned breaks its contract."""


def check(value: Any, tp: Any, path: str) -> None:
    """Raise :class:`InvalidResult` unless ``value`` is of contract type ``tp`` all the way down."""
    checker(tp)(value, path)


def checker(tp: Any) -> Callable[[Any, str], None]:
    """The checker of ``tp`` (built on first use; recursive types resolve through the registry)."""
    found = _CHECKERS.get(tp)
    if found is None:
        _CHECKERS[tp] = lambda v, p: _CHECKERS[tp](v, p)  # placeholder while building (recursion)
        found = _CHECKERS[tp] = _build(tp)
    return found


def _path(path: Any) -> str:
    """A path as text.  Checkers pass paths down unbuilt, as pairs (the parent's path, then a field's
    ``.name`` or an item's index): the text is built only for a value that is wrong."""
    if type(path) is not tuple:
        return str(path)
    parent, part = path
    return f"{_path(parent)}[{part}]" if type(part) is int else _path(parent) + part


def _fail(path: Any, what: str, value: Any) -> None:
    raise InvalidResult(f"{_path(path)}: expected {what}, got {type(value).__name__} {limits.show(value)}")


def _bad_text(path: Any, value: Any) -> None:
    if type(value) is not str:
        _fail(path, "a string", value)
    raise InvalidResult(f"{_path(path)}: text that is not valid Unicode (a lone surrogate)")


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _remember(value: Any) -> None:
    if len(_SEEN) >= SEEN_MAX:
        _SEEN.clear()
    _SEEN[id(value)] = value


def interned(value: Any) -> None:
    """Register an interned object of an :data:`INTERNED` class: once checked, it is recognised by
    identity (the registry holds it, so its id is not reused; emptied past :data:`SEEN_MAX`)."""
    if len(_INTERNED) >= SEEN_MAX:
        _INTERNED.clear()
    _INTERNED[id(value)] = value


# --- code generation ---------------------------------------------------------------------------


class _Writer:
    """Lines of one generated function and the names its code refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.env: dict[str, Any] = {"_fail": _fail, "_bad_text": _bad_text, "_encodes": _encodes,
                                    "Decimal": Decimal, "date": date, "_SEEN": _SEEN, "_remember": _remember,
                                    "_INTERNED": _INTERNED,
                                    }
        self.count = 0

    def name(self, value: Any, stem: str) -> str:
        self.count += 1
        key = f"_{stem}{self.count}"
        self.env[key] = value
        return key

    def var(self) -> str:
        self.count += 1
        return f"x{self.count}"

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)


_SIMPLE = {bool: "true or false", int: "an integer", date: "a date"}


def _emit(w: _Writer, tp: Any, x: str, path: str, indent: int) -> None:
    """Lines checking variable ``x`` against ``tp``; ``path`` is an expression evaluated only on failure."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) < len(typing.get_args(tp))
        if len(args) == 1 and optional:
            w.add(indent, f"if {x} is not None:")
            _emit(w, args[0], x, path, indent + 1)
            return
        w.add(indent, f"{w.name(checker(tp), 'union')}({x}, {path})")
        return
    if origin is tuple:
        w.add(indent, f"if type({x}) is not tuple:")
        w.add(indent + 1, f"_fail({path}, 'a tuple', {x})")
        i, y = w.var(), w.var()
        item = typing.get_args(tp)[0]
        if attrs.has(item) and item not in RECURRING and item not in INTERNED:  # the element's checker, looked up once
            c = w.var()
            checker(item)
            w.add(indent, f"{c} = _CHECKERS[{w.name(item, 'cls')}]")
            w.env["_CHECKERS"] = _CHECKERS
            w.add(indent, f"for {i}, {y} in enumerate({x}):")
            w.add(indent + 1, f"{c}({y}, ({path}, {i}))")
            return
        w.add(indent, f"for {i}, {y} in enumerate({x}):")
        _emit(w, item, y, f"({path}, {i})", indent + 1)
        return
    if tp is str:
        w.add(indent, f"if type({x}) is not str or not {x}.isascii() and not _encodes({x}):")
        w.add(indent + 1, f"_bad_text({path}, {x})")
    elif tp is Decimal:
        w.add(indent, f"if type({x}) is not Decimal or not {x}.is_finite():")
        w.add(indent + 1, f"_fail({path}, 'a finite Decimal', {x})")
    elif tp in _SIMPLE:
        w.add(indent, f"if type({x}) is not {w.name(tp, 'type')}:")
        w.add(indent + 1, f"_fail({path}, {_SIMPLE[tp]!r}, {x})")
    elif isinstance(tp, type) and issubclass(tp, enum.Enum):
        w.add(indent, f"if type({x}) is not {w.name(tp, 'enum')}:")
        w.add(indent + 1, f"_fail({path}, {'a ' + tp.__name__!r}, {x})")
    elif attrs.has(tp):
        checker(tp)  # built (or placeholder) before this code runs
        if tp in RECURRING or tp in INTERNED:
            w.add(indent, f"if id({x}) not in _SEEN:")
            indent += 1
        w.add(indent, f"_CHECKERS[{w.name(tp, 'cls')}]({x}, {path})")
        w.env["_CHECKERS"] = _CHECKERS
    else:
        raise TypeError(f"no check for {tp!r}")


def _build(tp: Any) -> Callable[[Any, str], None]:
    w = _Writer()
    w.add(0, "def check(v, p):")
    if attrs.has(tp):
        cls = w.name(tp, "cls")
        w.add(1, f"if type(v) is not {cls}:")
        w.add(2, f"_fail(p, {'a ' + tp.__name__!r}, v)")
        hints = typing.get_type_hints(tp)
        for field in attrs.fields(tp):
            x = w.var()
            w.add(1, f"{x} = v.{field.name}")
            _emit(w, hints[field.name], x, f"(p, {'.' + field.name!r})", 1)
        if tp in RECURRING:
            w.add(1, "_remember(v)")
        elif tp in INTERNED:
            w.add(1, "if id(v) in _INTERNED:")
            w.add(2, "_remember(v)")
    elif typing.get_origin(tp) in (typing.Union, types.UnionType):
        return _union(tp)
    else:
        _emit(w, tp, "v", "p", 1)
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(w.lines), f"<zhengce check {getattr(tp, '__name__', tp)}>", "exec"), w.env, namespace)
    return namespace["check"]


def _union(tp: Any) -> Callable[[Any, str], None]:
    """A union of several types: the first that accepts the value wins (rare in contracts)."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    optional = len(args) < len(typing.get_args(tp))
    inner = [checker(a) for a in args]

    def union(v: Any, p: str) -> None:
        if v is None and optional:
            return
        last: InvalidResult | None = None
        for c in inner:
            try:
                return c(v, p)
            except InvalidResult as exc:
                last = exc
        raise last or InvalidResult(f"{_path(p)}: no value allowed")

    return union
