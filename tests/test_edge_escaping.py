"""Issue 14, "one escaping for user text at every edge": a hostile tracker repo (rich markup,
HTML, Markdown, formulas, control and invisible characters in a unit's name, a title, a plan
task, a partner, a file name, a URL) run through every output.

- terminal (`status`, `status <unit>`, `due`, `diff`, `check`, `report` to the terminal),
  coloured or not: markup prints as it is, no OSC 8 link, no control character but the
  colours dxtrack itself writes, no line that GitHub Actions reads as a command;
- CI formats (text, github, gitlab, sarif, json, the job summary) and every JSON output: no
  raw ESC, BEL, CR or invisible character, and a file name that is not UTF-8 crashes none;
- Markdown (`status`, `diff`, the job summary, the report): no raw HTML or entity, every
  table row with as many cells as its header;
- links: refused with a control character, a space, `<`, `>`, `"`, `\\` (DX209); escaped in
  HTML and Markdown;
- .docx and .xlsx: characters XML cannot hold are shown escaped, never a crash; a cell that
  starts like a formula is text in both the CSV and the workbooks.

(tests/cli/test_escaping.py covers the findings' messages and the setup errors.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import SETTINGS, git

MARKUP = "[bold red]R[/] [link=https://evil]L[/link] [/]"
HTML = "<img src=x onerror=alert(1)> <script>s</script> <!-- &lt; <details> | `t`"
INVISIBLE = "\\u200b\\u200f"  # YAML escapes: a zero-width space, a right-to-left mark
UNIT_NAME = f"Đảng ủy Bộ {INVISIBLE} {MARKUP} {HTML} z"
UNITS = f"""\
units:
  - id: bo-y-te
    name: "{UNIT_NAME}"
    kind: ministry
    owners: ["@dang-uy/bo-y-te"]
  - id: khac
    name: '=HYPERLINK("http://evil","x")'
    kind: ministry
  - id: lenh
    name: "Đảng ủy ::error file=x::forged"
    kind: ministry
"""
# the report's own words from dxtrack.yaml, one starting a line of the Markdown
REPORT = 'report:\n  proposals: "::error::proposal <img src=x onerror=alert(1)>"\n'

PLAN = f"""\
unit: bo-y-te
title: "Kế hoạch {MARKUP}"
number: "{MARKUP} 1-KH"
tasks:
  - id: t1
    title: "Task {MARKUP} {HTML} \\u200b"
    due: 2025-09-30
  - id: t2
    title: "Task two {MARKUP} {HTML} \\u200b"
    due: 2025-09-30
