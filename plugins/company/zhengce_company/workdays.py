"""The working-day calendar: count "N个工作日内" deadlines (784号 第四条, 42号 三（二）).

The seed prints no holiday calendar, so the days off and the weekend days worked instead come from
the State Council General Office's yearly notices, shipped as cited reference data in
``reference/workdays.yaml``.  A year the table does not cover is counted Monday–Friday plus the case's
own corrections, and the count says which years those are so the explanation can warn.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import attrs
import yaml

from zhengce.contracts import Citation, Text
from zhengce.kernel.rules import Calculation

from .common import T


@attrs.frozen(kw_only=True)
class Holiday:
    name: str
    quote: str
    off: frozenset[date]
    work: frozenset[date]


@attrs.frozen(kw_only=True)
class YearNotice:
    """One year's holiday notice: its 文号 and its holidays."""

    year: int
    document: str
    title: str
    issued: date
    holidays: tuple[Holiday, ...]


@attrs.frozen(kw_only=True)
class Calendar:
    basis: Citation
    basis_note: Text
    years: dict[int, YearNotice]

    def is_working_day(self, day: date, days_off: frozenset[date] = frozenset(),
                       extra_working: frozenset[date] = frozenset()) -> bool:
        """Monday–Friday, minus the holidays, plus the weekend days worked; the case's corrections win."""
        if day in extra_working:
            return True
        if day in days_off:
            return False
        notice = self.years.get(day.year)
        if notice is not None:
            for h in notice.holidays:
                if day in h.work:
                    return True
                if day in h.off:
                    return False
        return day.weekday() < 5


@attrs.frozen(kw_only=True)
class WorkingDayCount:
    """The last day of "N个工作日内" counted from ``start`` (not counted), and what the count relied on."""

    start: date
    n: int
    end: date
    notices: tuple[Citation, ...]  # one per yearly notice whose holidays fall in (start, end]
    uncovered: tuple[int, ...]  # years in the span that the calendar does not cover


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    """The calendar of ``reference/workdays.yaml`` (loaded once)."""
    raw = yaml.safe_load(resources.files("zhengce_company").joinpath("reference/workdays.yaml").read_text(encoding="utf-8"))
    if raw.get("format") != "zhengce.reference.workdays/1":
        raise ValueError("reference/workdays.yaml: unknown format")
    b = raw["basis"]
    basis = Citation(document=b["document"], article=b["article"], quote=b["quote"])
    years = {}
    for year, y in raw["years"].items():
        hols = tuple(Holiday(name=h["name"], quote=h["quote"], off=frozenset(h.get("days_off", ())),
                             work=frozenset(h.get("days_worked", ()))) for h in y["holidays"])
        for h in hols:
            if any(d.year != year for d in h.off | h.work):
                raise ValueError(f"reference/workdays.yaml: {year} {h.name}: a day outside {year}")
        years[int(year)] = YearNotice(year=int(year), document=y["document"], title=y["title"],
                                      issued=y["issued"], holidays=hols)
    return Calendar(basis=basis, basis_note=Text(**b["note"]), years=years)


def add_working_days(start: date, n: int, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> WorkingDayCount:
    """The n-th working day after ``start``: the day the information arises is not counted (a period
    in days starts the next day), and the n-th working day after it is the last day of the period."""
    cal = calendar()
    off, extra = frozenset(days_off), frozenset(extra_working)
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if cal.is_working_day(day, off, extra):
            counted += 1
    span_years = range(start.year, day.year + 1)
    notices = []
    for year in span_years:
        notice = cal.years.get(year)
        if notice is None:
            continue
        used = [h for h in notice.holidays if any(start < d <= day for d in h.off | h.work)]
        if used:
            notices.append(Citation(document=notice.document, article="、".join(h.name for h in used),
                                    quote="".join(h.quote for h in used), issued=notice.issued))
    uncovered = tuple(y for y in span_years if y not in cal.years)
    return WorkingDayCount(start=start, n=n, end=day, notices=tuple(notices), uncovered=uncovered)


def record_deadline(calc: Calculation, name: str, count: WorkingDayCount, label: Text, *, cite, facts) -> date:
    """Record the deadline (cited to the rule that sets N) and one cited calendar line per notice
    used; when a year is not covered, a line saying so, cited to the Monday–Friday basis."""
    cal = calendar()
    label = Text(zh=f"{label.zh}（{count.start} 之后第 {count.n} 个工作日）",
                 en=f"{label.en} (the {count.n}th working day after {count.start})")
    calc.date(name, count.end, label, cite=cite, facts=facts)
    for c in count.notices:
        calc.info(f"{name}_calendar_{c.document}", T("期间内的节假日安排：{}", "Public holidays and worked weekend days in the period, per {1}",
                                                     c.article, c.document),
                  cite=c, note=T("种子文件未载明，外部参考数据", "Not in the seed: external reference data"))
    if count.uncovered:
        years = "、".join(map(str, count.uncovered))
        calc.info(f"{name}_calendar_uncovered", T("日历未覆盖 {} 年：按星期一至星期五及案件给出的放假、调休日计算",
                                                "The calendar does not cover {}: counted Monday to Friday with the case's own days off and extra working days",
                                                years), cite=cal.basis, note=cal.basis_note)
    return count.end
