"""Hypothesis invariants of the taxation plugin's policies."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Status
from zhengce.kernel import Kernel
from zhengce_taxation import neeq_dividend, plugin

KERNEL = Kernel([plugin.plugin])
SETTINGS = settings(deadline=None, max_examples=120)
CENT = Decimal("0.01")


def _amounts_are_cents(result):
    for a in result.evaluation.amounts if result.evaluation else ():
        if a.unit == "CNY":
            assert isinstance(a.value, Decimal), a
            assert a.value.as_tuple().exponent == -2, a  # quantized to the declared 0.01


# --- neeq_dividend_iit -------------------------------------------------------------

def _dividend_case(acquired: date, record: date, delivered: date, shares: int, per_share: Decimal) -> dict:
    return {"neeq_dividend_account": {
        "investor": "individual", "company_kind": "listed",
        "acquisitions": [{"day": acquired.isoformat(), "shares": shares}],
        "transfers": [{"day": delivered.isoformat(), "shares": shares}],
        "dividends": [{"record_date": record.isoformat(), "per_share": str(per_share)}],
    }}


@SETTINGS
@given(acquired=st.dates(date(2024, 1, 1), date(2027, 6, 30)), to_record=st.integers(0, 400),
       d1=st.integers(1, 900), extra=st.integers(0, 500), shares=st.integers(1, 10**6),
       per_share=st.decimals("0.0001", "5", places=4))
def test_dividend_tax_non_increasing_in_holding_period(acquired, to_record, d1, extra, shares, per_share):
    record = max(acquired + timedelta(days=to_record), date(2024, 7, 1))
    if record > date(2027, 12, 31) or record < acquired:
        return
    t1 = record + timedelta(days=d1)
    t2 = t1 + timedelta(days=extra)
    taxes = []
    for t in (t1, t2):
        rec = KERNEL.evaluate(_dividend_case(acquired, record, t, shares, per_share), as_of=date(2030, 1, 1))
        res = rec.result(neeq_dividend.POLICY_ID)
        assert res.status is Status.APPLIES, res
        _amounts_are_cents(res)
        taxes.append(res.evaluation.amount("tax_total"))
    assert taxes[0] >= taxes[1]
    gross = shares * per_share
    assert taxes[0] <= (gross * Decimal("0.2")).quantize(CENT, rounding=ROUND_HALF_UP) + CENT


@SETTINGS
@given(acquired=st.dates(date(2024, 1, 1), date(2027, 6, 30)), to_record=st.integers(0, 300), d1=st.integers(1, 300),
       days_off=st.lists(st.integers(0, 45), max_size=12), worked=st.lists(st.integers(0, 45), max_size=3))
def test_tax_deducted_at_transfer_is_paid_on_by_the_fifth_working_day_of_the_next_month(acquired, to_record, d1, days_off, worked):
    """二: every tax deducted at a transfer is paid on within the next month, on its 5th working day; days off
    given by the case never bring the deadline forward."""
    record = max(acquired + timedelta(days=to_record), date(2024, 7, 1))
    if record > date(2027, 12, 31):
        return
    delivered = record + timedelta(days=d1)
    nxt = delivered.replace(day=28) + timedelta(days=4)
    nxt = nxt.replace(day=1)
    off = sorted({nxt + timedelta(days=i) for i in days_off})
    extra = sorted({nxt + timedelta(days=i) for i in worked} - set(off))
    case = _dividend_case(acquired, record, delivered, 1000, Decimal("0.5"))
    plain = KERNEL.evaluate(case, as_of=date(2030, 1, 1)).result(neeq_dividend.POLICY_ID)
    case["neeq_dividend_account"].update(days_off=[d.isoformat() for d in off], extra_working_days=[d.isoformat() for d in extra])
    res = KERNEL.evaluate(case, as_of=date(2030, 1, 1)).result(neeq_dividend.POLICY_ID)
    name = f"depository_pays_by.{delivered:%Y-%m}"
    withheld = res.evaluation.amount(f"withheld.{delivered}")
    if res.evaluation.amount("tax_total") == 0:
        assert withheld is None and res.evaluation.date(name) is None
        return
    assert withheld == res.evaluation.amount("tax_total")
    due, due_plain = res.evaluation.date(name), plain.evaluation.date(name)
    assert due_plain.month == nxt.month and due_plain.weekday() < 5 and due_plain.day <= 7
    assert due >= due_plain or extra
    working = [d for d in (nxt + timedelta(days=i) for i in range((due - nxt).days + 1))
               if d in extra or (d.weekday() < 5 and d not in off)]
    assert len(working) == 5 and working[-1] == due


movements = st.lists(st.tuples(st.integers(0, 60), st.integers(-500, 800).filter(lambda n: n != 0)), max_size=25)


@SETTINGS
@given(moves=movements)
def test_fifo_lots_partition_the_shares_exactly(moves):
    start = date(2024, 7, 1)
    acq, trs, held = [], [], 0
    for offset, n in sorted(moves):
        day = start + timedelta(days=offset)
        if n > 0:
            acq.append((day, n)); held += n
        elif held + n >= 0:
            trs.append((day, -n)); held += n
    try:
        lots, portions = neeq_dividend.fifo_match(acq, trs)
    except neeq_dividend.Oversold:
        # same-day netting can only make a legal sequence more legal; ordering within a day may differ
        return
    by_lot = defaultdict(int)
    for p in portions:
        by_lot[p.acquired_on] += p.shares
        assert p.shares > 0
        assert p.delivered_on is None or p.delivered_on >= p.acquired_on
    assert dict(by_lot) == {lot.acquired_on: lot.shares for lot in lots}
    sold = defaultdict(int)
    for p in portions:
        if p.delivered_on is not None:
            sold[p.delivered_on] += p.shares
    expected = {d: -n for d, n in neeq_dividend.net_by_day(acq, trs) if n < 0}
    assert dict(sold) == expected
    # first in, first out: a later lot is never delivered before an earlier lot is exhausted
    delivered = sorted((p for p in portions if p.delivered_on), key=lambda p: (p.delivered_on, p.acquired_on))
    for a, b in zip(delivered, delivered[1:]):
        assert a.acquired_on <= b.acquired_on


# --- special_equipment_upgrade_credit ---------------------------------------------

from zhengce_taxation import special_equipment  # noqa: E402

money = st.decimals("0", "5000000", places=2)


@st.composite
def equipment_cases(draw):
    ups = []
    for i in range(draw(st.integers(1, 3))):
        incurred = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
        ups.append({"equipment_id": draw(st.sampled_from(["E1", "E2"])), "original_tax_basis": str(draw(money)),
                    "incurred_on": incurred.isoformat(), "completed_on": incurred.isoformat(),
                    "investment": str(draw(money)), "refunded_vat": str(draw(st.decimals("0", "50000", places=2))),
                    "purchased_by_enterprise": True, "on_catalogue": True, "meets_catalogue_after_upgrade": True,
                    "used_by_enterprise": True, "separately_accounted": True, "plan_or_tech_contract": True})
    n = draw(st.integers(1, 10))
    years = [{"year": 2024 + k, "tax_payable": str(draw(st.decimals("0", "200000", places=2)))} for k in range(n)]
    return {"special_equipment_credit": {"upgrades": ups, "tax_years": years}}


@SETTINGS
@given(case=equipment_cases())
def test_equipment_credit_invariants(case):
    res = KERNEL.evaluate(case, as_of=date(2035, 1, 1)).result(special_equipment.POLICY_ID)
    assert res.status is Status.APPLIES, res
    _amounts_are_cents(res)
    ev = res.evaluation
    ups = case["special_equipment_credit"]["upgrades"]
    for i, u in enumerate(ups):
        bound = Decimal("0.10") * min(Decimal(u["investment"]), Decimal("0.5") * Decimal(u["original_tax_basis"]))
        assert ev.amount(f"credit_earned.u{i}") <= bound.quantize(CENT) + CENT
    earned = ev.amount("credit_earned_total")
    used_total = Decimal(0)
    first_earn = min(date.fromisoformat(u["incurred_on"]).year for u in ups)
    last_earn = max(date.fromisoformat(u["incurred_on"]).year for u in ups)
    for ty in case["special_equipment_credit"]["tax_years"]:
        used = ev.amount(f"used.{ty['year']}")
        assert used <= Decimal(ty["tax_payable"])
        if ty["year"] > last_earn + 5 or ty["year"] < first_earn:
            assert used == 0  # nothing is carried more than five years
        used_total += used
    assert used_total == ev.amount("credit_used_total") <= earned
    assert used_total + ev.amount("credit_expired_total") + ev.amount("credit_remaining") == earned


# --- lat_prepayment_floor ----------------------------------------------------------

from zhengce.kernel.reference import regions  # noqa: E402
from zhengce_taxation import lat_floor  # noqa: E402

PROVINCES = [p.name for p in regions().provinces]


@SETTINGS
@given(province=st.sampled_from(PROVINCES), day=st.dates(date(2024, 6, 1), date(2027, 12, 31)),
       revenue=st.decimals("0", "100000000", places=2))
def test_lat_floor_values_and_half_point_step(province, day, revenue):
    def floor(on):
        case = {"lat_prepayment": {"province": province, "affordable_housing": False, "prepaid_on": on.isoformat(), "revenue": str(revenue)}}
        res = KERNEL.evaluate(case, as_of=date(2028, 1, 1)).result(lat_floor.POLICY_ID)
        assert res.status is Status.APPLIES, res
        _amounts_are_cents(res)
        return res.evaluation.amount("floor_rate")
    after = floor(max(day, date(2024, 12, 1)))
    assert after in {Decimal("0.005"), Decimal("0.01"), Decimal("0.015")}
    if day < date(2024, 12, 1):
        assert floor(day) == after + Decimal("0.005")


@SETTINGS
@given(day=st.dates(date(2024, 6, 1), date(2025, 6, 30)), asked=st.integers(0, 400))
def test_lat_floor_for_one_prepayment_does_not_depend_on_when_it_is_asked(day, asked):
    """The law of the prepayment's day decides: the answer changes with what is known, never with as_of."""
    case = {"lat_prepayment": {"province": "北京市", "affordable_housing": False, "prepaid_on": day.isoformat(),
                               "revenue": "1000000", "applied_rate": "0.02"}}
    known = date(2025, 12, 31)
    first = KERNEL.evaluate(case, as_of=day, known_at=known).result(lat_floor.POLICY_ID)
    later = KERNEL.evaluate(case, as_of=day + timedelta(days=asked), known_at=known).result(lat_floor.POLICY_ID)
    assert first.status is Status.APPLIES and first.evaluation == later.evaluation


