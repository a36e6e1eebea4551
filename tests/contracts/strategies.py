"""Hypothesis strategies derived from the attrs contract classes (so new sections are covered)."""

from __future__ import annotations

import enum
import types
import typing
from datetime import date
from decimal import Decimal

import attrs
from hypothesis import strategies as st

_CACHE: dict[object, st.SearchStrategy] = {}


def strategy_for(tp) -> st.SearchStrategy:
    if tp in _CACHE:
        return _CACHE[tp]
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = st.one_of(*[strategy_for(a) for a in args])
        return st.none() | inner if type(None) in typing.get_args(tp) else inner
    if origin is tuple:
        return st.lists(strategy_for(typing.get_args(tp)[0]), max_size=3).map(tuple)
    if origin is dict:
        k, v = typing.get_args(tp)
        return st.dictionaries(strategy_for(k), strategy_for(v), max_size=3)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(-10**6, 10**9)
    if tp is str:
        return st.text(max_size=12)
    if tp is Decimal:
        return st.decimals(min_value=-10**9, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
    if tp is date:
        return st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if attrs.has(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: strategy_for(hints[f.name]) for f in attrs.fields(tp) if f.init}
        strat = st.builds(tp, **fields)
        _CACHE[tp] = strat
        return strat
    raise TypeError(f"no strategy for {tp!r}")
