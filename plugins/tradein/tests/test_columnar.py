"""The columnar twin of 汽车报废更新补贴 agrees with the per-case rule, row for row.

Batches of flat rows are generated around every boundary the parameter file draws (each dated value's
first and last day, each criterion day, one day either side), with absent cells, empty strings,
out-of-domain values, older enum values, unknown provinces and zones, amounts with too many decimals.
Each batch is screened twice, through the columnar path and per case only; the result rows and the
counts must be identical.  (The kernel's own checks of a columnar verdict are in
``tests/batch/test_columnar.py``.)
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from zhengce.kernel import Kernel  # noqa: E402
from zhengce.kernel.batch import Layout, car_cases, flatten, generate  # noqa: E402
from zhengce.kernel.testing import screen_both_ways  # noqa: E402
from zhengce_tradein.car_scrappage import PARAMETERS  # noqa: E402


def _boundary_days() -> list[date]:
    """Every day the parameter file names (validity bounds, issue days, date values), ±1 day."""
    days: set[date] = set()
    for parameter in PARAMETERS.parameters.values():
        for v in parameter.values:
            for d in (v.valid_from, v.valid_until, v.document.issued, v.value if isinstance(v.value, date) else None):
                if isinstance(d, date):
                    days |= {d - timedelta(days=1), d, d + timedelta(days=1)}
    return sorted(days)


DAYS = _boundary_days()
#: (valid values, values the kernel refuses or migrates); each cell is valid 9 times in 10, else absent
#: (None, or an empty string) or a refused value
DAY = st.one_of(st.sampled_from(DAYS), st.dates(date(2024, 4, 1), date(2025, 1, 31)), st.dates(date(2005, 1, 1), date(2026, 12, 31)))
BAD_DAY = st.sampled_from([date(1899, 12, 31), date(2101, 1, 1)])
ENUM = {
    "applicant.type": (["individual_consumer"] * 4 + ["enterprise", "public_institution"], ["bogus"]),
    "old_vehicle.vehicle_class": (["small_passenger", "mini_passenger", "medium_passenger", "truck"], ["lorry"]),
    "new_vehicle.vehicle_class": (["small_passenger", "mini_passenger", "large_passenger"], ["lorry"]),
    "old_vehicle.fuel": (["gasoline", "diesel", "other_fuel", "nev"], ["new_energy", "coal"]),  # new_energy: an older value
    "new_vehicle.fuel": (["gasoline", "nev", "nev", "diesel"], ["new_energy"]),
}
DECIMALS = {
    "new_vehicle.displacement_l": (["1.0", "1.5", "2.0", "2.0000", "2.0001", "1.9999", "2.001", "2.5", "0"], ["-1", "abc", "1e3", " 2.0"]),
    "scrappage_application.subsidy_already_paid": (["0", "7000", "10000", "15000", "20000", "25000", "7000.005", "7000.50"],
                                                   ["-5", "1e2", "x"]),
}
PROVINCES = (["广东省", "贵州省", "山东省", "新疆维吾尔自治区", "北京市", "广东", "44", "440000", "Guangdong", "火星"], [])
REGIONS = ["east", "middle", "west", "overall", "scheme", "north"]
DATES = ["old_vehicle.registration_date", "old_vehicle.in_applicant_name_since", "new_vehicle.registration_date",
         "scrappage_application.submitted_on", "scrappage_application.scrap_certificate_on",
         "scrappage_application.deregistration_certificate_on", "scrappage_application.sales_invoice_on",
         "scrappage_application.registration_certificate_on", "scrappage_application.subsidy_paid_on",
         "scrappage_application.corrected_on"]
RARE_DATES = {"new_vehicle.registration_date", "scrappage_application.subsidy_paid_on", "scrappage_application.corrected_on"}
FLAGS = ["new_vehicle.in_nev_catalogue", "new_vehicle.in_applicant_name", "old_vehicle.in_applicant_name",
         "scrappage_application.scrap_certificate_by_qualified_dismantler", "scrappage_application.correction_requested",
         "scrappage_application.fraud_found"]


@st.composite
def _cell(draw, valid: st.SearchStrategy, invalid: st.SearchStrategy | None, text: bool, absent_often: bool = False):
    roll = draw(st.integers(0, 99))
    if roll < (50 if absent_often else 6):
        return draw(st.sampled_from([None, ""])) if text else None
    if roll < 9 and invalid is not None:
        return draw(invalid)
    return draw(valid)


FIELDS: dict[str, st.SearchStrategy] = {"case_id": st.one_of(st.text(max_size=8), st.none())}
for _path, (_valid, _invalid) in {**ENUM, **DECIMALS, "scrappage_application.invoice_province": PROVINCES}.items():
    FIELDS[_path] = _cell(st.sampled_from(_valid), st.sampled_from(_invalid) if _invalid else None, True,
                          absent_often=_path.endswith("already_paid"))
for _path in DATES:
    FIELDS[_path] = _cell(DAY, BAD_DAY, False, absent_often=_path in RARE_DATES)
for _path in FLAGS:
    FIELDS[_path] = _cell(st.booleans(), None, False, absent_often=_path.endswith(("requested", "found")))
FIELDS["scrappage_application.region"] = st.one_of(st.none(), st.none(), st.none(), st.sampled_from(REGIONS))


def _applying() -> list[dict]:
    """Synthetic rows that apply per case (so a few changes to one probe each boundary)."""
    kernel = Kernel()
    layout = Layout.of(kernel.case_type)
    out = []
    for case in car_cases(300, seed=5):
        record = kernel.evaluate(case, as_of=date(2024, 10, 1), trace=False)
        if record.results[0].status.value == "applies":
            row = flatten(case, layout)
            out.append({k: date.fromisoformat(v) if k in DATES and v else v for k, v in row.items()})
    return out


APPLYING = _applying()


@st.composite
def rows(draw) -> dict:
    """A row that applies with up to four cells changed (4 in 5), or every cell drawn (1 in 5)."""
    if draw(st.integers(0, 4)) == 0:
        row = {path: draw(cell) for path, cell in FIELDS.items()}
    else:
        row = {path: None for path in FIELDS} | draw(st.sampled_from(APPLYING))
        for path in draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=4, unique=True)):
            row[path] = draw(FIELDS[path])
    if draw(st.integers(0, 30)) == 0:
        row["old_vehicle.colour"] = "red"  # a column no section has
    return row


def _schema(names: list[str]):
    def kind(name: str):
        if name in DATES:
            return pa.date32()
        if name in FLAGS:
            return pa.bool_()
        return pa.string()

    return pa.schema([(n, kind(n)) for n in names])


def _batch(data: list[dict]):
    names = sorted({k for r in data for k in r}, key=lambda n: (n != "case_id", n))
    full = [{n: r.get(n) for n in names} for r in data]
    return pa.RecordBatch.from_pylist(full, schema=_schema(names))


ASSESSED = st.sampled_from(DAYS + [date(2024, 10, 1), date(2025, 3, 1)])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.lists(rows(), min_size=1, max_size=25), as_of=ASSESSED, known=st.one_of(st.none(), ASSESSED))
def test_the_columnar_rule_agrees_with_the_per_case_rule(data, as_of, known):
    both = screen_both_ways(_batch(data), as_of=as_of, known_at=known)
    assert both.columnar_rows == both.per_case_rows
    assert both.columnar_counts == both.per_case_counts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.lists(rows(), min_size=1, max_size=15),
       keep=st.sampled_from([["status=applies"], ["status=cannot_tell,invalid"], ["subsidy>=15000"], ["amount>=19999.995"],
                             ["policy=tradein.*", "top_up_due>=1"], ["policy=finance.*"]]))
def test_keep_filters_the_same_rows(data, keep):
    assert screen_both_ways(_batch(data), as_of=date(2024, 10, 1), keep=keep).agree


def test_a_synthetic_registry_is_decided_in_columns_and_identically(tmp_path):
    """The generator's rows (the benchmark's): all decided by the columnar path, none per case."""
    import pyarrow.parquet as pq

    path = tmp_path / "cars.parquet"
    generate("cars", 3000, str(path), seed=11)
    batch = pq.read_table(path).combine_chunks().to_batches()[0]
    both = screen_both_ways(batch, as_of=date(2024, 10, 1))
    assert both.agree
    assert both.columnar == {"rows": 3000, "per_case": 0, "discarded": {}}
    counts = both.columnar_counts["policies"]["tradein.car_scrappage_subsidy"]["counts"]
    assert all(counts.get(s) for s in ("applies", "does_not_apply", "cannot_tell"))  # each status decided in columns
