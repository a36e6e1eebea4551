"""Every quote of every finance parameter file occurs verbatim (whitespace aside) in the seed."""

import pytest

from zhengce.kernel.citations import check_quotes, seed_path
from zhengce_finance import plugin as declared


def test_every_policy_has_parameters():
    assert declared.POLICIES and all(spec.parameters is not None for spec, _ in declared.POLICIES)


def test_quotes_are_in_the_seed():
    path = seed_path()
    if path is None:
        pytest.skip("the seed (../shared/seed/000_4009ee4a0165607f.txt or $ZHENGCE_SEED) is absent")
    problems = check_quotes(path.read_text(encoding="utf-8"), [spec.parameters for spec, _ in declared.POLICIES])
    assert not problems, "\n".join(problems)
