"""Hypothesis (issue 9): a number written with thousands dots is never taken for another
number, and every tab and every duplicate key is told, each at its own line, without a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from dxtrack.check.load import load_text
from dxtrack.models.plan import Plan
from dxtrack.models.records import Event

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EVENT = ("type: event\nunit: bo-y-te\nkind: dissemination\ntitle: Hội nghị quán triệt\n"
         "date: 2025-09-05\nmode: in_person\n")


def grouped(n: int, separator: str) -> str:
    """`n` written with `separator` between its thousands: 150000000 → 150.000.000."""
    return f"{n:,}".replace(",", separator)


def accepted_as(model, data: dict, path: tuple):
    """The value at `path` of `data` validated by `model`, or None if refused as thousands."""
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if tuple(e["loc"]) == path]
        assert [e["type"] for e in errors] == ["dx_thousands"], exc.errors()
        return None
    for part in path:
        value = getattr(value, part)
    return value


@SETTINGS
@given(st.integers(1000, 10**15), st.sampled_from([".", ",", " ", "\u00a0"]))
def test_a_grouped_number_is_never_another_number(n, separator):
    written = grouped(n, separator)
    loaded = load_text(EVENT + f"participants: {written}\n", "x.yaml")
    assert loaded.findings == []
    assert loaded.data["participants"] == written  # the text as written, never the float 1.0
    assert accepted_as(Event, loaded.data, ("participants",)) in (None, n)
    with pytest.raises(ValidationError) as info:
        Event.model_validate(loaded.data)
    [error] = info.value.errors()
    assert error["type"] == "dx_thousands"
    assert (error["ctx"]["value"], error["ctx"]["suggestion"]) == (written, str(n))


@SETTINGS
@given(st.integers(1000, 10**15))
def test_a_dotted_budget_is_never_a_smaller_budget(n):
    written = grouped(n, ".")
    loaded = load_text(f"unit: bo-y-te\ntitle: Kế hoạch\nresources:\n  budget_vnd: {written}\n", "x.yaml")
    assert loaded.data["resources"]["budget_vnd"] == written
    assert accepted_as(Plan, loaded.data, ("resources", "budget_vnd")) is None


@SETTINGS
@given(st.integers(0, 999) | st.integers(1000, 10**5).map(lambda n: n * 1000))  # up to MAX_PEOPLE
def test_plain_numbers_still_pass(n):
    loaded = load_text(EVENT + f"participants: {n}\n", "x.yaml")
    assert Event.model_validate(loaded.data).participants == n


KEYS = st.sampled_from(["title", "date", "unit", "mode", "note", "kind"])
LINES = st.lists(st.tuples(KEYS, st.booleans(), st.text("ab 1.:-", max_size=6)), min_size=1, max_size=12)


@SETTINGS
@given(LINES, st.sampled_from(["\t", " \t", "\t\t", "\t "]))
def test_every_tab_and_every_duplicate_key_is_told_at_its_line(lines, tab):
    text = "".join(f"{tab if tabbed else ''}{key}: '{value}'\n" for key, tabbed, value in lines)
    loaded = load_text(text, "x.yaml")  # never raises
    found = {(f.code, f.line) for f in loaded.findings}
    tabbed = {("DX102", n) for n, (_key, tabbed, _value) in enumerate(lines, 1) if tabbed}
    assert {(code, line) for code, line in found if code == "DX102"} == tabbed
    seen: set[str] = set()
    again = set()
    for n, (key, _tabbed, _value) in enumerate(lines, 1):
        if key in seen:
            again.add(("DX103", n))
        seen.add(key)
    if not tabbed:  # a clean mapping but for its duplicates: all told, the first of each kept
        assert found == again
        first: dict[str, str] = {}
        for key, _tabbed, value in lines:
            first.setdefault(key, value)
        assert loaded.data == first and list(loaded.data) == list(first)
    else:
        assert loaded.data is None
        assert {f for f in found if f[0] not in ("DX102", "DX103")} == set()
        assert {f for f in found if f[0] == "DX103"} <= again
