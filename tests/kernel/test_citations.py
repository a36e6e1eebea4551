"""Every parameter value of every installed plugin cites text that occurs in the seed."""

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.citations import check_quotes, normalise, seed_path

SEED = seed_path()


@pytest.fixture(scope="module")
def seed_text():
    if SEED is None:
        pytest.skip("the legal source ../shared/seed/000_4009ee4a0165607f.txt is absent "
                    "(set ZHENGCE_SEED to check citations; CI has it)")
    return SEED.read_text(encoding="utf-8")


def installed_parameter_sets():
    kernel = Kernel()
    return [r.spec.parameters for r in kernel.policies if r.spec.parameters is not None]


def test_every_installed_policy_has_cited_parameters():
    sets = installed_parameter_sets()
    assert sets, "no installed plugin declares parameters"
    for ps in sets:
        for param, value in ps.values():
            assert value.citation.quote and value.citation.article and value.citation.document, param.name


def test_every_quote_occurs_in_the_seed(seed_text):
    problems = check_quotes(seed_text, installed_parameter_sets())
    assert not problems, "\n".join(problems)


def test_check_catches_a_quote_that_is_not_in_the_seed(seed_text):
    from zhengce.kernel.parameters import parse_parameters

    bad = parse_parameters({
        "format": "zhengce.parameters/1", "policy": "x.y",
        "documents": {"d": {"number": "商消费函〔2024〕75号", "title": "t", "issued": "2024-04-24"}},
        "parameters": {"p": {"label": {"zh": "a", "en": "a"}, "type": "money",
                             "values": [{"value": "1", "document": "d", "article": "第一条", "quote": "补贴 3 万元"}]}},
    }, "inline")
    assert len(check_quotes(seed_text, [bad])) == 1


def test_normalise_ignores_pdf_line_breaks():
    assert normalise("2011 年\n\n6 月 30 日前") == "2011年6月30日前"


def test_every_installed_plugin_loads_cleanly():
    """A malformed parameter file (e.g. a value without citation) makes its plugin fail to load."""
    kernel = Kernel()
    assert kernel.problems == (), kernel.problems
    assert "tradein" in [p.name for p in kernel.plugins]


def test_a_document_number_is_checked_as_printed(seed_text):
    from zhengce.kernel.parameters import parse_parameters

    def with_number(**doc):
        return parse_parameters({
            "format": "zhengce.parameters/1", "policy": "x.y",
            "documents": {"d": {"title": "t", "issued": "2024-05-27", **doc}},
            "parameters": {"p": {"label": {"zh": "a", "en": "a"}, "type": "text",
                                 "values": [{"value": "x", "document": "d", "article": "一", "quote": "自2024年7月1日起实施"}]}},
        }, "inline")

    full = "工业和信息化部 财政部 税务总局公告2024年第10号"
    assert len(check_quotes(seed_text, [with_number(number=full)])) == 1
    assert check_quotes(seed_text, [with_number(number=full, printed_as="2024 年第 10 号")]) == []
