"""Packaging hygiene: every pyproject uses the SPDX license string (a TOML table is deprecated by
setuptools and unsupported from 2027-02-18) and builds with a setuptools that understands it (>= 77)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECTS = sorted(p for p in ROOT.rglob("pyproject.toml") if not {".venv", "build", "site"} & set(p.parts))


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: str(p.parent.relative_to(ROOT)) or ".")
def test_license_is_an_spdx_string_built_with_setuptools_77(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["project"]["license"] == "Apache-2.0"
    assert not [c for c in data["project"].get("classifiers", []) if c.startswith("License ::")]
    (setuptools,) = [r for r in data["build-system"]["requires"] if r.startswith("setuptools")]
    assert int(re.search(r">=\s*(\d+)", setuptools).group(1)) >= 77, setuptools


def test_the_docs_extra_brings_mkdocs_and_material():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert {re.split(r"[<>=]", r)[0] for r in extras["docs"]} == {"mkdocs", "mkdocs-material"}
