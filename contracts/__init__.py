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
from .domains import Domain, count, day, domain_of, items, money, quantity, rate
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
    "dumps", "items", "json_schema", "migrations", "money", "parse_json", "quantity", "rate", "structure",
    "unstructure",
]


def parse_json(text: str | bytes) -> Any:
    """Parse JSON text (numbers with a fraction become ``Decimal``); bad JSON is a :class:`CaseValidationError`."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise CaseValidationError([Problem("", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]) from None


def dump(obj: Any) -> Any:
    """Any contract object as JSON-ready data."""
    return unstructure(obj)


def dumps(obj: Any, **kwargs: Any) -> str:
    """Any contract object as JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(unstructure(obj), ensure_ascii=False, **kwargs)
