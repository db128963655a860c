"""Small openpyxl helpers shared by every workbook dxtrack writes.

    text(cell, value)     a value as TEXT, never a formula, whatever it starts with
    date(cell, d)         a real date, shown dd/mm/yyyy
    number(cell, n)       a number (None leaves the cell empty)
    header(ws, labels)    row 1: bold, filled, wrapped; frozen below it; autofilter
    autofilter(ws)        the autofilter over the used range (again, once the rows are in)
    fit_widths(ws)        column widths that fit the content

A cell written with `text` is a string cell (`data_type "s"`) even when it starts with
`=`, `+`, `-`, `@`, a tab or CR (what `text.starts_like_formula` says a spreadsheet would
run, the same test as the CSV writer's: those also get the style's quotePrefix, so Excel and
LibreOffice keep them as text when the cell is edited) or LF. Characters a workbook cannot
hold (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates) are written as visible
escapes (`\\x0b`, by `text.xml_safe`), and text longer than Excel's cell limit is cut.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date as _date
from datetime import datetime
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dxtrack.text import starts_like_formula, xml_safe

DATE_FORMAT = "dd/mm/yyyy"
MAX_CELL_CHARS = 32767                        # Excel's limit for one cell

FONT = "Calibri"                              # openpyxl's default; a Font without a name falls back to a serif
HEADER_FONT = Font(name=FONT, size=11, bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
HEADER_BORDER = Border(bottom=Side(style="thin", color="FF8EA9DB"))

MIN_WIDTH = 4      # a column of symbols (✓, ✗) still shows them and the filter button
MAX_WIDTH = 60     # a long name wraps rather than pushing every other column off screen
PADDING = 2        # the filter button and a little air
HEADER_WRAP = 12   # a wrapped header label takes two lines or so rather than a wide column
LINE_HEIGHT = 15   # points per line of 11-point text


def clean(value: str) -> str:
    """`value` as a workbook can hold it: what XML cannot hold escaped, cut to the cell limit."""
    return xml_safe(value)[:MAX_CELL_CHARS]


def text(cell: Any, value: Any) -> Any:
    """Write `value` (str() of it; None leaves the cell empty) into `cell` as text, never a formula."""
    if value is None:
        cell.value = None
        return cell
    value = clean(str(value))
    cell.value = value
    cell.data_type = "s"                     # openpyxl took a leading "=" for a formula
    if starts_like_formula(value):
        cell.quotePrefix = True
    return cell


def date(cell: Any, d: _date | None) -> Any:
    """Write the date `d` (a real date, not text) shown as dd/mm/yyyy; None leaves the cell empty."""
    if isinstance(d, datetime):
        d = d.date()
    cell.value = d
    if d is not None:
        cell.number_format = DATE_FORMAT
    return cell


def number(cell: Any, n: int | float | None) -> Any:
    """Write the number `n`; None leaves the cell empty."""
    cell.value = n
    return cell


def header(ws: Any, labels: Iterable[Any], row: int = 1, columns: int = 0) -> None:
    """Write `labels` (as text) into `row`: bold, filled, wrapped; freeze the panes below it (and
    right of the first `columns` columns) and put the autofilter over the used range. Call
    `autofilter(ws, row)` again once the rows are in if the header was written first."""
    for col, label in enumerate(labels, start=1):
        cell = text(ws.cell(row=row, column=col), label)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        cell.border = HEADER_BORDER
    ws.freeze_panes = f"{get_column_letter(columns + 1)}{row + 1}"
    autofilter(ws, row)


def autofilter(ws: Any, row: int = 1) -> None:
    """The autofilter from the header `row` down to the last used row and column."""
    last_col = max(ws.max_column, 1)
    last_row = max(ws.max_row, row)
    ws.auto_filter.ref = f"A{row}:{get_column_letter(last_col)}{last_row}"


def display_len(value: Any) -> int:
    """How many characters wide `value` shows: its longest line; a combining mark (a
    decomposed Vietnamese tone) counts nothing, a wide (CJK) character two; a date 10."""
    if value is None:
        return 0
    if isinstance(value, (_date, datetime)):
        return len(DATE_FORMAT)
    if isinstance(value, float):
        value = f"{value:.2f}".rstrip("0").rstrip(".")
    lines = unicodedata.normalize("NFC", str(value)).splitlines() or [""]
    return max(sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
                   for ch in line) for line in lines)


def fit_widths(ws: Any, min_width: int = MIN_WIDTH, max_width: int = MAX_WIDTH,
               widths: dict[str, int] | None = None, header_row: int = 1) -> None:
    """Set each column's width to fit its longest cell (plus padding), between `min_width` and
    `max_width`; `widths` (column letter → width) overrides a column. A wrapped cell of the
    `header_row` counts by its longest word, or HEADER_WRAP characters if that is more, so a long
    header does not widen a column of short values; the header row is then made as tall as its
    most wrapped label."""
    best: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            if cell.row == header_row and _wraps(cell):
                words = str(cell.value).split()
                size = max(max((display_len(w) for w in words), default=0),
                           min(display_len(cell.value), HEADER_WRAP))
            else:
                size = display_len(cell.value)
            best[cell.column] = max(best.get(cell.column, 0), size)
    for col, size in best.items():
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(min_width, min(max_width, size + PADDING))
    for letter, width in (widths or {}).items():
        ws.column_dimensions[letter].width = width
    lines = 1
    for cell in ws[header_row] if ws.max_row >= header_row else ():
        if cell.value is not None and _wraps(cell):
            width = ws.column_dimensions[get_column_letter(cell.column)].width or MIN_WIDTH
            lines = max(lines, len(wrap_lines(str(cell.value), max(1, int(width) - PADDING))))
    if lines > 1:
        ws.row_dimensions[header_row].height = LINE_HEIGHT * lines + 3


def _wraps(cell: Any) -> bool:
    return cell.alignment is not None and bool(cell.alignment.wrap_text)


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` broken at spaces into lines of at most `width` characters (a longer word alone)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            if line and display_len(line) + 1 + display_len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines


def fit_heights(ws: Any, min_row: int = 2) -> None:
    """Make each row from `min_row` on as tall as its most wrapped cell (by the column widths
    set, so call it after `fit_widths`): a spreadsheet does not always do it when it opens a file."""
    for row in ws.iter_rows(min_row=min_row):
        lines = 1
        for cell in row:
            if cell.value is None or not isinstance(cell.value, str):
                continue
            if _wraps(cell):
                width = ws.column_dimensions[get_column_letter(cell.column)].width or MIN_WIDTH
                lines = max(lines, len(wrap_lines(cell.value, max(1, int(width) - PADDING))))
            else:
                lines = max(lines, len(cell.value.splitlines()))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 2
