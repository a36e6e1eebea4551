"""Every competition example is explained in Chinese and English, every step cited, and neither
language leaks into the other (outside verbatim quotes, 文号 and fact paths)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from zhengce.contracts import FindingStatus, Status
from zhengce.kernel import Kernel
from zhengce.kernel.testing import load_yaml_cases
from zhengce_competition.plugin import plugin

KERNEL = Kernel([plugin])
EXAMPLE_DIR = Path(__file__).resolve().parents[3] / "examples" / "cases"
EXAMPLES = {
    "competition_merger_filing.json": "competition.merger_filing_thresholds",
    "competition_fair_competition_review.json": "competition.fair_competition_review",
    "competition_complaint_handling.json": "competition.fair_competition_complaint_handling",
    "competition_fine_provision.json": "competition.fine_provision_validator",
}
AS_OF = date(2026, 1, 31)
CASES = Path(__file__).parent / "cases"
LATIN = re.compile(r"[A-Za-z]")
CJK = re.compile(r"[\u3400-\u9fff]")
#: 文号 and other names an English sentence may carry verbatim.
NAMES = re.compile(r"国令第\d+号|国发〔\d+〕\d+号|市场监管总局公告\d+年第\d+号|第[一二三四五六七八九十]+条")


def _steps(result):
    return (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())


def _spec(policy_id):
    return next(s for s in plugin.declare_policies() if s.id == policy_id)


def _run(name):
    return KERNEL.evaluate(json.loads((EXAMPLE_DIR / name).read_text(encoding="utf-8")), as_of=AS_OF).result(EXAMPLES[name])


def test_every_policy_has_an_example():
    assert set(EXAMPLES.values()) == {s.id for s in plugin.declare_policies()}
    assert all((EXAMPLE_DIR / name).is_file() for name in EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_applies_and_is_explained_with_every_step_cited(name, lang):
    result = _run(name)
    assert result.status is Status.APPLIES, (result.missing, result.error)
    explanation = plugin.explain(_spec(result.policy_id), result, lang)
    assert explanation.summary and len(explanation.lines) == len(_steps(result))
    assert all(s.citation is not None and s.citation.quote for s in _steps(result))


def test_example_outcomes():
    merger = _run("competition_merger_filing.json").evaluation
    assert merger.finding("threshold_worldwide").status is FindingStatus.MET  # 125亿 > 120亿, 乙 8亿 + 1 元
    assert merger.finding("filing_required").status is FindingStatus.MET
    assert merger.finding("no_implementation_before_filing").status is FindingStatus.MET
    review = _run("competition_fair_competition_review.json").evaluation
    assert review.amount("prohibited_provisions") == 2 and review.finding("may_issue").status is FindingStatus.NOT_MET
    assert review.finding("provision_3").status is FindingStatus.MET  # excepted under 第十二条
    complaint = _run("competition_complaint_handling.json").evaluation
    assert complaint.date("correction_deadline") == date(2025, 10, 15)  # National Day holidays skipped, Saturday 10-11 worked
    assert complaint.date("verification_deadline") == date(2025, 12, 13)
    fines = _run("competition_fine_provision.json").evaluation
    assert fines.finding("range_within_ratio_amount").status is FindingStatus.NOT_MET  # 100000 / 5000 = 20 > 10
    assert fines.date("amendment_latest_with_extension") == date(2025, 6, 1)
    assert fines.finding("aged_75_or_more").status is FindingStatus.MET  # the 75th birthday itself


def _texts(result, lang):
    """Every sentence the plugin writes in ``lang``: step labels and notes, finding labels and details."""
    out = []
    for s in _steps(result):
        out += [s.label.in_lang(lang)] + ([s.note.in_lang(lang)] if s.note else [])
    ev = result.evaluation
    for f in ev.findings if ev else ():
        out += [f.label.in_lang(lang)] + ([f.detail.in_lang(lang)] if f.detail else [])
    for a in ev.amounts if ev else ():
        out += [a.label.in_lang(lang)] if a.label else []
    return out


def _all_results():
    for f in sorted(CASES.glob("*.yaml")):
        for yc in load_yaml_cases(f):
            yield f"{f.name}::{yc.name}", KERNEL.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at).result(yc.policy)
    for name in EXAMPLES:
        yield name, _run(name)


def test_no_english_in_chinese_and_no_chinese_in_english():
    problems = []
    for where, result in _all_results():
        for text in _texts(result, "zh"):
            if LATIN.search(text):
                problems.append(f"{where}: zh text with Latin letters: {text}")
        for text in _texts(result, "en"):
            if CJK.search(NAMES.sub("", text)):
                problems.append(f"{where}: en text with Chinese: {text}")
        zh = plugin.explain(_spec(result.policy_id), result, "zh").summary
        en = plugin.explain(_spec(result.policy_id), result, "en").summary
        if not result.missing:
            if LATIN.search(zh):
                problems.append(f"{where}: zh summary with Latin letters: {zh}")
            if CJK.search(NAMES.sub("", en)):
                problems.append(f"{where}: en summary with Chinese: {en}")
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_every_step_of_every_yaml_case_is_cited():
    problems = [f"{where}: {s.id}" for where, result in _all_results() for s in _steps(result)
                if s.citation is None and s.id != "in_force"]
    assert not problems, problems


def test_the_merger_explanation_says_special_sector_turnover_is_an_input():
    result = _run("competition_merger_filing.json")
    assert "特殊行业" in plugin.explain(_spec(result.policy_id), result, "zh").summary
    assert "banks, insurers, securities and futures" in plugin.explain(_spec(result.policy_id), result, "en").summary
