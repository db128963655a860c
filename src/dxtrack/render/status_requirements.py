"""The requirement catalog → terminal table, JSON or Markdown (`dxtrack requirements`)."""

from __future__ import annotations

from dxtrack.catalog import groups, measure_of
from dxtrack.evaluate.status import Requirement
from dxtrack.i18n import current_lang, in_language, t
from dxtrack.render import status_common as common
from dxtrack.render.escape import json_text


def binds_word(req: Requirement) -> str:
    return t(f"requirements.binds.{req.binds}")


@in_language
def render_table(requirements: list[Requirement], thresholds, width: int = 80, color: bool = False) -> str:
    from rich.table import Table
    from rich.text import Text

    from dxtrack.render.status_table import console, output

    con = console(width, color)
    con.print(Text(t("requirements.title", count=len(requirements)), style="bold"))
    for group, reqs in groups(requirements):
        con.print()
        con.print(Text(t(f"status.group.{group}"), style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(min_width=5, no_wrap=True)
        grid.add_column(ratio=1)
        for index, req in enumerate(reqs):
            if index:
                grid.add_row("", "")
            body = Text(common.title(req), style="bold")
            body.append("\n" + t("requirements.binds", who=binds_word(req)), style="cyan")
            body.append(f"\n“{req.text}”", style="italic")
            body.append("\n" + t("requirements.measure", text=measure_of(req, current_lang(), thresholds)), style="dim")
            grid.add_row(Text(req.id, style="bold"), body)
        con.print(grid)
    return output(con)


def requirement_dict(req: Requirement, thresholds) -> dict:
    return {"id": req.id, "section": req.section, "group": req.group, "title": common.title(req),
            "binds": req.binds, "text": req.text, "measure": measure_of(req, current_lang(), thresholds),
            "criteria": [dict(c) for c in req.criteria]}


@in_language
def render_json(requirements: list[Requirement], thresholds, width: int = 80, color: bool = False) -> str:
    body = {"directive": "380-CV/ĐU", "requirements": [requirement_dict(r, thresholds) for r in requirements]}
    return json_text(body)


@in_language
def render_markdown(requirements: list[Requirement], thresholds, width: int = 80, color: bool = False) -> str:
    lines = [f"## {t('requirements.title', count=len(requirements))}", ""]
    for group, reqs in groups(requirements):
        lines += [f"### {t(f'status.group.{group}')}", ""]
        for req in reqs:
            lines += [f"**{req.id}. {common.title(req)}** — {binds_word(req)}", "", f"> {req.text}", "",
                      t("requirements.measure", text=measure_of(req, current_lang(), thresholds)), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


