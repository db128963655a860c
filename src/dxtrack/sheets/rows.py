"""`dxtrack import`: the rows of a workbook's record sheets → the files `dxtrack new` would
write, and the problems of the cells.

A sheet is found by its name (in either language); its columns by the field keys of its
hidden first row, else by their header labels (either language, without regard to case or
diacritics). A cell is read as a clerk types it: a real date or dd/mm/yyyy, d/m/yyyy or ISO
text; a code as its label, with or without diacritics; a list separated by ";". The values of
a row are then drafted exactly as `new` drafts them (`write.record.draft`: the same models,
the same cross-file rules), and what `check` finds in a field is told at its cell. A row
already in the repo (same unit, date and title: `check`'s DX304), or twice in the workbook, is
skipped. Nothing is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dxtrack.check.document import Repo
from dxtrack.check.findings import Finding, Severity
from dxtrack.errors import SetupError
from dxtrack.i18n import t_in
from dxtrack.models import codes
from dxtrack.models.fields import date_field
from dxtrack.models.types import date_problem
from dxtrack.sheets.layout import (
    CATALOG,
    NOTE_SEPARATOR,
    NOTES,
    RECORD_SHEETS,
    VIEW_SHEETS,
    Column,
    Sheet,
    Value,
    how,
)
from dxtrack.sheets.reader import SheetRows
from dxtrack.text import fold
from dxtrack.write.record import Draft, draft

_DMY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SPLIT = re.compile(r"\s*[;\n]\s*")
_DIGITS = re.compile(r"^[+-]?\d+$")
_METRIC = re.compile(r"^([^:=]+?)\s*[:=]\s*(.+)$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: a sheet, a row and a column (its letter and the header the
    file gives it) where known; a message key with its parameters, or the finding `check`
    gave the field (its parameters then say how to write the column)."""

    sheet: str
    row: int | None = None
    column: str | None = None
    header: str | None = None
    key: str = ""
    params: tuple = ()
    finding: Finding | None = None
    warning: bool = False


@dataclass(frozen=True)
class Planned:
    """A row that becomes a file."""

    sheet: str
    row: int
    draft: Draft


@dataclass
class ImportPlan:
    """What importing a workbook would do: the files to write, the rows skipped (already in the
    repo), the rows with errors, every problem (errors and warnings), the sheets only to read."""

    files: list[Planned] = field(default_factory=list)
    skipped: int = 0
    bad_rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    view_only: list[str] = field(default_factory=list)


def _names(sheet_id: str) -> set[str]:
    return {fold(t_in(lang, f"sheets.sheet.{sheet_id}")) for lang in ("vi", "en")}


def _labels(sheet_id: str, key: str) -> set[str]:
    found = {fold(key)}
    for lang in ("vi", "en"):
        for name in (f"sheets.col.{sheet_id}.{key}", f"sheets.col.{key}"):
            text = t_in(lang, name)
            if text != name:
                found.add(fold(text))
                break
    return found


def plan_import(repo: Repo, workbook: list[SheetRows]) -> ImportPlan:
    """The import of the record sheets of `workbook` into `repo` (nothing written); a
    SetupError when it has no record sheet at all."""
    result = ImportPlan()
    found = []
    for rows in workbook:
        key = fold(rows.title)
        sheet = next((s for s in RECORD_SHEETS if key in _names(s.id)), None)
        if sheet is not None:
            found.append((sheet, rows))
        elif any(key in _names(s.id) for s in VIEW_SHEETS):
            result.view_only.append(rows.title)
        elif key not in _names(NOTES) | _names(CATALOG) and rows.rows:
            result.problems.append(Problem(rows.title, key="sheets.problem.unknown_sheet", warning=True))
    if not found:
        names = ", ".join(t_in("vi", f"sheets.sheet.{s.id}") for s in RECORD_SHEETS)
        raise SetupError("sheets.no_record_sheets", names=names)
    batch = _Batch()
    for sheet, rows in found:
        _plan_sheet(repo, sheet, rows, result, batch)
    return result


@dataclass
class _Batch:
    """The files and records planned so far, so that two rows never make one file twice."""

    rels: set[str] = field(default_factory=set)
    keys: set[tuple] = field(default_factory=set)


@dataclass(frozen=True)
class _Layout:
    """Where a sheet's columns are: column index → (Column, header as the file has it)."""

    columns: dict[int, tuple[Column, str]]
    data: tuple[tuple[int, tuple[Any, ...]], ...]


