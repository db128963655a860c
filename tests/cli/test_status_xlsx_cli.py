"""`dxtrack status --format xlsx -o FILE` through the real CLI: the file written, never over
one that is there without --force, never to stdout."""

from __future__ import annotations

import openpyxl
import pytest
from test_status import UNITS

from test_rules import event, repo_files


@pytest.fixture
def repo(make_repo):
    return make_repo(repo_files([event(date="2025-08-25", audiences=["leaders", "party_members", "workers"])]),
                     units=UNITS)


def run(cli, repo, *args):
    return cli(["status", "--repo", repo, "--as-of", "2025-10-01", *map(str, args)])


def test_writes_the_workbook(cli, repo, tmp_path):
    out = tmp_path / "tinh-hinh.xlsx"
    result = run(cli, repo, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"Đã ghi: {out}" in result.stderr
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.title == "Tình hình thực hiện"
    assert [c.value for c in ws[1]][:2] == ["Đơn vị", "Mã đơn vị"]
    assert [r[1].value for r in ws.iter_rows(min_row=2)] == ["bo-khoa-hoc-va-cong-nghe", "bo-y-te",
                                                              "dai-truyen-hinh-viet-nam", "tap-doan-than"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.endswith("5")


def test_in_english(cli, repo, tmp_path):
    out = tmp_path / "status.xlsx"
    result = run(cli, repo, "--format", "xlsx", "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"Written: {out}" in result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Status", "Reasons", "About"]
    assert wb["Status"]["A1"].value == "Unit"


def test_one_unit(cli, repo, tmp_path):
    out = tmp_path / "bo-y-te.xlsx"
    result = cli(["status", "bo-y-te", "--repo", repo, "--as-of", "2025-10-01", "-f", "xlsx", "-o", out])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.max_row == 2 and ws["A2"].value == "Đảng ủy Bộ Y tế"


def test_never_over_a_file_without_force(cli, repo, tmp_path):
    out = tmp_path / "status.xlsx"
    out.write_bytes(b"keep me")
    result = run(cli, repo, "--format", "xlsx", "-o", out)
    assert result.exit_code == 2
    assert "đã có" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"keep me"
    forced = run(cli, repo, "--format", "xlsx", "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert openpyxl.load_workbook(out).worksheets[0]["A1"].value == "Đơn vị"


def test_never_to_stdout(cli, repo, tmp_path):
    result = run(cli, repo, "--format", "xlsx")
    assert result.exit_code == 2
    assert "cần -o TÊN_TỆP.xlsx" in result.stderr
    assert result.stdout == ""                                 # no zip bytes on a terminal
    en = run(cli, repo, "--format", "xlsx", "--lang", "en")
    assert en.exit_code == 2 and "needs -o FILE.xlsx" in en.stderr
    assert list(tmp_path.glob("**/*.xlsx")) == []


def test_a_missing_folder_is_said_before_any_work(cli, repo, tmp_path):
    out = tmp_path / "no-such-folder" / "status.xlsx"
    result = run(cli, repo, "--format", "xlsx", "-o", out)
    assert result.exit_code == 2 and "no-such-folder" in result.stderr
    assert not out.exists()


def test_same_file_from_the_cache_and_without(cli, repo, tmp_path):
    """A workbook is never replayed from the cache's memo (it holds text): each run makes it."""
    first, second, plain = (tmp_path / n for n in ("a.xlsx", "b.xlsx", "c.xlsx"))
    assert run(cli, repo, "-f", "xlsx", "-o", first).exit_code == 0
    assert run(cli, repo, "-f", "xlsx", "-o", second).exit_code == 0
    assert run(cli, repo, "-f", "xlsx", "-o", plain, "--no-cache").exit_code == 0
    assert first.read_bytes() == second.read_bytes() == plain.read_bytes()
