"""Write a seeded synthetic population of car scrappage applicants as JSON Lines.  A script.

    python benchmarks/whatif_population.py OUT.jsonl [--cases 100000] [--seed 2024] [--weight N]

The cases are :func:`car_throughput.generate`'s (the benchmark's realistic mix of eligible,
ineligible and incomplete applications); ``--weight N`` adds ``"weight": N`` to each line, for a
sample standing for N applicants each (``zhengce whatif --weights weight``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from car_throughput import generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--weight", type=int, help="add this weight to every line")
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        for case in generate(args.cases, args.seed):
            if args.weight is not None:
                case["weight"] = args.weight
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
