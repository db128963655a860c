"""Vietnamese text helpers: normal form, folding for matching, collation, slugs, dates; and
the one escaping of user text that a message quotes (`quote_safe`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_VI_ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn belong to the letter


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Characters a message never passes on raw: controls (Cc: C0 with ESC, BEL, CR, LF, TAB;
# DEL; C1 with CSI and NEL), invisible format characters (Cf: bidi embeddings, overrides,
# isolates and marks, zero-width characters, BOM, soft hyphen, tags), line and paragraph
# separators (Zl, Zp) and lone surrogates (Cs, left by undecodable bytes).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def is_unsafe_char(ch: str) -> bool:
    """A character that could move the cursor, recolour, clear or relink a terminal, reorder
    what it shows (bidi), hide itself, or start a new line in a log."""
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def _escape_char(ch: str) -> str:
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def quote_safe(text: str, keep: str = "") -> str:
    r"""`text` from a user's file (a key, a value, a path) as a message may quote it: every
    control, bidi or invisible format character shown as a visible Python-style escape
    (`\x1b`, `\n`, `\t`, `\u202e`), everything else (Vietnamese in any normal form,
    combining marks, spaces) as it is. The one escaping of quoted user text, in every format.

    Backslashes are left as they are, so escaping is idempotent: text escaped twice (in a
    message, then by the renderer around it) reads the same as text escaped once. `keep`
    names characters left raw for a format that escapes them its own way (a GitHub
    workflow command's `%0A`, which the runner decodes back to the exact file name).
    """
    if text.isprintable():  # the common case: nothing to escape
        return text
    return "".join(_escape_char(ch) if is_unsafe_char(ch) and ch not in keep else ch for ch in text)


@lru_cache(maxsize=8192)  # pure, and called for every code value of every record: they repeat
def fold(text: str) -> str:
    """Key for matching labels: no case, no diacritics, no punctuation, any normal form."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    bare = _VIETNAMESE_MARKS.sub("", decomposed)  # the marks of Vietnamese letters, at C speed
    if not bare.isascii():  # other scripts may have marks of their own
        bare = "".join(c for c in bare if not unicodedata.combining(c))
    return " ".join(_NOT_ALNUM.sub(" ", bare.casefold()).split())


# the combining marks of U+0300–U+036F (every tone and vowel mark of Vietnamese), dropped by
# one regex; U+034F (a joiner of combining class 0) is no mark for fold, so it is not in it
_MARKS = "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c)))
_VIETNAMESE_MARKS = re.compile(f"[{_MARKS}]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII slug: `Hội nghị quán triệt` → `hoi-nghi-quan-triet`."""
    slug = fold(text).replace(" ", "-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug.strip("-")


def _letter_key(ch: str) -> tuple[int, int]:
    """(position in the Vietnamese alphabet, tone) of one character."""
    if ch.isspace():
        return (0, 1)  # the end of a word sorts first: "mà" before "mạc"
    parts = unicodedata.normalize("NFD", ch.lower())
    base = parts[0]
    marks = parts[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _BASE_MARKS))
    tone = next((_TONES[m] for m in marks if m in _TONES), 1)
    pos = _VI_ORDER.find(letter)
    if pos < 0:
        return (100 + ord(letter[0]) if letter else 0, tone)
    return (pos + 10, tone)


def vi_sort_key(text: str) -> tuple:
    """Sort key for Vietnamese alphabetical order (Ă, Â after A; Đ after D; tones last)."""
    words = nfc(text).split()
    letters = tuple(_letter_key(c)[0] for w in words for c in w + " ")
    tones = tuple(_letter_key(c)[1] for w in words for c in w)
    return (letters, tones, text)


def vi_date(d: date) -> str:
    """`ngày 05 tháng 02 năm 2026` (leading zero below 10 for days, and for months 1 and 2)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def short_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "—"


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up to a whole number (77.5 → 78), exactly:
    the one rounding of scores, averages and shares everywhere."""
    return (2 * numerator + denominator) // (2 * denominator)


def short_name(name: str) -> str:
    """`Đảng ủy Bộ Tài chính` → `Bộ Tài chính`."""
    for prefix in ("Đảng ủy ", "Đảng uỷ ", "Đảng bộ "):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return name
