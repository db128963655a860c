"""Commands that write never write through a symbolic link inside the repo, nor outside the
repo, nor over a read-only file, and leave no temporary file behind when stopped (SPEC §5,
issue 14 "writing where it should not"). Each case runs the real CLI against a tracker repo
holding the link, and checks that the file outside is exactly as it was."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import openpyxl
import pytest

REL = "activities/bo-y-te/2025-09-01-hoi-nghi.yaml"
LABELLED = """\
type: event
unit: bo-y-te
kind: Hội nghị quán triệt
title: Hội nghị
date: 2025-09-01
mode: trực tuyến
"""
FORMATTED = LABELLED.replace("Hội nghị quán triệt", "dissemination").replace("trực tuyến", "online")
EVENT = ["--unit", "bo-y-te", "--kind", "dissemination", "--title", "Hội nghị", "--date", "2025-09-01",
         "--mode", "in_person"]
LINK_WORDS = "đó là một liên kết tượng trưng (symlink); dxtrack không ghi qua liên kết"
FOLDER_WORDS = "một thư mục trên đường dẫn là liên kết tượng trưng (symlink) trong kho"
DX114_WORDS = "Tệp này là liên kết tượng trưng (symlink) hoặc không phải tệp thường nên không được đọc"


@pytest.fixture
def outside(tmp_path):
    """A folder beside the repo, with a file that must never change."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yaml").write_text(LABELLED, encoding="utf-8")
    return folder


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _tmp_files(folder) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


# dxtrack fmt


def test_fmt_leaves_a_record_linked_to_a_file_outside_the_repo(make_repo, cli, outside):
    root = make_repo({REL: LABELLED})
    os.symlink(outside / "secret.yaml", root / "activities/bo-y-te/link.yaml")
    before = _tree(outside)
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert f"bỏ qua activities/bo-y-te/link.yaml:1:1: {DX114_WORDS}" in result.stderr
    assert _tree(outside) == before
    assert (root / "activities/bo-y-te/link.yaml").is_symlink()
    assert (root / REL).read_text(encoding="utf-8") == FORMATTED  # the other files are still formatted


def test_fmt_leaves_records_under_a_linked_activities_folder(make_repo, cli, outside):
    root = make_repo()
    (outside / "bo-y-te").mkdir()
    (outside / "bo-y-te" / "a.yaml").write_text(LABELLED, encoding="utf-8")
    os.symlink(outside, root / "activities")
    before = _tree(outside)
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert f"bỏ qua activities/bo-y-te/a.yaml:1:1: {DX114_WORDS}" in result.stderr
    assert _tree(outside) == before


def test_fmt_does_not_read_a_link_to_dev_zero(make_repo):
    """The old fmt read /dev/zero until memory ran out: run it in a child process with a
    memory and a time limit, so that a failure is an assertion, not a machine out of memory."""
    root = make_repo({REL: LABELLED})
    os.symlink("/dev/zero", root / "activities/bo-y-te/zero.yaml")

    def limits():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

    code = "import sys; from dxtrack.cli.launch import run; sys.argv = ['dxtrack', *sys.argv[1:]]; run()"
    done = subprocess.run([sys.executable, "-c", code, "fmt", "--repo", str(root)], capture_output=True,
                          text=True, timeout=120, preexec_fn=limits, env={**os.environ, "DXTRACK_LANG": "vi"})
    assert done.returncode == 1, done.stderr
    assert f"bỏ qua activities/bo-y-te/zero.yaml:1:1: {DX114_WORDS}" in done.stderr
    assert (root / REL).read_text(encoding="utf-8") == FORMATTED


def test_fmt_does_not_read_a_file_over_1_mib(make_repo, cli):
    big = LABELLED + "note: " + "x" * (1024 * 1024) + "\n"
    root = make_repo({REL: big})
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert f"bỏ qua {REL}:1:1: Tệp quá lớn ({len(big.encode())} byte, tối đa 1 MiB)." in result.stderr
    assert (root / REL).read_text(encoding="utf-8") == big


