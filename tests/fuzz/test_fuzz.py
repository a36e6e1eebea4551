"""The fuzz suite (issue 11): every outcome of a mutated, malformed or faulty run is a documented one.

``ZHENGCE_FUZZ=long python3 dev.py test tests/fuzz`` runs the long profile (tens of thousands of inputs).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import CaseValidationError, Status, dumps, parse_json
from zhengce.kernel import Kernel, fuzz
from zhengce.kernel.faults import FAULTS, FaultyPlugin, faulty_plugins

from .conftest import API, CLI, MALFORMED

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2024, 9, 1)
KERNEL = Kernel()
EXAMPLES = fuzz.examples(ROOT)
TARGETS = [(name, data, t) for name, data in EXAMPLES for t in fuzz.targets(KERNEL.case_type, data)]
TARGET = st.sampled_from(TARGETS)
MUTATION = st.sampled_from(fuzz.MUTATIONS)


def test_every_example_field_is_a_target():
    assert len(TARGETS) > 500 and {name for name, _, _ in TARGETS} == {name for name, _ in EXAMPLES}


@settings(settings.get_profile("fuzz-ci"), max_examples=API)
@given(target=TARGET, mutation=MUTATION)
def test_a_mutated_field_through_the_api(target, mutation):
    name, data, t = target
    if mutation.value is fuzz.SKIP:
        return
    valid = fuzz.expected_valid(t.type, t.domain, mutation.value, t.each)
    raw, detail = fuzz.run_api(KERNEL, fuzz.mutate(data, t.path, mutation.value), as_of=AS_OF)
    assert fuzz.judge(valid, raw) in fuzz.DOCUMENTED, (name, t.dotted, mutation.label, raw, detail)


@settings(settings.get_profile("fuzz-ci"), max_examples=CLI)
@given(target=TARGET, mutation=MUTATION.filter(lambda m: m.json_text is not None))
def test_a_mutated_field_through_the_cli(target, mutation, tmp_path_factory):
    name, data, t = target
    valid = fuzz.expected_valid(t.type, t.domain, fuzz.json_value(mutation), t.each)
    raw, detail = fuzz.run_cli(fuzz.as_json_text(data, t.path, mutation), tmp_path_factory.mktemp("cli"), as_of=AS_OF)
    assert fuzz.judge(valid, raw) in fuzz.DOCUMENTED, (name, t.dotted, mutation.label, raw, detail)


def _texts() -> st.SearchStrategy[bytes]:
    """Malformed files: an example cut short, a byte changed, bytes added, random bytes, other encodings."""
    raw = st.sampled_from([json.dumps(d, ensure_ascii=False).encode("utf-8") for _, d in EXAMPLES])
    cut = st.tuples(raw, st.integers(0, 2000)).map(lambda x: x[0][: x[1]])
    flipped = st.tuples(raw, st.integers(0, 2000), st.integers(0, 255)).map(
        lambda x: x[0][: x[1] % len(x[0])] + bytes([x[2]]) + x[0][x[1] % len(x[0]) + 1:])
    inserted = st.tuples(raw, st.integers(0, 2000), st.binary(min_size=1, max_size=8)).map(
        lambda x: x[0][: x[1] % len(x[0])] + x[2] + x[0][x[1] % len(x[0]):])
    recoded = st.tuples(raw, st.sampled_from(["utf-16", "utf-16-be", "utf-32", "gb18030", "latin-1"])).map(
        lambda x: x[0].decode("utf-8").encode(x[1], "replace"))
    return st.one_of(cut, flipped, inserted, recoded, st.binary(max_size=64), st.text(max_size=64).map(
        lambda s: s.encode("utf-8", "surrogatepass")))


@settings(settings.get_profile("fuzz-ci"), max_examples=MALFORMED)
@given(text=_texts())
def test_a_malformed_file_through_the_api(text):
    try:
        record = KERNEL.evaluate(parse_json(text), as_of=AS_OF)
    except CaseValidationError as exc:
        json.dumps(exc.to_json(), ensure_ascii=False).encode("utf-8")
        assert exc.problems
    else:
        assert not [r.error for r in record.results if r.error]
        dumps(record).encode("utf-8")


@settings(settings.get_profile("fuzz-ci"), max_examples=max(CLI // 2, 10))
@given(text=_texts())
def test_a_malformed_file_through_the_cli(text, tmp_path_factory):
    raw, detail = fuzz.run_cli(text, tmp_path_factory.mktemp("bad"), as_of=AS_OF)
    assert raw in fuzz.DOCUMENTED, detail


# --- faulty plugins next to the real ones ---------------------------------------------------------

BUDGET = 0.3
SLOW = {"sleeps", "busy_loop", "retry_forever", "explain_sleeps"}


def _reaching(data: dict) -> dict:
    """The example, with an applicant so that the fault probe (which reads ``applicant``) is reached."""
    return data if data.get("applicant") else {**data, "applicant": {"type": "enterprise"}}


BASELINE = {name: KERNEL.evaluate(_reaching(d), as_of=AS_OF) for name, d in EXAMPLES}


def _check_isolated(kernel: Kernel, name: str, data: dict, faulty: list[FaultyPlugin]) -> None:
    record = kernel.evaluate(_reaching(data), as_of=AS_OF)
    probes = {p.policy_id: p for p in faulty}
    others = tuple(r for r in record.results if r.policy_id not in probes)
    assert dumps(others) == dumps(BASELINE[name].results), name  # byte-identical
    for pid, plugin in probes.items():
        result = record.result(pid)
        if plugin.expected is None:  # the result is fine; only its explanation falls back
            assert result.status is Status.APPLIES, (plugin.kind, result.error)
        else:
            assert result.status is Status.ERROR and result.error.kind == plugin.expected, (plugin.kind, result.error)
    json.loads(dumps(record))
    for result in record.results:
        explanation = kernel.explain(result, "en")
        dumps(explanation).encode("utf-8")


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_a_faulty_plugin_of_each_kind_is_isolated(kind):
    kernel = Kernel(policy_timeout=BUDGET if kind in SLOW else 10)  # a short budget only where it is the point
    plugin = FaultyPlugin(kind)
    kernel.register(plugin)
    for name, data in EXAMPLES[:3] if kind in SLOW else EXAMPLES:
        _check_isolated(kernel, name, data, [plugin])


def test_every_kind_of_faulty_plugin_at_once():
    kernel = Kernel(policy_timeout=BUDGET)
    plugins = faulty_plugins()
    for p in plugins:
        kernel.register(p)
    assert not kernel.problems
    for name, data in EXAMPLES[::13]:
        _check_isolated(kernel, name, data, plugins)
