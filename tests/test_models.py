"""Models and validation: codes written as labels, dates, links, slugs, errors mapped to findings."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from pydantic import ValidationError

from dxtrack.i18n import finding_text
from dxtrack.check.discover import classify
from dxtrack.check.document import Document
from dxtrack.check.load import load_text
from dxtrack.check.validate import validate_document
from dxtrack.models import Channel, Event, Evidence, Plan, Product, Report, Settings, Unit, UnitsFile

EVENT = {"type": "event", "unit": "bo-y-te", "kind": "dissemination", "title": "Hội nghị quán triệt",
         "date": "2025-09-05", "mode": "in_person"}


def error_types(exc: ValidationError) -> list[tuple[tuple, str]]:
    return [(tuple(e["loc"]), e["type"]) for e in exc.errors()]


@pytest.mark.parametrize("written", [
    "dissemination", "HỘI NGHỊ QUÁN TRIỆT", "hoi nghi quan triet", "Hội nghị quán triệt",
    unicodedata.normalize("NFD", "hội nghị quán triệt"), "  quán triệt ", "Hội-nghị, quán triệt!",
])
def test_event_kind_label_is_accepted_as_code(written):
    assert Event.model_validate({**EVENT, "kind": written}).kind == "dissemination"


def test_labels_in_every_list_field():
    event = Event.model_validate({**EVENT, "mode": "Trực tuyến", "topics": ["Kế hoạch 02", "DỊCH VỤ CÔNG"],
                                  "audiences": ["đảng viên", "nguoi lao dong", "Công chức"]})
    assert (event.mode, event.topics, event.audiences) == (
        "online", ["plan02", "public_services"], ["party_members", "workers", "civil_servants"])
    product = Product.model_validate({"type": "product", "unit": "x", "kind": "Phóng sự", "title": "P",
                                      "published": "2025-09-20", "channels": ["Báo điện tử", "truyền hình"]})
    assert (product.kind, product.channels) == ("reportage", ["online_press", "television"])


def test_unknown_code_is_a_dx_error_with_the_value():
    with pytest.raises(ValidationError) as info:
        Event.model_validate({**EVENT, "kind": "hội thảo khoa học"})
    [error] = info.value.errors()
    assert (error["loc"], error["type"], error["ctx"]["value"]) == (("kind",), "dx_code", "hội thảo khoa học")


@pytest.mark.parametrize("value, expected", [
    ("2025-09-05", date(2025, 9, 5)), (date(2025, 9, 5), date(2025, 9, 5)), (" 2025-09-05 ", date(2025, 9, 5)),
])
def test_good_dates(value, expected):
    assert Event.model_validate({**EVENT, "date": value}).date == expected


@pytest.mark.parametrize("value, suggestion", [
    ("2025-02-31", ""), ("31/02/2025", ""), ("2025-13-01", ""), ("2025-9-5", ""),
    ("05/09/2025", "2025-09-05"), ("5.9.2025", "2025-09-05"), ("5-9-2025", "2025-09-05"),
    (20250905, ""), (True, ""), ("ngày 5 tháng 9", ""), ([2025, 9, 5], ""),
])
def test_bad_dates_are_dx_date(value, suggestion):
    with pytest.raises(ValidationError) as info:
        Event.model_validate({**EVENT, "date": value})
    [error] = info.value.errors()
    assert (error["loc"], error["type"], error["ctx"]["suggestion"]) == (("date",), "dx_date", suggestion)


@pytest.mark.parametrize("url", ["https://moh.gov.vn/a", "http://x.vn", "HTTPS://X.VN/a?b=c#d"])
def test_http_urls(url):
    assert Evidence(url=url).url == url


@pytest.mark.parametrize("url", ["ftp://x.vn/a", "javascript:alert(1)", "file:///etc/passwd", "https://",
                                 "moh.gov.vn", "https://x.vn/a b", "//x.vn"])
def test_other_urls_are_refused(url):
    with pytest.raises(ValidationError) as info:
        Evidence(url=url)
    assert error_types(info.value) == [(("url",), "dx_url")]


def test_evidence_needs_exactly_one_target():
    assert Evidence(file="evidence/a.pdf").file == "evidence/a.pdf"
    for bad in ({}, {"url": "https://x.vn", "file": "evidence/a.pdf"}, {"note": "ảnh"}):
        with pytest.raises(ValidationError) as info:
            Evidence.model_validate(bad)
        assert [t for _, t in error_types(info.value)] == ["dx_evidence"]


@pytest.mark.parametrize("unit_id", ["bo-y-te", "vtv", "bo-2", "a"])
def test_slug_unit_ids(unit_id):
    assert Unit(id=unit_id, name="X", kind="ministry").id == unit_id


@pytest.mark.parametrize("unit_id", ["Bo-Y-Te", "bo_y_te", "bộ-y-tế", "-bo", "bo-", "bo--y", "bo y", ""])
def test_other_unit_ids_are_refused(unit_id):
    with pytest.raises(ValidationError) as info:
        Unit(id=unit_id, name="X", kind="ministry")
    assert error_types(info.value) == [(("id",), "dx_slug")]


def test_unit_dates_and_transfer():
    unit = Unit(id="tct-a", name="A", kind="doanh nghiệp nhà nước", until="2025-12-15")
    assert unit.kind == "enterprise"
    assert unit.received_on(date(2025, 8, 20)) == date(2025, 8, 20)
    assert (unit.transferred_by(date(2025, 12, 15)), unit.transferred_by(date(2025, 12, 16))) == (False, True)


def test_plan_needs_only_unit_and_title():
    plan = Plan.model_validate({"unit": "bo-y-te", "title": "Kế hoạch"})
    assert (plan.tasks, plan.audiences, plan.resources, plan.issued) == ([], [], None, None)
    with pytest.raises(ValidationError) as info:
        Plan.model_validate({"unit": "bo-y-te", "tasks": [{"title": "x"}], "reviews": [{"kind": "tổng kết"}]})
    assert sorted(error_types(info.value)) == [
        (("reviews", 0, "due"), "missing"), (("tasks", 0, "id"), "missing"), (("title",), "missing")]


def test_plan_task_lookup_and_review_label():
    plan = Plan.model_validate({"unit": "u", "title": "t", "tasks": [{"id": "t1", "title": "a"}],
                                "reviews": [{"kind": "Sơ kết", "due": "2025-10-31"}]})
    assert plan.task("t1").title == "a" and plan.task("t2") is None
    assert plan.reviews[0].kind == "preliminary_review"


def test_text_is_stripped_and_not_empty():
    assert Event.model_validate({**EVENT, "title": "  Hội nghị  "}).title == "Hội nghị"
    with pytest.raises(ValidationError) as info:
        Event.model_validate({**EVENT, "title": "   "})
    assert error_types(info.value) == [(("title",), "string_too_short")]


def test_numbers_become_text_but_bools_do_not():
    assert Report.model_validate({"type": "report", "unit": "u", "title": 2025, "date": "2025-12-10"}).title == "2025"
    with pytest.raises(ValidationError):
        Report.model_validate({"type": "report", "unit": "u", "title": True, "date": "2025-12-10"})


def test_extra_fields_forbidden_everywhere():
    with pytest.raises(ValidationError) as info:
        Settings.model_validate({"organization": "X", "received": "2025-08-20", "thresholds": {"max_gap": 3}})
    assert error_types(info.value) == [(("thresholds", "max_gap"), "extra_forbidden")]


def test_settings_defaults():
    settings = Settings.model_validate({"organization": "Đảng ủy Chính phủ", "received": "2025-08-20"})
    assert (settings.directive, settings.sample, settings.report_due) == ("380-CV/ĐU", False, [])
    assert (settings.thresholds.start_within_days, settings.thresholds.max_gap_days,
            settings.thresholds.min_product_kinds) == (15, 30, 3)


def test_channel_dates_and_cadence():
    channel = Channel.model_validate({"type": "channel", "unit": "u", "kind": "chuyên mục", "title": "t",
                                      "outlet": "website", "started": "2025-09-01", "cadence_days": 7,
                                      "updates": ["2025-09-15", "2025-09-08"]})
    assert channel.kind == "section"
    assert channel.dates() == [date(2025, 9, 1), date(2025, 9, 15), date(2025, 9, 8)]
    assert channel.last_date() == date(2025, 9, 15) and channel.when == date(2025, 9, 1)
    with pytest.raises(ValidationError) as info:
        Channel.model_validate({**channel.model_dump(), "cadence_days": 0})
    assert error_types(info.value) == [(("cadence_days",), "greater_than_equal")]


def test_report_period_alias():
    report = Report.model_validate({"type": "report", "unit": "u", "title": "t", "date": "2025-12-10",
                                    "period": {"from": "2025-08-20", "to": "2025-12-10"}})
    assert report.period.from_ == date(2025, 8, 20)


def test_schema_lists_codes_and_labels():
    enum = Event.model_json_schema()["properties"]["kind"]["enum"]
    assert "dissemination" in enum and "hội nghị quán triệt" in enum


def test_units_file_defaults_to_no_units():
    assert UnitsFile.model_validate({}).units == []


# ---- validation: pydantic errors → findings at the key ----------------------------------------


def validate(rel: str, text: str) -> Document:
    loaded = load_text(text, rel)
    return validate_document(Document(classify(rel), loaded.data, loaded.spans, findings=loaded.findings))


def summary(doc: Document) -> list[tuple]:
    return [(f.code, f.line, f.column, dict(f.params).get("key") or dict(f.params).get("value")) for f in doc.findings]


def test_valid_record_gets_its_model():
    doc = validate("activities/bo-y-te/a.yaml", "type: event\nunit: bo-y-te\nkind: quán triệt\n"
                   "title: Hội nghị\ndate: 2025-09-05\nmode: hybrid\n")
    assert doc.findings == () and isinstance(doc.model, Event) and doc.model.kind == "dissemination"


def test_nested_errors_point_at_nested_keys():
    doc = validate("plans/bo-y-te.yaml", "unit: bo-y-te\ntitle: K\ntasks:\n  - id: t1\n    title: a\n"
                   "    due: 15/09/2025\n    topcs: [plan02]\n  - title: b\nresources:\n  budget_vnd: -1\n")
    assert doc.model is None
    assert summary(doc) == [("DX205", 6, 5, "15/09/2025"), ("DX201", 7, 5, "topcs"), ("DX202", 8, 5, "tasks.id"),
                            ("DX203", 10, 3, "resources.budget_vnd")]
    by_code = {f.code: f for f in doc.findings}
    assert dict(by_code["DX201"].params)["suggestion"] == "topics"
    assert finding_text(by_code["DX205"]).endswith("Có phải ý bạn là 2025-09-15?")


def test_record_type_decides_the_model():
    doc = validate("activities/u/a.yaml", "type: [event]\nunit: u\ntitle: t\n")
    assert summary(doc) == [("DX211", 1, 1, ["event"])]
    doc = validate("activities/u/a.yaml", "type: report\nunit: u\ntitle: t\ndate: 2025-12-10\nkind: x\n")
    assert summary(doc) == [("DX201", 5, 1, "kind")]


def test_settings_units_plans_use_their_models():
    assert validate("dxtrack.yaml", "organization: X\nreceived: 2025-08-20\n").model is not None
    doc = validate("units.yaml", "units:\n  - id: a\n    name: A\n    kind: bộ\n  - id: b\n    kind: ngân hàng\n")
    assert summary(doc) == [("DX202", 5, 5, "units.name")]
