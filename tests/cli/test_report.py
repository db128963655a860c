"""`dxtrack report` through the real CLI, on a small tracker repo, with the real evaluator."""

from __future__ import annotations


import pytest
from conftest import SETTINGS as BASE_SETTINGS
from docx import Document

SETTINGS = BASE_SETTINGS + """\
report:
  number: 12-BC/ĐU
  place: Hà Nội
  signer: Nguyễn Văn A
  signer_title: Phó Bí thư
  recipients: [Ban Tuyên giáo và Dân vận Trung ương (để b/c), Các đảng ủy trực thuộc]
  proposals: |
    Đề nghị Ban Chỉ đạo Trung ương sớm ban hành hướng dẫn đánh giá kết quả truyền thông.
"""

UNITS = """\
units:
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
    kind: ministry
  - id: dai-truyen-hinh-viet-nam
    name: Đảng ủy Đài Truyền hình Việt Nam
    kind: press
  - id: tap-doan-than
    name: Đảng ủy Tập đoàn Than
    kind: enterprise
    until: 2025-10-15
    moved_to: Đảng ủy Bộ Tài chính
"""

FILES = {
    "plans/bo-y-te.yaml": """\
        unit: bo-y-te
        number: 18-KH/ĐU
        issued: 2025-08-28
        title: Kế hoạch truyền thông chuyển đổi số của Đảng bộ Bộ Y tế
        audiences: [party_members, civil_servants]
        resources: {staff: Ban Tuyên giáo, means: Cổng thông tin điện tử, budget_vnd: 150000000}
        platforms: [website]
        tasks:
          - {id: t1, title: Hội nghị quán triệt, owner: Văn phòng Đảng ủy, due: 2025-09-15}
          - {id: t2, title: Tổng kết năm, owner: Ban Tuyên giáo, due: 2026-01-20}
        reviews:
          - {kind: final_review, due: 2026-01-15}
        """,
    "activities/bo-y-te/2025-08-29-hoi-nghi-quan-triet.yaml": """\
        type: event
        unit: bo-y-te
        kind: dissemination
        title: Hội nghị quán triệt Công văn 380
        date: 2025-08-29
        mode: in_person
        audiences: [party_committees, party_members, civil_servants]
        participants: 250
        plan_task: t1
        """,
    "activities/bo-y-te/2025-09-20-infographic.yaml": """\
        type: product
        unit: bo-y-te
        kind: infographic
        title: Infographic | Sổ sức khỏe điện tử
        published: 2025-09-20
        channels: [website, online_press]
        audiences: [citizens]
        url: https://example.vn/so-suc-khoe
        """,
    "activities/bo-y-te/2025-11-10-video.yaml": """\
        type: product
        unit: bo-y-te
        kind: video_clip
        title: Video hướng dẫn đặt lịch khám trực tuyến
        published: 2025-11-10
        channels: [social]
        audiences: [citizens]
        """,
}

BASE = ["report", "--as-of", "2025-11-30", "--date", "2025-12-01"]


@pytest.fixture
def repo(make_repo):
    return make_repo(FILES, settings=SETTINGS, units=UNITS)


def section(text: str, heading: str) -> str:
    """The Markdown of one `## heading` section, up to the next `## `."""
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 3)
    return text[start:end if end > 0 else None]


def test_markdown_to_stdout_has_header_sections_and_tables(cli, repo):
    result = cli(["--repo", repo, *BASE])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("ĐẢNG BỘ CHÍNH PHỦ  \n**ĐẢNG ỦY CHÍNH PHỦ**  \n\\*  \nSố 12-BC/ĐU\n")
    assert "*Hà Nội, ngày 01 tháng 12 năm 2025*" in md
    assert "*(Từ ngày 20/08/2025 đến ngày 30/11/2025)*" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT", "## II. KẾT QUẢ THỰC HIỆN",
                        "## III. HẠN CHẾ, TỒN TẠI", "## IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                        "## V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert "DỮ LIỆU MINH HỌA" not in md


def test_status_tables_per_group(cli, repo):
    md = cli(["--repo", repo, *BASE]).stdout
    results = section(md, "II.")
    assert ("| Đơn vị | 1.1 | 1.2 | 1.3 | 1.4 |\n|---|:---:|:---:|:---:|:---:|\n"
            "| Đảng ủy Bộ Y tế | ✓ | ✓ | ✓ | ◐ |\n"
            "| Đảng ủy Đài Truyền hình Việt Nam | ✗ | ✗ | ✗ | ✗ |\n") in results
    # 3.c: 51 days without a record (20/09 → 10/11) is over 30 but within 60: partial
    assert "| Đảng ủy Bộ Y tế | ✓ | ✓ | ◐ | ⏳ | ⏳ |" in results
    # section 2.2 binds only the press: the ministry is not a row of that table
    press = results[results.index("| Đơn vị | 2.2.a"):results.index("### 4.")]
    assert "Đảng ủy Bộ Y tế" not in press
    assert "| Đảng ủy Đài Truyền hình Việt Nam | ✗ | ✗ | ✗ | ✗ |" in press
    # 5 met + 4 partial of 16 due: 100 × 7 / 16 = 43.75 → 44
    assert "| Đảng ủy Bộ Y tế | `█████████░░░░░░░░░░░` | 44 |" in results
    assert "| Đảng ủy Đài Truyền hình Việt Nam | `░░░░░░░░░░░░░░░░░░░░` | 0 |" in results


