"""End-to-end screening of a synthetic car registry from Parquet: zhengce's engines and vectorised peers.

    .venv/bin/python benchmarks/screen_throughput.py [--cases 1000000] [--workers 1,2] [--repeats 3]
        [--engines local,dask,dask-cluster]

Generates ``--cases`` SYNTHETIC car scrappage applications (``zhengce generate cars``, seeded) into a
Parquet file, then times, each as its own process and on the same file, end to end (start-up, read,
validate, evaluate, write results Parquet): ``zhengce screen`` with each engine and worker count, into
one merged results file and into a results directory (the workers' part files, no merge), and
the peers: a numpy vectorised implementation of the same rule (always), and an OpenFisca vectorised
one when ``openfisca-core`` is installed (``pip install 'zhengce[bench]'``).  Wall time and peak memory
(RSS and PSS, each summed over the process and all its children, sampled every 20 and 200 ms) are reported; each peer's
statuses are compared with zhengce's, row by row (``agreement``).  Prints one JSON document.

The peers read the rule's numbers from the tradein plugin's parameter file (no literals here) but
implement only its conditions and amounts: no trace, no explanation, no citations, no validation
of the input beyond what numpy's types give, no per-row error isolation.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = date(2024, 10, 1)
HERE = Path(__file__).resolve()
BIN = Path(sys.executable).parent


def measure(cmd: list[str], *more: list[str], also: tuple[int, ...] = ()) -> dict:
    """Run ``cmd`` (and the commands ``more`` at the same time); wall time until all have ended, and peak
    memory of their process trees (and of the processes ``also``, a standing cluster's): the sum of the
    processes' RSS, and of their PSS (proportional set size: a page shared by forked workers counted
    once, split between them; what the tree really holds) where the system reports it."""
    import psutil

    start = time.perf_counter()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in (cmd, *more)]
    roots = [psutil.Process(p.pid) for p in procs] + [psutil.Process(pid) for pid in also]
    peak = peak_pss = 0
    samples = 0
    while any(p.poll() is None for p in procs):
        rss = pss = 0
        full = samples % 10 == 0  # PSS reads every mapping of every process: 1 sample in 10 (200 ms)
        for root in roots:
            try:
                tree = [root, *root.children(recursive=True)] if root.pid not in also else [root]
            except psutil.Error:
                continue
            for p in tree:
                try:
                    if full:
                        info = p.memory_full_info()
                        pss += getattr(info, "pss", info.rss)
                        rss += info.rss
                    else:
                        rss += p.memory_info().rss
                except psutil.Error:
                    pass
        peak = max(peak, rss)
        if full:
            peak_pss = max(peak_pss, pss)
        samples += 1
        time.sleep(0.02)
    wall = time.perf_counter() - start
    for p in procs:
        err = p.stderr.read().decode(errors="replace")
        if p.returncode != 0:
            return {"failed": p.returncode, "stderr": err[-2000:]}
    # the machine may be shared: the 1-minute load average at the end says how much of it this run had
    return {"wall_s": round(wall, 2), "peak_rss_mib": round(peak / 2**20, 1), "peak_pss_mib": round(peak_pss / 2**20, 1),
            "load_average_1m": round(os.getloadavg()[0], 2)}


# --- the peers (run as: screen_throughput.py --peer numpy|openfisca REGISTRY OUT) -------------------------


def _rule_values() -> dict:
    """The rule's numbers as known at AS_OF, from the tradein plugin's parameter file."""
    from zhengce.kernel.reference import regions
    from zhengce.kernel.rules import Lookup
    from zhengce_tradein.car_scrappage import PARAMETERS

    p = Lookup(PARAMETERS, AS_OF, AS_OF)
    table = regions()
    scheme = p("split.scheme", any_day=True).value
    ratios = {z: p(f"split.{z}").value for z in ("east", "middle", "west")}
    zone_of = {}
    for prov in table.provinces:
        zone = table.zone(prov, scheme)
        for name in {prov.name, prov.short, prov.code}:
            zone_of[name] = zone
    return {
        "types": list(p.criterion("applicant.types").value), "classes": list(p.criterion("vehicle.passenger_classes").value),
        "gas_by": p.criterion("old.gasoline_registered_by").value, "diesel_by": p.criterion("old.diesel_other_registered_by").value,
        "nev_by": p.criterion("old.nev_registered_by").value, "max_disp": float(p.criterion("new.fuel_max_displacement_l").value),
        "cert_from": p.criterion("certificates.from").value, "cert_until": p.criterion("certificates.until").value,
        "app_from": p.criterion("application.from").value, "app_until": p.criterion("application.until").value,
        "old_owned_by": p("owner.old_registered_by").value, "new_owned_from": p("owner.new_registered_during_review_from").value,
        "nev_amount": float(p("amount.scrap_any_buy_nev").value), "fuel_amount": float(p("amount.scrap_fuel_buy_fuel").value),
        "central": {z: float(r.first / (r.first + r.second)) for z, r in ratios.items()}, "zone_of": zone_of,
    }


def _columns(path: str):
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    t = pq.read_table(path)

    def days(name):  # date32 → int days since epoch; null → -1
        return pc.fill_null(t[name].cast("int32"), -1).to_numpy()

    def text(name):
        return t[name].to_numpy(zero_copy_only=False) if name in t.column_names else np.full(t.num_rows, None, object)

    def flag(name):  # 1 true, 0 false, -1 null
        col = t[name]
        return np.where(pc.is_null(col).to_numpy(zero_copy_only=False), -1, pc.fill_null(col, False).to_numpy(zero_copy_only=False).astype(np.int8))

    def num(name):
        return pc.fill_null(t[name].cast("float64"), float("nan")).to_numpy() if name in t.column_names else np.full(t.num_rows, np.nan)

    return t, days, text, flag, num


def peer_numpy(registry: str, out: str) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    v = _rule_values()
    t, days, text, flag, num = _columns(registry)
    epoch = date(1970, 1, 1)

    def d(x):
        return (x - epoch).days

    T, F, U = np.int8(1), np.int8(0), np.int8(-1)

    def cond(ok, known):
        return np.where(known, np.where(ok, T, F), U)

    conds = []
    ap = text("applicant.type")
    conds.append(cond(np.isin(ap, v["types"]), ap != None))  # noqa: E711 - elementwise
    for side in ("old_vehicle", "new_vehicle"):
        c = text(f"{side}.vehicle_class")
        conds.append(cond(np.isin(c, v["classes"]), c != None))  # noqa: E711
    fuel, reg = text("old_vehicle.fuel"), days("old_vehicle.registration_date")
    cutoff = np.select([fuel == "nev", fuel == "gasoline"], [d(v["nev_by"]), d(v["gas_by"])], d(v["diesel_by"]))
    conds.append(cond(reg <= cutoff, (fuel != None) & (reg >= 0)))  # noqa: E711
    new_fuel, cat, disp = text("new_vehicle.fuel"), flag("new_vehicle.in_nev_catalogue"), num("new_vehicle.displacement_l")
    is_nev = new_fuel == "nev"
    nev_ok = cond(cat == 1, cat >= 0)
    fuel_ok = np.where(fuel == "nev", F, cond(disp <= v["max_disp"], ~np.isnan(disp)))
    conds.append(np.where(new_fuel == None, U, np.where(is_nev, nev_ok, fuel_ok)))  # noqa: E711
    for field in ("scrap_certificate_on", "deregistration_certificate_on", "sales_invoice_on", "registration_certificate_on"):
        x = days(f"scrappage_application.{field}")
        conds.append(cond((x >= d(v["cert_from"])) & (x <= d(v["cert_until"])), x >= 0))
    q = flag("scrappage_application.scrap_certificate_by_qualified_dismantler")
    conds.append(cond(q == 1, q >= 0))
    sub = days("scrappage_application.submitted_on")
    conds.append(cond((sub >= d(v["app_from"])) & (sub <= d(v["app_until"])), sub >= 0))
    since = days("old_vehicle.in_applicant_name_since")
    conds.append(cond(since <= d(v["old_owned_by"]), since >= 0))
    paid_on, owned = days("scrappage_application.subsidy_paid_on"), flag("new_vehicle.in_applicant_name")
    conds.append(np.where((paid_on >= 0) & (paid_on < d(v["new_owned_from"])), T, cond(owned == 1, owned >= 0)))
    stack = np.vstack(conds)
    status = np.where((stack == F).any(axis=0), "does_not_apply", np.where((stack == U).any(axis=0), "cannot_tell", "applies"))
    applies = status == "applies"
    subsidy = np.where(applies, np.where(is_nev, v["nev_amount"], v["fuel_amount"]), np.nan)
    paid = num("scrappage_application.subsidy_already_paid")
    top_up = np.where(applies & ~np.isnan(paid), np.maximum(0, subsidy - paid), np.nan)
    zone = np.vectorize(v["zone_of"].get, otypes=[object])(text("scrappage_application.invoice_province"))
    share = np.select([zone == "east", zone == "middle", zone == "west"], [v["central"][z] for z in ("east", "middle", "west")], np.nan)
    central = np.round(subsidy * share, 2)
    pq.write_table(pa.table({"case_id": t["case_id"], "status": status, "subsidy": subsidy, "central_share": central,
                             "local_share": subsidy - central, "top_up_due": top_up}), out)


def peer_openfisca(registry: str, out: str) -> None:
    """The same rule as OpenFisca variables on one entity, fed the Parquet columns as input arrays."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq
    from openfisca_core import periods
    from openfisca_core.entities import build_entity
    from openfisca_core.simulations import SimulationBuilder
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    v = _rule_values()
    t, days, text, flag, num = _columns(registry)
    epoch = date(1970, 1, 1)
    Applicant = build_entity(key="applicant", plural="applicants", label="applicant", is_person=True)
    period = periods.period("2024")

    def d(x):
        return (x - epoch).days

    def inp(name, value_type=int, default=-1):
        return type(name, (Variable,), {"value_type": value_type, "entity": Applicant, "definition_period": periods.DateUnit.YEAR,
                                        "default_value": default, "label": name})

    inputs = {"applicant_type_ok": bool, "old_class_ok": bool, "new_class_ok": bool, "old_fuel_code": int, "old_registered": int,
              "new_fuel_code": int, "nev_catalogue": int, "displacement": float, "scrap_on": int, "dereg_on": int,
              "invoice_on": int, "registration_on": int, "qualified": int, "submitted_on": int, "owned_since": int,
              "paid_on": int, "owned_now": int, "paid": float, "central_share_rate": float}
    variables = [inp(n, tp, False if tp is bool else (float("nan") if tp is float else -1)) for n, tp in inputs.items()]

    def formula_status(person, period_):
        g = lambda n: person(n, period_)  # noqa: E731
        conds = []

        def cond(ok, known):
            return np.where(known, np.where(ok, 1, 0), -1)

        conds += [np.where(g("applicant_type_ok"), 1, 0), np.where(g("old_class_ok"), 1, 0), np.where(g("new_class_ok"), 1, 0)]
        fuel, reg = g("old_fuel_code"), g("old_registered")
        cutoff = np.select([fuel == 3, fuel == 0], [d(v["nev_by"]), d(v["gas_by"])], d(v["diesel_by"]))
        conds.append(cond(reg <= cutoff, (fuel >= 0) & (reg >= 0)))
        nf, cat, disp = g("new_fuel_code"), g("nev_catalogue"), g("displacement")
        conds.append(np.where(nf < 0, -1, np.where(nf == 3, cond(cat == 1, cat >= 0),
                                                   np.where(fuel == 3, 0, cond(disp <= v["max_disp"], ~np.isnan(disp))))))
        for n in ("scrap_on", "dereg_on", "invoice_on", "registration_on"):
            x = g(n)
            conds.append(cond((x >= d(v["cert_from"])) & (x <= d(v["cert_until"])), x >= 0))
        q = g("qualified")
        conds.append(cond(q == 1, q >= 0))
        s = g("submitted_on")
        conds.append(cond((s >= d(v["app_from"])) & (s <= d(v["app_until"])), s >= 0))
        since = g("owned_since")
        conds.append(cond(since <= d(v["old_owned_by"]), since >= 0))
        po, owned = g("paid_on"), g("owned_now")
        conds.append(np.where((po >= 0) & (po < d(v["new_owned_from"])), 1, cond(owned == 1, owned >= 0)))
        stack = np.vstack(conds)
        return np.where((stack == 0).any(axis=0), 0, np.where((stack == -1).any(axis=0), 2, 1))  # 0 no, 1 applies, 2 cannot tell

    def formula_subsidy(person, period_):
        applies = person("status_code", period_) == 1
        return np.where(applies, np.where(person("new_fuel_code", period_) == 3, v["nev_amount"], v["fuel_amount"]), 0.0)

    def formula_central(person, period_):
        return np.round(person("subsidy", period_) * person("central_share_rate", period_), 2)

    def formula_top_up(person, period_):
        paid = person("paid", period_)
        return np.where(np.isnan(paid), 0.0, np.maximum(0.0, person("subsidy", period_) - np.nan_to_num(paid)))

    for name, tp, f in (("status_code", int, formula_status), ("subsidy", float, formula_subsidy),
                        ("central_share", float, formula_central), ("top_up_due", float, formula_top_up)):
        variables.append(type(name, (Variable,), {"value_type": tp, "entity": Applicant, "definition_period": periods.DateUnit.YEAR,
                                                  "label": name, "formula": f}))
    system = TaxBenefitSystem([Applicant])
    for var in variables:
        system.add_variable(var)
    n = t.num_rows
    sim = SimulationBuilder().build_default_simulation(system, n)
    fuel_code = {"gasoline": 0, "diesel": 1, "other_fuel": 2, "nev": 3}
    codes = np.vectorize(lambda x: fuel_code.get(x, -1), otypes=[np.int64])
    zone = np.vectorize(v["zone_of"].get, otypes=[object])(text("scrappage_application.invoice_province"))
    share = np.select([zone == "east", zone == "middle", zone == "west"], [v["central"][z] for z in ("east", "middle", "west")], np.nan)
    values = {
        "applicant_type_ok": np.isin(text("applicant.type"), v["types"]),
        "old_class_ok": np.isin(text("old_vehicle.vehicle_class"), v["classes"]),
        "new_class_ok": np.isin(text("new_vehicle.vehicle_class"), v["classes"]),
        "old_fuel_code": codes(text("old_vehicle.fuel")), "old_registered": days("old_vehicle.registration_date"),
        "new_fuel_code": codes(text("new_vehicle.fuel")), "nev_catalogue": flag("new_vehicle.in_nev_catalogue"),
        "displacement": num("new_vehicle.displacement_l"),
        "scrap_on": days("scrappage_application.scrap_certificate_on"),
        "dereg_on": days("scrappage_application.deregistration_certificate_on"),
        "invoice_on": days("scrappage_application.sales_invoice_on"),
        "registration_on": days("scrappage_application.registration_certificate_on"),
        "qualified": flag("scrappage_application.scrap_certificate_by_qualified_dismantler"),
        "submitted_on": days("scrappage_application.submitted_on"), "owned_since": days("old_vehicle.in_applicant_name_since"),
        "paid_on": days("scrappage_application.subsidy_paid_on"), "owned_now": flag("new_vehicle.in_applicant_name"),
        "paid": num("scrappage_application.subsidy_already_paid"), "central_share_rate": share,
    }
    for name, array in values.items():
        sim.set_input(name, period, np.asarray(array).astype(type(system.variables[name].default_value) if name != "applicant_type_ok" else bool))
    status = np.array(["does_not_apply", "applies", "cannot_tell"])[sim.calculate("status_code", period)]
    subsidy = sim.calculate("subsidy", period)
    central = sim.calculate("central_share", period)
    pq.write_table(pa.table({"case_id": t["case_id"], "status": status, "subsidy": subsidy, "central_share": central,
                             "local_share": subsidy - central, "top_up_due": sim.calculate("top_up_due", period)}), out)


