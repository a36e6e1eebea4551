"""Run the YAML cases of the trade_investment plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, yaml_case_params
from zhengce_trade_investment.plugin import POLICIES, plugin

KERNEL = Kernel([plugin])
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_every_policy_has_cases_on_both_sides():
    statuses: dict[str, set[str]] = {}
    for param in yaml_case_params(CASES):
        yc = param.values[0]
        statuses.setdefault(yc.policy, set()).add(yc.expect.get("status"))
    assert set(statuses) == {spec.id for spec in POLICIES}
    for policy, seen in statuses.items():
        assert {"applies", "does_not_apply"} <= seen, (policy, seen)
