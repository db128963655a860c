"""`dxtrack report` and what it writes: the formats -o takes (PDF through LibreOffice), refusals
before any work, the layout profile picked by date, setting or --profile, the line on what is blank."""

from __future__ import annotations

import shutil

import pytest
from conftest import SETTINGS
from docx import Document
from docx.oxml.ns import qn

from dxtrack import api
from dxtrack.report import ReportOutput

BASE = ["report", "--as-of", "2025-11-30"]
NO_OFFICE = shutil.which("soffice") is None and shutil.which("libreoffice") is None


@pytest.fixture
def repo(make_repo):
    return make_repo()


@pytest.fixture
def no_work(monkeypatch):
    """Loading the repo fails the test: a refusal must come before any work."""
    def load(*args, **kwargs):
        raise AssertionError("the repo was loaded")
    monkeypatch.setattr(api, "load_repo", load)


def _rule_under_subject(doc) -> str:
    """"drawn" or "text": the rule under the subject line (hd36 draws it, hd05 types -----)."""
    paragraphs = doc.paragraphs
    period = next(i for i, p in enumerate(paragraphs) if p.text.startswith("(Từ ngày"))
    rule = paragraphs[period + 1]
    return "text" if rule.text == "-----" else "drawn" if rule._p.pPr.find(qn("w:pBdr")) is not None else "?"


@pytest.mark.parametrize("name, message", [
    ("bc.pdf", None),
    ("bc.txt", "Không ghi được báo cáo dạng .txt; chọn .md, .docx hoặc .pdf."),
    ("bc.PDFX", "Không ghi được báo cáo dạng .pdfx; chọn .md, .docx hoặc .pdf."),
])
def test_a_suffix_it_cannot_write_is_refused_before_any_work(cli, repo, tmp_path, monkeypatch, no_work,
                                                             name, message):
    monkeypatch.setattr(shutil, "which", lambda command, *a, **k: None)  # no LibreOffice on this machine
    out = tmp_path / name
    result = cli(["--repo", repo, *BASE, "-o", out])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    if message is None:
        assert ("Không ghi được .pdf: máy chưa cài LibreOffice (lệnh soffice hoặc libreoffice). Cài LibreOffice "
                f"(ví dụ sudo apt install libreoffice-writer), hoặc ghi .docx: -o {tmp_path / 'bc.docx'}."
                ) in result.stderr
    else:
        assert message in result.stderr
    assert list(tmp_path.iterdir()) == [repo]


def test_the_refusal_in_english(cli, repo, tmp_path, monkeypatch, no_work):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice nor libreoffice on PATH
    result = cli(["--repo", repo, "--lang", "en", *BASE, "-o", tmp_path / "bc.pdf"])
    assert result.exit_code == 2
    assert "Cannot write a .pdf: LibreOffice is not installed" in result.stderr
    result = cli(["--repo", repo, "--lang", "en", *BASE, "-o", tmp_path / "bc.odt"])
    assert "Cannot write a report as .odt; choose .md, .docx or .pdf." in result.stderr


def test_help_says_pdf_needs_libreoffice(cli):
    assert "pdf cần LibreOffice" in " ".join(cli(["report", "--help"]).stdout.split())
    assert "pdf needs LibreOffice" in " ".join(cli(["--lang", "en", "report", "--help"]).stdout.split())


@pytest.mark.skipif(NO_OFFICE, reason="LibreOffice is not installed")
def test_pdf_through_libreoffice(cli, repo, tmp_path):
    out = tmp_path / "bc.pdf"
    result = cli(["--repo", repo, *BASE, "--date", "2025-12-01", "-o", out], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert f"Đã ghi báo cáo: {out} (thể thức hd36)" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.pdf", "repo"]  # nothing else left behind
    again = cli(["--repo", repo, *BASE, "-o", out], cwd=tmp_path)
    assert again.exit_code == 2 and "đã có; không ghi đè" in again.stderr


@pytest.mark.parametrize("args, settings, profile", [
    (["--date", "2026-05-26"], "", "hd36"),
    (["--date", "2026-05-27"], "", "hd05"),
    (["--date", "2025-12-01"], "report: {profile: hd05}\n", "hd05"),
    (["--date", "2026-06-01"], "report: {profile: hd36}\n", "hd36"),
    (["--date", "2026-06-01", "--profile", "hd36"], "report: {profile: hd05}\n", "hd36"),
    (["--date", "2025-12-01", "--profile", "hd05"], "", "hd05"),
])
def test_the_profile_by_date_setting_or_option(cli, make_repo, tmp_path, args, settings, profile):
    root = make_repo(settings=SETTINGS + settings)
    out = tmp_path / "bc.docx"
    result = cli(["--repo", root, *BASE, *args, "-o", out])
    assert result.exit_code == 0, result.output
    assert f"(thể thức {profile})" in result.stderr
    assert _rule_under_subject(Document(out)) == {"hd36": "drawn", "hd05": "text"}[profile]


def test_a_bad_profile_setting_is_a_finding(cli, make_repo):
    root = make_repo(settings=SETTINGS + "report: {profile: hd5}\n")
    result = cli(["--repo", root, "check"])
    assert result.exit_code == 1
    assert "Trường \"report.profile\" phải là một trong: hd36, hd05." in result.stdout


@pytest.mark.parametrize("lang, blanks, line", [
    ("vi", ("number", "signer"), "Còn để trống: số ký hiệu, người ký — ghi vào mục report: trong dxtrack.yaml "
                                 "(number, signer) hoặc dùng --number, --signer.\n"),
    ("en", ("signer_title",), "Still blank: the signer's title — set them under report: in dxtrack.yaml "
                              "(signer_title) or use --signer-title.\n"),
    ("vi", (), ""),
])
def test_one_line_names_what_is_still_blank(cli, repo, monkeypatch, lang, blanks, line):
    monkeypatch.setattr(api, "report_output", lambda *a, **k: ReportOutput(b"# BC\n", blanks))
    result = cli(["--repo", repo, "--lang", lang, *BASE])
    assert result.exit_code == 0, result.output
    assert result.stdout == "# BC\n"
    assert result.stderr == line


def test_the_blank_line_from_the_real_report(cli, repo, tmp_path):
    result = cli(["--repo", repo, *BASE, "--date", "2025-12-01"])
    assert result.exit_code == 0, result.output
    line = result.stderr.splitlines()[-1]
    assert line.startswith("Còn để trống: số ký hiệu, người ký")
    assert "ghi vào mục report: trong dxtrack.yaml (number, signer" in line and "--number, --signer" in line
    full = cli(["--repo", repo, *BASE, "--date", "2025-12-01", "--number", "15-BC/ĐU", "--signer", "Nguyễn Văn A",
                "--signer-title", "Bí thư", "-o", tmp_path / "bc.docx"])
    assert full.exit_code == 0, full.output
    assert full.stderr == f"Đã ghi báo cáo: {tmp_path / 'bc.docx'} (thể thức hd36)\n"
