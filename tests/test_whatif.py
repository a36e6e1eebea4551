"""What-if: reforms as parameter patches, and baseline vs reform over a population after stacking."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from zhengce.contracts import Amount, Applicability, CaseValidationError, Evaluation, Status, Text
from zhengce.kernel import ExclusiveWith, Kernel, PluginInfo, PolicySpec, hookimpl
from zhengce.kernel.cli import main
from zhengce.kernel.reform import ReformError, apply_reform, load_reform, parse_reform
from zhengce.kernel.whatif import run_whatif
from zhengce_tradein.plugin import plugin as tradein

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "reforms" / "nev_25000.yaml"
CAR = "tradein.car_scrappage_subsidy"
NEV = "amount.scrap_any_buy_nev"


def reform_data(**change):
    return {"format": "zhengce.reform/1",
            "document": {"number": "假设〔2024〕9号", "title": "测试方案", "issued": "2024-10-08"},
            "changes": [{"policy": CAR, "parameter": NEV, "value": "25000", "from": "2024-04-24", "until": "2025-01-10"} | change]}


def case(i, province="广东省", new_fuel="nev", applicant="individual_consumer"):
    return {
        "case_id": f"c{i}",
        "applicant": {"type": applicant},
        "old_vehicle": {"vehicle_class": "small_passenger", "fuel": "gasoline", "registration_date": "2010-05-18",
                        "in_applicant_name_since": "2015-03-02"},
        "new_vehicle": {"vehicle_class": "small_passenger", "fuel": new_fuel, "in_nev_catalogue": True,
                        "in_applicant_name": True, "displacement_l": "1.5"},
        "scrappage_application": {"submitted_on": "2024-09-10", "invoice_province": province,
                                  "scrap_certificate_on": "2024-09-01", "scrap_certificate_by_qualified_dismantler": True,
                                  "deregistration_certificate_on": "2024-09-02", "sales_invoice_on": "2024-09-05",
                                  "registration_certificate_on": "2024-09-06"},
    }


@pytest.fixture(scope="module")
def kernel():
    return Kernel([tradein])


def subsidy_step(record):
    result = next(r for r in record.results if r.policy_id == CAR)
    return next(s for s in result.evaluation.steps if s.id == "subsidy")


def test_the_example_reform_is_cited_to_its_hypothetical_document(kernel):
    reform = load_reform(EXAMPLE)
    before = copy.deepcopy([r.spec.parameters[NEV].values for r in kernel.policies if r.spec.id == CAR])
    reformed = apply_reform(kernel, reform)
    new = reformed.evaluate(case(1), as_of=reform.issued, known_at=reform.reform_known_at)
    step = subsidy_step(new)
    assert step.value == "25000.00"
    assert step.citation.document == "假设〔2024〕1号" and "2.5万元" in step.citation.quote
    assert any(d.document == "假设〔2024〕1号" for d in next(r for r in new.results if r.policy_id == CAR).documents)
    base = reformed.evaluate(case(1), as_of=reform.issued, known_at=reform.baseline_known_at)
    assert subsidy_step(base).value == "20000.00"
    assert subsidy_step(base).citation.document == "商消费函〔2024〕392号"
    # the kernel it was applied to is unchanged
    assert [r.spec.parameters[NEV].values for r in kernel.policies if r.spec.id == CAR] == before
    same = kernel.evaluate(case(1), as_of=reform.issued, known_at=reform.reform_known_at)
    assert subsidy_step(same).value == "20000.00"


def test_unknown_policy_parameter_and_wrong_type_are_listed_together(kernel):
    data = reform_data()
    data["changes"] += [{"policy": "tradein.no_such_policy", "parameter": NEV, "value": "1"},
                        {"policy": CAR, "parameter": "amount.no_such_amount", "value": "1"},
                        {"policy": CAR, "parameter": "split.east", "value": "half"},
                        {"policy": CAR, "parameter": "amount.scrap_fuel_buy_fuel", "value": 17000.5}]
    with pytest.raises(ReformError) as err:
        apply_reform(kernel, parse_reform(data, "bad.yaml"))
    text = str(err.value)
    assert len(err.value.problems) == 4
    assert "unknown policy 'tradein.no_such_policy'" in text
    assert "unknown parameter 'amount.no_such_amount'" in text
    assert "bad ratio value 'half'" in text
    assert "never floats" in text


def test_a_malformed_reform_and_one_issued_too_early(kernel):
    with pytest.raises(ReformError) as err:
        parse_reform({"format": "zhengce.reform/1", "document": {"number": "x"}, "changes": [{"policy": CAR, "wat": 1}]})
    assert len(err.value.problems) == 5  # title, issued, parameter, value, unknown key
    early = parse_reform(reform_data() | {"document": {"number": "x", "title": "y", "issued": "2024-08-15"}})
    with pytest.raises(ReformError, match="issued after every document"):
        apply_reform(kernel, early)


def test_baseline_totals_pinned_by_hand(kernel):
    """Baseline and reform totals of four cases, computed by hand from the seed.

    392号 一: 报废上述两类旧车并购买新能源乘用车的，补贴2万元; 购买2.0升及以下燃油乘用车的，补贴1.5万元.
    392号 二: 东部 8.5:1.5, 中部 9:1, 西部 9.5:0.5 (中央:地方); provinces placed by the reference table.

    ==========  ========  ==========  =================  ==================
    case        subsidy   zone        central            local
    ==========  ========  ==========  =================  ==================
    广东 NEV     20000     east        20000×0.85=17000   3000
    河南 NEV     20000     middle      20000×0.9 =18000   2000
    四川 fuel    15000     west        15000×0.95=14250    750
    enterprise   —         (不适用: 补贴对象为个人消费者)
    ==========  ========  ==========  =================  ==================

    Baseline: central 17000+18000+14250 = 49250; local 3000+2000+750 = 5750; total 55000.
    Reform (NEV 25000): 广东 21250/3750, 河南 22500/2500, 四川 unchanged:
    central 58000, local 7000, total 65000 — a change of +10000 (+8750 central, +1250 local).
    """
    cases = [case(1, "广东省"), case(2, "河南省"), case(3, "四川省", new_fuel="gasoline"), case(4, applicant="enterprise")]
    out = run_whatif(kernel, parse_reform(reform_data()), cases).to_json()
    assert out["by_payer"] == {"central": {"baseline": "49250.00", "reform": "58000.00", "change": "8750.00"},
                               "local": {"baseline": "5750.00", "reform": "7000.00", "change": "1250.00"}}
    assert out["total"] == {"baseline": "55000.00", "reform": "65000.00", "change": "10000.00"}
    assert out["by_policy"] == {CAR: {"baseline": "55000.00", "reform": "65000.00", "change": "10000.00"}}
    assert out["by_province"]["河南省"]["central"] == {"baseline": "18000.00", "reform": "22500.00", "change": "4500.00"}
    assert out["by_province"]["四川省"]["local"]["change"] == "0.00"
    assert {k: v["cases"] for k, v in out["outcomes"].items()} == {"gain": 2, "lose": 0, "same_amount": 2, "status_changed": 0}
    assert out["examples"]["gain"] == ["c1", "c2"]


def test_weights_scale_totals_and_counts(kernel):
    reform = parse_reform(reform_data())
    cases = [case(1, "广东省") | {"w": 1000}, case(2, "河南省") | {"w": "2.5"}]
    out = run_whatif(kernel, reform, cases, weights="w").to_json()
    assert out["population"] == "1002.5" and out["cases"] == 2
    # 广东: 1000 × (21250 − 17000) = 4250000; 河南: 2.5 × (22500 − 18000) = 11250
    assert out["by_payer"]["central"]["change"] == "4261250.00"
    assert out["outcomes"]["gain"] == {"cases": 2, "weighted": "1002.5"}
    for bad in (-1, 1.5, "many", None):
        with pytest.raises(CaseValidationError, match="weight must be"):
            run_whatif(kernel, reform, [case(1) | {"w": bad}], weights="w")


class Award:
    """A provincial trade-in award of 22,000 yuan, not cumulable with the national subsidy (就高不就低)."""

    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name="aa", distribution="zhengce-aa", version="1.0")

    @hookimpl
    def declare_policies(self):
        return [PolicySpec(id="aa.trade_in_award", title=Text(zh="以旧换新奖励", en="award"), facts=("applicant",),
                           relations=(ExclusiveWith(policies=("aa.trade_in_award", CAR)),))]

    @hookimpl
    def applies_to(self, policy, case, context):
        return Applicability(status=Status.APPLIES)

    @hookimpl
    def evaluate(self, policy, case, context, applicability):
        return Evaluation(amounts=(Amount(name="award", value=Decimal("22000"), payer="provincial"),))


def test_the_change_is_counted_after_stacking():
    """Baseline: 20000 < 22000, so the award stands and the subsidy is excluded; reform: 25000 > 22000,
    so the subsidy stands (21250 central + 3750 local) and the award is excluded.  The cost change is
    +3000 (−22000 provincial), not the +5000 the raw amounts differ by."""
    kernel = Kernel([tradein, Award()])
    out = run_whatif(kernel, parse_reform(reform_data()), [case(1, "广东省")]).to_json()
    assert out["total"]["change"] == "3000.00"
    assert out["by_payer"]["provincial"] == {"baseline": "22000.00", "reform": "0.00", "change": "-22000.00"}
    assert out["by_payer"]["central"] == {"baseline": "0.00", "reform": "21250.00", "change": "21250.00"}
    assert out["by_policy"][CAR]["change"] == "25000.00" and out["by_policy"]["aa.trade_in_award"]["change"] == "-22000.00"
    assert out["outcomes"]["status_changed"]["cases"] == 1 and out["outcomes"]["gain"]["cases"] == 1


def test_the_cli_prints_json_and_draws_a_chart(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    population = tmp_path / "pop.jsonl"
    population.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in
                                    (case(1, "广东省") | {"weight": 10}, case(2, "四川省") | {"weight": 5})) + "\n")
    chart = tmp_path / "out.svg"
    assert main(["whatif", str(population), "--reform", str(EXAMPLE), "--weights", "weight", "--format", "json",
                 "--chart", str(chart)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == "zhengce.whatif/1" and out["known_at"] == {"baseline": "2024-10-07", "reform": "2024-10-08"}
    assert out["total"]["change"] == "75000.00"  # 15 × 5000
    assert chart.read_text().lstrip().startswith(("<?xml", "<svg"))
    assert main(["whatif", str(population), "--reform", str(EXAMPLE)]) == 2  # "weight" is no section without --weights
    capsys.readouterr()
    assert main(["whatif", str(population), "--reform", str(EXAMPLE), "--weights", "weight"]) == 0
    table = capsys.readouterr().out
    assert "by province and payer" in table and "by zone and payer" in table
    assert any("广东省" in line and "东部" in line and "central" in line for line in table.splitlines())
    bad = tmp_path / "bad.yaml"
    bad.write_text(json.dumps(reform_data(parameter="nope")))
    assert main(["whatif", str(population), "--reform", str(bad)]) == 2
    assert "unknown parameter 'nope'" in capsys.readouterr().err


# --- by zone -------------------------------------------------------------------------


def test_totals_by_zone_as_the_subsidy_places_provinces(kernel):
    """By zone, computed by hand (392号 二: 东部 8.5:1.5, 中部 9:1, 西部 9.5:0.5; reform NEV 20000 → 25000).

    ====================  =====  ===============================  ===============================
    case                  zone   baseline central / local          reform central / local
    ====================  =====  ===============================  ===============================
    c1 广东 NEV            east   17000 / 3000                      21250 / 3750
    c2 河南 NEV            middle 18000 / 2000                      22500 / 2500
    c3 四川 fuel           west   15000×0.95 = 14250 / 750          unchanged
    c5 广东 NEV, region    west   20000×0.95 = 19000 / 1000         23750 / 1250
       given as west (the case's own region wins, as the subsidy reads it)
    ====================  =====  ===============================  ===============================
    """
    c5 = case(5, "广东省")
    c5["scrappage_application"]["region"] = "west"
    cases = [case(1, "广东省"), case(2, "河南省"), case(3, "四川省", new_fuel="gasoline"), c5]
    out = run_whatif(kernel, parse_reform(reform_data()), cases).to_json()
    assert out["by_zone"] == {
        "east": {"central": {"baseline": "17000.00", "reform": "21250.00", "change": "4250.00"},
                 "local": {"baseline": "3000.00", "reform": "3750.00", "change": "750.00"}},
        "middle": {"central": {"baseline": "18000.00", "reform": "22500.00", "change": "4500.00"},
                   "local": {"baseline": "2000.00", "reform": "2500.00", "change": "500.00"}},
        "west": {"central": {"baseline": "33250.00", "reform": "38000.00", "change": "4750.00"},
                 "local": {"baseline": "1750.00", "reform": "2000.00", "change": "250.00"}},
    }
    assert list(out["by_zone"]) == ["east", "middle", "west"]
    assert out["zones"]["labels"] == {"east": {"zh": "东部", "en": "eastern"}, "middle": {"zh": "中部", "en": "central"},
                                      "west": {"zh": "西部", "en": "western"}}
    # by province, next to it: 广东 holds c1 and c5 whatever zone c5 was given; the table's zone of each province
    assert out["by_province"]["广东省"]["central"] == {"baseline": "36000.00", "reform": "45000.00", "change": "9000.00"}
    assert out["province_zone"] == {"广东省": "east", "河南省": "middle", "四川省": "west"}
    # the zones add up to the payers' totals
    for payer in ("central", "local"):
        assert sum(Decimal(z[payer]["change"]) for z in out["by_zone"].values()) == Decimal(out["by_payer"][payer]["change"])


def test_the_table_and_chart_show_zones(kernel, tmp_path, capsys):
    pytest.importorskip("matplotlib")
    from zhengce.kernel.whatif import print_table, write_chart

    result = run_whatif(kernel, parse_reform(reform_data()), [case(1, "广东省"), case(2, "四川省")])
    print_table(result, "en")
    table = capsys.readouterr().out
    assert "by zone and payer" in table and "eastern" in table and "western" in table
    print_table(result, "zh")
    assert "西部" in capsys.readouterr().out
    chart = tmp_path / "chart.svg"
    write_chart(result, str(chart))
    svg = chart.read_text()
    assert "Cost change by zone and payer" in svg and "eastern" in svg and "western" in svg and "Guangdong" in svg
    png = tmp_path / "chart.png"
    write_chart(result, str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- patches to parameter sets read outside a policy's own ------------------------------

SETTLEMENT = "tradein.car_scrappage_funding_settlement"


def settlement_case():
    return {"case_id": "gd", "scrappage_funding_settlement": {"province": "广东省", "subsidies_paid": "1000000"}}


def amounts(record, policy):
    result = next(r for r in record.results if r.policy_id == policy)
    return {a.name: a.value for a in result.evaluation.amounts}


def split_reform(**where):
    change = {"parameter": "split.east", "value": "9:1", "article": "二", "quote": "对东部省份按9：1比例分担（假设方案）"} | where
    return parse_reform({"format": "zhengce.reform/1",
                         "document": {"number": "假设〔2024〕2号", "title": "测试：东部分担比例", "issued": "2024-10-08"},
                         "changes": [change]})


@pytest.mark.parametrize("where", [{"set": "tradein.car_scrappage_subsidy"},
                                   {"set": "zhengce_tradein/parameters/car_scrappage_subsidy.yaml"},
                                   {"policy": SETTLEMENT, "set": "tradein.car_scrappage_subsidy"},
                                   {"policy": CAR}])
def test_a_set_is_patched_wherever_it_is_read(kernel, where):
    """The funding settlement reads the subsidy's split.* at module level (not its own parameters).
    392号 二 东部 8.5:1.5: central due on 1,000,000 paid = 850,000; the reform's 9:1 makes it 900,000,
    and the subsidy's own split moves with it (20000 × 0.9 = 18000 central)."""
    from zhengce_tradein import car_scrappage, funding_settlement

    reform = split_reform(**where)
    reformed = apply_reform(kernel, reform)
    day = dict(as_of=date(2024, 10, 8))
    new = reformed.evaluate(settlement_case(), known_at=reform.reform_known_at, **day)
    assert amounts(new, SETTLEMENT)["central_due"] == Decimal("900000.00")
    assert amounts(new, SETTLEMENT)["local_due"] == Decimal("100000.00")
    ratio = next(s for r in new.results if r.policy_id == SETTLEMENT for s in r.evaluation.steps if s.id == "ratio")
    assert ratio.citation.document == "假设〔2024〕2号" and "9：1" in ratio.citation.quote
    base = reformed.evaluate(settlement_case(), known_at=reform.baseline_known_at, **day)
    assert amounts(base, SETTLEMENT)["central_due"] == Decimal("850000.00")
    subsidy = amounts(reformed.evaluate(case(1, "广东省"), known_at=reform.reform_known_at, **day), CAR)
    assert subsidy["central_share"] == Decimal("18000.00") and subsidy["local_share"] == Decimal("2000.00")
    # nothing shared changed: the installed module still reads the law as it is
    assert "reform" not in car_scrappage.PARAMETERS.documents
    assert funding_settlement.SUBSIDY_PARAMETERS is car_scrappage.PARAMETERS
    same = kernel.evaluate(settlement_case(), known_at=reform.reform_known_at, **day)
    assert amounts(same, SETTLEMENT)["central_due"] == Decimal("850000.00")


def test_another_plugins_set_read_at_module_level_is_patched():
    """A (test) provincial award matching the national NEV amount, read from the trade-in plugin's set
    at module level.  广东 NEV: baseline 20000 national (17000 central + 3000 local) + 20000 provincial;
    reform 25000 (21250 + 3750) + 25000: the change is +10000, not the +5000 of the subsidy alone."""
    from tests.whatif_support.matching_award import plugin as matching

    kernel = Kernel([tradein, matching])
    out = run_whatif(kernel, parse_reform(reform_data()), [case(1, "广东省")]).to_json()
    assert out["by_payer"]["provincial"] == {"baseline": "20000.00", "reform": "25000.00", "change": "5000.00"}
    assert out["by_payer"]["central"] == {"baseline": "17000.00", "reform": "21250.00", "change": "4250.00"}
    assert out["total"]["change"] == "10000.00"
    assert out["by_policy"]["matching.nev_award"]["change"] == "5000.00"


def test_unknown_sets_and_sets_a_policy_does_not_read_are_listed_together(kernel):
    reform = parse_reform({"format": "zhengce.reform/1",
                           "document": {"number": "假设〔2024〕3号", "title": "错误", "issued": "2024-10-08"},
                           "changes": [
                               {"set": "tradein.no_such_set", "parameter": "split.east", "value": "9:1"},
                               {"policy": "tradein.car_scrappage_local_rules", "set": "tradein.car_scrappage_subsidy",
                                "parameter": "split.east", "value": "9:1"},
                               {"set": "tradein.car_scrappage_subsidy", "parameter": "split.north", "value": "9:1"},
                               {"set": "tradein.car_scrappage_subsidy", "parameter": "split.east", "value": 0.9},
                               {"set": "tradein.car_scrappage_subsidy", "parameter": "split.scheme", "value": 3},
                               {"policy": SETTLEMENT, "parameter": "pre_allocation.share", "value": "many"},
                           ]})
    with pytest.raises(ReformError) as err:
        apply_reform(kernel, reform)
    problems = err.value.problems
    assert len(problems) == 6, problems
    assert problems[0].startswith("changes[0]: unknown parameter set 'tradein.no_such_set' (known: ")
    assert "tradein.car_scrappage_funding_settlement, tradein.car_scrappage_local_rules, tradein.car_scrappage_subsidy" \
        in problems[0]  # every set the installed policies read, sorted
    assert "policy 'tradein.car_scrappage_local_rules' does not read parameter set 'tradein.car_scrappage_subsidy' " \
           "(it reads: tradein.car_scrappage_local_rules)" in problems[1]
    assert "unknown parameter 'split.north' in set tradein.car_scrappage_subsidy" in problems[2]
    assert "bad ratio value 0.9" in problems[3]
    assert "bad text value 3: expected a string" in problems[4]
    assert problems[5].startswith("changes[5] (tradein.car_scrappage_funding_settlement pre_allocation.share)")
    with pytest.raises(ReformError, match="needs at least one|policy: missing"):
        parse_reform({"format": "zhengce.reform/1", "document": {"number": "x", "title": "y", "issued": "2024-10-08"},
                      "changes": [{"parameter": "split.east", "value": "9:1"}]})
