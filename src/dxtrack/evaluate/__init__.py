"""Stage 5, evaluate: the checked repo in a phase, at a date → `Status` (SPEC §3), as data.

The phase and the day come from `evaluate.window`. Only records without error findings
count, and only their dates inside the phase, from its `from` to `as_of` (and on or before
the unit's `until`). A unit received after the phase is not listed; one transferred
before `as_of` is listed apart: state "transferred", no score, no requirements; one
received after `as_of` is not listed yet (it is tracked from its receipt). Reasons
are codes with parameters (`evaluate.reasons`); the words are made by the renderers.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial

from dxtrack.catalog import Requirement, load_catalog
from dxtrack.check.discover import SETTINGS_FILE, UNITS_FILE
from dxtrack.check.document import Repo
from dxtrack.check.pipeline import no_cyclic_gc
from dxtrack.errors import SetupError
from dxtrack.evaluate import criteria  # noqa: F401 - importing it registers the evaluators
from dxtrack.evaluate.facts import Counted, Facts, count_record
from dxtrack.evaluate.registry import check_catalog, combine, run_criterion, score
from dxtrack.evaluate.status import Reason, RequirementStatus, Status, StatusValue, UnitStatus
from dxtrack.evaluate.window import Window, window
from dxtrack.models import RECORD_TYPE_NAMES, Plan, RecordBase, Unit
from dxtrack.models.phases import Phase, takes_part
from dxtrack.text import vi_sort_key


def catalog() -> list[Requirement]:
    """The requirement catalog, held against the registered evaluators."""
    found = list(load_catalog())
    check_catalog(found)
    return found


def default_as_of(repo: Repo, phase: str | None = None) -> date:
    """Today, but inside the (current) phase: after it ends, status is as of its end."""
    require_loaded(repo)
    return window(repo, phase).as_of


def evaluate(repo: Repo, as_of: date | None = None, phase: str | None = None) -> Status:
    """The status of every unit of `repo` taking part in the phase (`phase` an id, else the
    one `as_of` or today picks) at `as_of` (default: today, inside the phase), units in
    Vietnamese alphabetical order. A bad phase or day is a SetupError (see evaluate.window)."""
    require_loaded(repo)
    return evaluate_window(repo, window(repo, phase, as_of))


def evaluate_window(repo: Repo, win: Window) -> Status:
    with no_cyclic_gc():
        return _evaluate(repo, win)


def _evaluate(repo: Repo, win: Window) -> Status:
    require_loaded(repo)
    requirements = catalog()
    records = records_by_unit(repo)
    assert repo.settings is not None  # require_loaded
    received = repo.settings.received
    units = sorted((u for u in repo.units if takes_part(u.received_on(received), win.phase, win.as_of)),
                   key=lambda u: vi_sort_key(u.name))
    return Status(
        as_of=win.as_of, directive=repo.settings.directive, sample=repo.settings.sample,
        settings=repo.settings, requirements=requirements,
        units=[evaluate_unit(repo, u, records.get(u.id, []), win, requirements) for u in units],
        left_out=repo.left_out(), phase=win.phase, as_of_requested=win.requested, phases=win.phases,
    )


def require_loaded(repo: Repo) -> None:
    """Settings and units must load without errors; otherwise it is a setup problem."""
    for name in (SETTINGS_FILE, UNITS_FILE):
        doc = next((d for d in repo.documents if d.rel == name), None)
        if doc is None or not doc.usable:
            raise SetupError("setup.broken_repo", file=name)


def records_by_unit(repo: Repo) -> dict[str, list[RecordBase]]:
    """The records without error findings, by unit id."""
    found: dict[str, list[RecordBase]] = {}
    for _doc, record in repo.records():
        found.setdefault(record.unit, []).append(record)
    return found


def counted_records(unit: Unit, records: list[RecordBase], start: date, as_of: date) -> list[Counted]:
    """The records as they count in the window from `start` to `as_of`; nothing after the
    unit's `until` counts."""
    cutoff = min(as_of, unit.until) if unit.until else as_of
    counted = (count_record(r, start, cutoff) for r in records)
    return sorted((c for c in counted if c is not None), key=lambda c: (c.first, c.record.title))


def plan_at(repo: Repo, unit_id: str, phase: Phase | None, as_of: date) -> Plan | None:
    """The unit's plan for `phase` (SPEC §2.3) as it counts at `as_of`: only from its
    `issued` date (a plan without `issued` counts from the start). Before that the unit has
    no plan: there is no falling back to the general plan. A plan file with errors does not
    count at all (`Repo.plan_for`)."""
    plan = repo.plan_for(unit_id, phase.id if phase is not None else None)
    return plan if plan is not None and (plan.issued is None or plan.issued <= as_of) else None


def evaluate_unit(repo: Repo, unit: Unit, records: list[RecordBase], win: Window,
                  requirements: list[Requirement]) -> UnitStatus:
    as_of = win.as_of
    counted = counted_records(unit, records, win.start, as_of)
    plan = plan_at(repo, unit.id, win.phase, as_of)
    # no plan counts, though a file would serve: it is left out for its errors (status says so)
    left_out_plan = repo.plan_left_out(unit.id, win.phase.id if win.phase else None) if plan is None else None
    counts = Counter(c.record.type for c in counted)
    status_of = partial(UnitStatus, unit=unit, last_activity=max((c.last for c in counted), default=None),
                        counts={k: counts.get(k, 0) for k in RECORD_TYPE_NAMES}, plan=plan,
                        left_out=repo.left_out(unit.id), plan_left_out=left_out_plan)
    if unit.transferred_by(as_of):
        return status_of(state="transferred", score=None, requirements={})
    assert repo.settings is not None
    facts = Facts(unit=unit, plan=plan, settings=repo.settings, as_of=as_of, records=counted, phase=win.phase,
                  plan_left_out=left_out_plan)
    results = {req.id: evaluate_requirement(req, facts) for req in requirements}
    return status_of(state="active", score=score(r.status for r in results.values()), requirements=results)


def evaluate_requirement(req: Requirement, facts: Facts) -> RequirementStatus:
    if req.binds == "press" and facts.unit.kind != "press":
        return RequirementStatus(StatusValue.NA, [Reason("press_only")])
    status, reasons = combine([run_criterion(facts, c) for c in req.criteria])
    return RequirementStatus(status, reasons)
