"""The progress bar: only for a person at a terminal, only for a run long enough to need it."""

from __future__ import annotations

import io

import pytest

from dxtrack.cli import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch):
    for name in progress._CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return _Terminal()


def test_wanted_only_at_a_terminal_outside_ci_with_a_human_format(terminal, monkeypatch):
    assert progress.wanted(False, terminal)
    assert not progress.wanted(True, terminal)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert not progress.wanted(False, terminal)
    monkeypatch.delenv("GITHUB_ACTIONS")
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(False, terminal)


def test_not_wanted_in_a_pipe():
    pipe = io.StringIO()
    assert not progress.wanted(False, pipe)
    with progress.reading(False, stream=pipe) as tick:
        assert tick is None


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_short_run_shows_no_bar(terminal):
    clock = _Clock()
    with progress.reading(False, clock, terminal) as tick:
        for done in range(1, 101):
            clock.now = done * 0.005  # half a second in all
            tick(done, 100)
    assert terminal.getvalue() == ""


def test_a_long_run_shows_the_bar_then_removes_it(terminal, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    clock = _Clock()
    with progress.reading(False, clock, terminal) as tick:
        for done in range(1, 1001):
            clock.now = done * 0.004  # four seconds in all: the bar starts after 0.8 s
            tick(done, 1000)
    shown = terminal.getvalue()
    assert "Đang đọc các tệp" in shown and "/1000" in shown
    # transient: the bar's line erased at the end, and the cursor shown again
    assert "\x1b[?25h" in shown and shown.endswith("\x1b[1A\x1b[2K")


def test_no_bar_when_reading_is_nearly_done_by_the_time_it_would_start(terminal):
    clock = _Clock()
    with progress.reading(False, clock, terminal) as tick:
        tick(10, 100)
        clock.now = 2.0
        tick(90, 100)  # slow to start, but 90 % done: no bar for the last tenth
        tick(100, 100)
    assert terminal.getvalue() == ""