def test_fmt_leaves_a_read_only_file_even_as_root(make_repo, cli):
    """As root os.access says every file is writable: the mode decides (this machine's tests
    run as root; the same test holds for any user)."""
    other = "activities/bo-y-te/2025-09-02-khac.yaml"
    root = make_repo({REL: LABELLED, other: LABELLED.replace("2025-09-01", "2025-09-02")})
    os.chmod(root / REL, 0o444)
    try:
        result = cli(["fmt", "--repo", root])
        assert result.exit_code == 1
        assert (f"không ghi {REL}: tệp chỉ cho đọc (read-only); dxtrack không sửa tệp chỉ cho đọc."
                in result.stderr)
        assert "1 tệp cần chuẩn hóa nhưng không ghi được (lý do ở trên)." in result.stderr
        assert (root / REL).read_text(encoding="utf-8") == LABELLED
        assert stat.S_IMODE((root / REL).stat().st_mode) == 0o444
        assert (root / other).read_text(encoding="utf-8") == FORMATTED.replace("2025-09-01", "2025-09-02")
        assert result.stdout.splitlines()[-1] == "1 tệp được chuẩn hóa, 2 tệp đã chuẩn."
    finally:
        os.chmod(root / REL, 0o644)


def test_fmt_read_only_in_english(make_repo, cli):
    root = make_repo({REL: LABELLED})
    os.chmod(root / REL, 0o444)
    try:
        result = cli(["--lang", "en", "fmt", "--repo", root])
    finally:
        os.chmod(root / REL, 0o644)
    assert result.exit_code == 1
    assert f"not written {REL}: the file is read-only; dxtrack does not change read-only files." in result.stderr


# dxtrack new


def test_new_does_not_write_through_a_dangling_link(make_repo, cli, outside):
    root = make_repo()
    (root / "activities/bo-y-te").mkdir(parents=True)
    os.symlink(outside / "planted.yaml", root / REL)
    result = cli(["new", "event", "--repo", root, *EVENT])
    assert result.exit_code == 1
    assert f"Không ghi {REL}: {LINK_WORDS}" in result.stderr
    assert not (outside / "planted.yaml").exists()
    assert (root / REL).is_symlink()


@pytest.mark.parametrize("linked", ["activities/bo-y-te", "activities"])
def test_new_does_not_write_into_a_linked_unit_folder(make_repo, cli, outside, linked):
    root = make_repo()
    (root / linked).parent.mkdir(parents=True, exist_ok=True)
    target = outside / "bo-y-te" if linked == "activities" else outside
    target.mkdir(exist_ok=True)
    os.symlink(outside, root / linked)
    before = _tree(outside)
    result = cli(["new", "event", "--repo", root, *EVENT])
    assert result.exit_code == 1
    assert f"Không ghi {REL}: {FOLDER_WORDS}" in result.stderr
    assert _tree(outside) == before


def test_new_plan_does_not_write_into_a_linked_plans_folder(make_repo, cli, outside):
    root = make_repo()
    os.symlink(outside, root / "plans")
    result = cli(["new", "plan", "--repo", root, "--unit", "bo-y-te", "--title", "Kế hoạch"])
    assert result.exit_code == 1
    assert f"Không ghi plans/bo-y-te.yaml: {FOLDER_WORDS}" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]


def test_new_still_writes_a_plain_file(make_repo, cli):
    root = make_repo()
    result = cli(["new", "event", "--repo", root, *EVENT])
    assert result.exit_code == 0, result.output
    assert (root / REL).is_file() and not (root / REL).is_symlink()


# dxtrack schema --out


def test_schema_out_does_not_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "record.schema.json").write_text("của tôi", encoding="utf-8")
    (out / "plan.schema.json").write_text("của tôi", encoding="utf-8")
    result = cli(["schema", "--out", out])
    assert result.exit_code == 2
    assert result.stderr == (f"Lỗi: Trong {out} đã có plan.schema.json, record.schema.json; dxtrack không ghi đè. "
                             "Thêm --force để thay thế.\n")
    assert sorted(p.name for p in out.iterdir()) == ["plan.schema.json", "record.schema.json"]  # nothing written
    assert (out / "record.schema.json").read_text(encoding="utf-8") == "của tôi"
    forced = cli(["schema", "--out", out, "--force"])
    assert forced.exit_code == 0, forced.output
    assert (out / "record.schema.json").read_text(encoding="utf-8").startswith("{")
    assert len(list(out.iterdir())) == 4


