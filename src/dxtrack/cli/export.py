"""`dxtrack export xlsx [-o FILE] [--force] [--template]`: the repo as an Excel workbook in
the layout `import` reads back, or the blank template of it a unit fills in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, OutputWords, RepoOpt, check_output, setup, setup_errors, write_output
from dxtrack.i18n import t

WORDS = OutputWords(is_folder="sheets.out_is_folder", exists="sheets.out_exists",
                    no_folder="sheets.out_no_folder", cannot_write="sheets.out_cannot_write")

export_app = typer.Typer(help="Xuất dữ liệu của kho theo dõi ra bảng tính Excel (xlsx).",
                         no_args_is_help=True, rich_markup_mode=None)

DEFAULT_OUTPUT = {False: "du-lieu-dxtrack.xlsx", True: "mau-nhap-lieu-dxtrack.xlsx"}


@export_app.command("xlsx")
def export_xlsx(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Tệp .xlsx sẽ ghi (mặc định du-lieu-dxtrack.xlsx, với --template "
                               "mau-nhap-lieu-dxtrack.xlsx).", show_default=False)] = None,
    template: Annotated[bool, typer.Option(
        "--template", help="Mẫu trống để đơn vị điền: danh sách chọn, trang Hướng dẫn giải thích từng cột.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Cho phép thay thế tệp -o đã có.")] = False,
    repo: RepoOpt = None, lang: LangOpt = None,
) -> None:
    """Bảng tính Excel: đơn vị, kế hoạch, nhiệm vụ, mọi bản ghi (mỗi loại một trang); dxtrack import đọc lại."""
    from dxtrack import api
    from dxtrack.i18n import current_lang

    root = setup(repo, lang)
    target = output if output is not None else Path(DEFAULT_OUTPUT[template])
    with setup_errors():
        check_output(target, force, WORDS)
        made = api.export_xlsx(api.load_repo(root), template, lang=current_lang())
        write_output(target, made.data, force, WORDS)
    if template:
        typer.echo(t("sheets.template_written", path=str(target)))
        return
    typer.echo(t("sheets.written", path=str(target), records=made.records, units=made.units, plans=made.plans,
                 tasks=made.tasks))
    if made.left_out:
        typer.echo(t("sheets.left_out", n=made.left_out), err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export", help=t("sheets.export_help"))
