"""Every example case, explained in both languages, says nothing in the other language outside verbatim
quotes, 文号, clause numbers and case data (see :mod:`leaks`).

``KNOWN`` lists the leaks not yet removed (mostly formulas written as one Chinese string), counted by
(policy, language): the test fails on any new leak and on a count that grows, and asks for a count that
shrinks to be lowered, so the list only gets shorter.
"""

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from zhengce.kernel import Kernel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from leaks import leaks  # noqa: E402

CASES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.json"))
KERNEL = Kernel()
KNOWN: dict[tuple[str, str], int] = {}  # every known leak is removed; keep it so


def _texts(lang):
    found: dict[tuple[str, str], list[str]] = {}
    for path in CASES:
        record = KERNEL.evaluate(json.loads(path.read_text(encoding="utf-8")), as_of=date(2025, 3, 1))
        for result in record.results:
            exp = KERNEL.explain(result, lang)
            names = [d.document for d in result.documents]  # how the law is cited, a title when it has no 文号
            for text in [exp.title, exp.summary, *(line.text for line in exp.lines)]:
                for name in names:
                    text = text.replace(name, " ")
                if leaks(text, lang):
                    found.setdefault((result.policy_id, lang), []).append(text)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_language_leak_outside_quotes(lang):
    found = _texts(lang)
    worse = {k: v for k, v in found.items() if len(v) > KNOWN.get(k, 0)}
    assert not worse, "\n".join(f"{k}: {leaks(t, lang)} in {t!r}" for k, v in worse.items() for t in v)
    better = {k: (n, len(found.get(k, ()))) for k, n in KNOWN.items() if k[1] == lang and len(found.get(k, ())) < n}
    assert not better, f"fewer leaks than KNOWN says — lower these counts: {better}"


def test_leak_finder_sees_a_leak_and_spares_quotes():
    assert leaks("= Subsidy 报废两类旧车的补贴 = 20000.00", "en")
    assert not leaks("✓ A valid firm [a.b = 江苏省] (reading of “以上”) 财建〔2024〕148号 四（一）", "en")
    assert leaks("本省最多推荐城市数 2 cities", "zh") and leaks("补贴 20000.00 CNY", "zh")
    assert not leaks("适用：补贴 20000.00 元 [old_vehicle.fuel = gasoline]（依据 国令第775号）max(0, 1)", "zh")
