"""`dxtrack check` through the real CLI: every bad input of SPEC §5, output formats, exit codes."""

from __future__ import annotations

import base64
import json
import os
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from test_loader import encode_as  # tests/ is on sys.path (rootdir conftest)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "findings.md"
# bad_inputs.yaml, and bad_inputs_<topic>.yaml beside it: one table of cases
CASES = [case for path in sorted(FIXTURES.glob("bad_inputs*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []]

GOOD_EVENT = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt Kế hoạch 02
date: 2025-09-05
mode: in_person
"""
EVENT_PATH = "activities/bo-y-te/2025-09-05-hoi-nghi.yaml"
DUP_A = "activities/bo-y-te/2025-09-05-a.yaml"
DUP_B = "activities/bo-y-te/2025-09-05-b.yaml"


def case_bytes(case: dict) -> bytes:
    if "content_b64" in case:
        return base64.b64decode(case["content_b64"])
    raw = encode_as(case["content"], case.get("encoding", "utf-8"))
    while len(raw) < case.get("pad_to", 0):
        raw += b"# " + b"x" * 1000 + b"\n"
    return raw


def build_case(make_repo, case: dict) -> Path:
    files = {path: textwrap.dedent(text) for path, text in (case.get("files") or {}).items()}
    if "content" in case or "content_b64" in case:  # else `path` is made by `symlinks`
        files[case["path"]] = case_bytes(case)
    root = make_repo(files)
    (root.parent / "outside.pdf").write_text("ngoài kho", encoding="utf-8")
    for link, target in (case.get("symlinks") or {}).items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / link)
    return root


def run_json(cli, root: Path, *args: str, lang: str | None = None):
    extra = ["--lang", lang] if lang else []
    result = cli(["check", "--format", "json", "--repo", root, *extra, *args])
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(cli, make_repo, case):
    root = build_case(make_repo, case)
    result, body = run_json(cli, root, lang=case.get("lang"))
    mine = [f for f in body["findings"] if f["file"] == case["path"]]
    got = sorted([f["code"], f["line"], f["column"]][:len(e)] for f, e in _paired(mine, case["expected"]))
    assert got == sorted(case["expected"]) and len(mine) == len(case["expected"]), mine
    others = sorted([f["file"], f["code"], f["line"]] for f in body["findings"] if f["file"] != case["path"])
    assert others == sorted(case.get("others", [])), others
    assert result.exit_code == case["exit"], result.output
    assert body["ok"] is (case["exit"] == 0)
    text = " ".join(f["message"] for f in mine)
    for words in case.get("says", []):
        assert words in text, text


def _paired(found: list[dict], expected: list[list]):
    """Each finding with the expected entry of the same code and line (for the column rule)."""
    pool = list(expected)
    for f in sorted(found, key=lambda f: (f["code"], f["line"], f["column"])):
        match = next((e for e in pool if e[:2] == [f["code"], f["line"]]), [f["code"], f["line"], f["column"]])
        if match in pool:
            pool.remove(match)
        yield f, match


def test_every_code_is_documented_translated_and_triggered():
    from dxtrack.check.findings import CODES
    from dxtrack.i18n import t_in
    from dxtrack.i18n.findings import MESSAGES

    docs = DOCS.read_text(encoding="utf-8")
    triggered = {e[0] for c in CASES for e in c["expected"]} | {o[1] for c in CASES for o in c.get("others", [])}
    for code, (severity, _meaning) in CODES.items():
        row = re.search(rf"^\| `{code}` \| (\w+) \|", docs, re.M)
        assert row and row.group(1) == str(severity), code
        vi, en = MESSAGES[code]
        assert vi and en and vi != en or code in ("DX212", "DX307"), code
        assert t_in("vi", code) != code
        assert code in triggered or code in ("DX001", "DX115"), code  # DX115: tests/cli/test_qa.py
    assert set(re.findall(r"`(DX\d{3})`", docs)) == set(CODES)


# ---- three problems, each at its own line -------------------------------------------------

THREE = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt
date: 2025-02-31
mode: in_person
participants: nhiều
topic: [plan02]
"""


def test_three_problems_three_lines_in_text(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE})
    result = cli(["check", "--repo", root])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        f"{EVENT_PATH}:5:1: lỗi DX205 Ngày \"2025-02-31\" không hợp lệ; tháng 2 năm 2025 chỉ có 28 ngày.",
        f"{EVENT_PATH}:7:1: lỗi DX203 Trường \"participants\" phải là một số nguyên.",
        f"{EVENT_PATH}:8:1: lỗi DX201 Trường \"topic\" không có trong mẫu hoạt động (event). "
        "Có phải ý bạn là \"topics\"?",
    ]
    assert lines[3] == "3 lỗi, 0 cảnh báo trong 3 tệp."
    assert len(lines) == 4


def test_every_missing_field_is_its_own_finding(cli, make_repo):
    # three missing fields sit at one spot (the top of the file): still three findings
    root = make_repo({EVENT_PATH: "type: event\nunit: bo-y-te\ntitle: Hội nghị quán triệt\n"})
    result, body = run_json(cli, root)
    assert result.exit_code == 1
    assert [(f["file"], f["line"], f["column"], f["code"]) for f in body["findings"]] == [
        (EVENT_PATH, 1, 1, "DX202")] * 3
    named = [re.findall(r'"(\w+)"', f["message"]) for f in body["findings"]]
    assert sorted(named) == [["date"], ["kind"], ["mode"]]


# ---- formats ---------------------------------------------------------------------------------


def test_json_shape(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE, "activities/bo-y-te/ghi-chu.txt": "x"})
    result, body = run_json(cli, root)
    assert result.exit_code == 1
    assert list(body) == ["ok", "files", "findings"]
    assert body["ok"] is False and body["files"] == 4
    for f in body["findings"]:
        assert list(f) == ["file", "line", "column", "code", "severity", "message"]
        assert not os.path.isabs(f["file"]) and "\\" not in f["file"]
    assert [(f["file"], f["code"], f["severity"]) for f in body["findings"]] == [
        (EVENT_PATH, "DX205", "error"), (EVENT_PATH, "DX203", "error"), (EVENT_PATH, "DX201", "error"),
        ("activities/bo-y-te/ghi-chu.txt", "DX002", "warning"),
    ]


