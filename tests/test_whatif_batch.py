"""What-if on the batch engine: Parquet/CSV/JSON Lines in, one process, local processes or Dask, the
same totals as the in-memory comparison; invalid rows counted, never fatal; plugin sets checked."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from zhengce.kernel.batch import EngineError, InlineEngine, LocalEngine, car_cases
from zhengce.kernel.batch.synthetic import generate
from zhengce.kernel.batch.worker import worker_kernel
from zhengce.kernel.cli import main
from zhengce.kernel.reform import load_reform
from zhengce.kernel.whatif import run_population, run_whatif

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "reforms" / "nev_25000.yaml"
ROWS, SEED = 400, 11
RUN_FIELDS = ("input", "engine", "seconds")


@pytest.fixture(scope="module")
def kernel():
    return worker_kernel(())[0]


@pytest.fixture(scope="module")
def reform():
    return load_reform(EXAMPLE)


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    path = tmp_path_factory.mktemp("whatif") / "cars.parquet"
    assert generate("cars", ROWS, str(path), seed=SEED) == ROWS
    return path


@pytest.fixture(scope="module")
def expected(kernel, reform):
    """The in-memory comparison of the same cases, in this process (no engine)."""
    return strip(run_whatif(kernel, reform, car_cases(ROWS, SEED), strict=False).to_json())


def strip(report):
    return {k: v for k, v in report.items() if k not in RUN_FIELDS}


def test_one_process_from_parquet_matches_the_in_memory_comparison(kernel, reform, population, expected):
    out = run_population(kernel, reform, str(population), InlineEngine(), partition_size=64, progress=False).to_json()
    assert strip(out) == expected
    assert out["rows"] == out["cases"] == ROWS and out["invalid"]["cases"] == 0
    assert out["engine"] == {"name": "local", "workers": 1, "worker_plugin_sets": 1, "partition_size": 64}
    # every gainer gains the 5000 the reform adds (392号 一: 2万元 → 2.5万元), and each zone's payers
    # split it at 392号 二's ratio: 东部 8.5:1.5, 中部 9:1, 西部 9.5:0.5
    gains = out["outcomes"]["gain"]["cases"]
    assert gains > 0 and out["outcomes"]["lose"]["cases"] == 0
    assert Decimal(out["total"]["change"]) == 5000 * gains
    for zone, central in (("east", "0.85"), ("middle", "0.9"), ("west", "0.95")):
        payers = out["by_zone"][zone]
        change = Decimal(payers["central"]["change"]) + Decimal(payers["local"]["change"])
        assert Decimal(payers["central"]["change"]) == change * Decimal(central)


def test_local_processes_give_the_same_totals(kernel, reform, population, expected):
    engine = LocalEngine(2)
    try:
        out = run_population(kernel, reform, str(population), engine, partition_size=64, progress=False).to_json()
    finally:
        engine.close()
    assert strip(out) == expected
    assert out["engine"]["name"] == "local" and out["engine"]["workers"] == 2 and out["engine"]["worker_plugin_sets"] == 2


def test_dask_on_a_local_cluster_gives_the_same_totals(kernel, reform, population, expected):
    pytest.importorskip("dask.distributed")
    from zhengce.kernel.batch import DaskEngine

    engine = DaskEngine(workers=2)
    try:
        out = run_population(kernel, reform, str(population), engine, partition_size=64, progress=False).to_json()
    finally:
        engine.close()
    assert strip(out) == expected and out["engine"]["name"] == "dask"


class Drifted(InlineEngine):
    """An engine one of whose workers has other plugins installed."""

    def _plugin_sets(self, block):
        return {"tcp://10.0.0.1:1": "0" * 16, "driver": super()._plugin_sets(block)["driver"]}


def test_a_worker_with_other_plugins_stops_the_run(kernel, reform, population):
    with pytest.raises(EngineError, match="plugin set differs on 1 worker"):
        run_population(kernel, reform, str(population), Drifted(), progress=False)


def good_case(i, province):
    case = next(iter(car_cases(1, seed=3)))
    case["case_id"] = f"w{i}"
    case["applicant"] = {"type": "individual_consumer"}
    case["old_vehicle"].update(fuel="gasoline", vehicle_class="small_passenger", registration_date="2010-05-18",
                               in_applicant_name_since="2015-03-02")
    case["new_vehicle"] = {"vehicle_class": "small_passenger", "fuel": "nev", "in_nev_catalogue": True,
                           "in_applicant_name": True, "displacement_l": "1.5"}
    app = case["scrappage_application"]
    app.update(invoice_province=province, submitted_on="2024-09-10", scrap_certificate_on="2024-09-01",
               scrap_certificate_by_qualified_dismantler=True, deregistration_certificate_on="2024-09-02",
               sales_invoice_on="2024-09-05", registration_certificate_on="2024-09-06")
    app.pop("subsidy_already_paid", None)
    app.pop("subsidy_paid_on", None)
    return case


def test_the_cli_counts_invalid_rows_and_reads_csv_weights(tmp_path, capsys):
    """JSON Lines: two good rows (广东 ×10, 四川 ×5: 15 × 5000 = 75000 more), an unreadable line and a
    negative weight — the report counts both as invalid and exits 2.  CSV: the same good rows with a
    weight column, exit 0 and the same totals."""
    rows = [good_case(1, "广东省") | {"weight": 10}, good_case(2, "四川省") | {"weight": 5}]
    population = tmp_path / "pop.jsonl"
    population.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in rows)
                          + "{oops\n" + json.dumps(good_case(3, "河南省") | {"weight": -1}) + "\n", encoding="utf-8")
    assert main(["whatif", str(population), "--reform", str(EXAMPLE), "--weights", "weight", "--format", "json"]) == 2
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["invalid"]["cases"] == 2 and [e["row"] for e in out["invalid"]["examples"]] == [3, 4]
    assert "weight must be a non-negative number" in json.dumps(out["invalid"]["examples"][1], ensure_ascii=False)
    assert "2 row(s) could not be compared" in captured.err
    assert out["total"]["change"] == "75000.00" and out["population"] == "15"
    # 广东 east 8.5:1.5: 10 × 4250 central; 四川 west 9.5:0.5: 5 × 4750 central
    assert out["by_zone"]["east"]["central"]["change"] == "42500.00"
    assert out["by_zone"]["west"]["central"]["change"] == "23750.00"

    from zhengce.kernel.batch.layout import flatten

    table = tmp_path / "pop.csv"
    flat = [flatten(c) for c in rows]
    columns = sorted({k for f in flat for k in f})
    with open(table, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for f in flat:
            writer.writerow(["" if f.get(c) is None else str(f[c]).lower() if isinstance(f[c], bool) else str(f[c])
                             for c in columns])
    assert main(["whatif", str(table), "--reform", str(EXAMPLE), "--weights", "weight", "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert {k: again[k] for k in ("total", "by_payer", "by_zone", "population")} == \
           {k: out[k] for k in ("total", "by_payer", "by_zone", "population")}
    assert main(["whatif", str(tmp_path / "missing.parquet"), "--reform", str(EXAMPLE)]) == 2
    assert "no such file" in capsys.readouterr().err


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 40), cut=st.integers(0, 40), raise_by=st.sampled_from(["20001", "25000", "30000"]))
def test_tallies_add_up_in_any_order_and_a_raise_never_lowers_a_total(kernel, seed, n, cut, raise_by):
    """Legal invariants of the comparison: raising the NEV amount (392号 一: 2万元) by d never makes any
    case lose, each gainer gains exactly d, the zones and the provinces each sum to the payers' totals,
    and two partitions' tallies added (in either order) are the whole population's."""
    from zhengce.kernel.reform import parse_reform

    reform = parse_reform({"format": "zhengce.reform/1",
                           "document": {"number": "假设〔2024〕5号", "title": "测试", "issued": "2024-10-08"},
                           "changes": [{"policy": "tradein.car_scrappage_subsidy", "parameter": "amount.scrap_any_buy_nev",
                                        "value": raise_by}]})
    cases = list(car_cases(n, seed))
    whole = run_whatif(kernel, reform, cases, strict=False)
    cut = min(cut, n)
    first, second = (run_whatif(kernel, reform, part, strict=False).tally for part in (cases[:cut], cases[cut:]))
    for a, b in ((first, second), (second, first)):
        merged = type(a)()
        merged.add(a)
        merged.add(b)
        assert {k: v for k, v in whole.to_json().items() if k != "examples"} == \
               {k: v for k, v in type(whole)(reform=reform, as_of=whole.as_of, tally=merged).to_json().items() if k != "examples"}
    out = whole.to_json()
    d = Decimal(raise_by) - 20000
    assert out["outcomes"]["lose"]["cases"] == 0
    assert Decimal(out["total"]["change"]) == d * out["outcomes"]["gain"]["cases"]
    for payer, sums in out["by_payer"].items():
        for view in ("by_zone", "by_province"):
            assert sum(Decimal(p.get(payer, {}).get("change", "0")) for p in out[view].values()) == Decimal(sums["change"])
