"""汽车报废更新补贴 — 商消费函〔2024〕75号 as amended by 商消费函〔2024〕392号.

Pure rule functions: (case, parameters, context) → Applicability / Evaluation.
Every number comes from ``parameters/car_scrappage_subsidy.yaml``; every value
is read on the application's submission day, as known at ``context.known_at``
(so 392号's retroactive amounts count only once it is known).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from decimal import Decimal

from zhengce.contracts import (
    Applicability,
    Case,
    Evaluation,
    Explanation,
    FindingStatus,
    Outcome,
    PolicyResult,
    Text,
)
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.reference import ZONE_LABELS, regions
from zhengce.kernel.render import explanation
from zhengce.kernel.rules import Calculation, Conditions, Lookup

from .facts import Fuel

POLICY_ID = "tradein.car_scrappage_subsidy"
PARAMETERS = load_parameters("zhengce_tradein", "parameters/car_scrappage_subsidy.yaml")

OLD_GUOSAN_FUEL = "guosan_fuel"  # 国三及以下排放标准燃油乘用车
OLD_NEV = "old_nev"  # 2018-04-30 前注册登记的新能源乘用车
BUY_NEV = "amount.scrap_any_buy_nev"
BUY_FUEL = "amount.scrap_fuel_buy_fuel"

@lru_cache(maxsize=4096)
def T(zh: str, en: str, *args: object) -> Text:  # noqa: N802 - reads like the Text it builds
    """A bilingual label from ``{}`` templates, interned: the same few dozen labels recur in
    every evaluation, so they are formatted once, not per case."""
    return Text(zh=zh.format(*args), en=en.format(*args))


def _in_window(day: date | None, start: date, end: date) -> bool | None:
    return None if day is None else start <= day <= end


def old_vehicle_kind(case: Case, p: Lookup, conds: Conditions) -> str | None:
    """Classify the scrapped car as 国三及以下燃油乘用车, 旧新能源乘用车, or neither."""
    old = case.old_vehicle
    fuel = old.fuel if old else None
    reg = old.registration_date if old else None
    facts = {"old_vehicle.fuel": fuel, "old_vehicle.registration_date": reg}
    if fuel is None or reg is None:
        conds.check("old_vehicle_kind", T("旧车属于国三及以下燃油乘用车或 {} 前（含当日）注册登记的新能源乘用车",
                                          "The old car is a China-III-or-older fuel car or an NEV registered on or before {}",
                                          p.criterion("old.nev_registered_by").value),
                    None, facts=facts, cite=p.criterion("old.gasoline_registered_by"))
        return None
    if fuel is Fuel.NEV:
        cutoff = p.criterion("old.nev_registered_by")
        ok = conds.compare("old_vehicle_kind", T("旧新能源乘用车于 {} 前（含当日）注册登记", "The old NEV was registered on or before {}", cutoff.value),
                           "old_vehicle.registration_date", reg, "<=", cutoff, actionable=False, parameter="old.nev_registered_by",
                           facts=facts)
        return OLD_NEV if ok else None
    name = "old.gasoline_registered_by" if fuel is Fuel.GASOLINE else "old.diesel_other_registered_by"
    cutoff = p.criterion(name)
    ok = conds.compare("old_vehicle_kind", T("旧燃油乘用车属国三及以下：{} 前（含当日）注册登记", "The old fuel car is China-III-or-older: registered on or before {}", cutoff.value),
                       "old_vehicle.registration_date", reg, "<=", cutoff, actionable=False, parameter=name,
                       facts=facts, reading=p.reading(name))
    return OLD_GUOSAN_FUEL if ok else None


def new_vehicle_tier(case: Case, old_kind: str | None, p: Lookup, conds: Conditions) -> str | None:
    """Which amount the purchase earns: BUY_NEV, BUY_FUEL, or None (no qualifying purchase)."""
    new = case.new_vehicle
    fuel = new.fuel if new else None
    if fuel is None:
        conds.check("new_vehicle_qualifies", T("新车为目录内新能源乘用车或 {} 升及以下燃油乘用车", "The new car is a catalogued NEV or a fuel car of {} L or less",
                                               p.criterion("new.fuel_max_displacement_l").value),
                    None, facts={"new_vehicle.fuel": None}, cite=p.criterion("new.nev_in_catalogue"))
        return None
    if fuel is Fuel.NEV:
        rule = p.criterion("new.nev_in_catalogue")
        listed = new.in_nev_catalogue
        conds.check("new_vehicle_qualifies", T(zh="新购新能源乘用车纳入《减免车辆购置税的新能源汽车车型目录》",
                                               en="The new NEV is in the purchase-tax exemption catalogue"),
                    None if listed is None else listed is rule.value,
                    facts={"new_vehicle.fuel": fuel, "new_vehicle.in_nev_catalogue": listed}, cite=rule)
        return BUY_NEV if listed else None
    # a fuel car: only against a scrapped 国三 fuel car, and at most 2.0 L
    if old_kind == OLD_NEV:
        conds.check("new_vehicle_qualifies", T(zh="报废旧新能源乘用车的，仅购买新能源乘用车可获补贴",
                                               en="Scrapping an old NEV earns a subsidy only for a new NEV"),
                    False, facts={"old_vehicle.fuel": Fuel.NEV, "new_vehicle.fuel": fuel}, cite=p(BUY_FUEL, any_day=True))
        return None
    limit = p.criterion("new.fuel_max_displacement_l")
    disp = new.displacement_l
    conds.compare("new_vehicle_qualifies", T("新购燃油乘用车排量不超过 {} 升（含）", "The new fuel car's displacement is at most {} L", limit.value),
                  "new_vehicle.displacement_l", disp, "<=", limit, parameter="new.fuel_max_displacement_l",
                  facts={"new_vehicle.fuel": fuel, "new_vehicle.displacement_l": disp},
                  reading=p.reading("new.fuel_max_displacement_l"))
    return BUY_FUEL if disp is not None and disp <= limit.value else None


CERTIFICATES = (
    ("scrap_certificate_on", "《报废机动车回收证明》", "scrapping certificate"),
    ("deregistration_certificate_on", "《机动车注销证明》", "deregistration certificate"),
    ("sales_invoice_on", "《机动车销售统一发票》", "vehicle sales invoice"),
    ("registration_certificate_on", "《机动车登记证书》", "new-car registration certificate"),
)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    """Every condition of 75号 第一条–第三条 and 392号 一, three-valued and cited."""
    app = case.scrappage_application
    submitted = app.submitted_on if app else None
    p = Lookup(params, submitted, ctx.known_at)
    conds = Conditions(trace=ctx.trace)

    applicant_type = case.applicant.type if case.applicant else None
    rule = p.criterion("applicant.types")
    conds.check("individual_consumer", T(zh="申请人为个人消费者", en="The applicant is an individual consumer"),
                None if applicant_type is None else applicant_type.value in rule.value,
                facts={"applicant.type": applicant_type}, cite=rule)

    classes = p.criterion("vehicle.passenger_classes")
    for side, zh in (("old_vehicle", "报废旧车"), ("new_vehicle", "新购车辆")):
        vehicle = getattr(case, side)
        vclass = vehicle.vehicle_class if vehicle else None
        conds.check(f"{side}_passenger_car", T(zh + "为小型、微型载客汽车（乘用车）", "The " + side.split("_")[0] + " car is a small or mini passenger vehicle"),
                    None if vclass is None else vclass.value in classes.value,
                    facts={f"{side}.vehicle_class": vclass}, cite=classes)

    old_kind = old_vehicle_kind(case, p, conds)
    new_vehicle_tier(case, old_kind, p, conds)

    start, end = p.criterion("certificates.from"), p.criterion("certificates.until")
    for field, zh, en in CERTIFICATES:
        day = getattr(app, field) if app else None
        conds.compare(field, T(zh + "于 {} 至 {} 期间取得", "The " + en + " was obtained between {} and {}", start.value, end.value),
                      f"scrappage_application.{field}", day, ">=", start, also=[("<=", end)], cite=end,
                      parameter="certificates.from")
    qualified = p.criterion("certificates.qualified_dismantler")
    by_qualified = app.scrap_certificate_by_qualified_dismantler if app else None
    conds.check("qualified_dismantler", T(zh="《报废机动车回收证明》由有资质的报废机动车回收拆解企业开具",
                                          en="The scrapping certificate was issued by a qualified dismantler"),
                by_qualified, facts={"scrappage_application.scrap_certificate_by_qualified_dismantler": by_qualified}, cite=qualified)

    a_from, a_until = p.criterion("application.from"), p.criterion("application.until")
    conds.compare("application_window", T("申请于 {} 至 {}（含当日）期间提交", "The application was submitted between {} and {} inclusive", a_from.value, a_until.value),
                  "scrappage_application.submitted_on", submitted, ">=", a_from, also=[("<=", a_until)],
                  cite=a_until, parameter="application.from", reading=params["application.until"].reading)

    _ownership_conditions(case, p, conds)

    place = p.criterion("acceptance.place")
    province = app.invoice_province if app else None
    conds.info("acceptance_place", T(zh="补贴受理地：《机动车销售统一发票》开具地", en="Where to apply: where the sales invoice was issued"),
               facts={"scrappage_application.invoice_province": province}, cite=place)
    return conds.result()


def _not_yet_known(p: Lookup, name: str) -> Text:
    """Why a condition is absent: the document that introduces it was not yet issued."""
    doc = p.params[name].values[0].document
    return T("截至 {} 尚无此要求（{} 于 {} 印发）", "No such requirement as known at {} ({} was issued on {})", p.known_at, doc.number, doc.issued)


def _ownership_conditions(case: Case, p: Lookup, conds: Conditions) -> None:
    """392号's ownership rules — absent from the law until 392号 is known."""
    old_rule = p("owner.old_registered_by")
    if old_rule is None:
        conds.info("old_vehicle_owned_by_applicant", T("报废旧车登记在申请人名下的时限", "Deadline for the scrapped car to be in the applicant's name"),
                   outcome=Outcome.NOT_IN_FORCE, note=_not_yet_known(p, "owner.old_registered_by"))
    else:
        old_label = T("报废旧车于 {} 前（含当日）登记在申请人名下", "The scrapped car was registered in the applicant's name on or before {}", old_rule.value)
        since = case.old_vehicle.in_applicant_name_since if case.old_vehicle else None
        conds.compare("old_vehicle_owned_by_applicant", old_label, "old_vehicle.in_applicant_name_since", since, "<=", old_rule,
                      actionable=False, parameter="owner.old_registered_by", reading=p.reading("owner.old_registered_by"))

    new_rule = p("owner.new_registered_during_review_from")
    new_label = T(zh="审核期间新购汽车登记在申请人名下", en="The new car is registered in the applicant's name during review")
    if new_rule is None:
        conds.info("new_vehicle_owned_by_applicant", new_label, outcome=Outcome.NOT_IN_FORCE,
                   note=_not_yet_known(p, "owner.new_registered_during_review_from"))
        return
    app = case.scrappage_application
    subsidy_paid_on = app.subsidy_paid_on if app else None
    if subsidy_paid_on is not None and subsidy_paid_on < new_rule.value:
        conds.info("new_vehicle_owned_by_applicant", new_label, outcome=Outcome.NOT_IN_FORCE, cite=new_rule,
                   facts={"scrappage_application.subsidy_paid_on": subsidy_paid_on}, note=p.reading("owner.new_registered_during_review_from"))
        return
    owned = case.new_vehicle.in_applicant_name if case.new_vehicle else None
    conds.check("new_vehicle_owned_by_applicant", new_label, owned,
                facts={"new_vehicle.in_applicant_name": owned}, cite=new_rule)


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    """The subsidy, the top-up on an application already paid, and the central/local split."""
    app = case.scrappage_application
    p = Lookup(params, app.submitted_on, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    money = p.money

    tier = BUY_NEV if case.new_vehicle.fuel is Fuel.NEV else BUY_FUEL
    amount_rule = p(tier)
    subsidy = calc.amount("subsidy", money(amount_rule.value), T(zh="补贴金额", en="Subsidy"),
                          formula=str(amount_rule.value), cite=amount_rule, note=params[tier].label)

    if app.subsidy_already_paid is not None:
        paid = money(app.subsidy_already_paid)
        calc.info("already_paid", T(zh="已发放金额", en="Already paid"), value=paid,
                  facts={"scrappage_application.subsidy_already_paid": app.subsidy_already_paid})
        top_rule = p("top_up.owed_on_paid")
        if top_rule is not None and top_rule.value:
            calc.amount("top_up_due", money(max(Decimal(0), subsidy - paid)), T(zh="应补齐差额", en="Top-up due (补齐差额)"),
                        formula=f"max(0, {subsidy} − {paid})", cite=top_rule)

    _correction_and_fraud(app, p, calc)
    _funding_split(case, subsidy, p, calc, money)
    return calc.result()


def _correction_and_fraud(app, p: Lookup, calc: Calculation) -> None:
    """75号 第四条: a correction asked for is due by the application deadline; 第十三条: fraud is dealt with
    under State Council Decree 427 (whose measures the seed does not give)."""
    if app.correction_requested:
        rule, until = p.criterion("correction.by_deadline"), p("application.until")
        calc.date("correction_due", until.value, T(zh="补正截止日（即申请截止日，含当日）", en="Correction due (the application deadline, inclusive)"),
                  cite=rule)
        done = app.corrected_on
        status = FindingStatus.DUTY if done is None else (FindingStatus.MET if done <= until.value else FindingStatus.NOT_MET)
        calc.finding("corrected", status, T(zh="按要求通过原渠道补正有关信息", en="Correct the information through the original channel as asked"),
                     facts={"scrappage_application.corrected_on": done}, cite=rule)
    if app.fraud_found:
        rule = p.criterion("fraud.handled")
        calc.finding("fraud", FindingStatus.NOT_MET, T(zh="以不正当手段骗取补贴：有关部门依国务院令第427号等处理", en="Subsidy obtained by fraud: dealt with under State Council Decree 427 and other rules"),
                     facts={"scrappage_application.fraud_found": True}, cite=rule, detail=p.reading("fraud.handled"))


def resolve_zone(province_name: str | None, region: str | None, scheme: str, *,
                 province_path: str, region_path: str) -> tuple[str | None, dict[str, object], Text]:
    """The zone (east/middle/west) of a province: the case's own ``region`` if given, else the
    reference table's.  Returns the zone (None: cannot place it), the facts used and the source."""
    if region:
        return region, {region_path: region}, T("个案指定（{}）", "given by the case ({})", region_path)
    table = regions()
    province = table.province(province_name)
    facts: dict[str, object] = {province_path: f"{province.name} ({province.code})" if province else province_name}
    if province is None:
        return None, facts, T("参考数据中找不到该省份", "the province is not in the reference table")
    s = table.schemes[scheme]
    source = Text(zh=f"参考数据：{s.label.zh}（{'；'.join(s.documents)}）", en=f"reference data: {s.label.en} ({'; '.join(f'“{d}”' for d in s.documents)})")
    return table.zone(province, scheme), facts, source


def _funding_split(case: Case, subsidy: Decimal, p: Lookup, calc: Calculation, money) -> None:
    app = case.scrappage_application
    scheme = p("split.scheme", any_day=True)
    zone, facts, source = resolve_zone(app.invoice_province, app.region, scheme.value,
                                       province_path="scrappage_application.invoice_province",
                                       region_path="scrappage_application.region")
    if zone is None:
        calc.need("scrappage_application.invoice_province")
        calc.info("region", T("无法确定受理地所属地区，央地分担无法计算", "Cannot place the accepting province in a zone; no central/local split"),
                  facts=facts, note=source)
        return
    if zone not in ZONE_LABELS or f"split.{zone}" not in p.params.parameters:  # a zone the parameters split
        calc.need("scrappage_application.region")
        calc.info("region", T("地区 {!r} 不是东部、中部或西部", "Zone {!r} is not east, middle or west", zone), facts=facts)
        return
    calc.info("region", T("受理地属{0}省份", "The accepting province is in the {1} zone", ZONE_LABELS[zone].zh, zone),
              value=zone, facts=facts, cite=scheme, note=source)
    ratio_rule = p(f"split.{zone}")
    ratio = ratio_rule.value
    central = money(subsidy * ratio.first / (ratio.first + ratio.second))
    calc.amount("central_share", central, T("中央财政承担", "Central share"),
                formula=f"{subsidy} × {ratio.first}/({ratio.first}+{ratio.second})", cite=ratio_rule, payer="central")
    calc.amount("local_share", subsidy - central, T("地方财政承担", "Local share"),
                formula=f"{subsidy} − {central}", cite=ratio_rule, payer="local")


def screen_columns(columns, params: ParameterSet, ctx: EvaluationContext):
    """The vectorised twin of :func:`applies_to` and :func:`evaluate`, for tabular registries
    (``car_scrappage_columns.py``; numpy is imported only when a registry is screened)."""
    from .car_scrappage_columns import screen

    return screen(columns, params, ctx)


AMOUNT_NAMES = {"subsidy": ("补贴", "subsidy"), "top_up_due": ("应补齐差额", "top-up due"),
                "central_share": ("中央承担", "central share"), "local_share": ("地方承担", "local share")}


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    """A one-sentence summary (subsidy, top-up, split) above the cited trace."""
    return explanation(result, title, lang, names=AMOUNT_NAMES)
