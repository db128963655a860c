"""`dxtrack status [UNIT]` through the real CLI: the matrix, one unit, every format, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import SETTINGS
from test_rules import PRESS, channel, event, plan, product, report, repo_files

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BANNER = "DỮ LIỆU MINH HỌA — dữ liệu minh họa, không phải số liệu thật"

UNITS = """\
units:
  - id: dai-truyen-hinh-viet-nam
    name: Đảng ủy Đài Truyền hình Việt Nam
    kind: press
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
    kind: ministry
  - id: bo-khoa-hoc-va-cong-nghe
    name: Đảng ủy Bộ Khoa học và Công nghệ
    kind: ministry
  - id: tap-doan-than
    name: Đảng ủy Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam
    kind: enterprise
    until: 2025-11-30
    moved_to: Đảng ủy Bộ Tài chính
"""

TASKS = [{"id": "t1", "title": "Hội nghị quán triệt", "owner": "Ban Tuyên giáo", "due": "2025-09-15"},
         {"id": "t2", "title": "Tọa đàm chuyển đổi số", "owner": "Văn phòng", "due": "2025-10-15"},
         {"id": "t3", "title": "Tổng kết", "due": "2026-01-15"}]


@pytest.fixture
def repo(make_repo):
    """Four units: Bộ Y tế active with a plan and a gap in October, VTV, an empty ministry,
    and an enterprise transferred on 30/11/2025 with a record after that."""
    records = [
        event(date="2025-08-25", audiences=["leaders", "party_members", "workers"], plan_task="t1"),
        product("infographic", "2025-09-10", ["online_press", "website"], audiences=["citizens"]),
        channel(started="2025-09-01", cadence_days=7, updates=["2025-09-08", "2025-11-20"]),
        event(kind="talkshow", date="2025-11-25", mode="online", unit=PRESS, leaders=["Lãnh đạo Ban Chỉ đạo"]),
        event(date="2025-09-01", unit="tap-doan-than"),
        event(date="2025-12-05", unit="tap-doan-than", kind="training"),
        report("2025-12-10", unit="tap-doan-than"),
    ]
    return make_repo(repo_files(records, [plan(tasks=TASKS, number="12-KH/ĐU", issued="2025-08-22")]),
                     units=UNITS)


def run(cli, *args):
    return cli(["status", *map(str, args)])


@pytest.mark.parametrize("as_of", ["2025-08-30", "2025-11-25", "2025-12-31", "2026-02-01"])
def test_the_same_with_the_one_phase_written_out(cli, repo, as_of):
    """A repo without `phases` behaves as one with its one phase written out (SPEC §2.1.1)."""
    plain = run(cli, "--repo", repo, "--as-of", as_of, "--format", "json").stdout
    settings = repo / "dxtrack.yaml"
    text = settings.read_text(encoding="utf-8")
    written = text.replace("phase_end: 2025-12-31\nreport_due: [2025-12-15]\n",
                           'phases:\n  - id: "2025"\n    to: 2025-12-31\n    report_due: [2025-12-15]\n')
    assert written != text
    settings.write_text(written, encoding="utf-8")
    assert run(cli, "--repo", repo, "--as-of", as_of, "--format", "json").stdout == plain


def test_matrix_in_80_columns(cli, repo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run(cli, "--repo", repo, "--as-of", "2025-11-25")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Tình hình thực hiện Công văn 380-CV/ĐU — đến ngày 25/11/2025"
    assert BANNER not in result.stdout
    assert "\x1b[" not in result.stdout                      # NO_COLOR: plain text
    assert max(cell_len(line) for line in lines) <= 80
    header = next(i for i, line in enumerate(lines) if line.startswith("Đơn vị"))
    assert lines[header - 1].split() == ["1", "2.1", "2.2", "3"]
    assert lines[header].split() == ["Đơn", "vị", "1", "2", "3", "4", *"abcdefghi", *"abcd", *"abcde",
                                     "Điểm", "Lần", "cuối"]
    rows = lines[header + 1:header + 5]
    # Vietnamese alphabetical order of name, "Đảng ủy" dropped, long names shortened
    assert [r[:16].rstrip() for r in rows] == ["Bộ KH&CN", "Bộ Y tế", "Đài THVN", "TĐ CN Than - Kh…"]
    assert rows[1].endswith("20/11/2025")
    assert "· · · ·" in rows[1]                                # 2.2.* n/a for a ministry


def test_matrix_row_symbols_match_json(cli, repo):
    table = run(cli, "--repo", repo, "--as-of", "2025-11-25").stdout.splitlines()
    data = json.loads(run(cli, "--repo", repo, "--as-of", "2025-11-25", "--format", "json").stdout)
    symbols = {"met": "✓", "partial": "◐", "missing": "✗", "not_due": "⏳", "n/a": "·"}
    for unit, line in zip(data["units"], [line for line in table if line.startswith(("Bộ", "Đài", "TĐ"))]):
        expected = "".join(symbols[r["status"]] for r in unit["requirements"].values())
        assert "".join(ch for ch in line if ch in "✓◐✗⏳·") == expected
        assert line.split()[-2] == str(unit["score"])


def test_transferred_listed_apart(cli, repo):
    result = run(cli, "--repo", repo, "--as-of", "2025-12-31")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Đã chuyển (1)" in out
    assert "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam — đã chuyển sang Đảng ủy Bộ Tài chính từ 30/11/2025" \
        in " ".join(out.split())
    assert "TĐ CN Than" not in out                             # not a row of the matrix
    assert "3 đơn vị đang theo dõi" in out
    data = json.loads(run(cli, "--repo", repo, "--as-of", "2025-12-31", "--format", "json").stdout)
    moved = next(u for u in data["units"] if u["id"] == "tap-doan-than")
    assert moved["state"] == "transferred" and moved["score"] is None and moved["requirements"] == {}
    # the training of 05/12 and the report of 10/12 came after `until`: not counted
    assert moved["counts"] == {"event": 1, "product": 0, "channel": 0, "report": 0}
    assert moved["last_activity"] == "2025-09-01"


def test_before_until_the_unit_is_scored(cli, repo):
    data = json.loads(run(cli, "--repo", repo, "--as-of", "2025-11-30", "--format", "json").stdout)
    unit = next(u for u in data["units"] if u["id"] == "tap-doan-than")
    assert unit["state"] == "active" and isinstance(unit["score"], int)
    assert unit["requirements"]["3.a"]["status"] == "met"


def test_json_is_exactly_spec_4(cli, repo):
    result = run(cli, "--repo", repo, "--as-of", "2025-11-25", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["as_of", "directive", "sample", "phase", "requirements", "units"]
    assert data["as_of"] == "2025-11-25" and data["directive"] == "380-CV/ĐU" and data["sample"] is False
    # no `phases` in its dxtrack.yaml: the one default phase (SPEC §2.1.1)
    assert data["phase"] == {"id": "2025", "name": "Giai đoạn 2025", "from": "2025-08-18", "to": "2025-12-31"}
    assert data["requirements"][0] == {"id": "1.1", "title": "Quán triệt đến cấp ủy, đảng viên, người lao động",
                                       "binds": "all"}
    assert [u["id"] for u in data["units"]] == ["bo-khoa-hoc-va-cong-nghe", "bo-y-te", PRESS, "tap-doan-than"]
    unit = data["units"][1]
    assert list(unit) == ["id", "name", "kind", "state", "score", "last_activity", "counts", "requirements"]
    assert unit["counts"] == {"event": 1, "product": 1, "channel": 1, "report": 0}
    assert unit["last_activity"] == "2025-11-20"
    assert list(unit["requirements"]) == [r["id"] for r in data["requirements"]]
    assert unit["requirements"]["1.1"] == {"status": "met", "reasons": []}
    # record dates 25/08, 01/09, 08/09, 10/09, 20/11: the longest gap is 10/09 → 20/11
    assert unit["requirements"]["3.c"] == {"status": "missing", "reasons": [
        {"code": "gap_too_long", "params": {"days": 71, "from": "2025-09-10", "to": "2025-11-20", "max": 30},
         "text": "Có 71 ngày liền không có hoạt động (10/09/2025 – 20/11/2025); tối đa 30 ngày."}]}


def _without_words(data):
    """The status JSON with every `text` and catalog `title` taken out."""
    if isinstance(data, dict):
        return {k: _without_words(v) for k, v in data.items() if k not in ("text", "title")}
    if isinstance(data, list):
        return [_without_words(v) for v in data]
    return data


def test_json_is_the_same_in_both_languages_but_for_words(cli, repo):
    """Reasons are data: only `text` and the catalog titles change with --lang."""
    vi, en = (json.loads(run(cli, "--repo", repo, "--as-of", "2025-11-25", "--format", "json",
                             "--lang", lang).stdout) for lang in ("vi", "en"))
    assert _without_words(vi) == _without_words(en)
    reasons = [(r["code"], r["text"]) for u in vi["units"] for s in u["requirements"].values() for r in s["reasons"]]
    english = [(r["code"], r["text"]) for u in en["units"] for s in u["requirements"].values() for r in s["reasons"]]
    assert len(reasons) > 20 and [c for c, _ in reasons] == [c for c, _ in english]
    assert all(a != b for (_, a), (_, b) in zip(reasons, english))   # every text is worded again
    assert vi["requirements"][0]["title"] != en["requirements"][0]["title"]


def test_default_as_of_is_the_phase_end_once_it_has_passed(cli, repo):
    data = json.loads(run(cli, "--repo", repo, "--format", "json").stdout)
    assert data["as_of"] == "2025-12-31"                       # today is later than phase_end


def test_csv_one_row_per_unit(cli, repo):
    result = run(cli, "--repo", repo, "--as-of", "2025-12-31", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:11] == ["id", "name", "kind", "state", "score", "last_activity",
                            "event", "product", "channel", "report", "left_out"]
    assert rows[0][11:] == [r["id"] for r in json.loads(
        run(cli, "--repo", repo, "--format", "json").stdout)["requirements"]]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["tap-doan-than"][3:5] == ["transferred", ""]
    assert by_id["bo-y-te"][11] == "met" and by_id["bo-y-te"][24] == "n/a"


def test_markdown_matrix(cli, repo):
    result = run(cli, "--repo", repo, "--as-of", "2025-11-25", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "## Tình hình thực hiện Công văn 380-CV/ĐU — đến ngày 25/11/2025"
    assert lines[2] == "Giai đoạn 2025 (18/08/2025 – 31/12/2025)"
    assert lines[4].startswith("| Đơn vị | 1.1 | 1.2 |") and lines[4].endswith("| Điểm | Lần cuối |")
    assert any(line.startswith("| Bộ Y tế | ✓ |") and line.endswith("| 20/11/2025 |") for line in lines)


# ---------------------------------------------------------------- one unit

def test_unit_detail(cli, repo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run(cli, "bo-y-te", "--repo", repo, "--as-of", "2025-11-25")
    assert result.exit_code == 0, result.output
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "Đảng ủy Bộ Y tế (bo-y-te) — đến ngày 25/11/2025"
    assert max(cell_len(line) for line in lines) <= 80
    assert "✓  1.1   Quán triệt đến cấp ủy, đảng viên, người lao động" in lines
    assert "         Chưa có biểu dương, nhân rộng mô hình." in lines
    assert "·  2.2.a Kế hoạch chuyên biệt, trên mọi loại hình báo chí và nền tảng số" in lines
    # tasks: done, overdue, upcoming
    assert "Nhiệm vụ trong kế hoạch 12-KH/ĐU (22/08/2025)" in lines
    assert "✓  t1 15/09/2025 Hội nghị quán triệt — đã thực hiện 25/08/2025" in lines
    assert "✗  t2 15/10/2025 Tọa đàm chuyển đổi số — QUÁ HẠN, chưa có hoạt động" in lines
    assert "⏳ t3 15/01/2026 Tổng kết — chưa đến hạn" in lines
    # the month strip: October is empty, and shows as such
    strip = lines.index("Hoạt động theo tháng (số lần ghi nhận; ·· là tháng trống)")
    assert lines[strip + 1].split() == ["08/25", "09/25", "10/25", "11/25"]
    assert lines[strip + 2].split()[2] == "··"
    assert lines[strip + 3].split() == ["1", "3", "0", "1"]


@pytest.mark.parametrize("query", ["bo-y", "Bộ Y tế", "bo y te", "ĐẢNG ỦY BỘ Y TẾ"])
def test_unit_by_prefix_or_name(cli, repo, query):
    result = run(cli, query, "--repo", repo, "--as-of", "2025-11-25", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [u["id"] for u in json.loads(result.stdout)["units"]] == ["bo-y-te"]


def test_unknown_unit_suggests(cli, repo):
    result = run(cli, "bo-yte", "--repo", repo)
    assert result.exit_code == 2
    assert result.stderr == "Lỗi: Không có đơn vị \"bo-yte\" trong units.yaml. Có phải ý bạn là “bo-y-te”?\n"
    result = run(cli, "bo", "--repo", repo)
    assert result.exit_code == 2
    assert "khớp với nhiều đơn vị: bo-khoa-hoc-va-cong-nghe, bo-y-te" in result.stderr


def test_unit_without_plan_and_transferred_unit(cli, repo):
    result = run(cli, "bo-khoa", "--repo", repo, "--as-of", "2025-12-31")
    assert result.exit_code == 0, result.output
    assert "Chưa có kế hoạch truyền thông (plans/bo-khoa-hoc-va-cong-nghe.yaml)." in result.stdout
    assert "✗  3.a   Triển khai ngay sau khi nhận văn bản" in result.stdout
    result = run(cli, "tap-doan-than", "--repo", repo, "--as-of", "2025-12-31")
    assert result.exit_code == 0, result.output
    assert "đã chuyển sang Đảng ủy Bộ Tài chính từ 30/11/2025; không chấm điểm." in " ".join(result.stdout.split())
    assert "1.1" not in result.stdout


def test_unit_markdown_csv_json(cli, repo):
    md = run(cli, "bo-y-te", "--repo", repo, "--as-of", "2025-11-25", "--format", "markdown").stdout
    assert "| ✗ t2 | 15/10/2025 | Tọa đàm chuyển đổi số | QUÁ HẠN, chưa có hoạt động |" in md
    assert "| ✗ chưa đạt | 3.c Duy trì thường xuyên, liên tục |" in md
    rows = list(csv.reader(io.StringIO(run(cli, "bo-y-te", "--repo", repo, "--as-of", "2025-11-25",
                                           "--format", "csv").stdout)))
    assert rows[0] == ["unit", "requirement", "title", "status", "reasons"]
    assert len(rows) == 23 and rows[1][:2] == ["bo-y-te", "1.1"]


def test_english(cli, repo):
    result = run(cli, "bo-y-te", "--repo", repo, "--as-of", "2025-11-25", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Tasks of plan 12-KH/ĐU (22/08/2025)" in result.stdout
    assert "         No commendation yet." in result.stdout.splitlines()
    assert "✗  t2 15/10/2025 Tọa đàm chuyển đổi số — OVERDUE, nothing recorded" in result.stdout.splitlines()


# ---------------------------------------------------------------- sample, left out, errors

def test_sample_banner_in_every_human_format(cli, make_repo):
    root = make_repo(settings=SETTINGS.replace("sample: false", "sample: true"))
    table = run(cli, "--repo", root, "--as-of", "2025-10-01").stdout
    assert table.splitlines()[0].strip() == BANNER
    unit = run(cli, "bo-y-te", "--repo", root, "--as-of", "2025-10-01").stdout
    assert unit.splitlines()[0].strip() == BANNER
    md = run(cli, "--repo", root, "--as-of", "2025-10-01", "--format", "markdown").stdout
    assert md.splitlines()[0] == f"> **{BANNER}**"
    data = json.loads(run(cli, "--repo", root, "--format", "json").stdout)
    assert data["sample"] is True


def test_left_out_records_are_counted_and_shown(cli, make_repo):
    bad = "type: event\nunit: bo-y-te\nkind: dissemination\ntitle: x\ndate: 2025-09-31\nmode: in_person\n"
    root = make_repo({**repo_files([event(date="2025-09-01")]), "activities/bo-y-te/2025-09-31-x.yaml": bad})
    table = run(cli, "--repo", root, "--as-of", "2025-10-01")
    assert table.exit_code == 0, table.output
    assert "1 tệp dữ liệu có lỗi hoặc đặt sai chỗ không được tính — chạy `dxtrack check` để xem." in table.stdout
    unit = run(cli, "bo-y-te", "--repo", root, "--as-of", "2025-10-01").stdout
    assert "1 tệp dữ liệu có lỗi hoặc đặt sai chỗ không được tính — chạy `dxtrack check`." in unit
    rows = list(csv.reader(io.StringIO(run(cli, "--repo", root, "--as-of", "2025-10-01", "--format", "csv").stdout)))
    assert {r[0]: r[10] for r in rows[1:]} == {"bo-y-te": "1", PRESS: "0"}


@pytest.mark.parametrize("broken", ["dxtrack.yaml", "units.yaml"])
def test_broken_settings_or_units_exit_2(cli, make_repo, broken):
    root = make_repo({broken: "organization: [unclosed\n"})
    result = run(cli, "--repo", root)
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: Không đọc được {broken}; chạy `dxtrack check` để xem lỗi.\n"


def test_bad_options_exit_2(cli, repo):
    result = run(cli, "--repo", repo, "--as-of", "31/02/2025")
    assert result.exit_code == 2 and "--as-of \"31/02/2025\" không phải là ngày hợp lệ" in result.stderr
    result = run(cli, "--repo", repo, "--format", "xml")
    assert result.exit_code == 2 and "table, json, csv, markdown" in result.stderr
    result = run(cli, "--repo", repo.parent / "nowhere")
    assert result.exit_code == 2 and "Không tìm thấy kho theo dõi" in result.stderr


def test_sample_repo_of_this_project_reads_in_80_columns(cli, monkeypatch):
    """The project's own sample data: banner, every active unit scored, a spread of results."""
    monkeypatch.setenv("COLUMNS", "80")
    result = run(cli, "--repo", PROJECT_ROOT)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == BANNER
    assert max(cell_len(line) for line in lines) <= 80
    data = json.loads(run(cli, "--repo", PROJECT_ROOT, "--format", "json").stdout)
    scores = [u["score"] for u in data["units"] if u["state"] == "active"]
    assert all(isinstance(s, int) for s in scores)
    assert max(scores) - min(scores) >= 30                      # some lead, some lag behind
    first = data["units"][0]["id"]
    detail = run(cli, first, "--repo", PROJECT_ROOT)
    assert detail.exit_code == 0 and max(cell_len(line) for line in detail.stdout.splitlines()) <= 80


def test_csv_never_gives_a_spreadsheet_a_formula(cli, make_repo):
    """A unit name a spreadsheet would run (=HYPERLINK(...)) is written as text (issue 14)."""
    import csv as csv_module
    import io

    units = ('units:\n  - id: bo-y-te\n    name: "=HYPERLINK(\\"http://x\\",\\"Đảng ủy Bộ Y tế\\")"\n'
             '    kind: ministry\n  - id: bo-xay-dung\n    name: "-Đảng ủy Bộ Xây dựng"\n    kind: ministry\n')
    root = make_repo(units=units)
    result = run(cli, "--repo", root, "--as-of", "2025-11-25", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv_module.reader(io.StringIO(result.stdout)))
    names = sorted(row[1] for row in rows[1:])
    assert names == ["'-Đảng ủy Bộ Xây dựng", "'=HYPERLINK(\"http://x\",\"Đảng ủy Bộ Y tế\")"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
