"""Result contracts: applicability, evaluation, citations, explanations, decision records.

The JSON shape of a :class:`DecisionRecord` is versioned by
:data:`DECISION_FORMAT`; a change that removes or renames a field bumps it.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from .migrations import MigrationNote

DECISION_FORMAT = "zhengce.decision/1"


class Status(str, enum.Enum):
    """Three-valued applicability, plus the error a failing plugin produces."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    CANNOT_TELL = "cannot_tell"
    ERROR = "error"


class Outcome(str, enum.Enum):
    """Outcome of one step of a trace."""

    MET = "met"  # a condition holds
    NOT_MET = "not_met"  # a condition fails
    UNKNOWN = "unknown"  # a condition needs facts the case lacks
    NOT_IN_FORCE = "not_in_force"  # the condition's law is not in force / not yet known
    EXPIRED = "expired"  # every document of the policy has ended
    OUTSIDE_JURISDICTION = "outside_jurisdiction"  # the case is placed outside where the policy applies
    DEPENDENCY = "dependency"  # a policy this one reads is missing, blocked or failed
    COMPUTED = "computed"  # an arithmetic step
    INFO = "info"  # a statement (e.g. where to apply, a reading chosen)


@attrs.frozen(kw_only=True, cache_hash=True)
class Text:
    """The same sentence in Chinese and English."""

    zh: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@attrs.frozen(kw_only=True, cache_hash=True)
class Citation:
    """Where a rule or number comes from: 文号, article or clause, verbatim clause text."""

    document: str  # 文号, e.g. 商消费函〔2024〕75号
    article: str  # e.g. 第一条
    quote: str  # verbatim text of the seed (PDF line breaks removed)
    issued: date | None = None


@attrs.frozen(kw_only=True)
class Fact:
    """A fact a step used: its path in the case and its value as text."""

    path: str
    value: str


@attrs.frozen(kw_only=True)
class Comparison:
    """A condition's comparison as data: ``fact op bound`` (e.g. ``plan_investment > 20000000``).

    ``bound`` is the law's value as text (money, a count or an ISO date); ``reading`` is how the
    parameter reads the boundary (超过 is exclusive, 以上 inclusive).  ``actionable`` is False for a
    fact the case cannot change (a registration date in the past): it is never offered as a gap."""

    fact: str
    op: str  # > >= < <= ==
    bound: str
    parameter: str | None = None
    actionable: bool = True
    reading: Text | None = None


@attrs.frozen(kw_only=True)
class Step:
    """One line of a trace: a condition checked or an amount computed, with its law."""

    id: str
    label: Text
    outcome: Outcome
    facts: tuple[Fact, ...] = ()
    formula: str | None = None
    value: str | None = None
    citation: Citation | None = None
    note: Text | None = None
    comparisons: tuple[Comparison, ...] = ()  # the condition's comparisons, when it is one (see Conditions.compare)


@attrs.frozen(kw_only=True)
class Amount:
    """A computed quantity.  ``unit``: ``CNY`` (money, quantized as the policy declares),
    ``ratio`` (a fraction: 0.40 is 40%), or any other unit name (``t``, ``MW``, ``days``...)."""

    name: str
    value: Decimal
    unit: str = "CNY"
    label: Text | None = None
    payer: str | None = None  # who funds it: central | provincial | municipal | county (a granted amount)


@attrs.frozen(kw_only=True)
class AmountRange:
    """A range the law sets rather than a single amount — typically a fine (罚款 X 以上 Y 以下).

    ``minimum``/``maximum`` are inclusive bounds (None: unbounded on that
    side); ``basis`` says what the range is computed from (fixed by law,
    a multiple of illegal gains, a price × a shortfall) and ``formula`` shows
    the arithmetic.  ``per`` names what the range applies to each of (e.g.
    ``person`` for a fine on each directly responsible individual);
    ``discretionary`` is True where the law says the authority *may* impose it
    (可以并处), False where it shall.  Reused by every plugin that yields a range.
    """

    name: str
    minimum: Decimal | None
    maximum: Decimal | None
    unit: str = "CNY"
    basis: Text | None = None
    formula: str | None = None
    label: Text | None = None
    per: str | None = None
    discretionary: bool = False

    def contains(self, value: Decimal) -> bool:
        return (self.minimum is None or self.minimum <= value) and (self.maximum is None or value <= self.maximum)


@attrs.frozen(kw_only=True)
class DateValue:
    """A computed date: a deadline, the start or end of a benefit, a filing day."""

    name: str
    value: date
    label: Text | None = None
    inclusive: bool = True


class FindingStatus(str, enum.Enum):
    """Status of one item of a checklist, compliance check, duty or indicator check."""

    MET = "met"
    NOT_MET = "not_met"  # a criterion failed, a breach, a target missed
    UNKNOWN = "unknown"  # facts missing
    NOT_YET_DUE = "not_yet_due"  # an indicator before its deadline
    DUTY = "duty"  # an obligation the case must fulfil
    INFO = "info"


@attrs.frozen(kw_only=True)
class Finding:
    """One item of a result that is a list: a checklist step, a breach, a duty, an indicator."""

    id: str
    status: FindingStatus
    label: Text
    detail: Text | None = None
    citation: Citation | None = None


