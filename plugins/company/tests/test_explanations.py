"""Every example and YAML case is explained in zh and en with every step cited; zh text carries no
English outside quotes, en text no Chinese outside quotes and 文号."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import load_yaml_cases
from zhengce_company import plugin

KERNEL = Kernel([plugin.plugin])
EXAMPLES = {
    "company_registered_capital_llc.json": "company.registered_capital_transition",
    "company_capital_publicity.json": "company.capital_information_publicity",
    "company_deregistration_by_announcement.json": "company.deregistration_by_announcement",
    "company_road_freight_one_stop.json": "company.road_freight_one_stop_opening",
    "company_one_stop_deregistration.json": "company.one_stop_change_and_deregistration",
}
EXAMPLE_DIR = Path(__file__).resolve().parents[3] / "examples" / "cases"
CASES = Path(__file__).parent / "cases"
QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|《[^》]*》")
DOC_NO = re.compile(r"[\u4e00-\u9fff]*〔\d{4}〕\d+\s*号|国令第\d+号|国务院令第\d+号（[^）]*）|国务院令第\d+号")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")


def _spec(policy_id):
    return next(s for s in plugin.POLICIES if s.id == policy_id)


def _steps(result):
    return (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())


def language_problems(result):
    """Labels, notes and the summary in each language, checked for the other language's script."""
    problems = []
    texts = [t for s in _steps(result) if s.id != "in_force" for t in (s.label, s.note) if t is not None]
    for lang in ("zh", "en"):
        summary = plugin.plugin.explain(_spec(result.policy_id), result, lang).summary
        for text in [t.in_lang(lang) for t in texts] + [summary]:
            bare = QUOTED.sub("", text)
            if lang == "zh":
                bare = re.sub(r"\b(missing|[a-z_]+\.[a-z_.\[\]0-9]+)\b", "", bare)  # fact paths are identifiers
                if LATIN.search(bare):
                    problems.append(f"zh: {text}")
            elif CJK.search(DOC_NO.sub("", bare)):
                problems.append(f"en: {text}")
    return problems


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_applies_and_is_explained_with_every_step_cited(name, lang):
    case = json.loads((EXAMPLE_DIR / name).read_text(encoding="utf-8"))
    result = KERNEL.evaluate(case, as_of=date(2026, 12, 1)).result(EXAMPLES[name])
    assert result.status.value == "applies", (result.missing, result.error)
    explanation = plugin.plugin.explain(_spec(result.policy_id), result, lang)
    assert explanation.lang == lang and explanation.summary
    assert len(explanation.lines) == len(_steps(result))
    assert all(s.citation is not None and s.citation.quote for s in _steps(result))


def test_example_outcomes():
    def run(name):
        case = json.loads((EXAMPLE_DIR / name).read_text(encoding="utf-8"))
        return KERNEL.evaluate(case, as_of=date(2026, 12, 1)).result(EXAMPLES[name]).evaluation

    assert run("company_capital_publicity.json").date("publicity_deadline") == date(2025, 10, 30)
    assert run("company_road_freight_one_stop.json").finding("decided_in_time").status.value == "met"
    assert run("company_one_stop_deregistration.json").amount("breaches") == 1
    llc = run("company_registered_capital_llc.json")
    assert llc.finding("adjusted_in_time").status.value == "met" and llc.date("latest_due_day") == date(2032, 6, 30)


def test_every_step_of_every_yaml_case_is_cited_and_in_one_language():
    problems = []
    for f in sorted(CASES.glob("*.yaml")):
        for yc in load_yaml_cases(f):
            result = KERNEL.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at).result(yc.policy)
            problems += [f"{yc.name}: {s.id} uncited" for s in _steps(result) if s.citation is None and s.id != "in_force"]
            problems += [f"{yc.name}: {p}" for p in language_problems(result)]
    assert not problems, "\n".join(problems)
