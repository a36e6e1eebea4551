"""The declaration manifest (kernel/manifest.py): a partial load answers exactly as the full one.

``Kernel(sections=...)`` imports only the plugins a case needs when the manifest of the last full load
is valid; a stale, corrupt or lying manifest makes it load everything.  Each test keeps its own cache
(``ZHENGCE_CACHE``) and compares against a kernel built without one.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from zhengce.contracts import CaseValidationError, dump
from zhengce.kernel import Kernel, manifest
from zhengce.kernel.cli import _parser, main

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((ROOT / "examples" / "cases").glob("*.json"))
CAR = ROOT / "examples" / "cases" / "car_scrappage_nev_guangdong.json"
DAY = date(2024, 10, 1)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ZHENGCE_CACHE", str(folder))
    return folder


def _full(**options) -> Kernel:
    """A kernel that never saw a manifest."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ZHENGCE_CACHE", "off")
        return Kernel(**options)


def _said(kernel: Kernel, data: dict) -> dict:
    record = kernel.evaluate(data, as_of=DAY)
    return {"record": dump(record), "zh": [dump(kernel.explain(r, "zh")) for r in record.results],
            "en": [dump(kernel.explain(r, "en")) for r in record.results],
            "problems": [(p.plugin, p.message) for p in kernel.problems]}


def _case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_example_partial_load_says_what_the_full_load_says(cache):
    full = Kernel()  # a full load saves the manifest
    assert list((cache / "manifest").glob("*.pickle"))
    partial_runs = 0
    for path in CASES:
        data = _case(path)
        kernel = Kernel(sections=data)
        partial = kernel._view is not None
        assert _said(kernel, data) == _said(full, data), path.name  # plugins, plugin set and versions included
        partial_runs += partial and len(kernel._slots) < len(full._slots)
    assert partial_runs == len(CASES)  # every example needs fewer plugins than are installed


def test_a_partial_kernel_completes_itself_when_asked_for_everything(cache):
    full = Kernel()
    data = _case(CAR)
    kernel = Kernel(sections=data)
    assert kernel._view is not None and [s.ref.name for s in kernel._slots] == ["tradein"]
    assert kernel.plugins == full.plugins and kernel.plugin_set == full.plugin_set
    assert [r.spec.id for r in kernel.policies] == [r.spec.id for r in full.policies]  # now loaded fully
    assert kernel._view is None and list(kernel.sections) == list(full.sections)
    assert json.dumps(kernel.case_schema(), sort_keys=True, default=str) == json.dumps(full.case_schema(), sort_keys=True, default=str)


def test_a_case_with_other_sections_loads_the_rest(cache):
    Kernel()
    kernel = Kernel(sections=_case(CAR))
    other = _case(next(p for p in CASES if p.name.startswith("energy_")))
    assert _said(kernel, other) == _said(_full(), other)
    assert kernel._view is None


def test_unknown_and_invalid_input_give_the_full_load_messages(cache):
    Kernel()
    for data in ({**_case(CAR), "old_vehicel": {}},  # a near miss: "did you mean", every section listed
                 {**_case(CAR), "old_vehicle": {"registration_date": "2024-13-01", "fuel": "coal"}},
                 {"case_id": 3}):
        with pytest.raises(CaseValidationError) as full:
            _full().load(data)
        with pytest.raises(CaseValidationError) as partial:
            Kernel(sections=data).load(data)
        assert partial.value.to_json() == full.value.to_json()


def test_migrated_input_is_migrated_as_by_the_full_load(cache):
    Kernel()
    data = _case(CAR)
    vehicle = dict(data["old_vehicle"])
    vehicle["registered_to_applicant_on"] = vehicle.pop("in_applicant_name_since")  # the name before tradein 2.0.0
    older = {**data, "old_vehicle": vehicle}
    said = _said(Kernel(sections=older), older)
    assert said == _said(_full(), older)
    assert said["record"]["input_notes"] and said["record"]["results"] == _said(_full(), data)["record"]["results"]


def test_blocked_plugins_have_their_own_view(cache):
    data = _case(CAR)
    Kernel(block=["energy"])  # a full load with energy blocked
    kernel = Kernel(block=["energy"], sections=data)
    assert kernel._view is not None
    assert "energy" not in [p.name for p in kernel.plugins]
    assert _said(kernel, data) == _said(_full(block=["energy"]), data)
    # the owner of the case's sections blocked: the same error as without a manifest
    Kernel(block=["tradein"])
    with pytest.raises(CaseValidationError) as partial:
        Kernel(block=["tradein"], sections=data).load(data)
    with pytest.raises(CaseValidationError) as full:
        _full(block=["tradein"]).load(data)
    assert partial.value.to_json() == full.value.to_json() and "tradein" in str(full.value)


def test_a_block_set_never_loaded_fully_loads_fully(cache):
    Kernel()
    kernel = Kernel(block=["ip"], sections=_case(CAR))
    assert kernel._view is None and "ip" not in [s.ref.name for s in kernel._slots]
    assert Kernel(block=["ip"], sections=_case(CAR))._view is not None  # saved by that full load


