"""Issue 11: no input, no plugin and no line can crash, hang or fool the engine.

One test (or a few) per failure the issue lists; each failed on the main branch it was filed against.
"""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from zhengce.contracts import CaseValidationError, Status, dumps, limits, parse_json
from zhengce.kernel import Kernel, guard
from zhengce.kernel.cli import main
from zhengce.kernel.faults import FaultyPlugin

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
CAR = CASES / "car_scrappage_nev_guangdong.json"
KERNEL = Kernel()


def example(name: str) -> dict:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def problems_of(data) -> dict[str, str]:
    with pytest.raises(CaseValidationError) as info:
        KERNEL.evaluate(data)
    return {p.path: p.message for p in info.value.problems}


def cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")


# --- a hang ----------------------------------------------------------------------------------


def test_a_surrender_deadline_in_year_1_is_refused_at_input_not_a_hang():
    case = example("energy_carbon_trading_penalties.json")
    case["carbon_allowance_surrender"]["surrender_deadline"] = "0001-01-01"
    start = time.monotonic()
    assert "is below 1900-01-01" in problems_of(case)["carbon_allowance_surrender.surrender_deadline"]
    assert time.monotonic() - start < 1


def test_price_window_never_loops():
    from zhengce_energy.carbon_penalties import price_window

    assert price_window(date(2024, 3, 31), 1) == (date(2024, 2, 29), date(2024, 3, 30))
    with pytest.raises(ValueError, match="before year 1"):
        price_window(date(1, 1, 1), 1)
    case = example("energy_carbon_trading_penalties.json")
    case["carbon_allowance_surrender"]["surrender_deadline"] = "1900-01-01"  # the earliest day accepted
    assert not [r.error for r in KERNEL.evaluate(case, as_of=date(2024, 9, 1)).results if r.error]


