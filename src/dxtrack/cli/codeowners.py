"""`dxtrack codeowners [-o FILE]`: CODEOWNERS from units.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, err, setup, setup_errors
from dxtrack.i18n import t


def codeowners_command(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Ghi vào tệp này (ví dụ .github/CODEOWNERS) thay vì in ra màn hình.",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tạo tệp CODEOWNERS từ owners trong units.yaml (và dxtrack.yaml cho ban thư ký)."""
    from dxtrack import api
    from dxtrack.i18n import current_lang

    root = setup(repo, lang)
    with setup_errors():
        result = api.codeowners(api.load_repo(root), lang=current_lang())
        if output is not None:
            _write(output, result.text, force)
    _warn(result)
    if output is None:
        typer.echo(result.text, nl=False)
    else:
        typer.echo(t("codeowners.written", path=str(output)))


def _warn(result) -> None:
    """Say which units have no owners, and whether the secretariat owns nothing."""
    if result.unowned:
        err(t("codeowners.warn_unowned", units=", ".join(result.unowned)))
    if result.no_secretariat:
        err(t("codeowners.warn_secretariat"))


def _write(path: Path, text: str, force: bool) -> None:
    from dxtrack import api

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        api.write_file(path, text.encode("utf-8"), force=force)
    except FileExistsError:
        raise api.SetupError("codeowners.exists", path=str(path)) from None


def register(app: typer.Typer) -> None:
    app.command("codeowners", help=t("codeowners.help"))(codeowners_command)