def test_a_corrupt_manifest_is_ignored_and_replaced(cache):
    data = _case(CAR)
    Kernel()
    (path,) = (cache / "manifest").glob("*.pickle")
    path.write_bytes(b"\x80\x05not a pickle")
    kernel = Kernel(sections=data)
    assert kernel._view is None and _said(kernel, data) == _said(_full(), data)
    assert Kernel(sections=data)._view is not None  # the full load saved a good one


def test_a_manifest_that_lies_about_a_plugin_is_caught(cache):
    data = _case(CAR)
    Kernel()
    (path,) = (cache / "manifest").glob("*.pickle")
    saved = pickle.loads(path.read_bytes())
    view = saved["views"][()]
    i = next(i for i, d in enumerate(view["declared"]) if d and d[0][0] == "tradein")
    ref, sections, policies, requires = view["declared"][i]
    view["declared"] = (*view["declared"][:i], (ref, sections, policies[:-1], requires), *view["declared"][i + 1:])
    path.write_bytes(pickle.dumps(saved))  # the installation fingerprint still holds
    kernel = Kernel(sections=data)
    assert kernel._view is None and _said(kernel, data) == _said(_full(), data)


# --- an installed plugin that changes -------------------------------------------------------------

_NAMES = (f"fakeplug{i}" for i in itertools.count())

PLUGIN = """
import attrs
from zhengce.contracts import Applicability, Status, Text
from zhengce.kernel import FactSection, PolicySpec, hookimpl


@attrs.frozen(kw_only=True)
class Widget:
    ready: bool | None = None


@hookimpl
def declare_sections():
    return [FactSection(name="{name}_widget", type=Widget)]


@hookimpl
def declare_policies():
    return [PolicySpec(id="{name}.{policy}", title=Text(zh="小部件", en="widget"), facts=("{name}_widget",))]


@hookimpl
def applies_to(policy, case, context):
    return Applicability(status=Status.APPLIES if case.{name}_widget.ready else Status.DOES_NOT_APPLY)


@hookimpl
def evaluate(policy, case, context, applicability):
    return None
"""


def _install(site: Path, name: str, version: str, policy: str = "ready") -> None:
    """A distribution ``name`` of ``version`` with one plugin module, as pip would leave it."""
    for old in site.glob(f"{name}-*.dist-info"):
        for f in old.iterdir():
            f.unlink()
        old.rmdir()
    (site / f"{name}.py").write_text(textwrap.dedent(PLUGIN.format(name=name, policy=policy)), encoding="utf-8")
    meta = site / f"{name}-{version}.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (meta / "entry_points.txt").write_text(f"[zhengce]\n{name} = {name}\n", encoding="utf-8")
    sys.modules.pop(name, None)


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def test_a_version_change_makes_the_manifest_stale(cache, site):
    name = next(_NAMES)
    _install(site, name, "1.0")
    Kernel()
    data = {f"{name}_widget": {"ready": True}}
    kernel = Kernel(sections=data)
    assert kernel._view is not None and [s.ref.name for s in kernel._slots] == [name]
    assert {p.name: p.version for p in kernel.plugins}[name] == "1.0"
    _install(site, name, "2.0")
    kernel = Kernel(sections=data)
    assert kernel._view is None  # stale: everything loaded
    assert {p.name: p.version for p in kernel.plugins}[name] == "2.0"
    assert _said(kernel, data) == _said(_full(), data)
    assert Kernel(sections=data)._view is not None


def test_an_edited_plugin_makes_the_manifest_stale(cache, site):
    name = next(_NAMES)
    _install(site, name, "1.0", policy="ready")
    Kernel()
    data = {f"{name}_widget": {"ready": True}}
    assert [r.policy_id for r in Kernel(sections=data).evaluate(data, as_of=DAY).results] == [f"{name}.ready"]
    module = site / f"{name}.py"
    module.write_text(module.read_text(encoding="utf-8").replace(f"{name}.ready", f"{name}.ready_now"), encoding="utf-8")
    sys.modules.pop(name, None)
    kernel = Kernel(sections=data)
    assert kernel._view is None
    assert [r.policy_id for r in kernel.evaluate(data, as_of=DAY).results] == [f"{name}.ready_now"]


def test_an_uninstalled_plugin_makes_the_manifest_stale(cache, site):
    name = next(_NAMES)
    _install(site, name, "1.0")
    Kernel()
    for f in site.glob(f"{name}-*.dist-info/*"):
        f.unlink()
    for d in site.glob(f"{name}-*.dist-info"):
        d.rmdir()
    data = _case(CAR)
    kernel = Kernel(sections=data)
    assert kernel._view is None and name not in [p.name for p in kernel.plugins]


def test_no_cache_no_manifest(monkeypatch, tmp_path):
    monkeypatch.setenv("ZHENGCE_CACHE", "off")
    assert manifest.read("zhengce") is None
    kernel = Kernel(sections=_case(CAR))
    assert kernel._view is None


# --- the command line -----------------------------------------------------------------------------

