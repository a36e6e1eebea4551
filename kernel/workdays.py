"""Working days: count "N个工作日内" deadlines on a cited statutory-holiday calendar.

The seed's documents count working days (国令第784号 第四条, 交运发〔2024〕42号 三（二）, 财金〔2024〕54号
三（二）（四）…) but print no holiday calendar.  The days off and the weekend days worked instead come from
the State Council General Office's yearly notices (国办发明电), shipped as cited reference data in
``reference/workdays.yaml``: each year names its notice, each holiday quotes the notice's entry.  A year
the table does not cover is counted Monday–Friday plus the case's own corrections, and the count says
which years those are, so that the explanation can warn.

Shared by every plugin that counts working days (company, finance): one calendar, not a copy per plugin.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import attrs

from zhengce.contracts import Citation, Text

from .rules import Calculation

FORMAT = "zhengce.reference.workdays/1"


@attrs.frozen(kw_only=True)
class Holiday:
    """One entry of a yearly notice: its name, its verbatim text, the days off and the days worked."""

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
class WorkingDayCount:
    """The last day of "N个工作日内" counted from ``start`` (not counted), and what the count relied on."""

    start: date
    n: int
    end: date
    notices: tuple[Citation, ...]  # one per yearly notice whose holidays fall in (start, end]
    uncovered: tuple[int, ...]  # years in the span that the calendar does not cover


@attrs.frozen(kw_only=True)
class Calendar:
    """Monday–Friday working days, moved by the yearly notices of ``years``; ``basis`` cites the weekend rule."""

    basis: Citation
    basis_note: Text
    years: dict[int, YearNotice]

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: date, days_off: Iterable[date] = frozenset(),
                       extra_working: Iterable[date] = frozenset()) -> bool:
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

    def add_working_days(self, start: date, n: int, days_off: Iterable[date] = (),
                         extra_working: Iterable[date] = ()) -> WorkingDayCount:
        """The n-th working day after ``start``: the day the period starts from is not counted (a period
        in days starts the next day), and the n-th working day after it is the last day of the period."""
        if n < 1:
            raise ValueError(f"add_working_days: n must be at least 1, not {n}")
        off, extra = frozenset(days_off), frozenset(extra_working)
        day, counted = start, 0
        while counted < n:
            day += timedelta(days=1)
            if self.is_working_day(day, off, extra):
                counted += 1
        return WorkingDayCount(start=start, n=n, end=day, notices=self.notices_used(start, day),
                               uncovered=tuple(y for y in range(start.year, day.year + 1) if y not in self.years))

    def working_days_between(self, start: date, end: date, days_off: Iterable[date] = (),
                             extra_working: Iterable[date] = ()) -> int:
        """How many working days lie in (start, end]: 0 when ``end`` is not after ``start``."""
        off, extra = frozenset(days_off), frozenset(extra_working)
        return sum(self.is_working_day(start + timedelta(days=k), off, extra) for k in range(1, (end - start).days + 1))

    def notices_used(self, start: date, end: date) -> tuple[Citation, ...]:
        """One citation per yearly notice with a holiday day in (start, end], quoting just those holidays."""
        out = []
        for year in range(start.year, end.year + 1):
            notice = self.years.get(year)
            if notice is None:
                continue
            used = [h for h in notice.holidays if any(start < d <= end for d in h.off | h.work)]
            if used:
                out.append(Citation(document=notice.document, article="、".join(h.name for h in used),
                                    quote="".join(h.quote for h in used), issued=notice.issued))
        return tuple(out)


def parse_calendar(raw: dict[str, Any]) -> Calendar:
    """A :class:`Calendar` from the YAML mapping of ``reference/workdays.yaml`` (checked: every day of a
    year's notice lies in that year; no day is both off and worked)."""
    if raw.get("format") != FORMAT:
        raise ValueError(f"workdays calendar: unknown format {raw.get('format')!r}")
    b = raw["basis"]
    basis = Citation(document=b["document"], article=b["article"], quote=b["quote"])
    years = {}
    for year, y in raw["years"].items():
        year = int(year)
        hols = tuple(Holiday(name=h["name"], quote=h["quote"], off=frozenset(h.get("days_off", ())),
                             work=frozenset(h.get("days_worked", ()))) for h in y["holidays"])
        for h in hols:
            if any(d.year != year for d in h.off | h.work):
                raise ValueError(f"workdays calendar: {year} {h.name}: a day outside {year}")
            if h.off & h.work:
                raise ValueError(f"workdays calendar: {year} {h.name}: a day both off and worked")
            if any(d.weekday() < 5 for d in h.work):
                raise ValueError(f"workdays calendar: {year} {h.name}: a day worked instead must be a weekend day")
        years[year] = YearNotice(year=year, document=y["document"], title=y["title"], issued=y["issued"], holidays=hols)
    return Calendar(basis=basis, basis_note=Text(**b["note"]), years=years)


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    """The shipped calendar of ``zhengce.kernel.reference/workdays.yaml`` (loaded once)."""
    from .parameters import package_text, read_yaml

    name = "zhengce.kernel.reference"
    return parse_calendar(read_yaml(package_text(name, "workdays.yaml"), f"{name}/workdays.yaml"))


def add_working_days(start: date, n: int, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> WorkingDayCount:
    """:meth:`Calendar.add_working_days` on the shipped calendar."""
    return calendar().add_working_days(start, n, days_off, extra_working)


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def record_deadline(calc: Calculation, name: str, count: WorkingDayCount, label: Text, *, cite, facts) -> date:
    """Record the deadline (cited to the rule that sets N) and one cited calendar line per notice
    used; when a year is not covered, a line saying so, cited to the Monday–Friday basis."""
    cal = calendar()
    label = Text(zh=f"{label.zh}（{count.start} 之后第 {count.n} 个工作日）",
                 en=f"{label.en} (the {_ordinal(count.n)} working day after {count.start})")
    calc.date(name, count.end, label, cite=cite, facts=facts)
    not_in_seed = Text(zh="种子文件未载明，外部参考数据", en="Not in the seed: external reference data")
    for c in count.notices:
        calc.info(f"{name}_calendar_{c.document}",
                  Text(zh=f"期间内的节假日安排：{c.article}",
                       en=f"Public holidays and worked weekend days in the period, per {c.document}"),
                  cite=c, note=not_in_seed)
    if count.uncovered:
        years = "、".join(map(str, count.uncovered))
        calc.info(f"{name}_calendar_uncovered",
                  Text(zh=f"日历未覆盖 {years} 年：按星期一至星期五及案件给出的放假、调休日计算",
                       en=f"The calendar does not cover {years}: counted Monday to Friday with the case's own days off and extra working days"),
                  cite=cal.basis, note=cal.basis_note)
    return count.end
