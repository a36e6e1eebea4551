"""The kernel's boundary with plugin code: a time budget, every failure caught, every result checked.

A policy's hooks run under :func:`run_policy` (and ``explain`` under :func:`run_explain`):

* **time budget** — a policy that runs longer than its budget (``Kernel(policy_timeout=...)``,
  ``ZHENGCE_POLICY_TIMEOUT``, default :data:`DEFAULT_TIMEOUT` seconds) is stopped and becomes an
  ``error`` result of kind ``timeout``.  In the main thread a ``SIGALRM`` timer interrupts it where it
  is (a loop, a ``sleep``); elsewhere the hook runs in a helper thread that, on timeout, is abandoned
  and stopped: :func:`_stop_thread` raises ``PolicyTimeout`` in it (CPython), again every quarter of a
  second until it ends, so a spinning plugin does not hold the GIL against the rest of the process
  for ever (code blocked in C ends when it next runs Python).
* **failures** — any exception, ``SystemExit`` included, becomes an ``error`` result of kind
  ``exception``.  ``KeyboardInterrupt`` is not caught: it stops the run.
* **results** — what a hook returns must be the contract object the hook spec names, every field of
  the declared type (a finite ``Decimal``, a real ``date``, a ``Status`` a plugin may return, text
  that encodes), and every ``CNY`` amount rounded to the policy's declared quantum; otherwise an
  ``error`` result of kind ``invalid_result``.  So a decision record always serialises.

Every such error is one policy's: the other policies of the case run and report as usual.
"""

from __future__ import annotations

import hashlib
import json
import os
import enum
import queue
import signal
import threading
import time
import types
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

from .checks import InvalidResult, check, checker

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


# --- the time budget ---------------------------------------------------------------------------


def _call_with_budget(fn: Callable[[], Any], seconds: float | None) -> Any:
    if not seconds:
        return fn()
    if threading.get_ident() == _MAIN_THREAD and hasattr(signal, "setitimer"):
        return _alarm_call(fn, seconds)
    return _thread_call(fn, seconds)


_MAIN_THREAD = threading.main_thread().ident


try:  # the C function: signal.getsignal converts to an enum through a raised ValueError, per policy
    from _signal import getsignal as _getsignal
except ImportError:  # pragma: no cover - another Python implementation
    _getsignal = signal.getsignal


class _Alarm:
    """The process's SIGALRM handler while policies run.

    One periodic interval timer runs for a whole evaluation (a :class:`Session`), not one per policy:
    each policy only sets its budget and deadline (:data:`_BUDGET`), and a tick past it raises :class:`PolicyTimeout` in the
    policy's code (again at every tick, should the plugin swallow one).  Ticks come every quarter of
    the budget (at most 0.25 s), so a policy is stopped within 1.25 × its budget.  A SIGALRM outside
    a session goes to the handler this one replaced.  Installed once (``signal.signal`` is slow enough
    to matter), re-installed if someone replaced it since."""

    sessions: int = 0  # open sessions: the periodic timer is ours
    late_until: float = 0.0  # until when a SIGALRM with no timer running is a late tick of ours
    previous: Any = signal.SIG_DFL

    @classmethod
    def handler(cls, signum: int, frame: Any) -> None:
        armed, deadline = _BUDGET
        if armed is not None and time.monotonic() >= deadline:
            raise PolicyTimeout(f"took longer than its time budget of {armed:g} s")
        if cls.sessions:
            return  # our own tick: the running policy is within its budget, or none runs
        if time.monotonic() < cls.late_until and signal.getitimer(signal.ITIMER_REAL)[0] == 0:
            return  # a tick of our timer, raised before it was stopped and handled after (no other timer runs)
        prev = cls.previous
        if callable(prev):
            prev(signum, frame)
        elif prev == signal.SIG_DFL:  # what SIGALRM would have done: end the process
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGALRM)

    @classmethod
    def install(cls) -> None:
        current = _getsignal(signal.SIGALRM)
        if current != cls.handler:
            cls.previous = current
            signal.signal(signal.SIGALRM, cls.handler)


