"""ReportData → a .docx in the Party document format (SPEC §6), laid out by the style table.

Every number of the layout comes from `docx_style.yaml` (see dxtrack.report.style);
nothing here hard-codes a size, margin or width.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dxtrack.report import docx_xml as x
from dxtrack.report.model import Bars, Legend, Link, Mark, Para, ReportData, Table

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_PLAIN = {"size_pt": 14, "align": "center", "space_before_pt": 0, "space_after_pt": 0,
          "line_spacing": 1.0, "first_line_indent_mm": 0}


def render_docx(data: ReportData, style: dict) -> bytes:
    """The report as the bytes of a .docx file."""
    return DocxWriter(style).write(data)


class DocxWriter:
    def __init__(self, style: dict):
        self.style = style
        self.font = style["font"]["name"]
        self.lang = style["font"]["lang"]
        self.doc = Document()
        page = style["page"]
        self.text_width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]

    def write(self, data: ReportData) -> bytes:
        x.set_doc_defaults(self.doc, self.font, self.lang, self.style["body"]["size_pt"])
        self._page(data)
        self._core(data)
        if data.banner:
            self._banner(data.banner, data.banner_note)
        self._header(data)
        self._title(data)
        self.para(self.doc, data.intro, self.body())
        for section in data.sections:
            self.para(self.doc, section.heading, self.body("heading")).paragraph_format.keep_with_next = True
            for block in section.blocks:
                BLOCKS[block.kind](self, block)
        self.para(self.doc, data.ending, self.body())
        self._closing(data)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # --- paragraphs -----------------------------------------------------------------------

    def body(self, element: str | None = None) -> dict:
        """The spec of a body element: the body's, with the element's own keys over it."""
        return {**self.style["body"], **(self.style[element] if element else {})}

    def plain(self, spec: dict) -> dict:
        """The spec of a header, title or closing element: centred, single spaced, no indent."""
        return {**_PLAIN, **spec}

    def para(self, container, text: str, spec: dict):
        """A paragraph of `text` in `container` (the document or a table cell), laid out by `spec`."""
        p = _next_paragraph(container)
        fmt = p.paragraph_format
        fmt.alignment = ALIGN.get(spec.get("align", "justify"), WD_ALIGN_PARAGRAPH.JUSTIFY)
        fmt.space_before = Pt(spec.get("space_before_pt", 0))
        fmt.space_after = Pt(spec.get("space_after_pt", 0))
        fmt.line_spacing = spec.get("line_spacing", 1.0)
        if spec.get("first_line_indent_mm"):
            fmt.first_line_indent = Mm(spec["first_line_indent_mm"])
        x.mark_size(p, spec.get("size_pt", 14))
        if text:
            x.format_run(p.add_run(x.xml_safe(text)), spec, self.font, self.lang)
        return p

    def rule(self, container, length_mm: float, width_mm: float, space_after_pt: float = 0) -> None:
        """A centred horizontal line `length_mm` long, in a space `width_mm` wide."""
        p = self.para(container, "", self.plain({"size_pt": 2, "space_after_pt": space_after_pt}))
        side = max(0.0, (width_mm - length_mm) / 2)
        p.paragraph_format.left_indent = Mm(side)
        p.paragraph_format.right_indent = Mm(side)
        x.bottom_rule(p)

    # --- page, header, title ----------------------------------------------------------------

    def _page(self, data: ReportData) -> None:
        page, section = self.style["page"], self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
        section.top_margin, section.bottom_margin = Mm(page["margin_top_mm"]), Mm(page["margin_bottom_mm"])
        section.left_margin, section.right_margin = Mm(page["margin_left_mm"]), Mm(page["margin_right_mm"])
        section.header_distance = Mm(page["header_distance_mm"])
        section.footer_distance = Mm(page["footer_distance_mm"])
        section.different_first_page_header_footer = not page["first_page_number"]
        spec = self.plain({"size_pt": page["page_number_size_pt"]})
        number = self.para(section.header, "", spec)
        for run in x.add_page_field(number):
            x.format_run(run, spec, self.font, self.lang)
        if data.banner and self.style["banner"]["in_page_header"]:
            self.para(section.header, data.banner, self._banner_spec(10))

    def _core(self, data: ReportData) -> None:
        props = self.doc.core_properties
        props.title = x.xml_safe(f"{data.header.title} {data.header.subject}")
        props.author = x.xml_safe(data.header.issuing_body)
        props.language = self.lang
        props.comments = ""

    def _banner_spec(self, size: float | None = None) -> dict:
        banner = self.style["banner"]
        return self.plain({"size_pt": size or banner["text_size_pt"], "bold": True, "color": banner["color"]})

    def _banner(self, banner: str, banner_note: str) -> None:
        self.para(self.doc, banner, self._banner_spec())
        note = self.para(self.doc, banner_note, {**self._banner_spec(), "bold": False, "italic": True})
        note.paragraph_format.space_after = Pt(6)

    def _header(self, data: ReportData) -> None:
        h, style = data.header, self.style["header"]
        table = self._frame(2, [style["left_width_mm"], style["right_width_mm"]])
        left, right = table.rows[0].cells
        if h.superior_body:
            self.para(left, h.superior_body, self.plain(style["superior_body"]))
        self.para(left, h.issuing_body, self.plain(style["issuing_body"]))
        self.para(left, "*", self.plain(style["star"]))
        self.para(right, h.party, self.plain(style["party"]))
        self.rule(right, style["party_rule_mm"], style["right_width_mm"] - 2 * self._cell_margin())
        self.para(table.rows[1].cells[0], h.number_line, self.plain(style["number"]))
        self.para(table.rows[1].cells[1], h.place_date, self.plain(style["place_date"]))

    def _title(self, data: ReportData) -> None:
        h, style = data.header, self.style["title"]
        self.para(self.doc, h.title, self.plain({**style["title"], "space_before_pt": style["space_before_pt"]}))
        self.para(self.doc, h.subject, self.plain(style["subject"]))
        self.para(self.doc, h.period, self.plain(style["period"]))
        self.rule(self.doc, style["rule_mm"], self.text_width, space_after_pt=6)

    def _frame(self, rows: int, widths: list[float]):
        """A borderless layout table (header and closing blocks)."""
        table = self.doc.add_table(rows=rows, cols=len(widths))
        x.table_borders(table, None)
        x.cell_margins(table, self._cell_margin())
        x.table_widths(table, widths)
        for row in table.rows:  # a signature block is never split across two pages
            x.keep_row_together(row)
        return table

    def _cell_margin(self) -> float:
        return self.style["table"]["cell_margin_mm"]

    # --- blocks -------------------------------------------------------------------------------

    def para_block(self, block: Para) -> None:
        spec = {"body": self.body(), "bullet": self.body(), "lead": {**self.body(), "bold": True},
                "subheading": self.body("subheading"), "note": self.body("note")}[block.style]
        text = f"- {block.text}" if block.style == "bullet" else block.text
        p = self.para(self.doc, text, spec)
        p.paragraph_format.keep_with_next = block.style in ("subheading", "lead")

    def legend_block(self, block: Legend) -> None:
        symbols = self.style["symbols"]
        keys = "; ".join(f"{symbols.get(status, status)} {words}" for status, words in block.labels.items())
        self.para(self.doc, f"{block.title}: {keys}.", self.body("note"))

    def table_block(self, block: Table) -> None:
        total = sum(block.widths)
        widths = [self.text_width * w / total for w in block.widths]
        table = self._grid(len(block.rows) + 1, widths)
        self._header_row(table.rows[0], block.headers)
        for row, values in zip(table.rows[1:], block.rows, strict=False):
            x.keep_row_together(row)
            for index, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
                self._cell(cell, value, "center" if index in block.centre else "left")
        self._after_table()

    def _grid(self, rows: int, widths: list[float]):
        table = self.doc.add_table(rows=rows, cols=len(widths))
        x.table_borders(table, self.style["table"]["border_size_pt"])
        x.cell_margins(table, self._cell_margin())
        x.table_widths(table, widths)
        return table

    def _table_spec(self, **extra) -> dict:
        return self.plain({"size_pt": self.style["table"]["size_pt"], **extra})

    def _header_row(self, row, headers: list[str]) -> None:
        x.repeat_header(row)
        for cell, text in zip(row.cells, headers, strict=False):
            self.para(cell, text, self._table_spec(bold=True))
            x.shade(cell, self.style["table"]["header_fill"])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    def _cell(self, cell, value, align: str) -> None:
        spec = self._table_spec(align=align)
        if isinstance(value, Mark):
            self.para(cell, self.style["symbols"].get(value.status, value.status), spec)
        elif isinstance(value, Link):
            p = self.para(cell, "", spec)
            run = x.add_hyperlink(p, value.text, value.url)
            x.format_run(run, {**spec, "underline": True, "color": "0563C1"}, self.font, self.lang)
        else:
            self.para(cell, str(value), spec)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    def _after_table(self) -> None:
        self.para(self.doc, "", self.plain({"size_pt": 6, "space_after_pt": self.style["table"]["space_after_pt"]}))

    def bars_block(self, block: Bars) -> None:
        bars = self.style["bars"]
        cells = max(1, int(bars["cells"]))
        step = (self.text_width - bars["name_width_mm"] - bars["score_width_mm"]) / cells
        table = self.doc.add_table(rows=len(block.rows) + 1, cols=cells + 2)
        # white lines between the rows keep the bars apart
        x.table_borders(table, bars["gap_pt"], "FFFFFF", edges=("insideH",))
        x.cell_margins(table, self._cell_margin(), top_mm=0.6)
        x.table_widths(table, [bars["name_width_mm"], *[step] * cells, bars["score_width_mm"]])
        head = table.rows[0]
        bar_head = head.cells[1].merge(head.cells[cells])
        self._header_row(head, [])
        for cell, text in ((head.cells[0], block.headers[0]), (bar_head, block.headers[1]),
                           (head.cells[cells + 1], block.headers[2])):
            self.para(cell, text, self._table_spec(bold=True, size_pt=bars["size_pt"]))
            x.shade(cell, self.style["table"]["header_fill"])
        for row, (name, score) in zip(table.rows[1:], block.rows, strict=False):
            self._bar_row(row, name, score, cells)
        self._after_table()

    def _bar_row(self, row, name: str, score: int, cells: int) -> None:
        bars = self.style["bars"]
        x.keep_row_together(row)
        self.para(row.cells[0], name, self._table_spec(align="left", size_pt=bars["size_pt"]))
        full = int(max(0, min(100, score)) * cells / 100 + 0.5)
        for index in range(cells):
            cell = row.cells[index + 1]
            self.para(cell, "", self._table_spec(size_pt=bars["size_pt"]))
            x.shade(cell, bars["fill"] if index < full else bars["empty_fill"])
        self.para(row.cells[cells + 1], str(score), self._table_spec(align="right", size_pt=bars["size_pt"]))
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    # --- closing --------------------------------------------------------------------------------

    def _closing(self, data: ReportData) -> None:
        c, style = data.closing, self.style["closing"]
        self.para(self.doc, "", self.plain({"size_pt": 6, "space_before_pt": style["space_before_pt"]}))
        table = self._frame(1, [style["left_width_mm"], style["right_width_mm"]])
        left, right = table.rows[0].cells
        self.para(left, c.recipients_label, self.plain({"align": "left", **style["recipients_label"]}))
        for line in c.recipients:
            self.para(left, line, self.plain({"align": "left", **style["recipients"]}))
        self.para(right, c.authority, self.plain(style["authority"]))
        self.para(right, c.signer_title, self.plain(style["signer_title"]))
        for _ in range(int(style["signature_lines"])):
            self.para(right, "", self.plain(style["signer"]))
        self.para(right, c.signer, self.plain(style["signer"]))


BLOCKS: dict[str, Callable[[DocxWriter, Any], None]] = {
    "para": DocxWriter.para_block, "table": DocxWriter.table_block,
    "legend": DocxWriter.legend_block, "bars": DocxWriter.bars_block}


def _next_paragraph(container):
    """A new paragraph in `container`; the empty one a fresh cell or page header starts with is
    used first (every paragraph written here has an alignment, so it is told apart)."""
    paragraphs = container.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0].runs:
        ppr = paragraphs[0]._p.pPr
        if ppr is None or ppr.jc is None:
            return paragraphs[0]
    return container.add_paragraph()
