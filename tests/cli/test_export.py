"""`dxtrack export xlsx`: the workbook (sheets, header rows, dates as dates, labels in Vietnamese,
frozen header, filter, text never a formula), the blank template (dropdowns, the notes sheet), and
refusing to write over a file."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from test_rules import FULL_PLAN, PRESS, channel, event, plan, product, repo_files, report

RECORDS = [
    event(kind="dissemination", date="2025-08-29", mode="in_person", topics=["significance", "plan02"],
          audiences=["party_members"], participants=250, partners=["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Y tế"],
          plan_task="t1", title="Hội nghị quán triệt Kế hoạch 02"),
    product(kind="reportage", published="2025-09-20", channels=["television", "digital_platform"],
            metrics={"views": 1200}, title="=HYPERLINK(\"http://x\",\"y\")"),
    channel(updates=["2025-09-08", "2025-09-15"], title="Chuyên mục Chuyển đổi số"),
    report(period={"from": "2025-08-20", "to": "2025-12-10"}, number="12-BC/ĐU", title="Báo cáo kết quả"),
]
SHEETS = ["Hoạt động", "Sản phẩm", "Chuyên trang, chuyên mục", "Báo cáo", "Đơn vị", "Kế hoạch", "Nhiệm vụ",
          "Hướng dẫn", "Danh mục"]


@pytest.fixture
def exported(make_repo, cli, tmp_path):
    root = make_repo(repo_files(RECORDS, [plan(**FULL_PLAN)]))
    out = tmp_path / "du-lieu.xlsx"
    result = cli(["export", "xlsx", "--repo", root, "-o", out])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã ghi {out}: 4 bản ghi, 2 đơn vị, 1 kế hoạch, 1 nhiệm vụ.\n"
    return openpyxl.load_workbook(out)


def _row(ws, row: int) -> list:
    return [c.value for c in ws[row]]


def test_a_sheet_per_record_type_and_the_others(exported):
    assert exported.sheetnames == SHEETS
    assert exported["Danh mục"].sheet_state == "hidden"
    assert [ws.sheet_state for ws in exported.worksheets[:-1]] == ["visible"] * 8


def test_header_rows_keys_hidden_labels_frozen_and_filtered(exported):
    ws = exported["Hoạt động"]
    assert _row(ws, 1) == ["unit", "kind", "title", "date", "mode", "topics", "audiences", "participants", "leaders",
                           "partners", "plan_task", "evidence", "note"]
    assert ws.row_dimensions[1].hidden
    assert _row(ws, 2)[:5] == ["Mã đơn vị", "Loại hoạt động", "Tiêu đề", "Ngày tổ chức", "Hình thức"]
    assert ws["A2"].font.bold
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:M3"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width >= 10  # widths that fit


def test_values_labels_lists_dates_numbers(exported):
    ws = exported["Hoạt động"]
    assert _row(ws, 3) == ["bo-y-te", "hội nghị quán triệt", "Hội nghị quán triệt Kế hoạch 02",
                           datetime(2025, 8, 29), "trực tiếp",
                           "ý nghĩa, tầm quan trọng của chuyển đổi số; quan điểm, mục tiêu, nhiệm vụ của Kế hoạch 02",
                           "đảng viên", 250, None, "Bộ Văn hóa, Thể thao và Du lịch; Bộ Y tế", "t1", None, None]
    assert ws["D3"].is_date and ws["D3"].number_format == "dd/mm/yyyy"
    assert ws["H3"].data_type == "n"
    channel_ws, report_ws = exported["Chuyên trang, chuyên mục"], exported["Báo cáo"]
    assert channel_ws["G3"].value == "08/09/2025; 15/09/2025" and channel_ws["G1"].value == "updates"
    assert [c.value for c in report_ws[1]][4:6] == ["period.from", "period.to"]
    assert report_ws["E3"].value == datetime(2025, 8, 20) and report_ws["F3"].is_date


def test_text_is_never_a_formula(exported):
    ws = exported["Sản phẩm"]
    cell = ws["C3"]
    assert cell.value == "=HYPERLINK(\"http://x\",\"y\")"
    assert cell.data_type == "s" and cell.quotePrefix
    assert ws["E3"].value == "truyền hình; nền tảng số" and ws["I3"].value == 1200  # metrics.views


def test_units_plans_and_tasks(exported):
    units, plans, tasks = exported["Đơn vị"], exported["Kế hoạch"], exported["Nhiệm vụ"]
    assert _row(units, 3)[:3] == ["bo-y-te", "Đảng ủy Bộ Y tế", "bộ"]
    assert _row(units, 4)[:3] == [PRESS, "Đảng ủy Đài Truyền hình Việt Nam", "cơ quan báo chí"]
    assert _row(plans, 2)[:5] == ["Mã đơn vị", "Giai đoạn", "Số ký hiệu", "Ngày ban hành", "Tên kế hoạch"]
    assert _row(plans, 3)[:4] == ["bo-y-te", None, "45-KH/ĐU", datetime(2025, 8, 28)]
    assert _row(plans, 3)[-1] == "tổng kết 31/12/2025"
    assert _row(tasks, 3) == ["bo-y-te", None, "t1", "Hội nghị quán triệt", "Ban Tuyên giáo", datetime(2025, 9, 15),
                              None]


def test_records_left_out_are_counted(make_repo, cli, tmp_path):
    files = repo_files(RECORDS, [plan(**FULL_PLAN)])
    files["activities/bo-y-te/hong.yaml"] = "type: event\nunit: bo-y-te\ntitle: x\n"
    result = cli(["export", "xlsx", "--repo", make_repo(files), "-o", tmp_path / "a.xlsx"])
    assert result.exit_code == 0
    assert "4 bản ghi" in result.stdout
    assert result.stderr == "1 bản ghi có lỗi không được xuất; chạy dxtrack check để xem.\n"


def test_files_left_out_that_are_no_records_are_not_called_records(make_repo, cli, tmp_path):
    """Status counts a plan with errors and a misplaced file as left out; the export's
    message speaks of records, so it counts the records only."""
    files = repo_files(RECORDS, [plan(**FULL_PLAN)])
    files["activities/bo-y-te/hong.yaml"] = "type: event\nunit: bo-y-te\ntitle: x\n"
    files["activities/bo-y-te/sub/x.yaml"] = "type: event\n"  # DX003: not where records are read
    files["plans/khac.yaml"] = "unit: bo-y-te\n"  # a plan for another unit's name (DX302)
    result = cli(["export", "xlsx", "--repo", make_repo(files), "-o", tmp_path / "a.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "1 bản ghi có lỗi không được xuất; chạy dxtrack check để xem.\n"


def test_an_existing_file_is_refused_without_force(make_repo, cli, tmp_path):
    root = make_repo(repo_files(RECORDS))
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"giu nguyen")
    result = cli(["export", "xlsx", "--repo", root, "-o", out])
    assert result.exit_code == 2
    assert f"Tệp {out} đã có; không ghi đè. Thêm --force để thay thế" in result.stderr
    assert out.read_bytes() == b"giu nguyen"
    assert cli(["export", "xlsx", "--repo", root, "-o", out, "--force"]).exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames == SHEETS


def test_a_folder_or_a_missing_folder_is_refused(make_repo, cli, tmp_path):
    root = make_repo()
    assert "là một thư mục" in cli(["export", "xlsx", "--repo", root, "-o", tmp_path]).stderr
    result = cli(["export", "xlsx", "--repo", root, "-o", tmp_path / "khong-co" / "a.xlsx"])
    assert result.exit_code == 2 and "chưa có thư mục" in result.stderr


def test_the_default_file_name(make_repo, cli, tmp_path):
    root = make_repo()
    result = cli(["export", "xlsx", "--repo", root], cwd=tmp_path)
    assert result.exit_code == 0 and (tmp_path / "du-lieu-dxtrack.xlsx").is_file()
    result = cli(["export", "xlsx", "--template", "--repo", root], cwd=tmp_path)
    assert result.stdout == ("Đã ghi mẫu nhập liệu mau-nhap-lieu-dxtrack.xlsx (trang Hướng dẫn giải thích "
                             "từng cột).\n")


# ---------------------------------------------------------------- the template

@pytest.fixture
def template(make_repo, cli, tmp_path):
    out = tmp_path / "mau.xlsx"
    result = cli(["export", "xlsx", "--template", "--repo", make_repo(repo_files(RECORDS)), "-o", out])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def _validations(ws) -> dict[str, object]:
    """First column letter of each data validation's range → the validation."""
    return {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}


