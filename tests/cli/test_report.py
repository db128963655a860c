"""`dxtrack report` through the real CLI, on a small tracker repo, with the real evaluator."""

from __future__ import annotations

import re

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

# the transferred unit's records: one before it left (it counts in its own report), one after (never)
FILES.update({
    "activities/tap-doan-than/2025-09-05-hoi-nghi-quan-triet.yaml": """\
        type: event
        unit: tap-doan-than
        kind: dissemination
        title: Hội nghị quán triệt trong Đảng bộ Tập đoàn
        date: 2025-09-05
        mode: hybrid
        audiences: [party_committees, party_members, workers]
        participants: 1200
        """,
    "activities/tap-doan-than/2025-10-20-phong-su.yaml": """\
        type: product
        unit: tap-doan-than
        kind: reportage
        title: Phóng sự sau khi chuyển
        published: 2025-10-20
        channels: [television]
        """,
})

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
    # the organisation's own report: no superior body unless set (SPEC §6.2)
    assert md.startswith("**ĐẢNG ỦY CHÍNH PHỦ**  \n\\*  \nSố 12-BC/ĐU\n")
    assert "*Hà Nội, ngày 01 tháng 12 năm 2025*" in md
    assert "*(Từ ngày 20/08/2025 đến ngày 30/11/2025)*" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT", "## II. KẾT QUẢ THỰC HIỆN",
                        "## III. HẠN CHẾ, TỒN TẠI", "## IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                        "## V. ĐỀ XUẤT, KIẾN NGHỊ",
                        "## Phụ lục 1. Kết quả thực hiện các yêu cầu của Công văn số 380-CV/ĐU",
                        "## Phụ lục 2. Hoạt động, sản phẩm truyền thông theo đơn vị",
                        "## Phụ lục 3. Danh mục hoạt động, sản phẩm truyền thông trong kỳ"]
    assert md.index("**T/M BAN THƯỜNG VỤ**") < md.index("## Phụ lục 1.")
    assert "DỮ LIỆU MINH HỌA" not in md


def test_status_tables_per_group_in_the_appendix(cli, repo):
    md = cli(["--repo", repo, *BASE]).stdout
    assert "| Đơn vị |" not in md[:md.index("**Nơi nhận:**")]   # the body has no tables
    matrix = section(md, "Phụ lục 1.")
    assert ("| Đơn vị | 1.1 | 1.2 | 1.3 | 1.4 |\n|---|:---:|:---:|:---:|:---:|\n"
            "| Đảng ủy Bộ Y tế | ✓ | ✓ | ✓ | ◐ |\n"
            "| Đảng ủy Đài Truyền hình Việt Nam | ✗ | ✗ | ✗ | ✗ |\n") in matrix
    # 3.c: 51 days without a record (20/09 → 10/11) is over 30 but within 60: partial
    assert "| Đảng ủy Bộ Y tế | ✓ | ✓ | ◐ | ⏳ | ⏳ |" in matrix
    # section 2.2 binds only the press: the ministry is not a row of that table
    press = matrix[matrix.index("| Đơn vị | 2.2.a"):matrix.index("### 4.")]
    assert "Đảng ủy Bộ Y tế" not in press
    assert "| Đảng ủy Đài Truyền hình Việt Nam | ✗ | ✗ | ✗ | ✗ |" in press
    # 5 met + 4 partial of 16 due: 100 × 7 / 16 = 43.75 → 44
    assert "| Đảng ủy Bộ Y tế | `█████████░░░░░░░░░░░` | 44 |" in matrix
    assert "| Đảng ủy Đài Truyền hình Việt Nam | `░░░░░░░░░░░░░░░░░░░░` | 0 |" in matrix


