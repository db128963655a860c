"""`dxtrack new`: options, prompts, validation before writing, refusals."""

from __future__ import annotations

import pytest

import dxtrack.cli.new as new_cli

PLAN = """\
unit: bo-y-te
title: Kế hoạch truyền thông
tasks:
  - id: t1
    title: Hội nghị quán triệt
"""

EVENT_ARGS = ["new", "event", "--unit", "bo-y-te", "--kind", "hội nghị quán triệt",
              "--title", "Hội nghị quán triệt Kế hoạch 02", "--date", "29/08/2025", "--mode", "trực tiếp",
              "--topic", "ý nghĩa", "--topic", "plan02", "--audience", "đảng viên", "--participants", "120",
              "--plan-task", "t1"]


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in (root / "activities").rglob("*") if p.is_file()) \
        if (root / "activities").exists() else []


def test_new_event_from_options_writes_valid_file(make_repo, cli):
    root = make_repo({"plans/bo-y-te.yaml": PLAN})
    result = cli(EVENT_ARGS + ["--repo", root])
    assert result.exit_code == 0, result.output
    rel = "activities/bo-y-te/2025-08-29-hoi-nghi-quan-triet-ke-hoach-02.yaml"
    assert result.stdout.strip() == f"Đã ghi {rel}"
    assert (root / rel).read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/record.schema.json\n"
        "type: event\n"
        "unit: bo-y-te\n"
        "kind: dissemination\n"
        "title: Hội nghị quán triệt Kế hoạch 02\n"
        "date: 2025-08-29\n"
        "mode: in_person\n"
        "topics: [significance, plan02]\n"
        "audiences: [party_members]\n"
        "participants: 120\n"
        "plan_task: t1\n")
    check = cli(["check", "--repo", root])
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("kind, args, rel, line", [
    ("product", ["--kind", "phóng sự", "--title", "Phóng sự dịch vụ công", "--published", "2025-09-20",
                 "--channel", "truyền hình", "--channel", "digital_platform", "--url", "https://example.vn/ps"],
     "activities/bo-y-te/2025-09-20-phong-su-dich-vu-cong.yaml", "channels: [television, digital_platform]"),
    ("channel", ["--kind", "chuyên mục", "--title", "Chuyên mục Chuyển đổi số", "--outlet", "website",
                 "--started", "2025-09-01", "--cadence-days", "7", "--update", "2025-09-08"],
     "activities/bo-y-te/2025-09-01-chuyen-muc-chuyen-doi-so.yaml", "updates: [2025-09-08]"),
    ("report", ["--number", "12-BC/ĐU", "--title", "Báo cáo kết quả", "--date", "2025-12-10",
                "--period-from", "2025-08-20", "--period-to", "2025-12-10"],
     "activities/bo-y-te/2025-12-10-bao-cao-ket-qua.yaml", "  from: 2025-08-20"),
    ("plan", ["--title", "Kế hoạch truyền thông", "--number", "45-KH/ĐU", "--issued", "2025-08-28",
              "--audience", "công chức", "--staff", "3 cán bộ", "--budget-vnd", "150000000",
              "--platform", "website"],
     "plans/bo-y-te.yaml", "audiences: [civil_servants]"),
])
def test_new_each_kind(make_repo, cli, kind, args, rel, line):
    root = make_repo()
    result = cli(["new", kind, "--unit", "bo-y-te", *args, "--repo", root])
    assert result.exit_code == 0, result.output
    text = (root / rel).read_text(encoding="utf-8")
    assert line in text.splitlines()
    schema = "../schemas/plan.schema.json" if kind == "plan" else "../../schemas/record.schema.json"
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema}"
    assert cli(["check", "--repo", root]).exit_code == 0


def test_missing_required_fields_not_a_terminal_exit_2(make_repo, cli):
    root = make_repo()
    result = cli(["new", "event", "--unit", "bo-y-te", "--title", "Hội nghị", "--repo", root])
    assert result.exit_code == 2
    assert "Thiếu trường bắt buộc: kind, date, mode. Hãy thêm --kind, --date, --mode." in result.stderr
    assert _files(root) == []


