"""Run the YAML cases of the data_assets plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, load_yaml_cases, yaml_case_params
from zhengce_data_assets import plugin

KERNEL = Kernel([plugin.plugin])
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("spec", plugin.POLICIES, ids=lambda s: s.id)
def test_at_least_five_cases_per_policy(spec):
    cases = [c for f in sorted(CASES.glob("*.yaml")) for c in load_yaml_cases(f) if c.policy == spec.id]
    assert len(cases) >= 5, f"{spec.id}: only {len(cases)} YAML cases"
