"""`dxtrack check [PATH...]`: validate the repo; exit 1 on errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, pick, setup, setup_errors, terminal_width, use_color
from dxtrack.i18n import current_lang

NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help="Không dùng bộ nhớ đệm (cache): đọc lại mọi tệp.")]


def check_command(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Chỉ báo lỗi trong các tệp, thư mục này (quy tắc liên tệp vẫn áp dụng).", show_default=False)] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="text | json | github | gitlab | sarif (github tự chọn trong GitHub Actions).",
        show_default=False)] = None,
    changed_since: Annotated[str | None, typer.Option(
        "--changed-since",
        help="Chỉ tính lỗi trong các tệp đổi từ phiên bản git này (tên nhánh, thẻ hay mã commit, ví dụ main).",
        show_default=False)] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Kiểm tra dữ liệu của kho theo dõi; mã thoát 1 nếu có lỗi."""
    from dxtrack import api
    from dxtrack.cli.progress import reading

    root = setup(repo, lang)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    seen: dict = {}
    with setup_errors():
        fmt = pick(api.formats("findings"), fmt or api.default_check_format())
        found = api.repo_root(root)
        wanted = [api.repo_relative(found, p) for p in paths or []]
        color = use_color()

        def make(loaded) -> tuple[str, str, int]:
            findings = api.check(loaded, paths, changed_since=changed_since)
            sample = bool(loaded.settings and loaded.settings.sample)
            text = api.render("findings", fmt, findings, len(loaded.documents), color=color, sample=sample,
                              lang=current_lang())
            seen.update(repo=loaded, findings=findings)
            return text, "", 1 if api.has_errors(findings) else 0

        # everything the output depends on besides the files; a run that depends on git
        # (--changed-since) or writes a job summary is never replayed, only its files reused
        options = {"paths": wanted, "format": fmt, "changed_since": changed_since, "lang": current_lang(),
                   "color": color, "width": terminal_width()}
        with reading(machine_format=fmt != "text") as tick:
            out, errors, code = api.run_command("check", found, options, make, cache=not no_cache,
                                                memo=not changed_since and not summary, lang=current_lang(),
                                                progress=tick)
    sys.stdout.write(out)
    sys.stderr.write(errors)
    if seen:
        _job_summary(seen["repo"], seen["findings"], changed_since)
    raise typer.Exit(code)


def _job_summary(loaded, findings, changed_since: str | None) -> None:
    """Inside GitHub Actions: append the Markdown job summary (see dxtrack.summary)."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        from dxtrack import api
        from dxtrack.cli.common import err
        from dxtrack.i18n import t

        if not api.job_summary(path, loaded, findings, changed_since, lang=current_lang()):
            err(t("summary.not_written", path=path))


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
