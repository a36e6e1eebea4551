"""The kernel's summary sentence: amounts, ratios, counts, open and qualified ranges, findings, missing facts."""

from datetime import date
from decimal import Decimal

from zhengce.contracts import (
    Amount,
    AmountRange,
    Applicability,
    DocumentRef,
    Evaluation,
    Finding,
    FindingStatus,
    PolicyResult,
    Status,
    Text,
)
from zhengce.kernel.render import explanation, range_text, summary_text

L = Text(zh="罚款", en="fine")


def result(**evaluation):
    return PolicyResult(policy_id="x.y", plugin="x", distribution="zhengce-x", version="1", status=Status.APPLIES,
                        applicability=Applicability(status=Status.APPLIES), evaluation=Evaluation(**evaluation),
                        documents=(DocumentRef(document="国令第775号", issued=date(2024, 5, 1)),))


def test_range_text_reads_open_sides():
    assert range_text(Decimal(1), Decimal(2)) == "1–2"
    assert range_text(Decimal(500), None) == "≥ 500"
    assert range_text(None, Decimal(9)) == "≤ 9"


def test_summary_shows_outputs_in_both_languages():
    r = result(amounts=(Amount(name="cap", value=Decimal("0.35"), unit="ratio", label=Text(zh="上限", en="cap")),
                        Amount(name="n", value=Decimal(3), unit="count", label=Text(zh="项数", en="breaches"))),
               ranges=(AmountRange(name="f", minimum=Decimal(50000), maximum=Decimal(200000), label=L, per="person"),
                       AmountRange(name="g", minimum=Decimal(0), maximum=Decimal(10), label=L, discretionary=True)),
               findings=(Finding(id="a", status=FindingStatus.MET, label=L),
                         Finding(id="b", status=FindingStatus.NOT_MET, label=Text(zh="按时清缴", en="surrender on time"))))
    en = summary_text(r, "en")
    assert en.startswith("applies: cap 35%, breaches 3, fine 50000–200000 CNY (per person), fine 0–10 CNY (discretionary)")
    assert en.endswith("(under 国令第775号). Not met: surrender on time. 1 met")
    zh = summary_text(r, "zh")
    assert "罚款 50000–200000 元（每人）" in zh and "罚款 0–10 元（可以并处）" in zh and "。不满足：按时清缴" in zh


def test_named_amounts_and_note():
    r = result(amounts=(Amount(name="subsidy", value=Decimal("20000.00")), Amount(name="hidden", value=Decimal(1))))
    text = explanation(r, Text(zh="补贴", en="subsidy"), "zh", names={"subsidy": ("补贴", "subsidy")},
                       note=Text(zh="种子文件未设定金额", en="the seed sets no amount")).summary
    assert text == "适用：补贴 20000.00 元（依据 国令第775号）。种子文件未设定金额"


def test_lead_findings_open_the_sentence():
    r = result(findings=(Finding(id="a", status=FindingStatus.INFO, label=Text(zh="聚合类", en="aggregator")),))
    assert summary_text(r, "en", lead=("a",)) == "applies: aggregator (under 国令第775号)"


def test_a_duty_is_named_a_duty_in_the_summary_and_the_line():
    r = result(findings=(Finding(id="d", status=FindingStatus.DUTY, label=Text(zh="次月申报", en="file next month")),))
    assert summary_text(r, "zh") == "适用（依据 国令第775号）。应履行：次月申报"
    assert summary_text(r, "en") == "applies (under 国令第775号). Duties: file next month"


def test_does_not_apply_leads_with_the_condition_that_failed():
    from zhengce.contracts import Outcome, Step
    steps = (Step(id="a", label=Text(zh="在有效期内", en="In force"), outcome=Outcome.MET),
             Step(id="b", label=Text(zh="属于乘用车", en="A passenger car"), outcome=Outcome.NOT_MET))
    r = PolicyResult(policy_id="x.y", plugin="x", distribution="zhengce-x", version="1", status=Status.DOES_NOT_APPLY,
                     applicability=Applicability(status=Status.DOES_NOT_APPLY, steps=steps))
    assert summary_text(r, "zh") == "不适用：不满足：属于乘用车"
    assert summary_text(r, "en") == "does not apply: not met: A passenger car"
