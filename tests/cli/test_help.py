"""Help texts: every command and option has its help in both languages."""

from __future__ import annotations

import typer.main

from dxtrack.cli.main import app
from dxtrack.i18n.help import known


def _walk(command):
    yield command
    yield from command.params
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def test_every_help_text_has_a_translation():
    group = typer.main.get_command(app)
    missing = sorted({obj.__dict__.get("_help_source", obj.help) for obj in _walk(group)
                      if getattr(obj, "help", None) and not known(obj.__dict__.get("_help_source", obj.help))})
    assert missing == []


def test_help_in_english_with_lang(cli):
    result = cli(["--lang", "en", "check", "--help"])
    assert result.exit_code == 0
    assert "Check the tracker repo's data" in result.stdout
    assert "Show this message and exit." in result.stdout
    assert "Kiểm tra dữ liệu" not in result.stdout


def test_help_in_vietnamese_by_default(cli):
    result = cli(["check", "--help"])
    assert "Kiểm tra dữ liệu của kho theo dõi" in result.stdout
    assert "Hiện hướng dẫn này rồi thoát." in result.stdout


def test_help_follows_dxtrack_lang(cli, monkeypatch):
    monkeypatch.setenv("DXTRACK_LANG", "en")
    result = cli(["new", "event", "--help"])
    assert "A meeting, session or programme held." in result.stdout


def test_version(cli):
    from dxtrack import __version__

    result = cli(["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"dxtrack {__version__}"


def test_help_headings_follow_the_language(cli):
    vi = cli(["status", "--help"]).stdout
    assert vi.startswith("Cách dùng: dxtrack status") and "\nTùy chọn:\n" in vi and "[mặc định: table]" in vi
    en = cli(["--lang", "en", "status", "--help"]).stdout
    assert en.startswith("Usage: dxtrack status") and "\nOptions:\n" in en and "[default: table]" in en
