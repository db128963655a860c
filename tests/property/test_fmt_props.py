"""Hypothesis: `dxtrack fmt` (fmt.format_bytes) on generated records.

Each code field is written as its code, or as its Vietnamese label (or an alias) in
random case, with or without diacritics, NFC or NFD, plain or quoted, in block or flow
lists or as a block scalar; with comments at line ends, comment lines, blank lines and
the keys in random order. The generator knows which lines hold a code field, so the
properties can say exactly what must change and what must stay byte for byte.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dxtrack.models import codes
from dxtrack.check.findings import Severity
from dxtrack.write.fmt import format_bytes
from dxtrack.check.load import load_bytes, load_text
from dxtrack.models import RECORD_TYPES, Plan, UnitsFile

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REL = {"record": "activities/bo-y-te/2025-09-01-x.yaml", "plan": "plans/bo-y-te.yaml", "units": "units.yaml",
       "settings": "dxtrack.yaml"}
UNKNOWN = "không rõ loại"  # resolves to no code in any list


@dataclass
class Line:
    text: str            # as written in the input
    formatted: str | None  # as fmt must write it (None: the line is gone, a block scalar's content)
    code: bool           # holds a code field (the only lines fmt may change, besides NFC)
    block: bool = False  # the content line of a block scalar (an indented line after it would be content too)


# ---- strategies: how a person may write a code ---------------------------------------------------

def _strip_marks(text: str) -> str:
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in bare if not unicodedata.combining(c)))


@st.composite
def spelling(draw, list_name: str, code: str) -> str:
    """`code` itself, or a label/alias in random case, maybe without diacritics, NFC or NFD."""
    entry = codes.LISTS[list_name][code]
    name = draw(st.sampled_from([code, code, entry.vi, *entry.aliases]))
    if name == code:
        return code
    if draw(st.booleans()):
        name = _strip_marks(name)
    flips = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    name = "".join(c.upper() if up else c.lower() for c, up in zip(name, flips))
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), name)


def _plain_ok(value: str, flow: bool) -> bool:
    unsafe = ",[]{}" if flow else ""
    return not (": " in value or " #" in value or value[:1] in "-?:!&*|>'\"%@`#" or value != value.strip()
                or any(c in unsafe for c in value))


@st.composite
def scalar(draw, value: str, flow: bool) -> str:
    """`value` as a YAML scalar: plain when safe, else (or by choice) single or double quoted."""
    styles = (["plain"] if _plain_ok(value, flow) else []) + ["single", "double"]
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


COMMENT_TEXT = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\ufeff\t"),
                       max_size=12)


@st.composite
def comment(draw) -> str:
    """Nothing, or a comment at the line's end (in NFC or NFD, as the user typed it)."""
    if draw(st.booleans()):
        return ""
    text = draw(COMMENT_TEXT)
    return " " * draw(st.integers(1, 3)) + "#" + unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)


# ---- strategies: fields and files ----------------------------------------------------------------

@st.composite
def code_value(draw, list_name: str, invalid: bool):
    """(written, expected after fmt) for one code value."""
    if invalid:
        return UNKNOWN, UNKNOWN
    code = draw(st.sampled_from(codes.choices(list_name)))
    return draw(spelling(list_name, code)), code


@st.composite
def code_scalar_field(draw, key: str, list_name: str, invalid: bool) -> list[Line]:
    written, code = draw(code_value(list_name, invalid))
    tail = draw(comment())
    if draw(st.integers(0, 4)) == 0:  # a block scalar: `kind: |  # c` then the label on its own line
        header = draw(st.sampled_from(["|", ">", "|-", ">-"]))
        content = f"  {written}"
        value = written + ("" if header.endswith("-") else "\n")  # what YAML reads
        if code == value or code == UNKNOWN:  # nothing to rewrite
            return [Line(f"{key}: {header}{tail}", f"{key}: {header}{tail}", True),
                    Line(content, content, True, block=True)]
        return [Line(f"{key}: {header}{tail}", f"{key}: {code}{tail}", True), Line(content, None, True, block=True)]
    text = draw(scalar(written, flow=False))
    after = code if code != written else text
    return [Line(f"{key}: {text}{tail}", f"{key}: {after}{tail}", True)]


@st.composite
def code_list_field(draw, key: str, list_name: str, invalid: bool) -> list[Line]:
    count = draw(st.integers(1, 4))
    values = [draw(code_value(list_name, invalid and i == 0)) for i in range(count)]
    if draw(st.booleans()):  # flow: [a, 'b', "c"]  # c
        items = [(draw(scalar(w, flow=True)), c) for w, c in values]
        gap = draw(st.sampled_from([", ", ",", " , "]))
        tail = draw(comment())
        written = gap.join(t for t, _ in items)
        fixed = gap.join(c if c != _unquote(t) else t for t, c in items)
        return [Line(f"{key}: [{written}]{tail}", f"{key}: [{fixed}]{tail}", True)]
    indent = " " * draw(st.sampled_from([0, 2, 4]))
    lines = [Line(f"{key}:{(tail := draw(comment()))}", f"{key}:{tail}", True)]
    for written, code in values:
        text, tail = draw(scalar(written, flow=False)), draw(comment())
        after = code if code != written else text
        lines.append(Line(f"{indent}- {text}{tail}", f"{indent}- {after}{tail}", True))
    return lines