def test_schema_out_never_through_a_link_even_with_force(cli, tmp_path, outside):
    out = tmp_path / "schemas"
    out.mkdir()
    os.symlink(outside / "secret.yaml", out / "record.schema.json")
    before = _tree(outside)
    result = cli(["schema", "--out", out, "--force"])
    assert result.exit_code == 2
    assert f"Lỗi: Không ghi {out / 'record.schema.json'}: {LINK_WORDS}" in result.stderr
    assert _tree(outside) == before
    assert sorted(p.name for p in out.iterdir()) == ["record.schema.json"]


def test_schema_out_into_a_linked_folder_of_the_repo(make_repo, cli, outside):
    root = make_repo()
    os.symlink(outside, root / "schemas")
    result = cli(["schema", "--out", "schemas"], cwd=root)
    assert result.exit_code == 2
    assert f"Lỗi: Không ghi schemas/dxtrack.schema.json: {FOLDER_WORDS}" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]


# dxtrack import


def _workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoạt động"
    ws.append(["Mã đơn vị", "Loại hoạt động", "Tiêu đề", "Ngày tổ chức", "Hình thức"])
    ws.append(["bo-y-te", "hội nghị quán triệt", "Hội nghị", "01/09/2025", "trực tiếp"])
    ws.append(["dai-truyen-hinh-viet-nam", "tọa đàm", "Tọa đàm", "02/09/2025", "trực tuyến"])
    wb.save(path)
    return path


def test_import_does_not_write_into_a_linked_unit_folder(make_repo, cli, outside, tmp_path):
    root = make_repo()
    (root / "activities").mkdir()
    os.symlink(outside, root / "activities/bo-y-te")
    before = _tree(outside)
    result = cli(["import", _workbook(tmp_path / "a.xlsx"), "--repo", root])
    assert result.exit_code == 1
    assert (f'Lỗi: Trang "Hoạt động", dòng 2: không ghi được {REL}: {FOLDER_WORDS}' in result.stderr)
    assert _tree(outside) == before
    assert not (root / "activities/dai-truyen-hinh-viet-nam").exists()  # a bad row: nothing written
    partial = cli(["import", _workbook(tmp_path / "a.xlsx"), "--repo", root, "--partial"])
    assert partial.exit_code == 1
    assert _tree(outside) == before
    assert (root / "activities/dai-truyen-hinh-viet-nam/2025-09-02-toa-dam.yaml").is_file()


def test_import_does_not_write_through_a_dangling_link(make_repo, cli, outside, tmp_path):
    root = make_repo()
    (root / "activities/bo-y-te").mkdir(parents=True)
    os.symlink(outside / "planted.yaml", root / REL)
    result = cli(["import", _workbook(tmp_path / "a.xlsx"), "--repo", root, "--partial"])
    assert result.exit_code == 1
    assert f"không ghi được {REL}: {LINK_WORDS}" in result.stderr
    assert not (outside / "planted.yaml").exists()


# -o FILE inside the repo: report, status, due, export, codeowners

OUTPUTS = {
    "report": (["report"], "r.md"),
    "status": (["status", "--format", "csv"], "s.csv"),
    "due": (["due", "--format", "json"], "d.json"),
    "export": (["export", "xlsx"], "e.xlsx"),
    "codeowners": (["codeowners"], "CODEOWNERS"),
}


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_output_into_a_linked_folder_of_the_repo_is_refused(make_repo, cli, outside, command):
    args, name = OUTPUTS[command]
    root = make_repo()
    os.symlink(outside, root / "out")
    result = cli([*args, "--repo", root, "-o", root / "out" / name])
    assert result.exit_code == 2
    assert FOLDER_WORDS in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_output_forced_onto_a_link_inside_the_repo_is_refused(make_repo, cli, outside, command):
    args, name = OUTPUTS[command]
    root = make_repo()
    os.symlink(outside / "secret.yaml", root / name)
    before = _tree(outside)
    result = cli([*args, "-o", name, "--force"], cwd=root)
    assert result.exit_code == 2
    assert LINK_WORDS in result.stderr
    assert _tree(outside) == before
    assert (root / name).is_symlink()


