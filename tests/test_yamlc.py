"""The optional C accelerator `dxtrack.check._yamlc`: built here, and the same as the reference.

`load_plain(text, resolve_plain, first_chars, max_depth)` must give exactly what
`dxtrack.check.load._parse` gives (data and spans: equal, same types, same key order) when
the reference finds nothing wrong, and None (decline: ask the reference) whenever the
reference has a finding. It may also decline some inputs the reference accepts (non-str
keys such as `1:`, which the reference turns into "1"; %YAML/%TAG directives); those are
listed below.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from pathlib import Path

import pytest
import yaml

from dxtrack.check import load

ROOT = Path(__file__).resolve().parents[1]

try:
    from dxtrack.check import _yamlc
except ImportError as exc:  # pragma: no cover - depends on the machine
    _yamlc = None
    _WHY = f"C accelerator not built: {exc} (needs gcc and libyaml-dev, then `pip install -e .`)"

try:  # the production resolver, once fastload.py exists
    from dxtrack.check.fastload import FIRST_CHARS, resolve_plain
except ImportError:
    # the same, made from the reference: the characters that start a plain scalar the
    # reference's resolver may read as other than text ("" – the empty value – is always resolved)
    FIRST_CHARS = "".join(ch for ch in load._Loader.yaml_implicit_resolvers if ch and len(ch) == 1)
    _RESOLVER = load._Loader("")

    @functools.lru_cache(maxsize=4096)  # the values are immutable: str, int, float, bool, None
    def resolve_plain(value: str) -> object:
        """What `_Builder._scalar` gives for a plain scalar with this text."""
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        return load._Builder("x.yaml", {})._scalar(yaml.ScalarNode(tag, value))


def _needs_accelerator():
    if _yamlc is None:
        pytest.skip(_WHY)


def test_the_accelerator_is_built_here():
    """On this machine (gcc, libyaml-dev) `pip install -e .` builds it; elsewhere it is optional."""
    _needs_accelerator()
    assert callable(_yamlc.load_plain)


def _parse_reference(text: str, rel: str, findings: list) -> load.Loaded:
    """The reference alone: where load._parse tries the fast path first, its prescan and its
    second half (`_parse_reference`), which is what the fast path stands in for."""
    if not hasattr(load, "_parse_reference"):
        return load._parse(text, rel, findings)
    refused = load._prescan(text, rel)
    return load.Loaded(findings=findings + refused) if refused else load._parse_reference(text, rel, findings)


def reference(text: str):
    loaded = _parse_reference(text, "x.yaml", [])
    return None if loaded.findings else (loaded.data, loaded.spans)


def fast(text: str):
    return _yamlc.load_plain(text, resolve_plain, FIRST_CHARS, load.MAX_DEPTH)


def typed(value):
    """`value` with the type of every part spelled out, dict order kept, NaN comparable."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def assert_same(text: str, *, may_decline: bool = False):
    expected, got = reference(text), fast(text)
    if got is None:
        assert expected is None or may_decline, f"declined what the reference accepts: {text!r}"
        return
    assert expected is not None, f"accepted what the reference refuses: {text!r} -> {got!r}"
    assert typed(got) == typed(expected), text


def sample_files() -> list[Path]:
    files = [ROOT / "units.yaml", ROOT / "dxtrack.yaml"]
    files += sorted((ROOT / "plans").rglob("*.yaml")) + sorted((ROOT / "activities").rglob("*.yaml"))
    return [p for p in files if p.is_file()]


def test_sample_files_are_the_same():
    _needs_accelerator()
    files = sample_files()
    assert len(files) > 10
    accepted = 0
    for path in files:
        text, _ = load.decode(path.read_bytes(), path.name)
        assert text is not None and unicodedata.is_normalized("NFC", text) and "\t" not in text
        assert_same(text)
        accepted += fast(text) is not None
    assert accepted == len(files)  # the samples are plain records: none is declined


