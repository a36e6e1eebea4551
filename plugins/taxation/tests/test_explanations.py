"""The explanations of the issue-19 items lead with the outcome, in both languages."""

import json
from datetime import date
from pathlib import Path

from zhengce.kernel import Kernel
from zhengce_taxation import plugin

KERNEL = Kernel([plugin.plugin])
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "cases"


def _explain(example: str, policy: str, lang: str, as_of: date):
    case = json.loads((EXAMPLES / example).read_text(encoding="utf-8"))
    return KERNEL.explain(KERNEL.evaluate(case, as_of=as_of).result(policy), lang)


def test_migration_summary_leads_with_how_the_move_is_processed():
    zh = _explain("taxation_cross_region_migration.json", "taxation.cross_region_migration", "zh", date(2024, 11, 1))
    en = _explain("taxation_cross_region_migration.json", "taxation.cross_region_migration", "en", date(2024, 11, 1))
    assert zh.summary.startswith("适用：迁移手续即时办理")
    assert en.summary.startswith("applies: The move is processed at once")
    assert "多缴税款 8600.00 元" in zh.summary and "CNY 8600.00" in en.summary
    assert any("迁入地延续的未抵扣增值税进项税额" in line.text and line.text.endswith("= 46250.80") for line in zh.lines)


def test_withholding_summary_gives_the_remittance_day_and_the_duties():
    for lang, words in (("zh", ("2024-10-12", "全员全额扣缴申报", "补足资金")),
                        ("en", ("2024-10-12", "full withholding return", "top it up"))):
        exp = _explain("taxation_neeq_dividend_withholding.json", "taxation.neeq_dividend_differential_iit", lang, date(2024, 11, 1))
        assert all(w in exp.summary for w in words), exp.summary
