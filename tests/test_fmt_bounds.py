"""`dxtrack fmt` reads within bounds and splices in one pass: a file is looked at before it
is opened (a pipe or a link is never opened, a file over 1 MiB never read), a file put in
its place between the look and the open is not read either, and thousands of labels in one
file come out exactly as one edit at a time would make them (bench/bench_fmt.py times it)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dxtrack.write import fmt

REL = "activities/bo-y-te/a.yaml"
HEAD = "type: event\nunit: bo-y-te\nkind: Hội nghị quán triệt\ntitle: Hội nghị\ndate: 2025-09-01\nmode: trực tuyến\n"
LABELS = [("đảng viên", "party_members"), ("'công chức'", "civil_servants"), ('"Viên chức"', "public_employees"),
          ("Người lao động", "workers")]


def test_thousands_of_labels_in_one_file_become_codes_exactly():
    lines, expected = [HEAD, "audiences:\n"], [HEAD.replace("Hội nghị quán triệt", "dissemination")
                                                   .replace("trực tuyến", "online"), "audiences:\n"]
    for i in range(3000):
        label, code = LABELS[i % len(LABELS)]
        comment = f"  # dòng {i}" if i % 3 else ""
        lines.append(f"  - {label}{comment}\n")
        expected.append(f"  - {code}{comment}\n")
    flow = ", ".join(label for label, _ in LABELS * 500)
    lines.append(f"topics: [ý nghĩa, 'Kế hoạch 02']\nleaders: [{flow}]\n")
    expected.append(f"topics: [significance, plan02]\nleaders: [{flow}]\n")  # free text: left as it is
    result = fmt.format_bytes("".join(lines).encode("utf-8"), REL, "record")
    assert result.problem is None
    assert result.new.decode("utf-8") == "".join(expected)


def test_splice_replaces_every_span_in_one_pass():
    assert fmt.splice("a bb ccc dddd", [(0, 1, "A"), (2, 4, ""), (9, 13, "D")]) == "A  ccc D"
    assert fmt.splice("abc", []) == "abc"
    with pytest.raises(ValueError):
        fmt.splice("abcdef", [(0, 3, "x"), (2, 4, "y")])


def test_a_pipe_in_place_of_a_record_is_not_opened(tmp_path):
    """The old fmt opened it and waited for a writer forever: run in a child with a time limit."""
    root = _repo(tmp_path)
    os.mkfifo(root / "activities/bo-y-te/pipe.yaml")
    code = "import sys; from dxtrack.cli.launch import run; sys.argv = ['dxtrack', *sys.argv[1:]]; run()"
    try:
        done = subprocess.run([sys.executable, "-c", code, "fmt", "--repo", str(root)], capture_output=True,
                              text=True, timeout=30, env={**os.environ, "DXTRACK_LANG": "vi", "NO_COLOR": "1"})
    except subprocess.TimeoutExpired:
        pytest.fail("fmt waited on a pipe")
    assert done.returncode == 1
    assert "bỏ qua activities/bo-y-te/pipe.yaml:1:1: Tệp này là liên kết tượng trưng (symlink) hoặc không " \
           "phải tệp thường" in done.stderr


def test_a_link_put_in_place_after_the_look_is_not_followed(tmp_path, monkeypatch, cli):
    root = _repo(tmp_path, {REL: HEAD})
    secret = tmp_path / "secret.yaml"
    secret.write_text(HEAD, encoding="utf-8")
    _swap_after_lstat(monkeypatch, root / REL, lambda path: (path.unlink(), path.symlink_to(secret)))
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert f"bỏ qua {REL}:1:1: Không đọc được tệp hay thư mục này: đó là một liên kết tượng trưng" in result.stderr
    assert secret.read_text(encoding="utf-8") == HEAD


def test_a_file_renamed_in_place_after_the_look_is_not_read(tmp_path, monkeypatch, cli):
    root = _repo(tmp_path, {REL: HEAD})
    other = root / "activities/bo-y-te/.other"
    other.write_text(HEAD, encoding="utf-8")
    _swap_after_lstat(monkeypatch, root / REL, lambda path: os.replace(other, path))
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert f"bỏ qua {REL}:1:1: Tệp này là liên kết tượng trưng" in result.stderr
    assert (root / REL).read_text(encoding="utf-8") == HEAD


def test_read_source_reads_at_most_one_byte_over_the_limit(tmp_path, monkeypatch):
    """A file that grows between the look and the read is read up to the limit and one byte,
    never to its end, and refused as too large."""
    root = _repo(tmp_path, {REL: HEAD})
    (root / REL).write_bytes(b"x" * (3 << 20))
    real_lstat = os.lstat

    def small(path, *args, **kwargs):
        seen = real_lstat(path, *args, **kwargs)
        if os.fspath(path) == os.fspath(root / REL):
            return os.stat_result((*seen[:6], 10, *seen[7:]))  # st_size as it was "before"
        return seen

    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "lstat", small)
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    raw, refused = fmt.read_source(root, REL)
    assert raw is None and refused.code == "DX109"
    assert sum(reads) <= fmt.MAX_BYTES + 1


def _swap_after_lstat(monkeypatch, target, swap):
    """os.lstat of `target` answers as the file was, then `swap(target)` runs (once): what a
    race between the look and the open would do."""
    from pathlib import Path

    real_lstat = os.lstat
    done = []

    def lstat(path, *args, **kwargs):
        seen = real_lstat(path, *args, **kwargs)
        if not done and os.fspath(path) == os.fspath(target):
            done.append(True)
            swap(Path(target))
        return seen

    monkeypatch.setattr(os, "lstat", lstat)


def _repo(tmp_path, files=None):
    from conftest import SETTINGS, UNITS, write_files

    root = tmp_path / "repo"
    write_files(root, {"dxtrack.yaml": SETTINGS, "units.yaml": UNITS, **(files or {})})
    (root / "activities/bo-y-te").mkdir(parents=True, exist_ok=True)
    return root
