"""What-if: the cost of a reform over a population, and who pays.

Every case is evaluated twice by the same rules — the baseline known at the day before the
reform's issue date, the reform (a kernel patched by :func:`~zhengce.kernel.reform.apply_reform`)
known at that date — and compared *after stacking*: the amounts counted are the resolution's
(``record.resolution``: what stands, after exclusions and caps, attributed to a payer), never the
raw amounts a policy computed.  Totals are by policy, by payer, by province (the case's
``scrappage_application.invoice_province``, else ``applicant.province``, else
``enterprise.province``) and by zone (东部/中部/西部 as the trade-in subsidy places a province: the
case's own ``scrappage_application.region``, else the reference table's three-zone scheme), each
weighted when the population is a sample (``weights``: a top-level field or column of each row,
removed before the case is validated).

The population is read and evaluated by the batch engine (:mod:`zhengce.kernel.batch`): any input
``screen`` reads (JSON Lines, CSV, Parquet), in partitions, in this process or on ``--workers``
local processes or a Dask cluster.  Each partition gives back a :class:`Tally` (sums by key,
exact ``Decimal``); tallies add up in any order to the same totals.  :func:`run_whatif` compares
in-memory cases with the same per-case function (:func:`compare_case`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import attrs

from zhengce.contracts import CaseValidationError, DecisionRecord, Problem, Text

from .reform import Reform, apply_reform

WHATIF_FORMAT = "zhengce.whatif/1"  # fields are only ever added
NO_PROVINCE = "(none)"
NO_ZONE = "(unplaced)"
ZERO = Decimal(0)
CENT = Decimal("0.01")
PROVINCE_PATHS = ("scrappage_application.invoice_province", "applicant.province", "enterprise.province")
ZONE_PATHS = ("scrappage_application.region", "scrappage_funding_settlement.region")  # a case's own zone wins
ZONE_SCHEME = "three_zone"  # the trade-in subsidy's split.scheme (392号 二: 东部、中部、西部)
ZONE_NAMES = {"east": Text(zh="东部", en="eastern"), "middle": Text(zh="中部", en="central"),
              "west": Text(zh="西部", en="western"), "northeast": Text(zh="东北", en="northeastern"),
              NO_ZONE: Text(zh="未能归区", en="unplaced")}
OUTCOMES = ("gain", "lose", "same_amount", "status_changed")


@attrs.define
class _Sums:
    baseline: Decimal = ZERO
    reform: Decimal = ZERO

    def add(self, b: Decimal, r: Decimal, w: Decimal) -> None:
        self.baseline += b * w
        self.reform += r * w

    @property
    def change(self) -> Decimal:
        return self.reform - self.baseline

    def dump(self) -> dict[str, str]:
        """Yuan to the fen (a weighted sum is an estimate; the rounding is stated: ROUND_HALF_UP)."""
        return {k: str(v.quantize(CENT, rounding=ROUND_HALF_UP))
                for k, v in (("baseline", self.baseline), ("reform", self.reform), ("change", self.change))}


def _add_into(mine: dict[str, _Sums], theirs: Mapping[str, _Sums]) -> None:
    for k, s in theirs.items():
        mine.setdefault(k, _Sums()).add(s.baseline, s.reform, Decimal(1))


@attrs.define
class Tally:
    """The comparison of some cases (a partition, or a whole population): additive (:meth:`add`)."""

    rows: int = 0
    cases: int = 0
    population: Decimal = ZERO
    by_policy: dict[str, _Sums] = attrs.field(factory=dict)
    by_payer: dict[str, _Sums] = attrs.field(factory=dict)
    by_province: dict[str, dict[str, _Sums]] = attrs.field(factory=dict)
    by_zone: dict[str, dict[str, _Sums]] = attrs.field(factory=dict)
    outcomes: dict[str, list] = attrs.field(factory=lambda: {k: [0, ZERO] for k in OUTCOMES})
    examples: dict[str, list[tuple[int, str]]] = attrs.field(factory=lambda: {"gain": [], "lose": [], "status_changed": []})
    invalid: int = 0
    invalid_examples: list[tuple[int, str | None, list[dict[str, str]]]] = attrs.field(factory=list)
    keep: int = 5  # examples kept per kind (the first in row order)

    def add(self, other: Tally) -> None:
        self.rows += other.rows
        self.cases += other.cases
        self.population += other.population
        _add_into(self.by_policy, other.by_policy)
        _add_into(self.by_payer, other.by_payer)
        for mine, theirs in ((self.by_province, other.by_province), (self.by_zone, other.by_zone)):
            for key, payers in theirs.items():
                _add_into(mine.setdefault(key, {}), payers)
        for k, (n, w) in other.outcomes.items():
            self.outcomes[k][0] += n
            self.outcomes[k][1] += w
        for k, found in other.examples.items():
            self.examples[k] = sorted(self.examples[k] + found)[: self.keep]
        self.invalid += other.invalid
        self.invalid_examples = sorted(self.invalid_examples + other.invalid_examples, key=lambda e: e[0])[: self.keep]

    def total(self) -> _Sums:
        s = _Sums()
        for v in self.by_payer.values():
            s.add(v.baseline, v.reform, Decimal(1))
        return s


@attrs.define
class WhatIf:
    """The comparison of a population: the reform, the days, and the tally."""

    reform: Reform
    as_of: date
    weights: str | None = None
    tally: Tally = attrs.field(factory=Tally)
    input: str | None = None
    engine: dict[str, Any] | None = None
    seconds: float | None = None

    def total(self) -> _Sums:
        return self.tally.total()

    def to_json(self) -> dict[str, Any]:
        t = self.tally
        zones = sorted(t.by_zone, key=_zone_order)
        return {
            "format": WHATIF_FORMAT,
            "reform": {"number": self.reform.number, "title": self.reform.title, "issued": self.reform.issued.isoformat(),
                       "changes": [{"policy": c.policy, "set": c.set, "parameter": c.parameter, "value": str(c.value)}
                                   for c in self.reform.changes]},
            "as_of": self.as_of.isoformat(),
            "known_at": {"baseline": self.reform.baseline_known_at.isoformat(), "reform": self.reform.reform_known_at.isoformat()},
            "input": self.input,
            "weights": self.weights,
            "rows": t.rows,
            "cases": t.cases,
            "invalid": {"cases": t.invalid, "examples": [{"row": r, "case_id": c, "problems": p} for r, c, p in t.invalid_examples]},
            "population": str(t.population),
            "total": self.total().dump(),
            "by_policy": {k: v.dump() for k, v in sorted(t.by_policy.items())},
            "by_payer": {k: v.dump() for k, v in sorted(t.by_payer.items())},
            "by_province": {prov: {payer: s.dump() for payer, s in sorted(payers.items())}
                            for prov, payers in sorted(t.by_province.items())},
            "province_zone": {prov: _table_zone(prov) for prov in sorted(t.by_province)},
            "by_zone": {z: {payer: s.dump() for payer, s in sorted(t.by_zone[z].items())} for z in zones},
            "zones": {"scheme": ZONE_SCHEME, "labels": {z: {"zh": ZONE_NAMES[z].zh, "en": ZONE_NAMES[z].en}
                                                        for z in zones if z in ZONE_NAMES},
                      "source": "the case's scrappage_application.region, else the reference table (zhengce.kernel.reference)"},
            "outcomes": {k: {"cases": n, "weighted": str(w)} for k, (n, w) in t.outcomes.items()},
            "examples": {k: [c for _, c in v] for k, v in t.examples.items()},
            "engine": self.engine,
            "seconds": self.seconds,
        }


def _zone_order(zone: str) -> tuple[int, str]:
    order = list(ZONE_NAMES)
    return (order.index(zone) if zone in order else len(order), zone)


def zone_label(zone: str, lang: str = "en") -> str:
    name = ZONE_NAMES.get(zone)
    return name.in_lang(lang) if name else zone


def _path(case: Any, path: str) -> Any:
    obj: Any = case
    for part in path.split("."):
        obj = getattr(obj, part, None)
    return obj


def _province(case: Any) -> str:
    for path in PROVINCE_PATHS:
        found = _path(case, path)
        if found:
            return str(found)
    return NO_PROVINCE


def _table_zone(province: str) -> str:
    """The reference table's zone of a province (three-zone scheme), else ``(unplaced)``."""
    from .reference import regions

    prov = regions().province(province) if province != NO_PROVINCE else None
    return regions().zone(prov, ZONE_SCHEME) if prov else NO_ZONE


