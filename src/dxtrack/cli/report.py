"""`dxtrack report`: the result report as Markdown (stdout or -o) or .docx (-o)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import AsOfOpt, LangOpt, PhaseOpt, RepoOpt, parse_date, setup, setup_errors
from dxtrack.i18n import current_lang


def _opt(*names: str, help: str):
    return typer.Option(*names, help=help, show_default=False)


def report_command(
    unit: Annotated[str | None, _opt("--unit", "-u", help="Báo cáo của một đơn vị (id trong units.yaml).")] = None,
    as_of: AsOfOpt = None,
    phase: PhaseOpt = None,
    date_from: Annotated[str | None, _opt("--from", help="Đầu kỳ báo cáo (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, _opt("--to", help="Cuối kỳ báo cáo; đánh giá tính đến ngày này.")] = None,
    fmt: Annotated[str | None, _opt("--format", "-f", help="md | docx (mặc định theo đuôi tệp -o, "
                                                              "không có thì md).")] = None,
    output: Annotated[Path | None, _opt("--output", "-o",
                                        help="Ghi vào tệp này (md không có -o: in ra màn hình).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép thay thế tệp -o đã có.")] = False,
    number: Annotated[str | None, _opt("--number", help="Số ký hiệu, ví dụ 12-BC/ĐU.")] = None,
    place: Annotated[str | None, _opt("--place", help="Địa danh, ví dụ Hà Nội.")] = None,
    signed: Annotated[str | None, _opt("--date", help="Ngày ký (mặc định hôm nay).")] = None,
    signer: Annotated[str | None, _opt("--signer", help="Họ tên người ký.")] = None,
    signer_title: Annotated[str | None, _opt("--signer-title", help="Chức vụ người ký: BÍ THƯ, PHÓ BÍ THƯ.")] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Viết báo cáo kết quả thực hiện (Markdown hoặc .docx theo thể thức văn bản của Đảng)."""
    from dxtrack import api

    root = setup(repo, lang)
    with setup_errors():
        opts = api.ReportOptions(
            unit=unit, as_of=parse_date(as_of, "--as-of"), date_from=parse_date(date_from, "--from"),
            date_to=parse_date(date_to, "--to"), signed=parse_date(signed, "--date"),
            number=number, place=place, signer=signer, signer_title=signer_title, phase=phase)
        kind = _pick_format(fmt, output)
        _check_target(output, force)
        data = api.report(api.load_repo(root), opts, kind, lang=current_lang())
        _deliver(data, output, force)


def _pick_format(fmt: str | None, output: Path | None) -> str:
    from dxtrack.errors import SetupError

    kind = (fmt or ("docx" if output and output.suffix.lower() == ".docx" else "md")).lower()
    if kind == "docx" and output is None:
        raise SetupError("setup.report_docx_needs_output")
    return kind


def _check_target(output: Path | None, force: bool) -> None:
    """Refuse early, before any work, to overwrite a file or write into a missing folder."""
    from dxtrack.errors import SetupError

    if output is None:
        return
    if output.is_dir() or not output.name:
        raise SetupError("setup.report_is_folder", path=str(output))
    if output.exists() and not force:
        raise SetupError("setup.report_exists", path=str(output))
    if not output.parent.is_dir():
        raise SetupError("setup.report_no_folder", path=str(output), folder=str(output.parent))


def _deliver(data: bytes, output: Path | None, force: bool) -> None:
    from dxtrack import api
    from dxtrack.errors import SetupError
    from dxtrack.i18n import t

    if output is None:  # bytes, so that a console not set to UTF-8 cannot break the Vietnamese text
        sys.stdout.flush()
        if hasattr(sys.stdout, "buffer"):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    try:
        api.write_file(output, data, force=force)
    except FileExistsError:
        raise SetupError("setup.report_exists", path=str(output)) from None
    except OSError as exc:
        from dxtrack.cli.main import os_problem

        raise SetupError("setup.report_cannot_write", path=str(output), problem=os_problem(exc)) from None
    typer.echo(t("report.written", path=str(output)), err=True)


def register(app: typer.Typer) -> None:
    app.command("report", help="Viết báo cáo kết quả thực hiện (Markdown hoặc .docx theo thể thức văn bản của Đảng).")(
        report_command)
