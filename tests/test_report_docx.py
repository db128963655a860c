"""The .docx report, opened with python-docx: page, fonts, header, tables, closing (SPEC §6)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from test_report_md import hand_status, loaded  # noqa: F401  (the fixture, and the hand-made Status)

from dxtrack.report.build import ReportOptions, build_report
from dxtrack.report.docx import render_docx
from dxtrack.report.style import load_style
from dxtrack.errors import SetupError

FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def make_docx(repo, **opts):
    options = ReportOptions(signed=date(2026, 2, 5), **opts)
    data = build_report(repo, hand_status(repo), options, date(2025, 8, 20))
    return Document(io.BytesIO(render_docx(data, load_style(repo.root))))


def texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def body_paragraph(doc, starts: str):
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


def size(paragraph) -> float:
    return paragraph.runs[0].font.size.pt


def near(length, mm: float) -> bool:
    return abs(length - Mm(mm)) < Mm(0.1)


def test_page_a4_margins_and_page_numbers_from_page_two(loaded):
    doc = make_docx(loaded())
    section = doc.sections[0]
    assert near(section.page_width, 210) and near(section.page_height, 297)
    assert [round(m / Mm(1)) for m in (section.top_margin, section.bottom_margin,
                                       section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer is True
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [i.text for i in number._p.iter(qn("w:instrText"))] == [" PAGE "]
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_times_new_roman_in_four_slots_and_vietnamese_everywhere(loaded):
    doc = make_docx(loaded())
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert [fonts.get(qn(f"w:{slot}")) for slot in FONT_SLOTS] == ["Times New Roman"] * 4
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    runs = list(doc.element.body.iter(qn("w:r")))
    assert len(runs) > 50
    for run in runs:
        rpr = run.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        assert [fonts.get(qn(f"w:{slot}")) for slot in FONT_SLOTS] == ["Times New Roman"] * 4
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def test_header_block(loaded):
    doc = make_docx(loaded())
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert texts(left) == ["ĐẢNG BỘ CHÍNH PHỦ", "ĐẢNG ỦY CHÍNH PHỦ", "*"]
    assert [size(p) for p in left.paragraphs] == [14, 14, 14]
    assert [bool(p.runs[0].bold) for p in left.paragraphs] == [False, True, False]
    assert texts(right)[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    party = right.paragraphs[0]
    assert size(party) == 15 and party.runs[0].bold
    rule = right.paragraphs[1]
    assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    number, place_date = header.rows[1].cells
    assert texts(number) == ["Số 30-BC/ĐU"]
    assert texts(place_date) == ["Hà Nội, ngày 05 tháng 02 năm 2026"]
    assert place_date.paragraphs[0].runs[0].italic and size(place_date.paragraphs[0]) == 14
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_title_body_and_headings(loaded):
    doc = make_docx(loaded())
    title = body_paragraph(doc, "BÁO CÁO")
    assert title.text == "BÁO CÁO" and size(title) == 16 and title.runs[0].bold
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    subject = body_paragraph(doc, "kết quả thực hiện Công văn số 380-CV/ĐU")
    assert size(subject) == 14 and subject.runs[0].bold and subject.alignment == WD_ALIGN_PARAGRAPH.CENTER
    intro = body_paragraph(doc, "Thực hiện Công văn số 380-CV/ĐU ngày 18/08/2025")
    assert intro.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and size(intro) == 14
    assert near(intro.paragraph_format.first_line_indent, 10)
    headings = [p for p in doc.paragraphs if p.text[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert [p.text for p in headings] == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT", "II. KẾT QUẢ THỰC HIỆN", "III. HẠN CHẾ, TỒN TẠI",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert all(p.runs[0].bold and size(p) == 14 for p in headings)


def test_status_tables_with_repeated_header_rows(loaded):
    doc = make_docx(loaded())
    first = doc.tables[1]
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["Đơn vị", "1.1", "1.3"], ["Đảng ủy Bộ Y tế", "✓", "½"],
        ["Đảng ủy Đài Truyền hình Việt Nam", "✗", "✗"]]
    header_row = first.rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert first.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert size(first.rows[1].cells[0].paragraphs[0]) == 12
    press = doc.tables[2]
    assert [[c.text for c in row.cells] for row in press.rows] == [
        ["Đơn vị", "2.2.a"], ["Đảng ủy Đài Truyền hình Việt Nam", "½"]]
    notable = doc.tables[5]
    assert [c.text for c in notable.rows[1].cells] == [
        "20/09/2025", "Đảng ủy Đài Truyền hình Việt Nam", "phóng sự", "Phóng sự \"Dịch vụ công toàn trình\"",
        "truyền hình, nền tảng số"]
    link = notable.rows[1].cells[3].paragraphs[0]._p.find(qn("w:hyperlink"))
    assert doc.part.rels[link.get(qn("r:id"))].target_ref == "https://example.vn/phong-su"


def test_score_bars_are_shaded_cells(loaded):
    doc = make_docx(loaded())
    bars = doc.tables[4]
    assert bars.rows[0].cells[0].text == "Đơn vị" and bars.rows[0].cells[-1].text == "Điểm"

    def filled(row) -> int:
        fills = [tc.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) for tc in row._tr.tc_lst[1:-1]]
        assert len(fills) == 20
        return fills.count("1F4E79")

    assert [(r.cells[0].text, filled(r), r.cells[-1].text) for r in bars.rows[1:]] == [
        ("Đảng ủy Bộ Y tế", 15, "75"), ("Đảng ủy Đài Truyền hình Việt Nam", 5, "25")]


def test_closing_block(loaded):
    doc = make_docx(loaded())
    closing = doc.tables[-1]
    left, right = closing.rows[0].cells
    assert texts(left) == ["Nơi nhận:", "- Các đảng ủy trực thuộc,", "- Lưu Văn phòng Đảng ủy."]
    label = left.paragraphs[0].runs[0]
    assert label.underline and label.bold and label.italic and label.font.size == Pt(14)
    assert [size(p) for p in left.paragraphs[1:]] == [12, 12]
    assert texts(right) == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "", "", "", "Nguyễn Văn A"]
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[-1].runs[0].bold
    assert {b.get(qn("w:val")) for b in closing._tbl.tblPr.find(qn("w:tblBorders"))} == {"nil"}


def test_sample_banner(loaded):
    doc = make_docx(loaded(sample=True))
    assert doc.paragraphs[0].text == "DỮ LIỆU MINH HỌA"
    assert doc.paragraphs[0].runs[0].bold
    assert [p.text for p in doc.sections[0].header.paragraphs][1] == "DỮ LIỆU MINH HỌA"
    assert "DỮ LIỆU MINH HỌA" not in [p.text for p in make_docx(loaded()).paragraphs]


def test_repo_style_table_overrides_the_layout(loaded):
    style = "page:\n  margin_left_mm: 25\nheader:\n  party: {size_pt: 14}\nsymbols: {partial: \"◐\"}\n"
    doc = make_docx(loaded(files={"templates/docx_style.yaml": style}))
    assert near(doc.sections[0].left_margin, 25) and near(doc.sections[0].right_margin, 15)
    assert size(doc.tables[0].rows[0].cells[1].paragraphs[0]) == 14
    assert doc.tables[1].rows[1].cells[2].text == "◐"


@pytest.mark.parametrize("style, problem", [
    ("page: {margin_left_mm: rộng}\n", "khóa \"page.margin_left_mm\" phải là một số, không phải \"rộng\"."),
    ("banner: {color: red}\n", "khóa \"banner.color\" phải là một mã màu RRGGBB"),
    ("body: {align: middle}\n", "khóa \"body.align\" phải là left, center, right hoặc justify"),
    ("pages: {}\n", "không có khóa \"pages\" (có phải \"page\"?)."),
    ("- a\n", "nội dung phải là các cặp khóa: giá trị."),
    ("page: [\n", "while parsing"),
])
def test_bad_style_table(loaded, style, problem):
    repo = loaded(files={"templates/docx_style.yaml": style})
    with pytest.raises(SetupError) as caught:
        load_style(repo.root)
    assert caught.value.key == "setup.report_bad_style"
    assert caught.value.params["file"] == "templates/docx_style.yaml"
    assert problem in caught.value.params["problem"]
