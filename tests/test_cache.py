"""dxtrack.check.cache by itself: stored Documents equal fresh ones, cache files are ours or
ignored, the folder is the user's cache folder."""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from dxtrack.check import cache
from dxtrack.check.discover import discover
from dxtrack.check.pipeline import _check_file, check_file, check_repo

FILES = {
    "activities/bo-y-te/2025-09-05-hoi-nghi.yaml": """\
        type: event
        unit: bo-y-te
        kind: dissemination
        title: Hội nghị quán triệt Kế hoạch 02
        date: 2025-09-05
        mode: in_person
        evidence:
          - file: evidence/a.pdf
        """,
    "activities/bo-y-te/2025-09-06-sai.yaml": "type: event\nunit: bo-y-te\nkind: nope\ndate: 2025-02-31\n",
    "activities/bo-y-te/khong-phai-yaml.txt": "x",
    "plans/bo-y-te.yaml": "unit: bo-y-te\ntitle: Kế hoạch\ntasks: []\n",
}
TODAY = date(2025, 10, 1)


def test_documents_from_the_cache_equal_fresh_ones(make_repo):
    root = make_repo(FILES).resolve()
    first = cache.Run(root, "check", {}, TODAY)
    built = first.documents(_check_file)
    first.save_files()
    assert cache.STATS["checked"] == len(built) and cache.STATS["files_written"]
    again = cache.Run(root, "check", {}, TODAY)
    reused = again.documents(_check_file)
    assert cache.STATS["reused"] == 5  # all but the stray file, which costs nothing to redo
    fresh = [check_file(root, s) for s in discover(root)]
    assert reused == fresh == built
    assert [d.model for d in reused] == [d.model for d in fresh]  # the pydantic models too
    assert [type(d.model) for d in reused] == [type(d.model) for d in fresh]


def test_a_repo_checked_with_the_cache_equals_one_without(make_repo):
    root = make_repo(FILES).resolve()
    check_repo(root, TODAY, cache.Run(root, "check", {}, TODAY))
    cached = check_repo(root, TODAY, cache.Run(root, "check", {}, TODAY))
    assert cache.STATS["reused"] == 5
    plain = check_repo(root, TODAY)
    assert cached.findings == plain.findings and cached.documents == plain.documents
    assert cached.units == plain.units and dict(cached.plans) == dict(plain.plans)


def test_evidence_named_is_watched(make_repo):
    root = make_repo(FILES).resolve()
    run = cache.Run(root, "check", {}, TODAY)
    check_repo(root, TODAY, run)
    assert run.evidence == [("evidence/a.pdf", cache.evidence_signature(root, "evidence/a.pdf"))]
    before = cache.evidence_signature(root, "evidence/a.pdf")
    (root / "evidence").mkdir()
    (root / "evidence" / "a.pdf").write_bytes(b"x")
    assert cache.evidence_signature(root, "evidence/a.pdf") != before
    assert cache.evidence_signature(root, "../x") == cache.evidence_signature(root, "/etc/passwd") == ("static",)


def test_payloads_round_trip_and_damage_is_ignored(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir(mode=0o700)
    assert cache.write_payload(folder, "x", {"a": 1})
    assert cache.read_payload(folder / "x") == {"a": 1}
    raw = (folder / "x").read_bytes()
    for damaged in (b"", raw[:10], raw[:-1], raw[:-1] + bytes([raw[-1] ^ 1]), b"garbage" * 10):
        (folder / "x").write_bytes(damaged)
        assert cache.read_payload(folder / "x") is None
    assert cache.read_payload(folder / "missing") is None
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]  # no temporary file left


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_file_others_may_write_is_not_read(tmp_path):
    assert cache.write_payload(tmp_path, "x", [1])
    (tmp_path / "x").chmod(0o620)
    assert cache.read_payload(tmp_path / "x") is None
    (tmp_path / "x").chmod(0o600)
    assert cache.read_payload(tmp_path / "x") == [1]
    os.symlink(tmp_path / "x", tmp_path / "link")
    assert cache.read_payload(tmp_path / "link") is None  # never through a link


def test_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "dxtrack"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    expected = {"win32": tmp_path / "local" / "dxtrack" / "Cache",
                "darwin": tmp_path / "home" / "Library" / "Caches" / "dxtrack"}
    assert cache.cache_folder() == expected.get(sys.platform, tmp_path / "home" / ".cache" / "dxtrack")


