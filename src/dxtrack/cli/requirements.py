"""`dxtrack requirements [ID...]`: the requirement catalog — ids, titles, the directive's words."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, completes, setup, setup_errors


def requirements_command(
    ids: Annotated[list[str] | None, typer.Argument(
        help="Chỉ các yêu cầu này (ví dụ 2.1.e 3.c).", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | markdown.",
                                     autocompletion=completes("formats", "requirements"))] = "table",
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Danh mục yêu cầu của Công văn 380-CV/ĐU: mã, tên, trích nguyên văn, đối tượng áp dụng."""
    from dxtrack import api
    from dxtrack.cli.common import pick, terminal_width, use_color
    from dxtrack.i18n import current_lang

    root = setup(repo, lang)
    with setup_errors():
        pick(api.formats("requirements"), fmt)
        text = api.render("requirements", fmt, api.requirements(ids), api.thresholds(root),
                          width=terminal_width(), color=use_color(), lang=current_lang())
    sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    app.command("requirements")(requirements_command)
