"""Random energy cases never make a policy fail: every result is applies / does_not_apply / cannot_tell."""

from __future__ import annotations

import enum
import types
import typing
from datetime import date
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import dump
from zhengce.contracts.energy import EnergyFacts
from zhengce.kernel import Kernel
from zhengce_energy import plugin

KERNEL = Kernel([plugin.plugin])


def strategy_for(tp) -> st.SearchStrategy:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = st.one_of(*[strategy_for(a) for a in args])
        return st.none() | inner if type(None) in typing.get_args(tp) else inner
    if origin is tuple:
        return st.lists(strategy_for(typing.get_args(tp)[0]), max_size=3).map(tuple)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(-10, 10**4)
    if tp is str:
        return st.sampled_from(["广东省", "44", "锂电池", "玻璃", "vpp-1", "non_fossil_share_2025", "x"])
    if tp is Decimal:
        return st.decimals(min_value=-10**4, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)
    if tp is date:
        return st.dates(min_value=date(2023, 1, 1), max_value=date(2032, 12, 31))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if attrs.has(tp):
        hints = typing.get_type_hints(tp)
        return st.builds(tp, **{f.name: strategy_for(hints[f.name]) for f in attrs.fields(tp) if f.init})
    raise TypeError(f"no strategy for {tp!r}")


HINTS = typing.get_type_hints(EnergyFacts)
SECTIONS = [f.name for f in attrs.fields(EnergyFacts)]


@settings(deadline=None, max_examples=200)
@given(section=st.sampled_from(SECTIONS), data=st.data(),
       as_of=st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)))
def test_random_sections_never_error(section, data, as_of):
    value = data.draw(strategy_for(HINTS[section]).filter(lambda v: v is not None))
    record = KERNEL.evaluate({section: dump(value)}, as_of=as_of)
    for result in record.results:
        assert result.status.value != "error", (section, result.error)
