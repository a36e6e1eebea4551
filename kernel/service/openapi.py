"""The OpenAPI 3.1 document of the service, built from the kernel at start-up.

The request and response bodies are the contracts' own JSON Schemas: the composed case
schema (``Kernel.case_schema()``, what ``zhengce schema`` prints) and the decision schema
(``decision_output_schema()``, what ``zhengce schema --of decision`` prints), embedded
under ``components/schemas`` as they are, never copied by hand.  Embedding changes two
things only, both undone by :func:`unembed` (a test checks the round trip): each local
``$ref`` (``#/$defs/X``) is re-rooted to where the schema now sits, and ``$id``/``$schema``
move to ``x-zhengce-id``/``x-zhengce-dialect`` (an ``$id`` would change the base of
those references; OpenAPI 3.1's dialect is JSON Schema 2020-12 already).
"""

from __future__ import annotations

import copy
from typing import Any

from zhengce.contracts import DECISION_FORMAT

from ..kernel import KERNEL_VERSION, Kernel

COMPONENTS = "#/components/schemas/"
SCREEN_MEDIA = "application/x-ndjson"


def embed(schema: dict[str, Any], name: str) -> dict[str, Any]:
    """``schema`` as component ``name``: local references re-rooted, ``$id``/``$schema`` set aside."""
    out = _reroot(copy.deepcopy(schema), "#/", f"{COMPONENTS}{name}/")
    for key, kept in (("$id", "x-zhengce-id"), ("$schema", "x-zhengce-dialect")):
        if key in out:
            out[kept] = out.pop(key)
    return out


def unembed(component: dict[str, Any], name: str) -> dict[str, Any]:
    """The inverse of :func:`embed`: the schema exactly as the kernel produced it."""
    out = _reroot(copy.deepcopy(component), f"{COMPONENTS}{name}/", "#/")
    for key, kept in (("$id", "x-zhengce-id"), ("$schema", "x-zhengce-dialect")):
        if kept in out:
            out[key] = out.pop(kept)
    return out