def test_plans_results_and_notable_activities(cli, repo):
    md = cli(["--repo", repo, *BASE]).stdout
    lead = section(md, "I.")
    assert ("Đã có 1/2 đơn vị ban hành kế hoạch truyền thông thực hiện Công văn ngày 28/08/2025; còn Đảng ủy Đài "
            "Truyền hình Việt Nam chưa ban hành kế hoạch.") in lead
    assert ("1/2 đơn vị đã tổ chức 1 hội nghị quán triệt, phổ biến Công văn và Kế hoạch số 02 đến cán bộ, đảng viên, "
            "người lao động, với 250 lượt người tham dự.") in lead
    assert ("Đảng ủy Tập đoàn Than đã chuyển về Đảng ủy Bộ Tài chính từ ngày 15/10/2025; báo cáo không đánh giá "
            "kết quả của đơn vị này.") in lead
    results = section(md, "II.")
    assert ("Trong kỳ, các đơn vị đã tổ chức 1 hoạt động và sản xuất, phát hành 2 sản phẩm truyền thông (chi tiết "
            "tại Phụ lục 2 và Phụ lục 3).") in results
    assert ("1/2 đơn vị đã quán triệt đến cấp ủy, đảng viên và người lao động; Đảng ủy Đài Truyền hình Việt Nam "
            "chưa tổ chức hội nghị quán triệt.") in results
    assert "Tổng kinh phí bố trí theo các kế hoạch là 150.000.000 đồng." in results
    assert "Về hình thức, các đơn vị đã tổ chức 1 hoạt động, đều theo hình thức trực tiếp" in results
    assert ("- Ngày 29/08/2025, Đảng ủy Bộ Y tế tổ chức hội nghị quán triệt Công văn 380 (trực tiếp; 250 người "
            "tham dự).") in results
    assert "](<" not in results   # plain text: the addresses are in appendix 3
    listed = section(md, "Phụ lục 3.")
    assert ("| 2 | 20/09/2025 | infographic | [Infographic \\| Sổ sức khỏe điện tử]"
            "(<https://example.vn/so-suc-khoe>) | trang thông tin điện tử, báo điện tử |") in listed
    assert "Tập đoàn Than |" not in md  # listed apart, in no table


def test_shortfalls_ahead_proposals_and_closing(cli, repo):
    md = cli(["--repo", repo, *BASE]).stdout
    short = section(md, "III.")
    # one sentence per unit here (each shortcoming is one unit's); the unit with nothing at all: one sentence
    assert "Đảng ủy Bộ Y tế chưa biểu dương, nhân rộng các mô hình hiệu quả, cách làm sáng tạo;" in short
    assert "để gián đoạn hoạt động truyền thông quá 30 ngày (51 ngày)." in short
    assert short.count("Đài Truyền hình") == 1
    assert "Đảng ủy Đài Truyền hình Việt Nam chưa ban hành kế hoạch và chưa có hoạt động nào được ghi nhận trong kỳ." \
        in short
    assert not re.search(r"\b[123]\.\d(\.[a-i])?\b", short)
    assert not any(line.startswith("- ") for line in short.splitlines())
    ahead = section(md, "IV.").splitlines()
    assert [line for line in ahead if line.startswith("- ")] == [
        "- Gửi báo cáo kết quả: các đơn vị (hạn 15/12/2025).",
        "- Tổ chức tổng kết cuối giai đoạn: các đơn vị (hạn 31/12/2025)."]
    assert "Đề nghị Ban Chỉ đạo Trung ương sớm ban hành hướng dẫn" in section(md, "V.")
    # upward: the body reported to first, then the recipients of the settings, the archive last
    closing = md[md.index("**Nơi nhận:**"):md.index("## Phụ lục 1.")]
    assert closing.rstrip().rstrip("-").rstrip().endswith(
        "- Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ (để b/c),  \n"
        "- Ban Tuyên giáo và Dân vận Trung ương (để b/c),  \n- Các đảng ủy trực thuộc,  \n"
        "- Lưu Văn phòng Đảng ủy.  \n\n**T/M BAN THƯỜNG VỤ**  \n**PHÓ BÍ THƯ**\n\n**Nguyễn Văn A**")


def test_ahead_at_the_end_of_the_phase_names_what_is_left_and_the_next_phase(cli, make_repo):
    from conftest import TWO_PHASES

    root = make_repo(FILES, settings=TWO_PHASES + SETTINGS[len(BASE_SETTINGS):], units=UNITS)
    md = cli(["--repo", root, "report", "--phase", "2025", "--date", "2026-01-05"]).stdout
    ahead = section(md, "IV.")
    assert ("Giai đoạn bứt phá 2025 đã kết thúc ngày 31/12/2025. Các đơn vị tiếp tục thực hiện Công văn trong Năm "
            "tăng tốc 2026 (từ ngày 01/01/2026).") in ahead
    assert "Thời gian tới, cần hoàn thành dứt điểm các việc còn tồn đọng của giai đoạn:" in ahead
    assert "- Gửi báo cáo kết quả: các đơn vị (hạn 15/12/2025)." in ahead
    assert "- Đảng ủy Bộ Y tế: tổ chức tổng kết theo kế hoạch" not in ahead   # the plan's review is due in 2026
    assert "- Tổ chức tổng kết cuối giai đoạn: các đơn vị (hạn 31/12/2025)." in ahead


