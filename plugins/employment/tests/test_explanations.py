"""Every employment example and YAML case is explained in Chinese and English, every step with its
citation; the English output has no Chinese outside quotes, titles and 文号, the Chinese summary no English."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import load_yaml_cases
from zhengce_employment.plugin import plugin

KERNEL = Kernel([plugin])
ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples" / "cases").glob("employment_*.json"))
AS_OF = date(2026, 12, 1)
CJK = re.compile(r"[\u3400-\u9fff]")
ALLOWED = re.compile(r"「[^」]*」|《[^》]*》|“[^”]*”|\[[^\]]*\]|[\u3400-\u9fff]+〔\d{4}〕\d+号")
SPECS = {spec.id: spec for spec in plugin.declare_policies()}


def steps(result):
    return (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())


def english_problems(text: str) -> list[str]:
    return CJK.findall(ALLOWED.sub("", text))


def test_every_policy_has_an_example():
    ids = set()
    for path in EXAMPLES:
        record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF)
        ids |= {r.policy_id for r in record.results if r.status.value == "applies"}
    assert ids == set(SPECS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_explained_with_every_step_cited(path, lang):
    record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF)
    results = [r for r in record.results if r.policy_id.startswith("employment.")]
    assert results
    for result in results:
        assert result.status.value == "applies", (result.policy_id, result.missing, result.error)
        explanation = plugin.explain(SPECS[result.policy_id], result, lang)
        assert explanation.summary and explanation.lines
        assert all(s.citation is not None and s.citation.quote for s in steps(result)), result.policy_id
        texts = [explanation.summary, *(line.text for line in explanation.lines)]
        if lang == "en":
            assert not [t for t in texts if english_problems(t)], [t for t in texts if english_problems(t)]
        else:
            assert not re.search(r"[A-Za-z]", ALLOWED.sub("", explanation.summary)), explanation.summary


def test_every_step_of_every_yaml_case_is_cited_and_explained():
    problems = []
    for f in sorted((Path(__file__).parent / "cases").glob("*.yaml")):
        for yc in load_yaml_cases(f):
            result = KERNEL.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at).result(yc.policy)
            # the kernel's in-force gate cites nothing
            problems += [f"{f.name}::{yc.name}: {s.id} uncited" for s in steps(result) if s.citation is None and s.id != "in_force"]
            for lang in ("zh", "en"):
                explanation = plugin.explain(SPECS[yc.policy], result, lang)
                assert explanation.summary
                if lang == "en":
                    for text in (explanation.summary, *(line.text for line in explanation.lines)):
                        if english_problems(text):
                            problems.append(f"{f.name}::{yc.name}: Chinese in English: {text}")
    assert not problems, "\n".join(problems)
