"""Throughput of load + evaluate on seeded car scrappage cases.  A script, not a test.

    python3 dev.py bench [--cases 100000] [--seed 2024] [--extra-plugins 50]

Generates N car cases (JSON-like dicts, a realistic mix of eligible, ineligible
and incomplete ones) from a fixed seed, then for each configuration times, per
case, ``kernel.evaluate(dict)`` — which validates the dict into a Case (cattrs)
and evaluates every policy the case reaches.  Prints one JSON document:
cases/second over the whole run and per-case p50/p99 latency in µs, once with
the installed plugins only and once with N extra installed plugins whose
policies read sections the car cases never carry; each in the default traced
mode (every step recorded and cited) and in screening mode (``trace=False``).
In the same run, on the same cases: zen-engine running the same rule as a JDM
decision table generated from the same parameter file (``zen_peer.py``; an
optional benchmark dependency).  Last, screening throughput with one worker
process per core.
"""

from __future__ import annotations

import argparse
import os
import gc
import json
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from zhengce.contracts import Applicability, Status, Text
from zhengce.kernel import Kernel, PluginInfo, PolicySpec, hookimpl
from zhengce.kernel.reference import regions

AS_OF = date(2024, 10, 1)


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    provinces = [p.name for p in regions().provinces]

    def day(start: date, end: date) -> str:
        return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()

    cases = []
    for i in range(n):
        old_fuel = rng.choice(["gasoline", "gasoline", "diesel", "other_fuel", "nev"])
        new_fuel = rng.choice(["nev", "nev", "gasoline"])
        submitted = day(date(2024, 4, 24), date(2024, 9, 30))
        case = {
            "case_id": f"bench-{i}",
            "applicant": {"type": "individual_consumer" if rng.random() < 0.95 else "enterprise"},
            "old_vehicle": {
                "vehicle_class": rng.choice(["small_passenger", "mini_passenger", "small_passenger", "medium_passenger"]),
                "fuel": old_fuel,
                "registration_date": day(date(2006, 1, 1), date(2019, 6, 30)),
                "in_applicant_name_since": day(date(2008, 1, 1), date(2024, 4, 1)),
            },
            "new_vehicle": {
                "vehicle_class": "small_passenger",
                "fuel": new_fuel,
                "in_nev_catalogue": rng.random() < 0.97,
                "displacement_l": rng.choice(["1.0", "1.5", "1.8", "2.0", "2.5"]),
                "in_applicant_name": rng.random() < 0.98,
            },
            "scrappage_application": {
                "submitted_on": submitted,
                "invoice_province": rng.choice(provinces),
                "scrap_certificate_on": day(date(2024, 4, 20), date(2024, 9, 30)),
                "scrap_certificate_by_qualified_dismantler": rng.random() < 0.99,
                "deregistration_certificate_on": day(date(2024, 4, 24), date(2024, 9, 30)),
                "sales_invoice_on": day(date(2024, 4, 24), date(2024, 9, 30)),
                "registration_certificate_on": day(date(2024, 4, 24), date(2024, 9, 30)),
            },
        }
        if rng.random() < 0.2:
            case["scrappage_application"]["subsidy_already_paid"] = rng.choice(["7000", "10000"])
            case["scrappage_application"]["subsidy_paid_on"] = "2024-07-01"
        if rng.random() < 0.05:  # incomplete cases: cannot tell
            del case["new_vehicle"]["in_nev_catalogue"]
        cases.append(case)
    return cases


class IdlePlugin:
    """An installed plugin whose policy reads a section the car cases never carry."""

    def __init__(self, i: int) -> None:
        self.name = f"province{i:02d}"

    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name=self.name, distribution=f"zhengce-{self.name}", version="1.0.0")

    @hookimpl
    def declare_policies(self):
        return [PolicySpec(id=f"{self.name}.enterprise_award", title=Text(zh="企业奖励", en="award"), facts=("enterprise",))]

    @hookimpl
    def applies_to(self, policy, case, context):
        return Applicability(status=Status.DOES_NOT_APPLY)


