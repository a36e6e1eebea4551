"""Every hook is documented in pytest's hookspec style and exercised by a test."""

import inspect
from pathlib import Path

from zhengce.kernel import hookspecs

HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(fn, "zhengce_spec")]


def test_the_hooks_are_the_documented_set():
    assert sorted(HOOKS) == ["applies_to", "declare_plugin", "declare_policies", "declare_sections", "evaluate", "explain", "screen_columns"]


def test_every_hook_has_summary_params_return_and_when_called():
    for name in HOOKS:
        fn = getattr(hookspecs, name)
        doc = inspect.getdoc(fn)
        assert doc and doc.splitlines()[0].endswith("."), f"{name}: one-line summary"
        for param in inspect.signature(fn).parameters:
            assert f":param {param}:" in doc, f"{name}: :param {param}:"
        assert ":return:" in doc and "None" in doc, f"{name}: says what it returns and what None means"
        assert "Called" in doc, f"{name}: says when the kernel calls it"
        assert fn.zhengce_spec.get("firstresult") is True


def test_every_hook_is_used_by_a_test():
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    tests += (Path(__file__).parents[1] / "batch" / "test_columnar.py").read_text(encoding="utf-8")
    tests += (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")
    for name in HOOKS:
        assert f"def {name}(" in tests, f"no test implements hook {name}"
