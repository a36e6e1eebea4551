"""The ``zhengce`` command line.

    zhengce evaluate CASE.json [--as-of DATE] [--known-at DATE] [--format json|table] [--lang zh|en] [--strict]
    zhengce policies [--format json|table]
    zhengce plugins  [--format json|table]
    zhengce schema [--of case|decision]
    zhengce screen REGISTRY.parquet|.csv|.jsonl [--out RESULTS.parquet] [--workers N] [--engine local|dask] ...
    zhengce generate cars|enterprises --rows N --out REGISTRY.parquet   (synthetic registries)
    zhengce whatif POPULATION.parquet|.csv|.jsonl --reform PATCH.yaml [--weights FIELD] [--workers N] [--engine local|dask]
                   [--format table|json] [--chart out.png|out.svg]
    zhengce replay RECORD.json CASE.json [--format json|table]
    zhengce ask CASE.json [--as-of DATE] [--lang zh|en] [--out FILE]   (an interview: see kernel/ask.py)
    zhengce interview [--cases DIR] [--port N]   (the interview page: see kernel/interview.py)
    zhengce serve [--host 127.0.0.1] [--port 8000] [--workers N]   (HTTP; docs/service.md)

``--block NAME`` (repeatable, before the command) keeps an installed plugin from loading.

Exit codes (``evaluate``, ``policies``, ``plugins``, ``schema``, ``replay``): 0 done; 2 invalid input
(every problem listed by path: ``{"error": "invalid_input", "problems": [...]}`` on stdout with
``--format json``, else on stderr); 3 some result is ``error`` or a plugin, policy or section failed to
load (the output is still printed; ``--allow-load-problems`` makes load problems alone 0); 4 ``replay``:
the record does not reproduce; 1 any other failure; 130 interrupted.  See docs/output.md.
``--format json`` prints the versioned decision record (``format: zhengce.decision/1``,
see docs/output.md) with the explanation of each result in ``--lang``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from zhengce.contracts import CaseValidationError, Problem, Status, dump, limits, parse_json

from .kernel import KERNEL_VERSION, Kernel, PluginLoadError, PolicyEvaluationError

STATUS_STYLE = {
    Status.APPLIES: "bold green",
    Status.DOES_NOT_APPLY: "yellow",
    Status.CANNOT_TELL: "magenta",
    Status.ERROR: "bold red",
}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


#: The commands ``_parser`` defines itself; the others come from modules with heavier imports
#: (batch, ask, interview, service), in this order after them.
CORE_COMMANDS = ("evaluate", "policies", "plugins", "schema", "whatif", "replay")
OTHER_COMMANDS = ("screen", "generate", "ask", "interview", "serve")


def _command(argv: list[str]) -> str | None:
    """The command ``argv`` names, when only ``--block`` options precede it (else None: let argparse say)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--block":
            i += 2
        elif arg.startswith("--block="):
            i += 1
        else:
            return None if arg.startswith("-") else arg
    return None


