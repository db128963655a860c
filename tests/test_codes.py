"""Code lists: codes and their Vietnamese labels, matched without case, diacritics or normal form."""

from __future__ import annotations

import unicodedata

import pytest

from dxtrack.models import codes
from dxtrack.text import fold


@pytest.mark.parametrize("list_name, written, code", [
    ("event_kind", "dissemination", "dissemination"),
    ("event_kind", "HỘI NGHỊ QUÁN TRIỆT", "dissemination"),
    ("event_kind", "hoi nghi quan triet", "dissemination"),
    ("event_kind", unicodedata.normalize("NFD", "Hội nghị quán triệt"), "dissemination"),
    ("event_kind", unicodedata.normalize("NFKD", "hội nghị quán triệt"), "dissemination"),
    ("event_kind", "Dissemination Meeting", "dissemination"),
    ("event_kind", "Sinh hoạt chuyên đề chi bộ", "party_cell_session"),
    ("event_kind", "tổng kết", "final_review"),
    ("review_kind", "TỔNG KẾT", "final_review"),
    ("topic", "Kế hoạch số 02", "plan02"),
    ("topic", "PLAN02", "plan02"),
    ("topic", "đấu tranh phản bác", "counter_misinformation"),
    ("audience", "Cán bộ, đảng viên", "party_members"),
    ("audience", "nhân dân", "citizens"),
    ("outlet", "Báo điện tử", "online_press"),
    ("outlet", "cổng thông tin điện tử", "website"),
    ("outlet", "digital-platform", "digital_platform"),
    ("mode", "Trực tiếp", "in_person"),
    ("channel_kind", "Chuyên trang", "dedicated_page"),
    ("unit_kind", "Cơ quan báo chí", "press"),
    ("product_kind", "phóng sự", "reportage"),
    ("product_kind", "talkshow", "talkshow"),
])
def test_resolve(list_name, written, code):
    assert codes.resolve(list_name, written) == code


@pytest.mark.parametrize("list_name, written", [
    ("event_kind", "hội thảo"), ("event_kind", ""), ("topic", "plan03"), ("mode", "online offline"),
    ("outlet", "báo"), ("review_kind", "dissemination"),
])
def test_resolve_unknown(list_name, written):
    assert codes.resolve(list_name, written) is None


def test_every_name_resolves_to_its_own_code():
    """No label or alias of one code is swallowed by another code of the same list."""
    for list_name, entries in codes.LISTS.items():
        for entry in entries.values():
            for name in (entry.code, entry.vi, entry.en, *entry.aliases):
                assert codes.resolve(list_name, name) == entry.code, (list_name, name)
                assert codes.resolve(list_name, name.upper()) == entry.code, (list_name, name)


def test_spec_code_lists():
    assert codes.choices("topic") == ["significance", "plan02", "public_services", "models", "counter_misinformation"]
    assert codes.choices("audience") == ["party_committees", "leaders", "party_members", "civil_servants",
                                         "public_employees", "workers", "citizens", "businesses"]
    assert len(codes.choices("event_kind")) == 15 and len(codes.choices("product_kind")) == 9
    assert codes.choices("outlet") == ["print", "online_press", "radio", "television", "digital_platform",
                                       "website", "social", "internal"]
    assert codes.choices("mode") == ["in_person", "online", "hybrid"]
    assert set(codes.PRESS_OUTLETS) | set(codes.DIGITAL_OUTLETS) < set(codes.choices("outlet"))


@pytest.mark.parametrize("list_name, typo, code", [
    ("mode", "onlin", "online"), ("event_kind", "disemination", "dissemination"),
    ("event_kind", "hoi nghi quan triet x", "dissemination"), ("topic", "plan2", "plan02"),
    ("outlet", "televison", "television"),
])
def test_suggest(list_name, typo, code):
    assert codes.suggest(list_name, typo) == code


def test_suggest_nothing_close():
    assert codes.suggest("mode", "zzzzzz") is None


def test_labels():
    assert codes.label("event_kind", "dissemination") == "hội nghị quán triệt"
    assert codes.label("event_kind", "dissemination", "en") == "dissemination meeting"
    assert codes.label("event_kind", "no_such_code") == "no_such_code"
    for entries in codes.LISTS.values():
        for entry in entries.values():
            assert entry.vi and entry.en and entry.vi == unicodedata.normalize("NFC", entry.vi)
            assert fold(entry.vi)


def test_suggest_prefers_a_label_containing_what_was_typed():
    from dxtrack.models.codes import suggest

    assert suggest("event_kind", "hoi nghi") == "dissemination"
    assert suggest("event_kind", "Tổng kết năm") is None or suggest("event_kind", "tong ket") == "final_review"
    assert suggest("outlet", "truyen hinh") == "television"


def test_yaml_marks_are_not_label_punctuation():
    """`print#` or `#print` (a comment mark typed into a value) is not the code `print`."""
    from dxtrack.models.codes import resolve

    assert resolve("outlet", "print#") is None
    assert resolve("outlet", "#print") is None
    assert resolve("outlet", "[print]") is None
    assert resolve("audience", "Cấp ủy, tổ chức đảng") == "party_committees"
