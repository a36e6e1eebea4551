"""Synthetic populations for ``zhengce whatif``, and the what-if benchmark on the batch engine.  A script.

    python benchmarks/whatif_population.py OUT.jsonl [--cases 100000] [--seed 2024] [--weight N]
    python benchmarks/whatif_population.py --bench [--cases 1000000] [--workers 2] [--engines local,dask]
                                           [--reform examples/reforms/nev_25000.yaml] [--dir DIR]

The first form writes :func:`car_throughput.generate`'s applicants as JSON Lines (the population of
the worked example in docs/whatif.md); ``--weight N`` adds ``"weight": N`` to each line, for a sample
standing for N applicants each (``zhengce whatif --weights weight``).

``--bench`` generates ``--cases`` SYNTHETIC car scrappage applicants with the repo's generator
(``zhengce generate cars``, seeded) into Parquet, then runs ``zhengce whatif`` on it — baseline and
reform, two evaluations per case — once per engine: local processes (``--workers``) and a Dask
LocalCluster of as many processes (when ``dask.distributed`` is installed).  Each run is its own
process, timed end to end (start-up, read, validate, evaluate twice, compare, report); peak RSS is the
sum over the process and all its children, sampled every 20 ms (psutil; without it, the largest single
process, from ``getrusage``); ``cpu_s`` is the CPU time of the process and all its children (user +
system), which a shared machine changes less than the wall time.  The 1-minute load average before and
after says how much of a shared machine the run had.  When ``--cases`` is below 1,000,000 the figures for a million are also given,
*extrapolated* linearly from the measured rate (labelled as such).  Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MILLION = 1_000_000
sys.path.insert(0, str(HERE))


def write_jsonl(out: str, cases: int, seed: int, weight: int | None) -> int:
    from car_throughput import generate

    with open(out, "w", encoding="utf-8") as fh:
        for case in generate(cases, seed):
            if weight is not None:
                case["weight"] = weight
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return 0


def measure(cmd: list[str], stdout: Path | None = None) -> dict:
    """Run ``cmd`` (its stdout to ``stdout``); wall time, peak RSS of its process tree, load averages."""
    load_before = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115 - closed below
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    peak, how = 0, "sum over the process tree (psutil, every 20 ms)"
    try:
        import psutil

        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            rss = 0
            try:
                for p in (root, *root.children(recursive=True)):
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak = max(peak, rss)
            time.sleep(0.02)
    except ImportError:
        how = "largest single process (getrusage; install psutil for the tree's sum)"
    err = proc.communicate()[1].decode(errors="replace")
    wall = time.perf_counter() - start
    if stdout:
        out.close()
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not peak:
        peak = cpu_after.ru_maxrss * 1024
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    result = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 1), "peak_rss_mib": round(peak / 2**20, 1), "peak_rss": how,
              "load_average_1m": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}}
    if proc.returncode not in (0, 2):  # 2: some rows invalid (the report is still written)
        result |= {"failed": proc.returncode, "stderr": err[-2000:]}
    return result


def bench(args: argparse.Namespace) -> dict:
    zhengce = str(Path(sys.executable).with_name("zhengce"))
    folder = Path(args.dir or tempfile.mkdtemp(prefix="whatif-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    population = folder / f"cars-{args.cases}-{args.seed}.parquet"
    report: dict = {
        "benchmark": "whatif_population", "synthetic": True, "cases": args.cases, "seed": args.seed,
        "reform": args.reform, "evaluations_per_case": 2,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
    }
    if population.exists():
        report["generate"] = {"reused": str(population)}
    else:
        report["generate"] = measure([zhengce, "generate", "cars", "--rows", str(args.cases), "--seed", str(args.seed),
                                      "--out", str(population)]) | {"out": str(population)}
    report["generate"]["bytes"] = population.stat().st_size
    runs = []
    for engine in args.engines.split(","):
        if engine == "dask":
            try:
                import dask.distributed  # noqa: F401
            except ImportError:
                runs.append({"engine": "dask", "skipped": "dask.distributed is not installed (pip install 'zhengce[dask]')"})
                continue
        out = folder / f"report-{engine}.json"
        cmd = [zhengce, "whatif", str(population), "--reform", args.reform, "--workers", str(args.workers),
               "--engine", engine, "--partition-size", str(args.partition_size), "--format", "json", "--no-progress"]
        run = {"engine": engine, "workers": args.workers, "partition_size": args.partition_size, **measure(cmd, out)}
        if "failed" not in run:
            data = json.loads(out.read_text(encoding="utf-8"))
            run["cases_per_s"] = round(data["cases"] / run["wall_s"])
            run["evaluations_per_s"] = round(2 * data["cases"] / run["wall_s"])
            run["whatif_seconds"] = data["seconds"]  # inside the process: from reading the reform to the last partition
            run["result"] = {k: data[k] for k in ("rows", "cases", "population", "total", "by_payer", "by_zone")}
            run["result"]["invalid"] = data["invalid"]["cases"]
            run["result"]["gain"] = data["outcomes"]["gain"]["cases"]
            if args.cases < MILLION:
                run["extrapolated_1m"] = {
                    "wall_s": round(run["wall_s"] * MILLION / args.cases, 1),
                    "note": f"EXTRAPOLATED, not measured: linear in cases from the {args.cases:,}-case run "
                            "(start-up included, so an overestimate)"}
        runs.append(run)
    report["runs"] = runs
    if not args.keep and not args.dir:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", help="write the JSON Lines population here (without --bench)")
    ap.add_argument("--cases", type=int, default=None, help="default: 100,000 (JSON Lines), 1,000,000 (--bench)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--weight", type=int, help="add this weight to every line")
    ap.add_argument("--bench", action="store_true", help="time zhengce whatif on a Parquet population (prints JSON)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engines", default="local,dask")
    ap.add_argument("--partition-size", type=int, default=5000)
    ap.add_argument("--reform", default=str(ROOT / "examples" / "reforms" / "nev_25000.yaml"))
    ap.add_argument("--dir", help="keep the population and reports here (reused: a population of the same size and seed)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args(argv)
    if args.bench:
        args.cases = args.cases or MILLION
        print(json.dumps(bench(args), ensure_ascii=False, indent=1))
        return 0
    if not args.out:
        ap.error("give OUT.jsonl, or --bench")
    return write_jsonl(args.out, args.cases or 100_000, args.seed, args.weight)


if __name__ == "__main__":
    sys.exit(main())
