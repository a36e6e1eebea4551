"""Every endpoint of a real ``zhengce serve`` process, checked against the kernel in this process."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
import jsonschema
import pytest

from zhengce.contracts import CaseValidationError, dump, parse_json, structure, PolicyResult
from zhengce.kernel.cli import decision_output_schema
from zhengce.kernel.service.decision_log import canonical_json
from zhengce.kernel.service.openapi import unembed

from .conftest import AS_OF, GRACEFUL, PROBE, Server, case, decision_lines, enterprise_case

CAR = "car_scrappage_nev_guangdong"
DAY = date.fromisoformat(AS_OF)


def evaluate(client, body, **params):
    params.setdefault("as_of", AS_OF)
    return client.post("/v1/evaluate", params=params, content=json.dumps(body, ensure_ascii=False).encode())


def reference(kernel, body, *, explain=None):
    """What the server should answer: the kernel's record, as ``zhengce evaluate --format json`` prints it."""
    record = kernel.evaluate(parse_json(json.dumps(body)), as_of=DAY)
    out = dump(record)
    if explain:
        out["explanations"] = {r.policy_id: dump(kernel.explain(r, explain)) for r in record.results}
    out["load_problems"] = []
    return out


# --- health, readiness, listings, schemas ---------------------------------------------


def test_health_and_readiness_report_the_plugin_set_and_its_hash(client, kernel):
    expected = {"id": kernel.plugin_set, "plugins": [dump(p) for p in kernel.plugins]}
    health, ready = client.get("/healthz"), client.get("/readyz")
    assert health.status_code == ready.status_code == 200
    assert health.json()["plugin_set"] == ready.json()["plugin_set"] == expected
    assert "probe" in {p["name"] for p in expected["plugins"]} and "tradein" in {p["name"] for p in expected["plugins"]}
    body = ready.json()
    assert body["status"] == "ready" and body["problems"] == [] and body["decision_log"] == "file"
    assert body["policies"] == len(kernel.policies)


def test_plugins_and_policies_list_what_the_kernel_routes(client, kernel):
    plugins = client.get("/v1/plugins").json()
    assert plugins["plugin_set"] == kernel.plugin_set
    probe = next(p for p in plugins["plugins"] if p["name"] == "probe")
    assert probe["policies"] == ["probe.fails", "probe.slow"] and probe["sections"] == ["service_probe"]
    policies = client.get("/v1/policies").json()["policies"]
    assert [p["id"] for p in policies] == [r.spec.id for r in kernel.policies]
    car = next(p for p in policies if p["id"] == "tradein.car_scrappage_subsidy")
    assert any("75号" in d["document"] for d in car["documents"])


def test_schemas_are_the_kernels_own(client, kernel):
    assert client.get("/v1/schemas/case").json() == kernel.case_schema()
    assert client.get("/v1/schemas/decision").json() == decision_output_schema()


def test_openapi_embeds_the_composed_case_schema_and_the_decision_schema(client, kernel):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    schemas = doc["components"]["schemas"]
    assert unembed(schemas["Case"], "Case") == kernel.case_schema()
    assert unembed(schemas["Decision"], "Decision") == decision_output_schema()
    assert "service_probe" in schemas["Case"]["properties"]  # the plugin's section, composed in
    assert doc["info"]["x-zhengce-plugin-set"]["id"] == kernel.plugin_set
    evaluate_op = doc["paths"]["/v1/evaluate"]["post"]
    assert evaluate_op["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Case"}
    assert set(evaluate_op["responses"]) == {"200", "413", "422", "504"}

    def resolve(pointer):
        node = doc
        for part in pointer.removeprefix("#/").split("/"):
            node = node[part]
        return node

    def refs(node):
        if isinstance(node, dict):
            yield from ([node["$ref"]] if isinstance(node.get("$ref"), str) else [])
            for v in node.values():
                yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)

    for ref in set(refs(doc)):  # every reference resolves inside the document
        assert ref.startswith("#/components/schemas/") and isinstance(resolve(ref), dict), ref


# --- evaluate ----------------------------------------------------------------------------


