"""Start-up: a run builds only the command it names, and the help and the version import none of
the heavy libraries (pydantic, PyYAML, jinja2, python-docx, openpyxl). Each case is a fresh
process, since an import cannot be undone in this one."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("pydantic", "yaml", "jinja2", "docx", "openpyxl")

SCRIPT = """
import contextlib, io, json, sys
heavy = set(json.loads(sys.argv[2]))
sys.argv = ["dxtrack", *json.loads(sys.argv[1])]
from dxtrack.cli.launch import run
out = io.StringIO()
code = 0
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        run()
    except SystemExit as exc:
        code = exc.code or 0
print(json.dumps({
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in heavy),
    "cli": sorted(m for m in sys.modules if m.startswith("dxtrack.cli.")),
    "code": code,
    "out": out.getvalue(),
}))
"""


def launch(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(args), json.dumps(HEAVY)],
                          capture_output=True, text=True, check=True, env={**os.environ, "DXTRACK_LANG": "vi"})
    return json.loads(done.stdout)


@pytest.mark.parametrize("args", [["--help"], [], ["check", "--help"], ["status", "--help"], ["--version"],
                                  ["--lang", "en", "check", "--help"], ["new", "event", "--help"]])
def test_help_and_version_import_nothing_heavy(args):
    assert launch(*args)["heavy"] == []


def test_version_imports_no_command():
    ran = launch("--version")
    assert ran["out"].startswith("dxtrack ") and ran["code"] == 0
    assert "dxtrack.cli.main" not in ran["cli"]


def test_a_command_builds_only_itself():
    """`check --help` imports the check module and no other command's."""
    ran = launch("check", "--help")
    commands = {m.rsplit(".", 1)[1] for m in ran["cli"]} - {"common", "launch", "lazy", "main"}
    assert commands == {"check"}
    assert "Kiểm tra dữ liệu của kho theo dõi" in ran["out"]


@pytest.mark.parametrize("command, says", [
    ("report", "Viết báo cáo kết quả thực hiện"),
    ("requirements", "Danh mục yêu cầu"),
    ("schema", "JSON Schema"),
    ("codeowners", "CODEOWNERS"),
    ("fmt", "Chuẩn hóa tệp"),
    ("init", "Tạo một kho theo dõi mới"),
])
def test_other_commands_still_show_their_help(command, says):
    ran = launch(command, "--help")
    assert ran["code"] == 0
    assert ran["out"].startswith(f"Cách dùng: dxtrack {command}") and says in ran["out"]


def test_the_list_of_commands_says_what_the_built_commands_say():
    """`dxtrack --help` lists the commands from stubs, not built: each stub has the help texts of
    the command typer builds, and the list has every command, in the order typer listed them."""
    from dxtrack.cli.lazy import LazyCommands
    from dxtrack.cli.main import COMMAND_MODULES

    commands = LazyCommands(COMMAND_MODULES)
    stubs = {name: commands.peek(name) for name in commands}
    assert commands.built() == {}
    assert list(stubs) == ["check", "status", "due", "diff", "requirements", "report", "init", "fmt", "codeowners",
                           "schema", "import", "export", "new"]
    for name, stub in stubs.items():
        built = commands[name]
        assert (stub.help, stub.short_help, stub.hidden, stub.deprecated) == (
            built.help, built.short_help, built.hidden, built.deprecated), name
        assert stub.get_short_help_str(50) == built.get_short_help_str(50)


def test_unknown_command_still_gets_did_you_mean(cli):
    result = cli(["--lang", "en", "stauts"])
    assert result.exit_code == 2 and "Did you mean 'status'?" in result.stderr