RECORD = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW về chuyển đổi số
date: 2025-09-05
mode: in_person
note: Đồng chí Bí thư Đảng ủy Bộ chủ trì — “các đồng chí” dự. Ý kiến – đạt
participants: 1.000
"""

SNIPPETS = {
    "record": RECORD,
    "quoted": "a: 'it''s'\nb: \"x\\ty \\u1EA1\"\nc: \"\"\nd: ''\ne: 'yes'\nf: \"1.000\"\n",
    "block": "a: |\n  line one\n  dòng hai\nb: >-\n  folded\n  text\nc: |+\n  kept\n\nd: x\n",
    "flow": "a: [1, two, 'three', {b: c, d: [e, f]}]\ng: {}\nh: []\ni: {j: }\n",
    "nested lists": "a:\n  - - x\n    - y\n  - - z\n  -\n  - k: v\n    l:\n      - 1\n      - 2\n",
    "vietnamese": "tiêu_đề: Đảng ủy Bộ Y tế\nđơn_vị: [Bộ Tài chính, Bộ Nội vụ]\nghi_chú: Ừ, được\n"
                  "  tiếp tục dòng\nmục:\n  - tên: Nguyễn Văn Ấn\n    vai_trò: chủ trì\n",
    "vietnamese flow": "a: [Hội nghị, Đảng ủy, {tên: Ấn, số: 12}]\nb: {ý: kiến, đạt: yes}\n",
    "empty values": "a:\nb: ~\nc: null\nd: Null\ne:\n  -\n  - ''\nf: NULL\n",
    "yaml 1.1 words": "a: yes\nb: no\nc: on\nd: off\ne: y\nf: N\ng: true\nh: False\ni: TRUE\n",
    "numbers": "a: 1.000\nb: 012\nc: 10:30\nd: 1e3\ne: .inf\nf: -.inf\ng: 1.5\nh: 0x1F\ni: 1_000\n"
               "j: 80.000\nk: 0b101\nl: +12\nm: -0\nn: 1.0e+3\no: 190:20:30\np: 0.5\nq: 007\n",
    "nan": "a: .nan\nb: .NaN\n",
    "dates stay text": "a: 2025-09-05\nb: 2025-02-31\nc: 2025-09-05 10:30:00\nd: [2025-12-15]\n",
    "odd plain": "a: =x\nb: <<x\nc: -x\nd: .x\ne: ~x\nf: nothing\ng: Yesterday\nh: 'a: b'\ni: '-'\n",
    "keys as words": "yes: 1\nno: 2\n10:30: 3\n1.000: 4\n012: 5\nnull_ish: 6\nnone: 7\n",
    "quoted keys": "'1': a\n\"null\": b\n'<<': c\n\"=\": d\n'': e\n",
    "comments": "# đầu\na: 1  # sau\n# giữa\nb:\n  # trong\n  - x # y\n",
    "explicit document": "---\na: 1\n...\n",
    "explicit document no end": "--- \na: 1\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n",
    "no final newline": "a: 1\nb: x",
    "long line": "a: " + "chữ " * 500 + "\n",
    "flow brackets in quotes": "a: '" + "[" * 40 + "'\nb: \"" + "{" * 20 + "\"\n",
    "deep but allowed": "a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g:\n       h: 1\n",
    "deep list allowed": "a: [[[[[[[1]]]]]]]\n",
    "empty at depth 8": "a: {b: {c: {d: {e: {f: {g: {h: {}}}}}}}}\n",
    "multi-line key value": "a: b\n  c\n  d\nb: 'x\n  y'\n",
    "explicit key": "? a\n: b\n",
    "unicode escapes": "a: \"\\u00e9\\U0001F600\"\nb: \"\\x41\"\n",
    "astral": "a: 😀 là biểu tượng\n😀: x\nb: [😀, Ấn]\n",
}

# the reference refuses these (a finding): expected None
REFUSED = {
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate after resolving": "yes: 1\n'yes': 2\n",
    "nested duplicate": "a:\n  b: 1\n  b: 2\n",
    "anchor": "a: &x 1\nb: 2\n",
    "alias": "a: &x 1\nb: *x\n",
    "anchor on mapping": "a: &x\n  b: 1\n",
    "merge": "a: {b: 1}\nc:\n  <<: {d: 2}\n",
    "merge value": "a: <<\n",
    "value tag": "a: =\n",
    "value tag key": "=: a\n",
    "tag": "a: !!str 1\n",
    "local tag": "a: !x 1\n",
    "non-specific tag": "a: ! 1\n",
    "tag on root": "!!map\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "two documents, one empty": "a: 1\n---\n",
    "syntax error": "a: 1\n  b: 2\n",
    "colon in value": "a: b: c\n",
    "unclosed flow": "a: [1, 2\nb: 3\n",
    "unclosed quote": "a: 'x\n",
    "bad start": "a: `x`\n",
    "dash as a value": "a: -\n",
    "error after the mapping": "a: 1\n- x\n",
    "empty": "",
    "only comments": "# nothing\n",
    "only ---": "---\n",
    "root list": "- a\n- b\n",
    "root scalar": "just text\n",
    "root quoted": "'text'\n",
    "complex key": "[a, b]: c\n",
    "mapping key": "? {a: 1}\n: b\n",
    "too deep": "a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g:\n       h:\n        i: 1\n",
    "too deep list": "a: [[[[[[[[1]]]]]]]]\n",
    "too deep flow map": "a: {b: {c: {d: {e: {f: {g: {h: {i: 1}}}}}}}}\n",
    "too deep by list items": "a:\n" + "".join("  " * i + "-\n" for i in range(1)) + "  - - - - - - - - x\n",
    "flow brackets in quotes, too many": "a: '" + "[" * 65 + "'\n",
    "flow nesting past the limit": "a: " + "[" * 70 + "]" * 70 + "\n",
}

# the reference accepts these, the accelerator may decline them (unusual in a record)
DECLINED = {
    "int key": "1: a\n",
    "null key": "null: a\n~: b\n",
    "empty key": ": a\n",
    "bool key": "true: a\n",
    "float key": "1.5: a\n",
    "yaml directive": "%YAML 1.1\n---\na: 1\n",
    "tag directive": "%TAG !e! tag:example.com,2000:\n---\na: 1\n",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippets_are_the_same(name):
    _needs_accelerator()
    text = SNIPPETS[name]
    assert reference(text) is not None, "the reference should accept this snippet"
    assert fast(text) is not None, "a plain snippet: should not be declined"
    assert_same(text)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_the_reference_refuses_is_declined(name):
    _needs_accelerator()
    text = REFUSED[name]
    assert reference(text) is None, "the reference should have a finding for this snippet"
    assert fast(text) is None


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_unusual_input_may_be_declined(name):
    _needs_accelerator()
    assert_same(DECLINED[name], may_decline=True)


def fixture_contents() -> list[str]:
    """The `content` of every case of tests/fixtures/*.yaml that meets load_plain's precondition."""
    texts = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            text = case.get("content") if isinstance(case, dict) else None
            if (isinstance(text, str) and "\t" not in text and unicodedata.is_normalized("NFC", text)
                    and load.decode(text.encode("utf-8"), "x")[0] is not None):
                texts.append(text)
    return texts


def test_the_bad_input_table_is_the_same():
    _needs_accelerator()
    texts = fixture_contents()
    assert texts
    for text in texts:
        assert_same(text, may_decline=True)


def test_columns_after_vietnamese_letters():
    """libyaml counts columns in characters: a key after `Đảng ủy` is where the reference says."""
    _needs_accelerator()
    text = "tên: Đảng ủy Bộ\nmục: {ấn: 1, đạt: [Ừ, ờ]}\n"
    data, spans = fast(text)
    assert spans[("mục", "đạt")] == (2, 14) == _parse_reference(text, "x", []).spans[("mục", "đạt")]
    assert spans[("mục", "đạt", 1)] == (2, 23)
    assert data == {"tên": "Đảng ủy Bộ", "mục": {"ấn": 1, "đạt": ["Ừ", "ờ"]}}


def test_a_failing_resolver_is_a_decline():
    _needs_accelerator()

    def boom(value):
        raise ValueError(value)

    assert _yamlc.load_plain("a: 1\n", boom, FIRST_CHARS, 8) is None
    assert _yamlc.load_plain("a: x\n", boom, FIRST_CHARS, 8) == ({"a": "x"}, {(): (1, 1), ("a",): (1, 1)})


def test_a_resolver_giving_a_non_str_key_is_a_decline():
    _needs_accelerator()
    assert _yamlc.load_plain("a: 1\n", lambda v: 1, "a", 8) is None
    assert _yamlc.load_plain("a: 1\n", lambda v: v, "a", 0) is None  # the value is at depth 1
    assert _yamlc.load_plain("a: {}\n", lambda v: v, "", 1) == ({"a": {}}, {(): (1, 1), ("a",): (1, 1)})


def test_no_leak_on_many_calls():
    """Declines and errors on every path, many times over: the process does not grow."""
    _needs_accelerator()
    import resource

    texts = list(SNIPPETS.values()) + list(REFUSED.values()) + list(DECLINED.values())

    def run(times):
        for _ in range(times):
            for text in texts:
                fast(text)
            _yamlc.load_plain("a: 1\nb: [1, 2]\n", _raise, FIRST_CHARS, 8)

    run(50)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run(300)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 4096, f"grew {grown_kib} KiB"


def _raise(value):
    raise KeyError(value)