def test_the_fast_parser_prints_the_same_usage_and_help():
    full, fast = _parser(full=True), _parser(full=False)
    assert fast.format_usage() == full.format_usage()
    sub = lambda p: next(a for a in p._actions if a.dest == "command").choices  # noqa: E731
    assert list(sub(fast)) == list(sub(full))
    for name in ("evaluate", "policies", "plugins", "schema", "whatif", "replay"):
        assert sub(fast)[name].format_help() == sub(full)[name].format_help()


@pytest.mark.parametrize("argv", [["evaluate", str(CAR)], ["evaluate", str(CAR), "--format", "json", "--lang", "en"],
                                  ["--block", "energy", "evaluate", str(CAR), "--format", "json"],
                                  ["--block", "tradein", "evaluate", str(CAR), "--format", "json"],
                                  ["evaluate", "no-such-file.json", "--format", "json"]])
def test_evaluate_prints_what_it_printed_without_a_manifest(cache, capsys, monkeypatch, argv):
    monkeypatch.setenv("COLUMNS", "120")
    outputs = []
    for setting in ("off", str(cache), str(cache)):  # no manifest; the full load saving it; the partial load
        monkeypatch.setenv("ZHENGCE_CACHE", setting)
        code = main(argv)
        outputs.append((code, *capsys.readouterr()))
    assert outputs[0] == outputs[1] == outputs[2]


def test_evaluate_imports_only_the_plugins_the_case_needs(cache):
    script = ("import sys; from zhengce.kernel.cli import main; main(['evaluate', sys.argv[1], '--format', 'json']); "
              "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('zhengce_')}), "
              "[m for m in ('importlib.metadata', 'yaml', 'rich', 'zhengce.kernel.batch', 'zhengce.kernel.service') if m in sys.modules])")
    env = {**os.environ, "ZHENGCE_CACHE": str(cache)}
    quiet = cache.parent / "cwd"  # the current folder is on the path (python -c): one nothing writes into
    quiet.mkdir()
    runs = [subprocess.run([sys.executable, "-c", script, str(CAR)], capture_output=True, text=True, env=env,
                           cwd=quiet, check=True) for _ in range(2)]
    first, second = (r.stdout.strip().splitlines()[-1] for r in runs)
    assert "zhengce_energy" in first  # no manifest yet: every plugin
    assert second == "['zhengce_tradein'] []"
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]  # the same record


def test_a_partial_kernel_explains_another_plugins_result_as_the_full_one(cache):
    full = Kernel()
    other = _case(next(p for p in CASES if p.name.startswith("energy_")))
    record = full.evaluate(other, as_of=DAY)
    kernel = Kernel(sections=_case(CAR))
    assert kernel._view is not None
    assert [dump(kernel.explain(r, "en")) for r in record.results] == [dump(full.explain(r, "en")) for r in record.results]
    assert kernel.policy(record.results[0].policy_id).spec == full.policy(record.results[0].policy_id).spec


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_screen_imports_only_the_plugins_a_tables_header_names_and_writes_the_same_rows(cache, tmp_path, suffix):
    pytest.importorskip("pyarrow")
    from zhengce.kernel.batch import generate, read_results

    registry = tmp_path / f"cars{suffix}"
    generate("cars", 300, str(registry), seed=3)
    script = ("import sys; from zhengce.kernel.cli import main; "
              "code = main(['screen', sys.argv[1], '--out', sys.argv[2], '--as-of', '2024-10-01', '--no-progress']); "
              "print(code, sorted({m.split('.')[0] for m in sys.modules if m.startswith('zhengce_')}))")
    env = {**os.environ, "ZHENGCE_CACHE": str(cache)}
    quiet = cache.parent / "cwd"
    quiet.mkdir()
    outs = [tmp_path / f"r{i}.jsonl" for i in range(2)]
    runs = [subprocess.run([sys.executable, "-c", script, str(registry), str(out)], capture_output=True, text=True,
                           env=env, cwd=quiet, check=True) for out in outs]
    first, second = (r.stdout.strip().splitlines()[-1] for r in runs)
    assert first.startswith("0 ") and "zhengce_energy" in first  # no manifest yet: every plugin
    assert second == "0 ['zhengce_tradein']"  # the header names the car sections only
    assert read_results(str(outs[0])) == read_results(str(outs[1]))
    summaries = [json.loads(Path(f"{o}.summary.json").read_text(encoding="utf-8")) for o in outs]
    assert {k: v for k, v in summaries[0].items() if k not in ("seconds", "output")} == \
        {k: v for k, v in summaries[1].items() if k not in ("seconds", "output")}  # the plugin set too


def test_registry_sections_come_from_the_header_alone(tmp_path):
    from zhengce.kernel.batch.readers import registry_sections

    table = tmp_path / "t.csv"
    table.write_text("case_id,old_vehicle.fuel,old_vehicle.class.sub,enterprise\n1,nev,,{}\n", encoding="utf-8")
    assert registry_sections(str(table)) == ["case_id", "enterprise", "old_vehicle"]
    assert registry_sections(str(tmp_path / "t.jsonl")) is None  # rows may differ: known only once read
    assert registry_sections(str(tmp_path / "missing.parquet")) is None  # the run says why
    assert registry_sections("-", "csv") is None
