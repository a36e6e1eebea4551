"""Helpers for writing rules: read facts by path, check cited conditions, show arithmetic.

A rule is a pure function of (case, parameters, context).  These helpers make
each condition and each computation a cited :class:`~zhengce.contracts.Step`
so the trace can be explained line by line, Catala-style::

    conds = Conditions()
    conds.check("passenger_car", LABEL, vclass in PASSENGER, facts={"old_vehicle.vehicle_class": vclass}, cite=param)
    applicability = conds.result()
"""

from __future__ import annotations

import builtins
import enum

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from zhengce.contracts import (
    Amount,
    AmountRange,
    Applicability,
    Citation,
    Comparison,
    DateValue,
    Evaluation,
    Fact,
    Finding,
    FindingStatus,
    Outcome,
    Status,
    Step,
    Text,
)

from .checks import interned
from .construct import maker
from .parameters import ParameterSet, ParameterValue

__all__ = ["fact", "show", "all_of", "finding_status", "Lookup", "Conditions", "Calculation", "OPS", "holds"]

OPS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
}


def holds(value: Any, op: str, bound: Any) -> bool | None:
    """``value op bound``, three-valued (None when the value is unknown)."""
    return None if value is None else OPS[op](value, bound)


_AT: dict[tuple, tuple[ParameterSet, ParameterValue | None]] = {}


def _at(params: ParameterSet, name: str, day: date | None, known_at: date) -> ParameterValue | None:
    """``params.at(name, day, known_at)``, memoised in one flat table (a rule asks a dozen times per
    case, each answer otherwise three calls away).  Keyed by the set's identity; the entry keeps the set
    alive, so an id is not reused while it is cached."""
    key = (id(params), name, day, known_at)
    found = _AT.get(key)
    if found is not None:
        return found[1]
    value = params.at(name, day, known_at)
    if len(_AT) >= _FACTS_MAX:
        _AT.clear()
    _AT[key] = (params, value)
    return value


class Lookup:
    """Parameter lookups for one evaluation: on the event day a rule judges, as known at ``known_at``."""

    def __init__(self, params: ParameterSet, on: date | None, known_at: date) -> None:
        self.params, self.event_day, self.known_at = params, on, known_at

    def __call__(self, name: str, *, on: date | None = None, any_day: bool = False) -> ParameterValue | None:
        """The value governing the event day (or ``on``); None when no known law covers it."""
        day = None if any_day else (on or self.event_day)
        return _at(self.params, name, day, self.known_at)

    def criterion(self, name: str) -> ParameterValue:
        """A criterion every known version states, whatever the event day (raises if none is known)."""
        value = _at(self.params, name, None, self.known_at)
        if value is None:
            raise LookupError(f"{self.params.policy}: no value of {name!r} known at {self.known_at}")
        return value

    def value(self, name: str) -> ParameterValue:
        """The value governing the event day, else the latest known whatever the day (a criterion
        stated once for the whole policy); raises when no value of ``name`` is known at all."""
        found = _at(self.params, name, self.event_day, self.known_at)
        return found if found is not None else self.criterion(name)

    def known(self, name: str) -> bool:
        """Whether any value of ``name`` exists as known at ``known_at`` — for a rule introduced by a
        later document of the policy (the kernel gates the policy on its earliest document only)."""
        return _at(self.params, name, None, self.known_at) is not None

    def reading(self, name: str) -> Text | None:
        """The reading recorded for an ambiguous parameter."""
        return self.params[name].reading

    def money(self, x: Decimal) -> Decimal:
        """Round money as the policy's parameter file declares."""
        return self.params.rounding.money(x)


def all_of(*values: bool | None) -> bool | None:
    """Three-valued conjunction: False if any is False, else None if any is unknown, else True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def finding_status(value: bool | None, met_when: bool = True) -> FindingStatus:
    """A finding status from a three-valued fact: unknown, met (the value is ``met_when``) or not met."""
    if value is None:
        return FindingStatus.UNKNOWN
    return FindingStatus.MET if value is met_when else FindingStatus.NOT_MET


def fact(case: Any, path: str) -> Any:
    """The value at a dotted path of the case, or None when any part is absent."""
    obj = case
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def show(value: Any) -> str:
    """A fact value as text for a trace line."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (date, Decimal)):
        return str(value)
    return str(value)