def test_evaluate_a_car_case_answers_the_decision_record(client, kernel, server):
    body = case(CAR)
    response = evaluate(client, body)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    answer = response.json()
    assert answer == reference(kernel, body)
    jsonschema.Draft202012Validator(decision_output_schema()).validate(answer)
    (result,) = answer["results"]
    assert result["policy_id"] == "tradein.car_scrappage_subsidy" and result["status"] == "applies"
    amounts = {a["name"]: a["value"] for a in result["evaluation"]["amounts"]}
    assert amounts["subsidy"] == "20000.00"  # a new-energy car, under 392号 as known on 2024-09-01
    assert "explanations" not in answer
    # the decision log holds that evaluation: its id, the input's hash, the record, the plugin set
    decision_id = response.headers["x-zhengce-decision-id"]
    entry = next(e for e in decision_lines(server.decision_log) if e["decision_id"] == decision_id)
    assert entry["format"] == "zhengce.decision-log/1" and entry["endpoint"] == "evaluate"
    assert entry["input_sha256"] == "sha256:" + hashlib.sha256(canonical_json(parse_json(json.dumps(body))).encode()).hexdigest()
    assert entry["record"] == {k: v for k, v in answer.items() if k != "load_problems"}
    assert entry["plugin_set"]["id"] == kernel.plugin_set and entry["request_id"] == response.headers["x-request-id"]
    assert entry["time"].endswith("Z") and entry["as_of"] == AS_OF


def test_evaluate_with_explanations_inline_in_either_language(client, kernel):
    body = case(CAR)
    for lang in ("zh", "en"):
        answer = evaluate(client, body, explain="true", lang=lang).json()
        assert answer == reference(kernel, body, explain=lang)
        assert answer["explanations"]["tradein.car_scrappage_subsidy"]["lang"] == lang


def test_evaluate_a_multi_domain_enterprise_case(client, kernel):
    body = enterprise_case()
    answer = evaluate(client, body).json()
    assert answer == reference(kernel, body)
    assert {r["plugin"] for r in answer["results"]} == {"data_assets", "energy", "finance", "taxation"}
    assert len(answer["results"]) == 8


def test_known_at_and_as_of_move_the_answer(client):
    body = case(CAR)
    before_392 = evaluate(client, body, as_of="2024-09-01", known_at="2024-08-14").json()
    amounts = {a["name"]: a["value"] for a in before_392["results"][0]["evaluation"]["amounts"]}
    assert before_392["known_at"] == "2024-08-14" and amounts["subsidy"] == "10000.00"  # 75号 alone: 1万元


def test_a_failing_plugin_is_a_result_not_a_server_error(client, kernel):
    body = {**case(CAR), "service_probe": {"fail": True}}
    response = evaluate(client, body)
    assert response.status_code == 200
    results = {r["policy_id"]: r for r in response.json()["results"]}
    failed = results["probe.fails"]
    assert failed["status"] == "error" and failed["error"]["exception"] == "RuntimeError"
    assert failed["error"]["message"] == "the probe fails on purpose"
    assert results["probe.slow"]["status"] == "applies"
    assert results["tradein.car_scrappage_subsidy"]["status"] == "applies"  # the others still ran
    assert response.json() == reference(kernel, body)


def test_the_time_budget_answers_504_and_is_logged(client, server):
    started = time.monotonic()
    response = evaluate(client, {"service_probe": {"sleep_ms": 6000}}, explain="true")
    assert response.status_code == 504 and 5.0 <= time.monotonic() - started < 5.9
    body = response.json()
    assert body["error"] == "time_budget_exceeded" and body["budget_seconds"] == 5.0
    entries = [e for e in decision_lines(server.decision_log) if e["request_id"] == response.headers["x-request-id"]]
    assert [e["error"]["error"] for e in entries] == ["time_budget_exceeded"] and entries[0]["record"] is None
    assert client.get("/readyz").status_code == 200  # the server is still serving


# --- bad input -----------------------------------------------------------------------------


