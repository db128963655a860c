"""`dxtrack due`: what is overdue and what falls due in the next days, per unit (table, JSON,
an iCalendar file to subscribe to)."""

from __future__ import annotations

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
    write_output,
)

WORDS = OutputWords(is_folder="due.is_folder", exists="due.exists", no_folder="due.no_folder",
                    cannot_write="due.cannot_write")


def due_command(
    days: Annotated[str, typer.Option("--days", "-d", help="Số ngày tới cần xem (mặc định 30).",
                                      show_default=False)] = "30",
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Chỉ một đơn vị (mã hoặc một phần tên).",
                                             show_default=False, autocompletion=completes("units"))] = None,
    phase: PhaseOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | ics (lịch RFC 5545).",
                                     autocompletion=completes("formats", "due"))] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Ghi vào tệp này thay vì in ra màn hình.",
                                                show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép thay thế tệp -o đã có.")] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Không dùng bộ nhớ đệm (cache): đọc lại mọi tệp.")]
    = False,
) -> None:
    """Việc quá hạn và việc đến hạn trong những ngày tới, theo đơn vị (bảng, JSON hoặc lịch .ics)."""
    import sys

    from dxtrack import api
    from dxtrack.cli.common import pick, setup, setup_errors, terminal_width, use_color
    from dxtrack.cli.progress import reading
    from dxtrack.i18n import current_lang

    root = setup(repo, lang)
    ahead = _parse_days(days)
    with setup_errors():
        pick(api.formats("due"), fmt)
        if output is not None:
            check_output(output, force, WORDS)
        view = {"width": terminal_width(), "color": use_color() and output is None}

        def make(loaded) -> tuple[str, str, int]:
            from dxtrack.cli.common import parse_date

            found = api.due(loaded, ahead, unit, phase, parse_date(as_of, "--as-of"))
            return api.render("due", fmt, found, lang=current_lang(), **view), "", 0

        options = {"days": ahead, "unit": unit, "phase": phase, "as_of": as_of, "format": fmt,
                   "lang": current_lang(), **view}
        with reading(machine_format=fmt != "table" or output is not None) as tick:
            out, errors, code = api.run_command("due", root, options, make, cache=not no_cache,
                                                lang=current_lang(), progress=tick)
        if output is None:
            sys.stdout.write(out)
        elif not code:
            _write(output, out, force)
    sys.stderr.write(errors)
    if code:
        raise typer.Exit(code)


def _parse_days(value: str) -> int:
    """--days: a whole number, 0 or more; anything else a usage error (exit 2) in the user's words."""
    from dxtrack.cli.common import parse_number
    from dxtrack.i18n import t

    found = parse_number(value, "--days")
    if found is None or found < 0:
        message = t("due.bad_days", value=value)
        error = typer.BadParameter(message, param_hint="--days")
        error.dx_message = message  # type: ignore[attr-defined]  # already in the user's words
        raise error
    return found


def _write(output: Path, text: str, force: bool) -> None:
    """`text` into `output`, atomically (never through a symlink, never over a file unless `force`)."""
    from dxtrack.i18n import t

    write_output(output, text.encode("utf-8"), force, WORDS)
    typer.echo(t("due.written", path=str(output)), err=True)


def register(app: typer.Typer) -> None:
    app.command("due")(due_command)
