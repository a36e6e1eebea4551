"""The kernel's boundary with plugin code: a time budget, every failure caught, every result checked.

A policy's hooks run under :func:`run_policy` (and ``explain`` under :func:`run_explain`):

* **time budget** — a policy that runs longer than its budget (``Kernel(policy_timeout=...)``,
  ``ZHENGCE_POLICY_TIMEOUT``, default :data:`DEFAULT_TIMEOUT` seconds) is stopped and becomes an
  ``error`` result of kind ``timeout``.  In the main thread a ``SIGALRM`` timer interrupts it where it
  is (a loop, a ``sleep``); elsewhere the hook runs in a helper thread that is abandoned on timeout.
* **failures** — any exception, ``SystemExit`` included, becomes an ``error`` result of kind
  ``exception``.  ``KeyboardInterrupt`` is not caught: it stops the run.
* **results** — what a hook returns must be the contract object the hook spec names, every field of
  the declared type (a finite ``Decimal``, a real ``date``, a ``Status`` a plugin may return, text
  that encodes), and every ``CNY`` amount rounded to the policy's declared quantum; otherwise an
  ``error`` result of kind ``invalid_result``.  So a decision record always serialises.

Every such error is one policy's: the other policies of the case run and report as usual.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import signal
import threading
import time
import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from zhengce.contracts import (
    Applicability,
    Case,
    Evaluation,
    Explanation,
    PolicyError,
    Status,
    limits,
    unstructure,
)

#: Seconds a policy may take (its ``applies_to`` and ``evaluate`` together; ``explain`` alone).
DEFAULT_TIMEOUT = 10.0
#: The rounding of CNY amounts of a policy that declares no parameters (that of :class:`Rounding`).
DEFAULT_QUANTUM = Decimal("0.01")
#: The statuses a plugin may return (``error`` is the kernel's).
PLUGIN_STATUSES = frozenset({Status.APPLIES, Status.DOES_NOT_APPLY, Status.CANNOT_TELL})


def default_timeout() -> float | None:
    """The budget from ``ZHENGCE_POLICY_TIMEOUT`` (seconds; ``0`` or ``none``: no budget), else the default."""
    text = os.environ.get("ZHENGCE_POLICY_TIMEOUT", "").strip().lower()
    if not text:
        return DEFAULT_TIMEOUT
    if text in ("0", "none", "off"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"ZHENGCE_POLICY_TIMEOUT: not a number of seconds: {text!r}") from None
    if not value > 0 or value != value or value == float("inf"):
        raise ValueError(f"ZHENGCE_POLICY_TIMEOUT: not a positive number of seconds: {text!r}")
    return value


class PolicyTimeout(BaseException):
    """Raised inside a hook when its policy's budget is spent (a BaseException: ``except Exception``
    in plugin code does not swallow it)."""


class PolicyFault(Exception):
    """A hook failed, hung or returned something invalid; :meth:`error` is the result's error."""

    def __init__(self, hook: str, kind: str, exception: str, message: str):
        super().__init__(f"hook {hook}: {exception}: {message}")
        self.hook, self.kind, self.exception, self.message = hook, kind, exception, message

    def error(self, plugin: str, policy_id: str) -> PolicyError:
        return PolicyError(plugin=plugin, policy_id=policy_id, hook=self.hook, exception=self.exception,
                           message=limits.clean(self.message, 1000), kind=self.kind)


class InvalidResult(Exception):
    """What a hook returned breaks its contract."""


# --- the time budget ---------------------------------------------------------------------------


def _call_with_budget(fn: Callable[[], Any], seconds: float | None) -> Any:
    if not seconds:
        return fn()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _alarm_call(fn, seconds)
    return _thread_call(fn, seconds)


class _Alarm:
    """The process's SIGALRM handler while policies run: raises :class:`PolicyTimeout` when a budget is
    spent, and hands any other SIGALRM to the handler it replaced.  Installed once (``signal.signal``
    is slow enough to matter per policy), re-installed if someone replaced it since."""

    armed: str | None = None  # the message of the budget now running
    previous: Any = signal.SIG_DFL

    @classmethod
    def handler(cls, signum: int, frame: Any) -> None:
        if cls.armed is not None:
            raise PolicyTimeout(cls.armed)
        prev = cls.previous
        if callable(prev):
            prev(signum, frame)
        elif prev == signal.SIG_DFL:  # what SIGALRM would have done: end the process
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGALRM)

    @classmethod
    def install(cls) -> None:
        current = signal.getsignal(signal.SIGALRM)
        if current != cls.handler:
            cls.previous = current
            signal.signal(signal.SIGALRM, cls.handler)