def test_plans_notable_activities_and_transferred(cli, repo):
    md = cli(["--repo", repo, *BASE]).stdout
    lead = section(md, "I.")
    assert "1/2 đơn vị đã ban hành kế hoạch truyền thông" in lead
    assert "- Đảng ủy Bộ Y tế: Kế hoạch số 18-KH/ĐU, ngày 28/08/2025 — " in lead
    assert "Chưa ban hành kế hoạch: Đảng ủy Đài Truyền hình Việt Nam." in lead
    assert "Đã tổ chức 1 hội nghị quán triệt với 250 lượt người tham dự." in lead
    results = section(md, "II.")
    assert ("| 20/09/2025 | Đảng ủy Bộ Y tế | infographic | [Infographic \\| Sổ sức khỏe điện tử]"
            "(<https://example.vn/so-suc-khoe>) | trang thông tin điện tử, báo điện tử |") in results
    assert "- Đảng ủy Tập đoàn Than: đã chuyển về Đảng ủy Bộ Tài chính từ ngày 15/10/2025." in results
    assert "Tập đoàn Than |" not in md  # listed apart, in no table


def test_shortfalls_ahead_proposals_and_closing(cli, repo):
    md = cli(["--repo", repo, *BASE]).stdout
    short = section(md, "III.")
    assert "**Đảng ủy Bộ Y tế (44 điểm):**" in short
    assert ("- 1.4 Phân công trách nhiệm, kiểm tra, sơ kết, biểu dương — đạt một phần: "
            "Chưa có biểu dương, nhân rộng mô hình.") in short
    ahead = section(md, "IV.").splitlines()
    assert [line for line in ahead if line.startswith("- ")] == [
        "- 15/12/2025 — hạn gửi báo cáo kết quả.",
        "- 31/12/2025 — kết thúc giai đoạn; tổ chức tổng kết.",
        "- 15/01/2026 — Đảng ủy Bộ Y tế: tổng kết.",
        "- 20/01/2026 — Đảng ủy Bộ Y tế: Tổng kết năm (phụ trách: Ban Tuyên giáo)."]
    assert "Đề nghị Ban Chỉ đạo Trung ương sớm ban hành hướng dẫn" in section(md, "V.")
    assert md.rstrip().endswith("- Ban Tuyên giáo và Dân vận Trung ương (để b/c),  \n- Các đảng ủy trực thuộc,  \n"
                                "- Lưu Văn phòng Đảng ủy.  \n\n**T/M BAN THƯỜNG VỤ**  \n**PHÓ BÍ THƯ**\n\n"
                                "**Nguyễn Văn A**")


