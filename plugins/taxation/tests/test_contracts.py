"""The taxation sections: the example cases load and validate against the JSON Schema; bad input is reported by path."""

import json
from pathlib import Path

import jsonschema
import pytest

from zhengce.contracts import CaseValidationError
from zhengce.kernel import Kernel
from zhengce_taxation import plugin

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples" / "cases").glob("taxation_*.json"))
KERNEL = Kernel([plugin.plugin])
case_schema, load_case = KERNEL.case_schema, KERNEL.load_case


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_validates_and_reaches_a_policy(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, case_schema())
    load_case(data)
    record = KERNEL.evaluate(data)
    assert any(r.policy_id.startswith("taxation.") for r in record.results), path.name


def test_every_policy_has_an_example():
    reached = set()
    for path in EXAMPLES:
        reached |= {r.policy_id for r in KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8"))).results}
    assert {s.id for s in plugin.POLICIES} <= reached


def test_bad_input_reported_by_path():
    with pytest.raises(CaseValidationError) as exc:
        load_case({"special_equipment_credit": {"tax_years": [{"year": "2024", "tax_payable": "x"}], "upgrades": [{"investment": 1.5e400}]},
                   "lat_prepayment": {"prepaid_on": "2024-02-30"}})
    paths = {p.path for p in exc.value.problems}
    assert {"special_equipment_credit.tax_years[0].year", "special_equipment_credit.tax_years[0].tax_payable",
            "lat_prepayment.prepaid_on"} <= paths
