"""`dxtrack status [UNIT]`: who is behind — the matrix, or one unit in detail."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from dxtrack.cli.common import (
    AsOfOpt, LangOpt, RepoOpt, parse_date, pick, setup, setup_errors, terminal_width, use_color,
)


def status_command(
    unit: Annotated[Optional[str], typer.Argument(
        help="Mã đơn vị (hoặc một phần tên): xem chi tiết một đơn vị.", show_default=False)] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv | markdown.")] = "table",
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tình hình thực hiện: đơn vị × yêu cầu (✓ đạt, ◐ một phần, ✗ chưa đạt, ⏳ chưa đến hạn, · không áp dụng)."""
    from dxtrack import api
    from dxtrack.render.status_formats import FORMATS, renderers

    root = setup(repo, lang)
    with setup_errors():
        pick(FORMATS, fmt)
        render_matrix, render_unit = renderers(fmt)
        day = parse_date(as_of, "--as-of")
        loaded = api.load_repo(root)
        status = api.evaluate(loaded, day)
        if unit is None:
            text = render_matrix(status, width=terminal_width(), color=use_color())
        else:
            detail = api.unit_detail(loaded, status, unit)
            text = render_unit(detail, status, width=terminal_width(), color=use_color())
    sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
