"""Stage 4, validate: loaded data → its model; pydantic's errors → findings at the exact key."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Annotated, Any, Optional

from pydantic import BaseModel, Field, ValidationError
from pydantic_core import ErrorDetails

from dxtrack.check.discover import SourceFile
from dxtrack.check.document import Document
from dxtrack.check.findings import Finding, finding
from dxtrack.models import RECORD_TYPES, codes
from dxtrack.models.fields import DOCUMENT_MODELS

_EXPECTED = {
    "string_type": "expected.str", "int_type": "expected.int", "int_parsing": "expected.int",
    "int_from_float": "expected.int", "bool_type": "expected.bool", "bool_parsing": "expected.bool",
    "list_type": "expected.list", "too_short": "expected.list_nonempty", "dict_type": "expected.mapping",
    "model_type": "expected.mapping", "model_attributes_type": "expected.mapping",
    "dx_evidence": "expected.evidence", "string_too_short": "expected.str",
    "int_parsing_size": "expected.int", "finite_number": "expected.int",
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
            return None, _untyped_record_findings(Document(source, data, spans), record_type)
        label_key = f"kind.{record_type}"
    else:
        model = DOCUMENT_MODELS[source.kind]
        label_key = f"kind.{source.kind}"
    try:
        valid = model.model_validate(data)
    except ValidationError as exc:
        return None, error_findings(Document(source, data, spans), exc, model, label_key)  # for rel and pos
    return share_fields_sets(valid), []


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}  # the names of the fields given → one set of them
_FIELDS_SETS_LIMIT = 4096


def share_fields_sets(model: BaseModel) -> BaseModel:
    """`model`, with the set of the names of its fields that were given (pydantic's
    `model_fields_set`, one per model and per model inside it: about a third of a record's
    memory) shared with every other model given the same fields: the same names, held once.
    A checked model is not to be changed (see Document): assigning to a field would add its
    name to the set of all the models that share it."""
    given = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.get(key := frozenset(given))
    if shared is None:
        if len(_FIELDS_SETS) < _FIELDS_SETS_LIMIT:
            _FIELDS_SETS[key] = given
    elif shared is not given:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    values = model.__dict__
    for name in _nested_fields(type(model)):
        value = values.get(name)
        if isinstance(value, BaseModel):
            share_fields_sets(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    share_fields_sets(item)
    return model


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that may hold a model (`X`, `X | None`, `list[X]`)."""
    return tuple(name for name, info in model.model_fields.items() if _inner_model(info.annotation) is not None)


def _untyped_record_findings(doc: Document, record_type) -> list[Finding]:
    """A record whose `type` is missing or unknown: DX211, and beside it the findings of every
    other field, checked as any record type would check it (unknown fields, wrong values, the
    fields every record needs), so that a bad `type` hides no other problem. A key that is
    `type` misspelt is told once, as DX201 with its "did you mean", not again as DX211."""
    model = _any_record()
    try:
        model.model_validate({k: v for k, v in doc.data.items() if k != "type"}) if isinstance(doc.data, dict) else None
        found = []
    except ValidationError as exc:
        found = error_findings(doc, exc, model, "kind.record")
    if not any(f.code == "DX201" and dict(f.params).get("suggestion") == "type" for f in found):
        path = ("type",) if isinstance(doc.data, dict) and "type" in doc.data else ()
        found.append(finding(doc.rel, doc.pos(path), "DX211", value=record_type or ""))
    return sorted(found, key=Finding.sort_key)


@cache
def _any_record() -> type[BaseModel]:
    """A model of a record of any type: the fields every record has (required as they are),
    and each other field of a record type (optional), with its type where all the record
    types that have it agree on one (`kind` differs: its code list depends on `type`)."""
    from pydantic import create_model

    from dxtrack.models import RecordBase

    fields: dict[str, tuple] = {}
    kinds: dict[str, set] = {}
    for record_model in RECORD_TYPES.values():
        for name, info in record_model.model_fields.items():
            if name == "type" or name in RecordBase.model_fields:
                continue
            kinds.setdefault(name, set()).add(repr((info.annotation, info.metadata)))
            annotation: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            fields.setdefault(name, (Optional[annotation], Field(None, alias=info.alias)))  # noqa: UP045
    fields = {name: spec if len(kinds[name]) == 1 else (object, None) for name, spec in fields.items()}
    fields["type"] = (object, Field(None))
    return create_model("AnyRecord", __base__=RecordBase, **fields)  # type: ignore[call-overload]


