"""Issue 14, code execution: a repo's templates (`templates/*.j2`) and style file
(`templates/docx_style.yaml`) are untrusted, through the real CLI (`report` as Markdown and
as .docx, `status --format html`).

- every template runs in Jinja2's immutable sandbox: reaching inside Python or changing the
  data is refused, exit 1, in words saying so; nothing it tried to reach is printed;
- within budgets (made texts and numbers, widths, range, steps, nesting);
- a template or style file is read only as a regular file inside `templates/`: no symbolic
  link (nor a linked folder), no name outside the folder, no pipe or device, no file over
  256 KiB or not UTF-8: exit 2, naming the file, and the file a link points at never shown;
- the style file refuses anchors, tags, a key given twice, a number of thousands of digits,
  a date that does not exist, and texts the .docx cannot hold, each a clear setup error.

The tests of the budgets run hostile templates that would take minutes or gigabytes
without them: they ask for the budgets first (`budgets`), so on code without them they fail
at once instead of running the attack.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

EVENT = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt Công văn 380
date: 2025-09-01
mode: in_person
audiences: [party_members]
participants: 120
"""
SECRET = "TOP_SECRET_TOKEN_6789"  # noqa: S105 (what a file outside the repo holds)
REPORT = ["report", "--as-of", "2025-11-30", "--date", "2025-12-01"]
UNSAFE_VI = "tìm cách với vào bên trong Python"


@pytest.fixture
def repo(make_repo) -> Path:
    root = make_repo({"activities/bo-y-te/2025-09-01-hoi-nghi.yaml": EVENT})
    (root / "templates").mkdir()
    return root


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the repo that no template may show."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}: 1\n", encoding="utf-8")
    return path


@pytest.fixture
def budgets():
    """The sandbox's budgets (asked for first: without them the attacks below would run)."""
    from dxtrack.render import sandbox

    return sandbox


def run(cli, root: Path, how: str, *extra: str, tmp: Path | None = None):
    """`report` as Markdown (md), as .docx (docx), or `status --format html` (html)."""
    if how == "html":
        return cli(["status", "--repo", root, "--format", "html", "--as-of", "2025-12-05", *extra])
    if how == "docx":
        return cli(["--repo", root, *REPORT, "-o", (tmp or root.parent) / "bao-cao.docx", "--force", *extra])
    return cli(["--repo", root, *REPORT, *extra])


def template_of(how: str) -> str:
    return "status.html.j2" if how == "html" else "report.md.j2"


def own(root: Path, how: str, text: str) -> Path:
    path = root / "templates" / template_of(how)
    path.write_text(text, encoding="utf-8")
    return path


def assert_no_leak(result, *words: str) -> None:
    for word in words:
        assert word not in result.stdout and word not in result.stderr, word


# ---------------------------------------------------------------- reaching inside Python: exit 1

INTERNALS = [
    "{{ report.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__.os.popen('echo PWNED-$((6*7))').read() }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ lipsum.__globals__ }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c.__name__ }} {% endfor %}",
    "{{ report|attr('__class__') }}",
    "{{ '{0.__class__.__mro__}'.format(report) }}",
    "{{ joiner.__init__.__globals__['__builtins__'] }}",
    "{{ report.sections.append(1) }}{{ report.sections.clear() }}",  # changing the data it is given
    "{{ dict.update(report.legend_symbols, met='X') }}{{ report.legend_symbols }}",  # through the class
]


@pytest.mark.parametrize("payload", INTERNALS)
def test_a_report_template_reaching_inside_python_is_refused(cli, repo, payload):
    own(repo, "md", "# Báo cáo\n" + payload + "\n")
    result = run(cli, repo, "md")
    assert result.exit_code == 1, result.output
    assert f"Mẫu templates/report.md.j2:2 {UNSAFE_VI}" in result.stderr
    assert "Không có gì được ghi ra." in result.stderr
    assert result.stdout == ""
    assert_no_leak(result, "PWNED-42", "subclasses", "<class", "builtins", "Traceback")


