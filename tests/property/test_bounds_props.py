"""Hypothesis: a non-NFC character is told where it is, and a whole number written any way
(any number of digits, a sign, hex, binary, underscores) gives a value or a finding, never
an exception (issue 14: bounds)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxtrack.check.discover import classify
from dxtrack.check.load import load_bytes, load_text
from dxtrack.check.validate import validate

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# NFC text: ASCII, precomposed Vietnamese letters, spaces and line breaks
NFC_TEXT = st.text(alphabet="abcxyz019 :-\nđươăâêôệộữ", max_size=3000)
# a Vietnamese letter written decomposed (a base letter and its marks)
DECOMPOSED = st.sampled_from(["ộ", "ệ", "ữ", "é", "ằ", "ỹ"]).map(lambda ch: unicodedata.normalize("NFD", ch))


@SETTINGS
@given(NFC_TEXT, DECOMPOSED, NFC_TEXT)
def test_a_decomposed_letter_is_told_at_its_base_letter(before, letter, after):
    text = f"a: {before}\n" + letter + after  # after a line break: nothing to compose with before it
    at = text.index(letter)
    where = (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
    assert [(f.line, f.column) for f in load_text(text, "x.yaml").findings if f.code == "DX113"] == [where]


# short numbers, and numbers about Python's 4,300-digit limit for int(str) and str(int)
DIGITS = st.one_of(st.text(alphabet="0123456789", min_size=1, max_size=40),
                   st.integers(4000, 6000).flatmap(lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)))
NUMBER = st.one_of(
    st.tuples(st.sampled_from(["", "-", "+"]), DIGITS).map("".join),
    DIGITS.map(lambda d: "0x" + d),
    st.integers(1, 20000).map(lambda n: "0b" + "1" * n),
    st.tuples(DIGITS, DIGITS).map(lambda p: f"{p[0]}_{p[1]}"),
    st.tuples(DIGITS, DIGITS).map(lambda p: f"{p[0][:300]}.{p[1][:20]}e+{len(p[1])}"),
)
FIELD = st.sampled_from(["participants", "title", "note", "leaders", "key"])
EVENT = "type: event\nunit: bo-y-te\nkind: seminar\ntitle: T\ndate: 2025-09-01\nmode: online\n"


@SETTINGS
@given(NUMBER, FIELD, st.booleans())
def test_a_number_of_any_length_gives_a_value_or_a_finding(number, field, quoted):
    written = f'"{number}"' if quoted else number
    line = {"leaders": f"leaders: [{written}]", "key": f"? {written}\n: 1",
            "title": f"title: {written}"}.get(field, f"{field}: {written}")
    text = EVENT.replace("title: T\n", "") if field == "title" else EVENT
    rel = "activities/bo-y-te/x.yaml"
    loaded = load_bytes((text + line + "\n").encode(), rel)
    model, found = validate(classify(rel), loaded.data, loaded.spans)
    codes = {f.code for f in loaded.findings + found}
    assert codes <= {"DX101", "DX201", "DX203"}, codes
    if model is not None:
        assert model.model_dump_json()  # every value it holds can be written out again