def _unquote(text: str) -> str:
    if text[:1] == "'":
        return text[1:-1].replace("''", "'")
    if text[:1] == '"':
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text


def plain_field(key: str, value: str):
    return st.just([Line(f"{key}: {value}", f"{key}: {value}", False)]).flatmap(_with_comment)


def _with_comment(lines: list[Line]):
    def add(tail: str) -> list[Line]:
        return [Line(ln.text + tail, (ln.formatted or "") + tail, ln.code) for ln in lines]
    return comment().map(add)


TITLES = st.sampled_from(["Hội nghị quán triệt Kế hoạch 02", '"Phóng sự: dịch vụ công"', "'Tọa đàm # số 1'",
                          "Chuyên mục Chuyển đổi số", "trực tuyến", "plan02"])
RECORDS = {
    "event": {"kind": ("event_kind", False), "date": "2025-09-01", "mode": ("mode", False),
              "topics": ("topic", True), "audiences": ("audience", True), "participants": "120"},
    "product": {"kind": ("product_kind", False), "published": "2025-09-20", "channels": ("outlet", True),
                "topics": ("topic", True), "audiences": ("audience", True)},
    "channel": {"kind": ("channel_kind", False), "outlet": ("outlet", False), "started": "2025-09-01",
                "cadence_days": "7", "audiences": ("audience", True)},
    "report": {"number": "12-BC/ĐU", "date": "2025-12-10", "topics": ("topic", True)},
}


@st.composite
def field_lines(draw, key: str, spec, invalid: bool) -> list[Line]:
    if isinstance(spec, tuple):
        list_name, many = spec
        make = code_list_field if many else code_scalar_field
        return draw(make(key, list_name, invalid))
    return draw(plain_field(key, spec))


@st.composite
def record_file(draw) -> tuple[str, list[Line], list[str]]:
    """(type, the file's lines, the names of its code fields)."""
    kind = draw(st.sampled_from(sorted(RECORDS)))
    spec = {"type": kind, "unit": "bo-y-te", "title": draw(TITLES), **RECORDS[kind]}
    keys = draw(st.permutations(list(spec)))
    dropped = draw(st.sampled_from([None, None, None, *keys]))  # sometimes a required field is missing
    coded = [k for k in keys if isinstance(spec[k], tuple)]
    bad = draw(st.sampled_from([None, None, None, *coded]))  # sometimes a value is no label at all
    lines: list[Line] = []
    for key in keys:
        if key == dropped:
            continue
        extras = ["", "# ghi chú", "#"] + ([] if lines and lines[-1].block else ["  # thụt vào"])
        lines += [Line(e, e, False) for e in draw(st.lists(st.sampled_from(extras), max_size=2))]
        lines += draw(field_lines(key, spec[key], key == bad))
    if dropped == "type":  # no type, no code lists: fmt cannot know what to rewrite
        lines = [Line(ln.text, ln.text, ln.code) for ln in lines]
    return kind, lines, coded


def text_of(lines: list[Line], newline: str = "\n") -> str:
    return "".join(ln.text + newline for ln in lines)


def _model_ok(kind: str, data) -> bool:
    from pydantic import ValidationError

    model = {"plan": Plan, "units": UnitsFile}.get(kind) or RECORD_TYPES.get(data.get("type"))
    if model is None:  # no type, or an unknown one
        return False
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def _fmt(text: str, kind: str = "record"):
    result = format_bytes(text.encode("utf-8"), REL[kind], kind)
    assert result.problem is None, result.problem
    return result.new.decode("utf-8")


# ---- properties ----------------------------------------------------------------------------------

BLOCK_SCALAR_LABEL = ("event", [Line("kind: |", "kind: dissemination", True),
                                Line("  hội nghị quán triệt", None, True, block=True),
                                Line("# sau", "# sau", False), Line("type: event", "type: event", False)], ["kind"])


@SETTINGS
@given(record_file(), st.sampled_from(["\n", "\r\n"]))
@example(BLOCK_SCALAR_LABEL, "\n")  # fmt used to swallow the line break after a block scalar: "kind: dissemination# sau"
def test_fmt_rewrites_labels_and_nothing_else(generated, newline):
    _kind, lines, _coded = generated
    out = _fmt(text_of(lines, newline))
    expected = "".join(unicodedata.normalize("NFC", ln.formatted) + newline
                       for ln in lines if ln.formatted is not None)
    assert out == expected


@SETTINGS
@given(record_file())
@example(BLOCK_SCALAR_LABEL)
def test_fmt_is_idempotent(generated):
    _kind, lines, _coded = generated
    once = _fmt(text_of(lines))
    assert _fmt(once) == once
    assert not format_bytes(once.encode("utf-8"), REL["record"], "record").changed


