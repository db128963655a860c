"""`dxtrack report`: the result report as Markdown (stdout or -o), .docx or .pdf (-o)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import (
    AsOfOpt,
    LangOpt,
    OutputWords,
    PhaseOpt,
    RepoOpt,
    check_output,
    completes,
    parse_date,
    setup,
    setup_errors,
    write_output,
)
from dxtrack.i18n import current_lang

WORDS = OutputWords(is_folder="setup.report_is_folder", exists="setup.report_exists",
                    no_folder="setup.report_no_folder", cannot_write="setup.report_cannot_write")


def _opt(*names: str, help: str, values: tuple[str, ...] = ()):
    """An option; `values`: what shell completion offers for it (`common.completes`)."""
    return typer.Option(*names, help=help, show_default=False, autocompletion=completes(*values) if values else None)


def report_command(
    unit: Annotated[str | None, _opt("--unit", "-u", help="Báo cáo của một đơn vị (id trong units.yaml).",
                                               values=("units",))] = None,
    as_of: AsOfOpt = None,
    phase: PhaseOpt = None,
    date_from: Annotated[str | None, _opt("--from", help="Đầu kỳ báo cáo (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, _opt("--to", help="Cuối kỳ báo cáo; đánh giá tính đến ngày này.")] = None,
    fmt: Annotated[str | None, _opt("--format", "-f", help="md | docx | pdf (mặc định theo đuôi tệp -o, "
                                                              "không có thì md; pdf cần LibreOffice).",
                                          values=("formats", "report"))] = None,
    output: Annotated[Path | None, _opt("--output", "-o",
                                        help="Ghi vào tệp .md, .docx hoặc .pdf (.pdf cần cài LibreOffice); "
                                             "md không có -o: in ra màn hình.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép thay thế tệp -o đã có.")] = False,
    number: Annotated[str | None, _opt("--number", help="Số ký hiệu, ví dụ 12-BC/ĐU.")] = None,
    place: Annotated[str | None, _opt("--place", help="Địa danh, ví dụ Hà Nội.")] = None,
    signed: Annotated[str | None, _opt("--date", help="Ngày ký (mặc định hôm nay).")] = None,
    signer: Annotated[str | None, _opt("--signer", help="Họ tên người ký.")] = None,
    signer_title: Annotated[str | None, _opt("--signer-title", help="Chức vụ người ký: BÍ THƯ, PHÓ BÍ THƯ.")] = None,
    profile: Annotated[str | None, _opt("--profile", help="Thể thức .docx: hd36 (Hướng dẫn 36-HD/VPTW) hoặc hd05 "
                                        "(Hướng dẫn 05-HD/VPTW, từ 27/5/2026); mặc định theo ngày ký.",
                                        values=("profiles",))] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Viết báo cáo kết quả thực hiện (Markdown, .docx theo thể thức văn bản của Đảng, hoặc .pdf qua LibreOffice)."""
    from dxtrack import api

    root = setup(repo, lang)
    with setup_errors():
        opts = api.ReportOptions(
            unit=unit, as_of=parse_date(as_of, "--as-of"), date_from=parse_date(date_from, "--from"),
            date_to=parse_date(date_to, "--to"), signed=parse_date(signed, "--date"), number=number,
            place=place, signer=signer, signer_title=signer_title, phase=phase, profile=api.report_profile(profile))
        kind = api.report_format(fmt, output)  # before any work: a suffix it cannot write, no LibreOffice
        if output is not None:
            check_output(output, force, WORDS)
        made = api.report_output(api.load_repo(root), opts, kind, lang=current_lang())
        _deliver(made.data, output, force, made.profile)
        _say_blanks(made.blanks)


def _deliver(data: bytes, output: Path | None, force: bool, profile: str | None = None) -> None:
    from dxtrack.i18n import t

    if output is None:  # bytes, so that a console not set to UTF-8 cannot break the Vietnamese text
        sys.stdout.flush()
        if hasattr(sys.stdout, "buffer"):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    write_output(output, data, force, WORDS)
    if profile:
        typer.echo(t("report_layout.written", path=str(output), profile=profile), err=True)
    else:
        typer.echo(t("report.written", path=str(output)), err=True)


# the option that fills each setting the report may leave blank
BLANK_OPTIONS = {"number": "--number", "signer": "--signer", "signer_title": "--signer-title"}


def _say_blanks(blanks: tuple[str, ...]) -> None:
    """One line on stderr naming what the report leaves blank, and where to set it."""
    from dxtrack.i18n import has, t

    if not blanks:
        return
    names = [t(f"report_layout.blank.{b}") if has(f"report_layout.blank.{b}") else b for b in blanks]
    options = [BLANK_OPTIONS.get(b, "--" + b.replace("_", "-")) for b in blanks]
    typer.echo(t("report_layout.blanks", names=", ".join(names), keys=", ".join(blanks),
                 options=", ".join(options)), err=True)


def register(app: typer.Typer) -> None:
    app.command("report", help="Viết báo cáo kết quả thực hiện (Markdown, .docx theo thể thức văn bản của Đảng, "
                               "hoặc .pdf qua LibreOffice).")(report_command)