def _parser(full: bool = True) -> argparse.ArgumentParser:
    """The command line.  ``full=False`` (a core command is being run) leaves the other commands'
    modules unimported: they are stubs, listed in the same order, that are never parsed."""
    parser = argparse.ArgumentParser(prog="zhengce", description="Rules-as-code for 2024 Chinese enterprise-support policy.")
    parser.add_argument("--block", action="append", default=[], metavar="PLUGIN", help="do not load this installed plugin")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="evaluate a case (JSON file, or - for stdin)")
    ev.add_argument("case", help="path to a case JSON file, or - for stdin")
    ev.add_argument("--as-of", type=_date, help="assessment day (default: today)")
    ev.add_argument("--known-at", type=_date, help="knowledge day: only documents issued by then count (default: --as-of)")
    ev.add_argument("--format", choices=("json", "table"), default="table")
    ev.add_argument("--lang", choices=("zh", "en"), default="zh")
    ev.add_argument("--strict", action="store_true", help="raise on a failing plugin instead of reporting it")
    ev.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                    help="time budget of one policy (default: $ZHENGCE_POLICY_TIMEOUT or 10; 0: none)")
    for name, text in (("policies", "list the policies of the installed plugins"), ("plugins", "list installed plugins and their versions")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--format", choices=("json", "table"), default="table")
    sch = sub.add_parser("schema", help="print the JSON Schema of the case (input) or of `evaluate --format json` (output)")
    sch.add_argument("--of", choices=("case", "decision"), default="case")
    wi = sub.add_parser("whatif", help="the cost of a reform (a parameter patch) over a population, and who pays",
                        description="Baseline and reform over a population, on the batch engine. See docs/whatif.md.")
    wi.add_argument("population", help="the population: a .jsonl, .csv or .parquet file (as `screen` reads)")
    wi.add_argument("--reform", required=True, help="the reform file (format: zhengce.reform/1)")
    wi.add_argument("--weights", metavar="FIELD", help="top-level field (or column) of each row: how many cases it stands for")
    wi.add_argument("--as-of", type=_date, help="assessment day (default: the reform's issue date)")
    wi.add_argument("--format", choices=("json", "table"), default="table")
    wi.add_argument("--lang", choices=("zh", "en"), default="zh", help="zone labels in the table (东部 / eastern ...)")
    wi.add_argument("--chart", metavar="OUT", help="also draw the cost change to OUT.png or OUT.svg")
    wi.add_argument("--input-format", choices=("jsonl", "csv", "parquet"), help="population format (default: from the suffix)")
    wi.add_argument("--workers", type=_workers, default=1, help="worker processes (default 1: this process)")
    wi.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes, or a Dask cluster")
    wi.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); implies --engine dask")
    wi.add_argument("--partition-size", type=_workers, default=5000, help="rows per partition (default 5000)")
    wi.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="progress on stderr (default: when stderr is a terminal)")
    rp = sub.add_parser("replay", help="evaluate a case again as a decision record says, and say whether it reproduces")
    rp.add_argument("record", help="a decision record (`evaluate --format json` output)")
    rp.add_argument("case", help="the case JSON file, or - for stdin")
    rp.add_argument("--format", choices=("json", "table"), default="table")
    rp.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="time budget of one policy")
    for p in (ev, sch, rp, *(sub.choices[n] for n in ("policies", "plugins"))):
        p.add_argument("--allow-load-problems", action="store_true",
                       help="exit 0 even when a plugin, policy or section failed to load (they are still reported)")
    if not full:
        for name in OTHER_COMMANDS:
            sub.add_parser(name)
        return parser
    from . import ask, interview
    from .batch import cli as batch_cli  # screen and generate live in zhengce.kernel.batch

    batch_cli.add_screen(sub, _date)
    batch_cli.add_generate(sub)
    ask.add_parser(sub, _date)
    interview.add_parser(sub, _date)
    from .service.cli import add_parser as add_serve_parser  # the HTTP service (kernel/service)

    add_serve_parser(sub)
    return parser


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds (0 or more): {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(full=_command(argv) not in CORE_COMMANDS).parse_args(argv)
    if args.command == "serve":  # each worker builds its own kernel
        from .service.cli import run as serve
        return serve(args)
    try:
        timeout = getattr(args, "timeout", None)
        timeout = "default" if timeout is None else (timeout or None)  # 0: no budget
        options = dict(block=args.block, strict=getattr(args, "strict", False), policy_timeout=timeout)
        if args.command == "evaluate":  # the case first: the kernel imports only the plugins it needs
            try:
                data, unread = _read_case(args.case), None
            except Exception as exc:  # noqa: BLE001 - raised once the kernel is built, as before
                data, unread = None, exc
            kernel = Kernel(**options, sections=list(data) if isinstance(data, dict) else None)
            if unread is not None:
                raise unread
            return _evaluate(kernel, args, data)
        if args.command == "screen":  # a table's header names its sections: only their plugins are imported
            from .batch.readers import registry_sections

            kernel = Kernel(**options, sections=registry_sections(args.cases, args.format))
        else:
            kernel = Kernel(**options)
        if args.command in ("screen", "generate"):
            from .batch import cli as batch_cli

            return batch_cli.run(kernel, args)
        if args.command == "whatif":
            return _whatif(kernel, args)
        loaded = 3 if kernel.problems and not getattr(args, "allow_load_problems", False) else 0
        if args.command == "schema":
            _print_json(kernel.case_schema() if args.of == "case" else decision_output_schema())
            return loaded
        if args.command == "plugins":
            return _plugins(kernel, args.format) or loaded
        if args.command == "policies":
            return _policies(kernel, args.format) or loaded
        if args.command == "replay":
            from .replay import replay_command

            return replay_command(kernel, args, _read_case, _print_json) or loaded
        if args.command == "ask":
            from . import ask

            return ask.run(kernel, args)
        from . import interview  # the one command left

        return interview.run(kernel, args)
    except CaseValidationError as exc:
        _error(args, 2, exc.to_json(), str(exc))
        return 2
    except KeyboardInterrupt:
        _error(args, 130, {"error": "interrupted", "message": "interrupted"}, "zhengce: interrupted")
        return 130
    except (PluginLoadError, PolicyEvaluationError, OSError, ValueError) as exc:
        _error(args, 1, {"error": "failed", "message": limits.clean(str(exc), 2000)}, f"zhengce: {limits.clean(str(exc), 2000)}")
        return 1


def _error(args: argparse.Namespace, code: int, data: dict[str, Any], text: str) -> None:
    """The one error shape of every command: JSON on stdout with ``--format json``, else text on stderr."""
    data = {**data, "exit_code": code}
    if getattr(args, "format", "table") == "json":
        _print_json(data)
    else:
        print(limits.clean(text, 10**6), file=sys.stderr)


def decision_output_schema() -> dict[str, Any]:
    """The JSON Schema of ``evaluate --format json``: the decision record plus explanations and load problems."""
    from zhengce.contracts import DecisionRecord, Explanation, json_schema

    schema = json_schema(DecisionRecord)
    explanation = json_schema(Explanation)
    schema["$defs"].update(explanation.pop("$defs"))
    schema["$defs"]["Explanation"] = {k: v for k, v in explanation.items() if not k.startswith("$") and k != "title"}
    schema["properties"]["explanations"] = {"type": "object", "additionalProperties": {"$ref": "#/$defs/Explanation"}}
    schema["properties"]["load_problems"] = {"type": "array", "items": {
        "type": "object", "properties": {"plugin": {"type": "string"}, "message": {"type": "string"}},
        "required": ["plugin", "message"], "additionalProperties": False}}
    return schema


def _print_json(data: Any) -> None:
    sys.stdout.write(limits.clean(json.dumps(data, ensure_ascii=False, indent=2), 1 << 62) + "\n")


def _read_case(path: str) -> Any:
    """The parsed JSON of a file (or stdin): unreadable, oversized, badly encoded or bad JSON is invalid input."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limits.MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(limits.MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise CaseValidationError([Problem("", f"no such file: {path}")]) from None
    except OSError as exc:
        raise CaseValidationError([Problem("", f"cannot read {path}: {exc.strerror or exc}")]) from None
    return parse_json(data)


def _evaluate(kernel: Kernel, args: argparse.Namespace, data: Any) -> int:
    record = kernel.evaluate(data, as_of=args.as_of, known_at=args.known_at)
    failed = any(r.status is Status.ERROR for r in record.results)
    status = 3 if failed or (kernel.problems and not args.allow_load_problems) else 0
    explanations = {r.policy_id: kernel.explain(r, args.lang) for r in record.results}
    if args.format == "json":
        data = dump(record)
        data["explanations"] = {pid: dump(e) for pid, e in explanations.items()}
        data["load_problems"] = [{"plugin": p.plugin, "message": p.message} for p in kernel.problems]
        _print_json(data)
        return status
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    console = Console(highlight=False)
    zh = args.lang == "zh"
    case_id = escape(limits.clean(record.case_id, 120)) if record.case_id else "—"
    head = f"案例 {case_id} · 评估日 {record.as_of} · 知悉日 {record.known_at}" if zh else \
        f"case {case_id} · as of {record.as_of} · known at {record.known_at}"
    console.print(head, style="bold")
    from .listing import assessment_notice
    from .render import localise, value_text
    specs = [kernel.policy(pid).spec for pid in sorted(explanations)]  # (kernel.policies: every plugin)
    for i, note in enumerate(assessment_notice(record.as_of, args.as_of is not None, specs, args.lang)):
        console.print(escape(note), style="bold yellow" if i else "bold reverse")
    if not record.results:
        console.print("没有适用于该案例所含事实的政策。" if zh else "No installed policy reads the facts this case carries.")
    for result in record.results:
        exp = explanations[result.policy_id]
        body = Table.grid(padding=(0, 1))
        body.add_column(overflow="fold")
        body.add_row(f"[{STATUS_STYLE[result.status]}]{escape(exp.summary)}[/]")
        if result.evaluation and result.evaluation.amounts:
            amounts = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
            amounts.add_column("项目" if zh else "amount")
            amounts.add_column("金额" if zh else "value", justify="right")
            for a in result.evaluation.amounts:
                amounts.add_row(localise(a.label.in_lang(args.lang), args.lang) if a.label else a.name,
                                value_text(a, args.lang))
            body.add_row(amounts)
        for line in exp.lines:
            body.add_row(escape(line.text))
            if line.citation:
                c = line.citation
                body.add_row(f"  [dim]└ {escape(c.document)} {escape(c.article)}：「{escape(c.quote)}」[/]")
        stamp = f"{result.policy_id} · {result.distribution} {result.version}"
        console.print(Panel(body, title=f"[bold]{exp.title}[/]", subtitle=stamp, subtitle_align="right"))
    for note in record.input_notes:
        console.print(f"[dim]{escape(note.path)}: {escape(note.message)} ({escape(note.since)})[/]")
    for p in kernel.problems:
        console.print(f"[red]plugin {escape(p.plugin)}: {escape(p.message)}[/]")
    return status


def _workers(text: str) -> int:
    from .batch.cli import _positive

    return _positive(text)


def _whatif(kernel: Kernel, args: argparse.Namespace) -> int:
    """``whatif``: exit 0; 2 on a bad reform, a missing or unreadable population, or any row that
    could not be compared (the report is still printed, with the invalid rows counted); 1 when an
    engine fails (a worker's plugins differ)."""
    from .batch.engines import EngineError, make_engine
    from .reform import ReformError, load_reform
    from .whatif import print_table, run_population, write_chart

    try:
        reform = load_reform(args.reform)
        engine = make_engine(args.engine, args.workers, args.scheduler, tuple(args.block))
    except ReformError as exc:
        print(f"zhengce: {exc}", file=sys.stderr)
        return 2
    except EngineError as exc:
        print(f"zhengce: {exc}", file=sys.stderr)
        return 1
    try:
        result = run_population(kernel, reform, args.population, engine, in_format=args.input_format, as_of=args.as_of,
                                weights=args.weights, block=tuple(args.block), partition_size=args.partition_size,
                                progress=args.progress)
    except ReformError as exc:
        print(f"zhengce: {exc}", file=sys.stderr)
        return 2
    except EngineError as exc:
        print(f"zhengce: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.close()
    _print_json(result.to_json()) if args.format == "json" else print_table(result, args.lang)
    if args.chart:
        write_chart(result, args.chart)
    invalid = result.tally.invalid
    if invalid:
        first = result.tally.invalid_examples[0]
        print(f"zhengce: {invalid} row(s) could not be compared (not counted in the totals); the first, row {first[0]}: "
              + "; ".join(f"{p['path']}: {p['message']}" for p in first[2]), file=sys.stderr)
    return 2 if invalid else 0


def _plugins(kernel: Kernel, fmt: str) -> int:
    rows = [dump(p) | {"policies": [r.spec.id for r in kernel.policies if r.plugin.name == p.name],
                       "sections": [n for n, o in kernel.sections.items() if o.plugin == p]} for p in kernel.plugins]
    shared = [n for n, o in kernel.sections.items() if o.plugin is None]
    broken = [{"plugin": p.plugin, "message": p.message} for p in kernel.problems]
    if fmt == "json":
        _print_json({"plugin_set": kernel.plugin_set, "plugins": rows, "shared_sections": shared, "problems": broken})
        return 0
    from .listing import plugins_text

    print(plugins_text(rows, shared, kernel.plugin_set, KERNEL_VERSION))
    for b in broken:
        print(f"broken: {b['plugin']}: {b['message']}")
    return 0


def _policies(kernel: Kernel, fmt: str) -> int:
    rows = []
    for reg in kernel.policies:
        params = reg.spec.parameters
        docs = [dump(d.ref()) | {"title": d.title} for d in params.documents.values()] if params else []
        rows.append({"id": reg.spec.id, "title": dump(reg.spec.title), "facts": list(reg.spec.facts),
                     "plugin": reg.plugin.name, "version": reg.plugin.version, "documents": docs})
    if fmt == "json":
        _print_json({"policies": rows})
        return 0
    from .listing import policies_text

    print(policies_text(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
