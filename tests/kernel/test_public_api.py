"""Plugins use only the public API of zhengce, and of another plugin only the facts of one they require;
the core holds no domain."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = {
    "zhengce.kernel", "zhengce.kernel.rules", "zhengce.kernel.render", "zhengce.kernel.reference",
    "zhengce.kernel.testing", "zhengce.kernel.citations", "zhengce.kernel.workdays", "zhengce.kernel.vector",
    "zhengce.kernel.batch",
    "zhengce.contracts", "zhengce.contracts.common", "zhengce.contracts.domains", "zhengce.contracts.migrations",
}
CORE_CONTRACTS = {"__init__.py", "base.py", "case.py", "common.py", "domains.py", "fast.py", "limits.py", "migrations.py", "results.py", "schema.py"}
PLUGINS = sorted(p.parent for p in (ROOT / "plugins").glob("*/pyproject.toml"))


def imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


@pytest.mark.parametrize("plugin_dir", PLUGINS, ids=lambda p: p.name)
def test_plugins_import_only_the_public_api_and_no_other_plugin(plugin_dir):
    own = next(plugin_dir.glob("zhengce_*/__init__.py")).parent.name
    bad = []
    for path in plugin_dir.rglob("*.py"):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top == "zhengce" and module not in PUBLIC:
                bad.append(f"{path.relative_to(ROOT)}: {module} is not public API")
            elif top.startswith("zhengce_") and top != own and not (
                    module == f"{top}.facts" and top.replace("_", "-").replace("zhengce-", "zhengce-", 1) in required(plugin_dir)):
                bad.append(f"{path.relative_to(ROOT)}: imports another plugin ({module}); only a required plugin's facts")
    assert not bad, "\n".join(bad)


def required(plugin_dir: Path) -> set[str]:
    """The distributions a plugin's pyproject depends on (names only)."""
    import re
    import tomllib

    deps = tomllib.loads((plugin_dir / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("dependencies", [])
    return {re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0].strip().lower() for d in deps}


def test_the_core_contracts_hold_no_domain_module():
    assert {p.name for p in (ROOT / "contracts").glob("*.py")} == CORE_CONTRACTS
