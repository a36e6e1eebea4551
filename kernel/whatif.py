"""What-if: the cost of a reform over a population, and who pays.

Every case is evaluated twice by the same rules — the baseline known at the day before the
reform's issue date, the reform (a kernel patched by :func:`~zhengce.kernel.reform.apply_reform`)
known at that date — and compared *after stacking*: the amounts counted are the resolution's
(``record.resolution``: what stands, after exclusions and caps, attributed to a payer), never the
raw amounts a policy computed.  Totals are by policy, by payer and by province (the case's
``scrappage_application.invoice_province``, else ``applicant.province``, else
``enterprise.province``), each weighted when the population is a sample (``weights``: a top-level
field of each input line, removed before the case is validated).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import attrs

from zhengce.contracts import CaseValidationError, DecisionRecord, Problem

from .reform import Reform, apply_reform

WHATIF_FORMAT = "zhengce.whatif/1"
NO_PROVINCE = "(none)"
ZERO = Decimal(0)
CENT = Decimal("0.01")
PROVINCE_PATHS = ("scrappage_application.invoice_province", "applicant.province", "enterprise.province")


@attrs.define
class _Sums:
    baseline: Decimal = ZERO
    reform: Decimal = ZERO

    def add(self, b: Decimal, r: Decimal, w: Decimal) -> None:
        self.baseline += b * w
        self.reform += r * w

    def dump(self) -> dict[str, str]:
        """Yuan to the fen (a weighted sum is an estimate; the rounding is stated: ROUND_HALF_UP)."""
        return {k: str(v.quantize(CENT, rounding=ROUND_HALF_UP))
                for k, v in (("baseline", self.baseline), ("reform", self.reform), ("change", self.reform - self.baseline))}


@attrs.define
class WhatIf:
    """The comparison, accumulated case by case."""

    reform: Reform
    as_of: date
    weights: str | None = None
    cases: int = 0
    population: Decimal = ZERO
    by_policy: dict[str, _Sums] = attrs.field(factory=dict)
    by_payer: dict[str, _Sums] = attrs.field(factory=dict)
    by_province: dict[str, dict[str, _Sums]] = attrs.field(factory=dict)
    outcomes: dict[str, list] = attrs.field(factory=lambda: {k: [0, ZERO] for k in ("gain", "lose", "same_amount", "status_changed")})
    examples: dict[str, list[str]] = attrs.field(factory=lambda: {"gain": [], "lose": [], "status_changed": []})

    def total(self) -> _Sums:
        s = _Sums()
        for v in self.by_payer.values():
            s.add(v.baseline, v.reform, Decimal(1))
        return s

    def to_json(self) -> dict[str, Any]:
        return {
            "format": WHATIF_FORMAT,
            "reform": {"number": self.reform.number, "title": self.reform.title, "issued": self.reform.issued.isoformat(),
                       "changes": [{"policy": c.policy, "parameter": c.parameter, "value": str(c.value)} for c in self.reform.changes]},
            "as_of": self.as_of.isoformat(),
            "known_at": {"baseline": self.reform.baseline_known_at.isoformat(), "reform": self.reform.reform_known_at.isoformat()},
            "weights": self.weights,
            "cases": self.cases,
            "population": str(self.population),
            "total": self.total().dump(),
            "by_policy": {k: v.dump() for k, v in sorted(self.by_policy.items())},
            "by_payer": {k: v.dump() for k, v in sorted(self.by_payer.items())},
            "by_province": {prov: {payer: s.dump() for payer, s in sorted(payers.items())}
                            for prov, payers in sorted(self.by_province.items())},
            "outcomes": {k: {"cases": n, "weighted": str(w)} for k, (n, w) in self.outcomes.items()},
            "examples": self.examples,
        }


def _province(case: Any) -> str:
    for path in PROVINCE_PATHS:
        obj: Any = case
        for part in path.split("."):
            obj = getattr(obj, part, None)
        if obj:
            return str(obj)
    return NO_PROVINCE


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


def weight_of(data: dict[str, Any], field: str, line: int) -> Decimal:
    """The weight a sample case stands for (a non-negative number; removed from ``data``)."""
    raw = data.pop(field, None)
    try:
        if raw is None or isinstance(raw, (bool, float)):
            raise InvalidOperation
        w = Decimal(str(raw))
        if not w.is_finite() or w < 0:
            raise InvalidOperation
    except InvalidOperation:
        raise CaseValidationError([Problem(f"line {line}: {field}", f"weight must be a non-negative number (as a JSON "
                                                                   f"integer or a decimal string), not {raw!r}")]) from None
    return w


def run_whatif(kernel: Any, reform: Reform, cases: Iterable[Mapping[str, Any]], *, as_of: date | None = None,
               weights: str | None = None, reformed: Any = None, examples: int = 5) -> WhatIf:
    """Compare baseline and reform over ``cases`` (JSON-like dicts; see the module docstring)."""
    reformed = reformed if reformed is not None else apply_reform(kernel, reform)
    as_of = as_of or reform.issued
    out = WhatIf(reform=reform, as_of=as_of, weights=weights)
    for line, raw in enumerate(cases, 1):
        data = dict(raw)
        w = weight_of(data, weights, line) if weights else Decimal(1)
        case = kernel.load_case(data)
        base = kernel.evaluate(case, as_of=as_of, known_at=reform.baseline_known_at, trace=False)
        new = reformed.evaluate(case, as_of=as_of, known_at=reform.reform_known_at, trace=False)
        out.cases += 1
        out.population += w
        bp, bpay, bst = _granted(base)
        rp, rpay, rst = _granted(new)
        for pid in bp.keys() | rp.keys():
            out.by_policy.setdefault(pid, _Sums()).add(bp.get(pid, ZERO), rp.get(pid, ZERO), w)
        prov = out.by_province.setdefault(_province(case), {})
        for payer in bpay.keys() | rpay.keys():
            b, r = bpay.get(payer, ZERO), rpay.get(payer, ZERO)
            out.by_payer.setdefault(payer, _Sums()).add(b, r, w)
            prov.setdefault(payer, _Sums()).add(b, r, w)
        b_total, r_total = sum(bpay.values(), ZERO), sum(rpay.values(), ZERO)
        kind = "gain" if r_total > b_total else "lose" if r_total < b_total else "same_amount"
        kinds = [kind] + (["status_changed"] if bst != rst else [])
        for k in kinds:
            out.outcomes[k][0] += 1
            out.outcomes[k][1] += w
            if k in out.examples and len(out.examples[k]) < examples:
                out.examples[k].append(case.case_id or f"line {line}")
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


def print_table(result: WhatIf) -> None:
    from rich.console import Console
    from rich.table import Table

    data = result.to_json()
    console = Console(highlight=False)
    console.print(f"[bold]{data['reform']['number']}[/] {data['reform']['title']} · issued {data['reform']['issued']} · "
                  f"as of {data['as_of']} · {data['cases']} cases, population {data['population']}")

    def table(title: str, rows: Mapping[str, Mapping[str, str]], first: str) -> None:
        t = Table(title=title)
        t.add_column(first)
        for name in ("baseline", "reform", "change"):
            t.add_column(name, justify="right")
        for key, s in rows.items():
            t.add_row(key, *(f"{Decimal(s[n]):,}" for n in ("baseline", "reform", "change")))
        console.print(t)

    table("by policy (granted after stacking)", data["by_policy"], "policy")
    table("by payer", data["by_payer"], "payer")
    table("by province and payer", {f"{p} · {payer}": s for p, payers in data["by_province"].items()
                                    for payer, s in payers.items()}, "province · payer")
    t = Table(title="cases")
    for name in ("outcome", "cases", "weighted"):
        t.add_column(name, justify="right" if name != "outcome" else "left")
    for k, v in data["outcomes"].items():
        t.add_row(k, str(v["cases"]), f"{Decimal(v['weighted']):,}")
    console.print(t)


def write_chart(result: WhatIf, path: str) -> None:
    """Cost change by province (stacked by payer) and by policy, as PNG or SVG (by the suffix)."""
    try:
        import matplotlib
    except ImportError:
        raise RuntimeError("charts need matplotlib: pip install 'zhengce[whatif]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .reference import regions

    table = regions()

    def label(name: str) -> str:  # English names: the default fonts have no CJK glyphs
        prov = table.province(name) if name != NO_PROVINCE else None
        return prov.en if prov else name

    provinces = sorted(result.by_province, key=lambda p: sum(s.reform - s.baseline for s in result.by_province[p].values()))
    payers = sorted(result.by_payer)
    policies = sorted(result.by_policy)
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, max(4, 0.3 * len(provinces) + 1.5)),
                                      gridspec_kw={"width_ratios": [3, 2]})
    start = [0.0] * len(provinces)
    for payer in payers:
        vals = [float(result.by_province[p].get(payer, _Sums()).reform - result.by_province[p].get(payer, _Sums()).baseline)
                for p in provinces]  # float only for drawing
        left.barh([label(p) for p in provinces], vals, left=start, label=payer)
        start = [a + b for a, b in zip(start, vals)]
    left.set_title("Cost change by province and payer (CNY)")
    left.legend()
    right.barh(policies, [float(result.by_policy[p].reform - result.by_policy[p].baseline) for p in policies])
    right.set_title("Cost change by policy (CNY)")
    changes = "; ".join(f"{c.policy} {c.parameter} = {c.value}" for c in result.reform.changes)
    fig.suptitle(f"Reform issued {result.reform.issued}: {changes}")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
