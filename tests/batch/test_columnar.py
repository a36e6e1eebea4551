"""The kernel's columnar path: validation by column, and what it does with a broken or lying rule.

A small test plugin (section ``gadget``: a count, an amount, a day, a kind, a label) has a per-case
rule and a columnar twin whose behaviour each test chooses: truthful, lying, raising, malformed, slow,
absent.  Whatever the twin does, the rows written are the per-case rows; a twin that cannot be used
is named in the counts (``columnar.discarded``) with the reason.
"""

from __future__ import annotations

import enum
import time
from datetime import date
from decimal import Decimal

import attrs
import pytest

pa = pytest.importorskip("pyarrow")
np = pytest.importorskip("numpy")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from zhengce.contracts import Amount, Applicability, Evaluation, Status, Text  # noqa: E402
from zhengce.contracts.domains import count, day, money  # noqa: E402
from zhengce.kernel import FactSection, Kernel, PluginInfo, PolicySpec, hookimpl  # noqa: E402
from zhengce.kernel.batch.worker import seed_kernel  # noqa: E402
from zhengce.kernel.testing import screen_both_ways  # noqa: E402
from zhengce.kernel.vector import APPLIES, DOES_NOT_APPLY, ColumnAmount, ColumnVerdict, day_number  # noqa: E402


class Kind(str, enum.Enum):
    SMALL = "small"
    LARGE = "large"


@attrs.frozen(kw_only=True)
class Gadget:
    units: int | None = count(maximum=1000)
    price: Decimal | None = money()
    made_on: date | None = day()
    kind: Kind | None = None
    label: str | None = None


THRESHOLD, PER_UNIT = 3, 100  # a test rule's numbers (not law)
MADE_BY = date(2024, 1, 1)


class GadgetPlugin:
    """Policy ``gadget.grant``: applies when a small gadget has at least THRESHOLD units and was made by
    MADE_BY; grants PER_UNIT per unit.  ``twin`` picks what its columnar rule does."""

    def __init__(self, twin: str) -> None:
        self.twin = twin

    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name="gadget", distribution="zhengce-gadget", version="1.0.0")

    @hookimpl
    def declare_sections(self):
        return (FactSection(name="gadget", type=Gadget, title=Text(zh="测试物件", en="test gadget")),)

    @hookimpl
    def declare_policies(self):
        return (PolicySpec(id="gadget.grant", title=Text(zh="测试补助", en="test grant"), facts=("gadget",)),)

    @hookimpl
    def applies_to(self, policy, case, context):
        g = case.gadget
        conds = [None if g.units is None else g.units >= THRESHOLD, None if g.kind is None else g.kind is Kind.SMALL,
                 None if g.made_on is None else g.made_on <= MADE_BY]
        if False in conds:
            return Applicability(status=Status.DOES_NOT_APPLY)
        missing = tuple(p for p, c in zip(("gadget.units", "gadget.kind", "gadget.made_on"), conds) if c is None)
        return Applicability(status=Status.CANNOT_TELL, missing=missing) if missing else Applicability(status=Status.APPLIES)

    @hookimpl
    def evaluate(self, policy, case, context, applicability):
        return Evaluation(amounts=(Amount(name="grant", value=Decimal(PER_UNIT * case.gadget.units).quantize(Decimal("0.01"))),))

    @hookimpl
    def screen_columns(self, policy, columns, context):
        if self.twin == "absent":
            return None
        if self.twin == "raises":
            raise RuntimeError("the twin fails on purpose")
        if self.twin == "slow":
            time.sleep(2)
        n = columns.n
        if self.twin == "malformed":
            return ColumnVerdict(status=np.zeros(n + 1, np.int8), decided=np.ones(n + 1, bool))
        units = columns.integer("gadget.units")
        ok = (units >= THRESHOLD) & columns.equals("gadget.kind", "small") & (columns.day("gadget.made_on") <= day_number(MADE_BY))
        known = columns.known("gadget.units") & columns.known("gadget.kind") & columns.known("gadget.made_on")
        status = np.where(ok, APPLIES, DOES_NOT_APPLY).astype(np.int8)
        if self.twin == "lies":
            status = np.full(n, APPLIES, np.int8)
        decided = known  # a row lacking a fact: per case (its missing facts)
        return ColumnVerdict(status=status, decided=decided,
                             amounts=(ColumnAmount(name="grant", units=units.astype(np.int64) * PER_UNIT * 100, scale=2),))


SCHEMA = pa.schema([("case_id", pa.string()), ("gadget.units", pa.int64()), ("gadget.price", pa.string()),
                    ("gadget.made_on", pa.date32()), ("gadget.kind", pa.string()), ("gadget.label", pa.string())])


