"""The report's content (build) and its Markdown, from a Status built by hand."""

from __future__ import annotations

import re
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


def section(md: str, heading: str) -> str:
    """The Markdown of one `## heading` section, up to the next `## ` (or the closing)."""
    start = md.index(f"## {heading}")
    ends = [i for i in (md.find("\n## ", start + 3), md.find("\n**Nơi nhận:**", start)) if i > 0]
    return md[start:min(ends) if ends else None]


def body_of(md: str) -> str:
    """The report up to the closing: what comes before the appendices."""
    return md[:md.index("**Nơi nhận:**")]


def test_header_and_sections(loaded):
    md = report_md(loaded())
    assert md.splitlines()[:9] == [
        "ĐẢNG BỘ CHÍNH PHỦ  ", "**ĐẢNG ỦY CHÍNH PHỦ**  ", "\\*  ", "Số 30-BC/ĐU", "",
        "**ĐẢNG CỘNG SẢN VIỆT NAM**  ", "*Hà Nội, ngày 02 tháng 12 năm 2025*", "", "# BÁO CÁO"]
    assert [line for line in body_of(md).splitlines() if line.startswith(("## ", "### "))] == [
        "## I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT", "## II. KẾT QUẢ THỰC HIỆN",
        "### 1. Công tác chỉ đạo, quán triệt và tổ chức triển khai", "### 2. Nội dung, hình thức tuyên truyền",
        "### 3. Đối với các cơ quan báo chí chủ lực", "### 4. Tiến độ thực hiện và chế độ báo cáo",
        "### 5. Một số hoạt động, sản phẩm tiêu biểu",
        "## III. HẠN CHẾ, TỒN TẠI", "## IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"]   # no V: no proposals
    assert [line for line in md.splitlines() if line.startswith("## Phụ lục")] == [
        "## Phụ lục 1. Kết quả thực hiện các yêu cầu của Công văn số 380-CV/ĐU",
        "## Phụ lục 2. Hoạt động, sản phẩm truyền thông theo đơn vị",
        "## Phụ lục 3. Danh mục hoạt động, sản phẩm truyền thông trong kỳ"]
    assert md.count("*(Kèm theo Báo cáo số 30-BC/ĐU, ngày 02/12/2025 của Ban Thường vụ Đảng ủy Chính phủ)*") == 3
    assert "DỮ LIỆU MINH HỌA" not in md


def test_the_body_has_no_tables_links_or_marks(loaded):
    body = body_of(report_md(loaded()))
    assert "| Đơn vị |" not in body and "](<" not in body and "Ký hiệu" not in body
    assert not any(mark in body for mark in "✓◐✗⏳█")
    assert "xem kho dữ liệu" not in body and "Và " not in body


def test_leadership_plans_and_transferred(loaded):
    lead = section(report_md(loaded()), "I.")
    assert ("Đã có 1/2 đơn vị ban hành kế hoạch truyền thông thực hiện Công văn ngày 28/08/2025; còn Đảng ủy Đài "
            "Truyền hình Việt Nam chưa ban hành kế hoạch.") in lead
    assert "Trong kỳ chưa ghi nhận hội nghị quán triệt nào." in lead
    assert "Đảng ủy Tập đoàn Than đã chuyển từ ngày 15/10/2025; báo cáo không đánh giá kết quả của đơn vị này." in lead


def test_results_in_prose_with_figures(loaded):
    results = section(report_md(loaded()), "II.")
    assert ("Trong kỳ, các đơn vị đã sản xuất, phát hành 1 sản phẩm truyền thông (chi tiết tại Phụ lục 2 và "
            "Phụ lục 3).") in results
    assert "điểm thực hiện bình quân đạt 50/100 (chi tiết tại Phụ lục 1)" in results
    assert ("1/2 đơn vị đã quán triệt đến cấp ủy, đảng viên và người lao động; Đảng ủy Đài Truyền hình Việt Nam "
            "chưa tổ chức hội nghị quán triệt.") in results
    assert "Đảng ủy Bộ Y tế duy trì truyền thông thường xuyên, liên tục, không gián đoạn quá 30 ngày" in results
    assert ("Đảng ủy các cơ quan báo chí chủ lực (Đài Truyền hình Việt Nam) đã chỉ đạo đăng, phát 1 tin, bài, "
            "sản phẩm về Kế hoạch số 02 (1 trên truyền hình, 1 trên nền tảng số).") in results
    # a notable product: a sentence starting with its date, its title as plain text
    assert ("- Ngày 20/09/2025, Đảng ủy Đài Truyền hình Việt Nam phát sóng phóng sự \"Dịch vụ công toàn trình\" "
            "trên truyền hình và nền tảng số.") in results


