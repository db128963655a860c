"""What the system refuses, and bugs, reach the user as one line and exit 2, never a traceback."""

from __future__ import annotations

import sys

import pytest


def test_unwritable_output_is_one_line(make_repo, cli):
    root = make_repo()
    (root / "a-file").write_text("x", encoding="utf-8")
    result = cli(["codeowners", "--repo", root, "-o", root / "a-file" / "CODEOWNERS"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi: Không đọc, ghi được ")
    assert "Traceback" not in result.output and ".tmp" not in result.stderr


def test_write_atomic_names_the_target_not_the_temporary_file(tmp_path):
    from dxtrack.fsutil import write_atomic

    with pytest.raises(OSError) as caught:
        write_atomic(tmp_path / "missing-folder" / "x.md", b"x")
    assert caught.value.filename == str(tmp_path / "missing-folder" / "x.md")


def test_write_atomic_never_replaces_unless_forced(tmp_path):
    from dxtrack.fsutil import write_atomic

    target = tmp_path / "x.md"
    write_atomic(target, b"first")
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    write_atomic(target, b"third", force=True)
    assert target.read_bytes() == b"third"
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]  # no temporary file left behind


def test_a_bug_is_one_line_and_exit_2(make_repo, monkeypatch, capsys):
    from dxtrack import api
    from dxtrack.cli import main

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "run_command", broken)  # a bug anywhere in the run
    monkeypatch.setattr(sys, "argv", ["dxtrack", "check", "--repo", str(make_repo())])
    with pytest.raises(SystemExit) as caught:
        main.run()
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "dxtrack gặp lỗi nội bộ (RuntimeError: boom)" in err and "Traceback" not in err


def test_debug_shows_the_traceback(make_repo, monkeypatch):
    from dxtrack import api
    from dxtrack.cli import main

    monkeypatch.setattr(api, "run_command", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    monkeypatch.setattr(sys, "argv", ["dxtrack", "check", "--repo", str(make_repo())])
    monkeypatch.setenv("DXTRACK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main.run()


def test_write_atomic_leaves_a_read_only_file_alone(tmp_path, monkeypatch):
    import os

    from dxtrack.fsutil import write_atomic

    target = tmp_path / "x.yaml"
    target.write_bytes(b"old")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(target) else real_access(p, mode))
    with pytest.raises(PermissionError):
        write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"old"


def test_unknown_language_is_refused(make_repo, cli):
    result = cli(["--lang", "fr", "status", "--repo", make_repo()])
    assert result.exit_code == 2
    assert result.stderr == 'Lỗi: Ngôn ngữ "fr" không có; chọn một trong: vi, en.\n'


def test_report_output_that_is_a_folder(make_repo, cli, tmp_path):
    result = cli(["report", "--repo", make_repo(), "-o", tmp_path])
    assert result.exit_code == 2
    assert "là một thư mục" in result.stderr
