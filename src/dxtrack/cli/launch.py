"""The console script's first step: `dxtrack --version` is answered before typer is imported;
everything else goes to the app in `cli.main`, which builds only the command named (`cli.lazy`)."""

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
