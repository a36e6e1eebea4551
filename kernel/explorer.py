"""The policy explorer: Markdown pages for a documentation site, generated from the installed plugins.

The people who check a rules engine (tax advisors, policy officers, a province's legal department)
read the law as the engine holds it here, without Python: one page per policy (titles, documents,
every dated parameter with its clause and verbatim quote, the readings chosen, the facts it reads
with their JSON Schema, its relations, an example case explained in Chinese and English), indexes
by domain, by document and by jurisdiction, the guides of ``docs/`` and every plugin's README.
Nothing here is written by hand: regenerate whenever a plugin changes.

    python -m zhengce.kernel.explorer OUT     # writes OUT/mkdocs.yml and OUT/pages/
    python3 dev.py docs                       # that, then ``mkdocs build --strict`` into site/
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from zhengce.contracts import Status

from .kernel import Kernel, RegisteredPolicy
from .parameters import Document, Parameter
from .policy import PolicySpec

ROOT = Path(__file__).resolve().parents[1]  # the source tree (editable install); guides and cases live there
LEVEL_TEXT = {"national": "全国 · national", "provincial": "省级 · provincial", "municipal": "市级 · municipal",
              "county": "县级 · county"}


# --- small Markdown helpers -------------------------------------------------


def cell(value: Any) -> str:
    """A value safe inside a Markdown table cell (no pipe, no newline)."""
    text = "—" if value is None or value == "" else str(value)
    return " ".join(text.split()).replace("|", "\\|").replace("*", "\\*").replace("<", "&lt;")


def code_cell(value: Any) -> str:
    """A value inside a code span in a table cell: only the pipe and newlines need care."""
    return " ".join(str(value).split()).replace("|", "\\|").replace("`", "'")


def policy_page(policy_id: str) -> str:
    return f"policies/{policy_id}.md"


def rel(from_page: str, to_page: str) -> str:
    """The relative link from one generated page to another (both relative to the docs folder)."""
    depth = from_page.count("/")
    return "../" * depth + to_page


def value_text(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- what the pages are made of ---------------------------------------------


@attrs.frozen(kw_only=True)
class DocumentEntry:
    """A document as the explorer indexes it: its 文号 and the policies that cite it."""

    document: Document
    policies: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return document_anchor(self.document.number)


def document_anchor(number: str) -> str:
    """A stable anchor for a 文号: its digits and ASCII, plus a short hash to keep different ones apart."""
    import hashlib

    return "doc-" + hashlib.sha256(number.encode()).hexdigest()[:10]


def documents_of(policies: Iterable[RegisteredPolicy]) -> list[DocumentEntry]:
    """Every document any policy cites, by 文号 (the first declaration of a number gives its dates)."""
    found: dict[str, Document] = {}
    citing: dict[str, set[str]] = defaultdict(set)
    for reg in policies:
        params = reg.spec.parameters
        for doc in (params.documents.values() if params else ()):
            found.setdefault(doc.number, doc)
            citing[doc.number].add(reg.spec.id)
    return [DocumentEntry(document=found[n], policies=tuple(sorted(citing[n])))
            for n in sorted(found, key=lambda n: (found[n].issued, n))]


def section_schema(schema: Mapping[str, Any], section: str) -> dict[str, Any]:
    """The JSON Schema of one case section, with the ``$defs`` it refers to (transitively)."""
    prop = dict(schema["properties"][section])
    defs = schema.get("$defs", {})
    wanted: dict[str, Any] = {}
    stack = [prop]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.split("/")[-1]
                if name not in wanted and name in defs:
                    wanted[name] = defs[name]
                    stack.append(defs[name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    if wanted:
        prop["$defs"] = dict(sorted(wanted.items()))
    return prop


def example_day(spec: PolicySpec) -> date | None:
    """The assessment day for a policy's example: the day its latest document was issued (all its law
    known), but no later than the last day it governs.  Fixed by the law, so the pages do not change
    with the day they are built."""
    params = spec.parameters
    if params is None or not params.documents:
        return None
    day = max(d.issued for d in params.documents.values())
    ends = [d.expires for d in params.documents.values() if d.expires is not None]
    if ends and len(ends) == len(params.documents):
        day = min(day, max(ends))
    return max(day, min(d.in_force for d in params.documents.values()))


def load_examples(kernel: Kernel, folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """The example cases this kernel can load (a case for an uninstalled plugin is skipped)."""
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            kernel.load_case(data)
        except Exception:  # noqa: BLE001 - an example for a plugin not installed here
            continue
        found.append((path.name, data))
    return found


def pick_example(kernel: Kernel, spec: PolicySpec, examples: list[tuple[str, dict[str, Any]]]):
    """An example case reaching the policy, evaluated on :func:`example_day`: one where it applies if
    any, else one where it is decided, else any; ``(name, data, day, result)`` or None."""
    day = example_day(spec) or date(2024, 12, 31)
    best, rank = None, 9
    order = {Status.APPLIES: 0, Status.DOES_NOT_APPLY: 1, Status.CANNOT_TELL: 2, Status.ERROR: 3}
    for name, data in examples:
        if not any(data.get(section) is not None for section in spec.facts):
            continue
        record = kernel.evaluate(data, as_of=day, policies=[spec.id])
        result = record.result(spec.id)
        if result is None:
            continue
        r = order[result.status]
        if r < rank:
            best, rank = (name, data, day, result), r
        if rank == 0:
            break
    return best


# --- the pages --------------------------------------------------------------


def relation_lines(spec: PolicySpec, page: str, known: set[str]) -> list[str]:
    """The policy's relations (reads, layering, stacking) as Markdown list items."""

    def link(pid: str) -> str:
        return f"[`{pid}`]({rel(page, policy_page(pid))})" if pid in known else f"`{pid}` (not installed)"

    lines = [f"- reads the result of {link(pid)}" for pid in spec.reads]
    for r in spec.relations:
        data = {k: v for k, v in attrs.asdict(r, recurse=False).items() if k not in ("cite",)}
        kind = r.kind
        if kind == "top_up":
            lines.append(f"- **top-up** (叠加): adds to {link(r.of)}; stands only while it stands")
        elif kind == "within_bounds":
            side = "at least" if r.side == "floor" else "at most"
            lines.append(f"- **within bounds**: amount `{r.amount}` {side} {link(r.of)}'s `{r.bound}`")
        elif kind == "local_window":
            lines.append(f"- **local window**: its application window governs {link(r.of)} where it applies")
        elif kind == "exclusive":
            who = ", ".join(link(p) for p in r.policies)
            how = f"the one elected in `{r.election}`" if r.election else "the most favourable"
            lines.append(f"- **exclusive** (不得重复享受) among {who}: {how} is granted")
        elif kind == "not_again":
            lines.append(f"- **not again**: not granted to a case already supported under `{r.programme}` "
                         f"(fact `{r.fact}`)")
        elif kind == "combined_cap":
            who = ", ".join(link(p) for p in r.policies)
            cap = getattr(r.cap, "value", r.cap)
            lines.append(f"- **combined cap** {cell(cap)} CNY on {who}")
        else:
            lines.append(f"- **{kind}**: {cell(data)}")
        cite = getattr(r, "cite", None) or getattr(r, "cap", None)
        citation = getattr(cite, "citation", cite)
        if getattr(citation, "quote", None):
            lines.append(f"    - {cell(citation.document)} {cell(citation.article)}: 「{cell(citation.quote)}」")
    return lines