# --- restructuring_stamp_duty ------------------------------------------------------

from zhengce_taxation import restructuring_stamp  # noqa: E402

KINDS = ["enterprise_conversion", "merger", "division", "bankruptcy_liquidation", "public_institution_conversion",
         "administrative_adjustment", "intra_group_transfer", "other_restructuring", "debt_to_equity"]


@SETTINGS
@given(day=st.dates(date(2023, 1, 1), date(2029, 12, 31)), kind=st.sampled_from(KINDS),
       share=st.decimals("0", "1", places=4), deed=st.decimals("0", "100000000", places=2))
def test_stamp_exemption_never_outside_window(day, kind, share, deed):
    case = {"restructuring_stamp_duty": {
        "kind": kind, "executed_on": day.isoformat(), "established_in_china": True, "conversion_form": "llc_to_joint_stock",
        "original_investors_survive": True, "original_investors_share_after": str(share), "successor_inherits_rights": True,
        "investors_unchanged": True, "by_county_or_higher_government": True, "intra_group_relation": "wholly_owned_sister_subsidiaries",
        "transfer_asset": "land_use_right", "property_transfer_deed_amount": str(deed), "capital_already_taxed": "1000"}}
    res = KERNEL.evaluate(case, as_of=date(2030, 1, 1)).result(restructuring_stamp.POLICY_ID)
    inside = date(2024, 10, 1) <= day <= date(2027, 12, 31)
    if not inside:
        assert res.status is not Status.APPLIES
        return
    _amounts_are_cents(res)
    if res.status is Status.APPLIES:
        ev = res.evaluation
        assert ev.amount("deeds_exempt_base") + ev.amount("deeds_taxable_base") == deed
    if kind == "enterprise_conversion":
        assert (res.status is Status.APPLIES) == (share > Decimal("0.75"))
    if kind == "public_institution_conversion":
        assert (res.status is Status.APPLIES) == (share > Decimal("0.5"))


