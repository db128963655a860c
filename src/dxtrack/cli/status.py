"""`dxtrack status [UNIT]`: who is behind — the matrix, or one unit in detail."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.check import NoCacheOpt
from dxtrack.cli.common import (
    AsOfOpt,
    LangOpt,
    OutputWords,
    PhaseOpt,
    RepoOpt,
    check_output,
    completes,
    parse_date,
    pick,
    setup,
    setup_errors,
    terminal_width,
    use_color,
    write_output,
)
from dxtrack.i18n import current_lang

WORDS = OutputWords(is_folder="status.is_folder", exists="status.exists", no_folder="status.no_folder",
                    cannot_write="status.cannot_write")

# formats whose output is a file, not text: written only with -o
BINARY_FORMATS = ("xlsx",)


def status_command(
    unit: Annotated[str | None, typer.Argument(
        help="Mã đơn vị (hoặc một phần tên): xem chi tiết một đơn vị.", show_default=False,
        autocompletion=completes("units"))] = None,
    as_of: AsOfOpt = None,
    phase: PhaseOpt = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="table | json | csv | markdown | html | xlsx (xlsx cần -o).",
        autocompletion=completes("formats", "status"))] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Ghi vào tệp này thay vì in ra màn hình.",
                                                show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép thay thế tệp -o đã có.")] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Tình hình thực hiện: đơn vị × yêu cầu (✓ đạt, ◐ một phần, ✗ chưa đạt, ⏳ chưa đến hạn, · không áp dụng)."""
    from dxtrack import api
    from dxtrack.cli.progress import reading

    root = setup(repo, lang)
    with setup_errors():
        pick(api.formats("status"), fmt)
        binary = fmt in BINARY_FORMATS
        _check_target(output, force, fmt if binary else None)
        view = dict(width=terminal_width(), color=use_color() and output is None)
        made: dict[str, bytes] = {}  # a binary format's bytes (the cache's outcome holds text only)

        def make(loaded) -> tuple[str, str, int]:
            day = parse_date(as_of, "--as-of")  # here, not before: reading a date imports the models
            status = api.evaluate(loaded, day, phase)
            page = api.status_page(loaded, status, unit, output) if fmt == "html" else {}  # details, due, commit
            if unit is None:
                out = api.render("status", fmt, status, lang=current_lang(), **view, **page)
            else:
                detail = api.unit_detail(loaded, status, unit)
                out = api.render("unit", fmt, detail, status, lang=current_lang(), **view, **page)
            if isinstance(out, bytes):
                made["data"] = out
                return "", "", 0
            return out, "", 0

        # everything the output depends on besides the files (see dxtrack.api.run_command); the HTML
        # page also shows the git commit, which no cache key holds: no whole run of it is kept
        options = {"unit": unit, "as_of": as_of, "phase": phase, "format": fmt, "lang": current_lang(), **view}
        with reading(machine_format=fmt != "table" or output is not None) as tick:
            out, errors, code = api.run_command("status", root, options, make, cache=not no_cache,
                                                memo=not binary and fmt != "html", lang=current_lang(),
                                                progress=tick)
        if output is None:
            sys.stdout.write(out)
        elif code in (0, 1):
            _write(output, made["data"] if binary else out.encode("utf-8"), force)
    sys.stderr.write(errors)
    if code:
        raise typer.Exit(code)


def _check_target(output: Path | None, force: bool, binary: str | None) -> None:
    """Refuse at once, before any work: a binary format (`binary`: its name) with no -o, a
    file that is there without --force, a folder, a missing folder."""
    from dxtrack.errors import SetupError

    if output is None:
        if binary:
            raise SetupError("status.needs_output", fmt=binary)
        return
    check_output(output, force, WORDS)


def _write(output: Path, data: bytes, force: bool) -> None:
    """`data` into `output`, atomically (never through a symlink, never over a file unless `force`)."""
    from dxtrack.i18n import t

    write_output(output, data, force, WORDS)
    typer.echo(t("status.written", path=str(output)), err=True)


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