@pytest.mark.parametrize("payload", [INTERNALS[0].replace("report", "page"), INTERNALS[1], INTERNALS[4]])
def test_the_page_template_reaching_inside_python_is_refused_with_exit_1(cli, repo, payload):
    own(repo, "html", "<p>\n" + payload + "\n")
    result = run(cli, repo, "html")
    assert result.exit_code == 1, result.output  # was 2, as for a broken template
    assert f"Mẫu templates/status.html.j2:2 {UNSAFE_VI}" in result.stderr
    assert result.stdout == ""
    assert_no_leak(result, "PWNED-42", "<class", "Traceback")


def test_the_refusal_says_what_was_reached_for_in_english_too(cli, repo):
    own(repo, "md", "{{ cycler.__init__.__globals__ }}")
    result = run(cli, repo, "md", "--lang", "en")
    assert result.exit_code == 1
    assert ("The template templates/report.md.j2:1 tried to reach inside Python or to change the data it was "
            "given (the attribute __init__ of type).") in result.stderr
    own(repo, "md", "{{ report.header.__dict__ }}")
    assert "(thuộc tính __dict__ của Header)" in run(cli, repo, "md").stderr


def test_a_broken_repo_template_is_still_a_setup_error_naming_its_line(cli, repo):
    own(repo, "md", "# x\n{{ 1 / 0 }}\n")
    result = run(cli, repo, "md")
    assert result.exit_code == 2
    assert "Mẫu báo cáo templates/report.md.j2:2 có lỗi: ZeroDivisionError: division by zero" in result.stderr
    own(repo, "html", "<p>\n{{ page.nowhere.x }}\n")
    result = run(cli, repo, "html")
    assert result.exit_code == 2 and "Mẫu trang templates/status.html.j2:2 có lỗi" in result.stderr


def test_the_built_in_templates_and_a_repos_own_still_work(cli, repo):
    builtin_md, builtin_html = run(cli, repo, "md"), run(cli, repo, "html")
    assert builtin_md.exit_code == 0 and "Hội nghị quán triệt Công văn 380" in builtin_md.stdout
    assert builtin_html.exit_code == 0 and "<table" in builtin_html.stdout
    (repo / "templates" / "parts").mkdir()
    (repo / "templates" / "parts" / "head.j2").write_text("# {{ report.header.title }}\n", encoding="utf-8")
    own(repo, "md", "{% include 'parts/head.j2' %}\n{% set ns = namespace(n=0) %}"
                    "{% for s in report.sections %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }} mục\n")
    result = run(cli, repo, "md")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["# BÁO CÁO", "4 mục"]  # I. to IV., then the closing


# ---------------------------------------------------------------- budgets: exit 1, at once

