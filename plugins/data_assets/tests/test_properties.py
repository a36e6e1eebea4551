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
    # an input has 12 decimal places at most: the boundary, cut there, is at or below exactly 15 %
    at_most = exact.quantize(Decimal("1e-12"), rounding="ROUND_DOWN")
    assert not _growth(base, at_most, base_year)
    assert _growth(base, at_most + Decimal("0.0001"), base_year)


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


# --- 工信部联企业〔2024〕239号 ------------------------------------------------------

SUPPORT = "data_assets.sme_digital_empowerment_support"
TARGETS = "data_assets.sme_digital_empowerment_targets"
ASSESS = "data_assets.sme_digital_level_assessment"
levels = st.one_of(st.none(), st.integers(1, 9))  # a digital level is 1, 2, 3, …: 0 and below are refused at input


def _support(**over):
    e = {"is_sme": True, "support_sought_on": "2025-06-01"}
    e.update({k: v for k, v in over.items() if v is not None})
    return _result({"sme_digital_empowerment_enterprise": e}, SUPPORT, as_of=date(2025, 6, 1))


@SETTINGS
@given(level=levels, srdi=tri, above=tri, giant=tri)
def test_priority_support_only_at_level_two_or_below_in_a_named_group(level, srdi, above, giant):
    ev = _support(digital_level=level, provincial_srdi_sme=srdi, above_scale_industrial_sme=above, little_giant=giant).evaluation
    status = ev.finding("priority_support").status
    if status is FindingStatus.MET:
        assert level is not None and 1 <= level <= 2 and (srdi is True or above is True)
    if level is not None and level >= 3 or (srdi is False and above is False):
        assert status is FindingStatus.NOT_MET


@SETTINGS
@given(level=st.integers(1, 9))
def test_little_giant_tracks_partition_the_levels(level):
    ev = _support(digital_level=level, little_giant=True).evaluation
    present = {f.id for f in ev.findings if f.id in ("little_giant_integration_track", "little_giant_innovation_track", "little_giant_track")}
    assert present == {"little_giant_integration_track" if level <= 2 else "little_giant_innovation_track"}
    assert not {f.id for f in _support(digital_level=level, little_giant=False).evaluation.findings} & present


@SETTINGS
@given(day=st.dates(date(2024, 12, 12), date(2029, 12, 31)), level=levels)
def test_no_support_routing_outside_the_plan_period(day, level):
    e = {"is_sme": True, "support_sought_on": day.isoformat(), "provincial_srdi_sme": True}
    if level is not None:
        e["digital_level"] = level
    r = _result({"sme_digital_empowerment_enterprise": e}, SUPPORT, as_of=day)
    assert (r.status is Status.APPLIES) == (date(2025, 1, 1) <= day <= date(2027, 12, 31))


rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)


def _targets(**over):
    p = {"year": 2027, **over}
    return _result({"sme_digital_empowerment_progress": {k: (v if isinstance(v, int) else str(v)) for k, v in p.items()}}, TARGETS, as_of=date(2028, 3, 1)).evaluation


@SETTINGS
@given(a=rates, b=rates)
def test_rate_checks_are_monotone_and_use_the_texts_comparators(a, b):
    from decimal import Decimal

    lo, hi = sorted((a, b))
    met = lambda ev, fid: ev.finding(fid).status is FindingStatus.MET  # noqa: E731
    ev_lo = _targets(nc_rate_key_processes=lo, cloud_adoption_rate=lo)
    ev_hi = _targets(nc_rate_key_processes=hi, cloud_adoption_rate=hi)
    for fid in ("nc_rate", "cloud_rate"):
        if met(ev_lo, fid):
            assert met(ev_hi, fid)
    assert met(ev_lo, "nc_rate") == (lo >= Decimal("0.75"))  # 达到: inclusive
    assert met(ev_lo, "cloud_rate") == (lo > Decimal("0.40"))  # 超过: strict


def test_rate_bounds_exactly():
    ev = _targets(nc_rate_key_processes="0.75", cloud_adoption_rate="0.40")
    assert ev.finding("nc_rate").status is FindingStatus.MET
    assert ev.finding("cloud_rate").status is FindingStatus.NOT_MET


@SETTINGS
@given(year=st.integers(2025, 2026), rate=rates)
def test_nothing_is_judged_before_2027(year, rate):
    ev = _targets(year=year, nc_rate_key_processes=rate, cloud_adoption_rate=rate, smes_transformed=50000)
    assert {ev.finding(f).status for f in ("nc_rate", "cloud_rate", "smes_transformed")} == {FindingStatus.NOT_YET_DUE}


# --- 工信厅企业〔2024〕56号 ---------------------------------------------------------

methods = st.sampled_from(["self_reported", "on_site", "other", None])
versions = st.sampled_from(["v2024", "v2022", "other", None])


@SETTINGS
@given(method=methods, version=versions, day=st.dates(date(2024, 1, 1), date(2027, 12, 31)))
def test_a_pilot_enterprise_rating_is_valid_only_on_site_with_the_2024_version(method, version, day):
    a = {"is_sme": True, "assessed_on": day.isoformat(), "pilot_city_pilot_enterprise": True}
    if method:
        a["method"] = method
    if version:
        a["indicator_version"] = version
    r = _result({"sme_digital_level_assessment": a}, ASSESS, as_of=max(day, date(2024, 9, 4)))
    if day < date(2024, 9, 4):
        assert r.status is Status.DOES_NOT_APPLY
        return
    status = r.evaluation.finding("pilot_on_site_assessment").status
    assert (status is FindingStatus.MET) == (method == "on_site" and version == "v2024")


# --- fuzz: random sections never make a new policy fail ---------------------------


def test_new_sections_never_error():
    from hypothesis import HealthCheck

    from zhengce_data_assets.facts import SmeDigitalEmpowermentEnterprise, SmeDigitalEmpowermentProgress, SmeDigitalLevelAssessment
    from zhengce.kernel.testing import contract_strategy

    small = {"int": st.integers(-3, 50000), "date": st.dates(date(2024, 1, 1), date(2028, 12, 31))}
    sections = st.fixed_dictionaries({
        "sme_digital_empowerment_enterprise": contract_strategy(SmeDigitalEmpowermentEnterprise, **small),
        "sme_digital_empowerment_progress": contract_strategy(SmeDigitalEmpowermentProgress, **small),
        "sme_digital_level_assessment": contract_strategy(SmeDigitalLevelAssessment, **small),
    })

    @settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
    @given(sections=sections, as_of=st.dates(date(2024, 9, 4), date(2028, 12, 31)))
    def run(sections, as_of):
        record = KERNEL.evaluate(KERNEL.case_type(**sections), as_of=as_of)
        errors = [r.error for r in record.results if r.error]
        assert not errors, errors

    run()
