"""Plain-text output of the command line that must read well in an 80-column terminal and when piped:
the ``policies`` and ``plugins`` listings (one block per entry, wrapped to the width, no table
columns to squeeze), and the assessment-day notice of ``evaluate``.

Kept apart from :mod:`cli` so that the command line stays a thin dispatcher.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from .policy import PolicySpec


def width() -> int:
    """The terminal's width (``COLUMNS`` when set, 80 when piped), at least 40."""
    return max(40, shutil.get_terminal_size((80, 24)).columns if os.environ.get("COLUMNS") or os.isatty(1) else 80)


def cells(text: str) -> int:
    """Display width: a CJK or full-width character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, limit: int, indent: str = "") -> list[str]:
    """``text`` broken into lines of at most ``limit`` columns (CJK-aware; breaks at spaces when it can)."""
    lines: list[str] = []
    line = indent
    for word in _words(text):
        if cells(line) + cells(word) > limit and line.strip():
            lines.append(line.rstrip())
            line = indent + word.lstrip()
            while cells(line) > limit:  # a word longer than the line: cut it
                cut = len(indent) + 1
                while cut < len(line) and cells(line[:cut + 1]) <= limit:
                    cut += 1
                lines.append(line[:cut])
                line = indent + line[cut:]
        else:
            line += word
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _words(text: str) -> Iterable[str]:
    """Space-separated words (with their leading space); each CJK character is a word of its own."""
    word = ""
    for ch in text:
        if ch == " " or unicodedata.east_asian_width(ch) in "WF":
            if word:
                yield word
            word = ch
            if ch != " ":
                yield word
                word = ""
        else:
            word += ch
    if word:
        yield word


def policies_text(rows: list[Mapping[str, Any]], limit: int | None = None) -> str:
    """One block per policy: id and plugin, then the Chinese and English titles and the documents, indented."""
    limit = limit or width()
    out: list[str] = []
    for r in rows:
        out += wrap(f"{r['id']}  ({r['plugin']} {r['version']})", limit)
        out += wrap(r["title"]["zh"], limit, "  ")
        out += wrap(r["title"]["en"], limit, "  ")
        docs = "、".join(d["document"] for d in r["documents"])
        if docs:
            out += wrap(docs, limit, "  ")
        out.append("")
    out.append(f"{len(rows)} policies")
    return "\n".join(out)


def plugins_text(rows: list[Mapping[str, Any]], shared: list[str], plugin_set: str, core_version: str,
                 limit: int | None = None) -> str:
    """One block per plugin: name, distribution and version, its policy count, then its sections wrapped."""
    limit = limit or width()
    out = [f"plugin set {plugin_set}", ""]
    for r in rows:
        out += wrap(f"{r['name']}  {r['distribution']} {r['version']}  · {len(r['policies'])} policies", limit)
        out += wrap("sections: " + ", ".join(r["sections"]), limit, "  ")
        out.append("")
    out += wrap(f"(core)  zhengce {core_version}", limit)
    out += wrap("shared sections: " + ", ".join(shared), limit, "  ")
    return "\n".join(out)


def last_dated_day(spec: PolicySpec) -> date | None:
    """The latest day the policy's documents name (a value's ``until`` or a date-valued parameter):
    after it, the documents date nothing; None when they date nothing at all."""
    if spec.parameters is None:
        return None
    days = [d for _p, v in spec.parameters.values() for d in (v.valid_until, v.value) if isinstance(d, date)]
    return max(days) if days else None


def assessment_notice(as_of: date, given: bool, specs: Iterable[PolicySpec], lang: str) -> list[str]:
    """What ``evaluate`` prints above the results about the assessment day: the day, prominently, when
    ``--as-of`` was not given (it is then the machine's today), and a warning for each policy whose
    documents name no day after it (the policy may have ended: pass the day to assess with ``--as-of``)."""
    zh = lang == "zh"
    if given:
        return []
    lines = [f"评估日 {as_of}（未指定 --as-of，按本机今日评估）" if zh else
             f"Assessed as of {as_of} (no --as-of given: the machine's today)"]
    for spec in specs:
        last = last_dated_day(spec)
        if last is not None and as_of > last:
            lines.append(f"注意：{spec.id} 的文件所载最后一个日期为 {last}，评估日在其后：请确认该政策在评估日仍然适用，或用 --as-of 指定评估日" if zh else
                         f"Warning: {spec.id}: its documents name no day after {last}, and the assessment day is later; "
                         f"check that the policy still governs that day, or pass --as-of")
    return lines