def test_output_outside_the_repo_through_a_link_back_into_it_is_refused(make_repo, cli, tmp_path):
    root = make_repo({REL: FORMATTED})
    link = tmp_path / "link.md"
    os.symlink(root / REL, link)
    result = cli(["report", "--repo", root, "-o", link, "--force"])
    assert result.exit_code == 2
    assert LINK_WORDS in result.stderr
    assert (root / REL).read_text(encoding="utf-8") == FORMATTED


def test_a_link_inside_the_repo_is_refused_also_when_the_repo_is_reached_through_a_link(
        make_repo, cli, outside, tmp_path):
    """The user's own link to the repo (a linked home folder) is fine; a link inside the repo
    on the way is refused all the same."""
    root = make_repo()
    os.symlink(root, tmp_path / "via")
    os.symlink(outside, root / "out")
    refused = cli(["report", "--repo", root, "-o", tmp_path / "via" / "out" / "r.md"])
    assert refused.exit_code == 2
    assert FOLDER_WORDS in refused.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]
    written = cli(["codeowners", "--repo", root, "-o", tmp_path / "via" / ".github" / "CODEOWNERS"])
    assert written.exit_code == 0, written.output
    assert (root / ".github" / "CODEOWNERS").is_file()
    linked = cli(["codeowners", "--repo", root, "-o", tmp_path / "via" / "out" / "CODEOWNERS"])
    assert linked.exit_code == 2
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]


def test_codeowners_into_the_repo_still_makes_its_folder(make_repo, cli):
    root = make_repo()
    result = cli(["codeowners", "--repo", root, "-o", root / ".github" / "CODEOWNERS"])
    assert result.exit_code == 0, result.output
    assert "@dang-uy/bo-y-te" in (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


# stopped while writing: no temporary file left


STOPPED = textwrap.dedent("""\
    import os, signal, sys
    real_fsync = os.fsync

    def fsync(fd):  # the file is half on disk: SIGTERM now, as a cancelled CI job sends it
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGTERM)
        signal.pause() if hasattr(signal, "pause") else None

    os.fsync = fsync
    from dxtrack.cli.launch import run
    sys.argv = ["dxtrack", *sys.argv[1:]]
    run()
    """)


def _stopped(args, timeout=60):
    return subprocess.run([sys.executable, "-c", STOPPED, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "DXTRACK_LANG": "vi"})


def test_sigterm_while_new_writes_leaves_no_temporary_file(make_repo):
    root = make_repo()
    done = _stopped(["new", "event", "--repo", root, *EVENT])
    assert _tmp_files(root) == []
    assert done.returncode == 143, (done.returncode, done.stderr)  # 128 + SIGTERM, as a shell reports it
    assert not (root / REL).exists()


def test_sigterm_while_fmt_writes_leaves_no_temporary_file(make_repo):
    root = make_repo({REL: LABELLED})
    done = _stopped(["fmt", "--repo", root])
    assert _tmp_files(root) == []
    assert done.returncode == 143, (done.returncode, done.stderr)
    assert (root / REL).read_text(encoding="utf-8") == LABELLED  # the old file whole, or the new: never half


def test_ctrl_c_while_writing_leaves_no_temporary_file(make_repo, cli, monkeypatch):
    root = make_repo({REL: LABELLED})

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = cli(["fmt", "--repo", root])
    assert result.exit_code != 0
    assert _tmp_files(root) == []
    assert (root / REL).read_text(encoding="utf-8") == LABELLED


# dxtrack init --force


def test_init_force_writes_nothing_through_a_linked_folder(cli, tmp_path, outside):
    folder = tmp_path / "kho"
    folder.mkdir()
    os.symlink(outside, folder / "activities")
    os.symlink(outside / "planted.yaml", folder / "units.yaml")
    result = cli(["init", folder, "--force"])
    assert result.exit_code == 2
    assert "liên kết tượng trưng (symlink)" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]
    assert sorted(p.name for p in folder.iterdir()) == ["activities", "units.yaml"]  # nothing written