def _zone(case: Any, province: str) -> str:
    """As the trade-in subsidy reads it: the case's own region, else the reference table's zone."""
    for path in ZONE_PATHS:
        found = _path(case, path)
        if found:
            return str(found)
    return _table_zone(province)


def _granted(record: DecisionRecord) -> tuple[dict[str, Decimal], dict[str, Decimal], dict[str, tuple[bool, str]]]:
    """By policy and by payer, what the resolution grants; and each policy's (stands, status)."""
    res = record.resolution
    by_policy: dict[str, Decimal] = {}
    states = {r.policy_id: (False, r.status.value) for r in record.results}
    if res is None:
        return by_policy, {}, states
    for g in res.grants:
        states[g.policy_id] = (g.stands, states.get(g.policy_id, (False, ""))[1])
        if g.stands:
            by_policy[g.policy_id] = sum((a.value for a in g.amounts), ZERO)
    return by_policy, {a.payer: a.value for a in res.totals}, states


def weight_of(data: dict[str, Any], field: str, row: int) -> Decimal:
    """The weight a sample case stands for (a non-negative number; removed from ``data``)."""
    raw = data.pop(field, None)
    try:
        if raw is None or isinstance(raw, (bool, float)):
            raise InvalidOperation
        w = Decimal(str(raw).strip()) if isinstance(raw, (str, int, Decimal)) else Decimal("NaN")
        if not w.is_finite() or w < 0:
            raise InvalidOperation
    except InvalidOperation:
        raise CaseValidationError([Problem(f"row {row}: {field}", f"weight must be a non-negative number (as a JSON "
                                                                  f"integer or a decimal string), not {raw!r}")]) from None
    return w


