"""Run the YAML cases of the energy plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, yaml_case_params
from zhengce_energy import plugin

KERNEL = Kernel([plugin.plugin])


@pytest.mark.parametrize("yaml_case", yaml_case_params(Path(__file__).parent / "cases"))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_at_least_five_cases_per_policy():
    from collections import Counter
    counts = Counter(p.values[0].policy for p in yaml_case_params(Path(__file__).parent / "cases"))
    for spec in plugin.plugin.declare_policies():
        assert counts[spec.id] >= 5, (spec.id, counts[spec.id])
