"""Engines: where partitions are screened.  Each maps :func:`~.worker.screen_partition` over a stream
of partitions with a bounded number in flight (memory stays flat whatever the input size) and yields
outcomes as they complete (any order; the run puts them back in input order).

* :class:`InlineEngine`: in this process (``--workers 1``).
* :class:`LocalEngine`: ``--workers N`` local processes: on Linux forked from the driver once its
  kernel is built (they start with it: no import, no plugin load), elsewhere spawned (each builds its
  kernel once).
* :class:`DaskEngine`: a ``dask.distributed`` cluster, ``--scheduler ADDRESS`` or a local cluster of
  ``--workers`` processes on 127.0.0.1 (``pip install 'zhengce[dask]'``).  Before any work, every worker
  reports its plugin set (:attr:`Kernel.plugin_set`, a hash of plugin names, distributions and
  versions), and the run refuses to start unless all equal the driver's.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import signal
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .readers import Partition
from .worker import screen_partition, warm_worker, worker_kernel, worker_plugin_set


#: What an engine maps over partitions: ``fn(task, partition)`` (``screen_partition``, ``whatif_partition``).
PartitionFn = Callable[[Any, Partition], Any]


class EngineError(RuntimeError):
    """An engine cannot run the job as asked (a worker's plugins differ, a scheduler is unreachable)."""


class Engine:
    """Screens partitions somewhere; ``stop()`` asks it to finish what is running and start nothing new."""

    name = "engine"
    workers = 1
    #: partitions run in other processes: a Parquet partition is shipped as its rows' place in the file
    remote = False

    def __init__(self) -> None:
        self._stopping = False

    def check(self, plugin_set: str, block: tuple[str, ...]) -> dict[str, str]:
        """Every worker's plugin set, by worker; raises :class:`EngineError` unless all equal ``plugin_set``."""
        found = self._plugin_sets(block)
        wrong = {w: s for w, s in found.items() if s != plugin_set}
        if wrong:
            listed = ", ".join(f"{w}: {s}" for w, s in sorted(wrong.items()))
            raise EngineError(f"plugin set differs on {len(wrong)} worker(s) (driver {plugin_set}): {listed}; "
                              "install the same plugin distributions and versions everywhere")
        return found

    def _plugin_sets(self, block: tuple[str, ...]) -> dict[str, str]:
        return {"driver": worker_plugin_set(block)}

    def map(self, task: Any, partitions: Iterable[Partition], fn: PartitionFn = screen_partition) -> Iterator[Any]:
        """``fn(task, partition)`` for every partition, wherever this engine runs them, the results as they
        complete (``screen_partition`` by default; what-if maps its own).  ``fn`` and ``task`` must be
        picklable for engines in other processes."""
        raise NotImplementedError

    def stop(self) -> None:
        self._stopping = True

    def close(self) -> None:  # noqa: B027 - optional
        pass

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "workers": self.workers}


class InlineEngine(Engine):
    name = "local"

    def map(self, task: Any, partitions: Iterable[Partition], fn: PartitionFn = screen_partition) -> Iterator[Any]:
        for partition in partitions:
            if self._stopping:
                return
            yield fn(task, partition)


_BARRIER: Any = None


def _init_local(block: tuple[str, ...], barrier: Any) -> None:
    global _BARRIER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver decides when to stop; running partitions finish
    _BARRIER = barrier
    worker_kernel(block)


def _pid_plugin_set(block: tuple[str, ...]) -> tuple[int, str]:
    """One probe per worker: each waits for the others at the barrier, so no worker answers twice."""
    import os

    _BARRIER.wait(timeout=300)
    return os.getpid(), worker_plugin_set(block)


def start_method() -> str:
    """How local workers start: ``fork`` on Linux while this process runs no other thread (a forked
    worker starts with the driver's kernel built and frozen, and the Arrow modules and columnar screener
    loaded (:func:`~.worker.warm_worker`): about 0.4 s and one plugin load per worker saved), else
    ``spawn`` (macOS and Windows, or a host application running threads)."""
    import sys
    import threading

    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


