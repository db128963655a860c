"""`dxtrack import FILE.xlsx`: a sheet typed by a clerk (dates as text, labels with or without
diacritics, in capitals) becomes files exactly as `dxtrack new` writes them; a bad cell is told
by sheet, row, column and what to write, and then nothing is written unless --partial; rows
already in the repo are skipped; a file that is not a workbook is a usage error."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime

import openpyxl
import pytest

from conftest import SETTINGS, UNITS, write_files

HEADER = ["Mã đơn vị", "Loại hoạt động", "Tiêu đề", "Ngày tổ chức", "Hình thức", "Nội dung tuyên truyền",
          "Đối tượng", "Số người tham dự"]
GOOD = [
    ["bo-y-te", "hoi nghi quan triet", "Hội nghị quán triệt Kế hoạch 02", "05/09/2025", "truc tiep",
     "y nghia; ke hoach 02", "dang vien", "120"],
    ["Bộ Y tế", "SINH HOẠT CHUYÊN ĐỀ CHI BỘ", "Sinh hoạt chuyên đề tháng 9", "9/9/2025", "TRỰC TUYẾN", None, None, 35],
    ["dai-truyen-hinh-viet-nam", "Tọa đàm", "Tọa đàm chuyển đổi số", datetime(2025, 9, 12), "kết hợp",
     "Dịch vụ công", "người dân, doanh nghiệp", None],
]


def workbook(path, rows, header=HEADER, title="Hoạt động", text_cells=()):
    """A workbook made by hand: one sheet, a header row of labels, the rows; `text_cells`
    ((row, column, text)) written as text whatever they start with."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    for row, col, text in text_cells:
        cell = ws.cell(row=row, column=col)
        cell.value = text
        cell.data_type = "s"
    wb.save(path)
    return path


def _files(root) -> list[str]:
    folder = root / "activities"
    return sorted(p.relative_to(root).as_posix() for p in folder.rglob("*.yaml")) if folder.exists() else []


def test_a_sheet_typed_by_hand_imports(make_repo, cli, tmp_path):
    root = make_repo()
    result = cli(["import", workbook(tmp_path / "tay.xlsx", GOOD), "--repo", root])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Đã ghi activities/bo-y-te/2025-09-05-hoi-nghi-quan-triet-ke-hoach-02.yaml",
        "Đã ghi activities/bo-y-te/2025-09-09-sinh-hoat-chuyen-de-thang-9.yaml",
        "Đã ghi activities/dai-truyen-hinh-viet-nam/2025-09-12-toa-dam-chuyen-doi-so.yaml",
        "Đã ghi 3 tệp, bỏ qua 0 dòng đã có, 0 dòng có lỗi"]
    assert result.stderr == ""
    assert (root / "activities/bo-y-te/2025-09-05-hoi-nghi-quan-triet-ke-hoach-02.yaml").read_text("utf-8") == (
        "# yaml-language-server: $schema=../../schemas/record.schema.json\n"
        "type: event\nunit: bo-y-te\nkind: dissemination\ntitle: Hội nghị quán triệt Kế hoạch 02\n"
        "date: 2025-09-05\nmode: in_person\ntopics: [significance, plan02]\naudiences: [party_members]\n"
        "participants: 120\n")
    third = (root / "activities/dai-truyen-hinh-viet-nam/2025-09-12-toa-dam-chuyen-doi-so.yaml").read_text("utf-8")
    assert "kind: seminar\n" in third and "mode: hybrid\n" in third and "topics: [public_services]\n" in third
    assert "audiences: [citizens, businesses]\n" in third  # "a, b" read as two labels
    assert cli(["check", "--repo", root]).exit_code == 0


