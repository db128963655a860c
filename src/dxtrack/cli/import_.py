"""`dxtrack import FILE.xlsx [--partial] [--dry-run]`: the rows of a workbook's record sheets
become files, exactly as `dxtrack new` writes them; rows already in the repo are skipped; a bad
cell is told by sheet, row and column with what to write, and then nothing is written unless
--partial. (The module is `import_`: `import` is a word of Python.)"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, err, setup, setup_errors
from dxtrack.i18n import t


def import_command(
    file: Annotated[Path, typer.Argument(help="Bảng tính .xlsx (theo mẫu của dxtrack export xlsx).",
                                         show_default=False)],
    partial: Annotated[bool, typer.Option(
        "--partial", help="Có dòng lỗi vẫn ghi các dòng đúng (mặc định: có lỗi thì không ghi gì).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ cho biết sẽ ghi những tệp nào, không ghi.")] = False,
    repo: RepoOpt = None, lang: LangOpt = None,
) -> None:
    """Nhập bản ghi từ bảng tính Excel: mỗi dòng thành một tệp, như dxtrack new ghi; dòng đã có thì bỏ qua."""
    from dxtrack import api

    root = setup(repo, lang)
    with setup_errors():
        loaded = api.load_repo(root)
        plan = api.plan_import(loaded, file)
    _tell(plan.problems, plan.view_only)
    _refuse_links(loaded.root, plan)
    raise typer.Exit(_finish(loaded, plan, partial, dry_run))


def _tell(problems, view_only=()) -> None:
    """The sheets only read, then each problem on stderr: a warning as a note, an error as one."""
    from dxtrack.i18n.sheets import problem_text

    if view_only:
        err(t("sheets.import.view_only", names=", ".join(view_only)))
    for problem in problems:
        key = "sheets.import.warning" if problem.warning else "sheets.import.error"
        err(t(key, message=problem_text(problem)))


def _refuse_links(root: Path, plan) -> None:
    """A file that would be written through a symbolic link (at its name, or at a folder on the
    way: a linked `activities/<unit>`) or outside the repo makes its row a bad row, told now,
    before anything is written (and so nothing is, unless --partial)."""
    from dxtrack.fsutil import WriteRefused, safe_target

    kept = []
    for planned in plan.files:
        try:
            safe_target(root, root / planned.draft.rel)
        except WriteRefused as exc:
            where = t("sheets.at.row", sheet=planned.sheet, row=planned.row)
            err(t("sheets.import.error", message=where + ": " + t(
                "sheets.problem.write_failed", rel=planned.draft.rel, problem_key=exc.key)))
            plan.bad_rows += 1
            continue
        kept.append(planned)
    plan.files[:] = kept


def _finish(loaded, plan, partial: bool, dry_run: bool) -> int:
    """Write (or, dry, name) the files; the summary line; the exit code (1 when a row is bad)."""
    from dxtrack import api

    counts = {"skipped": plan.skipped, "bad": plan.bad_rows}
    if dry_run:
        for planned in plan.files:
            typer.echo(t("sheets.import.would_write", rel=planned.draft.rel))
        typer.echo(t("sheets.import.summary_dry", written=len(plan.files), **counts))
        return 1 if plan.bad_rows else 0
    if plan.bad_rows and not partial:
        err(t("sheets.import.nothing_written", bad=plan.bad_rows))
        typer.echo(t("sheets.import.summary", written=0, **counts))
        return 1
    told = len(plan.problems)
    written = api.write_import(loaded, plan)
    for rel in written:
        typer.echo(t("new.written", rel=rel))
    _tell(plan.problems[told:])  # a file that could not be written
    typer.echo(t("sheets.import.summary", written=len(written), skipped=plan.skipped, bad=plan.bad_rows))
    return 1 if plan.bad_rows else 0


def register(app: typer.Typer) -> None:
    app.command("import", help="Nhập bản ghi từ bảng tính Excel: mỗi dòng thành một tệp, như dxtrack new ghi; "
                               "dòng đã có thì bỏ qua.")(import_command)
