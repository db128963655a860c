"""The report's content (build) and its Markdown, from a Status built by hand."""

from __future__ import annotations

from datetime import date

import pytest

from dxtrack import api
from dxtrack.report.build import ReportOptions, build_report
from dxtrack.report.markdown import md_cell, md_escape, render_markdown, unicode_bar
from dxtrack.report.model import Link, Mark
from dxtrack.errors import SetupError
from dxtrack.catalog import Requirement
from dxtrack.evaluate.status import Reason, RequirementStatus, Status, UnitStatus

SETTINGS = """\
directive: 380-CV/ĐU
organization: Đảng ủy Chính phủ
received: 2025-08-20
phase_end: 2025-12-31
sample: {sample}
report:
  superior_body: Đảng bộ Chính phủ
  number: 30-BC/ĐU
  place: Hà Nội
  signer: Nguyễn Văn A
  signer_title: Bí thư
"""

UNITS = """\
units:
  - {id: bo-y-te, name: Đảng ủy Bộ Y tế, kind: ministry}
  - {id: dai-truyen-hinh-viet-nam, name: Đảng ủy Đài Truyền hình Việt Nam, kind: press}
  - {id: tap-doan-than, name: Đảng ủy Tập đoàn Than, kind: enterprise, until: 2025-10-15}
"""

FILES = {
    "plans/bo-y-te.yaml": "unit: bo-y-te\ntitle: Kế hoạch truyền thông\nnumber: 18-KH/ĐU\nissued: 2025-08-28\n",
    "activities/dai-truyen-hinh-viet-nam/2025-09-20-phong-su.yaml": """\
        type: product
        unit: dai-truyen-hinh-viet-nam
        kind: reportage
        title: Phóng sự "Dịch vụ công toàn trình"
        published: 2025-09-20
        channels: [television, digital_platform]
        url: https://example.vn/phong-su
        """,
}

REQUIREMENTS = [
    Requirement("1.1", "1", "Quán triệt", "Dissemination", "…", "all", group="1"),
    Requirement("1.3", "1", "Kế hoạch truyền thông", "Communication plan", "…", "all", group="1"),
    Requirement("2.2.a", "2.2", "Mọi loại hình báo chí", "Every kind of press", "…", "press", group="2.2"),
    Requirement("3.c", "3", "Liên tục", "Without gaps", "…", "all", group="3"),
]


# the reasons as data, and the words they come out as in the report
REASONS = {
    "Kế hoạch chưa ghi: kinh phí.": Reason("plan_lacks", {"fields": ["budget"]}),
    "Chưa có hội nghị quán triệt.": Reason("no_event_kind", {"kinds": [["dissemination"]]}),
    "Chưa có kế hoạch truyền thông.": Reason("no_plan"),
    "Chưa có sản phẩm trên phát thanh.": Reason("no_outlet", {"outlets": [["radio"]]}),
}


def rs(status: str, *reasons: str) -> RequirementStatus:
    return RequirementStatus(status, [REASONS[r] for r in reasons])


def hand_status(repo) -> Status:
    """Two active units with chosen statuses, one transferred unit."""
    unit = {u.id: u for u in repo.units}
    health = UnitStatus(unit["bo-y-te"], "active", 75, date(2025, 11, 2), {}, {
        "1.1": rs("met"), "1.3": rs("partial", "Kế hoạch chưa ghi: kinh phí."),
        "2.2.a": rs("n/a"), "3.c": rs("met")}, plan=repo.plans["bo-y-te"])
    tv = UnitStatus(unit["dai-truyen-hinh-viet-nam"], "active", 25, date(2025, 9, 20), {}, {
        "1.1": rs("missing", "Chưa có hội nghị quán triệt."), "1.3": rs("missing", "Chưa có kế hoạch truyền thông."),
        "2.2.a": rs("partial", "Chưa có sản phẩm trên phát thanh."), "3.c": rs("not_due")})
    coal = UnitStatus(unit["tap-doan-than"], "transferred", None, None, {}, {})
    return Status(date(2025, 11, 30), "380-CV/ĐU", repo.settings.sample, repo.settings, REQUIREMENTS,
                  [health, tv, coal])


