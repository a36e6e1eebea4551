"""Hypothesis invariants of the data_assets plugin (issue 6)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import FindingStatus, Status
from zhengce.kernel import Kernel
from zhengce_data_assets import plugin

KERNEL = Kernel([plugin.plugin])
SETTINGS = settings(deadline=None, max_examples=150)
PILOT = "data_assets.data_asset_pilot"
STEP_IDS = ("ledger", "registration", "authorised_operation", "revenue_distribution", "trading_circulation")
UNIT_TYPES = ("central_department", "central_enterprise", "local_finance_department", "other")


def _result(case, policy, as_of=date(2027, 6, 1)):
    return KERNEL.evaluate(case, as_of=as_of).result(policy)


# --- 财资〔2024〕167号 ------------------------------------------------------------

days = st.dates(min_value=date(2024, 12, 19), max_value=date(2028, 12, 31))
tri = st.sampled_from([True, False, None])


@SETTINGS
@given(day=days, unit_type=st.sampled_from(UNIT_TYPES), selected=tri)
def test_nothing_in_the_pilot_outside_the_window_or_for_unnamed_types(day, unit_type, selected):
    case = {"data_asset_pilot_unit": {"unit_type": unit_type, "selected_by_mof": selected, "assessed_on": day.isoformat()}}
    r = _result(case, PILOT, as_of=max(day, date(2024, 12, 19)))
    in_pilot = r.status is Status.APPLIES and r.evaluation.finding("in_pilot").status is FindingStatus.MET
    if not (date(2025, 1, 1) <= day <= date(2026, 12, 31)) or unit_type == "other" or selected is not True:
        assert not in_pilot
    if in_pilot:
        assert date(2025, 1, 1) <= day <= date(2026, 12, 31) and unit_type != "other"


@SETTINGS
@given(steps=st.fixed_dictionaries({s: tri for s in STEP_IDS}))
def test_checklist_lists_exactly_the_false_or_missing_steps(steps):
    case = {"data_asset_pilot_unit": {"unit_type": "central_department", "selected_by_mof": True, "assessed_on": "2025-03-01",
                                      "lifecycle_steps": {k: v for k, v in steps.items() if v is not None}}}
    ev = _result(case, PILOT).evaluation
    listed = {f.id.removeprefix("step_") for f in ev.findings if f.id.startswith("step_") and f.status is not FindingStatus.MET}
    assert listed == {s for s, v in steps.items() if v is not True}
    for s, v in steps.items():
        assert ev.finding(f"step_{s}").status is {True: FindingStatus.MET, False: FindingStatus.NOT_MET, None: FindingStatus.UNKNOWN}[v]


# --- 发改数据〔2024〕1836号 -------------------------------------------------------

GROWTH = "data_assets.data_industry_growth"
sizes = st.decimals(min_value="0.01", max_value="1000000", places=2, allow_nan=False, allow_infinity=False)


def _growth(base, size, base_year=None, year=2029):
    g = {"base_size": str(base), "size": str(size), "year": year}
    if base_year is not None:
        g["base_year"] = base_year
    r = _result({"data_industry_growth": g}, GROWTH, as_of=date(2030, 3, 1))
    return r.evaluation.finding("cagr_target").status is FindingStatus.MET


@SETTINGS
@given(base=sizes, a=sizes, b=sizes, base_year=st.integers(2018, 2028))
def test_cagr_check_is_monotone_in_the_end_value(base, a, b, base_year):
    lo, hi = sorted((a, b))
    if _growth(base, lo, base_year):
        assert _growth(base, hi, base_year)


@SETTINGS
@given(base=sizes, base_year=st.integers(2018, 2028))
def test_cagr_check_is_false_at_exactly_fifteen_percent(base, base_year):
    from decimal import Decimal, localcontext

    with localcontext() as c:
        c.prec = 200  # exact: an integer power of 1.15
        exact = base * Decimal("1.15") ** (2029 - base_year)
    assert not _growth(base, exact, base_year)
    assert _growth(base, exact + Decimal("0.0001"), base_year)


# --- 财办建〔2024〕23号 -------------------------------------------------------------

CITY = "data_assets.sme_digital_city_pilot"
CITY_LEVELS = ("provincial_capital", "prefecture_city", "municipality_district_county", "xpcc", "county_level", "other")


def _provinces():
    from zhengce.kernel.reference import regions

    return [p.name for p in regions().provinces] + ["新疆生产建设兵团"]


def _city(**over):
    pilot = {"city_level": "prefecture_city", "in_first_batch": False, "province": "广东", "submitted_on": "2024-05-20"}
    pilot.update(over)
    return _result({"sme_digital_city_pilot": pilot}, CITY, as_of=date(2024, 6, 1))


@SETTINGS
@given(province=st.sampled_from(_provinces()), count=st.one_of(st.none(), st.integers(0, 100000)),
       level=st.sampled_from(CITY_LEVELS), first=tri)
def test_quota_never_above_two_and_first_batch_never_eligible(province, count, level, first):
    r = _city(province=province, province_above_scale_sme_count_2023=count, city_level=level, in_first_batch=first)
    if first is True:
        assert r.status is Status.DOES_NOT_APPLY
    if r.status is Status.APPLIES:
        assert first is False
        assert r.evaluation.amount("province_quota") in (1, 2)


def test_the_twelve_named_provinces_come_out_of_the_rule():
    from zhengce.kernel.reference import regions

    named = {"广东", "江苏", "浙江", "山东", "河南", "安徽", "福建", "湖南", "湖北", "河北", "江西", "四川"}
    with_two = {p.short for p in regions().provinces if _city(province=p.name).evaluation.amount("province_quota") == 2}
    assert with_two == named
    assert _city(province="新疆生产建设兵团", city_level="xpcc").evaluation.amount("province_quota") == 1