def test_bad_input_is_422_with_every_problem_by_path_as_the_cli_prints_it(client, kernel):
    body = {"bogus": 1, "old_vehicle": {"registration_date": "2010-13-01", "fuel": "coal"}}
    response = evaluate(client, body)
    assert response.status_code == 422
    with pytest.raises(CaseValidationError) as exc:
        kernel.load_case(body)
    assert response.json() == exc.value.to_json()
    assert {p["path"] for p in response.json()["problems"]} == {"bogus", "old_vehicle.registration_date", "old_vehicle.fuel"}


def test_not_json_and_not_an_object(client):
    for content, message in ((b"{not json", "not valid JSON"), (b"[1, 2]", "expected an object")):
        response = client.post("/v1/evaluate", content=content)
        assert response.status_code == 422
        (problem,) = response.json()["problems"]
        assert problem["path"] == "" and problem["message"].startswith(message)


def test_bad_query_parameters_are_problems_too(client):
    response = client.post("/v1/evaluate", params={"as_of": "2024-9-1", "lang": "fr", "explain": "maybe"},
                           content=json.dumps(case(CAR)))
    assert response.status_code == 422
    assert {p["path"] for p in response.json()["problems"]} == {"query.as_of", "query.lang", "query.explain"}


def test_an_oversized_body_is_413_declared_or_streamed(client):
    big = json.dumps({**case(CAR), "case_id": "x" * (70 * 1024)}).encode()
    response = client.post("/v1/evaluate", content=big)
    assert response.status_code == 413
    assert response.json() == {"error": "body_too_large", "limit_bytes": 64 * 1024,
                               "request_id": response.headers["x-request-id"]}

    def chunks():  # no Content-Length: the service counts as it reads
        for i in range(0, len(big), 8192):
            yield big[i:i + 8192]

    with httpx.Client(base_url=client.base_url, timeout=30) as fresh:
        streamed = fresh.post("/v1/evaluate", content=chunks())
    assert streamed.status_code == 413 and streamed.json()["error"] == "body_too_large"
    assert client.get("/healthz").status_code == 200


def test_unknown_routes_and_methods_answer_json(client):
    missing, wrong = client.get("/v1/nothing"), client.get("/v1/evaluate")
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")
    assert (wrong.status_code, wrong.json()["error"]) == (405, "method_not_allowed")


def test_the_request_id_is_the_clients_or_a_new_one_and_is_in_the_access_log(client, server):
    given = client.get("/healthz", headers={"X-Request-Id": "host-req-42"})
    assert given.headers["x-request-id"] == "host-req-42"
    made = client.get("/healthz", headers={"X-Request-Id": "bad id with spaces"})
    assert made.headers["x-request-id"] != "bad id with spaces" and len(made.headers["x-request-id"]) == 32
    time.sleep(0.2)
    lines = [json.loads(line) for line in server.stderr().splitlines() if line.startswith("{")]
    mine = next(e for e in lines if e["request_id"] == "host-req-42")
    assert mine["type"] == "access" and mine["method"] == "GET" and mine["path"] == "/healthz"
    assert mine["status"] == 200 and mine["duration_ms"] >= 0 and mine["client"].startswith("127.0.0.1:")


# --- explain -------------------------------------------------------------------------------


def test_explain_one_result(client, kernel):
    result = evaluate(client, case(CAR)).json()["results"][0]
    for lang in ("zh", "en"):
        response = client.post("/v1/explain", params={"lang": lang}, json=result)
        assert response.status_code == 200
        assert response.json() == dump(kernel.explain(structure(result, PolicyResult), lang))
    assert "20000" in client.post("/v1/explain", params={"lang": "en"}, json=result).text.replace(",", "")


def test_explain_refuses_what_is_not_a_result(client):
    response = client.post("/v1/explain", json={"policy_id": "x.y", "status": "fine"})
    assert response.status_code == 422
    paths = {p["path"] for p in response.json()["problems"]}
    assert {"status", "plugin", "distribution", "version"} <= paths


# --- screen --------------------------------------------------------------------------------


def _rows(text):
    return [json.loads(line) for line in text.splitlines()]