def test_from_to_window_limits_the_activities(cli, repo):
    result = cli(["--repo", repo, "report", "--from", "2025-09-01", "--to", "2025-10-31", "--date", "2025-11-01"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "*(Từ ngày 01/09/2025 đến ngày 31/10/2025)*" in md
    assert "Sổ sức khỏe điện tử" in md
    assert "Hội nghị quán triệt Công văn 380" not in md   # 29/08: before --from
    assert "Video hướng dẫn" not in md                      # 10/11: after --to
    # status as of --to: the video of 10/11 does not count, 2.1.h has one kind of product
    assert "Trong kỳ, các đơn vị đã sản xuất, phát hành 1 sản phẩm truyền thông" in md


def test_one_unit(cli, repo):
    result = cli(["--repo", repo, *BASE, "--unit", "bo-y-te", "--number", "07-BC/ĐU", "--signer", "Trần Thị B"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("ĐẢNG BỘ CHÍNH PHỦ  \n**ĐẢNG ỦY BỘ Y TẾ**  \n\\*  \nSố 07-BC/ĐU\n")
    assert ("Đảng ủy Bộ Y tế đã ban hành Kế hoạch số 18-KH/ĐU ngày 28/08/2025 “Kế hoạch truyền thông chuyển đổi số "
            "của Đảng bộ Bộ Y tế”.") in md
    assert "kinh phí 150.000.000 đồng" in section(md, "I.")
    appendix = section(md, "Phụ lục 1.")
    assert "| 1.3 | Kế hoạch truyền thông có nhân sự, phương tiện, kinh phí, đối tượng | đạt |  |" in appendix
    assert "| 1.4 | Phân công trách nhiệm, kiểm tra, sơ kết, biểu dương | đạt một phần | " \
           "Chưa có biểu dương, nhân rộng mô hình. |" in appendix
    assert "Chưa biểu dương, nhân rộng các mô hình hiệu quả, cách làm sáng tạo." in section(md, "III.")
    assert "Đài Truyền hình" not in md
    assert "- Ban Thường vụ Đảng ủy Chính phủ (để b/c),  \n" in md
    # the organisation's signer's title is not the unit's: a blank to fill in
    assert "**T/M BAN THƯỜNG VỤ**  \n**................................**\n\n**Trần Thị B**" in md


def test_a_transferred_units_own_report_counts_its_records_up_to_its_leaving(cli, repo):
    result = cli(["--repo", repo, *BASE, "--unit", "tap-doan-than"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "*(Từ ngày 20/08/2025 đến ngày 15/10/2025)*" in md
    assert ("Đảng ủy Tập đoàn Than đã chuyển về Đảng ủy Bộ Tài chính từ ngày 15/10/2025; báo cáo này nêu kết quả "
            "thực hiện Công văn của đơn vị đến ngày đó.") in section(md, "I.")
    results = section(md, "II.")
    assert "Trong kỳ, Đảng ủy đã tổ chức 1 hoạt động (chi tiết tại Phụ lục 2 và Phụ lục 3)." in results
    assert "0 hoạt động" not in md
    assert "Phóng sự sau khi chuyển" not in md   # after its `until`
    assert "Chưa ban hành kế hoạch truyền thông thực hiện Công văn." in section(md, "III.")
    assert ("Đảng ủy Tập đoàn Than đã chuyển về Đảng ủy Bộ Tài chính từ ngày 15/10/2025; các việc còn dở dang tiếp "
            "tục thực hiện theo chỉ đạo của cấp ủy cấp trên mới.") in section(md, "IV.")
    assert "| 1.1 | Quán triệt đến cấp ủy, đảng viên, người lao động | đạt |  |" in section(md, "Phụ lục 1.")


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
    assert out.read_text(encoding="utf-8").startswith("**ĐẢNG ỦY CHÍNH PHỦ**")
    assert result.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["-f", "docx"], "Báo cáo .docx cần tên tệp"),
    (["-f", "pdf"], "Báo cáo .pdf cần tên tệp"),
    (["-f", "odt"], "Định dạng \"odt\" không có; chọn một trong: md, docx, pdf."),
    (["-o", "bc.txt"], "Không ghi được báo cáo dạng .txt; chọn .md, .docx hoặc .pdf."),
    (["-f", "docx", "-o", "bc.md"], "có đuôi .md, không hợp với --format docx"),
    (["--profile", "hd06"], "Thể thức \"hd06\" không có; chọn một trong: hd36, hd05."),
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
    assert "Trong kỳ không có đơn vị nào thuộc phạm vi theo dõi." in result.stdout
    assert "| Đơn vị |" not in result.stdout
    assert "## V. ĐỀ XUẤT, KIẾN NGHỊ" in result.stdout
