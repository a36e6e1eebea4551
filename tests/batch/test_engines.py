"""Both engines give the rows the one-process run gives: local processes, and Dask on a LocalCluster of
processes on 127.0.0.1; every worker's plugin set is checked against the driver's."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading

import pytest

from zhengce.kernel.batch import DaskEngine, EngineError, InlineEngine, LocalEngine, car_cases, engines, enterprise_cases

from .conftest import screen


@pytest.fixture(scope="module")
def registry(tmp_path_factory, kernel):
    path = tmp_path_factory.mktemp("engines") / "mixed.jsonl"
    cases = [*car_cases(400, seed=1), *enterprise_cases(100, seed=2, case_type=kernel.case_type)]
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases) + "{oops\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(tmp_path_factory, registry):
    _, summary, rows = screen(tmp_path_factory.mktemp("inline"), registry, out_name="r.parquet", partition_size=64)
    assert summary["invalid"] == 1 and len(summary["policies"]) > 10  # several domains reached
    return summary, rows


def same(summary, other):
    strip = ("seconds", "output", "engine")
    return {k: v for k, v in summary.items() if k not in strip} == {k: v for k, v in other.items() if k not in strip}


def test_local_processes(tmp_path, registry, expected):
    engine = LocalEngine(2)
    try:
        code, summary, rows = screen(tmp_path, registry, engine=engine, out_name="r.parquet", partition_size=64)
    finally:
        engine.close()
    assert code == 0 and rows == expected[1] and same(summary, expected[0])
    assert summary["engine"] == {"name": "local", "workers": 2, "worker_plugin_sets": 2, "start": engines.start_method()}


FORKED = """
from zhengce.kernel.batch import LocalEngine
from zhengce.kernel.batch.worker import worker_kernel

def kernel_id():
    return id(worker_kernel(())[0])

if __name__ == "__main__":
    engine = LocalEngine(2)
    ids = {engine._pool.submit(kernel_id).result() for _ in range(4)}
    engine.close()
    print(engine.start_method, ids == {kernel_id()})
"""


@pytest.mark.skipif(sys.platform != "linux", reason="local workers are forked on Linux only")
def test_forked_workers_start_with_the_drivers_kernel(tmp_path):
    # in a process of its own: this one runs other tests' threads, and a process with threads spawns
    script = tmp_path / "forked.py"
    script.write_text(FORKED, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["fork", "True"]  # the driver's kernel object, inherited: no worker built its own


def test_a_driver_running_threads_spawns_its_workers():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert engines.start_method() == "spawn"  # forking a process with threads can deadlock the child
    finally:
        stop.set()
        other.join()


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=logging.ERROR) as c:
        yield c


@pytest.mark.parametrize("out_name", ["r.parquet", "results/"])  # a file the driver merges; a directory the workers write
def test_dask_on_a_local_cluster_of_processes(tmp_path, registry, expected, cluster, out_name):
    engine = DaskEngine(scheduler=cluster.scheduler_address)  # what --scheduler ADDRESS does
    try:
        assert engine.workers == 2
        code, summary, rows = screen(tmp_path, registry, engine=engine, out_name=out_name, partition_size=64)
        # the kernel was built once per worker process, and only there
        built = engine.client.run(lambda: __import__("zhengce.kernel.batch.worker", fromlist=["_KERNELS"])._KERNELS.keys().__len__())
    finally:
        engine.close()
    assert code == 0 and rows == expected[1] and same(summary, expected[0])
    assert summary["engine"]["name"] == "dask" and summary["engine"]["worker_plugin_sets"] == 2
    assert sorted(built.values()) == [1, 1]


class Drifted(InlineEngine):
    """An engine one of whose workers has other plugins installed."""

    def _plugin_sets(self, block):
        return {"tcp://10.0.0.1:1": "0" * 16, "tcp://10.0.0.2:1": super()._plugin_sets(block)["driver"]}


def test_a_worker_with_other_plugins_stops_the_run(tmp_path, registry):
    with pytest.raises(EngineError, match=r"plugin set differs on 1 worker\(s\).*tcp://10.0.0.1:1: 0000000000000000"):
        screen(tmp_path, registry, engine=Drifted())
    assert not (tmp_path / "results.jsonl").exists()


def test_make_engine_picks_the_engine_the_options_name(cluster):
    from zhengce.kernel.batch import make_engine

    assert type(make_engine("local", 1, None, ())) is InlineEngine
    local = make_engine("local", 2, None, ())
    try:
        assert type(local) is LocalEngine and local.workers == 2
    finally:
        local.close()
    remote = make_engine("local", 1, cluster.scheduler_address, ())  # --scheduler implies Dask
    own = make_engine("dask", 2, None, ())  # a LocalCluster of its own
    try:
        assert type(remote) is DaskEngine and remote.scheduler == cluster.scheduler_address
        assert own.describe()["workers"] == 2 and own.scheduler.startswith("tcp://127.0.0.1:")
        # the cluster of its own starts its workers without Dask's stack sampler and adds no memory
        # trimming (a process that started a nanny before, as this one did for ``cluster``, carries
        # Dask's value in its own environment, the nanny writes it there: the workers inherit that)
        settings = own.client.run(_worker_settings)
        assert list(settings.values()) == [(False, os.environ.get("MALLOC_TRIM_THRESHOLD_"))] * 2
    finally:
        remote.close()
        own.close()


def _worker_settings():
    import os

    import dask

    return dask.config.get("distributed.worker.profile.enabled"), os.environ.get("MALLOC_TRIM_THRESHOLD_")

