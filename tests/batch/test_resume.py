"""Interruption and resume: a signal stops the run with its summary written; --resume finishes it,
screening only the partitions not done, into the same output as an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from zhengce.contracts import CaseValidationError
from zhengce.kernel.batch import InlineEngine, car_cases
from zhengce.kernel.batch.worker import screen_partition

from .conftest import screen


class StopAfter(InlineEngine):
    """Screens in this process; sends itself ``sig`` once ``n`` partitions are done (as a user would)."""

    def __init__(self, n: int | None = None, sig: int = signal.SIGINT) -> None:
        super().__init__()
        self.n, self.sig, self.screened = n, sig, []

    def map(self, task, partitions, fn=screen_partition):
        for outcome in super().map(task, partitions, fn):
            self.screened.append(outcome.index)
            yield outcome
            if len(self.screened) == self.n:
                os.kill(os.getpid(), self.sig)


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "cars.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in car_cases(500, seed=5)), encoding="utf-8")
    return path


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_writes_the_summary_and_resume_finishes_the_run(tmp_path, registry, sig, code):
    _, full, expected = screen(tmp_path, registry, out_name="full.parquet", partition_size=50)
    first = StopAfter(3, sig)
    got, partial, rows = screen(tmp_path, registry, engine=first, out_name="r.parquet", partition_size=50)
    assert got == code and rows is None  # nothing merged yet
    assert partial["complete"] is False and partial["interrupted_by"] == signal.Signals(sig).name
    assert partial["partitions"]["done"] == 3 and partial["rows"] == 150
    assert "--resume" in partial["resume"]
    assert json.loads((tmp_path / "r.parquet.summary.json").read_text(encoding="utf-8")) == partial
    assert len(list((tmp_path / "r.parquet.parts").glob("part-*.json"))) == 3

    second = StopAfter()
    got, summary, rows = screen(tmp_path, registry, engine=second, out_name="r.parquet", partition_size=50, resume=True)
    assert got == 0 and summary["complete"] is True
    assert second.screened == list(range(3, 10))  # only what the first run had not done
    assert rows == expected
    strip = ("seconds", "output", "resume")
    assert {k: v for k, v in summary.items() if k not in strip} == {k: v for k, v in full.items() if k not in strip}


def test_resume_refuses_a_run_whose_input_or_days_changed(tmp_path, registry):
    screen(tmp_path, registry, engine=StopAfter(1), out_name="r.jsonl", partition_size=100)
    with pytest.raises(CaseValidationError, match="as_of"):
        screen(tmp_path, registry, out_name="r.jsonl", partition_size=100, resume=True, as_of=date(2024, 9, 2))
    with registry.open("a", encoding="utf-8") as f:
        f.write("{}\n")
    with pytest.raises(CaseValidationError, match="input_size"):
        screen(tmp_path, registry, out_name="r.jsonl", partition_size=100, resume=True)


def test_without_resume_a_run_starts_again(tmp_path, registry):
    screen(tmp_path, registry, engine=StopAfter(1), out_name="r.jsonl", partition_size=100)
    engine = StopAfter()
    code, summary, rows = screen(tmp_path, registry, engine=engine, out_name="r.jsonl", partition_size=100)
    assert code == 0 and engine.screened == [0, 1, 2, 3, 4] and len(rows) == 500


def test_sigterm_to_the_command_leaves_a_summary(tmp_path):
    registry = tmp_path / "cars.jsonl"
    registry.write_text("".join(json.dumps(c) + "\n" for c in car_cases(20_000, seed=3)), encoding="utf-8")
    out = tmp_path / "r.parquet"
    proc = subprocess.Popen([sys.executable, "-m", "zhengce.kernel.cli", "screen", str(registry), "--out", str(out),
                             "--as-of", "2024-09-01", "--partition-size", "200", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    parts = tmp_path / "r.parquet.parts"
    deadline = time.monotonic() + 120
    while not list(parts.glob("part-*.json")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err.decode()
    summary = json.loads((tmp_path / "r.parquet.summary.json").read_text(encoding="utf-8"))
    assert summary["complete"] is False and summary["interrupted_by"] == "SIGTERM" and 0 < summary["rows"] < 20_000
    assert b"resume with: zhengce screen" in err
