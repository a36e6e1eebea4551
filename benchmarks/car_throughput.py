"""The per-case hot path, measured against zen-engine in the same run on the same cases (issue 12).

    python3 dev.py bench [--cases 100000] [--seed 2024] [--extra-plugins 50] [--quick]

Prints one JSON document:

* **per case, dict in → result out, one process**: N seeded car cases (a realistic mix of eligible,
  ineligible and incomplete ones) through ``kernel.evaluate(dict)`` (validation + every policy the case
  reaches + resolution), traced (every step cited) and in screening mode (``trace=False``): cases/s and
  p50/p99/max latency, GC included; once more traced with every record kept alive, as a host collecting
  results would (the garbage collector then walks them all);
* **the peer**: zen-engine running the same rule as a JDM decision table generated from the same
  parameter file (``zen_peer.py``; an optional benchmark dependency), timed the same way;
* **idle plugins**: N extra plugins whose policy reads a section the cases never carry (flat: never
  reached), and N whose policy reads ``applicant``, which every case carries (reached, declines at
  once): the cost per such plugin in µs;
* **one enterprise case against every installed policy**: the example cases' sections merged into one
  case, traced and screening, p50/p99; again after ``gc.freeze()`` of what loading created, as the
  batch workers and the HTTP service do;
* **start-up**: ``zhengce evaluate`` on an example against ``python -c pass`` (medians and minimums of 10;
  ``import zhengce.kernel`` and a full ``Kernel()`` beside them);
* **screening with one worker process per core**;
* ``targets``: each target of issue 12, the figure and whether it holds in this run.
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


class ApplicantReader(IdlePlugin):
    """An installed plugin whose policy reads ``applicant``, which every car case carries: it is
    reached, and declines at once."""

    def __init__(self, i: int) -> None:
        self.name = f"reader{i:02d}"

    @hookimpl
    def declare_policies(self):
        return [PolicySpec(id=f"{self.name}.applicant_award", title=Text(zh="申请人奖励", en="award"), facts=("applicant",))]


def run(kernel: Kernel, cases: list[dict], trace: bool = True, keep: bool = False) -> dict:
    def evaluate(case, as_of):
        return kernel.evaluate(case, as_of=as_of, trace=trace)

    for case in cases[:2000]:  # warm-up
        evaluate(case, as_of=AS_OF)
    latencies = []
    kept = []
    statuses: dict[str, int] = {}
    gc.collect()
    clock = time.perf_counter_ns
    start = clock()
    for case in cases:
        t0 = clock()
        record = evaluate(case, as_of=AS_OF)
        latencies.append(clock() - t0)
        if keep:
            kept.append(record)
        for r in record.results:
            statuses[r.status.value] = statuses.get(r.status.value, 0) + 1
    elapsed = (clock() - start) / 1e9
    del kept
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


def one_enterprise_case(kernel: Kernel | None = None) -> dict:
    """The sections of every example case merged into one case (the first example giving a section
    wins): an enterprise with facts for every installed policy (only the sections ``kernel`` knows)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "cases")
    merged: dict = {"case_id": "one-enterprise-every-policy"}
    for name in sorted(os.listdir(root)):
        if name.endswith(".json"):
            with open(os.path.join(root, name), encoding="utf-8") as f:
                for key, value in json.load(f).items():
                    if key != "case_id" and (kernel is None or key in kernel.sections):
                        merged.setdefault(key, value)
    return merged


