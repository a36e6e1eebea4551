"""The energy plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import __version__, facts, energy_accounting, footprint_priority, green_procurement, heat_tariff, carbon_dual_control, carbon_duties, carbon_footprint, carbon_penalties, coal_clean_use, efficiency_grades, energy_saving_rules, energy_saving_targets, green_certificate, power_entity

NAME = "energy"
DISTRIBUTION = "zhengce-energy"
PACKAGE = "zhengce_energy"


def _spec(module, title: Text, facts: tuple[str, ...], filename: str) -> PolicySpec:
    return PolicySpec(id=module.POLICY_ID, title=title, facts=facts,
                      parameters=load_parameters(PACKAGE, f"parameters/{filename}"))


CARBON_DUTIES = _spec(carbon_duties, Text(zh="碳排放权交易：重点排放单位、技术服务机构等的义务", en="Carbon emission trading: duties of key emitters, service bodies and staff"),
                      ("carbon_market_party", "carbon_allowance_surrender", "carbon_market_inspection"), "carbon_trading_duties.yaml")
CARBON_PENALTIES = _spec(carbon_penalties, Text(zh="碳排放权交易：罚款幅度、配额核减与禁业", en="Carbon emission trading: fine ranges, allowance cuts and bans"),
                         ("carbon_market_violations", "carbon_allowance_surrender", "carbon_market_party"), "carbon_trading_penalties.yaml")

POWER_ENTITY = _spec(power_entity, Text(zh="电力领域新型经营主体：分类、许可豁免、参与门槛、聚合与结算", en="New-type power market entities: class, licence exemption, threshold, aggregation and settlement"),
                     ("power_market_new_entity",), "power_market_new_entity.yaml")

GREEN_CERTIFICATE = _spec(green_certificate, Text(zh="绿证与自愿减排（CCER）衔接：选择与不重复获益", en="Green certificates and CCER: the choice and no double benefit"),
                          ("green_certificate_project",), "green_certificate_ccer.yaml")

ENERGY_SAVING_RULES = _spec(energy_saving_rules, Text(zh="节能降碳行动方案：项目级规则", en="Energy-saving and carbon action plan: project-level rules"),
                            ("energy_saving_project", "power_demand_response_region", "building_energy_project"), "energy_saving_project_rules.yaml")

ENERGY_SAVING_TARGETS = _spec(energy_saving_targets, Text(zh="节能降碳行动方案：目标指标核查", en="Energy-saving and carbon action plan: target indicator checks"),
                              ("energy_indicator_report",), "energy_saving_targets.yaml")
COAL_CLEAN_USE = _spec(coal_clean_use, Text(zh="煤炭清洁高效利用：用煤项目审批、热电联产半径内关停、能效水平", en="Clean and efficient coal use: project approval, closures near CHP plants, efficiency levels"),
                       ("coal_clean_use_project",), "coal_clean_use.yaml")
CARBON_FOOTPRINT = _spec(carbon_footprint, Text(zh="产品碳足迹标识认证试点：申报条件", en="Product carbon-footprint label pilot: application conditions"),
                         ("carbon_footprint_pilot_application",), "carbon_footprint_label_pilot.yaml")
CARBON_DUAL_CONTROL = _spec(carbon_dual_control, Text(zh="碳排放双控制度：制度、约束性指标、碳预算与碳达峰", en="Carbon dual control: regime, binding indicator, budgets and the peak"),
                            ("carbon_dual_control_status",), "carbon_dual_control_regime.yaml")
EFFICIENCY_GRADES = _spec(efficiency_grades, Text(zh="节能标准能效等级指标（前5%、前20%、前80%）", en="Efficiency standard grades (best 5%, 20%, 80%)"),
                          ("efficiency_standard_survey",), "efficiency_standard_grades.yaml")
FOOTPRINT_PRIORITY = _spec(footprint_priority, Text(zh="产品碳足迹核算规则的重点产品", en="Priority products for carbon-footprint accounting standards"),
                           ("carbon_footprint_products",), "footprint_priority_products.yaml")

HEAT_TARIFF = _spec(heat_tariff, Text(zh="两部制热价：基本热费与计量热费", en="Two-part heat tariff: basic and metered heat charges"),
                    ("heat_bill",), "two_part_heat_tariff.yaml")
GREEN_PROCUREMENT = _spec(green_procurement, Text(zh="政府采购工程采购绿色建材", en="Government-procured works buy green building materials"),
                          ("green_materials_procurement",), "green_materials_procurement.yaml")
ENERGY_ACCOUNTING = _spec(energy_accounting, Text(zh="原料用能和非化石能源不纳入能源消耗总量和强度控制", en="Feedstock and non-fossil energy left out of energy total and intensity control"),
                          ("energy_consumption_account",), "energy_accounting_exclusions.yaml")

plugin = RulesPlugin(
    name=NAME,
    distribution=DISTRIBUTION,
    fallback_version=__version__, sections=facts.SECTIONS,
    policies=[
        (CARBON_DUTIES, carbon_duties),
        (CARBON_PENALTIES, carbon_penalties),
        (ENERGY_SAVING_RULES, energy_saving_rules),
        (ENERGY_SAVING_TARGETS, energy_saving_targets),
        (POWER_ENTITY, power_entity),
        (GREEN_CERTIFICATE, green_certificate),
        (COAL_CLEAN_USE, coal_clean_use),
        (CARBON_FOOTPRINT, carbon_footprint),
        (CARBON_DUAL_CONTROL, carbon_dual_control),
        (EFFICIENCY_GRADES, efficiency_grades),
        (FOOTPRINT_PRIORITY, footprint_priority),
        (HEAT_TARIFF, heat_tariff),
        (GREEN_PROCUREMENT, green_procurement),
        (ENERGY_ACCOUNTING, energy_accounting),
    ],
)
POLICIES = plugin.specs