#: The budget (seconds) of the policy now running (None: none runs) and when it ends (time.monotonic);
#: a list, not class attributes, since it is set twice per policy (setting a class attribute is slower).
_BUDGET: list[Any] = [None, 0.0]


class Session:
    """The time budget's timer for a run of policies (``with Session(seconds): ...``): started once,
    stopped at the end, any timer the host had running given back what is left of it.  Outside the
    main thread, with no budget, or inside another session, it does nothing."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.active = False

    def __enter__(self) -> Session:
        if (self.seconds and not _Alarm.sessions and hasattr(signal, "setitimer")
                and threading.get_ident() == _MAIN_THREAD):
            _Alarm.install()
            self.period = period = min(self.seconds / 4, 0.25)
            self.start = time.monotonic()
            self.outer = signal.setitimer(signal.ITIMER_REAL, period, period)
            _Alarm.sessions += 1
            self.active = True
        return self

    def __exit__(self, *exc: Any) -> None:
        if not self.active:
            return
        self.active = False
        signal.setitimer(signal.ITIMER_REAL, 0)  # stopped before the session ends: a tick on its way is ours
        if self.outer[0] <= 0:
            _Alarm.late_until = time.monotonic() + self.period
        _Alarm.sessions -= 1
        if self.outer[0] > 0:  # an outer timer was running: give it back what is left
            left = max(self.outer[0] - (time.monotonic() - self.start), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, self.outer[1])


def _alarm_call(fn: Callable[[], Any], seconds: float) -> Any:
    if not _Alarm.sessions:
        with Session(seconds):
            return _alarm_call(fn, seconds)
    budget = _BUDGET
    outer = budget[0], budget[1]
    budget[0], budget[1] = seconds, time.monotonic() + seconds
    try:
        return fn()
    finally:
        budget[0], budget[1] = outer


def _thread_call(fn: Callable[[], Any], seconds: float) -> Any:
    """``fn()`` in this thread's policy runner, within ``seconds``; on timeout the runner is abandoned
    (and stopped) and the next call starts a new one."""
    runner = getattr(_LOCAL, "runner", None)
    job = runner.submit(fn) if runner is not None else None
    if job is None:
        runner = _LOCAL.runner = _Runner()
        job = runner.submit(fn)
    box, done = job
    if not done.wait(seconds):  # abandoned, its result ignored, and stopped
        _LOCAL.runner = None
        runner.abandon()
        _stop_thread(runner.thread, box)
        raise PolicyTimeout(f"took longer than its time budget of {seconds:g} s (abandoned)")
    if "error" in box:
        raise box["error"]
    return box.get("value")


_LOCAL = threading.local()


class _Runner:
    """The helper thread that runs the policies of one calling thread outside the main thread, one at a
    time, so that a budget can be kept without starting a thread per policy (about 100 µs each).  It
    ends after :data:`IDLE` seconds without work, or after the job it was abandoned in."""

    IDLE = 30.0

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.closed = self.abandoned = False
        self.thread = threading.Thread(target=self._loop, name="zhengce-policy", daemon=True)
        self.thread.start()

    def submit(self, fn: Callable[[], Any]) -> tuple[dict[str, Any], threading.Event] | None:
        """Queue ``fn``; its box (``value``/``error``, ``done``) and the event set when it ends, or None
        when this runner has closed."""
        with self.lock:
            if self.closed:
                return None
            job = {}, threading.Event()
            self.jobs.put((fn, *job))
            return job

    def abandon(self) -> None:
        """No more jobs: the loop ends once the running one does (woken, should it have just ended)."""
        self.abandoned = True
        self.thread.name = "zhengce-policy-abandoned"
        self.jobs.put(None)

    def _loop(self) -> None:
        while True:
            try:
                try:
                    job = self.jobs.get(timeout=self.IDLE)
                except queue.Empty:
                    with self.lock:
                        if self.jobs.empty():
                            self.closed = True
                            return
                    continue
                if job is None:  # abandoned while idle
                    return
                fn, box, done = job
                try:
                    box["value"] = fn()
                except BaseException as exc:  # noqa: BLE001 - handed back to the caller
                    box["error"] = exc
                box["done"] = True
                done.set()
            except PolicyTimeout:  # the stop, arriving as the policy ended
                pass
            if self.abandoned:
                with self.lock:
                    self.closed = True
                return


#: abandoned policy threads not yet ended, with their boxes (``done`` once the policy returned)
_ABANDONED: list[tuple[threading.Thread, dict[str, Any]]] = []
_ABANDONED_LOCK = threading.Lock()
STOP_PERIOD = 0.25  # seconds between two stops sent to an abandoned thread still running


def _stop_thread(worker: threading.Thread, box: dict[str, Any]) -> None:
    """Raise :class:`PolicyTimeout` in ``worker`` now and, while it runs, every :data:`STOP_PERIOD`
    (a plugin may catch one), from one reaper thread that sleeps between rounds and ends with the last
    abandoned thread.  A no-op where ``PyThreadState_SetAsyncExc`` does not exist."""
    if not _send_stop(worker, box):
        return
    with _ABANDONED_LOCK:
        _ABANDONED.append((worker, box))
        if len(_ABANDONED) == 1:
            threading.Thread(target=_reap, name="zhengce-reaper", daemon=True).start()


def _send_stop(worker: threading.Thread, box: dict[str, Any]) -> bool:
    try:
        import ctypes

        set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # not CPython
        return False
    if worker.is_alive() and not box.get("done") and worker.ident is not None:
        set_async_exc(ctypes.c_ulong(worker.ident), ctypes.py_object(PolicyTimeout))
    return True


def _reap() -> None:
    while True:
        time.sleep(STOP_PERIOD)
        with _ABANDONED_LOCK:
            _ABANDONED[:] = [(w, b) for w, b in _ABANDONED if w.is_alive() and not b.get("done")]
            if not _ABANDONED:
                return
            for worker, box in _ABANDONED:
                _send_stop(worker, box)


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


def inline_budget(seconds: float | None) -> bool:
    """Whether :func:`run_hooks` may run a policy here: no budget, or inside an active
    :class:`Session` of the main thread (whose timer only needs the policy's deadline)."""
    return not seconds or (_Alarm.sessions > 0 and threading.get_ident() == _MAIN_THREAD)


_APPLIES, _DOES_NOT_APPLY, _CANNOT_TELL = Status.APPLIES, Status.DOES_NOT_APPLY, Status.CANNOT_TELL
_monotonic = time.monotonic
_EMPTY = ()  # the empty tuple (one object in CPython): a bare Applicability's steps and missing
_checks: list[Callable[[Any, str], None]] = []  # the checker of Applicability, built on first use


def run_hooks(applies: Callable[..., Any], evaluate: Callable[..., Any], spec: Any, case: Case, ctx: Any,
              seconds: float | None, quantum: Decimal | None) -> tuple[Applicability, Evaluation | None]:
    """:func:`run_policy` for the kernel's hot path, where :func:`inline_budget` holds: the same hooks,
    checks, budget and faults, without the closures (``applies``/``evaluate`` take their arguments by
    position).  A bare applicability (a status, no steps, nothing missing) is checked by its status alone.
    Raises :class:`PolicyFault`; lets ``KeyboardInterrupt`` through."""
    hook = "applies_to"
    budget = _BUDGET
    try:
        outer = budget[0], budget[1]
        if seconds:
            budget[0], budget[1] = seconds, _monotonic() + seconds
        try:
            app = applies(spec, case, ctx)
            if type(app) is not Applicability:
                raise InvalidResult(f"applies_to returned {type(app).__name__}, not Applicability")
            if app.steps is not _EMPTY or app.missing is not _EMPTY:
                if not _checks:
                    _checks.append(checker(Applicability))
                _checks[0](app, "applicability")
            status = app.status
            if status is not _APPLIES:
                if status is not _DOES_NOT_APPLY and status is not _CANNOT_TELL:
                    check(app, Applicability, "applicability")  # the message for a status that is not one
                    raise InvalidResult(f"applicability.status: {status.value!r} is not one a plugin may return")
                return app, None
            hook = "evaluate"
            evaluation = evaluate(spec, case, ctx, app)
            if evaluation is not None:
                check_evaluation(evaluation, quantum)
            return app, evaluation
        finally:
            budget[0], budget[1] = outer
    except KeyboardInterrupt:
        raise
    except PolicyTimeout as exc:
        raise PolicyFault(hook, "timeout", "PolicyTimeout", str(exc)) from exc
    except InvalidResult as exc:
        raise PolicyFault(hook, "invalid_result", "InvalidResult", str(exc)) from exc
    except BaseException as exc:  # noqa: BLE001 - SystemExit and the rest are the plugin's failure
        raise PolicyFault(hook, "exception", type(exc).__name__, _text(exc)) from exc


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
    if quantum is None or not evaluation.amounts:
        return
    places = quantum.as_tuple().exponent
    for i, amount in enumerate(evaluation.amounts):
        if amount.unit == "CNY" and amount.value.as_tuple().exponent < places:
            try:
                rounded = amount.value == amount.value.quantize(quantum)  # 20000.000 equals 20000.00: fine
            except ArithmeticError:
                rounded = False
            if not rounded:
                raise InvalidResult(f"evaluation.amounts[{i}].value: {amount.value} is not rounded to the "
                                    f"declared {quantum} CNY")


# --- the input hash ----------------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    """Plain JSON data for a validated fact value: what ``unstructure`` gives, with nulls dropped
    from every object, computed directly (the input hash is taken on every traced evaluation)."""
    cls = value.__class__
    if cls is str or cls is int or cls is bool:
        return value
    if cls is Decimal:
        return format(value, "f")  # as the converter writes it: never exponent notation
    if cls is date:
        return value.isoformat()
    of_class = _CANONICAL.get(cls)
    if of_class is not None:
        return of_class(value)
    if cls is tuple or cls is list:
        return [_canonical(v) for v in value]
    if isinstance(value, enum.Enum) or value is None:
        return value
    if attrs.has(cls):
        _CANONICAL[cls] = _canonical_of(cls)
        return _canonical(value)
    return _plain(unstructure(value))


_CANONICAL: dict[type, Callable[[Any], dict[str, Any]]] = {}
#: How a field declared of these types is written when its value is of that very type (else _canonical).
_DIRECT = {str: "{x}", int: "{x}", bool: "{x}", Decimal: "format({x}, 'f')", date: "{x}.isoformat()"}


def _canonical_of(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The canonical form of an attrs class's instances, generated once per class as straight-line
    code: each field read once, nulls dropped, a value of its field's plain declared type written
    directly, anything else through :func:`_canonical`."""
    import typing

    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001 - an annotation that does not resolve: every field the general way
        hints = {}
    env: dict[str, Any] = {"_canonical": _canonical, "Decimal": Decimal, "date": date, "str": str, "int": int, "bool": bool}
    lines = ["def canonical(v):", "    found = {}"]
    for i, field in enumerate(attrs.fields(cls)):
        x = f"x{i}"
        lines += [f"    {x} = v.{field.name}", f"    if {x} is not None:"]
        hint = hints.get(field.name)
        args = [a for a in typing.get_args(hint) if a is not type(None)] if typing.get_origin(hint) in (typing.Union, types.UnionType) else [hint]
        tp = args[0] if len(args) == 1 else None
        if tp in _DIRECT:
            lines.append(f"        found[{field.name!r}] = {_DIRECT[tp].format(x=x)} if {x}.__class__ is {tp.__name__} else _canonical({x})")
        else:
            lines.append(f"        found[{field.name!r}] = _canonical({x})")
    lines.append("    return found")
    exec(compile("\n".join(lines), f"<zhengce canonical {cls.__name__}>", "exec"), env)
    return env["canonical"]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def canonical_input(case: Case) -> bytes:
    """The validated case as canonical JSON: keys sorted, nulls dropped (so the sections of plugins a
    case does not use, or a field given as null, change nothing), no spaces, UTF-8."""
    data = {name: _canonical(v) for name, v in vars(case).items() if v is not None}
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
