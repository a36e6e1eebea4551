"""Plugins use only the public API of zhengce, and never another plugin."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = {
    "zhengce.kernel", "zhengce.kernel.rules", "zhengce.kernel.render", "zhengce.kernel.reference",
    "zhengce.kernel.testing", "zhengce.kernel.citations",
    "zhengce.contracts", "zhengce.contracts.vehicle", "zhengce.contracts.common", "zhengce.contracts.taxation",
    "zhengce.contracts.finance", "zhengce.contracts.energy", "zhengce.contracts.data_assets",
}
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
            elif top.startswith("zhengce_") and top != own:
                bad.append(f"{path.relative_to(ROOT)}: imports another plugin ({top})")
    assert not bad, "\n".join(bad)