def _is_key_row(values: tuple, sheet: Sheet) -> bool:
    """Every filled cell is a field key of `sheet` (the hidden first row `export` writes)."""
    keys = {c.key for c in sheet.columns}
    filled = [v for v in values if v not in (None, "")]
    return bool(filled) and all(isinstance(v, str) and v.strip() in keys for v in filled)


def _is_label_row(values: tuple, labels_of: dict[str, set[str]]) -> bool:
    """Most filled cells (two at least) are header labels of the sheet: a header row, not data."""
    filled = [v for v in values if v not in (None, "")]
    known = sum(1 for v in filled if isinstance(v, str) and any(fold(v) in s for s in labels_of.values()))
    return known >= 2 and 2 * known >= len(filled)


def _layout(sheet: Sheet, rows: SheetRows, result: ImportPlan) -> _Layout | None:
    """The columns of `rows`: by the key row if its first row is one, else by the header labels
    of its first row; a row of labels under it is a header row too. Unknown and repeated columns
    are told once as warnings; a required column missing is an error (None)."""
    if not rows.rows:
        return _Layout({}, ())
    labels_of = {c.key: _labels(sheet.id, c.key) for c in sheet.columns}
    heads, data = rows.rows[0][1], rows.rows[1:]
    by_key = _is_key_row(heads, sheet)
    labels: tuple = heads
    if data and _is_label_row(data[0][1], labels_of):
        labels, data = data[0][1], data[1:]
    columns: dict[int, tuple[Column, str]] = {}
    seen: dict[str, int] = {}
    for i in range(max(len(heads), len(labels))):
        head = heads[i] if i < len(heads) and heads[i] not in (None, "") else None
        shown = str(labels[i]).strip() if i < len(labels) and labels[i] not in (None, "") else str(head or "")
        if head is None and not shown:
            continue
        text = str(head if head is not None else shown).strip()
        column = sheet.column(text) if by_key and head is not None else next(
            (c for c in sheet.columns if fold(text) in labels_of[c.key]), None)
        problem = _column_problem(rows.title, i, shown, column, seen)
        if problem is not None:
            result.problems.append(problem)
        elif column is not None:
            seen[column.key] = i
            columns[i] = (column, shown)
    missing = [c for c in sheet.columns if c.required and c.key not in seen]
    result.problems += [Problem(rows.title, key="sheets.problem.missing_column",
                                params=(("header", _label(sheet.id, c.key)), ("key", c.key))) for c in missing]
    if missing:
        result.bad_rows += len(data)
        return None
    return _Layout(columns, data)


def _column_problem(title: str, index: int, shown: str, column: Column | None, seen: dict[str, int]) -> Problem | None:
    """A column not known, or a second column of one field: a warning (the column is ignored)."""
    if column is None:
        return Problem(title, column=_letter(index), header=shown, key="sheets.problem.unknown_column", warning=True)
    if column.key in seen:
        return Problem(title, column=_letter(index), header=shown, warning=True, key="sheets.problem.repeated_column",
                       params=(("first", _letter(seen[column.key])),))
    return None


def _label(sheet_id: str, key: str) -> str:
    """The header of column `key` of `sheet_id` in the current language."""
    from dxtrack.i18n import has, t

    name = f"sheets.col.{sheet_id}.{key}"
    return t(name if has(name) else f"sheets.col.{key}")


def _plan_sheet(repo: Repo, sheet: Sheet, rows: SheetRows, result: ImportPlan, batch: _Batch) -> None:
    layout = _layout(sheet, rows, result)
    if layout is None:
        return
    units = [u.id for u in repo.units]
    for number, values in layout.data:
        _plan_row(repo, sheet, rows.title, number, values, layout, units, result, batch)


def _plan_row(repo: Repo, sheet: Sheet, title: str, number: int, values: tuple, layout: _Layout,
              units: list[str], result: ImportPlan, batch: _Batch) -> None:
    """One row: its cells read, its file drafted, then planned, skipped or told as bad."""
    fields, problems = _read_row(repo, title, number, values, layout, units)
    made = draft(repo, sheet.id, fields, taken=lambda rel: rel in batch.rels)
    key = (made.data.get("unit"), made.data.get(date_field(sheet.id) or ""), fold(str(made.data.get("title", ""))))
    if any(f.code == "DX304" for f in made.findings) or key in batch.keys:
        result.skipped += 1
        return
    problems += _finding_problems(made, sheet, title, number, layout, units, {p.column for p in problems})
    result.problems.extend(problems)
    if any(not p.warning for p in problems):
        result.bad_rows += 1
        return
    batch.rels.add(made.rel)
    batch.keys.add(key)
    result.files.append(Planned(title, number, made))