# --- reverse_invoicing -------------------------------------------------------------

from zhengce_taxation import reverse_invoicing  # noqa: E402


@SETTINGS
@given(before=st.decimals("0", "6000000", places=2), amount=st.decimals("0.01", "200000", places=2),
       month=st.decimals("0", "300000", places=2), day=st.dates(date(2024, 4, 1), date(2026, 12, 31)))
def test_reverse_invoicing_cap_and_vat(before, amount, month, day):
    case = {"reverse_invoicing": {
        "invoice_on": day.isoformat(), "amount": str(amount), "invoice_type": "ordinary", "recycler_kind": "hazardous_waste",
        "recycler_licensed": True, "recycler_actually_recycles": True, "recycler_application_filed": True, "recycler_suspended": False,
        "recycler_vat_method": "general", "seller_natural_person": True, "seller_consented": True,
        "seller_12m_sales_before": str(before), "seller_month_sales": str(month)}}
    res = KERNEL.evaluate(case, as_of=date(2027, 1, 1)).result(reverse_invoicing.POLICY_ID)
    ok = before + amount <= Decimal("5000000") and day >= date(2024, 4, 29)
    assert (res.status is Status.APPLIES) == ok
    if ok:
        _amounts_are_cents(res)
        ev = res.evaluation
        if month <= Decimal("100000"):
            assert ev.amount("vat_due") == 0
        else:
            assert ev.amount("vat_due") == (amount * Decimal("0.01")).quantize(CENT, rounding=ROUND_HALF_UP)
        assert ev.amount("iit_prepayment") == (amount * Decimal("0.005")).quantize(CENT, rounding=ROUND_HALF_UP)