def parameter_block(p: Parameter) -> list[str]:
    out = [f"### `{p.name}`", "", f"{cell(p.label.zh)} · {cell(p.label.en)}  ", f"type `{p.type}`", ""]
    if p.reading:
        out += [f"!!! note \"Reading chosen · 解读\"", f"    {cell(p.reading.zh)}", "",
                f"    {cell(p.reading.en)}", ""]
    out += ["| value | from | until | document | article |", "|---|---|---|---|---|"]
    for v in p.values:
        out.append(f"| `{code_cell(value_text(v.value))}` | {cell(v.valid_from)} | {cell(v.valid_until)} | "
                   f"{cell(v.document.number)} | {cell(v.citation.article)} |")
    out.append("")
    for v in p.values:
        out += [f"> {cell(v.citation.quote)}", f"> — {cell(v.document.number)} {cell(v.citation.article)}", ""]
    return out


def render_policy(kernel: Kernel, reg: RegisteredPolicy, schema: Mapping[str, Any], known: set[str],
                  examples: list[tuple[str, dict[str, Any]]]) -> str:
    spec, page = reg.spec, policy_page(reg.spec.id)
    out = [f"# {cell(spec.title.zh)}", "", f"**{cell(spec.title.en)}**", "",
           f"`{spec.id}` · domain [{reg.plugin.name}]({rel(page, f'domains/{reg.plugin.name}/index.md')}) · "
           f"{reg.plugin.distribution} {reg.plugin.version}", ""]
    j = spec.jurisdiction
    out += [f"Jurisdiction: {LEVEL_TEXT.get(j.level, j.level)}"
            + (f" · regions {', '.join(f'`{r}`' for r in j.regions)} · placed by "
               f"{', '.join(f'`{f}`' for f in j.placed_by)}" if j.level != "national" else ""), ""]
    if spec.event_date:
        out += [f"The law of the event day decides: `{spec.event_date}`.", ""]
    if spec.window:
        out += [f"Application window: parameters `{spec.window[0]}` to `{spec.window[1]}`.", ""]
    params = spec.parameters
    out += ["## Documents · 文件", ""]
    if params and params.documents:
        out += ["| 文号 | title | issued | in force | expires |", "|---|---|---|---|---|"]
        for d in sorted(params.documents.values(), key=lambda d: (d.issued, d.number)):
            number = f"[{cell(d.number)}]({rel(page, 'documents.md')}#{document_anchor(d.number)})"
            out.append(f"| {number} | {cell(d.title)} | {d.issued} | {d.in_force} | {cell(d.expires)} |")
        out.append("")
        for d in params.documents.values():
            if d.printed_as:
                out.append(f"- {cell(d.number)} is printed in the source as 「{cell(d.printed_as)}」")
            if d.issued_note:
                out.append(f"- {cell(d.number)}, issue date: {cell(d.issued_note.zh)} · {cell(d.issued_note.en)}")
            if d.expires_quote:
                out.append(f"- {cell(d.number)} ends {d.expires}: 「{cell(d.expires_quote)}」")
        out.append("")
        out += ["## Parameters · 参数", "",
                f"Money rounds to `{params.rounding.quantum}` ({params.rounding.mode}); source `{params.source}`.", ""]
        for p in params.parameters.values():
            out += parameter_block(p)
    else:
        out += ["This policy declares no dated parameters.", ""]
    out += ["## Facts read · 读取的事实", ""]
    for section in spec.facts:
        owner = kernel.sections.get(section)
        who = owner.plugin.distribution if owner is not None and owner.plugin else "core"
        title = f" — {owner.title.zh} · {owner.title.en}" if owner is not None and owner.title else ""
        out += [f"### `{section}`{title}", "", f"Owned by {who}.", ""]
        if section in schema.get("properties", {}):
            text = json.dumps(section_schema(schema, section), ensure_ascii=False, indent=2)
            out += ["??? abstract \"JSON Schema\"", "    ```json",
                    *("    " + line for line in text.splitlines()), "    ```", ""]
    out += ["## Relations · 关系", ""]
    lines = relation_lines(spec, page, known)
    out += (lines or ["None declared."]) + [""]
    out += ["## Example · 示例", ""]
    found = pick_example(kernel, spec, examples)
    if found is None:
        out += ["No example case in `examples/cases/` reaches this policy.", ""]
    else:
        name, data, day, result = found
        out += [f"Case `examples/cases/{name}`, evaluated as of {day} (the day its latest document was issued, "
                f"within its period): **{result.status.value}**.", "",
                "??? example \"Case\"", "    ```json",
                *("    " + line for line in json.dumps(data, ensure_ascii=False, indent=2).splitlines()),
                "    ```", ""]
        for lang, head in (("zh", "中文"), ("en", "English")):
            ex = kernel.explain(result, lang)
            out += [f"=== \"{head}\"", "", f"    **{cell(ex.title)}**", "", f"    {cell(ex.summary)}", ""]
            for line in ex.lines:
                cite = f" ({cell(line.citation.document)} {cell(line.citation.article)})" if line.citation else ""
                out.append(f"    - {cell(line.text)}{cite}")
            out.append("")
    return "\n".join(out) + "\n"


