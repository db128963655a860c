"""The `dxtrack` app: global options and the command modules.

Each command lives in its own module under `dxtrack.cli` with a `register(app)`
function; heavy modules are imported inside the commands, so `--version` is quick.
Only the command a run asks for is built (`dxtrack.cli.lazy`): `dxtrack check ...` converts
`check` alone, and `dxtrack --help` lists the commands from their help texts without building any.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
from gettext import gettext
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from dxtrack import __version__
from dxtrack.cli.common import _global, completes, setup
from dxtrack.cli.lazy import LazyCommands
from dxtrack.i18n import bind_lang, current_lang, t

# The commands, in the order `dxtrack --help` lists them; each a module `dxtrack.cli.<name>`
# (`import_` for `import`, a word of Python: see `lazy.module_name`) whose `register(app)` adds
# the command of that name (`export` and `new`, groups, are listed last, as typer lists groups
# after commands).
COMPLETE_VAR = "_DXTRACK_COMPLETE"  # what the shell's completion script sets (cli/complete.py)
COMMAND_MODULES = ("check", "status", "due", "diff", "requirements", "report", "init", "fmt", "codeowners",
                   "schema", "import", "export", "new")


def _lang_in(args: list[str]) -> str | None:
    """The value of --lang anywhere in the command line, if given."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def localize(command) -> None:
    """Put everything the help of `command` shows in the current language: its help texts, the
    value names of its options and arguments, its usage line, the formatter's headings, and its
    parser's mistakes (they are told with where to find help). Set again at every run, from the
    texts the command was written with, so one process may run in both languages."""
    from dxtrack.i18n.help import USAGE_OPTIONS, USAGE_SUBCOMMAND, translate

    lang = current_lang()
    en = lang == "en"
    for obj in (command, *command.params):
        original = obj.__dict__.setdefault("_help_source", obj.help)
        if original:
            obj.help = translate(original, lang)
    for param in command.params:
        _localize_param(param, lang)
    command.options_metavar = USAGE_OPTIONS[en]
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = USAGE_SUBCOMMAND[en]
    if "_plain_help_option" not in command.__dict__:
        _hook_command(command)
    commands = getattr(command, "commands", {})
    for sub in (commands.built() if isinstance(commands, LazyCommands) else commands).values():
        localize(sub)  # nested groups (`new event`); the app's commands are localized as they are built


def _value_kind(param) -> str:
    """int, float, path or text: what the value of `param` is (for its metavar)."""
    from pathlib import PurePath
    from typing import get_args, get_origin

    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    while get_origin(annotation) in (list, tuple) and get_args(annotation):
        annotation = get_args(annotation)[0]
    if annotation in (int, float):
        return annotation.__name__
    if isinstance(annotation, type) and issubclass(annotation, PurePath):
        return "path"
    name = str(getattr(getattr(param, "type", None), "name", "")).lower()  # a click type, when typer has no descriptor
    return {"integer": "int", "float": "float", "path": "path"}.get(name, "text")


def _localize_param(param, lang: str) -> None:
    """The value name of an option (`--as-of <ngày>`) or the name of an argument (`[đơn vị]`)."""
    from dxtrack.i18n.help import argument_name, metavar

    if getattr(param, "param_type_name", "") == "argument":
        param.metavar = argument_name(param.name or "", lang)
        param.display_type_rich = lambda ctx: None  # the name says what it is; no `<list[Path]>` beside it
    elif not getattr(param, "is_flag", False) and not getattr(param, "count", False):
        param.metavar = metavar(list(param.opts), _value_kind(param), lang)


def _hook_command(command) -> None:
    """Wrap the help option, the help page and the argument parser of `command` (once)."""
    from dxtrack.i18n.help import translate, translate_extra, translate_heading

    command._plain_help_option = command.get_help_option

    def help_option(ctx):
        option = command._plain_help_option(ctx)
        if option is not None and option.help:
            option.help = translate(option.help, current_lang())
        _Unset.install(option)
        return option

    command.get_help_option = help_option
    command._plain_format_help = command.format_help

    def format_help(ctx, formatter):
        lang = current_lang()
        if lang != "en":
            write_usage, write_heading, write_dl = formatter.write_usage, formatter.write_heading, formatter.write_dl
            formatter.write_usage = lambda prog, args="", prefix=None: write_usage(
                prog, args, translate_heading("Usage: ", lang) if prefix is None else prefix)
            formatter.write_heading = lambda heading: write_heading(translate_heading(heading, lang))
            formatter.write_dl = lambda rows, *a, **k: write_dl(
                [(name, translate_extra(text, lang)) for name, text in rows], *a, **k)
        command._plain_format_help(ctx, formatter)

    command.format_help = format_help
    plain_parse_args = command.parse_args

    def parse_args(ctx, args):
        try:
            return plain_parse_args(ctx, args)
        except _UsageError as exc:  # the parser's own mistakes come without the command they are of
            if exc.ctx is None:
                exc.ctx, exc.cmd = ctx, command
            raise

    command.parse_args = parse_args


