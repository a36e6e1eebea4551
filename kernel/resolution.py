"""The resolution stage: after every policy of a case is evaluated, decide the package granted.

It reads the results and the relations the policies declare (plain data on ``PolicySpec``) and
returns a :class:`~zhengce.contracts.Resolution`: which results stand, which are excluded and why
(cited), the amounts granted after caps, and the totals by payer.  The rules, in this order:

1. a result stands when it ``applies`` and its own window (if any) is open;
2. ``local_window``: a closed local window takes the national result out, where the local policy applies;
3. ``not_again``: a case already supported under the programme is not granted again;
4. ``within_bounds``: a local amount outside the national floor or cap does not stand;
5. ``top_up``: a top-up stands only while what it tops up stands;
6. ``exclusive``: of mutually exclusive standing results one is granted (the election, else the most
   favourable: the largest granted CNY total, ties by policy id);
7. ``combined_cap``: the group's granted total is cut to the cap, from the last policy in id order.

Nothing depends on registration order: policies are visited in id order, groups in the order of
their declaring policy's id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from zhengce.contracts import Amount, Case, Citation, Grant, Outcome, PolicyResult, Resolution, Status, Step, Text, WindowState

from .construct import maker
from .parameters import ParameterValue
from .policy import CombinedCap, ExclusiveWith, LocalWindow, NotAgain, PolicySpec, TopUp, WithinBounds
from .rules import fact


def _cite(value: object) -> Citation | None:
    if isinstance(value, ParameterValue):
        return value.citation
    return value if isinstance(value, Citation) else None


def _granted(result: PolicyResult, spec: PolicySpec | None) -> tuple[Amount, ...]:
    """The amounts a standing result grants: CNY amounts with a payer, or, when the policy names
    no payer at all, none (a duty, a fine or a tax is not a grant)."""
    ev = result.evaluation
    if ev is None:
        return ()
    return tuple(a for a in ev.amounts if a.payer is not None and a.unit == "CNY")


def _sum(amounts: Iterable[Amount]) -> Decimal:
    return sum((a.value for a in amounts), Decimal(0))


def resolve(results: Iterable[PolicyResult], specs: Mapping[str, PolicySpec], case: Case, order: tuple[str, ...]) -> Resolution:
    """The package granted for one case (see the module docstring for the rules)."""
    by_id = {r.policy_id: r for r in results}
    pids = sorted(by_id)
    applying = [pid for pid in pids if by_id[pid].status is _APPLIES]
    if not applying:  # nothing applies, so nothing stands and no relation acts: the usual screening answer
        grants = tuple([_NOT_STANDING.get(pid) or _not_standing(pid) for pid in pids])
        return _resolution(grants, (), (), order)
    stands: dict[str, bool] = dict.fromkeys(pids, False)
    amounts: dict[str, tuple[Amount, ...]] = dict.fromkeys(pids, ())
    why: dict[str, tuple[Text, Citation | None, str]] = {}
    steps: list[Step] = []

    def exclude(pid: str, reason: Text, cite: Citation | None, kind: str) -> None:
        if stands.get(pid):
            stands[pid] = False
            why[pid] = (reason, cite, kind)
            steps.append(Step(id=f"{kind}:{pid}", label=reason, outcome=Outcome.NOT_MET, citation=cite))

    for pid in applying:
        r = by_id[pid]
        stands[pid] = True
        amounts[pid] = _granted(r, specs.get(pid))
        if r.window is not None and r.window.state is not WindowState.OPEN:
            stands[pid] = True
            closed = r.window.state is WindowState.CLOSED
            exclude(pid, Text(zh=f"符合条件，但申请期已于 {r.window.closes} 截止" if closed else f"符合条件，申请期自 {r.window.opens} 开始",
                              en=f"Qualifies, but the application window closed on {r.window.closes}" if closed
                              else f"Qualifies; the application window opens on {r.window.opens}"),
                    r.window.citation, "window")

    relations = [(pid, rel) for pid in sorted(specs) if pid in by_id for rel in specs[pid].relations]
    for pid, rel in relations:  # 2. local windows
        if isinstance(rel, LocalWindow) and by_id[pid].status is Status.APPLIES:
            w = by_id[pid].window
            if w is not None and w.state is not WindowState.OPEN and rel.of in stands:
                exclude(rel.of, Text(zh=f"本地申请期（{pid}）已于 {w.closes} 截止" if w.state is WindowState.CLOSED else f"本地申请期（{pid}）自 {w.opens} 开始",
                                     en=f"The local application window ({pid}) closed on {w.closes}" if w.state is WindowState.CLOSED
                                     else f"The local application window ({pid}) opens on {w.opens}"), w.citation, "local_window")
    for pid, rel in relations:  # 3. not again
        if isinstance(rel, NotAgain) and fact(case, rel.fact) is True:
            exclude(pid, Text(zh=f"已获{rel.programme}支持，不再重复支持（{rel.fact} = true）",
                              en=f"Already supported under {rel.programme}; not supported again ({rel.fact} = true)"),
                    _cite(rel.cite), "not_again")
    for pid, rel in relations:  # 4. local values within national bounds
        if isinstance(rel, WithinBounds) and stands.get(pid) and rel.of in by_id:
            local = _amount(by_id[pid], rel.amount)
            bound = _amount(by_id[rel.of], rel.bound)
            if local is None or bound is None:
                continue
            floor = rel.side == "floor"
            ok = local.value >= bound.value if floor else local.value <= bound.value
            word = (("不低于", "at least") if floor else ("不高于", "at most"))
            label = Text(zh=f"{pid} 的 {rel.amount} {local.value} {word[0]} {rel.of} 的 {rel.bound} {bound.value}",
                         en=f"{pid}'s {rel.amount} {local.value} is {word[1]} {rel.of}'s {rel.bound} {bound.value}")
            cite = _step_citation(by_id[rel.of], rel.bound)
            if ok:
                steps.append(Step(id=f"within_bounds:{pid}", label=label, outcome=Outcome.MET, citation=cite))
            else:
                exclude(pid, Text(zh="违反国家界限：" + label.zh.replace(word[0], "低于" if floor else "高于"),
                                  en="Outside the national bound: " + label.en.replace(word[1], "not " + word[1])),
                        cite, "within_bounds")
    for pid, rel in relations:  # 5. top-ups follow what they top up
        if isinstance(rel, TopUp) and stands.get(pid) and not stands.get(rel.of, False):
            exclude(pid, Text(zh=f"所加码的 {rel.of} 未获批，加码不予发放", en=f"What it tops up, {rel.of}, is not granted; no top-up"),
                    None, "top_up")
    for pid, rel in relations:  # 6. exclusive groups
        if isinstance(rel, ExclusiveWith):
            standing = [q for q in sorted(rel.policies) if stands.get(q)]
            if len(standing) < 2:
                continue
            elected = fact(case, rel.election) if rel.election else None
            if elected in standing:
                keep, how = elected, Text(zh=f"申请人选择 {elected}", en=f"the applicant elected {elected}")
            else:
                keep = max(standing, key=lambda q: (_sum(amounts[q]), [-ord(c) for c in q]))
                how = Text(zh=f"就高不就低：{keep} 金额最高（{_sum(amounts[keep])} 元）",
                           en=f"the most favourable: {keep} grants the most (CNY {_sum(amounts[keep])})")
            for q in standing:
                if q != keep:
                    exclude(q, Text(zh=f"与 {keep} 不得重复享受：{how.zh}", en=f"Not cumulable with {keep}: {how.en}"),
                            _cite(rel.cite), "exclusive")
    for pid, rel in relations:  # 7. combined caps
        if isinstance(rel, CombinedCap):
            cap = rel.cap.value if isinstance(rel.cap, ParameterValue) else Decimal(rel.cap)
            group = [q for q in sorted(rel.policies) if stands.get(q)]
            excess = sum((_sum(amounts[q]) for q in group), Decimal(0)) - cap
            for q in reversed(group):
                if excess <= 0:
                    break
                cut, kept = excess, []
                for a in reversed(amounts[q]):
                    take = min(a.value, cut)
                    cut -= take
                    kept.insert(0, Amount(name=a.name, value=a.value - take, unit=a.unit, label=a.label, payer=a.payer))
                excess -= _sum(amounts[q]) - _sum(kept)
                amounts[q] = tuple(kept)
                steps.append(Step(id=f"combined_cap:{q}", outcome=Outcome.COMPUTED, citation=_cite(rel.cap),
                                  label=Text(zh=f"{', '.join(group)} 合计不超过 {cap} 元：{q} 核减后 {_sum(kept)} 元",
                                             en=f"{', '.join(group)} together at most CNY {cap}: {q} cut to CNY {_sum(kept)}")))

    grants = []
    totals: dict[str, Decimal] = {}
    for pid in pids:
        if stands[pid]:
            grants.append(_grant(pid, True, amounts[pid], None, None, None))
            for a in amounts[pid]:
                totals[a.payer] = totals.get(a.payer, Decimal(0)) + a.value
        elif pid in why:
            reason, cite, kind = why[pid]
            grants.append(_grant(pid, False, (), reason, cite, kind))
        else:
            grants.append(_NOT_STANDING.get(pid) or _not_standing(pid))
    total_amounts = tuple(Amount(name=payer, value=v, payer=payer, label=PAYERS.get(payer)) for payer, v in sorted(totals.items()))
    return _resolution(tuple(grants), total_amounts, tuple(steps), order)


_APPLIES = Status.APPLIES
_resolution = maker(Resolution)  # Resolution by position: grants, totals, steps, order
_grant = maker(Grant)  # Grant by position: policy_id, stands, amounts, reason, citation, relation
_NOT_STANDING: dict[str, Grant] = {}  # the grant of a result that does not stand, for no reason: one per policy


def _not_standing(pid: str) -> Grant:
    if len(_NOT_STANDING) >= 100_000:
        _NOT_STANDING.clear()
    found = _NOT_STANDING[pid] = _grant(pid, False, (), None, None, None)
    return found


PAYERS = {
    "central": Text(zh="中央财政", en="central government"),
    "provincial": Text(zh="省级财政", en="provincial government"),
    "municipal": Text(zh="市级财政", en="municipal government"),
    "county": Text(zh="县级财政", en="county government"),
    "local": Text(zh="地方财政", en="local government"),
}


def _amount(result: PolicyResult, name: str) -> Amount | None:
    ev = result.evaluation
    return next((a for a in ev.amounts if a.name == name), None) if ev else None


def _step_citation(result: PolicyResult, name: str) -> Citation | None:
    ev = result.evaluation
    step = next((s for s in ev.steps if s.id == name), None) if ev else None
    return step.citation if step else None
