"""``zhengce ask CASE.json``: an interview in the terminal.

It asks the most useful missing fact (see :func:`zhengce.kernel.gaps.next_questions`), updates the
case, re-evaluates, and repeats until no answer can change any result or the person stops (an
empty answer or ``q``); then it writes the completed case (``--out``, default ``CASE.completed.json``)
and prints the results and the gaps left.
"""

from __future__ import annotations

import argparse
import enum
import json
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from zhengce.contracts import parse_json, unstructure

from .gaps import Question, field_type, set_fact

STOP = {"", "q", "quit", "exit", "停", "退出"}


def add_parser(sub: Any, date_type: Any) -> None:
    """Register the ``ask`` sub-command."""
    p = sub.add_parser("ask", help="interview: ask the missing facts that matter most, then write the completed case")
    p.add_argument("case", help="path to a case JSON file")
    p.add_argument("--as-of", type=date_type, help="assessment day (default: today)")
    p.add_argument("--known-at", type=date_type, help="knowledge day (default: --as-of)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--out", help="where to write the completed case (default: CASE.completed.json)")


def _choices(kernel: Any, q: Question) -> list[Any]:
    return [a.value for a in q.answers]


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def parse_answer(kernel: Any, path: str, text: str, choices: list[Any]) -> Any:
    """An answer typed by the person, read as the fact's declared type (a number of a choice, or a value)."""
    text = text.strip()
    if text.isdigit() and 1 <= int(text) <= len(choices) and not isinstance(choices[0], (int, Decimal)):
        return choices[int(text) - 1]
    tp = field_type(kernel, path)
    if tp is bool:
        if text.lower() in ("true", "yes", "y", "是", "1"):
            return True
        if text.lower() in ("false", "no", "n", "否", "0"):
            return False
        raise ValueError("answer true or false / 是 或 否")
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(text)
    if tp is date:
        return date.fromisoformat(text)
    if tp is int:
        return int(text)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def interview(kernel: Any, case: Any, *, as_of: date, known_at: date | None, lang: str,
              stdin: TextIO, stdout: TextIO) -> Any:
    """Ask until nothing can change or the person stops; return the completed case."""
    zh = lang == "zh"
    asked: set[str] = set()
    while True:
        questions = [q for q in kernel.next_questions(case, as_of=as_of, known_at=known_at) if q.fact not in asked]
        if not questions:
            stdout.write("没有可改变结果的问题了。\n" if zh else "Nothing left that could change a result.\n")
            return case
        q = questions[0]
        choices = _choices(kernel, q)
        listed = "  ".join(f"[{i}] {_show(v)}" for i, v in enumerate(choices, 1))
        stdout.write((f"\n{q.fact}？（关系到 {', '.join(q.policies)}；答案可使政策包变动至多 {q.swing} 元）\n  {listed}\n> " if zh else
                      f"\n{q.fact}? (for {', '.join(q.policies)}; the answer moves the package by up to CNY {q.swing})\n  {listed}\n> "))
        stdout.flush()
        line = stdin.readline()
        if not line or line.strip().lower() in STOP:
            stdout.write("\n")
            return case
        try:
            value = parse_answer(kernel, q.fact, line, choices)
            case = set_fact(kernel, case, q.fact, value)
        except Exception as exc:  # noqa: BLE001 - a bad answer is asked again
            stdout.write(f"  ✗ {exc}\n")
            continue
        asked.add(q.fact)


def run(kernel: Any, args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """The ``ask`` command: interview, write the completed case, print the package and the gaps left."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    path = Path(args.case)
    case = kernel.load_case(parse_json(path.read_text(encoding="utf-8")))
    as_of = args.as_of or date.today()
    case = interview(kernel, case, as_of=as_of, known_at=args.known_at, lang=args.lang, stdin=stdin, stdout=stdout)
    out = Path(args.out) if args.out else path.with_suffix(".completed.json")
    out.write_text(json.dumps(_drop_none(unstructure(case)), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    record = kernel.evaluate(case, as_of=as_of, known_at=args.known_at)
    for r in record.results:
        stdout.write(f"{r.policy_id}: {r.status.value}\n")
    for g in kernel.gaps(case, as_of=as_of, known_at=args.known_at):
        stdout.write(g.describe(args.lang) + "\n")
    stdout.write(f"{'已写入' if args.lang == 'zh' else 'written'}: {out}\n")
    return 0


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value
