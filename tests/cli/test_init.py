"""`dxtrack init`: a new tracker repo that passes `dxtrack check`; refusals."""

from __future__ import annotations

import json
from datetime import date

import yaml

EXPECTED = [".gitattributes", ".github/workflows/dxtrack.yml", ".gitignore", ".pre-commit-config.yaml",
            ".vscode/extensions.json", ".vscode/settings.json", "README.md", "activities/.gitkeep", "dxtrack.yaml",
            "plans/.gitkeep",
            "schemas/dxtrack.schema.json", "schemas/plan.schema.json", "schemas/record.schema.json",
            "schemas/units.schema.json", "units.yaml"]


def _tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_creates_a_repo_that_passes_check(tmp_path, cli):
    target = tmp_path / "kho"
    result = cli(["init", target])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Đã tạo kho theo dõi ở {target}:\n")
    assert _tree(target) == EXPECTED
    check = cli(["check", "--repo", target, "--format", "json"])
    assert check.exit_code == 0, check.output
    assert json.loads(check.stdout) == {"ok": True, "files": 2, "findings": []}


def test_init_files_are_what_tools_expect(tmp_path, cli):
    assert cli(["init", tmp_path / "kho"]).exit_code == 0
    root = tmp_path / "kho"
    settings = yaml.safe_load((root / "dxtrack.yaml").read_text(encoding="utf-8"))
    assert settings["sample"] is False
    assert settings["received"] == date(2025, 8, 20) and "report_due" not in settings
    assert [(p["id"], p["to"], p["report_due"]) for p in settings["phases"]] == [
        ("2025", date(2025, 12, 31), [date(2025, 12, 15)]),
        ("2026", date(2026, 12, 31), [date(2026, 6, 15), date(2026, 12, 15)])]
    units = yaml.safe_load((root / "units.yaml").read_text(encoding="utf-8"))["units"]
    assert [u["id"] for u in units] == ["bo-tai-chinh"]
    workflow = yaml.safe_load((root / ".github/workflows/dxtrack.yml").read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML 1.1 reads the key `on` as True
    assert workflow["jobs"]["check"]["steps"][1]["uses"] == "actions/setup-python@v5"  # installs --source itself
    hooks = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks["repos"][0]["hooks"]] == ["dxtrack-check"]
    vscode = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert vscode["yaml.schemas"]["./schemas/record.schema.json"] == "activities/*/*.yaml"
    for rel in vscode["yaml.schemas"]:
        json.loads((root / rel).read_text(encoding="utf-8"))
    assert "dxtrack new event" in (root / "README.md").read_text(encoding="utf-8")


def test_init_new_event_then_check(tmp_path, cli):
    """The made repo works with the rest of the workflow: a new record, still clean."""
    root = tmp_path / "kho"
    assert cli(["init", root]).exit_code == 0
    result = cli(["new", "event", "--unit", "bo-tai-chinh", "--kind", "dissemination", "--title", "Hội nghị",
                  "--date", "2025-08-29", "--mode", "online"], cwd=root)
    assert result.exit_code == 0, result.output
    assert cli(["check"], cwd=root).exit_code == 0


def test_init_refuses_non_empty_folder(tmp_path, cli):
    (tmp_path / "notes.txt").write_text("giữ lại")
    result = cli(["init", tmp_path])
    assert result.exit_code == 2
    assert "không trống" in result.stderr and "--force" in result.stderr
    assert _tree(tmp_path) == ["notes.txt"]


def test_init_force_keeps_existing_files(tmp_path, cli):
    (tmp_path / "README.md").write_text("của tôi", encoding="utf-8")
    result = cli(["init", tmp_path, "--force"])
    assert result.exit_code == 0, result.output
    assert "  (đã có, giữ nguyên) README.md" in result.stdout
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "của tôi"
    assert (tmp_path / "dxtrack.yaml").is_file()


def test_init_counts_fresh_git_folder_as_empty(tmp_path, cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert cli(["init", tmp_path]).exit_code == 0
    assert (tmp_path / "units.yaml").is_file()


def test_init_refuses_a_file(tmp_path, cli):
    target = tmp_path / "x.txt"
    target.write_text("")
    result = cli(["--lang", "en", "init", target])
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr


def test_organization_with_colon_is_quoted(tmp_path, cli):
    root = tmp_path / "kho"
    assert cli(["init", root, "--organization", "Đảng ủy: Bộ #1"]).exit_code == 0
    assert 'organization: "Đảng ủy: Bộ #1"\n' in (root / "dxtrack.yaml").read_text(encoding="utf-8")
    assert cli(["check", "--repo", root]).exit_code == 0


def test_init_writes_every_report_setting_with_a_comment(tmp_path, cli):
    """SPEC §6.2: a clerk finds every key of `report:` in dxtrack.yaml, said what it is in Vietnamese."""
    from dxtrack.models.settings import ReportSettings

    root = tmp_path / "kho"
    assert cli(["init", root]).exit_code == 0
    text = (root / "dxtrack.yaml").read_text(encoding="utf-8")
    block = text[text.index("\nreport:\n"):].splitlines()[2:]
    keys = [line.split(":")[0].strip() for line in block]
    assert sorted(keys) == sorted(ReportSettings.model_fields)
    assert all(line.startswith("  ") and " # " in line for line in block)
    assert "số ký hiệu của báo cáo, ví dụ 15-BC/ĐU" in text and "hd36 hoặc hd05" in text
    report = yaml.safe_load(text)["report"]
    assert report == {key: [] if key == "recipients" else None for key in ReportSettings.model_fields}
    # filled in, as a clerk would, it still checks clean
    filled = text.replace("  number:        ", "  number: 15-BC/ĐU").replace("  profile:  ", "  profile: hd05")
    (root / "dxtrack.yaml").write_text(filled, encoding="utf-8")
    check = cli(["check", "--repo", root])
    assert check.exit_code == 0, check.output
    assert yaml.safe_load(filled)["report"]["number"] == "15-BC/ĐU"
