"""Every consumer example case is explained in Chinese and English, every step with its citation,
and neither language leaks into the other outside quotes, 文号 and fact paths."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import load_yaml_cases
from zhengce_consumer.plugin import plugin

KERNEL = Kernel([plugin])
EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples" / "cases").glob("consumer_*.json"))
AS_OF = date(2025, 6, 1)
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
DOCUMENTS = {d.number for spec in plugin.declare_policies() for d in spec.parameters.documents.values()}


def spec_of(policy_id):
    return next(s for s in plugin.declare_policies() if s.id == policy_id)


def steps_of(result):
    return (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())


def test_every_policy_has_an_example():
    ids = set()
    for path in EXAMPLES:
        record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF)
        ids |= {r.policy_id for r in record.results if r.status.value == "applies"}
    assert ids == {spec.id for spec in plugin.declare_policies()}


def _without_quotes_and_ids(text):
    """The prose of a line: no 「…」 quotes, 文号, fact paths, policy ids or values."""
    text = re.sub(r"「[^」]*」", "", text)
    text = re.sub(r"\[(?:[^\[\]]|\[[^\]]*\])*\]", "", text)  # the facts used: paths and values
    text = re.sub(r"= (met|not_met|unknown|duty|info|not_yet_due)\b", "", text)  # the kernel's finding values
    for number in DOCUMENTS:
        text = text.replace(number, "")
    return text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_explained_with_every_step_cited(path, lang):
    record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF)
    results = [r for r in record.results if r.policy_id.startswith("consumer.")]
    assert results
    for result in results:
        assert result.status.value == "applies", (result.policy_id, result.missing, result.error)
        explanation = plugin.explain(spec_of(result.policy_id), result, lang)
        assert explanation.summary and explanation.lines
        uncited = [s.id for s in steps_of(result) if s.citation is None or not s.citation.quote]
        assert not uncited, f"{result.policy_id}: steps without a citation: {uncited}"
        prose = [_without_quotes_and_ids(t) for t in [explanation.title, explanation.summary, *(l.text for l in explanation.lines)]]
        if lang == "en":
            leaks = [t for t in prose if HAN.search(t)]
        else:
            leaks = [t for t in prose if LATIN_WORD.search(re.sub(r"\b(CNY|max|min)\b", "", t))]
        assert not leaks, leaks


def test_every_step_of_every_yaml_case_is_cited_and_explained():
    problems = []
    for f in sorted((Path(__file__).parent / "cases").glob("*.yaml")):
        for yc in load_yaml_cases(f):
            result = KERNEL.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at).result(yc.policy)
            problems += [f"{f.name}::{yc.name}: {s.id}" for s in steps_of(result) if s.citation is None and s.id != "in_force"]
            for lang in ("zh", "en"):
                assert plugin.explain(spec_of(yc.policy), result, lang).summary
    assert not problems, "\n".join(problems)
