"""Field domains for fact classes: what a value may be, declared once, enforced at validation.

Every fact field says what it means, and the meaning bounds it::

    @attrs.frozen(kw_only=True)
    class Loan:
        principal: Decimal | None = money()               # 元, never negative
        annual_rate: Decimal | None = rate()              # a fraction: 0.035 = 3.5 %
        staff: int | None = count()                       # 0, 1, 2, …
        signed_on: date | None = day()                    # 1900-01-01 … 2100-12-31
        parties: tuple[Party, ...] = items()              # a JSON list, default empty
        holidays: tuple[date, ...] = items(each=day())    # ... each item in a domain
        base_year: int | None = year()                    # 1900 … 2100

The bound lives in the field's metadata (key ``"zhengce"``): the one converter
checks it while structuring, so a case with three out-of-domain fields gets three
problems by path in one :class:`~zhengce.contracts.CaseValidationError`; the JSON
Schema carries it (``minimum``, ``maximum``, ``formatMinimum``); and an attrs
validator enforces it when a host builds the object in Python (where it also refuses a
float, a NaN, a bool or a datetime given for the field: a float is not an exact amount).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["Domain", "money", "quantity", "count", "rate", "day", "year", "items", "domain_of", "each_of",
           "EARLIEST_DAY", "LATEST_DAY"]

#: The range of days a fact may name unless its field says otherwise: every rule here is
#: about 20th- and 21st-century events, and date arithmetic near year 1 or 9999 overflows.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2100, 12, 31)

METADATA_KEY = "zhengce"
EACH_KEY = "zhengce_each"


@attrs.frozen(kw_only=True)
class Domain:
    """The values a field admits: a kind and inclusive bounds (None: unbounded on that side)."""

    kind: str  # money | quantity | count | rate | day | year
    minimum: Any = None
    maximum: Any = None

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is outside the domain, or None when it is inside (None values always are)."""
        if value is None:
            return None
        if self.minimum is not None and value < self.minimum:
            return f"{self.describe()}: {_show(value)} is below {_show(self.minimum)}"
        if self.maximum is not None and value > self.maximum:
            return f"{self.describe()}: {_show(value)} is above {_show(self.maximum)}"
        return None

    def describe(self) -> str:
        lo, hi = self.minimum, self.maximum
        if self.kind == "day":
            return f"a day from {lo} to {hi}"
        if self.kind == "year":
            return f"a year from {lo} to {hi}"
        noun = {"money": "an amount of money", "quantity": "a quantity", "count": "a count",
                "rate": "a rate (a fraction: 0.05 = 5 %)"}[self.kind]
        if lo is not None and hi is not None:
            return f"{noun} from {_show(lo)} to {_show(hi)}"
        if lo is not None:
            return f"{noun} of at least {_show(lo)}"
        return f"{noun} of at most {_show(hi)}" if hi is not None else noun


def _show(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def domain_of(field: attrs.Attribute) -> Domain | None:
    """The domain a field declares, or None."""
    return field.metadata.get(METADATA_KEY)


def each_of(field: attrs.Attribute) -> Domain | None:
    """The domain every item of a repeated field declares (``items(each=...)``), or None."""
    return field.metadata.get(EACH_KEY)


def type_problem(domain: Domain, value: Any) -> str | None:
    """Why ``value`` is not of the type the domain's kind needs (a Python caller's mistake), or None."""
    if value is None:
        return None
    if domain.kind in ("money", "quantity", "rate"):
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            kind = "a float is not exact" if isinstance(value, float) else f"not {type(value).__name__}"
            return f"expected a Decimal ({kind}): {value!r}"
        if isinstance(value, Decimal) and not value.is_finite():
            return f"not a finite number: {value!r}"
    elif domain.kind in ("count", "year"):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected an integer: {value!r}"
    elif domain.kind == "day" and value.__class__ is not date:
        return f"expected a date (not {type(value).__name__}): {value!r}"
    return None


def _validator(domain: Domain):
    def check(_instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        why = type_problem(domain, value)
        if why is not None:
            raise TypeError(f"{attribute.name}: {why}")
        why = domain.problem(value)
        if why is not None:
            raise ValueError(f"{attribute.name}: {why}")

    return check


def _items_validator(each: Domain | None):
    def check(_instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, tuple):
            raise TypeError(f"{attribute.name}: expected a tuple, not {type(value).__name__}")
        for i, item in enumerate(value if each is not None else ()):
            why = type_problem(each, item) or each.problem(item)
            if why is not None:
                raise ValueError(f"{attribute.name}[{i}]: {why}")

    return check


def _field(domain: Domain, default: Any = None) -> Any:
    return attrs.field(default=default, validator=_validator(domain), metadata={METADATA_KEY: domain})


def money(*, signed: bool = False, minimum: Decimal | int | None = None, maximum: Decimal | int | None = None) -> Any:
    """An amount of money (a ``Decimal`` in its currency's unit): not negative unless ``signed``
    (a balance, a difference the law itself signs)."""
    lo = None if signed else Decimal(minimum if minimum is not None else 0)
    return _field(Domain(kind="money", minimum=lo, maximum=None if maximum is None else Decimal(maximum)))


def quantity(*, minimum: Decimal | int | None = 0, maximum: Decimal | int | None = None) -> Any:
    """A measured quantity (tonnes, kWh, litres, years as a fraction): not negative by default."""
    return _field(Domain(kind="quantity", minimum=None if minimum is None else Decimal(minimum),
                         maximum=None if maximum is None else Decimal(maximum)))


def count(*, minimum: int = 0, maximum: int | None = None) -> Any:
    """A whole number of things (people, items, months): 0 or more by default."""
    return _field(Domain(kind="count", minimum=minimum, maximum=maximum))


def rate(*, minimum: Decimal | str | int = 0, maximum: Decimal | str | int = 1) -> Any:
    """A rate or share as a fraction (``0.2`` = 20 %), from 0 to 1 unless the law bounds it otherwise."""
    return _field(Domain(kind="rate", minimum=Decimal(minimum), maximum=Decimal(maximum)))


def day(*, earliest: date = EARLIEST_DAY, latest: date = LATEST_DAY) -> Any:
    """A calendar day, within ``earliest`` … ``latest`` (inclusive)."""
    return _field(Domain(kind="day", minimum=earliest, maximum=latest))


def year(*, earliest: int = EARLIEST_DAY.year, latest: int = LATEST_DAY.year) -> Any:
    """A calendar year (an integer), within ``earliest`` … ``latest`` (inclusive)."""
    return _field(Domain(kind="year", minimum=earliest, maximum=latest))


def items(*, each: Any = None) -> Any:
    """A repeated fact: a JSON list (never a string or an object) structured into a tuple, default empty.

    ``each`` is the domain of every item, given as a field helper: ``items(each=day())``.
    """
    domain = None if each is None else each.metadata[METADATA_KEY]
    metadata = {} if domain is None else {EACH_KEY: domain}
    return attrs.field(factory=tuple, validator=_items_validator(domain), metadata=metadata)
