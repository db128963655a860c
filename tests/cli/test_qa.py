"""Hostile and odd inputs found by QA: each reaches the user as a plain message, never a
traceback, a file outside the repo, or a clobbered file."""

from __future__ import annotations

import os
import stat

import pytest

EVENT = ["--kind", "dissemination", "--title", "Hội nghị", "--date", "2025-09-01", "--mode", "in_person"]


@pytest.mark.parametrize("unit, shown", [("../../outside", "activities/outside/"), ("a/b", "activities/a-b/")])
def test_new_unit_that_is_a_path_stays_inside_and_is_refused(make_repo, cli, tmp_path, unit, shown):
    root = make_repo()
    result = cli(["new", "event", "--repo", root, "--unit", unit, *EVENT])
    assert result.exit_code == 1
    assert f"Không ghi {shown}2025-09-01-hoi-nghi.yaml" in result.output
    assert f'Đơn vị "{unit}" không có trong units.yaml.' in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]
    assert not (root / "activities").exists()


def test_new_plan_unit_that_is_a_path_is_refused(make_repo, cli):
    root = make_repo()
    result = cli(["new", "plan", "--repo", root, "--unit", "../evil", "--title", "Kế hoạch"])
    assert result.exit_code == 1
    assert "Không ghi plans/evil.yaml" in result.output
    assert not (root / "plans").exists() and not (root.parent / "evil.yaml").exists()


@pytest.mark.parametrize("query", ["", "  "])
def test_status_empty_unit_is_not_a_prefix_of_every_id(make_repo, cli, query):
    units = "units:\n  - id: bo-y-te\n    name: Đảng ủy Bộ Y tế\n    kind: ministry\n"
    result = cli(["status", "--repo", make_repo(units=units), query])
    assert result.exit_code == 2
    assert result.stderr == f'Lỗi: Không có đơn vị "{query}" trong units.yaml.\n'


