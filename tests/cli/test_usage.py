"""A mistyped command line is answered in the user's language, exit 2, with where to get help."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("args, says", [
    (["new", "event", "--participants", "abc"], "Lỗi: Giá trị của --participants phải là một số nguyên."),
    (["khong-co-lenh"], "Lỗi: Không có lệnh “khong-co-lenh”."),
    (["--khong-co", "status"], "Lỗi: Không có tùy chọn --khong-co."),
    (["status", "--as-of"], "Lỗi: Tùy chọn --as-of cần một giá trị."),
    (["status", "a", "b"], "Lỗi: Thừa đối số: b."),
    (["report", "--force=x"], "Lỗi: Tùy chọn --force không nhận giá trị."),
])
def test_usage_errors_in_vietnamese(cli, make_repo, args, says):
    result = cli(args, cwd=make_repo())
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == says
    assert "Error" not in result.stderr


def test_usage_error_points_to_help(cli, make_repo):
    result = cli(["new", "event", "--participants", "abc"], cwd=make_repo())
    assert "Xem hướng dẫn: dxtrack new event -h" in result.stderr


def test_usage_errors_in_english_with_lang(cli, make_repo):
    result = cli(["--lang", "en", "khong-co-lenh"], cwd=make_repo())
    assert result.exit_code == 2
    assert "No such command 'khong-co-lenh'." in result.stderr


def test_unknown_parser_message_is_kept_as_it_is():
    from dxtrack.i18n.usage import translate_usage

    assert translate_usage("Something new from the parser.") == "Something new from the parser."