def test_the_folder_is_made_private_and_never_inside_the_repo(monkeypatch, tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = cache.usable_folder(root, create=True)
    assert folder == tmp_path / "xdg" / "dxtrack"
    if hasattr(os, "getuid"):
        assert folder.stat().st_mode & 0o777 == 0o700
        folder.chmod(0o777)
        assert cache.usable_folder(root, create=True) is None  # others may write it
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "sub"))
    assert cache.usable_folder(root, create=True) is None and not (root / "sub").exists()


def test_racy_rule():
    now = 10 * cache.RACY_NS
    old = (0o100644, 1, now - 3 * cache.RACY_NS, now - 3 * cache.RACY_NS, 1, 1)
    assert not cache.is_racy(old, now)
    assert cache.is_racy((0o100644, 1, now - 1, old[3], 1, 1), now)  # modified just before it was read
    assert cache.is_racy((0o100644, 1, old[2], now + 5, 1, 1), now)  # inode changed after: ctime
    assert cache.is_racy((0o100644, 1, now * 2, old[3], 1, 1), now)  # dated in the future


def test_memo_keeps_only_the_newest(monkeypatch, make_repo):
    root = make_repo(FILES).resolve()
    monkeypatch.setattr(cache, "KEEP_MEMOS", 2)
    for n in range(4):
        run = cache.Run(root, "check", {"n": n}, TODAY)
        check_repo(root, TODAY, run)
        run.save_memo((f"{n}\n", "", 0))
    memos = [p for p in run.folder.iterdir() if p.name.startswith("memo-")]
    assert len(memos) == 2
    assert cache.Run(root, "check", {"n": 3}, TODAY).replay() == ("3\n", "", 0)
    assert cache.Run(root, "check", {"n": 0}, TODAY).replay() is None


def test_a_run_refused_by_the_system_is_not_memoised(make_repo):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads anything")
    root = make_repo(FILES).resolve()
    path = root / "plans" / "bo-y-te.yaml"
    path.chmod(0)
    run = cache.Run(root, "check", {}, TODAY)
    check_repo(root, TODAY, run)
    run.save_memo(("x", "", 1))
    assert not run.memo_ok and cache.Run(root, "check", {}, TODAY).replay() is None


def test_files_of_gone_folders_are_removed(make_repo):
    root = make_repo(FILES).resolve()
    check_repo(root, TODAY, cache.Run(root, "check", {}, TODAY))
    run = cache.Run(root, "check", {}, TODAY)
    before = {p.name for p in run.folder.iterdir() if p.name.startswith("files-")}
    for path in (root / "plans").iterdir():
        path.unlink()
    check_repo(root, TODAY, run := cache.Run(root, "check", {}, TODAY))
    after = {p.name for p in run.folder.iterdir() if p.name.startswith("files-")}
    assert after < before and len(after) == len(before) - 1


def test_root_is_part_of_the_name(tmp_path):
    assert cache.repo_id(Path("/a")) != cache.repo_id(Path("/b"))


# ---------------------------------------------------------------- the memo's tree and the launcher's index

def _memoised(root: Path, options: dict | None = None) -> cache.Run:
    run = cache.Run(root, "check", options or {}, TODAY)
    check_repo(root, TODAY, run)
    run.save_memo(("out\n", "", 0))
    return run


@pytest.fixture
def settled(monkeypatch):
    """Folders older than 50 ms are not racy (2 s in real use): settled() waits that long."""
    monkeypatch.setattr(cache, "RACY_NS", 50_000_000)
    return lambda: time.sleep(0.1)


def test_the_tree_replays_without_discovering(make_repo, settled, monkeypatch):
    root = make_repo(FILES).resolve()
    settled()
    _memoised(root)
    again = cache.Run(root, "check", {}, TODAY)
    monkeypatch.setattr(cache, "discover", lambda root: pytest.fail("discovered"))
    assert again.replay() == ("out\n", "", 0) and cache.STATS["tree"] == "same"


