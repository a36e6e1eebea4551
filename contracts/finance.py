"""Fact types of the finance domain.

The sections of this domain are the fields of :class:`FinanceFacts`, which
:class:`~zhengce.contracts.Case` mixes in.  Each section is optional: a case
carries facts for only the domains it concerns.
"""

from __future__ import annotations

import attrs


@attrs.frozen(kw_only=True, slots=False)
class FinanceFacts:
    """Case sections of the finance domain (none yet)."""
