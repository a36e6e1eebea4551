"""Load on ``zhengce serve`` over loopback: requests/s and p50/p99 latency at 1, 8 and 32 clients.  A script, not a test.

    .venv/bin/python benchmarks/http_load.py [--requests 2000] [--seconds 15] [--concurrency 1,8,32] [--workers 1]
    .venv/bin/python benchmarks/http_load.py --url http://127.0.0.1:8000   # a server already running

It starts ``zhengce serve`` on 127.0.0.1 and a free port (the decision log on, to a
temporary file, as a deployment would keep it; ``--decision-log off`` to compare), then
for two bodies, the car case ``examples/cases/car_scrappage_nev_guangdong.json`` and a
multi-domain enterprise case (the sections of eight finance, taxation, energy and
data-assets examples in one case, eight policies of four plugins), POSTs it to
``/v1/evaluate`` from N client threads, each with its own keep-alive connection, until
``--requests`` answers or ``--seconds`` have passed, whichever comes first.  Prints one JSON
document.  Loopback only: any other address is refused.  The clients share the machine
with the server, so the figures are a floor on what the server does alone.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "examples" / "cases"
AS_OF = "2024-09-01"
ENTERPRISE_PARTS = ("finance_equipment_renewal_loan", "taxation_special_equipment", "energy_coal_clean_use",
                    "energy_energy_saving_project_rules", "data_assets_enterprise_data_merger",
                    "finance_small_micro_loan_renewal", "taxation_advanced_manufacturer_list",
                    "energy_green_certificate_ccer")


def car_case(cases: Path = CASES) -> dict:
    return json.loads((cases / "car_scrappage_nev_guangdong.json").read_text(encoding="utf-8"))


def enterprise_case(cases: Path = CASES) -> dict:
    """One enterprise with the sections of eight example cases (the first ``enterprise`` section kept)."""
    merged: dict = {"case_id": "enterprise-multi-domain"}
    for name in ENTERPRISE_PARTS:
        for section, value in json.loads((cases / f"{name}.json").read_text(encoding="utf-8")).items():
            if section != "case_id":
                merged.setdefault(section, value)
    return merged


def loopback_only(url: str) -> str:
    host = urlsplit(url).hostname or ""
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise SystemExit(f"http_load: {url} is not a loopback address; this script loads only 127.0.0.0/8 or ::1")
    return url.rstrip("/")


def start_server(workers: int, decision_log: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ZHENGCE_DECISION_LOG": decision_log, "ZHENGCE_ACCESS_LOG": "off"}
    proc = subprocess.Popen([sys.executable, "-m", "zhengce.kernel.cli", "serve", "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()}")
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not get ready in 60 s")


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def load(url: str, body: bytes, clients: int, requests: int, seconds: float) -> dict:
    """``clients`` threads POST ``body`` until ``requests`` answers in all or ``seconds`` pass."""
    latencies: list[float] = []
    errors = {"count": 0}
    lock = threading.Lock()
    issued = {"n": 0}
    stop_at = time.perf_counter() + seconds
    headers = {"content-type": "application/json"}

    def client() -> None:
        with httpx.Client(base_url=url, timeout=60) as c:
            while time.perf_counter() < stop_at:
                with lock:
                    if issued["n"] >= requests:
                        return
                    issued["n"] += 1
                t0 = time.perf_counter()
                try:
                    r = c.post("/v1/evaluate", params={"as_of": AS_OF}, content=body, headers=headers)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - t0
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors["count"] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    latencies.sort()
    return {"clients": clients, "requests": len(latencies), "errors": errors["count"], "seconds": round(wall, 3),
            "requests_per_s": round(len(latencies) / wall, 1),
            "p50_ms": round(percentile(latencies, 0.50) * 1000, 2), "p99_ms": round(percentile(latencies, 0.99) * 1000, 2)}


def in_process_ms(case: dict, repeat: int = 50) -> float:
    """Median milliseconds of ``Kernel().evaluate`` + ``dump`` of the case here, at the same time: what HTTP adds is the rest."""
    from zhengce.contracts import dump, parse_json
    from zhengce.kernel import Kernel

    kernel, text, times = Kernel(), json.dumps(case), []
    for _ in range(repeat):
        t0 = time.perf_counter()
        dump(kernel.evaluate(parse_json(text), as_of=date.fromisoformat(AS_OF)))
        times.append(time.perf_counter() - t0)
    return round(sorted(times)[len(times) // 2] * 1000, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on loopback (default: start one)")
    parser.add_argument("--requests", type=int, default=2000, help="answers per case and concurrency (default 2000)")
    parser.add_argument("--seconds", type=float, default=15.0, help="time cap per case and concurrency (default 15)")
    parser.add_argument("--concurrency", default="1,8,32", help="client counts (default 1,8,32)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes when started here (default 1)")
    parser.add_argument("--decision-log", default="file", choices=("file", "off"), help="decision log (default file)")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.concurrency.split(",")]
    if min(levels) < 1 or max(levels) > 64 or args.requests > 100_000 or args.seconds > 120:
        raise SystemExit("http_load: at most 64 clients, 100000 requests and 120 s per run")
    proc, report = None, {}
    with tempfile.TemporaryDirectory() as tmp:
        log = str(Path(tmp) / "decisions.jsonl") if args.decision_log == "file" else "off"
        if args.url:
            url = loopback_only(args.url)
        else:
            proc, url = start_server(args.workers, log)
        try:
            ready = httpx.get(url + "/readyz", timeout=10).json()
            report = {"benchmark": "http_load", "url": url, "workers": None if args.url else args.workers,
                      "decision_log": None if args.url else args.decision_log,
                      "plugin_set": ready["plugin_set"]["id"], "python": platform.python_version(),
                      "cpus": os.cpu_count(), "load_average_before": os.getloadavg()[0], "as_of": AS_OF, "cases": {}}
            for name, case in (("car", car_case()), ("enterprise", enterprise_case())):
                body = json.dumps(case, ensure_ascii=False).encode("utf-8")
                load(url, body, 1, 20, 10)  # warm up
                report["cases"][name] = {"bytes": len(body), "in_process_ms": in_process_ms(case), "runs": [
                    load(url, body, n, args.requests, args.seconds) for n in levels]}
            report["load_average_after"] = os.getloadavg()[0]
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(30)
            if report and log != "off" and Path(log).exists():
                report["decision_log_lines"] = sum(1 for _ in open(log, encoding="utf-8"))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
