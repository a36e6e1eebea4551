"""Dated, cited, bitemporal parameters.

A plugin keeps every legal number in a YAML file (``format: zhengce.parameters/1``)::

    policy: tradein.car_scrappage_subsidy
    rounding: {quantum: "0.01", mode: ROUND_HALF_UP}
    documents:
      "75": {number: 商消费函〔2024〕75号, title: ..., issued: 2024-04-24, in_force: 2024-04-24}
      # printed_as: the number as the source prints it, when the full 文号 is not printed verbatim
      # issued_note: {zh, en} — how `issued` was chosen when the source prints no issue date
    # expires: the last day the document governs, with expires_quote: the clause that says so
    parameters:
      amount.scrap_any_buy_nev:
        label: {zh: ..., en: ...}
        type: money            # money | decimal | ratio | date | int | bool | text | list
        reading: {zh: ..., en: ...}   # optional: the reading chosen where the text is ambiguous
        values:
          - value: "10000"
            from: 2024-04-24   # first event date the value governs (inclusive); may precede `issued`
            until: 2025-01-10  # last event date it governs (inclusive); optional
            document: "75"
            article: 第一条
            quote: 对报废上述两类旧车并购买新能源乘用车的，补贴 1 万元

Two time axes (see docs/design.md):

* the **event** axis: a rule asks for a value *on* the date of the event it
  judges (an application, a transaction); ``from``/``until`` bound it;
* the **knowledge** axis: only values whose document was ``issued`` on or
  before ``known_at`` exist.  Among the values that exist and cover the event
  date, the one from the latest-issued document wins — an amendment
  supersedes; a retroactive one simply has ``from`` before its ``issued``.

Two values that could both win (same issue date, overlapping periods) are a
load-time error: precedence is data, never the order of a list.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Iterator

import attrs

from zhengce.contracts import Citation, DocumentRef, Text

from .manifest import cache_root

PARAMETERS_FORMAT = "zhengce.parameters/1"
_RATIO = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)\s*$")
_ROUNDING_MODES = {"ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "ROUND_UP", "ROUND_FLOOR", "ROUND_CEILING"}


class ParameterFileError(ValueError):
    """A parameter file is malformed; the message names the file and every problem."""


@attrs.frozen
class Ratio:
    """A sharing ratio such as 中央:地方 = 8.5:1.5."""

    first: Decimal
    second: Decimal

    def share_of_first(self) -> Decimal:
        return self.first / (self.first + self.second)

    def __str__(self) -> str:
        return f"{self.first}:{self.second}"


@attrs.frozen(kw_only=True)
class Document:
    """A legal document as the parameters know it."""

    key: str
    number: str
    title: str
    issued: date
    in_force: date
    printed_as: str | None = None  # the number as the source prints it, when it differs from ``number``
    issued_note: Text | None = None  # how ``issued`` was chosen when the source prints no issue date
    expires: date | None = None  # the last day it governs (None: no end stated)
    expires_quote: str | None = None  # the clause that states the end, verbatim

    def ref(self) -> DocumentRef:
        return DocumentRef(document=self.number, issued=self.issued, issued_note=self.issued_note)


@attrs.frozen(kw_only=True)
class ParameterValue:
    """One dated value of a parameter with its citation."""

    value: Any
    valid_from: date | None
    valid_until: date | None
    document: Document
    citation: Citation

    def covers(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


@attrs.frozen(kw_only=True)
class Parameter:
    """A named legal number and its dated values."""

    name: str
    label: Text
    type: str
    values: tuple[ParameterValue, ...]
    reading: Text | None = None
    _memo: dict = attrs.field(factory=dict, eq=False, repr=False, alias="_memo")

    def at(self, on: date | None, known_at: date) -> ParameterValue | None:
        """The value governing an event ``on`` a date, as known at ``known_at`` (None: no law).

        ``on=None`` ignores the event axis: the latest-issued known value, for
        criteria that a rule must state even when the event date is unknown.
        Answers are memoised (a parameter is immutable; the days repeat).
        """
        key = (on, known_at)
        memo = self._memo
        if key in memo:
            return memo[key]
        if len(memo) > 50_000:
            memo.clear()
        memo[key] = found = self._lookup(on, known_at)
        return found

    def _lookup(self, on: date | None, known_at: date) -> ParameterValue | None:
        best: ParameterValue | None = None
        for v in self.values:
            if v.document.issued <= known_at and (on is None or v.covers(on)):
                if best is None or v.document.issued > best.document.issued:
                    best = v
        return best


@attrs.frozen(kw_only=True)
class Rounding:
    """The rounding a policy declares for money: quantum and mode."""

    quantum: Decimal = Decimal("0.01")
    mode: str = ROUND_HALF_UP

    def money(self, x: Decimal) -> Decimal:
        return x.quantize(self.quantum, rounding=self.mode)


@attrs.frozen(kw_only=True)
class ParameterSet:
    """All parameters of one policy, loaded from one YAML file."""

    policy: str
    source: str
    documents: dict[str, Document]
    parameters: dict[str, Parameter]
    rounding: Rounding = Rounding()
    _by_knowledge: dict = attrs.field(factory=dict, eq=False, repr=False, alias="_by_knowledge")

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise KeyError(f"{self.policy}: no parameter {name!r} in {self.source}") from None

    def at(self, name: str, on: date | None, known_at: date) -> ParameterValue | None:
        return self[name].at(on, known_at)

    def known_documents(self, known_at: date) -> tuple[Document, ...]:
        return tuple(d for d in self.documents.values() if d.issued <= known_at)

    def in_force_from(self, known_at: date) -> date | None:
        """The first day any known document of the policy is in force (None: nothing known yet)."""
        days = [d.in_force for d in self.documents.values() if d.issued <= known_at]
        return min(days) if days else None

    def ends_as_known_at(self, known_at: date) -> tuple[date, Document] | None:
        """The last day any known document governs, with that document; None while one has no end."""
        docs = self.known_documents(known_at)
        if not docs or any(d.expires is None for d in docs):
            return None
        last = max(docs, key=lambda d: (d.expires, d.key))
        return last.expires, last

    def as_known_at(self, known_at: date) -> tuple[tuple[DocumentRef, ...], date | None]:
        """The references of the documents known at ``known_at`` and the policy's first in-force
        day as then known; memoised, since every case of a screening run asks the same."""
        found = self._by_knowledge.get(known_at)
        if found is None:
            found = self._by_knowledge[known_at] = (
                tuple(d.ref() for d in self.known_documents(known_at)), self.in_force_from(known_at))
        return found

    def values(self) -> Iterator[tuple[Parameter, ParameterValue]]:
        for p in self.parameters.values():
            for v in p.values:
                yield p, v


# --- loading ----------------------------------------------------------------


def _text(raw: Any, where: str, problems: list[str]) -> Text | None:
    if isinstance(raw, dict) and isinstance(raw.get("zh"), str) and isinstance(raw.get("en"), str):
        return Text(zh=raw["zh"], en=raw["en"])
    problems.append(f"{where}: needs {{zh: ..., en: ...}}")
    return None


def _date(raw: Any, where: str, problems: list[str]) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    problems.append(f"{where}: not a date: {raw!r}")
    return None


def _typed(kind: str, raw: Any, where: str, problems: list[str]) -> Any:
    try:
        if kind in ("money", "decimal"):
            if isinstance(raw, float):
                raise ValueError("write decimals as strings, never floats")
            return Decimal(str(raw))
        if kind == "ratio":
            m = _RATIO.match(str(raw))
            if not m:
                raise ValueError("expected 'a:b'")
            return Ratio(Decimal(m.group(1)), Decimal(m.group(2)))
        if kind == "date":
            d = _date(raw, where, problems)
            return d
        if kind == "int":
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise ValueError("expected an integer")
            return raw
        if kind == "bool":
            if not isinstance(raw, bool):
                raise ValueError("expected true/false")
            return raw
        if kind == "text":
            return str(raw)
        if kind == "list":
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                raise ValueError("expected a list of strings")
            return tuple(raw)
        raise ValueError(f"unknown type {kind!r}")
    except (ValueError, ArithmeticError) as exc:
        problems.append(f"{where}: bad {kind} value {raw!r}: {exc}")
        return None


def parse_parameters(data: Any, source: str) -> ParameterSet:
    """Validate and build a :class:`ParameterSet`; raise :class:`ParameterFileError` listing every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ParameterFileError(f"{source}: expected a mapping at the top")
    if data.get("format") != PARAMETERS_FORMAT:
        problems.append(f"format: expected {PARAMETERS_FORMAT!r}")
    policy = data.get("policy")
    if not isinstance(policy, str):
        problems.append("policy: missing")
    documents: dict[str, Document] = {}
    for key, raw in (data.get("documents") or {}).items():
        key = str(key)
        where = f"documents.{key}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        issued = _date(raw.get("issued"), f"{where}.issued", problems)
        in_force = _date(raw.get("in_force", raw.get("issued")), f"{where}.in_force", problems)
        if not raw.get("number") or not raw.get("title"):
            problems.append(f"{where}: needs number (文号) and title")
        if issued and in_force:
            note = _text(raw["issued_note"], f"{where}.issued_note", problems) if "issued_note" in raw else None
            expires = _date(raw["expires"], f"{where}.expires", problems) if "expires" in raw else None
            documents[key] = Document(key=key, number=str(raw.get("number")), title=str(raw.get("title")), issued=issued,
                                      in_force=in_force, printed_as=raw.get("printed_as"), issued_note=note,
                                      expires=expires, expires_quote=raw.get("expires_quote"))
    rounding = Rounding()
    if "rounding" in data:
        r = data["rounding"] or {}
        mode = r.get("mode", ROUND_HALF_UP)
        if mode not in _ROUNDING_MODES:
            problems.append(f"rounding.mode: unknown {mode!r}")
        else:
            rounding = Rounding(quantum=Decimal(str(r.get("quantum", "0.01"))), mode=mode)
    parameters: dict[str, Parameter] = {}
    for name, raw in (data.get("parameters") or {}).items():
        where = f"parameters.{name}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        label = _text(raw.get("label"), f"{where}.label", problems)
        reading = _text(raw["reading"], f"{where}.reading", problems) if "reading" in raw else None
        kind = raw.get("type", "decimal")
        values: list[ParameterValue] = []
        raw_values = raw.get("values")
        if not isinstance(raw_values, list) or not raw_values:
            problems.append(f"{where}.values: needs at least one dated value")
            raw_values = []
        for i, rv in enumerate(raw_values):
            vw = f"{where}.values[{i}]"
            if not isinstance(rv, dict):
                problems.append(f"{vw}: expected a mapping")
                continue
            doc = documents.get(str(rv.get("document")))
            if doc is None:
                problems.append(f"{vw}.document: unknown document {rv.get('document')!r}")
            article, quote = rv.get("article"), rv.get("quote")
            if not isinstance(article, str) or not article.strip():
                problems.append(f"{vw}.article: missing citation article")
            if not isinstance(quote, str) or not quote.strip():
                problems.append(f"{vw}.quote: missing verbatim clause text")
            value = _typed(kind, rv.get("value"), f"{vw}.value", problems)
            vf = _date(rv["from"], f"{vw}.from", problems) if rv.get("from") is not None else None
            vu = _date(rv["until"], f"{vw}.until", problems) if rv.get("until") is not None else None
            if doc is not None and isinstance(article, str) and isinstance(quote, str):
                cite = Citation(document=doc.number, article=article, quote=" ".join(quote.split()), issued=doc.issued)
                values.append(ParameterValue(value=value, valid_from=vf, valid_until=vu, document=doc, citation=cite))
        # precedence must be decidable: two values from same-day documents may not overlap
        for a_i, a in enumerate(values):
            for b in values[a_i + 1 :]:
                if a.document.issued == b.document.issued and _overlap(a, b):
                    problems.append(f"{where}: two values issued {a.document.issued} overlap; precedence undecidable")
        if label is not None:
            parameters[name] = Parameter(name=name, label=label, type=kind, values=tuple(values), reading=reading)
    if problems:
        raise ParameterFileError(f"{source}: {len(problems)} problem(s):\n  - " + "\n  - ".join(problems))
    return ParameterSet(policy=policy, source=source, documents=documents, parameters=parameters, rounding=rounding)


