"""The JSON Schemas: draft-07, equal to the committed copies, and agreeing with the models."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from dxtrack.check.load import load_text
from dxtrack.models.schema import SCHEMA_FILES, export_schemas

ROOT = Path(__file__).resolve().parents[1]

EVENT = {
    "type": "event", "unit": "bo-y-te", "kind": "dissemination", "title": "Hội nghị quán triệt",
    "date": "2025-08-29", "mode": "in_person", "topics": ["plan02"], "audiences": ["party_members"],
    "evidence": [{"url": "https://example.vn/a"}],
}
PRODUCT = {"type": "product", "unit": "bo-y-te", "kind": "reportage", "title": "Phóng sự",
           "published": "2025-09-20", "channels": ["television"], "metrics": {"views": 10}}
CHANNEL = {"type": "channel", "unit": "bo-y-te", "kind": "section", "title": "Chuyên mục",
           "outlet": "website", "started": "2025-09-01", "cadence_days": 7, "updates": ["2025-09-08"]}
REPORT = {"type": "report", "unit": "bo-y-te", "title": "Báo cáo", "date": "2025-12-10",
          "period": {"from": "2025-08-20", "to": "2025-12-10"}}


def _validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads(export_schemas()[name])
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_equals_fresh_export(name):
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == export_schemas()[name], f"run `dxtrack schema --out schemas --force` to refresh {name}"


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_is_draft07(name):
    schema = json.loads(export_schemas()[name])
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    jsonschema.Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("record", [EVENT, PRODUCT, CHANNEL, REPORT], ids=lambda r: r["type"])
def test_record_schema_accepts_valid_records(record):
    assert list(_validator("record.schema.json").iter_errors(record)) == []


@pytest.mark.parametrize("bad", [
    {**EVENT, "titel": "x"},                       # unknown field
    {**EVENT, "mode": "somewhere"},                # not a code
    {**PRODUCT, "channels": ["television"], "url": "ftp://x"},
    {**CHANNEL, "cadence_days": 0},
    {k: v for k, v in EVENT.items() if k != "date"},
    {**EVENT, "type": "meeting"},
])
def test_record_schema_refuses_invalid_records(bad):
    assert list(_validator("record.schema.json").iter_errors(bad))


def test_schema_accepts_vietnamese_labels_for_codes():
    record = {**EVENT, "kind": "hội nghị quán triệt", "mode": "trực tiếp"}
    assert list(_validator("record.schema.json").iter_errors(record)) == []


def test_sample_repo_files_match_their_schemas():
    """Every sample file dxtrack accepts, the schemas accept too."""
    pairs = [("dxtrack.yaml", "dxtrack.schema.json"), ("units.yaml", "units.schema.json")]
    pairs += [(p.relative_to(ROOT).as_posix(), "plan.schema.json") for p in sorted((ROOT / "plans").glob("*.yaml"))]
    pairs += [(p.relative_to(ROOT).as_posix(), "record.schema.json")
              for p in sorted((ROOT / "activities").glob("*/*.yaml"))]
    if len(pairs) < 3:
        pytest.skip("no sample data in this checkout")
    validators = {name: _validator(name) for name in SCHEMA_FILES}
    for rel, name in pairs:
        data = load_text((ROOT / rel).read_text(encoding="utf-8"), rel).data  # dates stay text, as in editors
        errors = [e.message for e in validators[name].iter_errors(data)]
        assert errors == [], rel


def test_schema_command_writes_four_files(cli, tmp_path):
    result = cli(["schema", "--out", tmp_path / "s"])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(SCHEMA_FILES)


def test_schema_command_prints_one(cli):
    result = cli(["schema", "--name", "plan"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"].endswith("plan.schema.json")
    assert cli(["schema", "--name", "nope"]).exit_code == 2
