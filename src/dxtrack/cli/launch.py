"""The console script's first step, before typer is imported: `dxtrack --version` is answered
here, and so is a `check` or `status` whose whole run the cache holds (docs/cache.md: the
launcher's index); everything else goes to the app in `cli.main`, which builds only the
command named (`cli.lazy`)."""

from __future__ import annotations

import os
import sys

# The options of the commands the launcher may replay, as their typer signatures declare
# them (cli/check.py, cli/status.py): those that take a value, and the flags. A command line
# with anything else (--help, an option the launcher does not know, `--`) goes to the app.
_VALUED = {
    "check": ("--format", "-f", "--changed-since", "--repo", "--lang"),
    "status": ("--format", "-f", "--as-of", "--repo", "--lang"),
}
_FLAGS = ("--no-cache",)


def run() -> None:
    """Entry point of `dxtrack` and `python -m dxtrack`."""
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]) and sys.stdout is not None:
        from dxtrack import __version__

        sys.stdout.write(f"dxtrack {__version__}\n")
        return
    typed = _replayable(argv)
    if typed is None:
        _run_app()
        return
    from dxtrack import api

    command, repo, paths = typed
    with api.invocation(argv, command, repo, paths) as outcome:
        if outcome is None:
            _run_app()
            return
    _write(outcome)


def _run_app() -> None:
    from dxtrack.cli.main import run as run_app

    run_app()


def _replayable(argv: list[str]) -> tuple[str, str | None, list[str]] | None:
    """(command, --repo as typed, PATH arguments as typed) of a `check` or `status` command
    line that the cache may replay: one the launcher reads exactly as typer would (else None),
    with the cache on, outside a GitHub Actions job summary, and streams to write to."""
    if not argv or argv[0] not in _VALUED or sys.stdout is None or sys.stderr is None:
        return None
    if "--no-cache" in argv or os.environ.get("GITHUB_STEP_SUMMARY"):
        return None  # not cached; a run that writes a job summary is never replayed
    if os.environ.get("_DXTRACK_COMPLETE"):
        return None  # the shell asks for completions (cli/complete.py): the app answers, whatever the words
    if any(os.environ.get(name, "") not in ("", "0") for name in ("DXTRACK_NO_CACHE", "DXTRACK_CACHE_CHECK")):
        return None
    command, valued = argv[0], _VALUED[argv[0]]
    values: dict[str, str] = {}
    positional: list[str] = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("-") and arg != "-":
            name, eq, value = arg.partition("=")
            if name in _FLAGS and not eq:
                i += 1
                continue
            if name not in valued or (eq and not name.startswith("--")):
                return None  # --help, an unknown option, -fjson, -f=json: the app's to read
            if not eq:
                if i + 1 == len(argv) or argv[i + 1].startswith("-"):
                    return None
                i += 1
                value = argv[i]
            values["--format" if name == "-f" else name] = value  # the last one given counts, as in click
        else:
            positional.append(arg)
        i += 1
    repo = values.get("--repo")
    if repo == "" or (command == "status" and len(positional) > 1):
        return None
    return command, repo, positional if command == "check" else []


def _write(outcome: tuple[str, str, int]) -> None:
    """Write a replayed run as the command writes it, and end with its exit code."""
    out, errors, code = outcome
    try:
        sys.stdout.write(out)
        sys.stderr.write(errors)
    except BrokenPipeError:  # output piped into `head`: stop quietly, as the app does
        raise SystemExit(0) from None
    if code:
        raise SystemExit(code)
