"""The one cattrs converter of zhengce, its strict primitive hooks, and the input error.

Every contract class is an attrs frozen class; (de)serialisation goes through
:data:`converter` only.  Structuring is strict: unknown keys are rejected, a
string is never silently turned into an int, money is :class:`~decimal.Decimal`
(never a float), dates are exactly ``YYYY-MM-DD``, a list is a JSON list, and the
limits of :mod:`zhengce.contracts.limits` hold.  Whatever goes wrong comes back
as one :class:`CaseValidationError` that lists every problem by path.
"""

from __future__ import annotations

import difflib
import enum
import re
import types
import typing
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from . import limits
from .domains import Domain, domain_of, each_of
from .limits import show
from .migrations import MIGRATION_WANTED, migrations_of, trigger_of

T = TypeVar("T")

__all__ = ["Problem", "CaseValidationError", "converter", "structure", "unstructure"]


@attrs.frozen
class Problem:
    """One thing wrong with an input, at a JSON path such as ``old_vehicle.registration_date``."""

    path: str = attrs.field(converter=limits.clean)
    message: str = attrs.field(converter=limits.clean)

    def __str__(self) -> str:
        return f"{self.path or '<root>'}: {self.message}"


class CaseValidationError(ValueError):
    """Bad input: carries every :class:`Problem` found, never a half-built object.

    Every problem is kept in :attr:`problems`; the message and :meth:`to_json` list the first
    :data:`~zhengce.contracts.limits.MAX_PROBLEMS_SHOWN` and count the rest.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems, key=lambda p: p.path))
        shown = self.problems[: limits.MAX_PROBLEMS_SHOWN]
        lines = "\n".join(f"  - {p}" for p in shown)
        if self.omitted:
            lines += f"\n  … and {self.omitted:,} more problems"
        super().__init__(f"invalid input ({len(self.problems):,} problem(s)):\n{lines}")

    @property
    def omitted(self) -> int:
        """How many problems the message and :meth:`to_json` leave out."""
        return max(0, len(self.problems) - limits.MAX_PROBLEMS_SHOWN)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "error": "invalid_input",
            "problems": [{"path": p.path, "message": p.message} for p in self.problems[: limits.MAX_PROBLEMS_SHOWN]],
        }
        if self.omitted:
            data["more_problems"] = self.omitted
        return data


# --- strict primitive hooks -------------------------------------------------


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _structure_date(value: Any, _: type) -> date:
    """Exactly ``YYYY-MM-DD`` (not ``20240625``, not ``2024-W26-2``), or a :class:`date` (not a datetime)."""
    if value.__class__ is date:
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError(f"not a date (expected 'YYYY-MM-DD'): {show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date: {show(value)}") from None


def _structure_decimal(value: Any, _: type) -> Decimal:
    """A Decimal, an int or a decimal string (``-12.50``); never a float (not exact), a bool or NaN."""
    if isinstance(value, bool):
        raise ValueError(f"not a decimal number: {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = value
    elif isinstance(value, float):
        raise ValueError(f"not a decimal number: a float ({show(value)}) is not exact; give a Decimal or a string")
    elif isinstance(value, str):
        if len(value) > 2 * (limits.MAX_INTEGER_DIGITS + limits.MAX_FRACTION_DIGITS) or not _DECIMAL_TEXT.fullmatch(value):
            raise ValueError(f"not a decimal number: {show(value)}")
        result = Decimal(value)
    else:
        raise ValueError(f"not a decimal number: {show(value)}")
    why = limits.number_problem(result)
    if why is not None:
        raise ValueError(f"{why}: {show(value)}")
    if not isinstance(result, Decimal):
        return Decimal(result)
    return result.copy_abs() if not result and result.is_signed() else result  # -0 is 0


def _structure_str(value: Any, cls: type) -> Any:
    if cls is not str and issubclass(cls, enum.Enum):  # (str, Enum) subclasses dispatch here
        return _structure_enum(value, cls)
    if not isinstance(value, str):
        raise ValueError(f"not a string: {show(value)}")
    why = limits.string_problem(value)
    if why is not None:
        raise ValueError(why)
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            why = limits.number_problem(value)  # a huge integer, parsed as a Decimal
            if why is not None:
                raise ValueError(f"{why}: {show(value)}")
        raise ValueError(f"not an integer: {show(value)}")
    why = limits.number_problem(value)
    if why is not None:
        raise ValueError(f"{why}: {show(value)}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"not true/false: {show(value)}")
    return value


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{show(value)} is not one of {allowed}") from None


def _domain_hook(conv: cattrs.Converter, tp: Any, domain: Domain) -> Any:
    """The field's own hook followed by its domain check, so an out-of-domain value is a problem at its path."""
    inner = conv.get_structure_hook(tp)

    def structure_in_domain(value: Any, _: Any) -> Any:
        result = inner(value, tp)
        why = domain.problem(result)
        if why is not None:
            raise ValueError(why)
        return result

    return structure_in_domain