def run(twin: str, data: list[dict], timeout: float | None = 5.0):
    """One batch screened through the columnar path and per case only, by a kernel of GadgetPlugin(twin)."""
    block = (f"test-gadget-{twin}-{timeout}",)
    seed_kernel(Kernel([GadgetPlugin(twin)], policy_timeout=timeout), block)
    return screen_both_ways(pa.RecordBatch.from_pylist(data, schema=SCHEMA), as_of=date(2024, 6, 1), block=block)


CELLS = {
    "case_id": st.one_of(st.none(), st.just(""), st.text(max_size=5)),
    "gadget.units": st.one_of(st.none(), st.integers(-2, 6), st.sampled_from([1000, 1001, 10**15, -(10**15)])),
    "gadget.price": st.one_of(st.none(), st.sampled_from(["", "0", "12.50", "-1", "1e3", "x", "0.1234567890123", "9" * 16])),
    "gadget.made_on": st.one_of(st.none(), st.sampled_from([date(2023, 12, 31), date(2024, 1, 1), date(2024, 1, 2),
                                                             date(1899, 12, 31), date(2100, 12, 31), date(2101, 1, 1)])),
    "gadget.kind": st.one_of(st.none(), st.sampled_from(["", "small", "large", "SMALL", "medium"])),
    "gadget.label": st.one_of(st.none(), st.text(max_size=4), st.just("x" * 10_001)),
}
ROWS = st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=20)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=ROWS)
def test_validation_by_column_accepts_exactly_what_loading_accepts(data):
    """Every kind of field, in and out of its domain: the same rows and counts either way."""
    assert run("truthful", data).agree


def test_a_truthful_twin_decides_its_rows():
    data = [{"case_id": f"g{i}", "gadget.units": i, "gadget.kind": "small", "gadget.made_on": date(2023, 5, 1)} for i in range(6)]
    both = run("truthful", data)
    assert both.agree
    assert both.columnar == {"rows": 6, "per_case": 0, "discarded": {}}
    assert both.columnar_counts["policies"]["gadget.grant"]["counts"] == {"applies": 3, "does_not_apply": 3}
    assert both.columnar_counts["policies"]["gadget.grant"]["amounts"]["grant"] == {"total": "1200.00", "cases": 3}


@pytest.mark.parametrize(("twin", "why"), [
    ("lies", "the columnar rule says applies"),
    ("raises", "RuntimeError: the twin fails on purpose"),
    ("malformed", "status: not a vector of 4"),
])
def test_a_twin_that_cannot_be_used_is_discarded_and_the_rows_are_decided_per_case(twin, why):
    data = [{"case_id": f"g{i}", "gadget.units": i, "gadget.kind": "small", "gadget.made_on": date(2023, 5, 1)} for i in range(4)]
    both = run(twin, data)
    assert both.agree
    assert both.columnar["rows"] == 0 and why in both.columnar["discarded"]["gadget.grant"]


def test_a_slow_twin_is_stopped_within_its_budget():
    data = [{"case_id": "g", "gadget.units": 5, "gadget.kind": "small", "gadget.made_on": date(2023, 5, 1)}]
    start = time.monotonic()
    both = run("slow", data, timeout=0.3)
    assert time.monotonic() - start < 1.9  # the twin sleeps 2 s
    assert both.agree
    assert "took longer than its time budget" in both.columnar["discarded"]["gadget.grant"]


def test_no_twin_means_every_row_per_case():
    data = [{"case_id": "g", "gadget.units": 5, "gadget.kind": "small", "gadget.made_on": date(2023, 5, 1)}]
    both = run("absent", data)
    assert both.agree and both.columnar is None


def test_a_registry_of_many_sections_is_routed_as_per_case(tmp_path):
    """Enterprises carrying facts for two to four of the ~100 installed sections, with car rows among
    them: each row reaches exactly the policies it reaches per case (rows reaching a policy without a
    twin go per case), so the rows written are the same."""
    import pyarrow.parquet as pq

    from zhengce.kernel.batch import generate

    ents, cars = tmp_path / "e.parquet", tmp_path / "c.parquet"
    generate("enterprises", 200, str(ents), seed=3)
    generate("cars", 200, str(cars), seed=3)
    table = pa.concat_tables([pq.read_table(ents), pq.read_table(cars)], promote_options="default")
    batch = table.combine_chunks().to_batches()[0]
    assert len({c.split(".")[0] for c in batch.schema.names}) > 64  # more sections than bits in an int64
    both = screen_both_ways(batch, as_of=date(2024, 10, 1))
    assert both.agree
    assert both.columnar["rows"] >= 150  # the car rows
