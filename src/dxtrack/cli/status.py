"""`dxtrack status [UNIT]`: who is behind — the matrix, or one unit in detail."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dxtrack.cli.common import (
    AsOfOpt,
    LangOpt,
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
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv | markdown.")] = "table",
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tình hình thực hiện: đơn vị × yêu cầu (✓ đạt, ◐ một phần, ✗ chưa đạt, ⏳ chưa đến hạn, · không áp dụng)."""
    from dxtrack import api

    root = setup(repo, lang)
    with setup_errors():
        pick(api.formats("status"), fmt)
        day = parse_date(as_of, "--as-of")
        loaded = api.load_repo(root)
        status = api.evaluate(loaded, day)
        view = dict(width=terminal_width(), color=use_color())
        if unit is None:
            text = api.render("status", fmt, status, lang=current_lang(), **view)
        else:
            text = api.render("unit", fmt, api.unit_detail(loaded, status, unit), status, lang=current_lang(), **view)
    sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
