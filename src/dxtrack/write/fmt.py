"""Canonical form for `dxtrack fmt`: codes for labels, Unicode NFC, no BOM.

Everything else the user wrote stays byte for byte: comments, key order, quoting,
blank lines. The file is parsed (PyYAML's composed nodes carry the exact start and
end of every scalar) and only the scalars holding a label are spliced out and
replaced by their code; a file that cannot be parsed safely is never touched.

A file is read as `check` reads it (`read_source`): only a regular file inside the repo,
with no symbolic link on the way, of at most 1 MiB; anything else is told, never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from dxtrack.check.discover import SourceFile
from dxtrack.check.findings import Finding, finding, has_errors
from dxtrack.check.read import MAX_BYTES, read_path
from dxtrack.models import codes
from dxtrack.models.fields import DOCUMENT_MODELS, FIELDS, RECORD_TYPE_NAMES, code_paths, describe
from dxtrack.text import nfc

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Formatted:
    """One file: its text before and after, or why it was left alone."""

    rel: str
    old: bytes
    new: bytes | None = None
    problem: Finding | None = None

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old


def format_source(root: Path, source: SourceFile) -> Formatted:
    """The canonical form of a file discovery found in the repo at `root` (nothing written),
    or why it was not read (`read_source`)."""
    if source.kind == "unreadable":  # a folder that cannot be listed
        return Formatted(source.rel, b"", problem=finding(source.rel, (1, 1), "DX115", **(source.problem or {})))
    raw, refused = read_source(root, source.rel)
    if raw is None:
        return Formatted(source.rel, b"", problem=refused)
    return format_bytes(raw, source.rel, source.kind)


def read_source(root: Path, rel: str) -> tuple[bytes, None] | tuple[None, Finding]:
    """The bytes of the file `rel` of the repo at `root`, or the finding `check` gives it: read
    exactly as `check` reads it (`check.read.read_path`: a link, a file under a linked folder
    or anything but that regular file is DX114 and not opened, one over 1 MiB DX109, what the
    system refuses DX115), and one that grew past the limit since it was looked at is DX109."""
    raw, refused = read_path(Path(root) / rel, rel)
    if raw is None:
        return None, refused[0]
    if len(raw) > MAX_BYTES:  # grew since it was looked at: read to one byte past the limit, no further
        return None, finding(rel, (1, 1), "DX109", size=len(raw))
    return raw, None


def format_bytes(raw: bytes, rel: str, kind: str) -> Formatted:
    """The canonical form of the file `rel` (a settings, units, plan or record file)."""
    from dxtrack.check.load import decode, load_text

    if len(raw) > MAX_BYTES:
        return Formatted(rel, raw, problem=finding(rel, (1, 1), "DX109", size=len(raw)))
    text, found = decode(raw, rel)
    if text is None:
        return Formatted(rel, raw, problem=found[0])
    text = nfc(text)
    loaded = load_text(text, rel)
    if has_errors(loaded.findings):
        return Formatted(rel, raw, problem=next(f for f in loaded.findings if f.severity == "error"))
    # more BOMs: libyaml skips them without counting, which would shift every splice
    text = text.lstrip("\ufeff")
    fields = _code_fields(kind, loaded.data)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:  # the checks above make this unlikely
        return Formatted(rel, raw, problem=finding(rel, (1, 1), "DX101", problem=str(exc)[:200]))
    edits = sorted(_label_edits(node, (), (), fields))
    try:
        text = splice(text, [(start, end, _replaced(text, start, end, code)) for start, end, code, _path in edits])
    except ValueError:  # two scalars in one place: never seen, but then the file is not touched
        return Formatted(rel, raw, problem=finding(rel, (1, 1), "DX212", problem_key="fmt.unsafe"))
    if not _same_meaning(loaded.data, load_text(text, rel).data, edits):
        return Formatted(rel, raw, problem=finding(rel, (1, 1), "DX212", problem_key="fmt.unsafe"))
    return Formatted(rel, raw, new=text.encode("utf-8"))


def _replaced(text: str, start: int, end: int, code: str) -> str:
    """What the scalar at text[start:end] becomes: `code`, as `_replacement` places it."""
    replaced = _replacement(text[start:end], code)
    if text[end:end + 1] == "#" and not replaced[-1:].isspace():
        replaced += " "  # `'x'#note`: after a quote `#` starts a comment; after plain text it would not
    return replaced


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each span text[start:end] of `edits` (sorted, none overlapping) replaced,
    in one pass: the pieces between the spans and the replacements, joined once (rebuilding
    the whole text per edit took minutes on a large file with thousands of labels)."""
    pieces: list[str] = []
    at = 0
    for start, end, replacement in edits:
        if start < at:
            raise ValueError("overlapping edits")
        pieces += (text[at:start], replacement)
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _same_meaning(before, after, edits) -> bool:
    """The rewritten file holds the same data, but for codes in place of their labels:
    a guard that no splice can change what the user wrote."""
    import copy

    expected = copy.deepcopy(before)
    for *_span, code, path in edits:
        holder = expected
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = code
    return after == expected


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*([^\r\n\x85\u2028\u2029]*)")


