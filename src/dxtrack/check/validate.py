"""Stage 4, validate: loaded data → its model; pydantic's errors → findings at the exact key."""

from __future__ import annotations

import difflib
from dataclasses import replace

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dxtrack.check.discover import SourceFile
from dxtrack.check.document import Document, position
from dxtrack.check.findings import Finding, finding
from dxtrack.models import RECORD_TYPES, codes
from dxtrack.models.fields import DOCUMENT_MODELS

_EXPECTED = {
    "string_type": "expected.str", "int_type": "expected.int", "int_parsing": "expected.int",
    "int_from_float": "expected.int", "bool_type": "expected.bool", "bool_parsing": "expected.bool",
    "list_type": "expected.list", "too_short": "expected.list_nonempty", "dict_type": "expected.mapping",
    "model_type": "expected.mapping", "model_attributes_type": "expected.mapping",
    "dx_evidence": "expected.evidence", "string_too_short": "expected.str",
}


def validate(source: SourceFile, data, spans: dict) -> tuple[BaseModel | None, list[Finding]]:
    """Loaded `data` (with its `spans`) of `source` → (its model, []) if valid, else (None,
    a finding at the exact key for every validation error). Data that is not a mapping
    (refused by the loader, which said why) gives (None, []). Nothing is changed."""
    if not isinstance(data, dict):
        return None, []
    model: type[BaseModel] | None
    if source.kind == "record":
        record_type = data.get("type")
        model = RECORD_TYPES.get(record_type) if isinstance(record_type, str) else None
        if model is None:
            path = ("type",) if "type" in data else ()
            return None, [finding(source.rel, position(spans, path), "DX211", value=record_type or "")]
        label_key = f"kind.{record_type}"
    else:
        model = DOCUMENT_MODELS[source.kind]
        label_key = f"kind.{source.kind}"
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, error_findings(Document(source, data, spans), exc, model, label_key)  # for rel and pos


def validate_document(doc: Document) -> Document:
    """A new Document: `doc` with its model (None if invalid) and its validation findings added."""
    model, found = validate(doc.source, doc.data, doc.spans)
    return replace(doc, model=model, findings=doc.findings + tuple(found))


def error_findings(doc: Document, exc: ValidationError, model: type[BaseModel], label_key: str) -> list[Finding]:
    """One finding per pydantic error, sorted; only exact repeats are dropped (two missing
    fields at one spot are two findings)."""
    found = [_to_finding(doc, error, tuple(error["loc"]), model, label_key) for error in exc.errors()]
    return sorted(set(found))


def _field_name(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return ".".join(names) or "?"


def _to_finding(doc: Document, error: ErrorDetails, loc: tuple, model, label_key: str) -> Finding:
    kind, ctx = error["type"], error.get("ctx") or {}
    pos = doc.pos(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        guess = _closest(key, _allowed_fields(model, loc[:-1]))
        return finding(doc.rel, pos, "DX201", "hint.did_you_mean" if guess else None,
                       key=key, kind_key=label_key, suggestion=guess or "")
    if kind == "missing":
        return finding(doc.rel, doc.pos(loc[:-1]), "DX202", key=_field_name(loc))
    if kind == "dx_code":
        guess = codes.suggest(ctx["list"], ctx["value"])
        return finding(doc.rel, pos, "DX204", "hint.did_you_mean_code" if guess else None,
                       key=_field_name(loc), value=ctx["value"], suggestion=guess or "",
                       list=ctx["list"],
                       choices=", ".join(codes.choices(ctx["list"])))
    if kind == "dx_date":
        return finding(doc.rel, pos, "DX205", "hint.date_form" if ctx.get("suggestion") else None,
                       value=ctx["value"], suggestion=ctx.get("suggestion", ""))
    if kind == "dx_url":
        return finding(doc.rel, pos, "DX209", value=ctx["value"])
    if kind == "dx_control":
        return finding(doc.rel, pos, "DX116", key=_field_name(loc), char=ctx["char"])
    if kind == "dx_slug":
        return finding(doc.rel, pos, "DX208", value=ctx["value"])
    if kind in ("greater_than_equal", "greater_than"):
        expected = "expected.int_ge1" if ctx.get("ge", ctx.get("gt", 0)) >= 1 else "expected.int_ge0"
    else:
        expected = _EXPECTED.get(kind, "expected.value")
    return finding(doc.rel, pos, "DX203", key=_field_name(loc), expected_key=expected)


def _allowed_fields(model, parent: tuple) -> list[str]:
    """Field names (with aliases) of the model found at `parent` inside `model`."""
    current = model
    for part in parent:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        current = _inner_model(info.annotation) if info else None
        if current is None:
            return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _inner_model(annotation):
    """The BaseModel inside `X | None`, `list[X]`, `dict[str, X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _closest(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    return close[0] if close else None