def _object_hook(conv: cattrs.Converter, cls: type) -> Any:
    """cattrs' generated hook for ``cls``, preceded by a clear "expected an object" check.

    Fields that declare a :mod:`domain <zhengce.contracts.domains>` are checked
    while structuring (every problem collected), not only by their attrs validator.
    """
    hints = typing.get_type_hints(cls)
    overrides = {f.name: override(struct_hook=_domain_hook(conv, hints[f.name], d))
                 for f in attrs.fields(cls) if (d := domain_of(f)) is not None}
    overrides.update({f.name: override(struct_hook=_tuple_hook(conv, hints[f.name], each=d))
                      for f in attrs.fields(cls) if (d := each_of(f)) is not None})
    inner = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **overrides
    )

    def structure_object(value: Any, _: type) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {type(value).__name__}: {show(value)}")
        return inner(value, cls)

    if not migrations_of(cls):
        return structure_object
    triggered = trigger_of(cls)

    def structure_migrated_object(value: Any, _: type) -> Any:
        if isinstance(value, dict) and triggered(value):
            MIGRATION_WANTED.set(True)  # the loader migrates (with paths) and structures again
        return structure_object(value, _)

    return structure_migrated_object


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _enum_hook(cls: type[enum.Enum]) -> Any:
    """A fast hook for one enum: a dict lookup on the value, the same error as :func:`_structure_enum`."""
    members = dict(cls._value2member_map_)

    def structure_enum(value: Any, _: Any) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            return _structure_enum(value, cls)

    return structure_enum


def _is_optional(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_hook(conv: cattrs.Converter, tp: Any) -> Any:
    """``X | None`` with X's hook resolved once (cattrs would dispatch on X at every call)."""
    inner_type = next(a for a in typing.get_args(tp) if a is not type(None))
    if inner_type is str:

        def structure_optional_str(value: Any, _: Any) -> str | None:
            if value is None or (value.__class__ is str and value.isascii() and len(value) <= limits.MAX_STRING):
                return value
            return _structure_str(value, str)

        return structure_optional_str
    inner = _enum_hook(inner_type) if _is_enum(inner_type) else conv.get_structure_hook(inner_type)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(conv: cattrs.Converter, tp: Any, each: Domain | None = None) -> Any:
    """``tuple[X, ...]`` (or ``tuple[X, ...] | None``) from a JSON list only: a string or an object is
    not a list of things.  ``each``: the domain every item must lie in."""
    optional = _is_optional(tp)
    if optional:
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    item_type = typing.get_args(tp)[0]
    inner = conv.get_structure_hook(item_type)

    def structure_tuple(value: Any, _: Any) -> tuple | None:
        if value is None and optional:
            return None
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list, got {type(value).__name__}")
        found: list[Exception] = []
        out = []
        for i, item in enumerate(value):
            try:
                got = inner(item, item_type)
                why = each.problem(got) if each is not None else None
                if why is not None:
                    raise ValueError(why)
                out.append(got)
            except Exception as exc:  # noqa: BLE001 - collected and reported by index
                exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"item {i}", i, item_type)]
                found.append(exc)
        if found:
            raise IterableValidationError(f"while structuring {tp!r}", found, tp)
        return tuple(out)

    return structure_tuple