def test_json_clean_repo(cli, make_repo):
    result, body = run_json(cli, make_repo({EVENT_PATH: GOOD_EVENT}))
    assert result.exit_code == 0
    assert body == {"ok": True, "files": 3, "findings": []}


def test_text_clean_repo(cli, make_repo):
    result = cli(["check", "--repo", make_repo({EVENT_PATH: GOOD_EVENT})])
    assert (result.exit_code, result.stdout) == (0, "Không có lỗi trong 3 tệp.\n")


HOSTILE_TITLE = 'Tăng 100% \\"x\\"\\r\\n::error::x, a:b'  # YAML escapes: a real CR LF in the title
HOSTILE_NAME = "activities/bo-y-te/100%,a:b\n::error::x.txt"


def _hostile_repo(make_repo) -> Path:
    record = GOOD_EVENT.replace("title: Hội nghị quán triệt Kế hoạch 02", f'title: "{HOSTILE_TITLE}"')
    return make_repo({DUP_A: record, DUP_B: record, HOSTILE_NAME: "x"})


def test_github_chosen_inside_actions(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE})
    result = cli(["check", "--repo", root], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0] == (f"::error file={EVENT_PATH},line=5,col=1,title=dxtrack DX205::"
                        "Ngày \"2025-02-31\" không hợp lệ; tháng 2 năm 2025 chỉ có 28 ngày.")
    text = cli(["check", "--repo", root, "--format", "text"], env={"GITHUB_ACTIONS": "true"})
    assert text.stdout.startswith(f"{EVENT_PATH}:5:1: lỗi DX205")


def test_github_escaping_never_makes_a_second_command(cli, make_repo):
    root = _hostile_repo(make_repo)
    result = cli(["check", "--repo", root, "--format", "github"])
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == 3 and "\r" not in result.stdout
    for line in lines:
        assert line.startswith(("::error ", "::warning ")), line
        assert line.count("::") == 2, line
    stray = next(line for line in lines if "DX002" in line)
    assert stray.startswith("::warning file=activities/bo-y-te/100%25%2Ca%3Ab%0A%3A%3Aerror%3A%3Ax.txt,line=1,")
    # the title's CR LF is itself refused (a control character), at the title's line
    control = sorted(line for line in lines if "DX116" in line)
    assert [c.split("::")[1].split(",title")[0] for c in control] == [
        "error file=activities/bo-y-te/2025-09-05-a.yaml,line=4,col=1",
        "error file=activities/bo-y-te/2025-09-05-b.yaml,line=4,col=1"]


def test_github_escaping_of_message_text():
    from dxtrack.render.findings import escape_data, escape_property

    assert escape_data("100% \r\n::error::x, a:b") == "100%25 %0D%0A::error::x, a:b"
    assert escape_property("100% \r\n::error::x, a:b") == "100%25 %0D%0A%3A%3Aerror%3A%3Ax%2C a%3Ab"


