"""The case: the shared sections the core defines, and the case class composed from the plugins'.

The core knows no domain.  It defines :class:`Case` with the few sections every
domain shares (``applicant``, ``enterprise``; see ``docs/design.md`` for what
qualifies), and :func:`compose_case` builds, from the sections the registered
plugins declare, the class a kernel validates cases into: a subclass of
:class:`Case` with one optional attribute per section, so a rule reads
``case.old_vehicle`` whatever plugin owns it.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

import attrs

from .base import converter, lazy_sections_hook
from .common import Applicant, Enterprise


@attrs.frozen(kw_only=True, slots=False)
class Case:
    """One case to evaluate: its id and the shared sections.  Every section is optional."""

    case_id: str | None = None
    applicant: Applicant | None = None
    enterprise: Enterprise | None = None


#: The sections the core itself owns (every field of :class:`Case` but ``case_id``).
SHARED_SECTIONS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Case) if f.name != "case_id")

def shared_sections() -> dict[str, type]:
    """The shared sections by name, with their classes."""
    hints = typing.get_type_hints(Case)
    return {name: next(a for a in typing.get_args(hints[name]) if a is not type(None)) for name in SHARED_SECTIONS}


_COMPOSED: dict[tuple[tuple[str, type], ...], type] = {}


def compose_case(sections: Mapping[str, type]) -> type:
    """The case class holding the shared sections plus ``sections`` (name → fact class), by name.

    The same sections give the same class (so its converter hook is generated once per
    process, however many kernels are built).
    """
    key = tuple(sorted(sections.items(), key=lambda kv: kv[0]))
    cls = _COMPOSED.get(key)
    if cls is None:
        clash = sorted(set(sections) & {"case_id", *SHARED_SECTIONS})
        if clash:
            raise ValueError(f"sections owned by the core: {', '.join(clash)}")
        fields = {name: attrs.field(default=None, type=tp | None) for name, tp in key}
        cls = attrs.make_class("ComposedCase", fields, bases=(Case,), frozen=True, kw_only=True, slots=False)
        cls.__doc__ = Case.__doc__
        cls.__annotations__ = {name: tp | None for name, tp in key}
        converter.register_structure_hook(cls, lazy_sections_hook(cls, {**shared_sections(), **dict(key)}))
        _COMPOSED[key] = cls
    return cls