def render_domain(reg_plugin, policies: list[RegisteredPolicy], kernel: Kernel, has_readme: bool) -> str:
    name = reg_plugin.name
    page = f"domains/{name}/index.md"
    out = [f"# {name}", "", f"Distribution `{reg_plugin.distribution}` {reg_plugin.version}.", ""]
    if has_readme:
        out += [f"Its README: [{reg_plugin.distribution}](readme.md).", ""]
    out += ["## Policies", "", "| policy | 标题 | title | jurisdiction |", "|---|---|---|---|"]
    for reg in policies:
        s = reg.spec
        out.append(f"| [`{s.id}`]({rel(page, policy_page(s.id))}) | {cell(s.title.zh)} | {cell(s.title.en)} | "
                   f"{cell(s.jurisdiction.level)} |")
    owned = [(n, o) for n, o in kernel.sections.items() if o.plugin and o.plugin.name == name]
    if owned:
        out += ["", "## Fact sections it owns", ""]
        out += [f"- `{n}`" + (f" — {o.title.zh} · {o.title.en}" if o.title else "") for n, o in sorted(owned)]
    return "\n".join(out) + "\n"


def render_documents(entries: list[DocumentEntry]) -> str:
    out = ["# Documents · 文件", "", "Every document an installed policy cites, in the order of issue.", ""]
    for e in entries:
        d = e.document
        out += [f"## {d.number} {{#{e.anchor}}}", "", f"{cell(d.title)}", "",
                f"issued {d.issued} · in force {d.in_force} · expires {cell(d.expires)}", "",
                "Policies: " + ", ".join(f"[`{p}`]({policy_page(p)})" for p in e.policies), ""]
    return "\n".join(out) + "\n"


