"""Interned trace values (facts, comparisons) always show their own value, whatever ran before."""

from decimal import Decimal

from zhengce.contracts import Citation, Text
from zhengce.kernel.parameters import ParameterValue
from zhengce.kernel.rules import Conditions

LABEL = Text(zh="金额", en="amount")


def _shown(value):
    conds = Conditions()
    conds.check("amount", LABEL, True, facts={"loan.amount": value})
    return conds.result().steps[0].facts[0].value


def test_equal_decimals_that_print_differently_keep_their_own_text():
    assert _shown(Decimal("1")) == "1"
    assert _shown(Decimal("1.0")) == "1.0"
    assert _shown(Decimal("1.00")) == "1.00"
    assert _shown((Decimal("2"),)) != _shown((Decimal("2.0"),))


def test_comparisons_keep_their_bound_text():
    cite = Citation(document="测试〔2024〕1号", article="一", quote="不超过")
    seen = []
    for bound in (Decimal("5"), Decimal("5.00")):
        conds = Conditions()
        conds.compare("cap", LABEL, "loan.amount", Decimal("4"), "<=",
                      ParameterValue(value=bound, valid_from=None, valid_until=None, document=None, citation=cite))
        seen.append(conds.result().steps[0].comparisons[0].bound)
    assert seen == ["5", "5.00"]
