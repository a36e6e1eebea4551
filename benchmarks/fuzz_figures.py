"""Reliability figures: every mutation of every example field, malformed files, faulty plugins.  A script.

    python3 benchmarks/fuzz_figures.py [--cli 300] [--malformed 2000] [--seed 2024]

Runs, through the Python API, every mutation of :data:`zhengce.kernel.fuzz.MUTATIONS` at every field of
every example case (each field it has, and each field its objects declare); a seeded sample of them
through ``zhengce evaluate`` in-process; seeded malformed files (cut, a byte changed, bytes added, other
encodings); and one faulty plugin of each kind of :mod:`zhengce.kernel.faults` next to the real plugins,
on every example.  Prints one JSON document: inputs tried, clean errors, accepted, crashes, hangs, silent
wrong acceptances, wrong rejections (all four must be 0), and the plugin fault kinds isolated.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from zhengce.contracts import CaseValidationError, Status, dumps, parse_json
from zhengce.kernel import Kernel, fuzz
from zhengce.kernel.faults import FAULTS, FaultyPlugin

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2024, 9, 1)


def _malformed(rng: random.Random, examples: list[bytes]) -> bytes:
    raw = rng.choice(examples)
    kind = rng.randrange(5)
    at = rng.randrange(len(raw))
    if kind == 0:
        return raw[:at]
    if kind == 1:
        return raw[:at] + bytes([rng.randrange(256)]) + raw[at + 1:]
    if kind == 2:
        return raw[:at] + rng.randbytes(rng.randrange(1, 8)) + raw[at:]
    if kind == 3:
        return raw.decode("utf-8").encode(rng.choice(["utf-16", "utf-16-be", "utf-32", "gb18030"]))
    return rng.randbytes(rng.randrange(64))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", type=int, default=300, help="mutations also run through the CLI (sampled)")
    ap.add_argument("--malformed", type=int, default=2000, help="malformed files (half through the CLI, capped by --cli)")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    kernel = Kernel()
    examples = fuzz.examples(ROOT)
    outcomes: collections.Counter[str] = collections.Counter()
    by_door: dict[str, collections.Counter[str]] = {d: collections.Counter() for d in ("api", "cli", "malformed")}
    failures: list[dict[str, str]] = []
    start = time.monotonic()

    def record(door: str, outcome: str, **where: str) -> None:
        outcomes[outcome] += 1
        by_door[door][outcome] += 1
        if outcome not in fuzz.DOCUMENTED and len(failures) < 50:
            failures.append({"door": door, "outcome": outcome, **where})

    items = [(name, data, t, m) for name, data in examples for t in fuzz.targets(kernel.case_type, data)
             for m in fuzz.MUTATIONS]
    for name, data, t, m in items:
        if m.value is fuzz.SKIP:
            continue
        valid = fuzz.expected_valid(t.type, t.domain, m.value, t.each)
        raw, detail = fuzz.run_api(kernel, fuzz.mutate(data, t.path, m.value), as_of=AS_OF)
        record("api", fuzz.judge(valid, raw), example=name, path=t.dotted, mutation=m.label, detail=detail)

    work = Path(tempfile.mkdtemp(prefix="zhengce-fuzz-"))
    for name, data, t, m in rng.sample([i for i in items if i[3].json_text is not None], args.cli):
        valid = fuzz.expected_valid(t.type, t.domain, fuzz.json_value(m), t.each)
        raw, detail = fuzz.run_cli(fuzz.as_json_text(data, t.path, m), work, as_of=AS_OF)
        record("cli", fuzz.judge(valid, raw), example=name, path=t.dotted, mutation=m.label, detail=detail)

    texts = [json.dumps(d, ensure_ascii=False).encode("utf-8") for _, d in examples]
    for i in range(args.malformed):
        text = _malformed(rng, texts)
        if i % 2 and i // 2 < args.cli:
            raw, detail = fuzz.run_cli(text, work, as_of=AS_OF)
        else:
            try:
                rec = kernel.evaluate(parse_json(text), as_of=AS_OF)
                raw, detail = ("crash", "error result") if any(r.error for r in rec.results) else ("accepted", "")
                dumps(rec).encode("utf-8")
            except CaseValidationError as exc:
                json.dumps(exc.to_json(), ensure_ascii=False).encode("utf-8")
                raw, detail = "clean_error", ""
            except Exception as exc:  # noqa: BLE001
                raw, detail = "crash", f"{type(exc).__name__}: {exc}"[:200]
        record("malformed", raw, detail=detail, input=repr(text[:80]))

    isolated, not_isolated = [], []
    with_applicant = [(n, d if d.get("applicant") else {**d, "applicant": {"type": "enterprise"}}) for n, d in examples]
    baseline = {n: dumps(kernel.evaluate(d, as_of=AS_OF).results) for n, d in with_applicant}
    for kind in sorted(FAULTS):
        plugin = FaultyPlugin(kind)
        faulty = Kernel(policy_timeout=0.3 if "sleep" in kind or kind in ("busy_loop", "retry_forever") else 10)
        faulty.register(plugin)
        ok = True
        for n, d in with_applicant:
            rec = faulty.evaluate(d, as_of=AS_OF)
            mine = rec.result(plugin.policy_id)
            others = dumps(tuple(r for r in rec.results if r.policy_id != plugin.policy_id))
            status_ok = (mine.status is Status.APPLIES if plugin.expected is None else
                         mine.status is Status.ERROR and mine.error.kind == plugin.expected)
            try:
                explained = all(faulty.explain(r, "zh").summary for r in rec.results)
                json.loads(dumps(rec))
            except Exception:  # noqa: BLE001
                explained = False
            ok = ok and status_ok and explained and others == baseline[n]
        (isolated if ok else not_isolated).append(kind)

    print(json.dumps({
        "inputs_tried": sum(outcomes.values()),
        "clean_errors": outcomes["clean_error"],
        "accepted": outcomes["accepted"],
        "crashes": outcomes["crash"],
        "hangs": outcomes["hang"],
        "silent_wrong_acceptances": outcomes["silent_wrong"],
        "wrong_rejections": outcomes["wrong_rejection"],
        "by_door": {door: dict(c) for door, c in by_door.items()},
        "examples": len(examples),
        "fields": len({(n, t.dotted) for n, _, t, _ in items}),
        "mutations": len(fuzz.MUTATIONS),
        "plugin_fault_kinds": len(FAULTS),
        "plugin_fault_kinds_isolated": len(isolated),
        "plugin_faults_not_isolated": not_isolated,
        "failures": failures,
        "seconds": round(time.monotonic() - start, 1),
        "python": sys.version.split()[0],
    }, indent=2, ensure_ascii=False))
    bad = outcomes["crash"] + outcomes["hang"] + outcomes["silent_wrong"] + outcomes["wrong_rejection"] + len(not_isolated)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
