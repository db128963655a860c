"""Text from the user's files (keys, code values, plan_task values, file names) and options is
quoted in messages with its control characters escaped (SPEC §5), in every output format:
no terminal escape code, bidi override or line break ever reaches the output raw, and in
GitHub Actions `--format text` plants no workflow command (`::error ...`)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from dxtrack.text import quote_safe

EVENT = """\
type: event
unit: bo-y-te
title: {title}
date: 2025-09-05
"""
SGR = "\x1b[31m"
OSC8 = "\x1b]8;;http://evil\x1b\\"
OSC8_END = "\x1b]8;;\x1b\\"  # (a file name cannot hold the link's slashes)
CLEAR = "\x1b[2J"
COMMAND = "\n::error::x"
BEL = "\a"
RLO = "\u202e"

# YAML double-quoted escapes (\e, \a, \n, \u202e) put the characters in keys and values;
# raw control bytes would make the file binary (DX110), but a file name may hold them
HOSTILE = {
    # unknown keys (DX201) holding each sequence
    "activities/bo-y-te/2025-09-05-keys.yaml": EVENT.format(title="Hội nghị quán triệt") + (
        "kind: dissemination\nmode: in_person\n"
        '"\\e[31mred\\e[0m": 1\n'
        '"\\e]8;;http://evil\\e\\\\link\\e]8;;\\e\\\\": 2\n'
        '"\\e[2Jclear": 3\n'
        '"x\\n::error::x": 4\n'
        '"y\\r\\n::warning file=a::pwn": 5\n'
        '"bell\\a": 6\n'
        '"\\u202eevil": 7\n'),
    # code values (DX204) holding them
    "activities/bo-y-te/2025-09-05-codes.yaml": EVENT.format(title="Hội thảo chuyên đề") + (
        'kind: "\\e]8;;http://evil\\e\\\\click\\e]8;;\\e\\\\"\n'
        'mode: "\\e[31monline\\n::error::x\\a\\u202e"\n'),
    # plan_task values (DX116 or DX303: either way, never raw)
    "activities/bo-y-te/2025-09-05-task.yaml": EVENT.format(title="Tọa đàm") + (
        "kind: dissemination\nmode: in_person\n"
        'plan_task: "t9\\n::error::task \\e[2J\\a\\u202e"\n'),
    "activities/bo-y-te/2025-09-05-task2.yaml": EVENT.format(title="Tập huấn") + (
        "kind: dissemination\nmode: in_person\n"
        'plan_task: "t9\\n::error::task"\n'),
    # file names holding them (a bad code inside, so that the file is named by a finding)
    f"activities/bo-y-te/2025-09-05-{SGR}red.yaml": EVENT.format(title="Giao lưu") + "kind: bogus\nmode: in_person\n",
    f"activities/bo-y-te/2025-09-05-{OSC8_END}{CLEAR}{BEL}{RLO}.yaml": EVENT.format(title="Gặp mặt")
    + "kind: bogus\nmode: in_person\n",
    "activities/bo-y-te/2025-09-05-n\n::error::planted.yaml": EVENT.format(title="Thi đua")
    + "kind: bogus\nmode: in_person\n",
}
PLAN = "unit: bo-y-te\ntitle: Kế hoạch\ntasks:\n  - id: t1\n    title: Quán triệt\n"
FORMATS = ["text", "json", "github", "gitlab", "sarif"]
# what must be shown, escaped, somewhere in the messages
SHOWN = ["\\x1b[31mred\\x1b[0m", "\\x1b]8;;http://evil\\x1b\\", "\\x1b[2Jclear", "x\\n::error::x",
         "y\\r\\n::warning", "bell\\x07", "\\u202eevil", "\\x1b[31monline\\n::error::x\\x07\\u202e"]


def unsafe(text: str) -> list[str]:
    """The characters of `text` that must never reach a terminal or a log raw (the line
    breaks that separate lines of the output are its own)."""
    return [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


@pytest.fixture
def hostile(make_repo):
    return make_repo({**HOSTILE, "plans/bo-y-te.yaml": PLAN})


def findings_of(cli, root) -> list[dict]:
    result = cli(["check", "--repo", root, "--format", "json"])
    return json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_raw_control_character_in_any_format(cli, hostile, fmt):
    result = cli(["check", "--repo", hostile, "--format", fmt])
    assert result.exit_code == 1
    assert unsafe(result.stdout) == [], [hex(ord(c)) for c in unsafe(result.stdout)]
    assert "\r" not in result.stdout


def test_every_file_is_checked_and_named(cli, hostile):
    """The escaping loses nothing: each hostile file still gets its findings."""
    files = {f["file"] for f in findings_of(cli, hostile)}
    assert set(HOSTILE) <= files


def messages(fmt: str, stdout: str) -> list[str]:
    if fmt == "json":
        return [f["message"] for f in json.loads(stdout)["findings"]]
    if fmt == "gitlab":
        return [i["description"] for i in json.loads(stdout)]
    if fmt == "sarif":
        return [r["message"]["text"] for r in json.loads(stdout)["runs"][0]["results"]]
    if fmt == "github":  # the findings' commands, less the notice of how many GitHub does not show
        return [line for line in stdout.split("\n")[:-1] if not line.startswith("::notice ")]
    return stdout.split("\n")[:-1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_escaped_form_is_shown_and_no_message_breaks_a_line(cli, hostile, fmt):
    count = len(findings_of(cli, hostile))
    result = cli(["check", "--repo", hostile, "--format", fmt])
    found = messages(fmt, result.stdout)
    # one line per finding in the line formats (text adds its summary line), no line break
    # nor any other control character inside a message in the JSON ones
    assert len(found) == count + (fmt == "text")
    assert all(unsafe(m) == [] and "\n" not in m for m in found), found
    joined = "\n".join(found)
    if fmt == "github":  # the Actions toolkit's own escaping of a command's message
        joined = joined.replace("%25", "%")
    for shown in SHOWN:
        assert shown in joined, (shown, joined)


def test_text_format_names_files_escaped(cli, hostile):
    out = cli(["check", "--repo", hostile, "--format", "text"]).stdout
    assert "activities/bo-y-te/2025-09-05-\\x1b[31mred.yaml:" in out
    assert "activities/bo-y-te/2025-09-05-\\x1b]8;;\\x1b\\\\x1b[2J\\x07\\u202e.yaml:" in out
    assert "activities/bo-y-te/2025-09-05-n\\n::error::planted.yaml:" in out


def test_json_formats_keep_the_file_name_exact_as_data(cli, hostile):
    """A machine reads the real path (JSON escapes its control characters, `\\u001b`)."""
    out = cli(["check", "--repo", hostile, "--format", "json"]).stdout
    assert "2025-09-05-\\u001b[31mred.yaml" in out
    assert f"activities/bo-y-te/2025-09-05-{SGR}red.yaml" in {f["file"] for f in json.loads(out)["findings"]}
    sarif = json.loads(cli(["check", "--repo", hostile, "--format", "sarif"]).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    # SARIF's uri: the exact name, percent-encoded (a valid uri-reference: issue 15)
    from urllib.parse import unquote

    assert f"activities/bo-y-te/2025-09-05-{OSC8_END}{CLEAR}{BEL}{RLO}.yaml" in {unquote(u) for u in uris}
    assert all(u.isascii() and u.isprintable() and " " not in u for u in uris)


@pytest.mark.parametrize("actions", [False, True])
def test_text_format_plants_no_workflow_command(cli, hostile, actions):
    env = {"GITHUB_ACTIONS": "true"} if actions else None
    out = cli(["check", "--repo", hostile, "--format", "text"], env=env).stdout
    assert [line for line in out.splitlines() if line.lstrip().startswith("::")] == []
    assert "::error::x" in out  # shown, inside a line


def test_text_format_file_named_like_a_command():
    """Even a file whose path starts with `::` (were one ever reported) starts no line so."""
    from dxtrack.check.findings import finding
    from dxtrack.render.findings import render_text

    out = render_text([finding("::error::x.yaml", (1, 1), "DX106")], 1, lang="vi")
    assert not any(line.startswith("::") for line in out.splitlines())
    assert out.startswith("./::error::x.yaml:1:1:")


def test_github_format_one_command_per_finding(cli, hostile):
    count = len(findings_of(cli, hostile))
    lines = cli(["check", "--repo", hostile, "--format", "github"]).stdout.split("\n")[:-1]
    # and, past GitHub's 10 errors a step, one notice of how many more (tests/cli/test_ci_formats.py)
    assert count > 10 and lines[-1].startswith("::notice title=dxtrack::")
    lines = lines[:-1]
    assert len(lines) == count
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert any("file=activities/bo-y-te/2025-09-05-\\x1b[31mred.yaml," in line for line in lines)
    # a line break in a file name is the toolkit's %0A (the runner decodes it: the real file)
    assert any("file=activities/bo-y-te/2025-09-05-n%0A%3A%3Aerror%3A%3Aplanted.yaml," in line for line in lines)


def md_unescape(text: str) -> str:
    """Markdown text as it shows: each backslash escape of a punctuation character undone."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_job_summary_is_escaped(cli, hostile, tmp_path):
    summary = tmp_path / "summary.md"
    count = len(findings_of(cli, hostile))
    result = cli(["check", "--repo", hostile, "--format", "text"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert unsafe(text) == [] and "\r" not in text
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == count  # one row each: no message breaks the table
    assert "`activities/bo-y-te/2025-09-05-\\x1b[31mred.yaml:5`" in text
    shown_text = md_unescape(text)  # the messages are escaped for Markdown too (render.escape)
    for shown in SHOWN:
        assert shown in shown_text, shown


def test_job_summary_moves_escape_names():
    from dxtrack.render.summary import Move, moves_markdown

    out = moves_markdown([Move(f"Đảng ủy {RLO}Bộ{SGR}", "2.1.e", "✗", "✓", f"Tiêu đề{COMMAND}")],
                         f"main{CLEAR}", __import__("datetime").date(2025, 10, 1))
    assert unsafe(out) == []
    # as Markdown shows it: escaped, on one line (a line break in a title is a space)
    assert "Đảng ủy \\u202eBộ\\x1b[31m — 2.1.e ✗ → ✓ (Tiêu đề ::error::x)" in md_unescape(out)
    assert "main\\x1b[2J" in out


@pytest.mark.parametrize("args, shown", [
    (["check", "--format", f"{CLEAR}j{COMMAND}"], "\\x1b[2Jj\\n::error::x"),
    (["--repo", f"/nonexistent{SGR}{COMMAND}", "check"], "/nonexistent\\x1b[31m\\n::error::x"),
    (["status", f"{SGR}x{RLO}"], "\\x1b[31mx\\u202e"),
    (["report", "--unit", f"{RLO}x{BEL}"], "\\u202ex\\x07"),
])
def test_setup_errors_quote_what_was_typed_escaped(cli, make_repo, args, shown):
    root = make_repo()
    result = cli(args if args[0] == "--repo" else [args[0], "--repo", root, *args[1:]])
    assert result.exit_code == 2
    assert unsafe(result.stderr) == [], result.stderr
    assert shown in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("::")] == []


def test_finding_text_escapes_every_quoted_parameter():
    from dxtrack.check.findings import finding
    from dxtrack.i18n import finding_text

    found = finding("a.yaml", (1, 1), "DX204", "hint.did_you_mean_code", key=f"mo{RLO}de",
                    value=f"{OSC8}x{COMMAND}", suggestion="online", list="mode", choices="online")
    for lang in ("vi", "en"):
        text = finding_text(found, lang)
        assert unsafe(text) == [] and "\n" not in text
        assert "mo\\u202ede" in text and "\\x1b]8;;http://evil\\x1b\\x\\n::error::x" in text


def test_reasons_quote_titles_escaped():
    from dxtrack.evaluate.status import Reason
    from dxtrack.i18n.reasons import reason_text

    products = Reason("no_product_audience", {"titles": [f"Video {SGR}đỏ", f"Bài{COMMAND}"]})
    tasks = Reason("task_no_owner", {"tasks": [{"id": f"t{BEL}1", "title": f"Quán{RLO} triệt"}]})
    for reason in (products, tasks):
        text = reason_text(reason, "vi")
        assert unsafe(text) == [] and "\n" not in text
    assert "“Video \\x1b[31mđỏ”" in reason_text(products, "vi")
    assert "t\\x071 “Quán\\u202e triệt”" in reason_text(tasks, "vi")


def test_quote_safe_examples():
    assert quote_safe(f"{SGR}x{CLEAR}") == "\\x1b[31mx\\x1b[2J"
    assert quote_safe(OSC8) == "\\x1b]8;;http://evil\\x1b\\"
    assert quote_safe("a\nb\rc\td\x7f\x85\x9b") == "a\\nb\\rc\\td\\x7f\\x85\\x9b"
    assert quote_safe("\u202a\u202e\u2066\u2069\u200e\u200f\u061c\ufeff\u2028") == (
        "\\u202a\\u202e\\u2066\\u2069\\u200e\\u200f\\u061c\\ufeff\\u2028")
    assert quote_safe("\U000e0041") == "\\U000e0041"
    vi = "Đảng ủy Bộ Y tế — “Hội nghị quán triệt” 100% ✓"
    assert quote_safe(vi) == vi
    nfd = unicodedata.normalize("NFD", vi)
    assert quote_safe(nfd) == nfd
    assert quote_safe(quote_safe(SGR)) == quote_safe(SGR)
