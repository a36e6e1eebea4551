"""The working-day calendar the company rules count "N个工作日内" deadlines on
(784号 第四条, 42号 三（二）).

The calendar itself (cited reference data from the yearly 国办发明电 holiday notices) is shared by every
plugin and lives in :mod:`zhengce.kernel.workdays`; this module keeps the names the company rules import.
"""

from __future__ import annotations

from zhengce.kernel.workdays import (  # noqa: F401 - re-exported
    Calendar,
    Holiday,
    WorkingDayCount,
    YearNotice,
    add_working_days,
    calendar,
    record_deadline,
)