def _read_row(repo: Repo, title: str, number: int, values: tuple, layout: _Layout,
              units: list[str]) -> tuple[dict[str, Any], list[Problem]]:
    """The field values of a row's cells, and the problems of the cells that do not read (a
    required one left empty among them)."""
    fields: dict[str, Any] = {}
    problems = []
    for i, (column, shown) in layout.columns.items():
        value, problem = read_cell(repo, column, values[i] if i < len(values) else None)
        if problem is None and value is None and column.required:
            problem = ("sheets.problem.required", how(column, units))
        if problem is not None:
            problems.append(Problem(title, number, _letter(i), shown, key=problem[0], params=tuple(problem[1].items())))
        if value is not None:
            _put(fields, column, value)
    return fields, problems


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _finding_problems(made: Draft, sheet: Sheet, title: str, number: int, layout: _Layout, units: list[str],
                      told: set[str | None]) -> list[Problem]:
    """What `check` finds in the drafted file, each at the cell of its field (with how to write
    that column), but for the cells whose own problem is told already (`told`: their letters)."""
    where = {column.key: (_letter(i), shown) for i, (column, shown) in layout.columns.items()}
    spans = _spans(made) if made.findings else {}
    found = []
    for f in made.findings:
        column = _finding_column(f, spans, sheet)
        letter, shown = where.get(column.key, (None, None)) if column else (None, None)
        if letter is not None and letter in told:
            continue  # the cell's own problem says it already
        params = () if f.code == "DX213" or column is None else tuple(how(column, units).items())
        found.append(Problem(title, number, letter, shown, finding=f, params=params,
                             warning=f.severity is not Severity.ERROR))
    return found


def _put(fields: dict, column: Column, value: Any) -> None:
    """Put a cell's value where its field goes: nested (`period.from`), or merged into the
    metrics."""
    if column.value is Value.METRICS:
        fields.setdefault(column.key, {}).update(value)
        return
    *parents, last = column.path
    target = fields
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def _spans(made: Draft) -> dict:
    """Where each key of the drafted file is (path → line, column)."""
    from dxtrack.check.load import load_text

    return load_text(made.text, made.rel).spans


def _finding_column(f: Finding, spans: dict, sheet: Sheet) -> Column | None:
    """The column of the field a finding is about: by the key it names, else by where it is in
    the drafted file (`spans`)."""
    names = []
    key = dict(f.params).get("key")
    if isinstance(key, str):
        names += [key, key.split(".")[0]]
    at = [path for path, pos in spans.items() if pos == (f.line, f.column) and path]
    for path in sorted(at, key=len, reverse=True):
        parts = [p for p in path if isinstance(p, str)]
        names += [".".join(parts), parts[0]]
    return next((c for c in (sheet.column(n) for n in names if n) if c is not None), None)


# ---------------------------------------------------------------- cells

Read = tuple[Any, tuple[str, dict] | None]  # (the value, or None for an empty cell; a problem)


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def read_cell(repo: Repo, column: Column, raw: Any) -> Read:
    """What the cell `raw` (as openpyxl gives it) holds for `column`: the value for the
    field, and a problem (a message key and its parameters) when it cannot be read; a value
    that reads but is wrong is given as it is, for the models to say what is wrong with it."""
    if _blank(raw):
        return None, None
    kind = column.value
    if kind is Value.DATE:
        return _read_date(raw, column)
    if kind is Value.INT:
        return _read_int(raw), None
    if kind is Value.DATES:
        return _read_many(_items(raw), lambda item: _read_date(item, column))
    if kind is Value.CODE and column.code_list:
        return _read_code(column.code_list, _text(raw))
    if kind is Value.CODES and column.code_list:
        return _read_codes(column.code_list, _text(raw))
    if kind is Value.UNIT:
        return _read_unit(repo, _text(raw)), None
    if kind is Value.TEXTS:
        return _items(raw) or None, None
    if kind is Value.EVIDENCE:
        return [_evidence(item) for item in _items(raw)] or None, None
    if kind is Value.METRICS:
        return _read_metrics(_items(raw), column)
    return _text(raw), None


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.strftime("%d/%m/%Y")
    return str(raw).strip()


def _items(raw: Any) -> list:
    if isinstance(raw, (date, datetime, int, float)):
        return [raw]
    return [item for item in _SPLIT.split(str(raw).strip()) if item]


def _read_many(items: list, read) -> Read:
    values, problem = [], None
    for item in items:
        value, found = read(item)
        values.append(value)
        problem = problem or found
    return values or None, problem


