"""Run the YAML cases of the employment plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, yaml_case_params
from zhengce_employment.plugin import plugin

KERNEL = Kernel([plugin])
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_every_policy_has_cases():
    policies = {param.values[0].policy for param in yaml_case_params(CASES)}
    assert policies == {spec.id for spec in plugin.declare_policies()}
