"""Vietnamese text helpers: normal form, folding for matching, collation, slugs, dates; and
the escaping of user text at the edges that every layer shares: `quote_safe` (the one
escaping of text a message or a terminal shows: control and invisible characters as `\\x1b`),
`not_a_command` (no output line a GitHub Actions workflow command), `xml_safe` (what a .docx
or .xlsx cannot hold, shown escaped) and `starts_like_formula` (the one test of a spreadsheet
cell that would run, for CSV and workbooks). Markdown and JSON: `render.escape`."""

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
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as Python decodes it
        return f"\\x{code - 0xDC00:02x}"
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


def holds_bytes(text: str) -> bool:
    """Whether `text` holds bytes that are not UTF-8 text: a command-line argument or a file
    name the system gave Python as it was typed, kept as lone surrogates (U+D800–U+DFFF),
    which no UTF-8 file can hold."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def not_a_command(text: str) -> str:
    r"""`text` (an output, one line or many) with no line that GitHub Actions would run as a
    workflow command (`::error …`, `::stop-commands::…`, after any blanks or colour codes):
    such a line's first `:` is shown escaped (`\::error`). Every other line as it is."""
    if "::" not in text:
        return text
    return _COMMAND_LINE.sub("\\1\\\\::", text)


# a line's start (blanks and the colours dxtrack writes, then two colons)
_COMMAND_LINE = re.compile(r"^((?:[ \t]|\x1b\[[0-9;]*m)*)::", re.M)


# What XML 1.0 cannot hold (a .docx, an .xlsx are XML): C0 controls but tab, LF and CR, the
# noncharacters U+FFFE and U+FFFF, and lone surrogates (left by a name that is not UTF-8).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    r"""`text` as an XML document can hold it: each character XML cannot hold shown as its
    visible escape (`\x01`, `\ufffe`, `\udcff`), as `quote_safe` shows it; the rest as it is.
    The one place that makes user text safe for the .docx and .xlsx writers."""
    return _NOT_XML.sub(lambda m: _escape_char(m.group()), text)


# What a spreadsheet reads as the start of a formula (=HYPERLINK(...), +, -, @), or skips
# before one (a tab, a carriage return): OWASP's list for CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value: object) -> bool:
    """`value` is text a spreadsheet (Excel, Calc) would take for a formula if typed into a
    cell or read from a CSV file: the CSV writer puts an apostrophe before it, the workbook
    writer marks the cell as text (quotePrefix)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


@lru_cache(maxsize=8192)  # pure, and called for every code value of every record: they repeat
def fold(text: str) -> str:
    """Key for matching labels and names: no case, no diacritics on Latin letters (đ is d), no
    punctuation, spacing collapsed, any normal form. A letter of any other script is kept, with
    its own marks (Cyrillic й is not и), so it must match exactly: "Ban Tuyên giáo (КОПИЯ 假)"
    is not "Ban Tuyên giáo", and a label with words added is no label."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_LETTERS))
    bare = _VIETNAMESE_MARKS.sub("", decomposed)  # the marks of Vietnamese letters, at C speed
    if bare.isascii():  # every mark was on a Latin letter (or on no letter at all)
        return " ".join(_NOT_ALNUM.sub(" ", bare.casefold()).split())
    return _fold_any_script(decomposed)


def _fold_any_script(decomposed: str) -> str:
    """`fold` of a text with letters beyond ASCII: marks dropped only after a Latin letter (or
    after no letter), every other letter and digit kept with its marks, the rest a space; the
    marks before case folding too, as the regex does (a mark may fold to a letter: U+0345 → ι)."""
    text = unicodedata.normalize("NFKD", _bare(decomposed).casefold())  # casefold may undo NFKD (İ → i̇)
    return " ".join(_bare(text, words=True).split())


def _bare(text: str, words: bool = False) -> str:
    """`text` without the marks on Latin letters (or on no letter); with `words`, anything
    but a letter, a digit or a kept mark as a space."""
    out: list[str] = []
    keep_marks = False
    for ch in text:
        if unicodedata.category(ch)[0] == "M":
            if keep_marks:
                out.append(ch)
        elif ch.isalnum():
            out.append(ch)
            keep_marks = ch.isalpha() and not _is_latin(ch)
        else:
            out.append(" " if words else ch)
            keep_marks = False
    return "".join(out)


@lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN ")


# đ is d in Vietnamese; Ð (U+00D0, Icelandic eth) is what old fonts and converters type for it
_D_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D", "\u00f0": "d"})
# the combining marks of U+0300–U+036F (every tone and vowel mark of Vietnamese), dropped by
# one regex; U+034F (a joiner of combining class 0) is no mark for fold, so it is not in it
_MARKS = "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c)))
_VIETNAMESE_MARKS = re.compile(f"[{_MARKS}]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII slug: `Hội nghị quán triệt` → `hoi-nghi-quan-triet` (letters beyond ASCII, which
    `fold` keeps, are left out)."""
    slug = "-".join(_NOT_ALNUM.sub(" ", fold(text)).split())
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
