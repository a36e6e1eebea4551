"""What would it take?  Gaps, the next question, and residual conditions.

Everything here is found by *re-evaluating* the case with one fact changed — never guessed:

* :func:`gaps` — for each result that does not apply, each failed, actionable comparison
  (recorded by :meth:`~zhengce.kernel.rules.Conditions.compare`): the fact's value, the bound, by how
  much it falls short, the nearest value that meets it (the bound itself, or one step past it when
  the reading is exclusive, 超过), and what meeting it unlocks across the whole package (the package
  total before and after, net of stacking, and every result that changes).
* :func:`next_questions` — the missing facts ranked by how far their answers move the best package
  still reachable (booleans both ways, each enum value, numbers and dates at the bounds the
  comparisons name), then by how many results an answer settles.  A fact none of whose answers
  changes any result is never proposed.
* :func:`residual` — for a ``cannot_tell`` result, what remains to be true for it to apply, cited.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from zhengce.contracts import (
    Amount,
    Case,
    Citation,
    Comparison,
    DecisionRecord,
    Explanation,
    ExplanationLine,
    Outcome,
    PolicyResult,
    Status,
    Text,
    unstructure,
)

from .rules import fact as _read, holds

__all__ = ["Change", "Unlock", "Gap", "Answer", "Question", "gaps", "next_questions", "residual",
           "with_residual", "package_total", "set_fact", "plausible_values"]

MONEY_STEP = Decimal("0.01")
SYMBOL = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "==": "="}


# --- results -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Change:
    """One result that changes: its status and granted CNY amount (after stacking), before and after."""

    policy_id: str
    status_before: Status | None
    status_after: Status | None
    granted_before: Decimal
    granted_after: Decimal
    amounts_before: tuple[Amount, ...] = ()  # every amount the result computes (granted or not)
    amounts_after: tuple[Amount, ...] = ()


@attrs.frozen(kw_only=True)
class Unlock:
    """What a change of the case does to the package: totals before and after, the net, every change."""

    total_before: Decimal
    total_after: Decimal
    changes: tuple[Change, ...] = ()

    @property
    def net(self) -> Decimal:
        return self.total_after - self.total_before

    def describe(self, lang: str = "en") -> list[str]:
        """One line per result that changes: status and granted amount before → after, and its amounts."""
        zh = lang == "zh"
        lines = []
        for c in self.changes:
            amounts = ", ".join(f"{(a.label.in_lang(lang) if a.label else a.name)} {_grouped(a.value)}" for a in c.amounts_after)
            status = f"{c.status_before.value if c.status_before else '—'} → {c.status_after.value if c.status_after else '—'}"
            granted = f"{_grouped(c.granted_before)} → {_grouped(c.granted_after)}"
            lines.append(f"{c.policy_id}：{status}，计入政策包 {granted} 元" + (f"（{amounts}）" if amounts else "") if zh else
                         f"{c.policy_id}: {status}, granted CNY {granted}" + (f" ({amounts})" if amounts else ""))
        return lines


@attrs.frozen(kw_only=True)
class Gap:
    """A failed comparison of a result that does not apply, by how much, and what meeting it unlocks."""

    policy_id: str
    step_id: str
    label: Text
    comparison: Comparison
    value: str  # the case's value
    target: str  # the nearest value that meets the comparison
    shortfall: str  # |bound − value| (days for a date)
    unlock: Unlock
    citation: Citation | None = None

    def describe(self, lang: str = "en") -> str:
        """One sentence: the value, the bound at its reading, the shortfall, the package before and after."""
        c = self.comparison
        n = _grouped
        reading = f" ({c.reading.in_lang(lang)})" if c.reading else ""
        if lang == "zh":
            return (f"{self.policy_id}：{c.fact} = {n(self.value)}，距界限 {SYMBOL[c.op]} {n(c.bound)} 差 {n(self.shortfall)}{reading}；"
                    f"改为 {n(self.target)} 后，政策包合计 {n(self.unlock.total_before)} → {n(self.unlock.total_after)} 元"
                    f"（净变化 {n(self.unlock.net)}）")
        return (f"{self.policy_id}: {c.fact} = {n(self.value)} is {n(self.shortfall)} short of the bound {SYMBOL[c.op]} {n(c.bound)}{reading}; "
                f"at {n(self.target)} the package goes from CNY {n(self.unlock.total_before)} to {n(self.unlock.total_after)} "
                f"(net {n(self.unlock.net)})")


@attrs.frozen(kw_only=True)
class Answer:
    """One plausible answer to a question: the best package total still reachable, what it settles."""

    value: Any
    best_total: Decimal
    settles: tuple[str, ...] = ()  # cannot_tell results this answer decides
    changes: tuple[Change, ...] = ()  # results whose status or granted amount this answer changes at once


@attrs.frozen(kw_only=True)
class Question:
    """A missing fact worth asking: how far its answers move the best reachable package (``swing``)."""

    fact: str
    swing: Decimal
    answers: tuple[Answer, ...]
    policies: tuple[str, ...]  # the results that lack it

    @property
    def settles(self) -> tuple[str, ...]:
        return tuple(sorted({p for a in self.answers for p in a.settles}))


# --- case surgery --------------------------------------------------------------------------------


def _case_data(case: Case) -> dict[str, Any]:
    return unstructure(case)


def set_fact(kernel: Any, case: Case, path: str, value: Any) -> Case:
    """A copy of ``case`` with the fact at ``path`` set to ``value`` (validated by the kernel)."""
    data = _case_data(case)
    *parents, last = path.split(".")
    node = data
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[last] = _jsonable(value)
    return kernel.load_case(data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def field_type(kernel: Any, path: str) -> Any:
    """The declared type of the fact at ``path`` (Optional unwrapped), or None when unknown."""
    parts = path.split(".")
    owner = kernel.sections.get(parts[0])
    tp: Any = owner.type if owner else None
    for part in parts[1:]:
        if tp is None or not attrs.has(tp):
            return None
        hints = typing.get_type_hints(tp)
        tp = _unwrap(hints.get(part))
    return tp


def _unwrap(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)) and len(args) == 1:
        return args[0]
    return tp


def _parse(text: str, tp: Any) -> Any:
    if tp is _dt.date:
        return _dt.date.fromisoformat(text)
    if tp is int:
        return int(Decimal(text))
    return Decimal(text)


def _step(tp: Any) -> Any:
    return _dt.timedelta(days=1) if tp is _dt.date else (1 if tp is int else MONEY_STEP)


def nearest_passing(op: str, bound: Any, tp: Any) -> Any:
    """The value nearest the bound that meets ``op bound`` (one step past it when strict)."""
    step = _step(tp)
    return bound + step if op == ">" else bound - step if op == "<" else bound


def nearest_failing(op: str, bound: Any, tp: Any) -> Any | None:
    step = _step(tp)
    return {">": bound, ">=": bound - step, "<": bound, "<=": bound + step}.get(op)


# --- the package ----------------------------------------------------------------------------------


def package_total(record: DecisionRecord) -> Decimal:
    """The granted CNY total of a decision record, after stacking (every payer)."""
    res = record.resolution
    return sum((a.value for a in res.totals), Decimal(0)) if res else Decimal(0)


def _granted(record: DecisionRecord) -> dict[str, Decimal]:
    res = record.resolution
    if res is None:
        return {}
    return {g.policy_id: sum((a.value for a in g.amounts), Decimal(0)) if g.stands else Decimal(0) for g in res.grants}


def _amounts(result: PolicyResult | None) -> tuple[Amount, ...]:
    return result.evaluation.amounts if result is not None and result.evaluation else ()


def compare_records(before: DecisionRecord, after: DecisionRecord) -> Unlock:
    """The package totals and every result whose status or granted amount differs."""
    gb, ga = _granted(before), _granted(after)
    sb = {r.policy_id: r.status for r in before.results}
    sa = {r.policy_id: r.status for r in after.results}
    changes = []
    for pid in sorted(set(sb) | set(sa)):
        ab, aa = _amounts(before.result(pid)), _amounts(after.result(pid))
        if sb.get(pid) != sa.get(pid) or gb.get(pid, Decimal(0)) != ga.get(pid, Decimal(0)) or ab != aa:
            changes.append(Change(policy_id=pid, status_before=sb.get(pid), status_after=sa.get(pid),
                                  granted_before=gb.get(pid, Decimal(0)), granted_after=ga.get(pid, Decimal(0)),
                                  amounts_before=ab, amounts_after=aa))
    return Unlock(total_before=package_total(before), total_after=package_total(after), changes=tuple(changes))


class _Evaluator:
    """Re-evaluates variants of one case on the same days, memoised by the case's data."""

    def __init__(self, kernel: Any, as_of: _dt.date | None, known_at: _dt.date | None, budget: int = 400) -> None:
        self.kernel, self.as_of, self.known_at, self.budget = kernel, as_of, known_at, budget
        self.memo: dict[str, DecisionRecord] = {}
        self.best_memo: dict[tuple[str, int], Decimal] = {}

    def key(self, case: Case) -> str:
        return json.dumps(_case_data(case), sort_keys=True, ensure_ascii=False)

    def __call__(self, case: Case) -> DecisionRecord:
        k = self.key(case)
        if k not in self.memo:
            self.budget -= 1
            self.memo[k] = self.kernel.evaluate(case, as_of=self.as_of, known_at=self.known_at)
        return self.memo[k]

    def best(self, case: Case, depth: int) -> Decimal:
        """The largest package total reachable by answering the facts still missing (up to ``depth``)."""
        k = (self.key(case), depth)
        if k in self.best_memo:
            return self.best_memo[k]
        record = self(case)
        found = package_total(record)
        if depth > 0 and self.budget > 0:
            for path in _missing(record):
                values = plausible_values(self.kernel, record, path)
                if values:
                    found = max(self.best(set_fact(self.kernel, case, path, v), depth - 1) for v in values)
                    break
        self.best_memo[k] = found
        return found


