"""Options and helpers shared by every command."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, TypedDict, overload

import typer

from dxtrack.i18n import LANGS, bind_lang, t


def completes(name: str, *args: str) -> Callable[..., list]:
    """The `autocompletion=` of an option: the values completer `name` of `dxtrack.cli.complete`
    offers (with `args`), imported only when the shell asks for them."""

    def complete(ctx: typer.Context, incomplete: str) -> list:
        from dxtrack.cli.complete import offer

        return offer(name, ctx, args)

    return complete


RepoOpt = Annotated[Path | None, typer.Option(
    "--repo", help="Thư mục kho theo dõi (mặc định: tìm dxtrack.yaml từ thư mục hiện tại trở lên).",
    show_default=False)]
LangOpt = Annotated[str | None, typer.Option(
    "--lang", help="Ngôn ngữ: vi (mặc định) hoặc en; cũng đặt được bằng DXTRACK_LANG.",
    show_default=False, autocompletion=completes("langs"))]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", help="Đánh giá tại ngày này (YYYY-MM-DD); mặc định hôm nay, không quá ngày kết thúc giai đoạn.",
    show_default=False)]
PhaseOpt = Annotated[str | None, typer.Option(
    "--phase", help="Giai đoạn (mã trong dxtrack.yaml, ví dụ 2025); mặc định giai đoạn hiện tại.",
    show_default=False, autocompletion=completes("phases"))]


class _Globals(TypedDict, total=False):
    """The global options (`dxtrack --repo R --lang L <command>`), set by the app callback."""

    repo: Path | None
    lang: str | None
    command_repo: Path | None  # the --repo the running command was given (its own or the global one)


_global: _Globals = {"repo": None}


def setup(repo: Path | None, lang: str | None) -> Path | None:
    """Apply --lang (command-level wins over global) and return the --repo to use."""
    for given in (lang, _global.get("lang")):
        if given is not None and given.strip().lower() not in LANGS:
            err(t("setup.prefix") + t("setup.bad_lang", value=given, choices=", ".join(LANGS)))
            raise typer.Exit(2)
    if lang is not None or _global.get("lang") is not None:
        bind_lang(lang or _global.get("lang"))
    else:
        bind_lang(None)
    _global["command_repo"] = repo or _global["repo"]
    return repo or _global["repo"]


def err(text: str) -> None:
    typer.echo(text, err=True)


def exit_on_sigterm() -> None:
    """SIGTERM (a CI job cancelled, `kill`) ends the run as Ctrl-C does, by an exception, so that
    every `finally` runs: no temporary `.<name>.XXXX.tmp` file is left beside a file being
    written. Exit code 143 (128 + 15), as the shell reports a command ended by SIGTERM."""
    import signal
    from contextlib import suppress

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    with suppress(ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        signal.signal(signal.SIGTERM, stop)


@contextmanager
def setup_errors():
    """Turn SetupError into a one-line message and its exit code (2; 1 for the few that are
    bad input rather than setup, such as a template refused by the sandbox)."""
    from dxtrack.errors import SetupError

    try:
        yield
    except SetupError as exc:
        err(t("setup.prefix") + t(exc.key, **exc.params))
        raise typer.Exit(exc.exit_code) from None


@overload
def parse_date(value: str, option: str) -> date: ...


@overload
def parse_date(value: None, option: str) -> None: ...


@overload
def parse_date(value: str | None, option: str) -> date | None: ...


def parse_date(value: str | None, option: str) -> date | None:
    """A date option (YYYY-MM-DD, or dd/mm/yyyy); a bad one is a setup error, one that names
    no day (2025-02-31) told as such ("tháng 2 năm 2025 chỉ có 28 ngày")."""
    from dxtrack.api import read_date
    from dxtrack.errors import SetupError

    if value is None:
        return None
    found = read_date(value)
    if found is not None:
        return found
    try:
        day, month, year = (int(p) for p in value.replace(".", "/").split("/"))
        return date(year, month, day)
    except (ValueError, TypeError):
        from dxtrack.api import date_problem

        impossible = date_problem(value)
        if impossible:
            problem_key, params = impossible
            raise SetupError("setup.impossible_date", option=option, value=value, problem_key=problem_key,
                             **params) from None
        raise SetupError("setup.bad_date", option=option, value=value) from None


def parse_number(value: str | int | None, option: str) -> int | None:
    """A whole-number option, written in digits (250, 150000000); 1.000 or 1,000 is refused
    with "viết 1000" (a number with thousands separators is never read as a smaller one)."""
    import re

    if value is None or isinstance(value, int):
        return value
    text = value.strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"\d{1,3}(?:[., \u00a0]\d{3})+", text):
        message = t("setup.thousands", option=option, value=value, suggestion=re.sub(r"\D", "", text))
    else:
        message = t("setup.bad_number", option=option, value=value)
    # a usage error, as click's own for a bad value: told in the user's language, with where to get help
    error = typer.BadParameter(message, param_hint=option)
    error.dx_message = message  # type: ignore[attr-defined]  # already in the user's words
    raise error


def pick(names: list[str], name: str) -> str:
    """`name` if it is one of the format `names`; else a setup error naming them."""
    from dxtrack.errors import SetupError

    if name not in names:
        raise SetupError("setup.bad_format", value=name, choices=", ".join(names))
    return name


def use_color() -> bool:
    """Whether what a command prints on stdout is coloured: rich's own decision for it, the one
    every command that colours takes (status, unit, due, requirements, check's text).

    A `rich.console.Console` on stdout with nothing forced reads the published conventions:
    `FORCE_COLOR` set and not empty colours even when piped (https://force-color.org),
    `TTY_COMPATIBLE=1`/`0` says the output is or is not a terminal, `NO_COLOR` set and not empty
    turns colour off (an empty `NO_COLOR=` does not: https://no-color.org), and `TERM=dumb` or
    `unknown` has none. Every variable it reads is part of the launcher's cache key
    (`check.cache.INVOCATION_ENV`), so a replayed run is coloured as the full run would be."""
    from rich.console import Console

    console = Console(file=sys.stdout)
    return console.color_system is not None and not console.no_color


def terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


class OutputWords(TypedDict):
    """The message keys a command that writes `-o FILE` says its refusals with."""

    is_folder: str
    exists: str
    no_folder: str
    cannot_write: str


def check_output(output: Path, force: bool, words: OutputWords) -> None:
    """Refuse, before any work, to write `-o` into a folder or a folder that is missing, over a
    file (or a link) that is there without --force, or, inside the repo, through a symbolic
    link (the file itself or a folder on the way: `output_target`)."""
    from dxtrack.errors import SetupError

    if output.is_dir() or not output.name:
        raise SetupError(words["is_folder"], path=str(output))
    if (output.exists() or output.is_symlink()) and not force:
        raise SetupError(words["exists"], path=str(output))
    output_target(output, words)
    if not output.parent.is_dir():
        raise SetupError(words["no_folder"], path=str(output), folder=str(output.parent))


def command_root() -> Path | None:
    """The tracker repo the running command works on (its --repo, or the one found from the
    current folder), or None if there is none."""
    from dxtrack import api
    from dxtrack.errors import SetupError

    try:
        return api.repo_root(_global.get("command_repo"))
    except SetupError:
        return None


def output_target(output: Path, words: OutputWords) -> tuple[Path, Path | None]:
    """(the path to write for `output`, the repo it is inside or None). Inside the repo it is
    written with no link on the way (nor at it); outside, it is the user's choice, written as
    given, through a link at it as the shell's `>` would, but never through one leading back
    into the repo. A refused link is a setup error in the command's words."""
    from dxtrack.errors import SetupError
    from dxtrack.fsutil import WriteRefused, is_inside, safe_target

    root = command_root()
    if root is None:
        return output, None
    try:
        target = safe_target(root, output, inside_only=False)
    except WriteRefused as exc:
        raise SetupError(words["cannot_write"], path=str(output), problem_key=exc.key) from None
    return target, root if is_inside(root, output) else None


def write_output(output: Path, data: bytes, force: bool, words: OutputWords) -> None:
    """`data` into `output` atomically (inside the repo never through a symlink, never over a
    file unless `force`); a failure is a setup error in the command's words."""
    from dxtrack import api
    from dxtrack.errors import SetupError

    target, root = output_target(output, words)
    try:
        api.write_file(target, data, force=force, root=root, follow=root is None)
    except FileExistsError:
        raise SetupError(words["exists"], path=str(output)) from None
    except OSError as exc:
        from dxtrack.cli.main import os_problem

        raise SetupError(words["cannot_write"], path=str(output), problem=os_problem(exc)) from None
