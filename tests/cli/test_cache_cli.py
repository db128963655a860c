"""The cache of `check` and `status` through the real CLI: it never hides a change.

Every test compares the cached run with an uncached one (`--no-cache`) and asserts what the
cache did (dxtrack.check.cache.STATS: memo hit or miss, files reused), so that each can fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_check import EVENT_PATH  # tests/cli is on sys.path, as tests/ is for test_loader
from test_check import GOOD_EVENT as EVENT

from dxtrack.check import cache

OTHER_PATH = "activities/bo-y-te/2025-09-10-toa-dam.yaml"
OTHER = EVENT.replace("Hội nghị quán triệt", "Tọa đàm về").replace("2025-09-05", "2025-09-10")
WITH_EVIDENCE = EVENT + "evidence:\n  - file: evidence/bien-ban.pdf\n"
HOUR_AGO = time.time_ns() - 3600 * 10**9


def files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def cache_files() -> list[Path]:
    folder = cache.cache_folder()
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder and folder.exists() else []


@pytest.fixture
def repo(make_repo):
    root = make_repo({EVENT_PATH: EVENT, OTHER_PATH: OTHER})
    for path in files(root):  # not racy: as if written an hour ago
        os.utime(path, ns=(HOUR_AGO, HOUR_AGO))
    return root


def run(cli, root: Path, *args: str, command: str = "check", env: dict | None = None):
    result = cli([command, "--format", "json", "--repo", root, *args], env=env)
    return result.stdout, result.exit_code, dict(cache.STATS)


def same_as_uncached(cli, root: Path, *args: str, command: str = "check") -> dict:
    """Run cached, then uncached; assert the outputs are equal; what the cached run did."""
    out, code, stats = run(cli, root, *args, command=command)
    plain, plain_code, _ = run(cli, root, "--no-cache", *args, command=command)
    assert (out, code) == (plain, plain_code)
    return stats


def rewrite(path: Path, text: str, keep_mtime: bool = True) -> None:
    """New content, the modification time put back to what it was (as `touch -d` does)."""
    before = path.stat()
    path.write_text(text, encoding="utf-8")
    if keep_mtime:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_second_run_is_replayed(cli, repo):
    first = same_as_uncached(cli, repo)
    assert first["memo"] == "miss" and first["checked"] == 4 and first["memo_written"]
    second = same_as_uncached(cli, repo)
    assert second["memo"] == "hit"
    status = same_as_uncached(cli, repo, command="status")
    assert status["memo"] == "miss" and status["reused"] == 4  # check's per-file results, reused
    assert same_as_uncached(cli, repo, command="status")["memo"] == "hit"


def test_one_file_changed_reuses_the_others(cli, repo):
    same_as_uncached(cli, repo)
    rewrite(repo / EVENT_PATH, EVENT.replace("mode: in_person", "mode: nowhere"))  # longer: size changes
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and stats["reused"] == 3 and stats["checked"] == 1
    out, code, _ = run(cli, repo)
    assert code == 1 and any(f["file"] == EVENT_PATH for f in json.loads(out)["findings"])


def test_same_size_change_keeping_mtime_is_seen_by_ctime(cli, repo):
    same_as_uncached(cli, repo)
    changed = EVENT.replace("2025-09-05", "2025-99-05")
    assert len(changed) == len(EVENT)
    time.sleep(0.01)  # the ctime moves on
    rewrite(repo / EVENT_PATH, changed)
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and stats["checked"] == 1
    assert run(cli, repo)[1] == 1


def test_racy_change_with_identical_stat_is_verified_by_content(cli, repo, monkeypatch):
    """A file written just now is verified by its content, even if its whole stat is the same
    (a file system with coarse timestamps): simulated by showing the cache the old stat data."""
    path = repo / EVENT_PATH
    path.write_text(EVENT, encoding="utf-8")  # now: racy
    same_as_uncached(cli, repo)
    seen = cache.stat_key(os.lstat(path))
    rewrite(path, EVENT.replace("2025-09-05", "2025-99-05"))
    real = cache.stat_key
    monkeypatch.setattr(cache, "stat_key", lambda st: seen if st is not None and st.st_ino == seen[4] else real(st))
    out, code, stats = run(cli, repo)
    assert stats["memo"] == "miss" and stats["checked"] == 1 and code == 1
    monkeypatch.setattr(cache, "stat_key", real)
    assert (out, code) == run(cli, repo, "--no-cache")[:2]


def test_racy_unchanged_file_is_reused_after_verifying(cli, repo):
    (repo / EVENT_PATH).write_text(EVENT, encoding="utf-8")  # now: racy
    same_as_uncached(cli, repo)
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "hit"  # its content verified against the stored hash


def test_added_and_deleted_record(cli, repo):
    same_as_uncached(cli, repo)
    third = repo / "activities/bo-y-te/2025-09-12-hop.yaml"
    third.write_text(EVENT.replace("2025-09-05", "2025-09-12").replace("Hội nghị", "Họp"), encoding="utf-8")
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and stats["checked"] == 1 and stats["reused"] == 4
    third.unlink()
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and stats["checked"] == 0 and stats["reused"] == 4


def test_duplicate_made_by_a_new_file_is_found(cli, repo):
    same_as_uncached(cli, repo)
    (repo / "activities/bo-y-te/2025-09-05-ban-sao.yaml").write_text(EVENT, encoding="utf-8")
    out, code, stats = run(cli, repo)
    assert stats["reused"] == 4 and "DX304" in out
    assert (out, code) == run(cli, repo, "--no-cache")[:2]


def test_evidence_file_appears_and_disappears(cli, repo):
    rewrite(repo / EVENT_PATH, WITH_EVIDENCE)
    out, code, _ = run(cli, repo)
    assert "DX210" in out
    evidence = repo / "evidence" / "bien-ban.pdf"
    evidence.parent.mkdir()
    evidence.write_bytes(b"%PDF")
    out, code, stats = run(cli, repo)
    assert stats["memo"] == "miss" and stats["reused"] == 4 and "DX210" not in out
    assert (out, code) == run(cli, repo, "--no-cache")[:2]
    assert run(cli, repo)[2]["memo"] == "hit"
    evidence.unlink()
    os.symlink("/etc/hostname", evidence)  # now a link: refused
    out, code, stats = run(cli, repo)
    assert stats["memo"] == "miss" and "DX210" in out
    assert (out, code) == run(cli, repo, "--no-cache")[:2]
    evidence.unlink()
    out, code, stats = run(cli, repo)
    assert stats["memo"] == "miss" and "DX210" in out
    assert (out, code) == run(cli, repo, "--no-cache")[:2]


def test_settings_change(cli, repo):
    same_as_uncached(cli, repo, command="status")
    settings = repo / "dxtrack.yaml"
    rewrite(settings, settings.read_text(encoding="utf-8").replace("max_gap_days: 30", "max_gap_days: 3"))
    stats = same_as_uncached(cli, repo, command="status")
    assert stats["memo"] == "miss" and stats["checked"] == 1


def test_a_new_version_checks_everything_again(cli, repo, monkeypatch):
    same_as_uncached(cli, repo)
    import dxtrack

    monkeypatch.setattr(dxtrack, "__version__", "99.0.0")
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and stats["reused"] == 0 and stats["checked"] == 4


def test_language_and_options_are_keys(cli, repo):
    same_as_uncached(cli, repo, command="status")
    stats = same_as_uncached(cli, repo, "--lang", "en", command="status")
    assert stats["memo"] == "miss" and stats["reused"] == 4
    assert same_as_uncached(cli, repo, "--lang", "en", command="status")["memo"] == "hit"
    stats = same_as_uncached(cli, repo, "--as-of", "2025-10-01", command="status")
    assert stats["memo"] == "miss"
    stats = same_as_uncached(cli, repo, "bo-y-te", command="status")
    assert stats["memo"] == "miss"
    assert run(cli, repo, "--lang", "en", command="status")[0] != run(cli, repo, command="status")[0]


def test_another_day_is_another_result(cli, repo, monkeypatch):
    from datetime import date

    from dxtrack import api

    monkeypatch.setattr(api, "_today", lambda: date(2025, 9, 1))
    same_as_uncached(cli, repo, command="status")
    monkeypatch.setattr(api, "_today", lambda: date(2025, 9, 2))
    stats = same_as_uncached(cli, repo, command="status")
    assert stats["memo"] == "miss" and stats["reused"] == 4
    # a record dated after "today" is a finding on one day and not on the next
    monkeypatch.setattr(api, "_today", lambda: date(2025, 9, 6))
    after = run(cli, repo)[0]
    monkeypatch.setattr(api, "_today", lambda: date(2025, 9, 4))
    before, _, stats = run(cli, repo)
    assert stats["memo"] == "miss" and before != after
    assert before == run(cli, repo, "--no-cache")[0]


def test_paths_and_format_are_keys(cli, repo):
    same_as_uncached(cli, repo)
    rewrite(repo / EVENT_PATH, EVENT.replace("mode: in_person", "mode: nowhere"))
    whole = run(cli, repo)[0]
    only_other = same_as_uncached(cli, repo, str(repo / OTHER_PATH))
    assert only_other["memo"] == "miss"
    assert run(cli, repo, str(repo / OTHER_PATH))[0] != whole
    text = cli(["check", "--repo", repo])
    assert text.stdout != whole and text.stdout == cli(["check", "--repo", repo, "--no-cache"]).stdout


@pytest.mark.parametrize("damage", ["truncate", "corrupt", "empty", "garbage", "other_format"])
def test_a_damaged_cache_is_ignored_and_rewritten(cli, repo, damage):
    same_as_uncached(cli, repo)
    stored = cache_files()
    assert stored
    for path in stored:
        raw = path.read_bytes()
        damaged = {"truncate": raw[: len(raw) // 2], "corrupt": raw[:-20] + b"x" * 20, "empty": b"",
                   "garbage": os.urandom(len(raw)), "other_format": b"dxtrack-cache\x00\x00\n" + raw[16:]}
        path.write_bytes(damaged[damage])
    rewrite(repo / EVENT_PATH, EVENT.replace("mode: in_person", "mode: nowhere"))
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and stats["reused"] == 0 and stats["checked"] == 4
    assert same_as_uncached(cli, repo)["memo"] == "hit"  # written again


def test_a_cache_file_others_may_write_is_not_read(cli, repo):
    same_as_uncached(cli, repo)
    for path in cache_files():
        path.chmod(0o666)
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and stats["reused"] == 0


def test_no_cache_and_the_variable_write_nothing(cli, repo, monkeypatch):
    cli(["check", "--repo", repo, "--no-cache"])
    cli(["status", "--repo", repo, "--no-cache"])
    assert cache_files() == [] and cache.STATS["memo"] == "off"
    monkeypatch.setenv("DXTRACK_NO_CACHE", "1")
    cli(["check", "--repo", repo])
    cli(["status", "--repo", repo])
    assert cache_files() == [] and cache.STATS["memo"] == "off"


def test_the_cache_is_never_in_the_repo(cli, repo, monkeypatch):
    before = files(repo)
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / ".cache"))
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and not stats["memo_written"] and not stats["files_written"]
    assert files(repo) == before and not (repo / ".cache").exists()


def test_a_read_only_cache_folder_runs_uncached(cli, repo, tmp_path, monkeypatch):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    home = tmp_path / "ro"
    home.mkdir(mode=0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    stats = same_as_uncached(cli, repo)
    assert stats["memo"] == "miss" and not stats["memo_written"]


def test_cache_check_mode_passes_and_catches_a_wrong_memo(cli, repo, monkeypatch):
    monkeypatch.setenv("DXTRACK_CACHE_CHECK", "1")
    assert cli(["check", "--repo", repo]).exit_code == 0
    assert cli(["check", "--repo", repo]).exit_code == 0 and cache.STATS["memo"] == "hit"
    # a memo that lies (as a bug would make it): check mode says so and exits 3
    (memo,) = [p for p in cache_files() if p.name.startswith("memo-")]
    stored = cache.read_payload(memo)
    stored["outcome"] = ("nothing wrong\n", "", 0)
    assert cache.write_payload(memo.parent, memo.name, stored)
    result = cli(["check", "--repo", repo])
    assert result.exit_code == 3 and "DXTRACK_CACHE_CHECK" in result.stderr and "stdout" in result.stderr
    assert result.stdout == cli(["check", "--repo", repo, "--no-cache"]).stdout


def test_changed_since_and_job_summary_are_never_replayed(cli, repo, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli(["check", "--repo", repo])
    cli(["check", "--repo", repo])
    assert cache.STATS["memo"] == "miss" and not cache.STATS["memo_written"] and cache.STATS["reused"] == 4
    assert summary.stat().st_size > 0  # written by both runs


def _subprocess(root: Path, command: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dxtrack", command, "--format", "json", "--repo", str(root)],
                          capture_output=True, text=True, env=env, check=False)


def test_two_commands_at_once_leave_a_usable_cache(repo, tmp_path):
    trace = tmp_path / "trace.jsonl"
    env = dict(os.environ, DXTRACK_CACHE_TRACE=str(trace))
    results: dict[str, list] = {"check": [], "status": []}

    def go(command: str) -> None:
        results[command].append(_subprocess(repo, command, env))

    threads = [threading.Thread(target=go, args=(c,)) for c in ("check", "status", "check", "status")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    plain = {c: _subprocess(repo, c, dict(env, DXTRACK_NO_CACHE="1")) for c in results}
    for command, done in results.items():
        for one in done:
            assert (one.stdout, one.returncode) == (plain[command].stdout, plain[command].returncode), one.stderr
    trace.unlink()
    for command in results:
        again = _subprocess(repo, command, env)
        assert (again.stdout, again.returncode) == (plain[command].stdout, plain[command].returncode)
    lines = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    assert [line["memo"] for line in lines] == ["hit", "hit"]


def test_a_replayed_run_imports_no_models(repo):
    """The memo is looked up without pydantic models, YAML or templates (typer itself may
    bring pydantic's core: that is not ours to avoid)."""
    code = ("import sys; sys.argv = ['dxtrack', 'check', '--format', 'json', '--repo', sys.argv[1]]\n"
            "from dxtrack.cli.launch import run\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('yaml', 'jinja2', 'dxtrack.models', 'dxtrack.check.document',"
            " 'dxtrack.check.load', 'dxtrack.render.findings_json') if m in sys.modules)\n"
            "print('HEAVY', heavy, file=sys.stderr)\n")
    env = dict(os.environ)
    first = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, env=env)
    second = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, env=env)
    assert first.stdout == second.stdout
    assert "HEAVY []" not in first.stderr  # a miss loads everything (the test can fail)
    assert "HEAVY []" in second.stderr, second.stderr


