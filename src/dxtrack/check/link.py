"""Stage 5, link: cross-file checks (units, plans, plan tasks, duplicates, dates, evidence files).

Input: the validated documents of a repo; output: new documents with the findings added.
Nothing is printed and nothing given is changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

from dxtrack.check.collect import Collected, collect, good_unit_entries
from dxtrack.check.document import Document, units_by_id
from dxtrack.check.findings import Finding, finding
from dxtrack.models import Channel, Plan, RecordBase, Report, Settings, Unit, UnitsFile
from dxtrack.models.phases import DIRECTIVE_ISSUED, Phase, add_days, phase_at, phase_by_id, phases_of
from dxtrack.models.types import read_date
from dxtrack.text import fold, short_date


@dataclass(frozen=True)
class _Context:
    """What a cross-file rule may look at besides its own document."""

    today: date
    root: Path
    units: Mapping[str, Unit]  # unit id → unit
    plans: Mapping[str, Plan]  # unit id → plan
    broken_units: frozenset[str] = frozenset()  # ids of invalid units.yaml entries (see Collected)
    broken_plans: frozenset[str] = frozenset()  # units whose plan is invalid
    phase_plans: Mapping[str, Mapping[str, Plan]] = field(default_factory=dict)  # phase → unit → plan
    phases: tuple[Phase, ...] | None = None  # None when dxtrack.yaml is broken (reported there)

    def plans_for(self, unit_id: str, days: Iterable[date]) -> list[Plan]:
        """The plans a record of `unit_id` dated `days` (its own date: a channel's `started`)
        may name a task of: for each phase holding one of them, the unit's plan for it (SPEC
        §2.3); every plan of the unit when the phases are not known."""
        general = self.plans.get(unit_id)
        if self.phases is None:
            found = [general, *(plans.get(unit_id) for plans in self.phase_plans.values())]
        else:
            picked = {(phase_at(self.phases, d) or self.phases[0]).id for d in days}
            found = [self.phase_plans.get(i, {}).get(unit_id) or general for i in sorted(picked)]
        return [plan for plan in found if plan is not None]


@dataclass(frozen=True)
class _RecordFacts:
    """What the cross-file rules read of a record: from its model, or, for a record that
    failed validation, from the fields (and list entries) that are good by themselves."""

    unit: str | None = None
    plan_task: str | None = None
    dated: tuple[tuple[tuple, date], ...] = ()  # the dates it counts on, with their paths
    started: date | None = None  # a channel's
    updates: tuple[tuple[int, date], ...] = ()  # a channel's, by index
    period: tuple[date | None, date | None] = (None, None)  # a report's (from, to)
    evidence_files: tuple[tuple[int, str], ...] = ()  # (index in `evidence`, file)


def link(documents: Sequence[Document], today: date, root: Path,
         collected: Collected | None = None) -> tuple[Document, ...]:
    """Validated `documents` → new ones, in the same order, with the cross-file findings
    added (a document with none added is returned as it is). `collected` is what the
    rules check against (units, plans); by default, what `documents` hold. The input
    documents are not changed."""
    collected = collected if collected is not None else collect(documents)
    phases = phases_of(collected.settings) if collected.settings is not None else None
    ctx = _Context(today, root, units_by_id(collected.units), collected.plans,
                   collected.broken_units, collected.broken_plans, collected.phase_plans, phases)
    added = [_link_document(doc, ctx) for doc in documents]
    for index, found in [*_second_plans(documents), *_duplicates(documents)]:
        added[index].append(found)
    return tuple(_with(doc, more, _excluded(doc, ctx))
                 for doc, more in zip(documents, added, strict=True))


def _with(doc: Document, more: list[Finding], excluded: bool) -> Document:
    if not more and not excluded:
        return doc
    return replace(doc, findings=doc.findings + tuple(more), excluded=doc.excluded or excluded)


def _excluded(doc: Document, ctx: _Context) -> bool:
    """A record of a unit whose units.yaml entry is invalid: left out (one cause, reported there)."""
    if doc.source.kind != "record":
        return False
    unit = doc.model.unit if isinstance(doc.model, RecordBase) else (
        _text(doc.data.get("unit")) if isinstance(doc.data, dict) else None)
    return unit is not None and unit in ctx.broken_units and unit not in ctx.units


def _link_document(doc: Document, ctx: _Context) -> list[Finding]:
    """The cross-file findings of one document, from its model (or, for a record that
    failed validation, from the fields that are good)."""
    kind, model = doc.source.kind, doc.model
    if model is None:
        if not isinstance(doc.data, dict):
            return []
        if kind == "record":
            return _check_partial_record(doc, doc.data, ctx)
        if kind == "plan":
            return _check_partial_plan(doc, doc.data, ctx)
        if kind == "units":
            return _check_unit_entries(doc, good_unit_entries(doc.data.get("units")), ctx.today)
        if kind == "settings":
            return _check_settings(doc, doc.data, ctx.today)
        return []
    if kind == "settings" and isinstance(model, Settings) and isinstance(doc.data, dict):
        return _check_settings(doc, doc.data, ctx.today)
    if kind == "units" and isinstance(model, UnitsFile):
        return _check_unit_entries(doc, list(enumerate(model.units)), ctx.today)
    if kind == "plan" and isinstance(model, Plan):
        return _check_plan(doc, model, ctx)
    if kind == "record" and isinstance(model, RecordBase):
        return _check_record(doc, model, ctx)
    return []


def _second_plans(documents: Sequence[Document]) -> list[tuple[int, Finding]]:
    """(index, DX308) for each plan of a unit that already has one (the first in file order)."""
    first: dict[tuple[str | None, str], Document] = {}
    found = []
    for index, doc in enumerate(documents):
        plan = doc.model
        if doc.source.kind != "plan" or not isinstance(plan, Plan) or plan.unit != doc.source.unit_dir:
            continue  # a plan for another unit than its file name says is DX302
        other = first.setdefault((doc.source.phase, plan.unit), doc)
        if other is not doc:
            found.append((index, finding(doc.rel, doc.pos(("unit",)), "DX308", value=plan.unit,
                                         other=other.rel)))
    return found


def _check_dates(doc: Document, today: date, dated: Sequence[tuple[tuple, date | None]], *,
                 future: bool = True, past: bool = True) -> list[Finding]:
    """DX206 for each date after `today` (unless not `future`), DX207 for each before the
    directive (unless not `past`)."""
    found = []
    for path, value in dated:
        if value is None:
            continue
        if value > today:
            if future:
                found.append(finding(doc.rel, doc.pos(path), "DX206", value=short_date(value),
                                     today=short_date(today)))
        elif value < DIRECTIVE_ISSUED and past:
            found.append(finding(doc.rel, doc.pos(path), "DX207", value=short_date(value),
                                 directive=short_date(DIRECTIVE_ISSUED)))
    return found


def _check_settings(doc: Document, data: dict, today: date) -> list[Finding]:
    """The cross-field checks of dxtrack.yaml, from the dates that are good (so the same on a
    file that failed validation: one bad date hides none of the other checks)."""
    received = read_date(data.get("received"))
    found = _check_dates(doc, today, [(("received",), received)])
    phase_end = read_date(data.get("phase_end"))
    dues = _dates_of(data.get("report_due"))
    if "phases" in data and data.get("phases") is not None:
        for key in ("phase_end", "report_due"):
            if data.get(key) not in (None, []):
                found.append(finding(doc.rel, doc.pos((key,)), "DX212", problem_key="settings.phases_and_key",
                                     key=key))
        return found + _check_phases(doc, data.get("phases"), received)
    dated = [(("phase_end",), phase_end)] + [(("report_due", i), due) for i, due in dues]
    found += _before_received(doc, dated, received)
    if phase_end is not None and (received is None or phase_end >= received):  # else that one is reported
        found += [finding(doc.rel, doc.pos(("report_due", i)), "DX212", problem_key="settings.report_due_after_end",
                          value=short_date(due), end=short_date(phase_end))
                  for i, due in dues if due > phase_end]
    return found + _twice(doc, ("report_due",), dues)


def _dates_of(value) -> list[tuple[int, date]]:
    return [(i, due) for i, entry in enumerate(_list(value)) if (due := read_date(entry)) is not None]


def _before_received(doc: Document, dated: list[tuple[tuple, date | None]], received: date | None) -> list[Finding]:
    if received is None:
        return []
    return [finding(doc.rel, doc.pos(path), "DX212", problem_key="settings.before_received",
                    key=str(path[-1] if isinstance(path[-1], str) else path[-2]), value=short_date(value),
                    received=short_date(received))
            for path, value in dated if value is not None and value < received]


def _twice(doc: Document, at: tuple, dues: list[tuple[int, date]]) -> list[Finding]:
    """DX212 for a report deadline written twice: it would ask for two reports (rule 3.e)."""
    first: dict[date, int] = {}
    found = []
    for i, due in dues:
        if due in first:
            found.append(finding(doc.rel, doc.pos((*at, i)), "DX212",
                                 problem_key="settings.report_due_twice", value=short_date(due),
                                 first=doc.pos((*at, first[due]))[0]))
        else:
            first[due] = i
    return found


def _check_phases(doc: Document, entries, received: date | None) -> list[Finding]:
    """SPEC §2.1.1: at least one phase; ids unique; a `from` for each phase but the first;
    each phase ends after it starts, after the one before it ended (in order, no overlap);
    its report deadlines inside it, each once. Dates of a phase may lie ahead (plans do)."""
    if not isinstance(entries, list):
        return []  # not a list: a type error of validate
    if not entries:
        return [finding(doc.rel, doc.pos(("phases",)), "DX212", problem_key="settings.no_phases")]
    found = _duplicate_ids(doc, [(("phases", i, "id"), value) for i, entry in enumerate(entries)
                                 if isinstance(entry, dict) and (value := _text(entry.get("id"))) is not None])
    before: tuple[str, date] | None = None  # (id, last day) of the phase before
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        at = ("phases", i)
        start, end = read_date(entry.get("from")), read_date(entry.get("to"))
        name = _text(entry.get("id")) or str(i + 1)
        if i and entry.get("from") is None:
            found.append(finding(doc.rel, doc.pos(at), "DX202", key="from"))
        found += _check_dates(doc, date.max, [((*at, "from"), start)], future=False)
        found += _before_received(doc, [((*at, "to"), end)], received)
        reversed_ = start is not None and end is not None and end < start
        if reversed_:
            found.append(finding(doc.rel, doc.pos((*at, "to")), "DX212", problem_key="phase.reversed",
                                 id=name, to=short_date(end), from_=short_date(start)))
        if before is not None and start is not None and start <= before[1]:
            found.append(finding(doc.rel, doc.pos((*at, "from")), "DX212", problem_key="phase.overlap",
                                 id=name, from_=short_date(start), other=before[0], end=short_date(before[1])))
        dues = _dates_of(entry.get("report_due"))
        low = start or (add_days(before[1], 1) if before else DIRECTIVE_ISSUED)
        found += [finding(doc.rel, doc.pos((*at, "report_due", j)), "DX212", problem_key="phase.report_due_outside",
                          value=short_date(due), id=name, from_=short_date(low),
                          to=short_date(end) if end else "…")
                  for j, due in dues if not reversed_ and (due < low or (end is not None and due > end))]
        found += _twice(doc, (*at, "report_due"), dues)
        if end is not None:
            before = (name, end)
    return found


def _duplicate_ids(doc: Document, ids: list[tuple[tuple, str]]) -> list[Finding]:
    first: dict[str, tuple] = {}
    found = []
    for path, value in ids:
        if value in first:
            found.append(finding(doc.rel, doc.pos(path), "DX305", value=value, first=doc.pos(first[value])[0]))
        else:
            first[value] = path
    return found


def _check_unit_entries(doc: Document, units: list[tuple[int, Unit]], today: date) -> list[Finding]:
    found = _duplicate_ids(doc, [(("units", i, "id"), u.id) for i, u in units])
    for i, unit in units:
        found += _check_dates(doc, today, [(("units", i, "received"), unit.received)])
        if unit.moved_to and not unit.until:
            found.append(finding(doc.rel, doc.pos(("units", i, "moved_to")), "DX307",
                                 problem_key="units.moved_without_until"))
        if unit.until and unit.received and unit.until < unit.received:
            found.append(finding(doc.rel, doc.pos(("units", i, "until")), "DX307",
                                 problem_key="units.until_before_received",
                                 until=short_date(unit.until), received=short_date(unit.received)))
    return found


def _check_plan(doc: Document, plan: Plan, ctx: _Context) -> list[Finding]:
    return _check_plan_parts(
        doc, ctx, plan.unit, plan.issued,
        task_ids=[(("tasks", i, "id"), task.id) for i, task in enumerate(plan.tasks)],
        dues=[(("tasks", i, "due"), task.due) for i, task in enumerate(plan.tasks)]
        + [(("reviews", i, "due"), review.due) for i, review in enumerate(plan.reviews)])


def _check_partial_plan(doc: Document, data: dict, ctx: _Context) -> list[Finding]:
    """Cross-file rules on a plan that failed validation, from the fields that are good."""
    task_ids, dues = [], []
    for section in ("tasks", "reviews"):
        entries = data.get(section)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict):
                continue
            task_id = _text(entry.get("id")) if section == "tasks" else None
            if task_id is not None:
                task_ids.append(((section, i, "id"), task_id))
            dues.append(((section, i, "due"), read_date(entry.get("due"))))
    return _check_plan_parts(doc, ctx, _text(data.get("unit")), read_date(data.get("issued")),
                             task_ids=task_ids, dues=dues)


def _check_plan_parts(doc: Document, ctx: _Context, unit: str | None, issued: date | None, *,
                      task_ids: list[tuple[tuple, str]], dues: list[tuple[tuple, date | None]]) -> list[Finding]:
    """The plan's unit exists and matches its file name, `issued` is neither in the future nor
    before the directive, no task or review is due before the directive (a due date in the
    future is fine: plans look ahead), no task id is repeated."""
    found = []
    if unit is not None:
        if unit not in ctx.units:
            if unit not in ctx.broken_units:  # else reported once, at its entry in units.yaml
                found.append(_unknown_unit(doc, unit, ctx.units))
        elif unit != doc.source.unit_dir:  # ignored (see collect): the unit's plan is the file named after it
            folder = doc.rel.rsplit("/", 1)[0]
            found.append(finding(doc.rel, doc.pos(("unit",)), "DX302", "hint.plan_ignored", value=unit,
                                 where_key="where.filename", expected=doc.source.unit_dir,
                                 path=f"{folder}/{unit}.yaml"))
    phase = doc.source.phase
    if phase is not None and ctx.phases is not None and phase_by_id(ctx.phases, phase) is None:
        found.append(finding(doc.rel, (1, 1), "DX309", value=phase,
                             choices=", ".join(p.id for p in ctx.phases)))
    found += _check_dates(doc, ctx.today, [(("issued",), issued)])
    found += _check_dates(doc, ctx.today, dues, future=False)
    return found + _duplicate_ids(doc, task_ids)


def _unknown_unit(doc: Document, value: str, unit_ids: Iterable[str]) -> Finding:
    import difflib

    close = difflib.get_close_matches(value, sorted(unit_ids), n=1, cutoff=0.6)
    return finding(doc.rel, doc.pos(("unit",)), "DX301", "hint.did_you_mean" if close else None,
                   value=value, suggestion=close[0] if close else "")


_OWN_DATE = {"event": "date", "product": "published", "report": "date"}  # a channel's are started, updates


def _record_facts(record: RecordBase) -> _RecordFacts:
    started = record.started if isinstance(record, Channel) else None
    updates = tuple(enumerate(record.updates)) if isinstance(record, Channel) else ()
    dated: list[tuple[tuple, date]] = [((_OWN_DATE[record.type],), record.when)] if started is None else (
        [(("started",), started)] + [(("updates", i), d) for i, d in updates])
    period = record.period if isinstance(record, Report) else None
    return _RecordFacts(
        unit=record.unit, plan_task=record.plan_task, dated=tuple(dated), started=started, updates=updates,
        period=(period.from_, period.to) if period else (None, None),
        evidence_files=tuple((i, e.file) for i, e in enumerate(record.evidence) if e.file is not None))


def record_facts_of_data(data) -> _RecordFacts:
    """The facts of a record that failed validation: each field, and each entry of a list,
    that is good by itself (the others were reported by validate)."""
    if not isinstance(data, dict):
        return _RecordFacts()
    kind = data.get("type") if isinstance(data.get("type"), str) else None
    own = {"channel": ["started"], None: ["date", "published", "started"]}
    names = own.get(kind) or ([_OWN_DATE[kind]] if kind in _OWN_DATE else own[None])
    dated: list[tuple[tuple, date]] = [((name,), value) for name in names
                                        if (value := read_date(data.get(name))) is not None]
    updates = _list(data.get("updates")) if kind not in _OWN_DATE else []
    good_updates = tuple((i, value) for i, entry in enumerate(updates) if (value := read_date(entry)) is not None)
    dated += [(("updates", i), value) for i, value in good_updates]
    period = data["period"] if isinstance(data.get("period"), dict) else {}
    evidence = _list(data.get("evidence"))
    files = tuple((i, file) for i, entry in enumerate(evidence)
                  if isinstance(entry, dict) and (file := _text(entry.get("file"))) is not None)
    return _RecordFacts(
        unit=_text(data.get("unit")), plan_task=_text(data.get("plan_task")), dated=tuple(dated),
        started=read_date(data.get("started")), updates=good_updates,
        period=(read_date(period.get("from")), read_date(period.get("to"))), evidence_files=files)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(value) -> str | None:
    """`value` as a text field reads it (stripped, no control characters), or None if it is not one."""
    from pydantic import ValidationError

    try:
        return _text_adapter().validate_python(value)
    except ValidationError:
        return None


@cache
def _text_adapter():
    from pydantic import TypeAdapter

    from dxtrack.models.types import MODEL_CONFIG, Text

    return TypeAdapter(Text, config=MODEL_CONFIG)


def _check_record(doc: Document, record: RecordBase, ctx: _Context) -> list[Finding]:
    return _check_record_facts(doc, _record_facts(record), ctx)


def _check_partial_record(doc: Document, data: dict, ctx: _Context) -> list[Finding]:
    """Cross-file rules on a record that failed validation, from the fields that are good:
    an unknown field or a bad value hides none of the other checks of its file."""
    return _check_record_facts(doc, record_facts_of_data(data), ctx)


def _check_record_facts(doc: Document, facts: _RecordFacts, ctx: _Context) -> list[Finding]:
    found = _check_links(doc, ctx, facts.unit, facts.plan_task, list(facts.dated)) if facts.unit else (
        _check_dates(doc, ctx.today, facts.dated))
    return found + _check_consistency(doc, facts, ctx.today) + _check_evidence(doc, facts, ctx.root)


def _check_links(doc: Document, ctx: _Context, unit_id: str, task: str | None,
                 dated: list[tuple[tuple, date]]) -> list[Finding]:
    """Unit exists and matches the folder, dates in range, plan task exists. A unit whose
    entry in units.yaml is invalid, and a plan that is invalid, were reported there: not
    again here (one cause, one finding)."""
    unit = ctx.units.get(unit_id)
    found = []
    if unit is None and unit_id not in ctx.broken_units:
        found.append(_unknown_unit(doc, unit_id, ctx.units))
    elif unit_id != doc.source.unit_dir:
        found.append(finding(doc.rel, doc.pos(("unit",)), "DX302", value=unit_id,
                             where_key="where.folder", expected=doc.source.unit_dir))
    found += _check_dates(doc, ctx.today, dated)
    if unit is not None and unit.until is not None:
        late = [(path, d) for path, d in dated if d > unit.until]
        for path, value in late[:1]:
            found.append(finding(doc.rel, doc.pos(path), "DX306", value=short_date(value),
                                 until=short_date(unit.until)))
    if task is not None and unit_id not in ctx.broken_plans and not any(
            plan.task(task) is not None for plan in ctx.plans_for(unit_id, (d for _, d in dated[:1]))):
        found.append(finding(doc.rel, doc.pos(("plan_task",)), "DX303", value=task, unit=unit_id))
    return found


def _check_consistency(doc: Document, facts: _RecordFacts, today: date) -> list[Finding]:
    """A report's period: it ends after it starts, starts no earlier than the directive, ends
    no later than today; a channel's updates come after it started."""
    found = []
    start, end = facts.period
    if start is not None and end is not None and end < start:
        found.append(finding(doc.rel, doc.pos(("period",)), "DX212", problem_key="period.reversed",
                             to=short_date(end), from_=short_date(start)))
    else:  # one finding for a period that is wrong in one way
        found += _check_dates(doc, today, [(("period", "from"), start)], future=False)
        found += _check_dates(doc, today, [(("period", "to"), end)], past=False)
    if facts.started is not None:
        for i, update in facts.updates:
            if update < facts.started:
                found.append(finding(doc.rel, doc.pos(("updates", i)), "DX212",
                                     problem_key="channel.update_before_start",
                                     value=short_date(update), started=short_date(facts.started)))
    return found


