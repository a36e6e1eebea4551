"""The zhengce command line, run in-process on the example cases."""

from __future__ import annotations

import json
from pathlib import Path

from zhengce.kernel.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "cases" / "car_scrappage_nev_guangdong.json")
POLICY = "tradein.car_scrappage_subsidy"


import pytest


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_json_is_the_versioned_decision_record(capsys):
    code, out, _ = run(capsys, "evaluate", EXAMPLE, "--as-of", "2024-09-01", "--format", "json", "--lang", "en")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "zhengce.decision/1"
    assert (data["as_of"], data["known_at"]) == ("2024-09-01", "2024-09-01")
    result = next(r for r in data["results"] if r["policy_id"] == POLICY)
    assert result["status"] == "applies" and result["distribution"] == "zhengce-tradein"
    amounts = {a["name"]: a["value"] for a in result["evaluation"]["amounts"]}
    assert amounts == {"subsidy": "20000.00", "top_up_due": "10000.00", "central_share": "17000.00", "local_share": "3000.00"}
    explanation = data["explanations"][POLICY]
    assert explanation["lang"] == "en" and "subsidy CNY 20000.00" in explanation["summary"]
    assert any(line["citation"] and line["citation"]["document"] == "商消费函〔2024〕392号" for line in explanation["lines"])


def test_known_at_before_the_amendment_gives_the_old_answer(capsys):
    code, out, _ = run(capsys, "evaluate", EXAMPLE, "--as-of", "2024-09-01", "--known-at", "2024-08-14", "--format", "json")
    result = next(r for r in json.loads(out)["results"] if r["policy_id"] == POLICY)
    amounts = {a["name"]: a["value"] for a in result["evaluation"]["amounts"]}
    assert amounts["subsidy"] == "10000.00" and "top_up_due" not in amounts


def test_evaluate_table_prints_subsidy_split_and_citations(capsys):
    code, out, _ = run(capsys, "evaluate", EXAMPLE, "--as-of", "2024-09-01")
    assert code == 0
    for needle in ("汽车报废更新补贴", "20,000.00", "17,000.00", "3,000.00", "商消费函〔2024〕392号", "二、加大中央资金支持力度", "对东部省份按8.5:1.5比例分担"):
        assert needle in out, needle


def test_invalid_case_exits_2_listing_every_problem(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"old_vehicle": {"registration_date": "2024-13-01"}, "x": 1}), encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(bad))
    assert code == 2
    assert "old_vehicle.registration_date: not a date: '2024-13-01'" in err and "x: unknown section" in err
    code, out, _ = run(capsys, "evaluate", str(bad), "--format", "json")
    assert code == 2 and json.loads(out)["error"] == "invalid_input"


def test_missing_file_is_an_input_error(capsys):
    code, _, err = run(capsys, "evaluate", "/nonexistent/case.json")
    assert code == 2 and "no such file" in err


def test_policies_and_plugins_listings(capsys):
    code, out, _ = run(capsys, "policies", "--format", "json")
    assert code == 0
    policies = {p["id"]: p for p in json.loads(out)["policies"]}
    assert policies[POLICY]["plugin"] == "tradein"
    assert [d["document"] for d in policies[POLICY]["documents"]] == ["商消费函〔2024〕75号", "商消费函〔2024〕392号"]
    code, out, _ = run(capsys, "plugins", "--format", "json")
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert plugins["tradein"]["distribution"] == "zhengce-tradein" and POLICY in plugins["tradein"]["policies"]
    code, out, _ = run(capsys, "policies")
    assert code == 0 and POLICY in out
    code, out, _ = run(capsys, "plugins")
    assert code == 0 and "zhengce-tradein" in out


def test_schema_is_json_schema_of_the_case(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Case" and "old_vehicle" in schema["properties"]


def test_every_example_output_satisfies_the_decision_schema(capsys):
    import jsonschema

    code, out, _ = run(capsys, "schema", "--of", "decision")
    validator = jsonschema.Draft202012Validator(json.loads(out))
    for example in sorted((ROOT / "examples" / "cases").glob("*.json")):
        for lang in ("zh", "en"):
            code, out, _ = run(capsys, "evaluate", str(example), "--format", "json", "--lang", lang)
            assert code == 0
            errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(json.loads(out))]
            assert not errors, (example.name, errors[:3])


def test_block_keeps_a_plugin_out(capsys):
    code, out, _ = run(capsys, "--block", "tradein", "plugins", "--format", "json")
    assert code == 0 and "tradein" not in {p["name"] for p in json.loads(out)["plugins"]}
    code, out, _ = run(capsys, "--block", "tradein", "evaluate", EXAMPLE, "--format", "json")
    problems = {p["path"]: p["message"] for p in json.loads(out)["problems"]}
    assert code == 2 and "blocked plugins, whose sections are not loaded: tradein" in problems["old_vehicle"]


def test_screen_reports_every_line_in_order_with_one_or_two_workers(capsys, tmp_path):
    good = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    lines = [json.dumps(good), "{not json", json.dumps({"old_vehicle": {"fuel": "coal"}}), "",
             json.dumps({**good, "case_id": "second", "applicant": {"type": "enterprise"}})]
    registry = tmp_path / "registry.jsonl"
    registry.write_text("\n".join(lines), encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        code, out, err = run(capsys, "screen", str(registry), "--as-of", "2024-09-01", "--workers", workers,
                             "--partition-size", "2")
        assert code == 0
        rows = [json.loads(x) for x in out.splitlines()]  # zhengce.screen/2: one row per case and policy
        assert [r["row"] for r in rows] == [1, 2, 3, 5]
        assert rows[0]["policy_id"] == POLICY and rows[0]["status"] == "applies" and rows[0]["amounts"]["subsidy"] == "20000.00"
        assert rows[1]["status"] == "invalid" and "not valid JSON" in rows[1]["problems"][0]["message"]
        assert rows[2]["problems"][0]["path"] == "old_vehicle.fuel"
        assert rows[3]["case_id"] == "second" and rows[3]["status"] == "does_not_apply"
        assert json.loads(err.strip().splitlines()[-1])["invalid"] == 2
        outputs.append(rows)
    assert outputs[0] == outputs[1]
