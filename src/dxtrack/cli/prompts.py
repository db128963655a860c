"""Questions for `dxtrack new` in a terminal: numbered menus with Vietnamese labels.

Every answer is checked at its own prompt with the rules `dxtrack check` applies to that
field (`api.check_field`: the field's type, a date neither in the future nor before the
directive, an http(s) link, a whole number not below its least value, text without
control characters); a refused answer is told why and asked again, and what was typed
before it is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import typer

from dxtrack.i18n import current_lang, t

# A whole number in the digits 0–9 only: "²", "١٢" (Arabic-Indic) or "１２" (full-width) are
# digits to Python (`str.isdigit`, `\d`, even `int`) but never to a reader of the file
_WHOLE = re.compile(r"[+-]?[0-9]+", re.ASCII)
# More digits than any count here has (and far below Python's 4,300-digit limit of int())
MAX_DIGITS = 15

Check = Callable[[object], list[str]]


def field_spec(kind: str, name: str):
    """The FieldSpec of field `name` of a `kind` file; a nested one is named with a dot
    (`resources.staff`). None if there is no such field."""
    from dxtrack import api

    head, _, rest = name.partition(".")
    spec = api.field_spec(kind, head)
    if spec is not None and rest:
        return next((sub for sub in spec.fields if sub.name == rest), None)
    return spec


def can_ask(name: str, repo, unit: str | None) -> bool:
    """Whether there is anything to offer for field `name` (a plan task needs a plan with tasks)."""
    if name == "plan_task":
        plan = repo.plans.get(unit or "")
        return bool(plan and plan.tasks)
    return True


def problems(repo, kind: str, name: str, value, unit: str | None = None) -> list[str]:
    """Why `check` would refuse `value` in field `name` (its messages; [] if it would not)."""
    from dxtrack import api
    from dxtrack.i18n import finding_text

    return [finding_text(f) for f in api.check_field(repo, kind, name, value, unit) if api.has_errors([f])]


def ask_field(kind: str, name: str, repo, *, required: bool = True, unit: str | None = None):
    """Ask for field `name` of a new `kind` file until the answer is one `check` accepts: a
    value from a menu (several for a list) for a unit, a plan task or a code, else a date,
    an int or text (several, comma-separated, for a list). An optional field left empty
    (Enter) gives None."""
    from dxtrack import api

    spec = field_spec(kind, name)
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

    def check(value: object) -> list[str]:
        return problems(repo, kind, name, value, unit)

    if spec is None:
        return _ask_text(label, required, check)
    if spec.code_list:
        entries = api.code_labels(spec.code_list, current_lang())
        return choose(label, entries, multi=spec.many, required=required) or None
    if spec.is_date:
        return _ask_date(label, required, check)
    if spec.is_int:
        return _ask_int(label, required, check)
    if spec.many:
        return _ask_many(label, required, check)
    return _ask_text(label, required, check)


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
        if _other_digits(bad):
            typer.echo(t("prompt.ascii_digits", value=bad), err=True)
        else:
            typer.echo(t("prompt.bad_choice", value=bad), err=True)


def _pick(answer: str, entries: list[tuple[str, str]]) -> str | None:
    """A number from the menu, or a value or label written out."""
    from dxtrack.text import fold

    if answer.isascii() and answer.isdigit() and len(answer) <= MAX_DIGITS:  # 0–9 only
        number = int(answer)
        return entries[number - 1][0] if 1 <= number <= len(entries) else None
    return next((v for v, text in entries if fold(answer) in (fold(v), fold(text))), None)


def _other_digits(answer: str) -> bool:
    """Whether `answer` holds a digit other than 0–9 ("²", "١", "１")."""
    return any(ch.isdigit() and not "0" <= ch <= "9" for ch in answer)


def _question(label: str, required: bool, default: str | None = None) -> str:
    """One answer to `label`, stripped ("" for an optional one skipped with Enter)."""
    if required:
        return typer.prompt(label, default=default).strip()
    return typer.prompt(label + t("prompt.optional"), default="", show_default=False).strip()


def _accepted(value: object, check: Check) -> bool:
    """Whether `check` accepts `value`; if not, say why (the answer is then asked again)."""
    refused = check(value)
    if refused:
        typer.echo(t("prompt.refused", message=" ".join(refused)), err=True)
    return not refused


def _ask_text(label: str, required: bool, check: Check) -> str | None:
    while True:
        answer = _question(label, required)
        if not answer and not required:
            return None
        if answer and _accepted(answer, check):
            return answer


def _ask_many(label: str, required: bool, check: Check) -> list[str] | None:
    """Several text values, comma-separated."""
    while True:
        answer = _question(label + t("prompt.many_text"), required)
        values = [part.strip() for part in answer.split(",") if part.strip()]
        if not values and not required:
            return None
        if values and _accepted(values, check):
            return values


def _ask_date(label: str, required: bool, check: Check) -> date | None:
    while True:
        answer = _question(label, required, default=date.today().isoformat())
        if not answer and not required:
            return None
        value = _read_date(answer)
        if value is not None and _accepted(value, check):
            return value


def _read_date(answer: str) -> date | None:
    """The date typed (YYYY-MM-DD or dd/mm/yyyy), or None after saying why it is not one:
    a day the month does not have is told as such, as for a date option."""
    from dxtrack.cli.common import parse_date
    from dxtrack.errors import SetupError

    try:
        return parse_date(answer, "")
    except SetupError as exc:
        if exc.params.get("problem_key"):
            params = {k: v for k, v in exc.params.items() if k not in ("option", "value")}
            typer.echo(t("prompt.no_such_day", value=answer, **params), err=True)
        else:
            typer.echo(t("prompt.bad_date", value=answer), err=True)
    return None


def _ask_int(label: str, required: bool, check: Check) -> int | None:
    """A whole number in the digits 0–9; anything else is told as `check` tells it (a number
    with thousands dots: "viết 1000"), or as no whole number, and never read as another
    number: other digits ("²", "١٢", "１２") are asked again in 0–9, and a number too long to
    be a count is asked again before Python reads it."""
    while True:
        answer = _question(label, required)
        if not answer and not required:
            return None
        if _other_digits(answer):
            typer.echo(t("prompt.ascii_digits", value=answer), err=True)
        elif _WHOLE.fullmatch(answer) and len(answer.lstrip("+-")) > MAX_DIGITS:
            typer.echo(t("prompt.too_many_digits", digits=len(answer.lstrip("+-")), max=MAX_DIGITS), err=True)
        elif _WHOLE.fullmatch(answer):
            if _accepted(int(answer), check):  # below the least value: told as `check` tells it
                return int(answer)
        elif _accepted(answer, check):  # passed as text, yet not digits (`1.0`): not taken as 1
            typer.echo(t("prompt.bad_number", value=answer), err=True)
