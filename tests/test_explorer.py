"""The policy explorer: every installed policy gets a generated page holding all its parameters and
documents; the indexes list them all; the site configuration lists every page (mkdocs is not run here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from zhengce.kernel import Kernel
from zhengce.kernel.explorer import cell, code_cell, document_anchor, generate, policy_page, section_schema, value_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    kernel = Kernel()
    out = tmp_path_factory.mktemp("explorer")
    pages = generate(kernel, out, root=ROOT)
    return kernel, out, pages


def read(out: Path, page: str) -> str:
    return (out / "pages" / page).read_text(encoding="utf-8")


def test_every_installed_policy_has_a_page_with_every_parameter_value_and_document(site):
    kernel, out, pages = site
    assert kernel.policies, "no installed policy: the explorer would be empty"
    for reg in kernel.policies:
        spec = reg.spec
        text = read(out, policy_page(spec.id))
        assert spec.id in text and cell(spec.title.zh) in text and cell(spec.title.en) in text
        for section in spec.facts:
            assert f"`{section}`" in text
        if spec.parameters is None:
            continue
        for doc in spec.parameters.documents.values():
            assert cell(doc.number) in text and cell(doc.title) in text and str(doc.issued) in text and str(doc.in_force) in text
        for param in spec.parameters.parameters.values():
            assert f"### `{param.name}`" in text and cell(param.label.zh) in text
            if param.reading:
                assert cell(param.reading.zh) in text and cell(param.reading.en) in text
            for value in param.values:  # each dated value: its bounds, document, article and verbatim quote
                row = f"| `{code_cell(value_text(value.value))}` | {cell(value.valid_from)} | {cell(value.valid_until)} | {cell(value.document.number)} | {cell(value.citation.article)} |"
                assert row in text, (spec.id, param.name, row)
                assert f"> {cell(value.citation.quote)}" in text


def test_documents_index_lists_every_cited_document_with_its_policies(site):
    kernel, out, _ = site
    text = read(out, "documents.md")
    for reg in kernel.policies:
        for doc in (reg.spec.parameters.documents.values() if reg.spec.parameters else ()):
            block = text.split(f"{{#{document_anchor(doc.number)}}}")[1].split("\n## ")[0]
            assert f"({policy_page(reg.spec.id)})" in block, (doc.number, reg.spec.id)


def test_domain_and_jurisdiction_indexes_reach_every_policy(site):
    kernel, out, _ = site
    jurisdictions = read(out, "jurisdictions.md")
    for reg in kernel.policies:
        assert f"({policy_page(reg.spec.id)})" in jurisdictions
        assert f"../../{policy_page(reg.spec.id)}" in read(out, f"domains/{reg.plugin.name}/index.md")


def test_navigation_lists_every_generated_page_and_the_guides_and_readmes(site):
    kernel, out, pages = site
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material" and any("search" in p for p in config["plugins"])

    def leaves(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for x in node:
                yield from leaves(x)
        elif isinstance(node, dict):
            for x in node.values():
                yield from leaves(x)

    in_nav = set(leaves(config["nav"]))
    assert in_nav == set(pages)
    for guide in (ROOT / "docs").glob("*.md"):
        assert f"guides/{guide.name}" in in_nav
    for ref in kernel.plugins:
        if (ROOT / "plugins" / ref.name / "README.md").is_file():
            assert f"domains/{ref.name}/readme.md" in in_nav


def test_a_policy_page_shows_an_example_explained_in_both_languages(site):
    kernel, out, _ = site
    text = read(out, policy_page("tradein.car_scrappage_subsidy"))
    assert "examples/cases/" in text and "**applies**" in text
    assert '=== "中文"' in text and '=== "English"' in text
    assert "补贴 20000.00 元" in text and "subsidy CNY 20000.00" in text


def test_section_schema_carries_the_definitions_it_refers_to(site):
    kernel, _, _ = site
    schema = kernel.case_schema()
    for name in kernel.sections:
        part = section_schema(schema, name)
        refs = {r.split("/")[-1] for r in _refs(part)}
        assert refs <= set(part.get("$defs", {})), (name, refs)
        json.dumps(part)


def _refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for v in node.values():
            yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_a_provincial_plugin_is_indexed_by_jurisdiction_with_its_relations(tmp_path):
    from zhengce.kernel.testing import installed_distribution
    from zhengce_taxation.plugin import plugin as taxation
    from zhengce_tradein.plugin import plugin as tradein

    here = ROOT / "examples" / "provincial_plugin"
    with installed_distribution(tmp_path / "dist", distribution="zhengce-example-province", version="0.1.0",
                                entry_points={"example_province": "zhengce_example_province.plugin:plugin"},
                                import_path=here):
        from zhengce_example_province.plugin import plugin as province

        kernel = Kernel([tradein, taxation, province])
        generate(kernel, tmp_path / "out", root=ROOT)
    local = [r for r in kernel.policies if r.spec.jurisdiction.level != "national"]
    assert local
    jurisdictions = read(tmp_path / "out", "jurisdictions.md")
    assert "## 省级 · provincial" in jurisdictions
    for reg in local:
        assert f"({policy_page(reg.spec.id)})" in jurisdictions
        text = read(tmp_path / "out", policy_page(reg.spec.id))
        assert all(f"`{code}`" in text for code in reg.spec.jurisdiction.regions)
        for relation in reg.spec.relations:
            of = getattr(relation, "of", None)
            if of:
                assert f"[`{of}`](../{policy_page(of)})" in text, (reg.spec.id, relation)


def test_every_trace_outcome_has_a_mark():
    from zhengce.contracts import Outcome
    from zhengce.kernel.render import MARKS

    assert set(MARKS) == set(Outcome)
