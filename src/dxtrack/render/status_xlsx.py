"""Status → an Excel workbook (.xlsx bytes), for the people who live in spreadsheets.

Built from the same Status as every other renderer. Three sheets:

    Tình hình thực hiện   the matrix, row 1 the only header row (frozen with the name column,
                          autofilter over every row): Đơn vị, Mã đơn vị, Loại, Trạng thái,
                          Điểm, Hoạt động gần nhất, one column per requirement id (its title
                          in the header cell's comment) holding the status as words (đạt,
                          một phần, ...: one fill colour per word, by conditional formatting,
                          so a filtered or edited sheet keeps its colours), the counts of
                          records, the files left out, and for a transferred unit where and
                          when it moved. Active units first, in the Status' order, then the
                          transferred ones (state "đã chuyển", no score, no statuses).
    Lý do                 one row per active unit and requirement: status and what is missing.
    Thông tin             directive, phase and its dates, as_of, the sample banner, the
                          average score, the legend of the status words and colours, the
                          requirements with their titles and whom they bind.

The heading and the sample banner are also the matrix's printed page header, and the
workbook's title and subject. Every text cell is written by `sheets.cells.text` (never a
formula), dates are dates (dd/mm/yyyy), scores and counts numbers. The bytes depend only on
the Status and the language: the document and zip timestamps are the as_of date, so the same
status gives the same file.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

from dxtrack.evaluate.status import STATUSES, SYMBOLS, Requirement, Status, UnitStatus
from dxtrack.i18n import current_lang, in_language, t
from dxtrack.models import RECORD_TYPE_NAMES
from dxtrack.render.status_common import average, banner, heading, phase_name, phase_window, status_word, title
from dxtrack.text import xml_safe

# fill and font colour of each status word (the usual Excel good / neutral / bad palette)
COLOURS = {
    "met": ("FFC6EFCE", "FF006100"),
    "partial": ("FFFFEB9C", "FF9C5700"),
    "missing": ("FFFFC7CE", "FF9C0006"),
    "not_due": ("FFDDEBF7", "FF1F4E78"),
    "n/a": ("FFF2F2F2", "FF808080"),
}
MUTED = "FF808080"  # a transferred unit's row
ID_WIDTH = 30       # a long unit id is cut in view rather than widen the sheet
PAGES_WIDE = 3      # printed: the matrix across three A4 landscape pages, names and header on each


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


@in_language
def render_matrix(status: Status, width: int = 80, color: bool = False) -> bytes:
    """The workbook of the whole matrix."""
    units = status.active + status.transferred
    return _workbook(status, units)


@in_language
def render_unit(detail, status: Status, width: int = 80, color: bool = False) -> bytes:
    """The same workbook with only this unit: one row of the matrix, its reasons."""
    return _workbook(status, [detail.status])


def _workbook(status: Status, units: list[UnitStatus]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    matrix = wb.active
    assert matrix is not None
    matrix.title = t("xlsx.sheet.status")
    _matrix_sheet(matrix, status, units)
    _reasons_sheet(wb.create_sheet(t("xlsx.sheet.reasons")), status, [u for u in units if u.state == "active"])
    _about_sheet(wb.create_sheet(t("xlsx.sheet.about")), status, units)
    _properties(wb, status)
    return _save(wb, status.as_of)


# ------------------------------------------------------------------------------ the matrix


def _matrix_sheet(ws: Any, status: Status, units: list[UnitStatus]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from dxtrack.models import codes
    from dxtrack.sheets import cells

    lang = current_lang()
    reqs = status.requirements
    head = [t("xlsx.col.name"), t("xlsx.col.id"), t("xlsx.col.kind"), t("xlsx.col.state"), t("xlsx.col.score"),
            t("xlsx.col.last"), *(r.id for r in reqs), *(t(f"xlsx.col.count.{k}") for k in RECORD_TYPE_NAMES),
            t("xlsx.col.left_out"), t("xlsx.col.moved_to"), t("xlsx.col.until")]
    first_req = 7
    after_reqs = first_req + len(reqs)
    centre = Alignment(horizontal="center")
    muted = Font(name=cells.FONT, size=11, color=MUTED)
    for row, u in enumerate(units, start=2):
        line = [ws.cell(row=row, column=col) for col in range(1, len(head) + 1)]
        cells.text(line[0], u.unit.name)
        cells.text(line[1], u.unit.id)
        cells.text(line[2], codes.label("unit_kind", u.unit.kind, lang))
        cells.text(line[3], t(f"xlsx.state.{u.state}"))
        cells.number(line[4], u.score)
        cells.date(line[5], u.last_activity)
        for i, req in enumerate(reqs):
            result = u.requirements.get(req.id)
            cell = line[first_req - 1 + i]
            cells.text(cell, status_word(str(result.status)) if result is not None else None)
            cell.alignment = centre
        for i, kind in enumerate(RECORD_TYPE_NAMES):
            cells.number(line[after_reqs - 1 + i], u.counts.get(kind, 0))
        cells.number(line[after_reqs + 3], u.left_out)
        if u.state == "transferred":
            cells.text(line[after_reqs + 4], u.unit.moved_to)
            cells.date(line[after_reqs + 5], u.unit.until)
            for cell in line:
                cell.font = muted
    cells.header(ws, head, columns=1)  # the unit's name stays in view as one scrolls right
    for i, req in enumerate(reqs):
        note = Comment(f"{req.id}. {title(req)}", "dxtrack")
        note.width, note.height = 300, 80
        head_cell = ws.cell(row=1, column=first_req + i)
        head_cell.comment = note
        head_cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
    score_note = Comment(t("xlsx.score_note"), "dxtrack")
    score_note.width, score_note.height = 300, 100
    ws.cell(row=1, column=5).comment = score_note
    last_row = max(len(units) + 1, 2)
    if reqs:
        span = f"{get_column_letter(first_req)}2:{get_column_letter(after_reqs - 1)}{last_row}"
        _status_colours(ws, span)
    _score_scale(ws, f"E2:E{last_row}")
    cells.fit_widths(ws)
    ws.column_dimensions["B"].width = min(ws.column_dimensions["B"].width, ID_WIDTH)
    for i in range(len(reqs)):  # every requirement column as wide, for a matrix that reads as one
        ws.column_dimensions[get_column_letter(first_req + i)].width = max(
            cells.display_len(status_word(s)) for s in STATUSES) + 2
    _page(ws, status, PAGES_WIDE, names=True)


def _status_colours(ws: Any, span: str) -> None:
    """One fill per status word over `span`, as conditional formatting (it follows the words)."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font

    for status in STATUSES:
        background, foreground = COLOURS[status]
        word = status_word(status).replace('"', '""')
        ws.conditional_formatting.add(span, CellIsRule(operator="equal", formula=[f'"{word}"'],
                                                       fill=_fill(background), font=Font(color=foreground)))


