"""`dxtrack requirements`: the catalog as a table, JSON or Markdown."""

from __future__ import annotations

import json

from test_catalog import IDS


def test_table_lists_every_requirement_in_80_columns(cli, make_repo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = cli(["requirements", "--repo", make_repo()])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Các yêu cầu của Công văn 380-CV/ĐU (22 yêu cầu)"
    for rid in IDS:
        assert any(line.startswith(rid + " ") for line in lines), rid
    assert lines.count("      Áp dụng: cơ quan báo chí chủ lực") == 4
    assert lines.count("      Áp dụng: mọi đảng ủy trực thuộc") == 18
    assert max(len(line) for line in lines) <= 80


def test_json_carries_ids_titles_text_binds(cli, tmp_path):
    result = cli(["requirements", "--format", "json"], cwd=tmp_path)  # no repo needed
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["requirements"]] == IDS
    first = data["requirements"][0]
    assert set(first) == {"id", "section", "group", "title", "binds", "text", "measure", "criteria"}
    assert first["title"] == "Quán triệt đến cấp ủy, đảng viên, người lao động"
    assert first["criteria"][0]["rule"] == "event_audience"


def test_measure_uses_the_repos_thresholds(cli, make_repo):
    from conftest import SETTINGS

    root = make_repo(settings=SETTINGS.replace("max_gap_days: 30", "max_gap_days: 21"))
    result = cli(["requirements", "3.c", "--repo", root, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "**3.c. Duy trì thường xuyên, liên tục** — mọi đảng ủy trực thuộc" in result.stdout
    assert "không quá 21 ngày" in result.stdout
    assert "2.1.a" not in result.stdout


def test_english(cli, tmp_path):
    result = cli(["requirements", "2.2.d", "--lang", "en", "--format", "markdown"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "**2.2.d. Pages and series kept up; coordination with central bodies** — press agencies" in result.stdout


def test_unknown_id_and_format_exit_2(cli, tmp_path):
    result = cli(["requirements", "4.1"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "Không có yêu cầu “4.1”" in result.stderr
    result = cli(["requirements", "--format", "csv"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "table, json, markdown" in result.stderr
