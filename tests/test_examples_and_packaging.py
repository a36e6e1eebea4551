"""The embedding example runs; the root distribution installs as zhengce.kernel / zhengce.contracts."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_embedding_example_prints_the_explained_result():
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "embed.py")], capture_output=True, text=True, check=True).stdout
    assert "tradein.car_scrappage_subsidy (zhengce-tradein" in out
    assert "subsidy = 15000.00 CNY" in out  # 国三 diesel → 1.5 L fuel car, under 392号
    assert "central_share = 14250.00 CNY" in out  # 四川 (510000) is west: 9.5:0.5
    assert "[zh] 汽车报废更新补贴" in out and "[en] Car scrappage" in out


def test_editable_install_maps_the_top_level_folders_to_namespaced_modules():
    import zhengce.contracts
    import zhengce.kernel

    assert Path(zhengce.kernel.__file__).parent == ROOT / "kernel"
    assert Path(zhengce.contracts.__file__).parent == ROOT / "contracts"
    for bare in ("kernel", "contracts"):
        probe = subprocess.run([sys.executable, "-c", f"import {bare}"], capture_output=True, text=True, cwd="/")
        assert probe.returncode != 0, f"a bare top-level '{bare}' module must not be importable"


@pytest.mark.slow
def test_built_wheel_holds_namespaced_packages_and_imports(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(ROOT)], check=True)
    (wheel,) = tmp_path.glob("zhengce-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("zhengce/kernel/__init__.py", "zhengce/kernel/hookspecs.py", "zhengce/contracts/__init__.py",
                   "zhengce/kernel/reference/regions.yaml", "zhengce/kernel/reference/workdays.yaml"):
        assert needed in names
    assert not [n for n in names if n.startswith(("kernel/", "contracts/"))]
    assert any(n.endswith("entry_points.txt") for n in names)
    # install = unpack; import from it alone (-S: no site, so the editable finder is not active)
    target = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(target)
    site = sysconfig.get_paths()["purelib"]
    code = (f"import sys; sys.path[:0] = [{str(target)!r}, {site!r}]; import zhengce.kernel, zhengce.contracts; "
            "from zhengce.kernel.reference import regions; "
            "assert zhengce.kernel.__file__.startswith(sys.path[0]), zhengce.kernel.__file__; "
            "print(regions().province('44').name)")
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "广东省"


PLUGINS = sorted(p.parent for p in (ROOT / "plugins").glob("*/pyproject.toml"))


@pytest.mark.slow
@pytest.mark.parametrize("plugin_dir", PLUGINS, ids=lambda p: p.name)
def test_plugin_wheel_ships_its_parameters_and_entry_point(plugin_dir, tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(plugin_dir)], check=True)
    (wheel,) = tmp_path.glob("zhengce_*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = next(plugin_dir.glob("zhengce_*/__init__.py")).parent
    for yaml_file in package.glob("parameters/*.yaml"):
        assert f"{package.name}/parameters/{yaml_file.name}" in names, f"{yaml_file.name} missing from the wheel"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[zhengce]" in text and f"{package.name}.plugin:plugin" in text
