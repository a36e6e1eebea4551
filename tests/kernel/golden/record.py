"""Record the golden decision records and explanations of every example case (see ``test_golden.py``).

    .venv/bin/python tests/kernel/golden/record.py

Run it only when an output change is deliberate (a plugin's new rule or wording), then review the diff
of ``records/`` like any other change: the copies are what the engine said before.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from zhengce.contracts import dump
from zhengce.kernel import Kernel

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE.parents[2] / "examples" / "cases").glob("*.json"))
RECORDS = HERE / "records"
#: Two assessment days: inside the 2024 programmes, and after most of them ended.
DAYS = (date(2024, 10, 1), date(2025, 3, 1))
#: Fields that name versions, not outcomes: a version bump alone does not change what was decided.
VERSION_FIELDS = ("kernel_version", "plugins", "plugin_set")


def observe(kernel: Kernel, data: dict) -> dict:
    """Everything the engine says about one case: traced and screening records, explanations in zh and en."""
    seen = {}
    for day in DAYS:
        traced = kernel.evaluate(data, as_of=day)
        screening = kernel.evaluate(data, as_of=day, trace=False)
        seen[day.isoformat()] = {
            "traced": _without_versions(dump(traced)),
            "screening": _without_versions(dump(screening)),
            "explanations": {lang: [dump(kernel.explain(r, lang)) for r in traced.results] for lang in ("zh", "en")},
        }
    return seen


def _without_versions(record: dict) -> dict:
    for name in VERSION_FIELDS:
        record.pop(name, None)
    for result in record.get("results", ()):
        result.pop("version", None)
    return record


def main() -> None:
    kernel = Kernel()
    RECORDS.mkdir(exist_ok=True)
    for old in RECORDS.glob("*.json"):
        old.unlink()
    for path in CASES:
        seen = observe(kernel, json.loads(path.read_text(encoding="utf-8")))
        (RECORDS / path.name).write_text(json.dumps(seen, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                                         encoding="utf-8")
    print(f"recorded {len(CASES)} cases into {RECORDS}", file=sys.stderr)


if __name__ == "__main__":
    main()