def test_the_template_is_blank_with_its_header_rows(template):
    assert template.sheetnames == ["Hoạt động", "Sản phẩm", "Chuyên trang, chuyên mục", "Báo cáo", "Hướng dẫn",
                                   "Danh mục"]
    for name in template.sheetnames[:4]:
        ws = template[name]
        assert ws.max_row == 2 and ws["A1"].value == "unit" and ws["A2"].value == "Mã đơn vị"
        assert ws.freeze_panes == "A3"


def test_the_template_has_dropdowns_of_the_labels(template):
    ws = template["Hoạt động"]
    found = _validations(ws)
    kind, mode, unit = found["B"], found["E"], found["A"]
    assert kind.type == "list" and kind.formula1 == "'Danh mục'!$B$2:$B$16" and str(kind.sqref) == "B3:B1003"
    assert kind.errorStyle == "warning"  # a label typed without diacritics is let through: import reads it
    assert mode.type == "list" and unit.type == "list" and unit.formula1 == "'Danh mục'!$A$2:$A$3"
    assert found["H"].type == "whole"  # participants
    assert found["F"].type is None and "dấu chấm phẩy" in found["F"].prompt  # topics: many values, no dropdown
    lists = template["Danh mục"]
    assert [c.value for c in lists["A"]][:3] == ["Mã đơn vị", "bo-y-te", PRESS]
    assert [c.value for c in lists["B"]][:3] == ["Loại hoạt động", "hội nghị quán triệt", "sinh hoạt chuyên đề chi bộ"]
    assert ws.column_dimensions["D"].number_format == "dd/mm/yyyy"
    product = _validations(template["Sản phẩm"])
    assert product["B"].formula1 == "'Danh mục'!$C$2:$C$10"


