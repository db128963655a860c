"""Bounds where input can grow (issue 14, "crashes and hangs that hide every finding"):
where a non-NFC character sits, integers of any length, thresholds of millions of days,
dates past the calendar's end, pipes and devices named like records, nesting deeper than
YAML parses, and the "did you mean" searches of a file with 100,000 bad entries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from conftest import SETTINGS, TWO_PHASES  # tests/ is on sys.path (rootdir conftest)

RECORD = "activities/bo-y-te/2025-09-01-toa-dam.yaml"
EVENT = """\
type: event
unit: bo-y-te
kind: seminar
title: Tọa đàm chuyển đổi số
date: 2025-09-01
mode: online
"""
BIG = "1" * 5000  # past Python's 4,300 digits for int(str) and str(int)
HEX = "0x" + "f" * 5000  # an int Python reads (a power-of-two base) but cannot write in decimal


def check_json(cli, root, *args: str):
    result = cli(["check", "--format", "json", "--repo", root, *args])
    return result, json.loads(result.stdout)


def found(report: dict) -> list[tuple[str, str, int]]:
    return [(f["file"], f["code"], f["line"]) for f in report["findings"]]


# ---- where a non-NFC character is: one pass, not one per column -----------------------------

def test_a_1_mib_line_with_one_non_nfc_character_near_its_end_is_checked_at_once(make_repo):
    """The column of a decomposed "é" 20 characters before the end of a 600,000-character
    line: the old scan normalised every prefix of the line (minutes; 557 s at 1 MiB), the
    one pass takes well under a second. Run as a process, with a generous 20 s timeout."""
    note = "a" * 600_000 + "e\u0301" + "b" * 18
    root = make_repo({RECORD: EVENT + "note: " + note + "\n"})
    try:
        done = subprocess.run([sys.executable, "-m", "dxtrack", "check", "--format", "json", "--no-cache",
                               "--repo", str(root)], capture_output=True, text=True, timeout=20,
                              env={**os.environ, "DXTRACK_LANG": "vi"})
    except subprocess.TimeoutExpired:
        pytest.fail("check took over 20 s on one 600 kB line with a non-NFC character")
    report = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert [(f["code"], f["line"], f["column"]) for f in report["findings"]] == [("DX113", 7, 7 + 600_000)]


@pytest.mark.parametrize(("text", "where"), [
    ("title: Ho\u0323\u0302i nghi\u0323\n", (1, 9)),           # "ộ" decomposed: told at its "o"
    ("a: 1\nb: 2\n\nc: x\u0301 e\u0301\n", (4, 7)),            # x + acute is NFC (no "x́" exists): the "e"
    ("e\u0301: 1\n", (1, 1)),                                  # the very first character
    ("a: x\r\nb: e\u0301\r\n", (2, 4)),                        # CRLF: the CR is the line's last character
    ("a: " + "ệ" * 5000 + "\nb: " + "u\u031b" + "\n", (2, 4)),  # "ư" decomposed after a long line
])
def test_the_first_character_nfc_changes_is_told_at_its_line_and_column(text, where):
    from dxtrack.check.load import load_text

    warned = [f for f in load_text(text, "x.yaml").findings if f.code == "DX113"]
    assert [(f.line, f.column) for f in warned] == [where]


def test_a_control_character_is_told_where_it_is_after_a_long_line():
    from dxtrack.check.load import load_bytes

    raw = ("a: " + "ệ" * 100_000 + "\nb: xy\x1bz\n").encode()
    assert [(f.code, f.line, f.column) for f in load_bytes(raw, "x.yaml").findings] == [("DX110", 2, 6)]


# ---- integers of any length: a finding with the range, never a traceback --------------------

@pytest.mark.parametrize("value", [BIG, f"'{BIG}'", HEX, "100000001", "1.0e+300", "99999999999999999999999"])
def test_an_integer_too_large_names_the_range(cli, make_repo, value):
    root = make_repo({RECORD: EVENT + f"participants: {value}\n"})
    result, report = check_json(cli, root)
    assert result.exit_code == 1
    [bad] = report["findings"]
    assert (bad["code"], bad["line"]) == ("DX203", 7)
    assert bad["message"] == 'Trường "participants" phải là một số nguyên từ 0 đến 100.000.000; số đã ghi quá lớn.'


@pytest.mark.parametrize(("files", "settings", "where", "message"), [
    ({"plans/bo-y-te.yaml": f"unit: bo-y-te\ntitle: Kế hoạch\nresources:\n  budget_vnd: {HEX}\n"}, SETTINGS,
     ("plans/bo-y-te.yaml", 4), 'Field "resources.budget_vnd" must be a whole number from 0 to '
                                '1,000,000,000,000,000; the number written is too large.'),
    ({RECORD.replace("toa-dam", "chuyen-muc"): "type: channel\nunit: bo-y-te\nkind: section\ntitle: Chuyên mục\n"
      "outlet: website\nstarted: 2025-09-01\ncadence_days: 3000000000\n"}, SETTINGS,
     (RECORD.replace("toa-dam", "chuyen-muc"), 7),
     'Field "cadence_days" must be a whole number from 1 to 3,650; the number written is too large.'),
    ({"activities/bo-y-te/2025-09-01-infographic.yaml": "type: product\nunit: bo-y-te\nkind: infographic\n"
      f"title: Infographic\npublished: 2025-09-01\nchannels: [website]\nmetrics:\n  views: {BIG}\n"}, SETTINGS,
     ("activities/bo-y-te/2025-09-01-infographic.yaml", 8),
     'Field "metrics.views" must be a whole number from 0 to 1,000,000,000,000; the number written is too large.'),
    ({}, SETTINGS.replace("start_within_days: 15", "start_within_days: 3000000"), ("dxtrack.yaml", 8),
     'Field "thresholds.start_within_days" must be a whole number from 1 to 3,650; the number written is too large.'),
    ({}, SETTINGS.replace("max_gap_days: 30", f"max_gap_days: {BIG}"), ("dxtrack.yaml", 9),
     'Field "thresholds.max_gap_days" must be a whole number from 1 to 3,650; the number written is too large.'),
    ({}, SETTINGS.replace("min_product_kinds: 3", "min_product_kinds: 10"), ("dxtrack.yaml", 10),
     'Field "thresholds.min_product_kinds" must be a whole number from 1 to 9; the number written is too large.'),
    ({}, SETTINGS.replace("max_gap_days: 30", f"max_gap_days: -{BIG}"), ("dxtrack.yaml", 9),
     'Field "thresholds.max_gap_days" must be a whole number from 1 to 3,650; the number written is too small.'),
])
def test_every_whole_number_field_is_bounded(cli, make_repo, files, settings, where, message):
    root = make_repo(files, settings=settings)
    result, report = check_json(cli, root, "--lang", "en")
    assert result.exit_code == 1
    assert [(f["file"], f["line"], f["code"], f["message"]) for f in report["findings"]] == [(*where, "DX203", message)]


def test_a_threshold_of_millions_of_days_stops_status_with_words_not_a_crash(cli, make_repo):
    root = make_repo(settings=SETTINGS.replace("start_within_days: 15", "start_within_days: 3000000"))
    for command in (["status"], ["due"], ["status", "--format", "json"]):
        result = cli([*command, "--repo", root])
        assert result.exit_code == 2, (command, result.output)
        assert "dxtrack.yaml" in result.stderr and "lỗi nội bộ" not in result.stderr


@pytest.mark.parametrize("files", [
    {RECORD: EVENT.replace("title: Tọa đàm chuyển đổi số", f"title: {HEX}")},           # text written as an int
    {RECORD: EVENT + f"leaders: [{HEX}]\n"},
    {RECORD: EVENT + f"? {HEX}\n: 1\n"},                                               # a key written as an int
])
def test_text_written_as_a_huge_integer_is_the_text_as_written(cli, make_repo, files):
    """YAML reads `0xfff…` as an int; str() of it (any text field, any key, any message)
    raised ValueError past 4,300 digits and hid every finding."""
    root = make_repo(files)
    result, report = check_json(cli, root)
    assert "lỗi nội bộ" not in result.stderr
    if "? " in files[RECORD]:
        [unknown] = report["findings"]
        assert unknown["code"] == "DX201" and HEX in unknown["message"]
    else:
        assert result.exit_code == 0 and report["findings"] == []


def test_a_huge_integer_in_a_valid_record_never_reaches_the_report(cli, make_repo, tmp_path):
    """A `participants` of 6,000 decimal digits (written in hex) passed check and crashed
    `report` and `export` when they wrote it; it is now refused by check, and the record
    left out of the report."""
    root = make_repo({RECORD: EVENT.replace("kind: seminar", "kind: dissemination") + f"participants: {HEX}\n"})
    out = tmp_path / "bao-cao.md"
    result = cli(["report", "--as-of", "2025-12-31", "-o", out, "--repo", root])
    assert "lỗi nội bộ" not in result.stderr, result.stderr
    assert out.is_file() and "f" * 100 not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [BIG, "-" + BIG, HEX, "0b" + "1" * 20000, 10**40, -(10**40), 1e308,
                                   float("inf"), "0x_", " 12 ", "+7"])
def test_a_bounded_int_never_raises_anything_but_a_validation_error(value):
    from pydantic import ValidationError

    from dxtrack.models import Event

    base = {"type": "event", "unit": "bo-y-te", "kind": "seminar", "title": "T", "date": "2025-09-01",
            "mode": "online"}
    try:
        event = Event.model_validate({**base, "participants": value})
    except ValidationError as exc:
        assert all(e["type"] in ("dx_int_range", "int_parsing", "greater_than_equal") for e in exc.errors())
    else:
        assert event.participants in (12, 7)


def test_the_loader_keeps_an_integer_past_64_bits_as_written():
    from dxtrack.check.load import load_text

    text = f"a: {HEX}\nb: 18446744073709551615\nc: 18446744073709551616\nd: -0x10\n"
    for pure in ("", "1"):  # the C fast path and the pure-Python one resolve scalars alike
        data = load_text(text, "x.yaml").data if not pure else _pure(text)
        assert data == {"a": HEX, "b": 2**64 - 1, "c": "18446744073709551616", "d": -16}


def _pure(text: str):
    from unittest import mock

    from dxtrack.check import fastload
    from dxtrack.check.load import load_text

    with mock.patch.object(fastload, "load_plain", fastload.load_plain_python):
        return load_text(text, "x.yaml").data


# ---- dates past the calendar's end: never OverflowError --------------------------------------

def test_adding_days_stops_at_the_calendar_s_ends():
    from dxtrack.models.phases import add_days, later_by

    assert add_days(date(9999, 12, 30), 3650) == date.max
    assert add_days(date(1, 1, 2), -3650) == date.min
    assert add_days(date(2025, 8, 20), 3_000_000_000) == date.max  # past timedelta's own limit
    assert add_days(date(2025, 8, 20), 15) == date(2025, 9, 4)
    assert later_by(date(9999, 12, 25), 7) is None and later_by(date(9999, 12, 24), 7) == date.max


def test_a_phase_to_the_last_day_of_the_calendar_has_a_next_phase(make_repo):
    from dxtrack.models import Settings
    from dxtrack.models.phases import phases_of

    settings = Settings.model_validate({"organization": "Đảng ủy", "received": "2025-08-20", "phases": [
        {"id": "a", "to": "9999-12-31"}, {"id": "b", "to": "9999-12-31"}]})
    assert [(p.id, p.start) for p in phases_of(settings)] == [("a", date(2025, 8, 18)), ("b", date.max)]


def test_due_with_days_past_the_calendar_lists_up_to_its_end(make_repo):
    from dxtrack import api
    from dxtrack.evaluate.due import due_items
    from dxtrack.evaluate.window import window

    root = make_repo(settings=TWO_PHASES.replace("to: 2026-12-31", "to: 9999-12-31"))
    repo = api.load_repo(root, today=date(2026, 3, 1))
    for as_of in (date(2026, 3, 1), date(9999, 12, 30)):
        listed = due_items(repo, window(repo, "2026", as_of), days=3_000_000)
        assert listed.until == date.max and listed.items


def test_a_unit_received_at_the_calendar_s_end_gives_a_status(cli, make_repo):
    units = """\
