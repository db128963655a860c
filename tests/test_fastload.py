"""The single-pass loader of plain files: the reference's data and spans exactly, or None.

Differential: every implementation of `fastload.IMPLEMENTATIONS` (pure Python, and the C one
when it is built) against the reference (`load._parse_reference`: compose, then `_Builder`)
on every YAML file of the repo, every bad-input table case, and generated YAML-ish text. A
result that is not None must equal the reference's data and spans, types and key order
included, and the reference must have found nothing; None ("ask the reference") is always
allowed, but the ordinary records must not get it.
"""

from __future__ import annotations

import base64
import math
import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_loader  # tests/ is on sys.path (rootdir conftest); a module, so its tests are not collected here
from dxtrack.check import fastload
from dxtrack.check.load import _AS_WRITTEN, MAX_DEPTH, _parse_reference, decode, load_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
IMPLS = sorted(fastload.IMPLEMENTATIONS.items())
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---- the judge --------------------------------------------------------------------------

def same(a, b) -> bool:
    """Equal, of the same types all the way down, keys in the same order (nan equals nan)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return repr(a) == repr(b) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, tuple):  # span keys and positions
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def reference(text: str):
    """The reference's (data, spans) when it finds nothing; None when it finds something;
    the exception when it raises (the fast path must then decline)."""
    try:
        loaded = _parse_reference(text, "x.yaml", [])
    except Exception as exc:
        return exc
    return None if loaded.findings else (loaded.data, loaded.spans)


def check(text: str) -> dict[str, bool]:
    """Each implementation either declines or gives exactly the reference; → name: accepted."""
    expected = reference(text)
    accepted = {}
    for name, load_plain in IMPLS:
        got = load_plain(text, fastload.resolve_plain, fastload.FIRST_CHARS, MAX_DEPTH)
        accepted[name] = got is not None
        if got is None:
            continue
        assert isinstance(got, tuple) and len(got) == 2, (name, got)
        assert isinstance(expected, tuple), f"{name} took what the reference refuses: {text!r} → {expected!r}"
        data, spans = got
        assert same(data, expected[0]), (name, text, data, expected[0])
        assert list(spans.items()) == list(expected[1].items()) or spans == expected[1], (name, text)
        assert same(dict(sorted(spans.items(), key=repr)), dict(sorted(expected[1].items(), key=repr))), (name, text)
    return accepted


def as_parsed(text: str) -> str:
    """The text `_parse` is given for these contents (NFC, tabs read as spaces)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\t", " ")


# ---- every YAML file of the repo, and the bad-input tables ------------------------------

def repo_files() -> list[Path]:
    found = []
    for pattern in ("*.yaml", "*.yml"):
        found += [p for p in ROOT.rglob(pattern) if not {".venv", ".git", "node_modules"} & set(p.parts)]
    return sorted(found)


ACTIVITIES = sorted((ROOT / "activities").rglob("*.yaml"))