def run_enterprise(kernel: Kernel, repeats: int) -> dict:
    case = one_enterprise_case(kernel)
    record = kernel.evaluate(case, as_of=AS_OF)
    out = {"sections": len(case) - 1, "policies_reached": len(record.results),
           "statuses": {s: sum(r.status.value == s for r in record.results) for s in ("applies", "does_not_apply", "cannot_tell", "error")}}
    for trace in (True, False):
        for _ in range(max(repeats // 10, 5)):
            kernel.evaluate(case, as_of=AS_OF, trace=trace)
        latencies = []
        for _ in range(repeats):
            t0 = time.perf_counter_ns()
            kernel.evaluate(case, as_of=AS_OF, trace=trace)
            latencies.append(time.perf_counter_ns() - t0)
        latencies.sort()
        q = statistics.quantiles(latencies, n=100)
        out["traced" if trace else "screening"] = {"p50_ms": round(q[49] / 1e6, 3), "p99_ms": round(q[98] / 1e6, 3)}
    return out


def run_startup(runs: int = 10) -> dict:
    """Wall time of ``zhengce evaluate`` on an example case against ``python -c pass``: medians (the
    target's figure) and minimums of ``runs`` each, after one run that saves the declaration manifest
    (the first command after an install loads every plugin, as ``kernel_full_load_ms`` does);
    ``import zhengce.kernel`` and a full ``Kernel()`` beside them."""
    import subprocess

    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    example = os.path.join(root, "examples", "cases", "car_scrappage_nev_guangdong.json")
    if not os.path.exists(example):
        example = os.path.join(root, "examples", "cases", sorted(os.listdir(os.path.join(root, "examples", "cases")))[0])
    cli = os.path.join(os.path.dirname(sys.executable), "zhengce")

    def times(cmd: list[str]) -> list[float]:
        out = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            out.append((time.perf_counter() - t0) * 1000)
        return out

    command = [cli, "evaluate", example, "--as-of", AS_OF.isoformat()]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # saves the manifest if the installation changed
    python = times([sys.executable, "-c", "pass"])
    evaluate = times(command)
    kernel_import = times([sys.executable, "-c", "import zhengce.kernel"])
    full_load = times([sys.executable, "-c", "from zhengce.kernel import Kernel; Kernel()"])
    median = statistics.median
    return {"python_c_pass_ms": round(median(python)), "zhengce_evaluate_ms": round(median(evaluate)),
            "above_python_ms": round(median(evaluate) - median(python)), "example": os.path.basename(example),
            "runs": runs, "python_c_pass_min_ms": round(min(python)), "zhengce_evaluate_min_ms": round(min(evaluate)),
            "above_python_min_ms": round(min(evaluate) - min(python)), "import_kernel_min_ms": round(min(kernel_import)),
            "kernel_full_load_min_ms": round(min(full_load))}


def per_plugin_us(base: dict, crowded: dict, plugins: int) -> float:
    """Extra µs per case for each of ``plugins`` plugins, from two runs' throughput."""
    return round((1e6 / crowded["cases_per_second"] - 1e6 / base["cases_per_second"]) / plugins, 2)


def targets(report: dict) -> dict:
    """Issue 12's targets, each with this run's figure and whether it holds."""
    ours = report["installed_plugins_only"]
    zen = report["peer_zen_engine"].get("cases_per_second")
    out = {}
    if zen:
        out["screening >= 1x zen-engine cases/s (goal 2x)"] = {"ratio": round(ours["screening"]["cases_per_second"] / zen, 2),
                                                               "holds": ours["screening"]["cases_per_second"] >= zen}
        out["traced >= 0.5x zen-engine cases/s (goal 1x)"] = {"ratio": round(ours["traced"]["cases_per_second"] / zen, 2),
                                                              "holds": ours["traced"]["cases_per_second"] >= 0.5 * zen}
    for mode in ("traced", "screening", "traced_records_kept"):
        lat = ours[mode]["latency_us"]
        out[f"{mode}: p99 within 3x of p50"] = {"ratio": round(lat["p99"] / lat["p50"], 2), "holds": lat["p99"] <= 3 * lat["p50"]}
    ent = report["one_enterprise_case_every_policy"]["traced"]
    out["one enterprise case, every policy: p99 < 1 ms traced"] = {"p99_ms": ent["p99_ms"], "holds": ent["p99_ms"] < 1}
    readers = report["idle_plugins"]["us_per_plugin_reading_a_carried_section"]
    out["<= 1 us per idle plugin reading a section the case carries"] = {"us": readers, "holds": readers <= 1}
    start = report["startup"]
    out["zhengce evaluate <= 150 ms above python -c pass"] = {"ms": start["above_python_ms"], "holds": start["above_python_ms"] <= 150}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--extra-plugins", type=int, default=50)
    parser.add_argument("--enterprise-repeats", type=int, default=1000)
    args = parser.parse_args(argv)
    cases = generate(args.cases, args.seed)
    real = Kernel()
    unreached, readers = Kernel(), Kernel()
    for i in range(args.extra_plugins):
        unreached.register(IdlePlugin(i))
        readers.register(ApplicantReader(i))

    base = {"traced": run(real, cases), "screening": run(real, cases, trace=False),
            "traced_records_kept": run(real, cases, keep=True)}
    report = {
        "benchmark": "car_scrappage load+evaluate",
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
        "as_of": AS_OF.isoformat(),
        "seed": args.seed,
        "installed_plugins_only": base,
        "peer_zen_engine": run_zen(cases),
    }
    flat = run(unreached, cases, trace=False)
    reached = run(readers, cases, trace=False)
    report["idle_plugins"] = {
        "extra_plugins": args.extra_plugins,
        "never_reached_screening": flat,
        "reading_a_carried_section_screening": reached,
        "us_per_plugin_never_reached": per_plugin_us(base["screening"], flat, args.extra_plugins),
        "us_per_plugin_reading_a_carried_section": per_plugin_us(base["screening"], reached, args.extra_plugins),
    }
    report["one_enterprise_case_every_policy"] = run_enterprise(real, args.enterprise_repeats)
    try:  # as the batch workers and the service do once their kernel is built
        from zhengce.kernel.kernel import freeze_loaded_objects

        freeze_loaded_objects()
        report["one_enterprise_case_every_policy_after_gc_freeze"] = run_enterprise(real, args.enterprise_repeats)
    except ImportError:  # an older kernel
        pass
    report["startup"] = run_startup()
    report["screening_one_process_per_core"] = run_parallel(cases, os.cpu_count() or 1)
    report["load_average_at_end"] = os.getloadavg()[0]
    report["targets"] = targets(report)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
