"""Every explanation line of every example, in both languages, either carries the clause it rests on or
says it states a fact of the case (or lists missing facts / an error)."""

import json
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.render import FACT_MARK

CASES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.json"))
KERNEL = Kernel()
NOT_LAW = {"zh": ("缺少的事实：",), "en": ("Missing facts: ",)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_is_cited_or_says_it_is_a_fact(lang):
    bad = []
    for path in CASES:
        record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=date(2025, 3, 1))
        for result in record.results:
            for line in KERNEL.explain(result, lang).lines:
                if line.citation is not None:
                    assert FACT_MARK[lang] not in line.text, line.text  # a cited line is not called a bare fact
                    continue
                if FACT_MARK[lang] in line.text or line.text.startswith(NOT_LAW[lang]) or result.error is not None:
                    continue
                bad.append(f"{path.name} {result.policy_id}: {line.text}")
    assert not bad, "\n".join(bad)
