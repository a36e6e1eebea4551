"""A TEST plugin: a provincial award matching the national NEV scrappage subsidy yuan for yuan.

It reads another plugin's parameter set at module level (the trade-in subsidy's
``amount.scrap_any_buy_nev``), never through its own ``PolicySpec.parameters`` (it has none): a
reform of that set must reach it too.  Not a real policy; the amount it pays is the national one.
"""

from __future__ import annotations

import sys

from zhengce.contracts import Amount, Applicability, Evaluation, Status, Text
from zhengce.kernel import PolicySpec, RulesPlugin
from zhengce.kernel.rules import Lookup
from zhengce_tradein.car_scrappage import PARAMETERS as NATIONAL

POLICY_ID = "matching.nev_award"


def _national_amount(case, known_at):
    """The national amount for the case's submission day, as known then (read from the other plugin's set)."""
    return Lookup(NATIONAL, case.scrappage_application.submitted_on, known_at)("amount.scrap_any_buy_nev").value


def applies_to(case, params, ctx):
    nev = case.new_vehicle is not None and case.new_vehicle.fuel is not None and case.new_vehicle.fuel.value == "nev"
    individual = case.applicant is not None and case.applicant.type is not None and case.applicant.type.value == "individual_consumer"
    return Applicability(status=Status.APPLIES if nev and individual else Status.DOES_NOT_APPLY)


def evaluate(case, params, ctx):
    return Evaluation(amounts=(Amount(name="award", value=_national_amount(case, ctx.known_at), payer="provincial"),))


plugin = RulesPlugin(
    name="matching", distribution="zhengce-matching", fallback_version="1.0",
    requires={"zhengce-tradein": ">=2,<3"},
    policies=[(PolicySpec(id=POLICY_ID, title=Text(zh="新能源汽车报废更新省级配套奖励（测试）", en="Provincial matching NEV award (test)"),
                          facts=("applicant", "new_vehicle", "scrappage_application")), sys.modules[__name__])],
)
