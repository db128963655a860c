"""`dxtrack diff REV1[..REV2]`: what changed in the status between two git revisions."""

from __future__ import annotations

from typing import Annotated

import typer

from dxtrack.cli.common import AsOfOpt, LangOpt, PhaseOpt, RepoOpt, completes


def diff_command(
    revisions: Annotated[str, typer.Argument(
        help="Phiên bản git để so sánh: REV1 (so với bản đang làm việc) hoặc REV1..REV2.", show_default=False)],
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", help="Chỉ một đơn vị (mã hoặc một phần tên).", show_default=False,
        autocompletion=completes("units"))] = None,
    phase: PhaseOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | markdown.",
                                     autocompletion=completes("formats", "diff"))] = "table",
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tình hình thay đổi thế nào giữa hai phiên bản git: yêu cầu đổi trạng thái, điểm, theo đơn vị."""
    import sys

    from dxtrack import api
    from dxtrack.cli.common import parse_date, pick, setup, setup_errors, terminal_width
    from dxtrack.cli.progress import reading
    from dxtrack.i18n import current_lang

    root = setup(repo, lang)
    with setup_errors():
        pick(api.formats("diff"), fmt)
        day = parse_date(as_of, "--as-of")
        with reading(machine_format=fmt != "table") as tick:
            loaded = api.load_repo(root, progress=tick)
        delta = api.diff(loaded, revisions, phase=phase, as_of=day, unit=unit)
        sys.stdout.write(api.render("diff", fmt, delta, lang=current_lang(), width=terminal_width()))


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_command)
