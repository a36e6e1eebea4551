"""A reform: a parameter patch, read as a hypothetical document on the knowledge axis.

A reform file (``format: zhengce.reform/1``) names a hypothetical document and the values it
would give to existing parameters::

    format: zhengce.reform/1
    document:
      number: 假设〔2024〕1号
      title: 假设方案：新能源乘用车报废更新补贴提高至2.5万元
      issued: 2024-10-01
    changes:
      - policy: tradein.car_scrappage_subsidy
        parameter: amount.scrap_any_buy_nev
        value: "25000"
        from: 2024-04-24     # optional: the event days the value governs (default: all)
        until: 2025-01-10
        # article / quote: optional; default 假设方案 / "<parameter> = <value>"

:func:`apply_reform` returns a new :class:`Kernel` whose patched policies carry one more dated
value per change, cited to the hypothetical document.  Nothing shared is mutated.  Since the
latest-issued known value wins, the baseline is the evaluation *known at* the day before the
reform's issue date and the reform the one known at that date (:attr:`Reform.baseline_known_at`,
:attr:`Reform.reform_known_at`): the same law, two states of knowledge, and every changed number
is cited in the trace to the hypothetical document.

Limits: a value a plugin reads outside its ``PolicySpec.parameters`` (a module-level parameter
set, a ``ParameterValue`` captured in a relation such as a ``CombinedCap``) is not patched.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import yaml

from zhengce.contracts import Citation

from .parameters import Document, Parameter, ParameterSet, ParameterValue, _date, _overlap, _typed

REFORM_FORMAT = "zhengce.reform/1"
REFORM_KEY = "reform"  # the hypothetical document's key in each patched parameter set


class ReformError(ValueError):
    """A reform file is malformed or does not fit the kernel; the message lists every problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(f"{source}: {len(problems)} problem(s):\n  - " + "\n  - ".join(problems))


@attrs.frozen(kw_only=True)
class Change:
    """One parameter the reform sets (``value`` as written; typed against the parameter on apply)."""

    policy: str
    parameter: str
    value: Any
    valid_from: date | None = None
    valid_until: date | None = None
    article: str = "假设方案"
    quote: str | None = None


@attrs.frozen(kw_only=True)
class Reform:
    """A hypothetical document and the changes it makes."""

    number: str
    title: str
    issued: date
    changes: tuple[Change, ...]
    source: str = "<reform>"

    @property
    def baseline_known_at(self) -> date:
        return self.issued - timedelta(days=1)

    @property
    def reform_known_at(self) -> date:
        return self.issued


def parse_reform(data: Any, source: str = "<reform>") -> Reform:
    """Validate the shape of a reform file (not yet against a kernel: see :func:`apply_reform`)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ReformError(source, ["expected a mapping at the top"])
    if data.get("format") != REFORM_FORMAT:
        problems.append(f"format: expected {REFORM_FORMAT!r}")
    doc = data.get("document")
    number = title = issued = None
    if not isinstance(doc, dict):
        problems.append("document: needs {number, title, issued}")
    else:
        number, title = doc.get("number"), doc.get("title")
        if not isinstance(number, str) or not number.strip() or not isinstance(title, str) or not title.strip():
            problems.append("document: needs a number (文号) and a title")
        issued = _date(doc.get("issued"), "document.issued", problems)
    raw_changes = data.get("changes")
    if not isinstance(raw_changes, list) or not raw_changes:
        problems.append("changes: needs at least one {policy, parameter, value}")
        raw_changes = []
    changes = []
    for i, rc in enumerate(raw_changes):
        where = f"changes[{i}]"
        if not isinstance(rc, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        unknown = sorted(set(rc) - {"policy", "parameter", "value", "from", "until", "article", "quote"})
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)}")
        for key in ("policy", "parameter"):
            if not isinstance(rc.get(key), str):
                problems.append(f"{where}.{key}: missing")
        if "value" not in rc:
            problems.append(f"{where}.value: missing")
        vf = _date(rc["from"], f"{where}.from", problems) if rc.get("from") is not None else None
        vu = _date(rc["until"], f"{where}.until", problems) if rc.get("until") is not None else None
        if vf and vu and vf > vu:
            problems.append(f"{where}: from {vf} is after until {vu}")
        changes.append(Change(policy=str(rc.get("policy")), parameter=str(rc.get("parameter")), value=rc.get("value"),
                              valid_from=vf, valid_until=vu, article=str(rc.get("article") or "假设方案"),
                              quote=rc.get("quote")))
    if problems:
        raise ReformError(source, problems)
    return Reform(number=number.strip(), title=title.strip(), issued=issued, changes=tuple(changes), source=source)


def load_reform(path: str | Path) -> Reform:
    """Read and validate a reform file."""
    path = Path(path)
    return parse_reform(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


def _document(reform: Reform, params: ParameterSet) -> Document:
    """The hypothetical document as one policy's parameters know it: in force from its issue date,
    ending when the policy's own documents end (a reform of an amount does not extend the policy)."""
    ends = [d for d in params.documents.values() if d.expires is not None]
    last = max(ends, key=lambda d: d.expires) if ends and len(ends) == len(params.documents) else None
    return Document(key=REFORM_KEY, number=reform.number, title=reform.title, issued=reform.issued,
                    in_force=reform.issued, expires=last.expires if last else None,
                    expires_quote=last.expires_quote if last else None)


