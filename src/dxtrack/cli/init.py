"""`dxtrack init [DIR]`: a new tracker repo that passes `dxtrack check` as created."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack import __version__
from dxtrack.cli.common import LangOpt, setup, setup_errors
from dxtrack.i18n import t


def init_command(
    folder: Annotated[Path, typer.Argument(help="Thư mục của kho mới (mặc định: thư mục hiện tại).",
                                           metavar="DIR", show_default=False)] = Path("."),
    organization: Annotated[str, typer.Option(
        "--organization", help="Cơ quan theo dõi.")] = "Đảng ủy Chính phủ",
    force: Annotated[bool, typer.Option(
        "--force", help="Thêm vào thư mục không trống (tệp đã có vẫn được giữ nguyên).")] = False,
    ci: Annotated[str, typer.Option(
        "--ci", help="Hệ thống CI: github (.github/workflows/dxtrack.yml) hoặc gitlab (.gitlab-ci.yml).")] = "github",
    source: Annotated[str, typer.Option(
        "--source", help="Nơi CI, pre-commit và README cài dxtrack: một gói pip, địa chỉ "
                         "git+https://…@v… hoặc đường dẫn.")] = f"dxtrack=={__version__}",
    lang: LangOpt = None,
) -> None:
    """Tạo một kho theo dõi mới: cài đặt, đơn vị, thư mục, kiểm tra tự động, README."""
    from dxtrack import api

    setup(None, lang)
    with setup_errors():
        done = api.init_repo(folder, organization, force=force, ci=ci, source=source)
    typer.echo(t("init.written", dir=str(folder)))
    for rel in done.written:
        typer.echo(f"  {rel}")
    for rel in done.kept:
        typer.echo(t("init.kept", rel=rel))
    typer.echo(t("init.next", dir=str(folder)))


def register(app: typer.Typer) -> None:
    app.command("init", help=t("init.help"))(init_command)