def test_shortfalls_grouped_in_sentences_without_ids_or_status_words(loaded):
    short = section(report_md(loaded()), "III.")
    paragraphs = short.strip().split("\n\n")[1:]
    assert paragraphs[0] == "Bên cạnh những kết quả đạt được, việc thực hiện Công văn còn một số hạn chế, tồn tại:"
    # a unit with nothing recorded: one sentence, and none of its other shortcomings (1.3: no budget)
    assert ("Đảng ủy Đài Truyền hình Việt Nam chưa tổ chức hội nghị quán triệt Công văn; chưa ban hành kế hoạch "
            "truyền thông thực hiện Công văn; chưa có sản phẩm trên phát thanh. Đảng ủy Bộ Y tế chưa có hoạt động "
            "nào được ghi nhận trong kỳ.") in paragraphs
    assert "kinh phí" not in short
    assert not re.search(r"\b[123]\.\d(\.[a-i])?\b", short)
    assert not any(line.startswith("- ") for line in short.splitlines())
    assert not any(word in short for word in ("chưa đạt", "một phần", "đạt một phần"))


def test_shortfalls_of_several_units_name_them_in_one_sentence(make_repo):
    """Two units without a final review: one sentence naming both (short names, Vietnamese order),
    however many requirements say so."""
    files = {**FILES, "activities/bo-y-te/2025-09-01-hoi-nghi.yaml": """\
        type: event
        unit: bo-y-te
        kind: dissemination
        title: Hội nghị quán triệt
        date: 2025-09-01
        mode: in_person
        participants: 1250
        """}
    repo = api.load_repo(make_repo(files, settings=SETTINGS.format(sample="false"), units=UNITS),
                         today=date(2025, 12, 1))
    status = hand_status(repo)
    for us in status.active:
        us.requirements["3.c"] = RequirementStatus("missing", [Reason("no_final_review", {"end": "2025-12-31"})])
    md = render_markdown(build_report(repo, status, ReportOptions(signed=date(2025, 12, 2)), date(2025, 8, 20)))
    short = section(md, "III.")
    assert "2 đơn vị chưa tổ chức tổng kết cuối giai đoạn: Bộ Y tế và Đài Truyền hình Việt Nam." in short
    assert short.count("tổng kết cuối giai đoạn") == 1
    # Bộ Y tế has a record now: its plan's missing budget is a shortcoming of its own
    assert "Đảng ủy Bộ Y tế chưa xác định kinh phí trong kế hoạch truyền thông." in short
    # Vietnamese thousands dots in prose
    lead = section(md, "I.")
    assert "1/2 đơn vị đã tổ chức 1 hội nghị quán triệt" in lead and "với 1.250 lượt người tham dự" in lead


def test_appendix_1_holds_the_matrices_legend_and_scores(loaded):
    md = report_md(loaded())
    appendix = md[md.index("## Phụ lục 1."):md.index("## Phụ lục 2.")]
    assert ("| Đơn vị | 1.1 | 1.3 |\n|---|:---:|:---:|\n| Đảng ủy Bộ Y tế | ✓ | ◐ |\n"
            "| Đảng ủy Đài Truyền hình Việt Nam | ✗ | ✗ |\n") in appendix
    assert "| Đơn vị | 2.2.a |\n|---|:---:|\n| Đảng ủy Đài Truyền hình Việt Nam | ◐ |\n\n" in appendix   # press only
    assert "*Ký hiệu:* ✓ đạt; ◐ đạt một phần; ✗ chưa đạt; ⏳ chưa đến hạn; · không áp dụng" in appendix
    assert "*Yêu cầu: 1.1 — Quán triệt; 1.3 — Kế hoạch truyền thông.*" in appendix
    assert "| Đảng ủy Bộ Y tế | `███████████████░░░░░` | 75 |" in appendix
    assert "Điểm thực hiện bình quân của 2 đơn vị: 50/100." in appendix
    assert "- Đảng ủy Tập đoàn Than: đã chuyển từ ngày 15/10/2025." in appendix
    assert "Tập đoàn Than |" not in md


def test_appendix_2_and_3_count_and_list_the_records(loaded):
    md = report_md(loaded())
    counts = md[md.index("## Phụ lục 2."):md.index("## Phụ lục 3.")]
    assert "| Đảng ủy Đài Truyền hình Việt Nam | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 |" in counts
    assert "| Tổng cộng | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 |" in counts
    assert "| phóng sự | 1 | 1 |" in counts
    listed = md[md.index("## Phụ lục 3."):]
    assert "**Đảng ủy Đài Truyền hình Việt Nam**" in listed
    assert ("| 1 | 20/09/2025 | phóng sự | [Phóng sự \"Dịch vụ công toàn trình\"](<https://example.vn/phong-su>) | "
            "truyền hình, nền tảng số |") in listed
    assert "*Chưa ghi nhận hoạt động, sản phẩm: Đảng ủy Bộ Y tế.*" in listed


