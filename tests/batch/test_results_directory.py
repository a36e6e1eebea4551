"""A results directory (``--out DIR/``): the workers' part files are the results, no merge; the rows,
their order and the counts are those of a results file, and resume works the same way."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from zhengce.contracts import CaseValidationError
from zhengce.kernel.batch import LocalEngine, car_cases, read_results

from .conftest import screen
from .test_resume import StopAfter


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "cars.jsonl"
    cases = car_cases(300, seed=11)
    path.write_text("".join(json.dumps(c) + "\n" for c in cases) + "{oops\n", encoding="utf-8")
    return path


def same(summary, other):
    strip = ("seconds", "output", "engine")
    return {k: v for k, v in summary.items() if k not in strip} == {k: v for k, v in other.items() if k not in strip}


@pytest.mark.parametrize(("name", "fmt"), [("results/", "parquet"), ("results.jsonl/", "jsonl")])
def test_a_directory_holds_the_rows_of_a_results_file(tmp_path, registry, name, fmt):
    _, file_summary, expected = screen(tmp_path, registry, out_name=f"file.{fmt}", partition_size=64)
    code, summary, rows = screen(tmp_path, registry, out_name=name, partition_size=64)
    folder = tmp_path / name.rstrip("/")
    assert code == 0 and rows == expected and same(summary, file_summary)
    assert summary["output_format"] == fmt
    assert sorted(p.name for p in folder.iterdir()) == [f"part-{i:06d}.{fmt}" for i in range(5)]  # no bookkeeping left
    assert json.loads((tmp_path / f"{name.rstrip('/')}.summary.json").read_text(encoding="utf-8")) == summary


def test_a_parquet_directory_reads_as_one_table_in_input_order(tmp_path, registry):
    screen(tmp_path, registry, out_name="file.parquet", partition_size=64)
    screen(tmp_path, registry, out_name="results/", partition_size=64)
    table = pq.read_table(tmp_path / "results")  # any Parquet dataset reader
    assert table.equals(pq.read_table(tmp_path / "file.parquet"))
    meta = pq.ParquetFile(tmp_path / "results" / "part-000000.parquet").metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"  # final files: compressed as the merged file is


def test_local_processes_write_the_directory(tmp_path, registry):
    _, _, expected = screen(tmp_path, registry, out_name="file.parquet", partition_size=64)
    engine = LocalEngine(2)
    try:
        code, _, rows = screen(tmp_path, registry, engine=engine, out_name="results/", partition_size=64)
    finally:
        engine.close()
    assert code == 0 and rows == expected


def test_an_interrupted_directory_resumes_into_the_same_rows(tmp_path, registry):
    _, _, expected = screen(tmp_path, registry, out_name="file.parquet", partition_size=64)
    code, partial, _ = screen(tmp_path, registry, engine=StopAfter(2), out_name="results/", partition_size=64)
    folder = tmp_path / "results"
    assert code == 130 and partial["partitions"]["done"] == 2
    assert len(list((folder / "_zhengce").glob("part-*.json"))) == 2  # bookkeeping, skipped by dataset readers
    again = StopAfter()
    code, summary, rows = screen(tmp_path, registry, engine=again, out_name="results/", partition_size=64, resume=True)
    assert code == 0 and again.screened == [2, 3, 4] and rows == expected
    assert not (folder / "_zhengce").exists()


def test_a_directory_with_other_files_is_refused_not_emptied(tmp_path, registry):
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    (folder / "part-one.txt").write_text("mine too", encoding="utf-8")
    with pytest.raises(CaseValidationError, match=r"holds files zhengce did not write \(notes.txt, part-one.txt\)"):
        screen(tmp_path, registry, out_name="results/", partition_size=64)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_second_run_replaces_the_first_runs_parts(tmp_path, registry):
    screen(tmp_path, registry, out_name="results/", partition_size=64)
    code, _, rows = screen(tmp_path, registry, out_name="results/", partition_size=1000)
    assert code == 0 and [p.name for p in (tmp_path / "results").iterdir()] == ["part-000000.parquet"]
    assert len(rows) == 301


def test_an_empty_input_leaves_one_empty_part(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    code, summary, rows = screen(tmp_path, empty, out_name="results/")
    assert code == 0 and rows == [] and summary["rows"] == 0
    assert pq.read_table(tmp_path / "results").num_rows == 0


def test_read_results_of_a_directory_and_of_a_file_agree(tmp_path, registry):
    screen(tmp_path, registry, out_name="a.jsonl", partition_size=100)
    screen(tmp_path, registry, out_name="b/", partition_size=100)
    assert read_results(str(tmp_path / "b")) == read_results(str(tmp_path / "a.jsonl"))

