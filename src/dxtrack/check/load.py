"""Bytes → data + a span index, safely.

`load_bytes` never raises on bad input: every problem of SPEC §5 that can be seen
in one file (size, encoding, binary, BOM, NFC, tabs, syntax, duplicate keys,
anchors/aliases/tags, empty, not a mapping, nesting) comes back as a finding.
libyaml (CSafeLoader) is used when present, pure Python otherwise. Timestamps are
not resolved by YAML: dates stay text and the models check them, so that 2025-02-31
is a finding and not a crash. A number written with thousands dots (`1.000`, which YAML
reads as the float 1.0) stays the text it was written as, so that the models refuse it
instead of taking it for a smaller number.

Every problem is found in one run: all tabs used for indentation (before parsing, which
they would stop) and all duplicate keys of all mappings, each at its own line. A file whose
only problems are duplicate keys still gives its data (the first of each key), so the later
checks run on it too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from dxtrack.check.findings import Finding, finding
from dxtrack.check.read import MAX_BYTES, read_path

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    # the same loader in pure Python; the stubs give the two no common base class
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 8          # a record needs 4 (record → evidence → item → url); plans 4
_FLOW_LIMIT = 64       # refuse [[[[... before libyaml recurses into it
_STR = "tag:yaml.org,2002:str"
_BOOL, _INT, _FLOAT = (f"tag:yaml.org,2002:{n}" for n in ("bool", "int", "float"))
# plain scalars kept as the text they are: YAML 1.1 booleans, base-60 and octal numbers
# (YAML 1.2 reads them as text), and integers written with thousands dots (1.000, 80.000)
_AS_WRITTEN = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
                         r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0[0-7_]+"
                         r"|[0-9]{1,3}(?:\.[0-9]{3})+)$")
_INT_BITS = 64         # an integer YAML reads past this stays text (see _Builder._scalar)
_STD_TAGS = {f"tag:yaml.org,2002:{n}" for n in ("str", "int", "float", "bool", "null", "map", "seq")}


class _Loader(_BaseLoader):
    """Safe loader with no timestamp resolution (dates stay strings)."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in _BaseLoader.yaml_implicit_resolvers.copy().items()
}

Spans = dict  # path tuple → (line, column), both 1-based


@dataclass
class Loaded:
    """What loading one file's bytes gives: its data (None if refused), spans and findings."""

    data: object = None
    spans: Spans = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, found: Finding):
        self.finding = found


def load_path(path, rel: str) -> Loaded:
    """Read the file at `path` (shown as `rel`, relative to the repo root) and load it.

    The read stage and this one in a row, for callers that hold a path (see `check.read`)."""
    raw, refused = read_path(path, rel)
    return Loaded(findings=refused) if raw is None else load_bytes(raw, rel)


def load_bytes(raw: bytes, rel: str) -> Loaded:
    """Decode, check and parse one YAML file."""
    if len(raw) > MAX_BYTES:
        return Loaded(findings=[finding(rel, (1, 1), "DX109", size=len(raw))])
    text, findings = decode(raw, rel)
    if text is None:
        return Loaded(findings=findings)
    return load_text(text, rel, findings)


def load_text(text: str, rel: str, findings: list[Finding] | None = None) -> Loaded:
    """Parse decoded text; `findings` are those already found while decoding."""
    findings = list(findings or [])
    if not unicodedata.is_normalized("NFC", text):
        normal = unicodedata.normalize("NFC", text)
        findings.append(finding(rel, _first_non_nfc(text, normal), "DX113"))
        text = normal
    tabs = _tab_findings(text, rel) if "\t" in text else []
    if tabs:
        # the tabs stop YAML; with each one read as a space (columns stay), what else is
        # wrong (duplicate keys, anchors, tags) is still told; the data is not used
        also = _parse(text.replace("\t", " "), rel, []).findings
        return Loaded(findings=findings + tabs + [f for f in also if f.code in _BESIDE_TABS])
    return _parse(text, rel, findings)


_BESIDE_TABS = frozenset({"DX103", "DX104", "DX105", "DX108"})