def test_missing_in_english(make_repo, cli):
    root = make_repo()
    result = cli(["--lang", "en", "new", "product", "--unit", "bo-y-te", "--repo", root])
    assert result.exit_code == 2
    assert "Required fields missing: kind, title, published, channels. Add --kind, --title, " \
           "--published, --channel." in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--unit", "bo-y-tee"], 'Đơn vị "bo-y-tee" không có trong units.yaml.'),
    (["--plan-task", "t9"], 'Nhiệm vụ "t9" không có trong kế hoạch của đơn vị bo-y-te.'),
    (["--date", "2099-01-01"], "Ngày 01/01/2099 ở trong tương lai"),
    (["--date", "2025-08-01"], "Ngày 01/08/2025 trước ngày ban hành Công văn (18/08/2025)."),
    (["--mode", "qua điện thoại"], '"qua điện thoại" không phải là giá trị hợp lệ của "mode"'),
])
def test_invalid_values_refused_nothing_written(make_repo, cli, args, message):
    root = make_repo({"plans/bo-y-te.yaml": PLAN})
    result = cli(EVENT_ARGS + args + ["--repo", root])
    assert result.exit_code == 1, result.output
    assert "Không ghi activities/" in result.stderr
    assert message in result.stderr
    assert _files(root) == []


def test_bad_date_option_is_usage_error(make_repo, cli):
    root = make_repo({"plans/bo-y-te.yaml": PLAN})
    result = cli(EVENT_ARGS + ["--date", "31/02/2025", "--repo", root])
    assert result.exit_code == 2
    assert '--date "31/02/2025" không phải là ngày hợp lệ' in result.stderr


def test_duplicate_refused_and_existing_file_not_overwritten(make_repo, cli):
    root = make_repo({"plans/bo-y-te.yaml": PLAN, "activities/bo-y-te/cu.yaml": """\
        type: event
        unit: bo-y-te
        kind: dissemination
        title: HỘI NGHỊ quán triệt kế hoạch 02
        date: 2025-08-29
        mode: online
        """})
    result = cli(EVENT_ARGS + ["--repo", root])
    assert result.exit_code == 1
    assert "Bản ghi trùng với activities/bo-y-te/cu.yaml (cùng đơn vị, ngày và tiêu đề)." in result.stderr
    assert _files(root) == ["activities/bo-y-te/cu.yaml"]


def test_same_file_name_different_title_gets_suffix(make_repo, cli):
    rel = "activities/bo-y-te/2025-08-29-hoi-nghi-quan-triet-ke-hoach-02.yaml"
    root = make_repo({"plans/bo-y-te.yaml": PLAN, rel: "# mine\n"})
    result = cli(EVENT_ARGS[:7] + ["Hội nghị: quán triệt Kế hoạch 02!"] + EVENT_ARGS[8:] + ["--repo", root])
    assert result.exit_code == 0, result.output
    assert (root / rel).read_text() == "# mine\n"
    assert (root / rel.replace(".yaml", "-2.yaml")).is_file()


def test_existing_plan_never_overwritten(make_repo, cli):
    root = make_repo({"plans/bo-y-te.yaml": PLAN})
    result = cli(["new", "plan", "--unit", "bo-y-te", "--title", "Kế hoạch khác", "--repo", root])
    assert result.exit_code == 1
    assert "Tệp plans/bo-y-te.yaml đã có; dxtrack không ghi đè." in result.stderr
    assert (root / "plans/bo-y-te.yaml").read_text() == PLAN


def test_dry_run_prints_and_writes_nothing(make_repo, cli):
    root = make_repo({"plans/bo-y-te.yaml": PLAN})
    result = cli(EVENT_ARGS + ["--dry-run", "--repo", root])
    assert result.exit_code == 0
    assert "kind: dissemination\n" in result.stdout
    assert _files(root) == []


def test_no_repo_is_exit_2(tmp_path, cli):
    result = cli(EVENT_ARGS, cwd=tmp_path)
    assert result.exit_code == 2
    assert "Không tìm thấy kho theo dõi" in result.stderr


