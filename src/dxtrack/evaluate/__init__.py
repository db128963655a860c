"""Evaluation: the repo at a date → `status.Status` (SPEC §3); one unit → `UnitDetail`.

Only records without error findings count, and only their dates on or before `as_of`
(and on or before the unit's `until`). A unit transferred before `as_of` is listed
apart: state "transferred", no score, no requirements.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from dxtrack.evaluate import rules
from dxtrack.catalog import load_catalog
from dxtrack.i18n import t
from dxtrack.models import Plan, RecordBase, Unit
from dxtrack.check.discover import SETTINGS_FILE, UNITS_FILE
from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate.status import Requirement, RequirementStatus, Status, UnitStatus
from dxtrack.text import fold, vi_sort_key

RECORD_TYPES = ("event", "product", "channel", "report")


def evaluate(repo: Repo, as_of: date) -> Status:
    """The status of every unit of `repo` at `as_of`, units in Vietnamese alphabetical order."""
    require_loaded(repo)
    catalog = list(load_catalog())
    records = records_by_unit(repo)
    units = sorted(repo.units, key=lambda u: vi_sort_key(u.name))
    return Status(
        as_of=as_of, directive=repo.settings.directive, sample=repo.settings.sample,
        settings=repo.settings, requirements=catalog,
        units=[evaluate_unit(repo, u, records.get(u.id, []), as_of, catalog) for u in units],
        left_out=repo.left_out(),
    )


def require_loaded(repo: Repo) -> None:
    """Settings and units must load without errors; otherwise it is a setup problem."""
    for name in (SETTINGS_FILE, UNITS_FILE):
        doc = next((d for d in repo.documents if d.rel == name), None)
        if doc is None or not doc.ok:
            raise SetupError("setup.broken_repo", file=name)


def records_by_unit(repo: Repo) -> dict[str, list[RecordBase]]:
    """The records without error findings, by unit id."""
    found: dict[str, list[RecordBase]] = {}
    for _doc, record in repo.records():
        found.setdefault(record.unit, []).append(record)
    return found


def counted_records(unit: Unit, records: list[RecordBase], as_of: date) -> list[rules.Counted]:
    """The records as they count at `as_of`; nothing after the unit's `until` counts."""
    cutoff = min(as_of, unit.until) if unit.until else as_of
    counted = (rules.count_record(r, cutoff) for r in records)
    return sorted((c for c in counted if c is not None), key=lambda c: (c.first, c.record.title))


def evaluate_unit(repo: Repo, unit: Unit, records: list[RecordBase], as_of: date,
                  catalog: list[Requirement]) -> UnitStatus:
    counted = counted_records(unit, records, as_of)
    plan = repo.plans.get(unit.id)
    counts = Counter(c.record.type for c in counted)
    base = dict(unit=unit, last_activity=max((c.last for c in counted), default=None),
                counts={k: counts.get(k, 0) for k in RECORD_TYPES}, plan=plan,
                left_out=repo.left_out(unit.id))
    if unit.transferred_by(as_of):
        return UnitStatus(state="transferred", score=None, requirements={}, **base)
    facts = rules.Facts(unit=unit, plan=plan, settings=repo.settings, as_of=as_of, records=counted)
    results = {req.id: evaluate_requirement(req, facts) for req in catalog}
    return UnitStatus(state="active", score=rules.score([r.status for r in results.values()]),
                      requirements=results, **base)


def evaluate_requirement(req: Requirement, facts: rules.Facts) -> RequirementStatus:
    if req.binds == "press" and facts.unit.kind != "press":
        return RequirementStatus("n/a", [t("reason.press_only")])
    status, reasons = rules.combine([rules.run_criterion(facts, c) for c in req.criteria])
    return RequirementStatus(status, reasons)


# ---------------------------------------------------------------- one unit, in detail

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
    received: date
    tasks: list[TaskState] = field(default_factory=list)
    months: list[tuple[int, int, int]] = field(default_factory=list)   # (year, month, count)
    recent: list[tuple[date, RecordBase]] = field(default_factory=list)


def unit_detail(repo: Repo, status: Status, unit: Unit, recent: int = 6) -> UnitDetail:
    """Tasks, a month-by-month count of record dates, and the latest records of `unit`."""
    unit_status = next(u for u in status.units if u.unit.id == unit.id)
    counted = counted_records(unit, records_by_unit(repo).get(unit.id, []), status.as_of)
    received = unit.received_on(status.settings.received)
    end = min(status.as_of, unit.until) if unit.until else status.as_of
    latest = sorted(((c.last, c.record) for c in counted), key=lambda p: (p[0], p[1].title), reverse=True)
    return UnitDetail(status=unit_status, as_of=status.as_of, received=received,
                      tasks=task_states(repo.plans.get(unit.id), counted, status.as_of),
                      months=month_counts(counted, received, end), recent=latest[:recent])


def task_states(plan: Plan | None, counted: list[rules.Counted], as_of: date) -> list[TaskState]:
    found = []
    for task in plan.tasks if plan else []:
        done = rules.task_done_on(task, counted)
        found.append(TaskState(task.id, task.title, task.owner, task.due, task_state(task.due, done, as_of), done))
    return sorted(found, key=lambda s: (s.due or date.max, s.id))


def task_state(due: date | None, done: date | None, as_of: date) -> str:
    if done is not None:
        return "late" if due is not None and done > due else "done"
    if due is None:
        return "open"
    return "overdue" if due < as_of else "due_today" if due == as_of else "upcoming"


def month_counts(counted: list[rules.Counted], start: date, end: date) -> list[tuple[int, int, int]]:
    """(year, month, number of record dates) for every month from `start` to `end`."""
    per_month = Counter((d.year, d.month) for c in counted for d in c.dates)
    first = min([(start.year, start.month), *per_month]) if per_month else (start.year, start.month)
    year, month = first
    months = []
    while (year, month) <= (end.year, end.month):
        months.append((year, month, per_month.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def find_unit(units: list[Unit], query: str) -> Unit:
    """A unit by id, unique id prefix, or (part of) its name; else a SetupError with hints."""
    key = fold(query)
    if not query.strip():  # an empty query is a prefix of every id
        raise SetupError("setup.unknown_unit", value=query, hint="")
    tests = (lambda u: u.id == query, lambda u: fold(u.name) == key or fold(short_name(u.name)) == key,
             lambda u: u.id.startswith(query), lambda u: key and key in fold(u.name))
    for test in tests:
        hits = [u for u in units if test(u)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(u.id for u in sorted(hits, key=lambda u: u.id))
            raise SetupError("setup.ambiguous_unit", value=query, choices=names)
    raise SetupError("setup.unknown_unit", value=query, hint=_unit_hint(units, query))


def _unit_hint(units: list[Unit], query: str) -> str:
    import difflib

    names = {u.id: u.id for u in units} | {fold(short_name(u.name)): u.id for u in units}
    close = difflib.get_close_matches(fold(query).replace(" ", "-"), list(names), n=1, cutoff=0.5) or \
        difflib.get_close_matches(fold(query), list(names), n=1, cutoff=0.5)
    return t("status.did_you_mean", value=names[close[0]]) if close else ""


def short_name(name: str) -> str:
    """`Đảng ủy Bộ Tài chính` → `Bộ Tài chính`."""
    for prefix in ("Đảng ủy ", "Đảng uỷ ", "Đảng bộ "):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return name
