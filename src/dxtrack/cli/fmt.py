"""`dxtrack fmt [--check] [PATH...]`: labels → codes, Unicode NFC, comments kept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, err, setup, setup_errors
from dxtrack.i18n import finding_text, t


def fmt_command(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Chỉ chuẩn hóa các tệp, thư mục này (mặc định: cả kho).", show_default=False)] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Chỉ báo tệp nào cần chuẩn hóa (mã thoát 1), không ghi gì.")] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Chuẩn hóa tệp: nhãn tiếng Việt → mã, Unicode NFC; giữ nguyên chú thích và thứ tự."""
    from dxtrack import api

    root = setup(repo, lang)
    with setup_errors():
        results, root = api.format_files(root, paths)
    _report(results, root, check)


def _report(results: list, root: Path, check: bool) -> None:
    """Write (unless --check) and tell each changed or skipped file, then the summary; exit 1
    when a file was skipped, could not be written or, with --check, would change."""
    from dxtrack import api

    not_written = 0
    for item in results:
        if item.problem is not None:
            p = item.problem
            err(t("fmt.skipped", rel=item.rel, line=p.line, column=p.column, message=finding_text(p)))
        elif item.changed:
            if not check:
                try:  # only a regular file of the repo, no link on the way, not read-only
                    api.write_file(root / item.rel, item.new, force=True, root=root)
                except OSError as exc:  # told, and the other files are still formatted
                    err(t("fmt.not_written", rel=item.rel, **api.system_problem(exc)))
                    not_written += 1
                    continue
            typer.echo(t("fmt.would_change" if check else "fmt.changed", rel=item.rel))
    changed = sum(1 for r in results if r.changed)
    skipped = sum(1 for r in results if r.problem is not None)
    typer.echo(t("fmt.summary_check" if check else "fmt.summary", changed=changed - not_written,
                 same=len(results) - changed - skipped))
    if skipped:
        err(t("fmt.summary_skipped", skipped=skipped))
    if not_written:
        err(t("fmt.summary_not_written", n=not_written))
    raise typer.Exit(1 if skipped or not_written or (check and changed) else 0)


def register(app: typer.Typer) -> None:
    app.command("fmt", help=t("fmt.help"))(fmt_command)