def test_from_to_window_limits_the_activities(cli, repo):
    result = cli(["--repo", repo, "report", "--from", "2025-09-01", "--to", "2025-10-31", "--date", "2025-11-01"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "*(Từ ngày 01/09/2025 đến ngày 31/10/2025)*" in md
    assert "Sổ sức khỏe điện tử" in md
    assert "Hội nghị quán triệt Công văn 380 |" not in md   # 29/08: before --from
    assert "Video hướng dẫn" not in md                      # 10/11: after --to
    # status as of --to: the video of 10/11 does not count, 2.1.h has one kind of product
    assert "Trong kỳ báo cáo đã ghi nhận 0 hoạt động, sự kiện; 1 sản phẩm truyền thông;" in md


def test_one_unit(cli, repo):
    result = cli(["--repo", repo, *BASE, "--unit", "bo-y-te", "--number", "07-BC/ĐU", "--signer", "Trần Thị B"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("ĐẢNG BỘ CHÍNH PHỦ  \n**ĐẢNG ỦY BỘ Y TẾ**  \n\\*  \nSố 07-BC/ĐU\n")
    assert "Đảng ủy Bộ Y tế đã ban hành Kế hoạch số 18-KH/ĐU, ngày 28/08/2025" in md
    assert "- Kinh phí: 150.000.000 đồng." in md
    assert "| 1.3 | Kế hoạch truyền thông có nhân sự, phương tiện, kinh phí, đối tượng | đạt |  |" in md
    assert "| 1.4 | Phân công trách nhiệm, kiểm tra, sơ kết, biểu dương | đạt một phần | " \
           "Chưa có biểu dương, nhân rộng mô hình. |" in md
    assert "Đài Truyền hình" not in md
    assert "- Ban Thường vụ Đảng ủy Chính phủ (để b/c),  \n" in md
    assert md.rstrip().endswith("**BÍ THƯ**\n\n**Trần Thị B**")


def test_docx_written_atomically_and_never_clobbered(cli, repo, tmp_path):
    out = tmp_path / "bao-cao.docx"
    result = cli(["--repo", repo, *BASE, "-o", out])
    assert result.exit_code == 0, result.output
    doc = Document(out)
    assert doc.tables[0].rows[1].cells[0].text == "Số 12-BC/ĐU"
    assert doc.tables[0].rows[1].cells[1].text == "Hà Nội, ngày 01 tháng 12 năm 2025"
    before = out.read_bytes()
    again = cli(["--repo", repo, *BASE, "--date", "2026-01-05", "-o", out])
    assert again.exit_code == 2
    assert "đã có; không ghi đè" in again.stderr and "--force" in again.stderr
    assert out.read_bytes() == before
    forced = cli(["--repo", repo, *BASE, "--date", "2026-01-05", "-o", out, "--force"])
    assert forced.exit_code == 0
    assert Document(out).tables[0].rows[1].cells[1].text == "Hà Nội, ngày 05 tháng 01 năm 2026"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_markdown_file_and_format_from_suffix(cli, repo, tmp_path):
    out = tmp_path / "bao-cao.md"
    result = cli(["--repo", repo, *BASE, "-o", out])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("ĐẢNG BỘ CHÍNH PHỦ")
    assert result.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["-f", "docx"], "Báo cáo .docx cần tên tệp"),
    (["-f", "pdf"], "Định dạng \"pdf\" không có"),
    (["--unit", "bo-y-tee"], "Không có đơn vị \"bo-y-tee\" trong units.yaml. Có phải ý bạn là “bo-y-te”?"),
    (["--from", "2025-09-01"], "Dùng --as-of, hoặc --from/--to, không dùng cả hai."),
    (["--date", "31/02/2026"], "--date \"31/02/2026\" không phải là ngày hợp lệ"),
    (["-o", "no-such-folder/r.md"], "chưa có thư mục no-such-folder"),
])
def test_usage_errors_exit_2_without_traceback(cli, repo, args, message):
    result = cli(["--repo", repo, *BASE, *args], cwd=repo)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_from_after_to(cli, repo):
    result = cli(["--repo", repo, "report", "--from", "2025-11-01", "--to", "2025-10-01"])
    assert result.exit_code == 2
    assert "--from (01/11/2025) phải trước hoặc bằng --to (01/10/2025)." in result.stderr


def test_broken_settings_and_no_repo(cli, make_repo, tmp_path):
    broken = make_repo(settings="organization: [\n")
    result = cli(["--repo", broken, "report"])
    assert result.exit_code == 2
    assert "Không đọc được dxtrack.yaml; chạy `dxtrack check`" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli(["report"], cwd=empty)
    assert result.exit_code == 2
    assert "Không tìm thấy kho theo dõi" in result.stderr


def test_sample_banner_and_english(cli, make_repo):
    root = make_repo(FILES, settings=SETTINGS.replace("sample: false", "sample: true"), units=UNITS)
    md = cli(["--repo", root, *BASE]).stdout
    assert md.startswith("> **DỮ LIỆU MINH HỌA** — ")
    en = cli(["--repo", root, "--lang", "en", *BASE]).stdout
    assert en.startswith("> **ILLUSTRATIVE DATA** — ")
    assert "## II. RESULTS" in en and "| Unit | 1.1 | 1.2 | 1.3 | 1.4 |" in en


def test_repo_template_overrides_the_builtin(cli, repo):
    (repo / "templates").mkdir()
    (repo / "templates" / "report.md.j2").write_text(
        "# {{ report.header.title }} — {{ report.header.issuing_body }}\n"
        "{% for s in report.sections %}{{ s.heading }}\n{% endfor %}", encoding="utf-8")
    md = cli(["--repo", repo, *BASE]).stdout
    assert md.splitlines()[:3] == ["# BÁO CÁO — ĐẢNG ỦY CHÍNH PHỦ",
                                   "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT", "II. KẾT QUẢ THỰC HIỆN"]
    (repo / "templates" / "report.md.j2").write_text("{% for x in %}", encoding="utf-8")
    result = cli(["--repo", repo, *BASE])
    assert result.exit_code == 2
    assert "Mẫu báo cáo templates/report.md.j2" in result.stderr


def test_bad_style_override_is_a_setup_error(cli, repo, tmp_path):
    (repo / "templates").mkdir()
    (repo / "templates" / "docx_style.yaml").write_text("page:\n  margin_lef_mm: 25\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    result = cli(["--repo", repo, *BASE, "-o", out])
    assert result.exit_code == 2
    assert ("Tệp templates/docx_style.yaml không dùng được: không có khóa \"page.margin_lef_mm\" "
            "(có phải \"margin_left_mm\"?).") in result.stderr
    assert not out.exists()


def test_repo_without_units_writes_a_report_without_tables(cli, make_repo):
    root = make_repo(settings=SETTINGS, units="units: []\n")
    result = cli(["--repo", root, *BASE])
    assert result.exit_code == 0, result.output
    assert "Chưa đơn vị nào ban hành kế hoạch truyền thông." in result.stdout
    assert "| Đơn vị |" not in result.stdout
    assert "## V. ĐỀ XUẤT, KIẾN NGHỊ" in result.stdout
