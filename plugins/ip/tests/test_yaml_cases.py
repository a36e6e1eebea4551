"""Run the YAML cases of the ip plugin through a kernel holding only this plugin."""

from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.testing import check_yaml_case, load_yaml_cases, yaml_case_params
from zhengce_ip.plugin import plugin

KERNEL = Kernel([plugin])
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("yaml_case", yaml_case_params(CASES))
def test_yaml_case(yaml_case):
    _, problems = check_yaml_case(KERNEL, yaml_case)
    assert not problems, "\n".join(problems)


def test_every_policy_has_cases_on_both_sides():
    by_policy: dict[str, set[str]] = {}
    for f in CASES.glob("*.yaml"):
        for c in load_yaml_cases(f):
            by_policy.setdefault(c.policy, set()).add(c.expect.get("status"))
    assert set(by_policy) == {s.id for s in plugin.declare_policies()}
    for policy, statuses in by_policy.items():
        assert {"applies", "does_not_apply"} <= statuses, policy