def _parse(text: str, rel: str, findings: list[Finding]) -> Loaded:
    refused = _prescan(text, rel)
    if refused:
        return Loaded(findings=findings + refused)
    from dxtrack.check.fastload import load_plain_default  # here: fastload imports this module

    plain = load_plain_default(text)  # a plain file in one pass; None: anything else, judged below
    if plain is not None:
        return Loaded(plain[0], plain[1], findings)
    return _parse_reference(text, rel, findings)


def _parse_reference(text: str, rel: str, findings: list[Finding]) -> Loaded:
    """Compose the node tree and build from it: the judge of every file, and its findings."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return Loaded(findings=findings + [_syntax_finding(exc, rel)])
    except RecursionError:  # nesting deeper than Python's stack (the pure-Python composer)
        return Loaded(findings=findings + [finding(rel, (1, 1), "DX108", limit=MAX_DEPTH)])
    except (yaml.YAMLError, ValueError) as exc:
        return Loaded(findings=findings + [finding(rel, (1, 1), "DX101", problem=str(exc)[:200])])
    if node is None or _is_blank(node):
        return Loaded(findings=findings + [finding(rel, (1, 1), "DX106")])
    if not isinstance(node, yaml.MappingNode):
        found = "found.list" if isinstance(node, yaml.SequenceNode) else "found.scalar"
        return Loaded(findings=findings + [finding(rel, _pos(node), "DX107", found_key=found)])
    spans: Spans = {(): _pos(node)}
    builder = _Builder(rel, spans)
    try:
        data = builder.build(node, (), 0)
    except _Refused as exc:
        return Loaded(findings=findings + builder.duplicates + [exc.finding])
    return Loaded(data, spans, findings + builder.duplicates)


# "context: problem" of libyaml → (plain message, point at where the unfinished thing began)
_PROBLEMS = (
    ("mapping values are not allowed", "yaml.colon", False),
    ("quoted scalar: found unexpected end of stream", "yaml.unclosed", True),
    ("could not find expected ':'", "yaml.no_colon", True),
    ("did not find expected ',' or", "yaml.unclosed_flow", False),
    ("did not find expected key", "yaml.indent", False),
    ("did not find expected '-' indicator", "yaml.indent", False),
    ("expected <block end>", "yaml.indent", False),
    ("found character that cannot start any token", "yaml.bad_start", False),
)


def _syntax_finding(exc: yaml.MarkedYAMLError, rel: str) -> Finding:
    """DX101 in plain words where the problem is a common one, libyaml's words otherwise."""
    problem = exc.problem or exc.context or "?"
    mark = exc.problem_mark or exc.context_mark
    if "maximum nesting depth" in problem:  # libyaml stops at 1,000 levels: nesting, told as such
        return finding(rel, (mark.line + 1, mark.column + 1) if mark else (1, 1), "DX108", limit=MAX_DEPTH)
    params = {"problem": problem}
    said = f"{exc.context or ''}: {problem}"
    for words, key, at_start in _PROBLEMS:
        if words in said:
            params = {"problem_key": key}
            mark = exc.context_mark if at_start and exc.context_mark else mark
            break
    pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return finding(rel, pos, "DX101", **params)