def compare_case(kernel: Any, reformed: Any, reform: Reform, tally: Tally, row: int, data: Any, *, as_of: date,
                 weights: str | None = None) -> None:
    """Evaluate one case (JSON-like ``data``) at baseline and under the reform; add it to ``tally``.

    Raises :class:`CaseValidationError` for a case that cannot be compared (invalid, or a bad weight).
    """
    if not isinstance(data, dict):
        raise CaseValidationError([Problem(f"row {row}", "expected a JSON object")])
    data = dict(data)
    w = weight_of(data, weights, row) if weights else Decimal(1)
    case = kernel.load_case(data)
    base = kernel.evaluate(case, as_of=as_of, known_at=reform.baseline_known_at, trace=False)
    new = reformed.evaluate(case, as_of=as_of, known_at=reform.reform_known_at, trace=False)
    tally.cases += 1
    tally.population += w
    bp, bpay, bst = _granted(base)
    rp, rpay, rst = _granted(new)
    for pid in bp.keys() | rp.keys():
        tally.by_policy.setdefault(pid, _Sums()).add(bp.get(pid, ZERO), rp.get(pid, ZERO), w)
    province = _province(case)
    zone = _zone(case, province)
    prov = tally.by_province.setdefault(province, {})
    zoned = tally.by_zone.setdefault(zone, {})
    for payer in bpay.keys() | rpay.keys():
        b, r = bpay.get(payer, ZERO), rpay.get(payer, ZERO)
        tally.by_payer.setdefault(payer, _Sums()).add(b, r, w)
        prov.setdefault(payer, _Sums()).add(b, r, w)
        zoned.setdefault(payer, _Sums()).add(b, r, w)
    b_total, r_total = sum(bpay.values(), ZERO), sum(rpay.values(), ZERO)
    kind = "gain" if r_total > b_total else "lose" if r_total < b_total else "same_amount"
    for k in [kind] + (["status_changed"] if bst != rst else []):
        tally.outcomes[k][0] += 1
        tally.outcomes[k][1] += w
        if k in tally.examples and len(tally.examples[k]) < tally.keep:
            tally.examples[k].append((row, case.case_id or f"row {row}"))


def _invalid(tally: Tally, row: int, data: Any, problems: list[Problem]) -> None:
    tally.invalid += 1
    if len(tally.invalid_examples) < tally.keep:
        case_id = data.get("case_id") if isinstance(data, dict) and isinstance(data.get("case_id"), str) else None
        tally.invalid_examples.append((row, case_id, [{"path": p.path, "message": p.message} for p in problems]))


def run_whatif(kernel: Any, reform: Reform, cases: Iterable[Mapping[str, Any]], *, as_of: date | None = None,
               weights: str | None = None, reformed: Any = None, examples: int = 5, strict: bool = True) -> WhatIf:
    """Compare baseline and reform over in-memory ``cases`` (JSON-like dicts), in this process.

    ``strict``: the first case that cannot be compared raises its :class:`CaseValidationError`;
    otherwise it is counted as invalid (``tally.invalid``), as the batch run does.
    """
    reformed = reformed if reformed is not None else apply_reform(kernel, reform)
    as_of = as_of or reform.issued
    out = WhatIf(reform=reform, as_of=as_of, weights=weights, tally=Tally(keep=examples))
    for row, raw in enumerate(cases, 1):
        out.tally.rows += 1
        try:
            compare_case(kernel, reformed, reform, out.tally, row, raw, as_of=as_of, weights=weights)
        except CaseValidationError as exc:
            if strict:
                raise
            _invalid(out.tally, row, raw, exc.problems)
    return out


