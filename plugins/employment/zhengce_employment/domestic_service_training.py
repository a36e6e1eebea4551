"""家政服务业产教融合 — 发改社会〔2024〕1521号.

Two subjects, each a section: a domestic-service worker's training record at a 家政企业 (（五）:
pre-job training passed before starting work, at the minimum hours of the service category — an
input — and a refresher at least once every two years), and a year's results of the national
training programmes and specialty groups (（一）（七）: 巾帼家政 200,000 persons, trade unions
100,000 and 国开家政 300,000 / 30,000 / 10,000 person-times a year; a specialty group in every
province, two or more national ones).  Every item is a finding; the result names what is missed.
"""

from __future__ import annotations

from datetime import date

from zhengce.contracts import Applicability, Case, Evaluation, Explanation, FindingStatus, PolicyResult, Text
from zhengce.kernel import EvaluationContext, ParameterSet, load_parameters
from zhengce.kernel.rules import Calculation, Conditions, Lookup, finding_status

from ._common import T, add_years, explain as _explain

POLICY_ID = "employment.domestic_service_training"
PARAMETERS = load_parameters("zhengce_employment", "parameters/domestic_service_training.yaml")
W, P = "domestic_worker_training", "domestic_training_programmes"
TARGETS = (
    ("jinguo_persons", "programme.jinguo", "jinguo_persons_trained"),
    ("union_person_times", "programme.union", "union_person_times"),
    ("guokai_workers", "programme.guokai_workers", "guokai_worker_times"),
    ("guokai_trainers", "programme.guokai_trainers", "guokai_trainer_times"),
    ("guokai_managers", "programme.guokai_managers", "guokai_manager_times"),
)


def applies_to(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Applicability:
    p = Lookup(params, None, ctx.known_at)
    conds = Conditions(trace=ctx.trace)
    if case.domestic_worker_training is not None:
        conds.info("worker_scope", T("家政企业应建立岗前、在岗、转岗全链条全员培训制度", "A domestic-service firm trains every worker before and during work"),
                   facts={f"{W}.service_category": case.domestic_worker_training.service_category}, cite=p.criterion("worker.pre_job"))
    if case.domestic_training_programmes is not None:
        conds.info("programme_scope", T("家政培训品牌行动与专业群建设的年度目标", "The yearly targets of the training programmes and specialty groups"),
                   facts={f"{P}.year": case.domestic_training_programmes.year}, cite=p.criterion("programme.jinguo"))
    return conds.result()


def worker(calc: Calculation, sec, p: Lookup, as_of: date) -> None:
    rule = p.criterion("worker.pre_job")
    passed, started = sec.pre_job_training_passed_on, sec.started_work_on
    status = FindingStatus.UNKNOWN if passed is None or started is None else finding_status(passed <= started)
    if status is FindingStatus.UNKNOWN:
        calc.need(*[f"{W}.{n}" for n, v in (("pre_job_training_passed_on", passed), ("started_work_on", started)) if v is None])
    calc.finding("pre_job_training", status, p.params["worker.pre_job"].label, detail=p.reading("worker.pre_job"),
                 facts={f"{W}.pre_job_training_passed_on": passed, f"{W}.started_work_on": started}, cite=rule)
    hours, minimum = sec.pre_job_training_hours, sec.minimum_pre_job_hours
    status = FindingStatus.UNKNOWN if hours is None or minimum is None else finding_status(hours >= minimum)
    if status is FindingStatus.UNKNOWN:
        calc.need(*[f"{W}.{n}" for n, v in (("pre_job_training_hours", hours), ("minimum_pre_job_hours", minimum)) if v is None])
    calc.finding("pre_job_hours", status, p.params["worker.pre_job_hours"].label, detail=p.reading("worker.pre_job_hours"),
                 facts={f"{W}.pre_job_training_hours": hours, f"{W}.minimum_pre_job_hours": minimum}, cite=p.criterion("worker.pre_job_hours"))
    rule = p.criterion("worker.refresher_years")
    base = sec.last_refresher_on or started
    label = T(f"每 {rule.value} 年至少 1 次“回炉”培训", f"A refresher training at least once every {rule.value} years")
    if base is None:
        calc.need(f"{W}.started_work_on")
        calc.finding("refresher", FindingStatus.UNKNOWN, label, facts={f"{W}.last_refresher_on": None, f"{W}.started_work_on": None}, cite=rule)
        return
    due = calc.date("refresher_due", add_years(base, rule.value), T("下次“回炉”培训截止日（含当日）", "Next refresher due by (inclusive)"),
                    formula=f"{base} + {rule.value} years", facts={f"{W}.last_refresher_on": sec.last_refresher_on, f"{W}.started_work_on": started}, cite=rule)
    calc.finding("refresher", FindingStatus.NOT_YET_DUE if as_of <= due else FindingStatus.NOT_MET, label,
                 detail=p.reading("worker.refresher_years"), facts={f"{W}.last_refresher_on": sec.last_refresher_on}, cite=rule)


def programmes(calc: Calculation, sec, p: Lookup, as_of: date) -> None:
    year_over = None if sec.year is None else as_of > date(sec.year, 12, 31)
    for fid, name, field in TARGETS:
        rule = p.criterion(name)
        got = getattr(sec, field)
        if got is None or year_over is None:
            status = FindingStatus.UNKNOWN
            calc.need(*[f"{P}.{n}" for n, v in ((field, got), ("year", sec.year)) if v is None])
        elif got >= rule.value:
            status = FindingStatus.MET
        else:
            status = FindingStatus.NOT_MET if year_over else FindingStatus.NOT_YET_DUE
        calc.finding(fid, status, T(f"{p.params[name].label.zh} 不少于 {rule.value}", f"{p.params[name].label.en}: at least {rule.value}"),
                     detail=p.reading(name), facts={f"{P}.{field}": got, f"{P}.year": sec.year}, cite=rule)
    rule = p.criterion("groups.per_province")
    missing = sec.provinces_without_specialty_group
    calc.finding("province_specialty_groups", FindingStatus.UNKNOWN if missing is None else finding_status(missing == 0),
                 T("每个省至少建设 1 个高水平现代家政类专业群", "Every province builds at least one high-level specialty group"),
                 detail=p.reading("groups.per_province"), facts={f"{P}.provinces_without_specialty_group": missing}, cite=rule)
    rule = p.criterion("groups.national")
    n = sec.national_specialty_groups
    calc.finding("national_specialty_groups", FindingStatus.UNKNOWN if n is None else finding_status(n >= rule.value),
                 T(f"全国建设 {rule.value} 个以上国家级专业群", f"{rule.value} or more national specialty groups"),
                 facts={f"{P}.national_specialty_groups": n}, cite=rule)


def evaluate(case: Case, params: ParameterSet, ctx: EvaluationContext) -> Evaluation:
    p = Lookup(params, None, ctx.known_at)
    calc = Calculation(trace=ctx.trace)
    if case.domestic_worker_training is not None:
        worker(calc, case.domestic_worker_training, p, ctx.as_of)
    if case.domestic_training_programmes is not None:
        programmes(calc, case.domestic_training_programmes, p, ctx.as_of)
    return calc.result()


def explain(result: PolicyResult, title: Text, lang: str) -> Explanation:
    return _explain(result, title, lang, note=T("各服务项目类别的最低岗前培训时长为输入事实", "The minimum pre-job hours of each service category are an input"))
