"""ReportData → a .docx in the Party document format (SPEC §6), laid out by the style table.

Every number of the layout comes from `docx_style.yaml` (see dxtrack.report.style);
nothing here hard-codes a size, margin or width.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import _RunContentAppender
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from dxtrack.report import docx_xml as x
from dxtrack.report.model import Bars, Legend, Link, Mark, Para, ReportData, Table

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_RPR, _SPACE = qn("w:rPr"), qn("xml:space")
_PLAIN = {"size_pt": 14, "align": "center", "space_before_pt": 0, "space_after_pt": 0,
          "line_spacing": 1.0, "first_line_indent_mm": 0}


def render_docx(data: ReportData, style: dict) -> bytes:
    """The report as the bytes of a .docx file."""
    return DocxWriter(style).write(data)


class DocxWriter:
    def __init__(self, style: dict, copies: bool = True):
        """`copies` False lays out every paragraph and row through python-docx (the reference
        the copies are tested against: the same XML)."""
        self.copies = copies
        self.style = style
        self.font = style["font"]["name"]
        self.lang = style["font"]["lang"]
        self.doc = Document()
        page = style["page"]
        self.text_width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
        self._body = self.doc.element.body
        self._body_started = False  # whether para() has written into the body yet
        self._sect_pr = self._body.sectPr  # the body's last child, found once (the body grows long)
        # a laid-out paragraph per (spec, has text): what para() copies instead of laying out again
        self._protos: dict[tuple, Any] = {}

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
            self.para(self.doc, section.heading, self.body("heading"), keep_next=True)
            for block in section.blocks:
                BLOCKS[block.kind](self, block)
        self.para(self.doc, data.ending, self.body(), keep_next=True)  # on the page of the signature
        self._closing(data)
        self._appendices(data)
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

    def para(self, container, text: str, spec: dict, keep_next: bool | None = None):
        """A paragraph of `text` in `container` (the document or a table cell), laid out by `spec`.

        The first paragraph of a kind (its spec, and whether it has text) is laid out through
        python-docx; the others are copies of it with their own text, the same XML: a report
        of hundreds of units has tens of thousands of paragraphs, and python-docx's layout of
        each one costs about a millisecond (and more as the document grows). `keep_next`, if
        given, sets the paragraph's keep-with-next."""
        key = (keep_next, *_spec_key(spec, bool(text)))
        proto = self._protos.get(key) if self.copies else None
        if proto is not None:
            placed = self._copy_into(container, proto)
            if placed is not None:
                if text:
                    _set_text(placed[-1], x.xml_safe(text))
                return Paragraph(placed, container)
        p = self._lay_out(container, text, spec)
        if keep_next is not None:
            p.paragraph_format.keep_with_next = keep_next
        if key not in self._protos and self._fresh:
            self._protos[key] = _prototype(p._p)
        return p

    def _copy_into(self, container, proto):
        """A copy of `proto` where `_next_paragraph(container)` would put a new paragraph; None
        when that is not a plain place (then the paragraph is laid out as usual)."""
        if container is self.doc:
            if not self._body_started:
                return None
            p = copy.deepcopy(proto)
            if self._sect_pr is not None:  # python-docx adds a paragraph before the body's sectPr
                self._sect_pr.addprevious(p)
            else:
                self._body.append(p)
            return p
        if not isinstance(container, _Cell):
            return None
        tc = container._tc
        paragraphs = tc.p_lst
        if len(paragraphs) == 1 and not paragraphs[0].r_lst:
            first = paragraphs[0]
            if first.pPr is None or first.pPr.jc is None:  # the empty paragraph a fresh cell holds
                if len(first) or first.attrib or first.getnext() is not None:
                    return None
                p = copy.deepcopy(proto)
                tc.replace(first, p)
                return p
        p = copy.deepcopy(proto)
        tc.append(p)
        return p

    def _lay_out(self, container, text: str, spec: dict):
        # every paragraph written has an alignment, so once the body has one, none is reused
        p = self.doc.add_paragraph() if container is self.doc and self._body_started else _next_paragraph(container)
        self._fresh = len(p._p) == 0 and not p._p.attrib
        if container is self.doc:
            self._body_started = True
        fmt = p.paragraph_format
        fmt.alignment = ALIGN.get(spec.get("align", "justify"), WD_ALIGN_PARAGRAPH.JUSTIFY)
        fmt.space_before = Pt(spec.get("space_before_pt", 0))
        fmt.space_after = Pt(spec.get("space_after_pt", 0))
        exact = spec.get("line_spacing_exact_pt")
        fmt.line_spacing = Pt(exact) if exact else spec.get("line_spacing", 1.0)  # a Length: exactly that high
        if spec.get("first_line_indent_mm"):
            fmt.first_line_indent = Mm(spec["first_line_indent_mm"])
        x.mark_size(p, spec.get("size_pt", 14))
        if text:
            x.format_run(p.add_run(x.xml_safe(text)), spec, self.font, self.lang)
        return p

    def rule(self, container, length_mm: float, width_mm: float, space_after_pt: float = 0) -> None:
        """A centred horizontal line `length_mm` long, in a space `width_mm` wide."""
        rule = self.style["rule"]
        p = self.para(container, "", self.plain({"size_pt": rule["paragraph_pt"], "space_after_pt": space_after_pt}))
        side = max(0.0, (width_mm - length_mm) / 2)
        p.paragraph_format.left_indent = Mm(side)
        p.paragraph_format.right_indent = Mm(side)
        x.bottom_rule(p, rule["thickness_pt"])

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
        if page["mirror_margins"]:  # left and right become inside and outside, for two-sided printing
            x.mirror_margins(self.doc)
        spec = self.plain({"size_pt": page["page_number_size_pt"]})
        number = self.para(section.header, "", spec)
        for run in x.add_page_field(number):
            x.format_run(run, spec, self.font, self.lang)
        if data.banner and self.style["banner"]["in_page_header"]:
            self.para(section.header, data.banner, self._banner_spec(self.style["banner"]["page_header_size_pt"]))

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
        note.paragraph_format.space_after = Pt(self.style["banner"]["space_after_pt"])

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
        if h.period:
            self.para(self.doc, h.period, self.plain(style["period"]))
        if style["rule"] == "text":  # hd05: the five hyphens, as text
            spec = {k: v for k, v in style["rule_text"].items() if k != "text"}
            self.para(self.doc, style["rule_text"]["text"],
                      self.plain({**spec, "space_after_pt": style["space_after_pt"]}))
        else:
            self.rule(self.doc, style["rule_mm"], self.text_width, space_after_pt=style["space_after_pt"])

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
        self.para(self.doc, text, spec, keep_next=block.style in ("subheading", "lead"))

    def _appendices(self, data: ReportData) -> None:
        """The appendices after the closing, each starting on a new page, its heading centred
        with the line "(Kèm theo Báo cáo số …)" under it."""
        centred = {"align": "center", "first_line_indent_mm": 0}
        for section in data.appendices:
            heading = self.para(self.doc, section.heading, {**self.body("heading"), **centred}, keep_next=True)
            heading.paragraph_format.page_break_before = True
            if section.note:
                self.para(self.doc, section.note, {**self.body("note"), **centred}, keep_next=True)
            for block in section.blocks:
                BLOCKS[block.kind](self, block)

    def legend_block(self, block: Legend) -> None:
        symbols = self.style["symbols"]
        keys = "; ".join(f"{symbols.get(status, status)} {words}" for status, words in block.labels.items())
        self.para(self.doc, f"{block.title}: {keys}.", self.body("note"))

    def table_block(self, block: Table) -> None:
        total = sum(block.widths)
        widths = [self.text_width * w / total for w in block.widths]
        table = self._grid(len(block.rows) + 1, widths)
        self._header_row(table.rows[0], block.headers)
        rows = _RowCopies(self.copies)
        for row, values in zip(table.rows[1:], block.rows, strict=False):
            texts = [self._cell_text(v) for v in values]
            if rows.place(row, texts, len(texts)):
                continue
            x.keep_row_together(row)
            for index, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
                self._cell(cell, value, "center" if index in block.centre else "left")
            rows.learn(row, texts, len(texts))
        self._after_table()

    def _cell_text(self, value) -> str | None:
        """The text `_cell` writes for `value`; None for a link (its cell is never copied)."""
        if isinstance(value, Mark):
            return self.style["symbols"].get(value.status, value.status)
        if isinstance(value, Link):
            return None
        return str(value)

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
        elif isinstance(value, Link):  # for print: the title, and the address under it, as plain text
            self.para(cell, value.text, spec)
            self.para(cell, value.url, spec)
        else:
            self.para(cell, str(value), spec)
        x.center_cell(cell._tc)

    def _after_table(self) -> None:
        table = self.style["table"]
        self.para(self.doc, "", self.plain({"size_pt": table["spacer_pt"], "space_after_pt": table["space_after_pt"]}))

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
        rows = _RowCopies(self.copies)
        for row, (name, score) in zip(table.rows[1:], block.rows, strict=False):
            # the shading of a row follows from its score; the texts are the name and the score
            full = int(max(0, min(100, score)) * cells / 100 + 0.5)
            texts = [name, *[""] * cells, str(score)]
            if not rows.place(row, texts, full):
                self._bar_row(row, name, score, cells)
                rows.learn(row, texts, full)
        self._after_table()

    def _bar_row(self, row, name: str, score: int, cells: int) -> None:
        bars = self.style["bars"]
        x.keep_row_together(row)
        row_cells = row.cells  # python-docx builds this tuple anew on every call
        self.para(row_cells[0], name, self._table_spec(align="left", size_pt=bars["size_pt"]))
        full = int(max(0, min(100, score)) * cells / 100 + 0.5)
        empty = self._table_spec(size_pt=bars["size_pt"])
        for index in range(cells):
            cell = row_cells[index + 1]
            self.para(cell, "", empty)
            x.shade(cell, bars["fill"] if index < full else bars["empty_fill"])
        self.para(row_cells[cells + 1], str(score), self._table_spec(align="right", size_pt=bars["size_pt"]))
        for cell in row_cells:
            x.center_cell(cell._tc)

    # --- closing --------------------------------------------------------------------------------

    def _closing(self, data: ReportData) -> None:
        c, style = data.closing, self.style["closing"]
        spacer = {"size_pt": style["spacer_pt"], "space_before_pt": style["space_before_pt"]}
        self.para(self.doc, "", self.plain(spacer), keep_next=True)
        table = self._frame(1, [style["left_width_mm"], style["right_width_mm"]])
        left, right = table.rows[0].cells
        self._recipients_label(left, c.recipients_label, self.plain({"align": "left", **style["recipients_label"]}))
        for line in c.recipients:
            self.para(left, line, self.plain({"align": "left", **style["recipients"]}))
        self.para(right, c.authority, self.plain(style["authority"]))
        self.para(right, c.signer_title, self.plain(style["signer_title"]))
        for _ in range(int(style["signature_lines"])):
            self.para(right, "", self.plain(style["signer"]))
        self.para(right, c.signer, self.plain(style["signer"]))

    def _recipients_label(self, cell, label: str, spec: dict) -> None:
        """"Nơi nhận:" with the words underlined and the colon after them not."""
        words, colon = (label[:-1], ":") if label.endswith(":") else (label, "")
        p = self.para(cell, words, spec)
        if colon:
            x.format_run(p.add_run(colon), {**spec, "underline": False}, self.font, self.lang)