# --- on the batch engine ------------------------------------------------------------


@attrs.frozen(kw_only=True)
class WhatIfTask:
    """What every partition of a what-if run is compared with (small, picklable)."""

    reform: Reform
    as_of: date
    weights: str | None = None
    block: tuple[str, ...] = ()
    examples: int = 5


@attrs.frozen(kw_only=True)
class WhatIfPart:
    index: int
    tally: Tally = attrs.field(eq=False)
    plugin_set: str
    worker: str
    rows: int = 0
    nbytes: int = 0


_REFORMED: dict[tuple[tuple[str, ...], str], Any] = {}


def reformed_kernel(task: WhatIfTask) -> tuple[Any, Any, Any]:
    """This process's kernel, its layout and its reformed kernel (the reform applied once per process)."""
    from .batch.worker import worker_kernel

    kernel, layout = worker_kernel(task.block)
    key = (task.block, task.reform.key)
    reformed = _REFORMED.get(key)
    if reformed is None:
        if len(_REFORMED) > 4:
            _REFORMED.clear()
        reformed = _REFORMED[key] = apply_reform(kernel, task.reform)
    return kernel, layout, reformed


def whatif_partition(task: WhatIfTask, partition: Any) -> WhatIfPart:
    """Compare every row of one partition (wherever it runs); a bad row is counted, never fatal."""
    from .batch.readers import decode

    kernel, layout, reformed = reformed_kernel(task)
    tally = Tally(keep=task.examples)
    tally.rows = partition.rows
    for row, data, problems in decode(partition, layout):
        try:
            if data is None or problems:
                raise CaseValidationError(problems)
            compare_case(kernel, reformed, task.reform, tally, row, data, as_of=task.as_of, weights=task.weights)
        except CaseValidationError as exc:
            _invalid(tally, row, data, exc.problems)
        except Exception as exc:  # noqa: BLE001 - a bad row never aborts a partition
            _invalid(tally, row, data, [Problem("", f"{type(exc).__name__}: {exc}")])
    return WhatIfPart(index=partition.index, tally=tally, plugin_set=kernel.plugin_set,
                      worker=f"{os.uname().nodename}:{os.getpid()}", rows=partition.rows, nbytes=partition.nbytes)


def run_population(kernel: Any, reform: Reform, path: str, engine: Any, *, in_format: str | None = None,
                   as_of: date | None = None, weights: str | None = None, block: tuple[str, ...] = (),
                   partition_size: int = 5000, examples: int = 5, progress: bool | None = None) -> WhatIf:
    """Compare baseline and reform over the population file ``path`` on the batch ``engine``.

    The reform is applied here first (a bad reform is one :class:`ReformError` before any work),
    then once in each worker.  Raises :class:`~zhengce.kernel.batch.EngineError` when a worker's
    plugin set differs from ``kernel``'s.
    """
    from pathlib import Path

    from .batch.engines import EngineError
    from .batch.progress import Progress
    from .batch.readers import open_reader
    from .batch.worker import seed_kernel

    started = time.perf_counter()
    seed_kernel(kernel, tuple(block))
    apply_reform(kernel, reform)  # fail fast, in the driver
    as_of = as_of or reform.issued
    task = WhatIfTask(reform=reform, as_of=as_of, weights=weights, block=tuple(block), examples=examples)
    workers = engine.check(kernel.plugin_set, tuple(block))
    reader = open_reader(path, in_format)
    bar = Progress(progress, reader.total_rows, reader.total_bytes, f"whatif {Path(path).name}")
    out = WhatIf(reform=reform, as_of=as_of, weights=weights, tally=Tally(keep=examples), input=path)
    try:
        for part in engine.map(task, reader.partitions(partition_size), whatif_partition):
            if part.plugin_set != kernel.plugin_set:
                raise EngineError(f"worker {part.worker} compared with plugin set {part.plugin_set}, "
                                  f"the driver has {kernel.plugin_set}")
            out.tally.add(part.tally)
            bar.advance(part.rows, part.nbytes)
    finally:
        bar.close()
        reader.close()
    out.engine = engine.describe() | {"worker_plugin_sets": len(workers), "partition_size": partition_size}
    out.seconds = round(time.perf_counter() - started, 3)
    return out


