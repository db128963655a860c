"""A progress bar on stderr while a large repo is read, for a person at a terminal only.

Never in CI, in a pipe or with a machine format (their readers want the output alone), never
for a run that ends within about a second: the bar appears only once reading has taken
`_SHOW_AFTER` seconds and is not nearly done. rich.progress is imported only then.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

from dxtrack.i18n import t

_SHOW_AFTER = 0.8  # seconds of reading before a bar is worth showing
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL")

Tick = Callable[[int, int], None]  # (files done, files in all)


def wanted(machine_format: bool, stream: TextIO | None = None) -> bool:
    """Whether a bar may be shown: a human format, stderr a terminal, not in CI, not TERM=dumb."""
    stream = stream or sys.stderr
    if machine_format or not stream.isatty() or os.environ.get("TERM") == "dumb":
        return False
    return not any(os.environ.get(name) for name in _CI_VARIABLES)


@contextmanager
def reading(machine_format: bool, clock: Callable[[], float] = time.monotonic,
            stream: TextIO | None = None) -> Iterator[Tick | None]:
    """A `tick(done, total)` for `api.load_repo(progress=...)`, or None when no bar is wanted.
    The bar is removed when reading ends, so that what follows prints as it would without it."""
    stream = stream or sys.stderr
    if not wanted(machine_format, stream):
        yield None
        return
    bar = _LateBar(clock, stream)
    try:
        yield bar.tick
    finally:
        bar.close()


class _LateBar:
    """A rich bar started only once reading has taken long enough and has far to go."""

    def __init__(self, clock: Callable[[], float], stream: TextIO):
        self.clock = clock
        self.stream = stream
        self.started = clock()
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def tick(self, done: int, total: int) -> None:
        if self.progress is None:
            if done * 4 > total * 3 or self.clock() - self.started < _SHOW_AFTER:
                return  # nearly done, or not yet long enough to be worth a bar
            self._start(total)
        if done % 64 == 0 or done == total:  # the eye sees no finer steps; each update takes a lock
            assert self.progress is not None and self.task is not None
            self.progress.update(self.task, completed=done)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn(t("progress.reading")), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(file=self.stream), transient=True)
        progress.start()
        self.task = progress.add_task("", total=total)
        self.progress = progress

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
