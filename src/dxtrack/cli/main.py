"""The `dxtrack` app: global options and the command modules.

Each command lives in its own module under `dxtrack.cli` with a `register(app)`
function; heavy modules are imported inside the commands, so `--version` is quick.
"""

from __future__ import annotations

import importlib
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from dxtrack import __version__
from dxtrack.cli.common import _global, setup
from dxtrack.i18n import bind_lang, current_lang, t

COMMAND_MODULES = ("check", "status", "requirements", "report", "new", "init", "fmt",
                   "codeowners", "schema")



def _lang_in(args: list[str]) -> str | None:
    """The value of --lang anywhere in the command line, if given."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def localize(command) -> None:
    """Put the help texts of `command` and its options in the current language."""
    from dxtrack.i18n.help import translate, translate_heading

    lang = current_lang()
    for obj in (command, *command.params):
        original = obj.__dict__.setdefault("_help_source", obj.help)
        if original:
            obj.help = translate(original, lang)
    if "_plain_help_option" not in command.__dict__:
        command._plain_help_option = command.get_help_option

        def help_option(ctx):
            option = command._plain_help_option(ctx)
            if option is not None and option.help:
                option.help = translate(option.help, current_lang())
            return option

        command.get_help_option = help_option
    if "_plain_format_help" not in command.__dict__:
        command._plain_format_help = command.format_help

        def format_help(ctx, formatter):
            command._plain_format_help(ctx, formatter)
            formatter.buffer[:] = [translate_heading(piece, current_lang()) for piece in formatter.buffer]

        command.format_help = format_help
    for sub in getattr(command, "commands", {}).values():  # nested groups (`new event`)
        localize(sub)


def os_problem(exc: OSError) -> str:
    """What the system said, in the user's language where we know the words."""
    from dxtrack import api

    params = api.system_problem(exc)
    return t(params["problem_key"]) if "problem_key" in params else params["problem"]


# click's UsageError, found through typer (which may bring click vendored or not), so typed Any
_UsageError: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


@contextmanager
def usage_errors_in_language():
    """A mistyped command line is told in the user's language (the parser speaks English)."""
    try:
        yield
    except _UsageError as exc:
        if current_lang() == "en":
            raise
        from dxtrack.i18n.usage import translate_usage

        typer.echo(t("setup.prefix") + translate_usage(exc.format_message()), err=True)
        if exc.ctx is not None:
            typer.echo(t("usage.try_help", command=exc.ctx.command_path), err=True)
        raise typer.Exit(2) from None


class LocalizedGroup(TyperGroup):
    """A group whose help (and its commands' help) follows --lang / DXTRACK_LANG."""

    def parse_args(self, ctx, args):
        bind_lang(_lang_in(args))
        localize(self)
        with usage_errors_in_language():
            return super().parse_args(ctx, args)

    def invoke(self, ctx):
        """Run the command; a file the system refuses to read or write is a one-line error."""
        try:
            with usage_errors_in_language():
                return super().invoke(ctx)
        except BrokenPipeError:  # output piped into `head`: stop quietly
            raise typer.Exit(0) from None
        except OSError as exc:
            typer.echo(t("setup.prefix") + t("setup.os_error", path=exc.filename or "",
                                               problem=os_problem(exc)), err=True)
            raise typer.Exit(2) from None

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            localize(command)
        return command


bind_lang(None)
app = typer.Typer(
    cls=LocalizedGroup,
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
    version: Annotated[bool | None, typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="In số phiên bản rồi thoát.")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Ngôn ngữ: vi (mặc định) hoặc en; cũng đặt được bằng DXTRACK_LANG.")] = None,
    repo: Annotated[Path | None, typer.Option(
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
    """Console-script entry point: a bug shows one line (the traceback with DXTRACK_DEBUG=1)."""
    import os
    import sys

    _open_closed_streams()
    try:
        app()
    except Exception as exc:
        if os.environ.get("DXTRACK_DEBUG"):
            raise
        print(t("setup.prefix") + t("setup.internal", problem=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        sys.exit(2)


def _open_closed_streams() -> None:
    """A stream closed by the caller (`dxtrack new <&-`, `>&-`) is None in Python: read or write
    /dev/null instead, so that it behaves as no terminal rather than as a bug."""
    import os
    import sys

    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115 - open for the whole run
