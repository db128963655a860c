"""The JSON Schemas say yes where `dxtrack check` says yes, and no where it says no, as far as
JSON Schema draft-07 can (issue 15, editors): the same accepted and refused cases, run
through the real check and through `jsonschema`.

What the schemas take as the editor reads a file (YAML 1.2: dates and `yes` stay text, as
check's loader keeps them) and what only `check` can tell, so the schemas let it pass:

- a value of a code field that is no code and no label (DX204), unless it looks like a code
  (a lower-case word of a-z, 0-9 and _: `onlin`, `plan2`, a code of another list): the schema
  offers the codes and takes any other text, since check takes a label in any case, without
  diacritics, in NFD, in English, or an alias (`codes.resolve`), which no finite enum spells out;
- a date in the future (DX206) or before the directive (DX207): a schema has no today;
- values that disagree within a file or with other files (DX212, DX3xx): a period that ends
  before it starts, a unit not in units.yaml, a plan task that does not exist, duplicates;
- an evidence file that is missing or outside the repo (DX210); a YAML problem (DX1xx), which
  the editor's YAML parser reports itself; a control or invisible character in text, or a line
  break in a name (DX116), and the same characters beyond the Basic Multilingual Plane in a link;
- a number written with thousands dots (DX213): check's loader keeps `1.000` as text (refused
  here too), but an editor reads it as the number 1.0, a whole number to draft-07.

And where check is more lenient than the schema says (left so on purpose, or a check bug
reported to the lead): a quoted whole number ("15") and YAML 1.1 words for booleans
(`sample: yes`), which check reads as 15 and true; a number or `true` where check wants a code
or a whole number (`mode: 5`, `participants: true`), which check takes as "5" and 1.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml

from dxtrack import api
from dxtrack.check.load import load_text
from dxtrack.models import codes
from dxtrack.models.schema import DATE_PATTERN, SCHEMA_FILES, export_schemas

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2025, 11, 27)

# finding codes a schema can tell (the rest: see the module's docstring)
SCHEMA_CODES = {"DX201", "DX202", "DX203", "DX205", "DX208", "DX209", "DX211", "DX213", "DX214"}
WARNINGS = {"DX002", "DX112", "DX113", "DX306"}


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft7Validator]:
    out = {}
    for name, text in export_schemas().items():
        schema = json.loads(text)
        jsonschema.Draft7Validator.check_schema(schema)
        out[name] = jsonschema.Draft7Validator(schema)
    return out


def schema_for(rel: str) -> str | None:
    """The schema `dxtrack init`'s editor settings map `rel` to (None: no data file)."""
    if rel == "dxtrack.yaml":
        return "dxtrack.schema.json"
    if rel == "units.yaml":
        return "units.schema.json"
    if re.fullmatch(r"plans/(?:[^/.][^/]*/)?[^/.][^/]*\.yaml", rel):
        return "plan.schema.json"
    if re.fullmatch(r"activities/[^/.][^/]*/[^/.][^/]*\.yaml", rel):
        return "record.schema.json"
    return None


def schema_errors(validators, rel: str, text: str) -> list[str] | None:
    """The schema's errors for `text` at `rel`, read as an editor reads it; None if it is no
    data file or no mapping YAML can read (the editor's YAML parser says so, not the schema)."""
    name = schema_for(rel)
    loaded = load_text(text, rel)
    if name is None or any(f.code.startswith("DX1") and f.code not in WARNINGS for f in loaded.findings):
        return None
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[name].iter_errors(loaded.data)]


def check_codes(make_repo, rel: str, text: str) -> set[str]:
    """The codes of the error findings the real check gives in `rel`."""
    root = make_repo({rel: text})
    return {f.code for f in api.check(api.load_repo(root, TODAY)) if f.file == rel and f.code not in WARNINGS}