def patch_parameters(params: ParameterSet, reform: Reform, changes: list[Change], problems: list[str]) -> ParameterSet:
    """A new parameter set with one more value per change, cited to the hypothetical document."""
    doc = _document(reform, params)
    later = [d for d in params.documents.values() if d.issued >= reform.issued]
    if later:
        problems.append(f"{params.policy}: the reform must be issued after every document of the policy; "
                        f"{', '.join(d.number for d in later)} issued {max(d.issued for d in later)}")
    patched: dict[str, Parameter] = dict(params.parameters)
    for i, ch in changes:
        where = f"changes[{i}] ({ch.policy} {ch.parameter})"
        param = patched.get(ch.parameter)
        if param is None:
            known = ", ".join(sorted(params.parameters))
            problems.append(f"{where}: unknown parameter {ch.parameter!r} (known: {known})")
            continue
        before = len(problems)
        value = _typed(param.type, ch.value, f"{where}: value", problems)
        if len(problems) > before:
            continue
        quote = ch.quote or f"{ch.parameter} = {ch.value}"
        cite = Citation(document=doc.number, article=ch.article, quote=quote, issued=doc.issued)
        new = ParameterValue(value=value, valid_from=ch.valid_from, valid_until=ch.valid_until, document=doc, citation=cite)
        if any(v.document.key == REFORM_KEY and _overlap(v, new) for v in param.values):
            problems.append(f"{where}: two changes of the same parameter overlap")
            continue
        patched[ch.parameter] = attrs.evolve(param, values=(*param.values, new), _memo={})
    return attrs.evolve(params, documents={**params.documents, REFORM_KEY: doc}, parameters=patched, _by_knowledge={})


def apply_reform(kernel: Any, reform: Reform) -> Any:
    """A new Kernel with the reform's changes applied; ``kernel`` is left as it was.

    Raises one :class:`ReformError` listing every unknown policy, unknown parameter, value of the
    wrong type, or reform issued too early to supersede the law it patches.
    """
    problems: list[str] = []
    specs = {reg.spec.id: reg.spec for reg in kernel.policies}
    by_policy: dict[str, list[tuple[int, Change]]] = {}
    for i, ch in enumerate(reform.changes):
        spec = specs.get(ch.policy)
        if spec is None:
            problems.append(f"changes[{i}]: unknown policy {ch.policy!r}")
        elif spec.parameters is None:
            problems.append(f"changes[{i}]: policy {ch.policy!r} has no parameters")
        else:
            by_policy.setdefault(ch.policy, []).append((i, ch))
    patched = {pid: attrs.evolve(specs[pid], parameters=patch_parameters(specs[pid].parameters, reform, chs, problems))
               for pid, chs in sorted(by_policy.items())}
    same_day = sorted({d.number for s in specs.values() if s.parameters for d in s.parameters.documents.values()
                       if d.issued == reform.issued})
    if same_day:
        problems.append(f"document.issued: {reform.issued} is the issue date of {', '.join(same_day)}; "
                        "baseline and reform would differ by more than the reform")
    if problems:
        raise ReformError(reform.source, problems)
    new = copy.copy(kernel)
    new._slots = [attrs.evolve(s, policies=tuple(patched.get(p.id, p) for p in s.policies)) for s in kernel._slots]
    new._failures = list(kernel._failures)
    new._blocked = set(kernel._blocked)
    loader = kernel._loader
    new._resolve()
    new._loader = loader  # same sections, same case class
    return new
