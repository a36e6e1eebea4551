"""Fact types of the energy domain.

The sections of this domain are the fields of :class:`EnergyFacts`, which
:class:`~zhengce.contracts.Case` mixes in.  Each section is optional: a case
carries facts for only the domains it concerns.
"""

from __future__ import annotations

import attrs


@attrs.frozen(kw_only=True, slots=False)
class EnergyFacts:
    """Case sections of the energy domain (none yet)."""
