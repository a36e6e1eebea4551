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
    assert "by province and payer" in table and "广东省 · central" in table
    bad = tmp_path / "bad.yaml"
    bad.write_text(json.dumps(reform_data(parameter="nope")))
    assert main(["whatif", str(population), "--reform", str(bad)]) == 2
    assert "unknown parameter 'nope'" in capsys.readouterr().err