def test_github_message_with_newline_is_escaped(cli, make_repo):
    # a finding message that carries the user's text: an unknown code with a newline in it
    record = GOOD_EVENT.replace("mode: in_person", 'mode: "trực\\r\\n::error::tiếp 100%"')
    root = make_repo({EVENT_PATH: record})
    result = cli(["check", "--repo", root, "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.split("\n")[:-1]
    assert len(lines) == 1
    assert lines[0].startswith(f"::error file={EVENT_PATH},line=6,col=1,title=dxtrack DX204::")
    # the user's CR LF is shown (escaped once, for every format), and % is escaped for the toolkit
    assert "\"trực\\r\\n::error::tiếp 100%25\"" in lines[0]


def test_sarif_shape(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE, "activities/bo-y-te/ghi-chu.txt": "x"})
    result = cli(["check", "--repo", root, "--format", "sarif"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "dxtrack"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["DX002", "DX201", "DX203", "DX205"]
    got = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert got == [("DX205", "error", EVENT_PATH, 5), ("DX203", "error", EVENT_PATH, 7),
                   ("DX201", "error", EVENT_PATH, 8), ("DX002", "warning", "activities/bo-y-te/ghi-chu.txt", 1)]
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"]
        assert r["message"]["text"]


def test_sarif_validates_against_its_schema_subset(cli, make_repo):
    jsonschema = pytest.importorskip("jsonschema")
    schema = {
        "type": "object", "required": ["version", "runs"],
        "properties": {"version": {"const": "2.1.0"}, "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool", "results"],
            "properties": {"tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                "type": "object", "required": ["name"]}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["ruleId", "level", "message", "locations"],
                    "properties": {"level": {"enum": ["none", "note", "warning", "error"]},
                                   "message": {"type": "object", "required": ["text"]},
                                   "locations": {"type": "array", "minItems": 1, "items": {
                                       "type": "object", "required": ["physicalLocation"],
                                       "properties": {"physicalLocation": {
                                           "type": "object", "required": ["artifactLocation", "region"],
                                           "properties": {"region": {
                                               "type": "object", "required": ["startLine"],
                                               "properties": {"startLine": {"type": "integer",
                                                                            "minimum": 1}}}}}}}}}}}}}}},
    }
    result = cli(["check", "--repo", make_repo({EVENT_PATH: THREE}), "--format", "sarif"])
    jsonschema.validate(json.loads(result.stdout), schema)


def test_gitlab_code_quality_shape(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE, "activities/bo-y-te/ghi-chu.txt": "x"})
    result = cli(["check", "--repo", root, "--format", "gitlab"])
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
            for i in issues] == [("DX205", "major", EVENT_PATH, 5), ("DX203", "major", EVENT_PATH, 7),
                                 ("DX201", "major", EVENT_PATH, 8),
                                 ("DX002", "minor", "activities/bo-y-te/ghi-chu.txt", 1)]
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_clean_is_an_empty_list(cli, make_repo):
    result = cli(["check", "--repo", make_repo(), "--format", "gitlab"])
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_output_is_deterministic(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE, "plans/bo-khong-co.yaml": "unit: bo-khong-co\ntitle: X\n"})
    first = cli(["check", "--repo", root, "--format", "sarif"]).stdout
    assert cli(["check", "--repo", root, "--format", "sarif"]).stdout == first


# ---- exit codes ---------------------------------------------------------------------------------


def test_warnings_only_exit_zero(cli, make_repo):
    root = make_repo({EVENT_PATH: b"\xef\xbb\xbf" + GOOD_EVENT.encode()})
    result = cli(["check", "--repo", root])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{EVENT_PATH}:1:1: cảnh báo DX112 Tệp bắt đầu bằng dấu BOM; nên lưu lại dạng UTF-8 không BOM.",
        "0 lỗi, 1 cảnh báo trong 3 tệp.",
    ]