def _reroot(node: Any, old: str, new: str) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(old):
                node[key] = new + value[len(old):]
            else:
                _reroot(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _reroot(value, old, new)
    return node


def _ref(name: str) -> dict[str, str]:
    return {"$ref": COMPONENTS + name}


def _json(schema: dict[str, Any], description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        out["headers"] = headers
    return out


_STRING = {"type": "string"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PROBLEM = {"type": "object", "properties": {"path": _STRING, "message": _STRING},
            "required": ["path", "message"], "additionalProperties": False}
_PLUGIN_SET = {"type": "object", "properties": {"id": _STRING, "plugins": {"type": "array", "items": {
    "$ref": f"{COMPONENTS}Decision/$defs/PluginRef"}}}, "required": ["id", "plugins"], "additionalProperties": False}
_LOAD_PROBLEMS = {"type": "array", "items": {"type": "object", "properties": {"plugin": _STRING, "message": _STRING},
                                             "required": ["plugin", "message"], "additionalProperties": False}}


def _error(code: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    props = {"error": {"const": code}, "request_id": _STRING, **(extra or {})}
    return {"type": "object", "properties": props, "required": ["error", *(extra or {})]}


def _fixed_schemas() -> dict[str, Any]:
    """The service's own small shapes (errors, health, listings, screening lines)."""
    return {
        "InvalidInput": {
            "description": "Bad input, every problem by path: the shape `zhengce evaluate --format json` prints "
                           "(`CaseValidationError.to_json()`). A path starting `query.` names a query parameter.",
            "type": "object", "properties": {"error": {"const": "invalid_input"},
                                             "problems": {"type": "array", "items": _PROBLEM, "minItems": 1},
                                             "more_problems": {"type": "integer", "minimum": 1,
                                                               "description": "problems left out of the list (past the limit shown)"}},
            "required": ["error", "problems"], "additionalProperties": False},
        "BodyTooLarge": _error("body_too_large", {"limit_bytes": {"type": "integer"}}),
        "TimeBudgetExceeded": _error("time_budget_exceeded", {"budget_seconds": {"type": "number"}}),
        "NotFound": {"type": "object", "properties": {"error": _STRING, "detail": _STRING}, "required": ["error"]},
        "InternalError": _error("internal_error"),
        "PluginSet": _PLUGIN_SET,
        "Health": {"type": "object", "properties": {"status": {"const": "ok"}, "kernel_version": _STRING,
                                                    "plugin_set": _ref("PluginSet")},
                   "required": ["status", "kernel_version", "plugin_set"], "additionalProperties": False},
        "Readiness": {"type": "object", "properties": {
            "status": {"const": "ready"}, "kernel_version": _STRING, "plugin_set": _ref("PluginSet"),
            "policies": {"type": "integer", "minimum": 0}, "problems": _LOAD_PROBLEMS,
            "decision_log": {"enum": ["file", "stdout", "off"]}},
            "required": ["status", "kernel_version", "plugin_set", "policies", "problems", "decision_log"],
            "additionalProperties": False},
        "Plugins": {"type": "object", "description": "What `zhengce plugins --format json` prints.", "properties": {
            "plugin_set": _STRING,
            "plugins": {"type": "array", "items": {"type": "object", "properties": {
                "name": _STRING, "distribution": _STRING, "version": _STRING,
                "policies": {"type": "array", "items": _STRING}, "sections": {"type": "array", "items": _STRING}},
                "required": ["name", "distribution", "version", "policies", "sections"]}},
            "shared_sections": {"type": "array", "items": _STRING}, "problems": _LOAD_PROBLEMS},
            "required": ["plugin_set", "plugins", "shared_sections", "problems"]},
        "Policies": {"type": "object", "description": "What `zhengce policies --format json` prints.", "properties": {
            "policies": {"type": "array", "items": {"type": "object", "properties": {
                "id": _STRING, "title": {"$ref": f"{COMPONENTS}Decision/$defs/Text"},
                "facts": {"type": "array", "items": _STRING}, "plugin": _STRING, "version": _STRING,
                "documents": {"type": "array", "items": {"type": "object"}}},
                "required": ["id", "title", "facts", "plugin", "version", "documents"]}}},
            "required": ["policies"]},
        "ScreenLine": {
            "description": "One line of the screening stream: a case's summary (`line`, `case_id`, `results`), or a "
                           "refused line (`line` and the InvalidInput shape), or, last, the trailer (`format`).",
            "type": "object", "properties": {"line": {"type": "integer"}, "case_id": {"type": ["string", "null"]},
                                             "results": {"type": "array", "items": {"type": "object"}},
                                             "error": _STRING, "problems": {"type": "array", "items": _PROBLEM}}},
        "ScreenTrailer": {
            "description": "The last line of the screening stream; `complete` is false when it stopped early "
                           "(`error`: time_budget_exceeded or body_too_large).",
            "type": "object", "properties": {
                "format": {"const": "zhengce.screen/1"}, "as_of": _DATE, "known_at": _DATE,
                "lines": {"type": "integer"}, "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                "complete": {"type": "boolean"}, "error": _STRING},
            "required": ["format", "as_of", "known_at", "lines", "counts", "complete"]},
    }


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


AS_OF = _query("as_of", _DATE, "assessment day (default: the server's local date)")
KNOWN_AT = _query("known_at", _DATE, "knowledge day: only documents issued by then count (default: as_of)")
LANG = _query("lang", {"enum": ["zh", "en"]}, "language of explanations (default zh)")
EXPLAIN = _query("explain", {"type": "boolean"}, "add each result's explanation, in `lang` (default false)")

_REQUEST_ID = {"X-Request-Id": {"description": "the request's id (the client's X-Request-Id when it sent a valid one)",
                                "schema": _STRING}}
_DECISION_ID = {"X-Zhengce-Decision-Id": {"description": "the id of the decision log line of this evaluation",
                                          "schema": _STRING}}


def _errors(*codes: int) -> dict[str, Any]:
    known = {
        "413": _json(_ref("BodyTooLarge"), "the body is larger than the service accepts"),
        "422": _json(_ref("InvalidInput"), "invalid input, every problem by path"),
        "504": _json(_ref("TimeBudgetExceeded"), "the request's time budget ran out"),
    }
    return {str(c): known[str(c)] for c in codes}


def openapi_document(kernel: Kernel, *, decision_schema: dict[str, Any], max_body_bytes: int,
                     time_budget: float) -> dict[str, Any]:
    """The OpenAPI 3.1 document for ``kernel`` (its plugin set is in ``info`` and in the case schema)."""
    from . import DESCRIPTION

    schemas = {"Case": embed(kernel.case_schema(), "Case"), "Decision": embed(decision_schema, "Decision"),
               **_fixed_schemas()}
    result = {"$ref": f"{COMPONENTS}Decision/$defs/PolicyResult"}
    explanation = {"$ref": f"{COMPONENTS}Decision/$defs/Explanation"}
    paths = {
        "/v1/evaluate": {"post": {
            "operationId": "evaluate", "summary": "Evaluate one case",
            "description": f"The body is a case (`zhengce schema`); the answer is the decision record "
                           f"({DECISION_FORMAT}, `zhengce evaluate --format json`), explained when `explain=true`. "
                           f"A failing plugin yields a result of status `error`, never a server error. "
                           f"Each evaluation is appended to the decision log.",
            "parameters": [AS_OF, KNOWN_AT, LANG, EXPLAIN],
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Case")}}},
            "responses": {"200": _json(_ref("Decision"), "the decision record", {**_REQUEST_ID, **_DECISION_ID}),
                          **_errors(413, 422, 504)}}},
        "/v1/explain": {"post": {
            "operationId": "explain", "summary": "Explain one result",
            "description": "The body is one element of a decision record's `results`; the answer is its explanation.",
            "parameters": [LANG],
            "requestBody": {"required": True, "content": {"application/json": {"schema": result}}},
            "responses": {"200": _json(explanation, "the explanation", _REQUEST_ID), **_errors(413, 422, 504)}}},
        "/v1/screen": {"post": {
            "operationId": "screen", "summary": "Screen a batch (JSON Lines in, JSON Lines out)",
            "description": "One case per line in; one line out per case, in order, as it is decided "
                           "(`zhengce screen`: screening mode, no trace), then a trailer line. The time budget and "
                           "the batch size limit apply to the whole request; once the answer has started they end "
                           "it with a trailer saying why (`complete: false`).",
            "parameters": [AS_OF, KNOWN_AT],
            "requestBody": {"required": True, "content": {SCREEN_MEDIA: {"schema": {"type": "string"}}}},
            "responses": {"200": {"description": "one ScreenLine per case, then one ScreenTrailer",
                                  "content": {SCREEN_MEDIA: {"schema": {"type": "string"}}}},
                          **_errors(413, 422)}}},
        "/v1/policies": {"get": {"operationId": "policies", "summary": "List the policies",
                                 "responses": {"200": _json(_ref("Policies"), "the routable policies")}}},
        "/v1/plugins": {"get": {"operationId": "plugins", "summary": "List the plugins and the plugin set",
                                "responses": {"200": _json(_ref("Plugins"), "the loaded plugins")}}},
        "/v1/schemas/case": {"get": {"operationId": "case_schema", "summary": "The JSON Schema of a case",
                                     "responses": {"200": _json({"type": "object"}, "`zhengce schema`")}}},
        "/v1/schemas/decision": {"get": {"operationId": "decision_schema", "summary": "The JSON Schema of a decision",
                                         "responses": {"200": _json({"type": "object"},
                                                                    "`zhengce schema --of decision`")}}},
        "/healthz": {"get": {"operationId": "health", "summary": "Liveness, with the plugin set",
                             "responses": {"200": _json(_ref("Health"), "the process is serving")}}},
        "/readyz": {"get": {"operationId": "ready", "summary": "Readiness, with the plugin set and its load problems",
                            "responses": {"200": _json(_ref("Readiness"), "the kernel is loaded")}}},
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
                                  "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "zhengce", "version": KERNEL_VERSION, "description": DESCRIPTION,
                 "x-zhengce-plugin-set": {"id": kernel.plugin_set, "plugins": [
                     {"name": p.name, "distribution": p.distribution, "version": p.version} for p in kernel.plugins]},
                 "x-zhengce-limits": {"max_body_bytes": max_body_bytes, "time_budget_seconds": time_budget}},
        "paths": paths,
        "components": {"schemas": schemas},
    }