def lazy_sections_hook(cls: type, sections: dict[str, type]) -> Any:
    """The structure hook of a composed case class: one pass over the keys the input gives.

    Each section's hook is generated on first use, so a kernel with a hundred sections
    generates only those its cases carry (cattrs would generate them all, and visit every
    field of the class for every case).  Problems are collected like cattrs' own (by path).
    """
    hooks: dict[str, Any] = {}
    optional = {name: tp | None for name, tp in sections.items()}

    def structure_case(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {type(value).__name__}"[:200])
        kwargs: dict[str, Any] = {}
        errors: list[Exception] = []
        unknown: set[str] = set()
        for key, item in value.items():
            if key == "case_id":
                tp = str | None
            elif key in optional:
                tp = optional[key]
            else:
                unknown.add(key)
                continue
            hook = hooks.get(key)
            if hook is None:
                hook = hooks[key] = converter.get_structure_hook(tp)
            try:
                kwargs[key] = hook(item, tp)
            except Exception as exc:  # noqa: BLE001 - collected and reported by path
                exc.__notes__ = [*getattr(exc, "__notes__", []), AttributeValidationNote(f"Structuring {key}", key, tp)]
                errors.append(exc)
        if unknown:
            errors.append(ForbiddenExtraKeysError("", cls, unknown))
        if errors:
            raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
        return cls(**kwargs)

    return structure_case


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))  # never exponent notation
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_factory(attrs.has, lambda cls: _object_hook(conv, cls))
    conv.register_structure_hook_factory(_is_optional, lambda tp: _optional_hook(conv, tp))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda tp: _tuple_hook(conv, tp))
    conv.register_structure_hook(enum.Enum, _structure_enum)
    return conv


converter: cattrs.Converter = _make_converter()


# --- error flattening -------------------------------------------------------


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


def _problems(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[Problem] = []
        with_notes, without_notes = exc.group_exceptions()
        for sub, note in with_notes:
            part = note.name if hasattr(note, "name") and isinstance(note.name, str) else note.index
            found.extend(_problems(sub, _join(path, part)))
        for sub in without_notes:
            found.extend(_problems(sub, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [Problem(_join(path, _key(k)), unknown_field_message(_key(k), exc.cl)) for k in sorted(exc.extra_fields, key=str)]
    if isinstance(exc, BaseValidationError):  # any other cattrs group
        return [p for sub in exc.exceptions for p in _problems(sub, path)]
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(exc, TypeError) and "required" in str(exc) and "argument" in str(exc):
        return [Problem(path, "required field missing")]
    if isinstance(exc, (TypeError, AttributeError)):
        return [Problem(path, f"wrong type: {exc}")]
    return [Problem(path, str(exc))]


def _key(name: Any) -> str:
    """An unknown key as it may appear in a path: a string, shortened and always encodable."""
    return limits.clean(name if isinstance(name, str) else repr(name), 80)


def did_you_mean(name: str, known: typing.Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss among ``known``, else an empty string."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_field_message(name: str, cls: type) -> str:
    """Why a key is refused inside ``cls``: a near miss, and the fields it does have."""
    fields = [f.name for f in attrs.fields(cls)]
    shown = ", ".join(fields[:15]) + (f", … ({len(fields)} in all)" if len(fields) > 15 else "")
    return f"unknown field of {cls.__name__}{did_you_mean(str(name), fields)}; its fields: {shown}"


def structure(data: Any, cls: type[T], path: str = "") -> T:
    """Build ``cls`` from JSON-like ``data`` or raise one :class:`CaseValidationError`.

    attrs validators run inside ``__init__`` and cattrs may let their errors
    through unwrapped; both kinds are caught and reported with their path.
    """
    if attrs.has(cls) and not isinstance(data, dict):
        raise CaseValidationError([Problem(path, f"expected an object, got {type(data).__name__}")])
    too_deep = limits.depth_problem(data)
    if too_deep is not None:
        raise CaseValidationError([Problem(path, too_deep)])
    try:
        return converter.structure(data, cls)
    except RecursionError:
        raise CaseValidationError([Problem(path, f"nested deeper than {limits.MAX_DEPTH} levels")]) from None
    except (BaseValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
        if isinstance(exc, CaseValidationError):
            raise
        problems = _problems(exc, path)
        raise CaseValidationError(problems or [Problem(path, str(exc))]) from None


def unstructure(obj: Any) -> Any:
    """JSON-ready plain data (Decimal → str, date → ISO string, enums → values)."""
    return converter.unstructure(obj)
