"""Readers and the flat column layout: each format streams bounded partitions, and a row is validated
with the same problems by path as the same case written as JSON."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import CaseValidationError
from zhengce.kernel.batch import car_cases, flatten, open_reader
from zhengce.kernel.batch.readers import decode

from .conftest import POLICY, screen


def write_csv(path, rows):
    columns = sorted({c for r in rows for c in r})
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if r.get(c) is None else ("true" if r[c] is True else "false" if r[c] is False else r[c]) for c in columns])


def test_the_layout_names_every_fact_section_dot_field(layout):
    assert layout.kinds["old_vehicle.registration_date"] == "date"
    assert layout.kinds["new_vehicle.in_nev_catalogue"] == "bool"
    assert layout.kinds["scrappage_application.subsidy_already_paid"] == "decimal"
    assert layout.kinds["old_vehicle"] == "section"
    assert any(k == "json" for k in layout.kinds.values())  # repeated facts: one JSON column


def test_unflatten_merges_a_section_json_column_with_its_field_columns(layout):
    data, problems = layout.unflatten({"old_vehicle": '{"fuel": "nev", "vin": "X"}', "old_vehicle.fuel": "diesel",
                                       "new_vehicle.in_nev_catalogue": "TRUE", "case_id": "c", "applicant.type": ""})
    assert problems == []
    assert data == {"old_vehicle": {"fuel": "diesel", "vin": "X"}, "new_vehicle": {"in_nev_catalogue": True}, "case_id": "c"}


def test_jsonl_partitions_are_bounded_and_number_lines(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(['{"case_id": "a"}', "", '{"case_id": "b"}', '{"case_id": "c"}', "{bad"]) + "\n", encoding="utf-8")
    parts = list(open_reader(str(path)).partitions(2))
    assert [(p.first_row, p.rows) for p in parts] == [(1, 2), (3, 2), (5, 1)]
    assert [row for p in parts for row, _ in p.payload] == [1, 3, 4, 5]  # the blank line is skipped, still counted


def test_a_missing_file_is_an_input_problem(tmp_path):
    for name in ("nope.jsonl", "nope.csv", "nope.parquet"):
        with pytest.raises(CaseValidationError, match="no such file"):
            open_reader(str(tmp_path / name))
    with pytest.raises(CaseValidationError, match="cannot tell the format"):
        open_reader(str(tmp_path / "x.txt"))


def test_the_same_cases_give_the_same_rows_from_jsonl_csv_and_parquet(tmp_path, layout):
    cases = list(car_cases(60, seed=7))
    flat = [flatten(c, layout) for c in cases]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    write_csv(tmp_path / "r.csv", flat)
    columns = sorted({c for r in flat for c in r})
    pq.write_table(pa.table({c: [r.get(c) for r in flat] for c in columns}), tmp_path / "r.parquet")  # all text but bools
    results = {}
    for fmt in ("jsonl", "csv", "parquet"):
        code, summary, rows = screen(tmp_path, tmp_path / f"r.{fmt}", out_name=f"out-{fmt}.jsonl", partition_size=16)
        assert code == 0 and summary["invalid"] == 0 and summary["cases"] == 60
        results[fmt] = rows
    assert results["jsonl"] == results["csv"] == results["parquet"]
    assert {r["status"] for r in results["csv"]} >= {"applies", "does_not_apply"}


def test_typed_parquet_columns_date_decimal_bool(tmp_path, example):
    table = pa.table({
        "case_id": ["typed"],
        "old_vehicle.vehicle_class": ["small_passenger"], "old_vehicle.fuel": ["gasoline"],
        "old_vehicle.registration_date": pa.array([date(2010, 5, 18)], pa.date32()),
        "old_vehicle.in_applicant_name_since": pa.array([date(2015, 3, 2)], pa.date32()),
        "new_vehicle.vehicle_class": ["small_passenger"], "new_vehicle.fuel": ["nev"],
        "new_vehicle.in_nev_catalogue": [True], "new_vehicle.in_applicant_name": [True],
        "scrappage_application": [json.dumps({k: v for k, v in example["scrappage_application"].items()
                                              if k not in ("subsidy_already_paid", "subsidy_paid_on")})],
        "scrappage_application.subsidy_already_paid": pa.array([Decimal("10000.00")], pa.decimal128(12, 2)),
        "scrappage_application.subsidy_paid_on": pa.array([date(2024, 7, 10)], pa.date32()),
        "applicant.type": ["individual_consumer"],
    })
    pq.write_table(table, tmp_path / "typed.parquet")
    code, _, rows = screen(tmp_path, tmp_path / "typed.parquet")
    assert code == 0 and rows[0]["policy_id"] == POLICY and rows[0]["status"] == "applies"
    assert rows[0]["amounts"]["top_up_due"] == "10000.00"


def test_bad_rows_become_their_own_error_records_with_problems_by_path(tmp_path, kernel, example):
    flat = flatten(example)
    bad_date = {**flat, "case_id": "bad-date", "old_vehicle.registration_date": "2010-13-01"}
    bad_bool = {**flat, "case_id": "bad-bool", "new_vehicle.in_nev_catalogue": "maybe"}
    unknown = {**flat, "case_id": "unknown", "old_vehicle.colour": "red"}
    bad_json = {**flat, "case_id": "bad-json", "old_vehicle": "{oops"}
    write_csv(tmp_path / "bad.csv", [flat, bad_date, bad_bool, unknown, bad_json])
    with open(tmp_path / "bad.csv", "a", encoding="utf-8") as f:
        f.write("only,three,fields\n")
    with open(tmp_path / "bad.csv", "ab") as f:
        f.write(b'"\xff\xfe",' + b"," * (len(open_reader(str(tmp_path / "bad.csv")).header) - 2) + b"\n")
    code, summary, rows = screen(tmp_path, tmp_path / "bad.csv", partition_size=3)
    assert code == 0 and summary["rows"] == 7 and summary["cases"] == 1 and summary["invalid"] == 6
    by_id = {r["case_id"]: r for r in rows}
    assert by_id["car-2024-0001"]["status"] == "applies"
    # the same problems as the case written as JSON
    as_json = example | {"old_vehicle": example["old_vehicle"] | {"registration_date": "2010-13-01"}}
    with pytest.raises(CaseValidationError) as exc:
        kernel.load_case(as_json)
    assert by_id["bad-date"]["problems"] == [{"path": p.path, "message": p.message} for p in exc.value.problems]
    assert by_id["bad-bool"]["problems"][0]["path"] == "new_vehicle.in_nev_catalogue"
    assert "true/false" in by_id["bad-bool"]["problems"][0]["message"]
    assert by_id["unknown"]["problems"][0]["path"] == "old_vehicle.colour"
    assert by_id["bad-json"]["problems"][0] == {"path": "old_vehicle", "message": "not valid JSON: Expecting property name enclosed in double quotes (line 1 column 2)"}
    tail = [r for r in rows if r["case_id"] is None]
    assert [r["row"] for r in tail] == [6, 7]
    assert "the record has 3 fields" in tail[0]["error"] and "not valid UTF-8" in tail[1]["error"]


def test_bad_jsonl_lines_never_abort_the_partition(tmp_path, example):
    lines = [json.dumps(example).encode(), b"{not json", b"\xff\xfe{}", b"[1, 2]", json.dumps(example).encode()]
    (tmp_path / "bad.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    code, summary, rows = screen(tmp_path, tmp_path / "bad.jsonl")
    assert code == 0 and summary["cases"] == 2 and summary["invalid"] == 3
    assert [r["status"] for r in rows] == ["applies", "invalid", "invalid", "invalid", "applies"]
    assert "not valid JSON" in rows[1]["error"] and "not valid UTF-8" in rows[2]["error"]
    assert rows[3]["problems"] == [{"path": "", "message": "expected an object, got list"}]


def test_decode_reads_a_parquet_batch_row_by_row(layout):
    batch = pa.RecordBatch.from_pylist([{"case_id": "a", "applicant.type": "enterprise"}, {"case_id": "b"}])
    from zhengce.kernel.batch.readers import Partition

    rows = list(decode(Partition(index=0, format="parquet", first_row=11, rows=2, payload=batch), layout))
    assert rows == [(11, {"case_id": "a", "applicant": {"type": "enterprise"}}, []), (12, {"case_id": "b"}, [])]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_flatten_then_unflatten_gives_the_case_back(layout, seed):
    case = next(car_cases(1, seed=seed))
    data, problems = layout.unflatten(flatten(case, layout))
    assert problems == [] and data == case


@pytest.mark.parametrize("size", [5, 7, 16, 50, 64])
def test_parquet_partitions_are_the_same_read_by_the_driver_or_by_a_worker(tmp_path, size):
    """A worker reading its own rows (``ParquetSlice``) gets exactly the partition the driver would ship,
    whatever the file's row groups: partitions are cut at ``size`` rows either way (resume relies on it)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from zhengce.kernel.batch.readers import ParquetSlice, open_reader

    path = tmp_path / "r.parquet"
    pq.write_table(pa.table({"case_id": [f"c{i}" for i in range(50)], "n": list(range(50))}), path, row_group_size=7)
    eager = list(open_reader(str(path)).partitions(size))
    lazy = list(open_reader(str(path)).partitions(size, lazy=True))
    assert [(p.index, p.first_row, p.rows) for p in eager] == [(p.index, p.first_row, p.rows) for p in lazy]
    assert all(isinstance(p.payload, ParquetSlice) for p in lazy)
    assert [p.payload.to_pylist() for p in eager] == [p.payload.read().to_pylist() for p in lazy]
    assert [r["n"] for p in eager for r in p.payload.to_pylist()] == list(range(50))
