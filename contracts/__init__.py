"""zhengce contracts: the attrs classes of results, the shared case sections, one cattrs converter.

The core knows no policy domain: each plugin owns its fact sections (see
:func:`compose_case` and ``docs/plugins.md``).  Public API for hosts and plugins::

    from zhengce.contracts import Case, dump, CaseValidationError
    from zhengce.contracts.domains import money, rate, count, day, items
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .base import CaseValidationError, Problem, converter, structure, unstructure
from .case import SHARED_SECTIONS, Case, compose_case
from . import limits
from .domains import Domain, count, day, domain_of, items, money, quantity, rate, year
from .migrations import Dropped, MigrationNote, Migrator, Renamed, RenamedValue, migrations
from .common import Applicant, ApplicantType, Enterprise, EnterpriseSize
from .results import (
    DECISION_FORMAT,
    Amount,
    AmountRange,
    Applicability,
    Citation,
    Comparison,
    DateValue,
    DecisionRecord,
    DocumentRef,
    Evaluation,
    Explanation,
    ExplanationLine,
    Fact,
    Finding,
    FindingStatus,
    Grant,
    Resolution,
    Window,
    WindowState,
    Outcome,
    PluginRef,
    PolicyError,
    PolicyResult,
    Status,
    Step,
    Text,
)
from .schema import json_schema

__all__ = [
    "Amount", "AmountRange", "DateValue", "Finding", "FindingStatus", "Applicability", "Applicant", "ApplicantType",
    "Case", "CaseValidationError", "Citation", "Comparison", "DECISION_FORMAT", "Domain", "Dropped", "Enterprise", "EnterpriseSize",
    "DecisionRecord", "DocumentRef", "Evaluation", "Explanation", "ExplanationLine", "Fact", "Grant", "MigrationNote", "Resolution", "Window", "WindowState",
    "Migrator", "Outcome", "PluginRef", "PolicyError", "PolicyResult", "Problem", "Renamed", "RenamedValue",
    "SHARED_SECTIONS", "Status", "Step", "Text", "compose_case", "converter", "count", "day", "domain_of", "dump",
    "decode_text", "dumps", "items", "json_schema", "migrations", "money", "parse_json", "quantity", "rate", "structure",
    "unstructure", "year", "limits",
]


def _parse_int(text: str) -> int | Decimal:
    # a JSON integer too long for int() (or beyond every limit) stays a Decimal, so the
    # field it is given for reports it as out of range, by path
    return int(text) if len(text) <= 40 else Decimal(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ValueError(f"the key {limits.show(twice)} is given twice in one object")
    return obj


def decode_text(data: bytes) -> str:
    """JSON bytes as text: UTF-8 (a BOM allowed), or UTF-16/32 when they start so; invalid bytes are a
    :class:`CaseValidationError`."""
    encoding = json.detect_encoding(data)
    if encoding == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 4]
        raise CaseValidationError([Problem("", f"not valid {encoding.upper().removesuffix('-SIG')} text: "
                                                f"bytes {bad!r} at offset {exc.start} ({exc.reason})")]) from None


def parse_json(text: str | bytes) -> Any:
    """Parse JSON text (numbers with a fraction become ``Decimal``; bytes are decoded by
    :func:`decode_text`).  Bad JSON, bad bytes, a duplicate key, ``NaN``, an input over
    :data:`~zhengce.contracts.limits.MAX_INPUT_BYTES` or nested deeper than
    :data:`~zhengce.contracts.limits.MAX_DEPTH` is a :class:`CaseValidationError`, never another exception."""
    if len(text) > limits.MAX_INPUT_BYTES:
        raise CaseValidationError([Problem("", f"an input of {limits.MAX_INPUT_BYTES:,} bytes at most is accepted "
                                               f"(this one has {len(text):,})")])
    if isinstance(text, (bytes, bytearray)):
        text = decode_text(bytes(text))
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_parse_int, parse_constant=_no_constant,
                          object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise CaseValidationError([Problem("", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]) from None
    except RecursionError:
        raise CaseValidationError([Problem("", f"nested deeper than {limits.MAX_DEPTH} levels of objects and lists")]) from None
    except ValueError as exc:
        raise CaseValidationError([Problem("", f"not valid JSON: {exc}")]) from None
    too_deep = limits.depth_problem(data)
    if too_deep is not None:
        raise CaseValidationError([Problem("", too_deep)])
    return data


def dump(obj: Any) -> Any:
    """Any contract object as JSON-ready data."""
    return unstructure(obj)


def dumps(obj: Any, **kwargs: Any) -> str:
    """Any contract object as JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(unstructure(obj), ensure_ascii=False, **kwargs)