def _score_scale(ws: Any, span: str) -> None:
    """Scores coloured red (0) through yellow (50) to green (100)."""
    from openpyxl.formatting.rule import ColorScaleRule

    ws.conditional_formatting.add(span, ColorScaleRule(
        start_type="num", start_value=0, start_color="FFF8696B", mid_type="num", mid_value=50,
        mid_color="FFFFEB84", end_type="num", end_value=100, end_color="FF63BE7B"))


def _page(ws: Any, status: Status, pages_wide: int, names: bool = False) -> None:
    """Printing: A4 landscape, `pages_wide` pages wide, the header row (and with `names` the
    first column) on every page; the heading, the phase and the sample banner in the page
    header, the page number in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if names:
        ws.print_title_cols = "A:A"
    ws.oddHeader.center.text = _header_text(heading(status))
    ws.oddHeader.center.size = 10
    if status.sample:
        ws.oddHeader.left.text = _header_text(banner())
        ws.oddHeader.left.size = 8
        ws.oddHeader.left.color = "C00000"
    if status.phase is not None:
        ws.oddHeader.right.text = _header_text(f"{phase_name(status.phase)} ({phase_window(status.phase)})")
        ws.oddHeader.right.size = 8
    ws.oddFooter.center.text = t("xlsx.page")
    ws.oddFooter.center.size = 8


def _header_text(text: str) -> str:
    """`text` for a page header: `&` doubled (it starts a code there), what XML cannot hold
    escaped (`text.xml_safe`), cut to fit Excel's limit."""
    return xml_safe(text).replace("&", "&&")[:80]


# ------------------------------------------------------------------------------ the reasons


def _reasons_sheet(ws: Any, status: Status, units: list[UnitStatus]) -> None:
    from openpyxl.styles import Alignment

    from dxtrack.i18n.reasons import reason_texts
    from dxtrack.sheets import cells

    lang = current_lang()
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 2
    for u in units:
        for req in status.requirements:
            result = u.requirements.get(req.id)
            if result is None:
                continue
            values = [u.unit.name, u.unit.id, req.id, title(req), status_word(str(result.status)),
                      "\n".join(reason_texts(result.reasons, lang))]
            for col, value in enumerate(values, start=1):
                cell = cells.text(ws.cell(row=row, column=col), value or None)
                cell.alignment = wrap
            row += 1
    cells.header(ws, [t("xlsx.col.name"), t("xlsx.col.id"), t("xlsx.col.requirement"), t("xlsx.col.title"),
                      t("xlsx.col.status"), t("xlsx.col.reasons")])
    _status_colours(ws, f"E2:E{max(row - 1, 2)}")
    cells.fit_widths(ws, widths={"D": 40, "F": 70})
    cells.fit_heights(ws)
    _page(ws, status, 1)


# ------------------------------------------------------------------------------ the about sheet


