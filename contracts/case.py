"""The case: every fact zhengce can be given, grouped in optional top-level sections.

A section is a field of :class:`Case`.  Each domain module of the contracts
declares its sections in a ``*Facts`` mixin, so that adding a domain never
edits another domain's module.  The kernel routes a case only to the policies
that declared one of the sections it carries (see ``PolicySpec.facts``).
"""

from __future__ import annotations

import attrs

from .common import Applicant, Enterprise
from .data_assets import DataAssetsFacts
from .energy import EnergyFacts
from .finance import FinanceFacts
from .taxation import TaxationFacts
from .vehicle import VehicleFacts


@attrs.frozen(kw_only=True, slots=False)
class Case(VehicleFacts, TaxationFacts, FinanceFacts, EnergyFacts, DataAssetsFacts):
    """One case to evaluate.  Every section is optional; unknown keys are rejected."""

    case_id: str | None = None
    applicant: Applicant | None = None
    enterprise: Enterprise | None = None


#: Names of the top-level sections (every field but ``case_id``), in declaration order.
SECTIONS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Case) if f.name != "case_id")