@pytest.mark.parametrize("payload, words", [
    ("{% for i in range(10**9) %}{% endfor %}", "range() chỉ cho tối đa 100.000 số"),
    ("{{ range(10**9)|list|length }}", "range() chỉ cho tối đa 100.000 số"),
    ("{{ 'x' * 10**9 }}", "dài quá 4.194.304 ký tự hay phần tử"),
    ("{{ ['x'] * 10**9 }}", "dài quá 4.194.304 ký tự hay phần tử"),
    ("{{ 7 ** 10000000 }}", "một số quá lớn"),
    ("{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}", "một số quá lớn"),
    ("{{ 10.0 ** 400 }}", "một số quá lớn"),
    ("{{ 'x'.center(10**9) }}", "căn lề hay độ rộng quá 10.000 ký tự"),
    ("{{ 'x'|center(1000000000) }}", "căn lề hay độ rộng quá 10.000 ký tự"),
    ("{{ '%999999999s' % 1 }}", "căn lề hay độ rộng quá 10.000 ký tự"),
    ("{{ '{:>999999999}'.format(1) }}", "căn lề hay độ rộng quá 10.000 ký tự"),
    ("{{ 'x'|indent(10**9, true) }}", "dài quá 4.194.304"),
    ("{{ ('x' * 4000000)|replace('', 'yy') }}", "dài quá 4.194.304"),
    ("{{ lipsum(10**6) }}", "lipsum() chỉ cho tối đa 100 đoạn"),
    ("{{ [['x' * 4000000]] * 1000 }}", "dài quá 4.194.304"),
    ("{{ ([['x'] * 4000000] * 1000)|sum(start=[]) }}", "dài quá 4.194.304"),
    ("{{ ('a.b ' * 1000000)|urlize(target='t' * 1000) }}", "dài quá 4.194.304"),
    ("{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
     "dài quá 4.194.304"),
    ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('x') }}", "dài quá 4.194.304"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "gọi lồng nhau quá sâu"),
    ("{% include 'report.md.j2' %}", "gọi lồng nhau quá sâu"),
])
def test_a_template_that_would_spend_the_machine_is_stopped(cli, repo, budgets, payload, words):
    own(repo, "md", payload)
    result = run(cli, repo, "md")
    assert result.exit_code == 1, result.output
    assert "Mẫu templates/report.md.j2" in result.stderr and " bị dừng: " in result.stderr
    assert words in result.stderr
    assert result.stdout == ""


def test_loops_inside_loops_are_counted_even_when_they_do_nothing(cli, repo, budgets, monkeypatch):
    monkeypatch.setattr(budgets, "MAX_STEPS", 200_000)
    own(repo, "md", "{% set r = range(100000) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}")
    result = run(cli, repo, "md")
    assert result.exit_code == 1
    assert "nó chạy quá 200.000 bước" in result.stderr
    own(repo, "html", "{% set r = range(100000) %}{% for i in r %}{% for j in r %}x{% endfor %}{% endfor %}")
    assert "nó chạy quá 200.000 bước" in run(cli, repo, "html").stderr


def test_what_a_render_writes_is_counted_inside_macros_too(cli, repo, budgets, monkeypatch):
    monkeypatch.setattr(budgets, "MAX_OUTPUT", 2 * 1024 * 1024)
    own(repo, "md", "{% macro m() %}{% for i in range(100000) %}" + "y" * 100 + "{% endfor %}{% endmacro %}{{ m() }}")
    result = run(cli, repo, "md")
    assert result.exit_code == 1 and " bị dừng: nó viết ra quá 2 MiB." in result.stderr
    own(repo, "html", "{% for i in range(100000) %}{{ page.csp }}{% endfor %}")
    assert " bị dừng: nó viết ra quá 2 MiB." in run(cli, repo, "html").stderr


def test_the_clock_stops_a_render(cli, repo, budgets, monkeypatch):
    monkeypatch.setattr(budgets, "MAX_SECONDS", 0.0)
    own(repo, "md", "{% for i in range(100000) %}{% endfor %}")
    result = run(cli, repo, "md")
    assert result.exit_code == 1 and "nó chạy quá 0 giây." in result.stderr


def test_the_page_template_has_the_same_budgets(cli, repo, budgets):
    own(repo, "html", "{{ 'x' * 10**9 }}")
    result = run(cli, repo, "html")
    assert result.exit_code == 1
    assert "Mẫu templates/status.html.j2:1 bị dừng: nó tạo ra một chuỗi chữ hay danh sách" in result.stderr


# ---------------------------------------------------------------- reading templates: regular files inside templates/

@pytest.mark.parametrize("how", ["md", "html"])
def test_a_template_that_is_a_link_to_a_file_outside_is_not_read(cli, repo, secret, how):
    (repo / "templates" / template_of(how)).symlink_to(secret)
    result = run(cli, repo, how)
    assert result.exit_code == 2
    assert f"templates/{template_of(how)} có lỗi: tệp này là một liên kết tượng trưng (symlink)" in result.stderr
    assert_no_leak(result, SECRET)