def test_the_files_are_exactly_what_new_writes(cli, tmp_path):
    by_new = write_files(tmp_path / "new", {"dxtrack.yaml": SETTINGS, "units.yaml": UNITS})
    by_import = write_files(tmp_path / "import", {"dxtrack.yaml": SETTINGS, "units.yaml": UNITS})
    made = cli(["new", "product", "--repo", by_new, "--unit", "bo-y-te", "--kind", "phóng sự",
                "--title", "Phóng sự \"Dịch vụ công\"", "--published", "20/09/2025", "--channel", "truyền hình",
                "--channel", "nền tảng số", "--url", "https://example.vn/ps", "--views", "1200",
                "--topic", "dịch vụ công", "--note", "Phát lúc 20 giờ"])
    assert made.exit_code == 0, made.output
    header = ["Mã đơn vị", "Loại sản phẩm", "Tiêu đề", "Ngày đăng, phát", "Kênh đăng, phát", "Nội dung tuyên truyền",
              "Đường dẫn", "Lượt xem", "Ghi chú"]
    row = ["bo-y-te", "phong su", "Phóng sự \"Dịch vụ công\"", "20/09/2025", "Truyền hình; nen tang so",
           "dich vu cong", "https://example.vn/ps", 1200, "Phát lúc 20 giờ"]
    result = cli(["import", workbook(tmp_path / "s.xlsx", [row], header, "Sản phẩm"), "--repo", by_import])
    assert result.exit_code == 0, result.output
    assert _files(by_import) == _files(by_new) == ["activities/bo-y-te/2025-09-20-phong-su-dich-vu-cong.yaml"]
    rel = _files(by_new)[0]
    assert (by_import / rel).read_bytes() == (by_new / rel).read_bytes()


def test_bad_cells_are_told_and_nothing_is_written(make_repo, cli, tmp_path):
    root = make_repo()
    bad = [["bo-y-te", "hoi ngh quan triet", "Hội nghị A", "31/09/2025", "trực tiếp", None, None, "1.000"],
           ["bo-y-te", "tọa đàm", None, "hôm qua", "xyz"],
           ["bo-y-tee", "tọa đàm", "Tọa đàm C", "2025-09-10", "trực tuyến"]]
    result = cli(["import", workbook(tmp_path / "x.xlsx", GOOD + bad), "--repo", root])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    at = 'Lỗi: Trang "Hoạt động", dòng {}, cột {}: '
    assert at.format(5, "B (Loại hoạt động)") + ('"hoi ngh quan triet" không có trong danh sách Loại hoạt động. '
                                                'Có phải ý bạn là "hội nghị quán triệt"? Chọn một trong: hội nghị '
                                                'quán triệt; sinh hoạt chuyên đề chi bộ;') in result.stderr
    assert at.format(5, "D (Ngày tổ chức)") + ('Ngày "31/09/2025" không hợp lệ; tháng 9 chỉ có 30 ngày. Cách ghi: '
                                              'Ngày dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 29/08/2025.') in lines
    assert at.format(5, "H (Số người tham dự)") + ('Trường "participants" ghi số "1.000" có dấu ngăn cách hàng '
                                                  'nghìn. Viết 1000, không dùng dấu chấm ngăn cách hàng '
                                                  'nghìn.') in lines
    assert at.format(6, "C (Tiêu đề)") + "ô này bắt buộc phải có. Cách ghi: Chữ." in lines
    assert at.format(6, "D (Ngày tổ chức)") + ('"hôm qua" không phải là ngày. Ngày dạng ngày/tháng/năm '
                                              '(dd/mm/yyyy), ví dụ 29/08/2025.') in lines
    assert any(line.startswith(at.format(6, "E (Hình thức)") + '"xyz" không có trong danh sách Hình thức.')
               for line in lines)
    assert at.format(7, "A (Mã đơn vị)") + ('Đơn vị "bo-y-tee" không có trong units.yaml. Có phải ý bạn là '
                                           '"bo-y-te"? Cách ghi: Mã đơn vị trong units.yaml: bo-y-te, '
                                           'dai-truyen-hinh-viet-nam.') in lines
    assert lines[-1] == ("Không ghi tệp nào vì có 3 dòng có lỗi. Sửa các ô trên rồi nhập lại, hoặc thêm --partial "
                         "để ghi các dòng đúng.")
    assert result.stdout == "Đã ghi 0 tệp, bỏ qua 0 dòng đã có, 3 dòng có lỗi\n"
    assert _files(root) == []