def render_jurisdictions(policies: list[RegisteredPolicy]) -> str:
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for reg in policies:
        j = reg.spec.jurisdiction
        groups[(j.level, j.regions)].append(reg.spec.id)
    rank = {"national": 0, "provincial": 1, "municipal": 2, "county": 3}
    out = ["# Jurisdictions · 适用地域", ""]
    for (level, regions), ids in sorted(groups.items(), key=lambda kv: (rank.get(kv[0][0], 9), kv[0])):
        where = ", ".join(f"`{r}`" for r in regions)
        out += [f"## {LEVEL_TEXT.get(level, level)}" + (f" — {where}" if where else ""), ""]
        out += [f"- [`{pid}`]({policy_page(pid)})" for pid in sorted(ids)] + [""]
    return "\n".join(out) + "\n"


_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")


def copy_markdown(text: str, source: Path, site_files: Mapping[Path, str], page: str) -> str:
    """A guide or README as a site page: links to files the site holds point at their page; links
    to other repository files become code (the site must not hold a broken link)."""

    def fix(m: re.Match[str]) -> str:
        label, target = m.group(1), m.group(2)
        if re.match(r"^[a-z]+:|^#", target):
            return m.group(0)
        path, _, anchor = target.partition("#")
        resolved = (source.parent / path).resolve()
        if resolved in site_files:
            return f"[{label}]({rel(page, site_files[resolved])}{'#' + anchor if anchor else ''})"
        return f"{label} (`{path}`)"

    return _LINK.sub(fix, text)


def render_index(kernel: Kernel, policies: list[RegisteredPolicy], documents: list[DocumentEntry]) -> str:
    plugins = kernel.plugins
    out = ["# zhengce policy explorer · 政策浏览", "",
           "The law as the engine holds it, generated from the installed plugins' declarations: every "
           "policy, its documents, its dated and cited parameters, the readings chosen, the facts it reads, "
           "and an example explained in Chinese and English.", "",
           f"Plugin set `{kernel.plugin_set}`: {len(plugins)} plugins, {len(policies)} policies, "
           f"{len(documents)} documents.", "",
           "- [By domain](domains/index.md)", "- [By document](documents.md)",
           "- [By jurisdiction](jurisdictions.md)", ""]
    if kernel.problems:
        out += ["## Load problems", ""] + [f"- {cell(p.plugin)}: {cell(p.message)}" for p in kernel.problems] + [""]
    return "\n".join(out) + "\n"


