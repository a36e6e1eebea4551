"""Positional constructors for the contract objects the kernel builds on every policy of every case.

attrs' ``__init__`` of a frozen class takes keywords and sets each field through
``object.__setattr__``; for :class:`~zhengce.contracts.PolicyResult` (ten fields) that is about half of
the kernel's cost per idle policy.  :func:`maker` generates, once per class, a function taking every
field by position in declaration order that sets the slots through their descriptors: the same object
(``==``, ``repr``, ``hash``, type), built in half the time.  A class with validators, converters,
``__attrs_post_init__`` or no slots keeps attrs' own ``__init__``.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["maker"]

_MAKERS: dict[type, Callable[..., Any]] = {}


def maker(cls: type) -> Callable[..., Any]:
    """A function building ``cls`` from all its fields by position (declaration order)."""
    found = _MAKERS.get(cls)
    if found is None:
        found = _MAKERS[cls] = _build(cls)
    return found


def _plain(cls: type) -> bool:
    """Whether attrs' ``__init__`` of ``cls`` only stores its arguments (what :func:`maker` does)."""
    fields = attrs.fields(cls)
    return (
        "__slots__" in cls.__dict__
        and not hasattr(cls, "__attrs_post_init__")
        and not hasattr(cls, "__attrs_pre_init__")
        and all(f.init and f.validator is None and f.converter is None and f.alias == f.name for f in fields)
        and all(isinstance(cls.__dict__.get(f.name), types.MemberDescriptorType) for f in fields)
    )




def _build(cls: type) -> Callable[..., Any]:
    names = [f.name for f in attrs.fields(cls)]
    if not _plain(cls):
        env: dict[str, Any] = {"cls": cls}
        args = ", ".join(names)
        exec(f"def make({args}):\n    return cls({', '.join(f'{n}={n}' for n in names)})\n", env)
        return env["make"]
    env = {"cls": cls, "new": object.__new__}
    env.update({f"set_{n}": cls.__dict__[n].__set__ for n in names})
    lines = [f"def make({', '.join(names)}):", "    self = new(cls)"]
    lines += [f"    set_{n}(self, {n})" for n in names]
    lines.append("    return self")
    exec(compile("\n".join(lines), f"<zhengce make {cls.__name__}>", "exec"), env)
    return env["make"]
