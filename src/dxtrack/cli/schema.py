"""`dxtrack schema [--out DIR] [--force]`: the JSON Schemas of every file kind."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, command_root, setup, setup_errors


def schema_command(
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Ghi bốn tệp schema vào thư mục này (mặc định: in record.schema.json ra màn hình).",
        show_default=False)] = None,
    name: Annotated[str, typer.Option(
        "--name", help="Schema in ra khi không có --out: dxtrack | units | plan | record.")] = "record",
    force: Annotated[bool, typer.Option("--force", help="Cho phép thay thế các tệp schema đã có trong --out.")] = False,
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
    with setup_errors():
        for path in _write(out, api.schemas(), force):
            typer.echo(t("schema.written", path=str(path)))


def _write(out: Path, schemas: dict[str, str], force: bool) -> list[Path]:
    """Write each schema into the folder `out`, atomically; nothing at all when one of the
    files is there already (without `force`), or is a link (never written through), or when,
    inside the tracker repo, a folder on the way is a link. The paths written."""
    from dxtrack import api
    from dxtrack.errors import SetupError
    from dxtrack.fsutil import WriteRefused, is_inside, safe_target

    found = command_root()
    root = found if found is not None and is_inside(found, out / "x") else None  # the repo `out` is in
    paths = [out / file_name for file_name in schemas]
    targets = []  # where each is written: inside the repo, the path checked
    for path in paths:
        try:
            if root is not None:
                targets.append(safe_target(root, path))
            elif path.is_symlink():
                raise WriteRefused(path, "os.symlink")
            else:
                targets.append(path)
        except WriteRefused as exc:
            raise SetupError("schema.not_written", path=str(path), problem_key=exc.key) from None
    there = [path.name for path in paths if path.exists()]
    if there and not force:
        raise SetupError("schema.exists", files=", ".join(there), dir=str(out))
    targets[0].parent.mkdir(parents=True, exist_ok=True)
    for path, target, text in zip(paths, targets, schemas.values(), strict=True):
        try:
            api.write_file(target, text.encode("utf-8"), force=force, root=root)
        except FileExistsError:  # appeared meanwhile
            raise SetupError("schema.exists", files=path.name, dir=str(out)) from None
        except WriteRefused as exc:
            raise SetupError("schema.not_written", path=str(path), problem_key=exc.key) from None
    return paths


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)
