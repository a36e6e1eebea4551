"""Dated, cited, bitemporal parameters."""

from datetime import date
from decimal import Decimal

import pytest

from zhengce.kernel import ParameterFileError
from zhengce.kernel.parameters import Ratio, parse_parameters


def doc(issued, in_force=None):
    return {"number": f"文号{issued}", "title": "t", "issued": issued, "in_force": in_force or issued}


def param_file(values, kind="money"):
    return {
        "format": "zhengce.parameters/1",
        "policy": "x.y",
        "documents": {"old": doc("2024-04-24"), "new": doc("2024-08-15")},
        "parameters": {"amount": {"label": {"zh": "金额", "en": "amount"}, "type": kind, "values": values}},
    }


OLD = {"value": "10000", "from": "2024-04-24", "until": "2025-01-10", "document": "old", "article": "第一条", "quote": "补贴1万元"}
NEW = {"value": "20000", "from": "2024-04-24", "until": "2025-01-10", "document": "new", "article": "一", "quote": "补贴2万元"}


def test_latest_issued_known_value_wins_on_the_event_axis():
    p = parse_parameters(param_file([NEW, OLD]), "t")["amount"]
    assert p.at(date(2024, 6, 1), known_at=date(2024, 8, 14)).value == Decimal(10000)
    assert p.at(date(2024, 6, 1), known_at=date(2024, 8, 15)).value == Decimal(20000)  # retroactive once known
    assert p.at(date(2024, 4, 23), known_at=date(2024, 9, 1)) is None  # before the event window
    assert p.at(date(2025, 1, 10), known_at=date(2025, 2, 1)).value == Decimal(20000)  # until is inclusive
    assert p.at(date(2025, 1, 11), known_at=date(2025, 2, 1)) is None
    assert p.at(None, known_at=date(2024, 5, 1)).value == Decimal(10000)
    assert p.at(date(2024, 6, 1), known_at=date(2024, 4, 23)) is None  # nothing issued yet


def test_value_order_in_the_file_does_not_matter():
    a = parse_parameters(param_file([NEW, OLD]), "t")["amount"]
    b = parse_parameters(param_file([OLD, NEW]), "t")["amount"]
    for known in (date(2024, 5, 1), date(2024, 9, 1)):
        assert a.at(date(2024, 6, 1), known).value == b.at(date(2024, 6, 1), known).value


def test_same_day_overlapping_values_are_a_load_error():
    clash = dict(NEW, document="old")
    with pytest.raises(ParameterFileError, match="precedence undecidable"):
        parse_parameters(param_file([OLD, clash]), "t")


def test_every_problem_of_a_file_is_reported_at_once():
    bad = [{"value": 1.5, "document": "nope"}]
    with pytest.raises(ParameterFileError) as info:
        parse_parameters(param_file(bad), "t")
    msg = str(info.value)
    for needle in ("unknown document", "missing citation article", "missing verbatim clause text", "never floats"):
        assert needle in msg


def test_ratio_and_rounding():
    ps = parse_parameters(param_file([dict(OLD, value="8.5:1.5")], kind="ratio"), "t")
    ratio = ps["amount"].values[0].value
    assert ratio == Ratio(Decimal("8.5"), Decimal("1.5")) and ratio.share_of_first() == Decimal("0.85")
    assert ps.rounding.money(Decimal("1.005")) == Decimal("1.01")


def test_in_force_from_is_the_first_known_document():
    ps = parse_parameters(param_file([OLD]), "t")
    assert ps.in_force_from(date(2024, 4, 23)) is None
    assert ps.in_force_from(date(2024, 9, 1)) == date(2024, 4, 24)


def test_lookup_reads_on_the_event_day_and_names_an_unknown_criterion():
    from zhengce.kernel.rules import Lookup

    ps = parse_parameters(param_file([OLD, NEW]), "t")
    before, after = Lookup(ps, date(2024, 6, 1), date(2024, 8, 14)), Lookup(ps, date(2024, 6, 1), date(2024, 8, 15))
    assert before("amount").value == Decimal(10000) and after("amount").value == Decimal(20000)
    assert after("amount", on=date(2025, 2, 1)) is None
    assert after("amount", any_day=True).value == Decimal(20000)
    assert Lookup(ps, date(2025, 2, 1), date(2024, 9, 1)).value("amount").value == Decimal(20000)  # day uncovered: latest known
    assert after.money(Decimal("0.125")) == Decimal("0.13")
    assert Lookup(ps, None, date(2024, 4, 24)).known("amount") and not Lookup(ps, None, date(2024, 4, 23)).known("amount")
    with pytest.raises(LookupError, match="x.y"):
        Lookup(ps, None, date(2024, 1, 1)).criterion("amount")


def test_three_valued_helpers():
    from zhengce.contracts import FindingStatus
    from zhengce.kernel.rules import all_of, finding_status

    assert all_of(True, None, False) is False and all_of(True, None) is None and all_of(True, True) is True
    assert finding_status(None) is FindingStatus.UNKNOWN and finding_status(True) is FindingStatus.MET
    assert finding_status(True, met_when=False) is FindingStatus.NOT_MET


def test_any_of_is_a_three_valued_or_of_conjunctions():
    from zhengce.contracts import Status, Text
    from zhengce.kernel.rules import Conditions

    label = Text(zh="x", en="x")

    def alt(*outcomes):
        c = Conditions()
        for i, met in enumerate(outcomes):
            c.check(f"c{i}", label, met, facts={f"f{i}": None if met is None else met})
        return c

    def status(*alternatives):
        top = Conditions()
        top.any_of("any", label, alternatives)
        return top.result()

    assert status(alt(False), alt(True, True)).status is Status.APPLIES
    undecided = status(alt(False), alt(True, None))
    assert undecided.status is Status.CANNOT_TELL and undecided.missing == ("f1",)
    assert status(alt(False), alt(True, False)).status is Status.DOES_NOT_APPLY
    assert status().status is Status.DOES_NOT_APPLY
    assert [s.id for s in status(alt(True)).steps] == ["c0", "any"]


def test_an_assumed_issue_date_carries_its_note_into_results():
    data = param_file([OLD])
    data["documents"]["old"]["issued_note"] = {"zh": "未载明", "en": "not printed"}
    ps = parse_parameters(data, "t")
    (ref,), _ = ps.as_known_at(date(2024, 5, 1))  # only the older document is known
    assert ref.issued_note.en == "not printed"
