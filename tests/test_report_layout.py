"""The layout profiles hd36 and hd05 of the .docx report (SPEC §6.3), as data in the style file:
picked by the signing date or by name, overridden by a repo, guarded against hostile values."""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from test_report_docx import body_paragraph, make_docx, texts
from test_report_md import hand_status, loaded  # noqa: F401  (the fixture, and the hand-made Status)

from dxtrack.errors import SetupError
from dxtrack.report.style import PROFILES, STYLE_FILE, load_layout, load_style
from dxtrack.report.templates import BUILTIN

STYLE_TEXT = (BUILTIN / STYLE_FILE).read_text(encoding="utf-8")


def _subject_rule(doc):
    """The paragraph after the subject and period lines: the rule, drawn or typed."""
    paragraphs = doc.paragraphs
    period = next(i for i, p in enumerate(paragraphs) if p.text.startswith("(Từ ngày"))
    return paragraphs[period + 1]


def _closing(doc):
    """The closing table: the one whose left column starts "Nơi nhận:" (appendices may follow it)."""
    return next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")


def test_the_style_file_names_the_profiles_of_the_settings():
    assert PROFILES == ("hd36", "hd05")
    for name in PROFILES:
        assert load_layout(None, name)[0] == name


def test_every_hd05_value_is_marked_as_from_secondary_sources():
    hd05 = STYLE_TEXT[STYLE_TEXT.index("\n  hd05:"):]
    values = [line for line in hd05.splitlines()[1:] if not line.lstrip().startswith(("from:", "extends:"))
              and (re.match(r"^\s+[\w/]+: *[^\s#{]", line) or "{" in line.split("#")[0])]
    assert len(values) == 5
    for line in values:
        assert "# hd05: from secondary sources (press summaries of 05-HD/VPTW), not the text itself" in line, line


def test_hd05_changes_only_what_it_lists():
    hd36, hd05 = load_style(None, "hd36"), load_style(None, "hd05")
    assert hd05["body"] == {**hd36["body"], "line_spacing_exact_pt": 20, "space_before_pt": 0, "space_after_pt": 6}
    assert hd05["title"] == {**hd36["title"], "rule": "text"}
    assert hd05["closing"]["signer_title"] == {"size_pt": 14, "bold": False}
    assert {k: v for k, v in hd05.items() if k not in ("body", "title", "closing")} == \
        {k: v for k, v in hd36.items() if k not in ("body", "title", "closing")}


@pytest.mark.parametrize("on, profile", [
    (date(2018, 1, 1), "hd36"), (date(2026, 5, 26), "hd36"), (date(2026, 5, 27), "hd05"), (date(2027, 1, 1), "hd05")])
def test_the_signing_date_picks_the_profile(on, profile):
    assert load_layout(None, None, on)[0] == profile


def test_hd36_layout(loaded):
    doc = make_docx(loaded(), signed=date(2026, 5, 26))
    intro = body_paragraph(doc, "Thực hiện Công văn số 380-CV/ĐU")
    assert intro.paragraph_format.line_spacing_rule == WD_LINE_SPACING.MULTIPLE
    assert intro.paragraph_format.line_spacing == pytest.approx(1.1)
    assert intro.paragraph_format.space_before == Pt(6) and intro.paragraph_format.space_after == Pt(0)
    rule = _subject_rule(doc)
    assert rule.text == "" and rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    title = _closing(doc).rows[0].cells[1].paragraphs[1]
    assert title.text == "BÍ THƯ" and title.runs[0].bold


def test_hd05_layout(loaded):
    doc = make_docx(loaded(), signed=date(2026, 5, 27))
    intro = body_paragraph(doc, "Thực hiện Công văn số 380-CV/ĐU")
    fmt = intro.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == Pt(20)
    assert fmt.space_before == Pt(0) and fmt.space_after == Pt(6)
    heading = body_paragraph(doc, "I. ")
    assert heading.paragraph_format.line_spacing == Pt(20) and heading.runs[0].bold
    rule = _subject_rule(doc)
    assert rule.text == "-----" and rule._p.pPr.find(qn("w:pBdr")) is None
    assert rule.alignment == 1 and rule.runs[0].font.size == Pt(14) and not rule.runs[0].bold  # centred
    right = _closing(doc).rows[0].cells[1]
    assert texts(right)[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert right.paragraphs[0].runs[0].bold and not right.paragraphs[1].runs[0].bold
    assert right.paragraphs[-1].runs[0].bold
    # the header, the closing's left column and the tables stay single spaced
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].paragraph_format.line_spacing == 1.0
    label = _closing(doc).rows[0].cells[0].paragraphs[0]
    assert label.text == "Nơi nhận:" and label.runs[0].underline and not label.runs[0].italic


