"""Writers (JSON Lines, Parquet), the per-policy summary and the --keep filters."""

from __future__ import annotations

import json
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengce.kernel.batch import Keep, KeepError, car_cases, read_results

from .conftest import AS_OF, POLICY, screen


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "cars.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in car_cases(300, seed=11)) + "[]\n", encoding="utf-8")
    return path


def test_parquet_and_jsonl_results_hold_the_same_rows(tmp_path, registry):
    _, _, as_jsonl = screen(tmp_path, registry, out_name="r.jsonl", partition_size=64)
    _, summary, as_parquet = screen(tmp_path, registry, out_name="r.parquet", partition_size=64)
    assert as_jsonl == as_parquet and len(as_jsonl) == 301
    table = pq.read_table(tmp_path / "r.parquet")
    assert table.column_names == ["row", "case_id", "policy_id", "version", "status", "amounts", "ranges", "missing",
                                  "error", "problems"]
    assert [r["row"] for r in as_parquet] == list(range(1, 302))  # input order, whatever the partitions
    assert summary["partitions"] == {"done": 5, "seen": 5} and not (tmp_path / "r.parquet.parts").exists()
    assert as_parquet[-1]["status"] == "invalid" and as_parquet[-1]["problems"][0]["message"] == "expected an object, got list"


def test_the_summary_counts_statuses_and_totals_amounts_per_policy(tmp_path, registry, kernel):
    _, summary, rows = screen(tmp_path, registry)
    written = json.loads((tmp_path / "results.jsonl.summary.json").read_text(encoding="utf-8"))
    assert written == summary and summary["complete"] is True and summary["rows"] == 301
    policy = summary["policies"][POLICY]
    assert sum(policy["counts"].values()) == 300 == summary["cases"]
    assert policy["versions"] == [kernel.policy(POLICY).plugin.version]
    # totals by amount name, which carries the funding source: subsidy = central + local
    total = {name: Decimal(a["total"]) for name, a in policy["amounts"].items()}
    assert total["subsidy"] == total["central_share"] + total["local_share"]
    assert total["subsidy"] == sum(Decimal(r["amounts"]["subsidy"]) for r in rows if r["amounts"])
    assert policy["amounts"]["subsidy"]["cases"] == policy["counts"]["applies"]
    # the same counts as evaluating each case
    for case in car_cases(300, seed=11):
        status = kernel.evaluate(case, as_of=AS_OF, trace=False).results[0].status.value
        policy["counts"][status] -= 1
    assert set(policy["counts"].values()) == {0}


def test_keep_filters_rows_not_counts(tmp_path, registry):
    _, everything, rows = screen(tmp_path, registry, out_name="all.jsonl")
    keep = Keep.parse(["status=applies,cannot_tell", f"policy={POLICY.split('.')[0]}.*", "subsidy>=15000"])
    _, summary, kept = screen(tmp_path, registry, out_name="kept.parquet", keep=keep)
    expected = [r for r in rows if r["status"] in ("applies", "cannot_tell") and r["amounts"]
                and Decimal(r["amounts"]["subsidy"]) >= 15000]
    assert kept == expected and 0 < len(kept) < len(rows)
    assert summary["policies"] == everything["policies"] and summary["written"] == len(kept)
    assert summary["keep"] == ["status=applies,cannot_tell", "policy=tradein.*", "subsidy>=15000"]
    _, _, invalid = screen(tmp_path, registry, out_name="invalid.jsonl", keep=Keep.parse(["status=invalid"]))
    assert [r["row"] for r in invalid] == [301]
    _, _, big = screen(tmp_path, registry, out_name="big.jsonl", keep=Keep.parse(["amount>=19000"]))
    assert big and all(any(Decimal(v) >= 19000 for v in r["amounts"].values()) for r in big)


@pytest.mark.parametrize("expr", ["status=maybe", "colour=red", "amount>=ten", "policy=", "subsidy>10"])
def test_a_bad_keep_expression_is_refused(expr):
    with pytest.raises(KeepError):
        Keep.parse([expr])


def test_read_results_gives_amounts_back_as_objects(tmp_path, registry):
    screen(tmp_path, registry, out_name="r.parquet")
    rows = read_results(str(tmp_path / "r.parquet"))
    applies = next(r for r in rows if r["status"] == "applies")
    assert set(applies["amounts"]) >= {"subsidy", "central_share", "local_share"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "cars.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in car_cases(40, seed=12)) + "\n{bad\n", encoding="utf-8")
    _, summary, rows = screen(path.parent, path, out_name="whole.parquet", partition_size=1000)
    return path, summary, rows


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(1, 45), fmt=st.sampled_from(["jsonl", "parquet"]))
def test_partitioning_never_changes_rows_or_counts(tmp_path, small, size, fmt):
    path, summary, rows = small
    _, got, got_rows = screen(tmp_path, path, out_name=f"p{size}.{fmt}", partition_size=size)
    assert got_rows == rows
    assert got["partitions"]["seen"] == -(-42 // size)  # 40 cases, a blank line, a bad one
    strip = ("seconds", "output", "output_format", "partitions")
    assert {k: v for k, v in got.items() if k not in strip} == {k: v for k, v in summary.items() if k not in strip}


def test_a_small_parquet_registry_still_spreads_over_the_workers():
    from zhengce.kernel.batch.run import default_partition_size

    assert default_partition_size("parquet", 1_000_000) == 50_000  # a registry: the columnar batch size
    assert default_partition_size("parquet", 100_000) == 12_500  # 8 partitions
    assert default_partition_size("parquet", 20_000) == 5_000  # 4 partitions, none under 5,000 rows
    assert default_partition_size("parquet", 10) == 5_000
    assert default_partition_size("jsonl", None) == 5_000  # size unknown until read: the format's
