"""A seeded generator of SYNTHETIC registries, for examples, tests and benchmarks.

Nothing here describes a real person, vehicle or enterprise: values are drawn from a
seeded ``random.Random`` (the same seed and plugin set give the same file).

* ``cars``: car scrappage applicants (汽车报废更新), a mix of eligible, ineligible and
  incomplete cases, as the throughput benchmark has always used.
* ``enterprises``: enterprises carrying the shared ``enterprise`` section and facts for two
  to four sections of the installed domain plugins other than trade-in, each fact drawn
  from its declared type and domain (money, rates, counts, days, enums, nested objects,
  repeated facts).  They exercise every policy; they are not realistic enterprises.

Written as JSON Lines (one case per line), CSV or Parquet in the flat column layout
(:mod:`.layout`), a batch of rows at a time (memory stays flat however many rows).
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import random
import typing
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from zhengce.contracts import domain_of

from .layout import BOOL, DATE, INT, JSON, Layout, _unwrap, flatten

KINDS = ("cars", "enterprises")


def _provinces() -> list[str]:
    from ..reference import regions

    return [p.name for p in regions().provinces]


def car_cases(n: int, seed: int = 2024, start: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` synthetic car scrappage applications (JSON-like), ids ``car-0000000``…"""
    rng = random.Random(seed)
    provinces = _provinces()

    def day(first: date, last: date) -> str:
        return (first + timedelta(days=rng.randint(0, (last - first).days))).isoformat()

    for i in range(start, start + n):
        case: dict[str, Any] = {
            "case_id": f"car-{i:07d}",
            "applicant": {"type": "individual_consumer" if rng.random() < 0.95 else "enterprise"},
            "old_vehicle": {
                "vehicle_class": rng.choice(["small_passenger", "mini_passenger", "small_passenger", "medium_passenger"]),
                "fuel": rng.choice(["gasoline", "gasoline", "diesel", "other_fuel", "nev"]),
                "registration_date": day(date(2006, 1, 1), date(2019, 6, 30)),
                "in_applicant_name_since": day(date(2008, 1, 1), date(2024, 4, 1)),
            },
            "new_vehicle": {
                "vehicle_class": "small_passenger",
                "fuel": rng.choice(["nev", "nev", "gasoline"]),
                "in_nev_catalogue": rng.random() < 0.97,
                "displacement_l": rng.choice(["1.0", "1.5", "1.8", "2.0", "2.5"]),
                "in_applicant_name": rng.random() < 0.98,
            },
            "scrappage_application": {
                "submitted_on": day(date(2024, 4, 24), date(2024, 9, 30)),
                "invoice_province": rng.choice(provinces),
                "scrap_certificate_on": day(date(2024, 4, 20), date(2024, 9, 30)),
                "scrap_certificate_by_qualified_dismantler": rng.random() < 0.99,
                "deregistration_certificate_on": day(date(2024, 4, 24), date(2024, 9, 30)),
                "sales_invoice_on": day(date(2024, 4, 24), date(2024, 9, 30)),
                "registration_certificate_on": day(date(2024, 4, 24), date(2024, 9, 30)),
            },
        }
        if rng.random() < 0.2:
            case["scrappage_application"]["subsidy_already_paid"] = rng.choice(["7000", "10000"])
            case["scrappage_application"]["subsidy_paid_on"] = "2024-07-01"
        if rng.random() < 0.05:  # incomplete: cannot tell
            del case["new_vehicle"]["in_nev_catalogue"]
        yield case


CAR_SECTIONS = ("applicant", "old_vehicle", "new_vehicle", "scrappage_application")