def test_partial_writes_the_good_rows(make_repo, cli, tmp_path):
    root = make_repo()
    bad = [["bo-y-te", "tọa đàm", "Tọa đàm B", "30/02/2025", "trực tiếp"]]
    result = cli(["import", workbook(tmp_path / "x.xlsx", bad + GOOD), "--repo", root, "--partial"])
    assert result.exit_code == 1
    assert 'dòng 2, cột D (Ngày tổ chức): Ngày "30/02/2025" không hợp lệ; tháng 2 năm 2025 chỉ có 28 ngày.' \
        in result.stderr
    assert result.stdout.splitlines()[-1] == "Đã ghi 3 tệp, bỏ qua 0 dòng đã có, 1 dòng có lỗi"
    assert len(_files(root)) == 3


def test_dry_run_writes_nothing(make_repo, cli, tmp_path):
    root = make_repo()
    result = cli(["import", workbook(tmp_path / "x.xlsx", GOOD), "--repo", root, "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Sẽ ghi activities/bo-y-te/2025-09-05-hoi-nghi-quan-triet-ke-hoach-02.yaml"
    assert result.stdout.splitlines()[-1] == ("Chạy thử, chưa ghi gì: sẽ ghi 3 tệp, bỏ qua 0 dòng đã có, "
                                              "0 dòng có lỗi")
    assert _files(root) == []


def test_a_formula_like_title_is_text_both_ways(make_repo, cli, tmp_path):
    root = make_repo()
    formula = '=HYPERLINK("http://x","y")'
    row = ["bo-y-te", "tọa đàm", None, "08/09/2025", "trực tuyến"]
    book = workbook(tmp_path / "f.xlsx", [row], text_cells=[(2, 3, formula)])
    assert cli(["import", book, "--repo", root]).exit_code == 0
    rel = "activities/bo-y-te/2025-09-08-hyperlink-http-x-y.yaml"
    assert f"title: {formula}\n" in (root / rel).read_text("utf-8")
    out = tmp_path / "back.xlsx"
    assert cli(["export", "xlsx", "--repo", root, "-o", out]).exit_code == 0
    cell = openpyxl.load_workbook(out)["Hoạt động"]["C3"]
    assert cell.value == formula and cell.data_type == "s"
    with zipfile.ZipFile(out) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")  # no formula anywhere in the sheet


def test_rows_already_there_are_skipped(make_repo, cli, tmp_path):
    root = make_repo({"activities/bo-y-te/old.yaml": "type: event\nunit: bo-y-te\nkind: dissemination\n"
                                                     "title: HỘI NGHỊ QUÁN TRIỆT KẾ HOẠCH 02\ndate: 2025-09-05\n"
                                                     "mode: in_person\n"})
    twice = GOOD + [GOOD[1]]
    result = cli(["import", workbook(tmp_path / "x.xlsx", twice), "--repo", root])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Đã ghi 2 tệp, bỏ qua 2 dòng đã có, 0 dòng có lỗi"
    assert len(_files(root)) == 3
    again = cli(["import", workbook(tmp_path / "x.xlsx", twice), "--repo", root])
    assert again.stdout == "Đã ghi 0 tệp, bỏ qua 4 dòng đã có, 0 dòng có lỗi\n"


def test_empty_rows_are_skipped_and_an_unknown_column_is_told_once(make_repo, cli, tmp_path):
    root = make_repo()
    header = [*HEADER[:5], "Người ghi"]
    rows = [GOOD[0][:5] + ["chị Lan"], [None, "", "  "], [], GOOD[1][:5] + ["anh Minh"]]
    result = cli(["import", workbook(tmp_path / "x.xlsx", rows, header), "--repo", root])
    assert result.exit_code == 0, result.output
    assert result.stderr == 'Lưu ý: Trang "Hoạt động", cột F (Người ghi): không rõ cột này nên bỏ qua.\n'
    assert result.stdout.splitlines()[-1] == "Đã ghi 2 tệp, bỏ qua 0 dòng đã có, 0 dòng có lỗi"


def test_a_missing_required_column_is_told_for_the_sheet(make_repo, cli, tmp_path):
    root = make_repo()
    result = cli(["import", workbook(tmp_path / "x.xlsx", [r[:4] for r in GOOD], HEADER[:4]), "--repo", root])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ('Lỗi: Trang "Hoạt động": thiếu cột bắt buộc "Hình thức" (mã mode); các '
                                             'dòng của trang này không được nhập. Hãy dùng mẫu của dxtrack export '
                                             'xlsx --template.')
    assert result.stdout == "Đã ghi 0 tệp, bỏ qua 0 dòng đã có, 3 dòng có lỗi\n"


def test_the_template_filled_in_imports(make_repo, cli, tmp_path):
    """The blank template, filled in below its header rows (keys hidden in row 1, labels in row 2)."""
    root = make_repo()
    book = tmp_path / "mau.xlsx"
    assert cli(["export", "xlsx", "--template", "--repo", root, "-o", book]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Chuyên trang, chuyên mục"]
    for col, value in enumerate(["bo-y-te", "chuyen muc", "Chuyên mục Chuyển đổi số", "trang thong tin dien tu",
                                 "01/09/2025", 7, "08/09/2025; 15/09/2025"], start=1):
        ws.cell(row=3, column=col).value = value
    wb.save(book)
    result = cli(["import", book, "--repo", root])
    assert result.exit_code == 0, result.output
    text = (root / "activities/bo-y-te/2025-09-01-chuyen-muc-chuyen-doi-so.yaml").read_text("utf-8")
    assert "kind: section\n" in text and "outlet: website\n" in text
    assert "updates: [2025-09-08, 2025-09-15]\n" in text and "cadence_days: 7\n" in text


def test_a_column_added_to_the_template_is_told_and_the_header_rows_still_read(make_repo, cli, tmp_path):
    """A clerk adds a column of their own (a label in row 2, and in row 1 a word that is no key):
    the columns are still found, row 2 is still a header, the added column is told once."""
    root = make_repo()
    book = tmp_path / "mau.xlsx"
    assert cli(["export", "xlsx", "--template", "--repo", root, "-o", book]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Hoạt động"]
    ws["N1"], ws["N2"] = "rieng", "Người nhập"
    for col, value in enumerate(["bo-y-te", "tap huan", "Tập huấn kỹ năng số", "10/10/2025", "truc tuyen"], start=1):
        ws.cell(row=3, column=col).value = value
    ws["N3"] = "chị Hoa"
    wb.save(book)
    result = cli(["import", book, "--repo", root])
    assert result.exit_code == 0, result.output
    assert result.stderr == 'Lưu ý: Trang "Hoạt động", cột N (Người nhập): không rõ cột này nên bỏ qua.\n'
    assert _files(root) == ["activities/bo-y-te/2025-10-10-tap-huan-ky-nang-so.yaml"]


def test_the_sheets_only_to_read_are_said_to_be_so(make_repo, cli, tmp_path):
    root = make_repo()
    book = tmp_path / "du-lieu.xlsx"
    assert cli(["export", "xlsx", "--repo", root, "-o", book]).exit_code == 0
    result = cli(["import", book, "--repo", root])
    assert result.exit_code == 0
    assert result.stderr == ("Các trang Đơn vị, Kế hoạch, Nhiệm vụ chỉ để xem, không được nhập; kế hoạch và đơn vị "
                             "sửa trong tệp YAML.\n")


@pytest.mark.parametrize("content, says", [
    (b"unit,title\nbo-y-te,x\n", "không phải tệp .xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "không phải tệp .xlsx"),  # an old .xls
    (None, "tệp hỏng hoặc không đúng cấu trúc .xlsx"),  # a zip that is no workbook
])
def test_a_file_that_is_not_a_workbook_is_exit_2(make_repo, cli, tmp_path, content, says):
    path = tmp_path / "x.xlsx"
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "xin chào")
    else:
        path.write_bytes(content)
    result = cli(["import", path, "--repo", make_repo()])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Lỗi: Tệp {path} không phải bảng tính Excel .xlsx đọc được ({says}")
    assert "Traceback" not in result.output


def test_a_missing_file_and_no_record_sheet(make_repo, cli, tmp_path):
    root = make_repo()
    result = cli(["import", tmp_path / "khong-co.xlsx", "--repo", root])
    assert result.exit_code == 2 and "Không thấy tệp" in result.stderr
    other = workbook(tmp_path / "khac.xlsx", [["a"]], ["Cột"], title="Bảng lương")
    result = cli(["import", other, "--repo", root])
    assert result.exit_code == 2
    assert "không có trang bản ghi nào (Hoạt động, Sản phẩm, Chuyên trang, chuyên mục, Báo cáo)" in result.stderr


def test_limits_on_size_and_rows(make_repo, cli, tmp_path, monkeypatch):
    import dxtrack.sheets.reader as reader

    root = make_repo()
    book = workbook(tmp_path / "x.xlsx", GOOD)
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    result = cli(["import", book, "--repo", root])
    assert result.exit_code == 2 and "quá lớn" in result.stderr and "tối đa 100 byte" in result.stderr
    monkeypatch.setattr(reader, "MAX_BYTES", 20 * 1024 * 1024)
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    result = cli(["import", book, "--repo", root])
    assert result.exit_code == 2
    assert result.stderr == 'Lỗi: Trang "Hoạt động" có hơn 3 dòng; hãy chia thành nhiều tệp.\n'
    monkeypatch.setattr(reader, "MAX_ROWS", 100)
    monkeypatch.setattr(reader, "MAX_COLUMNS", 5)
    result = cli(["import", book, "--repo", root])
    assert result.exit_code == 2 and 'có hơn 5 cột' in result.stderr
    assert _files(root) == []


def test_in_english(make_repo, cli, tmp_path):
    root = make_repo()
    bad = [["bo-y-te", "seminar", "Seminar", "31/04/2025", "online"]]
    result = cli(["--lang", "en", "import", workbook(tmp_path / "x.xlsx", bad), "--repo", root])
    assert result.exit_code == 1
    assert ('Error: Sheet "Hoạt động", row 2, column D (Ngày tổ chức): Date "31/04/2025" is not valid; '
            'month 4 has only 30 days.') in result.stderr
    assert result.stdout == "Wrote 0 files, skipped 0 rows already there, 1 rows with errors\n"


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TYPED = """\
Mã đơn vị,Loại hoạt động,Tiêu đề,Ngày tổ chức,Hình thức,Nội dung tuyên truyền,Đối tượng,Số người tham dự
bo-y-te,hoi nghi quan triet,Hội nghị quán triệt Kế hoạch 02,05/09/2025,truc tiep,y nghia; ke hoach 02,dang vien,150
bo-y-te,SINH HOẠT CHUYÊN ĐỀ CHI BỘ,Sinh hoạt chuyên đề chi bộ,9/9/2025,Trực tiếp,Dịch vụ công,đảng viên,32
bo-y-te,tọa đàm,Tọa đàm mô hình bệnh viện số,12/09/2025,TRỰC TUYẾN,"dien hinh, dich vu cong",người dân,"1.000"
"""


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed")
def test_a_sheet_saved_by_libreoffice_calc_imports(make_repo, cli, tmp_path):
    """What a clerk types in LibreOffice Calc (Vietnamese locale: 05/09/2025 becomes a date, 1.000 the
    number 1000), saved as .xlsx by Calc itself, imports."""
    import subprocess

    (tmp_path / "hoat-dong.csv").write_text(TYPED, encoding="utf-8")
    done = subprocess.run([OFFICE, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                           "--infilter=CSV:44,34,76,1,,1066", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                           "--outdir", str(tmp_path), str(tmp_path / "hoat-dong.csv")],
                          capture_output=True, text=True, timeout=240)
    book = tmp_path / "hoat-dong.xlsx"
    assert book.exists(), done.stderr
    assert openpyxl.load_workbook(book).active["D2"].is_date  # Calc made a real date of what was typed
    root = make_repo()
    result = cli(["import", book, "--repo", root])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Đã ghi 3 tệp, bỏ qua 0 dòng đã có, 0 dòng có lỗi"
    text = (root / "activities/bo-y-te/2025-09-12-toa-dam-mo-hinh-benh-vien-so.yaml").read_text("utf-8")
    assert "topics: [models, public_services]\n" in text and "participants: 1000\n" in text
