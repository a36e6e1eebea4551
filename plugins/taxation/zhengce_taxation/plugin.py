"""The taxation plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import __version__, facts, advanced_manufacturer_list, cross_region_migration, digital_einvoice, lat_floor, machine_tool_rd_list, machine_tool_vat_list, neeq_dividend, recycler_vat_method, restructuring_stamp, reverse_invoicing, reverse_red_letter, special_equipment, vehicle_vessel_tax


def _spec(module, title: Text, facts: tuple[str, ...], filename: str, **more) -> PolicySpec:
    return PolicySpec(id=module.POLICY_ID, title=title, facts=facts,
                      parameters=load_parameters("zhengce_taxation", f"parameters/{filename}"), **more)


DECLARED = (
    (_spec(neeq_dividend, Text(zh="新三板挂牌公司股息红利差别化个人所得税",
                               en="NEEQ dividend individual income tax (differentiated by holding period)"),
           ("neeq_dividend_account",), "neeq_dividend_iit.yaml"), neeq_dividend),
    (_spec(special_equipment, Text(zh="节能节水、环境保护、安全生产专用设备数字化智能化改造企业所得税抵免",
                                   en="Special-equipment digital/intelligent upgrade corporate income tax credit"),
           ("special_equipment_credit",), "special_equipment_credit.yaml"), special_equipment),
    (_spec(restructuring_stamp, Text(zh="企业改制重组及事业单位改制印花税", en="Stamp duty on enterprise restructuring and public-institution conversion"),
           ("restructuring_stamp_duty",), "restructuring_stamp_duty.yaml"), restructuring_stamp),
    (_spec(lat_floor, Text(zh="土地增值税预征率下限", en="Land value-added tax prepayment-rate floor"),
           ("lat_prepayment",), "lat_prepayment_floor.yaml",
           event_date="lat_prepayment.prepaid_on"), lat_floor),  # the law of the prepayment's day decides
    (_spec(vehicle_vessel_tax, Text(zh="享受车船税优惠的节能、新能源汽车技术要求与目录过渡",
                                    en="Vehicle and vessel tax relief for energy-saving and new-energy vehicles: requirements and catalogue transition"),
           ("vehicle_vessel_tax_relief",), "vehicle_vessel_tax_catalogue.yaml"), vehicle_vessel_tax),
    (_spec(reverse_invoicing, Text(zh="资源回收企业向自然人报废产品出售者“反向开票”", en="Reverse invoicing by resource-recycling enterprises"),
           ("reverse_invoicing",), "reverse_invoicing.yaml"), reverse_invoicing),
    (_spec(recycler_vat_method, Text(zh="资源回收企业销售报废产品增值税计税方法的改选与锁定期", en="Resource recyclers' VAT method for scrap sales: the one-off switch and the 36-month locks"),
           ("recycler_vat_method_election",), "recycler_vat_method_election.yaml"), recycler_vat_method),
    (_spec(reverse_red_letter, Text(zh="“反向开票”的红字发票", en="Red-letter invoices against reverse invoices"),
           ("reverse_invoice_red_letter",), "reverse_invoice_red_letter.yaml"), reverse_red_letter),
    (_spec(digital_einvoice, Text(zh="全面数字化电子发票（数电发票）", en="Fully digital e-invoices"),
           ("digital_einvoice",), "digital_einvoice.yaml"), digital_einvoice),
    (_spec(advanced_manufacturer_list, Text(zh="2024年度享受增值税加计抵减政策的先进制造业企业名单条件",
                                            en="2024 list of advanced manufacturers for the VAT super-credit: criteria"),
           ("advanced_manufacturer_list_2024",), "advanced_manufacturer_list.yaml"), advanced_manufacturer_list),
    (_spec(machine_tool_rd_list, Text(zh="2023年度享受研发费用加计扣除政策的工业母机企业清单条件",
                                      en="2023 machine-tool firm list for the R&D super-deduction: criteria"),
           ("machine_tool_rd_list_2023",), "machine_tool_lists.yaml"), machine_tool_rd_list),
    (_spec(machine_tool_vat_list, Text(zh="2024年度享受增值税加计抵减政策的工业母机企业清单：时限与享受期间",
                                       en="2024 machine-tool firm list for the VAT super-credit: deadlines and benefit period"),
           ("machine_tool_vat_list_2024",), "machine_tool_vat_list.yaml"), machine_tool_vat_list),
    (_spec(cross_region_migration, Text(zh="纳税人跨区迁移", en="Taxpayers' cross-region migration"),
           ("cross_region_migration",), "cross_region_migration.yaml",
           event_date="cross_region_migration.applied_on"), cross_region_migration),  # the law of the application day
)
POLICIES = tuple(spec for spec, _ in DECLARED)

plugin = RulesPlugin(
    name="taxation",
    distribution="zhengce-taxation",
    fallback_version=__version__, sections=facts.SECTIONS,
    policies=DECLARED,
)
