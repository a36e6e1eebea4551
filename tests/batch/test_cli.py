"""`zhengce generate` and `zhengce screen` from the command line: usage errors exit 2 like `evaluate`."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from zhengce.kernel.batch import read_results
from zhengce.kernel.cli import main

from .conftest import POLICY


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_generate_then_screen_parquet_to_parquet(capsys, tmp_path):
    registry, results = tmp_path / "registry.parquet", tmp_path / "results.parquet"
    code, _, err = run(capsys, "generate", "cars", "--rows", "400", "--seed", "9", "--out", str(registry))
    assert code == 0 and json.loads(err)["synthetic"] is True
    assert pq.ParquetFile(registry).metadata.num_rows == 400
    code, out, err = run(capsys, "screen", str(registry), "--out", str(results), "--as-of", "2024-10-01",
                         "--partition-size", "150", "--keep", "status=applies")
    assert code == 0 and out == ""
    summary = json.loads(err.strip().splitlines()[-1])
    assert summary == json.loads((tmp_path / "results.parquet.summary.json").read_text(encoding="utf-8"))
    rows = read_results(str(results))
    assert len(rows) == summary["policies"][POLICY]["counts"]["applies"] == summary["written"] > 0
    assert all(r["status"] == "applies" and r["case_id"].startswith("car-") for r in rows)


def test_generated_registries_are_seeded(capsys, tmp_path):
    for name in ("a", "b"):
        run(capsys, "generate", "enterprises", "--rows", "30", "--seed", "4", "--out", str(tmp_path / f"{name}.csv"))
    run(capsys, "generate", "enterprises", "--rows", "30", "--seed", "5", "--out", str(tmp_path / "c.csv"))
    a, b, c = ((tmp_path / f"{n}.csv").read_bytes() for n in "abc")
    assert a == b != c


def test_enterprises_carry_facts_for_several_domains_and_all_validate(capsys, tmp_path, kernel):
    registry = tmp_path / "ent.jsonl"
    run(capsys, "generate", "enterprises", "--rows", "60", "--out", str(registry))
    cases = [json.loads(line) for line in registry.read_text(encoding="utf-8").splitlines()]
    owners = {s: o.plugin.name for s, o in kernel.sections.items() if o.plugin}
    for case in cases:
        assert case["applicant"] == {"type": "enterprise"} and "enterprise" in case
        assert 2 <= len([s for s in case if s in owners]) <= 4  # two to four domain sections
        kernel.load_case(case)
    code, out, err = run(capsys, "screen", str(registry), "--as-of", "2024-10-01")
    summary = json.loads(err.strip().splitlines()[-1])
    assert code == 0 and summary["invalid"] == 0 and len({p.split(".")[0] for p in summary["policies"]}) >= 3


@pytest.mark.parametrize("workers", ["0", "-2", "two"])
def test_workers_must_be_one_or_more(capsys, tmp_path, workers):
    code, _, err = run(capsys, "screen", str(tmp_path / "x.jsonl"), "--workers", workers)
    assert code == 2 and "--workers" in err


def test_a_missing_registry_exits_2_like_evaluate(capsys, tmp_path):
    for name in ("missing.jsonl", "missing.parquet", "missing.csv"):
        code, out, err = run(capsys, "screen", str(tmp_path / name), "--out", str(tmp_path / "r.parquet"))
        assert code == 2 and f"no such file: {tmp_path / name}" in err and out == ""
    assert run(capsys, "evaluate", str(tmp_path / "missing.json"))[0] == 2


def test_a_bad_keep_exits_2(capsys, tmp_path):
    (tmp_path / "r.jsonl").write_text("{}\n", encoding="utf-8")
    code, _, err = run(capsys, "screen", str(tmp_path / "r.jsonl"), "--keep", "colour=red")
    assert code == 2 and "--keep" in err


def test_progress_is_drawn_on_stderr_when_asked(capsys, tmp_path):
    registry = tmp_path / "r.parquet"
    run(capsys, "generate", "cars", "--rows", "50", "--out", str(registry))
    code, _, err = run(capsys, "screen", str(registry), "--out", str(tmp_path / "o.jsonl"), "--progress", "--as-of", "2024-10-01")
    assert code == 0 and "50/50 rows" in err and "rows/s" in err
