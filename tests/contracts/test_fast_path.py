"""The fast path of validation (``contracts/fast.py``) builds what the converter builds, and never
accepts what the converter refuses: on every example case, synthetic registries, random valid
objects of every section, and random corruptions of the examples."""

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengce.contracts import CaseValidationError, structure, unstructure
from zhengce.contracts.fast import fast_case_hook
from zhengce.kernel import Kernel
from zhengce.kernel.batch.synthetic import car_cases, enterprise_cases
from zhengce.kernel.testing import contract_strategy

KERNEL = Kernel()
CASE_TYPE = KERNEL.case_type
FAST = fast_case_hook(CASE_TYPE)
EXAMPLES = [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.json"))]


def slow(data):
    try:
        return structure(data, CASE_TYPE)
    except CaseValidationError:
        return None


def fast(data):
    try:
        return FAST(data)
    except Exception:  # noqa: BLE001 - any doubt goes to the converter
        return None


def agree(data):
    """The fast path either declines or builds exactly what the converter builds."""
    quick = fast(data)
    if quick is not None:
        assert quick == slow(data), data
    return quick


def test_the_examples_take_the_fast_path():
    declined = [d.get("case_id") for d in EXAMPLES if agree(d) is None]
    # only the examples written in older field names (migrations) are left to the converter
    assert len(declined) <= 3, declined


def test_synthetic_registries_agree():
    for data in [*car_cases(2000, seed=5), *enterprise_cases(500, 11, CASE_TYPE)]:
        agree(data)


@pytest.mark.parametrize("name", sorted(KERNEL.sections))
def test_random_valid_sections_agree(name):
    section_type = KERNEL.sections[name].type

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(contract_strategy(section_type))
    def check(value):
        data = {name: unstructure(value)}
        built = slow(data)
        if built is not None:
            assert agree(data) in (None, built)

    check()


JUNK = [None, True, False, 0, -1, 7, 1.5, float("nan"), "", "x", "-0", "1e5", "2024-02-30", "2024-1-1",
        "999999999999999999999999", "\ud800", "长" * 3000, [], [1], {}, {"a": 1}, Decimal("-3"), "NaN"]


def _corrupt(value, rng):
    """``value`` with one leaf (or a key) replaced by junk."""
    if isinstance(value, dict) and value:
        key = rng.choice(sorted(value, key=str))
        out = dict(value)
        if rng.random() < 0.1:
            out[key + "_typo"] = out.pop(key)
        else:
            out[key] = _corrupt(value[key], rng)
        return out
    if isinstance(value, list) and value:
        i = rng.randrange(len(value))
        return [*value[:i], _corrupt(value[i], rng), *value[i + 1:]]
    return rng.choice(JUNK)


def test_corrupted_examples_never_pass_the_fast_path_alone():
    rng = random.Random(2024)
    accepted = 0
    for _ in range(3000):
        data = _corrupt(rng.choice(EXAMPLES), rng)
        accepted += agree(data) is not None
    assert accepted > 0  # some corruptions are still valid input (e.g. a string for a string)
