"""Colour follows the published conventions, as rich reads them (`cli.common.use_color`):
FORCE_COLOR (set, not empty) colours even a pipe (https://force-color.org), an empty NO_COLOR=
does not turn colour off, a NO_COLOR with a value does (https://no-color.org), TERM=dumb has
none, and a plain pipe none. CliRunner's output is no terminal: every case here is the piped one.
Each command that colours is asked: the status matrix and one unit, the catalog of requirements,
`check`'s text; and the launcher's cache keys on every variable rich reads for it."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import MODELS_EVENT

ANSI = "\x1b["
BROKEN = MODELS_EVENT.replace("mode: online", "mode: nowhere")  # a finding, so that check prints a label


@pytest.fixture
def repo(make_repo):
    return make_repo({"activities/bo-y-te/2025-09-01-toa-dam.yaml": MODELS_EVENT,
                      "activities/bo-y-te/2025-09-02-sai.yaml": BROKEN})


COMMANDS = {
    "status": ["status", "--no-cache", "--as-of", "2025-10-01"],
    "unit": ["status", "bo-y-te", "--no-cache", "--as-of", "2025-10-01"],
    "requirements": ["requirements"],
    "check": ["check", "--no-cache", "--format", "text"],
}

# (the environment beside a pipe, whether the output is coloured); None removes a variable
CASES = [
    pytest.param({"FORCE_COLOR": "1", "NO_COLOR": None}, True, id="FORCE_COLOR=1 piped"),
    pytest.param({"FORCE_COLOR": "1", "NO_COLOR": ""}, True, id="empty NO_COLOR= does not disable"),
    pytest.param({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, id="NO_COLOR=1"),
    pytest.param({"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "dumb"}, False, id="TERM=dumb"),
    pytest.param({"FORCE_COLOR": None, "NO_COLOR": None, "TERM": "xterm-256color"}, False, id="plain pipe"),
    pytest.param({"FORCE_COLOR": None, "NO_COLOR": "", "TERM": "xterm"}, False, id="plain pipe, empty NO_COLOR"),
    pytest.param({"TTY_COMPATIBLE": "1", "NO_COLOR": None, "TERM": "xterm"}, True, id="TTY_COMPATIBLE=1"),
]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("env, coloured", CASES)
def test_colour_follows_the_conventions(cli, repo, command, env, coloured):
    result = cli([*COMMANDS[command], "--repo", repo], env={"TTY_COMPATIBLE": None, "TERM": "xterm", **env})
    assert result.exit_code == (1 if command == "check" else 0), result.output
    assert result.stdout.strip()  # something was printed
    assert (ANSI in result.stdout) is coloured


def test_a_file_written_with_o_is_never_coloured(cli, repo, tmp_path):
    """`-o` writes plain text whatever FORCE_COLOR says (it is a file, not the terminal)."""
    out = tmp_path / "status.txt"
    result = cli(["status", "--no-cache", "--repo", repo, "--as-of", "2025-10-01", "-o", out],
                 env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "Tình hình thực hiện" in written
    assert ANSI not in written


@pytest.mark.parametrize("name", ["NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM"])
def test_the_launcher_keys_on_every_variable_colour_is_decided_by(monkeypatch, name):
    """A run replayed by the launcher (cli/launch.py) is one made with the same colour: the
    invocation key changes with each variable rich reads to decide it."""
    from dxtrack.check.cache import invocation_key

    monkeypatch.delenv(name, raising=False)
    before = invocation_key(["status"], date(2025, 10, 1))
    monkeypatch.setenv(name, "1")
    assert invocation_key(["status"], date(2025, 10, 1)) != before


def _on_terminal(args: list[str], env: dict) -> str:
    """What `python -m dxtrack ARGS` prints on a terminal (a pseudo-terminal), read as it comes."""
    import os
    import subprocess
    import sys

    pty = pytest.importorskip("pty")
    main, side = pty.openpty()
    chunks = []
    try:
        child = subprocess.Popen([sys.executable, "-m", "dxtrack", *args], stdout=side, stderr=subprocess.DEVNULL,
                                 env=env)
        os.close(side)
        side = -1
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child has ended and closed its side
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert child.wait(timeout=60) == 0
    finally:
        os.close(main)
        if side >= 0:
            os.close(side)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("no_color, coloured", [("", True), ("1", False)])
def test_on_a_terminal_only_a_no_color_with_a_value_turns_colour_off(repo, no_color, coloured):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(TERM="xterm", COLUMNS="100", DXTRACK_NO_CACHE="1")
    if no_color is not None:
        env["NO_COLOR"] = no_color
    out = _on_terminal(["requirements", "--repo", str(repo)], env)
    assert "2.1" in out
    assert (ANSI in out) is coloured
