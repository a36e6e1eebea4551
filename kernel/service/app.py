"""The ASGI application: Starlette routes over one Kernel, evaluations in worker threads under a time budget.

Every answer is JSON (or JSON Lines for screening) and every error has a documented shape:
422 the problems by path (as the CLI prints them), 413 a body over the limit, 504 a spent
time budget, 404/405 a route that does not exist.  A failing plugin is a result of status
``error`` (the kernel isolates it), never a server error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date
from importlib import import_module
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zhengce.contracts import CaseValidationError, PolicyResult, Problem, dump, parse_json, structure

from ..cli import decision_output_schema
from ..kernel import KERNEL_VERSION, Kernel, freeze_loaded_objects
from ..screening import LINE_FORMAT as SCREEN_FORMAT
from ..screening import result_summary as _summary
from . import catalog
from .config import ConfigError, ServiceConfig
from .decision_log import LOG_FORMAT, DecisionLog, input_hash, utc_now
from .openapi import SCREEN_MEDIA, openapi_document

ACCESS = logging.getLogger("zhengce.access")
ERRORS = logging.getLogger("zhengce.service")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
SCREEN_GROUP = 64  # lines decided per hop to a worker thread
MAX_DEPTH = 32  # a case nests a few levels; deeper input is refused before anything recurses into it


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"body larger than {limit} bytes")
        self.limit = limit


def parse_body(body: bytes) -> Any:
    """JSON text (UTF-8) to data, fractions as ``Decimal``; anything else is one problem at the root."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseValidationError([Problem("", f"not UTF-8 text: byte {exc.start} ({body[exc.start]:#04x})")]) from None
    try:
        data = parse_json(text)
    except RecursionError:
        data = None
    else:
        if _depth(data) <= MAX_DEPTH:
            if SURROGATE_ESCAPE.search(text):  # only an escape can smuggle a lone surrogate into UTF-8 text
                _check_unicode(data)
            return data
    raise CaseValidationError([Problem("", f"nested deeper than {MAX_DEPTH} levels")])


def _check_unicode(data: Any) -> None:
    """Refuse strings with a lone surrogate (``\\udcfe``): they are not text and cannot be written back as UTF-8."""
    stack = [data]
    while stack:
        node = stack.pop()
        strings = [node] if isinstance(node, str) else list(node) if isinstance(node, dict) else []
        for text in strings:
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = f"{ord(text[exc.start]):04x}"
                raise CaseValidationError([Problem("", f"not valid Unicode: a lone surrogate \\u{bad}")]) from None
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _depth(data: Any) -> int:
    """How deep arrays and objects nest (iteratively: the input may be deep)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                break
            stack.extend((child, level + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = data if isinstance(data, bytes) else json_bytes(data)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def load_plugin(spec: str) -> Any:
    """Import ``module:attribute`` (or a module whose ``plugin`` attribute, else itself, is the plugin)."""
    module, _, attr = spec.partition(":")
    obj = import_module(module)
    if attr:
        for part in attr.split("."):
            obj = getattr(obj, part)
        return obj
    return getattr(obj, "plugin", obj)


def build_kernel(config: ServiceConfig) -> Kernel:
    """The installed plugins (less ``block``) plus the configured extra plugin objects."""
    kernel = Kernel(block=config.block)
    for spec in config.plugins:
        try:
            plugin = load_plugin(spec)
        except Exception as exc:  # an operator's mistake: refuse to start rather than serve without it
            raise ConfigError(f"ZHENGCE_PLUGINS: cannot import {spec}: {type(exc).__name__}: {exc}") from exc
        kernel.register(plugin)
    freeze_loaded_objects()  # a worker serves for its whole life: collections walk only what requests create
    return kernel


class Service:
    """The state one worker process serves from: the kernel, the decision log, the prebuilt documents."""

    def __init__(self, config: ServiceConfig, kernel: Kernel | None = None) -> None:
        self.config = config
        self.kernel = kernel or build_kernel(config)
        self.log = DecisionLog(config.decision_log)
        k = self.kernel
        self.decision_schema = decision_output_schema()
        self.openapi = json_bytes(openapi_document(k, decision_schema=self.decision_schema,
                                                   max_body_bytes=config.max_body_bytes, time_budget=config.time_budget))
        self.plugin_set = catalog.plugin_set(k)
        self.load_problems = catalog.load_problems(k)
        self.documents = {
            "plugins": json_bytes(catalog.plugins(k)), "policies": json_bytes(catalog.policies(k)),
            "case": json_bytes(k.case_schema()), "decision": json_bytes(self.decision_schema),
            "health": json_bytes({"status": "ok", "kernel_version": KERNEL_VERSION, "plugin_set": self.plugin_set}),
            "ready": json_bytes({"status": "ready", "kernel_version": KERNEL_VERSION, "plugin_set": self.plugin_set,
                                 "policies": len(k.policies), "problems": self.load_problems,
                                 "decision_log": {"-": "stdout", "off": "off"}.get(config.decision_log, "file")}),
        }

    # --- the decision log ------------------------------------------------------

    def record(self, *, request_id: str, endpoint: str, digest: str, as_of: date, known_at: date,
               record: bytes | None = None, error: dict[str, Any] | None = None, duration: float,
               line: int | None = None) -> str:
        """Append one decision line (``record``: the record's JSON, spliced in as it is); return its id."""
        decision_id = uuid.uuid4().hex
        if not self.log.enabled:
            return decision_id
        entry: dict[str, Any] = {
            "format": LOG_FORMAT, "decision_id": decision_id, "time": utc_now(), "request_id": request_id,
            "endpoint": endpoint, "input_sha256": digest, "plugin_set": self.plugin_set,
            "kernel_version": KERNEL_VERSION, "as_of": as_of.isoformat(), "known_at": known_at.isoformat(),
            "duration_ms": round(duration * 1000, 3),
        }
        if line is not None:
            entry["line"] = line
        if error is not None:
            entry["error"] = error
        self.log.write(json_bytes(entry)[:-1] + b',"record":' + (record or b"null") + b"}\n")
        return decision_id

    # --- endpoints ---------------------------------------------------------------

    async def evaluate(self, request: Request) -> Response:
        rid = request.state.request_id
        query = _query(request, ("as_of", "known_at", "lang", "explain"))
        body = await read_body(request, self.config.max_body_bytes)
        as_of = query.get("as_of") or date.today()
        known_at = query.get("known_at") or as_of
        start = time.perf_counter()
        try:
            data = parse_body(body)
        except CaseValidationError as exc:
            self.record(request_id=rid, endpoint="evaluate", digest=_raw_hash(body), as_of=as_of, known_at=known_at,
                        error=exc.to_json(), duration=time.perf_counter() - start)
            raise
        digest = input_hash(data)
        kernel = self.kernel

        def work() -> tuple[bytes, bytes]:
            record = kernel.evaluate(data, as_of=as_of, known_at=known_at)
            record_json = json_bytes(dump(record))  # serialized once: the answer and the log line share it
            extra: dict[str, Any] = {}
            if query.get("explain"):
                lang = query.get("lang", "zh")
                extra["explanations"] = {r.policy_id: dump(kernel.explain(r, lang)) for r in record.results}
            extra["load_problems"] = self.load_problems
            return record_json, record_json[:-1] + b"," + json_bytes(extra)[1:]

        try:
            with anyio.fail_after(self.config.time_budget):
                record_json, answer = await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
        except CaseValidationError as exc:
            self.record(request_id=rid, endpoint="evaluate", digest=digest, as_of=as_of, known_at=known_at,
                        error=exc.to_json(), duration=time.perf_counter() - start)
            raise
        except TimeoutError:
            error = {"error": "time_budget_exceeded", "budget_seconds": self.config.time_budget, "request_id": rid}
            self.record(request_id=rid, endpoint="evaluate", digest=digest, as_of=as_of, known_at=known_at,
                        error=error, duration=time.perf_counter() - start)
            return json_response(error, 504)
        decision_id = self.record(request_id=rid, endpoint="evaluate", digest=digest, as_of=as_of, known_at=known_at,
                                  record=record_json, duration=time.perf_counter() - start)
        return json_response(answer, headers={"X-Zhengce-Decision-Id": decision_id})

    async def explain(self, request: Request) -> Response:
        query = _query(request, ("lang",))
        data = parse_body(await read_body(request, self.config.max_body_bytes))
        result = structure(data, PolicyResult)

        def work() -> bytes:
            return json_bytes(dump(self.kernel.explain(result, query.get("lang", "zh"))))

        try:
            with anyio.fail_after(self.config.time_budget):
                return json_response(await anyio.to_thread.run_sync(work, abandon_on_cancel=True))
        except TimeoutError:
            return json_response({"error": "time_budget_exceeded", "budget_seconds": self.config.time_budget,
                                  "request_id": request.state.request_id}, 504)

    def document(self, name: str) -> Callable[[Request], Awaitable[Response]]:
        body = self.openapi if name == "openapi" else self.documents[name]

        async def serve(_: Request) -> Response:
            return json_response(body)

        serve.__name__ = name
        return serve

    # --- screening (a plain ASGI endpoint: it reads the body while it answers) ----

    async def screen(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        request = Request(scope, receive)
        rid = scope["state"]["request_id"]
        try:
            query = _query(request, ("as_of", "known_at"))
            _check_length(request, self.config.max_batch_bytes)
        except CaseValidationError as exc:
            return await json_response(exc.to_json(), 422)(scope, receive, send)
        except BodyTooLarge as exc:
            return await json_response(_too_large(exc, rid), 413)(scope, receive, send)
        as_of = query.get("as_of") or date.today()
        known_at = query.get("known_at") or as_of
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", SCREEN_MEDIA.encode())]})
        screener = _Screener(self, rid, as_of, known_at)
        error = None
        try:
            with anyio.fail_after(self.config.batch_time_budget):
                async for rows in screener.run(receive):
                    if rows:
                        await send({"type": "http.response.body", "body": rows, "more_body": True})
        except TimeoutError:
            error = "time_budget_exceeded"
        except BodyTooLarge:
            error = "body_too_large"
        except OSError:  # the client went away
            return
        trailer = {"format": SCREEN_FORMAT, "as_of": as_of.isoformat(), "known_at": known_at.isoformat(),
                   "lines": screener.number, "counts": screener.counts, "complete": error is None}
        if error:
            trailer["error"] = error
        await send({"type": "http.response.body", "body": json_bytes(trailer) + b"\n", "more_body": False})


class _Screener:
    """Splits the streamed body into lines, decides them in groups in a worker thread, counts the statuses."""

    def __init__(self, service: Service, request_id: str, as_of: date, known_at: date) -> None:
        self.service, self.request_id, self.as_of, self.known_at = service, request_id, as_of, known_at
        self.number = 0  # lines read (blank ones too, so numbers match the input's)
        self.counts: dict[str, int] = {}
        self.received = 0
        self.pending: list[tuple[int, bytes | None]] = []  # None: a line too long

    async def run(self, receive: Callable) -> Any:
        buffer = b""
        skipping = False  # inside a line longer than one case may be
        limit = self.service.config.max_body_bytes
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise OSError("client disconnected")
            chunk = message.get("body", b"")
            self.received += len(chunk)
            if self.received > self.service.config.max_batch_bytes:
                yield await self._flush()
                raise BodyTooLarge(self.service.config.max_batch_bytes)
            more = message.get("more_body", False)
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            if not more and buffer:
                lines.append(buffer)
                buffer = b""
            for line in lines:
                self.number += 1
                if skipping or len(line) > limit:
                    skipping = False
                    self.pending.append((self.number, None))
                elif line.strip():
                    self.pending.append((self.number, line))
                if len(self.pending) >= SCREEN_GROUP:
                    yield await self._flush()
            if len(buffer) > limit:  # the rest of this line is read and dropped as it comes
                skipping, buffer = True, b""
            elif skipping:
                buffer = b""
            if not more and skipping:
                self.number += 1
                self.pending.append((self.number, None))
            yield await self._flush()  # answer what has come so far, before waiting for more
            if not more:
                return

    async def _flush(self) -> bytes:
        group, self.pending = self.pending, []
        if not group:
            return b""
        return await anyio.to_thread.run_sync(self._decide, group, abandon_on_cancel=True)

    def _decide(self, group: list[tuple[int, bytes | None]]) -> bytes:
        out = []
        for number, line in group:
            row = self._one(number, line)
            if "error" in row:
                self.counts["invalid"] = self.counts.get("invalid", 0) + 1
            for r in row.get("results", ()):
                self.counts[r["status"]] = self.counts.get(r["status"], 0) + 1
            out.append(json_bytes(row))
        return b"\n".join(out) + b"\n"

    def _one(self, number: int, line: bytes | None) -> dict[str, Any]:
        service, start = self.service, time.perf_counter()
        if line is None:  # longer than one case may be
            exc = CaseValidationError([Problem("", f"line longer than {service.config.max_body_bytes} bytes")])
            return {"line": number, **exc.to_json()}
        digest = None
        try:
            data = parse_body(line)
            digest = input_hash(data)
            record = service.kernel.evaluate(data, as_of=self.as_of, known_at=self.known_at, trace=False)
        except CaseValidationError as exc:
            service.record(request_id=self.request_id, endpoint="screen", digest=digest or _raw_hash(line),
                           as_of=self.as_of, known_at=self.known_at, error=exc.to_json(),
                           duration=time.perf_counter() - start, line=number)
            return {"line": number, **exc.to_json()}
        service.record(request_id=self.request_id, endpoint="screen", digest=digest, as_of=self.as_of,
                       known_at=self.known_at, record=json_bytes(dump(record)) if service.log.enabled else None,
                       duration=time.perf_counter() - start, line=number)
        return {"line": number, "case_id": record.case_id, "results": [_summary(r) for r in record.results]}


def _raw_hash(line: bytes) -> str:
    """The hash logged for input that is not JSON: of its bytes as they came."""
    return "sha256-raw:" + hashlib.sha256(line).hexdigest()


# --- request helpers ------------------------------------------------------------------


def _check_length(request: Request, limit: int) -> None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or :class:`BodyTooLarge` as soon as it passes ``limit`` (declared or counted)."""
    _check_length(request, limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _query(request: Request, allowed: Iterable[str]) -> dict[str, Any]:
    """The known query parameters, checked; every bad one is a problem at ``query.<name>``."""
    params = request.query_params
    out: dict[str, Any] = {}
    problems = []
    for name in allowed:
        if name not in params:
            continue
        text = params[name]
        if name in ("as_of", "known_at"):
            try:
                if not DATE_TEXT.match(text):
                    raise ValueError
                out[name] = date.fromisoformat(text)
            except ValueError:
                problems.append(Problem(f"query.{name}", f"not a date (YYYY-MM-DD): {text!r}"[:200]))
        elif name == "lang":
            if text in ("zh", "en"):
                out[name] = text
            else:
                problems.append(Problem("query.lang", f"must be zh or en, not {text!r}"[:200]))
        elif name == "explain":
            value = {"true": True, "1": True, "false": False, "0": False}.get(text.lower())
            if value is None:
                problems.append(Problem("query.explain", f"must be true or false, not {text!r}"[:200]))
            out[name] = value
    if problems:
        raise CaseValidationError(problems)
    return out


def _too_large(exc: BodyTooLarge, request_id: str) -> dict[str, Any]:
    return {"error": "body_too_large", "limit_bytes": exc.limit, "request_id": request_id}


# --- middleware: request ids, access log, errors -------------------------------------


class RequestContext:
    """Gives each request an id (``X-Request-Id``), answers it in a header, and writes one access-log line."""

    def __init__(self, app: Any, access_log: bool) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), "")
        rid = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        seen = {"status": 0, "bytes": 0}

        async def send_wrapper(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            elif message["type"] == "http.response.body":
                seen["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            if self.access_log:
                client = scope.get("client") or ("", 0)
                ACCESS.info(json.dumps({
                    "time": utc_now(), "type": "access", "request_id": rid, "client": f"{client[0]}:{client[1]}",
                    "method": scope["method"], "path": scope["path"],
                    "query": scope.get("query_string", b"").decode("latin-1"), "status": seen["status"] or 500,
                    "bytes": seen["bytes"], "duration_ms": round((time.perf_counter() - start) * 1000, 3),
                    "user_agent": next((v.decode("latin-1") for k, v in scope["headers"] if k == b"user-agent"), None),
                }, ensure_ascii=False))


async def _invalid(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, CaseValidationError):  # the handler is registered for this class only
        raise exc
    return json_response(exc.to_json(), 422)


async def _too_large_handler(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, BodyTooLarge):  # the handler is registered for this class only
        raise exc
    return json_response(_too_large(exc, request.state.request_id), 413, headers={"Connection": "close"})


async def _http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):  # the handler is registered for this class only
        raise exc
    names = {404: "not_found", 405: "method_not_allowed"}
    return json_response({"error": names.get(exc.status_code, "http_error"), "detail": exc.detail},
                         exc.status_code, headers=exc.headers)


async def _internal(request: Request, exc: Exception) -> Response:
    ERRORS.exception("unhandled error in %s %s", request.method, request.url.path)
    return json_response({"error": "internal_error", "request_id": request.scope.get("state", {}).get("request_id", "")},
                         500)


def _setup_access_log() -> None:
    if not ACCESS.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        ACCESS.addHandler(handler)
        ACCESS.setLevel(logging.INFO)
        ACCESS.propagate = False


class _ASGI:
    """A plain ASGI endpoint (Starlette wraps functions and methods as request -> response)."""

    def __init__(self, handler: Callable) -> None:
        self.handler = handler

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        await self.handler(scope, receive, send)


def create_app(config: ServiceConfig | None = None, kernel: Kernel | None = None) -> Any:
    """The ASGI application for ``config`` (default: from the environment)."""
    config = config or ServiceConfig.from_env()
    service = Service(config, kernel)
    if config.access_log:
        _setup_access_log()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> Any:
        try:
            yield
        finally:
            service.log.close()

    routes = [
        Route("/v1/evaluate", service.evaluate, methods=["POST"]),
        Route("/v1/explain", service.explain, methods=["POST"]),
        Route("/v1/screen", _ASGI(service.screen), methods=["POST"]),
        Route("/v1/policies", service.document("policies"), methods=["GET"]),
        Route("/v1/plugins", service.document("plugins"), methods=["GET"]),
        Route("/v1/schemas/case", service.document("case"), methods=["GET"]),
        Route("/v1/schemas/decision", service.document("decision"), methods=["GET"]),
        Route("/healthz", service.document("health"), methods=["GET"]),
        Route("/readyz", service.document("ready"), methods=["GET"]),
        Route("/openapi.json", service.document("openapi"), methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={
        CaseValidationError: _invalid, BodyTooLarge: _too_large_handler, HTTPException: _http_error,
        Exception: _internal})
    app.state.service = service
    return RequestContext(app, config.access_log)


def app_from_env() -> Any:
    """The factory ``zhengce serve`` gives uvicorn (each worker builds its app from the environment)."""
    return create_app(ServiceConfig.from_env())
