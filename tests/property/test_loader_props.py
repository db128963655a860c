"""Hypothesis: the loader never raises, whatever it is fed, and its spans point at their keys."""

from __future__ import annotations

import unicodedata
from string import Formatter

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dxtrack.i18n import finding_text
from dxtrack.check.findings import CODES, Severity
from dxtrack.i18n.findings import MESSAGES
from dxtrack.check.load import MAX_DEPTH, Loaded, load_bytes, load_text

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

RECORD = (
    "type: event\nunit: bo-y-te\nkind: dissemination\ntitle: Hội nghị quán triệt\n"
    "date: 2025-09-05\nmode: in_person\ntopics: [plan02, significance]\n"
    "evidence:\n  - url: https://moh.gov.vn/a\n"
).encode()

TOKENS = [
    "key:", "title:", "unit: ", "- ", "  ", "    ", "\n", "\r\n", "\t", "[", "]", "{", "}", ",", ": ",
    "&a ", "*a", "&b", "*b ", "<<: ", "!!tag ", "!!python/object:os.system ", "!x ", "!", "? ",
    "'", '"', "\\", "#", "---", "...", "|", ">-", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "@", "`",
    "~", "null", "yes", "2025-02-31", "31/02/2025", "1e400", "0x1F", "-.inf", "\ufeff", "\u0301",
    "\u00a0", "\u2028", "\x85", "\x00", "\x07", "ộ", "Đảng ủy", "Hội nghị quán triệt", "đ", "Ư",
]
YAMLISH = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=80).map("".join)


def _placeholders(code: str) -> set[str]:
    """The {names} of a code's message and of the messages its parameters name."""
    keys = [code] + [k for k in MESSAGES if k.startswith(("yaml.", "found.", "expected.", "hint."))]
    return {name for k in keys for text in MESSAGES[k] for _, name, _, _ in Formatter().parse(text) if name}


def assert_well_formed(loaded: Loaded, source: str | bytes) -> None:
    """Whatever came in: a Loaded, findings with real codes, positions and messages."""
    assert isinstance(loaded, Loaded)
    text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
    lines = len(text.splitlines()) + 1  # YAML also breaks lines at U+0085, U+2028, U+2029
    for f in loaded.findings:
        assert f.code in CODES
        assert f.file == "x.yaml"
        assert 1 <= f.line <= lines and f.column >= 1
        assert finding_text(f) and not any("{%s}" % name in finding_text(f) for name in _placeholders(f.code))
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.data is None:
        assert errors, "no data needs a reason"
    else:
        # a file whose only errors are duplicate keys is still read (its later checks run)
        assert isinstance(loaded.data, dict) and all(f.code == "DX103" for f in errors)
        assert all(isinstance(k, str) for k in loaded.data)


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(raw):
    assert_well_formed(load_bytes(raw, "x.yaml"), raw)


@SETTINGS
@given(st.data())
def test_damaged_records_never_raise(data):
    raw = bytearray(RECORD)
    for _ in range(data.draw(st.integers(1, 8))):
        where = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["insert", "replace", "delete"]))
        byte = data.draw(st.integers(0, 255))
        if action == "insert":
            raw.insert(where, byte)
        elif where < len(raw):
            if action == "replace":
                raw[where] = byte
            else:
                del raw[where]
    assert_well_formed(load_bytes(bytes(raw), "x.yaml"), bytes(raw))


@SETTINGS
@given(YAMLISH)
def test_yamlish_text_never_raises(text):
    assert_well_formed(load_text(text, "x.yaml"), text)
    raw = text.encode("utf-8", errors="surrogatepass")
    assert_well_formed(load_bytes(raw, "x.yaml"), raw)


# ---- spans point at their key --------------------------------------------------------------------

RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
KEYS = st.from_regex(r"[a-zđơưộ][a-z0-9_đơưộệ]{0,10}", fullmatch=True).filter(lambda k: k not in RESERVED)
TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn", "Mn", "Zl", "Zp")), max_size=20).map(
    lambda s: unicodedata.normalize("NFC", s))
SCALARS = st.one_of(st.integers(-10**6, 10**6), TEXT, st.booleans(), st.none())
TREES = st.recursive(
    SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=25)
DOCS = st.dictionaries(KEYS, TREES, min_size=1, max_size=6)


def depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


def key_paths(value, path=()):
    """(path, key) of every mapping key in `value`."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield path + (key,), key
            yield from key_paths(inner, path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from key_paths(inner, path + (index,))


@SETTINGS
@given(DOCS, st.booleans())
def test_spans_point_at_their_key(doc, flow):
    assume(depth(doc) <= MAX_DEPTH)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=60)
    loaded = load_text(text, "x.yaml")
    assert loaded.findings == []
    assert loaded.data == doc
    lines = text.split("\n")
    for path, key in key_paths(doc):
        line, column = loaded.spans[path]
        assert lines[line - 1][column - 1:].startswith(key), (path, lines[line - 1], column)


@SETTINGS
@given(DOCS)
def test_spans_of_list_items_point_at_the_item(doc):
    assume(depth(doc) <= MAX_DEPTH)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False)
    loaded = load_text(text, "x.yaml")
    lines = text.split("\n")
    for path, _key in key_paths(doc):
        parent = path[:-1]
        if parent and isinstance(parent[-1], int) and path == parent + (next(iter(_mapping_at(doc, parent))),):
            # a mapping item of a block list starts at its first key
            assert loaded.spans[parent] == loaded.spans[path]
        assert lines[loaded.spans[path][0] - 1].strip()


def _mapping_at(doc, path):
    for part in path:
        doc = doc[part]
    return doc
