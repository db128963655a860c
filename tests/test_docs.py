"""The README keeps its promises: the Quick start, and every command documented and real."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from dxtrack.cli.main import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> set[str]:
    return set(typer.main.get_command(app).commands)


def test_quick_start_is_exactly_the_two_commands():
    blocks = re.findall(r"```\n(.*?)```", README, re.S)
    quick = [b for b in blocks if "pip install" in b]
    assert quick and all(b == 'python3 -m venv .venv && . .venv/bin/activate && python -m pip install -e ".[test]"'
                         ' && dxtrack status\n.venv/bin/python -m pytest\n' for b in quick)


def test_every_command_is_in_the_readme():
    for name in _commands():
        assert f"dxtrack {name}" in README, name


def test_every_command_the_readme_names_exists():
    named = set(re.findall(r"`dxtrack ([a-z]+)", README))
    assert named and named <= _commands(), named - _commands()


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci and 'pip install -e ".[test]"' in ci
