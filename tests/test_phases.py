"""Phases (SPEC §2.1.1, §2.3, §3): which phase and day a command looks at, and the
evaluation of each phase afresh — per rule and per phase boundary (a record on `from`, on
`to`, a unit received inside a phase, one transferred inside one, a channel started in 2025
and kept up into 2026, a plan issued after `as_of`), and hypothesis properties: a record
counts in exactly the phase whose window holds it, a unit's score in a phase does not
depend on records of other phases, and one phase written out equals no `phases` at all.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SETTINGS, TWO_PHASES, UNITS, write_files
from dxtrack import api
from dxtrack.models.phases import Phase, current_phase, phase_at
from test_rules import FULL_PLAN, MINISTRY, channel, event, plan, product, repo_files, report

UNITS_2026 = UNITS + """\
  - id: bo-ngoai-giao
    name: Đảng ủy Bộ Ngoại giao
    kind: ministry
    owners: ["@dang-uy/bo-ngoai-giao"]
    received: 2026-03-02
  - id: tap-doan-than
    name: Đảng ủy Tập đoàn Than
    kind: enterprise
    owners: ["@dang-uy/tkv"]
    until: 2026-05-31
  - id: tong-cong-ty-a
    name: Đảng ủy Tổng công ty A
    kind: enterprise
    owners: ["@dang-uy/tct-a"]
    until: 2025-12-15