def test_interactive_prompts_menus(make_repo, cli, monkeypatch):
    """Numbered menus with Vietnamese labels; a bad answer is asked again."""
    monkeypatch.setattr(new_cli, "is_interactive", lambda: True)
    root = make_repo()
    answers = "\n".join([
        "2",                      # unit: Đài Truyền hình Việt Nam
        "99", "tọa đàm",          # kind: out of range, then a label
        "Tọa đàm chuyển đổi số",  # title
        "31/02/2025", "2025-10-05",  # date: impossible, then good
        "2",                      # mode: online
        "3,4",                    # topics
        "",                       # audiences: skipped
    ]) + "\n"
    result = cli(["new", "event", "--repo", root], input=answers)
    assert result.exit_code == 0, result.output
    assert "  1) Đảng ủy Bộ Y tế [bo-y-te]" in result.stdout
    assert "   1) hội nghị quán triệt [dissemination]" in result.stdout
    assert '"99" không có trong danh sách' in result.stderr
    assert '"31/02/2025" không phải là ngày' in result.stderr
    rel = "activities/dai-truyen-hinh-viet-nam/2025-10-05-toa-dam-chuyen-doi-so.yaml"
    assert f"Đã ghi {rel}" in result.stdout
    text = (root / rel).read_text(encoding="utf-8")
    assert "kind: seminar\n" in text and "mode: online\n" in text
    assert "topics: [public_services, models]\n" in text
    assert "audiences" not in text


def test_interactive_end_of_input_writes_nothing(make_repo, cli, monkeypatch):
    monkeypatch.setattr(new_cli, "is_interactive", lambda: True)
    root = make_repo()
    result = cli(["new", "event", "--repo", root], input="1\n")
    assert result.exit_code == 130  # stopped, as by Ctrl-C
    assert "Đã dừng; không ghi tệp nào." in result.stderr
    assert _files(root) == []


def test_interactive_offers_the_units_plan_tasks(make_repo, cli, monkeypatch):
    monkeypatch.setattr(new_cli, "is_interactive", lambda: True)
    root = make_repo({"plans/bo-y-te.yaml": PLAN})
    answers = "\n".join(["2025-09-01", "", "", "1"]) + "\n"  # date, topics, audiences, task
    result = cli(["new", "event", "--unit", "bo-y-te", "--kind", "dissemination", "--title", "Quán triệt",
                  "--mode", "online", "--repo", root], input=answers)
    assert result.exit_code == 0, result.output
    assert "Thuộc nhiệm vụ nào trong kế hoạch:\n   1) Hội nghị quán triệt [t1]\n" in result.stdout
    text = (root / "activities/bo-y-te/2025-09-01-quan-triet.yaml").read_text(encoding="utf-8")
    assert text.endswith("plan_task: t1\n")


def test_unit_may_be_given_by_its_name(make_repo, cli):
    root = make_repo()
    result = cli(["new", "event", "--repo", root, "--unit", "Bộ Y tế", "--kind", "tọa đàm",
                  "--title", "Tọa đàm chuyển đổi số", "--date", "2025-11-03", "--mode", "online"])
    assert result.exit_code == 0, result.output
    assert (root / "activities/bo-y-te/2025-11-03-toa-dam-chuyen-doi-so.yaml").read_text(
        encoding="utf-8").splitlines()[2] == "unit: bo-y-te"


@pytest.mark.parametrize("option", ["--url", "--evidence"])
def test_a_link_that_is_not_http_is_told_as_a_link(make_repo, cli, option):
    root = make_repo()
    result = cli(["new", "event", "--repo", root, "--unit", "bo-y-te", "--kind", "seminar", "--title", "Tọa đàm",
                  "--date", "2025-11-03", "--mode", "online", option, "javascript:alert(1)"])
    assert result.exit_code == 1
    assert 'Đường dẫn "javascript:alert(1)" phải bắt đầu bằng http:// hoặc https://.' in result.stderr
    assert _files(root) == []
