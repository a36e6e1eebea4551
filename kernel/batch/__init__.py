"""Batch and distributed screening (免申即享): registries in (JSON Lines, CSV, Parquet), result rows out.

    from zhengce.kernel.batch import ScreenJob, run_screen, make_engine
    engine = make_engine("local", workers=2, scheduler=None, block=())
    code, summary = run_screen(ScreenJob(input="registry.parquet", out="results.parquet", as_of=day), engine)

Modules: :mod:`.layout` (the flat column layout), :mod:`.readers`, :mod:`.writers`,
:mod:`.results` (rows, ``--keep``, counts), :mod:`.worker` (one partition),
:mod:`.engines` (in-process, local processes, Dask), :mod:`.run` (resume, signals,
summary), :mod:`.synthetic` (seeded synthetic registries), :mod:`.cli`.
See ``docs/screening.md``.
"""

from __future__ import annotations

from .engines import DaskEngine, Engine, EngineError, InlineEngine, LocalEngine, make_engine
from .layout import Layout, flatten
from .readers import Partition, Reader, open_reader
from .results import COLUMNS, SCREEN_FORMAT, SUMMARY_FORMAT, Keep, KeepError, Stats
from .run import ScreenJob, run_screen
from .synthetic import car_cases, enterprise_cases, generate
from .writers import read_results

__all__ = [
    "COLUMNS", "DaskEngine", "Engine", "EngineError", "InlineEngine", "Keep", "KeepError", "Layout", "LocalEngine",
    "Partition", "Reader", "SCREEN_FORMAT", "SUMMARY_FORMAT", "ScreenJob", "Stats", "car_cases", "enterprise_cases",
    "flatten", "generate", "make_engine", "open_reader", "read_results", "run_screen",
]