"""


def status(cli, root, *args: str) -> dict:
    result = cli(["status", "--repo", root, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def unit_of(data: dict, unit: str = MINISTRY) -> dict:
    return next(u for u in data["units"] if u["id"] == unit)


def phase_plan(phase: str, p: dict) -> dict[str, str]:
    return {f"plans/{phase}/{p['unit']}.yaml": yaml.safe_dump(p, allow_unicode=True, sort_keys=False)}


# ---------------------------------------------------------------- choosing the phase and the day

PHASES = (Phase("2025", None, date(2025, 8, 18), date(2025, 12, 31)),
          Phase("2026", None, date(2026, 2, 1), date(2026, 12, 31)))


@pytest.mark.parametrize(("today", "expected"), [
    (date(2025, 8, 1), "2025"),     # before the first: the first
    (date(2025, 12, 31), "2025"),   # its last day
    (date(2026, 1, 15), "2025"),    # between two: the last one that has started
    (date(2026, 2, 1), "2026"),     # the first day of the next
    (date(2027, 3, 1), "2026"),     # after the last
])
def test_current_phase(today, expected):
    assert current_phase(PHASES, today).id == expected


def test_as_of_picks_the_phase_holding_it_or_the_one_before():
    assert phase_at(PHASES, date(2026, 1, 15)).id == "2025"
    assert phase_at(PHASES, date(2026, 6, 1)).id == "2026"
    assert phase_at(PHASES, date(2025, 8, 17)) is None


def test_without_phases_one_default_phase(cli, make_repo):
    data = status(cli, make_repo(), "--as-of", "2025-10-01")
    assert data["phase"] == {"id": "2025", "name": "Giai đoạn 2025", "from": "2025-08-18", "to": "2025-12-31"}
    open_ended = SETTINGS.replace("phase_end: 2025-12-31\n", "")
    data = status(cli, make_repo(settings=open_ended), "--as-of", "2026-02-01")
    assert data["phase"]["to"] is None and data["as_of"] == "2026-02-01"   # no end: the day is not cut


def test_the_current_phase_by_default(make_repo, monkeypatch):
    root = make_repo(settings=TWO_PHASES)
    for today, phase, as_of in [(date(2026, 12, 2), "2026", date(2026, 12, 2)),
                                (date(2025, 10, 1), "2025", date(2025, 10, 1)),
                                (date(2027, 2, 1), "2026", date(2026, 12, 31))]:
        repo = api.load_repo(root, today=today)
        found = api.evaluate(repo)
        assert (found.phase.id, found.as_of) == (phase, as_of)


def test_phase_option_and_as_of_after_its_end(cli, make_repo):
    root = make_repo(settings=TWO_PHASES)
    data = status(cli, root, "--phase", "2025", "--as-of", "2026-03-01")
    assert data["phase"] == {"id": "2025", "name": "Giai đoạn bứt phá 2025", "from": "2025-08-18", "to": "2025-12-31"}
    assert data["as_of"] == "2025-12-31" and data["as_of_requested"] == "2026-03-01"
    table = cli(["status", "--repo", root, "--phase", "2025", "--as-of", "2026-03-01"])
    assert "Giai đoạn bứt phá 2025 (18/08/2025 – 31/12/2025)" in table.stdout
    assert "Ngày 01/03/2026 đã qua kết thúc giai đoạn: tình hình tính đến ngày 31/12/2025." in table.stdout
    assert "as_of_requested" not in status(cli, root, "--as-of", "2026-03-01")   # inside 2026: as given


@pytest.mark.parametrize(("args", "says"), [
    (["--phase", "2027"], "Không có giai đoạn \"2027\" trong dxtrack.yaml; chọn một trong: 2025, 2026."),
    (["--as-of", "2025-08-01"], "--as-of 01/08/2025 trước ngày bắt đầu của giai đoạn đầu tiên (2025, từ 18/08/2025)."),
    (["--phase", "2026", "--as-of", "2025-12-01"], "--as-of 01/12/2025 trước ngày bắt đầu của giai đoạn 2026"),
])
def test_a_bad_phase_or_day_is_a_usage_error(cli, make_repo, args, says):
    root = make_repo(settings=TWO_PHASES)
    result = cli(["status", "--repo", root, *args])
    assert result.exit_code == 2 and says in result.stderr, result.output
    result = cli(["report", "--repo", root, *args])   # the report says it in its words (a day before receipt)
    assert result.exit_code == 2 and result.stderr.startswith("Lỗi: ") and "Traceback" not in result.output


# ---------------------------------------------------------------- records of the window

def test_a_record_on_from_counts_in_that_phase_and_one_on_to_in_its_own(cli, make_repo):
    files = repo_files([event(date="2025-12-31", title="Ngày cuối 2025"),
                        event(date="2026-01-01", title="Ngày đầu 2026")])
    root = make_repo(files, settings=TWO_PHASES)
    in_2025 = unit_of(status(cli, root, "--phase", "2025"))
    in_2026 = unit_of(status(cli, root, "--phase", "2026", "--as-of", "2026-01-01"))
    assert in_2025["counts"]["event"] == 1 and in_2025["last_activity"] == "2025-12-31"
    assert in_2026["counts"]["event"] == 1 and in_2026["last_activity"] == "2026-01-01"
    # in 2026 the start is 01/01/2026 (the phase's from): a record that day starts at once
    assert in_2026["requirements"]["3.a"]["status"] == "met"


def test_a_unit_received_inside_a_phase_is_not_in_the_phase_before(cli, make_repo):
    files = repo_files([event(date="2026-03-20", unit="bo-ngoai-giao")])
    root = make_repo(files, settings=TWO_PHASES, units=UNITS_2026)
    assert "bo-ngoai-giao" not in [u["id"] for u in status(cli, root, "--phase", "2025")["units"]]
    unit = unit_of(status(cli, root, "--as-of", "2026-04-30"), "bo-ngoai-giao")
    # its start is its receipt (02/03/2026), not the phase's from: 18 days to the first record
    assert unit["requirements"]["3.a"]["status"] == "partial"
    assert unit["requirements"]["3.a"]["reasons"][0]["params"] == {
        "first": "2026-03-20", "days": 18, "max": 15, "start": "2026-03-02", "basis": "received"}
    # gaps 02/03 → 20/03 (18 days) and 20/03 → 30/04 (41 days): over 30, within twice that
    assert unit["requirements"]["3.c"] == {"status": "partial", "reasons": [
        {"code": "gap_too_long", "params": {"days": 41, "from": "2026-03-20", "to": "2026-04-30", "max": 30},
         "text": "Có 41 ngày liền không có hoạt động (20/03/2026 – 30/04/2026); tối đa 30 ngày."}]}


def test_a_unit_transferred_inside_a_phase_and_one_that_left_before_it(cli, make_repo):
    files = repo_files([event(date="2026-02-10", unit="tap-doan-than"),
                        event(date="2025-11-10", unit="tong-cong-ty-a")])
    root = make_repo(files, settings=TWO_PHASES, units=UNITS_2026)
    before = unit_of(status(cli, root, "--as-of", "2026-05-01"), "tap-doan-than")
    after = unit_of(status(cli, root, "--as-of", "2026-06-30"), "tap-doan-than")
    assert before["state"] == "active" and isinstance(before["score"], int)
    assert after["state"] == "transferred" and after["score"] is None and after["requirements"] == {}
    assert after["counts"]["event"] == 1     # what it did in the phase before it left still shows
    left = unit_of(status(cli, root, "--as-of", "2026-01-10"), "tong-cong-ty-a")
    assert left["state"] == "transferred" and left["counts"]["event"] == 0   # listed apart, as transferred
    assert unit_of(status(cli, root, "--phase", "2025", "--as-of", "2025-12-01"), "tong-cong-ty-a")["state"] == "active"


def test_a_channel_started_in_2025_and_kept_up_into_2026(cli, make_repo):
    kept = channel(started="2025-09-01", updates=["2025-12-29", "2026-01-05", "2026-01-12"], title="Chuyên mục")
    dropped = channel(started="2025-09-01", updates=["2025-12-22"], title="Chuyên trang bỏ dở",
                      unit="dai-truyen-hinh-viet-nam", kind="dedicated_page")
    root = make_repo(repo_files([kept, dropped]), settings=TWO_PHASES)
    data = status(cli, root, "--as-of", "2026-01-15")
    unit = unit_of(data)
    assert unit["counts"]["channel"] == 1 and unit["last_activity"] == "2026-01-12"
    assert unit["requirements"]["2.1.i"]["status"] == "met"
    assert unit["requirements"]["3.a"]["status"] == "met"          # first 2026 date 05/01: within 15 days
    press = unit_of(data, "dai-truyen-hinh-viet-nam")
    assert press["counts"]["channel"] == 0                          # no date inside 2026: not in it
    assert press["requirements"]["2.1.i"]["status"] == "missing"
    assert unit_of(status(cli, root, "--phase", "2025"), "dai-truyen-hinh-viet-nam")["counts"]["channel"] == 1


# ---------------------------------------------------------------- the plan of the phase

def test_a_phase_plan_counts_from_its_issued_date_with_no_fallback(cli, make_repo):
    general = plan(**FULL_PLAN)
    own = plan(**{**FULL_PLAN, "number": "05-KH/ĐU", "issued": "2026-03-01",
                  "tasks": [{"id": "t26", "title": "Hội nghị 2026", "owner": "Ban Tuyên giáo", "due": "2026-03-31"}],
                  "reviews": [{"kind": "final_review", "due": "2026-12-31"}]})
    files = {**repo_files([event(date="2026-03-20", plan_task="t26")], [general]), **phase_plan("2026", own)}
    root = make_repo(files, settings=TWO_PHASES)
    early = unit_of(status(cli, root, "--as-of", "2026-02-15"))
    assert early["requirements"]["1.3"]["status"] == "missing"       # its 2026 plan is not issued yet
    assert [r["code"] for r in early["requirements"]["1.3"]["reasons"]] == ["no_plan"]
    later = unit_of(status(cli, root, "--as-of", "2026-04-15"))
    assert later["requirements"]["1.3"]["status"] == "met"
    assert later["requirements"]["3.b"]["status"] == "met"           # t26 due 31/03, done 20/03
    assert unit_of(status(cli, root, "--phase", "2025"))["requirements"]["1.3"]["status"] == "met"  # the general plan


def test_the_general_plan_serves_a_phase_without_one_but_3b_counts_only_tasks_due_inside(cli, make_repo):
    root = make_repo(repo_files([], [plan(**FULL_PLAN)]), settings=TWO_PHASES)
    unit = unit_of(status(cli, root, "--as-of", "2026-04-15"))
    assert unit["requirements"]["1.3"]["status"] == "met"
    assert unit["requirements"]["3.b"]["status"] == "missing"
    assert [r["code"] for r in unit["requirements"]["3.b"]["reasons"]] == ["no_dated_tasks"]  # t1 was due in 2025


def test_a_task_done_in_another_phase_does_not_count(cli, make_repo):
    """t1 of the general plan was done in 2025; the 2026 plan has a t1 of its own, still undone."""
    tasks = [{"id": "t1", "title": "Quán triệt năm 2026", "owner": "Ban", "due": "2026-01-31"}]
    files = {**repo_files([event(date="2025-09-10", plan_task="t1")], [plan(**FULL_PLAN)]),
             **phase_plan("2026", plan(**{**FULL_PLAN, "issued": "2026-01-05", "tasks": tasks}))}
    root = make_repo(files, settings=TWO_PHASES)
    assert unit_of(status(cli, root, "--phase", "2025"))["requirements"]["3.b"]["status"] == "met"
    unit = unit_of(status(cli, root, "--as-of", "2026-02-15"))
    assert unit["requirements"]["3.b"]["status"] == "missing"
    assert unit["requirements"]["3.b"]["reasons"][0]["params"] == {"tasks": [{"id": "t1", "due": "2026-01-31"}]}


# ---------------------------------------------------------------- 3.d and 3.e per phase

def test_final_review_and_reports_are_per_phase(cli, make_repo):
    records = [event(kind="final_review", date="2025-12-20"), report("2025-12-10"), report("2026-06-10"),
               report("2026-06-12")]
    root = make_repo(repo_files(records), settings=TWO_PHASES)
    in_2025 = unit_of(status(cli, root, "--phase", "2025"))
    assert in_2025["requirements"]["3.d"]["status"] == "met" and in_2025["requirements"]["3.e"]["status"] == "met"
    mid = unit_of(status(cli, root, "--as-of", "2026-07-01"))
    assert mid["requirements"]["3.d"]["status"] == "not_due"            # the 2025 review is not 2026's
    assert mid["requirements"]["3.e"]["status"] == "met"                # 15/06 answered; 15/12 not due yet
    end = unit_of(status(cli, root, "--as-of", "2026-12-31"))
    assert end["requirements"]["3.d"]["status"] == "missing"
    # one distinct report per due date, in date order: 10/06 answers 15/06, 12/06 answers 15/12
    assert end["requirements"]["3.e"]["status"] == "met"
    # the 2025 report does not answer a 2026 date: with only it, 15/06/2026 is missing
    only_2025 = _repo(repo_files([report("2025-12-10")]), TWO_PHASES)  # (make_repo writes into one folder)
    mid = unit_of(status(cli, only_2025, "--as-of", "2026-07-01"))
    assert mid["requirements"]["3.e"]["status"] == "missing"


def test_report_names_the_phase_and_takes_its_window(cli, make_repo):
    root = make_repo(repo_files([event(date="2026-02-02")]), settings=TWO_PHASES)
    result = cli(["report", "--repo", root, "--as-of", "2026-03-31"])
    assert result.exit_code == 0, result.output
    assert "từ ngày 01/01/2026 đến ngày 31/03/2026 (Năm tăng tốc 2026)" in result.stdout
    old = cli(["report", "--repo", root, "--phase", "2025"])
    assert "từ ngày 20/08/2025 đến ngày 31/12/2025 (Giai đoạn bứt phá 2025)" in old.stdout


# ---------------------------------------------------------------- properties

ONE_PHASE = SETTINGS.replace("phase_end: 2025-12-31\nreport_due: [2025-12-15]\n",
                             'phases:\n  - id: "2025"\n    to: 2025-12-31\n    report_due: [2025-12-15]\n')
assert ONE_PHASE != SETTINGS

DAY0 = date(2025, 8, 20)
days = st.integers(min_value=0, max_value=558).map(lambda n: DAY0 + timedelta(days=n))


def _event(day: date, n: int, kind: str, topic: str) -> dict:
    return event(kind=kind, date=day.isoformat(), title=f"Sự kiện {n}", topics=[topic],
                 audiences=["party_members"], mode="online" if n % 2 else "in_person")


record_specs = st.lists(st.tuples(days, st.sampled_from(["dissemination", "party_cell_session", "commendation",
                                                         "final_review", "seminar"]),
                                  st.sampled_from(["significance", "plan02", "models"])), max_size=12)
prop_settings = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _repo(files: dict[str, str], settings_text: str, units: str = UNITS) -> Path:
    root = Path(tempfile.mkdtemp(prefix="dxtrack-phase-"))
    return write_files(root, {"dxtrack.yaml": settings_text, "units.yaml": units, **files})


def _evaluated(root: Path, **kw):
    repo = api.load_repo(root, today=date(2027, 3, 1))
    assert not api.has_errors(list(repo.findings)), repo.findings
    return api.evaluate(repo, **kw)


@prop_settings
@given(specs=record_specs)
def test_a_record_counts_in_exactly_the_phase_whose_window_holds_it(specs):
    records = [_event(day, n, kind, topic) for n, (day, kind, topic) in enumerate(specs)]
    root = _repo(repo_files(records), TWO_PHASES)
    counted = {}
    for phase in ("2025", "2026"):
        found = _evaluated(root, phase=phase)
        unit = next(u for u in found.units if u.unit.id == MINISTRY)
        counted[phase] = unit.counts["event"]
    windows = {"2025": (date(2025, 8, 18), date(2025, 12, 31)), "2026": (date(2026, 1, 1), date(2026, 12, 31))}
    expected = {p: sum(1 for day, _, _ in specs if start <= day <= end) for p, (start, end) in windows.items()}
    assert counted == expected   # and a record after the last phase is in none of them


@prop_settings
@given(ours=record_specs, others=record_specs)
def test_a_score_in_a_phase_does_not_depend_on_records_of_other_phases(ours, others):
    """Records of 2026, then the same with records of 2025 added: 2026 is the same."""
    in_2026 = [(d, k, t) for d, k, t in ours if d >= date(2026, 1, 1)]
    in_2025 = [(d, k, t) for d, k, t in others if d <= date(2025, 12, 31)]
    alone = [_event(d, n, k, t) for n, (d, k, t) in enumerate(in_2026)]
    mixed = alone + [_event(d, 100 + n, k, t) for n, (d, k, t) in enumerate(in_2025)]
    results = []
    for records in (alone, mixed):
        found = _evaluated(_repo(repo_files(records, [plan(**FULL_PLAN)]), TWO_PHASES), phase="2026")
        results.append([(u.unit.id, u.score, {k: (r.status, r.reasons) for k, r in u.requirements.items()})
                        for u in found.units])
    assert results[0] == results[1]


@prop_settings
@given(specs=record_specs, as_of=st.integers(min_value=0, max_value=133).map(lambda n: DAY0 + timedelta(days=n)))
def test_one_phase_written_out_is_the_same_as_no_phases(specs, as_of):
    records = [_event(day, n, kind, topic) for n, (day, kind, topic) in enumerate(specs) if day <= date(2025, 12, 31)]
    files = repo_files(records + [report("2025-12-10"), product(published="2025-10-01")], [plan(**FULL_PLAN)])
    plain = _evaluated(_repo(files, SETTINGS), as_of=as_of)
    written = _evaluated(_repo(files, ONE_PHASE), as_of=as_of)
    assert plain.phase == written.phase and plain.as_of == written.as_of
    assert [(u.unit.id, u.score, u.requirements) for u in plain.units] == \
           [(u.unit.id, u.score, u.requirements) for u in written.units]


def test_in_a_later_phase_3a_counts_from_the_phase_and_says_so(cli, make_repo):
    root = make_repo(repo_files([event(date="2026-02-23")]), settings=TWO_PHASES)
    late = unit_of(status(cli, root, "--as-of", "2026-03-01"))["requirements"]["3.a"]
    assert late["status"] == "partial"
    assert late["reasons"] == [{"code": "started_late", "params": {
        "first": "2026-02-23", "days": 53, "max": 15, "start": "2026-01-01", "basis": "phase"},
        "text": "Hoạt động đầu tiên ngày 23/02/2026, 53 ngày sau khi bắt đầu giai đoạn (cần trong 15 ngày)."}]
    empty = unit_of(status(cli, root, "--as-of", "2026-03-01"), "dai-truyen-hinh-viet-nam")["requirements"]["3.a"]
    assert empty["reasons"][0]["text"] == "Chưa có hoạt động nào kể từ khi bắt đầu giai đoạn ngày 01/01/2026."


def test_a_unit_asked_for_outside_its_phase_is_a_usage_error(cli, make_repo):
    root = make_repo(settings=TWO_PHASES, units=UNITS_2026)
    for args in (["status", "bo-ngoai-giao", "--phase", "2025"], ["status", "bo-ngoai-giao", "--as-of", "2026-03-01"],
                 ["due", "--unit", "bo-ngoai-giao", "--phase", "2025"]):
        result = cli([*args, "--repo", root])
        assert result.exit_code == 2, (args, result.output)
        assert "Đảng ủy Bộ Ngoại giao chưa được theo dõi trong giai đoạn" in result.stderr, result.stderr
    # before its receipt inside the phase, a unit is not listed (it is tracked from its receipt)
    assert "bo-ngoai-giao" not in [u["id"] for u in status(cli, root, "--as-of", "2026-03-01")["units"]]
    assert "bo-ngoai-giao" in [u["id"] for u in status(cli, root, "--as-of", "2026-03-02")["units"]]


def test_a_channel_kept_up_names_a_task_of_the_plan_of_its_start(cli, make_repo):
    """A channel started in 2025 with plan_task t2 answers t2 of the 2025 plan, not a t2 of
    the 2026 plan (SPEC §2.3: the plan of the phase holding the record's date)."""
    tasks_2025 = [{"id": "t2", "title": "Mở chuyên mục", "owner": "Ban", "due": "2025-09-30"}]
    tasks_2026 = [{"id": "t2", "title": "Loạt video clip", "owner": "Ban", "due": "2026-03-31"}]
    kept = channel(started="2025-09-01", updates=["2026-01-05", "2026-02-02", "2026-03-02"], plan_task="t2")
    files = {**repo_files([kept], [plan(**{**FULL_PLAN, "tasks": tasks_2025})]),
             **phase_plan("2026", plan(**{**FULL_PLAN, "issued": "2026-01-05", "tasks": tasks_2026}))}
    root = make_repo(files, settings=TWO_PHASES)
    assert cli(["check", "--repo", root]).exit_code == 0
    assert unit_of(status(cli, root, "--phase", "2025"))["requirements"]["3.b"]["status"] == "met"
    in_2026 = unit_of(status(cli, root, "--as-of", "2026-04-15"))["requirements"]["3.b"]
    assert in_2026["status"] == "missing" and in_2026["reasons"][0]["code"] == "tasks_undone"
    # and a task only the 2026 plan has is no task a 2025 channel can name
    bad = kept | {"plan_task": "t9"}
    files = {**repo_files([bad], [plan(**{**FULL_PLAN, "tasks": tasks_2025})]),
             **phase_plan("2026", plan(**{**FULL_PLAN, "issued": "2026-01-05",
                                          "tasks": [*tasks_2026, {"id": "t9", "title": "Khác"}]}))}
    other = _repo(files, TWO_PHASES)
    assert [f["code"] for f in json.loads(cli(["check", "--repo", other, "--format", "json"]).stdout)["findings"]] \
        == ["DX303"]