def agreement(peer_out: str, zhengce_out: str) -> float:
    """Share of rows whose status the peer and zhengce agree on."""
    import pyarrow.parquet as pq

    a = pq.read_table(peer_out, columns=["status"])["status"].to_numpy(zero_copy_only=False)
    b = pq.read_table(zhengce_out, columns=["status"])["status"].to_numpy(zero_copy_only=False)
    return round(float((a == b).mean()), 6) if len(a) == len(b) else 0.0


def per_case_comparison(tmp: str, registry: str, n: int, sizing: list[str]) -> dict:
    """The first ``n`` rows screened both ways (columnar, and every row per case), 1 worker: wall
    times, and whether the rows written are identical."""
    import pyarrow.parquet as pq

    head = str(Path(tmp) / "head.parquet")
    pq.write_table(pq.read_table(registry).slice(0, n), head, compression="zstd")
    out: dict = {"cases": n}
    tables = {}
    for mode in ("columnar", "no-columnar"):
        path = str(Path(tmp) / f"head-{mode}.parquet")
        r = measure([str(BIN / "zhengce"), "screen", head, "--out", path, "--as-of", AS_OF.isoformat(), f"--{mode}",
                     *sizing, "--no-progress"])
        if "wall_s" in r:
            r["cases_per_s"] = round(n / r["wall_s"])
            tables[mode] = pq.read_table(path)
        out[mode.replace("-", "_")] = r
    if len(tables) == 2:
        out["identical_rows"] = tables["columnar"].equals(tables["no-columnar"])
        summaries = [json.loads(Path(str(Path(tmp) / f"head-{m}.parquet.summary.json")).read_text(encoding="utf-8"))
                     for m in ("columnar", "no-columnar")]
        out["identical_counts"] = summaries[0]["policies"] == summaries[1]["policies"]
        out["speedup"] = round(out["no_columnar"]["wall_s"] / out["columnar"]["wall_s"], 1)
    return out