def test_a_folder_changed_is_told_by_discovering(make_repo, settled):
    root = make_repo(FILES).resolve()
    settled()
    _memoised(root)
    (root / "activities" / "bo-y-te" / "README.md").write_text("not data", encoding="utf-8")  # not discovered
    run = cache.Run(root, "check", {}, TODAY)
    assert run.replay() == ("out\n", "", 0) and cache.STATS["tree"] == "changed"
    assert not cache.STATS["tree_written"]  # the folder changed just now: racy, not trusted yet
    settled()
    assert cache.Run(root, "check", {}, TODAY).replay() and cache.STATS["tree_written"]
    assert cache.Run(root, "check", {}, TODAY).replay() and cache.STATS["tree"] == "same"
    (root / "activities" / "bo-y-te" / "2025-09-07-moi.yaml").write_text("x: 1\n", encoding="utf-8")
    assert cache.Run(root, "check", {}, TODAY).replay() is None and cache.STATS["tree"] == "changed"


def test_an_empty_folder_gaining_a_file(make_repo, settled):
    root = make_repo(FILES).resolve()
    (root / "activities" / "trong").mkdir()
    settled()
    _memoised(root)
    (root / "activities" / "trong" / "2025-09-07-moi.yaml").write_text("x: 1\n", encoding="utf-8")
    assert cache.Run(root, "check", {}, TODAY).replay() is None and cache.STATS["tree"] == "changed"


def test_a_file_changed_is_stale_without_discovering(make_repo, settled, monkeypatch):
    root = make_repo(FILES).resolve()
    settled()
    _memoised(root)
    path = root / "plans" / "bo-y-te.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
    monkeypatch.setattr(cache, "discover", lambda root: pytest.fail("discovered"))
    assert cache.Run(root, "check", {}, TODAY).replay() is None and cache.STATS["tree"] == "stale"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_no_tree_where_a_link_may_change_kind(make_repo, settled, tmp_path):
    root = make_repo(FILES).resolve()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "activities" / "lien-ket")  # skipped by discovery, while a folder
    settled()
    run = _memoised(root)
    assert cache.read_payload(run.folder / run.memo_name)["tree"] is None
    assert cache.Run(root, "check", {}, TODAY).replay() and cache.STATS["tree"] == "none"


def test_no_tree_while_a_folder_is_racy(make_repo):
    root = make_repo(FILES).resolve()  # just made: within 2 s
    run = _memoised(root)
    assert cache.read_payload(run.folder / run.memo_name)["tree"] is None


def test_the_invocation_index(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    key = cache.invocation_key(["check"], TODAY)
    entry = {"command": "check", "root": "/r", "repo": None, "paths": [], "resolved": [],
             "options": {"paths": [], "format": "json", "color": False, "width": 80, "as_of": None}}
    assert cache.read_invocation(key) is None
    assert cache.write_invocation(key, entry) and cache.read_invocation(key) == entry
    assert not cache.write_invocation(key, {**entry, "options": {"paths": ("a",)}})  # a tuple comes back a list
    assert not cache.write_invocation(key, {**entry, "options": {"root": Path("/r")}})
    folder = tmp_path / "dxtrack" / cache.INVOCATIONS
    if hasattr(os, "getuid"):
        folder.chmod(0o777)
        assert cache.read_invocation(key) is None  # others may write it
        folder.chmod(0o700)
    monkeypatch.setattr(cache, "KEEP_INVOCATIONS", 2)
    for n in range(4):
        assert cache.write_invocation(f"k{n}", entry)
    assert len(list(folder.iterdir())) == 2


def test_the_invocation_key(monkeypatch, tmp_path):
    base = cache.invocation_key(["check"], TODAY)
    assert cache.invocation_key(["check"], TODAY) == base
    assert cache.invocation_key(["check", "--lang", "en"], TODAY) != base
    assert cache.invocation_key(["check"], date(2025, 10, 2)) != base
    monkeypatch.setenv("DXTRACK_CACHE_TRACE", str(tmp_path / "t"))  # changes nothing printed
    assert cache.invocation_key(["check"], TODAY) == base
    for name, value in (("COLUMNS", "33"), ("NO_COLOR", ""), ("DXTRACK_PURE_PYTHON", "1"), ("CI", "1")):
        with monkeypatch.context() as patch:
            patch.setenv(name, value)
            assert cache.invocation_key(["check"], TODAY) != base, name
    monkeypatch.chdir(tmp_path)
    assert cache.invocation_key(["check"], TODAY) != base