def _missing(record: DecisionRecord) -> list[str]:
    seen: list[str] = []
    for r in record.results:
        for m in r.missing:
            if m not in seen:
                seen.append(m)
    return seen


def _comparisons(record: DecisionRecord) -> Iterable[tuple[PolicyResult, Any, Comparison]]:
    for r in record.results:
        for part in (r.applicability, r.evaluation):
            for s in part.steps if part else ():
                for c in s.comparisons:
                    yield r, s, c


def plausible_values(kernel: Any, record: DecisionRecord, path: str) -> list[Any]:
    """The answers worth trying for a missing fact: booleans both ways, each enum value, and for a
    number or a date the values either side of every bound a comparison of ``path`` names."""
    tp = field_type(kernel, path)
    if tp is bool:
        return [True, False]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return list(tp)
    if tp in (Decimal, int, _dt.date):
        found: list[Any] = []
        for _, _, c in _comparisons(record):
            if c.fact == path:
                bound = _parse(c.bound, tp)
                for v in (nearest_passing(c.op, bound, tp), nearest_failing(c.op, bound, tp)):
                    if v is not None and v not in found and not (tp is not _dt.date and v < 0):
                        found.append(v)
        return found
    return []


# --- gaps -----------------------------------------------------------------------------------------


def gaps(kernel: Any, case: Case | Mapping[str, Any], *, as_of: _dt.date | None = None,
         known_at: _dt.date | None = None, policies: Iterable[str] | None = None) -> tuple[Gap, ...]:
    """Every failed, actionable comparison of the results that do not apply, and what meeting it
    (alone) unlocks across the package — each found by re-evaluating the case."""
    if not isinstance(case, Case):
        case = kernel.load_case(dict(case))
    run = _Evaluator(kernel, as_of, known_at)
    before = run(case)
    wanted = set(policies) if policies is not None else None
    found = []
    for r in before.results:
        if r.status is not Status.DOES_NOT_APPLY or (wanted is not None and r.policy_id not in wanted):
            continue
        for s in r.applicability.steps if r.applicability else ():
            if s.outcome is not Outcome.NOT_MET:
                continue
            for c in s.comparisons:
                value = _read(case, c.fact)
                tp = field_type(kernel, c.fact) or type(value)
                if not c.actionable or value is None:
                    continue
                bound = _parse(c.bound, tp)
                if holds(value, c.op, bound):
                    continue  # the other side of a window
                target = nearest_passing(c.op, bound, tp)
                after = run(set_fact(kernel, case, c.fact, target))
                short = abs((bound - value).days) if tp is _dt.date else abs(bound - value)
                found.append(Gap(policy_id=r.policy_id, step_id=s.id, label=s.label, comparison=c,
                                 value=_text(value), target=_text(target),
                                 shortfall=f"{short} days" if tp is _dt.date else _text(short),
                                 unlock=compare_records(before, after), citation=s.citation))
    return tuple(found)


