"""models.fields: the description of each file kind agrees with the models and SPEC §2.4.

Besides comparing with the SPEC, each flag is checked against what the model does with a
value (a label becomes a code of that list, a date text becomes a date, ...), so that a
wrong derivation fails here even where the models change.
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

import dxtrack.models
from dxtrack.models import Event, codes
from dxtrack.models.fields import (
    FIELDS, KINDS, MODELS, RECORD_TYPE_NAMES, code_list, code_paths, date_field, describe, field_spec,
    required_fields,
)

SAMPLES = {
    "event": {"type": "event", "unit": "bo-y-te", "kind": "dissemination", "title": "Hội nghị",
              "date": "2025-08-29", "mode": "in_person"},
    "product": {"type": "product", "unit": "bo-y-te", "kind": "reportage", "title": "Phóng sự",
                "published": "2025-09-20", "channels": ["television"]},
    "channel": {"type": "channel", "unit": "bo-y-te", "kind": "section", "title": "Chuyên mục",
                "outlet": "website", "started": "2025-09-01", "cadence_days": 7},
    "report": {"type": "report", "unit": "bo-y-te", "title": "Báo cáo", "date": "2025-12-10"},
    "plan": {"unit": "bo-y-te", "title": "Kế hoạch"},
}
# SPEC §2.4 (records) and §2.3 (plan): the required fields of each kind
SPEC_REQUIRED = {
    "event": {"type", "unit", "title", "kind", "date", "mode"},
    "product": {"type", "unit", "title", "kind", "published", "channels"},
    "channel": {"type", "unit", "title", "kind", "outlet", "started", "cadence_days"},
    "report": {"type", "unit", "title", "date"},
    "plan": {"unit", "title"},
}
_COMMON = {"topics": ("topic", True), "audiences": ("audience", True)}
SPEC_CODES = {  # SPEC §2.3-2.5: top-level field → (code list, a list of codes?)
    "event": {"kind": ("event_kind", False), "mode": ("mode", False), **_COMMON},
    "product": {"kind": ("product_kind", False), "channels": ("outlet", True), **_COMMON},
    "channel": {"kind": ("channel_kind", False), "outlet": ("outlet", False), **_COMMON},
    "report": _COMMON,
    "plan": {"audiences": ("audience", True)},
}


def _fields(keep) -> list:
    """pytest params (kind, spec) of every top-level field that `keep(spec)` accepts."""
    return [pytest.param(kind, spec, id=f"{kind}.{spec.name}")
            for kind in KINDS for spec in FIELDS[kind] if keep(spec)]


def _validate(kind: str, name: str, value) -> BaseModel:
    """The `kind` sample with field `name` set to `value`, validated (raises ValidationError)."""
    return MODELS[kind].model_validate({**SAMPLES[kind], name: value})


def test_record_type_names():
    assert RECORD_TYPE_NAMES == ("event", "product", "channel", "report")
    assert dxtrack.models.RECORD_TYPE_NAMES is RECORD_TYPE_NAMES
    assert KINDS == (*RECORD_TYPE_NAMES, "plan")


@pytest.mark.parametrize("kind", KINDS)
def test_every_model_field_appears_once(kind):
    model = MODELS[kind]
    names = [spec.name for spec in FIELDS[kind]]
    assert sorted(names) == sorted(info.alias or name for name, info in model.model_fields.items())
    assert names == list(model.KEY_ORDER)


@pytest.mark.parametrize("kind", KINDS)
def test_required_fields_as_in_the_spec(kind):
    assert {spec.name for spec in FIELDS[kind] if spec.required} == SPEC_REQUIRED[kind]
    assert set(required_fields(kind)) == SPEC_REQUIRED[kind] - {"type"}
    for spec in FIELDS[kind]:  # a required field left out is refused, an optional one is not
        data = {k: v for k, v in SAMPLES[kind].items() if k != spec.name}
        if spec.required:
            with pytest.raises(ValidationError):
                MODELS[kind].model_validate(data)
        else:
            MODELS[kind].model_validate(data)


def test_required_fields_in_file_order():
    assert required_fields("event") == ["unit", "kind", "title", "date", "mode"]
    assert required_fields("channel") == ["unit", "kind", "title", "outlet", "started", "cadence_days"]
    assert required_fields("plan") == ["unit", "title"]


@pytest.mark.parametrize("kind", KINDS)
def test_code_lists_as_in_the_spec(kind):
    found = {s.name: (s.code_list, s.many) for s in FIELDS[kind] if s.code_list}
    assert found == SPEC_CODES[kind]
    assert all(name in codes.LISTS for name, _many in found.values())


@pytest.mark.parametrize("kind, spec", _fields(lambda s: s.code_list))
def test_code_field_takes_the_labels_of_its_list_only(kind, spec):
    wrap = (lambda v: [v]) if spec.many else (lambda v: v)
    for code, entry in codes.LISTS[spec.code_list].items():
        model = _validate(kind, spec.name, wrap(entry.vi))
        assert getattr(model, spec.name) == wrap(code)
    others = {c for name, entries in codes.LISTS.items() for c in entries} - set(codes.LISTS[spec.code_list])
    for code in sorted(others):
        with pytest.raises(ValidationError):
            _validate(kind, spec.name, wrap(code))


@pytest.mark.parametrize("kind, spec", _fields(lambda s: not s.code_list and not s.const))
def test_other_fields_keep_a_label_or_refuse_it(kind, spec):
    """A field said to hold no codes does not turn a label into a code."""
    value = [codes.LISTS["mode"]["in_person"].vi] if spec.many else codes.LISTS["mode"]["in_person"].vi
    try:
        model = _validate(kind, spec.name, value)
    except ValidationError:
        return
    assert getattr(model, spec.name) == value


@pytest.mark.parametrize("kind, spec", _fields(lambda s: not s.fields))
def test_date_int_url_flags_match_validation(kind, spec):
    wrap = (lambda v: [v]) if spec.many else (lambda v: v)
    read = _try(kind, spec.name, wrap("2025-09-01"))
    assert (read == wrap(date(2025, 9, 1))) is spec.is_date
    if spec.mapping:
        read = _try(kind, spec.name, {"views": 5})
        assert (read == {"views": 5}) is spec.is_int
    else:
        assert (_try(kind, spec.name, wrap(5)) == wrap(5)) is spec.is_int
    assert (_try(kind, spec.name, wrap("https://example.vn/a")) is not None
            and _try(kind, spec.name, wrap("ftp://example.vn/a")) is None) is spec.is_url
    if spec.minimum is not None:
        least = {"views": spec.minimum} if spec.mapping else wrap(spec.minimum)
        below = {"views": spec.minimum - 1} if spec.mapping else wrap(spec.minimum - 1)
        assert _try(kind, spec.name, least) is not None and _try(kind, spec.name, below) is None


def _try(kind: str, name: str, value):
    """What the model keeps of `value` in field `name`, or None if it refuses it."""
    try:
        return getattr(_validate(kind, name, value), name)
    except ValidationError:
        return None


def test_int_minimums():
    assert field_spec("channel", "cadence_days").minimum == 1
    assert field_spec("event", "participants").minimum == 0
    assert field_spec("product", "metrics").mapping and field_spec("product", "metrics").is_int


@pytest.mark.parametrize("kind", RECORD_TYPE_NAMES)
def test_type_is_fixed_and_first(kind):
    first = FIELDS[kind][0]
    assert (first.name, first.const, first.required) == ("type", kind, True)
    assert [s.name for s in FIELDS[kind] if s.const] == ["type"]


@pytest.mark.parametrize("kind", RECORD_TYPE_NAMES)
def test_date_field_is_the_records_own_date(kind):
    name = date_field(kind)
    record = _validate(kind, name, "2026-01-02")
    assert record.when == date(2026, 1, 2)
    assert date_field("plan") is None


def test_nested_fields():
    period = field_spec("report", "period")
    assert [(s.name, s.required, s.is_date) for s in period.fields] == [("from", True, True), ("to", True, True)]
    evidence = field_spec("event", "evidence")
    assert evidence.many and [s.name for s in evidence.fields] == ["url", "file", "note"]
    assert evidence.fields[0].is_url and not evidence.fields[1].is_url


def test_code_paths():
    assert code_paths(FIELDS["plan"]) == {("audiences",): "audience", ("tasks", "*", "topics"): "topic",
                                          ("reviews", "*", "kind"): "review_kind"}
    assert code_paths(FIELDS["product"]) == {("kind",): "product_kind", ("channels",): "outlet",
                                             ("topics",): "topic", ("audiences",): "audience"}
    assert code_list("event", "kind") == "event_kind"
    assert code_list("event", "outlet") is None and code_list("event", "title") is None


def test_key_order_must_list_every_field():
    class Broken(Event):
        KEY_ORDER = ("type", "unit")

    with pytest.raises(ValueError, match="KEY_ORDER"):
        describe(Broken)
