"""支持科技创新专项担保计划 — 财金〔2024〕60号.

Two uses in one policy: which tier and caps apply to a firm (applicability =
a target category plus the basic conditions; evaluation = the caps), and, when
the case carries a ``tech_guarantee_deal``, a compliance check naming every
breach as a ``not_met`` finding.  Every number comes from
``parameters/tech_sme_guarantee.yaml``.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import (Applicability, Case, EnterpriseSize, Evaluation, Explanation, FindingStatus,
                               PolicyResult, Text)
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, bilingual, pct, yuan
from ._common import explain as _explain

POLICY_ID = "finance.tech_sme_guarantee"
FIRM, DEAL = "tech_guarantee_firm", "tech_guarantee_deal"
TIERS = ("tier1", "tier2", "tier3")


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """60号 二(一): one of the target categories and every basic condition."""
    firm = case.tech_guarantee_firm
    p = Params(params, None, ctx.known_at)
    conds = Conditions()
    f = lambda name: getattr(firm, name) if firm else None  # noqa: E731

    cats = f("categories")
    rule = p("target.categories")
    conds.check("target_category", T(zh="属于支持对象类型之一（在存续期内）", en="The firm is in one of the target categories (currently valid)"),
                None if cats is None else any(c.value in rule.value for c in cats),
                facts={f"{FIRM}.categories": None if cats is None else ",".join(c.value for c in cats)}, cite=rule)

    size = case.enterprise.size if case.enterprise else None
    rule = p("basic.sizes")
    conds.check("sme_size", T(zh="符合中小企业划型标准（工信部联企业〔2011〕300号，外部标准）", en="An SME under 工信部联企业〔2011〕300号 (external standard)"),
                None if size is None else size.value in rule.value, facts={"enterprise.size": size}, cite=rule)

    reg, legal = f("registered_in_prc"), f("independent_legal_person")
    rule = p("basic.registered_legal_person")
    met = False if reg is False or legal is False else (None if reg is None or legal is None else True)
    conds.check("registered_legal_person", T(zh="境内工商注册登记、具有独立法人资格", en="Registered in the PRC, an independent legal person"),
                met, facts={f"{FIRM}.registered_in_prc": reg, f"{FIRM}.independent_legal_person": legal}, cite=rule)

    for cid, field, pname, label in (
        ("not_on_lists", "on_abnormal_or_dishonest_list", "basic.not_listed",
         T(zh="未被列入经营异常名录或失信主体名单", en="Not on the abnormal-operation or dishonest-entity lists")),
        ("products_allowed", "products_prohibited_restricted_or_obsolete", "basic.products_allowed",
         T(zh="产品（服务）不属于国家禁止、限制或淘汰类", en="Products and services not prohibited, restricted or obsolete")),
        ("clean_record_3y", "major_incident_or_violation_3y", "basic.clean_record_3y",
         T(zh="近三年无重大事故及偷漏税等违法违规行为", en="No major incident or violation in the look-back period (近三年)")),
    ):
        v = f(field)
        conds.check(cid, label, None if v is None else v is False, facts={f"{FIRM}.{field}": v}, cite=p(pname))
    return conds.result()


def fund_cap(categories, p: Params):
    """(cap, tier name, rule) — the highest tier cap among the firm's categories; None when no tier names it."""
    best = None
    for tier in TIERS:
        members = p(f"fund_cap.{tier}.categories").value
        if any(c.value in members for c in categories):
            rule = p(f"fund_cap.{tier}")
            if best is None or rule.value > best[0]:
                best = (rule.value, tier, rule)
    return best