# --- digital_einvoice --------------------------------------------------------------

from zhengce_taxation import digital_einvoice  # noqa: E402


@SETTINGS
@given(day=st.dates(date(2024, 6, 1), date(2026, 12, 31)), total=st.decimals("0", "2000000", places=2),
       quota=st.decimals("0", "2000000", places=2), seq=st.text("0123456789", min_size=15, max_size=15))
def test_einvoice_window_and_quota(day, total, quota, seq):
    number = f"{day.year % 100:02d}44" + "2" + seq
    case = {"digital_einvoice": {"number": number, "issued_on": day.isoformat(), "month_total_ex_vat": str(total), "monthly_quota": str(quota)}}
    res = KERNEL.evaluate(case, as_of=date(2027, 1, 1)).result(digital_einvoice.POLICY_ID)
    assert (res.status is Status.APPLIES) == (day >= date(2024, 12, 1))
    if res.status is Status.APPLIES:
        ev = res.evaluation
        assert ev.finding("number_format").status.value == "met" and ev.finding("number_year").status.value == "met"
        assert (ev.finding("within_quota").status.value == "met") == (total <= quota)
        _amounts_are_cents(res)


# --- advanced_manufacturer_vat_superdeduction_list_2024 -----------------------------

from zhengce_taxation import advanced_manufacturer_list  # noqa: E402


@SETTINGS
@given(total=st.decimals("1", "100000000", places=2), share=st.decimals("0", "1", places=4))
def test_manufacturing_share_strictly_above_half(total, share):
    manu = (total * share).quantize(CENT)
    case = {"advanced_manufacturer_list_2024": {"hnte_status": "valid_all_year", "general_taxpayer": True, "sales_2023_total": str(total),
                                                "manufacturing_sales_2023": str(manu), "on_2023_list": False, "applied_on": "2024-09-02"}}
    res = KERNEL.evaluate(case, as_of=date(2024, 10, 1)).result(advanced_manufacturer_list.POLICY_ID)
    assert (res.status is Status.APPLIES) == (manu / total > Decimal("0.5"))


# --- recycler_vat_method_election (公告第5号 九) ------------------------------------------------

from zhengce_taxation import recycler_vat_method, reverse_red_letter  # noqa: E402
from zhengce_taxation._common import add_months  # noqa: E402


