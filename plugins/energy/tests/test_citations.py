"""Every quote and document number of the energy plugin's parameter files occurs in the seed."""

import pytest

from zhengce.kernel.citations import check_quotes, seed_path
from zhengce_energy import plugin

SEED = seed_path()


@pytest.mark.skipif(SEED is None, reason="the legal source ../shared/seed/000_4009ee4a0165607f.txt is absent "
                                         "(set ZHENGCE_SEED to check citations)")
def test_every_energy_quote_occurs_in_the_seed():
    sets = [spec.parameters for spec in plugin.plugin.declare_policies()]
    assert sets and all(ps is not None for ps in sets)
    problems = check_quotes(SEED.read_text(encoding="utf-8"), sets)
    assert not problems, "\n".join(problems)


def test_every_value_is_cited():
    for spec in plugin.plugin.declare_policies():
        for param, value in spec.parameters.values():
            c = value.citation
            assert c.document and c.article and c.quote, f"{spec.id}: {param.name}"
