"""Plugins own their fact sections: composition, ownership, clashes, dependencies, migrations, schema."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest

from zhengce.contracts import Applicability, CaseValidationError, Status, Text, day, money
from zhengce.kernel import FactSection, Kernel, PluginInfo, PolicySpec, hookimpl
from zhengce.kernel.cli import main as cli
from zhengce.kernel.testing import installed_distribution
from zhengce_tradein.plugin import plugin as tradein

THIRD_PARTY = Path(__file__).resolve().parents[1] / "third_party"
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.json"))
AS_OF = date(2024, 9, 1)
PILE_CASE = {
    "case_id": "gd-1",
    "new_vehicle": {"fuel": "nev", "vehicle_class": "small_passenger"},
    "gd_charging_pile": {"installed_on": "2024-06-01", "power_kw": "7", "on_own_parking_space": True},
}


@attrs.frozen(kw_only=True)
class Pile:
    """A fact class of a fake plugin."""

    installed_on: date | None = day()
    cost: Decimal | None = money()


class SectionPlugin:
    """A plugin declaring ``sections`` and one policy reading ``reads``."""

    def __init__(self, name, sections=("pile",), reads=None, *, distribution=None, requires=None):
        self.name, self.sections, self.reads = name, sections, tuple(reads or sections)
        self.distribution = distribution or f"zhengce-{name}"
        self.requires = requires or {}

    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name=self.name, distribution=self.distribution, version="1.0.0", requires=self.requires)

    @hookimpl
    def declare_sections(self):
        return [FactSection(name=s, type=Pile) for s in self.sections]

    @hookimpl
    def declare_policies(self):
        return [PolicySpec(id=f"{self.name}.p", title=Text(zh="p", en="p"), facts=self.reads)]

    @hookimpl
    def applies_to(self, policy, case, context):
        return Applicability(status=Status.APPLIES)


def state(kernel):
    """Everything registration decides, as plain data."""
    return ([r.spec.id for r in kernel.policies], [(p.plugin, p.message) for p in kernel.problems],
            {n: o.plugin for n, o in kernel.sections.items()}, kernel.plugins)


# --- a third party's plugin, registered through an entry point ------------------


@pytest.fixture
def gd_installed(tmp_path):
    with installed_distribution(tmp_path / "site", distribution="zhengce-gd-charging", version="0.1.0",
                                entry_points={"gd_charging": "zhengce_gd_charging.plugin:plugin"},
                                import_path=THIRD_PARTY):
        yield


def test_a_third_party_plugin_adds_a_section_and_reads_a_national_one(gd_installed):
    kernel = Kernel()
    assert not kernel.problems
    assert kernel.sections["gd_charging_pile"].plugin.distribution == "zhengce-gd-charging"
    result = kernel.evaluate(PILE_CASE, as_of=AS_OF).result("gd_charging.pile_top_up")
    assert result.status is Status.APPLIES and result.evaluation.amount("pile_subsidy") == Decimal("2000.00")
    assert (result.plugin, result.distribution, result.version) == ("gd_charging", "zhengce-gd-charging", "0.1.0")
    late = kernel.evaluate({**PILE_CASE, "gd_charging_pile": {"installed_on": "2025-01-01", "on_own_parking_space": True}},
                           as_of=AS_OF).result("gd_charging.pile_top_up")
    assert late.status is Status.DOES_NOT_APPLY


def test_the_third_party_section_is_validated_by_its_owners_class(gd_installed):
    with pytest.raises(CaseValidationError) as info:
        Kernel().load_case({"gd_charging_pile": {"installed_on": "2024-02-30", "power_kw": "-1", "colour": "red"}})
    problems = {p.path: p.message for p in info.value.problems}
    assert problems["gd_charging_pile.installed_on"] == "not a date: '2024-02-30'"
    assert problems["gd_charging_pile.power_kw"] == "a quantity of at least 0: -1 is below 0"
    assert problems["gd_charging_pile.colour"].startswith("unknown field of ChargingPile; its fields: installed_on")


def test_a_dependency_outside_its_range_refuses_the_policy(gd_installed):
    from zhengce_gd_charging.plugin import plugin as gd  # noqa: PLC0415 - the fixture's package

    assert not Kernel([tradein, gd]).problems
    assert Kernel([gd]).policies == ()  # without tradein, nothing owns new_vehicle
    wanting_3 = SectionPlugin("gd3", sections=(), reads=("new_vehicle",), requires={"zhengce-tradein": ">=3"})
    kernel = Kernel([tradein, wanting_3])
    assert "gd3.p" not in {r.spec.id for r in kernel.policies}
    from zhengce_tradein import __version__  # noqa: PLC0415

    assert f"belongs to zhengce-tradein {__version__}, outside the range '>=3'" in kernel.problems[0].message
    undeclared = Kernel([tradein, SectionPlugin("gd4", sections=(), reads=("new_vehicle",))])
    assert "which plugin 'gd4' does not declare in PluginInfo.requires" in undeclared.problems[0].message


def test_a_policy_whose_section_no_plugin_owns_is_refused():
    kernel = Kernel([SectionPlugin("gd", sections=(), reads=("old_vehicle",))])
    assert kernel.policies == ()
    assert kernel.problems[0].message == "policy gd.p refused: no installed plugin owns section 'old_vehicle'"


# --- one owner per name ------------------------------------------------------


def test_a_section_claimed_twice_is_refused_for_both_in_either_order():
    a, b = SectionPlugin("aaa"), SectionPlugin("bbb")
    first, second = Kernel([a, b]), Kernel([b, a])
    assert state(first) == state(second)
    assert "pile" not in first.sections and first.policies == ()
    assert ("aaa", "section 'pile' is claimed by plugins aaa, bbb: refused for all") in state(first)[1]
    with pytest.raises(CaseValidationError, match="unknown section: section 'pile' is claimed by plugins aaa, bbb"):
        first.load_case({"pile": {}})


def test_a_plugin_cannot_claim_a_core_section():
    kernel = Kernel([SectionPlugin("aaa", sections=("applicant",))])
    assert kernel.sections["applicant"].plugin is None
    assert "section 'applicant' is owned by the core" in kernel.problems[0].message


def impostor_module(tmp_path):
    """A package ``impostor_pkg`` whose plugin calls itself ``tradein``."""
    pkg = tmp_path / "src" / "impostor_pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(
        "from zhengce.contracts import Applicability, Status, Text\n"
        "from zhengce.kernel import PluginInfo, PolicySpec, hookimpl\n"
        "class Impostor:\n"
        "    @hookimpl\n"
        "    def declare_plugin(self):\n"
        "        return PluginInfo(name='tradein', distribution='zhengce-aaa', version='1.0')\n"
        "    @hookimpl\n"
        "    def declare_policies(self):\n"
        "        return [PolicySpec(id='tradein.car_scrappage_subsidy', title=Text(zh='x', en='x'), facts=('applicant',))]\n"
        "    @hookimpl\n"
        "    def applies_to(self, policy, case, context):\n"
        "        return Applicability(status=Status.DOES_NOT_APPLY)\n"
        "plugin = Impostor()\n", encoding="utf-8")
    return tmp_path / "src"


def test_an_impostor_entry_point_cannot_take_a_plugin_name(tmp_path, capsys):
    src = impostor_module(tmp_path)
    with installed_distribution(tmp_path / "site", distribution="zhengce-aaa", version="1.0",
                                entry_points={"tradein": "impostor_pkg:plugin"}, import_path=src):
        kernel = Kernel()
        assert next(p for p in kernel.plugins if p.name == "tradein").distribution == "zhengce-tradein"
        assert any("the claim of zhengce-aaa 1.0 is refused" in p.message for p in kernel.problems)
        record = kernel.evaluate(json.loads(EXAMPLES[2].read_text(encoding="utf-8")), as_of=AS_OF)
        assert record.result("tradein.car_scrappage_subsidy").distribution == "zhengce-tradein"
        assert cli(["evaluate", str(EXAMPLES[2]), "--as-of", "2024-09-01", "--format", "json"]) == 3
        assert cli(["evaluate", str(EXAMPLES[2]), "--as-of", "2024-09-01", "--allow-load-problems"]) == 0
    capsys.readouterr()


def test_an_impostor_registered_explicitly_is_refused_in_either_order(tmp_path):
    import sys

    sys.path.insert(0, str(impostor_module(tmp_path)))
    try:
        import impostor_pkg  # noqa: PLC0415

        first, second = Kernel([impostor_pkg.plugin, tradein]), Kernel([tradein, impostor_pkg.plugin])
    finally:
        sys.path.pop(0)
        sys.modules.pop("impostor_pkg", None)
    assert state(first) == state(second)
    assert [p.distribution for p in first.plugins] == ["zhengce-tradein"]


def test_two_claimants_neither_owning_the_name_are_both_refused():
    a = SectionPlugin("shared", distribution="zhengce-one")
    b = SectionPlugin("shared", sections=("other",), distribution="zhengce-two")
    assert state(Kernel([a, b])) == state(Kernel([b, a]))
    assert Kernel([a, b]).plugins == ()


# --- input messages ------------------------------------------------------------


def test_unknown_sections_and_fields_say_why():
    kernel = Kernel([tradein])
    with pytest.raises(CaseValidationError) as info:
        kernel.load_case({"old_vehicel": {}, "new_vehicle": {"registration_dat": "2020-01-01"}, "gd_charging_pile": {}})
    problems = {p.path: p.message for p in info.value.problems}
    assert problems["old_vehicel"].startswith("unknown section (did you mean 'old_vehicle'?); sections installed: case_id")
    assert "gd_charging_pile" not in problems["old_vehicel"] and "did you mean" not in problems["gd_charging_pile"]
    assert problems["new_vehicle.registration_dat"].startswith("unknown field of Vehicle (did you mean 'registration_date'?)")


def test_a_section_of_a_blocked_plugin_names_the_blocked_plugins():
    with pytest.raises(CaseValidationError) as info:
        Kernel([tradein], block=["tradein"]).load_case({"old_vehicle": {}})
    assert "blocked plugins, whose sections are not loaded: tradein" in info.value.problems[0].message


# --- versioned facts ---------------------------------------------------------------


OLD_NAMES = {
    "applicant": {"type": "individual_consumer"},
    "old_vehicle": {"vehicle_class": "small_passenger", "fuel": "new_energy", "registration_date": "2017-05-01",
                    "registered_to_applicant_on": "2017-05-01"},
    "new_vehicle": {"vehicle_class": "small_passenger", "fuel": "new_energy", "in_nev_catalogue": True,
                    "registered_to_applicant": True},
    "scrappage_application": {"submitted_on": "2024-06-25", "invoice_province": "广东省", "paid_amount": "10000",
                              "paid_on": "2024-07-01"},
}
NEW_NAMES = {
    **OLD_NAMES,
    "old_vehicle": {"vehicle_class": "small_passenger", "fuel": "nev", "registration_date": "2017-05-01",
                    "in_applicant_name_since": "2017-05-01"},
    "new_vehicle": {"vehicle_class": "small_passenger", "fuel": "nev", "in_nev_catalogue": True, "in_applicant_name": True},
    "scrappage_application": {"submitted_on": "2024-06-25", "invoice_province": "广东省", "subsidy_already_paid": "10000",
                              "subsidy_paid_on": "2024-07-01"},
}


def test_a_saved_case_with_old_field_names_loads_and_the_record_says_so():
    kernel = Kernel([tradein])
    old, new = kernel.evaluate(OLD_NAMES, as_of=AS_OF), kernel.evaluate(NEW_NAMES, as_of=AS_OF)
    assert old.results == new.results and new.input_notes == ()
    assert {(n.path, n.since) for n in old.input_notes} == {
        ("old_vehicle.registered_to_applicant_on", "tradein 2.0.0"), ("old_vehicle.fuel", "tradein 2.0.0"),
        ("new_vehicle.registered_to_applicant", "tradein 2.0.0"), ("new_vehicle.fuel", "tradein 2.0.0"),
        ("scrappage_application.paid_amount", "tradein 2.0.0"), ("scrappage_application.paid_on", "tradein 2.0.0")}
    assert "renamed to 'old_vehicle.in_applicant_name_since'" in {n.message for n in old.input_notes}


def test_a_field_given_under_both_names_is_ambiguous():
    with pytest.raises(CaseValidationError) as info:
        Kernel([tradein]).load_case({"old_vehicle": {"in_applicant_name_since": "2017-05-01",
                                                     "registered_to_applicant_on": "2018-01-01"}})
    assert [p.path for p in info.value.problems] == ["old_vehicle.registered_to_applicant_on"]


# --- the composed schema -------------------------------------------------------------


def test_the_schema_names_each_sections_owner_and_the_plugin_set(gd_installed):
    kernel = Kernel()
    schema = kernel.case_schema()
    assert schema["x-zhengce-plugin-set"]["id"] == kernel.plugin_set
    assert schema["properties"]["gd_charging_pile"]["x-zhengce-owner"]["distribution"] == "zhengce-gd-charging"
    assert schema["properties"]["old_vehicle"]["x-zhengce-owner"]["name"] == "tradein"
    assert "core" in schema["properties"]["applicant"]["x-zhengce-owner"]
    jsonschema.validate(PILE_CASE, schema)
    assert not jsonschema.Draft202012Validator(schema).is_valid({"gd_charging_pile": {"colour": 1}})
    assert kernel.plugin_set != Kernel([tradein]).plugin_set


def test_plugins_lists_each_plugins_sections(capsys):
    assert cli(["plugins", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    tradein_row = next(p for p in data["plugins"] if p["name"] == "tradein")
    assert "old_vehicle" in tradein_row["sections"] and data["shared_sections"] == ["applicant", "enterprise"]


def test_a_malformed_section_class_fails_the_plugin_alone():
    @attrs.define
    class Mutable:
        x: int

    class Bad(SectionPlugin):
        @hookimpl
        def declare_sections(self):
            return [FactSection(name="Bad-Name", type=Mutable)]

    kernel = Kernel([Bad("bad"), SectionPlugin("good")])
    assert [p.name for p in kernel.plugins] == ["good"]
    message = kernel.problems[0].message
    assert "not snake_case" in message and "is not frozen" in message and "fields without a default: x" in message
