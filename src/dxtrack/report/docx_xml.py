"""Low-level WordprocessingML helpers python-docx has no API for: the four font slots and
the language, borders, shading, repeated header rows, fields, hyperlinks, rules.

Children are inserted in the order the schema requires, so Word opens the file cleanly.
"""

from __future__ import annotations

import copy

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from lxml import etree  # type: ignore[import-untyped]

from dxtrack.text import xml_safe as _xml_safe

_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
              "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
              "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath")
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
              "rPr", "sectPr", "pPrChange")
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
                "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
_TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
               "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")
_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
               "tcPrChange")
_ORDERS = {"w:rPr": _RPR_ORDER, "w:pPr": _PPR_ORDER, "w:tblPr": _TBLPR_ORDER, "w:trPr": _TRPR_ORDER,
           "w:tcPr": _TCPR_ORDER}


def set_child(parent, name: str):
    """The child `w:name` of `parent`, added at its place in the schema order if missing."""
    found = parent.find(qn(f"w:{name}"))
    if found is not None:
        return found
    order = _ORDERS.get(parent.tag.replace(qn("w:x")[:-1], "w:"), ())
    child = OxmlElement(f"w:{name}")
    later = set(order[order.index(name) + 1:]) if name in order else set()
    for index, existing in enumerate(parent):
        if existing.tag.split("}")[-1] in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def set_fonts(rpr, font: str, lang: str) -> None:
    """The same font in all four slots (ascii, hAnsi, eastAsia, cs) and the language."""
    fonts = set_child(rpr, "rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    language = set_child(rpr, "lang")
    language.set(qn("w:val"), lang)
    language.set(qn("w:eastAsia"), lang)


def format_run(run, spec: dict, font: str, lang: str) -> None:
    """Font, size, weight, slant, underline and colour of a run, from an element spec."""
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, font, lang)
    run.font.size = Pt(spec.get("size_pt", 14))
    set_child(rpr, "szCs").set(qn("w:val"), str(round(spec.get("size_pt", 14) * 2)))
    run.font.bold = bool(spec.get("bold", False))
    run.font.italic = bool(spec.get("italic", False))
    run.font.underline = bool(spec.get("underline", False))
    if spec.get("color"):
        set_child(rpr, "color").set(qn("w:val"), spec["color"])


def set_doc_defaults(document, font: str, lang: str, size_pt: float) -> None:
    """Document defaults and the Normal style: the font everywhere, even in empty cells."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_fonts(rpr, font, lang)
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size_pt)
    set_fonts(normal.element.get_or_add_rPr(), font, lang)


def table_borders(table, size_pt: float | None, color: str = "000000", edges: tuple = ()) -> None:
    """Single borders of `size_pt` on every edge (or only `edges`); none at all when None."""
    tblpr = table._tbl.tblPr
    borders = set_child(tblpr, "tblBorders")
    for child in list(borders):
        borders.remove(child)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if size_pt is None or (edges and edge not in edges):
            element.set(qn("w:val"), "nil")
        else:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), str(max(2, round(size_pt * 8))))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), color)
        borders.append(element)


def mark_size(paragraph, size_pt: float) -> None:
    """The size of the paragraph mark: what an empty paragraph's height follows."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = set_child(ppr, "rPr")
    set_child(rpr, "sz").set(qn("w:val"), str(round(size_pt * 2)))
    set_child(rpr, "szCs").set(qn("w:val"), str(round(size_pt * 2)))


def table_widths(table, widths_mm: list[float]) -> None:
    """Fixed layout with these column widths (in the grid and in every cell)."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    set_child(tblpr, "tblLayout").set(qn("w:type"), "fixed")
    total = set_child(tblpr, "tblW")
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(_twips(w) for w in widths_mm)))
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(_twips(width)))
    rows = list(table.rows)
    if not rows:
        return
    first = rows[0]._tr
    fresh = etree.tostring(first)
    for cell, width in zip(rows[0].cells, widths_mm, strict=False):
        cell.width = Mm(width)
    # a row like the first was before is written as the first now is: a copy of it (going
    # through python-docx for every cell of a table of hundreds of rows costs seconds)
    for row in rows[1:]:
        if etree.tostring(row._tr) == fresh:
            row._tr.getparent().replace(row._tr, copy.deepcopy(first))
            continue
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


_TCPR = qn("w:tcPr")


def center_cell(tc) -> None:
    """`cell.vertical_alignment = CENTER`, on the cell's w:tc, as python-docx writes it."""
    tcpr = tc.find(_TCPR)
    if tcpr is None:
        tcpr = tc.get_or_add_tcPr()
    set_child(tcpr, "vAlign").set(_VAL, "center")


_VAL = qn("w:val")


def _twips(mm: float) -> int:
    return round(Emu(Mm(mm)).twips)


def cell_margins(table, mm: float, top_mm: float = 0.3) -> None:
    margins = set_child(table._tbl.tblPr, "tblCellMar")
    for child in list(margins):
        margins.remove(child)
    for edge, size in (("top", top_mm), ("left", mm), ("bottom", top_mm), ("right", mm)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(_twips(size)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = tcpr.find(qn("w:shd"))
    if shd is None:
        shd = OxmlElement("w:shd")
        later = ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
        anchor = next((c for c in tcpr if c.tag.split("}")[-1] in later), None)
        anchor.addprevious(shd) if anchor is not None else tcpr.append(shd)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto (w:tblHeader)."""
    set_child(row._tr.get_or_add_trPr(), "tblHeader").set(qn("w:val"), "true")


def keep_row_together(row) -> None:
    set_child(row._tr.get_or_add_trPr(), "cantSplit").set(qn("w:val"), "true")


def add_page_field(paragraph) -> list:
    """A PAGE field (begin, instruction, separate, a placeholder number, end); its runs."""
    runs = []
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind == "text":
            run.text = "2"
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        runs.append(run)
    return runs


def xml_safe(text: str) -> str:
    """`text` with each character XML cannot hold (a control, U+FFFE, a lone surrogate from an
    option that is not UTF-8) shown as its escape (`text.xml_safe`): python-docx would refuse
    it and stop the whole report. Every text the report writes goes through here."""
    return _xml_safe(text)


def add_hyperlink(paragraph, text: str, url: str):
    """An external hyperlink around one run; returns the run (to be formatted)."""
    from docx.text.run import Run

    text, url = xml_safe(text), xml_safe(url)
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    paragraph._p.append(link)
    r = OxmlElement("w:r")
    link.append(r)
    run = Run(r, paragraph)
    run.text = text
    return run


def bottom_rule(paragraph, size_pt: float = 0.75) -> None:
    """A line under the paragraph, as wide as the paragraph (its indents set the length)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = set_child(ppr, "pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(round(size_pt * 8)))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    border.append(bottom)


# the children of w:settings that come before w:mirrorMargins in the schema's order
_BEFORE_MIRROR = {"writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                  "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                  "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                  "saveSubsetFonts", "saveFormsData"}


def mirror_margins(document) -> None:
    """Mirrored margins (w:mirrorMargins): the left margin is the inside one, on the right of
    even pages, for printing on both sides."""
    settings = document.settings.element
    if settings.find(qn("w:mirrorMargins")) is not None:
        return
    index = 0
    for position, child in enumerate(settings):
        if child.tag.split("}")[-1] in _BEFORE_MIRROR:
            index = position + 1
    settings.insert(index, OxmlElement("w:mirrorMargins"))
