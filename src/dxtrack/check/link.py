"""Cross-file checks: units, plans, plan tasks, duplicates, dates, evidence files.

Input: the validated documents of a repo; output: findings. Nothing is printed.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from pathlib import Path

from dxtrack.check.findings import Finding, finding
from dxtrack.models import Channel, Plan, RecordBase, Report, Settings, UnitsFile
from dxtrack.models.settings import DIRECTIVE_ISSUED
from dxtrack.models.types import read_date
from dxtrack.check.document import Document, Repo
from dxtrack.text import fold, short_date


def link(repo: Repo) -> None:
    """Add cross-file findings to the documents of `repo`."""
    by_kind = defaultdict(list)
    for doc in repo.documents:
        if doc.model is not None:
            by_kind[doc.source.kind].append(doc)
        elif doc.source.kind == "record" and isinstance(doc.data, dict):
            by_kind["partial_record"].append(doc)
    for doc in by_kind["settings"]:
        _check_dates(doc, repo.today, [(("received",), doc.model.received)])
        _check_settings(doc)
    for doc in by_kind["units"]:
        _check_units(doc, repo.today)
    unit_ids = {u.id for u in repo.units}
    first_plan: dict[str, Document] = {}
    for doc in by_kind["plan"]:
        _check_plan(doc, unit_ids, repo.today)
        if doc.model.unit != doc.source.unit_dir:
            continue  # reported as DX302
        other = first_plan.setdefault(doc.model.unit, doc)
        if other is not doc:
            doc.findings.append(finding(doc.rel, doc.pos(("unit",)), "DX308", value=doc.model.unit,
                                        other=other.rel))
    for doc in by_kind["record"]:
        _check_record(doc, repo)
    for doc in by_kind["partial_record"]:
        _check_partial_record(doc, repo)
    _check_duplicates(by_kind["record"])


def _check_dates(doc: Document, today: date, dated: list[tuple[tuple, date | None]]) -> None:
    for path, value in dated:
        if value is None:
            continue
        if value > today:
            doc.findings.append(finding(doc.rel, doc.pos(path), "DX206", value=short_date(value),
                                        today=short_date(today)))
        elif value < DIRECTIVE_ISSUED:
            doc.findings.append(finding(doc.rel, doc.pos(path), "DX207", value=short_date(value),
                                        directive=short_date(DIRECTIVE_ISSUED)))


def _check_settings(doc: Document) -> None:
    """The phase end and the report deadlines come after the directive was received."""
    settings: Settings = doc.model
    dated = [(("phase_end",), settings.phase_end)]
    dated += [(("report_due", i), due) for i, due in enumerate(settings.report_due)]
    for path, value in dated:
        if value is not None and value < settings.received:
            doc.findings.append(finding(doc.rel, doc.pos(path), "DX212", problem_key="settings.before_received",
                                        key=path[0], value=short_date(value),
                                        received=short_date(settings.received)))


def _duplicate_ids(doc: Document, ids: list[tuple[tuple, str]]) -> None:
    first: dict[str, tuple] = {}
    for path, value in ids:
        if value in first:
            doc.findings.append(finding(doc.rel, doc.pos(path), "DX305", value=value,
                                        first=doc.pos(first[value])[0]))
        else:
            first[value] = path


def _check_units(doc: Document, today: date) -> None:
    units: UnitsFile = doc.model
    _duplicate_ids(doc, [(("units", i, "id"), u.id) for i, u in enumerate(units.units)])
    for i, unit in enumerate(units.units):
        _check_dates(doc, today, [(("units", i, "received"), unit.received)])
        if unit.moved_to and not unit.until:
            doc.findings.append(finding(doc.rel, doc.pos(("units", i, "moved_to")), "DX307",
                                        problem_key="units.moved_without_until"))
        if unit.until and unit.received and unit.until < unit.received:
            doc.findings.append(finding(doc.rel, doc.pos(("units", i, "until")), "DX307",
                                        problem_key="units.until_before_received",
                                        until=short_date(unit.until), received=short_date(unit.received)))


def _check_plan(doc: Document, unit_ids: set[str], today: date) -> None:
    plan: Plan = doc.model
    if plan.unit not in unit_ids:
        doc.findings.append(_unknown_unit(doc, plan.unit, unit_ids))
    elif plan.unit != doc.source.unit_dir:
        doc.findings.append(finding(doc.rel, doc.pos(("unit",)), "DX302", value=plan.unit,
                                    where_key="where.filename", expected=doc.source.unit_dir))
    _check_dates(doc, today, [(("issued",), plan.issued)])
    _duplicate_ids(doc, [(("tasks", i, "id"), task.id) for i, task in enumerate(plan.tasks)])


def _unknown_unit(doc: Document, value: str, unit_ids: set[str]) -> Finding:
    import difflib

    close = difflib.get_close_matches(value, sorted(unit_ids), n=1, cutoff=0.6)
    return finding(doc.rel, doc.pos(("unit",)), "DX301", "hint.did_you_mean" if close else None,
                   value=value, suggestion=close[0] if close else "")


def _record_dates(record: RecordBase) -> list[tuple[tuple, date]]:
    if isinstance(record, Channel):
        return [(("started",), record.started)] + [(("updates", i), d) for i, d in enumerate(record.updates)]
    field = {"event": "date", "product": "published", "report": "date"}[record.type]
    return [((field,), record.when)]


def _check_record(doc: Document, repo: Repo) -> None:
    record: RecordBase = doc.model
    _check_links(doc, repo, record.unit, record.plan_task, _record_dates(record))
    _check_consistency(doc, record)
    _check_evidence(doc, record, repo.root)


def _check_partial_record(doc: Document, repo: Repo) -> None:
    """Cross-file rules on a record that failed validation, from the fields that are good."""
    data = doc.data
    unit_id = data.get("unit") if isinstance(data.get("unit"), str) else None
    task = data.get("plan_task") if isinstance(data.get("plan_task"), str) else None
    dated = []
    for name in ("date", "published", "started"):
        value = read_date(data.get(name))
        if value is not None:
            dated.append(((name,), value))
    if unit_id is not None:
        _check_links(doc, repo, unit_id, task, dated)


def _check_links(doc: Document, repo: Repo, unit_id: str, task: str | None,
                 dated: list[tuple[tuple, date]]) -> None:
    """Unit exists and matches the folder, dates in range, plan task exists."""
    unit = repo.unit(unit_id)
    if unit is None:
        doc.findings.append(_unknown_unit(doc, unit_id, {u.id for u in repo.units}))
    elif unit_id != doc.source.unit_dir:
        doc.findings.append(finding(doc.rel, doc.pos(("unit",)), "DX302", value=unit_id,
                                    where_key="where.folder", expected=doc.source.unit_dir))
    _check_dates(doc, repo.today, dated)
    if unit is not None and unit.until is not None:
        late = [(path, d) for path, d in dated if d > unit.until]
        for path, value in late[:1]:
            doc.findings.append(finding(doc.rel, doc.pos(path), "DX306", value=short_date(value),
                                        until=short_date(unit.until)))
    if task is not None:
        plan = repo.plans.get(unit_id)
        if plan is None or plan.task(task) is None:
            doc.findings.append(finding(doc.rel, doc.pos(("plan_task",)), "DX303", value=task, unit=unit_id))


def _check_consistency(doc: Document, record: RecordBase) -> None:
    if isinstance(record, Report) and record.period and record.period.to < record.period.from_:
        doc.findings.append(finding(doc.rel, doc.pos(("period",)), "DX212", problem_key="period.reversed",
                                    to=short_date(record.period.to), from_=short_date(record.period.from_)))
    if isinstance(record, Channel):
        for i, update in enumerate(record.updates):
            if update < record.started:
                doc.findings.append(finding(doc.rel, doc.pos(("updates", i)), "DX212",
                                            problem_key="channel.update_before_start",
                                            value=short_date(update), started=short_date(record.started)))


def _check_evidence(doc: Document, record: RecordBase, root: Path) -> None:
    for i, item in enumerate(record.evidence):
        if item.file is None:
            continue
        problem = evidence_problem(root, item.file)
        if problem:
            doc.findings.append(finding(doc.rel, doc.pos(("evidence", i, "file")), "DX210",
                                        value=item.file, problem_key=problem))


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


def _check_duplicates(docs: list[Document]) -> None:
    seen: dict[tuple, Document] = {}
    for doc in sorted(docs, key=lambda d: d.rel):
        record: RecordBase = doc.model
        key = (record.unit, record.when, fold(record.title))
        if key in seen:
            doc.findings.append(finding(doc.rel, doc.pos(("title",)), "DX304", other=seen[key].rel))
        else:
            seen[key] = doc
