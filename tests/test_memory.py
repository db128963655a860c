"""A valid file's Document keeps its bytes, not its data and spans (issue 10: memory), and
loads them again when asked: what it gives is exactly what was loaded the first time.

Each repo here is checked twice, as it is and with every Document made eager (its data and
spans kept, as before): the findings, in every field, and every Document are the same, and
`pos` of a valid file's Document gives the eager spans' position at every path."""

from __future__ import annotations

import base64
import dataclasses
import pickle
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from dxtrack.check import check_repo, pipeline
from dxtrack.check.document import Document, reloaded
from dxtrack.check.load import load_bytes
from dxtrack.check.validate import share_fields_sets
from test_loader import encode_as  # tests/ is on sys.path (rootdir conftest)

ROOT = Path(__file__).resolve().parents[1]  # the project's own sample repo (activities/, plans/)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = [case for path in sorted(FIXTURES.glob("bad_inputs*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
TODAY = date.today()  # as `dxtrack check` runs them; the same for both runs


def _eager_document(*args, raw: bytes | None = None, **kwargs) -> Document:
    """A Document as the pipeline made it before: data and spans kept, the bytes not."""
    return Document(*args, **kwargs)


def _both(root: Path, monkeypatch) -> tuple:
    """The repo at `root` checked as it is and with eager Documents."""
    lazy = check_repo(root, TODAY)
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "Document", _eager_document)
        eager = check_repo(root, TODAY)
    return lazy, eager


def _paths_to_ask(spans: dict) -> list[tuple]:
    """Every path of `spans`, and below each one a key and an index that are not there (the
    nearest parent's position), and some that are nowhere."""
    asked = [()]
    for path in spans:
        asked += [path, (*path, "không-có"), (*path, 99)]
    return asked + [("không-có",), ("evidence", 7, "file"), ("updates", 3)]


def _assert_same(lazy, eager) -> None:
    assert lazy.findings == eager.findings
    assert [dataclasses.astuple(f) for f in lazy.findings] == [dataclasses.astuple(f) for f in eager.findings]
    assert len(lazy.documents) == len(eager.documents)
    for mine, theirs in zip(lazy.documents, eager.documents, strict=True):
        assert not isinstance(theirs.content, bytes)
        if mine.model is not None and mine.source.kind not in ("stray", "unreadable"):
            assert isinstance(mine.content, bytes), mine.rel  # a valid file keeps its bytes only
        assert mine == theirs, mine.rel  # source, data, spans, model, findings, excluded
        assert mine.findings == theirs.findings and mine.excluded == theirs.excluded
        assert mine.data == theirs.data and mine.spans == theirs.spans
        assert list(mine.spans) == list(theirs.spans), mine.rel  # in the same order, too
        for path in _paths_to_ask(theirs.spans):
            assert mine.pos(path) == theirs.pos(path), (mine.rel, path)
        assert mine.ok == theirs.ok and mine.usable == theirs.usable and mine.is_left_out == theirs.is_left_out


def test_the_sample_repo_gives_the_same_findings_and_positions(monkeypatch, tmp_path):
    lazy, eager = _both(ROOT, monkeypatch)
    records = [d for d in lazy.documents if d.source.kind == "record" and d.source.rel.startswith("activities/")]
    assert len(records) > 100 and all(isinstance(d.content, bytes) for d in records if d.model is not None)
    _assert_same(lazy, eager)


def _case_repo(make_repo, case: dict) -> Path:
    """The repo of one bad-input case (as tests/cli/test_check.py builds it)."""
    files = {path: textwrap.dedent(text) for path, text in (case.get("files") or {}).items()}
    if "content_b64" in case:
        files[case["path"]] = base64.b64decode(case["content_b64"])
    elif "content" in case:
        raw = encode_as(case["content"], case.get("encoding", "utf-8"))
        while len(raw) < case.get("pad_to", 0):
            raw += b"# " + b"x" * 1000 + b"\n"
        files[case["path"]] = raw
    root = make_repo(files)
    (root.parent / "outside.pdf").write_text("ngoài kho", encoding="utf-8")
    for link, target in (case.get("symlinks") or {}).items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target)
    return root


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_bad_input_gives_the_same_findings_and_positions(make_repo, monkeypatch, case):
    lazy, eager = _both(_case_repo(make_repo, case), monkeypatch)
    _assert_same(lazy, eager)


LINKED = """\
type: event
unit: {unit}
kind: dissemination
title: Hội nghị quán triệt
date: {day}
mode: in_person
plan_task: t9
evidence:
  - file: "  minh-chung/khong-co.pdf"
  - url: https://example.org/a
"""


def test_findings_of_link_on_valid_records_are_placed_as_before(make_repo, monkeypatch):
    """Valid records that link finds fault with (unit of another folder, a task no plan has,
    a date in the future, a missing evidence file, a duplicate): at the exact keys."""
    root = make_repo({
        "activities/bo-y-te/a.yaml": LINKED.format(unit="dai-truyen-hinh-viet-nam", day="2025-09-05"),
        "activities/bo-y-te/b.yaml": LINKED.format(unit="bo-y-te", day="2099-01-01"),
        "activities/bo-y-te/c.yaml": "# đầu tệp\n\n" + LINKED.format(unit="bo-y-te", day="2099-01-01"),
    })
    lazy, eager = _both(root, monkeypatch)
    codes = {f.code for f in lazy.findings}
    assert {"DX302", "DX303", "DX206", "DX210", "DX304"} <= codes, codes
    assert all(isinstance(d.content, bytes) for d in lazy.documents if d.source.kind == "record")
    _assert_same(lazy, eager)
    paths = pipeline.evidence_paths(lazy.documents)
    assert paths == pipeline.evidence_paths(eager.documents)
    assert "  minh-chung/khong-co.pdf" in paths and "minh-chung/khong-co.pdf" in paths  # as written, too


def test_a_valid_document_pickles_with_its_bytes_and_gives_the_same_positions(make_repo):
    root = make_repo({"activities/bo-y-te/b.yaml": LINKED.format(unit="bo-y-te", day="2025-09-05")})
    for doc in check_repo(root, TODAY).documents:
        raw = doc.content
        assert isinstance(raw, bytes)
        again = pickle.loads(pickle.dumps(doc, protocol=5))  # noqa: S301 - our own bytes
        assert again == doc and again.content == raw and again.model == doc.model
        reloaded.cache_clear()  # loaded again from the bytes, not remembered
        fresh = load_bytes(raw, doc.rel)
        assert again.data == fresh.data and again.spans == fresh.spans
        for path in _paths_to_ask(fresh.spans):
            assert again.pos(path) == doc.pos(path)


def test_shared_field_sets_are_the_fields_given():
    from dxtrack.models import Event

    data = {"type": "event", "unit": "bo-y-te", "kind": "dissemination", "title": "T", "date": "2025-09-05",
            "mode": "in_person", "evidence": [{"url": "https://example.org/a"}, {"file": "a.pdf", "note": "n"}]}
    one, two = (share_fields_sets(Event.model_validate(data)) for _ in range(2))
    plain = Event.model_validate(data)
    assert one.model_fields_set == plain.model_fields_set and one.model_fields_set is two.model_fields_set
    assert [e.model_fields_set for e in one.evidence] == [e.model_fields_set for e in plain.evidence]
    assert one.model_dump(exclude_unset=True) == plain.model_dump(exclude_unset=True)
    assert one == plain
