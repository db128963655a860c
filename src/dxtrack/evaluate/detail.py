"""One unit in detail: its plan tasks at as_of, a month-by-month count, its latest records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate import counted_records, records_by_unit
from dxtrack.evaluate.criteria.timing import task_done_on
from dxtrack.evaluate.facts import Counted
from dxtrack.evaluate.status import Status, UnitStatus
from dxtrack.models import Plan, RecordBase, Unit
from dxtrack.models.phases import phases_of, unit_start


@dataclass
class TaskState:
    """A plan task at as_of: done | late | overdue | due_today | upcoming | open (no due date)."""

    id: str
    title: str
    owner: str | None
    due: date | None
    state: str
    done_on: date | None = None


@dataclass
class UnitDetail:
    status: UnitStatus
    as_of: date
    received: date                   # when the unit received the directive
    start: date | None = None        # its start in the phase: the later of that and the phase's from
    tasks: list[TaskState] = field(default_factory=list)
    months: list[tuple[int, int, int]] = field(default_factory=list)   # (year, month, count)
    recent: list[tuple[date, RecordBase]] = field(default_factory=list)


def unit_detail(repo: Repo, status: Status, unit: Unit, recent: int = 6,
                records: dict[str, list[RecordBase]] | None = None) -> UnitDetail:
    """Tasks, a month-by-month count of record dates, and the latest records of `unit`;
    `records`, `records_by_unit(repo)` made once for many units, saves making it again."""
    unit_status = next((u for u in status.units if u.unit.id == unit.id), None)
    if unit_status is None:
        raise not_in_phase(unit, status)
    phase = status.phase or phases_of(status.settings)[0]
    by_unit = records_by_unit(repo) if records is None else records
    counted = counted_records(unit, by_unit.get(unit.id, []), phase.start, status.as_of)
    received = unit.received_on(status.settings.received)
    start = unit_start(received, phase)
    end = min(status.as_of, unit.until) if unit.until else status.as_of
    latest = sorted(((c.last, c.record) for c in counted), key=lambda p: (p[0], p[1].title), reverse=True)
    return UnitDetail(status=unit_status, as_of=status.as_of, received=received, start=start,
                      tasks=task_states(unit_status.plan, counted, status.as_of, phase),
                      months=month_counts(counted, start, end), recent=latest[:recent])


def not_in_phase(unit: Unit, status: Status) -> SetupError:
    """The usage error for a unit asked for that the status does not list: received after
    the phase (or after `as_of`)."""
    return unit_not_in_phase(unit, status.phase or phases_of(status.settings)[0], status.as_of,
                             status.settings.received)


def unit_not_in_phase(unit: Unit, phase, as_of: date, received: date) -> SetupError:
    """That error for `unit` (receiving the directive on `received` by default) in `phase` at `as_of`."""
    from dxtrack.text import short_date

    return SetupError("setup.unit_not_in_phase", name=unit.name, phase=phase.id, as_of=short_date(as_of),
                      received=short_date(unit.received_on(received)))


def task_states(plan: Plan | None, counted: list[Counted], as_of: date, phase=None) -> list[TaskState]:
    found = []
    for task in plan.tasks if plan else []:
        done = task_done_on(task, counted, phase)
        found.append(TaskState(task.id, task.title, task.owner, task.due, task_state(task.due, done, as_of), done))
    return sorted(found, key=lambda s: (s.due or date.max, s.id))


def task_state(due: date | None, done: date | None, as_of: date) -> str:
    if done is not None:
        return "late" if due is not None and done > due else "done"
    if due is None:
        return "open"
    return "overdue" if due < as_of else "due_today" if due == as_of else "upcoming"


def month_counts(counted: list[Counted], start: date, end: date) -> list[tuple[int, int, int]]:
    """(year, month, number of record dates) for every month from `start` to `end`."""
    per_month = Counter((d.year, d.month) for c in counted for d in c.dates)
    first = min([(start.year, start.month), *per_month]) if per_month else (start.year, start.month)
    year, month = first
    months = []
    while (year, month) <= (end.year, end.month):
        months.append((year, month, per_month.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


