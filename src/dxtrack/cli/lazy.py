"""The commands of the app, built when they are asked for.

typer turns a command into a click command by reading its function's signature (`typing.
get_type_hints`, one click parameter per option): a few milliseconds a command, and `dxtrack
check` needs only one of them. `LazyCommands` is the group's `commands` mapping: it knows every
command's name from `COMMAND_MODULES` (so a mistyped one still gets "did you mean"), builds a
command the first time it is looked up, and keeps it. The list in `dxtrack --help` is drawn from
`stub`s: a command with the help texts typer would give it and no parameters, made from its
module's `register` without converting it.

A command module imports only typer and `dxtrack.cli.common` at its top (the rest inside the
command), so importing one to read its help costs little; tests/cli/test_startup.py keeps that so.
"""

from __future__ import annotations

import importlib
import inspect
import keyword
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from dxtrack.i18n import language, resolve_lang

# Settings every command is built with, as the app's: no rich formatting (plain click help, which
# `localize` translates), no completion options of its own (the app has them).
_SETTINGS: dict[str, Any] = {"rich_markup_mode": None, "pretty_exceptions_enable": False, "add_completion": False}


def registered(name: str) -> typer.Typer | None:
    """A private typer app holding what module `dxtrack.cli.<name>` registers (None when that
    module does not exist: a command not written yet)."""
    # A help text a module takes from dxtrack.i18n (`help=t("fmt.help")`) is taken in the language
    # of the environment (DXTRACK_LANG, else Vietnamese), as when every command was registered
    # as the app was imported; `localize` then puts it in the language of the run.
    with language(resolve_lang(None)):
        try:
            module = importlib.import_module(module_name(name))
        except ModuleNotFoundError as exc:
            if exc.name != module_name(name):
                raise
            return None
        holder = typer.Typer(**_SETTINGS)
        module.register(holder)
    return holder


def module_name(name: str) -> str:
    """The module of command `name`: `dxtrack.cli.<name>`, with a trailing "_" when the name is a
    word of Python (`import` → `dxtrack.cli.import_`)."""
    return f"dxtrack.cli.{name}_" if keyword.iskeyword(name) else f"dxtrack.cli.{name}"


def build(holder: typer.Typer, name: str) -> Any:
    """The click command `name` of `holder`, as typer builds it inside a group."""
    holder.callback()(_no_options)  # a group: typer builds the command as it does a subcommand
    return typer.main.get_group(holder).commands[name]


def _no_options() -> None:
    """The private group's own callback (never run)."""


def stub(holder: typer.Typer, name: str) -> Any:
    """A command with the help typer would give `name` (its help, short help, hidden,
    deprecated) and no parameters: enough for a line of the app's list of commands."""
    for info in holder.registered_commands:
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:  # type: ignore[union-attr]
            text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
            return TyperCommand(name=name, help=text, short_help=info.short_help, hidden=info.hidden,
                                deprecated=info.deprecated, rich_markup_mode=None)
    for group_info in holder.registered_groups:
        if group_info.name == name:
            solved = typer.main.solve_typer_info_defaults(group_info)
            return TyperGroup(name=name, help=solved.help, short_help=solved.short_help, hidden=solved.hidden,
                              deprecated=solved.deprecated, rich_markup_mode=None)
    raise KeyError(name)


class LazyCommands(MutableMapping[str, Any]):
    """name → click command, for the names in `names`; each built on first lookup, then kept.

    Iterating gives the names without building anything; `.get`, `[]`, `.values()`, `.items()`
    build (what a walk over every command, as the help tests do, wants). A command added
    (`group.add_command`) is kept as it is given."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = list(names)
        self._holders: dict[str, typer.Typer | None] = {}
        self._built: dict[str, Any] = {}
        self._stubs: dict[str, Any] = {}

    def _holder(self, name: str) -> typer.Typer | None:
        if name not in self._holders:
            self._holders[name] = registered(name) if name in self._names else None
        return self._holders[name]

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            holder = self._holder(name)
            if holder is None:
                raise KeyError(name)
            self._built[name] = build(holder, name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._holders.setdefault(name, None)
        self._built[name] = command
        self._stubs.pop(name, None)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._names.remove(name)
        for store in (self._holders, self._built, self._stubs):
            store.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return (name for name in list(self._names) if name in self._built or self._holder(name) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._names and (name in self._built or self._holder(name) is not None)

    def built(self) -> dict[str, Any]:
        """The commands built so far."""
        return dict(self._built)

    def peek(self, name: str) -> Any:
        """The command if it is built, else its `stub` (None for no such command)."""
        if name in self._built:
            return self._built[name]
        if name not in self._stubs:
            holder = self._holder(name)
            self._stubs[name] = None if holder is None else stub(holder, name)
        return self._stubs[name]
