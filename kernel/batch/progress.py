"""Progress on stderr (rich): rows done, rate, ETA; shown only when stderr is a terminal (or asked)."""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """Rows screened so far out of the total when known (Parquet), else estimated from bytes read."""

    def __init__(self, enabled: bool | None, total_rows: int | None, total_bytes: int | None, label: str) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total_rows, self.total_bytes = total_rows, total_bytes
        self.rows = self.bytes = self.fresh = 0
        self.start = time.perf_counter()
        self._bar: Any = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress as Bar, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Bar(TextColumn("[bold]{task.description}"), BarColumn(),
                            TextColumn("{task.completed:,.0f}/{task.fields[shown_total]} rows"),
                            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=False)
            self._bar.start()
            self._task = self._bar.add_task(label, total=total_rows, shown_total=self._shown(total_rows), rate="")

    @staticmethod
    def _shown(total: int | None) -> str:
        return "?" if total is None else f"{total:,}"

    def advance(self, rows: int, nbytes: int = 0, *, already_done: bool = False) -> None:
        self.rows += rows
        self.bytes += nbytes
        if not already_done:  # resumed partitions count towards the total, not the rate
            self.fresh += rows
        if self._bar is None:
            return
        total = self.total_rows
        if total is None and self.total_bytes and self.bytes:
            total = max(int(self.rows * self.total_bytes / self.bytes), self.rows)
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        self._bar.update(self._task, completed=self.rows, total=total, shown_total=self._shown(total),
                         rate=f"{self.fresh / elapsed:,.0f} rows/s")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
