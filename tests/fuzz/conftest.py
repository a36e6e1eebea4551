"""Hypothesis profiles of the fuzz suite: ``ci`` (bounded, the default) and ``long`` (``ZHENGCE_FUZZ=long``)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("fuzz-ci", deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz-long", deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: How many inputs each fuzz test tries, by profile: (API mutations, CLI mutations, malformed texts).
BUDGETS = {"ci": (1500, 40, 300), "long": (25_000, 2_000, 5_000)}
PROFILE = "long" if os.environ.get("ZHENGCE_FUZZ", "").lower() == "long" else "ci"
API, CLI, MALFORMED = BUDGETS[PROFILE]