def _grouped(value: Any) -> str:
    """A number with thousands separators (``1,000,000``); anything else as it is."""
    try:
        return f"{Decimal(str(value)):,f}"
    except ArithmeticError:
        return str(value)


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, _dt.date) else format(value, "f") if isinstance(value, Decimal) else str(value)


# --- the next question ------------------------------------------------------------------------------


def next_questions(kernel: Any, case: Case | Mapping[str, Any], *, as_of: _dt.date | None = None,
                   known_at: _dt.date | None = None, depth: int = 3, budget: int = 400) -> tuple[Question, ...]:
    """The missing facts worth asking, best first: by ``swing`` (how far the best package reachable
    moves between the fact's plausible answers, the facts still open answered at best), then by how
    many results an answer settles, then by path.  A fact none of whose answers changes any result
    (status, granted amount, or what else it needs) is not proposed."""
    if not isinstance(case, Case):
        case = kernel.load_case(dict(case))
    run = _Evaluator(kernel, as_of, known_at, budget=budget)
    before = run(case)
    open_before = {r.policy_id for r in before.results if r.status is Status.CANNOT_TELL}
    questions = []
    for path in _missing(before):
        values = plausible_values(kernel, before, path)
        answers = []
        changed = False
        for v in values:
            variant = set_fact(kernel, case, path, v)
            after = run(variant)
            diff = compare_records(before, after)
            settles = tuple(sorted(p for p in open_before if (a := after.result(p)) is not None
                                   and a.status is not Status.CANNOT_TELL))
            changed = changed or bool(diff.changes) or _needs_change(before, after, path)
            answers.append(Answer(value=v, best_total=run.best(variant, depth - 1), settles=settles, changes=diff.changes))
        if not answers or not changed:
            continue
        totals = [a.best_total for a in answers]
        lacking = tuple(r.policy_id for r in before.results if path in r.missing)
        questions.append(Question(fact=path, swing=max(totals) - min(totals), answers=tuple(answers), policies=lacking))
    questions.sort(key=lambda q: (-q.swing, -len(q.settles), q.fact))
    return tuple(questions)