def _is_blank(node) -> bool:
    """A document with nothing in it but `---` (an empty scalar)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    """UTF-8 text, or None and a finding naming what the bytes look like."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        return None, [finding(rel, (1, 1), "DX111", encoding="UTF-16")]
    if b"\x00" in raw:
        return None, [finding(rel, (1, 1), "DX110")]
    findings = []
    if raw.startswith(b"\xef\xbb\xbf"):
        findings.append(finding(rel, (1, 1), "DX112"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [finding(rel, (line, column), "DX111", encoding=guess_encoding(raw))]
    if _CONTROL.search(text):
        return None, [finding(rel, _first_control(text), "DX110")]
    return text, findings


def _looks_utf16(raw: bytes) -> bool:
    head = raw[:200]
    if len(head) < 16:
        return False
    zeros_even = head[0::2].count(0)
    zeros_odd = head[1::2].count(0)
    half = len(head) // 2
    return max(zeros_even, zeros_odd) > 0.4 * half


# Windows-1258 writes five tones as combining marks after a vowel; TCVN3 (ABC) uses the
# same five bytes for precomposed letters (è ề ị ỡ ũ), typically after a consonant, and
# puts â ê ô ơ ư đ à á ạ ... on bytes that Windows-1258 uses for symbols (© « ® µ ¶ ¸ ...).
_CP1258_TONES = frozenset(b"\xcc\xec\xd2\xde\xf2")
_CP1258_DD = frozenset(b"\xd0\xf0")  # Đ đ


def _cp1258_kinds() -> tuple[frozenset, frozenset]:
    """(bytes that are vowels in Windows-1258, bytes that are no Vietnamese letter there)."""
    vowels, foreign = set(b"aeiouyAEIOUY"), set()
    for byte in range(0x80, 0x100):
        char = bytes([byte]).decode("cp1258", errors="replace")
        if byte in _CP1258_TONES or byte in _CP1258_DD:
            continue
        if unicodedata.normalize("NFD", char.lower())[0] in "aeiouy":
            vowels.add(byte)
        else:
            foreign.add(byte)
    return frozenset(vowels), frozenset(foreign)


_CP1258_VOWELS, _CP1258_FOREIGN = _cp1258_kinds()
_TCVN3_LETTERS = frozenset(range(0xA1, 0xAF)) | frozenset(range(0xB5, 0xFF))
_LOWER = frozenset(b"abcdefghijklmnopqrstuvwxyz")


def _vote(prev: int, byte: int) -> tuple[int, int]:
    """(evidence for TCVN3, evidence for Windows-1258) of `byte` after `prev`."""
    if byte in _CP1258_TONES:
        # a tone mark after a vowel is Windows-1258; after a consonant, a TCVN3 letter
        return (0, 1) if prev in _CP1258_VOWELS else (1, 0)
    if byte in _TCVN3_LETTERS and byte in _CP1258_FOREIGN:
        return 2, 0  # a symbol in Windows-1258 (© « ® µ ¸ ...), a common letter in TCVN3
    if 0xC0 <= byte < 0xE0 and prev in _LOWER:
        return 1, 0  # a capital inside a word in Windows-1258, a lowercase letter in TCVN3
    return 0, 0


def guess_encoding(raw: bytes) -> str:
    """The name of the legacy Vietnamese encoding `raw` most looks like."""
    if not any(b >= 0x80 for b in raw):
        return "ASCII"
    tcvn = cp1258 = 0
    for prev, byte in zip(b" " + raw, raw, strict=False):  # each byte with the one before it
        for_tcvn, for_cp1258 = _vote(prev, byte)
        tcvn, cp1258 = tcvn + for_tcvn, cp1258 + for_cp1258
    if tcvn and tcvn >= cp1258:
        return "TCVN3 (ABC)"
    if cp1258 or all(b < 0x80 or b in _CP1258_VOWELS or b in _CP1258_DD for b in raw):
        return "Windows-1258"
    return "Windows-1252 / Latin-1"


def _first_non_nfc(text: str, normal: str) -> tuple[int, int]:
    """(line, column) of the first character that NFC changes (`normal` is `text` in NFC): where
    the two first differ, found in one pass (a decomposed "ộ" is told at its "o")."""
    return line_column(text, _first_difference(text, normal))


def _first_difference(a: str, b: str, step: int = 4096) -> int:
    """The index of the first character where `a` and `b` differ (the shorter's length if
    one begins the other): compared a block at a time, then within the block."""
    start, end = 0, min(len(a), len(b))
    while start < end and a[start:start + step] == b[start:start + step]:
        start += step
    start = min(start, end)
    stop = min(start + step, end)
    while start < stop and a[start] == b[start]:
        start += 1
    return start


def line_column(text: str, index: int) -> tuple[int, int]:
    """(line, column), both 1-based and counted in characters, of `text[index]`: one count of
    the line breaks before it (no scan per line, so a 1 MiB line costs what a short one does)."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# Unicode category Cc is exactly U+0000–001F and U+007F–009F; tab, line feed and CR are text
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _first_control(text: str) -> tuple[int, int]:
    """(line, column) of the first control character (tab, line feed and CR are text)."""
    found = _CONTROL.search(text)
    return line_column(text, found.start()) if found else (1, 1)


_TAB_INDENT = re.compile(r"^[ ]*\t", re.M)
_MARKERS = re.compile(r"[&*!]|<<")


def _tab_findings(text: str, rel: str) -> list[Finding]:
    """A DX102 for every line indented with a tab, at the tab."""
    found, line, counted = [], 1, 0
    for match in _TAB_INDENT.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.append(finding(rel, (line, match.end() - match.start()), "DX102"))
    return found


def _prescan(text: str, rel: str) -> list[Finding]:
    """Refusals found before parsing: deep flow nesting, anchors and tags."""
    depth = peak = 0
    # the depth can never pass the number of openers: count them first (fast), walk only if needed
    for ch in (text if text.count("[") + text.count("{") > _FLOW_LIMIT else ""):
        if ch in "[{":
            depth += 1
            peak = max(peak, depth)
        elif ch in "]}" and depth:
            depth -= 1
    if peak > _FLOW_LIMIT:
        return [finding(rel, (1, 1), "DX108", limit=MAX_DEPTH)]
    return _scan_markers(text, rel) if _MARKERS.search(text) else []


def _scan_markers(text: str, rel: str) -> list[Finding]:
    """Anchors, aliases and explicit tags, found by libyaml's scanner."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            pos = (token.start_mark.line + 1, token.start_mark.column + 1)
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return [finding(rel, pos, "DX104")]
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                return [finding(rel, pos, "DX105", tag=(handle or "") + (suffix or ""))]
    except yaml.YAMLError:
        return []  # the parser reports the syntax error with its position
    return []


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Node tree → plain data, recording the position of every key and item."""

    def __init__(self, rel: str, spans: Spans, parent: _Builder | None = None):
        self.rel = rel
        self.spans = spans  # a left-out duplicate's value is built with spans of its own
        self.constructor: _Loader = parent.constructor if parent else _Loader("")
        self.seen: set[int] = parent.seen if parent else set()
        self.duplicates: list[Finding] = parent.duplicates if parent else []  # DX103, each key written again

    def build(self, node, path: tuple, depth: int):
        if depth > MAX_DEPTH:
            raise _Refused(finding(self.rel, _pos(node), "DX108", limit=MAX_DEPTH))
        if id(node) in self.seen:  # a node reached twice is an alias
            raise _Refused(finding(self.rel, _pos(node), "DX104"))
        self.seen.add(id(node))
        if node.tag not in _STD_TAGS:
            code = "DX104" if node.tag == "tag:yaml.org,2002:merge" else "DX105"
            raise _Refused(finding(self.rel, _pos(node), code, tag=node.tag))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.spans[path + (index,)] = _pos(item)
                items.append(self.build(item, path + (index,), depth + 1))
            return items
        return self._scalar(node)

    def _scalar(self, node):
        """A scalar's value, read as YAML 1.2 would: `yes`, `no`, `on`, `off`, `10:30` and
        `012` stay text (YAML 1.1 made them booleans, base-60 and octal numbers); so does
        `1.000` (a Vietnamese 1000, not the float 1.0: the models refuse it with a hint).
        An integer past 64 bits stays the text it was written as too: no field takes one (the
        models say it is too large and what is allowed), and past 4,300 digits Python can
        neither read it (a decimal) nor write it back (`0xfff...`: any message, JSON or
        report quoting it would fail)."""
        if not node.style and node.tag in (_BOOL, _INT, _FLOAT) and _AS_WRITTEN.match(node.value):
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except ValueError:  # `0x_`, `0b_`, 5,000 digits: matched as a number, yet none: the text it is
            return node.value
        return node.value if type(value) is int and value.bit_length() > _INT_BITS else value

    def _mapping(self, node, path: tuple, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(finding(self.rel, _pos(key_node), "DX104"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(finding(self.rel, _pos(key_node), "DX101", problem_key="yaml.complex_key"))
            key = key_node.value if key_node.tag == _STR else self.build(key_node, path, depth + 1)
            key = key if isinstance(key, str) else str(key)
            if key in result:  # told, and its value left out (still searched for duplicates)
                first = self.spans[path + (key,)][0]
                self.duplicates.append(finding(self.rel, _pos(key_node), "DX103", key=key, first=first))
                _Builder(self.rel, {}, self).build(value_node, path + (key,), depth + 1)
                continue
            self.spans[path + (key,)] = _pos(key_node)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result