# ---------------------------------------------------------------- the launcher's replay (cli/launch.py)
# A run replayed before typer is imported: the launcher keys it by the raw invocation (the
# command line, the current folder, the environment, the terminals, today) and trusts the
# file list by the stat data of the folders (the memo's tree) unless one changed.

SETTLE_NS = 50_000_000  # what "racy" means for a folder in these tests (2 s in real use)


@pytest.fixture
def settled(monkeypatch):
    """Folders written more than SETTLE_NS ago are trusted by their stat data (in real use,
    2 s): settled() waits that long, so that the next run can store a tree of the repo."""
    monkeypatch.setattr(cache, "RACY_NS", SETTLE_NS)

    def settle() -> None:
        time.sleep(2 * SETTLE_NS / 1e9)

    return settle


def launch(monkeypatch, capsys, *args, cwd: Path | None = None) -> tuple[str, int, dict]:
    """`dxtrack <args>` through the console script's entry, in this process: (stdout, exit
    code, what the cache did)."""
    from dxtrack.cli.launch import run as entry

    monkeypatch.setattr(sys, "argv", ["dxtrack", *map(str, args)])
    if cwd is not None:
        monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = 0
    try:
        entry()
    except SystemExit as exc:
        code = exc.code or 0
    return capsys.readouterr().out, code, dict(cache.STATS)


