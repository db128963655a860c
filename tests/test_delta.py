"""evaluate.delta: two statuses compared, the one comparison behind `diff` and the job summary."""

from __future__ import annotations

from datetime import date

from conftest import UNITS
from dxtrack import api
from dxtrack.evaluate.delta import before_window, compare
from dxtrack.render.summary import status_moves

AS_OF = date(2025, 10, 1)
SEMINAR = ("type: event\nunit: bo-y-te\nkind: seminar\ntitle: Tọa đàm\ndate: 2025-09-01\nmode: online\n"
           "topics: [models]\n")
NOI_VU = "  - id: bo-noi-vu\n    name: Đảng ủy Bộ Nội vụ\n    kind: ministry\n"


def status(make_repo, files=None, units=UNITS):
    return api.evaluate(api.load_repo(make_repo(files, units=units)), AS_OF)


def test_units_in_the_after_order_then_those_gone(make_repo):
    before = status(make_repo, units=UNITS + NOI_VU)
    after = status(make_repo, {"activities/bo-y-te/2025-09-01-toa-dam.yaml": SEMINAR})
    delta = compare(before, after)
    assert [(u.id, u.state_before, u.state_after) for u in delta.units] == [
        ("bo-y-te", "active", "active"), ("dai-truyen-hinh-viet-nam", "active", "active"),
        ("bo-noi-vu", "active", "absent")]
    assert [u.id for u in delta.changed] == ["bo-y-te", "bo-noi-vu"] and delta.unchanged == 1
    assert ("2.1.d", "missing", "met") in [(m.id, m.before, m.after) for m in delta.units[0].moves]
    assert delta.units[2].moves == () and delta.units[2].score_after is None


def test_no_state_before_makes_every_unit_new(make_repo):
    delta = compare(None, status(make_repo))
    assert [(u.state_before, u.score_before, u.counts_before, u.moves) for u in delta.units] == [
        ("absent", None, None, ())] * 2
    assert [m.what for m in status_moves(delta)] == ["unit", "unit"]  # the summary: one line each


def test_a_unit_back_from_transferred_moves_every_requirement(make_repo):
    owners = '    owners: ["@dang-uy/bo-y-te"]\n'
    gone = UNITS.replace(owners, owners + "    until: 2025-09-20\n")
    before, after = status(make_repo, units=gone), status(make_repo)
    [unit] = compare(before, after).changed
    assert (unit.state_before, unit.state_after, unit.score_before) == ("transferred", "active", None)
    assert {m.before for m in unit.moves} == {None} and len(unit.moves) == len(after.requirements)


def test_records_alone_are_a_change_but_not_of_status(make_repo):
    late = SEMINAR.replace("2025-09-01", "2025-09-25").replace("topics: [models]\n", "")
    base = {"activities/bo-y-te/2025-09-01-toa-dam.yaml": SEMINAR}
    before = status(make_repo, base)
    after = status(make_repo, {**base, "activities/bo-y-te/2025-09-25-toa-dam.yaml": late})
    changed = compare(before, after).changed
    assert [(u.id, u.counts_before["event"], u.counts_after["event"]) for u in changed] == [("bo-y-te", 1, 2)]


def test_before_window_keeps_the_phase_id_and_the_day(make_repo):
    repo = api.load_repo(make_repo())
    win, missing = before_window(repo, "2025", AS_OF)
    assert (win.phase.id, win.as_of, missing) == ("2025", AS_OF, False)
    win, missing = before_window(repo, "2026", date(2026, 3, 1))  # no such phase there
    assert (win.phase.id, win.as_of, missing) == ("2025", date(2025, 12, 31), True)
