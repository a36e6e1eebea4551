"""The one section this plugin owns: a home charging pile installed by the applicant."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from zhengce.contracts import Text, day, quantity
from zhengce.kernel import FactSection


@attrs.frozen(kw_only=True)
class ChargingPile:
    """A home charging pile (家用充电桩): when it was installed, its power, whose parking space."""

    installed_on: date | None = day()
    power_kw: Decimal | None = quantity()
    on_own_parking_space: bool | None = None


SECTIONS = (FactSection(name="gd_charging_pile", type=ChargingPile,
                        title=Text(zh="家用充电桩（示例）", en="A home charging pile (example)")),)