def plain(monkeypatch, capsys, *args, cwd: Path | None = None) -> tuple[str, int]:
    return launch(monkeypatch, capsys, *args, "--no-cache", cwd=cwd)[:2]


def test_the_launcher_replays_by_the_stat_data_of_the_folders(monkeypatch, capsys, repo, settled):
    settled()
    args = ("check", "--format", "json", "--repo", repo)
    first = launch(monkeypatch, capsys, *args)
    assert first[2]["memo"] == "miss" and first[2]["launch"] == "miss" and first[2]["memo_written"]
    second = launch(monkeypatch, capsys, *args)
    assert second[2]["launch"] == "hit" and second[2]["tree"] == "same" and second[:2] == first[:2]
    assert second[:2] == plain(monkeypatch, capsys, *args)


def test_the_launcher_falls_back_to_discovery_while_a_folder_is_racy(monkeypatch, capsys, repo):
    args = ("status", "--format", "json", "--repo", repo)
    launch(monkeypatch, capsys, *args)  # the folders were made just now: no tree stored
    again = launch(monkeypatch, capsys, *args)
    assert again[2]["launch"] == "hit" and again[2]["tree"] == "none"  # proved by discovering
    assert again[:2] == plain(monkeypatch, capsys, *args)


def _filled(monkeypatch, capsys, settle, *args) -> tuple[str, int]:
    """Run `args` until the launcher replays it by the tree alone; its output."""
    settle()
    launch(monkeypatch, capsys, *args)
    out, code, stats = launch(monkeypatch, capsys, *args)
    assert stats["launch"] == "hit" and stats["tree"] == "same"
    return out, code


