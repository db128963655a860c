"""What falls due (`dxtrack.evaluate.due` through `api.due`): each kind of item, overdue,
due on the day, coming up and beyond the horizon, what answers an item (a linked record, an
event of the review's kind, a report per due date in date order, a final_review event), and
which units are listed (not one received after the phase, not one transferred), per phase.

Each case builds a tiny repo (default settings: received 2025-08-20, phase_end 2025-12-31,
report_due [2025-12-15]) and loads it as of a fixed `today`.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from conftest import SETTINGS, TWO_PHASES, UNITS
from dxtrack import api
from dxtrack.errors import SetupError
from dxtrack.evaluate.criteria.timing import answered_in_order
from test_rules import MINISTRY, PRESS, channel, event, plan, repo_files, report

D = date.fromisoformat
TODAY = D("2025-10-01")

TASKS = [{"id": "t1", "title": "Hội nghị quán triệt", "owner": "Ban Tuyên giáo", "due": "2025-09-15"},
         {"id": "t2", "title": "Sinh hoạt chuyên đề chi bộ", "due": "2025-10-20"},
         {"id": "t3", "title": "Tọa đàm", "due": "2025-12-01"},
         {"id": "t4", "title": "Không có hạn"},                    # no due date: never listed
         {"id": "t5", "title": "Hạn năm sau", "due": "2026-02-01"}]  # due after the phase: not this phase's
REVIEWS = [{"kind": "preliminary_review", "due": "2025-10-10"}]


def load(make_repo, records=(), plans=(), today=TODAY, settings=SETTINGS, units=UNITS, files=None):
    """The repo of `records` and `plans` (make_repo writes one repo per test), loaded as of `today`."""
    root = make_repo({**repo_files(records, plans), **(files or {})}, settings=settings, units=units)
    return api.load_repo(root, today=today)


def rows(found, *fields: str) -> list[tuple]:
    """(kind, ref, due ISO, state) of each item, or the fields named."""
    fields = fields or ("kind", "ref", "due", "state")
    return [tuple(i.due.isoformat() if f == "due" else getattr(i, f) for f in fields) for i in found.items]


def test_each_kind_overdue_and_coming_up_and_nothing_beyond_the_horizon(make_repo):
    kept = channel(started="2025-09-01", cadence_days=7, updates=["2025-09-08", "2025-09-22"])
    repo = load(make_repo, [kept], [plan(tasks=TASKS, reviews=REVIEWS)])
    found = api.due(repo, days=30)
    assert (found.as_of, found.until, found.phase.id) == (TODAY, D("2025-10-31"), "2025")
    ministry = [r for r in rows(found, "unit_id", "kind", "ref", "due", "state") if r[0] == MINISTRY]
    channel_ref = ministry[1][2]
    assert ministry == [
        (MINISTRY, "task", "t1", "2025-09-15", "overdue"),
        (MINISTRY, "channel", channel_ref, "2025-09-29", "overdue"),  # last update 22/09 + 7 days
        (MINISTRY, "review", "preliminary_review", "2025-10-10", "upcoming"),
        (MINISTRY, "task", "t2", "2025-10-20", "upcoming"),
    ]
    assert channel_ref.startswith("2025-09-01-r")  # the channel's file, without .yaml
    first = found.items[0]
    assert first.days(found.as_of) == -16 and first.params == {"title": "Hội nghị quán triệt",
                                                                "owner": "Ban Tuyên giáo"}
    assert next(i for i in found.items if i.kind == "channel").params == {
        "title": kept["title"], "channel_kind": "section", "outlet": "website", "cadence_days": 7,
        "last": "2025-09-22"}


def test_a_longer_horizon_reaches_the_report_and_the_final_review(make_repo):
    repo = load(make_repo, [], [plan(tasks=TASKS)])
    ninety = rows(api.due(repo, days=90, unit=MINISTRY))
    assert ninety == [("task", "t1", "2025-09-15", "overdue"), ("task", "t2", "2025-10-20", "upcoming"),
                      ("task", "t3", "2025-12-01", "upcoming"), ("report", "2025-12-15", "2025-12-15", "upcoming")]
    found = api.due(repo, days=365, unit=MINISTRY)
    assert rows(found)[-1] == ("final_review", None, "2025-12-31", "upcoming")
    assert found.until == D("2025-12-31")  # no later than the phase's end: t5 (2026) is not listed


def test_due_on_as_of_is_today_and_zero_days_lists_only_that_and_the_overdue(make_repo):
    repo = load(make_repo, [], [plan(tasks=TASKS)])
    found = api.due(repo, days=0, unit=MINISTRY, as_of=D("2025-10-20"))
    assert rows(found) == [("task", "t1", "2025-09-15", "overdue"), ("task", "t2", "2025-10-20", "today")]


def test_a_task_done_late_is_done_and_one_done_after_as_of_is_open(make_repo):
    late = event(date="2025-09-20", plan_task="t1")
    repo = load(make_repo, [late], [plan(tasks=TASKS[:1])])
    assert rows(api.due(repo, days=10, unit=MINISTRY)) == []
    before = api.due(repo, days=10, unit=MINISTRY, as_of=D("2025-09-18"))  # the record is not yet there
    assert rows(before) == [("task", "t1", "2025-09-15", "overdue")]


def test_a_record_with_errors_answers_nothing(make_repo):
    broken = event(date="2025-09-20", plan_task="t1", mode="by_pigeon")
    repo = load(make_repo, [broken], [plan(tasks=TASKS[:1])])
    assert rows(api.due(repo, days=10, unit=MINISTRY)) == [("task", "t1", "2025-09-15", "overdue")]


def test_a_report_answers_one_due_date_in_date_order(make_repo):
    settings = SETTINGS.replace("report_due: [2025-12-15]", "report_due: [2025-10-15, 2025-12-15]")
    repo = load(make_repo, [report(date="2025-10-20")], today=D("2025-11-01"), settings=settings)
    # the late report of 20/10 answers 15/10 (late is 3.e's to say); 15/12 is still open
    assert rows(api.due(repo, days=50, unit=MINISTRY)) == [("report", "2025-12-15", "2025-12-15", "upcoming")]
    none_sent = api.due(repo, days=50, unit=PRESS)
    assert rows(none_sent) == [("report", "2025-10-15", "2025-10-15", "overdue"),
                               ("report", "2025-12-15", "2025-12-15", "upcoming")]


def test_answered_in_order_is_one_answer_per_due_date():
    dues = [D("2025-12-15"), D("2025-06-15")]
    assert answered_in_order(dues, [D("2025-07-01")]) == [(D("2025-06-15"), D("2025-07-01")), (D("2025-12-15"), None)]
    assert answered_in_order(dues, []) == [(D("2025-06-15"), None), (D("2025-12-15"), None)]


def test_reviews_are_answered_by_an_event_of_their_kind_one_each(make_repo):
    reviews = [{"kind": "inspection", "due": "2025-09-20"}, {"kind": "inspection", "due": "2025-10-15"},
               {"kind": "supervision", "due": "2025-09-25", "note": "Giám sát chi bộ"}]
    held = [event(kind="inspection", date="2025-09-22"), event(kind="dissemination", date="2025-09-24")]
    repo = load(make_repo, held, [plan(reviews=reviews)])
    found = api.due(repo, days=30, unit=MINISTRY)
    assert rows(found) == [("review", "supervision", "2025-09-25", "overdue"),
                           ("review", "inspection-2", "2025-10-15", "upcoming")]
    assert found.items[0].params == {"review_kind": "supervision", "note": "Giám sát chi bộ"}


def test_the_final_review_only_when_the_phase_has_an_end(make_repo):
    open_ended = SETTINGS.replace("phase_end: 2025-12-31\n", "")
    repo = load(make_repo, settings=open_ended)
    found = api.due(repo, days=3650, unit=MINISTRY)
    assert found.phase.end is None and [i.kind for i in found.items] == ["report"]
    repo = load(make_repo)
    assert [i.kind for i in api.due(repo, days=3650, unit=MINISTRY).items] == ["report", "final_review"]


def test_a_final_review_event_closes_it(make_repo):
    held = load(make_repo, [event(kind="final_review", date="2025-09-30")])
    assert [i.kind for i in api.due(held, days=365, unit=MINISTRY).items] == ["report"]
    assert [i.kind for i in api.due(held, days=365, unit=PRESS).items] == ["report", "final_review"]


def test_a_final_review_the_plan_schedules_stands_for_the_phases(make_repo):
    planned = load(make_repo, [], [plan(reviews=[{"kind": "final_review", "due": "2025-12-20"}])])
    assert rows(api.due(planned, days=365, unit=MINISTRY)) == [
        ("report", "2025-12-15", "2025-12-15", "upcoming"), ("review", "final_review", "2025-12-20", "upcoming")]


def test_a_channel_comes_due_at_its_last_date_plus_its_cadence(make_repo):
    kept = channel(started="2025-09-01", cadence_days=14, updates=["2025-09-15"])
    repo = load(make_repo, [kept], today=D("2025-09-20"))
    found = api.due(repo, days=30, unit=MINISTRY)
    assert rows(found, "kind", "due", "state") == [("channel", "2025-09-29", "upcoming")]
    assert found.items[0].days(found.as_of) == 9
    # as of a day before the update, the channel's last date is its start
    earlier = api.due(repo, days=30, unit=MINISTRY, as_of=D("2025-09-10"))
    assert rows(earlier, "kind", "due", "state") == [("channel", "2025-09-15", "upcoming")]


def test_a_channel_next_update_after_the_phase_is_not_listed(make_repo):
    kept = channel(started="2025-12-01", cadence_days=14, updates=["2025-12-20"])
    repo = load(make_repo, [kept], today=D("2025-12-25"))
    assert [i.kind for i in api.due(repo, days=30, unit=MINISTRY).items] == ["report", "final_review"]


def test_items_of_one_day_are_in_vietnamese_order_of_unit_then_kind(make_repo):
    repo = load(make_repo, [], [plan(tasks=[{"id": "z", "title": "Báo cáo", "due": "2025-12-15"}])])
    found = api.due(repo, days=90)
    on_the_day = [(i.unit_id, i.kind) for i in found.items if i.due == D("2025-12-15")]
    # Bộ Y tế before Đài Truyền hình Việt Nam (B before Đ); a task before a report
    assert on_the_day == [(MINISTRY, "task"), (MINISTRY, "report"), (PRESS, "report")]


UNITS_MOVING = UNITS + """\
  - id: bo-ngoai-giao
    name: Đảng ủy Bộ Ngoại giao
    kind: ministry
    received: 2026-03-02
  - id: tap-doan-than
    name: Đảng ủy Tập đoàn Than
    kind: enterprise
    until: 2025-09-30
