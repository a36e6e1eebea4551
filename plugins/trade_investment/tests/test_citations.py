"""Every parameter value of this plugin is cited, and quotes the seed verbatim (whitespace aside)."""

from zhengce.kernel.testing import check_plugin_citations
from zhengce_trade_investment.plugin import plugin


def test_every_value_is_cited_and_quotes_the_seed():
    check_plugin_citations(plugin)
