"""`dxtrack check [PATH...]`: validate the repo; exit 1 on errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, completes, pick, setup, setup_errors, terminal_width, use_color
from dxtrack.i18n import current_lang

NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help="Không dùng bộ nhớ đệm (cache): đọc lại mọi tệp.")]


def check_command(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Chỉ báo lỗi trong các tệp, thư mục này (quy tắc liên tệp vẫn áp dụng).", show_default=False)] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="text | json | github | gitlab | sarif (github tự chọn trong GitHub Actions).",
        show_default=False, autocompletion=completes("formats", "findings"))] = None,
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
        # the CI formats and the job summary name files from the git work tree's top
        in_tree = fmt in CI_FORMATS or bool(summary)
        base = api.work_tree_prefix(found) if in_tree else ""

        def make(loaded) -> tuple[str, str, int]:
            findings = api.check(loaded, paths, changed_since=changed_since)
            sample = bool(loaded.settings and loaded.settings.sample)
            text = api.render("findings", fmt, findings, len(loaded.documents), color=color, sample=sample,
                              base=base, lang=current_lang())
            seen.update(repo=loaded, findings=findings)
            return text, "", 1 if api.has_errors(findings) else 0

        # everything the output depends on besides the files; a run that depends on git
        # (--changed-since, the work tree's top) or writes a job summary is never replayed,
        # only its files reused
        options = {"paths": wanted, "format": fmt, "changed_since": changed_since, "lang": current_lang(),
                   "color": color, "width": terminal_width(), "base": base}
        with reading(machine_format=fmt != "text") as tick:
            out, errors, code = api.run_command("check", found, options, make, cache=not no_cache,
                                                memo=not changed_since and not in_tree, lang=current_lang(),
                                                progress=tick)
    sys.stdout.write(out)
    sys.stderr.write(errors)
    if seen:
        _job_summary(seen["repo"], seen["findings"], changed_since, base)
    raise typer.Exit(code)


# the formats whose paths are the git work tree's (see render.findings)
CI_FORMATS = ("github", "gitlab", "sarif")


def _job_summary(loaded, findings, changed_since: str | None, base: str = "") -> None:
    """Inside GitHub Actions: append the Markdown job summary (see dxtrack.summary)."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        from dxtrack import api
        from dxtrack.cli.common import err
        from dxtrack.i18n import t

        if not api.job_summary(path, loaded, findings, changed_since, lang=current_lang(), base=base):
            err(t("summary.not_written", path=path))


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
