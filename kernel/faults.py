"""Faulty plugins, one per kind of failure the kernel's guard isolates (see :mod:`zhengce.kernel.guard`).

Each :class:`FaultyPlugin` has one policy, ``fault_<kind>.probe``, that reads the shared ``applicant``
section (so it is reached next to the real policies of any case naming an applicant) and misbehaves in
one way.  The fuzz tests and ``benchmarks/fuzz_figures.py`` register them next to the real plugins and
check that the faulty policy alone becomes an ``error`` result of the expected kind while every other
result is byte-identical.  Time faults need a short budget: ``Kernel(policy_timeout=0.3)``.
"""

from __future__ import annotations

import time
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from zhengce.contracts import Amount, Applicability, DateValue, Evaluation, Explanation, Status, Step, Outcome, Text

from .hookspecs import hookimpl
from .policy import PluginInfo, PolicySpec


def _applies() -> Applicability:
    return Applicability(status=Status.APPLIES)


def _amount(value: Any, unit: str = "CNY") -> Evaluation:
    amount = Amount(name="amount", value=Decimal("1.00"), unit=unit)
    object.__setattr__(amount, "value", value)  # what a careless plugin can build: attrs does not check types
    return Evaluation(amounts=(amount,))


def _spin() -> None:
    while True:
        pass


def _retry_forever() -> None:
    """The shape of the old ``price_window`` hang: an error caught and retried, forever."""
    day = 31
    while True:
        try:
            datetime(0, 1, day)
        except ValueError:
            day -= 1


def _recurse(n: int = 0) -> int:
    return _recurse(n + 1) + 1


def _bad_step() -> Applicability:
    return Applicability(status=Status.APPLIES, steps=(Step(id="s", label=Text(zh="\ud800", en="x"), outcome=Outcome.INFO),))


def _bad_date(value: Any) -> Evaluation:
    d = DateValue(name="deadline", value=datetime(2024, 1, 1).date())
    object.__setattr__(d, "value", value)
    return Evaluation(dates=(d,))


#: kind → (what applies_to does, what evaluate does, what explain does, expected error kind or None
#: when the result itself is fine and only its explanation falls back to the kernel's)
FAULTS: dict[str, tuple[Any, Any, Any, str | None]] = {
    "raises": (lambda: 1 / 0, None, None, "exception"),
    "system_exit": (lambda: (_ for _ in ()).throw(SystemExit(3)), None, None, "exception"),
    "recursion": (_recurse, None, None, "exception"),
    "evaluate_raises": (_applies, lambda: {}["missing"], None, "exception"),
    "returns_none": (lambda: None, None, None, "invalid_result"),
    "wrong_type": (lambda: {"status": "applies"}, None, None, "invalid_result"),
    "bad_status": (lambda: Applicability(status="maybe"), None, None, "invalid_result"),
    "kernel_status": (lambda: Applicability(status=Status.ERROR), None, None, "invalid_result"),
    "text_amount": (_applies, lambda: _amount("lots"), None, "invalid_result"),
    "nan_amount": (_applies, lambda: _amount(Decimal("NaN")), None, "invalid_result"),
    "float_amount": (_applies, lambda: _amount(0.1), None, "invalid_result"),
    "unrounded_amount": (_applies, lambda: _amount(Decimal("1.005")), None, "invalid_result"),
    "lone_surrogate": (_bad_step, None, None, "invalid_result"),
    "string_date": (_applies, lambda: _bad_date("2024-01-01"), None, "invalid_result"),
    "datetime_date": (_applies, lambda: _bad_date(datetime(2024, 1, 1, 12)), None, "invalid_result"),
    "sleeps": (lambda: time.sleep(30), None, None, "timeout"),
    "busy_loop": (_spin, None, None, "timeout"),
    "retry_forever": (_retry_forever, None, None, "timeout"),
    "explain_raises": (_applies, None, lambda: 1 / 0, None),
    "explain_wrong_type": (_applies, None, lambda: "an explanation", None),
    "explain_sleeps": (_applies, None, lambda: time.sleep(30), None),
}


@attrs.define
class FaultyPlugin:
    """A plugin whose one policy misbehaves as ``FAULTS[kind]`` says."""

    kind: str

    @property
    def name(self) -> str:
        return f"fault_{self.kind}"

    @property
    def policy_id(self) -> str:
        return f"{self.name}.probe"

    @property
    def expected(self) -> str | None:
        return FAULTS[self.kind][3]

    @hookimpl
    def declare_plugin(self) -> PluginInfo:
        return PluginInfo(name=self.name, distribution=f"zhengce-{self.name.replace('_', '-')}", version="0.0.1")

    @hookimpl
    def declare_policies(self) -> list[PolicySpec]:
        return [PolicySpec(id=self.policy_id, title=Text(zh="故障探针", en="fault probe"), facts=("applicant",))]

    @hookimpl
    def applies_to(self, policy: PolicySpec, case: Any, context: Any) -> Any:
        return FAULTS[self.kind][0]()

    @hookimpl
    def evaluate(self, policy: PolicySpec, case: Any, context: Any, applicability: Any) -> Any:
        step = FAULTS[self.kind][1]
        return step() if step else Evaluation()

    @hookimpl
    def explain(self, policy: PolicySpec, result: Any, lang: str) -> Explanation | None:
        step = FAULTS[self.kind][2]
        return step() if step else None


def faulty_plugins() -> list[FaultyPlugin]:
    """One faulty plugin of every kind, in a stable order."""
    return [FaultyPlugin(kind) for kind in FAULTS]