class _Facts:
    """Random values for a fact class's fields, from their types and declared domains."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.provinces = _provinces()

    def obj(self, cls: type, depth: int = 0, share: float = 0.8) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        out: dict[str, Any] = {}
        for field in attrs.fields(cls):
            if self.rng.random() < share:
                value = self.value(field.name, domain_of(field), _unwrap(hints[field.name]), depth)
                if value is not None:
                    out[field.name] = value
        return out

    def value(self, name: str, dom: Any, tp: Any, depth: int) -> Any:
        rng = self.rng
        if attrs.has(tp):
            return self.obj(tp, depth + 1) if depth < 2 else None
        if typing.get_origin(tp) is tuple:
            item = _unwrap(typing.get_args(tp)[0])
            values = [self.value(name, None, item, depth + 1) for _ in range(rng.randint(0, 2))]
            return [v for v in values if v is not None]
        if tp is bool:
            return rng.random() < 0.7
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return rng.choice(list(tp)).value
        if tp is str:
            if "province" in name:
                return rng.choice(self.provinces)
            if "code" in name:
                return "".join(rng.choice("0123456789") for _ in range(6))
            return f"合成-{rng.randint(1, 9999)}"
        kind = dom.kind if dom is not None else None
        if tp is _dt.date:
            lo, hi = (dom.minimum, dom.maximum) if dom else (date(2022, 1, 1), date(2025, 12, 31))
            lo, hi = max(lo, date(2022, 1, 1)), min(hi, date(2025, 12, 31))
            return (lo + timedelta(days=rng.randint(0, max((hi - lo).days, 0)))).isoformat()
        if tp is int:
            lo = dom.minimum if dom and dom.minimum is not None else 0
            hi = dom.maximum if dom and dom.maximum is not None else lo + 500
            return rng.randint(lo, hi)
        if tp is Decimal:
            if kind == "rate":
                lo, hi = float(dom.minimum), float(dom.maximum)
                return str(Decimal(str(round(rng.uniform(lo, hi), 3))))
            lo = dom.minimum if dom is not None and dom.minimum is not None else Decimal(0)
            if kind == "money":
                hi = dom.maximum if dom is not None and dom.maximum is not None else Decimal(500_000)
                return f"{Decimal(rng.randint(int(lo * 100), int(hi * 100))) / 100:.2f}"
            hi = dom.maximum if dom is not None and dom.maximum is not None else lo + 100_000
            return f"{Decimal(rng.randint(int(lo * 10), int(hi * 10))) / 10:.1f}"
        return None


def enterprise_cases(n: int, seed: int, case_type: type, start: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` synthetic enterprises with facts for several domain sections of ``case_type``."""
    rng = random.Random(seed)
    facts = _Facts(rng)
    hints = typing.get_type_hints(case_type)
    domain_sections = enterprise_sections(case_type)[2:]
    from zhengce.contracts import Enterprise

    for i in range(start, start + n):
        case: dict[str, Any] = {"case_id": f"ent-{i:07d}", "applicant": {"type": "enterprise"},
                                "enterprise": facts.obj(Enterprise, share=0.9)}
        for name in rng.sample(domain_sections, k=min(len(domain_sections), rng.randint(2, 4))):
            case[name] = facts.obj(_unwrap(hints[name]))
        yield case


def enterprise_sections(case_type: type) -> list[str]:
    """``applicant``, ``enterprise``, then every section but trade-in's (which are about cars, not enterprises)."""
    skip = {"case_id", "applicant", "enterprise", *CAR_SECTIONS, "scrappage_funding_settlement", "scrappage_local_rules"}
    return ["applicant", "enterprise", *(f.name for f in attrs.fields(case_type) if f.name not in skip)]


def _arrow_type(kind: str):
    import pyarrow as pa

    return {BOOL: pa.bool_(), INT: pa.int64(), DATE: pa.date32()}.get(kind, pa.string())


def write_registry(cases: Iterator[dict[str, Any]], path: str, layout: Layout, sections: list[str],
                   fmt: str | None = None, batch: int = 50_000) -> int:
    """Write ``cases`` to ``path`` (format from ``fmt`` or the suffix); return how many rows."""
    from .readers import format_of

    fmt = format_of(path, fmt)
    columns = ["case_id", *(c for s in sections for c in layout.columns(s))]
    n = 0
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for case in cases:
                f.write(json.dumps(case, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "csv":
        import csv

        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            for case in cases:
                flat = flatten(case, layout)
                writer.writerow(["" if flat.get(c) is None else _csv_cell(flat[c]) for c in columns])
                n += 1
        return n
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {c: layout.kinds.get(c, JSON) for c in columns}
    schema = pa.schema([(c, _arrow_type(kinds[c])) for c in columns])
    tmp = Path(f"{path}.tmp")
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []
        for case in cases:
            chunk.append(flatten(case, layout))
            if len(chunk) >= batch:
                writer.write_table(_table(chunk, columns, kinds, schema))
                n += len(chunk)
                chunk = []
        if chunk:
            writer.write_table(_table(chunk, columns, kinds, schema))
            n += len(chunk)
    tmp.replace(path)
    return n


def _csv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(rows: list[dict[str, Any]], columns: list[str], kinds: dict[str, str], schema: Any):
    import pyarrow as pa

    data = {}
    for c in columns:
        values = [r.get(c) for r in rows]
        if kinds[c] == DATE:
            values = [None if v is None else date.fromisoformat(v) for v in values]
        elif kinds[c] not in (BOOL, INT):
            values = [None if v is None else str(v) for v in values]
        data[c] = values
    return pa.table(data, schema=schema)


def generate(kind: str, rows: int, path: str, seed: int = 2024, fmt: str | None = None, block: tuple[str, ...] = ()) -> int:
    """Write a synthetic registry of ``kind`` (``cars`` | ``enterprises``) with ``rows`` rows to ``path``."""
    from .worker import worker_kernel

    kernel, layout = worker_kernel(tuple(block))
    if kind == "cars":
        return write_registry(car_cases(rows, seed), path, layout, [s for s in CAR_SECTIONS if s in layout.kinds], fmt)
    return write_registry(enterprise_cases(rows, seed, kernel.case_type), path, layout, enterprise_sections(kernel.case_type), fmt)
