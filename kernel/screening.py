"""Screen cases held in memory, in this process: the embedding host's view of :mod:`zhengce.kernel.batch`.

This is the 免申即享 use without files: a host passes cases (JSON-like dicts, or JSON
text lines) and gets the ``zhengce.screen/2`` result rows ``zhengce screen`` writes,
one per case and policy, in order.  A bad case is its own ``invalid`` row; nothing
raises.  For files, partitions, worker processes, Dask and resume, use ``zhengce screen``
or :func:`zhengce.kernel.batch.run_screen`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from zhengce.contracts import Problem

from .batch.results import SCREEN_FORMAT, Keep, Stats
from .batch.worker import screen_row
from .kernel import Kernel

__all__ = ["SCREEN_FORMAT", "screen"]


def screen(kernel: Kernel, cases: Iterable[Mapping[str, Any] | str | bytes], *, as_of: date, known_at: date | None = None,
           keep: Keep | None = None, stats: Stats | None = None) -> Iterator[dict[str, Any]]:
    """Result rows for each case (numbered from 1), those ``keep`` accepts; counts go to ``stats`` if given."""
    stats = stats if stats is not None else Stats()
    for row, case in enumerate(cases, start=1):
        data, problems = case, []
        if isinstance(case, (str, bytes)):
            try:
                data = json.loads(case, parse_float=Decimal)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                data, problems = None, [Problem("", f"not valid JSON: {getattr(exc, 'msg', exc)}")]
        stats.rows += 1
        for out in screen_row(kernel, row, data, problems, as_of, known_at, stats):
            stats.count(out)
            if keep is None or keep.accepts(out):
                stats.written += 1
                yield out
