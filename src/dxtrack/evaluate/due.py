"""What falls due (`dxtrack due`, SPEC §4): the open items of a phase at `as_of`, as data.

`due_items(repo, win, days, unit)` lists, for every unit taking part in the window's phase
and not transferred by `as_of`, what is still open and due inside the phase either before
`as_of` (overdue, of any age) or from `as_of` to `days` days ahead (no later than the
phase's end):

    task          a task of the unit's plan for the phase (`evaluate.plan_at`) whose `due` lies
                  inside the phase, with no record linked by `plan_task` in the window (a
                  task done late is done: 3.b judges the lateness, not this list)
    review        a review of that plan due inside the phase with no event of its `kind` to
                  answer it; the events of a kind answer the reviews of that kind one each,
                  in date order (as reports answer `report_due` dates)
    report        a `report_due` date of the phase that no report answers (3.e's matching:
                  `criteria.timing.answered_in_order`)
    final_review  the phase's last day, when it has one and the unit holds no final_review
                  event in it (3.d); left out when the plan schedules a final_review inside
                  the phase, whose `review` item stands for it
    channel       each channel counted in the window: its next update, its last date on or
                  before `as_of` plus `cadence_days`

Only records counted in the window (no error findings; dates from the phase's start to
`as_of`, none after the unit's `until`) answer anything. An item is identified by
(unit, kind, ref): a task's id, a review's kind (`kind-2`, ... for a plan's second review
of the same kind), a report's due date (ISO), None for the final review, a channel's
file (its path in the unit's folder, without `.yaml`) — so an item whose date moves keeps
its identity (the ICS UIDs are made of it). Items are in order of due date, then unit name (Vietnamese order),
kind, ref. No words here: the renderers make them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate import counted_records, plan_at, require_loaded
from dxtrack.evaluate.criteria.timing import answered_in_order, task_done_on
from dxtrack.evaluate.detail import unit_not_in_phase
from dxtrack.evaluate.facts import Counted, iso
from dxtrack.evaluate.window import Window
from dxtrack.models import Channel, Event, Plan, RecordBase, Report, Unit
from dxtrack.models.phases import Phase, add_days, later_by, takes_part
from dxtrack.text import vi_sort_key

KINDS = ("task", "review", "report", "final_review", "channel")  # the order of kinds due on one day
STATES = ("overdue", "today", "upcoming")


@dataclass(frozen=True)
class DueItem:
    """One open item of one unit. `params` holds what it names, JSON-ready (ids, ISO dates,
    titles, codes): task {title, owner}; review {review_kind, note}; channel {title,
    channel_kind, outlet, cadence_days, last}; report and final_review {}."""

    unit_id: str
    unit_name: str
    kind: str
    ref: str | None
    due: date
    state: str  # overdue | today | upcoming
    params: dict = field(default_factory=dict, hash=False)

    def days(self, as_of: date) -> int:
        """Days from `as_of` to the due date: negative when overdue."""
        return (self.due - as_of).days


@dataclass(frozen=True)
class DueList:
    """What is open in `phase` at `as_of`: overdue, or due by `until` (`as_of` + `days`, but
    no later than the phase's end)."""

    phase: Phase
    as_of: date
    days: int
    until: date
    items: tuple[DueItem, ...]
    organization: str
    directive: str
    sample: bool = False
    unit: str | None = None        # the one unit asked for (its id), if any
    unit_name: str | None = None   # and its name
    requested: date | None = None  # an --as-of after the phase's end (taken as its end)
    phase_over: bool = False       # the phase ended before today: the list is as of its end
    today: date | None = None      # the day of the run (`as_of` may be another)
    phases: tuple[Phase, ...] = ()

    def of_state(self, state: str) -> list[DueItem]:
        return [i for i in self.items if i.state == state]


def due_items(repo: Repo, win: Window, days: int = 30, unit: str | None = None) -> DueList:
    """The open items of `repo` in the window `win` (see the module's doc), of one unit (an id)
    or of all; `days` ≥ 0 the horizon ahead of `as_of`."""
    require_loaded(repo)
    assert repo.settings is not None  # require_loaded
    if days < 0:
        raise SetupError("due.bad_days", value=str(days))
    phase, as_of = win.phase, win.as_of
    asked = repo.unit(unit) if unit is not None else None
    if asked is not None and not takes_part(asked.received_on(repo.settings.received), phase, as_of):
        raise unit_not_in_phase(asked, phase, as_of, repo.settings.received)
    ahead = add_days(as_of, days)  # the calendar's last day at most: --days 3000000 is "all"
    until = min(ahead, phase.end) if phase.end else ahead
    records = _records_by_unit(repo)
    found: list[DueItem] = []
    for u in repo.units:
        if (unit is None or u.id == unit) and _listed(u, repo.settings.received, phase, as_of):
            counted = counted_records(u, [r for r, _ in records.get(u.id, [])], phase.start, as_of)
            names = {id(r): name for r, name in records.get(u.id, [])}
            plan = plan_at(repo, u.id, phase, as_of)
            found += [item for item in _unit_items(u, plan, counted, names, phase, as_of) if item.due <= until]
    found.sort(key=lambda i: (i.due, vi_sort_key(i.unit_name), i.unit_id, KINDS.index(i.kind), i.ref or ""))
    return DueList(phase=phase, as_of=as_of, days=days, until=until, items=tuple(found),
                   organization=repo.settings.organization, directive=repo.settings.directive,
                   sample=repo.settings.sample, unit=unit, unit_name=_name_of(repo, unit), requested=win.requested,
                   phase_over=phase.end is not None and phase.end < repo.today, today=repo.today,
                   phases=win.phases)


def _name_of(repo: Repo, unit_id: str | None) -> str | None:
    found = repo.unit(unit_id) if unit_id is not None else None
    return found.name if found is not None else None


def _listed(unit: Unit, received: date, phase: Phase, as_of: date) -> bool:
    """Active in the phase: taking part in it (received by its end) and not transferred."""
    return takes_part(unit.received_on(received), phase, as_of) and not unit.transferred_by(as_of)


def _records_by_unit(repo: Repo) -> dict[str, list[tuple[RecordBase, str]]]:
    """The counted records by unit id, each with its file's path inside its unit's folder,
    without `.yaml` (a channel's identity)."""
    found: dict[str, list[tuple[RecordBase, str]]] = {}
    for doc, record in repo.records():
        path = PurePosixPath(doc.rel)
        inside = path.parts[2:] if path.parts[:2] == ("activities", record.unit) else path.parts
        found.setdefault(record.unit, []).append((record, str(PurePosixPath(*inside).with_suffix(""))))
    return found


def _unit_items(unit: Unit, plan: Plan | None, counted: list[Counted], names: dict[int, str], phase: Phase,
                as_of: date) -> list[DueItem]:
    def item(kind: str, ref: str | None, due: date, **params) -> DueItem:
        state = "overdue" if due < as_of else "today" if due == as_of else "upcoming"
        return DueItem(unit.id, unit.name, kind, ref, due, state, params)

    events = [c for c in counted if isinstance(c.record, Event)]
    found = [item("task", task.id, task.due, title=task.title, owner=task.owner)
             for task in (plan.tasks if plan else [])
             if task.due is not None and phase.holds(task.due) and task_done_on(task, counted, phase) is None]
    found += [item("review", ref, due, review_kind=kind, note=note) for ref, kind, due, note in _open_reviews(
        plan, events, phase)]
    reports = [c.first for c in counted if isinstance(c.record, Report)]
    found += [item("report", iso(due), due) for due, sent in answered_in_order(phase.report_due, reports)
              if sent is None]
    planned_final = any(r.kind == "final_review" and phase.holds(r.due) for r in (plan.reviews if plan else []))
    if phase.end is not None and not planned_final and not any(c.record.kind == "final_review" for c in events):
        found.append(item("final_review", None, phase.end))
    for c in counted:
        if isinstance(c.record, Channel):
            ch = c.record
            next_update = later_by(c.last, ch.cadence_days)
            if next_update is None:  # after the calendar's last day: never due
                continue
            found.append(item("channel", names[id(ch)], next_update, title=ch.title,
                              channel_kind=ch.kind, outlet=ch.outlet, cadence_days=ch.cadence_days, last=iso(c.last)))
    return [i for i in found if phase.holds(i.due)]


def _open_reviews(plan: Plan | None, events: list[Counted], phase: Phase) -> list[tuple[str, str, date, str | None]]:
    """(ref, kind, due, note) of the plan's reviews inside the phase that no event of their
    kind answers (one event per review, in date order, per kind)."""
    found: list[tuple[str, str, date, str | None]] = []
    reviews = sorted((r for r in (plan.reviews if plan else []) if phase.holds(r.due)), key=lambda r: r.due)
    for kind in dict.fromkeys(r.kind for r in reviews):
        of_kind = [r for r in reviews if r.kind == kind]
        held = [c.first for c in events if c.record.kind == kind]
        for n, ((_due, held_on), review) in enumerate(zip(answered_in_order([r.due for r in of_kind], held),
                                                          of_kind, strict=True), start=1):
            if held_on is None:
                found.append((kind if n == 1 else f"{kind}-{n}", kind, review.due, review.note))
    return found
