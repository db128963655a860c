"""`dxtrack requirements [ID...]`: the requirement catalog — ids, titles, the directive's words."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, setup, setup_errors


def requirements_command(
    ids: Annotated[Optional[list[str]], typer.Argument(
        help="Chỉ các yêu cầu này (ví dụ 2.1.e 3.c).", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | markdown.")] = "table",
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Danh mục yêu cầu của Công văn 380-CV/ĐU: mã, tên, trích nguyên văn, đối tượng áp dụng."""
    from dxtrack.catalog import load_catalog
    from dxtrack.cli.common import pick, terminal_width, use_color
    from dxtrack.render.status_requirements import FORMATS

    root = setup(repo, lang)
    with setup_errors():
        renderer = pick(FORMATS, fmt)
        chosen = select(list(load_catalog()), ids or [])
        text = renderer(chosen, repo_thresholds(root), width=terminal_width(), color=use_color())
    sys.stdout.write(text)


def select(catalog: list, ids: list[str]) -> list:
    from dxtrack.errors import SetupError

    known = {r.id for r in catalog}
    for wanted in ids:
        if wanted not in known:
            raise SetupError("requirements.unknown", value=wanted, choices=", ".join(r.id for r in catalog))
    return [r for r in catalog if not ids or r.id in ids]


def repo_thresholds(root):
    """This repo's thresholds if there is a readable dxtrack.yaml, else the defaults."""
    from pydantic import ValidationError

    from dxtrack.check.load import load_path
    from dxtrack.models import Settings, Thresholds
    from dxtrack.check.discover import SETTINGS_FILE, find_root
    from dxtrack.errors import SetupError

    try:
        folder = find_root(root)
        loaded = load_path(folder / SETTINGS_FILE, SETTINGS_FILE)
        return Settings.model_validate(loaded.data).thresholds
    except (SetupError, ValidationError, OSError, TypeError, ValueError):
        return Thresholds()  # no repo here, or a broken one: the catalog still shows


def register(app: typer.Typer) -> None:
    app.command("requirements")(requirements_command)
