"""Stage 5, link: cross-file checks (units, plans, plan tasks, duplicates, dates, evidence files).

Input: the validated documents of a repo; output: new documents with the findings added.
Nothing is printed and nothing given is changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dxtrack.check.collect import Collected, collect
from dxtrack.check.document import Document, units_by_id
from dxtrack.check.findings import Finding, finding
from dxtrack.models import Channel, Plan, RecordBase, Report, Settings, Unit, UnitsFile
from dxtrack.models.settings import DIRECTIVE_ISSUED
from dxtrack.models.types import read_date
from dxtrack.text import fold, short_date


@dataclass(frozen=True)
class _Context:
    """What a cross-file rule may look at besides its own document."""

    today: date
    root: Path
    units: Mapping[str, Unit]  # unit id → unit
    plans: Mapping[str, Plan]  # unit id → plan


def link(documents: Sequence[Document], today: date, root: Path,
         collected: Collected | None = None) -> tuple[Document, ...]:
    """Validated `documents` → new ones, in the same order, with the cross-file findings
    added (a document with none added is returned as it is). `collected` is what the
    rules check against (units, plans); by default, what `documents` hold. The input
    documents are not changed."""
    collected = collected if collected is not None else collect(documents)
    ctx = _Context(today, root, units_by_id(collected.units), collected.plans)
    added = [_link_document(doc, ctx) for doc in documents]
    for index, found in [*_second_plans(documents), *_duplicates(documents)]:
        added[index].append(found)
    return tuple(replace(doc, findings=doc.findings + tuple(more)) if more else doc
                 for doc, more in zip(documents, added, strict=True))


def _link_document(doc: Document, ctx: _Context) -> list[Finding]:
    """The cross-file findings of one document, from its model (or, for a record that
    failed validation, from the fields that are good)."""
    kind, model = doc.source.kind, doc.model
    if model is None:
        return _check_partial_record(doc, doc.data, ctx) if kind == "record" and isinstance(doc.data, dict) else []
    if kind == "settings" and isinstance(model, Settings):
        return _check_dates(doc, ctx.today, [(("received",), model.received)]) + _check_settings(doc, model)
    if kind == "units" and isinstance(model, UnitsFile):
        return _check_units(doc, model, ctx.today)
    if kind == "plan" and isinstance(model, Plan):
        return _check_plan(doc, model, ctx)
    if kind == "record" and isinstance(model, RecordBase):
        return _check_record(doc, model, ctx)
    return []


def _second_plans(documents: Sequence[Document]) -> list[tuple[int, Finding]]:
    """(index, DX308) for each plan of a unit that already has one (the first in file order)."""
    first: dict[str, Document] = {}
    found = []
    for index, doc in enumerate(documents):
        plan = doc.model
        if doc.source.kind != "plan" or not isinstance(plan, Plan) or plan.unit != doc.source.unit_dir:
            continue  # a plan for another unit than its file name says is DX302
        other = first.setdefault(plan.unit, doc)
        if other is not doc:
            found.append((index, finding(doc.rel, doc.pos(("unit",)), "DX308", value=plan.unit,
                                         other=other.rel)))
    return found


def _check_dates(doc: Document, today: date, dated: Sequence[tuple[tuple, date | None]]) -> list[Finding]:
    found = []
    for path, value in dated:
        if value is None:
            continue
        if value > today:
            found.append(finding(doc.rel, doc.pos(path), "DX206", value=short_date(value),
                                 today=short_date(today)))
        elif value < DIRECTIVE_ISSUED:
            found.append(finding(doc.rel, doc.pos(path), "DX207", value=short_date(value),
                                 directive=short_date(DIRECTIVE_ISSUED)))
    return found


def _check_settings(doc: Document, settings: Settings) -> list[Finding]:
    """The phase end and the report deadlines come after the directive was received."""
    dated: list[tuple[tuple, date | None]] = [(("phase_end",), settings.phase_end)]
    dated += [(("report_due", i), due) for i, due in enumerate(settings.report_due)]
    return [finding(doc.rel, doc.pos(path), "DX212", problem_key="settings.before_received",
                    key=path[0], value=short_date(value), received=short_date(settings.received))
            for path, value in dated if value is not None and value < settings.received]


def _duplicate_ids(doc: Document, ids: list[tuple[tuple, str]]) -> list[Finding]:
    first: dict[str, tuple] = {}
    found = []
    for path, value in ids:
        if value in first:
            found.append(finding(doc.rel, doc.pos(path), "DX305", value=value, first=doc.pos(first[value])[0]))
        else:
            first[value] = path
    return found


def _check_units(doc: Document, units: UnitsFile, today: date) -> list[Finding]:
    found = _duplicate_ids(doc, [(("units", i, "id"), u.id) for i, u in enumerate(units.units)])
    for i, unit in enumerate(units.units):
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
    found = []
    if plan.unit not in ctx.units:
        found.append(_unknown_unit(doc, plan.unit, ctx.units))
    elif plan.unit != doc.source.unit_dir:
        found.append(finding(doc.rel, doc.pos(("unit",)), "DX302", value=plan.unit,
                             where_key="where.filename", expected=doc.source.unit_dir))
    found += _check_dates(doc, ctx.today, [(("issued",), plan.issued)])
    return found + _duplicate_ids(doc, [(("tasks", i, "id"), task.id) for i, task in enumerate(plan.tasks)])


def _unknown_unit(doc: Document, value: str, unit_ids: Iterable[str]) -> Finding:
    import difflib

    close = difflib.get_close_matches(value, sorted(unit_ids), n=1, cutoff=0.6)
    return finding(doc.rel, doc.pos(("unit",)), "DX301", "hint.did_you_mean" if close else None,
                   value=value, suggestion=close[0] if close else "")


def _record_dates(record: RecordBase) -> list[tuple[tuple, date]]:
    if isinstance(record, Channel):
        return [(("started",), record.started)] + [(("updates", i), d) for i, d in enumerate(record.updates)]
    field = {"event": "date", "product": "published", "report": "date"}[record.type]
    return [((field,), record.when)]


def _check_record(doc: Document, record: RecordBase, ctx: _Context) -> list[Finding]:
    return (_check_links(doc, ctx, record.unit, record.plan_task, _record_dates(record))
            + _check_consistency(doc, record) + _check_evidence(doc, record, ctx.root))


def _check_partial_record(doc: Document, data: dict, ctx: _Context) -> list[Finding]:
    """Cross-file rules on a record that failed validation, from the fields that are good."""
    unit_id = data.get("unit") if isinstance(data.get("unit"), str) else None
    task = data.get("plan_task") if isinstance(data.get("plan_task"), str) else None
    dated = []
    for name in ("date", "published", "started"):
        value = read_date(data.get(name))
        if value is not None:
            dated.append(((name,), value))
    return _check_links(doc, ctx, unit_id, task, dated) if unit_id is not None else []


def _check_links(doc: Document, ctx: _Context, unit_id: str, task: str | None,
                 dated: list[tuple[tuple, date]]) -> list[Finding]:
    """Unit exists and matches the folder, dates in range, plan task exists."""
    unit = ctx.units.get(unit_id)
    found = []
    if unit is None:
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
    if task is not None:
        plan = ctx.plans.get(unit_id)
        if plan is None or plan.task(task) is None:
            found.append(finding(doc.rel, doc.pos(("plan_task",)), "DX303", value=task, unit=unit_id))
    return found


def _check_consistency(doc: Document, record: RecordBase) -> list[Finding]:
    found = []
    if isinstance(record, Report) and record.period and record.period.to < record.period.from_:
        found.append(finding(doc.rel, doc.pos(("period",)), "DX212", problem_key="period.reversed",
                             to=short_date(record.period.to), from_=short_date(record.period.from_)))
    if isinstance(record, Channel):
        for i, update in enumerate(record.updates):
            if update < record.started:
                found.append(finding(doc.rel, doc.pos(("updates", i)), "DX212",
                                     problem_key="channel.update_before_start",
                                     value=short_date(update), started=short_date(record.started)))
    return found


def _check_evidence(doc: Document, record: RecordBase, root: Path) -> list[Finding]:
    found = []
    for i, item in enumerate(record.evidence):
        problem = evidence_problem(root, item.file) if item.file is not None else None
        if problem:
            found.append(finding(doc.rel, doc.pos(("evidence", i, "file")), "DX210",
                                 value=item.file, problem_key=problem))
    return found


def evidence_problem(root: Path, rel: str) -> str | None:
    """Why the evidence path `rel` is refused (a message key), or None."""
    if os.path.isabs(rel) or rel.startswith("~"):
        return "evidence.outside"
    root = root.resolve()
    current = root
    for part in Path(rel).parts:
        if part == "..":
            return "evidence.outside"
        current = current / part
        if current.is_symlink():
            return "evidence.symlink"
    if not current.resolve().is_relative_to(root):
        return "evidence.outside"
    if not current.exists():
        return "evidence.missing"
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
