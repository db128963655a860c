"""JSON Schemas (draft-07, for yaml-language-server and check-jsonschema) of every file kind."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, TypeAdapter

from dxtrack.models import Plan, Record, Settings, UnitsFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_BASE_URL = "https://dxtrack.example/schemas/"
SCHEMA_FILES: dict[str, tuple[type[BaseModel] | None, str]] = {
    "dxtrack.schema.json": (Settings, "dxtrack.yaml — cài đặt của kho theo dõi"),
    "units.schema.json": (UnitsFile, "units.yaml — các đảng ủy trực thuộc được theo dõi"),
    "plan.schema.json": (Plan, "plans/<đơn vị>.yaml — kế hoạch truyền thông của một đơn vị"),
    "record.schema.json": (None, "activities/<đơn vị>/*.yaml — hoạt động, sản phẩm, chuyên mục, báo cáo"),
}


def _to_draft07(schema: dict) -> dict:
    """Move `$defs` to `definitions` and rewrite the references (draft-07 has no $defs)."""
    text = json.dumps(schema, ensure_ascii=False).replace('"#/$defs/', '"#/definitions/')
    schema = json.loads(text)
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return schema


def _strip_discriminator(node):
    if isinstance(node, dict):
        node.pop("discriminator", None)
        for value in node.values():
            _strip_discriminator(value)
    elif isinstance(node, list):
        for value in node:
            _strip_discriminator(value)
    return node


def build_schema(name: str) -> dict:
    """The schema named `name` (one of SCHEMA_FILES) as a dict."""
    model, title = SCHEMA_FILES[name]
    if model is None:
        adapter = TypeAdapter(Record)
        raw = adapter.json_schema(mode="validation", ref_template="#/$defs/{model}")
        raw = {"oneOf": raw.pop("anyOf"), **raw}
    else:
        raw = model.model_json_schema(mode="validation")
    schema = _strip_discriminator(_to_draft07(raw))
    header = {"$schema": DRAFT_07, "$id": _BASE_URL + name, "title": title}
    return {**header, **{k: v for k, v in schema.items() if k != "title"}}


def export_schemas() -> dict[str, str]:
    """File name → JSON text of every schema (deterministic)."""
    return {name: json.dumps(build_schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for name in SCHEMA_FILES}


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in export_schemas().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
