"""The command line at 80 columns and when piped; the assessment day without --as-of."""

from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel.cli import main
from zhengce.kernel.listing import assessment_notice, cells, last_dated_day, wrap
from zhengce.kernel import Kernel

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "cases" / "taxation_reverse_invoicing.json")


@pytest.mark.parametrize("command", ["policies", "plugins"])
def test_listings_fit_80_columns_when_piped(command, capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # pytest's stdout is not a terminal: piped
    assert main([command]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(cells(line) for line in lines) <= 80
    assert "tradein.car_scrappage_subsidy" in out if command == "policies" else "zhengce-tradein" in out
    if command == "policies":  # every policy is listed, one block each, none squeezed into a column
        assert len([ln for ln in lines if ln and not ln.startswith(" ") and "(" in ln]) == len(Kernel().policies)


def test_wrap_counts_a_chinese_character_as_two_columns():
    lines = wrap("专精特新“小巨人”企业奖补" * 6, 20, "  ")
    assert all(cells(line) <= 20 for line in lines) and "".join(s.strip() for s in lines) == "专精特新“小巨人”企业奖补" * 6


def test_without_as_of_the_day_is_printed_and_a_stale_policy_warned(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["evaluate", EXAMPLE, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"Assessed as of {date.today()} (no --as-of given" in out
    assert "Warning: taxation.reverse_invoicing" in out.replace("\n", " ")
    assert main(["evaluate", EXAMPLE, "--lang", "en", "--as-of", "2024-06-01"]) == 0
    out = capsys.readouterr().out
    assert "Assessed as of" not in out and "Warning:" not in out


def test_assessment_notice_only_past_the_last_dated_day():
    spec = next(r.spec for r in Kernel().policies if r.spec.id == "tradein.car_scrappage_subsidy")
    last = last_dated_day(spec)
    assert last == date(2025, 1, 10)
    assert len(assessment_notice(last, False, [spec], "zh")) == 1  # on the day itself: no warning
    assert len(assessment_notice(date(2025, 1, 11), False, [spec], "zh")) == 2
    assert assessment_notice(date(2030, 1, 1), True, [spec], "zh") == []