def test_bad_format_is_usage_error(cli, make_repo):
    result = cli(["check", "--repo", make_repo(), "--format", "xml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "\"xml\"" in result.stderr and "text, json, github, gitlab, sarif" in result.stderr


def test_no_repo_found_is_usage_error(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli(["check"], cwd=empty)
    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi: Không tìm thấy kho theo dõi")
    assert "Traceback" not in result.output


def test_repo_found_from_a_subfolder(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE})
    result = cli(["check", "--format", "json"], cwd=root / "activities" / "bo-y-te")
    assert result.exit_code == 1
    assert {f["file"] for f in json.loads(result.stdout)["findings"]} == {EVENT_PATH}


def test_path_outside_repo_is_usage_error(cli, make_repo, tmp_path):
    root = make_repo()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    result = cli(["check", "--repo", root, outside])
    assert result.exit_code == 2
    assert "elsewhere.yaml" in result.stderr
    missing = cli(["check", "--repo", root, root / "activities" / "khong-co.yaml"])
    assert missing.exit_code == 2


def test_missing_units_file(cli, make_repo):
    root = make_repo()
    (root / "units.yaml").unlink()
    result, body = run_json(cli, root)
    assert result.exit_code == 1
    assert [(f["file"], f["line"], f["code"]) for f in body["findings"]] == [("units.yaml", 1, "DX001")]


def test_broken_settings_still_checks_everything(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE, "dxtrack.yaml": "organization: [\n"})
    result, body = run_json(cli, root)
    assert result.exit_code == 1
    assert [(f["file"], f["code"]) for f in body["findings"]] == [
        (EVENT_PATH, "DX205"), (EVENT_PATH, "DX203"), (EVENT_PATH, "DX201"), ("dxtrack.yaml", "DX101")]


# ---- check PATH -------------------------------------------------------------------------------------


def test_check_path_keeps_cross_file_rules(cli, make_repo):
    root = make_repo({DUP_A: GOOD_EVENT, DUP_B: GOOD_EVENT, EVENT_PATH: THREE})
    _, whole = run_json(cli, root)
    assert sorted((f["file"], f["code"]) for f in whole["findings"]) == [
        (DUP_B, "DX304"), (EVENT_PATH, "DX201"), (EVENT_PATH, "DX203"), (EVENT_PATH, "DX205")]
    result, only_b = run_json(cli, root, root / DUP_B)
    assert result.exit_code == 1
    assert [(f["file"], f["line"], f["code"]) for f in only_b["findings"]] == [(DUP_B, 4, "DX304")]
    assert DUP_A in only_b["findings"][0]["message"]
    result, only_a = run_json(cli, root, root / DUP_A)
    assert (result.exit_code, only_a["findings"], only_a["ok"]) == (0, [], True)


def test_check_path_relative_to_cwd_and_folders(cli, make_repo):
    root = make_repo({DUP_A: GOOD_EVENT, DUP_B: GOOD_EVENT, "plans/bo-khong-co.yaml": "unit: bo-khong-co\ntitle: X\n"})
    result = cli(["check", "--format", "json", "b.yaml".join(["2025-09-05-", ""])], cwd=root / "activities" / "bo-y-te")
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["DX304"]
    result = cli(["check", "--format", "json", "plans"], cwd=root)
    assert [(f["file"], f["code"]) for f in json.loads(result.stdout)["findings"]] == [
        ("plans/bo-khong-co.yaml", "DX301")]
    result = cli(["check", "--format", "json", "."], cwd=root)
    assert len(json.loads(result.stdout)["findings"]) == 2


def test_check_path_plan_task_needs_the_plan(cli, make_repo):
    record = GOOD_EVENT + "plan_task: t2\n"
    plan = "unit: bo-y-te\ntitle: Kế hoạch\ntasks:\n  - id: t1\n    title: Quán triệt\n"
    root = make_repo({EVENT_PATH: record, "plans/bo-y-te.yaml": plan})
    result, body = run_json(cli, root, root / EVENT_PATH)
    assert [(f["line"], f["code"]) for f in body["findings"]] == [(7, "DX303")]
    (root / "plans" / "bo-y-te.yaml").write_text(plan.replace("t1", "t2"), encoding="utf-8")
    result, body = run_json(cli, root, root / EVENT_PATH)
    assert (result.exit_code, body["findings"]) == (0, [])


# ---- language ---------------------------------------------------------------------------------------


def test_lang_en_option(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE})
    result = cli(["check", "--repo", root, "--lang", "en"])
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{EVENT_PATH}:5:1: error DX205 Date \"2025-02-31\" is not valid; "
                        "February 2025 has only 28 days.")
    assert lines[2] == (f"{EVENT_PATH}:8:1: error DX201 Field \"topic\" is not part of the event format. "
                        "Did you mean \"topics\"?")
    assert lines[-1] == "3 error(s), 0 warning(s) in 3 file(s)."


def test_lang_en_global_option(cli, make_repo):
    result = cli(["--lang", "en", "check", "--repo", make_repo({EVENT_PATH: THREE})])
    assert result.stdout.splitlines()[-1] == "3 error(s), 0 warning(s) in 3 file(s)."


def test_dxtrack_lang_env(cli, make_repo):
    root = make_repo({EVENT_PATH: THREE})
    result = cli(["check", "--repo", root, "--format", "json"], env={"DXTRACK_LANG": "en"})
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert messages[1] == "Field \"participants\" must be a whole number."
    vi = cli(["check", "--repo", root, "--format", "json"])
    assert json.loads(vi.stdout)["findings"][1]["message"] == "Trường \"participants\" phải là một số nguyên."


def test_usage_errors_in_english(cli, make_repo):
    result = cli(["check", "--repo", make_repo(), "--format", "xml"], env={"DXTRACK_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Format \"xml\" does not exist")
