"""The shared working-day calendar (zhengce.kernel.workdays): the data agrees with the notices it quotes,
and counting "N个工作日内" gives the n-th working day after the start."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.kernel.workdays import add_working_days, calendar, parse_calendar

CAL = calendar()
WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6}


def test_both_notices_are_shipped():
    assert CAL.years[2024].document == "国办发明电〔2023〕7号"
    assert CAL.years[2025].document == "国办发明电〔2024〕12号"


@pytest.mark.parametrize("year", sorted(CAL.years))
def test_every_weekday_a_quote_names_is_the_weekday_of_that_date(year):
    for h in CAL.years[year].holidays:
        for m, d, wd in re.findall(r"(\d+)月(\d+)日（(?:[^）]*、)?(?:星期|周)([一二三四五六日])）", h.quote):
            assert date(year, int(m), int(d)).weekday() == WEEKDAY[wd], (h.name, m, d, wd)


@pytest.mark.parametrize("year", sorted(CAL.years))
def test_the_days_worked_are_the_ones_the_quote_says(year):
    for h in CAL.years[year].holidays:
        worked = h.quote.split("。", 1)[1] if "上班" in h.quote else ""
        said = {date(year, int(m), int(d)) for m, d in re.findall(r"(\d+)月(\d+)日", worked)}
        assert said == set(h.work), h.name


@pytest.mark.parametrize(("day", "working"), [
    (date(2024, 2, 4), True), (date(2024, 2, 9), True), (date(2024, 2, 12), False), (date(2024, 2, 18), True),
    (date(2024, 4, 7), True), (date(2024, 5, 11), True), (date(2024, 6, 10), False), (date(2024, 9, 14), True),
    (date(2024, 9, 29), True), (date(2024, 10, 7), False), (date(2024, 10, 12), True),
    (date(2025, 1, 1), False), (date(2025, 1, 26), True), (date(2025, 2, 4), False), (date(2025, 2, 8), True),
    (date(2025, 4, 27), True), (date(2025, 6, 2), False), (date(2025, 9, 28), True), (date(2025, 10, 8), False),
    (date(2025, 10, 11), True), (date(2026, 1, 1), True),  # 2026 is not covered: Monday–Friday
])
def test_working_days_of_the_notices(day, working):
    assert CAL.is_working_day(day) is working


def test_ten_working_days_across_the_national_day_holiday():
    # 2024-09-27 (Fri) + 10: 9-29 (Sun, worked), 9-30, then 10-8 .. 10-12 (Sat, worked), 10-14 .. 10-16
    count = add_working_days(date(2024, 9, 27), 10)
    assert count.end == date(2024, 10, 16)
    assert [c.document for c in count.notices] == ["国办发明电〔2023〕7号"] and not count.uncovered


def test_an_uncovered_year_is_reported():
    assert add_working_days(date(2025, 12, 30), 5).uncovered == (2026,)


def test_a_day_both_off_and_worked_is_refused():
    raw = {"format": "zhengce.reference.workdays/1",
           "basis": {"document": "d", "article": "a", "quote": "q", "note": {"zh": "z", "en": "e"}},
           "years": {2024: {"document": "d", "title": "t", "issued": date(2023, 10, 25),
                            "holidays": [{"name": "x", "quote": "q", "days_off": [date(2024, 2, 4)], "days_worked": [date(2024, 2, 4)]}]}}}
    with pytest.raises(ValueError):
        parse_calendar(raw)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 900).map(lambda k: date(2023, 12, 1) + timedelta(days=k)), st.integers(1, 30))
def test_the_end_is_the_nth_working_day_after_the_start(start, n):
    count = add_working_days(start, n)
    assert CAL.is_working_day(count.end)
    assert CAL.working_days_between(start, count.end) == n
    assert CAL.working_days_between(start, count.end - timedelta(days=1)) == n - 1
