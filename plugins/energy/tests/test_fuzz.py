"""Random energy cases never make a policy fail: every result is applies / does_not_apply / cannot_tell."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import dump
from zhengce_energy.facts import SECTIONS as ENERGY_SECTIONS
from zhengce.kernel import Kernel
from zhengce.kernel.testing import contract_strategy
from zhengce_energy import plugin

KERNEL = Kernel([plugin.plugin])


def strategy_for(tp):
    return contract_strategy(
        tp,
        int=st.integers(-10, 10**4),
        str=st.sampled_from(["广东省", "44", "锂电池", "玻璃", "vpp-1", "non_fossil_share_2025", "x"]),
        Decimal=st.decimals(min_value=-10**4, max_value=10**8, places=2, allow_nan=False, allow_infinity=False),
        date=st.dates(min_value=date(2023, 1, 1), max_value=date(2032, 12, 31)),
    )


HINTS = {s.name: s.type for s in ENERGY_SECTIONS}
SECTIONS = sorted(HINTS)


@settings(deadline=None, max_examples=200)
@given(section=st.sampled_from(SECTIONS), data=st.data(),
       as_of=st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)))
def test_random_sections_never_error(section, data, as_of):
    value = data.draw(strategy_for(HINTS[section]).filter(lambda v: v is not None))
    record = KERNEL.evaluate({section: dump(value)}, as_of=as_of)
    for result in record.results:
        assert result.status.value != "error", (section, result.error)