def generate(kernel: Kernel, out: Path, *, root: Path = ROOT) -> dict[str, str]:
    """Write ``out/pages/`` and ``out/mkdocs.yml`` for ``kernel``'s plugins; return {page: title} written.

    ``root`` is the source tree holding ``docs/``, ``plugins/*/README.md`` and ``examples/cases/``.
    """
    pages_dir = out / "pages"
    pages: dict[str, str] = {}

    def write(page: str, text: str, title: str) -> None:
        path = pages_dir / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        pages[page] = title

    if pages_dir.exists():
        shutil.rmtree(pages_dir)
    policies = sorted(kernel.policies, key=lambda r: r.spec.id)
    known = {r.spec.id for r in policies}
    schema = kernel.case_schema()
    documents = documents_of(policies)
    examples = load_examples(kernel, root / "examples" / "cases")
    by_plugin: dict[str, list[RegisteredPolicy]] = defaultdict(list)
    for reg in policies:
        by_plugin[reg.plugin.name].append(reg)

    # hand-written pages first, so generated pages may link to them
    site_files: dict[Path, str] = {}
    guides = sorted((root / "docs").glob("*.md")) if (root / "docs").is_dir() else []
    for g in guides:
        site_files[g.resolve()] = f"guides/{g.name}"
    readmes = {}
    for ref in kernel.plugins:
        readme = root / "plugins" / ref.name / "README.md"
        if readme.is_file():
            readmes[ref.name] = readme
            site_files[readme.resolve()] = f"domains/{ref.name}/readme.md"
    images = [f for ext in ("png", "svg", "jpg") for f in sorted((root / "docs").glob(f"*.{ext}"))] if guides else []
    for image in images:  # the pictures the guides show, beside them
        (pages_dir / "guides").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image, pages_dir / "guides" / image.name)
    for g in guides:
        text = g.read_text(encoding="utf-8")
        title = next((l[2:].strip() for l in text.splitlines() if l.startswith("# ")), g.stem)
        write(f"guides/{g.name}", copy_markdown(text, g, site_files, f"guides/{g.name}"), title)
    for name, readme in readmes.items():
        page = f"domains/{name}/readme.md"
        write(page, copy_markdown(readme.read_text(encoding="utf-8"), readme, site_files, page), "README")

    write("index.md", render_index(kernel, policies, documents), "Home")
    domain_rows = ["# Domains · 领域", "", "| domain | distribution | version | policies |", "|---|---|---|---|"]
    for ref in sorted(kernel.plugins, key=lambda r: r.name):
        regs = by_plugin.get(ref.name, [])
        write(f"domains/{ref.name}/index.md", render_domain(ref, regs, kernel, ref.name in readmes), "Overview")
        domain_rows.append(f"| [{ref.name}]({ref.name}/index.md) | `{ref.distribution}` | {ref.version} | {len(regs)} |")
    write("domains/index.md", "\n".join(domain_rows) + "\n", "Domains")
    write("documents.md", render_documents(documents), "By document")
    write("jurisdictions.md", render_jurisdictions(policies), "By jurisdiction")
    for reg in policies:
        write(policy_page(reg.spec.id), render_policy(kernel, reg, schema, known, examples), reg.spec.id)

    (out / "mkdocs.yml").write_text(mkdocs_config(kernel, pages, by_plugin, guides), encoding="utf-8")
    return pages


def mkdocs_config(kernel: Kernel, pages: Mapping[str, str], by_plugin: Mapping[str, list[RegisteredPolicy]],
                  guides: list[Path]) -> str:
    """The MkDocs configuration: Material with search, and a navigation listing every page."""
    import yaml

    domains: list[Any] = [{"All domains": "domains/index.md"}]
    for ref in sorted(kernel.plugins, key=lambda r: r.name):
        entries: list[Any] = [{"Overview": f"domains/{ref.name}/index.md"}]
        if f"domains/{ref.name}/readme.md" in pages:
            entries.append({"README": f"domains/{ref.name}/readme.md"})
        entries += [{reg.spec.id: policy_page(reg.spec.id)} for reg in by_plugin.get(ref.name, [])]
        domains.append({ref.name: entries})
    nav = [{"Home": "index.md"}, {"Domains": domains}, {"By document": "documents.md"},
           {"By jurisdiction": "jurisdictions.md"}]
    if guides:
        nav.append({"Guides": [{pages[f"guides/{g.name}"]: f"guides/{g.name}"} for g in guides]})
    config = {
        "site_name": "zhengce policy explorer",
        "docs_dir": "pages",
        "use_directory_urls": False,  # the site opens from the file system (site/index.html) too
        "theme": {"name": "material", "language": "en", "features": ["navigation.sections", "search.highlight",
                                                                       "content.code.copy"]},
        "plugins": [{"search": {"lang": ["en", "zh"], "separator": r"[\s\u200b\-_,:!=\[\]()\"`/]+|\.(?!\d)"}}],
        "markdown_extensions": ["admonition", "attr_list", "tables", "pymdownx.details", "pymdownx.superfences",
                                {"pymdownx.tabbed": {"alternate_style": True}}, {"toc": {"permalink": True}}],
        # strict: every one of these fails the build (a broken link or anchor, a page missing from the nav)
        "validation": {"nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
                       "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn",
                                 "unrecognized_links": "warn"}},
        "nav": nav,
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m zhengce.kernel.explorer OUT", file=sys.stderr)
        return 2
    kernel = Kernel()
    pages = generate(kernel, Path(args[0]))
    print(f"[explorer] {len(pages)} pages for {len(kernel.policies)} policies in {args[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