"""
EVENT = f"""\
type: event
unit: bo-y-te
kind: dissemination
title: "Title\\n::error::forged {MARKUP} {HTML} \\u200b\\ufeff\\u2060\\ufffe end"
date: 2025-09-05
mode: in_person
participants: 10
partners: ["Partner {MARKUP} {HTML}"]
plan_task: t1
"""
PRODUCT = """\
type: product
unit: bo-y-te
kind: article
title: "Product {markup}"
published: 2025-09-06
channels: [website]
url: "{url}"
"""
BAD = "type: event\nunit: bo-y-te\nkind: bogus\n"  # a file named by its findings
BAD_NAMES = ["2025-09-07-bad[bold]x[/][link=https:e]y[/link].yaml", "2025-09-08-\x1b[31mred\x07\r\u202e.yaml"]
NOT_UTF8 = os.fsdecode(b"\xff.yaml")  # a file name that is not UTF-8: a lone surrogate, shown \xff
AS_OF = ["--as-of", "2025-10-01"]
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours dxtrack writes itself


def files() -> dict[str, str]:
    found = {
        "plans/bo-y-te.yaml": PLAN,
        "activities/bo-y-te/2025-09-05-a.yaml": EVENT,
        "activities/bo-y-te/2025-09-06-p.yaml": PRODUCT.format(
            markup=MARKUP, url="https://example.com/x'onmouseover='alert(1)'&a=1"),
        # refused (DX209): the record is left out
        "activities/bo-y-te/2025-09-06-q.yaml": PRODUCT.format(
            markup="q", url='https://example.com/a\\"onmouseover=\\"alert(1)<b>'),
    }
    found.update({f"activities/bo-y-te/{name}": BAD for name in BAD_NAMES})
    return found


@pytest.fixture
def hostile(make_repo):
    root = make_repo(files(), units=UNITS, settings=SETTINGS + REPORT)
    (root / "activities" / "bo-y-te" / NOT_UTF8).write_text(BAD, encoding="utf-8")
    return root


def raw_unsafe(text: str, colours: bool = False) -> list[str]:
    """What in `text` a terminal or a log would interpret: control, bidi and invisible
    characters (but the line breaks between lines, and dxtrack's own colours if allowed)."""
    if colours:
        text = SGR.sub("", text)
    return [hex(ord(c)) for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


def no_command_lines(text: str) -> bool:
    return not [line for line in text.splitlines() if line.lstrip().startswith("::")]


@pytest.fixture
def coloured(monkeypatch):
    """The CLI as on a colour terminal (FORCE_COLOR's effect: rich writes styles)."""
    import dxtrack.cli.check
    import dxtrack.cli.common
    import dxtrack.cli.status

    monkeypatch.delenv("NO_COLOR", raising=False)
    for module in (dxtrack.cli.common, dxtrack.cli.check, dxtrack.cli.status):
        monkeypatch.setattr(module, "use_color", lambda: True)


# ---------------------------------------------------------------- terminal

TERMINAL = [
    (["status", *AS_OF], ["Bộ \\u200b\\u200f [bold red]R[/]", "\\::error file=x:"]),
    (["status", "bo-y-te", *AS_OF], [MARKUP, "Task [bold red]R[/]", "Title\\n::error::forged [bold red]R[/]"]),
    (["due", "--as-of", "2025-09-20"], [f"Task two {MARKUP}"]),
    (["report", *AS_OF], ["\\[link=https://evil\\]L\\[/link\\]", "\n\\::error::proposal \\<img"]),
]


@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("args, shown", TERMINAL, ids=["status", "status-unit", "due", "report"])
def test_terminal_prints_markup_as_text_and_no_control_character(cli, hostile, request, args, shown, color):
    if color:
        request.getfixturevalue("coloured")
    result = cli([args[0], "--repo", hostile, *args[1:]])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b]8;" not in out  # no OSC 8 link
    assert raw_unsafe(out, colours=color) == []
    assert no_command_lines(out)
    for text in shown:
        assert text in out, (text, out)
    if color and args[0] == "status":
        assert SGR.search(out)  # coloured indeed


def test_no_line_is_a_workflow_command():
    from dxtrack.text import not_a_command

    assert not_a_command("a\n::error::x\n  ::w\n\x1b[1m::e\nb::c\n") == "a\n\\::error::x\n  \\::w\n\x1b[1m\\::e\nb::c\n"
    assert not_a_command("a :: b") == "a :: b"


def test_terminal_unit_name_zero_width_shown(cli, hostile):
    out = cli(["status", "--repo", hostile, *AS_OF, "bo-y-te"]).stdout
    assert f"Đảng ủy Bộ \\u200b\\u200f {MARKUP}" in out


@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
def test_check_text_in_a_terminal(cli, hostile, request, color):
    if color:
        request.getfixturevalue("coloured")
    out = cli(["check", "--repo", hostile, "--format", "text"]).stdout
    assert "\x1b]8;" not in out and raw_unsafe(out, colours=color) == [] and no_command_lines(out)
    assert "activities/bo-y-te/\\xff.yaml:1:1:" in out
    assert "2025-09-07-bad[bold]x[/][link=https:e]y[/link].yaml" in out


def test_crash_message_is_one_escaped_line(monkeypatch, capsys):
    """A bug's message (which may quote anything) is one line: it plants no `::error`."""
    import dxtrack.cli.main as main

    def boom():
        raise RuntimeError("x\n::error::forged\r\n::stop-commands::t\x1b[2J")

    monkeypatch.setattr(main, "app", boom)
    with pytest.raises(SystemExit) as stopped:
        main.run()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and raw_unsafe(err) == [] and no_command_lines(err)
    assert "x\\n::error::forged\\r\\n::stop-commands::t\\x1b[2J" in err


# ---------------------------------------------------------------- CI formats and JSON

@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "sarif"])
def test_check_formats_survive_a_name_that_is_not_utf8(cli, hostile, fmt):
    result = cli(["check", "--repo", hostile, "--format", fmt])
    assert result.exit_code == 1, result.output
    assert raw_unsafe(result.stdout) == [] and "\r" not in result.stdout
    if fmt in ("json", "gitlab", "sarif"):
        data = json.loads(result.stdout)
        # SARIF's uri is the name's bytes percent-encoded (a valid uri-reference: issue 15)
        name = "%FF.yaml" if fmt == "sarif" else NOT_UTF8
        assert f"activities/bo-y-te/{name}" in json.dumps(data, ensure_ascii=False)
        result.stdout.encode("utf-8")  # no lone surrogate left raw