def test_a_linked_templates_folder_is_not_read(cli, repo, secret):
    (repo / "templates").rmdir()
    (secret.parent / "report.md.j2").write_text(f"{SECRET} from a linked folder\n", encoding="utf-8")
    (repo / "templates").symlink_to(secret.parent, target_is_directory=True)
    result = run(cli, repo, "md")
    assert result.exit_code == 2
    assert "tệp nằm trong templates, mà templates là một liên kết tượng trưng" in result.stderr
    assert_no_leak(result, SECRET)


def test_an_included_link_or_a_name_outside_the_folder_is_refused(cli, repo, secret):
    (repo / "templates" / "part.j2").symlink_to(secret)
    own(repo, "md", "# x\n{% include 'part.j2' %}\n")
    result = run(cli, repo, "md")
    assert result.exit_code == 2
    assert ("Mẫu báo cáo templates/report.md.j2:2 có lỗi: mẫu này dùng tới \"templates/part.j2\", nhưng tệp này "
            "là một liên kết tượng trưng") in result.stderr
    assert_no_leak(result, SECRET)
    relative = os.path.relpath(secret, repo / "templates")
    for name in (relative, str(secret), "parts\\\\..\\\\..\\\\x.j2", "./part.j2", "C:/x.j2", 'a"b.j2'):
        own(repo, "md", "{% include '" + name + "' %}")
        result = run(cli, repo, "md")
        assert result.exit_code == 2, name
        assert "nhưng tên đó trỏ ra ngoài thư mục templates/ của kho" in result.stderr, name
        assert_no_leak(result, SECRET)


def test_a_template_that_is_no_regular_file_is_refused_without_waiting(cli, repo):
    fifo = repo / "templates" / "report.md.j2"
    os.mkfifo(fifo)  # reading it would wait for a writer for ever
    result = run(cli, repo, "md")
    assert result.exit_code == 2
    assert "templates/report.md.j2 có lỗi: đây không phải một tệp thông thường" in result.stderr
    fifo.unlink()
    fifo.symlink_to("/dev/zero")  # reading it would never end
    result = run(cli, repo, "md")
    assert result.exit_code == 2 and "liên kết tượng trưng" in result.stderr
    fifo.unlink()
    fifo.mkdir()
    assert "đây không phải một tệp thông thường" in run(cli, repo, "md").stderr


def test_a_template_too_big_or_not_utf8_is_refused(cli, repo):
    own(repo, "md", "{# #}" + "x" * (300 * 1024))
    result = run(cli, repo, "md")
    assert result.exit_code == 2 and "templates/report.md.j2 có lỗi: tệp lớn hơn 256 KiB." in result.stderr
    (repo / "templates" / "report.md.j2").write_bytes("Báo cáo {{ report.intro }}".encode("cp1258"))
    result = run(cli, repo, "md")
    assert result.exit_code == 2 and "tệp không phải văn bản UTF-8" in result.stderr
    (repo / "templates" / "report.md.j2").unlink()
    (repo / "templates" / "status.html.j2").write_bytes(b"\xff\xfe<p>")
    result = run(cli, repo, "html")
    assert result.exit_code == 2 and "Mẫu trang templates/status.html.j2 có lỗi: tệp không phải" in result.stderr


# ---------------------------------------------------------------- the style file

def style(root: Path, text: str) -> None:
    (root / "templates" / "docx_style.yaml").write_text(text, encoding="utf-8")


STYLE_SAID = "Tệp templates/docx_style.yaml không dùng được: "


