"""Where the time of one enterprise case against every installed policy goes (issue 12).

    .venv/bin/python benchmarks/enterprise_profile.py [--repeats 300] [--top 15]

The case is ``car_throughput.one_enterprise_case``: the sections of every example case merged. After a
warm-up and ``freeze_loaded_objects`` (as the service and the batch workers do), it prints JSON:

* ``p50_us``/``p99_us`` of the case traced and untraced, from a dict (validated each time) and from an
  already validated case: the last, untraced, is what the policies' own rules cost, no trace and no
  validation;
* validation (``Kernel.load``) and the input hash of the decision record on their own;
* the time inside each policy (its gates, hooks and result checks), traced, heaviest first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from car_throughput import AS_OF, one_enterprise_case  # noqa: E402

from zhengce.kernel import Kernel, guard  # noqa: E402
from zhengce.kernel.kernel import freeze_loaded_objects  # noqa: E402


def quantiles(fn, repeats: int) -> dict:
    latencies = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        fn()
        latencies.append(time.perf_counter_ns() - t0)
    q = statistics.quantiles(latencies, n=100)
    return {"p50_us": round(q[49] / 1000), "p99_us": round(q[98] / 1000)}


def per_policy(kernel: Kernel, case: dict, repeats: int) -> tuple[dict[str, float], float]:
    """µs inside each policy per case (traced), and the whole case's mean µs, measured together."""
    spent: Counter = Counter()
    planned = kernel._evaluate_planned

    def timed(plan, case, ctx, inline):
        t0 = time.perf_counter_ns()
        try:
            return planned(plan, case, ctx, inline)
        finally:
            spent[plan.id] += time.perf_counter_ns() - t0

    kernel._evaluate_planned = timed  # an instance attribute: this kernel only, removed below
    try:
        t0 = time.perf_counter()
        for _ in range(repeats):
            kernel.evaluate(case, as_of=AS_OF)
        whole = (time.perf_counter() - t0) / repeats * 1e6
    finally:
        del kernel._evaluate_planned
    return {pid: ns / repeats / 1000 for pid, ns in spent.items()}, whole


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)

    kernel = Kernel()
    data = one_enterprise_case(kernel)
    case = kernel.load_case(data)
    for _ in range(30):
        kernel.evaluate(data, as_of=AS_OF)
        kernel.evaluate(case, as_of=AS_OF, trace=False)
    freeze_loaded_objects()
    n = args.repeats
    results = kernel.evaluate(case, as_of=AS_OF).results
    report: dict = {
        "benchmark": "one enterprise case against every installed policy: where the time goes",
        "python": sys.version.split()[0], "as_of": AS_OF.isoformat(),
        "sections": len(data) - 1, "policies_reached": len(results),
        "trace_lines": sum(len(r.applicability.steps if r.applicability else ())
                           + len(r.evaluation.steps if r.evaluation else ()) for r in results),
        "dict_traced": quantiles(lambda: kernel.evaluate(data, as_of=AS_OF), n),
        "dict_untraced": quantiles(lambda: kernel.evaluate(data, as_of=AS_OF, trace=False), n),
        "validated_case_traced": quantiles(lambda: kernel.evaluate(case, as_of=AS_OF), n),
        "validated_case_untraced": quantiles(lambda: kernel.evaluate(case, as_of=AS_OF, trace=False), n),
        "validation_only": quantiles(lambda: kernel.load(data), n),
        "input_hash_only": quantiles(lambda: guard.input_hash(case), n),
    }
    inside, whole = per_policy(kernel, case, n)
    report["validated_case_traced_mean_us"] = round(whole)
    report["inside_policies_mean_us"] = round(sum(inside.values()))
    report["mean_us_per_policy"] = round(sum(inside.values()) / max(len(inside), 1), 1)
    report["heaviest_policies_us"] = {pid: round(us, 1) for pid, us in sorted(inside.items(), key=lambda kv: -kv[1])[:args.top]}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
