"""Run the YAML cases of the consumer plugin through a kernel holding only this plugin."""

from collections import Counter
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, yaml_case_params
from zhengce_consumer.plugin import plugin

KERNEL = Kernel([plugin])
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_at_least_five_cases_per_policy():
    counts = Counter(p.values[0].policy for p in yaml_case_params(CASES))
    for spec in plugin.declare_policies():
        assert counts[spec.id] >= 5, (spec.id, counts[spec.id])
