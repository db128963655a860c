"""Hypothesis: `text.quote_safe` lets no control, bidi or invisible character through, shows
each one as its Python escape, and leaves printable Vietnamese text (NFC or NFD) untouched."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from dxtrack.text import is_unsafe_char, quote_safe

SETTINGS = settings(max_examples=300, deadline=None)
UNSAFE_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Cs")
# what an attacker would reach for first, mixed into any text
NASTY = ["\x1b", "\x1b[31m", "\x1b]8;;http://evil\x1b\\", "\x1b[2J", "\a", "\r", "\n", "\t", "\x7f", "\x85",
         "\x9b", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
         "\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029",
         "\U000e0001", "\udcff", "\n::error::x", "\\", "\\x1b"]
ANY_TEXT = st.lists(st.one_of(st.text(), st.sampled_from(NASTY)), max_size=20).map("".join)

VI_LETTERS = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ")
VI_CHARS = VI_LETTERS + VI_LETTERS.upper() + "0123456789 .,;:!?-–—()[]/“”\"'%&@#+=*…✓✗"
VIETNAMESE = st.text(alphabet=st.sampled_from(VI_CHARS), max_size=80)


@SETTINGS
@given(ANY_TEXT)
def test_output_holds_no_control_bidi_or_invisible_character(text):
    out = quote_safe(text)
    assert not any(unicodedata.category(c) in UNSAFE_CATEGORIES for c in out)
    assert "\n" not in out and "\x1b" not in out


@SETTINGS
@given(ANY_TEXT)
def test_idempotent(text):
    once = quote_safe(text)
    assert quote_safe(once) == once


@SETTINGS
@given(ANY_TEXT)
def test_each_character_is_kept_or_shown_as_its_python_escape(text):
    assert quote_safe(text) == "".join(_shown(c) if is_unsafe_char(c) else c for c in text)


def _shown(ch: str) -> str:
    """Python's own escape; a byte of a non-UTF-8 file name (U+DC80–U+DCFF) as that byte."""
    return f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF else repr(ch)[1:-1]


@SETTINGS
@given(VIETNAMESE, st.sampled_from(["NFC", "NFD"]))
def test_identity_on_printable_vietnamese(text, form):
    text = unicodedata.normalize(form, text)
    assert quote_safe(text) == text
