"""The .docx report, opened with python-docx: page, fonts, header, tables, closing (SPEC §6)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from test_report_md import hand_status, loaded  # noqa: F401  (the fixture, and the hand-made Status)

from dxtrack.report.build import ReportOptions, build_report
from dxtrack.report.docx import render_docx
from dxtrack.report.style import load_style
from dxtrack.errors import SetupError

FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def make_docx(repo, **opts):
    options = ReportOptions(**{"signed": date(2026, 2, 5), **opts})
    data = build_report(repo, hand_status(repo), options, date(2025, 8, 20))
    style = load_style(repo.root, options.profile, options.signed)  # hd36 for 05/02/2026, as the CLI picks
    return Document(io.BytesIO(render_docx(data, style)))


def closing_table(doc):
    """The closing block: the borderless table holding "T/M BAN THƯỜNG VỤ"."""
    return next(t for t in doc.tables if "T/M BAN THƯỜNG VỤ" in t._tbl.xml)


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
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"]   # no V: the settings hold no proposals
    assert all(p.runs[0].bold and size(p) == 14 for p in headings)


def table_starting(doc, *headers: str):
    """The first table whose header row starts with `headers`."""
    return next(t for t in doc.tables if tuple(c.text for c in t.rows[0].cells[:len(headers)]) == headers)


def test_status_tables_with_repeated_header_rows(loaded):
    doc = make_docx(loaded())
    first = table_starting(doc, "Đơn vị", "1.1")
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["Đơn vị", "1.1", "1.3"], ["Đảng ủy Bộ Y tế", "✓", "½"],
        ["Đảng ủy Đài Truyền hình Việt Nam", "✗", "✗"]]
    header_row = first.rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert first.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert size(first.rows[1].cells[0].paragraphs[0]) == 12
    press = table_starting(doc, "Đơn vị", "2.2.a")
    assert [[c.text for c in row.cells] for row in press.rows] == [
        ["Đơn vị", "2.2.a"], ["Đảng ủy Đài Truyền hình Việt Nam", "½"]]
    # appendix 3: the records, each title and its address as plain text (no hyperlink, for print)
    records = table_starting(doc, "STT", "Ngày")
    assert [c.text for c in records.rows[1].cells] == [
        "1", "20/09/2025", "phóng sự", "Phóng sự \"Dịch vụ công toàn trình\"\nhttps://example.vn/phong-su",
        "truyền hình, nền tảng số"]
    assert records.rows[0]._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert not list(doc.element.body.iter(qn("w:hyperlink")))


def test_score_bars_are_shaded_cells(loaded):
    doc = make_docx(loaded())
    bars = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Điểm")
    assert bars.rows[0].cells[0].text == "Đơn vị"

    def filled(row) -> int:
        fills = [tc.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) for tc in row._tr.tc_lst[1:-1]]
        assert len(fills) == 20
        return fills.count("1F4E79")

    assert [(r.cells[0].text, filled(r), r.cells[-1].text) for r in bars.rows[1:]] == [
        ("Đảng ủy Bộ Y tế", 15, "75"), ("Đảng ủy Đài Truyền hình Việt Nam", 5, "25")]


def test_closing_block(loaded):
    doc = make_docx(loaded())
    closing = closing_table(doc)
    left, right = closing.rows[0].cells
    assert texts(left) == ["Nơi nhận:", "- Lưu Văn phòng Đảng ủy."]   # no report_to, no recipients set
    label, colon = left.paragraphs[0].runs  # "Nơi nhận:" upright, the words underlined (SPEC §6.3)
    assert (label.text, colon.text) == ("Nơi nhận", ":")
    assert label.underline and not label.bold and not label.italic and label.font.size == Pt(14)
    assert not colon.underline and not colon.bold and not colon.italic
    assert [size(p) for p in left.paragraphs[1:]] == [12]
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
    assert table_starting(doc, "Đơn vị", "1.1").rows[1].cells[2].text == "◐"


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


# --- the content of the report as the .docx holds it (SPEC §6.1, §6.2) ------------------------------

UPWARD = """\
directive: 380-CV/ĐU
organization: Đảng ủy Chính phủ
report_to: Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ
received: 2025-08-20
phase_end: 2025-12-31
report:
  recipients: [Thường trực Đảng ủy Chính phủ (để b/c), Các đảng ủy trực thuộc]
  archive: Lưu VT, Ban TGDV
