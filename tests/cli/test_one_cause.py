"""One cause, one finding (SPEC §5): a broken entry of units.yaml is reported there; its
unit's records are left out, and `status` says so instead of failing."""

from __future__ import annotations

import json


# `dxtrack status` takes a units.yaml whose errors are all inside its entries
# (`Document.usable`): the broken entry's unit is left out, with its records.

UNITS = """\
units:
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
    kind: ministry
  - id: dai-tieng-noi-viet-nam
    name: Đảng ủy Đài Tiếng nói Việt Nam
    kind: banks
"""

RECORD = """\
type: event
unit: {unit}
kind: dissemination
title: {title}
date: 2025-09-05
mode: in_person
"""


def _repo(make_repo):
    return make_repo({
        "activities/dai-tieng-noi-viet-nam/2025-09-05-a.yaml": RECORD.format(unit="dai-tieng-noi-viet-nam",
                                                                              title="Hội nghị A"),
        "activities/dai-tieng-noi-viet-nam/2025-09-05-b.yaml": RECORD.format(unit="dai-tieng-noi-viet-nam",
                                                                              title="Hội nghị B"),
        "activities/bo-y-te/2025-09-05-a.yaml": RECORD.format(unit="bo-y-te", title="Hội nghị quán triệt"),
    }, units=UNITS)


def test_check_reports_the_entry_once(cli, make_repo):
    result = cli(["check", "--format", "json", "--repo", _repo(make_repo)])
    body = json.loads(result.stdout)
    assert [(f["file"], f["code"], f["line"]) for f in body["findings"]] == [("units.yaml", "DX204", 7)]
    assert result.exit_code == 1


def test_status_json_leaves_the_records_out_and_does_not_crash(cli, make_repo):
    root = _repo(make_repo)
    result = cli(["status", "--format", "json", "--repo", root])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    units = {u["id"]: u for u in body["units"]}
    assert set(units) == {"bo-y-te"}  # the broken unit is not scored with a made-up kind
    assert units["bo-y-te"]["counts"]["event"] == 1  # its two records are counted nowhere


def test_status_table_says_how_many_are_left_out(cli, make_repo):
    result = cli(["status", "--repo", _repo(make_repo)])
    assert result.exit_code == 0, result.output
    assert "2 tệp dữ liệu có lỗi hoặc đặt sai chỗ không được tính" in result.stdout
