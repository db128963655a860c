"""`dxtrack codeowners [-o FILE]`: CODEOWNERS from units.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, err, setup, setup_errors
from dxtrack.i18n import t


def codeowners_command(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Ghi vào tệp này (ví dụ .github/CODEOWNERS) thay vì in ra màn hình.",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tạo tệp CODEOWNERS từ owners trong units.yaml (và dxtrack.yaml cho ban thư ký)."""
    from dxtrack import api
    from dxtrack.i18n import current_lang

    root = setup(repo, lang)
    with setup_errors():
        loaded = api.load_repo(root)
        result = api.codeowners(loaded, lang=current_lang())
        if output is not None:
            _write(loaded.root, output, result.text, force)
    _warn(result)
    if output is None:
        typer.echo(result.text, nl=False)
    else:
        typer.echo(t("codeowners.written", path=str(output)))


def _warn(result) -> None:
    """Say which units have no owners, and whether the secretariat owns nothing."""
    if result.unowned:
        err(t("codeowners.warn_unowned", units=", ".join(result.unowned)))
    if result.no_secretariat:
        err(t("codeowners.warn_secretariat"))


def _write(root: Path, path: Path, text: str, force: bool) -> None:
    """CODEOWNERS into `path`: inside the repo (.github/CODEOWNERS) never through a link, the
    file's or a folder's on the way; outside it, where the user said."""
    from dxtrack import api
    from dxtrack.fsutil import WriteRefused, is_inside, safe_target

    try:
        target = safe_target(root, path, inside_only=False)  # before a folder is made
        inside = is_inside(root, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        api.write_file(target, text.encode("utf-8"), force=force, root=root if inside else None,
                       follow=not inside)
    except FileExistsError:
        raise api.SetupError("codeowners.exists", path=str(path)) from None
    except WriteRefused as exc:
        raise api.SetupError("setup.write_refused", path=str(path), problem_key=exc.key) from None


def register(app: typer.Typer) -> None:
    app.command("codeowners", help=t("codeowners.help"))(codeowners_command)
