"""Every quote of this plugin's parameter files occurs in the legal source (whitespace aside)."""

import pytest

from zhengce.kernel.citations import check_quotes, seed_path
from zhengce_data_assets import plugin

SEED = seed_path()


@pytest.mark.seed
def test_every_quote_of_data_assets_occurs_in_the_seed():
    if SEED is None:
        pytest.skip("the legal source ../shared/seed/000_4009ee4a0165607f.txt is absent (set ZHENGCE_SEED)")
    sets = [spec.parameters for spec in plugin.POLICIES]
    problems = check_quotes(SEED.read_text(encoding="utf-8"), sets)
    assert not problems, "\n".join(problems)


def test_every_value_is_cited():
    for spec in plugin.POLICIES:
        for param, value in spec.parameters.values():
            c = value.citation
            assert c.document and c.article and c.quote, f"{spec.id}: {param.name}"