def test_the_notes_sheet_explains_each_column(template):
    from dxtrack.sheets.layout import RECORD_SHEETS

    ws = template["Hướng dẫn"]
    assert ws["A1"].value.startswith("Hướng dẫn nhập hoạt động")
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    head = rows.index(["Trang", "Cột", "Tiêu đề cột", "Mã trường", "Bắt buộc?", "Nội dung", "Cách ghi", "Ví dụ"])
    table = rows[head + 1:]
    assert len(table) == sum(len(s.columns) for s in RECORD_SHEETS)
    kind = next(r for r in table if r[0] == "Hoạt động" and r[3] == "kind")
    assert kind[1:5] == ["B", "Loại hoạt động", "kind", "Bắt buộc"]
    assert kind[6].startswith("Một trong: hội nghị quán triệt; sinh hoạt chuyên đề chi bộ;") and kind[7]
    topics = next(r for r in table if r[0] == "Hoạt động" and r[3] == "topics")
    assert topics[4] == "Không bắt buộc" and "dấu chấm phẩy" in topics[6] and "đấu tranh, phản bác" in topics[6]
    date_row = next(r for r in table if r[0] == "Hoạt động" and r[3] == "date")
    assert "dd/mm/yyyy" in date_row[6] and date_row[7] == "29/08/2025"
    assert all(r[5] and r[6] for r in table)  # every column says what it holds and how to write it


def test_the_template_in_english(make_repo, cli, tmp_path):
    out = tmp_path / "t.xlsx"
    assert cli(["--lang", "en", "export", "xlsx", "--template", "--repo", make_repo(), "-o", out]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Events", "Products", "Channels", "Reports", "Notes", "Lists"]
    assert wb["Events"]["B2"].value == "Event kind" and wb["Lists"]["B2"].value == "dissemination meeting"


def test_the_sample_banner_is_on_the_notes_sheet(make_repo, cli, tmp_path):
    from conftest import SETTINGS

    root = make_repo(settings=SETTINGS.replace("sample: false", "sample: true"))
    out = tmp_path / "s.xlsx"
    assert cli(["export", "xlsx", "--repo", root, "-o", out]).exit_code == 0
    assert openpyxl.load_workbook(out)["Hướng dẫn"]["A2"].value.startswith("DỮ LIỆU MINH HỌA")
