"""A real ``zhengce serve`` process on 127.0.0.1 and a free port, with the probe plugin, for the service's tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
PROBE = "tests.service.probe_plugin:plugin"
AS_OF = "2024-09-01"
GRACEFUL = (0, -signal.SIGTERM)  # uvicorn shuts down gracefully, then (one process) exits by the signal it received

if str(ROOT) not in sys.path:  # so that PROBE imports here as it does in the server
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``python -m zhengce.kernel.cli serve`` in a subprocess; stdout and stderr go to files."""

    def __init__(self, tmp: Path, *args: str, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stdout_path, self.stderr_path = tmp / "stdout.log", tmp / "stderr.log"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGCE_")}
        full_env.update(PYTHONPATH=os.pathsep.join([str(ROOT), full_env.get("PYTHONPATH", "")]), **env)
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "zhengce.kernel.cli", "serve", "--port", str(self.port), *args],
                stdout=out, stderr=err, env=full_env, cwd=ROOT)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited {self.process.returncode}: {self.stderr()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server did not get ready: {self.stderr()}")
            time.sleep(0.1)

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, as an orchestrator stops it; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The shared server: installed plugins + the probe, a 5 s budget, 64 KiB bodies, 1 MiB batches, a log file."""
    tmp = tmp_path_factory.mktemp("server")
    srv = Server(tmp, "--time-budget", "5", ZHENGCE_PLUGINS=PROBE, ZHENGCE_DECISION_LOG=str(tmp / "decisions.jsonl"),
                 ZHENGCE_MAX_BODY_BYTES=str(64 * 1024), ZHENGCE_MAX_BATCH_BYTES=str(1 << 20))
    srv.decision_log = tmp / "decisions.jsonl"
    yield srv
    assert srv.stop() in GRACEFUL, srv.stderr()
    assert "Application shutdown complete" in srv.stderr()


@pytest.fixture(scope="session")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def kernel():
    """The same plugin set as the server's, in this process: the reference the answers are checked against."""
    from zhengce.kernel.service.app import build_kernel
    from zhengce.kernel.service.config import ServiceConfig

    return build_kernel(ServiceConfig(plugins=(PROBE,)))


def case(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


def http_load():
    """``benchmarks/http_load.py`` as a module (it holds the multi-domain enterprise case the load uses too)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("http_load", ROOT / "benchmarks" / "http_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def enterprise_case() -> dict:
    """A multi-domain enterprise: the sections of eight example cases (finance, taxation, energy, data assets) in one."""
    return http_load().enterprise_case(CASES)


def decision_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
