"""Issue 12's per-policy overhead: what the kernel shares, caches and skips keeps every answer.

An idle reached policy (it reads a section the case carries and declines at once) costs a bounded
number of Python calls, counted (load-independent); the shortcuts (plans, routes, bare results,
interned steps and findings, positional constructors, the late tick) each give what the slow path gives.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import (
    Applicability,
    Citation,
    Finding,
    FindingStatus,
    Grant,
    Outcome,
    PolicyResult,
    Resolution,
    Status,
    Step,
    Text,
    dump,
)
from zhengce.kernel import Kernel, PluginInfo, PolicySpec, guard, hookimpl
from zhengce.kernel.construct import maker
from zhengce.kernel.rules import Calculation, Conditions

ROOT = Path(__file__).resolve().parents[2]
CAR = json.loads((ROOT / "examples" / "cases" / "car_scrappage_nev_guangdong.json").read_text(encoding="utf-8"))
APPLICANT = {"case_id": "one-applicant", "applicant": {"type": "individual_consumer"}}  # for kernels of readers only
AS_OF = date(2024, 10, 1)
KERNEL = Kernel()


class Reader:
    """A policy reading ``applicant`` (every car case carries it) that answers with a bare status."""

    def __init__(self, i: int, status: Status = Status.DOES_NOT_APPLY, steps=(), missing=()) -> None:
        self.name, self.status, self.steps, self.missing = f"reader{i:02d}", status, steps, missing

    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name=self.name, distribution=f"zhengce-{self.name}", version="1.0.0")

    @hookimpl
    def declare_policies(self):
        return [PolicySpec(id=f"{self.name}.award", title=Text(zh="奖励", en="award"), facts=("applicant",))]

    @hookimpl
    def applies_to(self, policy, case, context):
        return Applicability(status=self.status, steps=self.steps, missing=self.missing)


def _calls(kernel: Kernel, case: dict, trace: bool) -> int:
    """Python-level calls made by one evaluation (after a warm-up: caches built)."""
    kernel.evaluate(case, as_of=AS_OF, trace=trace)
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        kernel.evaluate(case, as_of=AS_OF, trace=trace)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("trace", [False, True])
def test_an_idle_reached_policy_costs_at_most_four_python_calls(trace):
    """The kernel's own calls per idle policy: its evaluation, the guarded hooks, the plugin's hook
    and the plugin's Applicability (counted, so the figure does not depend on the machine's load)."""
    base, readers = Kernel(), Kernel()
    for i in range(20):
        readers.register(Reader(i))
    extra = _calls(readers, CAR, trace) - _calls(base, CAR, trace)
    assert extra / 20 <= 4


def test_bare_results_are_shared_and_equal_to_what_the_slow_path_builds():
    kernel = Kernel([Reader(1)])
    first = kernel.evaluate(APPLICANT, as_of=AS_OF).result("reader01.award")
    again = kernel.evaluate(APPLICANT, as_of=AS_OF).result("reader01.award")
    assert again is first
    assert first == PolicyResult(policy_id="reader01.award", plugin="reader01", distribution="zhengce-reader01",
                                 version="1.0.0", status=Status.DOES_NOT_APPLY,
                                 applicability=Applicability(status=Status.DOES_NOT_APPLY))


def test_a_bare_status_a_plugin_may_not_return_is_still_an_invalid_result():
    record = Kernel([Reader(1, status=Status.ERROR)]).evaluate(APPLICANT, as_of=AS_OF)
    error = record.result("reader01.award").error
    assert error.kind == "invalid_result" and "is not one a plugin may return" in error.message


def test_steps_given_as_a_list_are_not_taken_for_a_bare_answer():
    record = Kernel([Reader(1, steps=[])]).evaluate(APPLICANT, as_of=AS_OF)
    error = record.result("reader01.award").error
    assert error.kind == "invalid_result" and "applicability.steps" in error.message


def test_a_plugin_registered_after_an_evaluation_is_routed():
    kernel = Kernel([Reader(1)])
    assert [r.policy_id for r in kernel.evaluate(APPLICANT, as_of=AS_OF).results] == ["reader01.award"]
    kernel.register(Reader(2))
    assert [r.policy_id for r in kernel.evaluate(APPLICANT, as_of=AS_OF).results] == ["reader01.award", "reader02.award"]
    kernel.unregister("reader01")
    assert [r.policy_id for r in kernel.evaluate(APPLICANT, as_of=AS_OF).results] == ["reader02.award"]


def test_the_policies_filter_is_part_of_the_route():
    kernel = Kernel([Reader(1), Reader(2)])
    only = kernel.evaluate(APPLICANT, as_of=AS_OF, policies=["reader02.award"])
    assert [r.policy_id for r in only.results] == ["reader02.award"]
    assert [r.policy_id for r in kernel.evaluate(APPLICANT, as_of=AS_OF).results] == ["reader01.award", "reader02.award"]


def test_screening_and_traced_records_of_the_car_case_keep_their_results_across_repeats():
    first = dump(KERNEL.evaluate(CAR, as_of=AS_OF))
    for _ in range(3):
        assert dump(KERNEL.evaluate(CAR, as_of=AS_OF)) == first
    screening = dump(KERNEL.evaluate(CAR, as_of=AS_OF, trace=False))
    assert dump(KERNEL.evaluate(CAR, as_of=AS_OF, trace=False)) == screening


# --- positional constructors ---------------------------------------------------------------------


@pytest.mark.parametrize("cls", [PolicyResult, Grant, Resolution, Step, Finding])
def test_a_positional_maker_builds_what_attrs_builds(cls):
    fields = attrs.fields(cls)
    values = {f.name: (f.default if f.default is not attrs.NOTHING else f"v-{f.name}") for f in fields}
    built = maker(cls)(*values.values())
    assert type(built) is cls
    assert built == cls(**values) and repr(built) == repr(cls(**values)) and hash(built) == hash(cls(**values))


def test_a_class_with_validators_keeps_its_own_init():
    @attrs.frozen
    class Positive:
        n: int = attrs.field(validator=attrs.validators.ge(0))

    assert maker(Positive)(1) == Positive(1)
    with pytest.raises(ValueError):
        maker(Positive)(-1)


# --- interned trace lines ------------------------------------------------------------------------

CITE = Citation(document="测试〔2024〕1号", article="一", quote="应当")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from([True, False, None]),
                          st.sampled_from(["x", "y"])), min_size=1, max_size=8))
def test_interned_steps_and_findings_show_their_own_label_facts_and_status(items):
    """Whatever ran before, each step and finding shows the label, facts and status it was given."""
    for id_, value, word in items:
        label = Text(zh=f"条件{word}", en=f"condition {word}")  # a new object with every call
        conds = Conditions()
        conds.check(id_, label, value, facts={"s.flag": value})
        step = conds.result().steps[0]
        assert (step.id, step.label, step.facts[0].path) == (id_, label, "s.flag")
        assert step.facts[0].value == {True: "true", False: "false", None: "—"}[value]
        assert step.outcome is {True: Outcome.MET, False: Outcome.NOT_MET, None: Outcome.UNKNOWN}[value]
        calc = Calculation()
        status = FindingStatus.MET if value else FindingStatus.NOT_MET
        item = calc.finding(id_, status, label, facts={"s.flag": value}, cite=CITE)
        assert (item.id, item.status, item.label, item.citation) == (id_, status, label, CITE)
        assert calc.result().steps[0].value == status.value


def test_a_recurring_step_is_one_object_a_dated_one_is_not():
    def steps(day):
        conds = Conditions()
        conds.check("flag", Text(zh="标志", en="flag"), True, facts={"s.flag": True})
        conds.check("day", Text(zh="日期", en="day"), True, facts={"s.day": day})
        return conds.result().steps

    one, two = steps(date(2024, 1, 1)), steps(date(2024, 1, 2))
    assert one[0] is two[0]
    assert one[1] is not two[1] and one[1].facts[0].value == "2024-01-01" and two[1].facts[0].value == "2024-01-02"


# --- the time budget -----------------------------------------------------------------------------


def test_a_policy_over_its_budget_still_times_out_on_the_fast_path():
    class Slow(Reader):
        @hookimpl
        def applies_to(self, policy, case, context):
            import time

            end = time.monotonic() + 5
            while time.monotonic() < end:
                pass
            return Applicability(status=Status.APPLIES)

    kernel = Kernel([Slow(1), Reader(2)], policy_timeout=0.2)
    record = kernel.evaluate(APPLICANT, as_of=AS_OF)
    assert record.result("reader01.award").error.kind == "timeout"
    assert record.result("reader02.award").status is Status.DOES_NOT_APPLY
    assert guard._BUDGET == [None, 0.0]


def test_a_late_tick_after_a_session_does_not_end_the_process():
    """A SIGALRM of the budget's timer raised just before the session stopped it, and handled after,
    would have reached SIG_DFL (ending the process): it is recognised as a late tick of ours."""
    script = textwrap.dedent("""
        import os, signal
        from zhengce.kernel import guard
        with guard.Session(10.0):
            pass
        os.kill(os.getpid(), signal.SIGALRM)  # as a tick raised before the timer stopped
        print("alive")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "alive"
