"""`status --format xlsx`: the workbook, opened again with openpyxl, against the same Status
that the JSON renders; and the cell helpers of `dxtrack.sheets.cells` every workbook shares."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl import Workbook, load_workbook

from dxtrack import api
from dxtrack.sheets import cells
from test_rules import PRESS, event, product, repo_files

AS_OF = "2025-10-01"
FORMULA_NAME = '=HYPERLINK("http://x","y")'
WORDS = {"met": "đạt", "partial": "một phần", "missing": "chưa đạt", "not_due": "chưa đến hạn",
         "n/a": "không áp dụng"}
EN_WORDS = {"met": "met", "partial": "partial", "missing": "missing", "not_due": "not due", "n/a": "n/a"}

UNITS = f"""\
units:
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
    kind: ministry
  - id: dai-truyen-hinh-viet-nam
    name: Đảng ủy Đài Truyền hình Việt Nam
    kind: press
  - id: cong-thuc
    name: '{FORMULA_NAME}'
    kind: other
  - id: tap-doan-than
    name: Đảng ủy Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam
    kind: enterprise
    until: 2025-09-15
    moved_to: Đảng ủy Bộ Tài chính
"""

HEAD = ["Đơn vị", "Mã đơn vị", "Loại", "Trạng thái", "Điểm", "Hoạt động gần nhất"]
COUNTS = ["Số hoạt động", "Số sản phẩm", "Số chuyên trang, chuyên mục", "Số báo cáo", "Tệp lỗi không tính",
          "Chuyển sang", "Ngày chuyển"]


@pytest.fixture
def repo(make_repo):
    records = [
        event(date="2025-08-25", audiences=["leaders", "party_members", "workers"]),
        product("infographic", "2025-09-10", ["online_press", "website"], audiences=["citizens"]),
        event(kind="talkshow", date="2025-09-20", mode="online", unit=PRESS, leaders=["Lãnh đạo Ban"]),
    ]
    return make_repo(repo_files(records), units=UNITS)


@pytest.fixture
def status(repo):
    return api.evaluate(api.load_repo(repo), date.fromisoformat(AS_OF))


def workbook(status, lang="vi", unit=None):
    if unit is None:
        data = api.render("status", "xlsx", status, lang=lang)
    else:
        detail = api.unit_detail(api.load_repo(unit[0]), status, unit[1])
        data = api.render("unit", "xlsx", detail, status, lang=lang)
    assert isinstance(data, bytes) and data[:2] == b"PK"
    return load_workbook(io.BytesIO(data)), data


def as_json(status) -> dict:
    return json.loads(api.render("status", "json", status))


def rows_by_id(ws) -> dict[str, list]:
    return {row[1].value: list(row) for row in ws.iter_rows(min_row=2)}


# ------------------------------------------------------------------------------ the matrix


def test_one_row_per_unit_active_first_then_transferred(status):
    wb, _ = workbook(status)
    assert wb.sheetnames == ["Tình hình thực hiện", "Lý do", "Thông tin"]
    ws = wb["Tình hình thực hiện"]
    ids = [row[1].value for row in ws.iter_rows(min_row=2)]
    assert ws.max_row == 1 + 4
    active = [u["id"] for u in as_json(status)["units"] if u["state"] == "active"]
    assert ids == [*active, "tap-doan-than"]          # the Status' order, transferred last
    moved = rows_by_id(ws)["tap-doan-than"]
    assert [c.value for c in moved[:5]] == ["Đảng ủy Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam",
                                             "tap-doan-than", "doanh nghiệp nhà nước", "đã chuyển", None]
    reqs = len(status.requirements)
    assert all(c.value is None for c in moved[6:6 + reqs])   # a transferred unit has no statuses
    assert moved[-2].value == "Đảng ủy Bộ Tài chính"
    assert moved[-1].is_date and moved[-1].value.date() == date(2025, 9, 15)
    assert rows_by_id(ws)["bo-y-te"][3].value == "đang theo dõi"


def test_header_in_vietnamese_with_requirement_ids_and_titles(status):
    ws = workbook(status)[0].worksheets[0]
    header = [c.value for c in ws[1]]
    ids = [r.id for r in api.requirements()]
    assert header == [*HEAD, *ids, *COUNTS]
    first = ws.cell(row=1, column=len(HEAD) + 1)
    assert first.comment is not None and first.comment.text.startswith("1.1. ")
    assert api.requirements(["1.1"])[0].title in first.comment.text
    assert all(c.font.bold and c.fill.fill_type == "solid" for c in ws[1])


def test_frozen_header_and_autofilter_over_every_row(status):
    ws = workbook(status)[0].worksheets[0]
    assert ws.freeze_panes == "B2"                          # the header row, and the names
    last = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}" == f"A1:{last}5"
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$A"  # printed on every page


def test_column_widths_fit(status):
    ws = workbook(status)[0].worksheets[0]
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    longest = len("Đảng ủy Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam")
    assert widths["A"] >= longest > 13                         # the default is 13 (8.43 characters)
    assert widths["E"] < widths["A"]                            # a score column stays narrow
    status_column = openpyxl.utils.get_column_letter(len(HEAD) + 1)
    assert widths[status_column] >= len("không áp dụng")


def test_statuses_are_the_vietnamese_words_of_the_json(status):
    ws = workbook(status)[0].worksheets[0]
    rows = rows_by_id(ws)
    ids = [r.id for r in status.requirements]
    seen = set()
    for unit in as_json(status)["units"]:
        if unit["state"] != "active":
            continue
        cells_ = rows[unit["id"]][len(HEAD):len(HEAD) + len(ids)]
        words = [c.value for c in cells_]
        assert words == [WORDS[unit["requirements"][i]["status"]] for i in ids]
        assert all(c.data_type == "s" for c in cells_)
        seen.update(words)
    assert {"đạt", "chưa đạt", "không áp dụng"} <= seen


def test_status_colours_follow_the_words(status):
    ws = workbook(status)[0].worksheets[0]
    rules = {rule.formula[0]: rule for cf in ws.conditional_formatting for rule in cf.rules if rule.formula}
    assert set(rules) >= {f'"{w}"' for w in WORDS.values()}
    assert rules['"đạt"'].dxf.fill.fgColor.rgb.endswith("C6EFCE")
    spans = {str(cf.sqref) for cf in ws.conditional_formatting}
    last_req = openpyxl.utils.get_column_letter(len(HEAD) + len(status.requirements))
    assert f"G2:{last_req}5" in spans


def test_scores_and_counts_are_numbers(status):
    ws = workbook(status)[0].worksheets[0]
    rows = rows_by_id(ws)
    for unit in as_json(status)["units"]:
        score = rows[unit["id"]][4]
        assert score.value == unit["score"]
        if unit["score"] is not None:
            assert score.data_type == "n" and isinstance(score.value, int)
        counts = [c.value for c in rows[unit["id"]][len(HEAD) + len(status.requirements):][:4]]
        assert counts == [unit["counts"][k] for k in ("event", "product", "channel", "report")]
    assert rows["bo-y-te"][4].value > 0


def test_last_activity_is_a_date_shown_dd_mm_yyyy(status):
    ws = workbook(status)[0].worksheets[0]
    cell = rows_by_id(ws)["bo-y-te"][5]
    assert cell.is_date and cell.number_format == "dd/mm/yyyy"
    assert cell.value == datetime(2025, 9, 10)
    assert rows_by_id(ws)["cong-thuc"][5].value is None      # nothing recorded: an empty cell


def test_a_name_that_looks_like_a_formula_stays_text(status):
    wb, data = workbook(status)
    cell = rows_by_id(wb.worksheets[0])["cong-thuc"][0]
    assert cell.value == FORMULA_NAME and cell.data_type == "s"
    assert cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_in_english(status):
    wb, _ = workbook(status, lang="en")
    assert wb.sheetnames == ["Status", "Reasons", "About"]
    ws = wb["Status"]
    assert [c.value for c in ws[1]][:6] == ["Unit", "Unit id", "Kind", "State", "Score", "Last activity"]
    words = {c.value for row in ws.iter_rows(min_row=2, min_col=7, max_col=6 + len(status.requirements))
             for c in row} - {None}
    assert words and words <= set(EN_WORDS.values())
    assert rows_by_id(ws)["tap-doan-than"][3].value == "transferred"
    assert rows_by_id(ws)["bo-y-te"][2].value == "ministry"


def test_reasons_sheet_one_row_per_requirement_with_its_reasons(status):
    ws = workbook(status)[0]["Lý do"]
    assert [c.value for c in ws[1]] == ["Đơn vị", "Mã đơn vị", "Yêu cầu", "Nội dung yêu cầu", "Tình trạng",
                                        "Còn thiếu"]
    active = [u for u in status.units if u.state == "active"]
    assert ws.max_row - 1 == sum(len(u.requirements) for u in active)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:F{ws.max_row}"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    missing = [r for r in rows if r[1] == "cong-thuc" and r[4] == "chưa đạt"]
    assert missing and all(r[5] for r in missing)               # every shortfall says what is missing
    assert not any(r[1] == "tap-doan-than" for r in rows)


def test_about_sheet_phase_as_of_and_legend(status):
    ws = workbook(status)[0]["Thông tin"]
    facts = {row[0].value: row[1] for row in ws.iter_rows() if row[0].value}
    assert facts["Văn bản"].value == "380-CV/ĐU"
    assert facts["Tính đến ngày"].is_date and facts["Tính đến ngày"].value == datetime(2025, 10, 1)
    assert facts["Tính đến ngày"].number_format == "dd/mm/yyyy"
    assert facts["Thời gian"].value == "18/08/2025 – 31/12/2025"     # the phase: from the directive
    assert facts["Số đơn vị đang theo dõi"].value == 3 and facts["Số đơn vị đã chuyển"].value == 1
    assert "Dữ liệu" not in facts                                   # sample: false, no banner
    legend = [row[0].value for row in ws.iter_rows() if row[0].value in WORDS.values()]
    assert legend == list(WORDS.values())
    ids = [row[0].value for row in ws.iter_rows() if row[0].value in {r.id for r in status.requirements}]
    assert ids == [r.id for r in status.requirements]


def test_sample_banner_in_page_header_and_properties(make_repo):
    from conftest import SETTINGS

    root = make_repo(settings=SETTINGS.replace("sample: false", "sample: true"))
    wb, _ = workbook(api.evaluate(api.load_repo(root), date.fromisoformat(AS_OF)))
    banner = "DỮ LIỆU MINH HỌA — dữ liệu minh họa, không phải số liệu thật"
    assert banner in wb.worksheets[0].oddHeader.left.text
    assert wb.properties.description == banner
    assert wb.properties.title == "Tình hình thực hiện Công văn 380-CV/ĐU — đến ngày 01/10/2025"
    facts = {row[0].value: row[1].value for row in wb["Thông tin"].iter_rows() if row[0].value}
    assert facts["Dữ liệu"] == banner


def test_one_unit_is_the_same_sheet_with_one_row(repo, status):
    wb, _ = workbook(status, unit=(repo, "bo-y-te"))
    ws = wb.worksheets[0]
    assert ws.max_row == 2 and ws.cell(row=2, column=2).value == "bo-y-te"
    assert [c.value for c in ws[1]][:6] == HEAD
    assert {r[1].value for r in wb["Lý do"].iter_rows(min_row=2)} == {"bo-y-te"}


def test_the_same_status_gives_the_same_bytes(status):
    import time

    first = api.render("status", "xlsx", status)
    time.sleep(1.1)  # the zip's timestamps have a 2-second grain; openpyxl's own use the clock
    assert api.render("status", "xlsx", status) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 10, 1, 0, 0, 0)}


# ------------------------------------------------------------------------------ sheets.cells


def reopened(wb):
    out = io.BytesIO()
    wb.save(out)
    return load_workbook(io.BytesIO(out.getvalue())).active


@pytest.mark.parametrize("value", ["=1+1", "+84 912", "-5", "@me", "\tindented", "\rx", "\nx", "=SUM(A1:A2)"])
def test_text_is_never_a_formula(value):
    wb = Workbook()
    cells.text(wb.active["A1"], value)
    cell = reopened(wb)["A1"]
    assert cell.data_type == "s" and cell.value == value
    assert cell.quotePrefix == value.startswith(("=", "+", "-", "@", "\t", "\r"))  # text.starts_like_formula


def test_text_escapes_what_a_workbook_cannot_hold():
    wb = Workbook()
    cells.text(wb.active["A1"], "a\x0bb\x00c")
    cells.text(wb.active["A2"], "x" * 40000)
    cells.text(wb.active["A3"], 12)
    cells.text(wb.active["A4"], None)
    ws = reopened(wb)
    assert ws["A1"].value == "a\\x0bb\\x00c"
    assert len(ws["A2"].value) == 32767
    assert ws["A3"].value == "12" and ws["A3"].data_type == "s"
    assert ws["A4"].value is None


def test_dates_are_dates():
    wb = Workbook()
    cells.date(wb.active["A1"], date(2025, 9, 2))
    cells.date(wb.active["A2"], datetime(2025, 9, 2, 13, 5))
    cells.date(wb.active["A3"], None)
    ws = reopened(wb)
    assert ws["A1"].is_date and ws["A1"].number_format == "dd/mm/yyyy" and ws["A1"].value == datetime(2025, 9, 2)
    assert ws["A2"].value == datetime(2025, 9, 2)
    assert ws["A3"].value is None


def test_header_freezes_filters_and_fits():
    wb = Workbook()
    ws = wb.active
    for row in range(2, 5):
        cells.text(ws.cell(row=row, column=1), f"Đảng ủy Bộ Khoa học và Công nghệ {row}")
        cells.text(ws.cell(row=row, column=2), "✓")
        cells.date(ws.cell(row=row, column=3), date(2025, 9, row))
    cells.header(ws, ["Đơn vị", "Ký hiệu", "Hoạt động gần nhất của đơn vị"])
    cells.fit_widths(ws)
    ws = reopened(wb)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C4"
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["A"] == len("Đảng ủy Bộ Khoa học và Công nghệ 2") + 2
    assert widths["B"] == len("Ký hiệu") + 2 and widths["B"] >= cells.MIN_WIDTH
    assert widths["C"] == cells.HEADER_WRAP + 2         # a long header wraps: the column stays near its dates
    assert ws.row_dimensions[1].height > cells.LINE_HEIGHT  # and the header row is tall enough for it
    assert ws["A1"].font.bold and ws["A1"].alignment.wrap_text


def test_header_can_freeze_columns_too():
    wb = Workbook()
    cells.header(wb.active, ["a", "b"], columns=1)
    assert wb.active.freeze_panes == "B2"


def test_widths_count_letters_not_code_points():
    decomposed = unicodedata.normalize("NFD", "Đảng ủy Bộ Y tế")
    assert len(decomposed) > len("Đảng ủy Bộ Y tế")
    assert cells.display_len(decomposed) == cells.display_len("Đảng ủy Bộ Y tế") == 15
    assert cells.display_len("dòng một\ndòng thứ hai") == len("dòng thứ hai")
    assert cells.display_len(date(2025, 1, 1)) == 10
    wb = Workbook()
    cells.text(wb.active["A1"], "x" * 500)
    cells.text(wb.active["B1"], "·")
    cells.fit_widths(wb.active)
    assert wb.active.column_dimensions["A"].width == cells.MAX_WIDTH
    assert wb.active.column_dimensions["B"].width == cells.MIN_WIDTH


def test_wrapped_rows_are_made_tall_enough():
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    cells.text(ws["A2"], "một hai ba bốn năm sáu bảy tám chín mười").alignment = Alignment(wrap_text=True)
    cells.text(ws["A3"], "ngắn").alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 12
    cells.fit_heights(ws)
    assert cells.wrap_lines("một hai ba bốn năm sáu bảy tám chín mười", 10) == [
        "một hai ba", "bốn năm", "sáu bảy", "tám chín", "mười"]
    assert ws.row_dimensions[2].height == cells.LINE_HEIGHT * 5 + 2
    assert ws.row_dimensions[3].height is None