def _replacement(scalar: str, code: str) -> str:
    """`code` in place of the scalar's text; a block scalar (`|`, `>`) keeps the comment on its
    header line and the line breaks after its content, which its span includes."""
    header = _BLOCK_HEADER.match(scalar)
    if header is None:
        return code
    after = scalar[len(scalar.rstrip()):].lstrip(" \t")
    comment = header.group(1)
    if comment.strip() and not comment[:1].isspace():  # `|#note`: keep it a comment after the code
        comment = " " + comment
    return code + comment + after


def _shared_record_fields() -> dict[tuple, str]:
    """The code fields that draw from the same list in every record type that has one
    (all but `kind`): rewritten in any record, so that a record whose `type` is mistyped,
    or with a field of another type, still gets its codes while check reports the rest."""
    lists: dict[tuple, set[str]] = {}
    for name in RECORD_TYPE_NAMES:
        for path, list_name in code_paths(FIELDS[name]).items():
            lists.setdefault(path, set()).add(list_name)
    return {path: names.pop() for path, names in lists.items() if len(names) == 1}


_RECORD_SHARED = _shared_record_fields()
_RECORD_FIELDS = {name: {**_RECORD_SHARED, **code_paths(FIELDS[name])} for name in RECORD_TYPE_NAMES}
_DOCUMENT_FIELDS = {kind: code_paths(describe(model)) for kind, model in DOCUMENT_MODELS.items()}


def _code_fields(kind: str, data: object) -> dict[tuple, str]:
    """Path pattern ("*" for any list index) → the code list of the field found there."""
    if kind != "record":
        return _DOCUMENT_FIELDS.get(kind, {})
    record_type = data.get("type") if isinstance(data, dict) else None
    if not isinstance(record_type, str):  # no type: no telling which lists apply
        return {}
    return _RECORD_FIELDS.get(record_type, _RECORD_SHARED)


def _label_edits(node, path: tuple, where: tuple, fields: dict[tuple, str]):
    """(start, end, code, where) for every scalar under `node` that holds a label, not a code;
    `path` is the field pattern ("*" for list items), `where` the real keys and indexes."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _label_edits(value, path + (key.value,), where + (key.value,), fields)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _label_edits(item, path + ("*",), where + (index,), fields)
    elif isinstance(node, yaml.ScalarNode):
        list_name = fields.get(path) or (fields.get(path[:-1]) if path[-1:] == ("*",) else None)
        code = codes.resolve(list_name, node.value) if list_name and node.value else None
        if code and code != node.value:
            yield node.start_mark.index, node.end_mark.index, code, where
