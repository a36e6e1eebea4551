"""Every example and YAML case is explained in zh and en with every step cited; zh text carries no
English outside quotes (PCT aside, as the law writes it), en text no Chinese outside quotes and 文号."""

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import load_yaml_cases
from zhengce_ip import plugin

KERNEL = Kernel([plugin.plugin])
EXAMPLES = {
    "ip_patent_term_compensation.json": "ip.patent_term_compensation_fees",
    "ip_open_licence_annual_fee.json": "ip.patent_annual_fee_reduction",
    "ip_hague_design_fee.json": "ip.hague_design_fee_reduction",
    "ip_batch_name_change.json": "ip.batch_bibliographic_change_fee",
    "ip_pct_national_phase.json": "ip.pct_national_phase_exemptions",
}
EXAMPLE_DIR = Path(__file__).resolve().parents[3] / "examples" / "cases"
CASES = Path(__file__).parent / "cases"
QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|《[^》]*》")
DOC_NO = re.compile(r"[\u4e00-\u9fff]*〔\d{4}〕\d+\s*号|国家知识产权局公告第五九四号|某项减免")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")


def _spec(policy_id):
    return next(s for s in plugin.POLICIES if s.id == policy_id)


def _steps(result):
    return (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())


def language_problems(result):
    problems = []
    texts = [t for s in _steps(result) if s.id != "in_force" for t in (s.label, s.note) if t is not None]
    for lang in ("zh", "en"):
        summary = plugin.plugin.explain(_spec(result.policy_id), result, lang).summary
        for text in [t.in_lang(lang) for t in texts] + [summary]:
            bare = QUOTED.sub("", text)
            if lang == "zh":
                bare = re.sub(r"PCT|\b[a-z_]+\.[a-z_.\[\]0-9]+\b|#\d+|\b[AB]\b", "", bare)
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

    assert run("ip_patent_term_compensation.json").amount("total_fees") == 16200
    fee = run("ip_open_licence_annual_fee.json")
    assert fee.amount("reduction_rate") == Decimal("0.85") and fee.amount("fee_payable") == 180  # 85 %, never 100 %
    assert run("ip_batch_name_change.json").amount("fee") == 200
    assert run("ip_hague_design_fee.json").amount("fee_payable") == 300
    assert run("ip_pct_national_phase.json").finding("examination_fee_exempt").status.value == "met"


def test_the_open_licence_explanation_leads_with_the_choice():
    case = json.loads((EXAMPLE_DIR / "ip_open_licence_annual_fee.json").read_text(encoding="utf-8"))
    result = KERNEL.evaluate(case, as_of=date(2026, 12, 1)).result("ip.patent_annual_fee_reduction")
    assert plugin.plugin.explain(_spec(result.policy_id), result, "en").summary.startswith("applies: Chosen: 财税〔2016〕78号")
    assert plugin.plugin.explain(_spec(result.policy_id), result, "zh").summary.startswith("适用：选择适用：财税〔2016〕78号")


def test_every_step_of_every_yaml_case_is_cited_and_in_one_language():
    problems = []
    for f in sorted(CASES.glob("*.yaml")):
        for yc in load_yaml_cases(f):
            result = KERNEL.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at).result(yc.policy)
            problems += [f"{yc.name}: {s.id} uncited" for s in _steps(result) if s.citation is None and s.id != "in_force"]
            problems += [f"{yc.name}: {p}" for p in language_problems(result)]
    assert not problems, "\n".join(problems)