"""
PLAN_2026 = {"plans/2026/bo-y-te.yaml": yaml.safe_dump(
    plan(tasks=[{"id": "n1", "title": "Quán triệt năm 2026", "due": "2026-03-10"}]), allow_unicode=True)}


def test_a_transferred_unit_is_not_listed(make_repo):
    repo = load(make_repo, units=UNITS_MOVING, today=D("2025-10-01"))
    assert "tap-doan-than" not in {i.unit_id for i in api.due(repo, days=90).items}
    before = api.due(repo, days=90, as_of=D("2025-09-20"))  # before it left, it is
    assert ("tap-doan-than", "report") in {(i.unit_id, i.kind) for i in before.items}


def test_phase_picked_and_current_phase_and_a_unit_received_after_the_phase(make_repo):
    repo = load(make_repo, [], [plan(tasks=TASKS[:1])], today=D("2026-03-05"), settings=TWO_PHASES,
                units=UNITS_MOVING, files=PLAN_2026)
    current = api.due(repo)
    assert (current.phase.id, current.as_of, current.phase_over) == ("2026", D("2026-03-05"), False)
    assert rows(current, "unit_id", "kind", "ref", "due", "state") == [
        (MINISTRY, "task", "n1", "2026-03-10", "upcoming")]  # the plan for 2026, not the general one
    past = api.due(repo, phase="2025")
    assert (past.phase.id, past.as_of, past.phase_over) == ("2025", D("2025-12-31"), True)
    units = {i.unit_id for i in past.items}
    assert units == {MINISTRY, PRESS}  # bo-ngoai-giao (received 2026) takes no part; tap-doan-than left
    assert rows(past, "unit_id", "kind", "ref", "due", "state") == [
        (MINISTRY, "task", "t1", "2025-09-15", "overdue"),
        (MINISTRY, "report", "2025-12-15", "2025-12-15", "overdue"),
        (PRESS, "report", "2025-12-15", "2025-12-15", "overdue"),
        (MINISTRY, "final_review", None, "2025-12-31", "today"),
        (PRESS, "final_review", None, "2025-12-31", "today"),
    ]
    later = api.due(repo, days=120, as_of=D("2026-03-10"))
    assert "bo-ngoai-giao" in {i.unit_id for i in later.items}  # received inside 2026: listed in it


def test_an_as_of_after_the_phase_is_taken_as_its_end(make_repo):
    repo = load(make_repo, today=D("2026-03-05"))
    found = api.due(repo, as_of=D("2026-01-15"), unit=MINISTRY)
    assert (found.as_of, found.requested) == (D("2025-12-31"), D("2026-01-15"))


def test_one_unit_by_what_the_user_typed_and_bad_options_are_setup_errors(make_repo):
    repo = load(make_repo, [], [plan(tasks=TASKS[:1])])
    found = api.due(repo, unit="Bộ Y tế")
    assert {i.unit_id for i in found.items} == {MINISTRY} and found.unit_name == "Đảng ủy Bộ Y tế"
    for bad in ({"unit": "bo-khong-co"}, {"phase": "2030"}, {"days": -1}, {"as_of": D("2025-01-01")}):
        with pytest.raises(SetupError):
            api.due(repo, **bad)
