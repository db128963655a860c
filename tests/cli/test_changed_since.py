"""`dxtrack check --changed-since REF` and the GitHub job summary, on real git repos."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import MODELS_EVENT, git

BAD = "type: event\nunit: bo-y-te\nkind: nope\ntitle: Sai | loại\ndate: 2025-09-02\nmode: online\n"


@pytest.fixture
def git_repo(make_repo):
    """A tracker repo committed on branch main, with one bad record already there."""
    def make(files=None, **kw):
        root = make_repo({"activities/bo-y-te/cu-sai.yaml": BAD, **(files or {})}, **kw)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", ".")
        git(root, "commit", "-qm", "base")
        return root
    return make


def _json(result):
    return [(f["file"], f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]]


def test_only_changed_files_count(git_repo, cli):
    root = git_repo()
    assert _json(cli(["check", "--format", "json", "--repo", root])) == [
        ("activities/bo-y-te/cu-sai.yaml", 3, "DX204")]
    result = cli(["check", "--format", "json", "--changed-since", "main", "--repo", root])
    assert result.exit_code == 0
    assert _json(result) == []
    (root / "activities/bo-y-te/moi-sai.yaml").write_text(BAD.replace("2025-09-02", "2025-09-03"))
    result = cli(["check", "--format", "json", "--changed-since", "main", "--repo", root])
    assert result.exit_code == 1
    assert _json(result) == [("activities/bo-y-te/moi-sai.yaml", 3, "DX204")]


def test_renamed_file_counts(git_repo, cli):
    root = git_repo()
    git(root, "mv", "activities/bo-y-te/cu-sai.yaml", "activities/bo-y-te/doi-ten.yaml")
    git(root, "commit", "-qm", "rename")
    result = cli(["check", "--format", "json", "--changed-since", "HEAD~1", "--repo", root])
    assert result.exit_code == 1
    assert _json(result) == [("activities/bo-y-te/doi-ten.yaml", 3, "DX204")]


def test_bad_ref_is_exit_2(git_repo, cli):
    """A revision that is not there is told as such: git is there, and git's English is not shown."""
    root = git_repo()
    result = cli(["check", "--changed-since", "khong-co-nhanh", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr.startswith('Lỗi: --changed-since: không có phiên bản "khong-co-nhanh" trong kho git này.')
    assert "cần git" not in result.stderr and "fatal" not in result.stderr
    en = cli(["--lang", "en", "check", "--changed-since", "khong-co-nhanh", "--repo", root])
    assert en.exit_code == 2
    assert en.stderr.startswith('Error: --changed-since: there is no revision "khong-co-nhanh" in this git repository.')
    assert "fatal" not in en.stderr


@pytest.mark.parametrize("ref", ["--output=x.tar", "-p"])
def test_ref_that_looks_like_an_option_is_a_bad_ref(git_repo, cli, ref):
    root = git_repo()
    result = cli(["check", f"--changed-since={ref}", "--repo", root])
    assert result.exit_code == 2
    assert f'không có phiên bản "{ref}"' in result.stderr
    assert not (root / "x.tar").exists()


def test_not_a_git_repo(make_repo, cli):
    root = make_repo()  # under pytest's tmp_path, which is in no git repository
    if subprocess.run(["git", "-C", str(root), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    result = cli(["check", "--changed-since", "main", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr == (f"Lỗi: --changed-since chỉ dùng được trong một kho git, mà {root} "
                             "không nằm trong kho git nào.\n")
    en = cli(["--lang", "en", "check", "--changed-since", "main", "--repo", root])
    assert en.stderr == f"Error: --changed-since works only inside a git repository, and {root} is not in one.\n"


def test_git_not_installed(make_repo, cli, monkeypatch):
    root = make_repo()
    monkeypatch.setenv("PATH", str(root / "no-programs-here"))
    result = cli(["check", "--changed-since", "main", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi: --changed-since cần chương trình git, nhưng máy này chưa cài git.")
    en = cli(["--lang", "en", "check", "--changed-since", "main", "--repo", root])
    assert en.stderr.startswith("Error: --changed-since needs the git program, which is not installed")


def test_summary_lists_findings_and_status_moves(git_repo, cli, tmp_path):
    root = git_repo()
    (root / "activities/bo-y-te/2025-09-01-toa-dam.yaml").write_text(MODELS_EVENT, encoding="utf-8")
    (root / "activities/bo-y-te/moi-sai.yaml").write_text(BAD.replace("2025-09-02", "2025-09-03"))
    summary = tmp_path / "summary.md"
    summary.write_text("trước đó\n", encoding="utf-8")
    result = cli(["check", "--changed-since", "main", "--repo", root],
                 env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=activities/bo-y-te/moi-sai.yaml,line=3,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("trước đó\n## dxtrack check\n\n1 lỗi, 0 cảnh báo trong 5 tệp. "
                           "(chỉ tính các tệp thay đổi từ `main`)\n")
    assert "| Tệp:dòng | Mã | Mức | Nội dung |\n|---|---|---|---|\n" in text
    assert "| `activities/bo-y-te/moi-sai.yaml:3` | ❌ DX204 | lỗi | \"nope\" không phải" in text
    assert "cu-sai.yaml" not in text
    assert "### Thay đổi về tình hình thực hiện so với `main` (tính đến 31/12/2025)\n" in text
    moves = [line for line in text.splitlines() if line.startswith("- ")]
    assert "- Đảng ủy Bộ Y tế — 2.1.d ✗ → ✓ (Nội dung: điển hình tiên tiến, mô hình hiệu quả)" in moves
    assert "- Đảng ủy Bộ Y tế — 3.a ✗ → ✓ (Triển khai ngay sau khi nhận văn bản)" in moves
    assert not any(m.startswith("- Đảng ủy Bộ Y tế — 2.1.e ") for m in moves)
    assert all(m.startswith("- Đảng ủy Bộ Y tế — ") for m in moves)  # the other unit does not move


def test_summary_no_moves_and_no_findings(git_repo, cli, tmp_path):
    root = git_repo()
    (root / "README.md").write_text("ghi chú\n")
    summary = tmp_path / "summary.md"
    result = cli(["check", "--format", "text", "--changed-since", "main", "--repo", root],
                 env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert "Không có lỗi trong 3 tệp. (chỉ tính các tệp thay đổi từ `main`)" in text
    assert "| Tệp:dòng" not in text
    assert text.rstrip().endswith("Không yêu cầu nào của đơn vị nào đổi trạng thái.")


def test_summary_without_changed_since_has_no_delta(git_repo, cli, tmp_path):
    root = git_repo()
    summary = tmp_path / "summary.md"
    result = cli(["check", "--format", "text", "--repo", root], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert "| `activities/bo-y-te/cu-sai.yaml:3` | ❌ DX204 |" in text
    assert "###" not in text


def test_summary_unit_added_in_the_change(git_repo, cli, tmp_path):
    root = git_repo()
    with open(root / "units.yaml", "a", encoding="utf-8") as units:
        units.write("  - id: bo-noi-vu\n    name: Đảng ủy Bộ Nội vụ\n    kind: ministry\n")
    summary = tmp_path / "summary.md"
    cli(["check", "--changed-since", "main", "--repo", root], env={"GITHUB_STEP_SUMMARY": str(summary)})
    moves = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
    assert moves == ["- Đảng ủy Bộ Nội vụ — đơn vị mới được theo dõi, điểm 0"]  # the others do not move


def test_summary_tracker_in_a_subfolder_new_at_ref(make_repo, cli, tmp_path):
    """The tracker repo is a folder of a bigger git repo, and did not exist at REF."""
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / "khac.txt").write_text("x")
    git(outer, "init", "-q", "-b", "main")
    git(outer, "add", ".")
    git(outer, "commit", "-qm", "base")
    root = make_repo({"activities/bo-y-te/2025-09-01-toa-dam.yaml": MODELS_EVENT})
    tracker = outer / "tracker"
    root.rename(tracker)
    summary = tmp_path / "summary.md"
    result = cli(["check", "--changed-since", "main"], cwd=tracker, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    moves = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
    assert [m.split(" — ")[0] for m in moves] == ["- Đảng ủy Bộ Y tế", "- Đảng ủy Đài Truyền hình Việt Nam"]
    assert all("đơn vị mới được theo dõi, điểm" in m for m in moves)



def test_summary_when_the_change_breaks_units(git_repo, cli, tmp_path):
    root = git_repo()
    (root / "units.yaml").write_text("units:\n  - id: Bo Y Te\n    name: X\n    kind: ministry\n")
    summary = tmp_path / "summary.md"
    result = cli(["check", "--changed-since", "main", "--repo", root], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert "| `units.yaml:2` | ❌ DX208 |" in text
    assert text.rstrip().endswith("Chưa đánh giá được tình hình (dxtrack.yaml hoặc units.yaml có lỗi).")
