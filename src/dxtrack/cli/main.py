"""The `dxtrack` app: global options and the command modules.

Each command lives in its own module under `dxtrack.cli` with a `register(app)`
function; heavy modules are imported inside the commands, so `--version` is quick.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from dxtrack import __version__
from dxtrack.cli.common import _global, setup
from dxtrack.i18n import set_lang, t

COMMAND_MODULES = ("check", "status", "requirements", "report", "new", "init", "fmt",
                   "codeowners", "schema")

set_lang(None)
app = typer.Typer(
    name="dxtrack",
    help=t("app.help"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dxtrack {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="In số phiên bản rồi thoát.")] = None,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", help="Ngôn ngữ: vi (mặc định) hoặc en; cũng đặt được bằng DXTRACK_LANG.")] = None,
    repo: Annotated[Optional[Path], typer.Option(
        "--repo", help="Thư mục kho theo dõi (mặc định: tìm dxtrack.yaml từ thư mục hiện tại trở lên).")] = None,
) -> None:
    """dxtrack — theo dõi thực hiện Công văn 380-CV/ĐU."""
    _global["repo"] = repo
    _global["lang"] = lang
    setup(None, lang)


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"dxtrack.cli.{_name}")
    except ModuleNotFoundError as exc:  # a command not built yet
        if exc.name != f"dxtrack.cli.{_name}":
            raise
        continue
    _module.register(app)


def run() -> None:
    """Console-script entry point."""
    app()
