"""`dxtrack export xlsx`: the repo as a workbook in the layout of `sheets.layout`, or the
blank template of it (`template=True`) a unit fills in for `import`.

Every record sheet gets its two header rows (field keys hidden in row 1, labels in row 2,
frozen, filtered), a dropdown of the Vietnamese labels on each column of one code (and of
the unit ids), an input message saying what to write, and dates shown dd/mm/yyyy. The
notes sheet explains each column; the hidden catalog sheet holds the dropdowns' lists.
Words are made in the language bound by the caller.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from dxtrack.check.document import Repo
from dxtrack.i18n import current_lang, has, t
from dxtrack.models import codes
from dxtrack.models.plan import Plan
from dxtrack.sheets import cells
from dxtrack.sheets.layout import (
    CATALOG,
    CATALOG_LISTS,
    FIRST_ROW,
    KEY_ROW,
    LABEL_ROW,
    METRICS,
    NOTE_SEPARATOR,
    NOTES,
    PLANS_SHEET,
    RECORD_SHEETS,
    SEPARATOR,
    TASKS_SHEET,
    UNITS_SHEET,
    VIEW_SHEETS,
    Column,
    Sheet,
    Value,
    how,
)
from dxtrack.text import fold

EMPTY_ROWS = 1000                       # rows below the data that get the dropdowns and formats
KEY_FONT = Font(color="FF808080", size=8)
TEXT_FORMAT = "@"                       # a cell typed into stays text ("=..." too, "1" too)
# the least width of a column (by key, else by what it holds), so that a blank template has room to type
WIDTHS: dict[str, int] = {"title": 40, "note": 30, Value.CODE: 20, Value.CODES: 30, Value.TEXTS: 26, Value.UNIT: 16,
                          Value.DATE: 13, Value.DATES: 24, Value.URL: 30, Value.EVIDENCE: 30, Value.METRICS: 18}
PROMPTS = {Value.CODE: "sheets.prompt.code", Value.UNIT: "sheets.prompt.code", Value.CODES: "sheets.prompt.codes"}


@dataclass(frozen=True)
class Exported:
    """A workbook's bytes, and what it holds: records, the records left out (with errors),
    units, plans, plan tasks."""

    data: bytes
    records: int = 0
    left_out: int = 0
    units: int = 0
    plans: int = 0
    tasks: int = 0


def sheet_name(sheet_id: str) -> str:
    return t(f"sheets.sheet.{sheet_id}")


def _word(kind: str, sheet_id: str, key: str) -> str:
    """`sheets.<kind>.<sheet>.<key>` if there is one, else `sheets.<kind>.<key>` ("" if none)."""
    for name in (f"sheets.{kind}.{sheet_id}.{key}", f"sheets.{kind}.{key}"):
        if has(name):
            return t(name)
    return ""


def column_label(sheet_id: str, key: str) -> str:
    """The header of column `key` of sheet `sheet_id`, in the current language."""
    return _word("col", sheet_id, key) or key


def export_workbook(repo: Repo, template: bool = False) -> Exported:
    """The workbook of `repo` (every valid record, the units, plans and tasks), or the blank
    template (`template`), as bytes and counts."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook has
    units = [u.id for u in repo.units]
    refs = _write_catalog(wb, units)
    counted = 0
    for sheet in RECORD_SHEETS:
        rows = [] if template else _record_rows(repo, sheet.id)
        counted += len(rows)
        _write_sheet(wb, sheet, rows, refs, units)
    plans = tasks = 0
    if not template:
        plan_rows, task_rows = _plan_rows(repo)
        plans, tasks = len(plan_rows), len(task_rows)
        for sheet, rows in ((UNITS_SHEET, _unit_rows(repo)), (PLANS_SHEET, plan_rows), (TASKS_SHEET, task_rows)):
            _write_sheet(wb, sheet, rows, {}, units, dropdowns=False)
    _write_notes(wb, template, bool(repo.settings and repo.settings.sample), units)
    wb.move_sheet(wb[sheet_name(CATALOG)], offset=len(wb.sheetnames) - 1)  # written first, shown last
    for ws in wb.worksheets:
        _print_setup(ws, f"{KEY_ROW}:{LABEL_ROW}" if ws.freeze_panes == f"A{FIRST_ROW}" else None)
    wb.active = 0
    wb.properties.creator = "dxtrack"
    buffer = io.BytesIO()
    wb.save(buffer)
    return Exported(buffer.getvalue(), counted, 0 if template else _records_left_out(repo),
                    0 if template else len(units), plans, tasks)


def _records_left_out(repo: Repo) -> int:
    """The records not exported for their errors (status's "left out" counts plans and
    misplaced files too; the message of `export` speaks of records)."""
    return sum(1 for doc in repo.documents if doc.source.kind in ("record", "unreadable") and doc.is_left_out)