def test_report_forced_onto_a_symlink_writes_through_it(make_repo, cli, tmp_path):
    root = make_repo()
    target = tmp_path / "target.md"
    target.write_text("cũ", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = cli(["report", "--repo", root, "-o", link, "--force"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("**ĐẢNG ỦY CHÍNH PHỦ**")  # no superior body (SPEC §6.2)


def test_codeowners_forced_onto_a_pipe_writes_into_it(make_repo, cli, tmp_path):
    root = make_repo()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that opening it to write does not wait
    try:
        result = cli(["codeowners", "--repo", root, "-o", fifo, "--force"])
        data = os.read(reader, 65536).decode("utf-8")
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe, not a regular file renamed over it
    assert "/activities/bo-y-te/ @dang-uy/bo-y-te" in data


CONTROL_UNITS = """\
units:
  - id: bo-y-te
    name: "Đảng ủy Bộ\\x01 Y tế\\x1b"
    kind: ministry
"""


def test_control_characters_in_data_are_refused_by_check(make_repo, cli):
    root = make_repo(units=CONTROL_UNITS)
    result = cli(["check", "--repo", root, "--format", "json"])
    assert result.exit_code == 1
    assert "DX116" in result.stdout


def test_docx_report_with_control_characters_in_options(make_repo, cli, tmp_path):
    import docx

    root = make_repo()
    out = tmp_path / "bao-cao.docx"
    result = cli(["report", "--repo", root, "-o", out, "--number", "12\x02-BC/ĐU", "--signer", "Nguyễn\x0b Văn A"])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    # what XML cannot hold is shown as its escape (text.xml_safe), as every output shows it
    assert "Đảng ủy Bộ Y tế" in text and "Nguyễn\\x0b Văn A" in text and "12\\x02-BC/ĐU" in text


@pytest.mark.parametrize("option", ["--as-of", "--to"])
def test_report_ending_before_receipt_names_the_date_given(make_repo, cli, option):
    result = cli(["report", "--repo", make_repo(), option, "2025-01-01"])
    assert result.exit_code == 2
    assert result.stderr == ("Lỗi: Báo cáo đến ngày 01/01/2025 thì chưa có gì: các đơn vị nhận Công văn ngày "
                             "20/08/2025 (received trong dxtrack.yaml). Chọn --as-of hoặc --to từ ngày đó trở đi.\n")


def test_system_refusals_in_plain_words(make_repo, cli):
    root = make_repo()
    result = cli(["schema", "--out", root / "units.yaml"])
    assert result.exit_code == 2
    assert result.stderr == (f"Lỗi: Không đọc, ghi được {root / 'units.yaml'}: "
                             "đã có tệp hoặc thư mục mang tên này.\n")


def test_report_on_a_full_disk_in_plain_words(make_repo, cli, tmp_path, monkeypatch):
    import errno

    from dxtrack import fsutil

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "write_atomic", full)
    result = cli(["report", "--repo", make_repo(), "-o", tmp_path / "x.md"])
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: Không ghi được {tmp_path / 'x.md'}: đĩa đã đầy.\n"


GOOD_EVENT = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt
date: 2025-09-01
mode: in_person
"""
EVENT_FILE = "activities/bo-y-te/2025-09-01-hoi-nghi.yaml"


def _refuse(monkeypatch, target: str):
    """The system refuses to read or list `target` (as it would for another user's 000 file)."""
    real_read, real_scandir, real_open = __import__("pathlib").Path.read_bytes, os.scandir, os.open

    def read_bytes(self):
        if self.as_posix().endswith(target):
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    def scandir(path="."):
        if str(path).endswith(target):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def open_(path, flags, *args, **kwargs):
        if str(path).endswith(target):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("pathlib.Path.read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)


@pytest.mark.parametrize("target", [EVENT_FILE, "activities/bo-y-te"])
def test_unreadable_file_or_folder_is_reported_not_skipped(make_repo, cli, monkeypatch, target):
    root = make_repo({EVENT_FILE: GOOD_EVENT})
    _refuse(monkeypatch, target)
    result = cli(["check", "--repo", root])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (f"{target}:1:1: lỗi DX115 Không đọc được tệp hay thư mục này: "
                                              "không có quyền. Hãy kiểm tra quyền truy cập rồi chạy lại.")
    status = cli(["status", "--repo", root])
    assert "1 tệp dữ liệu có lỗi hoặc đặt sai chỗ không được tính" in status.stdout


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_folder_for_real(make_repo, cli):
    root = make_repo({EVENT_FILE: GOOD_EVENT})
    folder = root / "activities" / "bo-y-te"
    folder.chmod(0)
    try:
        result = cli(["check", "--repo", root, "--format", "json"])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert '"code": "DX115"' in result.stdout and '"file": "activities/bo-y-te"' in result.stdout


def test_spec_topic_wording_in_a_flow_list_of_a_crlf_file(make_repo, cli):
    """SPEC §2.5 gives each topic's label as the directive words it; a secretariat copies that."""
    text = ("type: event\r\nunit: bo-y-te\r\nkind: Hội nghị quán triệt   # nhãn\r\ntitle: Hội nghị\r\n"
            "date: 2025-09-01\r\nmode: trực tiếp\r\ntopics: [\"ý nghĩa, tầm quan trọng, vai trò, lợi ích của "
            "chuyển đổi số liên thông, đồng bộ\", \"đấu tranh, phản bác quan điểm sai trái, thông tin xấu độc\"]\r\n")
    root = make_repo({EVENT_FILE: text.encode("utf-8")})
    assert cli(["check", "--repo", root]).exit_code == 0
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 0
    assert (root / EVENT_FILE).read_bytes().decode("utf-8") == (
        "type: event\r\nunit: bo-y-te\r\nkind: dissemination   # nhãn\r\ntitle: Hội nghị\r\n"
        "date: 2025-09-01\r\nmode: in_person\r\ntopics: [significance, counter_misinformation]\r\n")


def test_status_matrix_cut_by_a_narrow_window_says_so(make_repo, cli, monkeypatch):
    root = make_repo()
    monkeypatch.setenv("COLUMNS", "60")
    narrow = cli(["status", "--repo", root, "--as-of", "2025-12-31"])
    assert narrow.exit_code == 0
    assert "Điểm" not in narrow.stdout  # the score column did not fit ...
    said = " ".join(narrow.stdout.split())
    assert ("Cửa sổ chỉ rộng 60 cột nên bảng bị cắt bớt bên phải; hãy mở rộng cửa sổ, hoặc dùng --format "
            "markdown hay --format csv.") in said  # ... and the user is told
    monkeypatch.setenv("COLUMNS", "100")
    wide = cli(["status", "--repo", root, "--as-of", "2025-12-31"])
    assert "Điểm" in wide.stdout and "bị cắt" not in wide.stdout


@pytest.mark.skipif(os.name != "posix", reason="closing a descriptor with the shell")
@pytest.mark.parametrize("args, closed, code, says", [
    (["new", "event", "--unit", "bo-y-te"], "<&-", 2, "Lỗi: Thiếu trường bắt buộc: kind, title, date, mode."),
    (["status"], ">&-", 0, ""),
    (["check"], ">&-", 0, ""),
])
def test_a_closed_standard_stream_is_no_terminal_not_a_bug(make_repo, args, closed, code, says):
    import shlex
    import subprocess
    import sys

    root = make_repo()
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "dxtrack", *args, "--repo", str(root)])
    done = subprocess.run(["sh", "-c", f"{command} {closed}"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "DXTRACK_LANG": "vi"})
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith(says) and "nội bộ" not in done.stderr