def read_population(path: str) -> Iterable[dict[str, Any]]:
    """JSON Lines, one case per line (blank lines skipped); a bad line is a validation error."""
    with open(path, encoding="utf-8") as fh:
        for n, text in enumerate(fh, 1):
            if text.strip():
                try:
                    data = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise CaseValidationError([Problem(f"line {n}", f"not JSON: {exc}")]) from None
                if not isinstance(data, dict):
                    raise CaseValidationError([Problem(f"line {n}", "expected a JSON object")])
                yield data


# --- output ---------------------------------------------------------------------


def print_table(result: WhatIf, lang: str = "zh") -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    data = result.to_json()
    console = Console(highlight=False)
    console.print(f"[bold]{escape(data['reform']['number'])}[/] {escape(data['reform']['title'])} · issued "
                  f"{data['reform']['issued']} · as of {data['as_of']} · {data['cases']} cases, population {data['population']}"
                  + (f" · {data['invalid']['cases']} invalid" if data["invalid"]["cases"] else ""))

    def table(title: str, rows: Iterable[tuple[tuple[str, ...], Mapping[str, str]]], first: tuple[str, ...]) -> None:
        t = Table(title=title)
        for name in first:
            t.add_column(name)
        for name in ("baseline", "reform", "change"):
            t.add_column(name, justify="right")
        for keys, s in rows:
            t.add_row(*(escape(k) for k in keys), *(f"{Decimal(s[n]):,}" for n in ("baseline", "reform", "change")))
        console.print(t)

    zones = data["province_zone"]
    table("by policy (granted after stacking)", (((k,), s) for k, s in data["by_policy"].items()), ("policy",))
    table("by payer", (((k,), s) for k, s in data["by_payer"].items()), ("payer",))
    table("by province and payer", (((p, zone_label(zones.get(p, NO_ZONE), lang), payer), s)
                                    for p, payers in data["by_province"].items() for payer, s in payers.items()),
          ("province", "zone", "payer"))
    table("by zone and payer", (((zone_label(z, lang), payer), s) for z, payers in data["by_zone"].items()
                                for payer, s in payers.items()), ("zone", "payer"))
    t = Table(title="cases")
    for name in ("outcome", "cases", "weighted"):
        t.add_column(name, justify="right" if name != "outcome" else "left")
    for k, v in data["outcomes"].items():
        t.add_row(k, str(v["cases"]), f"{Decimal(v['weighted']):,}")
    console.print(t)


def write_chart(result: WhatIf, path: str) -> None:
    """Cost change by province and by zone (stacked by payer) and by policy, as PNG or SVG (by the suffix)."""
    try:
        import matplotlib
    except ImportError:
        raise RuntimeError("charts need matplotlib: pip install 'zhengce[whatif]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .reference import regions

    table = regions()
    t = result.tally

    def label(name: str) -> str:  # English names: the default fonts have no CJK glyphs
        prov = table.province(name) if name != NO_PROVINCE else None
        return prov.en if prov else name

    def stacked(ax: Any, rows: dict[str, dict[str, _Sums]], keys: list[str], labels: list[str], title: str) -> None:
        start = [0.0] * len(keys)
        for payer in sorted(t.by_payer):
            vals = [float(rows[k].get(payer, _Sums()).change) for k in keys]  # float only for drawing
            ax.barh(labels, vals, left=start, label=payer)
            start = [a + b for a, b in zip(start, vals)]
        ax.set_title(title)
        ax.legend()

    provinces = sorted(t.by_province, key=lambda p: sum(s.change for s in t.by_province[p].values()))
    zones = sorted(t.by_zone, key=_zone_order)
    policies = sorted(t.by_policy)
    fig = plt.figure(figsize=(15, max(5, 0.3 * len(provinces) + 1.5)))
    grid = fig.add_gridspec(2, 2, width_ratios=[3, 2], height_ratios=[1, 1])
    left, zone_ax, right = fig.add_subplot(grid[:, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, 1])
    stacked(left, t.by_province, provinces, [label(p) for p in provinces], "Cost change by province and payer (CNY)")
    stacked(zone_ax, t.by_zone, zones, [zone_label(z, "en") for z in zones], "Cost change by zone and payer (CNY)")
    right.barh(policies, [float(t.by_policy[p].change) for p in policies])
    right.set_title("Cost change by policy (CNY)")
    changes = "; ".join(f"{c.set or c.policy} {c.parameter} = {c.value}" for c in result.reform.changes)
    fig.suptitle(f"Reform issued {result.reform.issued}: {changes}")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