def test_gitlab_fingerprint_of_a_name_that_is_not_utf8(cli, hostile):
    issues = json.loads(cli(["check", "--repo", hostile, "--format", "gitlab"]).stdout)
    mine = [i for i in issues if i["location"]["path"] == f"activities/bo-y-te/{NOT_UTF8}"]
    assert len(mine) == 4 and len({i["fingerprint"] for i in mine}) == 4


JSON_OUTPUTS = [
    ["status", "--format", "json", *AS_OF],
    ["status", "bo-y-te", "--format", "json", *AS_OF],
    ["due", "--format", "json", "--as-of", "2025-09-20"],
]


@pytest.mark.parametrize("args", JSON_OUTPUTS, ids=lambda a: "-".join(a[:2]))
def test_json_outputs_escape_invisible_characters(cli, hostile, args):
    result = cli([args[0], "--repo", hostile, *args[1:]])
    assert result.exit_code == 0, result.output
    assert raw_unsafe(result.stdout) == []
    assert "\\u200b\\u200f [bold" in result.stdout  # written as escapes, read back exact
    assert "\u200b\u200f [bold" in json.dumps(json.loads(result.stdout), ensure_ascii=False)


def test_one_json_writer():
    """Every JSON output is written by render.escape.json_text."""
    from dxtrack.render import diff, due, findings, status_json, status_requirements

    for module in (diff, due, findings, status_json, status_requirements):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "json_text(" in source and "json.dumps(" not in source, module.__name__


# ---------------------------------------------------------------- Markdown

RAW_HTML = re.compile(r"(?<!\\)<(?:img|script|/script|!--|details)|(?<!\\)&lt;")


def cell_counts(markdown: str) -> list[int]:
    """The number of cells in each table row: `|` not escaped by a backslash."""
    return [len(re.findall(r"(?<!\\)\|", line)) for line in markdown.splitlines() if line.startswith("|")]


def tables(markdown: str) -> list[list[int]]:
    """The cell counts of each table's rows (tables are runs of lines starting with `|`)."""
    found, current = [], []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            current.append(len(re.findall(r"(?<!\\)\|", line)))
        elif current:
            found.append(current)
            current = []
    return found


def assert_safe_markdown(text: str) -> None:
    assert not RAW_HTML.search(text), RAW_HTML.search(text)
    assert raw_unsafe(text) == []
    for rows in tables(text):
        assert len(set(rows)) == 1, rows  # every row as many cells as the header


@pytest.mark.parametrize("args", [["status", "--format", "markdown", *AS_OF],
                                  ["status", "bo-y-te", "--format", "markdown", *AS_OF],
                                  ["report", *AS_OF]], ids=["status", "status-unit", "report"])
def test_markdown_outputs_hold_no_raw_html_and_tables_stay_whole(cli, hostile, args):
    result = cli([args[0], "--repo", hostile, *args[1:]])
    assert result.exit_code == 0, result.output
    assert_safe_markdown(result.stdout)
    assert "\\<img src=x onerror=alert(1)\\>" in result.stdout and "\\&lt;" in result.stdout
    assert tables(result.stdout)


