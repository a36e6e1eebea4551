"""Policies that build on one another: dependency order, jurisdictions, time, windows, stacking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.contracts import Amount, Applicability, Evaluation, Outcome, Status, Text
from zhengce.kernel import (
    CombinedCap, ExclusiveWith, Jurisdiction, Kernel, NotAgain, PluginInfo, PolicySpec, TopUp, hookimpl,
)
from zhengce_tradein.plugin import plugin as tradein

D = date(2024, 9, 1)
CASE = {"enterprise": {"name": "x", "province": "广东省"}}


class Layered:
    """A plugin whose policies each grant ``amounts[id]`` (payer by level) and declare what they are given."""

    def __init__(self, name, specs, amounts=None, raises=()):
        self.name, self.specs, self.amounts, self.raises = name, specs, amounts or {}, set(raises)
        self.seen: dict[str, object] = {}

    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name=self.name, distribution=f"zhengce-{self.name}", version="1.0")

    @hookimpl
    def declare_policies(self):
        return self.specs

    @hookimpl
    def applies_to(self, policy, case, context):
        if policy.id in self.raises:
            raise RuntimeError("boom")
        self.seen[policy.id] = {dep: context.result(dep) for dep in policy.reads}
        return Applicability(status=Status.APPLIES)

    @hookimpl
    def evaluate(self, policy, case, context, applicability):
        payer = "central" if policy.jurisdiction.level == "national" else policy.jurisdiction.level
        value = Decimal(self.amounts.get(policy.id, "100"))
        return Evaluation(amounts=(Amount(name="grant", value=value, payer=payer),))


def spec(pid, **kw):
    return PolicySpec(id=pid, title=Text(zh=pid, en=pid), facts=("enterprise",), **kw)


GD = Jurisdiction(level="provincial", regions=("440000",), placed_by=("enterprise.province",))


def test_dependencies_are_evaluated_first_and_handed_over():
    plugin = Layered("aa", [spec("aa.z_national"), spec("aa.a_top_up", reads=("aa.z_national",), jurisdiction=GD,
                                                         relations=(TopUp(of="aa.z_national"),))])
    record = Kernel([plugin]).evaluate(CASE, as_of=D)
    assert record.resolution.order == ("aa.z_national", "aa.a_top_up")
    assert plugin.seen["aa.a_top_up"]["aa.z_national"].status is Status.APPLIES
    assert [r.policy_id for r in record.results] == ["aa.a_top_up", "aa.z_national"]  # reported by id
    assert record.resolution.total("central") == 100 and record.resolution.total("provincial") == 100


@pytest.mark.parametrize("why", ["missing", "failing"])
def test_a_missing_or_failing_dependency_makes_the_dependant_say_so(why):
    specs = [spec("aa.top_up", reads=("aa.national",))] + ([spec("aa.national")] if why == "failing" else [])
    kernel = Kernel([Layered("aa", specs, raises={"aa.national"})])
    result = kernel.evaluate(CASE, as_of=D).result("aa.top_up")
    assert result.status is Status.CANNOT_TELL
    step = result.applicability.steps[0]
    assert step.outcome is Outcome.DEPENDENCY and "aa.national" in step.label.en


def test_a_blocked_dependency_is_named():
    national = Layered("nat", [spec("nat.subsidy")])
    local = Layered("loc", [spec("loc.top_up", reads=("nat.subsidy",))])
    result = Kernel([national, local], block=["nat"]).evaluate(CASE, as_of=D).result("loc.top_up")
    assert result.status is Status.CANNOT_TELL and "plugin 'nat' is blocked" in result.applicability.steps[0].label.en


def test_a_dependency_cycle_is_refused_at_registration():
    kernel = Kernel([Layered("aa", [spec("aa.x", reads=("aa.y",)), spec("aa.y", reads=("aa.x",)), spec("aa.z")])])
    assert [r.spec.id for r in kernel.policies] == ["aa.z"]
    assert all("form a cycle" in p.message for p in kernel.problems)


def test_a_case_outside_the_jurisdiction_is_told_so():
    kernel = Kernel([Layered("aa", [spec("aa.local", jurisdiction=GD)])])
    outside = kernel.evaluate({"enterprise": {"province": "四川省"}}, as_of=D).result("aa.local")
    assert outside.status is Status.DOES_NOT_APPLY
    assert outside.applicability.steps[0].outcome is Outcome.OUTSIDE_JURISDICTION
    unplaced = kernel.evaluate({"enterprise": {"name": "x"}}, as_of=D).result("aa.local")
    assert unplaced.status is Status.CANNOT_TELL and unplaced.missing == ("enterprise.province",)
    assert kernel.evaluate({"enterprise": {"province": "440300"}}, as_of=D).result("aa.local").status is Status.APPLIES


def exclusive(amounts, election=None):
    group = ("aa.one", "aa.two")
    specs = [spec("aa.one", relations=(ExclusiveWith(policies=group, election="enterprise.name" if election else None),)),
             spec("aa.two")]
    case = {"enterprise": {"name": election}} if election else CASE
    return Kernel([Layered("aa", specs, amounts)]).evaluate(case, as_of=D).resolution


def test_an_exclusion_picks_the_most_favourable_and_says_why():
    res = exclusive({"aa.one": "100", "aa.two": "300"})
    assert [g.policy_id for g in res.grants if g.stands] == ["aa.two"]
    lost = res.grant("aa.one")
    assert lost.relation == "exclusive" and "the most favourable: aa.two" in lost.reason.en and "就高不就低" in lost.reason.zh


def test_an_election_given_as_a_fact_is_honoured():
    res = exclusive({"aa.one": "100", "aa.two": "300"}, election="aa.one")
    assert [g.policy_id for g in res.grants if g.stands] == ["aa.one"]
    assert "elected aa.one" in res.grant("aa.two").reason.en


def test_not_again_and_a_combined_cap():
    specs = [spec("aa.a", relations=(NotAgain(programme="prog", fact="enterprise.name"),)), spec("aa.b"), spec("aa.c"),
             spec("aa.cap", relations=(CombinedCap(policies=("aa.b", "aa.c"), cap=Decimal("150")),))]
    kernel = Kernel([Layered("aa", specs, {"aa.b": "100", "aa.c": "100", "aa.cap": "0"})])
    res = kernel.evaluate({"enterprise": {"name": "x"}}, as_of=D).resolution
    assert res.grant("aa.a").stands  # the fact is not True
    assert sum(a.value for a in res.grant("aa.b").amounts) == 100 and sum(a.value for a in res.grant("aa.c").amounts) == 50


def test_the_car_subsidy_expired_and_its_window():
    application = {"vehicle_class": "small_passenger", "fuel": "gasoline", "registration_date": "2010-01-01"}
    kernel = Kernel([tradein])
    late = kernel.evaluate({"old_vehicle": application}, as_of=date(2030, 1, 1)).result("tradein.car_scrappage_subsidy")
    step = late.applicability.steps[0]
    assert late.status is Status.DOES_NOT_APPLY and step.outcome is Outcome.EXPIRED and "2025-01-11" in step.label.en
    in_time = kernel.evaluate({"old_vehicle": application, "scrappage_application": {"submitted_on": "2024-06-25"}},
                              as_of=date(2030, 1, 1)).result("tradein.car_scrappage_subsidy")
    assert in_time.applicability.steps[0].outcome is not Outcome.EXPIRED
    assert in_time.window.state.value == "open" and in_time.window.closes == date(2025, 1, 10)


@settings(max_examples=60, deadline=None)
@given(amounts=st.lists(st.integers(0, 10_000), min_size=3, max_size=3), cap=st.integers(0, 30_000),
       reverse=st.booleans(), elect=st.sampled_from([None, "aa.p0", "aa.p1"]))
def test_resolution_invariants(amounts, cap, reverse, elect):
    ids = ("aa.p0", "aa.p1", "aa.p2")
    specs = [spec("aa.p0", relations=(ExclusiveWith(policies=("aa.p0", "aa.p1"), election="enterprise.name"),)),
             spec("aa.p1"), spec("aa.p2", relations=(CombinedCap(policies=ids, cap=Decimal(cap)),))]
    values = {pid: str(v) for pid, v in zip(ids, amounts)}
    plugins = [Layered("aa", specs[::-1] if reverse else specs, values)]
    record = Kernel(plugins).evaluate({"enterprise": {"name": elect}} if elect else CASE, as_of=D)
    res = record.resolution
    granted = sum(res.total(p) for p in ("central",))
    standing = sum(Decimal(values[g.policy_id]) for g in res.grants if g.stands)
    assert granted <= standing and granted <= cap
    assert sum(a.value for g in res.grants for a in g.amounts) == granted  # attribution adds up
    again = Kernel([Layered("aa", specs, values)]).evaluate({"enterprise": {"name": elect}} if elect else CASE, as_of=D)
    assert again.resolution == res  # registration order never decides
    without_p2 = Kernel([Layered("aa", [s for s in specs if s.id != "aa.p2"], values)]).evaluate(
        {"enterprise": {"name": elect}} if elect else CASE, as_of=D).resolution
    assert without_p2.total("central") <= sum(Decimal(values[p]) for p in ("aa.p0", "aa.p1"))
