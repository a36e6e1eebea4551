"""Run the YAML cases of the competition plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, yaml_case_params
from zhengce_competition.plugin import plugin

KERNEL = Kernel([plugin])
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_every_policy_has_at_least_ten_cases():
    counts = {}
    for param in yaml_case_params(CASES):
        case = param.values[0]
        counts[case.policy] = counts.get(case.policy, 0) + 1
    assert set(counts) == {spec.id for spec in plugin.declare_policies()}
    assert min(counts.values()) >= 10, counts
