"""zhengce contracts: the attrs classes of cases and results, one cattrs converter.

Public API for host applications and plugins::

    from zhengce.contracts import Case, load_case, dump, CaseValidationError
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .base import CaseValidationError, Problem, converter, structure, unstructure
from .case import SECTIONS, Case
from .common import Applicant, ApplicantType, Enterprise, EnterpriseSize
from .results import (
    DECISION_FORMAT,
    Amount,
    AmountRange,
    Applicability,
    Citation,
    DateValue,
    DecisionRecord,
    DocumentRef,
    Evaluation,
    Explanation,
    ExplanationLine,
    Fact,
    Finding,
    FindingStatus,
    Outcome,
    PluginRef,
    PolicyError,
    PolicyResult,
    Status,
    Step,
    Text,
)
from .schema import json_schema
from .vehicle import Fuel, ScrappageApplication, Vehicle, VehicleClass

__all__ = [
    "Amount", "AmountRange", "DateValue", "Finding", "FindingStatus", "Applicability", "Applicant", "ApplicantType", "Case", "CaseValidationError",
    "Citation", "DECISION_FORMAT", "Enterprise", "EnterpriseSize", "DecisionRecord", "DocumentRef", "Evaluation", "Explanation",
    "ExplanationLine", "Fact", "Fuel", "Outcome", "PluginRef", "PolicyError", "PolicyResult",
    "Problem", "SECTIONS", "ScrappageApplication", "Status", "Step", "Text", "Vehicle",
    "VehicleClass", "case_schema", "converter", "dump", "dumps", "load_case", "loads_case",
    "structure", "unstructure", "json_schema",
]


def load_case(data: Any) -> Case:
    """Build a :class:`Case` from JSON-like data; raise :class:`CaseValidationError` listing every problem."""
    return structure(data, Case)


def loads_case(text: str | bytes) -> Case:
    """Parse JSON text (numbers with a fraction become ``Decimal``) and build a :class:`Case`."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise CaseValidationError([Problem("", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]) from None
    return load_case(data)


def dump(obj: Any) -> Any:
    """Any contract object as JSON-ready data."""
    return unstructure(obj)


def dumps(obj: Any, **kwargs: Any) -> str:
    """Any contract object as JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(unstructure(obj), ensure_ascii=False, **kwargs)


def case_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Case`."""
    return json_schema(Case)