def test_no_assert_in_production_code():
    """An ``assert`` vanishes under ``python -O``: production code raises instead."""
    sources = [*ROOT.glob("plugins/*/zhengce_*/**/*.py"), *ROOT.glob("kernel/*.py"), *ROOT.glob("contracts/*.py")]
    found = [f"{p.relative_to(ROOT)}:{i}" for p in sources if p.name != "testing.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if re.match(r"\s*assert\b", line)]
    assert not found


# --- tracebacks instead of the documented error (exit 2) ------------------------------------


@pytest.mark.parametrize("raw", [
    b'{"case_id":"\xff"}',                                   # invalid UTF-8
    b"\xff\xfe" + '{"case_id": "x"}'.encode("utf-16-le")[:-1],  # UTF-16 cut in the middle of a unit
    b"\xff\xfe" + b'{\x00"\x00a\x00"\x00:\x00"\x00\x00\xd8"\x00}\x00',  # UTF-16 with a lone surrogate
    b"[" * 100_000 + b"]" * 100_000,                         # RecursionError in the parser
    b'{"case_id": ' + b"1" * 5000 + b"}",                    # more than 4,300 digits
    b'{"case_id": "\\ud800"}',                               # a lone surrogate in a string
    b'{"\\ud800": 1}',                                       # ... in a key
    b'{"case_id": NaN}',
    b'{"case_id": "a", "case_id": "b"}',                     # a key given twice
], ids=["utf8", "utf16-cut", "utf16-surrogate", "deep", "4300-digits", "surrogate", "surrogate-key", "nan", "duplicate"])
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_malformed_files_are_invalid_input(capsys, tmp_path, raw, fmt):
    path = tmp_path / "case.json"
    path.write_bytes(raw)
    code, out, err = cli(capsys, "evaluate", path, "--format", fmt)
    assert code == 2, (out, err)
    (out + err).encode("utf-8")  # always encodable
    if fmt == "json":
        data = json.loads(out)
        assert data["error"] == "invalid_input" and data["problems"] and data["exit_code"] == 2
    else:
        assert err.startswith("invalid input")


def test_missing_and_unreadable_files_are_invalid_input(capsys, tmp_path):
    assert cli(capsys, "evaluate", tmp_path / "nope.json")[0] == 2
    assert cli(capsys, "evaluate", tmp_path)[0] == 2  # a directory


def test_an_oversized_input_is_refused_before_parsing():
    with pytest.raises(CaseValidationError, match="bytes at most"):
        parse_json(b" " * (limits.MAX_INPUT_BYTES + 1))


# --- accepted, then failing inside plugins -------------------------------------------------------


@pytest.mark.parametrize("value", ["1e400", "1e-400", Decimal("1E+400"), Decimal("1E-400"), 10**5000, "9" * 16],
                         ids=["1e400-text", "1e-400-text", "1e400", "1e-400", "10**5000", "16-digits"])
def test_numbers_beyond_the_limits_are_problems(value):
    case = example("car_scrappage_funding_settlement_sichuan.json")
    case["scrappage_funding_settlement"]["central_allotment"] = value
    assert "scrappage_funding_settlement.central_allotment" in problems_of(case)


def test_huge_json_numbers_are_problems_by_path():
    text = '{"scrappage_funding_settlement": {"central_allotment": 1' + "0" * 5000 + ', "subsidies_paid": 1e-400}}'
    with pytest.raises(CaseValidationError) as info:
        KERNEL.loads_case(text)
    assert {p.path for p in info.value.problems} == {"scrappage_funding_settlement.central_allotment",
                                                     "scrappage_funding_settlement.subsidies_paid"}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_days_outside_1900_to_2100_are_problems(day):
    case = example("car_scrappage_nev_guangdong.json")
    case["scrappage_application"]["submitted_on"] = day
    assert "scrappage_application.submitted_on" in problems_of(case)


# --- accepted and wrong ---------------------------------------------------------------------------


def test_negative_money_is_refused():
    case = example("car_scrappage_nev_guangdong.json")
    case["scrappage_application"]["subsidy_already_paid"] = "-10000"
    assert "is below 0" in problems_of(case)["scrappage_application.subsidy_already_paid"]
    settlement = example("car_scrappage_funding_settlement_sichuan.json")
    settlement["scrappage_funding_settlement"]["central_allotment"] = "-1"
    assert "scrappage_funding_settlement.central_allotment" in problems_of(settlement)


def test_no_float_through_the_api_nor_a_constructor():
    from zhengce_tradein.facts import ScrappageApplication

    case = example("car_scrappage_nev_guangdong.json")
    case["scrappage_application"]["subsidy_already_paid"] = 0.1
    assert "a float" in problems_of(case)["scrappage_application.subsidy_already_paid"]
    with pytest.raises(TypeError, match="a float is not exact"):
        ScrappageApplication(subsidy_already_paid=0.1)
    with pytest.raises(TypeError, match="not a finite number"):
        ScrappageApplication(subsidy_already_paid=Decimal("NaN"))
    with pytest.raises(ValueError, match="is below 0"):
        ScrappageApplication(subsidy_already_paid=Decimal("-1"))
    with pytest.raises(TypeError, match="expected a date"):
        from datetime import datetime

        ScrappageApplication(submitted_on=datetime(2024, 6, 25, 12))
    assert ScrappageApplication(subsidy_already_paid=Decimal("0.10")).subsidy_already_paid == Decimal("0.10")


@pytest.mark.parametrize("value", ["abc", {"a": 1}, 5])
def test_lists_only_from_lists(value):
    case = example("energy_carbon_footprint_label_pilot.json")
    section = next(k for k, v in case.items() if isinstance(v, dict) and "products" in v)
    case[section]["products"] = value
    assert "expected a list" in problems_of(case)[f"{section}.products"]
    party = {"carbon_market_party": {"working_days_off": "2024-10-01"}}
    assert "expected a list" in problems_of(party)["carbon_market_party.working_days_off"]
    assert "is below 1900-01-01" in problems_of({"carbon_market_party": {"working_days_off": ["1800-01-01"]}})[
        "carbon_market_party.working_days_off[0]"]


@pytest.mark.parametrize("day", ["20240625", "2024-W26-2", "2024-6-25", "2024-06-25T00:00", " 2024-06-25", "２０２４-06-25"])
def test_dates_are_exactly_yyyy_mm_dd(day):
    case = example("car_scrappage_nev_guangdong.json")
    case["scrappage_application"]["submitted_on"] = day
    assert "expected 'YYYY-MM-DD'" in problems_of(case)["scrappage_application.submitted_on"]


@pytest.mark.parametrize("value", ["+5", ".5", "1_000", " 5", "1e5", "0x10", "١٢"])
def test_decimal_text_is_plain_digits(value):
    case = example("car_scrappage_nev_guangdong.json")
    case["scrappage_application"]["subsidy_already_paid"] = value
    assert "not a decimal number" in problems_of(case)["scrappage_application.subsidy_already_paid"]


def test_every_fact_field_of_every_plugin_declares_its_domain():
    """Every amount, count, quantity, rate, year and date field of every section says its domain."""
    import typing

    from zhengce.contracts import domain_of
    from zhengce.contracts.domains import each_of

    undeclared = []
    seen: set[type] = set()

    def walk(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        for f in attrs.fields(cls):
            tp = hints[f.name]
            args = (tp,) if typing.get_origin(tp) is tuple else (typing.get_args(tp) or (tp,))
            leaf = [a for a in args if a in (Decimal, int, date)]
            tuple_of = [typing.get_args(a)[0] for a in args if typing.get_origin(a) is tuple]
            if leaf and domain_of(f) is None:
                undeclared.append(f"{cls.__name__}.{f.name}")
            if any(t in (Decimal, int, date) for t in tuple_of) and each_of(f) is None:
                undeclared.append(f"{cls.__name__}.{f.name}[]")
            for a in (*args, *tuple_of):
                if attrs.has(a):
                    walk(a)

    for owner in KERNEL.sections.values():
        if owner.plugin is not None:
            walk(owner.type)
    assert not undeclared


# --- plugin isolation --------------------------------------------------------------------------


def _with(kind: str, timeout: float | None = 0.5) -> tuple[Kernel, FaultyPlugin]:
    kernel = Kernel(policy_timeout=timeout)
    plugin = FaultyPlugin(kind)
    kernel.register(plugin)
    return kernel, plugin


@pytest.mark.parametrize("kind,expected", [("bad_status", "invalid_result"), ("text_amount", "invalid_result"),
                                           ("nan_amount", "invalid_result"), ("float_amount", "invalid_result"),
                                           ("system_exit", "exception"), ("sleeps", "timeout")])
def test_a_faulty_plugin_is_one_error_result_and_the_record_serialises(kind, expected):
    kernel, plugin = _with(kind)
    case = example("car_scrappage_nev_guangdong.json")
    alone = dumps(KERNEL.evaluate(case, as_of=date(2024, 9, 1)).results)
    start = time.monotonic()
    record = kernel.evaluate(case, as_of=date(2024, 9, 1))
    assert time.monotonic() - start < 5
    bad = record.result(plugin.policy_id)
    assert bad.status is Status.ERROR and bad.error.kind == expected
    assert dumps(tuple(r for r in record.results if r.policy_id != plugin.policy_id)) == alone
    json.loads(dumps(record))
    for result in record.results:
        assert kernel.explain(result, "en").summary


def test_explain_of_a_result_built_by_hand_with_a_bad_status_does_not_raise():
    from zhengce.contracts import PolicyResult

    result = PolicyResult(policy_id="x.y", plugin="x", distribution="x", version="1", status="maybe")
    assert KERNEL.explain(result, "zh").summary


def test_keyboard_interrupt_stops_the_run(capsys, monkeypatch):
    class Interrupting(FaultyPlugin):
        def applies_to(self, policy, case, context):
            raise KeyboardInterrupt

    from zhengce.kernel import hookimpl

    Interrupting.applies_to = hookimpl(Interrupting.applies_to)
    kernel = Kernel()
    kernel.register(Interrupting("interrupt"))
    with pytest.raises(KeyboardInterrupt):
        kernel.evaluate(example("car_scrappage_nev_guangdong.json"))
    monkeypatch.setattr("zhengce.kernel.cli.Kernel", lambda **kw: kernel)
    code, out, err = cli(capsys, "evaluate", CAR)
    assert code == 130 and "interrupted" in err and "Traceback" not in err


def test_the_time_budget_also_holds_outside_the_main_thread():
    kernel, plugin = _with("busy_loop", timeout=0.3)
    box = {}
    worker = threading.Thread(target=lambda: box.update(record=kernel.evaluate(example("car_scrappage_nev_guangdong.json"))))
    worker.start()
    worker.join(10)
    assert box["record"].result(plugin.policy_id).error.kind == "timeout"
    # the abandoned policy thread is stopped too: a spinning plugin would hold the GIL for ever
    deadline = time.monotonic() + 5
    while _policy_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _policy_threads()  # nor is the reaper left running


def _policy_threads():
    """Abandoned policy threads and the reaper stopping them (a calling thread's idle runner aside)."""
    return [t for t in threading.enumerate() if t.name in ("zhengce-policy-abandoned", "zhengce-reaper")]


def test_outside_the_main_thread_one_runner_thread_serves_every_policy(monkeypatch):
    from zhengce.kernel import guard

    kernel = Kernel()
    case = example("car_scrappage_nev_guangdong.json")
    seen = []

    def caller():
        for _ in range(20):
            kernel.evaluate(case, trace=False)
        seen.append(guard._LOCAL.runner.thread)

    monkeypatch.setattr(guard._Runner, "IDLE", 0.2)
    worker = threading.Thread(target=caller)
    worker.start()
    worker.join(30)
    runner = seen[0]
    assert runner.name == "zhengce-policy"  # one helper thread for the 20 cases, not one per policy and case
    runner.join(5)
    assert not runner.is_alive()  # it ends once idle


def test_a_plugin_that_swallows_the_stop_is_stopped_again():
    from zhengce.kernel import guard

    rounds = []

    def stubborn():
        while len(rounds) < 3:
            try:
                while True:
                    pass
            except guard.PolicyTimeout:
                rounds.append(time.monotonic())  # caught, and spins again: the next stop follows
        while True:
            pass

    with pytest.raises(guard.PolicyTimeout, match="abandoned"):
        guard._thread_call(stubborn, 0.1)
    deadline = time.monotonic() + 10
    while _policy_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(rounds) == 3 and not _policy_threads()
    assert rounds[2] - rounds[1] >= guard.STOP_PERIOD * 0.8


def test_the_time_budget_is_configurable(monkeypatch):
    monkeypatch.setenv("ZHENGCE_POLICY_TIMEOUT", "2.5")
    assert Kernel([]).policy_timeout == 2.5
    monkeypatch.setenv("ZHENGCE_POLICY_TIMEOUT", "0")
    assert Kernel([]).policy_timeout is None
    monkeypatch.setenv("ZHENGCE_POLICY_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="ZHENGCE_POLICY_TIMEOUT"):
        Kernel([])
    monkeypatch.delenv("ZHENGCE_POLICY_TIMEOUT")
    assert Kernel([]).policy_timeout == guard.DEFAULT_TIMEOUT


def test_the_budget_restores_an_outer_timer():
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        kernel, _ = _with("raises")
        kernel.evaluate(example("car_scrappage_nev_guangdong.json"))
        time.sleep(0.8)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- sizes -------------------------------------------------------------------------------------


def test_a_1mb_case_id_is_refused_fast(capsys, tmp_path, monkeypatch):
    # without the declaration manifest: checking it stats every folder of sys.path and every source file,
    # which in a long test session (many temporary paths) took seconds; the input's size is what is timed
    monkeypatch.setenv("ZHENGCE_CACHE", "off")
    case = example("car_scrappage_nev_guangdong.json")
    case["case_id"] = "案" * 1_000_000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    cli(capsys, "evaluate", CAR)  # the plugins loaded (and the manifest saved) once
    start = time.monotonic()
    code, out, err = cli(capsys, "evaluate", path)
    assert code == 2 and "characters at most" in err and len(err) < 2000
    assert time.monotonic() - start < 2  # the size of the input, not loading the plugins, is what is timed


def test_the_longest_case_id_renders_fast(capsys, tmp_path):
    case = example("car_scrappage_nev_guangdong.json")
    case["case_id"] = "[bold]" + "x" * (limits.MAX_STRING - 6)
    path = tmp_path / "long.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    start = time.monotonic()
    code, out, _ = cli(capsys, "evaluate", path, "--as-of", "2024-09-01")
    assert code == 0 and "[bold]xxx" in out
    assert time.monotonic() - start < 2


def test_100000_bad_items_give_a_capped_message():
    data = {"carbon_market_party": {"working_days_off": ["x"] * 100_000}}
    with pytest.raises(CaseValidationError) as info:
        KERNEL.evaluate(data)
    exc = info.value
    assert len(exc.problems) == 100_000
    assert str(exc).endswith("… and 99,900 more problems") and len(str(exc)) < 50_000
    shown = exc.to_json()
    assert len(shown["problems"]) == limits.MAX_PROBLEMS_SHOWN and shown["more_problems"] == 99_900


# --- the CLI contract --------------------------------------------------------------------------


def _kernel_with(*plugins):
    def make(**kwargs):
        kernel = Kernel(**kwargs)
        for p in plugins:
            kernel.register(p)
        return kernel

    return make


def test_evaluate_exits_3_when_a_result_is_error(capsys, monkeypatch):
    monkeypatch.setattr("zhengce.kernel.cli.Kernel", _kernel_with(FaultyPlugin("raises")))
    code, out, _ = cli(capsys, "evaluate", CAR, "--format", "json")
    assert code == 3 and json.loads(out)["results"]
    assert cli(capsys, "evaluate", CAR)[0] == 3


class _Broken:
    from zhengce.kernel import hookimpl

    @hookimpl
    def declare_plugin(self):
        raise RuntimeError("cannot declare")


@pytest.mark.parametrize("argv", [("plugins",), ("policies",), ("schema",), ("plugins", "--format", "json"),
                                  ("evaluate", CAR, "--format", "json")])
def test_a_plugin_that_failed_to_load_is_exit_3_in_every_command(capsys, monkeypatch, argv):
    monkeypatch.setattr("zhengce.kernel.cli.Kernel", _kernel_with(_Broken()))
    assert cli(capsys, *argv)[0] == 3
    assert cli(capsys, *argv, "--allow-load-problems")[0] == 0


def test_the_timeout_option(capsys, monkeypatch):
    monkeypatch.setattr("zhengce.kernel.cli.Kernel", _kernel_with(FaultyPlugin("sleeps")))
    start = time.monotonic()
    code, out, _ = cli(capsys, "evaluate", CAR, "--format", "json", "--timeout", "0.2")
    assert code == 3 and time.monotonic() - start < 5
    error = next(r["error"] for r in json.loads(out)["results"] if r["status"] == "error")
    assert error["kind"] == "timeout" and error["hook"] == "applies_to"
    with pytest.raises(SystemExit) as info:  # a bad option: argparse's usage message, exit 2
        cli(capsys, "evaluate", CAR, "--timeout", "-1")
    assert info.value.code == 2


# --- replayable records ------------------------------------------------------------------------


def test_a_record_carries_the_hash_of_its_canonical_input():
    case = example("car_scrappage_nev_guangdong.json")
    record = KERNEL.evaluate(case, as_of=date(2024, 9, 1))
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", record.input_hash)
    reordered = dict(reversed(list(case.items())))
    reordered["scrappage_application"] = {**reordered["scrappage_application"], "region": None}  # null = absent
    assert KERNEL.evaluate(reordered, as_of=date(2024, 9, 1)).input_hash == record.input_hash
    assert Kernel(block=["energy"]).evaluate(case).input_hash == record.input_hash  # other plugins: no matter
    changed = {**case, "case_id": "other"}
    assert KERNEL.evaluate(changed).input_hash != record.input_hash


def test_replay_says_whether_a_record_reproduces(capsys, tmp_path):
    code, out, _ = cli(capsys, "evaluate", CAR, "--as-of", "2024-09-01", "--format", "json")
    record = tmp_path / "record.json"
    record.write_text(out, encoding="utf-8")
    code, out, _ = cli(capsys, "replay", record, CAR, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["reproduces"] and report["input_hash"]["match"]
    assert cli(capsys, "replay", record, CAR)[1].splitlines()[0].endswith("reproduces")

    tampered = json.loads(record.read_text(encoding="utf-8"))
    tampered["results"][0]["evaluation"]["amounts"][0]["value"] = "1.00"
    record.write_text(json.dumps(tampered, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli(capsys, "replay", record, CAR, "--format", "json")
    assert code == 4 and json.loads(out)["results"]["different"] == ["tradein.car_scrappage_subsidy"]

    other = tmp_path / "other.json"
    other.write_text(json.dumps({**example("car_scrappage_nev_guangdong.json"), "case_id": "x"}), encoding="utf-8")
    code, out, _ = cli(capsys, "replay", record, other, "--format", "json")
    assert code == 4 and not json.loads(out)["input_hash"]["match"]

    record.write_text('{"format": "something else"}', encoding="utf-8")
    code, out, _ = cli(capsys, "replay", record, CAR, "--format", "json")
    assert code == 2 and {p["path"] for p in json.loads(out)["problems"]} >= {"format", "as_of", "results"}
