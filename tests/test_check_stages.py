"""The check stages as pure functions: findings equal in every field, nothing changed in place,
a per-file result that pickles, a Repo built once and frozen."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import date

import pytest

from dxtrack.check import check_file, check_repo
from dxtrack.check.collect import collect
from dxtrack.check.discover import classify, discover
from dxtrack.check.document import Document
from dxtrack.check.findings import Finding, finding
from dxtrack.check.link import link
from dxtrack.check.load import load_bytes
from dxtrack.check.read import MAX_BYTES, read
from dxtrack.check.validate import validate

TODAY = date(2026, 1, 10)
EVENT = "type: event\nunit: {unit}\nkind: dissemination\ntitle: Hội nghị\ndate: 2025-09-05\nmode: in_person\n"
A, B = "activities/bo-y-te/a.yaml", "activities/bo-y-te/b.yaml"


# ---- findings --------------------------------------------------------------------------------


def test_findings_at_one_spot_with_other_params_are_both_kept():
    kind = finding("a.yaml", (1, 1), "DX202", key="kind")
    mode = finding("a.yaml", (1, 1), "DX202", key="mode")
    assert kind != mode and hash(kind) == hash(mode)  # the hash leaves params out; equality does not
    assert sorted({kind, mode, finding("a.yaml", (1, 1), "DX202", key="kind")}) == [kind, mode]


def test_findings_differ_by_hint():
    plain = finding("a.yaml", (2, 3), "DX201", key="x")
    hinted = finding("a.yaml", (2, 3), "DX201", "hint.did_you_mean", key="x")
    assert plain != hinted and len({plain, hinted}) == 2 and sorted([hinted, plain]) == [plain, hinted]


def test_findings_sort_by_place_then_code_then_params_of_any_type():
    mixed = [finding("b.yaml", (1, 1), "DX101"), finding("a.yaml", (2, 1), "DX203", key=["x"]),
             finding("a.yaml", (2, 1), "DX203", key=3), finding("a.yaml", (2, 1), "DX201", key="k"),
             finding("a.yaml", (1, 9), "DX301", value=None)]
    ordered = sorted(mixed)  # an int, a list and None as values: no TypeError
    assert [(f.file, f.line, f.column, f.code) for f in ordered] == [
        ("a.yaml", 1, 9, "DX301"), ("a.yaml", 2, 1, "DX201"), ("a.yaml", 2, 1, "DX203"),
        ("a.yaml", 2, 1, "DX203"), ("b.yaml", 1, 1, "DX101")]
    assert sorted(mixed[::-1]) == ordered
    assert ordered[1] < ordered[2] <= ordered[3] and ordered[4] > ordered[0]


def test_validate_keeps_every_missing_field():
    source = classify(A)
    loaded = load_bytes(b"type: event\nunit: bo-y-te\ntitle: T\n", A)
    model, found = validate(source, loaded.data, loaded.spans)
    assert model is None
    assert [(f.line, f.code, dict(f.params)["key"]) for f in found] == [
        (1, "DX202", "date"), (1, "DX202", "kind"), (1, "DX202", "mode")]


# ---- stages change nothing they are given ----------------------------------------------------


def documents_of(root) -> list[Document]:
    return [check_file(root, source) for source in discover(root)]


def test_link_returns_new_documents_and_leaves_its_input_alone(make_repo):
    root = make_repo({A: EVENT.format(unit="bo-y-te"), B: EVENT.format(unit="bo-y-te"),
                      "activities/bo-y-te/c.yaml": EVENT.format(unit="khong-co")})
    documents = documents_of(root)
    before = [(d.findings, copy.deepcopy(d.data)) for d in documents]
    linked = link(documents, TODAY, root)
    assert [(d.findings, d.data) for d in documents] == before
    by_rel = {d.rel: d for d in linked}
    assert [f.code for f in by_rel[B].findings] == ["DX304"]
    assert [f.code for f in by_rel["activities/bo-y-te/c.yaml"].findings] == ["DX301"]
    assert by_rel[A] is next(d for d in documents if d.rel == A)  # nothing added: the same document
    assert link(documents, TODAY, root) == linked  # and again the same answer


def test_link_checks_against_what_it_is_given(make_repo):
    root = make_repo({A: EVENT.format(unit="bo-y-te")})
    documents = documents_of(root)
    record = [d for d in documents if d.rel == A]
    (alone,) = link(record, TODAY, root, collect(documents))
    assert alone.findings == ()
    (without_units,) = link(record, TODAY, root)  # no units.yaml among the documents given
    assert [f.code for f in without_units.findings] == ["DX301"]


def test_validate_does_not_change_the_data():
    loaded = load_bytes(EVENT.format(unit="bo-y-te").encode() + b"extra: 1\n", A)
    data, spans = copy.deepcopy(loaded.data), dict(loaded.spans)
    model, found = validate(classify(A), loaded.data, loaded.spans)
    assert (model, [f.code for f in found]) == (None, ["DX201"])
    assert (loaded.data, loaded.spans) == (data, spans)


def test_documents_and_repo_are_frozen(make_repo):
    repo = check_repo(make_repo({A: EVENT.format(unit="bo-y-te")}), TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        repo.documents[0].findings = ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        repo.units = ()
    with pytest.raises(TypeError):
        repo.plans["x"] = None
    assert isinstance(repo.documents, tuple) and isinstance(repo.findings, tuple)


# ---- one file's result: picklable, free of the repo ------------------------------------------


def test_a_checked_file_pickles(make_repo):
    root = make_repo({A: EVENT.format(unit="bo-y-te"), B: "type: event\nunit: bo-y-te\ntitle: T\n"})
    for doc in documents_of(root):
        again = pickle.loads(pickle.dumps(doc))
        assert again == doc and again.findings == doc.findings
        assert (again.model is None) == (doc.model is None) and again.pos(("title",)) == doc.pos(("title",))


def test_read_stage_gives_bytes_or_a_finding(make_repo):
    root = make_repo({A: EVENT.format(unit="bo-y-te"), B: b"#" * (MAX_BYTES + 1)})
    assert read(root, classify(A)) == (EVENT.format(unit="bo-y-te").encode(), [])
    raw, found = read(root, classify(B))
    assert raw is None and [(f.code, f.line) for f in found] == [("DX109", 1)]
    raw, found = read(root, classify("activities/bo-y-te/nope.yaml"))
    assert raw is None and [f.code for f in found] == ["DX115"]


# ---- the repo's lookups ----------------------------------------------------------------------


def test_unit_and_left_out_lookups(make_repo):
    root = make_repo({A: EVENT.format(unit="bo-y-te"), B: "type: event\nunit: bo-y-te\n",
                      "activities/dai-truyen-hinh-viet-nam/x.yaml": "type: [event]\n"})
    repo = check_repo(root, TODAY)
    assert repo.unit("bo-y-te").name == "Đảng ủy Bộ Y tế" and repo.unit("khong-co") is None
    assert (repo.left_out(), repo.left_out("bo-y-te"), repo.left_out("dai-truyen-hinh-viet-nam"),
            repo.left_out("khong-co")) == (2, 1, 1, 0)
    assert [d.rel for d, _record in repo.records()] == [A]
    assert [d.rel for d, _record in repo.records(valid_only=False)] == [A]  # B has no model


def test_findings_of_the_repo_are_every_document_finding_sorted(make_repo):
    repo = check_repo(make_repo({B: "type: event\nunit: bo-y-te\ntitle: T\n", A: "a: [\n"}), TODAY)
    assert list(repo.findings) == sorted(f for d in repo.documents for f in d.findings)
    assert all(isinstance(f, Finding) for f in repo.findings) and len(repo.findings) == 4


# ---- discover and read: one look at each file ------------------------------------------------


def _tree(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_discover_keeps_the_lstat_it_saw_and_read_agrees_with_read_path(tmp_path):
    from dxtrack.check.read import read_path

    root = _tree(tmp_path, {"dxtrack.yaml": "organization: X\n", A: EVENT.format(unit="bo-y-te"),
                            "activities/bo-y-te/big.yaml": "x" * (MAX_BYTES + 1), "plans/p.yaml": ""})
    (root / "activities" / "bo-y-te" / "link.yaml").symlink_to(root / A)
    sources = discover(root)
    assert [s.rel for s in sources] == ["activities/bo-y-te/a.yaml", "activities/bo-y-te/big.yaml",
                                        "activities/bo-y-te/link.yaml", "dxtrack.yaml", "plans/p.yaml"]
    assert all(s.stat is not None for s in sources)
    for source in sources:
        assert read(root, source) == read_path(root / source.rel, source.rel), source.rel
    codes = {s.rel: [f.code for f in read(root, s)[1]] for s in sources}
    assert codes["activities/bo-y-te/link.yaml"] == ["DX114"] and codes["activities/bo-y-te/big.yaml"] == ["DX109"]
    assert read(root, sources[-1]) == (b"", [])


def test_a_linked_top_folder_refuses_every_file_under_it(tmp_path):
    real = _tree(tmp_path / "elsewhere", {"bo-y-te/a.yaml": EVENT.format(unit="bo-y-te")})
    root = _tree(tmp_path / "repo", {"dxtrack.yaml": "organization: X\n"})
    (root / "activities").symlink_to(real)
    [source] = [s for s in discover(root) if s.kind == "record"]
    assert source.link_above
    assert [f.code for f in read(root, source)[1]] == ["DX114"]


def test_a_file_swapped_for_a_link_after_discovery_is_not_followed(tmp_path):
    root = _tree(tmp_path, {A: EVENT.format(unit="bo-y-te"), "secret.txt": "mật khẩu"})
    [source] = [s for s in discover(root) if s.kind == "record"]
    (root / A).unlink()
    (root / A).symlink_to(root / "secret.txt")
    raw, refused = read(root, source)
    assert raw is None and [f.code for f in refused] == ["DX115"]


def test_a_file_that_grew_past_the_limit_since_discovery_is_still_refused(tmp_path):
    root = _tree(tmp_path, {A: EVENT.format(unit="bo-y-te")})
    [source] = [s for s in discover(root) if s.kind == "record"]
    (root / A).write_text("x" * (MAX_BYTES + 10), encoding="utf-8")
    raw, refused = read(root, source)
    assert len(raw) == MAX_BYTES + 1 and refused == []
    assert [f.code for f in load_bytes(raw, A).findings] == ["DX109"]