def _needs_change(before: DecisionRecord, after: DecisionRecord, path: str) -> bool:
    """Whether an answer changes what some result still needs (other than the fact answered)."""
    for r in before.results:
        a = after.result(r.policy_id)
        if a is not None and set(r.missing) - {path} != set(a.missing):
            return True
    return False


# --- residual conditions ----------------------------------------------------------------------------


def residual(result: PolicyResult) -> tuple[tuple[Text, Citation | None], ...]:
    """What remains to be true for a ``cannot_tell`` result to apply: each undecided condition,
    its comparison when it records one, cited."""
    if result.status is not Status.CANNOT_TELL or result.applicability is None:
        return ()
    found = []
    for s in result.applicability.steps:
        if s.outcome not in (Outcome.UNKNOWN, Outcome.DEPENDENCY):
            continue
        if s.comparisons:
            zh = f"{s.label.zh}：" + " 且 ".join(f"{c.fact} {SYMBOL[c.op]} {c.bound}" for c in s.comparisons)
            en = f"{s.label.en}: " + " and ".join(f"`{c.fact}` {SYMBOL[c.op]} {c.bound}" for c in s.comparisons)
        else:
            paths = [f.path for f in s.facts if f.value == "—"] or list(result.applicability.missing)
            zh = f"{s.label.zh}（待提供：{'、'.join(paths)}）" if paths else s.label.zh
            en = f"{s.label.en} (facts needed: {', '.join('`' + p + '`' for p in paths)})" if paths else s.label.en
        found.append((Text(zh=zh, en=en), s.citation))
    return tuple(found)


def with_residual(exp: Explanation, result: PolicyResult) -> Explanation:
    """``exp`` with the residual conditions of a ``cannot_tell`` result appended, one cited line each."""
    rest = residual(result)
    if not rest:
        return exp
    zh = exp.lang == "zh"
    head = ExplanationLine(text="尚需满足以下条件方可适用：" if zh else "It applies if, in addition:")
    lines = [ExplanationLine(text=("· " + t.in_lang(exp.lang)), citation=c) for t, c in rest]
    return attrs.evolve(exp, lines=(*exp.lines, head, *lines))