units:
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
    kind: ministry
    received: 9999-12-30
"""
    root = make_repo(units=units, settings=TWO_PHASES.replace("to: 2026-12-31", "to: 9999-12-31"))
    result = cli(["status", "--as-of", "9999-12-31", "--format", "json", "--repo", root])
    assert "lỗi nội bộ" not in result.stderr, result.stderr
    assert result.exit_code in (0, 1) and json.loads(result.stdout)


# ---- what is read: only regular files, looked at again once open -----------------------------

def test_a_pipe_put_in_place_of_a_record_after_discovery_is_not_read(make_repo):
    from dxtrack.check.discover import discover
    from dxtrack.check.read import read

    root = make_repo({RECORD: EVENT})
    [source] = [s for s in discover(root) if s.kind == "record"]
    (root / RECORD).unlink()
    os.mkfifo(root / RECORD)
    raw, refused = read(root, source)
    assert raw is None and [f.code for f in refused] == ["DX114"]


def test_a_pipe_or_a_link_to_a_device_named_like_a_data_file_is_refused(cli, make_repo):
    root = make_repo()
    (root / "activities" / "bo-y-te").mkdir(parents=True)
    (root / "plans").mkdir()
    os.mkfifo(root / "activities" / "bo-y-te" / "x.yaml")
    os.symlink("/dev/zero", root / "activities" / "bo-y-te" / "z.yaml")
    os.symlink("/dev/zero", root / "plans" / "bo-y-te.yaml")
    result, report = check_json(cli, root)
    assert result.exit_code == 1
    assert sorted((f["file"], f["code"]) for f in report["findings"]) == [
        ("activities/bo-y-te/x.yaml", "DX114"), ("activities/bo-y-te/z.yaml", "DX114"), ("plans/bo-y-te.yaml", "DX114")]


# ---- nesting, long lines, many entries ---------------------------------------------------------

def test_nesting_past_what_yaml_parses_is_told_as_nesting(cli, make_repo):
    deep = "".join(" " * i + f"k{i}:\n" for i in range(1400)) + " " * 1400 + "x: 1\n"
    root = make_repo({RECORD: EVENT + deep})
    result, report = check_json(cli, root)
    assert result.exit_code == 1 and [f["code"] for f in report["findings"]] == ["DX108"]


def test_a_key_of_one_long_line_is_one_finding(cli, make_repo):
    root = make_repo({RECORD: EVENT + "? " + "k" * 1_000_000 + "\n: 1\n"})
    result, report = check_json(cli, root)
    assert result.exit_code == 1 and [(f["code"], f["line"]) for f in report["findings"]] == [("DX201", 7)]
    assert "Có phải ý bạn" not in report["findings"][0]["message"]  # no typo of a field is a million letters


def test_did_you_mean_is_searched_once_per_distinct_word_and_a_bounded_number_of_times(make_repo, monkeypatch):
    """Thousands of bad entries in one file: each distinct wrong code searched once (the same
    word 5,000 times, one search), and no more than MAX_GUESSES searches in all (made 50
    here); every entry still has its finding."""
    from dxtrack.check import validate
    from dxtrack.check.discover import classify
    from dxtrack.check.load import load_bytes
    from dxtrack.models import codes

    searched: list[str] = []
    real = codes.suggest.__wrapped__

    def counting(list_name: str, value: str):
        searched.append(value)
        return real(list_name, value)

    monkeypatch.setattr(codes, "suggest", counting)
    monkeypatch.setattr(validate, "MAX_GUESSES", 50)
    items = "".join("  - modelz\n" for _ in range(5000)) + "".join(f"  - models{i}\n" for i in range(300))
    loaded = load_bytes((EVENT + "topics:\n" + items).encode(), RECORD)
    model, found = validate.validate(classify(RECORD), loaded.data, loaded.spans)
    assert model is None and len(found) == 5300 and {f.code for f in found} == {"DX204"}
    assert searched.count("modelz") == 1 and len(searched) == 50
    hinted = [f for f in found if f.hint_key]
    assert hinted and all(dict(f.params)["suggestion"] for f in hinted)


def test_due_through_the_cli_with_days_past_the_calendar_says_the_range(cli, make_repo):
    """`due --days 3000000` (table and calendar), also in a phase that ends on 31/12/9999:
    the range line and an event on the calendar's last day add no day past it."""
    for end in ("2026-12-31", "9999-12-31"):
        root = make_repo(settings=TWO_PHASES.replace("to: 2026-12-31", f"to: {end}"))
        table = cli(["due", "--repo", root, "--as-of", "2026-03-01", "--days", "3000000"])
        assert table.exit_code == 0, table.stderr
        assert "Tính đến ngày 01/03/2026" in table.stdout and "lỗi nội bộ" not in table.stderr
        ics = cli(["due", "--repo", root, "--as-of", "2026-03-01", "--days", "3000000", "--format", "ics"])
        assert ics.exit_code == 0 and "BEGIN:VCALENDAR" in ics.stdout, ics.stderr
