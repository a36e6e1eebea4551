"""The competition plugin: its policies, declared as data over their rule modules."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import PolicySpec, RulesPlugin, load_parameters

from . import __version__, complaint_handling, facts, fair_competition_review, fines, merger_filing

PKG = "zhengce_competition"

MERGER_FILING = PolicySpec(
    id=merger_filing.POLICY_ID,
    title=Text(zh="经营者集中申报标准", en="Merger control: filing thresholds for concentrations"),
    facts=("concentration_of_undertakings",),
    parameters=load_parameters(PKG, "parameters/merger_filing_thresholds.yaml"),
)

FAIR_COMPETITION_REVIEW = PolicySpec(
    id=fair_competition_review.POLICY_ID,
    title=Text(zh="政策措施公平竞争审查", en="Fair-competition review of a draft policy measure"),
    facts=("fair_competition_measure",),
    parameters=load_parameters(PKG, "parameters/fair_competition_review.yaml"),
)

COMPLAINT_HANDLING = PolicySpec(
    id=complaint_handling.POLICY_ID,
    title=Text(zh="公平竞争审查举报处理", en="Handling of a fair-competition review complaint"),
    facts=("fair_competition_complaint",),
    parameters=load_parameters(PKG, "parameters/fair_competition_complaint_handling.yaml"),
)

FINES = PolicySpec(
    id=fines.POLICY_ID,
    title=Text(zh="罚款设定与实施的规范", en="Limits on setting and imposing fines"),
    facts=("fine_provision", "fine_decision"),
    parameters=load_parameters(PKG, "parameters/fine_provision_validator.yaml"),
)

POLICIES = (MERGER_FILING, FAIR_COMPETITION_REVIEW, COMPLAINT_HANDLING, FINES)

plugin = RulesPlugin(
    name="competition",
    distribution="zhengce-competition",
    fallback_version=__version__,
    sections=facts.SECTIONS,
    policies=[(MERGER_FILING, merger_filing), (FAIR_COMPETITION_REVIEW, fair_competition_review),
              (COMPLAINT_HANDLING, complaint_handling), (FINES, fines)],
)
