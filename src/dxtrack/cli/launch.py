"""The console script's first step: `dxtrack --version` is answered before typer (and the 13
commands it builds) is imported; everything else goes to the app in `cli.main`."""

from __future__ import annotations

import sys


def run() -> None:
    """Entry point of `dxtrack` and `python -m dxtrack`."""
    if sys.argv[1:] in (["--version"], ["-V"]) and sys.stdout is not None:
        from dxtrack import __version__

        sys.stdout.write(f"dxtrack {__version__}\n")
        return
    from dxtrack.cli.main import run as run_app

    run_app()