def test_ahead_without_a_phase_keeps_to_the_general_task(loaded):
    ahead = section(report_md(loaded()), "IV.")
    assert ("Các đơn vị tiếp tục duy trì truyền thông thường xuyên, liên tục, cập nhật các chuyên trang, chuyên "
            "mục, bản tin; khắc phục các hạn chế, tồn tại nêu trên; tổng kết, đánh giá kết quả và báo cáo về Đảng "
            "ủy Chính phủ theo quy định.") in ahead


def test_single_unit_report(loaded):
    md = report_md(loaded(), unit="dai-truyen-hinh-viet-nam")
    assert md.startswith("ĐẢNG BỘ CHÍNH PHỦ  \n**ĐẢNG ỦY ĐÀI TRUYỀN HÌNH VIỆT NAM**  \n\\*  \nSố      -BC/ĐU\n")
    assert "Đảng ủy Đài Truyền hình Việt Nam chưa ban hành kế hoạch truyền thông thực hiện Công văn." in md
    assert section(md, "III.").strip().split("\n\n")[1:] == [
        "Chưa tổ chức hội nghị quán triệt Công văn.", "Chưa ban hành kế hoạch truyền thông thực hiện Công văn.",
        "Chưa có sản phẩm trên phát thanh."]
    appendix = md[md.index("## Phụ lục 1."):]
    assert "| 2.2.a | Mọi loại hình báo chí | đạt một phần | Chưa có sản phẩm trên phát thanh. |" in appendix
    assert "| 3.c | Liên tục | chưa đến hạn |  |" in appendix
    assert "Ký hiệu" not in md
    assert "Bộ Y tế" not in md
    assert "Điểm thực hiện của Đảng ủy Đài Truyền hình Việt Nam: 25/100." in appendix
    # the organisation's signer does not sign a unit's report: blanks to fill by hand
    assert "Nguyễn Văn A" not in md
    assert "**T/M BAN THƯỜNG VỤ**  \n**................................**\n\n**................................**" in md


def test_blanks_name_the_settings_left_out(loaded):
    repo = loaded()
    options = ReportOptions(signed=date(2025, 12, 2))
    assert build_report(repo, hand_status(repo), options, date(2025, 8, 20)).blanks == ()
    unit = ReportOptions(signed=date(2025, 12, 2), unit="bo-y-te")
    assert build_report(repo, hand_status(repo), unit, date(2025, 8, 20)).blanks == ("number", "signer", "signer_title")
    signed = ReportOptions(signed=date(2025, 12, 2), unit="bo-y-te", number="7-BC/ĐU", signer_title="Phó Bí thư")
    data = build_report(repo, hand_status(repo), signed, date(2025, 8, 20))
    assert data.blanks == ("signer",)
    assert data.closing.signer_title == "PHÓ BÍ THƯ" and data.header.number_line == "Số 7-BC/ĐU"


def test_transferred_unit_report(loaded):
    md = report_md(loaded(), unit="tap-doan-than")
    assert ("Đảng ủy Tập đoàn Than đã chuyển từ ngày 15/10/2025, trước khi bắt đầu giai đoạn; trong giai đoạn này "
            "không có kết quả để báo cáo.") in md
    assert "| Đơn vị |" not in md


def test_sample_banner(loaded):
    md = report_md(loaded(sample=True))
    assert md.startswith("> **DỮ LIỆU MINH HỌA** — Báo cáo này dựng từ dữ liệu minh họa")


def test_english(loaded):
    from dxtrack.i18n import bind_lang

    bind_lang("en")
    md = report_md(loaded())
    assert "## III. SHORTCOMINGS" in md and "| Unit | 1.1 | 1.3 |" in md
    assert "Đảng ủy Bộ Y tế recorded no activity in the period." in md
    # reasons are data: worded in English too
    assert "| 2.2.a | Mọi loại hình báo chí |" not in md
    assert "*Hà Nội, 02 December 2025*" in md
    assert "## Appendix 1. Results against the requirements of Công văn 380-CV/ĐU" in md


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


def test_no_proposals_no_section_five(make_repo):
    md = report_md(api.load_repo(make_repo(FILES, settings=SETTINGS.format(sample="false"), units=UNITS)))
    assert "## V." not in md and "ĐỀ XUẤT" not in md and "Không có." not in md


