"""企业数据资源开发利用 — 国数资源〔2024〕125号.

Classifies a data resource's origin (the rights basis of 二（一）), lists the
rights bundle (持有权、使用权、经营权, run separately), applies the public-data
regime to data from government or public-utility system work (二（三）), the
transfer of rights and obligations on merger, split, dissolution or bankruptcy
(二（二）), and checks the measures (首席数据官, 分类分级, 数据资源入表).  The
opinion contains no number and no amount of money.
"""

from __future__ import annotations

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from . import common
from .common import T, criterion, reading, tri

POLICY_ID = "data_assets.enterprise_data_resources"

NO_AMOUNT = T(zh="国数资源〔2024〕125号不含任何数额：数据券、算法券和算力券仅为鼓励地方探索，未规定金额或发放条件",
              en="国数资源〔2024〕125号 contains no amount: data, algorithm and computing vouchers are only encouraged, with no amount or criterion")

MEASURES = (
    ("chief_data_officer", "measure.chief_data_officer"),
    ("classification_grading", "measure.classification_grading"),
    ("recognised_on_balance_sheet", "measure.balance_sheet"),
)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    res = case.enterprise_data_resource
    conds = Conditions()
    origins = criterion(params, "rights.origins", ctx.known_at)
    origin = res.origin if res else None
    conds.check("rights_basis", T(zh="数据由企业在生产经营过程中形成，或合法获取、持有", en="The enterprise formed the data in its operations, or lawfully obtained or holds it"),
                None if origin is None else origin.value in origins.value,
                facts={"enterprise_data_resource.origin": origin}, cite=origins, note=reading(params, "rights.origins"))
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    res = case.enterprise_data_resource
    k = ctx.known_at
    calc = Calculation()
    bundle = criterion(params, "rights.separated", k)
    for rid in bundle.value:
        right = criterion(params, f"right.{rid}", k)
        calc.finding(f"right_{rid}", FindingStatus.INFO, T(zh=f"企业数据权益：{params[f'right.{rid}'].label.zh}（分置运行）",
                                                           en=f"Enterprise data right: {params[f'right.{rid}'].label.en}, run separately"),
                     cite=right)
    limits = criterion(params, "rights.limits", k)
    calc.finding("rights_limits", FindingStatus.DUTY, params["rights.limits"].label, cite=limits)

    regime = criterion(params, "public_data.regime", k)
    pub = res.from_public_system_work
    label = T(zh="公共数据资源规定和协议约定", en="Public-data rules and agreements")
    if pub is None:
        calc.finding("public_data_regime", FindingStatus.UNKNOWN, label,
                     detail=T(zh="未说明数据是否来自承担政府和公共事业相关系统建设运维", en="Not stated whether the data come from government or public-utility system work"),
                     facts={"enterprise_data_resource.from_public_system_work": pub}, cite=regime)
        calc.need("enterprise_data_resource.from_public_system_work")
    elif pub:
        calc.finding("public_data_regime", FindingStatus.DUTY, label,
                     detail=T(zh="数据来自承担政府和公共事业相关系统建设运维：其开发利用须严格遵守公共数据资源相关政策法规规定和协议约定",
                              en="The data come from government or public-utility system work: developing them must strictly follow the public-data rules and the agreements"),
                     facts={"enterprise_data_resource.from_public_system_work": pub}, cite=regime)
    else:
        calc.finding("public_data_regime", FindingStatus.INFO, label,
                     detail=T(zh="数据非来自政府和公共事业相关系统建设运维：适用企业数据权益规则", en="Not from public-system work: the enterprise-data rules apply"),
                     facts={"enterprise_data_resource.from_public_system_work": pub}, cite=regime)

    events = criterion(params, "transfer.events", k)
    ev = res.corporate_event
    tlabel = T(zh="合并、分立、解散、被宣告破产时数据权利和义务同步转移", en="Data rights and obligations transfer on merger, split, dissolution or bankruptcy")
    facts = {"enterprise_data_resource.corporate_event": ev}
    if ev is None:
        calc.finding("rights_transfer", FindingStatus.UNKNOWN, tlabel, detail=T(zh="未说明是否发生企业变动", en="No corporate event stated"),
                     facts=facts, cite=events)
        calc.need("enterprise_data_resource.corporate_event")
    elif ev.value in events.value:
        calc.finding("rights_transfer", FindingStatus.DUTY, tlabel,
                     detail=T(zh="相关数据权利和义务依法依规同步转移", en="The related data rights and obligations transfer with the enterprise"),
                     facts=facts, cite=events)
    else:
        calc.finding("rights_transfer", FindingStatus.INFO, tlabel, detail=T(zh="该事件不触发同步转移", en="This event does not trigger the transfer"),
                     facts=facts, cite=events)

    for field, name in MEASURES:
        value = getattr(res, field)
        calc.finding(f"measure_{field}", tri(value), params[name].label, facts={f"enterprise_data_resource.{field}": value},
                     cite=criterion(params, name, k), detail=reading(params, name))
    vouchers = criterion(params, "vouchers", k)
    calc.finding("data_vouchers", FindingStatus.INFO, params["vouchers"].label,
                 detail=T(zh="、".join(vouchers.value) + "：文件未规定金额", en="Vouchers: the opinion sets no amount"), cite=vouchers)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return common.explain(result, title, lang, NO_AMOUNT)