def test_screen_streams_one_line_per_case_in_order_then_a_trailer(client, kernel, server):
    from zhengce.kernel.screening import screen_line

    lines = [json.dumps(case(CAR)), "{not json", "", json.dumps(enterprise_case()),
             json.dumps({"service_probe": {"fail": True}}), json.dumps({"old_vehicle": {"fuel": "coal"}})]
    response = client.post("/v1/screen", params={"as_of": AS_OF}, content="\n".join(lines).encode(),
                           headers={"content-type": "application/x-ndjson", "X-Request-Id": "screen-1"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    *rows, trailer = _rows(response.text)
    assert [r["line"] for r in rows] == [1, 2, 4, 5, 6]
    for row in rows:  # the same lines `zhengce screen` prints (bad JSON is worded with its position here)
        if row["line"] != 2:
            assert row == screen_line(kernel, row["line"], lines[row["line"] - 1], DAY, None)
    assert rows[1]["error"] == "invalid_input" and rows[1]["problems"][0]["message"].startswith("not valid JSON")
    assert rows[0]["results"][0]["amounts"]["subsidy"] == "20000.00"
    statuses = [r["status"] for row in rows for r in row.get("results", ())]
    counts = {s: statuses.count(s) for s in set(statuses)} | {"invalid": 2}
    assert counts["error"] == 1 and sum(counts.values()) == 13  # 1 car + 8 enterprise + 2 probe results, 2 refused
    assert trailer == {"format": "zhengce.screen/1", "as_of": AS_OF, "known_at": AS_OF, "lines": 6,
                       "counts": counts, "complete": True}
    logged = [e for e in decision_lines(server.decision_log) if e["request_id"] == "screen-1"]
    assert sorted(e["line"] for e in logged) == [1, 2, 4, 5, 6]
    assert next(e for e in logged if e["line"] == 1)["record"]["results"][0]["policy_id"] == "tradein.car_scrappage_subsidy"


def test_screen_answers_while_the_batch_is_still_coming(server):
    """A raw chunked request: the first case's line comes back before the second case is sent."""
    first, second = json.dumps(case(CAR)).encode(), json.dumps(enterprise_case()).encode()

    def chunk(data: bytes) -> bytes:
        return f"{len(data):x}\r\n".encode() + data + b"\r\n"

    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"POST /v1/screen?as_of={AS_OF} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        sock.sendall(chunk(first + b"\n"))
        received = b""
        while b"car-2024-0001" not in received:
            data = sock.recv(65536)
            assert data, "connection closed before the first line"
            received += data
        assert b"enterprise-multi-domain" not in received
        sock.sendall(chunk(second + b"\n") + b"0\r\n\r\n")
        while b'"complete":true' not in received:
            data = sock.recv(65536)
            assert data
            received += data
    assert b"enterprise-multi-domain" in received


def test_screen_a_line_too_long_is_reported_and_the_batch_goes_on(client):
    long_line = json.dumps({"case_id": "x" * (70 * 1024)})
    response = client.post("/v1/screen", params={"as_of": AS_OF},
                           content="\n".join([long_line, json.dumps(case(CAR))]).encode())
    *rows, trailer = _rows(response.text)
    assert rows[0]["line"] == 1 and "longer than 65536 bytes" in rows[0]["problems"][0]["message"]
    assert rows[1]["line"] == 2 and rows[1]["case_id"] == "car-2024-0001"
    assert trailer["complete"] and trailer["counts"] == {"invalid": 1, "applies": 1}


def test_screen_an_oversized_batch(client):
    line = json.dumps(case(CAR)).encode() + b"\n"
    batch = line * ((1 << 20) // len(line) + 5)
    declared = client.post("/v1/screen", content=batch)
    assert declared.status_code == 413 and declared.json()["limit_bytes"] == 1 << 20

    def chunks():
        for i in range(0, len(batch), 65536):
            yield batch[i:i + 65536]

    with httpx.Client(base_url=client.base_url, timeout=60) as fresh:
        streamed = fresh.post("/v1/screen", params={"as_of": AS_OF}, content=chunks())
    *rows, trailer = _rows(streamed.text)
    assert streamed.status_code == 200 and rows and trailer["complete"] is False
    assert trailer["error"] == "body_too_large" and trailer["lines"] == len(rows) < batch.count(b"\n")


def test_screen_bad_query_is_422(client):
    response = client.post("/v1/screen", params={"known_at": "yesterday"}, content=b"{}")
    assert response.status_code == 422 and response.json()["problems"][0]["path"] == "query.known_at"


# --- concurrency ---------------------------------------------------------------------------


def test_concurrent_requests_get_their_own_answers(server, kernel):
    bodies = [case(CAR), enterprise_case(), {**case(CAR), "case_id": "other", "service_probe": {"fail": True}},
              {"bogus": True}]
    expected = []
    for body in bodies:
        try:
            expected.append((200, reference(kernel, body)))
        except CaseValidationError as exc:
            expected.append((422, exc.to_json()))

    def call(i: int):
        with httpx.Client(base_url=server.url, timeout=60) as c:
            out = []
            for j in range(4):
                k = (i + j) % len(bodies)
                r = evaluate(c, bodies[k], **({"explain": "false"} if j % 2 else {}))
                out.append((k, r.status_code, r.json()))
            return out

    with ThreadPoolExecutor(32) as pool:
        answers = [a for batch in pool.map(call, range(32)) for a in batch]
    assert len(answers) == 128
    for k, status, body in answers:
        assert (status, body) == expected[k]


# --- the process: workers, decision log switched off or on stdout, graceful shutdown --------


def test_two_workers_and_the_decision_log_switched_off(tmp_path):
    not_used = tmp_path / "not-used.jsonl"  # a flag wins over its variable
    server = Server(tmp_path, "--workers", "2", "--decision-log", "off", "--access-log", "off",
                    ZHENGCE_DECISION_LOG=str(not_used))
    try:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            assert c.get("/readyz").json()["decision_log"] == "off"
            for _ in range(6):
                assert evaluate(c, case(CAR)).status_code == 200
    finally:
        assert server.stop() in GRACEFUL
    assert "decision-log" not in server.stdout() and '"type": "access"' not in server.stderr()
    assert not not_used.exists()


def test_graceful_shutdown_finishes_the_request_in_flight_and_logs_to_stdout(tmp_path):
    server = Server(tmp_path, ZHENGCE_PLUGINS=PROBE)
    result = {}

    def slow():
        with httpx.Client(base_url=server.url, timeout=30) as c:
            result["response"] = evaluate(c, {"service_probe": {"sleep_ms": 1200}, "case_id": "in-flight"})

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    code = server.stop()
    thread.join(10)
    assert code in GRACEFUL and "Application shutdown complete" in server.stderr()
    assert result["response"].status_code == 200 and result["response"].json()["case_id"] == "in-flight"
    entries = [json.loads(line) for line in server.stdout().splitlines() if line.startswith("{")]
    assert [e["record"]["case_id"] for e in entries] == ["in-flight"]  # the decision log defaults to stdout
    assert "Shutting down" in server.stderr() or "Finished server process" in server.stderr()


def test_a_bad_setting_stops_the_start_with_its_reason(tmp_path):
    import subprocess
    import sys

    for env, expected in (({"ZHENGCE_PLUGINS": "no_such_module:plugin"}, "ZHENGCE_PLUGINS"),
                          ({"ZHENGCE_TIME_BUDGET": "-1"}, "ZHENGCE_TIME_BUDGET")):
        out = subprocess.run([sys.executable, "-m", "zhengce.kernel.cli", "serve", "--port", "1"],
                             capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **env}, timeout=60)
        assert out.returncode == 2 and expected in out.stderr, out.stderr


def test_decimal_text_is_kept_in_the_input_hash():
    assert canonical_json(parse_json('{"b": 1.50, "a": [2, "二"]}')) == '{"a":[2,"二"],"b":1.50}'
    assert canonical_json(parse_json('{"b": 1.5}')) != canonical_json(parse_json('{"b": 1.50}'))
    assert canonical_json({"x": Decimal("0.1"), "y": None, "z": True}) == '{"x":0.1,"y":null,"z":true}'


def test_bytes_that_are_not_utf8_or_nest_too_deep_are_problems_not_errors(client):
    for content, message in ((b'{"case_id": "\xff\xfe"}', "not UTF-8 text"), (b"[" * 5000 + b"]" * 5000, "nested deeper"),
                             (b'{"old_vehicle": {"vin": ' + b"[" * 40 + b"]" * 40 + b"}}", "nested deeper"),
                             (b'{"case_id": "x\\udcfe"}', "not valid Unicode"),  # found by schemathesis
                             (b'{"policy_id": "a.b", "plugin": "\\ud800", "status": "applies"}', "not valid Unicode")):
        for path in ("/v1/evaluate", "/v1/explain"):
            response = client.post(path, content=content)
            assert response.status_code == 422, response.text
            assert response.json()["problems"][0]["message"].startswith(message)
    assert evaluate(client, {"case_id": "\U0001f60d"}).json()["case_id"] == "\U0001f60d"  # a pair is fine


def test_the_load_script_measures_a_running_server_and_refuses_other_addresses(server, capsys):
    from .conftest import http_load

    bench = http_load()
    assert bench.main(["--url", server.url, "--requests", "12", "--seconds", "10", "--concurrency", "1,3"]) == 0
    report = json.loads(capsys.readouterr().out)
    for name in ("car", "enterprise"):
        runs = report["cases"][name]["runs"]
        assert [r["clients"] for r in runs] == [1, 3]
        assert all(r["requests"] == 12 and r["errors"] == 0 and r["p50_ms"] <= r["p99_ms"] for r in runs)
    for url in ("http://10.0.0.1:8000", "http://example.org", "http://192.168.1.2"):
        with pytest.raises(SystemExit):
            bench.main(["--url", url])


def test_settings_come_from_the_environment_and_go_back_to_it():
    from zhengce.kernel.service.config import ConfigError, ServiceConfig

    config = ServiceConfig.from_env({"ZHENGCE_PORT": "9001", "ZHENGCE_BLOCK": "energy, tradein", "ZHENGCE_ACCESS_LOG": "off",
                                     "ZHENGCE_TIME_BUDGET": "2.5", "ZHENGCE_HOST": ""})
    assert (config.port, config.block, config.access_log, config.time_budget, config.host) == (
        9001, ("energy", "tradein"), False, 2.5, "127.0.0.1")
    assert ServiceConfig.from_env(config.to_env()) == config
    for env, var in (({"ZHENGCE_PORT": "eighty"}, "ZHENGCE_PORT"), ({"ZHENGCE_WORKERS": "0"}, "ZHENGCE_WORKERS"),
                     ({"ZHENGCE_ACCESS_LOG": "maybe"}, "ZHENGCE_ACCESS_LOG"),
                     ({"ZHENGCE_BATCH_TIME_BUDGET": "nan"}, "ZHENGCE_BATCH_TIME_BUDGET")):
        with pytest.raises(ConfigError, match=var):
            ServiceConfig.from_env(env)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.decimals(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


def _reversed_keys(data):
    if isinstance(data, dict):
        return {k: _reversed_keys(data[k]) for k in reversed(list(data))}
    if isinstance(data, list):
        return [_reversed_keys(v) for v in data]
    return data


@settings(max_examples=200, deadline=None)
@given(_json_values)
def test_canonical_json_reads_back_as_the_input_whatever_the_key_order(data):
    text = canonical_json(data)
    assert json.loads(text, parse_float=Decimal) == data
    assert canonical_json(_reversed_keys(data)) == text


def test_explain_renders_every_outcome_a_step_can_have(client):
    """Found by schemathesis: a step of a newer outcome (dependency, expired...) had no mark, and explain failed."""
    from zhengce.contracts import Outcome

    steps = [{"id": o.value, "label": {"zh": o.value, "en": o.value}, "outcome": o.value} for o in Outcome]
    result = {"policy_id": "x.y", "plugin": "x", "distribution": "zhengce-x", "version": "1", "status": "cannot_tell",
              "applicability": {"status": "cannot_tell", "steps": steps}, "evaluation": {"steps": steps}}
    response = client.post("/v1/explain", params={"lang": "en"}, json=result)
    assert response.status_code == 200, response.text
    assert all(o.value in response.text for o in Outcome)
