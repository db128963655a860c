"""The reason codes of `dxtrack.evaluate.reasons.REASONS`: documented, triggered, merged.

- docs/reasons.md lists exactly the codes of REASONS, in their order, with their meaning
  and parameters, and for each an example that is the real Vietnamese text of the case
  below that triggers it;
- every code is triggered through the real CLI (`dxtrack status --format json`) by one
  case of TRIGGERS, a data table: the code, the requirement and unit it shows on, the
  records and plans of a tiny tracker repo, the as-of date, and the exact parameters;
- reasons of one requirement with the same code are merged along their list parameter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import SETTINGS
from test_rules import (
    FULL_PLAN,
    MINISTRY,
    PRESS,
    channel,
    event,
    plan,
    product,
    repo_files,
    report,
)

from dxtrack.evaluate.reasons import REASONS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "reasons.md"


# ---------------------------------------------------------------- the trigger table

class Case(NamedTuple):
    code: str
    req: str                      # the requirement id the reason shows on
    unit: str
    records: tuple
    plans: tuple
    as_of: str
    params: dict                  # the exact parameters expected
    settings: str = SETTINGS


TASKS = [{"id": "t1", "title": "Quán triệt", "due": "2025-09-15"},
         {"id": "t2", "title": "Tọa đàm", "due": "2025-10-15"}]
AUD = {"audiences": ["citizens"]}
NO_REPORT_DUE = SETTINGS.replace("report_due: [2025-12-15]\n", "")
assert NO_REPORT_DUE != SETTINGS
NO_PHASE_END = SETTINGS.replace("phase_end: 2025-12-31\n", "")
assert NO_PHASE_END != SETTINGS

TRIGGERS = [
    Case("press_only", "2.2.a", MINISTRY, (product(channels=["print"]),), (plan(**FULL_PLAN),), "2025-12-31", {}),
    Case("no_plan", "1.3", MINISTRY, (), (), "2025-12-31", {}),
    Case("plan_lacks", "1.3", MINISTRY, (), (plan(number="45-KH/ĐU", issued="2025-08-28"),), "2025-12-31",
         {"fields": ["audiences", "staff", "means", "budget", "platforms"]}),
    Case("no_tasks", "1.4", MINISTRY, (), (plan(),), "2025-12-31", {}),
    Case("task_no_owner", "1.4", MINISTRY, (),
         (plan(tasks=[{"id": "t1", "title": "Hội nghị quán triệt", "owner": "Ban Tuyên giáo"},
                      {"id": "t2", "title": "Tọa đàm chuyển đổi số"}]),), "2025-12-31",
         {"tasks": [{"id": "t2", "title": "Tọa đàm chuyển đổi số"}]}),
    Case("no_review", "1.4", MINISTRY, (), (plan(),), "2025-12-31",
         {"kinds": [["inspection", "supervision", "preliminary_review", "final_review"]]}),
    Case("no_event_kind", "1.1", MINISTRY, (event(kind="training", audiences=["party_members"]),), (),
         "2025-12-31", {"kinds": [["dissemination"]]}),
    Case("event_audience", "1.1", MINISTRY, (event(audiences=["party_members"]),), (), "2025-12-31",
         {"event_kinds": ["dissemination"],
          "audiences": [["party_committees", "leaders"], ["civil_servants", "public_employees", "workers"]]}),
    Case("no_event_mode", "2.1.f", MINISTRY, (event(kind="training", mode="in_person"),), (), "2025-12-31",
         {"modes": ["online"]}),
    Case("no_leaders", "2.2.c", PRESS, (event(unit=PRESS, kind="seminar"), product(unit=PRESS, kind="reportage")),
         (), "2025-12-31", {"kinds": [["talkshow", "seminar", "online_exchange"]]}),
    Case("no_partners", "2.2.d", PRESS,
         (channel(unit=PRESS, kind="dedicated_page", started="2025-12-28"),
          event(unit=PRESS, kind="coordination",
                partners=["Văn phòng Trung ương Đảng", "Ban Tuyên giáo và Dân vận Trung ương"])), (),
         "2025-12-31", {"partners": ["Bộ Văn hóa, Thể thao và Du lịch"]}),
    Case("no_outlet", "1.2", MINISTRY, (product(channels=["website"]),), (), "2025-12-31",
         {"outlets": [["print", "online_press", "radio", "television"]]}),
    Case("no_product_kind", "2.2.c", PRESS,
         (event(unit=PRESS, kind="talkshow", leaders=["Lãnh đạo Ban Chỉ đạo Trung ương"]),
          product(unit=PRESS, kind="article")), (), "2025-12-31",
         {"kinds": [["video_clip", "reportage", "documentary", "infographic"]]}),
    Case("no_product_topic", "2.2.b", PRESS, (product(unit=PRESS, topics=["plan02"]),), (), "2025-12-31",
         {"topics": ["models", "counter_misinformation"]}),
    Case("no_products", "2.1.h", MINISTRY, (event(),), (), "2025-12-31", {}),
    Case("few_product_kinds", "2.1.h", MINISTRY, (product("infographic", **AUD), product("infographic", **AUD)),
         (), "2025-12-31", {"count": 1, "kinds": ["infographic"], "need": 3}),
    Case("no_product_audience", "2.1.h", MINISTRY,
         (product("infographic", **AUD), product("video_clip", **AUD), product("podcast", title="Podcast số 1")),
         (), "2025-12-31", {"titles": ["Podcast số 1"]}),
    Case("topic_only_planned", "2.1.a", MINISTRY, (event(topics=["plan02"]),),
         (plan(tasks=[{"id": "t1", "title": "Tuyên truyền lợi ích", "topics": ["significance"]}]),),
         "2025-12-31", {"topic": "significance"}),
    Case("topic_missing", "2.1.e", MINISTRY, (event(topics=["plan02"]),), (), "2025-12-31",
         {"topic": "counter_misinformation"}),
    Case("no_channel", "2.1.i", MINISTRY, (product(),), (), "2025-12-31",
         {"kinds": [["dedicated_page", "section", "article_series", "periodic_newsletter"]]}),
    Case("channel_stale", "2.1.i", MINISTRY,
         (channel(started="2025-09-01", cadence_days=7, updates=["2025-09-08"]),), (), "2025-11-02",
         {"kind": "section", "cadence_days": 7, "last": "2025-09-08"}),
    Case("started_late", "3.a", MINISTRY, (event(date="2025-09-05"),), (), "2025-12-31",
         {"first": "2025-09-05", "days": 16, "max": 15, "start": "2025-08-20", "basis": "received"}),
    Case("start_window_open", "3.a", MINISTRY, (), (), "2025-09-04",
         {"max": 15, "until": "2025-09-04", "start": "2025-08-20", "basis": "received"}),
    Case("never_started", "3.a", MINISTRY, (), (), "2025-09-05", {"start": "2025-08-20", "basis": "received"}),
    Case("no_dated_tasks", "3.b", MINISTRY, (), (plan(tasks=[{"id": "t1", "title": "Quán triệt"}]),),
         "2025-12-31", {}),
    Case("no_task_due", "3.b", MINISTRY, (), (plan(tasks=TASKS),), "2025-09-14", {"next": "2025-09-15"}),
    Case("tasks_undone", "3.b", MINISTRY, (event(date="2025-09-10", plan_task="t1"),), (plan(tasks=TASKS),),
         "2025-10-20", {"tasks": [{"id": "t2", "due": "2025-10-15"}]}),
    Case("tasks_late", "3.b", MINISTRY,
         (event(date="2025-09-10", plan_task="t1"), event(date="2025-10-20", plan_task="t2")),
         (plan(tasks=TASKS),), "2025-10-31", {"tasks": [{"id": "t2", "due": "2025-10-15", "done": "2025-10-20"}]}),
    Case("gap_too_long", "3.c", MINISTRY, (event(date="2025-09-10"), event(date="2025-11-20")), (),
         "2025-11-25", {"days": 71, "from": "2025-09-10", "to": "2025-11-20", "max": 30}),
    Case("phase_open", "3.d", MINISTRY, (event(kind="preliminary_review", date="2025-10-30"),), (),
         "2025-12-30", {"end": "2025-12-31"}),
    Case("phase_no_end", "3.d", MINISTRY, (event(kind="preliminary_review", date="2025-10-30"),), (),
         "2026-01-05", {}, settings=NO_PHASE_END),  # an open-ended phase: its --as-of is not cut at an end
    Case("no_final_review", "3.d", MINISTRY, (event(kind="preliminary_review", date="2025-10-30"),), (),
         "2025-12-31", {"end": "2025-12-31"}),
    Case("reports_missing", "3.e", MINISTRY, (), (), "2025-12-16", {"due": ["2025-12-15"]}),
    Case("reports_late", "3.e", MINISTRY, (report("2025-12-20"),), (), "2025-12-31",
         {"reports": [{"due": "2025-12-15", "sent": "2025-12-20"}]}),
    Case("report_not_due", "3.e", MINISTRY, (), (), "2025-12-14", {"due": "2025-12-15"}),  # due on its own day
    Case("report_no_dates", "3.e", MINISTRY, (report("2025-12-10"),), (), "2025-12-31", {},
         settings=NO_REPORT_DUE),
]


# ---------------------------------------------------------------- helpers

def status_in(cli, root, as_of: str, lang: str) -> dict:
    result = cli(["status", "--repo", root, "--as-of", as_of, "--format", "json", "--lang", lang])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def reasons_of(status: dict, unit: str, req: str) -> list[dict]:
    found = next(u for u in status["units"] if u["id"] == unit)
    return found["requirements"][req]["reasons"]


def split_row(line: str) -> list[str]:
    """The cells of a Markdown table row; `\\|` is a pipe inside a cell."""
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [c.strip().replace("\\|", "|") for c in cells]


def doc_rows() -> list[dict]:
    """The rows of the table of docs/reasons.md: code, meaning, params, example."""
    rows = []
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([a-z_]+)` \|", line)
        if match:
            code, meaning, params, example = split_row(line)
            rows.append({"code": code.strip("`"), "meaning": meaning,
                         "params": "" if params == "—" else params.strip("`"), "example": example})
    return rows


# ---------------------------------------------------------------- the docs

def test_docs_list_exactly_the_codes_of_reasons_in_order():
    rows = doc_rows()
    assert [r["code"] for r in rows] == list(REASONS)
    for row in rows:
        code = REASONS[row["code"]]
        assert row["meaning"] == code.meaning, row["code"]
        assert row["params"] == code.params, row["code"]
        assert row["example"], row["code"]


# ---------------------------------------------------------------- every code triggered

def test_trigger_table_covers_every_code():
    codes = [case.code for case in TRIGGERS]
    assert len(codes) == len(set(codes)), "one case per code"
    assert set(codes) == set(REASONS), {"no case": set(REASONS) - set(codes), "unknown": set(codes) - set(REASONS)}


@pytest.mark.parametrize("case", TRIGGERS, ids=[case.code for case in TRIGGERS])
def test_reason_is_triggered_through_the_cli(make_repo, cli, case):
    root = make_repo(repo_files(case.records, case.plans), settings=case.settings)
    texts = {}
    for lang in ("vi", "en"):
        reasons = reasons_of(status_in(cli, root, case.as_of, lang), case.unit, case.req)
        hits = [r for r in reasons if r["code"] == case.code]
        assert len(hits) == 1, reasons
        assert hits[0]["params"] == case.params, hits[0]
        assert hits[0]["text"].strip(), hits[0]
        texts[lang] = hits[0]["text"]
    assert texts["vi"] != texts["en"], texts
    example = {row["code"]: row["example"] for row in doc_rows()}.get(case.code)
    assert example == texts["vi"], "docs/reasons.md shows the real text of this case"


# ---------------------------------------------------------------- merging

def test_missing_outlets_merge_into_one_reason(make_repo, cli):
    """2.2.a for a press unit with no product: five outlet criteria fail, one `no_outlet` names them all."""
    from dxtrack.models.codes import label

    groups = [["print"], ["online_press"], ["radio"], ["television"], ["digital_platform"]]
    root = make_repo(repo_files([event(unit=PRESS)], [plan(PRESS)]))
    for lang in ("vi", "en"):
        reasons = reasons_of(status_in(cli, root, "2025-12-31", lang), PRESS, "2.2.a")
        assert [r["code"] for r in reasons] == ["no_outlet"], reasons
        (reason,) = reasons
        assert reason["params"] == {"outlets": groups}
        text = reason["text"]
        assert text.count(".") == 1 and text.endswith("."), text   # one sentence
        for (outlet,) in groups:
            assert label("outlet", outlet, lang) in text, (outlet, text)