@pytest.fixture
def loaded(make_repo):
    def load(sample: bool = False, files: dict | None = None):
        root = make_repo({**FILES, **(files or {})}, settings=SETTINGS.format(sample=str(sample).lower()),
                         units=UNITS)
        return api.load_repo(root, today=date(2025, 12, 1))
    return load


def report_md(repo, **opts) -> str:
    options = ReportOptions(signed=date(2025, 12, 2), **opts)
    return render_markdown(build_report(repo, hand_status(repo), options, date(2025, 8, 20)), repo.root)


def test_header_and_sections(loaded):
    md = report_md(loaded())
    assert md.splitlines()[:9] == [
        "ĐẢNG BỘ CHÍNH PHỦ  ", "**ĐẢNG ỦY CHÍNH PHỦ**  ", "\\*  ", "Số 30-BC/ĐU", "",
        "**ĐẢNG CỘNG SẢN VIỆT NAM**  ", "*Hà Nội, ngày 02 tháng 12 năm 2025*", "", "# BÁO CÁO"]
    assert [line for line in md.splitlines() if line.startswith(("## ", "### "))] == [
        "## I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT", "## II. KẾT QUẢ THỰC HIỆN",
        "### 1. Chỉ đạo, quán triệt và tổ chức triển khai", "### 2. Nhiệm vụ của các cơ quan báo chí",
        "### 3. Tiến độ thực hiện và chế độ báo cáo", "### 4. Mức độ thực hiện chung (điểm trên thang 100)",
        "### 5. Hoạt động, sản phẩm tiêu biểu", "### 6. Đơn vị đã chuyển (không chấm điểm)",
        "## III. HẠN CHẾ, TỒN TẠI", "## IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "## V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert "DỮ LIỆU MINH HỌA" not in md


def test_unit_by_requirement_tables(loaded):
    md = report_md(loaded())
    assert ("| Đơn vị | 1.1 | 1.3 |\n|---|:---:|:---:|\n| Đảng ủy Bộ Y tế | ✓ | ◐ |\n"
            "| Đảng ủy Đài Truyền hình Việt Nam | ✗ | ✗ |\n") in md
    # 2.2 binds the press only: one row
    assert "| Đơn vị | 2.2.a |\n|---|:---:|\n| Đảng ủy Đài Truyền hình Việt Nam | ◐ |\n\n" in md
    assert "| Đảng ủy Bộ Y tế | ✓ |\n| Đảng ủy Đài Truyền hình Việt Nam | ⏳ |\n" in md
    assert "*Ký hiệu:* ✓ đạt; ◐ đạt một phần; ✗ chưa đạt; ⏳ chưa đến hạn; · không áp dụng" in md
    assert "*Yêu cầu: 1.1 — Quán triệt; 1.3 — Kế hoạch truyền thông.*" in md


def test_bars_notable_transferred(loaded):
    md = report_md(loaded())
    assert "| Đảng ủy Bộ Y tế | `███████████████░░░░░` | 75 |" in md
    assert "| Đảng ủy Đài Truyền hình Việt Nam | `█████░░░░░░░░░░░░░░░` | 25 |" in md
    assert "Điểm thực hiện bình quân của 2 đơn vị: 50/100." in md
    assert ("| 20/09/2025 | Đảng ủy Đài Truyền hình Việt Nam | phóng sự | [Phóng sự \"Dịch vụ công toàn trình\"]"
            "(<https://example.vn/phong-su>) | truyền hình, nền tảng số |") in md
    assert "- Đảng ủy Tập đoàn Than: đã chuyển từ ngày 15/10/2025." in md
    assert "Tập đoàn Than |" not in md


def test_plans_and_shortfalls_in_the_reasons_words(loaded):
    md = report_md(loaded())
    assert "- Đảng ủy Bộ Y tế: Kế hoạch số 18-KH/ĐU, ngày 28/08/2025 — Kế hoạch truyền thông." in md
    assert "Chưa ban hành kế hoạch: Đảng ủy Đài Truyền hình Việt Nam." in md
    short = md[md.index("## III."):md.index("## IV.")]
    assert short.split("\n\n")[1:] == [
        "**Đảng ủy Bộ Y tế (75 điểm):**",
        "- 1.3 Kế hoạch truyền thông — đạt một phần: Kế hoạch chưa ghi: kinh phí.",
        "**Đảng ủy Đài Truyền hình Việt Nam (25 điểm):**",
        "- 1.1 Quán triệt — chưa đạt: Chưa có hội nghị quán triệt.\n"
        "- 1.3 Kế hoạch truyền thông — chưa đạt: Chưa có kế hoạch truyền thông.\n"
        "- 2.2.a Mọi loại hình báo chí — đạt một phần: Chưa có sản phẩm trên phát thanh.", ""]


def test_single_unit_report(loaded):
    md = report_md(loaded(), unit="dai-truyen-hinh-viet-nam")
    assert md.startswith("ĐẢNG BỘ CHÍNH PHỦ  \n**ĐẢNG ỦY ĐÀI TRUYỀN HÌNH VIỆT NAM**  \n\\*  \nSố      -BC/ĐU\n")
    assert "Đảng ủy Đài Truyền hình Việt Nam chưa ban hành kế hoạch truyền thông thực hiện Công văn." in md
    assert "| 2.2.a | Mọi loại hình báo chí | đạt một phần | Chưa có sản phẩm trên phát thanh. |" in md
    assert "| 3.c | Liên tục | chưa đến hạn |  |" in md
    assert "Ký hiệu" not in md
    assert "Bộ Y tế" not in md
    assert "Điểm thực hiện của Đảng ủy Đài Truyền hình Việt Nam: 25/100." in md
    # the organisation's signer does not sign a unit's report
    assert "Nguyễn Văn A" not in md


def test_transferred_unit_report(loaded):
    md = report_md(loaded(), unit="tap-doan-than")
    assert "Đảng ủy Tập đoàn Than đã chuyển từ ngày 15/10/2025; không chấm điểm kỳ này." in md
    assert "| Đơn vị |" not in md


def test_sample_banner(loaded):
    md = report_md(loaded(sample=True))
    assert md.startswith("> **DỮ LIỆU MINH HỌA** — Báo cáo này dựng từ dữ liệu minh họa")


def test_english(loaded):
    from dxtrack.i18n import bind_lang

    bind_lang("en")
    md = report_md(loaded())
    assert "## III. SHORTCOMINGS" in md and "| Unit | 1.1 | 1.3 |" in md
    assert "- 1.3 Communication plan — partly met: The plan does not state: budget." in md  # reasons are data: worded in English too
    assert "*Hà Nội, 02 December 2025*" in md


def test_unknown_unit_is_a_setup_error(loaded):
    with pytest.raises(SetupError) as caught:
        report_md(loaded(), unit="bo-y-tee")
    assert caught.value.key == "setup.unknown_unit"


@pytest.mark.parametrize("score, bar", [(0, "░" * 20), (100, "█" * 20), (50, "█" * 10 + "░" * 10),
                                        (77, "█" * 15 + "░" * 5), (78, "█" * 16 + "░" * 4), (-5, "░" * 20)])
def test_unicode_bar(score, bar):
    assert unicode_bar(score) == bar


def test_escaping():
    assert md_escape("a | b *c* [d](e) <f>\n g") == "a \\| b \\*c\\* \\[d\\](e) \\<f\\> g"
    assert md_cell(Mark("partial")) == "◐"
    assert md_cell(Link("Tên | x", "https://e.vn/a b>")) == "[Tên \\| x](<https://e.vn/a%20b%3E>)"


def test_proposals_paragraphs_from_settings(make_repo):
    settings = SETTINGS.format(sample="false") + (
        "  proposals: |\n    Đề nghị Ban Chỉ đạo Trung ương\n    sớm ban hành hướng dẫn.\n\n"
        "    - Bổ sung kinh phí;\n    - Tập huấn cho cán bộ.\n")
    repo = api.load_repo(make_repo(FILES, settings=settings, units=UNITS), today=date(2025, 12, 1))
    md = report_md(repo)
    proposals = md[md.index("## V."):md.index("Trên đây là báo cáo")]
    assert proposals.split("\n\n")[1:] == [
        "Đề nghị Ban Chỉ đạo Trung ương sớm ban hành hướng dẫn.",
        "- Bổ sung kinh phí;\n- Tập huấn cho cán bộ.", ""]
    assert "## V. ĐỀ XUẤT, KIẾN NGHỊ\n\nKhông có." in report_md(api.load_repo(
        make_repo(FILES, settings=SETTINGS.format(sample="false"), units=UNITS)))