def _alarm_call(fn: Callable[[], Any], seconds: float) -> Any:
    _Alarm.install()
    outer_message = _Alarm.armed
    start = time.monotonic()
    _Alarm.armed = f"took longer than its time budget of {seconds:g} s"
    # re-fire every 50 ms after the deadline, in case the plugin swallowed the first one
    outer = signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        return fn()
    finally:
        _Alarm.armed = outer_message
        signal.setitimer(signal.ITIMER_REAL, 0)
        if outer[0] > 0:  # an outer timer was running: give it back what is left
            signal.setitimer(signal.ITIMER_REAL, max(outer[0] - (time.monotonic() - start), 0.001), outer[1])


def _thread_call(fn: Callable[[], Any], seconds: float) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    worker = threading.Thread(target=target, name="zhengce-policy", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():  # cannot be stopped from here: abandoned, its result ignored
        raise PolicyTimeout(f"took longer than its time budget of {seconds:g} s (abandoned)")
    if "error" in box:
        raise box["error"]
    return box.get("value")


# --- running hooks -----------------------------------------------------------------------------


def run_policy(hooks: Any, spec: Any, case: Case, ctx: Any, timeout: float | None) -> tuple[Applicability, Evaluation | None]:
    """``applies_to`` then (when it applies) ``evaluate``, within one budget, both results checked.

    Raises :class:`PolicyFault` for anything but a valid pair; lets ``KeyboardInterrupt`` through.
    """
    state = {"hook": "applies_to"}
    quantum = spec.parameters.rounding.quantum if spec.parameters is not None else DEFAULT_QUANTUM

    def hooks_of_the_policy() -> tuple[Applicability, Evaluation | None]:
        app = hooks.applies_to(policy=spec, case=case, context=ctx)
        check_applicability(app)
        if app.status is not Status.APPLIES:
            return app, None
        state["hook"] = "evaluate"
        evaluation = hooks.evaluate(policy=spec, case=case, context=ctx, applicability=app)
        if evaluation is not None:
            check_evaluation(evaluation, quantum)
        return app, evaluation

    return _guarded(state, lambda: _call_with_budget(hooks_of_the_policy, timeout))


def run_explain(hooks: Any, spec: Any, result: Any, lang: str, timeout: float | None) -> Explanation | None:
    """The plugin's ``explain`` within the budget; None when it has none.  Raises :class:`PolicyFault`."""
    state = {"hook": "explain"}

    def explain() -> Explanation | None:
        text = hooks.explain(policy=spec, result=result, lang=lang)
        if text is not None:
            check(text, Explanation, "explanation")
        return text

    return _guarded(state, lambda: _call_with_budget(explain, timeout))


def _guarded(state: dict[str, str], call: Callable[[], Any]) -> Any:
    try:
        return call()
    except KeyboardInterrupt:
        raise
    except PolicyTimeout as exc:
        raise PolicyFault(state["hook"], "timeout", "PolicyTimeout", str(exc)) from exc
    except InvalidResult as exc:
        raise PolicyFault(state["hook"], "invalid_result", "InvalidResult", str(exc)) from exc
    except BaseException as exc:  # noqa: BLE001 - SystemExit and the rest are the plugin's failure
        raise PolicyFault(state["hook"], "exception", type(exc).__name__, _text(exc)) from exc


def _text(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 - a plugin's exception whose __str__ fails
        return f"<{type(exc).__name__} whose message cannot be shown>"


# --- checking results --------------------------------------------------------------------------


def check_applicability(app: Any) -> None:
    if type(app) is not Applicability:
        raise InvalidResult(f"applies_to returned {type(app).__name__}, not Applicability")
    check(app, Applicability, "applicability")
    if app.status not in PLUGIN_STATUSES:
        raise InvalidResult(f"applicability.status: {app.status.value!r} is not one a plugin may return")


def check_evaluation(evaluation: Any, quantum: Decimal | None) -> None:
    if type(evaluation) is not Evaluation:
        raise InvalidResult(f"evaluate returned {type(evaluation).__name__}, not Evaluation")
    check(evaluation, Evaluation, "evaluation")
    if quantum is None:
        return
    for i, amount in enumerate(evaluation.amounts):
        if amount.unit == "CNY" and amount.value.as_tuple().exponent < quantum.as_tuple().exponent:
            try:
                rounded = amount.value == amount.value.quantize(quantum)  # 20000.000 equals 20000.00: fine
            except ArithmeticError:
                rounded = False
            if not rounded:
                raise InvalidResult(f"evaluation.amounts[{i}].value: {amount.value} is not rounded to the "
                                    f"declared {quantum} CNY")


_CHECKERS: dict[Any, Callable[[Any, str], None]] = {}


def check(value: Any, tp: Any, path: str) -> None:
    """Raise :class:`InvalidResult` unless ``value`` is of contract type ``tp`` all the way down."""
    _checker(tp)(value, path)


def _checker(tp: Any) -> Callable[[Any, str], None]:
    found = _CHECKERS.get(tp)
    if found is None:
        _CHECKERS[tp] = lambda v, p: _CHECKERS[tp](v, p)  # placeholder against recursion
        found = _CHECKERS[tp] = _build(tp)
    return found


def _fail(path: str, what: str, value: Any) -> None:
    raise InvalidResult(f"{path}: expected {what}, got {type(value).__name__} {limits.show(value)}")


def _build(tp: Any) -> Callable[[Any, str], None]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) < len(typing.get_args(tp))
        inner = [_checker(a) for a in args]

        def union(v: Any, p: str) -> None:
            if v is None and optional:
                return
            last: InvalidResult | None = None
            for c in inner:
                try:
                    return c(v, p)
                except InvalidResult as exc:
                    last = exc
            raise last or InvalidResult(f"{p}: no value allowed")

        return union
    if origin is tuple:
        item = _checker(typing.get_args(tp)[0])

        def items(v: Any, p: str) -> None:
            if type(v) is not tuple:
                _fail(p, "a tuple", v)
            for i, x in enumerate(v):
                item(x, f"{p}[{i}]")

        return items
    if tp is str:
        def text(v: Any, p: str) -> None:
            if type(v) is not str:
                _fail(p, "a string", v)
            if not v.isascii():
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError:
                    raise InvalidResult(f"{p}: text that is not valid Unicode (a lone surrogate)") from None

        return text
    if tp is Decimal:
        def decimal(v: Any, p: str) -> None:
            if type(v) is not Decimal or not v.is_finite():
                _fail(p, "a finite Decimal", v)

        return decimal
    if tp is bool:
        def boolean(v: Any, p: str) -> None:
            if type(v) is not bool:
                _fail(p, "true or false", v)

        return boolean
    if tp is int:
        def integer(v: Any, p: str) -> None:
            if type(v) is not int:
                _fail(p, "an integer", v)

        return integer
    if tp is date:
        def day(v: Any, p: str) -> None:
            if type(v) is not date:
                _fail(p, "a date", v)

        return day
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        def member(v: Any, p: str) -> None:
            if type(v) is not tp:
                _fail(p, f"a {tp.__name__}", v)

        return member
    if attrs.has(tp):
        hints = typing.get_type_hints(tp)
        fields = [(f.name, _checker(hints[f.name])) for f in attrs.fields(tp)]

        def obj(v: Any, p: str) -> None:
            if type(v) is not tp:
                _fail(p, f"a {tp.__name__}", v)
            for name, c in fields:
                c(getattr(v, name), f"{p}.{name}")

        return obj
    raise TypeError(f"no check for {tp!r}")


# --- the input hash ----------------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def canonical_input(case: Case) -> bytes:
    """The validated case as canonical JSON: keys sorted, nulls dropped (so the sections of plugins a
    case does not use, or a field given as null, change nothing), no spaces, UTF-8."""
    data = {name: _canonical(unstructure(v)) for name, v in vars(case).items() if v is not None}
    return _ENCODER.encode(data).encode("utf-8")


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def input_hash(case: Case) -> str | None:
    """``sha256:<hex>`` of :func:`canonical_input`: the decision record's ``input_hash``; None for a
    case object built by hand that does not serialise (the kernel validates every case it loads)."""
    try:
        return "sha256:" + hashlib.sha256(canonical_input(case)).hexdigest()
    except (TypeError, ValueError, UnicodeError, RecursionError):
        return None


def fallback_explanation(render: Callable[..., Explanation], spec: Any, result: Any, lang: str) -> Explanation:
    """The kernel's default explanation of ``result``; a bare one when even that cannot be rendered
    (a result built by hand that breaks its contract)."""
    try:
        return render(spec, result, lang)
    except Exception as exc:  # noqa: BLE001 - explaining must never raise
        pid = limits.clean(str(getattr(result, "policy_id", "?")), 200)
        why = limits.clean(f"{type(exc).__name__}: {_text(exc)}", 300)
        return Explanation(policy_id=pid, lang=lang, title=pid,
                           summary=("结果无法说明：" if lang == "zh" else "The result cannot be explained: ") + why)
