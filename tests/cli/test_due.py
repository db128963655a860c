"""`dxtrack due` through the real CLI: the table (Vietnamese, English, 80 columns, the sample
banner, an empty list), JSON (the same in both languages but for its words), the calendar
(parsed back with icalendar: one all-day event per item, UIDs unique and the same across
exports, languages and a moved due date), `-o` (atomic, never over a file without --force)
and the usage errors (exit 2)."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta

import pytest
import yaml
from icalendar import Calendar
from rich.cells import cell_len

from conftest import SETTINGS
from test_rules import MINISTRY, PRESS, channel, event, plan, repo_files

TASKS = [{"id": "t1", "title": "Hội nghị quán triệt", "owner": "Ban Tuyên giáo", "due": "2025-09-15"},
         {"id": "t2", "title": "Sinh hoạt chuyên đề chi bộ về chuyển đổi số, dữ liệu số và dịch vụ công trực tuyến",
          "due": "2025-10-20"}]
REVIEWS = [{"kind": "preliminary_review", "due": "2025-10-10"}]
AS_OF = "2025-10-01"


def files(tasks=TASKS):
    kept = channel(started="2025-09-01", cadence_days=7, updates=["2025-09-08", "2025-09-22"],
                   title="Chuyên mục Chuyển đổi số")
    return repo_files([kept, event(date="2025-09-20", plan_task="t9")], [plan(tasks=tasks, reviews=REVIEWS)])


@pytest.fixture
def repo(make_repo):
    return make_repo(files())


def due(cli, root, *args: str, env: dict | None = None):
    return cli(["due", "--repo", root, "--as-of", AS_OF, *args], env=env)


def as_json(cli, root, *args: str) -> dict:
    result = due(cli, root, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def events_of(text: str) -> list:
    return list(Calendar.from_ical(text).walk("VEVENT"))


# ---------------------------------------------------------------- table

def test_table_in_vietnamese(cli, repo):
    result = due(cli, repo, "--days", "30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Việc đến hạn — Giai đoạn 2025 (18/08/2025 – 31/12/2025)"
    assert lines[1] == "Tính đến ngày 01/10/2025; việc đến hạn đến ngày 31/10/2025 (30 ngày tới)."
    assert lines[2] == "Quá hạn: 2 · Đến hạn ngày 01/10/2025: 0 · Sắp đến hạn: 2"  # --as-of is not today
    assert "Đảng ủy Bộ Y tế (bo-y-te)" in lines
    text = result.stdout
    assert "15/09/2025 quá hạn 16 ngày Nhiệm vụ t1: Hội nghị quán triệt" in text
    assert "29/09/2025 quá hạn 2 ngày" in text and "Cập nhật “Chuyên mục Chuyển đổi số”" in text
    assert "10/10/2025 còn 9 ngày" in text and "Sơ kết theo kế hoạch" in text
    assert "Ban Tuyên giáo" not in text  # a task's owner: only in one unit's list
    assert "Phụ trách: Ban Tuyên giáo" in due(cli, repo, "--unit", MINISTRY).stdout
    assert "DỮ LIỆU MINH HỌA" not in text


def test_table_in_english(cli, repo):
    result = due(cli, repo, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("What falls due — Phase 2025 (18/08/2025 – 31/12/2025)\n")
    assert "16 days overdue Task t1: Hội nghị quán triệt" in result.stdout
    assert "Planned preliminary review" in result.stdout and "in 9 days" in result.stdout
    assert "Overdue: 2 · Due on 01/10/2025: 0 · Coming up: 2" in result.stdout


def test_table_fits_80_columns(cli, repo):
    result = due(cli, repo, "--days", "90", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    assert "Sinh hoạt chuyên đề chi bộ" in result.stdout  # a long title wraps, it is not cut


def test_an_empty_list_says_so_and_the_sample_says_it_is_one(cli, make_repo):
    root = make_repo({}, settings=SETTINGS.replace("sample: false", "sample: true"))
    result = due(cli, root, "--days", "10")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].strip().startswith("DỮ LIỆU MINH HỌA")
    assert "Không có việc nào quá hạn hay đến hạn trong 10 ngày tới." in result.stdout
    one = due(cli, root, "--days", "10", "--unit", PRESS, "--lang", "en")
    assert "Đài Truyền hình Việt Nam has nothing overdue and nothing falling due in the next 10 days." in one.stdout


def test_the_phase_over_is_said_and_due_on_the_day_is_not_today(cli, make_repo):
    root = make_repo({})
    result = cli(["due", "--repo", root])  # today is after 2025: the list is as of 31/12/2025
    assert result.exit_code == 0, result.output
    assert "Giai đoạn đã kết thúc ngày 31/12/2025: danh sách tính đến ngày đó." in result.stdout
    assert "Đến hạn ngày 31/12/2025: 2" in result.stdout and "hôm nay" not in result.stdout.lower()


def test_text_from_the_files_never_reaches_the_terminal_raw(cli, make_repo):
    hostile = [{"id": "t1", "title": "Quán triệt\n::error::x\u200b", "due": "2025-09-15"}]
    root = make_repo(files(hostile))
    for fmt in ("table", "json", "ics"):
        result = due(cli, root, "--format", fmt, "--unit", MINISTRY)
        assert result.exit_code == 0, result.output
        unsafe = [c for c in result.stdout if c not in "\r\n" and unicodedata.category(c) in ("Cc", "Cf")]
        assert not unsafe, (fmt, unsafe)
        assert "::error::x" not in result.stdout.replace("\\n::error", "")  # never at the start of a line
    assert "Quán triệt\\n::error::x\\u200b" in due(cli, root).stdout


# ---------------------------------------------------------------- JSON

def test_json_is_the_same_in_both_languages_but_its_words(cli, repo):
    vi, en = as_json(cli, repo), as_json(cli, repo, "--lang", "en")
    assert list(vi) == ["as_of", "phase", "days", "until", "sample", "items"]
    assert (vi["as_of"], vi["days"], vi["until"], vi["sample"]) == ("2025-10-01", 30, "2025-10-31", False)
    assert vi["phase"] == {"id": "2025", "name": "Giai đoạn 2025", "from": "2025-08-18", "to": "2025-12-31"}
    first = vi["items"][0]
    assert first == {"unit": MINISTRY, "unit_name": "Đảng ủy Bộ Y tế", "kind": "task", "ref": "t1",
                     "title": "Nhiệm vụ t1: Hội nghị quán triệt", "due": "2025-09-15", "state": "overdue",
                     "days": -16, "params": {"title": "Hội nghị quán triệt", "owner": "Ban Tuyên giáo"}}
    assert [i["kind"] for i in vi["items"]] == ["task", "channel", "review", "task"]
    assert [i["days"] for i in vi["items"]] == [-16, -2, 9, 19]
    # a phase's name is data, as status --format json gives it: the same in every language
    assert en["items"][0]["title"] == "Task t1: Hội nghị quán triệt" and en["phase"] == vi["phase"]

    def without_words(data):
        return {**data, "items": [{**i, "title": None} for i in data["items"]]}

    assert without_words(vi) == without_words(en)


def test_json_of_an_as_of_after_the_phase_names_the_date_asked_for(cli, repo):
    found = as_json(cli, repo, "--as-of", "2026-01-15")
    assert (found["as_of"], found["as_of_requested"]) == ("2025-12-31", "2026-01-15")


# ---------------------------------------------------------------- ICS

def ics(cli, root, *args: str) -> str:
    """The calendar as written (CRLF line ends, which the runner's `stdout` would fold to LF)."""
    result = due(cli, root, "--format", "ics", "--days", "90", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def test_ics_one_all_day_event_per_item(cli, repo):
    text = ics(cli, repo)
    cal = Calendar.from_ical(text)
    assert (str(cal["VERSION"]), str(cal["CALSCALE"])) == ("2.0", "GREGORIAN")
    assert str(cal["PRODID"]).startswith("-//dxtrack//")
    assert str(cal["X-WR-CALNAME"]) == "Đảng ủy Chính phủ — Việc đến hạn — Giai đoạn 2025"
    items = as_json(cli, repo, "--days", "90")["items"]
    events = events_of(text)
    assert len(events) == len(items) == 6  # 4 of the ministry's, each unit's report; the final review is later
    for event_, item in zip(events, items, strict=True):
        start, end = event_.decoded("DTSTART"), event_.decoded("DTEND")
        assert type(start) is date and start.isoformat() == item["due"] and end == start + timedelta(days=1)
        assert "DTSTART;VALUE=DATE:" + start.strftime("%Y%m%d") in text
    assert str(events[0]["SUMMARY"]) == "[Bộ Y tế] Nhiệm vụ t1: Hội nghị quán triệt"
    assert "Phụ trách: Ban Tuyên giáo" in str(events[0]["DESCRIPTION"])
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids[0] == "task/bo-y-te/t1/2025@dang-uy-chinh-phu.dxtrack"
    assert "report/dai-truyen-hinh-viet-nam/2025-12-15/2025@dang-uy-chinh-phu.dxtrack" in uids
    assert events[0].decoded("DTSTAMP").isoformat() == "2025-10-01T00:00:00+00:00"


def test_ics_is_the_same_export_after_export_and_uids_do_not_depend_on_the_language(cli, repo):
    first, again = ics(cli, repo), ics(cli, repo, "--no-cache")
    assert first == again
    english = ics(cli, repo, "--lang", "en")
    assert [str(e["UID"]) for e in events_of(english)] == [str(e["UID"]) for e in events_of(first)]
    assert str(events_of(english)[0]["SUMMARY"]) == "[Bộ Y tế] Task t1: Hội nghị quán triệt"


def test_ics_uid_of_a_task_stays_when_its_due_date_moves_and_a_channels_when_it_is_updated(cli, make_repo):
    root = make_repo(files())
    before = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(ics(cli, root))}
    moved = [{**TASKS[0], "due": "2025-09-25"}, TASKS[1]]
    (root / "plans" / f"{MINISTRY}.yaml").write_text(
        yaml.safe_dump(plan(tasks=moved, reviews=REVIEWS), allow_unicode=True), encoding="utf-8")
    channel_file = next((root / "activities" / MINISTRY).glob("2025-09-01-*.yaml"))
    data = yaml.safe_load(channel_file.read_text(encoding="utf-8"))
    channel_file.write_text(yaml.safe_dump({**data, "updates": [*data["updates"], "2025-09-29"]},
                                           allow_unicode=True), encoding="utf-8")
    after = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(ics(cli, root))}
    assert set(after) == set(before)
    task = "task/bo-y-te/t1/2025@dang-uy-chinh-phu.dxtrack"
    assert (before[task], after[task]) == (date(2025, 9, 15), date(2025, 9, 25))
    ch = next(u for u in after if u.startswith("channel/"))
    assert (before[ch], after[ch]) == (date(2025, 9, 29), date(2025, 10, 6))