@SETTINGS
@given(since=st.dates(date(2018, 1, 1), date(2027, 12, 31)), gap=st.integers(0, 2000),
       current=st.sampled_from(["simplified", "general"]), general_taxpayer=st.booleans())
def test_method_change_respects_lock_or_one_off_window(since, gap, current, general_taxpayer):
    change_on = since + timedelta(days=gap)
    requested = "general" if current == "simplified" else "simplified"
    case = {"recycler_vat_method_election": {"general_taxpayer": general_taxpayer, "current_method": current,
            "current_method_since": since.isoformat(), "current_method_by_election": True,
            "requested_method": requested, "change_on": change_on.isoformat()}}
    res = KERNEL.evaluate(case, as_of=date(2031, 1, 1)).result(recycler_vat_method.POLICY_ID)
    assert res.status in (Status.APPLIES, Status.DOES_NOT_APPLY), res
    unlocked = change_on >= add_months(since, 36)
    one_off = (general_taxpayer and current == "simplified" and since < date(2024, 4, 29)
               and date(2024, 4, 29) <= change_on <= date(2024, 7, 31))
    assert (res.status is Status.APPLIES) == (unlocked or one_off)
    if res.status is Status.APPLIES:
        ev = res.evaluation
        assert ev.date("earliest_next_change") == add_months(change_on, 36)
        assert ev.date("new_method_locked_until") + timedelta(days=1) == ev.date("earliest_next_change")
        assert (ev.finding("one_off_switch") is not None) == one_off


# --- reverse_invoice_red_letter (公告第5号 十) ----------------------------------------------------

@SETTINGS
@given(filer=st.sampled_from(["recycler", "seller", "other"]), form=st.sampled_from(["information_sheet", "confirmation_form", "other"]),
       numbers=st.lists(st.text("0123456789", min_size=1, max_size=20), max_size=3),
       reason=st.sampled_from(["sales_return", "invoicing_error", "sales_allowance", "other"]))
def test_red_letter_only_by_recycler_one_to_one(filer, form, numbers, reason):
    case = {"reverse_invoice_red_letter": {"blue_is_reverse_invoice": True, "filed_by": filer, "form": form,
                                           "blue_invoice_numbers": numbers, "reason": reason}}
    res = KERNEL.evaluate(case, as_of=date(2024, 7, 1)).result(reverse_red_letter.POLICY_ID)
    expected = filer == "recycler" and form != "other" and len(numbers) == 1
    assert (res.status is Status.APPLIES) == expected  # the reason never decides ("等")


# --- 248号 五: consolidated VAT filing aggregates head office and branches ------------------------

@SETTINGS
@given(own=st.tuples(st.integers(1, 10**7), st.integers(0, 10**7)),
       branches=st.lists(st.tuples(st.integers(1, 10**7), st.integers(0, 10**7)), min_size=1, max_size=3),
       consolidated=st.booleans())
def test_branch_share_basis(own, branches, consolidated):
    own_total, own_manu = own[0], min(own)
    rows = [{"branch_id": f"B{i}", "manufacturing": True, "general_taxpayer": True, "sales_2023_total": str(t),
             "manufacturing_sales_2023": str(min(t, m))} for i, (t, m) in enumerate(branches)]
    case = {"advanced_manufacturer_list_2024": {
        "hnte_status": "valid_all_year", "general_taxpayer": True, "sales_2023_total": str(own_total),
        "manufacturing_sales_2023": str(own_manu), "processing_fees_2023": "0", "on_2023_list": False, "applied_on": "2024-09-05",
        "head_office_manufacturing": True, "vat_consolidated_filing": consolidated, "branches": rows}}
    res = KERNEL.evaluate(case, as_of=date(2024, 10, 1)).result("taxation.advanced_manufacturer_vat_superdeduction_list_2024")
    if consolidated:
        total = own_total + sum(t for t, _ in branches)
        manu = own_manu + sum(min(t, m) for t, m in branches)
    else:
        total, manu = own_total, own_manu
    assert (res.status is Status.APPLIES) == (Decimal(manu) / Decimal(total) > Decimal("0.5"))
    if res.status is Status.APPLIES:
        for i, (t, m) in enumerate(branches):
            f = res.evaluation.finding(f"branch:B{i}")
            if consolidated:
                assert f.status.value == "info"
            else:
                assert (f.status.value == "met") == (Decimal(min(t, m)) / Decimal(t) > Decimal("0.5"))


