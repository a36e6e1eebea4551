"""Helpers for the batch screening tests: the installed plugins' kernel and small registries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel.batch import InlineEngine, ScreenJob, read_results, run_screen
from zhengce.kernel.batch.worker import worker_kernel

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cases" / "car_scrappage_nev_guangdong.json"
POLICY = "tradein.car_scrappage_subsidy"
AS_OF = date(2024, 9, 1)


@pytest.fixture(scope="session")
def kernel():
    return worker_kernel(())[0]


@pytest.fixture(scope="session")
def layout():
    return worker_kernel(())[1]


@pytest.fixture
def example():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def screen(tmp_path: Path, registry: Path, engine=None, **options):
    """Run a job into ``tmp_path/results.<ext>`` (``out_name`` ending in ``/``: a results directory);
    return (exit code, summary, rows)."""
    name = options.pop("out_name", "results.jsonl")
    out = tmp_path / name
    job = ScreenJob(input=str(registry), out=str(out) + ("/" if name.endswith("/") else ""), as_of=options.pop("as_of", AS_OF),
                    progress=False, **options)
    code, summary = run_screen(job, engine or InlineEngine())
    rows = read_results(str(out)) if out.exists() else None
    return code, summary, rows
