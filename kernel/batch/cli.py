"""The ``screen`` and ``generate`` subcommands (registered by ``zhengce.kernel.cli``).

    zhengce screen REGISTRY [--format jsonl|csv|parquet] [--out RESULTS.parquet|.jsonl|DIR/] [--summary FILE]
                   [--as-of DATE] [--known-at DATE] [--workers N] [--engine local|dask] [--scheduler ADDRESS]
                   [--partition-size N] [--keep EXPR]... [--resume] [--progress|--no-progress]
    zhengce generate cars|enterprises --rows N [--seed S] --out REGISTRY.parquet|.csv|.jsonl

See ``docs/screening.md``.  ``screen`` exits 0 when done, 2 on bad input or usage (a
missing file, a bad ``--keep``), 130/143 when interrupted (SIGINT/SIGTERM; the summary
is written and ``--resume`` continues), 1 on any other failure (e.g. a worker's plugins differ).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from zhengce.contracts import CaseValidationError, Problem


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def add_screen(sub: Any, date_type: Any) -> None:
    from .readers import FORMATS
    from .writers import OUT_FORMATS

    sc = sub.add_parser("screen", help="screen a registry (JSON Lines, CSV, Parquet): one result row per case and policy",
                        description="Screen every case of a registry against every installed policy (免申即享). See docs/screening.md.")
    sc.add_argument("cases", help="the registry: a .jsonl, .csv or .parquet file (or - for JSON Lines/CSV on stdin)")
    sc.add_argument("--format", choices=FORMATS, help="input format (default: from the suffix)")
    sc.add_argument("--out", help="results file, .parquet or .jsonl, or a results directory DIR/ of part files written "
                                  "in parallel, no merge (default: JSON Lines on stdout)")
    sc.add_argument("--out-format", choices=OUT_FORMATS,
                    help="results format (default: from the --out suffix; a directory: parquet)")
    sc.add_argument("--summary", help="write the per-policy summary here (default: OUT.summary.json; always on stderr too)")
    sc.add_argument("--as-of", type=date_type, help="assessment day (default: today)")
    sc.add_argument("--known-at", type=date_type, help="knowledge day (default: --as-of)")
    sc.add_argument("--workers", type=_positive, default=1, help="worker processes (default 1: this process)")
    sc.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes, or a Dask cluster")
    sc.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); implies --engine dask")
    sc.add_argument("--partition-size", type=_positive, help="rows per partition (default 50,000 for Parquet, fewer for a small one: "
                                                                     "at least 8 partitions of 5,000; 5,000 otherwise)")
    sc.add_argument("--keep", action="append", default=[], metavar="EXPR",
                    help="write only rows matching: status=applies,cannot_tell | policy=GLOB,... | amount>=N | NAME>=N (repeat: all must hold)")
    sc.add_argument("--columnar", action=argparse.BooleanOptionalAction, default=True,
                    help="decide Parquet rows column by column where a policy has a columnar rule, the rest per case "
                         "(default; the rows written are the same: --no-columnar evaluates every row per case)")
    sc.add_argument("--resume", action="store_true", help="continue an interrupted run into the same --out")
    sc.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="progress with rate and ETA on stderr (default: when stderr is a terminal)")


def add_generate(sub: Any) -> None:
    from .synthetic import KINDS

    gen = sub.add_parser("generate", help="write a seeded SYNTHETIC registry (for examples, tests, benchmarks)")
    gen.add_argument("kind", choices=KINDS, help="cars: car scrappage applicants; enterprises: facts for several domains")
    gen.add_argument("--rows", type=_positive, default=1000)
    gen.add_argument("--seed", type=int, default=2024)
    gen.add_argument("--out", required=True, help="a .parquet, .csv or .jsonl file")


def run_screen_command(args: argparse.Namespace) -> int:
    from .engines import EngineError, make_engine
    from .results import Keep, KeepError
    from .run import ScreenJob, run_screen

    try:
        keep = Keep.parse(args.keep)
    except KeepError as exc:
        raise CaseValidationError([Problem("--keep", str(exc))]) from None
    job = ScreenJob(input=args.cases, in_format=args.format, out=args.out, out_format=args.out_format, summary=args.summary,
                    as_of=args.as_of or date.today(), known_at=args.known_at, block=tuple(args.block), keep=keep,
                    partition_size=args.partition_size, resume=args.resume, progress=args.progress, columnar=args.columnar)
    try:
        engine = make_engine(args.engine, args.workers, args.scheduler, job.block)
    except EngineError as exc:
        print(f"zhengce: {exc}", file=sys.stderr)
        return 1
    try:
        code, summary = run_screen(job, engine)
    except (EngineError, OSError) as exc:
        print(f"zhengce: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # a second signal: stopped at once, the partitions done are kept for --resume
        print("zhengce: stopped at once; the partitions done are kept: --resume continues", file=sys.stderr)
        return 130
    finally:
        engine.close()
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    if code:
        print(f"zhengce: interrupted by {summary['interrupted_by']}; "
              + (f"resume with: {summary['resume']}" if "resume" in summary else "nothing to resume (no --out)"), file=sys.stderr)
    return code


def run_generate_command(args: argparse.Namespace) -> int:
    from .synthetic import generate

    n = generate(args.kind, args.rows, args.out, seed=args.seed, block=tuple(args.block))
    print(json.dumps({"generated": args.kind, "rows": n, "seed": args.seed, "out": args.out, "synthetic": True}), file=sys.stderr)
    return 0


def run(kernel: Any, args: argparse.Namespace) -> int:
    """Run ``screen`` or ``generate`` with the CLI's kernel (reused as this process's worker kernel)."""
    from .worker import seed_kernel

    seed_kernel(kernel, tuple(args.block))
    return run_screen_command(args) if args.command == "screen" else run_generate_command(args)