def run(kernel: Kernel, cases: list[dict], trace: bool = True) -> dict:
    def evaluate(case, as_of):
        return kernel.evaluate(case, as_of=as_of, trace=trace)

    for case in cases[:2000]:  # warm-up
        evaluate(case, as_of=AS_OF)
    latencies = []
    statuses: dict[str, int] = {}
    gc.collect()
    clock = time.perf_counter_ns
    start = clock()
    for case in cases:
        t0 = clock()
        record = evaluate(case, as_of=AS_OF)
        latencies.append(clock() - t0)
        for r in record.results:
            statuses[r.status.value] = statuses.get(r.status.value, 0) + 1
    elapsed = (clock() - start) / 1e9
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "plugins": len(kernel.plugins),
        "policies": len(kernel.policies),
        "cases": len(cases),
        "seconds": round(elapsed, 3),
        "cases_per_second": round(len(cases) / elapsed),
        "latency_us": {"p50": round(q[49] / 1000, 1), "p99": round(q[98] / 1000, 1), "max": round(latencies[-1] / 1000, 1)},
        "statuses": statuses,
    }


_CASES: list[dict] = []


def _screen_chunk(bounds: tuple[int, int]) -> int:
    kernel = Kernel()
    for case in _CASES[bounds[0]:bounds[1]]:
        kernel.evaluate(case, as_of=AS_OF, trace=False)
    return bounds[1] - bounds[0]


def run_parallel(cases: list[dict], processes: int) -> dict:
    """Screening throughput with one process per core (fork: workers share the generated cases)."""
    import multiprocessing as mp

    global _CASES
    _CASES = cases
    ctx = mp.get_context("fork")
    step = -(-len(cases) // (processes * 8))
    chunks = [(i, min(i + step, len(cases))) for i in range(0, len(cases), step)]
    with ctx.Pool(processes) as pool:
        pool.map(_screen_chunk, [(0, min(1000, len(cases)))] * processes)  # warm-up: imports, plugin loading
        start = time.perf_counter()
        done = sum(pool.map(_screen_chunk, chunks))
        elapsed = time.perf_counter() - start
    return {"processes": processes, "cases": done, "seconds": round(elapsed, 3), "cases_per_second": round(done / elapsed)}


def run_zen(cases: list[dict]) -> dict:
    """The same cases through zen-engine (the JDM table of ``zen_peer``), one process, in this run."""
    from zen_peer import zen_decision

    decision = zen_decision(AS_OF, AS_OF)
    if decision is None:
        return {"skipped": "zen-engine is not installed (pip install 'zhengce[bench]')"}
    for case in cases[:2000]:
        decision.evaluate(case)
    latencies = []
    paid = 0
    gc.collect()
    clock = time.perf_counter_ns
    start = clock()
    for case in cases:
        t0 = clock()
        result = decision.evaluate(case)
        latencies.append(clock() - t0)
        paid += result["result"]["subsidy"] != 0
    elapsed = (clock() - start) / 1e9
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {"engine": "zen-engine (GoRules JDM decision table, amount only)", "cases": len(cases), "seconds": round(elapsed, 3),
            "cases_per_second": round(len(cases) / elapsed),
            "latency_us": {"p50": round(q[49] / 1000, 1), "p99": round(q[98] / 1000, 1), "max": round(latencies[-1] / 1000, 1)},
            "subsidy_granted": paid}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--extra-plugins", type=int, default=50)
    args = parser.parse_args(argv)
    cases = generate(args.cases, args.seed)
    real = Kernel()
    crowded = Kernel()
    for i in range(args.extra_plugins):
        crowded.register(IdlePlugin(i))
    import os

    report = {
        "benchmark": "car_scrappage load+evaluate",
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "as_of": AS_OF.isoformat(),
        "seed": args.seed,
        "installed_plugins_only": {"traced": run(real, cases), "screening": run(real, cases, trace=False)},
        "peer_zen_engine": run_zen(cases),
        f"with_{args.extra_plugins}_idle_plugins": {"traced": run(crowded, cases), "screening": run(crowded, cases, trace=False)},
        "screening_one_process_per_core": run_parallel(cases, os.cpu_count() or 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
