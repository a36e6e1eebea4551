"""The decision log: one JSON line per evaluation, for audit (after OPA's decision logs).

Each line says when (UTC), which request, the sha256 of the input's canonical JSON (so
the host, which keeps the input, can prove which case was decided without the log holding
personal data), the plugin set that decided, and the decision record itself, or the
problems when the input was refused, or the budget when it ran out.  See docs/service.md.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sys
import threading
from decimal import Decimal
from typing import Any

LOG_FORMAT = "zhengce.decision-log/1"


def canonical_json(data: Any) -> str:
    """JSON with keys sorted, no whitespace, UTF-8 text kept, numbers exactly as they were written.

    Numbers are not re-encoded as binary floats (RFC 8785 would): ``1.50`` stays ``1.50``,
    because a case's money is decimal.  The input hash is the sha256 of this text.
    """
    if isinstance(data, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{canonical_json(v)}"
                              for k, v in sorted(data.items())) + "}"
    if isinstance(data, (list, tuple)):
        return "[" + ",".join(canonical_json(v) for v in data) + "]"
    if isinstance(data, Decimal):
        return str(data)
    return json.dumps(data, ensure_ascii=False)


def input_hash(data: Any) -> str:
    """``sha256:`` and the hex digest of :func:`canonical_json` of ``data``."""
    return "sha256:" + hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def utc_now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


class DecisionLog:
    """Appends decision lines to a file (``O_APPEND``: whole lines from many workers), stdout (``-``) or nowhere (``off``)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._lock = threading.Lock()
        self._fd: int | None = None
        if target not in ("-", "off"):
            self._fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)

    @property
    def enabled(self) -> bool:
        return self.target != "off"

    def write(self, line: bytes) -> None:
        """Append one line of JSON (a single write, so concurrent writers never interleave a line)."""
        if not self.enabled:
            return
        with self._lock:
            if self._fd is not None:
                os.write(self._fd, line)
            else:
                sys.stdout.buffer.write(line)
                sys.stdout.buffer.flush()

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.fsync(self._fd)
                os.close(self._fd)
                self._fd = None
            elif self.enabled:
                sys.stdout.flush()