def _citation(cite: ParameterValue | Citation | None) -> Citation | None:
    if isinstance(cite, ParameterValue):
        return cite.citation
    return cite


_FACTS: dict[tuple[str, type, Any], Fact] = {}
_make_fact = maker(Fact)  # Fact by position: path, value
_FACTS_MAX = 200_000
_EXACT_KEYS = frozenset({str, int, bool, date, type(None)})


def _fact(path: str, value: Any) -> Fact:
    """A Fact, interned: screening a registry repeats the same (path, value) pairs endlessly.

    Values that compare equal but print differently (``Decimal("1")`` and ``Decimal("1.0")``, tuples
    of them) are keyed by their text, so a fact always shows its own value."""
    cls = value.__class__
    key = (path, cls, value) if cls in _EXACT_KEYS else (path, cls, show(value))
    try:
        found = _FACTS.get(key)
    except TypeError:  # unhashable value
        return _make_fact(path, show(value))
    if found is None:
        if len(_FACTS) >= _FACTS_MAX:
            _FACTS.clear()
        found = _FACTS[key] = _make_fact(path, show(value))
    return found


_COMPARISONS: dict[tuple, Comparison] = {}


def _comparison(fact_path: str, op: str, bound: ParameterValue, parameter: str | None, actionable: bool,
                reading: Text | None) -> Comparison:
    """A Comparison, interned like facts: the same condition is compared on every case."""
    bound_text = show(bound.value)
    key = (fact_path, op, bound_text, parameter, actionable, reading)
    found = _COMPARISONS.get(key)
    if found is None:
        if len(_COMPARISONS) >= _FACTS_MAX:
            _COMPARISONS.clear()
        found = _COMPARISONS[key] = Comparison(fact=fact_path, op=op, bound=bound_text, parameter=parameter,
                                               actionable=actionable, reading=reading)
    return found


def _facts(facts: Mapping[str, Any]) -> tuple[Fact, ...]:
    return tuple([_fact(k, v) for k, v in facts.items()]) if facts else ()


_TEXTS: dict[tuple[str, str], Text] = {}
_STEPS: dict[tuple, Step] = {}
_make_step = maker(Step)  # Step by position: id, label, outcome, facts, formula, value, citation, note, comparisons


def _text(text: Any) -> Any:
    """A Text, interned by value: labels written as f-strings are new objects on every case."""
    if type(text) is not Text:
        return text
    key = (text.zh, text.en)
    try:
        found = _TEXTS.get(key)
    except TypeError:  # not text at all (the result check reports it)
        return text
    if found is None:
        if len(_TEXTS) >= _FACTS_MAX:
            _TEXTS.clear()
        found = _TEXTS[key] = text
    return found


_FEW_TYPES = {bool, type(None)}  # the classes of fact values that take few values (and, as met, enums)


def _few(values: Iterable[Any]) -> bool:
    """Whether every value is of a class with few values: true, false, missing or an enum member."""
    for v in values:
        cls = v.__class__
        if cls not in _FEW_TYPES:
            if not isinstance(v, enum.Enum):
                return False
            _FEW_TYPES.add(cls)
    return True