class LocalEngine(Engine):
    """``workers`` local processes (:func:`start_method`), at most ``2 × workers`` partitions in flight.
    The processes start here, before the run opens its input or any thread."""

    name = "local"
    remote = True

    def __init__(self, workers: int, block: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.workers = workers
        self.start_method = start_method()
        if self.start_method == "fork":
            warm_worker(tuple(block))  # done once here, before forking: the workers inherit it
        ctx = mp.get_context(self.start_method)
        self._pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_local,
                                            initargs=(tuple(block), ctx.Barrier(workers)))
        self._pool.submit(int).result()  # start the processes now (a forked pool starts them all at once)

    def _plugin_sets(self, block: tuple[str, ...]) -> dict[str, str]:
        futures = [self._pool.submit(_pid_plugin_set, block) for _ in range(self.workers)]
        return {f"pid {pid}": s for pid, s in (f.result() for f in futures)}

    def map(self, task: Any, partitions: Iterable[Partition], fn: PartitionFn = screen_partition) -> Iterator[Any]:
        return _bounded(lambda p: self._pool.submit(fn, task, p), partitions, 2 * self.workers,
                        lambda: self._stopping, cf.wait, cf.FIRST_COMPLETED)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def describe(self) -> dict[str, Any]:
        return super().describe() | {"start": self.start_method}


# The Dask settings of the local cluster a run starts (one of its own, for one registry): the worker's
# statistical profiler off (it samples the task thread's stack every 10 ms, for a dashboard no one
# opens) and glibc left to keep the memory a partition frees (Dask's workers trim at 64 KiB, so every
# partition faults its buffers in again).  Together a partition screens 12-16 % faster in a run (27 %
# in a worker screening partitions one after another); a cluster reached by ``--scheduler`` keeps what
# its operator set (docs/screening.md names the two settings).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def local_cluster(workers: int) -> Any:
    """A Dask ``LocalCluster`` of ``workers`` single-threaded processes on 127.0.0.1, started with
    :data:`LOCAL_CLUSTER_CONFIG` (the cluster ``--engine dask`` starts; the benchmark's standing one)."""
    import logging

    import dask
    from dask.distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the workers start with it
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=":0", silence_logs=logging.ERROR)


class DaskEngine(Engine):
    """A ``dask.distributed`` client: of the cluster at ``scheduler``, else of a local cluster of processes."""

    name = "dask"
    remote = True

    def __init__(self, scheduler: str | None = None, workers: int = 1, block: tuple[str, ...] = ()) -> None:
        super().__init__()
        try:
            from dask.distributed import Client
        except ImportError:
            raise EngineError("the Dask engine needs dask.distributed: pip install 'zhengce[dask]'") from None
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=30)
            else:
                self._cluster = local_cluster(workers)
                self.client = Client(self._cluster)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        self.scheduler = scheduler or self._cluster.scheduler_address
        self.workers = max(sum(self.client.nthreads().values()), 1)

    def _plugin_sets(self, block: tuple[str, ...]) -> dict[str, str]:
        found = self.client.run(worker_plugin_set, tuple(block))
        if not found:
            raise EngineError(f"the Dask cluster at {self.scheduler} has no workers")
        return found

    def map(self, task: Any, partitions: Iterable[Partition], fn: PartitionFn = screen_partition) -> Iterator[Any]:
        from distributed import wait

        run = uuid.uuid4().hex[:12]
        kind = fn.__name__.removesuffix("_partition")  # the tasks' keys say what they do: screen, whatif

        def submit(p: Partition):
            return self.client.submit(fn, task, p, pure=False, key=f"zhengce-{kind}-{run}-{p.index}")

        def wait_any(futures, return_when):
            done = wait(futures, return_when=return_when)
            return done.done, done.not_done

        return _bounded(submit, partitions, 2 * self.workers, lambda: self._stopping, wait_any, "FIRST_COMPLETED")

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "workers": self.workers, "scheduler": self.scheduler}


def _bounded(submit, partitions: Iterable[Partition], limit: int, stopping, wait, first_completed) -> Iterator[Any]:
    """Keep at most ``limit`` partitions in flight; yield outcomes as they complete; stop submitting on request."""
    pending: set[Any] = set()
    source = iter(partitions)
    exhausted = False
    while True:
        while not exhausted and not stopping() and len(pending) < limit:
            partition = next(source, None)
            if partition is None:
                exhausted = True
            else:
                pending.add(submit(partition))
        if not pending:
            return
        done, pending = wait(pending, return_when=first_completed)
        pending = set(pending)
        for future in done:
            yield future.result()


def make_engine(kind: str, workers: int, scheduler: str | None, block: tuple[str, ...]) -> Engine:
    if kind == "dask" or scheduler:
        return DaskEngine(scheduler=scheduler, workers=workers, block=block)
    return InlineEngine() if workers == 1 else LocalEngine(workers, block)
