"""The example provincial plugin: the conformance kit, and the package it makes with the national plugins."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from zhengce.contracts import Status
from zhengce.kernel import Kernel
from zhengce.kernel.cli import main as cli
from zhengce.kernel.testing import check_conformance, installed_distribution, load_yaml_cases
from zhengce_taxation.plugin import plugin as taxation
from zhengce_tradein.plugin import plugin as tradein

HERE = Path(__file__).resolve().parents[1]


@pytest.fixture
def province(tmp_path):
    with installed_distribution(tmp_path, distribution="zhengce-example-province", version="0.1.0",
                                entry_points={"example_province": "zhengce_example_province.plugin:plugin"}, import_path=HERE):
        from zhengce_example_province.plugin import plugin

        yield plugin


def test_the_plugin_conforms(province):
    check_conformance(province, legal_sources=[HERE / "EXAMPLE_SOURCE.txt"], national=[tradein, taxation],
                      cases=HERE / "tests" / "cases")


def case(submitted="2024-09-10", province_name="广东省"):
    data = load_yaml_cases(HERE / "tests" / "cases" / "car_top_up.yaml")[0].case
    data["scrappage_application"].update(submitted_on=submitted, invoice_province=province_name)
    return data


def test_the_top_up_adds_and_each_amount_says_who_pays(province):
    res = Kernel([tradein, taxation, province]).evaluate(case(), as_of=date(2024, 9, 20)).resolution
    assert res.order.index("tradein.car_scrappage_subsidy") < res.order.index("example_province.car_top_up")
    assert (res.total("central"), res.total("local"), res.total("provincial")) == (17000, 3000, 3000)


def test_a_closed_local_window_takes_the_national_subsidy_and_its_top_up_out(province):
    res = Kernel([tradein, taxation, province]).evaluate(case(submitted="2024-12-15"), as_of=date(2024, 12, 20)).resolution
    national, top_up = res.grant("tradein.car_scrappage_subsidy"), res.grant("example_province.car_top_up")
    assert not national.stands and national.relation == "local_window" and "closed on 2024-11-30" in national.reason.en
    assert not top_up.stands and res.totals == ()


def test_the_local_rate_is_checked_against_the_national_floor(province):
    lat = {"lat_prepayment": {"province": "广东省", "affordable_housing": False, "prepaid_on": "2024-12-15",
                              "revenue": "1000000", "applied_rate": "0.02"}}
    res = Kernel([tradein, taxation, province]).evaluate(lat, as_of=date(2024, 12, 20)).resolution
    assert res.grant("example_province.lat_local_rate").stands
    step = next(s for s in res.steps if s.id == "within_bounds:example_province.lat_local_rate")
    assert step.outcome.value == "met" and "floor_rate" in step.label.en and step.citation.document == "国家税务总局公告2024年第10号"


def test_it_runs_through_zhengce_evaluate_next_to_the_national_plugins(province, tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case()), encoding="utf-8")
    assert cli(["evaluate", str(path), "--as-of", "2024-09-20", "--format", "json", "--allow-load-problems"]) == 0
    out = json.loads(capsys.readouterr().out)
    statuses = {r["policy_id"]: r["status"] for r in out["results"]}
    assert statuses["example_province.car_top_up"] == Status.APPLIES.value
    assert {t["name"]: t["value"] for t in out["resolution"]["totals"]}["provincial"] == "3000.00"