def _step(*, id: str, label: Text, outcome: Outcome, facts: Mapping[str, Any] | None = None, formula: str | None = None,
          value: str | None = None, citation: Citation | None = None, note: Text | None = None,
          comparisons: tuple[Comparison, ...] = (), recurs: bool = False, _id: Any = builtins.id) -> Step:
    """A Step; interned when it can recur: the same line of a trace (the same label, facts and law) is
    then one object on every case, checked once (``checks.RECURRING``) and shared by the records.

    A line can recur when it has no formula, its value is None or one of few (``recurs``: a finding's
    status) and its facts are all of few values (true, false, missing, an enum member): a date, an
    amount or a name differs from case to case, and interning what never recurs only costs.  Keyed by
    the identity of its parts, which the interned step keeps alive (so an id is not reused while it is
    cached); labels and notes are interned by value first, facts and comparisons already are."""
    found_facts = _facts(facts) if facts else ()
    if formula is not None or (value is not None and not recurs) or (facts and not _few(facts.values())):
        return _make_step(id, label, outcome, found_facts, formula, value, citation, note, comparisons)
    label = _text(label)
    if note is not None:
        note = _text(note)
    key = (id, _id(label), _id(outcome), value, _id(citation), _id(note), len(found_facts),
           *map(_id, found_facts), *map(_id, comparisons))
    try:
        found = _STEPS.get(key)
    except TypeError:  # an unhashable id or value (the result check reports it)
        return _make_step(id, label, outcome, found_facts, formula, value, citation, note, comparisons)
    if found is None:
        if len(_STEPS) >= _FACTS_MAX:
            _STEPS.clear()
        found = _STEPS[key] = _make_step(id, label, outcome, found_facts, formula, value, citation, note, comparisons)
        interned(found)
    return found



class Conditions:
    """A three-valued conjunction of cited conditions.

    The result is ``does_not_apply`` if any condition fails (whatever is
    unknown), else ``cannot_tell`` if any is unknown (listing the missing fact
    paths), else ``applies``.
    """

    def __init__(self, trace: bool = True) -> None:
        self.trace = trace
        self.steps: list[Step] = []
        self.missing: list[str] = []
        self.failed = False
        self.unknown = False

    def check(
        self,
        id: str,
        label: Text,
        met: bool | None,
        *,
        facts: Mapping[str, Any] | None = None,
        cite: ParameterValue | Citation | None = None,
        missing: Iterable[str] | None = None,
        note: Text | None = None,
    ) -> bool | None:
        """Record one condition.  ``met=None`` means the case lacks facts: by default the
        paths in ``facts`` whose value is None are reported missing."""
        return self._record(id, label, met, facts or {}, cite, missing, note, ())

    def _record(self, id: str, label: Text, met: bool | None, facts: Mapping[str, Any],
                cite: ParameterValue | Citation | None, missing: Iterable[str] | None, note: Text | None,
                comparisons: tuple[Comparison, ...]) -> bool | None:
        if met is None:
            self.unknown = True
            gaps = list(missing) if missing is not None else [k for k, v in facts.items() if v is None]
            for g in gaps:
                if g not in self.missing:
                    self.missing.append(g)
            outcome = Outcome.UNKNOWN
        elif met:
            outcome = Outcome.MET
        else:
            self.failed = True
            outcome = Outcome.NOT_MET
        if self.trace:
            self.steps.append(_step(id=id, label=label, outcome=outcome, facts=facts, citation=_citation(cite),
                                   note=note, comparisons=comparisons))
        return met

    def compare(
        self,
        id: str,
        label: Text,
        fact_path: str,
        value: Any,
        op: str,
        bound: ParameterValue,
        *,
        actionable: bool = True,
        also: Iterable[tuple[str, ParameterValue]] = (),
        parameter: str | None = None,
        reading: Text | None = None,
        facts: Mapping[str, Any] | None = None,
        cite: ParameterValue | Citation | None = None,
        note: Text | None = None,
    ) -> bool | None:
        """Record a condition ``value op bound.value`` (op in ``> >= < <= ==``) and keep the comparison
        as data on the step, so the kernel can say by how much it fails and try the bound (gaps).

        The boundary reading (超过 exclusive, 以上 inclusive) is the operator: ``>`` vs ``>=``.
        ``also`` adds comparisons of the same fact that must hold too (a window: ``>=`` from, ``<=``
        until).  ``actionable=False`` marks a fact the case cannot change (a date in the past)."""
        if op not in OPS:
            raise ValueError(f"op must be one of {', '.join(OPS)}, not {op!r}")
        if value is None:
            met = None
        else:
            met = OPS[op](value, bound.value)
            for o, b in also:
                met = met and OPS[o](value, b.value)
        if not self.trace:  # screening: the status and the missing fact are all that is kept
            if met is None:
                self.unknown = True
                if fact_path not in self.missing:
                    self.missing.append(fact_path)
            elif not met:
                self.failed = True
            return met
        comps = tuple([_comparison(fact_path, op, bound, parameter, actionable, reading),
                       *(_comparison(fact_path, o, b, parameter, actionable, reading) for o, b in also)])
        return self._record(id, label, met, facts or {fact_path: value}, cite or bound, [fact_path] if met is None else None,
                            note or reading, comps)

    def any_of(self, id: str, label: Text, alternatives: Iterable[Conditions], *,
               cite: ParameterValue | Citation | None = None, note: Text | None = None) -> bool | None:
        """Record a condition met when at least one alternative conjunction holds (e.g. "at least
        one upgrade qualifies"): met if one applies; else unknown, with the missing facts of the
        undecided ones, if one cannot tell; else not met.  The alternatives' steps come first."""
        alternatives = list(alternatives)
        statuses = [a.status for a in alternatives]
        gaps: list[str] | None = None
        if Status.APPLIES in statuses:
            met: bool | None = True
        elif Status.CANNOT_TELL in statuses:
            met, gaps = None, [m for a in alternatives if a.status is Status.CANNOT_TELL for m in a.missing]
        else:
            met = False
        if self.trace:
            self.steps.extend(step for a in alternatives for step in a.steps)
        return self.check(id, label, met, cite=cite, note=note, missing=gaps)

    def info(self, id: str, label: Text, *, value: Any = None, facts: Mapping[str, Any] | None = None,
             cite: ParameterValue | Citation | None = None, note: Text | None = None, outcome: Outcome = Outcome.INFO) -> None:
        """Record a statement that is not a condition (a reading, a rule not yet in force)."""
        if not self.trace:
            return
        self.steps.append(_step(id=id, label=label, outcome=outcome, facts=facts,
                               value=None if value is None else show(value), citation=_citation(cite), note=note))

    @property
    def status(self) -> Status:
        if self.failed:
            return Status.DOES_NOT_APPLY
        if self.unknown:
            return Status.CANNOT_TELL
        return Status.APPLIES

    def result(self) -> Applicability:
        status = self.status
        missing = tuple(self.missing) if status is Status.CANNOT_TELL else ()
        return Applicability(status=status, steps=tuple(self.steps), missing=missing)


