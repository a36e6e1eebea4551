"""Run the YAML cases of the taxation plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, load_yaml_cases, yaml_case_params
from zhengce_taxation import plugin

KERNEL = Kernel([plugin.plugin])
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_every_declared_policy_has_at_least_five_cases():
    counts = {}
    for f in CASES.glob("*.yaml"):
        for c in load_yaml_cases(f):
            counts[c.policy] = counts.get(c.policy, 0) + 1
    for spec in plugin.POLICIES:
        assert counts.get(spec.id, 0) >= 5, f"{spec.id}: {counts.get(spec.id, 0)} YAML cases"
