"""zhengce.kernel.screening: the in-memory screen an embedding host calls gives the rows the command writes."""

from __future__ import annotations

import json

from zhengce.kernel.batch import Keep, Stats, car_cases
from zhengce.kernel.screening import screen

from .conftest import AS_OF, screen as screen_file


def test_in_memory_screening_matches_the_file_run(tmp_path, kernel):
    cases = list(car_cases(120, seed=8))
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    _, summary, expected = screen_file(tmp_path, path)
    stats = Stats()
    assert list(screen(kernel, cases, as_of=AS_OF, stats=stats)) == expected
    assert stats.to_json() | {"written": summary["written"]} == {k: summary[k] for k in stats.to_json()}


def test_text_lines_and_bad_cases_become_rows(kernel, example):
    rows = list(screen(kernel, [json.dumps(example), "{nope", b"[]", {"old_vehicle": {"fuel": "coal"}}], as_of=AS_OF,
                       keep=Keep.parse(["status=applies,invalid"])))
    assert [(r["row"], r["status"]) for r in rows] == [(1, "applies"), (2, "invalid"), (3, "invalid"), (4, "invalid")]
    assert rows[3]["problems"][0]["path"] == "old_vehicle.fuel"


def test_a_table_in_memory_gives_the_rows_the_file_run_writes(tmp_path, kernel):
    """``screen_table``: an Arrow table a host holds (here, a synthetic registry read whole) is screened
    through the columnar path, with the rows and counts of ``zhengce screen`` on the same file."""
    import pyarrow.parquet as pq

    from zhengce.kernel.batch import generate
    from zhengce.kernel.screening import screen_table

    path = tmp_path / "cars.parquet"
    generate("cars", 700, str(path), seed=4)
    _, summary, expected = screen_file(tmp_path, path, out_name="r.parquet")
    for columnar in (True, False):
        stats = Stats()
        table = screen_table(kernel, pq.read_table(path), as_of=AS_OF, stats=stats, columnar=columnar, batch_rows=300)
        got = table.to_pylist()
        for r in got:
            r["amounts"] = None if r["amounts"] is None else json.loads(r["amounts"])
        assert got == expected
        counts = stats.to_json()
        assert (counts.get("columnar") or {}).get("rows", 0) == (700 if columnar else 0)
        assert {k: counts[k] for k in ("rows", "cases", "invalid", "written", "policies")} == \
            {k: summary[k] for k in ("rows", "cases", "invalid", "written", "policies")}
