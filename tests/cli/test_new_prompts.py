"""`dxtrack new` in a terminal: each answer checked at its own prompt with the rules of
`check`, asked again when refused, never lost; `new plan` asks for all that rule 1.3
scores and writes the tasks and reviews as a commented template that `check` accepts."""

from __future__ import annotations

import pytest
import yaml

import dxtrack.cli.new as new_cli

EVENT = ["new", "event", "--unit", "bo-y-te", "--kind", "seminar", "--title", "Tọa đàm chuyển đổi số",
         "--mode", "online"]
DATE_PROMPT = "Ngày (YYYY-MM-DD)"


@pytest.fixture
def terminal(monkeypatch):
    """stdin is a terminal: missing fields are asked for."""
    monkeypatch.setattr(new_cli, "is_interactive", lambda: True)


def _lines(*answers: str) -> str:
    return "\n".join(answers) + "\n"


def _files(root):
    folder = root / "activities"
    return sorted(p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize("bad, reason", [
    ("2099-01-01", "Không nhận được: Ngày 01/01/2099 ở trong tương lai (hôm nay là "),
    ("01/08/2025", "Không nhận được: Ngày 01/08/2025 trước ngày ban hành Công văn (18/08/2025). Hãy nhập lại."),
    ("31/09/2025", '"31/09/2025" không phải là ngày có thật: tháng 9 chỉ có 30 ngày.'),
    ("2025-02-29", '"2025-02-29" không phải là ngày có thật: tháng 2 năm 2025 chỉ có 28 ngày.'),
    ("hôm qua", '"hôm qua" không phải là ngày; viết YYYY-MM-DD hoặc dd/mm/yyyy.'),
])
def test_a_refused_date_is_asked_again_at_its_prompt(make_repo, cli, terminal, bad, reason):
    root = make_repo()
    result = cli(EVENT + ["--repo", root], input=_lines(bad, "05/10/2025", "", ""))  # date twice, topics, audiences
    assert result.exit_code == 0, result.output
    assert reason in result.stderr
    assert result.stdout.count(DATE_PROMPT) == 2  # asked again at once, before any later question
    assert result.stdout.index(DATE_PROMPT, result.stdout.index(DATE_PROMPT) + 1) < result.stdout.index(
        "Nội dung tuyên truyền")
    text = (root / "activities/bo-y-te/2025-10-05-toa-dam-chuyen-doi-so.yaml").read_text(encoding="utf-8")
    assert "date: 2025-10-05\n" in text
    assert cli(["check", "--repo", root]).exit_code == 0


def test_a_bad_url_is_asked_again(make_repo, cli, terminal):
    root = make_repo()
    args = ["new", "product", "--unit", "bo-y-te", "--kind", "video_clip", "--title", "Clip dịch vụ công",
            "--published", "2025-09-20", "--channel", "website", "--repo", root]
    answers = _lines("", "", "ftp://x.vn/a", "javascript:alert(1)", "https://example.vn/clip")  # topics, audiences, url
    result = cli(args, input=answers)
    assert result.exit_code == 0, result.output
    assert 'Đường dẫn "ftp://x.vn/a" phải bắt đầu bằng http:// hoặc https://.' in result.stderr
    assert 'Đường dẫn "javascript:alert(1)" phải bắt đầu bằng http:// hoặc https://.' in result.stderr
    assert result.stdout.count("Đường dẫn (https://...)") == 3
    text = (root / "activities/bo-y-te/2025-09-20-clip-dich-vu-cong.yaml").read_text(encoding="utf-8")
    assert "url: https://example.vn/clip\n" in text


def test_text_with_a_control_character_is_asked_again(make_repo, cli, terminal):
    root = make_repo()
    args = ["new", "event", "--unit", "bo-y-te", "--kind", "seminar", "--date", "2025-10-05", "--mode", "online"]
    result = cli(args + ["--repo", root], input=_lines("\x1b[31mĐỏ", "Tọa đàm", "", ""))
    assert result.exit_code == 0, result.output
    assert 'Trường "title" chứa ký tự điều khiển U+001B (không nhìn thấy được); hãy xóa ký tự đó.' in result.stderr
    assert (root / "activities/bo-y-te/2025-10-05-toa-dam.yaml").is_file()


def test_a_number_below_its_least_value_or_with_thousands_dots_is_asked_again(make_repo, cli, terminal):
    root = make_repo()
    args = ["new", "channel", "--unit", "bo-y-te", "--kind", "section", "--title", "Chuyên mục CĐS",
            "--outlet", "website", "--started", "2025-09-01", "--repo", root]
    answers = _lines("0", "1.000", "bảy", "7", "", "", "")  # cadence_days four times, topics, audiences, url
    result = cli(args, input=answers)
    assert result.exit_code == 0, result.output
    assert 'Trường "cadence_days" phải là một số nguyên từ 1 trở lên.' in result.stderr
    assert 'Trường "cadence_days" phải là một số nguyên. Hãy nhập lại.' in result.stderr
    # 1.000 is a thousand to a Vietnamese reader: refused as `check` refuses it, never read as 1
    assert result.stderr.count("Không nhận được: Trường \"cadence_days\"") == 3
    text = (root / "activities/bo-y-te/2025-09-01-chuyen-muc-cds.yaml").read_text(encoding="utf-8")
    assert "cadence_days: 7\n" in text


def test_an_unknown_label_typed_at_a_menu_is_asked_again(make_repo, cli, terminal):
    root = make_repo()
    args = ["new", "event", "--unit", "bo-y-te", "--kind", "seminar", "--title", "Tọa đàm", "--date", "2025-10-05"]
    result = cli(args + ["--repo", root], input=_lines("qua điện thoại", "trực tuyến", "", ""))
    assert result.exit_code == 0, result.output
    assert '"qua điện thoại" không có trong danh sách' in result.stderr
    assert "mode: online\n" in (root / "activities/bo-y-te/2025-10-05-toa-dam.yaml").read_text(encoding="utf-8")


def test_an_option_check_would_refuse_is_told_and_asked_again_in_a_terminal(make_repo, cli, terminal):
    root = make_repo()
    result = cli(EVENT + ["--date", "2099-01-01", "--repo", root], input=_lines("2025-10-05", "", ""))
    assert result.exit_code == 0, result.output
    assert "--date: Ngày 01/01/2099 ở trong tương lai" in result.stderr
    assert (root / "activities/bo-y-te/2025-10-05-toa-dam-chuyen-doi-so.yaml").is_file()


def test_refused_at_the_end_keeps_what_was_typed(make_repo, cli, terminal):
    """A duplicate is seen only from the whole record: refused, nothing written, and the
    text of the file is shown, so that nothing typed is lost."""
    root = make_repo({"activities/bo-y-te/cu.yaml": """\
        type: event
        unit: bo-y-te
        kind: seminar
        title: Tọa đàm chuyển đổi số
        date: 2025-10-05
        mode: online
        """})
    result = cli(["new", "event", "--repo", root],
                 input=_lines("1", "tọa đàm", "Tọa đàm chuyển đổi số", "2025-10-05", "trực tuyến", "3,4", "đảng viên"))
    assert result.exit_code == 1
    assert "Không ghi activities/bo-y-te/2025-10-05-toa-dam-chuyen-doi-so.yaml, vì:" in result.stderr
    assert "Bản ghi trùng với activities/bo-y-te/cu.yaml" in result.stderr
    assert "Để khỏi phải nhập lại, dưới đây là nội dung bạn đã nhập" in result.stderr
    kept = result.stdout[result.stdout.index("# yaml-language-server"):]
    assert yaml.safe_load(kept) == {
        "type": "event", "unit": "bo-y-te", "kind": "seminar", "title": "Tọa đàm chuyển đổi số",
        "date": __import__("datetime").date(2025, 10, 5), "mode": "online",
        "topics": ["public_services", "models"], "audiences": ["party_members"]}
    assert _files(root) == ["activities/bo-y-te/cu.yaml"]


def test_not_a_terminal_refusal_prints_no_file(make_repo, cli):
    root = make_repo()
    result = cli(EVENT + ["--date", "2099-01-01", "--repo", root])
    assert result.exit_code == 1
    assert "Ngày 01/01/2099 ở trong tương lai" in result.stderr
    assert result.stdout == ""


PLAN_ANSWERS = _lines(
    "1",                        # unit: Đảng ủy Bộ Y tế
    "45-KH/ĐU",                 # number
    "2099-01-01", "28/08/2025",  # issued: in the future, then good
    "Kế hoạch truyền thông chuyển đổi số",  # title
    "1,3,4",                    # audiences
    "Ban Tuyên giáo Đảng ủy Bộ, 3 cán bộ chuyên trách",  # staff
    "Cổng thông tin điện tử Bộ, trang Zalo OA",           # means
    "150.000.000", "150000000",  # budget: thousands dots, then digits
    "website, zalo, youtube",   # platforms
)


def _uncommented(text: str) -> str:
    """The plan with its template's example task and review taken in (the "# " removed)."""
    lines = []
    for line in text.splitlines():
        if line.startswith(("# tasks:", "# reviews:", "#   ", "#     ")):
            line = line[2:]
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_new_plan_asks_for_what_rule_1_3_scores(make_repo, cli, terminal):
    root = make_repo()
    result = cli(["new", "plan", "--repo", root], input=PLAN_ANSWERS)
    assert result.exit_code == 0, result.output
    assert "Ngày 01/01/2099 ở trong tương lai" in result.stderr
    assert 'Không nhận được: Trường "resources.budget_vnd"' in result.stderr  # 150.000.000: thousands dots
    for label in ("Số ký hiệu", "Ngày ban hành", "Nhân sự thực hiện", "Phương tiện", "Kinh phí", "Nền tảng số"):
        assert label in result.stdout
    text = (root / "plans/bo-y-te.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {
        "unit": "bo-y-te", "number": "45-KH/ĐU", "issued": __import__("datetime").date(2025, 8, 28),
        "title": "Kế hoạch truyền thông chuyển đổi số",
        "audiences": ["party_committees", "party_members", "civil_servants"],
        "resources": {"staff": "Ban Tuyên giáo Đảng ủy Bộ, 3 cán bộ chuyên trách",
                      "means": "Cổng thông tin điện tử Bộ, trang Zalo OA", "budget_vnd": 150000000},
        "platforms": ["website", "zalo", "youtube"]}
    assert "# tasks:\n#   - id: t1" in text and "#     owner: Ban Tuyên giáo Đảng ủy Bộ" in text
    assert "# reviews:\n#   - kind: preliminary_review" in text
    assert "#     due: 2025-10-31" in text
    check = cli(["check", "--repo", root])
    assert check.exit_code == 0, check.output
    status = cli(["status", "bo-y-te", "--as-of", "2025-12-31", "--format", "json", "--repo", root])
    requirements = __import__("json").loads(status.stdout)["units"][0]["requirements"]
    assert requirements["1.3"]["status"] == "met"


def test_the_plan_template_is_valid_when_taken_in(make_repo, cli, terminal):
    root = make_repo()
    assert cli(["new", "plan", "--repo", root], input=PLAN_ANSWERS).exit_code == 0
    plan = root / "plans/bo-y-te.yaml"
    plan.write_text(_uncommented(plan.read_text(encoding="utf-8")), encoding="utf-8")
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    assert data["tasks"][0]["id"] == "t1" and data["reviews"][0]["kind"] == "preliminary_review"
    check = cli(["check", "--repo", root])
    assert check.exit_code == 0, check.output


def test_new_plan_every_optional_answer_skipped(make_repo, cli, terminal):
    root = make_repo()
    result = cli(["new", "plan", "--repo", root], input=_lines("1", "", "", "Kế hoạch", "", "", "", "", ""))
    assert result.exit_code == 0, result.output
    text = (root / "plans/bo-y-te.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {"unit": "bo-y-te", "title": "Kế hoạch"}
    assert "resources" not in text and "# tasks:" in text
    assert cli(["check", "--repo", root]).exit_code == 0


def test_new_plan_from_options(make_repo, cli):
    root = make_repo()
    result = cli(["new", "plan", "--repo", root, "--unit", "bo-y-te", "--title", "Kế hoạch 45",
                  "--number", "45-KH/ĐU", "--issued", "28/08/2025", "--audience", "lãnh đạo",
                  "--audience", "citizens", "--staff", "3 cán bộ", "--means", "Cổng TTĐT",
                  "--budget-vnd", "80000000", "--platform", "website", "--platform", "zalo"])
    assert result.exit_code == 0, result.output
    text = (root / "plans/bo-y-te.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../schemas/plan.schema.json\n"
        "unit: bo-y-te\n"
        "number: 45-KH/ĐU\n"
        "issued: 2025-08-28\n"
        "title: Kế hoạch 45\n"
        "audiences: [leaders, citizens]\n"
        "resources:\n"
        "  staff: 3 cán bộ\n"
        "  means: Cổng TTĐT\n"
        "  budget_vnd: 80000000\n"
        "platforms: [website, zalo]\n"
        "\n# Nhiệm vụ của kế hoạch")
    assert cli(["check", "--repo", root]).exit_code == 0
    assert cli(["fmt", "--check", "--repo", root]).exit_code == 0


def test_new_plan_with_only_unit_and_title_has_no_empty_resources(make_repo, cli):
    root = make_repo()
    result = cli(["new", "plan", "--repo", root, "--unit", "bo-y-te", "--title", "Kế hoạch"])
    assert result.exit_code == 0, result.output
    text = (root / "plans/bo-y-te.yaml").read_text(encoding="utf-8")
    assert "resources" not in text
    assert "# tasks:" in text and "# reviews:" in text
    assert cli(["check", "--repo", root]).exit_code == 0


def test_new_plan_bad_option_not_a_terminal(make_repo, cli):
    root = make_repo()
    result = cli(["new", "plan", "--repo", root, "--unit", "bo-y-te", "--title", "Kế hoạch",
                  "--issued", "2099-01-01"])
    assert result.exit_code == 1
    assert "Ngày 01/01/2099 ở trong tương lai" in result.stderr
    assert not (root / "plans/bo-y-te.yaml").exists()


def test_in_english_the_reason_is_in_english(make_repo, cli, terminal):
    root = make_repo()
    result = cli(["--lang", "en"] + EVENT + ["--repo", root], input=_lines("2099-01-01", "2025-10-05", "", ""))
    assert result.exit_code == 0, result.output
    assert "Not accepted: Date 01/01/2099 is in the future" in result.stderr


def test_a_second_plan_is_refused_as_soon_as_the_unit_is_chosen(make_repo, cli, terminal):
    root = make_repo({"plans/bo-y-te.yaml": "unit: bo-y-te\ntitle: Kế hoạch\n"})
    result = cli(["new", "plan", "--repo", root], input=_lines("1", "45-KH/ĐU"))
    assert result.exit_code == 1
    assert "Tệp plans/bo-y-te.yaml đã có; dxtrack không ghi đè." in result.stderr
    assert "Số ký hiệu" not in result.stdout  # nothing more is asked