def test_a_style_file_that_is_a_link_or_in_a_linked_folder_is_not_read(cli, repo, secret, tmp_path):
    (repo / "templates" / "docx_style.yaml").symlink_to(secret)
    result = run(cli, repo, "docx", tmp=tmp_path)
    assert result.exit_code == 2
    assert STYLE_SAID + "tệp này là một liên kết tượng trưng (symlink)" in result.stderr
    assert_no_leak(result, SECRET)
    assert not (tmp_path / "bao-cao.docx").exists()
    (repo / "templates" / "docx_style.yaml").unlink()
    (repo / "templates").rmdir()
    (secret.parent / "docx_style.yaml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    (repo / "templates").symlink_to(secret.parent, target_is_directory=True)
    result = run(cli, repo, "docx", tmp=tmp_path)
    assert result.exit_code == 2 and "mà templates là một liên kết tượng trưng" in result.stderr
    assert_no_leak(result, SECRET)


def test_a_style_file_that_is_a_pipe_is_refused_not_skipped(cli, repo, tmp_path):
    os.mkfifo(repo / "templates" / "docx_style.yaml")
    result = run(cli, repo, "docx", tmp=tmp_path)
    assert result.exit_code == 2
    assert STYLE_SAID + "đây không phải một tệp thông thường" in result.stderr


@pytest.mark.parametrize("text, words", [
    ("page: {margin_left_mm: " + "9" * 5000 + "}\n", "một số có quá 30 chữ số"),
    ("profiles: {hd05: {from: 2025-02-31}}\n", "ngày \"2025-02-31\" không có thật"),
    ("page: {margin_left_mm: 10, margin_left_mm: 50}\n", "khóa \"margin_left_mm\" được ghi hai lần"),
    ("page: &p {margin_left_mm: 25}\n", "không dùng neo và bí danh YAML (& và *)"),
    ("page: !!python/object:os.system {}\n", "không dùng thẻ kiểu YAML (!!python/object:os.system)"),
    ("page: {margin_left_mm: !!int '25'}\n", "không dùng thẻ kiểu YAML (!!int)"),
    ("font: {name: \"Times\\x01\"}\n", "khóa \"font.name\" phải là một dòng chữ ngắn (tối đa 200 ký tự, không có ký tự "
                                       "điều khiển), không phải \"Times\\x01\"."),
    ("symbols: {met: \"\\e[31m✓\"}\n", "khóa \"symbols.met\" phải là một dòng chữ ngắn"),
    ("font: {lang: \"\\ud800\"}\n", "khóa \"font.lang\" phải là một dòng chữ ngắn"),
    ("font: {name: " + "x" * 250_000 + "}\n", "không phải \"" + "x" * 59 + "…\"."),
    # these held already: bounds of every number
    ("page: {margin_left_mm: .nan}\n", "khóa \"page.margin_left_mm\" phải là một số từ 0 đến 2000"),
    ("page: {margin_left_mm: -.inf}\n", "khóa \"page.margin_left_mm\" phải là một số từ 0 đến 2000"),
    ("page: {margin_left_mm: 1.0e+300}\n", "khóa \"page.margin_left_mm\" phải là một số từ 0 đến 2000"),
    ("page: {margin_left_mm: -5}\n", "khóa \"page.margin_left_mm\" phải là một số từ 0 đến 2000"),
    ("bars: {cells: 1000000}\n", "khóa \"bars.cells\" phải là một số từ 0 đến 200"),
    ("closing: {signature_lines: 99999}\n", "khóa \"closing.signature_lines\" phải là một số từ 0 đến 200"),
])
def test_a_hostile_style_file_is_a_clear_setup_error(cli, repo, tmp_path, text, words):
    style(repo, text)
    result = run(cli, repo, "docx", tmp=tmp_path)
    assert result.exit_code == 2, result.output
    assert STYLE_SAID in result.stderr and words in result.stderr, result.stderr
    assert "\x1b" not in result.stderr and "lỗi nội bộ" not in result.stderr
    assert not (tmp_path / "bao-cao.docx").exists()


def test_a_good_style_file_still_applies(cli, repo, tmp_path):
    from docx import Document

    style(repo, "font: {name: Arial}\nsymbols: {met: \"✔\"}\n")
    result = run(cli, repo, "docx", tmp=tmp_path)
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "bao-cao.docx"))
    assert doc.styles["Normal"].font.name == "Arial"