_FINDINGS: dict[tuple, Finding] = {}
_make_finding = maker(Finding)  # Finding by position: id, status, label, detail, citation


def _finding(id: str, status: FindingStatus, label: Text, detail: Text | None, citation: Citation | None,
             _id: Any = builtins.id) -> Finding:
    """A Finding, interned like steps (a checklist item recurs on every case with its status): keyed by
    the identity of its parts, labels interned by value first, checked once (``checks.INTERNED``)."""
    key = (id, _id(status), _id(label), _id(detail), _id(citation))
    try:
        found = _FINDINGS.get(key)
    except TypeError:  # an unhashable id (the result check reports it)
        return _make_finding(id, status, label, detail, citation)
    if found is None:
        if len(_FINDINGS) >= _FACTS_MAX:
            _FINDINGS.clear()
        found = _FINDINGS[key] = _make_finding(id, status, label, detail, citation)
        interned(found)
    return found


_FINDING_OUTCOMES = {FindingStatus.MET: Outcome.MET, FindingStatus.NOT_MET: Outcome.NOT_MET,
                     FindingStatus.UNKNOWN: Outcome.UNKNOWN}


class Calculation:
    """The outputs of an evaluation — amounts, ranges, dates, findings — each with the
    trace step that produced it (formula, facts used, citation)."""

    def __init__(self, trace: bool = True) -> None:
        self.trace = trace
        self.steps: list[Step] = []
        self.amounts: list[Amount] = []
        self.ranges: list[AmountRange] = []
        self.dates: list[DateValue] = []
        self.findings: list[Finding] = []
        self.missing: list[str] = []

    def amount(
        self,
        name: str,
        value: Decimal,
        label: Text,
        *,
        formula: str | None = None,
        facts: Mapping[str, Any] | None = None,
        cite: ParameterValue | Citation | None = None,
        unit: str = "CNY",
        note: Text | None = None,
        payer: str | None = None,
    ) -> Decimal:
        """Record an output amount and the step that computed it; return the value.

        ``payer`` (central, provincial, municipal, county, local) marks an amount granted to the
        case and who funds it: the resolution stage totals granted amounts by payer."""
        self.amounts.append(Amount(name=name, value=value, unit=unit, label=label, payer=payer))
        if self.trace:
            self.steps.append(_step(id=name, label=label, outcome=Outcome.COMPUTED, facts=facts,
                               formula=formula, value=show(value), citation=_citation(cite), note=note))
        return value

    def range(
        self,
        name: str,
        minimum: Decimal | None,
        maximum: Decimal | None,
        label: Text,
        *,
        basis: Text | None = None,
        formula: str | None = None,
        facts: Mapping[str, Any] | None = None,
        cite: ParameterValue | Citation | None = None,
        unit: str = "CNY",
        per: str | None = None,
        discretionary: bool = False,
    ) -> AmountRange:
        """Record an output range (e.g. a fine of X to Y; ``per`` person; ``discretionary`` for 可以) and its step."""
        rng = AmountRange(name=name, minimum=minimum, maximum=maximum, unit=unit, basis=basis, formula=formula,
                          label=label, per=per, discretionary=discretionary)
        self.ranges.append(rng)
        if self.trace:
            self.steps.append(_step(id=name, label=label, outcome=Outcome.COMPUTED, facts=facts, formula=formula,
                               value=f"[{show(minimum)}, {show(maximum)}] {unit}", citation=_citation(cite), note=basis))
        return rng

    def date(self, name: str, value: date, label: Text, *, formula: str | None = None,
             facts: Mapping[str, Any] | None = None, cite: ParameterValue | Citation | None = None,
             inclusive: bool = True) -> date:
        """Record an output date (a deadline, a benefit start or end) and its step."""
        self.dates.append(DateValue(name=name, value=value, label=label, inclusive=inclusive))
        if self.trace:
            self.steps.append(_step(id=name, label=label, outcome=Outcome.COMPUTED, facts=facts, formula=formula,
                               value=show(value), citation=_citation(cite)))
        return value

    def finding(self, id: str, status: FindingStatus, label: Text, *, detail: Text | None = None,
                facts: Mapping[str, Any] | None = None, cite: ParameterValue | Citation | None = None) -> Finding:
        """Record one checklist item / breach / duty / indicator and its step."""
        citation = _citation(cite)
        label, detail = _text(label), _text(detail)
        item = _finding(id, status, label, detail, citation)
        self.findings.append(item)
        if not self.trace:
            return item
        outcome = _FINDING_OUTCOMES.get(status, Outcome.INFO)
        self.steps.append(_step(id=id, label=label, outcome=outcome, facts=facts,
                               value=status.value, citation=citation, note=detail, recurs=True))
        return item

    def info(self, id: str, label: Text, *, value: Any = None, facts: Mapping[str, Any] | None = None,
             cite: ParameterValue | Citation | None = None, note: Text | None = None) -> None:
        """Record an intermediate figure or statement that is not an output amount."""
        if not self.trace:
            return
        self.steps.append(_step(id=id, label=label, outcome=Outcome.INFO, facts=facts,
                               value=None if value is None else show(value), citation=_citation(cite), note=note))

    def need(self, *paths: str) -> None:
        """Mark facts without which part of the evaluation cannot be computed."""
        for p in paths:
            if p not in self.missing:
                self.missing.append(p)

    def result(self) -> Evaluation:
        return Evaluation(amounts=tuple(self.amounts), ranges=tuple(self.ranges), dates=tuple(self.dates),
                          findings=tuple(self.findings), steps=tuple(self.steps), missing=tuple(self.missing))
