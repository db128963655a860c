"""Evaluators over time (group 3): starting at once, plan tasks on time, no gaps, the
final review, result reports sent upward."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise

from dxtrack.evaluate.criteria.plan import no_plan
from dxtrack.evaluate.facts import Counted, Facts, days_between, iso
from dxtrack.evaluate.registry import Outcome, evaluator, met, missing, outcome
from dxtrack.evaluate.status import Reason, StatusValue
from dxtrack.models import Event, Report
from dxtrack.models.phases import Phase, add_days
from dxtrack.models.plan import Task

NOT_DUE, PARTIAL, MISSING = StatusValue.NOT_DUE, StatusValue.PARTIAL, StatusValue.MISSING


@evaluator("first_record_within", serves=("3.a",), threshold="threshold")
def first_record_within(f: Facts, threshold: str) -> Outcome:
    """The first communication record (not a result report) within the threshold's days of
    receipt (partial: later; not_due while that window is still open and nothing is recorded)."""
    limit = f.threshold(threshold)
    dates = f.communication_dates()
    since = {"start": iso(f.received), "basis": f.start_basis}  # receipt, or the phase's first day
    if dates:
        late = days_between(f.received, dates[0])
        if late <= limit:
            return met()
        return outcome(PARTIAL, "started_late", first=iso(dates[0]), days=late, max=limit, **since)
    if days_between(f.received, f.as_of) <= limit:
        return outcome(NOT_DUE, "start_window_open", max=limit, until=iso(add_days(f.received, limit)),
                       **since)
    return missing("never_started", **since)


def task_done_on(task: Task, records: list[Counted], phase: Phase | None = None) -> date | None:
    """The earliest date of a record linked to `task` by `plan_task`, or None. In `phase`,
    only a record whose own date (a channel's `started`) lies in it names a task of its plan
    (SPEC §2.3): a channel kept up from the phase before names a task of that phase's plan."""
    linked = [c.first for c in records if c.record.plan_task == task.id
              and (phase is None or phase.holds(c.record.when))]
    return min(linked) if linked else None


@evaluator("tasks_on_time", serves=("3.b",))
def tasks_on_time(f: Facts) -> Outcome:
    """Every plan task due inside the phase and by as_of has a linked record dated on or
    before its due date (and inside the phase: records of other phases do not count)."""
    if f.plan is None:
        return no_plan(f)
    dated = [(task, task.due) for task in f.plan.tasks if task.due is not None and f.window.holds(task.due)]
    if not dated:
        return missing("no_dated_tasks")
    due = [(task, day) for task, day in dated if day <= f.as_of]
    if not due:
        return outcome(NOT_DUE, "no_task_due", next=iso(min(day for _, day in dated)))
    late: list[dict[str, str | None]] = []
    undone: list[dict[str, str | None]] = []
    for task, day in due:
        done = task_done_on(task, f.records, f.window)
        if done is None:
            undone.append({"id": task.id, "due": iso(day)})
        elif done > day:
            late.append({"id": task.id, "due": iso(day), "done": iso(done)})
    if not late and not undone:
        return met()
    reasons = [Reason("tasks_undone", {"tasks": undone})] if undone else []
    reasons += [Reason("tasks_late", {"tasks": late})] if late else []
    on_time = len(due) - len(late) - len(undone)
    return Outcome(PARTIAL if on_time else MISSING, reasons)


@evaluator("longest_gap", serves=("3.c",), threshold="threshold")
def longest_gap(f: Facts, threshold: str) -> Outcome:
    """The longest stretch without any communication record (as in 3.a), from receipt to
    as_of, is at most the threshold (partial: at most twice that)."""
    limit = f.threshold(threshold)
    points = [f.received, *[d for d in f.communication_dates() if d > f.received], f.as_of]
    gaps = [(days_between(a, b), a, b) for a, b in pairwise(points)]
    length, start, end = max(gaps, key=lambda g: g[0]) if gaps else (0, f.received, f.as_of)
    if length <= limit:
        return met()
    status = PARTIAL if length <= 2 * limit else MISSING
    return outcome(status, "gap_too_long", days=length, **{"from": iso(start), "to": iso(end)}, max=limit)


@evaluator("final_review", serves=("3.d",))
def final_review(f: Facts) -> Outcome:
    """A final_review event in the phase; not_due before the phase's last day, unless it
    already exists.

    Due on the last day itself: the status as of the phase's last day (the default as-of
    once the phase is over) is the phase's final assessment, and the review belongs in it."""
    if any(e.kind == "final_review" for e in f.of(Event)):
        return met()
    end = f.window.end
    if end is None:
        return outcome(NOT_DUE, "phase_no_end")
    if f.as_of < end:
        return outcome(NOT_DUE, "phase_open", end=iso(end))
    return missing("no_final_review", end=iso(end))


def answered_in_order(dues: Iterable[date], answers: Iterable[date]) -> list[tuple[date, date | None]]:
    """Each due date (in date order) with the answer that meets it, or None: one distinct
    answer per due date, both taken in date order (3.e: the first report answers the first
    `report_due` date, the second the second...; `dxtrack due` matches plan reviews so too).
    An answer after its due date still answers it (late)."""
    left = sorted(answers)
    return [(due, left.pop(0) if left else None) for due in sorted(dues)]


@evaluator("reports_on_time", serves=("3.e",))
def reports_on_time(f: Facts) -> Outcome:
    """For each of the phase's report_due dates passed, a report dated on or before it
    (partial: some, or late); not_due before the first (unless a report already exists:
    then met). Each report answers one due date, in date order."""
    reports = [c.first for c in f.counted(Report)]
    results: list[tuple[StatusValue, dict | str | None]] = []
    for due, sent in answered_in_order(f.window.report_due, reports):
        if sent is not None and sent <= due:
            results.append((StatusValue.MET, None))
        elif due > f.as_of:
            break  # not yet due (a due date is due on its own day), nothing sent for it yet
        elif sent is not None:
            results.append((PARTIAL, {"due": iso(due), "sent": iso(sent)}))
        else:
            results.append((MISSING, iso(due)))
    if not results:
        first = min(f.window.report_due, default=None)
        return outcome(NOT_DUE, "report_not_due", due=iso(first)) if first else \
            outcome(NOT_DUE, "report_no_dates")
    states = {s for s, _ in results}
    status = StatusValue.MET if states == {StatusValue.MET} else MISSING if states == {MISSING} else PARTIAL
    late = [item for s, item in results if s == PARTIAL]
    absent = [item for s, item in results if s == MISSING]
    reasons = ([Reason("reports_missing", {"due": absent})] if absent else []) + \
              ([Reason("reports_late", {"reports": late})] if late else [])
    return Outcome(status, reasons)