@SETTINGS
@given(record_file())
@example(BLOCK_SCALAR_LABEL)
def test_fmt_leaves_codes_and_keeps_validity(generated):
    kind, lines, coded = generated
    before = load_text(text_of(lines), REL["record"])
    after = load_text(_fmt(text_of(lines)), REL["record"])
    assert not [f for f in after.findings if f.severity is Severity.ERROR]
    assert [f.code for f in after.findings] == []  # NFC, no BOM
    for key in coded:
        if key not in after.data or "type" not in after.data:
            continue
        list_name = RECORDS[kind][key][0]
        values = after.data[key] if isinstance(after.data[key], list) else [after.data[key]]
        for value in values:
            value = value.strip() if isinstance(value, str) else value
            assert value in codes.LISTS[list_name] or codes.resolve(list_name, value) is None, (key, value)
    assert _model_ok(kind, after.data) == _model_ok(kind, before.data)


@SETTINGS
@given(record_file())
@example(BLOCK_SCALAR_LABEL)
def test_fmt_keeps_every_other_line_byte_for_byte(generated):
    _kind, lines, _coded = generated
    out = _fmt(text_of(lines)).split("\n")[:-1]
    at = 0
    for line in lines:
        if not line.code:
            assert out[at] == unicodedata.normalize("NFC", line.text)
        at += line.formatted is not None
    assert at == len(out)


# ---- plans and units ----------------------------------------------------------------------------

@st.composite
def plan_file(draw) -> list[Line]:
    lines = [Line("unit: bo-y-te", "unit: bo-y-te", False), Line("title: Kế hoạch", "title: Kế hoạch", False)]
    lines += draw(code_list_field("audiences", "audience", False))
    lines += [Line("tasks:", "tasks:", False), Line("  - id: t1", "  - id: t1", False),
              Line("    title: Tọa đàm", "    title: Tọa đàm", False)]
    lines += [Line("    " + ln.text, "    " + ln.formatted, True) for ln in draw(code_list_field("topics", "topic", False))
              if ln.formatted is not None]
    lines += [Line("reviews:", "reviews:", False)]
    review = draw(code_scalar_field("kind", "review_kind", False))
    lines += [Line(("  - " if i == 0 else "    ") + ln.text,
                   None if ln.formatted is None else ("  - " if i == 0 else "    ") + ln.formatted, True)
              for i, ln in enumerate(review)]
    lines += [Line("    due: 2025-10-31", "    due: 2025-10-31", False)]
    return lines


@SETTINGS
@given(plan_file())
def test_fmt_plan_fields(lines):
    text = text_of(lines)
    out = _fmt(text, "plan")
    assert out == "".join(unicodedata.normalize("NFC", ln.formatted) + "\n" for ln in lines if ln.formatted is not None)
    assert _fmt(out, "plan") == out
    assert _model_ok("plan", load_text(out, REL["plan"]).data)


# ---- anything at all ----------------------------------------------------------------------------

KINDS = st.sampled_from(["record", "plan", "units", "settings"])


def assert_safe(raw: bytes, kind: str) -> None:
    """No exception; a file the loader refuses is a problem and no change; else the output loads."""
    result = format_bytes(raw, REL[kind], kind)
    loaded = load_bytes(raw, REL[kind])
    if any(f.severity is Severity.ERROR for f in loaded.findings):
        assert result.problem is not None and result.new is None and not result.changed
        return
    assert result.problem is None and result.new is not None
    assert not result.new.startswith(b"\xef\xbb\xbf")
    again = load_bytes(result.new, REL[kind])
    assert not [f for f in again.findings if f.severity is Severity.ERROR], again.findings
    assert format_bytes(result.new, REL[kind], kind).new == result.new


@SETTINGS
@given(st.text(), KINDS)
def test_fmt_never_raises_on_text(text, kind):
    assert_safe(text.encode("utf-8", errors="surrogatepass"), kind)


@SETTINGS
@given(st.binary(max_size=2000), KINDS)
def test_fmt_never_raises_on_bytes(raw, kind):
    assert_safe(raw, kind)


@SETTINGS
@given(record_file(), st.data())
@example(("event", [Line("type: event", "", False), Line("kind: Hội nghị quán triệt", "", True)], ["kind"]), None)
def test_fmt_on_damaged_records(generated, data):
    """Two BOMs used to shift every splice by one ("kind:disseminationt"); three are refused, as by check."""
    raw = bytearray(text_of(generated[1]).encode("utf-8"))
    if data is None:
        raw[:0] = b"\xef\xbb\xbf\xef\xbb\xbf"
    else:
        for _ in range(data.draw(st.integers(1, 6))):
            where = data.draw(st.integers(0, len(raw)))
            piece = data.draw(st.sampled_from([b"\xef\xbb\xbf", b"\n", b" ", b"#", b"|", b"'", b":", b"-", b"\r",
                                               "\u2028".encode(), "\u0301".encode(), b"\x85", b"["]))
            raw[where:where] = piece
    assert_safe(bytes(raw), "record")
    if data is None:
        assert format_bytes(bytes(raw), REL["record"], "record").new == b"type: event\nkind: dissemination\n"