def test_job_summary_holds_no_raw_html(cli, hostile, tmp_path):
    summary = tmp_path / "summary.md"
    hostile.joinpath("activities/bo-y-te/2025-09-09-k.yaml").write_text(
        EVENT.replace("participants: 10", '"<img src=x onerror=alert(1)>": 1'), encoding="utf-8")
    result = cli(["check", "--repo", hostile, "--format", "text"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert_safe_markdown(text)
    assert "`activities/bo-y-te/\\xff.yaml:1`" in text  # shown, not a crash
    assert "\\<img src=x onerror=alert(1)\\>" in text  # the key quoted by DX201


def test_job_summary_ref_cannot_leave_its_code_span():
    from dxtrack.render.summary import findings_markdown

    out = findings_markdown([], 1, changed_since="x`<img src=x onerror=alert(1)>`")
    assert "`` x`<img src=x onerror=alert(1)>` ``" in out


@pytest.fixture
def git_hostile(make_repo):
    """The hostile repo's units and settings committed; its records added since."""
    root = make_repo(units=UNITS)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    for rel, text in files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_diff_markdown_and_table(cli, git_hostile):
    md = cli(["diff", "HEAD", "--repo", git_hostile, *AS_OF, "--format", "markdown"])
    assert md.exit_code == 0, md.output
    assert_safe_markdown(md.stdout)
    assert "\\<img src=x onerror=alert(1)\\>" in md.stdout and "<br>" in md.stdout  # the moves' own breaks
    table = cli(["diff", "HEAD", "--repo", git_hostile, *AS_OF, "--format", "table"]).stdout
    assert raw_unsafe(table) == [] and "\\u200b" in table
    data = cli(["diff", "HEAD", "--repo", git_hostile, *AS_OF, "--format", "json"]).stdout
    assert raw_unsafe(data) == [] and "\u200b\u200f [bold" in json.loads(data)["units"][0]["name"]


def test_markdown_escaper_examples():
    from dxtrack.render.escape import md_cell, md_code, md_link, md_text, md_url

    assert md_text("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"
    assert md_text("&lt;script&gt; a~~b~~") == "\\&lt;script\\&gt; a\\~\\~b\\~\\~"
    assert md_text("a  \n\r\n  b\tc") == "a b c"
    assert md_text("x\u202ey\x1b") == "x\\\\u202ey\\\\x1b"  # shown escaped, and that escape shown as is
    assert md_text("1.1 a | b") == "1.1 a \\| b" and md_cell(None) == "" and md_cell(3) == "3"
    assert md_code("a``b|c") == "``` a``b\\|c ```" and md_code("main") == "`main`"
    assert md_url("https://e.vn/a b<c>\\d\"|") == "<https://e.vn/a%20b%3Cc%3E%5Cd%22%7C>"
    assert md_link("T|x", "https://e.vn/a>") == "[T\\|x](<https://e.vn/a%3E>)"


def test_markdown_escaper_is_linear():
    """200,000 spaces and no line break: quadratic backtracking would take hours (80,000 took
    229 s), a linear escaper a few milliseconds; the subprocess gives it a minute."""
    code = ("from dxtrack.report.markdown import md_escape, md_cell\n"
            "t = ' ' * 200_000 + 'x' + '\\t ' * 100_000 + '\\n' + ' ' * 100_000\n"
            "assert md_escape(t) == 'x' and md_cell(t) == 'x'\n"
            "assert md_escape('a' + ' ' * 200_000 + 'b') == 'a' + ' ' * 200_000 + 'b'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# ---------------------------------------------------------------- links

@pytest.mark.parametrize("url, char", [
    ("https://e.vn/a<b", "<"), ("https://e.vn/a>b", ">"), ('https://e.vn/a\\"b', '"'),
    ("https://e.vn/a\\\\b", "\\"), ("https://e.vn/a\\eb", "U+001B"), ("https://e.vn/a\\u200bb", "U+200B"),
    ("https://e.vn/a\\u202eb", "U+202E"), ("https://e.vn/a\\tb", "U+0009"),
])
def test_url_with_a_character_a_link_cannot_hold_is_refused(cli, make_repo, url, char):
    root = make_repo({"activities/bo-y-te/2025-09-06-p.yaml": PRODUCT.format(markup="x", url=url)})
    found = json.loads(cli(["check", "--repo", root, "--format", "json"]).stdout)["findings"]
    assert [(f["code"], f["line"]) for f in found] == [("DX209", 7)]
    assert f"có ký tự “{char}”" in found[0]["message"]
    assert raw_unsafe(found[0]["message"]) == []


def test_url_not_http_is_still_told_so(cli, make_repo):
    root = make_repo({"activities/bo-y-te/2025-09-06-p.yaml": PRODUCT.format(markup="x", url="javascript:alert(1)")})
    found = json.loads(cli(["check", "--repo", root, "--format", "json", "--lang", "en"]).stdout)["findings"]
    assert [f["message"] for f in found] == ['Link "javascript:alert(1)" must start with http:// or https://.']


def test_html_escapes_the_href(cli, hostile, tmp_path):
    out = tmp_path / "s.html"
    assert cli(["status", "--repo", hostile, "bo-y-te", *AS_OF, "--format", "html", "-o", out]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert 'href="https://example.com/x&#39;onmouseover=&#39;alert(1)&#39;&amp;a=1"' in page
    assert "'onmouseover=" not in page and "<script>s" not in page and "<img src=x" not in page


# ---------------------------------------------------------------- .docx, .xlsx, CSV

def test_docx_shows_what_xml_cannot_hold(cli, hostile, tmp_path):
    from docx import Document

    out = tmp_path / "r.docx"
    result = cli(["report", "--repo", hostile, *AS_OF, "-o", out, "--signer", "Nguyễn\x01 Văn\udcff A",
                  "--place", "Hà\ufffe Nội"])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    text += "\n".join(c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells)
    assert "Nguyễn\\x01 Văn\\xff A" in text and "Hà\\ufffe Nội" in text
    assert "\\u2060\\ufffe" not in text and "\u2060\\ufffe" in text  # the title's U+FFFE, shown


def test_xml_safe_examples():
    from dxtrack.text import xml_safe

    assert xml_safe("a\x00\x08\x0b\x0c\x1f\ufffe\uffff\udcff\ud800b") == (
        "a\\x00\\x08\\x0b\\x0c\\x1f\\ufffe\\uffff\\xff\\ud800b")
    assert xml_safe("Việt\tNam\n\r ✓") == "Việt\tNam\n\r ✓"


def test_export_workbook_survives_what_xml_cannot_hold(cli, hostile, tmp_path):
    import openpyxl

    out = tmp_path / "e.xlsx"
    result = cli(["export", "xlsx", "--repo", hostile, "-o", out])
    assert result.exit_code == 0, result.output
    values = [c.value for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    assert any(isinstance(v, str) and "\\ufffe" in v for v in values)


def test_status_workbook_and_csv_keep_formulas_text(cli, hostile, tmp_path):
    import openpyxl

    out = tmp_path / "s.xlsx"
    assert cli(["status", "--repo", hostile, *AS_OF, "--format", "xlsx", "-o", out]).exit_code == 0
    cell = next(c for row in openpyxl.load_workbook(out).worksheets[0].iter_rows() for c in row
                if c.value == '=HYPERLINK("http://evil","x")')
    assert cell.data_type == "s" and cell.quotePrefix
    csv = cli(["status", "--repo", hostile, *AS_OF, "--format", "csv"]).stdout
    assert "'=HYPERLINK" in csv


@pytest.mark.parametrize("value, formula", [("=1+1", True), ("+1", True), ("-1", True), ("@SUM(A1)", True),
                                            ("\t=1", True), ("\r=1", True), ("a=1", False), ("", False),
                                            (5, False)])
def test_one_formula_test_for_csv_and_workbooks(value, formula):
    from openpyxl import Workbook

    from dxtrack.render.status_csv import _safe
    from dxtrack.sheets import cells
    from dxtrack.text import starts_like_formula

    assert starts_like_formula(value) is formula
    assert (_safe(value) != value) is formula
    if isinstance(value, str) and value:
        cell = cells.text(Workbook().active.cell(row=1, column=1), value)
        assert cell.data_type == "s" and bool(cell.quotePrefix) is formula


def test_status_workbook_survives_what_xml_cannot_hold_in_settings(cli, make_repo, tmp_path):
    """The directive of dxtrack.yaml reaches the workbook's properties and printed page header."""
    import openpyxl

    root = make_repo(settings=SETTINGS.replace("directive: 380-CV/ĐU", 'directive: "380-CV/ĐU\\ufffe"'))
    out = tmp_path / "s.xlsx"
    result = cli(["status", "--repo", root, *AS_OF, "--format", "xlsx", "-o", out])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert "380-CV/ĐU\\ufffe" in book.properties.title
    assert "380-CV/ĐU\\ufffe" in book.worksheets[0].oddHeader.center.text