def _check_evidence(doc: Document, facts: _RecordFacts, root: Path) -> list[Finding]:
    found = []
    for i, file in facts.evidence_files:
        problem = evidence_problem(root, file)
        if problem:
            found.append(finding(doc.rel, doc.pos(("evidence", i, "file")), "DX210",
                                 value=file, problem_key=problem))
    return found


# What a file system takes: a name of at most 255 bytes, a whole path of at most 4096
NAME_MAX, PATH_MAX = 255, 4096


def evidence_problem(root: Path, rel: str) -> str | None:
    """Why the evidence path `rel` is refused (a message key), or None. A path no file
    system takes (a name over 255 bytes, the whole over 4096, a NUL) is refused by its text,
    and one the system cannot look at (a folder that may not be read) is said to be so:
    never an OSError, which would hide every other finding."""
    if os.path.isabs(rel) or rel.startswith("~"):
        return "evidence.outside"
    if "\0" in rel:
        return "evidence.missing"
    root = root.resolve()
    parts = Path(rel).parts
    if any(len(os.fsencode(part)) > NAME_MAX for part in parts) or len(os.fsencode(root / rel)) >= PATH_MAX:
        return "evidence.too_long"
    current = root
    try:
        for part in parts:
            if part == "..":
                return "evidence.outside"
            current = current / part
            if current.is_symlink():
                return "evidence.symlink"
        if not current.resolve().is_relative_to(root):
            return "evidence.outside"
        if not current.exists():
            return "evidence.missing"
    except OSError:
        return "evidence.unreadable"
    return None


def _duplicates(documents: Sequence[Document]) -> list[tuple[int, Finding]]:
    """(index, DX304) for each valid record with the unit, date and title of an earlier file."""
    seen: dict[tuple, Document] = {}
    found = []
    records = [(i, d, d.model) for i, d in enumerate(documents)
               if d.source.kind == "record" and isinstance(d.model, RecordBase)]
    for index, doc, record in sorted(records, key=lambda triple: triple[1].rel):
        key = (record.unit, record.when, fold(record.title))
        if key in seen:
            found.append((index, finding(doc.rel, doc.pos(("title",)), "DX304", other=seen[key].rel)))
        else:
            seen[key] = doc
    return found
