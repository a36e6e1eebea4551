"""``zhengce interview``: a small interview page served by the standard library's http.server.

A person picks a situation (a case file of ``--cases DIR``), answers the questions in the order
:func:`zhengce.kernel.gaps.next_questions` ranks them, and sees the results, amounts, gaps and
the cited explanation, in Chinese or English.  The page is static HTML+JS; it posts the case to
``/api/step`` after each answer and the server re-evaluates it (nothing is decided in the page).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from zhengce.contracts import CaseValidationError, Status, parse_json

from .gaps import _grouped, _jsonable, package_total


def add_parser(sub: Any, date_type: Any) -> None:
    """Register the ``interview`` sub-command."""
    p = sub.add_parser("interview", help="serve the interview page (http://HOST:PORT/)")
    p.add_argument("--cases", default="examples/cases", help="folder of situations: case JSON files (default examples/cases)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--as-of", type=date_type, help="assessment day (default: today)")


def situations(folder: Path) -> dict[str, Any]:
    """The case files of ``folder``, by file stem."""
    if not folder.is_dir():
        return {}
    return {p.stem: parse_json(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def step(kernel: Any, data: dict[str, Any], lang: str, as_of: date) -> dict[str, Any]:
    """Evaluate a case and return what the page shows: results, total, questions, gaps."""
    case = kernel.load_case(data)
    record = kernel.evaluate(case, as_of=as_of)
    results = []
    for r in record.results:
        exp = kernel.explain(r, lang)
        grant = record.resolution.grant(r.policy_id) if record.resolution else None
        results.append({
            "policy_id": r.policy_id, "title": exp.title, "status": r.status.value, "summary": exp.summary,
            "stands": bool(grant and grant.stands),
            "amounts": [{"name": a.label.in_lang(lang) if a.label else a.name, "value": _grouped(a.value), "unit": a.unit}
                        for a in (r.evaluation.amounts if r.evaluation else ())],
            "lines": [{"text": l.text, "cite": f"{l.citation.document} {l.citation.article}：「{l.citation.quote}」" if l.citation else None}
                      for l in exp.lines],
        })
    questions = [{"fact": q.fact, "swing": _grouped(q.swing), "policies": list(q.policies),
                  "answers": [_jsonable(getattr(a.value, "value", a.value)) for a in q.answers]}
                 for q in kernel.next_questions(case, as_of=as_of)]
    gaps = [g.describe(lang) for g in kernel.gaps(case, as_of=as_of)]
    return {"results": results, "total": _grouped(package_total(record)), "questions": questions, "gaps": gaps,
            "open": sum(r.status is Status.CANNOT_TELL for r in record.results)}


def make_server(kernel: Any, folder: Path, host: str, port: int, as_of: date | None = None) -> ThreadingHTTPServer:
    """An HTTP server for the page and its two endpoints (``/api/situations``, ``/api/step``)."""
    known = situations(folder)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _send(self, code: int, body: bytes, kind: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, code: int, value: Any) -> None:
            self._send(code, json.dumps(value, ensure_ascii=False).encode(), "application/json; charset=utf-8")

        def do_GET(self) -> None:  # noqa: N802
            if self.path in ("/", "/index.html"):
                self._send(200, PAGE.encode(), "text/html; charset=utf-8")
            elif self.path == "/api/situations":
                self._json(200, known)
            else:
                self._json(404, {"error": "not found"})

        def do_POST(self) -> None:  # noqa: N802
            if self.path != "/api/step":
                self._json(404, {"error": "not found"})
                return
            try:
                body = parse_json(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                self._json(200, step(kernel, body["case"], body.get("lang", "zh"), as_of or date.today()))
            except CaseValidationError as exc:
                self._json(400, exc.to_json())
            except Exception as exc:  # noqa: BLE001 - report, keep serving
                self._json(500, {"error": f"{type(exc).__name__}: {exc}"})

    return ThreadingHTTPServer((host, port), Handler)


def run(kernel: Any, args: argparse.Namespace) -> int:
    server = make_server(kernel, Path(args.cases), args.host, args.port, args.as_of)
    print(f"zhengce interview on http://{args.host}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>zhengce 政策问答</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:56rem;margin:1.5rem auto;padding:0 1rem;color:#222}
.result{border:1px solid #ccc;border-radius:6px;padding:.6rem .9rem;margin:.6rem 0}
.applies{border-left:6px solid #2a7} .does_not_apply{border-left:6px solid #c90} .cannot_tell{border-left:6px solid #a3a}
.cite{color:#666;font-size:.85em;margin-left:1.2rem} #question{background:#f4f4fb;padding:.8rem;border-radius:6px}
button{margin:.2rem;padding:.3rem .8rem} .total{font-size:1.2em;font-weight:bold}
</style></head><body>
<h1 id="heading">政策问答</h1>
<p><label><span id="pick-label">情形</span> <select id="situation"></select></label>
<label>语言 / language <select id="lang"><option value="zh">中文</option><option value="en">English</option></select></label>
<button id="start">开始</button></p>
<div id="question"></div>
<p class="total" id="total"></p>
<div id="gaps"></div>
<div id="results"></div>
<script>
const W = {zh: {q: "请回答", why: "关系到", swing: "答案可使政策包变动至多", done: "没有可改变结果的问题了。", total: "政策包合计（元）",
                gaps: "差距", other: "其他答案", ok: "确定", start: "开始", pick: "情形", heading: "政策问答"},
           en: {q: "Please answer", why: "for", swing: "the answer moves the package by up to CNY", done: "Nothing left that could change a result.",
                total: "Package total (CNY)", gaps: "Gaps", other: "Another answer", ok: "OK", start: "Start", pick: "Situation", heading: "Policy interview"}};
let SITUATIONS = {}, CASE = null;
const $ = id => document.getElementById(id);
const lang = () => $("lang").value;
const esc = s => String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
function setFact(path, value) {
  const parts = path.split("."); let node = CASE;
  for (const p of parts.slice(0, -1)) { if (typeof node[p] !== "object" || node[p] === null) node[p] = {}; node = node[p]; }
  node[parts[parts.length - 1]] = value;
}
async function refresh() {
  const w = W[lang()];
  $("heading").textContent = w.heading; $("start").textContent = w.start; $("pick-label").textContent = w.pick;
  const res = await fetch("/api/step", {method: "POST", headers: {"Content-Type": "application/json"},
                                         body: JSON.stringify({case: CASE, lang: lang()})});
  const data = await res.json();
  if (!res.ok) { $("results").textContent = JSON.stringify(data); return; }
  $("total").textContent = w.total + ": " + data.total;
  $("gaps").innerHTML = data.gaps.length ? "<h3>" + w.gaps + "</h3><ul>" + data.gaps.map(g => "<li class='gap'>" + esc(g) + "</li>").join("") + "</ul>" : "";
  $("results").innerHTML = data.results.map(r =>
    "<div class='result " + r.status + "' data-policy='" + esc(r.policy_id) + "' data-status='" + r.status + "'><b>" + esc(r.title) + "</b> · " + esc(r.policy_id) +
    "<p>" + esc(r.summary) + "</p><ul>" + r.amounts.map(a => "<li class='amount'>" + esc(a.name) + " " + esc(a.value) + " " + esc(a.unit) + "</li>").join("") + "</ul>" +
    r.lines.map(l => "<div>" + esc(l.text) + "</div>" + (l.cite ? "<div class='cite'>└ " + esc(l.cite) + "</div>" : "")).join("") + "</div>").join("");
  const q = data.questions[0];
  if (!q) { $("question").innerHTML = "<p id='done'>" + w.done + "</p>"; return; }
  $("question").innerHTML = "<p><b>" + w.q + ":</b> <code id='fact'>" + esc(q.fact) + "</code> (" + w.why + " " + esc(q.policies.join(", ")) +
    "; " + w.swing + " " + esc(q.swing) + ")</p>" +
    q.answers.map((a, i) => "<button class='answer' data-i='" + i + "'>" + esc(JSON.stringify(a)) + "</button>").join("") +
    " <input id='other' placeholder='" + w.other + "'><button id='other-ok'>" + w.ok + "</button>";
  document.querySelectorAll("button.answer").forEach(b => b.onclick = () => { setFact(q.fact, q.answers[+b.dataset.i]); refresh(); });
  $("other-ok").onclick = () => { const v = $("other").value.trim(); if (v) { setFact(q.fact, v === "true" ? true : v === "false" ? false : v); refresh(); } };
}
async function init() {
  SITUATIONS = await (await fetch("/api/situations")).json();
  $("situation").innerHTML = Object.keys(SITUATIONS).map(k => "<option>" + esc(k) + "</option>").join("");
  $("start").onclick = () => { CASE = JSON.parse(JSON.stringify(SITUATIONS[$("situation").value])); refresh(); };
  $("lang").onchange = () => { if (CASE) refresh(); };
}
init();
</script></body></html>
"""