@attrs.frozen(kw_only=True)
class Applicability:
    """Whether a policy applies.  ``missing`` lists fact paths when it cannot tell."""

    status: Status
    steps: tuple[Step, ...] = ()
    missing: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Evaluation:
    """What an applicable policy yields or demands, with the arithmetic shown in ``steps``."""

    amounts: tuple[Amount, ...] = ()
    ranges: tuple[AmountRange, ...] = ()
    dates: tuple[DateValue, ...] = ()
    findings: tuple[Finding, ...] = ()
    steps: tuple[Step, ...] = ()
    missing: tuple[str, ...] = ()

    def amount(self, name: str) -> Decimal | None:
        for a in self.amounts:
            if a.name == name:
                return a.value
        return None


    def range(self, name: str) -> AmountRange | None:
        return next((r for r in self.ranges if r.name == name), None)

    def date(self, name: str) -> date | None:
        return next((d.value for d in self.dates if d.name == name), None)

    def finding(self, id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == id), None)


class WindowState(str, enum.Enum):
    """Where the assessment day (or the event day) lies relative to an application window."""

    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"


@attrs.frozen(kw_only=True)
class Window:
    """A policy's application window, distinct from qualifying: "qualifies; the window closed on D"."""

    opens: date | None
    closes: date | None
    state: WindowState
    citation: Citation | None = None


@attrs.frozen(kw_only=True)
class DocumentRef:
    """A document a result relied on, as the parameters know it.  ``issued_note`` says how the issue
    date was chosen when the source does not print one (it then bounds the knowledge axis)."""

    document: str
    issued: date
    issued_note: Text | None = None


@attrs.frozen(kw_only=True)
class PolicyError:
    """A plugin failed: named plugin, policy and exception; other policies still ran.

    ``kind``: ``exception`` (the hook raised, ``SystemExit`` included), ``timeout`` (the policy ran past
    its time budget) or ``invalid_result`` (the hook returned something its contract does not allow).
    """

    plugin: str
    policy_id: str
    hook: str
    exception: str
    message: str
    kind: str = "exception"


@attrs.frozen(kw_only=True)
class PolicyResult:
    """The outcome of one policy for one case, stamped with the plugin that produced it."""

    policy_id: str
    plugin: str
    distribution: str
    version: str
    status: Status
    applicability: Applicability | None = None
    evaluation: Evaluation | None = None
    documents: tuple[DocumentRef, ...] = ()
    error: PolicyError | None = None
    window: Window | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        found: tuple[str, ...] = self.applicability.missing if self.applicability else ()
        if self.evaluation:
            found += tuple(m for m in self.evaluation.missing if m not in found)
        return found


@attrs.frozen(kw_only=True)
class PluginRef:
    """A plugin as loaded: entry-point name, distribution and version."""

    name: str
    distribution: str
    version: str


@attrs.frozen(kw_only=True)
class Grant:
    """One result in the package granted: whether it stands, why not, and what it yields after stacking."""

    policy_id: str
    stands: bool
    amounts: tuple[Amount, ...] = ()
    reason: Text | None = None
    citation: Citation | None = None
    relation: str | None = None  # the relation kind that decided (exclusive, not_again, combined_cap, ...)


@attrs.frozen(kw_only=True)
class Resolution:
    """The package granted, decided after every policy of a case was evaluated (plain data, cited)."""

    grants: tuple[Grant, ...] = ()
    totals: tuple[Amount, ...] = ()  # granted amounts by payer (central, provincial, municipal, county)
    steps: tuple[Step, ...] = ()
    order: tuple[str, ...] = ()  # the evaluation order (dependencies first, ties by id)

    def grant(self, policy_id: str) -> Grant | None:
        return next((g for g in self.grants if g.policy_id == policy_id), None)

    def total(self, payer: str) -> Decimal:
        return sum((a.value for a in self.totals if a.name == payer), Decimal(0))


@attrs.frozen(kw_only=True)
class DecisionRecord:
    """Everything needed to reproduce and audit one evaluation (OPA-style decision log).

    ``plugin_set`` identifies the plugins (names and versions, hashed) that decided it;
    ``input_notes`` lists the declared migrations applied to the input (a field given
    under a name an older plugin version used, read under its current name).
    ``input_hash`` (``sha256:…``; None in screening mode, ``trace=False``) is the hash of the validated input in canonical form, so a record
    can be matched to its case and replayed (``zhengce replay``).
    """

    format: str = DECISION_FORMAT
    case_id: str | None = None
    as_of: date
    known_at: date
    kernel_version: str
    plugins: tuple[PluginRef, ...] = ()
    plugin_set: str | None = None
    input_hash: str | None = None
    results: tuple[PolicyResult, ...] = ()
    input_notes: tuple[MigrationNote, ...] = ()
    resolution: Resolution | None = None

    def result(self, policy_id: str) -> PolicyResult | None:
        for r in self.results:
            if r.policy_id == policy_id:
                return r
        return None


@attrs.frozen(kw_only=True)
class ExplanationLine:
    """One sentence of an explanation and the clause it rests on."""

    text: str
    citation: Citation | None = None


@attrs.frozen(kw_only=True)
class Explanation:
    """A result explained in one language (``zh`` or ``en``)."""

    policy_id: str
    lang: str
    title: str
    summary: str
    lines: tuple[ExplanationLine, ...] = ()
