"""`dxtrack schema [--out DIR]`: the JSON Schemas of every file kind."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, setup


def schema_command(
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Ghi bốn tệp schema vào thư mục này (mặc định: in record.schema.json ra màn hình).",
        show_default=False)] = None,
    name: Annotated[str, typer.Option(
        "--name", help="Schema in ra khi không có --out: dxtrack | units | plan | record.")] = "record",
    lang: LangOpt = None,
) -> None:
    """Xuất JSON Schema (draft-07) cho trình soạn thảo và check-jsonschema."""
    from dxtrack import api
    from dxtrack.i18n import t

    setup(None, lang)
    if out is None:
        file_name = f"{name}.schema.json"
        schemas = api.schemas()
        if file_name not in schemas:
            typer.echo(t("setup.prefix") + t("setup.bad_format", value=name,
                                               choices="dxtrack, units, plan, record"), err=True)
            raise typer.Exit(2)
        typer.echo(schemas[file_name], nl=False)
        return
    for path in api.write_schemas(out):
        typer.echo(t("schema.written", path=str(path)))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)
