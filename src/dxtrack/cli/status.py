"""`dxtrack status [UNIT]`: who is behind — the matrix, or one unit in detail."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dxtrack.cli.check import NoCacheOpt
from dxtrack.cli.common import (
    AsOfOpt,
    LangOpt,
    PhaseOpt,
    RepoOpt,
    parse_date,
    pick,
    setup,
    setup_errors,
    terminal_width,
    use_color,
)
from dxtrack.i18n import current_lang


def status_command(
    unit: Annotated[str | None, typer.Argument(
        help="Mã đơn vị (hoặc một phần tên): xem chi tiết một đơn vị.", show_default=False)] = None,
    as_of: AsOfOpt = None,
    phase: PhaseOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv | markdown.")] = "table",
    repo: RepoOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Tình hình thực hiện: đơn vị × yêu cầu (✓ đạt, ◐ một phần, ✗ chưa đạt, ⏳ chưa đến hạn, · không áp dụng)."""
    from dxtrack import api
    from dxtrack.cli.progress import reading

    root = setup(repo, lang)
    with setup_errors():
        pick(api.formats("status"), fmt)
        view = dict(width=terminal_width(), color=use_color())

        def make(loaded) -> tuple[str, str, int]:
            day = parse_date(as_of, "--as-of")  # here, not before: reading a date imports the models
            status = api.evaluate(loaded, day, phase)
            if unit is None:
                return api.render("status", fmt, status, lang=current_lang(), **view), "", 0
            detail = api.unit_detail(loaded, status, unit)
            return api.render("unit", fmt, detail, status, lang=current_lang(), **view), "", 0

        # everything the output depends on besides the files (see dxtrack.api.run_command)
        options = {"unit": unit, "as_of": as_of, "phase": phase, "format": fmt, "lang": current_lang(), **view}
        with reading(machine_format=fmt != "table") as tick:
            out, errors, code = api.run_command("status", root, options, make, cache=not no_cache,
                                                lang=current_lang(), progress=tick)
    sys.stdout.write(out)
    sys.stderr.write(errors)
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