def targets(report: dict) -> dict:
    """Issue 13's targets, from the figures of this run."""
    z, peers = report["zhengce"], report["peers"]
    best = z.get("local_1", {})
    out: dict = {}
    of = peers.get("openfisca", {})
    if "cases_per_s" in best and "cases_per_s" in of:
        ratio = round(best["cases_per_s"] / of["cases_per_s"], 2)
        out["throughput_vs_openfisca_1_worker"] = {"ratio": ratio, "target": 0.5, "goal": 1.0, "holds": ratio >= 0.5}
    fastest = max((r for r in z.values() if "cases_per_s" in r), key=lambda r: r["cases_per_s"], default=None)
    if fastest and "cases_per_s" in of:
        out["throughput_vs_openfisca_best"] = round(fastest["cases_per_s"] / of["cases_per_s"], 2)
    rss = [r["peak_rss_mib"] for r in z.values() if "peak_rss_mib" in r]
    if rss:
        out["peak_rss_mib_max"] = {"value": max(rss), "target": "< 1024", "holds": max(rss) < 1024}
        out["peak_pss_mib_max"] = max(r["peak_pss_mib"] for r in z.values() if "peak_pss_mib" in r)
    for engine in ("local", "dask", "dask-cluster"):
        for output in ("", "_directory"):
            one, two, label = z.get(f"{engine}_1{output}", {}), z.get(f"{engine}_2{output}", {}), f"{engine}{output}"
            if "wall_s" in one and "wall_s" in two:
                out[f"scaling_1_to_2_{label}"] = round(one["wall_s"] / two["wall_s"], 2)
            if "cases_per_s_beyond_fixed" in one and "cases_per_s_beyond_fixed" in two:  # the work, start-up aside
                out[f"scaling_1_to_2_{label}_beyond_fixed"] = round(two["cases_per_s_beyond_fixed"]
                                                                     / one["cases_per_s_beyond_fixed"], 2)
    pair = report.get("two_one_worker_runs_at_once", {})
    if "scaling" in pair:  # the machine's own limit for two processes of this work
        out["scaling_ceiling_two_independent_runs"] = pair["scaling"]
    if "per_case" in report:
        out["identical_to_per_case"] = report["per_case"].get("identical_rows") and report["per_case"].get("identical_counts")
    return out