HEADER_SETTINGS = """\
directive: 380-CV/ĐU
organization: Đảng ủy Chính phủ
report_to: Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ
received: 2025-08-20
phase_end: 2025-12-31
report:
  recipients: [Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ, Các đảng ủy trực thuộc]
"""


@pytest.mark.parametrize("extra, superior, issuing", [
    ("", None, "ĐẢNG ỦY CHÍNH PHỦ"),                                   # directly under the Central Committee
    ("  superior_body: Ban Chấp hành Trung ương\n", "BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG ỦY CHÍNH PHỦ"),
    ("  issuing_body: Ban Thường vụ Đảng ủy Chính phủ\n", None, "BAN THƯỜNG VỤ ĐẢNG ỦY CHÍNH PHỦ"),
])
def test_whole_organisation_header_has_a_superior_body_only_when_set(make_repo, extra, superior, issuing):
    repo = api.load_repo(make_repo(FILES, settings=HEADER_SETTINGS + extra, units=UNITS), today=date(2025, 12, 1))
    data = build_report(repo, hand_status(repo), ReportOptions(), date(2025, 8, 20))
    assert data.header.superior_body == (superior or "")
    assert data.header.issuing_body == issuing


def test_unit_header_and_recipients_go_upward(make_repo):
    settings = HEADER_SETTINGS + "  unit_superior_body: Đảng bộ Khối Chính phủ\n  archive: Lưu VT, Ban TGDV\n"
    repo = api.load_repo(make_repo(FILES, settings=settings, units=UNITS), today=date(2025, 12, 1))
    data = build_report(repo, hand_status(repo), ReportOptions(unit="bo-y-te"), date(2025, 8, 20))
    assert (data.header.superior_body, data.header.issuing_body) == ("ĐẢNG BỘ KHỐI CHÍNH PHỦ", "ĐẢNG ỦY BỘ Y TẾ")
    # a unit's report: to the organisation and its secretariat; the unit's own archive, not the organisation's
    assert data.closing.recipients == ["- Ban Thường vụ Đảng ủy Chính phủ (để b/c),",
                                       "- Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ (để b/c),",
                                       "- Lưu Văn phòng Đảng ủy."]
    whole = build_report(repo, hand_status(repo), ReportOptions(), date(2025, 8, 20))
    # the body reported to first (listed once), then the other recipients, the archive last
    assert whole.closing.recipients == ["- Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ (để b/c),",
                                        "- Các đảng ủy trực thuộc,", "- Lưu VT, Ban TGDV."]
    without = api.load_repo(make_repo(FILES, settings=HEADER_SETTINGS, units=UNITS), today=date(2025, 12, 1))
    default = build_report(without, hand_status(without), ReportOptions(unit="bo-y-te"), date(2025, 8, 20))
    assert default.header.superior_body == "ĐẢNG BỘ CHÍNH PHỦ"   # from "Đảng ủy Chính phủ"


def test_every_reason_of_a_shortfall_has_its_sentence():
    """Each reason code a partial or missing requirement can carry is worded in section III."""
    from dxtrack.evaluate.reasons import REASONS
    from dxtrack.i18n import has
    from dxtrack.report.shortfalls import SHORTFALLS

    not_due_or_na = {"press_only", "start_window_open", "no_task_due", "phase_open", "phase_no_end",
                     "report_not_due", "report_no_dates"}
    assert set(REASONS) - not_due_or_na == set(SHORTFALLS)
    for code, make in SHORTFALLS.items():
        assert all(has(f"report.iii.{key}") for key, _params, _detail in make("1.1", _params_of(code))), code


def _params_of(code: str) -> dict:
    """Parameters as the evaluators give them, enough to word each reason."""
    return {"fields": ["budget"], "tasks": [{"id": "t1", "due": "2025-09-01", "done": "2025-09-05"}],
            "kinds": [["dissemination"]], "audiences": [["workers"]], "modes": ["online"], "partners": ["Bộ X"],
            "outlets": [["radio"]], "topics": ["models"], "count": 1, "need": 3, "titles": ["a"],
            "topic": "models", "kind": None, "cadence_days": 7, "last": "2025-09-01", "first": "2025-09-30",
            "days": 40, "max": 15, "start": "2025-08-20", "basis": "received", "from": "2025-09-01",
            "to": "2025-10-11", "end": "2025-12-31", "due": ["2025-12-15"],
            "reports": [{"due": "2025-12-15", "sent": "2025-12-20"}],
            **({"kinds": ["article", "infographic"]} if code == "few_product_kinds" else {})}