"""

IDS = re.compile(r"\b[123]\.\d(\.[a-i])?\b")


def docx_of(make_repo, settings: str = UPWARD, **opts):
    from test_report_md import FILES, UNITS

    from dxtrack import api  # noqa: I001  (the tests' own module first, as above)

    repo = api.load_repo(make_repo(FILES, settings=settings, units=UNITS), today=date(2025, 12, 1))
    data = build_report(repo, hand_status(repo), ReportOptions(signed=date(2025, 12, 2), **opts), date(2025, 8, 20))
    return Document(io.BytesIO(render_docx(data, load_style(repo.root, None, date(2025, 12, 2))))), data


def body_items(doc) -> list:
    """The body's paragraphs and tables, in order (python-docx objects)."""
    from docx.table import Table as DocxTable

    found = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            found.append(Paragraph(child, doc))
        elif child.tag == qn("w:tbl"):
            found.append(DocxTable(child, doc))
    return found


def paragraphs_between(doc, first: str, last: str) -> list[str]:
    texts_ = [p.text for p in doc.paragraphs]
    start = texts_.index(first)
    return texts_[start + 1:texts_.index(last, start)]


def test_recipients_go_upward_first_and_the_archive_last(make_repo):
    doc, _ = docx_of(make_repo)
    left = closing_table(doc).rows[0].cells[0]
    assert texts(left) == ["Nơi nhận:", "- Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ (để b/c),",
                           "- Thường trực Đảng ủy Chính phủ (để b/c),", "- Các đảng ủy trực thuộc,",
                           "- Lưu VT, Ban TGDV."]
    lines = texts(left)[1:]
    assert all(line.endswith(",") for line in lines[:-1]) and lines[-1].endswith(".")
    default, _ = docx_of(make_repo, UPWARD.replace("  archive: Lưu VT, Ban TGDV\n", ""))
    assert texts(closing_table(default).rows[0].cells[0])[-1] == "- Lưu Văn phòng Đảng ủy."


def test_a_units_report_goes_to_the_organisation(make_repo):
    doc, data = docx_of(make_repo, unit="bo-y-te")
    assert texts(closing_table(doc).rows[0].cells[0]) == [
        "Nơi nhận:", "- Ban Thường vụ Đảng ủy Chính phủ (để b/c),",
        "- Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ (để b/c),", "- Lưu Văn phòng Đảng ủy."]
    # the header: the organisation's party organisation above the unit
    assert texts(doc.tables[0].rows[0].cells[0]) == ["ĐẢNG BỘ CHÍNH PHỦ", "ĐẢNG ỦY BỘ Y TẾ", "*"]
    # number, signer and title are blanks to fill by hand, and the data says which
    assert data.blanks == ("number", "signer", "signer_title")
    assert doc.tables[0].rows[1].cells[0].text == "Số      -BC/ĐU"
    right = texts(closing_table(doc).rows[0].cells[1])
    assert right[0] == "T/M BAN THƯỜNG VỤ" and right[1] == right[-1] == "................................"


def test_whole_organisation_header_has_no_superior_body_unless_set(make_repo):
    doc, data = docx_of(make_repo)
    assert texts(doc.tables[0].rows[0].cells[0]) == ["ĐẢNG ỦY CHÍNH PHỦ", "*"]
    assert data.blanks == ("number", "signer", "signer_title")
    set_, _ = docx_of(make_repo, UPWARD + "  superior_body: Ban Chấp hành Trung ương\n  number: 15-BC/ĐU\n")
    assert texts(set_.tables[0].rows[0].cells[0]) == ["BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG ỦY CHÍNH PHỦ", "*"]
    assert set_.tables[0].rows[1].cells[0].text == "Số 15-BC/ĐU"