@pytest.mark.parametrize("path", repo_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repo(path):
    text, _ = decode(path.read_bytes(), "x.yaml")
    if text is not None:
        check(text)
        check(as_parsed(text))


def test_the_sample_records_are_taken_by_every_implementation():
    """Not a loader that always declines: every record of the sample data is read in one pass."""
    assert len(ACTIVITIES) >= 100
    for path in [*ACTIVITIES, ROOT / "units.yaml", ROOT / "dxtrack.yaml", *sorted((ROOT / "plans").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        assert check(text) == {name: True for name, _ in IMPLS}, path


def table_cases() -> list[tuple[str, str]]:
    cases = []
    for table in sorted(FIXTURES.glob("bad_inputs*.yaml")):
        for case in yaml.safe_load(table.read_text(encoding="utf-8")) or []:
            contents = [text for _, text in sorted((case.get("files") or {}).items())]
            if "content_b64" in case:
                raw = base64.b64decode(case["content_b64"])
            elif "content" in case:
                raw = test_loader.encode_as(case["content"], case.get("encoding", "utf-8"))
            else:
                raw = None
            if raw is not None:
                text, _ = decode(raw, "x.yaml")
                contents += [text] if text is not None else []
                contents += [raw.decode("utf-8", errors="replace")]
            cases += [(f"{case['name']}#{i}", t) for i, t in enumerate(contents)]
    return cases


TABLE = table_cases()


@pytest.mark.parametrize(("name", "text"), TABLE, ids=[n for n, _ in TABLE])
def test_every_bad_input_case(name, text):
    check(text)
    check(as_parsed(text))
    check(textwrap.dedent(text))


# ---- what is taken, what is declined -----------------------------------------------------

RECORD = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt Kế hoạch 02
date: 2025-09-05
mode: in_person
participants: 120
topics: [plan02, significance]
evidence:
  - url: https://moh.gov.vn/a
    note: 'trích'
  - file: evidence/a.pdf
"""

TAKEN = [
    "a: 0x_\nb: -0b_\n",  # matched as numbers, yet none: kept as the text they are
    RECORD,
    "---\n" + RECORD + "...\n",
    "# a comment\n" + RECORD + "# the end\n",
    "a: yes\nb: no\nc: on\nd: 1.000\ne: 012\nf: 10:30\ng: ~\nh:\ni: null\nj: 1e3\nk: .inf\nl: 0x1F\nm: 2025-02-31\n",
    "yes: 1\nno: 2\nt1: x\n'1': quoted\n\"null\": q\n",
    "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\nc: \"x\\ty\"\n",
    "a: {b: [1, 2, {c: d}], e: []}\nf: {}\n",
    "a:\n- 1\n- - 2\n  - 3\n- b: c\n  d: e\n",
    "? explicit\n: value\n",
    "a: 1.5\nb: -2\nc: +3\nd: .nan\ne: -0.0\nf: true\ng: False\n",
    "{a: 1, b: 2}\n",
    "tên đơn vị: Đảng ủy Bộ Y tế\nghi chú: \"Hội nghị\"\n",
]

DECLINED = [
    "",
    "# only a comment\n",
    "---\n",
    "---\n...\n",
    "- a\n- b\n",
    "just text\n",
    "'quoted'\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\na: 2\n",
    "a: 1\n'a': 2\n",
    "yes: 1\n'yes': 2\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: !x 1\n",
    "!!map {a: 1}\n",
    "&r a: 1\n",
    "a: =\n",
    "<<: {a: 1}\n",
    "1: x\n",
    "null: x\n",
    "~: x\n",
    "true: x\n",
    "1.5: x\n",
    ": x\n",
    "[a]: x\n",
    "? [a, b]\n: x\n",
    "? {a: b}\n: x\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: 'x\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: 1\n  b: 2\n",
]


@pytest.mark.parametrize("text", TAKEN)
def test_taken(text):
    assert check(text) == {name: True for name, _ in IMPLS}


@pytest.mark.parametrize("text", DECLINED)
def test_declined(text):
    for name, load_plain in IMPLS:
        assert load_plain(text, fastload.resolve_plain, fastload.FIRST_CHARS, MAX_DEPTH) is None, name
    check(text)


def nested(levels: int, kind: str) -> str:
    """A value `levels` below the root mapping (the root is depth 0, as _Builder counts)."""
    if kind == "map":
        lines = ["  " * i + f"k{i}:" for i in range(levels)]
        return "\n".join(lines) + " leaf\n"
    return "k0: " + "[" * (levels - 1) + "leaf" + "]" * (levels - 1) + "\n"


@pytest.mark.parametrize("kind", ["map", "seq"])
def test_depth_as_the_reference_counts_it(kind):
    deepest, too_deep = nested(MAX_DEPTH, kind), nested(MAX_DEPTH + 1, kind)
    assert reference(deepest) is not None and reference(too_deep) is None
    for name, load_plain in IMPLS:
        args = (fastload.resolve_plain, fastload.FIRST_CHARS, MAX_DEPTH)
        assert load_plain(deepest, *args) is not None, name
        assert load_plain(too_deep, *args) is None, name
        assert load_plain(deepest, fastload.resolve_plain, fastload.FIRST_CHARS, MAX_DEPTH - 1) is None, name
        # an empty collection at the deepest level has no child too deep
        empty = "k0: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
        assert same(load_plain(empty, *args), reference(empty)), name
    check(deepest)
    check(too_deep)


def test_spans_point_at_keys_and_items():
    _, spans = fastload.load_plain_python("a:\n  - x\n  - {b: 1}\nc: d\n", fastload.resolve_plain,
                                          fastload.FIRST_CHARS, MAX_DEPTH)
    assert spans == {(): (1, 1), ("a",): (1, 1), ("a", 0): (2, 5), ("a", 1): (3, 5), ("a", 1, "b"): (3, 6),
                     ("c",): (4, 1)}


# ---- resolve_plain and FIRST_CHARS -------------------------------------------------------

ODD = ["yes", "no", "Yes", "NO", "on", "Off", "y", "n", "true", "False", "TRUE", "1.000", "150.000.000",
       "012", "0o12", "0x1F", "0b101", "10:30", "1:20:30", "190:20:30.15", "~", "null", "Null", "NULL", "",
       "1e3", "1.0e+3", "1.5", "-2", "+3", ".inf", "-.inf", "+.INF", ".nan", ".NaN", "-0.0", "0.", "+.5",
       "1_000", "0_7", "2025-02-31", "2025-09-05", "2025-09-05T10:00:00", "31/02/2025", "=", "<<", "._",
       "t1", "plan02", "nhiều", "000", "-0", "0", "1,000", "1 000", "80.000", "1.5.0", "0x", "-_"]


@pytest.mark.parametrize("value", ODD)
def test_resolve_plain_is_the_reference(value):
    expected = reference(f"k: {value}\n")
    if isinstance(expected, tuple):
        assert same(fastload.resolve_plain(value), expected[0]["k"])
        assert same(fastload.resolve_plain(value), expected[0]["k"])  # memoised: the same again
    else:
        with pytest.raises(ValueError):
            fastload.resolve_plain(value)


def test_first_chars_cover_every_resolver():
    """A plain scalar whose first character is not in FIRST_CHARS is text for the reference too."""
    from dxtrack.check.load import _Loader

    assert set(fastload.FIRST_CHARS) == {ch for ch, rs in _Loader.yaml_implicit_resolvers.items() if ch and rs}
    assert None not in _Loader.yaml_implicit_resolvers
    for ch in "abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZđĐộ_@%/":
        assert ch not in fastload.FIRST_CHARS
    assert _AS_WRITTEN.match("1.000") and fastload.resolve_plain("1.000") == "1.000"


def test_resolve_plain_memo_is_bounded():
    for i in range(fastload._MEMO_LIMIT + 10):
        fastload.resolve_plain(f"{i}")
    assert len(fastload._MEMO) <= fastload._MEMO_LIMIT
    assert fastload.resolve_plain("12") == 12


# ---- the implementation chosen, and _parse using it --------------------------------------

def test_implementation_choice():
    assert fastload.IMPLEMENTATIONS["python"] is fastload.load_plain_python
    expected = fastload.IMPLEMENTATIONS.get("c", fastload.load_plain_python)
    if os.environ.get("DXTRACK_PURE_PYTHON"):
        expected = fastload.load_plain_python
    assert fastload.load_plain is expected
    code = "from dxtrack.check import fastload as f; print(f.load_plain is f.load_plain_python)"
    env = {**os.environ, "DXTRACK_PURE_PYTHON": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == "True\n"
    env["DXTRACK_PURE_PYTHON"] = ""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == ("False\n" if "c" in fastload.IMPLEMENTATIONS else "True\n")


def test_load_plain_default():
    data, spans = fastload.load_plain_default(RECORD)
    assert data["participants"] == 120 and spans[("evidence", 1)] == (12, 5)


def test_parse_takes_the_fast_path_and_falls_back():
    calls = []

    def spy(text):
        calls.append(text)
        return None

    with mock.patch.object(fastload, "load_plain_default", spy):
        slow = load_text(RECORD, "a.yaml")
    assert calls == [RECORD]
    fast = load_text(RECORD, "a.yaml")
    assert same(fast.data, slow.data) and fast.spans == slow.spans and fast.findings == slow.findings == []
    with mock.patch.object(fastload, "load_plain_default", lambda text: ({"from": "fast"}, {(): (1, 1)})):
        assert load_text(RECORD, "a.yaml").data == {"from": "fast"}
    duplicate = load_text("a: 1\na: 2\n", "a.yaml")
    assert [f.code for f in duplicate.findings] == ["DX103"] and duplicate.data == {"a": 1}


# ---- generated YAML-ish text -------------------------------------------------------------

WORDS = ["event", "bo-y-te", "in_person", "plan02", "Hội nghị quán triệt", "Đảng ủy Bộ Y tế", "a b", "x#y",
         "100%", "https://moh.gov.vn/a?x=1&y=2", "t1", "nhiều", "ộ", "Ư đ"]
KEYS = ["type", "unit", "title", "date", "kind", "evidence", "url", "yes", "no", "on", "1", "null", "~",
        "true", "1.000", "10:30", "=", "tên", "Đơn vị", "a b", "t1", "<<", "0x1F"]


@st.composite
def scalar(draw, indent: int) -> str:
    style = draw(st.sampled_from(["plain", "plain", "odd", "single", "double", "literal", "folded", "empty"]))
    if style == "odd":
        return draw(st.sampled_from(ODD))
    text = draw(st.sampled_from(WORDS) | st.text(st.sampled_from("abcđộ :-#'\"\\ 01."), max_size=6))
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "empty":
        return ""
    pad = " " * (indent + 2)
    head = "|" if style == "literal" else draw(st.sampled_from([">", ">-", "|+", "|-"]))
    return head + "".join(f"\n{pad}{line}" for line in draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))


@st.composite
def flow(draw, depth: int = 0) -> str:
    items = draw(st.lists(st.sampled_from(WORDS[:4] + ODD[:20] + ["'q'", '"d"']), max_size=4))
    if depth < 2 and draw(st.booleans()):
        items.append(draw(flow(depth + 1)))
    if draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(KEYS), max_size=len(items), unique=False))
        return "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=False)) + "}"
    return "[" + ", ".join(items) + "]"


@st.composite
def mapping(draw, indent: int = 0, depth: int = 0) -> str:
    lines = []
    pad = " " * indent
    for _ in range(draw(st.integers(1 if depth else 0, 5))):
        key = draw(st.sampled_from(KEYS))
        if draw(st.integers(0, 9)) == 0:
            key = draw(st.sampled_from(["'" + key + "'", '"' + key + '"', "? " + key + "\n" + pad]))
        kind = draw(st.sampled_from(["scalar", "scalar", "scalar", "flow", "map", "seq", "comment"]
                                    if depth < MAX_DEPTH + 1 else ["scalar"]))
        if kind == "comment":
            lines.append(pad + "# " + draw(st.sampled_from(WORDS)))
            continue
        if kind == "scalar":
            value = draw(scalar(indent))
            lines.append(f"{pad}{key}: {value}" + draw(st.sampled_from(["", "", " # note"])))
        elif kind == "flow":
            lines.append(f"{pad}{key}: {draw(flow())}")
        elif kind == "map":
            lines.append(f"{pad}{key}:\n" + draw(mapping(indent + 2, depth + 1)))
        else:
            lines.append(f"{pad}{key}:")
            item_pad = pad + draw(st.sampled_from(["", "  "]))
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    lines.append(f"{item_pad}- {draw(scalar(len(item_pad) + 2))}")
                else:
                    inner = draw(mapping(len(item_pad) + 2, depth + 2))
                    lines.append(f"{item_pad}- " + inner[len(item_pad) + 2:].rstrip("\n"))
    return "\n".join(lines) + "\n" if lines else ""


@st.composite
def document(draw) -> str:
    body = draw(mapping())
    if draw(st.integers(0, 4)) == 0:
        body = "---\n" + body
    if draw(st.integers(0, 4)) == 0:
        body += "...\n"
    if draw(st.integers(0, 9)) == 0:
        body += "---\n" + draw(mapping())
    return body


@st.composite
def mutated(draw) -> str:
    base = draw(st.sampled_from([RECORD, *TAKEN]) | document())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(base)))
        if draw(st.booleans()) and base:
            base = base[:at] + base[at + draw(st.integers(1, 3)):]
        else:
            base = base[:at] + draw(st.sampled_from(list(":- \n'\"[]{},#&*!|>?%~ađ\t") + ["  ", "---\n"])) + base[at:]
    return base


@SETTINGS
@given(document())
def test_generated_documents(text):
    check(text)


@SETTINGS
@given(mutated())
def test_mutated_documents(text):
    check(text)


# the keys of the grammar the reference turns into text with str() (1 → "1"): the fast path declines them
NON_STR_KEY = re.compile(r"(?<![\w.:/-])(?:1|null|~|true|0x1F)(?![\w./-])")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_generated_documents_are_taken_unless_a_key_is_not_text(text):
    """Not a loader that declines whatever is unusual: what the reference takes, it takes too,
    but for a key the reference makes text of with str()."""
    accepted = check(text)
    if isinstance(reference(text), tuple) and not all(accepted.values()):
        assert NON_STR_KEY.search(text), text