EVENT_PATH = "activities/bo-y-te/2025-09-05-hoi-nghi.yaml"
EVENT = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt
date: 2025-09-05
mode: in_person
"""
NFD = unicodedata.normalize("NFD", "hội nghị quán triệt")
assert unicodedata.normalize("NFC", NFD) != NFD

# (what, path, text): check says yes (no error), and so must the schema
ACCEPTED = [
    ("label_other_case", EVENT_PATH, EVENT.replace("kind: dissemination", "kind: Hội Nghị Quán Triệt")),
    ("label_without_diacritics", EVENT_PATH, EVENT.replace("kind: dissemination", "kind: hoi nghi quan triet")),
    ("label_in_nfd", EVENT_PATH, EVENT.replace("kind: dissemination", f"kind: {NFD}")),
    ("english_label", EVENT_PATH, EVENT.replace("kind: dissemination", "kind: dissemination meeting")
     .replace("mode: in_person", "mode: In Person")),
    ("alias", EVENT_PATH, EVENT.replace("kind: dissemination", "kind: quán triệt")),
    ("code_in_capitals", EVENT_PATH, EVENT + "topics: [PLAN02, Kế hoạch 02]\n"),
    ("label_with_a_comma_quoted", EVENT_PATH, EVENT + 'audiences: ["cán bộ, đảng viên", "cấp ủy, tổ chức đảng"]\n'),
    ("labels_in_a_block_list", EVENT_PATH, EVENT + "topics:\n  - ý nghĩa, tầm quan trọng của chuyển đổi số\n"
     "  - Đấu tranh, phản bác thông tin sai trái\n"),
    ("number_as_text", EVENT_PATH, EVENT.replace("title: Hội nghị quán triệt", "title: 2025") + "leaders: [1]\n"),
    ("leap_day", EVENT_PATH.replace("2025-09-05", "2024-02-29"),
     EVENT.replace("date: 2025-09-05", "date: 2024-02-29")),  # DX207 only: before the directive
    ("upper_case_scheme", "activities/bo-y-te/2025-09-20-a.yaml", """\
        type: product
        unit: bo-y-te
        kind: Phóng sự
        title: Phóng sự
        published: 2025-09-20
        channels: [Truyền hình, online press]
        url: HTTPS://vtv.vn/bài-viết
        evidence: [{url: "https://vtv.vn/a?b=1#c"}, {file: 2025}]
        """),
    ("plan_task_id_a_number", "plans/bo-y-te.yaml", """\
        unit: bo-y-te
        title: Kế hoạch
        tasks: [{id: 1, title: Quán triệt, due: 2025-10-31, topics: [kế hoạch số 02]}]
        reviews: [{kind: Sơ Kết, due: 2025-12-15}]
        """),
    ("unit_kind_label", "units.yaml", """\
        units:
          - id: bo-y-te
            name: Đảng ủy Bộ Y tế
            kind: Bộ
            owners: [" @dang-uy/bo-y-te ", bo-y-te@example.vn]
        """),
]

UNIT = "units:\n  - id: bo-y-te\n    name: Đảng ủy Bộ Y tế\n    kind: ministry\n"

# (what, path, text, the code check gives): check says no, and the schema can say it too
REFUSED = [
    ("unknown_field", EVENT_PATH, EVENT + "titel: x\n", "DX201"),
    ("missing_field", EVENT_PATH, EVENT.replace("mode: in_person\n", ""), "DX202"),
    ("wrong_type_word", EVENT_PATH, EVENT + "participants: nhiều\n", "DX203"),
    ("wrong_type_list", EVENT_PATH, EVENT + "topics: plan02\n", "DX203"),
    ("blank_title", EVENT_PATH, EVENT.replace("title: Hội nghị quán triệt", 'title: "   "'), "DX203"),
    ("evidence_both", EVENT_PATH, EVENT + 'evidence: [{url: "https://a.vn", file: evidence/a.pdf}]\n', "DX203"),
    ("february_31", EVENT_PATH, EVENT.replace("date: 2025-09-05", "date: 2025-02-31"), "DX205"),
    ("february_29_no_leap_year", EVENT_PATH, EVENT.replace("date: 2025-09-05", "date: 2025-02-29"), "DX205"),
    ("month_13", EVENT_PATH, EVENT.replace("date: 2025-09-05", "date: 2025-13-01"), "DX205"),
    ("september_31", EVENT_PATH, EVENT.replace("date: 2025-09-05", "date: 2025-09-31"), "DX205"),
    ("dd_mm_yyyy", EVENT_PATH, EVENT.replace("date: 2025-09-05", "date: 05/09/2025"), "DX205"),
    ("one_digit_month", EVENT_PATH, EVENT.replace("date: 2025-09-05", "date: 2025-9-05"), "DX205"),
    ("date_a_number", EVENT_PATH, EVENT.replace("date: 2025-09-05", "date: 20250905"), "DX205"),
    ("ftp_url", EVENT_PATH, EVENT + 'evidence: [{url: "ftp://moh.gov.vn/a.png"}]\n', "DX209"),
    ("javascript_url", EVENT_PATH, EVENT + 'evidence: [{url: "javascript:alert(1)"}]\n', "DX209"),
    ("url_with_a_space", EVENT_PATH, EVENT + 'evidence: [{url: "https://a.vn/x y"}]\n', "DX209"),
    ("url_with_a_quote", EVENT_PATH, EVENT + 'evidence: [{url: "https://a.vn/x\\"y"}]\n', "DX209"),
    ("url_with_bidi", EVENT_PATH, EVENT + 'evidence: [{url: "https://a.vn/\\u202ex"}]\n', "DX209"),
    ("type_unknown", EVENT_PATH, EVENT.replace("type: event", "type: meeting"), "DX211"),
    ("type_in_capitals", EVENT_PATH, EVENT.replace("type: event", "type: Event"), "DX211"),
    ("unit_id_not_a_slug", "units.yaml", "units:\n  - id: Bo_Y_Te\n    name: Đảng ủy Bộ Y tế\n    kind: ministry\n",
     "DX208"),
    ("owner_not_an_owner", "units.yaml", UNIT + "    owners: [dang uy bo y te]\n", "DX214"),
    ("owner_inside_text", "units.yaml", UNIT + "    owners: [hỏi @dang-uy nhé]\n", "DX214"),
    ("code_mistyped", EVENT_PATH, EVENT.replace("mode: in_person", "mode: onlin"), "DX204"),
    ("code_in_list_mistyped", EVENT_PATH, EVENT + "topics: [plan02, plan2]\n", "DX204"),
    ("code_of_another_list", EVENT_PATH, EVENT.replace("kind: dissemination", "kind: reportage"), "DX204"),
]


@pytest.mark.parametrize(("what", "rel", "text"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_what_check_accepts_the_schema_accepts(make_repo, validators, what, rel, text):
    text = textwrap.dedent(text)
    assert check_codes(make_repo, rel, text) <= {"DX206", "DX207", "DX210"}, what  # only check-only rules
    assert schema_errors(validators, rel, text) == []


@pytest.mark.parametrize(("what", "rel", "text", "code"), REFUSED, ids=[c[0] for c in REFUSED])
def test_what_check_refuses_the_schema_refuses(make_repo, validators, what, rel, text, code):
    assert code in check_codes(make_repo, rel, text), what
    assert schema_errors(validators, rel, text)


FIXTURE_CASES = [case for path in sorted(FIXTURES.glob("bad_inputs*.yaml"))
                 for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []
                 if "content" in case and case.get("encoding", "utf-8") in ("utf-8", "utf-8-sig")
                 and not case.get("pad_to") and not case.get("symlinks") and schema_for(case["path"])]


@pytest.mark.parametrize("case", FIXTURE_CASES, ids=[c["name"] for c in FIXTURE_CASES])
def test_bad_inputs_agree(validators, case):
    """Each case of tests/fixtures/bad_inputs*.yaml (their findings are asserted against the
    real check by tests/cli/test_check.py): the schema refuses the file if and only if check
    finds in it something a schema can tell."""
    errors = schema_errors(validators, case["path"], case["content"])
    if errors is None:  # a YAML problem: the editor's parser tells it
        assert {code for code, *_ in case["expected"]} & {"DX101", "DX102", "DX103", "DX104", "DX105", "DX106",
                                                           "DX107", "DX108", "DX110"}
        return
    expected = {code for code, *_ in case["expected"]}
    if expected & SCHEMA_CODES:
        assert errors, expected
    elif "DX204" not in expected:  # a code mistyped as a plain word is refused, a label with a typo not
        assert errors == [], expected


def test_fixtures_cover_both_sides():
    said = [bool({c for c, *_ in case["expected"]} & SCHEMA_CODES) for case in FIXTURE_CASES]
    assert said.count(True) >= 20 and said.count(False) >= 20


def test_sample_data_matches_its_schemas(validators):
    """Every YAML file of the sample tracker (activities, plans, units.yaml, dxtrack.yaml)."""
    rels = ["dxtrack.yaml", "units.yaml"] + sorted(p.relative_to(ROOT).as_posix()
                                                   for p in (ROOT / "plans").rglob("*.yaml"))
    rels += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "activities").glob("*/*.yaml"))
    if len(rels) < 10:
        pytest.skip("no sample data in this checkout")
    bad = {rel: errors for rel in rels
           if (errors := schema_errors(validators, rel, (ROOT / rel).read_text(encoding="utf-8")))}
    assert bad == {}


def test_a_wrong_type_is_one_error(validators):
    text = EVENT.replace("type: event", "type: meeting")
    errors = schema_errors(validators, EVENT_PATH, text)
    assert errors is not None and len(errors) == 1 and errors[0].startswith("type:")


def test_a_record_of_no_known_type_is_still_checked(validators):
    """As check does (DX211 beside the other findings): an unknown field, a bad date."""
    text = EVENT.replace("type: event", "type: meeting").replace("2025-09-05", "2025-02-30") + "titel: x\n"
    errors = schema_errors(validators, EVENT_PATH, text)
    assert errors is not None and sorted(e.split(":")[0] for e in errors) == ["", "date", "type"], errors


@pytest.mark.parametrize("record_type", ["event", "product", "channel", "report"])
def test_type_picks_its_fields(validators, record_type):
    """`if`/`then` on type: a product is told what a product lacks, not what an event lacks."""
    errors = schema_errors(validators, EVENT_PATH, f"type: {record_type}\nunit: bo-y-te\ntitle: T\n")
    assert errors
    required = set(validators["record.schema.json"].schema["definitions"][record_type.title()]["required"])
    assert {e.rsplit("'", 2)[1] for e in errors} == required - {"type", "unit", "title"}


def test_date_pattern_is_the_calendar():
    """Every month and day (00..32) of years around leap years and centuries: the pattern
    takes a date exactly when Python's calendar has it (that is check's rule)."""
    pattern = re.compile(DATE_PATTERN)
    years = [1, 4, 99, 100, 400, 1000, 1600, 1700, 1800, 1900, 2000, 2100, 2400, 9996, 9999, *range(2019, 2033)]
    for year in years:
        for month in range(14):
            for day in range(33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    date.fromisoformat(text)
                    real = True
                except ValueError:
                    real = False
                assert bool(pattern.match(text)) == real, text
    assert not pattern.match("0000-01-01") and not pattern.match("2025-09-05x")


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_completions_are_codes_without_commas():
    """What an editor offers to complete (enum, const, examples, default) are codes and
    plain words: completed inside `topics: [` none of them can split the flow list."""
    offered = set()
    for text in export_schemas().values():
        for node in _nodes(json.loads(text)):
            for key in ("enum", "examples"):
                offered.update(v for v in node.get(key, []) if isinstance(v, str))
            for key in ("const", "default"):
                if isinstance(node.get(key), str):
                    offered.add(node[key])
    assert offered
    assert not [v for v in offered if re.search(r"[,\[\]{}#:\s]", v)]
    every_code = {code for entries in codes.LISTS.values() for code in entries}
    assert every_code <= offered


def test_code_fields_offer_codes_with_their_labels():
    schema = json.loads(export_schemas()["record.schema.json"])
    mode = schema["definitions"]["Event"]["properties"]["mode"]
    offered = next(branch for branch in mode["anyOf"] if "enum" in branch)
    assert offered["enum"] == ["in_person", "online", "hybrid"]
    assert offered["enumDescriptions"][0].startswith("trực tiếp")


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_field_is_described_in_vietnamese_then_english(name):
    schema = json.loads(export_schemas()[name])
    objects = [schema, *schema.get("definitions", {}).values()]
    described = 0
    for node in objects:
        for field, prop in node.get("properties", {}).items():
            vi, _, en = prop.get("description", "").partition("\n\n")
            assert vi and en and vi != en, (name, field)
            assert "title" not in prop or not prop["title"].isascii() or prop["title"] == field, (name, field)
            described += 1
    assert described >= 3
    assert not schema["title"].isascii()