def _overlap(a: ParameterValue, b: ParameterValue) -> bool:
    lo = max(a.valid_from or date.min, b.valid_from or date.min)
    hi = min(a.valid_until or date.max, b.valid_until or date.max)
    return lo <= hi


def _cache_dir() -> Path | None:
    """Where parsed parameter files are kept between runs: ``$ZHENGCE_CACHE`` (``off`` disables it),
    else ``$XDG_CACHE_HOME/zhengce`` or ``~/.cache/zhengce``."""
    base = cache_root()
    return None if base is None else base / "parameters"


def _load_yaml(text: str) -> Any:
    """Safe YAML loading (libyaml's loader when present); :func:`_parsed` caches what it builds.
    PyYAML is imported here, on a cache miss only (its import is a tenth of a command's start-up)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def read_yaml(text: str, source: str) -> Any:
    """The data of a YAML text (the kernel's reference tables), from the cache when parsed before
    (keyed by the text and its source name: plain data, so no parser code in the key)."""
    key = hashlib.sha256(f"yaml\0{source}\0{text}".encode()).hexdigest()
    return _cached(f"{key}.yaml.pickle", lambda: _load_yaml(text))


def _cached(name: str, build: Any, kind: type = object) -> Any:
    """``build()``, kept in the cache dir under ``name`` (a content key) and read back from there
    when a run made it before (an unreadable or foreign entry is built again)."""
    folder = _cache_dir()
    path = folder / name if folder else None
    if path is not None:
        try:
            with path.open("rb") as fh:
                found = pickle.load(fh)  # noqa: S301 - our own cache, keyed by content (and code)
            if isinstance(found, kind):
                return found
        except Exception:  # noqa: BLE001 - absent or unreadable: build
            pass
    value = build()
    if path is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass
    return value


def package_text(package: str, filename: str) -> str:
    """The text of ``filename`` shipped inside ``package``: read straight from the package's folder when
    it has one (``importlib.resources`` costs a command 5 ms to import), else through it."""
    module = sys.modules.get(package)
    if module is None:
        import importlib

        module = importlib.import_module(package)
    folders = list(getattr(module, "__path__", None) or ())
    spec = getattr(module, "__spec__", None)
    if len(folders) == 1 and spec is not None and spec.origin and os.path.isfile(spec.origin):
        try:
            return Path(folders[0], filename).read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
    from importlib import resources

    return resources.files(package).joinpath(filename).read_text(encoding="utf-8")


def _parsed(text: str, source: str) -> ParameterSet:
    """The parameter set of ``text``, from the cache when this very parser made it before.

    Keyed by the text, its source name and the code that parses it and defines its objects (this
    module and the result contracts, hashed), so an edited file or a changed parser parses again."""
    key = hashlib.sha256(f"{_parser_key()}\0{source}\0{text}".encode()).hexdigest()
    return _cached(f"{key}.set.pickle", lambda: parse_parameters(_load_yaml(text), source), ParameterSet)


_PARSER_KEY: list[str] = []


def _parser_key() -> str:
    if not _PARSER_KEY:
        from zhengce.contracts import results

        digest = hashlib.sha256()
        for module in (__file__, results.__file__):
            digest.update(Path(module).read_bytes())
        _PARSER_KEY.append(digest.hexdigest())
    return _PARSER_KEY[0]


def load_parameters(package: str, filename: str) -> ParameterSet:
    """Load ``filename`` shipped inside ``package`` (e.g. ``zhengce_tradein.parameters``)."""
    return _parsed(package_text(package, filename), f"{package}/{filename}")


def load_parameters_file(path: str | Path) -> ParameterSet:
    """Load a parameter file from a filesystem path."""
    path = Path(path)
    return _parsed(path.read_text(encoding="utf-8"), str(path))
