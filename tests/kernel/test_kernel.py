"""Kernel behaviour: registration, routing, stamping, isolation, order independence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from zhengce.contracts import Case, CaseValidationError, Status
from zhengce.kernel import Kernel, PluginLoadError, PolicyEvaluationError, hookimpl
from zhengce_tradein.plugin import plugin as tradein

ENTERPRISE_CASE = {"enterprise": {"name": "某公司"}}
D = date(2024, 9, 1)


def test_results_are_stamped_with_policy_plugin_distribution_and_version(fake):
    record = Kernel([fake("alpha")]).evaluate(ENTERPRISE_CASE, as_of=D)
    (result,) = record.results
    assert (result.policy_id, result.plugin, result.distribution, result.version) == ("alpha.flat", "alpha", "zhengce-alpha", "9.9.9")
    assert result.status is Status.APPLIES
    assert result.evaluation.amount("amount") == Decimal(1)
    assert record.as_of == D and record.known_at == D
    assert [p.name for p in record.plugins] == ["alpha"]


def test_known_at_defaults_to_as_of_and_can_differ(fake):
    k = Kernel([fake("alpha")])
    assert k.evaluate(ENTERPRISE_CASE, as_of=D).known_at == D
    assert k.evaluate(ENTERPRISE_CASE, as_of=D, known_at=date(2025, 1, 1)).known_at == date(2025, 1, 1)


def test_reversing_registration_order_changes_nothing(fake):
    plugins = [fake("alpha", amount="1"), fake("beta", amount="2"), tradein]
    case = {**ENTERPRISE_CASE, "old_vehicle": {"fuel": "gasoline", "registration_date": "2010-01-01"}}
    a = Kernel(plugins).evaluate(case, as_of=D)
    b = Kernel(list(reversed(plugins))).evaluate(case, as_of=D)
    assert a == b
    assert [r.policy_id for r in a.results] == sorted(r.policy_id for r in a.results)


def test_a_case_reaches_only_policies_whose_facts_it_carries(fake):
    enterprise_only = fake("alpha", (("e", ("enterprise",)),))
    vehicle_only = fake("beta", (("v", ("old_vehicle",)),))
    record = Kernel([enterprise_only, vehicle_only]).evaluate(ENTERPRISE_CASE, as_of=D)
    assert [r.policy_id for r in record.results] == ["alpha.e"]
    assert vehicle_only.calls == []


def test_fifty_idle_plugins_are_never_called(fake):
    idle = [fake(f"idle{i:02d}", (("p", ("new_vehicle",)),)) for i in range(50)]
    kernel = Kernel([fake("alpha"), *idle])
    assert len(kernel.plugins) == 51
    kernel.evaluate(ENTERPRISE_CASE, as_of=D)
    assert all(p.calls == [] for p in idle)


def test_a_raising_plugin_becomes_an_error_result_and_others_complete(fake):
    good, bad = fake("alpha"), fake("beta", raises=RuntimeError("boom"))
    record = Kernel([good, bad]).evaluate(ENTERPRISE_CASE, as_of=D)
    by_id = {r.policy_id: r for r in record.results}
    assert by_id["alpha.flat"].status is Status.APPLIES
    err = by_id["beta.flat"]
    assert err.status is Status.ERROR
    assert (err.error.plugin, err.error.policy_id, err.error.hook, err.error.exception, err.error.message) == (
        "beta", "beta.flat", "applies_to", "RuntimeError", "boom")


def test_strict_mode_raises_instead(fake):
    with pytest.raises(PolicyEvaluationError, match="beta.flat.*boom"):
        Kernel([fake("beta", raises=RuntimeError("boom"))], strict=True).evaluate(ENTERPRISE_CASE, as_of=D)


def test_a_plugin_returning_garbage_is_an_error(fake):
    class Garbage:
        @hookimpl
        def declare_policies(self):
            return fake("garbage").declare_policies()

        @hookimpl
        def applies_to(self, policy, case, context):
            return "yes"

    kernel = Kernel([], entry_points=False)
    kernel.register(Garbage(), name="garbage")
    record = kernel.evaluate(ENTERPRISE_CASE, as_of=D)
    assert record.results[0].status is Status.ERROR
    assert "not Applicability" in record.results[0].error.message


def test_a_policy_reading_a_section_no_plugin_owns_is_refused_alone(fake):
    bad_section = fake("beta", (("x", ("no_such_section",)), ("ok", ("enterprise",))))
    kernel = Kernel([bad_section, fake("gamma")])
    assert [r.spec.id for r in kernel.policies] == ["beta.ok", "gamma.flat"]
    assert kernel.problems[0].plugin == "beta"
    assert kernel.problems[0].message == "policy beta.x refused: no installed plugin owns section 'no_such_section'"
    with pytest.raises(PluginLoadError):
        Kernel([fake("beta", (("x", ("no_such_section",)),))], strict=True)


def test_a_plugin_failing_to_declare_itself_fails_alone(fake):
    class Broken(fake):
        @hookimpl
        def declare_policies(self):
            raise ImportError("missing parameter file")

    kernel = Kernel([Broken("beta"), fake("gamma")])
    assert [p.name for p in kernel.plugins] == ["gamma"]
    assert "missing parameter file" in kernel.problems[0].message


def test_policy_ids_must_carry_the_plugin_name(fake):
    kernel = Kernel([], entry_points=False)
    assert kernel.register(fake("alpha"), name="other") is None
    assert "does not start with the plugin name 'other'" in kernel.problems[0].message


def test_a_policy_declared_twice_is_refused(fake):
    kernel = Kernel([fake("alpha", (("p", ("enterprise",)), ("p", ("enterprise",))))])
    assert kernel.plugins == () and "declared twice" in kernel.problems[0].message


def test_two_plugins_claiming_one_name_are_both_refused(fake):
    for order in (1, -1):
        kernel = Kernel([fake("alpha", amount="1"), fake("alpha", amount="2")][::order])
        assert kernel.plugins == () and kernel.policies == ()
        assert "none owns it alone: all refused" in kernel.problems[0].message


def test_blocked_plugins_are_not_loaded(fake):
    kernel = Kernel([fake("alpha"), fake("beta")], block=["beta"])
    assert [p.name for p in kernel.plugins] == ["alpha"]


def test_entry_points_are_discovered_and_blockable():
    assert "tradein" in [p.name for p in Kernel().plugins]
    assert "tradein" not in [p.name for p in Kernel(block=["tradein"]).plugins]
    ref = next(p for p in Kernel().plugins if p.name == "tradein")
    assert ref.distribution == "zhengce-tradein" and ref.version


def test_unregister_removes_policies(fake):
    kernel = Kernel([fake("alpha")])
    kernel.unregister("alpha")
    assert kernel.policies == () and kernel.evaluate(ENTERPRISE_CASE, as_of=D).results == ()


def test_invalid_input_raises_one_error_with_every_problem():
    with pytest.raises(CaseValidationError) as info:
        Kernel([tradein]).evaluate({"old_vehicle": {"registration_date": "2024-13-01", "fuel": "coal"}, "x": 1})
    assert [p.path for p in info.value.problems] == ["old_vehicle.fuel", "old_vehicle.registration_date", "x"]


def test_a_case_with_no_routable_facts_yields_no_results(fake):
    assert Kernel([fake("alpha")]).evaluate(Case(), as_of=D).results == ()


def test_cannot_tell_lists_missing_paths():
    record = Kernel([tradein]).evaluate({"old_vehicle": {"fuel": "gasoline"}}, as_of=D)
    (result,) = record.results
    assert result.status is Status.CANNOT_TELL
    assert "old_vehicle.registration_date" in result.missing
    assert "scrappage_application.submitted_on" in result.missing


def test_policy_not_in_force_as_of_is_not_applied():
    record = Kernel([tradein]).evaluate({"old_vehicle": {"fuel": "gasoline"}}, as_of=date(2024, 4, 23))
    assert record.results[0].status is Status.DOES_NOT_APPLY
    assert record.results[0].applicability.steps[0].id == "in_force"


def test_documents_known_are_listed_by_knowledge_day():
    case = {"old_vehicle": {"fuel": "gasoline"}}
    before = Kernel([tradein]).evaluate(case, as_of=date(2024, 8, 14)).results[0]
    after = Kernel([tradein]).evaluate(case, as_of=date(2024, 8, 15)).results[0]
    assert [d.document for d in before.documents] == ["商消费函〔2024〕75号"]
    assert [d.document for d in after.documents] == ["商消费函〔2024〕75号", "商消费函〔2024〕392号"]


def test_explain_falls_back_to_the_default_and_survives_errors(fake):
    kernel = Kernel([fake("alpha"), fake("beta", raises=ValueError("bad"))])
    record = kernel.evaluate(ENTERPRISE_CASE, as_of=D)
    for r in record.results:
        for lang in ("zh", "en"):
            exp = kernel.explain(r, lang)
            assert exp.policy_id == r.policy_id and exp.lang == lang and exp.summary
    err = kernel.explain(record.result("beta.flat"), "en")
    assert "ValueError: bad" in err.lines[-1].text
    with pytest.raises(ValueError):
        kernel.explain(record.results[0], "fr")


def test_a_plugin_explanation_is_used_when_given(explaining):
    kernel = Kernel([explaining("alpha", amount="7")])
    result = kernel.evaluate(ENTERPRISE_CASE, as_of=D).results[0]
    assert kernel.explain(result, "en").summary == "en:7"
    assert kernel.explain(result, "zh").summary == "zh:7"


def test_rules_plugin_dispatches_to_rule_modules_by_policy_id():
    import types

    from zhengce.contracts import Applicability, Evaluation, Text
    from zhengce.kernel import PolicySpec, RulesPlugin

    rule = types.ModuleType("rule")
    rule.POLICY_ID = "mini.rule"
    rule.applies_to = lambda case, params, ctx: Applicability(status=Status.APPLIES)
    rule.evaluate = lambda case, params, ctx: Evaluation()
    spec = PolicySpec(id="mini.rule", title=Text(zh="规则", en="rule"), facts=("enterprise",))
    plugin = RulesPlugin(name="mini", distribution="zhengce-mini", fallback_version="0.0.1", policies=[(spec, rule)])
    kernel = Kernel([plugin])
    assert [(p.name, p.version) for p in kernel.plugins] == [("mini", "0.0.1")]
    result = kernel.evaluate(ENTERPRISE_CASE, as_of=D).results[0]
    assert result.status is Status.APPLIES
    assert kernel.explain(result, "en").title == "rule"  # no explain in the module: the kernel's default
    with pytest.raises(ValueError, match="POLICY_ID"):
        RulesPlugin(name="mini", distribution="d", fallback_version="0", policies=[(attrs.evolve(spec, id="mini.other"), rule)])


def test_yaml_runner_asserts_absence_with_null(fake):
    from zhengce.kernel.testing import YamlCase, check_yaml_case

    kernel = Kernel([fake("alpha", amount="3")])
    base = dict(file="f", name="n", policy="alpha.flat", as_of=D, known_at=None, case=ENTERPRISE_CASE)
    ok = YamlCase(**base, expect={"status": "applies", "amounts": {"amount": "3", "other": None},
                                  "findings": {"x": None}, "ranges": {"r": None}, "dates": {"d": None}})
    assert check_yaml_case(kernel, ok)[1] == []
    bad = YamlCase(**base, expect={"amounts": {"amount": None}, "findings": {"x": "met"}})
    assert check_yaml_case(kernel, bad)[1] == ["amount amount: expected none, got 3", "finding x: expected met, got None"]
