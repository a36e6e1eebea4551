"""What the kernel decides about a policy before its plugin is asked: time, place, dependencies, window.

Each gate returns an :class:`~zhengce.contracts.Applicability` that ends the policy's evaluation
(with one cited step saying why), or None to go on.  They are the same for every plugin.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from zhengce.contracts import Applicability, Case, Citation, Outcome, PolicyResult, Status, Step, Text, Window, WindowState

from .policy import EvaluationContext, PolicySpec
from .reference import regions
from .rules import fact


def event_day(spec: PolicySpec, case: Case, ctx: EvaluationContext) -> date:
    """The day the law is judged on: the event's own day when the policy names one and the case gives it."""
    if spec.event_date:
        day = fact(case, spec.event_date)
        if isinstance(day, date):
            return day
    return ctx.as_of


_ASK = object()


def time_gate(spec: PolicySpec, case: Case, ctx: EvaluationContext, start: date | None,
              ends: tuple[date, Any] | None | object = _ASK) -> Applicability | None:
    """Not yet issued, not yet in force, or expired.

    An event-dated policy (``event_date``) leaves in-force to its rule's dated parameters (the law of the
    event's day decides, whenever asked); expiry is judged on the event day, else on ``as_of``.
    ``start`` and ``ends`` are the policy's first in-force day and its end as known at ``known_at``
    (the kernel memoises both per knowledge day; ``ends`` is looked up when not given).
    """
    if start is None:
        label = Text(zh=f"截至 {ctx.known_at}，本政策的文件尚未印发",
                     en=f"As known at {ctx.known_at}, no document of this policy had been issued")
        return _stop(Status.DOES_NOT_APPLY, "in_force", label, Outcome.NOT_IN_FORCE)
    if not spec.event_date and ctx.as_of < start:
        label = Text(zh=f"本政策自 {start} 起施行，评估日 {ctx.as_of} 尚未施行",
                     en=f"The policy is in force from {start}; not yet on the assessment day {ctx.as_of}")
        return _stop(Status.DOES_NOT_APPLY, "in_force", label, Outcome.NOT_IN_FORCE)
    if ends is _ASK:
        ends = spec.parameters.ends_as_known_at(ctx.known_at) if spec.parameters else None
    if ends is None:
        return None
    day = event_day(spec, case, ctx)
    if day > ends[0]:  # type: ignore[index]
        last, doc = ends
        since = last + timedelta(days=1)
        which = Text(zh="事件日", en="event day") if day != ctx.as_of or spec.event_date else Text(zh="评估日", en="assessment day")
        label = Text(zh=f"本政策已于 {last} 终止（自 {since} 起失效），{which.zh} {day} 在其后",
                     en=f"The policy ended on {last} (expired since {since}); the {which.en} {day} is later")
        cite = Citation(document=doc.number, article="", quote=doc.expires_quote or "", issued=doc.issued) if doc.expires_quote else None
        return _stop(Status.DOES_NOT_APPLY, "expired", label, Outcome.EXPIRED, cite)
    return None


def place_gate(spec: PolicySpec, case: Case) -> Applicability | None:
    """Outside the policy's jurisdiction (does not apply), or no fact places the case (cannot tell)."""
    j = spec.jurisdiction
    if j.level == "national":
        return None
    given = next(((path, v) for path in j.placed_by if (v := fact(case, path)) is not None), None)
    if given is None:
        label = Text(zh="无法确定案例所在地区", en="No fact places the case in a region")
        return Applicability(status=Status.CANNOT_TELL, missing=j.placed_by,
                             steps=(Step(id="jurisdiction", label=label, outcome=Outcome.UNKNOWN),))
    path, value = given
    code = _code(str(value))
    inside = code is not None and any(_covers(region, code) for region in j.regions)
    if inside:
        return None
    label = Text(zh=f"案例所在地 {value} 不在本政策适用范围（{'、'.join(j.regions)}）内",
                 en=f"The case is placed in {value}, outside where the policy applies ({', '.join(j.regions)})")
    return _stop(Status.DOES_NOT_APPLY, "jurisdiction", label, Outcome.OUTSIDE_JURISDICTION)


def dependency_gate(spec: PolicySpec, results: Mapping[str, PolicyResult], unavailable: Mapping[str, Text]) -> Applicability | None:
    """A dependency missing, blocked or in error makes the dependant ``cannot_tell``, naming it."""
    steps = []
    for dep in spec.depends_on:
        result = results.get(dep)
        if result is not None and result.status is not Status.ERROR:
            continue
        if result is not None:
            why = Text(zh=f"所依据的政策 {dep} 计算出错（{result.error.exception}）",
                       en=f"The policy it builds on, {dep}, failed ({result.error.exception})")
        else:
            reason = unavailable.get(dep) or unavailable.get(dep.split(".")[0]) or Text(zh="未安装", en="not installed")
            why = Text(zh=f"所依据的政策 {dep} 不可用：{reason.zh}", en=f"The policy it builds on, {dep}, is unavailable: {reason.en}")
        steps.append(Step(id=f"depends_on:{dep}", label=why, outcome=Outcome.DEPENDENCY))
    if not steps:
        return None
    return Applicability(status=Status.CANNOT_TELL, steps=tuple(steps))


def window_of(spec: PolicySpec, case: Case, ctx: EvaluationContext) -> Window | None:
    """The state of the policy's application window on the event day (else the assessment day)."""
    if spec.window is None or spec.parameters is None:
        return None
    day = event_day(spec, case, ctx)
    opens = spec.parameters.at(spec.window[0], None, ctx.known_at)
    closes = spec.parameters.at(spec.window[1], None, ctx.known_at)
    start, end = (opens.value if opens else None), (closes.value if closes else None)
    if start is not None and day < start:
        state = WindowState.NOT_YET_OPEN
    elif end is not None and day > end:
        state = WindowState.CLOSED
    else:
        state = WindowState.OPEN
    cite = (closes or opens).citation if (closes or opens) else None
    return Window(opens=start, closes=end, state=state, citation=cite)


def _stop(status: Status, id: str, label: Text, outcome: Outcome, cite: Citation | None = None) -> Applicability:
    return Applicability(status=status, steps=(Step(id=id, label=label, outcome=outcome, citation=cite),))


def _code(value: str) -> str | None:
    """A GB/T 2260 code from a code (2, 4 or 6 digits) or a province's name."""
    if value.isdigit() and len(value) in (2, 4, 6):
        return value.ljust(6, "0")
    province = regions().province(value)
    return province.code if province else None


def _covers(region: str, code: str) -> bool:
    """Whether the region code covers ``code`` (440000 covers 440300; 440300 covers itself)."""
    stem = region.rstrip("0") or region
    if len(stem) % 2:
        stem += "0"
    return code.startswith(stem)