# ---------------------------------------------------------------- -o

def test_output_file_is_written_and_never_overwritten_without_force(cli, repo, tmp_path):
    target = tmp_path / "viec-den-han.ics"
    result = due(cli, repo, "--format", "ics", "-o", target)
    assert result.exit_code == 0, result.output
    assert f"Đã ghi: {target}" in result.stderr and result.stdout == ""
    written = target.read_bytes()
    assert written.decode("utf-8") == ics(cli, repo, "--days", "30") and written.startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(events_of(written.decode("utf-8"))) == 4
    target.write_text("của người dùng", encoding="utf-8")
    refused = due(cli, repo, "--format", "ics", "-o", target)
    assert refused.exit_code == 2 and "đã có; không ghi đè" in refused.stderr
    assert target.read_text(encoding="utf-8") == "của người dùng"
    forced = due(cli, repo, "--format", "ics", "-o", target, "--force")
    assert forced.exit_code == 0 and target.read_bytes() == written
    folder = due(cli, repo, "-o", tmp_path)
    assert folder.exit_code == 2 and "là một thư mục" in folder.stderr


# ---------------------------------------------------------------- usage errors

@pytest.mark.parametrize("value, says", [
    ("-1", "Giá trị của --days phải là một số nguyên từ 0 trở lên"),
    ("abc", "Giá trị của --days phải là một số nguyên."),
    ("1.000", "viết 1000"),
])
def test_days_must_be_a_whole_number_not_below_zero(cli, repo, value, says):
    result = due(cli, repo, "--days", value)
    assert result.exit_code == 2 and says in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args, says", [
    (["--phase", "2030"], 'Không có giai đoạn "2030" trong dxtrack.yaml; chọn một trong: 2025.'),
    (["--unit", "bo-khong-co"], 'Không có đơn vị "bo-khong-co"'),
    (["--format", "xlsx"], "xlsx"),
])
def test_an_unknown_phase_unit_or_format_is_a_usage_error(cli, repo, args, says):
    result = due(cli, repo, *args)
    assert result.exit_code == 2 and says in result.stderr and result.stdout == ""
