"""The documented limits on an input case, and the checks that enforce them.

An input outside a limit is a :class:`~zhengce.contracts.Problem` like any other bad
value (exit 2 on the command line), never a traceback.  The numbers are generous for
any real case and small enough that no rule, renderer or error message can be made
slow by an input (see ``docs/output.md``, "Bad input, limits and exit codes").
"""

from __future__ import annotations

import reprlib
from decimal import Decimal
from typing import Any

#: Largest JSON text read, in bytes (a case file, a line of a registry).
MAX_INPUT_BYTES = 8 * 1024 * 1024
#: Deepest nesting of objects and lists (the deepest real case is 5).
MAX_DEPTH = 32
#: Longest string value or key, in characters.
MAX_STRING = 10_000
#: A number has at most this many digits before the decimal point (below 10**15) ...
MAX_INTEGER_DIGITS = 15
#: ... and at most this many after it.
MAX_FRACTION_DIGITS = 12
#: Problems listed in an error message (the rest are counted: "and 99,900 more problems").
MAX_PROBLEMS_SHOWN = 100
#: Characters of one problem's path or message kept in the message.
MAX_PROBLEM_TEXT = 300

_BOUND = 10**MAX_INTEGER_DIGITS

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = _short.maxtuple = _short.maxdict = _short.maxset = 4
_short.maxlevel = 2


def show(value: Any) -> str:
    """A short, always-encodable repr of an input value for an error message."""
    return clean(_short.repr(value))


def clean(text: str, limit: int = MAX_PROBLEM_TEXT) -> str:
    """``text`` shortened to ``limit`` characters, lone surrogates escaped (so it always encodes)."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def number_problem(value: Decimal | int) -> str | None:
    """Why a number is outside the documented magnitude and precision, or None."""
    if isinstance(value, int):
        return None if -_BOUND < value < _BOUND else f"a number of {MAX_INTEGER_DIGITS} digits at most (below 10**{MAX_INTEGER_DIGITS}) is accepted"
    if not value.is_finite():
        return f"not a finite number: {value}"
    if value and value.adjusted() >= MAX_INTEGER_DIGITS:
        return f"a number of {MAX_INTEGER_DIGITS} digits at most before the decimal point (below 10**{MAX_INTEGER_DIGITS}) is accepted"
    if value and value.normalize().as_tuple().exponent < -MAX_FRACTION_DIGITS:
        return f"a number of {MAX_FRACTION_DIGITS} decimal places at most is accepted"
    return None


def string_problem(value: str) -> str | None:
    """Why a string is not acceptable input (too long, or carrying a lone surrogate), or None."""
    if len(value) > MAX_STRING:
        return f"a string of {MAX_STRING:,} characters at most is accepted (this one has {len(value):,})"
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"not text: a lone surrogate {value[exc.start]!r} at character {exc.start} (invalid Unicode)"
    return None


def depth_problem(data: Any) -> str | None:
    """Why ``data`` (parsed JSON) is nested too deep, or None.  Iterative: never recurses."""
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, (list, tuple)):
            children = value
        else:
            continue
        if level > MAX_DEPTH:
            return f"nested deeper than {MAX_DEPTH} levels of objects and lists"
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list, tuple)))
    return None
