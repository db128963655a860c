"""Evaluators over the unit's communication plan (1.3, 1.4, 2.2.a)."""

from __future__ import annotations

from dxtrack.evaluate.facts import Facts
from dxtrack.evaluate.registry import Outcome, evaluator, met, missing

PLAN_FIELDS = {
    "number_issued": lambda p: bool(p.number) and p.issued is not None,
    "audiences": lambda p: bool(p.audiences),
    "staff": lambda p: bool(p.resources and p.resources.staff),
    "means": lambda p: bool(p.resources and p.resources.means),
    "budget": lambda p: p.resources is not None and p.resources.budget_vnd is not None
    and p.resources.budget_vnd >= 0,
    "platforms": lambda p: bool(p.platforms),
}


def no_plan(f: Facts) -> Outcome:
    """No plan counts: none was written, or the file is left out for its errors (then named)."""
    return missing("no_plan", file=f.plan_left_out) if f.plan_left_out else missing("no_plan")


@evaluator("plan_exists", serves=("2.2.a",))
def plan_exists(f: Facts) -> Outcome:
    return met() if f.plan else no_plan(f)


@evaluator("plan_has", serves=("1.3",), field="one of:" + ",".join(PLAN_FIELDS))
def plan_has(f: Facts, field: str) -> Outcome:
    """The plan states `field` (one of PLAN_FIELDS)."""
    if f.plan is None:
        return no_plan(f)
    return met() if PLAN_FIELDS[field](f.plan) else missing("plan_lacks", fields=[field])


@evaluator("tasks_have_owner", serves=("1.4",))
def tasks_have_owner(f: Facts) -> Outcome:
    """Every plan task has an owner (fails when the plan has no task)."""
    if f.plan is None:
        return no_plan(f)
    if not f.plan.tasks:
        return missing("no_tasks")
    orphans = [{"id": task.id, "title": task.title} for task in f.plan.tasks if not task.owner]
    return missing("task_no_owner", tasks=orphans) if orphans else met()


@evaluator("plan_reviews", serves=("1.4",), kinds="codes:review_kind")
def plan_reviews(f: Facts, kinds: list[str]) -> Outcome:
    """The plan schedules a review of one of `kinds`."""
    if f.plan is None:
        return no_plan(f)
    if any(r.kind in kinds for r in f.plan.reviews):
        return met()
    return missing("no_review", kinds=[list(kinds)])