def _not_stale(monkeypatch, capsys, *args, tree: str | None = None) -> dict:
    """The next run is not replayed by the launcher: its output is the uncached one. With
    `tree` (a change of the files), no memo is replayed at all, and the tree said so."""
    out, code, stats = launch(monkeypatch, capsys, *args)
    assert stats["launch"] == "miss"
    if tree is not None:
        assert stats["memo"] == "miss" and stats["tree"] == tree
    assert (out, code) == plain(monkeypatch, capsys, *args)
    return stats


def test_a_new_file_in_a_unit_folder_with_its_mtime_put_back(monkeypatch, capsys, repo, settled):
    args = ("check", "--format", "json", "--repo", repo)
    before, _ = _filled(monkeypatch, capsys, settled, *args)
    folder = repo / "activities" / "bo-y-te"
    seen = folder.stat()
    (folder / "2025-09-05-ban-sao.yaml").write_text(EVENT, encoding="utf-8")  # a duplicate: DX304
    os.utime(folder, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    assert folder.stat().st_mtime_ns == seen.st_mtime_ns and folder.stat().st_ctime_ns != seen.st_ctime_ns
    stats = _not_stale(monkeypatch, capsys, *args, tree="changed")  # the folder's ctime tells
    assert stats["checked"] == 1
    assert "DX304" in launch(monkeypatch, capsys, *args)[0] and "DX304" not in before


def test_a_file_removed(monkeypatch, capsys, repo, settled):
    args = ("status", "--format", "json", "--repo", repo)
    _filled(monkeypatch, capsys, settled, *args)
    (repo / OTHER_PATH).unlink()
    _not_stale(monkeypatch, capsys, *args, tree="stale")


def test_a_content_changed_with_its_mtime_put_back(monkeypatch, capsys, repo, settled):
    args = ("check", "--format", "json", "--repo", repo)
    _filled(monkeypatch, capsys, settled, *args)
    changed = EVENT.replace("2025-09-05", "2025-99-05")
    assert len(changed) == len(EVENT)
    rewrite(repo / EVENT_PATH, changed)  # same size, same mtime: the ctime tells
    _not_stale(monkeypatch, capsys, *args, tree="stale")
    assert launch(monkeypatch, capsys, *args)[1] == 1


def test_a_new_unit_folder(monkeypatch, capsys, repo, settled):
    args = ("status", "--format", "json", "--repo", repo)
    _filled(monkeypatch, capsys, settled, *args)
    new = repo / "activities" / "dai-truyen-hinh-viet-nam" / "2025-09-05-hoi-nghi.yaml"
    new.parent.mkdir()
    new.write_text(EVENT.replace("unit: bo-y-te", "unit: dai-truyen-hinh-viet-nam"), encoding="utf-8")
    _not_stale(monkeypatch, capsys, *args, tree="changed")


def test_another_folder_with_the_same_relative_repo(monkeypatch, capsys, repo, tmp_path, make_repo, settled):
    here = repo.parent
    there = tmp_path / "elsewhere"
    (there / "repo").mkdir(parents=True)
    for path in files(repo):
        target = there / "repo" / path.relative_to(repo)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (there / "repo" / OTHER_PATH).unlink()  # another repo, reached by the same `--repo repo`
    args = ("status", "--format", "json", "--repo", "repo")
    settled()
    launch(monkeypatch, capsys, *args, cwd=here)
    mine = launch(monkeypatch, capsys, *args, cwd=here)
    assert mine[2]["launch"] == "hit"
    out, code, stats = launch(monkeypatch, capsys, *args, cwd=there)
    assert stats["launch"] == "miss" and out != mine[0]
    assert (out, code) == plain(monkeypatch, capsys, *args, cwd=there)


def test_the_terminal_width_is_a_key(monkeypatch, capsys, repo, settled):
    args = ("status", "--repo", repo)  # the table: as wide as the terminal
    wide, _ = _filled(monkeypatch, capsys, settled, *args)
    monkeypatch.setenv("COLUMNS", "60")
    _not_stale(monkeypatch, capsys, *args)
    assert launch(monkeypatch, capsys, *args)[0] != wide


@pytest.mark.parametrize("change", ["NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "DXTRACK_LANG", "DXTRACK_DEBUG"])
def test_the_environment_is_a_key(monkeypatch, capsys, repo, settled, change):
    args = ("check", "--repo", repo)
    _filled(monkeypatch, capsys, settled, *args)
    if change == "NO_COLOR":
        monkeypatch.delenv("NO_COLOR")
    else:
        monkeypatch.setenv(change, {"GITHUB_ACTIONS": "true", "DXTRACK_LANG": "en"}.get(change, "1"))
    _not_stale(monkeypatch, capsys, *args)


def test_the_language_typed_is_a_key(monkeypatch, capsys, repo, settled):
    args = ("status", "--format", "json", "--repo", repo)
    vi, _ = _filled(monkeypatch, capsys, settled, *args)
    _not_stale(monkeypatch, capsys, *args, "--lang", "en")
    assert launch(monkeypatch, capsys, *args, "--lang", "en")[0] != vi


def test_the_date_is_a_key(monkeypatch, capsys, repo, settled):
    from datetime import date

    from dxtrack import api

    args = ("check", "--format", "json", "--repo", repo)
    monkeypatch.setattr(api, "_today", lambda: date(2025, 9, 6))
    after, _ = _filled(monkeypatch, capsys, settled, *args)
    monkeypatch.setattr(api, "_today", lambda: date(2025, 9, 4))  # the record is now dated after today
    _not_stale(monkeypatch, capsys, *args)
    assert launch(monkeypatch, capsys, *args)[0] != after


def test_paths_typed_are_resolved_again(monkeypatch, capsys, repo, settled):
    args = ("check", "--format", "json", "--repo", repo, repo / OTHER_PATH)
    _filled(monkeypatch, capsys, settled, *args)
    (repo / OTHER_PATH).unlink()  # the path typed is gone: a setup error now, not a replay
    out, code, stats = launch(monkeypatch, capsys, *args)
    assert code == 2 and stats.get("memo") != "hit" and (out, code) == plain(monkeypatch, capsys, *args)


def test_what_the_launcher_does_not_replay(monkeypatch, capsys, repo, tmp_path):
    from dxtrack.cli.launch import _replayable

    assert _replayable(["check", "--format", "json", "--repo", "r", "a", "b"]) == ("check", "r", ["a", "b"])
    assert _replayable(["status", "-f", "json", "--repo=r", "bo-y-te"]) == ("status", "r", [])
    assert _replayable(["check", "--repo", "a", "--repo", "b"]) == ("check", "b", [])  # the last, as click
    for argv in (["check", "--help"], ["check", "-fjson"], ["check", "-f=json"], ["check", "--", "x"],
                 ["check", "--unknown"], ["check", "--repo"], ["check", "--no-cache"], ["report"],
                 ["--lang", "en", "check"], ["status", "a", "b"], ["check", "--repo", ""], []):
        assert _replayable(argv) is None, argv
    for name in ("DXTRACK_NO_CACHE", "DXTRACK_CACHE_CHECK", "GITHUB_STEP_SUMMARY"):
        monkeypatch.setenv(name, str(tmp_path / "x"))
        assert _replayable(["check"]) is None
        monkeypatch.delenv(name)


def test_a_broken_index_is_no_replay(monkeypatch, capsys, repo, settled):
    args = ("check", "--format", "json", "--repo", repo)
    _filled(monkeypatch, capsys, settled, *args)
    (entry,) = (cache.cache_folder() / cache.INVOCATIONS).iterdir()
    stored = cache.read_payload(entry, decode=cache._from_json)
    stored["options"] = {**stored["options"], "format": "text"}  # as a bug would write it
    assert cache.write_payload(entry.parent, entry.name, stored, encode=cache._to_json)
    out, code, stats = launch(monkeypatch, capsys, *args)  # the text memo does not exist: no replay
    assert stats["launch"] == "miss" and (out, code) == plain(monkeypatch, capsys, *args)
    entry.write_bytes(b"garbage")
    out, code, stats = launch(monkeypatch, capsys, *args)
    assert stats["launch"] == "miss" and (out, code) == plain(monkeypatch, capsys, *args)
    monkeypatch.setattr(cache, "invocation_key", lambda *a: 1 / 0)  # any failure: the app runs
    out, code, stats = launch(monkeypatch, capsys, *args)
    assert stats["launch"] is None and stats["memo"] == "hit" and (out, code) == plain(monkeypatch, capsys, *args)


def _entry(repo: Path, *args: str, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dxtrack", *args, "--repo", str(repo)], env=env, check=False,
                          **kwargs)


def test_a_replay_through_the_real_entry_imports_no_typer(repo, tmp_path):
    trace = tmp_path / "trace.jsonl"
    env = dict(os.environ, DXTRACK_CACHE_TRACE=str(trace))
    runs = [_entry(repo, "check", "--format", "json", env=env, capture_output=True, text=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == runs[1].returncode == 0
    first, second = (json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines())
    assert first["launch"] == "miss" and "typer" in first["loaded"]  # the trace can tell
    assert second["launch"] == "hit" and second["loaded"] == []  # no typer, click, pydantic, yaml, rich
    timed = _entry(repo, "check", "--format", "json", env=dict(env, PYTHONPROFILEIMPORTTIME="1"),
                   capture_output=True, text=True)
    assert timed.stdout == runs[0].stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in timed.stderr.splitlines() if "|" in line}
    assert "dxtrack.check.cache" in imported and not imported & {"typer", "click", "pydantic", "yaml", "rich"}


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_a_terminal_a_pipe_and_a_file_are_keys(repo, tmp_path):
    """Colour is for a terminal only: the output to a terminal is never replayed into a pipe or
    a file, nor with NO_COLOR set."""
    import pty

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(TERM="xterm", COLUMNS="100", DXTRACK_CACHE_TRACE=str(tmp_path / "trace.jsonl"))

    def on_terminal(extra: dict) -> str:
        main, side = pty.openpty()
        try:
            done = _entry(repo, "check", env={**env, **extra}, stdout=side, stderr=subprocess.DEVNULL)
            os.close(side)
            side = -1
            chunks = []
            while True:
                try:
                    chunk = os.read(main, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(main)
            if side >= 0:
                os.close(side)
        assert done.returncode == 1
        return b"".join(chunks).decode("utf-8")

    def to_pipe(extra: dict) -> str:
        return _entry(repo, "check", env={**env, **extra}, capture_output=True, text=True).stdout

    def to_file(extra: dict) -> str:
        out = tmp_path / "out.txt"
        with out.open("w", encoding="utf-8") as handle:
            _entry(repo, "check", env={**env, **extra}, stdout=handle)
        return out.read_text(encoding="utf-8")

    rewrite(repo / EVENT_PATH, EVENT.replace("mode: in_person", "mode: nowhere"))  # a finding, in colour
    coloured = on_terminal({})
    assert "\x1b[" in coloured and on_terminal({}) == coloured  # the second one replayed
    uncached = to_pipe({"DXTRACK_NO_CACHE": "1"})
    assert "\x1b[" not in uncached
    assert to_pipe({}) == to_pipe({}) == uncached == to_file({}) == to_file({})
    assert "\x1b[" not in on_terminal({"NO_COLOR": "1"})
    lines = [json.loads(line) for line in (tmp_path / "trace.jsonl").read_text(encoding="utf-8").splitlines()]
    # a terminal twice; a pipe twice; a file twice (no terminal either: the pipe's output is
    # its output); a terminal with NO_COLOR
    assert [line["launch"] for line in lines] == ["miss", "hit", "miss", "hit", "hit", "hit", "miss"]