def _read_date(raw: Any, column: Column) -> Read:
    """A real date, or dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd text; else no value and a problem (a
    date that names no day, 31/09/2025, told as `check` tells it: "tháng 9 chỉ có 30 ngày").
    A date that does not read never reaches the draft, whose file is named by its date."""
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    text = _text(raw) if isinstance(raw, str) else None
    match = (_DMY.match(text) or _YMD.match(text)) if text else None
    if text is None or match is None:
        return None, ("sheets.problem.bad_date", {"value": _text(raw), **how(column)})
    parts = [int(g) for g in match.groups()]
    day, month, year = parts if match.re is _DMY else parts[::-1]
    try:
        return date(year, month, day), None
    except ValueError:
        impossible = date_problem(f"{day}/{month}/{year}")
        if impossible:  # in check's words (DX205): "tháng 9 chỉ có 30 ngày"
            problem_key, params = impossible
            return None, ("DX205", {"value": text, "problem_key": problem_key, **params, **how(column)})
        return None, ("sheets.problem.bad_date", {"value": text, **how(column)})


def _read_int(raw: Any) -> Any:
    """A whole number: a number cell, or digits typed as text. Anything else (1.000, 2,5,
    "nhiều") is given as written, for the model to say what to write ("viết 1000")."""
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, (int, float)):
        return raw
    text = _text(raw)
    return int(text) if _DIGITS.match(text) else text


def _read_code(list_name: str, text: str) -> Read:
    found = codes.resolve(list_name, text)
    return (found, None) if found else (text, _bad_code(list_name, text))


def _read_codes(list_name: str, text: str) -> Read:
    """Codes separated by ";" (or by "," when each part is a code and the whole is not one:
    labels themselves hold commas)."""
    values, problem = [], None
    for item in _items(text):
        found = codes.resolve(list_name, item)
        parts = [codes.resolve(list_name, p.strip()) for p in item.split(",")] if not found else []
        if found:
            values.append(found)
        elif len(parts) > 1 and all(parts):
            values += [p for p in parts if p]
        else:
            values.append(item)
            problem = problem or _bad_code(list_name, item)
    return values or None, problem


def _bad_code(list_name: str, value: str) -> tuple[str, dict]:
    from dxtrack.i18n import current_lang

    lang = current_lang()
    guess = codes.suggest(list_name, value)
    hint = t_in(lang, "sheets.problem.did_you_mean", label=codes.label(list_name, guess, lang)) if guess else ""
    choices = "; ".join(codes.label(list_name, c, lang) for c in codes.choices(list_name))
    return "sheets.problem.bad_code", {"value": value, "list_key": f"sheets.list.{list_name}", "hint": hint,
                                       "choices": choices}


def _read_unit(repo: Repo, text: str) -> str:
    """A unit's id: as typed when it is one, else the unit its name names; else as typed, for
    the link stage to say it is not in units.yaml."""
    if repo.unit(text) is not None:
        return text
    from dxtrack.models.lookup import find_unit

    try:
        return find_unit(repo.units, text).id
    except SetupError:
        return text


def _evidence(item: Any) -> dict:
    target, _, note = str(item).partition(NOTE_SEPARATOR.strip())
    target, note = target.strip(), note.strip()
    entry = {"url": target} if _SCHEME.match(target) else {"file": target}
    return {**entry, "note": note} if note else entry


def _read_metrics(items: list, column: Column) -> Read:
    found: dict[str, Any] = {}
    for item in items:
        match = _METRIC.match(str(item))
        if match is None:
            return None, ("sheets.problem.bad_metric", {"value": str(item), **how(column)})
        found[match.group(1).strip()] = _read_int(match.group(2))
    return found or None, None


def write_planned(root: Any, plan: ImportPlan) -> list[str]:
    """Write the files of `plan` under the repo folder `root`, each atomically and never over
    a file; the ones written (one that appeared meanwhile, or that the system refuses, becomes
    an error of its row in `plan.problems`)."""
    from pathlib import Path

    from dxtrack.fsutil import problem_params, safe_target, write_atomic

    written = []
    for planned in plan.files:
        try:  # checked again here, as the file is written: no link inside the repo on its way
            path = safe_target(root, Path(root) / planned.draft.rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, planned.draft.text.encode("utf-8"), root=Path(root))
        except OSError as exc:
            plan.problems.append(Problem(planned.sheet, planned.row, key="sheets.problem.write_failed",
                                         params=(("rel", planned.draft.rel), *problem_params(exc).items())))
            plan.bad_rows += 1
            continue
        written.append(planned.draft.rel)
    return written