def _print_setup(ws: Any, title_rows: str | None) -> None:
    """Printed on A4 landscape, as wide as the page, the header rows (`title_rows`) on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


# ---------------------------------------------------------------- rows

def _record_rows(repo: Repo, kind: str) -> list[dict]:
    """The valid records of type `kind` as dicts of their fields, by unit, date and title."""
    found = [(doc.rel, record) for doc, record in repo.records() if record.type == kind]
    found.sort(key=lambda pair: (pair[1].unit, pair[1].when, fold(pair[1].title), pair[0]))
    return [record.model_dump(by_alias=True, exclude_none=True) for _, record in found]


def _unit_rows(repo: Repo) -> list[dict]:
    return [u.model_dump(exclude_none=True) for u in repo.units]


def _plan_rows(repo: Repo) -> tuple[list[dict], list[dict]]:
    """The plans (the one for every phase, then each phase's own) and their tasks, by unit."""
    plans: list[tuple[str, str, Plan]] = [(unit, "", plan) for unit, plan in repo.plans.items()]
    plans += [(unit, phase, plan) for phase, by_unit in repo.phase_plans.items() for unit, plan in by_unit.items()]
    plans.sort(key=lambda item: (item[0], item[1]))
    plan_rows, task_rows = [], []
    for unit, phase, plan in plans:
        data = plan.model_dump(exclude_none=True)
        plan_rows.append({**data, "unit": unit, "phase": phase})
        task_rows += [{**task, "unit": unit, "phase": phase} for task in data.get("tasks", [])]
    return plan_rows, task_rows


def _pick(data: dict, column: Column) -> Any:
    """The value of `column` in a record's `data` (a product's other metrics: those without a
    column of their own)."""
    if column.value is Value.METRICS:
        return {k: v for k, v in (data.get(column.key) or {}).items() if k not in METRICS}
    value: Any = data
    for part in column.path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _dmy(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def cell_text(column: Column, value: Any) -> str:
    """A value that is written as text, as `import` reads it back: codes as their labels, lists
    joined by "; ", dates as dd/mm/yyyy, an evidence's note after " | "."""
    lang = current_lang()
    kind = column.value
    if kind is Value.CODE and column.code_list:
        return codes.label(column.code_list, value, lang)
    if kind is Value.CODES and column.code_list:
        return SEPARATOR.join(codes.label(column.code_list, v, lang) for v in value)
    if kind is Value.DATES:
        return SEPARATOR.join(_dmy(d) for d in value)
    if kind is Value.TEXTS:
        return SEPARATOR.join(str(v) for v in value)
    if kind is Value.EVIDENCE:
        return SEPARATOR.join(str(e.get("url") or e.get("file")) + (NOTE_SEPARATOR + e["note"] if e.get("note") else "")
                              for e in value)
    if kind is Value.METRICS:
        return SEPARATOR.join(f"{name}: {n}" for name, n in value.items())
    if kind is Value.REVIEWS:
        return SEPARATOR.join(f"{codes.label('review_kind', r['kind'], lang)} {_dmy(r['due'])}"
                              + (f" ({r['note']})" if r.get("note") else "") for r in value)
    return str(value)


def _write_value(cell: Any, column: Column, value: Any) -> None:
    if value in (None, "", [], {}):
        return
    if column.value is Value.DATE:
        cells.date(cell, value)
    elif column.value is Value.INT:
        cells.number(cell, value)
    else:
        cells.text(cell, cell_text(column, value))


# ---------------------------------------------------------------- sheets

def _write_sheet(wb: Workbook, sheet: Sheet, rows: list[dict], refs: dict[str, str], units: list[str],
                 dropdowns: bool = True) -> None:
    """A sheet: the keys (hidden row 1), the labels (row 2, frozen, filtered), the rows, the
    formats, dropdowns and input messages of its columns, widths that fit."""
    ws = wb.create_sheet(sheet_name(sheet.id))
    cells.header(ws, [column_label(sheet.id, c.key) for c in sheet.columns], row=LABEL_ROW)
    for col, column in enumerate(sheet.columns, start=1):
        cells.text(ws.cell(row=KEY_ROW, column=col), column.key).font = KEY_FONT
    ws.row_dimensions[KEY_ROW].hidden = True
    for r, data in enumerate(rows, start=FIRST_ROW):
        for col, column in enumerate(sheet.columns, start=1):
            _write_value(ws.cell(row=r, column=col), column, _pick(data, column))
    cells.autofilter(ws, LABEL_ROW)
    _fit(ws, sheet)
    last = FIRST_ROW + len(rows) + EMPTY_ROWS
    for col, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].number_format = (
            cells.DATE_FORMAT if column.value is Value.DATE else "General" if column.value is Value.INT
            else TEXT_FORMAT)
        if dropdowns:
            _validate(ws, sheet, column, f"{letter}{FIRST_ROW}:{letter}{last}", refs, units)


def _fit(ws: Any, sheet: Sheet) -> None:
    """Widths that fit the content, but never less than a column needs to be typed into (a
    blank template too); then the rows as tall as their lines."""
    cells.fit_widths(ws, min_width=10, header_row=LABEL_ROW)
    widths = {}
    for col, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(col)
        wanted = WIDTHS.get(column.key, WIDTHS.get(column.value, 0))
        widths[letter] = max(int(ws.column_dimensions[letter].width or 0), wanted)
    cells.fit_widths(ws, min_width=10, widths=widths, header_row=LABEL_ROW)  # again: the header's height
    cells.fit_heights(ws, min_row=FIRST_ROW)


def _validate(ws: Any, sheet: Sheet, column: Column, cells_ref: str, refs: dict[str, str], units: list[str]) -> None:
    """A column's data validation: a dropdown of its list (a warning, not a refusal, for a value
    typed that is not in it: import reads labels without diacritics too), whole numbers for a
    number, and for every column an input message saying what to write."""
    ref = refs.get("unit" if column.value is Value.UNIT else column.code_list or "") \
        if column.value in (Value.UNIT, Value.CODE) else None
    note = _word("note", sheet.id, column.key)
    params = how(column, units)
    short = PROMPTS.get(column.value)  # a list is too long for an input message: it is on the notes sheet
    prompt = f"{note} {t(short) if short else t(params['how_key'], **params)}".strip()
    prompt = prompt if len(prompt) <= 255 else prompt[:254] + "…"
    kwargs: dict[str, Any] = {}
    if ref:
        kwargs = {"type": "list", "formula1": ref}
    elif column.value is Value.INT:
        kwargs = {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"}
    dv = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=column_label(sheet.id, column.key)[:32],
                        prompt=prompt[:255], showErrorMessage=bool(kwargs), errorStyle="warning",
                        errorTitle=t("sheets.validation.error_title")[:32], error=t("sheets.validation.error"),
                        **kwargs)
    dv.add(cells_ref)
    ws.add_data_validation(dv)


def _write_catalog(wb: Workbook, units: list[str]) -> dict[str, str]:
    """The hidden sheet of the dropdowns' lists (the unit ids, then each code list's labels):
    {list name or "unit": its cells, as a formula}."""
    ws = wb.create_sheet(sheet_name(CATALOG))
    lang = current_lang()
    lists = [("unit", t("sheets.catalog.unit"), units)]
    lists += [(name, t(f"sheets.list.{name}"), [codes.label(name, c, lang) for c in codes.choices(name)])
              for name in CATALOG_LISTS]
    cells.header(ws, [title for _, title, _ in lists])
    refs = {}
    for col, (name, _, values) in enumerate(lists, start=1):
        for r, value in enumerate(values, start=2):
            cells.text(ws.cell(row=r, column=col), value)
        letter = get_column_letter(col)
        if values:
            refs[name] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
    cells.autofilter(ws)
    cells.fit_widths(ws)
    ws.sheet_state = "hidden"
    return refs


def _write_notes(wb: Workbook, template: bool, sample: bool, units: list[str]) -> None:
    """The notes sheet: the rules, then a row per column of every sheet: its header, key,
    whether it is required, what it holds, how to write it, an example."""
    ws = wb.create_sheet(sheet_name(NOTES))
    lines = [t("sheets.notes.title")] + ([t("sheets.notes.sample")] if sample else [])
    lines += [f"• {t(f'sheets.notes.rule.{name}')}" for name in ("rows", "codes", "lists", "dates", "codes_row",
                                                                 "import")]
    for r, line in enumerate(lines, start=1):
        cells.text(ws.cell(row=r, column=1), line).font = Font(bold=r == 1 or (sample and r == 2),
                                                                size=14 if r == 1 else 11,
                                                                color="FFC00000" if sample and r == 2 else None)
    top = len(lines) + 2
    heads = ("sheet", "column", "header", "key", "required", "what", "how", "example")
    cells.header(ws, [t(f"sheets.notes.head.{h}") for h in heads], row=top)
    ws.freeze_panes = None  # the rules above stay where they are
    r = top + 1
    for sheet in RECORD_SHEETS + (() if template else VIEW_SHEETS):
        for col, column in enumerate(sheet.columns, start=1):
            for c, value in enumerate(_note_row(sheet, col, column, units), start=1):
                cell = cells.text(ws.cell(row=r, column=c), value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
    cells.autofilter(ws, top)
    cells.fit_widths(ws, widths={"A": 24, "B": 6, "C": 28, "D": 16, "E": 14, "F": 40, "G": 60, "H": 36},
                     header_row=top)
    cells.fit_heights(ws, min_row=top + 1)


def _note_row(sheet: Sheet, col: int, column: Column, units: list[str]) -> list[str]:
    params = how(column, units)
    imported = sheet.imported
    what = _word("note", sheet.id, column.key) if imported else t("sheets.note.view_only")
    example = (units[0] if column.value is Value.UNIT and units else _word("example", sheet.id, column.key)) \
        if imported else ""
    required = t("sheets.required.yes" if column.required else "sheets.required.no")
    return [sheet_name(sheet.id), get_column_letter(col), column_label(sheet.id, column.key), column.key,
            required, what, t(params["how_key"], **params), example]