def test_appendices_follow_the_signature_each_on_a_new_page(make_repo):
    doc, _ = docx_of(make_repo)
    items = body_items(doc)
    signature = next(i for i, item in enumerate(items) if "T/M BAN THƯỜNG VỤ" in item._element.xml)
    headings = [(i, item) for i, item in enumerate(items)
                if isinstance(item, Paragraph) and item.text.startswith("Phụ lục ")]
    assert [h.text for _, h in headings] == [
        "Phụ lục 1. Kết quả thực hiện các yêu cầu của Công văn số 380-CV/ĐU",
        "Phụ lục 2. Hoạt động, sản phẩm truyền thông theo đơn vị",
        "Phụ lục 3. Danh mục hoạt động, sản phẩm truyền thông trong kỳ"]
    assert all(i > signature for i, _ in headings)
    assert all(h.paragraph_format.page_break_before for _, h in headings)
    assert all(h.alignment == WD_ALIGN_PARAGRAPH.CENTER and h.runs[0].bold for _, h in headings)
    # the matrices are in the appendix, none in the body
    tables = [i for i, item in enumerate(items) if not isinstance(item, Paragraph)]
    assert [i for i in tables if i < signature] == [tables[0]]   # the header block only
    assert texts_after(items, headings[0][0])[:1] == [
        "(Kèm theo Báo cáo số      -BC/ĐU, ngày 02/12/2025 của Ban Thường vụ Đảng ủy Chính phủ)"]


def texts_after(items: list, index: int) -> list[str]:
    return [item.text for item in items[index + 1:] if isinstance(item, Paragraph)]


def test_section_three_is_sentences_without_ids_or_dashes(make_repo):
    doc, _ = docx_of(make_repo)
    short = paragraphs_between(doc, "III. HẠN CHẾ, TỒN TẠI", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    assert short and all(text.endswith((".", ":")) for text in short)
    assert not any(IDS.search(text) for text in short)
    assert not any(text.startswith("- ") for text in short)
    assert not any("chưa đạt" in text or "một phần" in text for text in short)
    assert "Đảng ủy Bộ Y tế chưa có hoạt động nào được ghi nhận trong kỳ." in " ".join(short)


def test_section_five_only_with_proposals(make_repo):
    doc, _ = docx_of(make_repo)
    assert not any(p.text.startswith("V. ") for p in doc.paragraphs)
    assert "Không có." not in [p.text for p in doc.paragraphs]
    with_proposals, _ = docx_of(make_repo, UPWARD + "  proposals: Đề nghị bổ sung kinh phí.\n")
    assert paragraphs_between(with_proposals, "V. ĐỀ XUẤT, KIẾN NGHỊ",
                              "Trên đây là báo cáo kết quả thực hiện Công văn số 380-CV/ĐU của Đảng ủy Chính phủ./.") \
        == ["Đề nghị bổ sung kinh phí."]


def test_no_hyperlinks_and_no_coloured_text_in_the_body(make_repo):
    doc, _ = docx_of(make_repo)
    assert not list(doc.element.body.iter(qn("w:hyperlink")))
    items = body_items(doc)
    signature = next(i for i, item in enumerate(items) if "T/M BAN THƯỜNG VỤ" in item._element.xml)
    body = [item for item in items[:signature] if isinstance(item, Paragraph)]
    notable = [p for p in body if p.text.startswith("- Ngày 20/09/2025")]
    assert [p.text for p in notable] == ["- Ngày 20/09/2025, Đảng ủy Đài Truyền hình Việt Nam phát sóng phóng sự "
                                         "\"Dịch vụ công toàn trình\" trên truyền hình và nền tảng số."]
    assert not any(run.underline or (run.font.color is not None and run.font.color.rgb is not None
                                     and str(run.font.color.rgb) == "0563C1")
                   for p in body for run in p.runs)