def fee_cap(amount: Decimal, p: Params):
    """The re-guarantee fee cap for a single guarantee amount: (cap, rule)."""
    threshold = p("fee.threshold").value
    rule = p("fee.cap_above") if amount > threshold else p("fee.cap_at_or_below")
    return rule.value, rule


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    firm, deal = case.tech_guarantee_firm, case.tech_guarantee_deal
    p = Params(params, None, ctx.known_at)
    calc = Calculation()
    cats = firm.categories

    best = fund_cap(cats, p)
    if best is None:
        calc.finding("fund_share_tier", FindingStatus.INFO,
                     T(zh="企业类型未列入融担基金分险任何一档，60号未为其设定提高后的上限",
                       en="The firm's categories are named in no fund-share tier; 60号 sets no raised cap for it"),
                     facts={f"{FIRM}.categories": ",".join(c.value for c in cats)}, cite=p("fund_cap.multiple_tiers"),
                     detail=p.reading("fund_cap.tier1.categories"))
        cap = None
    else:
        cap, tier, rule = best
        calc.amount("fund_share_cap", cap, T(zh=f"融担基金分险比例上限（{tier[-1]}档）", en=f"National fund's share cap (tier {tier[-1]})"),
                    unit="ratio", formula=bilingual(f"max(各类型所属档上限：{','.join(c.value for c in cats)})", f"max tier cap over {','.join(c.value for c in cats)}"),
                    facts={f"{FIRM}.categories": ",".join(c.value for c in cats)}, cite=rule, note=p.reading("fund_cap.multiple_tiers"))
    for name, pname, zh, en in (
        ("bank_share_min", "share.bank_min", "银行分险比例下限", "Bank share floor"),
        ("government_share_max", "share.government_max", "政府性融资担保体系分险比例上限", "Government system share ceiling"),
        ("provincial_share_min", "share.provincial_min", "省级再担保机构分险比例下限", "Provincial re-guarantor share floor"),
        ("compensation_cap", "compensation.cap", "代偿赔付上限", "Compensation cap"),
    ):
        rule = p(pname)
        calc.amount(name, rule.value, T(zh=zh, en=en), unit="ratio", formula=pct(rule.value), cite=rule)
    rule = p("balance.max")
    calc.amount("balance_cap", rule.value, T(zh="单户在保余额上限", en="Outstanding guaranteed balance cap"), formula=yuan(rule.value), cite=rule)

    size = case.enterprise.size if case.enterprise else None
    if size is EnterpriseSize.MEDIUM:
        calc.finding("medium_firm_condition", FindingStatus.DUTY,
                     T(zh="中型企业：担保机构须满足支小支农担保业务占比要求（要求另有规定）",
                       en="Medium-sized firm: the guarantor must meet its small/agricultural share requirement (set elsewhere)"),
                     facts={"enterprise.size": size}, cite=p("medium.condition"))

    if deal is None:
        return calc.result()
    d = deal
    g = lambda name: getattr(d, name)  # noqa: E731

    def check(fid: str, label: Text, ok: bool | None, facts: dict, rule, detail: Text | None = None) -> None:
        status = FindingStatus.UNKNOWN if ok is None else (FindingStatus.MET if ok else FindingStatus.NOT_MET)
        if ok is None:
            calc.need(*[k for k, v in facts.items() if v is None])
        calc.finding(fid, status, label, facts=facts, cite=rule, detail=detail)

    bank, gov, fund, prov = g("bank_share"), g("government_share"), g("fund_share"), g("provincial_reguarantee_share")
    r = p("share.bank_min")
    check("bank_share", T(zh=f"银行分险不低于贷款金额的{pct(r.value)}", en=f"Bank share at least {pct(r.value)} of the loan"),
          None if bank is None else bank >= r.value, {f"{DEAL}.bank_share": bank}, r)
    r = p("share.government_max")
    check("government_share", T(zh=f"政府性融资担保体系分险不高于{pct(r.value)}", en=f"Government system share at most {pct(r.value)}"),
          None if gov is None else gov <= r.value, {f"{DEAL}.government_share": gov}, r)
    check("shares_total", T(zh="银行与政府性融资担保体系分险合计为贷款金额的全部", en="Bank and government shares add up to the whole loan"),
          None if bank is None or gov is None else bank + gov == 1, {f"{DEAL}.bank_share": bank, f"{DEAL}.government_share": gov},
          p("share.bank_min"), detail=p.reading("share.bank_min"))
    r = p("share.provincial_min")
    check("provincial_share", T(zh=f"省级再担保机构分险不低于{pct(r.value)}", en=f"Provincial re-guarantor share at least {pct(r.value)}"),
          None if prov is None else prov >= r.value, {f"{DEAL}.provincial_reguarantee_share": prov}, r)
    if cap is not None:
        check("fund_share", T(zh=f"融担基金分险不超过{pct(cap)}", en=f"National fund share at most {pct(cap)}"),
              None if fund is None else fund <= cap, {f"{DEAL}.fund_share": fund}, best[2])
    check("government_parts", T(zh="融担基金与省级再担保分险之和不超过政府性融资担保体系分险", en="Fund and provincial shares fit inside the government system's share"),
          None if None in (fund, prov, gov) else fund + prov <= gov,
          {f"{DEAL}.fund_share": fund, f"{DEAL}.provincial_reguarantee_share": prov, f"{DEAL}.government_share": gov}, p("share.government_max"))

    amount, fee = g("guarantee_amount"), g("reguarantee_fee_rate")
    if amount is None:
        check("reguarantee_fee", T(zh="再担保费率不超过上限", en="Re-guarantee fee within its cap"), None,
              {f"{DEAL}.guarantee_amount": None}, p("fee.threshold"))
    else:
        fcap, frule = fee_cap(amount, p)
        calc.amount("reguarantee_fee_cap", fcap, T(zh="再担保费率上限", en="Re-guarantee fee cap"), unit="ratio",
                    formula=f"{yuan(amount)} {'>' if amount > p('fee.threshold').value else '≤'} {yuan(p('fee.threshold').value)} → {pct(fcap)}",
                    facts={f"{DEAL}.guarantee_amount": amount}, cite=frule, note=p.reading("fee.threshold"))
        check("reguarantee_fee", T(zh=f"再担保费率不高于{pct(fcap)}", en=f"Re-guarantee fee at most {pct(fcap)}"),
              None if fee is None else fee <= fcap, {f"{DEAL}.reguarantee_fee_rate": fee}, frule)

    others = g("other_fees")
    r = p("fee.no_other_fees")
    check("no_other_fees", T(zh="除贷款利息和担保费外未收取其他费用", en="No fee besides interest and the guarantee fee"),
          None if others is None else not others, {f"{DEAL}.other_fees": None if others is None else ",".join(others) or "none"}, r,
          detail=T(zh=f"另收：{'、'.join(others)}", en="also charged: " + ", ".join(f"“{o}”" for o in others)) if others else p.reading("fee.no_other_fees"))
    bal = g("borrower_guaranteed_balance")
    r = p("balance.max")
    check("borrower_balance", T(zh=f"单户在保余额不超过{yuan(r.value)}元", en=f"Outstanding guaranteed balance at most CNY {yuan(r.value)}"),
          None if bal is None else bal <= r.value, {f"{DEAL}.borrower_guaranteed_balance": bal}, r)
    comp = g("compensation_cap_rate")
    r = p("compensation.cap")
    check("compensation_cap", T(zh=f"约定代偿赔付上限不超过{pct(r.value)}", en=f"Agreed compensation cap at most {pct(r.value)}"),
          None if comp is None else comp <= r.value, {f"{DEAL}.compensation_cap_rate": comp}, r)

    breaches = sum(1 for x in calc.findings if x.status is FindingStatus.NOT_MET)
    calc.amount("breach_count", Decimal(breaches), T(zh="违规项数", en="Breaches"), unit="count", formula="count(not_met)")
    return calc.result()


HEADLINE = {"fund_share_cap": ("融担基金分险上限", "fund share cap"), "reguarantee_fee_cap": ("再担保费率上限", "re-guarantee fee cap"),
            "breach_count": ("违规项数", "breaches")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, HEADLINE)