def validate_document(doc: Document) -> Document:
    """A new Document: `doc` with its model (None if invalid) and its validation findings added."""
    model, found = validate(doc.source, doc.data, doc.spans)
    return replace(doc, model=model, findings=doc.findings + tuple(found))


def error_findings(doc: Document, exc: ValidationError, model: type[BaseModel], label_key: str) -> list[Finding]:
    """One finding per pydantic error, sorted; only exact repeats are dropped (two missing
    fields at one spot are two findings)."""
    guess = _Guesses()
    found = [_to_finding(doc, error, tuple(error["loc"]), model, label_key, guess) for error in exc.errors()]
    return sorted(set(found), key=Finding.sort_key)  # each key made once, not per comparison


def _field_name(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return ".".join(names) or "?"


MAX_GUESSES = 500  # distinct "did you mean" searches for one file's findings


class _Guesses:
    """The "did you mean" searches of one file's findings: each distinct one done once, and
    after MAX_GUESSES distinct ones no more (those findings come without a hint), so that a
    1 MiB file of 95,000 different wrong codes costs 500 searches, not 95,000."""

    def __init__(self) -> None:
        self.found: dict[tuple, str | None] = {}

    def __call__(self, search: Callable[..., str | None], *args) -> str | None:
        key = (search, *args)
        if key in self.found:
            return self.found[key]
        if len(self.found) >= MAX_GUESSES:
            return None
        self.found[key] = guess = search(*args)
        return guess


def _to_finding(doc: Document, error: ErrorDetails, loc: tuple, model, label_key: str,
                guess: _Guesses | None = None) -> Finding:
    guess = guess or _Guesses()
    kind, ctx = error["type"], error.get("ctx") or {}
    pos = doc.pos(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        near = guess(_closest, key.lower(), tuple(_allowed_fields(model, loc[:-1])))
        return finding(doc.rel, pos, "DX201", "hint.did_you_mean" if near else None,
                       key=key, kind_key=label_key, suggestion=near or "")
    if kind == "missing":
        return finding(doc.rel, doc.pos(loc[:-1]), "DX202", key=_field_name(loc))
    if kind == "dx_code":
        near = guess(codes.suggest, ctx["list"], ctx["value"])
        return finding(doc.rel, pos, "DX204", "hint.did_you_mean_code" if near else None,
                       key=_field_name(loc), value=ctx["value"], suggestion=near or "",
                       list=ctx["list"],
                       choices=", ".join(codes.choices(ctx["list"])))
    if kind == "dx_date":  # why, if the type says (`problem_key`: a wrong form, or no such day)
        why = {"problem_key": "date.form"} | {k: v for k, v in ctx.items() if k not in ("value", "suggestion")}
        return finding(doc.rel, pos, "DX205", "hint.date_form" if ctx.get("suggestion") else None,
                       value=ctx["value"], suggestion=ctx.get("suggestion", ""), **why)
    if kind == "dx_thousands":
        return finding(doc.rel, pos, "DX213", key=_field_name(loc), value=ctx["value"],
                       suggestion=ctx["suggestion"], separator_key=ctx["separator_key"])
    if kind == "dx_int_range":  # the range in the message: 0 to 100,000,000, 1 to 3,650 days
        return finding(doc.rel, pos, "DX203", key=_field_name(loc), expected_key=f"expected.int_too_{ctx['side']}",
                       min=ctx["min"], max=ctx["max"])
    if kind == "dx_url":  # why, as the type says: not http(s), or a character a link cannot hold
        return finding(doc.rel, pos, "DX209", value=ctx["value"], problem_key=ctx.get("problem_key", "url.scheme"),
                       **({"char": ctx["char"]} if "char" in ctx else {}))
    if kind == "dx_control":
        return finding(doc.rel, pos, "DX116", key=_field_name(loc), char=ctx["char"])
    if kind == "dx_owner":
        return finding(doc.rel, pos, "DX214", value=ctx["value"])
    if kind == "dx_slug":
        what = "id.phase" if loc[:1] == ("phases",) else "id.unit"
        return finding(doc.rel, pos, "DX208", value=ctx["value"], what_key=what)
    if kind == "literal_error":  # one of a few words (report.profile): name them
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return finding(doc.rel, pos, "DX203", key=_field_name(loc), expected_key="expected.one_of", choices=choices)
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


def _closest(word: str, options: tuple[str, ...]) -> str | None:
    """The option nearest to `word` (lowercase); a word over three times the longest option
    is no typo of one (difflib's ratio is then below 0.5) and is not compared."""
    if not options or len(word) > 3 * max(map(len, options)):
        return None
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None
