"""Run the YAML cases of the finance plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, load_yaml_cases, yaml_case_params
from zhengce_finance import plugin as declared
from zhengce_finance.plugin import plugin

CASES = Path(__file__).parent / "cases"
KERNEL = Kernel([plugin])


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("policy", [spec.id for spec, _ in declared.POLICIES])
def test_at_least_five_cases_per_policy(policy):
    cases = [c for f in sorted(CASES.glob("*.yaml")) for c in load_yaml_cases(f) if c.policy == policy]
    assert len(cases) >= 5, f"{policy}: only {len(cases)} YAML cases"
