"""Contracts: strict loading, path-style errors, JSON round trips, JSON Schema."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengce.contracts import CaseValidationError, DecisionRecord, Explanation, dumps, structure
from zhengce.kernel import Kernel
from zhengce.kernel.testing import contract_strategy as strategy_for
from zhengce_tradein.facts import Fuel

KERNEL = Kernel()  # the installed plugins: the case contract is composed from their sections
Case = KERNEL.case_type
load_case, loads_case, case_schema = KERNEL.load_case, KERNEL.loads_case, KERNEL.case_schema

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.json"))


def roundtrip(obj, cls):
    return structure(json.loads(dumps(obj), parse_float=Decimal), cls)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategy_for(Case))
def test_every_case_round_trips_through_json(case):
    assert roundtrip(case, Case) == case


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategy_for(DecisionRecord))
def test_every_decision_record_round_trips_through_json(record):
    assert roundtrip(record, DecisionRecord) == record


@settings(max_examples=60, deadline=None)
@given(strategy_for(Explanation))
def test_every_explanation_round_trips_through_json(explanation):
    assert roundtrip(explanation, Explanation) == explanation


def test_errors_list_every_problem_by_path():
    with pytest.raises(CaseValidationError) as info:
        load_case({
            "old_vehicle": {"registration_date": "2024-13-01", "fuel": "coal", "displacement_l": "1,6"},
            "new_vehicle": {"in_nev_catalogue": "yes"},
            "scrappage_application": [],
            "surprise": 1,
        })
    assert [str(p) for p in info.value.problems[:-1]] == [
        "new_vehicle.in_nev_catalogue: not true/false: 'yes'",
        "old_vehicle.displacement_l: not a decimal number: '1,6'",
        "old_vehicle.fuel: 'coal' is not one of 'gasoline', 'diesel', 'other_fuel', 'nev'",
        "old_vehicle.registration_date: not a date: '2024-13-01'",
        "scrappage_application: expected an object, got list: []",
    ]
    assert info.value.problems[-1].path == "surprise"
    assert info.value.problems[-1].message.startswith("unknown section; sections installed:")
    assert info.value.to_json()["problems"][0] == {"path": "new_vehicle.in_nev_catalogue", "message": "not true/false: 'yes'"}


def test_bad_json_text_is_an_input_error():
    with pytest.raises(CaseValidationError, match="not valid JSON"):
        loads_case("{not json")


def test_money_is_decimal_never_float():
    case = loads_case('{"scrappage_application": {"subsidy_already_paid": 10000.10}}')
    assert case.scrappage_application.subsidy_already_paid == Decimal("10000.10")
    with pytest.raises(CaseValidationError, match="a float .* is not exact"):  # no float through any door
        load_case({"scrappage_application": {"subsidy_already_paid": 0.1}})
    with pytest.raises(CaseValidationError):
        load_case({"scrappage_application": {"subsidy_already_paid": "NaN"}})


def test_enums_load_as_enums():
    assert load_case({"old_vehicle": {"fuel": "diesel"}}).old_vehicle.fuel is Fuel.DIESEL


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_cases_satisfy_the_schema_and_load(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, case_schema())
    load_case(data)


def test_schema_rejects_what_the_loader_rejects():
    validator = jsonschema.Draft202012Validator(case_schema())
    assert not validator.is_valid({"surprise": 1})
    assert not validator.is_valid({"old_vehicle": {"fuel": "coal"}})
    assert validator.is_valid({"old_vehicle": {"fuel": "gasoline", "displacement_l": "1.5"}})


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)
SECTION_NAMES = st.sampled_from(sorted(KERNEL.sections))


@settings(max_examples=200, deadline=None)
@given(st.one_of(JSON, st.dictionaries(SECTION_NAMES, JSON, max_size=3)))
def test_arbitrary_json_gives_a_result_or_the_documented_input_error(data):
    try:
        record = KERNEL.evaluate(data)
    except CaseValidationError as exc:
        assert exc.problems and all(isinstance(p.path, str) for p in exc.problems)
    else:
        assert all(r.status.value != "error" for r in record.results), [r.error for r in record.results]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategy_for(Case))
def test_every_valid_case_evaluates_without_plugin_errors(case):
    record = KERNEL.evaluate(case)
    errors = [r.error for r in record.results if r.error]
    assert not errors, errors
