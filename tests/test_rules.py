"""The evaluators, one test group per requirement id of SPEC §3.

Each case builds a tiny tracker repo in tmp_path (default settings: received
2025-08-20, phase_end 2025-12-31, report_due [2025-12-15], thresholds 15/30/3), runs
the real `dxtrack status --format json --as-of ...`, and asserts the status of one
requirement for one unit, and where it matters the exact reason.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import pytest
import yaml

from conftest import SETTINGS, UNITS

MINISTRY = "bo-y-te"
PRESS = "dai-truyen-hinh-viet-nam"
_serial = itertools.count(1)


# ---------------------------------------------------------------- record builders

def record(type_: str, when: str, unit: str = MINISTRY, **fields) -> dict:
    title = fields.pop("title", f"{type_} {next(_serial)}")
    return {"type": type_, "unit": unit, "title": title, **fields, "_when": when}


def event(kind="dissemination", date="2025-09-01", mode="in_person", **kw) -> dict:
    return record("event", date, kind=kind, date=date, mode=mode, **kw)


def product(kind="article", published="2025-09-01", channels=("website",), **kw) -> dict:
    return record("product", published, kind=kind, published=published, channels=list(channels), **kw)


def channel(kind="section", outlet="website", started="2025-09-01", cadence_days=7, updates=(), **kw) -> dict:
    return record("channel", started, kind=kind, outlet=outlet, started=started,
                  cadence_days=cadence_days, updates=list(updates), **kw)


def report(date="2025-12-10", **kw) -> dict:
    return record("report", date, date=date, **kw)


FULL_PLAN = {
    "number": "45-KH/ĐU", "issued": "2025-08-28", "title": "Kế hoạch truyền thông",
    "audiences": ["party_members"], "platforms": ["website"],
    "resources": {"staff": "Ban Tuyên giáo, 3 cán bộ", "means": "Cổng TTĐT", "budget_vnd": 150000000},
    "tasks": [{"id": "t1", "title": "Hội nghị quán triệt", "owner": "Ban Tuyên giáo", "due": "2025-09-15"}],
    "reviews": [{"kind": "final_review", "due": "2025-12-31"}],
}


def plan(unit: str = MINISTRY, **fields) -> dict:
    return {"unit": unit, "title": "Kế hoạch truyền thông chuyển đổi số", **fields}


def repo_files(records=(), plans=()) -> dict[str, str]:
    """{path: yaml text} for make_repo: each record in its unit's folder, each plan in plans/."""
    files = {}
    for rec in records:
        body = {k: v for k, v in rec.items() if k != "_when"}
        name = f"activities/{rec['unit']}/{rec['_when']}-r{next(_serial)}.yaml"
        files[name] = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    for p in plans:
        files[f"plans/{p['unit']}.yaml"] = yaml.safe_dump(p, allow_unicode=True, sort_keys=False)
    return files


