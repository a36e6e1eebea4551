"""汽车报废更新补贴 over a whole batch of registry rows: the vectorised twin of ``car_scrappage``.

Condition by condition, the same law as ``car_scrappage.applies_to`` and ``evaluate`` (the same
parameters, read on each row's submission day as known at ``known_at``), as numpy over the batch's
columns.  Rows it is not sure of are left to the per-case rule: an amount with more fraction digits
than the policy's quantum, a province it cannot place, a zone without a split, a day with no amount.
``tests/test_columnar.py`` checks it against the per-case rule on generated rows, boundaries included.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.reference import ZONE_LABELS, regions
from zhengce.kernel.rules import Lookup
from zhengce.kernel.vector import (
    APPLIES,
    NO_DAY,
    ColumnAmount,
    Columns,
    ColumnVerdict,
    day_number,
    scaled,
    tri,
    tri_and,
)

from . import car_scrappage as rule
from .facts import Fuel

#: the scale displacement (litres) is compared at: a value with more fraction digits goes per case
LITRE_SCALE = 3
_APP = "scrappage_application."


def screen(cols: Columns, params: ParameterSet, ctx: EvaluationContext) -> ColumnVerdict | None:
    known_at = ctx.known_at
    p = Lookup(params, None, known_at)  # criteria: every known version states them
    scale = -params.rounding.quantum.as_tuple().exponent
    if params.rounding.quantum != Decimal(1).scaleb(-scale):
        return None  # a quantum that is not a power of ten: per case

    conditions: list[np.ndarray] = []
    missing: list[tuple[str, np.ndarray]] = []

    def condition(ok: np.ndarray, known: np.ndarray, *gaps: tuple[str, np.ndarray]) -> np.ndarray:
        conditions.append(tri(ok, known))
        missing.extend((path, ~known & unknown) for path, unknown in gaps)
        return ok & known

    def fact_condition(path: str, ok: np.ndarray) -> np.ndarray:
        known = cols.known(path)
        return condition(ok, known, (path, ~known))

    def compare_day(path: str, low: np.ndarray | int | None, high: np.ndarray | int | None) -> np.ndarray:
        day = cols.day(path)
        ok = np.ones(cols.n, bool)
        if low is not None:
            ok &= day >= low
        if high is not None:
            ok &= day <= high
        return fact_condition(path, ok)

    fact_condition("applicant.type", cols.isin("applicant.type", p.criterion("applicant.types").value))
    classes = p.criterion("vehicle.passenger_classes").value
    for side in ("old_vehicle", "new_vehicle"):
        fact_condition(f"{side}.vehicle_class", cols.isin(f"{side}.vehicle_class", classes))

    # 旧车: 国三及以下燃油乘用车, or a new-energy car registered by the cutoff
    fuel_known, reg_known = cols.known("old_vehicle.fuel"), cols.known("old_vehicle.registration_date")
    old_nev = cols.equals("old_vehicle.fuel", Fuel.NEV.value)
    gasoline = cols.equals("old_vehicle.fuel", Fuel.GASOLINE.value)
    cutoff = np.where(old_nev, day_number(p.criterion("old.nev_registered_by").value),
                      np.where(gasoline, day_number(p.criterion("old.gasoline_registered_by").value),
                               day_number(p.criterion("old.diesel_other_registered_by").value)))
    both = fuel_known & reg_known
    old_ok = condition(cols.day("old_vehicle.registration_date") <= cutoff, both,
                       ("old_vehicle.fuel", ~fuel_known), ("old_vehicle.registration_date", ~reg_known))
    old_kind_nev = old_ok & old_nev

    # 新车: a catalogued NEV, or (against a scrapped fuel car) a fuel car of at most the displacement
    new_known = cols.known("new_vehicle.fuel")
    new_nev = cols.equals("new_vehicle.fuel", Fuel.NEV.value)
    listed_known = cols.known("new_vehicle.in_nev_catalogue")
    listed_ok = cols.flag("new_vehicle.in_nev_catalogue") == bool(p.criterion("new.nev_in_catalogue").value)
    try:
        limit = scaled(p.criterion("new.fuel_max_displacement_l").value, LITRE_SCALE)
    except ValueError:
        return None
    disp, disp_exact = cols.decimal("new_vehicle.displacement_l", LITRE_SCALE)
    disp_known = cols.known("new_vehicle.displacement_l")
    unsure = disp_known & ~disp_exact  # more fraction digits than compared at
    fuel_vs_nev = new_known & ~new_nev & old_kind_nev  # a fuel car against a scrapped NEV: never
    ok = np.where(new_nev, listed_ok, ~fuel_vs_nev & (disp <= limit))
    known = new_known & np.where(new_nev, listed_known, fuel_vs_nev | disp_known)
    condition(ok, known, ("new_vehicle.fuel", ~new_known),
              ("new_vehicle.in_nev_catalogue", new_known & new_nev & ~listed_known),
              ("new_vehicle.displacement_l", new_known & ~new_nev & ~fuel_vs_nev & ~disp_known))

    start = day_number(p.criterion("certificates.from").value)
    end = day_number(p.criterion("certificates.until").value)
    for field, _zh, _en in rule.CERTIFICATES:
        compare_day(_APP + field, start, end)
    qualified = _APP + "scrap_certificate_by_qualified_dismantler"
    fact_condition(qualified, cols.flag(qualified))
    submitted = _APP + "submitted_on"
    compare_day(submitted, day_number(p.criterion("application.from").value), day_number(p.criterion("application.until").value))

    # 392号's ownership rules, on each row's submission day (absent where not yet law)
    laws, on = cols.per_day(submitted, lambda d: _law_on(params, d, known_at, scale))

    def on_day(field: str, dtype: object = np.int64) -> np.ndarray:
        """A field of the law of each row's submission day (:class:`_Law`)."""
        return np.array([getattr(law, field) for law in laws], dtype=dtype)[on]

    old_by = on_day("old_registered_by")
    since_path = "old_vehicle.in_applicant_name_since"
    since_known = cols.known(since_path)
    in_force = old_by != NO_DAY
    conditions.append(np.where(in_force, tri(cols.day(since_path) <= old_by, since_known), np.int8(1)).astype(np.int8))
    missing.append((since_path, in_force & ~since_known))

    review_from = on_day("review_from")
    paid_on_known = cols.known(_APP + "subsidy_paid_on")
    before_rule = paid_on_known & (cols.day(_APP + "subsidy_paid_on") < review_from)
    applies_rule = (review_from != NO_DAY) & ~before_rule
    owned_path = "new_vehicle.in_applicant_name"
    owned_known = cols.known(owned_path)
    conditions.append(np.where(applies_rule, tri(cols.flag(owned_path), owned_known), np.int8(1)).astype(np.int8))
    missing.append((owned_path, applies_rule & ~owned_known))

    status = tri_and(conditions)
    decided = ~unsure
    applies = status == APPLIES
    amounts, settled = _amounts(cols, params, known_at, scale, applies, new_nev, laws, on, on_day)
    if cols.flag(_APP + "correction_requested").any():  # 第四条: the correction is due by the deadline of that day
        p.criterion("correction.by_deadline")
        settled &= ~cols.flag(_APP + "correction_requested") | (on_day("application_until") != NO_DAY)
    if cols.flag(_APP + "fraud_found").any():
        p.criterion("fraud.handled")  # none known: the per-case rule fails, so the batch goes per case
    decided &= ~applies | settled
    return ColumnVerdict(status=status, decided=decided, amounts=amounts, missing=tuple(missing))


