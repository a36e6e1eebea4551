"""Every trade_investment example is explained in Chinese and English, every step cited; the Chinese
text uses no English and the English text no Chinese, outside quotes, 文号 and fact paths."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import load_yaml_cases
from zhengce_trade_investment.plugin import POLICIES, plugin

KERNEL = Kernel([plugin])
EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples" / "cases").glob("trade_investment_*.json"))
CASES = Path(__file__).parent / "cases"
AS_OF = date(2025, 4, 1)
SPECS = {s.id: s for s in POLICIES}

FACTS = re.compile(r"\[(?:[^\[\]]|\[\d+\])*\]")  # the facts used: paths and values, as the case spells them
QUOTED = re.compile(r"「[^」]*」|'[^']*'|“[^”]*”|《[^》]*》")
NUMBERS = [d.number for spec in POLICIES for d in spec.parameters.documents.values()]
LATIN_OK = {"A", "AEO", "QFII", "RQFII", "FIE", "NEEQ"}  # A 股 and the abbreviations the documents print
STATUS_WORDS = re.compile(r"= (met|not_met|unknown|duty|info|not_yet_due)\b")
CJK = re.compile(r"[\u3400-\u9fff]")


def _steps(result):
    return (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())


def _residue(text: str) -> str:
    text = FACTS.sub("", QUOTED.sub("", text))
    for number in NUMBERS:
        text = text.replace(number, "")
    text = STATUS_WORDS.sub("", text)  # the kernel renders a finding's status by its id
    return re.sub(r"(缺少：|缺少的事实：|; missing: |Missing facts: ).*$", "", text)


def test_every_policy_has_an_example():
    ids = set()
    for path in EXAMPLES:
        record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF)
        ids |= {r.policy_id for r in record.results if r.status.value == "applies"}
    assert ids == set(SPECS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_explained_in_one_language_with_every_step_cited(path, lang):
    record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF)
    assert record.results
    for result in record.results:
        assert result.status.value == "applies", (result.policy_id, result.missing, result.error)
        explanation = plugin.explain(SPECS[result.policy_id], result, lang)
        assert len(explanation.lines) == len(_steps(result))
        assert all(s.citation is not None and s.citation.quote for s in _steps(result))
        _one_language(explanation, lang)


def _one_language(explanation, lang):
    for text in (explanation.summary, *(line.text for line in explanation.lines)):
        rest = _residue(text)
        if lang == "zh":
            words = set(re.findall(r"[A-Za-z]+", rest))
            assert words <= LATIN_OK, (explanation.policy_id, words, text)
        else:
            assert not CJK.search(rest), (explanation.policy_id, text)


def test_us_dollar_amounts_stay_in_us_dollars():
    path = next(p for p in EXAMPLES if p.name == "trade_investment_strategic_investment.json")
    result = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF).result("trade_investment.strategic_investor_eligibility")
    assert {a.unit for a in result.evaluation.amounts} == {"USD"}
    zh = plugin.explain(SPECS[result.policy_id], result, "zh").summary
    en = plugin.explain(SPECS[result.policy_id], result, "en").summary
    assert "50000000 美元" in zh and "USD" not in zh and "元，" not in zh.split("美元")[0][-3:]
    assert "50000000 USD" in en and "CNY" not in en


def test_every_step_of_every_yaml_case_is_cited_and_explained():
    problems = []
    for f in sorted(CASES.glob("*.yaml")):
        for yc in load_yaml_cases(f):
            result = KERNEL.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at).result(yc.policy)
            problems += [f"{f.name}::{yc.name}: {s.id}" for s in _steps(result) if s.citation is None and s.id != "in_force"]
            for lang in ("zh", "en"):
                explanation = plugin.explain(SPECS[yc.policy], result, lang)
                assert explanation.summary
                _one_language(explanation, lang)
    assert not problems, "\n".join(problems)
