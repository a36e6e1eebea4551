"""Fact types of the data assets domain.

The sections of this domain are the fields of :class:`DataAssetsFacts`, which
:class:`~zhengce.contracts.Case` mixes in.  Each section is optional: a case
carries facts for only the domains it concerns.
"""

from __future__ import annotations

import attrs


@attrs.frozen(kw_only=True, slots=False)
class DataAssetsFacts:
    """Case sections of the data assets domain (none yet)."""
