"""Run the YAML cases of the tradein plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, yaml_case_params
from zhengce_tradein.plugin import plugin

KERNEL = Kernel([plugin])


@pytest.mark.parametrize("yaml_case", yaml_case_params(Path(__file__).parent / "cases"))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_at_least_fifteen_cases():
    assert len(yaml_case_params(Path(__file__).parent / "cases")) >= 15
