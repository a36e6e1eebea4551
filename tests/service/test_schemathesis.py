"""Schemathesis against the live server: data generated from its own OpenAPI document, every operation.

It checks that no answer is a server error and that every answer keeps the document's
promises (status codes, content types, headers, bodies matching their schemas), for data
that fits the document (positive) and data that does not (negative).  Bounded: a fixed
number of examples per operation and mode, and no request sent after 50 s (the
operations come in the document's order, evaluate first).

(Each operation's strategy is driven by hypothesis here rather than by
``schemathesis.pytest.from_fixture``, whose lazy loader does not run under pytest 9.)
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode, checks

CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_headers_conformance, checks.response_schema_conformance]
EXAMPLES = 20  # per operation and generation mode
BUDGET = 50.0  # seconds: past it, no more requests are sent (a loaded machine runs fewer examples, never longer)


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx, value):  # the screening body: the generated string as it is
    return {"data": value.encode("utf-8") if isinstance(value, str) else str(value).encode("utf-8")}


@pytest.fixture(scope="module")
def api_schema(server):
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


def test_the_live_service_keeps_its_openapi_document(api_schema):
    started = time.monotonic()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9  # schemathesis may leave out /openapi.json itself
    seen: dict[str, set[int]] = {}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode is GenerationMode.NEGATIVE and not (operation.body or operation.query):
                continue  # nothing to make invalid

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck), database=None)
            def run(case):
                if time.monotonic() - started > BUDGET:
                    return
                response = case.call_and_validate(checks=CHECKS, timeout=30)
                seen.setdefault(operation.label, set()).add(response.status_code)

            if time.monotonic() - started < BUDGET:
                run()
    assert time.monotonic() - started < BUDGET + 30
    # the generated data reached the service's logic, not only its error paths
    assert 200 in seen["POST /v1/evaluate"] and 422 in seen["POST /v1/evaluate"], seen
    assert 200 in seen["POST /v1/screen"], seen