def test_a_profile_by_name_over_the_date(loaded):
    doc = make_docx(loaded(), signed=date(2026, 2, 5), profile="hd05")
    assert _subject_rule(doc).text == "-----"
    doc = make_docx(loaded(), signed=date(2026, 12, 1), profile="hd36")
    assert _subject_rule(doc).text == ""


def test_page_numbers_from_page_two_and_mirrored_margins_as_an_option(loaded):
    doc = make_docx(loaded())
    sect = doc.sections[0]._sectPr
    assert sect.find(qn("w:titlePg")) is not None
    assert doc.settings.element.find(qn("w:mirrorMargins")) is None
    mirrored = make_docx(loaded(files={"templates/docx_style.yaml": "page: {mirror_margins: true}\n"}))
    assert mirrored.settings.element.find(qn("w:mirrorMargins")) is not None


def test_repo_override_top_level_for_every_profile_and_per_profile(loaded):
    style = ("body: {first_line_indent_mm: 12}\n"
             "profiles:\n  hd05: {body: {line_spacing_exact_pt: 21}, from: 2026-07-01}\n")
    repo = loaded(files={"templates/docx_style.yaml": style})
    hd36, hd05 = load_style(repo.root, "hd36"), load_style(repo.root, "hd05")
    assert hd36["body"]["first_line_indent_mm"] == hd05["body"]["first_line_indent_mm"] == 12
    assert hd36["body"]["line_spacing_exact_pt"] == 0 and hd05["body"]["line_spacing_exact_pt"] == 21
    assert load_layout(repo.root, None, date(2026, 6, 30))[0] == "hd36"   # hd05 moved to 01/07/2026
    assert load_layout(repo.root, None, date(2026, 7, 1))[0] == "hd05"
    doc = make_docx(repo, signed=date(2026, 7, 1))
    assert body_paragraph(doc, "Thực hiện Công văn").paragraph_format.line_spacing == Pt(21)


@pytest.mark.parametrize("style, problem", [
    ("profiles: {hd5: {}}\n", "không có khóa \"profiles.hd5\" (có phải \"hd05\"?)."),
    ("profiles: {hd05: {body: {line_spacng: 2}}}\n",
     "không có khóa \"profiles.hd05.body.line_spacng\" (có phải \"line_spacing\"?)."),
    ("profiles: {hd05: {from: sớm}}\n", "khóa \"profiles.hd05.from\" phải là một ngày dạng YYYY-MM-DD"),
    ("profiles: [hd05]\n", "khóa \"profiles\" phải là một nhóm khóa"),
    ("title: {rule: dots}\n", "khóa \"title.rule\" phải là một trong: drawn, text, không phải \"dots\"."),
    ("body: {size_pt: .nan}\n", "khóa \"body.size_pt\" phải là một số từ 0 đến 1000"),
    ("body: {size_pt: .inf}\n", "khóa \"body.size_pt\" phải là một số từ 0 đến 1000"),
    ("bars: {cells: 100000000}\n", "khóa \"bars.cells\" phải là một số từ 0 đến 200"),
    ("closing: {signature_lines: 1.0e+400}\n", "khóa \"closing.signature_lines\" phải là một số từ 0 đến 200"),
    ("page: {width_mm: 99999999999999999999999999}\n", "khóa \"page.width_mm\" phải là một số từ 0 đến 2000"),
    ("body: {line_spacing: -1}\n", "khóa \"body.line_spacing\" phải là một số từ 0 đến 10"),
    ("page: {margin_left_mm: 150, margin_right_mm: 50}\n", "không còn chỗ cho chữ trên khổ 210 × 297 mm"),
    ("a: &x [1]\nb: *x\n", "không dùng neo và bí danh YAML"),
    ("x" * 300_000 + ": 1\n", "tệp lớn hơn 256 KiB."),
    ("page: " + "[" * 5000 + "]" * 5000 + "\n", "các nhóm lồng vào nhau quá sâu."),
])
def test_hostile_or_wrong_style_values_are_setup_errors(loaded, style, problem):
    repo = loaded(files={"templates/docx_style.yaml": style})
    with pytest.raises(SetupError) as caught:
        load_style(repo.root, "hd36")
    assert caught.value.key == "setup.report_bad_style"
    assert problem in caught.value.params["problem"], caught.value.params["problem"]


def test_an_unknown_profile_by_name():
    with pytest.raises(SetupError) as caught:
        load_style(None, "hd06")
    assert caught.value.key == "setup.report_bad_profile"
    assert caught.value.params == {"value": "hd06", "choices": "hd36, hd05"}


def test_the_last_paragraph_keeps_with_the_signature(loaded):
    from docx.text.paragraph import Paragraph

    doc = make_docx(loaded())
    spacer = Paragraph(_closing(doc)._tbl.getprevious(), doc)
    ending = Paragraph(spacer._p.getprevious(), doc)
    assert spacer.text == "" and ending.text
    assert spacer.paragraph_format.keep_with_next and ending.paragraph_format.keep_with_next
