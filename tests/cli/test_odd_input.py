"""Odd input that must never crash (issue 14): bytes that are not UTF-8 on the command line,
digits other than 0–9 at a prompt, odd `init --organization` values, evidence paths no file
system takes. Each is a clear message and exit 1 or 2 (or a finding), never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

import dxtrack.cli.new as new_cli

RECORD = """\
type: event
unit: bo-y-te
kind: seminar
title: {title}
date: 2025-09-01
mode: online
topics: [plan02]
evidence:
  - file: {file}
"""


def _dxtrack(args: list[bytes | str], cwd) -> subprocess.CompletedProcess[bytes]:
    """The real program in a process of its own: argv given as bytes, as a shell passes them."""
    argv = [os.fsencode(sys.executable), b"-m", b"dxtrack", *(os.fsencode(a) for a in args)]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(argv, cwd=cwd, capture_output=True, env=env, timeout=120)


def _clean(done: subprocess.CompletedProcess[bytes]) -> str:
    """stderr, after asserting it is a message of ours: no traceback, no internal error, and
    the byte never written out raw (shown escaped, as \\udcff or \\xff)."""
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert b"\xff" not in done.stderr and b"\xff" not in done.stdout
    text = done.stderr.decode("utf-8")
    assert "lỗi nội bộ" not in text, text
    return text


# ---------------------------------------------------------------- bytes that are not UTF-8


def test_non_utf8_option_values_and_arguments_are_told_not_crashed(make_repo):
    root = make_repo()
    for args, code, words in [
        ([b"due", b"--unit=\xff"], 2, 'Không có đơn vị "\\xff"'),
        ([b"status", b"\xff"], 2, 'Không có đơn vị "\\xff"'),
        ([b"check", b"--format=json", b"\xff"], 2, '"\\xff"'),
    ]:
        done = _dxtrack(args, root)
        assert done.returncode == code, (args, done.stderr)
        assert words in _clean(done), (args, done.stderr)


def test_new_with_an_option_value_that_is_not_utf8_names_the_option_and_writes_nothing(make_repo):
    """Before: the draft was written with "\\uDCFF" and then refused as a YAML syntax error."""
    root = make_repo()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    for option, value in [(b"--title", b"H\xffi"), (b"--partner", b"a\xfe")]:
        done = _dxtrack([b"new", b"event", b"--unit=bo-y-te", b"--kind=dissemination", b"--title=Hi",
                         b"--date=2025-09-10", b"--mode=online", b"--topic=plan02", b"--audience=citizens",
                         option + b"=" + value], root)
        assert done.returncode == 2, done.stderr
        shown = os.fsdecode(value).encode("ascii", "backslashreplace").decode().replace("\\udc", "\\x")
        assert _clean(done).startswith(f'Lỗi: {option.decode()} "{shown}" chứa byte không phải chữ viết')
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_init_organization_that_is_not_utf8_is_refused_and_writes_nothing(tmp_path):
    done = _dxtrack([b"init", b"kho", b"--organization=\xff\xfe"], tmp_path)
    assert done.returncode == 2
    assert _clean(done).startswith('Lỗi: --organization "\\xff\\xfe" chứa byte không phải chữ viết')
    assert not (tmp_path / "kho").exists()


def test_init_into_a_folder_named_with_a_byte_that_is_not_utf8(tmp_path, cli):
    done = _dxtrack([b"init", b"kho-\xff"], tmp_path)
    assert done.returncode == 0, done.stderr
    _clean(done)
    assert "kho-\\xff" in done.stdout.decode("utf-8")
    check = cli(["check", "--repo", tmp_path / os.fsdecode(b"kho-\xff")])
    assert check.exit_code == 0, check.output


# ---------------------------------------------------------------- digits other than 0–9 at a prompt


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(new_cli, "is_interactive", lambda: True)


def _lines(*answers: str) -> str:
    return "\n".join(answers) + "\n"


EVENT = ["new", "event", "--unit", "bo-y-te", "--kind", "seminar", "--title", "Tọa đàm", "--date", "2025-10-05"]
CHANNEL = ["new", "channel", "--unit", "bo-y-te", "--kind", "section", "--title", "Chuyên mục CĐS",
           "--outlet", "website", "--started", "2025-09-01"]
DIGITS_0_9 = "hãy viết bằng chữ số 0–9"


@pytest.mark.parametrize("odd", ["²", "١", "１", "³"])
def test_other_digits_at_a_menu_are_asked_again(make_repo, cli, terminal, odd):
    """"²".isdigit() is True and int("²") raises; "١" and "１" are 1 to int(): none is a choice."""
    root = make_repo()
    result = cli(EVENT + ["--repo", root], input=_lines(odd, "2", "", ""))  # mode twice, topics, audiences
    assert result.exit_code == 0, result.output
    assert f'"{odd}" có chữ số không phải 0–9' in result.stderr and DIGITS_0_9 in result.stderr
    assert "mode: online\n" in (root / "activities/bo-y-te/2025-10-05-toa-dam.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("odd", ["١٢", "１２", "1²", "²"])
def test_other_digits_at_a_number_prompt_are_asked_again(make_repo, cli, terminal, odd):
    root = make_repo()
    result = cli(CHANNEL + ["--repo", root], input=_lines(odd, "7", "", "", ""))  # cadence twice, topics, ...
    assert result.exit_code == 0, result.output
    assert f'"{odd}" có chữ số không phải 0–9' in result.stderr
    text = (root / "activities/bo-y-te/2025-09-01-chuyen-muc-cds.yaml").read_text(encoding="utf-8")
    assert "cadence_days: 7\n" in text  # never 12


def test_a_number_of_thousands_of_digits_is_asked_again(make_repo, cli, terminal):
    """int() refuses more than 4,300 digits (ValueError): never asked of it."""
    root = make_repo()
    result = cli(CHANNEL + ["--repo", root], input=_lines("9" * 5000, "7", "", "", ""))
    assert result.exit_code == 0, result.output
    assert "Số có 5000 chữ số, quá lớn" in result.stderr
    result = cli(EVENT + ["--title", "Khác", "--repo", root], input=_lines("9" * 5000, "2", "", ""))
    assert result.exit_code == 0, result.output
    assert "không có trong danh sách" in result.stderr


# ---------------------------------------------------------------- init --organization


# YAML's indicators, quotes, a comment sign, Jinja braces, words YAML 1.1 reads as another type,
# characters a YAML reader refuses raw (U+FFFE, U+FFFF), and 10,000 characters
ACCEPTED = ["'", '"', "a #b", "{{ x }}", "a: b", "- x", "&a *a", "!!python/object", "@x `x", "| >", "null",
            "true", "2025-01-01", "{a: [1]}", " Đảng ủy Bộ Y tế ", "a'b\"c\\d", "a\ufffeb\uffff", "x" * 10_000]


@pytest.mark.parametrize("organization", ACCEPTED, ids=range(len(ACCEPTED)))
def test_init_organization_is_written_so_it_reads_back_and_check_passes(tmp_path, cli, organization):
    root = tmp_path / "kho"
    result = cli(["init", root, "--organization", organization])
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((root / "dxtrack.yaml").read_text(encoding="utf-8"))
    assert settings["organization"] == organization.strip()
    check = cli(["check", "--repo", root, "--format", "json"])
    assert check.exit_code == 0, check.output
    assert json.loads(check.stdout)["findings"] == []


@pytest.mark.parametrize("organization, words", [
    ("", "--organization không được để trống"),
    ("   \t ", "--organization không được để trống"),
    ("Đảng ủy\n* @evil/attackers", 'chứa ký tự U+000A'),
    ("a\r\nb", "chứa ký tự U+000D"),
    ("a\x1b[31mb", "chứa ký tự U+001B"),
    ("a\x00b", "chứa ký tự U+0000"),
    ("a\x7fb", "chứa ký tự U+007F"),
    ("a\x85b", "chứa ký tự U+0085"),
    ("a\u2028b", "chứa ký tự U+2028"),
    ("a\u202eb", "chứa ký tự U+202E"),
], ids=range(10))
def test_init_organization_check_would_refuse_is_exit_2_and_writes_nothing(tmp_path, cli, organization, words):
    root = tmp_path / "kho"
    result = cli(["init", root, "--organization", organization])
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "\n" not in result.stderr.rstrip("\n")  # the value is shown escaped, on one line
    assert not root.exists()
    en = cli(["--lang", "en", "init", root, "--organization", organization])
    assert en.exit_code == 2 and en.stderr.startswith("Error: --organization")


# ---------------------------------------------------------------- evidence paths no file system takes


@pytest.mark.parametrize("file", ["a" * 300 + ".pdf", "evidence/" + "b" * 256, "/".join(["c" * 200] * 25) + ".pdf",
                                  "evidence/" + "đ" * 128 + ".pdf"], ids=["name", "in-folder", "whole", "utf8-bytes"])
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_an_evidence_path_too_long_is_a_finding(make_repo, cli, file, cache):
    """A name over 255 bytes (ENAMETOOLONG from the file system) or a whole path over 4096:
    DX210, and every other finding still shown."""
    root = make_repo({"activities/bo-y-te/2025-09-01-a.yaml": RECORD.format(title="A", file=json.dumps(file)),
                      "activities/bo-y-te/2025-09-02-b.yaml": RECORD.format(title="B", file="khong-co.pdf")
                      .replace("seminar", "nope")})
    args = ["check", "--format", "json", "--repo", root] + ([] if cache else ["--no-cache"])
    for _ in range(2):  # a second run answers from the cache
        result = cli(args)
        assert result.exit_code == 1, result.output
        found = {(f["file"], f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]}
        assert ("activities/bo-y-te/2025-09-01-a.yaml", "DX210",
                f'Tệp minh chứng "{file}" có tên quá dài (mỗi tên thư mục, tên tệp tối đa 255 byte, cả đường dẫn '
                "tối đa 4096 byte); hãy đặt tên tệp ngắn hơn.") in found
        assert {c for f, c, _m in found if f.endswith("-b.yaml")} == {"DX204", "DX210"}


def test_a_long_name_within_the_limit_is_only_missing(make_repo, cli):
    file = "evidence/" + "e" * 251 + ".pdf"  # 255 bytes: a name the file system takes
    root = make_repo({"activities/bo-y-te/2025-09-01-a.yaml": RECORD.format(title="A", file=file)})
    result = cli(["check", "--format", "json", "--repo", root])
    assert [f["message"] for f in json.loads(result.stdout)["findings"]] == [f'Tệp minh chứng "{file}" không tồn tại.']
    (root / file).parent.mkdir()
    (root / file).write_bytes(b"%PDF")
    assert cli(["check", "--repo", root]).exit_code == 0


def test_a_nul_in_an_evidence_path_is_a_finding_with_the_cache_too(make_repo, cli):
    root = make_repo({"activities/bo-y-te/2025-09-01-a.yaml": RECORD.format(title="A", file='"e\\0x.pdf"')})
    for _ in range(2):
        result = cli(["check", "--format", "json", "--repo", root])
        assert result.exit_code == 1, result.output
        assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["DX116"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every folder")
def test_an_evidence_file_in_a_folder_that_cannot_be_read_is_a_finding(make_repo, cli):
    root = make_repo({"activities/bo-y-te/2025-09-01-a.yaml": RECORD.format(title="A", file="kin/a.pdf"),
                      "kin/a.pdf": b"%PDF"})
    (root / "kin").chmod(0)
    try:
        result = cli(["check", "--format", "json", "--no-cache", "--repo", root])
    finally:
        (root / "kin").chmod(0o755)
    assert result.exit_code == 1, result.output
    assert "không đọc được" in json.loads(result.stdout)["findings"][0]["message"]
