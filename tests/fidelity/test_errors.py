"""Issue 19's four errors of logic or citation (E1–E4), each checked on a real evaluation."""

import json
from datetime import date
from pathlib import Path

from zhengce.contracts import FindingStatus
from zhengce.kernel import Kernel

CASES = Path(__file__).resolve().parents[2] / "examples" / "cases"
KERNEL = Kernel()


def _result(case: dict, policy: str, as_of: date):
    record = KERNEL.evaluate(case, as_of=as_of)
    return next(r for r in record.results if r.policy_id == policy)


def _example(name: str) -> dict:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def test_e1_little_giant_amounts_are_central_to_provincial_and_the_firm_side_is_the_provinces():
    r = _result(_example("finance_little_giant_award.json"), "finance.little_giant_award", date(2025, 3, 1))
    ev = r.evaluation
    for a in ev.amounts:  # every figure is the centre's award to the province, computed for this firm
        assert "省" in a.label.zh and "provinc" in a.label.en.lower(), a
    plan = ev.finding("firm_amount_set_by_province")
    assert plan is not None and plan.citation.article == "四（三）资金使用" and "分配方案" in plan.citation.quote
    share = ev.finding("firm_share_of_provincial_total")
    assert share is not None and "95%" in share.citation.quote
    zh = KERNEL.explain(r, "zh").summary
    assert "净奖补" not in zh and "省级资金分配方案" in zh


def test_e2_the_right_to_trade_cites_article_7_paragraph_1():
    r = _result({"carbon_market_party": {"role": "key_emitter"}}, "energy.carbon_trading_duties", date(2024, 8, 1))
    may = r.evaluation.finding("may_trade")
    assert may is not None and may.citation.article == "第七条第一款" and "可以参与碳排放权交易" in may.citation.quote


def test_e2_a_body_neither_listed_nor_barred_is_not_told_it_may_trade():
    r = _result({"carbon_market_party": {"role": "tech_service_body"}}, "energy.carbon_trading_duties", date(2024, 8, 1))
    assert r.evaluation.finding("may_trade") is None


def test_e3_a_duty_and_a_taxable_item_are_not_failures():
    for name, policy in (("taxation_reverse_invoicing.json", "taxation.reverse_invoicing"),
                         ("taxation_restructuring_stamp_duty.json", "taxation.restructuring_stamp_duty_relief")):
        case = _example(name)
        record = KERNEL.evaluate(case, as_of=date(2025, 3, 1))
        r = next(x for x in record.results if x.policy_id.startswith(policy))
        duties = [f for f in r.evaluation.findings if f.status is FindingStatus.DUTY]
        assert not [f for f in r.evaluation.findings if f.status is FindingStatus.NOT_MET], policy
        for lang, failed, word in (("zh", "不满足", "应履行"), ("en", "not met", "Duties")):
            exp = KERNEL.explain(r, lang)
            assert failed not in exp.summary and word in exp.summary, exp.summary
            for f in duties:
                line = next(ln.text for ln in exp.lines if f.label.in_lang(lang) in ln.text)
                assert line.startswith("→") and "✗" not in line and failed not in line, line
    rev = _result(_example("taxation_reverse_invoicing.json"), "taxation.reverse_invoicing", date(2025, 3, 1))
    assert rev.evaluation.finding("vat_agent_filing").status is FindingStatus.DUTY
    assert str(rev.evaluation.amount("vat_due")) == "400.00"


def test_e4_finance_lease_ending_without_title_stops_the_credit_and_repays_it():
    case = _example("taxation_special_equipment.json")
    up = case["special_equipment_credit"]["upgrades"][0]
    up.update(purchased_by_enterprise=False, finance_lease_title_transfers=True, lease_ended_without_title_on="2026-01-31")
    case["special_equipment_credit"]["tax_years"].append({"year": 2026, "tax_payable": "50000"})
    r = _result(case, "taxation.special_equipment_digital_retrofit_cit_credit", date(2026, 6, 1))
    ev = r.evaluation
    assert str(ev.amount("recapture")) == "38000.00"
    assert str(ev.amount("credit_remaining")) == "0.00"
    finding = ev.finding("recapture.u0")
    assert finding.status is FindingStatus.DUTY and finding.citation.article == "七"
    assert "所有权未转移至承租方企业" in finding.citation.quote


def test_a_label_never_claims_what_did_not_happen():
    """sme_digital_city_pilot: with no SME count given, no line says the count agrees with the list."""
    case = _example("data_assets_sme_city_pilot_foshan.json")
    case["sme_digital_city_pilot"].pop("province_above_scale_sme_count_2023", None)
    r = _result(case, "data_assets.sme_digital_city_pilot", date(2024, 6, 1))
    for lang, claim in (("zh", "数量与文件列明的省份名单一致"), ("en", "count agrees")):
        exp = KERNEL.explain(r, lang)
        assert not [ln.text for ln in exp.lines if claim in ln.text] and claim not in exp.summary
    assert "未给出" in r.evaluation.finding("named_list_consistency").label.zh


def test_the_carbon_surrender_complement_is_named():
    r = _result(_example("energy_carbon_trading_duties.json"), "energy.carbon_trading_duties", date(2025, 3, 1))
    for lang, words in (("zh", ("经核查的上一年度实际排放量", "非化石能源电力的调整量")), ("en", ("verified prior-year emissions", "non-fossil electricity adjustment"))):
        line = next(ln.text for ln in KERNEL.explain(r, lang).lines if (" − " in ln.text and words[0] in ln.text))
        assert all(w in line for w in words), line


def test_equipment_loan_amounts_say_who_pays_whom():
    """财金〔2024〕54号: the 80 % advance and the remaining 20 % flow from provincial finance to the bank."""
    r = _result(_example("finance_equipment_renewal_loan.json"), "finance.equipment_renewal_loan_subsidy", date(2025, 3, 1))
    for a in r.evaluation.amounts:
        if a.name.startswith(("advance_", "settlement_")):
            assert "省级财政部门" in a.label.zh and "经办银行" in a.label.zh and "bank" in a.label.en, a
        if a.name.startswith("net_interest_"):
            assert "企业向经办银行" in a.label.zh, a