def status_json(cli, root, as_of: str) -> dict:
    result = cli(["status", "--repo", root, "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def unit_json(cli, root, as_of: str, unit: str = MINISTRY) -> dict:
    return next(u for u in status_json(cli, root, as_of)["units"] if u["id"] == unit)


@pytest.fixture
def evaluate(make_repo, cli):
    """evaluate(req_id, records, plans, as_of, unit, settings) → (status, reasons)."""

    def run(req_id, records=(), plans=(), as_of="2025-12-31", unit=MINISTRY, settings=SETTINGS, units=UNITS):
        root = make_repo(repo_files(records, plans), settings=settings, units=units)
        found = unit_json(cli, root, as_of, unit)["requirements"][req_id]
        return found["status"], [r["text"] for r in found["reasons"]]

    return run


def check(evaluate, req_id, expected, records=(), plans=(), reason=None, **kw):
    status, reasons = evaluate(req_id, records, plans, **kw)
    assert status == expected, reasons
    if reason is not None:
        assert reason in reasons, reasons
    if expected != "met":
        assert reasons, "every status but met carries reasons"
    return reasons


# ---------------------------------------------------------------- 1.1

@pytest.mark.parametrize("records, expected, reason", [
    ([event(audiences=["leaders", "party_members", "workers"])], "met", None),
    ([event(audiences=["party_committees"]), event(audiences=["party_members", "civil_servants"])], "met", None),
    ([event(audiences=["party_members"])], "partial",
     "Hội nghị quán triệt chưa đến: cấp ủy, tổ chức đảng hoặc người đứng đầu, lãnh đạo; "
     "công chức, viên chức hoặc người lao động."),
    ([event(audiences=["citizens"])], "missing", None),
    ([event(kind="training", audiences=["leaders", "party_members", "workers"])], "missing",
     "Chưa có hội nghị quán triệt."),
    ([], "missing", "Chưa có hội nghị quán triệt."),
], ids=["one-event", "two-events-together", "members-only", "wrong-audience", "not-dissemination", "none"])
def test_1_1_dissemination_audiences(evaluate, records, expected, reason):
    check(evaluate, "1.1", expected, records, reason=reason)


# ---------------------------------------------------------------- 1.2

@pytest.mark.parametrize("records, expected, reason", [
    ([product(channels=["online_press", "website"])], "met", None),
    ([product(channels=["television"]), product(channels=["social"])], "met", None),
    ([product(channels=["website"])], "partial",
     "Chưa có sản phẩm trên báo in, báo điện tử, phát thanh hoặc truyền hình."),
    ([product(channels=["radio"])], "partial",
     "Chưa có sản phẩm trên nền tảng số, trang thông tin điện tử hoặc mạng xã hội."),
    ([product(channels=["internal"]), channel(outlet="print")], "missing", None),
    ([], "missing", None),
], ids=["both", "two-products", "digital-only", "press-only", "internal-and-channel-outlet", "none"])
def test_1_2_outlets_count_only_products(evaluate, records, expected, reason):
    check(evaluate, "1.2", expected, records, reason=reason)


# ---------------------------------------------------------------- 1.3

@pytest.mark.parametrize("plans, expected, reason", [
    ([plan(**FULL_PLAN)], "met", None),
    ([plan(**{**FULL_PLAN, "resources": {"staff": "x", "means": "y", "budget_vnd": 0}})], "met", None),
    ([plan(number="45-KH/ĐU", issued="2025-08-28")], "partial",
     "Kế hoạch chưa ghi: đối tượng truyền thông, nhân sự, phương tiện, kinh phí, nền tảng truyền thông."),
    ([plan(number="45-KH/ĐU", audiences=["leaders"], platforms=["zalo"])], "partial",
     "Kế hoạch chưa ghi: số ký hiệu và ngày ban hành, nhân sự, phương tiện, kinh phí."),
    ([plan()], "missing", None),
    ([], "missing", "Chưa có kế hoạch truyền thông."),
], ids=["full", "zero-budget-counts", "number-only", "no-issue-date", "title-only", "no-plan"])
def test_1_3_plan_contents(evaluate, plans, expected, reason):
    check(evaluate, "1.3", expected, plans=plans, reason=reason)


@pytest.mark.parametrize("as_of, expected", [("2025-10-01", "missing"), ("2025-10-02", "met"), ("2025-12-31", "met")])
def test_a_plan_counts_only_from_its_issue_date(evaluate, as_of, expected):
    """SPEC §2.3: before `issued` the unit has no plan (1.3 missing with "no plan"), on it, it has."""
    issued_later = plan(**{**FULL_PLAN, "issued": "2025-10-02"})
    reasons = check(evaluate, "1.3", expected, plans=[issued_later], as_of=as_of)
    if expected == "missing":
        assert reasons == ["Chưa có kế hoạch truyền thông."]


def test_the_unit_detail_lists_no_tasks_of_a_plan_not_yet_issued(make_repo, cli):
    root = make_repo(repo_files(plans=[plan(**{**FULL_PLAN, "issued": "2025-10-02"})]), settings=SETTINGS, units=UNITS)
    before = cli(["status", MINISTRY, "--repo", root, "--as-of", "2025-09-20"])
    after = cli(["status", MINISTRY, "--repo", root, "--as-of", "2025-10-05"])
    assert before.exit_code == after.exit_code == 0
    assert "Hội nghị quán triệt" not in before.stdout and "Hội nghị quán triệt" in after.stdout


# ---------------------------------------------------------------- 1.4

def test_1_4_met(evaluate):
    check(evaluate, "1.4", "met", [event(kind="commendation")], [plan(**FULL_PLAN)])


def test_1_4_partial_names_task_without_owner(evaluate):
    tasks = [{"id": "t1", "title": "a", "owner": "Ban Tuyên giáo"}, {"id": "t2", "title": "b"}]
    reasons = check(evaluate, "1.4", "partial", [], [plan(tasks=tasks, reviews=[{"kind": "inspection", "due": "2025-10-01"}])],
                    reason="Nhiệm vụ chưa phân công người, tập thể phụ trách: t2 “b”.")
    assert "Chưa có biểu dương, nhân rộng mô hình." in reasons


def test_1_4_empty_every_fails(evaluate):
    """A plan with no task fails "every task has an owner"; no review, no commendation: missing."""
    reasons = check(evaluate, "1.4", "missing", [], [plan()], reason="Kế hoạch chưa có nhiệm vụ nào.")
    assert "Kế hoạch chưa có lịch kiểm tra, giám sát, sơ kết hoặc tổng kết." in reasons


def test_1_4_no_plan_commendation_only_is_partial(evaluate):
    check(evaluate, "1.4", "partial", [event(kind="commendation")], [],
          reason="Chưa có kế hoạch truyền thông.")


# ---------------------------------------------------------------- 2.1.a – 2.1.e

TOPICS = [("2.1.a", "significance"), ("2.1.b", "plan02"), ("2.1.c", "public_services"),
          ("2.1.d", "models"), ("2.1.e", "counter_misinformation")]


@pytest.mark.parametrize("req_id, topic", TOPICS)
def test_2_1_topic_met_by_event(evaluate, req_id, topic):
    check(evaluate, req_id, "met", [event(kind="seminar", topics=[topic])])


@pytest.mark.parametrize("req_id, topic", TOPICS)
def test_2_1_topic_met_by_product(evaluate, req_id, topic):
    check(evaluate, req_id, "met", [product(topics=[topic])])


@pytest.mark.parametrize("req_id, topic", TOPICS)
def test_2_1_topic_partial_when_only_planned(evaluate, req_id, topic):
    tasks = [{"id": "t1", "title": "Tuyên truyền", "topics": [topic]}]
    reasons = check(evaluate, req_id, "partial", [channel(topics=[topic])], [plan(tasks=tasks)])
    assert reasons[0].endswith("mới có trong kế hoạch, chưa có hoạt động hay sản phẩm.")


@pytest.mark.parametrize("req_id, topic", TOPICS)
def test_2_1_topic_missing(evaluate, req_id, topic):
    other = next(t for _r, t in TOPICS if t != topic)
    reasons = check(evaluate, req_id, "missing", [event(topics=[other]), channel(topics=[topic])])
    assert reasons[0].startswith("Chưa có hoạt động hay sản phẩm về “")


def test_2_1_e_reason_names_the_topic(evaluate):
    check(evaluate, "2.1.e", "missing", [],
          reason="Chưa có hoạt động hay sản phẩm về “đấu tranh, phản bác thông tin sai trái”.")


# ---------------------------------------------------------------- 2.1.f

@pytest.mark.parametrize("modes, expected, reason", [
    (["hybrid"], "met", None),
    (["in_person", "online"], "met", None),
    (["in_person"], "partial", "Chưa có hoạt động trực tuyến."),
    (["online"], "partial", "Chưa có hoạt động trực tiếp."),
    ([], "missing", "Chưa có hoạt động trực tiếp và trực tuyến."),
])
def test_2_1_f_modes(evaluate, modes, expected, reason):
    records = [event(kind="training", mode=m) for m in modes]
    check(evaluate, "2.1.f", expected, records, reason=reason)


# ---------------------------------------------------------------- 2.1.g

@pytest.mark.parametrize("kinds, expected", [
    (["party_cell_session", "cultural_event"], "met"),
    (["party_cell_session", "emulation"], "met"),
    (["party_cell_session"], "partial"),
    (["mass_org_session"], "partial"),
    (["dissemination"], "missing"),
])
def test_2_1_g_party_cell_and_mass_life(evaluate, kinds, expected):
    check(evaluate, "2.1.g", expected, [event(kind=k) for k in kinds])


# ---------------------------------------------------------------- 2.1.h

AUD = {"audiences": ["citizens"]}


@pytest.mark.parametrize("records, expected, reason", [
    ([product("infographic", **AUD), product("video_clip", **AUD), product("podcast", **AUD)], "met", None),
    ([product("infographic", **AUD), product("video_clip", **AUD), product("podcast", title="Podcast số 1")],
     "partial", "Sản phẩm chưa ghi đối tượng tiếp nhận: “Podcast số 1”."),
    ([product("infographic", **AUD), product("infographic", **AUD)], "partial",
     "Sản phẩm mới có 1 loại (infographic); cần ít nhất 3 loại."),
    ([product("infographic"), product("article")], "missing", None),
    ([], "missing", "Chưa có sản phẩm truyền thông nào."),
], ids=["three-kinds", "one-without-audience", "one-kind", "two-kinds-no-audience", "no-products"])
def test_2_1_h_products(evaluate, records, expected, reason):
    check(evaluate, "2.1.h", expected, records, reason=reason)


def test_2_1_h_threshold_comes_from_settings(evaluate):
    settings = SETTINGS.replace("min_product_kinds: 3", "min_product_kinds: 1")
    check(evaluate, "2.1.h", "met", [product("article", **AUD)], settings=settings)


# ---------------------------------------------------------------- 2.1.i

KEPT = channel(started="2025-09-01", cadence_days=7, updates=["2025-09-08"])


@pytest.mark.parametrize("as_of, expected", [
    ("2025-09-15", "met"),       # 7 days after the last update: still kept up (≤ includes N)
    ("2025-09-16", "partial"),   # 8 days: stale
])
def test_2_1_i_kept_up_edge(evaluate, as_of, expected):
    check(evaluate, "2.1.i", expected, [KEPT], as_of=as_of)


def test_2_1_i_stale_reason(evaluate):
    check(evaluate, "2.1.i", "partial", [KEPT], as_of="2025-11-02",
          reason="Chưa có chuyên mục nào được cập nhật trong 7 ngày qua (lần cuối 08/09/2025).")


def test_2_1_i_updates_after_as_of_do_not_count(evaluate):
    stale = channel(started="2025-09-01", cadence_days=7, updates=["2025-09-08", "2025-09-20"])
    check(evaluate, "2.1.i", "partial", [stale], as_of="2025-09-16",
          reason="Chưa có chuyên mục nào được cập nhật trong 7 ngày qua (lần cuối 08/09/2025).")


def test_2_1_i_started_counts_when_no_updates(evaluate):
    check(evaluate, "2.1.i", "met", [channel(started="2025-09-01", cadence_days=30)], as_of="2025-10-01")


def test_2_1_i_missing_without_channel(evaluate):
    check(evaluate, "2.1.i", "missing", [product()],
          reason="Chưa có chuyên trang, chuyên mục, loạt bài hoặc bản tin định kỳ.")


# ---------------------------------------------------------------- 2.2.a – 2.2.d (press only)

@pytest.mark.parametrize("req_id", ["2.2.a", "2.2.b", "2.2.c", "2.2.d"])
def test_2_2_not_applicable_to_a_ministry(evaluate, req_id):
    check(evaluate, req_id, "n/a", [product(channels=["print"])], [plan(**FULL_PLAN)])


@pytest.mark.parametrize("records, plans, expected, reason", [
    ([product(unit=PRESS, channels=["print", "online_press", "radio"]),
      product(unit=PRESS, channels=["television", "digital_platform"])], [plan(PRESS)], "met", None),
    ([product(unit=PRESS, channels=["print"])], [plan(PRESS)], "partial",
     "Chưa có sản phẩm trên báo điện tử, phát thanh, truyền hình, nền tảng số."),
    ([product(unit=PRESS, channels=["print", "online_press", "radio", "television", "digital_platform"])], [],
     "partial", "Chưa có kế hoạch truyền thông."),
    ([product(unit=PRESS, channels=["website", "social"])], [], "missing", None),
], ids=["all-five", "print-only", "no-plan", "none"])
def test_2_2_a_every_press_type(evaluate, records, plans, expected, reason):
    check(evaluate, "2.2.a", expected, records, plans, reason=reason, unit=PRESS)


@pytest.mark.parametrize("records, expected, reason", [
    ([product(unit=PRESS, topics=["plan02", "models", "counter_misinformation"])], "met", None),
    ([product(unit=PRESS, topics=["plan02"])], "partial",
     "Chưa có sản phẩm về: điển hình tiên tiến, mô hình hiệu quả; đấu tranh, phản bác thông tin sai trái."),
    ([event(unit=PRESS, topics=["plan02", "models", "counter_misinformation"])], "missing", None),
], ids=["all", "plan02-only", "events-do-not-count"])
def test_2_2_b_product_topics(evaluate, records, expected, reason):
    check(evaluate, "2.2.b", expected, records, reason=reason, unit=PRESS)


@pytest.mark.parametrize("records, expected, reason", [
    ([event(unit=PRESS, kind="talkshow", leaders=["Lãnh đạo Ban Chỉ đạo Trung ương"]),
      product(unit=PRESS, kind="video_clip")], "met", None),
    ([event(unit=PRESS, kind="seminar"), product(unit=PRESS, kind="reportage")], "partial",
     "Talkshow, tọa đàm hoặc giao lưu trực tuyến chưa ghi lãnh đạo tham gia (trường leaders)."),
    ([event(unit=PRESS, kind="dissemination", leaders=["Bộ trưởng"]), product(unit=PRESS, kind="article")],
     "missing", "Chưa có sản phẩm: video clip, phóng sự, phim tài liệu hoặc infographic."),
], ids=["both", "seminar-without-leaders", "neither"])
def test_2_2_c_programmes_and_multimedia(evaluate, records, expected, reason):
    check(evaluate, "2.2.c", expected, records, reason=reason, unit=PRESS)


PARTNERS = ["Văn phòng Trung ương Đảng", "Ban Tuyên giáo và Dân vận Trung ương"]


@pytest.mark.parametrize("records, expected, reason", [
    ([channel(unit=PRESS, kind="dedicated_page", started="2025-12-28"),
      event(unit=PRESS, kind="coordination", partners=PARTNERS),
      event(unit=PRESS, kind="seminar", partners=["bộ văn hóa thể thao và du lịch"])], "met", None),
    ([channel(unit=PRESS, kind="article_series", started="2025-12-28"),
      event(unit=PRESS, kind="coordination", partners=PARTNERS)], "partial",
     "Chưa ghi phối hợp với: Bộ Văn hóa, Thể thao và Du lịch."),
    ([channel(unit=PRESS, kind="section", started="2025-09-01"), event(unit=PRESS)], "missing",
     "Chưa ghi phối hợp với: Văn phòng Trung ương Đảng; Ban Tuyên giáo và Dân vận Trung ương; "
     "Bộ Văn hóa, Thể thao và Du lịch."),
], ids=["kept-up-and-all-partners", "one-partner-missing", "stale-and-no-partners"])
def test_2_2_d_channels_and_partners(evaluate, records, expected, reason):
    check(evaluate, "2.2.d", expected, records, reason=reason, unit=PRESS)


# ---------------------------------------------------------------- 3.a

@pytest.mark.parametrize("records, as_of, expected, reason", [
    ([event(date="2025-09-04")], "2025-12-31", "met", None),           # 15 days after 20/08: within
    ([event(date="2025-09-05")], "2025-12-31", "partial",
     "Hoạt động đầu tiên ngày 05/09/2025, 16 ngày sau khi nhận văn bản (cần trong 15 ngày)."),
    ([], "2025-09-04", "not_due", "Còn trong thời hạn 15 ngày kể từ khi nhận văn bản (đến 04/09/2025)."),
    ([], "2025-09-05", "missing", "Chưa có hoạt động nào kể từ khi nhận văn bản ngày 20/08/2025."),
    ([event(date="2025-09-10")], "2025-09-04", "not_due", None),      # a record after as_of does not count
], ids=["day-15", "day-16", "window-open", "window-closed", "future-record"])
def test_3_a_start_at_once(evaluate, records, as_of, expected, reason):
    check(evaluate, "3.a", expected, records, as_of=as_of, reason=reason)


def test_3_a_uses_the_units_own_received(evaluate):
    units = "units:\n  - {id: bo-y-te, name: Đảng ủy Bộ Y tế, kind: ministry, received: 2025-09-01}\n"
    check(evaluate, "3.a", "met", [event(date="2025-09-16")], units=units)


# ---------------------------------------------------------------- 3.b

TASKS = [{"id": "t1", "title": "Quán triệt", "due": "2025-09-15"},
         {"id": "t2", "title": "Tọa đàm", "due": "2025-10-15"}]


@pytest.mark.parametrize("records, as_of, expected, reason", [
    ([event(date="2025-09-10", plan_task="t1")], "2025-09-30", "met", None),
    ([event(date="2025-09-15", plan_task="t1"), event(date="2025-10-01", plan_task="t2")], "2025-12-31", "met", None),
    ([event(date="2025-09-10", plan_task="t1")], "2025-10-20", "partial",
     "Nhiệm vụ đến hạn chưa có hoạt động: t2 (hạn 15/10/2025)."),
    ([event(date="2025-09-10", plan_task="t1"), event(date="2025-10-20", plan_task="t2")], "2025-10-31",
     "partial", "Nhiệm vụ thực hiện muộn: t2 (hạn 15/10/2025, thực hiện 20/10/2025)."),
    ([event(date="2025-09-10")], "2025-09-15", "missing",
     "Nhiệm vụ đến hạn chưa có hoạt động: t1 (hạn 15/09/2025)."),
    ([], "2025-09-14", "not_due", "Chưa có nhiệm vụ nào đến hạn (hạn gần nhất 15/09/2025)."),
], ids=["first-done", "both-done", "second-undone", "second-late", "due-today-undone", "nothing-due"])
def test_3_b_tasks_on_time(evaluate, records, as_of, expected, reason):
    check(evaluate, "3.b", expected, records, [plan(tasks=TASKS)], as_of=as_of, reason=reason)


def test_3_b_missing_without_plan(evaluate):
    check(evaluate, "3.b", "missing", [event()], reason="Chưa có kế hoạch truyền thông.")


def test_3_b_empty_every_fails(evaluate):
    """A plan with no dated task never can be on time: missing, not 'not due'."""
    check(evaluate, "3.b", "missing", [], [plan(tasks=[{"id": "t1", "title": "x"}])],
          reason="Kế hoạch chưa có nhiệm vụ nào ghi thời hạn (trường due).")


# ---------------------------------------------------------------- 3.c

@pytest.mark.parametrize("records, as_of, expected", [
    ([event(date="2025-09-01")], "2025-10-01", "met"),        # gaps 12, 30: ≤ 30 includes N
    ([event(date="2025-09-01")], "2025-10-02", "partial"),    # 31
    ([event(date="2025-09-01")], "2025-10-31", "partial"),    # 60 = twice the limit
    ([event(date="2025-09-01")], "2025-11-01", "missing"),    # 61
    ([], "2025-09-19", "met"),                                # 30 days since receipt, nothing yet
    ([], "2025-09-20", "partial"),
    ([channel(started="2025-09-01", updates=["2025-09-25"])], "2025-10-20", "met"),  # updates are records
    ([event(date="2025-09-01"), event(date="2025-11-15")], "2025-10-31", "partial"),  # not counted yet
], ids=["30", "31", "60", "61", "empty-30", "empty-31", "channel-updates", "future-record"])
def test_3_c_longest_gap(evaluate, records, as_of, expected):
    check(evaluate, "3.c", expected, records, as_of=as_of)


def test_3_c_reason_names_the_gap(evaluate):
    check(evaluate, "3.c", "missing", [event(date="2025-08-25"), event(date="2025-11-05")], as_of="2025-11-10",
          reason="Có 72 ngày liền không có hoạt động (25/08/2025 – 05/11/2025); tối đa 30 ngày.")


# ---------------------------------------------------------------- 3.d

@pytest.mark.parametrize("records, as_of, expected, reason", [
    ([event(kind="final_review", date="2025-11-30")], "2025-12-01", "met", None),
    ([event(kind="preliminary_review", date="2025-10-30")], "2025-12-30", "not_due",
     "Chưa hết giai đoạn (kết thúc 31/12/2025)."),
    # due on the phase's last day: the default as-of once the phase is over
    ([], "2025-12-31", "missing", "Chưa tổ chức tổng kết cuối giai đoạn (giai đoạn kết thúc 31/12/2025)."),
    ([], "2026-01-01", "missing", "Chưa tổ chức tổng kết cuối giai đoạn (giai đoạn kết thúc 31/12/2025)."),
    ([event(kind="final_review", date="2025-12-30")], "2026-01-05", "met", None),
], ids=["held-early", "phase-open", "phase-last-day", "phase-over", "held"])
def test_3_d_final_review(evaluate, records, as_of, expected, reason):
    check(evaluate, "3.d", expected, records, as_of=as_of, reason=reason)


def test_3_a_and_3_c_count_communication_not_result_reports(evaluate):
    """SPEC §3: a result report sent upward is not communication: it neither starts the
    unit's communication (3.a) nor closes a gap in it (3.c)."""
    only_reports = [report("2025-08-25"), report("2025-09-20"), report("2025-10-20"), report("2025-11-20")]
    status, _ = evaluate("3.a", only_reports, as_of="2025-12-31")
    assert status == "missing"
    status, reasons = evaluate("3.c", [event(date="2025-08-25"), *only_reports], as_of="2025-12-31")
    assert status == "missing" and any("128 ngày" in r for r in reasons), reasons


# ---------------------------------------------------------------- 3.e

TWO_DUES = SETTINGS.replace("report_due: [2025-12-15]", "report_due: [2025-10-15, 2025-12-15]")


@pytest.mark.parametrize("records, as_of, settings, expected, reason", [
    ([report("2025-12-10")], "2025-12-12", SETTINGS, "met", None),       # sent before the due date
    ([report("2025-12-15")], "2025-12-31", SETTINGS, "met", None),       # on the day counts
    ([], "2025-12-14", SETTINGS, "not_due", "Chưa đến hạn báo cáo (15/12/2025)."),
    ([], "2025-12-15", SETTINGS, "missing", "Chưa gửi báo cáo kết quả (hạn 15/12/2025)."),  # due on its day
    ([], "2025-12-16", SETTINGS, "missing", "Chưa gửi báo cáo kết quả (hạn 15/12/2025)."),
    ([report("2025-12-20")], "2025-12-31", SETTINGS, "partial", "Báo cáo gửi muộn (hạn 15/12/2025, gửi 20/12/2025)."),
    ([report("2025-10-10")], "2025-12-31", TWO_DUES, "partial", "Chưa gửi báo cáo kết quả (hạn 15/12/2025)."),
    ([report("2025-10-10"), report("2025-12-01")], "2025-12-31", TWO_DUES, "met", None),
], ids=["early", "on-the-day", "not-yet-due", "due-today", "overdue", "late", "one-of-two", "both"])
def test_3_e_reports(evaluate, records, as_of, settings, expected, reason):
    check(evaluate, "3.e", expected, records, as_of=as_of, settings=settings, reason=reason)


# ---------------------------------------------------------------- score

@pytest.mark.parametrize("statuses, expected", [
    (["met"] * 15 + ["partial"] + ["missing"] * 4 + ["not_due"] * 2, 78),   # 77.5 → 78 (round() gives 78 too)
    (["partial"] + ["missing"] * 3, 13),                                      # 12.5 → 13 (round() would give 12)
    (["met", "missing", "missing"], 33),
    (["met", "met", "missing"], 67),
    (["met"] + ["n/a"] * 4, 100),
    (["not_due", "n/a"], None),
])
def test_score_rounds_half_up(statuses, expected):
    from dxtrack.evaluate.registry import score

    assert score(statuses) == expected


def test_score_in_status_output(make_repo, cli):
    """The score reported is 100 × (met + ½ partial) / counted, half up, from the statuses shown."""
    root = make_repo(repo_files([event(audiences=["party_members"]), product(channels=["website"])]))
    unit = unit_json(cli, root, "2025-09-10")
    statuses = [r["status"] for r in unit["requirements"].values()]
    counted = [s for s in statuses if s not in ("not_due", "n/a")]
    value = Fraction(100 * (2 * counted.count("met") + counted.count("partial")), 2 * len(counted))
    assert unit["score"] == int(value + Fraction(1, 2))
    assert statuses.count("n/a") == 4 and "not_due" in statuses


# ---------------------------------------------------------------- records that do not count

def test_records_with_errors_are_left_out(make_repo, cli):
    good = event(audiences=["leaders", "party_members", "workers"])
    root = make_repo({**repo_files([event(kind="commendation")]),
                      "activities/bo-y-te/2025-09-02-bad.yaml": yaml.safe_dump(
                          {k: v for k, v in good.items() if k != "_when"} | {"colour": "red"}, allow_unicode=True)})
    unit = unit_json(cli, root, "2025-12-31")
    assert unit["requirements"]["1.1"]["status"] == "missing"
    assert unit["counts"] == {"event": 1, "product": 0, "channel": 0, "report": 0}