def median_run(repeats: int, once) -> dict:
    """``once()`` run ``repeats`` times: the run of median wall time, with every wall time beside it (this
    machine is shared: one run can be a third slower than the next)."""
    runs = [once() for _ in range(max(repeats, 1))]
    timed = sorted((r for r in runs if "wall_s" in r), key=lambda r: r["wall_s"])
    if not timed:
        return runs[0]
    best = dict(timed[len(timed) // 2])
    if len(runs) > 1:
        best["walls_s"] = [r.get("wall_s") for r in runs]
    return best


class StandingCluster:
    """A Dask cluster of ``workers`` processes started here, outside the timed command, which reaches it
    by ``--scheduler``: what a platform's nightly run finds (a cluster already up, its workers not yet
    holding a kernel).  The cluster ``zhengce screen --engine dask`` starts (``engines.local_cluster``)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def __enter__(self) -> str:
        import psutil

        from zhengce.kernel.batch.engines import local_cluster

        self.cluster = local_cluster(self.workers)
        # its processes (nannies and workers, children of this one), whose memory the run's figure includes
        self.pids = tuple(p.pid for p in psutil.Process().children(recursive=True))
        return self.cluster.scheduler_address

    def __exit__(self, *exc) -> None:
        self.cluster.close()


def run_zhengce(tmp: str, registry: str, tiny: str, name: str, cases: int, engine: str, workers: int, sizing: list[str],
                repeats: int = 1) -> dict:
    """``zhengce screen`` of the registry into ``tmp/name`` (ending in ``/``: a results directory), and
    of the 10-row registry ``tiny`` the same way: the fixed cost of a run (start-up, workers, merge).
    ``engine`` ``dask-cluster``: Dask on a cluster already running (:class:`StandingCluster`, a fresh
    one for every run), whose start is not timed."""
    def target(name: str) -> str:  # Path drops a trailing separator: a directory keeps it
        return str(Path(tmp) / name) + ("/" if name.endswith("/") else "")

    out = target(name)
    options = ["--as-of", AS_OF.isoformat(), "--workers", str(workers), "--no-progress"]

    def screen(source: str, into: str, extra: list[str]) -> dict:
        if engine != "dask-cluster":
            return measure([str(BIN / "zhengce"), "screen", source, "--out", into, "--engine", engine, *options, *extra])
        with (standing := StandingCluster(workers)) as address:
            return measure([str(BIN / "zhengce"), "screen", source, "--out", into, "--scheduler", address, *options, *extra],
                           also=standing.pids)

    r = median_run(repeats, lambda: screen(registry, out, sizing))
    if "wall_s" not in r:
        return r
    r["cases_per_s"] = round(cases / r["wall_s"])
    summary = json.loads(Path(out.rstrip("/") + ".summary.json").read_text(encoding="utf-8"))
    r["counts"] = summary["policies"]["tradein.car_scrappage_subsidy"]["counts"]
    r["columnar"] = summary.get("columnar")
    fixed = median_run(repeats, lambda: screen(tiny, target("tiny-" + name), []))
    if "wall_s" in fixed and r["wall_s"] > fixed["wall_s"]:
        r["fixed_s"] = fixed["wall_s"]
        r["cases_per_s_beyond_fixed"] = round((cases - 10) / (r["wall_s"] - fixed["wall_s"]))
    return r


def machine_ceiling(tmp: str, registry: str, cases: int, sizing: list[str], alone: dict, directory: bool,
                    repeats: int = 1) -> dict:
    """Two independent one-worker runs of the same registry started at once: what two processes of this
    work get from this machine together, nothing shared between them but the hardware.  ``scaling``
    (``2 × alone / pair``) is the most a 2-worker run could reach; below 2 by the cores' shared caches,
    memory bandwidth and whatever else the machine runs."""
    suffix = "/" if directory else ".parquet"
    options = ["--as-of", AS_OF.isoformat(), "--workers", "1", "--no-progress", *sizing]
    cmds = [[str(BIN / "zhengce"), "screen", registry, "--out", str(Path(tmp) / f"pair-{i}") + suffix, *options] for i in (1, 2)]
    r = median_run(repeats, lambda: measure(*cmds))
    if "wall_s" in r and "wall_s" in alone:
        r["cases_per_s"] = round(2 * cases / r["wall_s"])
        r["scaling"] = round(2 * alone["wall_s"] / r["wall_s"], 2)
    return r


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--engines", default="local,dask,dask-cluster",
                        help="local processes; dask: a LocalCluster the run starts; dask-cluster: a cluster already up")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each configuration: the median is reported")
    parser.add_argument("--outputs", default="file,directory",
                        help="results written as one merged file, as a results directory (part files, no merge), or both")
    parser.add_argument("--partition-size", type=int, help="rows per partition (default: zhengce's, by format)")
    parser.add_argument("--per-case-cases", type=int, default=100_000,
                        help="also screen the first N rows with --no-columnar (every row per case), 1 worker, and check "
                             "the rows written are identical to the columnar path's (0: skip)")
    parser.add_argument("--enterprises", type=int, default=0,
                        help="also screen this many synthetic multi-domain enterprises against every policy (local engine)")
    parser.add_argument("--dir", help="working directory (default: a temporary one, removed)")
    parser.add_argument("--peer", nargs=3, metavar=("NAME", "REGISTRY", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peer:
        name, registry, out = args.peer
        (peer_numpy if name == "numpy" else peer_openfisca)(registry, out)
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        registry = str(Path(tmp) / "registry.parquet")
        t0 = time.perf_counter()
        subprocess.run([str(BIN / "zhengce"), "generate", "cars", "--rows", str(args.cases), "--seed", str(args.seed),
                        "--out", registry], check=True, stderr=subprocess.DEVNULL)
        report: dict = {
            "benchmark": "screen a car registry from Parquet, end to end (process start, read, validate, evaluate, write Parquet)",
            "cases": args.cases, "seed": args.seed, "synthetic": True, "as_of": AS_OF.isoformat(),
            "python": sys.version.split()[0], "machine": platform.machine(), "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "generate_s": round(time.perf_counter() - t0, 2), "registry_mib": round(os.path.getsize(registry) / 2**20, 1),
            "zhengce": {}, "peers": {},
        }
        reference = None
        sizing = ["--partition-size", str(args.partition_size)] if args.partition_size else []
        tiny = str(Path(tmp) / "tiny.parquet")  # the fixed cost of a run (start-up, workers, merge) on 10 rows
        subprocess.run([str(BIN / "zhengce"), "generate", "cars", "--rows", "10", "--seed", str(args.seed), "--out", tiny],
                       check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        for engine in args.engines.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                for kind in args.outputs.split(","):  # one merged file, or a results directory (no merge)
                    key = f"{engine}_{workers}" + ("_directory" if kind == "directory" else "")
                    name = f"zhengce-{key}" + ("/" if kind == "directory" else ".parquet")
                    r = run_zhengce(tmp, registry, tiny, name, args.cases, engine, workers, sizing, args.repeats)
                    if "wall_s" in r and kind == "file":
                        reference = reference or str(Path(tmp) / name)
                    report["zhengce"][key] = r
                    print(f"[bench] {key}: {r}", file=sys.stderr)
        alone = report["zhengce"].get("local_1_directory") or report["zhengce"].get("local_1")
        if alone and "wall_s" in alone:
            report["two_one_worker_runs_at_once"] = machine_ceiling(tmp, registry, args.cases, sizing, alone,
                                                                    "local_1_directory" in report["zhengce"], args.repeats)
            print(f"[bench] two 1-worker runs at once: {report['two_one_worker_runs_at_once']}", file=sys.stderr)
        if args.per_case_cases:
            report["per_case"] = per_case_comparison(tmp, registry, min(args.per_case_cases, args.cases), sizing)
            print(f"[bench] per case: {report['per_case']}", file=sys.stderr)
        peers = ["numpy", "openfisca"]
        for name in peers:
            try:
                __import__("numpy" if name == "numpy" else "openfisca_core")
            except ImportError:
                report["peers"][name] = {"skipped": f"{name} is not installed (pip install 'zhengce[bench]')"}
                continue
            out = str(Path(tmp) / f"{name}.parquet")
            r = median_run(args.repeats, lambda name=name, out=out: measure([sys.executable, str(HERE), "--peer", name, registry, out]))
            if "wall_s" in r:
                r["cases_per_s"] = round(args.cases / r["wall_s"])
                if reference:
                    r["agreement_with_zhengce"] = agreement(out, reference)
            report["peers"][name] = r
            print(f"[bench] {name}: {r}", file=sys.stderr)
        if args.enterprises:
            ents = str(Path(tmp) / "enterprises.parquet")
            subprocess.run([str(BIN / "zhengce"), "generate", "enterprises", "--rows", str(args.enterprises), "--seed",
                            str(args.seed), "--out", ents], check=True, stderr=subprocess.DEVNULL)
            report["enterprises"] = {"cases": args.enterprises}
            for workers in (int(w) for w in args.workers.split(",")):
                out = str(Path(tmp) / f"enterprises-{workers}.parquet")
                r = measure([str(BIN / "zhengce"), "screen", ents, "--out", out, "--as-of", AS_OF.isoformat(),
                             "--workers", str(workers), *sizing, "--no-progress"])
                if "wall_s" in r:
                    summary = json.loads(Path(out + ".summary.json").read_text(encoding="utf-8"))
                    r |= {"cases_per_s": round(args.enterprises / r["wall_s"]), "result_rows": summary["written"],
                          "policies_reached": len(summary["policies"]), "invalid": summary["invalid"]}
                report["enterprises"][f"local_{workers}"] = r
                print(f"[bench] enterprises local {workers}: {r}", file=sys.stderr)
        report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        report["targets"] = targets(report)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
