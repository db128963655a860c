"""`dxtrack status [UNIT]`: who is behind — the matrix, or one unit in detail."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Annotated, Optional

import typer

from dxtrack.cli.common import AsOfOpt, LangOpt, RepoOpt, parse_date, setup, setup_errors


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
    from dxtrack.evaluate import find_unit, unit_detail
    from dxtrack.render.status_formats import renderers

    root = setup(repo, lang)
    with setup_errors():
        render_matrix, render_unit = renderers(pick_format(fmt))
        day = parse_date(as_of, "--as-of")
        loaded = api.load_repo(root)
        status = api.evaluate(loaded, day)
        if unit is None:
            text = render_matrix(status, width=terminal_width(), color=use_color())
        else:
            detail = unit_detail(loaded, status, find_unit(loaded.units, unit))
            text = render_unit(detail, status, width=terminal_width(), color=use_color())
    sys.stdout.write(text)


def pick_format(name: str, registry: dict | None = None) -> str:
    from dxtrack.render.status_formats import FORMATS
    from dxtrack.repo import SetupError

    registry = FORMATS if registry is None else registry
    if name not in registry:
        raise SetupError("setup.bad_format", value=name, choices=", ".join(registry))
    return name


def terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