class _Law(NamedTuple):
    """What the dated parameters say on one submission day, as known at one day (integers: day
    numbers, money in units of the quantum; NO_DAY / −1: no such law that day)."""

    old_registered_by: int
    review_from: int
    application_until: int
    nev_amount: int
    fuel_amount: int
    top_up_owed: bool
    splits: dict[str, tuple[int, int]]


_LAWS: dict[tuple[int, date | None, date, int], tuple[ParameterSet, _Law]] = {}


def _law_on(params: ParameterSet, day: date | None, known_at: date, scale: int) -> _Law:
    """:class:`_Law` of ``day`` (memoised across batches: the same few hundred days recur)."""
    key = (id(params), day, known_at, scale)
    found = _LAWS.get(key)
    if found is not None and found[0] is params:
        return found[1]
    if len(_LAWS) > 20_000:
        _LAWS.clear()

    def on(name: str):
        return params.at(name, day, known_at)

    law = _Law(old_registered_by=_day_or_none(on("owner.old_registered_by")),
               review_from=_day_or_none(on("owner.new_registered_during_review_from")),
               application_until=_day_or_none(on("application.until")),
               nev_amount=_units(on(rule.BUY_NEV), params, scale), fuel_amount=_units(on(rule.BUY_FUEL), params, scale),
               top_up_owed=_truthy(on("top_up.owed_on_paid")),
               splits={n.removeprefix("split."): _ratio(on(n)) for n in params.parameters if n.startswith("split.")})
    _LAWS[key] = (params, law)
    return law


