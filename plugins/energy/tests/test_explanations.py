"""Every energy example case is explained in Chinese and English, every step with its citation."""

import json
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce_energy import plugin

KERNEL = Kernel([plugin.plugin])
EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples" / "cases").glob("energy_*.json"))
AS_OF = {"energy_carbon_trading_penalties.json": date(2025, 2, 1), "energy_coal_clean_use.json": date(2026, 2, 1),
         "energy_carbon_dual_control_regime.json": date(2026, 3, 1)}


def test_every_policy_has_an_example():
    ids = set()
    for path in EXAMPLES:
        record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=AS_OF.get(path.name, date(2025, 3, 1)))
        ids |= {r.policy_id for r in record.results if r.status.value == "applies"}
    assert ids == {spec.id for spec in plugin.plugin.declare_policies()}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_explained_with_every_step_cited(path, lang):
    case = json.loads(path.read_text(encoding="utf-8"))
    record = KERNEL.evaluate(case, as_of=AS_OF.get(path.name, date(2025, 3, 1)))
    energy = [r for r in record.results if r.policy_id.startswith("energy.")]
    assert energy
    for result in energy:
        assert result.status.value == "applies", (result.policy_id, result.missing, result.error)
        spec = next(s for s in plugin.plugin.declare_policies() if s.id == result.policy_id)
        explanation = plugin.plugin.explain(spec, result, lang)
        assert explanation.summary and explanation.lines
        steps = (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())
        uncited = [s.id for s in steps if s.citation is None]
        assert not uncited, f"{result.policy_id}: steps without a citation: {uncited}"
        assert all(s.citation.quote for s in steps)


def test_every_step_of_every_yaml_case_is_cited():
    from zhengce.kernel.testing import load_yaml_cases

    problems = []
    for f in sorted((Path(__file__).parent / "cases").glob("*.yaml")):
        for yc in load_yaml_cases(f):
            result = KERNEL.evaluate(yc.case, as_of=yc.as_of, known_at=yc.known_at).result(yc.policy)
            steps = (result.applicability.steps if result.applicability else ()) + (result.evaluation.steps if result.evaluation else ())
            # the kernel's in-force gate, and statements that a document is not yet issued, cite nothing
            problems += [f"{f.name}::{yc.name}: {s.id}" for s in steps if s.citation is None and s.id != "in_force"
                         and "not yet issued" not in (s.label.en + (s.note.en if s.note else ""))]
            for lang in ("zh", "en"):
                spec = next(s for s in plugin.plugin.declare_policies() if s.id == yc.policy)
                assert plugin.plugin.explain(spec, result, lang).summary
    assert not problems, "\n".join(problems)