# --- 60号 review timeline ------------------------------------------------------------------------

@SETTINGS
@given(as_of=st.dates(date(2024, 3, 31), date(2026, 12, 31)))
def test_machine_tool_review_timeline_ordered(as_of):
    case = {"machine_tool_rd_list_2023": {"makes_advanced_products": True, "rd_staff_monthly_avg": "30", "staff_monthly_avg": "200",
            "rd_expense_2023": "3000000", "sales_revenue_2023": "50000000", "product_revenue_2023": "35000000",
            "total_income_2023": "52000000", "applied_on": "2024-03-20"}}
    res = KERNEL.evaluate(case, as_of=as_of).result("taxation.machine_tool_rd_superdeduction_list_2023")
    ev = res.evaluation
    assert ev.date("initial_review_due") < ev.date("list_queryable_from")
    assert (ev.finding("listing_result").status.value == "not_yet_due") == (as_of < ev.date("list_queryable_from"))


# --- 工信部联通装函〔2024〕60号 六: the three-year bar after disqualification -------------------------
from hypothesis import given as _given, strategies as _st  # noqa: E402

from zhengce_taxation.machine_tool_rd_list import reapply_from as _reapply_from  # noqa: E402


@_given(_st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)))
def test_reapply_comes_three_years_later_never_earlier(day):
    again = _reapply_from(day, 3)
    assert 3 * 365 <= (again - day).days <= 3 * 366 + 1
    assert again.year == day.year + 3 and again >= date(day.year + 3, day.month, min(day.day, 28))
    assert (again.month, again.day) == (day.month, day.day) or (day.month, day.day, again.month, again.day) == (2, 29, 3, 1)


# --- cross_region_migration (税总征科发〔2024〕38号) ---------------------------------------

@SETTINGS
@given(levels=st.lists(st.sampled_from(["low", "medium", "high"]), max_size=5),
       rights=st.dictionaries(st.sampled_from(["invoice_quota", "prepaid_tax", "loss_carryforward", "uncredited_input_vat"]),
                              st.decimals("0", "100000000", places=2), max_size=4),
       obstacles=st.lists(st.sampled_from(["assisted_blocking", "risk_task_to_block", "extra_conditions", "blocking_document"]), max_size=4),
       applied=st.dates(date(2024, 8, 1), date(2026, 12, 31)))
def test_migration_waits_only_for_medium_or_high_risk_and_carries_every_value(levels, rights, obstacles, applied):
    """二（三）: the move waits iff a task is medium or high risk; 三: every named balance continues at its value;
    every obstruction is a breach and is reported; nothing applies before 2024-09-01."""
    case = {"cross_region_migration": {"applied_on": applied.isoformat(), "scope": "within_province",
                                       "risk_tasks": [{"id": f"R{i}", "level": lv} for i, lv in enumerate(levels)],
                                       "obstacles": obstacles, **{k: str(v) for k, v in rights.items()}}}
    res = KERNEL.evaluate(case, as_of=date(2027, 1, 1)).result("taxation.cross_region_migration")
    if applied < date(2024, 9, 1):
        assert res.status is Status.DOES_NOT_APPLY
        return
    assert res.status is Status.APPLIES, res
    ev = res.evaluation
    waits = any(lv != "low" for lv in levels)
    assert ("风险应对" in ev.finding("migration").label.zh) is waits
    assert all(ev.finding(f"risk.R{i}").status.value == ("info" if lv == "low" else "duty") for i, lv in enumerate(levels))
    for name, value in rights.items():
        assert ev.amount(f"carried.{name}") == value
    assert {a.name for a in ev.amounts} == {f"carried.{n}" for n in rights}
    assert {f.id for f in ev.findings if f.status.value == "not_met"} == {f"obstruction.{o}" for o in obstacles}
    assert (ev.finding("obstruction_reported") is not None) is bool(obstacles)
