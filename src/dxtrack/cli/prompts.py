"""Questions for `dxtrack new` in a terminal: numbered menus with Vietnamese labels."""

from __future__ import annotations

from datetime import date

import typer

from dxtrack.i18n import current_lang, t


def ask_field(kind: str, name: str, repo, *, required: bool = True, unit: str | None = None):
    """Ask for field `name` of a new `kind` file until the answer is usable: a value from a
    menu (several for a list) for a unit, a plan task or a code, else a date, an int or text."""
    from dxtrack import api

    spec = api.field_spec(kind, name)
    label = t(f"field.{name}")
    if name == "plan_task":
        plan = repo.plans.get(unit or "")
        tasks = [(task.id, task.title) for task in plan.tasks] if plan else []
        return choose(label, tasks, multi=False, required=False) or None if tasks else None
    if name == "unit":
        entries = [(u.id, u.name) for u in repo.units]
        if not entries:
            from dxtrack.errors import SetupError

            raise SetupError("new.no_units")
        return choose(label, entries, multi=False, required=True)
    if spec is None:
        return _ask_text(label)
    if spec.code_list:
        entries = api.code_labels(spec.code_list, current_lang())
        return choose(label, entries, multi=spec.many, required=required)
    if spec.is_date:
        return _ask_date(label)
    if spec.is_int:
        return _ask_int(label, spec.minimum or 0)
    return _ask_text(label)


def choose(label: str, entries: list[tuple[str, str]], *, multi: bool, required: bool):
    """Show `entries` (value, label) numbered; return the value (or values) chosen."""
    typer.echo(f"{label}:")
    for i, (value, text) in enumerate(entries, 1):
        typer.echo(f"  {i:>2}) {text}" + (f" [{value}]" if text != value else ""))
    question = t("prompt.choose_many" if multi else "prompt.choose_one") + ("" if required else t("prompt.optional"))
    while True:
        answer = typer.prompt(question, default="" if not required else None, show_default=False).strip()
        if not answer and not required:
            return []
        parts = [part.strip() for part in answer.split(",") if part.strip()]
        picked = [_pick(part, entries) for part in parts]
        if picked and None not in picked and (multi or len(picked) == 1):
            return picked if multi else picked[0]
        bad = next((p for p, v in zip(parts, picked, strict=True) if v is None), answer)
        typer.echo(t("prompt.bad_choice", value=bad), err=True)


def _pick(answer: str, entries: list[tuple[str, str]]) -> str | None:
    """A number from the menu, or a value or label written out."""
    from dxtrack.text import fold

    if answer.isdigit() and 1 <= int(answer) <= len(entries):
        return entries[int(answer) - 1][0]
    return next((v for v, text in entries if fold(answer) in (fold(v), fold(text))), None)


def _ask_text(label: str) -> str:
    while True:
        answer = typer.prompt(label).strip()
        if answer:
            return answer


def _ask_date(label: str) -> date:
    from dxtrack.cli.common import parse_date
    from dxtrack.errors import SetupError

    while True:
        answer = typer.prompt(label, default=date.today().isoformat()).strip()
        try:
            return parse_date(answer, label)
        except SetupError:
            typer.echo(t("prompt.bad_date", value=answer), err=True)


def _ask_int(label: str, minimum: int) -> int:
    while True:
        answer = typer.prompt(label).strip()
        if answer.isdigit() and int(answer) >= minimum:
            return int(answer)
        typer.echo(t("prompt.bad_number", value=answer), err=True)