def os_problem(exc: OSError) -> str:
    """What the system said, in the user's language where we know the words."""
    from dxtrack import api

    params = api.system_problem(exc)
    return t(params["problem_key"]) if "problem_key" in params else params["problem"]


# click's UsageError, found through typer (which may bring click vendored or not), so typed Any
_UsageError: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


@contextmanager
def usage_errors_in_language(ctx=None):
    """A mistyped command line is told in the user's language (the parser speaks English);
    `ctx`, the command being parsed, for a mistake the parser tells without it."""
    try:
        yield
    except _UsageError as exc:
        if exc.ctx is None and ctx is not None:
            exc.ctx, exc.cmd = ctx, ctx.command
        if current_lang() == "en":
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # `dxtrack`, `dxtrack new` alone: the help, as click does
            typer.echo(exc.format_message(), err=True)
            raise typer.Exit(2) from None
        from dxtrack.i18n.usage import translate_usage_error

        typer.echo(t("setup.prefix") + translate_usage_error(exc), err=True)
        if exc.ctx is not None:
            typer.echo(t("usage.try_help", command=exc.ctx.command_path), err=True)
        raise typer.Exit(2) from None


class _Unset:
    """How an option that is mostly not given is read (the global options, every `--help`): a
    value not given stays None, and a text given for a text option stays that text, without
    asking typer, which builds a pydantic TypeAdapter for an option the first time it reads it,
    given or not (a tenth of a second `dxtrack check --help` has no need of). Anything else goes
    to typer's own reading."""

    def __init__(self, param) -> None:
        self.param = param
        self.plain = param.process_value

    def __call__(self, ctx, value):
        param = self.param
        if param.multiple or param.nargs == -1 or param.required:
            return self.plain(ctx, value)
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        if value is None or (isinstance(value, str) and annotation in (str, str | None)):
            return param.callback(ctx, param, value) if param.callback is not None else value
        return self.plain(ctx, value)

    @classmethod
    def install(cls, param) -> None:
        if param is not None and not isinstance(param.process_value, cls):
            param.process_value = cls(param)


class LocalizedGroup(TyperGroup):
    """The app: a group whose help (and its commands' help) follows --lang / DXTRACK_LANG, and
    whose commands are built when they are asked for (`LazyCommands`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(COMMAND_MODULES)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        """Run the app; shell completion answers the variable the completion scripts set,
        `_DXTRACK_COMPLETE`, whatever the program is called (as `python -m dxtrack` click would
        listen to `_PYTHON _M DXTRACK_COMPLETE`)."""
        return super().main(args, prog_name, complete_var or COMPLETE_VAR, standalone_mode, windows_expand_args,
                            **extra)

    def parse_args(self, ctx, args):
        bind_lang(_lang_in(args))
        localize(self)
        for param in self.params:
            _Unset.install(param)
        with usage_errors_in_language(ctx):
            return super().parse_args(ctx, args)

    def list_commands(self, ctx):
        return list(self.commands)  # the names; typer's own would build every command

    def format_commands(self, ctx, formatter):
        """The list of commands in the help, from their help texts: nothing is built for it."""
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        rows = []
        for name in self.list_commands(ctx):
            command = commands.peek(name)
            if command is not None and not command.hidden:
                localize(command)
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)  # as typer's TyperGroup
            with formatter.section(gettext("Commands")):  # the heading typer writes (translated by localize)
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])

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
        "--lang", help="Ngôn ngữ: vi (mặc định) hoặc en; cũng đặt được bằng DXTRACK_LANG.",
        autocompletion=completes("langs"))] = None,
    repo: Annotated[Path | None, typer.Option(
        "--repo", help="Thư mục kho theo dõi (mặc định: tìm dxtrack.yaml từ thư mục hiện tại trở lên).")] = None,
) -> None:
    """dxtrack — theo dõi thực hiện Công văn 380-CV/ĐU."""
    _global["repo"] = repo
    _global["lang"] = lang
    setup(None, lang)


def run() -> None:
    """Console-script entry point: a bug shows one line (the traceback with DXTRACK_DEBUG=1)."""
    import os
    import sys

    _open_closed_streams()
    from dxtrack.cli.common import exit_on_sigterm

    exit_on_sigterm()  # so that a temporary file being written is removed (fsutil.write_atomic)
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