def _day_or_none(value) -> int:
    return NO_DAY if value is None else day_number(value.value)


def _amounts(cols: Columns, params: ParameterSet, known_at, scale: int, applies: np.ndarray, new_nev: np.ndarray,
             laws: list[_Law], on: np.ndarray, on_day) -> tuple[tuple[ColumnAmount, ...], np.ndarray]:
    """The subsidy, the top-up and the central/local split of the rows that apply; and the rows settled."""
    subsidy = np.where(new_nev, on_day("nev_amount"), on_day("fuel_amount"))
    settled = subsidy >= 0

    paid_path = _APP + "subsidy_already_paid"
    paid, paid_exact = cols.decimal(paid_path, scale)
    paid_known = cols.known(paid_path)
    settled &= ~paid_known | paid_exact  # a paid amount to round: per case
    top_up_present = applies & paid_known & on_day("top_up_owed", bool)

    scheme = params.at("split.scheme", None, known_at).value
    table = regions()

    def zone_of_province(name: str) -> str | None:
        province = table.province(name)
        return None if province is None else table.zone(province, scheme)

    region = cols.codes(_APP + "region", lambda r: r)
    zone = np.where(cols.known(_APP + "region"), region, cols.codes(_APP + "invoice_province", zone_of_province))
    first = np.full(cols.n, -1, np.int64)
    total = np.full(cols.n, -1, np.int64)
    zones = {z for law in laws for z in law.splits} & set(ZONE_LABELS)  # east, middle, west
    for name in sorted({str(z) for z in zone[applies]} & zones):
        at_zone = zone == name
        pairs = [law.splits.get(name, (-1, -1)) for law in laws]
        first = np.where(at_zone, np.array([f for f, _ in pairs], np.int64)[on], first)
        total = np.where(at_zone, np.array([t for _, t in pairs], np.int64)[on], total)
    settled &= total > 0  # a zone the split names, on that day
    central = np.where(total > 0, (2 * subsidy * first + total) // np.maximum(2 * total, 1), 0)  # ROUND_HALF_UP
    if params.rounding.mode != "ROUND_HALF_UP":
        settled[:] = False
    amounts = [ColumnAmount(name="subsidy", units=subsidy, scale=scale)]
    if top_up_present.any():
        amounts.append(ColumnAmount(name="top_up_due", units=np.maximum(0, subsidy - paid), scale=scale, present=top_up_present))
    amounts += [ColumnAmount(name="central_share", units=central, scale=scale, payer="central"),
                ColumnAmount(name="local_share", units=subsidy - central, scale=scale, payer="local")]
    return tuple(amounts), settled


def _units(value, params: ParameterSet, scale: int) -> int:
    """A money parameter rounded as the policy declares, in units of its quantum (−1: none that day)."""
    if value is None:
        return -1
    try:
        return scaled(params.rounding.money(Decimal(value.value)), scale)
    except (ValueError, ArithmeticError):
        return -1


def _truthy(value) -> bool:
    return value is not None and bool(value.value)


def _ratio(value) -> tuple[int, int]:
    """A split ``first:second`` as whole numbers ``(first, first + second)`` scaled alike (9.5:0.5 is
    95 of 100); ``(-1, -1)``: no value that day, or not a non-negative ratio (those rows go per case)."""
    if value is None or not hasattr(value.value, "first"):
        return -1, -1
    first, second = Decimal(value.value.first), Decimal(value.value.second)
    if not (first.is_finite() and second.is_finite()) or first < 0 or second < 0 or first + second == 0:
        return -1, -1
    digits = max(0, -first.normalize().as_tuple().exponent, -second.normalize().as_tuple().exponent)
    if digits > 6:
        return -1, -1
    return int(first.scaleb(digits)), int((first + second).scaleb(digits))