BLOCKS: dict[str, Callable[[DocxWriter, Any], None]] = {
    "para": DocxWriter.para_block, "table": DocxWriter.table_block,
    "legend": DocxWriter.legend_block, "bars": DocxWriter.bars_block}


class _RowCopies:
    """Rows of one table written once and copied: a row whose cells hold the same kind of
    content as one already written (the same `shape`, and text or none in the same cells) is
    that row's copy with its own texts, the same XML the writer would make of it.

    Used on the rows `add_table` made, all alike until written (widths set on all of them)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.protos: dict[tuple, Any] = {}

    @staticmethod
    def _key(texts: Sequence[str | None], shape: object) -> tuple | None:
        if any(t is None for t in texts):
            return None
        return (shape, tuple(bool(t) for t in texts))

    def place(self, row, texts: Sequence[str | None], shape: object) -> bool:
        """Put a copy of the row learnt for this key in place of `row`; False if there is none."""
        key = self._key(texts, shape)
        proto = self.protos.get(key) if key is not None and self.enabled else None
        if proto is None:
            return False
        tr = copy.deepcopy(proto)
        for tc, text in zip(tr.findall(_TC), texts, strict=True):
            if text:
                _set_text(tc.find(_P).findall(_R)[-1], x.xml_safe(text))
        row._tr.getparent().replace(row._tr, tr)
        return True

    def learn(self, row, texts: Sequence[str | None], shape: object) -> None:
        """Remember the row just written, if it can be copied: one paragraph per cell, and in
        each cell with text one run, directly in the paragraph."""
        key = self._key(texts, shape)
        if key is None or key in self.protos:
            return
        tcs = row._tr.findall(_TC)
        if len(tcs) != len(texts):
            return
        for tc, text in zip(tcs, texts, strict=True):
            paragraphs = tc.findall(_P)
            if len(paragraphs) != 1 or len(paragraphs[0].findall(_R)) != (1 if text else 0) \
                    or paragraphs[0].find(_HYPERLINK) is not None:
                return
        tr = copy.deepcopy(row._tr)
        for tc, text in zip(tr.findall(_TC), texts, strict=True):
            if text:
                r = tc.find(_P).find(_R)
                for child in list(r):
                    if child.tag != _RPR:
                        r.remove(child)
                r.append(OxmlElement("w:t"))
        self.protos[key] = tr


_TC, _P, _R, _HYPERLINK = qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:hyperlink")


def _spec_key(spec: dict, has_text: bool) -> tuple:
    return (has_text, *((k, type(v).__name__, v) for k, v in sorted(spec.items())))


def _prototype(p):
    """A copy of the laid-out paragraph `p` whose run (if any) holds its formatting and one
    empty `w:t`, for `_set_text`."""
    proto = copy.deepcopy(p)
    for r in proto.r_lst:
        for child in list(r):
            if child.tag != _RPR:
                r.remove(child)
        r.append(OxmlElement("w:t"))
    return proto


def _set_text(r, text: str) -> None:
    """`text` into the run `r` of a prototype copy, as python-docx's `run.text = text` writes it:
    one `w:t` (space preserved when the text starts or ends with blanks), or, when the text
    holds tabs or line breaks, the elements python-docx makes of them."""
    t = r[-1]
    if "\t" in text or "\r" in text or "\n" in text:
        r.remove(t)
        _RunContentAppender.append_to_run_from_text(r, text)
        return
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_SPACE, "preserve")


def _next_paragraph(container):
    """A new paragraph in `container`; the empty one a fresh cell or page header starts with is
    used first (every paragraph written here has an alignment, so it is told apart)."""
    paragraphs = container.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0].runs:
        ppr = paragraphs[0]._p.pPr
        if ppr is None or ppr.jc is None:
            return paragraphs[0]
    return container.add_paragraph()
