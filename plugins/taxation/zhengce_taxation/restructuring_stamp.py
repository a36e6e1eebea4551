"""企业改制重组及事业单位改制印花税 — 财政部 税务总局公告2024年第14号.

Applicability: the operation qualifies under 第四条 (the forms and the
continuity tests: > 75% for 企业改制, > 50% for 事业单位改制, investors surviving
in a merger, the same investors in a division, the relations of 同一投资主体内部)
and the book entry or deed falls in 2024-10-01..2027-12-31.  Evaluation: which
account-book capital, continued contracts and property-transfer deeds are exempt
or taxable, and the duty on the taxable bases when the 印花税法 rates are given.
"""

from __future__ import annotations

from decimal import Decimal

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet
from zhengce.kernel.rules import Calculation, Conditions

from ._common import Params, T, pct, summary_explanation

POLICY_ID = "taxation.restructuring_stamp_duty_relief"
S = "restructuring_stamp_duty"
DEED_KINDS_ADMIN = ("administrative_adjustment", "intra_group_transfer")


def _qualification(r, p: Params, conds: Conditions) -> None:
    kind = r.kind.value
    if kind == "enterprise_conversion":
        forms = p.criterion("conversion.forms")
        conds.check("conversion_form", T(zh="改制形式属于第四条第（一）项所列形式", en="A form of conversion listed in art. 4(1)"),
                    None if r.conversion_form is None else r.conversion_form.value in forms.value,
                    facts={f"{S}.conversion_form": r.conversion_form}, cite=forms)
        share = p.criterion("conversion.min_share")
        conds.check("continuity", T(zh=f"原投资主体存续且持股比例超过 {pct(share.value)}", en=f"The original investors survive and hold more than {pct(share.value)}"),
                    None if r.original_investors_survive is None or r.original_investors_share_after is None
                    else r.original_investors_survive and r.original_investors_share_after > share.value,
                    facts={f"{S}.original_investors_survive": r.original_investors_survive,
                           f"{S}.original_investors_share_after": r.original_investors_share_after},
                    cite=share, note=p.reading("conversion.min_share"))
        conds.check("inherits", T(zh="改制（变更）后公司承继原企业权利、义务", en="The converted company takes over the rights and duties"),
                    r.successor_inherits_rights, facts={f"{S}.successor_inherits_rights": r.successor_inherits_rights}, cite=share)
    elif kind == "public_institution_conversion":
        share = p.criterion("institution.min_share")
        conds.check("continuity", T(zh=f"原出资人存续且出资比例超过 {pct(share.value)}", en=f"The original investors survive and hold more than {pct(share.value)}"),
                    None if r.original_investors_survive is None or r.original_investors_share_after is None
                    else r.original_investors_survive and r.original_investors_share_after > share.value,
                    facts={f"{S}.original_investors_survive": r.original_investors_survive,
                           f"{S}.original_investors_share_after": r.original_investors_share_after},
                    cite=share, note=p.reading("institution.min_share"))
    elif kind == "merger":
        rule = p.criterion("merger.definition")
        met = True if r.parent_absorbs_wholly_owned_subsidiary else r.original_investors_survive
        conds.check("continuity", T(zh="合并后原投资主体存续（或母公司与全资子公司相互吸收合并）", en="The original investors survive the merger (or parent/wholly-owned subsidiary absorption)"),
                    met, facts={f"{S}.original_investors_survive": r.original_investors_survive,
                                f"{S}.parent_absorbs_wholly_owned_subsidiary": r.parent_absorbs_wholly_owned_subsidiary},
                    missing=[f"{S}.original_investors_survive"] if met is None else None, cite=rule)
    elif kind == "division":
        rule = p.criterion("division.definition")
        conds.check("continuity", T(zh="分立后公司与原公司投资主体相同", en="The divided companies keep the original investors"),
                    r.investors_unchanged, facts={f"{S}.investors_unchanged": r.investors_unchanged}, cite=rule)
    elif kind == "administrative_adjustment":
        assets = p.criterion("deeds.admin_assets")
        conds.check("by_government", T(zh="由县级以上人民政府或其所属国资管理部门按规定进行行政性调整", en="An administrative adjustment by a county-level or higher government or its state-asset department"),
                    r.by_county_or_higher_government, facts={f"{S}.by_county_or_higher_government": r.by_county_or_higher_government}, cite=assets)
        conds.check("asset", T(zh="调整对象为土地使用权、房屋等建筑物和构筑物所有权或股权", en="Land-use rights, buildings or equity"),
                    None if r.transfer_asset is None else r.transfer_asset.value in assets.value,
                    facts={f"{S}.transfer_asset": r.transfer_asset}, cite=assets)
    elif kind == "intra_group_transfer":
        rel = p.criterion("intra_group.relations")
        assets = p.criterion("deeds.intra_group_assets")
        conds.check("intra_group", T(zh="属于同一投资主体内部（第四条第（五）项）", en="Inside one investor (art. 4(5))"),
                    None if r.intra_group_relation is None else r.intra_group_relation.value in rel.value,
                    facts={f"{S}.intra_group_relation": r.intra_group_relation}, cite=rel)
        conds.check("asset", T(zh="划转对象为土地使用权、房屋等建筑物和构筑物所有权或股权", en="Land-use rights, buildings or equity"),
                    None if r.transfer_asset is None else r.transfer_asset.value in assets.value,
                    facts={f"{S}.transfer_asset": r.transfer_asset}, cite=assets)
    # other_restructuring, bankruptcy_liquidation, debt_to_equity: no continuity test in the notice


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    r = case.restructuring_stamp_duty
    p = Params(params, ctx.known_at)
    conds = Conditions()
    start, end = p.criterion("window.from"), p.criterion("window.until")
    conds.check("kind", T(zh="改制重组的类型已知", en="The kind of operation is known"), None if r.kind is None else True,
                facts={f"{S}.kind": r.kind}, cite=p.criterion("deeds.exempt_kinds"))
    conds.check("in_force_window", T(zh=f"账簿记载或书据书立于 {start.value} 至 {end.value}（含）期间", en=f"Recorded or executed between {start.value} and {end.value} inclusive"),
                None if r.executed_on is None else start.value <= r.executed_on <= end.value,
                facts={f"{S}.executed_on": r.executed_on}, cite=end)
    conds.check("domestic", T(zh="企业依照我国法律法规设立并在中国境内注册", en="The enterprises are established under Chinese law and registered in China"),
                r.established_in_china, facts={f"{S}.established_in_china": r.established_in_china}, cite=p.criterion("domestic"))
    if r.kind is not None:
        _qualification(r, p, conds)
    return conds.result()


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    r = case.restructuring_stamp_duty
    p = Params(params, ctx.known_at)
    calc = Calculation()
    kind = r.kind.value
    zero = Decimal(0)
    books_exempt = books_taxable = zero
    # --- account books (一)
    if kind not in DEED_KINDS_ADMIN and kind != "bankruptcy_liquidation":
        rule = p.criterion("books.already_taxed")
        if r.capital_already_taxed is not None:
            books_exempt += r.capital_already_taxed
            calc.finding("books.already_taxed", FindingStatus.MET, T(zh=f"原已缴纳印花税的实收资本、资本公积 {r.capital_already_taxed} 不再缴纳",
                                                                     en=f"Capital already taxed ({r.capital_already_taxed}) is not taxed again"), cite=rule)
        for field, key, label in (("capital_not_yet_taxed", "books.already_taxed", T(zh="未缴纳印花税的部分", en="capital not yet taxed")),
                                  ("capital_added_later", "books.already_taxed", T(zh="以后新增加的部分", en="capital added later")),
                                  ("capital_from_revaluation", "books.revaluation_taxable", T(zh="经评估增加的部分", en="capital increased by valuation")),
                                  ("capital_from_other_accounts", "books.other_accounts_taxable", T(zh="其他会计科目转入的部分", en="capital from other accounts"))):
            v = getattr(r, field)
            if v:
                books_taxable += v
                calc.finding(f"books.{field}", FindingStatus.DUTY, T(zh=f"{label.zh} {v} 元应当按规定缴纳印花税", en=f"{label.en.capitalize()} (CNY {v}) is taxable: stamp duty is payable"),
                             cite=p.criterion(key))
        if r.capital_from_debt_to_equity:
            rule = p.criterion("books.debt_to_equity")
            v = r.capital_from_debt_to_equity
            if r.state_council_approved is None:
                calc.need(f"{S}.state_council_approved")
                calc.finding("books.debt_to_equity", FindingStatus.UNKNOWN, T(zh="债转股增加的资本：是否经国务院批准未知", en="Debt-to-equity capital: State Council approval unknown"), cite=rule)
            elif r.state_council_approved:
                books_exempt += v
                calc.finding("books.debt_to_equity", FindingStatus.MET, T(zh=f"经国务院批准的重组项目中债转股增加的资本 {v} 免征", en=f"Debt-to-equity capital in a State-Council-approved restructuring ({v}) is exempt"), cite=rule)
            else:
                books_taxable += v
                calc.finding("books.debt_to_equity", FindingStatus.DUTY, T(zh=f"债转股新增加的资本 {v} 元应当缴纳印花税", en=f"Debt-to-equity capital (CNY {v}) is taxable: stamp duty is payable"), cite=rule)
        calc.amount("books_exempt_base", p.money(books_exempt), T(zh="营业账簿免征（不再缴纳）的计税金额", en="Account-book base exempt"), formula="Σ 免征部分 ‖ Σ exempt parts", cite=rule)
        calc.amount("books_taxable_base", p.money(books_taxable), T(zh="营业账簿应税计税金额", en="Account-book base taxable"), formula="Σ 应税部分 ‖ Σ taxable parts",
                    cite=p.criterion("books.already_taxed"))
        if r.stamp_duty_rate_books is not None:
            calc.amount("books_duty", p.money(books_taxable * r.stamp_duty_rate_books), T(zh="营业账簿应纳印花税", en="Stamp duty on account books"),
                        formula=f"{books_taxable} × {r.stamp_duty_rate_books}（税率见《印花税法》，个案输入） ‖ {books_taxable} × {r.stamp_duty_rate_books} (rate from the Stamp Duty Law, an input)",
                        cite=p.criterion("books.already_taxed"))
    # --- continued contracts (二)
    if r.continued_contract_amount is not None:
        rule = p.criterion("contracts.continued")
        ok = r.continued_contract_basis_unchanged and r.continued_contract_already_taxed
        if r.continued_contract_basis_unchanged is None or r.continued_contract_already_taxed is None:
            calc.need(f"{S}.continued_contract_basis_unchanged", f"{S}.continued_contract_already_taxed")
            calc.finding("contracts.continued", FindingStatus.UNKNOWN, T(zh="承继合同是否未变更计税依据且已缴纳未知", en="Whether the continued contract is unchanged and already taxed is unknown"), cite=rule)
        else:
            calc.finding("contracts.continued", FindingStatus.MET if ok else FindingStatus.DUTY,
                         T(zh="承继的原合同不再缴纳印花税" if ok else "承继的原合同不符合不再缴纳的条件，应当缴纳印花税",
                           en="The continued contract is not taxed again" if ok else "The continued contract does not meet the conditions: stamp duty is payable"), cite=rule)
            calc.amount("contracts_exempt_base", p.money(r.continued_contract_amount if ok else Decimal(0)),
                        T(zh="承继合同不再缴纳的计税金额", en="Continued contracts not taxed again"), cite=rule)
    # --- property-transfer deeds (三)
    if r.property_transfer_deed_amount is not None:
        exempt_kinds = p.criterion("deeds.exempt_kinds")
        if kind in exempt_kinds.value:
            rule, exempt = exempt_kinds, True
        elif kind == "administrative_adjustment":
            rule, exempt = p.criterion("deeds.admin_assets"), True
        elif kind == "intra_group_transfer":
            rule, exempt = p.criterion("deeds.intra_group_assets"), True
        else:
            rule, exempt = exempt_kinds, False
        amount = r.property_transfer_deed_amount
        calc.finding("deeds", FindingStatus.MET if exempt else FindingStatus.DUTY,
                     T(zh=f"产权转移书据 {amount} 元{'免征印花税' if exempt else '不属于免征情形，应当缴纳印花税'}", en=f"Property-transfer deed (CNY {amount}) {'exempt' if exempt else 'not exempt: stamp duty is payable'}"),
                     facts={f"{S}.kind": kind}, cite=rule)
        calc.amount("deeds_exempt_base", p.money(amount if exempt else Decimal(0)), T(zh="免征的产权转移书据金额", en="Deed base exempt"), cite=rule)
        calc.amount("deeds_taxable_base", p.money(Decimal(0) if exempt else amount), T(zh="应税的产权转移书据金额", en="Deed base taxable"), cite=rule)
        if r.stamp_duty_rate_deeds is not None:
            calc.amount("deeds_duty", p.money((Decimal(0) if exempt else amount) * r.stamp_duty_rate_deeds), T(zh="产权转移书据应纳印花税", en="Stamp duty on deeds"),
                        formula=f"{Decimal(0) if exempt else amount} × {r.stamp_duty_rate_deeds}（税率见《印花税法》，个案输入） ‖ {Decimal(0) if exempt else amount} × {r.stamp_duty_rate_deeds} (rate from the Stamp Duty Law, an input)", cite=rule)
    return calc.result()


NAMES = {"books_exempt_base": ("账簿免征", "books exempt"), "books_taxable_base": ("账簿应税", "books taxable"),
         "deeds_exempt_base": ("书据免征", "deeds exempt"), "deeds_taxable_base": ("书据应税", "deeds taxable"),
         "books_duty": ("账簿印花税", "books duty"), "deeds_duty": ("书据印花税", "deeds duty")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return summary_explanation(result, title, lang, NAMES,
                               extra=T(zh="印花税税率由《印花税法》规定（种子未载），仅在个案提供时计算税额",
                                       en="Stamp duty rates are set by the Stamp Duty Law (not in the seed); duty is computed only when the case gives them"))
