"""Check that every cited quote of every parameter occurs verbatim in the legal source.

"Verbatim" ignores whitespace only: the seed is a PDF extraction whose line
breaks and stray spaces next to digits fall anywhere inside a clause.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .parameters import ParameterSet

_SPACE = re.compile(r"\s+")
SEED_NAME = "000_4009ee4a0165607f.txt"


def normalise(text: str) -> str:
    return _SPACE.sub("", text)


def seed_path(start: Path | None = None) -> Path | None:
    """The seed file: ``$ZHENGCE_SEED``, else ``../shared/seed/`` beside the repository (None if absent)."""
    env = os.environ.get("ZHENGCE_SEED")
    if env:
        return Path(env) if Path(env).is_file() else None
    here = (start or Path(__file__)).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "seed" / SEED_NAME
        if (parent / "pyproject.toml").is_file() and candidate.is_file():
            return candidate
    return None


def check_quotes(seed_text: str, parameter_sets: Iterable[ParameterSet]) -> list[str]:
    """Every problem found: a quote or a document number that does not occur in the seed."""
    seed = normalise(seed_text)
    problems = []
    for ps in parameter_sets:
        for doc in ps.documents.values():
            printed = doc.printed_as or doc.number
            if normalise(printed) not in seed:
                problems.append(f"{ps.source}: document number {printed!r} not in the seed")
        for param, value in ps.values():
            c = value.citation
            if normalise(c.quote) not in seed:
                problems.append(f"{ps.source}: {param.name} ({c.document} {c.article}): quote not in the seed: {c.quote!r}")
    return problems
