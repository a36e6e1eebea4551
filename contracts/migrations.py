"""Versioned facts: a fact class declares how its older inputs map onto it.

A plugin may rename or drop a field, or rename an enum value, in a later version
without breaking saved cases.  It declares the change on the class::

    @migrations(
        Renamed("registered_to_applicant_on", "in_applicant_name_since", since="tradein 2.0.0"),
        RenamedValue("fuel", "new_energy", "nev", since="tradein 2.0.0"),
        Dropped("colour", since="tradein 2.0.0", reason="no rule reads it"),
    )
    @attrs.frozen(kw_only=True)
    class Vehicle: ...

The converter applies the changes to the input, wherever the class occurs in a
case (a section, a nested object, every item of a list), before structuring it,
and records one :class:`MigrationNote` per change applied; the kernel puts the
notes in the decision record (``input_notes``), so a saved case still loads and
the record says what was read differently.
"""

from __future__ import annotations

import contextvars
import types
import typing
from typing import Any

import attrs

__all__ = ["Renamed", "RenamedValue", "Dropped", "MigrationNote", "migrations", "migrations_of", "Migrator"]

ATTRIBUTE = "__zhengce_migrations__"


@attrs.frozen
class Renamed:
    """Field ``old`` is now called ``new``."""

    old: str
    new: str
    since: str


@attrs.frozen
class RenamedValue:
    """In field ``field``, the value ``old`` is now written ``new``."""

    field: str
    old: Any
    new: Any
    since: str


@attrs.frozen
class Dropped:
    """Field ``name`` is no longer read; given, it is ignored with a note saying why."""

    name: str
    since: str
    reason: str


@attrs.frozen(kw_only=True)
class MigrationNote:
    """One change applied to an input: where, what, since which version."""

    path: str
    message: str
    since: str


def migrations(*changes: Renamed | RenamedValue | Dropped):
    """Class decorator: declare the changes of a fact class (newest last)."""

    def decorate(cls: type) -> type:
        setattr(cls, ATTRIBUTE, tuple(changes))
        return cls

    return decorate


def migrations_of(cls: type) -> tuple[Renamed | RenamedValue | Dropped, ...]:
    return cls.__dict__.get(ATTRIBUTE, ())


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


def apply(changes: tuple[Renamed | RenamedValue | Dropped, ...], value: dict[str, Any], path: str,
          notes: list[MigrationNote]) -> dict[str, Any]:
    """``value`` with ``changes`` applied (a copy when anything changed; the input is never mutated).

    A field given under both its old and its new name keeps both, so that the
    converter reports the old one as unknown: the input is ambiguous.
    """
    out = value
    for change in changes:
        if isinstance(change, Renamed):
            if change.old in out and change.new not in out:
                out = dict(out)
                out[change.new] = out.pop(change.old)
                notes.append(MigrationNote(path=_join(path, change.old), since=change.since,
                                           message=f"renamed to {_join(path, change.new)!r}"))
        elif isinstance(change, RenamedValue):
            given = out.get(change.field)
            if type(given) is type(change.old) and given == change.old:
                out = dict(out)
                out[change.field] = change.new
                notes.append(MigrationNote(path=_join(path, change.field), since=change.since,
                                           message=f"value {change.old!r} read as {change.new!r}"))
        elif change.name in out:
            out = dict(out)
            del out[change.name]
            notes.append(MigrationNote(path=_join(path, change.name), since=change.since,
                                       message=f"no longer read, ignored: {change.reason}"))
    return out


def trigger_of(cls: type):
    """A fast test of whether any declared change of ``cls`` could apply to an input mapping."""
    changes = migrations_of(cls)
    keys = frozenset(c.old if isinstance(c, Renamed) else c.name for c in changes if not isinstance(c, RenamedValue))
    values = tuple((c.field, c.old) for c in changes if isinstance(c, RenamedValue))

    def triggered(value: dict[str, Any]) -> bool:
        if not keys.isdisjoint(value):
            return True
        for field, old in values:
            if value.get(field) == old:
                return True
        return False

    return triggered


#: Set by the converter when an object it structures carries an input a migration maps; the
#: kernel's loader then runs the :class:`Migrator` (which knows the paths) and structures again.
MIGRATION_WANTED: contextvars.ContextVar[bool] = contextvars.ContextVar("zhengce_migration_wanted", default=False)


def _attrs_in(tp: Any) -> list[tuple[bool, type]]:
    """The attrs classes a field type holds: (repeated, class) for ``C``, ``C | None``, ``tuple[C, ...]``."""
    if attrs.has(tp):
        return [(False, tp)]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple and args:
        return [(True, c) for rep, c in _attrs_in(args[0]) if not rep]
    if origin in (typing.Union, types.UnionType):
        return [x for a in args for x in _attrs_in(a)]
    return []


class Migrator:
    """Applies the declared migrations of ``root`` and every class nested in it, with full paths.

    Only the branches that can hold a migrated class are walked, and only when the
    converter has flagged an input that needs it (:data:`MIGRATION_WANTED`): a case in
    today's names costs one set test per migrated object, no walk.
    """

    def __init__(self, root: type) -> None:
        self._plans: dict[type, tuple[tuple[str, bool, type], ...]] = {}
        self.needed = self._plan(root, set())
        self.root = root

    def _plan(self, cls: type, seen: set[type]) -> bool:
        if cls in self._plans:
            return bool(self._plans[cls]) or bool(migrations_of(cls))
        if cls in seen:
            return False
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        branches = tuple((f.name, rep, inner) for f in attrs.fields(cls)
                         for rep, inner in _attrs_in(hints.get(f.name)) if self._plan(inner, seen))
        self._plans[cls] = branches
        return bool(branches) or bool(migrations_of(cls))

    def __call__(self, data: Any) -> tuple[Any, tuple[MigrationNote, ...]]:
        if not self.needed or not isinstance(data, dict):
            return data, ()
        notes: list[MigrationNote] = []
        return self._walk(data, self.root, "", notes), tuple(notes)

    def _walk(self, value: dict[str, Any], cls: type, path: str, notes: list[MigrationNote]) -> dict[str, Any]:
        changes = migrations_of(cls)
        out = apply(changes, value, path, notes) if changes else value
        for name, repeated, inner in self._plans.get(cls, ()):
            sub = out.get(name)
            if repeated and isinstance(sub, list):
                new = [self._walk(x, inner, f"{_join(path, name)}[{i}]", notes) if isinstance(x, dict) else x
                       for i, x in enumerate(sub)]
            elif not repeated and isinstance(sub, dict):
                new = self._walk(sub, inner, _join(path, name), notes)
            else:
                continue
            if new is not sub and new != sub:
                out = dict(out) if out is value else out
                out[name] = new
        return out