def _about_sheet(ws: Any, status: Status, units: list[UnitStatus]) -> None:
    from openpyxl.styles import Alignment, Font

    from dxtrack.sheets import cells

    bold = Font(name=cells.FONT, size=11, bold=True)
    section = Font(name=cells.FONT, size=12, bold=True)
    big = Font(name=cells.FONT, size=13, bold=True)
    rows: list[tuple[str, Any]] = [(t("xlsx.about.directive"), status.directive)]
    if status.phase is not None:
        rows += [(t("xlsx.about.phase"), phase_name(status.phase)),
                 (t("xlsx.about.window"), phase_window(status.phase))]
    rows.append((t("xlsx.about.as_of"), status.as_of))
    if status.as_of_requested is not None:
        rows += [(t("xlsx.about.as_of_requested"), status.as_of_requested),
                 (t("xlsx.about.note"), t("phase.as_of_clamped", requested=_dmy(status.as_of_requested),
                                          end=_dmy(status.as_of)))]
    if status.sample:
        rows.append((t("xlsx.about.sample"), banner()))
    active = [u for u in units if u.state == "active"]
    rows += [(t("xlsx.about.units"), len(active)),
             (t("xlsx.about.transferred"), len(units) - len(active))]
    if len(units) > 1 or not units:
        avg = average(status)
        rows.append((t("xlsx.about.average"), avg))
    if status.left_out:
        rows.append((t("xlsx.about.left_out"), status.left_out))
    from dxtrack import __version__

    rows.append((t("xlsx.about.made_by"), f"dxtrack {__version__}"))

    r = 1
    cells.text(ws.cell(row=r, column=1), heading(status)).font = big
    r += 2
    for label, value in rows:
        cells.text(ws.cell(row=r, column=1), label).font = bold
        _put(ws.cell(row=r, column=2), value)
        r += 1

    r = _table_head(ws, r + 1, t("xlsx.about.legend"), (t("xlsx.col.status"), t("xlsx.about.symbol"),
                                                         t("xlsx.about.meaning")), section, bold)
    for s in STATUSES:
        background, foreground = COLOURS[s]
        word = cells.text(ws.cell(row=r, column=1), status_word(s))
        word.fill = _fill(background)
        word.font = Font(name=cells.FONT, size=11, color=foreground)
        cells.text(ws.cell(row=r, column=2), SYMBOLS[s])
        cells.text(ws.cell(row=r, column=3), t(f"xlsx.meaning.{s}"))
        r += 1

    r = _table_head(ws, r + 1, t("xlsx.about.requirements"), (t("xlsx.col.requirement"), t("xlsx.col.title"),
                                                               t("xlsx.about.binds")), section, bold)
    for req in status.requirements:
        _requirement_row(ws, r, req)
        r += 1
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 40
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=cell.column == 2, vertical="top", horizontal="left")
    cells.fit_heights(ws, min_row=3)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _requirement_row(ws: Any, r: int, req: Requirement) -> None:
    from dxtrack.sheets import cells

    cells.text(ws.cell(row=r, column=1), req.id)
    cells.text(ws.cell(row=r, column=2), title(req))
    cells.text(ws.cell(row=r, column=3), t(f"requirements.binds.{req.binds}"))


def _put(cell: Any, value: Any) -> None:
    from dxtrack.sheets import cells

    if isinstance(value, date):
        cells.date(cell, value)
    elif isinstance(value, int | float) or value is None:
        cells.number(cell, value)
    else:
        cells.text(cell, value)


def _dmy(d: date) -> str:
    return d.strftime("%d/%m/%Y")


# ------------------------------------------------------------------------------ the file


def _properties(wb: Any, status: Status) -> None:
    made = datetime(status.as_of.year, status.as_of.month, status.as_of.day)
    props = wb.properties
    # the directive and the phase's name come from dxtrack.yaml: what XML cannot hold is escaped
    props.title = xml_safe(heading(status))[:250]
    props.subject = xml_safe(f"{phase_name(status.phase)} ({phase_window(status.phase)})" if status.phase
                             else status.directive)
    props.creator = "dxtrack"
    props.lastModifiedBy = "dxtrack"
    props.description = banner() if status.sample else None
    props.created = made
    props.modified = made


class _SteadyZip(zipfile.ZipFile):
    """A zip whose entries all carry one timestamp (so the same workbook gives the same bytes)."""

    stamp: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        """A file openpyxl wrote aside (a worksheet): its bytes, under the one timestamp."""
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read(), compress_type, compresslevel)


def _save(wb: Any, as_of: date) -> bytes:
    """The workbook's bytes (openpyxl's writer, without the "modified now" of `Workbook.save`)."""
    from openpyxl.writer.excel import ExcelWriter

    out = io.BytesIO()
    archive = _SteadyZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    ExcelWriter(wb, archive).save()
    return out.getvalue()


def _table_head(ws, r: int, title: str, labels: tuple[str, ...], title_font, label_font) -> int:
    """A small table of the facts sheet: its title in row `r`, its labels under it; the row
    after them, where its first data row goes."""
    from dxtrack.sheets import cells

    cells.text(ws.cell(row=r, column=1), title).font = title_font
    for col, label in enumerate(labels, start=1):
        cells.text(ws.cell(row=r + 1, column=col), label).font = label_font
    return r + 2
