"""Dates that do not exist are told as such in the options too (issue 9): `--as-of
2025-02-31` is "February 2025 has only 28 days", not "write YYYY-MM-DD"; and numbers written
with thousands dots are refused, never read as a smaller number."""

from __future__ import annotations

import json

import pytest

from test_check import EVENT_PATH, GOOD_EVENT  # tests/cli is on sys.path beside tests/

PLAN = "unit: bo-y-te\ntitle: Kế hoạch\ntasks:\n  - id: t1\n    title: Quán triệt\n"


def test_as_of_february_31_says_february_has_28_days(cli, make_repo):
    root = make_repo({EVENT_PATH: GOOD_EVENT})
    result = cli(["status", "--repo", root, "--as-of", "2025-02-31"])
    assert result.exit_code == 2
    assert result.stderr.strip() == 'Lỗi: --as-of "2025-02-31" không phải là ngày hợp lệ: tháng 2 năm 2025 chỉ có 28 ngày.'
    assert "NĂM-THÁNG-NGÀY" not in result.stderr and "YYYY-MM-DD" not in result.stderr


def test_as_of_february_31_in_english(cli, make_repo):
    root = make_repo({EVENT_PATH: GOOD_EVENT})
    result = cli(["status", "--repo", root, "--as-of", "2025-02-31", "--lang", "en"])
    assert result.exit_code == 2
    assert "February 2025 has only 28 days" in result.stderr


@pytest.mark.parametrize("value, says", [
    ("2025-09-31", "tháng 9 chỉ có 30 ngày"),
    ("2024-02-30", "tháng 2 năm 2024 chỉ có 29 ngày"),
    ("2025-13-01", "không có tháng 13"),
    ("2025-01-00", "không có ngày 0"),
    ("31/04/2025", "tháng 4 chỉ có 30 ngày"),
])
def test_impossible_as_of_says_why(cli, make_repo, value, says):
    root = make_repo({EVENT_PATH: GOOD_EVENT})
    result = cli(["status", "--repo", root, "--as-of", value])
    assert result.exit_code == 2
    assert f'--as-of "{value}" không phải là ngày hợp lệ: {says}.' in result.stderr


def test_a_wrong_form_still_asks_for_yyyy_mm_dd(cli, make_repo):
    root = make_repo({EVENT_PATH: GOOD_EVENT})
    result = cli(["status", "--repo", root, "--as-of", "ngày 5"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_report_from_and_to_say_why(cli, make_repo):
    root = make_repo({EVENT_PATH: GOOD_EVENT})
    result = cli(["report", "--repo", root, "--from", "2025-09-01", "--to", "2025-11-31"])
    assert result.exit_code == 2
    assert '--to "2025-11-31" không phải là ngày hợp lệ: tháng 11 chỉ có 30 ngày.' in result.stderr


def test_new_date_option_says_why(cli, make_repo):
    root = make_repo({"plans/bo-y-te.yaml": PLAN})
    result = cli(["new", "event", "--unit", "bo-y-te", "--kind", "dissemination", "--title", "Hội nghị",
                  "--date", "2025-02-29", "--mode", "in_person", "--repo", root])
    assert result.exit_code == 2
    assert '--date "2025-02-29" không phải là ngày hợp lệ: tháng 2 năm 2025 chỉ có 28 ngày.' in result.stderr


def test_dotted_participants_never_pass_as_one(cli, make_repo):
    root = make_repo({EVENT_PATH: GOOD_EVENT + "participants: 1.000\n"})
    result = cli(["check", "--format", "json", "--repo", root])
    assert result.exit_code == 1
    [found] = json.loads(result.stdout)["findings"]
    assert (found["code"], found["line"]) == ("DX213", 7)
    assert "Viết 1000, không dùng dấu chấm ngăn cách hàng nghìn" in found["message"]


EVENT_OPTIONS = ["new", "event", "--unit", "bo-y-te", "--kind", "dissemination", "--title", "Hội nghị A",
                 "--date", "2025-09-05", "--mode", "online", "--dry-run"]


@pytest.mark.parametrize("option, value, says", [
    ("--participants", "1.000", 'Lỗi: Giá trị của --participants "1.000" có dấu ngăn cách hàng nghìn: viết 1000.'),
    ("--participants", "1,000", 'Lỗi: Giá trị của --participants "1,000" có dấu ngăn cách hàng nghìn: viết 1000.'),
    ("--participants", "1 000", 'Lỗi: Giá trị của --participants "1 000" có dấu ngăn cách hàng nghìn: viết 1000.'),
    ("--participants", "1.5", "Lỗi: Giá trị của --participants phải là một số nguyên."),
])
def test_a_number_option_with_thousands_dots_is_refused_never_read_smaller(cli, make_repo, option, value, says):
    root = make_repo({})
    result = cli([*EVENT_OPTIONS, "--repo", root, option, value])
    assert result.exit_code == 2 and says in result.stderr, result.output
    assert "Xem hướng dẫn: dxtrack new event -h" in result.stderr
    assert "participants: 1\n" not in result.stdout


def test_budget_option_with_dots_is_refused_and_digits_are_taken(cli, make_repo):
    root = make_repo({})
    plan = ["new", "plan", "--unit", "bo-y-te", "--title", "Kế hoạch", "--repo", root, "--dry-run"]
    refused = cli([*plan, "--budget-vnd", "150.000.000"])
    assert refused.exit_code == 2 and "viết 150000000" in refused.stderr
    taken = cli([*plan, "--budget-vnd", "150000000"])
    assert taken.exit_code == 0 and "budget_vnd: 150000000" in taken.stdout
